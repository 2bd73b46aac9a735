/* SPDX-License-Identifier: BSD-2-Clause */
/* Devices that do DMA, as the secure-mode transition and the hand-off see
 * them: each can be stopped (the device reset, every DMA buffer freed and
 * its TCEs cleared) and started again in whatever mode the DMA layer now
 * gives new buffers. Drivers (or their transport) register one per device;
 * they never learn why they are stopped or restarted. */
#ifndef DEV_DMADEV_H
#define DEV_DMADEV_H

struct dma_device {
    const char *name;             /* for the log: "virtio scsi@0" */
    void (*stop)(struct dma_device *d);
    /* Set up again; 0, or a negative ERR_* with the reason logged (the
     * device then stays stopped and its driver fails I/O). */
    int (*start)(struct dma_device *d);
};

/* 0, or ERR_NO_MEMORY (logged; the device is then stopped at hand-off by
 * nobody, so callers fail their probe). */
int dmadev_register(struct dma_device *d);
unsigned dmadev_count(void);
struct dma_device *dmadev_get(unsigned i);
/* Before the OS runs: stop every device; none is restarted. */
void dmadev_stop_all(void);

#endif
