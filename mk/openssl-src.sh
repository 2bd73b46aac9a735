#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# openssl-src.sh DL OUT: unpack from Debian's openssl source package
# (downloaded into DL) what the firmware's SHA block functions are generated
# from into OUT: OpenSSL's POWER SHA-1 and SHA-2 perlasm, the translator it
# runs through, and the license. Nothing else of OpenSSL is built.
set -eu
dl=$1; out=$2
[ -f "$out/.stamp" ] && exit 0
top=$(cd "$(dirname "$0")" && pwd)
tarball=$(sh "$top/fetch-source.sh" openssl "$dl")
rm -rf "$out" "$out.tmp"; mkdir -p "$out.tmp"
set -f                          # the patterns are for tar, not the shell
tar -xzf "$tarball" -C "$out.tmp" --wildcards '*/crypto/sha/asm/sha1-ppc.pl' \
  '*/crypto/sha/asm/sha512-ppc.pl' '*/crypto/perlasm/ppc-xlate.pl' '*/LICENSE.txt'
set +f
mv "$out.tmp"/* "$out"
rmdir "$out.tmp"
touch "$out/.stamp"
