#!/bin/bash
# followupd watching a real Dovecot: each message handled exactly once
# through IDLE, a burst, a Dovecot restart with mail arriving while it is
# down, and a SIGKILL of the daemon with mail arriving meanwhile.
set -u
. "$top_srcdir/tests/lib/lib.sh"

lib_start
lib_config "$ENV/followupd.conf"

seen() { lib_sql "SELECT count(*) FROM messages_seen WHERE folder='INBOX'"; }
distinct() { lib_sql "SELECT count(DISTINCT message_id) FROM messages_seen WHERE folder='INBOX'"; }
deliver() {	# deliver N PREFIX
	local i
	for i in $(seq 1 "$1"); do
		lib_mail "$ENV/m.eml" "$2-$i@test.example"
		mailenv deliver "$ENV" jane@example.net "$ENV/m.eml" || fail "deliver"
	done
}
expect() {	# expect N WHAT
	local want=$1
	lib_wait 20 '[ "$(seen)" = "$want" ]' ||
		fail "$2: $(seen) messages recorded, want $1"
	[ "$(distinct)" = "$1" ] || fail "$2: $(distinct) distinct Message-IDs, want $1"
	echo "ok: $2 ($1 messages, each once)"
}

# Mail already there at the first start is within the lookback.
deliver 3 before
lib_daemon_start
expect 3 "first start"

# One message while idling, then a burst of 20.
lib_wait 10 'grep -q "IMAP: connected" "$ENV/daemon.log"' || fail "no connection"
deliver 1 idle
expect 4 "one message during IDLE"
deliver 20 burst
expect 24 "a burst of 20"

# Dovecot goes down; two messages land in the Maildir meanwhile.
mailenv stop-dovecot "$ENV" || fail "stop-dovecot"
md="$MAILENV_DIR/mail/example.net/jane/Maildir"
for i in 1 2; do
	lib_mail "$md/tmp/down$i" "down-$i@test.example"
	chown --reference="$md" "$md/tmp/down$i"
	mv "$md/tmp/down$i" "$md/new/$(date +%s).down$i.$(hostname)"
done
sleep 1
mailenv start-dovecot "$ENV" || fail "start-dovecot"
expect 26 "Dovecot restarted, mail that arrived while it was down"

# The daemon is killed; mail arrives; it restarts and catches up.
kill -KILL "$DAEMON_PID"
wait "$DAEMON_PID" 2>/dev/null
DAEMON_PID=
deliver 3 killed
lib_daemon_start
expect 29 "restart after SIGKILL"

# Nothing is recorded twice, even after a restart with nothing new.
lib_daemon_stop || fail "followupd did not exit 0 on TERM"
FOLLOWUPD_TEST_CRASH=1 lib_daemon_start
sleep 2
expect 29 "a restart with nothing new"

# The parser crashes on a mail (a test hook makes the sandboxed worker die
# of SIGSEGV on it): that mail is recorded unreadable, the daemon goes on.
printf 'FOLLOWUPD-TEST-CRASH\r\nSubject: boom\r\nMessage-ID: <crash-1@test.example>\r\n\r\nx\r\n' >"$ENV/crash.eml"
mailenv deliver "$ENV" jane@example.net "$ENV/crash.eml" || fail "deliver"
deliver 1 after-crash
lib_wait 20 '[ "$(seen)" = 31 ]' || fail "after a parser crash: $(seen) messages recorded, want 31"
[ "$(lib_sql "SELECT count(*) FROM messages_seen WHERE outcome='unreadable'")" = 1 ] ||
	fail "the crashing mail is not recorded as unreadable"
grep -q "unreadable mail skipped: parser crashed" "$ENV/daemon.log" || fail "no log line for the crash"
kill -0 "$DAEMON_PID" || fail "the daemon died with its parser"
echo "ok: a parser crash marks that one mail unreadable; the daemon goes on"
lib_daemon_stop || fail "followupd did not exit 0 on TERM"
grep -q "UIDVALIDITY changed" "$ENV/daemon.log" && fail "unexpected UIDVALIDITY change"
echo "PASS"
