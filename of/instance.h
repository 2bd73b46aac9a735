/* SPDX-License-Identifier: BSD-2-Clause */
/* Open devices (ihandles) and the drivers bound to tree nodes (packages). */
#ifndef OF_INSTANCE_H
#define OF_INSTANCE_H

#include <stdint.h>
#include "../fdt/tree.h"
#include "path.h"

struct of_instance;

/* IEEE 1275's failure value, as the client sees it: the "actual" length of
 * a failed read or write, a refused open or seek, a method's catch result.
 * A protocol value, not one of the firmware's ERR_* codes. */
#define OF_FAILED (-1)

/* A method for call-method: args and rets are in call-method order
 * (arg1..argN after the ihandle; ret1..retN after the catch result).
 * Returns the catch result: 0 for success, OF_FAILED. */
struct of_method {
    const char *name;
    int (*fn)(struct of_instance *inst, const uint32_t *args, uint32_t nargs,
              uint32_t *rets, uint32_t nrets);
};

/* Each returns 0 / a byte count, or OF_FAILED. */
struct of_device {
    int (*open)(struct of_instance *inst);           /* NULL: always opens */
    void (*close)(struct of_instance *inst);
    int64_t (*read)(struct of_instance *inst, void *buf, uint64_t len);
    int64_t (*write)(struct of_instance *inst, const void *buf, uint64_t len);
    int (*seek)(struct of_instance *inst, uint64_t pos);
    const struct of_method *methods;                 /* ends with a NULL name */
};

struct of_instance {
    struct dt_node *node;
    char unit[OF_UNIT_MAX];       /* what a wildcard node was opened at; else "" */
    const struct of_device *dev;
    void *priv;
    char args[OF_PATH_MAX];
};

#define OF_MAX_INSTANCES 32

/* Make `node` openable, served by `dev`: 0, or ERR_NO_MEMORY. */
int of_bind(struct dt_node *node, const struct of_device *dev, void *priv);
/* Open a device specifier: the ihandle, or 0. */
uint32_t of_open(const char *spec);
void of_close(uint32_t ihandle);
/* The instance behind an ihandle, or NULL for anything that is not one. */
struct of_instance *of_instance_get(uint32_t ihandle);
/* Forget every binding and instance (tests, and a fresh boot). */
void of_instances_reset(void);

#endif
