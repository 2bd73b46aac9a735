/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdlib.h>
#include <string.h>
#include "../board/log.h"
#include "../board/uv.h"
#include "../lib/err.h"
#include "../lib/vec.h"
#include "../mem/claim.h"
#include "../mem/phys.h"
#include "shared.h"

static bool use_uv;
static struct vec ranges;         /* struct mem_range *, each shared block */
/* A page the ultravisor would not unshare stays claimed (the OS must never
 * get it as private memory) and makes the hand-off unshare everything. */
static bool stuck;

void shared_init(bool use_ultravisor)
{
    use_uv = use_ultravisor;
}

uint64_t shared_alloc(uint64_t len, uint64_t limit)
{
    len = (len + UV_PAGE - 1) & ~(UV_PAGE - 1);
    struct mem_range *r = len ? malloc(sizeof(*r)) : NULL;
    uint64_t addr = r ? claim_top(len, UV_PAGE, limit) : CLAIM_FAILED;
    if (addr == CLAIM_FAILED) {
        free(r);
        return CLAIM_FAILED;
    }
    memset(phys_ptr(addr), 0, len);
    *r = (struct mem_range){ addr, len };
    if (vec_push(&ranges, r) == 0) {
        if (!use_uv || uv_share(addr, len) == 0)
            return addr;
        vec_remove(&ranges, ranges.n - 1);
    }
    release(addr, len);
    free(r);
    return CLAIM_FAILED;
}

/* Zero, unshare and give back range i, and forget it. */
static int unshare(unsigned i)
{
    struct mem_range *r = ranges.item[i];
    int err = 0;
    memset(phys_ptr(r->base), 0, r->size);
    if (use_uv && uv_unshare(r->base, r->size)) {
        stuck = true;
        err = ERR_IO;
    } else {
        release(r->base, r->size);
    }
    vec_remove(&ranges, i);
    free(r);
    return err;
}

int shared_free(uint64_t addr, uint64_t len)
{
    len = (len + UV_PAGE - 1) & ~(UV_PAGE - 1);
    for (unsigned i = 0; i < ranges.n; i++) {
        const struct mem_range *r = ranges.item[i];
        if (r->base == addr && r->size == len)
            return unshare(i);
    }
    log_error("bounce pool: 0x%lx+0x%lx was never shared\n", (unsigned long)addr,
              (unsigned long)len);
    return ERR_NOT_FOUND;
}

unsigned shared_release_all(void)
{
    unsigned left = ranges.n;
    while (ranges.n) {
        const struct mem_range *r = ranges.item[0];
        log_error("bounce pool: 0x%lx+0x%lx still shared at hand-off; unsharing it\n",
                  (unsigned long)r->base, (unsigned long)r->size);
        unshare(0);
    }
    if (stuck && use_uv && uv_unshare_all() == 0)
        stuck = false;
    return left;
}
