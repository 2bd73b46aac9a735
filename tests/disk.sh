#!/bin/sh
# disk.sh OUT SCHEME PAYLOAD: a 64 MiB test disk, no root needed.
#   SCHEME gpt | mbr   partition 1: PReP boot (48 MiB) holding PAYLOAD,
#                      partition 2: 4 MiB of random bytes, md5 in OUT.md5
#   SCHEME small       like mbr, with a PReP partition of only 8 MiB
#   SCHEME noprep      an MBR disk with only a Linux partition
#   SCHEME badgpt      like gpt, then both GPT headers damaged
set -eu
out=$1; scheme=$2; payload=$3
[ -f "$out" ] && [ "$out" -nt "$payload" ] && [ "$out" -nt "$0" ] && exit 0
rm -f "$out" "$out.md5" "$out.crc"
truncate -s 64M "$out"
case $scheme in
  gpt|badgpt) printf 'label: gpt\nstart=2048, size=98304, type=9E1A2D38-C612-4316-AA26-8B49521E5A8B\nsize=8192, type=0FC63DAF-8483-4772-8E79-3D69D8477DE4\n' ;;
  mbr) printf 'label: dos\nstart=2048, size=98304, type=41, bootable\nsize=8192, type=83\n' ;;
  small) printf 'label: dos\nstart=2048, size=16384, type=41, bootable\nstart=100352, size=8192, type=83\n' ;;
  noprep) printf 'label: dos\nstart=2048, size=98304, type=83\nsize=8192, type=83\n' ;;
esac | sfdisk -q "$out" >/dev/null
head -c $((98304 * 512)) "$payload" | dd of="$out" bs=512 seek=2048 conv=notrunc status=none
head -c 4194304 /dev/urandom > "$out.data"
dd if="$out.data" of="$out" bs=512 seek=100352 conv=notrunc status=none
md5sum < "$out.data" | cut -d' ' -f1 > "$out.md5"
gzip -c < "$out.data" | tail -c 8 | head -c 4 | od -An -tx4 | tr -d ' \n' > "$out.crc"   # CRC-32
rm -f "$out.data"
if [ "$scheme" = badgpt ]; then
  # Corrupt the primary header (LBA 1) and the backup (last LBA).
  printf 'XXXXXXXX' | dd of="$out" bs=1 seek=$((512 + 24)) conv=notrunc status=none
  printf 'XXXXXXXX' | dd of="$out" bs=1 seek=$((64 * 1024 * 1024 - 512 + 24)) conv=notrunc status=none
fi
