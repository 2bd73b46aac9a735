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
