/* SPDX-License-Identifier: BSD-2-Clause */
/* Ethernet, ARP, IPv4, IPv6 with ICMPv6 neighbour discovery, and UDP:
 * building frames and taking received ones apart. Pure and bounded: every
 * length comes from the frame and is checked against it. Tested on the
 * host with hostile frames, and fuzzed. */
#ifndef NET_PACKET_H
#define NET_PACKET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "addr.h"

#define ETH_HDR 14
#define IP_HDR 20
#define IP6_HDR 40
#define UDP_HDR 8
#define UDP_PAYLOAD_MAX (1500 - IP_HDR - UDP_HDR)
#define UDP6_PAYLOAD_MAX (1500 - IP6_HDR - UDP_HDR)

struct udp_packet {
    uint8_t src_mac[6];
    struct ip_addr src, dst;
    uint16_t src_port, dst_port;
    const uint8_t *data;
    size_t len;
};

struct arp_packet {
    uint16_t op;                 /* 1 request, 2 reply */
    uint8_t sender_mac[6];
    uint32_t sender_ip, target_ip;
};

/* ICMPv6 neighbour discovery (RFC 4861), what the firmware needs of it. */
#define ND_RS 133
#define ND_RA 134
#define ND_NS 135
#define ND_NA 136
#define RA_MANAGED 0x80          /* addresses from DHCPv6 */
#define RA_OTHER 0x40            /* other configuration from DHCPv6 */
#define NA_ROUTER 0x80
#define NA_SOLICITED 0x40
#define NA_OVERRIDE 0x20
#define PREFIX_ON_LINK 0x80
#define PREFIX_AUTONOMOUS 0x40

struct nd_packet {
    uint8_t type;
    uint8_t src_mac[6];          /* the frame's */
    uint8_t src[16], dst[16];    /* the IPv6 header's */
    uint8_t target[16];          /* NS, NA */
    uint8_t flags;               /* RA: RA_*; NA: NA_* */
    bool has_lladdr;             /* NS, RA: the sender's link-layer address; NA: the target's */
    uint8_t lladdr[6];
    uint16_t router_lifetime;    /* RA, seconds */
    /* RA: its first prefix information option */
    bool has_prefix;
    uint8_t prefix[16], prefix_len, prefix_flags;
    uint32_t valid_lifetime, preferred_lifetime;
};

enum frame_kind { FRAME_OTHER, FRAME_UDP, FRAME_ARP, FRAME_ND };

struct frame {
    struct udp_packet udp;       /* FRAME_UDP */
    struct arp_packet arp;       /* FRAME_ARP */
    struct nd_packet nd;         /* FRAME_ND */
};

/* Classify and parse a received frame. Bad checksums, fragments, options
 * that overrun, lengths that lie, IPv6 extension chains that do not end
 * within the packet, and neighbour discovery not sent on the link (hop
 * limit below 255) all come back as FRAME_OTHER. */
enum frame_kind frame_parse(const uint8_t *f, size_t len, struct frame *out);
/* The IPv6 part of it (packet6.c): p is what follows the Ethernet header. */
enum frame_kind frame_parse6(const uint8_t *mac_src, const uint8_t *p, size_t len, struct frame *out);

/* Build a UDP/IPv4 frame in out (ETH_FRAME_MAX bytes); returns its length. */
size_t frame_udp(uint8_t *out, const uint8_t dst_mac[6], const uint8_t src_mac[6], uint32_t src_ip,
                 uint32_t dst_ip, uint16_t sport, uint16_t dport, const void *data, size_t len);
size_t frame_arp(uint8_t *out, uint16_t op, const uint8_t dst_mac[6], const uint8_t src_mac[6],
                 uint32_t src_ip, const uint8_t target_mac[6], uint32_t target_ip);
/* UDP over IPv6 (0 when len is over UDP6_PAYLOAD_MAX). */
size_t frame_udp6(uint8_t *out, const uint8_t dst_mac[6], const uint8_t src_mac[6], const uint8_t src[16],
                  const uint8_t dst[16], uint16_t sport, uint16_t dport, const void *data, size_t len);
/* A neighbour discovery message: RS (target unused), NS or NA; the
 * link-layer address option carries src_mac unless src is unspecified
 * (duplicate address detection). flags: NA_* for an NA. */
size_t frame_nd(uint8_t *out, uint8_t type, const uint8_t dst_mac[6], const uint8_t src_mac[6],
                const uint8_t src[16], const uint8_t dst[16], const uint8_t target[16], uint8_t flags);

uint16_t ip_checksum(const uint8_t *p, size_t len, uint32_t seed);
/* An Ethernet header (shared by packet.c and packet6.c). */
void eth_header(uint8_t *out, const uint8_t dst[6], const uint8_t src[6], uint16_t type);
/* The Ethernet address an IPv6 multicast address goes to (33:33 and its last four bytes). */
void ip6_multicast_mac(const uint8_t ip[16], uint8_t mac[6]);
/* The solicited-node multicast address of ip (ff02::1:ffXX:XXXX). */
void ip6_solicited_node(const uint8_t ip[16], uint8_t out[16]);

#endif
