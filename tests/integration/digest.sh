#!/bin/bash
# The review digest and approval by reply (issue 14, items 2 and 3).  Review
# mode: the digest reaches the user at once, lists every waiting mail in
# full and, at its end, a job mail followupd could not place, passes the
# strict parser, is never copied to Sent and is not taken
# in as job mail when it comes back in INBOX.  A reply "approve A B" from
# the user in the digest's thread sends exactly those two (read at the
# recipients' mailboxes) and an answer comes back in the thread.  Refused,
# with nothing sent: the same reply from another address, one outside the
# digest's thread, one naming a mail the digest did not list, one whose
# Authentication-Results says dmarc=fail, the same reply delivered twice, a
# second reply to the same digest.  followupctl log shows each decision.
set -u
. "$top_srcdir/tests/lib/lib.sh"

lib_start
LIB_DIGEST=true LIB_DIGEST_EVERY=1d lib_config "$ENV/followupd.conf" review
T=$(date +%s)
lib_invite "$ENV/inv.eml" digest-1@google.com 0 "@$((T - 3*3600))" "@$((T - 2*3600))" REQUEST \
	"Ada Brooks:ada@example.com,Ben Carter:ben@example.com,Chloe Dent:chloe@example.com" inv-d1@example.com
mailenv deliver "$ENV" jane@example.net "$ENV/inv.eml"
# A job mail without an interview time: not placed, listed at the end.
{
	printf 'From: Ravi Menon <ravi@initech.example>\r\nTo: Jane Doe <jane@example.net>\r\n'
	printf 'Subject: Next steps: Analyst role at Initech\r\nDate: %s\r\n' "$(date -R)"
	printf 'Message-ID: <next-d1@initech.example>\r\nMIME-Version: 1.0\r\n'
	printf 'Content-Type: text/plain; charset=utf-8\r\n\r\n'
	printf 'Hi Jane,\r\n\r\nFollowing our call about the Analyst position, we would like to\r\n'
	printf 'invite you to an interview with Ada Brooks: we will meet after the\r\n'
	printf 'quarter closes, the Thursday after next, in the afternoon.\r\n\r\nRavi Menon\r\n'
} >"$ENV/next.eml"
mailenv deliver "$ENV" jane@example.net "$ENV/next.eml"
lib_daemon_start
lib_wait 20 '[ "$(lib_sql "SELECT count(*) FROM outbox WHERE status=\"held\" AND kind=\"thank_you\"")" -ge 3 ]' ||
	fail "the thank-yous are not held for review"
held_at=$(date +%s)

# The digest: in jane's INBOX within seconds (digest_every has never run).
digest_file() {
	lib_mail_find jane@example.net '^Subject: .*followupd: [0-9]* mails wait for you' "$ENV/digest.eml"
}
lib_wait 30 'D=$(digest_file)' || fail "no digest arrived: $(lib_sql "SELECT * FROM digests")"
echo "ok: the digest arrived $(( $(date +%s) - held_at )) s after the mails started waiting"
python3 "$top_srcdir/tests/lib/compose-strict.py" --stored --fold "$D" || fail "the digest is not strict RFC 5322"
dmsgid=$(sed -n '/^\r*$/q; s/^Message-ID: *//Ip' "$D" | tr -d '\r')
[ "$dmsgid" = "$(lib_sql "SELECT message_id FROM digests WHERE answers IS NULL")" ] ||
	fail "the digest's Message-ID $dmsgid is not the one recorded"
# 160 random bits: 32 base32 characters before the @.
echo "$dmsgid" | grep -Eq '^<[a-z2-7]{32}@example\.net>$' || fail "digest Message-ID $dmsgid"
lib_body <"$D" >"$ENV/digest.txt"; [ -n "${LIB_KEEP:-}" ] && mkdir -p "$LIB_KEEP" && cp "$D" "$ENV/digest.txt" "$LIB_KEEP/"
waiting=$(lib_ids "status='held'")
[ -n "$waiting" ] || fail "nothing waits"
for id in $waiting; do
	grep -q "^Mail $id: " "$ENV/digest.txt" || fail "the digest does not list mail $id"
	to=$(lib_sql "SELECT recipient_email FROM outbox WHERE id=$id")
	grep -q "^To: .*$to" "$ENV/digest.txt" || fail "the digest lacks the To of mail $id"
	lib_ctl show "$id" --raw | lib_body | head -n 3 | while IFS= read -r line; do
		[ -z "$line" ] || grep -qF -- "$line" "$ENV/digest.txt" || fail "mail $id's text is not in the digest: $line"
	done || exit 1
