/*
 * Unit tests for the imap module against a scripted fake server (fakeimap.c: a forked
 * child on 127.0.0.1 that checks every command it gets and answers with
 * canned lines), for the paths a real Dovecot never takes: no UIDNEXT,
 * "n:*" answered with a lower UID, news already buffered with "+ idling",
 * literals and BYE while idling, [UNAVAILABLE], PREAUTH before STARTTLS, a
 * server that stops answering.  Plus the modified UTF-7 folder names.
 * One fake server speaks TLS after STARTTLS (GnuTLS, a certificate made at
 * test time) to check SNI and the refusal of an untrusted certificate; the
 * rest is plain text (allow_insecure).  tests/integration/imap-tls.sh does the rest of
 * TLS against Dovecot.
 */
#include "autoconfig.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <poll.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <cmocka.h>

#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#include "fakeimap.h"
#include "imap.h"
#include "util.h"

static void
test_config_errors(void **state)
{
	struct imap_config cfg = { .host = "127.0.0.1", .port = 1,
	    .security = IMAP_SECURITY_NONE, .user = "u", .secret = "s" };
	struct imap *im = imap_new(&cfg);

	/* Plain text without allow_insecure: refused before connecting. */
	assert_int_equal(imap_connect(im), IMAP_PERMFAIL);
	assert_non_null(strstr(imap_error(im), "allow_insecure"));
	assert_false(imap_connected(im));
	imap_free(im);

	cfg.host = "";
	cfg.allow_insecure = true;
	im = imap_new(&cfg);
	assert_int_equal(imap_connect(im), IMAP_PERMFAIL);
	imap_free(im);
}

static void
test_connection_refused(void **state)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	socklen_t len = sizeof(sa);
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct imap *im;

	/* A port that was free a moment ago and has no listener. */
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&sa, &len), 0);
	close(fd);
	im = fake_open_plain(ntohs(sa.sin_port), IMAP_SECURITY_IMAPS, 5);
	assert_int_equal(imap_connect(im), IMAP_TEMPFAIL);
	assert_non_null(strstr(imap_error(im), "cannot connect"));
	imap_free(im);
}

static void
test_session(void **state)
{
	static const struct step steps[] = {
		{ NULL, "* OK [CAPABILITY IMAP4rev1] fake ready\r\n", 0 },
		{ "CAPABILITY", CAPS, 0 },
		{ AUTH_PLAIN, "$T OK logged in\r\n", 0 },
		{ "CAPABILITY", CAPS, 0 },
		/* No UIDNEXT: it is derived from the highest UID. */
		{ "SELECT INBOX", "* 3 EXISTS\r\n* 0 RECENT\r\n* OK [UIDVALIDITY 77] v\r\n"
		  "$T OK [READ-WRITE] selected\r\n", 0 },
		{ "FETCH *", "* 3 FETCH (UID 41)\r\n$T OK done\r\n", 0 },
		/* 50:* is answered with the last message, 41: not >= 50. */
		{ "UID SEARCH UID 50:*", "* SEARCH 41\r\n$T OK done\r\n", 0 },
		{ "UID SEARCH UID 40:*", "* SEARCH 41 40 41\r\n$T OK done\r\n", 0 },
		/* The news comes with the continuation, in the same write. */
		{ "IDLE", "+ idling\r\n* 4 EXISTS\r\n", 0 },
		{ "!DONE", "$T OK idle done\r\n", 0 },
		/* A literal and a keep-alive while idling, then EXISTS with DONE's answer. */
		{ "IDLE", "+ idling\r\n", 0 },
		{ NULL, "* 2 FETCH (FLAGS (\\Seen) BODY[HEADER.FIELDS (X)] {5}\r\nab\r\nc)\r\n"
		  "* OK Still here\r\n", 50 },
		{ "!DONE", "* 5 EXISTS\r\n$T OK idle done\r\n", 0 },
		{ "UID SEARCH SINCE", "$T NO [UNAVAILABLE] backend down\r\n", 0 },
		{ "UID SEARCH SINCE", "$T NO [BADCHARSET] no\r\n", 0 },
		{ "NOOP", "* 6 EXISTS\r\n$T OK done\r\n", 0 },
		{ NULL, NULL, 0 },
	};
	struct fake f = fake_start(steps);
	struct imap *im = fake_open_plain(f.port, IMAP_SECURITY_NONE, 5);
	struct imap_uids u;
	uint32_t v = 0, next = 0, exists = 0;
	bool new_mail;

	assert_int_equal(imap_connect(im), IMAP_OK);
	assert_true(imap_has_capability(im, "IDLE"));
	assert_true(imap_has_capability(im, "UIDPLUS"));
	assert_false(imap_has_capability(im, "STARTTLS"));
	assert_int_equal(imap_select(im, "INBOX", &v, &next, &exists), IMAP_OK);
	assert_int_equal(v, 77);
	assert_int_equal(next, 42);
	assert_int_equal(exists, 3);
	assert_string_equal(imap_selected(im), "INBOX");

	assert_int_equal(imap_uid_search_from(im, 50, &u), IMAP_OK);
	assert_int_equal(u.n, 0);
	imap_uids_free(&u);
	assert_int_equal(imap_uid_search_from(im, 40, &u), IMAP_OK);
	assert_int_equal(u.n, 2);
	assert_int_equal(u.uid[0], 40);
	assert_int_equal(u.uid[1], 41);
	imap_uids_free(&u);

	/* Commands are refused while idling; the buffered EXISTS is seen. */
	assert_int_equal(imap_idle_start(im), IMAP_OK);
	assert_true(imap_idling(im));
	assert_int_equal(imap_noop(im, NULL), IMAP_PERMFAIL);
	assert_true(imap_idle_has_data(im));
	new_mail = false;
	assert_int_equal(imap_idle_read(im, &new_mail), IMAP_OK);
	assert_true(new_mail);
	assert_false(imap_idle_has_data(im));
	assert_int_equal(imap_idle_done(im, &new_mail), IMAP_OK);
	assert_false(imap_idling(im));

	assert_int_equal(imap_idle_start(im), IMAP_OK);
	struct pollfd p = { .fd = imap_fd(im), .events = POLLIN };
	assert_true(p.fd >= 0);
	assert_int_equal(poll(&p, 1, 5000), 1);
	new_mail = false;
	assert_int_equal(imap_idle_read(im, &new_mail), IMAP_OK);
	assert_false(new_mail);     /* flags and keep-alive are not news */
	assert_int_equal(imap_idle_done(im, &new_mail), IMAP_OK);
	assert_true(new_mail);      /* EXISTS that came with DONE's answer */

	/* "Not now" is temporary, other refusals permanent; both keep the link. */
	assert_int_equal(imap_uid_search_since(im, time(NULL), &u), IMAP_TEMPFAIL);
	assert_non_null(strstr(imap_error(im), "UNAVAILABLE"));
	assert_true(imap_connected(im));
	assert_int_equal(imap_uid_search_since(im, time(NULL), &u), IMAP_PERMFAIL);
	assert_true(imap_connected(im));
	assert_int_equal(imap_noop(im, &new_mail), IMAP_OK);
	assert_true(new_mail);
	imap_free(im);
	fake_check(f);
}

