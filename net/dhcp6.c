/* SPDX-License-Identifier: BSD-2-Clause */
#include <string.h>
#include <strings.h>
#include "../lib/bytes.h"
#include "dhcp6.h"

#define OPT_CLIENTID 1
#define OPT_SERVERID 2
#define OPT_IA_NA 3
#define OPT_IAADDR 5
#define OPT_ORO 6
#define OPT_ELAPSED_TIME 8
#define OPT_STATUS_CODE 13
#define OPT_DNS_SERVERS 23
#define OPT_BOOTFILE_URL 59
#define DUID_LL 3
#define HW_ETHERNET 1
#define IAID 1                        /* one interface, one identity association */

/* The DUID-LL this client goes by. */
static size_t duid(uint8_t *out, const uint8_t mac[6])
{
    put_be16(out, DUID_LL);
    put_be16(out + 2, HW_ETHERNET);
    memcpy(out + 4, mac, 6);
    return 10;
}

static uint8_t *option(uint8_t *p, uint16_t code, const void *data, size_t len)
{
    put_be16(p, code);
    put_be16(p + 2, (uint16_t)len);
    memcpy(p + 4, data, len);
    return p + 4 + len;
}

size_t dhcp6_build(uint8_t *out, size_t max, uint8_t type, uint32_t xid, const uint8_t mac[6],
                   const uint8_t *server_id, size_t server_id_len, const uint8_t *addr)
{
    uint8_t id[10], oro[4], elapsed[2] = { 0 }, ia[12 + 4 + 24] = { 0 };
    if (max < 4 + 14 + 8 + 6 + (server_id_len + 4) + sizeof(ia) + 4 || server_id_len > DHCP6_DUID_MAX)
        return 0;
    out[0] = type;
    out[1] = (uint8_t)(xid >> 16);
    out[2] = (uint8_t)(xid >> 8);
    out[3] = (uint8_t)xid;
    uint8_t *p = option(out + 4, OPT_CLIENTID, id, duid(id, mac));
    p = option(p, OPT_ELAPSED_TIME, elapsed, sizeof(elapsed));
    put_be16(oro, OPT_BOOTFILE_URL);
    put_be16(oro + 2, OPT_DNS_SERVERS);
    p = option(p, OPT_ORO, oro, sizeof(oro));
    if (server_id)
        p = option(p, OPT_SERVERID, server_id, server_id_len);
    if (type == DHCP6_SOLICIT || type == DHCP6_REQUEST) {
        size_t ialen = 12;
        put_be32(ia, IAID);           /* T1 and T2 0: the server chooses */
        if (addr) {
            put_be16(ia + 12, OPT_IAADDR);
            put_be16(ia + 14, 24);
            memcpy(ia + 16, addr, 16);
            ialen += 28;
        }
        p = option(p, OPT_IA_NA, ia, ialen);
    }
    return (size_t)(p - out);
}

/* The address an IA_NA's options give, if one (with a success status). */
static int ia_na(const uint8_t *o, size_t len, struct dhcp6_reply *out)
{
    if (len < 12)
        return DHCP6_ERR_OPTIONS;
    for (size_t off = 12; off < len;) {
        if (len - off < 4 || get_be16(o + off + 2) > len - off - 4)
            return DHCP6_ERR_OPTIONS;
        uint16_t code = get_be16(o + off), olen = get_be16(o + off + 2);
        const uint8_t *d = o + off + 4;
        if (code == OPT_IAADDR && olen >= 24 && !out->has_addr) {
            out->has_addr = true;
            memcpy(out->addr, d, 16);
            out->preferred = get_be32(d + 16);
            out->valid = get_be32(d + 20);
        } else if (code == OPT_STATUS_CODE && olen >= 2 && get_be16(d) != 0) {
            out->has_addr = false;    /* "no addresses available" and the like */
            out->status = get_be16(d);
            return 0;
        }
        off += 4 + (size_t)olen;
    }
    return 0;
}

