/* SPDX-License-Identifier: BSD-2-Clause */
/* The xHCI driver and the USB core and class drivers against a simulated
 * controller and simulated devices: registers in an array; commands and
 * transfers run when their doorbell is written and post events to the
 * driver's event ring. The devices: keyboards, a tablet, hubs, and a
 * bulk-only stick that reads back a pattern through the real SCSI
 * midlayer, or misbehaves in one way a case chooses. */
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
#include "drivers/usb/xhci.c"
#include "drivers/usb/xhci_dev.c"
#include "drivers/usb/usb.c"
#include "drivers/usb/usb_hub.c"
#include "drivers/usb/usb_kbd.c"
#include "drivers/usb/usb_msd.c"
#include "drivers/usb/usb_desc.c"
#include "drivers/usb/usb_bot.c"
#include "drivers/usb/usb_hid.c"
#define DMA_STUB_MAX 16
#include "dma-stub.h"

/* ---- the world ------------------------------------------------------------ */

#define BAR 0x10000000ull
#define OP (BAR + 0x20)
#define RT (BAR + 0x600)
#define DB (BAR + 0x800)
#define PORTS 4
static uint32_t regs[0x1000 / 4];
static bool reset_sticks;
static uint64_t now_us;
static unsigned cmd_deq, evt_enq, skipped_devices;
static uint32_t cmd_cycle, evt_cycle;
static int errors;
static char log_text[4096];               /* every line logged in a case */

uint64_t timebase_us(void) { return now_us += 100; }
void secure_poll(void) {}
void watchdog_check(void) {}
void drivers_count_skipped(void) { skipped_devices++; }
static struct dma_device *registered;
int dmadev_register(struct dma_device *d) { registered = d; return 0; }
void binding_publish(struct dt_node *n, struct dma_ctx *dma) { (void)n; (void)dma; }
static void logv(const char *fmt, va_list ap)
{
    size_t at = strlen(log_text);
    vsnprintf(log_text + at, sizeof(log_text) - at, fmt, ap);
}
void log_info(const char *fmt, ...) { va_list ap; va_start(ap, fmt); logv(fmt, ap); va_end(ap); }
void log_debug(const char *fmt, ...) { va_list ap; va_start(ap, fmt); logv(fmt, ap); va_end(ap); }
void log_error(const char *fmt, ...) { va_list ap; va_start(ap, fmt); logv(fmt, ap); va_end(ap); errors++; }

static struct console_port *consoles[8];
static unsigned nconsoles;
void console_add(struct console_port *p) { consoles[nconsoles++] = p; }
void console_remove(struct console_port *p)
{
    for (unsigned i = 0; i < nconsoles; i++)
        if (consoles[i] == p)
            consoles[i] = consoles[--nconsoles];
}

static bool logged(const char *line) { return strstr(log_text, line) != NULL; }
#define assert_logged(line) do { if (!logged(line)) fail_msg("not logged: %s\nlog:\n%s", line, log_text); } while (0)

/* ---- simulated devices --------------------------------------------------- */

enum kind { KEYBOARD, TABLET, HUB, STICK };
enum fault { NONE, STALL_CONTROL, STALL_READ, BAD_SIGNATURE, WRONG_TAG, PHASE_ERROR, SILENT, MANY_LUNS };
enum phase { IDLE, DATA, STATUS };

struct sim_ep {
    uint64_t ring;
    unsigned deq;
    uint32_t cycle;
    bool halted;
};

struct sim_dev {
    enum kind kind;
    enum fault fault;
    unsigned root_port;
    uint32_t route;
    uint8_t speed;
    unsigned slot;
    bool hub_bit;                         /* its slot context said "hub" */
    struct sim_ep ep[32];
    /* a hub's ports: status and change bits */
    uint16_t port_status[16], port_change[16];
    /* a keyboard: the report it sends when the driver asks next */
    uint8_t report[8];
    bool report_ready;
    /* a stick: the command in progress */
    enum phase phase;
    uint32_t tag, data_left, data_off;
    uint8_t cdb[16], status;
    unsigned reads;
};
static struct sim_dev sim[12];
static unsigned nsim;
static struct sim_dev *slot_sim[17];
static unsigned next_slot;

static unsigned route_depth(uint32_t route)
{
    unsigned d = 0;
    while (d < 5 && (route >> (4 * d) & 0xf))
        d++;
    return d;
}

