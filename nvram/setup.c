/* A blank NVRAM (QEMU's default without a backing file or -prom-env) gets a
 * partition layout at boot, as SLOF gives it, so that the OS finds free space
 * for its logs instead of reporting corruption. A layout that is damaged but
 * not blank is left alone: it may hold someone's data. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../board/log.h"
#include "../board/nvram.h"
#include "chrp.h"
#include "setup.h"

#define MAX_PARTITIONS 64

/* A copy of the "system" partition's data, and where it lives in NVRAM. */
static uint8_t *settings;
static size_t settings_len;
static uint32_t settings_offset;

static void keep_settings(const uint8_t *nv, const struct chrp_part *parts, int n)
{
    for (int i = 0; i < n; i++)
        if (parts[i].sig == CHRP_SIG_SYSTEM && strcmp(parts[i].name, "system") == 0 &&
            (settings = malloc(parts[i].length - CHRP_BLOCK))) {
            settings_len = parts[i].length - CHRP_BLOCK;
            settings_offset = parts[i].offset + CHRP_BLOCK;
            memcpy(settings, nv + settings_offset, settings_len);
            return;
        }
}

int setting_get(const char *name, char *out, size_t outlen)
{
    return settings ? chrp_env_get(settings, settings_len, name, out, outlen) : -1;
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
        return -1;
    }
    uint8_t *copy = malloc(settings_len);
    if (!copy) {
        sniprintf(why, whylen, "out of memory");
        return -1;
    }
    memcpy(copy, settings, settings_len);
    if (chrp_env_set(copy, settings_len, name, value)) {
        sniprintf(why, whylen, "the NVRAM system partition (%lu bytes) is full",
                  (unsigned long)settings_len);
        free(copy);
        return -1;
    }
    if (nvram_write(settings_offset, copy, (uint32_t)settings_len)) {
        sniprintf(why, whylen, "writing NVRAM failed");
        free(copy);
        return -1;
    }
    free(settings);
    settings = copy;
    return 0;
}

static int is_blank(const uint8_t *nv, uint32_t len)
{
    for (uint32_t i = 0; i < len; i++)
        if (nv[i] != 0 && nv[i] != 0xff)
            return 0;
    return 1;
}

void nvram_setup(void)
{
    uint32_t size = nvram_size();
    if (!size)
        return;
    uint8_t *nv = malloc(size);
    struct chrp_part parts[MAX_PARTITIONS];
    if (!nv || nvram_read(0, nv, size)) {
        log_error("NVRAM (%u bytes) cannot be read; leaving it alone\n", size);
        free(nv);
        return;
    }
    int n = chrp_scan(nv, size, parts, MAX_PARTITIONS);
    if (n > 0) {
        log_debug("NVRAM: %d partitions\n", n);
        keep_settings(nv, parts, n);
    } else if (!is_blank(nv, size)) {
        log_error("NVRAM partitions are damaged (error %d); leaving them alone\n", n);
    } else if (chrp_format(nv, size) || nvram_write(0, nv, size)) {
        log_error("NVRAM is blank and could not be formatted\n");
    } else {
        log_info("NVRAM was blank: formatted with a system and a free partition\n");
        keep_settings(nv, parts, chrp_scan(nv, size, parts, MAX_PARTITIONS));
    }
    free(nv);
}
