/* SPDX-License-Identifier: BSD-2-Clause */
/* Boot from a disk or CD: the first PReP boot partition (MBR type 0x41 or
 * the GPT PReP GUID) holds an ELF image; a device without one may be an
 * ISO9660 volume whose \ppc\bootinfo.txt names the program (installer CDs,
 * grub-mkrescue images). From a PReP partition only what the ELF needs is
 * read: its headers first (wherever its program header table lies), then up
 * to the end of its last segment, into a staging buffer the loader copies
 * from; a partition much larger than RAM boots if its ELF fits. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../board/log.h"
#include "../lib/bytes.h"
#include "../lib/err.h"
#include "../lib/text.h"
#include "../mem/claim.h"
#include "../mem/phys.h"
#include "../tpm/measure.h"
#include "../tpm/tcglog.h"
#include "../tpm/tpm.h"
#include "bootinfo.h"
#include "elf.h"
#include "iso9660.h"
#include "load.h"
#include "loader.h"
#include "part.h"

#define FIRST_READ 0x10000            /* where ELF headers usually end */
#define STAGING_LIMIT 0x100000000ull
#define MBR_CODE_BYTES 440            /* the first sector before the disk signature */
#define GPT_ENTRY_BYTES 128           /* what UEFI_GPT_DATA keeps of each entry */
#define PATH_TEXT_MAX 256             /* a device's path in an event's text */
#define PATH_SHOWN_MAX 72             /* a path from the volume in a line: its ends */
#define BOOTINFO_FILE_MAX 0x100000    /* a bootinfo.txt is a few hundred bytes */

/* `bytes` of the device from block `first`, in a claimed staging buffer
 * (given back with release). 0, ERR_NO_MEMORY or the read's error, with
 * why (`what` names the place for it). */
static int stage_blocks(struct blockdev *dev, uint64_t first, uint64_t bytes, const char *what,
                        uint64_t *at, uint64_t *len, char *why, size_t whylen)
{
    char size[24];
    uint64_t blocks = (bytes + dev->block_size - 1) / dev->block_size;
    *len = blocks * dev->block_size;
    *at = claim_top(*len, 0x10000, STAGING_LIMIT);
    if (*at == CLAIM_FAILED) {
        sniprintf(why, whylen, "no memory to read %s of %s", size_text(size, sizeof(size), *len), what);
        return ERR_NO_MEMORY;
    }
    int err = blockdev_read(dev, first, blocks, phys_ptr(*at));
    if (err) {
        release(*at, *len);
        sniprintf(why, whylen, "read error in %s", what);
    }
    return err;
}

static int stage(struct blockdev *dev, const struct part *p, uint64_t bytes, uint64_t *at,
                 uint64_t *len, char *why, size_t whylen)
{
    char what[24];
    sniprintf(what, sizeof(what), "PReP partition %u", p->number);
    return stage_blocks(dev, p->first, bytes, what, at, len, why, whylen);
}

/* How much of the partition holds the ELF, once its headers are at hand:
 * its headers and every segment's file data. 0 or ERR_INVALID with why. */
static int elf_extent(const struct part *p, const uint8_t *head, uint64_t have, uint64_t part_bytes,
                      uint64_t *extent, char *why, size_t whylen)
{
    struct elf_image img;
    uint64_t need;
    int err = elf_headers_size(head, have, &need);
    if (!err && need > have) {
        *extent = need;                  /* read the headers first */
        return 0;
    }
    if (!err)
        err = elf_parse(head, part_bytes, &img);
    if (err) {
        sniprintf(why, whylen, "PReP partition %u: %s", p->number, elf_strerror(err));
        return ERR_INVALID;
    }
    *extent = need;
    for (unsigned i = 0; i < img.nsegs; i++)
        if (img.seg[i].offset + img.seg[i].filesz > *extent)
            *extent = img.seg[i].offset + img.seg[i].filesz;
    return 0;
}

