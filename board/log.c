/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdio.h>
#include <string.h>
#include "../lib/text.h"
#include "console.h"
#include "log.h"
#include "power.h"
#include "timebase.h"

enum log_level log_verbosity = LOG_INFO;

/* Text to the console with every byte a terminal could act on escaped
 * (lib/text.h), whatever the arguments held. A log line keeps only its own
 * final newline; free text (log_raw) keeps its newlines. */
static void put_text(const char *s, bool keep_newlines)
{
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        size_t n = 0;
        while (i + n < len && text_safe((unsigned char)s[i + n], false))
            n++;
        console_write(s + i, n);
        i += n;
        if (i == len)
            break;
        unsigned char c = (unsigned char)s[i++];
        char esc[5];
        if (c == '\n' && (keep_newlines || i == len)) {
            console_write("\r\n", 2);
            continue;
        }
        text_escape_char(c, esc);
        console_write(esc, 4);
    }
}

static void emit(const char *prefix, const char *fmt, va_list ap)
{
    char line[512];
    int n = 0;
    if (prefix) {
        uint64_t us = timebase_us();
        n = sniprintf(line, sizeof(line), "[%4lu.%03lu] %s", (unsigned long)(us / 1000000),
                      (unsigned long)(us / 1000 % 1000), prefix);
    }
    vsniprintf(line + n, sizeof(line) - (size_t)n, fmt, ap);
    put_text(line, !prefix);
}

#define LOG_BODY(prefix)            \
    va_list ap;                     \
    va_start(ap, fmt);              \
    emit(prefix, fmt, ap);          \
    va_end(ap)

void log_info(const char *fmt, ...)
{
    if (log_verbosity < LOG_INFO)
        return;
    LOG_BODY("sluice: ");
}

void log_debug(const char *fmt, ...)
{
    if (log_verbosity < LOG_DEBUG)
        return;
    LOG_BODY("sluice: ");
}

void log_error(const char *fmt, ...)
{
    LOG_BODY("sluice: error: ");
}

void log_raw(const char *fmt, ...)
{
    LOG_BODY(NULL);
}

void log_progress(const char *fmt, ...)
{
    char line[160];
    va_list ap;
    if (log_verbosity < LOG_INFO)
        return;
    va_start(ap, fmt);
    vsniprintf(line, sizeof(line), fmt, ap);
    va_end(ap);
    console_write("\r", 1);
    put_text(line, false);
}

void log_progress_end(void)
{
    if (log_verbosity >= LOG_INFO)
        console_write("\r\n", 2);
}

void fatal(const char *fmt, ...)
{
    char reason[256], shown[256];
    va_list ap;
    va_start(ap, fmt);
    vsniprintf(reason, sizeof(reason), fmt, ap);
    va_end(ap);
    str_escape(shown, sizeof(shown), reason, false);
    if (console_mid_line())             /* after a prompt or a client's "Press any key" */
        console_puts("\n");
    console_puts("SLUICE-FATAL: ");
    console_puts(shown);
    console_puts("\n");
    power_fail(shown);
}
