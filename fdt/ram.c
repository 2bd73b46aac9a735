/* SPDX-License-Identifier: BSD-2-Clause */
#include <libfdt.h>
#include "ram.h"
#include "tree.h"

/* The root's cell count; pseries roots say 2, the spec's default is 2 and 1. */
static int root_cells(const void *fdt, const char *name, int dflt)
{
    int len;
    const fdt32_t *p = fdt_getprop(fdt, 0, name, &len);
    return p && len == 4 ? (int)fdt32_to_cpu(*p) : dflt;
}

unsigned fdt_ram_ranges(const void *fdt, struct mem_range *out, unsigned max)
{
    int ac = root_cells(fdt, "#address-cells", 2), sc = root_cells(fdt, "#size-cells", 1);
    unsigned n = 0;
    if (ac < 1 || ac > 2 || sc < 1 || sc > 2)
        return 0;
    for (int node = fdt_node_offset_by_prop_value(fdt, -1, "device_type", "memory", 7);
         node >= 0 && n < max;
         node = fdt_node_offset_by_prop_value(fdt, node, "device_type", "memory", 7)) {
        int len;
        const uint8_t *reg = fdt_node_depth(fdt, node) == 1 ? fdt_getprop(fdt, node, "reg", &len) : NULL;
        for (int i = 0; reg && n < max && (i + 1) * (ac + sc) * 4 <= len; i++) {
            const uint8_t *e = reg + i * (ac + sc) * 4;
            out[n].base = dt_read_cells(e, ac);
            out[n].size = dt_read_cells(e + 4 * ac, sc);
            if (out[n].size)
                n++;
        }
    }
    return n;
}
