/* SPDX-License-Identifier: BSD-2-Clause */
#include <string.h>
#include "../lib/bytes.h"
#include "elf.h"

#define EM_PPC 20
#define EM_PPC64 21
#define ET_EXEC 2
#define ET_DYN 3
#define PT_LOAD 1
#define KERNEL_BASE_64 0xc000000000000000ull
#define KERNEL_BASE_32 0xc0000000ull
/* Sluice loads below 4 GiB: a larger image is a lie, and refusing it keeps
 * every destination sum (and a relocation) far from overflowing. */
#define MAX_SPAN 0x100000000ull

struct reader {
    const uint8_t *p;
    bool le;
};

static uint64_t rd(const struct reader *r, size_t off, unsigned size)
{
    return get_uint(r->p + off, size, r->le);
}

static bool add_ok(uint64_t a, uint64_t b, uint64_t *sum)
{
    return !__builtin_add_overflow(a, b, sum);
}

static int check_header(const uint8_t *p, size_t len, struct elf_image *img, struct reader *r)
{
    if (len < 16)
        return ELF_ERR_SHORT;
    if (memcmp(p, "\177ELF", 4) != 0)
        return ELF_ERR_MAGIC;
    if ((p[4] != 1 && p[4] != 2) || (p[5] != 1 && p[5] != 2) || p[6] != 1)
        return ELF_ERR_CLASS;
    img->is64 = p[4] == 2;
    img->little_endian = p[5] == 1;
    r->p = p;
    r->le = img->little_endian;
    if (len < (img->is64 ? 64u : 52u))
        return ELF_ERR_SHORT;
    uint64_t type = rd(r, 16, 2), machine = rd(r, 18, 2);
    if (machine != (img->is64 ? EM_PPC64 : EM_PPC))
        return ELF_ERR_MACHINE;
    if (type != ET_EXEC && type != ET_DYN)
        return ELF_ERR_TYPE;
    return ELF_OK;
}

/* Reads one program header; returns 1 for a PT_LOAD with content, 0 to skip. */
static int read_phdr(const struct reader *r, bool is64, size_t off, size_t len,
                     struct elf_segment *s, uint64_t *paddr)
{
    uint64_t type, end;
    if (is64) {
        type = rd(r, off, 4);
        s->offset = rd(r, off + 8, 8);
        s->vaddr = rd(r, off + 16, 8);
        *paddr = rd(r, off + 24, 8);
        s->filesz = rd(r, off + 32, 8);
        s->memsz = rd(r, off + 40, 8);
    } else {
        type = rd(r, off, 4);
        s->offset = rd(r, off + 4, 4);
        s->vaddr = rd(r, off + 8, 4);
        *paddr = rd(r, off + 12, 4);
        s->filesz = rd(r, off + 16, 4);
        s->memsz = rd(r, off + 20, 4);
    }
    if (type != PT_LOAD || s->memsz == 0)
        return 0;
    if (s->filesz > s->memsz || !add_ok(s->offset, s->filesz, &end) ||
        !add_ok(s->vaddr, s->memsz, &end) || !add_ok(*paddr, s->memsz, &end))
        return ELF_ERR_SEGMENT;
    if (s->offset + s->filesz > len)
        return ELF_ERR_SHORT;
    if (!is64 && (s->vaddr + s->memsz > 0x100000000ull || *paddr + s->memsz > 0x100000000ull))
        return ELF_ERR_SEGMENT;
    return 1;
}

/* Where the program header table is: 0, or ELF_ERR_PHDR. */
static int phdr_table(const struct reader *r, bool is64, uint64_t *phoff, uint64_t *phentsize,
                      uint64_t *phnum, uint64_t *phend)
{
    *phoff = rd(r, is64 ? 32 : 28, is64 ? 8 : 4);
    *phentsize = rd(r, is64 ? 54 : 42, 2);
    *phnum = rd(r, is64 ? 56 : 44, 2);
    if (*phnum > ELF_MAX_PHDRS)
        return ELF_ERR_TOO_MANY;
    if (*phentsize != (is64 ? 56u : 32u) || *phnum == 0 || !add_ok(*phoff, *phnum * *phentsize, phend))
        return ELF_ERR_PHDR;
    return ELF_OK;
}

