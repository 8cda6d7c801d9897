#!/usr/bin/env python3
"""Write hostile mails for tests/hostile-input.sh into a directory.

    generate.py OUTDIR [NAME...]

Every file is generated at test time (the big ones are tens of MB, never
committed).  Each is an otherwise ordinary interview mail, so a parser
that survives it still has something to recognise:

  big-attachment      a 50 MiB base64 attachment after an interview invite
                      (69 MB of mail: more than `scan` reads, 64 MiB)
  big-attachment-45m  the same with 45 MiB (62 MB of mail)
  nested-1000         1,000 nested multipart/mixed levels, a text part inside
  nested-rfc822-200   200 forwarded messages, each inside the previous one
  many-parts-10000    10,000 sibling parts in one multipart/mixed
  attendees-10000     a calendar part with 10,000 ATTENDEE lines
  events-5000         a calendar part with 5,000 VEVENTs
  long-header-100k    100 KB header lines: Subject, To (2,000 addresses),
                      one without a space, one folded 5,000 times
  many-headers-50000  50,000 header fields
  long-line-10m       a 10 MB body line without a line break
  nul-bytes           NUL bytes in headers, body, boundary and calendar
  invalid-utf8        invalid UTF-8 everywhere (headers, encoded words,
                      body, calendar names, HTML entities), overlongs,
                      surrogates, a lying charset
"""
import base64
import os
import sys

CRLF = b"\r\n"


# Every mail gets its own Message-ID (the daemon skips a repeated one).
CURRENT_ID = b"hostile@test.example"


def headers(subject=b"Interview invitation: Platform Engineer at Acme",
            extra=b"", ctype=b"text/plain; charset=utf-8", msgid=None):
    msgid = msgid or CURRENT_ID
    return (b"From: Ravi Menon <ravi@example.com>\r\n"
            b"To: Jane Doe <jane@example.net>\r\n"
            b"Subject: " + subject + b"\r\n"
            b"Date: Mon, 11 Jan 2027 09:00:00 +0000\r\n"
            b"Message-ID: <" + msgid + b">\r\n" + extra +
            b"MIME-Version: 1.0\r\n"
            b"Content-Type: " + ctype + b"\r\n\r\n")


TEXT = (b"Hi Jane,\r\n\r\nThis confirms your interview for the Platform Engineer\r\n"
        b"position at Acme on Tuesday 2 March 2027 at 15:00 GMT.\r\n"
        b"You will meet Ada Brooks and Ben Carter.\r\n\r\nBest,\r\nRavi Menon\r\n")


def vevent(uid=b"hostile-1@test.example", attendees=b""):
    return (b"BEGIN:VEVENT\r\nUID:" + uid + b"\r\nSEQUENCE:0\r\n"
            b"DTSTART:20270302T150000Z\r\nDTEND:20270302T160000Z\r\n"
            b"SUMMARY:Interview: Jane Doe - Platform Engineer\r\n"
            b"ORGANIZER;CN=Ravi Menon:mailto:ravi@example.com\r\n" + attendees +
            b"END:VEVENT\r\n")


def calendar(events):
    return (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//hostile//EN\r\n"
            b"METHOD:REQUEST\r\n" + events + b"END:VCALENDAR\r\n")


def invite(cal, extra_parts=b"", subject=None, extra_headers=b""):
    kw = {"subject": subject} if subject is not None else {}
    return (headers(ctype=b'multipart/mixed; boundary="outer"', extra=extra_headers, **kw) +
            b"--outer\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + TEXT +
            b"--outer\r\nContent-Type: text/calendar; charset=utf-8; method=REQUEST\r\n\r\n" +
            cal + extra_parts + b"--outer--\r\n")


