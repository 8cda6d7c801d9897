#!/bin/bash
# Benchmark (issue 5): BENCH_SEND_N queued mails (default 200) sent through
# the test Postfix's submission port (STARTTLS, AUTH PLAIN, the test CA),
# followupd against msmtp run once per mail, in the same run.
#
#   followupd   N past interviews entered with followupctl add-interview
#               (auto mode, grace 0, an all-day window; one interviewer
#               each, so N thank-yous are due at once); the daemon starts
#               and we time from its start to the last mail `sent` in the
#               store (SQLite polled every 10 ms), and the delivery round
#               alone, from the first mail claimed (`sending`) to the last
#               `sent`.  Run twice: with sent_folder = "none" (like msmtp:
#               no copy kept) and with copies APPENDed to Sent.
#   msmtp       the same N messages (the exact bytes followupd sent, from
#               `followupctl show --raw`), one `msmtp -t` per mail, in a
#               row, with an msmtprc for the same port, TLS and AUTH.
#
# The floor: the same bytes over one connection (smtplib), in the same run.
#
# Between phases Postfix's queue drains into the mailboxes, so one phase's
# LMTP deliveries do not run during the next one.
#
# followupd saves the copies of up to 16 sent mails in Sent with one
# MULTIAPPEND whose answer it reads while the next mails go.  With copies
# the round ends when the last mail is `sent` AND all N copies are in the
# Sent Maildir (its new/ and cur/ polled with the store), so Dovecot's
# saving of the last group is inside the time.
set -u
. "$top_srcdir/tests/bench/common.sh"
bench_need msmtp
N=${BENCH_SEND_N:-200}
RCPTS=("Ada Brooks <ada@example.com>" "Ben Carter <ben@example.com>"
	"Chloe Dent <chloe@example.com>" "Ravi Menon <ravi@example.com>")

now_s() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

bench_start
EXTRA='reflection = { enabled = false; };
status_nudge = { enabled = false; };
reference_warning = { enabled = false; };'

# delivered: messages in the four recipients' INBOXes.
delivered() {
	local t=0 r
	for r in ada@example.com ben@example.com chloe@example.com ravi@example.com; do
		t=$((t + $(mailenv count "$ENV" "$r")))
	done
	echo "$t"
}
# drain WANT: wait (up to 120 s) until Postfix delivered that many in all.
drain() {
	local i
	for i in $(seq 1 600); do
		[ "$(delivered)" -ge "$1" ] && return 0
		sleep 0.2
	done
	bench_fail "only $(delivered) of $1 mails arrived in the mailboxes"
}

# queue STATE CONF: N past interviews with one interviewer each.
queue() {
	local i start end
	mkdir -p "$1"
	# followupctl works on the daemon's state: one pass makes it.
	"$FOLLOWUPD" --once --allow-root -c "$2" 2>"$1.once.log" ||
		{ cat "$1.once.log" >&2; bench_fail "followupd --once failed"; }
	start=$(date -u -d "-4 hours" +%Y-%m-%dT%H:%M:00Z)
	end=$(date -u -d "-3 hours" +%Y-%m-%dT%H:%M:00Z)
	for i in $(seq 1 "$N"); do
		"$FOLLOWUPCTL" -c "$2" add-interview --company "Company $i" --role "Engineer" \
			--start "$start" --end "$end" --interviewer "${RCPTS[$(((i - 1) % ${#RCPTS[@]}))]}" \
			>/dev/null 2>>"$1.add.log" ||
			bench_fail "add-interview $i failed"
	done
	# Interviews already over when entered are held "found late": let
	# them go, as the user would.
	"$FOLLOWUPCTL" -c "$2" approve --all >/dev/null || bench_fail "approve --all failed"
	local due
	due=$(bench_sql "$1/state.db" "SELECT count(*) FROM outbox WHERE status='pending' AND due <= strftime('%s','now')")
	[ "$due" = "$N" ] || bench_fail "$due mails due, want $N"
}

# followupd_phase NAME SENT_FOLDER: sets TOTAL and ROUND (seconds).
followupd_phase() {
	local st=$WORK/state-$1 conf=$WORK/$1.conf t0 out pid
	bench_config "$conf" "$st" auto 30d "$2" "$EXTRA"
	queue "$st" "$conf"
	# The poller is up before the daemon starts, so it misses nothing.
	rm -f "$WORK/poll-$1.ready" "$WORK/poll-$1.out"
	local sentdir=-
	# The Sent Maildir (tests/lib/mailenv.sh's layout), when copies are kept.
	[ -z "$2" ] && sentdir=$ENV/mail/example.net/jane/Maildir/.Sent
	python3 - "$st/state.db" "$N" "$WORK/poll-$1.ready" "$sentdir" >"$WORK/poll-$1.out" <<'PY' &
import os, sqlite3, sys, time
db = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True, isolation_level=None)
n = int(sys.argv[2])
sentdir = None if sys.argv[4] == "-" else sys.argv[4]
def copies():
    if sentdir is None:
        return n
    c = 0
    for sub in ("new", "cur"):
        try:
            c += len(os.listdir(os.path.join(sentdir, sub)))
        except FileNotFoundError:
            pass
    return c
q = ("SELECT count(*) FILTER (WHERE status IN ('sending','sent')),"
     " count(*) FILTER (WHERE status = 'sent') FROM outbox")
db.execute(q).fetchone()
open(sys.argv[3], "w").close()
first = None
deadline = time.time() + 600
while time.time() < deadline:
    claimed, sent = db.execute(q).fetchone()
    now = time.time()
    if claimed and first is None:
        first = now
    if sent >= n and copies() >= n:
        print("%.6f %.6f" % (first, now))
        sys.exit(0)
    time.sleep(0.01)
