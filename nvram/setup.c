/* A blank NVRAM (QEMU's default without a backing file or -prom-env) gets a
 * partition layout at boot, as SLOF gives it, so that the OS finds free space
 * for its logs instead of reporting corruption. A layout that is damaged but
 * not blank is left alone: it may hold someone's data. */
#include <stdlib.h>
#include "../board/log.h"
#include "../board/nvram.h"
#include "chrp.h"
#include "setup.h"

#define MAX_PARTITIONS 64

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
    } else if (!is_blank(nv, size)) {
        log_error("NVRAM partitions are damaged (error %d); leaving them alone\n", n);
    } else if (chrp_format(nv, size) || nvram_write(0, nv, size)) {
        log_error("NVRAM is blank and could not be formatted\n");
    } else {
        log_info("NVRAM was blank: formatted with a system and a free partition\n");
    }
    free(nv);
}
