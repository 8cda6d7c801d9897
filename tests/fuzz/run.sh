#!/bin/sh
# Run one libFuzzer harness for a while.
#
#   tests/fuzz/run.sh NAME SECONDS [libFuzzer options...]
#
# NAME is recognise, ics, template or config.  Builds the harnesses first
# (build.sh) into $FUZZ_OUT (default ${TMPDIR:-/tmp}/followupd-fuzz),
# seeds from the shared corpus and the test files (seeds.sh), keeps what
# it learns in $FUZZ_OUT/corpus/NAME, writes crashes to
# $FUZZ_OUT/artifacts/NAME/, and prints libFuzzer's report.
# Exit status: 0 no finding, 1 a crash, leak, timeout or out-of-memory,
# 77 when clang is missing, 2 for bad usage.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
if [ $# -lt 2 ]; then
	echo "usage: $0 NAME SECONDS [libFuzzer options...]" >&2
	exit 2
fi
name=$1
secs=$2
shift 2
quiet=
case $name in
recognise) dict=mail.dict; quiet=-close_fd_mask=2 ;;
ics) dict=ics.dict; quiet=-close_fd_mask=2 ;;
template|config) dict=$name.dict ;;
*) echo "run.sh: unknown harness $name" >&2; exit 2 ;;
esac
out=${FUZZ_OUT:-${TMPDIR:-/tmp}/followupd-fuzz}
export FUZZ_OUT="$out"

rc=0
"$here/build.sh" "$out" >"$out.build.log" 2>&1 || rc=$?
if [ $rc -ne 0 ]; then
	cat "$out.build.log" >&2
	exit $rc
fi
rm -f "$out.build.log"
rm -rf "$out/seeds/$name"
"$here/seeds.sh" "$name" "$out/seeds/$name"
mkdir -p "$out/corpus/$name" "$out/artifacts/$name"

# libical's parser warns on stderr ("Encountered END before BEGIN") for
# every broken calendar: close the target's stderr for those harnesses
# (libFuzzer and the sanitizers still report; FUZZ_VERBOSE=1 keeps it).
[ -z "${FUZZ_VERBOSE:-}" ] || quiet=
export LSAN_OPTIONS="suppressions=$here/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export UBSAN_OPTIONS="print_stacktrace=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"

# Saved findings join the corpus (the directory is absent until the
# first finding for this harness: git keeps no empty directories).
set -- "$@" "$out/corpus/$name" "$out/seeds/$name"
[ -d "$here/regressions/$name" ] && set -- "$@" "$here/regressions/$name"

# error/timeout exit codes set explicitly: libFuzzer's default (77)
# would read as "skipped" to automake.
exec "$out/fuzz_$name" \
	-max_total_time="$secs" -rss_limit_mb=2048 -timeout=10 \
	-error_exitcode=1 -timeout_exitcode=1 \
	-dict="$here/$dict" \
	-artifact_prefix="$out/artifacts/$name/" \
	-print_final_stats=1 $quiet \
	"$@"
