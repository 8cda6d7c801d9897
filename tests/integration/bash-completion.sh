#!/bin/sh
# contrib/bash-completion/followupctl against a real state: the daemon
# creates it (one --once pass that cannot reach a server), followupctl adds
# an interview (its mails are planned, held for review), and completing
# `followupctl -c CONF approve <TAB>` must offer exactly the held mails,
# `hold` the pending ones, `note` the interviews, and so on.  The ids
# expected are read from `followupctl ... --json`, not written down here.
set -u

: "${top_srcdir:?}" "${top_builddir:?}"
command -v bash >/dev/null 2>&1 || { echo "SKIP: no bash"; exit 77; }

completion=$top_srcdir/contrib/bash-completion/followupctl
bindir=$(cd "$top_builddir/src" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/followupd-compl.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

conf=$tmp/followupd.conf
cat > "$conf" <<EOF
me = { name = "Jane Doe"; addresses = ["jane.doe@example.net"]; timezone = "UTC"; };
imap = { url = "imaps://127.0.0.1:1"; password_command = "echo secret"; };
smtp = { url = "smtps://127.0.0.1:1"; };
state_dir = "$tmp/state";
templates_dir = "$top_srcdir/templates";
send = { mode = "review"; };
EOF

root_flag=
[ "$(id -u)" -eq 0 ] && root_flag=--allow-root
"$bindir/followupd" $root_flag --once -c "$conf" >"$tmp/once.log" 2>&1
[ -f "$tmp/state/state.db" ] || { echo "FAIL: followupd made no state:"; cat "$tmp/once.log"; exit 1; }

ctl() { "$bindir/followupctl" -c "$conf" "$@"; }
year=$(( $(date -u +%Y) + 1 ))
ctl add-interview --company Initech --role SRE --start "$year-03-02 15:00" --end "$year-03-02 16:00" \
	--interviewer "Ada Brooks <ada.brooks@initech.example>" \
	--interviewer "Ben Okafor <ben.okafor@initech.example>" \
	--contact "Ravi Menon <ravi.menon@initech.example>" --final >"$tmp/add.log" 2>&1 ||
	{ echo "FAIL: add-interview:"; cat "$tmp/add.log"; exit 1; }

# ids LISTING STATUS-REGEX: the ids of the JSON lines, sorted
ids() {
	ctl $1 --json | grep -E "\"status\":\"($2)\"" | sed -n 's/^{"id":\([0-9]*\),.*/\1/p' | sort -n | tr '\n' ' '
}

# complete WORD...: what the completion offers for the last word, sorted
complete_line() {
	PATH="$bindir:$PATH" bash -c '
		[ -z "$BC_LIB" ] || . "$BC_LIB"
		. "$1"; shift
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
		COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
		_followupctl followupctl "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
		[ ${#COMPREPLY[@]} -eq 0 ] || printf "%s\n" "${COMPREPLY[@]}"' sh "$completion" "$@" | sort -n | tr '\n' ' '
}

# expect WANT WORD...
expect() {
	want=$1
	shift
	got=$(complete_line "$@")
	if [ "$got" = "$want" ]; then
		echo "ok: [$*] -> $got"
	else
		fail "[$*]: expected '$want', got '$got'"
	fi
}

held=$(ids outbox 'held')
[ -n "$held" ] || { echo "FAIL: add-interview planned no held mail"; ctl outbox; exit 1; }
all_mails=$(ctl outbox --all --json | sed -n 's/^{"id":\([0-9]*\),.*/\1/p' | sort -n | tr '\n' ' ')
interviews=$(ctl interviews --all --json | sed -n 's/^{"id":\([0-9]*\),.*/\1/p' | sort -n | tr '\n' ' ')
[ -n "$interviews" ] || fail "no interview listed"

checks() {
	expect "--all --interview $held" followupctl -c "$conf" approve ''
	expect "" followupctl -c "$conf" hold ''
	expect "--interview $held" followupctl -c "$conf" cancel ''
	expect "$interviews" followupctl -c "$conf" approve --interview ''
	expect "$interviews" followupctl -c "$conf" cancel --interview ''
	expect "$all_mails" followupctl -c "$conf" show ''
	expect "--json --raw " followupctl -c "$conf" show 1 ''
	expect "$interviews" followupctl -c "$conf" note ''
	expect "" followupctl -c "$conf" note 1 ''

	# Approve one: it is pending now, so hold offers it and approve does not.
	first=${held%% *}
	ctl approve "$first" >/dev/null || fail "approve $first"
	pending=$(ids outbox 'pending')
	[ "$pending" = "$first " ] || fail "after approve, pending is '$pending'"
	expect "$pending" followupctl -c "$conf" hold ''
	expect "$(ids outbox 'held|unknown' | sed 's/^/--all --interview /')" followupctl -c "$conf" approve ''

	# Commands and options.
	expect "scan send-now show status " followupctl s
	expect "--all " followupctl -c "$conf" outbox --a
	expect "--company --contact " followupctl add-interview --co
	expect "" followupctl add-interview --company ''
	expect "--json --since " followupctl log --
	expect "--help --version " followupctl --
	expect "check-config check-connection " followupctl -v ch
	expect "check-connection " followupctl -v check-conn
	expect "retry " followupctl ret
	expect "interviews " followupctl help int
	expect "--help " followupctl outbox --h
	expect "" followupctl retry ''
	expect "--login " followupctl retry --l

	# A failed mail: retry offers it, and edit does too.
	if command -v sqlite3 >/dev/null 2>&1; then
		last=$(echo $held | tr ' ' '\n' | tail -n 1)
		sqlite3 "$tmp/state/state.db" "UPDATE outbox SET status='failed' WHERE id=$last"
		expect "$last " followupctl -c "$conf" retry ''
		expect "$(ids outbox 'pending|held|deferred|failed')" followupctl -c "$conf" edit ''
		sqlite3 "$tmp/state/state.db" "UPDATE outbox SET status='held' WHERE id=$last"
	fi

	# Back as it was, for the next round.
	ctl hold "$first" >/dev/null || fail "hold $first"
}

# Without bash-completion's helpers (the file must stand alone), then with
# them when bash-completion is installed (_init_completion, _filedir).
export BC_LIB=
checks
for lib in /usr/share/bash-completion/bash_completion /etc/bash_completion; do
	if [ -f "$lib" ]; then
		echo "info: again with $lib"
		BC_LIB=$lib
		checks
		break
	fi
done
if [ "$failures" -ne 0 ]; then
	echo "$failures failure(s)"
	exit 1
fi
echo "all completion checks passed"
exit 0
