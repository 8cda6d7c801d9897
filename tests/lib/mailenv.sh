#!/bin/bash
# mailenv.sh: a private pair of real mail servers on loopback for the tests.
#
# Dovecot (IMAP with STARTTLS, IMAPS, IDLE, LMTP, passwd-file users) and
# Postfix (submission with STARTTLS + AUTH through Dovecot SASL, SMTPS, a plain
# inbound SMTP port, delivery of every accepted recipient into Dovecot over
# LMTP) run from one short temporary directory, with a private CA made by
# openssl at start.  Nothing can leave the machine: every domain is delivered
# to the local Dovecot, and a policy rejects all but the known users.
# Needs root (Postfix's master must run as root) and the Debian packages
# dovecot-imapd dovecot-lmtpd postfix openssl.
#
# Commands (DIR is short and fresh, e.g. "$(mktemp -d /tmp/fu.XXXXXX)"):
#   start DIR             make certificates, start both servers, wait until
#                         they accept connections, write DIR/env
#   stop DIR              stop exactly the processes of this environment
#                         (by process group and session), check none is left;
#                         with MAILENV_KEEP=1 in the environment DIR stays,
#                         otherwise DIR is removed
#   stop-dovecot DIR | start-dovecot DIR | restart-dovecot DIR
#                         start-dovecot and restart-dovecot then flush
#                         Postfix's queue, so mail it took while Dovecot
#                         was down is delivered within a second
#   adduser DIR ADDR PASS add a mailbox (IMAP/SMTP login ADDR, password PASS)
#   pass DIR ADDR         print ADDR's password
#   smtp-reply DIR ADDR CODE
#                         Postfix answers RCPT TO:<ADDR> with CODE (4xx or 5xx);
#                         CODE "ok" restores normal handling.  A policy
#                         service reads the table at every RCPT, so the change
#                         holds from the very next command, no reload.
#   deliver DIR ADDR FILE [FOLDER]
#                         store the raw message FILE in ADDR's FOLDER (INBOX)
#   import DIR ADDR FOLDER FILE...
#                         put many messages into FOLDER (made if need be) at
#                         once: written into its Maildir as the mail user,
#                         which Dovecot takes in at its next look (a SELECT);
#                         no doveadm run per message
#   count DIR ADDR [FOLDER]   print the number of messages in FOLDER (INBOX)
#   files DIR ADDR [FOLDER]   print the paths of FOLDER's message files
#   saw-login DIR [HOST]  print the server log lines showing a LOGIN,
#                         AUTHENTICATE or SMTP AUTH attempt (only on the
#                         listeners of address HOST if given); exit 0 if there
#                         was one, 1 if none, 2 on error.  Waits until the
#                         connections to HOST are closed and logged first.
#                         The logs are DIR/dovecot.log ("Login:", "auth
#                         failed", "client in: AUTH" lines with lip=HOST) and
#                         DIR/postfix.log ("auth=" in the disconnect line of
#                         the service postfix/<port>-<fault>/smtpd).
#   file-sent DIR ADDR [on|off]
#                         like Outlook or Gmail, the server files every mail
#                         ADDR submits in ADDR's Sent folder itself (Postfix
#                         sender_bcc_maps to ADDR+Sent, which Dovecot's LMTP
#                         saves in Sent); "off" stops it.  Postfix reloads.
#   logs DIR              print the tails of the server logs
#   passwd DIR ADDR PASS  change ADDR's password; the very next login needs
#                         the new one (waits out Dovecot's 1 s file check)
#   token DIR ADDR [TOKEN]
#                         (OAuth2 only) print ADDR's current access token, or
#                         make TOKEN the only one the server accepts for ADDR
#                         from the next login on
#
# OAuth2 (MAILENV_OAUTH2=1 in the environment of start): Dovecot also offers
# XOAUTH2 and OAUTHBEARER, for IMAP and (through its SASL) for Postfix's
# submission and SMTPS.  An oauth2 passdb checks each token with a small
# introspection server (oauth2-introspect.py, next to this file, on
# 127.0.0.1:INTROSPECT_PORT) that reads DIR/tokens ("ADDR TOKEN" lines) at
# every request and knows only the current token of each user.  Every user
# starts with a random token; passwords keep working as before.  It logs
# each check to DIR/introspect.log ("ok ADDR" or "refused").
#
# Users: jane@example.net (the candidate), ada@ ben@ chloe@example.com
# (interviewers), ravi@example.com (recruiter), bob@ carol@example.org
# (references).  Each gets a random password.  Any other address at a user's
# domain is refused at RCPT with 550 5.1.1; any other domain with 554 5.7.1.
#
# DIR/env (source it) sets:
#   MAILENV_DIR MAILENV_HOST(=127.0.0.1) CA_FILE (the private CA)
#   IMAP_PORT (STARTTLS offered, LOGIN only after it)  IMAPS_PORT
#   SUBMISSION_PORT (STARTTLS required, then AUTH PLAIN/LOGIN)  SMTPS_PORT
#   SMTP_PORT (inbound, like an MX: no AUTH, STARTTLS offered, only the users)
#   LMTP_SOCKET  DOVECOT_LOG  POSTFIX_LOG  MAILENV_USERS (all addresses)
#   MAILENV_OAUTH2 (1 or 0); with 1 also INTROSPECT_PORT, TOKEN_FILE
#   (DIR/tokens) and INTROSPECT_LOG
#   USER_<local> (the address) and PASS_<local> (its password), for
#   jane ada ben chloe ravi bob carol; adduser adds these for new local parts
#   Fault listeners, for certificate tests (each HOST a loopback address of
#   its own; the ports are the same numbers as the good ones):
#     IMAPS_BADCA_HOST/PORT  IMAP_BADCA_HOST/PORT (STARTTLS)
#     SMTPS_BADCA_HOST/PORT  SUBMISSION_BADCA_HOST/PORT (STARTTLS)
#       certificate for localhost/127.0.0.1/the host, signed by another CA
#       (BADCA_CA_FILE, so a test can also prove it is otherwise fine)
#     ..._WRONGHOST_... certificate from CA_FILE for WRONGHOST_NAME only
#     ..._EXPIRED_...   certificate from CA_FILE that expired in 2020
#     ..._SELFSIGNED_... a self-signed certificate for IP 0.0.0.0 only
#                       (CN 127.0.0.1), as Proton Mail Bridge serves;
#                       SELFSIGNED_CERT is it (PEM) and SELFSIGNED_SHA256 its
#                       fingerprint ("AB:CD:..." as openssl prints it)
#     IMAP_NOSTARTTLS_HOST/PORT        IMAP without STARTTLS (LOGIN offered)
#     SUBMISSION_NOSTARTTLS_HOST/PORT  SMTP without STARTTLS, AUTH offered
#   WRONGHOST_NAME (wrong.example.invalid)
#   Dovecot treats a connection whose two ends have the same address as
#   secure, so plaintext LOGIN works on 127.0.0.1 from 127.0.0.1; connect
#   from another source address (e.g. curl --interface 127.0.0.2) to see
#   LOGINDISABLED.  Connections to a fault HOST come from 127.0.0.1.
#   Wrong passwords are answered at once (no auth_failure_delay, no auth
#   penalty), so tests may try them freely.
#
# Files: DIR/dovecot.log, DIR/postfix.log (the server logs), DIR/tls/ (keys
# and certificates), DIR/mail/DOMAIN/LOCAL/Maildir (mailboxes), DIR/users
# (Dovecot passwd-file), DIR/recipients and DIR/replies (read by the policy).

