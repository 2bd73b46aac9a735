/* SPDX-License-Identifier: BSD-2-Clause */
/* QEMU's -kernel/-initrd: QEMU has already loaded the ELF and the ramdisk and
 * says where in /chosen. The firmware's part is to refuse what cannot work
 * (images over the firmware or past RAM) and to keep them out of the claim
 * pool so that nothing the client allocates lands on them. */
#include <stdio.h>
#include "../fdt/tree.h"
#include "../lib/err.h"
#include "../tpm/measure.h"
#include "../tpm/tcglog.h"
#include "load.h"
#include "loader.h"

static bool read_number(const struct dt_node *n, const char *name, uint64_t *out)
{
    uint32_t len;
    const uint8_t *v = dt_get(n, name, &len);
    if (!v || (len != 4 && len != 8))
        return false;
    *out = dt_read_cells(v, len / 4);
    return true;
}

int kernel_find(struct boot_image *img, char *why, size_t whylen)
{
    struct dt_node *chosen = dt_find("/chosen");
    uint32_t len;
    const uint8_t *k = chosen ? dt_get(chosen, "qemu,boot-kernel", &len) : NULL;
    uint64_t start, end;

    if (!k) {
        sniprintf(why, whylen, "no -kernel");
        return ERR_NOT_FOUND;
    }
    if (len != 16) {
        sniprintf(why, whylen, "/chosen/qemu,boot-kernel has %u bytes, not 16", len);
        return ERR_INVALID;
    }
    *img = (struct boot_image){ .entry = dt_read_cells(k, 2), .size = dt_read_cells(k + 8, 2) };
    int err = claim_for_client("kernel", img->entry, img->size, why, whylen);
    if (err)
        return err;
    measure_stage_text(4, EV_IPL, (const void *)(uintptr_t)img->entry, img->size,
                       "-kernel: the ELF image as QEMU loaded it, %lu bytes", (unsigned long)img->size);
    img->little_endian = dt_get(chosen, "qemu,boot-kernel-le", NULL) != NULL;
    if (read_number(chosen, "linux,initrd-start", &start) &&
        read_number(chosen, "linux,initrd-end", &end) && end != start) {
        if (end < start) {
            sniprintf(why, whylen, "initrd ends (0x%lx) before it starts (0x%lx)",
                      (unsigned long)end, (unsigned long)start);
            return ERR_INVALID;
        }
        err = claim_for_client("initrd", start, end - start, why, whylen);
        if (err)
            return err;
        img->initrd = start;
        img->initrd_size = end - start;
        measure_stage_text(9, EV_IPL, (const void *)(uintptr_t)start, end - start,
                           "initrd: -initrd, %lu bytes", (unsigned long)(end - start));
    }
    return 0;
}
