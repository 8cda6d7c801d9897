#!/bin/bash
# OAuth2 against real servers: Dovecot checks every token with a local
# introspection server (tests/lib/oauth2-introspect.py) that accepts only the
# current one, and Postfix's SASL goes through that Dovecot.  followupd logs
# in to IMAP with OAUTHBEARER and to SMTP with XOAUTH2, its password_command
# reading the same token file as the server.  The token rotates every few
# seconds while mails go before and after: every mail goes once, none
# waits for the 30-minute pause of a refused login.  A helper that hands
# out a stale token once is refused by the server, asked again at once and
# the login retried (IMAP and SMTP).  SMTP OAUTHBEARER and IMAP XOAUTH2 are
# checked with the probes.
set -u
. "$top_srcdir/tests/lib/lib.sh"

command -v python3 >/dev/null || { echo "SKIP: python3 is not installed"; exit 77; }
export MAILENV_OAUTH2=1
lib_start
[ "${MAILENV_OAUTH2:-0}" = 1 ] && [ -n "${TOKEN_FILE:-}" ] || fail "mailenv did not start with OAuth2"
IMAP_PROBE="$top_builddir/tests/lib/imap-probe"
SMTP_PROBE="$top_builddir/tests/lib/smtp-probe"

# The token helper: the current token from the server's own file, unless a
# stale one was planted for this side (then that, once), like a helper
# whose cache is a moment behind the server.
cat >"$ENV/helper.sh" <<EOF
side=\$1
if [ -f "$ENV/stale-\$side" ]; then
	cat "$ENV/stale-\$side"
	rm -f "$ENV/stale-\$side"
	exit 0
fi
while read -r u t; do
	[ "\$u" = jane@example.net ] && { echo "\$t"; exit 0; }
done <"$TOKEN_FILE"
echo "no token for jane" >&2
exit 1
EOF
SMTP_BLOCK="smtp = { url = \"smtp://127.0.0.1:$SUBMISSION_PORT\"; user = \"jane@example.net\";
         auth = \"xoauth2\"; password_command = \"sh $ENV/helper.sh smtp\"; ca_file = \"$CA_FILE\"; };"
lib_config "$ENV/followupd.conf" auto
sed -i "s|password_command = \"cat $ENV/jane.pass\";|auth = \"oauthbearer\"; password_command = \"sh $ENV/helper.sh imap\";|" \
	"$ENV/followupd.conf"
grep -q 'auth = "oauthbearer"' "$ENV/followupd.conf" || fail "could not set imap.auth"
# The user's password must play no part: make it useless.
mailenv passwd "$ENV" jane@example.net "unused-$RANDOM$RANDOM"

rotate() {
	mailenv token "$ENV" jane@example.net "tok-$(date +%s%N)-$RANDOM"
}
old=$(mailenv token "$ENV" jane@example.net)

# The probes: the other mechanism of each protocol, and a refused token.
IMAP_PROBE_SECRET=$old "$IMAP_PROBE" -H 127.0.0.1 -p "$IMAP_PORT" -s starttls -u jane@example.net \
	-a xoauth2 -c "$CA_FILE" login >/dev/null || fail "IMAP XOAUTH2 with the current token refused"
IMAP_PROBE_SECRET=nope "$IMAP_PROBE" -H 127.0.0.1 -p "$IMAP_PORT" -s starttls -u jane@example.net \
	-a oauthbearer -c "$CA_FILE" login >/dev/null 2>"$ENV/probe.err" && fail "IMAP took a wrong token"
grep -q "AUTHENTICATE OAUTHBEARER as jane@example.net .* refused: NO \[AUTHENTICATIONFAILED\]" "$ENV/probe.err" ||
	fail "IMAP OAUTHBEARER refusal not reported: $(cat "$ENV/probe.err")"
lib_mail "$ENV/probe.eml" probe-1@example.net "probe" "Jane Doe <jane@example.net>"
SMTP_PROBE_SECRET=$old "$SMTP_PROBE" -H 127.0.0.1 -p "$SUBMISSION_PORT" -s starttls -u jane@example.net \
	-a oauthbearer -c "$CA_FILE" -f jane@example.net -r carol@example.org "$ENV/probe.eml" \
	>"$ENV/probe.out" || fail "SMTP OAUTHBEARER with the current token: $(cat "$ENV/probe.out")"
SMTP_PROBE_SECRET=nope "$SMTP_PROBE" -H 127.0.0.1 -p "$SUBMISSION_PORT" -s starttls -u jane@example.net \
	-a oauthbearer -c "$CA_FILE" -f jane@example.net -r carol@example.org "$ENV/probe.eml" \
	>"$ENV/probe.out" && fail "SMTP took a wrong token"
