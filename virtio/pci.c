/* SPDX-License-Identifier: BSD-2-Clause */
/* virtio-pci transport. Modern (VERSION_1) devices are driven through their
 * vendor capabilities, in little-endian; legacy-only devices through I/O BAR
 * 0, where rings and config follow the CPU's (big-endian) byte order. A
 * transitional device is always driven as modern. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../board/barrier.h"
#include "../board/log.h"
#include "../board/mmio.h"
#include "../board/timebase.h"
#include "../lib/err.h"
#include "../dev/binding.h"
#include "ring.h"
#include "virtio.h"

#define VIRTIO_PCI_VENDOR 0x1af4
#define CAP_COMMON 1
#define CAP_NOTIFY 2
#define CAP_ISR 3
#define CAP_DEVICE 4

/* Modern common configuration. */
#define C_DFSELECT 0x00
#define C_DF 0x04
#define C_GFSELECT 0x08
#define C_GF 0x0c
#define C_STATUS 0x14
#define C_Q_SELECT 0x16
#define C_Q_SIZE 0x18
#define C_Q_ENABLE 0x1c
#define C_Q_NOFF 0x1e
#define C_Q_DESC 0x20
#define C_Q_AVAIL 0x28
#define C_Q_USED 0x30

/* Legacy I/O registers. */
#define L_HOST_FEATURES 0x00
#define L_GUEST_FEATURES 0x04
#define L_Q_PFN 0x08
#define L_Q_SIZE 0x0c
#define L_Q_SELECT 0x0e
#define L_Q_NOTIFY 0x10
#define L_STATUS 0x12
#define L_CONFIG 0x14

#define RESET_TIMEOUT_US 1000000

static uint64_t bar_cpu(const struct pci_dev *pd, unsigned bar, uint32_t off, uint32_t len)
{
    if (bar >= PCI_NUM_BARS || !pd->bar[bar].space || pd->bar[bar].space == PCI_SPACE_IO ||
        (uint64_t)off + len > pd->bar[bar].size)
        return 0;
    return pd->bar[bar].cpu + off;
}

#define MAX_CAPS 48          /* config space holds fewer: more means a loop */

static bool find_caps(struct pci_dev *pd, struct virtio_dev *vd)
{
    unsigned seen = 0;
    for (unsigned pos = pci_find_cap(pd, 0x09, 0); pos && seen < MAX_CAPS;
         pos = pci_find_cap(pd, 0x09, pos), seen++) {
        uint8_t type = (uint8_t)pci_cfg_read(pd, pos + 3, 1);
        uint8_t bar = (uint8_t)pci_cfg_read(pd, pos + 4, 1);
        uint32_t off = pci_cfg_read(pd, pos + 8, 4), len = pci_cfg_read(pd, pos + 12, 4);
        uint64_t addr = bar_cpu(pd, bar, off, len);
        if (!addr)
            continue;
        if (type == CAP_COMMON && !vd->common && len >= 0x38)
            vd->common = addr;
        else if (type == CAP_NOTIFY && !vd->notify) {
            vd->notify = addr;
            vd->notify_mult = pci_cfg_read(pd, pos + 16, 4);
        } else if (type == CAP_ISR && !vd->isr)
            vd->isr = addr;
        else if (type == CAP_DEVICE && !vd->devcfg)
            vd->devcfg = addr;
    }
    return vd->common && vd->notify && vd->devcfg;
}

const char *virtio_type_name(uint16_t id)
{
    static const char *const names[] = {
        [1] = "network", [2] = "block", [3] = "console", [4] = "entropy", [5] = "balloon",
        [8] = "SCSI", [9] = "9p", [16] = "GPU", [18] = "input", [19] = "vsock", [26] = "file system",
    };
    return id < sizeof(names) / sizeof(names[0]) ? names[id] : NULL;
}

bool virtio_pci_probe(struct pci_dev *pd, struct virtio_dev *vd)
{
    if (pd->vendor != VIRTIO_PCI_VENDOR || pd->device < 0x1000 || pd->device > 0x107f)
        return false;
    memset(vd, 0, sizeof(*vd));
    vd->pci = pd;
    if (pd->device >= 0x1040)
        vd->id = pd->device - 0x1040;
    else
        vd->id = (uint16_t)pci_cfg_read(pd, 0x2e, 2);   /* transitional: subsystem id */
    if (find_caps(pd, vd)) {
        vd->modern = vd->le = true;
        return true;
    }
    if (pd->device < 0x1040 && pd->bar[0].space == PCI_SPACE_IO) {
        vd->io = pd->bar[0].cpu;
        return true;
    }
    if (pd->device < 0x1040 && pd->bar[0].no_room == PCI_SPACE_IO)
        log_error("virtio %s: a legacy-only device, and its I/O BAR got no address (the PHB's I/O "
                  "space is full); not used\n", pd->node->name);
    else
        log_error("virtio %s: neither modern capabilities nor a legacy I/O BAR\n", pd->node->name);
    return false;
}

