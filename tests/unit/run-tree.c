/* SPDX-License-Identifier: BSD-2-Clause */
/* Live tree: import of QEMU's FDT, the CAS merge, flattening back. NEEDS_LIBFDT */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "fdt/export.c"
#include "fdt/reserve.c"
#include "fdt/check.c"
#include "fdt/import.c"
#include "fdt/tree.c"

static uint8_t blob[8192] __attribute__((aligned(8)));

/* A QEMU-like tree; `xive` picks which interrupt controller it has. */
static void *make_fdt(bool xive)
{
    fdt_create(blob, sizeof(blob));
    fdt_add_reservemap_entry(blob, 0x400000, 0x100000);
    fdt_finish_reservemap(blob);
    fdt_begin_node(blob, "");
    fdt_property_cell(blob, "#address-cells", 2);
    fdt_begin_node(blob, "chosen");
    fdt_property_string(blob, "stdout-path", "/vdevice/vty@71000000");
    fdt_end_node(blob);
    if (xive) {
        fdt_begin_node(blob, "interrupt-controller@6000");
        fdt_property_string(blob, "compatible", "ibm,power-ivpe");
    } else {
        fdt_begin_node(blob, "interrupt-controller");
        fdt_property_string(blob, "compatible", "IBM,ppc-xicp");
    }
    fdt_property_cell(blob, "phandle", 0x1111);
    fdt_end_node(blob);
    fdt_begin_node(blob, "vdevice");
    fdt_begin_node(blob, "vty@71000000");
    fdt_property_cell(blob, "reg", 0x71000000);
    fdt_property_cell(blob, "interrupt-parent", 0x1111);
    fdt_end_node(blob);
    fdt_end_node(blob);
    fdt_end_node(blob);
    fdt_finish(blob);
    return blob;
}

static void import_builds_the_tree(void **state)
{
    (void)state;
    assert_int_equal(dt_import(make_fdt(false), sizeof(blob)), 0);
    struct dt_node *vty = dt_find("/vdevice/vty@71000000");
    assert_non_null(vty);
    assert_string_equal(dt_get_string(vty, "name"), "vty");
    assert_ptr_equal(dt_by_phandle(0x1111), dt_find("/interrupt-controller"));
    assert_int_not_equal(vty->phandle, 0);
    assert_ptr_equal(dt_by_phandle(vty->phandle), vty);
    assert_int_equal(reserve_count(), 1);
    assert_int_equal(reserve_get(0)->addr, 0x400000);
}

static void cas_merge_keeps_firmware_state_and_follows_qemu(void **state)
{
    (void)state;
    assert_int_equal(dt_import(make_fdt(false), sizeof(blob)), 0);
    struct dt_node *chosen = dt_find("/chosen");
    uint32_t chosen_ph = chosen->phandle;
    dt_set_u32(chosen, "stdout", 0x7e000000);
    struct dt_node *fw = dt_new_node(dt_root(), "aliases");   /* firmware's own */
    assert_int_equal(dt_merge(make_fdt(true), sizeof(blob)), 0);
    assert_ptr_equal(dt_find("/chosen"), chosen);               /* same handle */
    assert_int_equal(chosen->phandle, chosen_ph);
    uint32_t v;
    assert_true(dt_get_u32(chosen, "stdout", &v));              /* kept */
    assert_null(child_exact(dt_root(), "interrupt-controller"));  /* QEMU dropped it */
    assert_non_null(child_exact(dt_root(), "interrupt-controller@6000"));
    assert_ptr_equal(dt_by_phandle(0x1111), dt_find("/interrupt-controller@6000"));
    assert_ptr_equal(dt_find("/aliases"), fw);                  /* not QEMU's to drop */
}

