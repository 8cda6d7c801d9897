# tests/lib/lib.sh: shared by the shell tests that run followupd against the
# private mail servers of tests/lib/mailenv.sh.  Source it after setting -u.
#
#   lib_start            start a mail environment in $ENV (exported), trap stop
#   lib_config FILE [MODE]
#                        write a followupd config for jane@example.net there
#                        (imap.sent_copy = LIB_SENT_COPY, default "yes": a
#                        copy in Sent at once, which the tests that count
#                        copies expect; tests/integration/sent-copy.sh tests "auto";
#                        review.digest = LIB_DIGEST, default false: the tests
#                        that count Jane's mail expect no digest among it;
#                        tests/integration/digest.sh tests it)
#   lib_daemon_start     start followupd -f in the background ($DAEMON_PID),
#                        under $FOLLOWUPD_WRAPPER if set
#   lib_daemon_stop      TERM it and wait
#   lib_wait N CMD...    retry CMD (a shell string) every 0.2 s for N seconds
#                        (times LIB_WAIT_SCALE, for a slowed daemon)
#   lib_asan_build       true if followupd is built with AddressSanitizer
#   lib_sql SQL          run SQL on the daemon's state database (read-only)
#   lib_mail FILE ID [SUBJECT] [FROM]
#                        write a small mail with Message-ID <ID>
#   lib_mail_find USER PATTERN DEST
#                        copy USER's first message matching PATTERN to DEST
#   lib_approve_late [N] approve the mails held "found late" (after N are)
#   fail MSG             print and exit 1
# LIB_KEEP=DIR in the environment keeps the state database and the daemon's
# log in DIR when the test ends (to look at a failure).

: "${top_srcdir:?}" "${top_builddir:?}"
MAILENV="$top_srcdir/tests/lib/mailenv.sh"
mailenv() { bash "$MAILENV" "$@"; }
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
		mailenv stop "$ENV" >/dev/null 2>&1 || true
		# LIB_KEEP=DIR: keep the state database and the daemon's log there.
		if [ -n "${LIB_KEEP:-}" ]; then
			mkdir -p "$LIB_KEEP" && cp -r "$ENV/state" "$ENV/daemon.log" "$LIB_KEEP/" 2>/dev/null
		fi
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
	out=$(mailenv start "$ENV" 2>&1) || {
		printf '%s\n' "$out"
		fail "could not start the mail servers"
	}
	# shellcheck disable=SC1091
	. "$ENV/env"
	printf '%s\n' "$PASS_jane" >"$ENV/jane.pass"
	chmod 600 "$ENV/jane.pass"
}

# lib_config FILE [MODE] [EXTRA]: MODE is review or auto (default auto);
# SMTP_BLOCK, when set, replaces the smtp group.
lib_config() {
	local smtp_block=${SMTP_BLOCK:-"smtp = { url = \"smtp://127.0.0.1:$SUBMISSION_PORT\"; user = \"jane@example.net\";
         password_command = \"cat $ENV/jane.pass\"; ca_file = \"$CA_FILE\"; };"}
	cat >"$1" <<CONF
me = { name = "Jane Doe"; addresses = ["jane@example.net"];
       timezone = "Europe/London"; signature = "Jane Doe"; };
imap = { url = "imap://127.0.0.1:$IMAP_PORT"; user = "jane@example.net";
         password_command = "cat $ENV/jane.pass"; ca_file = "$CA_FILE";
         folders = ["INBOX"]; idle = true; poll_interval = "5m";
         sent_copy = "${LIB_SENT_COPY:-yes}"; };
$smtp_block
state_dir = "$ENV/state";
templates_dir = "$top_srcdir/templates";
send = { mode = "${2:-auto}"; grace = "0"; window = "00:00-00:00"; weekends = true;
         max_per_day = 1000; };
detect = { lookback = "30d"; };
review = { digest = ${LIB_DIGEST:-false}; digest_every = "${LIB_DIGEST_EVERY:-1d}"; };
${3:-}
CONF
}

# FOLLOWUPD_WRAPPER (e.g. "valgrind --error-exitcode=9") runs the daemon
# under another program.
lib_daemon_start() {
	${FOLLOWUPD_WRAPPER:-} "$FOLLOWUPD" -f -v --allow-root -c "$ENV/followupd.conf" >>"$ENV/daemon.log" 2>&1 &
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
	local n=$(( $1 * 5 * ${LIB_WAIT_SCALE:-1} )) i
	shift
	for i in $(seq 1 "$n"); do
		eval "$*" 2>/dev/null && return 0
		sleep 0.2
	done
	return 1
}

lib_asan_build() {
	grep -qa __asan_init "$FOLLOWUPD"
}

lib_sql() {
	sqlite3 -readonly "file:$ENV/state/state.db?mode=ro" "$1" 2>/dev/null
}

lib_mail() {
	local file=$1 id=$2 subject=${3:-"Hello $2"} from=${4:-"Ravi Menon <ravi@example.com>"}
	printf 'From: %s\r\nTo: Jane Doe <jane@example.net>\r\nSubject: %s\r\nDate: %s\r\nMessage-ID: <%s>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nJust a note, %s.\r\n' \
		"$from" "$subject" "$(date -R)" "$id" "$id" >"$file"
}