grep -q "^auth.*AUTH: 535" "$ENV/probe.out" || fail "SMTP OAUTHBEARER refusal: $(cat "$ENV/probe.out")"
lib_wait 10 '[ "$(lib_count carol@example.org)" = 1 ]' || fail "the probe's mail did not arrive"
grep -q "^refused" "$INTROSPECT_LOG" && grep -q "^ok jane@example.net" "$INTROSPECT_LOG" ||
	fail "the introspection server was not asked"
echo "ok: IMAP XOAUTH2 / OAUTHBEARER and SMTP OAUTHBEARER work with the current token, a wrong one is refused"

T=$(date +%s)
lib_daemon_start
lib_wait 15 'grep -q "IMAP: connected" "$ENV/daemon.log"' || fail "no IMAP connection with OAUTHBEARER"

# Mails before the rotation.
lib_invite "$ENV/inv1.eml" rot-1@google.com 0 "@$((T - 3*3600))" "@$((T - 2*3600))" REQUEST \
	"Ada Brooks:ada@example.com" invite-rot-1@example.com
mailenv deliver "$ENV" jane@example.net "$ENV/inv1.eml"
lib_approve_late 6     # the interview is over: held found late
for u in ada@example.com ravi@example.com; do
	lib_wait 20 '[ "$(lib_count $u)" = 1 ]' || fail "$u has $(lib_count $u) mails, want 1 (before rotation)"
done
echo "ok: mails go with the first token"

# Rotate every 3 s from now on, in the background.
( while :; do rotate; sleep 3; done ) &
ROTATOR=$!
trap 'kill $ROTATOR 2>/dev/null; wait $ROTATOR 2>/dev/null; lib_cleanup' EXIT
sleep 4
IMAP_PROBE_SECRET=$old "$IMAP_PROBE" -H 127.0.0.1 -p "$IMAP_PORT" -s starttls -u jane@example.net \
	-a oauthbearer -c "$CA_FILE" login >/dev/null 2>&1 && fail "the first token still works after rotation"

# Mails after it: the SMTP login fetches the token of the moment.
lib_invite "$ENV/inv2.eml" rot-2@google.com 0 "@$((T - 3*3600))" "@$((T - 2*3600))" REQUEST \
	"Ben Carter:ben@example.com" invite-rot-2@example.com
mailenv deliver "$ENV" jane@example.net "$ENV/inv2.eml"
lib_approve_late 6     # the interview is over: held found late
lib_wait 20 '[ "$(lib_count ben@example.com)" = 1 ] && [ "$(lib_count ravi@example.com)" = 2 ]' ||
	fail "after rotation: ben has $(lib_count ben@example.com), ravi $(lib_count ravi@example.com) (want 1, 2)"
echo "ok: mails go after the token rotated"

# IMAP logs in again (Dovecot restarts) with the token of the moment, once
# the copies are in Sent (a restart during APPEND would lose one).
lib_wait 20 '[ "$(lib_count jane@example.net Sent)" = 6 ]' ||
	fail "Sent holds $(lib_count jane@example.net Sent) copies, want 6"
n=$(grep -c "IMAP: connected" "$ENV/daemon.log")
mailenv restart-dovecot "$ENV"
lib_wait 30 '[ "$(grep -c "IMAP: connected" "$ENV/daemon.log")" -gt '"$n"' ]' ||
	fail "no IMAP login after Dovecot restarted with a rotated token"
echo "ok: IMAP logs in again with the rotated token"

# A stale token once, for each side: refused by the server, fetched again
# and the login retried at once.
kill "$ROTATOR"
wait "$ROTATOR" 2>/dev/null
trap lib_cleanup EXIT
stale=$(mailenv token "$ENV" jane@example.net)
rotate
printf '%s\n' "$stale" >"$ENV/stale-smtp"
printf '%s\n' "$stale" >"$ENV/stale-imap"
refused0=$(grep -c "^refused" "$INTROSPECT_LOG")
lib_invite "$ENV/inv3.eml" rot-3@google.com 0 "@$((T - 3*3600))" "@$((T - 2*3600))" REQUEST \
	"Chloe Dent:chloe@example.com" invite-rot-3@example.com
mailenv deliver "$ENV" jane@example.net "$ENV/inv3.eml"
lib_approve_late 6     # the interview is over: held found late
lib_wait 20 '[ "$(lib_count chloe@example.com)" = 1 ] && [ "$(lib_count ravi@example.com)" = 3 ]' ||
	fail "with a stale token once: chloe has $(lib_count chloe@example.com), ravi $(lib_count ravi@example.com) (want 1, 3)"
[ ! -e "$ENV/stale-smtp" ] || fail "the SMTP login did not ask the helper"
grep -q "SMTP: AUTH XOAUTH2 refused.*fetching a fresh token and trying once more" "$ENV/daemon.log" ||
	fail "no SMTP retry with a fresh token in the log"
