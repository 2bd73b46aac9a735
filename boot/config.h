/* SPDX-License-Identifier: BSD-2-Clause */
/* The boot configuration, read from the settings and QEMU's -boot options. */
#ifndef BOOT_CONFIG_H
#define BOOT_CONFIG_H

#include <stdbool.h>

enum ci_mode {
    CI_AUTO,    /* offer the prompt for a few seconds when nothing boots, then fail */
    CI_ON,      /* never wait, never prompt: fail at once */
    CI_OFF,     /* prompt when nothing boots */
};

struct boot_config {
    enum ci_mode ci;
    unsigned delay_s;           /* wait this long for a key before booting */
    bool auto_boot;             /* false: the prompt first */
    bool fdt_entry;             /* kernel-entry=fdt: -kernel images get a flat tree in r3 */
    bool menu;                  /* QEMU's -boot menu=on: the boot menu for delay_s */
    unsigned input_wait_s;      /* ci-input-wait: a client's longest wait for a key in CI */
    unsigned boot_limit_s;      /* ci-boot-limit: power-on to the OS, at most (0: no bound) */
};

/* Read the configuration from the settings and QEMU's -boot menu=on
 * (qemu,boot-menu: the boot menu, shown for boot-delay seconds, 3 when it
 * is not set), and apply log-level. */
void boot_config_load(struct boot_config *cfg);

#endif
