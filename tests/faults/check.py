#!/usr/bin/env python3
"""Check the promises of DESIGN.md section 5 against a followupd state
database and the recipients' Maildirs of a tests/lib/mailenv.sh environment.

Usage:
  check.py settle DB MAILROOT
      print "cancel ID" for each mail of unknown outcome that arrived (the
      user saw it in the recipient's mailbox) and "approve ID" for each
      one that did not; the caller runs followupctl.
  check.py during DB MAILROOT SETTLED
      the invariants that hold at any moment: no mail arrived twice, no
      mail arrived that the outbox does not count as (possibly) sent, no
      inbox message and no interview recorded twice.
  check.py step DB MAILROOT SETTLED
      "during", then the lines of "settle" prefixed with "settle " (one
      Python start per crash: they are slow on a loaded machine).
  check.py final DB MAILROOT SETTLED PLAN
      all of the above, and: every mail is sent (arrived exactly once),
      cancelled for a reason of the plan (never arrived), or waiting with
      a due time in the future; nothing failed, unknown or sending; every
      mail the plan requires exists and went out; every inbox message was
      handled once; one interview per calendar UID of the plan.

MAILROOT is DIR/mail of the environment (DOMAIN/LOCAL/Maildir); only INBOX
folders are read.  SETTLED lists the outbox ids the test cancelled because
they had arrived (one per line).  PLAN lines:
  past UID          an interview that is over: thank-yous and the first
                    reflection must have gone out
  future UID        an interview still to come: nothing due yet
  cancelled UID     a cancelled interview: its mails are all cancelled
  rejected COMPANY  a rejection: a feedback request must have gone out
  final UID         a final round: each reference is warned (sent or waiting)
Prints one line of figures; exit 0 if all holds, 1 with the violations."""
import os
import sqlite3
import sys
import time
from email.parser import BytesHeaderParser
from email import policy

INTERVIEWERS = ["ravi@example.com", "ada@example.com", "ben@example.com", "chloe@example.com"]
REFERENCES = ["bob@example.org", "carol@example.org"]
ME = "jane@example.net"


def norm_id(v):
    v = (v or "").strip()
    return v if v.startswith("<") else "<%s>" % v


def maildir_ids(root):
    """{address: {message_id: count}} over every INBOX under root."""
    out = {}
    parser = BytesHeaderParser(policy=policy.compat32)
    for domain in sorted(os.listdir(root)):
        for local in sorted(os.listdir(os.path.join(root, domain))):
            addr = "%s@%s" % (local, domain)
            ids = out.setdefault(addr, {})
            for sub in ("new", "cur"):
                d = os.path.join(root, domain, local, "Maildir", sub)
                if not os.path.isdir(d):
                    continue
                for name in os.listdir(d):
                    try:
                        with open(os.path.join(d, name), "rb") as f:
                            h = parser.parse(f)
                    except FileNotFoundError:
                        continue    # moved from new to cur meanwhile
                    mid = h.get("Message-ID")
                    mid = norm_id(str(mid)) if mid else "(none)"
                    ids[mid] = ids.get(mid, 0) + 1
    return out


def open_db(path):
    db = sqlite3.connect("file:%s?mode=ro" % path, uri=True, timeout=30)
    db.row_factory = sqlite3.Row
    return db


