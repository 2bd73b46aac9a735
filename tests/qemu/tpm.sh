# SPDX-License-Identifier: BSD-2-Clause
# Measured boot on QEMU's vTPM (tpm-spapr) backed by Debian's swtpm (a fresh
# TPM 2.0 with all four PCR banks per test): Linux gets /dev/tpm0 and the
# firmware's event log; Debian's tpm2_eventlog parses it and its replay is
# the TPM's PCRs in every bank Linux shows (tests/tpm-check.py says what
# else each test checks). GRUB 2.12 measures through the firmware; failures
# are one line and the boot goes on.

# expect_tpm_check ARGS...: tests/tpm-check.py on the log says ok.
expect_tpm_check() {
  out=$(python3 "$TESTS/tpm-check.py" "$LOG" "$@" 2>&1)
  [ "$out" = "TPM-CHECK ok" ] || { echo "$out" | sed 's/^/    /'; return 1; }
}
VERSION=$(cat "$B/version.stamp")
VTPM=vtpm@71000002        # after the vty and the NVRAM, with -nodefaults

# A -kernel boot: the firmware (PCR 0, predicted from the file), the
# configuration (PCR 1), the kernel as QEMU loaded it (PCR 4), the command
# line (PCR 8) and the initrd (PCR 9), separators in 0-7; Linux's
# tpm_ibmvtpm registers the TPM the firmware started and freed; the vTPM's
# node says how its DMA was done; nothing is left mapped or registered.
test_kernel_boot_is_measured_and_linux_replays_the_log() {
  swtpm_start || return 1
  qemu_run 120 pseries -m 1G $TPM -kernel "$KERNEL" -initrd "$INITRD" \
    -append "console=hvc0 sluice.check=tpm" $(TRACE_ARGS)
  swtpm_stop
  expect_rc 0 && expect_log "sluice: $VTPM: TPM 2.0, PCR banks sha1 sha256 sha384 sha512\$" &&
  expect_log "^SLUICE-TEST-TPM: /dev/tpm0\$" &&
  expect_log "^SLUICE-TEST-BINDING: vdevice/$VTPM mode=translated access-platform=none window=" &&
  expect_tpm_check --fw "$FW" --version "$VERSION" --pcr4-kernel "$KERNEL" --pcr9-file "$INITRD" \
    --cmdline "console=hvc0 sluice.check=tpm" --event "1:booted: -kernel" --event "1:tpm=auto" --event "1:network-mode=auto" &&
  expect_clean_prom_init && expect_log "instantiating sml at 0x[0-9a-f]*\.\.\. done" &&
  expect_tces_cleared && expect_no_log "sluice: error|SLUICE-FATAL"
}

# libvirt's TPM: swtpm_setup with its defaults (libvirt runs it once for a
# guest with <tpm model='tpm-spapr'>) activates the sha256 bank alone. The
# firmware measures into that bank only, every event carries that one
# digest, and the log replays; nothing is said about the other banks.
test_libvirt_default_tpm_has_the_sha256_bank_alone() {
  swtpm_start setup || return 1
  qemu_run 120 pseries -m 1G $TPM -kernel "$KERNEL" -initrd "$INITRD" \
    -append "console=hvc0 sluice.check=tpm"
  swtpm_stop
  expect_rc 0 && expect_log "sluice: $VTPM: TPM 2.0, PCR banks sha256\$" &&
  expect_log "^SLUICE-TEST-TPM: /dev/tpm0\$" &&
  expect_tpm_check --banks sha256 --fw "$FW" --version "$VERSION" --pcr4-kernel "$KERNEL" \
    --pcr9-file "$INITRD" --cmdline "console=hvc0 sluice.check=tpm" &&
  expect_no_log "sluice: error|SLUICE-FATAL"
}

