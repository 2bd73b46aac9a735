/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../board/log.h"
#include "../fdt/tree.h"
#include "../lib/err.h"
#include "../mem/claim.h"
#include "../mem/phys.h"
#include "../net/netargs.h"
#include "../net/netclient.h"
#include "../net/pxe.h"
#include "../tpm/measure.h"
#include "../tpm/tcglog.h"
#include "load.h"
#include "loader.h"

#define INITRD_ALIGN 0x10000

static void ip_text(char *buf, size_t size, uint32_t ip)
{
    sniprintf(buf, size, "%lu.%lu.%lu.%lu", (unsigned long)(ip >> 24), (unsigned long)(ip >> 16 & 0xff),
              (unsigned long)(ip >> 8 & 0xff), (unsigned long)(ip & 0xff));
}

static bool is_elf(const struct tftp_file *f)
{
    return f->len >= 4 && memcmp(phys_ptr(f->phys), "\177ELF", 4) == 0;
}

/* The ELF fetched as `name` from `server`, loaded (and measured). */
static int load_kernel(struct tftp_file *f, uint32_t server, const char *name, struct boot_image *img,
                       char *why, size_t whylen)
{
    struct loaded_image li;
    char loadwhy[128], ip[16];
    int rc = load_elf(phys_ptr(f->phys), f->len, &li, loadwhy, sizeof(loadwhy));
    if (!rc) {
        ip_text(ip, sizeof(ip), server);
        measure_stage_text(4, EV_IPL, phys_ptr(f->phys), f->len, "tftp://%s/%s, %lu bytes", ip, name,
                           (unsigned long)f->len);
    }
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
    uint32_t server;
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
        int err = tftp_fetch(s->in, s->server, path, f, quiet, why, whylen);
        if (err != ERR_IO)            /* found, or a failure not of the name */
            return err;
        log_info("%s; trying '%s' at the TFTP root\n", why, name);
    }
    return tftp_fetch(s->in, s->server, name, f, quiet, why, whylen);
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
    char ip[16];
    ip_text(ip, sizeof(ip), site->server);
    measure_stage_text(9, EV_IPL, phys_ptr(at), f.len, "initrd: tftp://%s/%s, %lu bytes", ip, name,
                       (unsigned long)f.len);
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
    err = load_kernel(&f, site->server, e->kernel, img, why, whylen);
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
        if (tftp_fetch(site->in, site->server, names[i], &f, true, why, whylen) == 0) {
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
 * configures its interface from. */
static void bootpath_args(struct boot_image *img, const struct iface *in, uint32_t server,
                          const char *file, bool leased)
{
    char srv[16], client[16], gw[16], mask[16];
    ip_text(srv, sizeof(srv), server);
    ip_text(client, sizeof(client), in->ip);
    ip_text(gw, sizeof(gw), in->router);
    ip_text(mask, sizeof(mask), in->netmask);
    size_t n = (size_t)sniprintf(img->device_args, sizeof(img->device_args), "%s,", srv);
    for (const char *f = file; *f && n + 1 < sizeof(img->device_args); f++)
        img->device_args[n++] = *f == '/' ? '\\' : *f;
    img->device_args[n] = '\0';
    if (n < sizeof(img->device_args))
        sniprintf(img->device_args + n, sizeof(img->device_args) - n, leased ? ",%s" : ",%s,%s,,,%s",
                  client, in->router ? gw : "", mask);
}

/* Option 66 (or the sname field) names the TFTP server: an address, or a
 * host name DNS looks up when DHCP named a DNS server. 0 when neither
 * works (the DHCP server is then taken, as before). */
static uint32_t tftp_server_by_name(struct iface *in, const struct dhcp_lease *lease)
{
    char why[96], addr[16];
    const char *name = lease->tftp_server;
    uint32_t ip = net_parse_ip(name, (unsigned)strlen(name));
    if (ip)
        return ip;
    if (!lease->dns) {
        log_info("DHCP names the TFTP server '%s' but no DNS server to look it up; "
                 "using the DHCP server\n", name);
        return 0;
    }
    if (dns_resolve(in, lease->dns, name, &ip, why, sizeof(why))) {
        log_info("cannot look up the TFTP server '%s': %s; using the DHCP server\n", name, why);
        return 0;
    }
    ip_text(addr, sizeof(addr), ip);
    log_info("TFTP server '%s' is %s (DNS)\n", name, addr);
    return ip;
}

/* What a network boot takes from DHCP or the boot arguments. */
struct net_plan {
    uint32_t server;
    bool leased;                      /* from DHCP (else the arguments alone) */
    char file[NET_ARGS_FILE_MAX];
    char pxe_config[DHCP_NAME_MAX], pxe_prefix[DHCP_NAME_MAX];   /* options 209, 210 */
};

/* The address, server and boot file: from DHCP, or from the device
 * arguments alone when they name all three (SLOF's rule); arguments and
 * the boot-file setting override what DHCP says. */
static int configure(struct iface *in, const struct net_args *na, struct net_plan *plan,
                     char *why, size_t whylen)
{
    memset(plan, 0, sizeof(*plan));
    plan->leased = !(na->server && na->client && na->file[0]);
    if (!plan->leased) {
        in->ip = na->client;
        in->netmask = na->netmask ? na->netmask : net_default_netmask(na->client);
        in->router = na->gateway;
        plan->server = na->server;
        sniprintf(plan->file, sizeof(plan->file), "%s", na->file);
        log_info("net %s: address, server and file from the boot arguments; no DHCP\n",
                 in->dev->node->name);
        return 0;
    }
    struct dhcp_lease *lease = malloc(sizeof(*lease));
    if (!lease) {
        sniprintf(why, whylen, "no memory for DHCP");
        return ERR_NO_MEMORY;
    }
    int err = dhcp_configure(in, lease, why, whylen);
    if (!err) {
        dhcp_publish(lease);
        plan->server = na->server ? na->server : lease->siaddr;
        if (!plan->server && lease->tftp_server[0])
            plan->server = tftp_server_by_name(in, lease);
        if (!plan->server)
            plan->server = lease->server_id;
        if (na->client && na->client != in->ip)
            log_info("net %s: DHCP gave a different address than the boot arguments; using DHCP's\n",
                     in->dev->node->name);
        if (na->file[0] && strcmp(na->file, lease->bootfile) != 0)
            log_info("boot arguments: fetching '%s' instead of '%s'\n", na->file, lease->bootfile);
        sniprintf(plan->file, sizeof(plan->file), "%s", na->file[0] ? na->file : lease->bootfile);
        memcpy(plan->pxe_config, lease->pxe_config, sizeof(plan->pxe_config));
        memcpy(plan->pxe_prefix, lease->pxe_prefix, sizeof(plan->pxe_prefix));
        if (lease->pxe_prefix[0] || lease->pxe_config[0])
            log_info("pxelinux from DHCP: path prefix '%s', config file '%s'\n", lease->pxe_prefix,
                     lease->pxe_config);
    }
    free(lease);
    return err;
}

int net_boot(struct netdev *dev, const char *args, const char *file, struct boot_image *img,
             char *why, size_t whylen)
{
    struct iface in = { .dev = dev };
    struct net_args na;
    struct net_plan plan;
    char addr[16], srv[16];
    unsigned bad;

    if (net_args_parse(args ? args : "", &na, &bad)) {
        sniprintf(why, whylen, "cannot read the boot arguments '%s' at '%s' (server,file,client,...)",
                  args, args + bad);
        return ERR_INVALID;
    }
    if (na.ipv6) {
        sniprintf(why, whylen, "IPv6 network boot (the 'ipv6' argument) is not done here; "
                  "leave it out for DHCP over IPv4");
        return ERR_INVALID;
    }
    if (file && *file && !na.file[0]) {
        log_info("boot-file setting: fetching '%s'\n", file);
        sniprintf(na.file, sizeof(na.file), "%s", file);
    }
    int err = configure(&in, &na, &plan, why, whylen);
    if (err)
        return err;
    uint32_t server = plan.server;
    const char *bootfile = plan.file;
    ip_text(addr, sizeof(addr), in.ip);
    ip_text(srv, sizeof(srv), server);
    log_info("net %s: address %s, TFTP server %s, boot file '%s'\n", dev->node->name, addr, srv,
             bootfile);
    if (!server) {
        sniprintf(why, whylen, "DHCP named no TFTP server");
        return ERR_NOT_FOUND;
    }
    bootpath_args(img, &in, server, bootfile, plan.leased);
    struct tftp_site site = { .in = &in, .server = server };
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
