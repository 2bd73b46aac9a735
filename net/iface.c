/* SPDX-License-Identifier: BSD-2-Clause */
#include <string.h>
#include "../board/timebase.h"
#include "../lib/err.h"
#include "iface.h"

#define ARP_TRIES 4
#define ARP_WAIT_US 500000

const uint8_t mac_broadcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
static uint8_t frame[ETH_FRAME_MAX], rxframe[ETH_FRAME_MAX];

static void answer_arp(struct iface *in, const struct arp_packet *a)
{
    if (a->op == 1 && in->ip && a->target_ip == in->ip) {
        size_t n = frame_arp(frame, 2, a->sender_mac, in->dev->mac, in->ip, a->sender_mac, a->sender_ip);
        netdev_send(in->dev, frame, n);
    }
    if (a->op == 2 && a->sender_ip == in->arp_ip)
        memcpy(in->arp_mac, a->sender_mac, 6);
}

/* Take one frame off the device; returns its kind. */
static enum frame_kind receive(struct iface *in, struct udp_packet *udp)
{
    struct arp_packet arp;
    size_t n = netdev_poll(in->dev, rxframe, sizeof(rxframe));
    if (!n)
        return FRAME_OTHER;
    enum frame_kind k = frame_parse(rxframe, n, udp, &arp);
    if (k == FRAME_ARP)
        answer_arp(in, &arp);
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
            struct udp_packet ignored;
            receive(in, &ignored);
            if (memcmp(in->arp_mac, zero, 6) != 0) {
                memcpy(mac, in->arp_mac, 6);
                return true;
            }
        }
    }
    return false;
}

int iface_send_udp(struct iface *in, uint32_t dst_ip, uint16_t sport, uint16_t dport,
                   const void *data, size_t len)
{
    uint8_t mac[6];
    if (dst_ip == 0xffffffffu)
        memcpy(mac, mac_broadcast, 6);
    else if (!resolve(in, dst_ip, mac))
        return ERR_NOT_FOUND;
    size_t n = frame_udp(frame, mac, in->dev->mac, in->ip, dst_ip, sport, dport, data, len);
    return n ? netdev_send(in->dev, frame, n) : ERR_RANGE;
}

int iface_recv_udp(struct iface *in, uint16_t port, uint64_t timeout_us, struct udp_packet *pkt)
{
    uint64_t end = timebase_us() + timeout_us;
    do {
        if (receive(in, pkt) == FRAME_UDP && pkt->dst_port == port &&
            (pkt->dst_ip == in->ip || pkt->dst_ip == 0xffffffffu || !in->ip))
            return 0;
    } while (timebase_us() < end);
    return ERR_TIMEOUT;
}
