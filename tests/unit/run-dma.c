/* SPDX-License-Identifier: BSD-2-Clause */
/* The DMA layer on the host: bypass, translated and bounce buffers over the
 * real claim allocator and TCE window, with the ultravisor and the TCE
 * hypercalls faked and watched. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "lib/vec.c"
#include "mem/claim.c"
#include "dma/tce.c"
#include "dma/shared.c"
#include "dma/dma.c"

#define RAM_BASE 0x3f000000ull           /* the top 16 MiB of the first GiB */
#define RAM_SIZE (16ull << 20)
static uint8_t *ram;
static char logged[256];

void *phys_ptr(uint64_t addr)
{
    assert_true(addr >= RAM_BASE && addr < RAM_BASE + RAM_SIZE);
    return ram + (addr - RAM_BASE);
}

void log_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(logged, sizeof(logged), fmt, ap);
    va_end(ap);
}

/* The ultravisor: which pages are shared, and misuse is a test failure. */
static uint8_t page_shared[RAM_SIZE / UV_PAGE];
static int shares, unshares, unshare_alls, fail_unshare;

static void mark(uint64_t addr, uint64_t len, bool on)
{
    assert_int_equal(addr % UV_PAGE, 0);
    assert_int_equal(len % UV_PAGE, 0);
    for (uint64_t p = (addr - RAM_BASE) / UV_PAGE; p < (addr - RAM_BASE + len) / UV_PAGE; p++) {
        assert_int_equal(page_shared[p], !on);
        if (!on)            /* zeroed before it goes back */
            for (unsigned i = 0; i < UV_PAGE; i++)
                assert_int_equal(ram[p * UV_PAGE + i], 0);
        page_shared[p] = on;
    }
}

int uv_share(uint64_t addr, uint64_t len) { shares++; mark(addr, len, true); return 0; }
int uv_unshare(uint64_t addr, uint64_t len)
{
    unshares++;
    if (fail_unshare)
        return -1;
    mark(addr, len, false);
    return 0;
}
int uv_unshare_all(void) { unshare_alls++; memset(page_shared, 0, sizeof(page_shared)); return 0; }

static uint64_t table[1024];
static long fake_put(uint32_t liobn, uint64_t ioba, const uint64_t *list, uint64_t n)
{
    (void)liobn;
    for (uint64_t i = 0; i < n; i++)
        table[ioba / TCE_PAGE + i] = list[i];
    return 0;
}
static long fake_stuff(uint32_t liobn, uint64_t ioba, uint64_t value, uint64_t n)
{
    (void)liobn;
    for (uint64_t i = 0; i < n; i++)
        table[ioba / TCE_PAGE + i] = value;
    return 0;
}
const struct tce_ops tce_hcall_ops = { fake_put, fake_stuff };

static const struct dma_window window = { 0x80000000, 0, sizeof(table) / 8 * TCE_PAGE };

static int setup(void **state)
{
    (void)state;
    static uint8_t *mem;
    if (!mem)
        mem = aligned_alloc(4096, RAM_SIZE);
    ram = mem;
    memset(ram, 0xa5, RAM_SIZE);      /* stale data everywhere */
    struct mem_range r = { RAM_BASE, RAM_SIZE };
    claim_init(&r, 1);
    memset(page_shared, 0, sizeof(page_shared));
    memset(table, 0, sizeof(table));
    for (unsigned i = 0; i < windows.n; i++) {  /* the firmware keeps windows for good */
        free(((struct tce_window *)windows.item[i])->used);
        free(windows.item[i]);
    }
    vec_clear(&windows);
    while (ranges.n)
        free(ranges.item[--ranges.n]);
    vec_clear(&ranges);
    bounce_required = use_uv = stuck = false;
    shares = unshares = unshare_alls = fail_unshare = 0;
    return 0;
}

static struct dma_ctx *new_ctx(bool translated)
{
    struct dma_ctx *ctx;
    assert_int_equal(dma_ctx_new(&window, translated, &ctx), 0);
    return ctx;
}

