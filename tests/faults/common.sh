# tests/faults/common.sh: helpers shared by the fault tests (source after
# tests/lib/lib.sh).  A workload of interview mail from several companies, the
# user settling mails of unknown outcome, and the checks of DESIGN.md 5:
# nothing sent twice, nothing lost, nothing handled twice.

# fault_invite FILE UID SEQ START END METHOD COMPANY MSGID [FINAL]
#   a Google-Calendar-shaped invite from ravi@example.com for Platform
#   Engineer at COMPANY (one application per company); START/END epoch
#   seconds; FINAL=1 presents it as the final round.
fault_invite() {
	local file=$1 uid=$2 seq=$3 s e method=$6 co=$7 msgid=$8 final=${9:-0}
	local status=CONFIRMED subject="Invitation" round="interview"
	s=$(date -u -d "@$4" +%Y%m%dT%H%M%SZ)
	e=$(date -u -d "@$5" +%Y%m%dT%H%M%SZ)
	[ "$method" = CANCEL ] && { status=CANCELLED; subject="Canceled event"; }
	[ "$seq" -gt 0 ] && [ "$method" = REQUEST ] && subject="Updated invitation"
	[ "$final" = 1 ] && round="final round interview"
	{
		printf 'From: Ravi Menon <ravi@example.com>\r\n'
		printf 'To: Jane Doe <jane@example.net>\r\n'
		printf 'Subject: %s: Interview: Jane Doe - Platform Engineer @ %s\r\n' "$subject" "$co"
		printf 'Date: %s\r\nMessage-ID: <%s>\r\n' "$(date -R)" "$msgid"
		printf 'MIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary="b1"\r\n\r\n'
		printf -- '--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n'
		printf 'Hi Jane,\r\n\r\nThis confirms your %s for the Platform Engineer\r\n' "$round"
		printf 'position at %s. You will meet the team on Google Meet:\r\n' "$co"
		printf 'https://meet.google.com/abc-defg-hij\r\n\r\nBest,\r\nRavi Menon\r\nRecruiter, %s\r\n\r\n' "$co"
		printf -- '--b1\r\nContent-Type: text/calendar; charset=utf-8; method=%s\r\n\r\n' "$method"
		printf 'BEGIN:VCALENDAR\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\n'
		printf 'VERSION:2.0\r\nMETHOD:%s\r\nBEGIN:VEVENT\r\n' "$method"
		printf 'DTSTART:%s\r\nDTEND:%s\r\nUID:%s\r\nSEQUENCE:%s\r\n' "$s" "$e" "$uid" "$seq"
		printf 'ORGANIZER;CN=Ravi Menon:mailto:ravi@example.com\r\n'
		printf 'ATTENDEE;CN=Ada Brooks;ROLE=REQ-PARTICIPANT:mailto:ada@example.com\r\n'
		printf 'ATTENDEE;CN=Ben Carter;ROLE=REQ-PARTICIPANT:mailto:ben@example.com\r\n'
		printf 'ATTENDEE;CN=Chloe Dent;ROLE=REQ-PARTICIPANT:mailto:chloe@example.com\r\n'
		printf 'ATTENDEE;CN=Jane Doe;ROLE=REQ-PARTICIPANT:mailto:jane@example.net\r\n'
		printf 'SUMMARY:Interview: Jane Doe - Platform Engineer (%s)\r\nSTATUS:%s\r\n' "$co" "$status"
		printf 'END:VEVENT\r\nEND:VCALENDAR\r\n--b1--\r\n'
	} >"$file"
}

# fault_reply FILE MSGID PARENT COMPANY: the recruiter answers in the thread.
fault_reply() {
	{
		printf 'From: Ravi Menon <ravi@example.com>\r\nTo: Jane Doe <jane@example.net>\r\n'
		printf 'Subject: Re: Invitation: Interview: Jane Doe - Platform Engineer @ %s\r\n' "$4"
		printf 'Date: %s\r\nMessage-ID: <%s>\r\n' "$(date -R)" "$2"
		printf 'In-Reply-To: <%s>\r\nReferences: <%s>\r\n' "$3" "$3"
		printf 'Content-Type: text/plain; charset=utf-8\r\n\r\n'
		printf 'Hi Jane, thanks for your patience. The team is still meeting candidates;\r\n'
		printf 'I will let you know as soon as I hear more.\r\n\r\nRavi\r\n'
	} >"$1"
}