static struct sim_dev *add_device(enum kind kind, unsigned root_port, uint32_t route, uint8_t speed)
{
    struct sim_dev *d = &sim[nsim++];
    memset(d, 0, sizeof(*d));
    d->kind = kind;
    d->root_port = root_port;
    d->route = route;
    d->speed = speed;
    if (route == 0)
        regs[(0x20 + 0x400 + 0x10 * (root_port - 1)) / 4] = PORT_CONNECTED | PORT_POWER | (uint32_t)speed << 10;
    return d;
}

static struct sim_dev *device_at_route(unsigned root_port, uint32_t route)
{
    for (unsigned i = 0; i < nsim; i++)
        if (sim[i].root_port == root_port && sim[i].route == route)
            return &sim[i];
    return NULL;
}

static uint64_t reg64(uint64_t addr) { return regs[(addr - BAR) / 4] | (uint64_t)regs[(addr - BAR) / 4 + 1] << 32; }

static void post_event(uint8_t type, uint8_t code, uint8_t slot, uint8_t ep, uint32_t residual)
{
    uint8_t *seg = dma_stub_at(get_le64(dma_stub_at(reg64(RT + 0x30))));
    uint8_t *t = seg + 16 * evt_enq;
    put_le64(t, 0);
    put_le32(t + 8, (uint32_t)code << 24 | residual);
    put_le32(t + 12, (uint32_t)slot << 24 | (uint32_t)ep << 16 | (uint32_t)type << 10 | evt_cycle);
    if (++evt_enq == XHCI_RING_TRBS) {
        evt_enq = 0;
        evt_cycle ^= 1;
    }
}

/* The next TRB a doorbell announced on a ring, link TRBs followed. */
static uint32_t next_trb(uint64_t base, unsigned *deq, uint32_t *cycle, uint8_t **trb)
{
    for (;;) {
        uint8_t *t = dma_stub_at(base) + 16 * *deq;
        uint32_t control = get_le32(t + 12);
        if ((control & 1) != *cycle)
            return 0;
        *trb = t;
        if ((control >> 10 & 0x3f) == TRB_LINK) {
            *deq = 0;
            *cycle ^= (control >> 1) & 1;
            continue;
        }
        (*deq)++;
        return control >> 10 & 0x3f;
    }
}

/* ---- their descriptors and requests -------------------------------------- */

static const uint8_t kbd_config[] = {
    9, 2, 34, 0, 1, 1, 0, 0xa0, 50,
    9, 4, 0, 0, 1, 3, 1, 1, 0,
    9, 0x21, 0x11, 1, 0, 1, 0x22, 63, 0,
    7, 5, 0x81, 3, 8, 0, 7,
};
static const uint8_t tablet_config[] = {
    9, 2, 34, 0, 1, 1, 0, 0xa0, 50,
    9, 4, 0, 0, 1, 3, 0, 0, 0,
    9, 0x21, 0x01, 0, 0, 1, 0x22, 74, 0,
    7, 5, 0x81, 3, 8, 0, 10,
};
static const uint8_t hub_config[] = {
    9, 2, 25, 0, 1, 1, 0, 0xe0, 0,
    9, 4, 0, 0, 1, 9, 0, 0, 0,
    7, 5, 0x81, 3, 2, 0, 0xff,
};
static const uint8_t stick_config[] = {
    9, 2, 32, 0, 1, 1, 0, 0x80, 50,
    9, 4, 0, 0, 2, 8, 6, 0x50, 0,
    7, 5, 0x81, 2, 0x40, 0, 0,
    7, 5, 0x02, 2, 0x40, 0, 0,
};
#define STICK_BLOCKS 2048

static uint8_t pattern(uint64_t byte) { return (uint8_t)(byte * 7 + (byte >> 9)); }

/* A control request: the bytes it answers with (at most len) in out, or -1
 * for a stall. */
