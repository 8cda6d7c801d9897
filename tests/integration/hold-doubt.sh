#!/bin/bash
# When in doubt, followupd holds and says why.  Auto mode, thank-yous due
# at the interview's end: a recruiter's prose mail confirming an interview
# tomorrow at 15:00 without a time zone (a low-confidence reading) and a
# calendar invite from the organiser for an interview ending in 40 s (high
# confidence).  The invite's thank-yous leave; every mail of the prose one
# is held with "low confidence: ... no time zone in the mail", shown by
# followupctl outbox and show, and nothing reaches its people.  A third,
# a sure invite whose company (Globex) none of its people's addresses
# spell (umbrella-people.example), has its mails held with that reason:
# a thank-you must not thank the wrong company in the user's name.
set -u
. "$top_srcdir/tests/lib/lib.sh"

lib_start
lib_config "$ENV/followupd.conf" auto 'thank_you = { after = "0"; latest = "48h"; };'
for u in dana@hooli.example eve@hooli.example ada@initech.example ravi@initech.example \
		olga@umbrella-people.example ivan@umbrella-people.example; do
	mailenv adduser "$ENV" "$u" "pw-$RANDOM$RANDOM" || fail "adduser $u"
done
T=$(date +%s)
E=$((T + 40))    # the invite's interview ends then

{
	printf 'From: Dana Fox <dana@hooli.example>\r\nTo: Jane Doe <jane@example.net>\r\n'
	printf 'Subject: Invitation: Interview: Jane Doe - Engineer @ Hooli\r\n'
	printf 'Date: %s\r\nMessage-ID: <sure-1@hooli.example>\r\n' "$(date -R)"
	printf 'MIME-Version: 1.0\r\nContent-Type: text/calendar; charset=utf-8; method=REQUEST\r\n\r\n'
	printf 'BEGIN:VCALENDAR\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\n'
	printf 'VERSION:2.0\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\n'
	printf 'DTSTART:%s\r\nDTEND:%s\r\n' "$(date -u -d @$((E - 1800)) +%Y%m%dT%H%M%SZ)" \
		"$(date -u -d @$E +%Y%m%dT%H%M%SZ)"
	printf 'UID:sure-1@hooli.example\r\nSEQUENCE:0\r\n'
	printf 'ORGANIZER;CN=Dana Fox:mailto:dana@hooli.example\r\n'
	printf 'ATTENDEE;CN=Eve Gray;ROLE=REQ-PARTICIPANT:mailto:eve@hooli.example\r\n'
	printf 'ATTENDEE;CN=Jane Doe;ROLE=REQ-PARTICIPANT:mailto:jane@example.net\r\n'
	printf 'SUMMARY:Interview: Jane Doe - Engineer (Hooli)\r\nSTATUS:CONFIRMED\r\n'
	printf 'END:VEVENT\r\nEND:VCALENDAR\r\n'
} >"$ENV/sure.eml"
{
	printf 'From: Ravi Menon <ravi@initech.example>\r\nTo: Jane Doe <jane@example.net>\r\n'
	printf 'Subject: Your interview at Initech\r\n'
	# written in New York to a user in London: "15:00" with no zone is
	# in doubt (the same clock as the user's would make it sure)
	printf 'Date: %s\r\nMessage-ID: <doubt-1@initech.example>\r\n' "$(TZ=America/New_York date -R)"
	printf 'MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n'
	printf 'Hi Jane,\r\n\r\nYour interview for the Engineer position is confirmed for\r\n'
	printf '%s at 15:00. You will be meeting with Ada Brooks <ada@initech.example>.\r\n\r\n' \
		"$(date -d tomorrow '+%A %-d %B %Y')"
	printf 'Best,\r\nRavi Menon\r\nRecruiter, Initech\r\n'
} >"$ENV/doubt.eml"
{
	printf 'From: Olga Petrova <olga@umbrella-people.example>\r\nTo: Jane Doe <jane@example.net>\r\n'
	printf 'Subject: Invitation: Interview for the Engineer role at Globex\r\n'
	printf 'Date: %s\r\nMessage-ID: <word-1@umbrella-people.example>\r\n' "$(date -R)"
	printf 'MIME-Version: 1.0\r\nContent-Type: text/calendar; charset=utf-8; method=REQUEST\r\n\r\n'
	printf 'BEGIN:VCALENDAR\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\n'
	printf 'VERSION:2.0\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\n'
	printf 'DTSTART:%s\r\nDTEND:%s\r\n' "$(date -u -d @$((E - 1800)) +%Y%m%dT%H%M%SZ)" \
		"$(date -u -d @$E +%Y%m%dT%H%M%SZ)"
	printf 'UID:word-1@umbrella-people.example\r\nSEQUENCE:0\r\n'
	printf 'ORGANIZER;CN=Olga Petrova:mailto:olga@umbrella-people.example\r\n'
	printf 'ATTENDEE;CN=Ivan Sokolov;ROLE=REQ-PARTICIPANT:mailto:ivan@umbrella-people.example\r\n'
	printf 'ATTENDEE;CN=Jane Doe;ROLE=REQ-PARTICIPANT:mailto:jane@example.net\r\n'
	printf 'SUMMARY:Interview for the Engineer role at Globex\r\nSTATUS:CONFIRMED\r\n'
	printf 'END:VEVENT\r\nEND:VCALENDAR\r\n'
} >"$ENV/word.eml"

