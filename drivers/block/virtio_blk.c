/* SPDX-License-Identifier: BSD-2-Clause */
/* virtio-blk: reads, polled, through one DMA buffer per disk that stays
 * mapped for the disk's life (so a read costs no TCE hypercalls). Large
 * reads go in requests of up to BLK_IO_BYTES, split into as many data
 * descriptors as the device's size_max and seg_max require. */
#include <stdlib.h>
#include <string.h>
#include "../../board/log.h"
#include "../../board/timebase.h"
#include "../../dev/blockdev.h"
#include "../../lib/bytes.h"
#include "../../lib/err.h"
#include "../../virtio/ring.h"
#include "../drivers.h"

#define BLK_F_SIZE_MAX (1ull << 1)
#define BLK_F_SEG_MAX (1ull << 2)
#define BLK_F_RO (1ull << 5)
#define BLK_F_BLK_SIZE (1ull << 6)
#define BLK_T_IN 0
#define BLK_S_OK 0

#define BLK_IO_BYTES (1u << 20)
#define BLK_HDR_BYTES 4096            /* request header and status share a page */
#define BLK_QUEUE_SIZE 64
#define BLK_TIMEOUT_US 10000000
#define SECTOR 512

struct vblk {
    struct virtio_dev vd;         /* first: setup is handed a struct virtio_dev * */
    bool ready;                   /* set up and usable (not refused) */
    struct virtq vq;
    struct dma_buf ring, io;
    uint32_t size_max, seg_max, blk_size;
    uint64_t sectors;
    struct blockdev bdev;
};

/* One request: count sectors at `sector` into the I/O buffer's data area. */
static int request(struct vblk *b, uint64_t sector, uint32_t count)
{
    uint8_t hdr[17], status;
    uint32_t bytes = count * SECTOR;
    struct virtq_sg sg[VIRTQ_MAX_CHAIN];
    unsigned n = 0;

    put_uint(hdr, 4, b->vd.le, BLK_T_IN);
    put_uint(hdr + 4, 4, b->vd.le, 0);
    put_uint(hdr + 8, 8, b->vd.le, sector);
    hdr[16] = 0xff;               /* the status the device must overwrite */
    sg[n++] = (struct virtq_sg){ b->io.bus, 16, false };
    for (uint32_t off = 0; off < bytes;) {
        uint32_t len = bytes - off < b->size_max ? bytes - off : b->size_max;
        sg[n++] = (struct virtq_sg){ b->io.bus + BLK_HDR_BYTES + off, len, true };
        off += len;
    }
    sg[n++] = (struct virtq_sg){ b->io.bus + 16, 1, true };
    dma_copy_to_device(b->vd.dma, &b->io, 0, hdr, sizeof(hdr));
    int head = virtq_add(&b->vq, sg, n);
    if (head < 0) {
        log_error("virtio-blk %s: %s\n", b->vd.pci->node->name, virtq_strerror(head));
        return ERR_IO;
    }
    virtio_notify(&b->vd, &b->vq);

    uint64_t deadline = timebase_us() + BLK_TIMEOUT_US;
    uint16_t done;
    uint32_t len;
    int rc;
    while ((rc = virtq_get_used(&b->vq, &done, &len)) == 0)
        if (timebase_us() > deadline) {
            log_error("virtio-blk %s: read of sector %lu timed out\n", b->vd.pci->node->name,
                      (unsigned long)sector);
            return ERR_IO;
        }
    if (rc < 0 || done != head) {
        virtio_fail(&b->vd, rc < 0 ? virtq_strerror(rc) : "completed a request it was not given");
        b->ready = false;
        return ERR_IO;
    }
    dma_copy_from_device(b->vd.dma, &b->io, 16, &status, 1);
    if (status != BLK_S_OK || len < 1) {
        if (blockdev_error_shown(&b->bdev))
            log_error("virtio-blk %s: read of sector %lu failed (status %u)\n",
                      b->vd.pci->node->name, (unsigned long)sector, status);
        return ERR_IO;
    }
    return 0;
}

