#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# iso.sh OUT KIND KERNEL INITRD CLIENT: CD images as installers ship them,
# built without root. No El Torito and no partitions: CHRP firmware boots
# what \ppc\bootinfo.txt names.
#   KIND grub      grub-mkrescue with Debian's powerpc-ieee1275 GRUB: GRUB
#                  (\boot\grub\powerpc.elf) reads /boot/vmlinux and
#                  /boot/initrd.gz through the firmware and boots them
#   KIND grub-badkernel  the same with a damaged kernel: GRUB says so and
#                  waits for a key ("Press any key to continue...")
#   KIND client    bootinfo names \install\client.elf with the argument
#                  client-hello (the test client says its bootpath, powers off)
#   KIND noscript  a bootinfo.txt without a <boot-script>
#   KIND missing   a boot-script naming a file the volume does not hold
#   KIND corrupt   the client image with the root directory's "ppc" record
#                  cut short (a record length below the minimum)
set -eu
out=$1; kind=$2; kernel=$3; initrd=$4; client=$5
here=$(cd "$(dirname "$0")" && pwd)
B=$(dirname "$out")
[ -f "$out" ] && [ "$out" -nt "$kernel" ] && [ "$out" -nt "$initrd" ] && [ "$out" -nt "$client" ] &&
  [ "$out" -nt "$0" ] && exit 0
work="$out.d"
rm -rf "$work" "$out"
mkdir -p "$work/root/ppc"

bootinfo() {   # bootinfo BOOT-SCRIPT-ELEMENT
  printf '<chrp-boot>\n<description>Sluice test CD</description>\n<os-name>Sluice</os-name>\n%s\n</chrp-boot>\n' \
    "$1" > "$work/root/ppc/bootinfo.txt"
}
mkiso() { xorriso -as mkisofs -quiet -R -V SLUICE_TEST -o "$out.tmp" "$work/root"; }

case $kind in
  grub|grub-badkernel)
    deb=$(sh "$here/../mk/fetch-deb.sh" grub-ieee1275-bin:ppc64el "${SLUICE_CACHE:-$B}/dl")
    mkdir -p "$work/grub" "$work/root/boot/grub"
    dpkg-deb -x "$deb" "$work/grub"
    rmdir "$work/root/ppc"          # grub-mkrescue writes its own bootinfo.txt
    if [ "$kind" = grub ]; then cp "$kernel" "$work/root/boot/vmlinux"
    else head -c 65536 /dev/zero | tr '\0' 'K' > "$work/root/boot/vmlinux"; fi
    cp "$initrd" "$work/root/boot/initrd.gz"
    cat > "$work/root/boot/grub/grub.cfg" <<'CFG'
set timeout=1
set default=0
echo "GRUB-ROOT: $root"
menuentry 'Sluice test CD' {
  echo "GRUB-LOADING: $root /boot/vmlinux"
  linux /boot/vmlinux console=hvc0 sluice.check=disks sluice.route=iso-grub
  initrd /boot/initrd.gz
}
CFG
    grub-mkrescue -d "$work/grub/usr/lib/grub/powerpc-ieee1275" -o "$out.tmp" "$work/root" ;;
  client|corrupt)
    mkdir -p "$work/root/install"
    cp "$client" "$work/root/install/client.elf"
    bootinfo '<boot-script>boot &device;:\install\client.elf client-hello</boot-script>'
    mkiso
    [ "$kind" = client ] || python3 - "$out.tmp" <<'PY'
import struct, sys
f = open(sys.argv[1], "r+b")
f.seek(16 * 2048 + 156)
root = f.read(34)
extent, = struct.unpack_from("<I", root, 2)
f.seek(extent * 2048)
d = f.read(2048)
off = 0
while off < 2048 and d[off]:
    n = d[off + 32]
    if d[off + 33:off + 33 + n].split(b";")[0].upper() == b"PPC":
        f.seek(extent * 2048 + off)
        f.write(b"\x10")
        sys.exit(0)
    off += d[off]
sys.exit("iso.sh: no PPC record in the root directory")
PY
    ;;
  noscript)
    cp "$client" "$work/root/ppc/client.elf"
    bootinfo '<boot-once>\ppc\client.elf</boot-once>' ;;
  missing)
    bootinfo '<boot-script>boot &device;:\ppc\nothere.elf</boot-script>' ;;
  *) echo "iso.sh: unknown kind $kind" >&2; exit 1 ;;
esac
case $kind in noscript|missing) mkiso ;; esac
mv "$out.tmp" "$out"
rm -rf "$work"
