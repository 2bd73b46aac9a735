/* SPDX-License-Identifier: BSD-2-Clause */
/* Settings: name=value strings in the NVRAM's CHRP "system" partition (where
 * QEMU's -prom-env puts them), the catalogue of those Sluice understands with
 * their defaults and allowed values, and writing them back. */
#ifndef NVRAM_SETTINGS_H
#define NVRAM_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct setting_info {
    const char *name;
    const char *fallback;       /* the value when unset */
    const char *choices;        /* "a|b|c"; SETTING_SECONDS; NULL: any text */
    const char *about;
};
#define SETTING_SECONDS "#"
#define SETTING_MAX_SECONDS 3600

extern const struct setting_info setting_infos[];
extern const unsigned setting_info_count;

/* Keep a copy of the system partition's data (len bytes at `offset` in
 * NVRAM) as the settings, written back there on a change unless they were
 * recovered from a damaged layout (not writable); nvram_setup calls this.
 * A name given more than once gets one line: the last value is used. */
void settings_attach(uint32_t offset, const uint8_t *data, size_t len, bool writable);

const struct setting_info *setting_info(const char *name);
/* 0 when `value` is acceptable for `name`; otherwise ERR_INVALID and why.
 * Names Sluice does not know are accepted (other programs keep settings
 * here). */
int setting_check(const char *name, const char *value, char *why, size_t whylen);
/* The raw value copied into out: 0, ERR_NOT_FOUND when it is not set, or
 * ERR_RANGE when it is longer than out holds. */
int setting_get(const char *name, char *out, size_t outlen);
/* The setting's value, or its default when unset or unusable (logged). */
void setting_value(const char *name, char *out, size_t outlen);
/* A number of seconds as the SETTING_SECONDS settings take it. */
bool setting_parse_seconds(const char *value, unsigned *out);
/* The "name=value" strings in turn: start with *pos = 0; NULL at the end. */
const char *setting_next(size_t *pos);
/* Set (or with value NULL, remove) a setting, in NVRAM at once. 0, or a
 * negative ERR_* with the reason in why. Values are not checked here. */
int setting_set(const char *name, const char *value, char *why, size_t whylen);

#endif
