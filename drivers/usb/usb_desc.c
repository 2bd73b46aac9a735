/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdbool.h>
#include <stdio.h>
#include "../../lib/err.h"
#include "usb_desc.h"

#define DESC_CONFIG 2
#define DESC_INTERFACE 4
#define DESC_ENDPOINT 5

static bool matches(int want, uint8_t have)
{
    return want == USB_ANY || want == have;
}

int usb_find_interface(const uint8_t *desc, size_t len, int cls, int subclass, int protocol,
                       struct usb_iface *out)
{
    bool inside = false;
    uint8_t config = len >= 6 && desc[1] == DESC_CONFIG ? desc[5] : 0;
    for (size_t off = 0; off + 2 <= len;) {
        uint8_t dlen = desc[off], type = desc[off + 1];
        if (dlen < 2 || dlen > len - off)
            return ERR_INVALID;
        const uint8_t *d = desc + off;
        off += dlen;
        if (type == DESC_INTERFACE && dlen >= 9) {
            if (inside)
                return 0;             /* the interface matched; its endpoints are done */
            inside = matches(cls, d[5]) && matches(subclass, d[6]) && matches(protocol, d[7]);
            if (inside)
                *out = (struct usb_iface){ .config = config, .number = d[2], .cls = d[5],
                                           .subclass = d[6], .protocol = d[7] };
        } else if (type == DESC_ENDPOINT && dlen >= 7 && inside && (d[2] & 0x0f)) {
            uint8_t kind = d[3] & 3;
            struct usb_ep ep = { d[2] & 0x8f, kind, (uint16_t)((d[4] | d[5] << 8) & 0x7ff), d[6] };
            struct usb_ep *slot = kind == USB_EP_INTERRUPT && (d[2] & 0x80) ? &out->intr_in
                                : kind == USB_EP_BULK ? (d[2] & 0x80 ? &out->bulk_in : &out->bulk_out)
                                : NULL;
            if (slot && !slot->addr)
                *slot = ep;
        }
    }
    return inside ? 0 : ERR_NOT_FOUND;
}

const char *usb_class_name(uint8_t cls, uint8_t subclass, uint8_t protocol, char *buf, size_t buflen)
{
    switch (cls) {
    case 0x01: return "audio device";
    case 0x02: return "communication device";
    case USB_CLASS_HID:
        return subclass == 1 && protocol == 1 ? "keyboard" : subclass == 1 && protocol == 2 ? "mouse"
             : "HID device (a tablet or pointer)";
    case 0x07: return "printer";
    case USB_CLASS_STORAGE:
        return subclass == 6 && protocol == 0x50 ? "mass storage (SCSI, bulk-only)"
             : protocol == 0x62 ? "mass storage (UAS)" : "mass storage of another protocol";
    case USB_CLASS_HUB: return "hub";
    case 0x0b: return "smart card reader";
    case 0x0e: return "video device";
    case 0xe0: return "wireless controller";
    default:
        sniprintf(buf, buflen, "class 0x%02x device", cls);
        return buf;
    }
}
