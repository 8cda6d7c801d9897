#!/bin/sh
# Run each libFuzzer harness (tests/fuzz) for a short time; fail on any
# finding.  FUZZ_SECONDS per harness (default 15; CI uses 60).  Needs
# clang-14 with its fuzzer runtime (Debian/Ubuntu: clang-14,
# libclang-rt-14-dev); skips (77) without it.  Builds into $FUZZ_OUT when
# set (kept, so later runs start from what was learnt), else into a
# temporary directory that is removed unless something was found.
set -u
srcdir=${top_srcdir:-.}
# CI (CI=true in the environment) runs each harness for a minute.
if [ "${CI:-}" = true ]; then secs=${FUZZ_SECONDS:-60}; else secs=${FUZZ_SECONDS:-15}; fi
cc=${FUZZ_CC:-clang-14}

if ! command -v "$cc" >/dev/null 2>&1; then
	echo "$cc not found: skipped"
	exit 77
fi
keep=${FUZZ_OUT:+yes}
FUZZ_OUT=${FUZZ_OUT:-$(mktemp -d "${TMPDIR:-/tmp}/fuzz-smoke.XXXXXX")} || exit 99
export FUZZ_OUT
export top_srcdir="$srcdir"

rc=0
sh "$srcdir/tests/fuzz/build.sh" "$FUZZ_OUT" >"$FUZZ_OUT/build.log" 2>&1 || rc=$?
if [ $rc -eq 77 ]; then
	cat "$FUZZ_OUT/build.log"
	[ -n "$keep" ] || rm -rf "$FUZZ_OUT"
	exit 77
elif [ $rc -ne 0 ]; then
	echo "FAIL: building the harnesses"
	cat "$FUZZ_OUT/build.log"
	exit 1
fi

fail=0
for name in recognise ics template config; do
	log="$FUZZ_OUT/$name.log"
	if sh "$srcdir/tests/fuzz/run.sh" "$name" "$secs" >"$log" 2>&1; then
		runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
		cov=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | sed 's/.*\(cov: [0-9]* ft: [0-9]*\).*/\1/')
		echo "ok: $name: ${runs:-?} executions in ${secs}s, ${cov:-no coverage line}"
	else
		echo "FAIL: $name; libFuzzer's report:"
		grep -v -E '^"|Uses: |^#[0-9]+[[:space:]]+(NEW|REDUCE|pulse)' "$log" | tail -n 60
		for a in "$FUZZ_OUT/artifacts/$name"/*; do
			[ -f "$a" ] || continue
			echo "reproducer $a (first bytes):"
			od -c "$a" | head -n 20
		done
		fail=1
	fi
done
if [ $fail -ne 0 ]; then
	echo "kept $FUZZ_OUT for the reproducers; minimise one with"
	echo "  \$FUZZ_OUT/fuzz_NAME -minimize_crash=1 -runs=100000 ARTIFACT"
	echo "and save it under tests/fuzz/regressions/NAME/"
elif [ -z "$keep" ]; then
	rm -rf "$FUZZ_OUT"
fi
exit $fail
