/* SPDX-License-Identifier: BSD-2-Clause */
/* Client memory for host tests of the client interface: CLIENT_SIZE bytes at
 * bus address CLIENT_BASE, held in `cram`; the includer defines all three.
 * The fakes answer as of/cmem.c does: NULL for anything not wholly inside. */
#ifndef TESTS_CLIENT_MEMORY_H
#define TESTS_CLIENT_MEMORY_H

void *cmem_ptr(uint64_t addr, uint64_t len)
{
    if (len == 0)
        len = 1;
    if (addr < CLIENT_BASE || addr - CLIENT_BASE > CLIENT_SIZE || len > CLIENT_SIZE - (addr - CLIENT_BASE))
        return NULL;
    return cram + (addr - CLIENT_BASE);
}

const char *cmem_string(uint64_t addr, size_t max)
{
    const char *s = cmem_ptr(addr, 1);
    if (!s)
        return NULL;
    size_t room = CLIENT_SIZE - (addr - CLIENT_BASE);
    return memchr(s, '\0', room < max ? room : max) ? s : NULL;
}

#endif
