/* SPDX-License-Identifier: BSD-2-Clause */
#include <string.h>
#include "../lib/bytes.h"
#include "../lib/err.h"
#include "part.h"

#define MAX_SECTOR 4096
#define MAX_EBR 128                  /* logical partitions followed at most */
#define GPT_MAX_ENTRIES_BYTES (128 * 1024)

static const uint8_t prep_guid[16] = {   /* 9E1A2D38-C612-4316-AA26-8B49521E5A8B */
    0x38, 0x2d, 0x1a, 0x9e, 0x12, 0xc6, 0x16, 0x43,
    0xaa, 0x26, 0x8b, 0x49, 0x52, 0x1e, 0x5a, 0x8b,
};

uint32_t part_crc32(const uint8_t *p, uint64_t len)
{
    uint32_t crc = 0xffffffff;
    while (len--) {
        crc ^= *p++;
        for (int k = 0; k < 8; k++)
            crc = (crc >> 1) ^ (0xedb88320 & (0u - (crc & 1)));
    }
    return ~crc;
}

struct scan {
    part_read_fn read;
    void *ctx;
    uint32_t bs;
    uint64_t nblocks;
    struct part *out;
    unsigned max, n;
    const char *note;
    struct part_table *table;
};

static void add(struct scan *s, unsigned number, uint64_t first, uint64_t count, bool prep)
{
    if (count == 0 || first >= s->nblocks || count > s->nblocks - first) {
        s->note = "a partition lies outside the disk; skipped";
        return;
    }
    if (s->n == s->max) {
        s->note = "more partitions than Sluice keeps; the rest are skipped";
        return;
    }
    s->out[s->n++] = (struct part){ number, first, count, prep };
}

/* MBR and EBR entries count logical blocks, whatever their size (as Linux,
 * GRUB and SLOF read them on 4096-byte-sector disks), not 512-byte sectors. */
static bool is_extended(uint8_t type)
{
    return type == 0x05 || type == 0x0f || type == 0x85;
}

static int scan_extended(struct scan *s, uint8_t *buf, uint64_t ext_start, uint64_t ext_size)
{
    uint64_t ebr = ext_start;
    for (unsigned n = 0; n < MAX_EBR; n++) {
        if (ebr >= s->nblocks || s->read(s->ctx, ebr, 1, buf))
            return ERR_IO;
        if (buf[510] != 0x55 || buf[511] != 0xaa)
            return 0;
        const uint8_t *e = buf + 446;
        if (e[4] && !is_extended(e[4]))
            add(s, 5 + n, ebr + get_le32(e + 8), get_le32(e + 12), e[4] == 0x41);
        const uint8_t *link = buf + 446 + 16;
        if (!is_extended(link[4]) || get_le32(link + 8) == 0)
            return 0;
        uint64_t next = ext_start + get_le32(link + 8);
        if (next <= ebr || next >= ext_start + ext_size) {
            s->note = "extended partition chain loops or leaves the extended partition; stopped";
            return 0;
        }
        ebr = next;
    }
    s->note = "extended partition chain is too long; stopped";
    return 0;
}

/* One GPT header at lba and its entries: 0, ERR_IO when either cannot be
 * read, ERR_INVALID when either is damaged. */
