#!/bin/sh
# Unpack upstream libfdt (scripts/dtc/libfdt of Debian's linux-source package) into $2.
# $1 is the downloaded linux-source .deb; only the libfdt files are extracted.
set -eu
deb=$1; out=$2
[ -f "$out/.stamp" ] && exit 0
rm -rf "$out" "$out.tmp"; mkdir -p "$out.tmp"
inner=$(dpkg-deb -c "$deb" | awk '{print $NF}' | grep -E 'linux-source-[0-9.]+\.tar\.xz$' | head -n 1)
dpkg-deb --fsys-tarfile "$deb" | tar -xO ".$inner" 2>/dev/null >"$out.tmp/src.tar.xz" || \
  dpkg-deb --fsys-tarfile "$deb" | tar -xO "$inner" >"$out.tmp/src.tar.xz"
tar -xJf "$out.tmp/src.tar.xz" -C "$out.tmp" --wildcards '*/scripts/dtc/libfdt/*'
mv "$out.tmp"/linux-source-*/scripts/dtc/libfdt "$out"
rm -rf "$out.tmp"
touch "$out/.stamp"
