/* SPDX-License-Identifier: BSD-2-Clause */
#include <string.h>
#include <strings.h>
#include "order.h"

#define SPEC_MAX BOOT_SPEC_MAX

/* Case does not matter: QEMU writes unit addresses in upper-case hex
 * (disk@8100000000000000, disk@105412C00000000), people in either. More
 * components after the device's path name something below it that is not
 * there (".../scsi@0/foo@1"): the device itself is not what they name. */
bool boot_path_matches(const char *dev_path, const char *spec_path)
{
    size_t n = strlen(dev_path);
    return strncasecmp(dev_path, spec_path, n) == 0 && (spec_path[n] == '\0' || spec_path[n] == ':');
}

const char *boot_path_args(const char *dev_path, const char *spec_path)
{
    const char *colon = strchr(spec_path + strlen(dev_path), ':');
    return colon ? colon + 1 : "";
}

static bool names_by_own_path(const struct boot_device *devs, unsigned ndevs, const char *spec_path)
{
    for (unsigned i = 0; i < ndevs; i++)
        if (boot_path_matches(devs[i].path, spec_path))
            return true;
    return false;
}

/* A controller's path as QEMU's boot list writes it for a namespace:
 * "<controller>" or "<controller>/nvme-ns", maybe with :args. */
static bool names_controller(const char *controller, const char *spec_path, const char **args)
{
    static const char qemu_child[] = "/nvme-ns";
    size_t n = strlen(controller);
    if (strncasecmp(controller, spec_path, n) != 0)
        return false;
    if (strncasecmp(spec_path + n, qemu_child, sizeof(qemu_child) - 1) == 0)
        n += sizeof(qemu_child) - 1;
    if (spec_path[n] != '\0' && spec_path[n] != ':')
        return false;
    *args = spec_path[n] == ':' ? spec_path + n + 1 : "";
    return true;
}

bool boot_device_named(const struct boot_device *devs, unsigned ndevs, unsigned i,
                       const char *spec_path, const char **args)
{
    if (boot_path_matches(devs[i].path, spec_path)) {
        *args = boot_path_args(devs[i].path, spec_path);
        return true;
    }
    return devs[i].controller && !names_by_own_path(devs, ndevs, spec_path) &&
           names_controller(devs[i].controller, spec_path, args);
}

struct order {
    const struct boot_order_in *in;
    struct boot_candidate *out;
    unsigned n, max;
};

static bool listed(const struct order *o, const struct boot_device *dev)
{
    for (unsigned i = 0; i < o->n; i++)
        if (o->out[i].dev == dev)
            return true;
    return false;
}

static void add(struct order *o, const struct boot_device *dev, const char *reason,
                const char *args)
{
    if (o->n < o->max && !listed(o, dev)) {
        o->out[o->n].dev = dev;
        o->out[o->n].reason = reason;
        strcpy(o->out[o->n++].args, args);   /* from a spec no longer than this */
    }
}

/* What follows a namespace's controller in its path: "namespace@2,0". */
static const char *namespace_unit(const struct boot_device *d)
{
    return d->path + strlen(d->controller);
}

/* QEMU's boot list names an nvme-ns of an nvme-subsys "/nvme-ns", with no
 * controller and no namespace id. It names something only when every NVMe
 * namespace is the same one (one namespace id, shared by the subsystem's
 * controllers): then each path to it, in order. */
static bool add_bare_namespace(struct order *o, const char *reason)
{
    const struct boot_order_in *in = o->in;
    const char *unit = NULL;
    for (unsigned i = 0; i < in->ndevs; i++) {
        const struct boot_device *d = &in->devs[i];
        if (!d->controller)
            continue;
        if (unit && strcasecmp(unit, namespace_unit(d)) != 0)
            return false;
        unit = namespace_unit(d);
    }
    for (unsigned i = 0; unit && i < in->ndevs; i++)
        if (in->devs[i].controller)
            add(o, &in->devs[i], reason, "");
    return unit != NULL;
}

/* One entry of a list: the devices it names (a path names one; an alias
 * may too), or a word to the caller about why it names none. */
static void add_spec(struct order *o, const char *spec, const char *reason)
{
    const struct boot_order_in *in = o->in;
    if (strcasecmp(spec, BOOT_BARE_NAMESPACE) == 0) {
        if (!add_bare_namespace(o, reason) && in->unmatched)
            in->unmatched(spec, reason, in->ctx);
        return;
    }
    char buf[SPEC_MAX];
    const char *path = in->expand(spec, buf, sizeof(buf), in->ctx);
    bool found = false;
    const char *args;
    for (unsigned i = 0; path && i < in->ndevs; i++)
        if (boot_device_named(in->devs, in->ndevs, i, path, &args)) {
            add(o, &in->devs[i], reason, args);
            found = true;
        }
    if (!found && in->unmatched)
        in->unmatched(spec, reason, in->ctx);
}

/* Each entry of a space-separated list; true when the list ends in QEMU's
 * "HALT" (-boot strict=on: only the devices listed). */
static bool add_list(struct order *o, const char *list, const char *reason)
{
    char spec[SPEC_MAX];
    for (const char *p = list; p && *p;) {
        p += strspn(p, " \t\n");
        size_t n = strcspn(p, " \t\n");
        if (!n)
            break;
        if (n == 4 && strncmp(p, "HALT", 4) == 0)
            return true;
        if (n < sizeof(spec)) {
            memcpy(spec, p, n);
            spec[n] = '\0';
            add_spec(o, spec, reason);
        } else if (o->in->unmatched) {
            o->in->unmatched("(an entry too long to be a path)", reason, o->in->ctx);
        }
        p += n;
    }
    return false;
}

/* The devices one of QEMU's -boot letters names: c disks, d CD drives,
 * n networks; or, for any other letter, none. */
static void add_letter(struct order *o, char letter)
{
    for (unsigned i = 0; i < o->in->ndevs; i++) {
        const struct boot_device *d = &o->in->devs[i];
        if ((letter == 'c' && d->kind == BOOT_DISK && !d->cdrom) ||
            (letter == 'd' && d->kind == BOOT_DISK && d->cdrom) ||
            (letter == 'n' && d->kind == BOOT_NET))
            add(o, d, "scan", "");
    }
}

unsigned boot_order(const struct boot_order_in *in, struct boot_candidate *out, unsigned max)
{
    struct order o = { in, out, 0, max };
    bool strict = add_list(&o, in->boot_list, "bootindex");
    add_list(&o, in->boot_device, "boot-device");
    if (strict)
        return o.n;
    for (const char *l = in->letters; l && *l; l++)
        add_letter(&o, *l);
    add_letter(&o, 'c');
    add_letter(&o, 'd');
    add_letter(&o, 'n');
    return o.n;
}
