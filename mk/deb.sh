#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# mk/deb.sh IMAGE VERSION OUTDIR: the Debian binary package
# sluice-firmware_VERSION_all.deb in OUTDIR, built with dpkg-deb from a
# staging tree beside it. It installs the firmware where QEMU looks for
# -bios names (/usr/share/qemu, as qemu-system-data's slof.bin) and the
# documents a user needs under /usr/share/doc/sluice-firmware. Native
# package (the version has no Debian revision): the changelog says which
# commit it was built from; the history is git's.
set -eu
image=$1; version=$2; out=$3
top=$(cd "$(dirname "$0")/.." && pwd)
pkg=sluice-firmware
stage="$out/$pkg.stage"
doc="$stage/usr/share/doc/$pkg"
deb="$out/${pkg}_${version}_all.deb"

rm -rf "$stage"
install -D -m 0644 "$image" "$stage/usr/share/qemu/sluice.bin"
install -d -m 0755 "$doc" "$stage/DEBIAN"
# Policy: documents over 4 KiB are compressed (gzip -9n: no name or time in
# the header, so the same input gives the same package).
for f in README.md docs/reference.md docs/bindings/sluice-dma.md docs/libvirt.md; do
  [ -f "$top/$f" ] || continue
  gzip -9n < "$top/$f" > "$doc/$(basename "$f").gz"
done

commit=$(git -C "$top" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
date=$(git -C "$top" log -1 --format=%cD 2>/dev/null || date -R)
maintainer=$(git -C "$top" log -1 --format='%an <%ae>' 2>/dev/null || echo "Sluice developers <sluice@localhost>")
{
  echo "$pkg ($version) unstable; urgency=medium"
  echo
  echo "  * Built from the Sluice git tree at commit $commit; its changes are"
  echo "    in that tree's history."
  echo
  echo " -- $maintainer  $date"
} | gzip -9n > "$doc/changelog.gz"

# The image links newlib's C library, libfdt, mbedTLS's hashing and
# OpenSSL's POWER SHA block functions, each built from Debian's source
# packages: their licenses go in too, newlib's
# text from the very tarball it was built from.
# A license's text as a copyright file holds it: indented, blank lines as
# " .", none at either end.
license_text() {
  awk 'NF { if (seen) for (; blank > 0; blank--) print " ."; blank = 0; seen = 1; print " " $0; next }
       { blank++ }'
}
newlib_license() {
  tarball=$(ls /usr/src/newlib/newlib-*.tar.xz 2>/dev/null | head -n 1)
  [ -n "$tarball" ] && tar -xJOf "$tarball" --wildcards '*/COPYING.NEWLIB' 2>/dev/null ||
    echo "See the copyright file of Debian's newlib-source package."
}
{
  cat <<COPYRIGHT
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: Sluice
Upstream-Contact: $maintainer

Files: *
Copyright: 2026 The Sluice developers
License: BSD-2-Clause

Files: usr/share/qemu/sluice.bin
Copyright: 2026 The Sluice developers
 2006-2021 David Gibson, IBM Corporation, and the other authors of libfdt
 The Mbed TLS Contributors
 2006-2021 The OpenSSL Project Authors
 The authors of newlib (Red Hat, Inc., the Regents of the University of
 California, and others named in its license below)
License: BSD-2-Clause and Apache-2.0 and newlib
Comment: The firmware image links newlib's C library, libfdt (offered
 under GPL-2.0-or-later or BSD-2-Clause; used here under BSD-2-Clause),
 mbedTLS's hash functions (Apache-2.0) and OpenSSL's POWER SHA-1 and
 SHA-2 block functions (Apache-2.0; generated from its perlasm), each
 built from Debian's source package of it.

License: BSD-2-Clause
COPYRIGHT
  license_text < "$top/LICENSE"
  echo
  echo "License: Apache-2.0"
  echo " On Debian systems, the complete text of the Apache License 2.0 is in"
  echo " /usr/share/common-licenses/Apache-2.0."
  echo
  echo "License: newlib"
  newlib_license | license_text
} > "$doc/copyright"
chmod 0644 "$doc"/*

size=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
cat > "$stage/DEBIAN/control" <<CONTROL
Package: $pkg
Version: $version
Architecture: all
Maintainer: $maintainer
Installed-Size: $size
Section: misc
Priority: optional
Enhances: qemu-system-ppc
Description: boot firmware for QEMU pseries (64-bit POWER) guests
 Sluice is firmware for QEMU's and KVM's pseries machine, used in place of
 SLOF with "-bios sluice.bin". It boots a -kernel image, a disk (virtio,
 SCSI, NVMe), a CD or the network, hands over through an Open Firmware
 client interface (or a flattened tree, for bare-metal test programs), and
 drives every device's DMA through the IOMMU or bounce buffers.
CONTROL
(cd "$stage" && find usr -type f | sort | xargs md5sum) > "$stage/DEBIAN/md5sums"
chmod 0644 "$stage/DEBIAN/control" "$stage/DEBIAN/md5sums"
rm -f "$out/${pkg}"_*_all.deb
# The commit's time on every file and in the archive: the same tree gives
# the same package.
epoch=$(git -C "$top" log -1 --format=%ct 2>/dev/null || date +%s)
find "$stage" -exec touch -h -d "@$epoch" {} +
SOURCE_DATE_EPOCH=$epoch dpkg-deb --root-owner-group -Zxz --build "$stage" "$deb" >/dev/null
rm -rf "$stage"
echo "$deb"
