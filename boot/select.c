/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../board/log.h"
#include "../dev/blockdev.h"
#include "../dev/netdev.h"
#include "../drivers/drivers.h"
#include "../fdt/tree.h"
#include "../lib/err.h"
#include "../loader/loader.h"
#include "../nvram/settings.h"
#include "../of/path.h"
#include "../prompt/menu.h"
#include "measured.h"
#include "order.h"
#include "select.h"

static const char *const kind_names[BOOT_KINDS] = { "disk", "network" };
static struct registry *const kind_devices[BOOT_KINDS] = { &blockdevs, &netdevs };

/* A device's full path and its last component, as the log names it. */
static void device_names(enum boot_kind_id kind, unsigned i, char *path, char *name, size_t namelen)
{
    if (kind == BOOT_DISK) {
        struct blockdev *dev = registry_get(&blockdevs, i);
        blockdev_path(dev, path, OF_PATH_MAX);
        blockdev_name(dev, name, namelen);
    } else {
        struct dt_node *node = registry_node(&netdevs, i);
        dt_path(node, path, OF_PATH_MAX);
        sniprintf(name, namelen, "%s", node->name);
    }
}

/* `args`: what the boot entry gave after the device (a NIC's
 * server,file,client); disks take none. */
static int boot_device(const struct boot_device *d, const char *args, struct boot_image *img,
                       char *why, size_t whylen)
{
    void *dev = registry_get(kind_devices[d->kind], d->index);
    if (d->kind == BOOT_DISK)
        return disk_boot(dev, img, why, whylen);
    char file[OF_PATH_MAX];
    setting_value("boot-file", file, sizeof(file));
    return net_boot(dev, args, file, img, why, whylen);
}

/* The devices as order.c sees them, with room for the order of them all:
 * built for each use, as many as the device layer has. */
struct devices {
    unsigned n;
    struct boot_device *dev;
    char (*path)[OF_PATH_MAX];
    char (*controller)[OF_PATH_MAX];
    struct boot_candidate *order;
};

static void devices_free(struct devices *ds)
{
    free(ds->dev);
    free(ds->path);
    free(ds->controller);
    free(ds->order);
}

static int list_devices(struct devices *ds)
{
    unsigned counts[BOOT_KINDS] = { registry_count(&blockdevs), registry_count(&netdevs) };
    unsigned total = counts[BOOT_DISK] + counts[BOOT_NET], slots = total ? total : 1;
    ds->n = 0;
    ds->dev = calloc(slots, sizeof(*ds->dev));
    ds->path = calloc(slots, sizeof(*ds->path));
    ds->controller = calloc(slots, sizeof(*ds->controller));
    ds->order = calloc(slots, sizeof(*ds->order));
    if (!ds->dev || !ds->path || !ds->controller || !ds->order) {
        devices_free(ds);
        log_error("no memory to list %u boot devices\n", total);
        return ERR_NO_MEMORY;
    }
    for (int kind = 0; kind < BOOT_KINDS; kind++)
        for (unsigned i = 0; i < counts[kind]; i++) {
            struct boot_device *d = &ds->dev[ds->n];
            char name[64];
            device_names((enum boot_kind_id)kind, i, ds->path[ds->n], name, sizeof(name));
            d->kind = (enum boot_kind_id)kind;
            d->index = i;
            struct blockdev *disk = kind == BOOT_DISK ? registry_get(&blockdevs, i) : NULL;
            d->cdrom = disk && disk->cdrom;
            if (disk && disk->named_by_parent && disk->node->parent) {
                dt_path(disk->node->parent, ds->controller[ds->n], OF_PATH_MAX);
                d->controller = ds->controller[ds->n];
            }
            d->path = ds->path[ds->n++];
        }
    return 0;
}

/* A spec to a full path: the longest leading part that names a node (so an
 * alias, or a path with components below the device as QEMU may write),
 * with its arguments, then the rest unchanged. */
/* The node the longest leading part of spec names (head is that part,
 * args and unit what it gave), or NULL. */
