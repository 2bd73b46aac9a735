/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "../board/log.h"
#include "../lib/err.h"
#include "../nvram/settings.h"
#include "tpm.h"

/* Start-up, PCR_Extend and the like answer at once on any TPM; 2 s is
 * SLOF's wait too. A client's command may create keys, which a TPM may
 * take seconds over. */
#define FIRMWARE_WAIT_MS 2000
#define CLIENT_WAIT_MS 30000
#define PLATFORM_AUTH_BYTES 32

static struct tpm_transport *dev;
static bool working;
static unsigned banks;
static enum tpm_failure failure = TPM_FAIL_NONE;
static char failure_text[160] = "no TPM";

struct tpm_transport *tpm_device(void)
{
    return dev;
}

bool tpm_working(void)
{
    return working;
}

unsigned tpm_banks(void)
{
    return banks;
}

enum tpm_failure tpm_failure_reason(const char **text)
{
    *text = failure_text;
    return failure;
}

void tpm_stop(enum tpm_failure why, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsniprintf(failure_text, sizeof(failure_text), fmt, ap);
    va_end(ap);
    failure = why;
    working = false;
    if (why == TPM_FAIL_HANDED_OVER)
        log_debug("%s: %s\n", dev ? dev->name : "TPM", failure_text);
    else
        log_error("%s: %s; nothing more is measured\n", dev ? dev->name : "TPM", failure_text);
}

bool tpm_wanted(const char *name)
{
    char mode[16];
    setting_value("tpm", mode, sizeof(mode));
    if (strcmp(mode, "off") != 0)
        return true;
    log_info("%s: tpm=off: the TPM is left alone (not started, nothing measured)\n", name);
    return false;
}

/* One command: the response's length (its header checked) with its
 * response code in *rc, or a negative ERR_* once the TPM has been stopped. */
static int command(const char *what, const uint8_t *cmd, size_t len, uint8_t *rsp, size_t cap,
                   unsigned wait_ms, uint32_t *rc)
{
    int n = dev->transmit(dev, cmd, len, rsp, cap, wait_ms);
    if (n == ERR_TIMEOUT) {
        tpm_stop(TPM_FAIL_TIMEOUT, "no answer to %s in %u ms", what, wait_ms);
        return n;
    }
    if (n < 0) {
        tpm_stop(TPM_FAIL_SEND, "%s could not be sent", what);
        return n;
    }
    int err = tpm2_response(rsp, (size_t)n, rc);
    if (err) {
        tpm_stop(TPM_FAIL_PROTOCOL, "the answer to %s: %s", what, tpm2_strerror(err));
        return ERR_INVALID;
    }
    return n;
}

/* A firmware command that must succeed (or, for `also_fine`, say that). */
static int firmware_command(const char *what, const uint8_t *cmd, size_t len, uint8_t *rsp,
                            size_t cap, uint32_t also_fine)
{
    uint32_t rc;
    int n = command(what, cmd, len, rsp, cap, FIRMWARE_WAIT_MS, &rc);
    if (n >= 0 && rc != TPM2_RC_SUCCESS && rc != also_fine) {
        char text[64];
        tpm2_rc_text(rc, text, sizeof(text));
        tpm_stop(TPM_FAIL_TPM, "the TPM answered %s to %s", text, what);
        return ERR_IO;
    }
    return n;
}

static void bank_names(unsigned set, char *out, size_t outlen)
{
    size_t used = 0;
    out[0] = '\0';
    for (unsigned a = 0; a < HASH_ALGS; a++)
        if (set & 1u << a)
            used += (size_t)sniprintf(out + used, outlen - used, "%s%s", used ? " " : "",
                                      hash_name((enum hash_alg)a));
}

int tpm_attach(struct tpm_transport *t)
{
    uint8_t cmd[TPM2_CMD_MAX], rsp[TPM2_CMD_MAX];
    unsigned unhashable;
    if (dev) {
        log_error("%s: a second TPM; measurements go to %s\n", t->name, dev->name);
        return ERR_FULL;
    }
    dev = t;
    working = true;                  /* until a command fails */
    int n = firmware_command("TPM2_Startup", cmd, tpm2_cmd_startup(cmd), rsp, sizeof(rsp),
                             TPM2_RC_INITIALIZE);
    if (n >= 0)
        n = firmware_command("TPM2_GetCapability(PCRS)", cmd, tpm2_cmd_get_pcr_banks(cmd), rsp,
                             sizeof(rsp), TPM2_RC_SUCCESS);
    if (n < 0)
        return n;
    int err = tpm2_parse_pcr_banks(rsp, (size_t)n, &banks, &unhashable);
    if (err) {
        tpm_stop(TPM_FAIL_PROTOCOL, "the answer to TPM2_GetCapability(PCRS): %s", tpm2_strerror(err));
        return ERR_INVALID;
    }
    if (!banks) {
        tpm_stop(TPM_FAIL_TPM, "no PCR bank is active%s", unhashable ? " that the firmware can hash" : "");
        return ERR_NOT_FOUND;
    }
    char names[64];
    bank_names(banks, names, sizeof(names));
    log_info("%s: TPM 2.0, PCR banks %s%s\n", t->name, names,
             unhashable ? " (and one it cannot hash, left unextended)" : "");
    return 0;
}

int tpm_extend(unsigned pcr, const struct tpm_digests *dg)
{
    uint8_t cmd[TPM2_CMD_MAX], rsp[TPM2_CMD_MAX];
    char what[32];
    if (!working)
        return ERR_IO;
    sniprintf(what, sizeof(what), "TPM2_PCR_Extend(%u)", pcr);
    int n = firmware_command(what, cmd, tpm2_cmd_pcr_extend(cmd, pcr, dg), rsp, sizeof(rsp),
                             TPM2_RC_SUCCESS);
    return n < 0 ? n : 0;
}

int tpm_lock_platform(void)
{
    uint8_t cmd[TPM2_CMD_MAX], rsp[TPM2_CMD_MAX], auth[PLATFORM_AUTH_BYTES];
    if (!working)
        return ERR_IO;
    int n = firmware_command("TPM2_GetRandom", cmd, tpm2_cmd_get_random(cmd, sizeof(auth)), rsp,
                             sizeof(rsp), TPM2_RC_SUCCESS);
    if (n < 0)
        return n;
    int got = tpm2_parse_random(rsp, (size_t)n, auth, sizeof(auth));
    if (got < (int)sizeof(auth)) {
        tpm_stop(TPM_FAIL_PROTOCOL, "the answer to TPM2_GetRandom: %s",
                 got < 0 ? tpm2_strerror(got) : "fewer bytes than asked for");
        return ERR_INVALID;
    }
    n = firmware_command("TPM2_HierarchyChangeAuth(platform)", cmd,
                         tpm2_cmd_set_platform_auth(cmd, auth, sizeof(auth)), rsp, sizeof(rsp),
                         TPM2_RC_SUCCESS);
    memset(auth, 0, sizeof(auth));
    return n < 0 ? n : 0;
}

int tpm_pass_through(uint8_t *buf, size_t len, size_t cap)
{
    uint32_t rc;
    if (!working)
        return ERR_IO;
    if (len < TPM2_HEADER_BYTES || len > dev->max_size)
        return ERR_RANGE;
    return command("a client's command", buf, len, buf, cap < dev->max_size ? cap : dev->max_size,
                   CLIENT_WAIT_MS, &rc);
}
