/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef NVRAM_SETUP_H
#define NVRAM_SETUP_H

/* Give a blank NVRAM a partition layout; log what was found; hand the
 * "system" partition (QEMU's -prom-env settings) to the settings module. */
void nvram_setup(void);

#endif
