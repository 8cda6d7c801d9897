/*
 * Unit tests for smtp: the classification of outcomes (table-driven, from
 * the libcurl 7.88 codes and the reply the module saw last), and what is
 * refused before any connection (settings, addresses that could inject
 * SMTP commands).  The dialogue itself is tested by tests/integration/smtp-send.sh
 * against Postfix and fake servers.
 */
#define _POSIX_C_SOURCE 200809L

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <curl/curl.h>

#include "smtp.h"

struct classify_case {
	int curl;
	int code;
	bool after_data;
	bool data_accepted;
	bool body_done;
	const char *cmd;
	enum smtp_result want;
	const char *why;
};

static const struct classify_case cases[] = {
	{ CURLE_OK, 250, true, true, true, "DATA", SMTP_OK, "accepted" },
	{ CURLE_OK, 0, false, false, false, "", SMTP_OK, "curl says ok" },
	/* The reply to end-of-data decides. */
	{ CURLE_WEIRD_SERVER_REPLY, 452, true, true, true, "DATA", SMTP_TEMPFAIL, "452 to the body" },
	{ CURLE_WEIRD_SERVER_REPLY, 554, true, true, true, "DATA", SMTP_PERMFAIL, "554 to the body" },
	{ CURLE_WEIRD_SERVER_REPLY, 0, true, true, true, "DATA", SMTP_UNKNOWN, "garbage after the body" },
	{ CURLE_RECV_ERROR, 250, true, true, true, "DATA", SMTP_OK, "250 to the body, then an error" },
	/* No reply to end-of-data. */
	{ CURLE_RECV_ERROR, 354, false, true, true, "DATA", SMTP_UNKNOWN, "drop after the body" },
	{ CURLE_OPERATION_TIMEDOUT, 354, false, true, true, "DATA", SMTP_UNKNOWN, "timeout after the body" },
	{ CURLE_SEND_ERROR, 354, false, true, false, "DATA", SMTP_TEMPFAIL, "drop during the body" },
	{ CURLE_OPERATION_TIMEDOUT, 354, false, true, false, "DATA", SMTP_TEMPFAIL, "stalled body" },
	/* Before the body. */
	{ CURLE_SEND_ERROR, 450, false, false, false, "RCPT TO:<a@b.example>", SMTP_TEMPFAIL, "450 to RCPT" },
	{ CURLE_SEND_ERROR, 550, false, false, false, "RCPT TO:<a@b.example>", SMTP_PERMFAIL, "550 to RCPT" },
	{ CURLE_SEND_ERROR, 553, false, false, false, "MAIL FROM:<a@b.example>", SMTP_PERMFAIL, "553 to MAIL" },
	{ CURLE_SEND_ERROR, 451, false, false, false, "MAIL FROM:<a@b.example>", SMTP_TEMPFAIL, "451 to MAIL" },
	{ CURLE_SEND_ERROR, 554, false, false, false, "DATA", SMTP_PERMFAIL, "554 to DATA" },
	{ CURLE_RECV_ERROR, 250, false, false, false, "MAIL FROM:<a@b.example>", SMTP_TEMPFAIL, "drop after MAIL" },
	{ CURLE_OPERATION_TIMEDOUT, 250, false, false, false, "RCPT TO:<a@b.example>", SMTP_TEMPFAIL, "timeout at DATA" },
	{ CURLE_OPERATION_TIMEDOUT, 0, false, false, false, "", SMTP_TEMPFAIL, "no greeting" },
	{ CURLE_COULDNT_CONNECT, 0, false, false, false, "", SMTP_TEMPFAIL, "connection refused" },
	{ CURLE_COULDNT_RESOLVE_HOST, 0, false, false, false, "", SMTP_TEMPFAIL, "DNS failure" },
	{ CURLE_GOT_NOTHING, 0, false, false, false, "", SMTP_TEMPFAIL, "closed at once" },
	{ CURLE_SSL_CONNECT_ERROR, 0, false, false, false, "", SMTP_TEMPFAIL, "TLS handshake failed" },
	/* The session is refused: login, certificate, greeting. */
	{ CURLE_LOGIN_DENIED, 535, false, false, false, "AUTH", SMTP_AUTHFAIL, "535 to AUTH" },
	{ CURLE_LOGIN_DENIED, 454, false, false, false, "AUTH", SMTP_TEMPFAIL, "454 to AUTH" },
	{ CURLE_LOGIN_DENIED, 250, false, false, false, "EHLO x.example", SMTP_AUTHFAIL, "no common mechanism" },
	{ CURLE_PEER_FAILED_VERIFICATION, 220, false, false, false, "STARTTLS", SMTP_AUTHFAIL, "certificate refused after STARTTLS" },
	{ CURLE_PEER_FAILED_VERIFICATION, 0, false, false, false, "", SMTP_AUTHFAIL, "certificate refused (smtps)" },
	{ CURLE_SSL_CACERT_BADFILE, 0, false, false, false, "", SMTP_AUTHFAIL, "unreadable ca_file" },
	{ CURLE_USE_SSL_FAILED, 250, false, false, false, "EHLO x.example", SMTP_AUTHFAIL, "STARTTLS not offered" },
	{ CURLE_USE_SSL_FAILED, 454, false, false, false, "STARTTLS", SMTP_TEMPFAIL, "454 to STARTTLS" },
	{ CURLE_USE_SSL_FAILED, 554, false, false, false, "STARTTLS", SMTP_AUTHFAIL, "554 to STARTTLS" },
	{ CURLE_WEIRD_SERVER_REPLY, 421, false, false, false, "", SMTP_TEMPFAIL, "421 greeting" },
	{ CURLE_WEIRD_SERVER_REPLY, 554, false, false, false, "", SMTP_AUTHFAIL, "554 greeting" },
	{ CURLE_WEIRD_SERVER_REPLY, 521, false, false, false, "EHLO x.example", SMTP_AUTHFAIL, "521 to EHLO" },
};

