/* The hypervisor virtual terminal (hvterm) used as the firmware console. */
#ifndef BOARD_CONSOLE_H
#define BOARD_CONSOLE_H

#include <stddef.h>
#include <stdint.h>

/* The vty /chosen/stdout-path names in QEMU's flat tree (already checked):
 * libvirt puts it at 0x30000000, plain QEMU at 0x71000000 (the default
 * until this is called). */
void console_init(const void *fdt);
/* Raw bytes, as a client asked. */
void console_write(const char *buf, size_t len);
/* Firmware text: "\n" becomes "\r\n" so terminals show it right. */
void console_puts(const char *s);
/* Up to len bytes that have arrived, without waiting; 0 when none. */
size_t console_read(char *buf, size_t len);

#endif
