/* account: the configured accounts as IMAP and SMTP settings, and the
 * login with a fresh token tried once more (account_login). */
#include "autoconfig.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "account.h"

static char *addresses[] = { "ada@example.org", "ada@home.example" };

static void
fill(struct config *cfg, struct config_account *a, const char *host, int port)
{
	memset(a, 0, sizeof(*a));
	a->host = (char *)host;
	a->port = port;
	a->user = "ada";
	a->ca_file = "/ca.pem";
	a->tls_fingerprint = "AB:CD";
	a->tls_cert_file = "/pin.pem";
	a->allow_insecure = true;
	cfg->me.addresses = addresses;
	cfg->me.naddresses = 2;
}

static void
test_imap(void **state)
{
	static const struct {
		enum config_tls tls;
		enum config_auth auth;
		enum imap_security security;
		enum imap_auth iauth;
	} rows[] = {
		{ CONFIG_TLS_IMPLICIT, CONFIG_AUTH_PLAIN, IMAP_SECURITY_IMAPS, IMAP_AUTH_PLAIN },
		{ CONFIG_TLS_STARTTLS, CONFIG_AUTH_LOGIN, IMAP_SECURITY_STARTTLS, IMAP_AUTH_LOGIN },
		{ CONFIG_TLS_NONE, CONFIG_AUTH_XOAUTH2, IMAP_SECURITY_NONE, IMAP_AUTH_XOAUTH2 },
		{ CONFIG_TLS_IMPLICIT, CONFIG_AUTH_OAUTHBEARER, IMAP_SECURITY_IMAPS, IMAP_AUTH_OAUTHBEARER },
	};
	struct config cfg;
	struct imap_config ic;

	(void)state;
	memset(&cfg, 0, sizeof(cfg));
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		fill(&cfg, &cfg.imap.conn, "imap.example.org", 993);
		cfg.imap.conn.tls = rows[i].tls;
		cfg.imap.conn.auth = rows[i].auth;
		account_imap_config(&cfg, 60, &ic);
		assert_int_equal(ic.security, rows[i].security);
		assert_int_equal(ic.auth, rows[i].iauth);
		assert_string_equal(ic.host, "imap.example.org");
		assert_int_equal(ic.port, 993);
		assert_string_equal(ic.user, "ada");
		assert_null(ic.secret);
		assert_string_equal(ic.ca_file, "/ca.pem");
		assert_string_equal(ic.tls_fingerprint, "AB:CD");
		assert_string_equal(ic.tls_cert_file, "/pin.pem");
		assert_int_equal(ic.timeout, 60);
		assert_true(ic.allow_insecure);
	}
}

static void
test_smtp(void **state)
{
	static const struct {
		enum config_tls tls;
		enum config_auth auth;
		enum smtp_security security;
		enum smtp_auth sauth;
	} rows[] = {
		{ CONFIG_TLS_IMPLICIT, CONFIG_AUTH_PLAIN, SMTP_SECURITY_SMTPS, SMTP_AUTH_PLAIN },
		{ CONFIG_TLS_STARTTLS, CONFIG_AUTH_LOGIN, SMTP_SECURITY_STARTTLS, SMTP_AUTH_LOGIN },
		{ CONFIG_TLS_NONE, CONFIG_AUTH_XOAUTH2, SMTP_SECURITY_NONE, SMTP_AUTH_XOAUTH2 },
		{ CONFIG_TLS_IMPLICIT, CONFIG_AUTH_OAUTHBEARER, SMTP_SECURITY_SMTPS, SMTP_AUTH_OAUTHBEARER },
	};
	struct config cfg;
	struct smtp_config sc;

	(void)state;
	memset(&cfg, 0, sizeof(cfg));
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		fill(&cfg, &cfg.smtp.conn, "smtp.example.org", 465);
		cfg.smtp.conn.tls = rows[i].tls;
		cfg.smtp.conn.auth = rows[i].auth;
		account_smtp_config(&cfg, 30, &sc);
		assert_int_equal(sc.security, rows[i].security);
		assert_int_equal(sc.auth, rows[i].sauth);
		assert_string_equal(sc.host, "smtp.example.org");
		assert_int_equal(sc.port, 465);
		assert_string_equal(sc.user, "ada");
		assert_null(sc.secret);
		assert_null(sc.ca_path);
		assert_string_equal(sc.ehlo_name, "example.org");   /* the From address's domain */
		assert_int_equal(sc.connect_timeout, 30);
		assert_int_equal(sc.timeout, 30);
		assert_true(sc.allow_insecure);
	}
	/* A From address without a domain: "localhost" (smtp.h). */
	addresses[0] = "ada";
	account_smtp_config(&cfg, 30, &sc);
	assert_null(sc.ehlo_name);
	addresses[0] = "ada@example.org";
}

