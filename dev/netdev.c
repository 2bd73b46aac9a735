/* SPDX-License-Identifier: BSD-2-Clause */
#include "../board/watchdog.h"
#include "../lib/err.h"
#include "netdev.h"
#include "secure.h"

struct registry netdevs;

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
    watchdog_check();
    return dev->poll(dev, buf, max);
}
