/* SPDX-License-Identifier: BSD-2-Clause */
/* The SCSI midlayer against a scripted logical unit: probing through unit
 * attentions and "becoming ready", READ CAPACITY(10) then (16), READ(10)
 * and READ(16), sense in one line, and units that are not there, not
 * disks, or have no medium. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "lib/text.c"
#include "lib/vec.c"
#include "fdt/tree.c"
#include "dev/registry.c"
#include "dev/blockdev.c"
#include "scsi/sense.c"
#include "scsi/lun.c"

/* ---- the world ----------------------------------------------------------- */
static uint64_t now_us;
void secure_poll(void) {}
void watchdog_check(void) {}
static char logged[512];
static unsigned lines;
uint64_t timebase_us(void) { return now_us += 1000; }
#define LOG_STUB(name) \
    void name(const char *fmt, ...) { va_list ap; va_start(ap, fmt); vsnprintf(logged, sizeof(logged), fmt, ap); va_end(ap); lines++; }
LOG_STUB(log_info)
LOG_STUB(log_error)
LOG_STUB(log_debug)

/* ---- a scripted logical unit ----------------------------------------- */
static struct {
    int type;                    /* peripheral type; -1: nobody there */
    unsigned attentions;         /* unit attentions before anything else */
    unsigned becoming;           /* "becoming ready" answers after those */
    bool no_medium;
    uint64_t blocks;             /* how many */
    uint32_t block_size;
    int fail_read_at;            /* a block whose reads fail (MEDIUM ERROR), or -1 */
    unsigned luns;               /* how many LUNs REPORT LUNS lists, highest first */
    uint8_t last_op;
    unsigned commands;
} unit;

static void sense(struct scsi_result *res, uint8_t key, uint8_t asc, uint8_t ascq)
{
    res->status = SCSI_STATUS_CHECK;
    res->sense_len = 18;
    memset(res->sense, 0, 18);
    res->sense[0] = 0x70, res->sense[2] = key, res->sense[7] = 10, res->sense[12] = asc, res->sense[13] = ascq;
}

static uint8_t pattern(uint64_t lba, uint32_t i) { return (uint8_t)(lba * 13 + i); }

static void read_blocks(uint64_t lba, uint32_t count, uint8_t *buf, struct scsi_result *res)
{
    assert_true(lba + count <= unit.blocks);
    if (unit.fail_read_at >= 0 && (uint64_t)unit.fail_read_at >= lba && (uint64_t)unit.fail_read_at < lba + count) {
        sense(res, SENSE_MEDIUM_ERROR, 0x11, 0);
        return;
    }
    for (uint32_t b = 0; b < count; b++)
        for (uint32_t i = 0; i < unit.block_size; i++)
            buf[(size_t)b * unit.block_size + i] = pattern(lba + b, i);
}

static int command(struct scsi_host *h, const uint8_t lun[8], const uint8_t *cdb, unsigned cdb_len,
                   void *buf, uint32_t len, struct scsi_result *res)
{
    (void)lun; (void)cdb_len;
    uint8_t *d = buf;
    unit.last_op = cdb[0];
    unit.commands++;
    if (unit.type < 0)
        return ERR_NOT_FOUND;
    if (cdb[0] == INQUIRY) {
        memset(d, 0, len);
        d[0] = (uint8_t)unit.type;
        return 0;
    }
    if (unit.attentions) {
        unit.attentions--;
        sense(res, SENSE_UNIT_ATTENTION, 0x29, 0);
        return 0;
    }
    if (unit.no_medium && cdb[0] == TEST_UNIT_READY) {
        sense(res, SENSE_NOT_READY, 0x3a, 0);
        return 0;
    }
    if (unit.becoming) {
        unit.becoming--;
        sense(res, SENSE_NOT_READY, 0x04, 0x01);
        return 0;
    }
    switch (cdb[0]) {
    case TEST_UNIT_READY: return 0;
    case REPORT_LUNS: {
        uint32_t fits = (len - 8) / 8, sent = unit.luns < fits ? unit.luns : fits;
        assert_int_equal(len, get_be32(cdb + 6));
        assert_true(len <= h->max_transfer);
        memset(d, 0, len);
        put_be32(d, unit.luns * 8);
        for (uint32_t i = 0; i < sent; i++)     /* LUN addressing: target, LUN */
            d[8 + 8 * i] = (uint8_t)(0x80 | (unit.luns - 1 - i) / 32), d[9 + 8 * i] = (uint8_t)((unit.luns - 1 - i) % 32);
        res->residual = len - 8 - 8 * sent;
        return 0;
    }
    case READ_CAPACITY_10:
        put_be32(d, unit.blocks > 0xffffffffull ? 0xffffffffu : (uint32_t)(unit.blocks - 1));
        put_be32(d + 4, unit.block_size);
        return 0;
    case SERVICE_ACTION_IN_16:
        assert_int_equal(cdb[1], READ_CAPACITY_16);
        put_be64(d, unit.blocks - 1);
        put_be32(d + 8, unit.block_size);
        return 0;
    case READ_10:
        assert_int_equal(len, get_be16(cdb + 7) * unit.block_size);
        read_blocks(get_be32(cdb + 2), get_be16(cdb + 7), d, res);
        return 0;
    case READ_16:
        assert_int_equal(len, get_be32(cdb + 10) * unit.block_size);
        read_blocks(get_be64(cdb + 2), get_be32(cdb + 10), d, res);
        return 0;
    }
    sense(res, SENSE_ILLEGAL_REQUEST, 0x20, 0);
    return 0;
}

