/* A boot keyboard on an xHCI root port: port reset, a device slot and
 * address, its configuration descriptor read over the default control
 * endpoint, the boot protocol selected, and its interrupt IN endpoint
 * polled with one transfer at a time. Hubs are not looked behind. */
#include <string.h>
#include "../../board/log.h"
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
#define CONFIG_MAX 512                  /* descriptor bytes read; the data page has 2 KiB */

#define TRB_IOC 0x20
#define TRB_IDT 0x40
#define DIR_IN 0x10000

/* A connected port, reset until the controller enables it; its speed. */
static bool port_enable(struct xhci *c, unsigned port, uint8_t *speed)
{
    uint32_t sc = xhci_read(PORTSC(c, port));
    if (!(sc & PORT_CONNECTED))
        return false;
    if (!(sc & PORT_ENABLED)) {         /* USB 2 ports: reset enables (USB 3 ones train alone) */
        xhci_write(PORTSC(c, port), PORT_POWER | PORT_RESET);
        uint64_t until = timebase_us() + PORT_WAIT_US;
        while (!((sc = xhci_read(PORTSC(c, port))) & PORT_RESET_DONE) || (sc & PORT_RESET))
            if (timebase_us() > until || sc == 0xffffffffu)
                return false;
        xhci_write(PORTSC(c, port), PORT_POWER | PORT_RESET_DONE);
    }
    sc = xhci_read(PORTSC(c, port));
    *speed = (uint8_t)(sc >> 10 & 0xf);
    return (sc & PORT_ENABLED) != 0;
}

static uint8_t *ctx(struct xhci *c, unsigned page, unsigned index)
{
    return (uint8_t *)c->mem.cpu + page * XHCI_PAGE + index * c->ctx_size;
}

/* Endpoint context `dci` in the input context: type, packet size, ring. */
static void set_endpoint(struct xhci *c, unsigned dci, uint32_t type, uint32_t max_packet,
                         uint32_t interval, const struct xhci_ring *ring)
{
    uint8_t *ep = ctx(c, XHCI_IN_CTX, dci + 1);
    memset(ep, 0, c->ctx_size);
    put_le32(ep, interval << 16);
    put_le32(ep + 4, 3u << 1 | type << 3 | max_packet << 16);   /* three retries */
    put_le64(ep + 8, ring->bus | ring->cycle);
    put_le32(ep + 16, 8 | max_packet << 16);                    /* average TRB length */
}

/* A control transfer on the default endpoint, IN data into the data page. */
static int control(struct xhci *c, uint8_t type, uint8_t request, uint16_t value, uint16_t index,
                   uint16_t len)
{
    uint64_t setup = type | (uint64_t)request << 8 | (uint64_t)value << 16 |
                     (uint64_t)index << 32 | (uint64_t)len << 48;
    c->xfer_code = 0;
    xhci_ring_put(&c->ep0, setup, 8, TRB_SETUP << 10 | TRB_IDT | (len ? 3u << 16 : 0));
    if (len)
        xhci_ring_put(&c->ep0, c->mem.bus + XHCI_DATA * XHCI_PAGE, len, TRB_DATA << 10 | DIR_IN);
    xhci_ring_put(&c->ep0, 0, 0, TRB_STATUS << 10 | TRB_IOC | (len ? 0 : DIR_IN));
    xhci_doorbell(c, c->slot, 1);
    uint64_t until = timebase_us() + TRANSFER_WAIT_US;
    while (!c->xfer_code && timebase_us() < until)
        xhci_poll(c);
    if (c->xfer_code == CC_SUCCESS || c->xfer_code == CC_SHORT_PACKET)
        return 0;
    return c->xfer_code == CC_STALL ? ERR_INVALID : ERR_IO;
}

/* Slot, address, and the default endpoint's packet size for its speed. */
static int address_device(struct xhci *c, unsigned port, uint8_t speed)
{
    static const uint16_t ep0_packet[] = { 8, 8, 8, 64, 512 };
    uint8_t code = xhci_command(c, 0, TRB_ENABLE_SLOT << 10, &c->slot);
    if (code != CC_SUCCESS || c->slot == 0)
        return ERR_IO;
    memset(ctx(c, XHCI_IN_CTX, 0), 0, XHCI_PAGE);
    memset(ctx(c, XHCI_OUT_CTX, 0), 0, XHCI_PAGE);
    put_le64((uint8_t *)c->mem.cpu + XHCI_DCBAA * XHCI_PAGE + 8 * c->slot,
             c->mem.bus + XHCI_OUT_CTX * XHCI_PAGE);
    put_le32(ctx(c, XHCI_IN_CTX, 0) + 4, 0x3);                  /* add slot and EP0 */
    put_le32(ctx(c, XHCI_IN_CTX, 1), (uint32_t)speed << 20 | 1u << 27);
    put_le32(ctx(c, XHCI_IN_CTX, 1) + 4, port << 16);
    xhci_ring_init(c, &c->ep0, XHCI_EP0_RING);
    set_endpoint(c, 1, 4, ep0_packet[speed < 5 ? speed : 0], 0, &c->ep0);
    code = xhci_command(c, c->mem.bus + XHCI_IN_CTX * XHCI_PAGE,
                        TRB_ADDRESS_DEVICE << 10 | (uint32_t)c->slot << 24, NULL);
    return code == CC_SUCCESS ? 0 : ERR_IO;
}

