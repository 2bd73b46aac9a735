# SPDX-License-Identifier: BSD-2-Clause
# Boot order (bootindex, boot-device, the default scan), settings kept in
# NVRAM across reboots, the prompt driven through a scripted console, and CI
# mode. Two copies of a disk holding the test client tell apart by the
# bootpath the client prints (boot-args=client-hello).

PHB0=/pci@800000020000000
VSCSI_CD=/vdevice/v-scsi@71000002/disk@8200000000000000   # -cdrom
HELLO_DISKS() {   # HELLO_DISKS [DISK0-OPTION] [DISK1-OPTION]: two disks booting the client
  echo "$(blk_dev d0 "$CLIENT_DISK" disable-legacy=on iommu_platform=on ${1:-})" \
       "$(blk_dev d1 "$CLIENT_DISK" disable-legacy=on iommu_platform=on ${2:-})"
}
# A NIC whose boot fails at once: DHCP answers, TFTP has nothing to serve.
NIC="-netdev user,id=n0 -device virtio-net-pci,netdev=n0"

expect_booted() {   # expect_booted DEVICE-PATH
  expect_log "^CLIENT-BOOTED: bootpath=$1\$"
}

test_bootindex_then_boot_device_then_the_rest() {
  qemu_run 60 pseries -m 1G $(HELLO_DISKS "" bootindex=2) $NIC,bootindex=1 \
    -prom-env boot-args=client-hello -prom-env boot-device=disk
  expect_rc 0 && expect_within 30 &&
  expect_log "boot order: $PHB0/ethernet@2 \(bootindex\), $PHB0/scsi@1 \(bootindex\), $PHB0/scsi@0 \(boot-device\)$" &&
  expect_log "trying network $PHB0/ethernet@2 \(bootindex\)" &&
  expect_log "network $PHB0/ethernet@2: no boot file" &&
  expect_log "trying disk $PHB0/scsi@1 \(bootindex\)" &&
  expect_no_log "trying disk $PHB0/scsi@0" &&
  expect_booted $PHB0/scsi@1 &&
  expect_log "kernel command line from boot-args: client-hello"
}

test_prom_env_boot_device_overrides_the_default() {
  qemu_run 60 pseries -m 1G $(HELLO_DISKS) $NIC \
    -prom-env boot-args=client-hello -prom-env "boot-device=nothere net disk1"
  expect_rc 0 && expect_within 30 &&
  expect_log "boot-device entry 'nothere' names no disk or network device" &&
  expect_log "boot order: $PHB0/ethernet@2 \(boot-device\), $PHB0/scsi@1 \(boot-device\), $PHB0/scsi@0 \(scan\)$" &&
  expect_log "trying network $PHB0/ethernet@2 \(boot-device\)" &&
  expect_no_log "trying disk $PHB0/scsi@0" &&
  expect_booted $PHB0/scsi@1
}

test_ci_mode_nothing_bootable_fails_listing_every_device() {
  qemu_run 60 pseries -m 1G -prom-env ci-mode=on \
    $(blk_dev d0 "$B/disk-noprep.img") $(blk_dev d1 "$B/disk-junk.img") $NIC
  expect_rc nonzero && expect_within 30 &&
  expect_log "trying disk $PHB0/scsi@0 \(scan\)" &&
  expect_log "disk $PHB0/scsi@0: no PReP boot partition" &&
  expect_log "trying disk $PHB0/scsi@1 \(scan\)" &&
  expect_log "disk $PHB0/scsi@1: PReP partition 1: not an ELF file" &&
  expect_log "trying network $PHB0/ethernet@2 \(scan\)" &&
  expect_log "network $PHB0/ethernet@2: no boot file" &&
  expect_log "^SLUICE-FATAL: nothing to boot: no -kernel, and no bootable disk \(2 tried\) or network \(1 tried\)" &&
  expect_no_log "press any key|sluice>"
}

test_nothing_bootable_offers_the_prompt_then_fails() {
  qemu_run 60 pseries -m 1G $(blk_dev d0 "$B/disk-noprep.img")
  expect_rc nonzero && expect_within 30 &&
  expect_log "press any key within 3 s for the prompt" &&
  expect_log "^SLUICE-FATAL: nothing to boot" && expect_no_log "sluice>"
}

