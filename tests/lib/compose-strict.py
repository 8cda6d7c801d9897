#!/usr/bin/env python3
"""Check that a mail file is a clean RFC 5322 / MIME message.

usage: compose-strict.py [--stored] [--fold] [--expect JSON] FILE...

Exit status 0 only when every FILE passes all of these:
  - every line ends with CR LF (with --stored, LF line ends as a server
    stores them are accepted instead, but never a mix and never a bare CR);
  - no line is longer than 998 octets (with --fold: no header line longer
    than 78, and quoted-printable body lines at most 76);
  - every header line is ASCII;
  - exactly one each of Date, From, To, Message-ID and Subject, at most one
    Cc, In-Reply-To, References, MIME-Version, Content-Type,
    Content-Transfer-Encoding;
  - Python's email package with policy strict (raise_on_defect) parses it
    and neither the message nor any header value has a defect; address
    headers hold only valid mailboxes, Message-ID / In-Reply-To /
    References are msg-ids, Date parses;
  - a text/plain body decodes (by its Content-Transfer-Encoding) to UTF-8;
    a 7bit body is ASCII.

--expect FILE.json compares decoded values with a JSON object holding any
of: "subject", "body" (line ends compared as LF), "from", "to", "cc"
(lists of [display name, address]), "message-id", "in-reply-to",
"references" (list), "cte".  Failures are printed on stderr, one line each.
"""

import base64
import binascii
import email.errors
import email.policy
import email.utils
import json
import quopri
import re
import sys
from email.parser import BytesParser

ONCE = ["date", "from", "to", "message-id", "subject"]
AT_MOST_ONCE = ["cc", "in-reply-to", "references", "mime-version", "content-type",
                "content-transfer-encoding", "bcc", "reply-to", "sender"]
ENCODED_WORD = re.compile(rb"=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=")
MSGID = re.compile(rb"<[!-;=?-~]+@[!-;=?-~]+>")


class Bad(Exception):
    pass


def unflow(text):
    """RFC 3676 (DelSp=no): unstuff a leading space, join soft breaks."""
    out, cur = [], None
    for line in text.split("\n")[:-1] if text.endswith("\n") else text.split("\n"):
        if line.startswith(" "):
            line = line[1:]
        cur = line if cur is None else cur + line
        if line.endswith(" ") and line != "-- ":
            continue
        out.append(cur)
        cur = None
    if cur is not None:
        out.append(cur)
    return "\n".join(out) + ("\n" if text.endswith("\n") else "")


def check_lines(data, stored, fold):
    if b"\0" in data:
        raise Bad("NUL byte in the message")
    if not data.endswith(b"\n"):
        raise Bad("the last line has no line end")
    crlf = data.count(b"\r\n")
    lf = data.count(b"\n")
    cr = data.count(b"\r")
    if stored and crlf == 0:
        if cr:
            raise Bad("bare CR in a message with LF line ends")
        lines = data.split(b"\n")[:-1]
    else:
        if crlf != lf:
            raise Bad("bare LF (%d LF, %d CR LF)" % (lf, crlf))
        if crlf != cr:
            raise Bad("bare CR (%d CR, %d CR LF)" % (cr, crlf))
        lines = data.split(b"\r\n")[:-1]
    in_headers = True
    header_lines = []
    for i, line in enumerate(lines, 1):
        if len(line) > 998:
            raise Bad("line %d is %d octets long (more than 998)" % (i, len(line)))
        if in_headers:
            if line == b"":
                in_headers = False
                continue
            if any(b > 0x7E or (b < 0x20 and b != 0x09) for b in line):
                raise Bad("header line %d is not printable ASCII: %r" % (i, line[:80]))
            if fold and len(line) > 78:
                raise Bad("header line %d is %d octets long (more than 78)" % (i, len(line)))
            if line[:1] not in (b" ", b"\t") and b":" not in line:
                raise Bad("header line %d is not a field: %r" % (i, line[:80]))
            header_lines.append(line)
    if in_headers:
        raise Bad("no blank line after the headers")
    if header_lines and header_lines[0][:1] in (b" ", b"\t"):
        raise Bad("the first header line is a continuation")
    body_start = data.index(b"\r\n\r\n" if not stored or crlf else b"\n\n")
    return header_lines, lines, body_start


