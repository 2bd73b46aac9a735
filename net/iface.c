/* SPDX-License-Identifier: BSD-2-Clause */
#include <string.h>
#include "../board/timebase.h"
#include "../lib/bytes.h"
#include "../lib/err.h"
#include "iface.h"

#define ARP_TRIES 4
#define ARP_WAIT_US 500000

const uint8_t mac_broadcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
const struct ip_addr ip_broadcast = { IP_V4, { 0xff, 0xff, 0xff, 0xff } };
static uint8_t frame[ETH_FRAME_MAX], rxframe[ETH_FRAME_MAX];

int iface_send_frame(struct iface *in, const uint8_t *f, size_t len)
{
    return netdev_send(in->dev, f, len);
}

static void answer_arp(struct iface *in, const struct arp_packet *a)
{
    if (a->op == 1 && in->ip && a->target_ip == in->ip) {
        size_t n = frame_arp(frame, 2, a->sender_mac, in->dev->mac, in->ip, a->sender_mac, a->sender_ip);
        netdev_send(in->dev, frame, n);
    }
    if (a->op == 2 && a->sender_ip == in->arp_ip)
        memcpy(in->arp_mac, a->sender_mac, 6);
}

enum frame_kind iface_receive(struct iface *in, struct frame *fr)
{
    size_t n = netdev_poll(in->dev, rxframe, sizeof(rxframe));
    if (!n)
        return FRAME_OTHER;
    enum frame_kind k = frame_parse(rxframe, n, fr);
    if (k == FRAME_ARP)
        answer_arp(in, &fr->arp);
    else if (k == FRAME_ND)
        ip6_neighbour(in, &fr->nd);
    return k;
}

static bool resolve(struct iface *in, uint32_t ip, uint8_t mac[6])
{
    static const uint8_t zero[6];
    uint32_t hop = (in->netmask && ((ip ^ in->ip) & in->netmask) && in->router) ? in->router : ip;
    if (in->arp_ip == hop && memcmp(in->arp_mac, zero, 6) != 0) {
        memcpy(mac, in->arp_mac, 6);
        return true;
    }
    in->arp_ip = hop;
    memset(in->arp_mac, 0, 6);
    for (int t = 0; t < ARP_TRIES; t++) {
        size_t n = frame_arp(frame, 1, mac_broadcast, in->dev->mac, in->ip, zero, hop);
        netdev_send(in->dev, frame, n);
        uint64_t end = timebase_us() + ARP_WAIT_US;
        while (timebase_us() < end) {
            struct frame ignored;
            iface_receive(in, &ignored);
            if (memcmp(in->arp_mac, zero, 6) != 0) {
                memcpy(mac, in->arp_mac, 6);
                return true;
            }
        }
    }
    return false;
}

/* IPv6: from the address ip6_source_for picks. */
static int send_udp6(struct iface *in, const uint8_t dst[16], uint16_t sport, uint16_t dport,
                     const void *data, size_t len)
{
    uint8_t mac[6];
    if (!in->v6.up)
        return ERR_INVALID;
    const uint8_t *src = ip6_source_for(in, dst);
    if (ip6_is_multicast(dst))
        ip6_multicast_mac(dst, mac);
    else if (ip6_next_hop(in, dst, mac))
        return ERR_NOT_FOUND;
    size_t n = frame_udp6(frame, mac, in->dev->mac, src, dst, sport, dport, data, len);
    return n ? netdev_send(in->dev, frame, n) : ERR_RANGE;
}

int iface_send_udp(struct iface *in, const struct ip_addr *dst, uint16_t sport, uint16_t dport,
                   const void *data, size_t len)
{
    uint8_t mac[6];
    if (dst->family == IP_V6)
        return send_udp6(in, dst->b, sport, dport, data, len);
    if (dst->family != IP_V4)
        return ERR_INVALID;
    uint32_t ip = ip_v4_of(dst);
    if (ip == 0xffffffffu)
        memcpy(mac, mac_broadcast, 6);
    else if (!resolve(in, ip, mac))
        return ERR_NOT_FOUND;
    size_t n = frame_udp(frame, mac, in->dev->mac, in->ip, ip, sport, dport, data, len);
    return n ? netdev_send(in->dev, frame, n) : ERR_RANGE;
}

/* Whether a datagram was sent to this interface. */
static bool for_us(const struct iface *in, const struct udp_packet *p)
{
    if (p->dst.family == IP_V6)
        return in->v6.up && ip6_is_ours(in, p->dst.b);
    uint32_t dst = ip_v4_of(&p->dst);
    return dst == in->ip || dst == 0xffffffffu || !in->ip;
}

int iface_recv_udp(struct iface *in, uint16_t port, uint64_t timeout_us, struct udp_packet *pkt)
{
    uint64_t end = timebase_us() + timeout_us;
    struct frame fr;
    do {
        if (iface_receive(in, &fr) == FRAME_UDP && fr.udp.dst_port == port && for_us(in, &fr.udp)) {
            *pkt = fr.udp;
            return 0;
        }
    } while (timebase_us() < end);
    return ERR_TIMEOUT;
}
