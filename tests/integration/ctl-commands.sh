#!/bin/sh
# followupctl without a mail server: help for every command (help COMMAND,
# COMMAND --help, -V), what status says first, retry, edit on held and
# failed mails, a wrong edit that keeps the user's text, and tables that
# stay aligned by display width ("Zürich", a very long company name).
# The state is made by one `followupd --once` that cannot reach a server;
# mails are put into the states a test needs with sqlite3.
set -u

: "${top_srcdir:?}" "${top_builddir:?}"
command -v sqlite3 >/dev/null 2>&1 || { echo "SKIP: no sqlite3"; exit 77; }
command -v python3 >/dev/null 2>&1 || { echo "SKIP: no python3"; exit 77; }

bindir=$(cd "$top_builddir/src" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/followupd-ctl.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
checks=0
fail() { echo "FAIL: $*"; exit 1; }
ok() { checks=$((checks + 1)); }

conf=$tmp/followupd.conf
cat > "$conf" <<CONF
me = { name = "Jane Doe"; addresses = ["jane.doe@example.net"]; timezone = "UTC"; };
imap = { url = "imaps://127.0.0.1:1"; password_command = "echo secret"; };
smtp = { url = "smtps://127.0.0.1:1"; };
state_dir = "$tmp/state";
templates_dir = "$top_srcdir/templates";
send = { mode = "review"; window = "00:00-00:00"; weekends = true; };
CONF
ctl() { "$bindir/followupctl" -c "$conf" "$@"; }
sql() { sqlite3 "$tmp/state/state.db" "$1"; }
root_flag=
[ "$(id -u)" -eq 0 ] && root_flag=--allow-root

# ---- conventions: help, --help, -V ----
for cmd in status interviews outbox log scan show approve hold cancel retry send-now edit \
	note add-interview check-config check-connection help; do
	out=$(ctl help "$cmd") || fail "help $cmd: exit $?"
	case $out in "usage: followupctl [-c FILE] $cmd"*) ;; *) fail "help $cmd: $out" ;; esac
	out2=$(ctl "$cmd" --help) || fail "$cmd --help: exit $?"
	[ "$out" = "$out2" ] || fail "$cmd --help differs from help $cmd"
	ok
done
ctl help | grep -q "^  retry ID " || fail "help does not list retry"
ctl help nosuch >/dev/null 2>&1; [ $? = 64 ] || fail "help of an unknown command is not 64"
for prog in followupctl followupd; do
	for opt in -V --version; do
		out=$("$bindir/$prog" $opt) || fail "$prog $opt: exit $?"
		case $out in "$prog "[0-9]*) ok ;; *) fail "$prog $opt: $out" ;; esac
	done
done
echo "ok: help COMMAND, COMMAND --help and -V"

"$bindir/followupd" $root_flag --once -c "$conf" >"$tmp/once.log" 2>&1
[ -f "$tmp/state/state.db" ] || { cat "$tmp/once.log"; fail "followupd made no state"; }
grep -q "already running" "$tmp/once.log" && fail "--once thought a daemon runs"

# ---- status on an empty state ----
ctl status >"$tmp/st" || fail "status"
[ "$(sed -n 1p "$tmp/st")" = "Nothing waits for you." ] || { cat "$tmp/st"; fail "first line"; }
grep -qx "followupd: not running" "$tmp/st" || fail "status does not say not running"
grep -q "^Next mail: *nothing scheduled" "$tmp/st" || fail "empty state has something scheduled"
ok

# ---- interviews: ended, in progress, upcoming ----
at() { date -u -d "$1" '+%Y-%m-%d %H:%M'; }
ctl add-interview --company "Zürich Versicherung" --role "SRE" --start "$(at '-5 hours')" \
	--end "$(at '-4 hours')" --interviewer "Ada Brooks <ada@zurich.example>" >/dev/null 2>&1 ||
	fail "add-interview (ended)"
ctl add-interview --company "The Extremely Long Company Name Holdings International Limited" \
	--role "Platform Engineer" --start "$(at '-30 minutes')" --end "$(at '+30 minutes')" \
	--interviewer "Ben Carter <ben@long.example>" >/dev/null 2>&1 || fail "add-interview (now)"
ctl add-interview --company "Initech" --start "$(at '+2 days')" --end "$(at '+2 days 1 hour')" \
	--interviewer "Cleo Park <cleo@initech.example>" >/dev/null 2>&1 || fail "add-interview (future)"
ctl status >"$tmp/st"
grep -qx "Interviews:   1 upcoming, 1 in progress, 1 done, 0 cancelled" "$tmp/st" ||
	{ cat "$tmp/st"; fail "interview counts"; }
ok
echo "ok: interviews counted upcoming, in progress, done"

# ---- held mails come first; they are never "nothing scheduled" ----
held=$(sql "SELECT count(*) FROM outbox WHERE status='held'")
[ "$held" -ge 5 ] || fail "only $held mails held"
now=$(date +%s)
sql "UPDATE outbox SET due=$((now - 60)) WHERE id IN (SELECT id FROM outbox WHERE status='held' ORDER BY id LIMIT 2)"
sql "UPDATE outbox SET due=$((now + 86400)) WHERE status='held' AND due > $((now - 60))"
ctl status >"$tmp/st"
[ "$(sed -n 1p "$tmp/st")" = "$held mails wait for you (2 due): followupctl outbox, then followupctl approve ID" ] ||
	{ cat "$tmp/st"; fail "first line with held mails"; }
