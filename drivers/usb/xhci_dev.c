/* SPDX-License-Identifier: BSD-2-Clause */
/* xHCI root ports, device slots and their contexts, endpoints, and the
 * transfers class drivers make: control requests on the default endpoint,
 * bulk transfers in pieces that stay inside 64 KiB, interrupt transfers
 * queued one at a time, and an endpoint recovered after a stall. */
#include <string.h>
#include "../../board/timebase.h"
#include "../../lib/bytes.h"
#include "../../lib/err.h"
#include "xhci.h"

#define PORTSC(c, p) ((c)->op + 0x400 + 0x10 * ((p) - 1))
#define PORT_CONNECTED 0x1
#define PORT_ENABLED 0x2
#define PORT_RESET 0x10
#define PORT_POWER 0x200
#define PORT_RESET_DONE 0x200000
#define PORT_WAIT_US 500000
#define TRANSFER_WAIT_US 500000
#define ALL_ONES 0xffffffffu

#define TRB_IOC 0x20
#define TRB_IDT 0x40
#define DIR_IN 0x10000
#define TRB_SPAN 0x10000                /* a transfer TRB stays inside 64 KiB */

/* Endpoint types in an endpoint context. */
#define EP_CONTROL 4
#define EP_OUT 0
#define EP_IN 4

/* ---- root ports -------------------------------------------------------- */

bool xhci_port_enable(struct xhci *c, unsigned port, uint8_t *speed)
{
    uint32_t sc = xhci_read(PORTSC(c, port));
    if (sc == ALL_ONES || !(sc & PORT_CONNECTED))
        return false;
    if (!(sc & PORT_ENABLED)) {         /* USB 2 ports: reset enables (USB 3 ones train alone) */
        xhci_write(PORTSC(c, port), PORT_POWER | PORT_RESET);
        uint64_t until = timebase_us() + PORT_WAIT_US;
        while (!((sc = xhci_read(PORTSC(c, port))) & PORT_RESET_DONE) || (sc & PORT_RESET))
            if (timebase_us() > until || sc == ALL_ONES)
                return false;
        xhci_write(PORTSC(c, port), PORT_POWER | PORT_RESET_DONE);
    }
    sc = xhci_read(PORTSC(c, port));
    *speed = (uint8_t)(sc >> 10 & 0xf);
    return sc != ALL_ONES && (sc & PORT_ENABLED) && *speed >= USB_SPEED_FULL && *speed <= USB_SPEED_SUPER;
}

unsigned xhci_path_port(const struct xhci *c, unsigned port)
{
    if (c->usb3_count && port >= c->usb3_first && port < c->usb3_first + c->usb3_count)
        return port - c->usb3_first + 1u;
    if (c->usb2_count && port >= c->usb2_first && port < c->usb2_first + c->usb2_count)
        return port - c->usb2_first + 1u;
    return port;
}

/* ---- device slots ------------------------------------------------------ */

static uint8_t *dev_page(struct usb_dev *dev, unsigned page)
{
    return (uint8_t *)dev->mem.cpu + page * XHCI_PAGE;
}

static uint64_t dev_bus(struct usb_dev *dev, unsigned page)
{
    return dev->mem.bus + page * XHCI_PAGE;
}

static uint8_t *in_ctx(struct usb_dev *dev, unsigned index)
{
    return dev_page(dev, USB_IN_CTX) + index * dev->hc->ctx_size;
}

/* The input context's slot context, entries up to `last_dci`. */
static void slot_context(struct usb_dev *dev, unsigned last_dci)
{
    uint8_t *s = in_ctx(dev, 1);
    memset(s, 0, dev->hc->ctx_size);
    put_le32(s, dev->route | (uint32_t)dev->speed << 20 | (dev->hub_ports ? 1u << 26 : 0) |
                (uint32_t)last_dci << 27);
    put_le32(s + 4, (uint32_t)dev->root_port << 16 | (uint32_t)dev->hub_ports << 24);
    put_le32(s + 8, dev->tt_slot | (uint32_t)dev->tt_port << 8);
}

/* Endpoint context `dci` in the input context. */
static void endpoint_context(struct usb_dev *dev, unsigned dci, uint32_t type, uint32_t max_packet,
                             uint32_t interval, const struct xhci_ring *ring)
{
    uint8_t *ep = in_ctx(dev, dci + 1);
    memset(ep, 0, dev->hc->ctx_size);
    put_le32(ep, interval << 16);
    put_le32(ep + 4, 3u << 1 | type << 3 | max_packet << 16);   /* three retries */
    put_le64(ep + 8, ring->bus | ring->cycle);
    put_le32(ep + 16, 8 | max_packet << 16);                    /* average TRB length */
}