test_prompt_scripted() {
  script='expect sluice> $
send help
expect setenv name \[value\.\.\.\]
send devices
expect ^    scsi@0  \[block\]  alias: disk  dma: translated$
expect ^    scsi@1  \[block\]  alias: disk1  dma: translated$
expect ^    ethernet@2  \[network\]  alias: net  dma: bypass$
send printenv
expect ^ci-mode=auto  \(default\)$
expect ^boot-args=client-hello$
send frobnicate now
expect error: unknown command .frobnicate.
send '"$(printf '%0300d' 0)"'
expect error: line too long
send setenv ci-mode maybe
expect error: ci-mode takes auto\|on\|off
send setenv
expect usage: setenv name
send dtx\0177 /aliases
expect ^  disk1 = "/pci@800000020000000/scsi@1"$
send dt /nothere
expect error: no node ./nothere.
send boot nothere
expect error: .nothere. names no disk or network device
send boot disk1
expect CLIENT-BOOTED'
  console_session 90 "$script" pseries -m 1G $(HELLO_DISKS) $NIC \
    -prom-env "auto-boot?=false" -prom-env boot-args=client-hello
  expect_script_ok && expect_rc 0 &&
  expect_booted $PHB0/scsi@1 && expect_no_log "SLUICE-FATAL|sluice: error"
}

test_prompt_when_nothing_boots_and_ci_mode_is_off() {
  script='expect sluice> $
send poweroff'
  console_session 60 "$script" pseries -m 1G -prom-env ci-mode=off \
    $(blk_dev d0 "$B/disk-noprep.img")
  expect_script_ok && expect_rc 0 &&
  expect_log "error: nothing to boot" && expect_no_log "SLUICE-FATAL|press any key"
}

test_setenv_survives_reboot_with_the_same_nvram() {
  nv="$B/nvram-$TEST.img"
  rm -f "$nv"; truncate -s 64K "$nv"
  NVRAM="-drive file=$nv,if=none,format=raw,id=nv -global spapr-nvram.drive=nv"
  # -boot menu=on's menu lets the test ask for the prompt (0).
  script='expect Boot menu: type a number
send 0
expect sluice> $
send setenv boot-device disk1
expect boot-device=disk1 \(saved\)
send setenv boot-args client-hello
expect boot-args=client-hello \(saved\)
send reset
expect boot order: [^ ]*/scsi@1 \(boot-device\)
expect CLIENT-BOOTED'
  console_session 90 "$script" pseries -m 1G -boot menu=on $NVRAM $(HELLO_DISKS)
  expect_script_ok && expect_rc 0 && expect_log "NVRAM was blank: formatted" &&
  expect_booted $PHB0/scsi@1 &&
  [ "$(grep -c '^Sluice .* firmware for QEMU pseries$' "$LOG")" = 2 ] || { echo "    expected two boots in one QEMU run"; return 1; }
  cp "$LOG" "$LOGS/$TEST.session.log"
  # A new QEMU process on the same NVRAM file: no prompt, same choice.
  qemu_run 60 pseries -m 1G $NVRAM $(HELLO_DISKS)
  expect_rc 0 && expect_booted $PHB0/scsi@1 && expect_no_log "NVRAM was blank" &&
  expect_log "boot order: $PHB0/scsi@1 \(boot-device\), $PHB0/scsi@0 \(scan\)$"
}

test_log_level_quiet_keeps_only_errors() {
  qemu_run 60 pseries -m 1G $(HELLO_DISKS) \
    -prom-env boot-args=client-hello -prom-env log-level=quiet -prom-env boot-delay=later
  expect_rc 0 && expect_booted $PHB0/scsi@0 &&
  expect_log "sluice: error: setting boot-delay=later ignored: boot-delay takes a number of seconds" &&
  expect_no_log "sluice: (trying|boot order|booting|virtio)"
}

# A damaged NVRAM is left alone with one line saying which header, where,
# and what is wrong; the boot goes on (without settings: QEMU ignores
# -prom-env when the NVRAM has a backing file).
test_damaged_nvram_is_described_and_left_alone() {
  nv="$B/nvram-$TEST.img"
  rm -f "$nv"; truncate -s 64K "$nv"
  NVRAM="-drive file=$nv,if=none,format=raw,id=nv -global spapr-nvram.drive=nv"
  qemu_run 60 pseries -m 1G $NVRAM -prom-env ci-mode=on
  expect_log "NVRAM was blank: formatted" || return 1
  printf 'Z' | dd of="$nv" bs=1 seek=$((0x1000 + 5)) conv=notrunc status=none   # the free partition's name
  qemu_run 60 pseries -m 1G $NVRAM $(HELLO_DISKS)
  expect_log "sluice: booting scsi@0: 64-bit big-endian kernel" &&
  expect_log "sluice: error: NVRAM partitions are damaged: the partition header at offset 0x1000 has checksum 0x[0-9a-f]{2}, not 0x[0-9a-f]{2}; leaving them alone, settings unread$"
}

