#!/usr/bin/env python3
"""Listen on a unix datagram socket like systemd's NOTIFY_SOCKET and write
every datagram to a file, one line each, prefixed with a monotonic time."""
import os, socket, sys, time

path, out = sys.argv[1], sys.argv[2]
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(path)
with open(out, "a", buffering=1) as f:
    f.write("LISTENING\n")
    while True:
        data = s.recv(4096)
        for line in data.decode("utf-8", "replace").split("\n"):
            f.write("%.3f %s\n" % (time.monotonic(), line))
