#!/bin/bash
# Never act on the past unasked: an INBOX holding an interview that ended
# yesterday, first start in auto mode.  Its mails are planned held "found
# late" and nothing leaves; an interview over for days plans no thank-you
# at all (its latest time passed), with a log line; the first sync logs one
# summary line.  Approving a held mail sends it.
set -u
. "$top_srcdir/tests/lib/lib.sh"

lib_start
lib_config "$ENV/followupd.conf" auto
T=$(date +%s)
# Ended 20 hours ago: inside thank_you.latest (24h), but over before
# followupd ever saw it.
lib_invite "$ENV/inv1.eml" late-1@google.com 0 "@$((T - 21*3600))" "@$((T - 20*3600))" REQUEST \
	"Ada Brooks:ada@example.com,Ben Carter:ben@example.com" late-1@example.com
# Ended three days ago: past every thank-you's latest time.
lib_invite "$ENV/inv2.eml" late-2@google.com 0 "@$((T - 3*86400 - 3600))" "@$((T - 3*86400))" REQUEST \
	"Chloe Dent:chloe@example.com" late-2@example.com
mailenv deliver "$ENV" jane@example.net "$ENV/inv1.eml"
mailenv deliver "$ENV" jane@example.net "$ENV/inv2.eml"
lib_daemon_start
lib_wait 30 'grep -q "first start:" "$ENV/daemon.log"' || fail "no first-start summary"

iv1=$(lib_sql "SELECT id FROM interviews WHERE event_uid='late-1@google.com'")
iv2=$(lib_sql "SELECT id FROM interviews WHERE event_uid='late-2@google.com'")
[ -n "$iv1" ] && [ -n "$iv2" ] || fail "the interviews were not recorded"
n1=$(lib_sql "SELECT count(*) FROM outbox WHERE interview_id=$iv1")
[ "$n1" -ge 4 ] || fail "interview 1 planned $n1 mails, want thank-yous, nudges and reflections"
# (The second interview, at the same company, cancels the first one's
# nudges: only held and cancelled mails.)
[ "$(lib_sql "SELECT count(*) FROM outbox WHERE status NOT IN ('held', 'cancelled')")" = 0 ] ||
	fail "mails not held in auto mode: $(lib_sql "SELECT id, kind, status FROM outbox WHERE status <> 'held'")"
want="found late: the interview ended before followupd saw it ("
[ "$(lib_sql "SELECT count(*) FROM outbox WHERE hold_reason LIKE '$want%'")" = \
	"$(lib_sql "SELECT count(*) FROM outbox")" ] || fail "a held mail lacks the found-late reason"
[ "$(lib_sql "SELECT count(*) FROM outbox WHERE interview_id=$iv1 AND kind IN ('thank_you', 'thank_you_contact')")" = 3 ] ||
	fail "want thank-yous to Ada, Ben and Ravi (the contact's: thank_you_contact)"
echo "ok: every mail of the interview found late is held with the reason, in auto mode"

[ "$(lib_sql "SELECT count(*) FROM outbox WHERE interview_id=$iv2 AND kind IN ('thank_you', 'thank_you_contact')")" = 0 ] ||
	fail "a thank-you was planned past its latest time"
grep -q "interview $iv2: no thank-you: its latest time (.*) has passed" "$ENV/daemon.log" ||
	fail "no log line for the thank-you past its latest time"
[ "$(lib_sql "SELECT count(*) FROM events WHERE kind='skipped' AND interview_id=$iv2 AND message LIKE '%no thank-you%'")" = 1 ] ||
	fail "no audit event for the skipped thank-you"
echo "ok: past its latest time: not planned, with a log line and an event"

total=$(lib_sql "SELECT count(*) FROM outbox WHERE status='held'")
line=$(grep "first start:" "$ENV/daemon.log")
case "$line" in
*"first start: 2 mail(s) read, 2 interview(s) found (0 upcoming, 2 over), $total mail(s) planned: $total held (found late)"*) ;;
*) fail "summary line is not as expected: $line" ;;
esac
[ "$(grep -c "first start:" "$ENV/daemon.log")" = 1 ] || fail "more than one summary"
echo "ok: the first sync logs the summary: ${line#*first start: }"

# The audit log has the reason where the mail was planned.
[ "$(lib_sql "SELECT count(*) FROM events WHERE kind='held' AND message LIKE '%held: found late%'")" = \
	"$(lib_sql "SELECT count(*) FROM outbox")" ] ||
	fail "the held events lack the reason"

# The user sees why.
ada=$(lib_ids "recipient_email='ada@example.com' AND kind='thank_you'")
lib_ctl outbox >"$ENV/outbox.txt" || fail "followupctl outbox"
grep -q "^      held: found late: the interview ended before followupd saw it (" "$ENV/outbox.txt" ||
	{ cat "$ENV/outbox.txt"; fail "followupctl outbox does not show the reason"; }
lib_ctl show "$ada" | grep -q "^# Held: found late: the interview ended before followupd saw it (" ||
	fail "followupctl show does not show the reason"
[ "$(lib_mail_field "$ada" hold_reason | cut -c1-11)" = "found late:" ] ||
	fail "show --json lacks hold_reason"
lib_ctl outbox --json | grep -q '"hold_reason": *"found late: ' || fail "outbox --json lacks hold_reason"
echo "ok: followupctl outbox, show and --json show the reason"

# The contact's thank-you is a kind of its own, and says so.
ravi=$(lib_ids "recipient_email='ravi@example.com' AND kind='thank_you_contact'")
[ -n "$ravi" ] || fail "no thank_you_contact mail to Ravi"
grep -Eq "^$ravi +.* thank_you_contact +ravi@example.com" "$ENV/outbox.txt" ||
	{ cat "$ENV/outbox.txt"; fail "followupctl outbox does not say thank_you_contact"; }
lib_ctl show "$ravi" | grep -q "^# mail $ravi: thank_you_contact to ravi@example.com" ||
	fail "followupctl show does not say thank_you_contact"
echo "ok: followupctl outbox and show name the contact's thank-you thank_you_contact"

# Nothing left, in auto mode, whatever the time.
sleep 3
for u in ada@example.com ben@example.com chloe@example.com ravi@example.com; do
	[ "$(lib_count $u)" = 0 ] || fail "$u got a mail found late"
done
[ "$(lib_count jane@example.net Sent)" = 0 ] || fail "something was sent"
echo "ok: nothing was sent"

# Approving one lets it go (and clears its reason); the others stay held.
lib_ctl approve "$ada" >/dev/null || fail "approve"
lib_wait 20 '[ "$(lib_count ada@example.com)" = 1 ]' || fail "the approved mail did not leave"
[ "$(lib_sql "SELECT hold_reason IS NULL FROM outbox WHERE id=$ada")" = 1 ] ||
	fail "the approved mail kept its hold reason"
sleep 2
[ "$(lib_count ben@example.com)" = 0 ] || fail "Ben's held mail left with Ada's"
echo "ok: an approved mail leaves, the others wait"

# A restart is not a first start.
lib_daemon_stop || fail "followupd did not exit 0 on TERM"
lib_daemon_start
lib_wait 20 'grep -q "catch-up since the last run: 0 mail(s) read" "$ENV/daemon.log"' ||
	fail "no catch-up summary after a restart"
lib_daemon_stop || fail "followupd did not exit 0 on TERM"
echo PASS
