/*
 * Unit tests for confidence (detect_confidence.c): each doubt alone, with
 * a struct confidence_facts built by hand from a sure starting point (an
 * invite from the organiser's side with every fact known); the strong
 * sources; the doubt line the daemon holds mails with; the JSON round
 * trip of confidence, reasons and signals; and on whole mails, that a
 * hand-written prose mail without a zone is low and an organiser's invite
 * high.
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
#include <jansson.h>

#include "detect.h"
#include "detect_int.h"
#include "detect_json.h"
#include "message.h"
#include "util.h"

static const struct signals invite_sig = {
	.calendar = true, .event = true, .keyword = true, .job = true, .interview_invite = true,
	.have_time = true, .human_from = true, .method = ICS_METHOD_REQUEST,
};

/* A sure reading: an invite from the organiser, every fact known. */
static struct confidence_facts sure(const struct signals *s)
{
	struct confidence_facts f = {
		.kind = DETECT_INTERVIEW, .rule = "calendar-interview", .sig = s,
		.invite_ok = true, .time = { .from_event = true }, .has_start = true,
		.interviewers = 1, .interviewer_address = true, .contact_known = true,
		.contact_address = true, .company_known = true, .job_named = true,
	};

	return f;
}

static enum detect_confidence judge(const struct confidence_facts *f, struct detection *d)
{
	memset(d, 0, sizeof(*d));
	confidence_judge(f, d);
	return d->confidence;
}

static void test_sure(void **state)
{
	struct confidence_facts f = sure(&invite_sig);
	struct detection d;

	(void)state;
	assert_int_equal(judge(&f, &d), DETECT_HIGH);
	assert_int_equal(d.nreasons, 1);
	assert_string_equal(d.reasons[0], "a calendar invite from the organiser's side");
	assert_null(detection_doubt(&d));
	detection_free(&d);

	/* a hiring system's mail with a time, read from its text */
	f.invite_ok = false;
	f.ats_scheduled = true;
	{
		struct signals s = { .keyword = true, .job = true, .ats_sender = true, .have_time = true };

		f.sig = &s;
		f.rule = "prose-interview";
		f.time = (struct time_source){ .from_prose = true, .zone_said = true };
		assert_int_equal(judge(&f, &d), DETECT_HIGH);
		assert_string_equal(d.reasons[0], "a hiring system's mail with a scheduled time");
		detection_free(&d);

		/* Its footer ("Unsubscribe", preferences) and List-Unsubscribe
		 * are the law's, not a newsletter's: still sure. */
		s.bulk_words = s.unsubscribe = true;
		assert_int_equal(judge(&f, &d), DETECT_HIGH);
		detection_free(&d);
		/* From anyone else they conflict. */
		s.ats_sender = false;
		f.ats_scheduled = false;
		assert_int_equal(judge(&f, &d), DETECT_LOW);
		detection_free(&d);
	}
}

static void check_low(const char *what, const struct confidence_facts *f, const char *reason);

/* A person at an organisation writing to the user is a source of its
 * own; an interviewer or contact without an address is no doubt (nothing
 * is sent on it), but a guessed address is. */
static void test_writer_to_user(void **state)
{
	struct signals prose = { .keyword = true, .job = true, .have_time = true, .human_from = true };
	struct confidence_facts f = sure(&prose);
	struct detection d;

	(void)state;
	f.invite_ok = false;
	f.writer_to_user = true;
	f.rule = "prose-interview";
	f.time = (struct time_source){ .from_prose = true, .zone_said = true };
	f.interviewer_address = false;
	f.no_address = "Ada Brooks";
	f.contact_address = false;
	assert_int_equal(judge(&f, &d), DETECT_HIGH);
	assert_string_equal(d.reasons[0],
	    "a person at the organisation wrote to you, every fact in the mail");
	detection_free(&d);
	f.guessed = "ada.brooks@initech.com";
	check_low("a guessed address", &f, "an address guessed from a name: ada.brooks@initech.com");
	f.guessed = NULL;
	f.writer_to_user = false;
	check_low("nobody wrote to you", &f,
	    "read from the text, not from a calendar invite, a hiring system or a person at an organisation writing to you");
}