static int load_prep(struct blockdev *dev, const struct part *p, struct boot_image *img, char *why,
                     size_t whylen)
{
    uint64_t part_bytes = p->count * dev->block_size, at, len, extent = 0;
    uint64_t want = part_bytes < FIRST_READ ? part_bytes : FIRST_READ;
    int err;
    /* Headers, then (if they lie further in) all of them, then the data. */
    for (int round = 0; round < 3; round++) {
        err = stage(dev, p, want, &at, &len, why, whylen);
        if (err)
            return err;
        err = elf_extent(p, phys_ptr(at), len < part_bytes ? len : part_bytes, part_bytes, &extent,
                         why, whylen);
        if (err || extent <= len)
            break;
        release(at, len);
        want = extent;
    }
    if (!err && extent > len) {
        sniprintf(why, whylen, "PReP partition %u: %s", p->number, elf_strerror(ELF_ERR_SHORT));
        err = ERR_INVALID;
    }
    struct loaded_image li;
    char loadwhy[128], path[PATH_TEXT_MAX];
    if (!err) {
        err = load_elf(phys_ptr(at), extent, &li, loadwhy, sizeof(loadwhy));
        if (err)
            sniprintf(why, whylen, "PReP partition %u: %s", p->number, loadwhy);
        else
            *img = (struct boot_image){ .entry = li.entry, .little_endian = li.little_endian,
                                        .elf32 = li.elf32 };
    }
    if (!err) {
        blockdev_path(dev, path, sizeof(path));
        measure_stage_text(4, EV_IPL, phys_ptr(at), extent,
                           "PReP partition %u of %s: the ELF's headers and segments, %lu bytes",
                           p->number, path, (unsigned long)extent);
    }
    release(at, len);
    return err;
}

/* PCR 4 and 5 for a disk booted from its partition table, as SLOF measures
 * them: the boot code of its first sector, then the table (the MBR's, or
 * the GPT's header and its entries in use, as UEFI_GPT_DATA). */
static void stage_table(const struct part_table *t)
{
    measure_stage(4, EV_IPL, t->first, MBR_CODE_BYTES, "MBR", 3);
    if (!t->gpt_header) {
        measure_stage(5, EV_IPL_PARTITION_DATA, t->first + MBR_CODE_BYTES,
                      sizeof(t->first) - MBR_CODE_BYTES, "MBR PARTITION TABLE", 19);
        return;
    }
    static const uint8_t unused[16];
    uint64_t used = 0;
    for (uint32_t i = 0; i < t->gpt_count; i++)
        used += memcmp(t->gpt_entries + (uint64_t)i * t->gpt_esize, unused, 16) != 0;
    size_t len = GPT_HEADER_BYTES + 8 + used * GPT_ENTRY_BYTES;
    uint8_t *data = malloc(len), *p = data;
    if (!data) {
        tpm_stop(TPM_FAIL_LOG, "no memory to measure the GPT");
        return;
    }
    memcpy(p, t->gpt_header, GPT_HEADER_BYTES);
    put_le64(p + GPT_HEADER_BYTES, used);
    p += GPT_HEADER_BYTES + 8;
    for (uint32_t i = 0; i < t->gpt_count; i++) {
        const uint8_t *e = t->gpt_entries + (uint64_t)i * t->gpt_esize;
        if (memcmp(e, unused, 16) != 0) {
            memcpy(p, e, GPT_ENTRY_BYTES);
            p += GPT_ENTRY_BYTES;
        }
    }
    measure_stage(5, EV_EFI_GPT_EVENT, data, len, data, (uint32_t)len);
    free(data);
}

/* A file of the ISO9660 volume, staged: *data points at its first byte.
 * An empty file, or one over max bytes (0: any size), is refused before
 * anything is read. */
