# SPDX-License-Identifier: BSD-2-Clause
# Foundation: booting Debian's kernel, and every bad -kernel ending fast and loudly.

test_boot_debian_kernel_to_init() {
  qemu_run 240 pseries -m 1G -kernel "$KERNEL" -initrd "$INITRD" \
    -append "console=hvc0" || true
  expect_rc 0 &&
  expect_log "Preparing to boot Linux version" &&
  expect_log "Calling ibm,client-architecture-support\.\.\. done" &&
  expect_log "instantiating rtas at .*\.\.\. done" &&
  expect_log "SLUICE-TEST-INIT: reached" &&
  expect_log "Hardware name: .* of:Sluice," &&
  expect_log "SLUICE-TEST-DT: rtas instantiated" &&
  expect_log "SLUICE-TEST-DT: interrupt controllers: 1" &&
  expect_log "SLUICE-TEST-INIT: powering off" &&
  expect_log "NVRAM was blank: formatted" &&
  expect_no_log "nvram corruption|Failed to find or create" &&
  expect_no_log "sluice: error|SLUICE-FATAL" &&
  expect_clean_prom_init
}

test_prom_env_nvram_is_left_alone() {
  # QEMU writes -prom-env settings as a valid CHRP layout: not ours to format.
  qemu_run 60 pseries -m 1G -prom-env "boot-device=disk"
  expect_rc nonzero && expect_log "^SLUICE-FATAL: nothing to boot" &&
  expect_no_log "NVRAM was blank|NVRAM partitions are damaged"
}

test_no_kernel_fails_fast() {
  qemu_run 60 pseries -m 1G
  expect_rc nonzero && expect_within 30 &&
  expect_log "^SLUICE-FATAL: nothing to boot"
}

# Inside the firmware's stacks: past the -bios image (QEMU would refuse an
# overlap with that itself), before the end of what the firmware owns at 0.
test_kernel_over_firmware_fails_fast() {
  addr=$(printf '0x%x' $(( 0x$(powerpc64-linux-gnu-nm "$B/sluice.elf" | awk '/ __fw_end$/ { print $1 }') - 0x10000 )))
  qemu_run 60 pseries,kernel-addr=$addr -m 1G -kernel "$KERNEL"
  expect_rc nonzero && expect_within 30 &&
  expect_log "^SLUICE-FATAL: -kernel: kernel at $addr-0x[0-9a-f]+ overlaps the firmware"
}

test_kernel_past_ram_fails_fast() {
  qemu_run 60 pseries,kernel-addr=0xE000000 -m 256M -kernel "$KERNEL"
  expect_rc nonzero && expect_within 30 &&
  expect_log "^SLUICE-FATAL: -kernel: kernel at 0xe000000-0x[0-9a-f]+ runs past the end of RAM"
}

test_initrd_past_ram_fails_fast() {
  # QEMU places the initrd after the kernel without checking that it fits.
  qemu_run 60 pseries,kernel-addr=0xD000000 -m 256M -kernel "$KERNEL" -initrd "$INITRD"
  expect_rc nonzero && expect_within 30 &&
  expect_log "^SLUICE-FATAL: -kernel: initrd at 0x[0-9a-f]+-0x[0-9a-f]+ runs past the end of RAM"
}

# QEMU itself refuses these before the firmware runs (its ELF loader checks
# them); kept so that a user-visible regression on this path is noticed.
test_truncated_kernel_fails_fast() {
  head -c 20000000 "$KERNEL" > "$B/test-truncated.elf"
  qemu_run 60 pseries -m 1G -kernel "$B/test-truncated.elf"
  expect_rc nonzero && expect_within 30 && expect_log "error loading .*Failed to load ELF"
}

test_non_elf_kernel_fails_fast() {
  qemu_run 60 pseries -m 1G -kernel "$INITRD"
  expect_rc nonzero && expect_within 30 && expect_log "error loading .*not ELF"
}

test_client_interface_from_a_client() {
  qemu_run 60 pseries,kernel-addr=0 -m 1G -kernel "$CLIENT" -append client-test
  expect_rc nonzero &&
  expect_log "CLIENT-RESULT: PASS" && expect_no_log "CLIENT-FAIL" &&
  expect_log "client interface: unknown service 'frobnicate'" &&
  expect_log "^SLUICE-FATAL: the client program called exit"
}

test_client_crash_dumps_registers() {
  qemu_run 60 pseries,kernel-addr=0 -m 1G -kernel "$CLIENT" -append client-crash
  expect_rc nonzero && expect_within 30 &&
  expect_log "exception 0x700 \(Program\) at 0x10000" &&
  expect_log "SRR0 00000000010000[0-9a-f]{2}  SRR1" &&
  expect_log "r31 [0-9a-f]{16}" &&
  expect_log "^SLUICE-FATAL: exception 0x700 \(Program\)"
}

# The firmware's image in memory stays byte for byte the file QEMU loaded,
# after drivers, settings and the prompt have run (what makes its PCR 0
# measurement predictable from the file): read back at the prompt.
test_the_image_in_memory_is_the_file_qemu_loaded() {
  dump="$LOGS/$TEST.mem"; rm -f "$dump"
  STEPS="pmemsave 0 $(stat -c %s "$FW") \"$dump\"|quit" \
  monitor_run 60 "^sluice> " -m 1G $(blk_dev d0 "$GPT") -device virtio-net-pci,netdev=n0 \
    -netdev user,id=n0 -prom-env auto-boot?=false -prom-env ci-mode=off
  [ -s "$dump" ] || { echo "    no memory dump"; return 1; }
  cmp "$dump" "$FW" >/dev/null || { echo "    memory differs from $FW: $(cmp "$dump" "$FW" | head -n 1)"; return 1; }
}

# A system reset interrupt (QEMU's nmi) while the firmware runs is an
# exception report, not a second cold start.
test_nmi_is_reported_not_a_restart() {
  STEPS="nmi" monitor_run 60 "^sluice> " -m 1G -prom-env auto-boot?=false -prom-env ci-mode=off
  expect_rc nonzero && expect_log "exception 0x100 \(System Reset\) at 0x" &&
  expect_log "^SLUICE-FATAL: exception 0x100" &&
  { [ "$(grep -c 'firmware for QEMU pseries' "$LOG")" = 1 ] || { echo "    the firmware started again"; return 1; }; }
}
