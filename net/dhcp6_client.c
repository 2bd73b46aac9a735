/* SPDX-License-Identifier: BSD-2-Clause */
/* The DHCPv6 exchanges, each message sent to all DHCP servers and relays
 * on the link (ff02::1:2) a few times with growing waits; answers for
 * other clients are ignored, malformed ones logged once and counted. */
#include <stdio.h>
#include <string.h>
#include "../board/log.h"
#include "../board/timebase.h"
#include "../lib/err.h"
#include "netclient.h"

#define TRIES 3
#define FIRST_WAIT_US 1000000

static const struct ip_addr all_dhcp = { IP_V6, { 0xff, 0x02, [13] = 0x01, [15] = 0x02 } };

static void ignored(unsigned *count, int err)
{
    if ((*count)++ == 0)
        log_info("ignored a DHCPv6 answer: %s\n", dhcp6_strerror(err));
}

/* Send `type` until an answer of type `want` comes (with its server id,
 * and for a REQUEST the address asked for). 0, or ERR_TIMEOUT. */
static int exchange(struct iface *in, uint8_t type, uint8_t want, uint32_t xid, const struct dhcp6_reply *to,
                    struct dhcp6_reply *reply)
{
    uint8_t msg[256];
    size_t len = dhcp6_build(msg, sizeof(msg), type, xid, in->dev->mac, to ? to->server_id : NULL,
                             to ? to->server_id_len : 0, to && to->has_addr ? to->addr : NULL);
    unsigned bad = 0;
    int rc = ERR_TIMEOUT;
    for (int attempt = 0; attempt < TRIES && rc == ERR_TIMEOUT; attempt++) {
        if (iface_send_udp(in, &all_dhcp, DHCP6_CLIENT_PORT, DHCP6_SERVER_PORT, msg, len))
            break;
        uint64_t end = timebase_us() + ((uint64_t)FIRST_WAIT_US << attempt);
        struct udp_packet pkt;
        while (rc == ERR_TIMEOUT && timebase_us() < end &&
               iface_recv_udp(in, DHCP6_CLIENT_PORT, end - timebase_us(), &pkt) == 0) {
            if (pkt.src.family != IP_V6)    /* (any source port: QEMU's answers from 8962, */
                continue;                   /* its 547 byte-swapped; xid and client id decide) */
            int err = dhcp6_parse(pkt.data, pkt.len, xid, in->dev->mac, reply);
            if (err && err != DHCP6_ERR_NOT_OURS)
                ignored(&bad, err);
            else if (!err && reply->type == want)
                rc = 0;
        }
    }
    if (bad > 1)
        log_info("ignored %u more malformed DHCPv6 answers\n", bad - 1);
    return rc;
}

/* SOLICIT, ADVERTISE, REQUEST, REPLY: an address, taken. */
static int lease_address(struct iface *in, uint32_t xid, struct dhcp6_reply *reply, char *why, size_t whylen)
{
    struct dhcp6_reply advert;
    char text[IP_TEXT_MAX];
    if (exchange(in, DHCP6_SOLICIT, DHCP6_ADVERTISE, xid, NULL, &advert) != 0) {
        sniprintf(why, whylen, "no DHCPv6 server advertised itself after %d tries", TRIES);
        return ERR_NOT_FOUND;
    }
    if (!advert.has_addr) {
        sniprintf(why, whylen, "the DHCPv6 server offered no address (status %u)", advert.status);
        return ERR_INVALID;
    }
    if (exchange(in, DHCP6_REQUEST, DHCP6_REPLY, xid + 1, &advert, reply) != 0) {
        sniprintf(why, whylen, "no DHCPv6 reply to the request after %d tries", TRIES);
        return ERR_NOT_FOUND;
    }
    struct ip_addr a = ip_v6(reply->addr);
    if (!reply->has_addr || ip6_is_multicast(reply->addr) || ip6_is_link_local(reply->addr) ||
        !ip_is_set(&a)) {
        sniprintf(why, whylen, "the DHCPv6 server gave no usable address (status %u)", reply->status);
        return ERR_INVALID;
    }
    if (ip6_take_address(in, reply->addr)) {
        sniprintf(why, whylen, "the address DHCPv6 gave, %s, is in use on the link",
                  ip_text(text, sizeof(text), &a));
        return ERR_INVALID;
    }
    return 0;
}

int dhcp6_configure(struct iface *in, bool managed, struct dhcp6_reply *reply, char *why, size_t whylen)
{
    const uint8_t *m = in->dev->mac;
    uint32_t xid = ((uint32_t)timebase_read() ^ ((uint32_t)m[3] << 16 | (uint32_t)m[4] << 8 | m[5])) & 0xffffff;
    bool addressed = !ip6_is_unspecified(in->v6.global);
    if (managed || !addressed) {
        int err = lease_address(in, xid, reply, why, whylen);
        if (!err || !addressed)
            return err;
        log_info("net %s: %s; asking for information alone\n", in->dev->node->name, why);
    }
    if (exchange(in, DHCP6_INFORMATION_REQUEST, DHCP6_REPLY, xid + 2, NULL, reply) != 0) {
        sniprintf(why, whylen, "no DHCPv6 reply to an information request after %d tries", TRIES);
        return ERR_NOT_FOUND;
    }
    return 0;
}
