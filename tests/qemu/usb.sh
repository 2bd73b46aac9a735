# SPDX-License-Identifier: BSD-2-Clause
# USB on xHCI (qemu-xhci, as libvirt and virt-install add it): sticks
# (usb-storage, and usb-bot with a SCSI CD) booted like any disk or CD,
# behind hubs too, by bootindex; every keyboard typing at the prompt; mice,
# tablets and other devices passed over with one line each; the controller
# halted and reset before Linux's xhci_hcd and usb_storage take over.

# stick ID IMAGE [usb-storage options...]: a read-only raw drive on a
# usb-storage device.
stick() { drive_dev usb-storage "$@"; }
XHCI="-device qemu-xhci,id=x"
# USB devices on an xHCI port: QEMU gives them the first free port from 1
# (USB 2 devices) and from 1 of the USB 3 ports (usb-storage).
STICK_PATH="$PHB0/usb-xhci@0/storage@1/disk@101000000000000"
# A stick with the GPT disk: the firmware boots the kernel in its PReP
# partition through the xHCI's TCEs, and hands over a controller Linux can
# take: every TCE cleared, the controller reset.
test_usb_stick_boots_its_prep_kernel() {
  qemu_run 120 pseries -m 1G $XHCI $(stick s0 "$GPT") $(TRACE_ARGS) $XHCI_TRACE
  expect_log "sluice: usb-xhci@0 port 1: USB mass storage as usb-xhci@0/storage@1, 1 LUN\$" &&
  expect_log "usb-xhci@0/storage@1 disk@101000000000000: disk, 64 MiB in 512-byte blocks\$" &&
  expect_log "sluice: trying disk $STICK_PATH \(scan\)" &&
  expect_disk_boot disk@101000000000000 &&
  expect_tces_on 0x80000000 yes && expect_tces_cleared && expect_xhci_reset_before_handoff
}

# After the hand-off Linux's xhci_hcd and usb_storage read the same stick
# (its data region's md5), found under the controller the firmware named.
test_linux_reads_the_usb_stick_after_handoff() {
  qemu_run 120 pseries -m 1G $XHCI $(stick s0 "$GPT") -kernel "$KERNEL" -initrd "$INITRD" \
    -append "console=hvc0 sluice.check=disks" $(TRACE_ARGS) $XHCI_TRACE
  expect_rc 0 && expect_log "SLUICE-TEST-MD5: sd[a-z] $PHB0/usb-xhci@0/storage@1 $(cat "$GPT.md5")\$" &&
  expect_log "SLUICE-TEST-BINDING: pci@800000020000000/usb-xhci@0 mode=translated" &&
  expect_no_log "SLUICE-TEST-ERROR|sluice: error" && expect_tces_cleared && expect_xhci_reset_before_handoff
}

# GRUB in the stick's PReP partition finds the stick through /aliases and
# the disk package, reads its kernel and initrd over USB, and boots Linux.
test_grub_boots_from_a_usb_stick() {
  qemu_run 180 pseries -m 1G $XHCI $(stick s0 "$GRUB_GPT")
  expect_rc 0 && expect_log "booting disk@101000000000000: 32-bit big-endian program at 0x200000" &&
  expect_log "GRUB-ROOT: ieee1275/disk[0-9]*,gpt2" &&
  expect_log "GRUB-LOADING: ieee1275/disk[0-9]*,gpt2 /boot/vmlinux" &&
  expect_log "Preparing to boot Linux version" && expect_clean_prom_init &&
  expect_log "SLUICE-TEST-INIT: powering off" && expect_no_log "sluice: error|no method"
}

# A stick behind a hub, chosen by bootindex over a virtio disk that would
# otherwise come first: QEMU's boot list names it by hub and port
# (.../hub@2/storage@3/disk@...), and so does the firmware.
test_usb_stick_behind_a_hub_by_bootindex() {
  qemu_run 60 pseries -m 1G $(blk_dev d0 "$CLIENT_DISK" bootindex=2,addr=3) $XHCI \
    -device usb-hub,bus=x.0,port=2 $(stick s0 "$CLIENT_DISK" bus=x.0 port=2.3 bootindex=1) \
    -prom-env boot-args=client-hello
  expect_rc 0 && expect_log "sluice: usb-xhci@0 port 2: USB hub, 8 ports\$" &&
  expect_log "sluice: usb-xhci@0 port 2.3: USB mass storage as usb-xhci@0/hub@2/storage@3, 1 LUN\$" &&
  expect_log "^CLIENT-BOOTED: bootpath=$PHB0/usb-xhci@0/hub@2/storage@3/disk@102000000000000\$"
}

# Hubs five deep (all a route string holds, and all QEMU allows) and a
# stick at the bottom, booted by its path through them.
test_usb_hubs_nested_as_deep_as_usb_allows() {
  hubs="-device usb-hub,bus=x.0,port=1"; at=1
  for tier in 2 3 4 5; do at="$at.1"; hubs="$hubs -device usb-hub,bus=x.0,port=$at"; done
  qemu_run 60 pseries -m 1G $XHCI $hubs $(stick s0 "$CLIENT_DISK" bus=x.0 port=$at.2 bootindex=1) \
    -prom-env boot-args=client-hello
  expect_rc 0 && expect_log "sluice: usb-xhci@0 port 1.1.1.1.1: USB hub, 8 ports\$" &&
  expect_log "^CLIENT-BOOTED: bootpath=$PHB0/usb-xhci@0/hub@1/hub@1/hub@1/hub@1/hub@1/storage@2/disk@101000000000000\$"
}

