#!/bin/bash
# Nobody but the user decides whom the account mails.  Auto mode,
# thank-yous due at the interview's end, three invites for interviews
# ending in 40 s: one the provider found forged (Authentication-Results:
# dkim=fail, dmarc=fail), one from a stranger listing people of another
# company, and a good one.  The good one's thank-yous leave; the other two
# have every mail held with the reason and nothing reaches their people.
set -u
. "$top_srcdir/tests/lib/lib.sh"

lib_start
lib_config "$ENV/followupd.conf" auto 'thank_you = { after = "0"; latest = "24h"; };'
# Mailboxes for everyone named below, so a mail that should not leave
# would be delivered (and counted) rather than refused.
for u in dana@hooli.example eve@hooli.example ada@initech.example ravi@initech.example \
	ben@globex.example chloe@globex.example mallory@example.org; do
	mailenv adduser "$ENV" "$u" "pw-$RANDOM$RANDOM" || fail "adduser $u"
done
T=$(date +%s)
E=$((T + 40))    # every interview ends then

# invite FILE UID FROM ATTENDEES COMPANY [AUTH-RESULTS]
invite() {
	local file=$1 uid=$2 from=$3 co=$5 ar=${6:-} a att=""
	local IFS=','
	for a in $4; do
		att="${att}ATTENDEE;CN=${a%%:*};ROLE=REQ-PARTICIPANT:mailto:${a#*:}"$'\r\n'
	done
	unset IFS
	{
		[ -n "$ar" ] && printf 'Authentication-Results: %s\r\n' "$ar"
		printf 'Received: from mail.example.org by mx.example.net; %s\r\n' "$(date -R)"
		# A forger's own header lower down never counts.
		printf 'Authentication-Results: mx.example.net; dkim=pass; dmarc=pass\r\n'
		printf 'From: %s\r\nTo: Jane Doe <jane@example.net>\r\n' "$from"
		printf 'Subject: Invitation: Interview: Jane Doe - Engineer @ %s\r\n' "$co"
		printf 'Date: %s\r\nMessage-ID: <%s>\r\n' "$(date -R)" "$uid"
		printf 'MIME-Version: 1.0\r\nContent-Type: text/calendar; charset=utf-8; method=REQUEST\r\n\r\n'
		printf 'BEGIN:VCALENDAR\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\n'
		printf 'VERSION:2.0\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\n'
		printf 'DTSTART:%s\r\nDTEND:%s\r\n' "$(date -u -d @$((E - 1800)) +%Y%m%dT%H%M%SZ)" \
			"$(date -u -d @$E +%Y%m%dT%H%M%SZ)"
		printf 'UID:%s\r\nSEQUENCE:0\r\n' "$uid"
		printf 'ORGANIZER;CN=Organiser:mailto:%s\r\n%s' "$(echo "$from" | sed 's/.*<//; s/>.*//')" "$att"
		printf 'ATTENDEE;CN=Jane Doe;ROLE=REQ-PARTICIPANT:mailto:jane@example.net\r\n'
		printf 'SUMMARY:Interview: Jane Doe - Engineer (%s)\r\nSTATUS:CONFIRMED\r\n' "$co"
		printf 'END:VEVENT\r\nEND:VCALENDAR\r\n'
	} >"$file"
}

invite "$ENV/forged.eml" forged-1@example.org "Ravi Menon <ravi@initech.example>" \
	"Ada Brooks:ada@initech.example" Initech \
	"mx.example.net; dkim=fail (signature did not verify) header.d=initech.example; spf=pass smtp.mailfrom=initech.example; dmarc=fail (p=reject) header.from=initech.example"
invite "$ENV/stranger.eml" stranger-1@example.org "Mallory <mallory@example.org>" \
	"Ben Carter:ben@globex.example,Chloe Dent:chloe@globex.example" Globex
