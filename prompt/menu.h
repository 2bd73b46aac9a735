/* SPDX-License-Identifier: BSD-2-Clause */
/* QEMU's boot menu, for a person at a console. */
#ifndef PROMPT_MENU_H
#define PROMPT_MENU_H

/* Show the n entries numbered from 1 and wait up to ms for a choice: the
 * entry picked (1..n); 0 for the usual order (nothing typed in time, or a
 * number that is no entry's); -1 for the prompt (0 typed). */
int prompt_menu(const char *const *entries, unsigned n, unsigned ms);

#endif
