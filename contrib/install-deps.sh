#!/bin/sh
# Install what followupd needs to build, test and run its demo on Debian 12.
# Safe to run again.  Needs root (or sudo).
#
# The mail server packages (dovecot, postfix) are only used by the tests and
# the demo, which run private instances on 127.0.0.1; a policy-rc.d keeps
# apt from starting the system-wide daemons while they are installed.
set -eu

PACKAGES="build-essential autoconf automake pkg-config git
libetpan-dev libcurl4-gnutls-dev libconfig-dev libsqlite3-dev libical-dev
libgnutls28-dev gnutls-bin libjansson-dev libseccomp-dev libxml2-dev libcmocka-dev
sqlite3 tzdata dovecot-imapd dovecot-lmtpd postfix swaks curl openssl ca-certificates
python3 valgrind procps iproute2 systemd mandoc groff-base man-db bash-completion
imapfilter msmtp strace time clang-14 libclang-rt-14-dev llvm-14
libnet-ssleay-perl libio-socket-ssl-perl"

SUDO=
if [ "$(id -u)" -ne 0 ]; then
	SUDO=sudo
fi

missing=
for p in $PACKAGES; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' ||
		missing="$missing $p"
done
if [ -z "$missing" ]; then
	echo "install-deps: all packages present"
	exit 0
fi

echo "install-deps: installing$missing"
policy_added=no
if [ ! -e /usr/sbin/policy-rc.d ]; then
	printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
	$SUDO chmod 755 /usr/sbin/policy-rc.d
	policy_added=yes
fi
# Postfix asks questions on install; answer them for a local-only setup.
echo "postfix postfix/main_mailer_type select Local only" | $SUDO debconf-set-selections
echo "postfix postfix/mailname string localhost" | $SUDO debconf-set-selections
$SUDO apt-get update -qq
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
if [ "$policy_added" = yes ]; then
	$SUDO rm -f /usr/sbin/policy-rc.d
fi
