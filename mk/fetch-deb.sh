#!/bin/sh
# Download one Debian package (.deb) into directory $2 unless already cached there.
# Prints the path of the cached file.
set -eu
pkg=$1; dir=$2
mkdir -p "$dir"
name=${pkg%%:*}
f=$(ls "$dir/${name}"_*.deb 2>/dev/null | head -n 1 || true)
if [ -z "$f" ]; then
  (cd "$dir" && apt-get download "$pkg" >/dev/null 2>&1) || {
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
    $SUDO apt-get update -qq && (cd "$dir" && apt-get download "$pkg" >/dev/null)
  }
  f=$(ls "$dir/${name}"_*.deb | head -n 1)
fi
echo "$f"
