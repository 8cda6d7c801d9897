#!/bin/bash
# imap.sent_copy against a server that files submitted mail in Sent itself
# (Postfix sender_bcc_maps into the sender's Sent over LMTP, as Outlook and
# Microsoft 365 do) and against one that does not:
#   - auto on the filing server: Sent holds exactly one copy of each mail,
#     the answer is remembered, later mails are not looked for;
#   - auto on a plain server: followupd appends exactly one copy of each;
#   - kill -9 at every state commit while mails go out on the filing
#     server: no mail twice, at its recipient or in Sent;
#   - an interrupted send is settled by the Sent lookup with sent_copy =
#     "no" too; sent_folder = "none" still means no copy and no lookup.
set -u
. "$top_srcdir/tests/lib/lib.sh"

lib_start
n=0
ok() { n=$((n + 1)); echo "ok $n: $*"; }
T=$(date +%s)

# conf MODE [SENT_FOLDER]: the test config with imap.sent_copy = MODE.
conf() {
	LIB_SENT_COPY=$1 lib_config "$ENV/followupd.conf" auto 'reflection = { enabled = false; };'
	sed -i "s|idle = true;|idle = true; sent_folder = \"${2:-}\";|" "$ENV/followupd.conf"
}
# invite TAG "Name:addr,...": an interview that ended two hours ago.
invite() {
	lib_invite "$ENV/$1.eml" "$1@google.com" 0 "@$((T - 3*3600))" "@$((T - 2*3600))" REQUEST \
		"$2" "inv-$1@example.com"
	mailenv deliver "$ENV" jane@example.net "$ENV/$1.eml"
}
# in_sent MSGID: how many copies of the mail Jane's Sent holds.
in_sent() {
	mailenv files "$ENV" jane@example.net Sent | xargs -r grep -liF "Message-ID: $1" | wc -l
}
# at ADDR MSGID: how many copies ADDR received.
at() {
	mailenv files "$ENV" "$1" | xargs -r grep -liF "Message-ID: $2" | wc -l
}
memory() { lib_sql "SELECT value FROM meta WHERE key LIKE 'sent_copy:%'"; }
# each_once: every sent mail is at its recipient once and in Sent once.
each_once() {
	local id mid to c s
	for id in $(lib_ids "status='sent'"); do
		mid=$(lib_sql "SELECT message_id FROM outbox WHERE id=$id")
		to=$(lib_sql "SELECT recipient_email FROM outbox WHERE id=$id")
		c=$(at "$to" "$mid")
		s=$(in_sent "$mid")
		[ "$c" = 1 ] || fail "$1: mail $id to $to arrived $c times"
		[ "$s" = 1 ] || fail "$1: mail $id ($mid) is in Sent $s times"
	done
}
sent_count() { lib_sql "SELECT count(*) FROM outbox WHERE status='sent'"; }
waiting() {
	lib_sql "SELECT count(*) FROM outbox WHERE status IN ('pending','sending','deferred','unknown') AND due <= strftime('%s','now')"
}
# gone N: wait until N more mails are sent than at the last call, and none
# due is left.  The invites' interviews ended before followupd saw them:
# their mails are held "found late" until the user approves them, which
# this does as soon as they are planned.
last=0
gone() {
	want=$((last + $1))
	lib_wait 30 'lib_approve_late_now try; [ "$(sent_count)" -ge $want ] && [ "$(waiting)" = 0 ]' || return 1
	last=$(sent_count)
}
clear_mail() {
	local u
	for u in ada@example.com ben@example.com chloe@example.com ravi@example.com \
		bob@example.org carol@example.org jane@example.net; do
		mailenv files "$ENV" "$u" | xargs -r rm -f
		mailenv files "$ENV" "$u" Sent | xargs -r rm -f
	done
}

# -- 1. A server that files submissions: auto finds out, no second copy --
mailenv file-sent "$ENV" jane@example.net on || fail "file-sent"
conf auto
invite a1 "Ada Brooks:ada@example.com,Ben Carter:ben@example.com"
lib_daemon_start
gone 3 || fail "the thank-yous (Ada, Ben, Ravi) did not go"
lib_wait 30 '[ "$(memory)" = files ]' || fail "auto did not find the server's copy (memory: $(memory))"
grep -q "the server files sent mail in Sent itself" "$ENV/daemon.log" || fail "no log line for the finding"
sleep 3         # a late APPEND would show now
each_once "filing server, auto"
[ "$(lib_count jane@example.net Sent)" = "$last" ] ||
	fail "Sent holds $(lib_count jane@example.net Sent) mails, want $last"
