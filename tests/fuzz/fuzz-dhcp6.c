/* SPDX-License-Identifier: BSD-2-Clause */
/* DHCPv6 answers from anyone on the link, and the boot file URL one
 * carries. The input's own transaction id is taken as the client's, so
 * every input gets past that check; what is taken stays inside its
 * buffers, and a URL taken apart is one the firmware could print and use. */
#include <string.h>
#include "fuzz.h"
#include "net/addr.c"
#include "net/netargs.c"
#include "net/dhcp6.c"

static const uint8_t mac[6] = { 0x52, 0x54, 0, 0x12, 0x34, 0x56 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct dhcp6_reply r;
    uint32_t xid = size >= 4 ? (uint32_t)data[1] << 16 | (uint32_t)data[2] << 8 | data[3] : 0;
    uint8_t *copy = malloc(size ? size : 1);       /* exact size: ASan sees overreads */
    memcpy(copy, data, size);
    int err = dhcp6_parse(copy, size, xid, mac, &r);
    free(copy);
    PROMISE(err <= 0 && err >= DHCP6_ERR_LONG && dhcp6_strerror(err));
    if (err)
        return 0;
    PROMISE(r.server_id_len <= DHCP6_DUID_MAX && strlen(r.url) < sizeof(r.url));
    struct boot_url u;
    if (boot_url_parse(r.url, &u) == 0) {
        PROMISE(u.path[0] != '\0' && (ip_is_set(&u.server) || u.host[0]));
        for (const char *c = u.path; *c; c++)
            PROMISE(*c >= 0x20 && *c < 0x7f);
    }
    return 0;
}
