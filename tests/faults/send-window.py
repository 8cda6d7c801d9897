#!/usr/bin/env python3
"""send-window.py STRACE: the window of an unknown outcome, per sent mail, as
the daemon's system calls show it.  Take the trace with

  strace -f -tt -T -e trace=openat,connect,pwrite64,fdatasync,fsync,write,\
writev,sendto,sendmsg,recvfrom,read -o STRACE followupd -f ...

while it sends (e.g. a wrapper as top_builddir/src/followupd for
tests/bench/run.sh send, BENCH_SEND_N=40).  The window runs from the end of
the mark's commit write (the WAL write before the fdatasync that a send to
the SMTP socket follows) to the end of the outcome's commit write; it is
cut into: the mark's fdatasync; from it to the server's reply (the body's
tail, end-of-data, the server); from the reply to the outcome's first
write and to its last.  Also the bytes written to the socket after the
mark.  Medians and 90th percentiles, in ms (strace slows every call: compare
runs traced alike).  The first connect is taken to be IMAP's, the others
SMTP's."""
import re, sys, statistics
L = re.compile(r'^(\d+) (\d+):(\d+):([\d.]+) (\w+)\((.*)\) += (-?\d+|\?)(?: .*)?<([\d.]+)>$')
def ts(h, m, s): return int(h) * 3600 + int(m) * 60 + float(s)
evs = []
wal = set(); conns = []; main = None
for line in open(sys.argv[1], errors='replace'):
    m = L.match(line.rstrip())
    if not m: continue
    pid, h, mi, s, call, args, ret, dur = m.groups()
    t = ts(h, mi, s); d = float(dur)
    fd = args.split(',', 1)[0]
    if call == 'openat' and 'state.db-wal' in args: wal.add(ret); main = pid
    if call == 'connect' and ('htons(' in args):
        conns.append(fd)      # the first is IMAP's, the others SMTP's
    evs.append((pid, t, d, call, fd, ret))
evs = [e for e in evs if e[0] == main]
sock = set(conns[1:])
W = []
i = 0
n = len(evs)
while i < n:
    pid, t, d, call, fd, ret = evs[i]
    if call == 'fdatasync' and fd in wal:
        # the write before it: the mark's commit frame
        j = i - 1
        while j >= 0 and not (evs[j][3] == 'pwrite64' and evs[j][4] in wal): j -= 1
        # the next thing on a socket must be a send (the tail), else a checkpoint
        k = i + 1
        while k < n and evs[k][4] not in sock and not (evs[k][3] == 'pwrite64' and evs[k][4] in wal): k += 1
        if j < 0 or k >= n or evs[k][3] not in ('sendmsg', 'sendto', 'write', 'writev'):
            i += 1; continue
        mark_end = evs[j][1] + evs[j][2]
        fsync_end = t + d
        # the first WAL write after: the outcome; the last socket read before it: the reply
        q = k
        while q < n and not (evs[q][3] == 'pwrite64' and evs[q][4] in wal): q += 1
        if q >= n: break
        r = q - 1
        while r > k and not (evs[r][3] in ('recvfrom', 'read') and evs[r][4] in sock and not evs[r][5].startswith('-')): r -= 1
        reply = evs[r][1] + evs[r][2]
        e = q
        while e + 1 < n and evs[e + 1][3] == 'pwrite64' and evs[e + 1][4] in wal: e += 1
        out_end = evs[e][1] + evs[e][2]
        sent = sum(int(x[5]) for x in evs[k:r] if x[4] in sock and x[3] in ('sendmsg', 'sendto', 'write', 'writev') and x[5].isdigit())
        W.append((fsync_end - mark_end, reply - fsync_end, evs[q][1] - reply, out_end - reply, out_end - mark_end, sent))
        i = e + 1
        continue
    i += 1
if not W: sys.exit("no sends found")
def q(v, p): v = sorted(v); return v[min(len(v) - 1, int(p * len(v)))]
names = ["mark fdatasync", "to the 250", "250 to outcome's 1st write", "250 to outcome written", "whole window", "bytes sent after the mark"]
print("%d sends (wal fds %s, sockets %s)" % (len(W), sorted(wal), sorted(sock)))
for k, nm in enumerate(names):
    unit, f = ("bytes", 1) if k == 5 else ("ms", 1000)
    v = [w[k] * f for w in W]
    print("  %-28s median %8.3f %s  p90 %8.3f %s" % (nm, statistics.median(v), unit, q(v, 0.9), unit))
