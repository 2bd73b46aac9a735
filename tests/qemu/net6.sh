# SPDX-License-Identifier: BSD-2-Clause
# Network boot over IPv6 (as SLOF does it): QEMU's user network with IPv4
# off answers router solicitations (prefix fec0::/64), DHCPv6 information
# requests (the boot file URL) and TFTP over IPv6. Every NIC driver; a
# plain network boot falls back to IPv6 when DHCPv4 is silent; SLOF's
# "ipv6" arguments; secure mode; hostile IPv6 networks (tests/hostile-net6.py).

NET6_CLIENT_ADDR=fec0::5054:ff:fe12:3456
# user6 [options...]: QEMU's user network, IPv6 only, serving the test client.
user6() { echo "user,id=n0,ipv4=off,ipv6=on,tftp=$B/tftp-client,bootfile=client.elf${1:+,$1}"; }
expect_booted6() {   # expect_booted6 NIC-PATH: booted the client over IPv6 from QEMU's server
  expect_log "net [a-z@0-9-]*: address $NET6_CLIENT_ADDR, TFTP server fec0::2, boot file 'client.elf'\$" &&
  expect_log "^CLIENT-BOOTED: bootpath=$1:ipv6,fec0::2,client.elf,$NET6_CLIENT_ADDR\$" &&
  expect_no_log "sluice: error|SLUICE-FATAL"
}

# No setting, no argument: DHCPv4 gets no answer where a router
# advertised, and the boot goes on over IPv6 within seconds.
test_ipv6_only_network_boots_with_no_setting() {
  qemu_run 60 pseries -m 1G -prom-env boot-args=client-hello -netdev "$(user6)" \
    -device virtio-net-pci,netdev=n0,disable-legacy=on,iommu_platform=on
  expect_rc 0 && expect_within 30 &&
  expect_log "net ethernet@0: no DHCP offer after 2 tries, and an IPv6 router answered; trying IPv6\$" &&
  expect_booted6 /pci@800000020000000/ethernet@0
}

# spapr-vlan (-nic, the default pseries NIC) and e1000, network-mode=ipv6.
test_ipv6_boot_on_spapr_vlan_and_e1000() {
  qemu_run 60 pseries -m 1G -prom-env boot-args=client-hello -prom-env network-mode=ipv6 \
    -nic "user,ipv4=off,ipv6=on,tftp=$B/tftp-client,bootfile=client.elf"
  expect_rc 0 && expect_booted6 /vdevice/l-lan@71000002 || return 1
  TEST=${TEST}_e1000
  qemu_run 60 pseries -m 1G -prom-env boot-args=client-hello -prom-env network-mode=ipv6 \
    -netdev "$(user6)" -device e1000,netdev=n0
  expect_rc 0 && expect_booted6 /pci@800000020000000/ethernet@0
}

# Both families on the network: IPv4 first by default; SLOF's
# net:ipv6 argument, or network-mode=ipv6, takes IPv6.
test_dual_stack_prefers_ipv4_unless_told() {
  # Both named: QEMU turns off the family not named when only one is.
  DUAL="user,id=n0,ipv4=on,ipv6=on,tftp=$B/tftp-client,bootfile=client.elf"
  qemu_run 60 pseries -m 1G -prom-env boot-args=client-hello -netdev "$DUAL" -device virtio-net-pci,netdev=n0
  expect_rc 0 && expect_log "^CLIENT-BOOTED: bootpath=/pci@800000020000000/ethernet@0:10.0.2.2,client.elf,10.0.2.15\$" ||
    return 1
  TEST=${TEST}_argument
  qemu_run 60 pseries -m 1G -prom-env boot-args=client-hello -prom-env boot-device=net:ipv6 \
    -netdev "$DUAL" -device virtio-net-pci,netdev=n0
  expect_rc 0 && expect_no_log "DHCP offer" && expect_booted6 /pci@800000020000000/ethernet@0 || return 1
  TEST=${TEST%_argument}_setting
  qemu_run 60 pseries -m 1G -prom-env boot-args=client-hello -prom-env network-mode=ipv6 \
    -netdev "$DUAL" -device virtio-net-pci,netdev=n0
  expect_rc 0 && expect_booted6 /pci@800000020000000/ethernet@0
}

# SLOF's full IPv6 arguments: server, file and address given, no DHCPv6.
test_ipv6_arguments_name_server_file_and_address() {
  qemu_run 60 pseries -m 1G -prom-env boot-args=client-hello \
    -prom-env "boot-device=net:ipv6,fec0::2,client.elf,fec0::99" -netdev "$(user6 bootfile=nothere)" \
    -device virtio-net-pci,netdev=n0
  expect_rc 0 && expect_log "IPv6 address, server and file from the boot arguments; no DHCPv6\$" &&
  expect_log "^CLIENT-BOOTED: bootpath=/pci@800000020000000/ethernet@0:ipv6,fec0::2,client.elf,fec0::99\$"
}

