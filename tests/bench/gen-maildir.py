#!/usr/bin/env python3
"""Write a large synthetic INBOX straight into a Maildir (for firststart.sh).

usage: gen-maildir.py MAILDIR COUNT DAYS INVITE_PERCENT SEED

Files go to MAILDIR/cur with the Seen flag, owned like MAILDIR, their mtime
(Dovecot's INTERNALDATE for Maildir) spread evenly over the last DAYS days
and the Date header a few seconds before it.  Each has a distinct
Message-ID.  The mix is what an inbox holds: short personal and
notification mails, HTML newsletters, mails with a PDF attached (50 to
400 KB, which a watcher must not download), job-alert look-alikes, and
INVITE_PERCENT percent interview invites with a text/calendar part
(Google-Calendar-shaped, each for its own company and event UID).

Prints one JSON object: the mailbox's count and bytes, and for lookbacks of
30 and 90 days how many messages, bytes and invites fall inside.
"""
import base64
import json
import os
import random
import sys
import time

FIRST = ["Ada", "Ben", "Chloe", "Dmitri", "Eve", "Farah", "Gus", "Hana", "Ivan", "Jun",
         "Kofi", "Lena", "Mateo", "Nia", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tara"]
LAST = ["Brooks", "Carter", "Dent", "Evans", "Fischer", "Garcia", "Huang", "Ito", "Jones",
        "Kaur", "Lopez", "Moreau", "Novak", "Okafor", "Park", "Rossi", "Silva", "Tanaka"]
COMPANY = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay", "Stark", "Wayne",
           "Tyrell", "Cyberdyne", "Soylent", "Wonka", "Aperture", "Massive", "Oscorp"]
ROLE = ["Platform Engineer", "Backend Developer", "Data Scientist", "SRE",
        "Product Manager", "Security Engineer", "Frontend Engineer"]
LOREM = ("the quarterly numbers look good and the team would like to hear your view on "
         "the migration plan before Thursday; also, lunch is on us this week and the "
         "new coffee machine finally works ").split()


def words(rng, n):
    return " ".join(rng.choice(LOREM) for _ in range(n))


def para(rng, lines):
    return "\r\n".join(words(rng, rng.randint(8, 12)) for _ in range(lines))


def headers(frm, subject, date, msgid, extra=""):
    return ("From: %s\r\nTo: Jane Doe <jane@example.net>\r\nSubject: %s\r\n"
            "Date: %s\r\nMessage-ID: <%s>\r\nMIME-Version: 1.0\r\n%s"
            % (frm, subject, date, msgid, extra))


def person(rng):
    f, l = rng.choice(FIRST), rng.choice(LAST)
    return "%s %s" % (f, l), "%s.%s@example.com" % (f.lower(), l.lower())


def plain(rng, date, msgid):
    name, addr = person(rng)
    body = para(rng, rng.randint(5, 60))
    return headers("%s <%s>" % (name, addr), "Re: " + words(rng, 4), date, msgid,
                   "Content-Type: text/plain; charset=utf-8\r\n") + "\r\n" + body + "\r\n"


