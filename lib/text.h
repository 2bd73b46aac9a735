/* SPDX-License-Identifier: BSD-2-Clause */
/* Text for the console and CI logs. Strings that come from a disk, the
 * network, NVRAM or a client are printed escaped, so that none can end a
 * log line early, forge a "SLUICE-FATAL:" line or send a terminal escape
 * sequence. The log (board/log.c) escapes everything it prints this way;
 * str_escape is for text kept in a buffer. */
#ifndef LIB_TEXT_H
#define LIB_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Printable ASCII (and '\n' when keep_newline): shown as it is. Anything
 * else, control characters, DEL and bytes from 0x80 up (C1 controls such
 * as CSI, or broken UTF-8), is written as \xNN. */
static inline bool text_safe(unsigned char c, bool keep_newline)
{
    return (c >= 0x20 && c < 0x7f) || (keep_newline && c == '\n');
}

/* "\xNN" for c into out (5 bytes with the NUL). */
void text_escape_char(unsigned char c, char out[5]);

/* `in` escaped into out (NUL-terminated, cut short at a whole character to
 * fit, never mid-escape). Returns out. */
char *str_escape(char *out, size_t outlen, const char *in, bool keep_newline);

/* `in` whole when it fits in out, else its start and its end with "..."
 * between, so that a line naming a long path still ends as written (the
 * caller escapes it, or the log does). Returns out. */
char *str_middle(char *out, size_t outlen, const char *in);

/* A size in the unit that fits: "512 bytes", "39 KiB", "2048 MiB". */
char *size_text(char *out, size_t outlen, uint64_t bytes);

#endif
