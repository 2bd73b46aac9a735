#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""A scripted, misbehaving IPv6 router, DHCPv6 and TFTP server for the
firmware's tests.

It speaks Ethernet frames with QEMU over `-netdev socket,udp=...`, as
hostile-net.py does over IPv4. As a router at fe80::aa:1 it advertises the
prefix fec1::/64 (addresses from it: SLAAC), answers neighbour
solicitations for its addresses, answers DHCPv6 information requests with
the boot file URL tftp://[fec1::1]/client.elf, and serves --root over TFTP
(512-byte blocks, no options) -- or misbehaves as --mode says:

  good        all of the above
  ra-absurd   router advertisements with absurd prefixes and lifetimes (a
              /0, a multicast prefix, a link-local one, lifetime 0,
              preferred longer than valid), 50 a second; no DHCPv6
  nd-flood    neighbour solicitations and advertisements for random
              addresses, 200 a second, and the good router otherwise, but
              no DHCPv6 answer
  dhcp6-junk  DHCPv6 answers too short, for another client's DUID, and with
              an option running past the message; never a good one
  chain       the DHCPv6 answer behind nine destination-options headers,
              and again as a fragment: neither is one to take
  url-control the boot file URL carries CR, LF, ESC and a forged
              SLUICE-FATAL line
  url-no-host the boot file URL is tftp:///client.elf

