/* SPDX-License-Identifier: BSD-2-Clause */
/* The FDT reserve map QEMU passes (-kernel and -initrd ranges), kept so the
 * flattened tree handed back carries it too, plus what the firmware leaves
 * for an OS entered with a tree (RTAS, the tree itself). */
#ifndef FDT_RESERVE_H
#define FDT_RESERVE_H

#include <stdint.h>

#define RESERVE_MAX 16

struct reserve_range {
    uint64_t addr, size;
};

void reserve_init_from_fdt(const void *fdt);
/* Add a range to the map: 0, or ERR_FULL. */
int reserve_add(uint64_t addr, uint64_t size);
unsigned reserve_count(void);
const struct reserve_range *reserve_get(unsigned i);

#endif
