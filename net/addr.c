/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdio.h>
#include <string.h>
#include "../lib/bytes.h"
#include "addr.h"

struct ip_addr ip_v4(uint32_t v4)
{
    struct ip_addr a = { IP_V4, { 0 } };
    put_be32(a.b, v4);
    return a;
}

uint32_t ip_v4_of(const struct ip_addr *a)
{
    return a->family == IP_V4 ? get_be32(a->b) : 0;
}

struct ip_addr ip_v6(const uint8_t b[16])
{
    struct ip_addr a = { IP_V6, { 0 } };
    memcpy(a.b, b, 16);
    return a;
}

bool ip_equal(const struct ip_addr *a, const struct ip_addr *b)
{
    return a->family == b->family && memcmp(a->b, b->b, a->family == IP_V6 ? 16 : 4) == 0;
}

static const uint8_t zero[16];

bool ip_is_set(const struct ip_addr *a)
{
    return a->family != IP_NONE && memcmp(a->b, zero, a->family == IP_V6 ? 16 : 4) != 0;
}

bool ip6_is_link_local(const uint8_t b[16])
{
    return b[0] == 0xfe && (b[1] & 0xc0) == 0x80;
}

bool ip6_is_multicast(const uint8_t b[16])
{
    return b[0] == 0xff;
}

bool ip6_is_unspecified(const uint8_t b[16])
{
    return memcmp(b, zero, 16) == 0;
}

static int hex_digit(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
         : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Groups of up to four hex digits separated by ':' into g (at most max):
 * how many, or -1. */
static int groups(const char *s, size_t len, uint16_t *g, int max)
{
    int n = 0;
    size_t i = 0;
    if (len == 0)
        return 0;
    for (;;) {
        unsigned v = 0, digits = 0;
        int d;
        while (i < len && (d = hex_digit(s[i])) >= 0 && digits < 5) {
            v = v << 4 | (unsigned)d;
            digits++;
            i++;
        }
        if (!digits || digits > 4 || n == max)
            return -1;
        g[n++] = (uint16_t)v;
        if (i == len)
            return n;
        if (s[i++] != ':' || i == len)
            return -1;
    }
}

static bool parse_v6(const char *s, size_t len, uint8_t out[16])
{
    uint16_t head[8], tail[8];
    const char *gap = NULL;
    for (size_t i = 0; i + 1 < len; i++)
        if (s[i] == ':' && s[i + 1] == ':') {
            if (gap)
                return false;               /* "::" twice (or ":::") */
            gap = s + i++;
        }
    int nh, nt = 0;
    if (gap) {
        const char *rest = gap + 2;
        nh = groups(s, (size_t)(gap - s), head, 7);
        nt = groups(rest, len - (size_t)(rest - s), tail, 7);
        if (nh < 0 || nt < 0 || nh + nt > 7)
            return false;
    } else {
        nh = groups(s, len, head, 8);
        if (nh != 8)
            return false;
    }
    memset(out, 0, 16);
    for (int i = 0; i < nh; i++)
        put_be16(out + 2 * i, head[i]);
    for (int i = 0; i < nt; i++)
        put_be16(out + 16 - 2 * (nt - i), tail[i]);
    return true;
}

uint32_t ip_parse_v4(const char *s, size_t len)
{
    uint32_t ip = 0;
    size_t i = 0;
    for (int part = 0; part < 4; part++) {
        unsigned v = 0, digits = 0;
        while (i < len && s[i] >= '0' && s[i] <= '9' && digits < 4) {
            v = v * 10 + (unsigned)(s[i++] - '0');
            digits++;
        }
        if (!digits || digits > 3 || v > 255)
            return 0;
        ip = ip << 8 | v;
        if (part < 3 && (i >= len || s[i++] != '.'))
            return 0;
    }
    return i == len ? ip : 0;
}

bool ip_parse(const char *s, size_t len, struct ip_addr *out)
{
    uint32_t v4 = ip_parse_v4(s, len);
    if (v4) {
        *out = ip_v4(v4);
        return true;
    }
    uint8_t b[16];
    if (len < 2 || len >= IP_TEXT_MAX || !memchr(s, ':', len) || !parse_v6(s, len, b))
        return false;
    *out = ip_v6(b);
    return true;
}

char *ip_text(char *out, size_t outlen, const struct ip_addr *a)
{
    if (a->family == IP_V4) {
        sniprintf(out, outlen, "%u.%u.%u.%u", a->b[0], a->b[1], a->b[2], a->b[3]);
        return out;
    }
    if (a->family != IP_V6) {
        sniprintf(out, outlen, "(none)");
        return out;
    }
    /* The longest run of two or more zero groups, the first of equals, is "::". */
    int best = -1, best_len = 1;
    for (int i = 0; i < 8;) {
        int j = i;
        while (j < 8 && get_be16(a->b + 2 * j) == 0)
            j++;
        if (j - i > best_len) {
            best = i;
            best_len = j - i;
        }
        i = j > i ? j : i + 1;
    }
    size_t n = 0;
    out[0] = '\0';
    for (int i = 0; i < 8 && n < outlen; i++) {
        if (i == best) {
            n += (size_t)sniprintf(out + n, outlen - n, "::");
            i += best_len - 1;
            continue;
        }
        n += (size_t)sniprintf(out + n, outlen - n, "%s%x", n && out[n - 1] != ':' ? ":" : "",
                               get_be16(a->b + 2 * i));
    }
    return out;
}
