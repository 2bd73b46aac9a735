# SPDX-License-Identifier: BSD-2-Clause
# Helpers for the QEMU boot tests (sourced by tests/run.sh).
# Every QEMU run has a timeout and -action panic=exit-failure; the log of
# test NAME is kept in $LOGS/NAME.log for whoever has to read a failure.

QEMU_COMMON="-nographic -nodefaults -serial mon:stdio -no-reboot -action panic=exit-failure"

# qemu_run TIMEOUT MACHINE QEMU-ARGS...: sets RC (exit code) and SECS; the
# log is named after the running test ($TEST).
qemu_run() {
  limit=$1; machine=$2; shift 2
  LOG="$LOGS/$TEST.log"
  start=$(date +%s.%N)
  timeout -k 5 "$limit" qemu-system-ppc64 -M "$machine" $QEMU_COMMON -bios "$FW" "$@" \
    </dev/null >"$LOG" 2>&1
  RC=$?
  sed -i 's/\r$//' "$LOG"     # the guest console ends lines with CR LF
  SECS=$(echo "$(date +%s.%N) - $start" | bc)
}

# monitor_run TIMEOUT WAIT-REGEX QEMU-ARGS...: QEMU with its monitor on a
# socket; when the log first matches WAIT-REGEX (30 s at most) the monitor
# runs STEPS (tests/monitor.py's steps, '|' between them; SCREEN stands for
# $LOGS/$TEST.ppm), by default a screendump; then QEMU runs to its end.
# Sets RC and SECS.
monitor_run() {
  limit=$1; wait_for=$2; shift 2
  LOG="$LOGS/$TEST.log"; sock="$LOGS/$TEST.mon"; SCREEN="$LOGS/$TEST.ppm"
  rm -f "$sock" "$SCREEN"
  start=$(date +%s.%N)
  timeout -k 5 "$limit" qemu-system-ppc64 -M pseries $QEMU_COMMON -bios "$FW" \
    -monitor "unix:$sock,server=on,wait=off" "$@" </dev/null >"$LOG" 2>&1 &
  qemu=$!
  for i in $(seq 300); do
    grep -aqE -- "$wait_for" "$LOG" && break
    sleep 0.1
  done
  SCREEN="$SCREEN" python3 "$TESTS/monitor.py" "$sock" "${STEPS:-screendump SCREEN}"
  wait $qemu
  RC=$?
  sed -i 's/\r$//' "$LOG"
  SECS=$(echo "$(date +%s.%N) - $start" | bc)
}
# swtpm_start [setup]: a fresh swtpm for this test, ending with QEMU
# (--terminate): with all four PCR banks, or with "setup" the state
# swtpm_setup's defaults make, as libvirt runs it for a guest (the sha256
# bank alone). TPM holds the QEMU options that attach it. swtpm_stop kills
# it when QEMU never came (a socket path is kept short: UNIX sockets allow
# 108 bytes).
swtpm_start() {
  TPM_DIR=$(mktemp -d /tmp/sluice-tpm.XXXXXX)
  if [ "${1:-}" = setup ] && ! swtpm_setup --tpm2 --tpmstate "$TPM_DIR" >"$TPM_DIR/setup.log" 2>&1; then
    echo "    swtpm_setup failed: $(tail -n 1 "$TPM_DIR/setup.log")"; return 1
  fi
  swtpm socket --tpm2 --tpmstate dir="$TPM_DIR" --ctrl type=unixio,path="$TPM_DIR/sock" \
    --terminate --daemon --pid file="$TPM_DIR/pid" --log file="$TPM_DIR/log" ||
    { echo "    swtpm did not start"; return 1; }
  TPM="-chardev socket,id=tpmc,path=$TPM_DIR/sock -tpmdev emulator,id=tpm0,chardev=tpmc -device tpm-spapr,tpmdev=tpm0"
}
swtpm_stop() {
  [ -f "$TPM_DIR/pid" ] && kill "$(cat "$TPM_DIR/pid")" 2>/dev/null
  rm -rf "$TPM_DIR"
}

