/* SPDX-License-Identifier: BSD-2-Clause */
/* MBR and GPT parsing from untrusted disks. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "loader/part.c"

#define BS 512
#define NBLOCKS 4096
static uint8_t disk[NBLOCKS * BS];

static uint64_t bad_lba = UINT64_MAX;     /* a block the disk cannot read */

/* The disk read in blocks of *ctx bytes (512 when ctx is NULL). */
static int rd(void *ctx, uint64_t lba, uint32_t count, void *buf)
{
    uint64_t bs = ctx ? *(const uint32_t *)ctx : BS, nblocks = sizeof(disk) / bs;
    if (lba >= nblocks || count > nblocks - lba || (bad_lba >= lba && bad_lba - lba < count))
        return -1;
    memcpy(buf, disk + lba * bs, (size_t)count * bs);
    return 0;
}

static void wle32(uint8_t *p, uint32_t v) { for (int i = 0; i < 4; i++) p[i] = (uint8_t)(v >> (8 * i)); }
static void wle64(uint8_t *p, uint64_t v) { wle32(p, (uint32_t)v); wle32(p + 4, (uint32_t)(v >> 32)); }

static void mbr_entry(uint8_t *sector, int i, uint8_t type, uint32_t start, uint32_t count)
{
    uint8_t *e = sector + 446 + 16 * i;
    e[4] = type;
    wle32(e + 8, start);
    wle32(e + 12, count);
    sector[510] = 0x55;
    sector[511] = 0xaa;
}

static int scan(struct part *p, enum part_scheme *s, const char **note)
{
    return part_scan(rd, NULL, BS, NBLOCKS, p, PART_MAX, s, note);
}

static void mbr_with_prep_and_logicals(void **state)
{
    (void)state;
    struct part p[PART_MAX];
    enum part_scheme s;
    const char *note = NULL;
    memset(disk, 0, sizeof(disk));
    mbr_entry(disk, 0, 0x41, 64, 100);
    mbr_entry(disk, 1, 0x05, 1000, 1000);           /* extended */
    mbr_entry(disk + 1000 * BS, 0, 0x83, 10, 50);   /* logical 5 */
    mbr_entry(disk + 1000 * BS, 1, 0x05, 100, 200); /* link to the next EBR */
    mbr_entry(disk + 1100 * BS, 0, 0x41, 10, 20);   /* logical 6 */
    assert_int_equal(scan(p, &s, &note), 3);
    assert_int_equal(s, PART_MBR);
    assert_int_equal(p[0].number, 1);
    assert_true(p[0].prep);
    assert_int_equal(p[1].number, 5);
    assert_int_equal(p[1].first, 1010);
    assert_int_equal(p[2].number, 6);
    assert_int_equal(p[2].first, 1110);
    assert_true(p[2].prep);
    assert_null(note);
}

/* The same bytes read as a 4096-byte-sector disk (QEMU's
 * logical_block_size=4096): MBR entries count those blocks. */
static void mbr_on_4096_byte_blocks_counts_blocks(void **state)
{
    (void)state;
    uint32_t bs = 4096;
    struct part p[PART_MAX];
    enum part_scheme s;
    const char *note = NULL;
    memset(disk, 0, sizeof(disk));
    mbr_entry(disk, 0, 0x41, 64, 100);
    mbr_entry(disk, 1, 0x05, 200, 200);
    mbr_entry(disk + 200 * 4096, 0, 0x83, 4, 10);      /* logical 5, in 4 KiB blocks too */
    assert_int_equal(part_scan(rd, &bs, bs, sizeof(disk) / bs, p, PART_MAX, &s, &note), 2);
    assert_int_equal(p[0].first, 64);
    assert_int_equal(p[0].count, 100);
    assert_int_equal(p[1].first, 204);
    assert_int_equal(p[1].count, 10);
}

static void mbr_loops_and_overruns_are_contained(void **state)
{
    (void)state;
    struct part p[PART_MAX];
    enum part_scheme s;
    const char *note = NULL;
    memset(disk, 0, sizeof(disk));
    mbr_entry(disk, 0, 0x83, 4000, 500);            /* past the end */
    mbr_entry(disk, 1, 0x05, 1000, 1000);
    mbr_entry(disk + 1000 * BS, 0, 0x83, 10, 50);
    mbr_entry(disk + 1000 * BS, 1, 0x05, 0, 200);   /* links to itself */
    assert_int_equal(scan(p, &s, &note), 1);
    assert_int_equal(p[0].number, 5);
    assert_non_null(note);
}

static const uint8_t prep[16] = { 0x38, 0x2d, 0x1a, 0x9e, 0x12, 0xc6, 0x16, 0x43,
                                  0xaa, 0x26, 0x8b, 0x49, 0x52, 0x1e, 0x5a, 0x8b };

static void write_gpt(uint64_t header_lba, uint64_t table_lba)
{
    uint8_t *h = disk + header_lba * BS, *t = disk + table_lba * BS;
    memset(t, 0, 32 * BS);
    memcpy(t, prep, 16);
    t[16] = 1;
    wle64(t + 32, 34);
    wle64(t + 40, 2081);
    memset(t + 128, 0x11, 16);
    wle64(t + 128 + 32, 2082);
    wle64(t + 128 + 40, 4000);
    memset(h, 0, BS);
    memcpy(h, "EFI PART", 8);
    wle32(h + 8, 0x10000);
    wle32(h + 12, 92);
    wle64(h + 24, header_lba);
    wle64(h + 72, table_lba);
    wle32(h + 80, 128);
    wle32(h + 84, 128);
    wle32(h + 88, part_crc32(t, 128 * 128));
    wle32(h + 16, part_crc32(h, 92));
}

