/* SPDX-License-Identifier: BSD-2-Clause */
/* Ethernet frames as the NIC delivers them: IPv4/UDP and ARP. */
#include "fuzz.h"
#include "net/packet.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct udp_packet udp;
    struct arp_packet arp;
    if (frame_parse(data, size, &udp, &arp) == FRAME_UDP)
        PROMISE(udp.data >= data && udp.len <= size - (size_t)(udp.data - data));
    return 0;
}
