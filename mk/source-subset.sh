#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# source-subset.sh PACKAGE DL OUT PATTERN...: unpack from the upstream
# tarball of Debian's source package PACKAGE (downloaded into DL) only the
# files the tar PATTERNs match (each under the tarball's top folder, "*/"),
# into OUT, and stamp OUT. The firmware builds mbedTLS's hashes and
# OpenSSL's SHA perlasm this way, nothing else of either.
set -eu
pkg=$1; dl=$2; out=$3; shift 3
[ -f "$out/.stamp" ] && exit 0
top=$(cd "$(dirname "$0")" && pwd)
tarball=$(sh "$top/fetch-source.sh" "$pkg" "$dl")
rm -rf "$out" "$out.tmp"; mkdir -p "$out.tmp"
set -f                          # the patterns are for tar, not the shell
files=""
for p in "$@"; do files="$files */$p"; done
tar -xzf "$tarball" -C "$out.tmp" --wildcards $files
set +f
mv "$out.tmp"/* "$out"
rmdir "$out.tmp"
touch "$out/.stamp"
