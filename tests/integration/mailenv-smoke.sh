#!/bin/bash
# mailenv-smoke.sh: the private Dovecot + Postfix pair of tests/lib/mailenv.sh
# works, checked with independent clients (swaks, curl, openssl).
# Exit 0 pass, 1 fail, 77 skip (no dovecot/postfix, or not root).

# make check may run this with /bin/sh.
if [ -z "${BASH_VERSION:-}" ]; then exec bash "$0" "$@"; fi
set -u

srcdir=${top_srcdir:-$(dirname "$0")/../..}
MAILENV="bash $srcdir/tests/lib/mailenv.sh"

for b in dovecot postfix; do
	if ! command -v "$b" > /dev/null; then
		echo "SKIP: $b is not installed"
		exit 77
	fi
done
if [ "$(id -u)" != 0 ]; then
	echo "SKIP: needs root (Postfix's master runs as root)"
	exit 77
fi
for b in swaks curl openssl; do
	command -v "$b" > /dev/null || { echo "FAIL: $b is not installed"; exit 1; }
done

failures=0
checks=0
T0=$EPOCHREALTIME
ms() { echo $(( (${EPOCHREALTIME/./} - ${T0/./}) / 1000 )); }
pass() { checks=$((checks + 1)); echo "ok $checks - $* [$(ms) ms]"; }
fail() { checks=$((checks + 1)); failures=$((failures + 1)); echo "not ok $checks - $* [$(ms) ms]"; }
# check DESCRIPTION COMMAND...: pass if COMMAND succeeds.
check() {
	local what=$1
	shift
	if "$@"; then pass "$what"; else fail "$what"; fi
}

D=$(mktemp -d /tmp/fu.XXXXXX) || exit 1
started=
finish() {
	local rc=$?
	if [ -n "$started" ] && [ -d "$D" ]; then
		[ "$failures" -gt 0 ] && $MAILENV logs "$D"
		$MAILENV stop "$D" || true
	fi
	rm -rf "$D"
	exit "$rc"
}
trap finish EXIT

t0=$EPOCHREALTIME
if ! $MAILENV start "$D"; then
	echo "FAIL: mailenv.sh start"
	exit 1
fi
started=1
t1=$EPOCHREALTIME
echo "# start took $(( (${t1/./} - ${t0/./}) / 1000 )) ms"
# shellcheck disable=SC1091
. "$D/env"
W=$D/work
mkdir "$W"

# -- env ------------------------------------------------------------------
for v in MAILENV_DIR MAILENV_HOST IMAP_PORT IMAPS_PORT SUBMISSION_PORT \
	SMTPS_PORT SMTP_PORT CA_FILE PASS_jane PASS_ada PASS_ben PASS_chloe \
	PASS_ravi PASS_bob PASS_carol IMAPS_BADCA_HOST IMAPS_BADCA_PORT \
	IMAP_NOSTARTTLS_HOST SUBMISSION_NOSTARTTLS_PORT; do
	[ -n "${!v:-}" ] || fail "env sets $v"
done
check "env names the directory" [ "$MAILENV_DIR" = "$(cd "$D" && pwd -P)" ]

# -- submission: STARTTLS + AUTH, certificate checked against CA_FILE -------
msgid="<smoke.$$.$RANDOM@example.net>"
# sub ARGS...: swaks as jane over submission with STARTTLS, verified.
sub() {
	swaks --server "$MAILENV_HOST" --port "$SUBMISSION_PORT" --tls \
		--tls-verify --tls-ca-path "$CA_FILE" \
		--auth PLAIN --auth-user jane@example.net --auth-password "$PASS_jane" \
		--from jane@example.net "$@" 2>&1
}
sub --to ada@example.com --header "Message-Id: $msgid" \
	--header "Subject: thank you" > "$W/sub.out"
check "swaks submission STARTTLS+AUTH jane -> ada" grep -q "^<~  250 2.0.0 Ok: queued" "$W/sub.out"
swaks --server "$MAILENV_HOST" --port "$SMTPS_PORT" --tlsc --tls-verify \
	--tls-ca-path "$CA_FILE" --auth LOGIN --auth-user ravi@example.com \
	--auth-password "$PASS_ravi" --from ravi@example.com \
	--to bob@example.org --header "Message-Id: <smtps.$$@example.com>" \
	> "$W/smtps.out" 2>&1
