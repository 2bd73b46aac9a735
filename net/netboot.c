#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../board/log.h"
#include "../boot/load.h"
#include "../fdt/tree.h"
#include "../mem/claim.h"
#include "../mem/phys.h"
#include "netboot.h"
#include "netclient.h"
#include "pxe.h"

#define INITRD_ALIGN 0x10000

static void ip_text(char *buf, size_t size, uint32_t ip)
{
    sniprintf(buf, size, "%lu.%lu.%lu.%lu", (unsigned long)(ip >> 24), (unsigned long)(ip >> 16 & 0xff),
              (unsigned long)(ip >> 8 & 0xff), (unsigned long)(ip & 0xff));
}

/* Option 66 may name the server as a dotted quad; names need DNS, which
 * Sluice does not do. */
static uint32_t parse_ip(const char *s)
{
    uint32_t ip = 0;
    for (int part = 0; part < 4; part++) {
        char *end;
        unsigned long v = strtoul(s, &end, 10);
        if (end == s || v > 255 || (part < 3 && *end != '.') || (part == 3 && *end))
            return 0;
        ip = ip << 8 | (uint32_t)v;
        s = end + 1;
    }
    return ip;
}

static bool is_elf(const struct tftp_file *f)
{
    return f->len >= 4 && memcmp(phys_ptr(f->phys), "\177ELF", 4) == 0;
}

static int load_kernel(struct tftp_file *f, struct boot_target *t, char *why, unsigned long whylen)
{
    struct loaded_image li;
    char loadwhy[128];
    int rc = load_elf(phys_ptr(f->phys), f->len, &li, loadwhy, sizeof(loadwhy));
    tftp_file_release(f);
    if (rc) {
        sniprintf(why, whylen, "%s", loadwhy);
        return -1;
    }
    t->entry = li.entry;
    t->little_endian = li.little_endian;
    t->elf32 = li.elf32;
    t->initrd = li.base + li.size;       /* where an initrd should follow */
    t->initrd_size = 0;
    return 0;
}

/* The initrd goes right after the kernel, as QEMU's -initrd does. */
static int load_initrd(struct iface *in, uint32_t server, const char *name, struct boot_target *t,
                       char *why, unsigned long whylen)
{
    struct tftp_file f;
    if (tftp_fetch(in, server, name, &f, 0, why, whylen))
        return -1;
    uint64_t at = claim((t->initrd + INITRD_ALIGN - 1) & ~(uint64_t)(INITRD_ALIGN - 1), f.len,
                        INITRD_ALIGN);
    if (at == CLAIM_FAILED || at + f.len > f.phys) {
        if (at != CLAIM_FAILED)
            release(at, f.len);
        tftp_file_release(&f);
        sniprintf(why, whylen, "no memory for the %lu-byte initrd", (unsigned long)f.len);
        return -1;
    }
    memmove(phys_ptr(at), phys_ptr(f.phys), f.len);
    t->initrd = at;
    t->initrd_size = f.len;
    tftp_file_release(&f);
    return 0;
}

static int boot_entry(struct iface *in, uint32_t server, const struct pxe_entry *e,
                      struct boot_target *t, char *why, unsigned long whylen)
{
    struct tftp_file f;
    log_info("pxelinux entry '%s': kernel %s%s%s\n", e->label, e->kernel,
             e->initrd[0] ? ", initrd " : "", e->initrd);
    if (tftp_fetch(in, server, e->kernel, &f, 0, why, whylen))
        return -1;
    if (!is_elf(&f)) {
        tftp_file_release(&f);
        sniprintf(why, whylen, "kernel '%s' is not an ELF file", e->kernel);
        return -1;
    }
    if (load_kernel(&f, t, why, whylen))
        return -1;
    if (e->initrd[0] && load_initrd(in, server, e->initrd, t, why, whylen))
        return -1;
    if (!e->initrd[0])
        t->initrd = 0;
    struct dt_node *chosen = dt_find("/chosen");
    if (chosen && e->append[0])
        dt_set_string(chosen, "bootargs", e->append);
    return 0;
}

/* A fetched file that should be a pxelinux config. */
static int boot_config(struct iface *in, uint32_t server, struct tftp_file *f, struct boot_target *t,
                       char *why, unsigned long whylen)
{
    struct pxe_entry *e = malloc(sizeof(*e));
    int rc = -1;
    if (e && pxe_parse(phys_ptr(f->phys), f->len, e) == 0) {
        tftp_file_release(f);
        rc = boot_entry(in, server, e, t, why, whylen);
    } else {
        tftp_file_release(f);
        sniprintf(why, whylen, "neither an ELF file nor a pxelinux config with a kernel");
    }
    free(e);
    return rc;
}

static int try_pxelinux(struct iface *in, uint32_t server, struct boot_target *t, char *why,
                        unsigned long whylen)
{
    const uint8_t *m = in->dev->mac;
    char names[2][64];
    sniprintf(names[0], sizeof(names[0]), "pxelinux.cfg/01-%02x-%02x-%02x-%02x-%02x-%02x",
              m[0], m[1], m[2], m[3], m[4], m[5]);
    sniprintf(names[1], sizeof(names[1]), "pxelinux.cfg/default");
    for (int i = 0; i < 2; i++) {
        struct tftp_file f;
        if (tftp_fetch(in, server, names[i], &f, 1, why, whylen) == 0) {
            log_info("using %s\n", names[i]);
            return boot_config(in, server, &f, t, why, whylen);
        }
        log_info("%s\n", why);
    }
    sniprintf(why, whylen, "no boot file, and no pxelinux config for this MAC or a default one");
    return -1;
}

int net_boot(struct netdev *dev, const char *file, struct boot_target *t, char *why,
             unsigned long whylen)
{
    struct iface in = { .dev = dev };
    struct dhcp_lease lease;
    char addr[16], srv[16];

    if (dhcp_configure(&in, &lease, why, whylen))
        return BOOT_NONE;
    uint32_t server = lease.siaddr ? lease.siaddr : parse_ip(lease.tftp_server);
    if (!server)
        server = lease.server_id;
    ip_text(addr, sizeof(addr), in.ip);
    ip_text(srv, sizeof(srv), server);
    if (file && *file) {
        log_info("boot-file setting: fetching '%s' instead of '%s'\n", file, lease.bootfile);
        sniprintf(lease.bootfile, sizeof(lease.bootfile), "%s", file);
    }
    log_info("net %s: address %s, TFTP server %s, boot file '%s'\n", dev->node->name, addr, srv,
             lease.bootfile);
    if (!server) {
        sniprintf(why, whylen, "DHCP named no TFTP server");
        return BOOT_NONE;
    }
    if (lease.bootfile[0]) {
        struct tftp_file f;
        if (tftp_fetch(&in, server, lease.bootfile, &f, 0, why, whylen))
            return BOOT_ERROR;
        if (is_elf(&f))
            return load_kernel(&f, t, why, whylen) ? BOOT_ERROR : (t->initrd = 0, BOOT_FOUND);
        log_info("'%s' is not an ELF file; reading it as a pxelinux config\n", lease.bootfile);
        if (boot_config(&in, server, &f, t, why, whylen) == 0)
            return BOOT_FOUND;
        log_info("%s\n", why);
    }
    return try_pxelinux(&in, server, t, why, whylen) ? BOOT_ERROR : BOOT_FOUND;
}