# A setting longer than the firmware keeps is refused with a line, not
# taken as unset without a word.
test_setting_too_long_is_refused_with_a_line() {
  long=$(printf 'x%.0s' $(seq 300))
  qemu_run 60 pseries -m 1G -prom-env "boot-args=$long" -prom-env ci-mode=on $(HELLO_DISKS)
  expect_log "sluice: booting scsi@0" && expect_log "sluice: error: setting boot-args ignored: longer than the 255 characters it may have"
}

# A boot path naming a child that is not there names nothing: one line
# saying which part is missing, never the device above it. Under strict
# boot nothing else boots; otherwise the usual order follows.
test_boot_path_naming_a_missing_child_is_refused() {
  qemu_run 60 pseries -m 1G -boot strict=on -prom-env ci-mode=on -prom-env boot-args=client-hello \
    -prom-env "boot-device=$PHB0/scsi@0/foo@1 $PHB0/scsi@1/disk@ZZZ:1" \
    $(blk_dev d0 "$CLIENT_DISK" addr=0) $(blk_dev d1 "$CLIENT_DISK" addr=1) \
    $(blk_dev d2 "$B/disk-noprep.img" addr=2 bootindex=1)
  expect_rc nonzero && expect_no_log "CLIENT-BOOTED" &&
  expect_log "boot-device entry '$PHB0/scsi@0/foo@1' names no disk or network device: $PHB0/scsi@0 has no foo@1\$" &&
  expect_log "boot-device entry '$PHB0/scsi@1/disk@ZZZ:1' names no disk or network device: $PHB0/scsi@1 has no disk@ZZZ\$" &&
  expect_log "boot order: $PHB0/scsi@2 \(bootindex\)\$" &&
  expect_log "^SLUICE-FATAL: nothing to boot: no -kernel, and no bootable disk \(1 tried\) or network \(0 tried\)\$" ||
    return 1
  TEST=${TEST}_not_strict
  qemu_run 60 pseries -m 1G -prom-env boot-args=client-hello -prom-env "boot-device=$PHB0/scsi@1/foo@1" \
    $(HELLO_DISKS)
  expect_log "boot-device entry '$PHB0/scsi@1/foo@1' names no disk or network device: $PHB0/scsi@1 has no foo@1\$" &&
  expect_log "trying disk $PHB0/scsi@0 \(scan\)" && expect_booted $PHB0/scsi@0
}

# A -prom-env value past the 2 KiB QEMU gives them makes QEMU write its
# free partition over the settings: the line names the value, and the
# settings before and after it still count (ci-mode=on: the verdict at
# once; log-level=debug: debug lines).
test_long_prom_env_value_keeps_the_other_settings() {
  long=$(printf 'a%.0s' $(seq 3000))
  qemu_run 60 pseries -m 1G -prom-env ci-mode=on -prom-env "boot-args=$long" -prom-env log-level=debug
  expect_rc nonzero && expect_within 20 &&
  expect_log "sluice: error: NVRAM: QEMU wrote its free partition at 0x800, inside the settings, as it does when -prom-env values pass 2 KiB: boot-args \(its value too long\) is lost; the other settings are used, read-only\$" &&
  expect_log "sluice: PCI: 1 host bridges" && expect_no_log "press any key" &&
  expect_log "^SLUICE-FATAL: nothing to boot"
}

# A setting given twice: the last counts, as QEMU's own options, in one line.
test_setting_given_twice_takes_the_last() {
  qemu_run 60 pseries -m 1G -prom-env ci-mode=off -prom-env ci-mode=on
  expect_rc nonzero && expect_within 20 &&
  expect_log "sluice: setting ci-mode given 2 times: the last, ci-mode=on, is used\$" &&
  expect_no_log "press any key" && expect_log "^SLUICE-FATAL: nothing to boot"
}

