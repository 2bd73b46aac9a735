/* SPDX-License-Identifier: BSD-2-Clause */
/* Client-interface argument handling: the block, the cells, every pointer. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "fdt/tree.c"
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

/* ---- the world the services see ---------------------------------------- */
#define CLIENT_BASE 0x10000000u
#define CLIENT_SIZE 0x100000u
static uint8_t *cram;
static char last_log[512];
static int quiesced;

#include "tests/client-memory.h"

#define LOG_STUB(name)                                              \
    void name(const char *fmt, ...)                                 \
    {                                                               \
        va_list ap;                                                 \
        va_start(ap, fmt);                                          \
        vsnprintf(last_log, sizeof(last_log), fmt, ap);             \
        va_end(ap);                                                 \
    }
LOG_STUB(log_info)
LOG_STUB(log_error)
LOG_STUB(log_debug)

/* A fatal line a case expects jumps back into it with its text. */
static jmp_buf fatal_jump;
static bool fatal_expected;
static char fatal_text[200];
void fatal(const char *fmt, ...)
{
    if (fatal_expected) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(fatal_text, sizeof(fatal_text), fmt, ap);
        va_end(ap);
        longjmp(fatal_jump, 1);
    }
    mock_assert(0, "fatal", __FILE__, __LINE__);
    abort();
}
static uint64_t now_us;
uint64_t timebase_us(void) { return now_us; }
void watchdog_check(void) {}
static void fake_quiesce(void) { quiesced++; }
static int secure_polls;
void secure_poll(void) { secure_polls++; }
uint32_t milliseconds(void) { return 1234; }
int32_t rtas_call(const char *name, int nargs, int nret, const uint32_t *args, uint32_t *rets)
{
    (void)name; (void)nargs; (void)nret; (void)args;
    rets[0] = 0;
    return 0;
}

/* Power services never return: the stubs jump back into the test. */
static jmp_buf power_jump;
static const char *power_called;
void power_off(void) { power_called = "off"; longjmp(power_jump, 1); }
void power_reset(void) { power_called = "reset"; longjmp(power_jump, 1); }

/* ---- helpers ------------------------------------------------------------ */
static uint32_t heap_next;

static uint32_t put_string(const char *s)
{
    uint32_t at = heap_next;
    strcpy((char *)cram + (at - CLIENT_BASE), s);
    heap_next += (uint32_t)strlen(s) + 1;
    heap_next = (heap_next + 7) & ~7u;
    return at;
}

static uint32_t alloc_buf(uint32_t len, uint8_t fill)
{
    uint32_t at = heap_next;
    memset(cram + (at - CLIENT_BASE), fill, len);
    heap_next += (len + 7) & ~7u;
    return at;
}

static void be32(uint8_t *p, uint32_t v) { put_be32(p, v); }
static uint32_t rd32(const uint8_t *p) { return get_be32(p); }

/* Build an argument block and dispatch; rets are copied out. */
static int call(const char *svc, uint32_t nargs, uint32_t nret, const uint32_t *args, uint32_t *rets)
{
    uint32_t name = put_string(svc);
    uint32_t blk = alloc_buf(12 + 4 * (nargs + nret), 0xee);
    uint8_t *p = cram + (blk - CLIENT_BASE);
    be32(p, name);
    be32(p + 4, nargs);
    be32(p + 8, nret);
    for (uint32_t i = 0; i < nargs; i++)
        be32(p + 12 + 4 * i, args[i]);
    int polls = secure_polls;
    int rc = ci_dispatch(blk);
    assert_int_equal(secure_polls, polls + 1);   /* every call checks for secure mode first */
    for (uint32_t i = 0; i < nret && rets; i++)
        rets[i] = rd32(p + 12 + 4 * (nargs + i));
    return rc;
}

static uint32_t call1(const char *svc, uint32_t nargs, const uint32_t *args)
{
    uint32_t ret = 0xdeadbeef;
    assert_int_equal(call(svc, nargs, 1, args, &ret), 0);
    return ret;
}

