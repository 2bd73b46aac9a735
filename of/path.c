/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "../lib/err.h"
#include "path.h"

/* Expand a leading alias into buf; returns the spec to walk, or NULL. */
static const char *expand_alias(const char *spec, char *buf, size_t size)
{
    if (spec[0] == '/')
        return spec;
    size_t len = strcspn(spec, "/:");
    struct dt_node *aliases = dt_find("/aliases");
    char name[OF_PATH_MAX];
    if (!aliases || len == 0 || len >= sizeof(name))
        return NULL;
    memcpy(name, spec, len);
    name[len] = '\0';
    const char *target = dt_get_string(aliases, name);
    if (!target || target[0] != '/' || strlen(target) + strlen(spec + len) >= size)
        return NULL;
    strcpy(buf, target);
    strcat(buf, spec + len);
    return buf;
}

int of_alias_device(const char *kind, unsigned i, const char *path)
{
    struct dt_node *aliases = dt_find("/aliases");
    char name[32];
    if (!aliases)
        aliases = dt_new_node(dt_root(), "aliases");
    if (i)
        sniprintf(name, sizeof(name), "%s%u", kind, i);
    else
        sniprintf(name, sizeof(name), "%s", kind);
    if (!aliases)
        return ERR_NO_MEMORY;
    return dt_set_string(aliases, name, path);
}

/* Whether two unit addresses ("1,0", "3", "8200000000000000") say the same:
 * field by field between the commas, hex digits compared ignoring case and
 * leading zeros, a missing trailing field read as 0, as the PCI binding
 * reads "3" and "3,0", and as a namespace "1" is QEMU's "1,0". */
static bool same_unit(const char *a, const char *a_end, const char *b, const char *b_end)
{
    while (a < a_end || b < b_end) {
        const char *af = memchr(a, ',', (size_t)(a_end - a)), *bf = memchr(b, ',', (size_t)(b_end - b));
        af = af ? af : a_end;
        bf = bf ? bf : b_end;
        while (a < af && *a == '0')
            a++;
        while (b < bf && *b == '0')
            b++;
        if (af - a != bf - b || strncasecmp(a, b, (size_t)(af - a)) != 0)
            return false;
        a = af < a_end ? af + 1 : af;
        b = bf < b_end ? bf + 1 : bf;
    }
    return true;
}

/* The child whose name is `name` with the same unit written another way. */
static struct dt_node *same_unit_child(const struct dt_node *parent, const char *name, size_t len)
{
    const char *at = memchr(name, '@', len);
    if (!at)
        return NULL;
    size_t base = (size_t)(at - name);
    for (struct dt_node *c = parent->child; c; c = c->sibling) {
        const char *cat = strchr(c->name, '@');
        if (cat && (size_t)(cat - c->name) == base && memcmp(c->name, name, base) == 0 &&
            same_unit(cat + 1, cat + strlen(cat), at + 1, name + len))
            return c;
    }
    return NULL;
}

/* The child "name@unit" names when no child has that name: a wildcard. */
static struct dt_node *wildcard_child(const struct dt_node *parent, const char *name, size_t len)
{
    const char *at = memchr(name, '@', len);
    if (!at)
        return NULL;
    for (struct dt_node *c = parent->child; c; c = c->sibling)
        if (strlen(c->name) == (size_t)(at - name) && memcmp(c->name, name, at - name) == 0 &&
            !dt_get(c, "reg", NULL))
            return c;
    return NULL;
}

struct dt_node *of_resolve(const char *spec, char *args, size_t argsize)
{
    return of_resolve_unit(spec, args, argsize, NULL, 0);
}

struct dt_node *of_resolve_unit(const char *spec, char *args, size_t argsize, char *unit,
                                size_t unitsize)
{
    char expanded[OF_PATH_MAX];

    if (args && argsize)
        args[0] = '\0';
    if (unit && unitsize)
        unit[0] = '\0';
    if (!spec || !*spec || !(spec = expand_alias(spec, expanded, sizeof(expanded))))
        return NULL;

    struct dt_node *n = dt_root();
    const char *p = spec;
    while (n && *p) {
        while (*p == '/')
            p++;
        size_t comp = strcspn(p, "/");
        size_t name_len = strcspn(p, "/:");
        if (name_len > comp)
            name_len = comp;
        if (name_len) {
            struct dt_node *parent = n;
            n = dt_child(parent, p, name_len);
            if (!n)
                n = same_unit_child(parent, p, name_len);
            if (!n && (n = wildcard_child(parent, p, name_len)) && unit && unitsize) {
                const char *at = memchr(p, '@', name_len);
                size_t ulen = name_len - (size_t)(at + 1 - p);
                if (ulen >= unitsize)
                    ulen = unitsize - 1;
                memcpy(unit, at + 1, ulen);
                unit[ulen] = '\0';
            } else if (unit && unitsize) {
                unit[0] = '\0';              /* the unit belongs to the last component */
            }
        }
        if (name_len < comp && !p[comp] && args && argsize) {
            /* Arguments belong to the last component only. */
            size_t alen = comp - name_len - 1;
            if (alen >= argsize)
                alen = argsize - 1;
            memcpy(args, p + name_len + 1, alen);
            args[alen] = '\0';
        }
        p += comp;
    }
    return n;
}
