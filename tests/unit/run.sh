#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Build and run every tests/unit/run-*.c on the host under ASan and UBSan.
# Each test includes the firmware source it tests. Prints one line per test
# program and a closing "N passed, N failed" over all test cases.
set -u
B=$1
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
out="$B/unit"
mkdir -p "$out"
passed=0; failed=0
for src in "$here"/run-*.c; do
  name=$(basename "$src" .c)
  if ! sh "$top/mk/host-cc.sh" unit "$top/$B" "$out/$name" "$src" >"$out/$name.build.log" 2>&1; then
    echo "FAIL $name (does not build; see $out/$name.build.log)"
    failed=$((failed + 1)); continue
  fi
  CMOCKA_MESSAGE_OUTPUT=stdout timeout 300 "$out/$name" >"$out/$name.log" 2>&1
  rc=$?
  [ $rc -eq 124 ] && echo "timed out after 300 s" >>"$out/$name.log"
  p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$out/$name.log")
  f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$out/$name.log")
  p=${p:-0}; f=${f:-0}
  if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi   # a sanitizer abort counts
  passed=$((passed + p)); failed=$((failed + f))
  if [ $rc -eq 0 ]; then echo "ok   $name ($p cases)"; else echo "FAIL $name (see $out/$name.log)"; fi
done
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
