#!/bin/bash
# tls-daemon.sh: followupd itself refuses every bad TLS server before it
# sends a credential, and says why.
#
# The daemon (not a probe) is pointed at each fault listener of
# tests/lib/mailenv.sh: a certificate from an unknown CA, for the wrong host
# name, expired, and a server that does not offer STARTTLS; over implicit
# TLS (imaps://, smtps://) and STARTTLS (imap://, smtp://), for IMAP and
# for SMTP.  For each: the daemon's log names the failed check, the server
# log shows no LOGIN/AUTHENTICATE/AUTH from it (mailenv.sh saw-login), and
# for SMTP no mail arrives.  Then, as a control, the same daemon against
# the good listeners does log in (so saw-login can see one).
set -u
. "$top_srcdir/tests/lib/lib.sh"

lib_start
CONF=$ENV/followupd.conf
LOG=$ENV/daemon.log
checks=0
ok() { checks=$((checks + 1)); echo "ok $checks - $*"; }

imap_good="imap = { url = \"imap://127.0.0.1:$IMAP_PORT\"; user = \"jane@example.net\";
         password_command = \"cat $ENV/jane.pass\"; ca_file = \"$CA_FILE\"; folders = [\"INBOX\"]; };"
smtp_good="smtp = { url = \"smtp://127.0.0.1:$SUBMISSION_PORT\"; user = \"jane@example.net\";
         password_command = \"cat $ENV/jane.pass\"; ca_file = \"$CA_FILE\"; };"

# write_conf IMAP-GROUP SMTP-GROUP: a config with a fresh state directory.
write_conf() {
	rm -rf "$ENV/state"
	cat >"$CONF" <<CONF
me = { name = "Jane Doe"; addresses = ["jane@example.net"]; timezone = "Europe/London"; };
$1
$2
state_dir = "$ENV/state";
templates_dir = "$top_srcdir/templates";
send = { mode = "auto"; grace = "0"; window = "00:00-00:00"; weekends = true; };
# The review digest has its own test (integration/digest.sh); here it would
# take the first SMTP login this test watches.
review = { digest = false; };
CONF
}

run_daemon() {
	: >"$LOG"
	"$FOLLOWUPD" -f -vv --allow-root -c "$CONF" >>"$LOG" 2>&1 &
	DAEMON_PID=$!
}

stop_daemon() {
	kill -TERM "$DAEMON_PID" 2>/dev/null
	wait "$DAEMON_PID" 2>/dev/null
	DAEMON_PID=
}

# no_login WHAT HOST: the server saw no login attempt on HOST's listeners.
no_login() {
	if mailenv saw-login "$ENV" "$2" >"$ENV/saw" 2>&1; then
		fail "$1: the server saw a login attempt: $(cat "$ENV/saw")"
	fi
}

# ---- IMAP: the daemon retries, and never logs in ---------------------------
# imap_fault WHAT URL HOST PATTERN
imap_fault() {
	local what=$1 url=$2 host=$3 pattern=$4 line
	write_conf "imap = { url = \"$url\"; user = \"jane@example.net\";
         password_command = \"cat $ENV/jane.pass\"; ca_file = \"$CA_FILE\"; folders = [\"INBOX\"]; };" \
		"$smtp_good"
	run_daemon
	lib_wait 20 'grep -q "IMAP: .*retrying in" "$LOG"' || fail "IMAP $what: no failure in the log"
	stop_daemon
	line=$(grep -m 1 "IMAP: .*retrying in" "$LOG")
	printf '%s\n' "$line" | grep -Eq -- "$pattern" || fail "IMAP $what: log line '$line' does not match '$pattern'"
	grep -q "IMAP: connected" "$LOG" && fail "IMAP $what: the daemon says it connected"
	no_login "IMAP $what" "$host"
	ok "IMAP $what: ${line#*IMAP: }"
}

imap_fault "imaps, unknown CA" "imaps://$IMAPS_BADCA_HOST:$IMAPS_BADCA_PORT" "$IMAPS_BADCA_HOST" \
	"not trusted \(unknown CA\)"
imap_fault "STARTTLS, unknown CA" "imap://$IMAP_BADCA_HOST:$IMAP_BADCA_PORT" "$IMAP_BADCA_HOST" \
	"not trusted \(unknown CA\)"
imap_fault "imaps, wrong host" "imaps://$IMAPS_WRONGHOST_HOST:$IMAPS_WRONGHOST_PORT" "$IMAPS_WRONGHOST_HOST" \
	"is for '$WRONGHOST_NAME', not '$IMAPS_WRONGHOST_HOST'"
imap_fault "STARTTLS, wrong host" "imap://$IMAP_WRONGHOST_HOST:$IMAP_WRONGHOST_PORT" "$IMAP_WRONGHOST_HOST" \
	"is for '$WRONGHOST_NAME', not '$IMAP_WRONGHOST_HOST'"
imap_fault "imaps, expired" "imaps://$IMAPS_EXPIRED_HOST:$IMAPS_EXPIRED_PORT" "$IMAPS_EXPIRED_HOST" \
	"expired on 20[0-9-]+"
