/* QEMU's -kernel/-initrd: QEMU has already loaded the ELF and the ramdisk and
 * says where in /chosen. The firmware's part is to refuse what cannot work
 * (images over the firmware or past RAM) and to keep them out of the claim
 * pool so that nothing the client allocates lands on them. */
#include <stdio.h>
#include "../board/layout.h"
#include "../fdt/tree.h"
#include "../mem/claim.h"
#include "boot.h"

static int claim_range(const char *what, uint64_t base, uint64_t size, char *why,
                       unsigned long whylen)
{
    uint64_t end;
    const char *reason = NULL;
    if (size == 0 || __builtin_add_overflow(base, size, &end))
        reason = "has an impossible size";
    else if (base < FW_LIMIT)
        reason = "overlaps the firmware";
    else if (!claim_in_ram(base, size))
        reason = "runs past the end of RAM";
    else if (claim(base, size, 0) == CLAIM_FAILED)
        reason = "overlaps memory already in use";
    if (!reason)
        return 0;
    sniprintf(why, whylen, "%s at 0x%lx-0x%lx %s", what, (unsigned long)base,
              (unsigned long)(base + size), reason);
    return -1;
}

static bool read_number(const struct dt_node *n, const char *name, uint64_t *out)
{
    uint32_t len;
    const uint8_t *v = dt_get(n, name, &len);
    if (!v || (len != 4 && len != 8))
        return false;
    *out = dt_read_cells(v, len / 4);
    return true;
}

int qemu_kernel_find(struct boot_target *t, char *why, unsigned long whylen)
{
    struct dt_node *chosen = dt_find("/chosen");
    uint32_t len;
    const uint8_t *k = chosen ? dt_get(chosen, "qemu,boot-kernel", &len) : NULL;
    uint64_t start, end;

    if (!k)
        return BOOT_NONE;
    if (len != 16) {
        sniprintf(why, whylen, "/chosen/qemu,boot-kernel has %u bytes, not 16", len);
        return BOOT_ERROR;
    }
    t->source = "-kernel";
    t->entry = dt_read_cells(k, 2);
    if (claim_range("kernel", t->entry, dt_read_cells(k + 8, 2), why, whylen))
        return BOOT_ERROR;
    t->little_endian = dt_get(chosen, "qemu,boot-kernel-le", NULL) != NULL;
    t->initrd = t->initrd_size = 0;
    if (read_number(chosen, "linux,initrd-start", &start) &&
        read_number(chosen, "linux,initrd-end", &end) && end != start) {
        if (end < start) {
            sniprintf(why, whylen, "initrd ends (0x%lx) before it starts (0x%lx)",
                      (unsigned long)end, (unsigned long)start);
            return BOOT_ERROR;
        }
        if (claim_range("initrd", start, end - start, why, whylen))
            return BOOT_ERROR;
        t->initrd = start;
        t->initrd_size = end - start;
    }
    return BOOT_FOUND;
}
