#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../board/log.h"
#include "../fdt/tree.h"
#include "../nvram/setup.h"
#include "settings.h"

#define MENU_DELAY_S 3

const struct setting_info setting_infos[] = {
    { "boot-device", "", NULL,
      "devices to try first, in order: aliases (disk1, net) or paths, space-separated" },
    { "boot-file", "", NULL, "the file to fetch by TFTP instead of the one DHCP names" },
    { "boot-args", "", NULL, "kernel command line, when nothing else gives one" },
    { "boot-delay", "0", SETTING_SECONDS, "seconds to wait for a key (for the prompt) before booting" },
    { "auto-boot?", "true", "true|false", "false: go to the prompt instead of booting" },
    { "ci-mode", "auto", "auto|on|off",
      "on: never wait or prompt, fail at once; off: prompt when nothing boots; "
      "auto: offer the prompt for 3 s, then fail" },
    { "log-level", "info", "quiet|info|debug", "how much the firmware says" },
    { "secure-mode", "auto", "auto|on", "on: bounce buffers from the start (see secure mode)" },
};
const unsigned setting_info_count = sizeof(setting_infos) / sizeof(setting_infos[0]);

const struct setting_info *setting_info(const char *name)
{
    for (unsigned i = 0; i < setting_info_count; i++)
        if (strcmp(setting_infos[i].name, name) == 0)
            return &setting_infos[i];
    return NULL;
}

static bool is_choice(const char *choices, const char *value)
{
    size_t vlen = strlen(value);
    for (const char *c = choices; *c;) {
        size_t n = strcspn(c, "|");
        if (n == vlen && strncmp(c, value, n) == 0)
            return true;
        c += n + (c[n] == '|');
    }
    return false;
}

static bool parse_seconds(const char *value, unsigned *out)
{
    unsigned long v = 0;
    if (!*value || strlen(value) > 4)
        return false;
    for (const char *p = value; *p; p++) {
        if (*p < '0' || *p > '9')
            return false;
        v = v * 10 + (unsigned long)(*p - '0');
    }
    if (v > SETTING_MAX_SECONDS)
        return false;
    *out = (unsigned)v;
    return true;
}

int setting_check(const char *name, const char *value, char *why, size_t whylen)
{
    const struct setting_info *info = setting_info(name);
    unsigned seconds;
    if (!*name || strpbrk(name, "= \t")) {
        sniprintf(why, whylen, "'%s' is not a setting name", name);
        return -1;
    }
    if (!info || !info->choices)
        return 0;
    if (strcmp(info->choices, SETTING_SECONDS) == 0) {
        if (parse_seconds(value, &seconds))
            return 0;
        sniprintf(why, whylen, "%s takes a number of seconds, 0 to %d", name, SETTING_MAX_SECONDS);
        return -1;
    }
    if (is_choice(info->choices, value))
        return 0;
    sniprintf(why, whylen, "%s takes %s", name, info->choices);
    return -1;
}

void setting_value(const char *name, char *out, size_t outlen)
{
    const struct setting_info *info = setting_info(name);
    char why[96];
    if (setting_get(name, out, outlen) == 0) {
        if (setting_check(name, out, why, sizeof(why)) == 0)
            return;
        log_error("setting %s=%s ignored: %s\n", name, out, why);
    }
    sniprintf(out, outlen, "%s", info ? info->fallback : "");
}

void boot_config_load(struct boot_config *cfg)
{
    char v[16];
    setting_value("log-level", v, sizeof(v));
    log_verbosity = strcmp(v, "quiet") == 0 ? LOG_QUIET
                  : strcmp(v, "debug") == 0 ? LOG_DEBUG : LOG_INFO;
    setting_value("ci-mode", v, sizeof(v));
    cfg->ci = strcmp(v, "on") == 0 ? CI_ON : strcmp(v, "off") == 0 ? CI_OFF : CI_AUTO;
    setting_value("auto-boot?", v, sizeof(v));
    cfg->auto_boot = strcmp(v, "false") != 0;
    cfg->delay_s = 0;
    if (setting_get("boot-delay", v, sizeof(v)) == 0) {
        setting_value("boot-delay", v, sizeof(v));
        parse_seconds(v, &cfg->delay_s);
    } else {
        struct dt_node *chosen = dt_find("/chosen");
        uint32_t menu = 0;
        cfg->delay_s = chosen && dt_get_u32(chosen, "qemu,boot-menu", &menu) && menu
                     ? MENU_DELAY_S : 0;
    }
}
