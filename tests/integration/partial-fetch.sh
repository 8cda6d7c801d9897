#!/bin/bash
# The first start reads headers, not mailboxes (issue 15), and recognition
# does not change for it:
#   - every golden mail (tests/mail) and every mail of the corpus
#     (../shared/corpus beside the source tree, when there) is put in a
#     folder of the real Dovecot and read both ways by imap-probe compare:
#     as the daemon reads it (header fields, BODYSTRUCTURE, readneed, the
#     MIME headers and the text and calendar parts, rebuilt) and whole;
#     the two readings must agree;
#   - a mail with a 2 MB PDF and an invite is recorded by followupd --once
#     while the PDF is never downloaded (its "bytes" log line).
# PARTIAL_WRAPPER (e.g. "valgrind -q --error-exitcode=9") runs imap-probe
# and followupd under it; PARTIAL_DUMP=DIR keeps the partial reading of
# every mail that differs.
set -u
. "$top_srcdir/tests/lib/lib.sh"

lib_start
n=0
ok() { n=$((n + 1)); echo "ok $n: $*"; }
PROBE=$top_builddir/tests/lib/imap-probe
dove() { doveadm -c "$ENV/dovecot.conf" "$@"; }

# save FOLDER FILE...: into jane's FOLDER, all at once (mailenv import:
# a doveadm run per mail would cost two minutes for the blind sets).
save() {
	local folder=$1
	shift
	mailenv import "$ENV" jane@example.net "$folder" "$@" || fail "mailenv import into $folder"
}
# compare FOLDER: imap-probe compare, the output in $ENV/compare-FOLDER.
compare() {
	[ -n "${PARTIAL_DUMP:-}" ] && export IMAP_PROBE_DUMP=$PARTIAL_DUMP
	IMAP_PROBE_SECRET=$PASS_jane ${PARTIAL_WRAPPER:-} "$PROBE" -H 127.0.0.1 -p "$IMAP_PORT" -s starttls \
		-u jane@example.net -c "$CA_FILE" compare "$1" jane@example.net \
		>"$ENV/compare-$1" 2>&1
}

mapfile -t golden < <(find "$top_srcdir/tests/mail" -name '*.eml' | sort)
[ "${#golden[@]}" -gt 0 ] || fail "no golden mails under tests/mail"
save Golden "${golden[@]}"
compare Golden || { grep -v ' same ' "$ENV/compare-Golden" | head -n 40; \
	fail "golden mails: the partial reading differs"; }
ok "golden mails read alike whole and in parts: $(tail -n 1 "$ENV/compare-Golden")"

corpus=$top_srcdir/../shared/corpus
if [ -d "$corpus" ]; then
	mapfile -t mails < <(find "$corpus" -name '*.eml' | sort)
	save Corpus "${mails[@]}"
	compare Corpus || { grep -v ' same ' "$ENV/compare-Corpus" | head -n 40; \
		fail "corpus: the partial reading differs"; }
	ok "corpus read alike whole and in parts: $(tail -n 1 "$ENV/compare-Corpus")"
else
	echo "# no corpus at $corpus: only the golden mails compared"
fi

