# SPDX-License-Identifier: BSD-2-Clause
# SCSI disks and CDs: spapr-vscsi (what -hda, -cdrom and if=scsi give a
# pseries guest) and virtio-scsi (what virt-install gives the installer CD),
# installer-style ISOs booted through \ppc\bootinfo.txt, bootindex paths,
# strict boot, and devices and media that must be refused in one line.

VSCSI=/vdevice/v-scsi@71000002
VSCSI_WINDOW=cQAAAgAAAAAAAAAAAAAAABAAAAA=      # LIOBN 0x71000002, 256 MiB at 0
PHB0_WINDOW=gAAAAAAAAAAAAAAAAAAAAEAAAAA=       # LIOBN 0x80000000, 1 GiB at 0
VIRTIO_SCSI="-device virtio-scsi-pci,id=s0,disable-legacy=on,iommu_platform=on"
scsi_dev() { drive_dev "$@"; }   # scsi_dev scsi-hd|scsi-cd ID IMAGE [device options...]
# The md5 Linux's check prints for an image: sectors 100352-108543.
region_md5() { dd if="$1" bs=512 skip=100352 count=8192 2>/dev/null | md5sum | cut -d' ' -f1; }

expect_grub_booted_the_cd() {   # expect_grub_booted_the_cd DEVICE-NODE
  expect_log "sluice: $1: \\\\boot\\\\grub\\\\powerpc.elf, named by \\\\ppc\\\\bootinfo.txt" &&
  expect_log "GRUB-LOADING: ieee1275/cdrom /boot/vmlinux" &&
  expect_log "SLUICE-TEST-CMDLINE: BOOT_IMAGE=/boot/vmlinux console=hvc0 sluice.check=disks sluice.route=iso-grub" &&
  expect_no_log "SLUICE-TEST-ERROR|sluice: error|SLUICE-FATAL"
}

# The installer CD's size as the firmware reports it (whole MiB): it holds
# the test kernel and initrd, so it changes with them.
iso_mib() { echo $(( $(stat -c %s "$ISO_GRUB") / 1048576 )); }

test_cdrom_iso_boots_through_grub_on_vscsi() {
  qemu_run 120 pseries -m 1G -cdrom "$ISO_GRUB" $(TRACE_ARGS)
  expect_rc 0 &&
  expect_log "sluice: v-scsi@71000002: spapr-vscsi, DMA translated" &&
  expect_log "sluice: v-scsi@71000002 disk@8200000000000000: CD, $(iso_mib) MiB in 2048-byte blocks" &&
  expect_grub_booted_the_cd disk@8200000000000000 &&
  expect_log "SLUICE-TEST-BINDING: vdevice/v-scsi@71000002 mode=translated access-platform=none window=$VSCSI_WINDOW\$" &&
  expect_log "SLUICE-TEST-MD5: sr0 $VSCSI $(region_md5 "$ISO_GRUB")\$" &&
  expect_tces_on 0x71000002 yes && expect_tces_cleared
}

test_iso_boots_from_virtio_scsi_cd_with_iommu() {
  qemu_run 120 pseries -m 1G $VIRTIO_SCSI $(scsi_dev scsi-cd cd "$ISO_GRUB") $(TRACE_ARGS)
  expect_rc 0 &&
  expect_log "sluice: virtio-scsi scsi@0: modern interface, DMA translated" &&
  expect_log "sluice: scsi@0 disk@100000000000000: CD, $(iso_mib) MiB in 2048-byte blocks" &&
  expect_grub_booted_the_cd disk@100000000000000 &&
  expect_log "SLUICE-TEST-BINDING: pci@800000020000000/scsi@0 mode=translated access-platform=AAAAAQ== window=$PHB0_WINDOW\$" &&
  expect_log "SLUICE-TEST-MD5: sr0 /pci@800000020000000/scsi@0 $(region_md5 "$ISO_GRUB")\$" &&
  expect_tces_on 0x80000000 yes && expect_tces_cleared
}

# What the README's first disk command does: -hda puts the disk on vscsi.
test_hda_grub_gpt_disk_boots() {
  qemu_run 120 pseries -m 1G -snapshot -hda "$GRUB_GPT" $(TRACE_ARGS)
  expect_rc 0 &&
  expect_log "sluice: v-scsi@71000002 disk@8000000000000000: disk, [0-9]+ MiB in 512-byte blocks" &&
  expect_log "sluice: booting disk@8000000000000000: 32-bit big-endian program" &&
  expect_log "GRUB-LOADING: .*/boot/vmlinux" &&
  expect_log "SLUICE-TEST-CMDLINE: BOOT_IMAGE=/boot/vmlinux console=hvc0 sluice.route=grub-gpt-gpt2" &&
  expect_tces_cleared
}

