/* SPDX-License-Identifier: BSD-2-Clause */
#include <string.h>
#include <strings.h>
#include "../lib/err.h"
#include "pxe.h"

#define LINE_MAX_BYTES 1100

static void copy_field(char *dst, size_t size, const char *src)
{
    size_t n = strlen(src);
    if (n >= size)
        n = size - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

/* pxelinux reads "initrd=" inside APPEND when there is no INITRD line. */
static void initrd_from_append(struct pxe_entry *e)
{
    if (e->initrd[0])
        return;
    for (const char *p = e->append; (p = strstr(p, "initrd=")); p++) {
        if (p != e->append && p[-1] != ' ')
            continue;
        size_t n = strcspn(p + 7, " ,");
        if (n >= sizeof(e->initrd))
            n = sizeof(e->initrd) - 1;
        memcpy(e->initrd, p + 7, n);
        e->initrd[n] = '\0';
        return;
    }
}

int pxe_parse(const char *text, size_t len, struct pxe_entry *out)
{
    char line[LINE_MAX_BYTES], deflt[PXE_NAME_MAX] = "";
    struct pxe_entry cur, first;
    int have_cur = 0, have_first = 0;
    size_t pos = 0;

    memset(&cur, 0, sizeof(cur));
    memset(&first, 0, sizeof(first));
    while (pos < len) {
        size_t n = 0;
        while (pos < len && text[pos] != '\n') {
            if (n + 1 < sizeof(line) && text[pos] != '\r' && text[pos] != '\0')
                line[n++] = text[pos] == '\t' ? ' ' : text[pos];
            pos++;
        }
        pos++;
        line[n] = '\0';
        char *p = line + strspn(line, " ");
        if (*p == '#' || !*p)
            continue;
        size_t klen = strcspn(p, " ");
        char *arg = p + klen;
        arg += strspn(arg, " ");
        for (size_t t = strlen(arg); t && arg[t - 1] == ' '; t--)
            arg[t - 1] = '\0';
        p[klen] = '\0';
        if (!strcasecmp(p, "default")) {
            copy_field(deflt, sizeof(deflt), arg);
        } else if (!strcasecmp(p, "label")) {
            if (have_cur && cur.kernel[0]) {
                if (deflt[0] && !strcmp(cur.label, deflt))
                    break;
                if (!have_first) {
                    first = cur;
                    have_first = 1;
                }
            }
            memset(&cur, 0, sizeof(cur));
            copy_field(cur.label, sizeof(cur.label), arg);
            have_cur = 1;
        } else if (!strcasecmp(p, "kernel") || !strcasecmp(p, "linux")) {
            copy_field(cur.kernel, sizeof(cur.kernel), arg);
            have_cur = 1;
        } else if (!strcasecmp(p, "initrd")) {
            copy_field(cur.initrd, sizeof(cur.initrd), arg);
        } else if (!strcasecmp(p, "append")) {
            copy_field(cur.append, sizeof(cur.append), arg);
        }
    }
    /* cur is the DEFAULT entry (loop left early) or the last one read. */
    if (have_cur && cur.kernel[0] && (!have_first || (deflt[0] && !strcmp(cur.label, deflt)))) {
        *out = cur;
    } else if (have_first) {
        *out = first;
    } else {
        return ERR_NOT_FOUND;
    }
    initrd_from_append(out);
    return 0;
}
