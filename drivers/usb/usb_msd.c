/* SPDX-License-Identifier: BSD-2-Clause */
/* USB mass storage, bulk-only transport (QEMU's usb-storage, and sticks
 * generally): each SCSI command goes out in a command wrapper on the bulk
 * OUT endpoint, its data and then its status wrapper come back on bulk IN.
 * The SCSI midlayer (scsi/) makes each LUN's disk or CD a block device.
 * A stall is cleared and the status still read; a status wrapper that
 * makes no sense, or a phase error, gets the reset recovery the
 * specification asks for; a stick that stops answering is given up. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../board/log.h"
#include "../../lib/bytes.h"
#include "../../lib/err.h"
#include "../../scsi/scsi.h"
#include "usb.h"
#include "usb_bot.h"

#define GET_MAX_LUN 0xfe
#define BOT_RESET 0xff
#define REQUEST_SENSE 0x03
#define SENSE_BYTES 18
#define LUN_MAX 15
/* What one command moves at most: as Linux's usb-storage, 120 KiB below
 * super speed (sticks that take no more are common), 1 MiB at it. */
#define DATA_BYTES_SUPER (1024u << 10)
#define DATA_BYTES_SLOWER (120u << 10)
#define CBW_OFF 0                     /* in the DMA buffer: the wrappers, then the data */
#define CSW_OFF 512
#define DATA_OFF XHCI_PAGE
#define PHASE_WAIT_US 5000000ull      /* each of a command's three transfers */

struct usb_msd {
    struct usb_dev *dev;
    struct scsi_host host;
    char name[96];                    /* its node below the controller: "usb-xhci@0/hub@1/storage@3" */
    struct dma_buf io;
    uint8_t iface, in_addr, out_addr;
    uint32_t tag;
    bool ready;                       /* it takes commands */
    bool complained;                  /* its first failure was logged */
};

/* The first thing that goes wrong, in one line: what, and what is done. */
static void complain(struct usb_msd *m, const char *what, const char *then)
{
    if (!m->complained)
        log_error("%s: %s; %s\n", m->name, what, then);
    m->complained = true;
}

/* Reset recovery (bulk-only transport 5.3.4): the class reset, then both
 * bulk endpoints' halts cleared. A stick that takes none of it is given up. */
static void reset_recovery(struct usb_msd *m)
{
    struct usb_dev *dev = m->dev;
    int err = xhci_control(dev, 0x21, BOT_RESET, 0, m->iface, 0, NULL);
    for (unsigned i = 0; i < 2 && !err; i++) {
        err = xhci_endpoint_recover(dev, &dev->ep[i]);
        if (!err)
            err = usb_clear_halt(dev, i == 0 ? m->in_addr : m->out_addr);
    }
    if (err) {
        complain(m, "does not recover from a mass storage reset", "no longer used");
        m->ready = false;
    }
}

/* One bulk transfer: 0, ERR_INVALID for a stall (cleared), or ERR_IO when
 * it failed or did not end in time (then the stick is given up). */
static int bulk(struct usb_msd *m, unsigned ep, uint32_t off, uint32_t len, uint32_t *moved)
{
    struct usb_dev *dev = m->dev;
    uint8_t code = xhci_transfer(dev, &dev->ep[ep], m->io.bus + off, len, PHASE_WAIT_US, moved);
    if (code == CC_SUCCESS || code == CC_SHORT_PACKET)
        return 0;
    xhci_endpoint_recover(dev, &dev->ep[ep]);
    if (code == CC_STALL) {
        usb_clear_halt(dev, ep == 0 ? m->in_addr : m->out_addr);
        return ERR_INVALID;
    }
    complain(m, code ? "a transfer failed" : "stopped answering", "no longer used");
    m->ready = false;
    return ERR_IO;
}

/* A command through the three phases: 0 with its status and the data
 * bytes that came, or ERR_IO (logged, and the stick reset or given up). */
