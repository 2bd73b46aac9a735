/* SPDX-License-Identifier: BSD-2-Clause */
/* Client services that read and change the device tree. Package handles are
 * node phandles; anything that is not one gets -1 rather than a guess. */
#include <string.h>
#include "../fdt/tree.h"
#include "../lib/err.h"
#include "client.h"
#include "cmem.h"
#include "instance.h"
#include "path.h"

/* IEEE 1275 sizes nextprop's buffer at 32 bytes, but QEMU's tree has longer
 * names ("ibm,associativity-reference-points") and Linux passes 64 bytes, as
 * SLOF's behaviour taught it; so names up to 63 characters are served whole. */
#define PROP_NAME_MAX 64
static struct dt_node *node_arg(uint32_t ph)
{
    return dt_by_phandle(ph);
}

/* Copy min(len, buflen) bytes to the client: 0, or ERR_RANGE if the buffer
 * is not client memory. */
static int copy_out(uint32_t addr, uint32_t buflen, const void *src, uint32_t len)
{
    uint32_t n = len < buflen ? len : buflen;
    if (n == 0)
        return 0;
    void *dst = cmem_ptr(addr, n);
    if (!dst)
        return ERR_RANGE;
    memcpy(dst, src, n);
    return 0;
}

static int finddevice(struct ci_call *c)
{
    const char *spec = cmem_string(c->in[0], OF_PATH_MAX);
    struct dt_node *n = spec ? of_resolve(spec, NULL, 0) : NULL;
    c->out[0] = n ? n->phandle : CI_FAILED_CELL;
    return 0;
}

static int getproplen(struct ci_call *c)
{
    struct dt_node *n = node_arg(c->in[0]);
    const char *name = cmem_string(c->in[1], PROP_NAME_MAX);
    uint32_t len;
    c->out[0] = (n && name && dt_get(n, name, &len)) ? len : CI_FAILED_CELL;
    return 0;
}

static int getprop(struct ci_call *c)
{
    struct dt_node *n = node_arg(c->in[0]);
    const char *name = cmem_string(c->in[1], PROP_NAME_MAX);
    uint32_t len;
    const void *v = (n && name) ? dt_get(n, name, &len) : NULL;
    c->out[0] = (v && copy_out(c->in[2], c->in[3], v, len) == 0) ? len : CI_FAILED_CELL;
    return 0;
}

static int nextprop(struct ci_call *c)
{
    struct dt_node *n = node_arg(c->in[0]);
    /* A null or empty previous name asks for the first property. */
    const char *prev = c->in[1] ? cmem_string(c->in[1], PROP_NAME_MAX) : "";
    if (!n || !prev) {
        c->out[0] = CI_FAILED_CELL;
        return 0;
    }
    const struct dt_prop *p = dt_next_prop(n, prev);
    if (*prev && !p && !dt_get(n, prev, NULL)) {
        c->out[0] = CI_FAILED_CELL;        /* prev is not a property of this node */
        return 0;
    }
    const char *name = p ? p->name : "";
    size_t len = strlen(name) + 1;
    char *buf = len <= PROP_NAME_MAX ? cmem_ptr(c->in[2], len) : NULL;
    if (!buf) {
        c->out[0] = CI_FAILED_CELL;
        return 0;
    }
    memcpy(buf, name, len);
    c->out[0] = p ? 1 : 0;
    return 0;
}

static int setprop(struct ci_call *c)
{
    struct dt_node *n = node_arg(c->in[0]);
    const char *name = cmem_string(c->in[1], PROP_NAME_MAX);
    uint32_t len = c->in[3];
    const void *v = len ? cmem_ptr(c->in[2], len) : "";
    c->out[0] = (n && name && v && dt_set(n, name, v, len) == 0) ? len : CI_FAILED_CELL;
    return 0;
}

static int peer(struct ci_call *c)
{
    if (c->in[0] == 0) {
        c->out[0] = dt_root()->phandle;
        return 0;
    }
    struct dt_node *n = node_arg(c->in[0]);
    c->out[0] = !n ? CI_FAILED_CELL : n->sibling ? n->sibling->phandle : 0;
    return 0;
}

static int child(struct ci_call *c)
{
    struct dt_node *n = node_arg(c->in[0]);
    c->out[0] = !n ? CI_FAILED_CELL : n->child ? n->child->phandle : 0;
    return 0;
}

static int parent(struct ci_call *c)
{
    struct dt_node *n = node_arg(c->in[0]);
    c->out[0] = !n ? CI_FAILED_CELL : n->parent ? n->parent->phandle : 0;
    return 0;
}

/* Paths are returned as IEEE 1275 asks: the full length, with as much of the
 * text as fits (not necessarily NUL-terminated). */
static void path_out(struct ci_call *c, const struct dt_node *n, const char *unit, const char *args,
                     uint32_t buf, uint32_t buflen)
{
    char path[2 * OF_PATH_MAX];
    size_t len = dt_path(n, path, sizeof(path));
    if (unit && *unit && len + 1 + strlen(unit) < sizeof(path)) {
        strcat(path, "@");
        strcat(path, unit);
        len = strlen(path);
    }
    if (args && *args && len + 1 + strlen(args) < sizeof(path)) {
        strcat(path, ":");
        strcat(path, args);
        len = strlen(path);
    }
    uint32_t avail = len < sizeof(path) ? (uint32_t)len : (uint32_t)sizeof(path) - 1;
    uint32_t with_nul = avail < buflen ? avail + 1 : avail;
    c->out[0] = copy_out(buf, buflen, path, with_nul) == 0 ? (uint32_t)len : CI_FAILED_CELL;
}

static int package_to_path(struct ci_call *c)
{
    struct dt_node *n = node_arg(c->in[0]);
    if (!n)
        c->out[0] = CI_FAILED_CELL;
    else
        path_out(c, n, NULL, NULL, c->in[1], c->in[2]);
    return 0;
}

static int canon(struct ci_call *c)
{
    const char *spec = cmem_string(c->in[0], OF_PATH_MAX);
    char args[OF_PATH_MAX], unit[OF_UNIT_MAX];
    struct dt_node *n = spec ? of_resolve_unit(spec, args, sizeof(args), unit, sizeof(unit)) : NULL;
    if (!n)
        c->out[0] = CI_FAILED_CELL;
    else
        path_out(c, n, unit, args, c->in[1], c->in[2]);
    return 0;
}

static int instance_to_package(struct ci_call *c)
{
    struct of_instance *inst = of_instance_get(c->in[0]);
    c->out[0] = inst ? inst->node->phandle : CI_FAILED_CELL;
    return 0;
}

static int instance_to_path(struct ci_call *c)
{
    struct of_instance *inst = of_instance_get(c->in[0]);
    if (!inst)
        c->out[0] = CI_FAILED_CELL;
    else
        path_out(c, inst->node, inst->unit, inst->args, c->in[1], c->in[2]);
    return 0;
}

const struct ci_service ci_tree_services[] = {
    { "finddevice", 1, 1, finddevice },
    { "getproplen", 2, 1, getproplen },
    { "getprop", 4, 1, getprop },
    { "nextprop", 3, 1, nextprop },
    { "setprop", 4, 1, setprop },
    { "peer", 1, 1, peer },
    { "child", 1, 1, child },
    { "parent", 1, 1, parent },
    { "package-to-path", 3, 1, package_to_path },
    { "canon", 3, 1, canon },
    { "instance-to-package", 1, 1, instance_to_package },
    { "instance-to-path", 3, 1, instance_to_path },
    { NULL, 0, 0, NULL },
};
