/* Choosing what to boot: -kernel, then each device in boot order (see
 * order.h), with one line for each device tried and why it did not boot. */
#ifndef BOOT_SELECT_H
#define BOOT_SELECT_H

#include <stdbool.h>
#include <stddef.h>
#include "boot.h"

/* Log the order devices will be tried in (called once, after probing). */
void boot_order_announce(void);
/* -kernel, else the devices in order: true with t filled when one boots;
 * false with why summing up what was tried. */
bool boot_find(struct boot_target *t, char *why, size_t whylen);
/* The disk or network device `spec` names (an alias or a path): true when
 * it boots. */
bool boot_named(const char *spec, struct boot_target *t, char *why, size_t whylen);

#endif
