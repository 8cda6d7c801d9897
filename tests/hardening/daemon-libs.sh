#!/bin/sh
# The daemon parses no mail from the network itself: its parser program
# does, in the sandbox (recognise.h).  So the daemon must link no
# recogniser and none of the parsers' libraries: no libical, no libxml2,
# and no ICU or libstdc++ through them (issue 15: memory, and less code
# in the process that holds the password).  Nor libcurl: it is loaded at
# the first send (src/mail/smtp_curl.h).  The parser program, for its
# part, links neither libcurl nor SQLite.
set -u
D=${top_builddir:-.}/src/followupd
P=${top_builddir:-.}/src/followupd-parse
command -v readelf >/dev/null 2>&1 && command -v nm >/dev/null 2>&1 ||
	{ echo "SKIP: no readelf or nm"; exit 77; }
[ -x "$D" ] && [ -x "$P" ] || { echo "FAIL: build first ($D, $P)"; exit 1; }
fail=0
needed() { readelf -d "$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'; }
bad=$(needed "$D" | grep -E '^lib(ical|xml2|icu|stdc\+\+|curl)')
[ -z "$bad" ] || { echo "FAIL: followupd needs $(echo $bad)"; fail=1; }
# what the recogniser and the HTML reader define must not be in the daemon
for sym in detect_message recognise_worker ics_preload xmlInitParser icalparser_parse_string; do
	if nm "$D" | grep -qw "$sym"; then echo "FAIL: followupd has $sym"; fail=1; fi
done
bad=$(needed "$P" | grep -E '^lib(curl|sqlite3)')
[ -z "$bad" ] || { echo "FAIL: followupd-parse needs $(echo $bad)"; fail=1; }
[ "$fail" = 0 ] && echo "ok: followupd needs $(needed "$D" | tr '\n' ' ')"
exit "$fail"
