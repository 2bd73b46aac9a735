# SPDX-License-Identifier: BSD-2-Clause
# IOMMU-aware virtio: disk boot of Debian's vmlinux from a PReP partition in
# every DMA shape, the device-tree binding seen by Linux, Linux's own driver
# reading the disk after hand-off, and no TCE left behind.

PHB1="-device spapr-pci-host-bridge,index=1,id=phb1"
LIOBN0=0x80000000
LIOBN1=0x80000100

test_disk_boot_gpt_translated_modern_phb0() {
  qemu_run 120 pseries -m 1G $(blk_dev d0 "$GPT" disable-legacy=on iommu_platform=on) $(TRACE_ARGS)
  expect_log "virtio-blk scsi@0: 64 MiB, modern interface, DMA translated" &&
  expect_disk_boot scsi@0 && expect_tces_cleared && expect_tces_on $LIOBN0 yes
}

test_disk_boot_mbr_bypass_transitional_phb0() {
  qemu_run 120 pseries -m 1G $(blk_dev d0 "$MBR" iommu_platform=off) $(TRACE_ARGS)
  expect_log "virtio-blk scsi@0: 64 MiB, modern interface, DMA bypass" &&
  expect_disk_boot scsi@0 && expect_tces_cleared && expect_tces_on $LIOBN0 no
}

test_disk_boot_mbr_translated_modern_phb1() {
  qemu_run 120 pseries -m 1G $PHB1 $(blk_dev d0 "$MBR" disable-legacy=on iommu_platform=on bus=phb1.0) $(TRACE_ARGS)
  expect_log "trying disk /pci@800000020000001/scsi@0" &&
  expect_log "DMA translated" &&
  expect_disk_boot scsi@0 && expect_tces_cleared &&
  expect_tces_on $LIOBN1 yes && expect_tces_on $LIOBN0 no
}

test_disk_boot_gpt_bypass_modern_phb1() {
  qemu_run 120 pseries -m 1G $PHB1 $(blk_dev d0 "$GPT" disable-legacy=on bus=phb1.0) $(TRACE_ARGS)
  expect_log "trying disk /pci@800000020000001/scsi@0" &&
  expect_log "DMA bypass" && expect_disk_boot scsi@0 && expect_tces_cleared &&
  expect_tces_on $LIOBN1 no
}

test_disk_boot_legacy_only_device() {
  qemu_run 120 pseries -m 1G $(blk_dev d0 "$GPT" disable-modern=on) $(TRACE_ARGS)
  expect_log "virtio-blk scsi@0: 64 MiB, legacy interface, DMA bypass" &&
  expect_disk_boot scsi@0 && expect_tces_cleared
}

# -kernel boots with the same disks attached: the test init reads the binding
# from /proc/device-tree and checksums the data partition with Linux's driver.
linux_sees() {   # linux_sees PATH MODE ACCESS-PLATFORM(b64) WINDOW(b64|none) MD5
  expect_log "SLUICE-TEST-BINDING: $1 mode=$2 access-platform=$3 window=$4\$" &&
  expect_log "SLUICE-TEST-MD5: vd[a-z] /$1 $5\$"
}

test_linux_sees_binding_and_reads_disks() {
  qemu_run 240 pseries -m 1G -kernel "$KERNEL" -initrd "$INITRD" -append "console=hvc0 sluice.check=disks" \
    $(blk_dev d0 "$GPT" disable-legacy=on iommu_platform=on) \
    $PHB1 $(blk_dev d1 "$MBR" bus=phb1.0) $(TRACE_ARGS)
  expect_rc 0 &&
  linux_sees pci@800000020000000/scsi@0 translated AAAAAQ== gAAAAAAAAAAAAAAAAAAAAEAAAAA= "$(cat "$GPT.md5")" &&
  linux_sees pci@800000020000001/scsi@0 bypass AAAAAA== none "$(cat "$MBR.md5")" &&
  expect_no_log "SLUICE-TEST-ERROR" && expect_tces_cleared && expect_tces_on $LIOBN1 no
}

test_linux_sees_binding_swapped_phbs() {
  qemu_run 240 pseries -m 1G -kernel "$KERNEL" -initrd "$INITRD" -append "console=hvc0 sluice.check=disks" \
    $(blk_dev d0 "$MBR" disable-legacy=on) \
    $PHB1 $(blk_dev d1 "$GPT" disable-legacy=on iommu_platform=on bus=phb1.0) $(TRACE_ARGS)
  expect_rc 0 &&
  linux_sees pci@800000020000000/scsi@0 bypass AAAAAA== none "$(cat "$MBR.md5")" &&
  linux_sees pci@800000020000001/scsi@0 translated AAAAAQ== gAABAAAAAAAAAAAAAAAAAEAAAAA= "$(cat "$GPT.md5")" &&
  expect_no_log "SLUICE-TEST-ERROR" && expect_tces_cleared && expect_tces_on $LIOBN0 no
}

