/*
 * model: the mail lifecycle table, row by row, and the names.
 *
 * The expected table below is written out in full, apart from model.c's: each
 * row says which statuses an action may start from and where it may lead,
 * and every (action, from, to) triple is checked against
 * mail_action_allows().  The decisions issue 11 pinned: the user may cancel
 * a mail of unknown outcome; followupd never withdraws one by itself.
 */
#include "autoconfig.h"
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "model.h"

#define B(s) MODEL_BIT(MAIL_##s)
#define WAITING (B(PENDING) | B(HELD) | B(DEFERRED))

static const struct {
	enum mail_action action;
	const char *name;
	unsigned from;
	unsigned to;                /* 0: the status stays */
} expected[] = {
	{ MAIL_ACT_PLAN, "plan", 0, B(PENDING) | B(HELD) },
	{ MAIL_ACT_APPROVE, "approve", B(HELD) | B(UNKNOWN), B(PENDING) },
	{ MAIL_ACT_HOLD, "hold", B(PENDING) | B(DEFERRED), B(HELD) },
	{ MAIL_ACT_CANCEL, "cancel", WAITING | B(UNKNOWN), B(CANCELLED) },
	{ MAIL_ACT_WITHDRAW, "withdraw", WAITING, B(CANCELLED) },
	{ MAIL_ACT_SEND_NOW, "send_now", WAITING | B(UNKNOWN), B(PENDING) },
	{ MAIL_ACT_RETRY, "retry", B(FAILED) | B(UNKNOWN), B(PENDING) | B(HELD) },
	{ MAIL_ACT_EDIT, "edit", WAITING | B(FAILED), 0 },
	{ MAIL_ACT_RETIME, "retime", WAITING, 0 },
	{ MAIL_ACT_FOLLOW, "follow", B(PENDING) | B(HELD), 0 },
	{ MAIL_ACT_CLAIM, "claim", B(PENDING) | B(DEFERRED), B(SENDING) },
	{ MAIL_ACT_SENT, "sent", B(SENDING), B(SENT) },
	{ MAIL_ACT_DEFER, "defer", B(SENDING) | B(DEFERRED), B(DEFERRED) },
	{ MAIL_ACT_FAIL, "fail", B(SENDING), B(FAILED) },
	{ MAIL_ACT_UNWRITABLE, "unwritable", B(PENDING) | B(HELD), B(FAILED) },
	{ MAIL_ACT_LOST, "lost", B(SENDING), B(UNKNOWN) },
	{ MAIL_ACT_RECOVER, "recover", B(SENDING), B(SENT) | B(UNKNOWN) },
	{ MAIL_ACT_SUPERSEDE, "supersede", WAITING, B(CANCELLED) },
};

static void
test_table_rows(void **state)
{
	(void)state;
	assert_int_equal(sizeof(expected) / sizeof(expected[0]), MAIL_ACT_COUNT);
	for (size_t i = 0; i < sizeof(expected) / sizeof(expected[0]); i++) {
		enum mail_action a = expected[i].action;

		assert_string_equal(mail_action_name(a), expected[i].name);
		if (mail_action_from(a) != expected[i].from || mail_action_to(a) != expected[i].to)
			fail_msg("%s: from %#x to %#x, expected from %#x to %#x", expected[i].name,
			    mail_action_from(a), mail_action_to(a), expected[i].from, expected[i].to);
	}
	assert_string_equal(mail_action_name(MAIL_ACT_COUNT), "?");
	assert_int_equal(mail_action_from(MAIL_ACT_COUNT), 0);
}

/* Every (action, from, to): allowed exactly when the row says so. */
static void
test_every_move(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(expected) / sizeof(expected[0]); i++)
		for (int from = 0; from < MAIL_STATUS_COUNT; from++)
			for (int to = 0; to < MAIL_STATUS_COUNT; to++) {
				bool want = (expected[i].from & MODEL_BIT(from)) &&
				    (expected[i].to ? (expected[i].to & MODEL_BIT(to)) != 0 : to == from);
				bool got = mail_action_allows(expected[i].action,
				    (enum mail_status)from, (enum mail_status)to);

				if (got != want)
					fail_msg("%s %s -> %s: %s, expected %s", expected[i].name,
					    mail_status_name((enum mail_status)from),
					    mail_status_name((enum mail_status)to),
					    got ? "allowed" : "refused", want ? "allowed" : "refused");
			}
	assert_false(mail_action_allows(MAIL_ACT_CANCEL, MAIL_STATUS_COUNT, MAIL_CANCELLED));
}

