#!/bin/bash
# Hostile mails (tests/hostile/generate.py, written at test time into a
# temporary directory: a 50 MiB attachment, 1,000 nested parts, 10,000
# attendees, 100 KB header lines, NUL bytes, invalid UTF-8...):
#
# 1. each through `followupctl scan --json` (the sandboxed parser): it is
#    handled (exit 0, one JSON line) or refused cleanly (65: the parser
#    gave up, the daemon would record it unreadable; 66 only for the mail
#    larger than scan reads), never killed by a signal, within
#    HOSTILE_MAX_SECONDS (default 60) and HOSTILE_MAX_RSS_MB (default 512,
#    the sandbox worker's own address-space cap) of peak RSS, measured
#    with /usr/bin/time over followupctl and its waited-for worker;
# 2. all of them delivered to a real Dovecot watched by the daemon
#    (tests/lib/lib.sh): every one is recorded in messages_seen, the daemon
#    keeps running and stops cleanly on TERM.  Skipped without the mail
#    servers (part 1 still counts).
#
# The figures (seconds, peak RSS) are printed for the README.
set -u
: "${top_srcdir:?}" "${top_builddir:?}"
FOLLOWUPCTL="$top_builddir/src/followupctl"
max_secs=${HOSTILE_MAX_SECONDS:-60}
max_rss_kb=$(( ${HOSTILE_MAX_RSS_MB:-512} * 1024 ))

command -v python3 >/dev/null || { echo "SKIP: python3 is needed to write the mails"; exit 77; }
work=$(mktemp -d "${TMPDIR:-/tmp}/hostile.XXXXXX") || exit 99
cleanup_work() { rm -rf "$work"; }
trap cleanup_work EXIT

python3 "$top_srcdir/tests/hostile/generate.py" "$work/mail" >/dev/null ||
	{ echo "FAIL: generating the hostile mails"; exit 1; }

timer=
if [ -x /usr/bin/time ] && /usr/bin/time -f %M true 2>/dev/null; then
	timer=/usr/bin/time
else
	echo "note: /usr/bin/time (GNU time) missing: peak RSS not measured"
fi

failed=0
bad() { echo "FAIL: $*"; failed=1; }

printf '%-22s %10s %5s %8s %10s  %s\n' mail bytes exit seconds "peak RSS" kind
for f in "$work"/mail/*.eml; do
	name=$(basename "$f" .eml)
	size=$(stat -c %s "$f")
	start=$(date +%s%N)
	# timeout is a backstop far above the bound, so a hang fails, not blocks.
	if [ -n "$timer" ]; then
		$timer -f '%x %M' -o "$work/time" timeout -s KILL $((max_secs * 3)) \
			"$FOLLOWUPCTL" scan --json "$f" >"$work/out" 2>"$work/err"
		rc=$?
	else
		timeout -s KILL $((max_secs * 3)) "$FOLLOWUPCTL" scan --json "$f" >"$work/out" 2>"$work/err"
		rc=$?
	fi
	ms=$(( ($(date +%s%N) - start) / 1000000 ))
	secs=$(printf '%d.%02d' $((ms / 1000)) $((ms % 1000 / 10)))
	rss=-
	if [ -n "$timer" ]; then
		# "Command terminated by signal N" / "Command exited with non-zero status N" lines come first.
		if grep -q "terminated by signal" "$work/time"; then
			rc=$(( 128 + $(sed -n 's/.*terminated by signal \([0-9]*\).*/\1/p' "$work/time") ))
		fi
		rss=$(tail -n 1 "$work/time" | awk '{print $2}')
	fi
	kind=$(python3 -c 'import json,sys
try:
    d = json.loads(open(sys.argv[1]).readline())
    print(d["kind"], len(d["interviewers"]))
except Exception as e:
    print("-")' "$work/out")
	printf '%-22s %10s %5s %8s %7s KB  %s\n' "$name" "$size" "$rc" "$secs" "$rss" "$kind"
	case $rc in
	0)
		[ "$kind" != - ] || bad "$name: exit 0 without a JSON line: $(head -c 300 "$work/out")"
		# One line per file, of bounded size whatever the mail holds.
		[ "$(wc -l <"$work/out")" -eq 1 ] || bad "$name: not one line of output"
		[ "$(stat -c %s "$work/out")" -le 65536 ] || bad "$name: $(stat -c %s "$work/out") bytes of JSON"
		;;
	65)
		grep -q "unreadable" "$work/err" || bad "$name: exit 65 without saying why: $(cat "$work/err")"
		echo "    refused: $(head -n 1 "$work/err")"
		;;
	66)
		if [ "$size" -gt $((64 * 1024 * 1024)) ] && grep -q "too large" "$work/err"; then
			echo "    refused: $(head -n 1 "$work/err")"
		else
			bad "$name: exit 66: $(cat "$work/err")"
		fi
		;;
	*)
		bad "$name: exit status $rc (crash or hang): $(head -c 500 "$work/err")"
		;;
	esac
	[ "$ms" -le $((max_secs * 1000)) ] ||
		bad "$name: took $secs s (bound $max_secs)"
	if [ "$rss" != - ] && [ "$rss" -gt "$max_rss_kb" ]; then
		bad "$name: peak RSS $rss KB (bound $max_rss_kb KB)"
	fi
