/* SPDX-License-Identifier: BSD-2-Clause */
/* Measured boot on the host: the vTPM driver, the TPM layer and the
 * measurement policy against a simulated hypervisor and TPM that keeps
 * real PCRs. A boot's log replays to the TPM's PCRs in every bank; a TPM
 * that stops answering, answers errors or nonsense, has no bank, or a log
 * that fills up each end measuring with one line in bounded time, and the
 * log still replays. Also the command builders and parsers alone.
 * NEEDS_MBEDTLS */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "crypto/hash.c"
#include "tpm/tpm2.c"
#include "tpm/tcglog.c"
#include "tpm/tpm.c"
#include "tpm/measure.c"
#include "lib/vec.c"
#include "vio/crq.c"
#include "drivers/tpm/vtpm.c"
#include "dma-stub.h"

/* ---- the simulated TPM -------------------------------------------------- */
static enum { GOOD, SILENT, SILENT_AFTER_START, EXTEND_FAILS, MALFORMED, NO_BANKS,
              SMALL_BUFFER } tpm_mode;
static uint8_t pcr[HASH_ALGS][TPM2_PCRS][HASH_MAX_SIZE];
static unsigned commands, extends, platform_auth_len;
static uint32_t last_code;

static void answer(uint8_t *buf, size_t *len, uint16_t tag, uint32_t rc, const uint8_t *params,
                   size_t plen)
{
    put_be16(buf, tag);
    put_be32(buf + 2, (uint32_t)(10 + plen));
    put_be32(buf + 6, rc);
    if (plen)
        memcpy(buf + 10, params, plen);
    *len = 10 + plen;
}

static void extend(unsigned alg, unsigned index, const uint8_t *digest)
{
    uint8_t both[2 * HASH_MAX_SIZE];
    unsigned n = hash_size((enum hash_alg)alg);
    memcpy(both, pcr[alg][index], n);
    memcpy(both + n, digest, n);
    hash_digest((enum hash_alg)alg, both, 2 * n, pcr[alg][index]);
}

/* One command in buf, its response written over it: false for no answer. */
static bool tpm_execute(uint8_t *buf, size_t *len)
{
    uint32_t code = get_be32(buf + 6);
    last_code = code;
    commands++;
    if (tpm_mode == SILENT || (tpm_mode == SILENT_AFTER_START && code != 0x144 && code != 0x17a))
        return false;
    if (code == 0x17a) {                                  /* GetCapability(PCRS) */
        uint8_t caps[64] = { 0 }, *p = caps + 9;
        put_be32(caps + 1, 5);
        put_be32(caps + 5, 5);
        for (unsigned a = 0; a < HASH_ALGS; a++, p += 6) {
            put_be16(p, tpm2_alg_id((enum hash_alg)a));
            p[2] = 3;
            memset(p + 3, tpm_mode == NO_BANKS ? 0 : 0xff, 3);
        }
        put_be16(p, 0x0012);                              /* SM3, allocated: not hashable here */
        p[2] = 3;
        memset(p + 3, 0xff, 3);
        answer(buf, len, 0x8001, 0, caps, (size_t)(p + 6 - caps));
    } else if (code == 0x182) {                           /* PCR_Extend */
        unsigned index = get_be32(buf + 10), n = get_be32(buf + 27);
        if (tpm_mode == EXTEND_FAILS && extends == 2) {
            answer(buf, len, 0x8001, 0x101, NULL, 0);
            return true;
        }
        const uint8_t *p = buf + 31;
        for (unsigned i = 0; i < n; i++) {
            enum hash_alg alg = tpm2_alg_of(get_be16(p));
            assert_true(alg < HASH_ALGS);
            extend(alg, index, p + 2);
            p += 2 + hash_size(alg);
        }
        extends++;
        uint8_t params[9] = { 0, 0, 0, 0, 0, 0, 0, 0, 0 };
        answer(buf, len, 0x8002, 0, params, sizeof(params));
    } else if (code == 0x17b) {                           /* GetRandom */
        uint8_t params[2 + 32];
        put_be16(params, 32);
        memset(params + 2, 0xa5, 32);
        answer(buf, len, 0x8001, 0, params, sizeof(params));
    } else if (code == 0x129) {                           /* HierarchyChangeAuth */
        assert_int_equal(get_be32(buf + 10), 0x4000000c);
        platform_auth_len = get_be16(buf + 27);
        answer(buf, len, 0x8002, 0, (const uint8_t[5]){ 0 }, 5);
    } else {                                              /* Startup, and what clients send */
        answer(buf, len, 0x8001, code == 0x144 ? 0 : 0x143, NULL, 0);
    }
    if (tpm_mode == MALFORMED)
        put_be32(buf + 2, (uint32_t)*len + 4);            /* says more than it sends */
    return true;
}

