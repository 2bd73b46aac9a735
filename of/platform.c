/* SPDX-License-Identifier: BSD-2-Clause */
/* The pseries packages a client opens: the root (for CAS), /rtas (for
 * instantiate-rtas), the console vty and the boot CPU; and the /chosen
 * handles that point at them. */
#include <stdlib.h>
#include <string.h>
#include "../board/console.h"
#include "../board/hcall.h"
#include "../board/log.h"
#include "../board/pseries.h"
#include "../board/rtas.h"
#include "../fdt/tree.h"
#include "../lib/err.h"
#include "../mem/claim.h"
#include "../nvram/settings.h"
#include "ciwatch.h"
#include "cmem.h"
#include "instance.h"
#include "memory.h"
#include "path.h"
#include "platform.h"


void sync_icache(void *start, uint64_t len);

int platform_cas(uint64_t vector, long *status)
{
    uint8_t *buf = malloc(DT_FLAT_MAX);
    *status = H_HARDWARE;
    if (!buf) {
        log_error("CAS: no memory for QEMU's updated tree\n");
        return ERR_NO_MEMORY;
    }
    *status = pseries_cas(vector, buf, DT_FLAT_MAX);
    int err = 0;
    if (*status == H_SUCCESS) {
        /* The tree follows a 4-byte header; libfdt wants it 8-byte aligned. */
        memmove(buf, buf + 4, DT_FLAT_MAX - 4);
        err = dt_merge(buf, DT_FLAT_MAX - 4);
    }
    free(buf);
    if (*status != H_SUCCESS) {
        log_error("CAS: the hypervisor refused the vector (status %ld)\n", *status);
        return ERR_IO;
    }
    if (err) {
        log_error("CAS: QEMU's updated tree is unusable (libfdt error %d)\n", err);
        return ERR_INVALID;
    }
    of_publish_available();
    log_debug("CAS: tree updated\n");
    return 0;
}

/* ibm,client-architecture-support ( vector -- result ) */
static int root_cas(struct of_instance *inst, const uint32_t *args, uint32_t nargs,
                    uint32_t *rets, uint32_t nrets)
{
    (void)inst;
    long status;
    if (nargs < 1 || nrets < 1 || !cmem_ptr(args[0], 4))
        return OF_FAILED;
    int err = platform_cas(args[0], &status);
    if (err == ERR_NO_MEMORY)
        return OF_FAILED;
    rets[0] = status != H_SUCCESS ? (uint32_t)status : err ? (uint32_t)-1 : 0;
    return 0;
}

void platform_rtas_install(void *base)
{
    memcpy(base, rtas_stub, sizeof(rtas_stub));
    sync_icache(base, sizeof(rtas_stub));
}

/* instantiate-rtas ( base -- entry ): RTAS is a stub that makes the hypercall. */
static int rtas_instantiate(struct of_instance *inst, const uint32_t *args, uint32_t nargs,
                            uint32_t *rets, uint32_t nrets)
{
    (void)inst;
    void *base = nargs >= 1 ? cmem_ptr(args[0], sizeof(rtas_stub)) : NULL;
    if (!base || nrets < 1) {
        log_error("instantiate-rtas: bad base 0x%x\n", nargs ? args[0] : 0);
        return OF_FAILED;
    }
    platform_rtas_install(base);
    rets[0] = args[0];
    log_debug("RTAS instantiated at 0x%x\n", args[0]);
    return 0;
}

static int64_t vty_read(struct of_instance *inst, void *buf, uint64_t len)
{
    (void)inst;
    size_t got = console_read(buf, len);
    ciwatch_console_read(got);
    return (int64_t)got;
}

static int64_t vty_write(struct of_instance *inst, const void *buf, uint64_t len)
{
    (void)inst;
    console_write_serial(buf, len);
    return (int64_t)len;
}

/* A virtio console as a client's stdin and stdout: keys from every input
 * console, as the vty's, text to that console alone. */
static int64_t port_write(struct of_instance *inst, const void *buf, uint64_t len)
{
    struct console_port *p = inst->priv;
    p->write(p, buf, len);
    return (int64_t)len;
}

