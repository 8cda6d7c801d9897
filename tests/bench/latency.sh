#!/bin/bash
# Benchmark (issue 3): latency from APPEND to the message being recorded,
# followupd against imapfilter's enter_idle() on the same Dovecot in the
# same run.  BENCH_LATENCY_N rounds (default 200) after 5 warm-up rounds,
# BENCH_LATENCY_SPACING seconds between mails (default 0.2);
# BENCH_LATENCY_POLL seconds between reads of the store (default 0.0005).
set -u
. "$top_srcdir/tests/bench/common.sh"
bench_need imapfilter
N=${BENCH_LATENCY_N:-200}
SPACING=${BENCH_LATENCY_SPACING:-0.2}
# How often the store is read for followupd's row (seconds): imapfilter's
# line is read off its pipe at once, so a coarse poll would add half its
# period to followupd's times alone.
POLL=${BENCH_LATENCY_POLL:-0.0005}

bench_start
PEER=peer@example.net
PEER_PASS=$(printf '%08x%08x' "$SRANDOM" "$SRANDOM")
FLOOR=floor@example.net
FLOOR_PASS=$(printf '%08x%08x' "$SRANDOM" "$SRANDOM")
mailenv adduser "$ENV" "$PEER" "$PEER_PASS" || bench_fail "adduser"
mailenv adduser "$ENV" "$FLOOR" "$FLOOR_PASS" || bench_fail "adduser"
mkdir -p "$WORK/imapfilter" "$WORK/state"
chmod 700 "$WORK/imapfilter"
bench_config "$WORK/followupd.conf" "$WORK/state" review 30d none

python3 "$BENCH_DIR/latency.py" --work "$WORK" --followupd "$FOLLOWUPD" \
	--conf "$WORK/followupd.conf" --db "$WORK/state/state.db" \
	--port "$IMAP_PORT" --ca "$CA_FILE" --jane-pass "$PASS_jane" \
	--peer-user "$PEER" --peer-pass "$PEER_PASS" \
	--floor-user "$FLOOR" --floor-pass "$FLOOR_PASS" \
	--imapfilter-conf "$BENCH_DIR/imapfilter.lua" -n "$N" --spacing "$SPACING" --poll "$POLL" \
	>"$WORK/latency.json" &
PY=$!
bench_track "$PY"
wait "$PY" || {
	tail -n 20 "$WORK/daemon.log" "$WORK/imapfilter.log" 2>/dev/null >&2
	bench_fail "the latency driver failed"
}
BENCH_PIDS=

python3 - "$WORK/latency.json" "$N" "$SPACING" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
f, i, fl = r["followupd"], r["imapfilter"], r["floor"]
keys = ("median_ms", "p90_ms", "p99_ms", "max_ms")
print("\n### IMAP latency: APPEND to recorded (%s mails each, %s s apart)\n" % (sys.argv[2], sys.argv[3]))
print("| watcher | median ms | p90 ms | p99 ms | max ms | missed |")
print("|---|---|---|---|---|---|")
for name, s in (("followupd: in the store", f), ("imapfilter: enter_idle() + fetch", i),
                ("floor: bare IDLE sees EXISTS", fl)):
    print("| %s | %s | %d |" % (name, " | ".join("%.1f" % s[k] for k in keys), s["missed"]))
print("| ratio followupd / imapfilter | %s | |" % " | ".join("%.2f" % (f[k] / i[k]) for k in keys))
# What each client adds to the server's delay (medians; the tails of
# separate samples do not subtract).
print("| median minus the floor: followupd / imapfilter | %.1f / %.1f | | | | |" % (
    f["median_ms"] - fl["median_ms"], i["median_ms"] - fl["median_ms"]))
PY
