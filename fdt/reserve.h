/* The FDT reserve map QEMU passes (-kernel and -initrd ranges), kept so the
 * flattened tree handed back carries it too. */
#ifndef FDT_RESERVE_H
#define FDT_RESERVE_H

#include <stdint.h>

#define RESERVE_MAX 16

struct reserve_range {
    uint64_t addr, size;
};

void reserve_init_from_fdt(const void *fdt);
unsigned reserve_count(void);
const struct reserve_range *reserve_get(unsigned i);

#endif
