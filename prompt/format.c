/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include "../lib/bytes.h"
#include "format.h"

#define MAX_CELLS 16
#define MAX_BYTES 32

/* One or more NUL-terminated strings of printable text, none empty. */
static bool is_strings(const uint8_t *v, size_t len)
{
    if (len == 0 || v[len - 1] != 0 || v[0] == 0)
        return false;
    for (size_t i = 0; i < len; i++) {
        if (v[i] == 0) {
            if (i + 1 < len && v[i + 1] == 0)
                return false;
        } else if (v[i] < 0x20 || v[i] > 0x7e) {
            return false;
        }
    }
    return true;
}

struct text {
    char *out;
    size_t size, used;
    bool cut;
};

static void add(struct text *t, const char *s)
{
    while (*s && t->used + 1 < t->size)
        t->out[t->used++] = *s++;
    t->out[t->used] = '\0';
    t->cut |= *s != '\0';
}

char *format_prop(const uint8_t *v, size_t len, char *out, size_t size)
{
    struct text t = { out, size, 0, false };
    char item[16];
    out[0] = '\0';
    if (is_strings(v, len)) {
        for (size_t i = 0; i < len; i++) {
            add(&t, i ? "\", \"" : "\"");
            for (; v[i]; i++) {
                item[0] = (char)v[i];
                item[1] = '\0';
                add(&t, item);
            }
        }
        add(&t, "\"");
    } else if (len % 4 == 0 && len) {
        add(&t, "<");
        for (size_t i = 0; i < len / 4 && i < MAX_CELLS; i++) {
            sniprintf(item, sizeof(item), "%s0x%x", i ? " " : "", (unsigned)get_be32(v + 4 * i));
            add(&t, item);
        }
        add(&t, len / 4 > MAX_CELLS ? " ...>" : ">");
    } else if (len) {
        add(&t, "[");
        for (size_t i = 0; i < len && i < MAX_BYTES; i++) {
            sniprintf(item, sizeof(item), "%s%02x", i ? " " : "", v[i]);
            add(&t, item);
        }
        add(&t, len > MAX_BYTES ? " ...]" : "]");
    }
    if (t.cut && t.size > 4)            /* say so */
        memcpy(out + t.size - 4, "...", 4);
    return out;
}
