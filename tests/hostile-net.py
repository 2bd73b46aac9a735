#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""A scripted, misbehaving DHCP and TFTP server for the firmware's tests.

It speaks Ethernet frames with QEMU over `-netdev socket,udp=...`: each UDP
datagram on 127.0.0.1 is one frame. It answers ARP and DHCP as a server at
10.0.3.1 would, naming the boot file "vmlinux" (200 KiB of pattern unless
--root has one), then serves TFTP the way --mode says:

  good         serve files from --root (blksize and tsize honoured)
  stale        block 1, then block 1 again every 0.3 s, never block 2
  wrong-port   block 1, then packets from another port every 0.3 s
  strays       block 1, then UDP from another host to the client every 0.05 s
  stall        the OACK, then silence
  oversized    1024-byte blocks agreed, then a block of 1124 bytes
  bad-oack     an OACK choosing 100000-byte blocks
  endless      no tsize, and a new block every 0.5 s, forever
  bad-dhcp     DHCP replies without their magic cookie, 20 a second, nothing else
  inject       a boot file name and a pxelinux config carrying CR, LF, ESC and
               a forged SLUICE-FATAL line
  dns-name     DHCP with no server address, option 66 naming the server
               "boot.sluice.test" and option 6 naming itself as DNS server;
               it answers the A query (a CNAME first, names compressed),
               then serves --root as in "good"; boot file "client.elf"
  name-no-dns  the same name in option 66 and no DNS server
  pxe-options  no boot file; PXELINUX's option 210 (path prefix "distro",
               no slash) and 209 (config "custom.cfg"); it serves that config
               (kernel client.elf, only at --root's top) and --root
  odd-ack      DHCP replies with unknown and empty options, an option 66 of
               control characters and no END option; boot file "client.elf",
               then served from --root as in "good"

Usage: hostile-net.py --mode MODE [--root DIR] [--log FILE]
It prints "PORTS <its port> <QEMU's port>" and serves until killed. What the
client sent that a test may check (TFTP errors, DHCP messages) goes to --log.
"""
import argparse
import os
import struct
import sys
import time

from netlink import Link, checksum

SERVER_IP, CLIENT_IP = bytes([10, 0, 3, 1]), bytes([10, 0, 3, 15])
SERVER_MAC = bytes.fromhex("525400aa0001")
STRANGER_IP = bytes([10, 0, 3, 99])
INJECTED = "vmlinux\r\nSLUICE-FATAL: forged by the network\x1b[2J"
DNS_NAME = b"boot.sluice.test"


def udp_frame(dst_mac, src_ip, dst_ip, sport, dport, payload):
    udp_len = 8 + len(payload)
    pseudo = src_ip + dst_ip + struct.pack("!BBH", 0, 17, udp_len)
    udp = struct.pack("!HHHH", sport, dport, udp_len, 0) + payload
    csum = checksum(pseudo + udp) or 0xFFFF
    udp = udp[:6] + struct.pack("!H", csum) + udp[8:]
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + udp_len, 0, 0, 64, 17, 0, src_ip, dst_ip)
    ip = ip[:10] + struct.pack("!H", checksum(ip)) + ip[12:]
    return dst_mac + SERVER_MAC + b"\x08\x00" + ip + udp


class Server(Link):
    def __init__(self, mode, root, log):
        super().__init__(log)
        self.mode, self.root = mode, root
        self.client_mac = b"\xff" * 6
        self.xfer = None          # (client port, our port, data, blksize, next block to send)
        self.next_tick = None
        self.next_flood = 0.0

    def send_udp(self, sport, dport, payload, src_ip=SERVER_IP):
        self.send(udp_frame(self.client_mac, src_ip, CLIENT_IP, sport, dport, payload))

    # ---- ARP and DHCP -------------------------------------------------
    def on_arp(self, f):
        op, sha, spa, tpa = struct.unpack("!6xH6s4s6x4s", f[14:42])
        if op == 1 and tpa == SERVER_IP:
            reply = struct.pack("!HHBBH6s4s6s4s", 1, 0x0800, 6, 4, 2, SERVER_MAC, SERVER_IP, sha, spa)
            self.send(sha + SERVER_MAC + b"\x08\x06" + reply)

    def dhcp_reply(self, req, kind):
        xid, chaddr = req[4:8], req[28:44]
        named = self.mode in ("dns-name", "name-no-dns")
        bootfile = INJECTED if self.mode == "inject" else "client.elf" if named or self.mode == "odd-ack" else "vmlinux"
        if self.mode == "pxe-options":
            bootfile = ""
        siaddr = b"\0" * 4 if named else SERVER_IP
        msg = struct.pack("!BBBB4sHH4s4s4s4s16s64s128s", 2, 1, 6, 0, xid, 0, 0, b"\0" * 4,
                          CLIENT_IP, siaddr, b"\0" * 4, chaddr, b"", bootfile.encode("latin-1"))
        opts = bytes([53, 1, kind, 54, 4]) + SERVER_IP + bytes([1, 4, 255, 255, 255, 0, 51, 4, 0, 0, 14, 16])
        if self.mode == "inject":
            opts += bytes([67, len(INJECTED)]) + INJECTED.encode("latin-1")
        if named:
            opts += bytes([66, len(DNS_NAME)]) + DNS_NAME
        if self.mode == "dns-name":
            opts += bytes([6, 4]) + SERVER_IP
        if self.mode == "pxe-options":
            opts += bytes([210, 6]) + b"distro" + bytes([209, 10]) + b"custom.cfg"
        cookie = b"\0\0\0\0" if self.mode == "bad-dhcp" else b"\x63\x82\x53\x63"
        if self.mode == "odd-ack":     # options a parser may trip on, and no END
            return msg + cookie + opts + bytes([224, 0, 0, 0, 250, 3, 1, 2, 3, 66, 4]) + b"\x1b\r\n\0"
        return msg + cookie + opts + b"\xff"

    def on_dhcp(self, payload):
        if len(payload) < 240 or payload[0] != 1:
            return
        opts, kind = payload[240:], None
        i = 0
        while i + 1 < len(opts) and opts[i] != 255:
            if opts[i] == 53:
                kind = opts[i + 2]
            i += 2 + opts[i + 1] if opts[i] else 1
        self.note("DHCP %s" % {1: "DISCOVER", 3: "REQUEST"}.get(kind, kind))
        if kind in (1, 3):
            self.send_udp(67, 68, self.dhcp_reply(payload, 2 if kind == 1 else 5))

    def on_dns(self, sport, q):
        """An A query: answered with a CNAME to "srv" under the asked name,
        then its A record, both names as pointers into the question."""
        if len(q) < 17:
            return
        end = 12
        while end < len(q) and q[end]:
            end += 1 + q[end]
        qname = q[12:end + 1]
        self.note("DNS query %s" % ".".join(
            qname[i + 1:i + 1 + qname[i]].decode("latin-1") for i in self.labels(qname)))
        question = qname + q[end + 1:end + 5]
        cname = b"\x03srv\xc0\x0c"
        reply = q[:2] + b"\x81\x80" + struct.pack("!HHHH", 1, 2, 0, 0) + question
        reply += b"\xc0\x0c" + struct.pack("!HHIH", 5, 1, 60, len(cname)) + cname
        reply += struct.pack("!H", 0xC000 | (12 + len(question) + 12)) + struct.pack("!HHIH", 1, 1, 60, 4) + SERVER_IP
        self.send_udp(53, sport, reply)

    @staticmethod
    def labels(name):
        i = 0
        while i < len(name) and name[i]:
            yield i
            i += 1 + name[i]

    # ---- TFTP -----------------------------------------------------------
    def file_for(self, name):
        if self.mode == "inject":
            return ("default evil\r\nlabel evil\x1b[31m\n  kernel %s\n  append x\rSLUICE-FATAL: forged\n"
                    % INJECTED).encode("latin-1")
        if self.mode == "pxe-options" and name == "distro/custom.cfg":
            return b"default c\nlabel c\n  kernel client.elf\n  append client-hello\n"
        if not self.root:                      # what the streams start from
            return bytes(range(256)) * 800 if name == "vmlinux" else None
        path = os.path.join(self.root, name.lstrip("/"))
        try:
            with open(path, "rb") as f:
                return f.read()
        except OSError:
            return None

    def on_rrq(self, sport, payload):
        parts = payload[2:].split(b"\0")
        name, opts = parts[0].decode("latin-1"), parts[2:-1]
        self.note("TFTP RRQ %r" % name)
        asked = {opts[i].decode().lower(): opts[i + 1].decode() for i in range(0, len(opts) - 1, 2)}
        data = self.file_for(name)
        if data is None:
            self.send_udp(69, sport, b"\0\5\0\1File not found\0")
            return
        blksize = int(asked.get("blksize", 512))
        if self.mode == "oversized":
            blksize = min(blksize, 1024)        # a server may choose fewer
        tport = 40000 + (sport % 1000)
        self.xfer = [sport, tport, data, blksize, 1]
        oack = b"\0\6"
        if self.mode == "bad-oack":
            oack += b"blksize\x00100000\x00"
        elif "blksize" in asked:
            oack += b"blksize\0%d\0" % blksize
        if "tsize" in asked and self.mode != "endless":
            oack += b"tsize\0%d\0" % len(data)
        self.send_udp(tport, sport, oack)

    def block(self, n):
        sport, tport, data, blksize, _ = self.xfer
        if self.mode == "endless":
            return struct.pack("!HH", 3, n & 0xFFFF) + bytes(blksize)
        chunk = data[(n - 1) * blksize:n * blksize]
        if self.mode == "oversized" and n == 2:
            chunk += bytes(100)                 # still inside one Ethernet frame
        return struct.pack("!HH", 3, n & 0xFFFF) + chunk

    def on_tftp(self, sport, dport, payload):
        op = struct.unpack("!H", payload[:2])[0]
        if op == 5:
            code = struct.unpack("!H", payload[2:4])[0]
            self.note("TFTP ERROR %d to port %d: %s" % (code, dport, payload[4:-1].decode("latin-1")))
            return
        if op != 4 or not self.xfer or dport != self.xfer[1]:
            return
        acked = struct.unpack("!H", payload[2:4])[0]
        if self.mode == "stall":
            return
        if acked == 0 or self.mode in ("good", "oversized", "inject", "odd-ack", "dns-name", "name-no-dns", "pxe-options"):
            if acked == 0 or (acked - 1) * self.xfer[3] < len(self.xfer[2]):
                self.send_udp(self.xfer[1], self.xfer[0], self.block(acked + 1))
            if acked == 0 and self.mode in ("stale", "wrong-port", "strays", "endless"):
                self.next_tick = time.monotonic() + (0.5 if self.mode == "endless" else 0.3)

    def tick(self):
        """The streams that never end, one packet per tick."""
        if not self.xfer or self.next_tick is None or time.monotonic() < self.next_tick:
            return
        sport, tport = self.xfer[0], self.xfer[1]
        if self.mode == "stale":
            self.send_udp(tport, sport, self.block(1))
            self.next_tick += 0.3
        elif self.mode == "wrong-port":
            self.send_udp(tport + 1, sport, self.block(2))
            self.next_tick += 0.3
        elif self.mode == "strays":
            self.send_udp(tport, sport, self.block(2), src_ip=STRANGER_IP)
            self.next_tick += 0.05
        elif self.mode == "endless":
            self.xfer[4] += 1
            self.send_udp(tport, sport, self.block(self.xfer[4]))
            self.next_tick += 0.5

    def on_frame(self, f):
        if len(f) < 14:
            return
        if f[12:14] == b"\x08\x06" and len(f) >= 42:
            self.on_arp(f)
            return
        if f[12:14] != b"\x08\x00" or len(f) < 42 or f[23] != 17:
            return
        self.client_mac = f[6:12]
        ihl = (f[14] & 15) * 4
        sport, dport, ulen = struct.unpack("!HHH", f[14 + ihl:20 + ihl])
        payload = f[22 + ihl:14 + ihl + ulen]
        if dport == 67:
            self.on_dhcp(payload)
        elif dport == 53 and f[30:34] == SERVER_IP and self.mode == "dns-name":
            self.on_dns(sport, payload)
        elif f[30:34] == SERVER_IP and dport == 69 and payload[:2] == b"\0\1":
            self.on_rrq(sport, payload)
        elif f[30:34] == SERVER_IP:
            self.on_tftp(sport, dport, payload)

    def idle(self):
        self.tick()
        if self.mode == "bad-dhcp" and time.monotonic() > self.next_flood and self.client_mac != b"\xff" * 6:
            self.send_udp(67, 68, self.dhcp_reply(bytes(240), 2))
            self.next_flood = time.monotonic() + 0.05


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--mode", required=True)
    p.add_argument("--root")
    p.add_argument("--log", default=os.devnull)
    a = p.parse_args()
    s = Server(a.mode, a.root, a.log)
    s.serve(0.01, s.on_frame, s.idle)


if __name__ == "__main__":
    sys.exit(main())
