# SPDX-License-Identifier: BSD-2-Clause
# The layer order of docs/architecture.md holds for every #include, and the
# check that says so catches an upward include, a cycle and an unlisted
# folder (each planted in a copy of the tree).

# layer_copy: a copy of the firmware folders and the document, in $copy.
layer_copy() {
  copy="$LOGS/$TEST.tree"; rm -rf "$copy"; mkdir -p "$copy"
  (cd "$TESTS/.." && cp -r docs $(sed -n 's/^[0-9][0-9]*\. `\([a-z][a-z0-9_]*\)\/`.*/\1/p' docs/architecture.md) "$copy/")
}
# layer_number FOLDER: its number in docs/architecture.md's list.
layer_number() { sed -n "s/^\([0-9][0-9]*\)\. \`$1\/\`.*/\1/p" "$TESTS/../docs/architecture.md"; }
run_check() {   # run_check layers|sizes|license DIR: RC and LOG
  LOG="$LOGS/$TEST.log"
  sh "$TESTS/check-$1.sh" "$2" >"$LOG" 2>&1
  RC=$?
}

test_layers_no_upward_include_and_no_cycle() {
  run_check layers "$TESTS/.."
  expect_rc 0 && expect_log "no upward include, no cycle"
}

test_layers_check_catches_an_upward_include() {
  layer_copy
  printf '#include "../boot/select.h"\n' >> "$copy/drivers/virtio_blk.c"
  n=$(wc -l < "$copy/drivers/virtio_blk.c")
  run_check layers "$copy"
  expect_rc nonzero &&
  expect_log "^drivers/virtio_blk.c:$n: includes boot/select.h: boot/ \(layer $(layer_number boot)\) is above drivers/ \(layer $(layer_number drivers)\)$"
}

# lib/vec.c includes err.h; err.h including vec.h closes a loop inside one
# layer, which no order of folders can catch.
test_layers_check_catches_a_cycle() {
  layer_copy
  printf '#include "vec.h"\n' >> "$copy/lib/err.h"
  run_check layers "$copy"
  expect_rc nonzero && expect_no_log "is above" &&
  expect_log "^include cycle: lib/(err -> lib/vec -> lib/err|vec -> lib/err -> lib/vec) "
}

test_layers_check_catches_an_unlisted_folder() {
  layer_copy
  mkdir -p "$copy/stray"; printf 'int x;\n' > "$copy/stray/core.c"
  run_check layers "$copy"
  expect_rc nonzero && expect_log "^layers: stray/ holds firmware code but is not in docs/architecture.md's list$"
}

# Small files with one job: every firmware file under 400 lines and every
# function under 80, checked, and the check shown to catch both.
test_sizes_files_and_functions_stay_small() {
  run_check sizes "$TESTS/.."
  expect_rc 0 && expect_log "every function under 80" || return 1
  layer_copy
  { printf 'static int long_one(void)\n{\n'; for i in $(seq 80); do printf '    (void)0;\n'; done; printf '    return 0;\n}\n'; } >> "$copy/lib/vec.c"
  run_check sizes "$copy"
  expect_rc nonzero && expect_log "^lib/vec.c:[0-9]+: long_one has 81 lines \(at most 79\)$" || return 1
  layer_copy
  for i in $(seq 400); do echo "/* filler */"; done >> "$copy/lib/err.h"
  run_check sizes "$copy"
  expect_rc nonzero && expect_log "^lib/err.h: [0-9]+ lines \(at most 399\)$" || return 1
  layer_copy                            # drivers/ keeps its files in class folders
  for i in $(seq 400); do echo "/* filler */"; done >> "$copy/drivers/usb/usb_bot.h"
  run_check sizes "$copy"
  expect_rc nonzero && expect_log "^drivers/usb/usb_bot.h: [0-9]+ lines \(at most 399\)$"
}

# Every source file says its license; the check names one that does not.
test_every_source_file_says_its_license() {
  run_check license "$TESTS/.."
  expect_rc 0 && expect_log "files say BSD-2-Clause$" || return 1
  layer_copy
  cp -r "$TESTS/../tests" "$copy/"
  printf 'int unlicensed;\n' > "$copy/lib/stray.c"
  sed -i 1d "$copy/tests/run.sh" && sed -i 1d "$copy/tests/run.sh"     # its #! and SPDX lines
  run_check license "$copy"
  expect_rc nonzero && expect_log "^lib/stray.c: no SPDX-License-Identifier: BSD-2-Clause line at its top$" &&
  expect_log "^tests/run.sh: no SPDX"
}
