/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdlib.h>
#include <string.h>
#include "../lib/err.h"
#include "tree.h"

#define PHANDLE_BUCKETS 128
#define FIRST_FIRMWARE_PHANDLE 0x10000000u  /* clear of QEMU's small fixed ones */

static struct dt_node root_node;
static struct dt_node *phandle_hash[PHANDLE_BUCKETS];
static uint32_t next_phandle = FIRST_FIRMWARE_PHANDLE;

static void free_props(struct dt_node *n)
{
    while (n->props) {
        struct dt_prop *p = n->props;
        n->props = p->next;
        free(p->name);
        free(p->value);
        free(p);
    }
}

static void unhash(struct dt_node *n)
{
    struct dt_node **pp = &phandle_hash[n->phandle % PHANDLE_BUCKETS];
    while (*pp && *pp != n)
        pp = &(*pp)->hash_next;
    if (*pp)
        *pp = n->hash_next;
    n->phandle = 0;
}

static void free_subtree(struct dt_node *n)
{
    while (n->child) {
        struct dt_node *c = n->child;
        n->child = c->sibling;
        free_subtree(c);
    }
    unhash(n);
    free_props(n);
    free(n->name);
    if (n != &root_node)
        free(n);
}

void dt_init(void)
{
    free_subtree(&root_node);
    memset(&root_node, 0, sizeof(root_node));
    memset(phandle_hash, 0, sizeof(phandle_hash));
    next_phandle = FIRST_FIRMWARE_PHANDLE;
    root_node.name = strdup("");
    dt_set_phandle(&root_node, 0);
}

struct dt_node *dt_root(void)
{
    return &root_node;
}

struct dt_node *dt_by_phandle(uint32_t ph)
{
    if (ph == 0)
        return NULL;
    for (struct dt_node *n = phandle_hash[ph % PHANDLE_BUCKETS]; n; n = n->hash_next)
        if (n->phandle == ph)
            return n;
    return NULL;
}

uint32_t dt_set_phandle(struct dt_node *node, uint32_t ph)
{
    if (ph == 0) {
        while (dt_by_phandle(next_phandle))
            next_phandle++;
        ph = next_phandle++;
    } else if (node->phandle == ph) {
        return ph;
    } else if (dt_by_phandle(ph)) {
        return 0;
    }
    if (node->phandle)
        unhash(node);
    node->phandle = ph;
    node->hash_next = phandle_hash[ph % PHANDLE_BUCKETS];
    phandle_hash[ph % PHANDLE_BUCKETS] = node;
    return ph;
}

struct dt_node *dt_new_node(struct dt_node *parent, const char *name)
{
    struct dt_node *n = calloc(1, sizeof(*n));
    if (!n)
        return NULL;
    n->name = strdup(name);
    if (!n->name) {
        free(n);
        return NULL;
    }
    n->parent = parent;
    struct dt_node **pp = &parent->child;
    while (*pp)
        pp = &(*pp)->sibling;
    *pp = n;
    dt_set_phandle(n, 0);
    return n;
}

void dt_delete_node(struct dt_node *node)
{
    if (node == &root_node || !node->parent)
        return;
    struct dt_node **pp = &node->parent->child;
    while (*pp && *pp != node)
        pp = &(*pp)->sibling;
    if (*pp)
        *pp = node->sibling;
    free_subtree(node);
}

struct dt_node *dt_child(const struct dt_node *parent, const char *name, size_t len)
{
    bool has_unit = memchr(name, '@', len) != NULL;
    for (struct dt_node *c = parent->child; c; c = c->sibling) {
        size_t clen = has_unit ? strlen(c->name) : strcspn(c->name, "@");
        if (clen == len && memcmp(c->name, name, len) == 0)
            return c;
    }
    return NULL;
}

struct dt_node *dt_find(const char *path)
{
    if (!path || path[0] != '/')
        return NULL;
    struct dt_node *n = &root_node;
    const char *p = path;
    while (n && *p) {
        while (*p == '/')
            p++;
        size_t len = strcspn(p, "/");
        if (len)
            n = dt_child(n, p, len);
        p += len;
    }
    return n;
}

#define DT_MAX_DEPTH 64

static size_t append(char *buf, size_t size, size_t at, const char *s)
{
    size_t len = strlen(s);
    for (size_t i = 0; i < len && at + i + 1 < size; i++)
        buf[at + i] = s[i];
    return at + len;
}

size_t dt_path(const struct dt_node *node, char *buf, size_t size)
{
    const struct dt_node *chain[DT_MAX_DEPTH];
    int depth = 0;
    size_t at = 0;

    for (const struct dt_node *n = node; n && n->parent && depth < DT_MAX_DEPTH; n = n->parent)
        chain[depth++] = n;
    if (depth == 0)
        at = append(buf, size, at, "/");
    while (depth--) {
        at = append(buf, size, at, "/");
        at = append(buf, size, at, chain[depth]->name);
    }
    if (size)
        buf[at < size ? at : size - 1] = '\0';
    return at;
}

