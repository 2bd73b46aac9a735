/* Client services that are neither tree, memory nor I/O. */
#include "../board/log.h"
#include "../board/rtas.h"
#include "../board/timebase.h"
#include "../boot/handoff.h"
#include "../fdt/tree.h"
#include "client.h"
#include "cmem.h"

#define ERR ((uint32_t)-1)

static int svc_milliseconds(struct ci_call *c)
{
    c->out[0] = milliseconds();
    return 0;
}

static int svc_quiesce(struct ci_call *c)
{
    (void)c;
    handoff_quiesce();
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
    c->out[0] = (name && ci_find_service(name)) ? 0 : ERR;
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

/* No Forth here: every phrase is reported and fails, so a client can tell. */
static int svc_interpret(struct ci_call *c)
{
    const char *cmd = cmem_string(c->in[0], 256);
    log_info("interpret: '%s' is not supported\n", cmd ? cmd : "(bad string)");
    c->out[0] = ERR;
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
