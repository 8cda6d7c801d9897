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
# only that one left.
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
	say "Done: stopping followupd and the mail servers"
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
