/* The stateful network clients built on struct iface. */
#ifndef NET_NETCLIENT_H
#define NET_NETCLIENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "dhcp.h"
#include "iface.h"

/* Get an address; fills lease and configures the interface. 0, or
 * ERR_NOT_FOUND (no server answered) / ERR_INVALID (it answered nonsense)
 * with the reason in why. */
int dhcp_configure(struct iface *in, struct dhcp_lease *lease, char *why, size_t whylen);

/* A file fetched by TFTP into claimed memory at `phys` (cap bytes claimed). */
struct tftp_file {
    uint64_t phys, cap, len;
};
/* 0, or a negative ERR_* with the reason in why (ERR_IO: the server said
 * no; ERR_TIMEOUT: it stopped answering; ERR_INVALID: it broke the protocol;
 * ERR_NO_MEMORY / ERR_RANGE: the file does not fit). On success the caller
 * owns the claim and gives it back with tftp_file_release. `quiet` hides
 * progress (for small config files). */
int tftp_fetch(struct iface *in, uint32_t server, const char *name, struct tftp_file *f,
               bool quiet, char *why, size_t whylen);
void tftp_file_release(struct tftp_file *f);

#endif
