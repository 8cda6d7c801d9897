#!/bin/bash
# The outbox under SMTP faults and crashes: 450 is retried until Postfix
# accepts, 550 fails once and is never retried, and SIGKILL at every state
# commit while mails go out never sends one twice nor loses one.
set -u
. "$top_srcdir/tests/lib/lib.sh"

lib_start
lib_config "$ENV/followupd.conf" auto
export FOLLOWUPD_TEST_RETRY_SECONDS=2
T=$(date +%s)

# 450 for Ada, 550 for Ben; Chloe is fine.
mailenv smtp-reply "$ENV" ada@example.com 450 || fail "smtp-reply"
mailenv smtp-reply "$ENV" ben@example.com 550 || fail "smtp-reply"
lib_invite "$ENV/inv.eml" faults-1@google.com 0 "@$((T - 3*3600))" "@$((T - 2*3600))" REQUEST \
	"Ada Brooks:ada@example.com,Ben Carter:ben@example.com,Chloe Dent:chloe@example.com" inv-f1@example.com
mailenv deliver "$ENV" jane@example.net "$ENV/inv.eml"
lib_daemon_start
# The interview was over before followupd saw it: its mails wait for the
# user, who lets the thank-yous go.
lib_approve_late 4
lib_wait 20 '[ "$(lib_count chloe@example.com)" = 1 ]' || fail "Chloe got no thank-you"
ada=$(lib_ids "recipient_email='ada@example.com'")
ben=$(lib_ids "recipient_email='ben@example.com'")
lib_wait 20 '[ "$(lib_sql "SELECT status FROM outbox WHERE id=$ada")" = deferred ]' ||
	fail "450 did not defer Ada's mail ($(lib_sql "SELECT status FROM outbox WHERE id=$ada"))"
lib_wait 20 '[ "$(lib_sql "SELECT status FROM outbox WHERE id=$ben")" = failed ]' ||
	fail "550 did not fail Ben's mail"
lib_sql "SELECT last_error FROM outbox WHERE id=$ben" | grep -q 550 || fail "the failure does not say 550"
echo "ok: 450 deferred, 550 failed with the server's answer"
# Ada's mail is retried while the 450 lasts, then delivered once.
lib_wait 20 '[ "$(lib_sql "SELECT attempts FROM outbox WHERE id=$ada")" -ge 2 ]' || fail "no retry after 450"
mailenv smtp-reply "$ENV" ada@example.com ok
lib_wait 30 '[ "$(lib_count ada@example.com)" = 1 ]' || fail "Ada's mail was not delivered after the 450 ended"
[ "$(lib_sql "SELECT status FROM outbox WHERE id=$ada")" = sent ] || fail "Ada's mail is not marked sent"
sleep 3
[ "$(lib_sql "SELECT attempts FROM outbox WHERE id=$ben")" = 1 ] || fail "the 550 mail was tried again"
[ "$(lib_count ben@example.com)" = 0 ] || fail "Ben got a mail"
[ "$(lib_count ada@example.com)" = 1 ] || fail "Ada got $(lib_count ada@example.com) mails"
echo "ok: the deferred mail arrived once after Postfix accepted; the 550 one was never retried"
lib_daemon_stop || fail "followupd did not exit 0 on TERM"

# Crash test: kill the daemon after every k-th state commit while a batch
# of mails goes out, restart, repeat.  No recipient may get a mail twice,
# and every mail ends sent, or unknown (interrupted mid-send: never resent
# blindly; the user approves it, as this test does when it did not arrive).
rm -rf "$ENV/state"
recips="Ada Brooks:ada@example.com,Ben Carter:ben@example.com,Chloe Dent:chloe@example.com,Ravi Menon:ravi@example.com,Bob Smith:bob@example.org,Carol Jones:carol@example.org"
mailenv smtp-reply "$ENV" ben@example.com ok
for u in ada@example.com ben@example.com chloe@example.com ravi@example.com bob@example.org carol@example.org jane@example.net; do
	mailenv files "$ENV" "$u" | xargs -r rm -f
	mailenv files "$ENV" "$u" Sent 2>/dev/null | xargs -r rm -f
done
sleep 1
for i in 1 2 3; do
	lib_invite "$ENV/c$i.eml" crash-$i@google.com 0 "@$((T - 3*3600 - i*60))" "@$((T - 2*3600 - i*60))" REQUEST \
		"$recips" crash-inv-$i@example.com
	mailenv deliver "$ENV" jane@example.net "$ENV/c$i.eml"