static struct dt_node *resolve_head(const char *spec, char head[OF_PATH_MAX], char args[OF_PATH_MAX],
                                    char unit[OF_UNIT_MAX])
{
    if (strlen(spec) >= OF_PATH_MAX)
        return NULL;
    strcpy(head, spec);
    for (;;) {
        struct dt_node *node = of_resolve_unit(head, args, OF_PATH_MAX, unit, OF_UNIT_MAX);
        char *slash = strrchr(head, '/');
        if (node || !slash || slash == head)
            return node;
        *slash = '\0';
    }
}

static const char *expand(const char *spec, char *buf, size_t len, void *ctx)
{
    char head[OF_PATH_MAX], args[OF_PATH_MAX], unit[OF_UNIT_MAX];
    (void)ctx;
    struct dt_node *node = resolve_head(spec, head, args, unit);
    if (!node)
        return NULL;
    size_t n = dt_path(node, buf, len);
    if (unit[0] && n < len)
        n += (size_t)sniprintf(buf + n, len - n, "@%s", unit);
    if (args[0] && n < len)                   /* "net:10.0.2.2,vmlinux" keeps its arguments */
        n += (size_t)sniprintf(buf + n, len - n, ":%s", args);
    if (n + strlen(spec + strlen(head)) >= len)
        return NULL;
    strcpy(buf + n, spec + strlen(head));
    return buf;
}

/* An entry naming no boot device: one line, with the part of its path
 * that is not there when it names a child of a node that is. */
static void unmatched(const char *spec, const char *reason, void *ctx)
{
    char head[OF_PATH_MAX], args[OF_PATH_MAX], unit[OF_UNIT_MAX];
    (void)ctx;
    const char *rest = resolve_head(spec, head, args, unit) ? spec + strlen(head) : "";
    if (strcmp(spec, BOOT_BARE_NAMESPACE) == 0)
        log_info("%s entry '%s' (an nvme-ns of an nvme-subsys) names a namespace only when the "
                 "machine has one: QEMU's path gives no controller or namespace id "
                 "(boot-device=<path> names one)\n", reason, spec);
    else if (rest[0] == '/')
        log_info("%s entry '%s' names no disk or network device: %s has no %.*s\n", reason, spec, head,
                 (int)strcspn(rest + 1, "/:"), rest + 1);
    else
        log_info("%s entry '%s' names no disk or network device\n", reason, spec);
}

static unsigned order_devices(struct devices *ds, bool quiet)
{
    struct dt_node *chosen = dt_find("/chosen");
    char boot_device[OF_PATH_MAX];
    setting_value("boot-device", boot_device, sizeof(boot_device));
    struct boot_order_in in = {
        .devs = ds->dev,
        .ndevs = ds->n,
        .boot_list = chosen ? dt_get_string(chosen, "qemu,boot-list") : NULL,
        .boot_device = boot_device,
        .letters = chosen ? dt_get_string(chosen, "qemu,boot-device") : NULL,
        .expand = expand,
        .unmatched = quiet ? NULL : unmatched,
    };
    return boot_order(&in, ds->order, ds->n);
}

/* One line: as many whole entries as fit, then how many more follow (each
 * gets its own "trying" line when its turn comes). */
void boot_order_announce(void)
{
    struct devices ds;
    char line[400], entry[OF_PATH_MAX + 32];
    size_t used = 0;
    unsigned i = 0;

    if (list_devices(&ds))
        return;
    unsigned n = order_devices(&ds, false);
    for (; i < n; i++) {
        size_t len = (size_t)sniprintf(entry, sizeof(entry), "%s%s (%s)", i ? ", " : "",
                                       ds.order[i].dev->path, ds.order[i].reason);
        if (used + len + sizeof(", and 9999 more") > sizeof(line))
            break;
        memcpy(line + used, entry, len + 1);
        used += len;
    }
    if (i < n)
        sniprintf(line + used, sizeof(line) - used, ", and %u more", n - i);
    if (n)
        log_info("boot order: %s\n", line);
    devices_free(&ds);
}

