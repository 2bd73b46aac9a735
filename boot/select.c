#include <stdio.h>
#include <string.h>
#include "../board/log.h"
#include "../fdt/tree.h"
#include "../net/netboot.h"
#include "../net/netdev.h"
#include "../of/path.h"
#include "blockdev.h"
#include "order.h"
#include "select.h"
#include "settings.h"

#define MAX_DEVICES 32

static const char *const kind_names[BOOT_KINDS] = { "disk", "network" };

static struct dt_node *device_node(enum boot_kind_id kind, unsigned i)
{
    return kind == BOOT_DISK ? blockdev_get(i)->node : netdev_get(i)->node;
}

static int boot_device(const struct boot_device *d, struct boot_target *t, char *why,
                       size_t whylen)
{
    if (d->kind == BOOT_DISK)
        return disk_boot(blockdev_get(d->index), t, why, whylen);
    char file[OF_PATH_MAX];
    setting_value("boot-file", file, sizeof(file));
    return net_boot(netdev_get(d->index), file, t, why, whylen);
}

/* The devices as order.c sees them, rebuilt for each use (static: the
 * paths are long, and nothing here runs twice at once). */
static struct devices {
    struct boot_device dev[MAX_DEVICES];
    char path[MAX_DEVICES][OF_PATH_MAX];
    unsigned n;
} devices;

static void list_devices(struct devices *ds)
{
    unsigned counts[BOOT_KINDS] = { blockdev_count(), netdev_count() };
    ds->n = 0;
    for (int kind = 0; kind < BOOT_KINDS; kind++)
        for (unsigned i = 0; i < counts[kind] && ds->n < MAX_DEVICES; i++) {
            struct boot_device *d = &ds->dev[ds->n];
            dt_path(device_node((enum boot_kind_id)kind, i), ds->path[ds->n], OF_PATH_MAX);
            d->kind = (enum boot_kind_id)kind;
            d->index = i;
            d->path = ds->path[ds->n++];
        }
}

/* A spec to a full path: the longest leading part that names a node (so an
 * alias, or a path with components below the device as QEMU may write),
 * then the rest unchanged. */
static const char *expand(const char *spec, char *buf, size_t len, void *ctx)
{
    char head[OF_PATH_MAX], args[OF_PATH_MAX];
    (void)ctx;
    if (strlen(spec) >= sizeof(head))
        return NULL;
    strcpy(head, spec);
    for (;;) {
        struct dt_node *node = of_resolve(head, args, sizeof(args));
        if (node) {
            size_t n = dt_path(node, buf, len);
            if (n + strlen(spec + strlen(head)) >= len)
                return NULL;
            strcpy(buf + n, spec + strlen(head));
            return buf;
        }
        char *slash = strrchr(head, '/');
        if (!slash || slash == head)
            return NULL;
        *slash = '\0';
    }
}

static void unmatched(const char *spec, const char *reason, void *ctx)
{
    (void)ctx;
    log_info("%s entry '%s' names no disk or network device\n", reason, spec);
}

static unsigned order_devices(const struct devices *ds, struct boot_candidate *out, bool quiet)
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
    return boot_order(&in, out, MAX_DEVICES);
}

void boot_order_announce(void)
{
    struct boot_candidate order[MAX_DEVICES];
    char line[400];
    size_t used = 0;

    list_devices(&devices);
    unsigned n = order_devices(&devices, order, false);
    for (unsigned i = 0; i < n && used < sizeof(line); i++)
        used += (size_t)sniprintf(line + used, sizeof(line) - used, "%s%s (%s)", i ? ", " : "",
                                  order[i].dev->path, order[i].reason);
    if (n)
        log_info("boot order: %s\n", line);
}

static bool try_device(const struct boot_device *d, const char *reason, struct boot_target *t,
                       char *why, size_t whylen)
{
    const char *kind = kind_names[d->kind];
    log_info("trying %s %s (%s)\n", kind, d->path, reason);
    if (boot_device(d, t, why, whylen) == BOOT_FOUND) {
        t->device = device_node(d->kind, d->index);
        t->source = t->device->name;
        return true;
    }
    log_info("%s %s: %s\n", kind, d->path, why);
    return false;
}

bool boot_find(struct boot_target *t, char *why, size_t whylen)
{
    struct boot_candidate order[MAX_DEVICES];

    int found = qemu_kernel_find(t, why, whylen);
    if (found == BOOT_ERROR)
        fatal("-kernel: %s", why);
    if (found == BOOT_FOUND)
        return true;
    list_devices(&devices);
    unsigned n = order_devices(&devices, order, true);
    for (unsigned i = 0; i < n; i++)
        if (try_device(order[i].dev, order[i].reason, t, why, whylen))
            return true;
    sniprintf(why, whylen, "no -kernel, and no bootable disk (%u tried) or network (%u tried)",
              blockdev_count(), netdev_count());
    return false;
}

bool boot_named(const char *spec, struct boot_target *t, char *why, size_t whylen)
{
    char buf[OF_PATH_MAX];
    const char *path = expand(spec, buf, sizeof(buf), NULL);

    list_devices(&devices);
    for (unsigned i = 0; path && i < devices.n; i++)
        if (boot_path_matches(devices.dev[i].path, path))
            return try_device(&devices.dev[i], "asked for", t, why, whylen);
    sniprintf(why, whylen, "'%s' names no disk or network device", spec);
    return false;
}