# Assertions: each prints why it failed and returns non-zero.
expect_rc() {      # expect_rc 0|nonzero
  if [ "$1" = 0 ] && [ "$RC" -ne 0 ]; then echo "    exited $RC, expected 0"; return 1; fi
  if [ "$1" = nonzero ] && [ "$RC" -eq 0 ]; then echo "    exited 0, expected failure"; return 1; fi
  if [ "$RC" -eq 124 ] || [ "$RC" -eq 137 ]; then echo "    timed out"; return 1; fi
  return 0
}
expect_log() {     # expect_log REGEX
  grep -aEq -- "$1" "$LOG" || { echo "    log lacks: $1"; return 1; }
}
expect_no_log() {  # expect_no_log REGEX
  if grep -aEq -- "$1" "$LOG"; then echo "    log has: $(grep -aE -- "$1" "$LOG" | head -n 1)"; return 1; fi
}
expect_within() {  # expect_within SECONDS
  if [ "$(echo "$SECS > $1" | bc)" = 1 ]; then echo "    took ${SECS}s, limit $1s"; return 1; fi
}
# Linux's prom_init (which talks to the firmware through the client
# interface) printed no warning or failure.
expect_clean_prom_init() {
  bad=$(sed -n '/Preparing to boot Linux/,/Booting Linux via __start/p' "$LOG" |
        grep -aEi "warning|fail|error|not implemented|cannot|unable")
  [ -z "$bad" ] || { echo "    prom_init reported: $bad"; return 1; }
}

# A disk boot of vmlinux ends in Linux's "no root fs" panic (the installer
# kernel has no disk drivers built in): reaching it proves the hand-off.
expect_disk_boot() {   # expect_disk_boot DISK-NODE-NAME
  expect_log "sluice: booting $1: 64-bit little-endian kernel" &&
  expect_log "Preparing to boot Linux version" &&
  expect_log "Unable to mount root fs" &&
  expect_no_log "sluice: error|SLUICE-FATAL" &&
  expect_clean_prom_init
}

# QEMU options for a read-only raw drive on a device:
# drive_dev DEVICE ID IMAGE [device options...]
drive_dev() {
  dev=$1; id=$2; img=$3; shift 3
  opts=""
  for o in "$@"; do opts="$opts,$o"; done
  echo "-drive file=$img,if=none,id=$id,format=raw,readonly=on -device $dev,drive=$id$opts"
}
# A virtio-blk disk: blk_dev ID IMAGE [device options...]
blk_dev() { drive_dev virtio-blk-pci "$@"; }

TRACE_ARGS() {
  echo "-trace spapr_iommu_pci_* -trace spapr_iommu_put -trace spapr_iommu_indirect" \
       "-trace spapr_iommu_stuff -trace spapr_vio_h_reg_crq -trace spapr_vio_free_crq" \
       "-trace spapr_update_dt -D $LOGS/$TEST.trace"
}

# Every TCE the firmware created was cleared before hand-off, none twice,
# and every VIO command queue it registered was freed.
expect_tces_cleared() {
  report=$(gawk -f "$TESTS/tce-check.awk" "$LOGS/$TEST.trace")
  echo "$report" | grep -q "TCE-CHECK handoff yes" || { echo "    no hand-off marker in the trace"; return 1; }
  echo "$report" | grep -q "TCE-CHECK leftover 0$" || { echo "    $(echo "$report" | grep leftover) TCE pages left at hand-off"; return 1; }
  echo "$report" | grep -q "TCE-CHECK mapped-twice 0$" || { echo "    a TCE was mapped twice"; return 1; }
  echo "$report" | grep -q "TCE-CHECK failed-calls 0$" || { echo "    a TCE hypercall failed"; return 1; }
  echo "$report" | grep -q "TCE-CHECK crq-left 0$" || { echo "    $(echo "$report" | grep crq-left) VIO command queues left registered"; return 1; }
}
XHCI_TRACE="-trace usb_xhci_run -trace usb_xhci_stop -trace usb_xhci_reset"
# expect_xhci_reset_before_handoff: after the firmware last ran the
# controller, it stopped and reset it, before the hand-off marker.
expect_xhci_reset_before_handoff() {
  gawk '/usb_xhci_run/ { state = "running" } /usb_xhci_stop/ && state == "running" { state = "stopped" }
        /usb_xhci_reset/ && state == "stopped" { state = "reset" }
        /spapr_update_dt/ { print (state == "reset" ? "ok" : "xhci " (state ? state : "never run")); exit }' \
    "$LOGS/$TEST.trace" | grep -qx ok ||
    { echo "    the xHCI was not stopped and reset before the hand-off"; return 1; }
}
# expect_tces_on LIOBN yes|no: whether the firmware created TCEs on that window.
expect_tces_on() {
  if gawk -f "$TESTS/tce-check.awk" "$LOGS/$TEST.trace" | grep -q "TCE-CHECK created $1 "; then
    [ "$2" = yes ] || { echo "    firmware created TCEs on LIOBN $1 (a bypass device's window)"; return 1; }
  else
    [ "$2" = no ] || { echo "    firmware created no TCEs on LIOBN $1"; return 1; }
  fi
}

