#!/bin/sh
# Build the seed corpus of one fuzz harness.
#
#   tests/fuzz/seeds.sh NAME OUTDIR
#
# NAME is recognise, ics, template or config.  Seeds come from the shared
# corpus ("$top_srcdir/../shared/corpus", used when present) and from the
# project's own test files (tests/mail, tests/conf, tests/tmpl, templates,
# etc).  The ics and template harnesses read a leading selector byte (the
# floating zone; the kind and the variable set), so their seeds get one.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=${top_srcdir:-$(cd "$here/../.." && pwd)}
name=$1
out=$2
corpus="$top/../shared/corpus"
mkdir -p "$out"

n=0
# copy FILE [PREFIX_BYTE_OCTAL]: one seed, named by a counter.
seed() {
	n=$((n + 1))
	if [ $# -gt 1 ]; then
		{ printf "\\$2"; cat "$1"; } >"$out/seed-$n"
	else
		cp "$1" "$out/seed-$n"
	fi
}

# Wrap a bare .ics in a minimal invitation mail.
wrap_ics() {
	n=$((n + 1))
	{
		printf 'From: Ada Brooks <ada.brooks@example.com>\r\n'
		printf 'To: jane.doe@example.net\r\nSubject: Invitation: Interview\r\n'
		printf 'Date: Mon, 11 Jan 2027 09:00:00 +0000\r\nMessage-ID: <s%d@example.com>\r\n' "$n"
		printf 'MIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary="b"\r\n\r\n'
		printf -- '--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nInterview invitation\r\n'
		printf -- '--b\r\nContent-Type: text/calendar; charset=utf-8; method=REQUEST\r\n\r\n'
		cat "$1"
		printf '\r\n--b--\r\n'
	} >"$out/seed-$n"
}

files() {   # files DIR PATTERN...: regular files under DIR matching one of the patterns
	d=$1
	shift
	[ -d "$d" ] || return 0
	for p in "$@"; do
		find "$d" -type f -name "$p"
	done | sort
}

case $name in
recognise)
	for f in $(files "$corpus" '*.eml') $(files "$top/tests/mail" '*.eml'); do
		seed "$f"
	done
	for f in $(files "$corpus" '*.ics'); do
		wrap_ics "$f"
	done
	;;
ics)
	for f in $(files "$corpus" '*.ics'); do
		seed "$f" 000
		seed "$f" 001
	done
	# Calendar parts inside the test mails, as written (ics_parse finds
	# the VCALENDAR; the MIME around it is noise the parser must survive).
	for f in $(grep -l 'BEGIN:VCALENDAR' $(files "$top/tests/mail" '*.eml') /dev/null 2>/dev/null); do
		seed "$f" 001
	done
	;;
template)
	k=0
	for kind in thank_you thank_you_contact reference_warning status_nudge reflection \
	    feedback_request; do
		for f in "$top/templates/$kind.tmpl" $(files "$top/tests/tmpl" "$kind*.tmpl"); do
			[ -f "$f" ] || continue
			for mode in 000 001 003; do
				n=$((n + 1))
				{ printf "\\$(printf '%03o' $k)\\$mode"; cat "$f"; } >"$out/seed-$n"
			done
		done
		k=$((k + 1))
	done
	;;
config)
	for f in $(files "$top/tests/conf" '*.conf') "$top/etc/followupd.conf"; do
		grep -q '@include' "$f" && continue
		seed "$f"
	done
	;;
*)
	echo "seeds.sh: unknown harness $name" >&2
	exit 2
	;;
esac
echo "$n seeds for $name in $out"
