/* SPDX-License-Identifier: BSD-2-Clause */
/* Client services on open devices: open/close/read/write/seek/call-method. */
#include <string.h>
#include "../board/log.h"
#include "client.h"
#include "cmem.h"
#include "instance.h"

static int svc_open(struct ci_call *c)
{
    const char *spec = cmem_string(c->in[0], OF_PATH_MAX);
    c->out[0] = spec ? of_open(spec) : 0;
    if (spec && !c->out[0])
        log_debug("open '%s' failed\n", spec);
    return 0;
}

static int svc_close(struct ci_call *c)
{
    of_close(c->in[0]);
    return 0;
}

/* The instance and client buffer a read or write names; NULL (and the
 * client's -1) when either is bad. A zero length needs no buffer. */
static struct of_instance *io_target(struct ci_call *c, void **buf)
{
    struct of_instance *inst = of_instance_get(c->in[0]);
    *buf = c->in[2] ? cmem_ptr(c->in[1], c->in[2]) : NULL;
    if (!inst || (c->in[2] && !*buf)) {
        c->out[0] = CI_FAILED_CELL;
        return NULL;
    }
    return inst;
}

static int svc_read(struct ci_call *c)
{
    void *buf;
    struct of_instance *inst = io_target(c, &buf);
    if (inst)
        c->out[0] = !inst->dev->read ? CI_FAILED_CELL : buf ? (uint32_t)inst->dev->read(inst, buf, c->in[2]) : 0;
    return 0;
}

static int svc_write(struct ci_call *c)
{
    void *buf;
    struct of_instance *inst = io_target(c, &buf);
    if (inst)
        c->out[0] = !inst->dev->write ? CI_FAILED_CELL : buf ? (uint32_t)inst->dev->write(inst, buf, c->in[2]) : 0;
    return 0;
}

static int svc_seek(struct ci_call *c)
{
    struct of_instance *inst = of_instance_get(c->in[0]);
    uint64_t pos = (uint64_t)c->in[1] << 32 | c->in[2];
    c->out[0] = (inst && inst->dev->seek && inst->dev->seek(inst, pos) == 0) ? 0 : CI_FAILED_CELL;
    return 0;
}

static int svc_call_method(struct ci_call *c)
{
    const char *method = cmem_string(c->in[0], CI_NAME_MAX);
    struct of_instance *inst = of_instance_get(c->in[1]);
    if (!method || !inst) {
        c->out[0] = CI_FAILED_CELL;
        return 0;
    }
    for (const struct of_method *m = inst->dev->methods; m && m->name; m++)
        if (strcmp(m->name, method) == 0) {
            c->out[0] = (uint32_t)m->fn(inst, c->in + 2, c->nargs - 2, c->out + 1, c->nret - 1);
            return 0;
        }
    /* Clients probe for optional methods (GRUB asks a serial console for
     * color!), so a missing one is an answer, not an event. */
    log_debug("call-method: no method '%s' on %s\n", method, inst->node->name);
    c->out[0] = CI_FAILED_CELL;
    return 0;
}

const struct ci_service ci_io_services[] = {
    { "open", 1, 1, svc_open },
    { "close", 1, 0, svc_close },
    { "read", 3, 1, svc_read },
    { "write", 3, 1, svc_write },
    { "seek", 3, 1, svc_seek },
    { "call-method", 2, 1, svc_call_method },
    { NULL, 0, 0, NULL },
};