lib_wait 20 '[ "$(lib_count jane@example.net Sent)" = 9 ]' ||
	fail "Sent holds $(lib_count jane@example.net Sent) copies, want 9"
# Dovecot ends the session and stays up: the next login, at once, gets
# the stale token first (a restart could fail that login before AUTH).
n=$(grep -c "IMAP: connected" "$ENV/daemon.log")
doveadm -c "$MAILENV_DIR/dovecot.conf" kick jane@example.net >/dev/null || fail "doveadm kick failed"
lib_wait 30 '[ "$(grep -c "IMAP: connected" "$ENV/daemon.log")" -gt '"$n"' ]' ||
	fail "no IMAP login after a stale token"
[ ! -e "$ENV/stale-imap" ] || fail "the IMAP login did not ask the helper"
grep -q "IMAP: AUTHENTICATE OAUTHBEARER as jane@example.net .* refused: .*AUTHENTICATIONFAILED.*fetching a fresh token and trying once more" \
	"$ENV/daemon.log" || fail "no IMAP retry with a fresh token in the log"
[ "$(grep -c "^refused" "$INTROSPECT_LOG")" -ge $((refused0 + 2)) ] ||
	fail "the server did not see the stale token twice"
# The fresh token was accepted: no account needs attention.
[ "$(lib_sql "SELECT count(*) FROM meta WHERE key LIKE 'attention.%'")" = 0 ] ||
	fail "a stale token refused once left the account needing attention"
grep -q "login refused" "$ENV/daemon.log" && fail "a stale token refused once was reported as a refused login"
lib_ctl status | head -n 1 | grep -q "^Nothing waits for you" ||
	fail "status after a stale token: $(lib_ctl status | head -n 2)"
echo "ok: a refused token is fetched again and the login retried at once (IMAP and SMTP), nothing needs attention"

# Every mail went once, none was deferred (no 30-minute pause).
grep -E "deferred|retrying in" "$ENV/daemon.log" | grep -v "IMAP: .*retrying in" &&
	fail "a mail was deferred"
[ "$(lib_sql "SELECT count(*) FROM outbox WHERE status='sent'")" = 9 ] ||
	fail "$(lib_sql "SELECT count(*) FROM outbox WHERE status='sent'") mails sent, want 9 (3 x thank-you, recruiter thank-you, reflection)"
for u in ada@example.com ben@example.com chloe@example.com ravi@example.com jane@example.net; do
	n=$(mailenv files "$ENV" "$u" | xargs -r grep -h '^Message-ID:' | sort | uniq -d | wc -l)
	[ "$n" = 0 ] || fail "$u received a message twice"
done
[ "$(lib_count jane@example.net Sent)" = 9 ] || fail "Sent holds $(lib_count jane@example.net Sent) copies, want 9"
echo "ok: 9 mails sent once each, none deferred, 9 copies in Sent"
grep -q "tok-" "$ENV/daemon.log" && fail "a token appears in the log"
lib_daemon_stop || fail "followupd did not exit 0 on TERM"

# followupctl check-connection with OAUTHBEARER on both sides: a stale
# token is refused, asked for again and the login retried, as the daemon
# does; nothing is sent.
sed -i 's/auth = "xoauth2"/auth = "oauthbearer"/' "$ENV/followupd.conf"
stale=$(mailenv token "$ENV" jane@example.net)
rotate
printf '%s\n' "$stale" >"$ENV/stale-smtp"
printf '%s\n' "$stale" >"$ENV/stale-imap"
sent0=$(grep -c "postfix/cleanup" "$POSTFIX_LOG")
lib_ctl check-connection >"$ENV/check.out" 2>&1 || {
	cat "$ENV/check.out"
	fail "check-connection with OAUTHBEARER: exit $?"
}
[ "$(grep -c "^  login: *refused: .*fetching a fresh token, once more" "$ENV/check.out")" = 2 ] ||
	{ cat "$ENV/check.out"; fail "check-connection did not retry each stale token once"; }
grep -q "^  login: *accepted (auth oauthbearer)$" "$ENV/check.out" &&
	grep -q "^  login: *accepted (auth oauthbearer); nothing was sent$" "$ENV/check.out" ||
	{ cat "$ENV/check.out"; fail "check-connection: OAUTHBEARER logins not accepted"; }
[ ! -e "$ENV/stale-smtp" ] && [ ! -e "$ENV/stale-imap" ] || fail "check-connection did not ask the helper"
[ "$(grep -c "postfix/cleanup" "$POSTFIX_LOG")" = "$sent0" ] || fail "check-connection sent a mail"
grep -q "tok-" "$ENV/check.out" && fail "a token appears in check-connection's output"
echo "ok: check-connection logs in with OAUTHBEARER, a stale token retried once fresh"
echo PASS
