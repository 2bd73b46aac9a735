# SPDX-License-Identifier: BSD-2-Clause
# Many devices: 32 virtio disks and 10 NICs over two PHBs and a PCI bridge,
# with no fixed limit anywhere on the way (DMA contexts, registries, PCI
# functions, TCE windows, the boot order).

# many_devices LAST-DISK: 15 disks on PHB0, 16 behind a bridge on PHB0,
# then PHB1 with LAST-DISK (bootindex 1) and 10 NICs. Translated and bypass
# devices alternate.
many_devices() {
  last=$1; shift
  args="-device pci-bridge,id=br0,chassis_nr=1,bus=pci.0,addr=0x1f"
  args="$args -device spapr-pci-host-bridge,index=1,id=phb1"
  for i in $(seq 0 30); do
    iommu=$([ $((i % 2)) = 0 ] && echo on || echo off)
    if [ $i -lt 15 ]; then where="bus=pci.0,addr=$i"; else where="bus=br0,addr=$((i - 14))"; fi
    args="$args -drive file=$GPT,if=none,id=d$i,format=raw,readonly=on"
    args="$args -device virtio-blk-pci,drive=d$i,disable-legacy=on,iommu_platform=$iommu,$where"
  done
  args="$args -drive file=$last,if=none,id=d31,format=raw,readonly=on"
  args="$args -device virtio-blk-pci,drive=d31,disable-legacy=on,iommu_platform=on,bus=phb1.0,addr=0,bootindex=1"
  for i in $(seq 0 9); do
    args="$args -netdev user,id=n$i,restrict=on"
    args="$args -device virtio-net-pci,netdev=n$i,mac=52:54:00:00:10:$((10 + i)),disable-legacy=on,iommu_platform=on,bus=phb1.0,addr=$((i + 1))"
  done
  echo "$args"
}

test_many_devices_the_last_disk_boots_by_bootindex() {
  qemu_run 120 pseries -m 2G -prom-env boot-args=client-hello -prom-env ci-mode=on \
    $(many_devices "$CLIENT_DISK")
  expect_rc 0 && expect_no_log "sluice: error" &&
  expect_log "boot order: /pci@800000020000001/scsi@0 \(bootindex\), .*, and [0-9]+ more$" &&
  expect_log "^CLIENT-BOOTED: bootpath=/pci@800000020000001/scsi@0$" &&
  disks=$(grep -ac "sluice: virtio-blk scsi@[0-9a-f]*: 64 MiB" "$LOG") && nics=$(grep -ac "sluice: virtio-net ethernet@" "$LOG") &&
  [ "$disks" = 32 ] && [ "$nics" = 10 ] || { echo "    $disks disks and $nics NICs set up, expected 32 and 10"; return 1; }
}

# Linux, after hand-off, finds every device's DMA binding and reads every
# disk whole; the firmware left no TCE behind on either PHB.
test_many_devices_linux_sees_them_all_and_no_tce_is_left() {
  qemu_run 300 pseries -m 2G -kernel "$KERNEL" -initrd "$INITRD" \
    -append "console=hvc0 sluice.check=disks sluice.disks=32" $(many_devices "$GPT") $(TRACE_ARGS)
  expect_rc 0 && expect_log "SLUICE-TEST-INIT: powering off" && expect_tces_cleared &&
  bindings=$(grep -ac "^SLUICE-TEST-BINDING: " "$LOG") &&
  sums=$(grep -ac "^SLUICE-TEST-MD5: vd[a-z]* .* $(cat "$GPT.md5")\$" "$LOG") &&
  [ "$bindings" = 42 ] && [ "$sums" = 32 ] ||
    { echo "    Linux saw $bindings bindings and $sums intact disks, expected 42 and 32"; return 1; }
}

# 20 transitional disks on one PHB outgrow its I/O space: the modern
# interface needs none, so no line about the I/O BARs they did not get;
# a legacy-only disk after them needs its I/O BAR and says so, once.
test_io_space_running_out_costs_no_lines_for_devices_without_need() {
  args=""
  for i in $(seq 0 19); do
    args="$args -drive file=$GPT,if=none,id=d$i,format=raw,readonly=on -device virtio-blk-pci,drive=d$i,addr=$i"
  done
  args="$args -drive file=$CLIENT_DISK,if=none,id=dl,format=raw,readonly=on"
  args="$args -device virtio-blk-pci,drive=dl,disable-modern=on,addr=0x1e"
  qemu_run 120 pseries -m 2G -prom-env boot-args=client-hello -prom-env ci-mode=on $args
  disks=$(grep -ac "sluice: virtio-blk scsi@[0-9a-f]*: 64 MiB, modern interface" "$LOG")
  expect_no_log "no room for" &&
  expect_log "sluice: error: virtio scsi@1e: a legacy-only device, and its I/O BAR got no address \(the PHB's I/O space is full\); not used\$" &&
  { [ "$disks" = 20 ] || { echo "    $disks disks set up, expected 20"; return 1; }; }
}
