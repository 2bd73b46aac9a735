/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef OF_MEMORY_H
#define OF_MEMORY_H

#include <stdint.h>

/* Rewrite each /memory node's "available" from the allocator's free list. */
void of_publish_available(void);
/* The client's claim and release, kept 32-bit and "available" kept true:
 * claim returns the base or CLAIM_FAILED, release 0 or ERR_RANGE. */
uint64_t of_claim(uint64_t virt, uint64_t size, uint64_t align);
int of_release(uint64_t addr, uint64_t size);

#endif
