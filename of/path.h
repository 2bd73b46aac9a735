/* Device specifiers as clients write them: "/vdevice/vty@71000000",
 * "disk:3,\\boot\\grub", or an alias from /aliases followed by more path. */
#ifndef OF_PATH_H
#define OF_PATH_H

#include <stddef.h>
#include "../fdt/tree.h"

#define OF_PATH_MAX 256

/* The node named by `spec`, or NULL. The arguments after the last
 * component's ':' (if any) are copied to args (always NUL-terminated). */
struct dt_node *of_resolve(const char *spec, char *args, size_t argsize);

/* Name a node in /aliases the way SLOF does for the i-th device of a kind:
 * "disk" for the first, then "disk1", "disk2", ... 0, or ERR_NO_MEMORY. */
int of_alias_device(const char *kind, unsigned i, const struct dt_node *node);

#endif