int dhcp6_parse(const uint8_t *p, size_t len, uint32_t xid, const uint8_t mac[6], struct dhcp6_reply *out)
{
    uint8_t id[10];
    size_t idlen = duid(id, mac);
    bool for_us = false;
    memset(out, 0, sizeof(*out));
    if (len < 4)
        return DHCP6_ERR_SHORT;
    if ((p[0] != DHCP6_ADVERTISE && p[0] != DHCP6_REPLY) ||
        ((uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]) != (xid & 0xffffff))
        return DHCP6_ERR_NOT_OURS;
    out->type = p[0];
    for (size_t off = 4; off < len;) {
        if (len - off < 4 || get_be16(p + off + 2) > len - off - 4)
            return DHCP6_ERR_OPTIONS;
        uint16_t code = get_be16(p + off), olen = get_be16(p + off + 2);
        const uint8_t *d = p + off + 4;
        int err = 0;
        switch (code) {
        case OPT_CLIENTID:
            if (olen != idlen || memcmp(d, id, idlen) != 0)
                return DHCP6_ERR_NOT_OURS;
            for_us = true;
            break;
        case OPT_SERVERID:
            if (olen == 0 || olen > DHCP6_DUID_MAX)
                return DHCP6_ERR_OPTIONS;
            memcpy(out->server_id, d, olen);
            out->server_id_len = olen;
            break;
        case OPT_IA_NA:
            err = ia_na(d, olen, out);
            break;
        case OPT_STATUS_CODE:
            if (olen >= 2)
                out->status = get_be16(d);
            break;
        case OPT_DNS_SERVERS:
            if (olen >= 16 && !out->has_dns) {
                out->has_dns = true;
                memcpy(out->dns, d, 16);
            }
            break;
        case OPT_BOOTFILE_URL:
            if (olen >= sizeof(out->url))
                return DHCP6_ERR_LONG;
            memcpy(out->url, d, olen);
            out->url[olen] = '\0';
            break;
        }
        if (err)
            return err;
        off += 4 + (size_t)olen;
    }
    if (!for_us)
        return DHCP6_ERR_NOT_OURS;    /* an answer must name the client it answers */
    /* An ADVERTISE is answered by naming its server; a REPLY needs no name
     * to be used (QEMU's gives none). */
    return out->server_id_len || out->type == DHCP6_REPLY ? 0 : DHCP6_ERR_NO_SERVER;
}

const char *dhcp6_strerror(int err)
{
    switch (err) {
    case DHCP6_ERR_SHORT: return "a message too short to be one";
    case DHCP6_ERR_NOT_OURS: return "an answer for another client or transaction";
    case DHCP6_ERR_OPTIONS: return "an option running past its message";
    case DHCP6_ERR_NO_SERVER: return "an answer without a server identifier";
    case DHCP6_ERR_LONG: return "a boot file URL longer than 255 bytes";
    default: return "a malformed DHCPv6 message";
    }
}

static bool host_name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
}

int boot_url_parse(const char *url, struct boot_url *out)
{
    static const char scheme[] = "tftp://";
    memset(out, 0, sizeof(*out));
    for (const char *c = url; *c; c++)
        if ((unsigned char)*c < 0x20 || (unsigned char)*c > 0x7e)
            return URL_ERR_TEXT;
    if (strncasecmp(url, scheme, sizeof(scheme) - 1) != 0)
        return URL_ERR_SCHEME;
    const char *host = url + sizeof(scheme) - 1, *end;
    if (host[0] == '[') {
        end = strchr(host, ']');
        if (!end || !ip_parse(host + 1, (size_t)(end - host - 1), &out->server) ||
            out->server.family != IP_V6 || !ip_is_set(&out->server) || ip6_is_multicast(out->server.b))
            return URL_ERR_HOST;          /* (a server, not :: or a group) */
        end++;
    } else {
        end = host + strcspn(host, "/");
        size_t n = (size_t)(end - host);
        if (n == 0 || n >= sizeof(out->host))
            return URL_ERR_HOST;
        if (!ip_parse(host, n, &out->server)) {
            for (size_t i = 0; i < n; i++)
                if (!host_name_char(host[i]))
                    return URL_ERR_HOST;
            memcpy(out->host, host, n);
        } else if (out->server.family != IP_V4) {
            return URL_ERR_HOST;          /* an IPv6 address goes in brackets (RFC 3986) */
        }
    }
    if (*end != '/' || !end[1] || strlen(end + 1) >= sizeof(out->path))
        return URL_ERR_PATH;
    strcpy(out->path, end + 1);
    return 0;
}

const char *boot_url_strerror(int err)
{
    switch (err) {
    case URL_ERR_SCHEME: return "a boot file URL that is not tftp://";
    case URL_ERR_HOST: return "a boot file URL without a usable host";
    case URL_ERR_PATH: return "a boot file URL without a file";
    case URL_ERR_TEXT: return "a boot file URL with control characters";
    default: return "a malformed boot file URL";
    }
}