static int sim_control(struct sim_dev *d, const uint8_t *setup, uint8_t *out, unsigned len)
{
    uint8_t type = setup[0], req = setup[1];
    uint16_t value = get_le16(setup + 2), index = get_le16(setup + 4);
    static const uint8_t classes[][3] = { { 0, 0, 0 }, { 0, 0, 0 }, { 9, 0, 0 }, { 0, 0, 0 } };
    const uint8_t *src = NULL;
    unsigned n = 0;
    if (d->fault == STALL_CONTROL)
        return -1;
    if (type == 0x80 && req == 6 && value == 0x0100) {
        uint8_t dd[18] = { 18, 1, 0, 2, classes[d->kind][0], classes[d->kind][1], classes[d->kind][2],
                           d->speed == USB_SPEED_HIGH ? 64 : 8, 0x27, 0x06, (uint8_t)d->kind, 0 };
        n = len < 18 ? len : 18;
        memcpy(out, dd, n);
        return (int)n;
    }
    if (type == 0x80 && req == 6 && value == 0x0200) {
        src = d->kind == KEYBOARD ? kbd_config : d->kind == TABLET ? tablet_config
            : d->kind == HUB ? hub_config : stick_config;
        n = get_le16(src + 2);
    } else if (type == 0xa0 && req == 6 && value == 0x2900 && d->kind == HUB) {
        static const uint8_t hub_desc[9] = { 9, 0x29, 8, 0, 0, 5, 0, 0, 0xff };
        src = hub_desc;
        n = sizeof(hub_desc);
    } else if (type == 0xa3 && req == 0 && d->kind == HUB && index >= 1 && index <= 8 && len >= 4) {
        put_le16(out, d->port_status[index]);
        put_le16(out + 2, d->port_change[index]);
        return 4;
    } else if (type == 0x23 && d->kind == HUB && index >= 1 && index <= 8) {
        uint32_t below = d->route | index << (4 * route_depth(d->route));
        bool there = route_depth(d->route) < 5 && device_at_route(d->root_port, below);
        if (req == SET_FEATURE && value == FEATURE_PORT_POWER && there)
            d->port_status[index] |= 0x100 | ST_CONNECTED;
        if (req == SET_FEATURE && value == FEATURE_PORT_RESET && there) {   /* at once enabled, full speed */
            d->port_status[index] |= ST_ENABLED;
            d->port_change[index] |= CH_RESET;
        }
        if (req == CLEAR_FEATURE && value == FEATURE_C_PORT_RESET)
            d->port_change[index] &= (uint16_t)~CH_RESET;
        return 0;
    } else if (type == 0xa1 && req == GET_MAX_LUN && d->kind == STICK) {
        out[0] = d->fault == MANY_LUNS ? 200 : 0;
        return 1;
    } else if (type == 0x21 && req == BOT_RESET && d->kind == STICK) {
        d->phase = IDLE;
        return 0;
    } else if (type == 0x02 && req == 1) {              /* CLEAR_FEATURE(ENDPOINT_HALT) */
        return 0;
    } else if (type == 0x00 || type == 0x21) {          /* SET_CONFIGURATION, SET_PROTOCOL, SET_IDLE */
        return 0;
    } else {
        return -1;
    }
    n = n < len ? n : len;
    memcpy(out, src, n);
    return (int)n;
}

/* A stick's answer to a command block: its data and status. */
static void stick_command(struct sim_dev *d, const uint8_t *cbw)
{
    d->tag = get_le32(cbw + 4);
    d->data_left = get_le32(cbw + 8);
    d->data_off = 0;
    memcpy(d->cdb, cbw + 15, 16);
    d->status = USB_CSW_GOOD;
    d->phase = d->data_left ? DATA : STATUS;
    uint8_t op = d->cdb[0];
    if (op != INQUIRY && op != TEST_UNIT_READY && op != READ_CAPACITY_10 && op != READ_10 && op != REQUEST_SENSE)
        d->status = USB_CSW_FAILED;
}

/* Up to len bytes of the command's data at buf: how many. */
static uint32_t stick_data(struct sim_dev *d, uint8_t *buf, uint32_t len)
{
    uint8_t *resp = calloc(1, len);
    uint32_t n = 0;
    switch (d->cdb[0]) {
    case INQUIRY:
        n = 36;
        resp[0] = 0;                                   /* a disk */
        break;
    case READ_CAPACITY_10:
        n = 8;
        put_be32(resp, STICK_BLOCKS - 1);
        put_be32(resp + 4, 512);
        break;
    case REQUEST_SENSE:
        n = 18;
        resp[0] = 0x70, resp[2] = SENSE_MEDIUM_ERROR, resp[7] = 10, resp[12] = 0x11;
        break;
    case READ_10: {
        uint64_t at = (uint64_t)get_be32(d->cdb + 2) * 512 + d->data_off;
        n = len;
        for (uint32_t i = 0; i < n; i++)
            resp[i] = pattern(at + i);
        break;
    }
    }
    n = n < len ? n : len;
    n = n < d->data_left ? n : d->data_left;
    memcpy(buf, resp, n);
    free(resp);
    return n;
}

