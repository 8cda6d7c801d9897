#!/bin/bash
# IMAP server faults (issue 7): Dovecot stopped and started again many
# times while followupd idles and while it fetches a burst, with mail
# delivered in between (also straight into the Maildir while Dovecot is
# down).  At the end every message is handled exactly once, and the log
# says each time what happened.  make check: 6 restarts; FAULTS_FULL=1: 50.
set -u
. "$top_srcdir/tests/lib/lib.sh"
. "$top_srcdir/tests/faults/common.sh"

ROUNDS=6
[ "${FAULTS_FULL:-0}" = 1 ] && ROUNDS=50
fault_start
lib_config "$ENV/followupd.conf" auto
lib_daemon_start
lib_wait 20 'grep -q "IMAP: connected" "$ENV/daemon.log"' || fail "no IMAP connection"

md="$MAILENV_DIR/mail/example.net/jane/Maildir"
seen() { lib_sql "SELECT count(*) FROM messages_seen WHERE folder='INBOX'"; }
distinct() { lib_sql "SELECT count(DISTINCT message_id) FROM messages_seen WHERE folder='INBOX'"; }
total=0
put() {		# put ID: deliver through Dovecot
	lib_mail "$ENV/m.eml" "$1@faults.example"
	mailenv deliver "$ENV" jane@example.net "$ENV/m.eml" || fail "deliver $1"
	total=$((total + 1))
}
drop_in() {	# drop_in ID: straight into the Maildir (Dovecot is down)
	lib_mail "$md/tmp/$1" "$1@faults.example"
	chown --reference="$md" "$md/tmp/$1"
	mv "$md/tmp/$1" "$md/new/$(date +%s).$1.faults"
	total=$((total + 1))
}
for r in $(seq 1 "$ROUNDS"); do
	if [ $((r % 2)) = 1 ]; then
		# During IDLE: everything handled, the daemon waits.
		lib_wait 20 '[ "$(seen)" = "$total" ]' || fail "round $r: $(seen) of $total handled before the kill"
		sleep 0.$((RANDOM % 10))
		how="during IDLE"
	else
		# During a fetch: a burst, then the server goes while it is read.
		for i in $(seq 1 8); do put "r$r-burst-$i"; done
		sleep 0.$((RANDOM % 3))
		how="during a fetch"
	fi
	mailenv stop-dovecot "$ENV" || fail "stop-dovecot"
	drop_in "r$r-down"
	sleep 0.$((RANDOM % 10))
	mailenv start-dovecot "$ENV" || fail "start-dovecot"
	put "r$r-after"
	echo "round $r: Dovecot restarted $how"
done
lib_wait 60 '[ "$(seen)" = "$total" ]' || fail "$(seen) of $total messages handled after the restarts"
[ "$(distinct)" = "$total" ] || fail "$(distinct) distinct Message-IDs for $total messages"
[ "$(lib_count jane@example.net)" = "$total" ] || fail "the INBOX has $(lib_count jane@example.net) messages, want $total"
lost=$(grep -c "IMAP: .*retrying in" "$ENV/daemon.log")
[ "$lost" -ge 1 ] || fail "no log line says the connection was lost"
kill -0 "$DAEMON_PID" || fail "followupd died"
lib_daemon_stop || fail "followupd did not exit 0 on TERM"
echo "ok: $ROUNDS Dovecot restarts, $total messages each handled once, $lost 'retrying' log lines, e.g.:"
grep "IMAP: .*retrying in" "$ENV/daemon.log" | sort | uniq -c | sort -rn | head -3
echo PASS
