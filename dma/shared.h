/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Pages shared with the ultravisor, for bounce buffers. In a secure guest the
 * device (and the hypervisor behind it) can reach only these pages, so every
 * byte a device reads or writes passes through them. Pages are zeroed before
 * they are shared and again before they are unshared, so nothing private
 * ever shows through and nothing a device wrote outlives the buffer.
 */
#ifndef DMA_SHARED_H
#define DMA_SHARED_H

#include <stdbool.h>
#include <stdint.h>

/* Whether ucalls share the pages: false when bounce mode is forced without
 * an ultravisor (the copies still happen; nobody needs the pages shared). */
void shared_init(bool use_ultravisor);
/* A zeroed, shared, page-aligned block below `limit`: its address, or
 * CLAIM_FAILED. */
uint64_t shared_alloc(uint64_t len, uint64_t limit);
/* Zero, unshare and give back what shared_alloc returned. 0, ERR_NOT_FOUND
 * for a block never shared, or ERR_IO when the ultravisor refuses. */
int shared_free(uint64_t addr, uint64_t len);
/* At hand-off: zero and unshare anything still shared (each one a firmware
 * bug, logged). Returns how many blocks there were. */
unsigned shared_release_all(void);

#endif
