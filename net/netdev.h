/* Network interfaces as the network stack and the OF network package see
 * them: Ethernet frames in and out, polled. */
#ifndef NET_NETDEV_H
#define NET_NETDEV_H

#include <stddef.h>
#include <stdint.h>
#include "../fdt/tree.h"

#define NETDEV_MAX 8
#define ETH_FRAME_MAX 1514

struct netdev {
    struct dt_node *node;
    uint8_t mac[6];
    /* Queue one frame; 0 or -1. */
    int (*send)(struct netdev *dev, const void *frame, size_t len);
    /* One received frame copied to buf: its length, or 0 when none waits. */
    size_t (*poll)(struct netdev *dev, void *buf, size_t max);
    void *priv;
};

int netdev_register(struct netdev *dev);
unsigned netdev_count(void);
struct netdev *netdev_get(unsigned i);
struct netdev *netdev_of_node(const struct dt_node *node);

#endif
