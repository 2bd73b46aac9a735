/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdbool.h>
#include <string.h>
#include <strings.h>
#include "bootinfo.h"

/* The first case-insensitive occurrence of `what` in [p, end), or NULL. */
static const char *find_text(const char *p, const char *end, const char *what)
{
    size_t n = strlen(what);
    for (; p + n <= end; p++)
        if (strncasecmp(p, what, n) == 0)
            return p;
    return NULL;
}

static int copy(char *dst, size_t size, const char *from, const char *to)
{
    if ((size_t)(to - from) >= size)
        return BOOTINFO_ERR_TOO_LONG;
    memcpy(dst, from, (size_t)(to - from));
    dst[to - from] = '\0';
    return 0;
}

static bool blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

int bootinfo_parse(const char *text, size_t len, struct bootinfo *out)
{
    const char *end = text + len;
    const char *script = find_text(text, end, "<boot-script>");
    const char *stop = script ? find_text(script, end, "</boot-script>") : NULL;
    if (!script || !stop)
        return BOOTINFO_ERR_NO_SCRIPT;
    memset(out, 0, sizeof(*out));
    /* Each "boot" command in turn; the first naming &device; is the one. */
    for (const char *p = script + 13; (p = find_text(p, stop, "boot")) != NULL; p += 4) {
        if (p > script + 13 && !blank(p[-1]) && p[-1] != '>')
            continue;                 /* inside a word, e.g. "reboot" */
        const char *q = p + 4;
        while (q < stop && blank(*q))
            q++;
        if (q == p + 4 || stop - q < 9 || strncasecmp(q, "&device;:", 9) != 0)
            continue;
        q += 9;
        while (q < stop && ((*q >= '0' && *q <= '9') || *q == ','))
            q++;                      /* a partition number: the ISO is the device */
        const char *path_end = q;
        while (path_end < stop && !blank(*path_end))
            path_end++;
        const char *args = path_end, *line_end = path_end;
        while (args < stop && (*args == ' ' || *args == '\t'))
            args++;
        while (line_end < stop && *line_end != '\n' && *line_end != '\r')
            line_end++;
        if (args > line_end)
            args = line_end;
        int err = copy(out->path, sizeof(out->path), q, path_end);
        if (!err)
            err = copy(out->args, sizeof(out->args), args, line_end);
        return err ? err : out->path[0] ? 0 : BOOTINFO_ERR_NO_BOOT;
    }
    return BOOTINFO_ERR_NO_BOOT;
}

const char *bootinfo_strerror(int err)
{
    switch (err) {
    case BOOTINFO_ERR_NO_SCRIPT: return "bootinfo.txt has no <boot-script>";
    case BOOTINFO_ERR_NO_BOOT: return "bootinfo.txt's boot-script boots nothing from &device;";
    case BOOTINFO_ERR_TOO_LONG: return "bootinfo.txt's boot path or arguments are too long";
    default: return "unknown bootinfo.txt error";
    }
}
