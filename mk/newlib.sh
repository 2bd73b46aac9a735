#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Build newlib for the firmware from Debian's newlib-source into $1 (build/newlib).
# The result is a libc.a and headers; a stamp file makes a rebuild a no-op.
set -eu
out=$(realpath -m "$1")
mk=$(cd "$(dirname "$0")" && pwd)
[ -f "$out/.stamp" ] && exit 0
tarball=$(ls /usr/src/newlib/newlib-*.tar.xz | head -n 1)
work="$out.work"
rm -rf "$work" "$out"
mkdir -p "$work/obj"
tar -xJf "$tarball" -C "$work"
src=$(ls -d "$work"/newlib-*/ | head -n 1)
cd "$work/obj"
"$src/configure" --target=powerpc64-elf --prefix="$out" --disable-multilib \
  --disable-newlib-supplied-syscalls --enable-newlib-reent-small \
  --enable-newlib-nano-malloc --enable-lite-exit --disable-newlib-io-float \
  --enable-newlib-nano-formatted-io \
  CC_FOR_TARGET="$mk/target-cc" AR_FOR_TARGET=powerpc64-linux-gnu-ar \
  RANLIB_FOR_TARGET=powerpc64-linux-gnu-ranlib AS_FOR_TARGET=powerpc64-linux-gnu-as \
  LD_FOR_TARGET=powerpc64-linux-gnu-ld NM_FOR_TARGET=powerpc64-linux-gnu-nm >configure.log 2>&1
make -j"$(nproc)" all-target-newlib >build.log 2>&1
make install-target-newlib >install.log 2>&1
touch "$out/.stamp"
rm -rf "$work"