check "swaks SMTPS + AUTH LOGIN ravi -> bob" grep -q "^<~  250 2.0.0 Ok: queued" "$W/smtps.out"

# wait_count ADDR N: up to 10 s for N messages in ADDR's INBOX.
wait_count() {
	local end=$((SECONDS + 10))
	while [ "$SECONDS" -le "$end" ]; do
		[ "$($MAILENV count "$D" "$1")" -ge "$2" ] && return 0
		sleep 0.1
	done
	return 1
}
check "delivered over LMTP into ada's INBOX" wait_count ada@example.com 1
check "ada's message file has the Message-ID" \
	grep -qF "$msgid" $($MAILENV files "$D" ada@example.com)
check "delivered into bob's INBOX" wait_count bob@example.org 1

# -- read it back with curl ---------------------------------------------------
curl -sS --max-time 10 --cacert "$CA_FILE" -u "ada@example.com:$PASS_ada" \
	"imaps://$MAILENV_HOST:$IMAPS_PORT/INBOX;UID=1" > "$W/imaps.out" 2>&1
check "curl imaps reads ada's message" grep -qF "$msgid" "$W/imaps.out"
curl -sS --max-time 10 --ssl-reqd --cacert "$CA_FILE" -u "ada@example.com:$PASS_ada" \
	"imap://$MAILENV_HOST:$IMAP_PORT/INBOX;UID=1" > "$W/starttls.out" 2>&1
check "curl imap STARTTLS reads ada's message" grep -qF "$msgid" "$W/starttls.out"
curl -sS --max-time 10 --cacert "$CA_FILE" -u "ada@example.com:wrong$PASS_ada" \
	"imaps://$MAILENV_HOST:$IMAPS_PORT/INBOX;UID=1" > /dev/null 2>&1
check "a wrong IMAP password is refused" [ $? -eq 67 ]
curl -v --max-time 10 --interface 127.0.0.2 -u "ada@example.com:$PASS_ada" \
	"imap://$MAILENV_HOST:$IMAP_PORT/INBOX;UID=1" > "$W/plain.out" 2>&1
rc=$?
check "no plaintext LOGIN from 127.0.0.2 (LOGINDISABLED, curl $rc)" \
	eval 'grep -q "LOGINDISABLED" "$W/plain.out" && [ $rc -ne 0 ]' 

# -- refusals -----------------------------------------------------------------
# rcpt_reply ADDR [MESSAGE-ID]: the reply to RCPT TO:<ADDR> when jane sends
# over submission (curl: STARTTLS, AUTH, certificate and host name checked;
# swaks is slow to start).  An accepted mail is sent.
rcpt_reply() {
	printf 'From: jane@example.net\r\nTo: %s\r\nMessage-ID: %s\r\nSubject: probe\r\n\r\nprobe\r\n' \
		"$1" "${2:-<probe.$$.$RANDOM@example.net>}" > "$W/probe.txt"
	curl -v --max-time 10 --ssl-reqd --cacert "$CA_FILE" \
		-u "jane@example.net:$PASS_jane" --mail-from jane@example.net \
		--mail-rcpt "$1" -T "$W/probe.txt" \
		"smtp://$MAILENV_HOST:$SUBMISSION_PORT" 2>&1 |
		sed -n '/^> RCPT TO/,/^< /{/^< /{s/^< //p;q;};}' | tr -d '\r'
}
r=$(rcpt_reply nobody@example.com)
check "unknown user at a test domain: 550 5.1.1 ($r)" eval '[[ $r == "550 5.1.1 "* ]]'
r=$(rcpt_reply someone@gmail.com)
check "other domain: 554 5.7.1, nothing relayed ($r)" eval '[[ $r == "554 5.7.1 "* ]]'
r=$(curl -v --max-time 10 --ssl-reqd --cacert "$CA_FILE" \
	--mail-from x@example.net --mail-rcpt ada@example.com -T "$W/probe.txt" \
	"smtp://$MAILENV_HOST:$SUBMISSION_PORT" 2>&1 |
	sed -n '/^> RCPT TO/,/^< /{/^< /{s/^< //p;q;};}' | tr -d '\r')
