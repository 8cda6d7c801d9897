#!/bin/bash
# followupd as a service: sd_notify (READY after the first sync, WATCHDOG
# while the loop turns, RELOADING/READY around HUP, STOPPING on TERM); HUP
# with a changed template (the next mail uses it) and with a broken config
# (kept running on the old one, saying why); TERM while a mail is being
# sent (sent once, exit 0); and the refusal to run as root.
set -u
. "$top_srcdir/tests/lib/lib.sh"

lib_start
mkdir "$ENV/tmpl"
cp "$top_srcdir"/templates/*.tmpl "$ENV/tmpl/"
lib_config "$ENV/followupd.conf" auto
sed -i "s|^templates_dir = .*|templates_dir = \"$ENV/tmpl\";|" "$ENV/followupd.conf"

# Root is refused unless told.
if [ "$(id -u)" -eq 0 ]; then
	"$FOLLOWUPD" -f -c "$ENV/followupd.conf" >"$ENV/root.out" 2>&1 && fail "ran as root"
	grep -q "refusing to run as root" "$ENV/root.out" || fail "no reason given for refusing root"
	echo "ok: root is refused without --allow-root"
fi

python3 "$top_srcdir/tests/lib/notify-listen.py" "$ENV/notify.sock" "$ENV/notify.log" &
LISTENER=$!
trap 'kill $LISTENER 2>/dev/null; lib_cleanup' EXIT
lib_wait 5 'grep -q LISTENING "$ENV/notify.log"' || fail "notify listener did not start"

# A mail server that answers slowly: every mail takes ~3 s (the policy
# service sleeps), so TERM can arrive while one is being sent.
NOTIFY_SOCKET="$ENV/notify.sock" WATCHDOG_USEC=2000000 WATCHDOG_PID= \
	"$FOLLOWUPD" -f -v --allow-root -c "$ENV/followupd.conf" >>"$ENV/daemon.log" 2>&1 &
DAEMON_PID=$!
lib_wait 15 'grep -q "READY=1" "$ENV/notify.log"' || fail "no READY=1"
grep -q "IMAP: connected" "$ENV/daemon.log" || fail "READY=1 before the first sync"
sleep 3
n=$(grep -c "WATCHDOG=1" "$ENV/notify.log")
[ "$n" -ge 2 ] || fail "WATCHDOG=1 came $n times in 3 s with a 2 s watchdog"
grep -q "^[0-9.]* STATUS=watching the mailbox" "$ENV/notify.log" || fail "no STATUS line"
echo "ok: READY=1 after the first sync, WATCHDOG=1 keeps coming ($n in 3 s), STATUS set"

# HUP with a changed template: the next mail uses it.
sed -i 's/^Subject: .*/Subject: Changed subject for {{interviewer.first_name}}/' "$ENV/tmpl/thank_you.tmpl"
kill -HUP "$DAEMON_PID"
lib_wait 10 'grep -q "configuration and templates reloaded" "$ENV/daemon.log"' || fail "HUP did not reload"
grep -q "RELOADING=1" "$ENV/notify.log" || fail "no RELOADING=1"
T=$(date +%s)
lib_invite "$ENV/inv.eml" svc-1@google.com 0 "@$((T - 3*3600))" "@$((T - 2*3600))" REQUEST \
	"Ada Brooks:ada@example.com" inv-svc1@example.com
mailenv deliver "$ENV" jane@example.net "$ENV/inv.eml"
# (over before followupd saw it: held found late until approved)
lib_approve_late 1
lib_wait 20 '[ "$(lib_count ada@example.com)" = 1 ]' || fail "no thank-you after the reload"
grep -q "^Subject: Changed subject for Ada" $(mailenv files "$ENV" ada@example.com) ||
	fail "the mail after HUP does not use the changed template"
echo "ok: HUP with a changed template: the next mail uses it"

