/* SPDX-License-Identifier: BSD-2-Clause */
/* DNS replies from anyone on the network; the input's own id is taken as
 * the question's, so every input gets past the "not ours" check. Both an
 * A and an AAAA record are looked for. */
#include "fuzz.h"
#include "net/addr.c"
#include "net/netargs.c"
#include "net/dns.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint16_t id = size >= 2 ? (uint16_t)(data[0] << 8 | data[1]) : 0;
    for (int family = IP_V4; family <= IP_V6; family++) {
        struct ip_addr ip = { IP_NONE, { 0 } };
        int err = dns_parse_reply(data, size, id, (enum ip_family)family, &ip);
        PROMISE(err <= 0 && err >= DNS_ERR_NAME);
        PROMISE(err != 0 || ip.family == family);
        PROMISE(dns_strerror(err) != NULL);
    }
    return 0;
}
