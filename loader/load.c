/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdio.h>
#include <string.h>
#include "../lib/err.h"
#include "../mem/claim.h"
#include "../mem/firmware.h"
#include "../mem/phys.h"
#include "elf.h"
#include "load.h"

int claim_for_client(const char *what, uint64_t base, uint64_t size, char *why, size_t whylen)
{
    uint64_t end;
    const char *reason = NULL;
    if (size == 0 || __builtin_add_overflow(base, size, &end))
        reason = "has an impossible size";
    else if (!claim_in_ram(base, size))
        reason = "runs past the end of RAM";
    else if (fw_overlaps(base, size))
        reason = "overlaps the firmware";
    else if (claim(base, size, 0) == CLAIM_FAILED)
        reason = "overlaps memory already in use";
    if (!reason)
        return 0;
    sniprintf(why, whylen, "%s at 0x%lx-0x%lx %s", what, (unsigned long)base,
              (unsigned long)(base + size), reason);
    return ERR_RANGE;
}

static void release_segments(const struct elf_image *img, unsigned n)
{
    while (n--)
        release(img->seg[n].dest, img->seg[n].memsz);
}

/* A kernel linked at virtual addresses runs anywhere: keep its own physical
 * address if free, otherwise the first free aligned place from the load base. */
static int place_relocatable(struct elf_image *img)
{
    uint64_t span = img->highest - img->lowest;
    if (claim_is_free(img->lowest, span))
        return 0;
    uint64_t base = claim(KERNEL_LOAD_BASE, span, KERNEL_LOAD_ALIGN);
    if (base == CLAIM_FAILED)
        return ERR_NO_MEMORY;
    release(base, span);    /* claimed per segment below */
    elf_relocate(img, base);
    return 0;
}

int load_elf(const void *file, size_t len, struct loaded_image *out, char *why, size_t whylen)
{
    struct elf_image img;
    int err = elf_parse(file, len, &img);
    if (err) {
        sniprintf(why, whylen, "%s", elf_strerror(err));
        return ERR_INVALID;
    }
    if (img.kernel_virtual && place_relocatable(&img)) {
        sniprintf(why, whylen, "no free memory for a 0x%lx-byte kernel",
                  (unsigned long)(img.highest - img.lowest));
        return ERR_NO_MEMORY;
    }
    for (unsigned i = 0; i < img.nsegs; i++) {
        const struct elf_segment *s = &img.seg[i];
        char what[24];
        sniprintf(what, sizeof(what), "segment %u", i);
        err = claim_for_client(what, s->dest, s->memsz, why, whylen);
        if (err) {
            release_segments(&img, i);
            return err;
        }
    }
    for (unsigned i = 0; i < img.nsegs; i++) {
        const struct elf_segment *s = &img.seg[i];
        uint8_t *dst = phys_ptr(s->dest);
        memcpy(dst, (const uint8_t *)file + s->offset, s->filesz);
        memset(dst + s->filesz, 0, s->memsz - s->filesz);
        phys_sync_icache(s->dest, s->memsz);
    }
    out->entry = elf_entry_dest(&img);
    out->base = img.lowest;
    out->size = img.highest - img.lowest;
    out->little_endian = img.little_endian;
    out->elf32 = !img.is64;
    return 0;
}