done
for w in "approve all" "send 4 now" "followupctl approve" "Due:" "Latest:" "found late"; do
	grep -q "$w" "$ENV/digest.txt" || fail "the digest lacks \"$w\""
done
[ "$(lib_sql "SELECT count(*) FROM digest_mails")" = "$(echo "$waiting" | wc -w)" ] ||
	fail "the digest's listed mails are not recorded"
grep -q "^1 job mail I could not place: no interview time found" "$ENV/digest.txt" &&
	grep -q "^  [0-9]*  .*Ravi Menon <ravi@initech.example>$" "$ENV/digest.txt" &&
	grep -q "^      Next steps: Analyst role at Initech$" "$ENV/digest.txt" ||
	fail "the digest does not list the job mail not placed"
echo "ok: the digest lists every waiting mail in full, with the commands, and the job mail not placed"

# Back in INBOX, it is followupd's own: not job mail.
lib_wait 20 '[ "$(lib_sql "SELECT kind FROM messages_seen WHERE message_id=\"$dmsgid\"")" = digest ]' ||
	fail "the digest in INBOX was not recognised as followupd's own"
[ "$(lib_sql "SELECT count(*) FROM interviews")" = 1 ] || fail "the digest made an interview"
[ "$(lib_count jane@example.net Sent)" = 0 ] || fail "the digest was copied to Sent"
echo "ok: the digest is never copied to Sent nor taken in as job mail"

ada=$(lib_ids "recipient_email='ada@example.com' AND kind='thank_you'")
ben=$(lib_ids "recipient_email='ben@example.com' AND kind='thank_you'")
chloe=$(lib_ids "recipient_email='chloe@example.com' AND kind='thank_you'")

# reply FILE MSGID FROM IN-REPLY-TO BODY [EXTRA-HEADER]
reply() {
	{
		[ -n "${6:-}" ] && printf '%s\r\n' "$6"
		printf 'From: %s\r\nTo: Jane Doe <jane@example.net>\r\n' "$3"
		printf 'Subject: Re: followupd: mails wait for you\r\nDate: %s\r\n' "$(date -R)"
		printf 'Message-ID: <%s>\r\n' "$2"
		[ -n "$4" ] && printf 'In-Reply-To: %s\r\nReferences: %s\r\n' "$4" "$4"
		printf 'MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n'
		printf '%s\r\n\r\n-- \r\nJane\r\n\r\nOn Monday followupd wrote:\r\n> approve all\r\n' "$5"
	} >"$1"
}
seen() { lib_sql "SELECT kind || ' ' || outcome FROM messages_seen WHERE message_id='<$1>'"; }
counts() { echo "$(lib_count ada@example.com) $(lib_count ben@example.com) $(lib_count chloe@example.com) $(lib_count ravi@example.com)"; }

# The user's reply: exactly the two named mails leave.
reply "$ENV/r1.eml" r1@example.net "Jane Doe <jane@example.net>" "$dmsgid" "approve $ada $ben"
mailenv deliver "$ENV" jane@example.net "$ENV/r1.eml"
lib_wait 30 '[ "$(lib_count ada@example.com)" = 1 ] && [ "$(lib_count ben@example.com)" = 1 ]' ||
	fail "the approved mails did not leave: $(seen r1@example.net)"
sleep 3
[ "$(counts)" = "1 1 0 0" ] || fail "not exactly the two approved mails left: $(counts)"
answer_file() {
	lib_mail_find jane@example.net "^In-Reply-To: <$1>" "$ENV/answer-$1.eml"
}
lib_wait 20 'A=$(answer_file r1@example.net)' || fail "no answer to the reply came back"
python3 "$top_srcdir/tests/lib/compose-strict.py" --stored --fold "$A" || fail "the answer is not strict RFC 5322"
grep -q "^References: .*$dmsgid" "$A" || fail "the answer is not in the digest's thread"
lib_body <"$A" | grep -q "Done: approve $ada\." || fail "the answer does not say what was done: $(lib_body <"$A")"
lib_body <"$A" | grep -q "Done: approve $ben\." || fail "the answer does not name mail $ben"
echo "ok: a reply 'approve $ada $ben' sent exactly those two, and the answer came back in the thread"

