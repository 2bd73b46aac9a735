/* SPDX-License-Identifier: BSD-2-Clause */
/* QEMU's flattened tree into the live tree: at boot (import) and after CAS,
 * when QEMU hands over an updated tree (merge). */
#include <string.h>
#include <libfdt.h>
#include "check.h"
#include "reserve.h"
#include "tree.h"

#define MAX_DEPTH 32

static struct dt_node *child_exact(const struct dt_node *parent, const char *name)
{
    for (struct dt_node *c = parent->child; c; c = c->sibling)
        if (strcmp(c->name, name) == 0)
            return c;
    return NULL;
}

/* libfdt's subnode lookup lets "foo" match "foo@1"; a merge needs exact names
 * (XICS's "interrupt-controller" is not XIVE's "interrupt-controller@...") */
static bool fdt_has_child(const void *fdt, int off, const char *name)
{
    int sub;
    fdt_for_each_subnode(sub, fdt, off) {
        const char *n = fdt_get_name(fdt, sub, NULL);
        if (n && strcmp(n, name) == 0)
            return true;
    }
    return false;
}

static bool has_own_phandle(const struct dt_node *n)
{
    return dt_get(n, "phandle", NULL) || dt_get(n, "linux,phandle", NULL);
}

/* QEMU's phandles are referenced by other properties, so they win over the
 * ones the firmware invented; a firmware node in the way gets a fresh one. */
static void adopt_phandle(struct dt_node *n, uint32_t ph)
{
    if (dt_set_phandle(n, ph))
        return;
    struct dt_node *holder = dt_by_phandle(ph);
    if (holder && !has_own_phandle(holder)) {
        dt_set_phandle(holder, 0);
        dt_set_phandle(n, ph);
    }
}

static int load_node(struct dt_node *live, const void *fdt, int off, int depth, bool merge)
{
    int poff, sub;

    if (depth > MAX_DEPTH)
        return -FDT_ERR_BADSTRUCTURE;
    fdt_for_each_property_offset(poff, fdt, off) {
        const char *pname;
        int plen;
        const void *val = fdt_getprop_by_offset(fdt, poff, &pname, &plen);
        if (!val)
            return plen;
        if (dt_set(live, pname, val, (uint32_t)plen))
            return -FDT_ERR_NOSPACE;
        if (plen == 4 && (!strcmp(pname, "phandle") || !strcmp(pname, "linux,phandle")))
            adopt_phandle(live, (uint32_t)dt_read_cells(val, 1));
    }
    if (poff != -FDT_ERR_NOTFOUND)
        return poff;
    if (live->parent && !dt_get(live, "name", NULL)) {
        char name[64];
        size_t len = strcspn(live->name, "@");
        if (len >= sizeof(name))
            return -FDT_ERR_BADSTRUCTURE;
        memcpy(name, live->name, len);
        name[len] = '\0';
        if (dt_set_string(live, "name", name))
            return -FDT_ERR_NOSPACE;
    }
    if (merge) {
        struct dt_node *c = live->child;
        while (c) {
            struct dt_node *next = c->sibling;
            if (c->from_platform && !fdt_has_child(fdt, off, c->name))
                dt_delete_node(c);
            c = next;
        }
    }
    fdt_for_each_subnode(sub, fdt, off) {
        const char *name = fdt_get_name(fdt, sub, NULL);
        if (!name)
            return -FDT_ERR_BADSTRUCTURE;
        struct dt_node *c = merge ? child_exact(live, name) : NULL;
        if (!c) {
            c = dt_new_node(live, name);
            if (!c)
                return -FDT_ERR_NOSPACE;
            c->from_platform = true;
        }
        int err = load_node(c, fdt, sub, depth + 1, merge);
        if (err)
            return err;
    }
    return (sub == -FDT_ERR_NOTFOUND) ? 0 : sub;
}


int dt_import(const void *fdt, size_t maxsize)
{
    int err = fdt_blob_check(fdt, maxsize);
    if (err)
        return err;
    dt_init();
    dt_root()->from_platform = true;
    reserve_init_from_fdt(fdt);
    return load_node(dt_root(), fdt, 0, 0, false);
}

int dt_merge(const void *fdt, size_t maxsize)
{
    int err = fdt_blob_check(fdt, maxsize);
    if (err)
        return err;
    return load_node(dt_root(), fdt, 0, 0, true);
}
