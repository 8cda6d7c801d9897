/*
 * Unit tests for the kind classifier (detect_kind.c): each rule of
 * detect_kind_rules alone, with a struct signals built by hand, and the
 * guards that make an earlier rule let a mail through to a later one.
 * Every rule must be the answer of at least one case.
 */
#include "autoconfig.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "detect.h"
#include "detect_int.h"
#include "util.h"

/* An invite about an interview: a calendar with an event, a keyword. */
#define INVITE .calendar = true, .event = true, .keyword = true, .job = true, \
	.interview_invite = true

/* .job stands for a job named too (s.job_said; see keyword_alone below). */
struct kcase {
	const char *what;
	struct signals s;
	const char *rule;
	enum detect_kind kind;
};

static const struct kcase cases[] = {
	{ "an ignored sender, whatever else", { .ignored_sender = true, .from_me = true, INVITE },
	  "ignored-sender", DETECT_OTHER },
	{ "the user's own mail", { .from_me = true, .calendar_reply = true, INVITE },
	  "from-me", DETECT_OTHER },
	{ "an out-of-office answer in a job thread", { .auto_reply = true, .calendar_reply = true,
	  .job = true, .human_from = true, .reply_like = true }, "auto-reply", DETECT_OTHER },
	{ "Accepted: ...", { .calendar_reply = true, .bulk_headers = true, INVITE },
	  "calendar-reply", DETECT_OTHER },
	/* the user's own side of the table */
	{ "a weekly sync that says interview", { .recurring = true, .organised_by_me = true,
	  INVITE }, "recurring-meeting", DETECT_OTHER },
	{ "a recurring flag without an event", { .recurring = true, .keyword = true, .job = true,
	  .have_time = true }, "prose-interview", DETECT_INTERVIEW },
	{ "an interview invite the user organises", { .organised_by_me = true, .ats_sender = true,
	  .own_organisation = true, INVITE }, "organised-by-me", DETECT_OTHER },
	{ "the user hosts a screen in prose", { .organised_by_me = true, .keyword = true,
	  .job = true, .have_time = true }, "organised-by-me", DETECT_OTHER },
	{ "an interview among colleagues", { .own_organisation = true, .on_the_panel = true,
	  INVITE }, "own-organisation", DETECT_OTHER },
	{ "colleagues writing of an interview time", { .own_organisation = true, .keyword = true,
	  .job = true, .have_time = true }, "own-organisation", DETECT_OTHER },
	{ "a court reporter's booking to the user's work address", { .to_work = true,
	  .job = true, .have_time = true, .human_from = true }, "work-address", DETECT_OTHER },
	{ "the user on the panel", { .on_the_panel = true, .ats_sender = true, .sequence = 1,
	  INVITE }, "on-the-panel", DETECT_OTHER },
	{ "a debrief with a rejection", { .on_the_panel = true, .job = true, .rejection = true },
	  "on-the-panel", DETECT_OTHER },
	{ "a friend forwards their own rejection", { .forwards_own = true, .rejection = true,
	  .job = true, .human_from = true }, "forwards-own-mail", DETECT_OTHER },
	{ "list mail with rejection wording", { .bulk_headers = true, .job = true, .rejection = true },
	  "bulk", DETECT_OTHER },
	{ "list mail carrying an interview invite", { .bulk_headers = true, INVITE },
	  "calendar-interview", DETECT_INTERVIEW },
	{ "list mail with a calendar that is no interview", { .bulk_headers = true, .calendar = true,
	  .event = true }, "bulk", DETECT_OTHER },
	{ "an unsubscribe link on a hiring system's interview mail", { .unsubscribe = true,
	  .ats_sender = true, .keyword = true, .job = true, .have_time = true },
	  "prose-interview", DETECT_INTERVIEW },
	{ "an unsubscribe link on a hiring system's rejection", { .unsubscribe = true,
	  .ats_sender = true, .job = true, .rejection = true }, "rejection", DETECT_REJECTION },
	{ "an unsubscribe link on a hiring system's mail with no time", { .unsubscribe = true,
	  .ats_sender = true, .keyword = true, .job = true }, "no-time", DETECT_OTHER },
	{ "an unsubscribe link from anyone else, no time", { .unsubscribe = true, .keyword = true,
	  .job = true }, "newsletter", DETECT_OTHER },
	{ "an unsubscribe link under a webinar with a time", { .unsubscribe = true, .keyword = true,
	  .job = true, .have_time = true, .not_interview = true }, "newsletter", DETECT_OTHER },
	{ "a marketing footer", { .bulk_words = true, .job_alert = true },
	  "newsletter", DETECT_OTHER },
	{ "a footer under an interview with a time", { .bulk_words = true, .keyword = true,
	  .job = true, .have_time = true }, "prose-interview", DETECT_INTERVIEW },
	{ "a footer under a webinar with a time", { .bulk_words = true, .keyword = true, .job = true,
	  .have_time = true, .not_interview = true }, "newsletter", DETECT_OTHER },
	{ "a footer in a calendar invite", { .bulk_words = true, INVITE },
	  "calendar-interview", DETECT_INTERVIEW },
	{ "a job alert", { .job_alert = true, .job = true, .rejection = true },
	  "job-alert", DETECT_OTHER },
	{ "rejection wording", { .job = true, .rejection = true, .offer = true },
	  "rejection", DETECT_REJECTION },
	{ "a no to one role and an offer of another to the user", { .job = true,
	  .rejection = true, .offer = true, .offer_to_user = true }, "offer", DETECT_OFFER },
	{ "a person's no that names the job, no job word elsewhere", { .rejection = true,
	  .rejection_job = true, .human_from = true }, "rejection", DETECT_REJECTION },
	{ "a robot's no that names the job, outside a thread", { .rejection = true,
	  .rejection_job = true }, "no-job", DETECT_OTHER },
	{ "rejection wording in a cancelled invite", { .rejection = true, .calendar_cancel = true,
	  INVITE }, "calendar-cancel", DETECT_CANCEL },
	{ "rejection wording about nothing job-like", { .rejection = true },
	  "no-job", DETECT_OTHER },
	{ "a person says no in a thread that names no job", { .rejection = true,
	  .reply_like = true, .human_from = true }, "rejection", DETECT_REJECTION },
	{ "a robot says no in a thread that names no job", { .rejection = true,
	  .reply_like = true }, "no-job", DETECT_OTHER },
	{ "a webinar published with an unsubscribe link", { .broadcast = true, .unsubscribe = true,
	  INVITE }, "broadcast-event", DETECT_OTHER },
	{ "a published interview invite without marketing", { .method = ICS_METHOD_PUBLISH,
	  INVITE }, "calendar-interview", DETECT_INTERVIEW },
	{ "an offer", { .job = true, .offer = true }, "offer", DETECT_OFFER },
	{ "a weak offer", { .job = true, .offer_weak = true }, "offer", DETECT_OFFER },
	{ "a weak offer next to an interview time", { .job = true, .offer_weak = true,
	  .keyword = true, .have_time = true }, "prose-interview", DETECT_INTERVIEW },
	{ "offer wording in an interview invite", { .offer = true, INVITE },
	  "calendar-interview", DETECT_INTERVIEW },
	{ "an offer in a calendar that is no interview", { .job = true, .offer = true,
	  .calendar = true, .event = true }, "offer", DETECT_OFFER },
	{ "the press asks for an interview", { .press = true, .keyword = true, .have_time = true,
	  .calendar = true, .event = true, .interview_invite = true }, "press-interview",
	  DETECT_OTHER },
	{ "the press writes of a rejection", { .press = true, .job = true, .rejection = true },
	  "rejection", DETECT_REJECTION },
	{ "a calendar invite about nothing", { .calendar = true, .event = true },
	  "calendar-not-interview", DETECT_OTHER },
	{ "a dentist's invite with a keyword", { .calendar = true, .event = true, .keyword = true,
	  .job = true, .not_interview = true }, "calendar-not-interview", DETECT_OTHER },
	{ "a calendar without an event", { .calendar = true, .keyword = true, .job = true,
	  .have_time = true }, "prose-interview", DETECT_INTERVIEW },
	{ "a cancelled interview invite", { .calendar_cancel = true, .sequence = 2,
	  .rescheduled = true, INVITE }, "calendar-cancel", DETECT_CANCEL },
	{ "an invite with a higher SEQUENCE", { .sequence = 1, .rescheduled = true, INVITE },
	  "calendar-sequence", DETECT_UPDATE },
	{ "an invite that says it moved", { .rescheduled = true, INVITE },
	  "calendar-rescheduled", DETECT_UPDATE },
	{ "an interview invite", { INVITE }, "calendar-interview", DETECT_INTERVIEW },
	{ "an interview invite from a hiring system", { .calendar = true, .event = true,
	  .ats_sender = true, .job = true, .interview_invite = true },
	  "calendar-interview", DETECT_INTERVIEW },
	{ "an interview cancelled in prose", { .cancel_prose = true, .keyword = true, .job = true,
	  .have_time = true, .receipt = true }, "cancel-prose", DETECT_CANCEL },
	{ "a webinar cancelled in prose", { .cancel_prose = true, .keyword = true, .job = true,
	  .not_interview = true }, "no-time", DETECT_OTHER },
	{ "a cancellation without an interview word", { .cancel_prose = true, .job = true },
	  "no-time", DETECT_OTHER },
	{ "a conversation about a job called off", { .cancel_prose = true, .job = true,
	  .conversation_word = true }, "cancel-prose", DETECT_CANCEL },
	{ "a conversation called off, nothing of a job", { .cancel_prose = true,
	  .conversation_word = true }, "no-job", DETECT_OTHER },
	{ "an application receipt", { .receipt = true, .job = true, .human_from = true,
	  .reply_like = true }, "receipt", DETECT_OTHER },
	{ "a receipt that sets up an interview", { .receipt = true, .keyword = true, .job = true,
	  .have_time = true }, "prose-interview", DETECT_INTERVIEW },
	{ "a recruiter asks for times", { .asks_availability = true, .keyword = true, .job = true,
	  .have_time = true, .human_from = true, .reply_like = true }, "asks-availability",
	  DETECT_OTHER },
	{ "a recruiter asks for times, moving one", { .asks_availability = true, .keyword = true,
	  .job = true, .have_time = true, .rescheduled = true }, "asks-availability", DETECT_OTHER },
	{ "a person answers the user's mail about a job", { .job_quoted = true,
	  .human_from = true, .reply_like = true }, "reply", DETECT_REPLY },
	{ "a robot answers the user's mail about a job", { .job_quoted = true,
	  .reply_like = true }, "no-job", DETECT_OTHER },
	{ "slots on several days offered to choose from", { .options = true, .keyword = true,
	  .job = true, .have_time = true, .human_from = true }, "options-offered", DETECT_OTHER },
	{ "slots offered next to an invite", { .options = true, INVITE },
	  "calendar-interview", DETECT_INTERVIEW },
	{ "a reply in a job thread takes up a time", { .thread_time = true, .job = true,
	  .have_time = true, .human_from = true, .reply_like = true }, "thread-time",
	  DETECT_INTERVIEW },
	{ "a reply in a job thread moves the time", { .thread_time = true, .rescheduled = true,
	  .job = true, .have_time = true, .human_from = true, .reply_like = true },
	  "thread-time-moved", DETECT_UPDATE },
	{ "a reply takes up a time, nothing of a job", { .thread_time = true, .have_time = true,
	  .human_from = true, .reply_like = true }, "no-job", DETECT_OTHER },
	{ "a reply takes up a time for a webinar", { .thread_time = true, .not_interview = true,
	  .job = true, .have_time = true, .human_from = true, .reply_like = true }, "reply",
	  DETECT_REPLY },
	{ "a friend answers: a practice interview at a time", { .thread_time = true,
	  .not_interview = true, .pretend = true, .job = true, .have_time = true, .human_from = true,
	  .reply_like = true }, "no-time", DETECT_OTHER },
	{ "times asked for next to an invite", { .asks_availability = true, INVITE },
	  "calendar-interview", DETECT_INTERVIEW },
	{ "an interview moved, time in prose", { .keyword = true, .job = true, .have_time = true,
	  .rescheduled = true }, "prose-moved", DETECT_UPDATE },
	{ "news that keeps an interview's time", { .keyword = true, .job = true, .have_time = true,
	  .human_from = true, .time_kept = true }, "time-kept", DETECT_UPDATE },
	{ "a reply to the user's mail that keeps the time", { .keyword = true, .job = true,
	  .have_time = true, .human_from = true, .reply_like = true, .time_kept = true,
	  .answers_user = true }, "reply", DETECT_REPLY },
	{ "an interview with a time in prose", { .keyword = true, .job = true, .have_time = true,
	  .human_from = true, .reply_like = true }, "prose-interview", DETECT_INTERVIEW },
	{ "a student's interview invitation the user is copied on", { .have_time = true,
	  .human_from = true, .greets_other = true, INVITE }, "greets-other", DETECT_OTHER },
	{ "a household's appointment about money and jobs", { .job = true, .have_time = true,
	  .human_from = true, .conversation = true, .greets_other = true }, "greets-other",
	  DETECT_OTHER },
	{ "a friend's own interview, time and all", { .keyword = true, .job = true,
	  .have_time = true, .human_from = true, .others_interview = true }, "others-interview",
	  DETECT_OTHER },
	{ "the user's interview beside a friend's", { .have_time = true,
	  .others_interview = true, INVITE }, "calendar-interview", DETECT_INTERVIEW },
	{ "a video call with a manager, set for a time", { .job = true, .have_time = true,
	  .human_from = true, .conversation = true }, "prose-conversation", DETECT_INTERVIEW },
	{ "a call set in a reply thread", { .job = true, .have_time = true,
	  .human_from = true, .conversation = true, .reply_like = true }, "prose-conversation",
	  DETECT_INTERVIEW },
	{ "a call set, the writer's own interview", { .keyword = true, .job = true,
	  .have_time = true, .human_from = true, .conversation = true, .others_interview = true },
	  "others-interview", DETECT_OTHER },
	{ "a call set by a hiring system", { .job = true, .have_time = true, .ats_sender = true,
	  .conversation = true }, "prose-conversation", DETECT_INTERVIEW },
	{ "a conversation moved, new time in prose", { .job = true, .have_time = true,
	  .human_from = true, .conversation_word = true, .rescheduled = true },
	  "prose-conversation-moved", DETECT_UPDATE },
	{ "a conversation moved, nothing of a job", { .have_time = true, .human_from = true,
	  .conversation_word = true, .rescheduled = true }, "no-job", DETECT_OTHER },
	{ "a friend asks for tips before her own interview", { .keyword = true, .job = true,
	  .have_time = true, .human_from = true, .unaddressed = true, .writer_candidate = true },
	  "writer-candidate", DETECT_OTHER },
	{ "the writer's interview in an invite", { .unaddressed = true, .writer_candidate = true,
	  .have_time = true, INVITE }, "calendar-interview", DETECT_INTERVIEW },
	{ "an interview spoken of to nobody, in prose", { .keyword = true, .job = true,
	  .have_time = true, .human_from = true, .unaddressed = true }, "prose-interview",
	  DETECT_INTERVIEW },
	{ "a footer under an article about interviews", { .bulk_words = true, .keyword = true,
	  .job = true, .have_time = true, .unaddressed = true }, "newsletter", DETECT_OTHER },
	{ "a call set, nothing of a job", { .have_time = true, .human_from = true,
	  .conversation = true }, "no-job", DETECT_OTHER },
	{ "a call set by a robot", { .job = true, .have_time = true, .conversation = true },
	  "no-time", DETECT_OTHER },
	{ "a call set, but times are asked", { .job = true, .have_time = true, .human_from = true,
	  .conversation = true, .asks_availability = true }, "asks-availability", DETECT_OTHER },
	{ "an event with a time in prose", { .keyword = true, .job = true, .have_time = true,
	  .not_interview = true }, "no-time", DETECT_OTHER },
	{ "a keyword without a time", { .keyword = true, .job = true }, "no-time", DETECT_OTHER },
	{ "a person replying in a job thread, asking for references", { .job = true,
	  .human_from = true, .reply_like = true, .asks_references = true }, "news", DETECT_UPDATE },
	{ "a person replying in a job thread", { .job = true, .human_from = true, .reply_like = true },
	  "reply", DETECT_REPLY },
	{ "a person's reply in a job thread with a date for a decision",
	  { .job = true, .human_from = true, .reply_like = true, .decision_promised = true },
	  "news", DETECT_UPDATE },
	{ "a person answering the user's thank-you with a date for a decision",
	  { .job = true, .human_from = true, .reply_like = true, .decision_promised = true,
	  .answers_user = true }, "reply", DETECT_REPLY },
	{ "a robot replying in a job thread", { .job = true, .reply_like = true },
	  "no-time", DETECT_OTHER },
	{ "a person asking for references", { .job = true, .human_from = true,
	  .asks_references = true }, "news", DETECT_UPDATE },
	{ "a person promising a decision by a date", { .job = true, .human_from = true,
	  .decision_promised = true }, "news", DETECT_UPDATE },
	{ "a person writing about a job, nothing more", { .job = true, .human_from = true },
	  "no-time", DETECT_OTHER },
	{ "a person replying about nothing job-like", { .human_from = true, .reply_like = true,
	  .decision_promised = true }, "no-job", DETECT_OTHER },
	{ "nothing at all", { .method = ICS_METHOD_NONE }, "no-job", DETECT_OTHER },
	{ "about a job, no time", { .job = true }, "no-time", DETECT_OTHER },
	/* "could we move your phone screen to Wednesday, same time?" */
	{ "a day moved to, the hour kept", { .day_moved = true, .keyword = true, .job = true,
	  .human_from = true, .reply_like = true }, "day-moved", DETECT_UPDATE },
	{ "a day moved to, nothing of a job", { .day_moved = true, .human_from = true,
	  .reply_like = true }, "no-job", DETECT_OTHER },
	/* "we don't have any openings; this isn't an interview" */
	{ "a reply that says no job is open", { .job = true, .human_from = true, .reply_like = true,
	  .not_interview = true, .no_opening = true }, "no-time", DETECT_OTHER },
};

