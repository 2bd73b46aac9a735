/* SPDX-License-Identifier: BSD-2-Clause */
/* CI's guard on a client waiting for console input nobody will type (a
 * GRUB that prints "Press any key to continue..."): with ci-mode=on, a
 * client whose calls, for longer than ci-input-wait seconds, are only
 * console reads that find nothing (and writes, and clock reads) ends the
 * VM with one SLUICE-FATAL line. The boot arms it before entering the
 * client; the client interface and the console package report to it. */
#ifndef OF_CIWATCH_H
#define OF_CIWATCH_H

#include <stddef.h>

/* Arm the guard: waits of more than `seconds` (0: none) end the VM; the
 * client is named as `client` in the line (the text is kept). */
void ciwatch_arm(unsigned seconds, const char *client);
/* A console read by the client: how many bytes it found. */
void ciwatch_console_read(size_t got);
/* Around each client call. */
void ciwatch_before_call(void);
void ciwatch_after_call(const char *service);

#endif
