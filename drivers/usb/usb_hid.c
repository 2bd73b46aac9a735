#include "../../lib/err.h"
#include "usb_hid.h"

#define DESC_INTERFACE 4
#define DESC_ENDPOINT 5
#define CLASS_HID 3
#define SUBCLASS_BOOT 1
#define PROTOCOL_KEYBOARD 1

int usb_find_boot_keyboard(const uint8_t *desc, size_t len, struct usb_boot_kbd *out)
{
    int in_keyboard = 0;
    uint8_t config = len >= 6 ? desc[5] : 0;
    for (size_t off = 0; off + 2 <= len;) {
        uint8_t dlen = desc[off], type = desc[off + 1];
        if (dlen < 2 || dlen > len - off)
            return ERR_INVALID;
        const uint8_t *d = desc + off;
        if (type == DESC_INTERFACE && dlen >= 9) {
            in_keyboard = d[5] == CLASS_HID && d[6] == SUBCLASS_BOOT && d[7] == PROTOCOL_KEYBOARD;
            out->interface = d[2];
        } else if (type == DESC_ENDPOINT && dlen >= 7 && in_keyboard &&
                   (d[2] & 0x80) && (d[2] & 0x0f) && (d[3] & 3) == 3) {
            out->config = config;
            out->endpoint = d[2] & 0x0f;
            out->max_packet = (uint16_t)((d[4] | d[5] << 8) & 0x7ff);
            out->interval = d[6];
            return 0;
        }
        off += dlen;
    }
    return ERR_NOT_FOUND;
}

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
