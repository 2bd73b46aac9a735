/* SPDX-License-Identifier: BSD-2-Clause */
#include "phys.h"

void sync_icache(void *start, uint64_t len);

void *phys_ptr(uint64_t addr)
{
    return (void *)(uintptr_t)addr;
}

void phys_sync_icache(uint64_t addr, uint64_t len)
{
    sync_icache(phys_ptr(addr), len);
}