done

check_kind() {	# check_kind NAME KIND: what scan recognises in a monster that carries an invite
	local got
	got=$("$FOLLOWUPCTL" scan --json "$work/mail/$1.eml" 2>/dev/null |
		python3 -c 'import json,sys; print(json.loads(sys.stdin.readline())["kind"])' 2>/dev/null)
	# A parser timeout on a loaded machine is a clean refusal, not a wrong answer.
	[ -z "$got" ] && return 0
	[ "$got" = "$2" ] || bad "$1: recognised as $got, want $2"
}
check_kind attendees-10000 interview
check_kind invalid-utf8 interview
check_kind long-header-100k interview

if [ $failed -ne 0 ]; then
	echo "FAIL: scan of hostile mails"
	exit 1
fi
echo "ok: every hostile mail handled or refused cleanly by followupctl scan"

# ---- 2. through the daemon ----
if ! command -v dovecot >/dev/null || ! command -v postfix >/dev/null || [ "$(id -u)" -ne 0 ]; then
	echo "SKIP (part 2): the daemon part needs dovecot, postfix and root"
	exit 0
fi
# shellcheck disable=SC1091
. "$top_srcdir/tests/lib/lib.sh"
trap 'lib_cleanup; cleanup_work' EXIT
lib_start
lib_config "$ENV/followupd.conf"
lib_daemon_start
lib_wait 30 'grep -q "IMAP: connected" "$ENV/daemon.log"' || fail "the daemon did not connect"
seen() { lib_sql "SELECT count(*) FROM messages_seen WHERE folder='INBOX'"; }

# (not "n": lib_wait has a local of that name)
total=0
for f in "$work"/mail/*.eml; do
	mailenv deliver "$ENV" jane@example.net "$f" || fail "deliver $(basename "$f")"
	total=$((total + 1))
done
# One ordinary mail after the monsters: the daemon still reads mail.
lib_mail "$ENV/after.eml" "after-hostile@test.example"
mailenv deliver "$ENV" jane@example.net "$ENV/after.eml" || fail "deliver after.eml"
total=$((total + 1))

lib_wait 300 '[ "$(seen)" = "$total" ]' || fail "$(seen) of $total hostile mails recorded in messages_seen"
kill -0 "$DAEMON_PID" 2>/dev/null || fail "the daemon died"
[ "$(lib_sql "SELECT count(*) FROM messages_seen WHERE message_id = '<after-hostile@test.example>'")" = 1 ] ||
	fail "the ordinary mail after the hostile ones was not recorded"
hwm=$(awk '/^VmHWM/ {print $2}' "/proc/$DAEMON_PID/status")
echo "ok: the daemon recorded all $total mails and kept running (daemon peak RSS ${hwm} KB)"
lib_sql "SELECT outcome, count(*) FROM messages_seen GROUP BY outcome" | sed 's/^/    outcome /'
echo "    longest daemon log line: $(awk '{ if (length($0) > m) m = length($0) } END { print m + 0 }' "$ENV/daemon.log") characters"
grep -E "unreadable|too large|omit" "$ENV/daemon.log" | head -n 5 | sed 's/^/    log: /'
lib_daemon_stop || fail "followupd did not exit 0 on TERM"
echo "PASS"
