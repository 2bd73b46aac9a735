/* SPDX-License-Identifier: BSD-2-Clause */
#include <string.h>
#include "../lib/err.h"
#include "claim.h"

/* Free blocks and RAM, each sorted, non-overlapping and non-adjacent. */
static struct mem_range free_list[CLAIM_MAX_RANGES], ram_list[CLAIM_MAX_RANGES];
static unsigned nfree, nram;

static bool end_of(uint64_t base, uint64_t size, uint64_t *end)
{
    return size != 0 && !__builtin_add_overflow(base, size, end);
}

/* Add [base, base+size) to a sorted list, merging neighbours. */
static int add_range(struct mem_range *list, unsigned *n, uint64_t base, uint64_t size)
{
    uint64_t end;
    if (!end_of(base, size, &end))
        return ERR_INVALID;
    unsigned i = 0;
    while (i < *n && list[i].base + list[i].size < base)
        i++;
    if (i < *n && list[i].base <= end) {
        /* Overlaps or touches list[i]: grow it, then swallow followers. */
        uint64_t lo = list[i].base < base ? list[i].base : base;
        uint64_t hi = list[i].base + list[i].size > end ? list[i].base + list[i].size : end;
        unsigned j = i + 1;
        while (j < *n && list[j].base <= hi) {
            if (list[j].base + list[j].size > hi)
                hi = list[j].base + list[j].size;
            j++;
        }
        list[i].base = lo;
        list[i].size = hi - lo;
        memmove(&list[i + 1], &list[j], (*n - j) * sizeof(*list));
        *n -= j - i - 1;
        return 0;
    }
    if (*n == CLAIM_MAX_RANGES)
        return ERR_FULL;
    memmove(&list[i + 1], &list[i], (*n - i) * sizeof(*list));
    list[i].base = base;
    list[i].size = size;
    (*n)++;
    return 0;
}

static bool covered(const struct mem_range *list, unsigned n, uint64_t addr, uint64_t size)
{
    uint64_t end;
    if (!end_of(addr, size, &end))
        return false;
    for (unsigned i = 0; i < n; i++)
        if (list[i].base <= addr && end <= list[i].base + list[i].size)
            return true;
    return false;
}

void claim_init(const struct mem_range *ram, unsigned n)
{
    nfree = nram = 0;
    for (unsigned i = 0; i < n; i++) {
        add_range(ram_list, &nram, ram[i].base, ram[i].size);
        add_range(free_list, &nfree, ram[i].base, ram[i].size);
    }
}

/* Remove [addr, addr+size) from free block i, which contains it. */
static uint64_t take(unsigned i, uint64_t addr, uint64_t size)
{
    struct mem_range *r = &free_list[i];
    uint64_t end = addr + size, rend = r->base + r->size;
    if (addr > r->base && end < rend) {
        if (nfree == CLAIM_MAX_RANGES)
            return CLAIM_FAILED;
        memmove(&free_list[i + 1], &free_list[i], (nfree - i) * sizeof(*free_list));
        nfree++;
        free_list[i].size = addr - free_list[i].base;
        free_list[i + 1].base = end;
        free_list[i + 1].size = rend - end;
    } else if (addr > r->base) {
        r->size = addr - r->base;
    } else if (end < rend) {
        r->base = end;
        r->size = rend - end;
    } else {
        memmove(&free_list[i], &free_list[i + 1], (nfree - i - 1) * sizeof(*free_list));
        nfree--;
    }
    return addr;
}

static bool valid_align(uint64_t align)
{
    return align && (align & (align - 1)) == 0;
}

uint64_t claim(uint64_t addr, uint64_t size, uint64_t align)
{
    uint64_t end;
    if (align == 0) {
        if (!end_of(addr, size, &end))
            return CLAIM_FAILED;
        for (unsigned i = 0; i < nfree; i++)
            if (free_list[i].base <= addr && end <= free_list[i].base + free_list[i].size)
                return take(i, addr, size);
        return CLAIM_FAILED;
    }
    if (!valid_align(align) || size == 0)
        return CLAIM_FAILED;
    for (unsigned i = 0; i < nfree; i++) {
        uint64_t start = free_list[i].base > addr ? free_list[i].base : addr;
        if (__builtin_add_overflow(start, align - 1, &start))
            return CLAIM_FAILED;
        start &= ~(align - 1);
        if (end_of(start, size, &end) && start >= free_list[i].base &&
            end <= free_list[i].base + free_list[i].size)
            return take(i, start, size);
    }
    return CLAIM_FAILED;
}

uint64_t claim_top(uint64_t size, uint64_t align, uint64_t limit)
{
    if (!valid_align(align) || size == 0)
        return CLAIM_FAILED;
    for (unsigned i = nfree; i-- > 0;) {
        uint64_t hi = free_list[i].base + free_list[i].size;
        if (hi > limit)
            hi = limit;
        if (hi < free_list[i].base + size)
            continue;
        uint64_t start = (hi - size) & ~(align - 1);
        if (start >= free_list[i].base)
            return take(i, start, size);
    }
    return CLAIM_FAILED;
}

int release(uint64_t addr, uint64_t size)
{
    uint64_t end;
    if (!end_of(addr, size, &end) || !covered(ram_list, nram, addr, size))
        return ERR_RANGE;
    for (unsigned i = 0; i < nfree; i++)
        if (free_list[i].base < end && addr < free_list[i].base + free_list[i].size)
            return ERR_RANGE;
    return add_range(free_list, &nfree, addr, size);
}

bool claim_in_ram(uint64_t addr, uint64_t size)
{
    return covered(ram_list, nram, addr, size);
}

bool claim_is_free(uint64_t addr, uint64_t size)
{
    return covered(free_list, nfree, addr, size);
}

unsigned claim_free_ranges(struct mem_range *out, unsigned max)
{
    unsigned n = nfree < max ? nfree : max;
    memcpy(out, free_list, n * sizeof(*out));
    return n;
}
