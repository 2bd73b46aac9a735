/* SPDX-License-Identifier: BSD-2-Clause */
#include <mbedtls/sha1.h>
#include <mbedtls/sha256.h>
#include <mbedtls/sha512.h>
#include "hash.h"

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

/* mbedTLS reports errors only for hardware accelerators, which this
 * configuration has none of. */
void hash_digest(enum hash_alg alg, const void *data, size_t len, uint8_t *out)
{
    switch (alg) {
    case HASH_SHA1:
        mbedtls_sha1_ret(data, len, out);
        break;
    case HASH_SHA256:
        mbedtls_sha256_ret(data, len, out, 0);
        break;
    case HASH_SHA384:
        mbedtls_sha512_ret(data, len, out, 1);
        break;
    default:                       /* HASH_SHA512 */
        mbedtls_sha512_ret(data, len, out, 0);
        break;
    }
}
