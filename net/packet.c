/* SPDX-License-Identifier: BSD-2-Clause */
#include <string.h>
#include "../lib/bytes.h"
#include "../dev/netdev.h"
#include "packet.h"

#define ETHERTYPE_IP 0x0800
#define ETHERTYPE_ARP 0x0806
#define ETHERTYPE_IPV6 0x86dd
#define IPPROTO_UDP 17

uint16_t ip_checksum(const uint8_t *p, size_t len, uint32_t sum)
{
    for (size_t i = 0; i + 1 < len; i += 2)
        sum += get_be16(p + i);
    if (len & 1)
        sum += (uint32_t)p[len - 1] << 8;
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return (uint16_t)~sum;
}

static uint32_t pseudo_header(uint32_t src, uint32_t dst, size_t udp_len)
{
    return (src >> 16) + (src & 0xffff) + (dst >> 16) + (dst & 0xffff) + IPPROTO_UDP + (uint32_t)udp_len;
}

enum frame_kind frame_parse(const uint8_t *f, size_t len, struct frame *out)
{
    if (len < ETH_HDR)
        return FRAME_OTHER;
    uint16_t type = get_be16(f + 12);
    const uint8_t *p = f + ETH_HDR;
    size_t plen = len - ETH_HDR;
    struct udp_packet *udp = &out->udp;
    struct arp_packet *arp = &out->arp;

    if (type == ETHERTYPE_IPV6)
        return frame_parse6(f + 6, p, plen, out);
    if (type == ETHERTYPE_ARP) {
        /* Ethernet/IPv4 ARP only: htype 1, ptype IP, sizes 6 and 4. */
        if (plen < 28 || get_be16(p) != 1 || get_be16(p + 2) != ETHERTYPE_IP || p[4] != 6 || p[5] != 4)
            return FRAME_OTHER;
        arp->op = get_be16(p + 6);
        memcpy(arp->sender_mac, p + 8, 6);
        arp->sender_ip = get_be32(p + 14);
        arp->target_ip = get_be32(p + 24);
        return FRAME_ARP;
    }
    if (type != ETHERTYPE_IP || plen < IP_HDR || (p[0] >> 4) != 4)
        return FRAME_OTHER;
    size_t ihl = (size_t)(p[0] & 0xf) * 4, total = get_be16(p + 2);
    if (ihl < IP_HDR || total < ihl + UDP_HDR || total > plen || p[9] != IPPROTO_UDP)
        return FRAME_OTHER;
    if ((get_be16(p + 6) & 0x3fff) != 0)        /* fragment: not reassembled */
        return FRAME_OTHER;
    if (ip_checksum(p, ihl, 0) != 0)
        return FRAME_OTHER;
    const uint8_t *u = p + ihl;
    size_t ulen = get_be16(u + 4);
    if (ulen < UDP_HDR || ulen > total - ihl)
        return FRAME_OTHER;
    udp->src = ip_v4(get_be32(p + 12));
    udp->dst = ip_v4(get_be32(p + 16));
    if (get_be16(u + 6) != 0 && ip_checksum(u, ulen, pseudo_header(get_be32(p + 12), get_be32(p + 16), ulen)) != 0)
        return FRAME_OTHER;
    memcpy(udp->src_mac, f + 6, 6);
    udp->src_port = get_be16(u);
    udp->dst_port = get_be16(u + 2);
    udp->data = u + UDP_HDR;
    udp->len = ulen - UDP_HDR;
    return FRAME_UDP;
}

void eth_header(uint8_t *out, const uint8_t dst[6], const uint8_t src[6], uint16_t type)
{
    memcpy(out, dst, 6);
    memcpy(out + 6, src, 6);
    put_be16(out + 12, type);
}

size_t frame_udp(uint8_t *out, const uint8_t dst_mac[6], const uint8_t src_mac[6], uint32_t src_ip,
                 uint32_t dst_ip, uint16_t sport, uint16_t dport, const void *data, size_t len)
{
    if (len > UDP_PAYLOAD_MAX)
        return 0;
    static uint16_t ident;
    uint8_t *ip = out + ETH_HDR, *u = ip + IP_HDR;
    size_t ulen = UDP_HDR + len;
    eth_header(out, dst_mac, src_mac, ETHERTYPE_IP);
    memset(ip, 0, IP_HDR);
    ip[0] = 0x45;
    put_be16(ip + 2, (uint16_t)(IP_HDR + ulen));
    put_be16(ip + 4, ident++);
    ip[8] = 64;
    ip[9] = IPPROTO_UDP;
    put_be32(ip + 12, src_ip);
    put_be32(ip + 16, dst_ip);
    put_be16(ip + 10, ip_checksum(ip, IP_HDR, 0));
    put_be16(u, sport);
    put_be16(u + 2, dport);
    put_be16(u + 4, (uint16_t)ulen);
    put_be16(u + 6, 0);
    memcpy(u + UDP_HDR, data, len);
    uint16_t sum = ip_checksum(u, ulen, pseudo_header(src_ip, dst_ip, ulen));
    put_be16(u + 6, sum ? sum : 0xffff);
    return ETH_HDR + IP_HDR + ulen;
}

size_t frame_arp(uint8_t *out, uint16_t op, const uint8_t dst_mac[6], const uint8_t src_mac[6],
                 uint32_t src_ip, const uint8_t target_mac[6], uint32_t target_ip)
{
    uint8_t *p = out + ETH_HDR;
    eth_header(out, dst_mac, src_mac, ETHERTYPE_ARP);
    put_be16(p, 1);
    put_be16(p + 2, ETHERTYPE_IP);
    p[4] = 6;
    p[5] = 4;
    put_be16(p + 6, op);
    memcpy(p + 8, src_mac, 6);
    put_be32(p + 14, src_ip);
    memcpy(p + 18, target_mac, 6);
    put_be32(p + 24, target_ip);
    return ETH_HDR + 28;
}
