/* Every virtio device the firmware drives, from probe to hand-off. */
#ifndef VIRTIO_DEVICES_H
#define VIRTIO_DEVICES_H

#include "virtio.h"

/* Probe each virtio PCI function and start the drivers Sluice has. */
void virtio_probe_all(void);
/* Remember a started device, and how its driver sets it up again. */
void virtio_track(struct virtio_dev *vd, int (*setup)(struct virtio_dev *vd));
/* Secure mode: stop every device, free its buffers, and set it up again
 * (bounce buffers now); a device that cannot do bounce DMA stays stopped,
 * its driver failing I/O with a message. */
void virtio_bounce_all(void);
/* Before the OS runs: reset every device and drop all its DMA mappings. */
void virtio_quiesce_all(void);

int vblk_probe(struct virtio_dev *vd);
int vnet_probe(struct virtio_dev *vd);

#endif
