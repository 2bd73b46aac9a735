#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# make-seeds.sh BUILD: regenerate tests/fuzz/seeds from the firmware's own
# builders (gen-seeds.c), the test disks and client, and QEMU's own device
# tree. The seeds are kept in the repo; run this after changing a format.
set -eu
B=$1
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
S="$here/seeds"
for t in elf part dhcp dhcp6 tftp frame pxe nvram fdt virtq nvmeq tftp-client client iso bootinfo tpm; do
  rm -rf "$S/fuzz-$t"; mkdir -p "$S/fuzz-$t"
done
gcc -O1 -Dsniprintf=snprintf -I"$top" -I"$top/board" -o "$B/gen-seeds" "$here/gen-seeds.c"
"$B/gen-seeds" "$S"
python3 "$here/gen-seeds.py" "$S"

powerpc64-linux-gnu-strip -o "$S/fuzz-elf/client64" "$B/test-client.elf"
powerpc64-linux-gnu-objcopy -O elf32-powerpc "$B/test-client.elf" "$S/fuzz-elf/client32" 2>/dev/null ||
  rm -f "$S/fuzz-elf/client32"

# Partition tables: a 0 byte (512-byte blocks, honest size), then the first
# 34 blocks of each test disk; an MBR with an extended chain.
for d in gpt mbr; do
  { printf '\0'; head -c $((34 * 512)) "$B/disk-$d.img"; } > "$S/fuzz-part/$d"
done
tmp="$B/seed-ext.img"; rm -f "$tmp"; truncate -s 1M "$tmp"
printf 'label: dos\nstart=4, size=8, type=41\nstart=16, size=100, type=5\nstart=18, size=8, type=83\nstart=30, size=8, type=83\n' |
  sfdisk -q "$tmp" >/dev/null
{ printf '\0'; head -c $((40 * 512)) "$tmp"; } > "$S/fuzz-part/mbr-extended"
rm -f "$tmp"

printf 'default test\nlabel broken\n  kernel nothere\nlabel test\n  kernel vmlinux\n  initrd initrd.gz\n  append console=hvc0 root=/dev/vda2\n' \
  > "$S/fuzz-pxe/default"
printf 'LABEL mac\n\tKERNEL vmlinux\n\tAPPEND console=hvc0 initrd=initrd.gz\nDEFAULT mac\n' > "$S/fuzz-pxe/upper"

# CHRP bootinfo.txt as grub-mkrescue writes it (icon cut short) and as
# yaboot-era installers did; an ISO9660 volume with Rock Ridge names holding
# one (xorriso, as grub-mkrescue uses it), its first byte picking 2048-byte
# blocks.
printf '<chrp-boot>\n<description>grub 2.06</description>\n<os-name>grub 2.06</os-name>\n<boot-script>boot &device;:\\boot\\grub\\powerpc.elf</boot-script>\n<icon size=64,64 color-space=3,3,2>\n<bitmap>\nFF FF 92 6D\n</bitmap>\n</icon>\n</chrp-boot>\n' \
  > "$S/fuzz-bootinfo/grub-mkrescue"
printf '<chrp-boot>\n<boot-script>\n" get" type\nboot &device;:1,\\ppc\\chrp\\yaboot conf=&device;:1,\\etc\\yaboot.conf\n</boot-script>\n</chrp-boot>\n' \
  > "$S/fuzz-bootinfo/yaboot"
tmp="$B/seed-iso"; rm -rf "$tmp"; mkdir -p "$tmp/ppc" "$tmp/boot/grub"
cp "$S/fuzz-bootinfo/grub-mkrescue" "$tmp/ppc/bootinfo.txt"
printf '\177ELF' > "$tmp/boot/grub/powerpc.elf"
xorriso -as mkisofs -R -no-pad -o "$tmp.iso" "$tmp" 2>/dev/null
{ printf '\001'; cat "$tmp.iso"; } > "$S/fuzz-iso/rockridge"
rm -rf "$tmp" "$tmp.iso"

# QEMU's own tree for pseries with a disk, a NIC and a bridge.
qemu-system-ppc64 -M pseries,dumpdtb="$S/fuzz-fdt/qemu-pseries" -m 1G -nographic -nodefaults \
  -device virtio-blk-pci,drive=d0 -drive if=none,id=d0,file="$B/disk-gpt.img",format=raw,readonly=on \
  -device pci-bridge,chassis_nr=1,id=br -device virtio-net-pci,bus=br,netdev=n0 -netdev user,id=n0 \
  >/dev/null 2>&1
ls "$S"/* | wc -l
