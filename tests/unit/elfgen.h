/* SPDX-License-Identifier: BSD-2-Clause */
/* Builds small PowerPC ELF files in memory for the loader tests. */
#ifndef ELFGEN_H
#define ELFGEN_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

struct gen_seg {
    uint32_t type;
    uint64_t offset, vaddr, paddr, filesz, memsz;
};

static void put(uint8_t *p, uint64_t v, unsigned size, bool le)
{
    for (unsigned i = 0; i < size; i++)
        p[le ? i : size - 1 - i] = (uint8_t)(v >> (8 * i));
}

/* Writes an ELF header and program headers at the start of buf; returns the
 * header size. Segment data is the caller's business. */
static size_t gen_elf(uint8_t *buf, bool is64, bool le, uint64_t entry,
                      const struct gen_seg *segs, unsigned n)
{
    size_t eh = is64 ? 64 : 52, ph = is64 ? 56 : 32;
    memset(buf, 0, eh + n * ph);
    memcpy(buf, "\177ELF", 4);
    buf[4] = is64 ? 2 : 1;
    buf[5] = le ? 1 : 2;
    buf[6] = 1;
    put(buf + 16, 2, 2, le);                       /* ET_EXEC */
    put(buf + 18, is64 ? 21 : 20, 2, le);          /* EM_PPC64 / EM_PPC */
    put(buf + 20, 1, 4, le);
    put(buf + 24, entry, is64 ? 8 : 4, le);
    put(buf + (is64 ? 32 : 28), eh, is64 ? 8 : 4, le);   /* e_phoff */
    put(buf + (is64 ? 52 : 40), eh, 2, le);
    put(buf + (is64 ? 54 : 42), ph, 2, le);
    put(buf + (is64 ? 56 : 44), n, 2, le);
    for (unsigned i = 0; i < n; i++) {
        uint8_t *p = buf + eh + i * ph;
        put(p, segs[i].type, 4, le);
        if (is64) {
            put(p + 8, segs[i].offset, 8, le);
            put(p + 16, segs[i].vaddr, 8, le);
            put(p + 24, segs[i].paddr, 8, le);
            put(p + 32, segs[i].filesz, 8, le);
            put(p + 40, segs[i].memsz, 8, le);
        } else {
            put(p + 4, segs[i].offset, 4, le);
            put(p + 8, segs[i].vaddr, 4, le);
            put(p + 12, segs[i].paddr, 4, le);
            put(p + 16, segs[i].filesz, 4, le);
            put(p + 20, segs[i].memsz, 4, le);
        }
    }
    return eh + n * ph;
}

#endif
