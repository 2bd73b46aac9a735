/* SPDX-License-Identifier: BSD-2-Clause */
/* Ethernet frames as the NIC delivers them: IPv4/UDP, ARP, and IPv6 with
 * UDP and neighbour discovery. Whatever is taken points inside the frame. */
#include "fuzz.h"
#include "net/addr.c"
#include "net/netargs.c"
#include "net/packet.c"
#include "net/packet6.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct frame fr;
    enum frame_kind k = frame_parse(data, size, &fr);
    if (k == FRAME_UDP)
        PROMISE(fr.udp.data >= data && fr.udp.len <= size - (size_t)(fr.udp.data - data) &&
                (fr.udp.src.family == IP_V4 || fr.udp.src.family == IP_V6));
    if (k == FRAME_ND)
        PROMISE(fr.nd.type >= ND_RS && fr.nd.type <= ND_NA && !ip6_is_multicast(fr.nd.target));
    return 0;
}
