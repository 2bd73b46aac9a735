/* SPDX-License-Identifier: BSD-2-Clause */
/* The physical claim allocator behind claim/release and the loaders. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "mem/claim.c"

#define MB 0x100000ull

static void setup_1g(void)
{
    struct mem_range ram = { 0, 1024 * MB };
    claim_init(&ram, 1);
}

static void exact_claims_and_overlaps(void **state)
{
    (void)state;
    setup_1g();
    assert_int_equal(claim(4 * MB, MB, 0), 4 * MB);
    assert_int_equal(claim(4 * MB, MB, 0), CLAIM_FAILED);          /* twice */
    assert_int_equal(claim(4 * MB + 0x1000, 0x1000, 0), CLAIM_FAILED);
    assert_int_equal(claim(3 * MB, MB + 1, 0), CLAIM_FAILED);      /* straddles */
    assert_int_equal(claim(1023 * MB, 2 * MB, 0), CLAIM_FAILED);   /* past RAM */
    assert_int_equal(claim(UINT64_MAX - 10, 100, 0), CLAIM_FAILED); /* wraps */
    assert_int_equal(claim(5 * MB, 0, 0), CLAIM_FAILED);           /* empty */
    assert_false(claim_is_free(4 * MB, 1));
    assert_true(claim_is_free(5 * MB, MB));
}

static void aligned_claims_take_the_lowest_fit(void **state)
{
    (void)state;
    setup_1g();
    assert_int_equal(claim(0, 0x100, 0), 0);
    assert_int_equal(claim(0, 0x1000, 0x1000), 0x1000);
    assert_int_equal(claim(0, 0x1000, 0x10000), 0x10000);
    assert_int_equal(claim(64 * MB, 0x1000, 0x1000), 64 * MB);     /* at or above addr */
    assert_int_equal(claim(0, 0x1000, 3), CLAIM_FAILED);           /* not a power of 2 */
    assert_int_equal(claim(0, 2048 * MB, 0x1000), CLAIM_FAILED);
}

static void top_down_claims(void **state)
{
    (void)state;
    setup_1g();
    assert_int_equal(claim_top(MB, 0x1000, UINT64_MAX), 1023 * MB);
    assert_int_equal(claim_top(MB, 0x1000, UINT64_MAX), 1022 * MB);
    assert_int_equal(claim_top(MB, MB, 512 * MB + 5), 511 * MB);
    assert_int_equal(claim_top(2048 * MB, 0x1000, UINT64_MAX), CLAIM_FAILED);
}

static void release_returns_memory_and_merges(void **state)
{
    (void)state;
    setup_1g();
    struct mem_range r[4];
    assert_int_equal(claim(10 * MB, 3 * MB, 0), 10 * MB);
    assert_int_equal(claim_free_ranges(r, 4), 2);
    assert_int_equal(release(11 * MB, MB), 0);                     /* middle piece */
    assert_int_equal(claim_free_ranges(r, 4), 3);
    assert_int_equal(release(11 * MB, MB), ERR_RANGE);                    /* twice */
    assert_int_equal(release(10 * MB, MB), 0);
    assert_int_equal(release(12 * MB, MB), 0);
    assert_int_equal(claim_free_ranges(r, 4), 1);
    assert_int_equal(r[0].base, 0);
    assert_int_equal(r[0].size, 1024 * MB);
    assert_int_equal(release(2048 * MB, MB), ERR_RANGE);                  /* not RAM */
    assert_int_equal(release(UINT64_MAX - 1, 4), ERR_RANGE);
}

static void fragmentation_is_bounded(void **state)
{
    (void)state;
    setup_1g();
    /* Punch holes until the free list is full: claims then fail cleanly. */
    unsigned ok = 0;
    for (uint64_t a = 0x2000; a < 1024 * MB; a += 0x2000)
        if (claim(a, 0x1000, 0) != CLAIM_FAILED)
            ok++;
        else
            break;
    assert_int_equal(ok, CLAIM_MAX_RANGES - 1);
    struct mem_range r[CLAIM_MAX_RANGES];
    assert_int_equal(claim_free_ranges(r, CLAIM_MAX_RANGES), CLAIM_MAX_RANGES);
    for (unsigned i = 1; i < CLAIM_MAX_RANGES; i++)
        assert_true(r[i - 1].base + r[i - 1].size < r[i].base);
}

static void several_ram_ranges(void **state)
{
    (void)state;
    struct mem_range ram[3] = { { 0, 256 * MB }, { 512 * MB, 256 * MB }, { 100 * MB, 10 * MB } };
    claim_init(ram, 3);
    assert_true(claim_in_ram(300 * MB - 1, 0) == false);
    assert_false(claim_in_ram(256 * MB, 1));
    assert_true(claim_in_ram(512 * MB, MB));
    assert_int_equal(claim(255 * MB, 2 * MB, 0), CLAIM_FAILED);    /* across the hole */
    assert_int_equal(claim(200 * MB, 100 * MB, MB), 512 * MB);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(exact_claims_and_overlaps),
        cmocka_unit_test(aligned_claims_take_the_lowest_fit),
        cmocka_unit_test(top_down_claims),
        cmocka_unit_test(release_returns_memory_and_merges),
        cmocka_unit_test(fragmentation_is_bounded),
        cmocka_unit_test(several_ram_ranges),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
