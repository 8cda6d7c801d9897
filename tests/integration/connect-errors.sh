#!/bin/bash
# connect-errors.sh: `followupd --once` says why it could not reach a server,
# what to do about it, and ends with the status its caller can act on:
# 75 (EX_TEMPFAIL) when IMAP could not be reached or a due mail waits for
# another try, 69 (EX_UNAVAILABLE) when a mail failed for good or IMAP
# refused for a reason that will not heal (wrong scheme, untrusted
# certificate), 0 only when everything due went.  Against the private
# Dovecot + Postfix of tests/lib/mailenv.sh, a closed port on 127.0.0.1 and a
# name under the reserved .invalid domain (it fails locally, no network).
set -u
. "$top_srcdir/tests/lib/lib.sh"

lib_start
CONF=$ENV/followupd.conf
checks=0
# A port nobody listens on: bound by the kernel for us, then let go.
CLOSED=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# The resolver's words for a name that does not exist (glibc, musl).
NXNAME='(Name or service not known|No address associated with hostname|Name does not resolve)'

# once STATUS PATTERN WHAT: followupd --once exits with STATUS and one line
# of its stderr matches PATTERN (grep -Ex: the whole line).
once() {
	local want=$1 pattern=$2 what=$3 rc
	"$FOLLOWUPD" --once --allow-root -c "$CONF" >"$ENV/out" 2>"$ENV/err"
	rc=$?
	if [ "$rc" != "$want" ]; then
		cat "$ENV/err"
		fail "$what: exit status $rc, want $want"
	fi
	if ! grep -Exq -- "$pattern" "$ENV/err"; then
		cat "$ENV/err"
		fail "$what: no line is: $pattern"
	fi
	checks=$((checks + 1))
	echo "ok $checks - $what (exit $rc): $(grep -Ex -- "$pattern" "$ENV/err" | head -n 1)"
}

# imap_at URL: a fresh state, the IMAP server at URL, SMTP as usual.
imap_at() {
	rm -rf "$ENV/state"
	lib_config "$CONF" auto
	sed -i "s|\"imap://127.0.0.1:$IMAP_PORT\"|\"$1\"|" "$CONF"
	grep -qF "\"$1\"" "$CONF" || fail "could not set imap.url to $1"
}

# smtp_at URL: a fresh state, the SMTP server at URL, IMAP as usual.
smtp_at() {
	rm -rf "$ENV/state"
	SMTP_BLOCK="smtp = { url = \"$1\"; user = \"jane@example.net\";
         password_command = \"cat $ENV/jane.pass\"; ca_file = \"$CA_FILE\"; };" \
		lib_config "$CONF" auto
	sed -i 's|timezone = "Europe/London"|timezone = "Europe/Paris"|' "$CONF"
	ingest
}

# ingest: one pass reads the INBOX; the interviews there ended before
# followupd saw them, so their mails wait "found late": approve them, as
# the user would, so the next pass has them due.
ingest() {
	"$FOLLOWUPD" --once --allow-root -c "$CONF" >"$ENV/out" 2>"$ENV/ingest.err"
	lib_approve_late_now
}

# ---- IMAP ------------------------------------------------------------------
imap_at "imaps://127.0.0.1:$CLOSED"
once 75 "followupd: error: IMAP: cannot connect to 127\.0\.0\.1:$CLOSED: Connection refused" \
	"IMAP, closed port"
imap_at "imaps://imap.example.invalid"
once 75 "followupd: error: IMAP: cannot resolve imap\.example\.invalid: $NXNAME" \
	"IMAP, a name that does not resolve"
imap_at "imaps://127.0.0.1:$IMAP_PORT"
once 69 "followupd: error: IMAP: the server did not answer TLS on port $IMAP_PORT: it may expect STARTTLS; use imap://127\.0\.0\.1:$IMAP_PORT \(STARTTLS\) or port 993 for imaps://" \
	"IMAP, imaps:// on the STARTTLS port"
imap_at "imaps://$IMAPS_BADCA_HOST:$IMAPS_BADCA_PORT"
once 69 "followupd: error: IMAP: certificate of ${IMAPS_BADCA_HOST//./\\.}:$IMAPS_BADCA_PORT is not trusted \(unknown CA\); set imap\.ca_file to the CA that signed it" \
	"IMAP, unknown CA"

# ---- SMTP: a thank-you is due as soon as the INBOX is read ------------------
T=$(date +%s)
lib_invite "$ENV/inv1.eml" ce-1@google.com 0 "@$((T - 3*3600))" "@$((T - 2*3600))" REQUEST \
	"Ada Brooks:ada@example.com" ce-1@example.com
mailenv deliver "$ENV" jane@example.net "$ENV/inv1.eml"
# One time zone per line: the user's (Paris here, +0100 in winter), with
# its offset.
OFF=$(TZ=Europe/Paris date +%z)
DEFERRED="followupd: warning: mail [0-9]+ to [a-z]+@example\.com deferred until [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2} \\$OFF:"

smtp_at "smtp://127.0.0.1:$CLOSED"
once 75 "$DEFERRED cannot connect to 127\.0\.0\.1:$CLOSED: Connection refused" "SMTP, closed port"
smtp_at "smtps://smtp.example.invalid"
once 75 "$DEFERRED cannot resolve smtp\.example\.invalid: $NXNAME" "SMTP, a name that does not resolve"
smtp_at "smtps://127.0.0.1:$SUBMISSION_PORT"
once 75 "$DEFERRED the server did not answer TLS on port $SUBMISSION_PORT: it may expect STARTTLS; use smtp://127\.0\.0\.1:$SUBMISSION_PORT \(STARTTLS\) or port 465 for smtps://" \
	"SMTP, smtps:// on the STARTTLS port"
smtp_at "smtps://$SMTPS_BADCA_HOST:$SMTPS_BADCA_PORT"
once 75 "$DEFERRED certificate of ${SMTPS_BADCA_HOST//./\\.}:$SMTPS_BADCA_PORT is not trusted \(unknown CA\); set smtp\.ca_file to the CA that signed it" \
	"SMTP, unknown CA"
[ "$(lib_count ada@example.com)" = 0 ] || fail "a mail reached ada through a refused server"

# Everything due goes: 0.  Then a mail the server refuses for good: 69.
smtp_at "smtp://127.0.0.1:$SUBMISSION_PORT"
grep -Eq "followupd: scheduled mail [0-9]+: thank-you to ada@example\.com, .*, due [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2} \\$OFF" "$ENV/ingest.err" ||
	fail "the scheduled line is not in the user's zone: $(grep 'scheduled mail' "$ENV/ingest.err")"
once 0 "followupd: sent mail [0-9]+ \(thank_you\) to ada@example\.com: .*" \
	"SMTP, everything due sent"
# Postfix has queued it ("250 ... queued as"); its delivery to the mailbox
# comes a moment later.
lib_wait 20 '[ "$(lib_count ada@example.com)" = 1 ]' || fail "ada has $(lib_count ada@example.com) mails, want 1"
lib_invite "$ENV/inv2.eml" ce-2@google.com 0 "@$((T - 3*3600))" "@$((T - 2*3600))" REQUEST \
	"Zed Nobody:zed@example.com" ce-2@example.com
mailenv deliver "$ENV" jane@example.net "$ENV/inv2.eml"
ingest
once 69 "followupd: error: mail [0-9]+ to zed@example\.com failed: .*User unknown.*" \
	"SMTP, a recipient refused for good"

echo "$checks checks passed"
