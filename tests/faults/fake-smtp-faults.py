#!/usr/bin/env python3
"""A plain-text SMTP server that misbehaves on request, for the fault tests.

Usage: fake-smtp-faults.py PORTFILE OUTDIR CONTROL [PORT]

Listens on 127.0.0.1:PORT (0 or absent: a free port), writes the port to
PORTFILE, accepts AUTH PLAIN/LOGIN and any sender and recipient, and
stores each accepted message as OUTDIR/N.eml.  At every connection it
reads the first line of the file CONTROL, which says what goes wrong:

  ok                    nothing
  STEP CODE             answer CODE (e.g. 421, 450, 451, 550, 554) at STEP:
                        greeting, ehlo (EHLO and HELO), auth, mail, rcpt,
                        data (the DATA command) or eod (the end of the
                        body); after 421 the connection is closed
  drop STEP             close the connection without a reply at STEP; at
                        eod the message is stored first (it may have been
                        delivered, as far as the client can know)
  slow STEP SECONDS     wait SECONDS before the reply at STEP (the reply is
                        then normal; a message at eod is stored first)

Every event is appended to OUTDIR/log, one line each: "connect N",
"reply N STEP CODE", "drop N STEP", "slow N STEP", "stored N MESSAGE-ID",
"closed N"."""
import os
import socket
import sys
import threading
import time

portfile, outdir, control = sys.argv[1], sys.argv[2], sys.argv[3]
port = int(sys.argv[4]) if len(sys.argv) > 4 else 0
lock = threading.Lock()
counters = {"conn": 0, "msg": 0}


def log(line):
    with lock:
        with open(os.path.join(outdir, "log"), "a") as f:
            f.write(line + "\n")


def fault():
    try:
        with open(control) as f:
            words = f.readline().split()
    except OSError:
        words = []
    return words or ["ok"]


def message_id(data):
    for line in data.split(b"\r\n"):
        if line == b"":
            break
        if line.lower().startswith(b"message-id:"):
            return line[11:].strip().decode("ascii", "replace")
    return "(none)"


class Drop(Exception):
    pass


def session(conn, n, words):
    f = conn.makefile("rb")

    def send(s):
        conn.sendall(s.encode() + b"\r\n")

    def step(name, good, before=None):
        """Reply to STEP: the fault if it is for this step, else good."""
        if len(words) >= 2 and words[0] == "drop" and words[1] == name:
            if before:
                before()
            log("drop %d %s" % (n, name))
            raise Drop()
        if len(words) >= 3 and words[0] == "slow" and words[1] == name:
            if before:
                before()
            log("slow %d %s" % (n, name))
            time.sleep(float(words[2]))
            send(good)
            return True
        if len(words) >= 2 and words[0] == name:
            code = words[1]
            log("reply %d %s %s" % (n, name, code))
            send("%s %s.0.0 fault injected at %s" % (code, code[0], name))
            if code == "421":
                raise Drop()
            return False
        if before:
            before()
        send(good)
        return True

    step("greeting", "220 fake.test ESMTP")
    while True:
        line = f.readline()
        if not line:
            return
        cmd = line.decode("ascii", "replace").strip()
        up = cmd.upper()
        if up.startswith("EHLO") or up.startswith("HELO"):
            if up.startswith("EHLO"):
                step("ehlo", "250-fake.test\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME")
            else:
                step("ehlo", "250 fake.test")
        elif up.startswith("AUTH"):
            parts = cmd.split()
            rounds = 2 if len(parts) > 1 and parts[1].upper() == "LOGIN" else \
                (0 if len(parts) > 2 else 1)
            for _ in range(rounds):
                send("334 ")
                if not f.readline():
                    return
            step("auth", "235 2.7.0 ok")
        elif up.startswith("MAIL"):
            step("mail", "250 2.1.0 ok")
        elif up.startswith("RCPT"):
            step("rcpt", "250 2.1.5 ok")
        elif up == "DATA":
            if not step("data", "354 go ahead"):
                continue
            data = b""
            while True:
                l = f.readline()
                if not l:
                    return
                if l == b".\r\n":
                    break
                data += l[1:] if l.startswith(b"..") else l

            def store():
                with lock:
                    counters["msg"] += 1
                    m = counters["msg"]
                with open(os.path.join(outdir, "%d.eml" % m), "wb") as out:
                    out.write(data)
                log("stored %d %s" % (n, message_id(data)))
            step("eod", "250 2.0.0 queued", before=store)
        elif up.startswith("RSET") or up.startswith("NOOP"):
            send("250 ok")
        elif up == "QUIT":
            send("221 bye")
            return
        else:
            send("502 5.5.2 what")


def serve(conn):
    with lock:
        counters["conn"] += 1
        n = counters["conn"]
    words = fault()
    log("connect %d %s" % (n, " ".join(words)))
    try:
        session(conn, n, words)
    except (Drop, OSError):
        pass
    finally:
        log("closed %d" % n)
        try:
            conn.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        conn.close()


s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", port))
s.listen(16)
with open(portfile + ".tmp", "w") as p:
    p.write(str(s.getsockname()[1]))
os.rename(portfile + ".tmp", portfile)
while True:
    c, _ = s.accept()
    threading.Thread(target=serve, args=(c,), daemon=True).start()
