/* A hostile USB device: any configuration descriptor, any boot reports. The
 * keyboard found must be one the descriptor described (an IN endpoint
 * 1-15), and decoding never writes past its buffer or yields a NUL. */
#include <string.h>
#include "fuzz.h"
#include "drivers/usb/usb_hid.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct usb_boot_kbd k;
    uint8_t *desc = malloc(size ? size : 1);    /* exact size: ASan sees overreads */
    memcpy(desc, data, size);
    if (usb_find_boot_keyboard(desc, size, &k) == 0)
        PROMISE(k.endpoint >= 1 && k.endpoint <= 15 && k.max_packet <= 0x7ff);
    free(desc);
    for (size_t off = 0; off + 2 * USB_KBD_REPORT <= size; off += USB_KBD_REPORT) {
        char out[4];
        size_t n = usb_kbd_keys(data + off, data + off + USB_KBD_REPORT, out, sizeof(out));
        PROMISE(n <= sizeof(out));
        for (size_t i = 0; i < n; i++)
            PROMISE(out[i] != 0);
    }
    return 0;
}
