#!/bin/bash
# A job mail followupd cannot place is told, not dropped.  Auto mode: a
# recruiter invites the user to an interview whose time is written in a
# way no reader knows ("the Thursday after next, in the afternoon"), a
# lunch invitation has no job in it, and a calendar invite is a sure
# interview.  The first plans nothing, but the daemon logs it, status
# counts it and followupctl unplaced lists it (table and --json) with
# why; dismiss takes it off the list (once: a second dismiss is an
# error), unplaced --all still shows it.  The lunch and the invite are
# never listed.  Then two more such mails: the user places one by hand
# (add-interview --unplaced: its sender becomes the contact, it leaves
# the list, once), and the invite that answers the other in its thread
# places it.
set -u
. "$top_srcdir/tests/lib/lib.sh"

lib_start
lib_config "$ENV/followupd.conf" auto
T=$(date +%s)
S=$((T + 86400))

{
	printf 'From: Ravi Menon <ravi@initech.example>\r\nTo: Jane Doe <jane@example.net>\r\n'
	printf 'Subject: Next steps: Analyst role at Initech\r\n'
	printf 'Date: %s\r\nMessage-ID: <next-1@initech.example>\r\n' "$(date -R)"
	printf 'MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n'
	printf 'Hi Jane,\r\n\r\nFollowing our call about the Analyst position, we would like to\r\n'
	printf 'invite you to an interview with Ada Brooks, our head of analytics: we will\r\n'
	printf 'meet after the quarter closes, the Thursday after next, in the afternoon.\r\n\r\n'
	printf 'Best,\r\nRavi Menon\r\nRecruiter, Initech\r\n'
} >"$ENV/next.eml"
{
	printf 'From: Bob Lee <bob@example.org>\r\nTo: Jane Doe <jane@example.net>\r\n'
	printf 'Subject: Lunch on Friday?\r\nDate: %s\r\nMessage-ID: <lunch-1@example.org>\r\n' "$(date -R)"
	printf 'MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n'
	printf 'Hi Jane, lunch at the usual place on Friday at 12:30?\r\n\r\nBob\r\n'
} >"$ENV/lunch.eml"
lib_invite "$ENV/sure.eml" sure-2@example.com 0 "@$S" "@$((S + 3600))" REQUEST "Eve Gray:eve@example.com"

lib_ctl unplaced >"$ENV/none.out" 2>&1 || fail "unplaced before any state: $(cat "$ENV/none.out")"
lib_daemon_start
lib_wait 10 'grep -q "IMAP: connected" "$ENV/daemon.log"' || fail "no IMAP connection"
for f in next lunch sure; do
	mailenv deliver "$ENV" jane@example.net "$ENV/$f.eml"
done
lib_wait 20 '[ "$(lib_sql "SELECT count(*) FROM messages_seen")" = 3 ]' ||
	fail "the mails were not all seen: $(lib_sql "SELECT uid, kind FROM messages_seen")"
[ "$(lib_sql "SELECT count(*) FROM interviews")" = 1 ] || fail "interviews: $(lib_sql "SELECT id, event_uid FROM interviews")"
[ "$(lib_sql "SELECT count(*) FROM applications WHERE company LIKE '%Initech%'")" = 0 ] ||
	fail "an application for the unplaced mail: $(lib_sql "SELECT id, company FROM applications")"
grep -q 'about a job, but no interview time: "Next steps: Analyst role at Initech" from ravi@initech.example: nothing planned; if it is an interview: followupctl unplaced' \
	"$ENV/daemon.log" || fail "the daemon did not say it: $(grep INBOX "$ENV/daemon.log")"
grep -q 'Lunch on Friday.*followupctl unplaced' "$ENV/daemon.log" && fail "the lunch was called unplaced"
echo "ok: the daemon says it placed nothing for the job mail"

lib_ctl status >"$ENV/status.out" || fail "status failed"
grep -qx '1 job mail I could not place (no interview time found): followupctl unplaced' "$ENV/status.out" ||
	fail "status does not say it: $(cat "$ENV/status.out")"
[ "$(lib_ctl status --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["unplaced"])')" = 1 ] ||
	fail "status --json lacks the count"
lib_ctl unplaced --json >"$ENV/unplaced.json" || fail "unplaced --json failed"
python3 - "$ENV/unplaced.json" <<'PY' || fail "unplaced --json: $(cat "$ENV/unplaced.json")"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
assert len(rows) == 1, rows
r = rows[0]
assert r["subject"] == "Next steps: Analyst role at Initech", r
assert r["from"] == "Ravi Menon <ravi@initech.example>", r
assert r["message_id"] == "<next-1@initech.example>", r
assert r["why"] == "about a job, but no interview time", r
assert r["folder"] == "INBOX" and r["uid"] > 0 and r["dismissed"] is None, r
assert r["date"].endswith("Z"), r
PY
id=$(python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).readline())["id"])' "$ENV/unplaced.json")
lib_ctl unplaced >"$ENV/unplaced.out" || fail "unplaced failed"
grep -q "^$id .*ravi@initech.example .*Next steps: Analyst role at Initech" "$ENV/unplaced.out" &&
	grep -q "^      about a job, but no interview time; INBOX UID [0-9]*, <next-1@initech.example>$" "$ENV/unplaced.out" &&
	grep -q "followupctl dismiss ID" "$ENV/unplaced.out" || fail "unplaced: $(cat "$ENV/unplaced.out")"
echo "ok: status counts it, followupctl unplaced lists it with why"

