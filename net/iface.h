/* SPDX-License-Identifier: BSD-2-Clause */
/* One configured interface: frames in and out through a netdev, ARP and
 * IPv6 neighbour solicitations answered, next hops resolved, UDP datagrams
 * sent and awaited with timeouts, over IPv4 or IPv6. */
#ifndef NET_IFACE_H
#define NET_IFACE_H

#include <stdbool.h>
#include <stdint.h>
#include "../dev/netdev.h"
#include "addr.h"
#include "packet.h"

/* IPv6 on the interface (ip6.c). */
struct iface6 {
    bool started;                    /* the link-local address is under detection */
    bool up;                         /* it is usable */
    uint8_t ll[16];                  /* link-local, from the MAC (EUI-64) */
    uint8_t global[16];              /* from the router's prefix or DHCPv6; all zero: none */
    uint8_t prefix[16];              /* the on-link prefix, and its length (0: none) */
    uint8_t prefix_len;
    uint8_t router[16];              /* the default router (link-local); all zero: none */
    uint8_t router_mac[6];
    uint8_t nd_ip[16], nd_mac[6];    /* one-entry neighbour cache */
    bool nd_known;
    uint8_t tentative[16];           /* under duplicate address detection */
    bool dad_running, duplicate;
    uint64_t dad_end;                /* when the detection's second is over */
    bool got_ra;                     /* a router advertisement was taken */
    struct nd_packet ra;             /* that advertisement */
    unsigned ignored_ra;             /* router advertisements not taken */
};

struct iface {
    struct netdev *dev;
    uint32_t ip, netmask, router;    /* IPv4 */
    uint32_t arp_ip;                 /* one-entry ARP cache */
    uint8_t arp_mac[6];
    struct iface6 v6;
};

extern const uint8_t mac_broadcast[6];
extern const struct ip_addr ip_broadcast;      /* 255.255.255.255 */

/* Send a UDP datagram to dst: IPv4 broadcast, IPv6 multicast, or a
 * unicast address's next hop (resolved with ARP or neighbour discovery).
 * 0, ERR_NOT_FOUND when the next hop does not answer, ERR_INVALID for an
 * address family the interface is not configured for, or the device's
 * error. */
int iface_send_udp(struct iface *in, const struct ip_addr *dst, uint16_t sport, uint16_t dport,
                   const void *data, size_t len);
/* Wait up to timeout_us for a UDP datagram to local port `port` (sent to
 * one of the interface's addresses, a broadcast, or an IPv6 multicast
 * group it is in), answering ARP and neighbour solicitations meanwhile.
 * The packet's data points into a buffer that stays valid until the next
 * call. 0 got one, ERR_TIMEOUT. */
int iface_recv_udp(struct iface *in, uint16_t port, uint64_t timeout_us, struct udp_packet *pkt);
/* Take one frame off the device (answering what must be answered), or
 * FRAME_OTHER when none is waiting. */
enum frame_kind iface_receive(struct iface *in, struct frame *fr);
/* Send a built frame. */
int iface_send_frame(struct iface *in, const uint8_t *frame, size_t len);

/* ip6.c: the link-local address (from the MAC) and its duplicate address
 * detection, router discovery and an address from the router's prefix
 * (SLAAC). 0, or why not (ERR_NOT_FOUND: the link-local address is
 * someone else's). A network without routers leaves the interface with its
 * link-local address alone. */
int ip6_configure(struct iface *in, char *why, size_t whylen);
/* Start IPv6 without waiting: the link-local address's duplicate address
 * detection, and one router solicitation whose answer a later
 * ip6_configure takes (network-mode=auto does both while DHCPv4 runs). */
void ip6_start(struct iface *in);
/* Take `addr` (from DHCPv6) as the interface's global address, after its
 * duplicate address detection: 0, or ERR_NOT_FOUND when it is in use. */
int ip6_take_address(struct iface *in, const uint8_t addr[16]);
/* A neighbour discovery message received: solicitations for our
 * addresses answered, advertisements learnt, a router's advertisement
 * kept for ip6_configure. */
void ip6_neighbour(struct iface *in, const struct nd_packet *nd);
/* The Ethernet address to send to IPv6 address dst: 0, or ERR_NOT_FOUND. */
int ip6_next_hop(struct iface *in, const uint8_t dst[16], uint8_t mac[6]);
/* Whether dst (IPv6) is one of the interface's addresses or groups. */
bool ip6_is_ours(const struct iface *in, const uint8_t dst[16]);
/* The address to send to dst from: the link-local one to link-local and
 * multicast destinations (or when there is no other), the global one to
 * the rest. */
const uint8_t *ip6_source_for(const struct iface *in, const uint8_t dst[16]);

#endif
