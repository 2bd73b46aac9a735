/* SPDX-License-Identifier: BSD-2-Clause */
/* DHCP (RFC 2131) messages: built for DISCOVER and REQUEST, parsed from
 * untrusted OFFER/ACK/NAK payloads. Pure; every option length is checked
 * against its buffer, and option overload is followed once, never again. */
#ifndef NET_DHCP_H
#define NET_DHCP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DHCP_DISCOVER 1
#define DHCP_OFFER 2
#define DHCP_REQUEST 3
#define DHCP_ACK 5
#define DHCP_NAK 6
#define DHCP_SERVER_PORT 67
#define DHCP_CLIENT_PORT 68
#define DHCP_NAME_MAX 128
#define DHCP_RESPONSE_MAX 1472        /* a whole UDP payload in one frame */

struct dhcp_lease {
    uint8_t type;
    uint32_t yiaddr, siaddr, server_id, netmask, router;
    uint32_t dns;                      /* option 6's first server, or 0 */
    char tftp_server[DHCP_NAME_MAX];   /* option 66, or the sname field */
    char bootfile[DHCP_NAME_MAX];      /* option 67, or the file field */
    char pxe_config[DHCP_NAME_MAX];    /* option 209: PXELINUX's config file */
    char pxe_prefix[DHCP_NAME_MAX];    /* option 210: PXELINUX's path prefix */
    /* The reply itself for /chosen/bootp-response, made well-formed: the
     * fixed fields, the options up to the first END (one added when the
     * area ended without it, anything after it dropped), padded to BOOTP's
     * 300 bytes. `trimmed`: something was added or dropped. */
    uint8_t response[DHCP_RESPONSE_MAX];
    uint16_t response_len;
    bool trimmed;
};

enum dhcp_error {
    DHCP_ERR_SHORT = -1,
    DHCP_ERR_NOT_OURS = -2,           /* another client's xid or MAC */
    DHCP_ERR_FORMAT = -3,             /* not a BOOTREPLY / no magic cookie */
    DHCP_ERR_OPTIONS = -4,            /* an option runs past its area */
    DHCP_ERR_NO_TYPE = -5,
    DHCP_ERR_LONG = -6,               /* more than a frame's UDP payload */
};

size_t dhcp_build(uint8_t *out, size_t max, uint8_t type, const uint8_t mac[6], uint32_t xid,
                  uint32_t requested_ip, uint32_t server_id);
int dhcp_parse(const uint8_t *p, size_t len, uint32_t xid, const uint8_t mac[6], struct dhcp_lease *out);
const char *dhcp_strerror(int err);

#endif