# Linux's own drivers read every disk intact after the hand-off: a vscsi
# disk, and on virtio-scsi behind the IOMMU one of 512-byte and one of
# 4096-byte blocks at a LUN above 255.
test_linux_reads_vscsi_and_virtio_scsi_disks() {
  qemu_run 240 pseries -m 1G -kernel "$KERNEL" -initrd "$INITRD" \
    -append "console=hvc0 sluice.check=disks sluice.disks=3" \
    -drive file="$GPT",if=scsi,index=0,format=raw,readonly=on $VIRTIO_SCSI \
    $(scsi_dev scsi-hd m0 "$MBR" scsi-id=1,lun=0) \
    $(scsi_dev scsi-hd k0 "$MBR4K" scsi-id=2,lun=300,logical_block_size=4096,physical_block_size=4096) \
    $(TRACE_ARGS)
  expect_rc 0 &&
  expect_log "sluice: scsi@0 disk@102412C00000000: disk, 64 MiB in 4096-byte blocks" &&
  expect_log "SLUICE-TEST-BINDING: vdevice/v-scsi@71000002 mode=translated access-platform=none window=$VSCSI_WINDOW\$" &&
  expect_log "SLUICE-TEST-BINDING: pci@800000020000000/scsi@0 mode=translated access-platform=AAAAAQ== window=$PHB0_WINDOW\$" &&
  expect_log "SLUICE-TEST-MD5: sd[a-z] $VSCSI $(cat "$GPT.md5")\$" &&
  expect_log "SLUICE-TEST-MD5: sd[a-z] /pci@800000020000000/scsi@0 $(cat "$MBR.md5")\$" &&
  expect_log "SLUICE-TEST-MD5: sd[a-z] /pci@800000020000000/scsi@0 $(cat "$MBR4K.md5")\$" &&
  expect_no_log "SLUICE-TEST-ERROR" &&
  expect_tces_on 0x71000002 yes && expect_tces_on 0x80000000 yes && expect_tces_cleared
}

# QEMU's boot list names a LUN above 255 with flat addressing (0x4000).
test_virtio_scsi_lun_above_255_boots_by_bootindex() {
  qemu_run 60 pseries -m 1G -prom-env boot-args=client-hello -device virtio-scsi-pci,id=s0 \
    $(scsi_dev scsi-hd g0 "$GPT" lun=0) $(scsi_dev scsi-hd c0 "$CLIENT_DISK" lun=300,bootindex=1)
  expect_log "boot order: /pci@800000020000000/scsi@0/disk@100412C00000000 \(bootindex\), /pci@800000020000000/scsi@0/disk@100000000000000 \(scan\)\$" &&
  expect_log "^CLIENT-BOOTED: bootpath=/pci@800000020000000/scsi@0/disk@100412C00000000\$"
}

# 64 LUNs on one controller: all found; none but the last can boot, and
# the scan reaches it.
test_64_luns_on_one_controller_all_listed_the_last_boots() {
  luns=""
  for l in $(seq 0 62); do luns="$luns $(scsi_dev scsi-hd n$l "$B/disk-noprep.img" lun=$l)"; done
  qemu_run 90 pseries -m 1G -prom-env boot-args=client-hello -device virtio-scsi-pci,id=s0 \
    $luns $(scsi_dev scsi-hd c0 "$CLIENT_DISK" lun=63)
  found=$(grep -ac "sluice: scsi@0 disk@10000[0-9A-F]*00000000: disk, 64 MiB in 512-byte blocks" "$LOG")
  tried=$(grep -ac "sluice: trying disk /pci@800000020000000/scsi@0/disk@" "$LOG")
  [ "$found" -eq 64 ] || { echo "    $found of 64 LUNs found"; return 1; }
  [ "$tried" -eq 64 ] || { echo "    $tried of 64 LUNs tried"; return 1; }
  expect_log "^CLIENT-BOOTED: bootpath=/pci@800000020000000/scsi@0/disk@100003F00000000\$" &&
  expect_within 60
}

# bootinfo.txt's boot-script: the file it names, its arguments, and the
# bootpath GRUB and Linux read (device, then the file in CHRP syntax).
test_cd_boot_script_names_the_file_and_its_arguments() {
  qemu_run 60 pseries -m 1G -cdrom "$ISO_CLIENT"
  expect_log "sluice: disk@8200000000000000: \\\\install\\\\client.elf, named by \\\\ppc\\\\bootinfo.txt, arguments: client-hello" &&
  expect_log "^CLIENT-BOOTED: bootpath=$VSCSI/disk@8200000000000000:,\\\\install\\\\client.elf\$"
}

