/* SPDX-License-Identifier: BSD-2-Clause */
/* A SCSI logical unit as a block device: probed once (INQUIRY, TEST UNIT
 * READY until it is ready, READ CAPACITY), then read with READ(10), or
 * READ(16) where 32 bits of block address do not reach. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../board/log.h"
#include "../board/timebase.h"
#include "../lib/bytes.h"
#include "../lib/err.h"
#include "../lib/text.h"
#include "sense.h"

#define INQUIRY 0x12
#define TEST_UNIT_READY 0x00
#define READ_CAPACITY_10 0x25
#define SERVICE_ACTION_IN_16 0x9e
#define READ_CAPACITY_16 0x10
#define READ_10 0x28
#define READ_16 0x88
#define REPORT_LUNS 0xa0

#define TYPE_DISK 0x00
#define TYPE_CDROM 0x05
#define READY_WAIT_US 5000000ull      /* a unit "becoming ready" gets this long */
#define READY_POLL_US 100000ull
#define ATTENTIONS_MAX 8              /* power-on, medium changed, ... */
#define REPORT_FIRST 64               /* LUNs asked for first; a longer list, a second time */

struct scsi_lun {
    struct blockdev bdev;             /* first: the registry finds it by node */
    struct scsi_host *host;
    uint8_t lun[8];
    char name[48];                    /* for the log: "v-scsi@71000002 disk@8200000000000000" */
};

/* A command that the transport delivered: its SCSI status and sense. */
static int run(struct scsi_host *h, const uint8_t lun[8], const uint8_t *cdb, unsigned cdb_len,
               void *buf, uint32_t len, struct scsi_result *res)
{
    memset(res, 0, sizeof(*res));
    return h->ops->command(h, lun, cdb, cdb_len, buf, len, res);
}

static bool sense_is(const struct scsi_result *res, uint8_t key, int asc, int ascq)
{
    struct sense s;
    return res->status == SCSI_STATUS_CHECK && sense_parse(res->sense, res->sense_len, &s) &&
           s.key == key && (asc < 0 || s.asc == asc) && (ascq < 0 || s.ascq == ascq);
}

/* TEST UNIT READY until ready: unit attentions are taken, a unit becoming
 * ready is given a few seconds. 0, ERR_NOT_FOUND for no medium, ERR_IO. */
static int wait_ready(struct scsi_lun *l, char *why, size_t whylen)
{
    static const uint8_t tur[6] = { TEST_UNIT_READY };
    struct scsi_result res;
    uint64_t until = timebase_us() + READY_WAIT_US;
    for (unsigned attentions = 0;;) {
        int err = run(l->host, l->lun, tur, sizeof(tur), NULL, 0, &res);
        if (err) {
            sniprintf(why, whylen, "the transport failed");
            return err;
        }
        if (res.status == SCSI_STATUS_GOOD)
            return 0;
        if (sense_is(&res, SENSE_UNIT_ATTENTION, -1, -1) && ++attentions <= ATTENTIONS_MAX)
            continue;
        if (sense_is(&res, SENSE_NOT_READY, 0x3a, -1)) {
            sniprintf(why, whylen, "no medium");
            return ERR_NOT_FOUND;
        }
        if (sense_is(&res, SENSE_NOT_READY, 0x04, 0x01) && timebase_us() < until) {
            uint64_t t = timebase_us() + READY_POLL_US;
            while (timebase_us() < t)
                ;
            continue;
        }
        char text[96];
        sniprintf(why, whylen, "not ready: %s", scsi_sense_text(res.sense, res.sense_len, text,
                                                                 sizeof(text)));
        return ERR_IO;
    }
}