def write_big_attachment(f, mib):
    f.write(headers(ctype=b'multipart/mixed; boundary="outer"'))
    f.write(b"--outer\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + TEXT)
    f.write(b"--outer\r\nContent-Type: application/octet-stream\r\n"
            b"Content-Transfer-Encoding: base64\r\n"
            b'Content-Disposition: attachment; filename="portfolio.bin"\r\n\r\n')
    # mib MiB of pseudo-random bytes (a fixed LCG: the same file every run),
    # 57 bytes per 76-character line.
    chunk = bytearray()
    x = 12345
    for _ in range(57 * 1024):
        x = (x * 1103515245 + 12345) & 0x7FFFFFFF
        chunk.append((x >> 16) & 0xFF)
    chunk = bytes(chunk)
    total = mib * 1024 * 1024
    done = 0
    while done < total:
        piece = chunk[: min(len(chunk), total - done)]
        enc = base64.b64encode(piece)
        f.write(CRLF.join(enc[i:i + 76] for i in range(0, len(enc), 76)) + CRLF)
        done += len(piece)
    f.write(b"--outer\r\nContent-Type: text/calendar; charset=utf-8; method=REQUEST\r\n\r\n")
    f.write(calendar(vevent()))
    f.write(b"--outer--\r\n")


def nested(n):
    out = [headers(ctype=b'multipart/mixed; boundary="b0"')]
    for i in range(n):
        out.append(b"--b%d\r\nContent-Type: multipart/mixed; boundary=\"b%d\"\r\n\r\n" % (i, i + 1))
    out.append(b"--b%d\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" % n + TEXT)
    for i in range(n, -1, -1):
        out.append(b"--b%d--\r\n" % i)
    return b"".join(out)


def nested_rfc822(n):
    msg = headers(msgid=b"inner-%d@test.example" % n) + TEXT
    for i in range(n - 1, -1, -1):
        msg = (headers(subject=b"Fwd: " + (b"Fwd: " * min(i, 20)) + b"Interview",
                       ctype=b'multipart/mixed; boundary="f%d"' % i,
                       msgid=b"fwd-%d@test.example" % i) +
               b"--f%d\r\nContent-Type: text/plain\r\n\r\nForwarded.\r\n" % i +
               b"--f%d\r\nContent-Type: message/rfc822\r\n\r\n" % i + msg +
               b"\r\n--f%d--\r\n" % i)
    return msg


def many_parts(n):
    out = [headers(ctype=b'multipart/mixed; boundary="p"')]
    for i in range(n):
        out.append(b"--p\r\nContent-Type: text/plain; charset=utf-8\r\n\r\npart %d: interview\r\n" % i)
    out.append(b"--p\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + TEXT + b"--p--\r\n")
    return b"".join(out)


def attendees(n):
    att = b"".join(b"ATTENDEE;CN=Person %d;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION:"
                   b"mailto:person%d@example.com\r\n" % (i, i) for i in range(n))
    return invite(calendar(vevent(attendees=att)))


def events(n):
    ev = b"".join(vevent(uid=b"ev-%d@test.example" % i) for i in range(n))
    return invite(calendar(ev))


def long_headers():
    size = 100 * 1024
    subject = (b"Interview " * (size // 10))[:size]
    to = b", ".join(b"Person %d <p%d@example.com>" % (i, i) for i in range(2000))[:size]
    nospace = b"X-No-Space: " + b"A" * size + CRLF
    folded = b"X-Folded: " + b"\r\n ".join(b"word%d" % i for i in range(5000)) + CRLF
    enc = b"X-Encoded: " + b" ".join([b"=?utf-8?B?" + base64.b64encode("Intervi\u00e9w ".encode()) + b"?="] * 4000) + CRLF
    return (b"From: Ravi Menon <ravi@example.com>\r\nTo: " + to + CRLF +
            b"Subject: " + subject + CRLF + nospace + folded + enc +
            b"Date: Mon, 11 Jan 2027 09:00:00 +0000\r\nMessage-ID: <long@test.example>\r\n"
            b"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + TEXT)


def many_headers(n):
    h = b"".join(b"X-Header-%d: value %d\r\n" % (i, i) for i in range(n))
    return headers(extra=h) + TEXT


def long_line():
    return headers() + TEXT + b"interview " * (1024 * 1024) + CRLF


def nul_bytes():
    cal = calendar(vevent(attendees=b"ATTENDEE;CN=Ada\x00Brooks:mailto:ada\x00@example.com\r\n")
                   .replace(b"SUMMARY:Interview", b"SUMMARY:Inter\x00view"))
    return (b"From: Ravi\x00Menon <ravi@example.com>\r\nTo: Jane Doe <jane@example.net>\r\n"
            b"Subject: Interview\x00 invitation\x00\r\nDate: Mon, 11 Jan 2027 09:00:00 +0000\r\n"
            b"Message-ID: <" + CURRENT_ID + b">\r\nMIME-Version: 1.0\r\n"
            b'Content-Type: multipart/mixed; boundary="nul\x00b"\r\n\r\n'
            b"--nul\x00b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" +
            TEXT.replace(b"interview", b"inter\x00view") + b"\x00" * 1000 + CRLF +
            b"--nul\x00b\r\nContent-Type: text/calendar; charset=utf-8; method=REQUEST\r\n\r\n" +
            cal + b"--nul\x00b--\r\n" + b"\x00" * 4096)


def invalid_utf8():
    bad = [b"\xff\xfe", b"\xc0\xaf", b"\xe0\x80\xaf", b"\xed\xa0\x80", b"\xf4\x90\x80\x80",
           b"\xc3", b"\x80\x80\x80", b"\xf8\x88\x80\x80\x80", b"\xfe\xff"]
    junk = b"".join(bad)
    att = b"ATTENDEE;CN=Ada " + junk + b":mailto:ada" + b"\xc3\xa9\xff" + b"@example.com\r\n"
    cal = calendar(vevent(attendees=att).replace(b"SUMMARY:Interview", b"SUMMARY:Interview " + junk))
    html = (b"<html><body><p>Interview " + junk + b" &#xD800; &#0; &#x110000; &#99999999999;"
            b'<a href="https://meet.example.com/' + junk + b'">join ' + junk + b"</a></p></body></html>\r\n")
    return (b"From: =?utf-8?B?" + base64.b64encode(b"Ravi " + junk) + b"?= <ravi@example.com>\r\n"
            b"To: Jane " + junk + b" <jane@example.net>\r\n"
            b"Subject: Interview " + junk + b" =?utf-8?Q?=FF=FE=C0=AF?= =?x-unknown?B?/w==?="
            b" =?utf-8?B?!!!invalid base64?=\r\n"
            b"Date: Mon, 11 Jan 2027 09:00:00 +0000\r\nMessage-ID: <utf8" + junk + b"@test.example>\r\n"
            b"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"u\"\r\n\r\n"
            b"--u\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + TEXT + junk * 100 + CRLF +
            b"--u\r\nContent-Type: text/plain; charset=iso-2022-jp\r\n\r\n\x1b$B" + junk + b"\r\n"
            b"--u\r\nContent-Type: text/plain; charset=utf-16\r\n\r\n\xd8\x00\xd8\x00" + junk + b"\r\n"
            b"--u\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html +
            b"--u\r\nContent-Type: text/calendar; charset=utf-8; method=REQUEST\r\n\r\n" + cal +
            b"--u--\r\n")


GENERATORS = {
    "big-attachment": None,      # streamed, 50 MiB
    "big-attachment-45m": None,  # streamed, 45 MiB: under scan's 64 MiB file cap
    "nested-1000": lambda: nested(1000),
    "nested-rfc822-200": lambda: nested_rfc822(200),
    "many-parts-10000": lambda: many_parts(10000),
    "attendees-10000": lambda: attendees(10000),
    "events-5000": lambda: events(5000),
    "long-header-100k": long_headers,
    "many-headers-50000": lambda: many_headers(50000),
    "long-line-10m": long_line,
    "nul-bytes": nul_bytes,
    "invalid-utf8": invalid_utf8,
}


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    names = sys.argv[2:] or list(GENERATORS)
    os.makedirs(out, exist_ok=True)
    global CURRENT_ID
    for name in names:
        if name not in GENERATORS:
            sys.exit("unknown hostile mail: " + name)
        CURRENT_ID = name.encode() + b"@hostile.test.example"
        path = os.path.join(out, name + ".eml")
        with open(path, "wb") as f:
            if name == "big-attachment":
                write_big_attachment(f, 50)
            elif name == "big-attachment-45m":
                write_big_attachment(f, 45)
            else:
                f.write(GENERATORS[name]())
        print(path)


if __name__ == "__main__":
    main()
