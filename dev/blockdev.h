/* SPDX-License-Identifier: BSD-2-Clause */
/* Block devices: what every disk and CD driver registers, and the one way the
 * rest of the firmware (loaders, the OF disk package, the boot manager)
 * reads them. */
#ifndef DEV_BLOCKDEV_H
#define DEV_BLOCKDEV_H

#include <stdbool.h>
#include <stdint.h>
#include "../fdt/tree.h"
#include "registry.h"

#define BLOCKDEV_UNIT_MAX 24

/* A device is its node, or, where one node stands for every unit of a bus
 * (a SCSI host's "disk": IEEE 1275's wildcard node), its node and the unit
 * address paths give after it: /vdevice/v-scsi@71000002/disk@8200000000000000. */
struct blockdev {
    struct dt_node *node;         /* first, for the registry */
    char unit[BLOCKDEV_UNIT_MAX]; /* "" when the node is the device */
    uint32_t block_size;          /* 512, 2048 or 4096 */
    uint64_t nblocks;
    bool cdrom;                   /* a CD/DVD: aliased "cdrom", may hold ISO9660 */
    /* Its parent's path names it too: QEMU's boot list names an NVMe
     * controller, or "<controller>/nvme-ns", for a namespace's bootindex. */
    bool named_by_parent;
    unsigned read_errors;         /* counted by blockdev_error_shown */
    /* The driver's read: whole blocks into any memory the firmware may
     * write; 0 or a negative ERR_*. Called only through blockdev_read. */
    int (*read)(struct blockdev *dev, uint64_t lba, uint64_t count, void *buf);
    void *priv;
};

/* Every disk and CD, in the order drivers found them (registry.h). */
extern struct registry blockdevs;
/* Read count blocks at lba: ERR_RANGE past the end, else the driver's
 * result. Runs the secure-mode transition first if the guest turned secure. */
int blockdev_read(struct blockdev *dev, uint64_t lba, uint64_t count, void *buf);
/* Its full path ("/pci@800000020000000/scsi@2",
 * "/vdevice/v-scsi@71000002/disk@8000000000000000"): the length dt_path
 * would give. */
size_t blockdev_path(const struct blockdev *dev, char *buf, size_t size);
/* Its last path component, for the log: "scsi@2", "disk@8000000000000000". */
const char *blockdev_name(const struct blockdev *dev, char *buf, size_t size);
/* The device at a node and unit address (compared ignoring case), or NULL. */
struct blockdev *blockdev_at(const struct dt_node *node, const char *unit);
/* Whether a driver should log this read error: the first few of each
 * device, then one line saying the rest are not shown (a client reading a
 * failing CD block by block would otherwise flood the console). */
bool blockdev_error_shown(struct blockdev *dev);
/* blockdev_read for callbacks that carry the device as ctx (part_read_fn). */
int blockdev_read_fn(void *ctx, uint64_t lba, uint32_t count, void *buf);

#endif
