/* SPDX-License-Identifier: BSD-2-Clause */
#include "usb_hid.h"

/* HID usages 0x1e-0x38 (digits and punctuation), unshifted and shifted. */
static const char keymap[2][28] = {
    "1234567890\r\x1b\x7f\t -=[]\\#;'`,./",
    "!@#$%^&*()\r\x1b\x7f\t _+{}|~:\"~<>?",
};

#define USAGE_A 0x04
#define USAGE_Z 0x1d
#define USAGE_1 0x1e
#define USAGE_SLASH 0x38
#define USAGE_ROLLOVER 0x01
#define MOD_CTRL 0x11
#define MOD_SHIFT 0x22

static int was_down(const uint8_t prev[USB_KBD_REPORT], uint8_t usage)
{
    for (int i = 2; i < USB_KBD_REPORT; i++)
        if (prev[i] == usage)
            return 1;
    return 0;
}

size_t usb_kbd_keys(const uint8_t prev[USB_KBD_REPORT], const uint8_t report[USB_KBD_REPORT],
                    char *out, size_t max)
{
    size_t n = 0;
    int shift = report[0] & MOD_SHIFT, ctrl = report[0] & MOD_CTRL;
    if (report[2] == USAGE_ROLLOVER)
        return 0;
    for (int i = 2; i < USB_KBD_REPORT && n < max; i++) {
        uint8_t u = report[i];
        if (u == 0 || was_down(prev, u))
            continue;
        if (u >= USAGE_A && u <= USAGE_Z) {
            char c = (char)('a' + (u - USAGE_A));
            out[n++] = ctrl ? (char)(c & 0x1f) : shift ? (char)(c - 'a' + 'A') : c;
        } else if (u >= USAGE_1 && u <= USAGE_SLASH) {
            out[n++] = keymap[shift != 0][u - USAGE_1];
        }
    }
    return n;
}
