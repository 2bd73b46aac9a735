/* SPDX-License-Identifier: BSD-2-Clause */
/* Reading one command line from a terminal, with echo and editing
 * (backspace/delete, Ctrl-U to clear, Ctrl-C to cancel; escape sequences
 * such as arrow keys are swallowed), and splitting it into words. Pure: the
 * terminal is a pair of functions, so this is tested on the host. */
#ifndef PROMPT_LINE_H
#define PROMPT_LINE_H

#include <stdbool.h>
#include <stddef.h>

struct line_io {
    int (*getc)(void *ctx);                         /* a byte; -1: no more input ever */
    void (*put)(void *ctx, const char *s, size_t n);
    void *ctx;
    bool after_cr;              /* a LF right after the CR that ended a line is not a line */
};

enum line_result {
    LINE_OK = 0,
    LINE_TOO_LONG = -1,         /* more than size - 1 characters: the line is dropped */
    LINE_CANCELLED = -2,        /* Ctrl-C */
    LINE_END = -3,              /* input ended */
};

enum line_result line_read(struct line_io *io, char *buf, size_t size);

/* Split `line` in place into words separated by spaces or tabs. The count,
 * or ERR_FULL when there are more than max words. */
int line_split(char *line, char **words, int max);

#endif
