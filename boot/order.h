/* SPDX-License-Identifier: BSD-2-Clause */
/* The order in which boot devices are tried: QEMU's bootindex list
 * (qemu,boot-list), then the boot-device setting, then every other device,
 * disks before networks unless QEMU's -boot letters (c disks, d CDs,
 * n networks) say otherwise. A boot list
 * ending in "HALT" (-boot strict=on) stops after the devices it and the
 * setting name. Paths match case-insensitively. Pure: paths in, candidates
 * out, tested on the host. */
#ifndef BOOT_ORDER_H
#define BOOT_ORDER_H

#include <stdbool.h>
#include <stddef.h>

enum boot_kind_id { BOOT_DISK, BOOT_NET, BOOT_KINDS };

struct boot_device {
    enum boot_kind_id kind;
    unsigned index;             /* among the devices of its kind */
    const char *path;           /* its node's full path */
    bool cdrom;                 /* a disk that is a CD/DVD drive */
    /* A controller's path that names the device too (an NVMe namespace:
     * QEMU's boot list names its controller), or NULL. */
    const char *controller;
};

#define BOOT_SPEC_MAX 256
/* How QEMU's boot list names an nvme-ns of an nvme-subsys: no controller,
 * no namespace id. It names the namespace when there is only one. */
#define BOOT_BARE_NAMESPACE "/nvme-ns"

struct boot_candidate {
    const struct boot_device *dev;
    const char *reason;         /* "bootindex", "boot-device" or "scan" */
    char args[BOOT_SPEC_MAX];   /* what the entry gave after the device's path and ':' */
};

struct boot_order_in {
    const struct boot_device *devs;
    unsigned ndevs;
    const char *boot_list;      /* qemu,boot-list: full paths, space-separated; may be NULL */
    const char *boot_device;    /* the setting: aliases or paths, space-separated; may be NULL */
    const char *letters;        /* qemu,boot-device ("n", "cn", ...); may be NULL */
    /* The full path `spec` names (aliases expanded) in buf, or NULL. */
    const char *(*expand)(const char *spec, char *buf, size_t len, void *ctx);
    /* Told about each entry that names no boot device. */
    void (*unmatched)(const char *spec, const char *reason, void *ctx);
    void *ctx;
};

/* Whether `spec_path` (a full path, maybe with :args) names the device at
 * `dev_path`: the same path, not one with components below it. */
bool boot_path_matches(const char *dev_path, const char *spec_path);
/* The arguments a matching `spec_path` gives the device (after its ':'),
 * or "". */
const char *boot_path_args(const char *dev_path, const char *spec_path);
/* Whether `spec_path` names devs[i] (of the ndevs a spec is matched
 * against), and *args the arguments it gives: by the device's own path,
 * or, where it names none of devs by their own paths, by the device's
 * controller's (".../mass-storage@3" names every namespace of it,
 * ".../mass-storage@3/namespace@2,0" namespace 2 alone). */
bool boot_device_named(const struct boot_device *devs, unsigned ndevs, unsigned i,
                       const char *spec_path, const char **args);

/* Every device once, in the order to try them: the count written to out. */
unsigned boot_order(const struct boot_order_in *in, struct boot_candidate *out, unsigned max);

#endif
