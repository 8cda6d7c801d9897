#!/bin/bash
# Benchmark (issue 4): `followupctl scan --json` throughput over the shared
# corpus, repeated (symlinks) to about BENCH_SCAN_FILES files (default
# 5000), with the sandboxed parser (the default) and with --no-sandbox, so
# the sandbox's cost per mail shows.  Each mode runs BENCH_SCAN_REPEAT times
# (default 5; the order alternates) and the median run counts.  The two
# modes must print the same JSON.  Needs no mail server.
#
# BENCH_SCAN_PEER=/path/to/another/followupctl (e.g. the main branch's
# build) measures that one too, the same way and interleaved with this
# build's runs, so a before/after comparison comes from one run on the
# same load; its JSON must be the same as well.
set -u
: "${top_srcdir:?}" "${top_builddir:?}"
FOLLOWUPCTL="$top_builddir/src/followupctl"
CORPUS=${BENCH_CORPUS:-"$top_srcdir/../shared/corpus"}
TARGET=${BENCH_SCAN_FILES:-5000}
REPEAT=${BENCH_SCAN_REPEAT:-5}
PEER=${BENCH_SCAN_PEER:-}
MODES="sb nosb"
if [ -n "$PEER" ]; then
	[ -x "$PEER" ] || { echo "bench: BENCH_SCAN_PEER=$PEER is not executable" >&2; exit 1; }
	MODES="sb nosb peer-sb peer-nosb"
fi
command -v /usr/bin/time >/dev/null || { echo "SKIP: GNU time is not installed"; exit 77; }
[ -d "$CORPUS" ] || { echo "SKIP: no corpus at $CORPUS"; exit 77; }
[ -x "$FOLLOWUPCTL" ] || { echo "bench: no $FOLLOWUPCTL: build first" >&2; exit 1; }

WORK=$(mktemp -d /tmp/fb.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
trap 'exit 130' INT TERM

mapfile -t src < <(find "$CORPUS" -type f ! -name '*.md' | LC_ALL=C sort)
[ "${#src[@]}" -gt 0 ] || { echo "SKIP: the corpus is empty"; exit 77; }
mkdir "$WORK/c"
n=0
while [ "$n" -lt "$TARGET" ]; do
	for f in "${src[@]}"; do
		[ "$n" -lt "$TARGET" ] || break
		ln -s "$f" "$WORK/c/$(printf '%05d' "$n")-${f##*/}"
		n=$((n + 1))
	done
done
bytes=$(du -L -c -b "${src[@]}" | tail -n 1 | cut -f 1)

# run MODE I: one timed scan; times go to $WORK/t-MODE-I ("wall user sys KiB").
# (MODE: sb, nosb, peer-sb, peer-nosb.)
run() {
	local opt=() ctl="$FOLLOWUPCTL"
	case $1 in *nosb) opt=(--no-sandbox) ;; esac
	case $1 in peer-*) ctl=$PEER ;; esac
	/usr/bin/time -f '%e %U %S %M' -o "$WORK/t-$1-$2" \
		"$ctl" scan --json "${opt[@]}" "$WORK"/c/* >"$WORK/out-$1" 2>"$WORK/err-$1" ||
		{ echo "bench: $ctl scan (${opt[*]:-sandbox}) failed:" >&2; tail -n 5 "$WORK/err-$1" >&2; exit 1; }
}
for i in $(seq 1 "$REPEAT"); do
	order=$MODES
	[ $((i % 2)) = 0 ] && order=$(echo $MODES | tr ' ' '\n' | tac | tr '\n' ' ')
	for m in $order; do run "$m" "$i"; done
done
same=yes
for m in $MODES; do
	lines=$(wc -l <"$WORK/out-$m")
	[ "$lines" = "$n" ] || { echo "bench: $m printed $lines lines for $n files" >&2; exit 1; }
	cmp -s "$WORK/out-sb" "$WORK/out-$m" || same=no
done
unreadable=$(grep -c unreadable "$WORK/err-sb")

# median MODE FIELD: the median of a field over the runs (1 wall, 2 user, 3 sys, 4 KiB).
median() {
	cat "$WORK"/t-"$1"-* | awk -v f="$2" '{ print $f }' | sort -g |
		awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}
cpu() { cat "$WORK"/t-"$1"-* | awk '{ print $2 + $3 }' | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
ws=$(median sb 1)
wn=$(median nosb 1)
cs=$(cpu sb)
cn=$(cpu nosb)

echo
echo "### followupctl scan over the corpus (${#src[@]} files, $((bytes / 1024)) KiB, repeated to $n files; median of $REPEAT runs)"
echo
printf '| mode | seconds | mails/s | wall µs/mail | CPU µs/mail | peak RSS KiB |\n|---|---|---|---|---|---|\n'
for m in $MODES; do
	w=$(median $m 1)
	c=$(cpu $m)
	case $m in
	sb) label="sandboxed (default)" ;;
	nosb) label="--no-sandbox" ;;
	peer-sb) label="peer, sandboxed" ;;
	peer-nosb) label="peer, --no-sandbox" ;;
	esac
	awk -v l="$label" -v n="$n" -v w="$w" -v c="$c" -v r="$(median $m 4)" 'BEGIN {
		printf "| %s | %.2f | %.0f | %.0f | %.0f | %d |\n", l, w, n / w, w / n * 1e6, c / n * 1e6, r }'
done
awk -v n="$n" -v ws="$ws" -v wn="$wn" -v cs="$cs" -v cn="$cn" -v same="$same" -v u="$unreadable" \
	-v peer="${PEER:+ and from the peer}" 'BEGIN {
	printf "| sandbox cost | %.2f | | %.0f µs/mail (x%.2f) | %.0f µs/mail | |\n", ws - wn, (ws - wn) / n * 1e6, ws / wn, (cs - cn) / n * 1e6
	printf "\nSame JSON with and without the sandbox%s: %s; files the parser could not read: %d\n", peer, same, u }'
if [ -n "$PEER" ]; then
	awk -v ws="$ws" -v wn="$wn" -v ps="$(median peer-sb 1)" -v pn="$(median peer-nosb 1)" -v p="$PEER" 'BEGIN {
		printf "\nThis build against the peer (%s), throughput: x%.2f sandboxed, x%.2f with --no-sandbox\n", p, ps / ws, pn / wn }'
fi
