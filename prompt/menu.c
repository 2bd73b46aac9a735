/* SPDX-License-Identifier: BSD-2-Clause */
/* QEMU's boot menu (-boot menu=on): the boot devices listed with numbers,
 * one picked by typing its number (and Enter, unless one digit says it
 * already) on any console. Nothing typed within the time given means the
 * usual order; once someone types, the menu waits for them. */
#include <stdio.h>
#include "../board/console.h"
#include "../board/log.h"
#include "../board/timebase.h"
#include "../board/watchdog.h"
#include "menu.h"

int prompt_menu(const char *const *entries, unsigned n, unsigned ms)
{
    char c;
    unsigned pick = 0, digits = 0;
    log_raw("Boot menu: type a number and Enter within %u s, or nothing for the usual order:\n",
            (ms + 999) / 1000);
    for (unsigned i = 0; i < n; i++)
        log_raw("  %u. %s\n", i + 1, entries[i]);
    log_raw("  0. the prompt\n");
    uint64_t end = timebase_us() + (uint64_t)ms * 1000;
    while (digits || timebase_us() < end) {
        if (!console_read(&c, 1)) {
            watchdog_check();
            continue;
        }
        if (c >= '0' && c <= '9' && digits < 6) {
            console_write(&c, 1);
            pick = pick * 10 + (unsigned)(c - '0');
            digits++;
            if (digits == 1 && n < 10 && pick <= n)
                break;                   /* one digit says it all */
        } else if ((c == '\b' || c == 0x7f) && digits) {
            console_write("\b \b", 3);
            pick /= 10;
            digits--;
        } else if ((c == '\r' || c == '\n') && digits) {
            break;
        }
    }
    if (digits)
        console_write("\r\n", 2);
    if (!digits)
        return 0;
    if (pick > n) {
        log_raw("no entry %u; the usual order\n", pick);
        return 0;
    }
    return pick ? (int)pick : -1;
}
