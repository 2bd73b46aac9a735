#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Lay an existing ELF out again, the way other tools leave files, for the
loader's tests (ELF32/64, either byte order):

  elfmod.py IN OUT [--phdrs-at OFFSET] [--extra-segments N] [--entry ADDR]

--phdrs-at        move the program header table to OFFSET (past the data, as
                  patchelf does), the file padded with zeros to reach it
--extra-segments  add N small PT_LOAD segments, each a copy of 16 bytes of
                  the file loaded above the existing ones (needs --phdrs-at)
--entry           set e_entry
"""
import argparse
import struct


def main():
    p = argparse.ArgumentParser()
    p.add_argument("inp")
    p.add_argument("out")
    p.add_argument("--phdrs-at", type=lambda v: int(v, 0))
    p.add_argument("--extra-segments", type=int, default=0)
    p.add_argument("--entry", type=lambda v: int(v, 0))
    a = p.parse_args()
    data = bytearray(open(a.inp, "rb").read())
    is64, order = data[4] == 2, "<" if data[5] == 1 else ">"
    word = "Q" if is64 else "I"
    ph_off_at, ph_num_at = (32, 56) if is64 else (28, 44)
    phoff = struct.unpack_from(order + word, data, ph_off_at)[0]
    phentsize, phnum = struct.unpack_from(order + "HH", data, ph_num_at - 2)
    table = bytearray(data[phoff:phoff + phentsize * phnum])
    if a.extra_segments:
        fmt = order + ("IIQQQQQQ" if is64 else "IIIIIIII")
        highest = 0
        for i in range(phnum):
            f = struct.unpack_from(fmt, table, i * phentsize)
            vaddr, memsz = (f[3], f[6]) if is64 else (f[2], f[5])
            highest = max(highest, vaddr + memsz)
        base = (highest + 0xFFFF) & ~0xFFFF
        for i in range(a.extra_segments):
            addr = base + i * 0x1000
            if is64:
                seg = struct.pack(fmt, 1, 4, 0, addr, addr, 16, 16, 8)
            else:
                seg = struct.pack(fmt, 1, 0, addr, addr, 16, 16, 4, 8)
            table += seg
        phnum += a.extra_segments
    if a.phdrs_at is not None:
        if len(data) < a.phdrs_at:
            data += bytes(a.phdrs_at - len(data))
        data[a.phdrs_at:a.phdrs_at + len(table)] = table
        struct.pack_into(order + word, data, ph_off_at, a.phdrs_at)
        struct.pack_into(order + "H", data, ph_num_at, phnum)
    if a.entry is not None:
        struct.pack_into(order + word, data, 24, a.entry)
    open(a.out, "wb").write(data)


if __name__ == "__main__":
    main()