/* The interrupt endpoint added to the slot, and its first transfer queued. */
static int start_reports(struct xhci *c)
{
    unsigned dci = 2 * c->kbd.endpoint + 1;
    uint32_t interval = 3;              /* 2^3 x 125 us: 1 ms, for full and low speed */
    for (unsigned ms = c->kbd.interval; ms > 1 && interval < 10; ms >>= 1)
        interval++;
    struct xhci_ring *r = &c->intr;
    xhci_ring_init(c, r, XHCI_INT_RING);
    memset(ctx(c, XHCI_IN_CTX, 0), 0, 2 * c->ctx_size);
    put_le32(ctx(c, XHCI_IN_CTX, 0) + 4, 1u | 1u << dci);
    put_le32(ctx(c, XHCI_IN_CTX, 1), (uint32_t)c->speed << 20 | dci << 27);
    put_le32(ctx(c, XHCI_IN_CTX, 1) + 4, (uint32_t)c->port << 16);
    set_endpoint(c, dci, 7, c->kbd.max_packet ? c->kbd.max_packet : 8, interval, r);
    if (xhci_command(c, c->mem.bus + XHCI_IN_CTX * XHCI_PAGE,
                     TRB_CONFIGURE_EP << 10 | (uint32_t)c->slot << 24, NULL) != CC_SUCCESS)
        return ERR_IO;
    c->kbd_dci = (uint8_t)dci;
    c->kbd_ready = true;
    memset(c->prev_report, 0, sizeof(c->prev_report));
    xhci_ring_put(r, c->mem.bus + XHCI_DATA * XHCI_PAGE + XHCI_REPORT_OFF, USB_KBD_REPORT,
                  TRB_NORMAL << 10 | TRB_IOC);
    xhci_doorbell(c, c->slot, dci);
    return 0;
}

void xhci_kbd_report(struct xhci *c, const struct xhci_event *e)
{
    uint8_t report[USB_KBD_REPORT] = { 0 };
    if ((e->code == CC_SUCCESS || e->code == CC_SHORT_PACKET) && e->residual <= USB_KBD_REPORT) {
        dma_copy_from_device(c->dma, &c->mem, XHCI_DATA * XHCI_PAGE + XHCI_REPORT_OFF, report,
                             USB_KBD_REPORT - e->residual);
        c->nkeys += usb_kbd_keys(c->prev_report, report, c->keys + c->nkeys,
                                 sizeof(c->keys) - c->nkeys);
        memcpy(c->prev_report, report, sizeof(report));
    }
    xhci_ring_put(&c->intr, c->mem.bus + XHCI_DATA * XHCI_PAGE + XHCI_REPORT_OFF, USB_KBD_REPORT,
                  TRB_NORMAL << 10 | TRB_IOC);
    xhci_doorbell(c, c->slot, c->kbd_dci);
}

/* The device on `port`: a boot keyboard, configured and reporting, or why not. */
static int try_port(struct xhci *c, unsigned port, uint8_t speed, const char **why)
{
    uint8_t desc[CONFIG_MAX];
    c->port = (uint8_t)port;
    c->speed = speed;
    *why = "does not take an address";
    if (address_device(c, port, speed))
        return ERR_IO;
    *why = "stalls or fails its configuration descriptor";
    int err = control(c, 0x80, 6, 0x0200, 0, 9);                /* GET_DESCRIPTOR config */
    uint16_t total = 0;
    if (!err) {
        dma_copy_from_device(c->dma, &c->mem, XHCI_DATA * XHCI_PAGE, desc, 9);
        total = (uint16_t)(desc[2] | desc[3] << 8);
        total = total > CONFIG_MAX ? CONFIG_MAX : total < 9 ? 9 : total;
        err = control(c, 0x80, 6, 0x0200, 0, total);
    }
    if (err)
        return err;
    dma_copy_from_device(c->dma, &c->mem, XHCI_DATA * XHCI_PAGE, desc, total);
    *why = "is not a boot keyboard";
    if (usb_find_boot_keyboard(desc, total - c->xfer_residual, &c->kbd))
        return ERR_NOT_FOUND;
    *why = "stalls its set-up requests";
    err = control(c, 0x00, 9, c->kbd.config, 0, 0);             /* SET_CONFIGURATION */
    if (!err)
        err = control(c, 0x21, 0x0b, 0, c->kbd.interface, 0);   /* SET_PROTOCOL boot */
    if (!err)
        control(c, 0x21, 0x0a, 0, c->kbd.interface, 0);         /* SET_IDLE: optional */
    *why = "refuses its interrupt endpoint";
    return err ? err : start_reports(c);
}

int xhci_kbd_attach(struct xhci *c)
{
    for (unsigned port = 1; port <= c->ports; port++) {
        uint8_t speed;
        const char *why;
        if (!port_enable(c, port, &speed))
            continue;
        if (try_port(c, port, speed, &why) == 0) {
            log_info("%s: USB keyboard on port %u\n", c->name, port);
            return 0;
        }
        log_info("%s: the USB device on port %u %s\n", c->name, port, why);
        return ERR_NOT_FOUND;           /* one slot: the next device would need it freed */
    }
    log_info("%s: no USB keyboard on its %u ports\n", c->name, c->ports);
    return ERR_NOT_FOUND;
}