# GRUB 2.12 with its tpm module, from a GPT disk: the firmware measures the
# PReP program (the ELF's extent: its headers and segments), the boot
# sector and the GPT; GRUB measures its commands into PCR 8 and the kernel
# and initrd it loads into PCR 9 through 2hash-ext-log, digests equal to the
# files'; the log still replays.
test_grub_measures_what_it_loads_through_the_firmware() {
  swtpm_start || return 1
  qemu_run 180 pseries -m 1G $TPM $(blk_dev d0 "$GRUB_TPM")
  swtpm_stop
  expect_rc 0 && expect_log "^SLUICE-TEST-TPM: /dev/tpm0\$" &&
  expect_tpm_check --fw "$FW" --version "$VERSION" --pcr4-prep "$GRUB_TPM.core.elf" \
    --event "4:MBR" --event "5:EFI PART" --pcr9-file "$KERNEL" --pcr9-file "$INITRD" \
    --event "8:grub_cmd: linux /boot/vmlinux" --event "8:kernel_cmdline: /boot/vmlinux console=hvc0" \
    --event "1:booted: scsi@0 /pci@800000020000000/scsi@0" &&
  expect_clean_prom_init && expect_no_log "sluice: error|SLUICE-FATAL|2HASH-EXT-LOG failed"
}

# The vTPM package's methods from a client, as GRUB and prom_init call
# them (tests/client: get-maximum-cmd-size, pass-through-to-tpm,
# 2hash-ext-log, sml-get-handover-size, sml-handover, get-failure-reason).
test_client_uses_the_vtpm_methods() {
  swtpm_start || return 1
  qemu_run 60 pseries,kernel-addr=0 -m 1G $TPM -kernel "$CLIENT" -append client-tpm
  swtpm_stop
  expect_rc nonzero && expect_log "CLIENT-RESULT: PASS" && expect_no_log "CLIENT-FAIL" &&
  expect_log "^SLUICE-FATAL: the client program called exit"
}

# kernel-entry=fdt: no prom_init asks for the log, so the firmware puts it
# on the vTPM's node (linux,sml-base/-size) and in the reserve map.
test_kernel_entry_fdt_hands_the_log_over_in_the_tree() {
  swtpm_start || return 1
  qemu_run 120 pseries -m 1G $TPM -prom-env kernel-entry=fdt -kernel "$KERNEL" -initrd "$INITRD" \
    -append "console=hvc0 sluice.check=tpm"
  swtpm_stop
  expect_rc 0 && expect_log "^SLUICE-TEST-TPM: /dev/tpm0\$" &&
  expect_tpm_check --fw "$FW" --version "$VERSION" --pcr4-kernel "$KERNEL" --pcr9-file "$INITRD" &&
  expect_no_log "tpm_read_log_of|sluice: error"
}

# secure-mode=on: the vTPM's queue and buffer are bounce buffers in shared
# pages like every device's; the measurements are the same.
test_tpm_on_bounce_buffers_in_secure_mode() {
  FW=$UVSIM
  swtpm_start || return 1
  qemu_run 180 pseries -m 1G $TPM -prom-env secure-mode=on -kernel "$KERNEL" -initrd "$INITRD" \
    -append "console=hvc0 sluice.check=tpm" $UV_TRACE -D "$LOGS/$TEST.trace"
  swtpm_stop
  expect_rc 0 &&
  expect_log "^SLUICE-TEST-BINDING: vdevice/$VTPM mode=bounce access-platform=none window=" &&
  expect_tpm_check --fw "$UVSIM" --version "$VERSION" --pcr9-file "$INITRD" &&
  expect_no_log "UVSIM-MISUSE|SLUICE-FATAL" && expect_uv_clean
}

