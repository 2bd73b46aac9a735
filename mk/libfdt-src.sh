#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# libfdt-src.sh DL OUT: unpack upstream libfdt (scripts/dtc/libfdt of Debian's
# linux-source package, downloaded into DL) into OUT; only the libfdt files
# are extracted.
set -eu
dl=$1; out=$2
[ -f "$out/.stamp" ] && exit 0
deb=$(sh "$(dirname "$0")/fetch-deb.sh" linux-source-6.1 "$dl")
rm -rf "$out" "$out.tmp"; mkdir -p "$out.tmp"
inner=$(dpkg-deb -c "$deb" | awk '{print $NF}' | grep -E 'linux-source-[0-9.]+\.tar\.xz$' | head -n 1)
dpkg-deb --fsys-tarfile "$deb" | tar -xO ".$inner" 2>/dev/null >"$out.tmp/src.tar.xz" || \
  dpkg-deb --fsys-tarfile "$deb" | tar -xO "$inner" >"$out.tmp/src.tar.xz"
tar -xJf "$out.tmp/src.tar.xz" -C "$out.tmp" --wildcards '*/scripts/dtc/libfdt/*'
mv "$out.tmp"/linux-source-*/scripts/dtc/libfdt "$out"
rm -rf "$out.tmp"
touch "$out/.stamp"
