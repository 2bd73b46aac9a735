/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef OF_PLATFORM_H
#define OF_PLATFORM_H

#include <stdint.h>
#include "../fdt/tree.h"

/* Bind the pseries packages and fill in /chosen's handles. */
int platform_init(void);
/* /options from the NVRAM settings (after nvram_setup). */
void platform_publish_options(void);
/* ibm,client-architecture-support: QEMU negotiates with the vector at
 * `vector` (a physical address) and the live tree takes its answer. 0, or
 * ERR_IO (refused: *status says how), ERR_INVALID (QEMU's new tree is
 * unusable), ERR_NO_MEMORY; one line logged for each. */
int platform_cas(uint64_t vector, long *status);
/* Put the RTAS stub (rtas_stub, which makes the RTAS hypercall) at base. */
void platform_rtas_install(void *base);
/* The first cpu node under /cpus, or NULL. */
struct dt_node *platform_boot_cpu(void);

/* After the drivers: a virtio console is the console clients write to
 * (/chosen/stdout and stdin, stdout-path) when the machine has no hvterm,
 * or when output=virtio asks for it. */
void platform_bind_console(void);

#endif