lib_ctl dismiss "$id" >"$ENV/dismiss.out" || fail "dismiss failed: $(cat "$ENV/dismiss.out")"
grep -qx "unplaced mail $id: dismissed" "$ENV/dismiss.out" || fail "dismiss said: $(cat "$ENV/dismiss.out")"
lib_ctl status | grep -q "could not place" && fail "status still counts it"
lib_ctl unplaced | grep -qx "No job mail waits to be placed." || fail "unplaced lists it still"
lib_ctl unplaced --all | grep -q "<next-1@initech.example> (dismissed)$" || fail "unplaced --all lacks it"
lib_ctl dismiss "$id" 2>"$ENV/again.err"
[ $? = 65 ] || fail "a second dismiss did not fail with 65"
grep -q "is no unplaced mail waiting" "$ENV/again.err" || fail "a second dismiss said: $(cat "$ENV/again.err")"
lib_ctl dismiss x12 2>/dev/null
[ $? = 64 ] || fail "dismiss x12 is no usage error"
lib_ctl dismiss --all | grep -qx "0 unplaced mail(s) dismissed" || fail "dismiss --all with none waiting"
echo "ok: dismiss takes it off the list, once"

# Placed by hand, and by a later mail of its thread.
for n in 2 3; do
	sed -e "s/next-1@/next-$n@/" -e "s/Next steps:/Next steps ($n):/" "$ENV/next.eml" >"$ENV/next$n.eml"
	mailenv deliver "$ENV" jane@example.net "$ENV/next$n.eml"
done
lib_wait 20 '[ "$(lib_sql "SELECT count(*) FROM messages_seen")" = 5 ]' ||
	fail "the next mails were not seen: $(lib_sql "SELECT uid, kind FROM messages_seen")"
lib_ctl unplaced --json >"$ENV/two.json" || fail "unplaced --json failed"
id2=$(python3 -c 'import json,sys
for l in open(sys.argv[1]):
	r = json.loads(l)
	if r["message_id"] == "<next-2@initech.example>": print(r["id"])' "$ENV/two.json")
[ -n "$id2" ] || fail "next-2 is not listed: $(cat "$ENV/two.json")"
ivs=$(lib_sql "SELECT count(*) FROM interviews")
lib_ctl add-interview --unplaced "$id2" --company Initech --role Analyst \
	--start "$(date -d @$((S + 86400)) '+%Y-%m-%d %H:%M')" --interviewer 'Ada Brooks' >"$ENV/place.out" 2>&1 ||
	fail "add-interview --unplaced failed: $(cat "$ENV/place.out")"
grep -q "^interview [0-9]* with Initech added$" "$ENV/place.out" &&
	grep -qx "unplaced mail $id2: placed; the contact is Ravi Menon <ravi@initech.example>" "$ENV/place.out" ||
	fail "add-interview --unplaced said: $(cat "$ENV/place.out")"
[ "$(lib_sql "SELECT count(*) FROM interviews")" = $((ivs + 1)) ] || fail "no interview was added"
[ "$(lib_sql "SELECT source_message_id FROM interviews ORDER BY id DESC LIMIT 1")" = "<next-2@initech.example>" ] ||
	fail "the interview does not come from the mail"
[ "$(lib_sql "SELECT count(*) FROM outbox WHERE recipient_email = 'ravi@initech.example'")" -ge 1 ] ||
	fail "nothing planned for the contact: $(lib_sql "SELECT id, kind, recipient_email FROM outbox")"
lib_ctl unplaced --all | grep -q "<next-2@initech.example> (placed: interview [0-9]*)$" ||
	fail "unplaced --all does not show it placed: $(lib_ctl unplaced --all)"
lib_ctl add-interview --unplaced "$id2" --company Initech --start "$(date -d @$S '+%Y-%m-%d %H:%M')" 2>"$ENV/place2.err"
[ $? = 65 ] || fail "placing it twice did not fail with 65"
grep -q "is no unplaced mail waiting to be placed" "$ENV/place2.err" || fail "placing twice said: $(cat "$ENV/place2.err")"
lib_ctl log | grep -q "unplaced mail $id2 (INBOX UID [0-9]*, \"Next steps (2): Analyst role at Initech\") is this interview, by hand" ||
	fail "the log does not say it: $(lib_ctl log | tail -5)"
echo "ok: add-interview --unplaced places it, once, with its sender as the contact"

lib_invite "$ENV/answer.eml" answer-3@example.com 0 "@$((S + 2 * 86400))" "@$((S + 2 * 86400 + 3600))" REQUEST "Ada Brooks:ada@initech.example"
sed -i "s/^Message-ID: .*/&\r\nIn-Reply-To: <next-3@initech.example>\r\nReferences: <next-3@initech.example>/" "$ENV/answer.eml"
mailenv deliver "$ENV" jane@example.net "$ENV/answer.eml"
lib_wait 20 'grep -q "places 1 unplaced mail(s) of its thread" "$ENV/daemon.log"' ||
	fail "the invite placed nothing: $(grep INBOX "$ENV/daemon.log" | tail -3)"
lib_ctl unplaced | grep -qx "No job mail waits to be placed." || fail "unplaced lists: $(lib_ctl unplaced)"
lib_ctl unplaced --all | grep -q "<next-3@initech.example> (placed: interview [0-9]*)$" ||
	fail "unplaced --all: $(lib_ctl unplaced --all)"
echo "ok: the invite in its thread places the last one"
lib_daemon_stop || fail "followupd did not exit 0 on TERM"
echo PASS
