#include <stddef.h>
#include "netdev.h"

static struct netdev *devs[NETDEV_MAX];
static unsigned ndevs;

int netdev_register(struct netdev *dev)
{
    if (ndevs == NETDEV_MAX)
        return -1;
    devs[ndevs++] = dev;
    return 0;
}

unsigned netdev_count(void)
{
    return ndevs;
}

struct netdev *netdev_get(unsigned i)
{
    return i < ndevs ? devs[i] : NULL;
}

struct netdev *netdev_of_node(const struct dt_node *node)
{
    for (unsigned i = 0; i < ndevs; i++)
        if (devs[i]->node == node)
            return devs[i];
    return NULL;
}
