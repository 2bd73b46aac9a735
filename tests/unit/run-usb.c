/* SPDX-License-Identifier: BSD-2-Clause */
/* USB without hardware: the configuration-descriptor walk the USB core
 * and class drivers use, the names of what no driver takes, the bulk-only
 * transport's wrappers, and the report-to-keys decoding. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "drivers/usb/usb_desc.c"
#include "drivers/usb/usb_bot.c"
#include "drivers/usb/usb_hid.c"

/* QEMU's usb-kbd: config 1, interface 0 (HID, boot, keyboard), its HID
 * descriptor, endpoint 0x81 interrupt 8 bytes every 7 ms. */
static const uint8_t kbd_config[] = {
    9, 2, 34, 0, 1, 1, 4, 0xa0, 50,
    9, 4, 0, 0, 1, 3, 1, 1, 0,
    9, 0x21, 0x11, 1, 0, 1, 0x22, 63, 0,
    7, 5, 0x81, 3, 8, 0, 7,
};

/* A stick: mass storage, SCSI, bulk-only, bulk IN 0x81 and OUT 0x02 of
 * 512 bytes. */
static const uint8_t stick_config[] = {
    9, 2, 32, 0, 1, 1, 0, 0x80, 50,
    9, 4, 0, 0, 2, 8, 6, 0x50, 0,
    7, 5, 0x81, 2, 0x00, 2, 0,
    7, 5, 0x02, 2, 0x00, 2, 0,
};

/* A composite device: a mouse on interface 0, a keyboard on interface 1. */
static const uint8_t combo_config[] = {
    9, 2, 50, 0, 2, 3, 0, 0xa0, 50,
    9, 4, 0, 0, 1, 3, 1, 2, 0,
    7, 5, 0x81, 3, 4, 0, 10,
    9, 4, 1, 0, 1, 3, 1, 1, 0,
    9, 0x21, 0x11, 1, 0, 1, 0x22, 63, 0,
    7, 5, 0x82, 3, 8, 0, 7,
};

static void a_boot_keyboard_is_found(void **state)
{
    (void)state;
    struct usb_iface i;
    assert_int_equal(usb_find_interface(kbd_config, sizeof(kbd_config), USB_CLASS_HID, 1, 1, &i), 0);
    assert_int_equal(i.config, 1);
    assert_int_equal(i.number, 0);
    assert_int_equal(i.intr_in.addr, 0x81);
    assert_int_equal(i.intr_in.type, USB_EP_INTERRUPT);
    assert_int_equal(i.intr_in.max_packet, 8);
    assert_int_equal(i.intr_in.interval, 7);
    assert_int_equal(i.bulk_in.addr, 0);
}

static void a_stick_has_its_bulk_endpoints(void **state)
{
    (void)state;
    struct usb_iface i;
    assert_int_equal(usb_find_interface(stick_config, sizeof(stick_config), USB_CLASS_STORAGE, 6, 0x50, &i), 0);
    assert_int_equal(i.bulk_in.addr, 0x81);
    assert_int_equal(i.bulk_in.max_packet, 512);
    assert_int_equal(i.bulk_out.addr, 0x02);
    assert_int_equal(i.bulk_out.type, USB_EP_BULK);
    assert_int_equal(i.intr_in.addr, 0);
}

/* The keyboard of a composite device is its second interface, with that
 * interface's endpoint, not the mouse's. */
static void the_matching_interface_brings_its_own_endpoints(void **state)
{
    (void)state;
    struct usb_iface i;
    assert_int_equal(usb_find_interface(combo_config, sizeof(combo_config), USB_CLASS_HID, 1, 1, &i), 0);
    assert_int_equal(i.number, 1);
    assert_int_equal(i.intr_in.addr, 0x82);
    assert_int_equal(usb_find_interface(combo_config, sizeof(combo_config), USB_ANY, USB_ANY, USB_ANY, &i), 0);
    assert_int_equal(i.number, 0);
    assert_int_equal(i.protocol, 2);
}

