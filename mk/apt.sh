# SPDX-License-Identifier: BSD-2-Clause
# Shared by mk/deps.sh and mk/fetch-deb.sh (sourced, POSIX sh).
#
# Debian mirrors are often caught mid-sync: `apt-get update` then fails on one
# index ("File has unexpected size ... Mirror sync in progress?") and exits
# 100, while the indexes and packages a build needs are fine. So a failed
# update is retried once and then tolerated; only a package that really cannot
# be installed or downloaded stops the build, with one line naming it.
#
# SUDO may be set by the caller (tests set it empty); otherwise sudo is used
# when not root.
if [ -z "${SUDO+set}" ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
fi
if [ "$SUDO" = sudo ] && ! command -v sudo >/dev/null; then
  echo "apt: installing Debian packages needs root or sudo; run this once as root" >&2
  exit 1
fi
APT_LOG=${APT_LOG:-${TMPDIR:-/tmp}/sluice-apt.$$.log}

trap 'rm -f "$APT_LOG"' EXIT

# What apt said went wrong (its first error, else its last line), for a
# one-line report.
apt_last_error() {
  { grep -E '^E:' "$APT_LOG" || tail -n 1 "$APT_LOG"; } 2>/dev/null | head -n 1 | cut -c1-240
}

# Refresh the indexes; on failure retry once, then carry on with what apt
# has. APT_UPDATE_NOTE then says so, for the caller's failure line (a build
# that gets its packages anyway has nothing to report).
APT_UPDATE_NOTE=""
apt_update() {
  for try in 1 2; do
    $SUDO apt-get update -qq >"$APT_LOG" 2>&1 && return 0
    [ $try = 1 ] && sleep "${APT_RETRY_SECONDS:-3}"
  done
  APT_UPDATE_NOTE="; 'apt-get update' failed too: $(apt_last_error)"
  return 0
}
