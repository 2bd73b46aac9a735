/* SPDX-License-Identifier: BSD-2-Clause */
/* DHCPv6 (RFC 8415) messages: SOLICIT, REQUEST and INFORMATION-REQUEST
 * built, ADVERTISE and REPLY parsed from untrusted payloads: the address
 * (IA_NA), the boot file URL (RFC 5970), DNS servers; and the boot file
 * URL itself taken apart. Pure; every option length is checked against its
 * buffer; tested on the host and fuzzed. */
#ifndef NET_DHCP6_H
#define NET_DHCP6_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "addr.h"

#define DHCP6_CLIENT_PORT 546
#define DHCP6_SERVER_PORT 547
#define DHCP6_SOLICIT 1
#define DHCP6_ADVERTISE 2
#define DHCP6_REQUEST 3
#define DHCP6_REPLY 7
#define DHCP6_INFORMATION_REQUEST 11
#define DHCP6_DUID_MAX 130            /* a DUID is at most 128 bytes, plus its type */
#define DHCP6_URL_MAX 256
#define DHCP6_MESSAGE_MAX 1452        /* a UDP payload in one IPv6 frame */

struct dhcp6_reply {
    uint8_t type;
    uint8_t server_id[DHCP6_DUID_MAX];
    uint16_t server_id_len;
    uint16_t status;                  /* the message's status code; 0: success */
    bool has_addr;                    /* IA_NA gave an address */
    uint8_t addr[16];
    uint32_t preferred, valid;        /* its lifetimes, seconds */
    bool has_dns;
    uint8_t dns[16];                  /* the first DNS server */
    char url[DHCP6_URL_MAX];          /* the boot file URL, as sent (not checked) */
};

enum dhcp6_error {
    DHCP6_ERR_SHORT = -1,
    DHCP6_ERR_NOT_OURS = -2,          /* another transaction, or another client's id */
    DHCP6_ERR_OPTIONS = -3,           /* an option runs past its message or its IA */
    DHCP6_ERR_NO_SERVER = -4,         /* an ADVERTISE without a server identifier */
    DHCP6_ERR_LONG = -5,              /* a boot file URL longer than kept */
};

/* A message of `type` with transaction id xid (24 bits) from the client
 * with link-layer address mac: the client identifier (a DUID-LL), an
 * elapsed time, the options wanted (boot file URL, DNS servers); with
 * server_id (may be NULL) the server's identifier; for SOLICIT and
 * REQUEST an IA_NA, asking for `addr` when not NULL. Its length. */
size_t dhcp6_build(uint8_t *out, size_t max, uint8_t type, uint32_t xid, const uint8_t mac[6],
                   const uint8_t *server_id, size_t server_id_len, const uint8_t *addr);
/* An ADVERTISE or REPLY answering xid for the client with mac. 0, or a
 * dhcp6_error. */
int dhcp6_parse(const uint8_t *p, size_t len, uint32_t xid, const uint8_t mac[6], struct dhcp6_reply *out);
const char *dhcp6_strerror(int err);

/* A boot file URL: tftp://[IPv6]/path, tftp://IPv4/path, or
 * tftp://host/path (a name for DNS). */
struct boot_url {
    struct ip_addr server;            /* the address, when the URL gives one */
    char host[254];                   /* the host name, when it gives a name */
    char path[DHCP6_URL_MAX];
};
enum boot_url_error {
    URL_ERR_SCHEME = -1,              /* not tftp:// */
    URL_ERR_HOST = -2,                /* no host, or not an address or a host name */
    URL_ERR_PATH = -3,                /* no file after the host */
    URL_ERR_TEXT = -4,                /* control characters or bytes over 0x7e */
};
int boot_url_parse(const char *url, struct boot_url *out);
const char *boot_url_strerror(int err);

#endif
