/* SPDX-License-Identifier: BSD-2-Clause */
/* USB enumeration: each device gets a slot and an address, its device and
 * configuration descriptors are read (both untrusted, parsed by
 * usb_desc.c), and the first class driver whose interface it has takes
 * it, configured. Devices no driver takes get one line each and the walk
 * goes on. On a restart the same ports are walked again and each device
 * found before is handed back to its driver. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../board/log.h"
#include "../../lib/bytes.h"
#include "../../lib/err.h"
#include "../drivers.h"
#include "usb.h"

#define GET_DESCRIPTOR 6
#define SET_CONFIGURATION 9
#define CLEAR_FEATURE 1
#define FEATURE_ENDPOINT_HALT 0
#define DESC_DEVICE 1
#define DESC_CONFIG 2
#define DEVICE_DESC_BYTES 18

/* Tried in this order; a device takes the first whose interface it has. */
static const struct usb_driver *const drivers[] = { &usb_hub_driver, &usb_kbd_driver, &usb_msd_driver };

int usb_clear_halt(struct usb_dev *dev, uint8_t endpoint)
{
    return xhci_control(dev, 0x02, CLEAR_FEATURE, FEATURE_ENDPOINT_HALT, endpoint, 0, NULL);
}

/* The record for the device on a port: the one found there before (a
 * restart), or a new one. NULL when out of memory. */
static struct usb_dev *device_at(struct xhci *c, struct usb_dev *hub, unsigned port, bool *fresh)
{
    for (unsigned i = 0; i < c->devs.n; i++) {
        struct usb_dev *d = c->devs.item[i];
        if (d->parent == hub && d->port == port) {
            *fresh = false;
            return d;
        }
    }
    struct usb_dev *d = calloc(1, sizeof(*d));
    if (d && vec_push(&c->devs, d)) {
        free(d);
        d = NULL;
    }
    *fresh = true;
    return d;
}

/* Where the device sits: its route for the controller, its name, and for
 * a full- or low-speed device behind a high-speed hub, that hub's
 * transaction translator. */
static void place(struct usb_dev *dev, struct xhci *c, struct usb_dev *hub, unsigned port, uint8_t speed)
{
    dev->hc = c;
    dev->parent = hub;
    dev->port = (uint8_t)port;
    dev->speed = speed;
    dev->depth = hub ? hub->depth + 1 : 0;
    dev->root_port = hub ? hub->root_port : (uint8_t)port;
    dev->route = hub ? hub->route | (port & 0xfu) << (4 * hub->depth) : 0;
    dev->path_port = hub ? port : xhci_path_port(c, port);
    if (hub)                                  /* the widths keep the port in the name */
        sniprintf(dev->name, sizeof(dev->name), "%.48s.%u", hub->name, port);
    else
        sniprintf(dev->name, sizeof(dev->name), "%.40s port %u", c->pci->node->name, dev->path_port);
    dev->tt_slot = dev->tt_port = 0;
    if (speed != USB_SPEED_FULL && speed != USB_SPEED_LOW)
        return;
    for (struct usb_dev *child = dev, *h = hub; h; child = h, h = h->parent)
        if (h->speed == USB_SPEED_HIGH) {
            dev->tt_slot = h->slot;
            dev->tt_port = child->port;
            return;
        }
}

