/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "../lib/bytes.h"
#include "../lib/err.h"
#include "tftp.h"


static size_t put_str(uint8_t *out, size_t at, size_t max, const char *s)
{
    size_t n = strlen(s) + 1;
    if (at + n > max)
        return 0;
    memcpy(out + at, s, n);
    return at + n;
}

size_t tftp_build_rrq(uint8_t *out, size_t max, const char *file, unsigned blksize, bool ask_tsize)
{
    char num[12];
    size_t at = 2;
    if (max < 2 || !*file)
        return 0;
    put_be16(out, TFTP_RRQ);
    at = put_str(out, at, max, file);
    at = at ? put_str(out, at, max, "octet") : 0;
    if (at && blksize && blksize != TFTP_DEFAULT_BLKSIZE) {
        sniprintf(num, sizeof(num), "%u", blksize);
        at = put_str(out, at, max, "blksize");
        at = at ? put_str(out, at, max, num) : 0;
    }
    if (at && ask_tsize) {
        at = put_str(out, at, max, "tsize");
        at = at ? put_str(out, at, max, "0") : 0;
    }
    return at;
}

size_t tftp_build_ack(uint8_t *out, uint16_t block)
{
    put_be16(out, TFTP_ACK);
    put_be16(out + 2, block);
    return 4;
}

/* A decimal option value: all digits, no overflow past 2^48. */
static bool parse_number(const char *s, uint64_t *out)
{
    uint64_t v = 0;
    if (!*s)
        return false;
    for (; *s; s++) {
        if (*s < '0' || *s > '9' || v > (1ull << 48))
            return false;
        v = v * 10 + (uint64_t)(*s - '0');
    }
    *out = v;
    return true;
}

static int parse_oack(const uint8_t *p, size_t len, struct tftp_msg *m)
{
    size_t i = 0;
    while (i < len) {
        const char *name = (const char *)p + i;
        size_t nlen = strnlen(name, len - i);
        if (i + nlen >= len)
            return ERR_INVALID;                       /* name without its NUL */
        const char *val = name + nlen + 1;
        size_t vstart = i + nlen + 1;
        size_t vlen = strnlen(val, len - vstart);
        if (vstart + vlen >= len)
            return ERR_INVALID;                       /* value without its NUL */
        /* Values are the server's to choose and the client's to judge: a
         * well-formed OACK with a block size it cannot use is answered with
         * TFTP error 8, which needs the OACK parsed, not dropped. */
        uint64_t v;
        if (strcasecmp(name, "blksize") == 0) {
            m->bad_option |= !parse_number(val, &v);
            m->has_blksize = true;
            m->blksize = v > UINT32_MAX ? UINT32_MAX : (unsigned)v;
        } else if (strcasecmp(name, "tsize") == 0) {
            m->bad_option |= !parse_number(val, &v);
            m->has_tsize = true;
            m->tsize = v;
        }
        i = vstart + vlen + 1;
    }
    return 0;
}

int tftp_parse(const uint8_t *p, size_t len, struct tftp_msg *m)
{
    memset(m, 0, sizeof(*m));
    if (len < 2)
        return ERR_INVALID;
    m->op = get_be16(p);
    switch (m->op) {
    case TFTP_DATA:
        if (len < 4)
            return ERR_INVALID;
        m->block = get_be16(p + 2);
        m->data = p + 4;
        m->len = len - 4;
        return 0;
    case TFTP_OACK:
        return parse_oack(p + 2, len - 2, m);
    case TFTP_ERROR: {
        if (len < 4)
            return ERR_INVALID;
        m->error_code = get_be16(p + 2);
        size_t n = strnlen((const char *)p + 4, len - 4);
        if (n >= TFTP_MSG_MAX)
            n = TFTP_MSG_MAX - 1;
        for (size_t i = 0; i < n; i++)      /* keep the console clean */
            m->error_msg[i] = (p[4 + i] >= 0x20 && p[4 + i] < 0x7f) ? (char)p[4 + i] : '?';
        m->error_msg[n] = '\0';
        return 0;
    }
    default:
        return ERR_INVALID;
    }
}
