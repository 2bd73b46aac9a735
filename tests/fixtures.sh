# SPDX-License-Identifier: BSD-2-Clause
# The test fixtures (sourced by tests/run.sh before any test runs): the
# payload from Debian packages, the test client, disks and TFTP trees. The
# first one that cannot be made stops `make test` with one line saying what
# and how to retry; no test runs against missing files.
# Downloads are cached under $SLUICE_CACHE (default: the build directory).

SLUICE_CACHE=${SLUICE_CACHE:-$B}
export SLUICE_CACHE
SETUP_LOG="$LOGS/setup.log"
: > "$SETUP_LOG" 2>/dev/null || { echo "make test: stopped: cannot write $SETUP_LOG"; exit 1; }

# fixture WHAT COMMAND...: run one set-up step, its output kept in the set-up log.
fixture() {
  what=$1; shift
  echo "== $what: $*" >>"$SETUP_LOG"
  if ! "$@" >>"$SETUP_LOG" 2>&1; then
    echo "make test: stopped: cannot make $what: $(grep -v '^==' "$SETUP_LOG" | tail -n 1) (log: $SETUP_LOG; retry: make test)"
    exit 1
  fi
}

PAYLOAD="$SLUICE_CACHE/payload"
KERNEL="$PAYLOAD/vmlinux"
INITRD="$PAYLOAD/initrd-test.gz"
CLIENT="$B/test-client.elf"
FDT_CLIENT="$B/test-fdt-client.elf"   # entered with a tree (kernel-entry=fdt)
GPT="$B/disk-gpt.img"     # the suites boot these, and read their .md5 and .crc
MBR="$B/disk-mbr.img"
GRUB_GPT="$B/disk-grub-gpt.img"
GRUB_MBR="$B/disk-grub-mbr.img"
CLIENT_DISK="$B/disk-client.img"

fixture "the test payload (Debian's kernel and initrd)" sh "$TESTS/payload.sh" "$SLUICE_CACHE"
fixture "the test client" sh "$TESTS/client/build.sh" "$CLIENT"
fixture "the bare-metal test program" sh "$TESTS/client/build.sh" "$FDT_CLIENT" fdt-client
# Disks for the virtio tests; bad ones carry images the loader must refuse.
fixture "the GPT test disk" sh "$TESTS/disk.sh" "$GPT" gpt "$KERNEL"
fixture "the MBR test disk" sh "$TESTS/disk.sh" "$MBR" mbr "$KERNEL"
fixture "a disk without PReP" sh "$TESTS/disk.sh" "$B/disk-noprep.img" noprep "$KERNEL"
fixture "a disk with broken GPT headers" sh "$TESTS/disk.sh" "$B/disk-badgpt.img" badgpt "$KERNEL"
# Disks with 4096-byte sectors (their tables count 4 KiB blocks).
GPT4K="$B/disk-gpt4k.img"
MBR4K="$B/disk-mbr4k.img"
fixture "the GPT 4K-sector disk" sh "$TESTS/disk.sh" "$GPT4K" gpt4k "$KERNEL"
fixture "the MBR 4K-sector disk" sh "$TESTS/disk.sh" "$MBR4K" mbr4k "$KERNEL"
# ELF files laid out as other tools leave them, in PReP: the program header
# table at 128 KiB (patchelf's way), 17 loadable segments, and an entry
# point outside every segment. And a 2 GiB PReP partition holding a tiny ELF.
fixture "a client with late program headers" \
  python3 "$TESTS/elfmod.py" "$CLIENT" "$B/client-late-phdrs.elf" --phdrs-at 0x20000
fixture "a client with 17 segments" \
  python3 "$TESTS/elfmod.py" "$CLIENT" "$B/client-17-segments.elf" --phdrs-at 0x20000 --extra-segments 16
fixture "a client entered outside its segments" \
  python3 "$TESTS/elfmod.py" "$CLIENT" "$B/client-bad-entry.elf" --entry 0x5000000
for v in late-phdrs 17-segments bad-entry; do
  fixture "the $v client disk" sh "$TESTS/disk.sh" "$B/disk-$v.img" mbr "$B/client-$v.elf"
done
fixture "a disk with a 2 GiB PReP partition" sh "$TESTS/disk.sh" "$B/disk-bigprep.img" bigprep "$CLIENT"
# Distribution-style disks: GRUB in PReP, kernel and initrd on ext2.
fixture "the GRUB GPT disk" sh "$TESTS/grub-disk.sh" "$GRUB_GPT" gpt "$KERNEL" "$INITRD"
fixture "the GRUB MBR disk" sh "$TESTS/grub-disk.sh" "$GRUB_MBR" mbr "$KERNEL" "$INITRD"
# GRUB 2.12 (bookworm-backports) with its tpm module: a measured boot.
GRUB_TPM="$B/disk-grub-tpm.img"
fixture "the measured GRUB disk" sh "$TESTS/grub-disk.sh" "$GRUB_TPM" gpt-tpm "$KERNEL" "$INITRD"
[ -f "$B/junk.bin" ] || fixture "1 MiB of junk" sh -c "head -c 1048576 /dev/urandom > '$B/junk.bin'"
fixture "a disk with junk in PReP" sh "$TESTS/disk.sh" "$B/disk-junk.img" gpt "$B/junk.bin"
fixture "a disk with a short PReP partition" sh "$TESTS/disk.sh" "$B/disk-trunc.img" small "$KERNEL"
# The test client in PReP: with boot-args=client-hello it prints the device
# it was booted from and powers off (the boot-order tests).
fixture "the client disk" sh "$TESTS/disk.sh" "$CLIENT_DISK" mbr "$CLIENT"
fixture "a client linked over the firmware" \
  powerpc64-linux-gnu-objcopy --change-addresses -0xfc0000 "$CLIENT" "$B/client-over-fw.elf"
fixture "the overlapping-client disk" sh "$TESTS/disk.sh" "$B/disk-overlap.img" mbr "$B/client-over-fw.elf"
fixture "a client linked past RAM" \
  powerpc64-linux-gnu-objcopy --change-addresses 0x3efff800 "$CLIENT" "$B/client-past-ram.elf"
fixture "the past-RAM client disk" sh "$TESTS/disk.sh" "$B/disk-pastram.img" mbr "$B/client-past-ram.elf"
# Installer-style CDs: GRUB from \ppc\bootinfo.txt, the client with
# arguments, and three a firmware must refuse with one line each.
ISO_GRUB="$B/cd-grub.iso"
ISO_CLIENT="$B/cd-client.iso"
for k in grub grub-badkernel client noscript missing corrupt; do
  fixture "the $k test CD" sh "$TESTS/iso.sh" "$B/cd-$k.iso" $k "$KERNEL" "$INITRD" "$CLIENT"
done

# TFTP roots for the network tests (QEMU's user networking serves them).
fixture "the TFTP trees" sh "$TESTS/tftp-trees.sh" "$B" "$KERNEL" "$INITRD" "$CLIENT"
# GRUB's network boot tree (grub-mknetdir from GRUB 2.12, bookworm-backports).
fixture "the GRUB netboot tree" sh "$TESTS/grub-net.sh" "$B/tftp-grub" "$KERNEL" "$INITRD"