static struct dt_node *chosen, *vty;

static int64_t fake_write(struct of_instance *inst, const void *buf, uint64_t len)
{
    (void)inst;
    snprintf(last_log, sizeof(last_log), "%.*s", (int)len, (const char *)buf);
    return (int64_t)len;
}
static int m_double(struct of_instance *inst, const uint32_t *a, uint32_t na, uint32_t *r, uint32_t nr)
{
    (void)inst;
    if (na < 1 || nr < 1)
        return -1;
    r[0] = a[0] * 2;
    return 0;
}
static const struct of_method fake_methods[] = { { "double", m_double }, { NULL, NULL } };
static const struct of_device fake_dev = { .write = fake_write, .methods = fake_methods };
/* A console nobody types on, as the vty package reads it. */
static int64_t no_keys(struct of_instance *inst, void *buf, uint64_t len)
{
    (void)inst, (void)buf, (void)len;
    ciwatch_console_read(0);
    return 0;
}
static const struct of_device quiet_console = { .read = no_keys, .write = fake_write };

static int setup(void **state)
{
    (void)state;
    cram = calloc(1, CLIENT_SIZE);
    heap_next = CLIENT_BASE + 0x1000;
    dt_init();
    struct dt_node *root = dt_root();
    dt_set_u32(root, "#address-cells", 2);
    dt_set_u32(root, "#size-cells", 2);
    chosen = dt_new_node(root, "chosen");
    dt_set_string(chosen, "bootargs", "console=hvc0");
    struct dt_node *vdev = dt_new_node(root, "vdevice");
    vty = dt_new_node(vdev, "vty@71000000");
    dt_set_string(vty, "name", "vty");
    dt_set_u32(vty, "reg", 0x71000000);
    struct dt_node *mem = dt_new_node(root, "memory@0");
    dt_set_string(mem, "device_type", "memory");
    uint8_t reg[16] = { 0 };
    reg[11] = 0x40;     /* 0x40000000 */
    dt_set(mem, "reg", reg, 16);
    struct dt_node *aliases = dt_new_node(root, "aliases");
    dt_set_string(aliases, "hvterm", "/vdevice/vty@71000000");
    of_instances_reset();
    of_bind(vty, &fake_dev, NULL);
    struct mem_range r = { 0, 0x40000000 };
    claim_init(&r, 1);
    claim(0, 0x400000, 0);
    quiesced = 0;
    ci_set_quiesce(fake_quiesce);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    free(cram);
    return 0;
}

/* ---- the tests ---------------------------------------------------------- */
static void finddevice_paths_and_aliases(void **state)
{
    (void)state;
    uint32_t a[1];
    a[0] = put_string("/chosen");
    assert_int_equal(call1("finddevice", 1, a), chosen->phandle);
    a[0] = put_string("/vdevice/vty");
    assert_int_equal(call1("finddevice", 1, a), vty->phandle);
    a[0] = put_string("hvterm:0");
    assert_int_equal(call1("finddevice", 1, a), vty->phandle);
    a[0] = put_string("/nope");
    assert_int_equal(call1("finddevice", 1, a), (uint32_t)-1);
    a[0] = put_string("nosuchalias");
    assert_int_equal(call1("finddevice", 1, a), (uint32_t)-1);
    a[0] = 0x100;                                   /* not client memory */
    assert_int_equal(call1("finddevice", 1, a), (uint32_t)-1);
}

