/* SPDX-License-Identifier: BSD-2-Clause */
#include <string.h>
#include "../board/log.h"
#include "../board/watchdog.h"
#include "../lib/bytes.h"
#include "../dev/secure.h"
#include "ciwatch.h"
#include "client.h"
#include "cmem.h"

static const struct ci_service *const tables[] = {
    ci_tree_services, ci_memory_services, ci_io_services, ci_control_services,
};

const struct ci_service *ci_find_service(const char *name)
{
    for (unsigned t = 0; t < sizeof(tables) / sizeof(tables[0]); t++)
        for (const struct ci_service *s = tables[t]; s->name; s++)
            if (strcmp(s->name, name) == 0)
                return s;
    return NULL;
}

int ci_dispatch(uint64_t args_addr)
{
    struct ci_call c;
    uint8_t *blk = cmem_ptr(args_addr, 12);

    secure_poll();     /* the client may have made the guest secure since its last call */
    watchdog_check();  /* and the boot may have run past CI's bound */
    if (!blk) {
        log_error("client interface: argument block at 0x%lx is not client memory\n",
                  (unsigned long)args_addr);
        return CI_FAILED;
    }
    c.nargs = get_be32(blk + 4);
    c.nret = get_be32(blk + 8);
    if (c.nargs > CI_MAX_CELLS || c.nret > CI_MAX_CELLS) {
        log_error("client interface: %u args / %u rets is more than %u\n", c.nargs,
                  c.nret, CI_MAX_CELLS);
        return CI_FAILED;
    }
    blk = cmem_ptr(args_addr, 12 + 4 * (uint64_t)(c.nargs + c.nret));
    c.service = blk ? cmem_string(get_be32(blk), CI_NAME_MAX) : NULL;
    if (!c.service) {
        log_error("client interface: bad argument block at 0x%lx\n", (unsigned long)args_addr);
        return CI_FAILED;
    }
    const struct ci_service *s = ci_find_service(c.service);
    if (!s) {
        log_info("client interface: unknown service '%s'\n", c.service);
        return CI_FAILED;
    }
    if (c.nargs < s->min_args || c.nret < s->min_rets) {
        log_error("client interface: '%s' needs %u args and %u rets, got %u and %u\n",
                  c.service, s->min_args, s->min_rets, c.nargs, c.nret);
        return CI_FAILED;
    }
    for (uint32_t i = 0; i < c.nargs; i++)
        c.in[i] = get_be32(blk + 12 + 4 * i);
    memset(c.out, 0, sizeof(c.out));
    ciwatch_before_call();
    int failed = s->fn(&c);
    ciwatch_after_call(c.service);
    if (failed)
        return CI_FAILED;
    for (uint32_t i = 0; i < c.nret; i++)
        put_be32(blk + 12 + 4 * (c.nargs + i), c.out[i]);
    return 0;
}
