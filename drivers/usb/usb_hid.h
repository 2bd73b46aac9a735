/* USB boot-protocol keyboards, the parts that need no hardware: finding one
 * in a configuration descriptor, and turning its 8-byte reports into the
 * characters the console reads (US layout). Pure: host-tested and fuzzed. */
#ifndef DRIVERS_USB_HID_H
#define DRIVERS_USB_HID_H

#include <stddef.h>
#include <stdint.h>

struct usb_boot_kbd {
    uint8_t config;              /* bConfigurationValue */
    uint8_t interface;           /* bInterfaceNumber */
    uint8_t endpoint;            /* its interrupt IN endpoint number (1-15) */
    uint16_t max_packet;
    uint8_t interval;            /* bInterval, as the device gave it */
};

/* The first HID interface with the boot subclass and keyboard protocol and
 * an interrupt IN endpoint in a configuration descriptor of len bytes: 0,
 * or ERR_NOT_FOUND (none), ERR_INVALID (a descriptor runs past the end or
 * says it is shorter than two bytes). */
int usb_find_boot_keyboard(const uint8_t *desc, size_t len, struct usb_boot_kbd *out);

#define USB_KBD_REPORT 8

/* The keys pressed in `report` that were not in `prev`, as characters in
 * out (at most max): letters, digits and punctuation with Shift, Enter as
 * '\r', Backspace as DEL, Tab, Escape, Ctrl+letter as its control code;
 * other keys (arrows, function keys) give nothing. A report that says the
 * keyboard lost track (rollover) gives nothing. Returns the count. */
size_t usb_kbd_keys(const uint8_t prev[USB_KBD_REPORT], const uint8_t report[USB_KBD_REPORT],
                    char *out, size_t max);

#endif