# lib_invite FILE UID SEQUENCE START END [METHOD] [ATTENDEES] [MSGID]
#   a Google-Calendar-shaped interview invite from ravi@example.com; START and
#   END as "date -d" strings; ATTENDEES: extra "Name:addr" words.
lib_invite() {
	local file=$1 uid=$2 seq=$3 method=${6:-REQUEST} msgid=${8:-"$2-$3@example.com"}
	local s e a att="" status=CONFIRMED subject="Invitation"
	s=$(date -u -d "$4" +%Y%m%dT%H%M%SZ)
	e=$(date -u -d "$5" +%Y%m%dT%H%M%SZ)
	local IFS=','
	for a in ${7:-"Ada Brooks:ada@example.com,Ben Carter:ben@example.com"}; do
		att="${att}ATTENDEE;CN=${a%%:*};ROLE=REQ-PARTICIPANT:mailto:${a#*:}"$'\r\n'
	done
	unset IFS
	[ "$method" = CANCEL ] && { status=CANCELLED; subject="Canceled event"; }
	[ "$seq" -gt 0 ] && [ "$method" = REQUEST ] && subject="Updated invitation"
	{
		printf 'From: Ravi Menon <ravi@example.com>\r\n'
		printf 'To: Jane Doe <jane@example.net>\r\n'
		printf 'Subject: %s: Interview: Jane Doe - Platform Engineer @ Acme\r\n' "$subject"
		printf 'Date: %s\r\nMessage-ID: <%s>\r\n' "$(date -R)" "$msgid"
		printf 'MIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary="b1"\r\n\r\n'
		printf -- '--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n'
		printf 'Hi Jane,\r\n\r\nThis confirms your interview for the Platform Engineer\r\n'
		printf 'position at Acme. You will meet the team on Google Meet:\r\n'
		printf 'https://meet.google.com/abc-defg-hij\r\n\r\nBest,\r\nRavi Menon\r\nRecruiter, Acme\r\n\r\n'
		printf -- '--b1\r\nContent-Type: text/calendar; charset=utf-8; method=%s\r\n\r\n' "$method"
		printf 'BEGIN:VCALENDAR\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\n'
		printf 'VERSION:2.0\r\nMETHOD:%s\r\nBEGIN:VEVENT\r\n' "$method"
		printf 'DTSTART:%s\r\nDTEND:%s\r\nUID:%s\r\nSEQUENCE:%s\r\n' "$s" "$e" "$uid" "$seq"
		printf 'ORGANIZER;CN=Ravi Menon:mailto:ravi@example.com\r\n%s' "$att"
		printf 'ATTENDEE;CN=Jane Doe;ROLE=REQ-PARTICIPANT:mailto:jane@example.net\r\n'
		printf 'SUMMARY:Interview: Jane Doe - Platform Engineer\r\nSTATUS:%s\r\n' "$status"
		printf 'END:VEVENT\r\nEND:VCALENDAR\r\n--b1--\r\n'
	} >"$file"
}

# lib_count ADDR [FOLDER]: messages in a mailbox.
lib_count() { mailenv count "$ENV" "$@"; }

# lib_ctl ARGS: followupctl with the test config.
lib_ctl() { "$FOLLOWUPCTL" -c "$ENV/followupd.conf" "$@"; }

# lib_mail_field ID FIELD: a field of followupctl show --json (via python).
lib_mail_field() {
	lib_ctl show "$1" --json | python3 -c 'import json,sys; print(json.load(sys.stdin).get(sys.argv[1]))' "$2"
}

# lib_mail_find USER PATTERN DEST: copy the first message in USER's INBOX
# with a line matching the grep PATTERN to DEST, and print DEST; 1 if none.
# A copy, because Dovecot moves a message from new/ to cur/ (a new name)
# when a client looks at the mailbox: a path found may be gone when read.
lib_mail_find() {
	local f
	for f in $(mailenv files "$ENV" "$1"); do
		grep -q -- "$2" "$f" 2>/dev/null && cp "$f" "$3" 2>/dev/null && { echo "$3"; return 0; }
	done
	return 1
}

# lib_strict ID: the bytes of mail ID pass Python's strict email parser.
lib_strict() {
	lib_ctl show "$1" --raw >"$ENV/strict.eml" && python3 "$top_srcdir/tests/lib/compose-strict.py" "$ENV/strict.eml"
}

# lib_approve_late_now: approve every mail held "found late" (planned for
# an interview that was over before followupd saw it): what the user does
# to let mails about a past interview go.  Tests that drop invites for
# interviews already over use it to get their mails sent.  With "try", a
# refused approval (a locked database, a full disk) is left for the next
# call instead of failing the test.
lib_approve_late_now() {
	local id
	for id in $(lib_ids "status='held' AND hold_reason LIKE 'found late%'"); do
		lib_ctl approve "$id" >/dev/null 2>&1 || [ "${1:-}" = try ] || fail "approve $id"
	done
}

# lib_approve_late N: wait until at least N mails are held "found late",
# then approve them all.
lib_approve_late() {
	lib_wait 30 '[ "$(lib_sql "SELECT count(*) FROM outbox WHERE status='"'held'"' AND hold_reason LIKE '"'found late%'"'")" -ge '"$1"' ]' ||
		fail "not $1 mails held found late: $(lib_sql "SELECT id, kind, status, hold_reason FROM outbox")"
	lib_approve_late_now
}

# lib_ids SQL-WHERE: outbox ids matching a condition, one per line.
lib_ids() { lib_sql "SELECT id FROM outbox WHERE $1 ORDER BY id"; }

# lib_body: the decoded text of the message on stdin (quoted-printable and
# format=flowed undone), for greps that must not depend on line breaks.
lib_body() {
	python3 -c '
import email, email.policy, sys
m = email.message_from_binary_file(sys.stdin.buffer, policy=email.policy.default)
t = m.get_content()
if (m.get_param("format") or "").lower() == "flowed":
    out = ""
    for l in t.splitlines(True):
        l = l.rstrip("\r\n")
        if l.startswith(" "):
            l = l[1:]
        out += l if (l.endswith(" ") and l != "-- ") else l + "\n"
    t = out
sys.stdout.write(t)'
}