static void getprop_copies_at_most_buflen(void **state)
{
    (void)state;
    uint32_t buf = alloc_buf(16, 0x77);
    uint32_t a[4] = { chosen->phandle, put_string("bootargs"), buf, 4 };
    assert_int_equal(call1("getprop", 4, a), 13);   /* full length reported */
    assert_memory_equal(cram + (buf - CLIENT_BASE), "cons", 4);
    assert_int_equal(cram[buf - CLIENT_BASE + 4], 0x77);   /* nothing past buflen */
    a[3] = 16;
    assert_int_equal(call1("getprop", 4, a), 13);
    assert_string_equal((char *)cram + (buf - CLIENT_BASE), "console=hvc0");
    assert_int_equal(call1("getproplen", 2, a), 13);
    a[2] = 0x200;                                   /* buffer in firmware memory */
    assert_int_equal(call1("getprop", 4, a), (uint32_t)-1);
    a[0] = 0x12345;                                 /* not a phandle */
    assert_int_equal(call1("getprop", 4, a), (uint32_t)-1);
    a[0] = chosen->phandle;
    a[1] = put_string("missing");
    assert_int_equal(call1("getproplen", 2, a), (uint32_t)-1);
}

static void nextprop_walks_every_property_once(void **state)
{
    (void)state;
    uint32_t buf = alloc_buf(64, 0);
    uint32_t a[3] = { vty->phandle, 0, buf };
    const char *seen[4];
    int n = 0;
    while (n < 4 && call1("nextprop", 3, a) == 1) {
        seen[n] = strdup((char *)cram + (buf - CLIENT_BASE));
        a[1] = put_string(seen[n]);
        n++;
    }
    assert_int_equal(n, 2);
    assert_string_equal(seen[0], "name");
    assert_string_equal(seen[1], "reg");
    free((void *)seen[0]);
    free((void *)seen[1]);
    a[1] = put_string("bogus");
    assert_int_equal(call1("nextprop", 3, a), (uint32_t)-1);
}

static void setprop_then_getprop(void **state)
{
    (void)state;
    uint32_t val = put_string("hello");
    uint32_t a[4] = { chosen->phandle, put_string("linux,test"), val, 6 };
    assert_int_equal(call1("setprop", 4, a), 6);
    uint32_t len;
    assert_string_equal(dt_get(chosen, "linux,test", &len), "hello");
    a[2] = CLIENT_BASE + CLIENT_SIZE - 2;           /* runs off client memory */
    assert_int_equal(call1("setprop", 4, a), (uint32_t)-1);
}

static void tree_navigation(void **state)
{
    (void)state;
    uint32_t a[1] = { 0 };
    assert_int_equal(call1("peer", 1, a), dt_root()->phandle);
    a[0] = dt_root()->phandle;
    assert_int_equal(call1("child", 1, a), chosen->phandle);
    assert_int_equal(call1("parent", 1, a), 0);
    a[0] = chosen->phandle;
    assert_int_equal(call1("parent", 1, a), dt_root()->phandle);
    a[0] = vty->phandle;
    assert_int_equal(call1("peer", 1, a), 0);
    assert_int_equal(call1("child", 1, a), 0);
    a[0] = 0x7777;
    assert_int_equal(call1("child", 1, a), (uint32_t)-1);
}

static void paths_report_full_length(void **state)
{
    (void)state;
    uint32_t buf = alloc_buf(64, 0x55);
    uint32_t a[3] = { vty->phandle, buf, 64 };
    assert_int_equal(call1("package-to-path", 3, a), 21);
    assert_string_equal((char *)cram + (buf - CLIENT_BASE), "/vdevice/vty@71000000");
    memset(cram + (buf - CLIENT_BASE), 0x55, 64);
    a[2] = 5;
    assert_int_equal(call1("package-to-path", 3, a), 21);
    assert_memory_equal(cram + (buf - CLIENT_BASE), "/vdev", 5);
    assert_int_equal(cram[buf - CLIENT_BASE + 5], 0x55);
    uint32_t c[3] = { put_string("hvterm:args"), buf, 64 };
    assert_int_equal(call1("canon", 3, c), 26);
    assert_string_equal((char *)cram + (buf - CLIENT_BASE), "/vdevice/vty@71000000:args");
}

