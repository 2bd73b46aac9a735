/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdio.h>
#include <string.h>
#include "text.h"

void text_escape_char(unsigned char c, char out[5])
{
    static const char hex[] = "0123456789abcdef";
    out[0] = '\\';
    out[1] = 'x';
    out[2] = hex[c >> 4];
    out[3] = hex[c & 15];
    out[4] = '\0';
}

char *str_escape(char *out, size_t outlen, const char *in, bool keep_newline)
{
    size_t used = 0;
    if (!outlen)
        return out;
    for (; *in; in++) {
        unsigned char c = (unsigned char)*in;
        char esc[5] = { (char)c, '\0' };
        if (!text_safe(c, keep_newline))
            text_escape_char(c, esc);
        size_t n = strlen(esc);
        if (used + n >= outlen)
            break;
        memcpy(out + used, esc, n);
        used += n;
    }
    out[used] = '\0';
    return out;
}

char *str_middle(char *out, size_t outlen, const char *in)
{
    size_t len = strlen(in);
    if (!outlen)
        return out;
    if (len < outlen || outlen < 8) {
        sniprintf(out, outlen, "%s", in);
        return out;
    }
    size_t head = (outlen - 4) / 2, tail = outlen - 4 - head;
    memcpy(out, in, head);
    memcpy(out + head, "...", 3);
    memcpy(out + head + 3, in + len - tail, tail);
    out[outlen - 1] = '\0';
    return out;
}

char *size_text(char *out, size_t outlen, uint64_t bytes)
{
    if (bytes < 1024)
        sniprintf(out, outlen, "%lu bytes", (unsigned long)bytes);
    else if (bytes < (1ull << 20))
        sniprintf(out, outlen, "%lu KiB", (unsigned long)(bytes >> 10));
    else
        sniprintf(out, outlen, "%lu MiB", (unsigned long)(bytes >> 20));
    return out;
}