# QEMU's boot menu: the devices in boot order with their paths; the one
# picked boots (the second disk here, where the usual order takes the
# first), and nothing typed boots in the usual order.
test_boot_menu_boots_the_device_picked() {
  script='expect Boot menu: type a number and Enter within 3 s
expect ^  1\. '"$PHB0"'/scsi@0 \(scan\)$
expect ^  2\. '"$PHB0"'/scsi@1 \(scan\)$
expect ^  0\. the prompt$
send 2
expect CLIENT-BOOTED'
  console_session 60 "$script" pseries -m 1G -boot menu=on -prom-env boot-args=client-hello $(HELLO_DISKS)
  expect_script_ok && expect_rc 0 && expect_booted $PHB0/scsi@1 &&
  expect_log "trying disk $PHB0/scsi@1 \(picked from the boot menu\)" || return 1
  TEST=${TEST}_untouched
  qemu_run 60 pseries -m 1G -boot menu=on -prom-env boot-args=client-hello $(HELLO_DISKS)
  expect_rc 0 && expect_log "Boot menu: type a number" && expect_booted $PHB0/scsi@0 && expect_within 30
}

# CI never sees a menu: -boot menu=on with ci-mode=on boots at once.
test_boot_menu_never_in_ci_mode() {
  qemu_run 60 pseries -m 1G -boot menu=on -prom-env ci-mode=on -prom-env boot-args=client-hello $(HELLO_DISKS)
  expect_rc 0 && expect_no_log "Boot menu" && expect_booted $PHB0/scsi@0 && expect_within 15
}

# Controllers Sluice has no driver for are named, one line each, and the
# fatal line counts them: a user can tell the disk they attached was seen.
test_devices_without_a_driver_are_named() {
  qemu_run 60 pseries -m 1G -prom-env ci-mode=on -device ich9-ahci,addr=1 -device megasas,addr=2 \
    -device usb-ehci,addr=3 -device virtio-balloon-pci,addr=4
  expect_rc nonzero && expect_within 30 &&
  expect_log "sluice: sata@1: 8086:2922 SATA controller, no driver; skipped\$" &&
  expect_log "sluice: [a-z-]*@2: 1000:0060 RAID controller, no driver; skipped\$" &&
  expect_log "sluice: [a-z-]*@3: 8086:24cd USB controller \(EHCI\), no driver; skipped\$" &&
  expect_log "sluice: [a-z-]*@4: 1af4:1002 virtio balloon device, no driver; skipped\$" &&
  expect_log "^SLUICE-FATAL: nothing to boot: no -kernel, and no bootable disk \(0 tried\) or network \(0 tried\); 4 devices without a driver\$"
}

# CI never waits on a client: GRUB on an installer CD whose kernel is
# damaged says so and waits for a key; in CI mode the VM ends once it has
# waited ci-input-wait seconds, with one line naming it. (Its menu's own
# countdown reads keys too, for less than that.)
test_ci_mode_ends_a_client_waiting_for_a_key() {
  qemu_run 120 pseries -m 1G -prom-env ci-mode=on -prom-env ci-input-wait=5 -cdrom "$B/cd-grub-badkernel.iso"
  expect_rc nonzero && expect_within 60 && expect_log "Press any key to continue" &&
  expect_log "SLUICE-FATAL: \\\\boot\\\\grub\\\\powerpc.elf from $VSCSI_CD waited 5 s for console input \(ci-input-wait, ci-mode=on\)\$"
}

# ci-boot-limit bounds power-on to the OS whatever waits: the prompt
# (auto-boot?=false, nobody typing), and GRUB waiting for a key outside CI
# mode.
test_ci_boot_limit_ends_a_boot_that_never_reaches_the_os() {
  qemu_run 60 pseries -m 1G -prom-env ci-mode=off -prom-env auto-boot?=false -prom-env ci-boot-limit=3
  expect_rc nonzero && expect_within 30 &&
  expect_log "^SLUICE-FATAL: no OS within 3 s of power-on \(ci-boot-limit=3\): still in the firmware\$" || return 1
  TEST=${TEST}_grub
  qemu_run 120 pseries -m 1G -prom-env ci-boot-limit=20 -cdrom "$B/cd-grub-badkernel.iso"
  expect_rc nonzero && expect_within 90 && expect_log "Press any key to continue" &&
  expect_log "^SLUICE-FATAL: no OS within 20 s of power-on \(ci-boot-limit=20\): still in \\\\boot\\\\grub\\\\powerpc.elf from $VSCSI_CD\$"
}
