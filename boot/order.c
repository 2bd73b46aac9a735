#include <string.h>
#include <strings.h>
#include "order.h"

#define SPEC_MAX BOOT_SPEC_MAX

/* Case does not matter: QEMU writes unit addresses in upper-case hex
 * (disk@8100000000000000, disk@105412C00000000), people in either. */
bool boot_path_matches(const char *dev_path, const char *spec_path)
{
    size_t n = strlen(dev_path);
    return strncasecmp(dev_path, spec_path, n) == 0 &&
           (spec_path[n] == '\0' || spec_path[n] == '/' || spec_path[n] == ':');
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

bool boot_device_named(const struct boot_device *devs, unsigned ndevs, unsigned i,
                       const char *spec_path, const char **args)
{
    const char *by = devs[i].path;
    if (!boot_path_matches(by, spec_path)) {
        by = devs[i].controller;
        if (!by || !boot_path_matches(by, spec_path) || names_by_own_path(devs, ndevs, spec_path))
            return false;
    }
    *args = boot_path_args(by, spec_path);
    return true;
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

/* One entry of a list: the devices it names (a path names one; an alias
 * may too), or a word to the caller about why it names none. */
static void add_spec(struct order *o, const char *spec, const char *reason)
{
    const struct boot_order_in *in = o->in;
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