static void flatten_round_trips(void **state)
{
    (void)state;
    static uint8_t out[8192] __attribute__((aligned(8)));
    assert_int_equal(dt_import(make_fdt(false), sizeof(blob)), 0);
    dt_set_string(dt_find("/chosen"), "bootargs", "quiet");
    /* An empty property has no buffer: found by fuzz-fdt (libfdt's memcpy
     * of a NULL source, undefined even for 0 bytes). */
    dt_set(dt_find("/chosen"), "linux,empty", NULL, 0);
    assert_int_equal(dt_flatten(out, sizeof(out)), 0);
    int chosen = fdt_path_offset(out, "/chosen");
    assert_true(chosen >= 0);
    assert_string_equal(fdt_getprop(out, chosen, "bootargs", NULL), "quiet");
    int len = -1;
    assert_non_null(fdt_getprop(out, chosen, "linux,empty", &len));
    assert_int_equal(len, 0);
    assert_null(fdt_getprop(out, fdt_path_offset(out, "/vdevice/vty@71000000"), "name", NULL));
    assert_int_equal(fdt_num_mem_rsv(out), 1);
    assert_int_not_equal(dt_flatten(out, 64), 0);               /* too small: error, no overrun */
}

/* Found by fuzz-fdt: a property whose length field says -3 came back from
 * libfdt as is (a 4 GiB allocation), and larger lies overflow libfdt's own
 * offset arithmetic: fdt_blob_check walks the structure first. */
static void property_lengths_past_the_blob_are_refused(void **state)
{
    (void)state;
    static const uint32_t lies[] = { 0xfffffffd, 0x7ffffff0, 0x10000 };
    for (unsigned i = 0; i < sizeof(lies) / sizeof(lies[0]); i++) {
        uint8_t *fdt = make_fdt(false);
        int chosen = fdt_path_offset(fdt, "/chosen");
        int poff = fdt_first_property_offset(fdt, chosen);
        assert_true(poff >= 0);
        uint8_t *len = fdt + fdt_off_dt_struct(fdt) + poff + 4;
        len[0] = (uint8_t)(lies[i] >> 24), len[1] = (uint8_t)(lies[i] >> 16);
        len[2] = (uint8_t)(lies[i] >> 8), len[3] = (uint8_t)lies[i];
        dt_init();
        assert_int_not_equal(dt_import(fdt, sizeof(blob)), 0);
    }
    /* Found by fuzz-fdt too: a reserve map at an offset libfdt reads
     * misaligned (an alignment interrupt in real mode on POWER). */
    uint8_t *fdt = make_fdt(false);
    fdt_set_off_mem_rsvmap(fdt, fdt_off_mem_rsvmap(fdt) + 4);
    assert_int_equal(fdt_blob_check(fdt, sizeof(blob)), -FDT_ERR_ALIGNMENT);
    dt_init();
}

static void corrupt_blobs_are_refused(void **state)
{
    (void)state;
    make_fdt(false);
    assert_int_not_equal(dt_import(blob, 16), 0);               /* larger than its buffer */
    uint32_t *magic = (uint32_t *)blob;
    *magic = 0;
    assert_int_not_equal(dt_import(blob, sizeof(blob)), 0);
    /* Random damage never crashes the import (ASan watches). */
    srand(7);
    for (int round = 0; round < 5000; round++) {
        make_fdt(round & 1);
        for (int i = 0; i < 4; i++)
            blob[40 + rand() % 300] = (uint8_t)rand();
        dt_import(blob, sizeof(blob));
    }
}

static void paths_of_deep_and_root_nodes(void **state)
{
    (void)state;
    char buf[8];
    dt_init();
    struct dt_node *a = dt_new_node(dt_root(), "averyveryverylongname@1");
    assert_int_equal(dt_path(dt_root(), buf, sizeof(buf)), 1);
    assert_string_equal(buf, "/");
    assert_int_equal(dt_path(a, buf, sizeof(buf)), 24);
    assert_string_equal(buf, "/averyv");                        /* truncated, terminated */
    assert_int_equal(dt_path(a, NULL, 0), 24);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(import_builds_the_tree),
        cmocka_unit_test(cas_merge_keeps_firmware_state_and_follows_qemu),
        cmocka_unit_test(flatten_round_trips),
        cmocka_unit_test(corrupt_blobs_are_refused),
        cmocka_unit_test(property_lengths_past_the_blob_are_refused),
        cmocka_unit_test(paths_of_deep_and_root_nodes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
