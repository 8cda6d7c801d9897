#!/bin/bash
# sanitizers.sh: the whole test suite again, built with AddressSanitizer
# and UndefinedBehaviorSanitizer (make check-sanitizers; CI runs it).
#
# The build tree is configured already, and an in-tree configured source
# refuses a second build next to it, so this makes a clean copy of the
# sources with "make distdir" in $SAN_DIR (default _sanitizers in the build
# tree), links ../shared beside it when the source has one (the corpus
# tests need it), configures it with --enable-sanitizers and runs its make
# check.  Every sanitizer report, from any process, lands in
# $SAN_DIR/reports: log_path for the daemon, followupctl and the unit
# tests, FOLLOWUPD_SANITIZER_LOG for the sandbox workers, which can open
# no file once confined (src/base/sandbox.h).
#
# Fails when the build fails, when a test fails, or when any report was
# written, even by a process whose exit status no test looked at.  The
# copy stays for inspection; "make clean" removes it.
set -u
: "${top_srcdir:?}" "${top_builddir:?}"
MAKE=${MAKE:-make}
JOBS=${SAN_JOBS:-2}
SRC=$(cd "$top_srcdir" && pwd -P)
BUILD=$(cd "$top_builddir" && pwd -P)
WORK=${SAN_DIR:-$BUILD/_sanitizers}

die() { echo "check-sanitizers: $*" >&2; exit 1; }

if [ -d "$WORK" ]; then
	chmod -R u+w "$WORK" 2>/dev/null
	rm -rf "$WORK" || die "cannot remove the old $WORK"
fi
mkdir -p "$WORK/reports" || die "cannot create $WORK"
WORK=$(cd "$WORK" && pwd -P)
REPORTS=$WORK/reports

echo "check-sanitizers: sources copied to $WORK/followupd"
"$MAKE" -C "$BUILD" distdir distdir="$WORK/followupd" >"$WORK/distdir.log" 2>&1 ||
	{ tail -n 20 "$WORK/distdir.log"; die "make distdir failed"; }
[ -d "$SRC/../shared" ] && ln -s "$(cd "$SRC/../shared" && pwd -P)" "$WORK/shared"

cd "$WORK/followupd" || die "no $WORK/followupd"
echo "check-sanitizers: configure --enable-sanitizers"
./configure --enable-sanitizers --enable-silent-rules >"$WORK/configure.log" 2>&1 ||
	{ tail -n 20 "$WORK/configure.log"; die "configure failed"; }
echo "check-sanitizers: build"
"$MAKE" -j"$JOBS" >"$WORK/build.log" 2>&1 ||
	{ tail -n 40 "$WORK/build.log"; die "the sanitizer build failed"; }

# Reports to files, one per process; the exit status of a process with a
# report is the sanitizer's (ASan 1, LeakSanitizer 23), UBSan goes on.
export ASAN_OPTIONS="log_path=$REPORTS/asan:detect_leaks=1"
export UBSAN_OPTIONS="log_path=$REPORTS/ubsan:print_stacktrace=1"
export LSAN_OPTIONS="suppressions=$WORK/followupd/tests/fuzz/lsan.supp:print_suppressions=0"
export FOLLOWUPD_SANITIZER_LOG=$REPORTS

echo "check-sanitizers: built, $(grep -c 'warning:' "$WORK/build.log") compiler warning(s)"
grep -A3 'warning:' "$WORK/build.log" | head -n 40
echo "check-sanitizers: make check (ASan+UBSan)"
"$MAKE" -j"$JOBS" check
rc=$?

n=0
while IFS= read -r f; do
	n=$((n + 1))
	echo "----- sanitizer report $f"
	head -n 60 "$f"
done < <(find "$REPORTS" -type f -size +0 | LC_ALL=C sort)
echo "check-sanitizers: $n sanitizer report(s), make check exit $rc"
# Every sandbox worker opens worker.log before its filter: none there means
# the workers' reports had nowhere to go, and "clean" would prove nothing.
[ -e "$REPORTS/worker.log" ] || die "no sandbox worker opened $REPORTS/worker.log"
[ "$rc" -eq 0 ] || die "tests failed in the sanitizer build (logs under $WORK/followupd/tests)"
[ "$n" -eq 0 ] || die "$n sanitizer report(s) in $REPORTS"
echo "check-sanitizers: clean"
