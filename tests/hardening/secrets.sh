#!/bin/bash
# secrets.sh: the passwords never show.
#
# followupd runs with -vv (debug logging, SMTP dialogue trace) and sends
# mail, so both IMAP and SMTP logged in.  Then, while it runs and after:
# the password (as is, in base64, and as the SASL PLAIN blob) is searched
# in the daemon's log, in the command line and the environment of the
# daemon and of every child (the sandbox worker) through /proc and ps, in
# a dump of the state database, in the output of every followupctl command
# (text and --json) and of followupd -n, and in the mailboxes.  Three
# ways: password_command, password in the 0600 config file, and a wrong
# password (the failure message must not echo it either).
set -u
. "$top_srcdir/tests/lib/lib.sh"

lib_start
CONF=$ENV/followupd.conf
LOG=$ENV/daemon.log
checks=0
ok() { checks=$((checks + 1)); echo "ok $checks - $*"; }
b64() { printf '%s' "$1" | base64 -w 0; }

# forms PASS: the password and what a SASL exchange makes of it.
forms() {
	local u=jane@example.net
	printf '%s\n' "$1" "$(b64 "$1")" "$(printf '\0%s\0%s' "$u" "$1" | base64 -w 0)" \
		"$(printf '%s\0%s\0%s' "$u" "$u" "$1" | base64 -w 0)"
	# the XOAUTH2 shape, in case the auth mode changes
	printf 'user=%s\1auth=Bearer %s\1\1' "$u" "$1" | base64 -w 0
	echo
}

# leak WHAT FILE PASS: fail when FILE holds PASS in any form.
leak() {
	local f
	while IFS= read -r f; do
		[ -n "$f" ] || continue
		if grep -aqF -- "$f" "$2"; then
			grep -aF -- "$f" "$2" | head -n 3
			fail "$1 shows the password"
		fi
	done < <(forms "$3")
}

# write_conf IMAP-SECRET SMTP-SECRET: each a "password_command = ...;" or
# "password = ...;" setting.
write_conf() {
	cat >"$CONF" <<CONF
me = { name = "Jane Doe"; addresses = ["jane@example.net"]; timezone = "Europe/London"; };
imap = { url = "imap://127.0.0.1:$IMAP_PORT"; user = "jane@example.net"; $1
         ca_file = "$CA_FILE"; folders = ["INBOX"]; };
smtp = { url = "smtp://127.0.0.1:$SUBMISSION_PORT"; user = "jane@example.net"; $2
         ca_file = "$CA_FILE"; };
state_dir = "$ENV/state";
templates_dir = "$top_srcdir/templates";
send = { mode = "auto"; grace = "0"; window = "00:00-00:00"; weekends = true; };
# The review digest has its own test (integration/digest.sh); here it would
# take the first SMTP login this test watches.
review = { digest = false; };
references = ( { name = "Bob Smith"; email = "bob@example.org"; } );
reference_warning = { when = "always"; };
CONF
	chmod 600 "$CONF"
}

# proc_check WHAT PASS [MIN]: the running daemon and its children (at least
# MIN processes, default 2: the daemon and its sandbox worker); sets NPROC.
proc_check() {
	local p n=0
	: >"$ENV/proc"
	for p in "$DAEMON_PID" $(cat "/proc/$DAEMON_PID/task/"*/children 2>/dev/null); do
		[ -d "/proc/$p" ] || continue
		n=$((n + 1))
		{ tr '\0' '\n' <"/proc/$p/cmdline"; tr '\0' '\n' <"/proc/$p/environ"; } >>"$ENV/proc" 2>/dev/null
	done
	[ "$n" -ge "${3:-2}" ] || fail "$1: no sandbox worker to look at (processes: $n)"
	ps -eww -o pid,args >>"$ENV/proc"
	ps -eww e -o pid,args >>"$ENV/proc" 2>/dev/null
	leak "$1: /proc cmdline/environ or ps" "$ENV/proc" "$2"
	NPROC=$n
}

# after_check WHAT PASS: log, database, followupctl, followupd -n, mailboxes.
after_check() {
	local what=$1 pass=$2 id
	leak "$what: the daemon log" "$LOG" "$pass"
	sqlite3 "$ENV/state/state.db" .dump >"$ENV/dump" || fail "$what: sqlite3 .dump"
	[ -s "$ENV/dump" ] || fail "$what: empty dump"
	leak "$what: the state database" "$ENV/dump" "$pass"
	: >"$ENV/ctl"
	for c in status "status --json" "interviews --all" "interviews --all --json" \
		"outbox --all" "outbox --all --json" "log" "log --json" "check-config" "-v check-config"; do
		# shellcheck disable=SC2086
		lib_ctl $c >>"$ENV/ctl" 2>&1
	done
	for id in $(lib_ids "1"); do
		for o in "" --raw --json; do
			# shellcheck disable=SC2086
			lib_ctl show "$id" $o >>"$ENV/ctl" 2>&1
		done
	done
	grep -q "thank_you\|Thank you" "$ENV/ctl" || fail "$what: followupctl printed no mails"
	leak "$what: followupctl output" "$ENV/ctl" "$pass"
	"$FOLLOWUPD" -n -vv -c "$CONF" >"$ENV/check" 2>&1
	leak "$what: followupd -n" "$ENV/check" "$pass"
	find "$ENV/mail" -type f -exec cat {} + >"$ENV/mailboxes" 2>/dev/null
	leak "$what: the mailboxes" "$ENV/mailboxes" "$pass"
}

