#!/bin/bash
# check-connection.sh: `followupctl check-connection` against the private
# Dovecot + Postfix of tests/lib/mailenv.sh.  It tells the TLS version, the
# certificate mailenv's CA issued, the capabilities (IDLE, the AUTH
# mechanisms), the watched folder, the Sent folder and a test IDLE; it
# sends nothing; and its exit status says what the caller can do: 0 both
# work, 69 a server refuses (wrong password, untrusted certificate, missing
# folder), 75 a server cannot be reached.
set -u
. "$top_srcdir/tests/lib/lib.sh"

lib_start
CONF=$ENV/followupd.conf
checks=0
CLOSED=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

# run STATUS WHAT: check-connection exits with STATUS; its output in $ENV/out.
run() {
	local want=$1 what=$2 rc
	"$FOLLOWUPCTL" -c "$CONF" check-connection >"$ENV/out" 2>"$ENV/err"
	rc=$?
	if [ "$rc" != "$want" ]; then
		cat "$ENV/out" "$ENV/err"
		fail "$what: exit status $rc, want $want"
	fi
	checks=$((checks + 1))
	echo "ok $checks - $what (exit $rc)"
}

# has PATTERN WHAT: a whole line of the output matches PATTERN (grep -Ex).
has() {
	if ! grep -Exq -- "$1" "$ENV/out"; then
		cat "$ENV/out"
		fail "$2: no line is: $1"
	fi
	checks=$((checks + 1))
	echo "ok $checks - $2: $(grep -Ex -- "$1" "$ENV/out" | head -n 1)"
}

# ---- both servers, STARTTLS -------------------------------------------------
lib_config "$CONF" auto
run 0 "STARTTLS on both"
has "IMAP imap://127\.0\.0\.1:$IMAP_PORT \(user jane@example\.net\)" "IMAP heading"
has "  TLS: +TLS1\.[23], .+" "IMAP TLS version"
has "  certificate: +CN=localhost" "IMAP certificate subject"
has "  issuer: +CN=mailenv test CA" "IMAP certificate issuer"
has "  expires: +[0-9]{4}-[0-9]{2}-[0-9]{2}" "IMAP certificate expiry"
has "  sha256: +([0-9A-F]{2}:){31}[0-9A-F]{2}" "IMAP certificate fingerprint"
has "  trust: +verified .*" "IMAP certificate verified"
has "  capabilities: .*\<IDLE\>.*\<AUTH=PLAIN\>.*" "IMAP capabilities"
has "  login: +accepted \(auth plain\)" "IMAP login"
has "  after login: +IDLE yes, SPECIAL-USE yes, X-GM-EXT-1 no, .*" "IMAP after login"
has "  folder: +INBOX \(watched\): exists, [0-9]+ messages" "watched folder"
has "  Sent folder: +Sent" "Sent folder"
has "  IDLE test: +answered \(IDLE, continuation, DONE\)" "test IDLE"
has "SMTP smtp://127\.0\.0\.1:$SUBMISSION_PORT \(user jane@example\.net\)" "SMTP heading"
has "  capabilities: .*\<SIZE [0-9]+\>.*\<AUTH PLAIN LOGIN\>.*" "SMTP EHLO capabilities"
has "  login: +accepted \(auth plain\); nothing was sent" "SMTP login"
[ "$(grep -c "^  TLS: " "$ENV/out")" = 2 ] || fail "not two TLS lines"
grep -q "$PASS_jane" "$ENV/out" "$ENV/err" && fail "the password is in the output"

# ---- implicit TLS on both --------------------------------------------------
sed -i "s|imap://127.0.0.1:$IMAP_PORT|imaps://127.0.0.1:$IMAPS_PORT|; s|smtp://127.0.0.1:$SUBMISSION_PORT|smtps://127.0.0.1:$SMTPS_PORT|" "$CONF"
run 0 "implicit TLS on both"
has "  login: +accepted \(auth plain\); nothing was sent" "SMTPS login"
has "  IDLE test: +answered \(IDLE, continuation, DONE\)" "IMAPS test IDLE"

# Nothing was submitted, nothing was filed.
[ "$(grep -c "postfix/cleanup" "$POSTFIX_LOG")" = 0 ] || fail "Postfix received a mail"
[ "$(lib_count jane@example.net Sent)" = 0 ] || fail "something was put into Sent"
checks=$((checks + 1))
echo "ok $checks - nothing was sent or filed"

