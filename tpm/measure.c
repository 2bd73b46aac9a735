/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../board/log.h"
#include "../board/timebase.h"
#include "../lib/bytes.h"
#include "../lib/err.h"
#include "../lib/text.h"
#include "../lib/vec.h"
#include "measure.h"
#include "tcglog.h"
#include "tpm.h"

#define SEPARATED_PCRS 8               /* PCRs 0-7: the firmware's */
#define CAPPED_PCRS 10                 /* 0-9: the firmware's and the boot loader's */
#define EVENT_TEXT_MAX 512
#define RATE_FROM (1u << 20)           /* report hashing speed for data this large */

/* A measurement waiting for the hand-off. */
struct staged {
    unsigned pcr;
    uint32_t type;
    struct tpm_digests dg;
    uint32_t elen;
    uint8_t event[];
};

static struct tcglog tlog;
static struct vec staged;

/* The log, started at the first measurement while the TPM works. */
static bool log_ready(void)
{
    if (!tpm_working())
        return false;
    if (tlog.buf)
        return true;
    uint8_t *buf = malloc(MEASURE_LOG_BYTES);
    if (!buf || tcglog_init(&tlog, buf, MEASURE_LOG_BYTES, tpm_banks())) {
        free(buf);
        tpm_stop(TPM_FAIL_LOG, "no memory for the event log");
        return false;
    }
    return true;
}

/* The digest in every bank; how fast each went, for data worth timing. */
static void digest(struct tpm_digests *dg, const void *data, uint64_t len)
{
    char rates[128];
    size_t used = 0;
    dg->banks = tpm_banks();
    rates[0] = '\0';
    for (unsigned a = 0; a < HASH_ALGS; a++) {
        if (!(dg->banks & 1u << a))
            continue;
        uint64_t t0 = timebase_us();
        hash_digest((enum hash_alg)a, data, len, dg->d[a]);
        uint64_t us = timebase_us() - t0;
        if (len >= RATE_FROM && used < sizeof(rates))
            used += (size_t)sniprintf(rates + used, sizeof(rates) - used, " %s %lu MB/s",
                                      hash_name((enum hash_alg)a), (unsigned long)(len / (us ? us : 1)));
    }
    if (len >= RATE_FROM) {
        char size[24];
        log_debug("hashed %s:%s\n", size_text(size, sizeof(size), len), rates);
    }
}

/* Room kept for capping PCRs 0-9 when the log fills up. */
static size_t cap_room(void)
{
    return CAPPED_PCRS * tcglog_record_size(&tlog, 4);
}

/* The log is full: an error separator (TCG's "an error occurred" event)
 * in each PCR the firmware and boot loaders use, in the room kept for
 * them, so that no PCR policy can still be met; then nothing more. */
static void cap_and_stop(size_t wanted)
{
    const uint8_t error[4] = { 1, 0, 0, 0 };
    struct tpm_digests dg;
    digest(&dg, error, sizeof(error));
    for (unsigned pcr = 0; pcr < CAPPED_PCRS; pcr++)
        if (tpm_extend(pcr, &dg) || tcglog_append(&tlog, pcr, EV_SEPARATOR, &dg, error, sizeof(error)))
            return;
    tpm_stop(TPM_FAIL_LOG, "the event log is full (%u bytes, %u more wanted): PCRs 0-%u capped",
             (unsigned)tlog.cap, (unsigned)wanted, CAPPED_PCRS - 1);
}

/* Extend, then log: the log never holds what the TPM did not take, and
 * what the TPM took always fits in the log. */
static int record(unsigned pcr, uint32_t type, const struct tpm_digests *dg, const void *event,
                  uint32_t elen)
{
    if (!log_ready())
        return ERR_IO;
    size_t need = tcglog_record_size(&tlog, elen);
    if (need + cap_room() > tlog.cap - tlog.used) {
        cap_and_stop(need);
        return ERR_FULL;
    }
    int err = type == EV_NO_ACTION ? 0 : tpm_extend(pcr, dg);
    if (!err)
        tcglog_append(&tlog, pcr, type, dg, event, elen);
    return err;
}