static const struct of_device port_device = { .read = vty_read, .write = port_write };

static const struct of_method root_methods[] = {
    { "ibm,client-architecture-support", root_cas },
    { NULL, NULL },
};
static const struct of_method rtas_methods[] = {
    { "instantiate-rtas", rtas_instantiate },
    { NULL, NULL },
};
static const struct of_device root_device = { .methods = root_methods };
static const struct of_device rtas_device = { .methods = rtas_methods };
static const struct of_device vty_device = { .read = vty_read, .write = vty_write };

/* mmu methods, for clients that translate before they map: the firmware
 * runs with the MMU off, so every address is its own translation, and
 * "map" has nothing to do. */
static int mmu_translate(struct of_instance *inst, const uint32_t *args, uint32_t nargs,
                         uint32_t *rets, uint32_t nrets)
{
    (void)inst;
    if (nargs < 1 || nrets < 3)       /* ( virt -- phys.lo mode true ) */
        return OF_FAILED;
    rets[0] = (uint32_t)-1;
    rets[1] = 0;
    rets[2] = args[0];
    return 0;
}

static int mmu_nothing_to_do(struct of_instance *inst, const uint32_t *args, uint32_t nargs,
                             uint32_t *rets, uint32_t nrets)
{
    (void)inst; (void)args; (void)nargs; (void)rets; (void)nrets;
    return 0;
}

/* The memory package's claim ( [phys] size align -- base ) and release
 * ( phys size -- ); call-method passes the stack's top first. */
static int memory_claim(struct of_instance *inst, const uint32_t *args, uint32_t nargs,
                        uint32_t *rets, uint32_t nrets)
{
    (void)inst;
    if (nargs < 2 || nrets < 1)
        return OF_FAILED;
    uint64_t got = of_claim(nargs >= 3 ? args[2] : 0, args[1], args[0]);
    if (got == CLAIM_FAILED)
        return OF_FAILED;
    rets[0] = (uint32_t)got;
    return 0;
}

static int memory_release(struct of_instance *inst, const uint32_t *args, uint32_t nargs,
                          uint32_t *rets, uint32_t nrets)
{
    (void)inst; (void)rets; (void)nrets;
    return nargs >= 2 && of_release(args[1], args[0]) == 0 ? 0 : OF_FAILED;
}

static const struct of_method mmu_methods[] = {
    { "translate", mmu_translate },
    { "map", mmu_nothing_to_do },
    { "unmap", mmu_nothing_to_do },
    { NULL, NULL },
};
static const struct of_method memory_methods[] = {
    { "claim", memory_claim },
    { "release", memory_release },
    { NULL, NULL },
};
static const struct of_device mmu_device = { .methods = mmu_methods };
static const struct of_device memory_device = { .methods = memory_methods };

struct dt_node *platform_boot_cpu(void)
{
    struct dt_node *cpus = dt_find("/cpus");
    for (struct dt_node *n = cpus ? cpus->child : NULL; n; n = n->sibling) {
        const char *type = dt_get_string(n, "device_type");
        if (type && strcmp(type, "cpu") == 0)
            return n;
    }
    return NULL;
}

static void set_ihandle(struct dt_node *chosen, const char *name, const char *spec)
{
    uint32_t ih = of_open(spec);
    if (ih)
        dt_set_u32(chosen, name, ih);
    else
        log_error("cannot open %s for /chosen/%s\n", spec, name);
}

/* IEEE 1275's /openprom names the firmware; Linux shows its model in the
 * "Hardware name" line, so an OS log says which firmware booted it. */
static int add_openprom(void)
{
    struct dt_node *n = dt_find("/openprom");
    if (!n)
        n = dt_new_node(dt_root(), "openprom");
    return n ? dt_set_string(n, "model", "Sluice," SLUICE_VERSION) : ERR_NO_MEMORY;
}

/* QEMU names no console in /chosen when it has a graphical one (it leaves
 * the choice to the firmware); the console stays the hvterm. */
