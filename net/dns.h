/* SPDX-License-Identifier: BSD-2-Clause */
/* DNS (RFC 1035), only as far as a boot needs: one question for a host
 * name's A (IPv4) or AAAA (IPv6) record (DHCP option 66 or a boot file URL
 * may name the TFTP server), and the answer taken from a reply nobody
 * vouches for. Pure; every length and every name pointer is checked
 * against the message; tested on the host and fuzzed. */
#ifndef NET_DNS_H
#define NET_DNS_H

#include <stddef.h>
#include <stdint.h>
#include "addr.h"

#define DNS_PORT 53
#define DNS_NAME_MAX 253

enum dns_error {
    DNS_ERR_SHORT = -1,              /* cut off inside a field */
    DNS_ERR_NOT_OURS = -2,           /* another id, or not a reply */
    DNS_ERR_FAILED = -3,             /* the server said no (its rcode) */
    DNS_ERR_NO_ADDRESS = -4,         /* an answer without an address of the family */
    DNS_ERR_NAME = -5,               /* a name that is not one (loops, lengths) */
};

/* The query for `name`'s address of `family` (an A or AAAA record): its
 * length, or 0 when the name is not a host name (empty, a label over 63
 * bytes, over DNS_NAME_MAX) or out is too small. */
size_t dns_build_query(uint8_t *out, size_t max, uint16_t id, const char *name, enum ip_family family);
/* The first record of the family answering query `id`, in *ip. 0 or a
 * dns_error. */
int dns_parse_reply(const uint8_t *p, size_t len, uint16_t id, enum ip_family family, struct ip_addr *ip);
const char *dns_strerror(int err);

#endif
