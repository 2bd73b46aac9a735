/* SPDX-License-Identifier: BSD-2-Clause */
/* CHRP boot information (\ppc\bootinfo.txt on installer CDs): its
 * <boot-script> says what to boot, as "boot &device;:\path\file [args]"
 * (sometimes with a partition, "&device;:1,\path"). Pure: parsed from an
 * untrusted buffer; tested on the host and fuzzed. */
#ifndef LOADER_BOOTINFO_H
#define LOADER_BOOTINFO_H

#include <stddef.h>

#define BOOTINFO_PATH_MAX 256
#define BOOTINFO_ARGS_MAX 256

struct bootinfo {
    char path[BOOTINFO_PATH_MAX];     /* "\boot\grub\powerpc.elf" */
    char args[BOOTINFO_ARGS_MAX];     /* what follows it on the boot line */
};

enum bootinfo_error {
    BOOTINFO_ERR_NO_SCRIPT = -1,      /* no <boot-script> ... </boot-script> */
    BOOTINFO_ERR_NO_BOOT = -2,        /* a script without a "boot &device;:" line */
    BOOTINFO_ERR_TOO_LONG = -3,       /* a path or arguments longer than kept */
};

int bootinfo_parse(const char *text, size_t len, struct bootinfo *out);
const char *bootinfo_strerror(int err);

#endif