check "submission without AUTH is refused ($r)" eval '[[ $r == 554* ]]'
curl -v --max-time 10 --ssl-reqd --cacert "$CA_FILE" -u "jane@example.net:nope" \
	--mail-from jane@example.net --mail-rcpt ada@example.com -T "$W/probe.txt" \
	"smtp://$MAILENV_HOST:$SUBMISSION_PORT" > "$W/badauth.out" 2>&1
check "a wrong SMTP password gets 535" grep -q "^< 535 " "$W/badauth.out"
{ printf 'EHLO x\r\n'; sleep 0.3; printf 'QUIT\r\n'; } |
	curl -s --max-time 5 "telnet://$MAILENV_HOST:$SUBMISSION_PORT" > "$W/ehlo.out" 2>&1
check "submission offers STARTTLS and no AUTH before it" \
	eval 'grep -q "^250-STARTTLS" "$W/ehlo.out" && ! grep -q "AUTH" "$W/ehlo.out"'
printf 'From: someone@elsewhere.test\r\nTo: jane@example.net\r\nMessage-ID: <mx.%s@elsewhere.test>\r\nSubject: inbound\r\n\r\nhi\r\n' "$$" > "$W/mx.txt"
curl -sS --max-time 10 --mail-from someone@elsewhere.test --mail-rcpt jane@example.net \
	-T "$W/mx.txt" "smtp://$MAILENV_HOST:$SMTP_PORT" > "$W/mx.out" 2>&1
check "the inbound SMTP port takes mail for jane" [ $? -eq 0 ]

# -- smtp-reply: effective for the very next connection --------------------
ok_all=1
for code in 450 550 ok 550 450 ok; do
	$MAILENV smtp-reply "$D" ben@example.com "$code" || ok_all=
	r=$(rcpt_reply ben@example.com)
	case $code in ok) want=250 ;; *) want=$code ;; esac
	[[ $r == "$want "* ]] || { ok_all=; echo "# smtp-reply $code: got '$r'"; }
	r=$(rcpt_reply chloe@example.com)
	[[ $r == "250 "* ]] || { ok_all=; echo "# chloe with ben at $code: got '$r'"; }
done
check "smtp-reply 450/550/ok holds from the next connection, for that address only" [ -n "$ok_all" ]
$MAILENV smtp-reply "$D" ben@example.com 450
sub --to ben@example.com,chloe@example.com --header "Message-Id: <mixed.$$@example.net>" > "$W/mixed.out"
check "with ben at 450, a mail to ben and chloe is queued for chloe" \
	grep -q "^<~  250 2.0.0 Ok: queued" "$W/mixed.out"
$MAILENV smtp-reply "$D" ben@example.com ok
# mailbox_has ADDR TEXT: TEXT is in one of ADDR's INBOX files.
mailbox_has() {
	local f
	f=$($MAILENV files "$D" "$1")
	[ -n "$f" ] && grep -qF "$2" $f
}
wait_has() {
	local end=$((SECONDS + ${WAIT_HAS_SECONDS:-10}))
	while [ "$SECONDS" -le "$end" ]; do
		mailbox_has "$1" "$2" && return 0
		sleep 0.1
	done
	return 1
}
check "chloe got it" wait_has chloe@example.com "<mixed.$$@example.net>"
check "ben did not" eval '! mailbox_has ben@example.com "<mixed.$$@example.net>"' 

