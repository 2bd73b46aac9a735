/* SPDX-License-Identifier: BSD-2-Clause */
/* Network interfaces: what every NIC driver registers, and the one way the
 * network stack and the OF network package send and receive frames. */
#ifndef DEV_NETDEV_H
#define DEV_NETDEV_H

#include <stddef.h>
#include <stdint.h>
#include "../fdt/tree.h"
#include "registry.h"

#define ETH_FRAME_MAX 1514

struct netdev {
    struct dt_node *node;         /* first, for the registry */
    uint8_t mac[6];
    /* The driver's operations, called only through netdev_send/poll: queue
     * one frame (0 or a negative ERR_*); copy one received frame to buf and
     * return its length, 0 when none waits. */
    int (*send)(struct netdev *dev, const void *frame, size_t len);
    size_t (*poll)(struct netdev *dev, void *buf, size_t max);
    void *priv;
};

/* Every NIC, in the order drivers found them (registry.h). */
extern struct registry netdevs;
/* Send or receive one frame; each runs the secure-mode transition first if
 * the guest turned secure. Frames longer than ETH_FRAME_MAX: ERR_RANGE. */
int netdev_send(struct netdev *dev, const void *frame, size_t len);
size_t netdev_poll(struct netdev *dev, void *buf, size_t max);

#endif