static uint8_t get_status(struct virtio_dev *vd)
{
    return vd->modern ? (uint8_t)mmio_read(vd->common + C_STATUS, 1)
                      : (uint8_t)mmio_read(vd->io + L_STATUS, 1);
}

static void set_status(struct virtio_dev *vd, uint8_t s)
{
    if (vd->modern)
        mmio_write(vd->common + C_STATUS, 1, s);
    else
        mmio_write(vd->io + L_STATUS, 1, s);
}

void virtio_reset(struct virtio_dev *vd)
{
    set_status(vd, 0);
    uint64_t end = timebase_us() + RESET_TIMEOUT_US;
    while (get_status(vd) != 0)
        if (timebase_us() > end) {
            log_error("virtio %s: does not finish its reset\n", vd->pci->node->name);
            return;
        }
}

void virtio_fail(struct virtio_dev *vd, const char *why)
{
    log_error("virtio %s: %s; device marked failed\n", vd->pci->node->name, why);
    set_status(vd, get_status(vd) | VIRTIO_STATUS_FAILED);
}

static uint64_t device_features(struct virtio_dev *vd)
{
    if (!vd->modern)
        return mmio_read_le(vd->io + L_HOST_FEATURES, 4);
    mmio_write_le(vd->common + C_DFSELECT, 4, 0);
    uint64_t lo = mmio_read_le(vd->common + C_DF, 4);
    mmio_write_le(vd->common + C_DFSELECT, 4, 1);
    return lo | (uint64_t)mmio_read_le(vd->common + C_DF, 4) << 32;
}

static void driver_features(struct virtio_dev *vd, uint64_t f)
{
    if (!vd->modern) {
        mmio_write_le(vd->io + L_GUEST_FEATURES, 4, (uint32_t)f);
        return;
    }
    mmio_write_le(vd->common + C_GFSELECT, 4, 0);
    mmio_write_le(vd->common + C_GF, 4, (uint32_t)f);
    mmio_write_le(vd->common + C_GFSELECT, 4, 1);
    mmio_write_le(vd->common + C_GF, 4, (uint32_t)(f >> 32));
}

int virtio_start(struct virtio_dev *vd, uint64_t driver_supported)
{
    virtio_reset(vd);
    set_status(vd, VIRTIO_STATUS_ACKNOWLEDGE);
    set_status(vd, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);
    vd->offered = device_features(vd);
    uint64_t supported = driver_supported;
    if (vd->modern)
        supported |= VIRTIO_F_VERSION_1 | VIRTIO_F_ACCESS_PLATFORM;
    vd->features = vd->offered & supported;
    if (vd->modern && !(vd->features & VIRTIO_F_VERSION_1)) {
        virtio_fail(vd, "modern interface without VERSION_1");
        return ERR_IO;
    }
    driver_features(vd, vd->features);
    if (vd->modern) {
        set_status(vd, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER | VIRTIO_STATUS_FEATURES_OK);
        if (!(get_status(vd) & VIRTIO_STATUS_FEATURES_OK)) {
            virtio_fail(vd, "refused the features offered back to it (FEATURES_OK not kept)");
            return ERR_IO;
        }
    }
    bool translated = (vd->features & VIRTIO_F_ACCESS_PLATFORM) != 0;
    /* A secure guest lets a device reach only pages it shares, so the device
     * must do its DMA through the platform (Linux refuses the others too). */
    if (dma_bounce_required() && !(vd->features & VIRTIO_F_VERSION_1)) {
        virtio_fail(vd, "is legacy-only (no VERSION_1), which a secure guest cannot use: refused");
        return ERR_INVALID;
    }
    if (dma_bounce_required() && !translated) {
        virtio_fail(vd, "does not offer ACCESS_PLATFORM, which a secure guest needs: refused");
        return ERR_INVALID;
    }
    int err = dma_ctx_new(&vd->pci->phb->dma, translated, &vd->dma);
    if (err) {
        vd->dma = NULL;
        virtio_fail(vd, err == ERR_NOT_FOUND ? "needs the IOMMU but its PHB has no DMA window"
                                             : "no memory for its DMA context");
        return err;
    }
    return 0;
}

int virtio_abandon(struct virtio_dev *vd)
{
    if (vd->dma)
        dma_ctx_free(vd->dma);
    vd->dma = NULL;
    return ERR_IO;
}

/* Stop the device and take back everything it could reach. */
static void stop(struct dma_device *d)
{
    struct virtio_dev *vd = (struct virtio_dev *)((char *)d - offsetof(struct virtio_dev, dmadev));
    virtio_reset(vd);
    if (vd->dma)
        dma_ctx_free(vd->dma);
    vd->dma = NULL;
}

/* Set up again after stop(); a device that now refuses (a secure guest's
 * rules) says no DMA mode in the tree. */
static int start(struct dma_device *d)
{
    struct virtio_dev *vd = (struct virtio_dev *)((char *)d - offsetof(struct virtio_dev, dmadev));
    int err = vd->setup(vd);
    if (err)
        virtio_publish_dma(vd);
    return err;
}

