#!/bin/bash
# A parser that cannot be started loses no mail.  The daemon runs with
# FOLLOWUPD_PARSER naming no program (as while a package upgrade replaces
# it): an invite delivered then is not read, and not given up either: no
# "unreadable" record, no seen row, the log says it waits for the next
# sync.  With the parser back, the same daemon state reads it: the
# interview is there, once.
set -u
. "$top_srcdir/tests/lib/lib.sh"

lib_start
lib_config "$ENV/followupd.conf" review
lib_invite "$ENV/invite.eml" "missing-1@example.com" 0 "+3 days 10:00" "+3 days 11:00"

FOLLOWUPD_PARSER=/nonexistent/followupd-parse lib_daemon_start
lib_wait 10 'grep -q "IMAP: connected" "$ENV/daemon.log"' || fail "no IMAP connection"
mailenv deliver "$ENV" jane@example.net "$ENV/invite.eml" || fail "delivery"
lib_wait 20 'grep -q "not examined, again at the next sync" "$ENV/daemon.log"' ||
	fail "no word of the mail left for later: $(tail -20 "$ENV/daemon.log")"
lib_daemon_stop
grep -q 'unreadable mail skipped' "$ENV/daemon.log" && fail "the mail was given up as unreadable"
[ "$(lib_sql "SELECT count(*) FROM messages_seen")" = 0 ] ||
	fail "a mail not read was recorded as seen: $(lib_sql "SELECT * FROM messages_seen")"
[ "$(lib_sql "SELECT count(*) FROM interviews")" = 0 ] || fail "an interview from nothing"
echo "ok: without a parser the mail waits"

lib_daemon_start
lib_wait 20 '[ "$(lib_sql "SELECT count(*) FROM interviews")" = 1 ]' ||
	fail "the mail was not read once the parser was back: $(tail -20 "$ENV/daemon.log")"
lib_daemon_stop
[ "$(lib_sql "SELECT count(*) FROM messages_seen WHERE kind = 'unreadable'")" = 0 ] ||
	fail "recorded unreadable"
[ "$(lib_sql "SELECT count(*) FROM interviews")" = 1 ] || fail "not one interview"
echo "ok: with the parser back it is read, once"
echo PASS