# ---- a wrong password: 69 with the servers' words ---------------------------
cp "$ENV/jane.pass" "$ENV/jane.pass.good"
echo "not-the-password" >"$ENV/jane.pass"
run 69 "wrong password"
has "  login: +refused: .*AUTHENTICATIONFAILED.*" "IMAP refusal in Dovecot's words"
has "  login: +refused: .*535 .*" "SMTP refusal in Postfix's words"
cp "$ENV/jane.pass.good" "$ENV/jane.pass"

# ---- a watched folder that does not exist: 69 -------------------------------
lib_config "$CONF" auto
sed -i 's|folders = \["INBOX"\]|folders = ["INBOX", "Jobs"]|' "$CONF"
run 69 "missing watched folder"
has "  folder: +Jobs \(watched\): .*Mailbox doesn't exist.*" "missing folder named"

# ---- an untrusted certificate: 69, no login tried ---------------------------
lib_config "$CONF" auto
sed -i "s|imap://127.0.0.1:$IMAP_PORT|imaps://$IMAPS_BADCA_HOST:$IMAPS_BADCA_PORT|" "$CONF"
run 69 "IMAP certificate from an unknown CA"
has "  trust: +NOT trusted: certificate of ${IMAPS_BADCA_HOST//./\\.}:$IMAPS_BADCA_PORT is not trusted \(unknown CA\); set imap\.ca_file to the CA that signed it" \
	"untrusted certificate named"
has "  login: +refused: certificate of .*not trusted.*" "login refused before credentials"
if mailenv saw-login "$ENV" "$IMAPS_BADCA_HOST" >/dev/null; then
	fail "a login reached the server behind an untrusted certificate"
fi

# ---- TLS from the first byte on the STARTTLS port: 69, with the hint ------
lib_config "$CONF" auto
sed -i "s|imap://127.0.0.1:$IMAP_PORT|imaps://127.0.0.1:$IMAP_PORT|" "$CONF"
run 69 "imaps:// on the STARTTLS port"
has "  TLS: +handshake with 127\.0\.0\.1:$IMAP_PORT failed: .*" "failed handshake"
has "  login: +refused: the server did not answer TLS on port $IMAP_PORT: it may expect STARTTLS; .*" \
	"the wrong scheme named"

# ---- a closed port: 75 -----------------------------------------------------
lib_config "$CONF" auto
sed -i "s|imap://127.0.0.1:$IMAP_PORT|imaps://127.0.0.1:$CLOSED|" "$CONF"
run 75 "IMAP port closed"
has "  connect: +cannot connect to 127\.0\.0\.1:$CLOSED: Connection refused" "closed IMAP port"
has "  login: +accepted \(auth plain\); nothing was sent" "SMTP still checked"

lib_config "$CONF" auto
sed -i "s|smtp://127.0.0.1:$SUBMISSION_PORT|smtp://127.0.0.1:$CLOSED|" "$CONF"
run 75 "SMTP port closed"
has "  connect: +cannot connect to 127\.0\.0\.1:$CLOSED: Connection refused" "closed SMTP port"

# ---- a pinned self-signed server (like Proton Mail Bridge): 0 ---------------
PIN="sha256:$SELFSIGNED_SHA256"
lib_config "$CONF" auto
sed -i "s|imap://127.0.0.1:$IMAP_PORT|imap://$IMAP_SELFSIGNED_HOST:$IMAP_SELFSIGNED_PORT|; s|smtp://127.0.0.1:$SUBMISSION_PORT|smtp://$SUBMISSION_SELFSIGNED_HOST:$SUBMISSION_SELFSIGNED_PORT|" "$CONF"
run 69 "a self-signed certificate without a pin"
has "  trust: +NOT trusted: certificate of ${IMAP_SELFSIGNED_HOST//./\\.}:$IMAP_SELFSIGNED_PORT .*" \
	"self-signed IMAP certificate not trusted"
sed -i "s|ca_file = \"$CA_FILE\";|tls_fingerprint = \"$PIN\";|g" "$CONF"
[ "$(grep -c "tls_fingerprint" "$CONF")" = 2 ] || fail "could not pin both accounts"
run 0 "a self-signed certificate pinned with tls_fingerprint"
[ "$(grep -Ec "^  trust: +matches the pin \((imap|smtp)\.tls_fingerprint\)$" "$ENV/out")" = 2 ] ||
	{ cat "$ENV/out"; fail "not two pinned trust lines"; }
has "  login: +accepted \(auth plain\)" "pinned IMAP login"
has "  login: +accepted \(auth plain\); nothing was sent" "pinned SMTP login"

# ---- a broken config: 78 ----------------------------------------------------
echo "imap = { url = \"imap://127.0.0.1:993\"; };" >>"$CONF"
run 78 "broken config"

echo "$checks checks passed"
