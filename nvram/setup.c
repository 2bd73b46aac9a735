/* SPDX-License-Identifier: BSD-2-Clause */
/* A blank NVRAM (QEMU's default without a backing file or -prom-env) gets a
 * partition layout at boot, as SLOF gives it, so that the OS finds free space
 * for its logs instead of reporting corruption. A layout that is damaged but
 * not blank is left alone: it may hold someone's data (the settings of one
 * QEMU damages itself are still read). */
#include <stdlib.h>
#include <string.h>
#include "../board/log.h"
#include "../board/nvram.h"
#include "../fdt/tree.h"
#include "../lib/text.h"
#include "chrp.h"
#include "settings.h"
#include "setup.h"

#define MAX_PARTITIONS 256

/* Bytes of NVRAM, from its /vdevice node; 0 when the machine has none. */
static uint32_t nvram_size(void)
{
    struct dt_node *vdev = dt_find("/vdevice");
    for (struct dt_node *n = vdev ? vdev->child : NULL; n; n = n->sibling) {
        const char *type = dt_get_string(n, "device_type");
        uint32_t size;
        if (type && strcmp(type, "nvram") == 0 && dt_get_u32(n, "#bytes", &size))
            return size;
    }
    return 0;
}

static void keep_settings(const uint8_t *nv, const struct chrp_part *parts, int n)
{
    for (int i = 0; i < n; i++)
        if (parts[i].sig == CHRP_SIG_SYSTEM && strcmp(parts[i].name, "system") == 0) {
            uint32_t offset = parts[i].offset + CHRP_BLOCK;
            settings_attach(offset, nv + offset, parts[i].length - CHRP_BLOCK, true);
            return;
        }
}

/* QEMU's -prom-env layout with a value too long for it: the settings that
 * can still be read, kept read-only (writing them back would need the
 * layout QEMU broke), and the one it cut named. */
static void keep_overrun_settings(const uint8_t *nv, size_t at)
{
    char lost[40];
    size_t system = (size_t)((nv[2] << 8) | nv[3]) * CHRP_BLOCK;
    uint8_t *data = malloc(system - CHRP_BLOCK);
    if (!data) {
        log_error("NVRAM: no memory to read its settings\n");
        return;
    }
    char room[24];
    size_t n = chrp_overrun_settings(nv, at, data, lost, sizeof(lost));
    log_error("NVRAM: QEMU wrote its free partition at 0x%lx, inside the settings, as it does when "
              "-prom-env values pass %s: %s%s is lost; the other settings are used, read-only\n",
              (unsigned long)at, size_text(room, sizeof(room), at), lost[0] ? lost : "a setting",
              lost[0] ? " (its value too long)" : "");
    settings_attach(0, data, n, false);
    free(data);
}

static bool is_blank(const uint8_t *nv, uint32_t len)
{
    for (uint32_t i = 0; i < len; i++)
        if (nv[i] != 0 && nv[i] != 0xff)
            return false;
    return true;
}

void nvram_setup(void)
{
    uint32_t size = nvram_size();
    if (!size)
        return;
    uint8_t *nv = malloc(size);
    struct chrp_part *parts = malloc(MAX_PARTITIONS * sizeof(*parts));
    char why[120];
    if (!nv || !parts || nvram_read(0, nv, size)) {
        log_error("NVRAM (%u bytes) cannot be read; leaving it alone\n", size);
        free(nv);
        free(parts);
        return;
    }
    int n = chrp_scan(nv, size, parts, MAX_PARTITIONS, why, sizeof(why));
    size_t overrun;
    if (n > 0) {
        log_debug("NVRAM: %d partitions\n", n);
        keep_settings(nv, parts, n);
    } else if (chrp_find_overrun(nv, size, &overrun) == 0) {
        keep_overrun_settings(nv, overrun);
    } else if (!is_blank(nv, size)) {
        log_error("NVRAM partitions are damaged: %s; leaving them alone, settings unread\n", why);
    } else if (chrp_format(nv, size) || nvram_write(0, nv, size)) {
        log_error("NVRAM is blank and could not be formatted\n");
    } else {
        log_info("NVRAM was blank: formatted with a system and a free partition\n");
        keep_settings(nv, parts, chrp_scan(nv, size, parts, MAX_PARTITIONS, why, sizeof(why)));
    }
    free(nv);
    free(parts);
}
