# SPDX-License-Identifier: BSD-2-Clause
# kernel-entry=fdt: -kernel images entered the ePAPR way (r3 = a flattened
# tree, r5 = 0), as kexec and kvm-unit-tests' own boot ROM do. A bare-metal
# program checks the tree it is given and powers off through RTAS; Debian's
# kernel boots to the test init without prom_init.

FDT_ARGS='console=hvc0 fdt.test="two words"'
expect_fdt_checks() {   # expect_fdt_checks N: the program passed N checks
  n=$(grep -c '^FDT-OK ' "$LOG")
  [ "$n" -eq "$1" ] || { echo "    $n checks passed, not $1"; return 1; }
}

test_fdt_entry_bare_metal_program_finds_its_tree_and_powers_off() {
  qemu_run 60 pseries,kernel-addr=0 -m 1G -smp 2 -kernel "$FDT_CLIENT" -initrd "$INITRD" \
    -append "$FDT_ARGS" -prom-env kernel-entry=fdt
  expect_rc 0 && expect_within 20 &&
  expect_log "sluice: entering with a [0-9]+-byte flattened tree at 0x[0-9a-f]+ \(kernel-entry=fdt\)" &&
  expect_no_log "FDT-FAIL|sluice: error" &&
  expect_log "^FDT-CLIENT: bootargs=$FDT_ARGS\$" &&
  expect_fdt_checks 12 &&
  expect_log "^FDT-CLIENT: all checks passed, powering off through RTAS"
}

# Linux skips prom_init and reads the tree it is given: initrd, command line
# and RTAS (it powers off through it); the disk the firmware probed is idle,
# its TCEs cleared, and Linux's own driver reads it intact.
test_fdt_entry_boots_linux_without_prom_init() {
  qemu_run 240 pseries -m 1G -smp 2 -kernel "$KERNEL" -initrd "$INITRD" \
    -append "console=hvc0 sluice.check=disks" -prom-env kernel-entry=fdt \
    $(blk_dev d0 "$GPT" disable-legacy=on iommu_platform=on) $(TRACE_ARGS)
  expect_rc 0 &&
  expect_log "kernel-entry=fdt\)" && expect_no_log "Preparing to boot Linux|sluice: error" &&
  expect_log "^SLUICE-TEST-CMDLINE: console=hvc0 sluice.check=disks\$" &&
  expect_log "^SLUICE-TEST-DT: rtas instantiated" &&
  expect_log "smp: Brought up 1 node, 2 CPUs" &&
  expect_log "SLUICE-TEST-MD5: vd[a-z] /pci@800000020000000/scsi@0 $(cat "$GPT.md5")\$" &&
  expect_no_log "SLUICE-TEST-ERROR" && expect_log "reboot: Power down" &&
  expect_tces_cleared
}

# The setting is for -kernel: a disk's kernel still gets Open Firmware (a
# bootloader such as GRUB needs it), and the log says so.
test_fdt_entry_leaves_disk_boots_to_open_firmware() {
  qemu_run 60 pseries -m 1G $(blk_dev d0 "$CLIENT_DISK") -prom-env kernel-entry=fdt \
    -prom-env boot-args=client-hello
  expect_rc 0 && expect_within 30 &&
  expect_log "kernel-entry=fdt is for -kernel images: entering scsi@0 through Open Firmware" &&
  expect_log "^CLIENT-BOOTED: bootpath=/pci@800000020000000/scsi@0"
}