# Installer images written to a stick: an ISO9660 volume on a disk of
# 512-byte blocks boots what \ppc\bootinfo.txt names.
test_cd_image_on_a_usb_stick() {
  qemu_run 60 pseries -m 1G $XHCI $(stick s0 "$ISO_CLIENT")
  expect_rc 0 && expect_log "sluice: disk@101000000000000: \\\\install\\\\client.elf, named by \\\\ppc\\\\bootinfo.txt" &&
  expect_log "^CLIENT-BOOTED: bootpath=$STICK_PATH"
}

# A USB CD drive (usb-bot carrying a SCSI CD): the CD, and the same drive
# without a disc as one line.
test_usb_cd_drive() {
  qemu_run 60 pseries -m 1G $XHCI -device usb-bot,id=bot0 \
    -drive file="$ISO_CLIENT",if=none,id=c0,format=raw,readonly=on -device scsi-cd,drive=c0,bus=bot0.0,lun=0 \
    -device usb-bot,id=bot1 -drive if=none,id=c1 -device scsi-cd,drive=c1,bus=bot1.0,lun=0
  expect_rc 0 && expect_log "usb-xhci@0/storage@1 disk@101000000000000: CD, .* in 2048-byte blocks\$" &&
  expect_log "usb-xhci@0/storage@2 disk@102000000000000: no medium; skipped\$" &&
  expect_log "^CLIENT-BOOTED: bootpath=$STICK_PATH"
}

# A tablet, a mouse and an audio device before the keyboard: each is one
# line and the walk goes on; the keyboard (behind the hub QEMU adds when
# its four USB 2 ports are taken) is found and types at the prompt.
test_usb_devices_without_a_driver_are_one_line_each() {
  STEPS="type: |sleep:0.5|type:boot\n" \
  monitor_run 120 "press any key within" -m 1G $XHCI -device usb-tablet -device usb-mouse \
    -device usb-audio -device usb-kbd -prom-env boot-delay=5 -kernel "$KERNEL" -initrd "$INITRD" \
    -append "console=hvc0"
  expect_rc 0 && expect_log "sluice: usb-xhci@0 port 1: 0627:0001 HID device \(a tablet or pointer\), no driver; skipped\$" &&
  expect_log "sluice: usb-xhci@0 port 2: 0627:0001 mouse, no driver; skipped\$" &&
  expect_log "sluice: usb-xhci@0 port 3: 46f4:0002 audio device, no driver; skipped\$" &&
  expect_log "sluice: usb-xhci@0 port 4.1: USB keyboard\$" &&
  expect_log "^sluice> boot\$" && expect_log "^SLUICE-TEST-INIT: reached"
}

# Two keyboards on two controllers and a third behind a hub: all are
# driven, and QEMU's keys (which go to the keyboard added last) open the
# prompt and boot.
test_every_usb_keyboard_types() {
  STEPS="type: |sleep:0.5|type:printenv boot-device\n|sleep:0.5|type:boot\n" \
  monitor_run 120 "press any key within" -m 1G -device qemu-xhci,id=a -device usb-kbd,bus=a.0 \
    -device qemu-xhci,id=b -device usb-hub,bus=b.0,port=1 -device usb-kbd,bus=b.0,port=1.4 \
    -device usb-kbd,bus=a.0 -prom-env boot-delay=5 -prom-env boot-device=disk7 \
    -kernel "$KERNEL" -initrd "$INITRD" -append "console=hvc0"
  n=$(grep -c "sluice: usb-xhci@[01] port [0-9.]*: USB keyboard\$" "$LOG")
  expect_rc 0 && { [ "$n" = 3 ] || { echo "    $n keyboards found, not 3"; return 1; }; } &&
  expect_log "^sluice> printenv boot-device\$" && expect_log "^boot-device=disk7\$" &&
  expect_log "^sluice> boot\$" && expect_log "^SLUICE-TEST-INIT: reached"
}

# The guest turns secure in the middle of reading the stick: the
# controller and the stick move onto bounce buffers and the read goes on.
test_secure_transition_mid_read_usb_stick() {
  uv_client_run "disk=$STICK_PATH" $XHCI $(stick s0 "$GPT")
  expect_secure_mid_read "xhci usb-xhci@0" "$GPT" && expect_no_log "sluice: error"
}

# Secure from the start: the kernel read from the stick through bounce
# buffers, every shared page unshared and no TCE left on the kernel.
test_usb_stick_in_secure_mode() {
  FW=$UVSIM
  qemu_run 120 pseries -m 1G $XHCI $(stick s0 "$GPT") -prom-env secure-mode=on \
    $UV_TRACE -D "$LOGS/$TEST.trace"
  expect_log "secure mode" && expect_disk_boot disk@101000000000000 &&
  expect_no_log "UVSIM-MISUSE" && expect_uv_clean $(kernel_dest)
}
