#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Write an MBR or GPT partition table into a disk image for any logical
sector size (sfdisk cannot on a plain file: it always uses 512 bytes).

  partition.py IMAGE SECTOR-SIZE dos|gpt START:SIZE:TYPE [START:SIZE:TYPE ...]

START and SIZE count sectors of SECTOR-SIZE bytes, as the tables do. TYPE is
an MBR type in hex (41 = PReP) for dos, or a GUID for gpt. The first
partition of a dos table is marked bootable.
"""
import struct
import sys
import uuid
import zlib

GPT_ENTRIES, GPT_ENTRY_SIZE = 128, 128


def guid_bytes(text):
    return uuid.UUID(text).bytes_le


def write_mbr(img, ss, parts, protective=False):
    mbr = bytearray(ss)
    for i, (start, size, ptype) in enumerate(parts):
        entry = struct.pack("<B3sB3sII", 0x80 if i == 0 and not protective else 0, b"\0\0\0",
                            ptype, b"\0\0\0", start, size)
        mbr[446 + 16 * i:446 + 16 * (i + 1)] = entry
    mbr[510:512] = b"\x55\xaa"
    img.seek(0)
    img.write(mbr)


def gpt_header(ss, lba, backup_lba, table_lba, usable, disk_guid, table_crc):
    hdr = struct.pack("<8sIIIIQQQQ16sQIII", b"EFI PART", 0x10000, 92, 0, 0, lba, backup_lba,
                      usable[0], usable[1], disk_guid, table_lba, GPT_ENTRIES, GPT_ENTRY_SIZE,
                      table_crc)
    hdr = hdr[:16] + struct.pack("<I", zlib.crc32(hdr)) + hdr[20:]
    return hdr + bytes(ss - len(hdr))


def write_gpt(img, ss, nsectors, parts):
    table = bytearray(GPT_ENTRIES * GPT_ENTRY_SIZE)
    for i, (start, size, ptype) in enumerate(parts):
        entry = guid_bytes(ptype) + uuid.uuid4().bytes_le + struct.pack("<QQQ", start, start + size - 1, 0)
        table[i * GPT_ENTRY_SIZE:i * GPT_ENTRY_SIZE + len(entry)] = entry
    table_sectors = len(table) // ss
    crc = zlib.crc32(table)
    disk_guid = uuid.uuid4().bytes_le
    last = nsectors - 1
    usable = (2 + table_sectors, last - table_sectors - 1)
    write_mbr(img, ss, [(1, min(last, 0xFFFFFFFF), 0xEE)], protective=True)
    for lba, backup, table_lba in ((1, last, 2), (last, 1, last - table_sectors)):
        img.seek(lba * ss)
        img.write(gpt_header(ss, lba, backup, table_lba, usable, disk_guid, crc))
        img.seek(table_lba * ss)
        img.write(table)


def main(argv):
    path, ss, label = argv[1], int(argv[2]), argv[3]
    parts = []
    for spec in argv[4:]:
        start, size, ptype = spec.split(":", 2)
        parts.append((int(start), int(size), int(ptype, 16) if label == "dos" else ptype))
    with open(path, "r+b") as img:
        img.seek(0, 2)
        nsectors = img.tell() // ss
        if label == "dos":
            write_mbr(img, ss, parts)
        else:
            write_gpt(img, ss, nsectors, parts)


if __name__ == "__main__":
    main(sys.argv)
