#!/bin/bash
# Crash test (issue 7, DESIGN.md 5): a workload of interviews, reschedules,
# cancellations, replies and rejections delivered in waves through the real
# servers while followupd runs, and the daemon killed again and again:
# after the N-th state commit (FOLLOWUPD_CRASH_AFTER_COMMITS=N, N = 1, 2,
# 3, ... until a run outlives its work, then from 1 again) and by kill -9
# after a random delay.  After every kill: no mail arrived twice, none
# arrived that the outbox does not count, no inbox message or interview
# recorded twice; mails of unknown outcome are settled as a user would.  At
# the end every mail is sent exactly once, cancelled by the plan, or waits
# for a future time, and every mail the plan requires went out.
#
# The interrupted sends are counted after every kill: a mail left "sending"
# without the body-handed mark (outbox.h) was certainly not sent and is
# retried at the next start; one with the mark may have gone and becomes an
# unknown outcome unless Sent has it.  The end reports the unknown outcomes
# over the kills (the goal: <= 2 in 200 kills) and how many of the mails
# interrupted after their mark were cut by the switch at the mark's own
# commit (those never went, but nothing can prove it: unknown by design)
# and how many by kill -9; CRASH_MAX_UNKNOWN=N fails the test above N.
# CRASH_KILL_AT=send aims the kill -9s at the sends.
#
# make check runs a short version; CRASH_FULL=1 runs the full one (40
# interviews, ~190 mails, 200 kills).  CRASH_RUNS, CRASH_SEED override.
set -u
. "$top_srcdir/tests/lib/lib.sh"
. "$top_srcdir/tests/faults/common.sh"

if [ "${CRASH_FULL:-0}" = 1 ]; then
	NPAST=32 NFUT=8 NRESCHED_FUT=4 NRESCHED_PAST=4 NREPLY=6 NREJECT=4 NFINAL=5 RUNS=200
else
	NPAST=3 NFUT=2 NRESCHED_FUT=1 NRESCHED_PAST=0 NREPLY=1 NREJECT=1 NFINAL=1 RUNS=12
fi
RUNS=${CRASH_RUNS:-$RUNS}
SEED=${CRASH_SEED:-$$}
RANDOM=$SEED
echo "crash test: seed $SEED, $RUNS runs"

fault_start
fault_config
export FOLLOWUPD_TEST_RETRY_SECONDS=2
T=$(date +%s)
W="$ENV/work"
mkdir -p "$W"
: >"$ENV/settled"
: >"$ENV/plan"

# ---- the workload: invites first, each follow-up a few items later ----
items=()
declare -A fol=()
for i in $(seq 1 $((NPAST + NFUT))); do
	co=$(printf 'Co%02d' "$i")
	uid="crash-$i@google.com"
	final=0
	if [ "$i" -le "$NPAST" ]; then
		s=$((T - 3 * 3600 + i * 60))
		[ "$i" -le "$NFINAL" ] && { final=1; echo "final $uid" >>"$ENV/plan"; }
	else
		s=$((T + 86400 + i * 60))
	fi
	fault_invite "$W/inv-$i.eml" "$uid" 0 "$s" $((s + 3600)) REQUEST "$co" "inv-$i@example.com" "$final"
	items+=("$W/inv-$i.eml")
	f=""
	if [ "$i" -gt "$NPAST" ]; then
		k=$((i - NPAST))
		if [ "$k" -le "$NRESCHED_FUT" ]; then
			# moved into the past: its mails fall due at once
			s2=$((T - 2 * 3600 - i * 60))
			fault_invite "$W/upd-$i.eml" "$uid" 1 "$s2" $((s2 + 3600)) REQUEST "$co" "upd-$i@example.com"
			echo "past $uid" >>"$ENV/plan"
		else
			fault_invite "$W/upd-$i.eml" "$uid" 1 "$s" $((s + 3600)) CANCEL "$co" "upd-$i@example.com"
			echo "cancelled $uid" >>"$ENV/plan"
		fi
		f="$W/upd-$i.eml"
	else
		echo "past $uid" >>"$ENV/plan"
		j=$((NPAST - i + 1))      # follow-ups for the last past interviews
		if [ "$j" -le "$NRESCHED_PAST" ]; then
			s2=$((s - 600))
			fault_invite "$W/upd-$i.eml" "$uid" 1 "$s2" $((s2 + 3600)) REQUEST "$co" "upd-$i@example.com" "$final"
			f="$W/upd-$i.eml"
		elif [ "$j" -le $((NRESCHED_PAST + NREPLY)) ]; then
			fault_reply "$W/rep-$i.eml" "rep-$i@example.com" "inv-$i@example.com" "$co"
			f="$W/rep-$i.eml"
		elif [ "$j" -le $((NRESCHED_PAST + NREPLY + NREJECT)) ]; then
			fault_reject "$W/rej-$i.eml" "rej-$i@example.com" "inv-$i@example.com" "$co"
			echo "rejected $co" >>"$ENV/plan"
			f="$W/rej-$i.eml"
		fi
	fi
	[ -n "$f" ] && fol[$i]=$f
