/* Unit tests for backoff (the retry delays) and attention (accounts that
 * need the user, kept in a real store). */
#include "autoconfig.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "attention.h"
#include "backoff.h"
#include "store.h"
#include "tmpstore.h"
#include "util.h"

/* ---- backoff ---- */

/* The steps, without jitter's spread: rnd 0 gives 75% of each step, and
 * the step itself is what doubles. */
static void
test_backoff_steps(void **state)
{
	static const struct {
		int min, max;
		int steps[12];
	} cases[] = {
		/* The IMAP connection and a NO to SELECT/SEARCH/FETCH. */
		{ 2, 600, { 2, 4, 8, 16, 32, 64, 128, 256, 512, 600, 600, 600 } },
		/* A refused login: 1 min to 1 hour. */
		{ 60, 3600, { 60, 120, 240, 480, 960, 1920, 3600, 3600, 3600, 3600, 3600, 3600 } },
		/* A cap that is not a power of two times min. */
		{ 3, 10, { 3, 6, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10 } },
		{ 1, 1, { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 } },
	};

	(void)state;
	for (size_t c = 0; c < ARRAY_LEN(cases); c++) {
		struct backoff b = BACKOFF_INIT(cases[c].min, cases[c].max);

		for (int i = 0; i < 12; i++) {
			backoff_next(&b, 0);
			if (b.step != cases[c].steps[i])
				fail_msg("case %zu step %d: got %d, want %d", c, i, b.step,
				    cases[c].steps[i]);
		}
		backoff_reset(&b);
		backoff_next(&b, 0);
		assert_int_equal(b.step, cases[c].min);
	}
}

/* Jitter: every delay in 75%..125% of its step, never below 1, and the
 * whole range is reached. */
static void
test_backoff_jitter(void **state)
{
	static const long rnds[] = { 0, 1, 7, 12345, 2147483647L, -1, -99 };
	static const int steps[] = { 1, 2, 3, 8, 60, 600, 3600 };
	bool low = false, high = false;

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(steps); i++) {
		for (size_t r = 0; r < ARRAY_LEN(rnds); r++) {
			struct backoff b = BACKOFF_INIT(steps[i], steps[i]);
			int d = backoff_next(&b, rnds[r]);

			assert_int_equal(b.step, steps[i]);
			if (d < 1 || (steps[i] > 1 && (d * 4 < steps[i] * 3 || d * 4 > steps[i] * 5)))
				fail_msg("step %d rnd %ld: delay %d outside 75%%..125%%", steps[i],
				    rnds[r], d);
		}
	}
	for (long r = 0; r < 1000; r++) {
		struct backoff b = BACKOFF_INIT(600, 600);
		int d = backoff_next(&b, r);

		low |= d == 450;
		high |= d == 750;
	}
	assert_true(low);
	assert_true(high);
}

/* A permanent failure of the connection waits at least floor, then doubles. */
static void
test_backoff_at_least(void **state)
{
	struct backoff b = BACKOFF_INIT(2, 600);

	(void)state;
	backoff_next(&b, 0);
	assert_int_equal(b.step, 2);
	backoff_next_at_least(&b, 60, 0);
	assert_int_equal(b.step, 60);
	backoff_next_at_least(&b, 60, 0);
	assert_int_equal(b.step, 120);
	backoff_next(&b, 0);
	assert_int_equal(b.step, 240);
	b.step = 0;
	assert_int_equal(backoff_next_at_least(&b, 5000, 0), 450);      /* 75% of the cap */
	assert_int_equal(b.step, 600);
}

/* ---- attention, in a real store ---- */

static int
setup(void **state)
{
	*state = tmpstore_new("test_attention");
	return *state != NULL ? 0 : -1;
}

static int
teardown(void **state)
{
	tmpstore_free(*state);
	return 0;
}

static void
test_attention_cycle(void **state)
{
	struct tmpstore *f = *state;
	struct attention at;

	assert_int_equal(attention_get(f->st, ATTENTION_IMAP, &at), 0);
	assert_null(at.said);
	assert_int_equal(attention_clear(f->st, ATTENTION_IMAP), 0);

	/* News, then the same words again (no news, the first time kept),
	 * then other words (news). */
	assert_int_equal(attention_set(f->st, ATTENTION_IMAP, 1000,
	    "[AUTHENTICATIONFAILED] Authentication failed."), 1);
	assert_int_equal(attention_set(f->st, ATTENTION_IMAP, 2000,
	    "[AUTHENTICATIONFAILED] Authentication failed."), 0);
	assert_int_equal(attention_get(f->st, ATTENTION_IMAP, &at), 1);
	assert_int_equal(at.since, 1000);
	assert_string_equal(at.said, "[AUTHENTICATIONFAILED] Authentication failed.");
	attention_free(&at);
	assert_int_equal(attention_set(f->st, ATTENTION_IMAP, 3000,
	    "[WEBALERT https://example.net/x] Sign in with your browser"), 1);
	assert_int_equal(attention_get(f->st, ATTENTION_IMAP, &at), 1);
	assert_int_equal(at.since, 3000);
	attention_free(&at);

	/* The accounts are apart. */
	assert_int_equal(attention_get(f->st, ATTENTION_SMTP, &at), 0);
	assert_int_equal(attention_set(f->st, ATTENTION_SMTP, 4000,
	    "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled"), 1);
	assert_int_equal(attention_clear(f->st, ATTENTION_IMAP), 1);
	assert_int_equal(attention_get(f->st, ATTENTION_IMAP, &at), 0);
	assert_int_equal(attention_get(f->st, ATTENTION_SMTP, &at), 1);
	assert_int_equal(at.since, 4000);
	attention_free(&at);
	assert_int_equal(attention_clear(f->st, ATTENTION_SMTP), 1);
	assert_int_equal(attention_clear(f->st, ATTENTION_SMTP), 0);
}

static void
test_attention_retry_request(void **state)
{
	struct tmpstore *f = *state;

	assert_int_equal(attention_take_retry(f->st), 0);
	assert_int_equal(attention_request_retry(f->st, 5), 0);
	assert_int_equal(attention_request_retry(f->st, 6), 0);
	assert_int_equal(attention_take_retry(f->st), 1);
	assert_int_equal(attention_take_retry(f->st), 0);
}

static void
test_attention_line(void **state)
{
	static const struct {
		enum attention_account a;
		const char *said, *want;
	} cases[] = {
		{ ATTENTION_IMAP, "[AUTHENTICATIONFAILED] Authentication failed.",
		  "IMAP login refused: [AUTHENTICATIONFAILED] Authentication failed. Fix the password, "
		  "then: followupctl retry --login (or systemctl reload followupd)" },
		{ ATTENTION_SMTP, "535 5.7.8 Error: authentication failed: UGFzc3dvcmQ6",
		  "SMTP login refused: 535 5.7.8 Error: authentication failed: UGFzc3dvcmQ6. Fix the "
		  "password, then: followupctl retry --login (or systemctl reload followupd)" },
		{ ATTENTION_IMAP, "no reason given",
		  "IMAP login refused: no reason given. Fix the password, then: followupctl retry "
		  "--login (or systemctl reload followupd)" },
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char *l = attention_line(cases[i].a, cases[i].said);

		assert_string_equal(l, cases[i].want);
		free(l);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_backoff_steps),
		cmocka_unit_test(test_backoff_jitter),
		cmocka_unit_test(test_backoff_at_least),
		cmocka_unit_test_setup_teardown(test_attention_cycle, setup, teardown),
		cmocka_unit_test_setup_teardown(test_attention_retry_request, setup, teardown),
		cmocka_unit_test(test_attention_line),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
