/* SPDX-License-Identifier: BSD-2-Clause */
/* A text console on a linear 32-bit framebuffer: the firmware's log and
 * prompt in 8x16 cells (font from Debian's console-setup, built into
 * build/gen/font.c), scrolling, for a person at a graphical console. A
 * display driver attaches the one framebuffer it programmed. */
#ifndef DEV_FBCON_H
#define DEV_FBCON_H

#include <stddef.h>
#include <stdint.h>
#include "../fdt/tree.h"

struct framebuffer {
    struct dt_node *node;        /* the display's node */
    uint64_t base;               /* its memory, as the CPU addresses it */
    uint32_t width, height;      /* pixels */
    uint32_t pitch;              /* bytes per line (32 bits per pixel) */
};

#define FBCON_CELL_W 8
#define FBCON_CELL_H 16

/* Clear the screen, show the text written so far and mirror the console on
 * it from now on. 0, or why not: ERR_INVALID (smaller than 40x10
 * characters, or the lines not 8-byte aligned), ERR_NO_MEMORY; a second
 * framebuffer gets ERR_FULL. */
int fbcon_attach(const struct framebuffer *fb, char *why, size_t whylen);
/* The attached framebuffer, or NULL. */
const struct framebuffer *fbcon_screen(void);

/* The glyphs, by Latin-1 code point (generated from the Debian font). */
extern const uint8_t font_8x16[256][16];

#endif
