/* SPDX-License-Identifier: BSD-2-Clause */
/* CI's bound on a whole boot (the ci-boot-limit setting): from power-on to
 * the OS's quiesce. Whatever waits checks it (a client's calls, console
 * reads, disk and network I/O); past it the VM ends with one SLUICE-FATAL
 * line, so a CI job gets its verdict instead of its own timeout. */
#ifndef BOARD_WATCHDOG_H
#define BOARD_WATCHDOG_H

/* Bound the boot to `seconds` after power-on (0: no bound). */
void watchdog_set(unsigned seconds);
/* What the boot is doing now, for the fatal line ("the firmware" until
 * said otherwise); the text is kept. */
void watchdog_doing(const char *what);
/* Past the bound: the SLUICE-FATAL line, and the VM ends. */
void watchdog_check(void);
/* The OS took over: no bound any more. */
void watchdog_stop(void);

#endif
