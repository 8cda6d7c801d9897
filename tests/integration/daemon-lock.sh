#!/bin/bash
# One daemon per state: a second followupd on the same state (same config,
# another config naming the same state_dir, or --once) says "already
# running (pid N)" and exits 75, while the first goes on (it still records
# a mail dropped afterwards) and keeps its recorded pid.  followupctl
# status asks the lock, not a pid file: "not running" before and after.
# The lock survives going to the background (no -f).
set -u
. "$top_srcdir/tests/lib/lib.sh"

lib_start
lib_config "$ENV/followupd.conf"
sed "s|^state_dir = .*|state_dir = \"$ENV/state/\";|" "$ENV/followupd.conf" >"$ENV/other.conf"
seen() { lib_sql "SELECT count(*) FROM messages_seen WHERE folder='INBOX'"; }
daemon_line() { lib_ctl status | grep '^followupd: '; }

[ "$(daemon_line)" = "followupd: not running" ] || fail "before any daemon: $(lib_ctl status)"
lib_daemon_start
lib_wait 20 'grep -q "IMAP: connected" "$ENV/daemon.log"' || fail "no connection"
[ "$(daemon_line)" = "followupd: running (pid $DAEMON_PID)" ] ||
	fail "while it runs: $(daemon_line), want pid $DAEMON_PID"
echo "ok: status says not running, then running (pid $DAEMON_PID)"

second() {	# second WHAT ARGS...: refused with the first one's pid, 75
	local what=$1 rc
	shift
	timeout 20 "$FOLLOWUPD" --allow-root "$@" >"$ENV/second.out" 2>&1
	rc=$?
	[ $rc = 75 ] || fail "$what: exit $rc, want 75: $(cat "$ENV/second.out")"
	[ "$(cat "$ENV/second.out")" = "followupd: already running (pid $DAEMON_PID)" ] ||
		fail "$what said: $(cat "$ENV/second.out")"
	echo "ok: $what: already running (pid $DAEMON_PID), exit 75"
}
second "a second daemon" -f -c "$ENV/followupd.conf"
second "another config on the same state" -f -c "$ENV/other.conf"
second "--once" --once -c "$ENV/followupd.conf"

# The first goes on untouched: alive, its pid still recorded, still working.
kill -0 "$DAEMON_PID" || fail "the first daemon died"
[ "$(lib_sql "SELECT value FROM meta WHERE key='daemon_pid'")" = "$DAEMON_PID" ] ||
	fail "the recorded pid was changed or cleared by a refused daemon"
before=$(seen)     # (lib_wait has a local n)
lib_mail "$ENV/m.eml" "after-second@test.example"
mailenv deliver "$ENV" jane@example.net "$ENV/m.eml" || fail "deliver"
lib_wait 20 '[ "$(seen)" = $((before + 1)) ]' ||
	fail "the first daemon no longer records mail ($(seen) seen, want $((before + 1)))"
echo "ok: the first daemon goes on and records a mail dropped afterwards"

lib_daemon_stop || fail "followupd did not exit 0 on TERM"
[ -f "$ENV/state/followupd.lock" ] || fail "no lock file"
[ "$(daemon_line)" = "followupd: not running" ] || fail "after it stopped: $(daemon_line)"
echo "ok: status says not running after it stopped (the lock file stays, unheld)"

# In the background: the process that detached holds the lock.
# (a syslog socket of the test's own: without one it would refuse to detach)
python3 -c 'import socket, sys; socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM).bind(sys.argv[1])' "$ENV/log.sock"
env -u INVOCATION_ID -u NOTIFY_SOCKET FOLLOWUPD_TEST_DEVLOG="$ENV/log.sock" \
	"$FOLLOWUPD" --allow-root -c "$ENV/followupd.conf" ||
	fail "followupd did not go to the background"
lib_wait 10 'daemon_line | grep -q "running (pid"' || fail "no daemon after detaching"
bg=$(daemon_line | sed -n 's/^followupd: running (pid \([0-9]*\))$/\1/p')
[ -n "$bg" ] && kill -0 "$bg" || fail "the detached daemon's pid is wrong: $(daemon_line)"
DAEMON_PID=$bg     # lib_cleanup kills it should the test fail
second "a daemon beside a detached one" -f -c "$ENV/followupd.conf"
kill -TERM "$bg"
lib_wait 20 '! kill -0 "$bg" 2>/dev/null' || fail "the detached daemon did not stop"
DAEMON_PID=
[ "$(daemon_line)" = "followupd: not running" ] || fail "after the detached one stopped: $(daemon_line)"
echo "ok: the lock survives detaching"
echo PASS
