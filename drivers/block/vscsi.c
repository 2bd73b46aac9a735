/* SPDX-License-Identifier: BSD-2-Clause */
/* spapr-vscsi (IBM virtual SCSI, what QEMU's -hda and -cdrom give a pseries
 * guest): SRP information units over a VIO command/response queue. One
 * command at a time, polled: the SRP_CMD is written to an IU buffer, its
 * address goes to the hypervisor in a CRQ entry, and the SRP_RSP comes back
 * in the same buffer, announced by a CRQ entry carrying the command's tag.
 * Data moves through one buffer with one direct descriptor. The CRQ page,
 * the IU and the data buffer are mapped once in the device's own TCE
 * window (QEMU's ibm,set-tce-bypass shortcut is not used). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../board/log.h"
#include "../../board/timebase.h"
#include "../../dev/binding.h"
#include "../../dev/dmadev.h"
#include "../../lib/bytes.h"
#include "../../lib/err.h"
#include "../../scsi/scsi.h"
#include "../../vio/crq.h"
#include "../../vio/vio.h"
#include "../drivers.h"

#define CRQ_FORMAT_SRP 0x01
#define SRP_CMD 0x02
#define SRP_RSP 0xc1
#define SRP_DIRECT_IN 0x01           /* buf_fmt: one direct data-in descriptor */
#define RSP_SNSVALID 0x02
#define RSP_DIUNDER 0x20
#define RSP_RSPVALID 0x01
#define CMD_BYTES 48                  /* SRP_CMD up to its descriptors */
#define IU_BYTES 256                  /* what QEMU reads of an IU at most */
/* One command moves at most 128 KiB, as Linux's ibmvscsi asks: QEMU keeps
 * its place in a data descriptor in 16 bits and its own transfers are
 * 128 KiB, so a longer descriptor would be written over from its start. */
#define DATA_BYTES (128u << 10)
/* Linux's SCSI default: a CD read on a loaded host can take seconds, and a
 * device that misses this is not asked again (a bound on a dead bus). */
#define CMD_WAIT_US 30000000ull
#define TARGETS 64                    /* on a bus: SRP's LUN addressing has 6 bits */

struct vscsi {
    struct crq_device cd;          /* its queue and DMA context */
    struct dma_buf iu, data;
    uint64_t tag;
    bool ready;
    struct scsi_host host;
    struct dma_device dmadev;
    char name[40];
};

static void stop(struct dma_device *d)
{
    struct vscsi *v = (struct vscsi *)((char *)d - offsetof(struct vscsi, dmadev));
    v->ready = false;
    crq_device_close(&v->cd);
    binding_publish(v->cd.vio.node, NULL);
}

/* The queue, the buffers and the handshake: at probe, and again when
 * secure mode moves the device onto bounce buffers. */
static int setup(struct vscsi *v)
{
    int err = crq_device_open(&v->cd, v->name);
    if (err)
        return err;
    err = dma_alloc(v->cd.dma, IU_BYTES, &v->iu);
    if (!err)
        err = dma_alloc(v->cd.dma, DATA_BYTES, &v->data);
    if (err) {
        stop(&v->dmadev);
        return err;
    }
    binding_publish(v->cd.vio.node, v->cd.dma);
    v->ready = true;
    return 0;
}

static int start(struct dma_device *d)
{
    return setup((struct vscsi *)((char *)d - offsetof(struct vscsi, dmadev)));
}

/* The SRP_RSP for the command with this tag: its status, residual, sense. */
static int response(struct vscsi *v, uint64_t tag, uint32_t len, struct scsi_result *res)
{
    uint8_t rsp[IU_BYTES];
    dma_copy_from_device(v->cd.dma, &v->iu, 0, rsp, sizeof(rsp));
    if (rsp[0] != SRP_RSP || get_be64(rsp + 8) != tag) {
        log_error("%s: answered with IU type 0x%02x for another command\n", v->name, rsp[0]);
        return ERR_IO;
    }
    uint8_t flags = rsp[18];
    res->status = rsp[19];
    res->residual = flags & RSP_DIUNDER ? get_be32(rsp + 24) : 0;
    if (res->residual > len)
        res->residual = len;
    uint32_t skip = flags & RSP_RSPVALID ? get_be32(rsp + 32) : 0;
    uint32_t sense = flags & RSP_SNSVALID ? get_be32(rsp + 28) : 0;
    if (skip > IU_BYTES - 36)
        skip = IU_BYTES - 36;
    if (sense > IU_BYTES - 36 - skip)
        sense = IU_BYTES - 36 - skip;
    res->sense_len = sense < SCSI_SENSE_MAX ? sense : SCSI_SENSE_MAX;
    memcpy(res->sense, rsp + 36 + skip, res->sense_len);
    return 0;
}

