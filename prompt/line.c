/* SPDX-License-Identifier: BSD-2-Clause */
#include "../lib/err.h"
#include "line.h"

#define CTRL(c) ((c) & 0x1f)
#define ESC 0x1b
#define DEL 0x7f

static void put(struct line_io *io, const char *s, size_t n)
{
    io->put(io->ctx, s, n);
}

/* ESC [ parameters final-byte, or ESC and one byte: nothing to echo.
 * False when the input ended on the way. */
static bool swallow_escape(struct line_io *io)
{
    int c = io->getc(io->ctx);
    if (c != '[')
        return c >= 0;
    while ((c = io->getc(io->ctx)) >= 0)
        if (c >= 0x40 && c <= 0x7e)
            return true;
    return false;
}

enum line_result line_read(struct line_io *io, char *buf, size_t size)
{
    size_t len = 0;
    bool overflow = false;

    for (;;) {
        int c = io->getc(io->ctx);
        bool after_cr = io->after_cr;
        io->after_cr = c == '\r';
        if (c < 0)
            return LINE_END;
        if (c == '\n' && after_cr)
            continue;
        if (c == '\r' || c == '\n') {
            put(io, "\r\n", 2);
            buf[len] = '\0';
            return overflow ? LINE_TOO_LONG : LINE_OK;
        }
        if (c == '\b' || c == DEL) {
            if (len && !overflow) {
                len--;
                put(io, "\b \b", 3);
            }
        } else if (c == CTRL('U')) {
            for (; len; len--)
                put(io, "\b \b", 3);
            overflow = false;
        } else if (c == CTRL('C')) {
            put(io, "^C\r\n", 4);
            buf[0] = '\0';
            return LINE_CANCELLED;
        } else if (c == ESC) {
            if (!swallow_escape(io))
                return LINE_END;
        } else if (c == '\t' || (c >= 0x20 && c < DEL)) {
            if (c == '\t')
                c = ' ';
            if (len + 1 < size && !overflow) {
                char ch = (char)c;
                buf[len++] = ch;
                put(io, &ch, 1);
            } else {
                overflow = true;    /* keep reading to the end of the line */
                put(io, "\a", 1);
            }
        }
    }
}

int line_split(char *line, char **words, int max)
{
    int n = 0;
    char *p = line;
    for (;;) {
        while (*p == ' ' || *p == '\t')
            *p++ = '\0';
        if (!*p)
            return n;
        if (n == max)
            return ERR_FULL;
        words[n++] = p;
        while (*p && *p != ' ' && *p != '\t')
            p++;
    }
}
