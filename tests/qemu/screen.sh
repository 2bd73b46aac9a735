# SPDX-License-Identifier: BSD-2-Clause
# A person at a graphical console: the firmware's text on QEMU's VGA (and
# bochs-display), read back from a screendump with the firmware's own font
# (tests/screen-text.py), while the hvterm keeps its log.

FONT_BIN="$B/gen/font.bin"

# expect_screen TEXT...: each TEXT is on the screen, drawn in the font.
expect_screen() {
  [ -s "$SCREEN" ] || { echo "    no screendump"; return 1; }
  python3 "$TESTS/screen-text.py" "$SCREEN" "$FONT_BIN" "$@" >"$LOGS/$TEST.screen" 2>&1 ||
    { echo "    $(grep 'not on the screen' "$LOGS/$TEST.screen" | head -n 3)"; return 1; }
}

VGA="-device VGA,romfile="
KBD="-device qemu-xhci -device usb-kbd"
banner() { sed -n 's/^\(Sluice .* firmware for QEMU pseries\)$/\1/p' "$LOG" | head -n 1; }

test_vga_shows_the_banner_and_the_boot_order_during_the_delay() {
  monitor_run 60 "press any key within" -m 1G $VGA $(blk_dev d0 "$CLIENT_DISK") \
    -prom-env boot-delay=3 -prom-env boot-args=client-hello
  expect_rc 0 && expect_log "display vga@0: 800x600, 32 bits per pixel, text console on it" &&
  expect_screen "$(banner)" "sluice: boot order: /pci@800000020000000/scsi@1 (scan)" \
    "sluice: press any key within 3 s for the prompt" &&
  expect_log "^CLIENT-BOOTED: bootpath=/pci@800000020000000/scsi@1"
}

# QEMU's -g sets the mode; bochs-display has no VGA registers to unblank.
test_bochs_display_in_the_size_qemu_was_given() {
  monitor_run 60 "press any key within" -m 1G -device bochs-display -g 1024x768 \
    -prom-env boot-delay=2 -kernel "$KERNEL" -initrd "$INITRD" -append "console=hvc0"
  expect_rc 0 && expect_log "display display@0: 1024x768, 32 bits per pixel" &&
  expect_screen "$(banner)" "sluice: press any key within 2 s for the prompt" &&
  expect_log "^SLUICE-TEST-INIT: reached"
}

# output=screen: past the settings the hvterm has nothing more from the
# firmware; output=serial: the screen stays black. auto-boot?=false keeps
# the firmware at its prompt until the test has its screendump and types
# `boot` (the serial console then shows only what the keys produce).
test_output_setting_chooses_screen_or_serial() {
  STEPS="sleep:2|screendump SCREEN|type:boot\n" \
  monitor_run 60 "firmware for QEMU pseries" -m 1G $VGA $KBD -prom-env output=screen \
    -prom-env auto-boot?=false -kernel "$KERNEL" -initrd "$INITRD" -append "console=hvc0"
  expect_rc 0 && expect_log "^SLUICE-TEST-INIT: reached" && expect_no_log "sluice: |sluice>" &&
  expect_screen "$(banner)" "Sluice prompt: 'help' lists the commands, 'boot' boots." "sluice>" ||
    return 1
  TEST=${TEST}_serial
  STEPS="sleep:2|screendump SCREEN|type:boot\n" \
  monitor_run 60 "firmware for QEMU pseries" -m 1G $VGA $KBD -prom-env output=serial \
    -prom-env auto-boot?=false -kernel "$KERNEL" -initrd "$INITRD" -append "console=hvc0"
  expect_rc 0 && expect_log "^sluice> boot\$" && expect_log "^SLUICE-TEST-INIT: reached" &&
  [ -s "$SCREEN" ] || { echo "    output=serial: no screendump"; return 1; }
  ! python3 "$TESTS/screen-text.py" "$SCREEN" "$FONT_BIN" "firmware for QEMU pseries" >/dev/null 2>&1 ||
    { echo "    output=serial: the banner is on the screen"; return 1; }
}

# Five 512 MiB framebuffers do not fit the 2 GiB 32-bit window: the first
# screen works, the one without an address says so, and the boot goes on.
test_display_without_a_framebuffer_address_is_one_line() {
  vgas=""
  for i in 1 2 3 4 5; do vgas="$vgas -device VGA,romfile=,vgamem_mb=512,addr=$i"; done
  qemu_run 60 pseries -m 1G $vgas -kernel "$KERNEL" -initrd "$INITRD" -append "console=hvc0"
  n=$(grep -c 'display vga@[345]: its framebuffer or register BAR has no address; no screen output$' "$LOG")
  expect_rc 0 && expect_log "display vga@1: 800x600, 32 bits per pixel, text console on it" &&
  expect_log "display vga@2: the text console is on vga@1 already; this one stays dark" &&
  expect_log "^SLUICE-TEST-INIT: reached" &&
  { [ "$n" = 3 ] || { echo "    $n lines for vga@3-5, not 3"; return 1; }; }
}

# After hand-off Linux's bochs DRM driver takes the display over from the
# mode the firmware left, and makes its framebuffer.
test_linux_takes_the_display_over() {
  qemu_run 120 pseries -m 1G $VGA -kernel "$KERNEL" -initrd "$INITRD" \
    -append "console=hvc0 sluice.check=screen"
  expect_rc 0 && expect_log "found display   : /pci@800000020000000/vga@0, opening... done" &&
  expect_clean_prom_init &&
  expect_log "^SLUICE-TEST-FB: fb0 bochs-drmdrmfb " && expect_no_log "SLUICE-TEST-ERROR"
}