# console_session TIMEOUT SCRIPT MACHINE QEMU-ARGS...: QEMU with its console
# on a pipe the test types into (the hvterm; CONSOLE_ON may name other
# devices for chardev con). SCRIPT has one step per line:
#   expect REGEX   wait (30 s at most) for REGEX in what the guest printed
#                  since the last send
#   send [TEXT]    type TEXT (printf %b escapes, e.g. \0177 for DEL) and Enter
# Sets RC, SECS and SCRIPT_FAIL (empty when every step passed). No
# -no-reboot: the guest may reset, and QEMU keeps the same NVRAM.
console_session() {
  limit=$1; script=$2; machine=$3; shift 3
  LOG="$LOGS/$TEST.log"; con="$LOGS/$TEST.con"
  rm -f "$con.in" "$con.out"; mkfifo "$con.in" "$con.out"
  : > "$LOG"
  start=$(date +%s.%N)
  timeout -k 5 "$limit" qemu-system-ppc64 -M "$machine" -nographic -nodefaults \
    -action panic=exit-failure -chardev pipe,id=con,path="$con" ${CONSOLE_ON:--serial chardev:con} \
    -bios "$FW" "$@" </dev/null >"$LOG.qemu" 2>&1 &
  qpid=$!
  cat "$con.out" > "$LOG" &
  cpid=$!
  exec 7<>"$con.in"
  mark=0; SCRIPT_FAIL=""
  while IFS= read -r step; do
    case $step in
      "expect "*)
        re=${step#expect }; t0=$(date +%s)
        while ! tail -c +$((mark + 1)) "$LOG" | tr -d '\r' | grep -aEq -- "$re"; do
          if ! kill -0 $qpid 2>/dev/null || [ $(($(date +%s) - t0)) -ge 30 ]; then
            SCRIPT_FAIL="never saw: $re"; break 2
          fi
          sleep 0.1
        done ;;
      send|"send "*)
        mark=$(stat -c %s "$LOG"); text=${step#send}
        printf '%b\r' "${text# }" >&7 ;;
      *) SCRIPT_FAIL="bad script step: $step"; break ;;
    esac
  done <<SCRIPT
$script
SCRIPT
  [ -n "$SCRIPT_FAIL" ] && kill $qpid 2>/dev/null
  wait $qpid; RC=$?
  exec 7>&-
  sleep 0.2; kill $cpid 2>/dev/null; wait $cpid 2>/dev/null
  rm -f "$con.in" "$con.out"
  sed -i 's/\r$//' "$LOG"
  cat "$LOG.qemu" >> "$LOG"; rm -f "$LOG.qemu"
  SECS=$(echo "$(date +%s.%N) - $start" | bc)
}
expect_script_ok() {
  [ -z "$SCRIPT_FAIL" ] || { echo "    console script: $SCRIPT_FAIL"; return 1; }
}

# ---- secure mode: the simulated ultravisor image runs the real firmware --
UVSIM="$B/sluice-uvsim.bin"
UV_TRACE="-trace spapr_iommu_* -trace spapr_update_dt"

# expect_uv_clean [DEST-LO DEST-HI]: the trace passes every uv-check rule,
# no TCE pointing into [DEST-LO, DEST-HI) (the kernel's load destination).
expect_uv_clean() {
  report=$(gawk -v dest_lo="${1:-0}" -v dest_hi="${2:-0}" -f "$TESTS/uv-check.awk" "$LOGS/$TEST.trace")
  echo "$report" | grep -q "^UV-CHECK ok$" || { echo "$report" | sed 's/^/    /'; return 1; }
}

# Where a disk-booted Debian vmlinux lands: relocated to 4 MiB, spanning
# its LOAD segments.
kernel_dest() {
  span=$(powerpc64-linux-gnu-readelf -lW "$KERNEL" |
         gawk '$1 == "LOAD" { e = strtonum($4) + strtonum($6); if (e > m) m = e } END { print m }')
  echo "0x400000 $((0x400000 + span))"
}

# What uv_client_run's disk read shows when the guest turned secure mid-read:
# expect_secure_mid_read DEVICE-NAME IMAGE (DEVICE-NAME as the log names it).
expect_secure_mid_read() {
  expect_log "secure mode \(the guest turned secure\)" &&
  expect_log "$1: now DMA bounce" &&
  expect_log "CLIENT-DISK-CRC $(cat "$2.crc")\$" &&
  expect_log "CLIENT-RESULT: PASS" && expect_no_log "CLIENT-FAIL|UVSIM-MISUSE" &&
  expect_uv_clean
}

# The test client on the ultravisor image, told to turn the guest secure.
uv_client_run() {   # uv_client_run BOOTARGS QEMU-ARGS...
  args=$1; shift
  FW=$UVSIM
  qemu_run 90 pseries,kernel-addr=0 -m 1G -kernel "$CLIENT" -append "client-secure $args" "$@" \
    $UV_TRACE -D "$LOGS/$TEST.trace"
}
