/* SPDX-License-Identifier: BSD-2-Clause */
/* IPv6 on an interface (RFC 4861, 4862): the link-local address from the
 * MAC, duplicate address detection, router solicitation, an address from
 * the router's prefix, neighbour solicitations answered and sent. A
 * router advertisement is believed only when it could only have come from
 * the link (hop limit 255, link-local source, checked by packet6.c) and
 * says sensible things; the first such one is taken, the rest counted. */
#include <stdio.h>
#include <string.h>
#include "../board/log.h"
#include "../board/timebase.h"
#include "../lib/err.h"
#include "iface.h"

#define RS_TRIES 3
#define RS_WAIT_US 1000000
#define DAD_WAIT_US 1000000            /* RFC 4862: RetransTimer, one probe */
#define NS_TRIES 3
#define NS_WAIT_US 1000000

static const uint8_t unspecified[16];
static const uint8_t all_nodes[16] = { 0xff, 0x02, [15] = 1 };
static const uint8_t all_routers[16] = { 0xff, 0x02, [15] = 2 };
static uint8_t frame[ETH_FRAME_MAX];

/* prefix/64 with the interface identifier of the MAC (EUI-64, the
 * universal/local bit inverted). */
static void eui64(const uint8_t prefix[16], const uint8_t mac[6], uint8_t out[16])
{
    memcpy(out, prefix, 8);
    out[8] = mac[0] ^ 0x02;
    out[9] = mac[1];
    out[10] = mac[2];
    out[11] = 0xff;
    out[12] = 0xfe;
    memcpy(out + 13, mac + 3, 3);
}

static void send_nd(struct iface *in, uint8_t type, const uint8_t src[16], const uint8_t dst[16],
                    const uint8_t dst_mac[6], const uint8_t target[16], uint8_t flags)
{
    size_t n = frame_nd(frame, type, dst_mac, in->dev->mac, src, dst, target, flags);
    iface_send_frame(in, frame, n);
}

static void send_multicast_nd(struct iface *in, uint8_t type, const uint8_t src[16], const uint8_t dst[16],
                              const uint8_t target[16])
{
    uint8_t mac[6];
    ip6_multicast_mac(dst, mac);
    send_nd(in, type, src, dst, mac, target, 0);
}

bool ip6_is_ours(const struct iface *in, const uint8_t dst[16])
{
    uint8_t solicited[16];
    if (memcmp(dst, all_nodes, 16) == 0 || memcmp(dst, in->v6.ll, 16) == 0)
        return true;
    if (!ip6_is_unspecified(in->v6.global) && memcmp(dst, in->v6.global, 16) == 0)
        return true;
    ip6_solicited_node(in->v6.ll, solicited);
    return memcmp(dst, solicited, 16) == 0;
}

const uint8_t *ip6_source_for(const struct iface *in, const uint8_t dst[16])
{
    bool local = ip6_is_link_local(dst) || ip6_is_multicast(dst) || ip6_is_unspecified(in->v6.global);
    return local ? in->v6.ll : in->v6.global;
}

/* Whether an advertisement names a prefix to take an address in: global
 * unicast, 64 bits (an EUI-64 identifier fills the rest), autonomous,
 * valid for a while, preferred no longer than valid. */
static const char *prefix_problem(const struct nd_packet *ra)
{
    if (!ra->has_prefix || !(ra->prefix_flags & PREFIX_AUTONOMOUS))
        return NULL;                    /* nothing asked of us */
    if (ra->prefix_len != 64)
        return "a prefix that is not 64 bits long";
    if (ip6_is_link_local(ra->prefix) || ip6_is_multicast(ra->prefix) || ip6_is_unspecified(ra->prefix))
        return "a link-local, multicast or empty prefix";
    if (ra->valid_lifetime == 0 || ra->preferred_lifetime > ra->valid_lifetime)
        return "lifetimes that make no sense";
    return NULL;
}

