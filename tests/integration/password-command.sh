#!/bin/bash
# password_command runs at every login: a password changed on the server
# and in the file the command reads is used by the next mail, within
# seconds, without a restart.  A command that hangs is killed (with what it
# started) after password_command_timeout, the error says so with its
# stderr, and the daemon keeps running and feeding its watchdog.
set -u
. "$top_srcdir/tests/lib/lib.sh"

lib_start
# SMTP's helper: the password file, or a hang when told to.
cat >"$ENV/smtp-helper.sh" <<EOF
if [ -e "$ENV/hang" ]; then
	echo "waiting for the keyring to unlock" >&2
	sleep 1000 &
	wait
fi
cat "$ENV/jane.pass"
EOF
SMTP_BLOCK="smtp = { url = \"smtp://127.0.0.1:$SUBMISSION_PORT\"; user = \"jane@example.net\";
         password_command = \"sh $ENV/smtp-helper.sh\"; password_command_timeout = \"1s\";
         ca_file = \"$CA_FILE\"; };"
lib_config "$ENV/followupd.conf" auto
T=$(date +%s)

python3 "$top_srcdir/tests/lib/notify-listen.py" "$ENV/notify.sock" "$ENV/notify.log" &
LISTENER=$!
trap 'kill $LISTENER 2>/dev/null; lib_cleanup' EXIT
lib_wait 5 'grep -q LISTENING "$ENV/notify.log"' || fail "notify listener did not start"
NOTIFY_SOCKET="$ENV/notify.sock" WATCHDOG_USEC=6000000 WATCHDOG_PID= \
	"$FOLLOWUPD" -f -v --allow-root -c "$ENV/followupd.conf" >>"$ENV/daemon.log" 2>&1 &
DAEMON_PID=$!
lib_wait 15 'grep -q "IMAP: connected" "$ENV/daemon.log"' || fail "no IMAP connection"

lib_invite "$ENV/inv1.eml" pw-1@google.com 0 "@$((T - 3*3600))" "@$((T - 2*3600))" REQUEST \
	"Ada Brooks:ada@example.com" invite-pw-1@example.com
mailenv deliver "$ENV" jane@example.net "$ENV/inv1.eml"
lib_approve_late 6     # the interview is over: held found late
lib_wait 20 '[ "$(lib_count ada@example.com)" = 1 ]' || fail "no mail with the first password"
# Every mail of the first interview that is due now leaves with the old
# password before it changes (the organiser's thank-you and the reflection
# follow Ada's): one still sending when the server's password changes
# would be refused, and rightly put the login in needs-attention.
lib_wait 20 '[ "$(lib_sql "SELECT count(*) FROM outbox WHERE status IN ('"'pending','sending'"') AND due <= strftime('"'%s'"','"'now'"')")" = 0 ]' ||
	fail "the first interview's due mails did not all leave: $(lib_sql "SELECT id, kind, status FROM outbox")"
echo "ok: mails go with the first password"

# A new password on the server and in the file; the old one is refused now.
old=$(cat "$ENV/jane.pass")
new="new-$RANDOM$RANDOM"
mailenv passwd "$ENV" jane@example.net "$new"
printf '%s\n' "$new" >"$ENV/jane.pass"
IMAP_PROBE_SECRET=$old "$top_builddir/tests/lib/imap-probe" -H 127.0.0.1 -p "$IMAP_PORT" -s starttls \
	-u jane@example.net -c "$CA_FILE" login >/dev/null 2>&1 && fail "the old password still works"
t0=$(date +%s)
lib_invite "$ENV/inv2.eml" pw-2@google.com 0 "@$((T - 3*3600))" "@$((T - 2*3600))" REQUEST \
	"Ben Carter:ben@example.com" invite-pw-2@example.com
mailenv deliver "$ENV" jane@example.net "$ENV/inv2.eml"
lib_approve_late 6     # the interview is over: held found late
lib_wait 20 '[ "$(lib_count ben@example.com)" = 1 ]' || fail "no mail after the password changed"
t1=$(date +%s)
kill -0 "$DAEMON_PID" || fail "followupd is gone"
grep -E "deferred|authentication" "$ENV/daemon.log" && fail "a mail was deferred after the change"
echo "ok: the next mail goes with the new password $((t1 - t0)) s later, no restart"
# IMAP too: a new login after Dovecot restarts uses the new password.
n=$(grep -c "IMAP: connected" "$ENV/daemon.log")
mailenv restart-dovecot "$ENV"
lib_wait 30 '[ "$(grep -c "IMAP: connected" "$ENV/daemon.log")" -gt '"$n"' ]' ||
	fail "no IMAP login with the new password"
echo "ok: IMAP logs in again with the new password"

# A helper that hangs: killed after 1 s, the error says why, the daemon
# stays alive and its watchdog fed.
touch "$ENV/hang"
wd0=$(grep -c "WATCHDOG=1" "$ENV/notify.log")
lib_invite "$ENV/inv3.eml" pw-3@google.com 0 "@$((T - 3*3600))" "@$((T - 2*3600))" REQUEST \
	"Chloe Dent:chloe@example.com" invite-pw-3@example.com
mailenv deliver "$ENV" jane@example.net "$ENV/inv3.eml"
lib_approve_late 6     # the interview is over: held found late
lib_wait 20 'grep -q "smtp.password_command timed out after 1s (stderr: waiting for the keyring to unlock)" "$ENV/daemon.log"' ||
	fail "no timeout error for the hanging password_command"
grep "timed out after 1s" "$ENV/daemon.log" | head -n 1
sleep 1
for p in /proc/[0-9]*; do
	if tr '\0' ' ' <"$p/cmdline" 2>/dev/null | grep -q "$ENV/smtp-helper.sh"; then
		fail "the hung helper (pid ${p#/proc/}) is still running"
	fi
done
kill -0 "$DAEMON_PID" || fail "followupd died after the timeout"
[ "$(lib_count chloe@example.com)" = 0 ] || fail "a mail went without a password"
# The loop is not blocked longer than the timeout: with a 6 s watchdog
# (notified every 3 s at most), no gap between two WATCHDOG=1 reaches 6 s.
sleep 4
[ "$(grep -c "WATCHDOG=1" "$ENV/notify.log")" -gt "$wd0" ] || fail "no WATCHDOG=1 since the hang"
gap=$(awk '/WATCHDOG=1/ { if (last != "") { d = $1 - last; if (d > max) max = d } last = $1 } END { printf "%.1f", max }' "$ENV/notify.log")
awk -v g="$gap" 'BEGIN { exit !(g < 6) }' || fail "a $gap s gap between two WATCHDOG=1 (watchdog 6 s)"
# and the daemon still watches the mailbox: a new mail is read.
lib_mail "$ENV/note.eml" after-hang@example.com "Still there?"
mailenv deliver "$ENV" jane@example.net "$ENV/note.eml"
lib_wait 20 '[ "$(lib_sql "SELECT count(*) FROM messages_seen WHERE message_id=\"<after-hang@example.com>\"")" = 1 ]' ||
	fail "the daemon no longer reads the mailbox after the hang"
echo "ok: a hanging password_command is killed after 1 s with its stderr in the error;" \
	"the daemon runs on (longest watchdog gap $gap s)"
lib_daemon_stop || fail "followupd did not exit 0 on TERM"
echo PASS
