/* SPDX-License-Identifier: BSD-2-Clause */
/* The client interface from a hostile loader: the input is the client's
 * memory, holding the argument block (its address in the first 4 bytes)
 * and whatever the cells point at. Every service is reachable: names,
 * counts, strings and pointers are all the input's. The firmware must
 * answer 0 or CI_FAILED, never touch memory outside the client's (ASan
 * watches) and leave its tree whole (it flattens). */
#include <setjmp.h>
#include "fuzz.h"
#include "fdt/tree.c"
#include "fdt/export.c"
#include "fdt/reserve.c"
#include "mem/claim.c"
#include "lib/vec.c"
#include "of/ciwatch.c"
#include "of/client.c"
#include "of/instance.c"
#include "of/path.c"
#include "of/svc_control.c"
#include "of/svc_io.c"
#include "of/svc_memory.c"
#include "of/svc_tree.c"
/* NEEDS_LIBFDT */

#define CLIENT_BASE 0x10000000u
#define CLIENT_SIZE 0x10000u

static uint8_t cram[CLIENT_SIZE];
static jmp_buf ended;          /* exit, power-off, reset: the client is gone */

#include "tests/client-memory.h"

void log_info(const char *fmt, ...) { (void)fmt; }
void log_error(const char *fmt, ...) { (void)fmt; }
void log_debug(const char *fmt, ...) { (void)fmt; }
void fatal(const char *fmt, ...) { (void)fmt; longjmp(ended, 1); }
void power_off(void) { longjmp(ended, 1); }
void power_reset(void) { longjmp(ended, 1); }
void secure_poll(void) {}
void watchdog_check(void) {}
uint64_t timebase_us(void) { return 0; }
uint32_t milliseconds(void) { return 1234; }
int32_t rtas_call(const char *name, int nargs, int nret, const uint32_t *args, uint32_t *rets)
{
    (void)name; (void)nargs; (void)args;
    PROMISE(nret >= 1);
    rets[0] = 0;
    return 0;
}
static void quiesce(void) {}

static int64_t console_write_op(struct of_instance *inst, const void *buf, uint64_t len)
{
    (void)inst; (void)buf;
    return (int64_t)len;
}
static int m_twice(struct of_instance *inst, const uint32_t *a, uint32_t na, uint32_t *r, uint32_t nr)
{
    (void)inst;
    if (na < 1 || nr < 1)
        return OF_FAILED;
    r[0] = a[0] * 2;
    return 0;
}
static const struct of_method methods[] = { { "twice", m_twice }, { NULL, NULL } };
static const struct of_device console = { .write = console_write_op, .methods = methods };

/* The tree a pseries client sees, in small. */
static void world(void)
{
    dt_init();
    struct dt_node *root = dt_root();
    dt_set_u32(root, "#address-cells", 2);
    dt_set_u32(root, "#size-cells", 2);
    struct dt_node *chosen = dt_new_node(root, "chosen");
    dt_set_string(chosen, "bootargs", "console=hvc0");
    struct dt_node *vty = dt_new_node(dt_new_node(root, "vdevice"), "vty@71000000");
    dt_set_u32(vty, "reg", 0x71000000);
    struct dt_node *mem = dt_new_node(root, "memory@0");
    dt_set_string(mem, "device_type", "memory");
    uint8_t reg[16] = { 0 };
    reg[11] = 0x40;
    dt_set(mem, "reg", reg, 16);
    dt_set_string(dt_new_node(root, "aliases"), "hvterm", "/vdevice/vty@71000000");
    dt_new_node(dt_new_node(root, "cpus"), "PowerPC,POWER9@0");
    of_instances_reset();
    of_bind(vty, &console, NULL);
    struct mem_range r = { 0, 0x40000000 };
    claim_init(&r, 1);
    claim(0, 0x400000, 0);
    ci_set_quiesce(quiesce);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static uint8_t flat[1 << 16] __attribute__((aligned(8)));
    if (size < 4)
        return 0;
    world();
    memset(cram, 0, sizeof(cram));
    memcpy(cram, data + 4, size - 4 < sizeof(cram) ? size - 4 : sizeof(cram));
    /* Mostly inside the client's memory; sometimes anywhere. */
    uint32_t at = data[0] | (uint32_t)data[1] << 8 | (uint32_t)data[2] << 16 | (uint32_t)data[3] << 24;
    uint64_t args = at & 0x80000000u ? at : CLIENT_BASE + at % CLIENT_SIZE;
    if (!setjmp(ended)) {
        int rc = ci_dispatch(args);
        PROMISE(rc == 0 || rc == CI_FAILED);
    }
    PROMISE(dt_flatten(flat, sizeof(flat)) == 0);
    return 0;
}
