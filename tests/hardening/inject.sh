#!/bin/bash
# inject.sh: no field from a mail or from the config can add a header or a
# recipient to the mails followupd sends.
#
# Hostile values: CR LF (as RFC 2047 encoded words, iCalendar "\n" escapes
# and RFC 6868 "^n") in the From display name, Reply-To, Subject (which
# becomes the nudge's "Re:" subject, and the role/company), ORGANIZER CN,
# ATTENDEE CN, SUMMARY, a folded Message-ID (the nudge's In-Reply-To), the
# company and role of a plain-text invitation; address-list specials
# (, < > " @) in names from the mail and from the config (me.name,
# reference name, relationship, highlight); an SMTP "smuggling" attempt
# (lines ".", "MAIL FROM", "RCPT TO") in me.signature and in a note; notes
# with CR LF.  Templates put every variable into the Subject, and
# contact.email into Cc.  CR LF in a config value is refused by followupd -n
# (exit 78, naming the setting).
#
# Checked: every mail in the outbox (sent or not) has exactly one From,
# To, Subject..., no Bcc or X-Injected header, only addresses from the
# interview or the config in From/To/Cc, and passes Python's strict email
# parser; the mails that arrived (every mailbox) have no X-Injected or Bcc
# header; carol@example.org, named only by the hostile values, gets nothing.
set -u
. "$top_srcdir/tests/lib/lib.sh"

lib_start
CONF=$ENV/followupd.conf
checks=0
ok() { checks=$((checks + 1)); echo "ok $checks - $*"; }
EVIL=carol@example.org

# ---- 1. CR LF in config values is refused ---------------------------------
cat >"$ENV/bad.conf" <<CONF
me = { name = "Jane\\r\\nBcc: $EVIL"; addresses = ["jane@example.net\\r\\nBcc: $EVIL"];
       timezone = "Europe/London"; signature = "Jane\\r\\nBcc: $EVIL"; };
imap = { url = "imap://127.0.0.1:$IMAP_PORT"; user = "jane@example.net"; password = "x"; };
state_dir = "$ENV/bad-state";
references = ( { name = "Bob\\r\\nBcc: $EVIL"; email = "bob@example.org\\r\\nBcc: $EVIL";
                 relationship = "boss\\nX-Injected: rel"; highlight = "x\\r\\nBcc: $EVIL"; } );
CONF
chmod 600 "$ENV/bad.conf"
"$FOLLOWUPD" -n -c "$ENV/bad.conf" >"$ENV/bad.out" 2>&1
rc=$?
[ "$rc" = 78 ] || fail "CR LF in config values: followupd -n exits $rc, want 78"
for k in me.name 'me.addresses' me.signature 'references\[1\].name' 'references\[1\].email' \
	'references\[1\].relationship' 'references\[1\].highlight'; do
	grep -q "bad.conf:[0-9]*: $k" "$ENV/bad.out" || fail "CR LF in $k is not refused: $(cat "$ENV/bad.out")"
done
ok "CR LF in me.name, me.addresses, me.signature, reference name, email, relationship, highlight: refused (78)"

# ---- 2. hostile but legal config values, hostile templates -----------------
mkdir -p "$ENV/tmpl"
vars_all='{{company}} | {{role}} | {{me.name}} | {{interviewers}} | {{interview.date}}'
cat >"$ENV/tmpl/thank_you.tmpl" <<T
Subject: TY {{interviewer.name}} | {{contact.name}} | {{others}} | {{notes}} | {{interviewer.notes}} | $vars_all
Cc: {{contact.email}}

Hi {{interviewer.name}} <{{interviewer.email}}>, {{company}} {{role}}
{{notes}}
{{interviewer.notes}}
{{me.signature}}
T
cat >"$ENV/tmpl/thank_you_contact.tmpl" <<T
Subject: TYC {{contact.name}} | {{notes}} | $vars_all

Hi {{contact.name}}, {{company}} {{role}} {{notes}}
{{me.signature}}
T
cat >"$ENV/tmpl/reference_warning.tmpl" <<T
Subject: RW {{reference.name}} | {{reference.relationship}} | {{reference.highlight}} | {{companies}} | $vars_all

