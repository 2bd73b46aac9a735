#include <libfdt.h>
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

unsigned reserve_count(void)
{
    return nreserved;
}

const struct reserve_range *reserve_get(unsigned i)
{
    return i < nreserved ? &reserved[i] : NULL;
}
