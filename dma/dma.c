/* SPDX-License-Identifier: BSD-2-Clause */
/* DMA contexts: one per device, sharing one TCE table per window (LIOBN).
 * Buffers come from the claim pool (so no client can be handed them), or in
 * bounce mode from pages shared with the ultravisor, and are mapped once, at
 * allocation. Nothing here has a fixed maximum: contexts, buffers and
 * windows are allocated as devices ask. */
#include <stdlib.h>
#include <string.h>
#include "../board/barrier.h"
#include "../board/log.h"
#include "../lib/err.h"
#include "../lib/vec.h"
#include "../mem/claim.h"
#include "../mem/phys.h"
#include "dma.h"
#include "shared.h"
#include "tce.h"

#define DMA_MEM_LIMIT 0x40000000ull   /* keep buffers in the first GiB (the RMA) */

struct dma_ctx {
    enum dma_mode mode;
    struct tce_window *win;
    struct vec bufs;              /* struct dma_buf *, each with its phys below */
};

struct owned_buf {
    struct dma_buf buf;           /* first: what the driver holds */
    uint64_t phys;
};

static bool bounce_required;
static struct vec windows;        /* struct tce_window *, one per LIOBN */

static int window_of(const struct dma_window *w, struct tce_window **out)
{
    for (unsigned i = 0; i < windows.n; i++) {
        struct tce_window *t = windows.item[i];
        if (t->liobn == w->liobn) {
            *out = t;
            return 0;
        }
    }
    struct tce_window *t = malloc(sizeof(*t));
    int err = t ? tce_window_init(t, w->liobn, w->base, w->size, &tce_hcall_ops) : ERR_NO_MEMORY;
    if (!err)
        err = vec_push(&windows, t);
    if (err) {
        free(t);
        return err;
    }
    *out = t;
    return 0;
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

int dma_ctx_new(const struct dma_window *win, bool translated, struct dma_ctx **out)
{
    struct tce_window *t = NULL;
    if (translated && (!win || !win->size))
        return ERR_NOT_FOUND;
    int err = translated ? window_of(win, &t) : 0;
    struct dma_ctx *ctx = err ? NULL : calloc(1, sizeof(*ctx));
    if (!ctx)
        return err ? err : ERR_NO_MEMORY;
    ctx->mode = bounce_required ? DMA_BOUNCE : translated ? DMA_TRANSLATED : DMA_BYPASS;
    ctx->win = t;
    *out = ctx;
    return 0;
}

void dma_ctx_free(struct dma_ctx *ctx)
{
    while (ctx->bufs.n) {
        struct dma_buf b = *(struct dma_buf *)ctx->bufs.item[ctx->bufs.n - 1];
        dma_free(ctx, &b);
    }
    vec_clear(&ctx->bufs);
    free(ctx);
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
    len = (len + TCE_PAGE - 1) & ~(TCE_PAGE - 1);
    struct owned_buf *ob = len ? malloc(sizeof(*ob)) : NULL;
    uint64_t phys = ob ? take_pages(ctx, len) : CLAIM_FAILED;
    if (phys == CLAIM_FAILED) {
        log_error("DMA: no %smemory for a 0x%lx-byte buffer\n",
                  ctx->mode == DMA_BOUNCE ? "shared " : "", (unsigned long)len);
        free(ob);
        return ERR_NO_MEMORY;
    }
    uint64_t bus = phys;
    int err = ctx->win ? tce_map(ctx->win, phys, len, &bus) : 0;
    bool mapped = ctx->win && !err;
    if (!err)
        err = vec_push(&ctx->bufs, ob);
    if (err) {
        if (mapped)
            tce_unmap(ctx->win, bus, len);
        give_back(ctx, phys, len);
        free(ob);
        return err;
    }
    ob->buf = (struct dma_buf){ phys_ptr(phys), bus, len };
    ob->phys = phys;
    *out = ob->buf;
    return 0;
}

void dma_free(struct dma_ctx *ctx, struct dma_buf *buf)
{
    for (unsigned i = 0; i < ctx->bufs.n; i++) {
        struct owned_buf *ob = ctx->bufs.item[i];
        if (ob->buf.cpu != buf->cpu)
            continue;
        if (ctx->win)
            tce_unmap(ctx->win, ob->buf.bus, ob->buf.len);
        give_back(ctx, ob->phys, ob->buf.len);
        vec_remove(&ctx->bufs, i);
        free(ob);
        break;
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
        return ERR_RANGE;
    memcpy((uint8_t *)buf->cpu + off, src, len);
    barrier_full();     /* the data before whatever tells the device to look */
    return 0;
}

int dma_copy_from_device(struct dma_ctx *ctx, const struct dma_buf *buf, uint64_t off,
                         void *dst, uint64_t len)
{
    (void)ctx;
    if (!in_buf(buf, off, len))
        return ERR_RANGE;
    barrier_full();     /* the device's completion before its data */
    memcpy(dst, (const uint8_t *)buf->cpu + off, len);
    return 0;
}