/* ---- the hypervisor ------------------------------------------------------ */
static uint8_t *crq_page;
static unsigned crq_tail, registered, freed;
static uint64_t now_us;

static void post(uint8_t valid, uint8_t msg, uint16_t len, uint32_t data)
{
    uint8_t *e = crq_page + crq_tail;
    e[1] = msg;
    put_be16(e + 2, len);
    put_be32(e + 4, data);
    e[0] = valid;                                         /* valid byte last */
    crq_tail = (crq_tail + 16) % 4096;
}

long hv_call(struct hcall_regs *r)
{
    switch (r->r[0]) {
    case H_REG_CRQ:
        crq_page = dma_stub_at(r->r[2]);
        crq_tail = 0;
        registered++;
        break;
    case H_FREE_CRQ:
        crq_page = NULL;
        freed++;
        break;
    case H_SEND_CRQ: {
        uint8_t valid = (uint8_t)(r->r[2] >> 56), msg = (uint8_t)(r->r[2] >> 48);
        uint16_t len = (uint16_t)(r->r[2] >> 32);
        uint32_t data = (uint32_t)r->r[2];
        if (valid == 0xc0)
            post(0xc0, msg, 0, 0);
        else if (msg == 0x03)
            post(0x80, 0x83, tpm_mode == SMALL_BUFFER ? 100 : 4096, 0);
        else if (msg == 0x02) {
            uint8_t *buf = dma_stub_at(data);
            size_t n = len;
            if (tpm_execute(buf, &n))
                post(0x80, 0x82, (uint16_t)n, data);
        }
        break;
    }
    default:
        fail_msg("unexpected hypercall 0x%lx", (unsigned long)r->r[0]);
    }
    r->r[0] = H_SUCCESS;
    return H_SUCCESS;
}

/* ---- the rest of the firmware ------------------------------------------- */
static char logged[512], errors[512];
static const char *tpm_setting = "auto";
uint64_t timebase_us(void) { return now_us += 100; }
void log_info(const char *fmt, ...) { va_list ap; va_start(ap, fmt); vsnprintf(logged, sizeof(logged), fmt, ap); va_end(ap); }
void log_debug(const char *fmt, ...) { (void)fmt; }
void log_error(const char *fmt, ...) { va_list ap; va_start(ap, fmt); vsnprintf(errors, sizeof(errors), fmt, ap); va_end(ap); }
static struct dma_device *registered_dev;
int dmadev_register(struct dma_device *d) { registered_dev = d; return 0; }
void binding_publish(struct dt_node *n, struct dma_ctx *dma) { (void)n; (void)dma; }
void setting_value(const char *name, char *out, size_t outlen)
{
    assert_string_equal(name, "tpm");
    snprintf(out, outlen, "%s", tpm_setting);
}
char *size_text(char *out, size_t outlen, uint64_t bytes)
{
    snprintf(out, outlen, "%lu bytes", (unsigned long)bytes);
    return out;
}

static struct dt_node node = { .name = "vtpm@71000002" };
static const struct vio_dev vio = { &node, 0x71000002, { 0x71000002, 0, 0x10000000 } };

