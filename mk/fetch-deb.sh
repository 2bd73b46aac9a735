#!/bin/sh
# Download one Debian package (.deb) into directory $2 unless already cached there.
# Prints the path of the cached file.
set -eu
pkg=$1; dir=$2
mkdir -p "$dir"
name=${pkg%%:*}
arch=${pkg#*:}; [ "$arch" = "$pkg" ] && arch=""
f=$(ls "$dir/${name}"_*${arch:+_$arch}.deb 2>/dev/null | head -n 1 || true)
if [ -z "$f" ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  if [ -n "$arch" ] && ! dpkg --print-foreign-architectures | grep -qx "$arch" &&
     [ "$arch" != "$(dpkg --print-architecture)" ]; then
    $SUDO dpkg --add-architecture "$arch"
    $SUDO apt-get update -qq
  fi
  (cd "$dir" && apt-get download "$pkg" >/dev/null 2>&1) || {
    $SUDO apt-get update -qq && (cd "$dir" && apt-get download "$pkg" >/dev/null)
  }
  f=$(ls "$dir/${name}"_*${arch:+_$arch}.deb | head -n 1)
fi
echo "$f"
