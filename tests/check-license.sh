#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# check-license.sh [ROOT]: every source file of the firmware, its tests and
# its tools says its license (SPDX-License-Identifier: BSD-2-Clause) in its
# first lines (after a #! line). Names each one that does not, and fails.
root=$(cd "${1:-$(dirname "$0")/..}" && pwd)
cd "$root" || exit 1
files=$(find . \( -path './build*' -o -path './.git' -o -path './tests/fuzz/seeds' -o -path './tests/fuzz/regress' \) \
          -prune -o -type f \( -name '*.[chS]' -o -name '*.sh' -o -name '*.py' -o -name '*.awk' -o -name '*.lds' \
          -o -name Makefile -o -path ./mk/target-cc -o -path ./.ci/run -o -path './tests/host/fake-apt/*' \) \
          -print | sed 's|^\./||' | sort)
bad=0
for f in $files; do
  if ! head -n 3 "$f" | grep -Eqx '(# |/\* )SPDX-License-Identifier: BSD-2-Clause( \*/)?'; then
    echo "$f: no SPDX-License-Identifier: BSD-2-Clause line at its top"
    bad=1
  fi
done
[ "$bad" = 0 ] && echo "license: $(echo "$files" | wc -w) files say BSD-2-Clause"
exit "$bad"
