#!/bin/sh
# Replay the saved fuzz findings (tests/fuzz/regressions/NAME/*) and the
# seed corpora (tests/fuzz/seeds.sh: the shared corpus when present, the
# test mails, configs and templates) through each harness, built without
# libFuzzer (tests/fuzz/replay_main.c) by the normal build, so every
# `make check` (and the --enable-sanitizers build in CI) proves the fixed
# bugs stay fixed and every harness promise holds on the seeds.
# FUZZ_REPLAY_WRAPPER runs each replay under another program, e.g.
#   FUZZ_REPLAY_WRAPPER="valgrind -q --error-exitcode=9 --leak-check=full
#     --errors-for-leak-kinds=definite --suppressions=tests/lib/valgrind-message.supp
#     --suppressions=tests/fuzz/valgrind.supp"
set -u
srcdir=${top_srcdir:-.}
builddir=${top_builddir:-.}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fuzz-replay.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
export LSAN_OPTIONS="suppressions=$srcdir/tests/fuzz/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export TMPDIR="$tmp"

fail=0
for name in recognise ics template config; do
	bin="$builddir/tests/fuzz/replay_$name"
	if [ ! -x "$bin" ]; then
		echo "FAIL: $bin not built"
		fail=1
		continue
	fi
	top_srcdir=$srcdir sh "$srcdir/tests/fuzz/seeds.sh" "$name" "$tmp/seeds-$name" >/dev/null || {
		echo "FAIL: seeds for $name"
		fail=1
		continue
	}
	set -- "$tmp/seeds-$name"/*
	nseeds=$#
	nreg=0
	if [ -d "$srcdir/tests/fuzz/regressions/$name" ]; then
		for f in "$srcdir/tests/fuzz/regressions/$name"/*; do
			case $f in *README*|*'*') continue ;; esac
			set -- "$@" "$f"
			nreg=$((nreg + 1))
		done
	fi
	# libical warns on stderr for every broken calendar: keep the log
	# and show its end only when something fails.
	if ${FUZZ_REPLAY_WRAPPER:-} "$bin" "$@" >"$tmp/$name.log" 2>&1; then
		echo "ok: $name: $nreg regressions, $nseeds seeds"
	else
		echo "FAIL: $name (exit $?); last lines of its output:"
		tail -n 40 "$tmp/$name.log"
		fail=1
	fi
done
exit $fail
