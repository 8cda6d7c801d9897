#!/bin/sh
# smtp-send.sh: the smtp module (through tests/lib/smtp-probe) against the
# private Postfix of tests/lib/mailenv.sh and small fake SMTP servers.
#
# Real server: a mail over submission+STARTTLS, one over SMTPS and a 1 MB
# one arrive byte for byte (dot-stuffed lines included), with the EHLO name
# from the config; 20 mails in one batch use one connection (the probe's
# count and the server log agree); 450 -> temp and 550 -> perm with the
# server's text; a wrong password -> auth (535), and so does an AUTH
# mechanism the server does not offer; unknown CA, wrong host name and
# expired certificate (SMTPS and STARTTLS) and a server without STARTTLS
# are refused before any AUTH reached the server (its log says so);
# ca_file is trusted besides the system CA directory; a server offering no
# AUTH gets no mail; the secret never shows in the debug trace.
# Fake servers: a drop after the body -> unknown (the server had the whole
# mail); no reply to the body -> unknown within the timeout; a server that
# never greets -> temp within the timeout; 452 / 554 to the body, 421 / 554
# greetings, a closed port.  Skips (77) without root or the servers.
set -u

: "${top_srcdir:=.}" "${top_builddir:=.}"
PROBE=$top_builddir/tests/lib/smtp-probe
MAILENV=$top_srcdir/tests/lib/mailenv.sh

skip() { echo "SKIP: $*"; exit 77; }
[ "$(id -u)" = 0 ] || skip "needs root for the mail servers"
for b in dovecot doveadm postfix openssl setsid flock bash python3 base64; do
	command -v "$b" >/dev/null 2>&1 || skip "$b is not installed"
done
[ -x "$PROBE" ] || { echo "FAIL: $PROBE not built"; exit 1; }
[ -f "$MAILENV" ] || skip "no $MAILENV"

