#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# fetch-backport.sh PACKAGE:ARCH DIR: download one package from
# bookworm-backports into DIR (unless cached there) and print its path. The
# system's apt configuration is left alone (mk/private-apt.sh): the
# backports suite, only that architecture. On failure: one line naming the
# package.
set -eu
pkg=$1; dir=$2
name=${pkg%%:*}; arch=${pkg#*:}
cached() { ls "$dir/${name}"_*~bpo12*_"$arch".deb 2>/dev/null | head -n 1; }
f=$(cached || true)
if [ -n "$f" ]; then echo "$f"; exit 0; fi
fail() { echo "fetch-backport: cannot download $pkg from bookworm-backports: $*" >&2; exit 1; }
. "$(dirname "$0")/private-apt.sh"
private_apt "$dir" deb bookworm-backports "$arch" || fail "$PRIVATE_APT_ERROR"
dir=$(cd "$dir" && pwd)
# An index caught mid-sync gets one more try; the download decides.
run_apt update || { sleep 3; run_apt update || true; }
(cd "$dir" && run_apt download "$pkg/bookworm-backports") || fail "$(private_apt_error)"
f=$(cached) || true
[ -n "$f" ] || fail "apt said it downloaded it, but no .deb is in $dir"
echo "$f"