/* What measured boot takes of the table: the first sector, and the GPT
 * header in use (as on disk, its CRC included) with its entries; the
 * backup's when the primary is damaged; no GPT for an MBR disk. */
static void the_table_as_read_for_pcr5(void **state)
{
    (void)state;
    struct part p[PART_MAX];
    struct part_table t;
    enum part_scheme s;
    memset(disk, 0, sizeof(disk));
    mbr_entry(disk, 0, 0xee, 1, NBLOCKS - 1);
    write_gpt(1, 2);
    write_gpt(NBLOCKS - 1, NBLOCKS - 33);
    assert_int_equal(part_scan_table(rd, NULL, BS, NBLOCKS, p, PART_MAX, &s, NULL, &t), 2);
    assert_memory_equal(t.first, disk, 512);
    assert_non_null(t.gpt_header);
    assert_memory_equal(t.gpt_header, disk + BS, GPT_HEADER_BYTES);
    assert_int_equal(t.gpt_count, 128);
    assert_int_equal(t.gpt_esize, 128);
    assert_memory_equal(t.gpt_entries, disk + 2 * BS, 128 * 128);
    disk[BS + 30] ^= 1;                              /* the primary damaged: the backup's */
    assert_int_equal(part_scan_table(rd, NULL, BS, NBLOCKS, p, PART_MAX, &s, NULL, &t), 2);
    assert_memory_equal(t.gpt_header, disk + (NBLOCKS - 1) * BS, GPT_HEADER_BYTES);
    memset(disk, 0, sizeof(disk));
    mbr_entry(disk, 0, 0x41, 64, 100);
    assert_int_equal(part_scan_table(rd, NULL, BS, NBLOCKS, p, PART_MAX, &s, NULL, &t), 1);
    assert_null(t.gpt_header);
    assert_memory_equal(t.first, disk, 512);
}

static void gpt_primary_and_backup(void **state)
{
    (void)state;
    struct part p[PART_MAX];
    enum part_scheme s;
    const char *note = NULL;
    memset(disk, 0, sizeof(disk));
    mbr_entry(disk, 0, 0xee, 1, NBLOCKS - 1);
    write_gpt(1, 2);
    write_gpt(NBLOCKS - 1, NBLOCKS - 33);
    assert_int_equal(scan(p, &s, &note), 2);
    assert_int_equal(s, PART_GPT);
    assert_true(p[0].prep);
    assert_int_equal(p[0].first, 34);
    assert_int_equal(p[0].count, 2048);
    assert_false(p[1].prep);
    assert_int_equal(p[1].number, 2);
    bad_lba = 1;                                     /* the primary header unreadable */
    assert_int_equal(scan(p, &s, &note), 2);
    assert_string_equal(note, "the primary GPT cannot be read; using the backup");
    bad_lba = 5;                                     /* its entries unreadable */
    assert_int_equal(scan(p, &s, &note), 2);
    assert_string_equal(note, "the primary GPT cannot be read; using the backup");
    bad_lba = UINT64_MAX;
    disk[BS + 30] ^= 1;                              /* damage the primary header */
    assert_int_equal(scan(p, &s, &note), 2);
    assert_string_equal(note, "the primary GPT is damaged; using the backup");
    bad_lba = NBLOCKS - 1;
    assert_int_equal(scan(p, &s, &note), 0);
    assert_string_equal(note, "the primary GPT is damaged and the backup cannot be read");
    bad_lba = UINT64_MAX;
    disk[(NBLOCKS - 33) * BS + 50] ^= 1;             /* and the backup's entries */
    assert_int_equal(scan(p, &s, &note), 0);
    assert_string_equal(note, "both GPT headers are damaged");
}

static void no_table_and_read_errors(void **state)
{
    (void)state;
    struct part p[PART_MAX];
    enum part_scheme s;
    memset(disk, 0, sizeof(disk));
    assert_int_equal(scan(p, &s, NULL), 0);
    assert_int_equal(s, PART_NONE);
    assert_int_equal(part_scan(rd, NULL, 3000, NBLOCKS, p, PART_MAX, &s, NULL), 0);  /* odd block size */
    assert_int_equal(part_scan(rd, NULL, BS, 0, p, PART_MAX, &s, NULL), 0);
}

static void random_disks_are_safe(void **state)
{
    (void)state;
    struct part p[PART_MAX];
    enum part_scheme s;
    srand(5);
    for (int round = 0; round < 3000; round++) {
        memset(disk, 0, 64 * BS);
        mbr_entry(disk, rand() % 4, (uint8_t)(rand() % 2 ? 0xee : 0x05), (uint32_t)rand() % 64, (uint32_t)rand() % 8192);
        if (round % 3 == 0)
            write_gpt(1, 2);
        for (int i = 0; i < 20; i++)
            disk[rand() % (64 * BS)] = (uint8_t)rand();
        int n = scan(p, &s, NULL);
        for (int i = 0; i < n; i++)
            assert_true(p[i].first + p[i].count <= NBLOCKS);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(mbr_with_prep_and_logicals),
        cmocka_unit_test(mbr_on_4096_byte_blocks_counts_blocks),
        cmocka_unit_test(mbr_loops_and_overruns_are_contained),
        cmocka_unit_test(gpt_primary_and_backup),
        cmocka_unit_test(the_table_as_read_for_pcr5),
        cmocka_unit_test(no_table_and_read_errors),
        cmocka_unit_test(random_disks_are_safe),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