static uint32_t slot_target(const struct usb_dev *dev)
{
    return (uint32_t)dev->slot << 24;
}

int xhci_dev_open(struct usb_dev *dev)
{
    /* The default endpoint's packet size until the device descriptor says. */
    static const uint16_t ep0_packet[] = { 8, 8, 8, 64, 512 };
    struct xhci *c = dev->hc;
    int err = dma_alloc(c->dma, USB_PAGES * XHCI_PAGE, &dev->mem);
    if (err)
        return err;
    uint8_t code = xhci_command(c, 0, TRB_ENABLE_SLOT << 10, &dev->slot);
    if (code != CC_SUCCESS || dev->slot == 0 || dev->slot > c->max_slots || c->slot_dev[dev->slot]) {
        dev->slot = 0;
        dma_free(c->dma, &dev->mem);
        return ERR_IO;
    }
    c->slot_dev[dev->slot] = dev;
    xhci_set_dcbaa(c, dev->slot, dev_bus(dev, USB_OUT_CTX));
    memset(in_ctx(dev, 0), 0, c->ctx_size);
    put_le32(in_ctx(dev, 0) + 4, 0x3);                           /* add slot and EP0 */
    slot_context(dev, 1);
    xhci_ring_init(&dev->ep0.ring, dev_page(dev, USB_EP0_RING), dev_bus(dev, USB_EP0_RING));
    dev->ep0.dci = 1;
    dev->ep0.done = NULL;
    dev->neps = 0;
    endpoint_context(dev, 1, EP_CONTROL, ep0_packet[dev->speed < 5 ? dev->speed : 0], 0, &dev->ep0.ring);
    code = xhci_command(c, dev_bus(dev, USB_IN_CTX), TRB_ADDRESS_DEVICE << 10 | slot_target(dev), NULL);
    if (code != CC_SUCCESS) {
        xhci_dev_close(dev);
        return ERR_IO;
    }
    return 0;
}

void xhci_dev_close(struct usb_dev *dev)
{
    struct xhci *c = dev->hc;
    if (dev->slot) {
        xhci_command(c, 0, TRB_DISABLE_SLOT << 10 | slot_target(dev), NULL);
        xhci_set_dcbaa(c, dev->slot, 0);
        c->slot_dev[dev->slot] = NULL;
        dev->slot = 0;
    }
    if (dev->mem.len)
        dma_free(c->dma, &dev->mem);
    dev->neps = 0;
}

int xhci_dev_set_ep0_packet(struct usb_dev *dev, uint16_t max_packet)
{
    memset(in_ctx(dev, 0), 0, dev->hc->ctx_size);
    put_le32(in_ctx(dev, 0) + 4, 0x2);                           /* evaluate EP0 */
    endpoint_context(dev, 1, EP_CONTROL, max_packet, 0, &dev->ep0.ring);
    return xhci_command(dev->hc, dev_bus(dev, USB_IN_CTX), TRB_EVALUATE_CONTEXT << 10 | slot_target(dev), NULL)
           == CC_SUCCESS ? 0 : ERR_IO;
}

/* An interval in the xHCI's units (2^n x 125 us) from bInterval. */
static uint32_t interval_of(const struct usb_dev *dev, uint8_t binterval)
{
    if (dev->speed >= USB_SPEED_HIGH)       /* 2^(b-1) microframes */
        return binterval ? binterval - 1u : 0;
    uint32_t n = 3;                         /* full and low speed: b milliseconds */
    for (unsigned ms = binterval; ms > 1 && n < 10; ms >>= 1)
        n++;
    return n;
}

int xhci_dev_add_endpoints(struct usb_dev *dev, const struct usb_ep *eps, unsigned n)
{
    struct xhci *c = dev->hc;
    unsigned last = 1;
    uint32_t add = 1;                                            /* the slot context */
    if (n > USB_EPS)
        return ERR_INVALID;
    memset(in_ctx(dev, 0), 0, 2 * c->ctx_size);
    for (unsigned i = 0; i < n; i++) {
        unsigned in = eps[i].addr >> 7, dci = 2 * (eps[i].addr & 0x0fu) + in;
        bool interrupt = eps[i].type == USB_EP_INTERRUPT;
        struct xhci_ep *ep = &dev->ep[i];
        memset(ep, 0, sizeof(*ep));
        ep->dci = (uint8_t)dci;
        xhci_ring_init(&ep->ring, dev_page(dev, USB_EP_RINGS + i), dev_bus(dev, USB_EP_RINGS + i));
        endpoint_context(dev, dci, (interrupt ? 3u : 2u) | (in ? EP_IN : EP_OUT),
                         eps[i].max_packet ? eps[i].max_packet : 8,
                         interrupt ? interval_of(dev, eps[i].interval) : 0, &ep->ring);
        add |= 1u << dci;
        if (dci > last)
            last = dci;
    }
    put_le32(in_ctx(dev, 0) + 4, add);
    slot_context(dev, last);
    dev->neps = n;
    uint8_t code = xhci_command(c, dev_bus(dev, USB_IN_CTX), TRB_CONFIGURE_EP << 10 | slot_target(dev), NULL);
    return code == CC_SUCCESS ? 0 : ERR_IO;
}

