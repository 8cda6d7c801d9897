#!/bin/sh
# imap-tls.sh: the imap module against a private Dovecot (tests/lib/mailenv.sh).
#
# Good paths over IMAPS and STARTTLS: login, SELECT, APPEND, Message-ID
# search (exact, not substring), UID searches, fetching for recognition
# with a size cap (a big attachment is not downloaded), IDLE seeing a
# delivered message (also when the news is already in libetpan's buffer).
# Refusals: unknown CA, wrong host name, expired certificate, no STARTTLS,
# each before any LOGIN/AUTHENTICATE reached the server (the server log
# says so), with exit status and message checked.  Skips (77) without root
# or the servers.
set -u

: "${top_srcdir:=.}" "${top_builddir:=.}"
PROBE=$top_builddir/tests/lib/imap-probe
MAILENV=$top_srcdir/tests/lib/mailenv.sh

skip() { echo "SKIP: $*"; exit 77; }
[ "$(id -u)" = 0 ] || skip "needs root for the mail servers"
for b in dovecot doveadm postfix openssl setsid flock bash; do
	command -v "$b" >/dev/null 2>&1 || skip "$b is not installed"
done
[ -x "$PROBE" ] || { echo "FAIL: $PROBE not built"; exit 1; }
[ -f "$MAILENV" ] || skip "no $MAILENV"

