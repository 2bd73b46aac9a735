/* SPDX-License-Identifier: BSD-2-Clause */
/* What a network boot takes from the network or its arguments: an
 * address, a TFTP server and a boot file, over IPv4 (DHCP) or IPv6
 * (router discovery, an address from the router's prefix or DHCPv6, the
 * boot file URL from DHCPv6), or from the boot arguments alone. */
#ifndef LOADER_NETCONFIG_H
#define LOADER_NETCONFIG_H

#include "../net/netargs.h"
#include "../net/netclient.h"

enum net_mode {
    NET_AUTO,                         /* IPv4; IPv6 when DHCPv4 gets no answer */
    NET_IPV4,
    NET_IPV6,
};

struct net_plan {
    struct ip_addr server;
    bool leased;                      /* from DHCP (else the arguments alone) */
    char file[NET_ARGS_FILE_MAX];
    char pxe_config[DHCP_NAME_MAX], pxe_prefix[DHCP_NAME_MAX];   /* options 209, 210 */
};

/* Configure the interface and fill the plan: over IPv6 when the arguments
 * say "ipv6" or mode says so, else IPv4, falling back to IPv6 in
 * NET_AUTO. The arguments and the boot-file setting (already in na->file)
 * override what DHCP says. 0, or a negative ERR_* with why. */
int net_configure(struct iface *in, const struct net_args *na, enum net_mode mode, struct net_plan *plan,
                  char *why, size_t whylen);

#endif