/* Wait for the transfer on ep to end, within us: its completion code (0
 * when it did not end in time). */
static uint8_t await(struct usb_dev *dev, struct xhci_ep *ep, uint64_t us)
{
    uint64_t until = timebase_us() + us;
    while (!ep->code && timebase_us() < until)
        xhci_poll(dev->hc);
    return ep->code;
}

int xhci_endpoint_recover(struct usb_dev *dev, struct xhci_ep *ep)
{
    uint32_t target = slot_target(dev) | (uint32_t)ep->dci << 16;
    /* A halted endpoint takes a reset; a running one, with a transfer that
     * never ended, is stopped instead. */
    if (xhci_command(dev->hc, 0, TRB_RESET_EP << 10 | target, NULL) != CC_SUCCESS &&
        xhci_command(dev->hc, 0, TRB_STOP_EP << 10 | target, NULL) != CC_SUCCESS)
        return ERR_IO;
    uint64_t deq = ep->ring.bus + 16 * ep->ring.enqueue;
    return xhci_command(dev->hc, deq | ep->ring.cycle, TRB_SET_TR_DEQUEUE << 10 | target, NULL) == CC_SUCCESS
           ? 0 : ERR_IO;
}

int xhci_control(struct usb_dev *dev, uint8_t type, uint8_t request, uint16_t value, uint16_t index,
                 uint16_t len, uint16_t *got)
{
    uint64_t setup = type | (uint64_t)request << 8 | (uint64_t)value << 16 |
                     (uint64_t)index << 32 | (uint64_t)len << 48;
    if (got)
        *got = 0;
    if (len > USB_CONTROL_MAX || !dev->slot)
        return ERR_RANGE;
    dev->ep0.code = 0;
    xhci_ring_put(&dev->ep0.ring, setup, 8, TRB_SETUP << 10 | TRB_IDT | (len ? 3u << 16 : 0));
    if (len)
        xhci_ring_put(&dev->ep0.ring, dev->mem.bus + USB_DATA_OFF, len, TRB_DATA << 10 | DIR_IN);
    xhci_ring_put(&dev->ep0.ring, 0, 0, TRB_STATUS << 10 | TRB_IOC | (len ? 0 : DIR_IN));
    xhci_doorbell(dev->hc, dev->slot, 1);
    uint8_t code = await(dev, &dev->ep0, TRANSFER_WAIT_US);
    if (code == CC_SUCCESS || code == CC_SHORT_PACKET) {
        if (got)
            *got = (uint16_t)(len - (dev->ep0.residual < len ? dev->ep0.residual : len));
        return 0;
    }
    xhci_endpoint_recover(dev, &dev->ep0);   /* a request it does not take: the endpoint goes on */
    return code == CC_STALL ? ERR_INVALID : ERR_IO;
}

void xhci_queue(struct usb_dev *dev, struct xhci_ep *ep, uint64_t bus, uint32_t len)
{
    ep->code = 0;
    xhci_ring_put(&ep->ring, bus, len, TRB_NORMAL << 10 | TRB_IOC);
    xhci_doorbell(dev->hc, dev->slot, ep->dci);
}

uint8_t xhci_transfer(struct usb_dev *dev, struct xhci_ep *ep, uint64_t bus, uint32_t len,
                      uint64_t wait_us, uint32_t *moved)
{
    uint8_t code = CC_SUCCESS;
    *moved = 0;
    while (*moved < len && code == CC_SUCCESS) {
        uint64_t at = bus + *moved;
        uint32_t n = len - *moved, room = (uint32_t)(TRB_SPAN - (at & (TRB_SPAN - 1)));
        if (n > room)
            n = room;
        xhci_queue(dev, ep, at, n);
        code = await(dev, ep, wait_us);
        if (code == CC_SUCCESS || code == CC_SHORT_PACKET)
            *moved += n - (ep->residual < n ? ep->residual : n);
    }
    return code;
}