/* f is low, and reason is one of its reasons. */
static void check_low(const char *what, const struct confidence_facts *f, const char *reason)
{
	struct detection d;
	bool found = false;

	if (judge(f, &d) != DETECT_LOW)
		fail_msg("%s: high, want low (%s)", what, reason);
	for (size_t i = 0; i < d.nreasons; i++)
		found = found || strcmp(d.reasons[i], reason) == 0;
	if (!found)
		fail_msg("%s: no reason \"%s\" (first: %s)", what, reason, d.reasons[0]);
	detection_free(&d);
}

/* Each doubt alone makes a sure reading low, with its reason. */
static void test_each_doubt(void **state)
{
	struct signals prose = { .keyword = true, .job = true, .have_time = true, .human_from = true };
	struct signals s;
	struct confidence_facts f;

	(void)state;
	f = sure(&invite_sig);
	f.rule = "no-time";
	check_low("a fallback rule", &f, "decided by a fallback rule: no-time");

	f = sure(&prose);
	f.invite_ok = false;
	f.rule = "prose-interview";
	f.time = (struct time_source){ .from_prose = true, .zone_said = true };
	check_low("a person's prose", &f,
	    "read from the text, not from a calendar invite, a hiring system or a person at an organisation writing to you");
	f.time.zone_said = false;
	check_low("prose without a zone", &f, "no time zone in the mail");
	f.time.zone_said = true;
	f.time.relative = true;
	check_low("a relative day", &f,
	    "the day is relative to the mail's date (\"tomorrow\", a weekday)");
	f.time.relative = false;
	f.time.hour_guessed = true;
	check_low("an hour alone", &f, "an hour alone: its half of the day is guessed");
	f.time.hour_guessed = false;
	f.rule = "prose-conversation";
	check_low("a conversation by another name", &f,
	    "decided by a fallback rule: prose-conversation");
	f.rule = "prose-interview";

	f = sure(&invite_sig);
	f.invite_ok = false;
	check_low("an invite from elsewhere", &f,
	    "the invite is not a request from the organiser's organisation");

	s = invite_sig;
	s.keyword = false;
	s.has_role = true;
	f = sure(&s);
	check_low("an invite with a job title only", &f, "the invite does not say it is an interview");

	f = sure(&invite_sig);
	f.has_start = false;
	check_low("no start", &f, "no interview time");

	f = sure(&invite_sig);
	f.interviewers = 0;
	f.interviewer_address = false;
	check_low("nobody named", &f, "no interviewer named");


	f = sure(&invite_sig);
	f.guessed = "ada.brooks@initech.com";
	check_low("a guessed address", &f, "an address guessed from a name: ada.brooks@initech.com");

	f = sure(&invite_sig);
	f.company_known = false;
	check_low("no company", &f, "company unknown");

	f = sure(&invite_sig);
	f.company_unwritten = true;
	/* an organiser's invite: the domain is the host's, but a new
	 * interview's thank-yous would write the name as its address has it */
	check_low("a new interview's company from the organiser's address", &f,
	    "the company is read from the writer's address only, not written in the mail");
	f.kind = DETECT_UPDATE;
	{
		struct detection d;

		/* its move or cancellation is sure whose it is */
		assert_int_equal(judge(&f, &d), DETECT_HIGH);
		detection_free(&d);
	}
	f.kind = DETECT_INTERVIEW;
	f.invite_ok = false;
	f.writer_to_user = true;
	check_low("a company from the writer's address only", &f,
	    "the company is read from the writer's address only, not written in the mail");

	f = sure(&invite_sig);
	f.company_intermediary = true;
	check_low("an agency's name for the employer's", &f,
	    "the company read is the writer's own, but the writer recruits for a client");

	f = sure(&invite_sig);
	f.company_agency = true;
	check_low("a recruitment agency's name for the employer's", &f,
	    "the company read is a recruitment agency's: the employer may be its client");

	f = sure(&invite_sig);
	f.writer_farewell = true;
	check_low("the writer seated by a farewell", &f,
	    "the writer is taken to interview from a farewell alone (\"see you then\"): perhaps only the coordinator");

	f = sure(&invite_sig);
	f.recurring = true;
	check_low("a weekly meeting", &f, "a recurring event: an interview does not repeat");

	f = sure(&invite_sig);
	f.user_organises = true;
	check_low("the user's own event", &f, "you organise the event");

	f = sure(&invite_sig);
	f.own_organisation = true;
	check_low("the user's organisation", &f, "the organiser is at your own organisation");

	f = sure(&invite_sig);
	f.other_outsider = true;
	check_low("another outsider", &f,
	    "someone else from outside the organiser's organisation is invited");

	f = sure(&invite_sig);
	f.user_not_invited = true;
	check_low("the user not invited", &f, "you are not among the invitees");

	f = sure(&invite_sig);
	f.job_named = false;
	check_low("no job", &f, "nothing says which job");
}