D=$(mktemp -d "${TMPDIR:-/tmp}/fuimap.XXXXXX") || exit 1
W=$(mktemp -d "${TMPDIR:-/tmp}/fuimapw.XXXXXX") || exit 1
cleanup() {
	bash "$MAILENV" stop "$D" >/dev/null 2>&1 || true
	rm -rf "$D" "$W"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP
bash "$MAILENV" start "$D" || { echo "FAIL: mailenv start"; exit 1; }
. "$D/env"

failures=0
checks=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
ok() { checks=$((checks + 1)); echo "ok $checks - $*"; }

# probe [options...] COMMAND ...: run with jane's password; output in $W/out, $W/err.
IMAP_PROBE_SECRET=$PASS_jane
export IMAP_PROBE_SECRET
probe() {
	"$PROBE" -u "$USER_jane" -c "$CA_FILE" -t 10 "$@" >"$W/out" 2>"$W/err"
}

# expect_ok DESCRIPTION probe-args...
expect_ok() {
	desc=$1
	shift
	if probe "$@"; then
		ok "$desc"
	else
		fail "$desc: exit $? ($(cat "$W/err"))"
	fi
}

# expect_refused DESCRIPTION STATUS PATTERN HOST probe-args...: the probe
# fails with STATUS, stderr matches PATTERN (grep -E), and the server saw no
# login attempt on HOST.
expect_refused() {
	desc=$1 want=$2 pattern=$3 host=$4
	shift 4
	probe "$@"
	rc=$?
	if [ "$rc" != "$want" ]; then
		fail "$desc: exit $rc, want $want ($(cat "$W/err"))"
	elif ! grep -Eq "$pattern" "$W/err"; then
		fail "$desc: message '$(cat "$W/err")' does not match '$pattern'"
	elif bash "$MAILENV" saw-login "$D" "$host" >"$W/saw" 2>&1; then
		fail "$desc: the server saw a login attempt: $(cat "$W/saw")"
	else
		ok "$desc: $(sed 's/^imap-probe: //' "$W/err")"
	fi
}

# ---- refusals before any credential -------------------------------------

expect_refused "IMAPS, unknown CA" 69 \
	"certificate of $IMAPS_BADCA_HOST:$IMAPS_BADCA_PORT is not trusted \(unknown CA\)" \
	"$IMAPS_BADCA_HOST" -H "$IMAPS_BADCA_HOST" -p "$IMAPS_BADCA_PORT" -s imaps login
expect_refused "STARTTLS, unknown CA" 69 \
	"certificate of $IMAP_BADCA_HOST:$IMAP_BADCA_PORT is not trusted \(unknown CA\)" \
	"$IMAP_BADCA_HOST" -H "$IMAP_BADCA_HOST" -p "$IMAP_BADCA_PORT" -s starttls login
expect_refused "IMAPS, wrong host name" 69 \
	"certificate of $IMAPS_WRONGHOST_HOST:$IMAPS_WRONGHOST_PORT is for '$WRONGHOST_NAME', not '$IMAPS_WRONGHOST_HOST'" \
	"$IMAPS_WRONGHOST_HOST" -H "$IMAPS_WRONGHOST_HOST" -p "$IMAPS_WRONGHOST_PORT" -s imaps login
expect_refused "STARTTLS, wrong host name" 69 \
	"is for '$WRONGHOST_NAME', not '$IMAP_WRONGHOST_HOST'" \
	"$IMAP_WRONGHOST_HOST" -H "$IMAP_WRONGHOST_HOST" -p "$IMAP_WRONGHOST_PORT" -s starttls login
expect_refused "IMAPS, expired certificate" 69 \
	"certificate of $IMAPS_EXPIRED_HOST:$IMAPS_EXPIRED_PORT expired on 2020-01-0[12]" \
	"$IMAPS_EXPIRED_HOST" -H "$IMAPS_EXPIRED_HOST" -p "$IMAPS_EXPIRED_PORT" -s imaps login
expect_refused "STARTTLS, expired certificate" 69 "expired on 2020-01-0[12]" \
	"$IMAP_EXPIRED_HOST" -H "$IMAP_EXPIRED_HOST" -p "$IMAP_EXPIRED_PORT" -s starttls login
expect_refused "no STARTTLS offered" 69 \
	"$IMAP_NOSTARTTLS_HOST:$IMAP_NOSTARTTLS_PORT does not offer STARTTLS; refusing to log in without TLS" \
	"$IMAP_NOSTARTTLS_HOST" -H "$IMAP_NOSTARTTLS_HOST" -p "$IMAP_NOSTARTTLS_PORT" -s starttls login
expect_refused "plain text without allow_insecure" 69 "IMAP without TLS needs allow_insecure" \
	"$IMAP_NOSTARTTLS_HOST" -H "$IMAP_NOSTARTTLS_HOST" -p "$IMAP_NOSTARTTLS_PORT" -s none login
# Last on this listener (its log now shows a login): allow_insecure goes on
# in plain text, with a warning.
if probe -H "$IMAP_NOSTARTTLS_HOST" -p "$IMAP_NOSTARTTLS_PORT" -s starttls -k login &&
    grep -q "does not offer STARTTLS; going on without TLS because allow_insecure is set" "$W/err"; then
	ok "no STARTTLS, allow_insecure: plain-text login with a warning"
else
	fail "no STARTTLS, allow_insecure: $(cat "$W/out" "$W/err")"
fi
# imap:// (STARTTLS) against the IMAPS port: the server waits for a TLS
# hello, the client for a greeting; the message says which scheme fits.
expect_refused "STARTTLS against the IMAPS port" 75 \
	"greeting: connection to $MAILENV_HOST:$IMAPS_PORT lost or timed out \(if port $IMAPS_PORT expects TLS from the first byte, use imaps://\)" \
	"$MAILENV_HOST" -H "$MAILENV_HOST" -p "$IMAPS_PORT" -s starttls -t 2 login
expect_refused "XOAUTH2 not offered" 69 "does not offer AUTH=XOAUTH2" \
	"$MAILENV_HOST" -H "$MAILENV_HOST" -p "$IMAPS_PORT" -s imaps -a xoauth2 login
# The same bad-CA server is fine with its CA configured: the refusal above
# was about trust, nothing else.
expect_ok "bad-CA server accepted with its own CA file" \
	-H "$IMAPS_BADCA_HOST" -p "$IMAPS_BADCA_PORT" -s imaps -c "$BADCA_CA_FILE" login
# Without any CA file the private CA is unknown to the system store.
if "$PROBE" -u "$USER_jane" -H "$MAILENV_HOST" -p "$IMAPS_PORT" login >"$W/out" 2>"$W/err"; then
	fail "private CA accepted without ca_file"
elif grep -q "unknown CA" "$W/err"; then
	ok "private CA refused without ca_file"
else
	fail "without ca_file: $(cat "$W/err")"
fi

# ---- failures of the other kinds ------------------------------------------

IMAP_PROBE_SECRET=wrong-password probe -H "$MAILENV_HOST" -p "$IMAPS_PORT" login
rc=$?
if [ "$rc" = 69 ] && grep -q "AUTHENTICATIONFAILED" "$W/err" && ! grep -q "wrong-password" "$W/err"; then
	ok "wrong password: permanent ($(sed 's/^imap-probe: //' "$W/err"))"
else
	fail "wrong password: exit $rc ($(cat "$W/err"))"
fi

# ---- good paths -------------------------------------------------------------

mk_msg() { # FILE MESSAGE-ID SUBJECT
	printf 'From: Ada Brooks <ada@example.com>\r\nTo: Jane Doe <jane@example.net>\r\nSubject: %s\r\nMessage-ID: %s\r\nDate: Mon, 01 Mar 2027 10:00:00 +0000\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHello Jane,\r\nsee you on Tuesday.\r\n' "$3" "$2" >"$1"
}

for sec in imaps starttls; do
	if [ $sec = imaps ]; then port=$IMAPS_PORT; else port=$IMAP_PORT; fi
	P="-H $MAILENV_HOST -p $port -s $sec"
	# shellcheck disable=SC2086
	expect_ok "$sec: login (AUTHENTICATE PLAIN)" $P login
	grep -q "idle=1 uidplus=1" "$W/out" || fail "$sec: capabilities after login: $(cat "$W/out")"
	# shellcheck disable=SC2086
	expect_ok "$sec: login (LOGIN command)" $P -a login login
	# shellcheck disable=SC2086
	expect_ok "$sec: select INBOX" $P select INBOX
	before=$(sed -n 's/.*uidnext=\([0-9]*\).*/\1/p' "$W/out")

	id="<$sec-$$@example.com>"
	mk_msg "$W/m-$sec.eml" "$id" "Interview $sec"
	# shellcheck disable=SC2086
	expect_ok "$sec: append to Sent" $P append Sent "$W/m-$sec.eml"
	# shellcheck disable=SC2086
	expect_ok "$sec: find by Message-ID" $P msgid Sent "$id"
	grep -q "^found uid=[1-9]" "$W/out" || fail "$sec: msgid output $(cat "$W/out")"
	# A substring of the Message-ID is found by SEARCH but must not match.
	short=$(printf '%s' "$id" | sed 's/^<./</')
	# shellcheck disable=SC2086
	probe $P msgid Sent "$short"
	rc=$?
	if [ "$rc" = 1 ] && grep -q "^not found" "$W/out"; then
		ok "$sec: substring Message-ID not taken for the real one"
	else
		fail "$sec: substring Message-ID: exit $rc $(cat "$W/out" "$W/err")"
	fi

	# IDLE sees a delivered message.
	# shellcheck disable=SC2086
	"$PROBE" -u "$USER_jane" -c "$CA_FILE" -t 10 $P idle INBOX 20 >"$W/idle" 2>"$W/idle.err" &
	pid=$!
	i=0
	while ! grep -q '^idling' "$W/idle" && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	bash "$MAILENV" deliver "$D" "$USER_jane" "$W/m-$sec.eml"
	if wait $pid && grep -q "^new uid=$before\$" "$W/idle"; then
		ok "$sec: IDLE saw the delivered message (uid $before)"
	else
		fail "$sec: IDLE: $(cat "$W/idle" "$W/idle.err"; grep -Ei "warning|error" "$D/dovecot.log" | tail -n 5)"
	fi

	# Mail that arrives between SELECT and IDLE is announced right after
	# "+ idling", often in the same read: it must not wait for the next event.
	next=$((before + 1))
	# shellcheck disable=SC2086
	IMAP_PROBE_PAUSE_MS=1500 "$PROBE" -u "$USER_jane" -c "$CA_FILE" -t 10 $P idle INBOX 20 \
		>"$W/idle" 2>"$W/idle.err" &
	pid=$!
	i=0
	while ! grep -q '^paused' "$W/idle" && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	bash "$MAILENV" deliver "$D" "$USER_jane" "$W/m-$sec.eml"
	start=$(date +%s)
	if wait $pid && grep -q "^new uid=$next\$" "$W/idle" && [ $(($(date +%s) - start)) -lt 10 ]; then
		ok "$sec: IDLE after a delivery during SELECT..IDLE ($(grep '^idling' "$W/idle" | head -n 1))"
	else
		fail "$sec: IDLE after pause: $(cat "$W/idle" "$W/idle.err"; grep -Ei "warning|error" "$D/dovecot.log" | tail -n 5)"
	fi

	# shellcheck disable=SC2086
	expect_ok "$sec: fetch a small message whole" $P fetch INBOX "$before" 1000000
	if cmp -s "$W/out" "$W/m-$sec.eml" && grep -q "complete=1" "$W/err"; then
		ok "$sec: small message fetched byte for byte"
	else
		fail "$sec: small message differs: $(cat "$W/err")"
	fi
done

# ---- searches -----------------------------------------------------------------

G="-H $MAILENV_HOST -p $IMAPS_PORT -s imaps"
# shellcheck disable=SC2086
expect_ok "select" $G select INBOX
uidnext=$(sed -n 's/.*uidnext=\([0-9]*\).*/\1/p' "$W/out")
# UID SEARCH UID n:* answers with the last message even when n is above it.
# shellcheck disable=SC2086
if probe $G from INBOX $((uidnext + 5)) && [ ! -s "$W/out" ]; then
	ok "UID n:* with n above the last UID returns nothing"
else
	fail "UID n:* with n > max: $(cat "$W/out" "$W/err")"
fi
# shellcheck disable=SC2086
if probe $G from INBOX 2 && [ "$(wc -l <"$W/out")" -eq $((uidnext - 2)) ]; then
	ok "UID search from 2: $(echo $(cat "$W/out"))"
else
	fail "search from 2 (uidnext $uidnext): $(cat "$W/out" "$W/err")"
fi
# shellcheck disable=SC2086
if probe $G since INBOX 1 && [ "$(wc -l <"$W/out")" -eq $((uidnext - 1)) ]; then
	ok "UID search since yesterday: $(echo $(cat "$W/out"))"
else
	fail "search since (uidnext $uidnext): $(cat "$W/out" "$W/err")"
fi
# shellcheck disable=SC2086
if probe $G sent && [ "$(cat "$W/out")" = Sent ]; then
	ok "Sent folder found by its \\Sent flag"
else
	fail "sent folder: $(cat "$W/out" "$W/err")"
fi

# ---- a message with a big attachment ------------------------------------------

# multipart/mixed: alternative (text, html, calendar), an 8 MB PDF, and a
# forwarded message with text and a 300 kB image.
{
	printf 'From: Ada Brooks <ada@example.com>\r\nTo: jane@example.net\r\nSubject: Invitation: Interview\r\nMessage-ID: <big-%s@example.com>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="outer"\r\n\r\n' $$
	printf -- '--outer\r\nContent-Type: multipart/alternative; boundary="alt"\r\n\r\n'
	printf -- '--alt\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nPlain invitation text\r\n'
	printf -- '--alt\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>HTML invitation</p>\r\n'
	printf -- '--alt\r\nContent-Type: text/calendar; method=REQUEST; charset=utf-8\r\n\r\nBEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:big-%s@example.com\r\nDTSTART:20270302T150000Z\r\nDTEND:20270302T160000Z\r\nSUMMARY:Interview\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n--alt--\r\n' $$
	printf -- '--outer\r\nContent-Type: application/pdf; name="big.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\n'
	head -c 6000000 /dev/urandom | base64 | sed 's/$/\r/'
	printf -- '--outer\r\nContent-Type: message/rfc822\r\n\r\n'
	printf 'From: Ravi <ravi@example.com>\r\nSubject: inner\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="in"\r\n\r\n'
	printf -- '--in\r\nContent-Type: text/plain\r\n\r\nForwarded note\r\n'
	printf -- '--in\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\n'
	head -c 300000 /dev/urandom | base64 | sed 's/$/\r/'
	printf -- '--in--\r\n--outer--\r\n'
} >"$W/big.eml"
bigsize=$(wc -c <"$W/big.eml")
# shellcheck disable=SC2086
expect_ok "append a ${bigsize}-byte message" $G append INBOX "$W/big.eml"
biguid=$(sed -n 's/^uid=//p' "$W/out")
# shellcheck disable=SC2086
expect_ok "fetch it for recognition with a 1 MB cap" $G fetch INBOX "$biguid" 1000000
cp "$W/out" "$W/big.out"
stats=$(cat "$W/err")
wire=$(sed -n 's/.*wire=\([0-9]*\).*/\1/p' "$W/err")
if [ -n "$wire" ] && [ "$wire" -lt 65536 ] && grep -q "complete=0 omitted=2" "$W/err"; then
	ok "big message: $stats (message $bigsize bytes)"
else
	fail "big message: $stats"
fi
missing=
for want in "BEGIN:VEVENT" "Plain invitation text" "<p>HTML invitation</p>" "Forwarded note" \
    "X-Followupd-Omitted: [0-9]* bytes" "Content-Type: application/pdf" "Subject: inner"; do
	grep -q "$want" "$W/big.out" || missing="$missing '$want'"
done
if [ -z "$missing" ]; then
	ok "rebuilt message keeps the text, calendar and forwarded parts"
else
	fail "big message: rebuilt message lacks$missing"
fi
# Every boundary opened is closed, in a well-nested way.
opened=$(grep -c '^Content-Type: multipart/.*boundary="=_followupd_' "$W/big.out")
closed=$(grep -c '^--=_followupd_.*--' "$W/big.out")
if [ "$opened" = 3 ] && [ "$closed" = 3 ]; then
	ok "rebuilt message has 3 multiparts, all closed"
else
	fail "rebuilt multiparts: opened $opened, closed $closed"
fi
# With a cap above its size it comes whole.
# shellcheck disable=SC2086
expect_ok "fetch it whole with a 20 MB cap" $G fetch INBOX "$biguid" 20000000
if cmp -s "$W/out" "$W/big.eml"; then
	ok "big message fetched whole is byte for byte the same"
else
	fail "big message fetched whole differs"
fi

# ---- Dovecot down: a temporary failure ------------------------------------------

bash "$MAILENV" stop-dovecot "$D"
probe -H "$MAILENV_HOST" -p "$IMAPS_PORT" login
rc=$?
if [ "$rc" = 75 ] && grep -q "cannot connect to $MAILENV_HOST:$IMAPS_PORT" "$W/err"; then
	ok "server down: temporary failure"
else
	fail "server down: exit $rc ($(cat "$W/err"))"
fi
bash "$MAILENV" start-dovecot "$D"

echo "$checks checks passed, $failures failed"
[ "$failures" = 0 ]