# List mail: its contents are not read (readneed.h), and what is recorded
# stays the same, job words, times and a PDF notwithstanding; the same
# list mail with an invite, in a thread, or from Jane is read whole.
# bulk FILE EXTRA-HEADERS: a newsletter about an interview, with a PDF.
bulk() {
	{
		printf 'From: Jobs Weekly <news@jobs.example.org>\r\nTo: jane@example.net\r\n'
		printf 'Subject: Interview tips: your interview with Acme on Monday 10:00\r\n'
		printf 'Date: %s\r\nMessage-ID: <%s@jobs.example.org>\r\n%s' "$(date -R)" "$(basename "$1")" "$2"
		printf 'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="m"\r\n\r\n'
		printf -- '--m\r\nContent-Type: multipart/alternative; boundary="a"\r\n\r\n'
		printf -- '--a\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n'
		printf 'Your interview for the Platform Engineer role at Acme is on Monday at 10:00.\r\n'
		printf -- '--a\r\nContent-Type: text/html; charset=utf-8\r\n\r\n'
		printf '<p>Your interview at Acme is on <b>Monday at 10:00</b>.</p>\r\n--a--\r\n'
		printf -- '--m\r\nContent-Type: application/pdf; name="tips.pdf"\r\n'
		printf 'Content-Transfer-Encoding: base64\r\n\r\n%s\r\n--m--\r\n' \
			"$(head -c 3000 /dev/urandom | base64 -w 76)"
	} >"$1"
}
bulk "$ENV/b1.eml" $'List-Unsubscribe: <https://jobs.example.org/u>\r\n'
bulk "$ENV/b2.eml" $'Precedence: bulk\r\n'
bulk "$ENV/b3.eml" $'List-Id: <weekly.jobs.example.org>\r\nPrecedence: list\r\n'
bulk "$ENV/b4.eml" $'List-Id: <weekly.jobs.example.org>\r\nIn-Reply-To: <x@acme.example>\r\n'
sed 's/^From: .*/From: Jane Doe <jane@example.net>/' "$ENV/b1.eml" >"$ENV/b5.eml"
save Bulk "$ENV"/b[1-5].eml
compare Bulk || { grep -v ' same ' "$ENV/compare-Bulk" | head -n 40; fail "list mail: the partial reading differs"; }
# b1 (List-Unsubscribe alone: hiring systems send it too), b4 (a thread)
# and b5 (from the user) are read whole; b2 and b3 from their header.
grep -q 'without_contents=2 ' "$ENV/compare-Bulk" ||
	fail "want 2 list mails read without contents: $(tail -n 1 "$ENV/compare-Bulk")"
ok "list mail read from its header alike: $(tail -n 1 "$ENV/compare-Bulk")"

# An invite with a 2 MB PDF attached.
T=$(date +%s)
lib_invite "$ENV/inv.eml" pdf-invite@google.com 0 "@$((T + 3*86400))" "@$((T + 3*86400 + 3600))"
head -c 1500000 /dev/urandom | base64 -w 76 | sed 's/$/\r/' >"$ENV/pdf.b64"
{
	sed -n '1,/^MIME-Version/p' "$ENV/inv.eml"
	printf 'Content-Type: multipart/mixed; boundary="m1"\r\n\r\n--m1\r\n'
	printf 'Content-Type: multipart/alternative; boundary="b1"\r\n\r\n'
	sed -n '/^--b1\r$/,$p' "$ENV/inv.eml"
	printf '\r\n--m1\r\nContent-Type: application/pdf; name="cv.pdf"\r\n'
	printf 'Content-Disposition: attachment; filename="cv.pdf"\r\n'
	printf 'Content-Transfer-Encoding: base64\r\n\r\n'
	cat "$ENV/pdf.b64"
	printf -- '--m1--\r\n'
} >"$ENV/big.eml"
size=$(stat -c %s "$ENV/big.eml")
[ "$size" -gt 2000000 ] || fail "the test mail is only $size bytes"
mailenv deliver "$ENV" jane@example.net "$ENV/big.eml"
lib_config "$ENV/followupd.conf" review
mkdir -p "$ENV/state"
${PARTIAL_WRAPPER:-} "$FOLLOWUPD" --once -v --allow-root -c "$ENV/followupd.conf" >"$ENV/daemon.log" 2>&1 ||
	fail "followupd --once failed"
ivs=$(lib_sql "SELECT count(*) FROM interviews")
[ "$ivs" = 1 ] || fail "$ivs interviews recorded from the invite with a PDF, want 1"
bytes=$(sed -n 's/.*INBOX: 1 new, 0 duplicates, \([0-9]*\) bytes.*/\1/p' "$ENV/daemon.log")
[ -n "$bytes" ] || fail "no bytes line in the daemon's log"
[ "$bytes" -lt 20000 ] || fail "$bytes bytes fetched for a $size-byte mail: the PDF was downloaded"
ok "the invite with a $size-byte PDF is recorded from $bytes bytes"
