/* SPDX-License-Identifier: BSD-2-Clause */
/* kernel-entry=fdt: enter a -kernel image with r3 = a flattened tree. */
#ifndef BOOT_EPAPR_H
#define BOOT_EPAPR_H

#include <stdint.h>
#include "../loader/image.h"

/* Instantiate RTAS, quiesce, flatten the tree (RTAS and the tree itself in
 * its reserve map) and enter img with r3 = tree, r4 = entry, r5 = 0. A tree
 * that cannot be made ends the VM with one line. */
void epapr_enter(const struct boot_image *img, uint64_t stack, uint64_t msr)
    __attribute__((noreturn));

#endif
