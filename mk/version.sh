#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# The one version string the firmware's banner, /openprom and the Debian
# package carry, from git describe, written as a Debian version (a digit
# first; letters, digits, '.', '+' and '~' after it):
#   on tag v1.2                 1.2
#   5 commits past v1.2         1.2+5.g1a2b3c4
#   no release tag yet          0.0+114.g1a2b3c4   (commits since the start)
#   uncommitted changes         ... .dirty
#   not a git checkout          0.0+unknown
cd "$(dirname "$0")/.." || exit 1
d=$(git describe --tags --long --dirty --match 'v[0-9]*' 2>/dev/null)
if [ -n "$d" ]; then
  # v1.2-5-g1a2b3c4[-dirty]
  echo "$d" | sed -e 's/^v//' -e 's/-0-g[0-9a-f]*//' -e 's/-\([0-9]*\)-g/+\1.g/' -e 's/-dirty$/.dirty/'
elif h=$(git rev-parse --short=7 HEAD 2>/dev/null); then
  dirty=$(git diff --quiet HEAD 2>/dev/null || echo .dirty)
  echo "0.0+$(git rev-list --count HEAD).g$h$dirty"
else
  echo "0.0+unknown"
fi
