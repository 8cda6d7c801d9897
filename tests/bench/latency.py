#!/usr/bin/env python3
"""APPEND-to-recorded latency: followupd against imapfilter's enter_idle().

Run by latency.sh, which starts the mail servers and writes the configs.
The watchers run at the same time on the same Dovecot, each on its own
INBOX (followupd on jane's, imapfilter and the floor on other users'), so
none sees the others' flag changes.  Each round APPENDs one mail to each
INBOX in turn (the order rotates) and waits until the watcher has it:

  followupd   the Message-ID is in the messages_seen table (a read-only
              SQLite poll, every 0.5 ms from latency.sh; the daemon commits,
              then it counts)
  imapfilter  the Lua config prints "GOT <Message-ID>" after enter_idle()
              returned and it fetched the new message; the line's arrival
              on the pipe is the time
  floor       a bare IDLE session in this script: the time its "* N EXISTS"
              arrives.  Dovecot delays IDLE notices on purpose (it batches
              changes for about half a second), so this is the part no
              client can beat; the rest is the client's own work.

Latency is measured from just before the APPEND command is sent, so it
includes the APPEND itself (the same for both).  After each mail the
driver waits --spacing seconds so every mail is a separate IDLE wake-up.
Prints one JSON object with the samples' summary for each watcher.
"""
import argparse
import imaplib
import json
import math
import os
import queue
import signal
import socket
import sqlite3
import ssl
import subprocess
import sys
import threading
import itertools
import time

children = []


def stop_children():
    for p in children:
        if p.poll() is None:
            p.terminate()
    for p in children:
        try:
            p.wait(timeout=5)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()


def on_term(signum, frame):
    raise SystemExit(128 + signum)


def reader(stream, q, logfile):
    """Timestamp each line as it arrives; keep a copy in logfile."""
    with open(logfile, "w", encoding="utf-8", errors="replace") as log:
        for raw in iter(stream.readline, b""):
            t = time.monotonic()
            line = raw.decode("utf-8", "replace").rstrip("\n")
            log.write("%.6f %s\n" % (t, line))
            log.flush()
            q.put((t, line))


def imap_session(host, port, ca, user, password):
    ctx = ssl.create_default_context(cafile=ca)
    m = imaplib.IMAP4(host, port)
    m.starttls(ssl_context=ctx)
    m.login(user, password)
    return m


def mail_bytes(msgid, n):
    return ("From: Ravi Menon <ravi@example.com>\r\n"
            "To: Jane Doe <jane@example.net>\r\n"
            "Subject: Lunch, round %d\r\n"
            "Date: %s\r\n"
            "Message-ID: <%s>\r\n"
            "MIME-Version: 1.0\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n\r\n"
            "Shall we have lunch on Friday? (%s)\r\n"
            % (n, time.strftime("%a, %d %b %Y %H:%M:%S +0000", time.gmtime()),
               msgid, msgid)).encode()


def append(m, data):
    t0 = time.monotonic()
    typ, _ = m.append("INBOX", None, None, data)
    if typ != "OK":
        raise RuntimeError("APPEND failed")
    return t0


def wait_line(q, want, deadline, seen):
    """Time of the first line containing want (lines for others are kept)."""
    if want in seen:
        return seen.pop(want)
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        try:
            t, line = q.get(timeout=left)
        except queue.Empty:
            return None
        if line.startswith("GOT "):
            key = line[4:].strip()
            if key == want:
                return t
            seen[key] = t


class IdleFloor:
    """One IDLE session that only timestamps "* N EXISTS" lines."""

    def __init__(self, host, port, ca, user, password):
        sock = socket.create_connection((host, port), timeout=30)
        f = sock.makefile("rb")
        f.readline()                                    # greeting
        sock.sendall(b"a1 STARTTLS\r\n")
        self._expect(f, b"a1 ")
        ctx = ssl.create_default_context(cafile=ca)
        self.sock = ctx.wrap_socket(sock, server_hostname=host)
        self.f = self.sock.makefile("rb")
        self.sock.sendall(("a2 LOGIN \"%s\" \"%s\"\r\n" % (user, password)).encode())
        self._expect(self.f, b"a2 ")
        self.sock.sendall(b"a3 SELECT INBOX\r\n")
        self.exists = 0
        for line in self._expect(self.f, b"a3 "):
            self._count(line)
        self.sock.sendall(b"a4 IDLE\r\n")
        if not self.f.readline().startswith(b"+"):
            raise RuntimeError("the floor session could not IDLE")
        self.sock.settimeout(None)
        self.q = queue.Queue()
        threading.Thread(target=self._run, daemon=True).start()

    @staticmethod
    def _expect(f, tag):
        lines = []
        while True:
            line = f.readline()
            if not line:
                raise RuntimeError("the floor session was closed")
            if line.startswith(tag):
                if not line[len(tag):].startswith(b"OK"):
                    raise RuntimeError("floor session: %r" % line)
                return lines
            lines.append(line)

    def _count(self, line):
        w = line.split()
        if len(w) >= 3 and w[0] == b"*" and w[2].upper() == b"EXISTS":
            self.exists = int(w[1])
            return True
        return False

    def _run(self):
        for line in iter(self.f.readline, b""):
            t = time.monotonic()
            if self._count(line):
                self.q.put((t, self.exists))

    def wait(self, want, deadline):
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            try:
                t, n = self.q.get(timeout=left)
            except queue.Empty:
                return None
            if n >= want:
                return t


def wait_db(db, msgid, deadline, interval):
    while time.monotonic() < deadline:
        row = db.execute("SELECT 1 FROM messages_seen WHERE message_id = ?",
                         ("<%s>" % msgid,)).fetchone()
        if row:
            return time.monotonic()
        time.sleep(interval)
    return None


