/* SPDX-License-Identifier: BSD-2-Clause */
/* A hostile TPM: the input is a script of its answers to what the firmware
 * sends while it starts the TPM, measures a boot and passes a client's
 * command through: no answer, a refusal, or any bytes at all (with a
 * header that agrees with them, or not). Whatever it says, every command
 * ends, nothing is read or written outside the buffers, a TPM that
 * misbehaved is not used again, and the log (when there is one) reads
 * back record by record to its end. The same bytes are also parsed as a
 * single response and as a log. NEEDS_MBEDTLS */
#include <stdarg.h>
#include "fuzz.h"
#include "crypto/hash.c"
#include "lib/vec.c"
#include "tpm/tpm2.c"
#include "tpm/tcglog.c"
#include "tpm/tpm.c"
#include "tpm/measure.c"

static struct script sc;
static uint64_t now_us;

uint64_t timebase_us(void) { return now_us += 100000; }
void log_info(const char *fmt, ...) { (void)fmt; }
void log_debug(const char *fmt, ...) { (void)fmt; }
void log_error(const char *fmt, ...) { (void)fmt; }
void setting_value(const char *name, char *out, size_t outlen) { (void)name; snprintf(out, outlen, "auto"); }
char *size_text(char *out, size_t outlen, uint64_t bytes) { snprintf(out, outlen, "%lu", (unsigned long)bytes); return out; }

/* The script's answer: 0xff no answer, 0xfe refused, else a length and
 * that many bytes, the header made to agree with them when the top bit of
 * the first byte is clear. */
static int transmit(struct tpm_transport *t, const uint8_t *cmd, size_t len, uint8_t *rsp,
                    size_t cap, unsigned timeout_ms)
{
    (void)t, (void)cmd, (void)len, (void)timeout_ms;
    unsigned what = script_take(&sc, 1);
    if (what == 0xff)
        return ERR_TIMEOUT;
    if (what == 0xfe)
        return ERR_IO;
    size_t n = script_take(&sc, 2) % (cap + 1);
    for (size_t i = 0; i < n; i++)
        rsp[i] = (uint8_t)script_take(&sc, 1);
    if (!(what & 0x80) && n >= TPM2_HEADER_BYTES) {
        put_be16(rsp, what & 1 ? 0x8002 : 0x8001);
        put_be32(rsp + 2, (uint32_t)n);
    }
    return (int)n;
}

static struct tpm_transport device = { .name = "vtpm", .max_size = 4096, .transmit = transmit };

static void reset(void)
{
    dev = NULL;
    working = false;
    banks = 0;
    failure = TPM_FAIL_NONE;
    free(tlog.buf);
    tlog = (struct tcglog){ 0 };
    measure_discard();
}

static void parse_alone(const uint8_t *data, size_t size)
{
    uint32_t rc;
    unsigned active, unhashable, b;
    uint8_t out[64];
    size_t pos;
    struct tcglog_event ev;
    if (tpm2_response(data, size, &rc) == 0) {
        if (tpm2_parse_pcr_banks(data, size, &active, &unhashable) == 0)
            PROMISE(active < 1u << HASH_ALGS);
        int got = tpm2_parse_random(data, size, out, sizeof(out));
        PROMISE(got <= (int)sizeof(out));
    }
    if (tcglog_header(data, size, &b, &pos) == 0) {
        PROMISE(pos <= size && b && b < 1u << HASH_ALGS);
        for (size_t last = pos; tcglog_next(data, size, b, &pos, &ev) == 1; last = pos) {
            PROMISE(pos > last && pos <= size && ev.pcr < TPM2_PCRS);
            PROMISE(ev.data + ev.len == data + pos);
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const uint8_t image[512];
    uint8_t buf[4096] = { 0x80, 0x01, 0, 0, 0, 12, 0, 0, 1, 0x7b, 0, 8 };
    parse_alone(data, size);
    reset();
    sc = (struct script){ data, size };
    if (tpm_attach(&device) == 0)
        PROMISE(tpm_working() && tpm_banks() && tpm_banks() < 1u << HASH_ALGS);
    measure_firmware(image, sizeof(image), "Sluice fuzz");
    measure_stage(4, EV_IPL, image, sizeof(image), "program", 7);
    measure_handoff();
    measure_now(8, EV_IPL, "x", 1, "grub_cmd: x", 12);
    int n = tpm_pass_through(buf, 12, sizeof(buf));
    PROMISE(n <= (int)sizeof(buf));
    const char *why;
    if (tpm_failure_reason(&why) != TPM_FAIL_NONE)
        PROMISE(!tpm_working() && measure_now(9, EV_IPL, "y", 1, "y", 1) != 0);
    size_t len, pos;
    unsigned b;
    struct tcglog_event ev;
    const uint8_t *log = measure_log(&len);
    if (log) {
        PROMISE(tcglog_header(log, len, &b, &pos) == 0 && b == tpm_banks());
        int rc;
        while ((rc = tcglog_next(log, len, b, &pos, &ev)) == 1)
            ;
        PROMISE(rc == 0);
    }
    return 0;
}
