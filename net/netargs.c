/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdbool.h>
#include <string.h>
#include "../lib/err.h"
#include "netargs.h"

uint32_t net_parse_ip(const char *s, unsigned len)
{
    uint32_t ip = 0;
    unsigned i = 0;
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

uint32_t net_default_netmask(uint32_t ip)
{
    if (ip >> 31 == 0)
        return 0xff000000u;
    return ip >> 30 == 2 ? 0xffff0000u : 0xffffff00u;
}

static bool is_number(const char *s, unsigned len)
{
    for (unsigned i = 0; i < len; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return len > 0 && len < 10;
}

enum field { SERVER, FILE_NAME, CLIENT, GATEWAY, BOOTP_RETRIES, TFTP_RETRIES, NETMASK, BLOCKSIZE };

int net_args_parse(const char *text, struct net_args *out, unsigned *bad)
{
    memset(out, 0, sizeof(*out));
    enum field next = SERVER;
    bool first = true;
    for (const char *p = text;; p++) {
        unsigned len = (unsigned)strcspn(p, ",");
        const char *end = p + len;
        *bad = (unsigned)(p - text);
        bool empty = len == 0;
        if (first && ((len == 5 && strncmp(p, "bootp", 5) == 0) || (len == 4 && strncmp(p, "dhcp", 4) == 0)))
            goto done;                   /* how to get an address: always DHCP here */
        if (first && len == 4 && strncmp(p, "ipv6", 4) == 0) {
            out->ipv6 = true;            /* IPv6 fields follow: the caller refuses them */
            return 0;
        }
        if (memchr(p, '=', len))
            goto done;                   /* an option (speed=auto): not a field */
        for (bool placed = false; !placed;) {
            uint32_t ip = empty ? 0 : net_parse_ip(p, len);
            switch (next) {
            case SERVER: case CLIENT: case GATEWAY: case NETMASK:
                if (!empty && !ip) {
                    if (next == NETMASK)
                        return ERR_INVALID;
                    if (next == SERVER) { next = FILE_NAME; continue; }
                    if (next == CLIENT) { next = GATEWAY; continue; }
                    next = BOOTP_RETRIES;  /* not an address: the next field */
                    continue;
                }
                if (next == SERVER) out->server = ip;
                else if (next == CLIENT) out->client = ip;
                else if (next == GATEWAY) out->gateway = ip;
                else out->netmask = ip;
                break;
            case FILE_NAME:
                if (len >= sizeof(out->file))
                    return ERR_INVALID;
                for (unsigned i = 0; i < len; i++)
                    out->file[i] = p[i] == '\\' ? '/' : p[i];
                out->file[len] = '\0';
                break;
            case BOOTP_RETRIES: case TFTP_RETRIES: case BLOCKSIZE:
                if (!empty && !is_number(p, len))
                    return ERR_INVALID;
                break;
            default:
                return ERR_INVALID;      /* more fields than there are */
            }
            placed = true;
            next++;
        }
    done:
        first = false;
        if (!*end)
            return 0;
        p = end;
    }
}