static struct dt_prop *find_prop(const struct dt_node *node, const char *name)
{
    for (struct dt_prop *p = node->props; p; p = p->next)
        if (strcmp(p->name, name) == 0)
            return p;
    return NULL;
}

const void *dt_get(const struct dt_node *node, const char *name, uint32_t *len)
{
    const struct dt_prop *p = find_prop(node, name);
    if (!p)
        return NULL;
    if (len)
        *len = p->len;
    return p->value ? (const void *)p->value : (const void *)"";
}

bool dt_get_u32(const struct dt_node *node, const char *name, uint32_t *out)
{
    uint32_t len;
    const uint8_t *v = dt_get(node, name, &len);
    if (!v || len != 4)
        return false;
    *out = (uint32_t)dt_read_cells(v, 1);
    return true;
}

const char *dt_get_string(const struct dt_node *node, const char *name)
{
    uint32_t len;
    const char *v = dt_get(node, name, &len);
    if (!v || len == 0 || v[len - 1] != '\0')
        return NULL;
    return v;
}

int dt_set(struct dt_node *node, const char *name, const void *value, uint32_t len)
{
    struct dt_prop *p = find_prop(node, name);
    uint8_t *copy = NULL;
    if (len) {
        copy = malloc(len);
        if (!copy)
            return ERR_NO_MEMORY;
        memcpy(copy, value, len);
    }
    if (!p) {
        p = calloc(1, sizeof(*p));
        if (!p || !(p->name = strdup(name))) {
            free(p);
            free(copy);
            return ERR_NO_MEMORY;
        }
        struct dt_prop **pp = &node->props;
        while (*pp)
            pp = &(*pp)->next;
        *pp = p;
    }
    free(p->value);
    p->value = copy;
    p->len = len;
    return 0;
}

int dt_set_u32(struct dt_node *node, const char *name, uint32_t value)
{
    uint8_t be[4] = { value >> 24, value >> 16, value >> 8, value };
    return dt_set(node, name, be, 4);
}

int dt_set_string(struct dt_node *node, const char *name, const char *value)
{
    return dt_set(node, name, value, (uint32_t)strlen(value) + 1);
}

void dt_del(struct dt_node *node, const char *name)
{
    struct dt_prop **pp = &node->props;
    while (*pp && strcmp((*pp)->name, name) != 0)
        pp = &(*pp)->next;
    if (*pp) {
        struct dt_prop *p = *pp;
        *pp = p->next;
        free(p->name);
        free(p->value);
        free(p);
    }
}

const struct dt_prop *dt_next_prop(const struct dt_node *node, const char *prev)
{
    if (!prev || !*prev)
        return node->props;
    const struct dt_prop *p = find_prop(node, prev);
    return p ? p->next : NULL;
}

uint64_t dt_read_cells(const uint8_t *p, uint32_t cells)
{
    uint64_t v = 0;
    for (uint32_t i = 0; i < cells * 4; i++)
        v = (v << 8) | p[i];
    return v;
}

void dt_write_cells(uint8_t *p, uint64_t v, uint32_t cells)
{
    for (uint32_t i = cells * 4; i-- > 0; v = v >> 8)
        p[i] = (uint8_t)v;
}

uint32_t dt_address_cells(const struct dt_node *node)
{
    uint32_t v;
    return dt_get_u32(node, "#address-cells", &v) ? v : 2;
}

uint32_t dt_size_cells(const struct dt_node *node)
{
    uint32_t v;
    return dt_get_u32(node, "#size-cells", &v) ? v : 1;
}

bool dt_is_memory(const struct dt_node *node)
{
    const char *type = dt_get_string(node, "device_type");
    return type && strcmp(type, "memory") == 0;
}

bool dt_is_compatible(const struct dt_node *node, const char *what)
{
    uint32_t len;
    const char *list = dt_get(node, "compatible", &len);
    for (uint32_t off = 0; list && off < len; off += (uint32_t)strnlen(list + off, len - off) + 1)
        if (strncmp(list + off, what, len - off) == 0)
            return true;
    return false;
}

int dt_reg_range(const struct dt_node *node, unsigned i, uint64_t *base, uint64_t *size)
{
    uint32_t len;
    const uint8_t *reg = dt_get(node, "reg", &len);
    uint32_t ac = node->parent ? dt_address_cells(node->parent) : 2;
    uint32_t sc = node->parent ? dt_size_cells(node->parent) : 1;
    uint64_t entry = 4ull * (ac + sc);
    if (!reg || ac > 4 || sc > 4 || (uint64_t)(i + 1) * entry > len)
        return ERR_NOT_FOUND;
    *base = dt_read_cells(reg + i * entry, ac);
    *size = dt_read_cells(reg + i * entry + 4 * ac, sc);
    return 0;
}

struct dt_node *dt_next(struct dt_node *node)
{
    if (node->child)
        return node->child;
    while (node) {
        if (node->sibling)
            return node->sibling;
        node = node->parent;
    }
    return NULL;
}