grep -q "^Next mail: .*held: waits for your approval" "$tmp/st" || { cat "$tmp/st"; fail "next mail with held mails"; }
grep -q "nothing scheduled" "$tmp/st" && fail "held mails but nothing scheduled"
ok
echo "ok: status starts with $held held mails (2 due)"

# ---- failed and unknown mails ----
ids=$(sql "SELECT id FROM outbox WHERE status='held' ORDER BY id")
f=$(echo $ids | cut -d' ' -f1)
u=$(echo $ids | cut -d' ' -f2)
h=$(echo $ids | cut -d' ' -f3)
s=$(echo $ids | cut -d' ' -f4)
sql "UPDATE outbox SET status='failed', attempts=3, first_attempt=$((now - 90000)), last_error='550 5.1.1 no such user' WHERE id=$f"
sql "UPDATE outbox SET status='unknown', attempts=1, first_attempt=$((now - 600)) WHERE id=$u"
sql "UPDATE outbox SET status='sent', sent_at=$now WHERE id=$s"
ctl status >"$tmp/st"
[ "$(sed -n 1p "$tmp/st")" = "$((held - 3)) mails wait for you (0 due): followupctl outbox, then followupctl approve ID" ] ||
	{ cat "$tmp/st"; fail "held line after changes"; }
[ "$(sed -n 2p "$tmp/st")" = "1 mail failed: followupctl outbox --all, then followupctl retry ID" ] ||
	{ cat "$tmp/st"; fail "failed line"; }
sed -n 3p "$tmp/st" | grep -q "^1 mail may or may not have left (outcome unknown): followupctl outbox" ||
	{ cat "$tmp/st"; fail "unknown line"; }
[ "$(sed -n 4p "$tmp/st")" = "followupd: not running" ] || { cat "$tmp/st"; fail "daemon line"; }
ok
echo "ok: failed and unknown mails are named, with what to do"

# ---- edit: held and failed mails; a wrong edit keeps the text ----
EDITOR="sed -i 's/^Hi Ada,/Dear Ada,/'" ctl edit "$f" >"$tmp/out" 2>&1 || { cat "$tmp/out"; fail "edit failed mail"; }
grep -q "stays failed until followupctl retry $f" "$tmp/out" || fail "edit of a failed mail: $(cat "$tmp/out")"
ctl show "$f" --raw | grep -q "^Dear Ada," || fail "the failed mail's edit was not saved"
[ "$(sql "SELECT status FROM outbox WHERE id=$f")" = failed ] || fail "the edit changed the status"
EDITOR="sed -i 's/^Subject: .*/Subject: Edited while held/'" ctl edit "$h" >/dev/null 2>&1 || fail "edit held mail"
ctl show "$h" --raw | grep -q "^Subject: Edited while held" || fail "the held mail's edit was not saved"
EDITOR=true ctl edit "$s" >"$tmp/out" 2>&1; rc=$?
[ $rc = 65 ] && grep -q "too late to edit" "$tmp/out" || fail "edit of a sent mail: $rc $(cat "$tmp/out")"
ok
before=$(ctl show "$h" --raw | md5sum)
EDITOR="sed -i -e 's/^To: .*/To: Ada <ada@>/' -e 's/^Subject: .*/Subject: My careful words/'" \
	ctl edit "$h" </dev/null >"$tmp/out" 2>&1; rc=$?
[ $rc = 65 ] || fail "a wrong edit: exit $rc, want 65"
grep -q "ada@" "$tmp/out" || fail "a wrong edit does not say what is wrong: $(cat "$tmp/out")"
kept=$(sed -n 's/.*your text is kept in //p' "$tmp/out")
[ -n "$kept" ] && [ -f "$kept" ] || fail "a wrong edit: no file kept: $(cat "$tmp/out")"
grep -q "^Subject: My careful words" "$kept" || fail "the kept file lacks the edit"
[ "$(ctl show "$h" --raw | md5sum)" = "$before" ] || fail "a wrong edit changed the mail"
ok
if command -v script >/dev/null 2>&1; then
	# On a terminal: asked to edit again (twice wrong, then no).
	printf 'y\nn\n' | EDITOR="sed -i 's/^To: .*/To: <ada@>/'" script -qec \
		"'$bindir/followupctl' -c '$conf' edit $h" /dev/null >"$tmp/tty" 2>&1
	[ "$(grep -c 'Edit again? \[y/n\]' "$tmp/tty")" = 2 ] || { cat "$tmp/tty"; fail "no Edit again? prompt"; }
	grep -q "your text is kept in" "$tmp/tty" || fail "answering no does not keep the text"
	ok
fi
echo "ok: edit works on held and failed mails; a wrong edit is kept (exit 65)"