done
order=()
NIV=$((NPAST + NFUT))
for i in $(seq 1 "$NIV"); do
	order+=("${items[$((i - 1))]}")
	[ -n "${fol[$((i - 2))]:-}" ] && order+=("${fol[$((i - 2))]}")
done
for i in $((NIV - 1)) "$NIV"; do
	[ -n "${fol[$i]:-}" ] && order+=("${fol[$i]}")
done
NITEMS=${#order[@]}
# Spread the items over the first two thirds of the runs.
per=$(( (NITEMS + RUNS * 2 / 3 - 1) / (RUNS * 2 / 3) ))
[ "$per" -ge 1 ] || per=1
echo "workload: $((NPAST + NFUT)) interviews, $NITEMS inbox mails, $per per run"

next=0
deliver_wave() {
	local k
	for ((k = 0; k < per && next < NITEMS; k++)); do
		mailenv deliver "$ENV" jane@example.net "${order[$next]}" || fail "deliver ${order[$next]}"
		next=$((next + 1))
	done
}

# ---- the kills ----
# Mails a kill left "sending": with the body-handed mark, and without it
# (certainly not sent), by the kind of kill (99: at a state commit).
declare -A cut_handed=([99]=0 [137]=0) cut_unhanded=([99]=0 [137]=0)
count_interrupted() {
	local h u
	h=$(lib_sql "SELECT count(*) FROM outbox WHERE status = 'sending' AND handed_at IS NOT NULL")
	u=$(lib_sql "SELECT count(*) FROM outbox WHERE status = 'sending' AND handed_at IS NULL")
	cut_handed[$1]=$((cut_handed[$1] + ${h:-0}))
	cut_unhanded[$1]=$((cut_unhanded[$1] + ${u:-0}))
}
# CRASH_KILL_AT=send: the kill -9 falls among the sends of the run (0 to
# 49 ms after its first mail was sent; at 2 s if none is), not at a random
# moment of the whole run, which seldom is one of sending.
kill_in_sends() {
	local from i
	from=$(wc -l <"$ENV/daemon.log")
	for i in $(seq 1 200); do
		tail -n +"$((from + 1))" "$ENV/daemon.log" | grep -q 'sent mail' && break
		sleep 0.01
	done
	sleep "$(printf '0.%03d' $((RANDOM % 50)))"
}
switch_kills=0 random_kills=0 idle_kills=0 n=1 maxn=0
for run in $(seq 1 "$RUNS"); do
	echo "=== run $run" >>"$ENV/daemon.log"
	if [ $((run % 2)) = 1 ]; then
		FOLLOWUPD_CRASH_AFTER_COMMITS=$n "$FOLLOWUPD" -f -v --allow-root -c "$ENV/followupd.conf" \
			>>"$ENV/daemon.log" 2>&1 &
		DAEMON_PID=$!
		deliver_wave
		# Dies at its N-th commit, or outlives its work: then kill it idle.
		for i in $(seq 1 20); do
			kill -0 "$DAEMON_PID" 2>/dev/null || break
			sleep 0.1
		done
		kill -KILL "$DAEMON_PID" 2>/dev/null
		wait "$DAEMON_PID"
		rc=$?
		if [ "$rc" = 99 ]; then
			switch_kills=$((switch_kills + 1))
			[ "$n" -gt "$maxn" ] && maxn=$n
			n=$((n + 1))
		else
			idle_kills=$((idle_kills + 1))
			n=1
		fi
	else
		"$FOLLOWUPD" -f -v --allow-root -c "$ENV/followupd.conf" >>"$ENV/daemon.log" 2>&1 &
		DAEMON_PID=$!
		deliver_wave
		if [ "${CRASH_KILL_AT:-}" = send ]; then
			kill_in_sends
		else
			sleep "$((RANDOM % 2)).$((RANDOM % 10))"
		fi
		kill -KILL "$DAEMON_PID" 2>/dev/null
		wait "$DAEMON_PID"
		rc=$?
		random_kills=$((random_kills + 1))
	fi
	DAEMON_PID=
	case $rc in
	99 | 137) ;;
	*) fail "run $run: followupd exited with status $rc on its own" ;;
	esac
	count_interrupted "$rc"
	FAULT_WHEN="run $run" fault_settle step
