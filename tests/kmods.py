#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""kmods.py MODULES-DIR OUT NAME...: copy the kernel modules NAME... and
every module they depend on from MODULES-DIR (a Debian linux-image
package's lib/modules/<version>, unpacked) into OUT, and write OUT/order:
their file names, each after what it needs, for insmod to load in turn.

Debian's package ships no modules.dep (depmod makes it when installed), so
the dependencies come from each module's own .modinfo "depends=" field.
Modules built into the kernel (modules.builtin) need no file."""
import lzma
import os
import struct
import sys


def canonical(name):
    return name.replace("-", "_")


def modinfo_depends(data):
    """The depends= list of an ELF64 little-endian module."""
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        raise ValueError("not a 64-bit little-endian ELF module")
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x3A)

    def section(i):
        name, _, _, _, off, size = struct.unpack_from("<IIQQQQ", data, shoff + i * shentsize)
        return name, off, size

    _, stroff, _ = section(shstrndx)
    for i in range(shnum):
        name, off, size = section(i)
        end = data.index(b"\0", stroff + name)
        if data[stroff + name:end] == b".modinfo":
            for field in data[off:off + size].split(b"\0"):
                if field.startswith(b"depends="):
                    return [d for d in field[8:].decode().split(",") if d]
            return []
    raise ValueError("no .modinfo section")


def main():
    top, out, wanted = sys.argv[1], sys.argv[2], sys.argv[3:]
    files = {}
    for root, _, names in os.walk(os.path.join(top, "kernel")):
        for n in names:
            if n.endswith((".ko", ".ko.xz")):
                files[canonical(n.split(".ko")[0])] = os.path.join(root, n)
    builtin = set()
    path = os.path.join(top, "modules.builtin")
    if os.path.exists(path):
        builtin = {canonical(os.path.basename(l.strip()).split(".ko")[0]) for l in open(path)}
    os.makedirs(out, exist_ok=True)
    order, seen = [], set()

    def add(name, wanted_by):
        name = canonical(name)
        if name in seen or name in builtin:
            return
        if name not in files:
            sys.exit(f"kmods: no module {name} (needed by {wanted_by}) under {top}")
        seen.add(name)
        src = files[name]
        data = lzma.open(src).read() if src.endswith(".xz") else open(src, "rb").read()
        for dep in modinfo_depends(data):
            add(dep, name)
        target = os.path.join(out, name + ".ko")
        with open(target + ".tmp", "wb") as f:
            f.write(data)
        os.replace(target + ".tmp", target)
        order.append(name + ".ko")

    for w in wanted:
        add(w, "the tests")
    with open(os.path.join(out, "order.tmp"), "w") as f:
        f.write("\n".join(order) + "\n")
    os.replace(os.path.join(out, "order.tmp"), os.path.join(out, "order"))


if __name__ == "__main__":
    main()
