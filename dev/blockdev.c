#include "../board/log.h"
#include "../lib/err.h"
#include "blockdev.h"
#include "secure.h"

#define ERRORS_SHOWN 4

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

bool blockdev_error_shown(struct blockdev *dev)
{
    if (dev->read_errors < ERRORS_SHOWN) {
        dev->read_errors++;
        return true;
    }
    if (dev->read_errors++ == ERRORS_SHOWN) {
        char path[256];
        dt_path(dev->node, path, sizeof(path));
        log_error("%s: more read errors; not shown\n", path);
    }
    return false;
}
