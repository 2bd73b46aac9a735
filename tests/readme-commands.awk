# SPDX-License-Identifier: BSD-2-Clause
# The complete qemu-system-ppc64 command lines in the README's ```sh blocks,
# one per output line (continuation lines joined). A line with a standalone
# "..." is a sketch, not a command, and is left out.
/^```sh/ { inblock = 1; cmd = ""; next }
/^```/   { inblock = 0; next }
inblock {
  line = $0
  sub(/[ \t]+#.*$/, "", line)
  if (line ~ /\\$/) { sub(/\\$/, "", line); cmd = cmd line; next }
  cmd = cmd line
  if (cmd ~ /qemu-system-ppc64/ && cmd !~ /(^| )\.\.\.( |$)/) { gsub(/[ \t]+/, " ", cmd); print cmd }
  cmd = ""
}
