#!/bin/bash
# Does followupd work inside the seccomp sandbox of followupd.service?
# CI has no running systemd to start the unit, so this test installs the
# same filters itself (tests/lib/syscall-jail: the unit's SystemCallFilter=
# lines expanded by `systemd-analyze syscall-filter`, with
# SystemCallErrorNumber=EPERM, RestrictAddressFamilies=,
# MemoryDenyWriteExecute=, NoNewPrivileges=) and runs the daemon in it
# against the private mail servers: an invite arrives (IMAP IDLE, the
# parser child installs its own seccomp filter on top), the thank-you
# mails leave (SMTP over STARTTLS, password_command through /bin/sh), the
# copies land in Sent, and TERM stops it with status 0.
set -u
. "$top_srcdir/tests/lib/lib.sh"

command -v systemd-analyze >/dev/null 2>&1 || { echo "SKIP: no systemd-analyze"; exit 77; }
jail=$top_builddir/tests/lib/syscall-jail
unit=$top_builddir/contrib/systemd/followupd.service
[ -x "$jail" ] || fail "$jail was not built"
[ -f "$unit" ] || fail "$unit was not built"

work=$(mktemp -d /tmp/fu-jail.XXXXXX)
cleanup_jail() { rm -rf "$work"; lib_cleanup; }

# expand NAME: the system calls of NAME (a @group, recursively, or a call)
expand() {
	case $1 in
	@*)
		systemd-analyze syscall-filter "$1" 2>/dev/null |
			sed -e '1d' -e '/^ *#/d' -e 's/^ *//' -e '/^$/d' -e '/ /d' |
			while read -r item; do expand "$item"; done
		;;
	*) echo "$1" ;;
	esac
}
: > "$work/allow"
: > "$work/deny"
while read -r value; do
	case $value in
	"~"*) for n in ${value#"~"}; do expand "$n"; done >> "$work/deny" ;;
	*) for n in $value; do expand "$n"; done >> "$work/allow" ;;
	esac
done < <(sed -n 's/^SystemCallFilter=//p' "$unit")
sort -u "$work/allow" > "$work/allow.s"
sort -u "$work/deny" > "$work/deny.s"
comm -23 "$work/allow.s" "$work/deny.s" > "$work/list"
echo "info: $(wc -l < "$work/list") system calls allowed, $(wc -l < "$work/deny.s") denied by name"
grep -qx seccomp "$work/list" || fail "the unit's filter does not allow seccomp(2)"
grep -qx setuid "$work/list" && fail "the unit's filter allows setuid(2): @privileged is not denied"

# The jail must really bite, or a passing run proves nothing.
out=$("$jail" "$work/list" python3 -c 'import socket; socket.socket(socket.AF_PACKET, socket.SOCK_RAW)' 2>&1) &&
	fail "an AF_PACKET socket was allowed in the jail"
echo "$out" | grep -q 'Address family not supported' || fail "AF_PACKET: unexpected: $out"
out=$("$jail" "$work/list" python3 -c 'import os; os.setuid(0)' 2>&1) &&
	fail "setuid(2) was allowed in the jail"
echo "ok: the jail refuses AF_PACKET sockets and setuid(2)"

lib_start
trap cleanup_jail EXIT
lib_config "$ENV/followupd.conf" auto
export FOLLOWUPD_WRAPPER="$jail $work/list"
# An ASan build (make check-sanitizers): LeakSanitizer stops the world with
# ptrace at exit, which the unit's filter denies, so inside the jail it
# cannot run; every other check of ASan and UBSan still does.
if lib_asan_build; then
	export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
fi
lib_daemon_start
lib_wait 15 'grep -q "IMAP: connected" "$ENV/daemon.log"' || fail "no IMAP connection inside the jail"
echo "ok: connected to IMAP inside the jail"

T=$(date +%s)
lib_invite "$ENV/inv.eml" jail-1@google.com 0 "@$((T - 3*3600))" "@$((T - 2*3600))" REQUEST \
	"Ada Brooks:ada@example.com" jail-invite@example.com
mailenv deliver "$ENV" jane@example.net "$ENV/inv.eml"
lib_approve_late 1      # over before followupd saw it: held until approved
lib_wait 30 '[ "$(lib_count ada@example.com)" = 1 ]' ||
	fail "no thank-you reached ada@example.com from inside the jail"
echo "ok: the invite was recognised and the thank-you sent from inside the jail"
lib_wait 10 '[ "$(lib_count jane@example.net Sent)" -ge 1 ]' || fail "no copy in Sent"
echo "ok: copy saved in Sent"

if grep -Eq 'Operation not permitted|Bad system call|SIGSYS|unreadable' "$ENV/daemon.log"; then
	fail "the daemon hit the filter: $(grep -E 'Operation not permitted|Bad system call|SIGSYS|unreadable' "$ENV/daemon.log" | head -3)"
fi
lib_daemon_stop
rc=$?
[ "$rc" -eq 0 ] || fail "followupd exited $rc on TERM inside the jail"
echo "ok: TERM stops it with status 0"
echo "all sandbox checks passed"
exit 0
