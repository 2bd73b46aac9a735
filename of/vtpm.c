/* SPDX-License-Identifier: BSD-2-Clause */
/* The IEEE 1275 package on the vTPM's node (/vdevice/vtpm@...), with the
 * methods SLOF gives it: Linux's prom_init takes the event log with
 * sml-get-handover-size and sml-handover; GRUB measures what it loads with
 * 2hash-ext-log, and talks to the TPM with get-maximum-cmd-size and
 * pass-through-to-tpm. call-method passes the stack's top first, so each
 * method's arguments arrive last one first. */
#include <string.h>
#include "../tpm/measure.h"
#include "../tpm/tpm.h"
#include "cmem.h"
#include "instance.h"
#include "vtpm.h"

#define FORTH_TRUE 0xffffffffu

/* sml-get-allocated-size ( -- size ) */
static int m_allocated_size(struct of_instance *inst, const uint32_t *a, uint32_t na, uint32_t *r,
                            uint32_t nr)
{
    (void)inst, (void)a, (void)na;
    if (nr < 1)
        return OF_FAILED;
    r[0] = MEASURE_LOG_BYTES;
    return 0;
}

/* sml-get-handover-size ( -- size ): what the log holds. */
static int m_handover_size(struct of_instance *inst, const uint32_t *a, uint32_t na, uint32_t *r,
                           uint32_t nr)
{
    size_t len;
    (void)inst, (void)a, (void)na;
    if (nr < 1)
        return OF_FAILED;
    measure_log(&len);
    r[0] = (uint32_t)len;
    return 0;
}

/* sml-handover ( dest size -- bytes ): the log copied to dest, the rest of
 * the size cleared; 0 (prom_init's "SML handover failed") when there is no
 * log or it does not fit. Nothing is measured after it. */
static int m_handover(struct of_instance *inst, const uint32_t *a, uint32_t na, uint32_t *r,
                      uint32_t nr)
{
    size_t len;
    (void)inst;
    if (na < 2 || nr < 1)
        return OF_FAILED;
    const uint8_t *log = measure_log(&len);
    uint8_t *dst = cmem_ptr(a[1], a[0]);
    r[0] = 0;
    if (!log || !dst || a[0] < len)
        return 0;
    memcpy(dst, log, len);
    memset(dst + len, 0, a[0] - len);
    measure_handed_over();
    r[0] = (uint32_t)len;
    return 0;
}

/* get-failure-reason ( -- reason ) */
static int m_failure_reason(struct of_instance *inst, const uint32_t *a, uint32_t na, uint32_t *r,
                            uint32_t nr)
{
    const char *text;
    (void)inst, (void)a, (void)na;
    if (nr < 1)
        return OF_FAILED;
    r[0] = (uint32_t)tpm_failure_reason(&text);
    return 0;
}

/* 2hash-ext-log ( pcr type info info-len data data-len -- success? ):
 * data hashed in every bank and extended into the PCR, logged with info
 * as the event data. */
static int m_2hash_ext_log(struct of_instance *inst, const uint32_t *a, uint32_t na, uint32_t *r,
                           uint32_t nr)
{
    (void)inst;
    if (na < 6 || nr < 1)
        return OF_FAILED;
    const void *data = cmem_ptr(a[1], a[0]), *info = cmem_ptr(a[3], a[2]);
    r[0] = data && info && measure_now(a[5], a[4], data, a[0], info, a[2]) == 0 ? FORTH_TRUE : 0;
    return 0;
}

/* get-maximum-cmd-size ( -- size ) */
static int m_max_cmd_size(struct of_instance *inst, const uint32_t *a, uint32_t na, uint32_t *r,
                          uint32_t nr)
{
    (void)inst, (void)a, (void)na;
    if (nr < 1)
        return OF_FAILED;
    r[0] = tpm_device() ? (uint32_t)tpm_device()->max_size : 0;
    return 0;
}

/* pass-through-to-tpm ( buf size -- rsp-size ): the response written over
 * the command; 0 when the TPM cannot be asked. The buffer must hold the
 * largest response (get-maximum-cmd-size) where client memory allows. */
static int m_pass_through(struct of_instance *inst, const uint32_t *a, uint32_t na, uint32_t *r,
                          uint32_t nr)
{
    (void)inst;
    if (na < 2 || nr < 1)
        return OF_FAILED;
    size_t cap = tpm_device() ? tpm_device()->max_size : 0;
    if (cap < a[0])
        cap = a[0];
    uint8_t *buf = cmem_ptr(a[1], cap);
    if (!buf)
        buf = cmem_ptr(a[1], cap = a[0]);
    int n = buf ? tpm_pass_through(buf, a[0], cap) : -1;
    r[0] = n > 0 ? (uint32_t)n : 0;
    return 0;
}

static const struct of_method vtpm_methods[] = {
    { "sml-get-allocated-size", m_allocated_size },
    { "sml-get-handover-size", m_handover_size },
    { "sml-handover", m_handover },
    { "get-failure-reason", m_failure_reason },
    { "2hash-ext-log", m_2hash_ext_log },
    { "get-maximum-cmd-size", m_max_cmd_size },
    { "pass-through-to-tpm", m_pass_through },
    { NULL, NULL },
};
static const struct of_device vtpm_device = { .methods = vtpm_methods };

void of_vtpm_bind(void)
{
    struct tpm_transport *t = tpm_device();
    if (t)
        of_bind(t->node, &vtpm_device, NULL);
}