static void sim_bulk(struct sim_dev *d, unsigned dci, uint8_t *trb)
{
    uint8_t *buf = dma_stub_at(get_le64(trb));
    uint32_t len = get_le32(trb + 8) & 0x1ffff;
    if (d->fault == SILENT)
        return;                                        /* never answers */
    if (dci % 2 == 0) {                                /* OUT: a command block */
        stick_command(d, buf);
        post_event(TRB_TRANSFER_EVENT, CC_SUCCESS, (uint8_t)d->slot, (uint8_t)dci, 0);
        return;
    }
    if (d->phase == DATA && d->fault == STALL_READ && d->cdb[0] == READ_10) {
        d->ep[dci].halted = true;
        d->status = USB_CSW_FAILED;
        d->phase = STATUS;
        post_event(TRB_TRANSFER_EVENT, CC_STALL, (uint8_t)d->slot, (uint8_t)dci, len);
        return;
    }
    if (d->phase == DATA) {
        uint32_t n = d->status == USB_CSW_GOOD ? stick_data(d, buf, len) : 0;
        d->data_left -= n;
        d->data_off += n;
        if (n < len || !d->data_left)
            d->phase = STATUS;
        if (d->cdb[0] == READ_10)
            d->reads++;
        post_event(TRB_TRANSFER_EVENT, n < len ? CC_SHORT_PACKET : CC_SUCCESS, (uint8_t)d->slot,
                   (uint8_t)dci, len - n);
        return;
    }
    uint8_t csw[13];
    put_le32(csw, d->fault == BAD_SIGNATURE ? 0x58425355u : 0x53425355u);
    put_le32(csw + 4, d->fault == WRONG_TAG ? d->tag + 1 : d->tag);
    put_le32(csw + 8, d->data_left);
    csw[12] = d->fault == PHASE_ERROR ? USB_CSW_PHASE : d->status;
    memcpy(buf, csw, len < 13 ? len : 13);
    d->phase = IDLE;
    post_event(TRB_TRANSFER_EVENT, len > 13 ? CC_SHORT_PACKET : CC_SUCCESS, (uint8_t)d->slot, (uint8_t)dci,
               len > 13 ? len - 13 : 0);
}

/* A keyboard's queued report transfer ends when it has a report. */
static void keyboard_report(struct sim_dev *d)
{
    struct sim_ep *ep = &d->ep[3];
    uint8_t *t;
    unsigned deq = ep->deq;
    uint32_t cycle = ep->cycle;
    if (!d->report_ready || !ep->ring || next_trb(ep->ring, &deq, &cycle, &t) != TRB_NORMAL)
        return;
    ep->deq = deq;
    ep->cycle = cycle;
    memcpy(dma_stub_at(get_le64(t)), d->report, 8);
    d->report_ready = false;
    post_event(TRB_TRANSFER_EVENT, CC_SUCCESS, (uint8_t)d->slot, 3, 0);
}

static void endpoint_doorbell(struct sim_dev *d, unsigned dci)
{
    struct sim_ep *ep = &d->ep[dci];
    uint8_t *t, *setup = NULL, *data = NULL;
    uint32_t type;
    if (ep->halted || !ep->ring)
        return;
    if (d->kind == KEYBOARD && dci == 3) {
        keyboard_report(d);
        return;
    }
    while ((type = next_trb(ep->ring, &ep->deq, &ep->cycle, &t)) != 0) {
        if (dci != 1) {
            sim_bulk(d, dci, t);
            continue;
        }
        if (type == TRB_SETUP)
            setup = t, data = NULL;
        else if (type == TRB_DATA)
            data = t;
        else if (type == TRB_STATUS && setup) {
            uint32_t len = data ? get_le32(data + 8) & 0x1ffff : 0;
            uint8_t out[USB_CONTROL_MAX];
            int n = sim_control(d, setup, out, len);
            if (n < 0) {
                ep->halted = true;
                post_event(TRB_TRANSFER_EVENT, CC_STALL, (uint8_t)d->slot, 1, 0);
                return;
            }
            if (n)
                memcpy(dma_stub_at(get_le64(data)), out, (size_t)n);
            post_event(TRB_TRANSFER_EVENT, (uint32_t)n < len ? CC_SHORT_PACKET : CC_SUCCESS, (uint8_t)d->slot,
                       1, len - (uint32_t)n);
        }
    }
}