static void
test_message_id(void **state)
{
	char fetch[600];
	const char *h1 = "Message-ID: <xa@b>\r\n\r\n";        /* contains "a@b>" */
	const char *h2 = "Message-ID:\r\n <a@b>\r\n\r\n";     /* folded, exact */
	snprintf(fetch, sizeof(fetch),
	    "* 1 FETCH (UID 3 BODY[HEADER.FIELDS (\"Message-ID\")] {%zu}\r\n%s)\r\n"
	    "* 2 FETCH (UID 7 BODY[HEADER.FIELDS (\"Message-ID\")] {%zu}\r\n%s)\r\n"
	    "* 9 FETCH (UID 99 BODY[HEADER.FIELDS (\"Message-ID\")] {%zu}\r\n%s)\r\n"
	    "$T OK done\r\n", strlen(h1), h1, strlen(h2), h2, strlen(h2), h2);
	const struct step steps[] = {
		{ NULL, GREETING, 0 },
		{ "CAPABILITY", CAPS, 0 },
		{ AUTH_PLAIN, "$T OK logged in\r\n", 0 },
		{ "CAPABILITY", CAPS, 0 },
		{ "EXAMINE Sent", "* 9 EXISTS\r\n* OK [UIDVALIDITY 5] v\r\n* OK [UIDNEXT 100] n\r\n"
		  "$T OK [READ-ONLY] done\r\n", 0 },
		{ "UID SEARCH HEADER Message-ID", "* SEARCH 3 7\r\n$T OK done\r\n", 0 },
		{ "UID FETCH 3,7 (UID BODY.PEEK[HEADER.FIELDS (Message-ID)])", fetch, 0 },
		/* The folder stays selected: no second EXAMINE. */
		{ "UID SEARCH HEADER Message-ID", "* SEARCH\r\n$T OK done\r\n", 0 },
		{ "UID FETCH 5 (UID RFC822.SIZE BODYSTRUCTURE)", "$T OK nothing\r\n", 0 },
		{ NULL, NULL, 0 },
	};
	struct fake f = fake_start(steps);
	struct imap *im = fake_open_plain(f.port, IMAP_SECURITY_NONE, 5);
	struct imap_fetched got;
	bool found = false;
	uint32_t uid = 0;

	assert_int_equal(imap_connect(im), IMAP_OK);
	/* Unusable ids are refused before anything is sent. */
	assert_int_equal(imap_search_message_id(im, "Sent", "<a\r\nb>", &found, &uid), IMAP_PERMFAIL);
	assert_int_equal(imap_search_message_id(im, "Sent", "<a@b>", &found, &uid), IMAP_OK);
	assert_true(found);
	assert_int_equal(uid, 7);   /* 3 was a substring hit, 99 was not asked */
	assert_string_equal(imap_selected(im), "Sent");
	assert_int_equal(imap_search_message_id(im, "Sent", "<c@d>", &found, &uid), IMAP_OK);
	assert_false(found);
	assert_int_equal(uid, 0);
	/* A UID that vanished is "gone", not an error. */
	assert_int_equal(imap_fetch_for_recognition(im, 5, 1000, &got), IMAP_OK);
	assert_true(got.gone);
	assert_int_equal(got.raw.len, 0);
	imap_fetched_free(&got);
	imap_free(im);
	fake_check(f);
}

/* imap_fetch_parts: messages of the same shape share one FETCH; a PDF is
 * never asked for, a calendar named ".ics" is, first; a message the server
 * no longer has is gone. */
