/* SPDX-License-Identifier: BSD-2-Clause */
/* ELF32/ELF64 images from a disk or TFTP: whatever elf_parse accepts must
 * lie inside the buffer, not overlap, and be enterable. */
#include "fuzz.h"
#include "loader/elf.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct elf_image img;
    if (elf_parse(data, size, &img) != ELF_OK)
        return 0;
    PROMISE(img.nsegs > 0 && img.nsegs <= ELF_MAX_SEGMENTS);
    for (unsigned i = 0; i < img.nsegs; i++) {
        const struct elf_segment *s = &img.seg[i];
        PROMISE(s->offset <= size && s->filesz <= size - s->offset);
        PROMISE(s->filesz <= s->memsz);
        PROMISE(s->dest >= img.lowest && s->dest + s->memsz <= img.highest);
        for (unsigned j = 0; j < i; j++) {
            const struct elf_segment *t = &img.seg[j];
            PROMISE(s->dest + s->memsz <= t->dest || t->dest + t->memsz <= s->dest ||
                    !s->memsz || !t->memsz);
        }
    }
    uint64_t entry = elf_entry_dest(&img);
    PROMISE(entry >= img.lowest && entry < img.highest);
    uint64_t span = img.highest - img.lowest;
    elf_relocate(&img, 0x4000000);
    PROMISE(img.lowest == 0x4000000 && img.highest - img.lowest == span);
    entry = elf_entry_dest(&img);
    PROMISE(entry >= img.lowest && entry < img.highest);
    return 0;
}
