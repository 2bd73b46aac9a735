/* SPDX-License-Identifier: BSD-2-Clause */
/* One configured interface: frames in and out through a netdev, ARP answered
 * and resolved, UDP datagrams sent and awaited with timeouts. */
#ifndef NET_IFACE_H
#define NET_IFACE_H

#include <stdbool.h>
#include <stdint.h>
#include "../dev/netdev.h"
#include "packet.h"

struct iface {
    struct netdev *dev;
    uint32_t ip, netmask, router;
    uint32_t arp_ip;                 /* one-entry ARP cache */
    uint8_t arp_mac[6];
};

extern const uint8_t mac_broadcast[6];

/* Send a UDP datagram; dst_ip 0xffffffff goes to the broadcast MAC, others
 * to the next hop, resolved with ARP. 0, ERR_NOT_FOUND when ARP gets no
 * answer, or the device's error. */
int iface_send_udp(struct iface *in, uint32_t dst_ip, uint16_t sport, uint16_t dport,
                   const void *data, size_t len);
/* Wait up to timeout_us for a UDP datagram to local port `port`, answering
 * ARP requests meanwhile. The packet's data points into a buffer that stays
 * valid until the next call. 0 got one, ERR_TIMEOUT. */
int iface_recv_udp(struct iface *in, uint16_t port, uint64_t timeout_us, struct udp_packet *pkt);

#endif