static int reset_world(void **state)
{
    (void)state;
    if (registered_dev) {
        registered_dev->stop(registered_dev);
        free(of_dmadev(registered_dev));
        registered_dev = NULL;
    }
    dma_stub_reset(0x71000002, 0x10000);
    memset(pcr, 0, sizeof(pcr));
    commands = extends = platform_auth_len = registered = freed = 0;
    logged[0] = errors[0] = '\0';
    tpm_mode = GOOD;
    tpm_setting = "auto";
    /* The TPM layer's and the log's state, as at power-on. */
    dev = NULL;
    working = false;
    banks = 0;
    failure = TPM_FAIL_NONE;
    free(tlog.buf);
    tlog = (struct tcglog){ 0 };
    measure_discard();
    return 0;
}

/* Replay the log: every record's digests extended from zero, compared with
 * the simulated TPM's PCRs in every bank; the number of records. */
static unsigned expect_log_replays(void)
{
    uint8_t replay[HASH_ALGS][TPM2_PCRS][HASH_MAX_SIZE] = { 0 };
    size_t len, pos;
    unsigned log_banks, n = 0;
    const uint8_t *log = measure_log(&len);
    assert_non_null(log);
    assert_int_equal(tcglog_header(log, len, &log_banks, &pos), 0);
    assert_int_equal(log_banks, 0xf);
    struct tcglog_event ev;
    int rc;
    while ((rc = tcglog_next(log, len, log_banks, &pos, &ev)) == 1) {
        n++;
        if (ev.type == EV_NO_ACTION)
            continue;
        for (unsigned a = 0; a < HASH_ALGS; a++) {
            uint8_t both[2 * HASH_MAX_SIZE];
            unsigned size = hash_size((enum hash_alg)a);
            memcpy(both, replay[a][ev.pcr], size);
            memcpy(both + size, ev.dg.d[a], size);
            hash_digest((enum hash_alg)a, both, 2 * size, replay[a][ev.pcr]);
        }
    }
    assert_int_equal(rc, 0);
    assert_memory_equal(replay, pcr, sizeof(pcr));
    return n;
}

static const uint8_t image[3000] = { 1, 2, 3 };

/* The firmware, a staged program and command line, the hand-off. */
static void boot(void)
{
    measure_firmware(image, sizeof(image), "Sluice test");
    measure_stage_text(4, EV_IPL, "program", 7, "program: %s", "test");
    measure_stage(8, EV_IPL, "a b", 3, "kernel_cmdline: a b", 20);
    measure_stage(1, EV_PLATFORM_CONFIG_FLAGS, "cfg", 3, "cfg", 3);
    measure_handoff();
}

static void a_boot_is_measured_and_the_log_replays(void **state)
{
    (void)state;
    assert_int_equal(vtpm_probe(&vio), 0);
    assert_true(tpm_working());
    assert_string_equal(logged, "vtpm@71000002: TPM 2.0, PCR banks sha1 sha256 sha384 sha512 "
                                "(and one it cannot hash, left unextended)\n");
    boot();
    /* version, contents, config, program, command line, 8 separators */
    assert_int_equal(expect_log_replays(), 2 + 3 + 8);
    assert_int_equal(platform_auth_len, 32);
    assert_string_equal(errors, "");
    /* The log's records come in PCR order: 0, 0, 1, 4, 8, then 0-7. */
    size_t len, pos;
    unsigned b;
    const uint8_t *log = measure_log(&len);
    struct tcglog_event ev;
    tcglog_header(log, len, &b, &pos);
    unsigned order[] = { 0, 0, 1, 4, 8, 0, 1, 2, 3, 4, 5, 6, 7 };
    for (unsigned i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
        assert_int_equal(tcglog_next(log, len, b, &pos, &ev), 1);
        assert_int_equal(ev.pcr, order[i]);
    }
    /* The contents event's digest is the image's, its data base and length. */
    tcglog_header(log, len, &b, &pos);
    tcglog_next(log, len, b, &pos, &ev);
    tcglog_next(log, len, b, &pos, &ev);
    uint8_t want[32];
    hash_digest(HASH_SHA256, image, sizeof(image), want);
    assert_int_equal(ev.type, EV_S_CRTM_CONTENTS);
    assert_memory_equal(ev.dg.d[HASH_SHA256], want, 32);
    assert_int_equal(get_le64(ev.data + 8), sizeof(image));
}

