/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef BOARD_LIBC_GLUE_H
#define BOARD_LIBC_GLUE_H

#include <stddef.h>

/* Hand malloc its memory; until then every allocation fails. */
void heap_init(void *base, size_t size);

#endif
