#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# grub-disk.sh OUT gpt|mbr|gpt-tpm KERNEL INITRD: a disk laid out as a Debian
# ppc64el install is, built without root from Debian's own GRUB:
#   partition 1: PReP boot (4 MiB) holding a powerpc-ieee1275 core image
#   partition 2: ext2 with /boot/grub/grub.cfg, /boot/vmlinux, /boot/initrd.gz
# The gpt core finds its root the way grub-install's load.cfg does (search
# by filesystem UUID over every disk the firmware lists); the mbr core has an
# Open Firmware device in its prefix ((ieee1275/disk,msdos2), the firmware's
# "disk" alias). grub.cfg lists every device GRUB sees, then boots its only
# entry after a one-second timeout. gpt-tpm is the gpt disk with GRUB 2.12
# (bookworm-backports; bookworm's 2.06 has no tpm module for ieee1275) and
# its tpm module in the core, so that GRUB measures what it runs and loads
# through the firmware's vTPM methods; its kernel checks the measurements.
set -eu
out=$1; flavour=$2; kernel=$3; initrd=$4
scheme=${flavour%-tpm}
here=$(cd "$(dirname "$0")" && pwd)
B=$(dirname "$out")
[ -f "$out" ] && [ "$out" -nt "$kernel" ] && [ "$out" -nt "$initrd" ] && [ "$out" -nt "$0" ] && exit 0
uuid=5b1c1ce0-0000-4000-8000-00000000000$([ "$scheme" = gpt ] && echo 1 || echo 2)
work="$out.d"
rm -rf "$work" "$out"
mkdir -p "$work/root/boot/grub" "$work/grub"

mkimage=grub-mkimage
common="part_gpt part_msdos ext2 linux normal echo ls configfile search test"
check=""
if [ "$flavour" = gpt-tpm ]; then
  cache="${SLUICE_CACHE:-$B}/dl"
  for p in grub-ieee1275-bin:ppc64el "grub-common:$(dpkg --print-architecture)"; do
    dpkg-deb -x "$(sh "$here/../mk/fetch-backport.sh" "$p" "$cache")" "$work/grub"
  done
  mkimage="$work/grub/usr/bin/grub-mkimage"
  common="$common tpm"
  check=" sluice.check=tpm"
else
  dpkg-deb -x "$(sh "$here/../mk/fetch-deb.sh" grub-ieee1275-bin:ppc64el "${SLUICE_CACHE:-$B}/dl")" "$work/grub"
fi
mods="$work/grub/usr/lib/grub/powerpc-ieee1275"
if [ "$scheme" = gpt ]; then
  printf 'search.fs_uuid %s root\nset prefix=($root)/boot/grub\n' "$uuid" > "$work/load.cfg"
  "$mkimage" -O powerpc-ieee1275 -d "$mods" -c "$work/load.cfg" -p /boot/grub \
    -o "$work/core.elf" $common
  part=gpt2
else
  "$mkimage" -O powerpc-ieee1275 -d "$mods" -p '(ieee1275/disk,msdos2)/boot/grub' \
    -o "$work/core.elf" $common
  part=msdos2
fi

cp "$kernel" "$work/root/boot/vmlinux"
cp "$initrd" "$work/root/boot/initrd.gz"
cat > "$work/root/boot/grub/grub.cfg" <<CFG
set timeout=1
set default=0
echo "GRUB-ROOT: \$root"
echo "GRUB-DEVICES-BEGIN"
ls
echo "GRUB-DEVICES-END"
menuentry 'Sluice test ($scheme)' {
  echo "GRUB-LOADING: \$root /boot/vmlinux"
  linux /boot/vmlinux console=hvc0 sluice.route=grub-$scheme-$part$check
  initrd /boot/initrd.gz
}
CFG

# Sizes in 512-byte sectors: PReP 4 MiB at 1 MiB, then the filesystem.
fs_mib=$(( ($(stat -c %s "$kernel") + $(stat -c %s "$initrd")) / 1048576 + 16 ))
mke2fs -q -F -t ext2 -U "$uuid" -L sluice-root -d "$work/root" "$work/fs.img" "${fs_mib}M" >/dev/null
truncate -s $(( (6 + fs_mib) * 1048576 )) "$out"
fs_start=10240
if [ "$scheme" = gpt ]; then
  printf 'label: gpt\nstart=2048, size=8192, type=9E1A2D38-C612-4316-AA26-8B49521E5A8B\nstart=%s, size=%s, type=0FC63DAF-8483-4772-8E79-3D69D8477DE4\n' \
    $fs_start $((fs_mib * 2048))
else
  printf 'label: dos\nstart=2048, size=8192, type=41, bootable\nstart=%s, size=%s, type=83\n' \
    $fs_start $((fs_mib * 2048))
fi | sfdisk -q "$out" >/dev/null
dd if="$work/core.elf" of="$out" bs=512 seek=2048 conv=notrunc status=none
dd if="$work/fs.img" of="$out" bs=512 seek=$fs_start conv=notrunc status=none
[ -z "$check" ] || cp "$work/core.elf" "$out.core.elf"      # what PCR 4 must show
rm -rf "$work"
