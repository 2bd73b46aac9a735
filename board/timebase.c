/* SPDX-License-Identifier: BSD-2-Clause */
#include "timebase.h"

static uint64_t tb_per_us = 512;    /* QEMU's TCG frequency until the tree says */

void timebase_init(uint32_t freq_hz)
{
    if (freq_hz >= 1000000)
        tb_per_us = freq_hz / 1000000;
}

uint64_t timebase_read(void)
{
    uint64_t tb;
    __asm__ volatile("mftb %0" : "=r"(tb));
    return tb;
}

uint64_t timebase_us(void)
{
    return timebase_read() / tb_per_us;
}

uint32_t milliseconds(void)
{
    return (uint32_t)(timebase_us() / 1000);
}

void udelay(uint64_t us)
{
    uint64_t end = timebase_read() + us * tb_per_us;
    while (timebase_read() < end)
        ;
}
