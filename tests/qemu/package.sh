# SPDX-License-Identifier: BSD-2-Clause
# Where users pick Sluice up: the Debian package `make deb` builds (lintian
# clean, its firmware found by name where it installs, one version string
# everywhere), and the libvirt domains of docs/libvirt.md (valid, and the
# first boots through libvirt's own QEMU driver).

TOP=$(cd "$TESTS/.." && pwd)

# regex_quote TEXT: TEXT as an extended regex matching itself.
regex_quote() { printf '%s' "$1" | sed 's/[][\.+*?^$(){}|]/\\&/g'; }

test_deb_builds_lintian_clean_and_qemu_finds_its_firmware() {
  LOG="$LOGS/$TEST.log"
  deb=$(make -s -C "$TOP" deb B="$(cd "$B" && pwd)" 2>"$LOG" | tail -n 1)
  [ -f "$deb" ] || { echo "    make deb made no package: $(tail -n 3 "$LOG")"; return 1; }
  case "$deb" in */sluice-firmware_*_all.deb) ;; *) echo "    package named $deb"; return 1 ;; esac
  lintian --fail-on error,warning "$deb" >"$LOGS/$TEST.lintian" 2>&1 ||
    { echo "    lintian: $(grep -E '^[EW]:' "$LOGS/$TEST.lintian" | head -n 5)"; return 1; }
  version=$(dpkg-deb -f "$deb" Version)
  root="$LOGS/$TEST.root"; rm -rf "$root"; dpkg -x "$deb" "$root"
  doc="$root/usr/share/doc/sluice-firmware"
  for f in copyright changelog.gz reference.md.gz sluice-dma.md.gz libvirt.md.gz; do
    [ -f "$doc/$f" ] || { echo "    the package has no $doc/$f"; return 1; }
  done
  # BSD-2-Clause, and the licenses of what the image links (newlib's text whole).
  for l in "^License: BSD-2-Clause\$" "^License: BSD-2-Clause and Apache-2.0 and newlib\$" \
           "^License: Apache-2.0\$" "^License: newlib\$" "^ The newlib subdirectory is a collection"; do
    grep -q "$l" "$doc/copyright" || { echo "    the copyright file lacks $l"; return 1; }
  done
  [ "$(zcat "$doc/changelog.gz" | head -n 1)" = "sluice-firmware ($version) unstable; urgency=medium" ] ||
    { echo "    changelog: $(zcat "$doc/changelog.gz" | head -n 1)"; return 1; }
  strings "$root/usr/share/qemu/sluice.bin" | grep -qxF "Sluice,$version" ||
    { echo "    strings finds no 'Sluice,$version' in the installed firmware"; return 1; }
  # A name, not a path: QEMU looks for it in the -L directory.
  FW=sluice.bin qemu_run 120 pseries -m 1G -L "$root/usr/share/qemu" \
    -kernel "$KERNEL" -initrd "$INITRD" -append "console=hvc0"
  v=$(regex_quote "$version")
  expect_rc 0 && expect_log "^Sluice $v firmware for QEMU pseries\$" &&
  expect_log "Hardware name: .* of:Sluice,$v " && expect_log "^SLUICE-TEST-INIT: reached"
}

