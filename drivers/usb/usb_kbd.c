/* SPDX-License-Identifier: BSD-2-Clause */
/* USB keyboards in the boot protocol: every one found is an input console,
 * so keys typed on any of them reach the prompt (QEMU sends keys to the
 * keyboard added last). Each has one report transfer queued at a time on
 * its interrupt endpoint; the reports become characters (usb_hid.c). */
#include <stdlib.h>
#include <string.h>
#include "../../board/console.h"
#include "../../board/log.h"
#include "../../lib/err.h"
#include "usb.h"
#include "usb_hid.h"

#define SET_IDLE 0x0a
#define SET_PROTOCOL 0x0b
#define PROTOCOL_BOOT 0

struct usb_kbd {
    struct console_port port;        /* first: the console hands it back */
    struct usb_dev *dev;
    uint8_t prev[USB_KBD_REPORT];
    char keys[32];
    unsigned nkeys;
    bool running;
};

static void queue_report(struct usb_dev *dev)
{
    xhci_queue(dev, &dev->ep[0], dev->mem.bus + USB_SPARE_OFF, USB_KBD_REPORT);
}

/* A report arrived (or the transfer failed): its new keys kept, the next
 * one asked for. */
static void report_done(struct usb_dev *dev, struct xhci_ep *ep)
{
    struct usb_kbd *k = dev->cls;
    uint8_t report[USB_KBD_REPORT] = { 0 };
    if ((ep->code != CC_SUCCESS && ep->code != CC_SHORT_PACKET) || ep->residual > USB_KBD_REPORT) {
        if (k->running)
            log_error("%s: keyboard report failed (completion code %u); no more keys from it\n",
                      dev->name, ep->code);
        k->running = false;
        return;
    }
    dma_copy_from_device(dev->hc->dma, &dev->mem, USB_SPARE_OFF, report, USB_KBD_REPORT - ep->residual);
    k->nkeys += usb_kbd_keys(k->prev, report, k->keys + k->nkeys, sizeof(k->keys) - k->nkeys);
    memcpy(k->prev, report, sizeof(report));
    if (k->running)
        queue_report(dev);
}

static size_t kbd_read(struct console_port *p, char *buf, size_t len)
{
    struct usb_kbd *k = (struct usb_kbd *)p;
    if (k->running)
        xhci_poll(k->dev->hc);
    size_t n = k->nkeys < len ? k->nkeys : len;
    memcpy(buf, k->keys, n);
    memmove(k->keys, k->keys + n, k->nkeys - n);
    k->nkeys -= (unsigned)n;
    return n;
}

static int kbd_attach(struct usb_dev *dev, const struct usb_iface *iface)
{
    bool fresh = !dev->cls;
    const char *why = NULL;
    if (!iface->intr_in.addr)
        why = "is a keyboard without a report endpoint";
    else if (xhci_control(dev, 0x21, SET_PROTOCOL, PROTOCOL_BOOT, iface->number, 0, NULL))
        why = "is a keyboard that refuses the boot protocol";
    else if (xhci_control(dev, 0x21, SET_IDLE, 0, iface->number, 0, NULL) == ERR_IO)
        why = "is a keyboard that does not answer";          /* a stall: SET_IDLE is optional */
    else if (xhci_dev_add_endpoints(dev, &iface->intr_in, 1))
        why = "is a keyboard that refuses its report endpoint";
    struct usb_kbd *k = fresh ? calloc(1, sizeof(*k)) : dev->cls;
    if (!why && !k)
        why = "is a keyboard with no memory to keep it";
    if (!why && fresh && !usb_device_node(dev, "usb-keyboard"))
        why = "is a keyboard with no memory for its node";
    if (why) {
        if (fresh) {
            log_info("%s: %s; skipped\n", dev->name, why);
            free(k);
        }
        return ERR_INVALID;
    }
    if (fresh) {
        dt_set_string(dev->node, "device_type", "keyboard");
        k->dev = dev;
        k->port = (struct console_port){ .name = dev->name, .kind = CONSOLE_KEYBOARD, .node = dev->node,
                                         .read = kbd_read };
        dev->cls = k;
        log_info("%s: USB keyboard\n", dev->name);
    }
    memset(k->prev, 0, sizeof(k->prev));
    k->nkeys = 0;
    k->running = true;
    dev->ep[0].done = report_done;
    console_add(&k->port);
    queue_report(dev);
    return 0;
}

static void kbd_stopped(struct usb_dev *dev)
{
    struct usb_kbd *k = dev->cls;
    console_remove(&k->port);
    k->running = false;
}

const struct usb_driver usb_kbd_driver = { "keyboard", USB_CLASS_HID, 1, 1, kbd_attach, kbd_stopped };
