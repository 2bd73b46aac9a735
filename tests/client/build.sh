#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Cross-build a test program into $1 (an ELF QEMU's -kernel can load): the
# client-interface test client, or with $2 = fdt-client the bare-metal
# program entered with a flattened tree (kernel-entry=fdt).
set -eu
out=$1
prog=${2:-client}
here=$(cd "$(dirname "$0")" && pwd)
CC=powerpc64-linux-gnu-gcc
crt0=crt0.S
[ "$prog" = fdt-client ] && crt0=fdt-crt0.S
[ -f "$out" ] && [ "$out" -nt "$here/$prog.c" ] && [ "$out" -nt "$here/$crt0" ] && exit 0
mkdir -p "$(dirname "$out")"
FLAGS="-mcpu=power8 -mno-altivec -mno-vsx -msoft-float -fno-pie -ffreestanding \
 -fno-stack-protector -Os -nostdinc -isystem $($CC -print-file-name=include) -Wall -Werror"
$CC $FLAGS -c "$here/$crt0" -o "$out.crt0.o"
$CC $FLAGS -c "$here/$prog.c" -o "$out.main.o"
powerpc64-linux-gnu-ld -static -nostdlib --build-id=none --no-warn-rwx-segments \
  -T "$here/client.lds" -o "$out" "$out.crt0.o" "$out.main.o"
rm -f "$out.crt0.o" "$out.main.o"
