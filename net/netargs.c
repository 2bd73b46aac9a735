/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdbool.h>
#include <string.h>
#include "../lib/err.h"
#include "netargs.h"

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

/* An address field's value: the family the arguments are in, or none. */
static struct ip_addr address(const char *p, unsigned len, bool ipv6)
{
    struct ip_addr a = { IP_NONE, { 0 } };
    if (ipv6) {
        if (!ip_parse(p, len, &a) || a.family != IP_V6)
            a.family = IP_NONE;
        return a;
    }
    uint32_t ip = ip_parse_v4(p, len);
    return ip ? ip_v4(ip) : a;
}

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
            out->ipv6 = true;            /* IPv6 addresses follow */
            goto done;
        }
        if (memchr(p, '=', len))
            goto done;                   /* an option (speed=auto): not a field */
        for (bool placed = false; !placed;) {
            struct ip_addr ip = empty ? (struct ip_addr){ IP_NONE, { 0 } } : address(p, len, out->ipv6);
            switch (next) {
            case SERVER: case CLIENT: case GATEWAY: case NETMASK:
                if (!empty && ip.family == IP_NONE) {
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
                else if (out->ipv6 && !empty) return ERR_INVALID;   /* IPv6 has no netmask */
                else out->netmask = ip_v4_of(&ip);
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