static int vblk_read(struct blockdev *dev, uint64_t lba, uint64_t count, void *buf)
{
    struct vblk *b = dev->priv;
    if (!b->ready || !b->vd.dma) {        /* refused, failed, or stopped at hand-off */
        log_error("virtio-blk %s: not usable (failed or refused)\n", b->vd.pci->node->name);
        return ERR_IO;
    }
    uint64_t per_block = dev->block_size / SECTOR;
    uint64_t sector = lba * per_block, left = count * per_block;
    uint32_t max = (uint32_t)((uint64_t)b->size_max * b->seg_max / SECTOR);
    if (max > BLK_IO_BYTES / SECTOR)
        max = BLK_IO_BYTES / SECTOR;
    uint8_t *dst = buf;
    while (left) {
        uint32_t n = left < max ? (uint32_t)left : max;
        int err = request(b, sector, n);
        if (!err)
            err = dma_copy_from_device(b->vd.dma, &b->io, BLK_HDR_BYTES, dst, (uint64_t)n * SECTOR);
        if (err)
            return err;
        dst += (size_t)n * SECTOR;
        sector += n;
        left -= n;
    }
    return 0;
}

/* Negotiate, read the geometry, set up the queue and buffers: at probe, and
 * again when secure mode moves the disk onto bounce buffers. */
static int vblk_setup(struct virtio_dev *vd)
{
    struct vblk *b = (struct vblk *)vd;
    b->ready = false;
    int err = virtio_start(vd, BLK_F_SIZE_MAX | BLK_F_SEG_MAX | BLK_F_BLK_SIZE | BLK_F_RO);
    if (err)
        return err;
    uint64_t f = vd->features;
    b->sectors = virtio_cfg_read64(vd, 0);
    b->blk_size = (f & BLK_F_BLK_SIZE) ? virtio_cfg_read(vd, 20, 4) : SECTOR;
    b->size_max = (f & BLK_F_SIZE_MAX) ? virtio_cfg_read(vd, 8, 4) : BLK_IO_BYTES;
    b->seg_max = (f & BLK_F_SEG_MAX) ? virtio_cfg_read(vd, 12, 4) : VIRTQ_MAX_CHAIN - 2;
    /* Device-supplied numbers, clamped to what can work. */
    if (b->blk_size < SECTOR || b->blk_size > 65536 || (b->blk_size & (b->blk_size - 1)))
        b->blk_size = SECTOR;
    if (b->size_max < 4096 || b->size_max > BLK_IO_BYTES)
        b->size_max = b->size_max < 4096 ? 4096 : BLK_IO_BYTES;
    if (b->seg_max < 1 || b->seg_max > VIRTQ_MAX_CHAIN - 2)
        b->seg_max = VIRTQ_MAX_CHAIN - 2;

    err = virtio_queue_setup(vd, 0, BLK_QUEUE_SIZE, 1, &b->vq, &b->ring);
    if (err || dma_alloc(vd->dma, BLK_HDR_BYTES + BLK_IO_BYTES, &b->io)) {
        virtio_fail(vd, err == ERR_INVALID ? "offers no usable request queue"
                                           : "cannot set up its request queue");
        return virtio_abandon(vd);
    }
    virtio_driver_ok(vd);
    virtio_publish_dma(vd);
    b->ready = true;
    return 0;
}

int vblk_probe(struct virtio_dev *vd)
{
    int err;
    struct vblk *b = virtio_adopt(vd, sizeof(*b), vblk_setup, &err);
    if (!b)
        return err;
    b->bdev.node = vd->pci->node;
    b->bdev.block_size = b->blk_size;
    b->bdev.nblocks = b->sectors / (b->blk_size / SECTOR);
    b->bdev.read = vblk_read;
    b->bdev.priv = b;
    dt_set_string(vd->pci->node, "device_type", "block");
    err = registry_add(&blockdevs, &b->bdev);
    if (err) {
        log_error("virtio-blk %s: no memory to register it; not used\n", vd->pci->node->name);
        return err;
    }
    log_info("virtio-blk %s: %lu MiB, %s interface, DMA %s\n", vd->pci->node->name,
             (unsigned long)(b->sectors / 2048), b->vd.modern ? "modern" : "legacy",
             dma_mode_name(dma_ctx_mode(b->vd.dma)));
    return 0;
}
