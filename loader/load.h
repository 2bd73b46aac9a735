/* SPDX-License-Identifier: BSD-2-Clause */
/* Put an ELF image where it runs: claim its memory, copy, clear its BSS. */
#ifndef LOADER_LOAD_H
#define LOADER_LOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Where a relocatable kernel goes when its own address is taken: QEMU's
 * -kernel address, so every boot path runs the kernel at the same place. */
#define KERNEL_LOAD_BASE 0x400000ull
#define KERNEL_LOAD_ALIGN 0x10000ull

struct loaded_image {
    uint64_t entry;
    uint64_t base, size;     /* claimed on the client's behalf */
    bool little_endian;
    bool elf32;
};

/* Claim [base, base+size) for the client's image: 0, or ERR_RANGE with
 * "<what> at <range> <reason>" in why (overlaps the firmware, runs past the
 * end of RAM, overlaps memory already in use). */
int claim_for_client(const char *what, uint64_t base, uint64_t size, char *why, size_t whylen);

/* 0, or a negative error (ERR_INVALID for a malformed file, ERR_RANGE or
 * ERR_NO_MEMORY when it cannot be placed) with a one-line reason in `why`. */
int load_elf(const void *file, size_t len, struct loaded_image *out, char *why, size_t whylen);

#endif