/* ---- the simulated controller ------------------------------------------- */

static uint8_t *ctx_at(uint64_t input, unsigned index) { return dma_stub_at(input) + 32 * index; }

static uint8_t command_done(uint8_t *t, uint8_t *slot)
{
    uint32_t control = get_le32(t + 12), type = control >> 10 & 0x3f;
    unsigned s = control >> 24, dci = control >> 16 & 0x1f;
    struct sim_dev *d = s && s <= 16 ? slot_sim[s] : NULL;
    uint64_t param = get_le64(t);
    *slot = (uint8_t)s;
    switch (type) {
    case TRB_ENABLE_SLOT:
        if (next_slot >= 16)
            return 9;                                  /* no slots available */
        *slot = (uint8_t)++next_slot;
        return CC_SUCCESS;
    case TRB_ADDRESS_DEVICE: {
        uint32_t s0 = get_le32(ctx_at(param, 1)), s1 = get_le32(ctx_at(param, 1) + 4);
        d = device_at_route(s1 >> 16 & 0xff, s0 & 0xfffff);
        if (!d)
            return 4;                                  /* a transaction error: nobody there */
        slot_sim[s] = d;
        d->slot = s;
        memset(d->ep, 0, sizeof(d->ep));
        d->ep[1] = (struct sim_ep){ get_le64(ctx_at(param, 2) + 8) & ~0xfull, 0, 1, false };
        return CC_SUCCESS;
    }
    case TRB_CONFIGURE_EP: {
        uint32_t add = get_le32(ctx_at(param, 0) + 4);
        d->hub_bit = get_le32(ctx_at(param, 1)) >> 26 & 1;
        for (unsigned i = 2; i < 32; i++)
            if (add >> i & 1)
                d->ep[i] = (struct sim_ep){ get_le64(ctx_at(param, i + 1) + 8) & ~0xfull, 0, 1, false };
        return CC_SUCCESS;
    }
    case TRB_EVALUATE_CONTEXT:
        return d ? CC_SUCCESS : 5;
    case TRB_RESET_EP:
        if (!d->ep[dci].halted)
            return 19;                                 /* a context state error */
        d->ep[dci].halted = false;
        return CC_SUCCESS;
    case TRB_STOP_EP:
        return CC_SUCCESS;
    case TRB_SET_TR_DEQUEUE:
        d->ep[dci].deq = (unsigned)(((param & ~0xfull) - d->ep[dci].ring) / 16);
        d->ep[dci].cycle = param & 1;
        return CC_SUCCESS;
    case TRB_DISABLE_SLOT:
        if (d)
            d->slot = 0;
        slot_sim[s] = NULL;
        return CC_SUCCESS;
    }
    return 5;                                          /* a TRB error */
}

static void command_doorbell(void)
{
    uint8_t *t, slot;
    while (next_trb(reg64(OP + 0x18) & ~0x3full, &cmd_deq, &cmd_cycle, &t) != 0) {
        uint8_t code = command_done(t, &slot);
        post_event(TRB_COMMAND_DONE, code, slot, 0, 0);
    }
}

uint32_t mmio_read_le(uint64_t addr, unsigned size)
{
    assert_int_equal(size, 4);
    return regs[(addr - BAR) / 4];
}

void mmio_write_le(uint64_t addr, unsigned size, uint32_t v)
{
    assert_int_equal(size, 4);
    if (addr == OP) {                                  /* USBCMD */
        regs[0x20 / 4] = reset_sticks ? v : v & ~USBCMD_RESET;
        regs[0x24 / 4] = (v & USBCMD_RUN) ? 0 : USBSTS_HALTED;
        if (v & USBCMD_RESET && !reset_sticks) {
            cmd_deq = evt_enq = 0, cmd_cycle = evt_cycle = 1;
            next_slot = 0;
            memset(slot_sim, 0, sizeof(slot_sim));
        }
        return;
    }
    if (addr >= OP + 0x400 && addr < OP + 0x400 + 0x10 * PORTS && (addr - OP) % 0x10 == 0) {
        uint32_t *sc = &regs[(addr - BAR) / 4];
        if (v & PORT_RESET && (*sc & PORT_CONNECTED))
            *sc |= PORT_ENABLED | PORT_RESET_DONE;
        if (v & PORT_RESET_DONE)
            *sc &= ~PORT_RESET_DONE;
        return;
    }
    regs[(addr - BAR) / 4] = v;
    if (addr == DB)
        command_doorbell();
    else if (addr > DB && addr <= DB + 4 * 16 && slot_sim[(addr - DB) / 4])
        endpoint_doorbell(slot_sim[(addr - DB) / 4], v & 0x1f);
}

