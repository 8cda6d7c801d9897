#!/bin/bash
# Benchmark (issues 3 and 15): an idle daemon over BENCH_IDLE_SECONDS
# (default 600), and its memory against imapfilter's in the same run.
# The INBOX holds a few mails and an invite for an interview three days
# ahead, so the outbox has mails waiting (review mode) and the daemon has a
# timer in the future.  After the first sync the daemon idles; over the
# period we record its RSS at start and end, its wake-ups as poll/ppoll
# returns (strace -f attached to it and to its parser child), and its
# context switches (/proc/PID/status) and times scheduled
# (/proc/PID/schedstat), summed over the threads of both processes.
# Attaching strace makes every traced system call cost two extra context
# switches, so the switch count is an upper bound.  Dovecot itself sends
# "* OK Still here" every 2 minutes during IDLE (imap_idle_notify_interval),
# so about one wake-up per 120 s is the server's doing.
#
# Memory (issue 15): at the end of the period, for the daemon, its parser
# worker and imapfilter (running tests/bench/imapfilter.lua, in
# enter_idle() on a second user's INBOX, started with the daemon):
# proportional set size (PSS: each shared page divided among the
# processes that map it), RSS and private memory (Private_Clean +
# Private_Dirty), all from /proc/PID/smaps_rollup.
set -u
. "$top_srcdir/tests/bench/common.sh"
bench_need strace imapfilter
SECS=${BENCH_IDLE_SECONDS:-600}

bench_start
PEER=peer@example.net
PEER_PASS=$(printf '%08x%08x' "$SRANDOM" "$SRANDOM")
mailenv adduser "$ENV" "$PEER" "$PEER_PASS" || bench_fail "adduser"
mkdir -p "$WORK/imapfilter"
chmod 700 "$WORK/imapfilter"
bench_config "$WORK/followupd.conf" "$WORK/state" review 30d ""
mkdir -p "$WORK/state"
T=$(date +%s)
for i in 1 2 3 4 5; do
	bench_mail "$WORK/m.eml" "idle-$i@bench.example"
	mailenv deliver "$ENV" jane@example.net "$WORK/m.eml" || bench_fail "deliver"
done
# A Google-Calendar-shaped invite three days ahead.
s=$(date -u -d "@$((T + 3 * 86400))" +%Y%m%dT%H%M%SZ)
e=$(date -u -d "@$((T + 3 * 86400 + 3600))" +%Y%m%dT%H%M%SZ)
{
	printf 'From: Ravi Menon <ravi@example.com>\r\nTo: Jane Doe <jane@example.net>\r\n'
	printf 'Subject: Invitation: Interview: Jane Doe - Platform Engineer @ Acme\r\n'
	printf 'Date: %s\r\nMessage-ID: <idle-invite@example.com>\r\n' "$(date -R)"
	printf 'MIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary="b1"\r\n\r\n'
	printf -- '--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n'
	printf 'Hi Jane,\r\n\r\nThis confirms your interview for the Platform Engineer position at Acme.\r\n\r\nRavi Menon\r\nRecruiter, Acme\r\n\r\n'
	printf -- '--b1\r\nContent-Type: text/calendar; charset=utf-8; method=REQUEST\r\n\r\n'
	printf 'BEGIN:VCALENDAR\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\n'
	printf 'BEGIN:VEVENT\r\nDTSTART:%s\r\nDTEND:%s\r\nUID:idle-1@google.com\r\nSEQUENCE:0\r\n' "$s" "$e"
	printf 'ORGANIZER;CN=Ravi Menon:mailto:ravi@example.com\r\n'
	printf 'ATTENDEE;CN=Ada Brooks;ROLE=REQ-PARTICIPANT:mailto:ada@example.com\r\n'
	printf 'ATTENDEE;CN=Jane Doe;ROLE=REQ-PARTICIPANT:mailto:jane@example.net\r\n'
	printf 'SUMMARY:Interview: Jane Doe - Platform Engineer\r\nSTATUS:CONFIRMED\r\n'
	printf 'END:VEVENT\r\nEND:VCALENDAR\r\n--b1--\r\n'
} >"$WORK/invite.eml"
mailenv deliver "$ENV" jane@example.net "$WORK/invite.eml" || bench_fail "deliver"