invite "$ENV/good.eml" good-1@example.org "Dana Fox <dana@hooli.example>" \
	"Eve Gray:eve@hooli.example" Hooli \
	"mx.example.net; dkim=pass header.d=hooli.example; dmarc=pass header.from=hooli.example"
lib_daemon_start
lib_wait 10 'grep -q "IMAP: connected" "$ENV/daemon.log"' || fail "no IMAP connection"
for f in forged stranger good; do
	mailenv deliver "$ENV" jane@example.net "$ENV/$f.eml"
done
lib_wait 20 '[ "$(lib_sql "SELECT count(*) FROM interviews")" = 3 ]' || fail "the invites were not recorded"
lib_wait 10 '[ -n "$(lib_ids "recipient_email=\"eve@hooli.example\"")" ]' || fail "nothing planned for the good invite"

forged_why="the invite failed the sender checks of your provider (dmarc=fail)"
stranger_why="the sender (mallory@example.org) is not at the interviewers' organisation"
iv() { lib_sql "SELECT id FROM interviews WHERE event_uid='$1'"; }
fiv=$(iv forged-1@example.org)
siv=$(iv stranger-1@example.org)
giv=$(iv good-1@example.org)
[ "$(lib_sql "SELECT hold_reason FROM interviews WHERE id=$fiv")" = "$forged_why" ] ||
	fail "the forged invite's interview has no hold reason"
[ "$(lib_sql "SELECT hold_reason FROM interviews WHERE id=$siv")" = "$stranger_why" ] ||
	fail "the stranger's interview has no hold reason"
[ -z "$(lib_sql "SELECT hold_reason FROM interviews WHERE id=$giv")" ] ||
	fail "the good invite's interview is held"
for i in "$fiv:$forged_why" "$siv:$stranger_why"; do
	id=${i%%:*} why=${i#*:}
	n=$(lib_sql "SELECT count(*) FROM outbox WHERE interview_id=$id")
	[ "$n" -ge 2 ] || fail "interview $id planned $n mails"
	[ "$(lib_sql "SELECT count(*) FROM outbox WHERE interview_id=$id AND status='held' AND hold_reason='$(echo "$why" | sed "s/'/''/g")'")" = "$n" ] ||
		fail "interview $id: not every mail is held with \"$why\": $(lib_sql "SELECT id, status, hold_reason FROM outbox WHERE interview_id=$id")"
done
grep -q "the mails of interview $fiv will be held: $forged_why" "$ENV/daemon.log" || fail "no log line for the forged invite"
[ "$(lib_sql "SELECT count(*) FROM events WHERE kind='distrust' AND interview_id=$siv")" = 1 ] ||
	fail "no audit event for the stranger's invite"
echo "ok: every mail of the forged and the stranger's invites is held with the reason"

# The good one's thank-yous leave at the end; the held ones stay.
lib_wait 90 '[ "$(lib_count eve@hooli.example)" = 1 ] && [ "$(lib_count dana@hooli.example)" = 1 ]' ||
	fail "the good invite's thank-yous did not leave"
sleep 3
for u in ada@initech.example ravi@initech.example ben@globex.example chloe@globex.example mallory@example.org; do
	[ "$(lib_count $u)" = 0 ] || fail "$u got a mail"
done
[ "$(lib_sql "SELECT count(*) FROM outbox WHERE interview_id IN ($fiv, $siv) AND status <> 'held'")" = 0 ] ||
	fail "a held mail moved"
echo "ok: the good invite's thank-yous left, nothing reached the others"

ada=$(lib_ids "recipient_email='ada@initech.example' AND kind='thank_you'")
lib_ctl show "$ada" | grep -qF "# Held: $forged_why" || fail "followupctl show lacks the reason"
lib_ctl outbox | grep -qF "      held: $stranger_why" || fail "followupctl outbox lacks the reason"
echo "ok: followupctl shows why"
lib_daemon_stop || fail "followupd did not exit 0 on TERM"
echo PASS
