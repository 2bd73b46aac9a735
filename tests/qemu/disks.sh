# SPDX-License-Identifier: BSD-2-Clause
# Odd disks: 4096-byte sectors, ELF files laid out by other tools, a PReP
# partition larger than RAM, and read errors (QEMU's blkdebug) on the
# partition table, the GPT header and the PReP partition.

SECTOR_4K="logical_block_size=4096,physical_block_size=4096"

# blkdebug_dev ID IMAGE SECTOR: a virtio-blk disk whose reads of 512-byte
# sector SECTOR fail with EIO.
blkdebug_dev() {
  conf="$LOGS/$TEST.$1.blkdebug"
  printf '[inject-error]\nevent = "read_aio"\nerrno = "5"\nsector = "%s"\n' "$3" > "$conf"
  echo "-drive file=blkdebug:$conf:$2,if=none,id=$1,format=raw,readonly=on -device virtio-blk-pci,drive=$1,disable-legacy=on"
}

test_disk_4k_sectors_mbr_boots() {
  qemu_run 120 pseries -m 1G $(blk_dev d0 "$MBR4K" disable-legacy=on iommu_platform=on $SECTOR_4K)
  expect_log "virtio-blk scsi@0: 64 MiB, modern interface, DMA translated" && expect_disk_boot scsi@0
}

test_disk_4k_sectors_gpt_boots() {
  qemu_run 120 pseries -m 1G $(blk_dev d0 "$GPT4K" disable-legacy=on $SECTOR_4K)
  expect_disk_boot scsi@0
}

# disk:2 offsets count 4 KiB blocks too: a client reads partition 2 whole.
test_client_reads_a_4k_disk_through_the_of_disk_package() {
  qemu_run 60 pseries,kernel-addr=0 -m 1G -kernel "$CLIENT" \
    -append "client-disk /pci@800000020000000/scsi@0 bs=4096" \
    $(blk_dev d0 "$GPT4K" disable-legacy=on iommu_platform=on $SECTOR_4K)
  expect_log "CLIENT-RESULT: PASS" && expect_no_log "CLIENT-FAIL" &&
  expect_log "CLIENT-DISK-CRC $(cat "$GPT4K.crc")\$"
}

# client_from_disk IMAGE: the test client booted from IMAGE's PReP partition.
client_from_disk() {
  qemu_run 60 pseries -m 1G -prom-env boot-args=client-hello -prom-env ci-mode=on \
    $(blk_dev d0 "$1" disable-legacy=on)
}

test_elf_with_program_headers_past_64k_boots_from_prep() {
  client_from_disk "$B/disk-late-phdrs.img"
  expect_rc 0 && expect_log "^CLIENT-BOOTED: bootpath=/pci@800000020000000/scsi@0$"
}

test_elf_with_17_segments_boots_from_prep() {
  client_from_disk "$B/disk-17-segments.img"
  expect_rc 0 && expect_log "^CLIENT-BOOTED: bootpath=/pci@800000020000000/scsi@0$"
}

test_elf_entry_outside_its_segments_is_named() {
  client_from_disk "$B/disk-bad-entry.img"
  expect_rc nonzero && expect_within 30 &&
  expect_log "disk /pci@800000020000000/scsi@0: PReP partition 1: ELF entry point lies outside its segments"
}

test_prep_partition_larger_than_ram_boots_its_small_elf() {
  client_from_disk "$B/disk-bigprep.img"
  expect_rc 0 && expect_log "^CLIENT-BOOTED: bootpath=/pci@800000020000000/scsi@0$"
}

# Each read error: one line naming what could not be read, then the next
# disk boots (a GPT whose primary header fails uses its backup).
blkdebug_then_client() {   # blkdebug_then_client SECTOR
  qemu_run 60 pseries -m 1G -prom-env boot-args=client-hello -prom-env ci-mode=on \
    $(blkdebug_dev d0 "$CLIENT_DISK" "$1") $(blk_dev d1 "$CLIENT_DISK" disable-legacy=on)
}

test_read_error_on_the_partition_table_falls_through_to_the_next_disk() {
  blkdebug_then_client 0
  expect_rc 0 && expect_within 30 &&
  expect_log "disk /pci@800000020000000/scsi@0: cannot read its partition table" &&
  expect_log "^CLIENT-BOOTED: bootpath=/pci@800000020000000/scsi@1$"
}

test_read_error_on_the_prep_partition_falls_through_to_the_next_disk() {
  blkdebug_then_client 2048
  expect_rc 0 && expect_within 30 &&
  expect_log "disk /pci@800000020000000/scsi@0: read error in PReP partition 1" &&
  expect_log "^CLIENT-BOOTED: bootpath=/pci@800000020000000/scsi@1$"
}

test_read_error_on_the_gpt_header_uses_the_backup_and_says_so() {
  qemu_run 120 pseries -m 1G $(blkdebug_dev d0 "$GPT" 1)
  expect_log "sluice: scsi@0: the primary GPT cannot be read; using the backup" &&
  expect_log "sluice: booting scsi@0: 64-bit little-endian kernel" &&
  expect_log "Unable to mount root fs"
}
