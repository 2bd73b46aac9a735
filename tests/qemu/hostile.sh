# SPDX-License-Identifier: BSD-2-Clause
# Hostile networks: a scripted DHCP/TFTP server (tests/hostile-net.py) on
# the first NIC, QEMU's user networking with a good boot file on the second.
# In CI mode each misbehaviour must end the first attempt in bounded time
# with one clear line, and the second NIC must then boot.

HOSTILE_MAC=52:54:00:00:03:15
GOOD_MAC=52:54:00:12:34:57

# hostile_boot MODE LIMIT: the server in MODE, QEMU with both NICs; sets LOG,
# RC, SECS, and HLOG (what the server saw the client send).
hostile_boot() {
  mode=$1; limit=$2
  HLOG="$LOGS/$TEST.server"; : > "$HLOG"
  python3 "$TESTS/hostile-net.py" --mode "$mode" --root "${HROOT:-}" --log "$HLOG" > "$HLOG.ports" 2>&1 &
  hpid=$!
  for i in $(seq 50); do grep -q '^PORTS' "$HLOG.ports" && break; sleep 0.1; done
  set -- $(sed -n 's/^PORTS //p' "$HLOG.ports")
  if [ $# -ne 2 ]; then kill $hpid 2>/dev/null; RC=1; SECS=0; LOG="$HLOG.ports"; return; fi
  qemu_run "$limit" pseries -m 1G -prom-env ci-mode=on -prom-env boot-args=client-hello \
    -netdev socket,id=h0,udp=127.0.0.1:$1,localaddr=127.0.0.1:$2 \
    -device virtio-net-pci,netdev=h0,mac=$HOSTILE_MAC,disable-legacy=on,iommu_platform=on,bootindex=1 \
    -netdev user,id=n1,tftp="$B/tftp-client",bootfile=client.elf \
    -device virtio-net-pci,netdev=n1,mac=$GOOD_MAC,disable-legacy=on,bootindex=2
  kill $hpid 2>/dev/null; wait $hpid 2>/dev/null
}
# The first NIC failed with REASON, then the second booted.
expect_next_nic_boots() {
  expect_rc 0 && expect_log "trying network /pci@800000020000000/ethernet@0 \(bootindex\)" &&
  expect_log "^\[ *[0-9.]*\] sluice: network /pci@800000020000000/ethernet@0: $1" &&
  expect_log "^CLIENT-BOOTED: bootpath=/pci@800000020000000/ethernet@1:10.0.2.2,client.elf,10.0.2.15$" &&
  expect_no_log "^SLUICE-FATAL"
}
expect_server_got() {   # expect_server_got REGEX: the client sent it
  grep -aEq -- "$1" "$HLOG" || { echo "    the server never saw: $1"; return 1; }
}

test_hostile_stale_block_resends_end_in_seconds() {
  hostile_boot stale 90
  expect_next_nic_boots "TFTP server sent [0-9]+ packets but not block 2 of 'vmlinux'" &&
  expect_within 30 && expect_server_got "^TFTP ERROR 4 "
}

test_hostile_wrong_port_stream_gets_error_5() {
  hostile_boot wrong-port 90
  expect_next_nic_boots "TFTP server stopped answering on port [0-9]+ \(vmlinux, block 2\); [0-9]+ packets came from its port [0-9]+ instead \(told: error 5\)" &&
  expect_within 30 && expect_server_got "^TFTP ERROR 5 to port [0-9]+: unknown transfer ID"
}

test_hostile_strays_from_another_host_end_the_transfer() {
  hostile_boot strays 90
  expect_next_nic_boots "TFTP server sent 33 packets in a row that were not block 2 of 'vmlinux'" &&
  expect_within 30
}

test_hostile_stalled_server_times_out() {
  hostile_boot stall 90
  expect_next_nic_boots "TFTP server stopped answering \(vmlinux, block 1\)" && expect_within 30
}

test_hostile_oversized_block_gets_error_4() {
  hostile_boot oversized 90
  expect_next_nic_boots "TFTP server sent a 1124-byte block for 1024-byte blocks" &&
  expect_within 30 && expect_server_got "^TFTP ERROR 4 "
}

test_hostile_oack_with_huge_blocks_gets_error_8() {
  hostile_boot bad-oack 90
  expect_next_nic_boots "TFTP server chose 100000-byte blocks, more than asked" &&
  expect_within 30 && expect_server_got "^TFTP ERROR 8 "
}

test_hostile_endless_slow_file_ends_for_being_too_slow() {
  hostile_boot endless 90
  expect_next_nic_boots "TFTP transfer of 'vmlinux' too slow: [0-9]+ KiB in 1[0-9] s \(at least 64 KiB/s needed\)" &&
  expect_within 40
}

test_hostile_malformed_dhcp_flood_gets_one_line_and_a_count() {
  hostile_boot bad-dhcp 90
  expect_next_nic_boots "no DHCP offer after 4 tries" && expect_within 40 &&
  expect_log "ignored a DHCP reply: not a DHCP reply" &&
  expect_log "ignored [0-9]+ more malformed DHCP replies" &&
  n=$(grep -ac "ignored a DHCP reply" "$LOG") && [ "$n" -le 2 ] ||
    { echo "    ${n:-?} lines for malformed DHCP replies"; return 1; }
}

# The boot file name and the config it fetches carry CR, LF, ESC and a
# forged verdict: every line stays one line, escaped, and nothing forges
# SLUICE-FATAL or reaches the terminal raw.
test_hostile_control_characters_are_printed_escaped() {
  hostile_boot inject 90
  expect_next_nic_boots "kernel 'vmlinux' is not an ELF file" &&
  expect_log "boot file 'vmlinux\\\\x0d\\\\x0aSLUICE-FATAL: forged by the network\\\\x1b\[2J'" &&
  expect_log "pxelinux entry 'evil\\\\x1b\[31m'" &&
  expect_no_log "^SLUICE-FATAL" &&
  if grep -a "sluice:" "$LOG" | grep -aq "$(printf '\033')"; then echo "    a raw ESC in a firmware line"; return 1; fi
}

# A DHCP acknowledgement with odd options and no END still boots, and what
# the client finds in /chosen/bootp-response is made well-formed, said once.
test_hostile_odd_dhcp_options_boot_with_a_well_formed_response() {
  HROOT="$B/tftp-client" hostile_boot odd-ack 90
  expect_rc 0 &&
  expect_log "net ethernet@0: address 10.0.3.15, TFTP server 10.0.3.1, boot file 'client.elf'" &&
  [ "$(grep -ac "made well-formed for /chosen/bootp-response" "$LOG")" = 1 ] &&
  expect_log "^CLIENT-BOOTED: bootpath=/pci@800000020000000/ethernet@0:10.0.3.1,client.elf,10.0.3.15$" &&
  expect_no_log "^SLUICE-FATAL|sluice: error"
}

# DHCP names the TFTP server by host name (option 66) and gives a DNS
# server: a DNS A query finds it (through a CNAME, names compressed).
test_tftp_server_named_in_option_66_is_looked_up_with_dns() {
  HROOT="$B/tftp-client" hostile_boot dns-name 90
  expect_rc 0 &&
  expect_log "TFTP server 'boot.sluice.test' is 10.0.3.1 \(DNS\)" &&
  expect_server_got "DNS query boot.sluice.test" &&
  expect_log "^CLIENT-BOOTED: bootpath=/pci@800000020000000/ethernet@0:10.0.3.1,client.elf,10.0.3.15$"
}

# The same name and no DNS server: one line, and the DHCP server serves.
test_tftp_server_name_without_dns_gets_one_line() {
  HROOT="$B/tftp-client" hostile_boot name-no-dns 90
  expect_rc 0 &&
  expect_log "DHCP names the TFTP server 'boot.sluice.test' but no DNS server to look it up; using the DHCP server" &&
  expect_log "^CLIENT-BOOTED: bootpath=/pci@800000020000000/ethernet@0:10.0.3.1,client.elf,10.0.3.15$"
}

# PXELINUX's DHCP options: 210 (path prefix, given without its slash) and
# 209 (the config file), as SLOF honours them; the kernel the config names
# is not beside it, so it comes from the TFTP root.
test_pxelinux_dhcp_options_209_and_210() {
  HROOT="$B/tftp-client" hostile_boot pxe-options 90
  expect_rc 0 &&
  expect_log "pxelinux from DHCP: path prefix 'distro', config file 'custom.cfg'" &&
  expect_log "using distro/custom.cfg" &&
  expect_log "trying 'client.elf' at the TFTP root" &&
  expect_server_got "RRQ .distro/custom.cfg." &&
  expect_log "^CLIENT-BOOTED: bootpath=/pci@800000020000000/ethernet@0:"
}