Hi {{reference.name}}, {{reference.relationship}}, {{reference.highlight}}
{{me.signature}}
T
cat >"$ENV/tmpl/status_nudge.tmpl" <<T
Subject: SN {{contact.name}} | {{nth}} | {{notes}} | $vars_all
Cc: {{contact.email}}

Hi {{contact.name}}, {{company}} {{role}} {{notes}}
{{me.signature}}
T
cat >"$ENV/tmpl/reflection.tmpl" <<T
Subject: RF {{notes}} | $vars_all

{{company}} {{role}} {{notes}} {{interviewers}}
T
cat >"$ENV/tmpl/feedback_request.tmpl" <<T
Subject: FR {{contact.name}} | {{notes}} | $vars_all
Cc: {{contact.email}}

Hi {{contact.name}}, {{company}} {{role}}
{{me.signature}}
T

lib_config "$CONF" review "references = ( { name = \"Bob Smith, Carol <$EVIL>\"; email = \"bob@example.org\";
                 relationship = \"my manager; Bcc: $EVIL\"; highlight = \"\\\"billing\\\" <$EVIL>, migration\"; } );
reference_warning = { when = \"always\"; after = \"0\"; };
status_nudge = { after = \"1s\"; };"
sed -i -e "s|^me = .*|me = { name = \"Jane \\\\\"Doe\\\\\", <$EVIL>\"; addresses = [\"jane@example.net\"];|" \
	-e "s|signature = \"Jane Doe\"|signature = \"Jane Doe\\\\n.\\\\nMAIL FROM:<jane@example.net>\\\\nRCPT TO:<$EVIL>\\\\nDATA\\\\nX-Injected: smuggled\\\\n\\\\nhi\\\\n.\\\\nQUIT\"|" \
	-e "s|^templates_dir = .*|templates_dir = \"$ENV/tmpl\";|" "$CONF"
"$FOLLOWUPD" -n -c "$CONF" >"$ENV/check.out" 2>&1 || fail "the hostile but legal config is refused: $(cat "$ENV/check.out")"

# ---- 3. hostile mails ------------------------------------------------------
T=$(date +%s)
S=$(date -u -d @$((T - 3*3600)) +%Y%m%dT%H%M%SZ)
E=$(date -u -d @$((T - 2*3600)) +%Y%m%dT%H%M%SZ)
{
	printf 'From: =?utf-8?q?Ravi=0D=0ABcc=3A_carol=40example=2Eorg=0D=0AX-Injected=3A_from?= <ravi@example.com>\r\n'
	printf 'Reply-To: =?utf-8?q?Ravi_M=0D=0AX-Injected=3A_replyto=0D=0ABcc=3A_carol=40example=2Eorg?= <ravi@example.com>\r\n'
	printf 'To: Jane Doe <jane@example.net>\r\n'
	printf 'Subject: =?utf-8?q?Invitation=3A_Interview=3A_Jane_Doe_-_Platform_Engineer=0D=0ABcc=3A_carol=40example=2Eorg_=40_Acme?=\r\n'
	printf 'Date: %s\r\nMessage-ID: <inj-1@example.com>\r\n Bcc: carol@example.org\r\n' "$(date -R)"
	printf 'MIME-Version: 1.0\r\nContent-Type: text/calendar; method=REQUEST; charset=utf-8\r\n\r\n'
	printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\n'
	printf 'METHOD:REQUEST\r\nBEGIN:VEVENT\r\nDTSTART:%s\r\nDTEND:%s\r\n' "$S" "$E"
	printf 'UID:inj-1@google.com\r\nSEQUENCE:0\r\n'
	printf 'SUMMARY:Interview: Jane Doe - Platform Engineer\\nBcc: carol@example.org\\r\\nX-Injected: summary\r\n'
	printf 'ORGANIZER;CN="Ravi Menon^nBcc: carol@example.org":mailto:ravi@example.com\r\n'
	printf 'ATTENDEE;CN="Ada Brooks^nX-Injected: cn^nBcc: carol@example.org";ROLE=REQ-PARTICIPANT:mailto:ada@example.com\r\n'
	printf 'ATTENDEE;CN="Ben, Carol <carol@example.org>";ROLE=REQ-PARTICIPANT:mailto:ben@example.com\r\n'
	printf 'ATTENDEE;CN=Jane Doe;ROLE=REQ-PARTICIPANT:mailto:jane@example.net\r\n'
	printf 'STATUS:CONFIRMED\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n'
} >"$ENV/inj1.eml"
# A plain-text invitation: company and role come from the prose.
{
	printf 'From: "Chloe Dent, Carol" <chloe@example.com>\r\n'
	printf 'Reply-To: =?utf-8?b?%s?= <chloe@example.com>\r\n' "$(printf 'Chloe\r\nBcc: carol@example.org' | base64 -w 0)"
	printf 'To: Jane Doe <jane@example.net>\r\n'
	printf 'Subject: =?utf-8?q?Interview_confirmation=3A_Data=0D=0AX-Injected=3A_role_Analyst_at_Initech?=\r\n'
	printf 'Date: %s\r\nMessage-ID: <inj-2@example.com>\r\n' "$(date -R)"
	printf 'MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n'
	printf 'Hi Jane,\r\n\r\nThis confirms your interview for the Data=0D=0ABcc: carol@example.org Analyst position\r\n'
	printf 'at Initech=0D=0AX-Injected: company on %s at 10:00 UTC.\r\n' "$(date -u -d @$((T - 3*3600)) '+%A, %B %-d, %Y')"
	printf 'You will meet Chloe Dent.\r\n\r\nBest,\r\nChloe Dent\r\nRecruiter, Initech\r\n'
} >"$ENV/inj2.eml"
mailenv deliver "$ENV" jane@example.net "$ENV/inj1.eml"
mailenv deliver "$ENV" jane@example.net "$ENV/inj2.eml"
lib_daemon_start
lib_wait 20 '[ "$(lib_sql "SELECT count(*) FROM messages_seen WHERE folder=\"INBOX\"")" = 2 ]' || fail "the hostile mails were not handled"
lib_wait 20 '[ -n "$(lib_ids "kind=\"thank_you\"")" ]' || fail "no thank-you planned for the hostile invite"
iv=$(lib_sql "SELECT id FROM interviews WHERE event_uid='inj-1@google.com'")
[ -n "$iv" ] || fail "the hostile invite made no interview"
lib_ctl note "$iv" $'billing\r\nBcc: carol@example.org\r\n.\r\nRCPT TO:<carol@example.org>' >/dev/null || fail "note"
lib_ctl note "$iv" $'Ada: retries\r\nX-Injected: note' >/dev/null || fail "note for Ada"
# A rejection (hostile From) for the feedback request.
{
	printf 'From: =?utf-8?q?Ravi=0D=0AX-Injected=3A_reject?= <ravi@example.com>\r\nTo: Jane Doe <jane@example.net>\r\n'
	printf 'Subject: Your application\r\nDate: %s\r\nMessage-ID: <inj-3@example.com>\r\n' "$(date -R)"
	printf 'In-Reply-To: <inj-1@example.com>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n'
	printf 'Dear Jane,\r\nUnfortunately, we have decided not to move forward with your application.\r\nRavi\r\n'
} >"$ENV/inj3.eml"
mailenv deliver "$ENV" jane@example.net "$ENV/inj3.eml"
lib_wait 20 '[ -n "$(lib_ids "kind=\"feedback_request\"")" ]' || echo "note: no feedback request after the rejection"
sleep 2

# check_raw ID: one outbox mail's bytes.
LEGIT=" jane@example.net ada@example.com ben@example.com chloe@example.com ravi@example.com bob@example.org "
check_raw() {
	lib_ctl show "$1" --raw >"$ENV/m.eml" 2>"$ENV/m.err" || { cat "$ENV/m.err"; fail "show $1 --raw"; }
	python3 - "$ENV/m.eml" "$LEGIT" <<'PY' || { cat "$ENV/m.eml"; fail "mail $1 (above) lets a value make a header or a recipient"; }
import sys, email.policy, email.parser, email.utils
raw = open(sys.argv[1], 'rb').read()
legit = set(sys.argv[2].split())
head = raw.split(b'\r\n\r\n', 1)[0]
bad = []
names = []
for line in head.split(b'\r\n'):
    if line[:1] in (b' ', b'\t'):
        continue
    names.append(line.split(b':', 1)[0].decode('ascii', 'replace').lower())
for n in set(names):
    if names.count(n) > 1:
        bad.append('header %s appears %d times' % (n, names.count(n)))
for n in names:
    if n in ('bcc', 'x-injected', 'rcpt to', 'mail from') or not n.replace('-', '').isalnum():
        bad.append('header %r' % n)
msg = email.parser.BytesParser(policy=email.policy.strict).parsebytes(raw)
for h in ('from', 'to', 'cc', 'reply-to', 'sender'):
    for v in msg.get_all(h, []):
        for name, addr in email.utils.getaddresses([str(v)]):
            if addr.lower() not in legit:
                bad.append('%s: address %r (%r)' % (h, addr, str(v)))
# An injected header shows as "Bcc:" (its colon); a random Message-ID of
# ours may hold the letters "bcc" (base32: one in about a thousand).
for h in ('in-reply-to', 'references', 'message-id'):
    for v in msg.get_all(h, []):
        if 'carol' in str(v) or 'bcc:' in str(v).lower():
            bad.append('%s: %r' % (h, str(v)))
if bad:
    print('\n'.join(bad))
    sys.exit(1)
PY
	lib_strict "$1" || fail "mail $1 is not accepted by the strict parser"
}
n=0
for id in $(lib_ids "1"); do
	check_raw "$id"
	n=$((n + 1))
done
[ "$n" -ge 4 ] || fail "only $n mails in the outbox"
subjects=$(for id in $(lib_ids "1"); do
	lib_ctl show "$id" --raw | python3 -c 'import sys, email, email.policy
print(email.message_from_binary_file(sys.stdin.buffer, policy=email.policy.default)["subject"])'
done)
printf '%s\n' "$subjects" | sed 's/^/  subject: /'
printf '%s\n' "$subjects" | grep -q "Bcc" || fail "no hostile value reached a Subject: the test proves nothing"
ok "$n mails rendered from hostile values: no extra header, only legitimate addresses, strict parser happy"

# ---- 4. send them all; what arrives ---------------------------------------
lib_ctl approve --all >/dev/null || fail "approve --all"
for id in $(lib_ids "status IN ('pending','held')"); do lib_ctl send-now "$id" >/dev/null 2>&1; done
lib_wait 30 '[ -z "$(lib_ids "status IN (\"held\",\"sending\",\"pending\",\"deferred\")")" ]' ||
	fail "mails still waiting: $(lib_sql "SELECT id, kind, status, last_error FROM outbox WHERE status NOT IN ('sent','cancelled')")"
sleep 3
sent=$(lib_sql "SELECT count(*) FROM outbox WHERE status='sent'")
[ "$sent" -ge 4 ] || fail "only $sent mails sent: $(lib_sql "SELECT id, kind, status, last_error FROM outbox")"
for id in $(lib_ids "status='sent'"); do check_raw "$id"; done
[ "$(lib_count "$EVIL")" = 0 ] || fail "injection: $EVIL got $(lib_count "$EVIL") mails"
got=0
for u in $LEGIT; do
	for f in $(mailenv files "$ENV" "$u"; mailenv files "$ENV" "$u" Sent 2>/dev/null); do
		got=$((got + 1))
		if sed '/^\r*$/q' "$f" | grep -qiE "^(bcc|x-injected|rcpt to|mail from):"; then
			cat "$f"
			fail "an arrived mail has an injected header: $f"
		fi
	done
done
[ "$got" -gt "$sent" ] || fail "only $got mails in the mailboxes for $sent sent"
# The signature's lone "." line did not end the DATA: the lines after it
# arrived as body text, and before its end.
smug=$(grep -rl "^RCPT TO:<$EVIL>" "$ENV/mail" 2>/dev/null | xargs -r grep -l "^QUIT" | wc -l)
[ "$smug" -gt 0 ] || fail "the signature's smuggling lines reached no mailbox whole: the check proves nothing"
ok "$sent mails sent, $got mailbox files checked: no injected header, the smuggled SMTP lines arrived as body text in $smug mails, $EVIL got nothing"
lib_daemon_stop || fail "followupd did not exit 0 on TERM"
echo "PASS ($checks checks)"