static int scan_gpt_at(struct scan *s, uint8_t *buf, uint64_t lba)
{
    static uint8_t entries[GPT_MAX_ENTRIES_BYTES], header[GPT_HEADER_BYTES];
    if (lba >= s->nblocks || s->read(s->ctx, lba, 1, buf))
        return ERR_IO;
    if (memcmp(buf, "EFI PART", 8) != 0)
        return ERR_INVALID;
    uint32_t hsize = get_le32(buf + 12), hcrc = get_le32(buf + 16);
    if (hsize < GPT_HEADER_BYTES || hsize > s->bs)
        return ERR_INVALID;
    memcpy(header, buf, sizeof(header));
    memset(buf + 16, 0, 4);
    if (part_crc32(buf, hsize) != hcrc || get_le64(buf + 24) != lba)
        return ERR_INVALID;
    uint64_t table = get_le64(buf + 72);
    uint32_t count = get_le32(buf + 80), esize = get_le32(buf + 84), ecrc = get_le32(buf + 88);
    uint64_t bytes = (uint64_t)count * esize;
    if (esize < 128 || esize % 8 || bytes == 0 || bytes > sizeof(entries) || table >= s->nblocks)
        return ERR_INVALID;
    uint32_t blocks = (uint32_t)((bytes + s->bs - 1) / s->bs);
    if (blocks > s->nblocks - table)
        return ERR_INVALID;
    if (s->read(s->ctx, table, blocks, entries))
        return ERR_IO;
    if (part_crc32(entries, bytes) != ecrc)
        return ERR_INVALID;
    if (s->table)
        *s->table = (struct part_table){ .gpt_header = header, .gpt_entries = entries,
                                         .gpt_count = count, .gpt_esize = esize };
    for (uint32_t i = 0; i < count; i++) {
        const uint8_t *e = entries + (uint64_t)i * esize;
        static const uint8_t unused[16];
        if (memcmp(e, unused, 16) == 0)
            continue;
        uint64_t first = get_le64(e + 32), last = get_le64(e + 40);
        if (last < first) {
            s->note = "a GPT entry ends before it starts; skipped";
            continue;
        }
        add(s, i + 1, first, last - first + 1, memcmp(e, prep_guid, 16) == 0);
    }
    return 0;
}

/* The primary GPT, else the backup, saying which was used and why. */
static void scan_gpt(struct scan *s, uint8_t *buf)
{
    int primary = scan_gpt_at(s, buf, 1);
    if (!primary)
        return;
    s->n = 0;
    int backup = scan_gpt_at(s, buf, s->nblocks - 1);
    if (backup)
        s->n = 0;
    if (primary == ERR_IO)
        s->note = backup ? "neither GPT header can be read and used" :
                           "the primary GPT cannot be read; using the backup";
    else
        s->note = backup == ERR_IO ? "the primary GPT is damaged and the backup cannot be read" :
                  backup ? "both GPT headers are damaged" : "the primary GPT is damaged; using the backup";
}

int part_scan(part_read_fn read, void *ctx, uint32_t block_size, uint64_t nblocks,
              struct part *out, unsigned max, enum part_scheme *scheme, const char **note)
{
    return part_scan_table(read, ctx, block_size, nblocks, out, max, scheme, note, NULL);
}

int part_scan_table(part_read_fn read, void *ctx, uint32_t block_size, uint64_t nblocks,
                    struct part *out, unsigned max, enum part_scheme *scheme, const char **note,
                    struct part_table *table)
{
    static uint8_t buf[MAX_SECTOR];
    struct scan s = { read, ctx, block_size, nblocks, out, max, 0, NULL, table };

    *scheme = PART_NONE;
    if (table)
        *table = (struct part_table){ 0 };
    if (block_size < 512 || block_size > MAX_SECTOR || (block_size & (block_size - 1)) || nblocks < 2)
        return 0;
    if (read(ctx, 0, 1, buf))
        return ERR_IO;
    if (buf[510] != 0x55 || buf[511] != 0xaa)
        return 0;
    uint8_t mbr[64], first[512];
    memcpy(first, buf, sizeof(first));
    memcpy(mbr, buf + 446, sizeof(mbr));
    bool protective = false;
    for (int i = 0; i < 4; i++)
        protective |= mbr[16 * i + 4] == 0xee;
    if (protective) {
        *scheme = PART_GPT;
        scan_gpt(&s, buf);
    } else {
        *scheme = PART_MBR;
        for (int i = 0; i < 4; i++) {
            const uint8_t *e = mbr + 16 * i;
            if (!e[4])
                continue;
            uint64_t first = get_le32(e + 8), count = get_le32(e + 12);
            if (is_extended(e[4])) {
                if (scan_extended(&s, buf, first, count))
                    return ERR_IO;
            } else {
                add(&s, (unsigned)i + 1, first, count, e[4] == 0x41);
            }
        }
    }
    if (note)
        *note = s.note;
    if (table)
        memcpy(table->first, first, sizeof(first));
    return (int)s.n;
}