# -- TLS fault listeners ------------------------------------------------------
printf 'From: jane@example.net\r\nTo: ada@example.com\r\nSubject: x\r\n\r\nx\r\n' > "$W/mail.txt"
for f in BADCA WRONGHOST EXPIRED; do
	h=IMAPS_${f}_HOST
	h=${!h}
	curl -sS --max-time 10 --cacert "$CA_FILE" -u "jane@example.net:$PASS_jane" \
		"imaps://$h:$IMAPS_PORT/INBOX" > /dev/null 2> "$W/f.err"
	rc=$?
	check "imaps $f ($h) fails certificate checks (curl $rc)" [ "$rc" -eq 60 ]
	curl -sS --max-time 10 --ssl-reqd --cacert "$CA_FILE" -u "jane@example.net:$PASS_jane" \
		"imap://$h:$IMAP_PORT/INBOX" > /dev/null 2> "$W/f.err"
	rc=$?
	check "imap STARTTLS $f fails certificate checks (curl $rc)" [ "$rc" -eq 60 ]
	curl -sS --max-time 10 --ssl-reqd --cacert "$CA_FILE" -u "jane@example.net:$PASS_jane" \
		--mail-from jane@example.net --mail-rcpt ada@example.com -T "$W/mail.txt" \
		"smtp://$h:$SUBMISSION_PORT" > /dev/null 2> "$W/f.err"
	rc=$?
	check "submission STARTTLS $f fails certificate checks (curl $rc)" [ "$rc" -eq 60 ]
	curl -sS --max-time 10 --cacert "$CA_FILE" -u "jane@example.net:$PASS_jane" \
		--mail-from jane@example.net --mail-rcpt ada@example.com -T "$W/mail.txt" \
		"smtps://$h:$SMTPS_PORT" > /dev/null 2> "$W/f.err"
	rc=$?
	check "smtps $f fails certificate checks (curl $rc)" [ "$rc" -eq 60 ]
	$MAILENV saw-login "$D" "$h" > "$W/saw.out"
	check "saw-login $h: no login reached the servers" [ $? -eq 1 ]
done
check "the wrong-host certificate names WRONGHOST_NAME" \
	eval 'openssl s_client -connect "$IMAPS_WRONGHOST_HOST:$IMAPS_PORT" < /dev/null 2>/dev/null | grep -q "CN *= *$WRONGHOST_NAME"'
curl -sS --max-time 10 --ssl-reqd --cacert "$CA_FILE" -u "jane@example.net:$PASS_jane" \
	"imap://$IMAP_NOSTARTTLS_HOST:$IMAP_NOSTARTTLS_PORT/INBOX" > /dev/null 2>&1
rc=$?
check "imap without STARTTLS: curl --ssl-reqd gives up (curl $rc)" [ "$rc" -eq 64 ]
curl -sS --max-time 10 --ssl-reqd --cacert "$CA_FILE" -u "jane@example.net:$PASS_jane" \
	--mail-from jane@example.net --mail-rcpt ada@example.com -T "$W/mail.txt" \
	"smtp://$SUBMISSION_NOSTARTTLS_HOST:$SUBMISSION_NOSTARTTLS_PORT" > /dev/null 2>&1
rc=$?
check "submission without STARTTLS: curl --ssl-reqd gives up (curl $rc)" [ "$rc" -eq 64 ]
$MAILENV saw-login "$D" "$IMAP_NOSTARTTLS_HOST" > "$W/saw.out"
check "saw-login $IMAP_NOSTARTTLS_HOST: none" [ $? -eq 1 ]
# The controls: the same listeners take a login once the client trusts them,
# and saw-login then sees it, so the "none" above means something.
curl -sS --max-time 10 --cacert "$BADCA_CA_FILE" -u "jane@example.net:$PASS_jane" \
	"imaps://$IMAPS_BADCA_HOST:$IMAPS_BADCA_PORT/INBOX" > /dev/null 2>&1
check "imaps BADCA works with BADCA_CA_FILE" [ $? -eq 0 ]
$MAILENV saw-login "$D" "$IMAPS_BADCA_HOST" > "$W/saw.out"
check "saw-login $IMAPS_BADCA_HOST sees that login" grep -q "Login: user=<jane@example.net>" "$W/saw.out"
curl -sS --max-time 10 -u "jane@example.net:$PASS_jane" \
	"imap://$IMAP_NOSTARTTLS_HOST:$IMAP_NOSTARTTLS_PORT/INBOX" > /dev/null 2>&1
check "the no-STARTTLS IMAP listener accepts a plaintext LOGIN" [ $? -eq 0 ]
$MAILENV saw-login "$D" "$IMAP_NOSTARTTLS_HOST" > "$W/saw.out"
check "saw-login $IMAP_NOSTARTTLS_HOST sees it" grep -q "lip=$IMAP_NOSTARTTLS_HOST" "$W/saw.out"
swaks --server "$SUBMISSION_NOSTARTTLS_HOST" --port "$SUBMISSION_NOSTARTTLS_PORT" \
	--auth PLAIN --auth-user jane@example.net --auth-password "$PASS_jane" \
	--from jane@example.net --to ada@example.com --quit-after AUTH > "$W/plain.out" 2>&1