# ---- retry ----
ctl retry "$h" >"$tmp/out" 2>&1; rc=$?
[ $rc = 65 ] && grep -q "mail $h is held: it waits for you (followupctl approve $h" "$tmp/out" ||
	fail "retry of a held mail: $rc $(cat "$tmp/out")"
ctl retry "$s" >/dev/null 2>&1; [ $? = 65 ] || fail "retry of a sent mail is not refused"
ctl retry "$f" >"$tmp/out" 2>&1 || fail "retry failed mail: $(cat "$tmp/out")"
row=$(sql "SELECT status, attempts, ifnull(first_attempt, 0), ifnull(next_attempt, 0), abs(due - $(date +%s)) < 60 FROM outbox WHERE id=$f")
[ "$row" = "held|0|0|0|1" ] || fail "retried mail: $row, want held|0|0|0|1"
ctl retry "$u" >/dev/null 2>&1 || fail "retry unknown mail"
[ "$(sql "SELECT status FROM outbox WHERE id=$u")" = held ] || fail "retried unknown mail not held"
ctl log | grep -q "mail $f to ada@zurich.example: retried by hand (was failed: 550 5.1.1 no such user), now held" ||
	fail "no retry event in the log"
ctl retry 9999 >/dev/null 2>&1; [ $? = 65 ] || fail "retry of no mail"
ok
sed -i 's/mode = "review"/mode = "auto"/' "$conf"
sql "UPDATE outbox SET status='failed' WHERE id=$f"
ctl retry "$f" | grep -q "pending, due now" || fail "retry in auto mode is not pending"
sed -i 's/mode = "auto"/mode = "review"/' "$conf"
ok
echo "ok: retry sends failed and unknown mails again, refuses the rest"

# ---- tables: columns by display width ----
check_columns() {	# LISTING...: every row's columns start where the header's do
	ctl "$@" >"$tmp/table" || fail "$*"
	python3 - "$tmp/table" <<'PY' || fail "$* is not aligned: $(cat "$tmp/table")"
import re, sys, unicodedata
def width(s):
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
               for c in s)
def starts(line):
    return [width(line[:m.start()]) for m in re.finditer(r"(?:^|(?<=  ))\S", line)]
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
head = starts(lines[0])
for l in lines[1:]:
    if l.startswith(" "):
        continue        # a held mail's reason, on a line of its own
    s = starts(l)
    if s[:len(head)] != head[:len(s)] or len(s) < len(head) - 1:
        sys.exit("row %r starts columns at %s, header at %s" % (l, s, head))
PY
}
check_columns interviews --all
check_columns outbox --all
grep -q "Zürich Versicherung" "$tmp/table" || fail "Zürich lost in the outbox"
ctl interviews --all >"$tmp/table"
grep -q "The Extremely Long Comp…  Platform Engineer" "$tmp/table" ||
	fail "a long company is not cut with an ellipsis: $(cat "$tmp/table")"
grep -q "Zürich Versicherung       SRE" "$tmp/table" || fail "Zürich is not padded by display width"
ok
echo "ok: tables aligned by display width, long values cut with …"
# ---- one interview at a time: approve --interview, cancel --interview ----
iv=$(sql "SELECT id FROM interviews WHERE application_id IN (SELECT id FROM applications WHERE company='Initech')")
nheld=$(sql "SELECT count(*) FROM outbox WHERE interview_id=$iv AND status='held'")
[ "$nheld" -ge 1 ] || fail "Initech's interview has no held mail"
ctl approve --interview "$iv" >"$tmp/out" 2>&1 || fail "approve --interview: $(cat "$tmp/out")"
[ "$(grep -c ': pending$' "$tmp/out")" = "$nheld" ] || fail "approve --interview: $(cat "$tmp/out")"
[ "$(sql "SELECT count(*) FROM outbox WHERE status='held' AND interview_id=$iv")" = 0 ] ||
	fail "approve --interview left mails held"
[ "$(sql "SELECT count(*) FROM outbox WHERE status='held'")" -gt 0 ] || fail "approve --interview approved others"
ctl cancel --interview "$iv" >"$tmp/out" 2>&1 || fail "cancel --interview: $(cat "$tmp/out")"
grep -qx "interview $iv: cancelled, and $nheld waiting mail(s) with it" "$tmp/out" ||
	fail "cancel --interview says: $(cat "$tmp/out")"
[ "$(sql "SELECT status FROM interviews WHERE id=$iv")" = cancelled ] || fail "the interview is not cancelled"
ctl cancel --interview "$iv" >"$tmp/out" 2>&1; rc=$?
[ $rc = 65 ] && grep -q "is cancelled already" "$tmp/out" || fail "cancel --interview twice: $rc $(cat "$tmp/out")"
ctl cancel --interview 999 >"$tmp/out" 2>&1; rc=$?
[ $rc = 65 ] && grep -q "no interview 999" "$tmp/out" || fail "cancel --interview 999: $rc $(cat "$tmp/out")"
ctl hold --interview "$iv" >"$tmp/out" 2>&1; rc=$?
[ $rc = 64 ] || fail "hold --interview is not a usage error: $rc"
ok
echo "ok: approve and cancel one interview's mails with --interview"
echo "PASS ($checks checks)"