static void
test_fetch_parts(void **state)
{
	const char *h = "From: a@example.com\r\nSubject: x\r\n"
	    "Content-Type: multipart/mixed; boundary=\"o\"\r\n\r\n";
	const char *mt = "Content-Type: text/plain\r\n\r\n";
	const char *mp = "Content-Type: application/pdf; name=\"cv.pdf\"\r\n\r\n";
	const char *mi = "Content-Type: application/octet-stream; name=\"invite.ics\"\r\n\r\n";
	const char *pdf = "(\"text\" \"plain\" NIL NIL NIL \"7bit\" 6 1)(\"application\" \"pdf\" "
	    "(\"name\" \"cv.pdf\") NIL NIL \"base64\" 900000) \"mixed\"";
	const char *ics = "(\"text\" \"plain\" NIL NIL NIL \"7bit\" 6 1)(\"application\" "
	    "\"octet-stream\" (\"name\" \"invite.ics\") NIL NIL \"7bit\" 15) \"mixed\"";
	char heads[1400], same[600], other[600];
	snprintf(heads, sizeof(heads),
	    "* 1 FETCH (UID 4 RFC822.SIZE 900300 FLAGS () BODY[HEADER] {%zu}\r\n%s BODYSTRUCTURE (%s))\r\n"
	    "* 2 FETCH (UID 5 RFC822.SIZE 300 FLAGS () BODY[HEADER] {%zu}\r\n%s BODYSTRUCTURE (%s))\r\n"
	    "* 3 FETCH (UID 6 RFC822.SIZE 900300 FLAGS () BODY[HEADER] {%zu}\r\n%s BODYSTRUCTURE (%s))\r\n"
	    "$T OK done\r\n", strlen(h), h, pdf, strlen(h), h, ics, strlen(h), h, pdf);
	snprintf(same, sizeof(same), "* 1 FETCH (UID 4 BODY[1.MIME] {%zu}\r\n%s BODY[2.MIME] {%zu}\r\n%s"
	    " BODY[1] {6}\r\nhello4)\r\n$T OK done\r\n", strlen(mt), mt, strlen(mp), mp);
	snprintf(other, sizeof(other), "* 2 FETCH (UID 5 BODY[1.MIME] {%zu}\r\n%s BODY[2.MIME] {%zu}\r\n%s"
	    " BODY[2] {15}\r\nBEGIN:VCALENDAR BODY[1] {6}\r\nhello5)\r\n$T OK done\r\n",
	    strlen(mt), mt, strlen(mi), mi);
	const struct step steps[] = {
		{ NULL, GREETING, 0 },
		{ "CAPABILITY", CAPS, 0 },
		{ AUTH_PLAIN, "$T OK logged in\r\n", 0 },
		{ "CAPABILITY", CAPS, 0 },
		{ "SELECT INBOX", "* 3 EXISTS\r\n* OK [UIDVALIDITY 1] v\r\n* OK [UIDNEXT 10] n\r\n"
		  "$T OK [READ-WRITE] done\r\n", 0 },
		{ "UID FETCH 4:6 (UID RFC822.SIZE INTERNALDATE FLAGS BODY.PEEK[HEADER] BODYSTRUCTURE)",
		  heads, 0 },
		{ "UID FETCH 4,6 (UID BODY.PEEK[1.MIME] BODY.PEEK[2.MIME] BODY.PEEK[1])", same, 0 },
		{ "UID FETCH 5 (UID BODY.PEEK[1.MIME] BODY.PEEK[2.MIME] BODY.PEEK[2] BODY.PEEK[1])",
		  other, 0 },
		{ NULL, NULL, 0 },
	};
	static const uint32_t uids[] = { 4, 5, 6 };
	static const bool contents[] = { true, true, true };
	struct fake f = fake_start(steps);
	struct imap *im = fake_open_plain(f.port, IMAP_SECURITY_NONE, 5);
	struct imap_fetched got[3];
	struct imap_msg *m = NULL;
	size_t nm = 0;

	assert_int_equal(imap_connect(im), IMAP_OK);
	assert_int_equal(imap_select(im, "INBOX", NULL, NULL, NULL), IMAP_OK);
	assert_int_equal(imap_fetch_headers(im, uids, 3, &m, &nm), IMAP_OK);
	assert_int_equal(nm, 3);
	assert_false(m[0].calendar_maybe);
	assert_true(m[1].calendar_maybe);
	assert_int_equal(imap_fetch_parts(im, m, nm, contents, 1024 * 1024, got), IMAP_OK);
	assert_true(got[0].ready && !got[0].gone && !got[0].complete);
	assert_int_equal(got[0].omitted, 1);
	assert_int_equal(got[0].fetched, strlen(h) + strlen(mt) + strlen(mp) + 6);
	assert_non_null(strstr(got[0].raw.data, "\r\n\r\nhello4\r\n--"));
	assert_non_null(strstr(got[0].raw.data, "X-Followupd-Omitted: 900000 bytes\r\n"
	    "Content-Type: application/pdf; name=\"cv.pdf\"\r\n\r\n\r\n--"));
	assert_true(got[1].ready && !got[1].gone);
	assert_int_equal(got[1].omitted, 0);
	assert_non_null(strstr(got[1].raw.data, "name=\"invite.ics\"\r\n\r\nBEGIN:VCALENDAR"));
	assert_non_null(strstr(got[1].raw.data, "hello5"));
	assert_true(got[2].gone);
	assert_int_equal(got[2].raw.len, 0);
	for (size_t i = 0; i < 3; i++)
		imap_fetched_free(&got[i]);
	imap_msgs_free(m, nm);
	imap_free(im);
	fake_check(f);
}

