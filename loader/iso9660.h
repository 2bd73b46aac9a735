/* SPDX-License-Identifier: BSD-2-Clause */
/* ISO9660 (ECMA-119), as installer CDs and grub-mkrescue images use it:
 * the primary volume descriptor, then a directory walk from its root to one
 * file, as deep as the path goes (the directory bytes read are bounded).
 * Names match case-insensitively, with or without their ";1" version;
 * paths use '\' (as CHRP bootinfo.txt writes them) or '/'. Pure:
 * reads go through a callback, every field is checked against the volume
 * and the buffer; tested on the host and fuzzed. */
#ifndef LOADER_ISO9660_H
#define LOADER_ISO9660_H

#include <stdint.h>
#include "part.h"

#define ISO_SECTOR 2048

struct iso_file {
    uint64_t offset;              /* bytes from the start of the device */
    uint64_t size;
};

enum iso_error {
    ISO_ERR_NOT_ISO = -1,         /* no primary volume descriptor */
    ISO_ERR_READ = -2,
    ISO_ERR_CORRUPT = -3,         /* a descriptor or directory record lies */
    ISO_ERR_NOT_FOUND = -4,       /* the path names nothing */
    ISO_ERR_NOT_FILE = -5,        /* it names a directory */
    ISO_ERR_TOO_MUCH = -6,        /* its directories hold more than one walk reads */
};

/* Find `path` on the volume of a device of nblocks blocks of block_size
 * bytes (2048 for a CD, 512 or 4096 for an ISO image on a disk). 0 with
 * out filled, or an iso_error. */
int iso_find(part_read_fn read, void *ctx, uint32_t block_size, uint64_t nblocks, const char *path,
             struct iso_file *out);
const char *iso_strerror(int err);

#endif
