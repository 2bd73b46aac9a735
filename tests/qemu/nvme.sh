# SPDX-License-Identifier: BSD-2-Clause
# NVMe: QEMU's nvme controller and nvme-ns namespaces (512 and 4096-byte
# blocks) booted through GRUB and from PReP, chosen by bootindex among
# virtio disks, read intact by Linux's own driver after the hand-off,
# through a secure-mode transition, and controllers or namespaces that must
# be refused in one line.

PHB0=/pci@800000020000000
NVME_4K="logical_block_size=4096,physical_block_size=4096"
# nvme_dev ID IMAGE [device options...]: a controller with its namespace 1.
nvme_dev() { id=$1; img=$2; shift 2; drive_dev nvme "$id" "$img" serial=sluice-$id "$@"; }
# nvme_ns CONTROLLER-ID ID IMAGE NSID [options...]: one more namespace.
nvme_ns() { ctrl=$1; id=$2; img=$3; nsid=$4; shift 4; drive_dev nvme-ns "$id" "$img" bus=$ctrl nsid=$nsid "$@"; }

# Before the hand-off marker in QEMU's trace, each of N controllers was
# shut down (CC.SHN) and then disabled: expect_nvme_shut_down N.
NVME_TRACE="-trace pci_nvme_mmio_shutdown_set -trace pci_nvme_mmio_stopped"
expect_nvme_shut_down() {
  seen=$(gawk '/spapr_update_dt/ { exit }
               /pci_nvme_mmio_shutdown_set/ { shut++ }
               /pci_nvme_mmio_stopped/ && shut > stopped { stopped++ }
               END { printf "%d %d", shut, stopped }' "$LOGS/$TEST.trace")
  [ "$seen" = "$1 $1" ] || { echo "    before hand-off: $seen shutdowns/disables, expected $1 of each"; return 1; }
}

# GRUB on NVMe, named by bootindex ahead of a bootable virtio disk found
# first in the scan: the boot order, GRUB's root, Linux's init.
test_nvme_grub_gpt_disk_boots_by_bootindex_over_virtio() {
  qemu_run 120 pseries -m 1G -snapshot $(TRACE_ARGS) \
    $(blk_dev d0 "$GRUB_MBR" disable-legacy=on iommu_platform=on addr=1) \
    $(blk_dev d1 "$B/disk-noprep.img" addr=2 bootindex=2) \
    $(nvme_dev n0 "$GRUB_GPT" addr=3 bootindex=1)
  expect_rc 0 &&
  expect_log "sluice: nvme mass-storage@3: NVMe 1\.4 controller \"QEMU NVMe Ctrl\", 512 KiB per command, DMA translated\$" &&
  expect_log "boot order: $PHB0/mass-storage@3/namespace@1,0 \(bootindex\), $PHB0/scsi@2 \(bootindex\), $PHB0/scsi@1 \(scan\)\$" &&
  expect_log "sluice: booting namespace@1,0: 32-bit big-endian program" &&
  expect_log "GRUB-ROOT: ieee1275/disk[0-9]*,gpt2" &&
  expect_log "SLUICE-TEST-CMDLINE: BOOT_IMAGE=/boot/vmlinux console=hvc0 sluice.route=grub-gpt-gpt2" &&
  expect_log "SLUICE-TEST-INIT: powering off" &&
  expect_clean_prom_init && expect_no_log "sluice: error" &&
  expect_tces_on 0x80000000 yes && expect_tces_cleared
}

# GRUB from the PReP partition of an MBR disk on NVMe, alone.
test_nvme_grub_mbr_disk_boots() {
  qemu_run 120 pseries -m 1G -snapshot $(TRACE_ARGS) $(nvme_dev n0 "$GRUB_MBR")
  expect_rc 0 &&
  expect_log "GRUB-ROOT: ieee1275/disk[0-9]*,msdos2" &&
  expect_log "SLUICE-TEST-CMDLINE: BOOT_IMAGE=/boot/vmlinux console=hvc0 sluice.route=grub-mbr-msdos2" &&
  expect_log "SLUICE-TEST-INIT: powering off" &&
  expect_no_log "sluice: error" && expect_tces_cleared
}

# A namespace of 4096-byte blocks: its PReP partition's kernel boots.
test_nvme_4k_namespace_prep_kernel_boots() {
  qemu_run 120 pseries -m 1G $(nvme_dev n0 "$GPT4K" $NVME_4K)
  expect_log "sluice: nvme mass-storage@0 namespace@1,0: disk, 64 MiB in 4096-byte blocks\$" &&
  expect_disk_boot namespace@1,0
}

# Linux's nvme driver takes over controllers the firmware shut down and
# reads every namespace intact: 512 and 4096-byte blocks, a second
# namespace on one controller; no TCE is left behind.
test_linux_reads_nvme_namespaces_after_handoff() {
  qemu_run 240 pseries -m 1G -kernel "$KERNEL" -initrd "$INITRD" \
    -append "console=hvc0 sluice.check=disks sluice.disks=3" \
    $(nvme_dev n0 "$GPT" id=c0 addr=0) $(nvme_ns c0 n1 "$MBR4K" 2 $NVME_4K) \
    $(nvme_dev n2 "$MBR" addr=1) $(TRACE_ARGS) $NVME_TRACE
  expect_rc 0 && expect_nvme_shut_down 2 &&
  expect_log "sluice: nvme mass-storage@0 namespace@2,0: disk, 64 MiB in 4096-byte blocks\$" &&
  expect_log "SLUICE-TEST-BINDING: pci@800000020000000/mass-storage@0 mode=translated access-platform=none window=gAAAAAAAAAAAAAAAAAAAAEAAAAA=\$" &&
  expect_log "SLUICE-TEST-MD5: nvme[0-9]n[0-9] $PHB0/mass-storage@0 $(cat "$GPT.md5")\$" &&
  expect_log "SLUICE-TEST-MD5: nvme[0-9]n[0-9] $PHB0/mass-storage@0 $(cat "$MBR4K.md5")\$" &&
  expect_log "SLUICE-TEST-MD5: nvme[0-9]n[0-9] $PHB0/mass-storage@1 $(cat "$MBR.md5")\$" &&
  expect_no_log "SLUICE-TEST-ERROR|sluice: error" &&
  expect_tces_on 0x80000000 yes && expect_tces_cleared
}

# QEMU's pseries boot list drops the namespace from an NVMe bootindex: it
# names the controller, or "<controller>/nvme-ns". Either puts the
# controller's namespaces, in order, ahead of a bootable virtio disk found
# first in the scan; here namespace 2 is the bootable one.
test_nvme_namespace_bootindex_names_its_controller() {
  qemu_run 60 pseries -m 1G -prom-env boot-args=client-hello $(blk_dev d0 "$CLIENT_DISK" addr=0) \
    $(nvme_dev n0 "$B/disk-noprep.img" id=c0 addr=1) $(nvme_ns c0 n1 "$CLIENT_DISK" 2 bootindex=1)
  expect_log "boot order: $PHB0/mass-storage@1/namespace@1,0 \(bootindex\), $PHB0/mass-storage@1/namespace@2,0 \(bootindex\), $PHB0/scsi@0 \(scan\)\$" &&
  expect_log "disk $PHB0/mass-storage@1/namespace@1,0: no PReP boot partition" &&
  expect_log "^CLIENT-BOOTED: bootpath=$PHB0/mass-storage@1/namespace@2,0\$"
}

test_client_uses_the_of_disk_package_on_a_4k_nvme_namespace() {
  qemu_run 60 pseries,kernel-addr=0 -m 1G -kernel "$CLIENT" \
    -append "client-disk $PHB0/mass-storage@0/namespace@1,0 bs=4096" $(nvme_dev n0 "$GPT4K" $NVME_4K)
  expect_log "CLIENT-RESULT: PASS" && expect_no_log "CLIENT-FAIL" &&
  expect_log "CLIENT-DISK-CRC $(cat "$GPT4K.crc")\$"
}

# Reads that fail (QEMU's blkdebug): the NVMe status in one line, then the
# next disk boots.
test_nvme_read_errors_say_the_status_then_the_next_device_boots() {
  printf '[inject-error]\nevent = "read_aio"\nerrno = "5"\n' > "$LOGS/$TEST.blkdebug"
  qemu_run 60 pseries -m 1G -prom-env boot-args=client-hello \
    -drive file="blkdebug:$LOGS/$TEST.blkdebug:$CLIENT_DISK",if=none,id=n0,format=raw,readonly=on \
    -device nvme,drive=n0,serial=bad,addr=0 $(blk_dev d0 "$CLIENT_DISK" addr=1)
  expect_log "sluice: error: nvme mass-storage@0 namespace@1,0: read of blocks 0-0 failed: unrecovered read error \(status 0x281\)\$" &&
  expect_log "sluice: disk $PHB0/mass-storage@0/namespace@1,0: cannot read its partition table\$" &&
  expect_log "^CLIENT-BOOTED: bootpath=$PHB0/scsi@1\$" &&
  expect_within 30
}

# A controller without namespaces, and a namespace whose blocks carry
# metadata: one line each, and the disk after them boots.
test_nvme_without_usable_namespaces_is_skipped_in_one_line() {
  qemu_run 60 pseries -m 1G -prom-env boot-args=client-hello \
    -device nvme,serial=empty,addr=0 \
    -device nvme,id=c1,serial=meta,addr=1 $(nvme_ns c1 m0 "$CLIENT_DISK" 1 ms=8) \
    $(nvme_dev n0 "$CLIENT_DISK" addr=2)
  expect_log "sluice: nvme mass-storage@0: no usable namespace\$" &&
  expect_log "sluice: nvme mass-storage@1 namespace@1,0: its blocks carry metadata; skipped\$" &&
  expect_log "sluice: nvme mass-storage@1: no usable namespace\$" &&
  expect_log "^CLIENT-BOOTED: bootpath=$PHB0/mass-storage@2/namespace@1,0\$" &&
  expect_no_log "sluice: error"
}

# Secure mode mid-read: the controller is shut down, restarted on bounce
# buffers in shared pages, and the client's read of the disk stays right.
test_secure_transition_mid_read_nvme() {
  uv_client_run "disk=$PHB0/mass-storage@0/namespace@1,0" $(nvme_dev n0 "$GPT")
  expect_secure_mid_read "nvme mass-storage@0" "$GPT" && expect_no_log "sluice: error"
}

# secure-mode=on from the start: the binding says bounce, every buffer the
# controller reached was shared and given back, and Linux reads the disk.
test_secure_forced_nvme_binding_says_bounce() {
  FW=$UVSIM
  qemu_run 240 pseries -m 1G -prom-env secure-mode=on -kernel "$KERNEL" -initrd "$INITRD" \
    -append "console=hvc0 sluice.check=disks" $(nvme_dev n0 "$GPT") $UV_TRACE -D "$LOGS/$TEST.trace"
  expect_rc 0 &&
  expect_log "sluice: nvme mass-storage@0: NVMe 1\.4 controller \"QEMU NVMe Ctrl\", 512 KiB per command, DMA bounce\$" &&
  expect_log "SLUICE-TEST-BINDING: pci@800000020000000/mass-storage@0 mode=bounce access-platform=none window=gAAAAAAAAAAAAAAAAAAAAEAAAAA=\$" &&
  expect_log "SLUICE-TEST-MD5: nvme0n1 $PHB0/mass-storage@0 $(cat "$GPT.md5")\$" &&
  expect_no_log "UVSIM-MISUSE|SLUICE-FATAL|sluice: error" && expect_uv_clean
}

# 24 controllers without a bootable namespace, then one with: no fixed
# limit, every one found and tried, the last boots, quickly.
test_25_nvme_controllers_all_found_the_last_boots() {
  ctrls=""
  for i in $(seq 0 23); do ctrls="$ctrls $(nvme_dev n$i "$B/disk-noprep.img")"; done
  qemu_run 90 pseries -m 1G -prom-env boot-args=client-hello -prom-env ci-mode=on $ctrls \
    $(nvme_dev c0 "$CLIENT_DISK")
  found=$(grep -ac "sluice: nvme mass-storage@[0-9a-f]* namespace@1,0: disk, 64 MiB in 512-byte blocks" "$LOG")
  tried=$(grep -ac "sluice: trying disk $PHB0/mass-storage@" "$LOG")
  [ "$found" -eq 25 ] || { echo "    $found of 25 namespaces found"; return 1; }
  [ "$tried" -eq 25 ] || { echo "    $tried of 25 namespaces tried"; return 1; }
  expect_log "^CLIENT-BOOTED: bootpath=$PHB0/mass-storage@18/namespace@1,0\$" &&
  expect_no_log "sluice: error" && expect_within 30
}

# grub-install writes boot-device with "namespace@<nsid>" (no ",0"): it
# names that namespace alone, ahead of a bootable namespace 1.
test_boot_device_as_grub_install_writes_it_names_one_namespace() {
  qemu_run 60 pseries -m 1G -prom-env boot-args=client-hello \
    -prom-env "boot-device=$PHB0/mass-storage@0/namespace@2" \
    $(nvme_dev n0 "$CLIENT_DISK" id=c0) $(nvme_ns c0 n1 "$CLIENT_DISK" 2)
  expect_log "boot order: $PHB0/mass-storage@0/namespace@2,0 \(boot-device\), $PHB0/mass-storage@0/namespace@1,0 \(scan\)\$" &&
  expect_log "^CLIENT-BOOTED: bootpath=$PHB0/mass-storage@0/namespace@2,0\$"
}

# An nvme-ns in an nvme-subsys with a bootindex: QEMU's boot list says only
# "/nvme-ns". One namespace, shared by two controllers, is the one it names
# (ahead of a bootable virtio disk); with two, it names neither, in one
# line, and the usual order follows.
SUBSYS="-device nvme-subsys,id=ss,nqn=sluice -device nvme,serial=s,subsys=ss,addr=4 -device nvme,serial=s,subsys=ss,addr=5"
test_nvme_subsystem_namespace_bootindex() {
  qemu_run 60 pseries -m 1G -prom-env boot-args=client-hello $(blk_dev d0 "$B/disk-noprep.img" addr=2) \
    $(blk_dev d1 "$CLIENT_DISK" addr=3) $SUBSYS $(drive_dev nvme-ns n1 "$CLIENT_DISK" nsid=1 bootindex=1)
  expect_log "boot order: $PHB0/mass-storage@4/namespace@1,0 \(bootindex\), $PHB0/mass-storage@5/namespace@1,0 \(bootindex\)" &&
  expect_log "^CLIENT-BOOTED: bootpath=$PHB0/mass-storage@4/namespace@1,0\$" || return 1
  TEST=${TEST}_two
  qemu_run 60 pseries -m 1G -prom-env boot-args=client-hello $(blk_dev d1 "$CLIENT_DISK" addr=3) $SUBSYS \
    $(drive_dev nvme-ns n1 "$GPT" nsid=1) $(drive_dev nvme-ns n2 "$CLIENT_DISK" nsid=2 bootindex=1)
  expect_log "bootindex entry '/nvme-ns' \(an nvme-ns of an nvme-subsys\) names a namespace only when the machine has one: QEMU's path gives no controller or namespace id \(boot-device=<path> names one\)\$" &&
  expect_log "^CLIENT-BOOTED: bootpath=$PHB0/scsi@3\$"
}
