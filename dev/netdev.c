#include "../lib/err.h"
#include "../lib/vec.h"
#include "netdev.h"
#include "secure.h"

static struct vec devs;

int netdev_register(struct netdev *dev)
{
    return vec_push(&devs, dev);
}

unsigned netdev_count(void)
{
    return devs.n;
}

struct netdev *netdev_get(unsigned i)
{
    return i < devs.n ? devs.item[i] : NULL;
}

struct netdev *netdev_of_node(const struct dt_node *node)
{
    for (unsigned i = 0; i < devs.n; i++)
        if (netdev_get(i)->node == node)
            return netdev_get(i);
    return NULL;
}

int netdev_send(struct netdev *dev, const void *frame, size_t len)
{
    secure_poll();
    if (len > ETH_FRAME_MAX)
        return ERR_RANGE;
    return dev->send(dev, frame, len);
}

size_t netdev_poll(struct netdev *dev, void *buf, size_t max)
{
    secure_poll();
    return dev->poll(dev, buf, max);
}
