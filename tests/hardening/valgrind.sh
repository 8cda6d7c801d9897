#!/bin/bash
# valgrind.sh: the integration tests with followupd under valgrind memcheck.
#
#   tests/hardening/valgrind.sh [TEST...]   (default: integration/outbox-e2e.sh
#       integration/outbox-review.sh integration/daemon-watch.sh; names
#       relative to tests/)
#
# Each test runs with FOLLOWUPD_WRAPPER (tests/lib/lib.sh) set to valgrind
# --leak-check=full --errors-for-leak-kinds=definite --error-exitcode=9
# --trace-children=yes but not into system programs (password_command's
# shell), one log per process in $VG_LOGDIR (default a temporary
# directory, kept on failure).  The sandbox worker is the program
# followupd-parse the daemon execs, so valgrind follows it too (and checks
# it: good), but a confined worker cannot live under valgrind (valgrind
# refuses to lower RLIMIT_NOFILE, needs mmap(PROT_EXEC), which the seccomp
# filter forbids, writes its log and reserves address space):
# FOLLOWUPD_TEST_UNCONFINED=1 (src/base/sandbox.h) leaves those
# confinements out.  Valgrind slows the daemon ~20x: lib_wait timeouts
# are multiplied by VG_SLOW (default 6; LIB_WAIT_SCALE in tests/lib/lib.sh).
# Fails when a test fails, when valgrind reports an error (exit 9) or a
# definite leak in any log.
set -u
: "${top_srcdir:?}" "${top_builddir:?}"
command -v valgrind >/dev/null || { echo "SKIP: valgrind is not installed"; exit 77; }
SLOW=${VG_SLOW:-6}
LOGDIR=${VG_LOGDIR:-$(mktemp -d /tmp/fuvg.XXXXXX)}
mkdir -p "$LOGDIR"
SRC=$(cd "$top_srcdir" && pwd -P)

export LIB_WAIT_SCALE=$SLOW FOLLOWUPD_TEST_UNCONFINED=1
export FOLLOWUPD_WRAPPER="valgrind -q --leak-check=full --errors-for-leak-kinds=definite --error-exitcode=9 --trace-children=yes --trace-children-skip=/bin/*,/usr/bin/*,/usr/sbin/*,/sbin/* --child-silent-after-fork=no --num-callers=30 --suppressions=$SRC/tests/lib/valgrind-message.supp --log-file=$LOGDIR/vg.%p.log"
[ -n "${VG_EXTRA:-}" ] && FOLLOWUPD_WRAPPER="$FOLLOWUPD_WRAPPER $VG_EXTRA"

rc=0
tests=${*:-"integration/outbox-e2e.sh integration/outbox-review.sh integration/daemon-watch.sh"}
for t in $tests; do
	echo "=== $t under valgrind"
	mkdir -p "$(dirname "$LOGDIR/$t")"
	if bash "$SRC/tests/$t" >"$LOGDIR/${t%.sh}.out" 2>&1; then
		echo "test: PASS"
	else
		echo "test: FAIL (exit $?)"
		tail -n 25 "$LOGDIR/${t%.sh}.out"
		rc=1
	fi
done
n=0
for f in "$LOGDIR"/vg.*.log; do
	[ -e "$f" ] || continue
	n=$((n + 1))
	# daemon-watch.sh's FOLLOWUPD-TEST-CRASH mail: a worker's crash on purpose
	if grep -q ': child_crash (sandbox\.c' "$f"; then
		echo "(the deliberate crash of the FOLLOWUPD_TEST_CRASH hook: $f)"
		continue
	fi
	if [ -s "$f" ]; then
		echo "--- valgrind report $f"
		cat "$f"
		rc=1
	fi
done
echo "$n valgrind logs in $LOGDIR"
[ "$n" -gt 0 ] || { echo "FAIL: valgrind never ran"; rc=1; }
[ "$rc" = 0 ] && [ -z "${VG_LOGDIR:-}" ] && rm -rf "$LOGDIR"
exit $rc