/* READ CAPACITY(10), then (16) when the answer is "more than 32 bits". */
static int read_capacity(struct scsi_lun *l, char *why, size_t whylen)
{
    const uint8_t rc10[10] = { READ_CAPACITY_10 };
    const uint8_t rc16[16] = { SERVICE_ACTION_IN_16, READ_CAPACITY_16, [13] = 32 };
    uint8_t data[32];
    struct scsi_result res;
    uint64_t last = 0;
    int err = run(l->host, l->lun, rc10, sizeof(rc10), data, 8, &res);
    if (!err && res.status == SCSI_STATUS_GOOD && res.residual == 0) {
        last = get_be32(data);
        l->bdev.block_size = get_be32(data + 4);
        if (last == 0xffffffffu) {
            err = run(l->host, l->lun, rc16, sizeof(rc16), data, 32, &res);
            last = get_be64(data);
            l->bdev.block_size = get_be32(data + 8);
        }
    }
    if (err || res.status != SCSI_STATUS_GOOD || res.residual > 20) {
        char text[96];
        sniprintf(why, whylen, "READ CAPACITY failed%s%s", err ? "" : ": ",
                  err ? "" : scsi_sense_text(res.sense, res.sense_len, text, sizeof(text)));
        return ERR_IO;
    }
    uint32_t bs = l->bdev.block_size;
    if (bs != 512 && bs != 2048 && bs != 4096) {
        sniprintf(why, whylen, "%lu-byte blocks (512, 2048 or 4096 are read)", (unsigned long)bs);
        return ERR_INVALID;
    }
    if (last == UINT64_MAX) {         /* "last block -1": not one whole block */
        sniprintf(why, whylen, "not one whole %lu-byte block on it", (unsigned long)bs);
        return ERR_INVALID;
    }
    l->bdev.nblocks = last + 1;
    return 0;
}

static void read_cdb(uint8_t cdb[16], unsigned *len, uint64_t lba, uint32_t count)
{
    memset(cdb, 0, 16);
    if (lba + count <= 0x100000000ull && count <= 0xffff) {
        cdb[0] = READ_10;
        put_be32(cdb + 2, (uint32_t)lba);
        put_be16(cdb + 7, (uint16_t)count);
        *len = 10;
    } else {
        cdb[0] = READ_16;
        put_be64(cdb + 2, lba);
        put_be32(cdb + 10, count);
        *len = 16;
    }
}

static int lun_read(struct blockdev *dev, uint64_t lba, uint64_t count, void *buf)
{
    struct scsi_lun *l = (struct scsi_lun *)dev;
    uint32_t bs = dev->block_size, per = l->host->max_transfer / bs;
    uint8_t *dst = buf;
    for (unsigned attentions = 0; count;) {
        uint32_t n = count < per ? (uint32_t)count : per;
        uint8_t cdb[16];
        unsigned len;
        struct scsi_result res;
        read_cdb(cdb, &len, lba, n);
        int err = run(l->host, l->lun, cdb, len, dst, n * bs, &res);
        if (err)
            return err;
        if (sense_is(&res, SENSE_UNIT_ATTENTION, -1, -1) && ++attentions <= ATTENTIONS_MAX)
            continue;
        if (res.status != SCSI_STATUS_GOOD || res.residual) {
            char text[96];
            if (blockdev_error_shown(dev))
                log_error("%s: read of block %lu failed: %s\n", l->name, (unsigned long)lba,
                          res.status == SCSI_STATUS_GOOD ? "short transfer"
                          : scsi_sense_text(res.sense, res.sense_len, text, sizeof(text)));
            return ERR_IO;
        }
        lba += n;
        count -= n;
        dst += (size_t)n * bs;
    }
    return 0;
}

/* INQUIRY: the peripheral device type of a unit that is there, or -1. */
static int inquiry(struct scsi_host *h, const uint8_t lun[8])
{
    const uint8_t cdb[6] = { INQUIRY, 0, 0, 0, 36, 0 };
    uint8_t data[36] = { 0 };
    struct scsi_result res;
    if (run(h, lun, cdb, sizeof(cdb), data, sizeof(data), &res) || res.status != SCSI_STATUS_GOOD ||
        res.residual > sizeof(data) - 1)
        return -1;
    return (data[0] >> 5) == 0 ? data[0] & 0x1f : -1;   /* qualifier 0: connected */
}

/* The block device of a LUN the probe accepted. Every unit of a host
 * shares one wildcard node, "disk" with no "reg", as under SLOF: Linux
 * refuses a virtio device whose node has more than one child. */
