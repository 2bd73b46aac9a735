# SPDX-License-Identifier: BSD-2-Clause
# Set-up on a machine whose Debian mirror is caught mid-sync (apt-get update
# exits 100), with apt-get and dpkg-query replaced by tests/host/fake-apt.

TOP=$(cd "$TESTS/.." && pwd)

# The fake apt's state (its calls, downloads) for the running test.
fake_state() { state="$(cd "$LOGS" && pwd)/$TEST.state"; rm -rf "$state"; mkdir -p "$state"; }
# fake_apt GOOD MISSING COMMAND...: run COMMAND with the fake apt first in
# PATH; its output goes to the test's log, RC is its exit code.
fake_apt() {
  good=$1; missing=$2; shift 2
  LOG="$LOGS/$TEST.log"
  SUDO= APT_RETRY_SECONDS=0 FAKE_APT_STATE="$state" FAKE_APT_GOOD="$good" \
    FAKE_APT_MISSING="$missing" PATH="$TESTS/host/fake-apt:$PATH" \
    timeout 60 "$@" >"$LOG" 2>&1
  RC=$?
}
expect_lines() {   # expect_lines N: the command printed exactly N lines
  n=$(wc -l < "$LOG")
  [ "$n" -eq "$1" ] || { echo "    printed $n lines, expected $1: $(head -c 300 "$LOG")"; return 1; }
}

test_setup_download_survives_a_failing_apt_update() {
  fake_state
  fake_apt "grub-ieee1275-bin" "" sh "$TOP/mk/fetch-deb.sh" grub-ieee1275-bin "$state/dl"
  expect_rc 0 && expect_lines 1 && expect_log "^$state/dl/grub-ieee1275-bin_1.0_all.deb$" &&
  grep -q '^update' "$state/calls" || { echo "    apt-get update was never tried"; return 1; }
}

test_setup_undownloadable_package_gives_one_line() {
  fake_state
  fake_apt "" "" sh "$TOP/mk/fetch-deb.sh" no-such-package "$state/dl"
  expect_rc nonzero && expect_lines 1 &&
  expect_log "^fetch-deb: cannot download no-such-package: E: Package 'no-such-package' has no installation candidate; 'apt-get update' failed too: E: Failed to fetch .*Mirror sync in progress\? \(try: "
}

test_setup_unwritable_cache_gives_one_line() {
  fake_state
  fake_apt "grub-ieee1275-bin" "" sh "$TOP/mk/fetch-deb.sh" grub-ieee1275-bin /dev/null/dl
  expect_rc nonzero && expect_lines 1 &&
  expect_log "^fetch-deb: cannot download grub-ieee1275-bin: the cache directory /dev/null/dl cannot be written$"
}

test_setup_deps_install_survives_a_failing_apt_update() {
  fake_state
  fake_apt "qemu-system-ppc ipxe-qemu" "qemu-system-ppc ipxe-qemu" sh "$TOP/mk/deps.sh"
  expect_rc 0 && expect_log "^deps: installing qemu-system-ppc ipxe-qemu$" && expect_lines 1 &&
  grep -q '^install .*qemu-system-ppc ipxe-qemu' "$state/calls" ||
    { echo "    the packages were never installed: $(cat "$state/calls")"; return 1; }
}

test_setup_deps_names_the_package_it_cannot_install() {
  fake_state
  fake_apt "ipxe-qemu" "qemu-system-ppc ipxe-qemu" sh "$TOP/mk/deps.sh"
  expect_rc nonzero && expect_lines 2 &&
  expect_log "^deps: cannot install qemu-system-ppc: the package indexes offer no installable version; 'apt-get update' failed too: .*\(try: sudo apt-get update && sudo apt-get install qemu-system-ppc\)$" &&
  expect_no_log "cannot install ipxe-qemu"
}

# The whole of make test, with its download cache somewhere nothing can be
# written: it stops at the first fixture, with one line, and runs no test.
test_setup_make_test_stops_when_the_payload_cannot_be_had() {
  LOG="$LOGS/$TEST.log"
  SLUICE_TEST_LOGS="$LOGS/$TEST.logs" timeout 600 make -s -C "$TOP" test \
    SLUICE_CACHE=/dev/null/cache >"$LOG" 2>&1
  RC=$?
  sed -i -E '/^make(\[[0-9]+\])?: \*\*\* .* Error [0-9]+$/d' "$LOG"     # make's own closing lines
  expect_rc nonzero && expect_lines 1 &&
  expect_log "^make test: stopped: cannot make the test payload \(Debian's kernel and initrd\): payload: cannot write the payload cache /dev/null/cache/payload \(SLUICE_CACHE=/dev/null/cache\) \(log: .*; retry: make test\)$"
}
