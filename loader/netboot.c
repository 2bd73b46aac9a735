#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../board/log.h"
#include "../fdt/tree.h"
#include "../lib/err.h"
#include "../mem/claim.h"
#include "../mem/phys.h"
#include "../net/netclient.h"
#include "../net/pxe.h"
#include "load.h"
#include "loader.h"

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

static int load_kernel(struct tftp_file *f, struct boot_image *img, char *why, size_t whylen)
{
    struct loaded_image li;
    char loadwhy[128];
    int rc = load_elf(phys_ptr(f->phys), f->len, &li, loadwhy, sizeof(loadwhy));
    tftp_file_release(f);
    if (rc) {
        sniprintf(why, whylen, "%s", loadwhy);
        return rc;
    }
    img->entry = li.entry;
    img->little_endian = li.little_endian;
    img->elf32 = li.elf32;
    img->initrd = li.base + li.size;       /* where an initrd should follow */
    img->initrd_size = 0;
    return 0;
}

/* The initrd goes right after the kernel, as QEMU's -initrd does. */
static int load_initrd(struct iface *in, uint32_t server, const char *name, struct boot_image *img,
                       char *why, size_t whylen)
{
    struct tftp_file f;
    int err = tftp_fetch(in, server, name, &f, false, why, whylen);
    if (err)
        return err;
    uint64_t at = claim((img->initrd + INITRD_ALIGN - 1) & ~(uint64_t)(INITRD_ALIGN - 1), f.len,
                        INITRD_ALIGN);
    if (at == CLAIM_FAILED || at + f.len > f.phys) {
        if (at != CLAIM_FAILED)
            release(at, f.len);
        tftp_file_release(&f);
        sniprintf(why, whylen, "no memory for the %lu-byte initrd", (unsigned long)f.len);
        return ERR_NO_MEMORY;
    }
    memmove(phys_ptr(at), phys_ptr(f.phys), f.len);
    img->initrd = at;
    img->initrd_size = f.len;
    tftp_file_release(&f);
    return 0;
}

static int boot_entry(struct iface *in, uint32_t server, const struct pxe_entry *e,
                      struct boot_image *img, char *why, size_t whylen)
{
    struct tftp_file f;
    log_info("pxelinux entry '%s': kernel %s%s%s\n", e->label, e->kernel,
             e->initrd[0] ? ", initrd " : "", e->initrd);
    int err = tftp_fetch(in, server, e->kernel, &f, false, why, whylen);
    if (err)
        return err;
    if (!is_elf(&f)) {
        tftp_file_release(&f);
        sniprintf(why, whylen, "kernel '%s' is not an ELF file", e->kernel);
        return ERR_INVALID;
    }
    err = load_kernel(&f, img, why, whylen);
    if (!err && e->initrd[0])
        err = load_initrd(in, server, e->initrd, img, why, whylen);
    if (err)
        return err;
    if (!e->initrd[0])
        img->initrd = 0;
    struct dt_node *chosen = dt_find("/chosen");
    if (chosen && e->append[0])
        dt_set_string(chosen, "bootargs", e->append);
    return 0;
}

/* A fetched file that should be a pxelinux config. */
static int boot_config(struct iface *in, uint32_t server, const char *name, struct tftp_file *f,
                       struct boot_image *img, char *why, size_t whylen)
{
    struct pxe_entry *e = malloc(sizeof(*e));
    int rc = ERR_INVALID;
    if (e && pxe_parse(phys_ptr(f->phys), f->len, e) == 0) {
        tftp_file_release(f);
        rc = boot_entry(in, server, e, img, why, whylen);
    } else {
        tftp_file_release(f);
        sniprintf(why, whylen, "'%s' is neither an ELF file nor a pxelinux config with a kernel",
                  name);
    }
    free(e);
    return rc;
}

static int try_pxelinux(struct iface *in, uint32_t server, struct boot_image *img, char *why,
                        size_t whylen)
{
    const uint8_t *m = in->dev->mac;
    char names[2][64];
    sniprintf(names[0], sizeof(names[0]), "pxelinux.cfg/01-%02x-%02x-%02x-%02x-%02x-%02x",
              m[0], m[1], m[2], m[3], m[4], m[5]);
    sniprintf(names[1], sizeof(names[1]), "pxelinux.cfg/default");
    for (int i = 0; i < 2; i++) {
        struct tftp_file f;
        if (tftp_fetch(in, server, names[i], &f, true, why, whylen) == 0) {
            log_info("using %s\n", names[i]);
            return boot_config(in, server, names[i], &f, img, why, whylen);
        }
        log_info("%s\n", why);
    }
    sniprintf(why, whylen, "no boot file, and no pxelinux config for this MAC or a default one");
    return ERR_NOT_FOUND;
}

int net_boot(struct netdev *dev, const char *file, struct boot_image *img, char *why,
             size_t whylen)
{
    struct iface in = { .dev = dev };
    struct dhcp_lease lease;
    char addr[16], srv[16];

    int err = dhcp_configure(&in, &lease, why, whylen);
    if (err)
        return err;
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
        return ERR_NOT_FOUND;
    }
    if (lease.bootfile[0]) {
        struct tftp_file f;
        err = tftp_fetch(&in, server, lease.bootfile, &f, false, why, whylen);
        if (err)
            return err;
        if (is_elf(&f)) {
            err = load_kernel(&f, img, why, whylen);
            img->initrd = 0;
            return err;
        }
        /* A boot file is the answer: what it names failing is the reason,
         * not the pxelinux configs nobody asked for. */
        log_info("'%s' is not an ELF file; reading it as a pxelinux config\n", lease.bootfile);
        return boot_config(&in, server, lease.bootfile, &f, img, why, whylen);
    }
    return try_pxelinux(&in, server, img, why, whylen);
}
