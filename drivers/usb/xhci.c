/* SPDX-License-Identifier: BSD-2-Clause */
/* The xHCI controller: reset, the command and event rings and the events
 * they bring, and the controller's part of the hand-off (halted, reset,
 * its DMA taken back). Root ports, device slots and transfers are
 * xhci_dev.c's. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../board/barrier.h"
#include "../../board/log.h"
#include "../../board/mmio.h"
#include "../../board/timebase.h"
#include "../../dev/binding.h"
#include "../../lib/bytes.h"
#include "../../lib/err.h"
#include "../drivers.h"
#include "xhci.h"

#define USBCMD 0x00
#define USBCMD_RUN 0x1
#define USBCMD_RESET 0x2
#define USBSTS 0x04
#define USBSTS_HALTED 0x1
#define USBSTS_NOT_READY 0x800
#define PAGESIZE 0x08
#define CRCR 0x18
#define DCBAAP 0x30
#define CONFIG 0x38
#define IR0 0x20                        /* runtime: interrupter 0 */
#define ERSTSZ 0x08
#define ERSTBA 0x10
#define ERDP 0x18
#define ERDP_BUSY 0x8
#define CAP_PROTOCOL 2                  /* extended capability: Supported Protocol */
#define RESET_WAIT_US 1000000
#define COMMAND_WAIT_US 500000
#define ALL_ONES 0xffffffffu               /* what a device that is gone reads as */

/* The controller's buffer, page by page. */
enum { HC_DCBAA, HC_CMD_RING, HC_EVENT_RING, HC_ERST, HC_PAGES };

uint32_t xhci_read(uint64_t addr)
{
    return mmio_read_le(addr, 4);
}

void xhci_write(uint64_t addr, uint32_t v)
{
    mmio_write_le(addr, 4, v);
}

static void write64(uint64_t addr, uint64_t v)
{
    xhci_write(addr, (uint32_t)v);
    xhci_write(addr + 4, (uint32_t)(v >> 32));
}

void xhci_ring_init(struct xhci_ring *r, void *trbs, uint64_t bus)
{
    r->trbs = trbs;
    r->bus = bus;
    r->enqueue = 0;
    r->cycle = 1;
    memset(r->trbs, 0, XHCI_PAGE);
}

static void put_trb(uint8_t *t, uint64_t param, uint32_t status, uint32_t control)
{
    put_le64(t, param);
    put_le32(t + 8, status);
    barrier_memory();                   /* the cycle bit last: it hands the TRB over */
    put_le32(t + 12, control);
}

void xhci_ring_put(struct xhci_ring *r, uint64_t param, uint32_t status, uint32_t control)
{
    put_trb(r->trbs + 16 * r->enqueue, param, status, control | r->cycle);
    if (++r->enqueue == XHCI_RING_TRBS - 1) {   /* the link back, toggling the cycle */
        put_trb(r->trbs + 16 * r->enqueue, r->bus, 0, TRB_LINK << 10 | 0x2 | r->cycle);
        r->enqueue = 0;
        r->cycle ^= 1;
    }
}

void xhci_doorbell(struct xhci *c, unsigned slot, unsigned target)
{
    barrier_full();
    xhci_write(c->db + 4 * slot, target);
}

struct xhci_event {
    uint8_t type, code, slot, endpoint;
    uint32_t residual;
};

/* The next event, if one has arrived: each field read once. */
static bool next_event(struct xhci *c, struct xhci_event *e)
{
    const uint8_t *t = (const uint8_t *)c->mem.cpu + HC_EVENT_RING * XHCI_PAGE + 16 * c->event_dequeue;
    uint32_t control = get_le32(t + 12);
    if ((control & 1) != c->event_cycle)
        return false;
    barrier_memory();
    uint32_t status = get_le32(t + 8);
    e->type = (uint8_t)(control >> 10 & 0x3f);
    e->code = (uint8_t)(status >> 24);
    e->slot = (uint8_t)(control >> 24);
    e->endpoint = (uint8_t)(control >> 16 & 0x1f);
    e->residual = status & 0xffffff;
    if (++c->event_dequeue == XHCI_RING_TRBS) {
        c->event_dequeue = 0;
        c->event_cycle ^= 1;
    }
    write64(c->rt + IR0 + ERDP,
            (c->mem.bus + HC_EVENT_RING * XHCI_PAGE + 16 * c->event_dequeue) | ERDP_BUSY);
    return true;
}

/* The endpoint an event names, if it is one of a device we drive. */
static struct xhci_ep *event_endpoint(struct xhci *c, uint8_t slot, uint8_t dci)
{
    struct usb_dev *dev = slot && slot <= c->max_slots ? c->slot_dev[slot] : NULL;
    if (!dev)
        return NULL;
    if (dci == 1)
        return &dev->ep0;
    for (unsigned i = 0; i < dev->neps; i++)
        if (dev->ep[i].dci == dci)
            return &dev->ep[i];
    return NULL;
}

