/* SPDX-License-Identifier: BSD-2-Clause */
/* The text console on a framebuffer: the real dev/fbcon.c drawing into a
 * host buffer that stands for the framebuffer (mmio_copy copies, and counts
 * the hypercalls it would make). Glyph c here is the byte c on every line,
 * so a cell's first pixel row says which character it shows ('.': none). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "dev/fbcon.c"

#define W 400                       /* 50 columns */
#define H 192                       /* 12 rows */
static uint32_t fbmem[W * H];
static unsigned copies;
#define G(c) { c, c, c, c, c, c, c, c, c, c, c, c, c, c, c, c }
#define G16(b) G(b), G(b + 1), G(b + 2), G(b + 3), G(b + 4), G(b + 5), G(b + 6), G(b + 7), \
    G(b + 8), G(b + 9), G(b + 10), G(b + 11), G(b + 12), G(b + 13), G(b + 14), G(b + 15)
const uint8_t font_8x16[256][16] = {
    G16(0x00), G16(0x10), G16(0x20), G16(0x30), G16(0x40), G16(0x50), G16(0x60), G16(0x70),
    G16(0x80), G16(0x90), G16(0xa0), G16(0xb0), G16(0xc0), G16(0xd0), G16(0xe0), G16(0xf0),
};
static struct console_port *mirror;

void mmio_copy(uint64_t dst, uint64_t src, uint64_t len)
{
    copies++;
    memmove((void *)(uintptr_t)dst, (const void *)(uintptr_t)src, len);
}

void console_add(struct console_port *p)
{
    mirror = p;
}

/* The character a cell shows, from its first pixel line; '.' for blank. */
static char cell(unsigned col, unsigned row)
{
    uint8_t bits = 0;
    for (unsigned x = 0; x < 8; x++)
        if (fbmem[row * 16 * W + col * 8 + x])
            bits |= 0x80 >> x;
    return bits ? (char)bits : '.';
}

static void show(const char *s)
{
    mirror->write(mirror, s, strlen(s));
}

static int setup(void **state)
{
    (void)state;
    memset(fbmem, 0x55, sizeof(fbmem));     /* whatever was on the screen */
    const struct framebuffer fb = { NULL, (uint64_t)(uintptr_t)fbmem, W, H, W * 4 };
    char why[120];
    return fbcon_attach(&fb, why, sizeof(why));
}

static int teardown(void **state)
{
    (void)state;
    free(row_pixels);
    row_pixels = NULL;
    attached = 0;
    return 0;
}

static void text_lines_and_editing(void **state)
{
    (void)state;
    assert_int_equal(cell(0, 0), '.');          /* attach cleared the screen */
    assert_int_equal(cell(49, 11), '.');
    copies = 0;
    show("ab\ncd");
    assert_int_equal(cell(0, 0), 'a');
    assert_int_equal(cell(1, 0), 'b');
    assert_int_equal(cell(0, 1), 'c');
    assert_int_equal(cell(1, 1), 'd');
    assert_true(copies <= 2);                    /* a row at a time */
    show("\b\bxy\rZ");                          /* backspace, carriage return */
    assert_int_equal(cell(0, 1), 'Z');
    assert_int_equal(cell(1, 1), 'y');
    show("\x1b\x01");                           /* control bytes draw nothing */
    assert_int_equal(cell(2, 1), '.');
}

static void long_lines_wrap_and_the_screen_scrolls(void **state)
{
    (void)state;
    char line[60];
    memset(line, 'w', 55);
    line[55] = 0;
    show(line);                                 /* 50 columns, then 5 more */
    assert_int_equal(cell(49, 0), 'w');
    assert_int_equal(cell(4, 1), 'w');
    assert_int_equal(cell(5, 1), '.');
    show("\n");
    for (char c = 'A'; c < 'A' + 11; c++) {     /* rows 2..12: one past the bottom */
        char s[3] = { c, '\n', 0 };
        show(s);
    }
    /* The screen moved up twice: row 0 now holds what row 2 held. */
    assert_int_equal(cell(0, 0), 'A');
    assert_int_equal(cell(0, 9), 'J');
    assert_int_equal(cell(0, 10), 'K');
    assert_int_equal(cell(0, 11), '.');
    show("end");
    assert_int_equal(cell(0, 11), 'e');
}

static void unusable_framebuffers_are_refused(void **state)
{
    teardown(state);
    char why[120];
    const struct framebuffer tiny = { NULL, (uint64_t)(uintptr_t)fbmem, 13, 7, 52 };
    assert_int_equal(fbcon_attach(&tiny, why, sizeof(why)), ERR_INVALID);
    assert_string_equal(why, "13x7 pixels is too small for text: 10 lines of 40 characters of 8x16 "
                             "pixels need 320x160");
    const struct framebuffer odd = { NULL, (uint64_t)(uintptr_t)fbmem, W, H, W * 4 + 4 };
    assert_int_equal(fbcon_attach(&odd, why, sizeof(why)), ERR_INVALID);
    assert_non_null(strstr(why, "not 8-byte aligned"));
    const struct framebuffer fb = { NULL, (uint64_t)(uintptr_t)fbmem, W, H, W * 4 };
    assert_int_equal(fbcon_attach(&fb, why, sizeof(why)), 0);
    assert_int_equal(fbcon_attach(&fb, why, sizeof(why)), ERR_FULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(text_lines_and_editing, setup, teardown),
        cmocka_unit_test_setup_teardown(long_lines_wrap_and_the_screen_scrolls, setup, teardown),
        cmocka_unit_test_setup_teardown(unusable_framebuffers_are_refused, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
