#!/bin/sh
# Every broken config under tests/conf/ gets its exact messages from
# `followupd -n` on stderr, and exit status 78; every warn-*.conf its
# exact warnings and exit status 0; every good one passes.
set -u
: "${top_srcdir:?}" "${top_builddir:?}"
followupd="$top_builddir/src/followupd"
conf="$top_srcdir/tests/conf"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0 n=0
# "~" in paths is $HOME: a HOME of our own, with a CA file in it.
HOME="$tmp/home"
export HOME
mkdir "$HOME"
cp "$conf/ca.pem" "$HOME/ca.pem"

for f in "$conf"/bad-*.conf; do
	n=$((n + 1))
	exp="${f%.conf}.err"
	# Some cases depend on the file mode (a readable password): the .mode
	# file says which mode to test with, on a copy.
	run="$f"
	if [ -f "${f%.conf}.mode" ]; then
		run="$tmp/$(basename "$f")"
		cp "$f" "$run"
		chmod "$(cat "${f%.conf}.mode")" "$run"
	fi
	"$followupd" -n -c "$run" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	# Included files are named as given (@DIR@); a relative path in a
	# setting is shown resolved against the config's real directory
	# (@REALDIR@), as the daemon, which runs from /, will open it.
	sed "s|@FILE@|$run|g; s|@DIR@|$(dirname "$run")|g; s|@REALDIR@|$(cd "$(dirname "$run")" && pwd -P)|g; s|@HOME@|$HOME|g" "$exp" >"$tmp/want"
	if [ "$rc" -ne 78 ]; then
		echo "FAIL $(basename "$f"): exit status $rc, want 78"
		fail=$((fail + 1))
	elif ! cmp -s "$tmp/want" "$tmp/err"; then
		echo "FAIL $(basename "$f"): messages differ"
		diff -u "$tmp/want" "$tmp/err"
		fail=$((fail + 1))
	else
		echo "ok   $(basename "$f")"
	fi
done

# Valid but suspicious: exit 0, and exactly these warnings on stderr.
for f in "$conf"/warn-*.conf; do
	n=$((n + 1))
	"$followupd" -n -c "$f" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	sed "s|@FILE@|$f|g" "${f%.conf}.err" >"$tmp/want"
	if [ "$rc" -ne 0 ]; then
		echo "FAIL $(basename "$f"): exit status $rc, want 0"
		cat "$tmp/err"
		fail=$((fail + 1))
	elif ! cmp -s "$tmp/want" "$tmp/err"; then
		echo "FAIL $(basename "$f"): warnings differ"
		diff -u "$tmp/want" "$tmp/err"
		fail=$((fail + 1))
	else
		echo "ok   $(basename "$f")"
	fi
done

for f in "$conf"/good-*.conf "$top_srcdir/etc/followupd.conf"; do
	n=$((n + 1))
	if "$followupd" -n -c "$f" >"$tmp/out" 2>"$tmp/err"; then
		echo "ok   $(basename "$f")"
	else
		echo "FAIL $(basename "$f") should be valid:"
		cat "$tmp/err"
		fail=$((fail + 1))
	fi
done

# The example ships name, signature and references commented out, to be
# filled in; uncommented as they stand they are valid.
n=$((n + 1))
sed -e 's/^\t# \(name\|signature\) = /\t\1 = /' \
	-e '/^# references = ($/,/^# );$/s/^# \{0,1\}//' \
	"$top_srcdir/etc/followupd.conf" > "$tmp/example-filled.conf"
if ! grep -q '^references = ($' "$tmp/example-filled.conf" ||
	[ "$(grep -Ec '^	(name|signature) = ' "$tmp/example-filled.conf")" -ne 2 ]; then
	echo "FAIL followupd.conf: no commented name, signature and references to fill in"
	fail=$((fail + 1))
elif "$followupd" -n -c "$tmp/example-filled.conf" >"$tmp/out" 2>"$tmp/err"; then
	echo "ok   followupd.conf with name, signature and references uncommented"
else
	echo "FAIL followupd.conf with name, signature and references uncommented:"
	cat "$tmp/err"
	fail=$((fail + 1))
fi

# -n says which server URLs a provider preset filled in.
n=$((n + 1))
"$followupd" -n -c "$conf/good-provider.conf" >"$tmp/out" 2>"$tmp/err"
printf '%s\n' "provider fastmail: imap url imaps://imap.fastmail.com:993" \
    "provider fastmail: smtp url smtps://smtp.fastmail.com:465" \
    "$conf/good-provider.conf: configuration and templates are valid" >"$tmp/want"
if cmp -s "$tmp/want" "$tmp/out"; then
	echo "ok   good-provider.conf: -n names the preset's URLs"
else
	echo "FAIL good-provider.conf: -n output differs"
	diff -u "$tmp/want" "$tmp/out"
	fail=$((fail + 1))
fi

# ... and when it sets sent_copy = "no" (the server files its own copy).
n=$((n + 1))
"$followupd" -n -c "$conf/good-provider-outlook.conf" >"$tmp/out" 2>"$tmp/err"
printf '%s\n' "provider outlook: imap url imaps://outlook.office365.com:993" \
    "provider outlook: smtp url smtp://smtp-mail.outlook.com:587" \
    "provider outlook: imap sent_copy no (the server files its own copy in Sent)" \
    "$conf/good-provider-outlook.conf: configuration and templates are valid" >"$tmp/want"
if cmp -s "$tmp/want" "$tmp/out"; then
	echo "ok   good-provider-outlook.conf: -n names the preset's URLs and sent_copy"
else
	echo "FAIL good-provider-outlook.conf: -n output differs"
	diff -u "$tmp/want" "$tmp/out"
	fail=$((fail + 1))
fi

echo "$n configs, $fail failed"
[ "$n" -gt 10 ] || { echo "too few config cases found"; exit 1; }
[ "$fail" -eq 0 ]
