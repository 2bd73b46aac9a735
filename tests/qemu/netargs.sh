# SPDX-License-Identifier: BSD-2-Clause
# A network device's boot arguments as SLOF users write them
# (net:SERVER,FILE,CLIENT), at the prompt and in the boot-device setting.

TFTP_NET="$B/tftp-net"
VLAN=/vdevice/l-lan@71000002

# Server, file and client named: no DHCP at all (SLOF's rule). The file is a
# bare kernel, booted without an initrd: Linux stops at mounting its root.
test_prompt_boot_net_server_file_client() {
  script='expect sluice> $
send boot net:10.0.2.2,vmlinux-elsewhere,10.0.2.15
expect quiesce: the OS owns the machine now'
  console_session 120 "$script" pseries -m 1G -prom-env "auto-boot?=false" \
    -nic user,tftp="$TFTP_NET"
  expect_script_ok &&
  expect_log "trying network $VLAN:10.0.2.2,vmlinux-elsewhere,10.0.2.15 \(asked for\)" &&
  expect_log "net l-lan@71000002: address, server and file from the boot arguments; no DHCP" &&
  expect_log "net l-lan@71000002: address 10.0.2.15, TFTP server 10.0.2.2, boot file 'vmlinux-elsewhere'" &&
  expect_log "booting l-lan@71000002: 64-bit little-endian kernel" &&
  expect_log "Unable to mount root fs" && expect_no_log "SLUICE-FATAL|sluice: error"
}

# Arguments that make no sense get one line; the prompt is still there.
test_prompt_boot_net_with_nonsense_arguments() {
  script='expect sluice> $
send boot net:10.0.2.2,vmlinux,10.0.2.300
expect error: .*cannot read the boot arguments .10.0.2.2,vmlinux,10.0.2.300. at .10.0.2.300.
expect sluice> $
send boot net:ipv6,fe80::1,vmlinux,fe80:::5
expect error: .*cannot read the boot arguments .ipv6,fe80::1,vmlinux,fe80:::5. at .fe80:::5. .ipv6,server,file,client
expect sluice> $
send poweroff'
  console_session 60 "$script" pseries -m 1G -prom-env "auto-boot?=false" -nic user,tftp="$TFTP_NET"
  expect_script_ok && expect_rc 0 && expect_no_log "SLUICE-FATAL"
}

# In the boot-device setting: the server and file given, the address from
# DHCP; the lease still reaches /chosen/bootp-response.
test_boot_device_setting_with_net_arguments() {
  qemu_run 120 pseries -m 1G -prom-env boot-device=net:10.0.2.2,vmlinux-elsewhere -nic user,tftp="$TFTP_NET"
  expect_log "boot order: $VLAN \(boot-device\)" &&
  expect_log "trying network $VLAN:10.0.2.2,vmlinux-elsewhere \(boot-device\)" &&
  expect_log "boot arguments: fetching 'vmlinux-elsewhere' instead of ''" &&
  expect_log "booting l-lan@71000002: 64-bit little-endian kernel" &&
  expect_log "Unable to mount root fs" && expect_no_log "SLUICE-FATAL|sluice: error"
}

# PXELINUX's path prefix: the boot file's directory holds the configs, and
# the names in them are relative to it; a name not there comes from the
# TFTP root, as before.
test_pxelinux_prefix_is_the_boot_files_directory() {
  qemu_run 240 pseries -m 1G -nic user,tftp="$B/tftp-prefix",bootfile=distro/pxelinux.0
  expect_rc 0 &&
  expect_log "'distro/pxelinux.0' is not a pxelinux config either; looking for configs beside it" &&
  expect_log "using distro/pxelinux.cfg/default" &&
  expect_log "tftp distro/vmlinux: 4[0-9]\.[0-9] MB done" &&
  expect_log "TFTP error 1 for 'distro/initrd-test.gz': File not found; trying 'initrd-test.gz' at the TFTP root" &&
  expect_log "SLUICE-TEST-CMDLINE: console=hvc0 sluice.check=net sluice.route=pxelinux-prefix" &&
  expect_no_log "SLUICE-FATAL|sluice: error"
}
