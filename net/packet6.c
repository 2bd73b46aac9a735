/* SPDX-License-Identifier: BSD-2-Clause */
/* IPv6 frames: the header and its extension chain, UDP, and ICMPv6
 * neighbour discovery (RS, RA, NS, NA with their link-layer address and
 * prefix information options). Received packets are checked as RFC 4861
 * asks: checksums, hop limit 255 for neighbour discovery (so nothing off
 * the link can forge it), option lengths that are not 0 and fit. */
#include <string.h>
#include "../lib/bytes.h"
#include "packet.h"

#define ETHERTYPE_IPV6 0x86dd
#define NEXT_HOP_BY_HOP 0
#define NEXT_UDP 17
#define NEXT_ROUTING 43
#define NEXT_FRAGMENT 44
#define NEXT_ICMPV6 58
#define NEXT_NONE 59
#define NEXT_DEST_OPTIONS 60
#define CHAIN_MAX 8                     /* extension headers followed, at most */
#define ND_HOP_LIMIT 255
#define OPT_SOURCE_LLADDR 1
#define OPT_TARGET_LLADDR 2
#define OPT_PREFIX 3

void ip6_multicast_mac(const uint8_t ip[16], uint8_t mac[6])
{
    mac[0] = 0x33;
    mac[1] = 0x33;
    memcpy(mac + 2, ip + 12, 4);
}

void ip6_solicited_node(const uint8_t ip[16], uint8_t out[16])
{
    static const uint8_t head[13] = { 0xff, 0x02, [11] = 0x01, [12] = 0xff };
    memcpy(out, head, 13);
    memcpy(out + 13, ip + 13, 3);
}

/* The pseudo-header's sum: the addresses, the upper-layer length and
 * the next header. */
static uint32_t pseudo_sum(const uint8_t src[16], const uint8_t dst[16], uint32_t len, uint8_t next)
{
    uint32_t sum = (len >> 16) + (len & 0xffff) + next;
    for (int i = 0; i < 16; i += 2)
        sum += get_be16(src + i) + get_be16(dst + i);
    return sum;
}

/* The options of an NS, NA or RA, from `o` (len bytes). false when one
 * says it has no length or runs past the end: the message is then not one
 * to believe (RFC 4861 7.1.1). */
static bool nd_options(const uint8_t *o, size_t len, struct nd_packet *nd)
{
    while (len) {
        if (len < 2 || o[1] == 0 || (size_t)o[1] * 8 > len)
            return false;
        size_t olen = (size_t)o[1] * 8;
        if ((o[0] == OPT_SOURCE_LLADDR || o[0] == OPT_TARGET_LLADDR) && olen >= 8 && !nd->has_lladdr &&
            o[0] == (nd->type == ND_NA ? OPT_TARGET_LLADDR : OPT_SOURCE_LLADDR)) {
            nd->has_lladdr = true;
            memcpy(nd->lladdr, o + 2, 6);
        } else if (o[0] == OPT_PREFIX && olen == 32 && nd->type == ND_RA && !nd->has_prefix) {
            nd->has_prefix = true;
            nd->prefix_len = o[2];
            nd->prefix_flags = o[3];
            nd->valid_lifetime = get_be32(o + 4);
            nd->preferred_lifetime = get_be32(o + 8);
            memcpy(nd->prefix, o + 16, 16);
        }
        o += olen;
        len -= olen;
    }
    return true;
}

/* An ICMPv6 message: neighbour discovery, or nothing the firmware takes. */
static enum frame_kind icmp6(const uint8_t *ip, const uint8_t *m, size_t len, struct nd_packet *nd)
{
    if (len < 8 || ip[7] != ND_HOP_LIMIT || m[1] != 0)
        return FRAME_OTHER;
    memset(nd, 0, sizeof(*nd));
    nd->type = m[0];
    memcpy(nd->src, ip + 8, 16);
    memcpy(nd->dst, ip + 24, 16);
    switch (m[0]) {
    case ND_RA:
        if (len < 16)
            return FRAME_OTHER;
        nd->flags = m[5];
        nd->router_lifetime = get_be16(m + 6);
        return nd_options(m + 16, len - 16, nd) ? FRAME_ND : FRAME_OTHER;
    case ND_NS:
    case ND_NA:
        if (len < 24 || ip6_is_multicast(m + 8))
            return FRAME_OTHER;
        nd->flags = m[0] == ND_NA ? m[4] : 0;
        memcpy(nd->target, m + 8, 16);
        return nd_options(m + 24, len - 24, nd) ? FRAME_ND : FRAME_OTHER;
    default:                                /* RS (routers answer them), echo, errors */
        return FRAME_OTHER;
    }
}

