/* SPDX-License-Identifier: BSD-2-Clause */
#include "../lib/err.h"
#include "hcall.h"
#include "log.h"
#include "uv.h"

long uv_call(struct hcall_regs *regs);

static long ucall(uint64_t op, uint64_t a1, uint64_t a2)
{
    struct hcall_regs regs = { { op, a1, a2 } };
    uv_call(&regs);
    return (long)regs.r[0];
}

bool uv_guest_secure(void)
{
    return (cpu_msr() & MSR_S) != 0;
}

static int page_call(uint64_t op, const char *what, uint64_t addr, uint64_t len)
{
    long rc = ucall(op, addr / UV_PAGE, len / UV_PAGE);
    if (rc == U_SUCCESS)
        return 0;
    log_error("ultravisor: %s of 0x%lx+0x%lx failed (%ld)\n", what, (unsigned long)addr,
              (unsigned long)len, rc);
    return ERR_IO;
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
    return rc == U_SUCCESS ? 0 : ERR_IO;
}
