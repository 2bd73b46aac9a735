/* Boot from a disk: the first PReP boot partition (MBR type 0x41 or the GPT
 * PReP GUID) holds an ELF image, read whole into a staging buffer and handed
 * to the ELF loader. */
#include <stdio.h>
#include <string.h>
#include "../lib/err.h"
#include "../mem/claim.h"
#include "../mem/phys.h"
#include "elf.h"
#include "load.h"
#include "loader.h"
#include "part.h"

#define HEADER_BYTES 0x10000          /* ELF and program headers live here */
#define STAGING_LIMIT 0x100000000ull

/* How much of the image the loader will read: the end of its last segment. */
static uint64_t image_extent(const void *head, uint64_t head_len, uint64_t part_bytes)
{
    struct elf_image img;
    if (elf_parse(head, head_len, &img) != ELF_OK) {
        /* The headers fit but the data runs past what was read: find out
         * from the program headers alone by pretending the file is whole. */
        if (elf_parse(head, part_bytes, &img) != ELF_OK)
            return 0;
    }
    uint64_t end = 0;
    for (unsigned i = 0; i < img.nsegs; i++)
        if (img.seg[i].offset + img.seg[i].filesz > end)
            end = img.seg[i].offset + img.seg[i].filesz;
    return end;
}

int disk_boot(struct blockdev *dev, struct boot_image *img, char *why, size_t whylen)
{
    struct part parts[PART_MAX];
    enum part_scheme scheme;
    const char *note = NULL;
    int n = part_scan(blockdev_read_fn, dev, dev->block_size, dev->nblocks, parts, PART_MAX, &scheme, &note);
    if (n < 0) {
        sniprintf(why, whylen, "cannot read its partition table");
        return n;
    }
    const struct part *prep = NULL;
    for (int i = 0; i < n && !prep; i++)
        if (parts[i].prep)
            prep = &parts[i];
    if (!prep) {
        sniprintf(why, whylen, "%s%s%s", scheme == PART_NONE ? "no partition table" :
                  "no PReP boot partition", note ? ": " : "", note ? note : "");
        return ERR_NOT_FOUND;
    }

    uint64_t part_bytes = prep->count * dev->block_size;
    uint64_t head_len = part_bytes < HEADER_BYTES ? part_bytes : HEADER_BYTES;
    uint64_t staging = claim_top(part_bytes, 0x10000, STAGING_LIMIT);
    if (staging == CLAIM_FAILED) {
        sniprintf(why, whylen, "no memory to read its %lu-byte PReP partition",
                  (unsigned long)part_bytes);
        return ERR_NO_MEMORY;
    }
    int rc = ERR_IO;
    uint8_t *buf = phys_ptr(staging);
    if (blockdev_read(dev, prep->first, head_len / dev->block_size, buf)) {
        sniprintf(why, whylen, "read error in PReP partition %u", prep->number);
        goto out;
    }
    uint64_t extent = image_extent(buf, head_len, part_bytes);
    if (extent == 0) {
        struct elf_image elf;
        sniprintf(why, whylen, "PReP partition %u: %s", prep->number,
                  elf_strerror(elf_parse(buf, head_len, &elf)));
        rc = ERR_INVALID;
        goto out;
    }
    uint64_t blocks = (extent + dev->block_size - 1) / dev->block_size;
    if (blocks > head_len / dev->block_size &&
        blockdev_read(dev, prep->first, blocks, buf)) {
        sniprintf(why, whylen, "read error in PReP partition %u", prep->number);
        goto out;
    }
    struct loaded_image li;
    char loadwhy[128];
    rc = load_elf(buf, blocks * dev->block_size, &li, loadwhy, sizeof(loadwhy));
    if (rc) {
        sniprintf(why, whylen, "PReP partition %u: %s", prep->number, loadwhy);
        goto out;
    }
    *img = (struct boot_image){ .entry = li.entry, .little_endian = li.little_endian,
                                .elf32 = li.elf32 };
out:
    release(staging, part_bytes);
    return rc;
}