enum frame_kind frame_parse6(const uint8_t *mac_src, const uint8_t *p, size_t len, struct frame *out)
{
    if (len < IP6_HDR || (p[0] >> 4) != 6)
        return FRAME_OTHER;
    size_t payload = get_be16(p + 4);
    if (payload > len - IP6_HDR)
        return FRAME_OTHER;
    const uint8_t *h = p + IP6_HDR, *end = h + payload;
    uint8_t next = p[6];
    for (int n = 0; next == NEXT_HOP_BY_HOP || next == NEXT_ROUTING || next == NEXT_DEST_OPTIONS; n++) {
        if (n == CHAIN_MAX || end - h < 8 || (size_t)(h[1] + 1) * 8 > (size_t)(end - h))
            return FRAME_OTHER;                 /* too long a chain, or one that overruns */
        next = h[0];
        h += (size_t)(h[1] + 1) * 8;
    }
    size_t ulen = (size_t)(end - h);
    uint32_t sum = pseudo_sum(p + 8, p + 24, (uint32_t)ulen, next);
    if (next == NEXT_ICMPV6) {                  /* (a fragment, NEXT_FRAGMENT, is not reassembled) */
        if (ip_checksum(h, ulen, sum) != 0)
            return FRAME_OTHER;
        enum frame_kind k = icmp6(p, h, ulen, &out->nd);
        if (k == FRAME_ND)
            memcpy(out->nd.src_mac, mac_src, 6);
        return k;
    }
    if (next != NEXT_UDP || ulen < UDP_HDR || get_be16(h + 4) != ulen)
        return FRAME_OTHER;
    if (get_be16(h + 6) == 0 || ip_checksum(h, ulen, sum) != 0)
        return FRAME_OTHER;                     /* over IPv6 the checksum is not optional */
    struct udp_packet *udp = &out->udp;
    memcpy(udp->src_mac, mac_src, 6);
    udp->src = ip_v6(p + 8);
    udp->dst = ip_v6(p + 24);
    udp->src_port = get_be16(h);
    udp->dst_port = get_be16(h + 2);
    udp->data = h + UDP_HDR;
    udp->len = ulen - UDP_HDR;
    return FRAME_UDP;
}

/* The Ethernet and IPv6 headers; returns where the payload goes. */
static uint8_t *ip6_header(uint8_t *out, const uint8_t dst_mac[6], const uint8_t src_mac[6],
                           const uint8_t src[16], const uint8_t dst[16], size_t payload, uint8_t next,
                           uint8_t hop_limit)
{
    uint8_t *ip = out + ETH_HDR;
    eth_header(out, dst_mac, src_mac, ETHERTYPE_IPV6);
    memset(ip, 0, IP6_HDR);
    ip[0] = 0x60;
    put_be16(ip + 4, (uint16_t)payload);
    ip[6] = next;
    ip[7] = hop_limit;
    memcpy(ip + 8, src, 16);
    memcpy(ip + 24, dst, 16);
    return ip + IP6_HDR;
}

size_t frame_udp6(uint8_t *out, const uint8_t dst_mac[6], const uint8_t src_mac[6], const uint8_t src[16],
                  const uint8_t dst[16], uint16_t sport, uint16_t dport, const void *data, size_t len)
{
    if (len > UDP6_PAYLOAD_MAX)
        return 0;
    size_t ulen = UDP_HDR + len;
    uint8_t *u = ip6_header(out, dst_mac, src_mac, src, dst, ulen, NEXT_UDP, 64);
    put_be16(u, sport);
    put_be16(u + 2, dport);
    put_be16(u + 4, (uint16_t)ulen);
    put_be16(u + 6, 0);
    memcpy(u + UDP_HDR, data, len);
    uint16_t sum = ip_checksum(u, ulen, pseudo_sum(src, dst, (uint32_t)ulen, NEXT_UDP));
    put_be16(u + 6, sum ? sum : 0xffff);
    return ETH_HDR + IP6_HDR + ulen;
}

size_t frame_nd(uint8_t *out, uint8_t type, const uint8_t dst_mac[6], const uint8_t src_mac[6],
                const uint8_t src[16], const uint8_t dst[16], const uint8_t target[16], uint8_t flags)
{
    uint8_t m[32] = { type };
    size_t len = type == ND_RS ? 8 : 24;
    if (type != ND_RS)
        memcpy(m + 8, target, 16);
    if (type == ND_NA)
        m[4] = flags;
    if (!ip6_is_unspecified(src)) {  /* no link-layer option from :: (RFC 4861 4.3) */
        m[len] = type == ND_NA ? OPT_TARGET_LLADDR : OPT_SOURCE_LLADDR;
        m[len + 1] = 1;
        memcpy(m + len + 2, src_mac, 6);
        len += 8;
    }
    uint8_t *icmp = ip6_header(out, dst_mac, src_mac, src, dst, len, NEXT_ICMPV6, ND_HOP_LIMIT);
    memcpy(icmp, m, len);
    put_be16(icmp + 2, ip_checksum(icmp, len, pseudo_sum(src, dst, (uint32_t)len, NEXT_ICMPV6)));
    return ETH_HDR + IP6_HDR + len;
}
