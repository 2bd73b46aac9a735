/* SPDX-License-Identifier: BSD-2-Clause */
/* MBR (with extended chains) and GPT from a disk that may lie: the input is
 * the disk; its first byte picks the block size and whether the disk claims
 * more blocks than it has (reads past the data fail, as a dying disk's do). */
#include "fuzz.h"
#include "loader/part.c"

struct disk {
    const uint8_t *data;
    size_t size;
    uint32_t block;
    unsigned reads;
};

static int disk_read(void *ctx, uint64_t lba, uint32_t count, void *buf)
{
    struct disk *d = ctx;
    PROMISE(count > 0 && count <= 64);      /* no runaway reads */
    PROMISE(++d->reads < 4096);             /* no endless chains */
    uint64_t off = lba * d->block, len = (uint64_t)count * d->block;
    if (lba > d->size / d->block || off + len > d->size)
        return -1;
    memcpy(buf, d->data + off, len);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    struct disk d = { data + 1, size - 1, data[0] & 1 ? 4096 : 512, 0 };
    uint64_t nblocks = d.size / d.block;
    if (data[0] & 2)
        nblocks += (uint64_t)data[0] << 20;     /* claims more than it holds */
    struct part parts[PART_MAX];
    enum part_scheme scheme;
    const char *note = NULL;
    int n = part_scan(disk_read, &d, d.block, nblocks, parts, PART_MAX, &scheme, &note);
    PROMISE((n >= 0 && n <= PART_MAX) || n == ERR_IO);
    for (int i = 0; i < n; i++) {
        PROMISE(parts[i].count > 0);
        PROMISE(parts[i].first < nblocks && parts[i].count <= nblocks - parts[i].first);
    }
    if (note)
        PROMISE(strlen(note) < 200);
    return 0;
}
