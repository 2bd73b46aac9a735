#include <stdio.h>
#include <string.h>
#include "console.h"
#include "log.h"
#include "power.h"
#include "timebase.h"

enum log_level log_verbosity = LOG_INFO;

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
    console_puts(line);
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
    line[0] = '\r';
    va_start(ap, fmt);
    vsniprintf(line + 1, sizeof(line) - 1, fmt, ap);
    va_end(ap);
    console_write(line, strlen(line));
}

void log_progress_end(void)
{
    if (log_verbosity >= LOG_INFO)
        console_write("\r\n", 2);
}

void fatal(const char *fmt, ...)
{
    char reason[256];
    va_list ap;
    va_start(ap, fmt);
    vsniprintf(reason, sizeof(reason), fmt, ap);
    va_end(ap);
    console_puts("SLUICE-FATAL: ");
    console_puts(reason);
    console_puts("\n");
    power_fail(reason);
}