/* The disagreement issue 11 settled, and what hangs on it. */
static void
test_unknown_is_the_users(void **state)
{
	(void)state;
	/* The user settles an unknown mail as not sent... */
	assert_true(mail_action_allows(MAIL_ACT_CANCEL, MAIL_UNKNOWN, MAIL_CANCELLED));
	/* ...followupd never does (it may have left). */
	assert_false(mail_action_allows(MAIL_ACT_WITHDRAW, MAIL_UNKNOWN, MAIL_CANCELLED));
	assert_int_equal(mail_action_from(MAIL_ACT_WITHDRAW), MAIL_WAITING);
	assert_int_equal(mail_action_from(MAIL_ACT_CANCEL), MAIL_WAITING | B(UNKNOWN));
	/* Nor re-times, edits or claims it. */
	assert_false(mail_action_allows(MAIL_ACT_RETIME, MAIL_UNKNOWN, MAIL_UNKNOWN));
	assert_false(mail_action_allows(MAIL_ACT_EDIT, MAIL_UNKNOWN, MAIL_UNKNOWN));
	assert_false(mail_action_allows(MAIL_ACT_CLAIM, MAIL_UNKNOWN, MAIL_SENDING));
	/* Nothing leaves sent or cancelled. */
	for (int a = 0; a < MAIL_ACT_COUNT; a++) {
		assert_false(mail_action_from((enum mail_action)a) & B(SENT));
		assert_false(mail_action_from((enum mail_action)a) & B(CANCELLED));
	}
}

/* What followupd may record as a send's outcome, from where. */
static void
test_outcomes(void **state)
{
	static const struct { enum mail_status to; unsigned from; } cases[] = {
		{ MAIL_SENT, B(SENDING) },
		{ MAIL_DEFERRED, B(SENDING) | B(DEFERRED) },
		{ MAIL_FAILED, B(SENDING) | B(PENDING) | B(HELD) },
		{ MAIL_UNKNOWN, B(SENDING) },
		{ MAIL_PENDING, 0 },
		{ MAIL_HELD, 0 },
		{ MAIL_CANCELLED, 0 },
		{ MAIL_SENDING, 0 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if (mail_outcome_from(cases[i].to) != cases[i].from)
			fail_msg("outcome %s: from %#x, expected %#x", mail_status_name(cases[i].to),
			    mail_outcome_from(cases[i].to), cases[i].from);
}

static void
test_names(void **state)
{
	static const char *const kinds[] = { "thank_you", "thank_you_contact",
		"reference_warning", "status_nudge", "reflection", "feedback_request" };
	enum mail_kind k;
	enum mail_status ms;
	enum app_status as;
	enum iv_status is;
	enum person_role r;

	(void)state;
	assert_int_equal(sizeof(kinds) / sizeof(kinds[0]), MAIL_KIND_COUNT);
	for (int v = 0; v < MAIL_KIND_COUNT; v++) {
		assert_string_equal(mail_kind_name((enum mail_kind)v), kinds[v]);
		assert_int_equal(mail_kind_parse(kinds[v], &k), 0);
		assert_int_equal(k, v);
	}
	assert_int_equal(mail_kind_parse("thank_you_contact", &k), 0);
	assert_int_equal(k, MAIL_THANK_YOU_CONTACT);
	assert_int_equal(mail_kind_parse("thanks", &k), -1);
	assert_int_equal(mail_kind_parse(NULL, &k), -1);
	assert_string_equal(mail_kind_name(MAIL_KIND_COUNT), "?");
	for (int v = 0; v < MAIL_STATUS_COUNT; v++) {
		assert_int_equal(mail_status_parse(mail_status_name((enum mail_status)v), &ms), 0);
		assert_int_equal(ms, v);
	}
	assert_string_equal(mail_status_name(MAIL_UNKNOWN), "unknown");
	for (int v = 0; v < APP_STATUS_COUNT; v++) {
		assert_int_equal(app_status_parse(app_status_name((enum app_status)v), &as), 0);
		assert_int_equal(as, v);
	}
	for (int v = 0; v < IV_STATUS_COUNT; v++) {
		assert_int_equal(iv_status_parse(iv_status_name((enum iv_status)v), &is), 0);
		assert_int_equal(is, v);
	}
	for (int v = 0; v < ROLE_COUNT; v++) {
		assert_int_equal(role_parse(role_name((enum person_role)v), &r), 0);
		assert_int_equal(r, v);
	}
	assert_string_equal(role_name(ROLE_CONTACT), "contact");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_rows),
		cmocka_unit_test(test_every_move),
		cmocka_unit_test(test_unknown_is_the_users),
		cmocka_unit_test(test_outcomes),
		cmocka_unit_test(test_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