done
# What the user does with a mail of unknown outcome: looks whether it
# arrived; if it did, cancels it (it is done), else approves it again.
# And the mails held found late are approved.
settle_unknowns() {
	local id mid to
	lib_approve_late_now    # the interviews were over when first seen
	for id in $(lib_ids "status='unknown'"); do
		mid=$(lib_sql "SELECT message_id FROM outbox WHERE id=$id")
		to=$(lib_sql "SELECT recipient_email FROM outbox WHERE id=$id")
		# (xargs -r exits 0 on no input: count the matches instead)
		if [ "$(mailenv files "$ENV" "$to" | xargs -r grep -lF "Message-ID: $mid" | wc -l)" -gt 0 ]; then
			lib_ctl cancel "$id" >/dev/null || fail "cancel $id"
			echo "$id" >>"$ENV/arrived-unknown"
		else
			lib_ctl approve "$id" >/dev/null || fail "approve $id"
		fi
	done
}
: >"$ENV/arrived-unknown"
kills=0
for k in 3 2 5 1 4 2 3 1 6 2 1 3 2; do
	FOLLOWUPD_CRASH_AFTER_COMMITS=$k "$FOLLOWUPD" -f --allow-root -c "$ENV/followupd.conf" >>"$ENV/daemon.log" 2>&1 &
	DAEMON_PID=$!
	wait "$DAEMON_PID"
	rc=$?
	DAEMON_PID=
	[ "$rc" = 99 ] && kills=$((kills + 1))
	settle_unknowns
done
waiting() {
	lib_sql "SELECT count(*) FROM outbox WHERE status IN ('pending','sending','deferred','unknown') AND due <= strftime('%s','now')"
}
for round in 1 2 3; do
	lib_daemon_start
	lib_wait 40 '[ "$(waiting)" = 0 ]'
	lib_daemon_stop
	settle_unknowns
	[ "$(waiting)" = 0 ] && break
done
[ "$(waiting)" = 0 ] || fail "mails still waiting after the crashes"
total=0
for id in $(lib_ids "status='sent' OR status='cancelled'"); do
	mid=$(lib_sql "SELECT message_id FROM outbox WHERE id=$id")
	to=$(lib_sql "SELECT recipient_email FROM outbox WHERE id=$id")
	st=$(lib_sql "SELECT status FROM outbox WHERE id=$id")
	n=$(mailenv files "$ENV" "$to" | xargs -r grep -lF "Message-ID: $mid" | wc -l)
	if [ "$st" = cancelled ] && ! grep -qx "$id" "$ENV/arrived-unknown"; then
		continue        # cancelled for a reason of the plan, not by the crash
	fi
	[ "$n" = 1 ] || fail "mail $id ($st) to $to arrived $n times"
	total=$((total + 1))
done
due_now=$(lib_sql "SELECT count(*) FROM outbox WHERE due <= strftime('%s','now') AND status NOT IN ('sent','cancelled','failed')")
[ "$due_now" = 0 ] || fail "$due_now due mails neither sent nor settled"
[ "$kills" -ge 8 ] || fail "only $kills of 13 runs were killed by the crash switch"
echo "ok: $kills kills at state commits, $total mails each delivered exactly once ($(wc -l <"$ENV/arrived-unknown") interrupted sends found delivered, none resent)"

# A crash in the middle of a send, with nothing else due at the restart:
# the interrupted mails are looked up in Sent at once, not when some other
# mail falls due (days later, for a nudge).  Set two sent mails back to
# "sending", as a kill -9 between the body-handed mark and the server's
# answer leaves them (the mark set after the status: a new "sending" starts
# without it): Chloe's, whose copy is in Sent, and Ravi's with a
# Message-ID that never went out.  (Without the mark they would be retried
# as certainly not sent: tests/unit/test_outbox.c, tests/faults/crash.sh.)
chloe=$(lib_ids "recipient_email='chloe@example.com' AND status='sent'" | head -n 1)
ravi=$(lib_ids "recipient_email='ravi@example.com' AND status='sent'" | head -n 1)
[ -n "$chloe" ] && [ -n "$ravi" ] || fail "no sent mails to interrupt"
sqlite3 "$ENV/state/state.db" "UPDATE outbox SET status='sending' WHERE id IN ($chloe, $ravi);
	UPDATE outbox SET handed_at=updated WHERE id IN ($chloe, $ravi);
	UPDATE outbox SET message_id='<never-sent.$ravi@example.net>' WHERE id=$ravi" ||
	fail "cannot set up the interrupted sends"
due_other=$(lib_sql "SELECT count(*) FROM outbox WHERE status IN ('pending','deferred') AND due <= strftime('%s','now')")
[ "$due_other" = 0 ] || fail "$due_other other mail(s) due: the case would prove nothing"
nchloe=$(lib_count chloe@example.com)
nravi=$(lib_count ravi@example.com)
lib_daemon_start
lib_wait 20 '[ "$(lib_sql "SELECT status FROM outbox WHERE id=$chloe")" = sent ] &&
	[ "$(lib_sql "SELECT status FROM outbox WHERE id=$ravi")" = unknown ]' ||
	fail "interrupted sends not settled at start with nothing else due (Chloe's: $(lib_sql "SELECT status FROM outbox WHERE id=$chloe"), Ravi's: $(lib_sql "SELECT status FROM outbox WHERE id=$ravi"))"
lib_daemon_stop || fail "followupd did not exit 0 on TERM"
[ "$(lib_count chloe@example.com)" = "$nchloe" ] || fail "Chloe's mail was sent again"
[ "$(lib_count ravi@example.com)" = "$nravi" ] || fail "Ravi's mail was sent blindly"
echo "ok: interrupted sends settled at start with nothing else due (in Sent -> sent, not in Sent -> unknown), none resent"
echo PASS