/* A failed attempt's measurements never reach the TPM. */
static void what_a_failed_attempt_staged_is_dropped(void **state)
{
    (void)state;
    assert_int_equal(vtpm_probe(&vio), 0);
    measure_stage(4, EV_IPL, "broken", 6, "broken", 6);
    measure_discard();
    measure_handoff();
    assert_int_equal(expect_log_replays(), 8);
}

static void a_silent_tpm_is_given_up_in_two_seconds(void **state)
{
    (void)state;
    tpm_mode = SILENT;
    uint64_t before = now_us;
    assert_int_equal(vtpm_probe(&vio), ERR_TIMEOUT);
    assert_true(now_us - before <= 2100000);
    assert_string_equal(errors, "vtpm@71000002: no answer to TPM2_Startup in 2000 ms; nothing more is measured\n");
    assert_false(tpm_working());
    assert_int_equal(freed, 1);                       /* stopped at once, for Linux */
    const char *why;
    assert_int_equal(tpm_failure_reason(&why), TPM_FAIL_TIMEOUT);
    boot();                                           /* measures nothing, waits for nothing */
    assert_null(measure_log(&(size_t){ 0 }));
    assert_int_equal(commands, 1);
}

/* A TPM that stops answering mid-boot: one wait, then nothing more. */
static void a_tpm_that_stops_answering_is_waited_for_once(void **state)
{
    (void)state;
    tpm_mode = SILENT_AFTER_START;
    assert_int_equal(vtpm_probe(&vio), 0);
    uint64_t before = now_us;
    boot();
    assert_true(now_us - before <= 2100000);
    assert_string_equal(errors, "vtpm@71000002: no answer to TPM2_PCR_Extend(0) in 2000 ms; "
                                "nothing more is measured\n");
    assert_int_equal(commands, 3);
    assert_int_equal(measure_now(9, EV_IPL, "x", 1, "x", 1), ERR_IO);
}

static void an_error_response_stops_measuring_and_the_log_still_replays(void **state)
{
    (void)state;
    tpm_mode = EXTEND_FAILS;
    assert_int_equal(vtpm_probe(&vio), 0);
    boot();
    assert_string_equal(errors, "vtpm@71000002: the TPM answered TPM_RC_FAILURE (0x101) to "
                                "TPM2_PCR_Extend(1); nothing more is measured\n");
    assert_int_equal(expect_log_replays(), 2);
    const char *why;
    assert_int_equal(tpm_failure_reason(&why), TPM_FAIL_TPM);
    assert_int_equal(platform_auth_len, 0);
}

static void a_malformed_response_is_one_line(void **state)
{
    (void)state;
    tpm_mode = MALFORMED;
    assert_int_equal(vtpm_probe(&vio), ERR_INVALID);
    assert_string_equal(errors, "vtpm@71000002: the answer to TPM2_Startup: the response is cut "
                                "short; nothing more is measured\n");
}

static void a_tpm_without_a_bank_measures_nothing(void **state)
{
    (void)state;
    tpm_mode = NO_BANKS;
    assert_int_equal(vtpm_probe(&vio), ERR_NOT_FOUND);
    assert_string_equal(errors, "vtpm@71000002: no PCR bank is active that the firmware can hash; "
                                "nothing more is measured\n");
    boot();
    assert_int_equal(extends, 0);
}

static void a_buffer_too_small_is_refused(void **state)
{
    (void)state;
    tpm_mode = SMALL_BUFFER;
    assert_int_equal(vtpm_probe(&vio), ERR_IO);
    assert_string_equal(errors, "vtpm@71000002: a buffer of 100 bytes is outside 1024-4096; not used\n");
    assert_int_equal(buffers, 0);
    assert_null(tpm_device());
}

/* A log that fills up: PCRs 0-9 capped with the error separator, in room
 * kept for it, and the log still replays; nothing is measured after. */
