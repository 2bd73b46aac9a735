#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# disk.sh OUT SCHEME PAYLOAD: a 64 MiB test disk, no root needed.
#   SCHEME gpt | mbr   partition 1: PReP boot (48 MiB at 1 MiB) holding PAYLOAD,
#                      partition 2: 4 MiB of random bytes at 49 MiB, md5 in OUT.md5
#   SCHEME gpt4k | mbr4k  the same for a disk with 4096-byte sectors (QEMU's
#                      logical_block_size=4096): the tables count 4 KiB blocks
#   SCHEME small       like mbr, with a PReP partition of only 8 MiB
#   SCHEME noprep      an MBR disk with only a Linux partition
#   SCHEME bigprep     3 GiB (sparse), GPT, a 2 GiB PReP partition holding PAYLOAD
#   SCHEME badgpt      like gpt, then both GPT headers damaged
set -eu
out=$1; scheme=$2; payload=$3
[ -f "$out" ] && [ "$out" -nt "$payload" ] && [ "$out" -nt "$0" ] && exit 0
rm -f "$out" "$out.md5" "$out.crc"
truncate -s "$([ "$scheme" = bigprep ] && echo 3G || echo 64M)" "$out"
ss=512
case $scheme in *4k) ss=4096 ;; esac
MiB=$((1048576 / ss))
prep="start=$MiB, size=$((48 * MiB))"
data="start=$((49 * MiB)), size=$((4 * MiB))"
PREP_GUID=9E1A2D38-C612-4316-AA26-8B49521E5A8B
LINUX_GUID=0FC63DAF-8483-4772-8E79-3D69D8477DE4
case $scheme in
  gpt4k) python3 "$(dirname "$0")/partition.py" "$out" $ss gpt $MiB:$((48 * MiB)):$PREP_GUID \
           $((49 * MiB)):$((4 * MiB)):$LINUX_GUID ;;
  mbr4k) python3 "$(dirname "$0")/partition.py" "$out" $ss dos $MiB:$((48 * MiB)):41 \
           $((49 * MiB)):$((4 * MiB)):83 ;;
  *) case $scheme in
       gpt|badgpt) printf 'label: gpt\n%s, type=%s\n%s, type=%s\n' "$prep" $PREP_GUID "$data" $LINUX_GUID ;;
       bigprep) printf 'label: gpt\nstart=2048, size=4194304, type=%s\n' $PREP_GUID ;;
       mbr) printf 'label: dos\n%s, type=41, bootable\n%s, type=83\n' "$prep" "$data" ;;
       small) printf 'label: dos\nstart=2048, size=16384, type=41, bootable\nstart=100352, size=8192, type=83\n' ;;
       noprep) printf 'label: dos\nstart=2048, size=98304, type=83\nsize=8192, type=83\n' ;;
     esac | sfdisk -q "$out" >/dev/null ;;
esac
head -c $((48 * 1048576)) "$payload" | dd of="$out" bs=1M seek=1 conv=notrunc status=none
head -c 4194304 /dev/urandom > "$out.data"
dd if="$out.data" of="$out" bs=1M seek=49 conv=notrunc status=none
md5sum < "$out.data" | cut -d' ' -f1 > "$out.md5"
gzip -c < "$out.data" | tail -c 8 | head -c 4 | od -An -tx4 | tr -d ' \n' > "$out.crc"   # CRC-32
rm -f "$out.data"
if [ "$scheme" = badgpt ]; then
  # Corrupt the primary header (LBA 1) and the backup (last LBA).
  printf 'XXXXXXXX' | dd of="$out" bs=1 seek=$((512 + 24)) conv=notrunc status=none
  printf 'XXXXXXXX' | dd of="$out" bs=1 seek=$((64 * 1024 * 1024 - 512 + 24)) conv=notrunc status=none
fi
