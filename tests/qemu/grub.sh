# SPDX-License-Identifier: BSD-2-Clause
# GRUB (Debian's powerpc-ieee1275 build) from a PReP partition: a 32-bit
# client that finds its disk through /aliases and the OF disk package, reads
# grub.cfg, vmlinux and the initrd from ext2, then hands Linux the same client
# interface. No keyboard input: the only menu entry boots after its timeout.

# expect_grub_sees DEVICE: GRUB's ls listed it (GRUB starts its lines with
# a carriage return and wraps ls at 80 columns).
expect_grub_sees() {
  sed -n '/GRUB-DEVICES-BEGIN/,/GRUB-DEVICES-END/p' "$LOG" | tr -d '\r\n' | grep -aqF "($1)" ||
    { echo "    GRUB's ls did not list ($1)"; return 1; }
}

# GRUB reached the test init through the firmware: found its root, listed the
# disk and both partitions, loaded the kernel, and Linux's prom_init ran clean.
expect_grub_boot() {   # expect_grub_boot gpt|mbr
  p=$([ "$1" = gpt ] && echo gpt || echo msdos)
  expect_rc 0 &&
  expect_log "booting scsi@[0-9]: 32-bit big-endian program at 0x200000" &&
  expect_log "Welcome to GRUB" &&
  expect_log "GRUB-ROOT: ieee1275/disk[0-9]*,${p}2" &&
  disk=$(sed -n "s|^.*GRUB-ROOT: ieee1275/\(disk[0-9]*\),.*|\1|p" "$LOG") &&
  expect_grub_sees "ieee1275/$disk" &&
  expect_grub_sees "ieee1275/$disk,${p}1" &&
  expect_grub_sees "ieee1275/$disk,${p}2" &&
  expect_log "GRUB-LOADING: ieee1275/disk[0-9]*,${p}2 /boot/vmlinux" &&
  expect_log "Preparing to boot Linux version" &&
  expect_clean_prom_init &&
  expect_log "SLUICE-TEST-CMDLINE: BOOT_IMAGE=/boot/vmlinux console=hvc0 sluice.route=grub-$1-${p}2" &&
  expect_log "SLUICE-TEST-INIT: powering off" &&
  expect_no_log "sluice: error|is not supported|no method"
}

test_grub_gpt_disk_translated() {
  qemu_run 120 pseries -m 1G $(TRACE_ARGS) \
    $(blk_dev d0 "$GRUB_GPT" iommu_platform=on,disable-legacy=on)
  expect_grub_boot gpt && expect_tces_on 0x80000000 yes && expect_tces_cleared
}

test_grub_gpt_disk_bypass() {
  qemu_run 120 pseries -m 1G $(TRACE_ARGS) $(blk_dev d0 "$GRUB_GPT" disable-legacy=on)
  expect_grub_boot gpt && expect_tces_on 0x80000000 no
}

test_grub_mbr_disk_translated() {
  qemu_run 120 pseries -m 1G $(TRACE_ARGS) \
    $(blk_dev d0 "$GRUB_MBR" iommu_platform=on,disable-legacy=on)
  expect_grub_boot mbr && expect_tces_on 0x80000000 yes && expect_tces_cleared
}

test_grub_mbr_disk_bypass() {
  qemu_run 120 pseries -m 1G $(TRACE_ARGS) $(blk_dev d0 "$GRUB_MBR")
  expect_grub_boot mbr && expect_tces_on 0x80000000 no
}

# Two disks, GRUB's second: the firmware boots from the disk that has a PReP
# partition, and GRUB's search by filesystem UUID walks both (disk, disk1).
test_grub_searches_every_disk() {
  qemu_run 120 pseries -m 1G $(blk_dev d0 "$B/disk-noprep.img" addr=2) \
    $(blk_dev d1 "$GRUB_GPT" iommu_platform=on,disable-legacy=on,addr=3)
  expect_log "disk /pci@800000020000000/scsi@2: no PReP boot partition" &&
  expect_grub_boot gpt &&
  expect_log "GRUB-ROOT: ieee1275/disk1,gpt2" &&
  expect_grub_sees "ieee1275/disk,msdos1" &&
  expect_grub_sees "ieee1275/disk,msdos2"
}
