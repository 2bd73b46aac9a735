/* SPDX-License-Identifier: BSD-2-Clause */
/* Text on the framebuffer. The screen is written only through
 * mmio_copy (one hypercall each): a character row is drawn in RAM and
 * copied out whole, and scrolling copies the screen up by one row inside
 * the framebuffer. A log line thus costs two or three hypercalls. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../board/console.h"
#include "../board/mmio.h"
#include "../lib/err.h"
#include "fbcon.h"

#define FG 0xaaaaaaaau      /* light grey whatever the byte order; black behind */
#define MIN_COLS 40         /* the least a screen must hold to be worth text */
#define MIN_ROWS 10

static struct framebuffer screen;
static uint32_t *row_pixels;       /* the current character row, FBCON_CELL_H lines */
static unsigned cols, rows, col, row;
static int attached;

const struct framebuffer *fbcon_screen(void)
{
    return attached ? &screen : NULL;
}

static uint64_t row_bytes(void)
{
    return (uint64_t)screen.pitch * FBCON_CELL_H;
}

static void show_row(void)
{
    mmio_copy(screen.base + row * row_bytes(), (uint64_t)(uintptr_t)row_pixels, row_bytes());
}

static void draw_cell(unsigned c, unsigned char ch)
{
    uint32_t stride = screen.pitch / 4;
    for (unsigned y = 0; y < FBCON_CELL_H; y++) {
        uint8_t bits = font_8x16[ch][y];
        uint32_t *px = row_pixels + y * stride + c * FBCON_CELL_W;
        for (unsigned x = 0; x < FBCON_CELL_W; x++)
            px[x] = bits & (0x80 >> x) ? FG : 0;
    }
}

/* The next row: the screen moves up a row when the cursor is on the last. */
static void new_line(void)
{
    show_row();
    memset(row_pixels, 0, row_bytes());
    col = 0;
    if (row + 1 < rows) {
        row++;
        return;
    }
    mmio_copy(screen.base, screen.base + row_bytes(), (rows - 1) * row_bytes());
}

static void fbcon_write(struct console_port *p, const char *s, size_t n)
{
    (void)p;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == '\n') {
            new_line();
        } else if (ch == '\r') {
            col = 0;
        } else if (ch == '\b' || ch == 0x7f) {
            if (col)
                draw_cell(--col, ' ');
        } else if (ch >= 0x20) {
            if (col == cols)
                new_line();
            draw_cell(col++, ch);
        }
    }
    show_row();
}

int fbcon_attach(const struct framebuffer *fb, char *why, size_t whylen)
{
    if (attached) {
        sniprintf(why, whylen, "the text console is on another screen already");
        return ERR_FULL;
    }
    if (fb->width < MIN_COLS * FBCON_CELL_W || fb->height < MIN_ROWS * FBCON_CELL_H) {
        sniprintf(why, whylen, "%lux%lu pixels is too small for text: %u lines of %u characters "
                  "of %ux%u pixels need %ux%u", (unsigned long)fb->width, (unsigned long)fb->height,
                  MIN_ROWS, MIN_COLS, FBCON_CELL_W, FBCON_CELL_H, MIN_COLS * FBCON_CELL_W,
                  MIN_ROWS * FBCON_CELL_H);
        return ERR_INVALID;
    }
    if (fb->pitch < fb->width * 4 || fb->pitch % 8 || fb->base % 8) {
        sniprintf(why, whylen, "its lines (%lu bytes apart, from 0x%lx) are not 8-byte aligned "
                  "32-bit pixels", (unsigned long)fb->pitch, (unsigned long)fb->base);
        return ERR_INVALID;
    }
    screen = *fb;
    row_pixels = calloc(1, row_bytes());
    if (!row_pixels) {
        sniprintf(why, whylen, "no memory for a row of text");
        return ERR_NO_MEMORY;
    }
    cols = fb->width / FBCON_CELL_W;
    rows = fb->height / FBCON_CELL_H;
    col = row = 0;
    for (unsigned r = 0; r < rows; r++)
        mmio_copy(screen.base + r * row_bytes(), (uint64_t)(uintptr_t)row_pixels, row_bytes());
    attached = 1;
    static struct console_port port = { .name = "screen", .kind = CONSOLE_SCREEN, .write = fbcon_write };
    console_add(&port);
    return 0;
}
