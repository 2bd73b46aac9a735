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
    return 0;
}