static int command(struct scsi_host *h, const uint8_t lun[8], const uint8_t *cdb, unsigned cdb_len,
                   void *buf, uint32_t len, struct scsi_result *res)
{
    struct vscsi *v = h->priv;
    uint8_t iu[CMD_BYTES + 16] = { SRP_CMD }, e[CRQ_ENTRY];
    if (!v->ready || cdb_len > 16 || len > DATA_BYTES)
        return ERR_IO;
    uint64_t tag = ++v->tag;
    put_be64(iu + 8, tag);
    memcpy(iu + 20, lun, 8);
    memcpy(iu + 32, cdb, cdb_len);
    if (len) {
        iu[5] = SRP_DIRECT_IN;
        iu[7] = 1;
        put_be64(iu + CMD_BYTES, v->data.bus);
        put_be32(iu + CMD_BYTES + 12, len);
    }
    uint32_t iu_len = CMD_BYTES + (len ? 16 : 0);
    dma_copy_to_device(v->cd.dma, &v->iu, 0, iu, iu_len);
    if (crq_send(&v->cd.crq, (uint64_t)CRQ_VALID_PAYLOAD << 56 | (uint64_t)CRQ_FORMAT_SRP << 48 | iu_len,
                 v->iu.bus)) {
        log_error("%s: the hypervisor refused a command (H_SEND_CRQ)\n", v->name);
        return ERR_IO;
    }
    uint64_t now, until = timebase_us() + CMD_WAIT_US;
    while ((now = timebase_us()) < until && crq_await(&v->cd.crq, until - now, e)) {
        if (e[0] != CRQ_VALID_PAYLOAD || e[1] != CRQ_FORMAT_SRP || get_be64(e + 8) != tag)
            continue;                 /* not this command's answer */
        int err = response(v, tag, len, res);
        if (!err && len > res->residual)
            dma_copy_from_device(v->cd.dma, &v->data, 0, buf, len - res->residual);
        return err;
    }
    log_error("%s: no answer to command 0x%02x in %lu s; not used any more\n", v->name, cdb[0],
              (unsigned long)(CMD_WAIT_US / 1000000));
    v->ready = false;
    return ERR_IO;
}

static const struct scsi_host_ops ops = { command };

/* Every LUN on the bus: QEMU answers REPORT LUNS at LUN 0 for all of them.
 * SRP addresses them as 0x8000 | target << 8 | channel << 5 | lun in the
 * top 16 bits, the unit address QEMU's boot list names too. */
static void scan(struct vscsi *v)
{
    const uint8_t lun0[8] = { 0 };
    uint8_t (*luns)[8];
    int n = scsi_report_luns(&v->host, lun0, &luns);
    if (n < 0) {                      /* no REPORT LUNS: every target's LUN 0 */
        log_debug("%s: REPORT LUNS failed; asking each target\n", v->name);
        luns = calloc(TARGETS, 8);
        for (n = 0; luns && n < TARGETS; n++)
            luns[n][0] = (uint8_t)(0x80 | n);
    }
    for (int i = 0; i < n; i++) {
        uint8_t *l = luns[i];
        unsigned target = l[0] & 0x3f, channel = l[0] >> 6 == 2 ? l[1] >> 5 : 0;
        unsigned lun = l[0] >> 6 == 2 ? l[1] & 0x1f : l[1];
        uint64_t unit = (uint64_t)(0x8000 | target << 8 | channel << 5 | (lun & 0x1f)) << 48;
        uint8_t addr[8] = { 0 };
        put_be16(addr, (uint16_t)(unit >> 48));
        scsi_add_lun(&v->host, addr, unit);
    }
    free(luns);
}

int vscsi_probe(const struct vio_dev *vio)
{
    struct vscsi *v = calloc(1, sizeof(*v));
    if (!v)
        return ERR_NO_MEMORY;
    v->cd.vio = *vio;
    sniprintf(v->name, sizeof(v->name), "%s", vio->node->name);
    v->dmadev = (struct dma_device){ v->name, stop, start };
    v->host = (struct scsi_host){ v->name, vio->node, &ops, DATA_BYTES, v };
    int err = setup(v);
    if (!err)
        err = dmadev_register(&v->dmadev);
    if (err) {
        stop(&v->dmadev);
        free(v);
        return err;
    }
    log_info("%s: spapr-vscsi, DMA %s\n", v->name, dma_mode_name(dma_ctx_mode(v->cd.dma)));
    scan(v);
    return 0;
}
