/* SPDX-License-Identifier: BSD-2-Clause */
/* The firmware's consoles: the hypervisor virtual terminal (hvterm), known
 * from the start, and the ones drivers attach later (a virtio console, a
 * screen, USB keyboards). Text goes to every output console the `output`
 * setting routes it to; keys come from every input console `input` allows. */
#ifndef BOARD_CONSOLE_H
#define BOARD_CONSOLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum console_kind {
    CONSOLE_HVTERM,               /* spapr-vty: hvterm1 */
    CONSOLE_VIRTIO,               /* a virtio console's first port */
    CONSOLE_SCREEN,               /* a display's text console */
    CONSOLE_KEYBOARD,             /* a USB keyboard (input only) */
    CONSOLE_KINDS
};
#define CONSOLE_ALL ((1u << CONSOLE_KINDS) - 1)

struct dt_node;

/* A console a driver attaches; write or read may be NULL (output or input
 * only). The driver keeps it; console_remove before it goes away. */
struct console_port {
    const char *name;
    enum console_kind kind;
    struct dt_node *node;         /* its device, for clients to open; or NULL */
    void (*write)(struct console_port *p, const char *buf, size_t len);
    size_t (*read)(struct console_port *p, char *buf, size_t len);
    struct console_port *next;    /* the console's own */
};

/* The vty /chosen/stdout-path names in QEMU's flat tree (already checked),
 * else the first hvterm (QEMU names none when it has a graphical console):
 * libvirt puts it at 0x30000000, plain QEMU at 0x71000000 (the default
 * until this is called). Without one, the hvterm is no console at all. */
void console_init(const void *fdt);
/* Whether the machine has an hvterm. */
bool console_has_hvterm(void);

/* Attach a console: an output one first gets the text written so far (the
 * first few KiB), so it starts with the banner. */
void console_add(struct console_port *p);
void console_remove(struct console_port *p);
/* The first attached console of a kind, or NULL. */
struct console_port *console_find(enum console_kind kind);
/* Which kinds get the firmware's text and give keys (bit 1 << kind each):
 * the output and input settings. Text goes to every text console when no
 * attached one is routed, so that it is never lost. */
void console_route(unsigned output, unsigned input);

/* The firmware's text, as routed. */
void console_write(const char *buf, size_t len);
/* Bytes for the hvterm only, as a client asked (/chosen/stdout). */
void console_write_serial(const char *buf, size_t len);
/* Whether the last text written (by the firmware or a client) left its
 * line unfinished: a line that must stand alone starts a new one then. */
bool console_mid_line(void);
/* Firmware text: "\n" becomes "\r\n" so terminals show it right. */
void console_puts(const char *s);
/* Up to len bytes that have arrived on any input console, without
 * waiting; 0 when none. */
size_t console_read(char *buf, size_t len);

#endif
