/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "../board/log.h"
#include "../board/watchdog.h"
#include "../lib/err.h"
#include "blockdev.h"
#include "secure.h"

#define ERRORS_SHOWN 4

struct registry blockdevs;

int blockdev_read(struct blockdev *dev, uint64_t lba, uint64_t count, void *buf)
{
    secure_poll();
    watchdog_check();
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
        blockdev_path(dev, path, sizeof(path));
        log_error("%s: more read errors; not shown\n", path);
    }
    return false;
}

size_t blockdev_path(const struct blockdev *dev, char *buf, size_t size)
{
    size_t n = dt_path(dev->node, buf, size);
    if (dev->unit[0] && n < size)
        sniprintf(buf + n, size - n, "@%s", dev->unit);
    return n + (dev->unit[0] ? 1 + strlen(dev->unit) : 0);
}

const char *blockdev_name(const struct blockdev *dev, char *buf, size_t size)
{
    sniprintf(buf, size, "%s%s%s", dev->node->name, dev->unit[0] ? "@" : "", dev->unit);
    return buf;
}

struct blockdev *blockdev_at(const struct dt_node *node, const char *unit)
{
    for (unsigned i = 0; i < registry_count(&blockdevs); i++) {
        struct blockdev *dev = registry_get(&blockdevs, i);
        if (dev->node == node && strcasecmp(dev->unit, unit) == 0)
            return dev;
    }
    return NULL;
}
