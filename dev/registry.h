/* SPDX-License-Identifier: BSD-2-Clause */
/* The devices of one kind (disks, NICs), in the order drivers found them,
 * found by index or by tree node. No fixed maximum. A registered struct
 * begins with its node: `struct dt_node *node` is its first member. */
#ifndef DEV_REGISTRY_H
#define DEV_REGISTRY_H

#include "../fdt/tree.h"
#include "../lib/vec.h"

struct registry {
    struct vec items;
};

/* 0, or ERR_NO_MEMORY (not registered). */
int registry_add(struct registry *r, void *dev);
unsigned registry_count(const struct registry *r);
/* Device i, or NULL past the end. */
void *registry_get(const struct registry *r, unsigned i);
/* Device i's node (i must be below the count). */
struct dt_node *registry_node(const struct registry *r, unsigned i);
/* The device whose node is `node`, or NULL. */
void *registry_of_node(const struct registry *r, const struct dt_node *node);

#endif
