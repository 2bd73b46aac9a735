/* SPDX-License-Identifier: BSD-2-Clause */
#include <string.h>
#include "../lib/bytes.h"
#include "dhcp.h"

#define BOOTP_FIXED 236
#define MAGIC 0x63825363u
#define OPT_PAD 0
#define OPT_NETMASK 1
#define OPT_ROUTER 3
#define OPT_DNS 6
#define OPT_REQUESTED_IP 50
#define OPT_OVERLOAD 52
#define OPT_MSG_TYPE 53
#define OPT_SERVER_ID 54
#define OPT_PARAMS 55
#define OPT_TFTP_SERVER 66
#define OPT_BOOTFILE 67
#define OPT_PXE_CONFIG 209
#define OPT_PXE_PREFIX 210
#define OPT_END 255


size_t dhcp_build(uint8_t *out, size_t max, uint8_t type, const uint8_t mac[6], uint32_t xid,
                  uint32_t requested_ip, uint32_t server_id)
{
    if (max < 300)
        return 0;
    memset(out, 0, 300);
    out[0] = 1;                  /* BOOTREQUEST */
    out[1] = 1;                  /* Ethernet */
    out[2] = 6;
    put_be32(out + 4, xid);
    out[10] = 0x80;              /* broadcast replies: we have no address yet */
    memcpy(out + 28, mac, 6);
    put_be32(out + BOOTP_FIXED, MAGIC);
    uint8_t *o = out + BOOTP_FIXED + 4;
    *o++ = OPT_MSG_TYPE; *o++ = 1; *o++ = type;
    if (requested_ip) { *o++ = OPT_REQUESTED_IP; *o++ = 4; put_be32(o, requested_ip); o += 4; }
    if (server_id) { *o++ = OPT_SERVER_ID; *o++ = 4; put_be32(o, server_id); o += 4; }
    *o++ = OPT_PARAMS; *o++ = 7;
    *o++ = OPT_NETMASK; *o++ = OPT_ROUTER; *o++ = OPT_DNS; *o++ = OPT_TFTP_SERVER; *o++ = OPT_BOOTFILE;
    *o++ = OPT_PXE_CONFIG; *o++ = OPT_PXE_PREFIX;
    *o++ = OPT_END;
    return 300;                  /* BOOTP's minimum message size */
}