# swtpm killed while the firmware waits (after PCR 0): the next command
# fails, one line says so, nothing more is measured and Linux boots.
test_tpm_killed_mid_boot_is_one_line_and_the_boot_goes_on() {
  swtpm_start || return 1
  LOG="$LOGS/$TEST.log"
  start=$(date +%s.%N)
  timeout -k 5 120 qemu-system-ppc64 -M pseries $QEMU_COMMON -bios "$FW" $TPM -prom-env boot-delay=2 \
    -kernel "$KERNEL" -initrd "$INITRD" -append "console=hvc0" </dev/null >"$LOG" 2>&1 &
  qemu=$!
  for i in $(seq 300); do grep -aq "press any key within" "$LOG" && break; sleep 0.1; done
  swtpm_stop
  wait $qemu; RC=$?
  sed -i 's/\r$//' "$LOG"
  SECS=$(echo "$(date +%s.%N) - $start" | bc)
  n=$(grep -c "nothing more is measured" "$LOG")
  expect_rc 0 && expect_within 60 && expect_log "^SLUICE-TEST-INIT: reached" &&
  expect_log "sluice: error: $VTPM: .*TPM2_PCR_Extend.*; nothing more is measured\$" &&
  { [ "$n" = 1 ] || { echo "    $n lines about the TPM failing, not 1"; return 1; }; }
}

# tpm=required: CI that attests what it boots fails at once when nothing
# can be measured, and says why.
test_tpm_required_without_a_tpm_fails_in_ci_mode() {
  qemu_run 60 pseries -m 1G -prom-env tpm=required -prom-env ci-mode=on -kernel "$KERNEL" \
    -initrd "$INITRD" -append "console=hvc0"
  expect_rc nonzero && expect_within 30 &&
  expect_log "^SLUICE-FATAL: nothing to boot: tpm=required, and nothing can be measured: no TPM\$" &&
  expect_no_log "Preparing to boot Linux"
}

# With a TPM that stops answering, tpm=required boots nothing either.
test_tpm_required_with_a_dead_tpm_boots_nothing() {
  swtpm_start || return 1
  LOG="$LOGS/$TEST.log"
  timeout -k 5 120 qemu-system-ppc64 -M pseries $QEMU_COMMON -bios "$FW" $TPM -prom-env boot-delay=2 \
    -prom-env tpm=required -prom-env ci-mode=on -kernel "$KERNEL" -initrd "$INITRD" \
    -append "console=hvc0" </dev/null >"$LOG" 2>&1 &
  qemu=$!
  for i in $(seq 300); do grep -aq "PCR banks" "$LOG" && break; sleep 0.1; done
  swtpm_stop
  wait $qemu; RC=$?
  sed -i 's/\r$//' "$LOG"
  expect_rc nonzero && expect_log "^SLUICE-FATAL: .*tpm=required, and nothing can be measured: " &&
  expect_no_log "Preparing to boot Linux"
}

# Without a TPM nothing changes: not a line about one.
test_no_tpm_no_measuring_no_new_line() {
  qemu_run 120 pseries -m 1G -kernel "$KERNEL" -initrd "$INITRD" -append "console=hvc0"
  expect_rc 0 && expect_log "^SLUICE-TEST-INIT: reached" && expect_no_log "sluice: .*([Tt][Pp][Mm]|measur|PCR)"
}

# The prompt's tpm command: the device, its banks, and the events so far,
# the firmware's version as text and the image's digest.
test_prompt_shows_the_banks_and_the_log() {
  swtpm_start || return 1
  script='expect sluice> $
send tpm
expect ^'"$VTPM"': TPM 2.0, PCR banks sha1 sha256 sha384 sha512; measuring$
expect ^   0 EV_S_CRTM_VERSION +[0-9a-f]{16} Sluice '"$(echo "$VERSION" | sed 's/[.+]/\\&/g')"'$
expect ^   0 EV_S_CRTM_CONTENTS +'"$(sha256sum "$FW" | cut -c1-16)"' 0000000000000000
send poweroff'
  console_session 60 "$script" pseries -m 1G $TPM -prom-env auto-boot?=false -prom-env ci-mode=off
  swtpm_stop
  expect_script_ok && expect_rc 0
}