static void other_devices_and_broken_descriptors_are_not(void **state)
{
    (void)state;
    struct usb_iface i;
    uint8_t d[sizeof(kbd_config)];
    memcpy(d, kbd_config, sizeof(d));
    d[16] = 2;                                  /* protocol 2: a mouse */
    assert_int_equal(usb_find_interface(d, sizeof(d), USB_CLASS_HID, 1, 1, &i), ERR_NOT_FOUND);
    memcpy(d, kbd_config, sizeof(d));
    d[18] = 0;                                  /* a descriptor of length 0 */
    assert_int_equal(usb_find_interface(d, sizeof(d), USB_CLASS_HID, 1, 1, &i), ERR_INVALID);
    memcpy(d, kbd_config, sizeof(d));
    d[27] = 40;                                 /* runs past the end */
    assert_int_equal(usb_find_interface(d, sizeof(d), USB_CLASS_HID, 1, 1, &i), ERR_INVALID);
    assert_int_equal(usb_find_interface(d, 1, USB_CLASS_HID, 1, 1, &i), ERR_NOT_FOUND);
    memcpy(d, kbd_config, sizeof(d));
    d[29] = 0x80;                               /* endpoint 0: not one a device can have */
    assert_int_equal(usb_find_interface(d, sizeof(d), USB_CLASS_HID, 1, 1, &i), 0);
    assert_int_equal(i.intr_in.addr, 0);
}

static void what_no_driver_takes_is_named(void **state)
{
    (void)state;
    char buf[32];
    assert_string_equal(usb_class_name(3, 1, 1, buf, sizeof(buf)), "keyboard");
    assert_string_equal(usb_class_name(3, 0, 0, buf, sizeof(buf)), "HID device (a tablet or pointer)");
    assert_string_equal(usb_class_name(8, 6, 0x62, buf, sizeof(buf)), "mass storage (UAS)");
    assert_string_equal(usb_class_name(8, 4, 0, buf, sizeof(buf)), "mass storage of another protocol");
    assert_string_equal(usb_class_name(0xfe, 1, 1, buf, sizeof(buf)), "class 0xfe device");
}

static void command_and_status_wrappers(void **state)
{
    (void)state;
    const uint8_t read10[10] = { 0x28, 0, 0, 0, 0, 7, 0, 0, 1, 0 };
    uint8_t cbw[USB_CBW_BYTES], csw[USB_CSW_BYTES] = { 'U', 'S', 'B', 'S', 9, 0, 0, 0, 0, 2, 0, 0, 0 };
    uint8_t status;
    uint32_t residue;
    usb_bot_cbw(cbw, 9, 512, true, 3, read10, sizeof(read10));
    assert_memory_equal(cbw, "USBC", 4);
    assert_int_equal(get_le32(cbw + 4), 9);
    assert_int_equal(get_le32(cbw + 8), 512);
    assert_int_equal(cbw[12], 0x80);
    assert_int_equal(cbw[13], 3);
    assert_int_equal(cbw[14], 10);
    assert_memory_equal(cbw + 15, read10, 10);
    assert_int_equal(usb_bot_csw(csw, 13, 9, 1024, &status, &residue), 0);
    assert_int_equal(status, USB_CSW_GOOD);
    assert_int_equal(residue, 512);
    assert_int_equal(usb_bot_csw(csw, 12, 9, 1024, &status, &residue), BOT_ERR_SIZE);
    assert_int_equal(usb_bot_csw(csw, 13, 8, 1024, &status, &residue), BOT_ERR_TAG);
    assert_int_equal(usb_bot_csw(csw, 13, 9, 511, &status, &residue), BOT_ERR_RESIDUE);
    csw[12] = 3;
    assert_int_equal(usb_bot_csw(csw, 13, 9, 1024, &status, &residue), BOT_ERR_STATUS);
    csw[3] = 'C';
    assert_int_equal(usb_bot_csw(csw, 13, 9, 1024, &status, &residue), BOT_ERR_SIGNATURE);
    assert_string_equal(usb_bot_strerror(BOT_ERR_TAG), "a status wrapper for another command");
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
        cmocka_unit_test(a_stick_has_its_bulk_endpoints),
        cmocka_unit_test(the_matching_interface_brings_its_own_endpoints),
        cmocka_unit_test(other_devices_and_broken_descriptors_are_not),
        cmocka_unit_test(what_no_driver_takes_is_named),
        cmocka_unit_test(command_and_status_wrappers),
        cmocka_unit_test(reports_become_keys),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
