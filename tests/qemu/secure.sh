# SPDX-License-Identifier: BSD-2-Clause
# Secure mode: the simulated ultravisor image (build/sluice-uvsim.bin) runs
# the real firmware; UV_ESM from a client mid-read, or secure-mode=on from
# the start. QEMU's trace (TCE hypercalls, every device DMA translation and
# the simulator's markers) is checked by tests/uv-check.awk.

PHB0=/pci@800000020000000
# Without device translations: a 45 MB TFTP makes a million of them.
UV_TRACE_HCALLS="-trace spapr_iommu_pci_* -trace spapr_iommu_get -trace spapr_update_dt"
# UVSIM, UV_TRACE, expect_uv_clean, kernel_dest and uv_client_run: tests/lib.sh.

test_secure_transition_mid_read_blk_and_net() {
  uv_client_run "disk=$PHB0/scsi@0 refused=$PHB0/scsi@1 net=$PHB0/ethernet@2" \
    $(blk_dev d0 "$GPT" disable-legacy=on iommu_platform=on addr=0) \
    $(blk_dev d1 "$MBR" disable-legacy=on addr=1) \
    -netdev user,id=n0 -device virtio-net-pci,netdev=n0,disable-legacy=on,iommu_platform=on,addr=2
  expect_log "UVSIM: esm" &&
  expect_log "secure mode \(the guest turned secure\)" &&
  expect_log "virtio scsi@0: now DMA bounce" && expect_log "virtio ethernet@2: now DMA bounce" &&
  expect_log "virtio scsi@1: does not offer ACCESS_PLATFORM, which a secure guest needs: refused" &&
  expect_log "CLIENT-OK ping before the transition" && expect_log "CLIENT-OK ping after the transition" &&
  expect_log "CLIENT-DISK-CRC $(cat "$GPT.crc")\$" &&
  expect_log "CLIENT-RESULT: PASS" && expect_no_log "CLIENT-FAIL|UVSIM-MISUSE" &&
  expect_uv_clean
}

# The same with the disk and NIC behind a second PHB (their own TCE window).
test_secure_transition_mid_read_second_phb() {
  uv_client_run "disk=/pci@800000020000001/scsi@0 net=/pci@800000020000001/ethernet@1" \
    -device spapr-pci-host-bridge,index=1,id=phb1 \
    $(blk_dev d0 "$MBR" disable-legacy=on iommu_platform=on bus=phb1.0 addr=0) \
    -netdev user,id=n0 -device virtio-net-pci,netdev=n0,disable-legacy=on,iommu_platform=on,bus=phb1.0,addr=1
  expect_log "virtio scsi@0: now DMA bounce" &&
  expect_log "CLIENT-DISK-CRC $(cat "$MBR.crc")\$" &&
  expect_log "CLIENT-RESULT: PASS" && expect_no_log "CLIENT-FAIL|UVSIM-MISUSE" &&
  grep -q "spapr_iommu_pci_indirect liobn=0x80000100" "$LOGS/$TEST.trace" &&
  expect_uv_clean
}

# The simulator is strict: a second UV_ESM ends the VM with a failure.
test_secure_simulator_fails_loudly_on_esm_twice() {
  uv_client_run "disk=$PHB0/scsi@0 esm-twice=yes" \
    $(blk_dev d0 "$GPT" disable-legacy=on iommu_platform=on)
  expect_rc nonzero &&
  expect_log "SLUICE-FATAL: UVSIM-MISUSE: UV_ESM called twice"
}

# secure-mode=on: bounce from the start. The first disk cannot do DMA
# through the platform and is refused; the boot goes on from the second.
test_secure_forced_boots_debian_from_disk() {
  FW=$UVSIM
  qemu_run 120 pseries -m 1G -prom-env secure-mode=on \
    $(blk_dev d0 "$GPT" disable-legacy=on addr=0) \
    $(blk_dev d1 "$MBR" disable-legacy=on iommu_platform=on addr=1) \
    $UV_TRACE -D "$LOGS/$TEST.trace"
  expect_log "secure mode \(forced by secure-mode=on\)" &&
  expect_log "virtio scsi@0: does not offer ACCESS_PLATFORM, which a secure guest needs: refused" &&
  expect_log "virtio-blk scsi@1: 64 MiB, modern interface, DMA bounce" &&
  expect_log "sluice: booting scsi@1: 64-bit little-endian kernel" &&
  expect_log "Unable to mount root fs" && expect_clean_prom_init &&
  expect_no_log "UVSIM-MISUSE|SLUICE-FATAL" &&
  expect_uv_clean $(kernel_dest) && expect_tces_cleared
}

