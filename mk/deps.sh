#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Install whatever Debian packages the build, the tests and the README's QEMU
# commands need and are missing. Idempotent and quiet when everything is
# present, so `make` can call it each time. A fresh Debian bookworm needs
# nothing but make: this installs the rest.
#   ipxe-qemu   QEMU's virtio-net option ROM (efi-virtio.rom): qemu-system-ppc
#               only recommends it, and without it QEMU refuses virtio-net-pci.
#   seabios     vgabios-stdvga.bin: without -nodefaults QEMU gives pseries a
#               VGA card and refuses to start without its option ROM.
#   python3     the tests' hostile DHCP/TFTP server (standard library only).
#   perl        runs OpenSSL's perlasm, which writes the firmware's SHA block
#               functions (git depends on perl, but say it).
#   xorriso     what grub-mkrescue writes the test installer CDs with.
#   swtpm, swtpm-tools, tpm2-tools
#               the measured-boot tests: a TPM 2.0 behind QEMU's tpm-spapr
#               (fresh, or set up by swtpm_setup as libvirt does), and
#               tpm2_eventlog, which must read the firmware's event log.
#   lintian, libvirt-clients, libvirt-daemon-driver-qemu, libxml2-utils
#               the package and libvirt tests (virt-xml-validate, which
#               runs xmllint, which libvirt-clients does not depend on; virsh
#               with libvirt's embedded QEMU driver, which needs no daemon).
set -eu
pkgs="gcc-powerpc64-linux-gnu binutils-powerpc64-linux-gnu qemu-system-ppc ipxe-qemu seabios
device-tree-compiler newlib-source libcmocka-dev cpio gzip xz-utils
fdisk e2fsprogs grub-common make gcc libc6-dev bc gawk perl clang libclang-rt-14-dev gcovr python3 xorriso
lintian libvirt-clients libvirt-daemon-driver-qemu libxml2-utils swtpm swtpm-tools tpm2-tools"
missing=""
for p in $pkgs; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
. "$(dirname "$0")/apt.sh"
echo "deps: installing$missing"

install() {
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$@" \
    >"$APT_LOG" 2>&1
}
apt_update
install $missing && exit 0
apt_update                      # one more chance: the mirror may have finished its sync
install $missing && exit 0
failed=$(apt_last_error)
unavailable=""
for p in $missing; do
  $SUDO apt-get install -s -qq --no-install-recommends "$p" >/dev/null 2>&1 || unavailable="$unavailable $p"
done
for p in $unavailable; do
  echo "deps: cannot install $p: the package indexes offer no installable version$APT_UPDATE_NOTE (try: sudo apt-get update && sudo apt-get install $p)" >&2
done
[ -n "$unavailable" ] ||
  echo "deps: apt-get install failed: $failed$APT_UPDATE_NOTE (try: sudo apt-get update && sudo apt-get install$missing)" >&2
exit 1
