/* SPDX-License-Identifier: BSD-2-Clause */
/* What the boot manager found to boot, for the entry code. */
#ifndef BOOT_BOOT_H
#define BOOT_BOOT_H

#include "../loader/image.h"
#include "../of/path.h"

struct boot_target {
    char source[64];             /* for the log: "-kernel", "scsi@2", "disk@8200000000000000" */
    char device[OF_PATH_MAX];    /* the disk or NIC it came from; "" for -kernel */
    struct boot_image img;
};

#endif