imap_fault "STARTTLS, expired" "imap://$IMAP_EXPIRED_HOST:$IMAP_EXPIRED_PORT" "$IMAP_EXPIRED_HOST" \
	"expired on 20[0-9-]+"
imap_fault "STARTTLS stripped" "imap://$IMAP_NOSTARTTLS_HOST:$IMAP_NOSTARTTLS_PORT" "$IMAP_NOSTARTTLS_HOST" \
	"does not offer STARTTLS"

# ---- SMTP: the mails fail or wait, and never authenticate -----------------
T=$(date +%s)
lib_invite "$ENV/inv.eml" tls-1@google.com 0 "@$((T - 3*3600))" "@$((T - 2*3600))" REQUEST \
	"Ada Brooks:ada@example.com" tls-inv-1@example.com
mailenv deliver "$ENV" jane@example.net "$ENV/inv.eml"

# smtp_fault WHAT URL HOST PATTERN
smtp_fault() {
	local what=$1 url=$2 host=$3 pattern=$4 line
	write_conf "$imap_good" "smtp = { url = \"$url\"; user = \"jane@example.net\";
         password_command = \"cat $ENV/jane.pass\"; ca_file = \"$CA_FILE\"; };"
	run_daemon
	lib_approve_late 1      # the interview was over when first seen
	lib_wait 30 '[ -n "$(lib_sql "SELECT id FROM outbox WHERE status IN (\"failed\",\"deferred\") LIMIT 1")" ]' ||
		fail "SMTP $what: no failed or deferred mail ($(lib_sql "SELECT status, count(*) FROM outbox GROUP BY status"))"
	sleep 1
	stop_daemon
	line=$(grep -Em 1 -- "$pattern" "$LOG") || {
		tail -n 20 "$LOG"
		fail "SMTP $what: no log line matches '$pattern'"
	}
	local err
	err=$(lib_sql "SELECT last_error FROM outbox WHERE status IN ('failed','deferred') LIMIT 1")
	printf '%s\n' "$err" | grep -Eq -- "$pattern" || fail "SMTP $what: the outbox error '$err' does not say why"
	[ "$(lib_sql "SELECT count(*) FROM outbox WHERE status='sent'")" = 0 ] || fail "SMTP $what: a mail was sent"
	no_login "SMTP $what" "$host"
	ok "SMTP $what: $(lib_sql "SELECT status FROM outbox WHERE status IN ('failed','deferred') LIMIT 1"): $err"
}

smtp_fault "smtps, unknown CA" "smtps://$SMTPS_BADCA_HOST:$SMTPS_BADCA_PORT" "$SMTPS_BADCA_HOST" \
	"not trusted \(unknown CA\)"
smtp_fault "STARTTLS, unknown CA" "smtp://$SUBMISSION_BADCA_HOST:$SUBMISSION_BADCA_PORT" "$SUBMISSION_BADCA_HOST" \
	"not trusted \(unknown CA\)"
smtp_fault "smtps, wrong host" "smtps://$SMTPS_WRONGHOST_HOST:$SMTPS_WRONGHOST_PORT" "$SMTPS_WRONGHOST_HOST" \
	"is for '$WRONGHOST_NAME'"
smtp_fault "STARTTLS, wrong host" "smtp://$SUBMISSION_WRONGHOST_HOST:$SUBMISSION_WRONGHOST_PORT" \
	"$SUBMISSION_WRONGHOST_HOST" "is for '$WRONGHOST_NAME'"
smtp_fault "smtps, expired" "smtps://$SMTPS_EXPIRED_HOST:$SMTPS_EXPIRED_PORT" "$SMTPS_EXPIRED_HOST" \
	"expired on 20[0-9-]+"
smtp_fault "STARTTLS, expired" "smtp://$SUBMISSION_EXPIRED_HOST:$SUBMISSION_EXPIRED_PORT" "$SUBMISSION_EXPIRED_HOST" \
	"expired on 20[0-9-]+"
smtp_fault "STARTTLS stripped" "smtp://$SUBMISSION_NOSTARTTLS_HOST:$SUBMISSION_NOSTARTTLS_PORT" \
	"$SUBMISSION_NOSTARTTLS_HOST" "STARTTLS"
for u in ada@example.com ravi@example.com; do
	[ "$(lib_count "$u")" = 0 ] || fail "$u got mail through a bad server"
done
ok "no mail arrived through any bad server"

# ---- control: the good servers see the daemon log in ------------------------
write_conf "$imap_good" "$smtp_good"
run_daemon
lib_approve_late 1
lib_wait 30 '[ "$(lib_count ada@example.com)" = 1 ]' || fail "control: no thank-you through the good servers"
stop_daemon
mailenv saw-login "$ENV" "$MAILENV_HOST" >/dev/null 2>&1 ||
	fail "control: saw-login saw no login on the good listeners: the checks above prove nothing"
ok "control: the good listeners saw the daemon log in, and the mail arrived"
echo "PASS ($checks checks)"