static void
test_fetch_rebuild(void **state)
{
	const char *hdr = "From: a@example.com\r\nContent-Type: multipart/mixed;\r\n"
	    " boundary=\"orig\"\r\nSubject: x\r\n\r\n";
	const char *mime1 = "Content-Type: text/plain; charset=utf-8\r\n\r\n";
	char pieces[800];
	snprintf(pieces, sizeof(pieces),
	    "* 1 FETCH (UID 9 BODY[HEADER] {%zu}\r\n%s BODY[1.MIME] {%zu}\r\n%s"
	    " BODY[3] {3}\r\nxyz)\r\n$T OK done\r\n", strlen(hdr), hdr, strlen(mime1), mime1);
	const struct step steps[] = {
		{ NULL, GREETING, 0 },
		{ "CAPABILITY", CAPS, 0 },
		{ AUTH_PLAIN, "$T OK logged in\r\n", 0 },
		{ "CAPABILITY", CAPS, 0 },
		{ "SELECT INBOX", "* 1 EXISTS\r\n* OK [UIDVALIDITY 1] v\r\n* OK [UIDNEXT 10] n\r\n"
		  "$T OK [READ-WRITE] done\r\n", 0 },
		{ "UID FETCH 9 (UID RFC822.SIZE BODYSTRUCTURE)",
		  "* 1 FETCH (UID 9 RFC822.SIZE 5000200 BODYSTRUCTURE ((\"text\" \"plain\" "
		  "(\"charset\" \"utf-8\") NIL NIL \"7bit\" 5 1)(\"application\" \"pdf\" NIL NIL NIL "
		  "\"base64\" 5000000) \"mixed\"))\r\n$T OK done\r\n", 0 },
		/* The server leaves out 2.MIME and adds a section nobody asked for. */
		{ "UID FETCH 9 (UID BODY.PEEK[HEADER] BODY.PEEK[1.MIME] BODY.PEEK[2.MIME])", pieces, 0 },
		{ "UID FETCH 9 (UID BODY.PEEK[1])", "* 1 FETCH (UID 9 BODY[1] {5}\r\nhello)\r\n$T OK done\r\n", 0 },
		{ NULL, NULL, 0 },
	};
	struct fake f = fake_start(steps);
	struct imap *im = fake_open_plain(f.port, IMAP_SECURITY_NONE, 5);
	struct imap_fetched got;
	char *bd, *want;
	const char *p;

	assert_int_equal(imap_connect(im), IMAP_OK);
	assert_int_equal(imap_select(im, "INBOX", NULL, NULL, NULL), IMAP_OK);
	assert_int_equal(imap_fetch_for_recognition(im, 9, 1000, &got), IMAP_OK);
	assert_false(got.gone);
	assert_false(got.complete);
	assert_int_equal(got.size, 5000200);
	assert_int_equal(got.omitted, 1);
	assert_int_equal(got.fetched, strlen(hdr) + strlen(mime1) + 5);
	/* The new boundary, then the exact shape around it. */
	p = strstr(got.raw.data, "boundary=\"");
	assert_non_null(p);
	bd = xstrndup(p + 10, strcspn(p + 10, "\""));
	assert_true(str_has_prefix(bd, "=_followupd_"));
	want = xasprintf("From: a@example.com\r\nSubject: x\r\n"
	    "Content-Type: multipart/mixed; boundary=\"%s\"\r\n\r\n"
	    "--%s\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nhello"
	    "\r\n--%s\r\nX-Followupd-Omitted: 5000000 bytes\r\n\r\n"
	    "\r\n--%s--\r\n", bd, bd, bd, bd);
	assert_string_equal(got.raw.data, want);
	free(want);
	free(bd);
	imap_fetched_free(&got);
	imap_free(im);
	fake_check(f);
}

static void
test_login_refused(void **state)
{
	static const struct step perm[] = {
		{ NULL, GREETING, 0 },
		{ "CAPABILITY", CAPS, 0 },
		{ AUTH_PLAIN, "$T NO [AUTHENTICATIONFAILED] Authentication failed.\r\n", 0 },
		{ NULL, NULL, 0 },
	};
	static const struct step temp[] = {
		{ NULL, GREETING, 0 },
		{ "CAPABILITY", "* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n$T OK done\r\n", 0 },
		/* No SASL-IR: plain falls back to LOGIN. */
		{ "LOGIN jane secret", "$T NO [UNAVAILABLE] Try later.\r\n", 0 },
		{ NULL, NULL, 0 },
	};
	static const struct step disabled[] = {
		{ NULL, GREETING, 0 },
		{ "CAPABILITY", "* CAPABILITY IMAP4rev1 LOGINDISABLED\r\n$T OK done\r\n", 0 },
		{ NULL, NULL, 0 },
	};
	struct fake f = fake_start(perm);
	struct imap *im = fake_open_plain(f.port, IMAP_SECURITY_NONE, 5);

	assert_int_equal(imap_connect(im), IMAP_PERMFAIL);
	assert_non_null(strstr(imap_error(im), "AUTHENTICATIONFAILED"));
	assert_null(strstr(imap_error(im), "secret"));
	assert_false(imap_connected(im));
	imap_free(im);
	fake_check(f);

	f = fake_start(temp);
	im = fake_open_plain(f.port, IMAP_SECURITY_NONE, 5);
	assert_int_equal(imap_connect(im), IMAP_TEMPFAIL);
	assert_non_null(strstr(imap_error(im), "UNAVAILABLE"));
	imap_free(im);
	fake_check(f);

	f = fake_start(disabled);
	im = fake_open_plain(f.port, IMAP_SECURITY_NONE, 5);
	assert_int_equal(imap_connect(im), IMAP_PERMFAIL);
	assert_non_null(strstr(imap_error(im), "LOGINDISABLED"));
	imap_free(im);
	fake_check(f);
}

/* Which refusals need the user (imap_login_refused: the server's words)
 * and which only say "later". */
static void
test_login_refused_words(void **state)
{
	static const struct {
		const char *answer;
		enum imap_result want;
		const char *words;      /* NULL: not a refusal that needs the user */
	} cases[] = {
		{ "$T NO [AUTHENTICATIONFAILED] Authentication failed.\r\n", IMAP_PERMFAIL,
		  "[AUTHENTICATIONFAILED] Authentication failed." },
		{ "$T NO [ALERT] Application-specific password required\r\n", IMAP_PERMFAIL,
		  "[ALERT] Application-specific password required" },
		{ "$T NO [WEBALERT https://accounts.example/continue?x=1] Web login required.\r\n",
		  IMAP_PERMFAIL, "[WEBALERT https://accounts.example/continue?x=1] Web login required." },
		{ "$T NO LOGIN failed.\r\n", IMAP_PERMFAIL, "LOGIN failed." },
		{ "$T NO [ALERT] Too many simultaneous connections. (Failure)\r\n", IMAP_TEMPFAIL, NULL },
		{ "$T NO [UNAVAILABLE] Try later.\r\n", IMAP_TEMPFAIL, NULL },
		{ "$T NO [INUSE] Mailbox in use\r\n", IMAP_TEMPFAIL, NULL },
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		const struct step steps[] = {
			{ NULL, GREETING, 0 },
			{ "CAPABILITY", CAPS, 0 },
			{ AUTH_PLAIN, cases[i].answer, 0 },
			{ NULL, NULL, 0 },
		};
		struct fake f = fake_start(steps);
		struct imap *im = fake_open_plain(f.port, IMAP_SECURITY_NONE, 5);

		if (imap_connect(im) != cases[i].want)
			fail_msg("case %zu: %s", i, imap_error(im));
		if (cases[i].words == NULL && imap_login_refused(im) != NULL)
			fail_msg("case %zu: refusal \"%s\" for an answer that says later", i,
			    imap_login_refused(im));
		if (cases[i].words != NULL)
			assert_string_equal(imap_login_refused(im), cases[i].words);
		imap_free(im);
		fake_check(f);
	}
}

