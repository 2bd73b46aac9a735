#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Seeds for the fuzz targets that take scripts rather than formats:
fuzz-tftp-client (a server's packets, with delays and sources) and
fuzz-client (client memory holding a client-interface call).
Usage: gen-seeds.py SEEDS-DIR (make-seeds.sh runs it)."""
import os
import struct
import sys

CLIENT_BASE = 0x10000000


def tftp_client(d):
    def pkt(delay, src, payload):
        return bytes([delay, src]) + struct.pack("<H", len(payload)) + payload

    def data(n, b):
        return struct.pack("!HH", 3, n) + b

    seeds = {
        "good": pkt(1, 0, b"\0\6blksize\x00512\x00tsize\x001300\x00") + pkt(1, 0, data(1, bytes(512)))
                + pkt(1, 0, data(2, bytes(512))) + pkt(1, 0, data(3, bytes(276))),
        "no-options": pkt(1, 0, data(1, bytes(512))) + pkt(1, 0, data(2, bytes(10))),
        "stale": pkt(1, 0, b"\0\6blksize\x00512\x00") + pkt(1, 0, data(1, bytes(512)))
                 + b"".join(pkt(15, 0, data(1, bytes(512))) for _ in range(40)),
        "strangers": pkt(1, 0, data(1, bytes(512))) + b"".join(pkt(15, 1, data(2, bytes(512))) for _ in range(30)),
        "error": pkt(1, 0, b"\0\5\0\1File not found\0"),
    }
    for name, blob in seeds.items():
        open(os.path.join(d, "fuzz-tftp-client", name), "wb").write(blob)


def client(d):
    def seed(name, service, args, nret):
        mem = bytearray(0x800)
        strings = [0x400]

        def put(s):
            at = strings[0]
            mem[at:at + len(s) + 1] = s.encode() + b"\0"
            strings[0] += len(s) + 1
            return CLIENT_BASE + at
        cells = [put(a) if isinstance(a, str) else a for a in args]
        blk = struct.pack(">III", put(service), len(cells), nret) + b"".join(struct.pack(">I", c) for c in cells)
        mem[0x100:0x100 + len(blk) + 4 * nret] = blk + bytes(4 * nret)
        open(os.path.join(d, "fuzz-client", name), "wb").write(struct.pack("<I", 0x100) + bytes(mem))
    seed("finddevice", "finddevice", ["/chosen"], 1)
    seed("getprop", "getprop", [0, "bootargs", CLIENT_BASE + 0x600, 64], 1)
    seed("open-write", "open", ["hvterm"], 1)
    seed("interpret", "interpret", ["output-device output"], 1)
    seed("claim", "claim", [0x1000000, 0x10000, 0], 1)
    seed("call-method", "call-method", ["twice", 0x7e000000, 21], 2)
    seed("nextprop", "nextprop", [1, "", CLIENT_BASE + 0x600], 1)
    seed("setprop", "setprop", [1, "x", CLIENT_BASE + 0x600, 8], 1)
    seed("package-to-path", "package-to-path", [1, CLIENT_BASE + 0x600, 64], 1)
    seed("exit", "exit", [], 0)


def tpm(d):
    """A TPM that answers as it should (the header made to agree), one
    that stops answering, and one whose extend is refused."""
    def ok(tag_sessions, params=b""):
        body = bytes(8) + bytes([0, 0]) + params        # header (fixed up), rc 0, parameters
        return bytes([1 if tag_sessions else 0]) + struct.pack("!H", len(body)) + body

    def err(rc):
        body = bytes(6) + struct.pack("!I", rc)
        return bytes([0]) + struct.pack("!H", len(body)) + body

    banks = b"".join(struct.pack("!HB", alg, 3) + b"\xff\xff\xff" for alg in (4, 11, 12, 13))
    caps = b"\0" + struct.pack("!II", 5, 4) + banks
    good = [ok(False), ok(False, caps)] + [ok(True, bytes(9))] * 12 + \
           [ok(False, struct.pack("!H", 32) + bytes(32)), ok(True, bytes(5)), ok(True, bytes(9)),
            ok(False, struct.pack("!H", 8) + bytes(8))]
    os.makedirs(os.path.join(d, "fuzz-tpm"), exist_ok=True)
    seeds = {"good": good, "silent": good[:3] + [b"\xff"], "refused": good[:4] + [err(0x101)]}
    for name, answers in seeds.items():
        open(os.path.join(d, "fuzz-tpm", name), "wb").write(b"".join(answers))


if __name__ == "__main__":
    tftp_client(sys.argv[1])
    client(sys.argv[1])
    tpm(sys.argv[1])