static void instance_services(void **state)
{
    (void)state;
    uint32_t a[3] = { put_string("/vdevice/vty@71000000:x") };
    uint32_t ih = call1("open", 1, a);
    assert_int_not_equal(ih, 0);
    a[0] = ih;
    assert_int_equal(call1("instance-to-package", 1, a), vty->phandle);
    a[0] = vty->phandle;                            /* a phandle is no ihandle */
    assert_int_equal(call1("instance-to-package", 1, a), (uint32_t)-1);
    uint32_t w[3] = { ih, put_string("hi there"), 8 };
    assert_int_equal(call1("write", 3, w), 8);
    assert_string_equal(last_log, "hi there");
    w[1] = 0x1000;                                  /* firmware memory */
    assert_int_equal(call1("write", 3, w), (uint32_t)-1);
    uint32_t r[3] = { ih, alloc_buf(8, 0), 8 };
    assert_int_equal(call1("read", 3, r), (uint32_t)-1);   /* no read method */
    uint32_t m[3] = { put_string("double"), ih, 21 }, rets[2];
    assert_int_equal(call("call-method", 3, 2, m, rets), 0);
    assert_int_equal(rets[0], 0);
    assert_int_equal(rets[1], 42);
    m[0] = put_string("nomethod");
    assert_int_equal(call("call-method", 3, 2, m, rets), 0);
    assert_int_equal(rets[0], (uint32_t)-1);
    uint32_t cl[1] = { ih };
    assert_int_equal(call("close", 1, 0, cl, NULL), 0);
    assert_int_equal(call1("instance-to-package", 1, cl), (uint32_t)-1);
    a[0] = put_string("/chosen");                   /* no driver bound */
    assert_int_equal(call1("open", 1, a), 0);
}

static void claim_release_and_available(void **state)
{
    (void)state;
    uint32_t a[3] = { 0x1000000, 0x10000, 0 };
    assert_int_equal(call1("claim", 3, a), 0x1000000);
    assert_int_equal(call1("claim", 3, a), (uint32_t)-1);
    a[0] = 0x100000;                                /* inside the firmware */
    assert_int_equal(call1("claim", 3, a), (uint32_t)-1);
    uint32_t al[3] = { 0, 0x3000, 0x100000 };
    assert_int_equal(call1("claim", 3, al), 0x400000);
    uint32_t len;
    const uint8_t *avail = dt_get(dt_find("/memory@0"), "available", &len);
    assert_non_null(avail);
    /* Free: 0x403000-0x1000000 and 0x1010000-0x40000000. */
    assert_int_equal(len, 2 * 16);
    assert_int_equal(dt_read_cells(avail, 2), 0x403000);
    assert_int_equal(dt_read_cells(avail + 8, 2), 0x1000000 - 0x403000);
    uint32_t rel[2] = { 0x1000000, 0x10000 };
    assert_int_equal(call("release", 2, 0, rel, NULL), 0);
    avail = dt_get(dt_find("/memory@0"), "available", &len);
    assert_int_equal(len, 16);
    assert_int_equal(dt_read_cells(avail + 8, 2), 0x40000000 - 0x403000);
}

static void bad_blocks_and_unknown_services(void **state)
{
    (void)state;
    assert_int_equal(call("no-such-service", 0, 1, NULL, NULL), -1);
    assert_non_null(strstr(last_log, "no-such-service"));
    assert_int_equal(call("getprop", 1, 1, (uint32_t[]){ 0 }, NULL), -1);   /* too few args */
    assert_int_equal(call("milliseconds", 0, 0, NULL, NULL), -1);           /* no ret cell */
    assert_int_equal(call("milliseconds", 20, 1, (uint32_t[20]){ 0 }, NULL), -1);
    assert_int_equal(ci_dispatch(0x100), -1);                               /* firmware memory */
    assert_int_equal(ci_dispatch(CLIENT_BASE + CLIENT_SIZE - 8), -1);       /* runs off the end */
    /* A service name with no NUL before the end of client memory. */
    uint32_t blk = alloc_buf(16, 0);
    uint8_t *p = cram + (blk - CLIENT_BASE);
    memset(cram + CLIENT_SIZE - 8, 'A', 8);
    be32(p, CLIENT_BASE + CLIENT_SIZE - 8);
    assert_int_equal(ci_dispatch(blk), -1);
    uint32_t t[1] = { put_string("getprop") };
    assert_int_equal(call1("test", 1, t), 0);
    t[0] = put_string("frobnicate");
    assert_int_equal(call1("test", 1, t), (uint32_t)-1);
}

