/* SPDX-License-Identifier: BSD-2-Clause */
#include <stddef.h>
#include "registry.h"

int registry_add(struct registry *r, void *dev)
{
    return vec_push(&r->items, dev);
}

unsigned registry_count(const struct registry *r)
{
    return r->items.n;
}

void *registry_get(const struct registry *r, unsigned i)
{
    return i < r->items.n ? r->items.item[i] : NULL;
}

struct dt_node *registry_node(const struct registry *r, unsigned i)
{
    return *(struct dt_node **)registry_get(r, i);
}

void *registry_of_node(const struct registry *r, const struct dt_node *node)
{
    for (unsigned i = 0; i < r->items.n; i++)
        if (*(struct dt_node **)r->items.item[i] == node)
            return r->items.item[i];
    return NULL;
}
