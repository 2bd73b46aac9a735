# SPDX-License-Identifier: BSD-2-Clause
"""What the scripted networks (hostile-net.py, hostile-net6.py) share: the
Internet checksum, and their end of QEMU's
`-netdev socket,udp=127.0.0.1:OURS,localaddr=127.0.0.1:QEMUS` link, which
carries one Ethernet frame per datagram."""
import socket
import struct


def checksum(data):
    """RFC 1071: the ones' complement of the ones' complement sum."""
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


class Link:
    def __init__(self, log):
        self.log = log
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)   # a free port for QEMU's end
        probe.bind(("127.0.0.1", 0))
        self.qemu_port = probe.getsockname()[1]
        probe.close()

    def note(self, text):
        """What the client did that a test may check."""
        if self.log:
            with open(self.log, "a") as f:
                f.write(text + "\n")

    def send(self, frame):
        self.sock.sendto(frame, ("127.0.0.1", self.qemu_port))

    def serve(self, poll_seconds, on_frame, on_idle):
        """Print "PORTS <ours> <QEMU's>", then take frames until killed,
        calling on_idle at least every poll_seconds."""
        print("PORTS %d %d" % (self.sock.getsockname()[1], self.qemu_port), flush=True)
        self.sock.settimeout(poll_seconds)
        while True:
            try:
                frame, _ = self.sock.recvfrom(2048)
                on_frame(frame)
            except socket.timeout:
                pass
            on_idle()