static void control_services(void **state)
{
    (void)state;
    assert_int_equal(call1("milliseconds", 0, NULL), 1234);
    assert_int_equal(call("quiesce", 0, 0, NULL, NULL), 0);
    assert_int_equal(quiesced, 1);
    uint32_t i[1] = { put_string("see") };
    assert_int_equal(call1("interpret", 1, i), (uint32_t)-1);
    assert_non_null(strstr(last_log, "'see' is not supported"));
}

/* Device aliases as SLOF names them, resolvable with arguments, and found
 * by clients that walk /aliases with nextprop (GRUB's disk scan). */
static void device_aliases(void **state)
{
    (void)state;
    struct dt_node *pci = dt_new_node(dt_root(), "pci@800000020000000");
    struct dt_node *d0 = dt_new_node(pci, "scsi@0"), *d1 = dt_new_node(pci, "scsi@1");
    assert_int_equal(of_alias_device("disk", 0, "/pci@800000020000000/scsi@0"), 0);
    assert_int_equal(of_alias_device("disk", 1, "/pci@800000020000000/scsi@1"), 0);
    struct dt_node *aliases = dt_find("/aliases");
    assert_string_equal(dt_get_string(aliases, "disk"), "/pci@800000020000000/scsi@0");
    assert_string_equal(dt_get_string(aliases, "disk1"), "/pci@800000020000000/scsi@1");
    char args[32];
    assert_ptr_equal(of_resolve("disk1:2,\\boot", args, sizeof(args)), d1);
    assert_string_equal(args, "2,\\boot");
    assert_ptr_equal(of_resolve("disk:0", args, sizeof(args)), d0);
    assert_string_equal(args, "0");
    assert_null(of_resolve("disk2", args, sizeof(args)));
    uint32_t a[3] = { put_string("disk1") };
    assert_int_equal(call1("finddevice", 1, a), d1->phandle);
}

/* A unit address written another way names the same node: missing
 * trailing fields are 0 ("namespace@1" is QEMU's "namespace@1,0", PCI's
 * "scsi@3,0" is "scsi@3"), hex ignores case and leading zeros. */
static void unit_addresses_compare_by_value(void **state)
{
    (void)state;
    struct dt_node *pci = dt_new_node(dt_root(), "pci@800000020000000");
    struct dt_node *ctrl = dt_new_node(pci, "mass-storage@3"), *fn = dt_new_node(pci, "scsi@1,1");
    struct dt_node *ns1 = dt_new_node(ctrl, "namespace@1,0"), *ns10 = dt_new_node(ctrl, "namespace@10,0");
    char args[32];
    assert_ptr_equal(of_resolve("/pci@800000020000000/mass-storage@3/namespace@1:2", args, sizeof(args)), ns1);
    assert_string_equal(args, "2");
    assert_ptr_equal(of_resolve("/pci@800000020000000/mass-storage@3,0/namespace@01,00", args, sizeof(args)), ns1);
    assert_ptr_equal(of_resolve("/PCI@800000020000000/mass-storage@3/namespace@10", args, sizeof(args)), NULL);
    assert_ptr_equal(of_resolve("/pci@800000020000000/mass-storage@3/namespace@10", args, sizeof(args)), ns10);
    assert_ptr_equal(of_resolve("/pci@800000020000000/scsi@1,1", args, sizeof(args)), fn);
    assert_null(of_resolve("/pci@800000020000000/scsi@1", args, sizeof(args)));
    assert_null(of_resolve("/pci@800000020000000/mass-storage@3/namespace@1,1", args, sizeof(args)));
    assert_null(of_resolve("/pci@800000020000000/mass-storage@3/namespace@2", args, sizeof(args)));
    assert_null(of_resolve("/pci@800000020000000/mass-storage@3/namespac@1", args, sizeof(args)));
}

