/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdint.h>
#include <string.h>
#include <libfdt.h>
#include "check.h"

#define NEST_MAX 64

static size_t align4(size_t n)
{
    return (n + 3) & ~(size_t)3;
}

static int check_struct(const uint8_t *s, size_t size, size_t strings_size)
{
    size_t off = 0;
    int depth = 0;
    while (size - off >= 4) {
        uint32_t tag = fdt32_ld((const fdt32_t *)(s + off));
        size_t left = size - off - 4;
        const uint8_t *p = s + off + 4;
        switch (tag) {
        case FDT_BEGIN_NODE: {
            const uint8_t *end = memchr(p, 0, left);
            if (!end || ++depth > NEST_MAX)
                return -FDT_ERR_BADSTRUCTURE;
            off += 4 + align4((size_t)(end - p) + 1);
            break;
        }
        case FDT_END_NODE:
            if (--depth < 0)
                return -FDT_ERR_BADSTRUCTURE;
            off += 4;
            break;
        case FDT_PROP: {
            if (left < 8 || depth == 0)
                return -FDT_ERR_BADSTRUCTURE;
            uint32_t len = fdt32_ld((const fdt32_t *)p), nameoff = fdt32_ld((const fdt32_t *)(p + 4));
            if (len > left - 8 || nameoff >= strings_size)
                return -FDT_ERR_BADSTRUCTURE;
            off += 4 + align4(8 + (size_t)len);
            break;
        }
        case FDT_NOP:
            off += 4;
            break;
        case FDT_END:
            return depth == 0 ? 0 : -FDT_ERR_BADSTRUCTURE;
        default:
            return -FDT_ERR_BADSTRUCTURE;
        }
        if (off > size)
            return -FDT_ERR_BADSTRUCTURE;
    }
    return -FDT_ERR_TRUNCATED;
}

int fdt_blob_check(const void *fdt, size_t maxsize)
{
    int err = fdt_check_header(fdt);
    if (err)
        return err;
    if (fdt_totalsize(fdt) > maxsize)
        return -FDT_ERR_TRUNCATED;
    /* fdt_check_header has checked the blocks lie inside totalsize, not
     * that they are aligned (fuzz-fdt: a reserve map at an odd offset). */
    if (fdt_version(fdt) < 17)
        return -FDT_ERR_BADVERSION;
    if (fdt_off_mem_rsvmap(fdt) % 8 || fdt_off_dt_struct(fdt) % 4)
        return -FDT_ERR_ALIGNMENT;
    const uint8_t *base = fdt;
    return check_struct(base + fdt_off_dt_struct(fdt), fdt_size_dt_struct(fdt),
                        fdt_size_dt_strings(fdt));
}