# Three bad CDs first (-boot once=d), then a good disk: one line each.
test_bad_cds_each_say_why_then_the_next_device_boots() {
  qemu_run 60 pseries -m 1G -prom-env boot-args=client-hello -boot once=d \
    -drive file="$B/cd-corrupt.iso",if=scsi,index=0,media=cdrom,readonly=on \
    -drive file="$B/cd-noscript.iso",if=scsi,index=1,media=cdrom,readonly=on \
    -drive file="$B/cd-missing.iso",if=scsi,index=2,media=cdrom,readonly=on \
    $(blk_dev d0 "$CLIENT_DISK")
  expect_log "sluice: disk $VSCSI/disk@8000000000000000: corrupt ISO9660 descriptor or directory \(\\\\ppc\\\\bootinfo.txt\)\$" &&
  expect_log "sluice: disk $VSCSI/disk@8100000000000000: bootinfo.txt has no <boot-script>\$" &&
  expect_log "sluice: disk $VSCSI/disk@8200000000000000: no such file on the ISO9660 volume \(\\\\ppc\\\\nothere.elf\)\$" &&
  expect_log "^CLIENT-BOOTED: bootpath=/pci@800000020000000/scsi@0\$"
}

# A disk whose every read fails (QEMU's blkdebug): the sense in one line,
# a clear verdict, and the next disk boots.
test_read_errors_say_the_sense_then_the_next_device_boots() {
  printf '[inject-error]\nevent = "read_aio"\nerrno = "5"\n' > "$LOGS/$TEST.blkdebug"
  qemu_run 60 pseries -m 1G -prom-env boot-args=client-hello \
    -drive file="blkdebug:$LOGS/$TEST.blkdebug:$CLIENT_DISK",if=scsi,index=0,format=raw,readonly=on \
    -drive file="$CLIENT_DISK",if=scsi,index=1,format=raw,readonly=on
  expect_log "sluice: error: v-scsi@71000002 disk@8000000000000000: read of block 0 failed: ABORTED COMMAND, asc 0x00/0x06 \(I/O process terminated\)\$" &&
  expect_log "sluice: disk $VSCSI/disk@8000000000000000: cannot read its partition table\$" &&
  expect_log "^CLIENT-BOOTED: bootpath=$VSCSI/disk@8100000000000000\$"
}

# Without -nodefaults QEMU adds an empty CD drive: one line, no error.
test_empty_default_cd_is_skipped_in_one_line() {
  QEMU_COMMON=$(echo "$QEMU_COMMON" | sed 's/-nodefaults//')
  qemu_run 60 pseries -m 1G -prom-env boot-args=client-hello $(blk_dev d0 "$CLIENT_DISK")
  lines=$(grep -ac "disk@8200000000000000" "$LOG")
  [ "$lines" -eq 1 ] || { echo "    $lines lines about the empty drive"; return 1; }
  expect_log "sluice: v-scsi@7100000[0-9a-f] disk@8200000000000000: no medium; skipped\$" &&
  expect_no_log "sluice: error" &&
  expect_log "^CLIENT-BOOTED: bootpath=/pci@800000020000000/scsi@[0-9]\$"
}

# -boot strict=on: only the bootindex devices; the bootable disk without
# one is left alone and CI mode ends the VM.
test_strict_boot_tries_only_the_listed_devices() {
  qemu_run 60 pseries -m 1G -boot strict=on -prom-env ci-mode=on -prom-env boot-args=client-hello \
    $(blk_dev d0 "$B/disk-noprep.img" bootindex=1) $(blk_dev d1 "$CLIENT_DISK")
  expect_rc nonzero &&
  expect_log "boot order: /pci@800000020000000/scsi@0 \(bootindex\)\$" &&
  expect_log "SLUICE-FATAL: nothing to boot: no -kernel, and no bootable disk \(1 tried\) or network \(0 tried\)\$" &&
  expect_no_log "CLIENT-BOOTED"
}

test_client_uses_the_of_disk_package_on_vscsi() {
  qemu_run 60 pseries,kernel-addr=0 -m 1G -kernel "$CLIENT" -append "client-disk $VSCSI/disk@8000000000000000" \
    -drive file="$GPT",if=scsi,index=0,format=raw,readonly=on
  expect_log "CLIENT-RESULT: PASS" && expect_no_log "CLIENT-FAIL" &&
  expect_log "CLIENT-DISK-CRC $(cat "$GPT.crc")\$"
}

test_client_uses_the_of_disk_package_on_virtio_scsi_4k() {
  qemu_run 60 pseries,kernel-addr=0 -m 1G -kernel "$CLIENT" \
    -append "client-disk /pci@800000020000000/scsi@0/disk@100000000000000 bs=4096" $VIRTIO_SCSI \
    $(scsi_dev scsi-hd k0 "$GPT4K" logical_block_size=4096,physical_block_size=4096)
  expect_log "CLIENT-RESULT: PASS" && expect_no_log "CLIENT-FAIL" &&
  expect_log "CLIENT-DISK-CRC $(cat "$GPT4K.crc")\$"
}

