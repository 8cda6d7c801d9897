#!/bin/bash
# soak.sh: followupd idling against the real servers while a mail arrives
# every few seconds (plain mails, interview invites, reschedules, replies,
# cancellations, rejections).  Samples the daemon's resident memory, its
# descriptor count (/proc/PID/fd) and the mails handled; prints a table.
#
#   SOAK_SECONDS  how long mail keeps arriving (default 3600)
#   SOAK_EVERY    seconds between two mails (default 3)
#   SOAK_SAMPLE   seconds between two samples (default 60)
#   SOAK_TABLE    also write the table to this file
#
# Fails when a delivered mail is not recorded in messages_seen (exactly once
# each), when the daemon dies, when descriptors grow (the count once idle at
# the end is more than 2 above the first sample), or when the resident
# memory at the end exceeds the first sample (taken after a warm-up) by more than 25% and 4 MB
# (a leak of a few hundred bytes per mail over an hour shows up; allocator
# noise does not).  A 60-second version runs in make check
# (tests/hardening/soak-short.sh).
set -u
. "$top_srcdir/tests/lib/lib.sh"

SECONDS_TOTAL=${SOAK_SECONDS:-3600}
EVERY=${SOAK_EVERY:-3}
SAMPLE=${SOAK_SAMPLE:-60}

lib_start
# Reflections go to the user's own INBOX; off, so that every INBOX mail is
# one this script delivered.
lib_config "$ENV/followupd.conf" auto 'references = ( { name = "Bob Smith"; email = "bob@example.org"; } );
reflection = { enabled = false; };
reference_warning = { enabled = true; when = "always"; cooldown = "1h"; };'
lib_daemon_start
lib_wait 20 'grep -q "IMAP: connected" "$ENV/daemon.log"' || fail "no IMAP connection"

# rss_kb PID: VmRSS of PID and of its children (the sandbox worker).
rss_kb() {
	local total=0 p v
	for p in "$1" $(cat "/proc/$1/task/$1/children" 2>/dev/null); do
		v=$(awk '/^VmRSS:/ {print $2}' "/proc/$p/status" 2>/dev/null)
		total=$((total + ${v:-0}))
	done
	echo "$total"
}
own_rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null; }
fds() { find "/proc/$1/fd" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l; }
seen() { lib_sql "SELECT count(*) FROM messages_seen WHERE folder='INBOX'"; }

delivered=0
TABLE=$ENV/table
printf '%8s %10s %10s %5s %9s %7s %6s\n' seconds rss_kb all_kb fds delivered seen sent >"$TABLE"
sample() {
	kill -0 "$DAEMON_PID" 2>/dev/null || fail "followupd died (after $delivered mails)"
	printf '%8d %10d %10d %5d %9d %7d %6d\n' "$1" "$(own_rss_kb "$DAEMON_PID")" \
		"$(rss_kb "$DAEMON_PID")" "$(fds "$DAEMON_PID")" "$delivered" "$(seen)" \
		"$(lib_sql "SELECT count(*) FROM outbox WHERE status='sent'")" | tee -a "$TABLE"
}

# deliver_next N: the Nth mail of the mix.
T=$(date +%s)
deliver_next() {
	local n=$1 k=$(( $1 % 8 )) f=$ENV/m.eml iv=$(( $1 / 8 ))
	# The user lets the mails of the interviews that were over when they
	# arrived go (held "found late" until then).
	lib_approve_late_now try
	case $k in
	0|4) lib_mail "$f" "plain-$n@example.com" "Newsletter $n" "News <news@example.org>" ;;
	1)   # a future interview: mails wait (pending)
	     lib_invite "$f" "soak-$iv@google.com" 0 "@$((T + 2*86400 + n))" "@$((T + 2*86400 + n + 3600))" \
		REQUEST "Ada Brooks:ada@example.com,Ben Carter:ben@example.com" "inv-$n@example.com" ;;
	2)   # the recruiter replies into the thread
	     { printf 'From: Ravi Menon <ravi@example.com>\r\nTo: Jane Doe <jane@example.net>\r\n'
	       printf 'Subject: Re: Invitation: Interview\r\nDate: %s\r\n' "$(date -R)"
	       printf 'Message-ID: <reply-%d@example.com>\r\nIn-Reply-To: <inv-%d@example.com>\r\n' "$n" "$((n - 1))"
	       printf 'Content-Type: text/plain; charset=utf-8\r\n\r\nHi Jane, see you then.\r\nRavi\r\n'; } >"$f" ;;
	3)   # a reschedule of that interview
	     lib_invite "$f" "soak-$iv@google.com" 1 "@$((T + 3*86400 + n))" "@$((T + 3*86400 + n + 3600))" \
		REQUEST "Ada Brooks:ada@example.com,Ben Carter:ben@example.com" "upd-$n@example.com" ;;
	5)   # an interview that is over: thank-yous leave once approved (every other round)
	     if [ $((iv % 2)) = 0 ]; then
		lib_invite "$f" "past-$iv@google.com" 0 "@$((T - 3*3600))" "@$((T - 2*3600))" REQUEST \
			"Chloe Dent:chloe@example.com" "past-$n@example.com"
	     else
		lib_mail "$f" "plain-$n@example.com" "Lunch?" "Carol <carol@example.org>"
	     fi ;;
	6)   # every other round the future one is cancelled
	     if [ $((iv % 2)) = 1 ]; then
		lib_invite "$f" "soak-$iv@google.com" 2 "@$((T + 3*86400))" "@$((T + 3*86400 + 3600))" \
			CANCEL "Ada Brooks:ada@example.com,Ben Carter:ben@example.com" "cancel-$n@example.com"
	     else
		lib_mail "$f" "plain-$n@example.com" "Re: lunch" "Bob <bob@example.org>"
	     fi ;;
	7)   # a rejection
	     { printf 'From: Ravi Menon <ravi@example.com>\r\nTo: Jane Doe <jane@example.net>\r\n'
	       printf 'Subject: Your application\r\nDate: %s\r\nMessage-ID: <rej-%d@example.com>\r\n' "$(date -R)" "$n"
	       printf 'In-Reply-To: <past-%d@example.com>\r\n' "$((n - 2))"
	       printf 'Content-Type: text/plain; charset=utf-8\r\n\r\nDear Jane,\r\nUnfortunately we have decided '
	       printf 'not to move forward with your application.\r\nRavi\r\n'; } >"$f" ;;
	esac
	mailenv deliver "$ENV" jane@example.net "$f" || fail "cannot deliver mail $n"
	delivered=$((delivered + 1))
}

