/* Block devices: what every disk and CD driver registers, and the one way the
 * rest of the firmware (loaders, the OF disk package, the boot manager)
 * reads them. */
#ifndef DEV_BLOCKDEV_H
#define DEV_BLOCKDEV_H

#include <stdint.h>
#include "../fdt/tree.h"

struct blockdev {
    struct dt_node *node;
    uint32_t block_size;          /* 512, 2048 or 4096 */
    uint64_t nblocks;
    /* The driver's read: whole blocks into any memory the firmware may
     * write; 0 or a negative ERR_*. Called only through blockdev_read. */
    int (*read)(struct blockdev *dev, uint64_t lba, uint64_t count, void *buf);
    void *priv;
};

/* 0, or ERR_NO_MEMORY (the device is then not registered). */
int blockdev_register(struct blockdev *dev);
unsigned blockdev_count(void);
struct blockdev *blockdev_get(unsigned i);
struct blockdev *blockdev_of_node(const struct dt_node *node);
/* Read count blocks at lba: ERR_RANGE past the end, else the driver's
 * result. Runs the secure-mode transition first if the guest turned secure. */
int blockdev_read(struct blockdev *dev, uint64_t lba, uint64_t count, void *buf);
/* blockdev_read for callbacks that carry the device as ctx (part_read_fn). */
int blockdev_read_fn(void *ctx, uint64_t lba, uint32_t count, void *buf);

#endif