ok "filing server, auto: found the server's copies (remembered '$(memory)'), Sent holds exactly one of each"

looks=$(grep -c "looking for .* in Sent before saving" "$ENV/daemon.log")
invite a2 "Chloe Dent:chloe@example.com"
gone 1 || fail "Chloe's thank-you did not go"
sleep 3
each_once "filing server, auto, remembered"
[ "$(grep -c "looking for .* in Sent before saving" "$ENV/daemon.log")" = "$looks" ] ||
	fail "a mail was looked for although the answer was known"
ok "filing server, auto: the next mail neither appended nor looked for"
lib_daemon_stop || fail "followupd did not exit 0 on TERM"

# -- 2. kill -9 at every state commit while mails go out --
kills=0
for i in 1 2; do
	invite c$i "Ada Brooks:ada@example.com,Ben Carter:ben@example.com,Chloe Dent:chloe@example.com,Ravi Menon:ravi@example.com,Bob Smith:bob@example.org,Carol Jones:carol@example.org"
done
# The user's part with a mail of unknown outcome: cancel it if it
# arrived, approve it again if not.
settle_unknowns() {
	local id mid to
	for id in $(lib_ids "status='unknown'"); do
		mid=$(lib_sql "SELECT message_id FROM outbox WHERE id=$id")
		to=$(lib_sql "SELECT recipient_email FROM outbox WHERE id=$id")
		if [ "$(at "$to" "$mid")" -gt 0 ]; then
			fail "mail $id arrived but was not found in Sent: the lookup failed"
		fi
		lib_ctl approve "$id" >/dev/null || fail "approve $id"
	done
}
# A kill between a claim and the body-handed mark defers that mail (not
# sent) with the retry backoff: short here, as in the crash test.
for k in 3 2 5 1 4 2 3 1 6 2; do
	FOLLOWUPD_TEST_RETRY_SECONDS=2 FOLLOWUPD_CRASH_AFTER_COMMITS=$k "$FOLLOWUPD" -f -v --allow-root -c "$ENV/followupd.conf" >>"$ENV/daemon.log" 2>&1 &
	DAEMON_PID=$!
	wait "$DAEMON_PID"
	rc=$?
	DAEMON_PID=
	[ "$rc" = 99 ] && kills=$((kills + 1))
	sleep 1         # the server files what it accepted
	settle_unknowns
	lib_approve_late_now    # planned held found late: the user lets them go
done
for round in 1 2 3; do
	FOLLOWUPD_TEST_RETRY_SECONDS=2 lib_daemon_start
	lib_wait 40 'lib_approve_late_now try; [ "$(waiting)" = 0 ]'
	lib_daemon_stop
	settle_unknowns
	lib_approve_late_now
	[ "$(waiting)" = 0 ] && break
done
[ "$(waiting)" = 0 ] || fail "mails still waiting after the kills"
[ "$kills" -ge 6 ] || fail "only $kills of 10 runs were killed"
sleep 2
each_once "kill -9"
ok "filing server, $kills kills at state commits: $(sent_count) mails, each once at its recipient and once in Sent"

# -- 3. Interrupted sends are looked up in Sent, with sent_copy = "no" too --
# Two sent mails back to "sending", as a kill -9 between the server's
# answer and the commit leaves them (their body handed over: the mark is
# set after the status, a new "sending" starts without it): one in Sent
# (the server's copy), one with a Message-ID that never went out.
interrupt() {
	a=$(lib_ids "status='sent'" | head -n 1)
	b=$(lib_ids "status='sent'" | sed -n 2p)
	sqlite3 "$ENV/state/state.db" "UPDATE outbox SET status='sending' WHERE id IN ($a, $b);
		UPDATE outbox SET handed_at=updated WHERE id IN ($a, $b);
		UPDATE outbox SET message_id='<never-sent.$b.$1@example.net>' WHERE id=$b" ||
		fail "cannot set up the interrupted sends"
}
conf no
interrupt no
lib_daemon_start
lib_wait 20 '[ "$(lib_sql "SELECT status FROM outbox WHERE id=$a")" = sent ] &&
	[ "$(lib_sql "SELECT status FROM outbox WHERE id=$b")" = unknown ]' ||
	fail "sent_copy = no: interrupted sends not settled by lookup ($(lib_sql "SELECT status FROM outbox WHERE id=$a"), $(lib_sql "SELECT status FROM outbox WHERE id=$b"))"