check "the no-STARTTLS submission listener accepts a plaintext AUTH" grep -q "^<-  235" "$W/plain.out"
$MAILENV saw-login "$D" "$SUBMISSION_NOSTARTTLS_HOST" > "$W/saw.out"
check "saw-login sees the SMTP AUTH" grep -q "submission-nostarttls/smtpd.*auth=1" "$W/saw.out"

# -- deliver, count, files, adduser ------------------------------------------
printf 'From: Ravi <ravi@example.com>\r\nTo: jane@example.net\r\nSubject: Interview\r\nMessage-ID: <deliver.%s@example.com>\r\n\r\nSee you Tuesday.\r\n' "$$" > "$W/in.eml"
check "the inbound mail reached jane" wait_count jane@example.net 1
before=$($MAILENV count "$D" jane@example.net)
$MAILENV deliver "$D" jane@example.net "$W/in.eml"
check "deliver adds one message to jane's INBOX" [ "$($MAILENV count "$D" jane@example.net)" = $((before + 1)) ]
check "files lists it" grep -qF "<deliver.$$@example.com>" $($MAILENV files "$D" jane@example.net)
$MAILENV deliver "$D" jane@example.net "$W/in.eml" Sent
check "deliver into Sent" [ "$($MAILENV count "$D" jane@example.net Sent)" = 1 ]
$MAILENV adduser "$D" dan@example.com "s3cret-dan"
. "$D/env"
check "adduser puts PASS_dan into env" [ "${PASS_dan:-}" = s3cret-dan ]
printf 'From: dan@example.com\r\nTo: jane@example.net\r\nMessage-ID: <dan.%s@example.com>\r\nSubject: hi\r\n\r\nhi\r\n' "$$" > "$W/dan.txt"
curl -sS --max-time 10 --ssl-reqd --cacert "$CA_FILE" -u "dan@example.com:s3cret-dan" \
	--mail-from dan@example.com --mail-rcpt jane@example.net -T "$W/dan.txt" \
	"smtp://$MAILENV_HOST:$SUBMISSION_PORT" > "$W/dan.out" 2>&1
check "the new user can log in and send" [ $? -eq 0 ]
r=$(rcpt_reply dan@example.com)
check "and receive ($r)" eval '[[ $r == "250 "* ]]'

# -- Dovecot restarts under a live IDLE session -------------------------------
check "dan's mail reached jane" wait_has jane@example.net "<dan.$$@example.com>"
njane=$($MAILENV count "$D" jane@example.net)
mkfifo "$W/idle.in"
openssl s_client -quiet -connect "$MAILENV_HOST:$IMAPS_PORT" \
	-CAfile "$CA_FILE" < "$W/idle.in" > "$W/idle.out" 2>&1 &
idle_pid=$!
exec 8> "$W/idle.in"
printf 'a LOGIN jane@example.net %s\r\nb SELECT INBOX\r\nc IDLE\r\n' "$PASS_jane" >&8
for ((i = 0; i < 50; i++)); do
	grep -q '^+ idling' "$W/idle.out" && break
	sleep 0.1