static int try_device(const struct boot_device *d, const char *reason, const char *args,
                      struct boot_target *t, char *why, size_t whylen)
{
    const char *kind = kind_names[d->kind];
    log_info("trying %s %s%s%s (%s)\n", kind, d->path, *args ? ":" : "", args, reason);
    boot_measure_attempt(d->path, reason);
    int err = boot_device(d, args, &t->img, why, whylen);
    if (!err)
        err = boot_measure_refuses(why, whylen);      /* the TPM may have failed meanwhile */
    if (err) {
        boot_measure_failed();
        log_info("%s %s: %s\n", kind, d->path, why);
        return err;
    }
    device_names(d->kind, d->index, t->device, t->source, sizeof(t->source));
    return 0;
}

int boot_find(struct boot_target *t, char *why, size_t whylen)
{
    struct devices ds;

    boot_measure_search();
    int err = boot_measure_refuses(why, whylen);
    if (err)
        return err;
    err = kernel_find(&t->img, why, whylen);
    if (err == 0) {
        strcpy(t->source, "-kernel");
        t->device[0] = '\0';
        return boot_measure_refuses(why, whylen);     /* the TPM may have failed meanwhile */
    }
    if (err != ERR_NOT_FOUND)
        fatal("-kernel: %s", why);
    err = list_devices(&ds);
    if (err) {
        sniprintf(why, whylen, "no memory to list the boot devices");
        return err;
    }
    unsigned n = order_devices(&ds, true), tried[BOOT_KINDS] = { 0 };
    err = ERR_NOT_FOUND;
    for (unsigned i = 0; i < n && err == ERR_NOT_FOUND; i++) {
        if (boot_measure_refuses(why, whylen)) {
            err = ERR_FAIL;
            break;
        }
        tried[ds.order[i].dev->kind]++;
        err = try_device(ds.order[i].dev, ds.order[i].reason, ds.order[i].args, t, why, whylen)
            ? ERR_NOT_FOUND : 0;
    }
    devices_free(&ds);
    if (err == ERR_NOT_FOUND) {
        size_t len = (size_t)sniprintf(why, whylen, "no -kernel, and no bootable disk (%u tried) or "
                                       "network (%u tried)", tried[BOOT_DISK], tried[BOOT_NET]);
        if (drivers_skipped() && len < whylen)
            sniprintf(why + len, whylen - len, "; %u device%s without a driver", drivers_skipped(),
                      drivers_skipped() == 1 ? "" : "s");
    }
    return err;
}

int boot_named(const char *spec, struct boot_target *t, char *why, size_t whylen)
{
    char buf[OF_PATH_MAX];
    const char *path = expand(spec, buf, sizeof(buf), NULL);
    struct devices ds;

    boot_measure_search();
    int err = boot_measure_refuses(why, whylen);
    if (err)
        return err;
    err = list_devices(&ds);
    if (err) {
        sniprintf(why, whylen, "no memory to list the boot devices");
        return err;
    }
    err = ERR_NOT_FOUND;
    sniprintf(why, whylen, "'%s' names no disk or network device", spec);
    const char *args;
    for (unsigned i = 0; path && i < ds.n; i++)
        if (boot_device_named(ds.dev, ds.n, i, path, &args)) {
            err = try_device(&ds.dev[i], "asked for", args, t, why, whylen);
            break;
        }
    devices_free(&ds);
    return err;
}

int boot_menu(unsigned ms, struct boot_target *t, char *why, size_t whylen)
{
    struct devices ds;
    if (list_devices(&ds))
        return 1;
    unsigned n = order_devices(&ds, true);
    char (*text)[OF_PATH_MAX + 32] = calloc(n ? n : 1, sizeof(*text));
    const char **entries = calloc(n ? n : 1, sizeof(*entries));
    int pick = 0;
    if (text && entries) {
        for (unsigned i = 0; i < n; i++) {
            sniprintf(text[i], sizeof(text[i]), "%s (%s)", ds.order[i].dev->path, ds.order[i].reason);
            entries[i] = text[i];
        }
        pick = prompt_menu(entries, n, ms);
    }
    int rc = pick == 0 ? 1 : -1;
    if (pick > 0) {
        const struct boot_candidate *c = &ds.order[pick - 1];
        boot_measure_search();
        if (boot_measure_refuses(why, whylen) == 0 &&
            try_device(c->dev, "picked from the boot menu", c->args, t, why, whylen) == 0)
            rc = 0;
    }
    free(text);
    free(entries);
    devices_free(&ds);
    return rc;
}
