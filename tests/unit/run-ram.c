/* SPDX-License-Identifier: BSD-2-Clause */
/* RAM from QEMU's flat tree, read before the firmware has a heap. NEEDS_LIBFDT */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <libfdt.h>

#include "fdt/tree.c"
#include "fdt/ram.c"

static char blob[4096];

static void begin(int ac, int sc)
{
    assert_int_equal(fdt_create(blob, sizeof(blob)), 0);
    assert_int_equal(fdt_finish_reservemap(blob), 0);
    assert_int_equal(fdt_begin_node(blob, ""), 0);
    if (ac)
        assert_int_equal(fdt_property_u32(blob, "#address-cells", ac), 0);
    if (sc)
        assert_int_equal(fdt_property_u32(blob, "#size-cells", sc), 0);
}

static void memory_node(const char *name, const fdt32_t *reg, int len)
{
    assert_int_equal(fdt_begin_node(blob, name), 0);
    assert_int_equal(fdt_property_string(blob, "device_type", "memory"), 0);
    if (reg)
        assert_int_equal(fdt_property(blob, "reg", reg, len), 0);
    assert_int_equal(fdt_end_node(blob), 0);
}

static void finish(void)
{
    assert_int_equal(fdt_end_node(blob), 0);
    assert_int_equal(fdt_finish(blob), 0);
}

/* pseries: 2/2 cells, the RMA node first, the rest of RAM in another. */
static void pseries_layout(void **state)
{
    (void)state;
    fdt32_t rma[] = { 0, 0, 0, cpu_to_fdt32(0x40000000) };
    fdt32_t rest[] = { 0, cpu_to_fdt32(0x40000000), cpu_to_fdt32(1), 0 };
    begin(2, 2);
    memory_node("memory@0", rma, sizeof(rma));
    memory_node("memory@40000000", rest, sizeof(rest));
    finish();
    struct mem_range r[4];
    assert_int_equal(fdt_ram_ranges(blob, r, 4), 2);
    assert_int_equal(r[0].base, 0);
    assert_int_equal(r[0].size, 0x40000000);
    assert_int_equal(r[1].base, 0x40000000);
    assert_int_equal(r[1].size, 0x100000000ull);
}

/* Several ranges in one reg, default cells, and nodes to ignore: one with no
 * reg, one with a torn last entry, one nested below another node, zero size. */
static void odd_nodes(void **state)
{
    (void)state;
    fdt32_t two[] = { 0, 0, cpu_to_fdt32(0x1000), 0, cpu_to_fdt32(0x100000), cpu_to_fdt32(0x2000) };
    fdt32_t torn[] = { 0, cpu_to_fdt32(0x200000), cpu_to_fdt32(0x1000), 0 };
    fdt32_t empty[] = { 0, cpu_to_fdt32(0x300000), 0 };
    begin(0, 0);                                  /* defaults: 2 address, 1 size */
    memory_node("memory@0", two, sizeof(two));
    memory_node("memory@1", NULL, 0);
    memory_node("memory@200000", torn, sizeof(torn));
    memory_node("memory@300000", empty, sizeof(empty));
    assert_int_equal(fdt_begin_node(blob, "bus"), 0);
    memory_node("memory@400000", two, sizeof(two));
    assert_int_equal(fdt_end_node(blob), 0);
    finish();
    struct mem_range r[8];
    assert_int_equal(fdt_ram_ranges(blob, r, 8), 3);
    assert_int_equal(r[0].size, 0x1000);
    assert_int_equal(r[1].base, 0x100000);
    assert_int_equal(r[2].base, 0x200000);    /* the torn node's whole first entry */
    assert_int_equal(fdt_ram_ranges(blob, r, 1), 1);   /* never past max */
}

/* Cell counts the firmware cannot represent: nothing, rather than garbage. */
static void impossible_cells(void **state)
{
    (void)state;
    fdt32_t reg[6] = { 0 };
    begin(3, 2);
    memory_node("memory@0", reg, sizeof(reg));
    finish();
    struct mem_range r[2];
    assert_int_equal(fdt_ram_ranges(blob, r, 2), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(pseries_layout),
        cmocka_unit_test(odd_nodes),
        cmocka_unit_test(impossible_cells),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
