/* SPDX-License-Identifier: BSD-2-Clause */
/* What a loader hands the boot manager: where to enter a loaded program,
 * and its initrd. */
#ifndef LOADER_IMAGE_H
#define LOADER_IMAGE_H

#include <stdbool.h>
#include <stdint.h>

#define BOOT_IMAGE_TEXT_MAX 256

struct boot_image {
    uint64_t entry;
    uint64_t size;               /* bytes loaded from entry on (-kernel: as QEMU says) */
    uint64_t initrd, initrd_size;
    bool little_endian;
    bool elf32;                  /* a 32-bit program (GRUB): entered with MSR[SF] clear */
    /* Where on its device the program was ("\boot\grub\powerpc.elf", for
     * /chosen/bootpath), and arguments for it: empty when there are none. */
    char path[BOOT_IMAGE_TEXT_MAX];
    char args[BOOT_IMAGE_TEXT_MAX];
    /* Arguments naming the program in the device's own form, when it has
     * one (a NIC's "server,file,client"): /chosen/bootpath then gives these
     * after the device path instead of ":,<path>". */
    char device_args[BOOT_IMAGE_TEXT_MAX];
};

#endif
