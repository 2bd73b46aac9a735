/* SPDX-License-Identifier: BSD-2-Clause */
/* QEMU pseries hypercalls that exchange device trees with the machine. */
#ifndef BOARD_PSERIES_H
#define BOARD_PSERIES_H

#include <stddef.h>
#include <stdint.h>

/* ibm,client-architecture-support: QEMU negotiates with the client's vector
 * and writes a 4-byte header and the updated FDT into buf. H_* status. */
long pseries_cas(uint64_t vector, void *buf, size_t size);
/* Give QEMU the final tree (it keeps linux,rtas-base for machine checks). */
long pseries_update_dt(const void *fdt);

#endif
