#include "../lib/err.h"
#include "blockdev.h"
#include "secure.h"

struct registry blockdevs;

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