static void
test_starttls_refusals(void **state)
{
	/* The fake server fails if it gets anything after these steps. */
	static const struct step no_starttls[] = {
		{ NULL, GREETING, 0 },
		{ "CAPABILITY", "* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n$T OK done\r\n", 0 },
		{ NULL, NULL, 0 },
	};
	static const struct step preauth[] = {
		{ NULL, "* PREAUTH [CAPABILITY IMAP4rev1 STARTTLS] welcome\r\n", 0 },
		{ NULL, NULL, 0 },
	};
	struct imap_config cfg = { .host = "127.0.0.1", .security = IMAP_SECURITY_STARTTLS,
	    .user = "jane", .secret = "secret", .timeout = 5 };
	struct fake f = fake_start(no_starttls);
	struct imap *im;

	cfg.port = f.port;
	im = imap_new(&cfg);
	assert_int_equal(imap_connect(im), IMAP_PERMFAIL);
	assert_non_null(strstr(imap_error(im), "does not offer STARTTLS"));
	imap_free(im);
	fake_check(f);

	f = fake_start(preauth);
	cfg.port = f.port;
	im = imap_new(&cfg);
	assert_int_equal(imap_connect(im), IMAP_PERMFAIL);
	assert_non_null(strstr(imap_error(im), "PREAUTH"));
	imap_free(im);
	fake_check(f);
}

static void
test_starttls_injection(void **state)
{
	/* Extra bytes after the STARTTLS OK, before any TLS (CVE-2020-15953). */
	static const struct step steps[] = {
		{ NULL, GREETING, 0 },
		{ "CAPABILITY", "* CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED\r\n$T OK done\r\n", 0 },
		{ "STARTTLS", "$T OK Begin TLS negotiation now\r\n* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] x\r\n", 0 },
		{ NULL, NULL, 0 },
	};
	struct imap_config cfg = { .host = "127.0.0.1", .security = IMAP_SECURITY_STARTTLS,
	    .user = "jane", .secret = "secret", .timeout = 5 };
	struct fake f = fake_start(steps);
	struct imap *im;

	cfg.port = f.port;
	im = imap_new(&cfg);
	assert_int_equal(imap_connect(im), IMAP_PERMFAIL);
	assert_non_null(strstr(imap_error(im), "right after its STARTTLS answer"));
	imap_free(im);
	fake_check(f);
}

static void
test_xoauth2(void **state)
{
	/* SASL-IR with "user=jane^Aauth=Bearer tok3n^A^A" in base64. */
	static const struct step steps[] = {
		{ NULL, GREETING, 0 },
		{ "CAPABILITY", "* CAPABILITY IMAP4rev1 SASL-IR AUTH=XOAUTH2\r\n$T OK done\r\n", 0 },
		{ "AUTHENTICATE XOAUTH2 dXNlcj1qYW5lAWF1dGg9QmVhcmVyIHRvazNuAQE=", "$T OK welcome\r\n", 0 },
		{ "CAPABILITY", CAPS, 0 },
		{ NULL, NULL, 0 },
	};
	static const struct step refused[] = {
		{ NULL, GREETING, 0 },
		{ "CAPABILITY", "* CAPABILITY IMAP4rev1 SASL-IR AUTH=XOAUTH2\r\n$T OK done\r\n", 0 },
		/* A refused token: an error challenge, answered with an empty line. */
		{ "AUTHENTICATE XOAUTH2 ", "+ eyJzdGF0dXMiOiI0MDEifQ==\r\n", 0 },
		{ "!", "$T NO [AUTHENTICATIONFAILED] Invalid credentials\r\n", 0 },
		{ NULL, NULL, 0 },
	};
	struct imap_config cfg = { .host = "127.0.0.1", .security = IMAP_SECURITY_NONE,
	    .user = "jane", .secret = "old", .auth = IMAP_AUTH_XOAUTH2, .timeout = 5,
	    .allow_insecure = true };
	struct fake f = fake_start(steps);
	struct imap *im;

	cfg.port = f.port;
	im = imap_new(&cfg);
	imap_set_secret(im, "tok3n");   /* a fresh token replaces the old one */
	assert_int_equal(imap_connect(im), IMAP_OK);
	imap_free(im);
	fake_check(f);

	f = fake_start(refused);
	cfg.port = f.port;
	im = imap_new(&cfg);
	assert_int_equal(imap_connect(im), IMAP_PERMFAIL);
	assert_non_null(strstr(imap_error(im), "AUTHENTICATIONFAILED"));
	assert_non_null(imap_login_refused(im));
	imap_free(im);
	fake_check(f);
}