done
[ "$next" = "$NITEMS" ] || deliver_wave
while [ "$next" -lt "$NITEMS" ]; do deliver_wave; done
echo "after ${SECONDS}s: kills: $switch_kills at state commits (N up to $maxn), $random_kills random, $idle_kills idle; $UNKNOWNS unknown outcomes settled"
echo "interrupted sends: $((cut_unhanded[99] + cut_unhanded[137])) before the body was all handed over (retried: ${cut_unhanded[99]} at commits, ${cut_unhanded[137]} by kill -9), $((cut_handed[99] + cut_handed[137])) after (${cut_handed[99]} at commits, ${cut_handed[137]} by kill -9: unknown unless in Sent)"

# ---- the end: run undisturbed until nothing is due, settle, check ----
# Waiting: what is due now or within the next 30 minutes: a send cut by the
# last kill is retried a few seconds later (FOLLOWUPD_TEST_RETRY_SECONDS),
# and the drain must not end before that retry; the workload's other mails
# are due now or a day and more ahead.
waiting() {
	lib_sql "SELECT count(*) FROM outbox WHERE status IN ('sending','unknown')
		OR (status IN ('pending','deferred') AND ifnull(next_attempt, due) <= CAST(strftime('%s','now') AS INTEGER) + 1800)"
}
unknowns() { lib_sql "SELECT count(*) FROM outbox WHERE status = 'unknown'"; }
handled() { [ "$(lib_sql "SELECT count(*) FROM messages_seen WHERE folder='INBOX'")" = "$(lib_count jane@example.net)" ]; }
missed=""
for round in 1 2 3 4; do
	lib_daemon_start
	# (a mail of unknown outcome waits for the user: settled below)
	lib_wait 60 '[ "$(waiting)" = "$(unknowns)" ] && fault_queue_empty 1'
	# The mails to the user herself land in the watched INBOX: the daemon,
	# idling, must notice them by IDLE, not at a restart nor at the next
	# poll (5 minutes away): 60 s leaves room for a loaded machine and the
	# sanitizer build, and is still far short of a poll.
	if ! lib_wait 60 handled; then
		missed="$missed round $round: $(lib_sql "SELECT count(*) FROM messages_seen WHERE folder='INBOX'") of $(lib_count jane@example.net) INBOX messages handled after 60 s;"
	fi
	lib_daemon_stop || fail "followupd did not stop cleanly on TERM"
	fault_settle
	echo "after ${SECONDS}s: drain round $round: $(waiting) mail(s) still waiting"
	[ "$(waiting)" = 0 ] && handled && break
done
$CHECK final "$ENV/state/state.db" "$MAILENV_DIR/mail" "$ENV/settled" "$ENV/plan" >"$ENV/check.out"
rc=$?
cat "$ENV/check.out"
[ "$rc" = 0 ] || fail "promises broken at the end (above)"
sent=$(lib_sql "SELECT count(*) FROM outbox WHERE status='sent'")
settled=$(wc -l <"$ENV/settled")
kills=$((switch_kills + random_kills + idle_kills))
# A kill at the mark's own commit (the switch) leaves a mail that did not go
# but that no record can tell from one that did (outbox.c, "sending"): an
# unknown outcome by design; the kill -9s after a mark measure the window.
echo "unknown outcomes: $UNKNOWNS in $kills kills (mails interrupted after their mark: ${cut_handed[99]} by a kill at the mark's own commit, ${cut_handed[137]} by kill -9)"
if [ -n "${CRASH_MAX_UNKNOWN:-}" ] && [ "$UNKNOWNS" -gt "$CRASH_MAX_UNKNOWN" ]; then
	fail "$UNKNOWNS unknown outcomes in $kills kills, more than CRASH_MAX_UNKNOWN=$CRASH_MAX_UNKNOWN"
fi
echo "ok: $RUNS runs, $kills kills survived ($switch_kills at commits, $random_kills random, $idle_kills idle), $((NPAST + NFUT)) interviews, $((sent + settled)) mails delivered exactly once, 0 duplicates, 0 lost, $UNKNOWNS unknown outcomes settled ($settled had arrived)"
[ -z "$missed" ] || fail "IDLE missed mail that arrived while followupd was busy:$missed"
echo PASS
