/* The stateful network clients built on struct iface. */
#ifndef NET_NETCLIENT_H
#define NET_NETCLIENT_H

#include <stdint.h>
#include "dhcp.h"
#include "iface.h"

/* Get an address; fills lease and configures the interface. 0 or -1. */
int dhcp_configure(struct iface *in, struct dhcp_lease *lease, char *why, unsigned long whylen);

/* A file fetched by TFTP into claimed memory at `phys` (cap bytes claimed). */
struct tftp_file {
    uint64_t phys, cap, len;
};
/* 0, or -1 with the reason in why. On success the caller owns the claim
 * and gives it back with tftp_file_release. `quiet` hides progress (for
 * small config files). */
int tftp_fetch(struct iface *in, uint32_t server, const char *name, struct tftp_file *f,
               int quiet, char *why, unsigned long whylen);
void tftp_file_release(struct tftp_file *f);

#endif
