/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Physical memory ownership: every byte of RAM is either free or claimed.
 * Serves the client interface's claim/release and the firmware's own
 * allocations alike, so the OS can never be handed memory the firmware or a
 * loaded image is using. Pure: no I/O, tested on the host.
 */
#ifndef MEM_CLAIM_H
#define MEM_CLAIM_H

#include <stdbool.h>
#include <stdint.h>

#define CLAIM_FAILED UINT64_MAX
#define CLAIM_MAX_RANGES 512      /* RAM ranges (one per NUMA node) and the holes between claims */

struct mem_range {
    uint64_t base, size;
};

/* Start over with these RAM ranges all free (overlaps and empties ignored). */
void claim_init(const struct mem_range *ram, unsigned n);
/* align == 0: exactly [addr, addr+size). Otherwise the lowest free block of
 * `size` bytes aligned to `align` (a power of two) at or above `addr`. */
uint64_t claim(uint64_t addr, uint64_t size, uint64_t align);
/* The highest aligned free block that ends at or below `limit`. */
uint64_t claim_top(uint64_t size, uint64_t align, uint64_t limit);
/* Give back [addr, addr+size): all of it must be claimed RAM. 0, or
 * ERR_RANGE (nothing changed). */
int release(uint64_t addr, uint64_t size);
/* True when [addr, addr+size) lies in RAM; is_free adds "and unclaimed". */
bool claim_in_ram(uint64_t addr, uint64_t size);
bool claim_is_free(uint64_t addr, uint64_t size);
/* The free ranges, lowest first; returns how many (up to max). */
unsigned claim_free_ranges(struct mem_range *out, unsigned max);

#endif
