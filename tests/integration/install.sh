#!/bin/sh
# `make install DESTDIR=...` puts every file in its place (the configured
# directories, read back from the Makefile): the programs, the man pages,
# the templates, the example configuration (live copy and doc copy), the
# systemd units with the installed program's path, the sysusers.d entry
# and the bash completion; it creates no state directory.  A second
# install keeps a configuration the user changed; `make uninstall` removes
# everything but that changed configuration.
set -u

: "${top_srcdir:?}" "${top_builddir:?}"
command -v "${MAKE:-make}" >/dev/null 2>&1 || { echo "SKIP: no make"; exit 77; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/followupd-install.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# A make of our own: nothing of the make running the tests.
mk() {
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL "${MAKE:-make}" -s -C "$top_builddir" "$@"
}

dirs=$(mk print-install-dirs) || { echo "FAIL: make print-install-dirs"; exit 1; }
eval "$dirs"
echo "$dirs" | sed 's/^/info: /'

dest=$tmp/dest
if ! mk install DESTDIR="$dest" >"$tmp/install.log" 2>&1; then
	fail "make install DESTDIR=... failed:"
	sed 's/^/    /' "$tmp/install.log"
	exit 1
fi

# want FILE [MODE-TEST]: FILE exists under DESTDIR (test -x for programs)
want() {
	if [ ! -f "$dest$1" ]; then
		fail "not installed: $1"
	elif [ "${2:-}" = exec ] && [ ! -x "$dest$1" ]; then
		fail "not executable: $1"
	else
		echo "ok: $1"
	fi
}
same() {
	cmp -s "$1" "$dest$2" || fail "$2 differs from $1"
}

want "$sbindir/followupd" exec
want "$bindir/followupctl" exec
want "$mandir/man8/followupd.8"
want "$mandir/man1/followupctl.1"
want "$mandir/man5/followupd.conf.5"
for t in thank_you thank_you_contact reference_warning status_nudge reflection feedback_request; do
	want "$templatesdir/$t.tmpl"
	same "$top_srcdir/templates/$t.tmpl" "$templatesdir/$t.tmpl"
done
want "$sysconfdir/followupd/followupd.conf"
same "$top_srcdir/etc/followupd.conf" "$sysconfdir/followupd/followupd.conf"
want "$docdir/followupd.conf.example"
same "$top_srcdir/etc/followupd.conf" "$docdir/followupd.conf.example"
want "$bashcompletiondir/followupctl"
same "$top_srcdir/contrib/bash-completion/followupctl" "$bashcompletiondir/followupctl"
if [ "$install_units" = yes ]; then
	want "$systemdsystemunitdir/followupd.service"
	want "$systemdsystemunitdir/followupd@.service"
	want "$systemduserunitdir/followupd.service"
	want "$sysusersdir/followupd.conf"
	for u in "$systemdsystemunitdir/followupd.service" "$systemdsystemunitdir/followupd@.service" \
	    "$systemduserunitdir/followupd.service"; do
		[ -f "$dest$u" ] || continue
		exe=$(sed -n 's/^ExecStart=\([^ ]*\).*/\1/p' "$dest$u")
		[ "$exe" = "$sbindir/followupd" ] || fail "$u: ExecStart=$exe, not $sbindir/followupd"
		[ -x "$dest$exe" ] || fail "$u: $exe is not installed"
		if grep -q '@[a-z_]*@' "$dest$u"; then
			fail "$u: unsubstituted @...@"
		fi
	done
	grep -q "^ExecStart=.* -c $sysconfdir/followupd/followupd.conf\$" \
		"$dest$systemdsystemunitdir/followupd.service" ||
		fail "followupd.service does not read $sysconfdir/followupd/followupd.conf"
else
	echo "info: configured without systemd units"
fi

# The state directory belongs to the service (StateDirectory=), not to make.
if [ -e "$dest$localstatedir/lib/followupd" ]; then
	fail "make install created $localstatedir/lib/followupd"
fi

# The installed programs run, and the installed example config with the
# installed templates is valid.
"$dest$sbindir/followupd" --version >/dev/null 2>&1 || fail "installed followupd --version"
"$dest$bindir/followupctl" --version >/dev/null 2>&1 || fail "installed followupctl --version"
cp "$dest$sysconfdir/followupd/followupd.conf" "$tmp/check.conf"
printf 'templates_dir = "%s";\nstate_dir = "%s";\n' "$dest$templatesdir" "$tmp/state" >> "$tmp/check.conf"
if "$dest$sbindir/followupd" -n -c "$tmp/check.conf" >"$tmp/check.out" 2>&1; then
	echo "ok: the installed config and templates pass followupd -n"
else
	fail "the installed config and templates do not pass followupd -n:"
	sed 's/^/    /' "$tmp/check.out"
fi
if command -v man >/dev/null 2>&1; then
	for p in man8/followupd.8 man1/followupctl.1 man5/followupd.conf.5; do
		MANWIDTH=80 man -l "$dest$mandir/$p" 2>&1 | grep -q '^NAME' ||
			fail "man -l $mandir/$p does not render"
	done
fi

# A changed config survives a second install; the doc copy is refreshed.
conf=$dest$sysconfdir/followupd/followupd.conf
echo '# changed by the user' >> "$conf"
cp "$conf" "$tmp/changed.conf"
echo '# stale' >> "$dest$docdir/followupd.conf.example"
if ! mk install DESTDIR="$dest" >"$tmp/install2.log" 2>&1; then
	fail "second make install failed:"
	sed 's/^/    /' "$tmp/install2.log"
fi
cmp -s "$conf" "$tmp/changed.conf" && echo "ok: a second install keeps the changed config" ||
	fail "a second install overwrote the changed config"
grep -q 'keeping' "$tmp/install2.log" || fail "the second install did not say it kept the config"
same "$top_srcdir/etc/followupd.conf" "$docdir/followupd.conf.example"

# uninstall: only the changed config stays.
if ! mk uninstall DESTDIR="$dest" >"$tmp/uninstall.log" 2>&1; then
	fail "make uninstall failed:"
	sed 's/^/    /' "$tmp/uninstall.log"
fi
left=$(cd "$dest" && find . -type f | sed 's|^\.||')
if [ "$left" != "$sysconfdir/followupd/followupd.conf" ]; then
	fail "after make uninstall, expected only the changed config, found:"
	printf '%s\n' "$left" | sed 's/^/    /'
else
	echo "ok: make uninstall leaves only the changed config"
fi

# An untouched config goes with uninstall.
dest2=$tmp/dest2
mk install DESTDIR="$dest2" >/dev/null 2>&1 || fail "make install (2) failed"
mk uninstall DESTDIR="$dest2" >/dev/null 2>&1 || fail "make uninstall (2) failed"
left=$(cd "$dest2" && find . -type f)
[ -z "$left" ] || { fail "make uninstall left files behind:"; printf '%s\n' "$left" | sed 's/^/    /'; }

if [ "$failures" -ne 0 ]; then
	echo "$failures failure(s)"
	exit 1
fi
echo "all install checks passed"
exit 0
