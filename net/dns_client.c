/* SPDX-License-Identifier: BSD-2-Clause */
/* One DNS question (an A or AAAA record), asked a few times with growing
 * waits; replies that are not the answer are ignored. */
#include <stdio.h>
#include "../board/timebase.h"
#include "../lib/err.h"
#include "dns.h"
#include "netclient.h"

#define TRIES 3
#define FIRST_WAIT_US 1000000
#define LOCAL_PORT 49153

int dns_resolve(struct iface *in, const struct ip_addr *dns, const char *name, struct ip_addr *ip,
                char *why, size_t whylen)
{
    uint8_t query[DNS_NAME_MAX + 32];
    uint16_t id = (uint16_t)timebase_read();
    size_t len = dns_build_query(query, sizeof(query), id, name, (enum ip_family)dns->family);
    if (!len) {
        sniprintf(why, whylen, "'%s' is not a host name", name);
        return ERR_INVALID;
    }
    int last = 0;
    for (int attempt = 0; attempt < TRIES; attempt++) {
        int err = iface_send_udp(in, dns, LOCAL_PORT, DNS_PORT, query, len);
        if (err) {
            sniprintf(why, whylen, "cannot reach the DNS server: %s", err_str(err));
            return err;
        }
        uint64_t end = timebase_us() + ((uint64_t)FIRST_WAIT_US << attempt);
        struct udp_packet pkt;
        while (timebase_us() < end &&
               iface_recv_udp(in, LOCAL_PORT, end - timebase_us(), &pkt) == 0) {
            if (!ip_equal(&pkt.src, dns) || pkt.src_port != DNS_PORT)
                continue;
            last = dns_parse_reply(pkt.data, pkt.len, id, (enum ip_family)dns->family, ip);
            if (last == 0 && ip_is_set(ip) && !ip_equal(ip, &ip_broadcast) &&
                !(ip->family == IP_V6 && ip6_is_multicast(ip->b)))
                return 0;
            if (last == DNS_ERR_FAILED || last == DNS_ERR_NO_ADDRESS) {
                sniprintf(why, whylen, "%s", dns_strerror(last));
                return ERR_NOT_FOUND;
            }
        }
    }
    sniprintf(why, whylen, "%s", last ? dns_strerror(last) : "no answer from the DNS server");
    return ERR_TIMEOUT;
}
