/* SPDX-License-Identifier: BSD-2-Clause */
#include <string.h>
#include "../mem/claim.h"
#include "../mem/firmware.h"
#include "cmem.h"

void *cmem_ptr(uint64_t addr, uint64_t len)
{
    uint64_t end;
    if (len == 0)
        len = 1;
    if (__builtin_add_overflow(addr, len, &end) || fw_overlaps(addr, len) || !claim_in_ram(addr, len))
        return NULL;
    return (void *)(uintptr_t)addr;
}

const char *cmem_string(uint64_t addr, size_t max)
{
    /* Shorten the window to what lies in client memory, then look for the NUL. */
    while (max && !cmem_ptr(addr, max))
        max /= 2;
    if (!max)
        return NULL;
    const char *s = (const char *)(uintptr_t)addr;
    return memchr(s, '\0', max) ? s : NULL;
}
