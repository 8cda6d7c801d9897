#!/bin/bash
# The demo: a private Dovecot and Postfix on 127.0.0.1, followupd in auto
# mode with schedules in seconds, and an interview invite dropped into the
# candidate's INBOX.  Within about a minute it shows the daemon's log,
# `followupctl interviews` and `followupctl outbox`, and the thank-you mails
# as they arrive in the interviewers' mailboxes (read back over IMAPS with
# curl, an independent client); then it stops everything it started.
#
# `contrib/demo.sh --review` shows the default mode instead: the same
# invite, but every mail waits for approval; it shows `followupctl status`
# and `followupctl outbox`, approves Ada's thank-you by hand, and shows that
# only that one left.  Then the review digest in Jane's INBOX, a reply to
# it ("approve BEN") that sends Ben's thank-you, and followupd's answer.
#
# Run from a built tree (after ./configure && make).  Needs root: the
# private Postfix's master process must run as root.
set -eu
mode=auto
case ${1:-} in
--review) mode=review ;;
"") ;;
*) echo "usage: contrib/demo.sh [--review]" >&2; exit 64 ;;
esac
top=$(cd "$(dirname "$0")/.." && pwd)
build=${FOLLOWUPD_BUILD:-$top}
followupd="$build/src/followupd"
followupctl="$build/src/followupctl"
mailenv="$top/tests/lib/mailenv.sh"