static void
test_oauthbearer(void **state)
{
	/* SASL-IR with "n,a=jane,^Ahost=127.0.0.1^Aport=PORT^Aauth=Bearer
	 * tok3n^A^A": the port is the fake's, so only the part before it
	 * (30 bytes, 40 base64 characters) is fixed. */
	static const struct step steps[] = {
		{ NULL, GREETING, 0 },
		{ "CAPABILITY", "* CAPABILITY IMAP4rev1 SASL-IR AUTH=OAUTHBEARER\r\n$T OK done\r\n", 0 },
		{ "AUTHENTICATE OAUTHBEARER bixhPWphbmUsAWhvc3Q9MTI3LjAuMC4xAXBvcnQ9",
		  "$T OK [CAPABILITY IMAP4rev1 IDLE] welcome\r\n", 0 },
		{ "CAPABILITY", CAPS, 0 },
		{ NULL, NULL, 0 },
	};
	/* RFC 7628 3.2.3: the error challenge is answered with ^A. */
	static const struct step refused[] = {
		{ NULL, GREETING, 0 },
		{ "CAPABILITY", "* CAPABILITY IMAP4rev1 SASL-IR AUTH=OAUTHBEARER\r\n$T OK done\r\n", 0 },
		{ "AUTHENTICATE OAUTHBEARER bixhPWphbmUsAWhvc3Q9MTI3LjAuMC4xAXBvcnQ9",
		  "+ eyJzdGF0dXMiOiJpbnZhbGlkX3Rva2VuIn0=\r\n", 0 },
		{ "!AQ==", "$T NO [AUTHENTICATIONFAILED] Invalid credentials\r\n", 0 },
		{ NULL, NULL, 0 },
	};
	/* Not offered: nothing is sent. */
	static const struct step absent[] = {
		{ NULL, GREETING, 0 },
		{ "CAPABILITY", "* CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN\r\n$T OK done\r\n", 0 },
		{ NULL, NULL, 0 },
	};
	struct imap_config cfg = { .host = "127.0.0.1", .security = IMAP_SECURITY_NONE,
	    .user = "jane", .secret = "tok3n", .auth = IMAP_AUTH_OAUTHBEARER, .timeout = 5,
	    .allow_insecure = true };
	struct fake f = fake_start(steps);
	struct imap *im;

	(void)state;
	cfg.port = f.port;
	im = imap_new(&cfg);
	assert_int_equal(imap_connect(im), IMAP_OK);
	assert_null(imap_login_refused(im));
	imap_free(im);
	fake_check(f);

	f = fake_start(refused);
	cfg.port = f.port;
	im = imap_new(&cfg);
	assert_int_equal(imap_connect(im), IMAP_PERMFAIL);
	assert_non_null(imap_login_refused(im));
	assert_non_null(strstr(imap_error(im), "AUTHENTICATE OAUTHBEARER as jane"));
	assert_non_null(strstr(imap_error(im), "AUTHENTICATIONFAILED"));
	assert_null(strstr(imap_error(im), "tok3n"));
	imap_free(im);
	fake_check(f);

	f = fake_start(absent);
	cfg.port = f.port;
	im = imap_new(&cfg);
	assert_int_equal(imap_connect(im), IMAP_PERMFAIL);
	assert_null(imap_login_refused(im));
	assert_non_null(strstr(imap_error(im), "does not offer AUTH=OAUTHBEARER"));
	imap_free(im);
	fake_check(f);
}

static void
test_idle_bye(void **state)
{
	static const struct step steps[] = {
		{ NULL, GREETING, 0 },
		{ "CAPABILITY", CAPS, 0 },
		{ AUTH_PLAIN, "$T OK logged in\r\n", 0 },
		{ "CAPABILITY", CAPS, 0 },
		{ "SELECT INBOX", "* 0 EXISTS\r\n* OK [UIDVALIDITY 1] v\r\n* OK [UIDNEXT 1] n\r\n"
		  "$T OK [READ-WRITE] done\r\n", 0 },
		{ "IDLE", "+ idling\r\n", 0 },
		{ NULL, "* BYE server shutting down\r\n", 100 },
		{ NULL, NULL, 0 },
	};
	struct fake f = fake_start(steps);
	struct imap *im = fake_open_plain(f.port, IMAP_SECURITY_NONE, 5);
	uint32_t next = 99;
	bool new_mail = false;

	assert_int_equal(imap_connect(im), IMAP_OK);
	assert_int_equal(imap_select(im, "INBOX", NULL, &next, NULL), IMAP_OK);
	assert_int_equal(next, 1);
	assert_int_equal(imap_idle_start(im), IMAP_OK);
	assert_false(imap_idle_has_data(im));
	struct pollfd p = { .fd = imap_fd(im), .events = POLLIN };
	assert_int_equal(poll(&p, 1, 5000), 1);
	assert_int_equal(imap_idle_read(im, &new_mail), IMAP_TEMPFAIL);
	assert_non_null(strstr(imap_error(im), "BYE"));
	assert_false(imap_connected(im));
	assert_int_equal(imap_fd(im), -1);
	imap_free(im);
	fake_check(f);
}

static void
test_timeout(void **state)
{
	/* Greets, then never answers CAPABILITY. */
	static const struct step steps[] = {
		{ NULL, GREETING, 0 },
		{ "CAPABILITY", NULL, 1500 },
		{ NULL, NULL, 0 },
	};
	struct fake f = fake_start(steps);
	struct imap *im = fake_open_plain(f.port, IMAP_SECURITY_NONE, 1);
	time_t t0 = time(NULL);

	assert_int_equal(imap_connect(im), IMAP_TEMPFAIL);
	assert_true(time(NULL) - t0 <= 2);
	assert_false(imap_connected(im));
	imap_free(im);
	fake_check(f);
}

/* ---- STARTTLS with a real handshake: SNI and the certificate check ---- */

struct tls_id {
	gnutls_x509_privkey_t key;
	gnutls_x509_crt_t crt;
};