static unsigned pages_shared(void)
{
    unsigned n = 0;
    for (size_t p = 0; p < sizeof(page_shared); p++)
        n += page_shared[p];
    return n;
}

static bool all_zero(const void *p, size_t n)
{
    const uint8_t *b = p;
    for (size_t i = 0; i < n; i++)
        if (b[i])
            return false;
    return true;
}

static void translated_buffers_are_zeroed_and_mapped(void **state)
{
    (void)state;
    struct dma_ctx *ctx = new_ctx(true);
    struct dma_buf b;
    assert_int_equal(dma_ctx_mode(ctx), DMA_TRANSLATED);
    assert_int_equal(dma_alloc(ctx, 5000, &b), 0);
    assert_int_equal(b.len, 8192);
    assert_true(all_zero(b.cpu, b.len));
    assert_int_not_equal(b.bus, 0);                        /* page 0 is never handed out */
    uint64_t phys = RAM_BASE + (uint64_t)((uint8_t *)b.cpu - ram);
    assert_int_equal(table[b.bus / TCE_PAGE] & ~0xfffull, phys);
    assert_int_equal(shares, 0);
    dma_ctx_free(ctx);
    assert_int_equal(table[b.bus / TCE_PAGE], 0);
    assert_true(claim_is_free(phys, 8192));
}

static void copies_stay_inside_the_buffer(void **state)
{
    (void)state;
    struct dma_ctx *ctx = new_ctx(false);
    struct dma_buf b;
    uint8_t out[16], in[16];
    assert_int_equal(dma_alloc(ctx, 4096, &b), 0);
    memset(out, 7, sizeof(out));
    assert_int_equal(dma_copy_to_device(ctx, &b, 4080, out, 16), 0);
    assert_int_equal(dma_copy_from_device(ctx, &b, 4080, in, 16), 0);
    assert_memory_equal(in, out, 16);
    assert_int_equal(dma_copy_to_device(ctx, &b, 4081, out, 16), ERR_RANGE);
    assert_int_equal(dma_copy_from_device(ctx, &b, 4097, in, 0), ERR_RANGE);
    assert_int_equal(dma_copy_from_device(ctx, &b, UINT64_MAX, in, 2), ERR_RANGE);
    assert_int_equal(dma_copy_from_device(ctx, &b, 8, in, UINT64_MAX), ERR_RANGE);
    dma_ctx_free(ctx);
}

static void bounce_buffers_are_shared_then_zeroed_and_unshared(void **state)
{
    (void)state;
    dma_require_bounce(true);
    struct dma_ctx *ctx = new_ctx(true);
    struct dma_buf ring, data;
    assert_int_equal(dma_ctx_mode(ctx), DMA_BOUNCE);
    assert_int_equal(dma_alloc(ctx, 4096, &ring), 0);
    assert_int_equal(dma_alloc(ctx, 3 * 4096, &data), 0);
    assert_int_equal(shares, 2);
    assert_int_equal(pages_shared(), 4);
    assert_true(all_zero(data.cpu, data.len));           /* RAM held stale bytes */
    /* The TCEs point at the shared pages. */
    for (uint64_t off = 0; off < data.len; off += TCE_PAGE) {
        uint64_t phys = table[(data.bus + off) / TCE_PAGE] & ~0xfffull;
        assert_true(page_shared[(phys - RAM_BASE) / UV_PAGE]);
    }
    memset(data.cpu, 0x5a, data.len);                    /* what a device wrote */
    dma_free(ctx, &data);                                 /* the fake checks it was zeroed */
    assert_int_equal(unshares, 1);
    dma_ctx_free(ctx);
    assert_int_equal(unshares, 2);
    assert_int_equal(pages_shared(), 0);
    assert_int_equal(shared_release_all(), 0);
    assert_int_equal(unshare_alls, 0);
}

