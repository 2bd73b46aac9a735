/* SPDX-License-Identifier: BSD-2-Clause */
/* virtio over PCI: the transport half (Linux's virtio_pci_modern/legacy
 * split, in one small file). Device drivers see features, queues and
 * config reads; DMA goes through the device's dma_ctx. */
#ifndef VIRTIO_VIRTIO_H
#define VIRTIO_VIRTIO_H

#include <stdbool.h>
#include <stdint.h>
#include "../dev/dmadev.h"
#include "../dma/dma.h"
#include "../pci/pci.h"

#define VIRTIO_STATUS_ACKNOWLEDGE 1
#define VIRTIO_STATUS_DRIVER 2
#define VIRTIO_STATUS_DRIVER_OK 4
#define VIRTIO_STATUS_FEATURES_OK 8
#define VIRTIO_STATUS_FAILED 0x80

#define VIRTIO_F_VERSION_1 (1ull << 32)
#define VIRTIO_F_ACCESS_PLATFORM (1ull << 33)

#define VIRTIO_ID_NET 1
#define VIRTIO_ID_BLOCK 2
#define VIRTIO_ID_CONSOLE 3
#define VIRTIO_ID_SCSI 8

struct virtq;

struct virtio_dev {
    struct pci_dev *pci;
    uint16_t id;                 /* VIRTIO_ID_* */
    bool modern;
    bool le;                     /* ring and config byte order */
    uint64_t common, isr, devcfg, notify;   /* CPU addresses (modern) */
    uint32_t notify_mult;
    uint64_t io;                 /* legacy I/O base, CPU address */
    uint64_t offered, features;
    struct dma_ctx *dma;
    /* For the secure-mode transition and the hand-off (dev/dmadev.h). */
    struct dma_device dmadev;
    char name[48];               /* "virtio <node name>" */
    int (*setup)(struct virtio_dev *vd);
};

/* "block", "9p", "entropy", ...: what a virtio device type is, for the
 * log; NULL for one not named here. */
const char *virtio_type_name(uint16_t id);
/* Is this PCI function a virtio device we can talk to? Fills in vd. */
bool virtio_pci_probe(struct pci_dev *pd, struct virtio_dev *vd);
/* Reset, acknowledge, and negotiate: the features the driver implements
 * (plus VERSION_1 and ACCESS_PLATFORM, which the transport implements)
 * that the device offers. Picks the DMA mode; in bounce mode refuses a
 * device without VERSION_1 and ACCESS_PLATFORM. 0, or a negative ERR_* with
 * the device marked failed and the reason logged. */
int virtio_start(struct virtio_dev *vd, uint64_t driver_features);
/* A driver's setup failed after virtio_start: drop the DMA context (and
 * every buffer in it). Returns ERR_IO for the driver to pass on. */
int virtio_abandon(struct virtio_dev *vd);
/* A driver's own copy of a probed device: `size` zeroed bytes beginning
 * with a struct virtio_dev (the driver's struct has it first), started with
 * the driver's setup (virtio_start, queues, buffers), and registered for
 * the secure-mode transition, which stops it (reset, DMA freed) and calls
 * setup again, and for the hand-off, which stops it. NULL with *err set
 * (setup's error, or ERR_NO_MEMORY) when it could not be; nothing is left
 * running then. */
void *virtio_adopt(const struct virtio_dev *vd, size_t size,
                   int (*setup)(struct virtio_dev *vd), int *err);
/* Tell the device it may run (after its queues are set up). */
void virtio_driver_ok(struct virtio_dev *vd);
void virtio_fail(struct virtio_dev *vd, const char *why);
void virtio_reset(struct virtio_dev *vd);
uint32_t virtio_cfg_read(struct virtio_dev *vd, unsigned off, unsigned size);
uint64_t virtio_cfg_read64(struct virtio_dev *vd, unsigned off);
/* Queue idx set up and enabled: `want` entries on a modern device (a legacy
 * device's size is its own), the ring in DMA memory from the device's
 * context. 0; ERR_INVALID when the device's size is unusable (none, fewer
 * than `least`, not a power of two), ERR_NO_MEMORY, or virtq_init's error. */
int virtio_queue_setup(struct virtio_dev *vd, uint16_t idx, uint16_t want, uint16_t least,
                       struct virtq *vq, struct dma_buf *ring);
void virtio_notify(struct virtio_dev *vd, struct virtq *vq);
/* What the device tree says about this device's DMA (the sluice,* binding);
 * nothing for a device the firmware no longer drives. */
void virtio_publish_dma(struct virtio_dev *vd);

#endif