static void
test_classify(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct classify_case *c = &cases[i];
		enum smtp_result got = smtp_classify(c->curl, c->code, c->after_data,
		    c->data_accepted, c->body_done, c->cmd);

		if (got != c->want)
			fail_msg("%s: got %s, want %s", c->why, smtp_result_name(got),
			    smtp_result_name(c->want));
	}
}

static void
test_result_names(void **state)
{
	(void)state;
	assert_string_equal(smtp_result_name(SMTP_OK), "ok");
	assert_string_equal(smtp_result_name(SMTP_TEMPFAIL), "temporary failure");
	assert_string_equal(smtp_result_name(SMTP_PERMFAIL), "permanent failure");
	assert_string_equal(smtp_result_name(SMTP_AUTHFAIL), "authentication failure");
	assert_string_equal(smtp_result_name(SMTP_UNKNOWN), "unknown outcome");
}

static void
test_new_refuses(void **state)
{
	struct smtp_config cfg = { .host = "127.0.0.1", .security = SMTP_SECURITY_NONE };
	char *err = NULL;

	(void)state;
	assert_null(smtp_new(&cfg, &err));
	assert_non_null(err);
	assert_non_null(strstr(err, "allow_insecure"));
	free(err);

	cfg.security = SMTP_SECURITY_STARTTLS;
	cfg.host = "smtp.example.net/evil?x";
	err = NULL;
	assert_null(smtp_new(&cfg, &err));
	assert_non_null(err);
	free(err);

	cfg.host = NULL;
	err = NULL;
	assert_null(smtp_new(&cfg, &err));
	assert_non_null(err);
	free(err);

	cfg.host = "";
	err = NULL;
	assert_null(smtp_new(&cfg, &err));
	free(err);
}

static void
test_new_accepts(void **state)
{
	static const char *const hosts[] = { "smtp.example.net", "127.0.0.1", "::1", "mx_1.corp" };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(hosts) / sizeof(hosts[0]); i++) {
		struct smtp_config cfg = { .host = hosts[i], .security = SMTP_SECURITY_SMTPS,
			.ehlo_name = "bad ehlo\r\nRSET" };
		char *err = NULL;
		struct smtp *s = smtp_new(&cfg, &err);

		if (!s)
			fail_msg("%s refused: %s", hosts[i], err);
		assert_null(err);
		assert_int_equal(smtp_connections(s), 0);
		smtp_free(s);
	}
	smtp_free(NULL);
}

/*
 * Addresses that would break out of MAIL FROM:<...> / RCPT TO:<...> are
 * refused before any connection.  The server is a closed port: if the
 * check let one through, the result would be TEMPFAIL (connection refused)
 * and a connection would be counted.
 */
static void
test_send_refuses_addresses(void **state)
{
	struct smtp_config cfg = { .host = "127.0.0.1", .port = 1,
		.security = SMTP_SECURITY_NONE, .allow_insecure = true,
		.connect_timeout = 2, .timeout = 2 };
	static const char *const bad[] = {
		"a@b.example>\r\nRCPT TO:<evil@x.example", "a b@c.example", "<a@b.example>",
		"noat", "@b.example", "a@", "", "a@b.example\n", "a\t@b.example",
	};
	const char *msg = "Subject: x\r\n\r\nbody\r\n";
	char *err = NULL, *detail = NULL;
	struct smtp *s = smtp_new(&cfg, &err);
	size_t i;

	(void)state;
	assert_non_null(s);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		const char *rcpt[2] = { "ok@b.example", bad[i] };
		enum smtp_result r;

		r = smtp_send(s, bad[i], rcpt, 1, msg, strlen(msg), &detail);
		if (r != SMTP_PERMFAIL)
			fail_msg("sender '%s': %s", bad[i], smtp_result_name(r));
		assert_non_null(detail);
		assert_null(strchr(detail, '\n'));
		free(detail);

		r = smtp_send(s, "me@a.example", rcpt, 2, msg, strlen(msg), &detail);
		if (r != SMTP_PERMFAIL)
			fail_msg("recipient '%s': %s", bad[i], smtp_result_name(r));
		assert_non_null(strstr(detail, "recipient 2"));
		free(detail);
	}
	assert_int_equal(smtp_send(s, "me@a.example", NULL, 0, msg, strlen(msg), NULL),
	    SMTP_PERMFAIL);
	assert_int_equal(smtp_connections(s), 0);

	/* The control: a good address does try the (closed) port. */
	{
		const char *rcpt[1] = { "ok@b.example" };

		assert_int_equal(smtp_send(s, "me@a.example", rcpt, 1, msg, strlen(msg), &detail),
		    SMTP_TEMPFAIL);
		assert_non_null(detail);
		free(detail);
	}
	smtp_free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_classify),
		cmocka_unit_test(test_result_names),
		cmocka_unit_test(test_new_refuses),
		cmocka_unit_test(test_new_accepts),
		cmocka_unit_test(test_send_refuses_addresses),
	};
	int rc;

	if (smtp_global_init() < 0)
		return 99;
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	smtp_global_cleanup();
	return rc;
}
