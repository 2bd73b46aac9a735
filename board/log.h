/* SPDX-License-Identifier: BSD-2-Clause */
/* Firmware messages: one line each, stamped with time since power-on. */
#ifndef BOARD_LOG_H
#define BOARD_LOG_H

#include <stdarg.h>

enum log_level { LOG_QUIET, LOG_INFO, LOG_DEBUG };
extern enum log_level log_verbosity;

void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_debug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Errors are always shown. */
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Unstamped text, e.g. a register dump continuing a line already logged. */
void log_raw(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A progress line rewritten in place ("\r..."), and its final newline. */
void log_progress(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_progress_end(void);

/* The one way the firmware gives up: a single "SLUICE-FATAL: <reason>" line,
 * then the VM is ended with a failure code (RTAS ibm,os-term). */
void fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

#endif