Usage: hostile-net6.py --mode MODE [--root DIR] [--log FILE]
It prints "PORTS <its port> <QEMU's port>" and serves until killed.
"""
import argparse
import os
import random
import struct
import time

from netlink import Link, checksum

ROUTER_MAC = bytes.fromhex("525400aa0001")
ROUTER_LL = bytes.fromhex("fe800000000000000000000000aa0001")
SERVER = bytes.fromhex("fec10000000000000000000000000001")
PREFIX = bytes.fromhex("fec10000000000000000000000000000")
ALL_NODES = bytes.fromhex("ff020000000000000000000000000001")
URLS = {"url-control": b"tftp://[fec1::1]/client.elf\r\nSLUICE-FATAL: forged by the network\x1b[2J",
        "url-no-host": b"tftp:///client.elf"}


def ip6(dst_mac, src, dst, next_header, payload, hop_limit=64, chain=b""):
    """An IPv6 frame; `chain`: extension headers before the payload (their
    first next-header byte set by the caller)."""
    hdr = struct.pack("!IHBB", 0x60000000, len(chain) + len(payload), 60 if chain else next_header, hop_limit)
    return dst_mac + ROUTER_MAC + b"\x86\xdd" + hdr + src + dst + chain + payload


def upper(src, dst, next_header, body):
    """body with its checksum (at bytes 2-3 for ICMPv6, 6-7 for UDP) filled in."""
    at = 2 if next_header == 58 else 6
    pseudo = src + dst + struct.pack("!IxxxB", len(body), next_header)
    csum = checksum(pseudo + body) or (0xFFFF if next_header == 17 else 0)
    return body[:at] + struct.pack("!H", csum) + body[at + 2:]


def icmp6(dst_mac, dst, body, src=ROUTER_LL):
    return ip6(dst_mac, src, dst, 58, upper(src, dst, 58, body), hop_limit=255)


def udp6(dst_mac, src, dst, sport, dport, payload, chain=b""):
    body = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload
    return ip6(dst_mac, src, dst, 17, upper(src, dst, 17, body), chain=chain)


def router_advert(prefix=PREFIX, length=64, flags=0xC0, valid=3600, preferred=1800):
    opt_sll = b"\x01\x01" + ROUTER_MAC
    opt_prefix = struct.pack("!BBBBIII16s", 3, 4, length, flags, valid, preferred, 0, prefix)
    return struct.pack("!BBHBBHII", 134, 0, 0, 64, 0, 1800, 0, 0) + opt_sll + opt_prefix


class Server(Link):
    def __init__(self, mode, root, log):
        super().__init__(log)
        self.mode, self.root = mode, root
        self.client_mac, self.client_ip = b"\xff" * 6, ALL_NODES
        self.tftp = None            # (client port, data, block)
        self.next_flood = 0.0

    def multicast_mac(self, ip):
        return b"\x33\x33" + ip[12:]

    def icmp(self, src, payload):
        kind = payload[0]
        if kind == 133 and self.mode not in ("ra-absurd",):           # router solicitation
            self.send(icmp6(self.multicast_mac(ALL_NODES), ALL_NODES, router_advert()))
        elif kind == 135 and payload[8:24] in (ROUTER_LL, SERVER) and src != bytes(16):
            na = struct.pack("!BBHI", 136, 0, 0, 0x60000000) + payload[8:24] + b"\x02\x01" + ROUTER_MAC
            self.send(icmp6(self.client_mac, src, na, src=payload[8:24]))

    def dhcp6(self, src, payload):
        self.note("DHCPv6 %d" % payload[0])
        options, off = {}, 4
        while off + 4 <= len(payload):
            code, length = struct.unpack("!HH", payload[off:off + 4])
            options[code] = payload[off + 4:off + 4 + length]
            off += 4 + length
        client_id = options.get(1, b"")
        head = bytes([7]) + payload[1:4]
        opt = lambda code, data: struct.pack("!HH", code, len(data)) + data
        server_id = opt(2, struct.pack("!HH", 3, 1) + ROUTER_MAC)
        url = URLS.get(self.mode, b"tftp://[fec1::1]/client.elf")
        good = head + opt(1, client_id) + server_id + opt(59, url)
        if self.mode in ("ra-absurd", "nd-flood"):
            return
        if self.mode == "dhcp6-junk":
            other = bytearray(client_id)
            if other:
                other[-1] ^= 1
            for junk in (head[:3], head + opt(1, bytes(other)) + server_id + opt(59, url),
                         head + opt(1, client_id) + struct.pack("!HH", 59, 400) + b"x"):
                self.send(udp6(self.client_mac, SERVER, src, 547, 546, junk))
            return
        if self.mode == "chain":
            chain = b""
            for i in range(9):
                chain += bytes([60 if i < 8 else 17, 0, 1, 4, 0, 0, 0, 0])
            self.send(udp6(self.client_mac, SERVER, src, 547, 546, good, chain=chain))
            frag = bytes([17, 0, 0, 1, 0, 0, 0, 7])                 # a first fragment
            frame = bytearray(udp6(self.client_mac, SERVER, src, 547, 546, good, chain=frag))
            frame[14 + 6] = 44
            self.send(bytes(frame))
            return
        self.send(udp6(self.client_mac, SERVER, src, 547, 546, good))

    def tftp_packet(self, src, sport, payload):
        op = struct.unpack("!H", payload[:2])[0]
        if op == 1:
            name = payload[2:].split(b"\0")[0].decode(errors="replace")
            self.note("RRQ %s" % name)
            path = os.path.join(self.root or ".", os.path.basename(name))
            data = open(path, "rb").read() if os.path.isfile(path) else None
            if data is None:
                err = struct.pack("!HH", 5, 1) + b"File not found\0"
                self.send(udp6(self.client_mac, SERVER, src, 69, sport, err))
                return
            self.tftp = (sport, data, 1)
            self.tftp_send(src)
        elif op == 4 and self.tftp:
            block = struct.unpack("!H", payload[2:4])[0]
            port, data, current = self.tftp
            if block == current and (current - 1) * 512 <= len(data):
                self.tftp = (port, data, current + 1)
                if (current) * 512 <= len(data):
                    self.tftp_send(src)

    def tftp_send(self, dst):
        port, data, block = self.tftp
        chunk = data[(block - 1) * 512:block * 512]
        self.send(udp6(self.client_mac, SERVER, dst, 40000, port, struct.pack("!HH", 3, block & 0xFFFF) + chunk))

    def receive(self, frame):
        if len(frame) < 54 or frame[12:14] != b"\x86\xdd":
            return
        self.client_mac = frame[6:12]
        src, nh = frame[22:38], frame[20]
        body = frame[54:54 + struct.unpack("!H", frame[18:20])[0]]
        if nh == 58:
            self.icmp(src, body)
        elif nh == 17 and len(body) >= 8:
            sport, dport = struct.unpack("!HH", body[:4])
            if dport == 547:
                self.dhcp6(src, body[8:])
            elif dport in (69, 40000):
                self.tftp_packet(src, sport, body[8:])

    def misbehave(self):
        now = time.time()
        if now < self.next_flood:
            return
        if self.mode == "ra-absurd":
            self.next_flood = now + 0.02
            bad = random.choice([dict(length=0), dict(prefix=bytes.fromhex("ff02" + "00" * 14)),
                                 dict(prefix=bytes.fromhex("fe80" + "00" * 14)), dict(valid=0, preferred=0),
                                 dict(preferred=7200, valid=60)])
            self.send(icmp6(self.multicast_mac(ALL_NODES), ALL_NODES, router_advert(**bad)))
        elif self.mode == "nd-flood":
            self.next_flood = now + 0.005
            target = PREFIX[:8] + os.urandom(8)
            if random.random() < 0.5:
                body = struct.pack("!BBHI", 136, 0, 0, 0x20000000) + target + b"\x02\x01" + os.urandom(6)
            else:
                body = struct.pack("!BBHI", 135, 0, 0, 0) + target + b"\x01\x01" + ROUTER_MAC
            self.send(icmp6(self.multicast_mac(ALL_NODES), ALL_NODES, body))

    def run(self):
        self.serve(0.002, self.receive, self.misbehave)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--mode", required=True)
    p.add_argument("--root")
    p.add_argument("--log")
    a = p.parse_args()
    Server(a.mode, a.root, a.log).run()


main()