static const struct scsi_host_ops ops = { command };
static struct scsi_host host;
static const uint8_t lun0[8];

static int setup(void **state)
{
    (void)state;
    dt_init();
    host = (struct scsi_host){ "v-scsi@71000002", dt_new_node(dt_root(), "v-scsi@71000002"), &ops,
                               128 * 1024, NULL };
    while (blockdevs.items.n)                         /* the units the last test added */
        free(blockdevs.items.item[--blockdevs.items.n]);
    vec_clear(&blockdevs.items);
    memset(&unit, 0, sizeof(unit));
    unit.block_size = 512;
    unit.blocks = 1000;
    unit.fail_read_at = -1;
    logged[0] = '\0';
    return 0;
}

static struct blockdev *only_disk(void)
{
    assert_int_equal(registry_count(&blockdevs), 1);
    return registry_get(&blockdevs, 0);
}

static void a_disk_through_attentions_and_becoming_ready(void **state)
{
    (void)state;
    unit.attentions = 2;
    unit.becoming = 5;
    assert_int_equal(scsi_add_lun(&host, lun0, 0x8100000000000000ull), 0);
    struct blockdev *d = only_disk();
    assert_int_equal(d->block_size, 512);
    assert_int_equal(d->nblocks, 1000);
    assert_false(d->cdrom);
    assert_string_equal(d->node->name, "disk");         /* the host's wildcard node */
    assert_string_equal(d->unit, "8100000000000000");
    assert_null(dt_get(d->node, "reg", NULL));
    assert_string_equal(dt_get_string(d->node, "device_type"), "block");
    char path[64];
    assert_int_equal(blockdev_path(d, path, sizeof(path)), 38);
    assert_string_equal(path, "/v-scsi@71000002/disk@8100000000000000");
    assert_ptr_equal(blockdev_at(d->node, "8100000000000000"), d);
    assert_string_equal(logged, "v-scsi@71000002 disk@8100000000000000: disk, 500 KiB in 512-byte blocks\n");
    uint8_t buf[3 * 512];
    assert_int_equal(blockdev_read(d, 10, 3, buf), 0);
    assert_int_equal(unit.last_op, READ_10);
    for (uint32_t i = 0; i < sizeof(buf); i++)
        assert_int_equal(buf[i], pattern(10 + i / 512, i % 512));
}

/* More than 2^32 blocks: READ CAPACITY(16), and READ(16) above 2^32. */
static void a_huge_disk_uses_the_16_byte_commands(void **state)
{
    (void)state;
    unit.blocks = 0x180000000ull;
    unit.block_size = 4096;
    assert_int_equal(scsi_add_lun(&host, lun0, 1), 0);
    struct blockdev *d = only_disk();
    assert_int_equal(d->nblocks, 0x180000000ull);
    uint8_t buf[2 * 4096];
    assert_int_equal(blockdev_read(d, 0x100000010ull, 2, buf), 0);
    assert_int_equal(unit.last_op, READ_16);
    assert_int_equal(buf[4096 + 7], pattern(0x100000011ull, 7));
    assert_int_equal(blockdev_read(d, 5, 1, buf), 0);
    assert_int_equal(unit.last_op, READ_10);
}

/* Reads larger than the transport moves at once go in pieces. */
static void large_reads_are_split_to_the_transfer_size(void **state)
{
    (void)state;
    unit.block_size = 2048;
    unit.type = TYPE_CDROM;
    assert_int_equal(scsi_add_lun(&host, lun0, 0x8200000000000000ull), 0);
    struct blockdev *d = only_disk();
    assert_true(d->cdrom);
    static uint8_t buf[300 * 2048];
    unsigned before = unit.commands;
    assert_int_equal(blockdev_read(d, 1, 300, buf), 0);
    assert_int_equal(unit.commands - before, 5);                 /* 64 blocks of 2 KiB a command */
    assert_int_equal(buf[299 * 2048 + 1], pattern(300, 1));
}

