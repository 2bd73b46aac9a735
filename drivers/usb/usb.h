/* SPDX-License-Identifier: BSD-2-Clause */
/* The USB core: every device on a controller's root ports and behind its
 * hubs is addressed, its descriptors read, and handed to the class driver
 * for its interface (hub, keyboard, mass storage), or passed over with one
 * line. Class drivers see a struct usb_dev and the xHCI transfer calls,
 * never the controller's rings. */
#ifndef DRIVERS_USB_H
#define DRIVERS_USB_H

#include <stdbool.h>
#include "usb_desc.h"
#include "xhci.h"

#define USB_HUB_DEPTH_MAX 5          /* tiers of hubs a route string holds */

struct usb_driver {
    const char *what;                /* for the log: "hub", "keyboard" */
    int cls, subclass, protocol;     /* the interface it takes (USB_ANY: any) */
    /* Take the device, configured, through its interface: the first time
     * (dev->cls NULL), or again after the controller restarted (its slot
     * is new, its endpoints must be added again). 0, or ERR_* with one line
     * logged; the device is then left alone. */
    int (*attach)(struct usb_dev *dev, const struct usb_iface *iface);
    /* The controller stops: no more transfers until attach comes again. */
    void (*stopped)(struct usb_dev *dev);
};

extern const struct usb_driver usb_hub_driver, usb_kbd_driver, usb_msd_driver;

/* The device on a hub's port, reset and enabled at `speed`: addressed and
 * handed to its class driver (called by the hub driver). */
void usb_found(struct xhci *c, struct usb_dev *hub, unsigned port, uint8_t speed);
/* The node a class driver gives its device, "name@<port>" under its hub's
 * or the controller's node, kept across restarts. NULL when out of memory. */
struct dt_node *usb_device_node(struct usb_dev *dev, const char *name);

/* Standard requests. */
int usb_clear_halt(struct usb_dev *dev, uint8_t endpoint);

#endif
