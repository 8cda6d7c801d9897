#!/bin/bash
# A refused login needs the user (issue 13, item 6), against the private
# Dovecot and Postfix: with a wrong password in the file password_command
# reads, followupctl status shows the refusal first (IMAP and SMTP, in the
# servers' words), the log says it once per account at error level over
# many retries, the retries come further and further apart, and after the
# password is fixed `followupctl retry --login` (then, a second time, a
# SIGHUP) logs in at once, the mail goes and the state clears; systemd's
# STATUS= says it meanwhile.  The sockets have TCP keepalive;
# imap.idle_refresh is how often IDLE is re-issued; a refresh beyond RFC
# 2177's 29 minutes is refused; a NO to SELECT is retried later each time.
set -u
. "$top_srcdir/tests/lib/lib.sh"

lib_start
command -v ss >/dev/null || echo "note: no ss(8): the keepalive check is skipped"
lib_config "$ENV/followupd.conf" auto
sed -i 's/poll_interval = "5m";/poll_interval = "5m"; idle_refresh = "5s";/' "$ENV/followupd.conf"
grep -q 'idle_refresh = "5s"' "$ENV/followupd.conf" || fail "the test config has no idle_refresh"

# ---- the setting is checked ----
sed 's/idle_refresh = "5s"/idle_refresh = "30m"/' "$ENV/followupd.conf" >"$ENV/bad.conf"
out=$("$FOLLOWUPD" -n -c "$ENV/bad.conf" 2>&1); rc=$?
[ $rc = 78 ] || fail "idle_refresh = 30m: exit $rc, want 78: $out"
printf '%s\n' "$out" | grep -q 'imap.idle_refresh.*"30m" is too long (at most 29m)' ||
	fail "idle_refresh = 30m: unclear error: $out"
"$FOLLOWUPD" -n -c "$ENV/followupd.conf" >/dev/null 2>&1 || fail "idle_refresh = 5s refused"
echo "ok: imap.idle_refresh beyond 29m is a config error"

# ---- refused ----
printf 'not-the-password\n' >"$ENV/jane.pass"
export FOLLOWUPD_TEST_REFUSED_SECONDS=2
# systemd's side: STATUS= lines, as the unit would get them.
python3 "$top_srcdir/tests/lib/notify-listen.py" "$ENV/notify.sock" "$ENV/notify.log" &
LISTENER=$!
trap 'kill $LISTENER 2>/dev/null; lib_cleanup' EXIT
lib_wait 5 'grep -q LISTENING "$ENV/notify.log"' || fail "notify listener did not start"
NOTIFY_SOCKET="$ENV/notify.sock" ${FOLLOWUPD_WRAPPER:-} "$FOLLOWUPD" -f -v --allow-root -c "$ENV/followupd.conf" \
	>>"$ENV/daemon.log" 2>&1 &
DAEMON_PID=$!
lib_wait 10 '[ -f "$ENV/state/state.db" ]' || fail "no state"
# A mail due now, so SMTP is tried as well (add-interview needs no IMAP).
T=$(date +%s)
lib_ctl add-interview --company Initech --role Analyst \
	--start "$(date -u -d @$((T - 5*3600)) +%Y-%m-%dT%H:%MZ)" \
	--interviewer 'Ada Brooks <ada@example.com>' >/dev/null || fail "add-interview"
# The interview is over: its mails are held found late; approve them as the
# user would, so the thank-you is due and SMTP is tried.
lib_approve_late 2
lib_wait 20 'lib_ctl status | head -n 1 | grep -q "^IMAP login refused: \[AUTHENTICATIONFAILED\]"' ||
	fail "status does not show the refused IMAP login first: $(lib_ctl status)"
line=$(lib_ctl status | head -n 1)
case $line in
"IMAP login refused: [AUTHENTICATIONFAILED] Authentication failed. Fix the password, then: followupctl retry --login (or systemctl reload followupd) (since "*) ;;
*) fail "status line: $line" ;;
esac
lib_ctl status --json | python3 -c '
import json, sys
d = json.load(sys.stdin)
acc = [r["account"] for r in d["login_refused"]]
assert "IMAP" in acc and d["login_refused"][0]["said"].startswith("[AUTHENTICATIONFAILED]"), d
' || fail "status --json lacks the refused login"
echo "ok: status shows the refused IMAP login first, in the server's words"
lib_wait 5 'grep -q "STATUS=needs you: IMAP login refused: \[AUTHENTICATIONFAILED\] Authentication failed\. Fix the password" "$ENV/notify.log"' ||
	fail "STATUS= does not say it: $(grep STATUS= "$ENV/notify.log" | tail -n 2)"
