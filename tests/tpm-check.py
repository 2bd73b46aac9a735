#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""tpm-check.py LOG [checks...]: check what a measured boot left, from the
console log of a guest that ran the test init with sluice.check=tpm (its
event log in base64 and the PCRs Linux shows, every bank).

Always: Debian's tpm2_eventlog parses the log (its only complaints may be
its warning that PCR 4 has EV_IPL events, which it expects in PCRs 8, 9, 12
and 14 only) and its replay equals the guest's PCRs 0-9 in every bank.
Checks (each may repeat, except --banks):
  --banks LIST       the TPM's active banks, comma-separated (all four unless
                     given): Linux must show these, every event carry these
  --fw FILE          the PCR 0 events are the firmware's version and FILE,
                     and PCR 0 equals what FILE alone predicts
  --version TEXT     the version the firmware was built as (with --fw)
  --pcr4-kernel ELF  a PCR 4 event is the image QEMU loads for -kernel ELF
  --pcr4-file FILE   a PCR 4 event's digests are FILE's
  --pcr4-prep ELF    a PCR 4 event is ELF as a PReP partition holds it: the
                     file up to the end of its last segment (or headers)
  --pcr9-file FILE   a PCR 9 event's digests are FILE's
(the digests of --pcr4-* and --pcr9-file: in every active bank, each equal
to what Python's hashlib makes of the same bytes)
  --cmdline TEXT     a PCR 8 event is "kernel_cmdline: TEXT"
  --event PCR:TEXT   an event in PCR whose data contains TEXT
Prints "TPM-CHECK ok", or "TPM-CHECK fail: ..." lines (exit 1).
"""
import base64
import hashlib
import re
import struct
import subprocess
import sys
import tempfile

ALGS = {"sha1": 4, "sha256": 11, "sha384": 12, "sha512": 13}
SIZES = {4: 20, 11: 32, 12: 48, 13: 64}
NAMES = {v: k for k, v in ALGS.items()}
fails = []


def parse_log(log):
    """Our own reading of the crypto-agile log: [(pcr, type, {alg: digest}, data)]."""
    size = struct.unpack_from("<I", log, 28)[0]
    pos = 32 + size
    events = []
    while pos < len(log):
        pcr, typ, count = struct.unpack_from("<III", log, pos)
        pos += 12
        digests = {}
        for _ in range(count):
            alg = struct.unpack_from("<H", log, pos)[0]
            digests[NAMES[alg]] = log[pos + 2:pos + 2 + SIZES[alg]]
            pos += 2 + SIZES[alg]
        n = struct.unpack_from("<I", log, pos)[0]
        events.append((pcr, typ, digests, log[pos + 4:pos + 4 + n]))
        pos += 4 + n
    return events


def extend(alg, pcr, digest):
    return hashlib.new(alg, pcr + digest).digest()


def loaded_image(elf):
    """What QEMU loads for -kernel: the PT_LOAD segments laid out from the
    lowest physical address, zero-filled to their memory size."""
    data = open(elf, "rb").read()
    le = data[5] == 1
    e = "<" if le else ">"
    phoff, = struct.unpack_from(e + "Q", data, 0x20)
    phentsize, phnum = struct.unpack_from(e + "HH", data, 0x36)
    segs = []
    for i in range(phnum):
        typ, _, off, _, paddr, filesz, memsz, _ = struct.unpack_from(e + "IIQQQQQQ", data, phoff + i * phentsize)
        if typ == 1:
            segs.append((paddr, off, filesz, memsz))
    low = min(s[0] for s in segs)
    image = bytearray(max(s[0] + s[3] for s in segs) - low)
    for paddr, off, filesz, _ in segs:
        image[paddr - low:paddr - low + filesz] = data[off:off + filesz]
    return bytes(image)


def elf_extent(elf):
    """The bytes of an ELF file the firmware reads from PReP: its headers
    and every segment's file data."""
    data = open(elf, "rb").read()
    e = "<" if data[5] == 1 else ">"
    if data[4] == 1:                                   # 32-bit
        phoff, = struct.unpack_from(e + "I", data, 0x1c)
        phentsize, phnum = struct.unpack_from(e + "HH", data, 0x2a)
        ph = [struct.unpack_from(e + "IIIIII", data, phoff + i * phentsize) for i in range(phnum)]
        ends = [p[1] + p[4] for p in ph]
    else:
        phoff, = struct.unpack_from(e + "Q", data, 0x20)
        phentsize, phnum = struct.unpack_from(e + "HH", data, 0x36)
        ph = [struct.unpack_from(e + "IIQQQQ", data, phoff + i * phentsize) for i in range(phnum)]
        ends = [p[2] + p[5] for p in ph]
    return data[:max(ends + [phoff + phnum * phentsize])]


def main():
    text = open(sys.argv[1], "rb").read().decode("latin-1")
    m = re.search(r"^SLUICE-TEST-TPMLOG: (\S+)$", text, re.M)
    if not m:
        print("TPM-CHECK fail: the guest printed no event log")
        return 1
    log = base64.b64decode(m.group(1))
    guest = {}
    for bank, n, value in re.findall(r"^SLUICE-TEST-PCR: (\w+) (\d+) ([0-9A-F]+)$", text, re.M):
        guest.setdefault(bank, {})[int(n)] = value.lower()
    args = sys.argv[2:]
    opts = [(args[i], args[i + 1]) for i in range(0, len(args), 2)]
    banks = dict(opts).get("--banks", ",".join(ALGS)).split(",")
    if set(guest) != set(banks):
        fails.append("Linux shows the banks %s, not %s" % (sorted(guest), sorted(banks)))

    with tempfile.NamedTemporaryFile(suffix=".bin") as f:
        f.write(log)
        f.flush()
        run = subprocess.run(["tpm2_eventlog", f.name], capture_output=True, text=True)
    if run.returncode != 0:
        fails.append("tpm2_eventlog failed: %s" % run.stderr.strip().splitlines()[-1:])
    events = parse_log(log)
    allowed = {"WARN: Event %d is unexectedly not extending either PCR 8, 9, 12 or 14" % (i + 1)
               for i, ev in enumerate(events) if ev[0] == 4 and ev[1] == 0xd}
    for line in run.stderr.strip().splitlines():
        if line not in allowed:
            fails.append("tpm2_eventlog said: %s" % line)
    replay = {}
    bank = None
    for line in run.stdout[run.stdout.find("\npcrs:"):].splitlines():
        b = re.match(r"^  (sha\d+):$", line)
        v = re.match(r"^    (\d+)\s*: 0x([0-9a-f]+)$", line)
        if b:
            bank = b.group(1)
        elif v and bank:
            replay.setdefault(bank, {})[int(v.group(1))] = v.group(2)
    for bank in banks:
        for n in range(10):
            want = guest.get(bank, {}).get(n)
            got = replay.get(bank, {}).get(n, "00" * hashlib.new(bank).digest_size)
            if want != got:
                fails.append("PCR %d %s: the log replays to %s, the TPM has %s" % (n, bank, got[:16], str(want)[:16]))

    version = dict(opts).get("--version")
    for opt, val in opts:
        if opt == "--fw":
            fw = open(val, "rb").read()
            ucs2 = ("Sluice %s\0" % version).encode("utf-16-le")
            for alg in banks:
                pcr = bytes(hashlib.new(alg).digest_size)
                for data in (ucs2, fw, bytes(4)):
                    pcr = extend(alg, pcr, hashlib.new(alg, data).digest())
                if pcr.hex() != guest.get(alg, {}).get(0):
                    fails.append("PCR 0 %s is not what %s predicts" % (alg, val))
            contents = [ev for ev in events if ev[0] == 0 and ev[1] == 7]
            if not contents or contents[0][2]["sha256"] != hashlib.sha256(fw).digest():
                fails.append("no EV_S_CRTM_CONTENTS with the digest of %s" % val)
        elif opt in ("--pcr4-kernel", "--pcr4-prep", "--pcr4-file", "--pcr9-file"):
            data = loaded_image(val) if opt == "--pcr4-kernel" else \
                elf_extent(val) if opt == "--pcr4-prep" else open(val, "rb").read()
            pcr = 9 if opt == "--pcr9-file" else 4
            if not any(ev[0] == pcr and set(ev[2]) == set(banks) and
                       all(ev[2][alg] == hashlib.new(alg, data).digest() for alg in banks)
                       for ev in events):
                fails.append("no PCR %d event with the digests of %s in every bank" % (pcr, val))
        elif opt == "--cmdline":
            want = b"kernel_cmdline: " + val.encode() + b"\0"
            if not any(ev[0] == 8 and ev[3] == want and ev[2]["sha256"] == hashlib.sha256(val.encode()).digest()
                       for ev in events):
                fails.append("no PCR 8 event for the command line %r" % val)
        elif opt == "--event":
            pcr, want = val.split(":", 1)
            if not any(ev[0] == int(pcr) and want.encode() in ev[3] for ev in events):
                fails.append("no PCR %s event with %r" % (pcr, want))
    for f in fails:
        print("TPM-CHECK fail: %s" % f)
    if not fails:
        print("TPM-CHECK ok")
    return 1 if fails else 0


sys.exit(main())