/* Signals that speak against the kind make it low. */
static void test_conflicts(void **state)
{
	struct signals s;
	struct confidence_facts f;

	(void)state;
	s = invite_sig;
	s.rejection = true;
	f = sure(&s);
	check_low("rejection wording", &f, "signals conflict: rejection wording");

	s = invite_sig;
	s.offer = true;
	f = sure(&s);
	check_low("offer wording", &f, "signals conflict: offer wording");

	s = invite_sig;
	s.bulk_headers = true;
	f = sure(&s);
	check_low("list mail", &f, "signals conflict: bulk mail or a job alert");

	s = invite_sig;
	s.not_interview = true;
	f = sure(&s);
	check_low("an event", &f, "signals conflict: reads like an event, not an interview");

	s = (struct signals){ .job = true, .offer_weak = true };
	f = sure(&s);
	f.kind = DETECT_OFFER;
	f.rule = "offer";
	check_low("a weak offer", &f, "only weak offer wording");
}

/* Mail that is not about an interview is judged by its rule alone. */
static void test_not_interview(void **state)
{
	struct signals s = { .bulk_headers = true };
	struct confidence_facts f = { .kind = DETECT_OTHER, .rule = "bulk", .sig = &s };
	struct detection d;

	(void)state;
	assert_int_equal(judge(&f, &d), DETECT_HIGH);
	assert_string_equal(d.reasons[0], "decided by the rule bulk, nothing in doubt");
	detection_free(&d);
	f.rule = "no-job";
	assert_int_equal(judge(&f, &d), DETECT_LOW);
	detection_free(&d);
}

/* The line the daemon holds mails with: every doubt, after the kind's reason. */
static void test_doubt_line(void **state)
{
	struct confidence_facts f = sure(&invite_sig);
	struct detection d;
	char *doubt;

	(void)state;
	f.company_known = false;
	f.has_start = false;
	memset(&d, 0, sizeof(d));
	d.reasons = xcalloc(1, sizeof(char *));
	d.reasons[0] = xstrdup("calendar invite for an interview");
	d.nreasons = 1;
	confidence_judge(&f, &d);
	assert_int_equal(d.confidence, DETECT_LOW);
	doubt = detection_doubt(&d);
	assert_string_equal(doubt, "no interview time; company unknown");
	free(doubt);
	detection_free(&d);
}

static struct detection scan_text(const char *raw)
{
	static const char *const me[] = { "jane.doe@example.net" };
	struct message *m = message_parse(raw, strlen(raw), NULL);
	struct detect_opts o;
	struct detection d;

	detect_opts_init(&o);
	o.my_addresses = me;
	o.n_my_addresses = 1;
	o.timezone = "Europe/London";
	assert_int_equal(detect_message(m, &o, &d), 0);
	message_free(m);
	return d;
}

/* The employer's own system (its robot at an address that spells the
 * company) schedules as surely as a hiring system; a jobs board's robot
 * named like the company read does not. */