/* A self-signed server certificate for localhost and 127.0.0.1. */
static void
make_server_cert(struct tls_id *id, const char *pem_path)
{
	time_t now = time(NULL);
	unsigned char ser[1] = { 7 }, ip[4] = { 127, 0, 0, 1 };
	gnutls_datum_t pem;
	FILE *f;

	assert_int_equal(gnutls_x509_privkey_init(&id->key), 0);
	assert_int_equal(gnutls_x509_privkey_generate(id->key, GNUTLS_PK_ECDSA,
	    GNUTLS_CURVE_TO_BITS(GNUTLS_ECC_CURVE_SECP256R1), 0), 0);
	assert_int_equal(gnutls_x509_crt_init(&id->crt), 0);
	gnutls_x509_crt_set_version(id->crt, 3);
	gnutls_x509_crt_set_serial(id->crt, ser, sizeof(ser));
	gnutls_x509_crt_set_dn_by_oid(id->crt, GNUTLS_OID_X520_COMMON_NAME, 0, "localhost", 9);
	gnutls_x509_crt_set_activation_time(id->crt, now - 3600);
	gnutls_x509_crt_set_expiration_time(id->crt, now + 86400);
	gnutls_x509_crt_set_key(id->crt, id->key);
	gnutls_x509_crt_set_subject_alt_name(id->crt, GNUTLS_SAN_DNSNAME, "localhost", 9,
	    GNUTLS_FSAN_APPEND);
	gnutls_x509_crt_set_subject_alt_name(id->crt, GNUTLS_SAN_IPADDRESS, ip, 4,
	    GNUTLS_FSAN_APPEND);
	assert_int_equal(gnutls_x509_crt_sign2(id->crt, id->crt, id->key, GNUTLS_DIG_SHA256, 0), 0);
	assert_int_equal(gnutls_x509_crt_export2(id->crt, GNUTLS_X509_FMT_PEM, &pem), 0);
	f = fopen(pem_path, "w");
	assert_non_null(f);
	assert_int_equal(fwrite(pem.data, 1, pem.size, f), pem.size);
	assert_int_equal(fclose(f), 0);
	gnutls_free(pem.data);
}

static bool
tls_read_line(gnutls_session_t ss, char *line, size_t size)
{
	size_t n = 0;
	char c;

	for (;;) {
		ssize_t r = gnutls_record_recv(ss, &c, 1);
		if (r == GNUTLS_E_AGAIN || r == GNUTLS_E_INTERRUPTED)
			continue;
		if (r <= 0)
			return false;
		if (c == '\n')
			break;
		if (c != '\r' && n + 1 < size)
			line[n++] = c;
	}
	line[n] = '\0';
	return true;
}

static void
tls_reply(gnutls_session_t ss, const char *tag, const char *fmt)
{
	char out[512];
	struct buf b = { 0 };

	for (const char *p = fmt; *p; p++) {
		if (p[0] == '$' && p[1] == 'T') {
			buf_adds(&b, tag);
			p++;
		} else {
			buf_addc(&b, *p);
		}
	}
	snprintf(out, sizeof(out), "%s", b.data);
	buf_free(&b);
	if (gnutls_record_send(ss, out, strlen(out)) != (ssize_t)strlen(out))
		_exit(4);
}

/*
 * Child: plain greeting, CAPABILITY, STARTTLS, handshake; then, if a login
 * is expected, serve CAPABILITY/AUTHENTICATE/CAPABILITY/LOGOUT over TLS.
 * Exit 0 when the SNI was want_sni ("" for none) and the client sent a
 * login exactly when expected.
 */
static void
serve_tls(int lfd, const struct tls_id *id, const char *want_sni, bool want_login)
{
	gnutls_certificate_credentials_t cred;
	gnutls_session_t ss;
	char line[1024], tag[32], sni[256];
	size_t sni_len = sizeof(sni);
	unsigned type;
	int fd, r;

	alarm(20);
	fd = accept(lfd, NULL, NULL);
	if (fd < 0)
		_exit(5);
	fake_send_reply(fd, GREETING, "*");
	if (!fake_read_line(fd, line, sizeof(line)) || !strstr(line, "CAPABILITY"))
		_exit(10);
	snprintf(tag, sizeof(tag), "%.*s", (int)strcspn(line, " "), line);
	fake_send_reply(fd, "* CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED\r\n$T OK done\r\n", tag);
	if (!fake_read_line(fd, line, sizeof(line)) || !strstr(line, "STARTTLS"))
		_exit(11);
	snprintf(tag, sizeof(tag), "%.*s", (int)strcspn(line, " "), line);
	fake_send_reply(fd, "$T OK Begin TLS\r\n", tag);

	gnutls_certificate_allocate_credentials(&cred);
	gnutls_certificate_set_x509_key(cred, (gnutls_x509_crt_t *)&id->crt, 1, id->key);
	gnutls_init(&ss, GNUTLS_SERVER);
	gnutls_set_default_priority(ss);
	gnutls_credentials_set(ss, GNUTLS_CRD_CERTIFICATE, cred);
	gnutls_transport_set_int(ss, fd);
	do {
		r = gnutls_handshake(ss);
	} while (r < 0 && !gnutls_error_is_fatal(r));
	if (r < 0)
		_exit(12);
	r = gnutls_server_name_get(ss, sni, &sni_len, &type, 0);
	if (*want_sni ? (r != 0 || strcmp(sni, want_sni) != 0)
	    : r != GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE) {
		fprintf(stderr, "fake: SNI '%s' (%d), want '%s'\n", r == 0 ? sni : "", r, want_sni);
		_exit(13);
	}
	if (!want_login) {
		/* The client must hang up without a word. */
		if (tls_read_line(ss, line, sizeof(line))) {
			fprintf(stderr, "fake: client sent '%s' to a refused server\n", line);
			_exit(14);
		}
		_exit(0);
	}
	static const char *const script[][2] = {
		{ "CAPABILITY", "* CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN\r\n$T OK done\r\n" },
		{ AUTH_PLAIN, "$T OK logged in\r\n" },
		{ "CAPABILITY", "* CAPABILITY IMAP4rev1 IDLE\r\n$T OK done\r\n" },
		{ "LOGOUT", "* BYE bye\r\n$T OK done\r\n" },
	};
	for (size_t i = 0; i < ARRAY_LEN(script); i++) {
		if (!tls_read_line(ss, line, sizeof(line)))
			_exit(15);
		const char *sp = strchr(line, ' ');
		snprintf(tag, sizeof(tag), "%.*s", sp ? (int)(sp - line) : 0, line);
		if (sp == NULL || strncmp(sp + 1, script[i][0], strlen(script[i][0])) != 0) {
			fprintf(stderr, "fake: got '%s', expected '%s'\n", line, script[i][0]);
			_exit(16);
		}
		tls_reply(ss, tag, script[i][1]);
	}
	_exit(0);
}

