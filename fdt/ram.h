/* SPDX-License-Identifier: BSD-2-Clause */
/* RAM as QEMU's flattened tree describes it, read before the firmware has a
 * heap (the live tree needs one, and the heap's place depends on RAM). */
#ifndef FDT_RAM_H
#define FDT_RAM_H

#include "../mem/claim.h"

/* The reg ranges of the root's device_type "memory" nodes, in tree order;
 * returns how many (up to max). Malformed nodes are skipped. */
unsigned fdt_ram_ranges(const void *fdt, struct mem_range *out, unsigned max);

#endif