static int transport(struct usb_msd *m, uint8_t lun, const uint8_t *cdb, unsigned cdb_len, uint32_t len,
                     uint32_t *got, uint8_t *status)
{
    struct dma_ctx *dma = m->dev->hc->dma;
    uint8_t cbw[USB_CBW_BYTES], csw[USB_CSW_BYTES];
    uint32_t moved, residue;
    usb_bot_cbw(cbw, ++m->tag, len, true, lun, cdb, cdb_len);
    dma_copy_to_device(dma, &m->io, CBW_OFF, cbw, sizeof(cbw));
    *got = 0;
    int err = bulk(m, 1, CBW_OFF, sizeof(cbw), &moved);
    if (!err && moved != sizeof(cbw))
        err = ERR_INVALID;
    if (err) {
        if (m->ready) {
            complain(m, "does not take a command", "reset");
            reset_recovery(m);
        }
        return ERR_IO;
    }
    if (len && bulk(m, 0, DATA_OFF, len, got) == ERR_IO)
        return ERR_IO;                 /* a stall ends the data early: the status follows */
    err = bulk(m, 0, CSW_OFF, sizeof(csw), &moved);
    if (err == ERR_INVALID)            /* a stall before the status: it is asked for once more */
        err = bulk(m, 0, CSW_OFF, sizeof(csw), &moved);
    if (err)
        return ERR_IO;
    dma_copy_from_device(dma, &m->io, CSW_OFF, csw, moved < sizeof(csw) ? moved : sizeof(csw));
    int bad = usb_bot_csw(csw, moved, m->tag, len, status, &residue);
    if (!bad && *status == USB_CSW_PHASE)
        complain(m, "reports a phase error", "reset");
    else if (bad)
        complain(m, usb_bot_strerror(bad), "reset");
    if (bad || *status == USB_CSW_PHASE) {
        reset_recovery(m);
        return ERR_IO;
    }
    return 0;
}

static int msd_command(struct scsi_host *h, const uint8_t lun8[8], const uint8_t *cdb, unsigned cdb_len,
                   void *buf, uint32_t len, struct scsi_result *res)
{
    struct usb_msd *m = h->priv;
    static const uint8_t request_sense[6] = { REQUEST_SENSE, 0, 0, 0, SENSE_BYTES, 0 };
    uint8_t lun = lun8[3] & LUN_MAX, status;
    uint32_t got;
    if (!m->ready || len > h->max_transfer)
        return ERR_IO;
    if (transport(m, lun, cdb, cdb_len, len, &got, &status))
        return ERR_IO;
    if (got)
        dma_copy_from_device(m->dev->hc->dma, &m->io, DATA_OFF, buf, got);
    res->residual = len - got;
    if (status == USB_CSW_GOOD) {
        res->status = SCSI_STATUS_GOOD;
        return 0;
    }
    /* The command failed: the sense data says why (bulk-only has no autosense). */
    res->status = SCSI_STATUS_CHECK;
    if (transport(m, lun, request_sense, sizeof(request_sense), SENSE_BYTES, &got,
                  &status) == 0 && status == USB_CSW_GOOD) {
        res->sense_len = got < SCSI_SENSE_MAX ? got : SCSI_SENSE_MAX;
        dma_copy_from_device(m->dev->hc->dma, &m->io, DATA_OFF, res->sense, res->sense_len);
    }
    return 0;
}

static const struct scsi_host_ops msd_ops = { msd_command };

/* The highest LUN: 0 for a stick that stalls the question, as many do. */
static unsigned max_lun(struct usb_msd *m)
{
    uint8_t n;
    uint16_t got;
    if (xhci_control(m->dev, 0xa1, GET_MAX_LUN, 0, m->iface, 1, &got) || got != 1)
        return 0;
    dma_copy_from_device(m->dev->hc->dma, &m->dev->mem, USB_DATA_OFF, &n, 1);
    if (n > LUN_MAX) {
        log_info("%s: says its highest LUN is %u; only LUN 0 is used\n", m->dev->name, n);
        return 0;
    }
    return n;
}

