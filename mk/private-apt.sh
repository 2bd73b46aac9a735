# SPDX-License-Identifier: BSD-2-Clause
# Sourced by mk/fetch-backport.sh and mk/fetch-source.sh (POSIX sh): an apt
# configuration of our own under a cache directory, so that packages outside
# the system's sources (bookworm-backports, Debian source packages) can be
# fetched while the system's apt configuration is left alone.
#
# private_apt DIR TYPES SUITE [ARCH]: write DIR/apt/sources/private.sources
# naming the same Debian mirror the system's own bookworm entry uses, with
# TYPES (deb or deb-src) and SUITE; ARCH limits the architectures. Returns
# non-zero, with PRIVATE_APT_ERROR set, when DIR cannot be written or the
# system names no bookworm mirror. Then run_apt ARGS... runs apt-get with
# that configuration, its output in DIR/apt/log.
private_apt() {
  papt_dir=$1; papt_types=$2; papt_suite=$3; papt_arch=${4:-}
  papt="$papt_dir/apt"
  mkdir -p "$papt/lists/partial" "$papt/cache/archives/partial" "$papt/sources" 2>/dev/null &&
    [ -w "$papt_dir" ] || { PRIVATE_APT_ERROR="the cache directory $papt_dir cannot be written"; return 1; }
  papt=$(cd "$papt" && pwd)
  # The mirror the system's own bookworm entry uses (one-line or deb822 form).
  papt_mirror=$(
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
  [ -n "$papt_mirror" ] ||
    { PRIVATE_APT_ERROR="the system's apt sources name no bookworm mirror to take it from"; return 1; }
  {
    printf 'Types: %s\nURIs: %s\nSuites: %s\nComponents: main\n' "$papt_types" "$papt_mirror" "$papt_suite"
    [ -z "$papt_arch" ] || printf 'Architectures: %s\n' "$papt_arch"
    printf 'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg\n'
  } > "$papt/sources/private.sources"
  rm -f "$papt/sources/backports.sources"      # the name this file had before
}

run_apt() {
  apt-get -q -o Dir::Etc::SourceList=/dev/null -o Dir::Etc::SourceParts="$papt/sources" \
    -o Dir::State::Lists="$papt/lists" -o Dir::Cache="$papt/cache" -o Dir::State::Status=/dev/null \
    ${papt_arch:+-o APT::Architectures::="$papt_arch"} -o APT::Sandbox::User=root "$@" >"$papt/log" 2>&1
}

# The first error apt reported in its last run, for a one-line failure.
private_apt_error() {
  grep -E '^E:' "$papt/log" | head -n 1 | cut -c1-200
}
