/* SPDX-License-Identifier: BSD-2-Clause */
/* A PHB's TCE window: which I/O pages are in use, and the hypercalls that
 * fill and clear them in batches. The allocator half is pure and tested on
 * the host; the hypercalls go through tce_ops so tests can watch them. */
#ifndef DMA_TCE_H
#define DMA_TCE_H

#include <stdint.h>

#define TCE_PAGE 4096ull
#define TCE_BATCH 512             /* H_PUT_TCE_INDIRECT's limit per call */
#define TCE_READ 1ull
#define TCE_WRITE 2ull

struct tce_ops {
    /* Write n (<= TCE_BATCH) TCEs from a 4 KiB-aligned list. H_* status. */
    long (*put_indirect)(uint32_t liobn, uint64_t ioba, const uint64_t *list, uint64_t n);
    /* Set n TCEs starting at ioba to value. */
    long (*stuff)(uint32_t liobn, uint64_t ioba, uint64_t value, uint64_t n);
};

struct tce_window {
    uint32_t liobn;
    uint64_t base, size;          /* bus addresses */
    uint64_t npages;
    uint8_t *used;                /* one bit per I/O page */
    const struct tce_ops *ops;
};

/* 0, ERR_INVALID for an empty or unaligned window, or ERR_NO_MEMORY. */
int tce_window_init(struct tce_window *w, uint32_t liobn, uint64_t base, uint64_t size,
                    const struct tce_ops *ops);
/* Map [phys, phys+len) (page-aligned) read/write and set *bus; 0, or
 * ERR_FULL when the window has no room, ERR_IO when a hypercall fails (then
 * nothing stays mapped), ERR_INVALID for an unaligned or empty range. The
 * page at bus address 0 is never used. */
int tce_map(struct tce_window *w, uint64_t phys, uint64_t len, uint64_t *bus);
/* Clear what tce_map returned. 0, ERR_RANGE for a range that is not
 * mapped, ERR_IO when the hypercall fails. */
int tce_unmap(struct tce_window *w, uint64_t bus, uint64_t len);
uint64_t tce_pages_in_use(const struct tce_window *w);

extern const struct tce_ops tce_hcall_ops;

#endif
