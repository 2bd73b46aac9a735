/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdio.h>
#include <string.h>
#include "../lib/bytes.h"
#include "../lib/err.h"
#include "tcglog.h"

static const char spec_id[16] = "Spec ID Event03";
#define SPEC_ID_FIXED 24                /* signature, class, version, errata, uintnSize */
#define SHA1_EVENT_HEAD 32              /* the header event's pcr, type, SHA-1 digest, size */

static unsigned bank_count(unsigned banks)
{
    return (unsigned)__builtin_popcount(banks);
}

int tcglog_init(struct tcglog *log, uint8_t *buf, size_t cap, unsigned banks)
{
    uint32_t event = SPEC_ID_FIXED + 4 + 4 * bank_count(banks) + 1;
    *log = (struct tcglog){ buf, cap, 0, banks };
    if (cap < SHA1_EVENT_HEAD + event)
        return ERR_FULL;
    memset(buf, 0, SHA1_EVENT_HEAD + event);
    put_le32(buf + 4, EV_NO_ACTION);                 /* PCR 0, digest all zeros */
    put_le32(buf + 28, event);
    uint8_t *p = buf + SHA1_EVENT_HEAD;
    memcpy(p, spec_id, sizeof(spec_id));
    /* platform class 0 (client), version 2.0, errata 0; UINTN is 64 bits (2) */
    p[21] = 2;
    p[23] = 2;
    put_le32(p + SPEC_ID_FIXED, bank_count(banks));
    p += SPEC_ID_FIXED + 4;
    for (unsigned a = 0; a < HASH_ALGS; a++)
        if (banks & 1u << a) {
            put_le16(p, tpm2_alg_id((enum hash_alg)a));
            put_le16(p + 2, (uint16_t)hash_size((enum hash_alg)a));
            p += 4;
        }
    *p++ = 0;                                        /* no vendor information */
    log->used = (size_t)(p - buf);
    return 0;
}

static size_t digests_size(unsigned banks)
{
    size_t n = 4;
    for (unsigned a = 0; a < HASH_ALGS; a++)
        if (banks & 1u << a)
            n += 2 + hash_size((enum hash_alg)a);
    return n;
}

size_t tcglog_record_size(const struct tcglog *log, size_t len)
{
    return 8 + digests_size(log->banks) + 4 + len;
}

int tcglog_append(struct tcglog *log, unsigned pcr, uint32_t type, const struct tpm_digests *dg,
                  const void *data, size_t len)
{
    size_t need = tcglog_record_size(log, len);
    if (len > UINT32_MAX || need > log->cap - log->used)
        return ERR_FULL;
    uint8_t *p = log->buf + log->used;
    put_le32(p, pcr);
    put_le32(p + 4, type);
    put_le32(p + 8, bank_count(log->banks));
    p += 12;
    for (unsigned a = 0; a < HASH_ALGS; a++)
        if (log->banks & 1u << a) {
            put_le16(p, tpm2_alg_id((enum hash_alg)a));
            memcpy(p + 2, dg->d[a], hash_size((enum hash_alg)a));
            p += 2 + hash_size((enum hash_alg)a);
        }
    put_le32(p, (uint32_t)len);
    if (len)
        memcpy(p + 4, data, len);
    log->used += need;
    return 0;
}

int tcglog_header(const uint8_t *log, size_t len, unsigned *banks, size_t *first)
{
    *banks = 0;
    if (len < SHA1_EVENT_HEAD + SPEC_ID_FIXED + 4 || get_le32(log) != 0 ||
        get_le32(log + 4) != EV_NO_ACTION || memcmp(log + SHA1_EVENT_HEAD, spec_id, sizeof(spec_id)))
        return TCGLOG_ERR_HEADER;
    uint32_t n = get_le32(log + SHA1_EVENT_HEAD + SPEC_ID_FIXED);
    if (n == 0 || n > HASH_ALGS)
        return TCGLOG_ERR_HEADER;
    size_t vendor = SHA1_EVENT_HEAD + SPEC_ID_FIXED + 4 + 4 * n;    /* its size byte */
    uint32_t event = get_le32(log + 28);
    if (len <= vendor || event != vendor - SHA1_EVENT_HEAD + 1 + log[vendor] ||
        event > len - SHA1_EVENT_HEAD)
        return TCGLOG_ERR_HEADER;
    const uint8_t *p = log + SHA1_EVENT_HEAD + SPEC_ID_FIXED + 4;
    for (uint32_t i = 0; i < n; i++, p += 4) {
        enum hash_alg alg = tpm2_alg_of(get_le16(p));
        if (alg == HASH_ALGS || get_le16(p + 2) != hash_size(alg) || *banks & 1u << alg)
            return TCGLOG_ERR_HEADER;
        *banks |= 1u << alg;
    }
    *first = SHA1_EVENT_HEAD + event;
    return 0;
}

int tcglog_next(const uint8_t *log, size_t len, unsigned banks, size_t *pos, struct tcglog_event *ev)
{
    size_t at = *pos;
    if (at >= len)
        return 0;
    if (len - at < 12 || get_le32(log + at + 8) != bank_count(banks))
        return TCGLOG_ERR_RECORD;
    ev->pcr = get_le32(log + at);
    ev->type = get_le32(log + at + 4);
    ev->dg.banks = 0;
    if (ev->pcr >= TPM2_PCRS)
        return TCGLOG_ERR_RECORD;
    at += 12;
    for (unsigned i = 0; i < bank_count(banks); i++) {
        enum hash_alg alg = len - at >= 2 ? tpm2_alg_of(get_le16(log + at)) : HASH_ALGS;
        if (alg == HASH_ALGS || !(banks & 1u << alg) || ev->dg.banks & 1u << alg ||
            len - at - 2 < hash_size(alg))
            return TCGLOG_ERR_RECORD;
        memcpy(ev->dg.d[alg], log + at + 2, hash_size(alg));
        ev->dg.banks |= 1u << alg;
        at += 2 + hash_size(alg);
    }
    if (len - at < 4 || len - at - 4 < get_le32(log + at))
        return TCGLOG_ERR_RECORD;
    ev->len = get_le32(log + at);
    ev->data = log + at + 4;
    *pos = at + 4 + ev->len;
    return 1;
}

static const struct {
    uint32_t type;
    const char *name;
} type_names[] = {
    { EV_NO_ACTION, "EV_NO_ACTION" },
    { EV_SEPARATOR, "EV_SEPARATOR" },
    { EV_ACTION, "EV_ACTION" },
    { EV_S_CRTM_CONTENTS, "EV_S_CRTM_CONTENTS" },
    { EV_S_CRTM_VERSION, "EV_S_CRTM_VERSION" },
    { EV_PLATFORM_CONFIG_FLAGS, "EV_PLATFORM_CONFIG_FLAGS" },
    { EV_IPL, "EV_IPL" },
    { EV_IPL_PARTITION_DATA, "EV_IPL_PARTITION_DATA" },
    { EV_EFI_GPT_EVENT, "EV_EFI_GPT_EVENT" },
};

const char *tcglog_type_name(uint32_t type, char *buf, size_t buflen)
{
    for (unsigned i = 0; i < sizeof(type_names) / sizeof(type_names[0]); i++)
        if (type_names[i].type == type)
            return type_names[i].name;
    sniprintf(buf, buflen, "event type 0x%x", (unsigned)type);
    return buf;
}
