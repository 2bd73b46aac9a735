/* SPDX-License-Identifier: BSD-2-Clause */
/* DNS replies from anyone on the network; the input's own id is taken as
 * the question's, so every input gets past the "not ours" check. */
#include "fuzz.h"
#include "net/dns.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint16_t id = size >= 2 ? (uint16_t)(data[0] << 8 | data[1]) : 0;
    uint32_t ip = 0;
    int err = dns_parse_reply(data, size, id, &ip);
    PROMISE(err <= 0 && err >= DNS_ERR_NAME);
    PROMISE(dns_strerror(err) != NULL);
    return 0;
}
