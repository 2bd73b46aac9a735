/* SPDX-License-Identifier: BSD-2-Clause */
/* virtio-scsi (what virt-install gives a pseries guest's CD): one request
 * queue, polled, one command at a time, through one DMA buffer mapped for
 * the controller's life. The SCSI midlayer (scsi/) makes the disks and CDs
 * it finds on every target into block devices. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../board/log.h"
#include "../../board/timebase.h"
#include "../../lib/bytes.h"
#include "../../lib/err.h"
#include "../../scsi/scsi.h"
#include "../../virtio/ring.h"
#include "../drivers.h"

#define REQUEST_QUEUE 2
#define QUEUE_SIZE 64
#define HDR_BYTES 4096                /* request at 0, response at RESP_OFF */
#define RESP_OFF 1024
#define DATA_BYTES (1u << 20)
#define CMD_WAIT_US 10000000ull

/* Configuration space offsets. */
#define CFG_SEG_MAX 4
#define CFG_MAX_SECTORS 8
#define CFG_SENSE_SIZE 20
#define CFG_CDB_SIZE 24
#define CFG_MAX_TARGET 30

#define RESP_OK 0
#define RESP_BAD_TARGET 3

struct vscsi_pci {
    struct virtio_dev vd;             /* first: virtio_adopt hands back this */
    bool ready;
    struct virtq vq;
    struct dma_buf ring, io;
    uint32_t cdb_size, sense_size, seg_max, max_transfer;
    uint64_t tag;
    struct scsi_host host;
    char name[32];
};

/* The request header: lun[8], id, task attribute, priority, crn, cdb. */
static unsigned request(struct vscsi_pci *s, uint8_t *req, const uint8_t lun[8], const uint8_t *cdb,
                        unsigned cdb_len)
{
    unsigned len = 8 + 8 + 3 + s->cdb_size;
    memset(req, 0, len);
    memcpy(req, lun, 8);
    put_le64(req + 8, ++s->tag);
    memcpy(req + 19, cdb, cdb_len);
    return len;
}

/* The chain: request (device reads), response and data (device writes). */
static int post(struct vscsi_pci *s, unsigned req_len, uint32_t len)
{
    struct virtq_sg sg[VIRTQ_MAX_CHAIN];
    unsigned n = 0;
    sg[n++] = (struct virtq_sg){ s->io.bus, req_len, false };
    sg[n++] = (struct virtq_sg){ s->io.bus + RESP_OFF, 12 + s->sense_size, true };
    uint32_t seg = len / s->seg_max + 1;
    for (uint32_t off = 0; off < len; off += seg)
        sg[n++] = (struct virtq_sg){ s->io.bus + HDR_BYTES + off, len - off < seg ? len - off : seg, true };
    int head = virtq_add(&s->vq, sg, n);
    if (head >= 0)
        virtio_notify(&s->vd, &s->vq);
    return head;
}

/* Wait for the chain at `head`: 0, or ERR_IO (the device broke the ring
 * protocol: then it is failed for good, or said nothing in time). */
static int complete(struct vscsi_pci *s, int head, uint8_t op)
{
    uint64_t until = timebase_us() + CMD_WAIT_US;
    uint16_t done;
    uint32_t len;
    int rc;
    while ((rc = virtq_get_used(&s->vq, &done, &len)) == 0)
        if (timebase_us() > until) {
            log_error("virtio-scsi %s: no answer to command 0x%02x in %lu s\n", s->name, op,
                      (unsigned long)(CMD_WAIT_US / 1000000));
            return ERR_IO;
        }
    if (rc < 0 || done != head) {
        virtio_fail(&s->vd, rc < 0 ? virtq_strerror(rc) : "completed a request it was not given");
        s->ready = false;
        return ERR_IO;
    }
    return 0;
}

static int command(struct scsi_host *h, const uint8_t lun[8], const uint8_t *cdb, unsigned cdb_len,
                   void *buf, uint32_t len, struct scsi_result *res)
{
    struct vscsi_pci *s = h->priv;
    uint8_t req[64], resp[12 + SCSI_SENSE_MAX];
    if (!s->ready || !s->vd.dma || cdb_len > s->cdb_size || len > s->max_transfer)
        return ERR_IO;
    unsigned req_len = request(s, req, lun, cdb, cdb_len);
    dma_copy_to_device(s->vd.dma, &s->io, 0, req, req_len);
    int head = post(s, req_len, len);
    if (head < 0 || complete(s, head, cdb[0]))
        return ERR_IO;
    dma_copy_from_device(s->vd.dma, &s->io, RESP_OFF, resp, 12 + s->sense_size);
    if (resp[11] == RESP_BAD_TARGET)
        return ERR_NOT_FOUND;             /* no such target: a scan's normal answer */
    if (resp[11] != RESP_OK) {
        log_error("virtio-scsi %s: command 0x%02x failed in the transport (response %u)\n",
                  s->name, cdb[0], resp[11]);
        return ERR_IO;
    }
    uint32_t sense = get_le32(resp);
    res->status = resp[10];
    res->residual = get_le32(resp + 4) < len ? get_le32(resp + 4) : len;
    res->sense_len = sense < s->sense_size ? sense : s->sense_size;
    memcpy(res->sense, resp + 12, res->sense_len);
    if (len > res->residual)
        dma_copy_from_device(s->vd.dma, &s->io, HDR_BYTES, buf, len - res->residual);
    return 0;
}

