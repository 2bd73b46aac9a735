#ifndef NET_NETBOOT_H
#define NET_NETBOOT_H

#include "../boot/boot.h"
#include "netdev.h"

/* DHCP, then TFTP: the boot file if it is an ELF; otherwise (or with no boot
 * file) a pxelinux config, pxelinux.cfg/01-<mac> then pxelinux.cfg/default,
 * naming the kernel, initrd and command line. A non-empty `file` (the
 * boot-file setting) replaces the boot file DHCP names. */
int net_boot(struct netdev *dev, const char *file, struct boot_target *t, char *why,
             unsigned long whylen);

#endif
