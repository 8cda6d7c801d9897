#!/usr/bin/env python3
"""imap-hook.py PORTFILE UPSTREAM LOG HOOKFILE

A plain-text IMAP proxy on 127.0.0.1 for the race tests: it passes every
byte both ways between its clients and 127.0.0.1:UPSTREAM, writes the port
it listens on to PORTFILE, and logs each command line a client sends to
LOG as "N TAG COMMAND" (N counts the commands of all connections from 1; a
literal's bytes and the client's lines of an AUTHENTICATE exchange (one
word each) are passed, not counted; a login's secret is not logged;
"DONE", which ends IDLE, counts).

HOOKFILE, read before each command when it exists, holds "N COMMAND": before
the N-th command goes on to the server, the shell command COMMAND runs (a
delivery, say) and the proxy waits for it, so that the server's answer to
that command is the first to know of what it did.  LOG then says "hook ran
before N" (or "hook failed before N").
"""
import os
import re
import socket
import subprocess
import sys
import threading

portfile, upstream, logpath = sys.argv[1], int(sys.argv[2]), sys.argv[3]
hookfile = sys.argv[4]

lock = threading.Lock()
count = 0
log = open(logpath, "a", buffering=1)
LITERAL = re.compile(rb"\{(\d+)\+?\}\r?\n$")


def read_hook():
    try:
        with open(hookfile) as h:
            at, command = h.read().strip().split(None, 1)
        return int(at), command
    except (OSError, ValueError):
        return None


def server_to_client(up, down):
    try:
        while True:
            data = up.recv(65536)
            if not data:
                break
            down.sendall(data)
    except OSError:
        pass
    for s in (down, up):
        try:
            s.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def client_to_server(down, up):
    global count
    f = down.makefile("rb")
    try:
        while True:
            line = f.readline()
            if not line:
                break
            words = line.split(None, 2)
            command = line.strip().upper() == b"DONE" or len(words) >= 2
            if command:
                with lock:
                    count += 1
                    n = count
                    if len(words) >= 2 and words[1].upper() == b"LOGIN":
                        shown = b" ".join(words[:2])
                    elif len(words) >= 2 and words[1].upper() == b"AUTHENTICATE":
                        shown = b" ".join(words[:2] + words[2].split()[:1])
                    else:
                        shown = line.rstrip(b"\r\n")
                    log.write("%d %s\n" % (n, shown.decode("utf-8", "replace")))
                    hook = read_hook()
                    if hook and hook[0] == n:
                        rc = subprocess.call(hook[1], shell=True)
                        log.write("hook %s before %d\n" % ("ran" if rc == 0 else "failed", n))
            up.sendall(line)
            m = LITERAL.search(line)
            while m:
                left = int(m.group(1))
                while left > 0:
                    chunk = f.read(min(left, 65536))
                    if not chunk:
                        return
                    up.sendall(chunk)
                    left -= len(chunk)
                line = f.readline()
                if not line:
                    return
                up.sendall(line)
                m = LITERAL.search(line)
    except OSError:
        pass
    finally:
        try:
            up.shutdown(socket.SHUT_WR)
        except OSError:
            pass


def serve(down):
    try:
        up = socket.create_connection(("127.0.0.1", upstream))
    except OSError:
        down.close()
        return
    threading.Thread(target=server_to_client, args=(up, down), daemon=True).start()
    client_to_server(down, up)


def main():
    ls = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind(("127.0.0.1", 0))
    ls.listen(8)
    with open(portfile + ".tmp", "w") as p:
        p.write("%d\n" % ls.getsockname()[1])
    os.rename(portfile + ".tmp", portfile)
    while True:
        down, _ = ls.accept()
        threading.Thread(target=serve, args=(down,), daemon=True).start()


main()