void xhci_poll(struct xhci *c)
{
    struct xhci_event e;
    while (c->dma && next_event(c, &e)) {
        if (e.type == TRB_COMMAND_DONE) {
            c->cmd_code = e.code ? e.code : 0xff;
            c->cmd_slot = e.slot;
        } else if (e.type == TRB_TRANSFER_EVENT) {
            struct xhci_ep *ep = event_endpoint(c, e.slot, e.endpoint);
            if (!ep)
                continue;
            ep->code = e.code ? e.code : 0xff;
            ep->residual = e.residual;
            if (ep->done)
                ep->done(c->slot_dev[e.slot], ep);
        }
    }
}

uint8_t xhci_command(struct xhci *c, uint64_t param, uint32_t control, uint8_t *slot)
{
    c->cmd_code = 0;
    xhci_ring_put(&c->cmd, param, 0, control);
    xhci_doorbell(c, 0, 0);
    uint64_t until = timebase_us() + COMMAND_WAIT_US;
    while (!c->cmd_code && timebase_us() < until)
        xhci_poll(c);
    if (slot)
        *slot = c->cmd_slot;
    return c->cmd_code;
}

void xhci_set_dcbaa(struct xhci *c, unsigned slot, uint64_t bus)
{
    put_le64((uint8_t *)c->mem.cpu + HC_DCBAA * XHCI_PAGE + 8 * slot, bus);
}

/* ---- the controller ------------------------------------------------------ */

static bool wait_status(struct xhci *c, uint32_t mask, uint32_t want, uint64_t us)
{
    uint64_t until = timebase_us() + us;
    uint32_t sts;
    while (((sts = xhci_read(c->op + USBSTS)) & mask) != want || sts == ALL_ONES)
        if (sts == ALL_ONES || timebase_us() > until)
            return false;
    return true;
}

/* Halted, then reset: what the OS must find, and where set-up starts. */
static bool halt_and_reset(struct xhci *c)
{
    xhci_write(c->op + USBCMD, 0);
    if (!wait_status(c, USBSTS_HALTED, USBSTS_HALTED, RESET_WAIT_US))
        return false;
    xhci_write(c->op + USBCMD, USBCMD_RESET);
    uint64_t until = timebase_us() + RESET_WAIT_US;
    while (xhci_read(c->op + USBCMD) & USBCMD_RESET)
        if (timebase_us() > until)
            return false;
    return wait_status(c, USBSTS_NOT_READY, 0, RESET_WAIT_US);
}

/* Every device's slot is gone with the controller's reset: their DMA too. */
static void forget_devices(struct xhci *c)
{
    for (unsigned i = 0; i < c->devs.n; i++) {
        struct usb_dev *dev = c->devs.item[i];
        dev->slot = 0;
        dev->neps = 0;
        dev->mem = (struct dma_buf){ 0 };
    }
    if (c->slot_dev)
        memset(c->slot_dev, 0, (c->max_slots + 1) * sizeof(c->slot_dev[0]));
}

static void stop(struct dma_device *d)
{
    struct xhci *c = (struct xhci *)((char *)d - offsetof(struct xhci, dmadev));
    usb_stopped(c);
    if (!halt_and_reset(c))
        log_error("%s: did not halt and reset\n", c->name);
    forget_devices(c);
    if (c->dma)
        dma_ctx_free(c->dma);
    c->dma = NULL;
    binding_publish(c->pci->node, NULL);
}

/* Rings and the running controller, then its devices: at probe, and again
 * when secure mode moves it onto bounce buffers. */
static int setup(struct xhci *c)
{
    if (!halt_and_reset(c)) {
        log_error("%s: does not finish its reset; its USB devices are not used\n", c->name);
        return ERR_IO;
    }
    int err = dma_ctx_new(&c->pci->phb->dma, true, &c->dma);
    if (!err)
        err = dma_alloc(c->dma, HC_PAGES * XHCI_PAGE, &c->mem);
    if (err) {
        log_error("%s: no DMA memory (%s); its USB devices are not used\n", c->name, err_str(err));
        stop(&c->dmadev);
        return err;
    }
    xhci_ring_init(&c->cmd, (uint8_t *)c->mem.cpu + HC_CMD_RING * XHCI_PAGE, c->mem.bus + HC_CMD_RING * XHCI_PAGE);
    c->event_dequeue = 0;
    c->event_cycle = 1;
    uint8_t *erst = (uint8_t *)c->mem.cpu + HC_ERST * XHCI_PAGE;
    put_le64(erst, c->mem.bus + HC_EVENT_RING * XHCI_PAGE);
    put_le32(erst + 8, XHCI_RING_TRBS);
    xhci_write(c->op + CONFIG, c->max_slots);
    write64(c->op + DCBAAP, c->mem.bus + HC_DCBAA * XHCI_PAGE);
    write64(c->op + CRCR, c->cmd.bus | 1);
    xhci_write(c->rt + IR0 + ERSTSZ, 1);
    write64(c->rt + IR0 + ERDP, c->mem.bus + HC_EVENT_RING * XHCI_PAGE);
    write64(c->rt + IR0 + ERSTBA, c->mem.bus + HC_ERST * XHCI_PAGE);
    xhci_write(c->op + USBCMD, USBCMD_RUN);
    if (!wait_status(c, USBSTS_HALTED, 0, RESET_WAIT_US)) {
        log_error("%s: does not start; its USB devices are not used\n", c->name);
        stop(&c->dmadev);
        return ERR_IO;
    }
    binding_publish(c->pci->node, c->dma);
    usb_enumerate(c);
    return 0;
}

