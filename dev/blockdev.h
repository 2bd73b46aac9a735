/* Block devices: what every disk and CD driver registers, and the one way the
 * rest of the firmware (loaders, the OF disk package, the boot manager)
 * reads them. */
#ifndef DEV_BLOCKDEV_H
#define DEV_BLOCKDEV_H

#include <stdbool.h>
#include <stdint.h>
#include "../fdt/tree.h"
#include "registry.h"

struct blockdev {
    struct dt_node *node;         /* first, for the registry */
    uint32_t block_size;          /* 512, 2048 or 4096 */
    uint64_t nblocks;
    bool cdrom;                   /* a CD/DVD: aliased "cdrom", may hold ISO9660 */
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
/* Whether a driver should log this read error: the first few of each
 * device, then one line saying the rest are not shown (a client reading a
 * failing CD block by block would otherwise flood the console). */
bool blockdev_error_shown(struct blockdev *dev);
/* blockdev_read for callbacks that carry the device as ctx (part_read_fn). */
int blockdev_read_fn(void *ctx, uint64_t lba, uint32_t count, void *buf);

#endif
