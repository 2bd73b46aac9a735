/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The live device tree: an unflattened tree in the firmware heap, built from
 * QEMU's FDT at boot and served to clients through the client interface.
 * Unflattened so that package handles (phandles) stay valid however the tree
 * changes, and setprop is cheap; libfdt converts at the edges (fdt/import.c,
 * fdt/export.c, fdt/merge.c).
 */
#ifndef FDT_TREE_H
#define FDT_TREE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct dt_prop {
    struct dt_prop *next;
    char *name;
    uint8_t *value;
    uint32_t len;
};

struct dt_node {
    struct dt_node *parent, *child, *sibling;
    struct dt_node *hash_next;     /* phandle hash chain */
    struct dt_prop *props;
    char *name;                    /* with unit address, e.g. "vty@71000000" */
    uint32_t phandle;
    bool from_platform;            /* QEMU made it: a CAS update may remove it */
};

/* Clears the tree back to an empty root. */
void dt_init(void);
struct dt_node *dt_root(void);

struct dt_node *dt_new_node(struct dt_node *parent, const char *name);
void dt_delete_node(struct dt_node *node);
/* Give `node` its phandle: `ph`, or a fresh one when ph is 0. Returns the
 * phandle, 0 if `ph` is already used by another node. */
uint32_t dt_set_phandle(struct dt_node *node, uint32_t ph);
struct dt_node *dt_by_phandle(uint32_t ph);

/* Child called exactly `name` (len bytes), or, when `name` has no unit
 * address, the first child whose name before the '@' matches. */
struct dt_node *dt_child(const struct dt_node *parent, const char *name, size_t len);
/* An absolute path of node names ("/vdevice/vty@71000000"); no aliases. */
struct dt_node *dt_find(const char *path);
/* Writes the node's full path (NUL-terminated, truncated to size) and returns
 * its full length without the NUL. */
size_t dt_path(const struct dt_node *node, char *buf, size_t size);

const void *dt_get(const struct dt_node *node, const char *name, uint32_t *len);
bool dt_get_u32(const struct dt_node *node, const char *name, uint32_t *out);
const char *dt_get_string(const struct dt_node *node, const char *name);
/* 0, or ERR_NO_MEMORY (the property is then unchanged). */
int dt_set(struct dt_node *node, const char *name, const void *value, uint32_t len);
int dt_set_u32(struct dt_node *node, const char *name, uint32_t value);
int dt_set_string(struct dt_node *node, const char *name, const char *value);
void dt_del(struct dt_node *node, const char *name);
/* The property after `prev` (the first when prev is NULL or ""), or NULL. */
const struct dt_prop *dt_next_prop(const struct dt_node *node, const char *prev);

/* Number of address/size cells a node's children use (defaults 2 and 1). */
uint32_t dt_address_cells(const struct dt_node *node);
uint32_t dt_size_cells(const struct dt_node *node);
/* Reads `cells` big-endian 32-bit cells as one number. */
uint64_t dt_read_cells(const uint8_t *p, uint32_t cells);
/* Writes v as `cells` big-endian cells (high cells zero beyond 64 bits). */
void dt_write_cells(uint8_t *p, uint64_t v, uint32_t cells);

/* A node with device_type "memory". */
bool dt_is_memory(const struct dt_node *node);
/* Whether `what` is one of the strings of the node's "compatible". */
bool dt_is_compatible(const struct dt_node *node, const char *what);
/* Range i of the node's "reg", read with its parent's cell sizes: 0, or ERR_NOT_FOUND
 * when there is no such range. */
int dt_reg_range(const struct dt_node *node, unsigned i, uint64_t *base, uint64_t *size);

/* Depth-first walk: the node after `node`, or NULL at the end. */
struct dt_node *dt_next(struct dt_node *node);

/* Import QEMU's flattened tree into an empty live tree. 0 or -FDT_ERR_*. */
int dt_import(const void *fdt, size_t maxsize);
/* Apply an updated FDT (the CAS response): its nodes and properties win,
 * properties the firmware added stay, and platform nodes it no longer has go. */
int dt_merge(const void *fdt, size_t maxsize);
/* QEMU's own limit on a flattened tree: the size of every buffer a whole
 * tree goes into (a CAS answer, the tree handed back or handed over). */
#define DT_FLAT_MAX 0x100000
/* Flatten the live tree into buf; the reserve map QEMU gave is kept. */
int dt_flatten(void *buf, size_t size);

#endif