# Linux boots (-kernel) after a secure-mode firmware: the binding says
# bounce, and Linux's own driver reads the disk after hand-off.
test_secure_forced_binding_says_bounce() {
  FW=$UVSIM
  qemu_run 240 pseries -m 1G -prom-env secure-mode=on -kernel "$KERNEL" -initrd "$INITRD" \
    -append "console=hvc0 sluice.check=disks" \
    $(blk_dev d0 "$GPT" disable-legacy=on iommu_platform=on) \
    $UV_TRACE -D "$LOGS/$TEST.trace"
  expect_rc 0 &&
  expect_log "SLUICE-TEST-BINDING: pci@800000020000000/scsi@0 mode=bounce access-platform=AAAAAQ== window=gAAAAAAAAAAAAAAAAAAAAEAAAAA=\$" &&
  expect_log "SLUICE-TEST-MD5: vd[a-z] /pci@800000020000000/scsi@0 $(cat "$GPT.md5")\$" &&
  expect_uv_clean
}

# Network boot in secure mode: DHCP, pxelinux, a 45 MB kernel and the
# initrd over TFTP, all through bounce buffers.
test_secure_forced_net_boot_pxelinux() {
  FW=$UVSIM
  qemu_run 240 pseries -m 1G -prom-env secure-mode=on \
    -netdev user,id=n0,tftp="$B/tftp-pxe" \
    -device virtio-net-pci,netdev=n0,mac=52:54:00:12:34:56,disable-legacy=on,iommu_platform=on \
    $UV_TRACE_HCALLS -D "$LOGS/$TEST.trace"
  expect_rc 0 &&
  expect_log "virtio-net ethernet@0: 52:54:00:12:34:56, modern interface, DMA bounce" &&
  expect_log "SLUICE-TEST-INIT: reached" &&
  expect_log "SLUICE-TEST-BINDING: pci@800000020000000/ethernet@0 mode=bounce" &&
  expect_no_log "UVSIM-MISUSE|SLUICE-FATAL" && expect_uv_clean $(kernel_dest)
}

# Without an ultravisor, secure-mode=on still bounces (nothing to share
# with); the shipped image makes no ucalls.
test_secure_forced_without_ultravisor() {
  qemu_run 120 pseries -m 1G -prom-env secure-mode=on \
    $(blk_dev d0 "$GPT" disable-legacy=on iommu_platform=on)
  expect_log "secure mode \(forced by secure-mode=on\): device DMA through bounce buffers in private pages" &&
  expect_log "virtio-blk scsi@0: 64 MiB, modern interface, DMA bounce" &&
  expect_log "Unable to mount root fs" && expect_no_log "SLUICE-FATAL|exception"
}

# SCSI disks turn secure mid-read too: a vscsi disk (its CRQ and buffers
# move to shared pages) and a virtio-scsi disk behind the IOMMU.
test_secure_transition_mid_read_vscsi() {
  uv_client_run "disk=/vdevice/v-scsi@71000002/disk@8000000000000000" \
    -drive file="$GPT",if=scsi,index=0,format=raw,readonly=on
  expect_secure_mid_read v-scsi@71000002 "$GPT" &&
  grep -q "spapr_iommu_indirect liobn=0x71000002" "$LOGS/$TEST.trace"
}

test_secure_transition_mid_read_virtio_scsi() {
  uv_client_run "disk=$PHB0/scsi@0/disk@101000000000000" \
    -device virtio-scsi-pci,id=s0,disable-legacy=on,iommu_platform=on \
    -drive file="$MBR",if=none,id=m0,format=raw,readonly=on -device scsi-hd,drive=m0,scsi-id=1
  expect_secure_mid_read "virtio scsi@0" "$MBR"
}

# secure-mode=on from the start: the installer CD on vscsi, GRUB reading
# the kernel and initrd through the firmware, every byte through bounce
# buffers in shared pages.
test_secure_forced_boots_the_installer_cd() {
  FW=$UVSIM
  qemu_run 120 pseries -m 1G -prom-env secure-mode=on -cdrom "$ISO_GRUB" $UV_TRACE -D "$LOGS/$TEST.trace"
  expect_rc 0 &&
  expect_log "sluice: v-scsi@71000002: spapr-vscsi, DMA bounce" &&
  expect_log "GRUB-LOADING: ieee1275/cdrom /boot/vmlinux" &&
  expect_log "SLUICE-TEST-BINDING: vdevice/v-scsi@71000002 mode=bounce access-platform=none" &&
  expect_log "SLUICE-TEST-INIT: reached" &&
  expect_no_log "UVSIM-MISUSE|SLUICE-FATAL" && expect_uv_clean
}