# Keys typed on a USB keyboard during the boot delay open the prompt; what
# is typed there shows on the hvterm and the screen; `boot` boots. Linux
# then finds the framebuffer and the keyboard, the controller halted and
# reset and no TCE left.
test_usb_keyboard_opens_the_prompt_and_boots() {
  STEPS="type: |sleep:0.5|type:printenv boot-device\n|sleep:1|screendump SCREEN|type:boot\n" \
  monitor_run 120 "press any key within" -m 1G $VGA -device qemu-xhci -device usb-kbd \
    -prom-env boot-delay=5 -prom-env boot-device=disk7 -kernel "$KERNEL" -initrd "$INITRD" \
    -append "console=hvc0 sluice.check=screen" $(TRACE_ARGS) $XHCI_TRACE
  expect_rc 0 && expect_log "sluice: usb-xhci@1 port 1: USB keyboard\$" &&
  expect_log "^sluice> printenv boot-device\$" && expect_log "^boot-device=disk7\$" &&
  expect_screen "sluice> printenv boot-device" "boot-device=disk7" &&
  expect_log "^sluice> boot\$" && expect_log "^SLUICE-TEST-FB: fb0 bochs-drmdrmfb " &&
  expect_log "^SLUICE-TEST-KBD: QEMU QEMU USB Keyboard" && expect_no_log "SLUICE-TEST-ERROR" &&
  expect_tces_cleared && expect_xhci_reset_before_handoff
}

# Keyboards on three controllers, a tablet first on one of them: the
# tablet is one line, every keyboard is driven, and the boot goes on with
# each controller stopped and reset before the hand-off.
test_usb_keyboards_on_three_controllers() {
  qemu_run 60 pseries -m 1G -device qemu-xhci,id=x0 -device usb-tablet,bus=x0.0 -device usb-kbd,bus=x0.0 \
    -device qemu-xhci,id=x1 -device usb-kbd,bus=x1.0 -device qemu-xhci,id=x2 -device usb-kbd,bus=x2.0 \
    -kernel "$KERNEL" -initrd "$INITRD" -append "console=hvc0" $(TRACE_ARGS) $XHCI_TRACE
  expect_rc 0 && expect_log "sluice: usb-xhci@0 port 1: 0627:0001 HID device \\(a tablet or pointer\\), no driver; skipped\$" &&
  expect_log "sluice: usb-xhci@0 port 2: USB keyboard\$" && expect_log "sluice: usb-xhci@1 port 1: USB keyboard\$" &&
  expect_log "sluice: usb-xhci@2 port 1: USB keyboard\$" &&
  expect_log "^SLUICE-TEST-INIT: reached" && expect_tces_cleared && expect_xhci_reset_before_handoff
}

# A machine with a graphical console (no -nographic: virt-manager, libvirt
# with a <video>): QEMU then names no console in /chosen and leaves the
# choice to the firmware. The hvterm stays the console, for the firmware
# and for Linux.
test_graphical_machine_keeps_the_console_on_the_hvterm() {
  QEMU_COMMON=$(echo "$QEMU_COMMON" | sed 's/-nographic/-display none/')
  qemu_run 60 pseries -m 1G -device VGA,romfile= -kernel "$KERNEL" -initrd "$INITRD" \
    -append "console=hvc0"
  expect_rc 0 && expect_log "^Sluice .* firmware for QEMU pseries\$" &&
  expect_no_log "sluice: error" && expect_log "OF stdout device is: /vdevice/vty@71000000" &&
  expect_log "^SLUICE-TEST-INIT: reached"
}

# Secure from the start: the controller's rings and the keyboard's reports
# are in bounce buffers in shared pages; typing works, and every page is
# unshared and every TCE cleared at hand-off.
test_usb_keyboard_on_bounce_buffers_in_secure_mode() {
  FW=$UVSIM
  STEPS="type: |sleep:0.5|type:printenv output\n|sleep:1|type:boot\n" \
  monitor_run 120 "press any key within" -m 1G -device qemu-xhci -device usb-kbd \
    -prom-env secure-mode=on -prom-env boot-delay=5 -kernel "$KERNEL" -initrd "$INITRD" \
    -append "console=hvc0" $UV_TRACE -D "$LOGS/$TEST.trace"
  expect_rc 0 && expect_log "sluice: usb-xhci@0 port 1: USB keyboard\$" &&
  expect_log "^output=both  \(default\)\$" && expect_log "^SLUICE-TEST-INIT: reached" &&
  expect_no_log "UVSIM-MISUSE|SLUICE-FATAL" &&
  expect_uv_clean $(kernel_dest) && expect_tces_cleared
}

# A screen too small for text (-g 13x7, set as 8x7: the Bochs interface
# takes widths in multiples of 8) says so in words; the boot goes on with
# the hvterm.
test_screen_too_small_for_text_says_why() {
  qemu_run 60 pseries -m 1G $VGA -g 13x7 -kernel "$KERNEL" -initrd "$INITRD" -append "console=hvc0"
  expect_rc 0 &&
  expect_log "sluice: error: display vga@0: no text console on it: 8x7 pixels is too small for text: 10 lines of 40 characters of 8x16 pixels need 320x160\$" &&
  expect_log "^SLUICE-TEST-INIT: reached"
}