static void take_ra(struct iface *in, const struct nd_packet *nd)
{
    char text[IP_TEXT_MAX];
    struct ip_addr a = ip_v6(nd->prefix);
    const char *problem = !ip6_is_link_local(nd->src) ? "not from a link-local address"
                        : prefix_problem(nd);
    if (in->v6.got_ra || problem) {
        if (problem && in->v6.ignored_ra++ == 0)
            log_info("ignored a router advertisement: %s (%s/%u)\n", problem, ip_text(text, sizeof(text), &a),
                     nd->prefix_len);
        else if (!problem)
            in->v6.ignored_ra++;
        return;
    }
    in->v6.got_ra = true;
    in->v6.ra = *nd;
}

void ip6_neighbour(struct iface *in, const struct nd_packet *nd)
{
    struct iface6 *v = &in->v6;
    if (!v->started)
        return;
    if (v->dad_running && memcmp(nd->target, v->tentative, 16) == 0 &&
        (nd->type == ND_NA || (nd->type == ND_NS && ip6_is_unspecified(nd->src)))) {
        v->duplicate = true;            /* another node has it, or wants it too */
        return;
    }
    if (!v->up && nd->type != ND_RA)
        return;                         /* no address yet to answer for or learn with */
    switch (nd->type) {
    case ND_NS:
        if (ip6_is_ours(in, nd->target) && !ip6_is_multicast(nd->target)) {
            bool dad = ip6_is_unspecified(nd->src);
            uint8_t mac[6];
            if (dad)
                ip6_multicast_mac(all_nodes, mac);
            else
                memcpy(mac, nd->has_lladdr ? nd->lladdr : nd->src_mac, 6);
            send_nd(in, ND_NA, nd->target, dad ? all_nodes : nd->src, mac, nd->target,
                    (dad ? 0 : NA_SOLICITED) | NA_OVERRIDE);
        }
        break;
    case ND_NA:
        if (nd->has_lladdr && memcmp(nd->target, v->nd_ip, 16) == 0) {
            memcpy(v->nd_mac, nd->lladdr, 6);
            v->nd_known = true;
        }
        break;
    case ND_RA:
        take_ra(in, nd);
        break;
    }
}

/* Duplicate address detection of addr: one probe from ::, then a second
 * of listening (dad_end), which may pass while other work goes on. */
static void begin_dad(struct iface *in, const uint8_t addr[16])
{
    uint8_t group[16];
    memcpy(in->v6.tentative, addr, 16);
    in->v6.duplicate = false;
    in->v6.dad_running = true;
    ip6_solicited_node(addr, group);
    send_multicast_nd(in, ND_NS, unspecified, group, addr);
    in->v6.dad_end = timebase_us() + DAD_WAIT_US;
}

/* The rest of the second: true when nobody else has the address. */
static bool finish_dad(struct iface *in)
{
    struct frame fr;
    while (timebase_us() < in->v6.dad_end && !in->v6.duplicate)
        iface_receive(in, &fr);
    in->v6.dad_running = false;
    return !in->v6.duplicate;
}

/* The link-local address's detection begins, and a router solicitation
 * goes out from :: (the address is not ours until the detection ends). */
void ip6_start(struct iface *in)
{
    static const uint8_t link_local[16] = { 0xfe, 0x80 };
    if (in->v6.started)
        return;
    eui64(link_local, in->dev->mac, in->v6.ll);
    in->v6.started = true;
    begin_dad(in, in->v6.ll);
    send_multicast_nd(in, ND_RS, unspecified, all_routers, unspecified);
}

int ip6_take_address(struct iface *in, const uint8_t addr[16])
{
    begin_dad(in, addr);
    if (!finish_dad(in))
        return ERR_NOT_FOUND;
    memcpy(in->v6.global, addr, 16);
    return 0;
}

/* Routers, asked a few times (the first solicitation went out at start);
 * the first advertisement worth taking. */
