/* SPDX-License-Identifier: BSD-2-Clause */
/* DMA for the driver tests, in place of dma/dma.c: zeroed, page-aligned
 * buffers, counted (a test that ends with buffers at 0 knows every buffer,
 * and so every TCE, was given back), up to DMA_STUB_MAX at once, at bus
 * addresses handed out from where the test says its window starts.
 * dma_stub_at() is the simulated device's view of a bus address. Freeing
 * the context frees what it still has, as dma/dma.c does. Include it after
 * the driver source and cmocka. */
#ifndef TESTS_UNIT_DMA_STUB_H
#define TESTS_UNIT_DMA_STUB_H

#ifndef DMA_STUB_MAX
#define DMA_STUB_MAX 8
#endif

static struct {
    void *cpu;
    uint64_t bus, len;
} dma_stub[DMA_STUB_MAX];
static unsigned buffers;
static uint32_t dma_stub_liobn;      /* the window the driver must map into */
static uint64_t dma_stub_next_bus;

/* Every buffer a failed case left freed; bus addresses from first_bus on. */
static inline void dma_stub_reset(uint32_t liobn, uint64_t first_bus)
{
    for (unsigned i = 0; i < DMA_STUB_MAX; i++)
        free(dma_stub[i].cpu);
    memset(dma_stub, 0, sizeof(dma_stub));
    buffers = 0;
    dma_stub_liobn = liobn;
    dma_stub_next_bus = first_bus;
}

static inline uint8_t *dma_stub_at(uint64_t bus)
{
    for (unsigned i = 0; i < DMA_STUB_MAX; i++)
        if (dma_stub[i].cpu && bus >= dma_stub[i].bus && bus < dma_stub[i].bus + dma_stub[i].len)
            return (uint8_t *)dma_stub[i].cpu + (bus - dma_stub[i].bus);
    fail_msg("bus address 0x%lx is in no DMA buffer", (unsigned long)bus);
    return NULL;
}

int dma_ctx_new(const struct dma_window *w, bool translated, struct dma_ctx **out)
{
    assert_true(translated && w->liobn == dma_stub_liobn);
    *out = (struct dma_ctx *)(uintptr_t)0x1234;
    return 0;
}

int dma_alloc(struct dma_ctx *ctx, uint64_t len, struct dma_buf *out)
{
    (void)ctx;
    uint64_t size = (len + 4095) & ~4095ull;
    for (unsigned i = 0; i < DMA_STUB_MAX; i++)
        if (!dma_stub[i].cpu) {
            out->cpu = dma_stub[i].cpu = aligned_alloc(4096, size);
            memset(out->cpu, 0, size);
            out->bus = dma_stub[i].bus = dma_stub_next_bus;
            out->len = dma_stub[i].len = len;
            dma_stub_next_bus += size;
            buffers++;
            return 0;
        }
    fail_msg("more DMA buffers than the driver should need");
    return ERR_NO_MEMORY;
}

void dma_free(struct dma_ctx *ctx, struct dma_buf *buf)
{
    (void)ctx;
    for (unsigned i = 0; i < DMA_STUB_MAX; i++)
        if (dma_stub[i].cpu && dma_stub[i].cpu == buf->cpu) {
            free(dma_stub[i].cpu);
            dma_stub[i].cpu = NULL;
            buffers--;
        }
    memset(buf, 0, sizeof(*buf));
}

void dma_ctx_free(struct dma_ctx *ctx)
{
    for (unsigned i = 0; i < DMA_STUB_MAX; i++)
        if (dma_stub[i].cpu) {
            struct dma_buf b = { dma_stub[i].cpu, 0, 0 };
            dma_free(ctx, &b);
        }
}

int dma_copy_to_device(struct dma_ctx *c, const struct dma_buf *b, uint64_t o, const void *s, uint64_t l)
{
    (void)c;
    assert_true(o + l <= b->len);
    memcpy((uint8_t *)b->cpu + o, s, l);
    return 0;
}

int dma_copy_from_device(struct dma_ctx *c, const struct dma_buf *b, uint64_t o, void *d, uint64_t l)
{
    (void)c;
    assert_true(o + l <= b->len);
    memcpy(d, (const uint8_t *)b->cpu + o, l);
    return 0;
}

enum dma_mode dma_ctx_mode(const struct dma_ctx *ctx) { (void)ctx; return DMA_TRANSLATED; }
const char *dma_mode_name(enum dma_mode m) { (void)m; return "translated"; }

#endif
