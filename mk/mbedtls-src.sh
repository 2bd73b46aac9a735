#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# mbedtls-src.sh DL OUT: unpack the parts of mbedTLS (Debian's mbedtls source
# package, downloaded into DL) that the firmware's hashing uses into OUT:
# the files mk/mbedtls-files names, the headers, and the license.
set -eu
dl=$1; out=$2
[ -f "$out/.stamp" ] && exit 0
top=$(cd "$(dirname "$0")" && pwd)
tarball=$(sh "$top/fetch-source.sh" mbedtls "$dl")
rm -rf "$out" "$out.tmp"; mkdir -p "$out.tmp"
files="*/include/mbedtls/*.h */library/common.h */LICENSE"
for f in $(cat "$top/mbedtls-files"); do files="$files */$f"; done
set -f                          # the patterns are for tar, not the shell
tar -xzf "$tarball" -C "$out.tmp" --wildcards $files
set +f
mv "$out.tmp"/* "$out"
rmdir "$out.tmp"
touch "$out/.stamp"