echo "ok: STATUS= says it"

# At least four refusals each: gaps of about 2, 4, 8 s, then 16.
lib_wait 40 '[ "$(grep -c "IMAP: login still refused" "$ENV/daemon.log")" -ge 3 ]' ||
	fail "the login was not retried"
grep -q "error: SMTP: login refused: 535 .*; retrying in [0-9]* s\. Fix the password, then: followupctl retry --login" "$ENV/daemon.log" ||
	fail "the refused SMTP login was not reported"
lib_ctl status | sed -n 2p | grep -q "^SMTP login refused: 535 " ||
	fail "status does not show the refused SMTP login second: $(lib_ctl status)"
n=$(grep -c "error: IMAP: AUTHENTICATE PLAIN as jane@example.net at .* refused: NO \[AUTHENTICATIONFAILED\] Authentication failed\.; retrying in [0-9]* s\. Fix the password, then: followupctl retry --login (or systemctl reload followupd)$" "$ENV/daemon.log")
[ "$n" = 1 ] || fail "$n error lines for the refused IMAP login, want 1"
n=$(grep -c "error: SMTP: login refused" "$ENV/daemon.log")
[ "$n" = 1 ] || fail "$n error lines for the refused SMTP login, want 1"
n=$(grep -c "error:" "$ENV/daemon.log")
[ "$n" = 2 ] || fail "$n error lines in all, want 2"
attempts=$(grep -c "auth failed" "$DOVECOT_LOG")
echo "ok: one error line per account over $attempts refused logins"

# The gaps the daemon announced grow, and the server saw no more tries.
gaps=$(grep "IMAP: .*refused.*retrying in [0-9]* s" "$ENV/daemon.log" | grep -o "retrying in [0-9]*" |
	grep -o "[0-9]*$" | tr '\n' ' ')
prev=0
for g in $gaps; do
	[ "$g" -gt "$prev" ] || fail "the retry gaps do not grow: $gaps"
	prev=$g
done
[ "$prev" -ge 12 ] || fail "the retry gap did not reach 12 s: $gaps"
echo "ok: the retry gaps grow: $gaps"

# ---- fixed, then retry --login: at once, not at the next try ----
printf '%s\n' "$PASS_jane" >"$ENV/jane.pass"
sleep 1
t0=$(date +%s)
lib_ctl retry --login | grep -q "logs in again now" || fail "retry --login"
lib_wait 5 'grep -q "IMAP: login accepted again" "$ENV/daemon.log"' ||
	fail "retry --login did not log in at once"
t1=$(date +%s)
[ $((t1 - t0)) -le $((3 * ${LIB_WAIT_SCALE:-1})) ] || fail "retry --login took $((t1 - t0)) s"
lib_wait 20 '[ "$(lib_count ada@example.com)" = 1 ]' || fail "the mail did not go after retry --login"
lib_wait 5 'grep -q "SMTP: login accepted again" "$ENV/daemon.log"' || fail "SMTP state not cleared"
[ "$(lib_sql "SELECT count(*) FROM meta WHERE key LIKE 'attention.%'")" = 0 ] ||
	fail "the needs-attention state stays after good logins"
lib_ctl status | head -n 1 | grep -q "^Nothing waits for you" ||
	fail "status after the fix: $(lib_ctl status | head -n 2)"
lib_wait 5 'grep STATUS= "$ENV/notify.log" | tail -n 1 | grep -q "STATUS=watching the mailbox"' ||
	fail "STATUS= after the fix: $(grep STATUS= "$ENV/notify.log" | tail -n 1)"
echo "ok: retry --login logs in within $((t1 - t0)) s (the last gap announced: ${prev} s), the mail goes, the state clears"

# ---- keepalive on the IMAP connection ----
if command -v ss >/dev/null; then
	lib_wait 10 'ss -tnopH state established "( dport = :$IMAP_PORT )" | grep -q "pid=$DAEMON_PID,"' ||
		fail "no IMAP connection of followupd in ss"
	ss -tnopH state established "( dport = :$IMAP_PORT )" | grep "pid=$DAEMON_PID," |
		grep -q "timer:(keepalive" || fail "the IMAP socket has no keepalive: $(ss -tnopH state established)"
	echo "ok: the IMAP socket has TCP keepalive"