static const struct scsi_host_ops ops = { command };

static int setup(struct virtio_dev *vd)
{
    struct vscsi_pci *s = (struct vscsi_pci *)vd;
    s->ready = false;
    int err = virtio_start(vd, 0);
    if (err)
        return err;
    s->cdb_size = virtio_cfg_read(vd, CFG_CDB_SIZE, 4);
    s->sense_size = virtio_cfg_read(vd, CFG_SENSE_SIZE, 4);
    s->seg_max = virtio_cfg_read(vd, CFG_SEG_MAX, 4);
    s->max_transfer = virtio_cfg_read(vd, CFG_MAX_SECTORS, 4) * 512u;
    /* Device-supplied numbers, held to what the buffers and chains allow. */
    if (s->cdb_size < 16 || s->cdb_size > 40 || s->sense_size > SCSI_SENSE_MAX) {
        virtio_fail(vd, "asks for command or sense sizes it cannot have");
        return virtio_abandon(vd);
    }
    if (s->seg_max < 1 || s->seg_max > VIRTQ_MAX_CHAIN - 2)
        s->seg_max = VIRTQ_MAX_CHAIN - 2;
    if (s->max_transfer < 4096 || s->max_transfer > DATA_BYTES)
        s->max_transfer = DATA_BYTES;
    err = virtio_queue_setup(vd, REQUEST_QUEUE, QUEUE_SIZE, 1, &s->vq, &s->ring);
    if (err || dma_alloc(vd->dma, HDR_BYTES + DATA_BYTES, &s->io)) {
        virtio_fail(vd, err == ERR_INVALID ? "offers no usable request queue"
                                           : "cannot set up its request queue");
        return virtio_abandon(vd);
    }
    virtio_driver_ok(vd);
    virtio_publish_dma(vd);
    s->ready = true;
    return 0;
}

/* A LUN as virtio-scsi addresses it, and as QEMU names it in its boot list:
 * 0x01, the target, then the LUN (flat addressing from 256 up). */
static uint64_t lun_unit(unsigned target, unsigned lun, uint8_t addr[8])
{
    uint32_t id = 0x1000000 | target << 16 | lun | (lun >= 256 ? 0x4000 : 0);
    memset(addr, 0, 8);
    put_be32(addr, id);
    return (uint64_t)id << 32;
}

static void scan_target(struct vscsi_pci *s, unsigned target)
{
    uint8_t addr[8], (*luns)[8];
    lun_unit(target, 0, addr);
    int n = scsi_report_luns(&s->host, addr, &luns);
    if (n == ERR_NOT_FOUND)
        return;                           /* no target there */
    if (n < 0) {                          /* a target without REPORT LUNS: its LUN 0 */
        scsi_add_lun(&s->host, addr, lun_unit(target, 0, addr));
        return;
    }
    for (int i = 0; i < n; i++) {
        unsigned method = luns[i][0] >> 6;
        unsigned lun = method == 1 ? (luns[i][0] & 0x3f) << 8 | luns[i][1] : luns[i][1];
        if (method <= 1) {
            uint64_t unit = lun_unit(target, lun, addr);
            scsi_add_lun(&s->host, addr, unit);
        }
    }
    free(luns);
}

int vscsi_pci_probe(struct virtio_dev *vd)
{
    int err;
    struct vscsi_pci *s = virtio_adopt(vd, sizeof(*s), setup, &err);
    if (!s)
        return err;
    sniprintf(s->name, sizeof(s->name), "%s", vd->pci->node->name);
    s->host = (struct scsi_host){ s->name, vd->pci->node, &ops, s->max_transfer, s };
    log_info("virtio-scsi %s: %s interface, DMA %s\n", s->name, s->vd.modern ? "modern" : "legacy",
             dma_mode_name(dma_ctx_mode(s->vd.dma)));
    unsigned targets = virtio_cfg_read(&s->vd, CFG_MAX_TARGET, 2);
    for (unsigned t = 0; t <= targets && t < 256; t++)
        scan_target(s, t);
    return 0;
}