# What scan says of each, before the daemon acts on them.
lib_ctl scan --explain "$ENV/doubt.eml" >"$ENV/explain.out" || fail "scan --explain failed"
grep -q '^  confidence: low$' "$ENV/explain.out" || fail "the prose mail is not low: $(cat "$ENV/explain.out")"
grep -q '^  doubt: *no time zone in the mail$' "$ENV/explain.out" || fail "scan --explain lacks the doubt"
grep -q '^  rule: *prose-interview$' "$ENV/explain.out" || fail "scan --explain lacks the rule"
lib_ctl scan --json "$ENV/sure.eml" | grep -q '"confidence":"high"' || fail "the invite is not high"
echo "ok: scan --explain says why"

lib_daemon_start
lib_wait 10 'grep -q "IMAP: connected" "$ENV/daemon.log"' || fail "no IMAP connection"
for f in doubt sure word; do
	mailenv deliver "$ENV" jane@example.net "$ENV/$f.eml"
done
lib_wait 20 '[ "$(lib_sql "SELECT count(*) FROM interviews")" = 3 ]' || fail "the interviews were not recorded"
lib_wait 10 '[ -n "$(lib_ids "recipient_email=\"eve@hooli.example\"")" ]' || fail "nothing planned for the invite"

div=$(lib_sql "SELECT id FROM interviews WHERE source_message_id='<doubt-1@initech.example>'")
siv=$(lib_sql "SELECT id FROM interviews WHERE event_uid='sure-1@hooli.example'")
[ -n "$div" ] && [ -n "$siv" ] || fail "interviews: $(lib_sql "SELECT id, source_message_id FROM interviews")"
doubt=$(lib_sql "SELECT doubt FROM interviews WHERE id=$div")
case $doubt in *"no time zone in the mail"*) ;; *) fail "the prose interview's doubt: '$doubt'" ;; esac
[ -z "$(lib_sql "SELECT doubt FROM interviews WHERE id=$siv")" ] || fail "the invite's interview is doubtful"
why="low confidence: $doubt"
n=$(lib_sql "SELECT count(*) FROM outbox WHERE interview_id=$div")
[ "$n" -ge 2 ] || fail "the prose interview planned $n mails"
[ "$(lib_sql "SELECT count(*) FROM outbox WHERE interview_id=$div AND status='held' AND hold_reason='$(echo "$why" | sed "s/'/''/g")'")" = "$n" ] ||
	fail "not every mail is held with \"$why\": $(lib_sql "SELECT id, status, hold_reason FROM outbox WHERE interview_id=$div")"
[ "$(lib_sql "SELECT count(*) FROM events WHERE kind='confidence' AND interview_id=$div AND message LIKE '%confidence low%no time zone%'")" = 1 ] ||
	fail "no confidence event for the prose interview"
[ "$(lib_sql "SELECT count(*) FROM events WHERE kind='confidence' AND interview_id=$siv AND message LIKE '%confidence high%'")" = 1 ] ||
	fail "no confidence event for the invite"
grep -q "read as interview by rule prose-interview, confidence low: .*no time zone in the mail" "$ENV/daemon.log" ||
	fail "the daemon did not log the reading at -v"
lib_ctl log | grep -q "confidence low" || fail "followupctl log lacks the confidence"
echo "ok: every mail of the doubtful interview is held with the reason"

# The invite's thank-yous leave at its end; the doubtful ones stay.
lib_wait 90 '[ "$(lib_count eve@hooli.example)" = 1 ] && [ "$(lib_count dana@hooli.example)" = 1 ]' ||
	fail "the invite's thank-yous did not leave"
sleep 3
for u in ada@initech.example ravi@initech.example olga@umbrella-people.example \
		ivan@umbrella-people.example; do
	[ "$(lib_count $u)" = 0 ] || fail "$u got a mail"
done
[ "$(lib_sql "SELECT count(*) FROM outbox WHERE interview_id=$div AND status <> 'held'")" = 0 ] ||
	fail "a held mail moved"
echo "ok: the sure invite's thank-yous left, nothing of the doubtful one"

wiv=$(lib_sql "SELECT id FROM interviews WHERE event_uid='word-1@umbrella-people.example'")
wwhy='the company read as "Globex" is not in the addresses of its people (umbrella-people.example)'
[ "$(lib_sql "SELECT hold_reason FROM interviews WHERE id=$wiv")" = "$wwhy" ] ||
	fail "Globex's interview: $(lib_sql "SELECT hold_reason FROM interviews WHERE id=$wiv")"
n=$(lib_sql "SELECT count(*) FROM outbox WHERE interview_id=$wiv")
[ "$n" -ge 2 ] && [ "$(lib_sql "SELECT count(*) FROM outbox WHERE interview_id=$wiv AND status='held' AND hold_reason='$wwhy'")" = "$n" ] ||
	fail "not every mail of Globex's interview is held: $(lib_sql "SELECT id, status, hold_reason FROM outbox WHERE interview_id=$wiv")"
ivan=$(lib_ids "recipient_email='ivan@umbrella-people.example' AND kind='thank_you'")
lib_ctl outbox | grep -qF "      held: $wwhy" || fail "followupctl outbox lacks the company's reason"
lib_ctl show "$ivan" | grep -qF "# Held: $wwhy" || fail "followupctl show lacks the company's reason"
echo "ok: a company the addresses do not bear out holds every mail, and says why"

ada=$(lib_ids "recipient_email='ada@initech.example' AND kind='thank_you'")
[ -n "$ada" ] || fail "no thank-you planned for Ada"
lib_ctl show "$ada" | grep -qF "# Held: $why" || fail "followupctl show lacks the reason"
lib_ctl outbox | grep -qF "      held: $why" || fail "followupctl outbox lacks the reason"
echo "ok: followupctl shows why"
lib_daemon_stop || fail "followupd did not exit 0 on TERM"
echo PASS