# cd_of DIR OUT: an ISO9660 image of DIR, with Rock Ridge names as
# installers make them, directories kept as deep as DIR has them.
cd_of() { xorriso -as mkisofs -quiet -R -disable-deep-relocation -V SLUICE_TEST -o "$2" "$1" >/dev/null 2>&1; }
# bootinfo_in DIR BOOT-SCRIPT: DIR/ppc/bootinfo.txt with that boot-script.
bootinfo_in() {
  mkdir -p "$1/ppc"
  printf '<chrp-boot>\n<boot-script>%s</boot-script>\n</chrp-boot>\n' "$2" > "$1/ppc/bootinfo.txt"
}

# A -cdrom file shorter than one 2048-byte block, on spapr-vscsi and on
# virtio-scsi: a reason in words, and the next device boots.
test_cd_shorter_than_a_block_says_so() {
  head -c 1000 /dev/zero > "$LOGS/$TEST.iso"
  qemu_run 60 pseries -m 1G -prom-env boot-args=client-hello -cdrom "$LOGS/$TEST.iso" \
    -device virtio-scsi-pci,id=s0 -drive file="$LOGS/$TEST.iso",if=none,id=c0,format=raw,readonly=on \
    -device scsi-cd,drive=c0,bus=s0.0 $(blk_dev d0 "$CLIENT_DISK")
  expect_log "sluice: v-scsi@71000002 disk@8200000000000000: not one whole 2048-byte block on it; skipped\$" &&
  expect_log "sluice: scsi@[0-9]+ disk@100000000000000: not one whole 2048-byte block on it; skipped\$" &&
  expect_log "^CLIENT-BOOTED: bootpath=$PHB0/scsi@[0-9]+\$"
}

# An empty bootinfo.txt and a 64 MiB one: each says what is wrong, the
# big one before anything of it is read.
test_bootinfo_empty_or_huge_says_so() {
  d="$LOGS/$TEST.d"; rm -rf "$d"; mkdir -p "$d/empty/ppc" "$d/huge/ppc"
  : > "$d/empty/ppc/bootinfo.txt"
  head -c 64M /dev/zero > "$d/huge/ppc/bootinfo.txt"
  cd_of "$d/empty" "$d/empty.iso" && cd_of "$d/huge" "$d/huge.iso" || { echo "    xorriso failed"; return 1; }
  qemu_run 60 pseries -m 1G -prom-env ci-mode=on \
    -drive file="$d/empty.iso",if=scsi,index=0,media=cdrom,readonly=on \
    -drive file="$d/huge.iso",if=scsi,index=1,media=cdrom,readonly=on
  rm -rf "$d"
  expect_rc nonzero && expect_within 30 &&
  expect_log "disk $VSCSI/disk@8000000000000000: \\\\ppc\\\\bootinfo.txt is an empty file\$" &&
  expect_log "disk $VSCSI/disk@8100000000000000: \\\\ppc\\\\bootinfo.txt is 64 MiB, more than the 1 MiB it may be\$"
}

# A program 40 directories deep boots; a missing one 60 deep is named in a
# line that ends as it should, however long the path.
test_cd_paths_as_deep_as_the_volume() {
  d="$LOGS/$TEST.d"; rm -rf "$d"; deep=""; deeper=""
  for i in $(seq 40); do deep="$deep\\d$i"; done
  for i in $(seq 60); do deeper="$deeper\\e$i"; done
  mkdir -p "$d/ok/$(echo "$deep" | tr '\\' /)" "$d/missing/$(echo "$deeper" | tr '\\' /)"
  cp "$CLIENT" "$d/ok/$(echo "$deep" | tr '\\' /)/client.elf"
  bootinfo_in "$d/ok" "boot &device;:$deep\\client.elf client-hello"
  bootinfo_in "$d/missing" "boot &device;:$deeper\\client.elf"
  cd_of "$d/ok" "$d/ok.iso" && cd_of "$d/missing" "$d/missing.iso" || { echo "    xorriso failed"; return 1; }
  qemu_run 60 pseries -m 1G -boot once=d \
    -drive file="$d/missing.iso",if=scsi,index=0,media=cdrom,readonly=on \
    -drive file="$d/ok.iso",if=scsi,index=1,media=cdrom,readonly=on
  rm -rf "$d"
  expect_log "disk $VSCSI/disk@8000000000000000: no such file on the ISO9660 volume \(\\\\e1\\\\e2\\\\.*\\.\\.\\..*\\\\e60\\\\client.elf\)\$" &&
  expect_log "^CLIENT-BOOTED: bootpath=$VSCSI/disk@8100000000000000:,\\\\d1\\\\d2\\\\"
}
