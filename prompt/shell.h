/* The interactive prompt: help, devices, boot, printenv, setenv, unsetenv,
 * dt, reset, poweroff. Only ever entered when a person may be there (never
 * in CI mode: the boot flow decides). */
#ifndef PROMPT_SHELL_H
#define PROMPT_SHELL_H

#include <stdbool.h>
#include "../boot/boot.h"

/* Runs commands until `boot` finds something: then t is filled and it
 * returns. reset and poweroff do not return. */
void prompt_run(struct boot_target *t);

/* Says `message`, then waits up to `ms` for a key (taken and dropped):
 * true when one came. */
bool prompt_key_within(unsigned ms, const char *message);

#endif
