#include <string.h>
#include "../board/hcall.h"
#include "../board/log.h"
#include "../fdt/tree.h"
#include "uv.h"

long uv_call(struct hcall_regs *regs);

static long ucall(uint64_t op, uint64_t a1, uint64_t a2)
{
    struct hcall_regs regs = { { op, a1, a2 } };
    uv_call(&regs);
    return (long)regs.r[0];
}

static bool compatible_with(const struct dt_node *node, const char *what)
{
    uint32_t len;
    const char *list = dt_get(node, "compatible", &len);
    for (uint32_t off = 0; list && off < len; off += (uint32_t)strnlen(list + off, len - off) + 1)
        if (strncmp(list + off, what, len - off) == 0)
            return true;
    return false;
}

bool uv_guest_secure(void)
{
    return (cpu_msr() & MSR_S) != 0;
}

bool uv_present(void)
{
    for (struct dt_node *n = dt_root(); n; n = dt_next(n))
        if (compatible_with(n, "ibm,ultravisor"))
            return true;
    return uv_guest_secure();
}

static int page_call(uint64_t op, const char *what, uint64_t addr, uint64_t len)
{
    long rc = ucall(op, addr / UV_PAGE, len / UV_PAGE);
    if (rc == U_SUCCESS)
        return 0;
    log_error("ultravisor: %s of 0x%lx+0x%lx failed (%ld)\n", what, (unsigned long)addr,
              (unsigned long)len, rc);
    return -1;
}

int uv_share(uint64_t addr, uint64_t len)
{
    return page_call(UV_SHARE_PAGE, "sharing", addr, len);
}

int uv_unshare(uint64_t addr, uint64_t len)
{
    return page_call(UV_UNSHARE_PAGE, "unsharing", addr, len);
}

int uv_unshare_all(void)
{
    long rc = ucall(UV_UNSHARE_ALL_PAGES, 0, 0);
    if (rc != U_SUCCESS)
        log_error("ultravisor: unsharing all pages failed (%ld)\n", rc);
    return rc == U_SUCCESS ? 0 : -1;
}
