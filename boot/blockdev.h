/* Disks as the boot code and the OF disk package see them: blocks and a
 * read function. Drivers register one per disk. */
#ifndef BOOT_BLOCKDEV_H
#define BOOT_BLOCKDEV_H

#include <stdint.h>
#include "../fdt/tree.h"

#define BLOCKDEV_MAX 16

struct blockdev {
    struct dt_node *node;
    uint32_t block_size;
    uint64_t nblocks;
    /* Read whole blocks into any memory the firmware may write. 0 or -1. */
    int (*read)(struct blockdev *dev, uint64_t lba, uint64_t count, void *buf);
    void *priv;
};

int blockdev_register(struct blockdev *dev);
unsigned blockdev_count(void);
struct blockdev *blockdev_get(unsigned i);
struct blockdev *blockdev_of_node(const struct dt_node *node);
/* A part_read_fn over a blockdev (ctx is the struct blockdev *). */
int blockdev_read_fn(void *ctx, uint64_t lba, uint32_t count, void *buf);

#endif