static void test_own_system(void **state)
{
	static const char own[] =
	    "From: Bavaria Mobility Careers <noreply@successfactors.bavaria-mobility.example>\r\n"
	    "To: jane.doe@example.net\r\n"
	    "Subject: Interview Invitation - Lead Engineer Battery Thermal Systems\r\n"
	    "Date: Wed, 10 Mar 2027 16:45:00 +0100\r\n"
	    "Message-ID: <o1@bavaria-mobility.example>\r\n\r\n"
	    "Dear Jane,\r\n\r\nWe are pleased to invite you to an interview for the position Lead "
	    "Engineer Battery Thermal Systems.\r\n\r\nInterview date: 30.03.2027\r\nTime: 09:00 - "
	    "10:00 Europe/Berlin\r\nInterviewers: Markus Lehmann; Thomas Wagner\r\n\r\n"
	    "Kind regards\r\nBavaria Mobility Systems SE\r\n";
	static const char board[] =
	    "From: Civil Service Jobs <noreply@civilservicejobs.service.example>\r\n"
	    "To: jane.doe@example.net\r\n"
	    "Subject: Senior Analyst - Invitation to interview\r\n"
	    "Date: Thu, 26 Nov 2026 08:30:00 +0000\r\n"
	    "Message-ID: <b1@civilservicejobs.service.example>\r\n\r\n"
	    "Dear Jane,\r\n\r\nWe would like to invite you to interview for the Senior Analyst "
	    "post.\r\n\r\nDate: Tuesday 15 December 2026\r\nTime: 09:30 (UK time)\r\n\r\n"
	    "Your interview panel will be chaired by Gareth Pryce.\r\n\r\nCivil Service Jobs\r\n";
	struct detection d;

	(void)state;
	d = scan_text(own);
	assert_int_equal(d.kind, DETECT_INTERVIEW);
	if (d.confidence != DETECT_HIGH)
		fail_msg("the employer's own system low: %s", d.nreasons > 1 ? d.reasons[1] : "?");
	detection_free(&d);
	d = scan_text(board);
	assert_int_equal(d.kind, DETECT_INTERVIEW);
	assert_non_null(d.company);
	assert_string_equal(d.company, "Civil Service");
	assert_int_equal(d.confidence, DETECT_LOW);
	detection_free(&d);
}

/* Whole mails: prose without a zone is low; the organiser's invite high;
 * both survive the worker's JSON. */
/* raw is read as an interview, low, with want among its doubts. */
static void expect_low_interview(const char *raw, const char *want)
{
	struct detection d = scan_text(raw);
	char *doubt;

	assert_int_equal(d.kind, DETECT_INTERVIEW);
	assert_int_equal(d.confidence, DETECT_LOW);
	doubt = detection_doubt(&d);
	if (strstr(doubt, want) == NULL)
		fail_msg("doubt \"%s\" not in \"%s\"", want, doubt);
	free(doubt);
	detection_free(&d);
}

