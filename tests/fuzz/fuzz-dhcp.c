/* SPDX-License-Identifier: BSD-2-Clause */
/* DHCP replies from anyone on the network. The input's own xid and chaddr
 * are taken as ours, so every input gets past the "not ours" check. */
#include "fuzz.h"
#include "net/dhcp.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint32_t xid = size >= 8 ? (uint32_t)data[4] << 24 | data[5] << 16 | data[6] << 8 | data[7] : 0;
    uint8_t mac[6] = { 0 };
    if (size >= 34)
        memcpy(mac, data + 28, 6);
    struct dhcp_lease lease;
    if (dhcp_parse(data, size, xid, mac, &lease) != 0)
        return 0;
    PROMISE(strnlen(lease.tftp_server, sizeof(lease.tftp_server)) < sizeof(lease.tftp_server));
    PROMISE(strnlen(lease.bootfile, sizeof(lease.bootfile)) < sizeof(lease.bootfile));
    /* What /chosen/bootp-response gets parses, as itself: made well-formed
     * once, it is left alone. Untouched, it reads back as the same lease. */
    static struct dhcp_lease again;
    PROMISE(lease.response_len >= 300 && lease.response_len <= sizeof(lease.response));
    PROMISE(dhcp_parse(lease.response, lease.response_len, xid, mac, &again) == 0);
    PROMISE(!again.trimmed && again.response_len == lease.response_len);
    PROMISE(memcmp(again.response, lease.response, lease.response_len) == 0);
    if (!lease.trimmed)
        PROMISE(again.type == lease.type && again.yiaddr == lease.yiaddr &&
                strcmp(again.bootfile, lease.bootfile) == 0);
    return 0;
}
