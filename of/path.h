/* SPDX-License-Identifier: BSD-2-Clause */
/* Device specifiers as clients write them: "/vdevice/vty@71000000",
 * "disk:3,\\boot\\grub", or an alias from /aliases followed by more path. */
#ifndef OF_PATH_H
#define OF_PATH_H

#include <stddef.h>
#include "../fdt/tree.h"

#define OF_PATH_MAX 256
#define OF_UNIT_MAX 24

/* The node named by `spec`, or NULL. The arguments after the last
 * component's ':' (if any) are copied to args (always NUL-terminated). A
 * component "name@unit" names the child of that name whose unit address
 * has the same value ("namespace@1" finds "namespace@1,0": a missing
 * trailing field is 0); one that no child has names a wildcard child:
 * one called just "name" with no "reg", which stands for every unit on its
 * bus (IEEE 1275; SLOF's SCSI "disk"). */
struct dt_node *of_resolve(const char *spec, char *args, size_t argsize);
/* The same, with the unit address a wildcard node was named with in unit
 * ("" when the last component named a node of its own). */
struct dt_node *of_resolve_unit(const char *spec, char *args, size_t argsize, char *unit,
                                size_t unitsize);

/* Name a device path in /aliases the way SLOF does for the i-th device of
 * a kind: "disk" for the first, then "disk1", "disk2", ... 0, or
 * ERR_NO_MEMORY. */
int of_alias_device(const char *kind, unsigned i, const char *path);

#endif
