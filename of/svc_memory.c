/* SPDX-License-Identifier: BSD-2-Clause */
/* claim and release, over the physical allocator in mem/. The /memory
 * nodes' "available" property is kept equal to what is still free. */
#include "../board/log.h"
#include "../fdt/tree.h"
#include "../lib/err.h"
#include "../mem/claim.h"
#include "client.h"
#include "memory.h"

#define CELL_LIMIT 0x100000000ull   /* claims are returned in one 32-bit cell */

/* Append the part of the free list inside [base, base+size) as cells. */
static uint32_t free_cells_in(uint8_t *cells, uint32_t len, uint32_t room, uint64_t base,
                              uint64_t size, uint32_t ac, uint32_t sc,
                              const struct mem_range *free_ranges, unsigned nfree)
{
    for (unsigned i = 0; i < nfree; i++) {
        uint64_t lo = free_ranges[i].base, hi = lo + free_ranges[i].size;
        if (lo < base)
            lo = base;
        if (hi > base + size)
            hi = base + size;
        if (lo >= hi || len + 4 * (ac + sc) > room)
            continue;
        dt_write_cells(cells + len, lo, ac);
        len += 4 * ac;
        dt_write_cells(cells + len, hi - lo, sc);
        len += 4 * sc;
    }
    return len;
}

void of_publish_available(void)
{
    static struct mem_range free_ranges[CLAIM_MAX_RANGES];
    static uint8_t cells[CLAIM_MAX_RANGES * 16];
    unsigned nfree = claim_free_ranges(free_ranges, CLAIM_MAX_RANGES);
    struct dt_node *root = dt_root();
    uint32_t ac = dt_address_cells(root), sc = dt_size_cells(root);

    if (ac > 2 || sc > 2)
        return;
    for (struct dt_node *n = root->child; n; n = n->sibling) {
        uint64_t base, size;
        uint32_t len = 0;
        if (!dt_is_memory(n))
            continue;
        for (unsigned i = 0; dt_reg_range(n, i, &base, &size) == 0; i++)
            len = free_cells_in(cells, len, sizeof(cells), base, size, ac, sc, free_ranges, nfree);
        dt_set(n, "available", cells, len);
    }
}

uint64_t of_claim(uint64_t virt, uint64_t size, uint64_t align)
{
    /* IEEE 1275: with an alignment the firmware picks the place, and virt
     * means nothing (clients pass anything there). */
    uint64_t got = claim(align ? 0 : virt, size, align);
    if (got != CLAIM_FAILED && got + size > CELL_LIMIT) {
        release(got, size);
        got = CLAIM_FAILED;
    }
    if (got == CLAIM_FAILED) {
        log_debug("claim 0x%lx+0x%lx align 0x%lx refused\n", (unsigned long)virt,
                  (unsigned long)size, (unsigned long)align);
        return CLAIM_FAILED;
    }
    of_publish_available();
    return got;
}

int of_release(uint64_t addr, uint64_t size)
{
    if (release(addr, size)) {
        log_info("client released 0x%lx+0x%lx, which it had not claimed\n",
                 (unsigned long)addr, (unsigned long)size);
        return ERR_RANGE;
    }
    of_publish_available();
    return 0;
}

static int svc_claim(struct ci_call *c)
{
    uint64_t got = of_claim(c->in[0], c->in[1], c->in[2]);
    c->out[0] = got == CLAIM_FAILED ? CI_FAILED_CELL : (uint32_t)got;
    return 0;
}

static int svc_release(struct ci_call *c)
{
    of_release(c->in[0], c->in[1]);
    return 0;
}

const struct ci_service ci_memory_services[] = {
    { "claim", 3, 1, svc_claim },
    { "release", 2, 0, svc_release },
    { NULL, 0, 0, NULL },
};
