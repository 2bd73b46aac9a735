/* SPDX-License-Identifier: BSD-2-Clause */
#include "firmware.h"

static struct { uint64_t base, end; } regions[FW_MAX_REGIONS];
static unsigned nregions;

void fw_own(uint64_t base, uint64_t size)
{
    if (nregions < FW_MAX_REGIONS && size && base + size > base) {
        regions[nregions].base = base;
        regions[nregions].end = base + size;
        nregions++;
    }
}

bool fw_overlaps(uint64_t addr, uint64_t len)
{
    uint64_t end = addr + (len ? len : 1);
    if (end < addr)
        end = UINT64_MAX;
    for (unsigned i = 0; i < nregions; i++)
        if (addr < regions[i].end && regions[i].base < end)
            return true;
    return false;
}
