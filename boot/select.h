/* SPDX-License-Identifier: BSD-2-Clause */
/* Choosing what to boot: -kernel, then each device in boot order (see
 * order.h), with one line for each device tried and why it did not boot. */
#ifndef BOOT_SELECT_H
#define BOOT_SELECT_H

#include <stddef.h>
#include "boot.h"

/* Log the order devices will be tried in (called once, after probing). */
void boot_order_announce(void);
/* -kernel, else the devices in order: 0 with t filled when one boots;
 * ERR_NOT_FOUND with why summing up what was tried. A -kernel that cannot
 * be booted ends the VM. */
int boot_find(struct boot_target *t, char *why, size_t whylen);
/* The disk or network device `spec` names (an alias or a path): 0 when it
 * boots, else a negative ERR_* with the reason in why. */
int boot_named(const char *spec, struct boot_target *t, char *why, size_t whylen);

/* QEMU's boot menu (prompt/menu.h) over the devices in boot order, for
 * up to ms: 0 with t filled when the device picked booted; 1 when nothing
 * was picked (boot in the usual order); -1 for the prompt (asked for, or
 * the device picked did not boot: its line says why). */
int boot_menu(unsigned ms, struct boot_target *t, char *why, size_t whylen);

#endif
