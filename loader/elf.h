/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ELF32/ELF64, big- or little-endian, PowerPC executables: parsed from an
 * untrusted buffer with every header field bounds-checked. Pure: no I/O.
 */
#ifndef LOADER_ELF_H
#define LOADER_ELF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Every loadable segment a program header table of ELF_MAX_PHDRS can have:
 * valid ELFs with many segments load as they do with -kernel. */
#define ELF_MAX_PHDRS 64
#define ELF_MAX_SEGMENTS ELF_MAX_PHDRS

struct elf_segment {
    uint64_t offset, filesz, memsz;
    uint64_t vaddr;          /* where the program is linked */
    uint64_t dest;           /* the physical address it is loaded at */
};

struct elf_image {
    bool is64, little_endian;
    /* Linked at kernel virtual addresses (Linux vmlinux: 0xc000...): loaded
     * by p_paddr, and relocatable as a whole. */
    bool kernel_virtual;
    uint64_t entry;          /* e_entry, a link-time address */
    unsigned nsegs;
    struct elf_segment seg[ELF_MAX_SEGMENTS];
    uint64_t lowest, highest;   /* destination span: [lowest, highest) */
};

enum elf_error {
    ELF_OK = 0,
    ELF_ERR_SHORT = -1,      /* shorter than its headers say */
    ELF_ERR_MAGIC = -2,
    ELF_ERR_CLASS = -3,
    ELF_ERR_MACHINE = -4,
    ELF_ERR_TYPE = -5,
    ELF_ERR_PHDR = -6,       /* program header table malformed */
    ELF_ERR_SEGMENT = -7,    /* a segment's fields are inconsistent */
    ELF_ERR_TOO_MANY = -8,
    ELF_ERR_NO_LOAD = -9,
    ELF_ERR_ENTRY = -10,     /* entry point outside every segment */
    ELF_ERR_OVERLAP = -11,   /* two segments share destination memory */
};

/* Parse a file of `len` bytes. Only its ELF header and program header table
 * are read from buf (elf_headers_size says how much of the file that is);
 * the segments are checked against len. */
int elf_parse(const void *buf, size_t len, struct elf_image *img);
/* From the first `have` bytes of a file (at least 64, or all of a shorter
 * one): how many bytes from its start hold the ELF header and the program
 * header table, wherever the table lies. 0 with *need set, or an ELF error. */
int elf_headers_size(const void *buf, size_t have, uint64_t *need);
const char *elf_strerror(int err);
/* Move the whole image so that it starts at new_lowest. */
void elf_relocate(struct elf_image *img, uint64_t new_lowest);
/* The physical address to enter the image at. */
uint64_t elf_entry_dest(const struct elf_image *img);

#endif
