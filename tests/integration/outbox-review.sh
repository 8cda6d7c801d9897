#!/bin/bash
# Review mode: nothing leaves until approved; an edit is what leaves; a
# cancel stops a mail; notes reach the thank-you.  Header injection through
# a display name from a mail and through a template value fails.
set -u
. "$top_srcdir/tests/lib/lib.sh"

lib_start
lib_config "$ENV/followupd.conf" review
T=$(date +%s)
lib_invite "$ENV/inv.eml" review-1@google.com 0 "@$((T - 3*3600))" "@$((T - 2*3600))" REQUEST \
	"Ada Brooks:ada@example.com,Ben Carter:ben@example.com,Chloe Dent:chloe@example.com" inv-r1@example.com
mailenv deliver "$ENV" jane@example.net "$ENV/inv.eml"
lib_daemon_start
lib_wait 20 '[ "$(lib_sql "SELECT count(*) FROM outbox WHERE status=\"held\"")" -ge 4 ]' ||
	fail "mails are not held for review"
sleep 2
for u in ada@example.com ben@example.com chloe@example.com ravi@example.com; do
	[ "$(lib_count $u)" = 0 ] || fail "$u got a mail before approval"
done
nheld=$(lib_sql "SELECT count(*) FROM outbox WHERE status='held'")
lib_wait 10 'grep -Eq "followupd: $nheld mails wait for your approval \([0-9]+ due\): followupctl outbox" "$ENV/daemon.log"' ||
	fail "the log does not say that $nheld mails wait: $(grep 'approval' "$ENV/daemon.log")"
[ "$(grep -c 'wait for your approval' "$ENV/daemon.log")" -le 2 ] ||
	fail "the log repeats what waits: $(grep -c 'wait for your approval' "$ENV/daemon.log") lines"
echo "ok: review mode holds every mail, and the log says how many wait"

ada=$(lib_ids "recipient_email='ada@example.com' AND kind='thank_you'")
ben=$(lib_ids "recipient_email='ben@example.com' AND kind='thank_you'")
chloe=$(lib_ids "recipient_email='chloe@example.com' AND kind='thank_you'")
iv=$(lib_sql "SELECT id FROM interviews WHERE event_uid='review-1@google.com'")

# Notes: a private one, one for every interviewer, and one for Ada alone.
lib_ctl note "$iv" "the pace worried me a little" >"$ENV/note.out" || fail "note"
grep -q "(1 private)" "$ENV/note.out" || fail "note does not say the line is private: $(cat "$ENV/note.out")"
grep -q 'start it with the person' "$ENV/note.out" || fail "note does not say how to address a line"
lib_ctl note "$iv" "All: How the team moved billing to events in one quarter stayed with me." >/dev/null ||
	fail "note for all"
lib_ctl note "$iv" "Ada: her question about idempotent retries" >/dev/null || fail "note for Ada"
lib_ctl show "$ada" --raw | lib_body | grep -q "idempotent retries" || fail "Ada's mail lacks her note"
lib_ctl show "$ben" --raw | lib_body | grep -q "idempotent" && fail "Ben's mail has Ada's note"
lib_ctl show "$ben" --raw | lib_body | grep -q "billing to events in one quarter" ||
	fail "Ben's mail lacks the note for all"
for m in $ada $ben $chloe; do
	lib_ctl show "$m" --raw | lib_body | grep -q "pace worried" && fail "mail $m carries the private note"
done
echo "ok: notes reach the thank-yous, a person's note only theirs"

# Edit Ben's mail: the edit is what leaves, but for its Date and
# Message-ID, set when it is sent (an old Date, a hand-made id are replaced).
EDITOR="sed -i -e 's/^Hi Ben,/Dear Ben,/' -e 's/^Date: .*/Date: Mon, 04 Jan 2021 10:00:00 +0000/' \
	-e 's/^Message-ID: .*/Message-ID: <typed-by-hand@example.net>/'" lib_ctl edit "$ben" >/dev/null || fail "edit"
lib_ctl show "$ben" --raw | grep -q "^Dear Ben," || fail "the edit was not saved"
# Ada's mail failed (as if refused): retry makes it held again, due now.
sqlite3 "$ENV/state/state.db" ".timeout 5000" \
	"UPDATE outbox SET status='failed', last_error='550 refused' WHERE id=$ada" || fail "sqlite3"
lib_ctl retry "$ada" | grep -q "held, due now" || fail "retry of a failed mail"
# Cancel Chloe's; approve the rest.
lib_ctl cancel "$chloe" >/dev/null || fail "cancel"
lib_ctl approve --all >/dev/null || fail "approve --all"
lib_wait 20 '[ "$(lib_count ada@example.com)" = 1 ] && [ "$(lib_count ben@example.com)" = 1 ]' ||
	fail "approved mails did not leave (the retried one included)"
