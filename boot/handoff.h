/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef BOOT_HANDOFF_H
#define BOOT_HANDOFF_H

/* The client is taking over the machine (client `quiesce`): give QEMU the
 * final tree and leave the hardware idle. Safe to call more than once. */
void handoff_quiesce(void);

#endif