def main():
    if len(sys.argv) < 4:
        print(__doc__, file=sys.stderr)
        return 2
    mode, dbpath, mailroot = sys.argv[1:4]
    settled = set()
    if mode in ("during", "step", "final") and os.path.exists(sys.argv[4]):
        with open(sys.argv[4]) as f:
            settled = {int(l) for l in f if l.strip()}
    db = open_db(dbpath)
    arrived = maildir_ids(mailroot)
    rows = db.execute("SELECT o.*, a.company FROM outbox o JOIN applications a"
                      " ON a.id = o.application_id ORDER BY o.id").fetchall()

    def count(r):
        return arrived.get(r["recipient_email"].lower(), {}).get(norm_id(r["message_id"]), 0)

    if mode in ("settle", "step"):
        for r in rows:
            if r["status"] == "unknown":
                print("%s%s %d" % ("settle " if mode == "step" else "",
                                   "cancel" if count(r) > 0 else "approve", r["id"]))
        if mode == "settle":
            return 0

    bad = []
    now = int(time.time())
    status = {}
    for r in rows:
        status[r["status"]] = status.get(r["status"], 0) + 1
        n = count(r)
        what = "mail %d (%s %d to %s, %s, %s)" % (r["id"], r["kind"], r["nth"],
                                                 r["recipient_email"], r["company"], r["status"])
        if n > 1:
            bad.append("%s arrived %d times" % (what, n))
        if n and r["status"] in ("pending", "held", "deferred", "failed"):
            bad.append("%s arrived although the outbox says it did not leave" % what)
        if n and r["status"] == "cancelled" and r["id"] not in settled:
            bad.append("%s arrived although it was cancelled" % what)
    # Every mail from the user that arrived anywhere is one the outbox knows.
    known = {norm_id(r["message_id"]) for r in rows if r["message_id"]}
    for addr, ids in arrived.items():
        for mid, n in ids.items():
            if mid.endswith("@example.net>") and mid not in known and addr != ME:
                bad.append("%s got %s, which is in no outbox row" % (addr, mid))
    # The user's own copies in Sent (kind "sent", imap.watch_sent) are not
    # inbox messages: a mail to oneself is in both folders.
    for r in db.execute("SELECT message_id, count(*) n FROM messages_seen WHERE message_id"
                        " IS NOT NULL AND ifnull(kind, '') <> 'sent'"
                        " GROUP BY message_id HAVING n > 1"):
        bad.append("inbox message %s recorded %d times" % (r["message_id"], r["n"]))
    for r in db.execute("SELECT event_uid, count(*) n FROM interviews WHERE event_uid IS NOT NULL"
                        " GROUP BY event_uid HAVING n > 1"):
        bad.append("interview %s recorded %d times" % (r["event_uid"], r["n"]))

    figures = "%d mails (%s)" % (len(rows), ", ".join("%s %d" % kv for kv in sorted(status.items())))
    if mode == "final":
        plan = [l.split() for l in open(sys.argv[5]) if l.strip()]
        ivs = {r["event_uid"]: r for r in db.execute("SELECT * FROM interviews")}
        apps = {r["company"]: r for r in db.execute("SELECT * FROM applications")}
        by_iv = {}
        for r in rows:
            by_iv.setdefault(r["interview_id"], []).append(r)
        news = {r["application_id"] for r in db.execute(
            "SELECT application_id FROM events WHERE kind IN ('reply','rejection','offer')"
            " OR (kind = 'cancelled' AND message LIKE '%nudge(s) cancelled: a new interview')")}
        for r in rows:
            what = "mail %d (%s %d to %s, %s)" % (r["id"], r["kind"], r["nth"],
                                                 r["recipient_email"], r["company"])
            n = count(r)
            st = r["status"]
            if st == "sent":
                if n != 1:
                    bad.append("%s is sent but arrived %d times" % (what, n))
            elif st == "cancelled" and r["id"] in settled:
                if n != 1:
                    bad.append("%s was settled as arrived but arrived %d times" % (what, n))
            elif st == "cancelled":
                iv = db.execute("SELECT status FROM interviews WHERE id = ?",
                                (r["interview_id"],)).fetchone()
                ok = (iv is not None and iv["status"] == "cancelled") or \
                    (r["kind"] == "status_nudge" and r["application_id"] in news)
                if not ok:
                    bad.append("%s was cancelled for no reason of the plan" % what)
            elif st in ("pending", "held", "deferred"):
                due = r["next_attempt"] if st == "deferred" and r["next_attempt"] else r["due"]
                if due <= now:
                    bad.append("%s is %s and due since %d s: lost" % (what, st, now - due))
            else:
                bad.append("%s ended %s (%s): lost" % (what, st, r["last_error"]))
        uids = set()
        for p in plan:
            kind, key = p[0], p[1]
            if kind == "rejected":
                a = apps.get(key)
                mails = [r for r in rows if a is not None and r["application_id"] == a["id"]
                         and r["kind"] == "feedback_request"
                         and (r["status"] == "sent" or r["id"] in settled)]
                if a is None or a["status"] != "rejected" or len(mails) != 1:
                    bad.append("rejection by %s: application %s, %d feedback request(s) sent"
                               % (key, a["status"] if a else "missing", len(mails)))
                continue
            uids.add(key)
            iv = ivs.get(key)
            if iv is None:
                bad.append("interview %s was never recorded" % key)
                continue
            mine = by_iv.get(iv["id"], [])
            if kind == "cancelled":
                if iv["status"] != "cancelled":
                    bad.append("interview %s is %s, not cancelled" % (key, iv["status"]))
                for r in mine:
                    if r["status"] not in ("cancelled",) and r["id"] not in settled:
                        bad.append("mail %d of cancelled interview %s is %s"
                                   % (r["id"], key, r["status"]))
            elif kind == "past":
                for who in INTERVIEWERS:
                    # The contact's thank-you is kind thank_you_contact.
                    got = [r for r in mine
                           if r["kind"] in ("thank_you", "thank_you_contact") and
                           r["recipient_email"].lower() == who and
                           (r["status"] == "sent" or r["id"] in settled)]
                    if len(got) != 1:
                        bad.append("interview %s: %d thank-you(s) to %s went out, want 1"
                                   % (key, len(got), who))
                got = [r for r in mine if r["kind"] == "reflection" and r["nth"] == 1 and
                       (r["status"] == "sent" or r["id"] in settled)]
                if len(got) != 1:
                    bad.append("interview %s: %d first reflection(s) went out, want 1"
                               % (key, len(got)))
            elif kind == "future":
                for r in mine:
                    if r["status"] not in ("pending", "held"):
                        bad.append("mail %d of future interview %s is %s"
                                   % (r["id"], key, r["status"]))
                if len(mine) == 0:
                    bad.append("future interview %s has no mail planned" % key)
            elif kind == "final":
                for who in REFERENCES:
                    got = [r for r in rows if r["kind"] == "reference_warning" and
                           r["recipient_email"].lower() == who]
                    if not got:
                        bad.append("final round %s: no reference warning to %s" % (key, who))
        got = {r["event_uid"] for r in db.execute("SELECT event_uid FROM interviews")}
        if got != uids:
            bad.append("interviews recorded: %s, want %s" % (sorted(got ^ uids), "the plan's"))
        # Every inbox message handled once: the seen records match the INBOX.
        inbox = arrived.get(ME, {})
        seen = {r[0]: r[1] for r in db.execute(
            "SELECT message_id, count(*) FROM messages_seen GROUP BY message_id")}
        missed = [m for m in inbox if m not in seen]
        if missed:
            bad.append("%d inbox message(s) never handled: %s" % (len(missed), missed[:5]))
        nseen = db.execute("SELECT count(*) FROM messages_seen"
                           " WHERE ifnull(kind, '') <> 'sent'").fetchone()[0]
        figures += "; %d inbox messages, %d seen records" % (sum(inbox.values()), nseen)
    print(figures)
    for b in bad[:40]:
        print("VIOLATION: " + b)
    if len(bad) > 40:
        print("VIOLATION: ... and %d more" % (len(bad) - 40))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
