/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdlib.h>
#include <string.h>
#include "../lib/err.h"
#include "../lib/vec.h"
#include "instance.h"

/* ihandles live in their own number range so that no phandle is mistaken for one. */
#define IHANDLE_BASE 0x7e000000u

struct binding {
    struct dt_node *node;
    const struct of_device *dev;
    void *priv;
};
static struct vec bindings;

static struct of_instance instances[OF_MAX_INSTANCES];
static uint8_t in_use[OF_MAX_INSTANCES];

void of_instances_reset(void)
{
    while (bindings.n)
        free(bindings.item[--bindings.n]);
    vec_clear(&bindings);
    memset(in_use, 0, sizeof(in_use));
}

static struct binding *binding_of(const struct dt_node *node)
{
    for (unsigned i = 0; i < bindings.n; i++) {
        struct binding *b = bindings.item[i];
        if (b->node == node)
            return b;
    }
    return NULL;
}

int of_bind(struct dt_node *node, const struct of_device *dev, void *priv)
{
    struct binding *b = binding_of(node);
    if (!b) {
        b = malloc(sizeof(*b));
        if (!b || vec_push(&bindings, b)) {
            free(b);
            return ERR_NO_MEMORY;
        }
        b->node = node;
    }
    b->dev = dev;
    b->priv = priv;
    return 0;
}

uint32_t of_open(const char *spec)
{
    char args[OF_PATH_MAX], unit[OF_UNIT_MAX];
    struct dt_node *node = of_resolve_unit(spec, args, sizeof(args), unit, sizeof(unit));
    const struct binding *b = node ? binding_of(node) : NULL;
    if (!b)
        return 0;
    for (unsigned i = 0; i < OF_MAX_INSTANCES; i++) {
        if (in_use[i])
            continue;
        struct of_instance *inst = &instances[i];
        inst->node = node;
        strcpy(inst->unit, unit);
        inst->dev = b->dev;
        inst->priv = b->priv;
        strcpy(inst->args, args);
        if (inst->dev->open && inst->dev->open(inst) != 0)
            return 0;
        in_use[i] = 1;
        return IHANDLE_BASE + i;
    }
    return 0;
}

struct of_instance *of_instance_get(uint32_t ihandle)
{
    uint32_t i = ihandle - IHANDLE_BASE;
    if (ihandle < IHANDLE_BASE || i >= OF_MAX_INSTANCES || !in_use[i])
        return NULL;
    return &instances[i];
}

void of_close(uint32_t ihandle)
{
    struct of_instance *inst = of_instance_get(ihandle);
    if (!inst)
        return;
    if (inst->dev->close)
        inst->dev->close(inst);
    in_use[ihandle - IHANDLE_BASE] = 0;
}
