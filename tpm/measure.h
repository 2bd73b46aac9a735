/* SPDX-License-Identifier: BSD-2-Clause */
/* Measured boot: what decides what runs, extended into the TPM's PCRs and
 * recorded in the event log (docs/reference.md#measured-boot says what goes
 * where). Everything here does nothing when no TPM works, so callers
 * measure unconditionally; a failure stops measuring with one line and the
 * boot goes on. The log is started at the first measurement. */
#ifndef TPM_MEASURE_H
#define TPM_MEASURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The log's size: SLOF's, the vTPM firmware interface's 256 KiB. */
#define MEASURE_LOG_BYTES 0x40000

/* PCR 0: the firmware's version, and its image as shipped (len bytes at
 * image): EV_S_CRTM_VERSION and EV_S_CRTM_CONTENTS. */
void measure_firmware(const void *image, size_t len, const char *version);

/* A measurement for the hand-off: the digest of len bytes at data taken now
 * (while the loader has them), recorded with `event` as its event data when
 * measure_handoff runs, in the order staged; measure_discard drops what a
 * failed boot attempt staged. */
void measure_stage(unsigned pcr, uint32_t type, const void *data, uint64_t len, const void *event,
                   uint32_t elen);
/* The same with printf-style text as the event data. */
void measure_stage_text(unsigned pcr, uint32_t type, const void *data, uint64_t len,
                        const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void measure_discard(void);
/* Just before the boot program's first instruction: what was staged, then
 * EV_SEPARATOR in PCRs 0-7, then a random platform authorization. */
void measure_handoff(void);

/* A client's measurement (2hash-ext-log), extended and logged at once: 0,
 * or a negative ERR_* (no working TPM, the log handed over or full). */
int measure_now(unsigned pcr, uint32_t type, const void *data, uint64_t len, const void *event,
                uint32_t elen);

/* The log as it stands (NULL when there is none) and its length. */
const uint8_t *measure_log(size_t *len);
/* The log was copied out for the OS (sml-handover): nothing more goes in. */
void measure_handed_over(void);

#endif
