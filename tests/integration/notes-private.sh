#!/bin/bash
# The user's notes are private (issue 16): the reply to the reflection
# prompt holds private words and one line for Ada.  Through the real
# Dovecot and Postfix, in auto mode: no mail to anyone else carries a
# private word, Ada's thank-you carries her line, nobody else's does, and
# followupctl show and log say which of the user's words went where.
set -u
. "$top_srcdir/tests/lib/lib.sh"

lib_start
lib_config "$ENV/followupd.conf" auto '
thank_you = { after = "45s"; };
reflection = { after = "0"; again = "0"; };
status_nudge = { enabled = false; };'
lib_daemon_start
lib_wait 10 'grep -q "IMAP: connected" "$ENV/daemon.log"' || fail "no IMAP connection"

# An interview under way, ending in a few seconds: the reflection prompt
# goes at its end, the thank-yous 45 s later.  The clock starts once the
# daemon is connected, so a slow start (a loaded machine, the sanitizer
# build) cannot leave the interview over before its invite is read.
# Ada's thank-you says "today": the interview and the mail on one day of
# the user's zone (Europe/London), not across its midnight.
sod() { echo $(( $1 - $(TZ=Europe/London date -d "$(TZ=Europe/London date -d "@$1" +%F)" +%s) )); }
s=$(sod "$(date +%s)")
[ "$s" -lt $((86400 - 300)) ] || sleep $((86400 - s + 5))
T=$(date +%s)
s=$(sod "$T")
S=$((T - (s < 1800 ? s - 1 : 1800)))
lib_invite "$ENV/inv.eml" notes-1@google.com 0 "@$S" "@$((T + 8))" REQUEST \
	"Ada Brooks:ada@example.com,Ben Carter:ben@example.com" invite-notes@example.com
mailenv deliver "$ENV" jane@example.net "$ENV/inv.eml"
lib_wait 30 '[ "$(lib_count jane@example.net)" = 2 ]' || fail "no reflection prompt in jane's INBOX"
lib_wait 10 'prompt=$(lib_mail_find jane@example.net "^Subject: Reflection" "$ENV/prompt.eml")' ||
	fail "the reflection prompt is not in jane's INBOX"
lib_body <"$prompt" >"$ENV/prompt.txt"
grep -q "Your answers are private" "$ENV/prompt.txt" || fail "the prompt does not say the answers are private"
grep -q '"All:"' "$ENV/prompt.txt" || fail "the prompt does not explain All:"
pid=$(sed -n 's/^Message-ID: *//Ip' "$prompt" | tr -d '\r' | head -n 1)
[ -n "$pid" ] || fail "the prompt has no Message-ID"
echo "ok: the reflection prompt says the answers are private and how to address a line"

# The user's honest answers, with one line for Ada.
{
	printf 'From: Jane Doe <jane@example.net>\r\nTo: Jane Doe <jane@example.net>\r\n'
	printf 'Subject: Re: Reflection: Acme\r\nDate: %s\r\n' "$(date -R)"
	printf 'Message-ID: <answer-%s@example.net>\r\nIn-Reply-To: %s\r\nReferences: %s\r\n' "$T" "$pid" "$pid"
	printf 'MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n'
	printf '1. They asked about retries. I fumbled the idempotency question.\r\n'
	printf '5. Ben seemed burnt out; the pace gave me pause.\r\n'
	printf 'Ada: Your point about idempotent retries has stayed with me.\r\n'
	printf '\r\nOn Wed, Jane Doe wrote:\r\n> Which questions were you asked?\r\n'
} >"$ENV/answer.eml"
mailenv deliver "$ENV" jane@example.net "$ENV/answer.eml"
lib_wait 20 'grep -q "notes added to interview" "$ENV/daemon.log"' || fail "the reply did not become notes"
grep -q "notes added to interview [0-9]* from your reply (1 line for Ada Brooks, 2 private)" "$ENV/daemon.log" ||
	fail "the log does not say who may read the notes: $(grep 'notes added' "$ENV/daemon.log")"
echo "ok: the reply became notes: 1 line for Ada, 2 private"

# Every thank-you goes; read what actually arrived.
for u in ada@example.com ben@example.com ravi@example.com; do
	lib_wait 90 '[ "$(lib_count $u)" = 1 ]' || fail "$u has $(lib_count $u) mails, want 1"
done
for u in ada@example.com ben@example.com ravi@example.com; do
	f=$(mailenv files "$ENV" "$u")
	lib_body <"$f" >"$ENV/$u.txt"
	for w in "retries. I" fumbled idempotency "burnt out" "gave me pause" "They asked"; do
		! grep -q "$w" "$ENV/$u.txt" || fail "the private words \"$w\" reached $u:
$(cat "$ENV/$u.txt")"
	done
done
grep -q "Your point about idempotent retries has stayed with me." "$ENV/ada@example.com.txt" ||
	fail "Ada's thank-you lacks her line: $(cat "$ENV/ada@example.com.txt")"
for u in ben@example.com ravi@example.com; do
	! grep -q "idempotent retries" "$ENV/$u.txt" || fail "Ada's line reached $u"
done
grep -q "arranging my interview" "$ENV/ravi@example.com.txt" ||
	fail "the organiser (not on the panel) is not thanked for arranging: $(cat "$ENV/ravi@example.com.txt")"
! grep -q "talking with me" "$ENV/ravi@example.com.txt" || fail "the organiser is thanked for talking"
grep -q "talking with me today" "$ENV/ada@example.com.txt" || fail "a same-day thank-you does not say today"
grep -q "good to meet Ben as well" "$ENV/ada@example.com.txt" || fail "Ada's mail does not name Ben by first name"
echo "ok: no private word left; Ada's line in her mail alone; the organiser thanked for arranging"

# show marks the user's words; the log names them.
ada=$(lib_ids "recipient_email='ada@example.com' AND kind='thank_you'")
lib_ctl show "$ada" | grep -q "^#   > Your point about idempotent retries" || fail "show does not mark Ada's line"
lib_ctl show "$(lib_ids "recipient_email='ben@example.com' AND kind='thank_you'")" |
	grep -q "Your own words" && fail "show marks words in Ben's mail, which carries none"
lib_ctl log | grep -q "to ada@example.com carried your words: Your point about idempotent" ||
	fail "the log does not say which words went to Ada"
[ "$(lib_sql "SELECT count(*) FROM events WHERE kind='words'")" = 1 ] ||
	fail "words events: $(lib_sql "SELECT count(*) FROM events WHERE kind='words'"), want 1 (Ada's)"
echo "ok: followupctl show marks the user's words, followupctl log names them"
lib_daemon_stop || fail "the daemon did not stop cleanly"
