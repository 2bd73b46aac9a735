/* SPDX-License-Identifier: BSD-2-Clause */
/* Ethernet, ARP, IPv4 and UDP: building frames and taking received ones
 * apart. Pure and bounded: every length comes from the frame and is checked
 * against it. Tested on the host with hostile frames. */
#ifndef NET_PACKET_H
#define NET_PACKET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ETH_HDR 14
#define IP_HDR 20
#define UDP_HDR 8
#define UDP_PAYLOAD_MAX (1500 - IP_HDR - UDP_HDR)

struct udp_packet {
    uint8_t src_mac[6];
    uint32_t src_ip, dst_ip;
    uint16_t src_port, dst_port;
    const uint8_t *data;
    size_t len;
};

struct arp_packet {
    uint16_t op;                 /* 1 request, 2 reply */
    uint8_t sender_mac[6];
    uint32_t sender_ip, target_ip;
};

enum frame_kind { FRAME_OTHER, FRAME_UDP, FRAME_ARP };

/* Classify and parse a received frame. Bad checksums, fragments, options
 * that overrun and lengths that lie all come back as FRAME_OTHER. */
enum frame_kind frame_parse(const uint8_t *f, size_t len, struct udp_packet *udp, struct arp_packet *arp);

/* Build a UDP/IPv4 frame in out (ETH_FRAME_MAX bytes); returns its length. */
size_t frame_udp(uint8_t *out, const uint8_t dst_mac[6], const uint8_t src_mac[6], uint32_t src_ip,
                 uint32_t dst_ip, uint16_t sport, uint16_t dport, const void *data, size_t len);
size_t frame_arp(uint8_t *out, uint16_t op, const uint8_t dst_mac[6], const uint8_t src_mac[6],
                 uint32_t src_ip, const uint8_t target_mac[6], uint32_t target_ip);

uint16_t ip_checksum(const uint8_t *p, size_t len, uint32_t seed);

#endif
