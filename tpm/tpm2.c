/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdio.h>
#include <string.h>
#include "../lib/bytes.h"
#include "tpm2.h"

#define ST_RSP_COMMAND 0x00c4         /* what a TPM answers a command it cannot parse with */
#define ST_NO_SESSIONS 0x8001
#define ST_SESSIONS 0x8002
#define CC_HIERARCHY_CHANGE_AUTH 0x129
#define CC_STARTUP 0x144
#define CC_GET_CAPABILITY 0x17a
#define CC_GET_RANDOM 0x17b
#define CC_PCR_EXTEND 0x182
#define RS_PW 0x40000009              /* the password session */
#define RH_PLATFORM 0x4000000c
#define SU_CLEAR 0x0000
#define CAP_PCRS 5
#define PW_SESSION_BYTES 9            /* handle, empty nonce, attributes, empty password */

const char *tpm2_strerror(int err)
{
    switch (err) {
    case TPM2_ERR_SHORT: return "the response is cut short";
    case TPM2_ERR_SIZE: return "the response's size field disagrees with its length";
    case TPM2_ERR_TAG: return "the response has no TPM 2.0 response tag";
    case TPM2_ERR_MALFORMED: return "the response's parameters do not parse";
    default: return "the response is malformed";
    }
}

static const uint16_t alg_ids[HASH_ALGS] = {
    [HASH_SHA1] = TPM2_ALG_SHA1,
    [HASH_SHA256] = TPM2_ALG_SHA256,
    [HASH_SHA384] = TPM2_ALG_SHA384,
    [HASH_SHA512] = TPM2_ALG_SHA512,
};

uint16_t tpm2_alg_id(enum hash_alg alg)
{
    return alg_ids[alg];
}

enum hash_alg tpm2_alg_of(uint16_t id)
{
    for (unsigned a = 0; a < HASH_ALGS; a++)
        if (alg_ids[a] == id)
            return (enum hash_alg)a;
    return HASH_ALGS;
}

/* The header once the command is complete: its size is where p ended. */
static size_t finish(uint8_t *cmd, uint8_t *end, uint16_t tag, uint32_t code)
{
    size_t len = (size_t)(end - cmd);
    put_be16(cmd, tag);
    put_be32(cmd + 2, (uint32_t)len);
    put_be32(cmd + 6, code);
    return len;
}

/* The authorization area with one empty password session. */
static uint8_t *password_session(uint8_t *p)
{
    put_be32(p, PW_SESSION_BYTES);
    put_be32(p + 4, RS_PW);
    put_be16(p + 8, 0);              /* nonce */
    p[10] = 0;                       /* session attributes */
    put_be16(p + 11, 0);             /* password */
    return p + 4 + PW_SESSION_BYTES;
}

size_t tpm2_cmd_startup(uint8_t *cmd)
{
    put_be16(cmd + TPM2_HEADER_BYTES, SU_CLEAR);
    return finish(cmd, cmd + TPM2_HEADER_BYTES + 2, ST_NO_SESSIONS, CC_STARTUP);
}

size_t tpm2_cmd_get_pcr_banks(uint8_t *cmd)
{
    uint8_t *p = cmd + TPM2_HEADER_BYTES;
    put_be32(p, CAP_PCRS);
    put_be32(p + 4, 0);              /* property: unused for PCRS */
    put_be32(p + 8, 1);              /* property count */
    return finish(cmd, p + 12, ST_NO_SESSIONS, CC_GET_CAPABILITY);
}

size_t tpm2_cmd_pcr_extend(uint8_t *cmd, unsigned pcr, const struct tpm_digests *dg)
{
    uint8_t *p = cmd + TPM2_HEADER_BYTES, *count;
    put_be32(p, pcr);
    p = password_session(p + 4);
    count = p;
    p += 4;
    uint32_t n = 0;
    for (unsigned a = 0; a < HASH_ALGS; a++)
        if (dg->banks & 1u << a) {
            put_be16(p, alg_ids[a]);
            memcpy(p + 2, dg->d[a], hash_size((enum hash_alg)a));
            p += 2 + hash_size((enum hash_alg)a);
            n++;
        }
    put_be32(count, n);
    return finish(cmd, p, ST_SESSIONS, CC_PCR_EXTEND);
}

size_t tpm2_cmd_get_random(uint8_t *cmd, uint16_t bytes)
{
    put_be16(cmd + TPM2_HEADER_BYTES, bytes);
    return finish(cmd, cmd + TPM2_HEADER_BYTES + 2, ST_NO_SESSIONS, CC_GET_RANDOM);
}

