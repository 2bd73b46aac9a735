#include <string.h>
#include "../board/log.h"
#include "../mem/claim.h"
#include "../mem/phys.h"
#include "../ultravisor/uv.h"
#include "shared.h"

static bool use_uv;
static struct mem_range ranges[SHARED_MAX_RANGES];
/* A page the ultravisor would not unshare stays claimed (the OS must never
 * get it as private memory) and makes the hand-off unshare everything. */
static bool stuck;

void shared_init(bool use_ultravisor)
{
    use_uv = use_ultravisor;
}

uint64_t shared_alloc(uint64_t len, uint64_t limit)
{
    struct mem_range *slot = NULL;
    for (unsigned i = 0; i < SHARED_MAX_RANGES && !slot; i++)
        if (!ranges[i].size)
            slot = &ranges[i];
    len = (len + UV_PAGE - 1) & ~(UV_PAGE - 1);
    if (!slot || !len)
        return CLAIM_FAILED;
    uint64_t addr = claim_top(len, UV_PAGE, limit);
    if (addr == CLAIM_FAILED)
        return CLAIM_FAILED;
    memset(phys_ptr(addr), 0, len);
    if (use_uv && uv_share(addr, len)) {
        release(addr, len);
        return CLAIM_FAILED;
    }
    *slot = (struct mem_range){ addr, len };
    return addr;
}

static int unshare(struct mem_range *r)
{
    memset(phys_ptr(r->base), 0, r->size);
    if (use_uv && uv_unshare(r->base, r->size)) {
        stuck = true;
        r->size = 0;
        return -1;
    }
    release(r->base, r->size);
    r->size = 0;
    return 0;
}

int shared_free(uint64_t addr, uint64_t len)
{
    len = (len + UV_PAGE - 1) & ~(UV_PAGE - 1);
    for (unsigned i = 0; i < SHARED_MAX_RANGES; i++)
        if (ranges[i].size && ranges[i].base == addr && ranges[i].size == len)
            return unshare(&ranges[i]);
    log_error("bounce pool: 0x%lx+0x%lx was never shared\n", (unsigned long)addr,
              (unsigned long)len);
    return -1;
}

unsigned shared_release_all(void)
{
    unsigned left = 0;
    for (unsigned i = 0; i < SHARED_MAX_RANGES; i++)
        if (ranges[i].size) {
            log_error("bounce pool: 0x%lx+0x%lx still shared at hand-off; unsharing it\n",
                      (unsigned long)ranges[i].base, (unsigned long)ranges[i].size);
            unshare(&ranges[i]);
            left++;
        }
    if (stuck && use_uv && uv_unshare_all() == 0)
        stuck = false;
    return left;
}
