#!/bin/sh
# make_disk.sh OUT gpt|mbr KERNEL: a 64 MiB disk with a PReP boot partition
# (1) holding KERNEL and a 4 MiB data partition (2) of random bytes whose
# md5 is written to OUT.md5. No root needed.
set -eu
out=$1; scheme=$2; kernel=$3
[ -f "$out" ] && [ "$out" -nt "$kernel" ] && [ "$out" -nt "$0" ] && exit 0
rm -f "$out" "$out.md5"
truncate -s 64M "$out"
if [ "$scheme" = gpt ]; then
  printf 'label: gpt\nstart=2048, size=98304, type=9E1A2D38-C612-4316-AA26-8B49521E5A8B\nsize=8192, type=0FC63DAF-8483-4772-8E79-3D69D8477DE4\n'
else
  printf 'label: dos\nstart=2048, size=98304, type=41, bootable\nsize=8192, type=83\n'
fi | sfdisk -q "$out" >/dev/null
dd if="$kernel" of="$out" bs=512 seek=2048 conv=notrunc status=none
head -c 4194304 /dev/urandom > "$out.data"
dd if="$out.data" of="$out" bs=512 seek=100352 conv=notrunc status=none
md5sum < "$out.data" | cut -d' ' -f1 > "$out.md5"
rm -f "$out.data"
