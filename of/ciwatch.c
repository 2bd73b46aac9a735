/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include "../board/log.h"
#include "../board/timebase.h"
#include "ciwatch.h"

static unsigned limit_s;
static char client[160];
static bool read_nothing;               /* this call was a console read that found nothing */
static uint64_t waiting_since;          /* 0: not waiting */

void ciwatch_arm(unsigned seconds, const char *name)
{
    limit_s = seconds;
    sniprintf(client, sizeof(client), "%s", name);
    waiting_since = 0;
}

void ciwatch_console_read(size_t got)
{
    read_nothing = got == 0;
    if (got)
        waiting_since = 0;
}

void ciwatch_before_call(void)
{
    read_nothing = false;
}

/* Calls a client makes while it waits for a key, which neither start nor
 * end a wait: what it writes (a prompt, a cursor) and its clock. */
static bool while_waiting(const char *service)
{
    return strcmp(service, "write") == 0 || strcmp(service, "milliseconds") == 0;
}

void ciwatch_after_call(const char *service)
{
    if (!limit_s)
        return;
    uint64_t now = timebase_us();
    if (read_nothing && !waiting_since)
        waiting_since = now ? now : 1;
    else if (!read_nothing && !while_waiting(service))
        waiting_since = 0;
    if (waiting_since && now - waiting_since > (uint64_t)limit_s * 1000000) {
        limit_s = 0;
        fatal("%s waited %u s for console input (ci-input-wait, ci-mode=on)",
              client, (unsigned)((now - waiting_since) / 1000000));
    }
}
