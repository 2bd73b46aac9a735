/* SPDX-License-Identifier: BSD-2-Clause */
#include <string.h>
#include <strings.h>
#include "../lib/bytes.h"
#include "iso9660.h"

#define PVD_FIRST 16
#define PVD_MAX 32                    /* volume descriptors looked at */
#define DIR_MAX_BYTES (16u << 20)
/* Directory bytes one walk may read, however deep the path (ISO9660 has 8
 * levels, Rock Ridge no limit): bounded work on a hostile volume. */
#define WALK_MAX_BYTES (64u << 20)
#define NAME_MAX_ISO 255

struct volume {
    part_read_fn read;
    void *ctx;
    uint32_t bs;
    uint64_t bytes;                   /* of the device */
    uint64_t walk_left;               /* directory bytes this walk may still read */
    uint8_t sector[4096];             /* the last sector read (a 4 KiB block holds two) */
};

/* ISO sector `lba` (2048 bytes) into v->sector; a pointer to it, or NULL. */
static const uint8_t *read_sector(struct volume *v, uint64_t lba)
{
    uint64_t off = lba * ISO_SECTOR;
    if (lba > v->bytes / ISO_SECTOR || off + ISO_SECTOR > v->bytes)
        return NULL;
    if (v->bs > ISO_SECTOR) {        /* 4 KiB blocks: the block holding it */
        if (v->read(v->ctx, off / v->bs, 1, v->sector))
            return NULL;
        return v->sector + off % v->bs;
    }
    if (v->read(v->ctx, off / v->bs, ISO_SECTOR / v->bs, v->sector))
        return NULL;
    return v->sector;
}

/* A directory record's name: Rock Ridge's NM when it has one, else the
 * ISO name without its ";version" and a trailing '.'. */
static size_t record_name(const uint8_t *r, char *out)
{
    size_t rlen = r[0], nlen = r[32];
    size_t su = 33 + nlen + (nlen % 2 == 0);          /* padded to an even offset */
    while (su + 4 <= rlen && r[su + 2] >= 4 && su + r[su + 2] <= rlen) {
        if (r[su] == 'N' && r[su + 1] == 'M' && r[su + 2] > 5 && !(r[su + 4] & 6)) {
            size_t n = (size_t)r[su + 2] - 5;
            memcpy(out, r + su + 5, n);
            out[n] = '\0';
            return n;
        }
        su += r[su + 2];
    }
    size_t n = 0;
    while (n < nlen && r[33 + n] != ';')
        n++;
    if (n > 1 && r[33 + n - 1] == '.')
        n--;
    memcpy(out, r + 33, n);
    out[n] = '\0';
    return n;
}

/* Look for `name` (len bytes) in the directory at extent/size. 0 with the
 * record's extent, size and whether it is a directory, or an iso_error. */
static int lookup(struct volume *v, uint64_t extent, uint64_t size, const char *name, size_t len,
                  uint64_t *out_extent, uint64_t *out_size, int *is_dir)
{
    if (size > DIR_MAX_BYTES)
        return ISO_ERR_CORRUPT;
    for (uint64_t done = 0; done < size; done += ISO_SECTOR) {
        if (v->walk_left < ISO_SECTOR)
            return ISO_ERR_TOO_MUCH;
        v->walk_left -= ISO_SECTOR;
        const uint8_t *s = read_sector(v, extent + done / ISO_SECTOR);
        if (!s)
            return ISO_ERR_READ;
        for (size_t off = 0; off < ISO_SECTOR && s[off];) {
            const uint8_t *r = s + off;
            if (r[0] < 34 || off + r[0] > ISO_SECTOR || 33u + r[32] > r[0])
                return ISO_ERR_CORRUPT;
            char rname[NAME_MAX_ISO + 1];
            size_t rlen = record_name(r, rname);
            if (rlen == len && strncasecmp(rname, name, len) == 0 && !(r[32] == 1 && r[33] <= 1)) {
                *out_extent = get_le32(r + 2);
                *out_size = get_le32(r + 10);
                *is_dir = (r[25] & 2) != 0;
                return 0;
            }
            off += r[0];
        }
    }
    return ISO_ERR_NOT_FOUND;
}

/* The root directory's extent and size, from the primary volume descriptor. */
static int root_of(struct volume *v, uint64_t *extent, uint64_t *size)
{
    for (unsigned i = 0; i < PVD_MAX; i++) {
        const uint8_t *d = read_sector(v, PVD_FIRST + i);
        if (!d)
            return i ? ISO_ERR_CORRUPT : ISO_ERR_NOT_ISO;
        if (memcmp(d + 1, "CD001", 5) != 0 || d[0] == 255)
            return ISO_ERR_NOT_ISO;
        if (d[0] != 1)
            continue;
        if (get_le16(d + 128) != ISO_SECTOR || d[156] < 34)
            return ISO_ERR_CORRUPT;
        *extent = get_le32(d + 156 + 2);
        *size = get_le32(d + 156 + 10);
        return 0;
    }
    return ISO_ERR_NOT_ISO;
}

int iso_find(part_read_fn read, void *ctx, uint32_t block_size, uint64_t nblocks, const char *path,
             struct iso_file *out)
{
    static struct volume v;
    uint64_t extent, size;
    int is_dir = 1;
    if ((block_size != 512 && block_size != 2048 && block_size != 4096) ||
        nblocks > UINT64_MAX / block_size)
        return ISO_ERR_NOT_ISO;
    v = (struct volume){ read, ctx, block_size, nblocks * block_size, WALK_MAX_BYTES, { 0 } };
    int err = root_of(&v, &extent, &size);
    while (!err && *path) {
        while (*path == '\\' || *path == '/')
            path++;
        size_t len = strcspn(path, "\\/");
        if (!len)
            break;
        if (!is_dir)
            return ISO_ERR_NOT_FOUND;
        err = lookup(&v, extent, size, path, len, &extent, &size, &is_dir);
        path += len;
    }
    if (err)
        return err;
    if (is_dir)
        return ISO_ERR_NOT_FILE;
    if (extent * ISO_SECTOR > v.bytes || size > v.bytes - extent * ISO_SECTOR)
        return ISO_ERR_CORRUPT;
    out->offset = extent * ISO_SECTOR;
    out->size = size;
    return 0;
}

const char *iso_strerror(int err)
{
    switch (err) {
    case ISO_ERR_NOT_ISO: return "no ISO9660 volume";
    case ISO_ERR_READ: return "read error in the ISO9660 volume";
    case ISO_ERR_CORRUPT: return "corrupt ISO9660 descriptor or directory";
    case ISO_ERR_NOT_FOUND: return "no such file on the ISO9660 volume";
    case ISO_ERR_NOT_FILE: return "a directory, not a file";
    case ISO_ERR_TOO_MUCH: return "more than 64 MiB of ISO9660 directories on the path";
    default: return "unknown ISO9660 error";
    }
}