/* The interview word is all there is of a job (s.job, not s.job_said):
 * a service's appointment (Global Entry's "interview") from a robot. */
static const struct kcase keyword_alone[] = {
	{ "an interview word alone from a robot, a time", { .keyword = true, .job = true,
	  .have_time = true }, "no-time", DETECT_OTHER },
	{ "the same from a person", { .keyword = true, .job = true, .have_time = true,
	  .human_from = true }, "prose-interview", DETECT_INTERVIEW },
};

static void check(const struct kcase *k, bool job_said)
{
	struct signals s = k->s;
	const struct kind_rule *r;

	s.job_said = job_said;
	r = detect_classify(&s);
	if (strcmp(r->name, k->rule) != 0 || r->kind != k->kind)
		fail_msg("%s: rule %s (%s), expected %s (%s)", k->what, r->name,
		    detect_kind_str(r->kind), k->rule, detect_kind_str(k->kind));
}

static void test_rules(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(keyword_alone); i++)
		check(&keyword_alone[i], false);
	for (size_t i = 0; i < ARRAY_LEN(cases); i++)
		check(&cases[i], cases[i].s.job);
}

/* Every rule decides at least one case above, and names are unique. */
static void test_every_rule_tested(void **state)
{
	(void)state;
	for (size_t k = 0; k < detect_kind_nrules; k++) {
		const char *name = detect_kind_rules[k].name;
		bool seen = false;

		for (size_t i = 0; i < ARRAY_LEN(cases) && !seen; i++)
			seen = strcmp(cases[i].rule, name) == 0;
		if (!seen)
			fail_msg("rule %s has no case of its own", name);
		for (size_t j = 0; j < k; j++)
			if (strcmp(detect_kind_rules[j].name, name) == 0)
				fail_msg("rule %s twice", name);
		assert_ptr_equal(detect_rule_name(name), name);
	}
	assert_null(detect_rule_name("party"));
	/* an out-of-office answer in a thread is no reply; "nothing about a
	 * job" in the thread of an application may be one */
	assert_true(detect_rule_final_other("auto-reply"));
	assert_true(detect_rule_final_other("on-the-panel"));
	assert_false(detect_rule_final_other("no-job"));
	assert_false(detect_rule_final_other("party"));
	assert_false(detect_rule_final_other(NULL));
	for (size_t k = 0; k < detect_kind_nrules; k++)
		if (detect_rule_final_other(detect_kind_rules[k].name))
			assert_int_equal(detect_kind_rules[k].kind, DETECT_OTHER);
	assert_null(detect_rule_name(NULL));
	/* the last rule holds for anything */
	assert_true(detect_kind_rules[detect_kind_nrules - 1].test(&cases[0].s));
	/* what it decides is a job mail not placed (detection_unplaced), and
	 * nothing else is */
	for (size_t k = 0; k < detect_kind_nrules; k++) {
		struct detection u = { .kind = detect_kind_rules[k].kind,
		    .rule = detect_kind_rules[k].name };

		assert_int_equal(detection_unplaced(&u), k == detect_kind_nrules - 1);
	}
}

static void test_reasons(void **state)
{
	struct signals s = { .calendar = true, .event = true, .method = ICS_METHOD_REQUEST,
		.sequence = 1, .summary = "Dentist check-up" };
	const struct kind_rule *r = detect_classify(&s);
	char *why = kind_reason(r, &s);

	(void)state;
	assert_string_equal(r->name, "calendar-not-interview");
	assert_string_equal(why, "calendar REQUEST (updated) not about a job interview: \"Dentist check-up\"");
	free(why);
	s.method = ICS_METHOD_NONE;
	s.sequence = 0;
	s.calendar_cancel = true;
	s.summary = NULL;
	r = detect_classify(&s);
	why = kind_reason(r, &s);
	assert_string_equal(why, "calendar event (cancelled) not about a job interview: \"\"");
	free(why);
	s = (struct signals){ .job = true };
	r = detect_classify(&s);
	why = kind_reason(r, &s);
	assert_string_equal(why, "about a job, but no interview time");
	free(why);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rules),
		cmocka_unit_test(test_every_rule_tested),
		cmocka_unit_test(test_reasons),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
