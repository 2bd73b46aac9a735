/* SPDX-License-Identifier: BSD-2-Clause */
/* sha_blocks.h for host builds (unit tests, fuzz targets, coverage), which
 * cannot run the firmware's POWER assembly: mbedTLS's one-block compression
 * on a context holding the caller's state. */
#include <string.h>
#include <mbedtls/sha1.h>
#include <mbedtls/sha256.h>
#include <mbedtls/sha512.h>
#include "sha_blocks.h"

void sha1_block_data_order(uint32_t state[5], const void *data, size_t blocks)
{
    mbedtls_sha1_context c;
    mbedtls_sha1_init(&c);
    memcpy(c.state, state, sizeof(c.state));
    for (const unsigned char *p = data; blocks--; p += 64)
        mbedtls_internal_sha1_process(&c, p);
    memcpy(state, c.state, sizeof(c.state));
}

void sha256_block_ppc(uint32_t state[8], const void *data, size_t blocks)
{
    mbedtls_sha256_context c;
    mbedtls_sha256_init(&c);
    memcpy(c.state, state, sizeof(c.state));
    for (const unsigned char *p = data; blocks--; p += 64)
        mbedtls_internal_sha256_process(&c, p);
    memcpy(state, c.state, sizeof(c.state));
}

void sha512_block_ppc(uint64_t state[8], const void *data, size_t blocks)
{
    mbedtls_sha512_context c;
    mbedtls_sha512_init(&c);
    memcpy(c.state, state, sizeof(c.state));
    for (const unsigned char *p = data; blocks--; p += 128)
        mbedtls_internal_sha512_process(&c, p);
    memcpy(state, c.state, sizeof(c.state));
}