void *virtio_adopt(const struct virtio_dev *probed, size_t size,
                   int (*setup)(struct virtio_dev *vd), int *err)
{
    struct virtio_dev *vd = calloc(1, size);
    if (!vd) {
        *err = ERR_NO_MEMORY;
        return NULL;
    }
    *vd = *probed;
    *err = setup(vd);
    if (*err) {
        free(vd);
        return NULL;
    }
    sniprintf(vd->name, sizeof(vd->name), "virtio %s", vd->pci->node->name);
    vd->setup = setup;
    vd->dmadev = (struct dma_device){ vd->name, stop, start };
    *err = dmadev_register(&vd->dmadev);
    if (*err) {                   /* untracked: nothing would stop it at hand-off */
        stop(&vd->dmadev);
        free(vd);
        return NULL;
    }
    return vd;
}

void virtio_driver_ok(struct virtio_dev *vd)
{
    set_status(vd, get_status(vd) | VIRTIO_STATUS_DRIVER_OK);
}

uint32_t virtio_cfg_read(struct virtio_dev *vd, unsigned off, unsigned size)
{
    if (vd->modern)
        return mmio_read_le(vd->devcfg + off, size);
    /* Legacy config is in the CPU's byte order, behind a little-endian port. */
    return (uint32_t)mmio_read(vd->io + L_CONFIG + off, size);
}

uint64_t virtio_cfg_read64(struct virtio_dev *vd, unsigned off)
{
    uint32_t first = virtio_cfg_read(vd, off, 4), second = virtio_cfg_read(vd, off + 4, 4);
    return vd->le ? ((uint64_t)second << 32 | first) : ((uint64_t)first << 32 | second);
}

/* Largest queue the device allows for queue idx; 0 if there is none. */
static uint16_t queue_max(struct virtio_dev *vd, uint16_t idx)
{
    if (!vd->modern) {
        mmio_write_le(vd->io + L_Q_SELECT, 2, idx);
        return (uint16_t)mmio_read_le(vd->io + L_Q_SIZE, 2);
    }
    mmio_write_le(vd->common + C_Q_SELECT, 2, idx);
    return (uint16_t)mmio_read_le(vd->common + C_Q_SIZE, 2);
}

static void queue_enable(struct virtio_dev *vd, struct virtq *vq)
{
    if (!vd->modern) {
        mmio_write_le(vd->io + L_Q_SELECT, 2, vq->index);
        mmio_write_le(vd->io + L_Q_PFN, 4, (uint32_t)(vq->mem.bus / 4096));
        return;
    }
    uint64_t c = vd->common;
    mmio_write_le(c + C_Q_SELECT, 2, vq->index);
    mmio_write_le(c + C_Q_SIZE, 2, vq->size);
    mmio_write_le(c + C_Q_DESC, 4, (uint32_t)vq->desc_bus);
    mmio_write_le(c + C_Q_DESC + 4, 4, (uint32_t)(vq->desc_bus >> 32));
    mmio_write_le(c + C_Q_AVAIL, 4, (uint32_t)vq->avail_bus);
    mmio_write_le(c + C_Q_AVAIL + 4, 4, (uint32_t)(vq->avail_bus >> 32));
    mmio_write_le(c + C_Q_USED, 4, (uint32_t)vq->used_bus);
    mmio_write_le(c + C_Q_USED + 4, 4, (uint32_t)(vq->used_bus >> 32));
    vq->notify_addr = vd->notify + (uint64_t)mmio_read_le(c + C_Q_NOFF, 2) * vd->notify_mult;
    mmio_write_le(c + C_Q_ENABLE, 2, 1);
}

int virtio_queue_setup(struct virtio_dev *vd, uint16_t idx, uint16_t want, uint16_t least,
                       struct virtq *vq, struct dma_buf *ring)
{
    uint16_t max = queue_max(vd, idx);
    uint16_t size = vd->modern && max > want ? want : max;   /* a legacy device's size is fixed */
    if (size < least || size > VIRTQ_MAX_SIZE || (size & (size - 1)))
        return ERR_INVALID;
    if (dma_alloc(vd->dma, virtq_mem_size(size, !vd->modern), ring))
        return ERR_NO_MEMORY;
    int err = virtq_init(vq, idx, size, vd->le, !vd->modern, ring);
    if (err)
        return err;
    queue_enable(vd, vq);
    return 0;
}

void virtio_notify(struct virtio_dev *vd, struct virtq *vq)
{
    barrier_full();
    if (vd->modern)
        mmio_write_le(vq->notify_addr, 2, vq->index);
    else
        mmio_write_le(vd->io + L_Q_NOTIFY, 2, vq->index);
}

void virtio_publish_dma(struct virtio_dev *vd)
{
    binding_publish(vd->pci->node, vd->dma);
    if (vd->dma)
        dt_set_u32(vd->pci->node, SLUICE_PROP_ACCESS_PLATFORM,
                   (vd->offered & VIRTIO_F_ACCESS_PLATFORM) ? 1 : 0);
}
