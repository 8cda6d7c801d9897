#!/bin/sh
# A mail that gives a time without a zone is read in the user's zone
# (me.timezone), and the sandboxed parser reads it exactly as the
# unsandboxed one: the user's zone is loaded before the seccomp filter,
# whatever zone it is (inside the filter an unknown zone was UTC).
set -u
: "${top_builddir:?}"
ctl=$top_builddir/src/followupctl
tmp=$(mktemp -d "${TMPDIR:-/tmp}/followupd-zone.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
failures=0

cat >"$tmp/mail.eml" <<'MAIL'
From: Ana Ruiz <ana.ruiz@boisetech.example>
To: Jane Doe <jane.doe@example.net>
Subject: Interview for the Backend Engineer role at Boise Tech
Date: Tue, 01 Dec 2026 10:00:00 +0000
Message-ID: <tz1@boisetech.example>

Hi Jane,

Your interview for the Backend Engineer role at Boise Tech is confirmed
for Thursday 10 December 2026 at 14:00 with Tom Lee.

Best,
Ana Ruiz
MAIL

# zone, and the start 14:00 there is in UTC
for want in America/Boise=2026-12-10T21:00:00Z Asia/Kathmandu=2026-12-10T08:15:00Z \
		Pacific/Chatham=2026-12-10T00:15:00Z Europe/London=2026-12-10T14:00:00Z; do
	zone=${want%%=*} start=${want#*=}
	mkdir -p "$tmp/state"
	cat >"$tmp/conf" <<CONF
me = { name = "Jane Doe"; addresses = ["jane.doe@example.net"]; timezone = "$zone"; };
imap = { url = "imaps://127.0.0.1"; user = "x"; password = "x"; };
smtp = { url = "smtps://127.0.0.1"; user = "x"; password = "x"; };
state_dir = "$tmp/state";
CONF
	chmod 600 "$tmp/conf"
	for mode in "" --no-sandbox; do
		got=$("$ctl" -c "$tmp/conf" scan $mode --json "$tmp/mail.eml" |
			sed -n 's/.*"start":"\([^"]*\)".*/\1/p')
		if [ "$got" = "$start" ]; then
			echo "ok: $zone ${mode:-sandboxed}: $got"
		else
			echo "FAIL: $zone ${mode:-sandboxed}: start $got, want $start"
			failures=$((failures + 1))
		fi
	done
done
[ "$failures" -eq 0 ]