# Warm up: one mail of each kind, handled and the thank-yous sent, so the
# first sample has every code path (sandbox worker, TLS, SMTP) loaded.
n=0
for n in 0 1 2 3 4 5 6 7; do deliver_next "$n"; done
n=8
lib_wait 60 'lib_approve_late_now try; [ "$(seen)" = "$delivered" ] && [ "$(lib_sql "SELECT count(*) FROM outbox WHERE status=\"sent\"")" -gt 0 ]' ||
	fail "the warm-up mails were not handled"
sleep 2
start=$(date +%s)
next_sample=$start
while :; do
	now=$(date +%s)
	el=$((now - start))
	if [ "$now" -ge "$next_sample" ]; then
		sample "$el"
		next_sample=$((next_sample + SAMPLE))
	fi
	[ "$el" -ge "$SECONDS_TOTAL" ] && break
	deliver_next "$n"
	n=$((n + 1))
	sleep "$EVERY"
done

# Every mail handled, exactly once.
lib_wait 60 '[ "$(seen)" = "$delivered" ]' || fail "messages_seen has $(seen) INBOX rows, $delivered delivered"
dup=$(lib_sql "SELECT count(*) FROM (SELECT message_id FROM messages_seen GROUP BY folder, message_id HAVING count(*) > 1)")
[ "$dup" = 0 ] || fail "$dup messages recorded twice"
# Idle: nothing in flight, then the last sample.
lib_wait 60 '[ "$(lib_sql "SELECT count(*) FROM outbox WHERE status IN (\"sending\",\"deferred\") OR (status=\"pending\" AND due <= strftime(\"%s\",\"now\"))")" = 0 ]' ||
	fail "mails due are still waiting: $(lib_sql "SELECT status, count(*) FROM outbox GROUP BY status")"
sleep 3
sample "$(( $(date +%s) - start ))"

[ -n "${SOAK_TABLE:-}" ] && cp "$TABLE" "$SOAK_TABLE"
read -r _ rss0 _ fd0 _ < <(sed -n 2p "$TABLE")
read -r _ rss1 _ fd1 _ < <(tail -n 1 "$TABLE")
echo "daemon: rss ${rss0} kB -> ${rss1} kB, descriptors ${fd0} -> ${fd1}, $delivered mails delivered and handled"
echo "outbox: $(lib_sql "SELECT group_concat(status || '=' || n, ' ') FROM (SELECT status, count(*) n FROM outbox GROUP BY status)")"
[ "$fd1" -le $((fd0 + 2)) ] || fail "descriptors grew from $fd0 to $fd1"
if lib_asan_build; then
	# An ASan build holds freed memory in quarantine (256 MB), so RSS
	# says nothing there; LeakSanitizer checks the daemon at its exit.
	echo "ASan build: resident memory not judged (LeakSanitizer at exit instead)"
elif [ "$rss1" -gt $((rss0 + 4096)) ] && [ "$rss1" -gt $((rss0 * 5 / 4)) ]; then
	fail "resident memory grew from $rss0 kB to $rss1 kB"
fi
grep -q "ERROR\|error:" "$ENV/daemon.log" && grep "ERROR\|error:" "$ENV/daemon.log" | head -n 5
lib_daemon_stop || fail "followupd did not exit 0 on TERM"
echo PASS
