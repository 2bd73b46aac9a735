#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""screen-text.py SCREEN.ppm FONT.bin [TEXT...]: read the text a screendump
shows, cell by cell, with the firmware's own font (build/gen/font.bin:
256 glyphs of 8x16): a cell is the character whose glyph matches its lit
pixels exactly. Prints the screen's non-empty lines; exits 1 unless every
TEXT appears in one of them (a black screen or garbled cells fail)."""
import sys


def read_ppm(path):
    data = open(path, "rb").read()
    fields, pos = [], 0
    while len(fields) < 4:                  # magic, width, height, maxval
        while data[pos:pos + 1].isspace():
            pos += 1
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    if fields[0] != b"P6" or fields[3] != b"255":
        sys.exit("screen-text: not a binary 8-bit PPM")
    width, height = int(fields[1]), int(fields[2])
    return width, height, data[pos + 1:]


def main():
    ppm, font_path, wanted = sys.argv[1], sys.argv[2], sys.argv[3:]
    width, height, pixels = read_ppm(ppm)
    font = open(font_path, "rb").read()
    glyph_to_char = {}
    for cp in range(0x20, 0x7f):            # printable ASCII: what the log shows
        glyph_to_char.setdefault(font[cp * 16:cp * 16 + 16], chr(cp))
    lines = []
    for row in range(height // 16):
        text = []
        for col in range(width // 8):
            cell = bytearray(16)
            for y in range(16):
                base = ((row * 16 + y) * width + col * 8) * 3
                for x in range(8):
                    if any(pixels[base + 3 * x:base + 3 * x + 3]):
                        cell[y] |= 0x80 >> x
            text.append(glyph_to_char.get(bytes(cell), "\ufffd"))
        line = "".join(text).rstrip()
        if line:
            lines.append(line)
    for line in lines:
        print(line)
    missing = [w for w in wanted if not any(w in line for line in lines)]
    for w in missing:
        print("screen-text: not on the screen: %s" % w, file=sys.stderr)
    sys.exit(1 if missing else 0)


main()
