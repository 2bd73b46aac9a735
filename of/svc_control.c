/* SPDX-License-Identifier: BSD-2-Clause */
/* Client services that are neither tree, memory nor I/O. */
#include <string.h>
#include "../board/log.h"
#include "../board/power.h"
#include "../board/rtas.h"
#include "../board/timebase.h"
#include "../fdt/tree.h"
#include "client.h"
#include "cmem.h"

static int svc_milliseconds(struct ci_call *c)
{
    c->out[0] = milliseconds();
    return 0;
}

static void (*quiesce_fn)(void);

void ci_set_quiesce(void (*fn)(void))
{
    quiesce_fn = fn;
}

static int svc_quiesce(struct ci_call *c)
{
    (void)c;
    if (quiesce_fn)
        quiesce_fn();
    return 0;
}

static int svc_exit(struct ci_call *c)
{
    (void)c;
    fatal("the client program called exit");
}

static int svc_test(struct ci_call *c)
{
    const char *name = cmem_string(c->in[0], CI_NAME_MAX);
    c->out[0] = (name && ci_find_service(name)) ? 0 : CI_FAILED_CELL;
    return 0;
}

/* start-cpu ( phandle pc arg -- ): the CPU starts at pc with r3 = arg. */
static int svc_start_cpu(struct ci_call *c)
{
    struct dt_node *cpu = dt_by_phandle(c->in[0]);
    uint32_t id, args[3], ret;
    if (!cpu || !dt_get_u32(cpu, "reg", &id)) {
        log_error("start-cpu: 0x%x is not a cpu node\n", c->in[0]);
        return 0;
    }
    args[0] = id;
    args[1] = c->in[1];
    args[2] = c->in[2];
    if (rtas_call("start-cpu", 3, 1, args, &ret) != 0)
        log_error("start-cpu: RTAS refused cpu %u\n", id);
    return 0;
}

static void nothing_to_do(void) {}   /* the console is already the one device */

/* No Forth here. The phrases boot loaders send (GRUB: console selection,
 * cursor, power) are recognised whole; anything else is reported and fails
 * with a non-zero catch result, so the client can tell. */
static const struct {
    const char *phrase;
    void (*fn)(void);
} phrases[] = {
    { "output-device output", nothing_to_do },
    { "input-device input", nothing_to_do },
    { "cursor-on", nothing_to_do },     /* a serial console has no cursor to show */
    { "cursor-off", nothing_to_do },
    { "power-off", power_off },
    { "shut-down", power_off },
    { "poweroff", power_off },
    { "reset-all", power_reset },
};

static int svc_interpret(struct ci_call *c)
{
    const char *cmd = cmem_string(c->in[0], 256);
    for (unsigned i = 0; cmd && i < sizeof(phrases) / sizeof(phrases[0]); i++)
        if (strcmp(cmd, phrases[i].phrase) == 0) {
            phrases[i].fn();
            c->out[0] = 0;
            return 0;
        }
    log_info("interpret: '%s' is not supported\n", cmd ? cmd : "(bad string)");
    c->out[0] = CI_FAILED_CELL;
    return 0;
}

const struct ci_service ci_control_services[] = {
    { "milliseconds", 0, 1, svc_milliseconds },
    { "quiesce", 0, 0, svc_quiesce },
    { "exit", 0, 0, svc_exit },
    { "test", 1, 1, svc_test },
    { "start-cpu", 3, 0, svc_start_cpu },
    { "interpret", 1, 1, svc_interpret },
    { NULL, 0, 0, NULL },
};
