/* SPDX-License-Identifier: BSD-2-Clause */
/* The device drivers, and the one walk that starts them. Each driver is a
 * file here; it registers what it drives with the device layer (dev/) and
 * never learns the DMA mode or the ultravisor. */
#ifndef DRIVERS_DRIVERS_H
#define DRIVERS_DRIVERS_H

#include "../vio/vio.h"
#include "../virtio/virtio.h"

/* Probe every device the machine has and start the drivers Sluice has;
 * one line for each device it has no driver for. */
void drivers_probe(void);
/* How many devices drivers_probe passed over for want of a driver. */
unsigned drivers_skipped(void);
/* One more passed over: a device behind a bus a driver walks (USB). */
void drivers_count_skipped(void);

/* virtio devices, by virtio device id: 0, or a negative ERR_* (logged). */
int vblk_probe(struct virtio_dev *vd);
int vnet_probe(struct virtio_dev *vd);
int vscsi_pci_probe(struct virtio_dev *vd);
int vcons_probe(struct virtio_dev *vd);
/* Other PCI functions, by class code. */
int nvme_probe(struct pci_dev *pd);
int e1000_probe(struct pci_dev *pd);
int vga_probe(struct pci_dev *pd);
int xhci_probe(struct pci_dev *pd);
/* VIO devices, by compatible. */
int vscsi_probe(const struct vio_dev *vio);
int vlan_probe(const struct vio_dev *vio);
int vtpm_probe(const struct vio_dev *vio);
int vtpm12_probe(const struct vio_dev *vio);

#endif
