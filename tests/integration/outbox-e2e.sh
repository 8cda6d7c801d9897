#!/bin/bash
# From an invite in the INBOX to thank-you mails in the interviewers'
# mailboxes, through the real Dovecot and Postfix; then a reschedule, a
# cancellation, a reply from the company and a rejection.
set -u
. "$top_srcdir/tests/lib/lib.sh"

lib_start
lib_config "$ENV/followupd.conf" auto 'references = ( { name = "Bob Smith"; email = "bob@example.org"; } );'
T=$(date +%s)    # every time below is relative to this one
lib_daemon_start
lib_wait 10 'grep -q "IMAP: connected" "$ENV/daemon.log"' || fail "no IMAP connection"

# 1. An interview that ended two hours ago: thank-yous are due now.  It
# was over before followupd saw it, so they wait "found late" until the
# user approves them (tests/integration/hold-late.sh shows they wait).
lib_invite "$ENV/inv1.eml" acme-1@google.com 0 "@$((T - 3*3600))" "@$((T - 2*3600))" REQUEST \
	"Ada Brooks:ada@example.com,Ben Carter:ben@example.com" invite-1@example.com
mailenv deliver "$ENV" jane@example.net "$ENV/inv1.eml"
lib_approve_late 3
for u in ada@example.com ben@example.com ravi@example.com; do
	lib_wait 20 '[ "$(lib_count $u)" = 1 ]' || fail "$u has $(lib_count $u) mails, want 1"
done
echo "ok: one thank-you in each interviewer's mailbox"
lib_wait 10 '[ "$(lib_count jane@example.net Sent)" -ge 4 ]' ||
	fail "Sent has $(lib_count jane@example.net Sent) copies, want 4 (3 thank-yous, 1 reflection)"
lib_wait 10 '[ "$(lib_count jane@example.net)" = 2 ]' || fail "no reflection prompt in jane's INBOX"
echo "ok: copies in Sent, reflection prompt to the user"
grep -q "Hi Ada," "$(mailenv files "$ENV" ada@example.com)" || fail "Ada's mail does not greet Ada"
grep -q "Hi Ben," "$(mailenv files "$ENV" ben@example.com)" || fail "Ben's mail does not greet Ben"
for id in $(lib_ids "status='sent'"); do
	lib_strict "$id" || fail "mail $id is not accepted by Python's strict email parser"
done
echo "ok: every sent mail passes Python's email package with policy strict"

# The interview is over: the daemon marks it done, with an audit event.
lib_wait 10 '[ "$(lib_sql "SELECT status FROM interviews WHERE event_uid = '"'acme-1@google.com'"'")" = done ]' ||
	fail "the past interview is not done ($(lib_sql "SELECT status FROM interviews"))"
lib_ctl interviews --all | grep -q "done" || fail "followupctl interviews --all does not show it done"
[ "$(lib_sql "SELECT count(*) FROM events WHERE kind = 'done'")" = 1 ] || fail "no single 'done' event"
echo "ok: the past interview is marked done"

# The nudge waits, and replies into the recruiter's thread.
nudge=$(lib_ids "kind='status_nudge' AND nth=1")
[ -n "$nudge" ] || fail "no status nudge planned"
lib_ctl show "$nudge" --raw >"$ENV/nudge.eml"
grep -q '^In-Reply-To: <invite-1@example.com>' "$ENV/nudge.eml" || fail "nudge lacks In-Reply-To"
grep -q '^References: <invite-1@example.com>' "$ENV/nudge.eml" || fail "nudge lacks References"
grep -q '^Subject: Re: Invitation: Interview' "$ENV/nudge.eml" || fail "nudge subject is not Re: the thread"
lib_strict "$nudge" || fail "the nudge is not accepted by the strict parser"
echo "ok: the nudge replies into the thread (In-Reply-To, References, Re:)"
# Final round?  No: no reference warning for this one (when = final).
[ -z "$(lib_ids "kind='reference_warning'")" ] || fail "reference warning for a non-final interview"

# 2. A future interview: pending thank-yous move with a reschedule.
lib_invite "$ENV/inv2.eml" acme-2@google.com 0 "@$((T + 2*86400))" "@$((T + 2*86400 + 3600))" REQUEST \
	"Chloe Dent:chloe@example.com" invite-2@example.com
mailenv deliver "$ENV" jane@example.net "$ENV/inv2.eml"
lib_wait 20 '[ -n "$(lib_ids "recipient_email=\"chloe@example.com\" AND kind=\"thank_you\"")" ]' ||
	fail "no thank-you planned for the second interview"
ty=$(lib_ids "recipient_email='chloe@example.com' AND kind='thank_you'")
due1=$(lib_sql "SELECT due FROM outbox WHERE id=$ty")
lib_invite "$ENV/inv2b.eml" acme-2@google.com 1 "@$((T + 3*86400))" "@$((T + 3*86400 + 3600))" REQUEST \
	"Chloe Dent:chloe@example.com" invite-2b@example.com
mailenv deliver "$ENV" jane@example.net "$ENV/inv2b.eml"
lib_wait 20 '[ "$(lib_sql "SELECT due FROM outbox WHERE id=$ty")" != "$due1" ]' ||
	fail "the thank-you did not move with the interview"
