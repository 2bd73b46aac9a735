#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# run.sh BUILD SECONDS [TARGET...]: build each libFuzzer target (clang,
# ASan + UBSan), replay its regression inputs (tests/fuzz/regress/TARGET,
# crashes found before: each must now pass), then fuzz it for SECONDS from
# its seeds (tests/fuzz/seeds/TARGET) and the corpus kept in BUILD/fuzz.
# FUZZ_JOBS targets run at a time (2; make test runs them one at a time
# beside the QEMU tests). One line per target, then "N passed, N failed".
set -u
B=$1; SECS=$2; shift 2
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
out="$B/fuzz"; mkdir -p "$out"
targets=${*:-$(cd "$here" && ls fuzz-*.c | sed 's/\.c$//')}
BUILD="$top/$B"

fuzz_one() {   # fuzz_one TARGET: writes $out/TARGET.result
  t=$1; log="$out/$t.log"; res="$out/$t.result"
  if ! sh "$top/mk/host-cc.sh" fuzz "$BUILD" "$out/$t" "$here/$t.c" >"$log" 2>&1; then
    echo "FAIL $t (does not build; see $log)" >"$res"; return
  fi
  if [ -d "$here/regress/$t" ] && [ -n "$(ls "$here/regress/$t")" ]; then
    if ! "$out/$t" "$here/regress/$t"/* >>"$log" 2>&1; then
      echo "FAIL $t (a regression input fails again; see $log)" >"$res"; return
    fi
  fi
  mkdir -p "$out/corpus/$t" "$out/crashes"
  "$out/$t" -max_total_time="$SECS" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$out/crashes/$t-" "$out/corpus/$t" "$here/seeds/$t" >>"$log" 2>&1
  rc=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1 | cut -d' ' -f2)
  if [ $rc -eq 0 ]; then
    echo "ok   $t (${runs:-?} runs in ${SECS}s, ${cov:-?} edges, corpus $(ls "$out/corpus/$t" | wc -l))" >"$res"
  else
    echo "FAIL $t (crash or leak: $(ls -t "$out/crashes" | head -n 1); see $log)" >"$res"
  fi
}

set -- $targets
while [ $# -gt 0 ]; do
  fuzz_one "$1" & p1=$!
  if [ $# -gt 1 ] && [ "${FUZZ_JOBS:-2}" -gt 1 ]; then fuzz_one "$2" & p2=$!; wait $p2; shift; fi
  wait $p1; shift
done
passed=0; failed=0
for t in $targets; do
  cat "$out/$t.result"
  case $(cat "$out/$t.result") in ok*) passed=$((passed + 1)) ;; *) failed=$((failed + 1)) ;; esac
done
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
