/* SPDX-License-Identifier: BSD-2-Clause */
/* Digests for measured boot: SHA-1, SHA-256, SHA-384 and SHA-512, the hashes
 * of a TPM's PCR banks, computed by mbedTLS (built from Debian's source
 * package into build/, never copied here). Pure: no state, no I/O. */
#ifndef CRYPTO_HASH_H
#define CRYPTO_HASH_H

#include <stddef.h>
#include <stdint.h>

enum hash_alg { HASH_SHA1, HASH_SHA256, HASH_SHA384, HASH_SHA512, HASH_ALGS };

#define HASH_MAX_SIZE 64

/* The digest's size in bytes. */
unsigned hash_size(enum hash_alg alg);
/* "sha1", "sha256", ...: as Linux names a PCR bank (pcr-sha256). */
const char *hash_name(enum hash_alg alg);
/* The digest of len bytes at data into out (hash_size(alg) bytes). */
void hash_digest(enum hash_alg alg, const void *data, size_t len, uint8_t *out);

#endif