sys.exit("timed out: %d of %d sent, %d copies" % (sent, n, copies()))
PY
	poller=$!
	bench_track "$poller"
	for _ in $(seq 1 300); do [ -e "$WORK/poll-$1.ready" ] && break; sleep 0.05; done
	[ -e "$WORK/poll-$1.ready" ] || bench_fail "the store poller did not start"
	t0=$(now_s)
	"$FOLLOWUPD" -f -v --allow-root -c "$conf" >"$WORK/daemon-$1.log" 2>&1 &
	pid=$!
	bench_track "$pid"
	wait "$poller" || { tail -n 20 "$WORK/daemon-$1.log" >&2; bench_fail "followupd ($1) did not send them all"; }
	out=$(cat "$WORK/poll-$1.out")
	kill -TERM "$pid"
	wait "$pid"
	BENCH_PIDS=
	TOTAL=$(elapsed "$t0" "${out#* }")
	ROUND=$(elapsed "${out% *}" "${out#* }")
}

# Warm up Postfix (smtpd, tlsmgr, the SASL path) with one mail, not counted.
cat >"$WORK/msmtprc" <<RC
defaults
tls on
tls_starttls on
tls_trust_file $CA_FILE
logfile $WORK/msmtp.log
account bench
host 127.0.0.1
port $SUBMISSION_PORT
from jane@example.net
auth plain
user jane@example.net
password $PASS_jane
account default : bench
RC
chmod 600 "$WORK/msmtprc"
bench_mail "$WORK/warm.eml" "warm-up@bench.example"
msmtp -C "$WORK/msmtprc" ravi@example.com <"$WORK/warm.eml" || bench_fail "msmtp warm-up failed"
want=1
drain "$want"

followupd_phase nocopy none
fa_total=$TOTAL fa_round=$ROUND
want=$((want + N))
drain "$want"
echo "send: followupd (no copies) done" >&2

# msmtp: the very bytes followupd sent, one process per mail.
mkdir "$WORK/mails"
for id in $(bench_sql "$WORK/state-nocopy/state.db" "SELECT id FROM outbox WHERE status='sent' ORDER BY id"); do
	"$FOLLOWUPCTL" -c "$WORK/nocopy.conf" show "$id" --raw >"$WORK/mails/$id.eml" ||
		bench_fail "followupctl show $id --raw failed"
done
t0=$(now_s)
for f in "$WORK"/mails/*.eml; do
	msmtp -C "$WORK/msmtprc" -t <"$f" || bench_fail "msmtp failed on $f"
done
t1=$(now_s)
m_total=$(elapsed "$t0" "$t1")
want=$((want + N))
drain "$want"
echo "send: msmtp done" >&2

# The floor: the same bytes over one SMTP connection (Python's smtplib:
# STARTTLS trusting the test CA, AUTH PLAIN, one MAIL/RCPT/DATA after the
# other, nothing else), timed from before the connection to after QUIT.
t0=$(now_s)
python3 - "$SUBMISSION_PORT" "$CA_FILE" "$PASS_jane" "$WORK"/mails/*.eml <<'PY' ||
import email, email.policy, email.utils, smtplib, ssl, sys
port, ca, password, files = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4:]
s = smtplib.SMTP("127.0.0.1", port)
s.starttls(context=ssl.create_default_context(cafile=ca))
s.login("jane@example.net", password)
for f in files:
    raw = open(f, "rb").read()
    m = email.message_from_bytes(raw, policy=email.policy.compat32)
    rcpts = [a for _, a in email.utils.getaddresses(m.get_all("To", []))]
    s.sendmail("jane@example.net", rcpts, raw)
s.quit()
PY
	bench_fail "the one-connection floor (smtplib) failed"
t1=$(now_s)
f_total=$(elapsed "$t0" "$t1")
want=$((want + N))
drain "$want"
echo "send: smtplib floor done" >&2

followupd_phase copies ""
fc_total=$TOTAL fc_round=$ROUND
want=$((want + N))
drain "$want"
copies=$(mailenv count "$ENV" jane@example.net Sent)

per() { awk -v t="$1" -v n="$N" 'BEGIN { printf "%.1f", t / n * 1000 }'; }
echo
echo "### Sending $N queued mails through the test Postfix (submission, STARTTLS, AUTH PLAIN)"
echo
bench_row "sender" "seconds, start to last sent" "seconds, delivery round" "ms/mail (round)" "ratio to msmtp (round)"
bench_row "---" "---" "---" "---" "---"
bench_row "followupd, no copy kept" "$fa_total" "$fa_round" "$(per "$fa_round")" "$(bench_ratio "$fa_round" "$m_total")"
bench_row "followupd, copy APPENDed to Sent ($copies copies)" "$fc_total" "$fc_round" "$(per "$fc_round")" "$(bench_ratio "$fc_round" "$m_total")"
bench_row "msmtp, one process per mail" "$m_total" "$m_total" "$(per "$m_total")" "1.00"
bench_row "floor: one connection, Python smtplib" "$f_total" "$f_total" "$(per "$f_total")" "$(bench_ratio "$f_total" "$m_total")"
echo
echo "followupd over the floor (no copy kept): $(awk -v a="$fa_round" -v b="$f_total" -v n="$N" 'BEGIN { printf "%+.1f ms/mail, x%.2f", (a - b) / n * 1000, a / b }')"