static int stage_file(struct blockdev *dev, const char *path, uint64_t max, uint64_t *at, uint64_t *len,
                      uint8_t **data, uint64_t *size, char *why, size_t whylen)
{
    struct iso_file f;
    char shown[PATH_SHOWN_MAX], big[24], limit[24];
    str_middle(shown, sizeof(shown), path);
    int err = iso_find(blockdev_read_fn, dev, dev->block_size, dev->nblocks, path, &f);
    if (err) {
        sniprintf(why, whylen, "%s (%s)", iso_strerror(err), shown);
        return err == ISO_ERR_READ ? ERR_IO : err == ISO_ERR_NOT_ISO ? ERR_NOT_FOUND : ERR_INVALID;
    }
    if (f.size == 0 || (max && f.size > max)) {
        if (f.size == 0)
            sniprintf(why, whylen, "%s is an empty file", shown);
        else
            sniprintf(why, whylen, "%s is %s, more than the %s it may be", shown,
                      size_text(big, sizeof(big), f.size), size_text(limit, sizeof(limit), max));
        return ERR_INVALID;
    }
    uint64_t skip = f.offset % dev->block_size;
    err = stage_blocks(dev, f.offset / dev->block_size, skip + f.size, path, at, len, why, whylen);
    *data = err ? NULL : (uint8_t *)phys_ptr(*at) + skip;
    *size = f.size;
    return err;
}

/* CHRP boot from an ISO9660 volume: \ppc\bootinfo.txt's boot-script names
 * the program, and its arguments. */
static int iso_boot(struct blockdev *dev, struct boot_image *img, char *why, size_t whylen)
{
    static const char info_path[] = "\\ppc\\bootinfo.txt";
    uint64_t at, len, size;
    uint8_t *data;
    struct bootinfo info;
    int err = stage_file(dev, info_path, BOOTINFO_FILE_MAX, &at, &len, &data, &size, why, whylen);
    if (err)
        return err;
    err = bootinfo_parse((const char *)data, size, &info);
    release(at, len);
    if (err) {
        sniprintf(why, whylen, "%s", bootinfo_strerror(err));
        return ERR_INVALID;
    }
    err = stage_file(dev, info.path, 0, &at, &len, &data, &size, why, whylen);
    if (err)
        return err == ERR_NOT_FOUND ? ERR_INVALID : err;
    struct loaded_image li;
    char loadwhy[128], path[PATH_TEXT_MAX];
    err = load_elf(data, size, &li, loadwhy, sizeof(loadwhy));
    if (!err) {
        blockdev_path(dev, path, sizeof(path));
        measure_stage_text(4, EV_IPL, data, size, "%s on %s, named by %s, %lu bytes", info.path,
                           path, info_path, (unsigned long)size);
    }
    release(at, len);
    if (err) {
        sniprintf(why, whylen, "%s: %s", info.path, loadwhy);
        return err;
    }
    *img = (struct boot_image){ .entry = li.entry, .little_endian = li.little_endian,
                                .elf32 = li.elf32 };
    memcpy(img->path, info.path, sizeof(img->path));
    memcpy(img->args, info.args, sizeof(img->args));
    char name[64];
    log_info("%s: %s, named by %s%s%s\n", blockdev_name(dev, name, sizeof(name)), info.path, info_path,
             info.args[0] ? ", arguments: " : "", info.args);
    return 0;
}

int disk_boot(struct blockdev *dev, struct boot_image *img, char *why, size_t whylen)
{
    struct part parts[PART_MAX];
    struct part_table table;
    enum part_scheme scheme;
    const char *note = NULL;
    int n = part_scan_table(blockdev_read_fn, dev, dev->block_size, dev->nblocks, parts, PART_MAX,
                            &scheme, &note, &table);
    if (n < 0) {
        sniprintf(why, whylen, "cannot read its partition table");
        return n;
    }
    const struct part *prep = NULL;
    for (int i = 0; i < n && !prep; i++)
        if (parts[i].prep)
            prep = &parts[i];
    if (!prep) {
        int err = iso_boot(dev, img, why, whylen);
        if (err != ERR_NOT_FOUND)
            return err;               /* an ISO9660 volume: booted, or why not */
        sniprintf(why, whylen, "%s%s%s", scheme == PART_NONE ? "no partition table" :
                  "no PReP boot partition", note ? ": " : "", note ? note : "");
        return ERR_NOT_FOUND;
    }
    char name[64];
    if (note)
        log_info("%s: %s\n", blockdev_name(dev, name, sizeof(name)), note);
    int err = load_prep(dev, prep, img, why, whylen);
    if (!err)
        stage_table(&table);
    return err;
}