static void bounce_without_an_ultravisor_makes_no_ucalls(void **state)
{
    (void)state;
    dma_require_bounce(false);
    struct dma_ctx *ctx = new_ctx(false);
    struct dma_buf b;
    assert_int_equal(dma_ctx_mode(ctx), DMA_BOUNCE);
    assert_int_equal(dma_alloc(ctx, 4096, &b), 0);
    assert_int_equal(b.bus, RAM_BASE + (uint64_t)((uint8_t *)b.cpu - ram));
    dma_ctx_free(ctx);
    assert_int_equal(shares + unshares, 0);
}

static void leftovers_are_unshared_at_hand_off(void **state)
{
    (void)state;
    shared_init(true);
    uint64_t a = shared_alloc(8192, UINT64_MAX);
    assert_int_not_equal(a, CLAIM_FAILED);
    memset(phys_ptr(a), 1, 8192);
    assert_int_equal(shared_release_all(), 1);
    assert_non_null(strstr(logged, "still shared at hand-off"));
    assert_true(claim_is_free(a, 8192));
    assert_int_equal(shared_free(a, 8192), ERR_NOT_FOUND); /* not shared any more */
    assert_non_null(strstr(logged, "never shared"));
}

static void a_page_the_ultravisor_keeps_is_never_reused(void **state)
{
    (void)state;
    shared_init(true);
    uint64_t a = shared_alloc(4096, UINT64_MAX);
    fail_unshare = 1;
    assert_int_equal(shared_free(a, 4096), ERR_IO);
    assert_false(claim_is_free(a, 4096));                /* still shared: not private memory */
    assert_int_equal(shared_release_all(), 0);
    assert_int_equal(unshare_alls, 1);                   /* the fallback */
}

/* As many shared blocks as memory holds (many devices in a secure guest
 * each have several), and no more. */
static void shared_pool_is_bounded_by_memory_alone(void **state)
{
    (void)state;
    shared_init(true);
    enum { MAX = RAM_SIZE / 4096 };
    static uint64_t got[MAX];
    unsigned n = 0;
    while (n < MAX && (got[n] = shared_alloc(4096, UINT64_MAX)) != CLAIM_FAILED)
        n++;
    assert_int_equal(n, MAX);
    assert_int_equal(shared_alloc(4096, UINT64_MAX), CLAIM_FAILED);
    for (unsigned i = 0; i < n; i++)
        assert_int_equal(shared_free(got[i], 4096), 0);
    assert_int_equal(shared_alloc(0, UINT64_MAX), CLAIM_FAILED);
    assert_int_equal(shared_alloc(RAM_SIZE + 4096, UINT64_MAX), CLAIM_FAILED);
    assert_int_equal(shares, unshares);
}

/* A context per device, however many devices: each with buffers mapped in
 * the one shared window, every TCE cleared when they go. */
static void contexts_have_no_fixed_maximum(void **state)
{
    (void)state;
    enum { DEVICES = 100 };
    static struct dma_ctx *ctx[DEVICES];
    struct dma_buf b;
    for (unsigned i = 0; i < DEVICES; i++) {
        ctx[i] = new_ctx(true);
        for (unsigned k = 0; k < 10; k++)
            assert_int_equal(dma_alloc(ctx[i], 4096, &b), 0);
    }
    assert_int_equal(windows.n, 1);
    assert_int_equal(tce_pages_in_use(windows.item[0]), 1 + DEVICES * 10);
    for (unsigned i = 0; i < DEVICES; i++)
        dma_ctx_free(ctx[i]);
    assert_int_equal(tce_pages_in_use(windows.item[0]), 1);
    struct dma_ctx *none;
    assert_int_equal(dma_ctx_new(NULL, true, &none), ERR_NOT_FOUND);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup(f, setup)
    const struct CMUnitTest tests[] = {
        T(translated_buffers_are_zeroed_and_mapped), T(copies_stay_inside_the_buffer),
        T(bounce_buffers_are_shared_then_zeroed_and_unshared),
        T(bounce_without_an_ultravisor_makes_no_ucalls), T(leftovers_are_unshared_at_hand_off),
        T(a_page_the_ultravisor_keeps_is_never_reused), T(shared_pool_is_bounded_by_memory_alone),
        T(contexts_have_no_fixed_maximum),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