/* The device descriptor, the default endpoint's packet size fixed from it. */
static int read_device(struct usb_dev *dev, uint8_t dd[DEVICE_DESC_BYTES], const char **why)
{
    uint16_t got;
    *why = "gives no device descriptor";
    int err = xhci_control(dev, 0x80, GET_DESCRIPTOR, DESC_DEVICE << 8, 0, 8, &got);
    if (!err && got < 8)
        err = ERR_INVALID;
    if (err)
        return err;
    dma_copy_from_device(dev->hc->dma, &dev->mem, USB_DATA_OFF, dd, 8);
    if (dd[1] != DESC_DEVICE)
        return ERR_INVALID;
    unsigned packet = dev->speed == USB_SPEED_SUPER ? (dd[7] <= 9 ? 1u << dd[7] : 0) : dd[7];
    *why = "gives a default packet size USB does not have";
    if (packet != 8 && packet != 16 && packet != 32 && packet != 64 && packet != 512)
        return ERR_INVALID;
    *why = "does not take its packet size";
    if (xhci_dev_set_ep0_packet(dev, (uint16_t)packet))
        return ERR_IO;
    *why = "gives no device descriptor";
    err = xhci_control(dev, 0x80, GET_DESCRIPTOR, DESC_DEVICE << 8, 0, DEVICE_DESC_BYTES, &got);
    if (!err && got < DEVICE_DESC_BYTES)
        err = ERR_INVALID;
    if (!err)
        dma_copy_from_device(dev->hc->dma, &dev->mem, USB_DATA_OFF, dd, DEVICE_DESC_BYTES);
    return err;
}

/* The first configuration descriptor with its interfaces and endpoints,
 * as much of it as the control buffer holds. */
static int read_config(struct usb_dev *dev, uint8_t *desc, uint16_t *len, const char **why)
{
    uint16_t got;
    *why = "gives no configuration descriptor";
    int err = xhci_control(dev, 0x80, GET_DESCRIPTOR, DESC_CONFIG << 8, 0, 9, &got);
    if (!err && got < 9)
        err = ERR_INVALID;
    if (err)
        return err;
    dma_copy_from_device(dev->hc->dma, &dev->mem, USB_DATA_OFF, desc, 9);
    uint16_t total = get_le16(desc + 2);
    if (desc[1] != DESC_CONFIG || total < 9)
        return ERR_INVALID;
    if (total > USB_CONTROL_MAX)
        total = USB_CONTROL_MAX;
    err = xhci_control(dev, 0x80, GET_DESCRIPTOR, DESC_CONFIG << 8, 0, total, &got);
    if (!err && got < 9)
        err = ERR_INVALID;
    if (!err)
        dma_copy_from_device(dev->hc->dma, &dev->mem, USB_DATA_OFF, desc, got);
    *len = got;
    return err;
}

/* The class of a device no driver takes, for its one line: the device's
 * own, or its first interface's. */
static void class_of(const uint8_t dd[DEVICE_DESC_BYTES], const uint8_t *desc, uint16_t len,
                     uint8_t triple[3])
{
    struct usb_iface any;
    if (dd[4] && dd[4] != 0xef && dd[4] != 0xff)   /* not "per interface", "misc" or vendor's */
        memcpy(triple, dd + 4, 3);
    else if (usb_find_interface(desc, len, USB_ANY, USB_ANY, USB_ANY, &any) == 0)
        triple[0] = any.cls, triple[1] = any.subclass, triple[2] = any.protocol;
    else
        triple[0] = dd[4], triple[1] = dd[5], triple[2] = dd[6];
}

/* The driver for the device's configuration, and the interface it takes. */
static const struct usb_driver *driver_for(const uint8_t *desc, uint16_t len, struct usb_iface *iface,
                                           const char **why)
{
    struct usb_iface any;
    if (usb_find_interface(desc, len, USB_ANY, USB_ANY, USB_ANY, &any) == ERR_INVALID) {
        *why = "gives a malformed configuration descriptor";
        return NULL;
    }
    for (unsigned i = 0; i < sizeof(drivers) / sizeof(drivers[0]); i++) {
        memset(iface, 0, sizeof(*iface));
        if (usb_find_interface(desc, len, drivers[i]->cls, drivers[i]->subclass, drivers[i]->protocol,
                               iface) == 0)
            return drivers[i];
    }
    *why = NULL;
    return NULL;
}

/* Addressed, described, configured and attached: 0; or why not in *why
 * (NULL when it was said already), and whether it is an input device
 * (HID: never a boot device). */
