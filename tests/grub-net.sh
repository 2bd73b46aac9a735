#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# grub-net.sh OUT KERNEL INITRD: a GRUB network boot tree as distributions
# document it for POWER: `grub-mknetdir` from GRUB 2.12 (bookworm-backports;
# bookworm's own 2.06 ofnet cannot network-boot: its card set-up lost an
# allocation in a security update), DHCP boot file
# boot/grub/powerpc-ieee1275/core.elf. boot/grub/grub.cfg shows the address
# the firmware's lease gave GRUB, runs GRUB's own DHCP through the firmware's
# network package, then loads the kernel and initrd over TFTP and boots.
set -eu
out=$1; kernel=$2; initrd=$3
here=$(cd "$(dirname "$0")" && pwd)
B=$(dirname "$out")
cache="${SLUICE_CACHE:-$B}/dl"
[ -f "$out/boot/grub/grub.cfg" ] && [ "$out/boot/grub/grub.cfg" -nt "$0" ] && exit 0
rm -rf "$out" "$out.x"
mkdir -p "$out.x" "$out"
mods=$(sh "$here/../mk/fetch-backport.sh" grub-ieee1275-bin:ppc64el "$cache")
tools=$(sh "$here/../mk/fetch-backport.sh" "grub-common:$(dpkg --print-architecture)" "$cache")
dpkg-deb -x "$mods" "$out.x"
dpkg-deb -x "$tools" "$out.x"
"$out.x/usr/bin/grub-mknetdir" -d "$out.x/usr/lib/grub/powerpc-ieee1275" \
  --net-directory="$out" --subdir=boot/grub >"$out.x/log" 2>&1 ||
  { echo "grub-net: grub-mknetdir failed: $(tail -n 1 "$out.x/log")" >&2; exit 1; }
rm -rf "$out.x"
ln -s "$(realpath "$kernel")" "$out/vmlinux"
ln -s "$(realpath "$initrd")" "$out/initrd-test.gz"
cat > "$out/boot/grub/grub.cfg" <<'CFG'
echo "GRUB-NET: firmware lease server=$net_default_server ip=$net_default_ip"
net_bootp
echo "GRUB-NET: own DHCP server=$net_default_server ip=$net_default_ip"
net_ls_addr
echo "GRUB-NET: loading"
linux /vmlinux console=hvc0 sluice.check=net sluice.route=grub-net
initrd /initrd-test.gz
boot
CFG