static void a_full_log_caps_the_pcrs_and_still_replays(void **state)
{
    (void)state;
    static uint8_t big[16384];
    assert_int_equal(vtpm_probe(&vio), 0);
    int err = 0;
    unsigned n = 0;
    while (!err && n++ < 100)
        err = measure_now(8, EV_IPL, big, sizeof(big), big, sizeof(big));
    assert_int_equal(err, ERR_FULL);
    assert_true(n > 10);
    assert_string_equal(errors, "vtpm@71000002: the event log is full (262144 bytes, 16572 more wanted): "
                                "PCRs 0-9 capped; nothing more is measured\n");
    expect_log_replays();
    const char *why;
    assert_int_equal(tpm_failure_reason(&why), TPM_FAIL_LOG);
    assert_int_equal(measure_now(9, EV_IPL, "x", 1, "x", 1), ERR_IO);
}

static void nothing_is_measured_after_the_hand_over(void **state)
{
    (void)state;
    assert_int_equal(vtpm_probe(&vio), 0);
    boot();
    measure_handed_over();
    assert_int_equal(measure_now(9, EV_IPL, "x", 1, "x", 1), ERR_IO);
    const char *why;
    assert_int_equal(tpm_failure_reason(&why), TPM_FAIL_HANDED_OVER);
    assert_string_equal(errors, "");
}

static void tpm_off_leaves_the_device_alone(void **state)
{
    (void)state;
    tpm_setting = "off";
    assert_int_equal(vtpm_probe(&vio), 0);
    assert_int_equal(registered, 0);
    assert_null(tpm_device());
    assert_string_equal(logged, "vtpm@71000002: tpm=off: the TPM is left alone (not started, nothing measured)\n");
}

/* A client's command goes through; the TPM's error is the client's answer
 * and stops nothing. */
static void a_clients_command_passes_through(void **state)
{
    (void)state;
    uint8_t buf[4096];
    assert_int_equal(vtpm_probe(&vio), 0);
    size_t len = tpm2_cmd_get_random(buf, 32);
    assert_int_equal(tpm_pass_through(buf, len, sizeof(buf)), 10 + 2 + 32);
    put_be32(buf + 6, 0x1ff);                          /* a command the TPM does not know */
    assert_int_equal(tpm_pass_through(buf, 10, sizeof(buf)), 10);
    assert_int_equal(get_be32(buf + 6), 0x143);
    assert_true(tpm_working());
    assert_int_equal(tpm_pass_through(buf, 5, sizeof(buf)), ERR_RANGE);
}

/* ---- the pure parts alone ------------------------------------------------ */
static void extend_command_layout(void **state)
{
    (void)state;
    uint8_t cmd[TPM2_CMD_MAX];
    struct tpm_digests dg = { .banks = 1u << HASH_SHA256 };
    memset(dg.d[HASH_SHA256], 0x11, 32);
    size_t n = tpm2_cmd_pcr_extend(cmd, 7, &dg);
    assert_int_equal(n, 10 + 4 + 4 + 9 + 4 + 2 + 32);
    assert_int_equal(get_be16(cmd), 0x8002);
    assert_int_equal(get_be32(cmd + 2), n);
    assert_int_equal(get_be32(cmd + 6), 0x182);
    assert_int_equal(get_be32(cmd + 10), 7);
    assert_int_equal(get_be32(cmd + 14), 9);
    assert_int_equal(get_be32(cmd + 18), 0x40000009);
    assert_int_equal(get_be32(cmd + 27), 1);
    assert_int_equal(get_be16(cmd + 31), 0x000b);
}