/* A string field or option: copied up to its first NUL, always terminated. */
static void copy_name(char *dst, const uint8_t *src, size_t len)
{
    size_t n = strnlen((const char *)src, len);
    if (n >= DHCP_NAME_MAX)
        n = DHCP_NAME_MAX - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

/* How much of the main option area to keep: its options (checked by
 * walk_options) up to its END, or up to the last one that ends within
 * `room`. *whole: the area had an END with nothing but padding after it,
 * and all of it was kept. */
static size_t options_kept(const uint8_t *p, size_t len, size_t room, bool *whole)
{
    size_t i = 0;
    while (i < len && p[i] != OPT_END) {
        size_t next = i + (p[i] == OPT_PAD ? 1u : 2u + p[i + 1]);
        if (next > room)
            break;
        i = next;
    }
    *whole = i < len && p[i] == OPT_END;
    for (size_t j = i + 1; j < len && *whole; j++)
        *whole = p[j] == OPT_PAD;
    return i;
}

static void keep_response(const uint8_t *p, size_t len, struct dhcp_lease *l)
{
    const size_t head = BOOTP_FIXED + 4, min = 300;
    bool whole;
    size_t opts = options_kept(p + head, len - head, sizeof(l->response) - head - 1, &whole);
    memcpy(l->response, p, head + opts);
    l->response[head + opts] = OPT_END;
    l->trimmed = !whole;
    size_t n = head + opts + 1;
    if (n < min) {
        memset(l->response + n, OPT_PAD, min - n);
        n = min;
    }
    l->response_len = (uint16_t)n;
}

/* Walk one option area. *overload collects option 52 from the main area. */
static int walk_options(const uint8_t *p, size_t len, struct dhcp_lease *l, uint8_t *overload,
                        int *have_bootfile_opt, int *have_server_opt)
{
    size_t i = 0;
    while (i < len) {
        uint8_t code = p[i];
        if (code == OPT_PAD) {
            i++;
            continue;
        }
        if (code == OPT_END)
            return 0;
        if (i + 2 > len || i + 2 + p[i + 1] > len)
            return DHCP_ERR_OPTIONS;
        const uint8_t *v = p + i + 2;
        uint8_t olen = p[i + 1];
        switch (code) {
        case OPT_MSG_TYPE: if (olen == 1) l->type = v[0]; break;
        case OPT_NETMASK: if (olen == 4) l->netmask = get_be32(v); break;
        case OPT_ROUTER: if (olen >= 4) l->router = get_be32(v); break;
        case OPT_DNS: if (olen >= 4) l->dns = get_be32(v); break;
        case OPT_SERVER_ID: if (olen == 4) l->server_id = get_be32(v); break;
        case OPT_OVERLOAD: if (olen == 1 && overload) *overload = v[0] & 3; break;
        case OPT_TFTP_SERVER: copy_name(l->tftp_server, v, olen); *have_server_opt = 1; break;
        case OPT_BOOTFILE: copy_name(l->bootfile, v, olen); *have_bootfile_opt = 1; break;
        case OPT_PXE_CONFIG: copy_name(l->pxe_config, v, olen); break;
        case OPT_PXE_PREFIX: copy_name(l->pxe_prefix, v, olen); break;
        default: break;
        }
        i += 2u + olen;
    }
    return 0;       /* no END: tolerated, the area simply ended */
}

int dhcp_parse(const uint8_t *p, size_t len, uint32_t xid, const uint8_t mac[6], struct dhcp_lease *l)
{
    memset(l, 0, sizeof(*l));
    if (len < BOOTP_FIXED + 4)
        return DHCP_ERR_SHORT;
    if (len > DHCP_RESPONSE_MAX)
        return DHCP_ERR_LONG;
    if (p[0] != 2 || get_be32(p + BOOTP_FIXED) != MAGIC)
        return DHCP_ERR_FORMAT;
    if (get_be32(p + 4) != xid || memcmp(p + 28, mac, 6) != 0)
        return DHCP_ERR_NOT_OURS;
    l->yiaddr = get_be32(p + 16);
    l->siaddr = get_be32(p + 20);
    uint8_t overload = 0;
    int have_file = 0, have_server = 0;
    int err = walk_options(p + BOOTP_FIXED + 4, len - BOOTP_FIXED - 4, l, &overload, &have_file, &have_server);
    /* Overloaded fields carry options (and may not set overload again). */
    if (!err && (overload & 1))
        err = walk_options(p + 108, 128, l, NULL, &have_file, &have_server);
    if (!err && (overload & 2))
        err = walk_options(p + 44, 64, l, NULL, &have_file, &have_server);
    if (err)
        return err;
    if (!have_file && !(overload & 1))
        copy_name(l->bootfile, p + 108, 128);
    if (!have_server && !(overload & 2))
        copy_name(l->tftp_server, p + 44, 64);
    if (!l->type)
        return DHCP_ERR_NO_TYPE;
    keep_response(p, len, l);
    return 0;
}

const char *dhcp_strerror(int err)
{
    switch (err) {
    case DHCP_ERR_SHORT: return "truncated DHCP message";
    case DHCP_ERR_NOT_OURS: return "DHCP reply for another client";
    case DHCP_ERR_FORMAT: return "not a DHCP reply";
    case DHCP_ERR_OPTIONS: return "DHCP option runs past the end of the message";
    case DHCP_ERR_NO_TYPE: return "DHCP reply without a message type";
    case DHCP_ERR_LONG: return "DHCP reply longer than one frame carries";
    default: return "unknown DHCP error";
    }
}