static int start(struct dma_device *d)
{
    return setup((struct xhci *)((char *)d - offsetof(struct xhci, dmadev)));
}

/* Which ports are USB 2 and which USB 3: QEMU's device paths number each
 * kind's ports from 1. */
static void read_protocols(struct xhci *c, const struct pci_bar *bar)
{
    uint32_t off = (xhci_read(c->cap + 0x10) >> 16) * 4;
    for (unsigned n = 0; off && off + 12 <= bar->size && n < 64; n++) {
        uint32_t head = xhci_read(c->cap + off);
        if ((head & 0xff) == CAP_PROTOCOL && (head >> 24 == 2 || head >> 24 == 3)) {
            uint32_t ports = xhci_read(c->cap + off + 8);
            *(head >> 24 == 2 ? &c->usb2_first : &c->usb3_first) = (uint8_t)ports;
            *(head >> 24 == 2 ? &c->usb2_count : &c->usb3_count) = (uint8_t)(ports >> 8);
        }
        uint32_t next = (head >> 8 & 0xff) * 4;
        off = next ? off + next : 0;
    }
}

/* BAR 0 and what the capability registers allow. */
static int check_registers(struct xhci *c)
{
    const struct pci_bar *bar = &c->pci->bar[0];
    const char *why = NULL;
    if (bar->space != PCI_SPACE_MEM32 && bar->space != PCI_SPACE_MEM64) {
        why = "has no memory BAR 0";
    } else {
        c->cap = bar->cpu;
        uint32_t caplen = xhci_read(c->cap) & 0xff, params1 = xhci_read(c->cap + 4);
        uint32_t params2 = xhci_read(c->cap + 8), cparams = xhci_read(c->cap + 0x10);
        uint32_t dboff = xhci_read(c->cap + 0x14) & ~3u, rtsoff = xhci_read(c->cap + 0x18) & ~0x1fu;
        c->op = c->cap + caplen;
        c->rt = c->cap + rtsoff;
        c->db = c->cap + dboff;
        c->ports = params1 >> 24;
        c->max_slots = params1 & 0xff;
        c->ctx_size = cparams & 0x4 ? 64 : 32;
        if (params1 == ALL_ONES)
            why = "does not answer";
        else if (!c->max_slots)
            why = "has no device slots";
        else if ((params2 >> 27) || (params2 >> 21 & 0x1f))
            why = "wants scratchpad buffers";
        else if (!(xhci_read(c->op + PAGESIZE) & 1))
            why = "does not take 4 KiB pages";
        else if (dboff + 4 * (c->max_slots + 1) > bar->size || rtsoff + IR0 + 0x20 > bar->size ||
                 caplen < 0x20 || 0x400 + 0x10 * c->ports > bar->size - caplen)
            why = "has registers outside BAR 0";
        else
            read_protocols(c, bar);
    }
    if (why) {
        log_error("%s: %s; its USB devices are not used\n", c->name, why);
        return ERR_INVALID;
    }
    return 0;
}

int xhci_probe(struct pci_dev *pd)
{
    struct xhci *c = calloc(1, sizeof(*c));
    if (!c)
        return ERR_NO_MEMORY;
    c->pci = pd;
    sniprintf(c->name, sizeof(c->name), "xhci %s", pd->node->name);
    c->dmadev = (struct dma_device){ c->name, stop, start };
    int err = check_registers(c);
    if (!err && !(c->slot_dev = calloc(c->max_slots + 1, sizeof(c->slot_dev[0]))))
        err = ERR_NO_MEMORY;
    if (!err)
        err = setup(c);
    if (!err && (err = dmadev_register(&c->dmadev)) != 0)
        stop(&c->dmadev);
    if (err) {
        free(c->slot_dev);
        free(c);
    }
    return err;
}
