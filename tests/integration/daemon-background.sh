#!/bin/bash
# daemon-background.sh: followupd started without -f says, before it
# detaches, where its log goes; without a syslog socket it refuses with
# 69 (EX_UNAVAILABLE) and says how to run it instead, rather than going
# to the background to log nowhere.  FOLLOWUPD_TEST_DEVLOG (a hidden test
# switch) points it at a socket of ours, or at nothing.  No mail servers:
# IMAP is a closed port on 127.0.0.1 (the daemon just keeps retrying).
set -u
: "${top_srcdir:?}" "${top_builddir:?}"
FOLLOWUPD=$top_builddir/src/followupd
command -v sqlite3 >/dev/null || { echo "SKIP: sqlite3 is not installed"; exit 77; }
tmp=$(mktemp -d)
pid=
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }
checks=0
ok() { checks=$((checks + 1)); echo "ok $checks - $*"; }

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat >"$tmp/followupd.conf" <<CONF
me = { addresses = ["jane@corp.test"]; };
imap = { url = "imaps://127.0.0.1:$port"; password_command = "echo secret"; };
smtp = { url = "smtps://127.0.0.1:$port"; };
state_dir = "$tmp/state";
templates_dir = "$top_srcdir/templates";
CONF

# start: followupd in the background as a user would start it (no -f, not
# under systemd); stderr in $tmp/err, exit status in $rc.
start() {
	env -u INVOCATION_ID -u NOTIFY_SOCKET FOLLOWUPD_TEST_DEVLOG="$1" \
		"$FOLLOWUPD" --allow-root -c "$tmp/followupd.conf" >"$tmp/out" 2>"$tmp/err"
	rc=$?
}

# 1. No syslog socket: refused before detaching, with the way out.
start "$tmp/no-such-log"
[ "$rc" = 69 ] || { cat "$tmp/err"; fail "no syslog socket: exit status $rc, want 69"; }
printf '%s\n' "followupd: no syslog socket ($tmp/no-such-log): in the background nothing would be logged; not starting.  Run it in the foreground with -f (it logs to stderr, e.g. followupd -f 2>>followupd.log &), or as the systemd service" >"$tmp/want"
cmp -s "$tmp/want" "$tmp/err" || { diff -u "$tmp/want" "$tmp/err"; fail "no syslog socket: message differs"; }
[ ! -e "$tmp/state/state.db" ] || fail "no syslog socket: it started anyway (a state database exists)"
ok "no syslog socket: exit 69: $(cat "$tmp/err")"

# 2. A syslog socket: it says where the log goes, then detaches (exit 0).
python3 -c 'import socket, sys; socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM).bind(sys.argv[1])' "$tmp/log"
start "$tmp/log"
[ "$rc" = 0 ] || { cat "$tmp/err"; fail "with syslog: exit status $rc, want 0"; }
echo "followupd: going to the background; logging to syslog (journalctl -t followupd, or the mail log)" >"$tmp/want"
cmp -s "$tmp/want" "$tmp/err" || { diff -u "$tmp/want" "$tmp/err"; fail "with syslog: message differs"; }
for _ in $(seq 1 50); do
	pid=$(sqlite3 -readonly "$tmp/state/state.db" "SELECT value FROM meta WHERE key = 'daemon_pid'" 2>/dev/null)
	[ -n "$pid" ] && break
	sleep 0.2
done
[ -n "$pid" ] || fail "with syslog: no daemon recorded its PID"
[ "$(cat "/proc/$pid/comm" 2>/dev/null)" = followupd ] || fail "with syslog: PID $pid is not a running followupd"
ok "with a syslog socket: exit 0, daemon $pid in the background: $(cat "$tmp/err")"
kill "$pid"
for _ in $(seq 1 50); do
	kill -0 "$pid" 2>/dev/null || break
	sleep 0.2
done
kill -0 "$pid" 2>/dev/null && fail "the daemon did not stop on TERM"
pid=
echo "$checks checks passed"
