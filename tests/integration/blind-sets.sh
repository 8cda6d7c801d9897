#!/bin/sh
# Recognition on the blind sets (tests/mail/blind, see its README): mails
# written by people who had not read the recogniser, with a careful
# reader's expectations.  Fails on a non-interview read as an interview or
# an update with high confidence, on a wrong reading not listed in
# tests/mail/blind/known-misses.txt, and on a listed one that is now right.
set -u
: "${top_srcdir:?}" "${top_builddir:?}"
command -v python3 >/dev/null 2>&1 || { echo "SKIP: no python3"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/followupd-blind.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
python3 "$top_srcdir/tests/lib/blind-score.py" "$top_builddir/src/followupctl" \
	"$top_srcdir/tests/mail/blind" "$tmp"
