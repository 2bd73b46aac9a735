/* SPDX-License-Identifier: BSD-2-Clause */
/* The boot sources: a program found, checked and loaded into memory from
 * QEMU's -kernel, a disk's PReP partition, or the network. Each returns 0
 * with img filled when it loaded something; ERR_NOT_FOUND when there was
 * nothing there to boot (no PReP partition, no DHCP answer, no -kernel); or
 * another negative ERR_* when what was there is broken. Either way `why`
 * gets one line for the log. */
#ifndef LOADER_LOADER_H
#define LOADER_LOADER_H

#include <stddef.h>
#include "../dev/blockdev.h"
#include "../dev/netdev.h"
#include "image.h"

/* The kernel QEMU loaded for -kernel (and its -initrd), checked and kept out
 * of the claim pool. */
int kernel_find(struct boot_image *img, char *why, size_t whylen);

/* The ELF in the disk's first PReP boot partition (MBR type 0x41 or the GPT
 * PReP GUID), loaded. */
int disk_boot(struct blockdev *dev, struct boot_image *img, char *why, size_t whylen);

/* DHCP, then TFTP: the boot file if it is an ELF; otherwise (or with no boot
 * file) a pxelinux config, pxelinux.cfg/01-<mac> then pxelinux.cfg/default,
 * naming the kernel, initrd and command line. `args` are the device's
 * arguments (net/netargs.h: server,file,client,...; NULL or empty for
 * none); naming server, file and client they replace DHCP. A non-empty
 * `file` (the boot-file setting) names the boot file when `args` do not.
 * The lease goes to /chosen/bootp-response and dhcp-response. */
int net_boot(struct netdev *dev, const char *args, const char *file, struct boot_image *img,
             char *why, size_t whylen);

#endif