static void responses_that_lie_are_refused(void **state)
{
    (void)state;
    uint8_t r[32] = { 0x80, 0x01, 0, 0, 0, 10, 0, 0, 1, 0x01 };
    uint32_t rc;
    assert_int_equal(tpm2_response(r, 10, &rc), 0);
    assert_int_equal(rc, 0x101);
    assert_int_equal(tpm2_response(r, 9, &rc), TPM2_ERR_SHORT);
    assert_int_equal(tpm2_response(r, 12, &rc), TPM2_ERR_SIZE);
    r[0] = 0x12;
    assert_int_equal(tpm2_response(r, 10, &rc), TPM2_ERR_TAG);
    unsigned active, unhashable;
    uint8_t caps[] = { 0x80, 0x01, 0, 0, 0, 30, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 9, 0, 0x0b, 3, 0, 1, 0 };
    assert_int_equal(tpm2_parse_pcr_banks(caps, sizeof(caps), &active, &unhashable), TPM2_ERR_MALFORMED);
    caps[18] = 1;                                      /* one selection, as long as it says */
    assert_int_equal(tpm2_parse_pcr_banks(caps, sizeof(caps), &active, &unhashable), 0);
    assert_int_equal(active, 1u << HASH_SHA256);
    caps[21] = 200;                                    /* a select longer than the response */
    assert_int_equal(tpm2_parse_pcr_banks(caps, sizeof(caps), &active, &unhashable), TPM2_ERR_MALFORMED);
    uint8_t rnd[14] = { 0x80, 0x01, 0, 0, 0, 14, 0, 0, 0, 0, 0, 4, 1, 2 };
    uint8_t out[4];
    assert_int_equal(tpm2_parse_random(rnd, sizeof(rnd), out, 4), TPM2_ERR_MALFORMED);
}

static void response_codes_in_words(void **state)
{
    (void)state;
    char t[64];
    tpm2_rc_text(0x101, t, sizeof(t));
    assert_string_equal(t, "TPM_RC_FAILURE (0x101)");
    tpm2_rc_text(0x9a2, t, sizeof(t));
    assert_string_equal(t, "TPM error 0xa2 about session 1");
    tpm2_rc_text(0x2c4, t, sizeof(t));
    assert_string_equal(t, "TPM error 0x84 about parameter 2");
}

static void a_log_reads_back_and_cut_logs_are_refused(void **state)
{
    (void)state;
    uint8_t buf[1024];
    struct tcglog log;
    struct tpm_digests dg = { .banks = 0x3 };
    memset(dg.d, 0x42, sizeof(dg.d));
    assert_int_equal(tcglog_init(&log, buf, sizeof(buf), 0x3), 0);
    assert_int_equal(tcglog_append(&log, 5, EV_IPL, &dg, "event", 5), 0);
    unsigned b;
    size_t pos;
    struct tcglog_event ev;
    assert_int_equal(tcglog_header(buf, log.used, &b, &pos), 0);
    assert_int_equal(b, 0x3);
    assert_int_equal(tcglog_next(buf, log.used, b, &pos, &ev), 1);
    assert_int_equal(ev.pcr, 5);
    assert_memory_equal(ev.data, "event", 5);
    assert_int_equal(tcglog_next(buf, log.used, b, &pos, &ev), 0);
    for (size_t cut = 1; cut < log.used; cut++) {
        int h = tcglog_header(buf, cut, &b, &pos);
        if (h == 0)              /* the header whole: the record after it is cut, or absent */
            assert_int_equal(tcglog_next(buf, cut, b, &pos, &ev), cut == pos ? 0 : TCGLOG_ERR_RECORD);
    }
    assert_int_equal(tcglog_append(&log, 5, EV_IPL, &dg, buf, sizeof(buf)), ERR_FULL);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup(f, reset_world)
    const struct CMUnitTest tests[] = {
        T(a_boot_is_measured_and_the_log_replays),
        T(what_a_failed_attempt_staged_is_dropped),
        T(a_silent_tpm_is_given_up_in_two_seconds),
        T(a_tpm_that_stops_answering_is_waited_for_once),
        T(an_error_response_stops_measuring_and_the_log_still_replays),
        T(a_malformed_response_is_one_line),
        T(a_tpm_without_a_bank_measures_nothing),
        T(a_buffer_too_small_is_refused),
        T(a_full_log_caps_the_pcrs_and_still_replays),
        T(nothing_is_measured_after_the_hand_over),
        T(tpm_off_leaves_the_device_alone),
        T(a_clients_command_passes_through),
        cmocka_unit_test(extend_command_layout),
        cmocka_unit_test(responses_that_lie_are_refused),
        cmocka_unit_test(response_codes_in_words),
        cmocka_unit_test(a_log_reads_back_and_cut_logs_are_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
