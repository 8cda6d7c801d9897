#!/bin/bash
# The body-handed mark through the daemon (outbox.h), against an SMTP
# server on a real socket that stalls on request
# (tests/faults/fake-smtp-faults.py), with a SIGKILL in the stall:
#  - while the server holds back its answer to DATA: the mail is "sending"
#    without the mark, so certainly not sent; at the restart it is deferred
#    and sent again by itself, nobody asked, and arrives once;
#  - while the server holds back its answer to the end of the body (the
#    message already stored): "sending" with the mark; at the restart it is
#    not in Sent, so its outcome is unknown and it is never sent again by
#    itself.
set -u
. "$top_srcdir/tests/lib/lib.sh"

lib_start
export FOLLOWUPD_TEST_RETRY_SECONDS=1
mkdir "$ENV/fake"
echo "slow data 30" >"$ENV/fault"
python3 "$top_srcdir/tests/faults/fake-smtp-faults.py" "$ENV/fake.port" "$ENV/fake" "$ENV/fault" &
FAKE=$!
trap 'kill $FAKE 2>/dev/null; lib_cleanup' EXIT
lib_wait 5 '[ -s "$ENV/fake.port" ]' || fail "the fake SMTP server did not start"
SMTP_BLOCK="smtp = { url = \"smtp://127.0.0.1:$(cat "$ENV/fake.port")\"; starttls = false;
         allow_insecure = true; password_command = \"cat $ENV/jane.pass\"; };"
lib_config "$ENV/followupd.conf" auto

# How often the fake server stored the mail with this Message-ID.
stored() { grep '^stored ' "$ENV/fake/log" 2>/dev/null | grep -cF " $1"; }
handed() { lib_sql "SELECT ifnull(handed_at, 0) FROM outbox WHERE id=$1"; }
status() { lib_sql "SELECT status FROM outbox WHERE id=$1"; }
kill9() {
	kill -KILL "$DAEMON_PID"
	wait "$DAEMON_PID" 2>/dev/null
	DAEMON_PID=
}
T=$(date +%s)

# -- 1. Killed before the body: retried, arrives once --
lib_invite "$ENV/inv1.eml" hand-1@google.com 0 "@$((T - 3*3600))" "@$((T - 2*3600))" REQUEST \
	"Ada Brooks:ada@example.com" inv-hand1@example.com
lib_daemon_start
mailenv deliver "$ENV" jane@example.net "$ENV/inv1.eml"
lib_approve_late 1
lib_wait 20 'grep -q "^slow [0-9]* data" "$ENV/fake/log"' || fail "the server never stalled DATA"
id=$(lib_ids "status='sending'")
[ "$(echo "$id" | wc -w)" = 1 ] || fail "not one mail sending: '$id'"
[ "$(handed "$id")" = 0 ] || fail "mail $id is marked handed before its body went"
kill9
mid=$(lib_sql "SELECT message_id FROM outbox WHERE id=$id")
[ "$(stored "$mid")" = 0 ] || fail "the server stored a mail it never got the body of"
echo ok >"$ENV/fault"
lib_daemon_start
lib_wait 20 '[ "$(status "$id")" = sent ]' || fail "mail $id not sent again after the restart: $(status "$id")"
[ "$(stored "$mid")" = 1 ] || fail "mail $id arrived $(stored "$mid") times"
grep -q "mail $id to .* was interrupted before the end of its body: not sent" "$ENV/daemon.log" ||
	fail "the restart did not say mail $id was not sent"
[ "$(lib_sql "SELECT count(*) FROM events WHERE kind='unknown'")" = 0 ] || fail "an unknown outcome"
[ "$(lib_sql "SELECT attempts FROM outbox WHERE id=$id")" = 2 ] || fail "the interrupted attempt is not counted"
[ "$(handed "$id")" != 0 ] || fail "sent mail $id carries no mark"
lib_wait 20 '[ "$(lib_ids "status IN ('"'sending','deferred'"') OR (status = '"'pending'"' AND due <= strftime('"'%s','now'"'))")" = "" ]' ||
	fail "mails due still waiting"
lib_daemon_stop || fail "followupd did not exit 0 on TERM"
echo "ok: killed before the body: mail $id deferred, sent again, arrived once, nobody asked"

# -- 2. Killed after the body: unknown, never resent --
echo "slow eod 30" >"$ENV/fault"
lib_invite "$ENV/inv2.eml" hand-2@google.com 0 "@$((T - 3*3600))" "@$((T - 2*3600))" REQUEST \
	"Ben Carter:ben@example.com" inv-hand2@example.com
lib_daemon_start
mailenv deliver "$ENV" jane@example.net "$ENV/inv2.eml"
lib_approve_late 1
lib_wait 20 'grep -q "^slow [0-9]* eod" "$ENV/fake/log"' || fail "the server never stalled the end of the body"
id=$(lib_ids "status='sending'")
[ "$(echo "$id" | wc -w)" = 1 ] || fail "not one mail sending: '$id'"
[ "$(handed "$id")" != 0 ] || fail "mail $id is not marked handed after its body went"
kill9
mid=$(lib_sql "SELECT message_id FROM outbox WHERE id=$id")
[ "$(stored "$mid")" = 1 ] || fail "the server did not store the mail before stalling"
echo ok >"$ENV/fault"
lib_daemon_start
lib_wait 20 '[ "$(status "$id")" = unknown ]' || fail "mail $id is $(status "$id"), not unknown"
sleep 3
[ "$(status "$id")" = unknown ] || fail "mail $id left unknown by itself: $(status "$id")"
[ "$(stored "$mid")" = 1 ] || fail "mail $id arrived $(stored "$mid") times"
lib_daemon_stop || fail "followupd did not exit 0 on TERM"
echo "ok: killed after the body: mail $id unknown, not in Sent, not sent again"
echo PASS