/* The version as a NUL-terminated UCS-2 string, as EV_S_CRTM_VERSION
 * carries it; the contents as a platform firmware blob (base, length). */
void measure_firmware(const void *image, size_t len, const char *version)
{
    uint8_t ucs2[2 * 64], blob[16];
    size_t n = 0;
    struct tpm_digests dg;
    if (!log_ready())
        return;
    for (; version[n] && n < sizeof(ucs2) / 2 - 1; n++)
        put_le16(ucs2 + 2 * n, (uint8_t)version[n]);
    put_le16(ucs2 + 2 * n++, 0);
    digest(&dg, ucs2, 2 * n);
    if (record(0, EV_S_CRTM_VERSION, &dg, ucs2, 2 * n))
        return;
    put_le64(blob, (uint64_t)(uintptr_t)image);
    put_le64(blob + 8, len);
    digest(&dg, image, len);
    record(0, EV_S_CRTM_CONTENTS, &dg, blob, sizeof(blob));
}

void measure_stage(unsigned pcr, uint32_t type, const void *data, uint64_t len, const void *event,
                   uint32_t elen)
{
    if (!log_ready())
        return;
    struct staged *s = malloc(sizeof(*s) + elen);
    if (!s) {
        tpm_stop(TPM_FAIL_LOG, "no memory to keep a measurement");
        return;
    }
    s->pcr = pcr;
    s->type = type;
    s->elen = elen;
    memcpy(s->event, event, elen);
    digest(&s->dg, data, len);
    /* In PCR order, each PCR's in the order staged: a log that reads
     * firmware, configuration, programs, partitions, command line, initrd. */
    unsigned at = staged.n;
    while (at && ((struct staged *)staged.item[at - 1])->pcr > pcr)
        at--;
    if (vec_push(&staged, s)) {
        free(s);
        tpm_stop(TPM_FAIL_LOG, "no memory to keep a measurement");
        return;
    }
    memmove(&staged.item[at + 1], &staged.item[at], (staged.n - 1 - at) * sizeof(staged.item[0]));
    staged.item[at] = s;
}

void measure_stage_text(unsigned pcr, uint32_t type, const void *data, uint64_t len,
                        const char *fmt, ...)
{
    char text[EVENT_TEXT_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsniprintf(text, sizeof(text), fmt, ap);
    va_end(ap);
    measure_stage(pcr, type, data, len, text, (uint32_t)strlen(text));
}

void measure_discard(void)
{
    while (staged.n)
        free(staged.item[--staged.n]);
    vec_clear(&staged);
}

void measure_handoff(void)
{
    const uint8_t separator[4] = { 0 };
    struct tpm_digests dg;
    for (unsigned i = 0; i < staged.n; i++) {
        struct staged *s = staged.item[i];
        if (record(s->pcr, s->type, &s->dg, s->event, s->elen))
            break;
    }
    measure_discard();
    if (!log_ready())
        return;
    digest(&dg, separator, sizeof(separator));
    for (unsigned pcr = 0; pcr < SEPARATED_PCRS; pcr++)
        if (record(pcr, EV_SEPARATOR, &dg, separator, sizeof(separator)))
            return;
    tpm_lock_platform();
}

int measure_now(unsigned pcr, uint32_t type, const void *data, uint64_t len, const void *event,
                uint32_t elen)
{
    struct tpm_digests dg;
    if (pcr >= TPM2_PCRS)
        return ERR_RANGE;
    if (!log_ready())
        return ERR_IO;
    digest(&dg, data, len);
    if (type == EV_NO_ACTION)             /* logged, not extended: its digests are zero */
        memset(dg.d, 0, sizeof(dg.d));
    return record(pcr, type, &dg, event, elen);
}

const uint8_t *measure_log(size_t *len)
{
    *len = tlog.used;
    return tlog.buf;
}

void measure_handed_over(void)
{
    if (tpm_working())
        tpm_stop(TPM_FAIL_HANDED_OVER, "the event log was handed to the OS");
}
