#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# check-sizes.sh [ROOT]: every firmware file (the folders docs/architecture.md
# lists) under 400 lines, and every C function under 80 (from its opening
# "{" at the start of a line to its closing "}" there, as the code is laid
# out). Names each one over, and fails.
root=$(cd "${1:-$(dirname "$0")/..}" && pwd)
cd "$root" || exit 1
layers=$(sed -n 's/^[0-9][0-9]*\. `\([a-z][a-z0-9_]*\)\/`.*/\1/p' docs/architecture.md)
files=$(for d in $layers; do find "$d" -name "*.[chS]" 2>/dev/null | sort; done)
gawk '
  FNR == 1 { if (prev && lines > 399) { printf "%s: %d lines (at most 399)\n", prev, lines; bad = 1 }
             prev = FILENAME; open = 0 }
  { lines = FNR }
  /^\{/ { open = FNR; name = last }
  /^\}/ && open { n = FNR - open - 1
                  if (n >= 80) { printf "%s:%d: %s has %d lines (at most 79)\n", FILENAME, open, name, n; bad = 1 }
                  open = 0 }
  /^[a-zA-Z].*\(/ { last = $0; sub(/\(.*/, "", last); sub(/.*[ *]/, "", last) }
  END { if (prev && lines > 399) { printf "%s: %d lines (at most 399)\n", prev, lines; bad = 1 }
        exit bad }' $files && echo "sizes: $(echo "$files" | wc -w) files under 400 lines, every function under 80"
