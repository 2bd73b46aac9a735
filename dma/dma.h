/*
 * DMA for drivers: buffers the device can reach, whatever the mode.
 *   bypass      the device uses guest-physical addresses (no ACCESS_PLATFORM)
 *   translated  through TCEs in the device's PHB window (ACCESS_PLATFORM)
 *   bounce      (secure guests; later) copies through shared pages
 * Drivers allocate long-lived buffers, hand `bus` to the device and use
 * `cpu` themselves; they never learn the mode. Buffers stay mapped until
 * freed, so I/O costs no hypercalls.
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

struct pci_phb;
struct dma_ctx;

/* A context for one device: translated when the device does its DMA through
 * the platform IOMMU. NULL if translation is asked for and the PHB has no
 * DMA window. */
struct dma_ctx *dma_ctx_new(const struct pci_phb *phb, bool translated);
enum dma_mode dma_ctx_mode(const struct dma_ctx *ctx);
const char *dma_mode_name(enum dma_mode mode);
/* The window a translated context maps into (liobn, bus base and size). */
bool dma_ctx_window(const struct dma_ctx *ctx, uint32_t *liobn, uint64_t *base, uint64_t *size);

/* A zeroed, page-aligned buffer the device may read and write. 0 or -1. */
int dma_alloc(struct dma_ctx *ctx, uint64_t len, struct dma_buf *out);
void dma_free(struct dma_ctx *ctx, struct dma_buf *buf);
/* Ordering around device access: the CPU's writes to buf are visible to the
 * device after sync_for_device; the device's writes to the CPU after
 * sync_for_cpu. */
void dma_sync_for_device(struct dma_ctx *ctx, const struct dma_buf *buf);
void dma_sync_for_cpu(struct dma_ctx *ctx, const struct dma_buf *buf);
/* Free every buffer the context still has: its TCEs are cleared and its
 * memory goes back to the claim pool. The context stays usable. */
void dma_ctx_release_all(struct dma_ctx *ctx);

#endif
