#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# host-cc.sh unit|coverage|fuzz BUILD OUT SOURCE: build one host test
# program that includes the firmware sources it tests (skiboot's habit), the
# one recipe the unit tests, the coverage build and the fuzz targets share.
#   unit      gcc, ASan + UBSan, no recovery, cmocka
#   coverage  gcc with gcov counters, no sanitizers (they would count their
#             own branches), cmocka
#   fuzz      clang's libFuzzer, ASan + UBSan, no recovery
# A source that says NEEDS_LIBFDT is linked with libfdt from BUILD/libfdt-src,
# one that says NEEDS_MBEDTLS with mbedTLS from BUILD/mbedtls-src (the files
# mk/libfdt-files and mk/mbedtls-files name, the lists the firmware build
# uses too, with the firmware's mbedTLS configuration) and, for the SHA block
# functions the firmware takes from OpenSSL's POWER assembly, their C form
# crypto/sha_blocks_c.c.
set -eu
kind=$1; build=$2; out=$3; src=$4
top=$(cd "$(dirname "$0")/.." && pwd)
fdt="$build/libfdt-src"; mbedtls="$build/mbedtls-src"
common="-std=gnu11 -g -Wall -Wextra -Werror -Dsniprintf=snprintf -Dvsniprintf=vsnprintf \
 -I$top -I$top/board -I$fdt -isystem $mbedtls/include \
 -DMBEDTLS_CONFIG_FILE=\"$top/crypto/mbedtls-config.h\" -I$(dirname "$src")"
sanitize="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
extra=""
if grep -q NEEDS_LIBFDT "$src"; then
  for f in $(cat "$top/mk/libfdt-files"); do extra="$extra $fdt/$f"; done
fi
if grep -q NEEDS_MBEDTLS "$src"; then
  for f in $(cat "$top/mk/mbedtls-files"); do extra="$extra $mbedtls/$f"; done
  extra="$extra $top/crypto/sha_blocks_c.c"
fi
case $kind in
  unit)     exec gcc $common -O1 $sanitize -o "$out" "$src" $extra -lcmocka ;;
  coverage) exec gcc $common -O0 --coverage -o "$out" "$src" $extra -lcmocka ;;
  fuzz)     exec clang $common -O1 -Wno-unused-function -fsanitize=fuzzer $sanitize \
              -o "$out" "$src" $extra ;;
esac
echo "host-cc.sh: unknown kind '$kind'" >&2
exit 2