static int publish(struct scsi_lun *l, uint64_t unit, bool cdrom)
{
    struct dt_node *host = l->host->node, *node = dt_child(host, "disk", 4);
    if (!node) {
        node = dt_new_node(host, "disk");
        if (!node || dt_set_string(node, "device_type", "block"))
            return ERR_NO_MEMORY;
        dt_set_u32(host, "#address-cells", 2);
        dt_set_u32(host, "#size-cells", 0);
    }
    l->bdev.node = node;
    sniprintf(l->bdev.unit, sizeof(l->bdev.unit), "%lX", (unsigned long)unit);
    l->bdev.cdrom = cdrom;
    l->bdev.read = lun_read;
    return registry_add(&blockdevs, &l->bdev);
}

int scsi_add_lun(struct scsi_host *h, const uint8_t lun[8], uint64_t unit)
{
    int type = inquiry(h, lun);
    if (type < 0)
        return ERR_NOT_FOUND;
    struct scsi_lun *l = calloc(1, sizeof(*l));
    if (!l)
        return ERR_NO_MEMORY;
    l->host = h;
    memcpy(l->lun, lun, 8);
    sniprintf(l->name, sizeof(l->name), "%s disk@%lX", h->name, (unsigned long)unit);
    char why[120] = "";
    int err = type == TYPE_DISK || type == TYPE_CDROM ? 0 : ERR_NOT_FOUND;
    if (err)
        log_debug("%s: device type 0x%x, neither a disk nor a CD; left alone\n", l->name, type);
    if (!err && (err = wait_ready(l, why, sizeof(why))) == 0)
        err = read_capacity(l, why, sizeof(why));
    if (!err)
        err = publish(l, unit, type == TYPE_CDROM);
    if (err) {
        if (err != ERR_NOT_FOUND || strcmp(why, "no medium") == 0)
            log_info("%s: %s; skipped\n", l->name, why);
        free(l);
        return err;
    }
    char size[24];
    log_info("%s: %s, %s in %lu-byte blocks\n", l->name, type == TYPE_CDROM ? "CD" : "disk",
             size_text(size, sizeof(size), l->bdev.nblocks * l->bdev.block_size),
             (unsigned long)l->bdev.block_size);
    return 0;
}

static int compare_luns(const void *a, const void *b)
{
    return memcmp(a, b, 8);
}

/* One REPORT LUNS of len bytes into data: how many LUN bytes the target
 * has (its list length) and how many of them arrived. */
static int report(struct scsi_host *h, const uint8_t lun[8], uint8_t *data, uint32_t len,
                  uint32_t *listed, uint32_t *arrived)
{
    uint8_t cdb[12] = { REPORT_LUNS };
    struct scsi_result res;
    memset(data, 0, len);
    put_be32(cdb + 6, len);
    int err = run(h, lun, cdb, sizeof(cdb), data, len, &res);
    if (!err && res.status != SCSI_STATUS_GOOD)
        err = ERR_IO;
    uint32_t got = err || res.residual >= len ? 0 : len - res.residual;
    *listed = got < 8 ? 0 : get_be32(data) & ~7u;
    *arrived = got < 8 ? 0 : (got - 8) & ~7u;
    return err;
}

int scsi_report_luns(struct scsi_host *h, const uint8_t lun[8], uint8_t (**out)[8])
{
    uint32_t len = 8 + 8 * REPORT_FIRST, listed = 0, arrived = 0;
    uint8_t *data = NULL;
    int err = 0;
    *out = NULL;
    for (int pass = 0; pass < 2 && !err; pass++) {
        uint8_t *grown = realloc(data, len);
        if (!grown) {
            err = ERR_NO_MEMORY;
            break;
        }
        data = grown;
        err = report(h, lun, data, len, &listed, &arrived);
        if (err || listed <= arrived || pass)
            break;
        len = listed > h->max_transfer - 8 ? (h->max_transfer - 8) & ~7u : listed;
        if (len < listed)
            log_info("%s: %u LUNs reported, one command lists %u; the rest are left alone\n",
                     h->name, listed / 8, len / 8);
        len += 8;
    }
    if (err) {
        free(data);
        return err;
    }
    unsigned n = (listed < arrived ? listed : arrived) / 8;
    memmove(data, data + 8, 8 * (size_t)n);
    qsort(data, n, 8, compare_luns);          /* a stable order, whatever the target's */
    *out = (uint8_t (*)[8])data;
    return (int)n;
}