/* Its node's path below the controller, for the log. */
static void node_name(struct usb_msd *m)
{
    const struct dt_node *top = m->dev->hc->pci->node;
    const struct dt_node *chain[USB_HUB_DEPTH_MAX + 2];
    unsigned n = 0;
    for (const struct dt_node *p = m->dev->node; p && p != top && n < sizeof(chain) / sizeof(chain[0]);
         p = p->parent)
        chain[n++] = p;
    size_t at = (size_t)sniprintf(m->name, sizeof(m->name), "%s", top->name);
    while (n-- && at < sizeof(m->name))
        at += (size_t)sniprintf(m->name + at, sizeof(m->name) - at, "/%s", chain[n]->name);
}

/* The LUNs as QEMU names them in its boot list: 0x01, the root port (as
 * QEMU numbers it), then the LUN, in the top 32 bits. */
static void add_luns(struct usb_msd *m, unsigned last)
{
    const struct usb_dev *root = m->dev;
    while (root->parent)
        root = root->parent;
    for (unsigned lun = 0; lun <= last && m->ready; lun++) {
        uint32_t id = 0x1000000u | (root->path_port & 0xffu) << 16 | lun;
        uint8_t addr[8] = { 0 };
        put_be32(addr, id);
        scsi_add_lun(&m->host, addr, (uint64_t)id << 32);
    }
}

static uint32_t data_bytes(const struct usb_dev *dev)
{
    return dev->speed == USB_SPEED_SUPER ? DATA_BYTES_SUPER : DATA_BYTES_SLOWER;
}

static int msd_attach(struct usb_dev *dev, const struct usb_iface *iface)
{
    bool fresh = !dev->cls;
    const struct usb_ep eps[2] = { iface->bulk_in, iface->bulk_out };
    struct usb_msd *m = fresh ? calloc(1, sizeof(*m)) : dev->cls;
    const char *why = NULL;
    if (!iface->bulk_in.addr || !iface->bulk_out.addr)
        why = "is mass storage without bulk endpoints";
    else if (xhci_dev_add_endpoints(dev, eps, 2))
        why = "is mass storage that refuses its bulk endpoints";
    else if (!m || dma_alloc(dev->hc->dma, DATA_OFF + data_bytes(dev), &m->io))
        why = "is mass storage with no memory for its buffers";
    else if (fresh && !usb_device_node(dev, "storage"))
        why = "is mass storage with no memory for its node";
    if (why) {
        if (fresh) {
            log_info("%s: %s; skipped\n", dev->name, why);
            if (m && m->io.len)
                dma_free(dev->hc->dma, &m->io);
            free(m);
        }
        return ERR_INVALID;
    }
    m->dev = dev;
    m->iface = iface->number;
    m->in_addr = iface->bulk_in.addr;
    m->out_addr = iface->bulk_out.addr;
    m->ready = true;
    if (!fresh)
        return 0;                     /* its LUNs are registered already */
    dev->cls = m;
    node_name(m);
    m->host = (struct scsi_host){ m->name, dev->node, &msd_ops, data_bytes(dev), m };
    unsigned last = max_lun(m);
    log_info("%s: USB mass storage as %s, %u LUN%s\n", dev->name, m->name, last + 1, last ? "s" : "");
    add_luns(m, last);
    return 0;
}

static void msd_stopped(struct usb_dev *dev)
{
    struct usb_msd *m = dev->cls;
    m->ready = false;
    m->io = (struct dma_buf){ 0 };    /* freed with the controller's DMA context */
}

const struct usb_driver usb_msd_driver = { "mass storage", USB_CLASS_STORAGE, 6, 0x50, msd_attach,
                                           msd_stopped };