static void test_mails(void **state)
{
	static const char prose[] =
	    "From: Ada Brooks <ada.brooks@initech.com>\r\n"
	    "To: jane.doe@example.net\r\n"
	    "Subject: Interview for the Platform Engineer role\r\n"
	    "Date: Tue, 02 Jun 2026 09:00:00 +0000\r\n"
	    "Message-ID: <p1@initech.com>\r\n\r\n"
	    "Hi Jane,\r\n\r\nYour interview with me is confirmed for Thursday 4 June at 3pm.\r\n\r\n"
	    "Ada Brooks\r\nInitech\r\n";
	static const char invite[] =
	    "From: Ada Brooks <ada.brooks@initech.com>\r\n"
	    "To: jane.doe@example.net\r\n"
	    "Subject: Invitation: Interview - Platform Engineer\r\n"
	    "Date: Tue, 02 Jun 2026 09:00:00 +0000\r\n"
	    "Message-ID: <i1@initech.com>\r\n"
	    "Content-Type: text/calendar; method=REQUEST; charset=utf-8\r\n\r\n"
	    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nMETHOD:REQUEST\r\n"
	    "BEGIN:VEVENT\r\nUID:iv-1@initech.com\r\nDTSTAMP:20260602T090000Z\r\n"
	    "DTSTART:20260604T140000Z\r\nDTEND:20260604T150000Z\r\n"
	    "SUMMARY:Interview - Platform Engineer at Initech\r\n"
	    "ORGANIZER;CN=Ada Brooks:mailto:ada.brooks@initech.com\r\n"
	    "ATTENDEE;CN=Ada Brooks:mailto:ada.brooks@initech.com\r\n"
	    "ATTENDEE;CN=Jane Doe:mailto:jane.doe@example.net\r\n"
	    "END:VEVENT\r\nEND:VCALENDAR\r\n";
	struct detection d = scan_text(prose), back;
	json_t *j;
	char *doubt;

	(void)state;
	assert_int_equal(d.kind, DETECT_INTERVIEW);
	assert_int_equal(d.confidence, DETECT_LOW);
	doubt = detection_doubt(&d);
	assert_non_null(strstr(doubt, "no time zone in the mail"));
	free(doubt);
	assert_true(d.nsignals > 0);
	j = detection_to_json(&d, true);
	assert_int_equal(detection_from_json(j, &back), 0);
	assert_int_equal(back.confidence, DETECT_LOW);
	assert_int_equal(back.nreasons, d.nreasons);
	assert_int_equal(back.nsignals, d.nsignals);
	assert_string_equal(back.reasons[1], d.reasons[1]);
	json_decref(j);
	detection_free(&back);
	detection_free(&d);

	d = scan_text(invite);
	assert_int_equal(d.kind, DETECT_INTERVIEW);
	if (d.confidence != DETECT_HIGH)
		fail_msg("invite low: %s", d.nreasons > 1 ? d.reasons[1] : "?");
	j = detection_to_json(&d, false);
	assert_string_equal(json_string_value(json_object_get(j, "confidence")), "high");
	assert_true(json_array_size(json_object_get(j, "reasons")) >= 2);
	assert_null(json_object_get(j, "signals"));
	json_decref(j);
	detection_free(&d);

	/* the company only inside the writer's address: no word of the mail
	 * names it */
	{
		static const char addressed[] =
		    "From: Alicia Brandao <alicia.brandao@longwoodpeds.example>\r\n"
		    "To: jane.doe@example.net\r\n"
		    "Subject: Interview - Clinical Nurse Educator\r\n"
		    "Date: Tue, 02 Jun 2026 09:00:00 +0000\r\n"
		    "Message-ID: <l1@longwoodpeds.example>\r\n\r\n"
		    "Hi Jane,\r\n\r\nYour interview with me is confirmed for Thursday 4 June at 3pm "
		    "Eastern.\r\n\r\nAlicia Brandao\r\nalicia.brandao@longwoodpeds.example | "
		    "www.longwoodpeds.example/careers\r\n";

		expect_low_interview(addressed, "read from the writer's address only");
	}

	/* a scheduling service sends for an agency's recruiter who speaks of
	 * a client: the agency's name is no employer's */
	{
		static const char booked[] =
		    "From: Calendly <notifications@calendly.com>\r\n"
		    "To: jane.doe@example.net\r\n"
		    "Subject: Confirmed: Screening interview - Head of Finance Operations with Tom Ashby on "
		    "Friday, December 11, 2026\r\n"
		    "Date: Tue, 08 Dec 2026 09:58:31 +0000\r\n"
		    "Message-ID: <c1@calendly.com>\r\n\r\n"
		    "Hi Jane,\r\n\r\nYour Screening interview - Head of Finance Operations with Tom Ashby at "
		    "11:00am (Greenwich Mean Time) on Friday, December 11, 2026 is scheduled.\r\n\r\n"
		    "Description:\r\nA 30 minute screening interview with Tom Ashby (Senior Consultant, "
		    "Whitcombe Reed) for the Head of Finance Operations role with our client, a payments "
		    "business.\r\n\r\nTom Ashby\r\ntom.ashby@whitcombereed.example\r\n";

		expect_low_interview(booked, "the writer recruits for a client");
	}

	/* an agency recruiter who names no client: the agency is no employer */
	{
		static const char agency[] =
		    "From: Rui Costa <rui.costa@northstarsearch.example>\r\n"
		    "To: jane.doe@example.net\r\n"
		    "Subject: Interview for the Planning Analyst role\r\n"
		    "Date: Tue, 02 Jun 2026 09:00:00 +0000\r\n"
		    "Message-ID: <a1@northstarsearch.example>\r\n\r\n"
		    "Hi Jane,\r\n\r\nMy client would like to interview you for the Planning Analyst role "
		    "on Thursday 4 June at 3pm BST with Ines Duarte.\r\n\r\nRui Costa\r\nNorthstar Search\r\n";

		expect_low_interview(agency, "the writer recruits for a client");
	}

	/* an agency recruiter who names the client only by a short name the
	 * recogniser does not take: the agency's domain is no employer */
	{
		static const char agency2[] =
		    "From: Chris Patel <chris@fernleyrecruitment.example>\r\n"
		    "To: jane.doe@example.net\r\n"
		    "Subject: Re: Brightwell - Lead Developer\r\n"
		    "Date: Tue, 02 Jun 2026 09:00:00 +0000\r\n"
		    "Message-ID: <a2@fernleyrecruitment.example>\r\n\r\n"
		    "Morning Jane,\r\n\r\nBrightwell have just told me the Lead Developer role is on hold, so "
		    "this afternoon's interview with Sarah is cancelled.\r\n\r\nChris\r\n";

		d = scan_text(agency2);
		assert_int_equal(d.kind, DETECT_CANCEL);
		if (d.confidence != DETECT_LOW)
			fail_msg("agency cancel high: company %s", d.company ? d.company : "?");
		detection_free(&d);
	}

	/* the writer's farewell seats the writer, with a doubt; "let's meet"
	 * seats the writer surely */
	{
		static const char farewell[] =
		    "From: Nate Cooper <ncooper@penrosecap.example>\r\n"
		    "To: jane.doe@example.net\r\n"
		    "Subject: Re: Risk Systems Engineer - call\r\n"
		    "Date: Tue, 02 Jun 2026 09:00:00 +0000\r\n"
		    "Message-ID: <f1@penrosecap.example>\r\n\r\n"
		    "Confirmed for the interview on Thursday 4 June at 3pm BST, see you then.\r\n\r\n"
		    "Nate Cooper\r\nPenrose Capital\r\n";
		static const char meets[] =
		    "From: Tom Ashworth <tom@bellwetheraudio.example>\r\n"
		    "To: jane.doe@example.net\r\n"
		    "Subject: Embedded Engineer - next step\r\n"
		    "Date: Tue, 02 Jun 2026 09:00:00 +0000\r\n"
		    "Message-ID: <f2@bellwetheraudio.example>\r\n\r\n"
		    "Hi Jane,\r\n\r\nLet's do the interview for the Embedded Engineer role on Thursday 4 June "
		    "at 10am BST at our office.\r\n\r\nTom Ashworth\r\nBellwether Audio\r\n";

		d = scan_text(farewell);
		assert_int_equal(d.kind, DETECT_INTERVIEW);
		assert_int_equal(d.ninterviewers, 1);
		assert_string_equal(d.interviewers[0].email, "ncooper@penrosecap.example");
		assert_int_equal(d.confidence, DETECT_LOW);
		doubt = detection_doubt(&d);
		assert_non_null(strstr(doubt, "from a farewell alone"));
		free(doubt);
		detection_free(&d);

		d = scan_text(meets);
		assert_int_equal(d.kind, DETECT_INTERVIEW);
		assert_int_equal(d.ninterviewers, 1);
		assert_string_equal(d.interviewers[0].email, "tom@bellwetheraudio.example");
		doubt = detection_doubt(&d);
		assert_null(doubt != NULL ? strstr(doubt, "farewell") : NULL);
		free(doubt);
		detection_free(&d);
	}

	/* a bad confidence is refused */
	j = json_pack("{s:s, s:s}", "kind", "interview", "confidence", "maybe");
	assert_int_equal(detection_from_json(j, &back), -1);
	json_decref(j);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sure),
		cmocka_unit_test(test_each_doubt),
		cmocka_unit_test(test_writer_to_user),
		cmocka_unit_test(test_conflicts),
		cmocka_unit_test(test_not_interview),
		cmocka_unit_test(test_doubt_line),
		cmocka_unit_test(test_mails),
		cmocka_unit_test(test_own_system),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