static struct dt_node *first_hvterm(void)
{
    for (struct dt_node *n = dt_root(); n; n = dt_next(n))
        if (dt_is_compatible(n, "hvterm1"))
            return n;
    return NULL;
}

static int name_console(struct dt_node *chosen, struct dt_node *vty)
{
    char path[OF_PATH_MAX];
    if (dt_path(vty, path, sizeof(path)) < sizeof(path) &&
        (dt_set_string(chosen, "stdout-path", path) || dt_set_string(chosen, "linux,stdout-path", path)))
        return ERR_NO_MEMORY;
    return 0;
}

int platform_init(void)
{
    struct dt_node *chosen = dt_find("/chosen");
    struct dt_node *rtas = dt_find("/rtas");
    struct dt_node *cpu = platform_boot_cpu();
    const char *stdout_path = chosen ? dt_get_string(chosen, "stdout-path") : NULL;
    struct dt_node *vty = stdout_path ? dt_find(stdout_path) : first_hvterm();

    if (!chosen)
        chosen = dt_new_node(dt_root(), "chosen");
    if (!chosen || add_openprom())
        return ERR_NO_MEMORY;
    if (vty && !stdout_path && name_console(chosen, vty))
        return ERR_NO_MEMORY;
    stdout_path = chosen ? dt_get_string(chosen, "stdout-path") : NULL;
    of_bind(dt_root(), &root_device, NULL);
    if (rtas)
        of_bind(rtas, &rtas_device, NULL);
    if (vty) {
        of_bind(vty, &vty_device, NULL);
        char vty_path[OF_PATH_MAX];
        if (dt_path(vty, vty_path, sizeof(vty_path)) < sizeof(vty_path))
            of_alias_device("hvterm", 0, vty_path);
        set_ihandle(chosen, "stdout", stdout_path);
        set_ihandle(chosen, "stdin", stdout_path);
    }
    /* /chosen's cpu and mmu are the boot CPU (as under SLOF), memory the
     * RAM at 0. */
    char path[OF_PATH_MAX];
    if (cpu && dt_path(cpu, path, sizeof(path)) < sizeof(path)) {
        of_bind(cpu, &mmu_device, NULL);
        set_ihandle(chosen, "cpu", path);
        set_ihandle(chosen, "mmu", path);
    }
    struct dt_node *ram = dt_find("/memory@0");
    if (ram && dt_path(ram, path, sizeof(path)) < sizeof(path)) {
        of_bind(ram, &memory_device, NULL);
        set_ihandle(chosen, "memory", path);
    }
    return 0;
}

void platform_bind_console(void)
{
    struct dt_node *chosen = dt_find("/chosen");
    struct console_port *p = console_find(CONSOLE_VIRTIO);
    char mode[16], path[OF_PATH_MAX];
    setting_value("output", mode, sizeof(mode));
    if (!p || !p->node || (console_has_hvterm() && strcmp(mode, "virtio") != 0)) {
        if (!console_has_hvterm())
            log_error("no console for the OS: no hvterm and no virtio console\n");
        return;
    }
    of_bind(p->node, &port_device, p);
    if (!chosen || dt_path(p->node, path, sizeof(path)) >= sizeof(path) || name_console(chosen, p->node))
        return;
    set_ihandle(chosen, "stdout", path);
    set_ihandle(chosen, "stdin", path);
    log_info("%s: the console clients write to (/chosen/stdout)\n", p->node->name);
}

/* IEEE 1275's /options holds the configuration variables as strings.
 * real-mode? is true because the firmware never turns the MMU on: GRUB then
 * claims memory without asking the mmu to map it. */
void platform_publish_options(void)
{
    static const char *const from_settings[] = { "boot-device", "boot-file" };
    struct dt_node *options = dt_find("/options");
    if (!options && !(options = dt_new_node(dt_root(), "options")))
        return;
    dt_set_string(options, "real-mode?", "true");
    for (unsigned i = 0; i < sizeof(from_settings) / sizeof(from_settings[0]); i++) {
        char value[OF_PATH_MAX];
        if (setting_get(from_settings[i], value, sizeof(value)))
            value[0] = '\0';
        dt_set_string(options, from_settings[i], value);
    }
}
