#!/bin/sh
# make test: host unit tests, then the QEMU boot tests. The last line is
# "N passed, N failed" over both.
set -u
B=$1
here=$(cd "$(dirname "$0")" && pwd)
FW="$B/sluice.bin"
LOGS="$B/test-logs"
mkdir -p "$LOGS"
command -v bc >/dev/null || { echo "tests need bc (make installs it)"; exit 1; }

unit_out=$(sh "$here/unit/run.sh" "$B")
echo "$unit_out" | sed '$d'
upassed=$(echo "$unit_out" | tail -n 1 | sed -n 's/^\([0-9]*\) passed.*/\1/p')
ufailed=$(echo "$unit_out" | tail -n 1 | sed -n 's/.*, \([0-9]*\) failed$/\1/p')
passed=${upassed:-0}; failed=${ufailed:-1}

# Every fuzz target for a short while: regressions in a parser show here.
fuzz_out=$(sh "$here/fuzz/run.sh" "$B" "${FUZZ_CI_SECONDS:-20}")
echo "$fuzz_out" | sed '$d'
fpassed=$(echo "$fuzz_out" | tail -n 1 | sed -n 's/^\([0-9]*\) passed.*/\1/p')
ffailed=$(echo "$fuzz_out" | tail -n 1 | sed -n 's/.*, \([0-9]*\) failed$/\1/p')
passed=$((passed + ${fpassed:-0})); failed=$((failed + ${ffailed:-1}))

sh "$here/payload.sh" "$B"
sh "$here/client/build.sh" "$B/test-client.elf"
KERNEL="$B/payload/vmlinux"
INITRD="$B/payload/initrd-test.gz"
# Disks for the virtio tests; bad ones carry images the loader must refuse.
GPT="$B/disk-gpt.img"     # the suites boot these, and read their .md5 and .crc
MBR="$B/disk-mbr.img"
sh "$here/disk.sh" "$GPT" gpt "$KERNEL"
sh "$here/disk.sh" "$MBR" mbr "$KERNEL"
sh "$here/disk.sh" "$B/disk-noprep.img" noprep "$KERNEL"
sh "$here/disk.sh" "$B/disk-badgpt.img" badgpt "$KERNEL"
# Distribution-style disks: GRUB in PReP, kernel and initrd on ext2.
GRUB_GPT="$B/disk-grub-gpt.img"
GRUB_MBR="$B/disk-grub-mbr.img"
sh "$here/grub-disk.sh" "$GRUB_GPT" gpt "$KERNEL" "$INITRD"
sh "$here/grub-disk.sh" "$GRUB_MBR" mbr "$KERNEL" "$INITRD"
head -c 1048576 /dev/urandom > "$B/junk.bin"
sh "$here/disk.sh" "$B/disk-junk.img" gpt "$B/junk.bin"
sh "$here/disk.sh" "$B/disk-trunc.img" small "$KERNEL"
# The test client in PReP: with boot-args=client-hello it prints the device
# it was booted from and powers off (the boot-order tests).
CLIENT_DISK="$B/disk-client.img"
sh "$here/disk.sh" "$CLIENT_DISK" mbr "$B/test-client.elf"
powerpc64-linux-gnu-objcopy --change-addresses -0xfc0000 "$B/test-client.elf" "$B/client-over-fw.elf"
sh "$here/disk.sh" "$B/disk-overlap.img" mbr "$B/client-over-fw.elf"
powerpc64-linux-gnu-objcopy --change-addresses 0x3efff800 "$B/test-client.elf" "$B/client-past-ram.elf"
sh "$here/disk.sh" "$B/disk-pastram.img" mbr "$B/client-past-ram.elf"
# TFTP roots for the network tests (QEMU's user networking serves them).
rm -rf "$B/tftp-pxe" "$B/tftp-mac" "$B/tftp-big"
mkdir -p "$B/tftp-pxe/pxelinux.cfg" "$B/tftp-mac/pxelinux.cfg" "$B/tftp-big"
for d in tftp-pxe tftp-mac; do
  ln -s "$(realpath "$KERNEL")" "$B/$d/vmlinux"
  ln -s "$(realpath "$INITRD")" "$B/$d/initrd-test.gz"
done
printf 'default test\nlabel broken\n  kernel nothere\nlabel test\n  kernel vmlinux\n  initrd initrd-test.gz\n  append console=hvc0 sluice.check=virtio sluice.route=pxelinux-default\n' \
  > "$B/tftp-pxe/pxelinux.cfg/default"
cp "$B/tftp-pxe/pxelinux.cfg/default" "$B/tftp-mac/pxelinux.cfg/default"
printf 'label mac\n  kernel vmlinux\n  append console=hvc0 initrd=initrd-test.gz sluice.route=pxelinux-mac\n' \
  > "$B/tftp-mac/pxelinux.cfg/01-52-54-00-12-34-56"
truncate -s 2G "$B/tftp-big/huge"

TESTS="$here"
. "$here/lib.sh"
for suite in "$here"/qemu/*.sh; do
  . "$suite"
  for t in $(grep -o '^test_[a-z0-9_]*' "$suite"); do
    TEST=${t#test_}
    if out=$($t 2>&1); then
      echo "ok   $t"
      passed=$((passed + 1))
    else
      echo "FAIL $t (log: $LOGS/${t#test_}.log)"
      [ -n "$out" ] && echo "$out"
      failed=$((failed + 1))
    fi
  done
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
