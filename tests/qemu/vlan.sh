# SPDX-License-Identifier: BSD-2-Clause
# spapr-vlan, the pseries default NIC (QEMU's -nic without a model): network
# boot through it, Linux's ibmveth taking over after hand-off, its place in
# the boot order, and secure mode moving it onto bounce buffers.

TFTP_NET="$B/tftp-net"
VLAN=/vdevice/l-lan@71000002

# Every TCE the firmware made was for a device's set-up: the whole network
# boot (tens of thousands of frames) costs no more TCE hypercalls than this.
expect_tce_calls_at_most() {
  calls=$(gawk -f "$TESTS/tce-check.awk" "$LOGS/$TEST.trace" | sed -n 's/^TCE-CHECK calls //p')
  [ "${calls:-99999}" -le "$1" ] || { echo "    $calls TCE hypercalls before hand-off (at most $1 expected)"; return 1; }
}

test_vlan_default_nic_boots_pxelinux_and_linux_takes_it_over() {
  qemu_run 240 pseries -m 1G -nic user,tftp="$TFTP_NET" $(TRACE_ARGS)
  expect_rc 0 &&
  expect_log "sluice: l-lan@71000002: spapr-vlan 52:54:00:12:34:56, DMA translated" &&
  expect_log "boot order: $VLAN \(scan\)" &&
  expect_log "net l-lan@71000002: address 10.0.2.15, TFTP server 10.0.2.2" &&
  expect_log "tftp vmlinux: 4[0-9]\.[0-9] MB done" &&
  expect_log "SLUICE-TEST-CMDLINE: console=hvc0 sluice.check=net sluice.route=pxelinux-net" &&
  expect_log "SLUICE-TEST-BINDING: vdevice/l-lan@71000002 mode=translated access-platform=none window=cQAAAgAAAAAAAAAAAAAAABAAAAA=" &&
  expect_log "SLUICE-TEST-NET: eth0 driver=ibmveth lease=10.0.2.15" &&
  expect_no_log "sluice: error|SLUICE-FATAL|SLUICE-TEST-ERROR" && expect_clean_prom_init &&
  expect_tces_cleared && expect_tces_on 0x71000002 yes && expect_tce_calls_at_most 16
}

test_vlan_bootindex_among_disks() {
  qemu_run 240 pseries -m 1G $(blk_dev d0 "$GPT" bootindex=2) $(blk_dev d1 "$MBR" bootindex=3) \
    -netdev user,id=n0,tftp="$TFTP_NET" -device spapr-vlan,netdev=n0,bootindex=1
  expect_rc 0 &&
  expect_log "boot order: $VLAN \(bootindex\), /pci@800000020000000/scsi@0 \(bootindex\), /pci@800000020000000/scsi@1 \(bootindex\)" &&
  expect_log "trying network $VLAN \(bootindex\)" &&
  expect_log "booting l-lan@71000002: 64-bit little-endian kernel" &&
  expect_log "SLUICE-TEST-NET: eth0 driver=ibmveth lease=10.0.2.15"
}

# A client pings through the OF network package on the l-lan, turns the
# guest secure halfway through a disk read, and pings again: the device
# moved onto bounce buffers.
test_vlan_secure_transition_mid_session() {
  uv_client_run "disk=/pci@800000020000000/scsi@0 net=$VLAN" \
    $(blk_dev d0 "$GPT" disable-legacy=on iommu_platform=on) -nic user
  expect_log "UVSIM: esm" && expect_log "l-lan@71000002: now DMA bounce" &&
  expect_log "CLIENT-OK ping before the transition" && expect_log "CLIENT-OK ping after the transition" &&
  expect_log "CLIENT-DISK-CRC $(cat "$GPT.crc")\$" &&
  expect_log "CLIENT-RESULT: PASS" && expect_no_log "CLIENT-FAIL|UVSIM-MISUSE" &&
  expect_uv_clean
}

# Network boot in secure mode from the start, kernel and initrd bounced
# (the TCE hypercalls traced, not every DMA translation).
test_vlan_secure_forced_net_boot() {
  FW=$UVSIM
  qemu_run 240 pseries -m 1G -prom-env secure-mode=on -nic user,tftp="$TFTP_NET" \
    -trace 'spapr_iommu_put*' -trace 'spapr_iommu_indirect*' -trace 'spapr_iommu_stuff*' \
    -trace spapr_iommu_get -trace spapr_update_dt -D "$LOGS/$TEST.trace"
  expect_rc 0 &&
  expect_log "l-lan@71000002: spapr-vlan 52:54:00:12:34:56, DMA bounce" &&
  expect_log "SLUICE-TEST-BINDING: vdevice/l-lan@71000002 mode=bounce" &&
  expect_log "SLUICE-TEST-NET: eth0 driver=ibmveth lease=10.0.2.15" &&
  expect_no_log "UVSIM-MISUSE|SLUICE-FATAL" && expect_uv_clean $(kernel_dest)
}
