/* SPDX-License-Identifier: BSD-2-Clause */
/* The measurement log in the TCG's crypto-agile format (TCG PC Client
 * Platform Firmware Profile, "TCG_PCR_EVENT2"), as Linux exports it in
 * binary_bios_measurements and tpm2_eventlog reads it: a Spec ID event
 * naming the PCR banks, then one record per measurement with a digest in
 * every bank. Little-endian throughout. Writing and reading it are pure
 * functions of the buffer (host-tested and fuzzed). */
#ifndef TPM_TCGLOG_H
#define TPM_TCGLOG_H

#include <stddef.h>
#include <stdint.h>
#include "tpm2.h"

/* Event types (TCG PC Client Platform Firmware Profile, 10.4.1). */
#define EV_NO_ACTION 0x03
#define EV_SEPARATOR 0x04
#define EV_ACTION 0x05
#define EV_S_CRTM_CONTENTS 0x07
#define EV_S_CRTM_VERSION 0x08
#define EV_PLATFORM_CONFIG_FLAGS 0x0a
#define EV_IPL 0x0d
#define EV_IPL_PARTITION_DATA 0x0e
#define EV_EFI_GPT_EVENT 0x80000006

struct tcglog {
    uint8_t *buf;
    size_t cap, used;
    unsigned banks;              /* bit 1 << alg for each bank the log records */
};

/* Start a log in buf with its Spec ID event for `banks`: 0, or ERR_FULL
 * when cap cannot hold it. */
int tcglog_init(struct tcglog *log, uint8_t *buf, size_t cap, unsigned banks);
/* The bytes a record with `len` bytes of event data takes. */
size_t tcglog_record_size(const struct tcglog *log, size_t len);
/* Append a record (dg must hold every bank of the log): 0, or ERR_FULL
 * (nothing written) when it does not fit. */
int tcglog_append(struct tcglog *log, unsigned pcr, uint32_t type, const struct tpm_digests *dg,
                  const void *data, size_t len);

/* Reading a log back. */
struct tcglog_event {
    unsigned pcr;
    uint32_t type;
    struct tpm_digests dg;
    const uint8_t *data;
    uint32_t len;
};
enum {
    TCGLOG_ERR_HEADER = -1,      /* no Spec ID event, or one naming banks it cannot have */
    TCGLOG_ERR_RECORD = -2,      /* a record runs past the end or disagrees with the header */
};
/* The Spec ID event at the start of log: the banks it names, and where
 * the first record starts. 0 or TCGLOG_ERR_HEADER. */
int tcglog_header(const uint8_t *log, size_t len, unsigned *banks, size_t *first);
/* The record at *pos (banks from tcglog_header), *pos moved past it: 1,
 * 0 at the end of the log, or TCGLOG_ERR_RECORD. */
int tcglog_next(const uint8_t *log, size_t len, unsigned banks, size_t *pos, struct tcglog_event *ev);
/* A type's name: "EV_IPL"; "event type 0x..." for others, in buf. */
const char *tcglog_type_name(uint32_t type, char *buf, size_t buflen);

#endif