T=$(date +%s)
PASS=$PASS_jane

# 1. password_command, a real login and real sends.
lib_invite "$ENV/inv1.eml" sec-1@google.com 0 "@$((T - 3*3600))" "@$((T - 2*3600))" REQUEST \
	"Ada Brooks:ada@example.com" sec-inv-1@example.com
mailenv deliver "$ENV" jane@example.net "$ENV/inv1.eml"
write_conf "password_command = \"cat $ENV/jane.pass\";" "password_command = \"cat $ENV/jane.pass\";"
"$FOLLOWUPD" -f -vv --allow-root -c "$CONF" >"$LOG" 2>&1 &
DAEMON_PID=$!
lib_approve_late 1      # the interview was over when first seen
lib_wait 30 '[ "$(lib_count ada@example.com)" = 1 ]' || fail "password_command: the thank-you did not arrive"
grep -q "smtp: > AUTH" "$LOG" || fail "the SMTP trace shows no AUTH: the log check proves little"
proc_check "password_command" "$PASS"
lib_daemon_stop || fail "followupd did not exit 0"
after_check "password_command" "$PASS"
ok "password_command: not in the -vv log ($(wc -l <"$LOG") lines), /proc and ps ($NPROC processes), the database, followupctl, followupd -n, the mailboxes"

# 2. The password in the (0600) config file.
rm -rf "$ENV/state"
esc=$(printf '%s' "$PASS" | sed 's/[\\"]/\\&/g')
write_conf "password = \"$esc\";" "password = \"$esc\";"
"$FOLLOWUPD" -f -vv --allow-root -c "$CONF" >"$LOG" 2>&1 &
DAEMON_PID=$!
lib_approve_late 1
lib_wait 30 '[ "$(lib_count ada@example.com)" = 2 ]' || fail "password in the file: the thank-you did not arrive"
proc_check "password in the file" "$PASS"
lib_daemon_stop || fail "followupd did not exit 0"
after_check "password in the file" "$PASS"
ok "password in the config file: not in the log, /proc and ps ($NPROC processes), the database, followupctl, followupd -n, the mailboxes"

# 3. A wrong password: the refusal is logged, the password is not.
rm -rf "$ENV/state"
WRONG="Wr0ng-$$-$RANDOM-secret"
write_conf "password = \"$WRONG\";" "password = \"$WRONG\";"
"$FOLLOWUPD" -f -vv --allow-root -c "$CONF" >"$LOG" 2>&1 &
DAEMON_PID=$!
lib_wait 20 'grep -q "IMAP: .*retrying" "$LOG"' || fail "wrong password: no IMAP failure logged"
proc_check "wrong password" "$WRONG" 1
lib_daemon_stop
leak "wrong password: the log" "$LOG" "$WRONG"
grep -m 1 "IMAP: .*retrying" "$LOG" | grep -qi "auth\|login\|credential\|password" ||
	fail "wrong password: the log does not say the login failed: $(grep -m 1 "IMAP: .*retrying" "$LOG")"
ok "wrong password: $(grep -m 1 "IMAP: .*retrying" "$LOG" | sed 's/.*IMAP: //'); the password is not shown"
# SMTP with the wrong password (IMAP right): the mail waits or fails, quietly.
write_conf "password_command = \"cat $ENV/jane.pass\";" "password = \"$WRONG\";"
lib_invite "$ENV/inv3.eml" sec-3@google.com 0 "@$((T - 3*3600))" "@$((T - 2*3600))" REQUEST \
	"Ben Carter:ben@example.com" sec-inv-3@example.com
mailenv deliver "$ENV" jane@example.net "$ENV/inv3.eml"
"$FOLLOWUPD" -f -vv --allow-root -c "$CONF" >"$LOG" 2>&1 &
DAEMON_PID=$!
lib_approve_late 1
lib_wait 30 '[ -n "$(lib_ids "status IN (\"failed\",\"deferred\")")" ]' || fail "SMTP wrong password: no failed mail"
lib_daemon_stop
leak "SMTP wrong password: the log" "$LOG" "$WRONG"
sqlite3 "$ENV/state/state.db" .dump >"$ENV/dump"
leak "SMTP wrong password: the database" "$ENV/dump" "$WRONG"
ok "SMTP wrong password: $(lib_sql "SELECT status || ': ' || last_error FROM outbox WHERE status IN ('failed','deferred') LIMIT 1"); not shown"
echo "PASS ($checks checks)"
