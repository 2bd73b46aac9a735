#!/bin/sh
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

cat > "$doc/copyright" <<COPYRIGHT
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: Sluice
Upstream-Contact: $maintainer

Files: *
Copyright: 2026 The Sluice developers
License: Sluice-unlicensed
 The Sluice developers have not yet published a license for this software.
 Until they do, no rights beyond installing and running it are granted.
COPYRIGHT
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
