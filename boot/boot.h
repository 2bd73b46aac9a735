/* What the boot manager found to boot, for the entry code. */
#ifndef BOOT_BOOT_H
#define BOOT_BOOT_H

#include "../loader/image.h"

struct dt_node;

struct boot_target {
    const char *source;          /* for the log: "-kernel", a device's node name */
    struct dt_node *device;      /* the disk or NIC it came from; NULL for -kernel */
    struct boot_image img;
};

#endif
