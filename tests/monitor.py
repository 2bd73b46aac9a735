#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""monitor.py SOCKET STEPS: drive QEMU's human monitor on a UNIX socket.
STEPS are separated by '|': a monitor command ("screendump f.ppm"),
"type:TEXT" to type TEXT on the guest's keyboard with sendkey ("\\n" is
Enter), or "sleep:SECONDS". A command is done when the monitor prompts
again; SCREEN in a step stands for the screendump file given as
$SCREEN."""
import os
import socket
import sys
import time

NAMES = {" ": "spc", "\n": "ret", "-": "minus", "=": "equal", "/": "slash", ".": "dot",
         ",": "comma", ";": "semicolon", "'": "apostrophe", "\\": "backslash"}


def wait_prompt(sock, seen=b""):
    """Read until the monitor prompts, 10 s at most."""
    end = time.time() + 10
    while b"(qemu)" not in seen and time.time() < end:
        try:
            seen += sock.recv(65536)
        except BlockingIOError:
            time.sleep(0.02)


def run(sock, command):
    """A command, done when the monitor prompts after echoing it."""
    sock.sendall(command.encode() + b"\n")
    seen, end = b"", time.time() + 10
    while time.time() < end:
        try:
            seen += sock.recv(65536)
        except BlockingIOError:
            time.sleep(0.02)
        if b"\r\n" in seen:               # the echo ends with the line; the prompt follows
            wait_prompt(sock, seen.split(b"\r\n", 1)[1])
            return


def main():
    sock = socket.socket(socket.AF_UNIX)
    sock.connect(sys.argv[1])
    sock.setblocking(False)
    wait_prompt(sock)                       # the greeting, before any step
    for step in sys.argv[2].replace("SCREEN", os.environ.get("SCREEN", "")).split("|"):
        if step.startswith("sleep:"):
            time.sleep(float(step[6:]))
        elif step.startswith("type:"):
            for ch in step[5:].replace("\\n", "\n"):
                run(sock, "sendkey " + NAMES.get(ch, ch))
                time.sleep(0.05)            # the keyboard reports each press and release
        else:
            run(sock, step)


main()