# fault_reject FILE MSGID PARENT COMPANY: a rejection in the thread.
fault_reject() {
	{
		printf 'From: Ravi Menon <ravi@example.com>\r\nTo: Jane Doe <jane@example.net>\r\n'
		printf 'Subject: Your application to %s\r\n' "$4"
		printf 'Date: %s\r\nMessage-ID: <%s>\r\n' "$(date -R)" "$2"
		printf 'In-Reply-To: <%s>\r\n' "$3"
		printf 'Content-Type: text/plain; charset=utf-8\r\n\r\n'
		printf 'Dear Jane,\r\n\r\nThank you for interviewing for the Platform Engineer role.\r\n'
		printf 'Unfortunately, we have decided not to move forward with your application.\r\n'
		printf 'We wish you the best in your search.\r\n\r\nRavi Menon\r\n%s\r\n' "$4"
	} >"$1"
}

FAULTS_DIR="$top_srcdir/tests/faults"
CHECK="python3 $FAULTS_DIR/check.py"

# fault_config: the config of the fault tests (auto mode, grace 0, every
# hour allowed; thank-yous, reflections, reference warnings and feedback
# requests due at once, so that a past interview's mails go out now).
fault_config() {
	lib_config "$ENV/followupd.conf" auto 'thank_you = { after = "0"; latest = "24h"; };
reflection = { after = "0"; again = "2d"; };
reference_warning = { after = "0"; when = "final"; };
feedback_request = { after = "0"; };
references = ( { name = "Bob Smith"; email = "bob@example.org"; relationship = "my manager"; },
               { name = "Carol Jones"; email = "carol@example.org"; relationship = "a colleague"; } );'
}

# fault_queue_empty [SECONDS]: wait until Postfix has handed every accepted
# mail to Dovecot, so a mailbox shows everything the server took.
fault_queue_empty() {
	lib_wait "${1:-30}" '[ -z "$(postqueue -c "$MAILENV_DIR/postfix" -j 2>/dev/null)" ]'
}

# fault_settle [step]: what the user does with a mail of unknown outcome:
# looks whether it arrived; if it did, cancels it (done), else approves it
# again; and the mails held found late are approved.  The ids cancelled because they arrived go to $ENV/settled.  With
# "step" the invariants of check.py during are checked in the same pass
# (fails the test on a violation).
fault_settle() {
	local verb id mode=settle
	[ "${1:-}" = step ] && mode=step
	# The interviews of the workload were over when followupd first saw
	# them: their mails wait "found late" until the user approves them.
	lib_approve_late_now
	fault_queue_empty || fail "Postfix's queue does not drain"
	$CHECK "$mode" "$ENV/state/state.db" "$MAILENV_DIR/mail" "$ENV/settled" >"$ENV/settle.out"
	local rc=$?
	if [ "$rc" != 0 ]; then
		grep -v '^settle ' "$ENV/settle.out"
		fail "${FAULT_WHEN:-}: a promise is broken (above)"
	fi
	while read -r verb id; do
		[ "$mode" = step ] && { [ "$verb" = settle ] || continue; read -r verb id <<<"$id"; }
		lib_ctl "$verb" "$id" >/dev/null || fail "followupctl $verb $id"
		[ "$verb" = cancel ] && echo "$id" >>"$ENV/settled"
		UNKNOWNS=$((UNKNOWNS + 1))
	done <"$ENV/settle.out"
}
UNKNOWNS=0

# fault_start: lib_start; with FAULTS_KEEP=DIR the daemon log, the state
# and the test's notes are copied to DIR at exit (for a post-mortem).
fault_start() {
	lib_start
	trap fault_cleanup EXIT
}
fault_cleanup() {
	if [ -n "${FAULTS_KEEP:-}" ] && [ -n "${ENV:-}" ] && [ -d "$ENV" ]; then
		mkdir -p "$FAULTS_KEEP"
		cp -r "$ENV/daemon.log" "$ENV/state" "$ENV/plan" "$ENV/settled" "$ENV/check.out" \
			"$ENV/dovecot.log" "$ENV/postfix.log" "$FAULTS_KEEP/" 2>/dev/null
	fi
	lib_cleanup
}
