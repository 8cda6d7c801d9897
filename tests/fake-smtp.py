#!/usr/bin/env python3
"""A small plain-text SMTP server for tests that need a slow server.

Usage: fake-smtp.py PORTFILE OUTDIR DELAY
Listens on 127.0.0.1 (a free port, written to PORTFILE), accepts AUTH PLAIN
and any sender and recipient, waits DELAY seconds before the reply to the
end of DATA, then stores each message as OUTDIR/N.eml."""
import os, socket, sys, threading, time

portfile, outdir, delay = sys.argv[1], sys.argv[2], float(sys.argv[3])
count = 0
lock = threading.Lock()


def session(conn):
    global count
    f = conn.makefile("rb")
    w = lambda s: conn.sendall(s.encode() + b"\r\n")
    w("220 fake.test ESMTP")
    while True:
        line = f.readline()
        if not line:
            return
        cmd = line.decode("ascii", "replace").strip()
        up = cmd.upper()
        if up.startswith("EHLO") or up.startswith("HELO"):
            conn.sendall(b"250-fake.test\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME\r\n")
        elif up.startswith("AUTH"):
            words = cmd.split()
            # AUTH PLAIN [initial], AUTH LOGIN: answer the challenges.
            rounds = 2 if words[1].upper() == "LOGIN" else (0 if len(words) > 2 else 1)
            for _ in range(rounds):
                w("334 ")
                if not f.readline():
                    return
            w("235 2.7.0 ok")
        elif up.startswith("MAIL") or up.startswith("RCPT") or up.startswith("RSET") or up.startswith("NOOP"):
            w("250 ok")
        elif up == "DATA":
            w("354 go ahead")
            data = b""
            while True:
                l = f.readline()
                if not l or l == b".\r\n":
                    break
                data += l
            time.sleep(delay)
            with lock:
                count += 1
                n = count
            with open(os.path.join(outdir, "%d.eml" % n), "wb") as out:
                out.write(data)
            w("250 2.0.0 queued as %d" % n)
        elif up == "QUIT":
            w("221 bye")
            return
        else:
            w("502 what")


s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", 0))
s.listen(8)
with open(portfile + ".tmp", "w") as p:
    p.write(str(s.getsockname()[1]))
os.rename(portfile + ".tmp", portfile)
while True:
    c, _ = s.accept()
    threading.Thread(target=session, args=(c,), daemon=True).start()