def newsletter(rng, date, msgid):
    text = para(rng, rng.randint(40, 120))
    html = "<html><body>" + "".join(
        "<p style=\"font-family:Arial;color:#333\">%s <a href=\"https://news.example.org/t/%d?utm_source=x\">more</a></p>\r\n"
        % (words(rng, 14), rng.randint(1, 10 ** 9)) for _ in range(rng.randint(60, 200))) + "</body></html>"
    return (headers("Weekly Digest <digest@news.example.org>", "Your weekly digest: " + words(rng, 3),
                    date, msgid, "List-Unsubscribe: <https://news.example.org/u>\r\n"
                    "Precedence: bulk\r\nContent-Type: multipart/alternative; boundary=\"nl\"\r\n")
            + "\r\n--nl\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + text
            + "\r\n--nl\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html + "\r\n--nl--\r\n")


def attachment(rng, date, msgid, blob):
    name, addr = person(rng)
    size = rng.randint(50, 400) * 1024
    start = rng.randint(0, len(blob) - size)
    data = base64.encodebytes(blob[start:start + size]).decode().replace("\n", "\r\n")
    return (headers("%s <%s>" % (name, addr), "Documents: " + words(rng, 3), date, msgid,
                    "Content-Type: multipart/mixed; boundary=\"mx\"\r\n")
            + "\r\n--mx\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + para(rng, 4)
            + "\r\n--mx\r\nContent-Type: application/pdf; name=\"report.pdf\"\r\n"
            "Content-Disposition: attachment; filename=\"report.pdf\"\r\n"
            "Content-Transfer-Encoding: base64\r\n\r\n" + data + "--mx--\r\n")


def job_alert(rng, date, msgid):
    jobs = "\r\n".join("%s at %s - apply now: https://jobs.example.org/%d"
                       % (rng.choice(ROLE), rng.choice(COMPANY), rng.randint(1, 10 ** 6))
                       for _ in range(rng.randint(5, 20)))
    return headers("Job Alerts <alerts@jobs.example.org>", "New jobs matching your search",
                   date, msgid, "Precedence: bulk\r\nContent-Type: text/plain; charset=utf-8\r\n") \
        + "\r\nNew jobs for you:\r\n\r\n" + jobs + "\r\n"


def invite(rng, date, msgid, mtime, k):
    company = "%s %d" % (rng.choice(COMPANY), k)
    role = rng.choice(ROLE)
    start = int(mtime) + rng.randint(2, 10) * 86400
    start -= start % 3600
    s = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(start))
    e = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(start + 3600))
    iv = [person(rng) for _ in range(rng.randint(1, 3))]
    att = "".join("ATTENDEE;CN=%s;ROLE=REQ-PARTICIPANT:mailto:%s\r\n" % p for p in iv)
    subj = "Invitation: Interview: Jane Doe - %s @ %s" % (role, company)
    return (headers("Ravi Menon <ravi@example.com>", subj, date, msgid,
                    "Content-Type: multipart/alternative; boundary=\"b1\"\r\n")
            + "\r\n--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
            "Hi Jane,\r\n\r\nThis confirms your interview for the %s position at %s.\r\n"
            "You will meet the team on Google Meet: https://meet.google.com/abc-defg-hij\r\n\r\n"
            "Best,\r\nRavi Menon\r\nRecruiter, %s\r\n" % (role, company, company)
            + "\r\n--b1\r\nContent-Type: text/calendar; charset=utf-8; method=REQUEST\r\n\r\n"
            "BEGIN:VCALENDAR\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\n"
            "VERSION:2.0\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\n"
            "DTSTART:%s\r\nDTEND:%s\r\nUID:bench-%d@google.com\r\nSEQUENCE:0\r\n"
            "ORGANIZER;CN=Ravi Menon:mailto:ravi@example.com\r\n%s"
            "ATTENDEE;CN=Jane Doe;ROLE=REQ-PARTICIPANT:mailto:jane@example.net\r\n"
            "SUMMARY:Interview: Jane Doe - %s\r\nSTATUS:CONFIRMED\r\n"
            "END:VEVENT\r\nEND:VCALENDAR\r\n--b1--\r\n" % (s, e, k, att, role))


def main():
    if len(sys.argv) != 6:
        sys.exit(__doc__)
    maildir, count, days, pct, seed = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), \
        float(sys.argv[4]), int(sys.argv[5])
    rng = random.Random(seed)
    blob = rng.randbytes(420 * 1024)
    st = os.stat(maildir)
    for sub in ("cur", "new", "tmp"):
        os.makedirs(os.path.join(maildir, sub), exist_ok=True)
        os.chown(os.path.join(maildir, sub), st.st_uid, st.st_gid)
    now = time.time()
    span = days * 86400
    out = {"count": 0, "bytes": 0, "invites": 0}
    for lb in (30, 90):
        out["lookback_%dd" % lb] = {"count": 0, "bytes": 0, "invites": 0}
    ninv = 0
    for i in range(count):
        mtime = now - span + span * (i + 0.5) / count
        date = time.strftime("%a, %d %b %Y %H:%M:%S +0000", time.gmtime(mtime - rng.randint(1, 30)))
        msgid = "bench-%d-%d@mail.example.com" % (seed, i)
        r = rng.random() * 100
        is_inv = False
        if r < pct:
            ninv += 1
            is_inv = True
            text = invite(rng, date, msgid, mtime, ninv)
        elif r < pct + 3:
            text = job_alert(rng, date, msgid)
        elif r < pct + 11:
            text = attachment(rng, date, msgid, blob)
        elif r < pct + 36:
            text = newsletter(rng, date, msgid)
        else:
            text = plain(rng, date, msgid)
        data = text.encode()
        path = os.path.join(maildir, "cur", "%d.M%dP1.bench,S=%d:2,S" % (int(mtime), i, len(data)))
        with open(path, "wb") as f:
            f.write(data)
        os.chown(path, st.st_uid, st.st_gid)
        os.utime(path, (mtime, mtime))
        out["count"] += 1
        out["bytes"] += len(data)
        out["invites"] += is_inv
        for lb in (30, 90):
            if mtime >= now - lb * 86400:
                w = out["lookback_%dd" % lb]
                w["count"] += 1
                w["bytes"] += len(data)
                w["invites"] += is_inv
    print(json.dumps(out))


if __name__ == "__main__":
    main()
