/* SPDX-License-Identifier: BSD-2-Clause */
/* TCE window allocator and its batching, with the hypercalls recorded. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "dma/tce.c"

void log_error(const char *fmt, ...) { (void)fmt; }

#define WIN_PAGES 4096
static uint64_t table[WIN_PAGES];      /* what the "hypervisor" holds */
static int put_calls, stuff_calls, fail_put_at;

static long fake_put(uint32_t liobn, uint64_t ioba, const uint64_t *list, uint64_t n)
{
    (void)liobn;
    assert_true(n <= TCE_BATCH);
    assert_int_equal((uintptr_t)list % 4096, 0);
    if (++put_calls == fail_put_at)
        return -4;
    for (uint64_t i = 0; i < n; i++) {
        assert_int_equal(table[ioba / TCE_PAGE + i], 0);      /* never mapped twice */
        table[ioba / TCE_PAGE + i] = list[i];
    }
    return 0;
}

static long fake_stuff(uint32_t liobn, uint64_t ioba, uint64_t value, uint64_t n)
{
    (void)liobn;
    stuff_calls++;
    for (uint64_t i = 0; i < n; i++)
        table[ioba / TCE_PAGE + i] = value;
    return 0;
}

static const struct tce_ops fake = { fake_put, fake_stuff };
static struct tce_window w;

static int setup(void **state)
{
    (void)state;
    memset(table, 0, sizeof(table));
    put_calls = stuff_calls = fail_put_at = 0;
    assert_int_equal(tce_window_init(&w, 0x80000000, 0, WIN_PAGES * TCE_PAGE, &fake), 0);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    free(w.used);
    return 0;
}

static void maps_in_batches_and_never_at_zero(void **state)
{
    (void)state;
    uint64_t bus;
    assert_int_equal(tce_map(&w, 0x10000000, 1300 * TCE_PAGE, &bus), 0);
    assert_int_equal(bus, TCE_PAGE);                          /* page 0 is never used */
    assert_int_equal(put_calls, 3);                           /* 512 + 512 + 276 */
    assert_int_equal(table[1], 0x10000000 | 3);
    assert_int_equal(table[1300], (0x10000000 + 1299 * TCE_PAGE) | 3);
    assert_int_equal(table[0], 0);
    assert_int_equal(tce_pages_in_use(&w), 1301);             /* with the reserved page */
    assert_int_equal(tce_unmap(&w, bus, 1300 * TCE_PAGE), 0);
    assert_int_equal(stuff_calls, 1);                         /* one call clears them all */
    for (int i = 0; i < WIN_PAGES; i++)
        assert_int_equal(table[i], 0);
}

static void unmap_checks_ownership(void **state)
{
    (void)state;
    uint64_t a, b;
    assert_int_equal(tce_map(&w, 0x200000, 2 * TCE_PAGE, &a), 0);
    assert_int_equal(tce_map(&w, 0x300000, TCE_PAGE, &b), 0);
    assert_int_equal(b, a + 2 * TCE_PAGE);
    assert_int_equal(tce_unmap(&w, a, 3 * TCE_PAGE), 0);      /* both, adjacent */
    assert_int_equal(tce_unmap(&w, a, TCE_PAGE), ERR_RANGE);         /* twice */
    assert_int_equal(tce_unmap(&w, 123, TCE_PAGE), ERR_RANGE);       /* not aligned */
    assert_int_equal(tce_unmap(&w, WIN_PAGES * TCE_PAGE, TCE_PAGE), ERR_RANGE);
    assert_int_equal(tce_map(&w, 0x200001, TCE_PAGE, &a), ERR_INVALID); /* phys not aligned */
}

static void full_window_and_failed_hypercalls(void **state)
{
    (void)state;
    uint64_t bus;
    assert_int_equal(tce_map(&w, 0, WIN_PAGES * TCE_PAGE, &bus), ERR_FULL);   /* page 0 is taken */
    assert_int_equal(tce_map(&w, 0, (WIN_PAGES - 1) * TCE_PAGE, &bus), 0);
    assert_int_equal(tce_map(&w, 0, TCE_PAGE, &bus), ERR_FULL);
    assert_int_equal(tce_unmap(&w, bus, (WIN_PAGES - 1) * TCE_PAGE), 0);
    fail_put_at = put_calls + 2;                              /* second batch fails */
    assert_int_equal(tce_map(&w, 0, 1000 * TCE_PAGE, &bus), ERR_IO);
    for (int i = 0; i < WIN_PAGES; i++)                        /* first batch undone */
        assert_int_equal(table[i], 0);
    assert_int_equal(tce_pages_in_use(&w), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(maps_in_batches_and_never_at_zero, setup, teardown),
        cmocka_unit_test_setup_teardown(unmap_checks_ownership, setup, teardown),
        cmocka_unit_test_setup_teardown(full_window_and_failed_hypercalls, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
