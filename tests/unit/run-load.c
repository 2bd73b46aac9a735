/* SPDX-License-Identifier: BSD-2-Clause */
/* The ELF loader: placement through the claim allocator, copy, BSS, errors. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "loader/elf.c"
#include "loader/load.c"
#include "mem/claim.c"
#include "mem/firmware.c"
#include "board/layout.h"
#include "elfgen.h"

#define RAM_SIZE (16u << 20)
#define FW_TEST_HEAP 0xe00000
static uint8_t *ram;
static uint8_t file[0x3000];

void *phys_ptr(uint64_t addr)
{
    assert_true(addr < RAM_SIZE);
    return ram + addr;
}

void phys_sync_icache(uint64_t addr, uint64_t len)
{
    assert_true(addr + len <= RAM_SIZE);
}

static int setup(void **state)
{
    (void)state;
    struct mem_range r = { 0, RAM_SIZE };
    ram = malloc(RAM_SIZE);
    memset(ram, 0xaa, RAM_SIZE);
    claim_init(&r, 1);
    /* As the firmware does at boot: its image at 0, its heap high up. */
    claim(0, FW_LOW_MAX, 0);
    fw_own(0, FW_LOW_MAX);
    claim(FW_TEST_HEAP, 0x100000, 0);
    fw_own(FW_TEST_HEAP, 0x100000);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    free(ram);
    return 0;
}

static void kernel_at_paddr_0_moves_to_the_load_base(void **state)
{
    (void)state;
    struct gen_seg s = { 1, 0x1000, 0xc000000000000000ull, 0, 0x800, 0x1000 };
    struct loaded_image li;
    char why[128];
    gen_elf(file, true, true, 0xc000000000000100ull, &s, 1);
    memset(file + 0x1000, 0x5a, 0x800);
    assert_int_equal(load_elf(file, 0x1800, &li, why, sizeof(why)), 0);
    assert_int_equal(li.base, KERNEL_LOAD_BASE);
    assert_int_equal(li.entry, KERNEL_LOAD_BASE + 0x100);
    assert_true(li.little_endian);
    assert_int_equal(ram[KERNEL_LOAD_BASE], 0x5a);
    assert_int_equal(ram[KERNEL_LOAD_BASE + 0x7ff], 0x5a);
    assert_int_equal(ram[KERNEL_LOAD_BASE + 0x800], 0);    /* BSS cleared */
    assert_int_equal(ram[KERNEL_LOAD_BASE + 0xfff], 0);
    assert_int_equal(ram[KERNEL_LOAD_BASE + 0x1000], 0xaa);
    assert_false(claim_is_free(KERNEL_LOAD_BASE, 0x1000));
}

static void physical_image_over_the_firmware_is_refused(void **state)
{
    (void)state;
    struct gen_seg s = { 1, 0x1000, 0x10000, 0x10000, 0x100, 0x100 };
    struct loaded_image li;
    char why[128];
    gen_elf(file, true, false, 0x10000, &s, 1);
    assert_int_not_equal(load_elf(file, 0x1100, &li, why, sizeof(why)), 0);
    assert_non_null(strstr(why, "overlaps the firmware"));
}

static void image_over_the_firmware_heap_is_refused(void **state)
{
    (void)state;
    struct gen_seg s = { 1, 0x1000, FW_TEST_HEAP - 0x800, FW_TEST_HEAP - 0x800, 0x100, 0x1000 };
    struct loaded_image li;
    char why[128];
    gen_elf(file, true, false, FW_TEST_HEAP - 0x800, &s, 1);
    assert_int_not_equal(load_elf(file, 0x1100, &li, why, sizeof(why)), 0);
    assert_non_null(strstr(why, "overlaps the firmware"));
    assert_true(claim_is_free(FW_TEST_HEAP - 0x800, 0x800));
}

static void image_past_ram_is_refused_and_nothing_stays_claimed(void **state)
{
    (void)state;
    struct gen_seg s[2] = {
        { 1, 0x1000, 0x800000, 0x800000, 0x100, 0x100 },
        { 1, 0x1100, RAM_SIZE - 0x80, RAM_SIZE - 0x80, 0x100, 0x100 },
    };
    struct loaded_image li;
    char why[128];
    gen_elf(file, false, false, 0x800000, s, 2);
    assert_int_not_equal(load_elf(file, 0x1200, &li, why, sizeof(why)), 0);
    assert_non_null(strstr(why, "runs past the end of RAM"));
    assert_true(claim_is_free(0x800000, 0x100));   /* first segment given back */
}

static void image_over_claimed_memory_is_refused(void **state)
{
    (void)state;
    struct gen_seg s = { 1, 0x1000, 0x900000, 0x900000, 0x100, 0x100 };
    struct loaded_image li;
    char why[128];
    assert_int_equal(claim(0x900000, 0x1000, 0), 0x900000);
    gen_elf(file, true, false, 0x900000, &s, 1);
    assert_int_not_equal(load_elf(file, 0x1100, &li, why, sizeof(why)), 0);
    assert_non_null(strstr(why, "overlaps memory already in use"));
}

static void not_an_elf_says_so(void **state)
{
    (void)state;
    struct loaded_image li;
    char why[128];
    memset(file, 'x', sizeof(file));
    assert_int_not_equal(load_elf(file, sizeof(file), &li, why, sizeof(why)), 0);
    assert_string_equal(why, "not an ELF file");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(kernel_at_paddr_0_moves_to_the_load_base, setup, teardown),
        cmocka_unit_test_setup_teardown(physical_image_over_the_firmware_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(image_over_the_firmware_heap_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(image_past_ram_is_refused_and_nothing_stays_claimed, setup, teardown),
        cmocka_unit_test_setup_teardown(image_over_claimed_memory_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(not_an_elf_says_so, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
