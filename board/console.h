/* The hypervisor virtual terminal (hvterm) used as the firmware console. */
#ifndef BOARD_CONSOLE_H
#define BOARD_CONSOLE_H

#include <stddef.h>
#include <stdint.h>

/* The vty /chosen/stdout-path names in QEMU's flat tree (already checked),
 * else the first hvterm (QEMU names none when it has a graphical console):
 * libvirt puts it at 0x30000000, plain QEMU at 0x71000000 (the default
 * until this is called). */
void console_init(const void *fdt);
#include <stdbool.h>

/* The firmware's text: to the hvterm and, once one is attached, a screen,
 * as console_route says (both by default). Until a screen is attached the
 * hvterm always gets it. */
void console_write(const char *buf, size_t len);
/* Bytes for the hvterm only, as a client asked (/chosen/stdout is the
 * hvterm whatever the screen shows). */
void console_write_serial(const char *buf, size_t len);
/* A screen's writer: it first gets the text written so far. NULL detaches. */
void console_set_mirror(void (*write)(const char *buf, size_t len));
/* A keyboard whose keys console_read returns after the hvterm's; NULL
 * detaches. */
void console_set_keyboard(size_t (*read)(char *buf, size_t len));
/* Where the firmware's text goes (the `output` setting). */
void console_route(bool serial, bool screen);
/* Firmware text: "\n" becomes "\r\n" so terminals show it right. */
void console_puts(const char *s);
/* Up to len bytes that have arrived, without waiting; 0 when none. */
size_t console_read(char *buf, size_t len);

#endif