/* account_login(): what a scripted login saw and said. */
struct script {
	enum account_try answers[2];    /* what each try comes to */
	int tries, no_secret, again;
	bool secret[2];                 /* the try got a fresh secret */
	char said[2][16];
};

static enum account_try
script_try(void *arg, const char *secret)
{
	struct script *s = arg;
	int i = s->tries++;

	assert_true(i < 2);
	s->secret[i] = secret != NULL;
	if (secret)
		snprintf(s->said[i], sizeof(s->said[i]), "%s", secret);
	return s->answers[i];
}

static void
script_no_secret(void *arg, const char *err)
{
	struct script *s = arg;

	assert_non_null(strstr(err, "no password_command or password"));
	s->no_secret++;
}

static void
script_again(void *arg)
{
	((struct script *)arg)->again++;
}

static int
script_run(struct config *cfg, enum config_account_kind which, bool held, struct script *s)
{
	struct account_login l = { script_try, script_no_secret, script_again, s, held };

	return account_login(cfg, which, &l);
}

static void
test_login(void **state)
{
	struct config cfg;
	struct script s;

	(void)state;
	memset(&cfg, 0, sizeof(cfg));
	fill(&cfg, &cfg.imap.conn, "imap.example.org", 993);
	fill(&cfg, &cfg.smtp.conn, "smtp.example.org", 465);
	cfg.imap.conn.password = "imap-pw";
	cfg.smtp.conn.password = "smtp-pw";

	/* Accepted at once: one try, with the account's own secret. */
	s = (struct script){ .answers = { ACCOUNT_TRY_DONE } };
	assert_int_equal(script_run(&cfg, CONFIG_SMTP, false, &s), 0);
	assert_int_equal(s.tries, 1);
	assert_true(s.secret[0]);
	assert_string_equal(s.said[0], "smtp-pw");
	assert_int_equal(s.again, 0);

	/* A refused password (not OAuth2): no second try. */
	cfg.imap.conn.auth = CONFIG_AUTH_PLAIN;
	s = (struct script){ .answers = { ACCOUNT_TRY_REFUSED } };
	assert_int_equal(script_run(&cfg, CONFIG_IMAP, false, &s), 0);
	assert_int_equal(s.tries, 1);
	assert_int_equal(s.again, 0);

	/* A refused OAuth2 token: fetched once more, tried once more, and
	 * no third time. */
	for (enum config_auth a = CONFIG_AUTH_XOAUTH2; a <= CONFIG_AUTH_OAUTHBEARER; a++) {
		cfg.imap.conn.auth = a;
		s = (struct script){ .answers = { ACCOUNT_TRY_REFUSED, ACCOUNT_TRY_REFUSED } };
		assert_int_equal(script_run(&cfg, CONFIG_IMAP, false, &s), 0);
		assert_int_equal(s.tries, 2);
		assert_int_equal(s.again, 1);
		assert_true(s.secret[0] && s.secret[1]);
		assert_string_equal(s.said[1], "imap-pw");
	}

	/* held: the first try uses the secret already held; a refusal
	 * fetches one. */
	cfg.smtp.conn.auth = CONFIG_AUTH_XOAUTH2;
	s = (struct script){ .answers = { ACCOUNT_TRY_REFUSED, ACCOUNT_TRY_DONE } };
	assert_int_equal(script_run(&cfg, CONFIG_SMTP, true, &s), 0);
	assert_int_equal(s.tries, 2);
	assert_false(s.secret[0]);
	assert_true(s.secret[1]);

	/* A try that could not even be made stops it all. */
	s = (struct script){ .answers = { ACCOUNT_TRY_FAILED } };
	assert_int_equal(script_run(&cfg, CONFIG_SMTP, false, &s), -1);
	assert_int_equal(s.tries, 1);
	assert_int_equal(s.again, 0);

	/* No secret: nothing is tried, the caller is told why. */
	cfg.smtp.conn.password = NULL;
	s = (struct script){ .answers = { ACCOUNT_TRY_DONE } };
	assert_int_equal(script_run(&cfg, CONFIG_SMTP, false, &s), -1);
	assert_int_equal(s.tries, 0);
	assert_int_equal(s.no_secret, 1);

	/* No secret for the second try: -1 after the first. */
	s = (struct script){ .answers = { ACCOUNT_TRY_REFUSED } };
	assert_int_equal(script_run(&cfg, CONFIG_SMTP, true, &s), -1);
	assert_int_equal(s.tries, 1);
	assert_int_equal(s.again, 1);
	assert_int_equal(s.no_secret, 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_imap),
		cmocka_unit_test(test_smtp),
		cmocka_unit_test(test_login),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
