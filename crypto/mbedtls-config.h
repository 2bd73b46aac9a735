/* SPDX-License-Identifier: BSD-2-Clause */
/* mbedTLS as the firmware builds it (MBEDTLS_CONFIG_FILE): the four hashes
 * a TPM's PCR banks use, nothing else. The unrolled (default) forms: images
 * of tens of megabytes are hashed once per bank, and speed matters more
 * than the few kilobytes the smaller forms save. */
#ifndef CRYPTO_MBEDTLS_CONFIG_H
#define CRYPTO_MBEDTLS_CONFIG_H

#define MBEDTLS_SHA1_C
#define MBEDTLS_SHA256_C
#define MBEDTLS_SHA512_C

#include <mbedtls/check_config.h>

#endif
