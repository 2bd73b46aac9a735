/* SPDX-License-Identifier: BSD-2-Clause */
/* Partition tables (MBR with extended partitions, GPT with its backup),
 * parsed from an untrusted disk through a read callback. Pure: no I/O of its
 * own; tested on the host. */
#ifndef LOADER_PART_H
#define LOADER_PART_H

#include <stdbool.h>
#include <stdint.h>

#define PART_MAX 128                 /* a GPT's usual number of entries */

struct part {
    unsigned number;             /* as OF paths count them: 1, 2, ... */
    uint64_t first, count;       /* in blocks */
    bool prep;                   /* MBR type 0x41 or the GPT PReP GUID */
};

/* Read `count` blocks at `lba` into buf: 0 or a negative ERR_*. */
typedef int (*part_read_fn)(void *ctx, uint64_t lba, uint32_t count, void *buf);

enum part_scheme { PART_NONE, PART_MBR, PART_GPT };

/* Scan; returns the number of partitions (0 when the disk has no table) or
 * ERR_IO when reading fails. `scheme` says what was found; `note` (if not
 * NULL) gets a one-line description of anything wrong that was skipped. */
int part_scan(part_read_fn read, void *ctx, uint32_t block_size, uint64_t nblocks,
              struct part *out, unsigned max, enum part_scheme *scheme, const char **note);

/* What decided the partitions, as read (measured boot puts it in PCR 5):
 * the first sector, and for a GPT the header used (primary, else backup)
 * with its entry array. The pointers stay valid until the next scan. */
#define GPT_HEADER_BYTES 92
struct part_table {
    uint8_t first[512];
    const uint8_t *gpt_header;      /* GPT_HEADER_BYTES, or NULL without a GPT */
    const uint8_t *gpt_entries;
    uint32_t gpt_count, gpt_esize;
};
/* part_scan, and the table it read in *table. */
int part_scan_table(part_read_fn read, void *ctx, uint32_t block_size, uint64_t nblocks,
                    struct part *out, unsigned max, enum part_scheme *scheme, const char **note,
                    struct part_table *table);

uint32_t part_crc32(const uint8_t *p, uint64_t len);

#endif
