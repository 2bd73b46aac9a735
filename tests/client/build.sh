#!/bin/sh
# Cross-build the test client into $1 (an ELF QEMU's -kernel can load).
set -eu
out=$1
here=$(cd "$(dirname "$0")" && pwd)
CC=powerpc64-linux-gnu-gcc
[ -f "$out" ] && [ "$out" -nt "$here/client.c" ] && [ "$out" -nt "$here/crt0.S" ] && exit 0
mkdir -p "$(dirname "$out")"
FLAGS="-mcpu=power8 -mno-altivec -mno-vsx -msoft-float -fno-pie -ffreestanding \
 -fno-stack-protector -Os -nostdinc -isystem $($CC -print-file-name=include) -Wall -Werror"
$CC $FLAGS -c "$here/crt0.S" -o "$out.crt0.o"
$CC $FLAGS -c "$here/client.c" -o "$out.client.o"
powerpc64-linux-gnu-ld -static -nostdlib --build-id=none --no-warn-rwx-segments \
  -T "$here/client.lds" -o "$out" "$out.crt0.o" "$out.client.o"
rm -f "$out.crt0.o" "$out.client.o"
