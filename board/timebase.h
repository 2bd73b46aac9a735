/* SPDX-License-Identifier: BSD-2-Clause */
/* The timebase: the firmware's only clock. QEMU starts it at 0 with the VM, so
 * it doubles as "time since power-on" for log lines. */
#ifndef BOARD_TIMEBASE_H
#define BOARD_TIMEBASE_H

#include <stdint.h>

void timebase_init(uint32_t freq_hz);
uint64_t timebase_read(void);
uint64_t timebase_us(void);      /* microseconds since power-on */
uint32_t milliseconds(void);     /* the client interface's clock */
void udelay(uint64_t us);

#endif