/* A SCSI host's units share one wildcard node, "disk" without "reg": a
 * path names it with the unit, which open, canon and instance-to-path keep;
 * a child of that name with its own "reg" still wins. */
static void wildcard_nodes_take_the_unit_from_the_path(void **state)
{
    (void)state;
    struct dt_node *host = dt_new_node(dt_find("/vdevice"), "v-scsi@71000002");
    struct dt_node *disk = dt_new_node(host, "disk"), *fixed = dt_new_node(host, "disk@1");
    uint8_t reg[8] = { 0 };
    dt_set(fixed, "reg", reg, sizeof(reg));
    of_bind(disk, &fake_dev, NULL);
    char args[32], unit[OF_UNIT_MAX];
    assert_ptr_equal(of_resolve_unit("/vdevice/v-scsi@71000002/disk@8200000000000000:1,\\x", args,
                                     sizeof(args), unit, sizeof(unit)), disk);
    assert_string_equal(unit, "8200000000000000");
    assert_string_equal(args, "1,\\x");
    assert_ptr_equal(of_resolve_unit("/vdevice/v-scsi@71000002/disk@1", args, sizeof(args), unit,
                                     sizeof(unit)), fixed);
    assert_string_equal(unit, "");
    assert_null(of_resolve("/vdevice/v-scsi@71000002/cdrom@1", args, sizeof(args)));
    assert_int_equal(of_alias_device("cdrom", 0, "/vdevice/v-scsi@71000002/disk@8200000000000000"), 0);
    assert_ptr_equal(of_resolve_unit("cdrom:2", args, sizeof(args), unit, sizeof(unit)), disk);
    assert_string_equal(unit, "8200000000000000");

    uint32_t buf = alloc_buf(80, 0);
    uint32_t f[1] = { put_string("cdrom") };
    assert_int_equal(call1("finddevice", 1, f), disk->phandle);
    uint32_t c[3] = { put_string("cdrom:,\\ppc"), buf, 80 };
    call1("canon", 3, c);
    assert_string_equal((char *)cram + (buf - CLIENT_BASE), "/vdevice/v-scsi@71000002/disk@8200000000000000:,\\ppc");
    uint32_t o[1] = { put_string("/vdevice/v-scsi@71000002/disk@8100000000000000:3") };
    uint32_t ih = call1("open", 1, o);
    assert_int_not_equal(ih, 0);
    uint32_t p[3] = { ih, buf, 80 };
    call1("instance-to-path", 3, p);
    assert_string_equal((char *)cram + (buf - CLIENT_BASE), "/vdevice/v-scsi@71000002/disk@8100000000000000:3");
    uint32_t k[3] = { disk->phandle, buf, 80 };
    call1("package-to-path", 3, k);
    assert_string_equal((char *)cram + (buf - CLIENT_BASE), "/vdevice/v-scsi@71000002/disk");
}

/* The words GRUB sends: console selection and cursor succeed and do
 * nothing; power words end the VM; a near miss is still unknown. */
static void interpret_knows_what_boot_loaders_send(void **state)
{
    (void)state;
    static const char *const quiet[] = { "output-device output", "input-device input",
                                         "cursor-on", "cursor-off" };
    for (unsigned k = 0; k < 4; k++) {
        uint32_t i[1] = { put_string(quiet[k]) };
        assert_int_equal(call1("interpret", 1, i), 0);
    }
    static const struct { const char *word, *effect; } power[] = {
        { "power-off", "off" }, { "shut-down", "off" }, { "poweroff", "off" }, { "reset-all", "reset" },
    };
    for (unsigned k = 0; k < 4; k++) {
        uint32_t i[1] = { put_string(power[k].word) };
        power_called = NULL;
        if (setjmp(power_jump) == 0)
            call1("interpret", 1, i);
        assert_non_null(power_called);
        assert_string_equal(power_called, power[k].effect);
    }
    uint32_t i[1] = { put_string("cursor-on extra") };
    assert_int_equal(call1("interpret", 1, i), (uint32_t)-1);
}