def check(path, stored, fold, expect):
    with open(path, "rb") as f:
        data = f.read()
    header_lines, lines, body_start = check_lines(data, stored, fold)

    names = [l.split(b":", 1)[0].strip().lower().decode()
             for l in header_lines if l[:1] not in (b" ", b"\t")]
    for n in ONCE:
        if names.count(n) != 1:
            raise Bad("%d %s headers (want exactly one)" % (names.count(n), n))
    for n in AT_MOST_ONCE:
        if names.count(n) > 1:
            raise Bad("%d %s headers (want at most one)" % (names.count(n), n))

    policy = email.policy.strict
    try:
        msg = BytesParser(policy=policy).parsebytes(data)
    except email.errors.MessageError as e:
        raise Bad("email package: %s: %s" % (type(e).__name__, e))
    if msg.defects:
        raise Bad("message defects: %r" % msg.defects)
    for name in set(names):
        for h in msg.get_all(name, []):
            if h.defects:
                raise Bad("%s: header defects: %r" % (name, h.defects))
    for name in ("from", "to", "cc", "bcc", "reply-to"):
        h = msg.get(name)
        if h is None:
            continue
        if not h.addresses:
            raise Bad("%s: no address" % name)
        for a in h.addresses:
            if not a.username or not a.domain:
                raise Bad("%s: incomplete address %r" % (name, a.addr_spec))
            if "\r" in a.display_name or "\n" in a.display_name:
                raise Bad("%s: line break in a display name" % name)
    if msg["date"].datetime is None:
        raise Bad("Date does not parse")
    if msg["date"].datetime.tzinfo is None:
        raise Bad("Date has no zone offset")
    raw = {}
    unfolded = re.sub(rb"\r?\n[ \t]", b" ", data[:body_start])
    for l in unfolded.splitlines():
        k, _, v = l.partition(b":")
        raw.setdefault(k.strip().lower().decode(), []).append(v.strip())
    # Each encoded word on its own: at most 75 characters, a known charset,
    # whole characters (a UTF-8 sequence split across words is an error).
    for k, vals in raw.items():
        for v in vals:
            for m in ENCODED_WORD.finditer(v):
                word, charset, enc, text = m.group(0), m.group(1), m.group(2), m.group(3)
                if len(word) > 75:
                    raise Bad("%s: encoded word of %d characters" % (k, len(word)))
                try:
                    if enc in b"bB":
                        octets = base64.b64decode(text, validate=True)
                    else:
                        octets = quopri.decodestring(text.replace(b"_", b" "), header=True)
                    octets.decode(charset.decode("ascii").split("*")[0])
                except (ValueError, LookupError, binascii.Error) as e:
                    raise Bad("%s: encoded word %r does not decode alone: %s" % (k, word, e))
    if not MSGID.fullmatch(raw["message-id"][0]):
        raise Bad("Message-ID is not a msg-id: %r" % raw["message-id"][0])
    if "in-reply-to" in raw and not MSGID.fullmatch(raw["in-reply-to"][0]):
        raise Bad("In-Reply-To is not a msg-id: %r" % raw["in-reply-to"][0])
    refs = []
    if "references" in raw:
        refs = raw["references"][0].split()
        for r in refs:
            if not MSGID.fullmatch(r):
                raise Bad("References holds a non msg-id: %r" % r)

    if msg.is_multipart() or msg.get_content_type() != "text/plain":
        raise Bad("not a single text/plain part: %s" % msg.get_content_type())
    if msg.get_content_charset() not in (None, "utf-8", "us-ascii"):
        raise Bad("charset %s" % msg.get_content_charset())
    cte = (msg.get("content-transfer-encoding") or "7bit").lower()
    if cte not in ("7bit", "8bit", "quoted-printable", "base64"):
        raise Bad("Content-Transfer-Encoding %s" % cte)
    payload = msg.get_payload(decode=True)
    try:
        text = payload.decode("utf-8")
    except UnicodeDecodeError as e:
        raise Bad("the body is not UTF-8: %s" % e)
    body_lines = lines[len(header_lines) + 1:]
    if cte == "7bit":
        for l in body_lines:
            if any(b > 0x7E for b in l):
                raise Bad("8-bit byte in a 7bit body")
    if cte == "quoted-printable" and fold:
        for l in body_lines:
            if len(l) > 76:
                raise Bad("quoted-printable line of %d octets (more than 76)" % len(l))

    if expect is not None:
        body = text.replace("\r\n", "\n")
        if (msg.get_param("format") or "").lower() == "flowed":
            body = unflow(body)
        got = {
            "subject": str(msg["subject"]),
            "body": body,
            "from": [[a.display_name, a.addr_spec] for a in msg["from"].addresses],
            "to": [[a.display_name, a.addr_spec] for a in msg["to"].addresses],
            "cc": [[a.display_name, a.addr_spec] for a in msg["cc"].addresses] if msg["cc"] else [],
            "message-id": raw["message-id"][0].decode(),
            "in-reply-to": raw["in-reply-to"][0].decode() if "in-reply-to" in raw else None,
            "references": [r.decode() for r in refs],
            "cte": cte,
        }
        for k, v in expect.items():
            if k not in got:
                raise Bad("--expect: unknown key %s" % k)
            if got[k] != v:
                raise Bad("%s: got %r, want %r" % (k, got[k], v))


def main(argv):
    stored = fold = False
    expect = None
    files = []
    args = iter(argv[1:])
    for a in args:
        if a == "--stored":
            stored = True
        elif a == "--fold":
            fold = True
        elif a == "--expect":
            with open(next(args), encoding="utf-8") as f:
                expect = json.load(f)
        elif a.startswith("-"):
            print("usage: compose-strict.py [--stored] [--fold] [--expect JSON] FILE...",
                  file=sys.stderr)
            return 2
        else:
            files.append(a)
    if not files:
        print("usage: compose-strict.py [--stored] [--fold] [--expect JSON] FILE...",
              file=sys.stderr)
        return 2
    status = 0
    for path in files:
        try:
            check(path, stored, fold, expect)
        except Bad as e:
            print("%s: %s" % (path, e), file=sys.stderr)
            status = 1
        except Exception as e:  # a crash in the parser is a rejection too
            print("%s: %s: %s" % (path, type(e).__name__, e), file=sys.stderr)
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