# HUP with a broken config: keeps running on the old one, says why.
cp "$ENV/followupd.conf" "$ENV/good.conf"
sed -i 's/window = "00:00-00:00"/window = "8-20"/' "$ENV/followupd.conf"
kill -HUP "$DAEMON_PID"
lib_wait 10 'grep -q "reload refused" "$ENV/daemon.log"' || fail "broken config not refused"
grep -q 'send.window' "$ENV/daemon.log" || fail "the refusal does not name the setting"
kill -0 "$DAEMON_PID" || fail "the daemon died on a broken config"
cp "$ENV/good.conf" "$ENV/followupd.conf"
lib_invite "$ENV/inv2.eml" svc-2@google.com 0 "@$((T - 3*3600))" "@$((T - 2*3600))" REQUEST \
	"Ben Carter:ben@example.com" inv-svc2@example.com
mailenv deliver "$ENV" jane@example.net "$ENV/inv2.eml"
lib_approve_late 1
lib_wait 20 '[ "$(lib_count ben@example.com)" = 1 ]' || fail "the daemon stopped working after a refused reload"
echo "ok: HUP with a broken config: refused with the reason, the old one keeps working"

# TERM while a mail is being sent: it is sent once, exit 0 within seconds.
# A slow SMTP server (4 s before it answers the end of DATA) on loopback.
mkdir "$ENV/fake"
echo "slow eod 4" >"$ENV/fault"
python3 "$top_srcdir/tests/faults/fake-smtp-faults.py" "$ENV/fake.port" "$ENV/fake" "$ENV/fault" &
FAKE=$!
trap 'kill $LISTENER $FAKE 2>/dev/null; lib_cleanup' EXIT
lib_wait 5 '[ -s "$ENV/fake.port" ]' || fail "the slow SMTP server did not start"
SMTP_BLOCK="smtp = { url = \"smtp://127.0.0.1:$(cat "$ENV/fake.port")\"; starttls = false;
         allow_insecure = true; password_command = \"cat $ENV/jane.pass\"; };"
lib_config "$ENV/followupd.conf" auto
sed -i "s|^templates_dir = .*|templates_dir = \"$ENV/tmpl\";|" "$ENV/followupd.conf"
"$FOLLOWUPD" -n -c "$ENV/followupd.conf" >/dev/null || { "$FOLLOWUPD" -n -c "$ENV/followupd.conf"; fail "config for the slow server"; }
kill -HUP "$DAEMON_PID"
lib_wait 10 '[ "$(grep -c "configuration and templates reloaded" "$ENV/daemon.log")" -ge 2 ]' || fail "second reload"
lib_invite "$ENV/inv3.eml" svc-3@google.com 0 "@$((T - 3*3600))" "@$((T - 2*3600))" REQUEST \
	"Chloe Dent:chloe@example.com" inv-svc3@example.com
mailenv deliver "$ENV" jane@example.net "$ENV/inv3.eml"
lib_approve_late 1
lib_wait 20 '[ "$(lib_sql "SELECT count(*) FROM outbox WHERE recipient_email=\"chloe@example.com\" AND status=\"sending\"")" = 1 ]' ||
	fail "the mail to Chloe never was in sending"
start=$(date +%s)
kill -TERM "$DAEMON_PID"
wait "$DAEMON_PID"
rc=$?
DAEMON_PID=
took=$(( $(date +%s) - start ))
[ "$rc" = 0 ] || fail "exit status $rc after TERM, want 0"
[ "$took" -le 10 ] || fail "took $took s to stop"
grep -q "STOPPING=1" "$ENV/notify.log" || fail "no STOPPING=1"
id=$(lib_ids "recipient_email='chloe@example.com' AND kind='thank_you'")
[ "$(lib_sql "SELECT status FROM outbox WHERE id=$id")" = sent ] || fail "it is not marked sent"
mid=$(lib_sql "SELECT message_id FROM outbox WHERE id=$id")
n=$(grep -lF "Message-ID: $mid" "$ENV"/fake/*.eml | wc -l)
[ "$n" = 1 ] || fail "the mail being sent at TERM arrived $n times"
echo "ok: TERM during a send: sent once, marked sent, exit 0 in ${took}s, STOPPING=1"
echo PASS
