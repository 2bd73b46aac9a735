/* SPDX-License-Identifier: BSD-2-Clause */
#include "../lib/err.h"
#include "nvram.h"
#include "rtas.h"

/* nvram-fetch / nvram-store ( index buffer length -- status actual ) */
static int transfer(const char *service, uint32_t offset, const void *buf, uint32_t len)
{
    uint32_t args[3] = { offset, (uint32_t)(uintptr_t)buf, len }, rets[2];
    if (rtas_call(service, 3, 2, args, rets) != 0 || rets[1] != len)
        return ERR_IO;
    return 0;
}

int nvram_read(uint32_t offset, void *buf, uint32_t len)
{
    return transfer("nvram-fetch", offset, buf, len);
}

int nvram_write(uint32_t offset, const void *buf, uint32_t len)
{
    return transfer("nvram-store", offset, buf, len);
}