static int bring_up(struct usb_dev *dev, uint8_t *desc, const char **why, bool *input)
{
    uint8_t dd[DEVICE_DESC_BYTES];
    uint16_t len = 0;
    struct usb_iface iface;
    *why = "does not take an address";
    int err = xhci_dev_open(dev);
    if (!err)
        err = read_device(dev, dd, why);
    if (!err)
        err = read_config(dev, desc, &len, why);
    if (err)
        return err;
    const struct usb_driver *drv = driver_for(desc, len, &iface, why);
    uint8_t triple[3];
    class_of(dd, desc, len, triple);
    *input = triple[0] == USB_CLASS_HID;
    if (!drv) {
        if (*why)
            return ERR_INVALID;
        char buf[32];
        log_info("%s: %04x:%04x %s, no driver; skipped\n", dev->name, get_le16(dd + 8), get_le16(dd + 10),
                 usb_class_name(triple[0], triple[1], triple[2], buf, sizeof(buf)));
        return ERR_NOT_FOUND;
    }
    *why = "refuses its configuration";
    if (xhci_control(dev, 0x00, SET_CONFIGURATION, iface.config, 0, 0, NULL))
        return ERR_IO;
    *why = "is not the device found there before";
    if (dev->driver && dev->driver != drv)
        return ERR_INVALID;
    *why = NULL;
    err = drv->attach(dev, &iface);
    if (!err)
        dev->driver = drv;
    return err;
}

void usb_found(struct xhci *c, struct usb_dev *hub, unsigned port, uint8_t speed)
{
    bool fresh;
    struct usb_dev *dev = device_at(c, hub, port, &fresh);
    if (!dev) {
        log_error("%s: no memory for the USB device on port %u; skipped\n", c->name, port);
        return;
    }
    if (dev->skipped)
        return;
    place(dev, c, hub, port, speed);
    uint8_t *desc = malloc(USB_CONTROL_MAX);
    const char *why = "has no memory to be read into";
    bool input = false;
    int err = desc ? bring_up(dev, desc, &why, &input) : ERR_NO_MEMORY;
    free(desc);
    if (!err)
        return;
    if (why)
        log_info("%s: %s; %s\n", dev->name, why, fresh ? "skipped" : "no longer used");
    else if (!fresh)                          /* its driver spoke only the first time */
        log_info("%s: does not come back after its controller restarted; no longer used\n", dev->name);
    if (fresh && !input)
        drivers_count_skipped();              /* it might have been the disk to boot */
    xhci_dev_close(dev);
    dev->skipped = fresh;
}

struct dt_node *usb_device_node(struct usb_dev *dev, const char *name)
{
    if (dev->node)
        return dev->node;
    struct dt_node *parent = dev->parent ? dev->parent->node : dev->hc->pci->node;
    char unit[32];
    sniprintf(unit, sizeof(unit), "%s@%x", name, dev->path_port);
    dev->node = parent ? dt_new_node(parent, unit) : NULL;
    if (dev->node && dt_set_u32(dev->node, "reg", dev->path_port)) {
        dt_delete_node(dev->node);
        dev->node = NULL;
    }
    return dev->node;
}

void usb_enumerate(struct xhci *c)
{
    struct dt_node *node = c->pci->node;
    if (!dt_get(node, "device_type", NULL)) {     /* as SLOF: what the usbN aliases name */
        dt_set_string(node, "device_type", "usb");
        dt_set_u32(node, "#address-cells", 1);
        dt_set_u32(node, "#size-cells", 0);
    }
    unsigned found = 0;
    for (unsigned port = 1; port <= c->ports; port++) {
        uint8_t speed;
        if (xhci_port_enable(c, port, &speed)) {
            usb_found(c, NULL, port, speed);
            found++;
        }
    }
    if (!found && !c->walked)
        log_info("%s: no USB devices on its %u ports\n", c->name, c->ports);
    c->walked = true;
}

void usb_stopped(struct xhci *c)
{
    for (unsigned i = 0; i < c->devs.n; i++) {
        struct usb_dev *dev = c->devs.item[i];
        if (dev->driver && dev->driver->stopped)
            dev->driver->stopped(dev);
    }
}
