/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef BOARD_POWER_H
#define BOARD_POWER_H

/* Ends the VM successfully (QEMU exits 0). */
void power_off(void) __attribute__((noreturn));
/* Restarts the VM (RTAS system-reboot; QEMU -no-reboot turns it into an exit). */
void power_reset(void) __attribute__((noreturn));
/* Ends the VM as a failure: RTAS ibm,os-term is a guest panic, which QEMU
 * run with -action panic=exit-failure turns into a non-zero exit. */
void power_fail(const char *reason) __attribute__((noreturn));

#endif