due2=$(lib_sql "SELECT due FROM outbox WHERE id=$ty")
[ $((due2 - due1)) -eq 86400 ] || fail "moved by $((due2 - due1)) s, want 86400"
echo "ok: a reschedule moves the pending mails by a day"

# A stale update (lower SEQUENCE) changes nothing.
lib_invite "$ENV/inv2c.eml" acme-2@google.com 0 "@$((T + 5*86400))" "@$((T + 5*86400 + 3600))" REQUEST \
	"Chloe Dent:chloe@example.com" invite-2c@example.com
mailenv deliver "$ENV" jane@example.net "$ENV/inv2c.eml"
lib_wait 20 '[ "$(lib_sql "SELECT count(*) FROM messages_seen WHERE message_id=\"<invite-2c@example.com>\"")" = 1 ]' ||
	fail "stale update not seen"
[ "$(lib_sql "SELECT due FROM outbox WHERE id=$ty")" = "$due2" ] || fail "a stale update moved the mails"
echo "ok: a stale update (lower SEQUENCE) is ignored"

# 3. The cancellation cancels them.
lib_invite "$ENV/inv2d.eml" acme-2@google.com 2 "@$((T + 3*86400))" "@$((T + 3*86400 + 3600))" CANCEL \
	"Chloe Dent:chloe@example.com" invite-2d@example.com
mailenv deliver "$ENV" jane@example.net "$ENV/inv2d.eml"
lib_wait 20 '[ "$(lib_sql "SELECT status FROM outbox WHERE id=$ty")" = cancelled ]' ||
	fail "the thank-you was not cancelled with the interview"
[ "$(lib_sql "SELECT count(*) FROM outbox o JOIN interviews i ON o.interview_id=i.id WHERE i.event_uid='acme-2@google.com' AND o.status NOT IN ('cancelled')")" = 0 ] ||
	fail "mails of the cancelled interview are still waiting"
echo "ok: a cancellation cancels every pending mail of the interview"

# 4. A reply from the recruiter cancels the nudges of the first interview.
{
	printf 'From: Ravi Menon <ravi@example.com>\r\nTo: Jane Doe <jane@example.net>\r\n'
	printf 'Subject: Re: Invitation: Interview: Jane Doe - Platform Engineer @ Acme\r\n'
	printf 'Date: %s\r\nMessage-ID: <reply-1@example.com>\r\n' "$(date -R)"
	printf 'In-Reply-To: <invite-1@example.com>\r\nReferences: <invite-1@example.com>\r\n'
	printf 'Content-Type: text/plain; charset=utf-8\r\n\r\n'
	printf 'Hi Jane, thanks for your patience. The team is still meeting candidates;\r\n'
	printf 'I will let you know as soon as I hear more.\r\n\r\nRavi\r\n'
} >"$ENV/reply.eml"
mailenv deliver "$ENV" jane@example.net "$ENV/reply.eml"
lib_wait 20 '[ "$(lib_sql "SELECT status FROM outbox WHERE id=$nudge")" = cancelled ]' ||
	fail "the reply did not cancel the nudge ($(lib_sql "SELECT status FROM outbox WHERE id=$nudge"))"
echo "ok: a reply from the company cancels the nudge"

# 5. A rejection schedules the feedback request.
{
	printf 'From: Ravi Menon <ravi@example.com>\r\nTo: Jane Doe <jane@example.net>\r\n'
	printf 'Subject: Your application to Acme\r\n'
	printf 'Date: %s\r\nMessage-ID: <reject-1@example.com>\r\n' "$(date -R)"
	printf 'In-Reply-To: <invite-1@example.com>\r\n'
	printf 'Content-Type: text/plain; charset=utf-8\r\n\r\n'
	printf 'Dear Jane,\r\n\r\nThank you for interviewing for the Platform Engineer role.\r\n'
	printf 'Unfortunately, we have decided not to move forward with your application.\r\n'
	printf 'We wish you the best in your search.\r\n\r\nRavi Menon\r\nAcme\r\n'
} >"$ENV/reject.eml"
mailenv deliver "$ENV" jane@example.net "$ENV/reject.eml"
lib_wait 20 '[ -n "$(lib_ids "kind=\"feedback_request\"")" ]' || fail "no feedback request after the rejection"
fb=$(lib_ids "kind='feedback_request'")
[ "$(lib_sql "SELECT recipient_email FROM outbox WHERE id=$fb")" = ravi@example.com ] ||
	fail "the feedback request is not addressed to the recruiter"
[ "$(lib_sql "SELECT status FROM applications WHERE company='Acme' AND role='Platform Engineer'")" = rejected ] ||
	fail "the application is not marked rejected"
lib_strict "$fb" || fail "the feedback request is not accepted by the strict parser"
echo "ok: a rejection marks the application and schedules a feedback request"

# Nothing was sent twice: one Message-ID per mailbox file.
for u in ada@example.com ben@example.com ravi@example.com chloe@example.com; do
	n=$(mailenv files "$ENV" "$u" | xargs -r grep -h '^Message-ID:' | sort | uniq -d | wc -l)
	[ "$n" = 0 ] || fail "$u received a message twice"
done
lib_daemon_stop || fail "followupd did not exit 0 on TERM"
echo PASS
