#ifndef OF_PLATFORM_H
#define OF_PLATFORM_H

#include "../fdt/tree.h"

/* Bind the pseries packages and fill in /chosen's handles. */
int platform_init(void);
/* /options from the NVRAM settings (after nvram_setup). */
void platform_publish_options(void);
/* The first cpu node under /cpus, or NULL. */
struct dt_node *platform_boot_cpu(void);

#endif
