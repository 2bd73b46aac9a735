#!/bin/sh
# fetch-backport.sh PACKAGE:ARCH DIR: download one package from
# bookworm-backports into DIR (unless cached there) and print its path. The
# system's apt configuration is left alone: a private one under DIR/apt
# names the same Debian mirror the system uses, with the backports suite
# and only that architecture. On failure: one line naming the package.
set -eu
pkg=$1; dir=$2
name=${pkg%%:*}; arch=${pkg#*:}
cached() { ls "$dir/${name}"_*~bpo12*_"$arch".deb 2>/dev/null | head -n 1; }
f=$(cached || true)
if [ -n "$f" ]; then echo "$f"; exit 0; fi
fail() { echo "fetch-backport: cannot download $pkg from bookworm-backports: $*" >&2; exit 1; }
apt="$dir/apt"
mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/sources" 2>/dev/null &&
  [ -w "$dir" ] || fail "the cache directory $dir cannot be written"
dir=$(cd "$dir" && pwd); apt="$dir/apt"

# The mirror the system's own bookworm entry uses (one-line or deb822 form).
mirror=$(
  { cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
      awk '$1 == "deb" { i = 2; if ($i ~ /^\[/) while ($i !~ /\]$/) i++; if ($i ~ /^\[/ || $(i) ~ /\]$/) i++;
                         if ($(i + 1) == "bookworm") { print $i; exit } }'
    cat /etc/apt/sources.list.d/*.sources 2>/dev/null |
      awk 'BEGIN { RS = ""; FS = "\n" }
           { uri = ""; ok = 0
             for (k = 1; k <= NF; k++) {
               if ($k ~ /^URIs:/) { split($k, u, " "); uri = u[2] }
               if ($k ~ /^Suites:/) { n = split($k, s, " "); for (j = 2; j <= n; j++) if (s[j] == "bookworm") ok = 1 }
             }
             if (ok && uri != "") { print uri; exit } }'
  } | head -n 1)
[ -n "$mirror" ] || fail "the system's apt sources name no bookworm mirror to take it from"
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
printf 'Types: deb\nURIs: %s\nSuites: bookworm-backports\nComponents: main\nArchitectures: %s\nSigned-By: %s\n' \
  "$mirror" "$arch" "$keyring" > "$apt/sources/backports.sources"
log="$apt/log"
run_apt() {
  apt-get -q -o Dir::Etc::SourceList=/dev/null -o Dir::Etc::SourceParts="$apt/sources" \
    -o Dir::State::Lists="$apt/lists" -o Dir::Cache="$apt/cache" -o Dir::State::Status=/dev/null \
    -o APT::Architectures::="$arch" -o APT::Sandbox::User=root "$@" >"$log" 2>&1
}
# An index caught mid-sync gets one more try; the download decides.
run_apt update || { sleep 3; run_apt update || true; }
(cd "$dir" && run_apt download "$pkg/bookworm-backports") ||
  fail "$(grep -E '^E:' "$log" | head -n 1 | cut -c1-200)"
f=$(cached) || true
[ -n "$f" ] || fail "apt said it downloaded it, but no .deb is in $dir"
echo "$f"