# libvirt_xml DIR: each XML block of docs/libvirt.md as DIR/block<N>.xml,
# and the <os> fragment spliced into the first domain (DIR/kernel-boot.xml).
libvirt_xml() {
  rm -rf "$1"; mkdir -p "$1"
  gawk -v dir="$1" '/^```xml$/ { f = dir "/block" ++n ".xml"; next }
                    /^```$/ { f = "" } f { print > f }' "$TOP/docs/libvirt.md"
  gawk -v frag="$1/block2.xml" '
    /<os>/ { while ((getline line < frag) > 0) print "    " line; skip = 1 }
    !skip { print } /<\/os>/ { skip = 0 }' "$1/block1.xml" > "$1/kernel-boot.xml"
}

test_libvirt_domains_in_the_docs_validate() {
  LOG="$LOGS/$TEST.log"; dir="$LOGS/$TEST.xml"
  libvirt_xml "$dir"
  [ -f "$dir/block3.xml" ] || { echo "    docs/libvirt.md has fewer than 3 XML blocks"; return 1; }
  for f in "$dir/block1.xml" "$dir/kernel-boot.xml" "$dir/block3.xml"; do
    virt-xml-validate "$f" domain >>"$LOG" 2>&1 ||
      { echo "    $(basename "$f"): $(tail -n 3 "$LOG")"; return 1; }
  done
}

# The first domain, booted by libvirt's embedded QEMU driver (no daemon) as
# an unprivileged user, with Sluice, the test kernel and a copy of a test
# disk put in, the network QEMU's user mode and the console a file. virsh
# reads its commands from a pipe: define, start, and once the guest has
# powered off (or the time is up), quit.
test_libvirt_boots_the_documented_domain() {
  LOG="$LOGS/$TEST.log"; dir=$(mktemp -d); chmod 755 "$dir"
  libvirt_xml "$dir/xml"
  for f in "$FW" "$KERNEL" "$INITRD"; do ln -f "$f" "$dir/" 2>/dev/null || cp "$f" "$dir/"; done
  cp "$GPT" "$dir/disk.img"; chmod a+r "$dir"/*; chmod a+w "$dir/disk.img"
  mkdir -m 777 "$dir/root" "$dir/root/etc"
  # QEMU's output to a file, as a libvirt daemon's virtlogd is not there.
  echo 'stdio_handler = "file"' > "$dir/root/etc/qemu.conf"
  touch "$dir/console.log"; chmod 666 "$dir/console.log"
  sed -e "s|type='kvm'|type='qemu'|" -e "s|/usr/share/qemu/sluice.bin|$dir/$(basename "$FW")|" \
      -e "s|type='qcow2'|type='raw'|" -e "s|<source file='[^']*'/>|<source file='$dir/disk.img'/>|" \
      -e "s|<interface type='network'>|<interface type='user'>|" -e "/<source network=/d" \
      -e "s|<on_reboot>restart|<on_reboot>destroy|" \
      -e "s|<serial type='pty'/>|<serial type='file'><source path='$dir/console.log'/></serial>|" \
      -e "s|<console type='pty'>|<console type='file'><source path='$dir/console.log'/>|" \
      -e "s|</os>|<kernel>$dir/$(basename "$KERNEL")</kernel><initrd>$dir/$(basename "$INITRD")</initrd><cmdline>console=hvc0 sluice.check=disks</cmdline></os>|" \
      "$dir/xml/block1.xml" > "$dir/guest.xml"
  as_user=""
  [ "$(id -u)" -ne 0 ] || as_user="setpriv --reuid=nobody --regid=nogroup --clear-groups"
  mkfifo "$dir/virsh.in"
  trap '' PIPE                  # virsh may be gone before we say quit
  start=$(date +%s.%N)
  timeout -k 5 200 $as_user env HOME="$dir/root" virsh -c "qemu:///embed?root=$dir/root" \
    <"$dir/virsh.in" >"$dir/virsh.out" 2>&1 &
  virsh_pid=$!
  exec 3>"$dir/virsh.in"
  echo "define $dir/guest.xml" >&3; echo "start sluice-guest" >&3
  stop="destroy sluice-guest"    # unless the guest ends by itself
  for i in $(seq 180); do
    grep -aqE "reboot: Power down" "$dir/console.log" && { stop=""; break; }
    grep -aqE "SLUICE-FATAL|Kernel panic" "$dir/console.log" && break
    grep -q "error:" "$dir/virsh.out" && break
    sleep 1
  done
  sleep 1; { echo "$stop"; echo quit; } >&3 2>/dev/null; exec 3>&-
  wait $virsh_pid
  trap - PIPE
  SECS=$(echo "$(date +%s.%N) - $start" | bc)
  { cat "$dir/virsh.out"; sed 's/\r$//' "$dir/console.log"; } > "$LOG"
  cp "$dir/guest.xml" "$LOGS/$TEST.xml"
  rm -rf "$dir"
  expect_no_log "^error:" && expect_log "Domain 'sluice-guest' started" &&
  expect_log "^Sluice .* firmware for QEMU pseries\$" &&
  expect_log "virtio-blk scsi@[0-9a-f]+: 64 MiB, modern interface, DMA translated" &&
  expect_log "SLUICE-TEST-MD5: vd[a-z] /pci@800000020000000/scsi@[0-9a-f]+ $(cat "$GPT.md5")\$" &&
  expect_no_log "SLUICE-TEST-ERROR|SLUICE-FATAL|sluice: error" && expect_log "reboot: Power down"
}
