#!/bin/bash
# The user's own side of the table is never an interview.  Auto mode,
# thank-yous due at the end, me.employer_domains = harbourline.example,
# four invites for meetings ending in 40 s: the team's weekly hiring sync
# (an RRULE, from a colleague), a one-off retro among colleagues, a panel
# interview where the user interviews a candidate, and a real interview
# at another company.  Only the real interview is recorded and only its
# thank-yous leave; nothing is planned for the other three, nobody of
# them gets mail, and followupctl outbox never names them.
set -u
. "$top_srcdir/tests/lib/lib.sh"

lib_start
lib_config "$ENV/followupd.conf" auto 'thank_you = { after = "0"; latest = "24h"; };'
sed -i 's/signature = "Jane Doe"; };/signature = "Jane Doe"; employer_domains = ["harbourline.example"]; };/' \
	"$ENV/followupd.conf"
grep -q 'employer_domains = \["harbourline.example"\]' "$ENV/followupd.conf" || fail "config not edited"
# Mailboxes for everyone, so a mail that should not leave would be
# delivered (and counted) rather than refused (lib_start made the
# mailboxes of lib_invite's people).
for u in priya@harbourline.example tom@harbourline.example recruiting@harbourline.example \
	sam.patel@freemail.example; do
	mailenv adduser "$ENV" "$u" "pw-$RANDOM$RANDOM" || fail "adduser $u"
done
T=$(date +%s)
S=$(date -u -d @$((T + 10)) +%Y%m%dT%H%M%SZ)
E=$(date -u -d @$((T + 40)) +%Y%m%dT%H%M%SZ)

# meeting FILE UID FROM SUBJECT EXTRA-ICS-LINES ATTENDEES [BODY]
meeting() {
	local file=$1 uid=$2 from=$3 subj=$4 extra=$5 a att=""
	local IFS=','
	for a in $6; do
		att="${att}ATTENDEE;CN=${a%%:*};ROLE=REQ-PARTICIPANT:mailto:${a#*:}"$'\r\n'
	done
	unset IFS
	{
		printf 'From: %s\r\nTo: Jane Doe <jane@example.net>\r\n' "$from"
		printf 'Subject: Invitation: %s\r\n' "$subj"
		printf 'Date: %s\r\nMessage-ID: <%s>\r\n' "$(date -R)" "$uid"
		printf 'MIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary="b1"\r\n\r\n'
		printf -- '--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n%s\r\n\r\n' "${7:-$subj}"
		printf -- '--b1\r\nContent-Type: text/calendar; charset=utf-8; method=REQUEST\r\n\r\n'
		printf 'BEGIN:VCALENDAR\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\n'
		printf 'VERSION:2.0\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\n'
		printf 'DTSTART:%s\r\nDTEND:%s\r\n%sUID:%s\r\nSEQUENCE:0\r\n' "$S" "$E" "$extra" "$uid"
		printf 'ORGANIZER;CN=Organiser:mailto:%s\r\n%s' "$(echo "$from" | sed 's/.*<//; s/>.*//')" "$att"
		printf 'ATTENDEE;CN=Jane Doe;ROLE=REQ-PARTICIPANT:mailto:jane@example.net\r\n'
		printf 'SUMMARY:%s\r\nSTATUS:CONFIRMED\r\n' "$subj"
		printf 'END:VEVENT\r\nEND:VCALENDAR\r\n--b1--\r\n'
	} >"$file"
}

meeting "$ENV/weekly.eml" weekly-1@harbourline.example "Priya Raman <priya@harbourline.example>" \
	"Hiring sync: interview loop for the SRE role" $'RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU\r\n' \
	"Tom Okafor:tom@harbourline.example"
meeting "$ENV/retro.eml" retro-1@harbourline.example "Tom Okafor <tom@harbourline.example>" \
	"Interview process retro - Q1 hiring" "" "Priya Raman:priya@harbourline.example"
meeting "$ENV/panel.eml" panel-1@harbourline.example \
	"Harbourline Recruiting <recruiting@harbourline.example>" \
	"Interview: Sam Patel - Senior Data Engineer" "" "Sam Patel:sam.patel@freemail.example" \
	"$(printf 'Candidate: Sam Patel\r\nJob: Senior Data Engineer\r\nPlease submit your scorecard within 24 hours.')"
lib_invite "$ENV/real.eml" real-1@google.com 0 "@$((T + 10))" "@$((T + 40))" REQUEST \
	"Ada Brooks:ada@example.com,Ben Carter:ben@example.com" real-invite-1@example.com

lib_daemon_start
lib_wait 10 'grep -q "IMAP: connected" "$ENV/daemon.log"' || fail "no IMAP connection"
for f in weekly retro panel real; do
	mailenv deliver "$ENV" jane@example.net "$ENV/$f.eml"
done
lib_wait 20 '[ -n "$(lib_ids "recipient_email=\"ada@example.com\"")" ]' ||
	fail "nothing planned for the real interview"
[ "$(lib_sql "SELECT count(*) FROM interviews")" = 1 ] ||
	fail "not one interview: $(lib_sql "SELECT id, event_uid FROM interviews")"
[ "$(lib_sql "SELECT event_uid FROM interviews")" = real-1@google.com ] ||
	fail "the interview recorded is not the real one"
[ "$(lib_sql "SELECT count(*) FROM outbox WHERE recipient_email LIKE '%harbourline.example' OR recipient_email LIKE 'sam.patel@%'")" = 0 ] ||
	fail "mail planned for the user's own side: $(lib_sql "SELECT id, recipient_email FROM outbox")"
lib_ctl outbox >"$ENV/outbox.txt" || fail "followupctl outbox"
grep -qi "ada@example.com\|Ada Brooks" "$ENV/outbox.txt" || fail "outbox lacks the real interview: $(cat "$ENV/outbox.txt")"
! grep -qi "harbourline\|Sam Patel\|Priya\|Tom Okafor" "$ENV/outbox.txt" ||
	fail "followupctl outbox names the user's own side: $(cat "$ENV/outbox.txt")"
echo "ok: only the real interview is recorded and planned"

# The real interview's thank-yous leave at its end; nobody else gets mail.
lib_wait 90 '[ "$(lib_count ada@example.com)" = 1 ] && [ "$(lib_count ben@example.com)" = 1 ]' ||
	fail "the real interview's thank-yous did not leave"
sleep 3
for u in priya@harbourline.example tom@harbourline.example recruiting@harbourline.example \
	sam.patel@freemail.example; do
	[ "$(lib_count $u)" = 0 ] || fail "$u got a mail"
done
[ "$(lib_sql "SELECT count(*) FROM interviews")" = 1 ] || fail "an interview appeared later"
echo "ok: the thank-yous left for the real interview only"
lib_daemon_stop || fail "followupd did not exit 0 on TERM"
echo PASS
