/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../board/log.h"
#include "../lib/err.h"
#include "netconfig.h"

/* A TFTP server named by a host name: DNS, when there is a DNS server.
 * Unset, with why, when that does not work (the caller says what it does
 * then, on the same line). */
static struct ip_addr server_by_name(struct iface *in, const char *name, const struct ip_addr *dns,
                                     char *why, size_t whylen)
{
    char addr[IP_TEXT_MAX];
    struct ip_addr ip = { IP_NONE, { 0 } };
    if (!ip_is_set(dns)) {
        sniprintf(why, whylen, "no DNS server was given to look up '%s'", name);
        return ip;
    }
    if (dns_resolve(in, dns, name, &ip, why, whylen)) {
        ip.family = IP_NONE;
        return ip;
    }
    log_info("TFTP server '%s' is %s (DNS)\n", name, ip_text(addr, sizeof(addr), &ip));
    return ip;
}

/* Option 66 (or the sname field) names the TFTP server: an address, or a
 * host name DNS looks up. Unset when neither works (the DHCP server is then
 * taken, as before). */
static struct ip_addr tftp_server_by_name(struct iface *in, const struct dhcp_lease *lease)
{
    const char *name = lease->tftp_server;
    uint32_t ip = ip_parse_v4(name, strlen(name));
    struct ip_addr dns = ip_v4(lease->dns);
    char why[96];
    if (ip)
        return ip_v4(ip);
    if (!ip_is_set(&dns)) {
        log_info("DHCP names the TFTP server '%s' but no DNS server to look it up; "
                 "using the DHCP server\n", name);
        return dns;
    }
    struct ip_addr a = server_by_name(in, name, &dns, why, sizeof(why));
    if (!ip_is_set(&a))
        log_info("cannot look up the TFTP server '%s': %s; using the DHCP server\n", name, why);
    return a;
}

/* What a network boot takes from DHCP or the boot arguments. */
/* IPv4: from DHCP, or from the device arguments alone when they name
 * address, server and file (SLOF's rule). */
static int configure4(struct iface *in, const struct net_args *na, struct net_plan *plan,
                      char *why, size_t whylen)
{
    uint32_t client = ip_v4_of(&na->client);
    plan->leased = !(ip_is_set(&na->server) && client && na->file[0]);
    if (!plan->leased) {
        in->ip = client;
        in->netmask = na->netmask ? na->netmask : net_default_netmask(client);
        in->router = ip_v4_of(&na->gateway);
        plan->server = na->server;
        log_info("net %s: address, server and file from the boot arguments; no DHCP\n",
                 in->dev->node->name);
        return 0;
    }
    struct dhcp_lease *lease = malloc(sizeof(*lease));
    if (!lease) {
        sniprintf(why, whylen, "no memory for DHCP");
        return ERR_NO_MEMORY;
    }
    int err = dhcp_configure(in, lease, why, whylen);
    if (!err) {
        dhcp_publish(lease);
        plan->server = ip_is_set(&na->server) ? na->server : ip_v4(lease->siaddr);
        if (!ip_is_set(&plan->server) && lease->tftp_server[0])
            plan->server = tftp_server_by_name(in, lease);
        if (!ip_is_set(&plan->server))
            plan->server = ip_v4(lease->server_id);
        if (client && client != in->ip)
            log_info("net %s: DHCP gave a different address than the boot arguments; using DHCP's\n",
                     in->dev->node->name);
        sniprintf(plan->file, sizeof(plan->file), "%s", lease->bootfile);
        memcpy(plan->pxe_config, lease->pxe_config, sizeof(plan->pxe_config));
        memcpy(plan->pxe_prefix, lease->pxe_prefix, sizeof(plan->pxe_prefix));
        if (lease->pxe_prefix[0] || lease->pxe_config[0])
            log_info("pxelinux from DHCP: path prefix '%s', config file '%s'\n", lease->pxe_prefix,
                     lease->pxe_config);
    }
    free(lease);
    return err;
}

/* The server and file of DHCPv6's boot file URL (a host name looked up
 * with the DNS server it gave). */
