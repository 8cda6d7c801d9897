#!/bin/bash
# What the user sends (imap.watch_sent): their own thank-you to one
# interviewer, APPENDed to Sent after the interview began, cancels
# followupd's thank-you to that person only (the reason in the outbox and
# the log), the other interviewer's still goes; followupd's own copies in
# Sent change nothing; the user's mail to the recruiter moves the status
# nudge.  Mail already in Sent when followupd first looks is never acted on.
set -u
. "$top_srcdir/tests/lib/lib.sh"

lib_start
lib_config "$ENV/followupd.conf" review 'thank_you = { after = "1s"; };
status_nudge = { after = "1d"; repeat = 0; };'
# Sent has no IDLE of its own: it is looked at with every sync, here every 5 s.
sed -i 's/poll_interval = "5m";/poll_interval = "5m"; idle_refresh = "5s";/' "$ENV/followupd.conf"
T=$(date +%s)
# own_mail FILE ID TO [DATE]: a mail Jane wrote herself.
own_mail() {
	printf 'From: Jane Doe <jane@example.net>\r\nTo: %s\r\nSubject: Thank you\r\nDate: %s\r\nMessage-ID: <%s>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nThank you for today.\r\n' \
		"$3" "${4:-$(date -R)}" "$2" >"$1"
}

# Already in Sent before followupd starts, written after the interview
# began: old mail, never acted on.
own_mail "$ENV/old.eml" old-1@example.net "Ben Carter <ben@example.com>"
mailenv deliver "$ENV" jane@example.net "$ENV/old.eml" Sent

# An interview that began an hour ago and ends in 20 s, with Ada and Ben.
lib_invite "$ENV/inv.eml" sent-1@google.com 0 "@$((T - 3600))" "@$((T + 20))" REQUEST \
	"Ada Brooks:ada@example.com,Ben Carter:ben@example.com" inv-s1@example.com
mailenv deliver "$ENV" jane@example.net "$ENV/inv.eml"
lib_daemon_start
lib_wait 30 '[ -n "$(lib_ids "kind=\"thank_you\" AND recipient_email=\"ada@example.com\"")" ] &&
	[ -n "$(lib_ids "kind=\"thank_you\" AND recipient_email=\"ben@example.com\"")" ] &&
	[ -n "$(lib_ids "kind=\"status_nudge\"")" ]' ||
	fail "the thank-yous and the nudge were not planned"
ada=$(lib_ids "kind='thank_you' AND recipient_email='ada@example.com'")
ben=$(lib_ids "kind='thank_you' AND recipient_email='ben@example.com'")
nudge=$(lib_ids "kind='status_nudge'")
lib_wait 20 'grep -q "Sent: first look" "$ENV/daemon.log"' || fail "Sent was not looked at"
[ "$(lib_sql "SELECT status FROM outbox WHERE id=$ben")" = held ] ||
	fail "the mail already in Sent acted on Ben's thank-you"
echo "ok: the thank-yous are planned and held; what was in Sent before is left alone"

# Jane writes to Ada herself, after the interview began.
own_mail "$ENV/ada.eml" jane-ada-1@example.net "Ada Brooks <ada@example.com>"
mailenv deliver "$ENV" jane@example.net "$ENV/ada.eml" Sent
lib_wait 30 '[ "$(lib_sql "SELECT status FROM outbox WHERE id=$ada")" = cancelled ]' ||
	fail "Ada's thank-you was not cancelled: $(lib_sql "SELECT status FROM outbox WHERE id=$ada")"
reason=$(lib_sql "SELECT cancel_reason FROM outbox WHERE id=$ada")
case $reason in
"you wrote to Ada Brooks yourself at "*) ;;
*) fail "the reason is \"$reason\"" ;;
esac
[ "$(lib_sql "SELECT status FROM outbox WHERE id=$ben")" = held ] || fail "Ben's thank-you changed"
lib_ctl outbox | grep -A1 "^ *$ada " | grep -q "cancelled: you wrote to Ada Brooks yourself at" ||
	fail "the outbox does not say why: $(lib_ctl outbox)"
lib_ctl show "$ada" | grep -q "^# Cancelled: you wrote to Ada Brooks yourself" || fail "show does not say why"
lib_ctl log | grep "superseded" | grep -q "mail $ada cancelled: you wrote to Ada Brooks yourself" ||
	fail "the log does not show the decision: $(lib_ctl log | tail -5)"
grep -q "mail $ada cancelled: you wrote to Ada Brooks yourself" "$ENV/daemon.log" ||
	fail "the daemon did not log the decision"
echo "ok: Jane's own mail to Ada cancels Ada's thank-you with the reason; Ben's stays"

# Approve everything: Ben's thank-you (and Ravi's, for arranging) leave,
# Ada's does not; their copies go to Sent, and change nothing.
lib_ctl approve --all >/dev/null || fail "approve --all"
lib_wait 40 '[ "$(lib_count ben@example.com)" = 1 ]' || fail "Ben's thank-you did not leave"
before=$(lib_sql "SELECT due FROM outbox WHERE id=$nudge")
for id in $(lib_ids "status='sent'"); do
	mid=$(lib_sql "SELECT message_id FROM outbox WHERE id=$id")
	lib_wait 30 '[ "$(lib_sql "SELECT outcome FROM messages_seen WHERE folder=\"Sent\" AND message_id=\"$mid\"")" = ignored ]' ||
		fail "followupd's own copy of mail $id in Sent was not seen as its own"
done
sleep 1
[ "$(lib_count ada@example.com)" = 0 ] || fail "Ada got followupd's thank-you too"
[ "$(lib_sql "SELECT due FROM outbox WHERE id=$nudge")" = "$before" ] ||
	fail "followupd's own copies moved the nudge"
[ "$(lib_sql "SELECT count(*) FROM events WHERE kind IN ('contacted','superseded')")" = 1 ] ||
	fail "followupd's own copies made decisions: $(lib_sql "SELECT message FROM events WHERE kind IN ('contacted','superseded')")"
echo "ok: Ben's thank-you went, Ada's did not; followupd's own copies change nothing"

# Jane asks the recruiter for news: the nudge counts from her mail.
sleep 2
sent_at=$(date +%s)
own_mail "$ENV/ravi.eml" jane-ravi-1@example.net "Ravi Menon <ravi@example.com>" "$(date -R -d @$sent_at)"
mailenv deliver "$ENV" jane@example.net "$ENV/ravi.eml" Sent
lib_wait 30 '[ "$(lib_sql "SELECT due FROM outbox WHERE id=$nudge")" != "$before" ]' ||
	fail "the nudge did not move (due $before)"
after=$(lib_sql "SELECT due FROM outbox WHERE id=$nudge")
[ "$after" = $((sent_at + 86400)) ] || fail "the nudge is due $after, expected $((sent_at + 86400))"
[ "$(lib_sql "SELECT last_contact FROM applications")" = "$sent_at" ] || fail "the contact was not recorded"
lib_ctl log | grep "contacted" | grep -q "you wrote to ravi@example.com, the contact, yourself" ||
	fail "the log does not show the contact: $(lib_ctl log | tail -5)"
echo "ok: Jane's mail to the recruiter moves the nudge to a day after it"
lib_daemon_stop || fail "followupd did not exit 0 on TERM"
echo PASS
