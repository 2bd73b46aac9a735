#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# fetch-source.sh PACKAGE DIR: download the Debian source package PACKAGE
# (bookworm) into DIR unless it is cached there, and print the path of its
# upstream tarball (the .orig.tar.*). The system's apt configuration is left
# alone (mk/private-apt.sh); apt checks the files against the signed
# index. On failure: one line naming the package.
set -eu
pkg=$1; dir=$2
cached() { ls "$dir/${pkg}"_*.orig.tar.* 2>/dev/null | grep -v '\.asc$' | head -n 1; }
f=$(cached || true)
if [ -n "$f" ]; then echo "$f"; exit 0; fi
fail() { echo "fetch-source: cannot download the source of $pkg: $*" >&2; exit 1; }
. "$(dirname "$0")/private-apt.sh"
private_apt "$dir/src" deb-src bookworm || fail "$PRIVATE_APT_ERROR"
dir=$(cd "$dir" && pwd)
run_apt update || { sleep 3; run_apt update || true; }
(cd "$dir" && run_apt source --download-only "$pkg") || fail "$(private_apt_error)"
f=$(cached) || true
[ -n "$f" ] || fail "apt said it downloaded it, but no upstream tarball is in $dir"
echo "$f"
