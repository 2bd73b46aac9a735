/* SPDX-License-Identifier: BSD-2-Clause */
/* The stateful network clients built on struct iface. */
#ifndef NET_NETCLIENT_H
#define NET_NETCLIENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "dhcp.h"
#include "dhcp6.h"
#include "iface.h"

/* Get an address; fills lease and configures the interface. 0, or
 * ERR_NOT_FOUND (no server answered) / ERR_INVALID (it answered nonsense)
 * with the reason in why. */
int dhcp_configure(struct iface *in, struct dhcp_lease *lease, char *why, size_t whylen);
/* What a client may want of a lease: /chosen/bootp-response (GRUB sets up
 * its network from it) and dhcp-response, as SLOF sets them. */
void dhcp_publish(const struct dhcp_lease *lease);
/* A frame a client received through the firmware: when it is a DHCP
 * acknowledgement for `mac` (the client ran DHCP itself), the lease it
 * carries replaces the published one. */
void dhcp_snoop(const uint8_t *frame, size_t len, const uint8_t mac[6]);

/* The address DNS server `dns` gives host `name` (an A record from an
 * IPv4 server, AAAA from an IPv6 one), in *ip: 0, or a negative ERR_* with
 * the reason in why. */
int dns_resolve(struct iface *in, const struct ip_addr *dns, const char *name, struct ip_addr *ip,
                char *why, size_t whylen);

/* DHCPv6 on an interface IPv6 is up on: with `managed` (the router said
 * so) or without an address, SOLICIT, ADVERTISE, REQUEST and REPLY for an
 * address (taken, after its duplicate address detection); otherwise an
 * INFORMATION-REQUEST for the boot file URL and DNS servers alone. The
 * reply in *reply: 0, or ERR_NOT_FOUND (no server answered) /
 * ERR_INVALID (it answered nonsense) with the reason in why. */
int dhcp6_configure(struct iface *in, bool managed, struct dhcp6_reply *reply, char *why, size_t whylen);

/* A file fetched by TFTP into claimed memory at `phys` (cap bytes claimed). */
struct tftp_file {
    uint64_t phys, cap, len;
};
/* 0, or a negative ERR_* with the reason in why (ERR_IO: the server said
 * no; ERR_TIMEOUT: it stopped answering; ERR_INVALID: it broke the protocol;
 * ERR_NO_MEMORY / ERR_RANGE: the file does not fit). On success the caller
 * owns the claim and gives it back with tftp_file_release. `quiet` hides
 * progress (for small config files). */
int tftp_fetch(struct iface *in, const struct ip_addr *server, const char *name, struct tftp_file *f,
               bool quiet, char *why, size_t whylen);
void tftp_file_release(struct tftp_file *f);

#endif
