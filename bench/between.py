#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""between.py TIMEOUT START END QEMU-ARGS...: run QEMU and print the seconds
between the console first showing START and then END (regular
expressions), timed on the host as the bytes arrive, so firmwares that
print both on one line are timed alike. QEMU is stopped once END shows
(a firmware may otherwise sit at its prompt). Prints NA when either never
shows within TIMEOUT seconds."""
import os
import re
import select
import subprocess
import sys
import time


def main():
    limit, start_re, end_re = float(sys.argv[1]), re.compile(sys.argv[2]), re.compile(sys.argv[3])
    qemu = subprocess.Popen(sys.argv[4:], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    deadline = time.monotonic() + limit
    text, started, result = "", None, "NA"
    fd = qemu.stdout.fileno()
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if not ready:
            if qemu.poll() is not None:
                break
            continue
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        now = time.monotonic()
        text += chunk.decode("latin-1")
        if started is None:
            m = start_re.search(text)
            if m:
                started, text = now, text[m.end():]
        if started is not None and end_re.search(text):
            result = "%.3f" % (now - started)
            break
        text = text[-4096:]
    qemu.kill()
    qemu.wait()
    print(result)


if __name__ == "__main__":
    main()
