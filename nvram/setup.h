#ifndef NVRAM_SETUP_H
#define NVRAM_SETUP_H

#include <stddef.h>

/* Give a blank NVRAM a partition layout; log what was found; keep the
 * settings (QEMU's -prom-env, the "system" partition) for setting_get. */
void nvram_setup(void);
/* A setting's value copied into out: 0, or -1 when it is not set. */
int setting_get(const char *name, char *out, size_t outlen);

#endif
