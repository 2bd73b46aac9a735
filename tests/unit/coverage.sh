#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# coverage.sh BUILD: the host unit tests built with gcov instrumentation
# (no sanitizers: they would count their own branches), run, and gcovr's
# line coverage of each firmware file they include, merged over all tests.
set -u
B=$1
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
out="$top/$B/coverage"
rm -rf "$out"; mkdir -p "$out"
BUILD="$top/$B"
for src in "$here"/run-*.c; do
  name=$(basename "$src" .c)
  if ! (cd "$out" && sh "$top/mk/host-cc.sh" coverage "$BUILD" "$name" "$src") \
        >"$out/$name.build.log" 2>&1; then
    echo "$name does not build (see $out/$name.build.log)"; exit 1
  fi
  (cd "$out" && CMOCKA_MESSAGE_OUTPUT=stdout timeout 300 "./$name" >"$name.log" 2>&1) ||
    echo "note: $name failed under coverage (see $out/$name.log)"
done
cd "$top" && gcovr -r "$top" --object-directory "$out" \
  --filter '(lib|crypto|board|mem|fdt|nvram|dma|dev|tpm|scsi|pci|vio|virtio|drivers|net|loader|of|prompt|boot)/' \
  --sort-percentage --print-summary
