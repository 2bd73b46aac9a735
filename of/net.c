/* SPDX-License-Identifier: BSD-2-Clause */
/* The IEEE 1275 "network" package over a netdev: read returns one received
 * frame (0 when none is waiting), write sends one. A client that runs DHCP
 * itself (GRUB's net_bootp) gets its lease into /chosen/bootp-response, as
 * the firmware's own would be. */
#include "../dev/netdev.h"
#include "../net/netclient.h"
#include "instance.h"
#include "path.h"
#include "net.h"

static int net_open(struct of_instance *inst)
{
    inst->priv = registry_of_node(&netdevs, inst->node);
    return inst->priv ? 0 : OF_FAILED;
}

static int64_t net_read(struct of_instance *inst, void *buf, uint64_t len)
{
    struct netdev *dev = inst->priv;
    size_t n = netdev_poll(dev, buf, len);
    if (n)
        dhcp_snoop(buf, n, dev->mac);
    return (int64_t)n;
}

static int64_t net_write(struct of_instance *inst, const void *buf, uint64_t len)
{
    struct netdev *dev = inst->priv;
    if (netdev_send(dev, buf, len))
        return OF_FAILED;
    return (int64_t)len;
}

static const struct of_device net_device = { .open = net_open, .read = net_read, .write = net_write };

void of_nets_bind(void)
{
    for (unsigned i = 0; i < registry_count(&netdevs); i++) {
        struct dt_node *node = registry_node(&netdevs, i);
        char path[OF_PATH_MAX];
        of_bind(node, &net_device, NULL);
        if (dt_path(node, path, sizeof(path)) < sizeof(path))
            of_alias_device("net", i, path);
    }
}
