#include <string.h>
#include "instance.h"

/* ihandles live in their own number range so that no phandle is mistaken for one. */
#define IHANDLE_BASE 0x7e000000u

static struct {
    struct dt_node *node;
    const struct of_device *dev;
    void *priv;
} bindings[OF_MAX_BINDINGS];
static unsigned nbindings;

static struct of_instance instances[OF_MAX_INSTANCES];
static uint8_t in_use[OF_MAX_INSTANCES];

void of_instances_reset(void)
{
    nbindings = 0;
    memset(in_use, 0, sizeof(in_use));
}

int of_bind(struct dt_node *node, const struct of_device *dev, void *priv)
{
    for (unsigned i = 0; i < nbindings; i++)
        if (bindings[i].node == node) {
            bindings[i].dev = dev;
            bindings[i].priv = priv;
            return 0;
        }
    if (nbindings == OF_MAX_BINDINGS)
        return -1;
    bindings[nbindings].node = node;
    bindings[nbindings].dev = dev;
    bindings[nbindings].priv = priv;
    nbindings++;
    return 0;
}

uint32_t of_open(const char *spec)
{
    char args[OF_PATH_MAX];
    struct dt_node *node = of_resolve(spec, args, sizeof(args));
    if (!node)
        return 0;
    for (unsigned b = 0; b < nbindings; b++) {
        if (bindings[b].node != node)
            continue;
        for (unsigned i = 0; i < OF_MAX_INSTANCES; i++) {
            if (in_use[i])
                continue;
            struct of_instance *inst = &instances[i];
            inst->node = node;
            inst->dev = bindings[b].dev;
            inst->priv = bindings[b].priv;
            strcpy(inst->args, args);
            if (inst->dev->open && inst->dev->open(inst) != 0)
                return 0;
            in_use[i] = 1;
            return IHANDLE_BASE + i;
        }
        return 0;
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
