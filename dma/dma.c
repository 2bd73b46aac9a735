/* DMA contexts: one per device, sharing one TCE window per PHB. Buffers come
 * from the claim pool (so no client can be handed them) and are mapped once,
 * at allocation. */
#include <string.h>
#include "../board/barrier.h"
#include "../board/log.h"
#include "../mem/claim.h"
#include "../mem/phys.h"
#include "../pci/pci.h"
#include "dma.h"
#include "tce.h"

#define MAX_CTXS 16
#define MAX_BUFS_PER_CTX 8
#define DMA_MEM_LIMIT 0x40000000ull   /* keep buffers in the first GiB (the RMA) */

struct dma_ctx {
    bool in_use;
    enum dma_mode mode;
    struct tce_window *win;
    struct dma_buf bufs[MAX_BUFS_PER_CTX];
};

static struct dma_ctx ctxs[MAX_CTXS];
static struct {
    const struct pci_phb *phb;
    struct tce_window win;
} windows[PCI_MAX_PHBS];

static struct tce_window *window_of(const struct pci_phb *phb)
{
    for (unsigned i = 0; i < PCI_MAX_PHBS; i++)
        if (windows[i].phb == phb)
            return &windows[i].win;
    for (unsigned i = 0; i < PCI_MAX_PHBS; i++) {
        if (windows[i].phb)
            continue;
        if (tce_window_init(&windows[i].win, phb->liobn, phb->dma_base, phb->dma_size,
                            &tce_hcall_ops))
            return NULL;
        windows[i].phb = phb;
        return &windows[i].win;
    }
    return NULL;
}

struct dma_ctx *dma_ctx_new(const struct pci_phb *phb, bool translated)
{
    struct tce_window *win = NULL;
    if (translated && (!phb->has_dma_window || !(win = window_of(phb))))
        return NULL;
    for (unsigned i = 0; i < MAX_CTXS; i++) {
        if (ctxs[i].in_use)
            continue;
        memset(&ctxs[i], 0, sizeof(ctxs[i]));
        ctxs[i].in_use = true;
        ctxs[i].mode = translated ? DMA_TRANSLATED : DMA_BYPASS;
        ctxs[i].win = win;
        return &ctxs[i];
    }
    return NULL;
}

enum dma_mode dma_ctx_mode(const struct dma_ctx *ctx)
{
    return ctx->mode;
}

const char *dma_mode_name(enum dma_mode mode)
{
    switch (mode) {
    case DMA_BYPASS: return "bypass";
    case DMA_TRANSLATED: return "translated";
    case DMA_BOUNCE: return "bounce";
    }
    return "unknown";
}

bool dma_ctx_window(const struct dma_ctx *ctx, uint32_t *liobn, uint64_t *base, uint64_t *size)
{
    if (!ctx->win)
        return false;
    *liobn = ctx->win->liobn;
    *base = ctx->win->base;
    *size = ctx->win->size;
    return true;
}

int dma_alloc(struct dma_ctx *ctx, uint64_t len, struct dma_buf *out)
{
    struct dma_buf *slot = NULL;
    for (unsigned i = 0; i < MAX_BUFS_PER_CTX && !slot; i++)
        if (!ctx->bufs[i].len)
            slot = &ctx->bufs[i];
    len = (len + TCE_PAGE - 1) & ~(TCE_PAGE - 1);
    uint64_t phys = slot && len ? claim_top(len, TCE_PAGE, DMA_MEM_LIMIT) : CLAIM_FAILED;
    if (phys == CLAIM_FAILED) {
        log_error("DMA: no memory for a 0x%lx-byte buffer\n", (unsigned long)len);
        return -1;
    }
    memset(phys_ptr(phys), 0, len);
    uint64_t bus = phys;
    if (ctx->mode == DMA_TRANSLATED && tce_map(ctx->win, phys, len, &bus)) {
        release(phys, len);
        return -1;
    }
    slot->cpu = phys_ptr(phys);
    slot->bus = bus;
    slot->len = len;
    *out = *slot;
    return 0;
}

void dma_free(struct dma_ctx *ctx, struct dma_buf *buf)
{
    for (unsigned i = 0; i < MAX_BUFS_PER_CTX; i++) {
        struct dma_buf *b = &ctx->bufs[i];
        if (!b->len || b->cpu != buf->cpu)
            continue;
        if (ctx->mode == DMA_TRANSLATED)
            tce_unmap(ctx->win, b->bus, b->len);
        memset(b->cpu, 0, b->len);
        release((uint64_t)(uintptr_t)b->cpu, b->len);
        memset(b, 0, sizeof(*b));
    }
    memset(buf, 0, sizeof(*buf));
}

void dma_sync_for_device(struct dma_ctx *ctx, const struct dma_buf *buf)
{
    (void)ctx;
    (void)buf;
    barrier_full();
}

void dma_sync_for_cpu(struct dma_ctx *ctx, const struct dma_buf *buf)
{
    (void)ctx;
    (void)buf;
    barrier_full();
}

void dma_ctx_release_all(struct dma_ctx *ctx)
{
    for (unsigned i = 0; i < MAX_BUFS_PER_CTX; i++)
        if (ctx->bufs[i].len) {
            struct dma_buf b = ctx->bufs[i];
            dma_free(ctx, &b);
        }
}