done
check "an IDLE session is open" grep -q '^+ idling' "$W/idle.out"
old_pgid=$(cat "$D/dovecot.pgid")
t0=$EPOCHREALTIME
check "restart-dovecot" $MAILENV restart-dovecot "$D"
t1=$EPOCHREALTIME
echo "# restart-dovecot took $(( (${t1/./} - ${t0/./}) / 1000 )) ms"
alive=""
for p in /proc/[0-9]*; do
	read -r line 2>/dev/null < "$p/stat" || continue
	f=(${line##*) })
	[ "${f[0]}" != Z ] && [ "${f[2]}" = "$old_pgid" ] && alive="$alive ${p#/proc/}"
done
check "no process of the old Dovecot is left ($alive)" [ -z "$alive" ]
for ((i = 0; i < 50; i++)); do
	grep -q 'BYE' "$W/idle.out" && break
	kill -0 "$idle_pid" 2>/dev/null || break
	sleep 0.1
done
check "the IDLE client was disconnected" eval 'grep -q BYE "$W/idle.out" || ! kill -0 $idle_pid 2>/dev/null'
exec 8>&-
kill "$idle_pid" 2>/dev/null
wait "$idle_pid" 2>/dev/null
curl -sS --max-time 10 --cacert "$CA_FILE" -u "jane@example.net:$PASS_jane" \
	"imaps://$MAILENV_HOST:$IMAPS_PORT/INBOX" -X "SEARCH HEADER Message-ID deliver.$$" > "$W/search.out" 2>&1
check "after the restart curl finds jane's message by Message-ID" grep -q '^\* SEARCH [0-9]' "$W/search.out"

# Mail sent while Dovecot is down waits in Postfix's queue, then arrives.
$MAILENV stop-dovecot "$D"
sed 's/<mx\./<queued./' "$W/mx.txt" > "$W/q.txt"
curl -sS --max-time 10 --mail-from someone@elsewhere.test --mail-rcpt jane@example.net \
	-T "$W/q.txt" "smtp://$MAILENV_HOST:$SMTP_PORT" > "$W/q.out" 2>&1
check "inbound SMTP queues while Dovecot is down" [ $? -eq 0 ]
sleep 0.5
check "and it is not delivered yet" [ "$($MAILENV count "$D" jane@example.net)" = "$njane" ]
t0=$EPOCHREALTIME
$MAILENV start-dovecot "$D"
# start-dovecot flushes Postfix's queue once Dovecot listens, so the mail
# comes within a second; 20 s leaves room for a loaded machine, and is far
# below the 60 s Postfix puts a mail aside when it finds it still locked
# (the old flake).  Keep the evidence if it does not come.
if WAIT_HAS_SECONDS=20 wait_has jane@example.net "<queued.$$@elsewhere.test>"; then
	t1=$EPOCHREALTIME
	echo "# the queued mail arrived $(( (${t1/./} - ${t0/./}) / 1000 )) ms after start-dovecot began"
	pass "the queued mail arrives after start-dovecot"
else
	fail "the queued mail arrives after start-dovecot"
	echo "# the queue:"; find "$D/queue/incoming" "$D/queue/active" "$D/queue/deferred" -type f | sed 's/^/#   /'
	grep -v ' postfix/smtpd\[' "$D/postfix.log" | tail -n 30 | sed 's/^/# /'
	tail -n 15 "$D/dovecot.log" | sed 's/^/# /'
fi
# The queue manager never took a mail whose delivery was still under way
# (it would have put it aside for 60 s).
check "Postfix never found a queued mail still locked" \
	eval '! grep "still being delivered" "$D/postfix.log"'

# -- stop leaves nothing -------------------------------------------------------
groups="$(cat "$D/dovecot.pgid") $(cat "$D/postfix.pgid")"
DD=$(cd "$D" && pwd -P)
t0=$EPOCHREALTIME
$MAILENV stop "$D"
rc=$?
t1=$EPOCHREALTIME
started=
echo "# stop took $(( (${t1/./} - ${t0/./}) / 1000 )) ms"
check "stop succeeds" [ "$rc" -eq 0 ]
left=""
for p in /proc/[0-9]*; do
	read -r line 2>/dev/null < "$p/stat" || continue
	f=(${line##*) })
	[ "${f[0]}" = Z ] && continue
	for g in $groups; do
		if [ "${f[2]}" = "$g" ] || [ "${f[3]}" = "$g" ]; then
			left="$left ${p#/proc/}"
		fi
	done
	mapfile -d '' -t args 2>/dev/null < "$p/cmdline" || continue
	[[ " ${args[*]} " == *"$DD/"* ]] && [ "${p#/proc/}" != $$ ] && left="$left ${p#/proc/}"
done
check "no process of the environment is left ($left)" [ -z "$left" ]
check "stop removed the directory" [ ! -e "$D" ]

echo "# $checks checks, $failures failed"
[ "$failures" -eq 0 ]
