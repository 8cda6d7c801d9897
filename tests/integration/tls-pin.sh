#!/bin/bash
# Certificate pinning against a self-signed server, the way Proton Mail
# Bridge serves one (issued for IP 0.0.0.0): refused without a pin,
# accepted with the right tls_fingerprint (as openssl prints it) or
# tls_cert_file, refused with a wrong pin before any credential is sent
# (the servers' logs show no login), for IMAP (imaps:// and STARTTLS) and
# SMTP (STARTTLS and smtps://), through followupd --once.
set -u
. "$top_srcdir/tests/lib/lib.sh"

lib_start
H=$IMAPS_SELFSIGNED_HOST
PIN="sha256:$SELFSIGNED_SHA256"
# Another certificate's fingerprint (the good server's).
OTHER="sha256:$(openssl x509 -in "$MAILENV_DIR/tls/server.crt" -noout -fingerprint -sha256 | sed 's/.*=//')"
[ "$PIN" != "$OTHER" ] || fail "the two certificates have one fingerprint"
# Lower case without colons: the same pin.
PIN_PLAIN=$(printf '%s' "$SELFSIGNED_SHA256" | tr -d : | tr 'A-F' 'a-f')
n=0
ok() { n=$((n + 1)); echo "ok $n: $*"; }

# conf FILE IMAP-URL IMAP-EXTRA SMTP-URL SMTP-EXTRA
conf() {
	SMTP_BLOCK="smtp = { url = \"$4\"; user = \"jane@example.net\";
	password_command = \"cat $ENV/jane.pass\"; $5 };" \
	lib_config "$ENV/followupd.conf" auto
	# The imap group of lib_config, with the URL and pin of this case.
	sed -i "s|url = \"imap://127.0.0.1:$IMAP_PORT\"; user|url = \"$2\"; user|; s|ca_file = \"$CA_FILE\";|$3|" \
		"$ENV/followupd.conf"
}

# logins: how many logins the servers logged on the self-signed listeners.
logins() { { mailenv saw-login "$ENV" "$H" || true; } | wc -l; }

# once: followupd --once; its output in $ENV/once.log, its status in $rc,
# the logins seen before it in $seen.
once() {
	rm -rf "$ENV/state"
	seen=$(logins)
	"$FOLLOWUPD" -f -v --once --allow-root -c "$ENV/followupd.conf" >"$ENV/once.log" 2>&1
	rc=$?
	cat "$ENV/once.log" >>"$ENV/daemon.log"
}

# once_approved: like once, for a mail that should go: the interview of
# the invite was over when followupd first saw it, so a first run plans its
# mails held "found late"; the user approves them (lib_approve_late_now)
# and a second run, on that state, sends.  Its output and status are the
# second run's; $seen is from before the first (which logs in nowhere).
once_approved() {
	once
	lib_approve_late_now
	"$FOLLOWUPD" -f -v --once --allow-root -c "$ENV/followupd.conf" >"$ENV/once.log" 2>&1
	rc=$?
	cat "$ENV/once.log" >>"$ENV/daemon.log"
}

no_login() {
	local now
	now=$(logins)
	[ "$now" = "$seen" ] ||
		fail "$1: a login reached the server: $(mailenv saw-login "$ENV" "$H" | tail -n $((now - seen)))"
}

# -- IMAP --
GOOD_SMTP="smtp://127.0.0.1:$SUBMISSION_PORT"
for url in "imaps://$H:$IMAPS_SELFSIGNED_PORT" "imap://$H:$IMAP_SELFSIGNED_PORT"; do
	conf x "$url" "" "$GOOD_SMTP" "ca_file = \"$CA_FILE\";"
	once
	[ "$rc" = 69 ] || fail "$url without a pin: exit $rc, want 69 (EX_UNAVAILABLE)"
	grep -q "certificate of $H:[0-9]* is not trusted" "$ENV/once.log" ||
		fail "$url without a pin: no 'not trusted': $(cat "$ENV/once.log")"
	no_login "$url without a pin"
	ok "$url: self-signed refused without a pin, no login"

	conf x "$url" "tls_fingerprint = \"$PIN\";" "$GOOD_SMTP" "ca_file = \"$CA_FILE\";"
	once
	[ "$rc" = 0 ] || fail "$url with the pin: exit $rc: $(cat "$ENV/once.log")"
	grep -q "IMAP: connected to $H" "$ENV/once.log" || fail "$url with the pin: not connected"
	ok "$url: accepted with tls_fingerprint = \"$PIN\""

	conf x "$url" "tls_fingerprint = \"$PIN_PLAIN\";" "$GOOD_SMTP" "ca_file = \"$CA_FILE\";"
	once
	[ "$rc" = 0 ] || fail "$url with the pin in lower case without colons: exit $rc"
	ok "$url: the same pin in lower case without colons"

	conf x "$url" "tls_cert_file = \"$SELFSIGNED_CERT\";" "$GOOD_SMTP" "ca_file = \"$CA_FILE\";"
	once
	[ "$rc" = 0 ] || fail "$url with tls_cert_file: exit $rc: $(cat "$ENV/once.log")"
	ok "$url: accepted with tls_cert_file"

	# A wrong pin: refused, both fingerprints named, no credential sent.
	# (The good server's pin on the good server would pass: it is the
	# comparison that refuses, not the self-signed chain.)
	conf x "$url" "tls_fingerprint = \"$OTHER\";" "$GOOD_SMTP" "ca_file = \"$CA_FILE\";"
	once
	[ "$rc" = 69 ] || fail "$url with a wrong pin: exit $rc, want 69"
	grep -qF "the server's certificate is $PIN; imap.tls_fingerprint says $OTHER" "$ENV/once.log" ||
		fail "$url with a wrong pin: message: $(grep IMAP "$ENV/once.log")"
	no_login "$url with a wrong pin"
	ok "$url: wrong pin refused before any login: $(grep -o 'certificate of.*says [^;]*' "$ENV/once.log" | head -n 1 | cut -c1-90)..."
