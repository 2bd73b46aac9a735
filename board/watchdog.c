/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdio.h>
#include "log.h"
#include "timebase.h"
#include "watchdog.h"

static uint64_t limit_us;               /* 0: no bound */
static unsigned limit_s;
static char doing[160] = "the firmware";

void watchdog_set(unsigned seconds)
{
    limit_s = seconds;
    limit_us = (uint64_t)seconds * 1000000;
}

void watchdog_doing(const char *what)
{
    sniprintf(doing, sizeof(doing), "%s", what);
}

void watchdog_check(void)
{
    if (limit_us && timebase_us() > limit_us) {
        limit_us = 0;                   /* fatal() prints; it must not come back here */
        fatal("no OS within %u s of power-on (ci-boot-limit=%u): still in %s", limit_s, limit_s, doing);
    }
}

void watchdog_stop(void)
{
    limit_us = 0;
}
