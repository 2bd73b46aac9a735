# SPDX-License-Identifier: BSD-2-Clause
# A virtio console (virtio-serial with a virtconsole on port 0: libvirt's
# <console type='pty'><target type='virtio'/>) as the firmware's console:
# the log from the banner on, the prompt, a client's stdout and stdin when
# there is no hvterm, SLUICE-FATAL lines; stopped at hand-off so Linux's
# virtio_console takes it.

# vc_run TIMEOUT QEMU-ARGS...: QEMU with no hvterm at all (no -serial): what
# the guest says comes from the virtio console the arguments attach to
# chardev vc (stdio). Sets RC and SECS; the log is $LOGS/$TEST.log.
VC="-chardev stdio,id=vc -device virtio-serial-pci,id=vs0"
vc_run() {
  limit=$1; shift
  LOG="$LOGS/$TEST.log"
  start=$(date +%s.%N)
  timeout -k 5 "$limit" qemu-system-ppc64 -M pseries -nographic -nodefaults -no-reboot \
    -action panic=exit-failure -bios "$FW" "$@" </dev/null >"$LOG" 2>&1
  RC=$?
  sed -i 's/\r$//' "$LOG"
  SECS=$(echo "$(date +%s.%N) - $start" | bc)
}
LINUX="-kernel $KERNEL -initrd $INITRD"

# The only console: the banner and the whole log reach it, prom_init writes
# to it (/chosen/stdout), and Linux's virtio_console takes it over.
vc_only_boots_linux() {   # vc_only_boots_linux VIRTIO-SERIAL-OPTIONS
  vc_run 120 -m 1G $VC$1 -device virtconsole,chardev=vc $LINUX -append "console=hvc0 sluice.check=virtcon"
  expect_rc 0 && expect_log "^Sluice .* firmware for QEMU pseries\$" &&
  expect_log "sluice: virtio-console communication-controller@0: .*; a console from here on" &&
  expect_log "sluice: booting -kernel" &&
  expect_log "OF stdout device is: /pci@800000020000000/communication-controller@0\$" &&
  expect_clean_prom_init &&
  expect_log "^SLUICE-TEST-VIRTCON: Linux writes to /dev/hvc0\$"
}
test_virtio_console_alone_transitional() { vc_only_boots_linux ""; }
test_virtio_console_alone_modern_iommu() { vc_only_boots_linux ",disable-legacy=on,iommu_platform=on"; }
test_virtio_console_alone_legacy() { vc_only_boots_linux ",disable-modern=on"; }

# CI ends on it too: nothing to boot is one SLUICE-FATAL line there.
test_virtio_console_gets_the_fatal_line() {
  vc_run 60 -m 1G $VC -device virtconsole,chardev=vc -prom-env ci-mode=on
  expect_rc nonzero && expect_within 30 && expect_log "^SLUICE-FATAL: nothing to boot: "
}

# The prompt on the virtio console: keys typed there, and `boot`.
test_prompt_on_the_virtio_console() {
  script='expect sluice> $
send printenv input
expect ^input=all  \(default\)$
send boot
expect SLUICE-TEST-VIRTCON: Linux writes to /dev/hvc0'
  CONSOLE_ON="-device virtio-serial-pci -device virtconsole,chardev=con" \
  console_session 120 "$script" pseries -m 1G -prom-env auto-boot?=false -prom-env ci-mode=off \
    $LINUX -append "console=hvc0 sluice.check=virtcon"
  expect_script_ok && expect_rc 0
}

# With an hvterm too: the firmware's text reaches both, clients keep the
# hvterm (the default); output=virtio sends both there.
test_virtio_console_beside_the_hvterm() {
  vcfile="$LOGS/$TEST.vc"; rm -f "$vcfile"
  qemu_run 120 pseries -m 1G -chardev file,id=vcf,path="$vcfile" -device virtio-serial-pci \
    -device virtconsole,chardev=vcf $LINUX -append "console=hvc0"
  expect_rc 0 && expect_log "OF stdout device is: /vdevice/vty@71000000\$" &&
  grep -q "sluice: booting -kernel" "$vcfile" || { echo "    the virtio console lacks the log"; return 1; }
  ! grep -q "Preparing to boot Linux" "$vcfile" || { echo "    prom_init wrote to the virtio console"; return 1; }
  TEST=${TEST}_output_virtio
  vcfile="$LOGS/$TEST.vc"; rm -f "$vcfile"
  qemu_run 120 pseries -m 1G -chardev file,id=vcf,path="$vcfile" -device virtio-serial-pci \
    -device virtconsole,chardev=vcf -prom-env output=virtio $LINUX -append "console=hvc0"
  expect_rc 0 && expect_no_log "sluice: booting" &&
  grep -q "OF stdout device is: /pci@800000020000000/communication-controller@" "$vcfile" ||
    { echo "    output=virtio: prom_init did not write to the virtio console"; return 1; }
}

# Secure mode: the console on bounce buffers, as every device.
test_virtio_console_in_secure_mode() {
  FW=$UVSIM
  vc_run 180 -m 1G $VC,disable-legacy=on,iommu_platform=on -device virtconsole,chardev=vc \
    -prom-env secure-mode=on $LINUX -append "console=hvc0 sluice.check=virtcon" \
    $UV_TRACE -D "$LOGS/$TEST.trace"
  expect_rc 0 && expect_log "virtio-console communication-controller@0: modern interface, DMA bounce" &&
  expect_log "^SLUICE-TEST-VIRTCON: Linux writes to /dev/hvc0\$" && expect_no_log "UVSIM-MISUSE" &&
  expect_uv_clean
}
