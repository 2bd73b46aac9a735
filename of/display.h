/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef OF_DISPLAY_H
#define OF_DISPLAY_H

/* Bind the display package to the text console's screen, if there is one,
 * and alias it as "screen". */
void of_display_bind(void);

#endif
