#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# make test: the fixtures first (stopping at the first one that cannot be
# made), then the host unit tests, the set-up tests and the QEMU boot tests,
# each with the seconds it took (CI's budget is 30 minutes), and the fuzz
# targets, which run beside them.
# The last line is "N passed, N failed" over all of them.
set -u
B=$1
here=$(cd "$(dirname "$0")" && pwd)
TESTS="$here"
FW="$B/sluice.bin"
LOGS=${SLUICE_TEST_LOGS:-$B/test-logs}
mkdir -p "$LOGS"
command -v bc >/dev/null || { echo "make test: stopped: tests need bc (make installs it)"; exit 1; }

. "$here/fixtures.sh"

# count_from OUTPUT: add a sub-runner's closing "N passed, N failed" line to
# the totals (no such line counts as one failure) and show the rest.
passed=0; failed=0
count_from() {
  echo "$1" | sed '$d'
  p=$(echo "$1" | tail -n 1 | sed -n 's/^\([0-9]*\) passed.*/\1/p')
  f=$(echo "$1" | tail -n 1 | sed -n 's/.*, \([0-9]*\) failed$/\1/p')
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-1}))
}
count_from "$(sh "$here/unit/run.sh" "$B")"
# Every fuzz target for a short while: regressions in a parser show here.
# They take one core, one target at a time, while the QEMU tests (each
# QEMU one core of TCG) take the other; their lines come at the end.
fuzz_out="$LOGS/fuzz.out"
FUZZ_JOBS=1 sh "$here/fuzz/run.sh" "$B" "${FUZZ_CI_SECONDS:-20}" >"$fuzz_out" 2>&1 &
fuzz_pid=$!

. "$here/lib.sh"
for suite in "$here"/host/*.sh "$here"/qemu/*.sh; do
  . "$suite"
  for t in $(grep -o '^test_[a-z0-9_]*' "$suite"); do
    TEST=${t#test_}
    started=$(date +%s)
    if out=$($t 2>&1); then
      echo "ok   $t ($(($(date +%s) - started)) s)"
      passed=$((passed + 1))
    else
      echo "FAIL $t ($(($(date +%s) - started)) s; log: $LOGS/${t#test_}.log)"
      [ -n "$out" ] && echo "$out"
      failed=$((failed + 1))
    fi
  done
done
wait $fuzz_pid
count_from "$(cat "$fuzz_out")"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
