/* SPDX-License-Identifier: BSD-2-Clause */
#include <stddef.h>
#include "../board/log.h"
#include "../lib/vec.h"
#include "dmadev.h"

static struct vec devs;

int dmadev_register(struct dma_device *d)
{
    int err = vec_push(&devs, d);
    if (err)
        log_error("%s: no memory to track it; not used\n", d->name);
    return err;
}

unsigned dmadev_count(void)
{
    return devs.n;
}

struct dma_device *dmadev_get(unsigned i)
{
    return i < devs.n ? devs.item[i] : NULL;
}

void dmadev_stop_all(void)
{
    for (unsigned i = 0; i < devs.n; i++) {
        struct dma_device *d = devs.item[i];
        d->stop(d);
    }
    vec_clear(&devs);
}
