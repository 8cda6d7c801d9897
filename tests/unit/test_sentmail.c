/*
 * test_sentmail: what a mail the user sent themselves changes
 * (sentmail.h), a table of cases over one state: two interviewers with
 * thank-yous waiting, a recruiter who is the contact, a thread.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "sentmail.h"
#include "util.h"

#define START ((time_t)1804327200)      /* 2027-03-06 10:00 UTC */
#define HOUR 3600

static const char *const ME[] = { "jane.doe@example.net", "jdoe@example.org" };

static const struct sentmail_thanks THANKS[] = {
	{ 11, 1, 7, MAIL_HELD, "Ada Brooks", "ada.brooks@globex.example", START },
	{ 12, 1, 7, MAIL_PENDING, "Ben Ortiz", "ben.ortiz@globex.example", START },
	{ 13, 1, 7, MAIL_DEFERRED, NULL, "cleo@globex.example", START },
	{ 14, 1, 8, MAIL_PENDING, "Dana", "dana@globex.example", 0 },       /* time unknown */
};
static const struct sentmail_contact CONTACTS[] = {
	{ 1, "ravi.menon@globex.example" },
};

/* One row: who the mail is from and to, its Date, what is expected. */
struct sent_case {
	const char *name;
	const char *from;
	const char *to[3];
	time_t date;                /* relative to START unless 0 */
	bool ours;
	int64_t thread;             /* the thread's application */
	enum sentmail_act acts[4];  /* in order; SENTMAIL_NOTHING ends */
	int64_t mail[4];            /* mail ids of SUPERSEDE/KEEP */
	const char *reason0;        /* a part of the first reason, or NULL */
};

static const struct sent_case CASES[] = {
	{ "thank-you to one interviewer after the start", "jane.doe@example.net",
	  { "ada.brooks@globex.example" }, START + 4 * HOUR, false, 0,
	  { SENTMAIL_SUPERSEDE }, { 11 }, "you wrote to Ada Brooks yourself at 14:00" },
	{ "any case, a second address of mine, Cc", "JDoe@Example.org",
	  { "someone@else.example", "BEN.ORTIZ@globex.example" }, START + HOUR, false, 0,
	  { SENTMAIL_SUPERSEDE }, { 12 }, "Ben Ortiz" },
	{ "a sub-address of mine, a deferred mail, no name", "jane.doe+jobs@example.net",
	  { "cleo@globex.example" }, START, false, 0,
	  { SENTMAIL_SUPERSEDE }, { 13 }, "cleo@globex.example yourself" },
	{ "before the interview: kept", "jane.doe@example.net",
	  { "ada.brooks@globex.example" }, START - 60, false, 0,
	  { SENTMAIL_KEEP }, { 11 }, "before the interview began" },
	{ "an interview of unknown time: kept", "jane.doe@example.net",
	  { "dana@globex.example" }, START + HOUR, false, 0,
	  { SENTMAIL_KEEP }, { 14 }, "time is unknown" },
	{ "two interviewers in one mail", "jane.doe@example.net",
	  { "ada.brooks@globex.example", "ben.ortiz@globex.example" }, START + HOUR, false, 0,
	  { SENTMAIL_SUPERSEDE, SENTMAIL_SUPERSEDE }, { 11, 12 }, NULL },
	{ "followupd's own copy", "jane.doe@example.net",
	  { "ada.brooks@globex.example" }, START + HOUR, true, 0,
	  { SENTMAIL_NOTHING }, { 0 }, "followupd's own mail" },
	{ "not from me", "mallory@evil.example",
	  { "ada.brooks@globex.example" }, START + HOUR, false, 0,
	  { SENTMAIL_NOTHING }, { 0 }, "not from one of your addresses" },
	{ "no From", NULL, { "ada.brooks@globex.example" }, START + HOUR, false, 0,
	  { SENTMAIL_NOTHING }, { 0 }, "no From" },
	{ "no Date", "jane.doe@example.net", { "ada.brooks@globex.example" }, 0, false, 0,
	  { SENTMAIL_NOTHING }, { 0 }, "no Date" },
	{ "to the recruiter: the nudges restart", "jane.doe@example.net",
	  { "Ravi.Menon@globex.example" }, START + 48 * HOUR, false, 0,
	  { SENTMAIL_CONTACTED }, { 0 }, "the status nudges count from then" },
	{ "to the recruiter in the thread: contact, not activity too", "jane.doe@example.net",
	  { "ravi.menon@globex.example" }, START + 48 * HOUR, false, 1,
	  { SENTMAIL_CONTACTED }, { 0 }, NULL },
	{ "in the thread, to someone else: activity", "jane.doe@example.net",
	  { "hr@globex.example" }, START + 48 * HOUR, false, 1,
	  { SENTMAIL_ACTIVITY }, { 0 }, "in the thread of application 1" },
	{ "about nothing known", "jane.doe@example.net",
	  { "friend@example.com" }, START + HOUR, false, 0,
	  { SENTMAIL_NOTHING }, { 0 }, "nothing changes" },
};

