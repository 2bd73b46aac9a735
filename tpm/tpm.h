/* SPDX-License-Identifier: BSD-2-Clause */
/* The TPM the firmware measures into. A transport driver (drivers/vtpm.c,
 * for QEMU's tpm-spapr) attaches its device; this layer starts the TPM
 * (TPM2_Startup, which Linux's tpm_ibmvtpm expects done), learns its PCR
 * banks and sends the commands measured boot needs. One TPM, as QEMU
 * allows. Once anything goes wrong (no answer in time, an error response,
 * a malformed one, a full log) the TPM is not used again: one line says
 * why, and the reason stays for the prompt and get-failure-reason. */
#ifndef TPM_TPM_H
#define TPM_TPM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "../fdt/tree.h"
#include "tpm2.h"

struct tpm_transport {
    const char *name;             /* for the log: "vtpm@71000002" */
    struct dt_node *node;         /* where the OF vtpm package goes */
    size_t max_size;              /* the largest command or response it moves */
    /* One command of len bytes, its response (at most cap bytes) into rsp:
     * the response's length, or ERR_TIMEOUT (no answer in timeout_ms) or
     * ERR_IO (refused, or the device is stopped), with the reason logged.
     * cmd and rsp may be the same buffer. */
    int (*transmit)(struct tpm_transport *t, const uint8_t *cmd, size_t len, uint8_t *rsp,
                    size_t cap, unsigned timeout_ms);
};

/* Why the TPM is no longer used, in the numbers SLOF's vTPM driver gives
 * get-failure-reason. */
enum tpm_failure {
    TPM_FAIL_NONE = -1,
    TPM_FAIL_PROTOCOL = 4,        /* a malformed response */
    TPM_FAIL_TIMEOUT = 5,         /* no answer in time */
    TPM_FAIL_SEND = 6,            /* the device refused a command, or was stopped */
    TPM_FAIL_TPM = 9,             /* an error response, or no bank the firmware can hash */
    TPM_FAIL_LOG = 13,            /* the event log is full */
    TPM_FAIL_HANDED_OVER = 14,    /* the log went to the OS: nothing more is measured */
};

/* Whether the firmware is to drive the TPM device `name` (the tpm setting
 * is not "off"; when it is, one line says so). */
bool tpm_wanted(const char *name);
/* Start the transport's TPM and learn its banks: 0, or a negative ERR_*
 * with one line logged (the firmware then measures nothing). */
int tpm_attach(struct tpm_transport *t);
/* The attached transport, working or not; NULL when there is none. */
struct tpm_transport *tpm_device(void);
/* Whether the attached TPM is in use: started, and nothing has failed. */
bool tpm_working(void);
/* Its active PCR banks the firmware hashes (bit 1 << alg). */
unsigned tpm_banks(void);
/* The reason the TPM is not (or no longer) used, in words and as a code. */
enum tpm_failure tpm_failure_reason(const char **text);
/* Stop using the TPM for `why` (logged as an error unless handed over). */
void tpm_stop(enum tpm_failure why, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* PCR_Extend with a digest in every bank: 0, or ERR_* (the TPM stopped). */
int tpm_extend(unsigned pcr, const struct tpm_digests *dg);
/* A random platform authorization value, so that nothing after the
 * firmware holds the platform hierarchy: 0, or ERR_* (the TPM stopped). */
int tpm_lock_platform(void);
/* A client's command (len bytes in buf), its response written over it (at
 * most cap bytes): the response's length, or a negative ERR_*. An error
 * the TPM answers is the client's to handle; a device that does not answer,
 * or answers nonsense, is stopped as for the firmware's own commands. */
int tpm_pass_through(uint8_t *buf, size_t len, size_t cap);

#endif
