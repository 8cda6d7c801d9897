#!/bin/bash
# Run the benchmarks (not part of `make check`: they take minutes and need
# root for the test mail servers).  From a build directory:
#
#   tests/bench/run.sh              all of them, in the order below
#   tests/bench/run.sh scan idle    only these
#
# Names: latency firststart idle scan send (see tests/bench/README.md).
# Each prints a markdown table; exit status 0 when every one ran, 77 when
# every one was skipped, 1 when one failed.  top_builddir defaults to the
# current directory, top_srcdir to the tree this script is in.
ALL="latency firststart idle scan send"
here=$(cd "$(dirname "$0")" && pwd)
export top_srcdir=${top_srcdir:-$(cd "$here/../.." && pwd)}
export top_builddir=${top_builddir:-$PWD}
if [ ! -x "$top_builddir/src/followupd" ]; then
	echo "run.sh: no $top_builddir/src/followupd: run it from a build directory or set top_builddir" >&2
	exit 2
fi
names=${*:-$ALL}
for n in $names; do
	case " $ALL " in
	*" $n "*) ;;
	*) echo "run.sh: unknown benchmark '$n' (one of: $ALL)" >&2; exit 2 ;;
	esac
done

echo "## followupd benchmarks"
echo
echo "$("$top_builddir/src/followupd" --version), $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start"
ran=0 skipped=0 failed=""
for n in $names; do
	s=$(date +%s)
	echo "bench: $n ..." >&2
	bash "$here/$n.sh"
	rc=$?
	case $rc in
	0) ran=$((ran + 1)); echo; echo "($n: $(($(date +%s) - s)) s)" ;;
	77) skipped=$((skipped + 1)) ;;
	*) failed="$failed $n" ;;
	esac
done
echo
echo "ran $ran, skipped $skipped${failed:+, failed:$failed}"
[ -n "$failed" ] && exit 1
[ "$ran" = 0 ] && [ "$skipped" -gt 0 ] && exit 77
exit 0
