/* SPDX-License-Identifier: BSD-2-Clause */
/* The interactive prompt: help, devices, boot, printenv, setenv, unsetenv,
 * dt, reset, poweroff. Only ever entered when a person may be there (never
 * in CI mode: the boot flow decides). */
#ifndef PROMPT_SHELL_H
#define PROMPT_SHELL_H

#include <stdbool.h>
#include <stddef.h>

/* How the prompt's `boot` command boots: the boot manager's own search, in
 * the usual order (spec NULL) or on the device a spec names. 0 when
 * something was loaded, else a negative ERR_* with the reason in why. */
struct prompt_boot {
    int (*boot)(void *ctx, const char *spec, char *why, size_t whylen);
    void *ctx;
};

/* Runs commands until `boot` loads something, then returns. reset and
 * poweroff do not return. */
void prompt_run(const struct prompt_boot *pb);

/* Says `message`, then waits up to `ms` for a key (taken and dropped):
 * true when one came. */
bool prompt_key_within(unsigned ms, const char *message);

#endif