# refuse NAME FILE MSGID: delivered, read, refused; nothing more sent.
refuse() {
	mailenv deliver "$ENV" jane@example.net "$2"
	lib_wait 20 '[ -n "$(seen '"$3"')" ]' || fail "$1: the reply was not read"
	sleep 2
	[ "$(counts)" = "1 1 0 0" ] || fail "$1: a mail left: $(counts)"
	[ "$(lib_sql "SELECT status FROM outbox WHERE id=$chloe")" = held ] || fail "$1: Chloe's mail moved"
	echo "ok: refused, nothing sent: $1 ($(seen "$3"))"
}
reply "$ENV/r2.eml" r2@example.net "Mallory <mallory@example.com>" "$dmsgid" "approve $chloe"
refuse "the same reply from another address" "$ENV/r2.eml" r2@example.net
reply "$ENV/r3.eml" r3@example.net "Jane Doe <jane@example.net>" "" "approve $chloe"
refuse "a reply outside the digest's thread" "$ENV/r3.eml" r3@example.net
reply "$ENV/r4.eml" r4@example.net "Jane Doe <jane@example.net>" "<not-a-digest@example.net>" "approve $chloe"
refuse "a reply in another thread" "$ENV/r4.eml" r4@example.net
reply "$ENV/r5.eml" r5@example.net "Jane Doe <jane@example.net>" "$dmsgid" "approve $chloe 9999"
refuse "a reply naming a mail the digest did not list" "$ENV/r5.eml" r5@example.net
reply "$ENV/r6.eml" r6@example.net "Jane Doe <jane@example.net>" "$dmsgid" "approve $chloe" \
	"Authentication-Results: mx.example.net; dkim=none; spf=pass smtp.mailfrom=example.net; dmarc=fail header.from=example.net"
refuse "a reply whose Authentication-Results says dmarc=fail" "$ENV/r6.eml" r6@example.net
# The first reply again (a copy delivered twice), then a second reply.
mailenv deliver "$ENV" jane@example.net "$ENV/r1.eml"
lib_wait 20 '[ "$(lib_sql "SELECT count(*) FROM messages_seen WHERE message_id=\"<r1@example.net>\"")" = 2 ]' ||
	fail "the second copy was not read"
sleep 2
[ "$(counts)" = "1 1 0 0" ] || fail "the reply delivered twice sent again: $(counts)"
grep -q "<r1@example.net> was already handled; skipped" "$ENV/daemon.log" ||
	fail "the second copy of the reply was not skipped"
echo "ok: refused, nothing sent: the same reply delivered twice"
reply "$ENV/r7.eml" r7@example.net "Jane Doe <jane@example.net>" "$dmsgid" "approve $ada $ben"
refuse "a second reply to the same digest" "$ENV/r7.eml" r7@example.net
[ "$(lib_sql "SELECT count(*) FROM digest_applied")" = 2 ] || fail "a reply acted twice on a mail"
# Every reply read in the thread is answered (to the user alone): r1, r2,
# r5, r6, r7 (the second copy of r1 is skipped by its Message-ID).
lib_wait 20 '[ "$(lib_sql "SELECT count(*) FROM digests WHERE answers IS NOT NULL AND sent_at IS NOT NULL")" = 5 ]' ||
	fail "not every reply in the thread was answered: $(lib_sql "SELECT id, answers, sent_at FROM digests")"

# followupctl log: each decision with its reason.
lib_ctl log >"$ENV/log.out" || fail "followupctl log"
for want in "digest 1 sent to jane@example.net" "mail $ada: approve by reply to digest 1" \
	"mail $ben: approve by reply to digest 1" "from mallory@example.com refused: it is not from one of your addresses" \
	"mail <r3@example.net> from jane@example.net refused: it is in no digest's thread" \
	"refused: mail 9999 was not in this digest" "refused: your provider's sender checks refused it (dmarc=fail)" \
	"mail $ada: approve by reply to digest 1 refused: an earlier reply to this digest already acted on it"; do
	grep -qF "$want" "$ENV/log.out" || { cat "$ENV/log.out"; fail "followupctl log lacks: $want"; }
done
grep -q "reply <r2@example.net>.*ignored: it is not from one of your addresses" "$ENV/daemon.log" ||
	fail "the refusal is not logged at warning level"
echo "ok: followupctl log shows each decision with its reason"
[ "$(lib_count jane@example.net Sent)" = 2 ] || fail "Sent holds $(lib_count jane@example.net Sent), not the 2 sent mails"
for f in $(mailenv files "$ENV" jane@example.net Sent); do
	grep -q 'followupd: .*wait for you\|your reply to the digest' "$f" && fail "a digest mail is in Sent"
done
lib_daemon_stop || fail "followupd did not exit 0 on TERM"
echo PASS
