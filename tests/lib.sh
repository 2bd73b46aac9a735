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
  SECS=$(echo "$(date +%s.%N) - $start" | bc)
}

# Assertions: each prints why it failed and returns non-zero.
expect_rc() {      # expect_rc 0|nonzero
  if [ "$1" = 0 ] && [ "$RC" -ne 0 ]; then echo "    QEMU exited $RC, expected 0"; return 1; fi
  if [ "$1" = nonzero ] && [ "$RC" -eq 0 ]; then echo "    QEMU exited 0, expected failure"; return 1; fi
  if [ "$RC" -eq 124 ] || [ "$RC" -eq 137 ]; then echo "    QEMU timed out"; return 1; fi
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
