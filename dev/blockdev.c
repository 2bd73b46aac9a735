#include "../lib/err.h"
#include "../lib/vec.h"
#include "blockdev.h"
#include "secure.h"

static struct vec devs;

int blockdev_register(struct blockdev *dev)
{
    return vec_push(&devs, dev);
}

unsigned blockdev_count(void)
{
    return devs.n;
}

struct blockdev *blockdev_get(unsigned i)
{
    return i < devs.n ? devs.item[i] : NULL;
}

struct blockdev *blockdev_of_node(const struct dt_node *node)
{
    for (unsigned i = 0; i < devs.n; i++)
        if (blockdev_get(i)->node == node)
            return blockdev_get(i);
    return NULL;
}

int blockdev_read(struct blockdev *dev, uint64_t lba, uint64_t count, void *buf)
{
    secure_poll();
    if (lba > dev->nblocks || count > dev->nblocks - lba)
        return ERR_RANGE;
    return count ? dev->read(dev, lba, count, buf) : 0;
}

int blockdev_read_fn(void *ctx, uint64_t lba, uint32_t count, void *buf)
{
    return blockdev_read(ctx, lba, count, buf);
}
