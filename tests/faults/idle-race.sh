#!/bin/bash
# A mail that arrives while followupd talks to the server, before each of
# its commands in turn, up to IDLE: it must be handled at once, not at the
# next IDLE refresh (10 min) or restart.  An IMAP server tells an arrival
# once, in the answer to whichever command comes next (a SELECT, a STATUS,
# a FETCH); IDLE never tells it again.  A proxy (tests/lib/imap-hook.py)
# between followupd and Dovecot delivers the mail just before the k-th
# command goes on, for every k: on a first start (a mail to fetch already
# there), on a restart (the folders known: a STATUS, the re-SELECT before
# IDLE) and in a send round that ends IDLE (its copy put into Sent).
set -u
. "$top_srcdir/tests/lib/lib.sh"

lib_start
lib_config "$ENV/followupd.conf" auto
# What IDLE would announce late would wait this long.
sed -i 's/poll_interval = "5m";/poll_interval = "5m"; idle_refresh = "20m";/' "$ENV/followupd.conf"
grep -q 'idle_refresh = "20m"' "$ENV/followupd.conf" || fail "could not set idle_refresh"
WAIT=${IDLE_RACE_WAIT:-10}

HOOK="$ENV/hook"
python3 "$top_srcdir/tests/lib/imap-hook.py" "$ENV/proxy.port" "$IMAP_PORT" "$ENV/proxy.log" "$HOOK" &
PROXY=$!
trap 'kill "$PROXY" 2>/dev/null; lib_cleanup' EXIT
lib_wait 5 '[ -s "$ENV/proxy.port" ]' || fail "the proxy did not start"
sed -i "s|url = \"imap://127.0.0.1:$IMAP_PORT\";|url = \"imap://127.0.0.1:$(cat "$ENV/proxy.port")\"; starttls = false; allow_insecure = true;|" \
	"$ENV/followupd.conf"
grep -q "allow_insecure = true" "$ENV/followupd.conf" || fail "could not point followupd at the proxy"

# The number of the last command the proxy passed (0: none yet).
last() { sed -n 's/^\([0-9]*\) .*/\1/p' "$ENV/proxy.log" | tail -n 1 | grep . || echo 0; }
# Whether the last command after number $1 is IDLE: followupd waits.
idle_after() { tail -n 1 "$ENV/proxy.log" | grep -q "^[0-9]* [^ ]* IDLE$" && [ "$(last)" -gt "$1" ]; }
seen() {
	[ "$(lib_sql "SELECT count(*) FROM messages_seen WHERE message_id = '<$1>'")" = 1 ]
}

# steps NAME START: how many commands followupd sends after START() runs,
# up to IDLE and its own, in N (not in a subshell: START may start it).
steps() {
	local c0
	c0=$(last)
	"$2"
	lib_wait 20 idle_after "$c0" || fail "$1: followupd did not go back to IDLE"
	N=$(( $(last) - c0 ))
}

# race NAME K START: run START, and deliver a mail before the K-th command
# followupd sends after it; it must be handled within WAIT seconds.
race() {
	local name=$1 k=$2 id="race-$1-$2@example.com" c0 cmd
	lib_mail "$ENV/$id.eml" "$id" "Race $name $k"
	c0=$(last)
	printf '%d bash %q deliver %q jane@example.net %q\n' $((c0 + k)) "$MAILENV" "$ENV" "$ENV/$id.eml" >"$HOOK"
	"$3"
	lib_wait 20 'grep -q "^hook ran before $((c0 + k))$" "$ENV/proxy.log"' ||
		fail "$name: the hook did not run before command $k: $(tail -n 12 "$ENV/proxy.log" | tr '\n' '|')"
	rm -f "$HOOK"
	cmd=$(awk -v n=$((c0 + k)) '$1 == n { $1 = ""; if ($2 != "DONE") $2 = ""; sub(/^ +/, ""); print; exit }' "$ENV/proxy.log")
	lib_wait "$WAIT" seen "$id" ||
		fail "$name: a mail that came before command $k ($cmd) not handled within $WAIT s: $(tail -n 12 "$ENV/proxy.log" | tr '\n' '|')"
	lib_wait 20 idle_after "$((c0 + k))" || fail "$name: followupd did not go back to IDLE"
	echo "ok: $name: a mail that came just before command $k ($cmd) handled"
}

# A first start, with a mail to fetch already there: the state forgotten
# before each.
first_start() { rm -rf "$ENV/state"; lib_daemon_start; }
lib_mail "$ENV/old.eml" old@example.com "An older mail"
mailenv deliver "$ENV" jane@example.net "$ENV/old.eml"
steps "first start" first_start
for k in $(seq 1 "$N"); do
	lib_daemon_stop
	race first "$k" first_start
done

# A restart: the folders known, nothing new at first.
lib_daemon_stop
steps restart lib_daemon_start
for k in $(seq 1 "$N"); do
	lib_daemon_stop
	race restart "$k" lib_daemon_start
done

# A send round while idling: an interview that is over (its thank-you to
# Ada held found late), then approved: IDLE ends, the mail goes, its copy
# into Sent.
. "$top_srcdir/tests/faults/common.sh"
I=0
invite() {
	local t
	I=$((I + 1))
	t=$(date +%s)
	fault_invite "$ENV/inv$I.eml" "race-$I@google.com" 0 "$((t - 3*3600 - I*60))" \
		"$((t - 2*3600 - I*60))" REQUEST "Race$I Labs" "inv-race-$I@example.com"
	mailenv deliver "$ENV" jane@example.net "$ENV/inv$I.eml"
	lib_wait 20 '[ -n "$(held_ada)" ]' || fail "send: the thank-you to Ada ($I) is not held found late"
	lib_wait 20 'idle_after 0' || fail "send: followupd did not go back to IDLE"
}
held_ada() {
	lib_ids "status = 'held' AND kind = 'thank_you' AND recipient_email = 'ada@example.com'"
}
approve() { lib_ctl approve "$(held_ada)" >/dev/null || fail "approve $(held_ada)"; }
sent_to_ada() { [ "$(lib_count ada@example.com)" = "$1" ]; }
invite
steps send approve
lib_wait 20 sent_to_ada 1 || fail "send: no thank-you to Ada"
for k in $(seq 1 "$N"); do
	invite
	race send "$k" approve
	lib_wait 20 sent_to_ada "$I" || fail "send: not $I thank-yous to Ada"
done
lib_daemon_stop || fail "followupd exited with an error"
echo "ok: idle-race: every command of a first start, a restart and a send round"
