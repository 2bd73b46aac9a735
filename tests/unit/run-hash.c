/* SPDX-License-Identifier: BSD-2-Clause */
/* The four PCR-bank hashes against FIPS 180's examples: "abc", the empty
 * message, and a million 'a's fed as one buffer (several blocks, and a
 * length past 2^16 bits); and every length around the block boundaries
 * against mbedTLS's own one-shot functions, since the digest splits data
 * into whole blocks (the block functions) and the rest (mbedTLS).
 * NEEDS_MBEDTLS */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "crypto/hash.c"

static void hex(const uint8_t *d, unsigned n, char *out)
{
    for (unsigned i = 0; i < n; i++)
        sprintf(out + 2 * i, "%02x", d[i]);
}

static void expect(enum hash_alg alg, const void *data, size_t len, const char *want)
{
    uint8_t d[HASH_MAX_SIZE];
    char got[2 * HASH_MAX_SIZE + 1];
    hash_digest(alg, data, len, d);
    hex(d, hash_size(alg), got);
    assert_string_equal(got, want);
}

static void abc(void **state)
{
    (void)state;
    expect(HASH_SHA1, "abc", 3, "a9993e364706816aba3e25717850c26c9cd0d89d");
    expect(HASH_SHA256, "abc", 3, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(HASH_SHA384, "abc", 3,
           "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed"
           "8086072ba1e7cc2358baeca134c825a7");
    expect(HASH_SHA512, "abc", 3,
           "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
           "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
}

static void empty(void **state)
{
    (void)state;
    expect(HASH_SHA1, "", 0, "da39a3ee5e6b4b0d3255bfef95601890afd80709");
    expect(HASH_SHA256, "", 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

static void million_a(void **state)
{
    (void)state;
    char *a = malloc(1000000);
    assert_non_null(a);
    memset(a, 'a', 1000000);
    expect(HASH_SHA1, a, 1000000, "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
    expect(HASH_SHA256, a, 1000000, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    expect(HASH_SHA512, a, 1000000,
           "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973eb"
           "de0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b");
    free(a);
}

/* mbedTLS alone, unsplit: what hash_digest must equal for any length. */
static void reference(enum hash_alg alg, const uint8_t *data, size_t len, uint8_t *out)
{
    if (alg == HASH_SHA1)
        mbedtls_sha1_ret(data, len, out);
    else if (alg == HASH_SHA256)
        mbedtls_sha256_ret(data, len, out, 0);
    else
        mbedtls_sha512_ret(data, len, out, alg == HASH_SHA384);
}

static void any_length_equals_mbedtls_alone(void **state)
{
    (void)state;
    const size_t big[] = { 64 * 1000 + 17, 128 * 999 + 127, (1u << 20) + 3 };
    size_t max = big[2];
    uint8_t *data = malloc(max), want[HASH_MAX_SIZE], got[HASH_MAX_SIZE];
    assert_non_null(data);
    for (size_t i = 0; i < max; i++)
        data[i] = (uint8_t)(i * 131 + (i >> 9));
    for (unsigned a = 0; a < HASH_ALGS; a++) {
        for (size_t len = 0; len < 3 * 128 + 2; len++) {
            reference((enum hash_alg)a, data + 1, len, want);      /* unaligned, too */
            hash_digest((enum hash_alg)a, data + 1, len, got);
            assert_memory_equal(got, want, hash_size((enum hash_alg)a));
        }
        for (unsigned i = 0; i < 3; i++) {
            reference((enum hash_alg)a, data, big[i], want);
            hash_digest((enum hash_alg)a, data, big[i], got);
            assert_memory_equal(got, want, hash_size((enum hash_alg)a));
        }
    }
    free(data);
}

static void names_and_sizes(void **state)
{
    (void)state;
    assert_string_equal(hash_name(HASH_SHA384), "sha384");
    assert_int_equal(hash_size(HASH_SHA1), 20);
    assert_int_equal(hash_size(HASH_SHA512), 64);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(abc),
        cmocka_unit_test(empty),
        cmocka_unit_test(million_a),
        cmocka_unit_test(any_length_equals_mbedtls_alone),
        cmocka_unit_test(names_and_sizes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
