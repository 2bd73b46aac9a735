/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include "../lib/err.h"
#include "chrp.h"

uint8_t chrp_checksum(const uint8_t *hdr)
{
    unsigned sum = hdr[0];
    for (int i = 2; i < CHRP_BLOCK; i++) {
        sum += hdr[i];
        sum = (sum & 0xff) + (sum >> 8);    /* end-around carry */
    }
    return (uint8_t)((sum & 0xff) + (sum >> 8));
}

int chrp_scan(const uint8_t *nv, size_t len, struct chrp_part *out, unsigned max, char *why,
              size_t whylen)
{
    unsigned n = 0;
    size_t off = 0;

    if (len < CHRP_BLOCK) {
        sniprintf(why, whylen, "%lu bytes hold no partition header", (unsigned long)len);
        return CHRP_ERR_SHORT;
    }
    while (off + CHRP_BLOCK <= len) {
        const uint8_t *h = nv + off;
        size_t plen = (size_t)((h[2] << 8) | h[3]) * CHRP_BLOCK;
        if (chrp_checksum(h) != h[1]) {
            sniprintf(why, whylen, "the partition header at offset 0x%lx has checksum 0x%02x, "
                      "not 0x%02x", (unsigned long)off, h[1], chrp_checksum(h));
            return CHRP_ERR_CHECKSUM;
        }
        if (plen == 0 || plen > len - off) {
            sniprintf(why, whylen, "the partition at offset 0x%lx is %lu bytes long, %s",
                      (unsigned long)off, (unsigned long)plen,
                      plen ? "past the end of NVRAM" : "which no partition can be");
            return CHRP_ERR_LENGTH;
        }
        if (n == max) {
            sniprintf(why, whylen, "more than %u partitions", max);
            return CHRP_ERR_TOO_MANY;
        }
        out[n].sig = h[0];
        memcpy(out[n].name, h + 4, 12);
        out[n].name[12] = '\0';
        out[n].offset = (uint32_t)off;
        out[n].length = (uint32_t)plen;
        n++;
        off += plen;
    }
    return (int)n;
}

static void header(uint8_t *h, uint8_t sig, size_t len, const char *name)
{
    size_t blocks = len / CHRP_BLOCK;
    memset(h, 0, CHRP_BLOCK);
    h[0] = sig;
    h[2] = (uint8_t)(blocks >> 8);
    h[3] = (uint8_t)blocks;
    memcpy(h + 4, name, strnlen(name, 12));
    h[1] = chrp_checksum(h);
}

int chrp_format(uint8_t *nv, size_t len)
{
    len -= len % CHRP_BLOCK;
    size_t free_len = len - CHRP_SYSTEM_SIZE;
    /* The 16-bit length field limits one partition to 1 MiB - 16. */
    if (len < CHRP_SYSTEM_SIZE + CHRP_BLOCK || free_len / CHRP_BLOCK > 0xffff)
        return ERR_RANGE;
    memset(nv, 0, len);
    header(nv, CHRP_SIG_SYSTEM, CHRP_SYSTEM_SIZE, "system");
    header(nv + CHRP_SYSTEM_SIZE, CHRP_SIG_FREE, free_len, "wwwwwwwwwwww");
    return 0;
}

const char *chrp_env_next(const uint8_t *data, size_t len, size_t *pos)
{
    size_t off = *pos;
    if (off >= len || data[off] == 0)
        return NULL;
    const char *entry = (const char *)data + off;
    size_t elen = strnlen(entry, len - off);
    if (elen == len - off)
        return NULL;
    *pos = off + elen + 1;
    return entry;
}

static bool names(const char *entry, const char *name, size_t nlen)
{
    return strncmp(entry, name, nlen) == 0 && entry[nlen] == '=';
}

int chrp_env_get(const uint8_t *data, size_t len, const char *name, char *out, size_t outlen)
{
    size_t nlen = strlen(name), pos = 0;
    const char *last = NULL;
    for (const char *entry; (entry = chrp_env_next(data, len, &pos));)
        if (names(entry, name, nlen))
            last = entry;
    if (!last)
        return ERR_NOT_FOUND;
    size_t vlen = strlen(last) - nlen - 1;
    if (vlen >= outlen)
        return ERR_RANGE;
    memcpy(out, last + nlen + 1, vlen + 1);
    return 0;
}

static bool valid_header(const uint8_t *h)
{
    return chrp_checksum(h) == h[1] && ((h[2] << 8) | h[3]) != 0;
}

int chrp_find_overrun(const uint8_t *nv, size_t len, size_t *at)
{
    if (len < 2 * CHRP_BLOCK || !valid_header(nv) || nv[0] != CHRP_SIG_SYSTEM)
        return ERR_NOT_FOUND;
    size_t system = (size_t)((nv[2] << 8) | nv[3]) * CHRP_BLOCK;
    if (system > len)
        return ERR_NOT_FOUND;
    for (size_t off = 2 * CHRP_BLOCK; off < system && off + CHRP_BLOCK <= len; off += CHRP_BLOCK) {
        const uint8_t *h = nv + off;
        if (h[0] == CHRP_SIG_FREE && valid_header(h) &&
            (size_t)((h[2] << 8) | h[3]) * CHRP_BLOCK == len - off) {
            *at = off;
            return 0;
        }
    }
    return ERR_NOT_FOUND;
}

size_t chrp_overrun_settings(const uint8_t *nv, size_t at, uint8_t *out, char *lost, size_t lostlen)
{
    size_t system = (size_t)((nv[2] << 8) | nv[3]) * CHRP_BLOCK, pos = 0;
    const uint8_t *before = nv + CHRP_BLOCK;
    size_t before_len = at - CHRP_BLOCK;
    while (chrp_env_next(before, before_len, &pos))
        ;                                   /* whole strings before the header */
    memcpy(out, before, pos);
    size_t n = pos;
    lost[0] = '\0';
    if (pos < before_len && before[pos] == 0) {
        out[n++] = 0;                       /* the settings ended before it: none lost */
        return n;
    }
    size_t name = 0;                        /* the string it cut: as much of its name as is left */
    while (pos + name < before_len && before[pos + name] != '=')
        name++;
    sniprintf(lost, lostlen, "%.*s", (int)name, (const char *)before + pos);
    /* After the header: the rest of the string it cut, then whole ones. */
    size_t tail = at + CHRP_BLOCK;
    while (tail < system && nv[tail])
        tail++;
    if (++tail < system) {
        memcpy(out + n, nv + tail, system - tail);
        n += system - tail;
    }
    return n;
}

int chrp_env_set(uint8_t *data, size_t len, const char *name, const char *value)
{
    size_t nlen = strlen(name), kept = 0, pos = 0;
    /* Sizes first, so that a setting that does not fit changes nothing. */
    for (const char *entry; (entry = chrp_env_next(data, len, &pos));)
        if (!names(entry, name, nlen))
            kept += strlen(entry) + 1;
    size_t added = value ? nlen + 1 + strlen(value) + 1 : 0;
    if (kept + added > len)
        return ERR_FULL;

    size_t out = 0;
    pos = 0;
    for (const char *entry; (entry = chrp_env_next(data, len, &pos));) {
        size_t elen = strlen(entry) + 1;
        if (names(entry, name, nlen))
            continue;
        memmove(data + out, entry, elen);   /* out never passes entry */
        out += elen;
    }
    if (value) {
        memcpy(data + out, name, nlen);
        data[out + nlen] = '=';
        memcpy(data + out + nlen + 1, value, strlen(value) + 1);
        out += added;
    }
    memset(data + out, 0, len - out);
    return 0;
}
