/* SPDX-License-Identifier: BSD-2-Clause */
/* NVRAM as a previous OS or a backing file left it: partitions scanned,
 * then the settings of every system partition read, listed and changed. */
#include "fuzz.h"
#include <stdbool.h>
#include "nvram/chrp.c"

#define MAX_PARTS 64

static void settings(uint8_t *env, size_t len)
{
    char value[64];
    size_t pos = 0, count = 0;
    for (const char *e; (e = chrp_env_next(env, len, &pos)); count++) {
        PROMISE(e >= (const char *)env && pos <= len);
        PROMISE(strnlen(e, len) < len);
    }
    PROMISE(count <= len / 2);
    chrp_env_get(env, len, "boot-device", value, sizeof(value));
    if (chrp_env_set(env, len, "boot-device", "disk1 net") == 0) {
        PROMISE(chrp_env_get(env, len, "boot-device", value, sizeof(value)) == 0);
        PROMISE(strcmp(value, "disk1 net") == 0);
    }
    if (chrp_env_set(env, len, "boot-device", NULL) == 0)
        PROMISE(chrp_env_get(env, len, "boot-device", value, sizeof(value)) == ERR_NOT_FOUND);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct chrp_part parts[MAX_PARTS];
    char why[160];
    int n = chrp_scan(data, size, parts, MAX_PARTS, why, sizeof(why));
    PROMISE(n <= MAX_PARTS);
    size_t at;
    if (n < 0 && chrp_find_overrun(data, size, &at) == 0) {    /* QEMU's overrun layout */
        size_t system = (size_t)((data[2] << 8) | data[3]) * CHRP_BLOCK;
        PROMISE(at > CHRP_BLOCK && at < system && system <= size);
        uint8_t *out = malloc(system - CHRP_BLOCK);
        char lost[40];
        size_t got = chrp_overrun_settings(data, at, out, lost, sizeof(lost));
        PROMISE(got <= system - CHRP_BLOCK && strlen(lost) < sizeof(lost));
        settings(out, got);
        free(out);
    }
    for (int i = 0; i < n; i++) {
        PROMISE(parts[i].length >= CHRP_BLOCK && parts[i].offset <= size &&
                parts[i].length <= size - parts[i].offset);
        if (parts[i].sig != CHRP_SIG_SYSTEM)
            continue;
        size_t len = parts[i].length - CHRP_BLOCK;
        uint8_t *env = malloc(len ? len : 1);
        memcpy(env, data + parts[i].offset + CHRP_BLOCK, len);
        settings(env, len);
        free(env);
    }
    return 0;
}