lib_daemon_stop || fail "followupd did not exit 0 on TERM"
ok "sent_copy = no: an interrupted send found in Sent is marked sent, one not there is held"
lib_ctl cancel "$b" >/dev/null || fail "cancel $b"

# sent_folder = "none": no lookup, as before (held for the user).
conf auto none
interrupt none
lib_daemon_start
lib_wait 20 '[ "$(lib_sql "SELECT status FROM outbox WHERE id=$a")" = unknown ]' ||
	fail "sent_folder = none: the interrupted send is $(lib_sql "SELECT status FROM outbox WHERE id=$a"), want unknown"
lib_daemon_stop || fail "followupd did not exit 0 on TERM"
ok "sent_folder = none: no lookup, the interrupted send waits for the user"

# -- 4. A plain server: auto appends exactly one copy of each --
mailenv file-sent "$ENV" jane@example.net off || fail "file-sent off"
rm -rf "$ENV/state"
clear_mail
conf auto
invite p1 "Ada Brooks:ada@example.com,Ben Carter:ben@example.com"
last=0
lib_daemon_start
gone 3 || fail "the thank-yous did not go"
# The copies wait for the last look (about 20 s), then are appended.
lib_wait 40 '[ "$(lib_count jane@example.net Sent)" = "$last" ]' ||
	fail "plain server: Sent holds $(lib_count jane@example.net Sent) mails, want $last"
lib_wait 10 '[ "$(memory)" = appends ]' || fail "plain server: memory is '$(memory)', want appends"
each_once "plain server, auto"
invite p2 "Chloe Dent:chloe@example.com"
gone 1 || fail "Chloe's thank-you did not go"
lib_wait 5 '[ "$(lib_count jane@example.net Sent)" = "$last" ]' || fail "the copies did not go at once"
sleep 2
each_once "plain server, auto, remembered"
lib_daemon_stop || fail "followupd did not exit 0 on TERM"
ok "plain server, auto: one copy of each appended, then at once ('$(memory)' remembered)"

# A kill -9 while copies are held back loses none: the next start gives
# them their last look and appends them.
rm -rf "$ENV/state"
clear_mail
conf auto
invite k1 "Ada Brooks:ada@example.com,Ben Carter:ben@example.com"
last=0
lib_daemon_start
gone 3 || fail "the thank-yous did not go"
held=$(lib_sql "SELECT value FROM meta WHERE key='sent_copy.held'" | grep -c '<')
[ "$held" = 3 ] || fail "$held copies recorded as held, want 3"
kill -KILL "$DAEMON_PID"
wait "$DAEMON_PID" 2>/dev/null
DAEMON_PID=
[ "$(lib_count jane@example.net Sent)" = 0 ] || fail "copies appended before the looks were done"
lib_daemon_start
lib_wait 20 '[ "$(lib_count jane@example.net Sent)" = 3 ]' ||
	fail "after kill -9 and a restart Sent holds $(lib_count jane@example.net Sent) mails, want 3"
lib_wait 5 '[ -z "$(lib_sql "SELECT value FROM meta WHERE key='"'sent_copy.held'"'")" ]' ||
	fail "held copies still recorded after they were appended"
sleep 2
each_once "plain server, kill -9 while held"
lib_daemon_stop || fail "followupd did not exit 0 on TERM"
ok "kill -9 while 3 copies were held: the next start appended each once"

# sent_copy = "yes" on the filing server: two copies, as asked (the
# reason auto exists).
mailenv file-sent "$ENV" jane@example.net on || fail "file-sent"
conf yes
invite y1 "Ada Brooks:ada@example.com"
lib_daemon_start
gone 1 || fail "Ada's thank-you did not go"
mid=$(lib_sql "SELECT message_id FROM outbox WHERE status='sent' ORDER BY id DESC LIMIT 1")
lib_wait 10 '[ "$(in_sent "$mid")" = 2 ]' || fail "sent_copy = yes on the filing server: $(in_sent "$mid") copies, want 2"
lib_daemon_stop || fail "followupd did not exit 0 on TERM"
ok "sent_copy = yes: followupd appends even where the server files (2 copies)"
echo "PASS: $n checks"
