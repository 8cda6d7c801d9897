# tests/lib.sh: shared by the shell tests that run followupd against the
# private mail servers of tests/mailenv.sh.  Source it after setting -u.
#
#   lib_start            start a mail environment in $ENV (exported), trap stop
#   lib_config FILE [MODE]
#                        write a followupd config for jane@example.net there
#   lib_daemon_start     start followupd -f in the background ($DAEMON_PID)
#   lib_daemon_stop      TERM it and wait
#   lib_wait N CMD...    retry CMD (a shell string) every 0.2 s for N seconds
#   lib_sql SQL          run SQL on the daemon's state database (read-only)
#   lib_mail FILE ID [SUBJECT] [FROM]
#                        write a small mail with Message-ID <ID>
#   fail MSG             print and exit 1

: "${top_srcdir:?}" "${top_builddir:?}"
MAILENV="$top_srcdir/tests/mailenv.sh"
FOLLOWUPD="$top_builddir/src/followupd"
FOLLOWUPCTL="$top_builddir/src/followupctl"
DAEMON_PID=
ENV=

fail() {
	echo "FAIL: $*"
	if [ -n "${ENV:-}" ] && [ -f "$ENV/daemon.log" ]; then
		echo "--- daemon log (last 40 lines)"
		tail -n 40 "$ENV/daemon.log"
	fi
	exit 1
}

lib_cleanup() {
	if [ -n "$DAEMON_PID" ] && kill -0 "$DAEMON_PID" 2>/dev/null; then
		kill -KILL "$DAEMON_PID" 2>/dev/null
		wait "$DAEMON_PID" 2>/dev/null
	fi
	if [ -n "$ENV" ] && [ -d "$ENV" ]; then
		"$MAILENV" stop "$ENV" >/dev/null 2>&1 || true
		rm -rf "$ENV"
	fi
}

lib_start() {
	command -v dovecot >/dev/null && command -v postfix >/dev/null || {
		echo "SKIP: dovecot or postfix is not installed"
		exit 77
	}
	[ "$(id -u)" -eq 0 ] || { echo "SKIP: the test mail servers need root"; exit 77; }
	ENV=$(mktemp -d /tmp/fu.XXXXXX)
	trap lib_cleanup EXIT
	local out
	out=$("$MAILENV" start "$ENV" 2>&1) || {
		printf '%s\n' "$out"
		fail "could not start the mail servers"
	}
	# shellcheck disable=SC1091
	. "$ENV/env"
	printf '%s\n' "$PASS_jane" >"$ENV/jane.pass"
	chmod 600 "$ENV/jane.pass"
}

# lib_config FILE [MODE] [EXTRA]: MODE is review or auto (default auto).
lib_config() {
	cat >"$1" <<CONF
me = { name = "Jane Doe"; addresses = ["jane@example.net"];
       timezone = "Europe/London"; signature = "Jane Doe"; };
imap = { url = "imap://127.0.0.1:$IMAP_PORT"; user = "jane@example.net";
         password_command = "cat $ENV/jane.pass"; ca_file = "$CA_FILE";
         folders = ["INBOX"]; idle = true; poll_interval = "5m"; };
smtp = { url = "smtp://127.0.0.1:$SUBMISSION_PORT"; user = "jane@example.net";
         password_command = "cat $ENV/jane.pass"; ca_file = "$CA_FILE"; };
state_dir = "$ENV/state";
templates_dir = "$top_srcdir/templates";
send = { mode = "${2:-auto}"; grace = "0"; window = "00:00-00:00"; weekends = true;
         max_per_day = 1000; };
detect = { lookback = "30d"; };
${3:-}
CONF
}

lib_daemon_start() {
	"$FOLLOWUPD" -f -v -c "$ENV/followupd.conf" >>"$ENV/daemon.log" 2>&1 &
	DAEMON_PID=$!
}

lib_daemon_stop() {
	[ -n "$DAEMON_PID" ] || return 0
	kill -TERM "$DAEMON_PID" 2>/dev/null
	wait "$DAEMON_PID"
	local rc=$?
	DAEMON_PID=
	return $rc
}

lib_wait() {
	local n=$(( $1 * 5 )) i
	shift
	for i in $(seq 1 "$n"); do
		eval "$*" && return 0
		sleep 0.2
	done
	return 1
}

lib_sql() {
	sqlite3 -readonly "file:$ENV/state/state.db?mode=ro" "$1" 2>/dev/null
}

lib_mail() {
	local file=$1 id=$2 subject=${3:-"Hello $2"} from=${4:-"Ravi Menon <ravi@example.com>"}
	printf 'From: %s\r\nTo: Jane Doe <jane@example.net>\r\nSubject: %s\r\nDate: %s\r\nMessage-ID: <%s>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nJust a note, %s.\r\n' \
		"$from" "$subject" "$(date -R)" "$id" "$id" >"$file"
}