done
# The pin of the good server on the good server: the pin alone decides.
conf x "imaps://127.0.0.1:$IMAPS_PORT" "tls_fingerprint = \"$OTHER\";" "$GOOD_SMTP" "ca_file = \"$CA_FILE\";"
once
[ "$rc" = 0 ] || fail "the good server with its own pin: exit $rc"
ok "a pinned server needs no CA file"

# -- SMTP: a thank-you due now goes out through the self-signed server --
T=$(date +%s)
lib_invite "$ENV/inv.eml" pin-1@google.com 0 "@$((T - 3*3600))" "@$((T - 2*3600))" REQUEST \
	"Ada Brooks:ada@example.com" inv-pin-1@example.com
mailenv deliver "$ENV" jane@example.net "$ENV/inv.eml"
GOOD_IMAP="imap://127.0.0.1:$IMAP_PORT"
for url in "smtp://$H:$SUBMISSION_SELFSIGNED_PORT" "smtps://$H:$SMTPS_SELFSIGNED_PORT"; do
	before=$(lib_count ada@example.com)
	conf x "$GOOD_IMAP" "ca_file = \"$CA_FILE\";" "$url" ""
	once_approved
	[ "$rc" = 75 ] || fail "$url without a pin: exit $rc, want 75 (deferred)"
	grep -q "not trusted" "$ENV/once.log" || fail "$url without a pin: $(grep -i mail "$ENV/once.log")"
	no_login "$url without a pin"
	[ "$(lib_count ada@example.com)" = "$before" ] || fail "$url without a pin: the mail went"
	ok "$url: self-signed refused without a pin, no AUTH, nothing sent"

	conf x "$GOOD_IMAP" "ca_file = \"$CA_FILE\";" "$url" "tls_fingerprint = \"$OTHER\";"
	once_approved
	[ "$rc" = 75 ] || fail "$url with a wrong pin: exit $rc, want 75"
	grep -qF "the server's certificate is $PIN; smtp.tls_fingerprint says $OTHER" "$ENV/once.log" ||
		fail "$url with a wrong pin: message: $(grep -i mail "$ENV/once.log")"
	no_login "$url with a wrong pin"
	[ "$(lib_count ada@example.com)" = "$before" ] || fail "$url with a wrong pin: the mail went"
	ok "$url: wrong pin refused before AUTH, both fingerprints in the message"

	conf x "$GOOD_IMAP" "ca_file = \"$CA_FILE\";" "$url" "tls_fingerprint = \"$PIN\";"
	once_approved
	[ "$rc" = 0 ] || fail "$url with the pin: exit $rc: $(grep -i mail "$ENV/once.log")"
	lib_wait 10 '[ "$(lib_count ada@example.com)" = $((before + 1)) ]' ||
		fail "$url with the pin: Ada has $(lib_count ada@example.com) mails, want $((before + 1))"
	[ "$(logins)" -gt "$seen" ] || fail "$url with the pin: no AUTH seen on the server"
	ok "$url: the mail went with tls_fingerprint (one probe without credentials, then AUTH)"

	conf x "$GOOD_IMAP" "ca_file = \"$CA_FILE\";" "$url" "tls_cert_file = \"$SELFSIGNED_CERT\";"
	once_approved
	[ "$rc" = 0 ] || fail "$url with tls_cert_file: exit $rc: $(grep -i mail "$ENV/once.log")"
	lib_wait 10 '[ "$(lib_count ada@example.com)" = $((before + 2)) ]' ||
		fail "$url with tls_cert_file: the mail did not arrive"
	ok "$url: the mail went with tls_cert_file"
done
echo "PASS: $n checks"
