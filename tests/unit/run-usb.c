/* USB boot keyboards without hardware: the configuration-descriptor walk
 * and the report-to-keys decoding the xHCI driver uses. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "drivers/usb/usb_hid.c"

/* QEMU's usb-kbd: config 1, interface 0 (HID, boot, keyboard), its HID
 * descriptor, endpoint 0x81 interrupt 8 bytes every 7 ms. */
static const uint8_t kbd_config[] = {
    9, 2, 34, 0, 1, 1, 4, 0xa0, 50,
    9, 4, 0, 0, 1, 3, 1, 1, 0,
    9, 0x21, 0x11, 1, 0, 1, 0x22, 63, 0,
    7, 5, 0x81, 3, 8, 0, 7,
};

static void a_boot_keyboard_is_found(void **state)
{
    (void)state;
    struct usb_boot_kbd k;
    assert_int_equal(usb_find_boot_keyboard(kbd_config, sizeof(kbd_config), &k), 0);
    assert_int_equal(k.config, 1);
    assert_int_equal(k.interface, 0);
    assert_int_equal(k.endpoint, 1);
    assert_int_equal(k.max_packet, 8);
    assert_int_equal(k.interval, 7);
}

static void other_devices_and_broken_descriptors_are_not(void **state)
{
    (void)state;
    struct usb_boot_kbd k;
    uint8_t d[sizeof(kbd_config)];
    memcpy(d, kbd_config, sizeof(d));
    d[16] = 2;                                  /* protocol 2: a mouse */
    assert_int_equal(usb_find_boot_keyboard(d, sizeof(d), &k), ERR_NOT_FOUND);
    memcpy(d, kbd_config, sizeof(d));
    d[29] = 0x01;                               /* an OUT endpoint */
    assert_int_equal(usb_find_boot_keyboard(d, sizeof(d), &k), ERR_NOT_FOUND);
    memcpy(d, kbd_config, sizeof(d));
    d[18] = 0;                                  /* a descriptor of length 0 */
    assert_int_equal(usb_find_boot_keyboard(d, sizeof(d), &k), ERR_INVALID);
    memcpy(d, kbd_config, sizeof(d));
    d[27] = 40;                                 /* runs past the end */
    assert_int_equal(usb_find_boot_keyboard(d, sizeof(d), &k), ERR_INVALID);
    assert_int_equal(usb_find_boot_keyboard(d, 1, &k), ERR_NOT_FOUND);
}

static size_t keys(const uint8_t *prev, const uint8_t *now, char *out)
{
    size_t n = usb_kbd_keys(prev, now, out, 8);
    out[n] = 0;
    return n;
}

static void reports_become_keys(void **state)
{
    (void)state;
    char out[9];
    const uint8_t none[8] = { 0 };
    const uint8_t h[8] = { 0, 0, 0x0b };
    const uint8_t hi[8] = { 0, 0, 0x0b, 0x0c };
    const uint8_t shift_1[8] = { 0x02, 0, 0x1e };
    const uint8_t ctrl_c[8] = { 0x10, 0, 0x06 };
    const uint8_t enter_bs[8] = { 0, 0, 0x28, 0x2a };
    const uint8_t arrows[8] = { 0, 0, 0x4f, 0x50, 0x3a };
    const uint8_t rollover[8] = { 0, 0, 1, 1, 1, 1, 1, 1 };
    const uint8_t slash[8] = { 0x20, 0, 0x38, 0x2d };
    assert_int_equal(keys(none, h, out), 1);
    assert_string_equal(out, "h");
    assert_int_equal(keys(h, hi, out), 1);      /* h is still down: only i is new */
    assert_string_equal(out, "i");
    assert_int_equal(keys(hi, none, out), 0);   /* releases type nothing */
    assert_int_equal(keys(none, shift_1, out), 1);
    assert_string_equal(out, "!");
    assert_int_equal(keys(none, ctrl_c, out), 1);
    assert_int_equal(out[0], 3);
    assert_int_equal(keys(none, enter_bs, out), 2);
    assert_string_equal(out, "\r\x7f");
    assert_int_equal(keys(none, arrows, out), 0);
    assert_int_equal(keys(none, rollover, out), 0);
    assert_int_equal(keys(none, slash, out), 2); /* right shift */
    assert_string_equal(out, "?_");
    assert_int_equal(usb_kbd_keys(none, hi, out, 1), 1);  /* never past max */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_boot_keyboard_is_found),
        cmocka_unit_test(other_devices_and_broken_descriptors_are_not),
        cmocka_unit_test(reports_become_keys),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
