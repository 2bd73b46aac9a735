#ifndef NVRAM_SETUP_H
#define NVRAM_SETUP_H

#include <stddef.h>

/* Give a blank NVRAM a partition layout; log what was found; keep the
 * settings (QEMU's -prom-env, the "system" partition) for setting_get and
 * setting_set. */
void nvram_setup(void);
/* A setting's value copied into out: 0, or -1 when it is not set. */
int setting_get(const char *name, char *out, size_t outlen);
/* The "name=value" strings in turn: start with *pos = 0; NULL at the end. */
const char *setting_next(size_t *pos);
/* Set (or with value NULL, remove) a setting, in NVRAM at once. 0, or -1
 * with the reason in why. Names and values are not checked here. */
int setting_set(const char *name, const char *value, char *why, size_t whylen);

#endif