fi

# ---- IDLE refresh: every 5 s on the same connection ----
# Restarted with -vv: the daemon logs each IDLE it issues.
lib_daemon_stop || fail "followupd did not exit 0 on TERM"
: >"$ENV/daemon.log"
${FOLLOWUPD_WRAPPER:-} "$FOLLOWUPD" -f -vv --allow-root -c "$ENV/followupd.conf" >>"$ENV/daemon.log" 2>&1 &
DAEMON_PID=$!
lib_wait 10 'grep -q "IMAP: idling on INBOX (refreshed every 5 s)" "$ENV/daemon.log"' ||
	fail "no IDLE"
sleep 16
n=$(grep -c "IMAP: idling on INBOX" "$ENV/daemon.log")
c=$(grep -c "IMAP: connected" "$ENV/daemon.log")
[ "$n" -ge 3 ] && [ "$n" -le 5 ] || fail "IDLE issued $n times in about 16 s, want 3 to 5"
[ "$c" = 1 ] || fail "$c connections: IDLE should be refreshed on one"
echo "ok: IDLE re-issued $n times in 16 s on one connection (idle_refresh = 5s)"

# ---- refused again, then SIGHUP logs in at once ----
printf 'wrong-again\n' >"$ENV/jane.pass"
kill -HUP "$DAEMON_PID"
lib_wait 10 'lib_ctl status | head -n 1 | grep -q "^IMAP login refused: \[AUTHENTICATIONFAILED\]"' ||
	fail "a reload with a wrong password: $(lib_ctl status | head -n 2)"
lib_wait 30 '[ "$(grep -c "IMAP: login still refused" "$ENV/daemon.log")" -ge 2 ]' ||
	fail "the login was not retried after the reload"
printf '%s\n' "$PASS_jane" >"$ENV/jane.pass"
t0=$(date +%s)
kill -HUP "$DAEMON_PID"
lib_wait 5 'grep -q "IMAP: login accepted again" "$ENV/daemon.log"' || fail "SIGHUP did not log in at once"
t1=$(date +%s)
[ "$(grep -c "error: IMAP: .*refused: NO \[AUTHENTICATIONFAILED\]" "$ENV/daemon.log")" = 1 ] ||
	fail "not one error line for the second refusal"
lib_wait 5 'lib_ctl status | head -n 1 | grep -q "^Nothing waits for you"' ||
	fail "status after the reload: $(lib_ctl status | head -n 2)"
echo "ok: SIGHUP logs in again within $((t1 - t0)) s and the state clears"

# ---- a NO to SELECT backs off, on the same connection ----
lib_daemon_stop || fail "followupd did not exit 0 on TERM"
sed -i 's/folders = \["INBOX"\]/folders = ["INBOX", "Missing"]/' "$ENV/followupd.conf"
grep -q '"Missing"' "$ENV/followupd.conf" || fail "could not add a missing folder"
: >"$ENV/daemon.log"
lib_daemon_start
lib_wait 30 '[ "$(grep -c "Missing.*trying again in" "$ENV/daemon.log")" -ge 4 ]' ||
	fail "a missing folder was not retried"
gaps=$(grep "Missing.*trying again in" "$ENV/daemon.log" | grep -o "[0-9]* s$" | tr -d ' s' |
	tr '\n' ' ')
prev=0
for g in $gaps; do
	[ "$g" -gt "$prev" ] || fail "the SELECT retry gaps do not grow: $gaps"
	prev=$g
done
[ "$(grep -c "IMAP: connected" "$ENV/daemon.log")" = 1 ] || fail "a NO to SELECT cost the connection"
echo "ok: a NO to SELECT is retried later each time (gaps: ${gaps}s) on one connection"

lib_daemon_stop || fail "followupd did not exit 0 on TERM"
out=$(lib_ctl retry --login); rc=$?
[ $rc = 0 ] && [ "$out" = "followupd is not running: it logs in when it starts" ] ||
	fail "retry --login without a daemon: exit $rc: $out"
echo "ok: retry --login without a daemon says so"
echo PASS