"$FOLLOWUPD" -f -v --allow-root -c "$WORK/followupd.conf" >"$WORK/daemon.log" 2>&1 &
DPID=$!
bench_track "$DPID"
IMAPFILTER_HOME="$WORK/imapfilter" BENCH_IMAP_HOST=127.0.0.1 BENCH_IMAP_PORT="$IMAP_PORT" \
	BENCH_PEER_USER="$PEER" BENCH_PEER_PASS="$PEER_PASS" \
	imapfilter -t "$CA_FILE" -c "$BENCH_DIR/imapfilter.lua" </dev/null >"$WORK/imapfilter.log" 2>&1 &
FPID=$!
bench_track "$FPID"
for _ in $(seq 1 100); do
	grep -q "INBOX: 6 new" "$WORK/daemon.log" && break
	sleep 0.2
done
grep -q "INBOX: 6 new" "$WORK/daemon.log" || bench_fail "the daemon did not sync (see $WORK/daemon.log)"
for _ in $(seq 1 100); do
	grep -q IDLING "$WORK/imapfilter.log" && break
	sleep 0.2
done
grep -q IDLING "$WORK/imapfilter.log" || bench_fail "imapfilter did not start (see $WORK/imapfilter.log)"
sleep 3         # into IDLE

# The daemon and its children (the parser worker), and all their threads.
procs() {
	local p=$1 c
	# not a zombie (a worker that left idle waits to be reaped)
	grep -q '^State:[[:space:]]*Z' "/proc/$p/status" 2>/dev/null || echo "$p"
	for c in $(cat /proc/"$p"/task/*/children 2>/dev/null); do procs "$c"; done
}
# ctx PIDS: voluntary + involuntary context switches; sched PIDS: times run.
ctx() {
	local p
	for p in "$@"; do cat /proc/"$p"/task/*/status 2>/dev/null; done |
		awk '/^(voluntary|nonvoluntary)_ctxt_switches/ { t += $2 } END { print t + 0 }'
}
sched() {
	local p
	for p in "$@"; do cat /proc/"$p"/task/*/schedstat 2>/dev/null; done |
		awk '{ t += $3 } END { print t + 0 }'
}
rssall() {
	local p out=""
	for p in "$@"; do out="$out $(bench_rss "$p")"; done
	echo "${out# }"
}

# mem PID: "PSS RSS private" in KiB from smaps_rollup.
mem() {
	awk '/^Pss:/ { p = $2 } /^Rss:/ { r = $2 } /^Private_(Clean|Dirty):/ { v += $2 }
	END { print p + 0, r + 0, v + 0 }' "/proc/$1/smaps_rollup" 2>/dev/null
}
# memtable WHEN PIDS: rows for the daemon, its workers and imapfilter.
memtable() {
	local when=$1 p name mp mr mv fp fr fv tp=0 tr=0 tv=0
	shift
	if [ "${BENCH_KEEP:-0}" = 1 ]; then   # per mapping, for a post-mortem
		for p in "$@" "$FPID"; do cat "/proc/$p/smaps" >"$WORK/smaps.$when.$p" 2>/dev/null; done
	fi
	for p in "$@"; do
		read -r mp mr mv <<<"$(mem "$p")"
		if [ "$p" = "$DPID" ]; then name="followupd"; else name="parser ($(tr '\0' '\n' <"/proc/$p/cmdline" | head -n 1 | sed 's|.*/||'))"; fi
		bench_row "$when" "$name" "$mp" "$mr" "$mv"
		tp=$((tp + mp)) tr=$((tr + mr)) tv=$((tv + mv))
	done
	[ $# -gt 1 ] || bench_row "$when" "parser (not running: it left after 60 s without a mail)" 0 0 0
	bench_row "$when" "**followupd + parser**" "**$tp**" "$tr" "$tv"
	read -r fp fr fv <<<"$(mem "$FPID")"
	bench_row "$when" "imapfilter (enter_idle())" "$fp" "**$fr**" "$fv"
	bench_row "$when" "ratio followupd + parser PSS / imapfilter RSS" "**$(bench_ratio "$tp" "$fr")**" "" ""
}

P0=$(procs "$DPID" | tr '\n' ' ')
MEM0=$(memtable start $P0)
rss0=$(rssall $P0)
ctx0=$(ctx $P0)
sched0=$(sched $P0)
args=()
for p in $P0; do args+=(-p "$p"); done
strace -f -qq -tt -e trace=poll,ppoll,select,pselect6,epoll_wait,restart_syscall \
	-o "$WORK/strace.out" "${args[@]}" &
SPID=$!
bench_track "$SPID"
echo "idle: watching followupd (pids $P0) for $SECS s" >&2
sleep "$SECS"
kill -INT "$SPID" 2>/dev/null
wait "$SPID" 2>/dev/null
P1=$(procs "$DPID" | tr '\n' ' ')
rss1=$(rssall $P1)
ctx1=$(ctx $P0)
sched1=$(sched $P0)
kill -0 "$DPID" 2>/dev/null || bench_fail "the daemon died while idle"
kill -0 "$FPID" 2>/dev/null || bench_fail "imapfilter died while idle"


# Wake-ups: returns of a poll/ppoll that could block (a timeout other
# than 0), or of the poll strace interrupted when it attached
# (restart_syscall).  After each one the daemon drains the socket with
# zero-timeout polls; those are counted apart.
count() {
	awk -v want="$1" '
	/ = [0-9-]/ && /(poll|ppoll|restart_syscall)\(/ {
		block = 0
		if ($0 ~ /restart_syscall\(/) block = 1
		else if ($0 ~ /[^p]poll\(/ && $0 !~ /\], [0-9]+, 0\) = /) block = 1
		else if ($0 ~ /ppoll\(/ && $0 !~ /tv_sec=0, tv_nsec=0/) block = 1
		if (want == "block" && block) n++
		if (want == "all") n++
	}
	END { print n + 0 }' "$WORK/strace.out"
}
wake=$(count block)
allpolls=$(count all)
other=$(grep -E '(select|pselect6|epoll_wait)\(.*\) += ' "$WORK/strace.out" | grep -vc 'unfinished')

echo
echo "### Idle daemon over $SECS s (IDLE on INBOX, $(bench_sql "$WORK/state/state.db" "SELECT count(*) FROM outbox WHERE status IN ('pending','held')") mails waiting)"
echo
bench_row "processes" "RSS start KiB" "RSS end KiB" "wake-ups (blocking poll returns)" "all poll returns" "select returns" "context switches" "times scheduled" "Dovecot \"still here\" notices (expected)"
bench_row "---" "---" "---" "---" "---" "---" "---" "---" "---"
bench_row "followupd + parser (pids ${P0% })" "$rss0" "$rss1" "$wake" "$allpolls" "$other" "$((ctx1 - ctx0))" "$((sched1 - sched0))" "$((SECS / 120))"
[ "$P0" = "$P1" ] || echo "(processes changed during the period: $P0 -> $P1)"

echo
echo "### Idle memory, KiB (/proc/PID/smaps_rollup): 3 s after the first sync and after $SECS s idle"
echo
bench_row "when" "process" "PSS" "RSS" "private (clean + dirty)"
bench_row "---" "---" "---" "---" "---"
printf '%s\n' "$MEM0"
memtable "after $SECS s" $P1
