/* SPDX-License-Identifier: BSD-2-Clause */
/* A property value as text for people: strings in quotes, otherwise 32-bit
 * cells, otherwise bytes; long values are cut short with "...". Pure. */
#ifndef PROMPT_FORMAT_H
#define PROMPT_FORMAT_H

#include <stddef.h>
#include <stdint.h>

/* Always NUL-terminates out (size > 0); returns out. */
char *format_prop(const uint8_t *value, size_t len, char *out, size_t size);

#endif
