/* SPDX-License-Identifier: BSD-2-Clause */
/* USB boot-protocol keyboards, the part that needs no hardware: turning
 * their 8-byte reports into the characters the console reads (US layout).
 * Pure: host-tested and fuzzed. */
#ifndef DRIVERS_USB_HID_H
#define DRIVERS_USB_HID_H

#include <stddef.h>
#include <stdint.h>

#define USB_KBD_REPORT 8

/* The keys pressed in `report` that were not in `prev`, as characters in
 * out (at most max): letters, digits and punctuation with Shift, Enter as
 * '\r', Backspace as DEL, Tab, Escape, Ctrl+letter as its control code;
 * other keys (arrows, function keys) give nothing. A report that says the
 * keyboard lost track (rollover) gives nothing. Returns the count. */
size_t usb_kbd_keys(const uint8_t prev[USB_KBD_REPORT], const uint8_t report[USB_KBD_REPORT],
                    char *out, size_t max);

#endif
