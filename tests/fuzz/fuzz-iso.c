/* SPDX-License-Identifier: BSD-2-Clause */
/* ISO9660 volumes from a disc that may lie: the input is the disc (its
 * first byte picks 512-, 2048- or 4096-byte blocks); every lookup a CD
 * boot makes is tried. A file found must lie inside the disc, and reads
 * stay bounded. */
#include "fuzz.h"
#include "loader/iso9660.c"

struct disc {
    const uint8_t *data;
    size_t size;
    uint32_t block;
    unsigned reads;
};

static int disc_read(void *ctx, uint64_t lba, uint32_t count, void *buf)
{
    struct disc *d = ctx;
    PROMISE(count > 0 && (uint64_t)count * d->block <= 4096);
    PROMISE(++d->reads < 20000);
    uint64_t off = lba * d->block, len = (uint64_t)count * d->block;
    if (lba > d->size / d->block || off + len > d->size)
        return -1;
    memcpy(buf, d->data + off, len);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const uint32_t blocks[] = { 512, 2048, 4096 };
    static const char *const paths[] = { "\\ppc\\bootinfo.txt", "\\boot\\grub\\powerpc.elf", "/a/b/c/d",
                                         "\\" };
    if (size < 1)
        return 0;
    struct disc d = { data + 1, size - 1, blocks[data[0] % 3], 0 };
    uint64_t nblocks = d.size / d.block + (data[0] & 4 ? 1000 : 0);   /* may claim more */
    for (unsigned i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
        struct iso_file f;
        d.reads = 0;
        if (iso_find(disc_read, &d, d.block, nblocks, paths[i], &f) == 0)
            PROMISE(f.offset <= nblocks * d.block && f.size <= nblocks * d.block - f.offset);
    }
    return 0;
}