D=$(mktemp -d /tmp/fusmtp.XXXXXX) || exit 1
W=$(mktemp -d /tmp/fusmtpw.XXXXXX) || exit 1
FAKE_PIDS=
cleanup() {
	for p in $FAKE_PIDS; do
		kill "$p" 2>/dev/null
		wait "$p" 2>/dev/null
	done
	bash "$MAILENV" stop "$D" >/dev/null 2>&1 || true
	rm -rf "$D" "$W"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP
bash "$MAILENV" start "$D" >"$W/start.log" 2>&1 || {
	cat "$W/start.log"
	echo "FAIL: mailenv start"
	exit 1
}
. "$D/env"

failures=0
checks=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
ok() { checks=$((checks + 1)); echo "ok $checks - $*"; }

SMTP_PROBE_SECRET=$PASS_jane
export SMTP_PROBE_SECRET

# probe ARGS...: output in $W/out (one line per mail, then the summary),
# the debug trace in $W/err; $rc is the exit status, $res and $detail
# describe the first mail.
probe() {
	"$PROBE" -e example.net -f "$USER_jane" "$@" >"$W/out" 2>"$W/err"
	rc=$?
	res=$(head -n 1 "$W/out" | cut -f 1)
	detail=$(head -n 1 "$W/out" | cut -f 4-)
}
# Authenticated submission as jane with the private CA.
jane() {
	probe -u "$USER_jane" -c "$CA_FILE" -t 10 -T 10 "$@"
}

# expect RESULT PATTERN DESCRIPTION: the first mail's result and detail.
expect() {
	if [ "$res" = "$1" ] && printf '%s\n' "$detail" | grep -q -- "$2"; then
		ok "$3: $res ($detail)"
	else
		fail "$3: got '$res' '$detail', want $1 matching '$2'"
		sed 's/^/  | /' "$W/err" | tail -n 15
	fi
}

# mkmail FILE ID TO: a CRLF mail; lines starting with dots test stuffing.
mkmail() {
	printf 'From: Jane Doe <jane@example.net>\r\nTo: <%s>\r\nSubject: smtp test %s\r\nDate: Mon, 01 Mar 2027 10:00:00 +0000\r\nMessage-ID: <%s@example.net>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n.a line starting with a dot\r\nThank you for your time, %s.\r\n..two dots\r\n.\r\n \r\nlast line\r\n' \
	    "$3" "$2" "$2" "$2" >"$1"
}

# arrived ADDR MSGFILE: a message in ADDR's INBOX ends with MSGFILE's
# bytes (CRLF stored as LF by Dovecot), after the server's trace headers.
# Postfix's 250 comes before its delivery over LMTP: wait up to 10 s.
arrived() {
	tr -d '\r' <"$2" >"$W/want"
	n=$(wc -c <"$W/want")
	end=$(($(date +%s) + 10))
	while :; do
		for f in $(bash "$MAILENV" files "$D" "$1"); do
			if tail -c "$n" "$f" | cmp -s - "$W/want"; then
				found_file=$f
				return 0
			fi
		done
		[ "$(date +%s)" -lt "$end" ] || return 1
		sleep 0.1
	done
}

count() { bash "$MAILENV" count "$D" "$1"; }
submission_connects() { grep -c 'postfix/submission/smtpd.*: connect from' "$POSTFIX_LOG"; }

# ---------------------------------------------------------------- delivery
mkmail "$W/m-starttls.eml" starttls-1 "$USER_ada"
jane -p "$SUBMISSION_PORT" -s starttls -r "$USER_ada" "$W/m-starttls.eml"
expect ok '^250 ' "submission with STARTTLS accepted"
if arrived "$USER_ada" "$W/m-starttls.eml"; then
	ok "STARTTLS mail arrived byte for byte (dot lines intact)"
	if grep -q '^Received: from example.net ' "$found_file"; then
		ok "EHLO name is the configured domain"
	else
		fail "EHLO name: $(grep '^Received: from' "$found_file")"
	fi
else
	fail "STARTTLS mail not found intact in $USER_ada's INBOX"
fi

mkmail "$W/m-smtps.eml" smtps-1 "$USER_ben"
jane -p "$SMTPS_PORT" -s smtps -a login -r "$USER_ben" "$W/m-smtps.eml"
expect ok '^250 ' "SMTPS with AUTH LOGIN accepted"
if arrived "$USER_ben" "$W/m-smtps.eml"; then
	ok "SMTPS mail arrived byte for byte"
else
	fail "SMTPS mail not found intact in $USER_ben's INBOX"
fi

# About 1 MB with lines of zero, one and two leading dots: stuffing across
# libcurl's upload buffer boundaries, every byte as given.
python3 - "$W/m-big.eml" <<'PY'
import sys
head = (b"From: <jane@example.net>\r\nTo: <carol@example.org>\r\nSubject: big\r\n"
        b"Date: Mon, 01 Mar 2027 10:00:00 +0000\r\nMessage-ID: <big-1@example.net>\r\n\r\n")
lines = [b"." * (i % 3) + b"line %d " % i + b"x" * (i % 70) for i in range(20000)]
open(sys.argv[1], "wb").write(head + b"\r\n".join(lines) + b"\r\n")
PY
jane -p "$SUBMISSION_PORT" -r "$USER_carol" "$W/m-big.eml"
expect ok '^250 ' "a 1 MB mail accepted"
if arrived "$USER_carol" "$W/m-big.eml"; then
	ok "the 1 MB mail arrived byte for byte"
else
	fail "the 1 MB mail is not intact in $USER_carol's INBOX"
fi

# The body-handed mark (smtp_send_marked): called once however many times
# libcurl reads the body; a hook that fails stops the body before its end,
# and the server delivers nothing.
sed 's/big-1@/big-2@/' "$W/m-big.eml" >"$W/m-big2.eml"
SMTP_PROBE_MARK=ok jane -p "$SUBMISSION_PORT" -r "$USER_carol" "$W/m-big2.eml"
expect ok '^250 ' "a 1 MB mail with the mark accepted"
if grep -q '^smtp-probe: marks=1$' "$W/err" && arrived "$USER_carol" "$W/m-big2.eml"; then
	ok "the mark was called once for the 1 MB mail, which arrived intact"
else
	fail "mark with the 1 MB mail: $(grep 'marks=' "$W/err")"
fi
mkmail "$W/m-nomark.eml" nomark-1 "$USER_ada"
mkmail "$W/m-nomark2.eml" nomark-2 "$USER_ada"
SMTP_PROBE_MARK=fail jane -p "$SUBMISSION_PORT" -r "$USER_ada" "$W/m-nomark.eml" "$W/m-nomark2.eml"
expect temp 'could not be recorded' "a mark that fails: not sent"
# The aborted connection is never used again (the next MAIL FROM would be
# body text): the second mail opens its own.
if grep -q '^smtp-probe: marks=2$' "$W/err" && tail -n 1 "$W/out" | grep -q 'ok=0 connections=2 ' &&
    ! arrived "$USER_ada" "$W/m-nomark.eml" && ! arrived "$USER_ada" "$W/m-nomark2.eml"; then
	ok "a failed mark: the server delivered nothing, the connection was not reused"
else
	fail "a failed mark: $(grep 'marks=' "$W/err"), delivered: $(arrived "$USER_ada" "$W/m-nomark.eml" && echo yes)"
fi

# ------------------------------------------------------------------- batch
files=
i=1
while [ $i -le 20 ]; do
	mkmail "$W/b$i.eml" "batch-$i" "$USER_chloe"
	files="$files $W/b$i.eml"
	i=$((i + 1))
done
before=$(count "$USER_chloe")
conn_before=$(submission_connects)
# shellcheck disable=SC2086
jane -p "$SUBMISSION_PORT" -s starttls -r "$USER_chloe" $files
summary=$(tail -n 1 "$W/out")
nok=$(grep -c '^ok	' "$W/out")
conn_after=$(submission_connects)
if [ "$rc" = 0 ] && [ "$nok" = 20 ] && printf '%s\n' "$summary" | grep -q 'connections=1 '; then
	ok "20 mails, one connection by libcurl's count ($summary)"
else
	fail "batch: rc=$rc ok=$nok $summary"
fi
if [ $((conn_after - conn_before)) = 1 ]; then
	ok "the server saw one connection for the batch"
else
	fail "server saw $((conn_after - conn_before)) connections for the batch"
fi
i=0
while [ "$(count "$USER_chloe")" -lt $((before + 20)) ] && [ $i -lt 50 ]; do
	sleep 0.2
	i=$((i + 1))
done
if [ "$(count "$USER_chloe")" = $((before + 20)) ] && arrived "$USER_chloe" "$W/b20.eml"; then
	ok "all 20 arrived"
else
	fail "batch: $(count "$USER_chloe") messages, want $((before + 20))"
fi
echo "# batch of 20 over STARTTLS: $summary"

# ----------------------------------------------------- refused recipients
mkmail "$W/m-rcpt.eml" rcpt-1 "$USER_ravi"
bash "$MAILENV" smtp-reply "$D" "$USER_ravi" 450
jane -p "$SUBMISSION_PORT" -r "$USER_ravi" "$W/m-rcpt.eml"
expect temp 'RCPT TO:<ravi@example.com>: 450 4\.[0-9.]* .*forced by mailenv' "450 to RCPT"
bash "$MAILENV" smtp-reply "$D" "$USER_ravi" 550
jane -p "$SUBMISSION_PORT" -r "$USER_ravi" "$W/m-rcpt.eml"
expect perm 'RCPT TO:<ravi@example.com>: 550 5\.[0-9.]* .*forced by mailenv' "550 to RCPT"
# Two recipients, one refused: all or nothing.
jane -p "$SUBMISSION_PORT" -r "$USER_bob" -r "$USER_ravi" "$W/m-rcpt.eml"
expect perm 'RCPT TO:<ravi@example.com>: 550' "one of two recipients refused fails the mail"
bash "$MAILENV" smtp-reply "$D" "$USER_ravi" ok
jane -p "$SUBMISSION_PORT" -r "$USER_ravi" "$W/m-rcpt.eml"
expect ok '^250 ' "accepted once the server takes the recipient again"
jane -p "$SUBMISSION_PORT" -r "nobody@example.com" "$W/m-rcpt.eml"
expect perm '550 5\.1\.1 .*User unknown' "unknown user"

# ------------------------------------------------------------------ login
SMTP_PROBE_SECRET=not-the-password jane -p "$SUBMISSION_PORT" -r "$USER_ada" "$W/m-rcpt.eml"
expect auth '^AUTH: 535 ' "wrong password"
jane -a xoauth2 -p "$SUBMISSION_PORT" -r "$USER_ada" "$W/m-rcpt.eml"
expect auth 'does not offer AUTH XOAUTH2 (it offers: PLAIN LOGIN)' "a mechanism the server does not offer"
mkmail "$W/m-noauth.eml" noauth-1 "$USER_carol"
before=$(count "$USER_carol")
jane -p "$SMTP_PORT" -r "$USER_carol" "$W/m-noauth.eml"
expect auth 'offers no authentication' "server without AUTH while a login is configured"
sleep 1
if [ "$(count "$USER_carol")" = "$before" ]; then
	ok "nothing was delivered without the login"
else
	fail "a mail was delivered without logging in"
fi

# The secret never reaches the trace, for PLAIN and LOGIN, good or refused.
b64_plain=$(printf '\000%s\000%s' "$USER_jane" "$PASS_jane" | base64 | tr -d '\n')
b64_login=$(printf '%s' "$PASS_jane" | base64 | tr -d '\n')
leak=0
for a in plain login; do
	jane -v -a "$a" -p "$SUBMISSION_PORT" -r "$USER_ada" "$W/m-rcpt.eml"
	[ "$res" = ok ] || fail "verbose send with AUTH $a: $res $detail"
	grep -q '> AUTH$' "$W/err" || fail "the trace does not show AUTH ($a)"
	cat "$W/out" "$W/err" >"$W/all"
	SMTP_PROBE_SECRET=x$PASS_jane jane -v -a "$a" -p "$SUBMISSION_PORT" -r "$USER_ada" "$W/m-rcpt.eml"
	cat "$W/out" "$W/err" >>"$W/all"
	for s in "$PASS_jane" "$b64_plain" "$b64_login" "$(printf '\000%s\000x%s' "$USER_jane" "$PASS_jane" | base64 | tr -d '\n')"; do
		grep -q -F -- "$s" "$W/all" && leak=1
	done
done
if [ $leak = 0 ]; then
	ok "no password nor its base64 in the debug trace"
else
	fail "the secret shows in the output"
fi

# ------------------------------------------------------------ certificates
# expect_refused_cert NAME SECURITY HOST PORT PATTERN
expect_refused_cert() {
	mkmail "$W/m-cert.eml" "cert-$1-$2" "$USER_ada"
	jane -H "$3" -p "$4" -s "$2" -r "$USER_ada" "$W/m-cert.eml"
	expect auth "$5" "$1 certificate over $2 refused"
}
expect_refused_cert "unknown CA" smtps "$SMTPS_BADCA_HOST" "$SMTPS_BADCA_PORT" 'certificate of 127[.0-9]*:[0-9]* is not trusted (unknown CA)'
expect_refused_cert "unknown CA" starttls "$SUBMISSION_BADCA_HOST" "$SUBMISSION_BADCA_PORT" 'is not trusted (unknown CA)'
expect_refused_cert "wrong host" smtps "$SMTPS_WRONGHOST_HOST" "$SMTPS_WRONGHOST_PORT" "is for '$WRONGHOST_NAME', not '$SMTPS_WRONGHOST_HOST'"
expect_refused_cert "wrong host" starttls "$SUBMISSION_WRONGHOST_HOST" "$SUBMISSION_WRONGHOST_PORT" "is for '$WRONGHOST_NAME'"
expect_refused_cert "expired" smtps "$SMTPS_EXPIRED_HOST" "$SMTPS_EXPIRED_PORT" 'expired on 20[0-9-]*; the server.s certificate must be renewed (or this machine.s clock is wrong)$'
expect_refused_cert "expired" starttls "$SUBMISSION_EXPIRED_HOST" "$SUBMISSION_EXPIRED_PORT" 'expired on 20[0-9-]*; the server.s certificate must be renewed (or this machine.s clock is wrong)$'
# The wrong scheme for the port, both ways: the message says which one fits.
jane -H "$MAILENV_HOST" -p "$SUBMISSION_PORT" -s smtps -r "$USER_ada" "$W/m-cert.eml"
expect auth "^the server did not answer TLS on port $SUBMISSION_PORT: it may expect STARTTLS; use smtp://$MAILENV_HOST:$SUBMISSION_PORT (STARTTLS) or port 465 for smtps://\$" \
	"smtps:// against the submission port"
jane -H "$MAILENV_HOST" -p "$SMTPS_PORT" -s starttls -t 2 -r "$USER_ada" "$W/m-cert.eml"
expect temp "^no greeting from $MAILENV_HOST:$SMTPS_PORT: timed out (if port $SMTPS_PORT expects TLS from the first byte, use smtps://)\$" \
	"smtp:// against the SMTPS port"
jane -H "$SUBMISSION_NOSTARTTLS_HOST" -p "$SUBMISSION_NOSTARTTLS_PORT" -r "$USER_ada" "$W/m-cert.eml"
expect auth 'STARTTLS' "a server without STARTTLS (but offering AUTH) refused"
for h in "$SMTPS_BADCA_HOST" "$SMTPS_WRONGHOST_HOST" "$SMTPS_EXPIRED_HOST" "$SUBMISSION_NOSTARTTLS_HOST"; do
	if bash "$MAILENV" saw-login "$D" "$h" >"$W/saw" 2>&1; then
		fail "AUTH reached the server on $h: $(cat "$W/saw")"
	else
		ok "no AUTH arrived on $h"
	fi
done
# The control: the log does show the logins made on the good listeners.
if bash "$MAILENV" saw-login "$D" "$MAILENV_HOST" >/dev/null 2>&1; then
	ok "saw-login does see AUTH on the good listeners"
else
	fail "saw-login saw no AUTH at all: the checks above prove nothing"
fi

# ca_file adds to the system CA directory.  -C stands in for the system
# directory, holding the other CA only.
mkdir "$W/sysca"
cp "$BADCA_CA_FILE" "$W/sysca/other.pem"
openssl rehash "$W/sysca" >/dev/null 2>&1 || skip "openssl rehash failed"
mkmail "$W/m-ca.eml" ca-1 "$USER_ada"
jane -C "$W/sysca" -H "$SMTPS_BADCA_HOST" -p "$SMTPS_BADCA_PORT" -s smtps -r "$USER_ada" "$W/m-ca.eml"
expect ok '^250 ' "a server signed by a CA of the system directory, with ca_file set"
jane -C "$W/sysca" -p "$SMTPS_PORT" -s smtps -r "$USER_ada" "$W/m-ca.eml"
expect ok '^250 ' "a server signed by ca_file, with the system directory in use"
probe -u "$USER_jane" -C "$W/sysca" -p "$SMTPS_PORT" -s smtps -r "$USER_ada" "$W/m-ca.eml"
expect auth 'not trusted (unknown CA)' "without ca_file the private CA is not trusted"

# Plain text only with allow_insecure.
probe -s none -p "$SMTP_PORT" -r "$USER_ada" "$W/m-ca.eml"
if [ "$rc" = 70 ] && grep -q 'allow_insecure' "$W/err"; then
	ok "no TLS refused without allow_insecure"
else
	fail "no TLS without allow_insecure: rc=$rc $(cat "$W/err")"
fi

# ------------------------------------------------------------ fake servers
cat >"$W/fake.py" <<'PY'
# A scripted SMTP server on 127.0.0.1 for one scenario (see smtp-send.sh).
import os, socket, sys, time
mode, portfile, logfile = sys.argv[1], sys.argv[2], sys.argv[3]
arg = sys.argv[4] if len(sys.argv) > 4 else ""
ls = socket.socket()
ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
ls.bind(("127.0.0.1", 0))
ls.listen(8)
with open(portfile + ".tmp", "w") as f:
    f.write(str(ls.getsockname()[1]))
os.rename(portfile + ".tmp", portfile)
log = open(logfile, "a", buffering=1)
held = []
while True:
    c, _ = ls.accept()
    log.write("connect\n")
    if mode == "silent":            # never a byte
        held.append(c)
        continue
    if mode == "greet":             # one reply, then close
        c.sendall(arg.encode() + b"\r\n")
        c.close()
        continue
    f = c.makefile("rb")
    say = lambda s: c.sendall(s.encode() + b"\r\n")
    say("220 fake ESMTP")
    while True:
        line = f.readline()
        if not line:
            break
        cmd = line.strip().upper()
        if cmd.startswith(b"EHLO"):
            say("250-fake")
            say("250 8BITMIME")
        elif cmd.startswith(b"MAIL") or cmd.startswith(b"RCPT"):
            say("250 2.1.0 ok")
        elif cmd == b"DATA":
            say("354 go ahead")
            body = b""
            while True:
                l = f.readline()
                if not l or l == b".\r\n":
                    break
                body += l[1:] if l.startswith(b".") else l
            log.write("body %d %s\n" % (len(body), "complete" if l == b".\r\n" else "cut"))
            with open(logfile + ".body", "wb") as bf:
                bf.write(body)
            if mode == "drop":          # the whole mail, then close, no reply
                c.shutdown(socket.SHUT_RDWR)
                c.close()
                break
            if mode == "hold":          # the whole mail, then silence
                time.sleep(3600)
            say(arg if mode == "reply" else "250 2.0.0 queued")
        elif cmd == b"QUIT":
            say("221 bye")
            break
        else:
            say("502 5.5.2 what")
    c.close()
PY

# fake MODE [ARG]: start a fake server; its port in $FPORT, log $FLOG.
nfake=0
fake() {
	nfake=$((nfake + 1))
	FLOG=$W/fake$nfake.log
	: >"$FLOG"
	python3 "$W/fake.py" "$1" "$W/port$nfake" "$FLOG" "${2:-}" &
	FAKE_PIDS="$FAKE_PIDS $!"
	i=0
	while [ ! -s "$W/port$nfake" ] && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	FPORT=$(cat "$W/port$nfake" 2>/dev/null) || FPORT=
	[ -n "$FPORT" ] || fail "fake server $1 did not start"
}
# plain ARGS...: no TLS, no AUTH, short timeouts; $ms the time taken.
plain() {
	t0=$(date +%s%N)
	probe -s none -k -t 2 -T 2 -p "$FPORT" "$@"
	ms=$((($(date +%s%N) - t0) / 1000000))
}
mkmail "$W/m-fake.eml" fake-1 "someone@example.com"
want_body=$(wc -c <"$W/m-fake.eml")

fake drop
plain -r someone@example.com "$W/m-fake.eml"
expect unknown 'may have been delivered' "connection dropped after the body"
if grep -q '^body [0-9]* complete' "$FLOG"; then
	ok "the fake server had received the whole mail before the drop"
else
	fail "fake drop: $(cat "$FLOG")"
fi

fake hold
plain -r someone@example.com "$W/m-fake.eml"
expect unknown 'may have been delivered' "no reply after the body"
if [ "$ms" -lt 6000 ]; then
	ok "gave up after ${ms} ms (timeout 2 s)"
else
	fail "no reply after the body took ${ms} ms"
fi

fake silent
plain -r someone@example.com "$W/m-fake.eml"
expect temp '[Tt]imeout\|timed out' "a server that never answers"
if [ "$ms" -lt 6000 ]; then
	ok "gave up after ${ms} ms (timeout 2 s)"
else
	fail "silent server took ${ms} ms"
fi

fake reply '452 4.3.1 Insufficient system storage'
plain -r someone@example.com "$W/m-fake.eml"
expect temp 'DATA: 452 4.3.1 Insufficient system storage' "452 to the body"
fake reply '554 5.7.1 Message refused'
plain -r someone@example.com "$W/m-fake.eml"
expect perm 'DATA: 554 5.7.1 Message refused' "554 to the body"
fake greet '421 4.3.2 Too busy, try later'
plain -r someone@example.com "$W/m-fake.eml"
expect temp 'greeting: 421 4.3.2 Too busy' "421 greeting"
fake greet '554 5.7.1 You are not welcome'
plain -r someone@example.com "$W/m-fake.eml"
expect auth 'greeting: 554 5.7.1' "554 greeting"

# A good fake in plain text with allow_insecure: the bytes and one
# connection for three mails.
fake ok
plain -r someone@example.com "$W/m-fake.eml" "$W/m-fake.eml" "$W/m-fake.eml"
if [ "$rc" = 0 ] && tail -n 1 "$W/out" | grep -q 'connections=1 ' &&
    [ "$(grep -c '^connect' "$FLOG")" = 1 ] &&
    [ "$(grep -c "^body $want_body complete" "$FLOG")" = 3 ] &&
    cmp -s "$FLOG.body" "$W/m-fake.eml"; then
	ok "plain text with allow_insecure: 3 mails of exactly $want_body bytes, one connection"
else
	fail "fake ok: rc=$rc $(tail -n 1 "$W/out") log: $(tr '\n' ' ' <"$FLOG")"
fi

# A closed port: take a port from a fake that is then stopped.
fake ok
port=$FPORT
for p in $FAKE_PIDS; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
FAKE_PIDS=
FPORT=$port
plain -r someone@example.com "$W/m-fake.eml"
expect temp '.' "connection refused"

echo "# $checks checks passed, $failures failed"
[ "$failures" = 0 ]
