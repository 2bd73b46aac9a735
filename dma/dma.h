/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * DMA for drivers: buffers the device can reach, whatever the mode.
 *   bypass      the device uses guest-physical addresses (no ACCESS_PLATFORM)
 *   translated  through TCEs in the device's PHB window (ACCESS_PLATFORM)
 *   bounce      secure guests: buffers in pages shared with the ultravisor
 *               (through TCEs too when the device is translated)
 * Drivers allocate long-lived buffers and hand `bus` to the device; they
 * never learn the mode. Buffers stay mapped until freed, so I/O costs no
 * hypercalls. Data never goes to or from a device in place: it moves between
 * private memory and a DMA buffer through dma_copy_*, which copy only the
 * bytes asked for, so in bounce mode those copies are the bounce. Ring
 * memory is the exception: ring code reads device-written fields from it
 * once each, with checks, and keeps its own record of everything it wrote.
 */
#ifndef DMA_DMA_H
#define DMA_DMA_H

#include <stdbool.h>
#include <stdint.h>

enum dma_mode { DMA_BYPASS, DMA_TRANSLATED, DMA_BOUNCE };

struct dma_buf {
    void *cpu;
    uint64_t bus;
    uint64_t len;
};

/* A TCE window: the bus addresses an IOMMU table covers, as a PHB's
 * ibm,dma-window or a VIO device's ibm,my-dma-window describes it. */
struct dma_window {
    uint32_t liobn;
    uint64_t base, size;
};

struct dma_ctx;

/* A context for one device in *out: translated through `win` when the
 * device does its DMA through the platform IOMMU, guest-physical otherwise.
 * Devices on one window share its table. 0, ERR_NOT_FOUND when translation
 * is asked for without a window (win NULL or empty), or ERR_NO_MEMORY. */
int dma_ctx_new(const struct dma_window *win, bool translated, struct dma_ctx **out);
/* Free every buffer the context still has (its TCEs cleared, its memory
 * zeroed and given back) and the context itself. */
void dma_ctx_free(struct dma_ctx *ctx);
/* From now on new contexts are bounce contexts (secure mode), their pages
 * shared through ucalls when use_ultravisor. There is no way back. */
void dma_require_bounce(bool use_ultravisor);
bool dma_bounce_required(void);
enum dma_mode dma_ctx_mode(const struct dma_ctx *ctx);
const char *dma_mode_name(enum dma_mode mode);
/* The window a translated context maps into (liobn, bus base and size). */
bool dma_ctx_window(const struct dma_ctx *ctx, uint32_t *liobn, uint64_t *base, uint64_t *size);

/* A zeroed, page-aligned buffer the device may read and write. 0, or
 * ERR_NO_MEMORY / ERR_FULL (the window has no room) / ERR_IO (a TCE
 * hypercall failed), logged. */
int dma_alloc(struct dma_ctx *ctx, uint64_t len, struct dma_buf *out);
void dma_free(struct dma_ctx *ctx, struct dma_buf *buf);
/* Copy len bytes into the buffer at off, ordered before the device is told;
 * or out of it, ordered after the device said it is done. ERR_RANGE
 * (nothing copied) when [off, off + len) is not inside the buffer. */
int dma_copy_to_device(struct dma_ctx *ctx, const struct dma_buf *buf, uint64_t off,
                       const void *src, uint64_t len);
int dma_copy_from_device(struct dma_ctx *ctx, const struct dma_buf *buf, uint64_t off,
                         void *dst, uint64_t len);

#endif
