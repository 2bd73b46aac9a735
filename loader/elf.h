/*
 * ELF32/ELF64, big- or little-endian, PowerPC executables: parsed from an
 * untrusted buffer with every header field bounds-checked. Pure: no I/O.
 */
#ifndef LOADER_ELF_H
#define LOADER_ELF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ELF_MAX_SEGMENTS 16
#define ELF_MAX_PHDRS 64

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

int elf_parse(const void *buf, size_t len, struct elf_image *img);
const char *elf_strerror(int err);
/* Move the whole image so that it starts at new_lowest. */
void elf_relocate(struct elf_image *img, uint64_t new_lowest);
/* The physical address to enter the image at. */
uint64_t elf_entry_dest(const struct elf_image *img);

#endif
