/* SPDX-License-Identifier: BSD-2-Clause */
#include <string.h>
#include "../lib/bytes.h"
#include "dns.h"

#define HEADER 12
#define TYPE_A 1
#define TYPE_AAAA 28
#define CLASS_IN 1
#define FLAG_REPLY 0x8000
#define FLAG_RECURSE 0x0100

size_t dns_build_query(uint8_t *out, size_t max, uint16_t id, const char *name, enum ip_family family)
{
    size_t len = strlen(name);
    if (!len || len > DNS_NAME_MAX || max < HEADER + len + 2 + 4)
        return 0;
    memset(out, 0, HEADER);
    put_be16(out, id);
    put_be16(out + 2, FLAG_RECURSE);
    put_be16(out + 4, 1);                      /* one question */
    uint8_t *o = out + HEADER;
    for (const char *label = name;;) {
        size_t n = strcspn(label, ".");
        if (n == 0 || n > 63)
            return 0;
        *o++ = (uint8_t)n;
        memcpy(o, label, n);
        o += n;
        label += n;
        if (!*label)
            break;
        label++;
        if (!*label)                           /* "name." : the root, done */
            break;
    }
    *o++ = 0;
    put_be16(o, family == IP_V6 ? TYPE_AAAA : TYPE_A);
    put_be16(o + 2, CLASS_IN);
    return (size_t)(o + 4 - out);
}

/* The offset just past the name at `off` (labels, or a pointer that ends
 * it). Names are skipped, never followed, so pointers cannot loop. */
static int skip_name(const uint8_t *p, size_t len, size_t off, size_t *end)
{
    for (unsigned labels = 0; labels < 128; labels++) {
        if (off >= len)
            return DNS_ERR_SHORT;
        uint8_t b = p[off];
        if (b == 0) {
            *end = off + 1;
            return 0;
        }
        if ((b & 0xc0) == 0xc0) {
            if (off + 2 > len)
                return DNS_ERR_SHORT;
            *end = off + 2;
            return 0;
        }
        if (b & 0xc0)
            return DNS_ERR_NAME;               /* reserved label types */
        off += 1u + b;
    }
    return DNS_ERR_NAME;
}

int dns_parse_reply(const uint8_t *p, size_t len, uint16_t id, enum ip_family family, struct ip_addr *ip)
{
    if (len < HEADER)
        return DNS_ERR_SHORT;
    uint16_t flags = get_be16(p + 2);
    if (get_be16(p) != id || !(flags & FLAG_REPLY))
        return DNS_ERR_NOT_OURS;
    if (flags & 0xf)
        return DNS_ERR_FAILED;
    unsigned questions = get_be16(p + 4), answers = get_be16(p + 6);
    size_t off = HEADER;
    for (unsigned i = 0; i < questions; i++) {
        int err = skip_name(p, len, off, &off);
        if (err)
            return err;
        if (off + 4 > len)
            return DNS_ERR_SHORT;
        off += 4;
    }
    for (unsigned i = 0; i < answers; i++) {
        int err = skip_name(p, len, off, &off);
        if (err)
            return err;
        if (off + 10 > len)
            return DNS_ERR_SHORT;
        uint16_t type = get_be16(p + off), class = get_be16(p + off + 2);
        uint16_t rdlen = get_be16(p + off + 8);
        off += 10;
        if (off + rdlen > len)
            return DNS_ERR_SHORT;
        if (family == IP_V4 && type == TYPE_A && class == CLASS_IN && rdlen == 4) {
            *ip = ip_v4(get_be32(p + off));
            return 0;
        }
        if (family == IP_V6 && type == TYPE_AAAA && class == CLASS_IN && rdlen == 16) {
            *ip = ip_v6(p + off);
            return 0;
        }
        off += rdlen;                          /* a CNAME and the like */
    }
    return DNS_ERR_NO_ADDRESS;
}

const char *dns_strerror(int err)
{
    switch (err) {
    case DNS_ERR_SHORT: return "truncated DNS reply";
    case DNS_ERR_NOT_OURS: return "DNS reply to another question";
    case DNS_ERR_FAILED: return "the DNS server could not answer";
    case DNS_ERR_NO_ADDRESS: return "the DNS reply held no address";
    case DNS_ERR_NAME: return "malformed name in a DNS reply";
    default: return "unknown DNS error";
    }
}