int elf_headers_size(const void *buf, size_t have, uint64_t *need)
{
    struct elf_image img;
    struct reader r;
    uint64_t phoff, phentsize, phnum;
    memset(&img, 0, sizeof(img));
    int err = check_header(buf, have, &img, &r);
    if (!err)
        err = phdr_table(&r, img.is64, &phoff, &phentsize, &phnum, need);
    return err;
}

int elf_parse(const void *buf, size_t len, struct elf_image *img)
{
    const uint8_t *p = buf;
    struct reader r;
    uint64_t paddrs[ELF_MAX_SEGMENTS];

    memset(img, 0, sizeof(*img));
    int err = check_header(p, len, img, &r);
    if (err)
        return err;

    uint64_t phoff, phentsize, phnum, phend;
    img->entry = rd(&r, 24, img->is64 ? 8 : 4);
    err = phdr_table(&r, img->is64, &phoff, &phentsize, &phnum, &phend);
    if (err)
        return err;
    if (phend > len)
        return ELF_ERR_SHORT;

    bool all_kernel = true;
    for (uint64_t i = 0; i < phnum; i++) {
        struct elf_segment s;
        uint64_t paddr;
        int kind = read_phdr(&r, img->is64, phoff + i * phentsize, len, &s, &paddr);
        if (kind < 0)
            return kind;
        if (kind == 0)
            continue;
        all_kernel &= img->is64 ? s.vaddr >= KERNEL_BASE_64
                                : (s.vaddr >= KERNEL_BASE_32 && paddr < s.vaddr);
        paddrs[img->nsegs] = paddr;
        img->seg[img->nsegs++] = s;
    }
    if (img->nsegs == 0)
        return ELF_ERR_NO_LOAD;

    img->kernel_virtual = all_kernel;
    img->lowest = UINT64_MAX;
    for (unsigned i = 0; i < img->nsegs; i++) {
        struct elf_segment *s = &img->seg[i];
        s->dest = all_kernel ? paddrs[i] : s->vaddr;
        if (s->dest < img->lowest)
            img->lowest = s->dest;
        if (s->dest + s->memsz > img->highest)
            img->highest = s->dest + s->memsz;
        for (unsigned j = 0; j < i; j++)
            if (s->dest < img->seg[j].dest + img->seg[j].memsz &&
                img->seg[j].dest < s->dest + s->memsz)
                return ELF_ERR_OVERLAP;
    }
    if (img->highest - img->lowest > MAX_SPAN)
        return ELF_ERR_SEGMENT;
    for (unsigned i = 0; i < img->nsegs; i++)
        if (img->entry >= img->seg[i].vaddr &&
            img->entry - img->seg[i].vaddr < img->seg[i].memsz)
            return ELF_OK;
    return ELF_ERR_ENTRY;
}

void elf_relocate(struct elf_image *img, uint64_t new_lowest)
{
    for (unsigned i = 0; i < img->nsegs; i++)
        img->seg[i].dest = img->seg[i].dest - img->lowest + new_lowest;
    img->highest = img->highest - img->lowest + new_lowest;
    img->lowest = new_lowest;
}

uint64_t elf_entry_dest(const struct elf_image *img)
{
    for (unsigned i = 0; i < img->nsegs; i++)
        if (img->entry >= img->seg[i].vaddr &&
            img->entry - img->seg[i].vaddr < img->seg[i].memsz)
            return img->seg[i].dest + (img->entry - img->seg[i].vaddr);
    return img->lowest;
}

const char *elf_strerror(int err)
{
    switch (err) {
    case ELF_OK: return "ok";
    case ELF_ERR_SHORT: return "file is shorter than its ELF headers say (truncated?)";
    case ELF_ERR_MAGIC: return "not an ELF file";
    case ELF_ERR_CLASS: return "unsupported ELF class, byte order or version";
    case ELF_ERR_MACHINE: return "not a PowerPC ELF of the matching width";
    case ELF_ERR_TYPE: return "ELF is not an executable";
    case ELF_ERR_PHDR: return "malformed ELF program header table";
    case ELF_ERR_SEGMENT: return "ELF segment with inconsistent offset, size or address";
    case ELF_ERR_TOO_MANY: return "more than 64 ELF program headers";
    case ELF_ERR_NO_LOAD: return "ELF has nothing to load";
    case ELF_ERR_ENTRY: return "ELF entry point lies outside its segments";
    case ELF_ERR_OVERLAP: return "ELF segments overlap each other";
    default: return "unknown ELF error";
    }
}
