/* SPDX-License-Identifier: BSD-2-Clause */
/* TPM 2.0 commands the firmware sends, built into a buffer, and the TPM's
 * responses parsed: pure functions of bytes (host-tested and fuzzed; a
 * response is whatever the device wrote). Fields are big-endian, as the
 * TPM 2.0 library specification (part 3) lays them out. */
#ifndef TPM_TPM2_H
#define TPM_TPM2_H

#include <stddef.h>
#include <stdint.h>
#include "../crypto/hash.h"

#define TPM2_HEADER_BYTES 10        /* tag, size, command or response code */
/* The largest command the firmware builds: PCR_Extend with all four banks. */
#define TPM2_CMD_MAX 512

#define TPM2_ALG_SHA1 0x0004
#define TPM2_ALG_SHA256 0x000b
#define TPM2_ALG_SHA384 0x000c
#define TPM2_ALG_SHA512 0x000d

#define TPM2_RC_SUCCESS 0x000
#define TPM2_RC_INITIALIZE 0x100     /* Startup already done (by an earlier boot) */

#define TPM2_PCRS 24                 /* PC Client: PCRs 0-23 */

/* A digest of the same data in each bank `banks` has (bit 1 << alg), as
 * TPML_DIGEST_VALUES carries them and the event log records them. */
struct tpm_digests {
    unsigned banks;
    uint8_t d[HASH_ALGS][HASH_MAX_SIZE];
};

/* Faults of a response, with tpm2_strerror's words for them. */
enum {
    TPM2_ERR_SHORT = -1,          /* shorter than its header, or than its size says */
    TPM2_ERR_SIZE = -2,           /* its size field disagrees with what arrived */
    TPM2_ERR_TAG = -3,            /* neither of the response tags */
    TPM2_ERR_MALFORMED = -4,      /* the parameters do not parse */
};
const char *tpm2_strerror(int err);

/* The TPM algorithm ID of a bank, and back (HASH_ALGS for an algorithm the
 * firmware cannot hash, such as SM3). */
uint16_t tpm2_alg_id(enum hash_alg alg);
enum hash_alg tpm2_alg_of(uint16_t id);

/* Each builds one command into cmd (TPM2_CMD_MAX bytes) and returns its
 * length. Commands that need authorization use an empty password session,
 * the authorization the hierarchies and PCRs have after TPM2_Startup. */
size_t tpm2_cmd_startup(uint8_t *cmd);                      /* Startup(SU_CLEAR) */
size_t tpm2_cmd_get_pcr_banks(uint8_t *cmd);                /* GetCapability(PCRS) */
size_t tpm2_cmd_pcr_extend(uint8_t *cmd, unsigned pcr, const struct tpm_digests *dg);
size_t tpm2_cmd_get_random(uint8_t *cmd, uint16_t bytes);
/* HierarchyChangeAuth(TPM_RH_PLATFORM, auth): len at most 32. */
size_t tpm2_cmd_set_platform_auth(uint8_t *cmd, const uint8_t *auth, uint16_t len);

/* A response of len bytes: 0 with its response code in *rc, or TPM2_ERR_*. */
int tpm2_response(const uint8_t *rsp, size_t len, uint32_t *rc);
/* A successful GetCapability(PCRS) response: in *active the banks (bit
 * 1 << alg) with at least one PCR allocated, in *unhashable how many
 * allocated banks use an algorithm the firmware cannot hash. 0 or
 * TPM2_ERR_*. */
int tpm2_parse_pcr_banks(const uint8_t *rsp, size_t len, unsigned *active, unsigned *unhashable);
/* A successful GetRandom response: the bytes it gave (at most `want`) into
 * out; their number, or TPM2_ERR_*. */
int tpm2_parse_random(const uint8_t *rsp, size_t len, uint8_t *out, uint16_t want);

/* A response code in words: "TPM_RC_FAILURE (0x101)", or its format and
 * number for one not named here. */
void tpm2_rc_text(uint32_t rc, char *out, size_t outlen);

#endif
