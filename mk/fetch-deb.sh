#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# fetch-deb.sh PACKAGE[:ARCH] DIR: download one Debian package (.deb) into DIR
# unless already cached there, and print the path of the cached file. A
# foreign architecture (ppc64el) is added to dpkg first. On failure: one line
# naming the package, and a non-zero exit.
set -eu
pkg=$1; dir=$2
name=${pkg%%:*}
arch=${pkg#*:}; [ "$arch" = "$pkg" ] && arch=""
cached() { ls "$dir/${name}"_*${arch:+_$arch}.deb 2>/dev/null | head -n 1; }
f=$(cached || true)
if [ -z "$f" ]; then
  mkdir -p "$dir" 2>/dev/null && [ -w "$dir" ] || {
    echo "fetch-deb: cannot download $pkg: the cache directory $dir cannot be written" >&2; exit 1; }
  . "$(dirname "$0")/apt.sh"
  if [ -n "$arch" ] && [ "$arch" != "$(dpkg --print-architecture)" ] &&
     ! dpkg --print-foreign-architectures | grep -qx "$arch"; then
    $SUDO dpkg --add-architecture "$arch"
    apt_update
  fi
  download() { (cd "$dir" && apt-get download "$pkg" >"$APT_LOG" 2>&1); }
  if ! download; then
    apt_update
    download || {
      echo "fetch-deb: cannot download $pkg: $(apt_last_error)$APT_UPDATE_NOTE (try: sudo apt-get update && apt-get download $pkg)" >&2
      exit 1; }
  fi
  f=$(cached)
fi
echo "$f"