[ -x "$followupd" ] || { echo "demo: build first: ./configure && make" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || { echo "demo: needs root for the private Postfix" >&2; exit 1; }

say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
dir=$(mktemp -d /tmp/fu-demo.XXXXXX)
chmod 711 "$dir"        # the mail servers' users must reach $dir/mail
daemon=
cleanup() {
	[ -n "$daemon" ] && kill "$daemon" 2>/dev/null && wait "$daemon" 2>/dev/null
	bash "$mailenv" stop "$dir/mail" >/dev/null 2>&1 || true
	rm -rf "$dir"
}
trap cleanup EXIT INT TERM

ctl() { "$followupctl" -c "$dir/followupd.conf" "$@"; }

# Review mode: nothing leaves until you approve it.
review() {
	local ada=
	for i in $(seq 1 60); do
		ada=$(ctl outbox --json 2>/dev/null | python3 -c '
import json, sys
for l in sys.stdin:
    m = json.loads(l)
    if m.get("kind") == "thank_you" and m.get("recipient_email") == "ada@example.com":
        print(m["id"])' 2>/dev/null || true)
		[ -n "$ada" ] && break
		sleep 1
	done
	[ -n "$ada" ] || { echo "demo: no thank-you to Ada was planned" >&2; exit 1; }
	sleep 20     # the thank-yous fall due 15 s after the interview
	say "followupctl status: what waits for you"
	ctl status
	say "followupctl outbox: every mail waits for your approval"
	ctl outbox
	say "followupctl show $ada: the thank-you to Ada, as it would go"
	ctl show "$ada"
	say "followupctl approve $ada: only this one may go"
	ctl approve "$ada"
	for i in $(seq 1 60); do
		[ "$(bash "$mailenv" count "$dir/mail" ada@example.com)" -ge 1 ] && break
		sleep 1
	done
	say "followupctl outbox --all: Ada's went, the rest still waits"
	ctl outbox --all
	say "Mailboxes: ada $(bash "$mailenv" count "$dir/mail" ada@example.com), ben $(bash "$mailenv" count "$dir/mail" ben@example.com), ravi $(bash "$mailenv" count "$dir/mail" ravi@example.com)"
	say "The thank-you in ada@example.com's INBOX (read over IMAPS with curl)"
	curl -s --cacert "$CA_FILE" -u "ada@example.com:$PASS_ada" \
		"imaps://127.0.0.1:$IMAPS_PORT/INBOX;UID=1" | tr -d '\r' | sed -n '/^Date:/,$p' || echo "(none arrived)"
	by_reply
	say "Done: stopping followupd and the mail servers"
}

# The file in Jane's INBOX whose header matches a pattern.
jane_mail() {
	local f
	for f in $(bash "$mailenv" files "$dir/mail" jane@example.net); do
		sed '/^\r*$/q' "$f" | grep -q "$1" && { echo "$f"; return 0; }
	done
	return 1
}

# The mail in Jane's INBOX whose header matches a pattern: its header and
# decoded text (format=flowed undone).  Looked up afresh each try: the
# server moves a file once it has been read.
show_jane_mail() {
	local f
	for i in 1 2 3; do
		f=$(jane_mail "$1") || return 1
		python3 -c '
import email, email.policy, sys
m = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=email.policy.default)
for h in ("From", "To", "Subject", "Message-ID", "In-Reply-To"):
    if m[h]: print("%s: %s" % (h, m[h]))
print()
out = ""
for l in m.get_content().splitlines(True):
    l = l.rstrip("\r\n")
    if l.startswith(" "):
        l = l[1:]
    out += l if (l.endswith(" ") and l != "-- ") else l + "\n"
print(out)' "$f" 2>/dev/null && return 0
		sleep 0.2
	done
	return 1
}

# The review digest, and a reply to it that approves Ben's thank-you.
by_reply() {
	local ben digest msgid answer
	ben=$(ctl outbox --json | python3 -c '
import json, sys
for l in sys.stdin:
    m = json.loads(l)
    if m.get("kind") == "thank_you" and m.get("recipient_email") == "ben@example.com":
        print(m["id"])')
	for i in $(seq 1 30); do
		digest=$(jane_mail '^Subject: .*wait for you') && break
		sleep 1
	done
	[ -n "$digest" ] || { echo "demo: no review digest arrived" >&2; return; }
	msgid=$(sed -n '/^\r*$/q; s/^Message-ID: *//Ip' "$digest" | tr -d '\r')
	say "The review digest followupd mailed to jane@example.net"
	show_jane_mail '^Subject: .*wait for you' || echo "(gone)"
	say "Jane answers from her phone: \"approve $ben\" (delivered to her INBOX)"
	printf 'From: Jane Doe <jane@example.net>\r\nTo: Jane Doe <jane@example.net>\r\nSubject: Re: digest\r\nDate: %s\r\nMessage-ID: <reply-%s@example.net>\r\nIn-Reply-To: %s\r\nReferences: %s\r\n\r\napprove %s\r\n\r\n-- \r\nJane\r\n' \
		"$(date -R)" "$(date +%s)" "$msgid" "$msgid" "$ben" | tee "$dir/reply.eml" | tr -d '\r'
	bash "$mailenv" deliver "$dir/mail" jane@example.net "$dir/reply.eml"
	for i in $(seq 1 60); do
		[ "$(bash "$mailenv" count "$dir/mail" ben@example.com)" -ge 1 ] &&
			answer=$(jane_mail "^Subject: .*your reply to the digest") && break
		sleep 1
	done
	say "Mailboxes: ada $(bash "$mailenv" count "$dir/mail" ada@example.com), ben $(bash "$mailenv" count "$dir/mail" ben@example.com), ravi $(bash "$mailenv" count "$dir/mail" ravi@example.com)"
	if [ -n "${answer:-}" ]; then
		say "followupd's answer, in the digest's thread"
		show_jane_mail "^Subject: .*your reply to the digest" || echo "(gone)"
	fi
	say "followupctl log: the digest and the reply"
	ctl log | grep -E 'digest' || true
}

say "Starting a private Dovecot and Postfix on 127.0.0.1"
mkdir "$dir/mail"
bash "$mailenv" start "$dir/mail" >/dev/null
. "$dir/mail/env"
printf '%s\n' "$PASS_jane" >"$dir/jane.pass"
chmod 600 "$dir/jane.pass"
echo "IMAP STARTTLS on port $IMAP_PORT, submission on $SUBMISSION_PORT, private CA $CA_FILE"

cat >"$dir/followupd.conf" <<CONF
# The demo: $mode mode, schedules in seconds, every hour and day a send window.
me = { name = "Jane Doe"; addresses = ["jane@example.net"]; timezone = "Europe/London";
       signature = "Jane Doe\n+44 7700 900123"; };
imap = { url = "imap://127.0.0.1:$IMAP_PORT"; password_command = "cat $dir/jane.pass";
         ca_file = "$CA_FILE"; };
smtp = { url = "smtp://127.0.0.1:$SUBMISSION_PORT"; ca_file = "$CA_FILE"; };
state_dir = "$dir/state";
templates_dir = "$top/templates";
send = { mode = "$mode"; grace = "5s"; window = "00:00-00:00"; weekends = true; };
thank_you = { after = "15s"; latest = "1h"; };
reference_warning = { after = "10s"; when = "final"; };
reflection = { after = "20s"; again = "0"; };
references = ( { name = "Bob Smith"; email = "bob@example.org";
                 relationship = "my manager at Initrode"; highlight = "the billing migration"; } );
CONF

say "Checking the configuration: followupd -n"
"$followupd" -n -c "$dir/followupd.conf"

say "Starting followupd -f -v (its log follows, indented)"
"$followupd" -f -v --allow-root -c "$dir/followupd.conf" >"$dir/daemon.log" 2>&1 &
daemon=$!
tail -n +1 -f "$dir/daemon.log" --pid=$$ 2>/dev/null | sed -u 's/^/    /' &
sleep 2

say "Dropping an interview invite into jane@example.net's INBOX"
now=$(date +%s)
sed -e "s/@START@/$(date -u -d @$((now - 3600)) +%Y%m%dT%H%M%SZ)/g" \
    -e "s/@END@/$(date -u -d @$((now + 5)) +%Y%m%dT%H%M%SZ)/g" \
    -e "s/@DATE@/$(date -R -d @$((now - 86400)))/" \
    -e "s/@WHEN@/$(date -d @$((now - 3600)) '+%a %b %-d, %Y %-I:%M%P')/" \
    -e "s/@STAMP@/$now/g" "$top/contrib/demo-invite.eml" >"$dir/invite.eml"
bash "$mailenv" deliver "$dir/mail" jane@example.net "$dir/invite.eml"
echo "(the interview ends in 5 seconds; thank-yous go 15 seconds after it)"

if [ "$mode" = review ]; then
	review
	exit 0
fi

for i in $(seq 1 90); do
	a=$(bash "$mailenv" count "$dir/mail" ada@example.com)
	b=$(bash "$mailenv" count "$dir/mail" ben@example.com)
	[ "$a" -ge 1 ] && [ "$b" -ge 1 ] && break
	sleep 1
done

say "followupctl interviews --all"
"$followupctl" -c "$dir/followupd.conf" interviews --all
say "followupctl outbox --all"
"$followupctl" -c "$dir/followupd.conf" outbox --all

for u in ada ben; do
	pass_var="PASS_$u"
	say "The thank-you in $u@example.com's INBOX (read over IMAPS with curl)"
	curl -s --cacert "$CA_FILE" -u "$u@example.com:${!pass_var}" \
		"imaps://127.0.0.1:$IMAPS_PORT/INBOX;UID=1" | tr -d '\r' |
		sed -n '/^Date:/,$p' || echo "(none arrived)"
done
sleep 1
say "Done: stopping followupd and the mail servers"
