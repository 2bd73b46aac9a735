#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# tftp-trees.sh B KERNEL INITRD CLIENT: the TFTP roots the network tests serve
# with QEMU's user networking:
#   B/tftp-pxe     kernel, initrd and a pxelinux default config
#   B/tftp-mac     the same plus a config for the tests' MAC address
#   B/tftp-big     a 2 GiB sparse file, larger than the guest's RAM
#   B/tftp-net     kernel and initrd with a config whose init checks the NIC
#                  after hand-off (sluice.check=net), and the kernel again
#                  as vmlinux-elsewhere, for boot arguments to name
#   B/tftp-prefix  PXELINUX's path prefix: a boot file distro/pxelinux.0
#                  (not a program), its config in distro/pxelinux.cfg/
#                  naming a kernel beside it and an initrd only at the root
#   B/tftp-client  the test client (boot-args=client-hello: it says where it
#                  came from and powers off), the good NIC after a hostile one
set -eu
B=$1; KERNEL=$2; INITRD=$3; CLIENT=$4
rm -rf "$B/tftp-pxe" "$B/tftp-mac" "$B/tftp-big" "$B/tftp-client" "$B/tftp-net" "$B/tftp-prefix"
mkdir -p "$B/tftp-pxe/pxelinux.cfg" "$B/tftp-mac/pxelinux.cfg" "$B/tftp-big" "$B/tftp-client" \
         "$B/tftp-net/pxelinux.cfg"
ln -s "$(realpath "$CLIENT")" "$B/tftp-client/client.elf"
for d in tftp-pxe tftp-mac tftp-net; do
  ln -s "$(realpath "$KERNEL")" "$B/$d/vmlinux"
  ln -s "$(realpath "$INITRD")" "$B/$d/initrd-test.gz"
done
printf 'default test\nlabel broken\n  kernel nothere\nlabel test\n  kernel vmlinux\n  initrd initrd-test.gz\n  append console=hvc0 sluice.check=disks sluice.route=pxelinux-default\n' \
  > "$B/tftp-pxe/pxelinux.cfg/default"
cp "$B/tftp-pxe/pxelinux.cfg/default" "$B/tftp-mac/pxelinux.cfg/default"
printf 'label mac\n  kernel vmlinux\n  append console=hvc0 initrd=initrd-test.gz sluice.route=pxelinux-mac\n' \
  > "$B/tftp-mac/pxelinux.cfg/01-52-54-00-12-34-56"
truncate -s 2G "$B/tftp-big/huge"
ln -s "$(realpath "$KERNEL")" "$B/tftp-net/vmlinux-elsewhere"
printf 'default net\nlabel net\n  kernel vmlinux\n  initrd initrd-test.gz\n  append console=hvc0 sluice.check=net sluice.route=pxelinux-net\n' \
  > "$B/tftp-net/pxelinux.cfg/default"
mkdir -p "$B/tftp-prefix/distro/pxelinux.cfg"
printf 'not a program: PXELINUX looks for its configs beside it\n' > "$B/tftp-prefix/distro/pxelinux.0"
ln -s "$(realpath "$KERNEL")" "$B/tftp-prefix/distro/vmlinux"
ln -s "$(realpath "$INITRD")" "$B/tftp-prefix/initrd-test.gz"
printf 'default p\nlabel p\n  kernel vmlinux\n  initrd initrd-test.gz\n  append console=hvc0 sluice.check=net sluice.route=pxelinux-prefix\n' \
  > "$B/tftp-prefix/distro/pxelinux.cfg/default"
