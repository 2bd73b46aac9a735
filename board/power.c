/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdint.h>
#include "console.h"
#include "power.h"
#include "rtas.h"

static void __attribute__((noreturn)) halt(void)
{
    for (;;)
        __asm__ volatile("or 1,1,1; or 2,2,2");    /* low, then medium priority */
}

void power_off(void)
{
    uint32_t args[2] = { 0, 0 }, ret;
    rtas_call("power-off", 2, 1, args, &ret);
    console_puts("sluice: RTAS power-off failed; halting\n");
    halt();
}

void power_reset(void)
{
    uint32_t ret;
    rtas_call("system-reboot", 0, 1, NULL, &ret);
    console_puts("sluice: RTAS system-reboot failed; halting\n");
    halt();
}

void power_fail(const char *reason)
{
    uint32_t arg = (uint32_t)(uintptr_t)reason, ret;
    rtas_call("ibm,os-term", 1, 1, &arg, &ret);
    /* os-term does not return under QEMU; if it ever does, stopping the CPU is
     * all that is left (the test harness's timeout still ends the run). */
    console_puts("sluice: RTAS ibm,os-term failed; halting\n");
    halt();
}