static int from_url(struct iface *in, const struct dhcp6_reply *reply, struct net_plan *plan, char *why,
                    size_t whylen)
{
    struct boot_url url;
    if (!reply->url[0])
        return 0;                     /* the arguments or the setting may name the file */
    int err = boot_url_parse(reply->url, &url);
    if (err) {
        sniprintf(why, whylen, "%s: '%s'", boot_url_strerror(err), reply->url);
        return ERR_INVALID;
    }
    if (url.host[0]) {
        struct ip_addr dns = reply->has_dns ? ip_v6(reply->dns) : (struct ip_addr){ IP_NONE, { 0 } };
        char how[96];
        url.server = server_by_name(in, url.host, &dns, how, sizeof(how));
        if (!ip_is_set(&url.server)) {
            sniprintf(why, whylen, "the boot file URL's host '%s' has no address: %s", url.host, how);
            return ERR_NOT_FOUND;
        }
    }
    plan->server = url.server;
    /* QEMU's user network, given no bootfile=, prints a null file name
     * into its URL; like a DHCPv4 lease without a file, that leaves the
     * pxelinux search. */
    if (strcmp(url.path, "(null)") == 0)
        log_info("the boot file URL names no file ('(null)'): taken as none\n");
    else
        sniprintf(plan->file, sizeof(plan->file), "%s", url.path);
    return 0;
}

/* IPv6: router discovery and an address from the router's prefix, then
 * DHCPv6 for an address (when the router says so) and the boot file URL;
 * or the arguments alone when they name server, file and address. */
static int configure6(struct iface *in, const struct net_args *na, struct net_plan *plan,
                      char *why, size_t whylen)
{
    char text[IP_TEXT_MAX];
    int err = ip6_configure(in, why, whylen);
    if (err)
        return err;
    plan->leased = !(ip_is_set(&na->server) && ip_is_set(&na->client) && na->file[0]);
    if (!plan->leased) {
        if (ip6_take_address(in, na->client.b)) {
            sniprintf(why, whylen, "the address the boot arguments give, %s, is in use on the link",
                      ip_text(text, sizeof(text), &na->client));
            return ERR_INVALID;
        }
        plan->server = na->server;
        log_info("net %s: IPv6 address, server and file from the boot arguments; no DHCPv6\n",
                 in->dev->node->name);
        return 0;
    }
    struct dhcp6_reply *reply = malloc(sizeof(*reply));
    if (!reply) {
        sniprintf(why, whylen, "no memory for DHCPv6");
        return ERR_NO_MEMORY;
    }
    err = dhcp6_configure(in, in->v6.got_ra && (in->v6.ra.flags & RA_MANAGED), reply, why, whylen);
    if (!err)
        err = from_url(in, reply, plan, why, whylen);
    free(reply);
    if (!err && ip_is_set(&na->server))
        plan->server = na->server;
    return err;
}

int net_configure(struct iface *in, const struct net_args *na, enum net_mode mode, struct net_plan *plan,
                  char *why, size_t whylen)
{
    memset(plan, 0, sizeof(*plan));
    int err;
    if (na->ipv6 || mode == NET_IPV6) {
        err = configure6(in, na, plan, why, whylen);
    } else {
        if (mode == NET_AUTO)
            ip6_start(in);            /* a router's answer lets DHCPv4 give up early */
        err = configure4(in, na, plan, why, whylen);
        /* IPv6 only where a router answered while DHCPv4 ran: without one
         * there is no prefix to take an address from, and a dead network
         * should cost no more than DHCPv4's tries. */
        if (err == ERR_NOT_FOUND && mode == NET_AUTO && in->v6.got_ra) {
            log_info("net %s: %s; trying IPv6\n", in->dev->node->name, why);
            err = configure6(in, na, plan, why, whylen);
        } else if (err == ERR_NOT_FOUND && mode == NET_AUTO) {
            size_t n = strlen(why);
            sniprintf(why + n, whylen - n, ", and no IPv6 router answered");
        }
    }
    if (!err && na->file[0]) {
        if (plan->leased && strcmp(na->file, plan->file) != 0)
            log_info("boot arguments: fetching '%s' instead of '%s'\n", na->file, plan->file);
        sniprintf(plan->file, sizeof(plan->file), "%s", na->file);
    }
    return err;
}