static struct dt_node *node;
static struct pci_phb phb = { .dma = { 0x80000000, 0, 1ull << 30 } };
static struct pci_dev pd = { .phb = &phb, .bar = { { PCI_SPACE_MEM64, 0, BAR, 0x1000 } } };

/* What the last case's drivers kept (firmware never frees a controller or
 * a disk), given back so that the leak checker sees only real leaks. */
static void forget_world(void)
{
    for (unsigned i = 0; i < registry_count(&blockdevs); i++)
        free(registry_get(&blockdevs, i));
    vec_clear(&blockdevs.items);
    if (!registered)
        return;
    struct xhci *c = (struct xhci *)((char *)registered - offsetof(struct xhci, dmadev));
    for (unsigned i = 0; i < c->devs.n; i++) {
        struct usb_dev *dev = c->devs.item[i];
        free(dev->cls);
        free(dev);
    }
    vec_clear(&c->devs);
    free(c->slot_dev);
    free(c);
    registered = NULL;
}

static void stop_and_check(struct xhci *c)
{
    c->dmadev.stop(&c->dmadev);
    assert_int_equal(buffers, 0);                      /* every buffer, so every TCE, given back */
    assert_int_equal(nconsoles, 0);                    /* no keyboard left on the console */
    assert_int_equal(regs[0x24 / 4] & USBSTS_HALTED, USBSTS_HALTED);
}

static int start_fresh(void **state)
{
    (void)state;
    memset(regs, 0, sizeof(regs));
    regs[0] = 0x20;                                    /* CAPLENGTH */
    regs[1] = (uint32_t)PORTS << 24 | 16;              /* ports, slots */
    regs[5] = 0x800;                                   /* DBOFF */
    regs[6] = 0x600;                                   /* RTSOFF */
    regs[(0x20 + 0x08) / 4] = 1;                       /* 4 KiB pages */
    regs[0x24 / 4] = USBSTS_HALTED;
    reset_sticks = false;
    errors = 0;
    now_us = 0;
    nsim = next_slot = nconsoles = skipped_devices = 0;
    memset(slot_sim, 0, sizeof(slot_sim));
    log_text[0] = 0;
    forget_world();
    dma_stub_reset(0x80000000, 0x1000);
    dt_init();
    struct dt_node *phb_node = dt_new_node(dt_root(), "pci@800000020000000");
    node = dt_new_node(phb_node, "usb-xhci@0");
    pd.node = node;
    return 0;
}

/* The controller the driver made, from its DMA device. */
static struct xhci *probe(void)
{
    registered = NULL;
    assert_int_equal(xhci_probe(&pd), 0);
    assert_non_null(registered);
    return (struct xhci *)((char *)registered - offsetof(struct xhci, dmadev));
}

/* Reading the stick's first block through the block device layer. */
static int read_stick(unsigned block, uint8_t *buf)
{
    assert_int_equal(registry_count(&blockdevs), 1);
    struct blockdev *dev = registry_get(&blockdevs, 0);
    return blockdev_read(dev, block, 1, buf);
}

static void check_pattern(unsigned block, const uint8_t *buf)
{
    for (unsigned i = 0; i < 512; i++)
        if (buf[i] != pattern((uint64_t)block * 512 + i))
            fail_msg("block %u byte %u is 0x%02x", block, i, buf[i]);
}

/* ---- the cases ------------------------------------------------------------ */

static void a_controller_that_never_finishes_its_reset(void **state)
{
    (void)state;
    reset_sticks = true;
    assert_int_equal(xhci_probe(&pd), ERR_IO);
    assert_int_equal(errors, 1);
    assert_string_equal(log_text, "xhci usb-xhci@0: does not finish its reset; its USB devices are not used\n");
    assert_true(now_us < 3000000);                     /* one second's wait, not forever */
    assert_int_equal(buffers, 0);
}

/* A tablet, a hub with a keyboard and a stick, and a keyboard: the tablet
 * is one line, both keyboards type, the stick reads back its pattern, and
 * the hub told the controller it is one. */
