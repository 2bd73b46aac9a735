/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdio.h>
#include <string.h>
#include "path.h"
#include "usb.h"

static bool is_type(const struct dt_node *n, const char *type)
{
    const char *t = n ? dt_get_string(n, "device_type") : NULL;
    return t && strcmp(t, type) == 0;
}

void of_usb_bind(void)
{
    unsigned controllers = 0;
    char path[OF_PATH_MAX], name[16];
    for (struct dt_node *n = dt_root(); n; n = dt_next(n)) {
        bool controller = is_type(n, "usb") && is_type(n->parent, "pci");
        bool keyboard = is_type(n, "keyboard") && is_type(n->parent, "usb");
        if ((!controller && !keyboard) || dt_path(n, path, sizeof(path)) >= sizeof(path))
            continue;
        if (controller)
            sniprintf(name, sizeof(name), "usb%u", controllers++);
        of_alias_device(controller ? name : "keyboard", 0, path);
    }
}
