/* SPDX-License-Identifier: BSD-2-Clause */
/* Physical memory as the CPU sees it with the MMU off. Host tests supply
 * their own mapping onto a buffer. */
#ifndef MEM_PHYS_H
#define MEM_PHYS_H

#include <stdint.h>

void *phys_ptr(uint64_t addr);
/* Make instructions written to [addr, addr+len) visible to the CPU. */
void phys_sync_icache(uint64_t addr, uint64_t len);

#endif
