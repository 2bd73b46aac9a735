#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# payload.sh CACHE: the test payload from Debian packages, kept under
# CACHE/payload (the .debs under CACHE/dl), so a second run needs no network:
#   vmlinux         Debian 12's ppc64le installer kernel (Linux 6.1)
#   initrd-test.gz  its initrd with our /init appended (tests/init.sh) and
#                   the disk and display drivers it checks with in
#                   /sluice-modules
# On failure: one line saying what could not be had, and a non-zero exit.
set -eu
cache=$1
here=$(cd "$(dirname "$0")" && pwd)
out="$cache/payload"
fail() { echo "payload: $*" >&2; exit 1; }
mkdir -p "$out" 2>/dev/null && [ -w "$out" ] ||
  fail "cannot write the payload cache $out (SLUICE_CACHE=$cache)"
fetch() { sh "$here/../mk/fetch-deb.sh" "$1" "$cache/dl" || exit 1; }
if [ ! -f "$out/vmlinux" ] || [ ! -f "$out/initrd.gz" ]; then
  deb=$(fetch debian-installer-12-netboot-ppc64el)
  rm -rf "$out/x"; mkdir -p "$out/x"
  dpkg-deb -x "$deb" "$out/x"
  d=$(dirname "$(find "$out/x" -path '*ppc64el/text/*' -name vmlinux | head -n 1)")
  [ -f "$d/vmlinux" ] || fail "$deb holds no ppc64el vmlinux"
  cp "$d/initrd.gz" "$out/"
  cp "$d/vmlinux" "$out/vmlinux.tmp" && mv "$out/vmlinux.tmp" "$out/vmlinux"
  rm -rf "$out/x"
fi
# The installer's initrd lacks the disk drivers the tests check with (d-i
# loads them later), and the display, USB keyboard and storage, virtio
# console and e1000 drivers: take
# them, and what they need, from the Debian kernel package of exactly the
# same version.
modules="virtio_pci virtio_blk virtio_scsi ibmvscsi sd_mod sr_mod nvme bochs xhci_pci usbhid hid_generic
virtio_console e1000 e1000e usb_storage"
if [ ! -f "$out/modules/order" ] || [ "$here/payload.sh" -nt "$out/modules/order" ]; then
  kver=$(zcat "$out/initrd.gz" | cpio -t --quiet 2>/dev/null | sed -n 's|^lib/modules/\([^/]*\)/.*|\1|p' | head -n 1)
  [ -n "$kver" ] || fail "cannot tell the kernel version from $out/initrd.gz"
  deb=$(fetch "linux-image-$kver:ppc64el")
  rm -rf "$out/k" "$out/modules"; mkdir -p "$out/k"
  dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$out/k" --wildcards "./lib/modules/$kver/kernel/*" "./lib/modules/$kver/modules.builtin"
  python3 "$here/kmods.py" "$out/k/lib/modules/$kver" "$out/modules" $modules ||
    fail "cannot take the modules $modules from $deb"
  rm -rf "$out/k"
fi
if [ ! -f "$out/initrd-test.gz" ] || [ "$here/init.sh" -nt "$out/initrd-test.gz" ] ||
   [ "$out/modules/order" -nt "$out/initrd-test.gz" ]; then
  rm -rf "$out/root"; mkdir -p "$out/root"
  cp "$here/init.sh" "$out/root/init"; chmod 755 "$out/root/init"
  cp -r "$out/modules" "$out/root/sluice-modules"
  (cd "$out/root" && find . -mindepth 1 | sed 's|^\./||' | cpio -o -H newc -R 0:0 --quiet | gzip -9) > "$out/extra.cpio.gz"
  cat "$out/initrd.gz" "$out/extra.cpio.gz" > "$out/initrd-test.gz.tmp"
  mv "$out/initrd-test.gz.tmp" "$out/initrd-test.gz"
  rm -rf "$out/root" "$out/extra.cpio.gz"
fi
