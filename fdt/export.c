/* SPDX-License-Identifier: BSD-2-Clause */
/* The live tree back into a flattened tree, e.g. for QEMU's KVMPPC_H_UPDATE_DT. */
#include <string.h>
#include <libfdt.h>
#include "reserve.h"
#include "tree.h"

static int put_node(void *buf, const struct dt_node *n)
{
    int err = fdt_begin_node(buf, n->name);
    /* "name" is implied by the node name in a flattened tree. */
    for (const struct dt_prop *p = n->props; p && !err; p = p->next)
        if (strcmp(p->name, "name") != 0)       /* empty values may have no buffer */
            err = fdt_property(buf, p->name, p->len ? p->value : (const void *)"", (int)p->len);
    for (const struct dt_node *c = n->child; c && !err; c = c->sibling)
        err = put_node(buf, c);
    return err ? err : fdt_end_node(buf);
}

int dt_flatten(void *buf, size_t size)
{
    int err = fdt_create(buf, (int)size);
    for (unsigned i = 0; i < reserve_count() && !err; i++)
        err = fdt_add_reservemap_entry(buf, reserve_get(i)->addr, reserve_get(i)->size);
    if (!err)
        err = fdt_finish_reservemap(buf);
    if (!err)
        err = put_node(buf, dt_root());
    return err ? err : fdt_finish(buf);
}
