#!/bin/sh
# Install whatever Debian packages the build and tests need and are missing.
# Idempotent and quiet when everything is present, so `make` can call it each time.
set -eu
pkgs="gcc-powerpc64-linux-gnu binutils-powerpc64-linux-gnu qemu-system-ppc
device-tree-compiler newlib-source libcmocka-dev cpio gzip xz-utils
fdisk e2fsprogs grub-common make gcc libc6-dev bc gawk clang libclang-rt-14-dev gcovr"
missing=""
for p in $pkgs; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "deps: installing$missing"
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
