#include <string.h>
#include "../fdt/tree.h"
#include "nvram.h"
#include "rtas.h"

uint32_t nvram_size(void)
{
    struct dt_node *vdev = dt_find("/vdevice");
    for (struct dt_node *n = vdev ? vdev->child : NULL; n; n = n->sibling) {
        const char *type = dt_get_string(n, "device_type");
        uint32_t size;
        if (type && strcmp(type, "nvram") == 0 && dt_get_u32(n, "#bytes", &size))
            return size;
    }
    return 0;
}

/* nvram-fetch / nvram-store ( index buffer length -- status actual ) */
static int transfer(const char *service, uint32_t offset, const void *buf, uint32_t len)
{
    uint32_t args[3] = { offset, (uint32_t)(uintptr_t)buf, len }, rets[2];
    if (rtas_call(service, 3, 2, args, rets) != 0 || rets[1] != len)
        return -1;
    return 0;
}

int nvram_read(uint32_t offset, void *buf, uint32_t len)
{
    return transfer("nvram-fetch", offset, buf, len);
}

int nvram_write(uint32_t offset, const void *buf, uint32_t len)
{
    return transfer("nvram-store", offset, buf, len);
}
