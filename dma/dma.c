/* DMA contexts: one per device, sharing one TCE window per PHB. Buffers come
 * from the claim pool (so no client can be handed them), or in bounce mode
 * from pages shared with the ultravisor, and are mapped once, at allocation. */
#include <string.h>
#include "../board/barrier.h"
#include "../board/log.h"
#include "../mem/claim.h"
#include "../mem/phys.h"
#include "../pci/pci.h"
#include "dma.h"
#include "shared.h"
#include "tce.h"

#define MAX_CTXS 16
#define MAX_BUFS_PER_CTX 8
#define DMA_MEM_LIMIT 0x40000000ull   /* keep buffers in the first GiB (the RMA) */

struct dma_ctx {
    bool in_use;
    enum dma_mode mode;
    struct tce_window *win;
    struct dma_buf bufs[MAX_BUFS_PER_CTX];
    uint64_t phys[MAX_BUFS_PER_CTX];
};

static struct dma_ctx ctxs[MAX_CTXS];
static bool bounce_required;
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

/* Buffers come and go zeroed: a device never sees what an earlier owner left,
 * and a later owner (or, for shared pages, the hypervisor) never sees what a
 * device or the firmware left. shared.c zeroes the pages it shares itself. */
static uint64_t take_pages(const struct dma_ctx *ctx, uint64_t len)
{
    if (ctx->mode == DMA_BOUNCE)
        return shared_alloc(len, DMA_MEM_LIMIT);
    uint64_t phys = claim_top(len, TCE_PAGE, DMA_MEM_LIMIT);
    if (phys != CLAIM_FAILED)
        memset(phys_ptr(phys), 0, len);
    return phys;
}

static void give_back(const struct dma_ctx *ctx, uint64_t phys, uint64_t len)
{
    if (ctx->mode == DMA_BOUNCE) {
        shared_free(phys, len);
        return;
    }
    memset(phys_ptr(phys), 0, len);
    release(phys, len);
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
        ctxs[i].mode = bounce_required ? DMA_BOUNCE : translated ? DMA_TRANSLATED : DMA_BYPASS;
        ctxs[i].win = win;
        return &ctxs[i];
    }
    return NULL;
}

void dma_ctx_free(struct dma_ctx *ctx)
{
    for (unsigned i = 0; i < MAX_BUFS_PER_CTX; i++)
        if (ctx->bufs[i].len) {
            struct dma_buf b = ctx->bufs[i];
            dma_free(ctx, &b);
        }
    ctx->in_use = false;
}

void dma_require_bounce(bool use_ultravisor)
{
    shared_init(use_ultravisor);
    bounce_required = true;
}

bool dma_bounce_required(void)
{
    return bounce_required;
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
    unsigned i = 0;
    while (i < MAX_BUFS_PER_CTX && ctx->bufs[i].len)
        i++;
    len = (len + TCE_PAGE - 1) & ~(TCE_PAGE - 1);
    uint64_t phys = i < MAX_BUFS_PER_CTX && len ? take_pages(ctx, len) : CLAIM_FAILED;
    if (phys == CLAIM_FAILED) {
        log_error("DMA: no %smemory for a 0x%lx-byte buffer\n",
                  ctx->mode == DMA_BOUNCE ? "shared " : "", (unsigned long)len);
        return -1;
    }
    uint64_t bus = phys;
    if (ctx->win && tce_map(ctx->win, phys, len, &bus)) {
        give_back(ctx, phys, len);
        return -1;
    }
    ctx->bufs[i] = (struct dma_buf){ phys_ptr(phys), bus, len };
    ctx->phys[i] = phys;
    *out = ctx->bufs[i];
    return 0;
}

void dma_free(struct dma_ctx *ctx, struct dma_buf *buf)
{
    for (unsigned i = 0; i < MAX_BUFS_PER_CTX; i++) {
        struct dma_buf *b = &ctx->bufs[i];
        if (!b->len || b->cpu != buf->cpu)
            continue;
        if (ctx->win)
            tce_unmap(ctx->win, b->bus, b->len);
        give_back(ctx, ctx->phys[i], b->len);
        memset(b, 0, sizeof(*b));
    }
    memset(buf, 0, sizeof(*buf));
}

/* Only [off, off + len) of the buffer moves, and only if it is all inside. */
static bool in_buf(const struct dma_buf *buf, uint64_t off, uint64_t len)
{
    return off <= buf->len && len <= buf->len - off;
}

int dma_copy_to_device(struct dma_ctx *ctx, const struct dma_buf *buf, uint64_t off,
                       const void *src, uint64_t len)
{
    (void)ctx;
    if (!in_buf(buf, off, len))
        return -1;
    memcpy((uint8_t *)buf->cpu + off, src, len);
    barrier_full();     /* the data before whatever tells the device to look */
    return 0;
}

int dma_copy_from_device(struct dma_ctx *ctx, const struct dma_buf *buf, uint64_t off,
                         void *dst, uint64_t len)
{
    (void)ctx;
    if (!in_buf(buf, off, len))
        return -1;
    barrier_full();     /* the device's completion before its data */
    memcpy(dst, (const uint8_t *)buf->cpu + off, len);
    return 0;
}
