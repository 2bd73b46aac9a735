/* SPDX-License-Identifier: BSD-2-Clause */
#include <mbedtls/sha1.h>
#include <mbedtls/sha256.h>
#include <mbedtls/sha512.h>
#include "hash.h"
#include "sha_blocks.h"

static const struct {
    const char *name;
    unsigned size;
} algs[HASH_ALGS] = {
    [HASH_SHA1] = { "sha1", 20 },
    [HASH_SHA256] = { "sha256", 32 },
    [HASH_SHA384] = { "sha384", 48 },
    [HASH_SHA512] = { "sha512", 64 },
};

unsigned hash_size(enum hash_alg alg)
{
    return algs[alg].size;
}

const char *hash_name(enum hash_alg alg)
{
    return algs[alg].name;
}

/* The whole blocks go to the block functions in one call (sha_blocks.h);
 * the rest, the padding and the length to mbedTLS, its context told how
 * many bytes went before (`total`, a byte count split over two words).
 * mbedTLS reports errors only for hardware accelerators, which this
 * configuration has none of. */
static void sha1(const uint8_t *p, size_t len, uint8_t *out)
{
    mbedtls_sha1_context c;
    size_t whole = len - len % 64;
    mbedtls_sha1_init(&c);
    mbedtls_sha1_starts_ret(&c);
    if (whole) {
        sha1_block_data_order(c.state, p, whole / 64);
        c.total[0] = (uint32_t)whole;
        c.total[1] = (uint32_t)((uint64_t)whole >> 32);
    }
    mbedtls_sha1_update_ret(&c, p + whole, len - whole);
    mbedtls_sha1_finish_ret(&c, out);
    mbedtls_sha1_free(&c);
}

static void sha256(const uint8_t *p, size_t len, uint8_t *out)
{
    mbedtls_sha256_context c;
    size_t whole = len - len % 64;
    mbedtls_sha256_init(&c);
    mbedtls_sha256_starts_ret(&c, 0);
    if (whole) {
        sha256_block_ppc(c.state, p, whole / 64);
        c.total[0] = (uint32_t)whole;
        c.total[1] = (uint32_t)((uint64_t)whole >> 32);
    }
    mbedtls_sha256_update_ret(&c, p + whole, len - whole);
    mbedtls_sha256_finish_ret(&c, out);
    mbedtls_sha256_free(&c);
}

static void sha512(const uint8_t *p, size_t len, uint8_t *out, int is384)
{
    mbedtls_sha512_context c;
    size_t whole = len - len % 128;
    mbedtls_sha512_init(&c);
    mbedtls_sha512_starts_ret(&c, is384);
    if (whole) {
        sha512_block_ppc(c.state, p, whole / 128);
        c.total[0] = whole;
        c.total[1] = 0;
    }
    mbedtls_sha512_update_ret(&c, p + whole, len - whole);
    mbedtls_sha512_finish_ret(&c, out);
    mbedtls_sha512_free(&c);
}

void hash_digest(enum hash_alg alg, const void *data, size_t len, uint8_t *out)
{
    switch (alg) {
    case HASH_SHA1:
        sha1(data, len, out);
        break;
    case HASH_SHA256:
        sha256(data, len, out);
        break;
    case HASH_SHA384:
        sha512(data, len, out, 1);
        break;
    default:                       /* HASH_SHA512 */
        sha512(data, len, out, 0);
        break;
    }
}
