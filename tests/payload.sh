#!/bin/sh
# Test payload from Debian packages, cached under $1/payload:
#   vmlinux         Debian 12's ppc64le installer kernel (Linux 6.1)
#   initrd-test.gz  its initrd with our /init appended (tests/init.sh)
set -eu
B=$1
here=$(cd "$(dirname "$0")" && pwd)
out="$B/payload"
mkdir -p "$out"
if [ ! -f "$out/vmlinux" ] || [ ! -f "$out/initrd.gz" ]; then
  deb=$(sh "$here/../mk/fetch-deb.sh" debian-installer-12-netboot-ppc64el "$B/dl")
  rm -rf "$out/x"; mkdir -p "$out/x"
  dpkg-deb -x "$deb" "$out/x"
  d=$(dirname "$(find "$out/x" -path '*ppc64el/text/*' -name vmlinux | head -n 1)")
  cp "$d/vmlinux" "$d/initrd.gz" "$out/"
  rm -rf "$out/x"
fi
# The installer's initrd lacks virtio_blk (d-i loads disk drivers later):
# take it from the Debian kernel package of exactly the same version.
if [ ! -f "$out/virtio_blk.ko" ]; then
  kver=$(zcat "$out/initrd.gz" | cpio -t --quiet 2>/dev/null | sed -n 's|^lib/modules/\([^/]*\)/.*|\1|p' | head -n 1)
  deb=$(sh "$here/../mk/fetch-deb.sh" "linux-image-$kver:ppc64el" "$B/dl")
  rm -rf "$out/k"; mkdir -p "$out/k"
  dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$out/k" --wildcards '*/virtio_blk.ko*'
  ko=$(find "$out/k" -name 'virtio_blk.ko*' | head -n 1)
  case "$ko" in
    *.xz) xz -dc "$ko" > "$out/virtio_blk.ko" ;;
    *) cp "$ko" "$out/virtio_blk.ko" ;;
  esac
  rm -rf "$out/k"
fi
if [ ! -f "$out/initrd-test.gz" ] || [ "$here/init.sh" -nt "$out/initrd-test.gz" ] ||
   [ "$out/virtio_blk.ko" -nt "$out/initrd-test.gz" ]; then
  rm -rf "$out/root"; mkdir -p "$out/root"
  cp "$here/init.sh" "$out/root/init"; chmod 755 "$out/root/init"
  cp "$out/virtio_blk.ko" "$out/root/virtio_blk.ko"
  (cd "$out/root" && printf 'init\nvirtio_blk.ko\n' | cpio -o -H newc -R 0:0 --quiet | gzip -9) > "$out/extra.cpio.gz"
  cat "$out/initrd.gz" "$out/extra.cpio.gz" > "$out/initrd-test.gz.tmp"
  mv "$out/initrd-test.gz.tmp" "$out/initrd-test.gz"
  rm -rf "$out/root" "$out/extra.cpio.gz"
fi