# Run by bash even when called as "sh mailenv.sh"; bash 5.1 for SRANDOM,
# EPOCHREALTIME and mapfile -d.
if [ -z "${BASH_VERSION:-}" ]; then exec bash "$0" "$@"; fi
if [ "${BASH_VERSINFO[0]}${BASH_VERSINFO[1]}" -lt 51 ]; then
	echo "mailenv: needs bash 5.1 or later" >&2
	exit 2
fi
set -eu
umask 022

PROG=mailenv
MAIL_UID=${MAILENV_MAIL_UID:-60123}   # Maildir owner; needs no passwd entry
FAULT_BADCA=127.0.0.3
FAULT_WRONGHOST=127.0.0.4
FAULT_EXPIRED=127.0.0.5
FAULT_NOSTARTTLS=127.0.0.6
FAULT_SELFSIGNED=127.0.0.7
WRONGHOST_NAME=wrong.example.invalid
BUILTIN_USERS="jane@example.net ada@example.com ben@example.com chloe@example.com ravi@example.com bob@example.org carol@example.org"

D=
STARTING=
DOVECOT_PGID=
POSTFIX_PGID=
INTROSPECT_PGID=
OAUTH2=0
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)

say() { printf '%s: %s\n' "$PROG" "$*" >&2; }

logtail() {
	local f
	for f in "$D/dovecot.log" "$D/dovecot.out" "$D/postfix.log" "$D/postfix.out"; do
		[ -s "$f" ] || continue
		printf -- '--- last lines of %s ---\n' "$f" >&2
		tail -n 15 "$f" >&2
	done
}

DIE_RC=1
die() {
	say "$*"
	[ -n "$D" ] && [ -d "$D" ] && logtail
	exit "$DIE_RC"
}

usage() {
	sed -n '/^# Commands/,/^#                         from the next login on/p' "$0" | sed 's/^# \{0,1\}//' >&2
	exit 2
}

# setdir DIR: absolute, existing environment directory.
setdir() {
	[ -n "${1:-}" ] || usage
	[ -d "$1" ] || die "no such directory: $1"
	D=$(cd "$1" && pwd -P)
}

need_env() {
	[ -f "$D/env" ] || die "$D is not a started environment (no $D/env)"
}

# -- processes ------------------------------------------------------------
# Only bash builtins here: a fork costs ~10 ms on a loaded machine, and
# these run in loops.

