/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../board/log.h"
#include "../board/nvram.h"
#include "../lib/err.h"
#include "chrp.h"
#include "settings.h"

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
    { "output", "both", "both|serial|screen|hvterm|virtio",
      "where the firmware's text goes: every console, the text terminals (hvterm and virtio "
      "console), the screen, or one terminal" },
    { "input", "all", "all|hvterm|virtio|keyboard",
      "where keys come from: every console and keyboard, or only one kind" },
    { "network-mode", "auto", "auto|ipv4|ipv6",
      "how a network boot gets its address: IPv4 (DHCP), then IPv6 when DHCP does not answer; "
      "or one of them only" },
    { "kernel-entry", "of", "of|fdt",
      "fdt: enter -kernel images with r3 = a flattened tree and no client interface "
      "(ePAPR, as kexec does; for bare-metal test programs)" },
    { "ci-input-wait", "30", SETTING_SECONDS,
      "with ci-mode=on: end the VM when a client waits this long for console input (0: never)" },
    { "ci-boot-limit", "0", SETTING_SECONDS,
      "end the VM when no OS has taken over this long after power-on (0: never)" },
    { "tpm", "auto", "auto|off|required",
      "auto: measure the boot into a vTPM when there is one; off: leave the vTPM alone; "
      "required: boot nothing unmeasured (ci-mode ends the VM instead)" },
};
const unsigned setting_info_count = sizeof(setting_infos) / sizeof(setting_infos[0]);

/* A copy of the "system" partition's data, and where it lives in NVRAM. */
static uint8_t *settings;
static size_t settings_len;
static uint32_t settings_offset;
static bool settings_writable;

/* Each name given more than once, in one line: QEMU users expect the last
 * of -prom-env ci-mode=on -prom-env ci-mode=off to win, as its options do. */
static void report_repeats(void)
{
    size_t pos = 0;
    for (const char *e; (e = chrp_env_next(settings, settings_len, &pos));) {
        size_t nlen = strcspn(e, "="), p = 0, later = pos;
        unsigned before = 0, count = 1;
        if (!e[nlen])
            continue;                       /* not name=value */
        for (const char *f; (f = chrp_env_next(settings, settings_len, &p)) && f != e;)
            before += strncmp(f, e, nlen + 1) == 0;
        for (const char *f; (f = chrp_env_next(settings, settings_len, &later));)
            count += strncmp(f, e, nlen + 1) == 0;
        if (before || count < 2)
            continue;                       /* said at its first appearance, or once */
        char name[64], value[96];
        sniprintf(name, sizeof(name), "%.*s", (int)nlen, e);
        if (strlen(name) == nlen && chrp_env_get(settings, settings_len, name, value, sizeof(value)) == 0)
            log_info("setting %s given %u times: the last, %s=%s, is used\n", name, count, name, value);
        else
            log_info("setting %s given %u times: the last is used\n", name, count);
    }
}

void settings_attach(uint32_t offset, const uint8_t *data, size_t len, bool writable)
{
    free(settings);
    settings = malloc(len);
    settings_len = settings ? len : 0;
    settings_offset = offset;
    settings_writable = writable;
    if (settings)
        memcpy(settings, data, len);
    report_repeats();
}

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

bool setting_parse_seconds(const char *value, unsigned *out)
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
        return ERR_INVALID;
    }
    if (!info || !info->choices)
        return 0;
    if (strcmp(info->choices, SETTING_SECONDS) == 0) {
        if (setting_parse_seconds(value, &seconds))
            return 0;
        sniprintf(why, whylen, "%s takes a number of seconds, 0 to %d", name, SETTING_MAX_SECONDS);
        return ERR_INVALID;
    }
    if (is_choice(info->choices, value))
        return 0;
    sniprintf(why, whylen, "%s takes %s", name, info->choices);
    return ERR_INVALID;
}

int setting_get(const char *name, char *out, size_t outlen)
{
    return settings ? chrp_env_get(settings, settings_len, name, out, outlen) : ERR_NOT_FOUND;
}

void setting_value(const char *name, char *out, size_t outlen)
{
    const struct setting_info *info = setting_info(name);
    char why[96];
    int err = setting_get(name, out, outlen);
    if (err == 0) {
        if (setting_check(name, out, why, sizeof(why)) == 0)
            return;
        log_error("setting %s=%s ignored: %s\n", name, out, why);
    } else if (err == ERR_RANGE) {
        log_error("setting %s ignored: longer than the %lu characters it may have\n", name,
                  (unsigned long)outlen - 1);
    }
    sniprintf(out, outlen, "%s", info ? info->fallback : "");
}

const char *setting_next(size_t *pos)
{
    return settings ? chrp_env_next(settings, settings_len, pos) : NULL;
}

/* The whole partition is written back, so NVRAM never holds half a change. */
int setting_set(const char *name, const char *value, char *why, size_t whylen)
{
    if (!settings) {
        sniprintf(why, whylen, "NVRAM has no system partition to keep settings in");
        return ERR_NOT_FOUND;
    }
    if (!settings_writable) {
        sniprintf(why, whylen, "the NVRAM layout is damaged (see the start-up lines): settings are read-only");
        return ERR_IO;
    }
    uint8_t *copy = malloc(settings_len);
    if (!copy) {
        sniprintf(why, whylen, "out of memory");
        return ERR_NO_MEMORY;
    }
    memcpy(copy, settings, settings_len);
    if (chrp_env_set(copy, settings_len, name, value)) {
        sniprintf(why, whylen, "the NVRAM system partition (%lu bytes) is full",
                  (unsigned long)settings_len);
        free(copy);
        return ERR_FULL;
    }
    if (nvram_write(settings_offset, copy, (uint32_t)settings_len)) {
        sniprintf(why, whylen, "writing NVRAM failed");
        free(copy);
        return ERR_IO;
    }
    free(settings);
    settings = copy;
    return 0;
}
