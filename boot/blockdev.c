#include <stddef.h>
#include "blockdev.h"

static struct blockdev *devs[BLOCKDEV_MAX];
static unsigned ndevs;

int blockdev_register(struct blockdev *dev)
{
    if (ndevs == BLOCKDEV_MAX)
        return -1;
    devs[ndevs++] = dev;
    return 0;
}

unsigned blockdev_count(void)
{
    return ndevs;
}

struct blockdev *blockdev_get(unsigned i)
{
    return i < ndevs ? devs[i] : NULL;
}

struct blockdev *blockdev_of_node(const struct dt_node *node)
{
    for (unsigned i = 0; i < ndevs; i++)
        if (devs[i]->node == node)
            return devs[i];
    return NULL;
}

int blockdev_read_fn(void *ctx, uint64_t lba, uint32_t count, void *buf)
{
    struct blockdev *dev = ctx;
    return dev->read(dev, lba, count, buf);
}