static void
run_case(const struct sent_case *c)
{
	const char *to[3];
	size_t nto = 0;
	struct sentmail_envelope e = { .from = c->from, .to = to, .date = c->date,
	    .message_id = "<m@example.net>" };
	struct sentmail_state s = { .me = ME, .nme = ARRAY_LEN(ME), .timezone = "Europe/London",
	    .ours = c->ours, .thanks = THANKS, .nthanks = ARRAY_LEN(THANKS),
	    .contacts = CONTACTS, .ncontacts = ARRAY_LEN(CONTACTS),
	    .thread_application = c->thread, .thread_interview = c->thread ? 7 : 0 };
	struct sentmail_result r;
	size_t want = 0;

	for (; nto < 3 && c->to[nto]; nto++)
		to[nto] = c->to[nto];
	e.nto = nto;
	while (want < 4 && (want == 0 || c->acts[want] != SENTMAIL_NOTHING))
		want++;
	if (c->acts[0] == SENTMAIL_NOTHING)
		want = 1;
	sentmail_decide(&e, &s, START + 72 * HOUR, &r);
	if (r.n != want)
		fail_msg("%s: %zu decisions, expected %zu (first: %s)", c->name, r.n, want,
		    r.n ? r.v[0].reason : "-");
	for (size_t i = 0; i < want; i++) {
		if (r.v[i].act != c->acts[i])
			fail_msg("%s: decision %zu is %s, expected %s (%s)", c->name, i,
			    sentmail_act_name(r.v[i].act), sentmail_act_name(c->acts[i]),
			    r.v[i].reason);
		if ((c->acts[i] == SENTMAIL_SUPERSEDE || c->acts[i] == SENTMAIL_KEEP) &&
		    r.v[i].mail_id != c->mail[i])
			fail_msg("%s: mail %lld, expected %lld", c->name, (long long)r.v[i].mail_id,
			    (long long)c->mail[i]);
		if (c->acts[i] == SENTMAIL_CONTACTED || c->acts[i] == SENTMAIL_ACTIVITY)
			assert_int_equal(r.v[i].application_id, 1);
		assert_non_null(r.v[i].reason);
	}
	if (c->reason0 && strstr(r.v[0].reason, c->reason0) == NULL)
		fail_msg("%s: reason \"%s\" lacks \"%s\"", c->name, r.v[0].reason, c->reason0);
	sentmail_result_clear(&r);
}

static void
test_cases(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(CASES); i++)
		run_case(&CASES[i]);
}

/* A Date in the future counts as now; a sent, cancelled or held mail that
 * the table forbids superseding is not touched. */
static void
test_clock_and_statuses(void **state)
{
	static const struct sentmail_thanks gone[] = {
		{ 21, 1, 7, MAIL_SENT, "Ada", "ada@x.example", START },
		{ 22, 1, 7, MAIL_CANCELLED, "Ada", "ada@x.example", START },
		{ 23, 1, 7, MAIL_SENDING, "Ada", "ada@x.example", START },
		{ 24, 1, 7, MAIL_UNKNOWN, "Ada", "ada@x.example", START },
	};
	const char *to[] = { "ravi.menon@globex.example", "ada@x.example" };
	struct sentmail_envelope e = { .from = ME[0], .to = to, .nto = 2,
	    .date = START + 1000 * HOUR };
	struct sentmail_state s = { .me = ME, .nme = 2, .timezone = "UTC",
	    .thanks = gone, .nthanks = ARRAY_LEN(gone), .contacts = CONTACTS, .ncontacts = 1 };
	struct sentmail_result r;

	(void)state;
	sentmail_decide(&e, &s, START + HOUR, &r);
	assert_int_equal(r.n, 1);
	assert_int_equal(r.v[0].act, SENTMAIL_CONTACTED);
	assert_int_equal(r.v[0].at, START + HOUR);
	sentmail_result_clear(&r);
	assert_string_equal(sentmail_act_name(SENTMAIL_SUPERSEDE), "superseded");
	assert_string_equal(sentmail_act_name((enum sentmail_act)99), "?");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_clock_and_statuses),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
