/* SPDX-License-Identifier: BSD-2-Clause */
/* Fixed byte orders, read and written a byte at a time: packets, disk and
 * file structures are not aligned, and the CPU's own order (big-endian in the
 * firmware, little-endian in the host tests) must not matter. */
#ifndef LIB_BYTES_H
#define LIB_BYTES_H

#include <stdbool.h>
#include <stdint.h>

/* A `size`-byte (1 to 8) unsigned value at p, little- or big-endian. */
static inline uint64_t get_uint(const uint8_t *p, unsigned size, bool le)
{
    uint64_t v = 0;
    for (unsigned i = 0; i < size; i++)
        v = v << 8 | p[le ? size - 1 - i : i];
    return v;
}

static inline void put_uint(uint8_t *p, unsigned size, bool le, uint64_t v)
{
    for (unsigned i = 0; i < size; i++)
        p[le ? i : size - 1 - i] = (uint8_t)(v >> (8 * i));
}

/* The fixed sizes written out: checksums call these once per 16 bits of a
 * packet, where the general loop would cost. */
static inline uint16_t get_be16(const uint8_t *p) { return (uint16_t)(p[0] << 8 | p[1]); }
static inline uint32_t get_be32(const uint8_t *p) { return (uint32_t)get_be16(p) << 16 | get_be16(p + 2); }
static inline uint64_t get_be64(const uint8_t *p) { return (uint64_t)get_be32(p) << 32 | get_be32(p + 4); }
static inline uint16_t get_le16(const uint8_t *p) { return (uint16_t)(p[1] << 8 | p[0]); }
static inline uint32_t get_le32(const uint8_t *p) { return (uint32_t)get_le16(p + 2) << 16 | get_le16(p); }
static inline uint64_t get_le64(const uint8_t *p) { return (uint64_t)get_le32(p + 4) << 32 | get_le32(p); }
static inline void put_be16(uint8_t *p, uint16_t v) { put_uint(p, 2, false, v); }
static inline void put_be32(uint8_t *p, uint32_t v) { put_uint(p, 4, false, v); }
static inline void put_be64(uint8_t *p, uint64_t v) { put_uint(p, 8, false, v); }
static inline void put_le16(uint8_t *p, uint16_t v) { put_uint(p, 2, true, v); }
static inline void put_le32(uint8_t *p, uint32_t v) { put_uint(p, 4, true, v); }
static inline void put_le64(uint8_t *p, uint64_t v) { put_uint(p, 8, true, v); }

/* A register value of `size` bytes (2 or 4; others unchanged) with its
 * bytes reversed: little-endian device registers seen by a big-endian load. */
static inline uint32_t swap_bytes(uint32_t v, unsigned size)
{
    return size == 2 ? __builtin_bswap16((uint16_t)v) : size == 4 ? __builtin_bswap32(v) : v;
}

#endif
