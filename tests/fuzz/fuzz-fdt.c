/* SPDX-License-Identifier: BSD-2-Clause */
/* The device tree QEMU hands over (and, for CAS, hands back), as far as the
 * firmware reads it: RAM ranges and the reserve map straight from the blob,
 * then the import into the live tree, a merge, and flattening again. In a
 * secure VM the hypervisor is not trusted, so neither is its tree. NEEDS_LIBFDT */
#include "fuzz.h"
#include "fdt/export.c"
#include "fdt/ram.c"
#include "fdt/reserve.c"
#include "fdt/check.c"
#include "fdt/import.c"
#include "fdt/tree.c"

#define MAX_RANGES 16

static uint8_t blob[1 << 16] __attribute__((aligned(8)));
static uint8_t flat[1 << 17] __attribute__((aligned(8)));

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > sizeof(blob))
        return 0;
    memcpy(blob, data, size);
    /* As the firmware does first: a tree that fails is the end of it. */
    if (fdt_blob_check(blob, size) != 0)
        return 0;

    struct mem_range ram[MAX_RANGES];
    unsigned n = fdt_ram_ranges(blob, ram, MAX_RANGES);
    PROMISE(n <= MAX_RANGES);
    for (unsigned i = 0; i < n; i++)
        PROMISE(ram[i].size > 0 && ram[i].base + ram[i].size > ram[i].base);
    reserve_init_from_fdt(blob);
    PROMISE(reserve_count() <= RESERVE_MAX);

    dt_init();
    if (dt_import(blob, fdt_totalsize(blob)) == 0) {
        char path[256];
        for (struct dt_node *node = dt_root(); node; node = dt_next(node))
            PROMISE(dt_path(node, path, sizeof(path)) > 0);
        dt_merge(blob, fdt_totalsize(blob));
        if (dt_flatten(flat, sizeof(flat)) == 0)
            PROMISE(fdt_check_header(flat) == 0);
    }
    dt_init();
    return 0;
}
