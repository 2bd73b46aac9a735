/* SPDX-License-Identifier: BSD-2-Clause */
/* kernel-entry=fdt: a -kernel image entered the ePAPR way, as kexec enters a
 * kernel, for programs that take a flattened tree and have no use for Open
 * Firmware (kvm-unit-tests and other bare-metal test programs; Linux takes
 * it too, and skips prom_init). What prom_init would have done with the
 * client interface is done here: RTAS instantiated and named in /rtas, the
 * devices quiesced, the tree flattened with the ranges the OS must keep in
 * its reserve map. Then r3 = the tree, r4 = the image's entry, r5 = 0. */
#define _GNU_SOURCE                    /* memmem */
#include <stdio.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include <libfdt.h>
#include "../board/log.h"
#include "../board/rtas.h"
#include "../fdt/reserve.h"
#include "../fdt/tree.h"
#include "../lib/bytes.h"
#include "../lib/err.h"
#include "../of/platform.h"
#include "../tpm/measure.h"
#include "../tpm/tpm.h"
#include "epapr.h"
#include "handoff.h"

#define PAGE 0x1000ull

void enter_client(uint64_t entry, uint64_t r3, uint64_t r4, uint64_t r5, uint64_t stack,
                  uint64_t msr) __attribute__((noreturn));

/* RTAS in firmware memory (in the RMA, where the OS calls it with the MMU
 * off), in the reserve map, and in /rtas as prom_init leaves it. */
static int place_rtas(char *why, size_t whylen)
{
    struct dt_node *rtas = dt_find("/rtas");
    uint32_t size = 0;
    if (!rtas || !dt_get_u32(rtas, "rtas-size", &size) || size < sizeof(rtas_stub)) {
        sniprintf(why, whylen, "QEMU's tree has no /rtas with an rtas-size");
        return ERR_NOT_FOUND;
    }
    void *base = memalign(PAGE, (size + PAGE - 1) & ~(PAGE - 1));
    uint64_t addr = (uint64_t)(uintptr_t)base;
    if (!base || reserve_add(addr, size) ||
        dt_set_u32(rtas, "linux,rtas-base", (uint32_t)addr) ||
        dt_set_u32(rtas, "linux,rtas-entry", (uint32_t)addr)) {
        sniprintf(why, whylen, "no memory for RTAS");
        return ERR_NO_MEMORY;
    }
    platform_rtas_install(base);
    return 0;
}

/* Whether the image is a little-endian Linux older than 6.5, by the
 * version in its banner ("Linux version 6.1.0-..."). */
static bool le_linux_before_6_5(const struct boot_image *img)
{
    static const char banner[] = "Linux version ";
    const char *v = img->little_endian ? memmem((const void *)(uintptr_t)img->entry, img->size,
                                                banner, sizeof(banner) - 1) : NULL;
    if (!v)
        return false;
    char *end;
    unsigned long major = strtoul(v + sizeof(banner) - 1, &end, 10);
    unsigned long minor = *end == '.' ? strtoul(end + 1, NULL, 10) : 0;
    return major < 6 || (major == 6 && minor < 5);
}

/* The event log where Linux looks for it when no prom_init asked for it:
 * linux,sml-base and linux,sml-size on the vTPM's node, the log (in
 * firmware memory) in the reserve map. Nothing is measured after. The
 * values are big-endian, as every property and Linux 6.5 on read them;
 * little-endian Linux before 6.5 took them in its own byte order (its
 * prom_init wrote them so), and gets them that way. */
static int place_log(const struct boot_image *img, char *why, size_t whylen)
{
    size_t len;
    const uint8_t *log = measure_log(&len);
    struct tpm_transport *t = tpm_device();
    uint8_t base[8], size[4];
    if (!log || !t)
        return 0;
    bool le = le_linux_before_6_5(img);
    put_uint(base, sizeof(base), le, (uint64_t)(uintptr_t)log);
    put_uint(size, sizeof(size), le, len);
    if (reserve_add((uint64_t)(uintptr_t)log, len) || dt_set(t->node, "linux,sml-base", base, sizeof(base)) ||
        dt_set(t->node, "linux,sml-size", size, sizeof(size))) {
        sniprintf(why, whylen, "no memory to hand over the event log");
        return ERR_NO_MEMORY;
    }
    measure_handed_over();
    return 0;
}

/* The final tree, flattened where nothing the OS loads lands on it (the
 * firmware heap, at the top of the RMA) and reserved in its own map so the
 * OS keeps it until it has read it. */
static void *flatten_final(char *why, size_t whylen)
{
    void *fdt = memalign(PAGE, DT_FLAT_MAX);
    int err = fdt ? dt_flatten(fdt, DT_FLAT_MAX) : -FDT_ERR_NOSPACE;
    if (!err) {
        uint64_t size = (fdt_totalsize(fdt) + 2 * sizeof(struct fdt_reserve_entry) + PAGE - 1) &
                        ~(PAGE - 1);
        err = reserve_add((uint64_t)(uintptr_t)fdt, size) ? -FDT_ERR_NOSPACE
                                                          : dt_flatten(fdt, DT_FLAT_MAX);
    }
    if (err) {
        sniprintf(why, whylen, "cannot flatten the tree: %s", fdt_strerror(err));
        return NULL;
    }
    return fdt;
}

void epapr_enter(const struct boot_image *img, uint64_t stack, uint64_t msr)
{
    char why[96];
    void *fdt = NULL;
    if (place_rtas(why, sizeof(why)) == 0 && place_log(img, why, sizeof(why)) == 0) {
        handoff_quiesce();
        fdt = flatten_final(why, sizeof(why));
    }
    if (!fdt)
        fatal("kernel-entry=fdt: %s", why);
    log_info("entering with a %u-byte flattened tree at 0x%lx (kernel-entry=fdt)\n",
             fdt_totalsize(fdt), (unsigned long)(uintptr_t)fdt);
    enter_client(img->entry, (uint64_t)(uintptr_t)fdt, img->entry, 0, stack, msr);
}
