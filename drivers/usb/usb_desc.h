/* SPDX-License-Identifier: BSD-2-Clause */
/* USB descriptors from an untrusted device: finding the interface a class
 * driver wants in a configuration descriptor, with its endpoints, and
 * naming what a device is. Pure: host-tested and fuzzed. */
#ifndef DRIVERS_USB_DESC_H
#define DRIVERS_USB_DESC_H

#include <stddef.h>
#include <stdint.h>

#define USB_CLASS_HID 3
#define USB_CLASS_STORAGE 8
#define USB_CLASS_HUB 9
#define USB_ANY -1

#define USB_EP_BULK 2
#define USB_EP_INTERRUPT 3

struct usb_ep {
    uint8_t addr;                /* endpoint number (1-15) with 0x80 for IN; 0: none */
    uint8_t type;                /* USB_EP_BULK or USB_EP_INTERRUPT */
    uint16_t max_packet;
    uint8_t interval;            /* bInterval, as the device gave it */
};

struct usb_iface {
    uint8_t config;              /* bConfigurationValue */
    uint8_t number;              /* bInterfaceNumber */
    uint8_t cls, subclass, protocol;
    struct usb_ep intr_in, bulk_in, bulk_out;   /* the first of each kind */
};

/* The first interface of a configuration descriptor of len bytes whose
 * class, subclass and protocol match (USB_ANY matches any), with its
 * endpoints: 0, or ERR_NOT_FOUND (none), ERR_INVALID (a descriptor runs
 * past the end or says it is shorter than two bytes). */
int usb_find_interface(const uint8_t *desc, size_t len, int cls, int subclass, int protocol,
                       struct usb_iface *out);
/* What a class triple is, for the log: "keyboard", "mouse", "mass storage
 * (SCSI, bulk-only)", "hub", "audio", ...; "class 0x%02x" for others. */
const char *usb_class_name(uint8_t cls, uint8_t subclass, uint8_t protocol, char *buf, size_t buflen);

#endif
