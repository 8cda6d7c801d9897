# tests/bench/common.sh: shared by the benchmarks; sourced, not run.
#
# Needs top_srcdir (the source tree) and top_builddir (a build with
# src/followupd and src/followupctl); run.sh sets both.
#
#   bench_need CMD...      exit 77 (skip) unless every command is installed
#   bench_start            start tests/lib/mailenv.sh in a fresh $WORK/m, source
#                          its env; the EXIT trap stops everything it started
#   bench_track PID...     kill these PIDs at exit (programs under test)
#   bench_config FILE STATE [MODE] [LOOKBACK] [SENT] [EXTRA]
#                          a followupd config for jane@example.net
#   bench_sql DB SQL       read-only query
#   bench_mail FILE ID     a small non-interview mail with Message-ID <ID>
#   bench_rss PID          VmRSS in KiB
#   bench_row CELLS...     one markdown table row
#
# Everything lives under $WORK (a mktemp dir in /tmp, short enough for the
# servers' unix sockets); BENCH_KEEP=1 leaves it for a post-mortem.

: "${top_srcdir:?}" "${top_builddir:?}"
BENCH_DIR="$top_srcdir/tests/bench"
MAILENV="$top_srcdir/tests/lib/mailenv.sh"
FOLLOWUPD="$top_builddir/src/followupd"
FOLLOWUPCTL="$top_builddir/src/followupctl"
WORK=
ENV=
BENCH_PIDS=

mailenv() { bash "$MAILENV" "$@"; }

bench_fail() {
	echo "bench: $*" >&2
	exit 1
}

bench_need() {
	local c
	for c in "$@"; do
		command -v "$c" >/dev/null 2>&1 || {
			echo "SKIP: $c is not installed"
			exit 77
		}
	done
}

bench_track() { BENCH_PIDS="$BENCH_PIDS $*"; }

bench_cleanup() {
	local p
	trap - EXIT INT TERM
	for p in $BENCH_PIDS; do
		# children first: GNU time would leave the daemon it runs behind
		pkill -TERM -P "$p" 2>/dev/null
		kill -TERM "$p" 2>/dev/null || continue
		for _ in 1 2 3 4 5 6 7 8 9 10; do
			kill -0 "$p" 2>/dev/null || break
			sleep 0.2
		done
		kill -KILL "$p" 2>/dev/null
	done
	wait 2>/dev/null
	if [ -n "$ENV" ] && [ -d "$ENV" ]; then
		mailenv stop "$ENV" >/dev/null 2>&1 || echo "bench: mailenv stop reported a problem" >&2
	fi
	if [ -n "$WORK" ] && [ -d "$WORK" ]; then
		if [ "${BENCH_KEEP:-0}" = 1 ]; then
			echo "bench: kept $WORK" >&2
		else
			rm -rf "$WORK"
		fi
	fi
}

bench_start() {
	bench_need dovecot postfix sqlite3 python3
	[ "$(id -u)" -eq 0 ] || { echo "SKIP: the test mail servers need root"; exit 77; }
	[ -x "$FOLLOWUPD" ] && [ -x "$FOLLOWUPCTL" ] ||
		bench_fail "no followupd/followupctl in $top_builddir/src: build first"
	WORK=$(mktemp -d /tmp/fb.XXXXXX)
	ENV=$WORK/m
	chmod 0755 "$WORK"   # the servers' users go through it
	trap bench_cleanup EXIT
	trap 'exit 130' INT TERM
	local out
	out=$(mailenv start "$ENV" 2>&1) || {
		printf '%s\n' "$out" >&2
		bench_fail "could not start the mail servers"
	}
	# shellcheck disable=SC1091
	. "$ENV/env"
	printf '%s\n' "$PASS_jane" >"$WORK/jane.pass"
	chmod 600 "$WORK/jane.pass"
}

# bench_config FILE STATE_DIR [MODE] [LOOKBACK] [SENT_FOLDER] [EXTRA]
bench_config() {
	cat >"$1" <<CONF
me = { name = "Jane Doe"; addresses = ["jane@example.net"];
       timezone = "Europe/London"; signature = "Jane Doe"; };
imap = { url = "imap://127.0.0.1:$IMAP_PORT"; user = "jane@example.net";
         password_command = "cat $WORK/jane.pass"; ca_file = "$CA_FILE";
         folders = ["INBOX"]; idle = true; poll_interval = "5m";
         sent_folder = "${5:-}"; sent_copy = "yes"; };
smtp = { url = "smtp://127.0.0.1:$SUBMISSION_PORT"; user = "jane@example.net";
         password_command = "cat $WORK/jane.pass"; ca_file = "$CA_FILE"; };
state_dir = "$2";
templates_dir = "$top_srcdir/templates";
send = { mode = "${3:-review}"; grace = "0"; window = "00:00-00:00"; weekends = true;
         max_per_day = 10000; };
detect = { lookback = "${4:-30d}"; };
review = { digest = false; };  # the benchmarks time the outbox, not the digest
${6:-}
CONF
}

bench_sql() { sqlite3 -readonly "file:$1?mode=ro" "$2"; }

bench_mail() {
	printf 'From: Ravi Menon <ravi@example.com>\r\nTo: Jane Doe <jane@example.net>\r\nSubject: Lunch on %s\r\nDate: %s\r\nMessage-ID: <%s>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nShall we have lunch on Friday? (%s)\r\n' \
		"$2" "$(date -R)" "$2" "$2" >"$1"
}

bench_rss() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null; }

bench_row() {
	local out="|" c
	for c in "$@"; do out="$out $c |"; done
	printf '%s\n' "$out"
}

# bench_ratio A B: A/B with two decimals ("n/a" when B is 0).
bench_ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "n/a"; else printf "%.2f\n", a / b }'; }