size_t tpm2_cmd_set_platform_auth(uint8_t *cmd, const uint8_t *auth, uint16_t len)
{
    uint8_t *p = cmd + TPM2_HEADER_BYTES;
    if (len > 32)
        len = 32;
    put_be32(p, RH_PLATFORM);
    p = password_session(p + 4);
    put_be16(p, len);
    memcpy(p + 2, auth, len);
    return finish(cmd, p + 2 + len, ST_SESSIONS, CC_HIERARCHY_CHANGE_AUTH);
}

int tpm2_response(const uint8_t *rsp, size_t len, uint32_t *rc)
{
    if (len < TPM2_HEADER_BYTES)
        return TPM2_ERR_SHORT;
    uint16_t tag = get_be16(rsp);
    uint32_t size = get_be32(rsp + 2);
    if (tag != ST_NO_SESSIONS && tag != ST_SESSIONS && tag != ST_RSP_COMMAND)
        return TPM2_ERR_TAG;
    if (size > len)
        return TPM2_ERR_SHORT;
    if (size != len)
        return TPM2_ERR_SIZE;
    *rc = get_be32(rsp + 6);
    return 0;
}

int tpm2_parse_pcr_banks(const uint8_t *rsp, size_t len, unsigned *active, unsigned *unhashable)
{
    size_t at = TPM2_HEADER_BYTES + 1;            /* past moreData */
    *active = *unhashable = 0;
    if (len < at + 8 || get_be32(rsp + at) != CAP_PCRS)
        return TPM2_ERR_MALFORMED;
    uint32_t count = get_be32(rsp + at + 4);
    at += 8;
    for (uint32_t i = 0; i < count; i++) {
        if (len < at + 3 || len - at - 3 < rsp[at + 2])
            return TPM2_ERR_MALFORMED;
        uint16_t id = get_be16(rsp + at);
        unsigned select = rsp[at + 2];
        bool any = false;
        for (unsigned b = 0; b < select; b++)
            any |= rsp[at + 3 + b] != 0;
        at += 3 + select;
        if (!any)
            continue;
        enum hash_alg alg = tpm2_alg_of(id);
        if (alg == HASH_ALGS)
            (*unhashable)++;
        else
            *active |= 1u << alg;
    }
    return 0;
}

int tpm2_parse_random(const uint8_t *rsp, size_t len, uint8_t *out, uint16_t want)
{
    if (len < TPM2_HEADER_BYTES + 2)
        return TPM2_ERR_MALFORMED;
    uint16_t got = get_be16(rsp + TPM2_HEADER_BYTES);
    if (got > len - TPM2_HEADER_BYTES - 2)
        return TPM2_ERR_MALFORMED;
    if (got > want)
        got = want;
    memcpy(out, rsp + TPM2_HEADER_BYTES + 2, got);
    return got;
}

static const struct {
    uint32_t rc;
    const char *name;
} rc_names[] = {
    { 0x009, "TPM_FAIL" },                        /* QEMU's answer when its TPM backend died */
    { 0x01e, "TPM_RC_BAD_TAG" },
    { 0x100, "TPM_RC_INITIALIZE" },
    { 0x101, "TPM_RC_FAILURE" },
    { 0x103, "TPM_RC_SEQUENCE" },
    { 0x120, "TPM_RC_DISABLED" },
    { 0x127, "TPM_RC_PCR" },
    { 0x128, "TPM_RC_PCR_CHANGED" },
    { 0x130, "TPM_RC_REBOOT" },
    { 0x142, "TPM_RC_COMMAND_SIZE" },
    { 0x143, "TPM_RC_COMMAND_CODE" },
    { 0x144, "TPM_RC_AUTHSIZE" },
    { 0x90a, "TPM_RC_TESTING" },
    { 0x921, "TPM_RC_LOCKOUT" },
    { 0x922, "TPM_RC_RETRY" },
};

void tpm2_rc_text(uint32_t rc, char *out, size_t outlen)
{
    for (unsigned i = 0; i < sizeof(rc_names) / sizeof(rc_names[0]); i++)
        if (rc_names[i].rc == rc) {
            sniprintf(out, outlen, "%s (0x%x)", rc_names[i].name, (unsigned)rc);
            return;
        }
    unsigned n = rc >> 8 & 0xf;
    if (rc & 0x80)                                /* format one: an error about one argument */
        sniprintf(out, outlen, "TPM error 0x%x about %s %u", (unsigned)(0x80 | (rc & 0x3f)),
                  rc & 0x40 ? "parameter" : n & 8 ? "session" : "handle", rc & 0x40 ? n : n & 7);
    else
        sniprintf(out, outlen, "TPM response code 0x%x", (unsigned)rc);
}
