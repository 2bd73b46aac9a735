#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# check-layers.sh [ROOT]: check every #include "..." of the firmware against the
# layer order in docs/architecture.md (its numbered list of folders, bottom
# to top). A file may include its own folder and the folders below it. Fails,
# naming file and line, on an include that goes up, one that leaves the
# firmware, a firmware folder the list does not name, or a cycle between
# modules (a module: one folder's x.c and x.h together).
root=$(cd "${1:-$(dirname "$0")/..}" && pwd)
layers=$(sed -n 's/^[0-9][0-9]*\. `\([a-z][a-z0-9_]*\)\/`.*/\1/p' "$root/docs/architecture.md")
[ -n "$layers" ] || { echo "layers: no numbered folder list in docs/architecture.md"; exit 1; }
cd "$root" || exit 1
not_firmware="tests mk linker bench docs"
# A layer's folder may have subfolders (drivers/block/): they are its.
dirs=$(find . -mindepth 2 -maxdepth 3 \( -name '*.[chS]' \) | cut -d/ -f2 | sort -u)
status=0
for d in $dirs; do
  case " $not_firmware " in *" $d "*) continue ;; esac
  case $d in build*) continue ;; esac          # build trees: generated and downloaded code
  echo "$layers" | grep -qx "$d" ||
    { echo "layers: $d/ holds firmware code but is not in docs/architecture.md's list"; status=1; }
done
files=$(for d in $layers; do find "$d" -name '*.[chS]' 2>/dev/null | sort; done)
# file line target, one include per line; targets resolved against the
# including file's folder, then board/ (the firmware's -Iboard). One grep
# and one awk for the whole tree: a process per include took seconds.
# shellcheck disable=SC2086
grep -Hn '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' $files /dev/null |
gawk -v known="$(echo "$files"; find board -type f 2>/dev/null)" '
  BEGIN { n = split(known, K, "\n"); for (i = 1; i <= n; i++) exists[K[i]] = 1 }
  function normal(p,    parts, n, i, out, k, r) {
    n = split(p, parts, "/"); k = 0
    for (i = 1; i <= n; i++) {
      if (parts[i] == "." || parts[i] == "") continue
      if (parts[i] == ".." && k > 0 && out[k] != "..") { k--; continue }
      out[++k] = parts[i]
    }
    r = out[1]; for (i = 2; i <= k; i++) r = r "/" out[i]
    return r
  }
  {
    split($0, f, ":"); file = f[1]; line = f[2]
    inc = $0; sub(/^[^"]*"/, "", inc); sub(/".*/, "", inc)
    dir = file; sub(/\/[^\/]*$/, "", dir)
    t = normal(dir "/" inc)
    if (!(t in exists) && (("board/" inc) in exists)) t = "board/" inc
    print file, line, t
  }' | gawk -v layers="$layers" '
  BEGIN { n = split(layers, L, "\n"); for (i = 1; i <= n; i++) rank[L[i]] = i }
  function folder(p) { return substr(p, 1, index(p, "/") - 1) }
  function module(p) { sub(/\.[chS]$/, "", p); return p }
  {
    from = folder($1); to = folder($3)
    if (!(to in rank)) { printf "%s:%s: includes %s, outside the firmware layers\n", $1, $2, $3; bad = 1; next }
    if (rank[to] > rank[from]) {
      printf "%s:%s: includes %s: %s/ (layer %d) is above %s/ (layer %d)\n", $1, $2, $3, to, rank[to], from, rank[from]
      bad = 1
    }
    a = module($1); b = module($3)
    if (a != b && !((a, b) in edge)) { edge[a, b] = 1; out[a] = out[a] " " b; where[a, b] = $1 ":" $2 }
  }
  function visit(m,    k, nb, next_) {
    state[m] = 1; stack[++depth] = m
    nb = split(out[m], next_, " ")
    for (k = 1; k <= nb; k++) {
      if (state[next_[k]] == 1) { report(next_[k]); continue }
      if (!state[next_[k]]) visit(next_[k])
    }
    depth--; state[m] = 2
  }
  function report(m,    i, s, msg) {
    for (i = depth; i >= 1 && stack[i] != m; i--) ;
    msg = ""; for (s = i; s <= depth; s++) msg = msg stack[s] " -> "
    printf "include cycle: %s%s (%s)\n", msg, m, where[stack[depth], m]
    bad = 1
  }
  END {
    for (m in out) if (!state[m]) visit(m)
    exit bad
  }' || status=1
[ $status -eq 0 ] && echo "layers: $(echo "$files" | wc -w) files, $(echo "$layers" | wc -l) layers: no upward include, no cycle"
exit $status
