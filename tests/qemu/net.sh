# SPDX-License-Identifier: BSD-2-Clause
# Network boot over virtio-net with QEMU's user networking (DHCP and TFTP).

TFTP_PXE="$B/tftp-pxe"
TFTP_BIG="$B/tftp-big"
NET_MAC=52:54:00:12:34:56

net_dev() {   # net_dev TFTP-DIR [netdev options] -- [device options]
  dir=$1; shift
  nopts=""; dopts=""
  while [ $# -gt 0 ] && [ "$1" != -- ]; do nopts="$nopts,$1"; shift; done
  [ "${1:-}" = -- ] && shift
  for o in "$@"; do dopts="$dopts,$o"; done
  echo "-netdev user,id=n0,tftp=$dir$nopts -device virtio-net-pci,netdev=n0,mac=$NET_MAC$dopts"
}

test_net_boot_pxelinux_translated() {
  qemu_run 240 pseries -m 1G $(net_dev "$TFTP_PXE" -- disable-legacy=on iommu_platform=on) $(TRACE_ARGS)
  expect_rc 0 &&
  expect_log "virtio-net ethernet@0: 52:54:00:12:34:56, modern interface, DMA translated" &&
  expect_log "net ethernet@0: address 10.0.2.15, TFTP server 10.0.2.2, boot file ''" &&
  expect_log "using pxelinux.cfg/default" &&
  expect_log "tftp vmlinux: 4[0-9]\.[0-9] MB done" &&
  expect_log "SLUICE-TEST-CMDLINE: console=hvc0 sluice.check=disks sluice.route=pxelinux-default" &&
  expect_log "SLUICE-TEST-BINDING: pci@800000020000000/ethernet@0 mode=translated access-platform=AAAAAQ==" &&
  expect_no_log "sluice: error|SLUICE-FATAL" && expect_clean_prom_init &&
  expect_tces_cleared && expect_tces_on 0x80000000 yes
}

test_net_boot_pxelinux_bypass_transitional() {
  qemu_run 240 pseries -m 1G $(net_dev "$TFTP_PXE") $(TRACE_ARGS)
  expect_rc 0 &&
  expect_log "virtio-net ethernet@0: .*, modern interface, DMA bypass" &&
  expect_log "SLUICE-TEST-INIT: reached" &&
  expect_log "SLUICE-TEST-BINDING: pci@800000020000000/ethernet@0 mode=bypass access-platform=AAAAAA== window=none" &&
  expect_tces_cleared && expect_tces_on 0x80000000 no
}

# The DHCP boot file is an ELF: booted directly (no initrd, so Linux stops
# at mounting its root: the firmware's part is done).
test_net_boot_direct_elf_translated() {
  qemu_run 120 pseries -m 1G $(net_dev "$TFTP_PXE" bootfile=vmlinux -- disable-legacy=on iommu_platform=on) $(TRACE_ARGS)
  expect_log "boot file 'vmlinux'" && expect_log "sluice: booting ethernet@0: 64-bit little-endian kernel" &&
  expect_log "Unable to mount root fs" && expect_no_log "sluice: error|SLUICE-FATAL" &&
  expect_clean_prom_init && expect_tces_cleared
}

test_net_boot_direct_elf_bypass() {
  qemu_run 120 pseries -m 1G $(net_dev "$TFTP_PXE" bootfile=vmlinux -- disable-legacy=on) $(TRACE_ARGS)
  expect_log "sluice: booting ethernet@0: 64-bit little-endian kernel" &&
  expect_log "Unable to mount root fs" && expect_tces_on 0x80000000 no
}

test_net_pxelinux_config_for_this_mac_wins() {
  qemu_run 240 pseries -m 1G $(net_dev "$B/tftp-mac" -- disable-legacy=on)
  expect_rc 0 && expect_log "using pxelinux.cfg/01-52-54-00-12-34-56" &&
  expect_log "SLUICE-TEST-CMDLINE: console=hvc0 initrd=initrd-test.gz sluice.route=pxelinux-mac"
}

test_net_boot_file_not_a_kernel_is_read_as_config() {
  qemu_run 240 pseries -m 1G $(net_dev "$TFTP_PXE" bootfile=pxelinux.cfg/default -- disable-legacy=on)
  expect_rc 0 && expect_log "'pxelinux.cfg/default' is not an ELF file; reading it as a pxelinux config" &&
  expect_log "SLUICE-TEST-INIT: reached"
}

test_net_missing_boot_file_fails_fast() {
  qemu_run 60 pseries -m 1G $(net_dev "$TFTP_PXE" bootfile=nothere -- disable-legacy=on)
  expect_rc nonzero && expect_within 30 &&
  expect_log "network /pci@800000020000000/ethernet@0: TFTP error 1 for 'nothere'" &&
  expect_log "^SLUICE-FATAL: nothing to boot"
}

test_net_file_larger_than_ram_fails_fast() {
  qemu_run 60 pseries -m 1G $(net_dev "$TFTP_BIG" bootfile=huge -- disable-legacy=on iommu_platform=on)
  expect_rc nonzero && expect_within 30 &&
  expect_log "'huge' \(2048 MiB\) is larger than the memory free for it" &&
  expect_log "^SLUICE-FATAL: nothing to boot"
}

test_net_after_a_disk_without_prep() {
  qemu_run 240 pseries -m 1G $(blk_dev d0 "$B/disk-noprep.img" disable-legacy=on) $(net_dev "$TFTP_PXE" -- disable-legacy=on)
  expect_rc 0 && expect_log "disk /pci@800000020000000/scsi@0: no PReP boot partition" &&
  expect_log "trying network /pci@800000020000000/ethernet@1" && expect_log "SLUICE-TEST-INIT: reached"
}

# QEMU 7.2 hands the firmware only a one-time boot device (qemu,boot-device):
# a plain -boot n (the boot order) never reaches it.
test_boot_n_tries_network_first() {
  qemu_run 240 pseries -m 1G -boot once=n $(blk_dev d0 "$MBR" disable-legacy=on) $(net_dev "$TFTP_PXE" -- disable-legacy=on)
  expect_rc 0 && expect_no_log "trying disk" && expect_log "SLUICE-TEST-INIT: reached"
}

test_client_uses_the_of_network_package() {
  qemu_run 60 pseries,kernel-addr=0 -m 1G -kernel "$CLIENT" \
    -append "client-net /pci@800000020000000/ethernet@0" $(net_dev "$TFTP_PXE" -- disable-legacy=on iommu_platform=on)
  expect_log "CLIENT-RESULT: PASS" && expect_no_log "CLIENT-FAIL"
}

# e1000 and e1000e (-nic model=e1000, what many existing guest definitions
# carry): DHCP, TFTP, pxelinux through the PHB's TCE window; reset at
# hand-off, so Linux's own driver takes the NIC and gets a lease.
e1000_boots_and_linux_takes_it() {   # e1000_boots_and_linux_takes_it MODEL NAME
  qemu_run 240 pseries -m 1G -netdev user,id=n0,tftp="$B/tftp-net" -device "$1",netdev=n0,mac=$NET_MAC \
    $(TRACE_ARGS)
  expect_rc 0 && expect_log "sluice: $2 ethernet@0: 52:54:00:12:34:56, DMA translated\$" &&
  expect_log "tftp vmlinux: 4[0-9]\.[0-9] MB done" &&
  expect_log "SLUICE-TEST-CMDLINE: console=hvc0 sluice.check=net sluice.route=pxelinux-net" &&
  expect_log "SLUICE-TEST-NET: eth0 driver=$1 lease=10\.0\.2\.15" &&
  expect_no_log "sluice: error|SLUICE-FATAL" && expect_clean_prom_init &&
  expect_tces_cleared && expect_tces_on 0x80000000 yes
}
test_e1000_net_boot() { e1000_boots_and_linux_takes_it e1000 e1000; }
test_e1000e_net_boot() { e1000_boots_and_linux_takes_it e1000e e1000e; }

# Secure mode: the e1000's rings and buffers are bounce buffers.
test_e1000_net_boot_in_secure_mode() {
  FW=$UVSIM
  qemu_run 240 pseries -m 1G -prom-env secure-mode=on -netdev user,id=n0,tftp="$B/tftp-pxe",bootfile=vmlinux \
    -device e1000,netdev=n0 $UV_TRACE -D "$LOGS/$TEST.trace"
  expect_log "sluice: e1000 ethernet@0: .*, DMA bounce\$" &&
  expect_log "sluice: booting ethernet@0: 64-bit little-endian kernel" &&
  expect_no_log "UVSIM-MISUSE|SLUICE-FATAL" && expect_uv_clean $(kernel_dest)
}