/* A list longer than the first ask is asked for again in full, up to what
 * one command can move; either way in order of address. */
static void every_lun_is_reported_in_order(void **state)
{
    (void)state;
    uint8_t (*luns)[8];
    unit.luns = 2000;
    assert_int_equal(scsi_report_luns(&host, lun0, &luns), 2000);
    for (unsigned i = 0; i < 2000; i++)
        assert_true(luns[i][0] == (0x80 | i / 32) && luns[i][1] == i % 32);
    free(luns);
    unit.luns = 5;
    assert_int_equal(scsi_report_luns(&host, lun0, &luns), 5);
    assert_int_equal(luns[4][1], 4);
    free(luns);
    host.max_transfer = 8 + 8 * 100;
    unit.luns = 300;
    assert_int_equal(scsi_report_luns(&host, lun0, &luns), 100);
    assert_string_equal(logged, "v-scsi@71000002: 300 LUNs reported, one command lists 100; the rest are left alone\n");
    free(luns);
}

static void units_that_cannot_be_used_are_skipped(void **state)
{
    (void)state;
    unit.type = -1;                                              /* nobody there */
    assert_int_equal(scsi_add_lun(&host, lun0, 1), ERR_NOT_FOUND);
    unit.type = 1;                                               /* a tape */
    assert_int_equal(scsi_add_lun(&host, lun0, 2), ERR_NOT_FOUND);
    unit.type = TYPE_CDROM;
    unit.no_medium = true;                                       /* QEMU's default empty CD */
    assert_int_equal(scsi_add_lun(&host, lun0, 0x8200000000000000ull), ERR_NOT_FOUND);
    assert_string_equal(logged, "v-scsi@71000002 disk@8200000000000000: no medium; skipped\n");
    unit.no_medium = false;
    unit.type = TYPE_DISK;
    unit.block_size = 520;                                       /* a size nobody reads */
    assert_int_equal(scsi_add_lun(&host, lun0, 3), ERR_INVALID);
    assert_non_null(strstr(logged, "520-byte blocks"));
    unit.block_size = 2048;
    unit.type = TYPE_CDROM;
    unit.blocks = 0;                                             /* a -cdrom file under 2048 bytes */
    assert_int_equal(scsi_add_lun(&host, lun0, 0x8200000000000000ull), ERR_INVALID);
    assert_string_equal(logged, "v-scsi@71000002 disk@8200000000000000: not one whole 2048-byte block "
                                "on it; skipped\n");
    unit.type = TYPE_DISK;
    unit.blocks = 1000;
    unit.block_size = 512;
    unit.becoming = 10000;                                       /* never ready */
    assert_int_equal(scsi_add_lun(&host, lun0, 4), ERR_IO);
    assert_non_null(strstr(logged, "not ready: NOT READY, asc 0x04/0x01 (becoming ready)"));
    assert_int_equal(registry_count(&blockdevs), 0);
}

static void read_errors_say_what_the_sense_data_says(void **state)
{
    (void)state;
    unit.fail_read_at = 7;
    assert_int_equal(scsi_add_lun(&host, lun0, 0x8000000000000000ull), 0);
    uint8_t buf[512];
    assert_int_equal(blockdev_read(only_disk(), 7, 1, buf), ERR_IO);
    assert_string_equal(logged, "v-scsi@71000002 disk@8000000000000000: read of block 7 failed: "
                                "MEDIUM ERROR, asc 0x11/0x00 (unrecovered read error)\n");
    char text[96];
    const uint8_t desc[] = { 0x72, 0x6, 0x28, 0x00 };            /* descriptor format */
    assert_string_equal(scsi_sense_text(desc, sizeof(desc), text, sizeof(text)),
                        "UNIT ATTENTION, asc 0x28/0x00 (medium may have changed)");
    assert_string_equal(scsi_sense_text(desc, 0, text, sizeof(text)), "no usable sense data (0 bytes)");
    /* A client reading the bad block over and over: four lines, then one. */
    lines = 0;
    for (int i = 0; i < 20; i++)
        assert_int_equal(blockdev_read(only_disk(), 7, 1, buf), ERR_IO);
    assert_int_equal(lines, 4);
    assert_string_equal(logged, "/v-scsi@71000002/disk@8000000000000000: more read errors; not shown\n");
}

static int teardown(void **state)
{
    setup(state);
    dt_init();
    return 0;
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(a_disk_through_attentions_and_becoming_ready), T(a_huge_disk_uses_the_16_byte_commands),
        T(large_reads_are_split_to_the_transfer_size), T(units_that_cannot_be_used_are_skipped),
        T(read_errors_say_what_the_sense_data_says), T(every_lun_is_reported_in_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
