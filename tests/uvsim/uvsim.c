/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A simulated ultravisor, for tests only: it is linked into a separate image
 * (build/sluice-uvsim.bin), never the shipped one. QEMU's TCG has no
 * ultravisor; `sc 2` lands on the guest's own 0xc00 vector, whose report the
 * simulator intercepts (the linker's --wrap) to serve the ucalls. It also
 *   - adds the /ibm,ultravisor node a real platform would have,
 *   - models MSR[S]: secure after UV_ESM,
 *   - keeps the shared set and reports every change twice: a "UVSIM: ..."
 *     console line for people, and a marker in QEMU's trace for the checks
 *     (tests/uv-check.awk), so the trace alone orders ucalls, TCE hcalls and
 *     device DMA: an H_GET_TCE on a LIOBN no PHB has, which QEMU traces as
 *     spapr_iommu_get liobn=0x5556<kind:4 hex><pages:8 hex> ioba=<address>,
 *   - ends the VM on misuse: ESM twice, sharing a page twice, unsharing a
 *     page never shared or still holding data, pages outside RAM.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <libfdt.h>
#include "exception.h"
#include "hcall.h"
#include "log.h"
#include "uv.h"

#define SC_2 0x44000042u              /* sc LEV=2 */
#define U_PARAMETER (-4)
#define U_FUNCTION (-2)
#define MAX_PAGES (1u << 20)          /* simulated RAM: 4 GiB */

void __real_sluice_main(void *fdt);
void __real_exception_report(uint64_t vector, const struct exc_frame *f);
uint64_t __real_cpu_msr(void);
void uvsim_resume(struct exc_frame *f) __attribute__((noreturn));

static bool secure;
static uint8_t shared[MAX_PAGES / 8];
static uint64_t nshared;
/* QEMU's tree plus /ibm,ultravisor. QEMU's is 14 KiB for a bare pseries
 * and 29 KiB with 8 CPUs and 30 PCI devices; this image's BSS must keep
 * the whole below 1 MiB as the shipped one does (the link checks). */
static uint8_t tree[128 * 1024] __attribute__((aligned(8)));

enum mark { MARK_ESM = 1, MARK_SHARE, MARK_UNSHARE, MARK_UNSHARE_ALL };

static void mark(enum mark kind, uint64_t pages, uint64_t addr)
{
    hcall(H_GET_TCE, 0x5556000000000000ull | (uint64_t)kind << 32 | pages, addr, 0, 0, NULL);
}

static bool is_shared(uint64_t pfn)
{
    return shared[pfn / 8] & (1u << (pfn % 8));
}

static bool page_is_zero(uint64_t pfn)
{
    const uint64_t *p = (const uint64_t *)(uintptr_t)(pfn * UV_PAGE);
    for (unsigned i = 0; i < UV_PAGE / 8; i++)
        if (p[i])
            return false;
    return true;
}

static long share(uint64_t pfn, uint64_t n, bool on)
{
    if (n == 0 || pfn >= MAX_PAGES || n > MAX_PAGES - pfn)
        fatal("UVSIM-MISUSE: %s of %lu pages at pfn 0x%lx is outside RAM", on ? "share" : "unshare",
              (unsigned long)n, (unsigned long)pfn);
    for (uint64_t p = pfn; p < pfn + n; p++) {
        if (is_shared(p) == on)
            fatal("UVSIM-MISUSE: page 0x%lx %s", (unsigned long)(p * UV_PAGE),
                  on ? "shared twice" : "unshared but never shared");
        if (!on && !page_is_zero(p))
            fatal("UVSIM-MISUSE: page 0x%lx unshared still holding data", (unsigned long)(p * UV_PAGE));
    }
    for (uint64_t p = pfn; p < pfn + n; p++)
        shared[p / 8] ^= (uint8_t)(1u << (p % 8));
    nshared = on ? nshared + n : nshared - n;
    mark(on ? MARK_SHARE : MARK_UNSHARE, n, pfn * UV_PAGE);
    log_raw("UVSIM: %s addr=0x%lx pages=%lu total=%lu\n", on ? "share" : "unshare",
            (unsigned long)(pfn * UV_PAGE), (unsigned long)n, (unsigned long)nshared);
    return U_SUCCESS;
}

static long ucall(const struct exc_frame *f)
{
    const uint64_t *r = f->gpr;
    switch (r[3]) {
    case UV_ESM:
        if (secure)
            fatal("UVSIM-MISUSE: UV_ESM called twice");
        secure = true;
        mark(MARK_ESM, 0, r[4]);
        log_raw("UVSIM: esm kbase=0x%lx fdt=0x%lx\n", (unsigned long)r[4], (unsigned long)r[5]);
        return U_SUCCESS;
    case UV_SHARE_PAGE:
        return share(r[4], r[5], true);
    case UV_UNSHARE_PAGE:
        return share(r[4], r[5], false);
    case UV_UNSHARE_ALL_PAGES:
        memset(shared, 0, sizeof(shared));
        mark(MARK_UNSHARE_ALL, nshared, 0);
        log_raw("UVSIM: unshare-all pages=%lu\n", (unsigned long)nshared);
        nshared = 0;
        return U_SUCCESS;
    default:
        log_raw("UVSIM: unknown ucall 0x%lx\n", (unsigned long)r[3]);
        return U_FUNCTION;
    }
}

void __wrap_exception_report(uint64_t vector, struct exc_frame *f)
{
    uint64_t at = (f->srr0 - 4) & 0x0fffffffffffffffull;
    if (vector == 0xc00 && at + 4 <= MAX_PAGES * UV_PAGE && *(const uint32_t *)(uintptr_t)at == SC_2) {
        f->gpr[3] = (uint64_t)ucall(f);
        uvsim_resume(f);
    }
    __real_exception_report(vector, f);
}

uint64_t __wrap_cpu_msr(void)
{
    return __real_cpu_msr() | (secure ? MSR_S : 0);
}

void __wrap_sluice_main(void *fdt)
{
    int off;
    if (fdt_open_into(fdt, tree, sizeof(tree)) != 0 ||
        (off = fdt_add_subnode(tree, 0, "ibm,ultravisor")) < 0 ||
        fdt_setprop_string(tree, off, "compatible", "ibm,ultravisor") != 0)
        fatal("UVSIM: cannot add /ibm,ultravisor to the device tree");
    log_raw("UVSIM: simulated ultravisor present (test image)\n");
    __real_sluice_main(tree);
}