# Bad disks: a clear line per disk, the next disk tried, and a fatal end
# when none boots.
test_disk_without_prep_then_good_disk() {
  qemu_run 120 pseries -m 1G $(blk_dev d0 "$B/disk-noprep.img" disable-legacy=on) \
    $(blk_dev d1 "$MBR" disable-legacy=on iommu_platform=on)
  expect_log "disk /pci@800000020000000/scsi@0: no PReP boot partition" &&
  expect_log "trying disk /pci@800000020000000/scsi@1" && expect_disk_boot scsi@1
}

test_damaged_gpt_is_reported() {
  qemu_run 60 pseries -m 1G $(blk_dev d0 "$B/disk-badgpt.img" disable-legacy=on)
  expect_rc nonzero && expect_within 30 &&
  expect_log "no PReP boot partition: both GPT headers are damaged" &&
  expect_log "^SLUICE-FATAL: nothing to boot: no -kernel, and no bootable disk \(1 tried\) or network \(0 tried\)"
}

test_non_elf_in_prep_is_refused() {
  qemu_run 60 pseries -m 1G $(blk_dev d0 "$B/disk-junk.img" disable-legacy=on iommu_platform=on)
  expect_rc nonzero && expect_within 30 &&
  expect_log "scsi@0: PReP partition 1: not an ELF file" && expect_log "^SLUICE-FATAL: nothing to boot"
}

# A PReP partition too small for the ELF it holds (a file cut short inside a
# larger partition cannot be told from one followed by zeros).
test_truncated_elf_in_prep_is_refused() {
  qemu_run 60 pseries -m 1G $(blk_dev d0 "$B/disk-trunc.img" disable-legacy=on)
  expect_rc nonzero && expect_within 30 &&
  expect_log "scsi@0: PReP partition 1: file is shorter than its ELF headers say" &&
  expect_log "^SLUICE-FATAL: nothing to boot"
}

test_elf_over_firmware_in_prep_is_refused() {
  qemu_run 60 pseries -m 1G $(blk_dev d0 "$B/disk-overlap.img" disable-legacy=on)
  expect_rc nonzero && expect_within 30 &&
  expect_log "scsi@0: PReP partition 1: segment 0 at 0x40000-0x[0-9a-f]+ overlaps the firmware" &&
  expect_log "^SLUICE-FATAL: nothing to boot"
}

test_elf_past_ram_in_prep_is_refused() {
  end=$(powerpc64-linux-gnu-readelf -lW "$B/client-past-ram.elf" |
        gawk '$1 == "LOAD" { printf "%x", strtonum($3) + strtonum($6); exit }')
  qemu_run 60 pseries -m 1G $(blk_dev d0 "$B/disk-pastram.img" disable-legacy=on)
  expect_rc nonzero && expect_within 30 &&
  expect_log "scsi@0: PReP partition 1: segment 0 at 0x3ffff800-0x$end runs past the end of RAM" &&
  expect_log "^SLUICE-FATAL: nothing to boot"
}

test_binding_document_matches_code() {
  sh "$TESTS/binding-sync.sh"
}

BRIDGE="-device pci-bridge,id=br1,chassis_nr=1,addr=2"

test_disk_boot_behind_a_bridge() {
  qemu_run 120 pseries -m 1G $BRIDGE $(blk_dev d0 "$GPT" bus=br1 addr=3 disable-legacy=on iommu_platform=on) $(TRACE_ARGS)
  expect_log "trying disk /pci@800000020000000/pci@2/scsi@3" &&
  expect_disk_boot scsi@3 && expect_tces_cleared
}

test_linux_reads_disk_behind_a_bridge() {
  qemu_run 240 pseries -m 1G -kernel "$KERNEL" -initrd "$INITRD" -append "console=hvc0 sluice.check=disks" \
    $BRIDGE $(blk_dev d0 "$GPT" bus=br1 addr=3 disable-legacy=on iommu_platform=on) $(TRACE_ARGS)
  expect_rc 0 &&
  linux_sees pci@800000020000000/pci@2/scsi@3 translated AAAAAQ== gAAAAAAAAAAAAAAAAAAAAEAAAAA= "$(cat "$GPT.md5")" &&
  expect_log "pci 0000:00:02.0: PCI bridge to \[bus 01\]" &&
  expect_no_log "SLUICE-TEST-ERROR" && expect_tces_cleared
}

test_client_uses_the_of_disk_package() {
  qemu_run 60 pseries,kernel-addr=0 -m 1G -kernel "$CLIENT" \
    -append "client-disk /pci@800000020000000/scsi@0" $(blk_dev d0 "$GPT" disable-legacy=on iommu_platform=on)
  expect_log "CLIENT-RESULT: PASS" && expect_no_log "CLIENT-FAIL" &&
  expect_log "CLIENT-DISK-CRC $(cat "$GPT.crc")\$"
}
