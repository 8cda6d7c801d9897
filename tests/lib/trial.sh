#!/bin/bash
# trial.sh SETDIR OUTDIR: a new user's first day, in auto mode, on a whole
# set of mails (a blind set: SETDIR/mails/*.eml and SETDIR/me.conf).
#
# For the maintainer, not part of make check: it starts the private Dovecot
# and Postfix of mailenv.sh, delivers the set's mails to the user's INBOX
# in the order of their Date, lets followupd (auto mode, lookback 400d)
# read them, and writes to OUTDIR what a user would read on the first
# evening: followupctl status, interviews --all, outbox --all, unplaced and log, and
# the exact bytes of every mail that waits to go (show ID), one file each.
# Nothing leaves: the send window is one minute half a day away.  Read
# every mail: a thank-you to the wrong people, the wrong company or role,
# the user's own words where they do not belong, or a mail that should be
# held and is not, is a bug however the recogniser scored.
#
# Run from a build directory: top_srcdir=SRC top_builddir=. trial.sh SET OUT
set -u
[ $# -eq 2 ] || { echo "usage: trial.sh SETDIR OUTDIR" >&2; exit 2; }
SET=$(cd "$1" && pwd) || exit 2
OUT=$2
[ -f "$SET/me.conf" ] && [ -d "$SET/mails" ] || { echo "trial.sh: $SET has no me.conf and mails/" >&2; exit 2; }
top_srcdir=$(cd "${top_srcdir:?}" && pwd) top_builddir=$(cd "${top_builddir:?}" && pwd) || exit 2
. "$top_srcdir/tests/lib/lib.sh"
mkdir -p "$OUT" && OUT=$(cd "$OUT" && pwd) || exit 2
rm -f "$OUT"/show-*.txt

lib_start
# The set's user, then the test servers; the window is closed now and for
# the next half day (HH:MM-HH:MM one minute long, 12 h from now).
w=$(date -d '+12 hours' +%H:%M)
w2=$(date -d '+12 hours 1 minute' +%H:%M)
lib_config "$ENV/base.conf" auto
{
	cat "$SET/me.conf"
	sed -e '1,2d' -e "s/window = \"00:00-00:00\"/window = \"$w-$w2\"/" \
		-e 's/lookback = "30d"/lookback = "400d"/' "$ENV/base.conf"
} >"$ENV/followupd.conf"
"$FOLLOWUPCTL" -c "$ENV/followupd.conf" check-config >/dev/null || fail "the config: $(cat "$ENV/followupd.conf")"

# Deliver in Date order (a mailbox is read in arrival order).
python3 - "$SET/mails" >"$ENV/order" <<'PY' || fail "cannot read the set's Dates"
import email.utils, glob, os, sys
rows = []
for f in glob.glob(os.path.join(sys.argv[1], '*.eml')):
    with open(f, 'rb') as fh:
        head = fh.read(65536).split(b'\n\n', 1)[0].split(b'\r\n\r\n', 1)[0].decode('latin-1')
    d = None
    for line in head.replace('\r\n', '\n').split('\n'):
        if line.lower().startswith('date:'):
            try:
                d = email.utils.parsedate_to_datetime(line[5:].strip()).timestamp()
            except (TypeError, ValueError):
                pass
            break
    rows.append((d or 0, f))
for _, f in sorted(rows):
    print(f)
PY
NMAILS=0
while IFS= read -r f; do
	mailenv deliver "$ENV" jane@example.net "$f" || fail "deliver $f"
	NMAILS=$((NMAILS + 1))
done <"$ENV/order"

lib_daemon_start
lib_wait 120 '[ "$(lib_sql "SELECT count(*) FROM messages_seen")" -ge "$NMAILS" ]' ||
	fail "followupd read $(lib_sql "SELECT count(*) FROM messages_seen") of $NMAILS mails"
sleep 3
lib_daemon_stop || true

ctl() { "$FOLLOWUPCTL" -c "$ENV/followupd.conf" "$@"; }
ctl status >"$OUT/status.txt" 2>&1
ctl interviews --all >"$OUT/interviews.txt" 2>&1
ctl outbox --all >"$OUT/outbox.txt" 2>&1
ctl unplaced >"$OUT/unplaced.txt" 2>&1
ctl log >"$OUT/log.txt" 2>&1
cp "$ENV/daemon.log" "$OUT/daemon.log"
for id in $(lib_sql "SELECT id FROM outbox WHERE status NOT IN ('cancelled') ORDER BY id"); do
	{
		lib_sql "SELECT 'status: ' || status || coalesce('  (' || hold_reason || ')', '') FROM outbox WHERE id=$id"
		ctl show "$id"
	} >"$OUT/show-$id.txt" 2>&1
done
echo "trial: $NMAILS mails read; $(lib_sql "SELECT count(*) FROM interviews") interviews;" \
	"mails: $(lib_sql "SELECT group_concat(status || ' ' || c, ', ') FROM (SELECT status, count(*) c FROM outbox GROUP BY status)")"
echo "trial: read $OUT/status.txt, outbox.txt and every show-*.txt"