static struct fake
fake_tls_start(const struct tls_id *id, const char *want_sni, bool want_login)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	socklen_t len = sizeof(sa);
	struct fake f;
	int lfd = socket(AF_INET, SOCK_STREAM, 0);

	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(lfd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	assert_int_equal(listen(lfd, 1), 0);
	assert_int_equal(getsockname(lfd, (struct sockaddr *)&sa, &len), 0);
	f.port = ntohs(sa.sin_port);
	fflush(NULL);
	f.pid = fork();
	assert_true(f.pid >= 0);
	if (f.pid == 0)
		serve_tls(lfd, id, want_sni, want_login);
	close(lfd);
	return f;
}

static void
test_starttls_sni_and_trust(void **state)
{
	char dir[64], pem[96];
	const char *t = getenv("TMPDIR");
	struct tls_id id;
	struct imap_config cfg = { .security = IMAP_SECURITY_STARTTLS, .user = "jane",
	    .secret = "secret", .timeout = 5, .ca_file = pem };
	struct fake f;
	struct imap *im;

	snprintf(dir, sizeof(dir), "%s/test_imap.XXXXXX", t && *t && strlen(t) < 40 ? t : "/tmp");
	assert_non_null(mkdtemp(dir));
	snprintf(pem, sizeof(pem), "%s/server.pem", dir);
	make_server_cert(&id, pem);

	/* A name: verified, SNI sent, then the login. */
	f = fake_tls_start(&id, "localhost", true);
	cfg.host = "localhost";
	cfg.port = f.port;
	im = imap_new(&cfg);
	if (imap_connect(im) != IMAP_OK)
		fail_msg("connect: %s", imap_error(im));
	assert_true(imap_has_capability(im, "IDLE"));     /* read again after login */
	assert_false(imap_has_capability(im, "STARTTLS"));
	imap_free(im);
	fake_check(f);

	/* An IP literal: verified against the IP alt name, no SNI (RFC 6066). */
	f = fake_tls_start(&id, "", true);
	cfg.host = "127.0.0.1";
	cfg.port = f.port;
	im = imap_new(&cfg);
	if (imap_connect(im) != IMAP_OK)
		fail_msg("connect: %s", imap_error(im));
	imap_free(im);
	fake_check(f);

	/* Not trusted without the CA file: refused after the handshake, silently. */
	f = fake_tls_start(&id, "localhost", false);
	cfg.host = "localhost";
	cfg.port = f.port;
	cfg.ca_file = NULL;
	im = imap_new(&cfg);
	assert_int_equal(imap_connect(im), IMAP_PERMFAIL);
	assert_non_null(strstr(imap_error(im), "is not trusted (unknown CA)"));
	imap_free(im);
	fake_check(f);

	gnutls_x509_crt_deinit(id.crt);
	gnutls_x509_privkey_deinit(id.key);
	unlink(pem);
	rmdir(dir);
}

static void
test_folder_names(void **state)
{
	static const struct { const char *utf8, *mutf7; } cases[] = {
		{ "INBOX", "INBOX" },
		{ "Sent Items", "Sent Items" },
		{ "Entw\xc3\xbcrfe", "Entw&APw-rfe" },
		{ "R&D", "R&-D" },
		{ "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", "&ZeVnLIqe-" },
		{ "Gel\xc3\xb6schte Elemente", "Gel&APY-schte Elemente" },
		{ "mail \xf0\x9f\x93\xa7", "mail &2D3c5w-" },
		{ "~peter/mail/\xe5\x8f\xb0\xe5\x8c\x97/\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e",
		  "~peter/mail/&U,BTFw-/&ZeVnLIqe-" },
	};
	static const char *const bad_mutf7[] = {
		"&ZeVnLIqe", "&AGE-", "&-&", "a\x01", "&2D0-", "&Jjo!-",
	};
	static const char *const bad_utf8[] = { "\xff", "a\xc3", "\xed\xa0\x80", "\xc0\xaf" };

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char *e = imap_folder_encode(cases[i].utf8), *d = imap_folder_decode(cases[i].mutf7);
		assert_non_null(e);
		assert_non_null(d);
		assert_string_equal(e, cases[i].mutf7);
		assert_string_equal(d, cases[i].utf8);
		free(e);
		free(d);
	}
	for (size_t i = 0; i < ARRAY_LEN(bad_mutf7); i++) {
		char *d = imap_folder_decode(bad_mutf7[i]);
		if (d != NULL)
			fail_msg("decoded bad '%s' to '%s'", bad_mutf7[i], d);
	}
	for (size_t i = 0; i < ARRAY_LEN(bad_utf8); i++)
		assert_null(imap_folder_encode(bad_utf8[i]));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_config_errors),
		cmocka_unit_test(test_connection_refused),
		cmocka_unit_test(test_session),
		cmocka_unit_test(test_message_id),
		cmocka_unit_test(test_fetch_rebuild),
		cmocka_unit_test(test_fetch_parts),
		cmocka_unit_test(test_login_refused),
		cmocka_unit_test(test_login_refused_words),
		cmocka_unit_test(test_starttls_refusals),
		cmocka_unit_test(test_starttls_injection),
		cmocka_unit_test(test_xoauth2),
		cmocka_unit_test(test_oauthbearer),
		cmocka_unit_test(test_starttls_sni_and_trust),
		cmocka_unit_test(test_idle_bye),
		cmocka_unit_test(test_timeout),
		cmocka_unit_test(test_folder_names),
	};
	signal(SIGPIPE, SIG_IGN);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