static void discover_router(struct iface *in)
{
    struct frame fr;
    for (int t = 0; t < RS_TRIES && !in->v6.got_ra; t++) {
        if (t)
            send_multicast_nd(in, ND_RS, in->v6.ll, all_routers, unspecified);
        uint64_t end = timebase_us() + RS_WAIT_US;
        while (timebase_us() < end && !in->v6.got_ra)
            iface_receive(in, &fr);
    }
}

int ip6_configure(struct iface *in, char *why, size_t whylen)
{
    char text[IP_TEXT_MAX];
    ip6_start(in);
    struct ip_addr ll = ip_v6(in->v6.ll);
    if (!finish_dad(in)) {
        sniprintf(why, whylen, "its IPv6 link-local address %s is in use on the link",
                  ip_text(text, sizeof(text), &ll));
        return ERR_NOT_FOUND;
    }
    in->v6.up = true;
    discover_router(in);
    if (in->v6.ignored_ra > 1)
        log_info("ignored %u more router advertisements\n", in->v6.ignored_ra - 1);
    if (!in->v6.got_ra)
        return 0;                       /* DHCPv6 on the link may still answer */
    const struct nd_packet *ra = &in->v6.ra;
    if (ra->router_lifetime) {
        memcpy(in->v6.router, ra->src, 16);
        memcpy(in->v6.router_mac, ra->has_lladdr ? ra->lladdr : ra->src_mac, 6);
    }
    if (ra->has_prefix && (ra->prefix_flags & PREFIX_ON_LINK)) {
        memcpy(in->v6.prefix, ra->prefix, 16);
        in->v6.prefix_len = ra->prefix_len;
    }
    if (ra->has_prefix && (ra->prefix_flags & PREFIX_AUTONOMOUS)) {
        uint8_t addr[16];
        eui64(ra->prefix, in->dev->mac, addr);
        struct ip_addr a = ip_v6(addr);
        if (ip6_take_address(in, addr))
            log_info("net %s: the address %s from the router's prefix is in use; not taken\n",
                     in->dev->node->name, ip_text(text, sizeof(text), &a));
    }
    return 0;
}

/* Whether dst is on the link: link-local, or in the on-link prefix. */
static bool on_link(const struct iface *in, const uint8_t dst[16])
{
    unsigned bits = in->v6.prefix_len;
    if (ip6_is_link_local(dst))
        return true;
    if (!bits || bits > 128 || memcmp(dst, in->v6.prefix, bits / 8) != 0)
        return false;
    return bits % 8 == 0 || ((dst[bits / 8] ^ in->v6.prefix[bits / 8]) >> (8 - bits % 8)) == 0;
}

int ip6_next_hop(struct iface *in, const uint8_t dst[16], uint8_t mac[6])
{
    struct iface6 *v = &in->v6;
    if (!on_link(in, dst)) {
        if (ip6_is_unspecified(v->router))
            return ERR_NOT_FOUND;       /* off the link, and no router to get there */
        memcpy(mac, v->router_mac, 6);
        return 0;
    }
    if (v->nd_known && memcmp(v->nd_ip, dst, 16) == 0) {
        memcpy(mac, v->nd_mac, 6);
        return 0;
    }
    memcpy(v->nd_ip, dst, 16);
    v->nd_known = false;
    uint8_t group[16];
    ip6_solicited_node(dst, group);
    struct frame fr;
    for (int t = 0; t < NS_TRIES; t++) {
        send_multicast_nd(in, ND_NS, ip6_source_for(in, dst), group, dst);
        uint64_t end = timebase_us() + NS_WAIT_US;
        while (timebase_us() < end && !v->nd_known)
            iface_receive(in, &fr);
        if (v->nd_known) {
            memcpy(mac, v->nd_mac, 6);
            return 0;
        }
    }
    return ERR_NOT_FOUND;
}
