/* SPDX-License-Identifier: BSD-2-Clause */
/* A hostile USB device: any configuration descriptor, any status wrapper,
 * any boot reports. An interface found is one the descriptor described,
 * with endpoints numbered 1-15 of the kind asked for; a status wrapper
 * accepted has a status the protocol has and no more left over than was
 * asked; decoding reports never writes past its buffer or yields a NUL. */
#include <string.h>
#include "fuzz.h"
#include "drivers/usb/usb_desc.c"
#include "drivers/usb/usb_bot.c"
#include "drivers/usb/usb_hid.c"

static void check_endpoint(const struct usb_ep *ep, uint8_t type, int in)
{
    if (!ep->addr)
        return;
    PROMISE((ep->addr & 0x0f) >= 1 && (ep->addr & 0x70) == 0 && ep->max_packet <= 0x7ff);
    PROMISE(ep->type == type && (in < 0 || (ep->addr >> 7) == in));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const int wanted[][3] = { { USB_ANY, USB_ANY, USB_ANY }, { USB_CLASS_HID, 1, 1 },
                                     { USB_CLASS_STORAGE, 6, 0x50 }, { USB_CLASS_HUB, USB_ANY, USB_ANY } };
    uint8_t *desc = malloc(size ? size : 1);    /* exact size: ASan sees overreads */
    memcpy(desc, data, size);
    for (unsigned w = 0; w < sizeof(wanted) / sizeof(wanted[0]); w++) {
        struct usb_iface i;
        memset(&i, 0, sizeof(i));
        if (usb_find_interface(desc, size, wanted[w][0], wanted[w][1], wanted[w][2], &i) != 0)
            continue;
        PROMISE(wanted[w][0] == USB_ANY || i.cls == wanted[w][0]);
        check_endpoint(&i.intr_in, USB_EP_INTERRUPT, 1);
        check_endpoint(&i.bulk_in, USB_EP_BULK, 1);
        check_endpoint(&i.bulk_out, USB_EP_BULK, 0);
        char buf[32];
        PROMISE(strlen(usb_class_name(i.cls, i.subclass, i.protocol, buf, sizeof(buf))) > 0);
    }
    free(desc);
    if (size >= 12) {                        /* asked, then the wrapper (its tag the one expected) */
        uint8_t status;
        uint32_t residue, asked = get_le32(data);
        if (usb_bot_csw(data + 4, size - 4 < 13 ? size - 4 : 13, get_le32(data + 8), asked, &status,
                        &residue) == 0)
            PROMISE(status <= USB_CSW_PHASE && residue <= asked);
    }
    for (size_t off = 0; off + 2 * USB_KBD_REPORT <= size; off += USB_KBD_REPORT) {
        char out[4];
        size_t n = usb_kbd_keys(data + off, data + off + USB_KBD_REPORT, out, sizeof(out));
        PROMISE(n <= sizeof(out));
        for (size_t i = 0; i < n; i++)
            PROMISE(out[i] != 0);
    }
    return 0;
}
