/* SPDX-License-Identifier: BSD-2-Clause */
/* The DHCP exchange: DISCOVER until an OFFER, REQUEST until an ACK, with
 * retries and growing waits; malformed replies are logged and ignored. */
#include <stdio.h>
#include <string.h>
#include "../board/log.h"
#include "../board/timebase.h"
#include "../fdt/tree.h"
#include "../lib/bytes.h"
#include "../lib/err.h"
#include "dhcp.h"
#include "netclient.h"

#define TRIES 4
#define FIRST_WAIT_US 1000000

/* A flood of malformed replies gets one line, and a count at the end. */
static void ignored(unsigned *count, int err)
{
    if ((*count)++ == 0)
        log_info("ignored a DHCP reply: %s\n", dhcp_strerror(err));
}

static int exchange(struct iface *in, uint8_t type, uint8_t want, uint32_t xid, uint32_t req_ip,
                    uint32_t server, struct dhcp_lease *lease)
{
    uint8_t msg[300];
    size_t len = dhcp_build(msg, sizeof(msg), type, in->dev->mac, xid, req_ip, server);
    unsigned bad = 0;
    int rc = ERR_TIMEOUT;
    for (int attempt = 0; attempt < TRIES && rc == ERR_TIMEOUT; attempt++) {
        /* A router can only have answered when IPv6 was started beside
         * DHCPv4 (network-mode=auto): IPv4 is silent where IPv6 is not. */
        if (attempt >= 2 && in->v6.got_ra)
            break;
        rc = iface_send_udp(in, &ip_broadcast, DHCP_CLIENT_PORT, DHCP_SERVER_PORT, msg, len);
        if (rc)
            break;
        rc = ERR_TIMEOUT;
        uint64_t end = timebase_us() + ((uint64_t)FIRST_WAIT_US << attempt);
        struct udp_packet pkt;
        while (rc == ERR_TIMEOUT && timebase_us() < end &&
               iface_recv_udp(in, DHCP_CLIENT_PORT, end - timebase_us(), &pkt) == 0) {
            if (pkt.src_port != DHCP_SERVER_PORT)
                continue;
            int err = dhcp_parse(pkt.data, pkt.len, xid, in->dev->mac, lease);
            if (err && err != DHCP_ERR_NOT_OURS)
                ignored(&bad, err);
            else if (!err && (lease->type == want || lease->type == DHCP_NAK))
                rc = lease->type == want ? 0 : ERR_INVALID;
        }
    }
    if (bad > 1)
        log_info("ignored %u more malformed DHCP replies\n", bad - 1);
    return rc;
}

int dhcp_configure(struct iface *in, struct dhcp_lease *lease, char *why, size_t whylen)
{
    struct dhcp_lease offer;
    const uint8_t *m = in->dev->mac;
    uint32_t xid = (uint32_t)timebase_read() ^ ((uint32_t)m[2] << 24 | (uint32_t)m[3] << 16 |
                                                (uint32_t)m[4] << 8 | m[5]);
    in->ip = 0;
    if (exchange(in, DHCP_DISCOVER, DHCP_OFFER, xid, 0, 0, &offer)) {
        if (in->v6.got_ra)
            sniprintf(why, whylen, "no DHCP offer after 2 tries, and an IPv6 router answered");
        else
            sniprintf(why, whylen, "no DHCP offer after %d tries", TRIES);
        return ERR_NOT_FOUND;
    }
    int rc = exchange(in, DHCP_REQUEST, DHCP_ACK, xid, offer.yiaddr, offer.server_id, lease);
    if (rc) {
        sniprintf(why, whylen, rc == ERR_INVALID ? "the DHCP server refused its own offer (NAK)"
                                                 : "no DHCP acknowledgement after %d tries", TRIES);
        return rc == ERR_INVALID ? rc : ERR_NOT_FOUND;
    }
    if (!lease->yiaddr || lease->yiaddr == 0xffffffffu) {
        sniprintf(why, whylen, "the DHCP server gave no usable address");
        return ERR_INVALID;
    }
    in->ip = lease->yiaddr;
    in->netmask = lease->netmask;
    in->router = lease->router;
    return 0;
}

void dhcp_publish(const struct dhcp_lease *lease)
{
    struct dt_node *chosen = dt_find("/chosen");
    if (lease->trimmed)
        log_info("the DHCP acknowledgement's options were made well-formed for /chosen/bootp-response\n");
    if (chosen && (dt_set(chosen, "bootp-response", lease->response, lease->response_len) ||
                   dt_set(chosen, "dhcp-response", lease->response, lease->response_len)))
        log_error("no memory for /chosen/bootp-response\n");
}

void dhcp_snoop(const uint8_t *frame, size_t len, const uint8_t mac[6])
{
    static struct dhcp_lease lease;      /* 1.5 KiB: kept off the client's stack */
    struct frame fr;
    const struct udp_packet *udp = &fr.udp;
    /* Most frames a client reads are its TFTP data: only IPv4 UDP to the
     * DHCP client port gets the full parse and its checksums. */
    size_t ihl = len > ETH_HDR ? (size_t)(frame[ETH_HDR] & 0xf) * 4 : 0;
    if (ihl < IP_HDR || ETH_HDR + ihl + UDP_HDR > len || get_be16(frame + 12) != 0x0800 ||
        frame[ETH_HDR + 9] != 17 || get_be16(frame + ETH_HDR + ihl + 2) != DHCP_CLIENT_PORT)
        return;
    if (frame_parse(frame, len, &fr) != FRAME_UDP || udp->dst_port != DHCP_CLIENT_PORT ||
        udp->src_port != DHCP_SERVER_PORT || udp->len < 8)
        return;
    if (dhcp_parse(udp->data, udp->len, get_be32(udp->data + 4), mac, &lease) == 0 &&
        lease.type == DHCP_ACK) {
        log_info("the client's own DHCP acknowledgement is /chosen/bootp-response now\n");
        dhcp_publish(&lease);
    }
}
