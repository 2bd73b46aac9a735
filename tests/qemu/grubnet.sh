# SPDX-License-Identifier: BSD-2-Clause
# GRUB network boot as distributions document it for POWER: the DHCP boot
# file is grub-mknetdir's core.elf; GRUB configures itself from the lease in
# /chosen/bootp-response, runs its own DHCP through the firmware's network
# package, and loads the kernel and initrd over TFTP through it.

TFTP_GRUB="$B/tftp-grub"
GRUB_CORE=boot/grub/powerpc-ieee1275/core.elf

expect_grub_netboot() {   # expect_grub_netboot DRIVER
  expect_rc 0 &&
  expect_log "boot file '$GRUB_CORE'" &&
  expect_log "GRUB-NET: firmware lease server=10.0.2.2 ip=10.0.2.15" &&
  expect_log "the client's own DHCP acknowledgement is /chosen/bootp-response now" &&
  expect_log "GRUB-NET: own DHCP server=10.0.2.2 ip=10.0.2.15" &&
  expect_log "SLUICE-TEST-CMDLINE: BOOT_IMAGE=/vmlinux console=hvc0 sluice.check=net sluice.route=grub-net" &&
  expect_log "SLUICE-TEST-BOOTP: yiaddr=CgACDw== bytes=[0-9]*" &&   # 10.0.2.15
  expect_log "SLUICE-TEST-NET: eth0 driver=$1 lease=10.0.2.15" &&
  expect_no_log "sluice: error|SLUICE-FATAL|SLUICE-TEST-ERROR|grub rescue|error: "
}

test_grub_netboot_virtio_net_translated() {
  qemu_run 300 pseries -m 1G -netdev user,id=n0,tftp="$TFTP_GRUB",bootfile=$GRUB_CORE \
    -device virtio-net-pci,netdev=n0,disable-legacy=on,iommu_platform=on $(TRACE_ARGS)
  expect_grub_netboot virtio_net &&
  expect_log 'SLUICE-TEST-BOOTPATH: /pci@800000020000000/ethernet@0:10.0.2.2,boot\\grub\\powerpc-ieee1275\\core.elf,10.0.2.15$' &&
  expect_tces_cleared && expect_tces_on 0x80000000 yes
}

test_grub_netboot_virtio_net_bypass() {
  qemu_run 300 pseries -m 1G -netdev user,id=n0,tftp="$TFTP_GRUB",bootfile=$GRUB_CORE \
    -device virtio-net-pci,netdev=n0 $(TRACE_ARGS)
  expect_grub_netboot virtio_net && expect_tces_cleared && expect_tces_on 0x80000000 no
}

test_grub_netboot_spapr_vlan() {
  qemu_run 300 pseries -m 1G -nic user,tftp="$TFTP_GRUB",bootfile=$GRUB_CORE $(TRACE_ARGS)
  expect_grub_netboot ibmveth &&
  expect_log 'SLUICE-TEST-BOOTPATH: /vdevice/l-lan@71000002:10.0.2.2,boot\\grub\\powerpc-ieee1275\\core.elf,10.0.2.15$' &&
  expect_tces_cleared
}
