/* SPDX-License-Identifier: BSD-2-Clause */
/* IP addresses of either family, as the network clients pass them around,
 * and as text: IPv4 dotted quads, IPv6 as RFC 4291 writes them (parsed
 * with or without "::") and RFC 5952 prints them (lower case, the longest
 * run of zero groups as "::"). Pure; tested on the host and fuzzed. */
#ifndef NET_ADDR_H
#define NET_ADDR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum ip_family { IP_NONE, IP_V4, IP_V6 };

struct ip_addr {
    uint8_t family;               /* enum ip_family */
    uint8_t b[16];                /* network order; IPv4 in the first four */
};

#define IP_TEXT_MAX 46            /* the longest IPv6 text, with its NUL */

struct ip_addr ip_v4(uint32_t v4);
/* The IPv4 address as a number (0 for any other). */
uint32_t ip_v4_of(const struct ip_addr *a);
struct ip_addr ip_v6(const uint8_t b[16]);
bool ip_equal(const struct ip_addr *a, const struct ip_addr *b);
bool ip_is_set(const struct ip_addr *a);
/* fe80::/10, ff00::/8, :: */
bool ip6_is_link_local(const uint8_t b[16]);
bool ip6_is_multicast(const uint8_t b[16]);
bool ip6_is_unspecified(const uint8_t b[16]);

/* A dotted quad ("10.0.2.2") in s (len bytes), or 0. */
uint32_t ip_parse_v4(const char *s, size_t len);
/* The address in s (len bytes, no brackets): an IPv4 dotted quad or an
 * IPv6 address. true with *out, or false. */
bool ip_parse(const char *s, size_t len, struct ip_addr *out);
/* As text; returns out. */
char *ip_text(char *out, size_t outlen, const struct ip_addr *a);

#endif
