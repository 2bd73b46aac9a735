/* SPDX-License-Identifier: BSD-2-Clause */
#include <libfdt.h>
#include "../lib/err.h"
#include "reserve.h"

static struct reserve_range reserved[RESERVE_MAX];
static unsigned nreserved;

void reserve_init_from_fdt(const void *fdt)
{
    int n = fdt_num_mem_rsv(fdt);
    nreserved = 0;
    for (int i = 0; i < n && nreserved < RESERVE_MAX; i++)
        if (fdt_get_mem_rsv(fdt, i, &reserved[nreserved].addr, &reserved[nreserved].size) == 0)
            nreserved++;
}

int reserve_add(uint64_t addr, uint64_t size)
{
    if (nreserved == RESERVE_MAX)
        return ERR_FULL;
    reserved[nreserved++] = (struct reserve_range){ addr, size };
    return 0;
}

unsigned reserve_count(void)
{
    return nreserved;
}

const struct reserve_range *reserve_get(unsigned i)
{
    return i < nreserved ? &reserved[i] : NULL;
}