static void keyboards_a_hub_and_a_stick(void **state)
{
    (void)state;
    add_device(TABLET, 1, 0, USB_SPEED_FULL);
    struct sim_dev *hub = add_device(HUB, 2, 0, USB_SPEED_FULL);
    struct sim_dev *k1 = add_device(KEYBOARD, 2, 0x1, USB_SPEED_FULL);
    struct sim_dev *stick = add_device(STICK, 2, 0x3, USB_SPEED_FULL);
    struct sim_dev *k2 = add_device(KEYBOARD, 3, 0, USB_SPEED_FULL);
    struct xhci *c = probe();
    assert_logged("usb-xhci@0 port 1: 0627:0001 HID device (a tablet or pointer), no driver; skipped\n");
    assert_logged("usb-xhci@0 port 2: USB hub, 8 ports\n");
    assert_logged("usb-xhci@0 port 2.1: USB keyboard\n");
    assert_logged("usb-xhci@0 port 2.3: USB mass storage as usb-xhci@0/hub@2/storage@3, 1 LUN\n");
    assert_logged("usb-xhci@0/hub@2/storage@3 disk@102000000000000: disk, 1 MiB in 512-byte blocks\n");
    assert_logged("usb-xhci@0 port 3: USB keyboard\n");
    assert_int_equal(errors, 0);
    assert_int_equal(skipped_devices, 0);              /* a tablet is never a boot device */
    assert_true(hub->hub_bit);
    assert_non_null(dt_find("/pci@800000020000000/usb-xhci@0/hub@2/storage@3/disk"));
    assert_non_null(dt_find("/pci@800000020000000/usb-xhci@0/usb-keyboard@3"));

    /* Keys from either keyboard reach the console. */
    assert_int_equal(nconsoles, 2);
    char keys[8] = { 0 };
    size_t n = 0;
    k2->report[2] = 0x0b, k2->report_ready = true;     /* h */
    keyboard_report(k2);
    k1->report[2] = 0x0c, k1->report_ready = true;     /* i */
    keyboard_report(k1);
    for (unsigned i = 0; i < nconsoles; i++)
        n += consoles[i]->read(consoles[i], keys + n, sizeof(keys) - 1 - n);
    assert_int_equal(n, 2);
    assert_true(strchr(keys, 'h') && strchr(keys, 'i'));

    uint8_t buf[512];
    assert_int_equal(read_stick(100, buf), 0);
    check_pattern(100, buf);
    assert_int_equal(stick->reads, 1);
    stop_and_check(c);
}

/* The secure-mode move: stopped and started again, every device is handed
 * back to its driver without a second line, and works. */
static void a_restart_brings_every_device_back(void **state)
{
    (void)state;
    add_device(HUB, 1, 0, USB_SPEED_FULL);
    add_device(STICK, 1, 0x2, USB_SPEED_FULL);
    struct sim_dev *k = add_device(KEYBOARD, 2, 0, USB_SPEED_FULL);
    struct xhci *c = probe();
    c->dmadev.stop(&c->dmadev);
    assert_int_equal(buffers, 0);
    uint8_t buf[512];
    assert_int_equal(read_stick(5, buf), ERR_IO);      /* stopped: no I/O */
    size_t lines_before = strlen(log_text);
    assert_int_equal(c->dmadev.start(&c->dmadev), 0);
    assert_int_equal(strlen(log_text), lines_before);  /* nothing new to say */
    assert_int_equal(registry_count(&blockdevs), 1);   /* the same LUN, not a second */
    assert_int_equal(read_stick(5, buf), 0);
    check_pattern(5, buf);
    assert_int_equal(nconsoles, 1);
    k->report[2] = 0x28, k->report_ready = true;       /* Enter */
    keyboard_report(k);
    char key = 0;
    assert_int_equal(consoles[0]->read(consoles[0], &key, 1), 1);
    assert_int_equal(key, '\r');
    stop_and_check(c);
}

/* A stick that stalls a read: the halt is cleared, its status read, the
 * read fails with the sense in one line, and the next read works. */
static void a_stick_that_stalls_a_read(void **state)
{
    (void)state;
    struct sim_dev *stick = add_device(STICK, 1, 0, USB_SPEED_HIGH);
    struct xhci *c = probe();
    uint8_t buf[512];
    stick->fault = STALL_READ;
    assert_int_equal(read_stick(7, buf), ERR_IO);
    assert_logged("usb-xhci@0/storage@1 disk@101000000000000: read of block 7 failed: MEDIUM ERROR");
    stick->fault = NONE;
    assert_int_equal(read_stick(8, buf), 0);
    check_pattern(8, buf);
    stop_and_check(c);
}

