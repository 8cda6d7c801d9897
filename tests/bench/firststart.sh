#!/bin/bash
# Benchmark (issue 3): the first start on a big INBOX.  gen-maildir.py
# writes BENCH_FIRSTSTART_N messages (default 20000; mtimes over 60 days,
# 2% interview invites, some with big attachments) straight into jane's
# Maildir; Dovecot then syncs its index once (timed apart, so the daemon's
# number is its own); then `followupd --once` runs from an empty state with
# lookback = 30d (the default) and again, from another empty state, with
# 90d (every message).  Reports wall time, CPU, peak RSS (GNU time: the
# larger of the daemon and its parser child), the bytes the daemon counts
# as fetched for recognition (its -v log: headers, MIME headers, the text
# and calendar parts it reads), that as a share of the mailbox's bytes
# (issue 15: <= 5%), every byte Dovecot sent on the session (its logout
# line), and how many messages were handled.
set -u
. "$top_srcdir/tests/bench/common.sh"
bench_need /usr/bin/time doveadm
N=${BENCH_FIRSTSTART_N:-20000}
DAYS=60

now_s() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

bench_start
md=$MAILENV_DIR/mail/example.net/jane/Maildir
mkdir -p "$md"
chown -R --reference="$MAILENV_DIR/mail" "$MAILENV_DIR/mail/example.net"

t0=$(now_s)
python3 "$BENCH_DIR/gen-maildir.py" "$md" "$N" "$DAYS" 2 1 >"$WORK/gen.json" ||
	bench_fail "gen-maildir.py failed"
t1=$(now_s)
count=$(doveadm -c "$ENV/dovecot.conf" mailbox status -u jane@example.net messages INBOX) ||
	bench_fail "doveadm mailbox status failed"
t2=$(now_s)
count=${count##*=}
[ "$count" = "$N" ] || bench_fail "Dovecot sees $count messages, want $N"
printf 'firststart: %s messages generated in %.1f s, Dovecot index sync %.1f s\n' "$N" \
	"$(elapsed "$t0" "$t1")" "$(elapsed "$t1" "$t2")" >&2

# gen KEY [LOOKBACK]: a number from gen-maildir.py's summary.
gen() {
	python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
print(d["lookback_" + sys.argv[3]][sys.argv[2]] if len(sys.argv) > 3 else d[sys.argv[2]])' \
		"$WORK/gen.json" "$@"
}
mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }

rows=()
for lb in 30d 90d; do
	conf=$WORK/fs-$lb.conf
	bench_config "$conf" "$WORK/state-$lb" review "$lb" none
	mkdir -p "$WORK/state-$lb"
	before=$(grep -c "imap(jane@example.net).*Logged out" "$DOVECOT_LOG")
	s=$(now_s)
	/usr/bin/time -v -o "$WORK/time-$lb" "$FOLLOWUPD" --once -v --allow-root -c "$conf" \
		2>"$WORK/log-$lb" &
	pid=$!
	bench_track "$pid"
	wait "$pid" || { tail -n 20 "$WORK/log-$lb" >&2; bench_fail "followupd --once ($lb) failed"; }
	e=$(now_s)
	BENCH_PIDS=
	secs=$(elapsed "$s" "$e")
	rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$WORK/time-$lb")
	cpu=$(awk -F': ' '/User time/ { u = $2 } /System time/ { s = $2 } END { printf "%.1f", u + s }' "$WORK/time-$lb")
	fetched=$(sed -n 's/.*INBOX: [0-9]* new, [0-9]* duplicates, \([0-9]*\) bytes.*/\1/p' "$WORK/log-$lb" |
		awk '{ t += $1 } END { print t + 0 }')
	# Dovecot's logout line: "in=N out=N" for the whole session.
	sleep 0.5
	wire=$(grep "imap(jane@example.net).*Logged out" "$DOVECOT_LOG" | tail -n +$((before + 1)) |
		sed -n 's/.* out=\([0-9]*\).*/\1/p' | awk '{ t += $1 } END { print t + 0 }')
	db=$WORK/state-$lb/state.db
	seen=$(bench_sql "$db" "SELECT count(*) FROM messages_seen WHERE folder='INBOX'")
	ivs=$(bench_sql "$db" "SELECT count(*) FROM interviews")
	win=$(gen count "$lb")
	winb=$(gen bytes "$lb")
	wini=$(gen invites "$lb")
	rate=$(awk -v n="$seen" -v s="$secs" 'BEGIN { printf "%.0f", n / s }')
	share=$(awk -v f="$fetched" -v b="$(gen bytes)" 'BEGIN { printf "%.1f%%", 100 * f / b }')
	rows+=("$(bench_row "$lb" "$(printf '%.1f' "$secs")" "$cpu" "$rate" \
		"$((rss / 1024)) MiB" "$(mb "$fetched") ($share) / $(mb "$wire")" \
		"$(mb "$winb")" "$seen / $win / $N" "$ivs / $wini")")
done

echo
echo "### First start on an INBOX of $N messages ($(mb "$(gen bytes)") MiB, $DAYS days)"
echo
bench_row "lookback" "seconds" "CPU s" "msgs/s" "peak RSS" "MiB fetched for recognition (of the mailbox) / all IMAP bytes" "MiB in window" "handled / in window / mailbox" "interviews / invites in window"
bench_row "---" "---" "---" "---" "---" "---" "---" "---" "---"
printf '%s\n' "${rows[@]}"
