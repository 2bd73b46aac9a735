/* The settings Sluice understands (NVRAM "system" partition, QEMU's
 * -prom-env): their defaults, the values they take, and the boot
 * configuration read from them. */
#ifndef BOOT_SETTINGS_H
#define BOOT_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>

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

const struct setting_info *setting_info(const char *name);
/* 0 when `value` is acceptable for `name`; otherwise -1 and why. Names
 * Sluice does not know are accepted (other programs keep settings here). */
int setting_check(const char *name, const char *value, char *why, size_t whylen);
/* The setting's value, or its default when unset or unusable (logged). */
void setting_value(const char *name, char *out, size_t outlen);

enum ci_mode {
    CI_AUTO,    /* offer the prompt for a few seconds when nothing boots, then fail */
    CI_ON,      /* never wait, never prompt: fail at once */
    CI_OFF,     /* prompt when nothing boots */
};

struct boot_config {
    enum ci_mode ci;
    unsigned delay_s;           /* wait this long for a key before booting */
    bool auto_boot;             /* false: the prompt first */
};

/* Read the configuration from the settings and QEMU's -boot menu=on
 * (qemu,boot-menu, which gives a 3 s delay when no boot-delay is set), and
 * apply log-level. */
void boot_config_load(struct boot_config *cfg);

#endif