/* Random argument blocks must never crash the dispatcher (ASan watches). */
/* In CI mode a client that only polls the console for a key (and writes,
 * and reads its clock) longer than ci-input-wait ends the VM; anything else
 * it does in between ends the wait. */
static void a_client_waiting_for_a_key_ends_in_ci_mode(void **state)
{
    (void)state;
    struct dt_node *keys = dt_new_node(dt_root(), "keys");
    of_bind(keys, &quiet_console, NULL);
    uint32_t a[1] = { put_string("/keys") };
    uint32_t ih = call1("open", 1, a);
    uint32_t r[3] = { ih, alloc_buf(8, 0), 1 }, w[3] = { ih, put_string("."), 1 }, f[1] = { put_string("/chosen") };
    ciwatch_arm(30, "\\boot\\grub\\powerpc.elf from /x");
    now_us = 1000000;
    for (int s = 0; s < 20; s++, now_us += 1000000)     /* 20 s of polling ... */
        assert_int_equal(call1("read", 3, r), 0);
    call1("finddevice", 1, f);                           /* ... then real work: a new wait */
    for (int s = 0; s < 25; s++, now_us += 1000000) {
        assert_int_equal(call1("read", 3, r), 0);
        assert_int_equal(call1("write", 3, w), 1);       /* a prompt does not end a wait */
    }
    fatal_expected = true;
    if (setjmp(fatal_jump) == 0) {
        for (int s = 0; s < 10; s++, now_us += 1000000)
            call1("read", 3, r);
        fail_msg("a 35 s wait for a key did not end the VM");
    }
    fatal_expected = false;
    assert_string_equal(fatal_text, "\\boot\\grub\\powerpc.elf from /x waited 31 s for console input "
                                    "(ci-input-wait, ci-mode=on)");
    ciwatch_arm(0, "");                                  /* disarmed: waits are nobody's business */
    for (int s = 0; s < 100; s++, now_us += 1000000)
        call1("read", 3, r);
}

static void random_blocks_are_safe(void **state)
{
    (void)state;
    static const char *const names[] = { "getprop", "nextprop", "setprop", "package-to-path",
        "canon", "claim", "release", "open", "write", "read", "call-method", "finddevice",
        "instance-to-path", "peer", "child", "seek", "close" };
    srand(42);
    for (int round = 0; round < 20000; round++) {
        uint32_t args[8], rets[4];
        uint32_t nargs = (uint32_t)rand() % 9, nret = (uint32_t)rand() % 5;
        for (int k = 0; k < 8; k++) {
            switch (rand() % 4) {
            case 0: args[k] = (uint32_t)rand(); break;
            case 1: args[k] = CLIENT_BASE + (uint32_t)rand() % CLIENT_SIZE; break;
            case 2: args[k] = (uint32_t)rand() % 64; break;
            default: args[k] = vty->phandle; break;
            }
        }
        heap_next = CLIENT_BASE + 0x1000;
        call(names[(unsigned)rand() % (sizeof(names) / sizeof(names[0]))], nargs, nret, args, rets);
    }
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(finddevice_paths_and_aliases), T(getprop_copies_at_most_buflen),
        T(nextprop_walks_every_property_once), T(setprop_then_getprop),
        T(tree_navigation), T(paths_report_full_length), T(instance_services),
        T(claim_release_and_available), T(bad_blocks_and_unknown_services),
        T(control_services),
        T(interpret_knows_what_boot_loaders_send), T(device_aliases), T(random_blocks_are_safe),
        T(a_client_waiting_for_a_key_ends_in_ci_mode),
        T(wildcard_nodes_take_the_unit_from_the_path),
        T(unit_addresses_compare_by_value),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