# group_pids PGID: set PIDS to the PIDs whose process group or session is
# PGID (read from /proc, so procps is not needed).
group_pids() {
	local want=$1 p line
	local -a f
	PIDS=""
	for p in /proc/[0-9]*; do
		line=
		read -r line 2>/dev/null < "$p/stat" || continue
		# after "(comm) ": state ppid pgrp session ...
		# shellcheck disable=SC2206 # numbers and a state letter
		f=(${line##*) })
		# a zombie is dead already; PID 1 here may reap it late
		[ "${f[0]}" = Z ] && continue
		if [ "${f[2]}" = "$want" ] || [ "${f[3]}" = "$want" ]; then
			PIDS="$PIDS ${p#/proc/}"
		fi
	done
	PIDS=${PIDS# }
}

# alive PID: the process exists and is not a zombie.
alive() {
	local line
	read -r line 2>/dev/null < "/proc/$1/stat" || return 1
	line=${line##*) }
	[ "${line%% *}" != Z ]
}

# dir_pids: set PIDS to the server processes whose command line names a
# file of this environment (Dovecot's and Postfix's configuration, the
# policy, the certificates).  Programs under test that merely keep their
# files in DIR are not servers and are left alone.
dir_pids() {
	local p
	local -a args
	PIDS=""
	for p in /proc/[0-9]*; do
		[ "${p#/proc/}" = "$$" ] && continue
		args=()
		mapfile -d '' -t args 2>/dev/null < "$p/cmdline" || continue
		case " ${args[*]} " in
		*"$D/dovecot.conf "* | *"$D/postfix "* | *"$D/policy.sh "* | *"$D/tls/"* | *"$D/tokens "*)
			PIDS="$PIDS ${p#/proc/}" ;;
		esac
	done
	PIDS=${PIDS# }
}

# kill_group PGID NAME: TERM the whole group, give it a moment, then KILL
# what is left (both servers take ~2 s to stop gracefully, and nothing in
# a test environment needs that), and check that no process of the group
# or session remains.
kill_group() {
	local g=$1 name=$2 i
	[ -n "$g" ] || return 0
	kill -TERM -- "-$g" 2>/dev/null || true
	for ((i = 0; i < 5; i++)); do
		group_pids "$g"
		[ -z "$PIDS" ] && return 0
		sleep 0.03
	done
	kill -KILL -- "-$g" 2>/dev/null || true
	for ((i = 0; i < 250; i++)); do
		group_pids "$g"
		[ -z "$PIDS" ] && return 0
		# shellcheck disable=SC2086
		kill -KILL $PIDS 2>/dev/null || true
		sleep 0.02
	done
	say "$name: processes left after KILL: $PIDS"
	return 1
}

# -- ports ----------------------------------------------------------------

# hexaddr VAR ADDR: ADDR as /proc/net/tcp writes it.
hexaddr() {
	local IFS=.
	# shellcheck disable=SC2206 # a dotted quad
	local -a o=($2)
	printf -v "$1" '%02X%02X%02X%02X' "${o[3]}" "${o[2]}" "${o[1]}" "${o[0]}"
}

# listening ADDR:PORT...: true if every pair has a listening TCP socket.
listening() {
	local -a t
	local l f k h
	local -A on=()
	mapfile -t t < /proc/net/tcp
	for l in "${t[@]:1}"; do
		# shellcheck disable=SC2206 # hex fields
		f=($l)
		[ "${f[3]}" = 0A ] && on[${f[1]}]=1
	done
	for k in "$@"; do
		hexaddr h "${k%:*}"
		printf -v h '%s:%04X' "$h" "${k##*:}"
		[ -n "${on[$h]:-}" ] || return 1
	done
}

# pick_ports N: N distinct ports below the ephemeral range that nothing
# listens on, on any address.
pick_ports() {
	local n=$1 lo=10000 hi eph p got="" l
	local -a t f
	local -A used=()
	read -r eph _ < /proc/sys/net/ipv4/ip_local_port_range || eph=32768
	hi=$((eph - 1))
	[ "$hi" -gt "$lo" ] || hi=30000
	mapfile -t t < /proc/net/tcp
	[ -r /proc/net/tcp6 ] && mapfile -t -O "${#t[@]}" t < /proc/net/tcp6
	for l in "${t[@]}"; do
		# shellcheck disable=SC2206 # hex fields
		f=($l)
		[ "${f[3]}" = 0A ] && used[$((16#${f[1]##*:}))]=1
	done
	while [ "$n" -gt 0 ]; do
		p=$((lo + (RANDOM * 32768 + RANDOM) % (hi - lo)))
		[ -n "${used[$p]:-}" ] && continue
		used[$p]=1
		got="$got $p"
		n=$((n - 1))
	done
	echo "${got# }"
}

# -- certificates -----------------------------------------------------------

# make_certs: a private CA, the server certificate, and the certificates of
# the fault listeners.  EC keys, and few openssl runs: start must be fast.
make_certs() {
	local tls=$D/tls ec="-newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes"
	mkdir -p "$tls/new"
	: > "$tls/index.txt"
	echo 1000 > "$tls/serial"
	cat > "$tls/ca.cnf" <<EOF
[ca]
default_ca = mailenv
[mailenv]
database = $tls/index.txt
new_certs_dir = $tls/new
serial = $tls/serial
default_md = sha256
policy = anything
unique_subject = no
email_in_dn = no
[anything]
commonName = supplied
[req]
distinguished_name = dn
[dn]
[ca_ext]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[leaf]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyAgreement
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = \$ENV::MAILENV_SAN
[selfsigned]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyAgreement
extendedKeyUsage = serverAuth
subjectAltName = IP:0.0.0.0
EOF
	export MAILENV_SAN=DNS:localhost
	# shellcheck disable=SC2086
	openssl req -x509 -config "$tls/ca.cnf" -extensions ca_ext $ec \
		-keyout "$tls/ca.key" -out "$tls/ca.crt" -days 60 \
		-subj "/CN=mailenv test CA" >> "$tls/openssl.log" 2>&1 &&
	openssl req -x509 -config "$tls/ca.cnf" -extensions ca_ext $ec \
		-keyout "$tls/badca.key" -out "$tls/badca.crt" -days 60 \
		-subj "/CN=mailenv unknown CA" >> "$tls/openssl.log" 2>&1 &&
	openssl req -new -config "$tls/ca.cnf" $ec -keyout "$tls/server.key" \
		-out "$tls/server.csr" -subj "/CN=localhost" >> "$tls/openssl.log" 2>&1 ||
		die "openssl could not make the keys (see $tls/openssl.log)"
	# sign NAME CA CN SAN DATES...: a certificate for server.key.
	sign() {
		local name=$1 ca=$2 cn=$3
		MAILENV_SAN=$4
		shift 4
		openssl ca -batch -notext -config "$tls/ca.cnf" -extensions leaf \
			-in "$tls/server.csr" -out "$tls/$name.crt" -subj "/CN=$cn" \
			-cert "$tls/$ca.crt" -keyfile "$tls/$ca.key" "$@" \
			>> "$tls/openssl.log" 2>&1 ||
			die "openssl could not make the certificate $name (see $tls/openssl.log)"
	}
	sign server ca localhost "DNS:localhost,IP:127.0.0.1" -days 30
	sign fault-badca badca localhost \
		"DNS:localhost,IP:127.0.0.1,IP:$FAULT_BADCA" -days 30
	sign fault-wronghost ca "$WRONGHOST_NAME" "DNS:$WRONGHOST_NAME" -days 30
	sign fault-expired ca localhost \
		"DNS:localhost,IP:127.0.0.1,IP:$FAULT_EXPIRED" \
		-startdate 20200101000000Z -enddate 20200102000000Z
	openssl req -x509 -config "$tls/ca.cnf" -extensions selfsigned \
		-key "$tls/server.key" -out "$tls/fault-selfsigned.crt" -days 30 \
		-subj "/CN=127.0.0.1" >> "$tls/openssl.log" 2>&1 ||
		die "openssl could not make the self-signed certificate (see $tls/openssl.log)"
	chmod 0600 "$tls"/*.key
}

# -- users --------------------------------------------------------------------

randpass() {
	printf '%08x%08x' "$SRANDOM" "$SRANDOM"
}

valid_addr() {
	case $1 in
	*[!a-z0-9._+@-]* | @* | *@ | *@*@*) return 1 ;;
	?*@?*) return 0 ;;
	*) return 1 ;;
	esac
}

# varname VAR ADDR: the local part of ADDR as a shell name.
varname() {
	local _l=${2%@*}
	printf -v "$1" '%s' "${_l//[!a-zA-Z0-9_]/_}"
}

# add_user ADDR PASS: a line in Dovecot's passwd-file and in the policy's
# recipient list.
add_user() {
	local a=$1 p=$2
	valid_addr "$a" || die "not a plain lower-case address: $a"
	case $p in *:* | *[[:space:]]* | "") die "password must be non-empty, without ':' or spaces" ;; esac
	# user:password:uid:gid:gecos:home:shell:extra (uid/gid/home from
	# the userdb's default_fields)
	printf '%s:{PLAIN}%s::::::\n' "$a" "$p" >> "$D/users"
	printf '%s\n' "$a" >> "$D/recipients"
	printf '%s tok-%s\n' "$a" "$(randpass)" >> "$D/tokens"
}

# -- Dovecot ------------------------------------------------------------------

write_dovecot_conf() {
	local dh="" oauth_mechs="" passwd_mechs="" oauth_passdb=""
	if [ "$OAUTH2" = 1 ]; then
		oauth_mechs=" xoauth2 oauthbearer"
		passwd_mechs=$'\n  mechanisms = plain login'
		oauth_passdb="passdb {
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = $D/dovecot-oauth2.conf.ext
}"
		cat > "$D/dovecot-oauth2.conf.ext" <<EOF
introspection_mode = post
introspection_url = http://127.0.0.1:$INTROSPECT_PORT/introspect
force_introspection = yes
username_attribute = username
active_attribute = active
active_value = true
timeout_msecs = 5000
EOF
	fi
	[ -r /usr/share/dovecot/dh.pem ] && dh="ssl_dh = </usr/share/dovecot/dh.pem"
	cat > "$D/dovecot.conf" <<EOF
# Written by mailenv.sh for one test environment.
base_dir = $D/run
state_dir = $D/state
instance_name = mailenv-${D##*/}
protocols = imap lmtp
listen = 127.0.0.1
log_path = $D/dovecot.log
info_log_path = $D/dovecot.log
debug_log_path = $D/dovecot.log
log_timestamp = "%Y-%m-%d %H:%M:%S "
auth_verbose = yes
auth_debug = yes
# Tests try wrong passwords on purpose; do not make them wait 2 s.
auth_failure_delay = 0
login_log_format_elements = user=<%u> method=%m rip=%r lip=%l lport=%{lport} mpid=%e %c session=<%{session}>
default_internal_user = dovecot
default_login_user = dovenull
first_valid_uid = 100
mail_max_userip_connections = 100
disable_plaintext_auth = yes
auth_mechanisms = plain login$oauth_mechs
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%Lu $D/users$passwd_mechs
}
$oauth_passdb
userdb {
  driver = passwd-file
  args = username_format=%Lu $D/users
  default_fields = uid=$MAIL_UID gid=$MAIL_UID home=$D/mail/%Ld/%Ln
}
mail_location = maildir:~/Maildir
# IDLE learns of new mail from inotify.  A busy machine whose inotify
# instances are used up (128 a user by default, and every test's imap
# processes run as one user) makes Dovecot poll instead, every 30 s by
# default: longer than a test waits.  Poll every second then.
mailbox_idle_check_interval = 1 secs
namespace inbox {
  inbox = yes
  separator = /
  mailbox Sent {
    special_use = \\Sent
    auto = subscribe
  }
  mailbox Drafts {
    special_use = \\Drafts
    auto = subscribe
  }
  mailbox Trash {
    special_use = \\Trash
    auto = subscribe
  }
}
ssl = yes
ssl_cert = <$D/tls/server.crt
ssl_key = <$D/tls/server.key
$dh
ssl_min_protocol = TLSv1.2
service imap-login {
  inet_listener imap {
    address = 127.0.0.1 $FAULT_BADCA $FAULT_WRONGHOST $FAULT_EXPIRED $FAULT_NOSTARTTLS $FAULT_SELFSIGNED
    port = $IMAP_PORT
  }
  inet_listener imaps {
    address = 127.0.0.1 $FAULT_BADCA $FAULT_WRONGHOST $FAULT_EXPIRED $FAULT_SELFSIGNED
    port = $IMAPS_PORT
    ssl = yes
  }
}
service lmtp {
  unix_listener lmtp {
    user = postfix
    group = postfix
    mode = 0600
  }
}
service auth {
  unix_listener auth-postfix {
    user = postfix
    group = postfix
    mode = 0600
  }
}
protocol lmtp {
  postmaster_address = postmaster@example.net
  # ADDR+Sent@ lands in ADDR's Sent (file-sent).
  lmtp_save_to_detail_mailbox = yes
}
recipient_delimiter = +
# No auth penalty: after a failed login Dovecot would delay every later
# login from 127.0.0.1 (Postfix's SASL included) by 2 s, doubling up to
# 15 s.  Its auth process finds no socket under the usual name and
# silently skips the penalty.
service anvil {
  unix_listener anvil-auth-penalty {
    path = anvil-auth-penalty-unused
  }
}
local $FAULT_BADCA {
  ssl_cert = <$D/tls/fault-badca.crt
  ssl_key = <$D/tls/server.key
}
local $FAULT_WRONGHOST {
  ssl_cert = <$D/tls/fault-wronghost.crt
  ssl_key = <$D/tls/server.key
}
local $FAULT_EXPIRED {
  ssl_cert = <$D/tls/fault-expired.crt
  ssl_key = <$D/tls/server.key
}
local $FAULT_SELFSIGNED {
  ssl_cert = <$D/tls/fault-selfsigned.crt
  ssl_key = <$D/tls/server.key
}
# Like a server whose STARTTLS a man in the middle stripped: plaintext
# LOGIN is offered and accepted.
local $FAULT_NOSTARTTLS {
  ssl = no
  disable_plaintext_auth = no
}
EOF
}

# pgid_file FILE: set PGID from FILE ("" if there is none).
pgid_file() {
	PGID=
	[ -f "$1" ] && read -r PGID < "$1"
	return 0
}

dovecot_running() {
	pgid_file "$D/dovecot.pgid"
	[ -n "$PGID" ] || return 1
	group_pids "$PGID"
	[ -n "$PIDS" ]
}

dovecot_ready() {
	[ -S "$D/run/lmtp" ] && [ -S "$D/run/auth-postfix" ] &&
	listening {127.0.0.1,$FAULT_BADCA,$FAULT_WRONGHOST,$FAULT_EXPIRED,$FAULT_SELFSIGNED}:{$IMAP_PORT,$IMAPS_PORT} \
		"$FAULT_NOSTARTTLS:$IMAP_PORT"
}

start_dovecot() {
	local pid i
	if dovecot_running; then
		die "Dovecot of $D is running already"
	fi
	# A socket left by a killed Dovecot: connecting to it would be
	# retried for 5 s (see the anvil service in the configuration).
	# master.pid too: its killed process may still be an unreaped zombie,
	# and Dovecot would take that for a running instance.
	# The unix sockets go too, so that waiting for them means something.
	rm -f "$D/dovecot.pgid" "$D/run/anvil-auth-penalty" "$D/run/master.pid" \
		"$D/run/lmtp" "$D/run/auth-postfix"
	# setsid: a session and process group of its own, so stop ends every
	# child (an IDLE session would otherwise linger).  Not being a group
	# leader, the background shell runs setsid without a fork: $! is
	# Dovecot's master.  -F: stay in the foreground.
	setsid dovecot -F -c "$D/dovecot.conf" > "$D/dovecot.out" 2>&1 < /dev/null 9>&- &
	pid=$!
	echo "$pid" > "$D/dovecot.pgid"
	DOVECOT_PGID=$pid
	for ((i = 0; i < 500; i++)); do
		if dovecot_ready; then
			flush_postfix
			return 0
		fi
		alive "$pid" || die "Dovecot exited at start"
		sleep 0.02
	done
	die "Dovecot does not listen on its ports after 10 s"
}

# queue_state: set QUEUED to the number of mails in Postfix's queue
# (incoming, active, deferred) and BUSY to 1 if one is being delivered: it
# is in the active queue, or a delivery agent still holds its file's lock
# (seen in /proc/locks by inode).
queue_state() {
	local q=$D/queue l dir ino
	local -a f files
	local -A locked=()
	QUEUED=0
	BUSY=
	mapfile -t files < <(find "$q/incoming" "$q/active" "$q/deferred" \
		-type f -printf '%h %i\n' 2> /dev/null)
	[ "${#files[@]}" -gt 0 ] || return 0
	while read -r -a f; do
		# "1: FLOCK ADVISORY WRITE PID MAJ:MIN:INODE ..." ("->" for a waiter)
		for l in "${f[@]}"; do
			case $l in *:*:*) locked[${l##*:}]=1 ;; esac
		done
	done < /proc/locks
	for l in "${files[@]}"; do
		dir=${l% *}
		ino=${l##* }
		QUEUED=$((QUEUED + 1))
		if [ "$dir" = "$q/active" ] || [ -n "${locked[$ino]:-}" ]; then
			BUSY=1
		fi
	done
}

# flush_postfix: mail that waited in Postfix's queue while Dovecot was down
# goes now, not at the next retry.  "postqueue -f" makes the queue manager
# forget dead destinations and take every queued file whatever its date;
# a file that a delivery agent still has locked would be put aside for
# 60 s, so first wait (up to 5 s) until no delivery is under way.
flush_postfix() {
	local i
	pgid_file "$D/postfix.pgid"
	[ -n "$PGID" ] && alive "$PGID" || return 0
	for ((i = 0; i < 250; i++)); do
		queue_state
		[ "$QUEUED" -eq 0 ] && return 0
		[ -z "$BUSY" ] && break
		sleep 0.02
	done
	postqueue -c "$D/postfix" -f > /dev/null 2>&1 ||
		say "postqueue -f failed; the queued mail waits for Postfix's next retry"
	return 0
}

stop_dovecot() {
	pgid_file "$D/dovecot.pgid"
	[ -n "$PGID" ] || return 0
	kill_group "$PGID" Dovecot || return 1
	rm -f "$D/dovecot.pgid"
}

# -- OAuth2 introspection -------------------------------------------------------

start_introspect() {
	local pid i
	# A session of its own, like Dovecot: stop ends it by its group.
	setsid python3 "$HERE/oauth2-introspect.py" "$INTROSPECT_PORT" "$D/tokens" \
		"$D/introspect.log" > "$D/introspect.out" 2>&1 < /dev/null 9>&- &
	pid=$!
	echo "$pid" > "$D/introspect.pgid"
	INTROSPECT_PGID=$pid
	for ((i = 0; i < 500; i++)); do
		listening "127.0.0.1:$INTROSPECT_PORT" && return 0
		alive "$pid" || die "the introspection server exited at start (see $D/introspect.out)"
		sleep 0.02
	done
	die "the introspection server does not listen after 10 s"
}

stop_introspect() {
	pgid_file "$D/introspect.pgid"
	[ -n "$PGID" ] || return 0
	kill_group "$PGID" introspection || return 1
	rm -f "$D/introspect.pgid"
}

# -- Postfix ------------------------------------------------------------------

write_policy() {
	cat > "$D/policy.sh" <<'EOF'
# Postfix policy service (spawned per smtpd connection, runs as nobody).
# Decides RCPT TO: a reply forced by "mailenv.sh smtp-reply" first, then
# known users pass, unknown users of a known domain get 550, every other
# domain 554: nothing is relayed.  Reads its tables at every request.
d=$1
while :; do
	rcpt=
	while :; do
		IFS= read -r line || exit 0
		line=${line%$'\r'}
		[ -z "$line" ] && break
		case $line in recipient=*) rcpt=${line#recipient=} ;; esac
	done
	rcpt=${rcpt,,}
	action=DUNNO
	if [ -n "$rcpt" ]; then
		action=
		while read -r a c; do
			[ "$a" = "$rcpt" ] || continue
			case $c in
			4*) action="$c 4.2.0 Mailbox busy (forced by mailenv smtp-reply)" ;;
			*) action="$c 5.1.1 Mailbox unavailable (forced by mailenv smtp-reply)" ;;
			esac
		done < "$d/replies"
		if [ -z "$action" ]; then
			action="554 5.7.1 Relay access denied (no mail leaves this test machine)"
			while read -r a; do
				if [ "$a" = "$rcpt" ]; then
					action=DUNNO
					break
				elif [ "${a#*@}" = "${rcpt##*@}" ]; then
					action="550 5.1.1 User unknown"
				fi
			done < "$d/recipients"
		fi
	fi
	printf 'action=%s\n\n' "$action"
done
EOF
}

write_postfix_conf() {
	local pf=$D/postfix
	mkdir -p "$pf"
	cat > "$pf/main.cf" <<EOF
# Written by mailenv.sh for one test environment.
compatibility_level = 3.6
queue_directory = $D/queue
data_directory = $D/data
mail_owner = postfix
setgid_group = postdrop
myhostname = localhost
mydomain = localdomain
myorigin = \$myhostname
mydestination =
mynetworks = 127.0.0.0/8
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
maillog_file = $D/postfix.log
maillog_file_prefixes = $D
alias_maps =
alias_database =
local_recipient_maps =
biff = no
append_dot_mydomain = no
readme_directory = no
relayhost =
# Every domain is a mailbox domain delivered to Dovecot; the policy refuses
# unknown recipients, and the error transports stop anything else.
virtual_mailbox_domains = static:all
virtual_mailbox_maps = static:all
virtual_alias_maps =
virtual_transport = lmtp:unix:$D/run/lmtp
local_transport = error:5.1.1 mailenv has no local delivery
default_transport = error:5.7.1 mailenv never sends mail off this machine
relay_transport = error:5.7.1 mailenv never sends mail off this machine
smtpd_banner = \$myhostname ESMTP mailenv
smtpd_peername_lookup = no
smtpd_error_sleep_time = 0
smtpd_soft_error_limit = 100
smtpd_hard_error_limit = 200
smtpd_reject_unlisted_recipient = no
smtpd_relay_restrictions = check_policy_service unix:private/policy, reject_unauth_destination
smtpd_recipient_restrictions =
smtpd_tls_chain_files = $D/tls/server.key, $D/tls/server.crt
smtpd_tls_security_level = may
smtpd_tls_auth_only = yes
smtpd_tls_loglevel = 1
smtpd_sasl_type = dovecot
smtpd_sasl_path = $D/run/auth-postfix
smtpd_sasl_auth_enable = no
smtpd_sasl_authenticated_header = no
in_flow_delay = 0
# A deferred mail's file is dated now + backoff, and the deferred queue
# scan takes files dated up to one second ahead.  With a backoff of 1 s
# the queue manager takes the mail back at once, while the lmtp agent that
# has just deferred it may still hold its lock; the queue manager then
# logs "skipped, still being delivered" and puts it aside for a fixed 60 s.
# 3 s keeps a deferred mail out of reach for at least a second.
queue_run_delay = 1s
minimal_backoff_time = 3s
maximal_backoff_time = 3s
maximal_queue_lifetime = 1h
bounce_queue_lifetime = 1h
lmtp_connect_timeout = 5s
EOF
	local A=127.0.0.1 sub smtps s
	sub="-o smtpd_sasl_auth_enable=yes -o smtpd_tls_security_level=encrypt -o smtpd_client_restrictions=permit_sasl_authenticated,reject -o smtpd_recipient_restrictions=permit_sasl_authenticated,reject"
	smtps="-o smtpd_sasl_auth_enable=yes -o smtpd_tls_wrappermode=yes -o smtpd_client_restrictions=permit_sasl_authenticated,reject -o smtpd_recipient_restrictions=permit_sasl_authenticated,reject"
	{
		cat <<EOF
# Written by mailenv.sh.  chroot is off everywhere ("n" in column 5).
$A:$SMTP_PORT inet n - n - - smtpd -o syslog_name=postfix/smtp
$A:$SUBMISSION_PORT inet n - n - - smtpd -o syslog_name=postfix/submission $sub
$A:$SMTPS_PORT inet n - n - - smtpd -o syslog_name=postfix/smtps $smtps
EOF
		for s in badca wronghost expired selfsigned; do
			local h
			case $s in
			badca) h=$FAULT_BADCA ;;
			wronghost) h=$FAULT_WRONGHOST ;;
			expired) h=$FAULT_EXPIRED ;;
			selfsigned) h=$FAULT_SELFSIGNED ;;
			esac
			local cert="-o smtpd_tls_chain_files=$D/tls/server.key,$D/tls/fault-$s.crt"
			echo "$h:$SUBMISSION_PORT inet n - n - - smtpd -o syslog_name=postfix/submission-$s $sub $cert"
			echo "$h:$SMTPS_PORT inet n - n - - smtpd -o syslog_name=postfix/smtps-$s $smtps $cert"
		done
		cat <<EOF
$FAULT_NOSTARTTLS:$SUBMISSION_PORT inet n - n - - smtpd -o syslog_name=postfix/submission-nostarttls -o smtpd_sasl_auth_enable=yes -o smtpd_tls_security_level=none -o smtpd_tls_auth_only=no -o smtpd_client_restrictions=permit_sasl_authenticated,reject -o smtpd_recipient_restrictions=permit_sasl_authenticated,reject
cleanup   unix n - n - 0 cleanup
qmgr      unix n - n 300 1 qmgr
tlsmgr    unix - - n 1000? 1 tlsmgr
rewrite   unix - - n - - trivial-rewrite
bounce    unix - - n - 0 bounce
defer     unix - - n - 0 bounce
trace     unix - - n - 0 bounce
verify    unix - - n - 1 verify
flush     unix n - n 1000? 0 flush
pickup    fifo n - n 60 1 pickup
proxymap  unix - - n - - proxymap
showq     unix n - n - - showq
error     unix - - n - - error
retry     unix - - n - - error
discard   unix - - n - - discard
lmtp      unix - - n - - lmtp
anvil     unix - - n - 1 anvil
scache    unix - - n - 1 scache
postlog   unix-dgram n - n - 1 postlogd
policy    unix - n n - 0 spawn user=nobody argv=/bin/bash $D/policy.sh $D
EOF
	} > "$pf/master.cf"
	# Postfix waits ~2 s on configuration files changed within the last
	# 2 s; they are new, so date them back.
	touch -d '1 minute ago' "$pf/main.cf" "$pf/master.cf"
}

postfix_ready() {
	listening {127.0.0.1,$FAULT_BADCA,$FAULT_WRONGHOST,$FAULT_EXPIRED,$FAULT_SELFSIGNED}:{$SUBMISSION_PORT,$SMTPS_PORT} \
		"127.0.0.1:$SMTP_PORT" "$FAULT_NOSTARTTLS:$SUBMISSION_PORT"
}

start_postfix() {
	local q=$D/queue daemons i
	# The queue as postfix-files describes it, made here rather than by
	# "postfix start", whose checks run postconf two dozen times.
	mkdir -p "$D/data" "$q"/{active,bounce,corrupt,defer,deferred,flush,hold,incoming,private,saved,trace,maildrop,public,pid}
	chown postfix "$D/data" "$q"/{active,bounce,corrupt,defer,deferred,flush,hold,incoming,private,saved,trace,maildrop,public}
	chgrp postdrop "$q/maildrop" "$q/public"
	chmod 0700 "$D/data" "$q"/{active,bounce,corrupt,defer,deferred,flush,hold,incoming,private,saved,trace}
	chmod 1730 "$q/maildrop"
	chmod 2710 "$q/public"
	daemons=$(postconf -dh daemon_directory) || die "postconf does not run"
	# -w: return once master is ready (listening); master makes itself
	# a session and process group leader, and TERM to it ends the group.
	"$daemons/master" -c "$D/postfix" -w > "$D/postfix.out" 2>&1 < /dev/null 9>&- ||
		die "Postfix's master did not start"
	[ -s "$q/pid/master.pid" ] || die "Postfix wrote no master.pid"
	read -r POSTFIX_PGID < "$q/pid/master.pid"
	echo "$POSTFIX_PGID" > "$D/postfix.pgid"
	for ((i = 0; i < 500; i++)); do
		postfix_ready && return 0
		alive "$POSTFIX_PGID" || die "Postfix's master exited at start"
		sleep 0.02
	done
	die "Postfix does not listen on its ports after 10 s"
}

stop_postfix() {
	pgid_file "$D/postfix.pgid"
	[ -n "$PGID" ] || return 0
	kill_group "$PGID" Postfix || return 1
	rm -f "$D/postfix.pgid"
}

# -- commands -----------------------------------------------------------------

on_exit() {
	local rc=$?
	if [ -n "$STARTING" ]; then
		say "start failed; stopping what was started"
		[ -n "$POSTFIX_PGID" ] && kill_group "$POSTFIX_PGID" Postfix || true
		[ -n "$DOVECOT_PGID" ] && kill_group "$DOVECOT_PGID" Dovecot || true
		[ -n "$INTROSPECT_PGID" ] && kill_group "$INTROSPECT_PGID" introspection || true
		rm -f "$D/postfix.pgid" "$D/dovecot.pgid" "$D/introspect.pgid"
	fi
	exit "$rc"
}

load_env() {
	need_env
	# shellcheck disable=SC1091
	. "$D/env"
}

# env_user ADDR PASS: USER_/PASS_ lines for env.
env_user() {
	local v
	varname v "$1"
	printf 'USER_%s=%q\nPASS_%s=%q\n' "$v" "$1" "$v" "$2"
}

env_users() {
	local -a r
	mapfile -t r < "$D/recipients"
	printf 'MAILENV_USERS=%q\n' "${r[*]}"
}

write_env() {
	local a p f h
	{
		echo "# mailenv environment: source this file (see mailenv.sh)."
		printf 'MAILENV_DIR=%q\n' "$D"
		echo "MAILENV_HOST=127.0.0.1"
		echo "IMAP_PORT=$IMAP_PORT"
		echo "IMAPS_PORT=$IMAPS_PORT"
		echo "SUBMISSION_PORT=$SUBMISSION_PORT"
		echo "SMTPS_PORT=$SMTPS_PORT"
		echo "SMTP_PORT=$SMTP_PORT"
		printf 'CA_FILE=%q\n' "$D/tls/ca.crt"
		printf 'BADCA_CA_FILE=%q\n' "$D/tls/badca.crt"
		echo "WRONGHOST_NAME=$WRONGHOST_NAME"
		printf 'LMTP_SOCKET=%q\n' "$D/run/lmtp"
		printf 'DOVECOT_LOG=%q\n' "$D/dovecot.log"
		printf 'POSTFIX_LOG=%q\n' "$D/postfix.log"
		echo "MAILENV_OAUTH2=$OAUTH2"
		if [ "$OAUTH2" = 1 ]; then
			echo "INTROSPECT_PORT=$INTROSPECT_PORT"
			printf 'TOKEN_FILE=%q\n' "$D/tokens"
			printf 'INTROSPECT_LOG=%q\n' "$D/introspect.log"
		fi
		for f in BADCA WRONGHOST EXPIRED SELFSIGNED; do
			h=FAULT_$f
			h=${!h}
			echo "IMAPS_${f}_HOST=$h"
			echo "IMAPS_${f}_PORT=$IMAPS_PORT"
			echo "IMAP_${f}_HOST=$h"
			echo "IMAP_${f}_PORT=$IMAP_PORT"
			echo "SMTPS_${f}_HOST=$h"
			echo "SMTPS_${f}_PORT=$SMTPS_PORT"
			echo "SUBMISSION_${f}_HOST=$h"
			echo "SUBMISSION_${f}_PORT=$SUBMISSION_PORT"
		done
		printf 'SELFSIGNED_CERT=%q\n' "$D/tls/fault-selfsigned.crt"
		f=$(openssl x509 -in "$D/tls/fault-selfsigned.crt" -noout -fingerprint -sha256) ||
			die "openssl cannot read the self-signed certificate"
		echo "SELFSIGNED_SHA256=${f#*=}"
		echo "IMAP_NOSTARTTLS_HOST=$FAULT_NOSTARTTLS"
		echo "IMAP_NOSTARTTLS_PORT=$IMAP_PORT"
		echo "SUBMISSION_NOSTARTTLS_HOST=$FAULT_NOSTARTTLS"
		echo "SUBMISSION_NOSTARTTLS_PORT=$SUBMISSION_PORT"
		while IFS=: read -r a p _; do
			env_user "$a" "${p#\{PLAIN\}}"
		done < "$D/users"
		env_users
	} > "$D/env.tmp"
	chmod 0600 "$D/env.tmp"
	mv "$D/env.tmp" "$D/env"
}

cmd_start() {
	local b a
	local -a ls
	[ "$EUID" = 0 ] || die "start must run as root (Postfix's master needs root)"
	for b in dovecot doveadm postconf postqueue openssl setsid flock; do
		command -v "$b" > /dev/null || die "$b is not installed"
	done
	OAUTH2=${MAILENV_OAUTH2:-0}
	case $OAUTH2 in 0 | 1) ;; *) die "MAILENV_OAUTH2 must be 0 or 1" ;; esac
	if [ "$OAUTH2" = 1 ]; then
		command -v python3 > /dev/null || die "python3 is not installed (MAILENV_OAUTH2=1)"
	fi
	[ $# -eq 1 ] && [ -n "$1" ] || usage
	mkdir -p "$1"
	setdir "$1"
	case $D in *[!A-Za-z0-9/._-]*) die "use a plain directory name: $D" ;; esac
	# The longest unix socket Dovecot makes is about 30 characters below
	# base_dir; sockaddr_un holds 107.
	[ "${#D}" -le 60 ] || die "directory name too long for unix sockets (max 60): $D"
	ls=("$D"/* "$D"/.[!.]*)
	[ ! -e "${ls[0]}" ] && [ ! -e "${ls[1]}" ] ||
		die "$D is not empty; start needs a fresh directory"
	getent passwd postfix dovecot dovenull nobody > /dev/null ||
		die "the postfix, dovecot, dovenull and nobody users must exist"
	getent group postdrop > /dev/null || die "the postdrop group must exist"
	: > "$D/.mailenv"
	chmod 0755 "$D"   # dovecot, dovenull, postfix and nobody go through it
	STARTING=1
	trap on_exit EXIT

	make_certs
	: > "$D/users"
	: > "$D/recipients"
	: > "$D/replies"
	: > "$D/tokens"
	for a in $BUILTIN_USERS; do
		add_user "$a" "$(randpass)"
	done
	chgrp dovecot "$D/users"
	chmod 0640 "$D/users"
	mkdir "$D/mail"
	chown "$MAIL_UID:$MAIL_UID" "$D/mail"
	chmod 0700 "$D/mail"
	write_policy

	# Pick the ports and bind them under a lock, so that environments
	# started at the same time cannot pick the same ones.
	exec 9> "${TMPDIR:-/tmp}/mailenv.lock"
	flock -w 60 9 || die "could not lock ${TMPDIR:-/tmp}/mailenv.lock"
	read -r IMAP_PORT IMAPS_PORT SUBMISSION_PORT SMTPS_PORT SMTP_PORT INTROSPECT_PORT \
		<<< "$(pick_ports 6)"
	write_dovecot_conf
	write_postfix_conf
	if [ "$OAUTH2" = 1 ]; then
		start_introspect
	fi
	start_dovecot
	start_postfix
	exec 9>&-

	write_env
	STARTING=
}

cmd_stop() {
	[ $# -eq 1 ] || usage
	setdir "$1"
	[ -e "$D/.mailenv" ] || die "$D is not a mailenv directory"
	local rc=0
	stop_postfix || rc=1
	stop_dovecot || rc=1
	stop_introspect || rc=1
	dir_pids
	if [ -n "$PIDS" ]; then
		say "processes of $D left after stop, killing: $PIDS"
		# shellcheck disable=SC2086
		kill -KILL $PIDS 2>/dev/null || true
		rc=1
	fi
	if [ "$rc" = 0 ] && [ "${MAILENV_KEEP:-0}" != 1 ]; then
		rm -rf "$D"
	fi
	return $rc
}

cmd_start_dovecot() {
	setdir "${1:-}"
	load_env
	start_dovecot
}

cmd_stop_dovecot() {
	setdir "${1:-}"
	need_env
	stop_dovecot
}

cmd_restart_dovecot() {
	setdir "${1:-}"
	load_env
	stop_dovecot
	start_dovecot
}

cmd_adduser() {
	[ $# -eq 3 ] || usage
	setdir "$1"
	need_env
	local a=${2,,} v
	if grep -q "^$a:" "$D/users"; then
		die "user $a exists already"
	fi
	add_user "$a" "$3"
	# Dovecot's passwd-file looks at the file at most once a second: let
	# the second of this write end, so the next login sees the new user.
	local us=${EPOCHREALTIME/./} s
	us=$((1000000 - us % 1000000 + 20000))
	printf -v s '%d.%06d' $((us / 1000000)) $((us % 1000000))
	sleep "$s"
	# USER_/PASS_ only for a new local part: the first user keeps the name.
	varname v "$a"
	local add=""
	grep -q "^USER_$v=" "$D/env" || add=$(env_user "$a" "$3")
	{
		[ -z "$add" ] || printf '%s\n' "$add"
		env_users
	} >> "$D/env"
}

# wait_next_second: Dovecot's passwd-file looks at the file at most once a
# second: let the second of a write end, so the next login sees it.
wait_next_second() {
	local us=${EPOCHREALTIME/./} s
	us=$((1000000 - us % 1000000 + 20000))
	printf -v s '%d.%06d' $((us / 1000000)) $((us % 1000000))
	sleep "$s"
}

cmd_passwd() {
	[ $# -eq 3 ] || usage
	setdir "$1"
	need_env
	local a=${2,,} p=$3 line
	case $p in *:* | *[[:space:]]* | "") die "password must be non-empty, without ':' or spaces" ;; esac
	grep -q "^$a:" "$D/users" || die "no such user: $a"
	# One rename: Dovecot never reads a half-written file.
	while IFS= read -r line; do
		if [ "${line%%:*}" = "$a" ]; then
			printf '%s:{PLAIN}%s::::::\n' "$a" "$p"
		else
			printf '%s\n' "$line"
		fi
	done < "$D/users" > "$D/users.tmp"
	chgrp dovecot "$D/users.tmp"
	chmod 0640 "$D/users.tmp"
	mv "$D/users.tmp" "$D/users"
	wait_next_second
}

cmd_token() {
	[ $# -ge 2 ] && [ $# -le 3 ] || usage
	setdir "$1"
	load_env
	[ "${MAILENV_OAUTH2:-0}" = 1 ] || die "$D was not started with MAILENV_OAUTH2=1"
	local a=${2,,} tok=${3:-} u v found=
	grep -q "^$a:" "$D/users" || die "no such user: $a"
	if [ -z "$tok" ]; then
		while read -r u v; do
			[ "$u" = "$a" ] && { printf '%s\n' "$v"; return 0; }
		done < "$D/tokens"
		die "no token for $a"
	fi
	case $tok in *[!A-Za-z0-9._~+/=-]*) die "a token is letters, digits and ._~+/=-" ;; esac
	# One rename: the server reads the file at every check.
	while read -r u v; do
		if [ "$u" = "$a" ]; then
			printf '%s %s\n' "$u" "$tok"
			found=1
		else
			printf '%s %s\n' "$u" "$v"
		fi
	done < "$D/tokens" > "$D/tokens.tmp"
	[ -n "$found" ] || printf '%s %s\n' "$a" "$tok" >> "$D/tokens.tmp"
	mv "$D/tokens.tmp" "$D/tokens"
}

cmd_pass() {
	[ $# -eq 2 ] || usage
	setdir "$1"
	local a=${2,,} line
	line=$(grep "^$a:" "$D/users") || die "no such user: $a"
	line=${line#*:\{PLAIN\}}
	printf '%s\n' "${line%%:*}"
}

cmd_smtp_reply() {
	[ $# -eq 3 ] || usage
	setdir "$1"
	need_env
	local a=${2,,} code=$3
	valid_addr "$a" || die "not a plain lower-case address: $a"
	case $code in
	ok) ;;
	[45][0-9][0-9]) ;;
	*) die "reply code must be 4xx, 5xx or ok, not: $code" ;;
	esac
	# Replace the table in one rename: the policy reads it at every RCPT.
	{
		grep -v "^$a " "$D/replies" || true
		[ "$code" = ok ] || echo "$a $code"
	} > "$D/replies.tmp"
	chmod 0644 "$D/replies.tmp"
	mv "$D/replies.tmp" "$D/replies"
}

# maildir ADDR [FOLDER]: the Maildir directory of a folder.
maildir() {
	local a=${1,,} f=${2:-INBOX} m
	valid_addr "$a" || die "not a plain lower-case address: $a"
	grep -q "^$a:" "$D/users" || die "no such user: $a"
	m=$D/mail/${a#*@}/${a%@*}/Maildir
	case ${f^^} in
	INBOX) printf '%s\n' "$m" ;;
	*) f=${f//\//.}; printf '%s\n' "$m/.$f" ;;
	esac
}

cmd_files() {
	[ $# -ge 2 ] && [ $# -le 3 ] || usage
	setdir "$1"
	local m
	m=$(maildir "$2" "${3:-}")
	[ -d "$m" ] || return 0
	find "$m/new" "$m/cur" -maxdepth 1 -type f 2> /dev/null | sort
}

cmd_count() {
	[ $# -ge 2 ] && [ $# -le 3 ] || usage
	setdir "$1"
	cmd_files "$@" | wc -l
}

cmd_deliver() {
	[ $# -ge 3 ] && [ $# -le 4 ] || usage
	setdir "$1"
	need_env
	local a=${2,,}
	[ -r "$3" ] || die "cannot read $3"
	grep -q "^$a:" "$D/users" || die "no such user: $a"
	dovecot_running || die "Dovecot of $D is not running"
	doveadm -c "$D/dovecot.conf" save -u "$a" -m "${4:-INBOX}" < "$3" ||
		die "doveadm save for $a failed"
}

cmd_import() {
	[ $# -ge 4 ] || usage
	setdir "$1"
	need_env
	local a=${2,,} folder=$3 m f
	shift 3
	grep -q "^$a:" "$D/users" || die "no such user: $a"
	dovecot_running || die "Dovecot of $D is not running"
	case ${folder^^} in
	INBOX) ;;
	*) doveadm -c "$D/dovecot.conf" mailbox create -u "$a" "$folder" 2>/dev/null ||
		doveadm -c "$D/dovecot.conf" mailbox status -u "$a" messages "$folder" >/dev/null ||
		die "cannot make folder $folder for $a" ;;
	esac
	m=$(maildir "$a" "$folder")
	[ -d "$m/cur" ] && [ -d "$m/tmp" ] || die "no Maildir at $m"
	for f in "$@"; do
		[ -r "$f" ] || die "cannot read $f"
	done
	# Maildir's own way: write in tmp/, then rename into cur/ (a reader
	# never sees half a message); unique names, the mail user's files.
	# One process for them all: a cp, chown and mv each cost 25 ms a mail.
	python3 - "$m" "$MAIL_UID" "$$" "$@" <<'PY' || die "import into $m failed"
import os, shutil, sys, time
m, uid, pid, files = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4:]
now = int(time.time())
for n, f in enumerate(files, 1):
    name = '%d.M%dP%s.mailenv' % (now, n, pid)
    tmp = os.path.join(m, 'tmp', name)
    shutil.copyfile(f, tmp)
    os.chown(tmp, uid, uid)
    os.chmod(tmp, 0o600)
    os.rename(tmp, os.path.join(m, 'cur', name + ':2,'))
PY
}

# Wait until no connection to HOST's server ports is open any more, so the
# servers have logged its end.
wait_closed() {
	local h=$1 p i busy l
	local -a t f
	local -A ours=()
	hexaddr h "$h"
	for p in $IMAP_PORT $IMAPS_PORT $SUBMISSION_PORT $SMTPS_PORT $SMTP_PORT; do
		printf -v l '%s:%04X' "$h" "$p"
		ours[$l]=1
	done
	for ((i = 0; i < 150; i++)); do
		busy=
		mapfile -t t < /proc/net/tcp
		for l in "${t[@]:1}"; do
			# shellcheck disable=SC2206 # hex fields
		f=($l)
			[ -n "${ours[${f[1]}]:-}" ] || continue
			# anything but LISTEN (0A) and TIME_WAIT (06) is still open
			case ${f[3]} in 0A | 06) ;; *) busy=1 ;; esac
		done
		[ -z "$busy" ] && break
		sleep 0.02
	done
	# The servers log through a log process, a few ms later.
	sleep 0.2
}

cmd_saw_login() {
	DIE_RC=2   # 1 means "no login seen": an error must not look like it
	[ $# -ge 1 ] && [ $# -le 2 ] || usage
	setdir "$1"
	load_env
	local h=${2:-} pf=".*" lip="[0-9.]+" out
	if [ -n "$h" ]; then
		wait_closed "$h"
		case $h in
		127.0.0.1) pf="(smtp|submission|smtps)" ;;
		"$FAULT_BADCA") pf="[a-z]+-badca" ;;
		"$FAULT_WRONGHOST") pf="[a-z]+-wronghost" ;;
		"$FAULT_EXPIRED") pf="[a-z]+-expired" ;;
		"$FAULT_NOSTARTTLS") pf="[a-z]+-nostarttls" ;;
		"$FAULT_SELFSIGNED") pf="[a-z]+-selfsigned" ;;
		*) die "no listener on $h" ;;
		esac
		lip=${h//./\\.}
	else
		sleep 0.2
	fi
	out=$({
		grep -E "imap-login: .*lip=${lip}[ ,]" "$D/dovecot.log" 2>/dev/null |
			grep -E "Login:|Aborted login|auth failed|plaintext|mechanism|authenticat|auth attempts" |
			grep -v "no auth attempts" || true
		grep -E "client in: AUTH.*lip=${lip}[[:space:]]" "$D/dovecot.log" 2>/dev/null || true
		grep -E "postfix/$pf/smtpd\[[0-9]+\]: (.*auth=|.*authentication failed|.*sasl_method=)" \
			"$D/postfix.log" 2>/dev/null || true
	})
	[ -n "$out" ] || return 1
	printf '%s\n' "$out"
}

cmd_file_sent() {
	[ $# -ge 2 ] && [ $# -le 3 ] || usage
	setdir "$1"
	need_env
	local a=${2,,} how=${3:-on}
	valid_addr "$a" || die "not a plain lower-case address: $a"
	grep -q "^$a:" "$D/users" || die "no such user: $a"
	case $how in on | off) ;; *) die "file-sent takes on or off, not: $how" ;; esac
	{
		grep -v "^$a " "$D/sender_bcc" || true
		[ "$how" = off ] || echo "$a ${a%@*}+Sent@${a#*@}"
	} > "$D/sender_bcc.tmp"
	chmod 0644 "$D/sender_bcc.tmp"
	mv "$D/sender_bcc.tmp" "$D/sender_bcc"
	# Only from the first file-sent on, so that the other tests run on the
	# configuration they always had.
	if ! grep -q '^sender_bcc_maps' "$D/postfix/main.cf"; then
		echo "sender_bcc_maps = texthash:$D/sender_bcc" >> "$D/postfix/main.cf"
		touch -d '1 minute ago' "$D/postfix/main.cf"
	fi
	# cleanup reads the table when it starts: HUP makes master restart its
	# services with it (smtpd does not read sender_bcc_maps).
	pgid_file "$D/postfix.pgid"
	[ -n "$PGID" ] || die "Postfix of $D is not running"
	kill -HUP "$PGID" || die "cannot signal Postfix's master"
	sleep 0.5
}

cmd_logs() {
	setdir "${1:-}"
	logtail 2>&1
}

main() {
	local cmd=${1:-}
	[ $# -gt 0 ] && shift
	case $cmd in
	start) cmd_start "$@" ;;
	stop) cmd_stop "$@" ;;
	start-dovecot) cmd_start_dovecot "$@" ;;
	stop-dovecot) cmd_stop_dovecot "$@" ;;
	restart-dovecot) cmd_restart_dovecot "$@" ;;
	adduser) cmd_adduser "$@" ;;
	pass) cmd_pass "$@" ;;
	passwd) cmd_passwd "$@" ;;
	token) cmd_token "$@" ;;
	smtp-reply) cmd_smtp_reply "$@" ;;
	deliver) cmd_deliver "$@" ;;
	import) cmd_import "$@" ;;
	count) cmd_count "$@" ;;
	files) cmd_files "$@" ;;
	saw-login) cmd_saw_login "$@" ;;
	file-sent) cmd_file_sent "$@" ;;
	logs) cmd_logs "$@" ;;
	*) usage ;;
	esac
}

main "$@"
