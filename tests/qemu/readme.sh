# SPDX-License-Identifier: BSD-2-Clause
# The README's own QEMU command lines, as a user would paste them, with its
# file names pointed at the test payload, disks, installer CD and TFTP tree.

# Each complete command must start QEMU without an option or ROM error and
# get the firmware to boot what it was given.
test_readme_qemu_commands_work() {
  n=0
  while IFS= read -r cmd; do
    n=$((n + 1))
    LOG="$LOGS/$TEST.$n.log"
    cmd=$(echo "$cmd" | sed -e 's|^timeout [0-9]* ||' -e 's| </dev/null$||' \
      -e "s| build/sluice.bin| $FW|" -e "s| vmlinux | $KERNEL |" -e "s| initrd.gz | $INITRD |" \
      -e "s|file=disk.img,|file=$GPT,readonly=on,|" -e "s|tftp=/srv/tftp|tftp=$B/tftp-pxe|" -e "s|tftp=/srv/grub-net|tftp=$B/tftp-grub|" \
      -e "s| -hda disk.img| -snapshot -hda $GRUB_GPT|" -e "s| -cdrom installer.iso| -cdrom $ISO_GRUB|" \
      -e "s|file=installer.iso,|file=$ISO_GRUB,readonly=on,|")
    # A command for a graphical console gets no window here.
    case "$cmd" in *-nographic*) ;; *) cmd="$cmd -display none" ;; esac
    # The measured-boot example's swtpm, as the README starts it.
    tpm=""
    case "$cmd" in
      *path=/tmp/mytpm/sock*) swtpm_start || return 1; tpm=yes; cmd=$(echo "$cmd" | sed "s|/tmp/mytpm/sock|$TPM_DIR/sock|") ;;
    esac
    echo "$cmd" > "$LOG"
    eval "timeout -k 5 240 $cmd" </dev/null >>"$LOG" 2>&1
    RC=$?
    [ -z "$tpm" ] || swtpm_stop
    sed -i 's/\r$//' "$LOG"
    case $RC in 124|137) echo "    README command $n timed out: $cmd"; return 1 ;; esac
    expect_no_log "^qemu-system-ppc64: -|romfile" && expect_log "sluice: booting " &&
      expect_no_log "SLUICE-FATAL" || { echo "    README command $n: $cmd"; return 1; }
  done <<EOF2
$(gawk -f "$TESTS/readme-commands.awk" "$TESTS/../README.md")
EOF2
  [ "$n" -ge 10 ] || { echo "    found only $n complete QEMU commands in the README"; return 1; }
}