grep -q "^Dear Ben," $(mailenv files "$ENV" ben@example.com) || fail "Ben did not get the edited text"
field() { sed -n '/^\r*$/q; s/^'"$2"': *//Ip' "$1" | tr -d '\r' | head -n 1; }
got_date=$(field "$(mailenv files "$ENV" ben@example.com)" Date)
got_id=$(field "$(mailenv files "$ENV" ben@example.com)" Message-ID)
[ -n "$got_date" ] && [ $(( $(date +%s) - $(date -d "$got_date" +%s) )) -lt 300 ] ||
	fail "the edited mail left with Date: $got_date"
[ "$got_id" = "$(lib_sql "SELECT message_id FROM outbox WHERE id=$ben")" ] ||
	fail "the Message-ID sent ($got_id) is not the one recorded"
[ "$got_id" != "<typed-by-hand@example.net>" ] || fail "the hand-made Message-ID left"
echo "ok: Date and Message-ID are set when the mail leaves; the recorded id is the one sent"
lib_body <$(mailenv files "$ENV" ada@example.com) | grep -q "idempotent retries" || fail "Ada's mail lacks her note"
sleep 2
[ "$(lib_count chloe@example.com)" = 0 ] || fail "the cancelled mail left"
echo "ok: approve sends, the edit is what leaves, cancel stops it"

# Injection: a display name carrying CR LF (RFC 2047 encoded) from a mail,
# and a template value (the role) carrying CR LF.
{
	printf 'From: =?utf-8?q?Eve=0D=0ABcc=3A_carol=40example=2Eorg?= <ravi@example.com>\r\n'
	printf 'To: Jane Doe <jane@example.net>\r\nSubject: Interview confirmation: Analyst at Initech\r\n'
	printf 'Date: %s\r\nMessage-ID: <inj-1@example.com>\r\n' "$(date -R)"
	printf 'Content-Type: text/calendar; method=REQUEST; charset=utf-8\r\n\r\n'
	printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\n'
	printf 'DTSTART:%s\r\nDTEND:%s\r\n' "$(date -u -d @$((T - 3*3600)) +%Y%m%dT%H%M%SZ)" \
		"$(date -u -d @$((T - 2*3600)) +%Y%m%dT%H%M%SZ)"
	printf 'UID:inj-1@example.com\r\nSUMMARY:Interview: Analyst at Initech\r\n'
	printf 'ORGANIZER;CN="Eve\\nBcc: carol@example.org":mailto:ravi@example.com\r\n'
	printf 'ATTENDEE;CN="Mallory\\r\\nBcc: bob@example.org":mailto:ben@example.com\r\n'
	printf 'END:VEVENT\r\nEND:VCALENDAR\r\n'
} >"$ENV/inj.eml"
mailenv deliver "$ENV" jane@example.net "$ENV/inj.eml"
lib_ctl add-interview --company Initech --role $'Analyst\r\nBcc: carol@example.org' \
	--start "$(date -u -d @$((T - 5*3600)) +%Y-%m-%dT%H:%MZ)" \
	--interviewer 'Chloe Dent <chloe@example.com>' >/dev/null || fail "add-interview"
lib_wait 20 '[ "$(lib_sql "SELECT count(*) FROM outbox o JOIN applications a ON a.id=o.application_id WHERE a.company=\"Initech\" AND o.kind=\"thank_you\"")" -ge 2 ]' ||
	fail "no thank-yous for the hostile interviews"
lib_ctl approve --all >/dev/null
lib_wait 20 '[ "$(lib_count chloe@example.com)" = 1 ]' || fail "the add-interview thank-you did not leave"
sleep 3
for id in $(lib_ids "status='sent'"); do
	lib_ctl show "$id" --raw >"$ENV/m.eml"
	sed '/^\r*$/q' "$ENV/m.eml" | grep -qi "^Bcc:" && { cat "$ENV/m.eml"; fail "mail $id has a Bcc header"; }
	tr -d '\r' <"$ENV/m.eml" | grep -q "^Bcc:" && { cat "$ENV/m.eml"; fail "mail $id: a value broke a line"; }
	lib_strict "$id" || fail "mail $id is not accepted by the strict parser"
done
[ "$(lib_count carol@example.org)" = 0 ] || fail "injection: carol got mail"
[ "$(lib_count bob@example.org)" = 0 ] || fail "injection: bob got mail"
echo "ok: header injection through a display name and a template value fails"
lib_daemon_stop || fail "followupd did not exit 0 on TERM"
echo PASS