def wait_db_ready(path, deadline):
    while time.monotonic() < deadline:
        if os.path.exists(path):
            try:
                db = sqlite3.connect("file:%s?mode=ro" % path, uri=True,
                                     isolation_level=None)
                db.execute("SELECT count(*) FROM messages_seen").fetchone()
                return db
            except sqlite3.Error:
                pass
        time.sleep(0.1)
    raise RuntimeError("the state database never appeared: %s" % path)


def summary(samples, missed):
    s = sorted(samples)
    n = len(s)

    def rank(p):
        return s[max(0, math.ceil(p * n) - 1)] * 1000 if n else float("nan")

    return {
        "n": n, "missed": missed,
        "median_ms": rank(0.5), "p90_ms": rank(0.9), "p99_ms": rank(0.99),
        "max_ms": s[-1] * 1000 if n else float("nan"),
        "mean_ms": sum(s) / n * 1000 if n else float("nan"),
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", required=True)
    ap.add_argument("--followupd", required=True)
    ap.add_argument("--conf", required=True)
    ap.add_argument("--db", required=True)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--ca", required=True)
    ap.add_argument("--jane-pass", required=True)
    ap.add_argument("--peer-user", required=True)
    ap.add_argument("--peer-pass", required=True)
    ap.add_argument("--imapfilter-conf", required=True)
    ap.add_argument("--floor-user", required=True)
    ap.add_argument("--floor-pass", required=True)
    ap.add_argument("-n", type=int, default=200)
    ap.add_argument("--warmup", type=int, default=5)
    ap.add_argument("--spacing", type=float, default=0.3)
    ap.add_argument("--timeout", type=float, default=15)
    ap.add_argument("--poll", type=float, default=0.005)
    a = ap.parse_args()

    signal.signal(signal.SIGTERM, on_term)
    pidfile = os.path.join(a.work, "latency.pids")
    try:
        d_q, f_q = queue.Queue(), queue.Queue()
        daemon = subprocess.Popen([a.followupd, "-f", "-v", "--allow-root", "-c", a.conf],
                                  stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE)
        children.append(daemon)
        env = dict(os.environ, IMAPFILTER_HOME=os.path.join(a.work, "imapfilter"),
                   BENCH_IMAP_HOST=a.host, BENCH_IMAP_PORT=str(a.port),
                   BENCH_PEER_USER=a.peer_user, BENCH_PEER_PASS=a.peer_pass)
        filt = subprocess.Popen(["imapfilter", "-t", a.ca, "-c", a.imapfilter_conf],
                                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, env=env)
        children.append(filt)
        with open(pidfile, "w") as f:
            f.write("%d %d\n" % (daemon.pid, filt.pid))
        threading.Thread(target=reader, args=(daemon.stderr, d_q,
                         os.path.join(a.work, "daemon.log")), daemon=True).start()
        threading.Thread(target=reader, args=(filt.stdout, f_q,
                         os.path.join(a.work, "imapfilter.log")), daemon=True).start()

        # Both connected and idling before the first round.
        deadline = time.monotonic() + 30
        ready = {"followupd": False, "imapfilter": False}
        while not all(ready.values()) and time.monotonic() < deadline:
            for name, q, mark in (("followupd", d_q, "IMAP: connected"),
                                  ("imapfilter", f_q, "IDLING")):
                try:
                    _, line = q.get(timeout=0.05)
                except queue.Empty:
                    continue
                if mark in line:
                    ready[name] = True
            for p in children:
                if p.poll() is not None:
                    raise RuntimeError("%s exited early (%d); see %s" % (
                        p.args[0], p.returncode, a.work))
        if not all(ready.values()):
            raise RuntimeError("not ready after 30 s: %s" % ready)
        db = wait_db_ready(a.db, time.monotonic() + 30)
        time.sleep(1)   # the daemon enters IDLE right after its first sync

        jane = imap_session(a.host, a.port, a.ca, "jane@example.net", a.jane_pass)
        peer = imap_session(a.host, a.port, a.ca, a.peer_user, a.peer_pass)
        fl_app = imap_session(a.host, a.port, a.ca, a.floor_user, a.floor_pass)
        floor = IdleFloor(a.host, a.port, a.ca, a.floor_user, a.floor_pass)
        names = ("followupd", "imapfilter", "floor")
        lat = {k: [] for k in names}
        missed = {k: 0 for k in names}
        orders = list(itertools.permutations(names))
        early = {}
        total = a.warmup + a.n
        for i in range(total):
            for who in orders[i % len(orders)]:
                msgid = "lat-%d-%s@bench.example" % (i, who)
                if who == "followupd":
                    t0 = append(jane, mail_bytes(msgid, i))
                    t1 = wait_db(db, msgid, t0 + a.timeout, a.poll)
                elif who == "imapfilter":
                    t0 = append(peer, mail_bytes(msgid, i))
                    t1 = wait_line(f_q, "<%s>" % msgid, t0 + a.timeout, early)
                else:
                    t0 = append(fl_app, mail_bytes(msgid, i))
                    t1 = floor.wait(i + 1, t0 + a.timeout)   # the INBOX starts empty
                if i >= a.warmup:
                    if t1 is None:
                        missed[who] += 1
                    else:
                        lat[who].append(t1 - t0)
                time.sleep(a.spacing)
            if (i + 1) % 50 == 0:
                print("latency: %d/%d rounds" % (i + 1, total), file=sys.stderr, flush=True)
        for m in (jane, peer, fl_app):
            try:
                m.logout()
            except Exception:
                pass
        print(json.dumps({k: summary(lat[k], missed[k]) for k in lat}))
    finally:
        stop_children()
        try:
            os.unlink(pidfile)
        except OSError:
            pass


if __name__ == "__main__":
    main()
