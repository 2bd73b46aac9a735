/* SPDX-License-Identifier: BSD-2-Clause */
/* The arguments a network boot device takes, as SLOF and GRUB write them
 * after the device path (net:10.0.2.2,vmlinux,10.0.2.15):
 *   [bootp|dhcp,][name=value,...]server,file,client,gateway,
 *   bootp-retries,tftp-retries,netmask,blocksize
 * or, for IPv6, SLOF's "ipv6" first and IPv6 addresses in the address
 * fields (net:ipv6,fec0::2,vmlinux,fec0::15). Every field may be empty;
 * an address field holding something else is taken as the next field
 * (SLOF's rule: "net:,vmlinux" and "net:vmlinux" both name a file).
 * Options such as speed=auto are accepted and ignored. Pure; tested on the
 * host and fuzzed. */
#ifndef NET_NETARGS_H
#define NET_NETARGS_H

#include <stdbool.h>
#include <stdint.h>
#include "addr.h"

#define NET_ARGS_FILE_MAX 128

struct net_args {
    struct ip_addr server, client, gateway;   /* unset: not given */
    uint32_t netmask;
    char file[NET_ARGS_FILE_MAX];      /* backslashes turned to slashes */
    bool ipv6;                         /* SLOF's "ipv6" first: IPv6 only */
};

/* 0, or ERR_INVALID when a field that must be an address or a number is
 * neither, or the file name is too long: the field in *bad (its offset). */
int net_args_parse(const char *text, struct net_args *out, unsigned *bad);
/* Without DHCP and a netmask: the classful one for the address. */
uint32_t net_default_netmask(uint32_t ip);

#endif
