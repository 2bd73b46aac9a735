/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../board/log.h"
#include "../fdt/tree.h"
#include "../lib/err.h"
#include "../mem/claim.h"
#include "../mem/phys.h"
#include "../net/pxe.h"
#include "../nvram/settings.h"
#include "../tpm/measure.h"
#include "../tpm/tcglog.h"
#include "load.h"
#include "loader.h"
#include "netconfig.h"

#define INITRD_ALIGN 0x10000

/* A server as a URL's host: IPv6 in brackets. */
static const char *url_host(char *buf, size_t size, const struct ip_addr *a)
{
    char text[IP_TEXT_MAX];
    ip_text(text, sizeof(text), a);
    sniprintf(buf, size, a->family == IP_V6 ? "[%s]" : "%s", text);
    return buf;
}

static bool is_elf(const struct tftp_file *f)
{
    return f->len >= 4 && memcmp(phys_ptr(f->phys), "\177ELF", 4) == 0;
}

/* The ELF fetched as `name` from `server`, loaded (and measured). */
static int load_kernel(struct tftp_file *f, const struct ip_addr *server, const char *name,
                       struct boot_image *img, char *why, size_t whylen)
{
    struct loaded_image li;
    char loadwhy[128], host[IP_TEXT_MAX + 2];
    int rc = load_elf(phys_ptr(f->phys), f->len, &li, loadwhy, sizeof(loadwhy));
    if (!rc)
        measure_stage_text(4, EV_IPL, phys_ptr(f->phys), f->len, "tftp://%s/%s, %lu bytes",
                           url_host(host, sizeof(host), server), name, (unsigned long)f->len);
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

/* Where a network boot takes its files from: the TFTP server, and the
 * directory PXELINUX calls its path prefix (the boot file's, "" or ending
 * in '/'), which names in a pxelinux config are relative to. */
struct tftp_site {
    struct iface *in;
    struct ip_addr server;
    char dir[NET_ARGS_FILE_MAX];
};

/* The prefix: DHCP's option 210 when it gave one, else the boot file's
 * directory, less a last "pxelinux.cfg/" when the boot file is itself a
 * config. */
static void site_dir(struct tftp_site *s, const char *bootfile, const char *prefix)
{
    if (prefix[0]) {
        size_t n = strlen(prefix);
        sniprintf(s->dir, sizeof(s->dir), "%s%s", prefix, prefix[n - 1] == '/' ? "" : "/");
        return;
    }
    const char *slash = strrchr(bootfile, '/');
    size_t n = slash ? (size_t)(slash - bootfile) + 1 : 0;
    const char *cfg = "pxelinux.cfg/";
    if (n >= strlen(cfg) && strncmp(bootfile + n - strlen(cfg), cfg, strlen(cfg)) == 0 &&
        (n == strlen(cfg) || bootfile[n - strlen(cfg) - 1] == '/'))
        n -= strlen(cfg);
    memcpy(s->dir, bootfile, n);
    s->dir[n] = '\0';
}

/* A file a pxelinux config names: beside the config as PXELINUX takes it,
 * else from the TFTP root (as Sluice and SLOF took every name before);
 * a name starting with '/' or "::" from the root only. */
static int fetch_named(struct tftp_site *s, const char *name, struct tftp_file *f, bool quiet,
                       char *why, size_t whylen)
{
    if (strncmp(name, "::", 2) == 0)
        name += 2;
    else if (name[0] != '/' && s->dir[0]) {
        char path[2 * NET_ARGS_FILE_MAX];
        sniprintf(path, sizeof(path), "%s%s", s->dir, name);
        int err = tftp_fetch(s->in, &s->server, path, f, quiet, why, whylen);
        if (err != ERR_IO)            /* found, or a failure not of the name */
            return err;
        log_info("%s; trying '%s' at the TFTP root\n", why, name);
    }
    return tftp_fetch(s->in, &s->server, name, f, quiet, why, whylen);
}

/* The initrd goes right after the kernel, as QEMU's -initrd does. */
static int load_initrd(struct tftp_site *site, const char *name, struct boot_image *img,
                       char *why, size_t whylen)
{
    struct tftp_file f;
    int err = fetch_named(site, name, &f, false, why, whylen);
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
    char host[IP_TEXT_MAX + 2];
    measure_stage_text(9, EV_IPL, phys_ptr(at), f.len, "initrd: tftp://%s/%s, %lu bytes",
                       url_host(host, sizeof(host), &site->server), name, (unsigned long)f.len);
    return 0;
}

static int boot_entry(struct tftp_site *site, const struct pxe_entry *e, struct boot_image *img,
                      char *why, size_t whylen)
{
    struct tftp_file f;
    log_info("pxelinux entry '%s': kernel %s%s%s\n", e->label, e->kernel,
             e->initrd[0] ? ", initrd " : "", e->initrd);
    int err = fetch_named(site, e->kernel, &f, false, why, whylen);
    if (err)
        return err;
    if (!is_elf(&f)) {
        tftp_file_release(&f);
        sniprintf(why, whylen, "kernel '%s' is not an ELF file", e->kernel);
        return ERR_INVALID;
    }
    err = load_kernel(&f, &site->server, e->kernel, img, why, whylen);
    if (!err && e->initrd[0])
        err = load_initrd(site, e->initrd, img, why, whylen);
    if (err)
        return err;
    if (!e->initrd[0])
        img->initrd = 0;
    struct dt_node *chosen = dt_find("/chosen");
    if (chosen && e->append[0])
        dt_set_string(chosen, "bootargs", e->append);
    return 0;
}

/* A fetched file that should be a pxelinux config: ERR_NOT_FOUND when it
 * is not one (a pxelinux.0 say), another error when what it names failed. */
static int boot_config(struct tftp_site *site, struct tftp_file *f, struct boot_image *img,
                       char *why, size_t whylen)
{
    struct pxe_entry *e = malloc(sizeof(*e));
    int rc = ERR_NOT_FOUND;
    bool config = e && pxe_parse(phys_ptr(f->phys), f->len, e) == 0;
    tftp_file_release(f);
    if (config)
        rc = boot_entry(site, e, img, why, whylen);
    free(e);
    return rc;
}

/* PXELINUX's search, in the prefix: the config DHCP's option 209 names,
 * the config for this MAC, the default. `bootfile` is what DHCP named
 * ("" for none), for the reason. */
static int try_pxelinux(struct tftp_site *site, const char *bootfile, const char *config,
                        struct boot_image *img, char *why, size_t whylen)
{
    const uint8_t *m = site->in->dev->mac;
    char names[3][NET_ARGS_FILE_MAX + DHCP_NAME_MAX];
    int n = 0;
    if (config[0])                    /* DHCP option 209 names it */
        sniprintf(names[n++], sizeof(names[0]), "%s%s", config[0] == '/' ? "" : site->dir, config);
    sniprintf(names[n++], sizeof(names[0]), "%spxelinux.cfg/01-%02x-%02x-%02x-%02x-%02x-%02x",
              site->dir, m[0], m[1], m[2], m[3], m[4], m[5]);
    sniprintf(names[n++], sizeof(names[0]), "%spxelinux.cfg/default", site->dir);
    for (int i = 0; i < n; i++) {
        struct tftp_file f;
        if (tftp_fetch(site->in, &site->server, names[i], &f, true, why, whylen) == 0) {
            log_info("using %s\n", names[i]);
            int err = boot_config(site, &f, img, why, whylen);
            if (err == ERR_NOT_FOUND)
                sniprintf(why, whylen, "'%s' is not a pxelinux config with a kernel", names[i]);
            return err;
        }
        log_info("%s\n", why);
    }
    if (bootfile[0])
        sniprintf(why, whylen, "'%s' is neither a program nor a pxelinux config, and no pxelinux "
                  "config for this MAC or a default one is in '%s'", bootfile, site->dir);
    else
        sniprintf(why, whylen, "no boot file, and no pxelinux config for this MAC or a default one");
    return ERR_NOT_FOUND;
}

/* The device arguments /chosen/bootpath names the NIC with, in the form
 * GRUB reads: server,file,client (the file with backslashes, as CHRP paths
 * have them); without DHCP also the gateway and netmask, which GRUB then
 * configures its interface from. Over IPv6, SLOF's: ipv6,server,file,client. */
static void bootpath_args(struct boot_image *img, const struct iface *in, const struct ip_addr *server,
                          const char *file, bool leased)
{
    char srv[IP_TEXT_MAX], client[IP_TEXT_MAX], gw[16], mask[16];
    bool v6 = server->family == IP_V6;
    struct ip_addr me = v6 ? ip_v6(in->v6.global) : ip_v4(in->ip), router = ip_v4(in->router),
                   netmask = ip_v4(in->netmask);
    ip_text(srv, sizeof(srv), server);
    ip_text(client, sizeof(client), &me);
    ip_text(gw, sizeof(gw), &router);
    ip_text(mask, sizeof(mask), &netmask);
    size_t n = (size_t)sniprintf(img->device_args, sizeof(img->device_args), "%s%s,", v6 ? "ipv6," : "", srv);
    for (const char *f = file; *f && n + 1 < sizeof(img->device_args); f++)
        img->device_args[n++] = *f == '/' ? '\\' : *f;
    img->device_args[n] = '\0';
    if (n < sizeof(img->device_args))
        sniprintf(img->device_args + n, sizeof(img->device_args) - n, leased || v6 ? ",%s" : ",%s,%s,,,%s",
                  client, in->router ? gw : "", mask);
}

int net_boot(struct netdev *dev, const char *args, const char *file, struct boot_image *img,
             char *why, size_t whylen)
{
    struct iface in = { .dev = dev };
    struct net_args na;
    struct net_plan plan;
    char addr[IP_TEXT_MAX], srv[IP_TEXT_MAX], mode[8];
    unsigned bad;

    if (net_args_parse(args ? args : "", &na, &bad)) {
        sniprintf(why, whylen, "cannot read the boot arguments '%s' at '%s' (%sserver,file,client,...)",
                  args, args + bad, na.ipv6 ? "ipv6," : "");
        return ERR_INVALID;
    }
    if (file && *file && !na.file[0]) {
        log_info("boot-file setting: fetching '%s'\n", file);
        sniprintf(na.file, sizeof(na.file), "%s", file);
    }
    setting_value("network-mode", mode, sizeof(mode));
    int err = net_configure(&in, &na, strcmp(mode, "ipv4") == 0 ? NET_IPV4 : strcmp(mode, "ipv6") == 0
                                      ? NET_IPV6 : NET_AUTO, &plan, why, whylen);
    if (err)
        return err;
    const struct ip_addr *server = &plan.server;
    const char *bootfile = plan.file;
    static const uint8_t none[16];
    struct ip_addr me = server->family != IP_V6 ? ip_v4(in.ip)
                      : ip_v6(memcmp(in.v6.global, none, 16) ? in.v6.global : in.v6.ll);
    log_info("net %s: address %s, TFTP server %s, boot file '%s'\n", dev->node->name,
             ip_text(addr, sizeof(addr), &me), ip_text(srv, sizeof(srv), server), bootfile);
    if (!ip_is_set(server)) {
        sniprintf(why, whylen, "%s named no TFTP server", server->family == IP_V6 || na.ipv6 ? "DHCPv6" : "DHCP");
        return ERR_NOT_FOUND;
    }
    bootpath_args(img, &in, server, bootfile, plan.leased);
    struct tftp_site site = { .in = &in, .server = *server };
    site_dir(&site, bootfile, plan.pxe_prefix);
    if (!bootfile[0])
        return try_pxelinux(&site, "", plan.pxe_config, img, why, whylen);
    struct tftp_file f;
    err = tftp_fetch(&in, server, bootfile, &f, false, why, whylen);
    if (err)
        return err;
    if (is_elf(&f)) {
        err = load_kernel(&f, server, bootfile, img, why, whylen);
        img->initrd = 0;
        return err;
    }
    /* A boot file that is a config is the answer: what it names failing is
     * the reason. Anything else (pxelinux.0) sends PXELINUX's search to
     * the configs beside it. */
    log_info("'%s' is not an ELF file; reading it as a pxelinux config\n", bootfile);
    err = boot_config(&site, &f, img, why, whylen);
    if (err != ERR_NOT_FOUND)
        return err;
    log_info("'%s' is not a pxelinux config either; looking for configs beside it\n", bootfile);
    return try_pxelinux(&site, bootfile, plan.pxe_config, img, why, whylen);
}
