#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# The binding document and the code that writes it name the same properties
# and the same dma-mode values. Prints one line per mismatch; exit status 1
# if there is any.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
doc="$top/docs/bindings/sluice-dma.md"
bad=0
code_props=$(sed -n 's/^#define SLUICE_PROP_[A-Z_]* "\(sluice,[a-z-]*\)".*/\1/p' "$top/dev/binding.h" | sort)
doc_props=$(sed -n 's/^### `\(sluice,[a-z-]*\)`.*/\1/p' "$doc" | sort)
[ -n "$code_props" ] || { echo "no properties found in dev/binding.h"; exit 1; }
for p in $code_props; do
  echo "$doc_props" | grep -qx "$p" || { echo "written by the code, not documented: $p"; bad=1; }
done
for p in $doc_props; do
  echo "$code_props" | grep -qx "$p" || { echo "documented, not written by the code: $p"; bad=1; }
done
code_modes=$(sed -n '/^const char \*dma_mode_name/,/^}/s/.*return "\([a-z]*\)";.*/\1/p' "$top/dma/dma.c" | grep -vx unknown | sort)
doc_modes=$(sed -n 's/^  - `"\([a-z]*\)"`:.*/\1/p' "$doc" | sort)
[ -n "$code_modes" ] || { echo "no DMA mode names found in dma/dma.c"; exit 1; }
[ "$code_modes" = "$doc_modes" ] || { echo "dma-mode values differ: code [$(echo $code_modes)] doc [$(echo $doc_modes)]"; bad=1; }
exit $bad