# Linux and its initramfs by pxelinux over IPv6, the NIC behind the IOMMU;
# Linux then finds its own way (the firmware's TCEs all cleared). QEMU,
# given no bootfile=, sends the URL tftp://[fec0::2]/(null).
test_pxelinux_over_ipv6_boots_linux() {
  qemu_run 120 pseries -m 1G -netdev "user,id=n0,ipv4=off,ipv6=on,tftp=$B/tftp-pxe" \
    -device virtio-net-pci,netdev=n0,disable-legacy=on,iommu_platform=on -prom-env network-mode=ipv6 \
    $(TRACE_ARGS)
  expect_rc 0 && expect_log "the boot file URL names no file \('\(null\)'\): taken as none\$" &&
  expect_log "TFTP server fec0::2, boot file ''\$" &&
  expect_log "using pxelinux.cfg/" && expect_log "^SLUICE-TEST-INIT: reached" &&
  expect_tces_cleared
}

# Secure from the start: the same boot over IPv6 through bounce buffers.
test_ipv6_boot_in_secure_mode() {
  FW=$UVSIM
  qemu_run 60 pseries -m 1G -prom-env boot-args=client-hello -prom-env secure-mode=on \
    -prom-env network-mode=ipv6 -netdev "$(user6)" \
    -device virtio-net-pci,netdev=n0,disable-legacy=on,iommu_platform=on $UV_TRACE -D "$LOGS/$TEST.trace"
  expect_rc 0 && expect_booted6 /pci@800000020000000/ethernet@0 && expect_no_log "UVSIM-MISUSE" &&
  expect_uv_clean
}

# A hostile IPv6 network on the first NIC, QEMU's on the second: in CI
# mode the first attempt ends in bounded time with one line, the second
# boots.
HOSTILE6_MAC=52:54:00:00:03:15
hostile6_boot() {   # hostile6_boot MODE LIMIT
  HLOG="$LOGS/$TEST.server"; : > "$HLOG"
  python3 "$TESTS/hostile-net6.py" --mode "$1" --root "$B/tftp-client" --log "$HLOG" > "$HLOG.ports" 2>&1 &
  hpid=$!
  for i in $(seq 50); do grep -q '^PORTS' "$HLOG.ports" && break; sleep 0.1; done
  set -- $(sed -n 's/^PORTS //p' "$HLOG.ports") "$2"
  if [ $# -ne 3 ]; then kill $hpid 2>/dev/null; RC=1; SECS=0; LOG="$HLOG.ports"; return; fi
  qemu_run "$3" pseries -m 1G -prom-env ci-mode=on -prom-env boot-args=client-hello -prom-env network-mode=ipv6 \
    -netdev socket,id=h0,udp=127.0.0.1:$1,localaddr=127.0.0.1:$2 \
    -device virtio-net-pci,netdev=h0,mac=$HOSTILE6_MAC,bootindex=1 \
    -netdev "$(user6 | sed 's/id=n0/id=n1/')" -device virtio-net-pci,netdev=n1,bootindex=2
  kill $hpid 2>/dev/null; wait $hpid 2>/dev/null
}
expect_next_nic_boots6() {   # expect_next_nic_boots6 REASON
  expect_rc 0 && expect_log "^\[ *[0-9.]*\] sluice: network /pci@800000020000000/ethernet@0: $1" &&
  expect_log "^CLIENT-BOOTED: bootpath=/pci@800000020000000/ethernet@1:ipv6,fec0::2,client.elf,$NET6_CLIENT_ADDR\$" &&
  expect_no_log "^SLUICE-FATAL"
}

test_hostile_ipv6_good_server_boots() {
  hostile6_boot good 60
  expect_rc 0 && expect_log "^CLIENT-BOOTED: bootpath=/pci@800000020000000/ethernet@0:ipv6,fec1::1,client.elf,fec1::5054:ff:fe00:315\$"
}

test_hostile_ipv6_absurd_router_advertisements() {
  hostile6_boot ra-absurd 60
  expect_within 40 && expect_log "sluice: ignored a router advertisement: " &&
  expect_log "sluice: ignored [0-9]+ more router advertisements\$" &&
  expect_next_nic_boots6 "no DHCPv6 server advertised itself after 3 tries\$"
}

test_hostile_ipv6_neighbour_discovery_flood() {
  hostile6_boot nd-flood 60
  expect_within 40 && expect_next_nic_boots6 "no DHCPv6 reply to an information request after 3 tries\$"
}

test_hostile_ipv6_dhcp6_junk_and_other_clients() {
  hostile6_boot dhcp6-junk 60
  expect_within 40 && expect_log "sluice: ignored a DHCPv6 answer: " &&
  expect_next_nic_boots6 "no DHCPv6 reply to an information request after 3 tries\$"
}

test_hostile_ipv6_extension_chains_and_fragments() {
  hostile6_boot chain 60
  expect_within 40 && expect_next_nic_boots6 "no DHCPv6 reply to an information request after 3 tries\$"
}

test_hostile_ipv6_boot_file_urls() {
  hostile6_boot url-control 60
  expect_within 40 &&
  expect_next_nic_boots6 "a boot file URL with control characters: 'tftp://\[fec1::1\]/client.elf\\\\x0d\\\\x0aSLUICE-FATAL: forged by the network\\\\x1b\[2J'\$" ||
    return 1
  TEST=${TEST}_no_host
  hostile6_boot url-no-host 60
  expect_within 40 && expect_next_nic_boots6 "a boot file URL without a usable host: 'tftp:///client.elf'\$"
}