/* Status wrappers that make no sense, and phase errors: one line, a reset
 * recovery, and the device after it still found. */
static void bad_status(enum fault fault, const char *line)
{
    struct sim_dev *stick = add_device(STICK, 1, 0, USB_SPEED_HIGH);
    add_device(KEYBOARD, 2, 0, USB_SPEED_FULL);
    stick->fault = fault;
    struct xhci *c = probe();
    assert_logged(line);
    assert_int_equal(errors, 1);
    assert_int_equal(registry_count(&blockdevs), 0);
    assert_logged("usb-xhci@0 port 2: USB keyboard\n");
    assert_true(now_us < 10000000);
    stop_and_check(c);
}

static void a_status_wrapper_without_its_signature(void **state)
{
    (void)state;
    bad_status(BAD_SIGNATURE, "usb-xhci@0/storage@1: a status wrapper without its signature; reset\n");
}

static void a_status_wrapper_for_another_command(void **state)
{
    (void)state;
    bad_status(WRONG_TAG, "usb-xhci@0/storage@1: a status wrapper for another command; reset\n");
}

static void a_phase_error(void **state)
{
    (void)state;
    bad_status(PHASE_ERROR, "usb-xhci@0/storage@1: reports a phase error; reset\n");
}

/* A stick that never answers its bulk endpoints: given up within seconds,
 * one line, the walk goes on. */
static void a_stick_that_stops_answering(void **state)
{
    (void)state;
    bad_status(SILENT, "usb-xhci@0/storage@1: stopped answering; no longer used\n");
}

static void a_stick_with_too_many_luns(void **state)
{
    (void)state;
    struct sim_dev *stick = add_device(STICK, 1, 0, USB_SPEED_HIGH);
    stick->fault = MANY_LUNS;
    struct xhci *c = probe();
    assert_logged("usb-xhci@0 port 1: says its highest LUN is 200; only LUN 0 is used\n");
    assert_int_equal(registry_count(&blockdevs), 1);
    stop_and_check(c);
}

/* A device that stalls every control request: one line, and counted as a
 * device without a driver (it could have been a disk). */
static void a_device_that_stalls_every_request(void **state)
{
    (void)state;
    struct sim_dev *d = add_device(STICK, 1, 0, USB_SPEED_HIGH);
    add_device(KEYBOARD, 2, 0, USB_SPEED_FULL);
    d->fault = STALL_CONTROL;
    struct xhci *c = probe();
    assert_logged("usb-xhci@0 port 1: gives no device descriptor; skipped\n");
    assert_logged("usb-xhci@0 port 2: USB keyboard\n");
    assert_int_equal(errors, 0);
    assert_int_equal(skipped_devices, 1);
    stop_and_check(c);
}

/* Six hubs in a chain: the sixth cannot have devices a route string could
 * reach, and says so. */
static void hubs_nested_too_deep(void **state)
{
    (void)state;
    uint32_t route = 0;
    add_device(HUB, 1, 0, USB_SPEED_FULL);
    for (unsigned tier = 0; tier < 5; tier++) {
        route |= 1u << (4 * tier);
        add_device(HUB, 1, route, USB_SPEED_FULL);
    }
    struct xhci *c = probe();
    assert_logged("usb-xhci@0 port 1.1.1.1.1: USB hub, 8 ports\n");
    assert_logged("usb-xhci@0 port 1.1.1.1.1.1: is a hub nested deeper than USB allows; not looked behind\n");
    stop_and_check(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(a_controller_that_never_finishes_its_reset, start_fresh),
        cmocka_unit_test_setup(keyboards_a_hub_and_a_stick, start_fresh),
        cmocka_unit_test_setup(a_restart_brings_every_device_back, start_fresh),
        cmocka_unit_test_setup(a_stick_that_stalls_a_read, start_fresh),
        cmocka_unit_test_setup(a_status_wrapper_without_its_signature, start_fresh),
        cmocka_unit_test_setup(a_status_wrapper_for_another_command, start_fresh),
        cmocka_unit_test_setup(a_phase_error, start_fresh),
        cmocka_unit_test_setup(a_stick_that_stops_answering, start_fresh),
        cmocka_unit_test_setup(a_stick_with_too_many_luns, start_fresh),
        cmocka_unit_test_setup(a_device_that_stalls_every_request, start_fresh),
        cmocka_unit_test_setup(hubs_nested_too_deep, start_fresh),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
