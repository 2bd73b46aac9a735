/* SPDX-License-Identifier: BSD-2-Clause */
/* SHA compression over many whole blocks in one call: the chaining state
 * (as mbedTLS's contexts keep it: native-endian words) advanced by `blocks`
 * 64-byte blocks (128-byte for SHA-512 and SHA-384). blocks must be at
 * least 1. The firmware links OpenSSL's POWER code, generated at build time
 * from Debian's openssl source package (its CRYPTOGAMS perlasm): it keeps
 * the message schedule in registers, where mbedTLS's C keeps it in memory,
 * and a memory access costs several times an ALU instruction under TCG
 * (about 2x faster SHA-256 there). Host builds link sha_blocks_c.c, the
 * same functions over mbedTLS's one-block C. The names are OpenSSL's. */
#ifndef CRYPTO_SHA_BLOCKS_H
#define CRYPTO_SHA_BLOCKS_H

#include <stddef.h>
#include <stdint.h>

void sha1_block_data_order(uint32_t state[5], const void *data, size_t blocks);
void sha256_block_ppc(uint32_t state[8], const void *data, size_t blocks);
void sha512_block_ppc(uint64_t state[8], const void *data, size_t blocks);

#endif
