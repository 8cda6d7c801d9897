/*
 * Unit tests for detect: every hand-written mail under tests/mail/detect
 * against its NAME.expect.json (the `followupctl scan --json` schema),
 * field by field, with a per-field accuracy table; plus table-driven
 * cases for dates in prose, decision dates, links and the JSON round trip.
 */
#include "autoconfig.h"

#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <cmocka.h>
#include <jansson.h>

#include "detect.h"
#include "detect_json.h"
#include "ics.h"
#include "message.h"
#include "util.h"

static const char *const me[] = { "jane.doe@example.net", "jdoe@example.org" };
/* The user's employer (me.employer_domains) in the hand-written mails. */
static const char *const employer[] = { "harbourline.example" };

static void opts_for_tests(struct detect_opts *o)
{
	detect_opts_init(o);
	o->my_addresses = me;
	o->n_my_addresses = ARRAY_LEN(me);
	o->employer_domains = employer;
	o->n_employer_domains = ARRAY_LEN(employer);
	o->my_name = "Jane Doe";
	o->timezone = "Europe/London";
	o->now = 1800000000;   /* only used by mails without a Date */
}

static json_t *detect_raw(const char *raw, size_t len, const struct detect_opts *o, bool ext)
{
	struct message *m = message_parse(raw, len, NULL);
	struct detection d;
	json_t *j;

	assert_int_equal(detect_message(m, o, &d), 0);
	j = detection_to_json(&d, ext);
	detection_free(&d);
	message_free(m);
	return j;
}

/* ---- the mail directory ----------------------------------------------------- */

static const char *const fields[] = {
	"kind", "company", "role", "start", "end", "timezone", "interviewers", "contact",
	"meeting_url", "location", "event_uid", "message_id", "decision_by", "final_round",
	"asks_references", "confidence", "reasons",
};

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Interviewers as a sorted list of "name|email" (names compared without case). */
static char *people_key(const json_t *arr)
{
	size_t i, n = json_is_array(arr) ? json_array_size(arr) : 0;
	char **v = xcalloc(n + 1, sizeof(char *));
	struct buf b = { 0 };

	for (i = 0; i < n; i++) {
		const json_t *p = json_array_get(arr, i);
		const char *name = json_string_value(json_object_get(p, "name"));
		const char *email = json_string_value(json_object_get(p, "email"));

		v[i] = xasprintf("%s|%s", name ? name : "", email ? email : "");
		str_lower(v[i]);
	}
	qsort(v, n, sizeof(char *), cmp_str);
	for (i = 0; i < n; i++) {
		buf_addf(&b, "%s;", v[i]);
		free(v[i]);
	}
	free(v);
	return buf_steal(&b);
}

static bool field_equal(const char *f, const json_t *want, const json_t *got)
{
	if (strcmp(f, "interviewers") == 0) {
		char *a = people_key(want), *b = people_key(got);
		bool r = strcmp(a, b) == 0;

		free(a);
		free(b);
		return r;
	}
	/* company and role: letter case is not a mistake */
	if ((strcmp(f, "company") == 0 || strcmp(f, "role") == 0) &&
	    json_is_string(want) && json_is_string(got))
		return strcasecmp(json_string_value(want), json_string_value(got)) == 0;
	if (want == NULL)
		want = json_null();
	if (got == NULL)
		got = json_null();
	return json_equal((json_t *)want, (json_t *)got);
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void test_mail_dir(void **state)
{
	const char *top = getenv("top_srcdir");
	char *dir = xasprintf("%s/tests/mail/detect", top ? top : ".");
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t nnames = 0, i, k;
	unsigned right[ARRAY_LEN(fields)] = { 0 };
	unsigned mails = 0, mails_right = 0, mismatches = 0;
	struct detect_opts o;

	(void)state;
	opts_for_tests(&o);
	assert_non_null(d);
	while ((e = readdir(d)) != NULL) {
		if (str_has_suffix(e->d_name, ".eml")) {
			names = xreallocarray(names, nnames + 1, sizeof(char *));
			names[nnames++] = xstrdup(e->d_name);
		}
	}
	closedir(d);
	qsort(names, nnames, sizeof(char *), cmp_name);
	for (i = 0; i < nnames; i++) {
		char *path = xasprintf("%s/%s", dir, names[i]);
		char *xpath = xasprintf("%s/%.*s.expect.json", dir, (int)(strlen(names[i]) - 4), names[i]);
		char *raw;
		size_t len;
		json_error_t jerr;
		json_t *want, *got;
		bool all = true;

		assert_int_equal(read_file(path, 1 << 24, &raw, &len), 0);
		want = json_load_file(xpath, 0, &jerr);
		if (want == NULL)
			fail_msg("%s: %s", xpath, jerr.text);
		got = detect_raw(raw, len, &o, false);
		for (k = 0; k < ARRAY_LEN(fields); k++) {
			json_t *w = json_object_get(want, fields[k]);
			json_t *g = json_object_get(got, fields[k]);

			/* the schema: every field present in the output */
			assert_non_null(g);
			if (w == NULL)
				fail_msg("%s: no \"%s\"", xpath, fields[k]);
			if (field_equal(fields[k], w, g)) {
				right[k]++;
			} else {
				char *ws = json_dumps(w, JSON_ENCODE_ANY | JSON_COMPACT);
				char *gs = json_dumps(g, JSON_ENCODE_ANY | JSON_COMPACT);

				print_message("MISMATCH %s %s: want %s got %s\n", names[i], fields[k], ws, gs);
				free(ws);
				free(gs);
				all = false;
				mismatches++;
			}
		}
		assert_int_equal(json_object_size(got), ARRAY_LEN(fields));
		mails++;
		mails_right += all;
		json_decref(want);
		json_decref(got);
		free(raw);
		free(path);
		free(xpath);
		free(names[i]);
	}
	free(names);
	free(dir);
	print_message("detect accuracy over %u hand-written mails (%u entirely right):\n", mails, mails_right);
	for (k = 0; k < ARRAY_LEN(fields); k++)
		print_message("  %-16s %3u/%u  %5.1f%%\n", fields[k], right[k], mails,
		    mails ? 100.0 * right[k] / mails : 0.0);
	assert_true(mails >= 30);
	assert_int_equal(mismatches, 0);
}

/* ---- prose dates -------------------------------------------------------------- */

struct prose_case {
	const char *date;     /* Date: header */
	const char *sentence; /* goes into "Your interview is confirmed for %s." */
	const char *start;
	const char *end;      /* NULL: none */
	const char *zone;     /* NULL: none */
};

static const struct prose_case prose_cases[] = {
	/* the Gulf's country after the clock */
	{ "Mon, 12 Apr 2027 11:26:00 +0400", "Thursday 15 April 2027 at 4:00 PM KSA / 5:00 PM UAE",
	  "2027-04-15T13:00:00Z", NULL, "Asia/Riyadh" },
	/* "between 4 and 5 pm": a range, the start taking the end's half of
	 * the day */
	{ "Tue, 02 Mar 2027 15:40:00 +0000", "tomorrow between 4 and 5 pm",
	  "2027-03-03T16:00:00Z", "2027-03-03T17:00:00Z", "Europe/London" },
	/* a week on from the mail's day ("a week from today", British "a
	 * week tomorrow"); "today" alone stays today */
	{ "Fri, 11 Dec 2026 10:05:17 +0000", "a week from today at 11:15am",
	  "2026-12-18T11:15:00Z", NULL, "Europe/London" },
	{ "Fri, 11 Dec 2026 10:05:17 +0000", "a week tomorrow at 2pm",
	  "2026-12-19T14:00:00Z", NULL, "Europe/London" },
	/* the whole's length over its parts', a quoted question between */
	{ "Wed, 09 Dec 2026 10:12:40 +0000",
	  "Tuesday 15 December at 2pm. You'll give a 15-minute presentation (\"What should they "
	  "learn first?\") followed by a 45-minute panel interview, so the whole thing will take an hour",
	  "2026-12-15T14:00:00Z", "2026-12-15T15:00:00Z", "Europe/London" },
	/* the end said in words outweighs a part's length; an arrival
	 * time named by the word after it is not the start */
	{ "Tue, 08 Dec 2026 16:42:10 +0000",
	  "Thursday 14 January 2027. The day will begin at 8.30am and we expect it to finish by "
	  "3.45pm. 9.20am: a 40-minute lesson to a Year 10 class",
	  "2027-01-14T08:30:00Z", "2027-01-14T15:45:00Z", "Europe/London" },
	{ "Mon, 07 Dec 2026 10:00:00 +0000",
	  "Wednesday 16th December, 1.15pm arrival for a 1.30pm start (finishes around 4pm)",
	  "2026-12-16T13:30:00Z", "2026-12-16T16:00:00Z", "Europe/London" },
	/* a length said to be the whole, well after the list of parts */
	{ "Mon, 07 Dec 2026 10:00:00 +0000",
	  "Monday 11 January 2027 at 10.15am. The interview will consist of a 10-minute "
	  "presentation. Then a panel interview with the Head of School Improvement. Bring the "
	  "slides on a USB stick. There is no internet in the room. Please allow approximately "
	  "1 hour 15 minutes in total",
	  "2027-01-11T10:15:00Z", "2027-01-11T11:30:00Z", "Europe/London" },
	/* a clock time spoken in words, as a voicemail's transcript has it */
	{ "Wed, 20 Jan 2027 15:47:12 +0000", "Monday the 25th at four-thirty",
	  "2027-01-25T16:30:00Z", NULL, "Europe/London" },
	{ "Wed, 20 Jan 2027 15:47:12 +0000", "Monday the 25th at nine fifteen a.m.",
	  "2027-01-25T09:15:00Z", NULL, "Europe/London" },
	/* a labelled length in hours and minutes, a shorter part after it */
	{ "Thu, 10 Dec 2026 17:05:40 +0100",
	  "lundi 11 janvier 2027 \xc3\xa0 10h30 (heure de Gen\xc3\xa8ve). Dur\xc3\xa9\x65 : environ 1h30, y "
	  "compris une le\xc3\xa7on d'essai de 30 minutes",
	  "2027-01-11T09:30:00Z", "2027-01-11T11:00:00Z", "Europe/Zurich" },
	/* the capital's time after the clock, then the reader's */
	{ "Tue, 08 Dec 2026 10:31:09 -0300",
	  "segunda-feira, dia 14 de dezembro, \xc3\xa0s 15h de Bras\xc3\xadlia (18h em Londres)",
	  "2026-12-14T18:00:00Z", NULL, "America/Sao_Paulo" },
	/* British "Thursday week": a week after the coming Thursday */
	{ "Tue, 08 Dec 2026 17:40:00 +0000", "Thursday week at half four",
	  "2026-12-17T16:30:00Z", NULL, "Europe/London" },
	{ "Fri, 11 Dec 2026 10:05:17 +0000", "a fortnight from today at 2pm",
	  "2026-12-25T14:00:00Z", NULL, "Europe/London" },
	/* a morning start whose 12-hour end passes noon unsaid */
	{ "Tue, 15 Dec 2026 12:37:02 -0500", "next Tuesday (12/22) from 12:00 to 1:00 Eastern",
	  "2026-12-22T17:00:00Z", "2026-12-22T18:00:00Z", "America/New_York" },
	/* Puerto Rico's time (AST, no daylight saving) */
	{ "Mon, 7 Dec 2026 09:00:00 -0500", "el martes 22 de diciembre a las 10:00 a.m. (hora de Puerto "
	  "Rico, AST)", "2026-12-22T14:00:00Z", NULL, "America/Puerto_Rico" },
	/* a loop's rows without their half of the day under a time that
	 * says it */
	{ "Thu, 10 Dec 2026 21:05:33 -0500", "Monday, December 21, 2026, 1:00 - 2:30 PM Eastern\n\n"
	  "1:00 - 1:20  Your presentation: a 30-60-90-day plan (15-20 minutes)\n"
	  "1:20 - 2:10  Discussion and interview with the search committee\n"
	  "2:10 - 2:30  Meeting with Dr. Renee Castellanos, Vice Provost for Research",
	  "2026-12-21T18:00:00Z", "2026-12-21T19:30:00Z", "America/New_York" },
	/* lengths as people write them: parts of an hour, "environ 1h",
	 * Dutch allotting time "voor" it; the same time again as a range */
	{ "Mon, 7 Dec 2026 09:00:00 +0100", "maandag 14 december om 10.15 uur. Het gesprek duurt "
	  "maximaal drie kwartier", "2026-12-14T10:15:00Z", "2026-12-14T11:00:00Z", "Europe/London" },
	{ "Mon, 7 Dec 2026 09:00:00 +0100", "le jeudi 17 d\xc3\xa9\x63\x65mbre \xc3\xa0 10h30 (heure de "
	  "Paris) : un entretien technique (live coding, environ 1h)", "2026-12-17T09:30:00Z",
	  "2026-12-17T10:30:00Z", "Europe/Paris" },
	{ "Mon, 7 Dec 2026 09:00:00 +0100", "donderdag 10 december om half drie. We trekken er "
	  "ongeveer een uur voor uit", "2026-12-10T14:30:00Z", "2026-12-10T15:30:00Z",
	  "Europe/London" },
	{ "Mon, 30 Nov 2026 09:00:00 +0100", "Mittwoch, den 2. Dezember 2026, um 15:00 Uhr MEZ.\n\n"
	  "Datum: Mittwoch, 02.12.2026\nUhrzeit: 15:00 \xe2\x80\x93 15:45 Uhr (MEZ)",
	  "2026-12-02T14:00:00Z", "2026-12-02T14:45:00Z", "Europe/Berlin" },
	/* a weekday with a day of the month and no month: the next such day
	 * that is that weekday; a weekday before a day/month without a year */
	{ "Mon, 14 Dec 2026 09:00:00 +0000", "Thursday the 7th at 3pm",
	  "2027-01-07T15:00:00Z", NULL, "Europe/London" },
	{ "Mon, 4 Jan 2027 09:00:00 +0000", "Tue 12/1 at 10:30",
	  "2027-01-12T10:30:00Z", NULL, "Europe/London" },
	/* Danish, Czech dates (cheap: table entries); a range after a word
	 * that may lead a deadline ("till", Swedish "to") is a meeting */
	{ "Mon, 4 Jan 2027 09:00:00 +0100", "mandag den 11. januar 2027 kl. 14.00 (dansk tid)",
	  "2027-01-11T13:00:00Z", NULL, "Europe/Copenhagen" },
	{ "Mon, 4 Jan 2027 09:00:00 +0100", "p\xc3\xa1tek 15. ledna 2027 v 10:00 (\xc4\x8d" "esk\xc3\xa9ho \xc4\x8d" "asu)",
	  "2027-01-15T09:00:00Z", NULL, "Europe/Prague" },
	{ "Mon, 4 Jan 2027 09:00:00 +0100", "till tisdag 12 januari kl. 13.00-14.00 (svensk tid)",
	  "2027-01-12T12:00:00Z", "2027-01-12T13:00:00Z", "Europe/Stockholm" },
	{ "Thu, 28 May 2026 10:00:00 +0100", "Tuesday the 9th of June at 10.30am BST",
	  "2026-06-09T09:30:00Z", NULL, "Europe/London" },
	/* day and month either way round, both on the weekday said: the
	 * nearer (11 December, not 12 November next year) */
	{ "Fri, 4 Dec 2026 11:02:00 -0500", "vendredi 11/12, \xc3\xa0 15 h 30 (heure de Montr\xc3\xa9\x61l)",
	  "2026-12-11T20:30:00Z", NULL, "America/Toronto" },
	/* "half 3" after the English "at" is 3:30 (the Dutch "om half 3" is
	 * 2:30) */
	{ "Fri, 20 Nov 2026 16:00:00 +0000", "Thursday at half 3 (UK time), for an hour",
	  "2026-11-26T15:30:00Z", "2026-11-26T16:30:00Z", "Europe/London" },
	{ "Mon, 7 Dec 2026 09:00:00 +0100", "donderdag 10 december om half 3 (Nederlandse tijd)",
	  "2026-12-10T13:30:00Z", NULL, "Europe/Amsterdam" },
	/* an hour alone before an aside in brackets */
	{ "Wed, 2 Dec 2026 16:45:31 +0000", "tomorrow at 11 (one hour, Zoom)",
	  "2026-12-03T11:00:00Z", "2026-12-03T12:00:00Z", "Europe/London" },
	{ "Mon, 24 May 2027 08:00:00 +0200", "03.06.2027 14:00 CET",
	  "2027-06-03T12:00:00Z", NULL, "Europe/Berlin" },
	{ "Fri, 26 Feb 2027 14:00:00 -0500", "March 3, 1-2pm ET",
	  "2027-03-03T18:00:00Z", "2027-03-03T19:00:00Z", "America/New_York" },
	{ "Mon, 1 Mar 2027 18:00:00 -0800", "2027-03-03 at 09:00 Pacific",
	  "2027-03-03T17:00:00Z", NULL, "America/Los_Angeles" },
	{ "Fri, 26 Feb 2027 09:00:00 +0100", "Thursday, 4 March 2027, 15:00-15:45 (GMT+1)",
	  "2027-03-04T14:00:00Z", "2027-03-04T14:45:00Z", "Etc/GMT-1" },
	/* a deadline first is no interview time: the next one is */
	{ "Mon, 1 Mar 2027 09:00:00 +0000",
	  "the slot below (reply by Friday 5 March at 17:00 GMT): Tuesday 9 March at 10:00 GMT",
	  "2027-03-09T10:00:00Z", NULL, "Europe/London" },
	{ "Mon, 1 Mar 2027 09:00:00 +0000", "the time below; send the form before Monday, "
	  "8 March 2027 at 09:00 GMT. Wednesday 10 March at 11am GMT", "2027-03-10T11:00:00Z",
	  NULL, "Europe/London" },
	/* nor is a time asked about */
	{ "Mon, 1 Mar 2027 09:00:00 +0000", "next week; or could you do Monday 8 March at 9am "
	  "GMT? Else Thursday 11 March at 2pm GMT as planned", "2027-03-11T14:00:00Z", NULL,
	  "Europe/London" },
	/* a missing year: the next 12 January after a December mail */
	{ "Tue, 14 Dec 2027 09:00:00 +0000", "12 January at 9am GMT",
	  "2028-01-12T09:00:00Z", NULL, "Europe/London" },
	/* a weekday alone: the next one after the mail (mail on a Monday) */
	{ "Mon, 1 Mar 2027 09:00:00 +0000", "Friday at 3pm CET",
	  "2027-03-05T14:00:00Z", NULL, "Europe/Berlin" },
	{ "Mon, 1 Mar 2027 09:00:00 +0000", "tomorrow at 11:15 GMT",
	  "2027-03-02T11:15:00Z", NULL, "Europe/London" },
	/* no zone: the user's (Europe/London in these tests) */
	{ "Mon, 1 Mar 2027 09:00:00 +0000", "Wednesday 10 March 2027 at 14:30",
	  "2027-03-10T14:30:00Z", NULL, "Europe/London" },
	{ "Mon, 1 Mar 2027 09:00:00 +0000", "Mar 12th at 2:15 PM EST for 45 minutes",
	  "2027-03-12T19:15:00Z", "2027-03-12T20:00:00Z", "America/New_York" },
	{ "Mon, 1 Mar 2027 09:00:00 +0000", "15/03/2027 at 10:00 (UTC+01:00) Amsterdam, Berlin, Bern",
	  "2027-03-15T09:00:00Z", NULL, "Europe/Berlin" },
	{ "Mon, 1 Mar 2027 09:00:00 +0000", "March 16th, 2027 from 11:00 a.m. to 12:30 p.m. CT",
	  "2027-03-16T16:00:00Z", "2027-03-16T17:30:00Z", "America/Chicago" },
	/* dates, clock words and zone words in German, French, Spanish,
	 * Portuguese and Dutch */
	{ "Mon, 23 Nov 2026 10:20:11 +0100", "am Dienstag, den 1. Dezember 2026, um 15 Uhr MEZ",
	  "2026-12-01T14:00:00Z", NULL, "Europe/Berlin" },
	/* a weekday of any of its names before a clock; a weekday before a
	 * day of the month with no month ("Tuesday 15th", the next one) */
	{ "Fri, 27 Nov 2026 11:14:00 +0000", "Tue 3pm ET",
	  "2026-12-01T20:00:00Z", NULL, "America/New_York" },
	{ "Thu, 3 Dec 2026 12:20:09 +0000", "Tuesday 15th, 10am UK time",
	  "2026-12-15T10:00:00Z", NULL, "Europe/London" },
	/* Québec: "13 h 30", "heure de l'Est" */
	{ "Tue, 24 Nov 2026 10:12:33 -0500",
	  "le mardi 8 d\xc3\xa9\x63\x65mbre 2026 de 13 h 30 \xc3\xa0 14 h 30 (heure de l'Est)",
	  "2026-12-08T18:30:00Z", "2026-12-08T19:30:00Z", "America/Toronto" },
	/* a day and month after the word that makes it a day, day first
	 * where the zone said is not the United States' or Canada's */
	{ "Thu, 3 Dec 2026 16:20:44 -0300", "quinta (10/12) \xc3\xa0s 15h (hor\xc3\xa1rio de Bras\xc3\xadlia)",
	  "2026-12-10T18:00:00Z", NULL, "America/Sao_Paulo" },
	{ "Thu, 3 Dec 2026 16:20:44 -0300", "no dia 10/12 \xc3\xa0s 15h (hor\xc3\xa1rio de Bras\xc3\xadlia)",
	  "2026-12-10T18:00:00Z", NULL, "America/Sao_Paulo" },
	{ "Thu, 3 Dec 2026 10:00:00 -0500", "on 12/10 at 3pm ET",
	  "2026-12-10T20:00:00Z", NULL, "America/New_York" },
	/* the German day and month closed by its dot, no year: after a
	 * weekday, or after the word that makes it a day ("am") */
	{ "Fri, 20 Nov 2026 16:42:08 +0100", "Montag, 30.11., um 10:30 Uhr MEZ",
	  "2026-11-30T09:30:00Z", NULL, "Europe/Berlin" },
	{ "Fri, 20 Nov 2026 16:42:08 +0100", "am 7.12. um 14:00 Uhr MEZ",
	  "2026-12-07T13:00:00Z", NULL, "Europe/Berlin" },
	{ "Fri, 20 Nov 2026 11:17:50 +0100", "Donnerstag, 26. November, 15:00-16:00 Uhr MEZ",
	  "2026-11-26T14:00:00Z", "2026-11-26T15:00:00Z", "Europe/Berlin" },
	{ "Fri, 20 Nov 2026 17:48:02 +0100", "le jeudi 26 novembre \xc3\xa0 9h30 (heure de Paris)",
	  "2026-11-26T08:30:00Z", NULL, "Europe/Paris" },
	{ "Mon, 30 Nov 2026 09:00:00 +0100",
	  "el martes 8 de diciembre a las 10:00 (hora de Madrid)",
	  "2026-12-08T09:00:00Z", NULL, "Europe/Madrid" },
	{ "Tue, 24 Nov 2026 14:33:10 -0300",
	  "ter\xc3\xa7\x61-feira, 8 de dezembro, \xc3\xa0s 15h (hor\xc3\xa1rio de Bras\xc3\xadlia)",
	  "2026-12-08T18:00:00Z", NULL, "America/Sao_Paulo" },
	{ "Tue, 24 Nov 2026 14:08:19 +0100", "dinsdag 8 december om 14.00 uur (Nederlandse tijd)",
	  "2026-12-08T13:00:00Z", NULL, "Europe/Amsterdam" },
	/* relative days against the Date, in the sender's zone; an hour alone
	 * is in business hours (1-7 afternoon) */
	{ "Mon, 16 Nov 2026 12:00:00 -0500", "tomorrow at 3 ET",
	  "2026-11-17T20:00:00Z", NULL, "America/New_York" },
	{ "Thu, 19 Nov 2026 16:05:33 -0500", "next Tuesday at 10:30 a.m. Eastern",
	  "2026-11-24T15:30:00Z", NULL, "America/New_York" },
	{ "Mon, 30 Nov 2026 09:00:00 +0100", "morgen um 15 Uhr",
	  "2026-12-01T15:00:00Z", NULL, "Europe/London" },
	{ "Mon, 30 Nov 2026 09:00:00 +0100", "demain \xc3\xa0 14h",
	  "2026-12-01T14:00:00Z", NULL, "Europe/London" },
	{ "Mon, 30 Nov 2026 09:00:00 +0100", "ma\xc3\xb1\x61na a las 10",
	  "2026-12-01T10:00:00Z", NULL, "Europe/London" },
	{ "Tue, 24 Nov 2026 09:00:00 -0300", "amanh\xc3\xa3 \xc3\xa0s 15h",
	  "2026-11-25T15:00:00Z", NULL, "Europe/London" },
	/* "por la mañana" is "in the morning", not "tomorrow" (a Thursday mail) */
	{ "Thu, 26 Nov 2026 09:00:00 +0100", "el martes por la ma\xc3\xb1\x61na a las 10",
	  "2026-12-01T10:00:00Z", NULL, "Europe/London" },
	/* abbreviations name a region's civil time; the date decides DST */
	{ "Mon, 6 Jul 2026 09:00:00 -0700", "Thursday, July 9 at 2pm PT",
	  "2026-07-09T21:00:00Z", NULL, "America/Los_Angeles" },
	{ "Mon, 30 Nov 2026 09:03:27 -0800", "Thursday, December 10 at 2pm PT",
	  "2026-12-10T22:00:00Z", NULL, "America/Los_Angeles" },
	{ "Mon, 6 Jul 2026 09:00:00 +0200", "Thursday 9 July 2026 at 14:00 CET",
	  "2026-07-09T12:00:00Z", NULL, "Europe/Berlin" },
	/* IST is India's (Irish time is written "Irish time") */
	{ "Mon, 30 Nov 2026 09:00:00 +0530", "Wednesday 2 December at 10am IST",
	  "2026-12-02T04:30:00Z", NULL, "Asia/Kolkata" },
	{ "Mon, 30 Nov 2026 09:00:00 +0000", "Thursday 3 December at 3 pm UK time",
	  "2026-12-03T15:00:00Z", NULL, "Europe/London" },
	{ "Mon, 6 Jul 2026 09:00:00 +0100", "Thursday 9 July at 10:00 Irish time",
	  "2026-07-09T09:00:00Z", NULL, "Europe/Dublin" },	/* Italian and Polish: dates, weekdays, relative days, zones in words */
	{ "Thu, 3 Dec 2026 10:00:12 +0100", "luned\xc3\xac 14 dicembre alle ore 11:00 (ora italiana)",
	  "2026-12-14T10:00:00Z", NULL, "Europe/Rome" },
	{ "Mon, 7 Dec 2026 10:00:00 +0100", "domani alle 15:30",
	  "2026-12-08T15:30:00Z", NULL, "Europe/London" },
	{ "Mon, 7 Dec 2026 10:00:00 +0100", "w czwartek, 17 grudnia o godz. 10:00 (czasu polskiego)",
	  "2026-12-17T09:00:00Z", NULL, "Europe/Warsaw" },
	{ "Mon, 7 Dec 2026 10:00:00 +0100", "jutro o 14:00",
	  "2026-12-08T14:00:00Z", NULL, "Europe/London" },
	/* a city alone in brackets; the Spanish "a. m." and Mexico's central time */
	{ "Mon, 7 Dec 2026 10:00:00 +0100", "woensdag 6 januari 2027, 13:30 - 14:30 (Amsterdam)",
	  "2027-01-06T12:30:00Z", "2027-01-06T13:30:00Z", "Europe/Amsterdam" },
	{ "Tue, 1 Dec 2026 13:05:09 -0600",
	  "jueves 10 de diciembre, 10:00 a. m. (hora del centro de M\xc3\xa9xico)",
	  "2026-12-10T16:00:00Z", NULL, "America/Mexico_City" },
	/* a range in the words of other languages, the hour's unit before
	 * the zone; Mexico City keeps UTC-6 all year */
	{ "Tue, 1 Dec 2026 13:05:09 -0600",
	  "el martes 15 de diciembre, de 16:00 a 17:00 h (hora de CDMX)",
	  "2026-12-15T22:00:00Z", "2026-12-15T23:00:00Z", "America/Mexico_City" },
	{ "Mon, 7 Dec 2026 10:00:00 +0100", "Donnerstag, 17. Dezember, 10:00 bis 11:30 Uhr MEZ",
	  "2026-12-17T09:00:00Z", "2026-12-17T10:30:00Z", "Europe/Berlin" },
	{ "Mon, 7 Dec 2026 10:00:00 +0100", "quinta-feira, 17 de dezembro, das 9h30 \xc3\xa0s 10h30 (hor\xc3\xa1rio de Bras\xc3\xadlia)",
	  "2026-12-17T12:30:00Z", "2026-12-17T13:30:00Z", "America/Sao_Paulo" },
	/* lengths in Italian and French: "un'ora", "minuti", a labelled "1h" */
	{ "Mon, 7 Dec 2026 10:00:00 +0100", "luned\xc3\xac 11 gennaio 2027 alle ore 10:00 (ora italiana), della durata di un'ora",
	  "2027-01-11T09:00:00Z", "2027-01-11T10:00:00Z", "Europe/Rome" },
	{ "Mon, 7 Dec 2026 10:00:00 +0100", "luned\xc3\xac 11 gennaio 2027 alle ore 10:00 (ora italiana), durata prevista 30 minuti",
	  "2027-01-11T09:00:00Z", "2027-01-11T09:30:00Z", "Europe/Rome" },
	{ "Mon, 7 Dec 2026 10:00:00 +0100", "mardi 12 janvier 2027 \xc3\xa0 9h30, heure de Paris (dur\xc3\xa9" "e : 2h)",
	  "2027-01-12T08:30:00Z", "2027-01-12T10:30:00Z", "Europe/Paris" },
	/* times in words, and "your time" */
	{ "Mon, 7 Dec 2026 10:00:00 +0000", "tomorrow at half past two",
	  "2026-12-08T14:30:00Z", NULL, "Europe/London" },
	{ "Mon, 7 Dec 2026 10:00:00 +0000", "Thursday at quarter to 3 GMT",
	  "2026-12-10T14:45:00Z", NULL, "Europe/London" },
	{ "Mon, 7 Dec 2026 10:00:00 +0000", "morgen um halb drei",
	  "2026-12-08T14:30:00Z", NULL, "Europe/London" },
	{ "Mon, 7 Dec 2026 10:00:00 +0000", "morgen om half drie",
	  "2026-12-08T14:30:00Z", NULL, "Europe/London" },
	{ "Mon, 7 Dec 2026 10:00:00 +0000", "Friday at 10 your time",
	  "2026-12-11T10:00:00Z", NULL, "Europe/London" },
	/* one digit, minutes, no am/pm: afternoon (nobody meets at 2:15 at night) */
	{ "Mon, 7 Dec 2026 10:00:00 +0000", "tomorrow at 2:15 UK time",
	  "2026-12-08T14:15:00Z", NULL, "Europe/London" },
	/* Argentina's "11 hs (hora Argentina)" */
	{ "Wed, 2 Dec 2026 16:30:00 -0300", "el lunes 7 de diciembre a las 11 hs (hora Argentina)",
	  "2026-12-07T14:00:00Z", NULL, "America/Argentina/Buenos_Aires" },
	/* Belgian Dutch "14u", "10u30"; French "1er" */
	{ "Wed, 25 Nov 2026 10:12:33 +0100", "op dinsdag 1 december om 14u op ons kantoor in Gent",
	  "2026-12-01T14:00:00Z", NULL, "Europe/London" },
	{ "Mon, 30 Nov 2026 16:40:02 +0100", "naar donderdag 3 december om 10u30, zelfde adres",
	  "2026-12-03T10:30:00Z", NULL, "Europe/London" },
	{ "Wed, 25 Nov 2026 18:30:12 +0100", "le mardi 1er d\xc3\xa9\x63\x65mbre \xc3\xa0 14h (heure de Paris)",
	  "2026-12-01T13:00:00Z", NULL, "Europe/Paris" },
	/* "24-Dec-2026 (Thursday)": the weekday after a date is the date's,
	 * not the next Thursday; a 24-hour clock without its colon before
	 * a zone or "hrs" */
	{ "Fri, 04 Dec 2026 12:20:31 +0530", "Interview Date : 24-Dec-2026 (Thursday)\nInterview Time : 1130 IST",
	  "2026-12-24T06:00:00Z", NULL, "Asia/Kolkata" },
	{ "Fri, 04 Dec 2026 12:20:31 +0530", "on 12/12/2026 (Saturday) at 1630 hrs IST",
	  "2026-12-12T11:00:00Z", NULL, "Asia/Kolkata" },
	/* a half-hour */
	{ "Mon, 30 Nov 2026 09:00:00 +0200", "Thursday 10 December at 14:00 SAST. It'll be a half-hour video call",
	  "2026-12-10T12:00:00Z", "2026-12-10T12:30:00Z", "Africa/Johannesburg" },
	/* an hour and a half, in its forms */
	{ "Mon, 30 Nov 2026 09:00:00 +0200", "Thursday 10 December at 14:00 SAST (please allow about an hour and a half)",
	  "2026-12-10T12:00:00Z", "2026-12-10T13:30:00Z", "Africa/Johannesburg" },
	{ "Mon, 30 Nov 2026 09:00:00 +0200", "Thursday 10 December at 14:00 SAST, for 1.5 hours",
	  "2026-12-10T12:00:00Z", "2026-12-10T13:30:00Z", "Africa/Johannesburg" },
	{ "Mon, 30 Nov 2026 09:00:00 +0200", "Thursday 10 December at 14:00 SAST, for two and a half hours",
	  "2026-12-10T12:00:00Z", "2026-12-10T14:30:00Z", "Africa/Johannesburg" },
	/* Africa's zones: SAST, EAT, WAT, CAT, and cities */
	{ "Mon, 30 Nov 2026 09:00:00 +0200", "Thursday 3 December at 14h00 SAST",
	  "2026-12-03T12:00:00Z", NULL, "Africa/Johannesburg" },
	{ "Mon, 30 Nov 2026 09:00:00 +0300", "Monday, 7th December 2026, 11:00 AM - 12:00 PM EAT",
	  "2026-12-07T08:00:00Z", "2026-12-07T09:00:00Z", "Africa/Nairobi" },
	{ "Mon, 30 Nov 2026 09:00:00 +0100", "mardi 8 d\xc3\xa9\x63\x65mbre 2026 \xc3\xa0 11h00 (heure de Casablanca, GMT+1)",
	  "2026-12-08T10:00:00Z", NULL, "Africa/Casablanca" },
	/* "NZ time"; a city after "hora de" */
	{ "Wed, 18 Nov 2026 11:40:03 +1300", "Monday 30 November, 2pm NZ time (that's midday Sydney time)",
	  "2026-11-30T01:00:00Z", NULL, "Pacific/Auckland" },
	{ "Fri, 27 Nov 2026 11:02:45 -0500", "el jueves 3 de diciembre a las 16:00 hora de Bogot\xc3\xa1",
	  "2026-12-03T21:00:00Z", NULL, "America/Bogota" },
	/* a line labelled as the old time of a move is withdrawn */
	{ "Wed, 25 Nov 2026 18:05:00 +0900",
	  "the time as follows.\n\n  (Before) December 4th (Fri), 17:00-18:00 JST\n  (After)  December 9th (Wed), 16:00-17:00 JST\n",
	  "2026-12-09T07:00:00Z", "2026-12-09T08:00:00Z", "Asia/Tokyo" },
	{ "Wed, 25 Nov 2026 18:05:00 +0100",
	  "den Termin.\n\nBisher: Freitag, 4. Dezember, 10:00 Uhr\nNeu: Mittwoch, 9. Dezember, 14:00 Uhr MEZ\n",
	  "2026-12-09T13:00:00Z", NULL, "Europe/Berlin" },
	/* an hour alone before a word of agreeing */
	{ "Mon, 23 Nov 2026 10:21:07 +0000", "tomorrow at 11 works. I'll call your mobile, 30 mins max",
	  "2026-11-24T11:00:00Z", "2026-11-24T11:30:00Z", "Europe/London" },
	/* the start's zone and a conversion in brackets before the range's
	 * dash */
	{ "Thu, 26 Nov 2026 12:47:31 +0530", "Date: 1st Dec 2026 (Tuesday)\nTime: 11 AM IST (i.e. 4:30 PM Sydney time) - 12 PM IST",
	  "2026-12-01T05:30:00Z", "2026-12-01T06:30:00Z", "Asia/Kolkata" },
	{ "Mon, 7 Dec 2026 10:00:00 -0500", "Thursday, December 10, 10:00 AM EST - 10:45 AM EST",
	  "2026-12-10T15:00:00Z", "2026-12-10T15:45:00Z", "America/New_York" },
	/* an hour alone before a dash that ends the clause */
	{ "Thu, 3 Dec 2026 11:20:05 +0000", "tomorrow at 3 - I'll ring you",
	  "2026-12-04T15:00:00Z", NULL, "Europe/London" },
	/* a range said again in another zone is no next slot; a city after
	 * "in", or with "time", names its civil time */
	{ "Fri, 20 Nov 2026 16:22:00 +0900", "December 4th (Fri), 17:00-18:00 JST (19:00-20:00 in Sydney)",
	  "2026-12-04T08:00:00Z", "2026-12-04T09:00:00Z", "Asia/Tokyo" },
	{ "Fri, 20 Nov 2026 16:22:00 +1100", "Friday 4 December, 10:30 - 11:15 in Melbourne",
	  "2026-12-03T23:30:00Z", "2026-12-04T00:15:00Z", "Australia/Melbourne" },
	{ "Fri, 20 Nov 2026 16:22:00 +1100", "Friday 4 December at 9am Perth time",
	  "2026-12-04T01:00:00Z", NULL, "Australia/Perth" },
	/* a Belgian length, before a part's own */
	{ "Thu, 10 Dec 2026 17:12:40 +0000", "jeudi 17 d\xc3\xa9" "cembre 2026 \xc3\xa0 14h00. L'entretien durera environ "
	  "nonante minutes : une pr\xc3\xa9sentation (une trentaine de minutes), suivie d'un \xc3\xa9\x63hange",
	  "2026-12-17T14:00:00Z", "2026-12-17T15:30:00Z", "Europe/London" },
	/* a day and month alone, a clock time right after it makes it a
	 * date; an hour alone before a place */
	{ "Thu, 10 Dec 2026 13:07:55 +0000", "do 17/12 10:30 \xe2\x80\x93 12:00",
	  "2026-12-17T10:30:00Z", "2026-12-17T12:00:00Z", "Europe/London" },
	{ "Thu, 10 Dec 2026 13:07:55 +0000", "tomorrow at 11 at our office",
	  "2026-12-11T11:00:00Z", NULL, "Europe/London" },
	{ "Thu, 10 Dec 2026 11:34:09 -0500", "12/16 at 9am ET (3pm for you in Amsterdam)",
	  "2026-12-16T14:00:00Z", NULL, "America/New_York" },
};


/* A plain-text mail to Jane with these headers (extra: more header
 * lines, each ending in CRLF) and body, read. */
static json_t *mail_headed(const char *date, const char *from, const char *subject,
    const char *extra, const char *body, const struct detect_opts *o)
{
	char *raw = xasprintf("Date: %s\r\nFrom: %s\r\nTo: Jane Doe <jane.doe@example.net>\r\n"
	    "Subject: %s\r\nMessage-ID: <t@example.com>\r\n%sMIME-Version: 1.0\r\n"
	    "Content-Type: text/plain; charset=utf-8\r\n\r\n%s\r\n", date, from, subject, extra, body);
	json_t *j = detect_raw(raw, strlen(raw), o, true);

	free(raw);
	return j;
}

static json_t *mail_with(const char *date, const char *from, const char *subject, const char *body,
    const struct detect_opts *o)
{
	return mail_headed(date, from, subject, "", body, o);
}

/* The same, a reply in a thread of the user's. */
static json_t *reply_with(const char *date, const char *from, const char *subject, const char *body,
    const struct detect_opts *o)
{
	return mail_headed(date, from, subject, "In-Reply-To: <q@example.net>\r\n", body, o);
}

/* A reply in a thread of the user's (In-Reply-To, "Re:"): the body, then
 * the quoted history (its attribution line and quoted lines), read. */
static json_t *quoting_reply(const char *date, const char *from, const char *subject,
    const char *body, const char *history, const struct detect_opts *o)
{
	char *raw = xasprintf("Date: %s\r\nFrom: %s\r\nTo: Jane Doe <jane.doe@example.net>\r\n"
	    "Subject: %s\r\nMessage-ID: <r@example.com>\r\nIn-Reply-To: <q@example.net>\r\n"
	    "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n%s\n\n%s",
	    date, from, subject, body, history);
	json_t *j = detect_raw(raw, strlen(raw), o, true);

	free(raw);
	return j;
}

/* The interviewers read, by name|email sorted (people_key), are want. */
static void expect_people(const json_t *j, const char *want)
{
	char *got = people_key(json_object_get(j, "interviewers"));

	if (strcmp(got, want) != 0)
		fail_msg("interviewers %s, want %s", got, want);
	free(got);
}

static const char *jget(const json_t *j, const char *k)
{
	return json_string_value(json_object_get(j, k));
}

static void expect_str(const json_t *j, const char *k, const char *want, const char *what)
{
	const char *got = jget(j, k);

	if (want == NULL && got == NULL)
		return;
	if (want == NULL || got == NULL || strcmp(want, got) != 0)
		fail_msg("%s: %s: want %s got %s", what, k, want ? want : "null", got ? got : "null");
}

static void test_prose_times(void **state)
{
	struct detect_opts o;
	size_t i;

	(void)state;
	opts_for_tests(&o);
	for (i = 0; i < ARRAY_LEN(prose_cases); i++) {
		const struct prose_case *c = &prose_cases[i];
		char *body = xasprintf("Hi Jane,\n\nYour interview is confirmed for %s.\n\nBest,\nAda Brooks\n",
		    c->sentence);
		json_t *j = mail_with(c->date, "Ada Brooks <ada.brooks@initech.com>", "Interview", body, &o);

		expect_str(j, "kind", "interview", c->sentence);
		expect_str(j, "start", c->start, c->sentence);
		expect_str(j, "end", c->end, c->sentence);
		expect_str(j, "timezone", c->zone, c->sentence);
		json_decref(j);
		free(body);
	}
}

/* A person who writes through a hiring system's relay ("Malte Seidl via
 * JOIN <reply+...@messages.join.com>") is a person: a call set with a
 * time is an interview, and the relay is no company. */
static void test_relayed_person(void **state)
{
	struct detect_opts o;
	json_t *j;
	const json_t *iv;

	(void)state;
	opts_for_tests(&o);
	/* whom the mail sends the user to with questions is the contact, not
	 * on the panel, whatever the word before ("fale com"); a greeting is
	 * no company */
	j = mail_with("Thu, 26 Nov 2026 17:22:08 +0000", "Caju Pagamentos <nao-responda@gupy.io>",
	    "Sua entrevista foi agendada",
	    "Ol\xc3\xa1, Jane! Sua entrevista para a vaga Engenheira de Dados foi agendada: "
	    "quarta-feira, 09/12/2026, 14:00 \xc3\xa0s 15:00 (hor\xc3\xa1rio de Bras\xc3\xadlia).\n"
	    "Entrevistador: Bruno Tavares\n"
	    "Em caso de d\xc3\xbavidas, fale com Camila Rocha, Tech Recruiter, pelo e-mail "
	    "camila.rocha@caju.example.\n", &o);
	iv = json_object_get(j, "interviewers");
	if (json_array_size(iv) != 1 || strcmp(json_string_value(json_object_get(
	    json_array_get(iv, 0), "name")), "Bruno Tavares") != 0)
		fail_msg("fale com: the contact on the panel");
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "contact"),
	    "email")), "camila.rocha@caju.example");
	if (jget(j, "company") != NULL && strcmp(jget(j, "company"), "Ol\xc3\xa1") == 0)
		fail_msg("a greeting read as the company");
	json_decref(j);
	j = mail_with("Fri, 20 Nov 2026 16:42:08 +0100",
	    "Malte Seidl via JOIN <reply+c7e1a0@messages.join.com>", "Kennenlernen bei Fahrtwind",
	    "Hey Jane,\n\ndanke f\xc3\xbcr deine Bewerbung als Backend Engineer! Lass uns "
	    "kennenlernen: ich hab uns f\xc3\xbcr Montag, 30.11., um 10:30 Uhr MEZ eingetragen, "
	    "30 Minuten per Google Meet.\n\nMalte\n", &o);
	expect_str(j, "kind", "interview", "relayed");
	expect_str(j, "start", "2026-11-30T09:30:00Z", "relayed");
	/* the relay is no company; " bei " joins a job's word to one */
	expect_str(j, "company", "Fahrtwind", "relayed");
	/* the writer, at the relay that reaches them, is the contact and,
	 * having booked "us", the interviewer */
	expect_str(json_object_get(j, "contact"), "email", "reply+c7e1a0@messages.join.com", "relayed contact");
	expect_people(j, "malte seidl|reply+c7e1a0@messages.join.com;");
	json_decref(j);
}

/* A mail with one time: a length said anywhere in it, a paragraph
 * before the time too, is the interview's. */
static void test_length_elsewhere(void **state)
{
	struct detect_opts o;
	json_t *j;

	(void)state;
	opts_for_tests(&o);
	j = mail_with("Mon, 4 Jan 2027 09:00:00 +0000", "Ada Brooks <ada.brooks@initech.com>",
	    "Your pairing interview",
	    "Hi Jane,\n\nThe pairing interview for the analyst role is booked; plan on 90 minutes "
	    "with Tom Reed.\n\nPlease bring a laptop.\n\nWhen: Wednesday 13 January 2027, 14:00 UK time\n\nAda\n", &o);
	expect_str(j, "start", "2027-01-13T14:00:00Z", "length elsewhere");
	expect_str(j, "end", "2027-01-13T15:30:00Z", "length elsewhere");
	json_decref(j);
	/* a lead time is no length */
	j = mail_with("Mon, 4 Jan 2027 09:00:00 +0000", "Ada Brooks <ada.brooks@initech.com>",
	    "Your pairing interview",
	    "Hi Jane,\n\nPlease join 10 minutes early for the pairing interview with Tom Reed.\n\n"
	    "Please bring a laptop.\n\nWhen: Wednesday 13 January 2027, 14:00 UK time\n\nAda\n", &o);
	expect_str(j, "end", NULL, "lead time");
	json_decref(j);
}

/* The last stage of a process in the other languages. */
static void test_final_round_languages(void **state)
{
	static const char *const bodies[] = {
		"Je vous confirme votre entretien le mardi 12 janvier 2027 \xc3\xa0 10h, heure de Paris. "
		"Ce sera le dernier entretien du processus.",
		"Ihr Gespr\xc3\xa4" "ch am Dienstag, 12. Januar 2027 um 10:00 Uhr MEZ ist die letzte Runde.",
		"Te confirmo la entrevista final el martes 12 de enero de 2027 a las 10:00 (hora de Madrid).",
		/* inflected: "zur zweiten und finalen Gesprächsrunde" */
		"Wir laden Sie zur zweiten und finalen Gespr\xc3\xa4\x63hsrunde ein: Dienstag, 12. Januar 2027, "
		"10:00 Uhr MEZ.",
	};
	struct detect_opts o;

	(void)state;
	opts_for_tests(&o);
	for (size_t i = 0; i < ARRAY_LEN(bodies); i++) {
		json_t *j = mail_with("Mon, 4 Jan 2027 09:00:00 +0000", "Ada Brooks <ada.brooks@initech.com>",
		    "Interview", bodies[i], &o);

		if (!json_is_true(json_object_get(j, "final_round")))
			fail_msg("not final: %s", bodies[i]);
		json_decref(j);
	}
	/* an onsite is a stage, not said to be the last: the reference
	 * heads-up waits for a mail that says so */
	{
		json_t *j = mail_with("Mon, 4 Jan 2027 09:00:00 +0000", "Ada Brooks <ada.brooks@initech.com>",
		    "Your onsite interview", "Here is your onsite schedule for Tuesday 12 January 2027, "
		    "10:00 to 14:00 GMT, at our London office.", &o);

		assert_false(json_is_true(json_object_get(j, "final_round")));
		json_decref(j);
	}
	/* a final round that comes only if this one goes well is a later
	 * one ("After the second interview, if successful, the final
	 * interview ... will be held in Tokyo") */
	{
		json_t *j = mail_with("Mon, 4 Jan 2027 09:00:00 +0000", "Ada Brooks <ada.brooks@initech.com>",
		    "Invitation to Second Interview", "We would like to invite you to the second interview "
		    "on Tuesday 12 January 2027 at 10:00 GMT.\n\nAfter the second interview, if successful, "
		    "the final interview with our Executive Officer will be held in Tokyo.", &o);

		assert_false(json_is_true(json_object_get(j, "final_round")));
		json_decref(j);
	}
}

/* The kinds by their idea, in sentences no mail of the sets has: a
 * rejection, an offer in each language; and look-alikes where the idea
 * is not there (a condition, a third person's story, an order, a call
 * offered, a choice still open). */
static const struct {
	const char *kind;
	const char *subject;
	const char *body;
} concept_cases[] = {
	/* Québec's word for an interview */
	{ "interview", "Invitation \xc3\xa0 une entrevue",
	  "Nous aimerions vous rencontrer en entrevue pour le poste d'analyste, le mardi 8 d\xc3\xa9\x63\x65mbre 2026 \xc3\xa0 13 h 30 (heure de l'Est)." },
	/* in a reply to the user's thread, "they" are the panel the writer
	 * speaks for */
	{ "rejection", "Re: Next steps - Data Engineer",
	  "Priya and Tom enjoyed chatting with you. In the end they've decided to go with another candidate who has more hands-on Spark experience." },
	{ "rejection", "Re: Kennenlernen bei Fahrtwind",
	  "Ich mach's kurz: Wir haben uns entschieden, die Stelle mit jemandem zu besetzen, der sofort anfangen kann." },
	{ "rejection", "Your application",
	  "Thank you for interviewing with us for the Data Engineer role. After careful thought we have chosen to proceed with a candidate whose experience is closer to what the team needs." },
	{ "rejection", "Update on your candidacy",
	  "We wanted to let you know that the Platform Engineer position has now been filled." },
	{ "rejection", "Data Engineer",
	  "I am sorry to say we will not be taking your application any further." },
	{ "rejection", "Ihre Bewerbung",
	  "vielen Dank f\xc3\xbcr Ihre Bewerbung als Backend-Entwicklerin. Nach sorgf\xc3\xa4ltiger Pr\xc3\xbc" "fung haben wir uns entschieden, Ihre Bewerbung nicht weiter zu verfolgen." },
	{ "rejection", "Votre candidature",
	  "Merci pour votre temps. Nous avons finalement choisi un autre profil pour ce poste." },
	/* not offering the role, the other candidate chosen */
	{ "rejection", "Senior Manager, Accounting Advisory (Funds) \xe2\x80\x93 outcome",
	  "I'm sorry to tell you that we won't be offering you the Senior Manager role on this "
	  "occasion. In the end the other candidate had more client-facing experience." },
	/* a board's choice after a clause whose "no" is Portuguese "in the" */
	{ "rejection", "Processo de recrutamento \xe2\x80\x93 Enfermeira Gestora",
	  "Informamos que, ap\xc3\xb3s a entrevista realizada no passado dia 2 de dezembro e a "
	  "pondera\xc3\xa7\xc3\xa3o de todas as candidaturas, o j\xc3\xbari decidiu dar continuidade ao "
	  "processo com outra candidata." },
	{ "rejection", "Tu candidatura",
	  "Gracias por participar en el proceso. Hemos decidido seguir adelante con otra persona para el puesto de Ingeniera de Datos." },
	{ "rejection", "Seguimiento a tu proceso",
	  "Despu\xc3\xa9s de revisar todos los perfiles, en esta ocasi\xc3\xb3n decidimos continuar el proceso de Ingeniera de Datos con otra persona." },
	{ "rejection", "Sua candidatura",
	  "Agradecemos o seu interesse. Optamos por seguir com outro candidato para a vaga." },
	{ "rejection", "Je sollicitatie",
	  "Bedankt voor je sollicitatie. We hebben besloten om met een andere kandidaat verder te gaan." },
	{ "rejection", "La sua candidatura",
	  "la ringraziamo per l'interesse. Abbiamo deciso di non procedere con la sua candidatura per la posizione di Data Engineer." },
	{ "rejection", "Twoja kandydatura",
	  "dzi\xc4\x99kujemy za udzia\xc5\x82 w rekrutacji na stanowisko Data Engineer. Postanowili\xc5\x9bmy nie kontynuowa\xc4\x87 procesu z Pani kandydatur\xc4\x85." },
	{ "offer", "Data Engineer",
	  "Congratulations! We are delighted to offer you the Data Engineer position. The contract is attached." },
	{ "offer", "Angebot",
	  "wir freuen uns sehr, Dir die Stelle als Data Engineer anzubieten! Den Vertrag schicke ich Dir morgen." },
	{ "offer", "Proposition",
	  "Nous avons le plaisir de vous proposer le poste de Data Engineer. Vous trouverez le contrat en pi\xc3\xa8" "ce jointe." },
	{ "offer", "Offerta",
	  "siamo lieti di offrirti il ruolo di Data Engineer. In allegato trovi la proposta con lo stipendio." },
	{ "offer", "Oferta",
	  "nos complace ofrecerte el puesto de Ingeniera de Datos. Te adjunto la carta con el salario." },
	{ "offer", "Proposta",
	  "temos o prazer de te fazer uma proposta para a posi\xc3\xa7\xc3\xa3o de Engenheira de Dados." },
	{ "offer", "Aanbod",
	  "met veel plezier bieden we je de functie van Data Engineer aan; het contract volgt morgen." },
	{ "offer", "Oferta pracy",
	  "z przyjemno\xc5\x9b" "ci\xc4\x85 przedstawiamy Pani ofert\xc4\x99 na stanowisko Data Engineer wraz z wynagrodzeniem." },
	/* asked to confirm the time given is no ask for times; asked for
	 * times is */
	{ "interview", "Interview Schedule || Data Engineer || Round 1",
	  "We would like to schedule your Round 1 technical discussion for the Data Engineer role on "
	  "Tuesday 15 December 2026 at 11 AM GMT.\nKindly confirm your availability at the earliest." },
	{ "other", "Data Engineer - next step",
	  "We would like to schedule a technical discussion for the Data Engineer role. "
	  "Please send me your availability for next week." },
	{ "rejection", "Backend role",
	  "We've decided to pass on your application this time." },
	/* a customer's research session and a mock interview the user gives
	 * are no interviews of hers; someone "had to cancel" */
	{ "other", "You're booked: Moedas user interview on Thursday 3 December",
	  "Your user interview is confirmed: Thursday 3 December 2026, 16:00 (Lisbon time), 45 minutes, with "
	  "Rafael Costa, UX Researcher. As a thank-you, you'll receive a gift card after the session." },
	{ "other", "Noite de Simula\xc3\xa7\xc3\xa3o de Entrevistas",
	  "Obrigado por te inscreveres como entrevistadora volunt\xc3\xa1ria na Noite de Simula\xc3\xa7\xc3\xa3o de "
	  "Entrevistas! Quando: quinta-feira, 17 de dezembro de 2026, das 18h30 \xc3\xa0s 21h00." },
	{ "cancel", "Re: Entrevista con Quillmate - Senior Backend Engineer",
	  "Te escribo con una mala noticia: Ryan tuvo que cancelar la entrevista del lunes 7 de diciembre a las "
	  "11 hs (hora Argentina)." },
	/* "thanks for your availability" asks for nothing, an honorific's dot
	 * ending no sentence */
	{ "update", "RE: Entrevista \xe2\x80\x93 Engenheira de Software S\xc3\xa9nior",
	  "Agradecemos, em nome do Eng. Rui Tavares e no meu, a sua disponibilidade e a conversa de ontem. "
	  "Contamos comunicar-lhe uma decis\xc3\xa3o at\xc3\xa9 ao final da pr\xc3\xb3xima semana." },
	/* a Portuguese offer: pleasure, a proposal, the job's function */
	{ "offer", "Proposta de colabora\xc3\xa7\xc3\xa3o \xe2\x80\x93 Engenheira de Software",
	  "Na sequ\xc3\xaancia do processo de recrutamento para a fun\xc3\xa7\xc3\xa3o de Engenheira de Software "
	  "S\xc3\xa9nior, \xc3\xa9 com muito gosto que lhe apresentamos a nossa proposta de colabora\xc3\xa7\xc3\xa3o." },
	/* the user asking someone about their field */
	{ "other", "Informational interview? (CU alum, data eng)",
	  "Of course! We're not hiring right now, but how about coffee on Wednesday 12/9 at 7:30am?" },
	/* a coach's mock interview, however it is worded, is a rehearsal */
	{ "other", "Confirmed: Mock Technical Interview with Dana Whitaker on Monday, December 7, 2026",
	  "A new event has been scheduled. Event Type: Mock Technical Interview (60 min). "
	  "Event Date/Time: 7:00pm - 8:00pm (Eastern Time - US & Canada) on Monday, December 7, 2026. "
	  "Dana will run a realistic 45-minute interview followed by 15 minutes of feedback." },
	{ "other", "Practice behavioural interview on Thursday",
	  "Happy to help you prepare! Let's do the practice behavioural interview on Thursday, "
	  "10 December 2026 at 18:00 Toronto time over Zoom. I'll play the hiring manager." },
	/* a radio programme's live interview is the press's */
	{ "other", "Interview confirmation: Tech Tonight - Thursday 3 Dec",
	  "Thanks so much for agreeing to be interviewed on Tech Tonight! Date: Thursday, 3 December 2026, "
	  "19h10 - 19h25, live. Our host Karabo Dube will ask about your career path. Regards, Bongani, Producer" },
	/* Hindi's "agar" ("if") makes a move a way out, not a move */
	{ "interview", "Interview scheduled - Senior Backend Engineer | Kitebyte",
	  "Aapka technical round schedule ho gaya hai for the Senior Backend Engineer position: Friday, "
	  "11 Dec 2026, 3:30 PM IST. Agar time suit nahi karta toh bata dena, hum reschedule kar lenge." },
	/* a new slot given is a move */
	{ "update", "Re: Interview Scheduled || Analytics Manager",
	  "Sorry for the short notice, we need to shift things.\n\nNew slot:\nDate: Thursday, 10th December 2026\n"
	  "Time: 3:00 PM IST\nDuration: 45 mins (same as before)" },
	/* the passive of calling off, in the languages read */
	{ "cancel", "RE: Convite para entrevista",
	  "Lamentamos informar que a entrevista agendada para quinta-feira, 3 de Dezembro, \xc3\xa0s 9h30, foi "
	  "cancelada devido a uma reestrutura\xc3\xa7\xc3\xa3o interna." },
	{ "cancel", "AW: Einladung zum Gespr\xc3\xa4\x63h",
	  "Das Vorstellungsgespr\xc3\xa4\x63h am Donnerstag wurde abgesagt, da die Stelle neu bewertet wird." },
	/* "they" after the company's choice is the one chosen, not a third
	 * party choosing */
	{ "rejection", "Staff Analytics Engineer - thank you",
	  "After a lot of back and forth, though, we've decided to go ahead with another candidate for the "
	  "Staff Analytics Engineer role, mostly because they overlap more with our US hours." },
	{ "rejection", "Backend Engineer",
	  "After a lot of discussion we don't think it's the right fit for the Backend Engineer role right now." },
	{ "rejection", "Backend Engineer",
	  "The hiring team has decided to move ahead with candidates whose experience more closely matches the role." },
	{ "rejection", "Deine Bewerbung",
	  "wir haben die Stelle inzwischen anderweitig besetzt." },
	{ "rejection", "Ta candidature",
	  "on a d\xc3\xa9" "cid\xc3\xa9 de continuer avec une autre personne pour le poste, d\xc3\xa9sol\xc3\xa9 !" },
	{ "rejection", "Candidatura",
	  "queremos informar que o processo para a vaga foi encerrado e seguimos com outra pessoa." },
	{ "other", "News",
	  "Sam told me they offered the job to someone else, poor guy." },
	{ "offer", "Propuesta",
	  "\xc2\xa1" "Enhorabuena! Queremos hacerte una oferta para el puesto de Ingeniera Backend; te adjunto la propuesta econ\xc3\xb3mica." },
	{ "cancel", "Termin",
	  "leider m\xc3\xbcssen wir unser Gespr\xc3\xa4" "ch am Donnerstag, 10. Dezember um 14 Uhr absagen, da die Stelle gestrichen wurde." },
	{ "other", "Feedback",
	  "We would like to offer some feedback on the role, if that helps." },
	{ "other", "Your interview",
	  "If you need to cancel your interview, just reply to this mail." },
	{ "other", "Risposta automatica: colloquio del 14 dicembre",
	  "Sono fuori ufficio fino al 14 dicembre alle 9:00, con accesso limitato alla posta." },
	{ "other", "Neue Jobs",
	  "Hier sind neue Jobs f\xc3\xbcr dich: Backend-Entwicklerin in Berlin, Vorstellungsgespr\xc3\xa4" "ch am Donnerstag, 10. Dezember um 14 Uhr m\xc3\xb6glich." },
	{ "other", "Kandydatka",
	  "Prosz\xc4\x99 oceni\xc4\x87 kandydatk\xc4\x99 po rozmowie kwalifikacyjnej w czwartek 10 grudnia o 14:00; arkusz oceny w za\xc5\x82\xc4\x85" "czniku." },
	{ "other", "Catching up",
	  "Remember my friend Tom? They went with someone else for his job in the end, he is gutted." },
	{ "other", "Your application",
	  "Don't forget to continue your application: you can save your progress and come back later." },
	{ "other", "Your application",
	  "If we decide not to move forward with your application, we will let you know by email." },
	{ "other", "Next steps",
	  "We are happy to offer you a call with our CTO to discuss the role next week. What times work for you?" },
	{ "other", "House",
	  "We decided not to move forward with the house purchase after all." },
	{ "other", "Shortlist",
	  "We may go with another candidate who applied earlier; nothing is decided yet." },
	/* issue 12, set 5's principles in other words: another one chosen,
	 * in any inflection, a person or a direction; a "they" right after
	 * the company's panel; a no that names the job without job words */
	{ "rejection", "Quick update",
	  "Thanks again for Tuesday. We've decided to go in a different direction for the data analyst spot." },
	{ "rejection", "Update",
	  "The hiring panel met yesterday to compare notes. In the end they picked a candidate with more retail experience." },
	{ "rejection", "Rekrutacja",
	  "Dzi\xc4\x99kujemy za rozmow\xc4\x99. Postanowili\xc5\x9bmy p\xc3\xb3j\xc5\x9b\xc4\x87 dalej z innym kandydatem na stanowisko Analityka." },
	{ "rejection", "Din ans\xc3\xb6kan",
	  "Tack f\xc3\xb6r samtalet. Vi har valt en annan person f\xc3\xb6r tj\xc3\xa4nsten." },
	{ "rejection", "Your application",
	  "We offered the role to another candidate this week." },
	{ "other", "Weekend",
	  "We've gone another way with the kitchen in the end: new tiles arrive Monday." },
	{ "other", "Catching up",
	  "My interview panel met on Monday. They chose someone else in the end, so back to the job boards." },
	/* a way to move the time offered to the reader is no move; a visit
	 * set by a person is a conversation; a move in Swedish */
	{ "interview", "Your interview",
	  "Your interview for the analyst role is booked for Monday 11 January 2027 at 10:00. Want to change it? Reply CHANGE and we will find you a new time." },
	{ "update", "Your interview",
	  "We have moved your interview for the analyst role to Tuesday 12 January 2027 at 15:00, as the panel is travelling." },
	{ "interview", "Friday",
	  "Good to hear Sam enjoyed meeting you. Let's do Friday 15 January 2027 at 10:00 - come by the office and we can go through the analyst role together." },
	{ "update", "Ny tid",
	  "Vi flyttar intervjun f\xc3\xb6r tj\xc3\xa4nsten till torsdag 14 januari 2027 kl. 10.00 (svensk tid)." },
	{ "interview", "Jobsamtale",
	  "Vi har booket en jobsamtale med dig mandag den 11. januar 2027 kl. 14.00 om stillingen." },
	{ "interview", "Pohovor",
	  "Potvrzujeme pohovor na pozici analytika v p\xc3\xa1tek 15. ledna 2027 v 10:00." },
	/* an offer to the user wins over a no to another role; the terms
	 * summed up after a call are an offer; a recruiter's pitch is not */
	{ "offer", "Lead Analyst - and another idea",
	  "We won't be taking your application for the Lead Analyst role further, but we would love to offer you the Senior Analyst position instead. Your offer letter follows." },
	{ "offer", "Following up",
	  "Great to speak earlier! To recap what we discussed:\n\nSalary: EUR 70,000 a year\nStart date: 1 March\n\nThe contract will follow from HR tomorrow." },
	{ "other", "A role for you",
	  "I have a contract role that may suit you.\n\nSalary: GBP 80,000\nStart date: ASAP\n\nWould you be open to hearing more?" },
	{ "offer", "Tilbud",
	  "Vi er glade for at kunne tilbyde dig stillingen som dataanalytiker hos os." },
	/* a call the writer put in their calendar is set */
	{ "interview", "Analyst role - a quick call",
	  "Sam passed me your CV for the analyst role. I have put Thursday 10 December at 4pm UK time on my calendar for a 20-minute phone call." },
	/* the host of a call pushes it, in a reply */
	{ "update", "Re: Quick call about the analyst role",
	  "Something came up - I need to push us to 2:30 tomorrow, same number. Sorry!" },
	/* a move said in Spanish in the first person plural, in Hindi-English */
	{ "update", "Re: Entrevista",
	  "Hemos movido tu entrevista t\xc3\xa9" "cnica al jueves 14 de enero de 2027 a las 11:00." },
	{ "update", "Re: Interview",
	  "Aapka interview ab Thursday, 14th Jan 2027 ko 11 AM pe shift kar diya hai." },
};

/* Replies in a job thread (In-Reply-To, "Re:"), in words no set has: the
 * newest words take up one time (an interview), offer slots on several
 * days to choose from (nothing scheduled), or fix nothing (a reply). */
static const struct {
	const char *kind, *start, *body;
} thread_cases[] = {
	{ "interview", "2027-01-15T11:00:00Z",
	  "Friday the 15th at 11:00 works for us - Priya and I will ring you on your mobile." },
	{ "interview", "2027-01-13T14:00:00Z",
	  "Lovely, Wed 13/1 at 2pm it is. I have put it in the diary for the two of us." },
	{ "other", NULL,
	  "Happy to set this up. The team could do Tuesday 12 January at 10:00 or Thursday 14 January at 15:00 (or if neither suits, tell me). Which would you prefer?" },
	/* an answer to the user's mail is a reply, whatever date it gives */
	{ "reply", NULL,
	  "Thanks Jane, lovely to hear from you. I will be in touch next week." },
	/* the newest words confirm, the time is the user's quoted proposal */
	{ "interview", "2027-01-11T09:00:00Z",
	  "Perfect, that's confirmed - Priya will call you then about the analyst role." },
	{ "reply", NULL,
	  "Thanks - I have confirmed receipt of your documents and will be in touch." },
	/* a move asked with its new time: an update, the time not agreed
	 * yet (test_proposed_move); a question that moves nothing is no time */
	{ "update", "2027-01-13T15:00:00Z",
	  "Priya has been pulled into a board meeting. Could we move the interview to Wednesday 13 January at 15:00?" },
	{ "reply", NULL,
	  "Thanks Jane. Could you also send me your notice period by Wednesday 13 January at 15:00?" },
};

/* European Portuguese: a reply agreeing a time ("Combinado: amanhã às
 * 11h"), its attribution "No dia ..., X escreveu:" cut with the quote,
 * "vai estar também a Leonor Ramalho": she and the writer. */
static void test_portuguese_reply(void **state)
{
	struct detect_opts o;
	json_t *j;

	(void)state;
	opts_for_tests(&o);
	j = reply_with("Wed, 2 Dec 2026 18:20:00 +0000", "Henrique Sa <henrique@brumalabs.example>",
	    "Re: Lead Engineer na Bruma Labs",
	    "Ol\xc3\xa1 Jane,\n\nCombinado: amanh\xc3\xa3 \xc3\xa0s 11h, por videochamada. Vai estar tamb\xc3\xa9m a "
	    "Leonor Ramalho, a nossa head of product. Deve demorar cerca de uma hora.\n\nAbra\xc3\xa7o,\nHenrique\n\n"
	    "No dia qua., 2/12/2026 \xc3\xa0s 14:02, Jane Doe <jane.doe@example.net> escreveu:\n"
	    "> Amanh\xc3\xa3 de manh\xc3\xa3 d\xc3\xa1-me jeito, a partir das 10h.\n", &o);
	expect_str(j, "kind", "interview", "agreed in a reply");
	expect_str(j, "start", "2026-12-03T11:00:00Z", "amanhã às 11h");
	expect_people(j, "henrique sa|henrique@brumalabs.example;leonor ramalho|;");
	json_decref(j);
}

/* A move asked in a question is read with its doubt: auto mode holds what
 * is planned from it until the new time is agreed. */
static void test_proposed_move(void **state)
{
	struct detect_opts o;
	json_t *j;

	(void)state;
	opts_for_tests(&o);
	j = reply_with("Wed, 2 Dec 2026 11:30:05 +0100", "Lena Brandt <lena.brandt@nordlicht.example>",
	    "AW: Einladung zum Kennenlerngespr\xc3\xa4\x63h - Data Engineer",
	    "Hallo Frau Doe,\n\nleider muss Herr K\xc3\xb6hler am 8. Dezember nach Hamburg. W\xc3\xa4re es f\xc3\xbcr "
	    "Sie in Ordnung, unser Gespr\xc3\xa4\x63h auf Mittwoch, den 9. Dezember, um 9:00 Uhr MEZ zu verschieben?\n\n"
	    "Viele Gr\xc3\xbc\xc3\x9f\x65\nLena Brandt\n", &o);
	expect_str(j, "kind", "update", "a move asked");
	expect_str(j, "start", "2026-12-09T08:00:00Z", "the time asked for");
	expect_str(j, "confidence", "low", "not agreed yet");
	{
		char *r = json_dumps(json_object_get(j, "reasons"), 0);

		assert_non_null(strstr(r, "not yet agreed"));
		free(r);
	}
	json_decref(j);

	/* the old time named first, the new one on a line labelled so */
	j = mail_with("Tue, 24 Nov 2026 08:02:11 +0100", "Lea Brandt <lea.brandt@kesselwerk.example>",
	    "Terminverschiebung: Ihr Vorstellungsgespr\xc3\xa4\x63h",
	    "Sehr geehrte Frau Doe,\n\nleider muss ich unseren Termin f\xc3\xbcr Ihr Vorstellungsgespr\xc3\xa4\x63h am "
	    "Donnerstag, 26.11.2026, 14:00 Uhr verschieben.\n\nNeuer Termin: Freitag, 27.11.2026, 09:30 \xe2\x80\x93 "
	    "10:30 Uhr\nOrt: weiterhin Microsoft Teams\n\nLea Brandt\n", &o);
	expect_str(j, "kind", "update", "a move");
	expect_str(j, "start", "2026-11-27T09:30:00Z", "the new time, labelled so");
	json_decref(j);
}

/* A plain-text schedule, columns aligned with spaces, under a paragraph
 * that names the day: the first row's start, the last row's end. */
static void test_text_schedule(void **state)
{
	struct detect_opts o;
	json_t *j;

	(void)state;
	opts_for_tests(&o);
	j = mail_with("Mon, 4 Jan 2027 09:00:00 +0000", "Ada Brooks <ada.brooks@initech.com>",
	    "Your interview day",
	    "Hi Jane,\n\nHere is your interview day for the analyst role on Wednesday 13 January\n"
	    "at our Leeds office. All times UK.\n\n"
	    "  When            What               Who\n"
	    "  10:00 - 10:45   Case study         Priya Shah\n"
	    "  11:00 - 11:30   Meet the team      Tom Reed\n\nAda\n", &o);
	expect_str(j, "kind", "interview", "text schedule");
	expect_str(j, "start", "2027-01-13T10:00:00Z", "text schedule");
	expect_str(j, "end", "2027-01-13T11:30:00Z", "text schedule");
	/* the people of the "Who" column, past the session's title */
	expect_people(j, "priya shah|;tom reed|;");
	json_decref(j);
}

static void test_thread_replies(void **state)
{
	struct detect_opts o;

	(void)state;
	opts_for_tests(&o);
	for (size_t i = 0; i < ARRAY_LEN(thread_cases); i++) {
		char *body = xasprintf("Hi Jane,\n\n%s\n\nAda", thread_cases[i].body);
		json_t *j = quoting_reply("Mon, 4 Jan 2027 09:00:00 +0000", "Ada Brooks <ada.brooks@initech.com>",
		    "Re: Analyst position", body, "On Sun, 3 Jan 2027 at 18:00, Jane Doe "
		    "<jane.doe@example.net> wrote:\n> Monday 11 January at 09:00 would suit me well.\n", &o);

		expect_str(j, "kind", thread_cases[i].kind, thread_cases[i].body);
		expect_str(j, "start", thread_cases[i].start, thread_cases[i].body);
		json_decref(j);
		free(body);
	}
}

/* A hiring system's mail from the employer's name, Reply-To a person's
 * bare address: the contact is the person ("Alex Morgan"), never the
 * company's name, which a nudge would greet ("Hi Ridgeline"). */
static void test_reply_to_contact(void **state)
{
	struct detect_opts o;
	const char *raw = "Date: Mon, 30 Nov 2026 09:00:00 -0500\r\n"
	    "From: \"Ridgeline Analytics\" <scheduling@mail.goodtime.io>\r\n"
	    "Reply-To: alex.morgan@ridgeline.example\r\n"
	    "To: Jane Doe <jane.doe@example.net>\r\nSubject: Interview Confirmation - Data Engineer\r\n"
	    "Message-ID: <g@goodtime.io>\r\nMIME-Version: 1.0\r\n"
	    "Content-Type: text/plain; charset=utf-8\r\n\r\n"
	    "Hi Jane,\n\nYour interview for the Data Engineer role is confirmed for Thursday, "
	    "December 10, 2026 at 10:00 AM ET.\n";
	json_t *j;

	(void)state;
	opts_for_tests(&o);
	j = detect_raw(raw, strlen(raw), &o, true);
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "contact"),
	    "name")), "Alex Morgan");
	json_decref(j);
}

/* An agency forwards the client's mail the Outlook way (its header block
 * alone, no mark): the client's writer who says "it'll be me and David
 * Osei" interviews; the agent who will "ring you Monday to prep" does not,
 * the mail naming others who do. */
static void test_outlook_forward(void **state)
{
	struct detect_opts o;
	const char *raw = "Date: Thu, 03 Dec 2026 12:20:09 +0000\r\n"
	    "From: Rob Kettering <rob.kettering@harringtontech.example>\r\n"
	    "To: Jane Doe <jane.doe@example.net>\r\nSubject: FW: Interview - Senior Platform Engineer\r\n"
	    "Message-ID: <f@harringtontech.example>\r\nMIME-Version: 1.0\r\n"
	    "Content-Type: text/plain; charset=utf-8\r\n\r\n"
	    "Hi Jane,\n\nGreat news, Fenwick want to meet you: Tuesday 15 December, 10am GMT, "
	    "an hour on Teams. Good luck, I'll ring you Monday to prep.\n\nRob\n\n"
	    "From: Helen Cartwright <h.cartwright@fenwickmarkets.example>\n"
	    "Sent: 03 December 2026 11:02\nTo: Rob Kettering <rob.kettering@harringtontech.example>\n"
	    "Subject: Interview - Senior Platform Engineer\n\n"
	    "Hi Rob,\n\nWe'd like to meet Jane. It'll be me and David Osei (Lead SRE).\n\nHelen\n";
	json_t *j;

	(void)state;
	opts_for_tests(&o);
	j = detect_raw(raw, strlen(raw), &o, true);
	expect_people(j, "david osei|;helen cartwright|h.cartwright@fenwickmarkets.example;");
	json_decref(j);

	/* Outlook's forwarded appointment: the client's company as written
	 * in full ("capeatlanticre": Cape Atlantic Reinsurance), its writer
	 * "with myself and" a colleague */
	raw = "Date: Fri, 04 Dec 2026 07:30:19 +0000\r\n"
	    "From: Priya Naidoo <priya.naidoo@sableandsage.example>\r\n"
	    "To: Jane Doe <jane.doe@example.net>\r\nSubject: FW: Interview: Jane Doe - Principal Data Engineer\r\n"
	    "Message-ID: <g@sableandsage.example>\r\nMIME-Version: 1.0\r\n"
	    "Content-Type: text/plain; charset=utf-8\r\n\r\n"
	    "Hi Jane,\n\nGreat news - Cape Atlantic have confirmed, see Grant's invite below.\n\nPriya\n\n"
	    "Priya Naidoo\nDirector | Sable & Sage Executive Search\n\n"
	    "-----Original Appointment-----\nFrom: Grant Fourie <grant.fourie@capeatlanticre.example>\n"
	    "Sent: Thursday, 03 December 2026 16:55\nTo: Priya Naidoo\n"
	    "Subject: Interview: Jane Doe - Principal Data Engineer\n"
	    "When: Friday, 11 December 2026 10:00-11:00 (UTC+02:00) Harare, Pretoria.\n\n"
	    "Hi Priya,\n\nThis is the slot for Jane's interview for the Principal Data Engineer role with "
	    "myself and Nadia Hendricks (Head of Actuarial Systems).\n\nGrant\n\n"
	    "Grant Fourie | Chief Technology Officer\nCape Atlantic Reinsurance | Century City, Cape Town\n";
	j = detect_raw(raw, strlen(raw), &o, true);
	expect_str(j, "company", "Cape Atlantic Reinsurance", "a forwarded appointment");
	expect_people(j, "grant fourie|grant.fourie@capeatlanticre.example;nadia hendricks|;");
	json_decref(j);
}

/* A reply's subject is its thread's: its time is the old one.  News with
 * none in the newest words is no interview; a move in them is an update. */
static void test_reply_subject_time(void **state)
{
	static const struct { const char *body, *kind, *start; } cases[] = {
		{ "They really liked you! Greg committed to a decision by Wednesday Dec 9 at the latest.",
		  "update", NULL },
		{ "Greg got pulled into a board prep thing Monday. Client moved you to Tue Dec 1, same "
		  "time (2pm ET), same place. Works?", "update", "2026-12-01T19:00:00Z" },
	};
	struct detect_opts o;

	(void)state;
	opts_for_tests(&o);
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char *raw = xasprintf("Date: Fri, 27 Nov 2026 12:06:44 -0500\r\n"
		    "From: Connor MacLeod <connor@northbridge.example>\r\n"
		    "To: Jane Doe <jane.doe@example.net>\r\n"
		    "Subject: Re: Halcyon Mutual - Lead Data Engineer interview Mon 2pm\r\n"
		    "Message-ID: <r2@northbridge.example>\r\nIn-Reply-To: <r1@northbridge.example>\r\n"
		    "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
		    "Hi Jane,\n\n%s\n\nConnor\n", cases[i].body);
		json_t *j = detect_raw(raw, strlen(raw), &o, true);

		expect_str(j, "kind", cases[i].kind, cases[i].body);
		expect_str(j, "start", cases[i].start, cases[i].body);
		json_decref(j);
		free(raw);
	}
}

/* The person before "ruft Sie an", past a bracket and an honorific. */
static void test_caller_before(void **state)
{
	struct detect_opts o;
	json_t *j;

	(void)state;
	opts_for_tests(&o);
	j = mail_with("Thu, 3 Dec 2026 10:00:00 +0100", "Nina Marquardt <n.marquardt@personal.example>",
	    "Telefoninterview morgen",
	    "Hallo Frau Doe,\n\nich best\xc3\xa4tige Ihnen das Telefoninterview morgen um 11 Uhr MEZ. "
	    "Herr Emre Kaya (Teamleiter Backend) ruft Sie direkt an. Er legt viel Wert auf "
	    "Erfahrung mit Spring Boot, Kafka und sauberem API-Design.\n\nNina Marquardt\n", &o);
	expect_people(j, "emre kaya|;");
	json_decref(j);
	/* The dative "Herrn" is an honorific too. */
	j = mail_with("Tue, 15 Dec 2026 15:12:33 +0100", "Patricia Vuilleumier <p.vuilleumier@seeland.example>",
	    "Referenzen \xe2\x80\x93 Senior Software Engineer Payments",
	    "Gr\xc3\xbc" "ezi Frau Doe\n\nHerzlichen Dank f\xc3\xbcr die Gespr\xc3\xa4\x63he mit Herrn Adrian Kunz und Frau Lea Tschanz. "
	    "Wir m\xc3\xb6\x63hten gerne den n\xc3\xa4\x63hsten Schritt f\xc3\xbcr die Stelle gehen. "
	    "Dazu bitten wir Sie, uns zwei Referenzpersonen mit Telefonnummer zuzustellen. "
	    "Wir melden uns voraussichtlich bis am 8. Januar 2027.\n\nPatricia Vuilleumier\n", &o);
	expect_people(j, "adrian kunz|;lea tschanz|;");
	json_decref(j);
	/* Military times as spans in a schedule's rows, a dash before each
	 * item, under the day they take ("Tuesday 12/22:"), though the mail
	 * names another day before ("coming in on Tuesday"); a plan's years
	 * are no span */
	j = mail_with("Fri, 11 Dec 2026 19:54:39 +0000", "Theresa Lo <theresa.lo@quincybay.example>",
	    "Next step - 4 West shadow experience 12/22",
	    "Hi Jane,\n\nThanks again for coming in on Tuesday - the panel really enjoyed meeting you. "
	    "The next step for the Nurse Manager position is a shadow experience on the unit. It's part "
	    "of the interview. It follows our 2025-2030 nursing strategic plan.\n\nTuesday 12/22:\n\n"
	    "  0730-1030 - Shadow with Nikki Barros, RN\n  1100-1130 - Debrief with me\n\nTheresa\n", &o);
	expect_str(j, "kind", "interview", "military spans");
	expect_str(j, "start", "2026-12-22T07:30:00Z", "military spans");
	expect_str(j, "end", "2026-12-22T11:30:00Z", "military spans");
	json_decref(j);
	/* A recruiter's confirmation that names the round, not the word
	 * "interview", with an agency's footer that offers "UNSUBSCRIBE" */
	j = mail_with("Thu, 10 Dec 2026 17:21:09 +0000", "Ciaran Sullivan <ciaran.osullivan@harcourtfinance.example>",
	    "Shannonside Aviation Capital - 1st interview confirmed!",
	    "Hi Jane,\n\nGreat news \xe2\x80\x93 Shannonside Aviation Capital would like to meet you for the "
	    "Group Reporting Manager role!\n\nI've confirmed you in for the first round next Tuesday, the "
	    "15th, at half two in their office. It's with Conor Deasy (Financial Controller).\n\nCiaran\n\n"
	    "Harcourt Finance Recruitment Ltd is licensed under the Employment Agency Act 1971. We process "
	    "candidate personal data in line with the GDPR. If you no longer wish to hear from us, reply "
	    "UNSUBSCRIBE.\n", &o);
	expect_str(j, "kind", "interview", "the first round");
	expect_str(j, "start", "2026-12-15T14:30:00Z", "half two");
	json_decref(j);
	/* A move whose old time "has been cancelled" is a move */
	j = mail_with("Tue, 15 Dec 2026 08:03:00 +0000", "Olivia at Ardmore Life Sciences <olivia@paradox.ai>",
	    "Your interview has been rescheduled",
	    "Hi Jane!\n\nYour interview for Group Reporting Manager has been rescheduled.\n\nNew interview "
	    "details:\nDate: Tuesday, January 5, 2027\nTime: 11:30 AM - 12:15 PM (GMT)\nInterviewer: Ciara "
	    "Nolan\n\nYour previous time of Wed, Dec 16 at 3:00 PM has been cancelled.\n\nOlivia\n", &o);
	expect_str(j, "kind", "update", "the old time cancelled");
	expect_str(j, "start", "2027-01-05T11:30:00Z", "the old time cancelled");
	json_decref(j);
	/* A call whose time is said as a fact is set */
	j = mail_with("Wed, 09 Dec 2026 14:05:11 +0000", "Dana Whitfield <dana.whitfield@capehh.example>",
	    "First-round conversation",
	    "Hi Jane,\n\nYour call with Dana Whitfield about the Director of Clinical Services role is on "
	    "Friday 11 December 2026 at 10:00 AM Eastern.\n\nDana\n", &o);
	expect_str(j, "kind", "interview", "a call said as a fact");
	expect_str(j, "start", "2026-12-11T15:00:00Z", "a call said as a fact");
	json_decref(j);
	/* A hospital's services are no people ("Evergreen Hospice &
	 * Palliative Care"), a dean's title no part of her name */
	j = mail_with("Wed, 09 Dec 2026 14:05:11 +0000", "Beth Sullivan <beth.sullivan@fenwaynursing.example>",
	    "Interview schedule - Clinical Nurse Manager",
	    "Dear Jane,\n\nYour interview for the Clinical Nurse Manager position is on Thursday, "
	    "December 17, 2026 at 1:00 p.m. Eastern.\n\n"
	    "  1:00 - 1:30 p.m.   Welcome and conversation with Dean Margaret Hollis, PhD, RN\n"
	    "  1:30 - 2:30 p.m.   Panel with Gwen Sutherland and Rodrigo Sampaio (Joint Commission readiness)\n"
	    "  2:30 - 3:00 p.m.   Tour with Evergreen Hospice & Palliative Care liaison staff\n\nBeth Sullivan\n", &o);
	expect_people(j, "gwen sutherland|;margaret hollis|;rodrigo sampaio|;");
	json_decref(j);
	/* A committee's members after its chair, between semicolons; a
	 * range's start takes the end's half of the day, no guess */
	j = mail_with("Fri, 11 Dec 2026 11:19:26 -0500", "Beth Sullivan <beth.sullivan@fenwaynursing.example>",
	    "Interview schedule - Faculty",
	    "Dear Jane,\n\nYour interview for the Clinical Faculty position is on Wednesday, January 13, "
	    "2027, 2:45 - 3:30 p.m. Eastern, with the Faculty Search Committee (Dr. Patricia Nwosu, chair; "
	    "Dr. Ana Ruiz; Prof. James Whitcomb).\n\nBeth Sullivan\n", &o);
	expect_people(j, "ana ruiz|;james whitcomb|;patricia nwosu|;");
	expect_str(j, "start", "2027-01-13T19:45:00Z", "a shared p.m.");
	{
		const json_t *rs = json_object_get(j, "reasons");

		for (size_t k = 0; k < json_array_size(rs); k++)
			if (strstr(json_string_value(json_array_get(rs, k)), "half of the day") != NULL)
				fail_msg("a shared p.m. guessed: %s", json_string_value(json_array_get(rs, k)));
	}
	json_decref(j);
	/* An organisation is no person, by its last word in any language
	 * ("Meseta Seguros", the user's employer, after "con nadie de"). */
	j = mail_with("Mon, 14 Dec 2026 10:09:14 +0100", "Raquel Benito <raquel.benito@lince.example>",
	    "Referencias - proceso Senior Data Scientist (Lince Log\xc3\xadstica)",
	    "Hola Jane:\n\nGracias de nuevo por tu tiempo en la entrevista del jueves pasado. "
	    "Antes de tomar la decisi\xc3\xb3n, nos gustar\xc3\xad\x61 hablar con un par de referencias. "
	    "Por supuesto, no contactaremos con nadie de Meseta Seguros sin que nos des permiso "
	    "expreso.\n\nRaquel Benito\n", &o);
	expect_people(j, "");
	json_decref(j);
}

/* A panel as a bulleted list under its label, an honorific at a line's
 * start, a title with small words after each name ("Head of
 * Engineering"), a German title ("Teamleiter Plattform"). */
static void test_panel_bullets(void **state)
{
	struct detect_opts o;
	json_t *j;

	(void)state;
	opts_for_tests(&o);
	j = mail_with("Fri, 20 Nov 2026 10:00:00 +0100", "Lea Brandt <lea.brandt@kesselwerk.example>",
	    "Einladung zum Vorstellungsgespr\xc3\xa4\x63h",
	    "Sehr geehrte Frau Doe,\n\nwir laden Sie zu einem Vorstellungsgespr\xc3\xa4\x63h ein.\n\n"
	    "Datum: Donnerstag, 26.11.2026\nUhrzeit: 14:00 - 15:00 Uhr MEZ\n"
	    "Ihre Gespr\xc3\xa4\x63hspartner:\n- Dr. Sabine Hartl, Head of Engineering\n"
	    "- Jonas Petrovi\xc4\x87, Teamleiter Plattform\n\nLea Brandt\n", &o);
	expect_people(j, "jonas petrovi\xc4\x87|;sabine hartl|;");
	json_decref(j);
}

/* An event with a ticket, published to its audience, is no interview,
 * whatever it is about ("Interviewing 101"). */
static void test_ticketed_event(void **state)
{
	struct detect_opts o;
	const char *raw = "Date: Tue, 01 Dec 2026 07:01:01 -0500\r\n"
	    "From: Eventbrite <noreply@order.eventbrite.com>\r\n"
	    "To: Jane Doe <jane.doe@example.net>\r\n"
	    "Subject: Your tickets for Interviewing 101: How to Ace the Data Interview\r\n"
	    "Message-ID: <t@eventbrite.com>\r\nMIME-Version: 1.0\r\n"
	    "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
	    "--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
	    "You're going to Interviewing 101! Order #1180 - 1 x General Admission.\r\n"
	    "--b\r\nContent-Type: text/calendar; charset=utf-8; method=PUBLISH\r\n\r\n"
	    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Eventbrite//EN\r\nMETHOD:PUBLISH\r\n"
	    "BEGIN:VEVENT\r\nUID:ev1@eventbrite.com\r\nDTSTAMP:20261201T120000Z\r\n"
	    "DTSTART:20261208T230000Z\r\nDTEND:20261209T010000Z\r\n"
	    "SUMMARY:Interviewing 101: How to Ace the Data Interview\r\n"
	    "ORGANIZER;CN=Toronto Women in Data:mailto:events@twid.example\r\n"
	    "END:VEVENT\r\nEND:VCALENDAR\r\n--b--\r\n";
	char *reg;
	json_t *j;

	(void)state;
	opts_for_tests(&o);
	j = detect_raw(raw, strlen(raw), &o, true);
	expect_str(j, "kind", "other", "ticketed event");
	json_decref(j);
	/* no ticket, no footer: the text says it is a registration */
	reg = xasprintf("%.*sThank you for registering for the live walkthrough. You can cancel your "
	    "registration at any time.\r\n%s", (int)(strstr(raw, "You're going") - raw), raw,
	    strstr(raw, "--b\r\nContent-Type: text/calendar"));
	j = detect_raw(reg, strlen(reg), &o, true);
	expect_str(j, "kind", "other", "registered event");
	json_decref(j);
	free(reg);
}

/* A hiring system's invite organised by the recruiter, whose text names
 * the interviewer: the recruiter, whose signature ends in the company's
 * name right before the address, is not seated ("Northwind Pay" is the
 * organisation that address belongs to, no person named by it). */
static void test_organisation_before_address(void **state)
{
	struct detect_opts o;
	const char *raw = "Date: Tue, 01 Dec 2026 15:14:22 +0000\r\n"
	    "From: Northwind Pay <no-reply@us.greenhouse-mail.io>\r\n"
	    "Reply-To: Jordan Blake <jordan.blake@northwindpay.example>\r\n"
	    "To: Jane Doe <jane.doe@example.net>\r\n"
	    "Subject: Interview Confirmation: Senior Data Engineer at Northwind Pay\r\n"
	    "Message-ID: <t@greenhouse.io>\r\nMIME-Version: 1.0\r\n"
	    "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
	    "--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
	    "Hi Jane,\r\n\r\nThis email confirms your upcoming interview.\r\n\r\n"
	    "Interview: Hiring Manager Conversation\r\nDate: Thursday, December 3rd, 2026\r\n"
	    "Time: 2:00 PM - 2:45 PM EST\r\nInterviewer: Priya Raman, Engineering Manager\r\n\r\n"
	    "Best,\r\nJordan Blake\r\nTechnical Recruiter, Northwind Pay\r\n"
	    "jordan.blake@northwindpay.example\r\n"
	    "--b\r\nContent-Type: text/calendar; charset=utf-8; method=REQUEST\r\n\r\n"
	    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Greenhouse Software//Greenhouse//EN\r\n"
	    "METHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:iv-1@greenhouse.io\r\nDTSTAMP:20261201T151422Z\r\n"
	    "DTSTART:20261203T190000Z\r\nDTEND:20261203T194500Z\r\n"
	    "SUMMARY:Interview with Northwind Pay - Senior Data Engineer\r\n"
	    "ORGANIZER;CN=Jordan Blake:mailto:jordan.blake@northwindpay.example\r\n"
	    "ATTENDEE;CN=Jane Doe:mailto:jane.doe@example.net\r\n"
	    "END:VEVENT\r\nEND:VCALENDAR\r\n--b--\r\n";
	json_t *j;
	const json_t *iv;

	(void)state;
	opts_for_tests(&o);
	j = detect_raw(raw, strlen(raw), &o, true);
	expect_str(j, "kind", "interview", "organiser and named interviewer");
	iv = json_object_get(j, "interviewers");
	assert_int_equal(json_array_size(iv), 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(iv, 0), "name")),
	    "Priya Raman");
	json_decref(j);
}

/* The organiser's invite, the organiser among the invited, who writes "I
 * won't be on the call": she arranges it, the two named interview. */
static void test_writer_absent(void **state)
{
	struct detect_opts o;
	const char *raw = "Date: Mon, 07 Dec 2026 16:42:09 +0000\r\n"
	    "From: Priya Raman <priya.raman@commgen.example>\r\n"
	    "To: Jane Doe <jane.doe@example.net>\r\n"
	    "Subject: Interview: Nurse Manager, Cardiac Telemetry\r\n"
	    "Message-ID: <t@commgen.example>\r\nMIME-Version: 1.0\r\n"
	    "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
	    "--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
	    "Hi Jane,\r\n\r\nThank you for making time to speak with me last week. As promised, here "
	    "is the invitation for your first-round interview for the Nurse "
	    "Manager position.\r\n\r\nYou will meet with:\r\n  - Karen Oduya - Director of Nursing\r\n"
	    "  - Tomasz Wilk - Assistant Nurse Manager\r\n\r\nI won't be on the call, but please reach "
	    "out to me with any questions beforehand.\r\n\r\nPriya\r\n"
	    "--b\r\nContent-Type: text/calendar; charset=utf-8; method=REQUEST\r\n\r\n"
	    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\r\n"
	    "METHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:iv-7n@commgen.example\r\nDTSTAMP:20261207T164209Z\r\n"
	    "DTSTART:20261210T150000Z\r\nDTEND:20261210T154500Z\r\n"
	    "SUMMARY:Interview: Nurse Manager - Jane Doe\r\n"
	    "ORGANIZER;CN=Priya Raman:mailto:priya.raman@commgen.example\r\n"
	    "ATTENDEE;CN=Karen Oduya:mailto:karen.oduya@commgen.example\r\n"
	    "ATTENDEE;CN=Tomasz Wilk:mailto:tomasz.wilk@commgen.example\r\n"
	    "ATTENDEE;CN=Jane Doe:mailto:jane.doe@example.net\r\n"
	    "END:VEVENT\r\nEND:VCALENDAR\r\n--b--\r\n";
	json_t *j;

	(void)state;
	opts_for_tests(&o);
	j = detect_raw(raw, strlen(raw), &o, true);
	expect_str(j, "kind", "interview", "writer absent");
	expect_people(j, "karen oduya|karen.oduya@commgen.example;tomasz wilk|tomasz.wilk@commgen.example;");
	json_decref(j);
}

/* A day counted from the Date: "tomorrow" is sure, "next Tuesday" (this
 * coming one or the one after?) is not.  A length in words ("une
 * vingtaine de minutes") ends the call. */
static void test_relative_day_doubt(void **state)
{
	static const struct { const char *when, *end; bool doubt; } cases[] = {
		{ "tomorrow at 3pm ET", NULL, false },
		{ "next Tuesday at 10:30 a.m. Eastern", NULL, true },
		{ "Thursday at 11am ET; it will take twenty minutes", "2026-12-03T16:20:00Z", false },
	};
	struct detect_opts o;

	(void)state;
	opts_for_tests(&o);
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char *body = xasprintf("Hi Jane,\n\nYour interview with Tom Reed for the analyst role is "
		    "confirmed for %s.\n\nAda\n", cases[i].when);
		json_t *j = mail_with("Mon, 30 Nov 2026 09:00:00 -0500", "Ada Brooks <ada.brooks@initech.com>",
		    "Interview", body, &o);
		const json_t *rs = json_object_get(j, "reasons");
		bool doubt = false;

		for (size_t k = 0; k < json_array_size(rs); k++)
			doubt |= strstr(json_string_value(json_array_get(rs, k)), "relative to the mail") != NULL;
		if (doubt != cases[i].doubt)
			fail_msg("%s: relative doubt %d", cases[i].when, doubt);
		if (cases[i].end)
			expect_str(j, "end", cases[i].end, cases[i].when);
		json_decref(j);
		free(body);
	}
}

/* No zone written: a doubt, unless the writer's Date is in the user's
 * zone at that time (then both readings are one instant). */
static void test_zone_shared(void **state)
{
	static const struct { const char *date; bool doubt; } cases[] = {
		{ "Mon, 30 Nov 2026 09:00:00 +0000", false },   /* London, as the user */
		{ "Mon, 30 Nov 2026 09:00:00 -0500", true },    /* New York */
	};
	struct detect_opts o;

	(void)state;
	opts_for_tests(&o);
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		json_t *j = mail_with(cases[i].date, "Ada Brooks <ada.brooks@initech.com>", "Interview",
		    "Hi Jane,\n\nYour interview with Tom Reed for the analyst role is confirmed for "
		    "Thursday 3 December 2026 at 15:00.\n\nAda\n", &o);
		const json_t *rs = json_object_get(j, "reasons");
		bool doubt = false;

		for (size_t k = 0; k < json_array_size(rs); k++)
			doubt |= strcmp(json_string_value(json_array_get(rs, k)), "no time zone in the mail") == 0;
		if (doubt != cases[i].doubt)
			fail_msg("%s: zone doubt %d", cases[i].date, doubt);
		json_decref(j);
	}
}

/* A French panel label, its colon after a blank ("Comité de sélection
 * : M. Marc-André Pelletier, ..., et moi-même"): the panel and the writer. */
static void test_french_panel(void **state)
{
	struct detect_opts o;
	json_t *j;

	(void)state;
	opts_for_tests(&o);
	j = mail_with("Tue, 24 Nov 2026 10:12:33 -0500",
	    "Nathalie Gagnon-Roy <nathalie.gagnon-roy@caisseboreale.example>",
	    "Invitation \xc3\xa0 une entrevue",
	    "Bonjour Madame Doe,\n\nNous aimerions vous rencontrer en entrevue.\n\n"
	    "Date : le mardi 8 d\xc3\xa9\x63\x65mbre 2026\nHeure : de 13 h 30 \xc3\xa0 14 h 30 (heure de l'Est)\n"
	    "Comit\xc3\xa9 de s\xc3\xa9lection : M. Marc-Andr\xc3\xa9 Pelletier, directeur principal, et "
	    "moi-m\xc3\xaame\n\nNathalie Gagnon-Roy\n", &o);
	expect_people(j, "marc-andr\xc3\xa9 pelletier|;nathalie gagnon-roy|"
	    "nathalie.gagnon-roy@caisseboreale.example;");
	json_decref(j);
}

/* A subject's date is no company: "Confirmed: Final round with
 * Pinecrest Data - Mon Dec 7". */
static void test_subject_date_no_company(void **state)
{
	struct detect_opts o;
	json_t *j;

	(void)state;
	opts_for_tests(&o);
	j = mail_with("Mon, 30 Nov 2026 09:00:00 -0500", "Tyler Jensen <tyler@scheduler.example>",
	    "Confirmed: Final round with Pinecrest Data - Mon Dec 7",
	    "Hi Jane,\n\nYour final round interview for the Staff Data Engineer role is confirmed "
	    "for Monday, December 7, 2026 at 4:00 PM ET.\n\nTyler\n", &o);
	if (jget(j, "company") != NULL && strcmp(jget(j, "company"), "Mon Dec 7") == 0)
		fail_msg("a date read as the company");
	json_decref(j);
}

/* Readings set 17's and 18's first-day trials put into mail, each a
 * wrong word the reading may no longer give (field, bad value; a value
 * ending in '*' is a prefix, compared case aside). */
static const struct {
	const char *date, *from, *subject, *body, *field, *bad;
} not_readings[] = {
	/* a schedule's "Interview: <title>" stops before the next line's
	 * "Date:" when the lines are joined */
	{ "Thu, 03 Dec 2026 20:30:00 +0000", "Northwind Pay <no-reply@us.greenhouse-mail.io>",
	  "Reminder: Your interview with Northwind Pay is tomorrow",
	  "Hi Jane,\n\nThis is a friendly reminder of your upcoming interview with Northwind Pay "
	  "tomorrow.\n\nInterview: Hiring Manager Conversation\nDate: Friday, December 4th, 2026\n"
	  "Time: 3:30 PM - 4:15 PM EST\nInterviewer: Priya Raman\n\nGood luck!\n",
	  "role", "Hiring Manager Conversation Date" },
	/* a possessive begins no company */
	{ "Tue, 8 Dec 2026 16:05:14 +0000", "Zoom <no-reply@zoom.us>",
	  "Confirmed: Technical Interview - Data Engineer with Nate Olsen on Dec 14, 2026",
	  "Hi Jane,\n\nYour appointment Technical Interview - Data Engineer with Nate Olsen (Glacier "
	  "Bay Software) has been scheduled.\nDate & time: Monday, December 14, 2026, 10:00 AM - "
	  "11:00 AM (GMT-05:00) Eastern Time (US and Canada)\n", "company", "Your *" },
	/* a signature's postal address names places, not the company */
	{ "Fri, 4 Dec 2026 11:00:00 -0600", "Daniela Ruiz <daniela.ruiz@altamiradigital.example>",
	  "Entrevista t\xc3\xa9\x63nica \xe2\x80\x93 Ingeniera de Datos Sr.",
	  "Hola Jane,\n\nEntrevista t\xc3\xa9\x63nica\nFecha: mi\xc3\xa9rcoles 9 de diciembre de 2026\n"
	  "Hora: 9:00 hrs (hora del centro de M\xc3\xa9xico)\nEntrevistadores: Ing. Rodrigo S\xc3\xa1nchez\n\n"
	  "Saludos cordiales,\n\nDaniela Ruiz\nTalent Acquisition Specialist\n"
	  "Av. Paseo de la Reforma 296, Piso 18, Col. Ju\xc3\xa1rez, CDMX\n"
	  "daniela.ruiz@altamiradigital.example\n", "company", "CDMX" },
	/* the equal opportunity statement names no job */
	{ "Mon, 7 Dec 2026 09:00:00 -0600", "Heartland Logistics <heartland@myworkday.com>",
	  "Interview Invitation",
	  "Dear Jane,\n\nWe are pleased to invite you to a video interview on 12/16/2026 from 2:00 PM "
	  "to 3:00 PM Central Standard Time.\n\nHeartland Logistics Group is an Equal Opportunity "
	  "Employer/Veterans/Disabled.\n", "role", "Equal" },
	/* a time of day, with its zone or not, is no company; nor is what
	 * the mail says it is */
	{ "Thu, 3 Dec 2026 16:27:03 -0500", "Tyler Brooks <tbrooks@bluewatertalent.example>",
	  "Interview confirmed - Monday @ 1pm",
	  "Hi Jane,\n\nI've confirmed you for Monday, December 7th at 1:00pm EST over Teams. You'll "
	  "be speaking with Raj Malhotra at my client.\n\nRole: Senior Data Engineer\n\nTyler\n",
	  "company", "1pm" },
	{ "Thu, 3 Dec 2026 16:27:03 -0600", "Kevin O'Malley <kevin@brightpathstaffing.example>",
	  "Interview tomorrow - 2pm CT",
	  "Hi Jane,\n\nYou're confirmed with Doug Brennan tomorrow at 2pm CT for the Senior Java "
	  "Developer role.\n\nKevin\n", "company", "2pm CT" },
	{ "Thu, 10 Dec 2026 16:27:03 -0600", "Kevin O'Malley <kevin@brightpathstaffing.example>",
	  "OFFER - Senior Java Developer",
	  "Hi Jane,\n\nCongratulations! We are delighted to offer you the Senior Java Developer "
	  "position. The contract is attached.\n\nKevin\n", "company", "offer" },
	/* "afternoon" holds no "noon": no time at all here */
	{ "Tue, 8 Dec 2026 11:34:50 -0500", "Shawna Reid <shawna.reid@lakeshore.example>",
	  "Interview - Senior Data Engineer",
	  "Hi Jane,\n\nWe need to move your panel interview for the Senior Data Engineer position: "
	  "Dr. Siddiqui has been called into a review on Friday afternoon.\n\nShawna Reid\n",
	  "start", "2026-12-11T17:00:00Z" },
};

/* j's field is not bad (see not_readings). */
static void expect_not(const json_t *j, const char *field, const char *bad, const char *what)
{
	const char *got = jget(j, field);
	size_t n = strlen(bad);

	if (got == NULL)
		return;
	if (bad[n - 1] == '*' ? strncasecmp(got, bad, n - 1) == 0 : strcasecmp(got, bad) == 0)
		fail_msg("%s: %s read as \"%s\"", what, field, got);
}

/* The interviewers j names: want of them. */
static void expect_count(const json_t *j, size_t want, const char *what)
{
	size_t n = json_array_size(json_object_get(j, "interviewers"));

	if (n != want)
		fail_msg("%s: %zu interviewers, want %zu", what, n, want);
}

/* Set 17's trial and its misses: a move asked for "instead", the time
 * held already, is read; the job in the writer's own quoted mail makes a
 * reply's time a conversation; committees are read whole; a booking's
 * service names the role; and none of not_readings is given. */
static void test_set17_fields(void **state)
{
	struct detect_opts o;
	json_t *j;

	(void)state;
	opts_for_tests(&o);
	o.timezone = "America/Toronto";
	for (size_t i = 0; i < ARRAY_LEN(not_readings); i++) {
		j = mail_with(not_readings[i].date, not_readings[i].from, not_readings[i].subject,
		    not_readings[i].body, &o);
		expect_not(j, not_readings[i].field, not_readings[i].bad, not_readings[i].subject);
		json_decref(j);
	}
	j = mail_with("Tue, 8 Dec 2026 11:34:50 -0500", "Shawna Reid <shawna.reid@lakeshore.example>",
	    "Change to your interview - Senior Data Engineer",
	    "Hi Jane,\n\nI'm sorry to do this, but we need to move your panel interview for the Senior "
	    "Data Engineer position. Dr. Siddiqui has been called into a review on Friday afternoon.\n\n"
	    "Could we instead see you on Monday, December 14, 2-3pm? Same location: Room 4-112. I've "
	    "gone ahead and held that time; if it doesn't work just let me know.\n\nShawna Reid\n"
	    "Lakeshore Health Network\n", &o);
	expect_str(j, "kind", "update", "moved, instead, held");
	expect_str(j, "start", "2026-12-14T19:00:00Z", "moved, instead, held");
	expect_str(j, "end", "2026-12-14T20:00:00Z", "moved, instead, held");
	json_decref(j);
	j = mail_with("Fri, 4 Dec 2026 08:05:00 -0500", "Greg Hollis <greg.hollis@pinecrest.example>",
	    "Re: Coffee next week?",
	    "Wednesday at 8:30 works great. Let's do Boxcar Social on Temperance St.\n\nGreg\n\n"
	    "On Thu, Dec 3, 2026 at 9:12 PM Jane Doe <jane.doe@example.net> wrote:\n"
	    "> Hi Greg, I'd love to. I could do Wednesday the 9th at 8:30, or Thursday after 4.\n>\n"
	    "> On Thu, Dec 3, 2026 at 4:40 PM Greg Hollis <greg.hollis@pinecrest.example> wrote:\n"
	    ">> Hi Jane, Priyanka passed along your application for the Lead Data Engineer role on my\n"
	    ">> team. I'd love to grab a coffee. Any chance you're free one morning next week?\n", &o);
	expect_str(j, "kind", "interview", "the writer's quoted mail about a job");
	expect_str(j, "start", "2026-12-09T13:30:00Z", "the writer's quoted mail about a job");
	json_decref(j);
	j = mail_with("Tue, 1 Dec 2026 11:34:50 -0500", "Renee Dubois <renee.dubois@harbourfront-u.example>",
	    "Interview Invitation: Data Engineer",
	    "Good afternoon Jane,\n\nYour interview is scheduled for Thursday, December 10th at 2:30 PM "
	    "EST and will last approximately one hour.\n\nHiring committee:\n"
	    "- Dr. Elaine Mackenzie, Director, Institutional Research & Analytics\n"
	    "- Victor Huang, Senior Data Architect, Information Technology Services\n"
	    "- A representative from Human Resources\n\nBest regards,\nRenee Dubois\n", &o);
	expect_count(j, 2, "a committee's bulleted list");
	json_decref(j);
	j = mail_with("Tue, 1 Dec 2026 11:34:50 -0500", "St\xc3\xa9phanie C\xc3\xb4t\xc3\xa9 <stephanie.cote@boreal.example>",
	    "Convocation \xc3\xa0 une entrevue",
	    "Bonjour Jane,\n\nJ'ai le plaisir de vous confirmer votre entrevue.\n\nDate : le mardi 8 "
	    "d\xc3\xa9\x63\x65mbre 2026\nHeure : de 14 h \xc3\xa0 15 h (heure de l'Est)\n"
	    "Comit\xc3\xa9 : Genevi\xc3\xa8ve Tremblay, cheffe d'\xc3\xa9quipe \xe2\x80\x93 Plateforme de "
	    "donn\xc3\xa9\x65s, et Olivier Gagnon, architecte de donn\xc3\xa9\x65s\n\nSt\xc3\xa9phanie\n", &o);
	expect_count(j, 2, "a French committee, titles in lower case");
	json_decref(j);
	j = mail_with("Mon, 7 Dec 2026 09:00:00 -0500", "Fairway Careers <FairwayCareers@fairwaycu.example>",
	    "Your booking with Fairway Credit Union Careers has been confirmed",
	    "Your booking has been confirmed\n\nPhone Screen - Intermediate Data Engineer\n"
	    "Thursday, December 17, 2026 12:00 PM - 12:30 PM (UTC-05:00) Eastern Time (US & Canada)\n\n"
	    "Staff: Nadia Haddad\n", &o);
	expect_str(j, "role", "Intermediate Data Engineer", "a booking's service");
	json_decref(j);
	/* a word of the user's own name is no company (Google's meeting
	 * "Jane / Sam - Founding Data Engineer intro") */
	{
		const char *raw = "Date: Sat, 05 Dec 2026 14:15:03 +0000\r\n"
		    "From: Sam Whitfield <sam@tidewater.example>\r\nTo: jane.doe@example.net\r\n"
		    "Subject: Updated invitation: Jane / Sam \xe2\x80\x94 Founding Data Engineer intro\r\n"
		    "Message-ID: <t@google.com>\r\nMIME-Version: 1.0\r\n"
		    "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
		    "--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
		    "This event has been updated\r\n\r\nJane / Sam \xe2\x80\x94 Founding Data Engineer intro\r\n"
		    "Wednesday Dec 9, 2026 11:30am \xe2\x80\x93 12pm\r\n\r\nMoved us to Wednesday!\r\n"
		    "--b\r\nContent-Type: text/calendar; charset=utf-8; method=REQUEST\r\n\r\n"
		    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\n"
		    "METHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:g1@google.com\r\nDTSTAMP:20261205T141503Z\r\n"
		    "DTSTART:20261209T163000Z\r\nDTEND:20261209T170000Z\r\nSEQUENCE:1\r\n"
		    "SUMMARY:Jane / Sam \xe2\x80\x94 Founding Data Engineer intro\r\n"
		    "ORGANIZER;CN=Sam Whitfield:mailto:sam@tidewater.example\r\n"
		    "ATTENDEE;CN=Sam Whitfield:mailto:sam@tidewater.example\r\n"
		    "ATTENDEE;CN=jane.doe@example.net:mailto:jane.doe@example.net\r\n"
		    "END:VEVENT\r\nEND:VCALENDAR\r\n--b--\r\n";

		j = detect_raw(raw, strlen(raw), &o, true);
		expect_not(j, "company", "Jane", "a word of the user's name");
		json_decref(j);
	}
}

/* Titles as postings write them: a qualifier after a comma, up to a
 * bracket; in French a lower-case qualifier after a title that starts
 * with its noun; the job nouns of French and Spanish. */
static void test_roles_as_written(void **state)
{
	static const struct { const char *subject, *body, *want; } cases[] = {
		{ "Invitation \xc3\xa0 une entrevue",
		  "Nous avons re\xc3\xa7u votre candidature pour le poste d'Analyste principale, intelligence "
		  "d'affaires (affichage 2026-0418) et nous aimerions vous rencontrer en entrevue le mardi 8 "
		  "d\xc3\xa9\x63\x65mbre 2026 \xc3\xa0 13 h 30 (heure de l'Est).",
		  "Analyste principale, intelligence d'affaires" },
		{ "Interview Scheduled",
		  "We are pleased to confirm your interview for the position of Senior Manager, Analytics "
		  "Engineering (Req #2026-4471) on Monday, December 7, 2026 at 1:00 PM ET.",
		  "Senior Manager, Analytics Engineering" },
		/* "en" a field in lower case is the title's ("in nursing care") */
		{ "Convocation \xc3\xa0 une entrevue",
		  "Nous avons le plaisir de vous convoquer \xc3\xa0 une entrevue pour le poste de conseill\xc3\xa8re "
		  "cadre en soins infirmiers, le mardi 15 d\xc3\xa9\x63\x65mbre 2026 \xc3\xa0 13 h 30 (heure de l'Est).",
		  "conseill\xc3\xa8re cadre en soins infirmiers" },
		/* an "&" between letters is the word's: "FP&A", not the article "a" */
		{ "Next steps",
		  "The team would love you to come in for the next stage of the process for the FP&A Lead "
		  "role: an interview on Wednesday 16 December at 12:00.", "FP&A Lead" },
		{ "Entrevista",
		  "Te escribo por tu candidatura al puesto de L\xc3\xad\x64\x65r de Ingenier\xc3\xad\x61 de Datos: la "
		  "entrevista ser\xc3\xa1 el martes 15 de diciembre a las 16:30 (hora de Madrid).",
		  "L\xc3\xad\x64\x65r de Ingenier\xc3\xad\x61 de Datos" },
		/* a posting's reference in brackets before "position" is no
		 * part of the title; "Interview" before a title in a subject
		 * is no part of it; "and" between two words of one title */
		{ "Interview Invitation", "Thank you for your interest in the Senior Software Engineer - "
		  "Integrations (R-104233) position. We are pleased to invite you to a video interview on "
		  "Tuesday, December 15 at 10:00 AM CT.", "Senior Software Engineer - Integrations" },
		{ "Grachtwerk \xe2\x80\x93 Interview Senior Data Engineer \xe2\x80\x93 Jane Doe",
		  "Hi Jane, here is the invite for Tuesday, December 15 at 10:00.", "Senior Data Engineer" },
		{ "Interview invitation - Senior Data and Insight Analyst - Ref IU-04512",
		  "Dear Jane, we would like to invite you to an interview on Tuesday, December 15 at 10:00.",
		  "Senior Data and Insight Analyst" },
		/* a field with a job's word in it is a qualifier */
		{ "Interview", "Your interview for the Senior Software Engineer, Developer Platform role "
		  "is confirmed for Monday, December 7, 2026 at 1:00 PM ET.",
		  "Senior Software Engineer, Developer Platform" },
		/* a gender ending in brackets inside a word is the title's */
		{ "Entrevista t\xc3\xa9\x63nica - Engenheiro(a) de Software S\xc3\xaanior (Remoto)",
		  "Ol\xc3\xa1! Sua entrevista t\xc3\xa9\x63nica est\xc3\xa1 confirmada na quinta-feira, 10 de "
		  "dezembro, \xc3\xa0s 14h (hor\xc3\xa1rio de Bras\xc3\xadlia).",
		  "Engenheiro(a) de Software S\xc3\xaanior" },
		/* "de rol van", "the position" lead a title */
		{ "Tweede gesprek bij Grachtwerk",
		  "we nodigen je graag uit voor een tweede sollicitatiegesprek voor de rol van Senior Backend Developer, "
		  "op donderdag 3 december 2026 om 14:00 uur (Amsterdamse tijd).",
		  "Senior Backend Developer" },
		{ "Live Interview Scheduled",
		  "You are scheduled for a live video interview for the position Vice President, Software "
		  "Engineering on Tuesday, January 19, 2027 at 9:00 AM ET.",
		  "Vice President, Software Engineering" },
		/* the interview's word before the title is none of it */
		{ "Kennismakingsgesprek Senior Data Engineer",
		  "Hoi Jane, je bent welkom op vrijdag 11 december 2026 om 14:00 uur (Amsterdamse tijd) via Teams.",
		  "Senior Data Engineer" },
		/* Portuguese "gestor(a)", the manager */
		{ "Convite para entrevista \xe2\x80\x93 Gestor(a) de Engenharia de Dados",
		  "Temos o prazer de a convidar para uma entrevista na quinta-feira, 3 de Dezembro de 2026, "
		  "\xc3\xa0s 9h30 (hora de Maputo).",
		  "Gestor(a) de Engenharia de Dados" },
		/* a team or field after a title's dash is the title's, as its ad
		 * names it; a person (the user), a day or what the mail is are not */
		{ "Interview", "Hi Jane,\n\nWe would like to invite you to an interview for the position of "
		  "Senior Backend Developer \xe2\x80\x93 E-commerce Payments.\n\nThe interview is on Tuesday "
		  "15 December at 14:00.\n\nBest\nAnna", "Senior Backend Developer \xe2\x80\x93 E-commerce Payments" },
		{ "Entretien", "Bonjour,\n\nMerci pour votre candidature au poste d'Engineer (Go) \xe2\x80\x93 "
		  "Paiements : un entretien technique aura lieu mardi 15 d\xc3\xa9\x63\x65mbre \xc3\xa0 14h.\n\nAnna",
		  "Engineer (Go) \xe2\x80\x93 Paiements" },
		{ "Interview confirmed: Senior Android Engineer - Jane Doe", "Hi Jane,\n\nYour interview is "
		  "confirmed for Tuesday 15 December at 14:00.\n\nAnna", "Senior Android Engineer" },
		{ "Interview for Site Reliability Engineer - Reminder", "Hi Jane,\n\nA reminder: your "
		  "interview is on Tuesday 15 December at 14:00.\n\nAnna", "Site Reliability Engineer" },
	};
	struct detect_opts o;

	(void)state;
	opts_for_tests(&o);
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		json_t *j = mail_with("Mon, 30 Nov 2026 10:00:00 -0500", "Ada Brooks <ada.brooks@initech.com>",
		    cases[i].subject, cases[i].body, &o);

		expect_str(j, "role", cases[i].want, cases[i].body);
		json_decref(j);
	}
}

/* The attribution line of a quoted mail, in the languages read, is no
 * part of the newest words: its date and time are no meeting. */
static void test_quote_attributions(void **state)
{
	static const char *const lines[] = {
		"Em seg., 30 de nov. de 2026 \xc3\xa0s 10:15, Jane Doe <jane.doe@example.net> escreveu:",
		"Am Mo., 30. Nov. 2026 um 10:15 Uhr schrieb Jane Doe <jane.doe@example.net>:",
		"Le lun. 30 nov. 2026 \xc3\xa0 10:15, Jane Doe <jane.doe@example.net> a \xc3\xa9\x63rit :",
		"El lun, 30 nov 2026 a las 10:15, Jane Doe (<jane.doe@example.net>) escribi\xc3\xb3:",
		"Op ma 30 nov 2026 om 10:15 schreef Jane Doe <jane.doe@example.net>:",
	};
	struct detect_opts o;

	(void)state;
	opts_for_tests(&o);
	for (size_t i = 0; i < ARRAY_LEN(lines); i++) {
		char *history = xasprintf("%s\n> Thank you for the interview yesterday.\n", lines[i]);
		json_t *j = quoting_reply("Tue, 1 Dec 2026 09:00:00 +0000", "Ada Brooks <ada.brooks@initech.com>",
		    "Re: Analyst position", "Hi Jane,\n\nthanks, lovely to hear from you about the analyst role.\n\nAda",
		    history, &o);

		expect_str(j, "kind", "reply", lines[i]);
		expect_str(j, "start", NULL, lines[i]);
		json_decref(j);
		free(history);
	}
}

/* A person answers the user's own mail: a reply in a job thread when the
 * user's quoted mail speaks of a job, else nothing of ours. */
static void test_reply_to_user_quote(void **state)
{
	static const struct { const char *quote, *kind; } cases[] = {
		{ "Thank you for your time today; I enjoyed hearing about the analyst role.", "reply" },
		{ "Thanks for dinner last night, it was lovely to catch up!", "other" },
		/* a thank-you for a conversation, no job named: the follow-up */
		{ "Thanks for the conversation this morning - I'd love to keep talking.", "reply" },
		{ "Bedankt voor het gesprek van vanochtend!", "reply" },
	};
	struct detect_opts o;

	(void)state;
	opts_for_tests(&o);
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char *raw = xasprintf("Date: Mon, 4 Jan 2027 09:00:00 +0000\r\n"
		    "From: Ada Brooks <ada.brooks@initech.com>\r\n"
		    "To: Jane Doe <jane.doe@example.net>\r\nSubject: Re: Thanks\r\n"
		    "Message-ID: <r@initech.com>\r\nIn-Reply-To: <q@example.net>\r\n"
		    "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
		    "So kind of you, Jane - lovely to meet you too. Speak soon.\n\nAda\n\n"
		    "On Sun, 3 Jan 2027 at 18:00, Jane Doe <jane.doe@example.net> wrote:\n> %s\n",
		    cases[i].quote);
		json_t *j = detect_raw(raw, strlen(raw), &o, true);

		expect_str(j, "kind", cases[i].kind, cases[i].quote);
		json_decref(j);
		free(raw);
	}
}

/* A reply that confirms a time takes its length from the thread: the
 * user's quoted mail ("the 30-min call"), not from elsewhere. */
static void test_length_from_thread(void **state)
{
	static const char *const quotes[] = { "> Wednesday at 3pm ET works for me for the 30-min call.\n",
		"> Wednesday at 3pm ET works for me.\n" };
	static const char *const ends[] = { "2027-01-06T20:30:00Z", NULL };
	struct detect_opts o;

	(void)state;
	opts_for_tests(&o);
	for (size_t i = 0; i < ARRAY_LEN(quotes); i++) {
		char *history = xasprintf("On Sun, 3 Jan 2027 at 18:00, Jane Doe <jane.doe@example.net> wrote:\n%s",
		    quotes[i]);
		json_t *j = quoting_reply("Mon, 4 Jan 2027 09:00:00 +0000", "Nate Cooper <ncooper@penrosecap.example>",
		    "Re: Risk Systems Engineer interview",
		    "Confirmed for the interview Wed 6 Jan at 3pm ET, see you then.\n\nNate", history, &o);

		expect_str(j, "kind", "interview", quotes[i]);
		expect_str(j, "start", "2027-01-06T20:00:00Z", quotes[i]);
		if (ends[i] != NULL)
			expect_str(j, "end", ends[i], quotes[i]);
		else
			assert_true(json_is_null(json_object_get(j, "end")));
		json_decref(j);
		free(history);
	}
}

/* An invitation to a conversation at a time is as firm as a booking:
 * "we nodigen je graag uit voor een gesprek", "laden Sie zu einem
 * Gespräch ein". */
static void test_invited_conversation(void **state)
{
	static const char *const bodies[] = {
		"We nodigen je graag uit voor een gesprek voor de functie UX-designer op donderdag 17 december om 10:30.",
		"Wir laden Sie zu einem Gespr\xc3\xa4" "ch f\xc3\xbcr die Stelle als Product Designer am "
		"Donnerstag, 17. Dezember um 10:30 Uhr ein.",
	};
	struct detect_opts o;

	(void)state;
	opts_for_tests(&o);
	for (size_t i = 0; i < ARRAY_LEN(bodies); i++) {
		json_t *j = mail_with("Thu, 10 Dec 2026 13:07:55 +0000", "Sophie Lammers <s.lammers@umc.example>",
		    "Gesprek", bodies[i], &o);

		expect_str(j, "kind", "interview", bodies[i]);
		expect_str(j, "start", "2026-12-17T10:30:00Z", bodies[i]);
		json_decref(j);
	}
}

/* Outlook quotes under "-----Original Message-----" and a From:/Sent:
 * block: the user's own mail when its From: is the user (an answer to
 * the user's thank-you is a reply, with its decision date), the writer's
 * own when only its To: is the user (news in the thread: an update). */
static void test_outlook_quotes(void **state)
{
	static const struct { const char *from, *to, *kind; } cases[] = {
		{ "Jane Doe <jane.doe@example.net>", "Lucie Novak <lucie.novak@vltava.example>", "reply" },
		{ "Lucie Novak <lucie.novak@vltava.example>", "Jane Doe <jane.doe@example.net>", "update" },
	};
	struct detect_opts o;

	(void)state;
	opts_for_tests(&o);
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char *history = xasprintf("-----Original Message-----\nFrom: %s\n"
		    "Sent: Wednesday, December 16, 2026 4:05 PM\nTo: %s\nSubject: Senior Java Developer\n\n"
		    "Thank you for the conversation today about the Senior Java Developer position.\n",
		    cases[i].from, cases[i].to);
		json_t *j = quoting_reply("Thu, 17 Dec 2026 08:55:00 +0100", "Lucie Novak <lucie.novak@vltava.example>",
		    "RE: Senior Java Developer", "Dear Jane,\n\nWe have two more interviews this week; we will "
		    "inform you about our decision by 22 December.\n\nLucie Novak\nHR, Vltava Data", history, &o);

		expect_str(j, "kind", cases[i].kind, cases[i].from);
		expect_str(j, "decision_by", "2026-12-22", cases[i].from);
		json_decref(j);
		free(history);
	}
}

static void test_kinds_by_concept(void **state)
{
	struct detect_opts o;

	(void)state;
	opts_for_tests(&o);
	for (size_t i = 0; i < ARRAY_LEN(concept_cases); i++) {
		char *b = xasprintf("Hi Jane,\n\n%s\n\nBest,\nAda Brooks\n", concept_cases[i].body);
		json_t *j = mail_with("Mon, 7 Dec 2026 10:00:00 +0000",
		    "Ada Brooks <ada.brooks@initech.com>", concept_cases[i].subject, b, &o);

		expect_str(j, "kind", concept_cases[i].kind, concept_cases[i].body);
		json_decref(j);
		free(b);
	}
}

/* A friend forwards their own mail (it was to them and names the user
 * nowhere): their news, not the user's.  The same forward that names the
 * user (an agency passes on the client's mail about its candidate) is. */
static void test_forward_of_own_mail(void **state)
{
	static const char *const fwd =
	    "Na toll. Kannst du dir das mal anschauen? Bier am Freitag?\nJan\n\n"
	    "---------- Forwarded message ---------\n"
	    "Von: Recruiting Lindgren Digital <jobs@lindgren-digital.example>\n"
	    "Subject: Ihre Bewerbung als Product Designer\n"
	    "To: Jan Kowalczyk <jan.kowalczyk@posteo.example>\n\n"
	    "Sehr geehrte%s,\n\nleider m\xc3\xbcssen wir Ihnen mitteilen, dass wir uns f\xc3\xbcr "
	    "eine andere Kandidatin entschieden haben.\n";
	struct detect_opts o;
	char *body;
	json_t *j;

	(void)state;
	opts_for_tests(&o);
	body = xasprintf(fwd, "r Herr Kowalczyk");
	j = mail_with("Mon, 30 Nov 2026 18:00:00 +0100", "Jan Kowalczyk <jan.kowalczyk@posteo.example>",
	    "Fwd: Ihre Bewerbung als Product Designer", body, &o);
	expect_str(j, "kind", "other", "a friend's own rejection");
	json_decref(j);
	free(body);
	body = xasprintf(fwd, " Frau Doe");
	j = mail_with("Mon, 30 Nov 2026 18:00:00 +0100", "Jan Kowalczyk <jan.kowalczyk@posteo.example>",
	    "Fwd: Ihre Bewerbung als Product Designer", body, &o);
	expect_str(j, "kind", "rejection", "a forward that names the user");
	json_decref(j);
	free(body);
}

/* Words that look like a time or a day but are none: no interview time. */
static const struct {
	const char *date;
	const char *body;
} not_times[] = {
	/* "Guten Morgen" is a greeting, not "tomorrow" */
	{ "Mon, 30 Nov 2026 09:00:00 +0100",
	  "Guten Morgen Frau Doe, um 15 Uhr beginnt Ihr Vorstellungsgespr\xc3\xa4\x63h.\n" },
	/* "at 3 locations" is no hour */
	{ "Mon, 30 Nov 2026 09:00:00 +0000",
	  "Hi Jane,\n\nYour interview tomorrow covers our work at 3 locations.\n" },
	/* "la segunda entrevista": "second", not Monday ("segunda-feira") */
	{ "Mon, 30 Nov 2026 09:00:00 -0300",
	  "Oi Jane,\n\nA segunda entrevista \xc3\xa9 \xc3\xa0s 15h, vamos combinar o dia.\n" },
	/* the end of a day is a deadline's hour; a deadline's label in the
	 * cell before its date */
	{ "Mon, 30 Nov 2026 09:00:00 +0100",
	  "Hi Jane,\n\nAcme has invited you to take the take-home assessment for the interview "
	  "process.\nThursday, December 10, 2026 11:59 PM CET\n" },
	{ "Mon, 30 Nov 2026 09:00:00 +0100",
	  "Hi Jane,\n\nAcme has invited you to take the coding test for the interview process.\n"
	  "Complete by\nThursday, December 10, 2026 5:00 PM CET\n" },
};

static void test_prose_not_times(void **state)
{
	struct detect_opts o;

	(void)state;
	opts_for_tests(&o);
	for (size_t i = 0; i < ARRAY_LEN(not_times); i++) {
		json_t *j = mail_with(not_times[i].date, "Ada Brooks <ada.brooks@initech.com>",
		    "Interview", not_times[i].body, &o);

		expect_str(j, "start", NULL, not_times[i].body);
		json_decref(j);
	}
}

/* Whose interview: the writer's own ("my final interview") is no
 * interview of the user's; "my team would like to interview you" is. */
static const struct {
	const char *body;
	const char *kind;
} whose[] = {
	{ "My team would like to interview you on Tuesday 8 December at 3pm GMT for the Data "
	  "Engineer role.", "interview" },
	{ "My colleague Ada will run the interview on Tuesday 8 December at 3pm GMT for the Data "
	  "Engineer role.", "interview" },
	{ "I've got my final interview at Northwind on Tuesday 8 December at 3pm GMT. Would you "
	  "be one of my references?", "other" },
	{ "Ich habe mein Vorstellungsgespr\xc3\xa4\x63h am Dienstag, 8. Dezember um 15 Uhr. "
	  "W\xc3\xa4rst du meine Referenz?", "other" },
};

static void test_whose_interview(void **state)
{
	struct detect_opts o;

	(void)state;
	opts_for_tests(&o);
	for (size_t i = 0; i < ARRAY_LEN(whose); i++) {
		char *body = xasprintf("Hi Jane,\n\n%s\n\nSam\n", whose[i].body);
		json_t *j = mail_with("Tue, 24 Nov 2026 14:08:19 +0000", "Sam Lee <sam.lee@northwind.example>",
		    "Hello", body, &o);

		expect_str(j, "kind", whose[i].kind, whose[i].body);
		json_decref(j);
		free(body);
	}
}

/* The employer's own business, sent by its HR system in its name to the
 * user (an annual review), and a course whose lessons practise
 * interviewing, are no interviews; the same HR system's mail in another
 * employer's name is. */
static void test_own_side_systems(void **state)
{
	static const struct { const char *from, *subject, *body, *kind; } cases[] = {
		{ "Harbourline Analytics <noreply@mail.personio.de>", "Je jaargesprek met Roos Jacobs is ingepland",
		  "Je jaargesprek is ingepland.\n\nGesprek: Jaargesprek 2026\nMet: Roos Jacobs (Design Director)\n"
		  "Wanneer: maandag 14 december 2026, 15:00 - 16:00\n", "other" },
		{ "Kestrel Robotics <noreply@mail.personio.de>", "Einladung zum Vorstellungsgespr\xc3\xa4\x63h",
		  "Wir laden Sie zum Vorstellungsgespr\xc3\xa4\x63h am Montag, 14. Dezember 2026 um 15:00 Uhr ein.\n",
		  "interview" },
		{ "Design Academie <cursussen@designacademie.example>", "Welkom bij de cursus - les 1 op 13 januari",
		  "Welkom bij de cursus! Les 1 op woensdag 13 januari 2027 van 19:00 tot 21:30: "
		  "interviewtechnieken voor gebruikersonderzoek.\n", "other" },
	};
	struct detect_opts o;

	(void)state;
	opts_for_tests(&o);
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		json_t *j = mail_with("Mon, 7 Dec 2026 09:00:41 +0100", cases[i].from, cases[i].subject,
		    cases[i].body, &o);

		expect_str(j, "kind", cases[i].kind, cases[i].subject);
		json_decref(j);
	}
}

/* A hiring system's rejection that greets the user by name, or names the
 * user's application in its subject ("Your application - ..."), is one,
 * with "Precedence: bulk" too; a bulk mail that does neither stays bulk. */
static void test_bulk_rejection(void **state)
{
	static const char body[] = "Thank you for applying for the Product Designer position at "
	    "Kingsgate Insurance.\n\nUnfortunately, we will not be progressing your application further.\n\n"
	    "Kingsgate Insurance Talent Team\n";
	static const struct { const char *greeting, *subject, *kind; } cases[] = {
		{ "Dear Jane,", "Your application - Product Designer", "rejection" },
		{ "Dear candidate,", "Your application - Product Designer", "rejection" },
		{ "Dear Jane,", "An update from Kingsgate Careers", "rejection" },
		{ "Dear candidate,", "An update from Kingsgate Careers", "other" },
	};
	struct detect_opts o;

	(void)state;
	opts_for_tests(&o);
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char *b = xasprintf("%s\n\n%s", cases[i].greeting, body);
		json_t *j = mail_headed("Mon, 7 Dec 2026 09:00:41 +0000", "Kingsgate Careers <careers-noreply@kingsgate.example>",
		    cases[i].subject, "Precedence: bulk\r\n", b, &o);

		expect_str(j, "kind", cases[i].kind, cases[i].greeting);
		json_decref(j);
		free(b);
	}
}

/* Blind set 21's principles, each in a mail of its own: a first meeting
 * of any kind is an interview only about a job; a hyphen joins "Mock-
 * Interview"; an editor's request is the press; a paid study is none; an
 * hour before a German verb's end is a time; "noch" after the choice is
 * another clause's; an impersonal cancel needs nobody; an event named as a
 * cause is not the mail's; a hiring system in Sender is one; a
 * signature's line with a legal form names the organisation. */
static void test_set21_principles(void **state)
{
	static const char *const lever = "Sender: no-reply@hire.lever.co\r\n"
	    "List-Unsubscribe: <https://hire.lever.co/candidate-unsubscribe/1>\r\n";
	static const struct {
		const char *from, *subject, *extra, *body, *kind, *field, *want;
	} cases[] = {
		{ "Kita Sonnenstube <leitung@kita.example>", "Einladung Kennenlerngespr\xc3\xa4\x63h",
		  "", "Liebe Familie Doe\n\nGerne laden wir Sie zu einem Kennenlerngespr\xc3\xa4\x63h "
		  "ein: Dienstag, 15. Dezember 2026, 17.15 Uhr.\n\nHerzliche Gr\xc3\xbcsse\nSeraina",
		  "other", NULL, NULL },
		{ "Lena Vogt <lena@zahlwerk.example>", "Kennenlerngespr\xc3\xa4\x63h", "",
		  "Hallo Jane\n\nDanke f\xc3\xbcr deine Bewerbung! Gerne laden wir dich zu einem "
		  "Kennenlerngespr\xc3\xa4\x63h ein: Dienstag, 15. Dezember 2026, 17.15 Uhr.\n\nLena",
		  "interview", "start", "2026-12-15T17:15:00Z" },
		{ "Andrea Bolliger <andrea@coaching.example>", "Mock-Interview Montag 18 Uhr", "",
		  "Hoi Jane\n\nSuper, dann machen wir am Montag, 14.12., von 18 bis 19 Uhr unser "
		  "Mock-Interview.\n\nAndrea", "other", NULL, NULL },
		{ "Sarah Zimmermann <s.z@wirtschaftsblatt.example>", "Interview-Anfrage", "",
		  "Gr\xc3\xbc" "ezi Frau Doe\n\nH\xc3\xa4tten Sie Zeit f\xc3\xbcr ein Interview? Mir "
		  "w\xc3\xbcrde Donnerstag, 17. Dezember, um 11 Uhr passen.\n\nSarah Zimmermann\n"
		  "Redaktorin Finanzplatz", "other", NULL, NULL },
		{ "Calendly <notifications@calendly.com>",
		  "Confirmed: Banking study - 45 min interview (CHF 50 voucher) on Wednesday, December 16, 2026",
		  "", "A new event has been scheduled.\n\n12:15pm - 01:00pm (Greenwich Mean Time), "
		  "Wednesday, December 16, 2026", "other", NULL, NULL },
		{ "Sandro Meier <sandro@tech-recruiting.example>", "Telefoninterview morgen", "",
		  "Hoi Jane\n\nDer Hiring Manager ruft dich morgen um 9 auf deine Handynummer an. Es geht "
		  "um die Stelle als Java Developer.\n\nSandro", "interview", "start", "2026-12-10T09:00:00Z" },
		{ "Corinne Staeheli <corinne@rietberg.example>", "Ihre Bewerbung", "",
		  "Gr\xc3\xbc" "ezi Frau Doe\n\nLeider m\xc3\xbcssen wir Ihnen mitteilen, dass wir uns "
		  "f\xc3\xbcr eine andere Kandidatur entschieden haben, deren Profil unseren Anforderungen "
		  "noch etwas besser entspricht.\n\nCorinne", "rejection", NULL, NULL },
		{ "Ivana Petrovic <ivana@personal.example>", "Gespr\xc3\xa4\x63h Bank Zugersee", "",
		  "Gr\xc3\xbc" "ezi Frau Doe\n\nDas f\xc3\xbcr Montag, 21.12., um 10.00 Uhr geplante "
		  "Gespr\xc3\xa4\x63h zur Stelle als Java Engineer entf\xc3\xa4llt deshalb.\n\nIvana",
		  "cancel", NULL, NULL },
		{ "Monika Gerber <monika.gerber@alpenbahn.example>", "Verschiebung Vorstellungsgespr\xc3\xa4\x63h",
		  "", "Gr\xc3\xbc" "ezi Frau Doe\n\nLeider m\xc3\xbcssen wir das Gespr\xc3\xa4\x63h vom "
		  "Donnerstag verschieben, da Frau Zbinden an einem Workshop teilnehmen muss.\n\nNeuer "
		  "Termin: Montag, 11. Januar 2027, 08.00\xe2\x80\x93" "09.00 Uhr\n\nMonika Gerber",
		  "update", "start", "2027-01-11T08:00:00Z" },
		{ "Hannah Doyle <hannah.doyle@sterlingrails.example>", "Sterling Rails - second round interview",
		  lever, "Hi Jane,\n\nWe'd like to invite you to a second round for the Platform role.\n\n"
		  "When: Wednesday 16th December, 2pm GMT, 60 minutes\n\nKind regards,\nHannah",
		  "interview", "start", "2026-12-16T14:00:00Z" },
		/* the signature's line with a legal form names the organisation,
		 * over the department after the writer's title; Swiss and
		 * Italian closings open a signature */
		{ "BERSET Mathilde <mathilde.berset@aubert-fils.example>", "Interview", "",
		  "Dear Jane,\n\nWe are pleased to invite you to an interview for the position of Backend "
		  "Developer on Monday 21st December at 3 pm.\n\nBest regards,\n\nMathilde Berset\nHR Business "
		  "Partner \xe2\x80\x93 Digital & Retail\nMaison Aubert & Fils SA\nRue de la Corraterie 14 "
		  "\xe2\x80\x93 1204 Gen\xc3\xa8ve", "interview", "company", "Maison Aubert & Fils" },
		{ "Pedrazzini Chiara <chiara.pedrazzini@ceresiopay.example>", "Interview", "",
		  "Gentile Signora Doe,\n\nLa invitiamo a un colloquio per la posizione di Software Engineer "
		  "marted\xc3\xac 22 dicembre 2026 alle ore 14:30.\n\nCordiali saluti\n\nChiara Pedrazzini\n"
		  "Risorse Umane\nCeresio Pagamenti SA\nVia Nassa 21, 6900 Lugano", "interview", "company",
		  "Ceresio Pagamenti" },
		/* a formal closing; a care system's name; degrees after a name
		 * and the signature's delimiter; Québec's "inc." */
		{ "Tamara Rhodes <tamara.rhodes@va.example>", "Interview Confirmation", "",
		  "Dear Ms. Doe,\n\nYour interview is scheduled for Monday, December 14, 2026 at 2pm "
		  "Eastern. We anticipate making a selection by January 8, 2027.\n\nRespectfully,\n\n"
		  "Tamara Rhodes\nHuman Resources Specialist\nVA Boston Healthcare System | HR Management "
		  "Service (05)\n150 S. Huntington Ave, Boston, MA 02130", "interview", "company",
		  "VA Boston Healthcare System" },
		{ "Tamara Rhodes <tamara.rhodes@va.example>", "Interview Confirmation", "",
		  "Dear Ms. Doe,\n\nYour interview is scheduled for Monday, December 14, 2026 at 2pm "
		  "Eastern. We anticipate making a selection by January 8, 2027.\n\nRespectfully,\nTamara",
		  "interview", "decision_by", "2027-01-08" },
		{ "Genevieve Tremblay <gtremblay@borealis-tx.example>", "Entrevue", "",
		  "Bonjour Jane,\n\nMerci de votre int\xc3\xa9r\xc3\xaat pour le poste de gestionnaire principale, "
		  "Op\xc3\xa9rations cliniques. Je vous confirme notre entrevue le mercredi 16 d\xc3\xa9\x63\x65mbre "
		  "\xc3\xa0 14 h.\n\nJoyeuses F\xc3\xaates!\n\nGenevi\xc3\xa8ve\n\n--\nDre Genevi\xc3\xa8ve Tremblay, "
		  "Ph. D.\nDirectrice, Op\xc3\xa9rations cliniques\nBor\xc3\xa9\x61lis Th\xc3\xa9rapeutique inc.\n"
		  "1100, boul. Robert-Bourassa, Montr\xc3\xa9\x61l", "interview", "company",
		  "Bor\xc3\xa9\x61lis Th\xc3\xa9rapeutique" },
		{ "Genevieve Tremblay <gtremblay@borealis-tx.example>", "Entrevue", "",
		  "Bonjour Jane,\n\nMerci de votre int\xc3\xa9r\xc3\xaat pour le poste de gestionnaire principale, "
		  "Op\xc3\xa9rations cliniques. Je vous confirme notre entrevue le mercredi 16 d\xc3\xa9\x63\x65mbre "
		  "\xc3\xa0 14 h.\n\nGenevi\xc3\xa8ve", "interview", "role",
		  "gestionnaire principale, Op\xc3\xa9rations cliniques" },
		/* a job board's notice of the user's own interview called off,
		 * ending in "similar jobs"; a public body's status notice */
		{ "Indeed <invitations@indeed.com>", "Interview canceled: Clinical Operations Manager at Wellspring",
		  "", "Your interview was canceled\n\nWellspring Home Health canceled your interview for Clinical "
		  "Operations Manager scheduled for Monday, December 21, 2026 at 3:30 PM EST.\n\nFind similar "
		  "jobs", "cancel", NULL, NULL },
		{ "USAJOBS <noreply@usajobs.gov>", "Application Status Update for Program Analyst", "",
		  "Dear Jane Doe,\n\nThe status of your application for the following position has changed.\n\n"
		  "Position: Program Analyst (Quality Management)\nStatus: Not Selected\nReason: Another "
		  "applicant was selected for this position.", "rejection", NULL, NULL },
		/* a scheduling assistant's name before the organisation's; a
		 * signature's legal form with dots; a person met is no company */
		{ "Olivia | Bayside Health Careers <baysidehealth@paradox.ai>", "Your interview is confirmed!",
		  "", "Hi Jane! It's Olivia, the virtual assistant for Bayside Health. Your interview is all "
		  "set: Monday, December 14, 2026 at 11:00 AM EST.", "interview", "company", "Bayside Health" },
		{ "Andres Villasenor <avillasenor@altavista-lab.example>", "Entrevista", "",
		  "Hola Jane:\n\nTe confirmo la entrevista para el puesto de Gerente el martes 15 de "
		  "diciembre a las 10:00.\n\nSaludos cordiales,\nAndr\xc3\xa9s Villase\xc3\xb1or\nDirector de "
		  "Operaciones Cl\xc3\xadnicas, Latinoam\xc3\xa9rica\nLaboratorios Altavista, S.A. de C.V.\n"
		  "Av. Paseo de la Reforma 505, Piso 21", "interview", "company", "Laboratorios Altavista" },
		/* an offer taken back is a no */
		{ "Jamie Park <jamie@orcalink.example>", "About your offer from Orcalink", "",
		  "Jane,\n\nLate on Friday our lead investor pulled out, and without that round we can't "
		  "add to the team. I'm very sorry to tell you that we have to rescind the offer we extended "
		  "to you for the Staff Engineer role.\n\nJamie", "rejection", NULL, NULL },
		/* an institution's name as a hiring system's sender runs long */
		{ "Mersey & Irwell Teaching Hospitals NHS Foundation Trust <no-reply@trac.jobs.example>",
		  "Invitation to interview - Senior Information Analyst - 312-CORP-7781-A", "",
		  "Dear Jane Doe\n\nThank you for your application. We are pleased to invite you to an "
		  "interview on Tuesday 15 December 2026 at 11:15.\n\nRecruitment Team", "interview",
		  "company", "Mersey & Irwell Teaching Hospitals NHS Foundation Trust" },
		{ "Daniela Steiner <daniela.steiner@ukzb.example>", "Einladung", "",
		  "Guten Tag Frau Doe\n\nAnbei die Einladung zum Interview f\xc3\xbcr die Stelle Senior Backend "
		  "Engineer \xe2\x80\x93 Patientenabrechnung. Wir erwarten Sie am Donnerstag, 17. Dezember 2026 um 10 Uhr.",
		  "interview", "role", "Senior Backend Engineer \xe2\x80\x93 Patientenabrechnung" },
		{ "Corinne Staeheli <corinne.staeheli@rietberg-bank.example>", "Interview", "",
		  "Gr\xc3\xbc" "ezi Frau Doe\n\nGerne laden wir Sie zum Vorstellungsgespr\xc3\xa4\x63h f\xc3\xbcr "
		  "die Stelle als Java Engineer ein: Dienstag, 15. Dezember 2026, 14.00 Uhr.\n\nFreundliche "
		  "Gr\xc3\xbcsse\n\nCorinne Staeheli\nHR Business Partner\nBankhaus Rietberg AG", "interview",
		  "company", "Bankhaus Rietberg" },
		/* blind set 27 (Sydney) */
		/* a state's service to the user, not a job */
		{ "Department of Home Affairs <citizenship.appointments@homeaffairs.gov.example>",
		  "Citizenship appointment - interview and test", "",
		  "You are invited to attend a citizenship appointment at:\n\n  Date: Wednesday 16 "
		  "December 2026\n  Time: 9:20am\n\nAt your appointment, an officer will interview you "
		  "to confirm your identity.", "other", NULL, NULL },
		/* a child's place, to the parents */
		{ "Registrar <registrar@coogeeheights.example>",
		  "Year 7 2028 entry - interview invitation for Matilda", "",
		  "Dear Mr and Mrs Doe,\n\nThank you for Matilda's application for Year 7 entry. We are "
		  "pleased to invite Matilda and at least one parent to an interview with the Principal:"
		  "\n\n  Monday 14 December 2026, 4:15pm\n\nMrs Annabel Cheng\nRegistrar", "other", NULL, NULL },
		/* the user is the referee of someone else */
		{ "Josh Whitford <josh@blighstreet.example>", "Reference check - Sarah Lim - Thursday 11am", "",
		  "Hi Jane,\n\nThanks for agreeing to act as a referee for Sarah Lim, who has applied for a "
		  "Senior Structural Engineer role with one of our clients.\n\nAs discussed, I'll call you "
		  "on Thursday 17 December at 11am.\n\nJosh Whitford\nConsultant", "other", NULL, NULL },
		/* an offer by its terms and the New Zealand name of the contract */
		{ "Hemi Tawhiri <hemi.tawhiri@harbourcapital.example>",
		  "Offer - Principal Structural Engineer", "",
		  "Kia ora Jane,\n\nAs promised, here is our offer in writing for the role of Principal "
		  "Structural Engineer.\n\n  Salary: NZD $198,000 per annum\n  Start date: Monday 1 March "
		  "2027\n\nThe formal employment agreement is attached.\n\nHemi", "offer", NULL, NULL },
		/* "regret to inform" in Spanish, before a rejection ... */
		{ "Catalina Munoz <cmunoz@pacificosur.example>",
		  "Resultado proceso de selecci\xc3\xb3n - Director de Ingenier\xc3\xad\x61", "",
		  "Estimada Jane:\n\nLamentamos informarle que, en esta oportunidad, no continuaremos con "
		  "su postulaci\xc3\xb3n al cargo de Director de Ingenier\xc3\xad\x61.\n\nCatalina",
		  "rejection", NULL, NULL },
		/* ... and in Portuguese, before a cancellation: no decision */
		{ "Celso Macuacua <celso@indicofintech.example>",
		  "RE: Convite para entrevista - Gestor de Engenharia de Dados", "",
		  "Estimada Jane,\n\nLamentamos informar que a entrevista agendada para quinta-feira, 10 "
		  "de Dezembro, \xc3\xa0s 9h30, foi cancelada devido a uma reestrutura\xc3\xa7\xc3\xa3o "
		  "interna.\n\nA sua candidatura continua activa.\n\nCelso", "cancel", NULL, NULL },
		/* a hiring system's invitation to the user, sent as bulk mail, its
		 * logo's name above the greeting */
		{ "Sydney Basin Water <noreply@pageuppeople.com>",
		  "Interview invitation - Job No. 5521 Senior Project Manager", "Precedence: bulk\r\n",
		  "Sydney Basin Water\nDear Jane,\nThank you for applying for the Senior Project Manager "
		  "position. We are pleased to let you know you have progressed to the interview stage.\n"
		  "Panel interview\nDate: Friday 11 December 2026\nTime: 9.30am - 10.30am\nVenue: 1 Smith "
		  "Street, Parramatta", "interview", NULL, NULL },
		/* the same headers on a newsletter that greets nobody stay bulk */
		{ "Sydney Basin Water <noreply@pageuppeople.com>",
		  "Careers at Sydney Basin Water", "Precedence: bulk\r\n",
		  "Sydney Basin Water careers news\nOur graduate program opens soon. Thank you for applying "
		  "to our talent community. Interview tips webinar: Friday 11 December 2026, 9.30am - "
		  "10.30am.", "other", NULL, NULL },
		};
	struct detect_opts o;

	(void)state;
	opts_for_tests(&o);
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		json_t *j = mail_headed("Wed, 9 Dec 2026 17:42:18 +0000", cases[i].from, cases[i].subject,
		    cases[i].extra, cases[i].body, &o);

		expect_str(j, "kind", cases[i].kind, cases[i].subject);
		if (cases[i].field != NULL)
			expect_str(j, cases[i].field, cases[i].want, cases[i].subject);
		json_decref(j);
	}
}

/* The panel as people write it: under a line that names it and ends in
 * a colon, or a heading of its noun alone, a name a line with its title
 * after it (and a calendar's list of its guests, headed "Teilnehmer", is
 * no panel); "with" is no given name; an honorific in lower case opens
 * a list item; who "receives" the user, "conducted by ... and me"; the
 * person's own Reply-To over a meeting tool's relay of the same name;
 * "une heure trente" is ninety minutes. */
static void test_panel_as_written(void **state)
{
	static const struct {
		const char *from, *extra, *body, *people;
	} cases[] = {
		{ "Ellie Marsh <ellie@ledgerly.example>", "",
		  "Hi Jane,\n\nWe'd love to invite you to the second stage for the Analyst role.\n\n"
		  "This is a 90-minute panel of three over Google Meet:\n\n- Priya Raman, Head of Product "
		  "Analytics\n- Marcus Oyelaran, VP Product\n\nWhen: Wednesday 16th December, 13:00-14:30 "
		  "(UK time)\n\nEllie", "marcus oyelaran|;priya raman|;" },
		{ "Fatima El Amrani <f.elamrani@museum.example>", "",
		  "Geachte mevrouw Doe,\n\nWij nodigen u uit voor een gesprek voor de functie van Designer "
		  "op woensdag 16 december om 10.15 uur.\n\nDe selectiecommissie bestaat uit:\n- mevrouw "
		  "Anouk de Graaf, hoofd Digitaal & Publiek\n- de heer Willem Bos, conservator Maritieme "
		  "Geschiedenis\n\nMet vriendelijke groet,\nFatima El Amrani",
		  "anouk de graaf|;willem bos|;" },
		{ "Ada Byrne <ada@fernhill.example>", "",
		  "Hi Jane,\n\nYour interview for the Analyst role has been scheduled.\n\nWednesday, "
		  "December 16, 2026\n1:00 PM - 1:45 PM (GMT)\n\nInterviewers\nCian Gallagher, Analytics "
		  "Lead\nRoisin Keane, Product Manager\n\nLocation\nZoom", "cian gallagher|;roisin keane|;" },
		{ "Lucia Perez <lucia@ondanet.example>", "",
		  "Hola Jane:\n\nTe confirmo la entrevista para el puesto de Data Scientist el mi\xc3\xa9rcoles "
		  "16 de diciembre a las 10:00.\n\n\xf0\x9f\x91\xa4 Con Rodrigo Alatorre, Gerente de Modelos\n\n"
		  "Lucia", "rodrigo alatorre|;" },
		{ "Banque Lorentz <rh@lorentz.example>", "",
		  "Madame,\n\nL'entretien pour le poste d'analyste aura lieu le mercredi 16 d\xc3\xa9\x63\x65mbre "
		  "2026 \xc3\xa0 9h00. Vous serez re\xc3\xa7ue par Madame Sophie Weber, Directrice des "
		  "Ressources Humaines, et Monsieur Laurent Kieffer, Chief Data Officer. L'entretien durera "
		  "environ une heure trente.\n\nCordialement", "laurent kieffer|;sophie weber|;" },
		{ "Marta Sequeira <marta.sequeira@brisamar.example>", "",
		  "Exma. Senhora,\n\nA entrevista para a fun\xc3\xa7\xc3\xa3o de Engenheira de Software "
		  "ter\xc3\xa1 lugar no dia 16 de dezembro, pelas 15h00, e ser\xc3\xa1 conduzida pelo Eng. Rui "
		  "Tavares, Diretor de Engenharia, e por mim.\n\nCom os melhores cumprimentos,\nMarta Sequeira",
		  "marta sequeira|marta.sequeira@brisamar.example;rui tavares|;" },
		{ "Daniela Steiner via Webex <messenger@webex.com>",
		  "Reply-To: Daniela Steiner <daniela.steiner@ukzb.example>\r\n",
		  "Guten Tag Frau Doe\n\nAnbei die Einladung zum Interview f\xc3\xbcr die Stelle Backend "
		  "Engineer am Mittwoch, 16. Dezember 2026, um 10 Uhr. Teilnehmen werden Daniela Steiner "
		  "(Leiterin Entwicklung) und Michael Amstutz (HR-Berater).\n\nFreundliche Gr\xc3\xbcsse",
		  "daniela steiner|daniela.steiner@ukzb.example;michael amstutz|;" },
	};
	static const struct { const char *date, *from, *subject, *body; } others[] = {
		{ "Wed, 16 Dec 2026 14:12:06 +0100", "Carmen Oliva <carmen88@example.org>",
		  "auxilio!! entrevista ma\xc3\xb1\x61na", "Luciiii\n\nOye que me han llamado de Ondanet!! "
		  "Tengo la entrevista final ma\xc3\xb1\x61na a las 10 con el director de plataforma y estoy de "
		  "los nervios.\n\nCarmen" },
		{ "Tue, 15 Dec 2026 09:03:18 +0100", "Factorial <notifications@factorialhr.com>",
		  "Alberto Quintana ha programado tu entrevista de evaluaci\xc3\xb3n del desempe\xc3\xb1o",
		  "Hola Luc\xc3\xad\x61,\n\nAlberto Quintana ha programado tu entrevista de evaluaci\xc3\xb3n "
		  "del desempe\xc3\xb1o.\n\nFecha: lunes, 21 de diciembre de 2026\nHora: 10:00 \xe2\x80\x93 11:00" },
		/* the user as a study's participant */
		{ "Fri, 11 Dec 2026 19:27:41 +0000", "Kayla Whitman <kwhitman@charlesgate.example>",
		  "Research interview scheduled - Thursday 12/17 at noon",
		  "Dear Ms. Doe,\n\nThank you for agreeing to participate in our study on nurse managers' "
		  "well-being. I have scheduled your research interview for Thursday, December 17, 2026, "
		  "12:00 p.m. ET on Zoom.\n\nKayla Whitman\nPhD Candidate" },
		/* a child's school place; a coaching session about interviews */
		{ "Mon, 07 Dec 2026 15:31:05 +0000", "Gaelscoil Bhr\xc3\xad\x64\x65 <oifig@gaelscoilbhride.example>",
		  "Open Day and Enrolment Interview \xe2\x80\x93 Ois\xc3\xadn",
		  "Dear parents,\n\nThank you for applying for a Junior Infants place for Ois\xc3\xadn.\n\n"
		  "Enrolment interview: Wednesday 16 December at 4.15pm with our principal, M\xc3\xa1ire Nic "
		  "Aodha.\n\nM\xc3\xa1ire Nic Aodha\nPrincipal" },
		{ "Tue, 08 Dec 2026 12:04:59 +0000", "Maura Quinlan Career Coaching <no-reply@acuityscheduling.com>",
		  "Confirmed: Interview Preparation Coaching (60 minutes) on Monday, December 14, 2026",
		  "Hi Jane,\n\nYour appointment is confirmed:\n\nWhat: Interview Preparation Coaching (60 "
		  "minutes)\nWhen: Monday, December 14, 2026 7:00pm (Dublin time)\nWith: Maura Quinlan\n\n"
		  "Please email me the job descriptions for any interviews you have coming up.\n\nMaura Quinlan\n"
		  "Career & Interview Coach" },
		/* a first call asked for, a time to book on the writer's calendar */
		{ "Mon, 07 Dec 2026 08:46:58 -0500", "Jake Turner <jake@kineticsearch.example>",
		  "Director of Nursing opportunity - quick call this week?",
		  "Hi Jane,\n\nI'm partnering with a community hospital on a Director of Nursing search. "
		  "Are you open to a quick call this week? I'm free Tuesday 12/8 after 2pm ET. Or grab 15 "
		  "minutes on my calendar here: https://calendly.com/jake-turner/15min\n\nJake" },
	};
	struct detect_opts o;
	json_t *j;

	(void)state;
	opts_for_tests(&o);
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		j = mail_headed("Wed, 9 Dec 2026 17:42:18 +0000", cases[i].from, "Interview", cases[i].extra,
		    cases[i].body, &o);
		expect_str(j, "kind", "interview", cases[i].from);
		expect_people(j, cases[i].people);
		if (i == 4)
			expect_str(j, "end", "2026-12-16T10:30:00Z", "une heure trente");
		json_decref(j);
	}
	/* not the user's interview: a friend's own ("Tengo la entrevista
	 * final"), the user's performance review at their own job, a study's
	 * interview, a child's enrolment interview, a coaching session; not
	 * yet one: a call asked for */
	for (size_t i = 0; i < ARRAY_LEN(others); i++) {
		j = mail_with(others[i].date, others[i].from, others[i].subject, others[i].body, &o);
		expect_str(j, "kind", "other", others[i].from);
		json_decref(j);
	}
	/* the organisation's process is no meeting of the writer's ("a
	 * formal part of our interview process"); "the Clinical Research
	 * Unit team" is a department, no company */
	j = mail_with("Tue, 15 Dec 2026 12:37:02 -0500", "Jennifer Walsh <jwalsh@ssrh.example>",
	    "Meet & greet with the Clinical Research Unit team - next Tuesday", "Hi Jane,\n\nAs the next "
	    "step for the Manager position, we'd like you to come in for a meet & greet on Tuesday (12/22) "
	    "from 12:00 to 1:00 Eastern.\n\nAlthough it's casual, this is a formal part of our interview "
	    "process.\n\nYou'll meet:\n- Kayla Fitzgerald, RN - Research Nurse\n- Omar Haddad - Senior "
	    "Coordinator\n\nThanks,\nJen", &o);
	expect_people(j, "kayla fitzgerald|;omar haddad|;");
	expect_not(j, "company", "Clinical Research Unit", "the unit's team");
	json_decref(j);
	/* a title's field after its comma is no person ("Sr. Director,
	 * Clinical Affairs") */
	j = mail_with("Mon, 7 Dec 2026 10:00:00 -0500", "Greg Tully <gtully@lumora-med.example>",
	    "Interview confirmed", "Hi Jane,\n\nYour interview is confirmed for Wednesday, December 16 at "
	    "3:00 PM ET.\n\nInterviewers: Nicole Brandt, Sr. Director, Clinical Affairs; Ravi Menon, "
	    "Manager, Clinical Data Management\n\nGreg", &o);
	expect_people(j, "nicole brandt|;ravi menon|;");
	json_decref(j);
	/* the user's thank-you answered, quoted under Outlook's Spanish
	 * header ("Enviado el:"): a reply, its date no interview's */
	j = quoting_reply("Mon, 07 Dec 2026 19:22:04 -0600", "Andres Villasenor <avillasenor@altavista-lab.example>",
	    "RE: Agradecimiento - entrevista Gerente de Operaciones", "Hola Jane:\n\nMuchas gracias por tu "
	    "correo y por tu tiempo el viernes. Esperamos darte una respuesta a m\xc3\xa1s tardar el viernes 18 "
	    "de diciembre.\n\nSaludos cordiales,\nAndr\xc3\xa9s", "De: Jane Doe <jane.doe@example.net>\n"
	    "Enviado el: viernes, 4 de diciembre de 2026 17:40\nPara: Andres <avillasenor@altavista-lab.example>\n"
	    "Asunto: Agradecimiento - entrevista Gerente de Operaciones\n\nDear Andr\xc3\xa9s,\n\nThank you "
	    "for your time today.\n\nJane", &o);
	expect_str(j, "kind", "reply", "thank-you answered");
	expect_not(j, "company", "Agradecimiento", "thank-you answered");
	json_decref(j);
	/* a notice labels its organisation; a large one numbers namesakes'
	 * addresses ("gemma.lloyd4@") */
	j = mail_with("Fri, 11 Dec 2026 16:03:19 +0000", "NHS Jobs <noreply@jobs.nhs.uk>",
	    "Invitation to interview - Research Operations Manager", "Dear Jane Doe,\n\nInvitation to "
	    "interview\nJob title: Research Operations Manager\nOrganisation: Thameside University "
	    "Hospitals NHS Foundation Trust\nPay band: Band 8a\n\nDate: Monday 21 December 2026\nTime: "
	    "2.00pm (UK time, GMT)\n\nIf you have any questions, please contact Gemma Lloyd, Recruitment "
	    "Officer, on 020 7946 0412 or at gemma.lloyd4@nhs.example.\n\nKind regards\nRecruitment Team", &o);
	expect_str(j, "company", "Thameside University Hospitals NHS Foundation Trust", "labelled organisation");
	expect_str(json_object_get(j, "contact"), "email", "gemma.lloyd4@nhs.example", "numbered address");
	json_decref(j);
	/* Google's guest list, headed "Teilnehmer": its organiser first, who
	 * says she is not there */
	j = mail_with("Wed, 9 Dec 2026 17:42:18 +0000", "Jana Hofmann <jana@isarledger.example>",
	    "Einladung: Interview", "Interview Matti / Isar Ledger\nMittwoch, 16. Dezember 2026 11:00 "
	    "\xe2\x80\x93 12:00\n\nTeilnehmer\nJana Hofmann - Organisator\nThomas Brandl\n\nHi Jane,\n\n"
	    "es geht um die Rolle Backend Engineer. Mit dabei ist Thomas Brandl (VP Engineering); ich "
	    "selbst bin nicht dabei.\n\nLG Jana", &o);
	expect_people(j, "thomas brandl|;");
	json_decref(j);
}

/* A loop written in plain text: rows that start with their clock range,
 * the session and its people apart by a dash; the day from the prose
 * before.  And news that keeps an interview's time is an update; a reply
 * to the user's own mail that says so is a reply. */
static void test_text_loop_and_time_kept(void **state)
{
	static const struct {
		bool reply;   /* in a thread of the user's */
		const char *date, *from, *subject, *body, *kind, *start, *end, *what;
	} cases[] = {
		{ false, "Wed, 16 Dec 2026 14:09:51 +0000",
		  "Anna-Lena Brodbeck <anna-lena.brodbeck@rheinpharm.example>",
		  "Update: your interview day on 8 January (schedule change)",
		  "Dear Jane,\n\nA quick update regarding your final interview day with us on Friday, 8 January "
		  "2027: Jonas Frey will be on parental leave, so the system design session will be held by "
		  "Dr. Lukas Meier. For completeness, the updated schedule:\n\n"
		  "09:00 \xe2\x80\x93 09:30  Welcome & introduction \xe2\x80\x93 Anna-Lena Brodbeck\n"
		  "09:30 \xe2\x80\x93 10:30  Technical deep dive \xe2\x80\x93 Reto Schaub, Dr. Mei Lin\n"
		  "10:45 \xe2\x80\x93 11:45  System design \xe2\x80\x93 Dr. Lukas Meier (instead of Jonas Frey)\n"
		  "12:00 \xe2\x80\x93 12:45  Lunch with the team\n\nBest regards,\nAnna-Lena",
		  "update", "2027-01-08T09:00:00Z", "2027-01-08T12:45:00Z", "text loop" },
		{ false, "Tue, 15 Dec 2026 16:44:09 +0000", "Sophie Lammers <s.lammers@umc.example>",
		  "Wijziging tweede gesprek UX-designer", "Hoi Jane,\n\nEven een paar praktische wijzigingen voor "
		  "je gesprek van donderdag. De tijd blijft hetzelfde: do 17/12 van 10:30 tot 12:00.\n\nHet "
		  "gesprek is in kamer 3.08.\n\nSophie", "update", "2026-12-17T10:30:00Z", NULL, "time kept" },
		{ true, "Tue, 15 Dec 2026 08:53:30 +0000", "Femke Visser <femke@grachtenpay.example>",
		  "RE: Technical interview 4 januari", "Hoi Jane,\n\nGeen probleem: het technische gesprek voor "
		  "de rol van Backend Engineer is in het Engels. De tijd blijft hetzelfde (maandag 4 januari, "
		  "10:00 uur).\n\nFemke\n\nOn Mon, 14 Dec 2026 at 20:41, Jane Doe <jane.doe@example.net> wrote:\n"
		  "> Hallo Femke, zou het gesprek in het Engels kunnen plaatsvinden?\n> Jane", "reply", NULL, NULL,
		  "time kept, answering" },
		/* news that keeps the time, said by its clock */
		{ false, "Tue, 08 Dec 2026 08:44:10 -0600", "Olivia Grant <olivia.grant@meridianrail.example>",
		  "Interviewer change for Thursday - Meridian Rail", "Hi Jane,\n\nQuick heads-up about your "
		  "interview on the 10th for the Senior Software Engineer role: Vikram is out sick this week, so "
		  "Sofia Alvarez (Staff Engineer) will be interviewing you instead. Nothing else changes - still "
		  "9:00-10:00 AM CT on Thursday, same Zoom link.\n\nOlivia", "update", NULL, NULL,
		  "time kept by its clock" },
		/* a move asked in a reply, whatever the meeting is called */
		{ true, "Wed, 02 Dec 2026 17:30:00 -0800", "Kira Johansson <kira@tidewater.example>",
		  "Re: Hiring manager chat - Tidewater Robotics", "Hi Jane,\n\nRather than risk a choppy call, "
		  "can we move your chat with Owen to Monday, Dec 7 at 11:00 AM Pacific? Same Meet link, same 45 "
		  "minutes.\n\nKira", "update", "2026-12-07T19:00:00Z", NULL, "move asked" },
		/* a day, at the interview's own hour: no start, the day kept */
		{ true, "Fri, 04 Dec 2026 15:18:40 -0600", "Priya Raman <priya@northshore.example>",
		  "Re: Phone Screen - Northshore Health", "Hi Jane,\n\nI've been pulled into a hiring "
		  "event. I moved your phone screen from Tuesday to Wednesday, same time.\n\nPriya",
		  "update", NULL, NULL, "day moved, same time" },
		/* "at the same time" is at once, no hour */
		{ true, "Fri, 04 Dec 2026 15:18:40 -0600", "Priya Raman <priya@northshore.example>",
		  "Re: Phone Screen - Northshore Health", "Hi Jane,\n\nThanks for your note. At the same "
		  "time, we are moving the whole team to the new office on Wednesday.\n\nPriya",
		  "reply", NULL, NULL, "at the same time" },
		/* the move's " to " right before the new day, however long the
		 * meeting's name; "move forward to" a call moves nothing */
		{ true, "Fri, 04 Dec 2026 15:18:40 -0600", "Priya Raman <priya@northshore.example>",
		  "Updated: Phone Screen - Northshore Health", "Hi Jane,\n\nCould we move your phone "
		  "screen for the Senior Backend Engineer, Clinical Integrations role from Tuesday to "
		  "Wednesday, 12/9, same time (10:00 AM CST)?\n\nPriya", "update", "2026-12-09T16:00:00Z",
		  NULL, "move asked, long name" },
		{ true, "Fri, 04 Dec 2026 15:18:40 -0600", "Priya Raman <priya@northshore.example>",
		  "Re: Senior Backend Engineer", "Hi Jane,\n\nThanks for applying. Could we move forward to "
		  "a call on Tuesday at 3pm CST?\n\nPriya", "other", NULL, NULL, "move forward asked" },
		/* an hour and a half in French: "une heure et demie" */
		{ false, "Wed, 9 Dec 2026 10:00:00 +0000", "Sandrine Python <sandrine@banque.example>",
		  "Entretien", "Madame,\n\nNous avons le plaisir de vous inviter \xc3\xa0 un entretien pour le "
		  "poste de D\xc3\xa9veloppeur Java le lundi 21 d\xc3\xa9\x63\x65mbre 2026 \xc3\xa0 9h00. "
		  "L'entretien durera environ une heure et demie.\n\nSandrine Python", "interview", NULL,
		  "2026-12-21T10:30:00Z", "une heure et demie" },
	};
	struct detect_opts o;

	(void)state;
	opts_for_tests(&o);
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		json_t *j = (cases[i].reply ? reply_with : mail_with)(cases[i].date, cases[i].from,
		    cases[i].subject, cases[i].body, &o);

		expect_str(j, "kind", cases[i].kind, cases[i].what);
		if (cases[i].start != NULL)
			expect_str(j, "start", cases[i].start, cases[i].what);
		if (cases[i].end != NULL)
			expect_str(j, "end", cases[i].end, cases[i].what);
		json_decref(j);
	}
}

/* "Gerber Monika (HR-REC)" at monika.gerber@...: a directory's name, the
 * family name first and the department after it, is "Monika Gerber". */
static void test_directory_name_order(void **state)
{
	struct detect_opts o;
	json_t *j;
	const char *name;

	(void)state;
	opts_for_tests(&o);
	j = mail_with("Wed, 9 Dec 2026 10:00:00 +0000", "\"Gerber Monika (HR-REC)\" <monika.gerber@alpenbahn.example>",
	    "Vorstellungsgespr\xc3\xa4\x63h - Java Engineer",
	    "Gr\xc3\xbc" "ezi Frau Doe\n\nGerne laden wir Sie zum Vorstellungsgespr\xc3\xa4\x63h ein: Montag, "
	    "11. Januar 2027, 08.00\xe2\x80\x93" "09.00 Uhr.\n\nMonika Gerber\nRecruiterin", &o);
	name = json_string_value(json_object_get(json_object_get(j, "contact"), "name"));
	assert_non_null(name);
	assert_string_equal(name, "Monika Gerber");
	json_decref(j);
}

/* ---- decision dates ----------------------------------------------------------- */

static const struct { const char *date, *sentence, *want; } decision_cases[] = {
	{ "Mon, 22 Feb 2027 10:00:00 +0000", "We will get back to you by 2 March.", "2027-03-02" },
	/* offers made are the decision */
	{ "Fri, 18 Dec 2026 11:04:52 +0300", "We aim to make offers at the fair on Sunday 10 January.", "2027-01-10" },
	/* "before Christmas", unless a date follows; a weekday and a
	 * date in the order that falls on it */
	{ "Thu, 10 Dec 2026 17:10:31 -0600", "You'll have an answer from us before Christmas.", "2026-12-24" },
	{ "Mon, 30 Nov 2026 10:00:00 +0000", "We'd hope to have a decision for you before Christmas - by Friday 18 December at the latest.", "2026-12-18" },
	{ "Tue, 01 Dec 2026 10:00:00 -0700", "We're aiming to have a decision by next Wednesday, 12/9.", "2026-12-09" },
	{ "Wed, 02 Dec 2026 10:00:00 -0700", "You can expect to hear from me by end of next week.", "2026-12-11" },
	/* a day of the month alone: this month's, or the next month's */
	{ "Tue, 08 Dec 2026 12:40:55 +0530", "We will revert with the final decision by 15th.", "2026-12-15" },
	{ "Tue, 08 Dec 2026 12:40:55 +0530", "The team will make a decision by the 3rd.", "2027-01-03" },
	/* a German day and month, its closing dot inside the sentence or
	 * ending it */
	{ "Thu, 17 Dec 2026 15:12:05 +0100", "Sp\xc3\xa4testens bis zum 22.12. melden wir uns bei Dir mit einer R\xc3\xbc" "ckmeldung.", "2026-12-22" },
	{ "Thu, 17 Dec 2026 15:12:05 +0100", "We will inform you about our decision until 22.12.", "2026-12-22" },
	/* a date the user is asked to answer by is no promise of news */
	{ "Wed, 09 Dec 2026 08:57:12 +0100", "Falls Du den Termin nicht wahrnehmen kannst, gib mir bitte bis Freitag Bescheid.", NULL },
	{ "Wed, 09 Dec 2026 08:57:12 +0100", "Please let me know your decision by Friday.", NULL },
	/* a weekday with the day of the month after it: the day said */
	{ "Wed, 09 Dec 2026 15:20:00 -0500", "We'll have a decision for you by Friday the 18th at the latest.", "2026-12-18" },
	/* the Dutch "besluit" */
	{ "Mon, 22 Feb 2027 10:00:00 +0100", "We verwachten uiterlijk vrijdag 5 maart een besluit te nemen.", "2027-03-05" },
	{ "Mon, 22 Feb 2027 10:00:00 +0000", "We will get back to you by March 2nd at the latest.", "2027-03-02" },
	{ "Fri, 12 Mar 2027 17:00:00 +0100", "You should hear from us with a decision early next week.", "2027-03-16" },
	{ "Wed, 10 Mar 2027 10:00:00 +0000", "We expect to make a decision next week.", "2027-03-19" },
	{ "Wed, 10 Mar 2027 10:00:00 +0000", "We'll let you know by the end of the week.", "2027-03-12" },
	{ "Wed, 10 Mar 2027 10:00:00 +0000", "You will hear back within 5 business days.", "2027-03-17" },
	{ "Wed, 10 Mar 2027 10:00:00 +0000", "We aim to give you feedback within two weeks.", "2027-03-24" },
	{ "Wed, 10 Mar 2027 10:00:00 +0000", "Expect a decision by Friday.", "2027-03-12" },
	{ "Wed, 10 Mar 2027 10:00:00 +0000", "The team will share an update in the next few days.", "2027-03-15" },
	{ "Tue, 14 Dec 2027 10:00:00 +0000", "We will let you know our decision by 7 January.", "2028-01-07" },
	/* in the other languages */
	{ "Mon, 7 Dec 2026 10:00:00 +0100", "Wir melden uns bis Freitag, 11. Dezember mit einer Entscheidung.",
	  "2026-12-11" },
	{ "Mon, 7 Dec 2026 10:00:00 +0100", "Nous reviendrons vers vous avec une d\xc3\xa9\x63ision d'ici vendredi.",
	  "2026-12-11" },
	{ "Mon, 7 Dec 2026 10:00:00 +0100", "Le daremo un riscontro entro venerd\xc3\xac 11 dicembre.",
	  "2026-12-11" },
	{ "Mon, 7 Dec 2026 10:00:00 +0100", "Decyzj\xc4\x99 przeka\xc5\xbc\x65my do 11 grudnia.", "2026-12-11" },
	/* a weekday with its date is that date; "by" before "on" */
	{ "Thu, 3 Dec 2026 12:10:00 +0000", "We will come back to you with a decision by Friday 11 December.",
	  "2026-12-11" },
	{ "Wed, 25 Nov 2026 15:12:40 +0000", "We aim to give you a decision by Friday, 11 December.",
	  "2026-12-11" },
	{ "Thu, 10 Dec 2026 12:40:00 +0000", "The panel goes through feedback on Wednesday, and we "
	  "will let every finalist know where they stand by Friday 18 December.", "2026-12-18" },
	{ "Wed, 10 Mar 2027 10:00:00 +0000", "The office is closed on Friday.", NULL },
	{ "Wed, 10 Mar 2027 10:00:00 +0000", "We will get back to you soon.", NULL },
	/* "by month-end" */
	{ "Wed, 10 Mar 2027 10:00:00 +0000", "We will communicate the outcome to all candidates by month-end.",
	  "2027-03-31" },
	/* "no later than", "a más tardar" lead a date */
	{ "Wed, 10 Mar 2027 10:00:00 +0000", "We will let you know our decision no later than Friday 19 March.",
	  "2027-03-19" },
	{ "Wed, 10 Mar 2027 10:00:00 +0000",
	  "Te daremos una respuesta a m\xc3\xa1s tardar el viernes 19 de marzo.", "2027-03-19" },
	/* the user's act toward the writer is no promise */
	{ "Wed, 10 Mar 2027 10:00:00 +0000", "If you have any questions before Friday, reach out to me.",
	  NULL },
};

static void test_decision_by(void **state)
{
	struct detect_opts o;
	size_t i;

	(void)state;
	opts_for_tests(&o);
	for (i = 0; i < ARRAY_LEN(decision_cases); i++) {
		char *body = xasprintf("Hi Jane,\n\nThanks for your note about the Data Analyst role. %s\n\n"
		    "Best,\nAda Brooks\n", decision_cases[i].sentence);
		json_t *j = mail_with(decision_cases[i].date, "Ada Brooks <ada.brooks@initech.com>",
		    "Re: Data Analyst application", body, &o);

		/* a date promised is news on the application; none, a reply */
		expect_str(j, "kind", decision_cases[i].want ? "update" : "reply",
		    decision_cases[i].sentence);
		expect_str(j, "decision_by", decision_cases[i].want, decision_cases[i].sentence);
		json_decref(j);
		free(body);
	}
}

/* ---- links ----------------------------------------------------------------------- */

static const struct { const char *link, *want; } link_cases[] = {
	{ "https://zoom.us/j/123456789?pwd=abc&utm_source=x&utm_medium=y", "https://zoom.us/j/123456789?pwd=abc" },
	{ "https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fus02web.zoom.us%2Fj%2F8765%3Fpwd%3Dq1&data=05%7C01&sdata=z&reserved=0",
	  "https://us02web.zoom.us/j/8765?pwd=q1" },
	{ "https://www.google.com/url?q=https://meet.google.com/abc-defg-hij?authuser%3D1&sa=D&ust=1&usg=AOv",
	  "https://meet.google.com/abc-defg-hij" },
	{ "https://urldefense.proofpoint.com/v2/url?u=https-3A__acme.webex.com_acme_j.php-3FMTID-3Dm99&d=DwMF&c=x",
	  "https://acme.webex.com/acme/j.php?MTID=m99" },
	{ "https://teams.microsoft.com/l/meetup-join/19%3ameeting_Q%40thread.v2/0?context=%7b%7d&fbclid=x",
	  "https://teams.microsoft.com/l/meetup-join/19%3ameeting_Q%40thread.v2/0?context=%7b%7d" },
	{ "https://acme.com/careers?utm_source=mail", NULL },
};

static void test_links(void **state)
{
	struct detect_opts o;
	size_t i;

	(void)state;
	opts_for_tests(&o);
	for (i = 0; i < ARRAY_LEN(link_cases); i++) {
		char *body = xasprintf("Hi Jane,\n\nYour interview is on Tuesday, March 9, 2027 at 10:00 GMT.\n"
		    "Join: %s\n\nBest,\nAda Brooks\n", link_cases[i].link);
		json_t *j = mail_with("Mon, 1 Mar 2027 09:00:00 +0000", "Ada Brooks <ada.brooks@initech.com>",
		    "Interview", body, &o);

		expect_str(j, "meeting_url", link_cases[i].want, link_cases[i].link);
		json_decref(j);
		free(body);
	}
}

/* ---- options --------------------------------------------------------------------- */

static void test_options(void **state)
{
	static const char *const kw[] = { "pairing session" };
	static const char *const ignore[] = { "initech.com" };
	struct detect_opts o;
	const char *body = "Hi Jane,\n\nOur pairing session is on Tuesday, March 9, 2027 at 10:00 GMT.\n\n"
	    "Best,\nAda Brooks\n";
	json_t *j;

	(void)state;
	opts_for_tests(&o);
	/* without the configured keyword this is not about an interview */
	j = mail_with("Mon, 1 Mar 2027 09:00:00 +0000", "Ada Brooks <ada.brooks@initech.com>", "Tuesday", body, &o);
	expect_str(j, "kind", "other", "no keyword");
	json_decref(j);
	o.keywords = kw;
	o.n_keywords = 1;
	j = mail_with("Mon, 1 Mar 2027 09:00:00 +0000", "Ada Brooks <ada.brooks@initech.com>", "Tuesday", body, &o);
	expect_str(j, "kind", "interview", "keyword");
	expect_str(j, "start", "2027-03-09T10:00:00Z", "keyword");
	json_decref(j);
	o.ignore_senders = ignore;
	o.n_ignore_senders = 1;
	j = mail_with("Mon, 1 Mar 2027 09:00:00 +0000", "Ada Brooks <ada.brooks@mail.initech.com>", "Tuesday", body, &o);
	expect_str(j, "kind", "other", "ignored");
	json_decref(j);
	/* the user's own mail is never an interview */
	opts_for_tests(&o);
	j = mail_with("Mon, 1 Mar 2027 09:00:00 +0000", "Jane Doe <jane.doe@example.net>", "Interview",
	    "Your interview is on Tuesday, March 9, 2027 at 10:00 GMT.", &o);
	expect_str(j, "kind", "other", "from me");
	json_decref(j);
}

/* ---- who is on the panel ----------------------------------------------------- */

/* An invite from PRODID with the organizer and the ATTENDEE lines given. */
static json_t *invite_with(const char *prodid, const char *attendees, const struct detect_opts *o)
{
	char *raw = xasprintf("From: Ravi Menon <ravi@acme.example>\r\nTo: jane.doe@example.net\r\n"
	    "Subject: Invitation: Interview - Platform Engineer @ Acme\r\n"
	    "Date: Mon, 1 Mar 2027 09:00:00 +0000\r\nMessage-ID: <panel@acme.example>\r\n"
	    "MIME-Version: 1.0\r\nContent-Type: text/calendar; method=REQUEST; charset=utf-8\r\n\r\n"
	    "BEGIN:VCALENDAR\r\nPRODID:%s\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\n"
	    "DTSTART:20270309T100000Z\r\nDTEND:20270309T110000Z\r\nUID:panel-1@acme.example\r\n"
	    "SUMMARY:Interview: Jane Doe - Platform Engineer\r\n"
	    "ORGANIZER;CN=Ravi Menon:mailto:ravi@acme.example\r\n%s"
	    "ATTENDEE;CN=Jane Doe:mailto:jane.doe@example.net\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
	    prodid, attendees);
	json_t *j = detect_raw(raw, strlen(raw), o, false);

	free(raw);
	return j;
}

static void test_organizer_on_panel(void **state)
{
	static const struct { const char *prodid, *attendees, *want; } cases[] = {
		/* a coordinator who sends the invite for a panel is not on it */
		{ "-//Homegrown//EN", "ATTENDEE;CN=Ada Brooks:mailto:ada@acme.example\r\n"
		  "ATTENDEE;CN=Ben Carter:mailto:ben@acme.example\r\n",
		  "ada brooks|ada@acme.example;ben carter|ben@acme.example;" },
		/* alone with the user, the organizer is the interviewer */
		{ "-//Homegrown//EN", "", "ravi menon|ravi@acme.example;" },
		/* listed among the attendees (as Google does): on the panel */
		{ "-//Google Inc//Google Calendar 70.9054//EN",
		  "ATTENDEE;CN=Ravi Menon:mailto:ravi@acme.example\r\n"
		  "ATTENDEE;CN=Ada Brooks:mailto:ada@acme.example\r\n",
		  "ada brooks|ada@acme.example;ravi menon|ravi@acme.example;" },
		/* Outlook never lists its organizer, who attends */
		{ "Microsoft Exchange Server 2010", "ATTENDEE;CN=Ada Brooks:mailto:ada@acme.example\r\n",
		  "ada brooks|ada@acme.example;ravi menon|ravi@acme.example;" },
		/* an optional guest beside a required one follows, does not
		 * interview */
		{ "-//Google Inc//Google Calendar 70.9054//EN",
		  "ATTENDEE;ROLE=REQ-PARTICIPANT;CN=Ravi Menon:mailto:ravi@acme.example\r\n"
		  "ATTENDEE;ROLE=OPT-PARTICIPANT;CN=Kara Lind:mailto:kara@acme.example\r\n",
		  "ravi menon|ravi@acme.example;" },
	};
	struct detect_opts o;

	(void)state;
	opts_for_tests(&o);
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		json_t *j = invite_with(cases[i].prodid, cases[i].attendees, &o);
		char *got = people_key(json_object_get(j, "interviewers"));

		expect_str(j, "kind", "interview", cases[i].prodid);
		if (strcmp(got, cases[i].want) != 0)
			fail_msg("case %zu: interviewers %s, want %s", i, got, cases[i].want);
		/* the organizer stays the contact either way */
		assert_string_equal(json_string_value(json_object_get(json_object_get(j, "contact"),
		    "email")), "ravi@acme.example");
		free(got);
		json_decref(j);
	}
}

/* An organizer alone with the user interviews, unless the mail names its
 * interviewers and not the organizer: then the organizer sent it for
 * them and is the contact. */
static void test_organizer_sends_for_others(void **state)
{
	static const struct { const char *desc, *want; } cases[] = {
		{ "DESCRIPTION:Your panel: Odile Brandt and Kenji Mori\\, both from the platform team.\r\n",
		  "kenji mori|;odile brandt|;" },
		/* the organizer named among them stays */
		{ "DESCRIPTION:You will meet Ravi Menon and Odile Brandt.\r\n",
		  "odile brandt|;ravi menon|ravi@acme.example;" },
		{ "", "ravi menon|ravi@acme.example;" },
	};
	struct detect_opts o;

	(void)state;
	opts_for_tests(&o);
	for (size_t i = 0; i < ARRAY_LEN(cases) + 1; i++) {
		/* Outlook seats its organizer by rule alone: the same exception
		 * ("La harás con Javier Morales") */
		bool outlook = i == ARRAY_LEN(cases);
		json_t *j = outlook ? invite_with("Microsoft Exchange Server 2010",
		    "ATTENDEE;CN=Odile Brandt:mailto:odile@acme.example\r\n"
		    "DESCRIPTION:La har\xc3\xa1s con Odile Brandt\\, Head of Data.\r\n", &o) :
		    invite_with("-//Homegrown//EN", cases[i].desc, &o);
		char *got = people_key(json_object_get(j, "interviewers"));

		if (strcmp(got, outlook ? "odile brandt|odile@acme.example;" : cases[i].want) != 0)
			fail_msg("case %zu: interviewers %s", i, got);
		assert_string_equal(json_string_value(json_object_get(json_object_get(j, "contact"),
		    "email")), "ravi@acme.example");
		free(got);
		json_decref(j);
	}
}

/* Notices and moves of blind set 23: a zone said by the country ("UAE
 * time"); a move "from" the old time "to" the new; the time to report by
 * before the interview's; a signature found by its address; "City of"
 * names; the subject's news and the employer's initials are no name;
 * an informational chat and an alert to "on-site contractors" are no
 * interview. */
static void test_notices_and_moves(void **state)
{
	struct detect_opts o;
	json_t *j;

	(void)state;
	opts_for_tests(&o);
	j = mail_with("Thu, 10 Dec 2026 12:05:33 +0400", "Reem Al Marzouqi <reem@egterminals.example>",
	    "Interview Invitation | Supply Chain Manager | EGT", "Dear Jane,\n\nKindly find below the "
	    "details of your virtual interview for the Supply Chain Manager position:\n\nDate Wednesday, "
	    "16 December 2026\nTime 5:30 PM - 6:15 PM (UAE time, GST / GMT+4)\n\nBest Regards,\nReem", &o);
	expect_str(j, "start", "2026-12-16T13:30:00Z", "UAE time");
	json_decref(j);
	j = mail_with("Mon, 14 Dec 2026 20:19:33 +0000", "Tanya Whitmore <twhitmore@gcsu.example>",
	    "RE: GCSU Director of Procurement Services - Search Committee Interview - NEW TIME",
	    "Good afternoon Ms. Doe,\n\nThe search committee needs to move your interview from Thursday, "
	    "December 17 at 2:00 p.m. to Friday, December 18 at 1:30 p.m. Central. The length (60 "
	    "minutes) is unchanged.\n\nRespectfully,\n\nTanya Whitmore\nSearch Coordinator\nGulf Coast "
	    "State University", &o);
	expect_str(j, "start", "2026-12-18T19:30:00Z", "moved from ... to");
	expect_str(j, "company", "Gulf Coast State University", "NEW TIME");
	expect_str(j, "role", "Director of Procurement Services", "initials");
	json_decref(j);
	j = mail_with("Mon, 14 Dec 2026 22:20:13 +0000", "City of Harbor Point <noreply@governmentjobs.com>",
	    "Oral Board Interview Notice - Procurement Manager", "Dear Jane Doe:\n\nYou are invited to "
	    "participate in the Oral Board Interview.\n\nDATE:            Wednesday, January 13, 2027\n"
	    "REPORT TIME:     8:45 a.m.\nINTERVIEW TIME:  9:00 a.m. (approximately 45 minutes)\n\nIf you "
	    "require a reasonable accommodation under the Americans with Disabilities Act, please contact "
	    "Human Resources.\n\nYolanda Pierce\nSenior HR Analyst - Civil Service Division\nCity of Harbor "
	    "Point\n281-555-0134 | ypierce@harborpointtx.example\n", &o);
	expect_str(j, "start", "2027-01-13T09:00:00Z", "report time");   /* in London, the tests' zone */
	expect_str(j, "company", "City of Harbor Point", "City of");
	expect_str(json_object_get(j, "contact"), "name", "Yolanda Pierce", "signed by address");
	expect_people(j, "");   /* no law ("Disabilities Act") is a person */
	json_decref(j);
	j = reply_with("Thu, 10 Dec 2026 15:12:33 +0000", "Priscilla Adeyemi <priscilla@stbrendan.example>",
	    "RE: Informational conversation?", "Hi Jane,\n\nHappy to do an informational chat! Friday, "
	    "December 18 at 3:00 PM Central works on my end.\n\nJust so expectations are clear: we don't "
	    "have any openings in supply chain right now, and this isn't part of a hiring process.\n\n"
	    "Talk Friday,\nPriscilla", &o);
	expect_str(j, "kind", "other", "informational chat");
	json_decref(j);
	j = mail_with("Wed, 09 Dec 2026 23:15:08 +0000", "Plant Alerts <noreply@alerts.example>",
	    "MANDATORY Safety Stand-Down - Fri 12/11 6:30 AM", "MANDATORY SAFETY STAND-DOWN\n\nFriday, "
	    "December 11, 2026\n1st shift: 6:30 AM - 7:30 AM, Bay 3\n\nAttendance is required for all "
	    "employees, supervisors and on-site contractors.\n", &o);
	expect_str(j, "kind", "other", "on-site contractors");
	json_decref(j);
	/* the one day named, the times paragraphs below it: past the time to
	 * get there by */
	j = mail_with("Thu, 10 Dec 2026 15:47:09 -0600", "Keisha Durant <kdurant@heartland.example>",
	    "Onsite interview & DC tour - Tues 12/22", "Hi Jane,\n\nHere are the details for your "
	    "onsite at our distribution center next Tuesday, 12/22, for the Operations Manager role.\n\n"
	    "Please get to the guard shack by 6:45 so security can badge you in; we'll start at 7:00 AM "
	    "sharp with the safety orientation.\n\nKeisha", &o);
	expect_str(j, "kind", "interview", "one day named");
	expect_str(j, "start", "2026-12-22T07:00:00Z", "one day named");
	json_decref(j);
	/* a card: the date alone on a line, the time under it */
	j = mail_with("Tue, 08 Dec 2026 22:14:05 +0000", "Quillfeather <no-reply@hire.lever.co>",
	    "Interview confirmed: Senior Backend Engineer at Quillfeather", "Hi Jane,\n\nYour interview "
	    "for Senior Backend Engineer at Quillfeather has been scheduled.\n\nTuesday, December 15, "
	    "2026\n\n1:00 PM PST - 2:00 PM PST\n\nVideo call: https://quillfeather.zoom.us/j/918\n", &o);
	expect_str(j, "start", "2026-12-15T21:00:00Z", "card");
	json_decref(j);
	/* an itinerary's bulleted rows under the day */
	j = mail_with("Mon, 14 Dec 2026 19:02:47 +0000", "Tidewater <notifications@goodtime.io>",
	    "Your interview itinerary with Tidewater - Friday, December 18", "Hi Jane,\n\nHere's your "
	    "interview itinerary for the S&OP Manager role. All times are shown in Central Time (CST).\n\n"
	    "Friday, December 18, 2026\n\n* 9:30 AM - 10:15 AM - Hiring Manager Interview\n  Bryce "
	    "Kowalski, Director of Planning\n* 10:30 AM - 11:15 AM - Behavioral Interview\n  Anita "
	    "Raghunathan, Plant Manager\n", &o);
	expect_str(j, "start", "2026-12-18T15:30:00Z", "bulleted rows");
	json_decref(j);
	/* a flight's time is no meeting of the day named above */
	j = reply_with("Thu, 03 Dec 2026 11:07:45 +1100", "Georgia Lim <georgia@southbank.example>",
	    "Re: Your final round onsite - Tue 8 Dec", "Hi Jane,\n\nAll set for next Tuesday! Could you "
	    "send me two referees?\n\nFlights are booked - you should have the itinerary from our "
	    "travel team (SYD-MEL 6:05am).\n\nGeorgia", &o);
	expect_str(j, "start", NULL, "a flight");
	json_decref(j);
	/* a search firm retained by its client: the client's job */
	j = mail_with("Sat, 12 Dec 2026 15:22:10 +0000", "Dana Whitcomb <dana@kestrelhale.example>",
	    "Candidate Interview - VP, Terminal Operations", "Hi Jane,\n\nKestrel Hale Executive Search "
	    "has been retained by Harbor & Rail Terminals to lead the search for its Vice President, "
	    "Terminal Operations. I will call you on Tuesday, December 15, 2026 at 11:30am CST for a "
	    "first interview.\n\nDana", &o);
	expect_str(j, "company", "Harbor & Rail Terminals", "retained by");
	json_decref(j);
	/* an acronym's phrase is no person ("SAP MM", "Booking ID"); a
	 * degree after a comma is no acronym ("Brooks, Darnell, MD") */
	j = mail_with("Tue, 08 Dec 2026 15:00:00 -0600", "Darnell Whitfield <darnell@bayoucrest.example>",
	    "Interview - Procurement Manager", "Hi Jane,\n\nI'd like to confirm your interview for the "
	    "Procurement Manager role on Thursday, December 10, 2026 at 2:00 PM Central.\n\nDarnell will "
	    "want to hear about your experience with MRO spend, turnaround material planning and SAP MM, "
	    "so have a couple of examples ready.\n\nBooking ID: 7c1f2e90\n\nDarnell Whitfield\n"
	    "Director, Bayou Crest Refining", &o);
	expect_people(j, "");   /* "SAP MM" was seated */
	json_decref(j);
	/* an interview word alone from a robot, nothing of a job: a service's
	 * appointment */
	j = mail_with("Fri, 11 Dec 2026 03:22:19 +0000", "TTP-NoReply@ttp.cbp.example",
	    "Trusted Traveler Programs - Interview Scheduled", "Dear JANE DOE,\n\nYour interview for "
	    "the GLOBAL ENTRY program has been scheduled.\n\n  Enrollment Center: Houston "
	    "Intercontinental Airport\n  Date: Wednesday, December 23, 2026\n  Time: 10:15 AM\n\n"
	    "This is an automated message. Please do not reply.\n", &o);
	expect_str(j, "kind", "other", "Global Entry");
	json_decref(j);
	/* a site of the employer in the subject is no employer */
	j = mail_with("Thu, 10 Dec 2026 15:47:09 -0600", "Keisha Durant <kdurant@heartlandfresh.example>",
	    "Onsite interview & DC tour - Tues 12/22 - Brookshire DC", "Hi Jane,\n\nHere are the details "
	    "for your onsite at our Brookshire distribution center next Tuesday, 12/22, for the "
	    "Distribution Center Operations Manager role.\n\nWe'll start at 7:00 AM sharp with the "
	    "safety orientation.\n\nKeisha\n\nKeisha Durant\nTalent Acquisition Manager - Supply "
	    "Chain\nHeartland Fresh Markets\nC: (281) 555-0126 | kdurant@heartlandfresh.example\n", &o);
	expect_not(j, "company", "Brookshire DC", "a site");
	json_decref(j);
	/* a team's display name: the organisation before its unit */
	j = mail_with("Wed, 09 Dec 2026 14:31:08 +0000", "Memorial Gulf Health System - Supply Chain "
	    "Talent <MGHSSupplyChainTalent@mgulfhealth.example>", "Booking confirmed: Leadership "
	    "Interview - Director, Supply Chain Operations", "Your booking is confirmed\n\nHi Jane,\n\n"
	    "Leadership Interview - Director, Supply Chain Operations\n12/14/2026 1:00 PM - 1:45 PM "
	    "(UTC-06:00) Central Time (US & Canada)\nStaff: Angela Broussard\n", &o);
	expect_str(j, "company", "Memorial Gulf Health System", "the unit cut");
	expect_people(j, "angela broussard|;");   /* not the team's mailbox */
	json_decref(j);
	/* someone off the panel: the sentence, for the hold; a day or a tool
	 * replaced is no one */
	j = reply_with("Fri, 18 Dec 2026 12:14:37 -0600", "Keisha Durant <kdurant@heartland.example>",
	    "Re: Onsite interview - Tues 12/22", "Hi Jane,\n\nQuick update for Tuesday - timing is "
	    "unchanged.\n\nDanielle is out on vacation next week, so Marcus Webb will sit in with Ray "
	    "for the 9:00 interview instead.\n\nKeisha", &o);
	expect_str(j, "panel_change", "Danielle is out on vacation next week, so Marcus Webb will sit "
	    "in with Ray for the 9:00 interview instead", "someone out");
	json_decref(j);
	j = reply_with("Thu, 17 Dec 2026 09:02:19 +0000", "Mirjam Cox <mirjam@lumen.example>",
	    "Updated Interview Schedule", "Hi Jane,\n\nWhat changed: Priyanka Rao replaces Lisa Chen in "
	    "the whiteboard exercise.\n\nMirjam", &o);
	expect_str(j, "panel_change", "What changed: Priyanka Rao replaces Lisa Chen in the whiteboard "
	    "exercise", "replaces");
	json_decref(j);
	j = reply_with("Thu, 17 Dec 2026 09:02:19 +0000", "Mirjam Cox <mirjam@lumen.example>",
	    "Re: Interview", "Hi Jane,\n\nCould we meet on Wednesday instead of Tuesday, same time, and "
	    "on Teams instead of Zoom?\n\nMirjam", &o);
	expect_str(j, "panel_change", NULL, "a day and a tool");
	json_decref(j);
	/* an agency's offer for the client its subject names */
	j = mail_with("Thu, 17 Dec 2026 17:52:40 -0600", "Derek Lanier <derek@lonepinesearch.example>",
	    "Offer! Kingwood Valve & Controls - Plant Operations Manager", "Jane -\n\nFantastic news: "
	    "Kingwood Valve & Controls wants to make you an offer for the Plant Operations Manager role! "
	    "Base: $158,000, start date Monday, January 25, 2027.\n\nDerek\n\nDerek Lanier\n"
	    "Principal | Lone Pine Search Group\n", &o);
	expect_str(j, "kind", "offer", "an agency's offer");
	expect_str(j, "company", "Kingwood Valve & Controls", "the client in the subject");
	json_decref(j);
}

/* Mail of blind set 24 (Singapore): Indonesian dates and zones, a
 * cancellation in Indian English, a table's rows under the day named
 * above it; the user as a referee, a parent at a school's admission, a
 * mentor. */
static void test_asia_pacific_mail(void **state)
{
	struct detect_opts o;
	json_t *j;

	(void)state;
	opts_for_tests(&o);
	j = mail_with("Thu, 10 Dec 2026 10:02:05 +0700", "Dewi Anggraini <dewi@nusantararasa.example>",
	    "Undangan Interview User - Regional Brand Manager", "Dengan hormat Ibu Jane,\n\nKami "
	    "mengundang Ibu untuk mengikuti tahap Interview User untuk posisi Regional Brand Manager:\n\n"
	    "Hari, tanggal : Senin, 21 Desember 2026\nWaktu         : 13.00 - 14.00 WIB (14.00 - 15.00 "
	    "waktu Singapura)\n\nSalam hangat,\nDewi Anggraini", &o);
	expect_str(j, "start", "2026-12-21T06:00:00Z", "Senin, WIB");
	expect_str(j, "end", "2026-12-21T07:00:00Z", "the same hour in Singapore");
	json_decref(j);
	j = reply_with("Mon, 14 Dec 2026 14:33:08 +0530", "Sneha Kulkarni <sneha@saffronridge.example>",
	    "RE: Interview Scheduled || Regional Marketing Lead || Saffron Ridge Foods", "Dear Jane,\n\n"
	    "This is to inform you that the interview scheduled for tomorrow i.e. 15th Dec'26 at 11:30 AM "
	    "IST with Mr. Rajesh Iyer stands cancelled, as the position has been put on hold.\n\nSneha",
	    &o);
	expect_str(j, "kind", "cancel", "stands cancelled");
	json_decref(j);
	j = mail_with("Wed, 09 Dec 2026 03:44:47 +0000", "Orchid Pacific Airlines <orchid@tbe.taleo.net>",
	    "Invitation to Assessment Day - Manager, Brand Marketing", "Dear Jane,\n\nWe are pleased to "
	    "invite you to our Assessment Day for the Manager, Brand Marketing position.\n\nDate: "
	    "18-Dec-2026 (Friday)\nVenue: Training Centre, Level 2\n\nTime (SGT)\tSession\tAssessor(s)\n"
	    "09:00 AM - 09:45 AM\tCase presentation\tMs Tay Hui Min\n10:00 AM - 11:15 AM\tPanel "
	    "interview\tMs Tay Hui Min\n", &o);
	expect_str(j, "start", "2026-12-18T01:00:00Z", "a table's rows under the day");
	json_decref(j);
	j = mail_with("Wed, 16 Dec 2026 09:31:14 +0800", "Gemma Clarke <gemma@northbeamsearch.example>",
	    "Reference call for Jasmine Koh - Thursday 3pm?", "Hi Jane,\n\nJasmine Koh has given your "
	    "name as a referee for a Senior Brand Manager role she is being considered for. Would you be "
	    "available for a reference call tomorrow (Thursday 17 Dec) at 3pm?\n\nGemma", &o);
	expect_str(j, "kind", "other", "the user a referee");
	json_decref(j);
	j = mail_with("Mon, 07 Dec 2026 13:22:44 +0800", "Admissions Office <admissions@lakeside.example>",
	    "Admissions interview for Ethan Doe (Year 3)", "Dear Mr and Mrs Doe,\n\nThank you for your "
	    "application for Ethan. We are pleased to invite Ethan and a parent for an admissions "
	    "interview:\n\nDate: Wednesday, 13 January 2027\nTime: 9.00am - 10.30am\n\nJoyce Phua\n"
	    "Admissions Manager", &o);
	expect_str(j, "kind", "other", "a school's admission");
	json_decref(j);
	j = mail_with("Mon, 14 Dec 2026 11:12:05 +0000", "MentorCircle <sessions@mentorcircle.example>",
	    "New session booked: Shreya Pillai booked \"30 min career chat\" with you", "Hi Jane,\n\nA "
	    "mentee has booked a session with you.\n\nWhen: Friday, 18 December 2026, 8:00 PM - 8:30 PM\n"
	    "What Shreya wants to talk about: \"I have my first interview for a brand manager role next "
	    "month.\"\n", &o);
	expect_str(j, "kind", "other", "a mentee");
	json_decref(j);
	/* the same hour said for Singapore, in French; a manner of interview
	 * in the subject is no company */
	j = mail_with("Tue, 08 Dec 2026 11:47:02 +0100", "Helene Dubois <h.dubois@maisonverlaine.example>",
	    "Entretien - Responsable Marketing - Maison Verlaine", "Bonjour Madame,\n\nJe vous confirme "
	    "votre entretien pour le poste de Responsable Marketing :\n\nDate : jeudi 17 d\xc3\xa9\x63\x65mbre "
	    "2026\nHeure : 9h00 - 10h00 (heure de Paris), soit 16h00 - 17h00 \xc3\xa0 Singapour\n\n"
	    "Bien cordialement,\nHelene Dubois", &o);
	expect_str(j, "start", "2026-12-17T08:00:00Z", "heure de Paris");
	expect_str(j, "end", "2026-12-17T09:00:00Z", "the same hours in Singapore");
	json_decref(j);
	j = mail_with("Mon, 14 Dec 2026 02:26:54 +0000", "Evercrest Talent Acquisition <evercrest@sapsf.com>",
	    "Live interview scheduled - Marketing Manager, Personal Care SEA", "Dear Jane,\n\nThank you "
	    "for your continued interest in Evercrest Consumer Goods.\n\nDate: 05 Jan 2027 (Tuesday)\n"
	    "Time: 09:00 - 10:00 (UTC+08:00) Kuala Lumpur, Singapore\nInterviewer: Mdm Anjali Deshpande, "
	    "Marketing Director\n", &o);
	expect_str(j, "company", "Evercrest Consumer Goods", "a live interview");
	expect_people(j, "anjali deshpande|;");   /* "Mdm" is her title */
	json_decref(j);
	/* "my client, Aurelle Beauty": an organisation, not a person met */
	j = mail_with("Mon, 07 Dec 2026 18:40:17 +0800", "Benedict Yeo <benedict.yeo@harcourtsearch.example>",
	    "Aurelle Beauty - first interview confirmed (Fri 11 Dec, 11am)", "Hi Jane,\n\nHere are the "
	    "details for your first interview with my client, Aurelle Beauty, for the Head of Marketing "
	    "role:\n\n  When:   Friday 11th December, 11:00am\n  With:   Camille Marchetti, Regional "
	    "Marketing Director\n\nBenedict\n\nBenedict Yeo\nHarcourt Search Pte Ltd\n", &o);
	expect_str(j, "company", "Aurelle Beauty", "my client");
	expect_people(j, "camille marchetti|;");
	json_decref(j);
	/* an Indonesian rejection */
	j = mail_with("Wed, 09 Dec 2026 15:12:35 +0700", "Rizky Pratama <rizky@cahayabumi.example>",
	    "Hasil Seleksi - Brand Communications Lead", "Yth. Ibu Jane,\n\nTerima kasih atas partisipasi "
	    "Ibu dalam proses seleksi untuk posisi Brand Communications Lead, termasuk sesi wawancara "
	    "minggu lalu.\n\nDengan berat hati kami sampaikan bahwa saat ini kami belum dapat melanjutkan "
	    "proses rekrutmen Ibu ke tahap berikutnya.\n\nRizky Pratama", &o);
	expect_str(j, "kind", "rejection", "belum dapat melanjutkan");
	json_decref(j);
}

/* ---- JSON ------------------------------------------------------------------------- */

/* Blind set 27 (Sydney): companies and people as the mail writes them. */
/* Mails read for several fields below. */
#define PARTNER_STAGE "Mon, 07 Dec 2026 10:02:11 +0000", "R\xc3\xb3is\xc3\xadn Keane <roisin.keane@kdm.example>", \
	  "Final stage \xe2\x80\x93 Partner interview", \
	  "Dear Jane,\n\nWe would like to invite you to the final stage for the Senior Manager, " \
	  "Accounting Advisory (Funds) role: an interview with Fiona Gallagher, Partner.\n\n" \
	  "Date: Thursday 17th December\nTime: 4pm \xe2\x80\x93 5pm\nVenue: KDM, 1 Harbourmaster " \
	  "Place, IFSC, Dublin 1\n\nKind regards,\nR\xc3\xb3is\xc3\xadn\n\nR\xc3\xb3is\xc3\xadn Keane\n" \
	  "Experienced Hire Recruitment\nKDM Ireland\n1 Harbourmaster Place, IFSC, Dublin 1, D01 F6F5\n"
#define WORK_FORWARD "Thu, 10 Dec 2026 12:01:00 +0000", "\"Doe, Jane\" <jane.doe@harbourline.example>", \
	  "FW: Interview - School Improvement Adviser", \
	  "fyi - sending to home address.\n________________________________\nFrom: Lorraine Achebe\n" \
	  "Sent: 10 December 2026 11:38\nTo: Doe, Jane\nSubject: Interview - School Improvement Adviser\n\n" \
	  "Dear Jane,\n\nThank you for your application for the post of School Improvement Adviser with " \
	  "the London Borough of Wandlebury.\n\nI am pleased to confirm your interview on Monday 11 January " \
	  "2027 at 10.15am at Wandlebury Civic Centre, with Ms Denise Farrow and Cllr Heather Brann.\n\n" \
	  "Kind regards,\n\nLorraine Achebe\nHR Business Support Officer\nPeople Services | London Borough " \
	  "of Wandlebury\nlorraine.achebe@wandlebury.gov.example\n"
#define PARTNER_FORWARD "Mon, 14 Dec 2026 19:22:05 +0000", "Sam Doe <sam.doe@example.com>", \
	  "Fwd: Interview confirmation", \
	  "Think this was meant for you! x\n\nBegin forwarded message:\n\n" \
	  "> From: Nadia Kowalczyk <nadia.k@pinnacle-edu.example>\n> Date: 14 December 2026 at 17:03:12 GMT\n" \
	  "> To: sam.doe@example.com\n> Subject: Interview confirmation\n>\n> Hi Jane,\n>\n" \
	  "> Confirming your interview for the Assistant Headteacher post at Hatcham Oak School on " \
	  "Wednesday 16th December at 1.30pm with Mr Clive Anand. I'll ring you once it finishes for " \
	  "feedback.\n>\n> Nadia Kowalczyk\n> Senior Consultant\n> Pinnacle Education Recruitment\n"

static const struct {
	const char *date, *from, *subject, *body;
	const char *field, *want;   /* "contact": its name */
	bool differs;               /* the field must not be want */
} sydney_names[] = {
	/* a signature's firm whose name ends in its kind, the address
	 * spelling only the words before it */
	{ "Mon, 14 Dec 2026 08:40:02 +1100", "Geoff Lomax <geoff.lomax@lomaxhartley.example>",
	  "Principal Bridge Engineer - outcome",
	  "Dear Jane,\n\nThank you for coming through to the final round last week.\n\nI'm sorry "
	  "to let you know that we have decided to offer the Principal Bridge Engineer role to another "
	  "candidate.\n\nWarm regards,\n\nGeoff Lomax FIEAust CPEng NER RPEQ\nDirector\n"
	  "Lomax Hartley Engineers\nLevel 4, 60 Clarence Street, Sydney NSW 2000",
	  "kind", "rejection", false },
	{ "Mon, 14 Dec 2026 08:40:02 +1100", "Geoff Lomax <geoff.lomax@lomaxhartley.example>",
	  "Principal Bridge Engineer - outcome",
	  "Dear Jane,\n\nThank you for coming through to the final round last week.\n\nI'm sorry "
	  "to let you know that we have decided to offer the Principal Bridge Engineer role to another "
	  "candidate.\n\nWarm regards,\n\nGeoff Lomax FIEAust CPEng NER RPEQ\nDirector\n"
	  "Lomax Hartley Engineers\nLevel 4, 60 Clarence Street, Sydney NSW 2000",
	  "company", "Lomax Hartley Engineers", false },
	/* a hiring system's link spells the name without its blank; the
	 * text writes it whole */
	{ "Thu, 10 Dec 2026 04:15:51 +0000",
	  "Tideway Infrastructure Hiring Team <no-reply@smartrecruiters.com>",
	  "Update on your application for Senior Civil Engineer",
	  "Hi Jane,\n\nThank you for your interest in the Senior Civil Engineer position at Tideway "
	  "Infrastructure.\n\nWe wanted to let you know that this position has now been filled.\n\n"
	  "See our other roles: https://jobs.smartrecruiters.com/TidewayInfrastructure/?utm_source=email",
	  "company", "Tideway Infrastructure", false },
	/* a firm's booking page is no person: the staff member is */
	{ "Thu, 10 Dec 2026 22:41:09 +0000",
	  "Sutherland Gray Partners - Talent <talent@sutherlandgray.example>",
	  "Booking confirmed: Initial conversation - Engineering Manager (Water)",
	  "Hello Jane Doe,\n\nThanks for booking with Sutherland Gray Partners - Talent.\n\n"
	  "Initial conversation - Engineering Manager (Water)\nDate Monday, 14 December 2026\n"
	  "Time 3:00 PM - 3:30 PM\nStaff Olivia Barnes\n",
	  "company", "Sutherland Gray Partners", false },
	{ "Thu, 10 Dec 2026 22:41:09 +0000",
	  "Sutherland Gray Partners - Talent <talent@sutherlandgray.example>",
	  "Booking confirmed: Initial conversation - Engineering Manager (Water)",
	  "Hello Jane Doe,\n\nThanks for booking with Sutherland Gray Partners - Talent.\n\n"
	  "Initial conversation - Engineering Manager (Water)\nDate Monday, 14 December 2026\n"
	  "Time 3:00 PM - 3:30 PM\nStaff Olivia Barnes\n",
	  "contact", "Sutherland Gray Partners", true },
	/* a title's words before the job's noun are no one ("the Senior
	 * Bridge Engineer - Major Crossings role"), the person meant is */
	{ "Thu, 10 Dec 2026 16:45:12 -0800", "Jordan Blake <jordan.blake@cascadiabridge.example>",
	  "Next step: interview with Dana Whitcombe",
	  "Hi Jane,\n\nGreat news - Dana Whitcombe would like to meet you for the Senior Bridge Engineer -\n"
	  "Major Crossings role.\n\nYour interview is on Monday December 14 at 2:00 pm Pacific, for 45 "
	  "minutes on Google Meet.\n\nJordan",
	  "interviewers", "dana whitcombe|;", false },
	/* the subject names the title short, the body whole: the body's
	 * qualifier before "role" is the title's */
	{ "Tue, 08 Dec 2026 11:20:31 +1000", "Bronwyn Keliher <bronwyn.keliher@goldfinchmetals.example>",
	  "Interview - Infrastructure Lead - Jane Doe",
	  "Good morning Jane,\n\nCraig Moffatt would like to meet with you by video for the "
	  "Infrastructure Lead - Queensland Operations role.\n\nDate: Wednesday 16 December 2026\n"
	  "Time: 9:00am - 10:00am AEST\n\nKind regards\n\nBronwyn Keliher\nGoldfinch Metals Limited",
	  "role", "Infrastructure Lead - Queensland Operations", false },
	/* a person after the dash, with no role's noun after it, is not */
	{ "Tue, 08 Dec 2026 11:20:31 +1000", "Bronwyn Keliher <bronwyn.keliher@goldfinchmetals.example>",
	  "Interview - Infrastructure Lead",
	  "Good morning Jane,\n\nCraig Moffatt would like to meet with you by video.\n\n"
	  "Infrastructure Lead - Jane Doe\nLocation: Microsoft Teams\n\nDate: Wednesday 16 December "
	  "2026\nTime: 9:00am - 10:00am AEST\n\nKind regards\n\nBronwyn Keliher\nGoldfinch Metals Limited",
	  "role", "Infrastructure Lead", false },
	/* a German degree joined to the doctor's title is an honorific too */
	{ "Mon, 07 Dec 2026 09:12:40 +0100", "Katrin M\xc3\xb6ller <katrin.moeller@isarbruecken.example>",
	  "Einladung zum Vorstellungsgespr\xc3\xa4\x63h",
	  "Sehr geehrte Frau Doe,\n\nwir laden Sie herzlich zu einem Videointerview ein.\n\n"
	  "Termin: Donnerstag, 10. Dezember 2026\nUhrzeit: 08:00 - 09:00 Uhr MEZ\n"
	  "Gespr\xc3\xa4\x63hspartner: Dr.-Ing. Andreas Huber, Leiter Br\xc3\xbc\x63kenbau\n\n"
	  "Mit freundlichen Gr\xc3\xbc\xc3\x9f\x65n\n\nKatrin M\xc3\xb6ller\nPersonalreferentin",
	  "interviewers", "andreas huber|;", false },
	/* a schedule's placeholder for a person to come is nobody */
	{ "Mon, 30 Nov 2026 10:02:11 -0800", "Dana Ruiz <dana.ruiz@northpass.example>",
	  "Your onsite interview schedule",
	  "Hi Jane,\n\nHere is your onsite for the Senior Software Engineer role.\n\n"
	  "DAY 1 - Wednesday, December 2, 2026 (Pacific Time)\n"
	  "   9:00 AM - 10:00 AM   Coding & Data Structures       Grace O'Neill, Software Engineer II\n"
	  "  10:15 AM - 11:00 AM   Hiring Manager                 As Appropriate\n\n"
	  "Each session has its own Microsoft Teams invite.\n\nDana Ruiz\nRecruiting Coordinator",
	  "interviewers", "grace o'neill|;", false },
	/* "Partner interview": a rank alone before the interview's word
	 * names whom it is with, not the job; a street's house number opens
	 * a postal address, whose places ("IFSC") are no organisation; the
	 * address's three letters as the mail writes them, in capitals */
	{ PARTNER_STAGE,
	  "role", "Partner", true },
	{ PARTNER_STAGE,
	  "company", "KDM", false },
	/* a team named by the job's unit, in words or initials, is no
	 * employer: the signature's is */
	{ "Mon, 14 Dec 2026 09:15:00 -0500", "Jennifer Walsh <jwalsh@ssrh.example>",
	  "Meet & greet - next Tuesday",
	  "Hi Jane,\n\nAs the next step for the Manager, Clinical Research Unit position, we'd like you "
	  "to come in for an informal meet & greet with the CRU team next Tuesday (12/22) from 12:00 to "
	  "1:00. It is a formal part of our interview process.\n\nThanks,\nJen\n\nJennifer Walsh\nTalent Acquisition Partner\nSouth Shore Regional "
	  "Hospital\n781-555-0156\n",
	  "company", "South Shore Regional Hospital", false },
	{ "Wed, 09 Dec 2026 10:15:00 +1100", "Naomi Fairbairn <naomi.fairbairn@pellucid.example>",
	  "Interview cancelled",
	  "Hi Jane,\n\nI'm sorry to say the interview for the Senior Structural Engineer (Bridges) "
	  "position on Thursday at 2pm is cancelled: the Bridges team has paused hiring.\n\n"
	  "Regards,\nNaomi Fairbairn\nPeople & Culture\nPellucid Engineering\n",
	  "company", "Bridges", true },
	/* the user forwards an outside invitation from work to home: no
	 * meeting of colleagues; the user's work address, known by the name
	 * it is written with, is no contact; a councillor's title and a
	 * borough are nobody's name */
	{ WORK_FORWARD,
	  "kind", "interview", false },
	{ WORK_FORWARD,
	  "contact", "Jane Doe", true },
	{ WORK_FORWARD,
	  "interviewers", "denise farrow|;heather brann|;", false },
	/* the user's partner passes on a recruiter's mail: the recruiter is
	 * the contact, the facts second-hand; a call after the interview is
	 * no interview */
	{ PARTNER_FORWARD,
	  "contact", "Sam Doe", true },
	{ PARTNER_FORWARD,
	  "confidence", "low", false },
	{ PARTNER_FORWARD,
	  "interviewers", "clive anand|;", false },
	/* "in line with" a rule: no one follows */
	{ "Mon, 07 Dec 2026 09:00:00 +0000", "Joanna Hale <j.hale@kingsmead.example>",
	  "Interview - Head of Science",
	  "Dear Jane,\n\nYour formal interview is on Thursday 14 January 2027 at 2.00pm with Ms Ruth "
	  "Calloway (Headteacher).\n\nIn line with Keeping Children Safe in Education, we take up "
	  "references before the interview day.\n\nJoanna Hale\nHR Officer\nKingsmead Academy\n",
	  "interviewers", "ruth calloway|;", false },
	/* Dutch: not asked to the second round */
	{ "Wed, 16 Dec 2026 10:00:00 +0100", "Femke de Vries <f.devries@amstel-is.example>",
	  "Terugkoppeling sollicitatie Head of Science",
	  "Beste Jane,\n\nHartelijk dank voor je sollicitatie naar de functie van Head of Science bij "
	  "Amstel International School.\n\nHelaas moeten we je laten weten dat we je niet uitnodigen voor "
	  "de tweede ronde.\n\nMet vriendelijke groet,\nFemke de Vries\nHR-adviseur",
	  "kind", "rejection", false },
	/* a change to the time set, said with "now" */
	{ "Mon, 14 Dec 2026 10:00:00 +0000", "Priyanka Shah <priyanka.shah@education.gov.example>",
	  "RE: 487215 - Senior Education Adviser (Science) - interview 13 January",
	  "Dear Jane,\n\nI'm writing with an update about your interview on Wednesday 13 January 2027 "
	  "at 14:00.\n\nAn additional panel member will now be joining. The interview has been extended to "
	  "75 minutes and will now run from 14:00 to 15:15.\n\nKind regards,\nPriyanka Shah\n"
	  "Recruitment Coordinator\n",
	  "kind", "update", false },
	/* a recruiter's field after a dash in the signature's title line is
	 * no organisation ("Senior Consultant - Civil & Structural") */
	{ "Mon, 07 Dec 2026 09:12:40 +1100", "Priya Raman <priya.raman@apexrecruit.example>",
	  "Phone screen - Wed 9/12 11:30am",
	  "Hi Jane,\n\nThe hiring manager would like to kick things off with a phone screen for the "
	  "Senior Bridge Engineer role.\n\nWhen: Wednesday 9 December, 11:30am - 12:00pm (Sydney "
	  "time)\n\nKind regards,\nPriya\n\nPriya Raman | Senior Consultant - Civil & Structural\n"
	  "M +61 412 555 740\n",
	  "company", "Civil & Structural", true },
	/* where the job is, no part of its title */
	{ "Tue, 08 Dec 2026 16:02:33 +0000", "Claire Dubois <claire.dubois@viaducs-ouvrages.example>",
	  "Entretien",
	  "Bonjour Jane,\n\nJe vous propose un entretien en visio pour le poste de Chef de projet "
	  "Ouvrages d'art bas\xc3\xa9 \xc3\xa0 Noum\xc3\xa9\x61.\n\nRendez-vous le lundi 14 "
	  "d\xc3\xa9\x63\x65mbre \xc3\xa0 8h30 (heure de Paris).\n\nClaire Dubois",
	  "role", "Chef de projet Ouvrages d'art", false },
	/* a title wrapped after its particle, whose last word opens the
	 * company's name */
	{ "Mon, 14 Dec 2026 10:30:12 -0300", "Mariana Couto <mariana.couto@engatlantica.example>",
	  "Entrevista",
	  "Ol\xc3\xa1, Jane,\n\nConfirmamos a sua entrevista para a vaga de Gerente de\nEngenharia - "
	  "Pontes e Viadutos na segunda-feira, 21/12, \xc3\xa0s 19h.\n\nMariana Couto\n"
	  "Engenharia Atl\xc3\xa2ntica Ltda.",
	  "role", "Gerente de Engenharia", false },
	/* a committee listed by its indent after "members are:", with
	 * academic ranks before the names and a title wrapped to the next
	 * line */
	{ "Wed, 09 Dec 2026 16:48:03 +1100", "Joanne Petrakis <j.petrakis@ues.edu.example>",
	  "Interview invitation: Lecturer in Civil Engineering",
	  "Dear Ms Doe,\n\nThe interview will take place on Friday 18 December 2026, 2:00pm - 3:00pm "
	  "(GMT).\n\nThe selection committee members are:\n"
	  "  Professor Helen Fairweather, Head of School, Civil & Environmental\n"
	  "    Engineering (Chair)\n"
	  "  Associate Professor \xc4\x80nahera Te Rangi, Structural Engineering\n"
	  "  Dr Marcus Lindqvist, Senior Lecturer\n\nWarm regards,\n\nJoanne Petrakis",
	  "interviewers", "helen fairweather|;marcus lindqvist|;\xc4\x80nahera te rangi|;", false },
	/* the writer counts themself in: "will join us", "y quien suscribe" */
	{ "Mon, 07 Dec 2026 19:48:03 +1100", "James Corbel <james@corbelfinch.example>",
	  "Coffee Thursday?",
	  "Jane - we are meeting for coffee on Thursday 10 December at 8am. Kate Finch will join "
	  "us. It's effectively our first interview for the Associate Director role.\n\nJ",
	  "interviewers", "james corbel|james@corbelfinch.example;kate finch|;", false },
	{ "Thu, 10 Dec 2026 14:10:22 -0300", "Valentina Rojas <vrojas@puentesandinos.example>",
	  "Entrevista - Gerente de Proyectos",
	  "Estimada Jane:\n\nTenemos el agrado de invitarla a una entrevista por videoconferencia con "
	  "nuestro Gerente General, Ignacio Fuentes, y quien suscribe, el martes 15 de diciembre a "
	  "las 17:00 hrs.\n\nValentina Rojas",
	  "interviewers", "ignacio fuentes|;valentina rojas|vrojas@puentesandinos.example;", false },
};

static void test_sydney_names(void **state)
{
	struct detect_opts o;

	(void)state;
	opts_for_tests(&o);
	for (size_t i = 0; i < ARRAY_LEN(sydney_names); i++) {
		json_t *j = mail_with(sydney_names[i].date, sydney_names[i].from, sydney_names[i].subject,
		    sydney_names[i].body, &o);
		const char *f = sydney_names[i].field, *got;

		if (strcmp(f, "interviewers") == 0) {
			expect_people(j, sydney_names[i].want);
		} else if (!sydney_names[i].differs) {
			expect_str(j, f, sydney_names[i].want, sydney_names[i].subject);
		} else {
			got = strcmp(f, "contact") == 0 ? jget(json_object_get(j, "contact"), "name") : jget(j, f);
			if (got != NULL && strcmp(got, sydney_names[i].want) == 0)
				fail_msg("%s: %s is %s", sydney_names[i].subject, f, got);
		}
		json_decref(j);
	}
}

static void test_json_roundtrip(void **state)
{
	const char *top = getenv("top_srcdir");
	char *path = xasprintf("%s/tests/mail/detect/google-calendar-greenhouse-invite.eml", top ? top : ".");
	struct detect_opts o;
	struct detection d, back;
	struct message *m;
	char *raw;
	size_t len;
	json_t *j1, *j2, *plain;

	(void)state;
	opts_for_tests(&o);
	assert_int_equal(read_file(path, 1 << 24, &raw, &len), 0);
	m = message_parse(raw, len, NULL);
	detect_message(m, &o, &d);
	assert_int_equal(d.auth, 0);            /* the mail has no Authentication-Results */
	d.auth = MSG_AUTH_PRESENT | MSG_AUTH_DKIM_FAIL | MSG_AUTH_DMARC_FAIL;
	j1 = detection_to_json(&d, true);
	assert_int_equal(detection_from_json(j1, &back), 0);
	assert_int_equal(back.auth, d.auth);
	j2 = detection_to_json(&back, true);
	assert_true(json_equal(j1, j2));
	assert_null(json_object_get(plain = detection_to_json(&d, false), "auth"));
	json_decref(plain);
	assert_string_equal(json_string_value(json_object_get(j1, "reason")), "calendar invite for an interview");
	assert_string_equal(json_string_value(json_object_get(j1, "rule")), "calendar-interview");
	assert_string_equal(back.rule, d.rule);
	assert_null(json_object_get(plain = detection_to_json(&d, false), "rule"));
	json_decref(plain);
	detection_free(&back);
	detection_free(&d);
	json_decref(j2);
	/* wrong types are refused */
	json_object_set_new(j1, "start", json_integer(5));
	assert_int_equal(detection_from_json(j1, &back), -1);
	json_object_set_new(j1, "start", json_string("2027-13-01T00:00:00Z"));
	assert_int_equal(detection_from_json(j1, &back), -1);
	json_object_set_new(j1, "start", json_null());
	json_object_set_new(j1, "kind", json_string("party"));
	assert_int_equal(detection_from_json(j1, &back), -1);
	json_object_set_new(j1, "kind", json_string("cancel"));
	json_object_set_new(j1, "auth", json_pack("[s]", "dkim=maybe"));
	assert_int_equal(detection_from_json(j1, &back), -1);
	json_object_set_new(j1, "auth", json_string("dkim=fail"));
	assert_int_equal(detection_from_json(j1, &back), -1);
	json_object_set_new(j1, "auth", json_null());
	json_object_set_new(j1, "rule", json_string("Party Rule"));
	assert_int_equal(detection_from_json(j1, &back), -1);
	json_object_set_new(j1, "rule", json_integer(1));
	assert_int_equal(detection_from_json(j1, &back), -1);
	json_object_set_new(j1, "rule", json_null());
	/* a day moved to is a day of the calendar */
	json_object_set_new(j1, "moved_day", json_string("2027-01-07"));
	assert_int_equal(detection_from_json(j1, &back), 0);
	assert_string_equal(back.moved_day, "2027-01-07");
	detection_free(&back);
	json_object_set_new(j1, "moved_day", json_string("2027-02-30"));
	assert_int_equal(detection_from_json(j1, &back), -1);
	json_object_set_new(j1, "moved_day", json_string("2027-1-7"));
	assert_int_equal(detection_from_json(j1, &back), -1);
	json_object_set_new(j1, "moved_day", json_null());
	/* the days an update names: days of the calendar, at most 8 */
	json_object_set_new(j1, "days", json_pack("[ss]", "2027-02-23", "2027-02-25"));
	assert_int_equal(detection_from_json(j1, &back), 0);
	assert_int_equal(back.ndays, 2);
	assert_string_equal(back.days[1], "2027-02-25");
	detection_free(&back);
	json_object_set_new(j1, "days", json_pack("[ss]", "2027-02-23", "2027-02-30"));
	assert_int_equal(detection_from_json(j1, &back), -1);
	json_object_set_new(j1, "days", json_pack("[si]", "2027-02-23", 5));
	assert_int_equal(detection_from_json(j1, &back), -1);
	json_object_set_new(j1, "days", json_pack("[sssssssss]", "2027-02-01", "2027-02-02",
	    "2027-02-03", "2027-02-04", "2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08",
	    "2027-02-09"));
	assert_int_equal(detection_from_json(j1, &back), -1);
	json_object_set_new(j1, "days", json_null());
	json_object_set_new(j1, "interviewers", json_pack("[{s:i}]", "name", 3));
	assert_int_equal(detection_from_json(j1, &back), -1);
	assert_int_equal(detection_from_json(json_null(), &back), -1);
	json_decref(j1);
	message_free(m);
	free(raw);
	free(path);
}

/* Hiring mail as Indian and American recruiters write it (blind set 31):
 * a move done names the old time before the new ("has been preponed to");
 * a schedule's span and a time said to stay are the meeting's; "March 18:"
 * is a date; "selected for the position" after the final round is the
 * offer, not a call. */
static void test_moves_and_selection(void **state)
{
	static const struct {
		const char *date, *subject, *body, *kind, *start, *end;
	} cases[] = {
		{ "Tue, 02 Mar 2027 09:48:00 +0530", "RE: Technical Round 1 - PREPONED",
		  "Dear Jane,\n\nDue to the travel plans of our panel, your Technical Round 1 scheduled "
		  "on 04/03/2027 at 11:30 AM IST has been preponed to 03/03/2027 (Wednesday) at 1500 hrs IST. "
		  "Duration remains 60 mins.\n\nKindly confirm your availability at the earliest.\n\n"
		  "Thanks & Regards,\nSnehal Kale\nTalent Acquisition",
		  "update", "2027-03-03T09:30:00Z", "2027-03-03T10:30:00Z" },
		{ "Fri, 05 Mar 2027 16:31:00 +0530", "Change in Venue - Final Round on 09-Mar-2027",
		  "Dear Jane,\n\nKindly note the change in venue for your final round interview on "
		  "09-Mar-2027 (Tuesday).\n\nReporting time remains 0930 hrs at Main Gate. The schedule "
		  "(1000 hrs to 1330 hrs IST) and the panel are unchanged.\n\nWarm Regards,\nNitin Pawar\n"
		  "Sr. Manager - HR",
		  "update", "2027-03-09T04:30:00Z", "2027-03-09T08:00:00Z" },
		{ "Fri, 12 Mar 2027 11:40:00 -0500", "Update: Panel Interview - additional panelist",
		  "Hi Jane,\n\nQuick update on your panel interview next Thursday, March 18: we've added "
		  "Dana Whitfield to the panel. She'll join for the last 30 minutes. The time is "
		  "unchanged - 10:00 to 11:30 AM EDT - and the Teams link stays the same.\n\nThanks,\n"
		  "Heather",
		  "update", "2027-03-18T14:00:00Z", "2027-03-18T15:30:00Z" },
		/* a booking for an HR round */
		{ "Mon, 08 Mar 2027 19:02:00 +0530", "Your booking is confirmed: HR Discussion",
		  "Hi Jane,\n\nThanks for booking with Adyar Mobility Solutions.\n\nService: HR Discussion "
		  "- Manager - Battery Pack Thermal Design\nDate: Thursday, March 11, 2027\nTime: 3:00 PM "
		  "(UTC+05:30) Chennai, Kolkata, Mumbai, New Delhi\nDuration: 30 minutes\nStaff: Lakshmi "
		  "Narayanan\n",
		  "interview", "2027-03-11T09:30:00Z", "2027-03-11T10:00:00Z" },
		/* a time said to be kept, in French, with changes beside it */
		{ "Tue, 13 Apr 2027 16:02:00 +0200", "Modification - entretien Directrice de l'H\xc3\xa9\x62\x65rgement",
		  "Madame,\n\nL'entretien du jeudi 22 avril 2027 \xc3\xa0 10h30 (heure de Gen\xc3\xa8ve) est "
		  "maintenu, avec les changements suivants : il se d\xc3\xa9roulera sur Microsoft Teams et "
		  "non sur Zoom.\n\nAvec nos meilleures salutations,\n\nCamille Vuilleumier\n"
		  "Responsable Ressources Humaines",
		  "update", "2027-04-22T08:30:00Z", NULL },
		/* a round the user was shortlisted for, set for a time */
		{ "Sun, 11 Apr 2027 13:20:44 +0300", "Round 2 - Director of Rooms - Najd Crown Hotel",
		  "Dear Ms. Jane,\n\nI am happy to inform you that you have been shortlisted for Round 2 for "
		  "the position of Director of Rooms at Najd Crown Hotel Riyadh.\n\nRound 2 will be a "
		  "property tour and meetings with the Heads of Department, hosted by Eng. Abdulrahman "
		  "Al-Otaibi, on Sunday the 18th (April) at 9:30 AM Riyadh time. The programme should "
		  "finish by 12:30 PM.\n\nBest regards,\nNoura Al-Harbi\nHR Manager",
		  "interview", "2027-04-18T06:30:00Z", "2027-04-18T09:30:00Z" },
		/* the new date far before its time in one sentence */
		{ "Thu, 15 Apr 2027 13:02:40 +0400", "Postponed: Leadership Assessment Centre",
		  "Dear Ms. Doe,\n\nThe assessment centre planned for Wednesday 12 May has been postponed "
		  "until after Eid. The new date is Tuesday 25 May 2027, same venue (Rimal Regional Office, "
		  "Al Maryah Island, Abu Dhabi) and same programme: 09:00 to 14:00 GST, finishing with the "
		  "panel interview.\n\nShamma Al Mazrouei\nHead of Talent",
		  "update", "2027-05-25T05:00:00Z", "2027-05-25T10:00:00Z" },
		{ "Mon, 12 Apr 2027 14:40:21 +0400", "Offer - Hotel Manager - package discussion",
		  "Dear Jane,\n\nFurther to your final interview with Mr. Majid last week, I am very "
		  "pleased to confirm that Bayt Al Qamar Hotels would like to offer you the position of "
		  "Hotel Manager.\n\nMr. Majid Al Suwaidi and I would like to discuss the package with you "
		  "by phone on Wednesday 14 April at 5:00 PM UAE time.\n\nKind regards,\nRania Khoury",
		  "offer", NULL, NULL },
		{ "Thu, 11 Mar 2027 12:42:00 +0530", "Selected - Deputy Manager - CTC discussion",
		  "Dear Jane,\n\nWe are happy to inform you that you have been selected for the position "
		  "of Deputy Manager - EV Thermal Systems, following your final round at our plant on "
		  "Tuesday.\n\nBefore we release the offer letter, I would like to discuss the CTC "
		  "structure with you. Let us speak on Friday, 12th March at 5:30 PM.\n\nWarm Regards,\n"
		  "Nitin Pawar\nSr. Manager - HR",
		  "offer", NULL, NULL },
	};
	struct detect_opts o;

	(void)state;
	opts_for_tests(&o);
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		json_t *j = mail_with(cases[i].date, "Nitin Pawar <nitin.pawar@chakan-drive.example>",
		    cases[i].subject, cases[i].body, &o);

		expect_str(j, "kind", cases[i].kind, cases[i].subject);
		expect_str(j, "start", cases[i].start, cases[i].subject);
		expect_str(j, "end", cases[i].end, cases[i].subject);
		json_decref(j);
	}
}

/* The user's forward from work of an outside invitation, signed in the
 * directory's order ("Kulkarni Aniruddha"), with the work server's short
 * disclaimer naming the employer: an interview, its writer the original
 * sender; a decision word of the past ("the panel's feedback was
 * positive") promises nothing; "Tmrw 10 am works" sets a time. */
static void test_forward_from_work(void **state)
{
	struct detect_opts o;
	json_t *j;

	(void)state;
	opts_for_tests(&o);
	o.my_name = "Jane Doe-Mensah";
	j = mail_with("Mon, 08 Mar 2027 12:04:00 +0530", "Doe Jane <jane.doe@harbourline.example>",
	    "FW: Round 2 - Principal Engineer - Nilgiri EV",
	    "Fwd to personal id.\n\n________________________________\nFrom: Ashwin Kumar "
	    "<ashwin.kumar@nilgiri-ev.example>\nSent: Monday, March 8, 2027 9:40 AM\nTo: Doe Jane "
	    "<jane.doe@harbourline.example>\nSubject: Round 2 - Principal Engineer - Nilgiri EV\n\n"
	    "Hi Jane,\n\nThank you for your time in Round 1 last week. The panel's feedback was "
	    "positive and we have scheduled your Round 2 with Mr. Suresh Babu on Monday the 15th at "
	    "1500 hrs IST at our office.\n\nRegards,\nAshwin Kumar\nTalent Acquisition | Nilgiri EV "
	    "Drivetrains\n\n________________________________\nDISCLAIMER: This e-mail is "
	    "confidential and meant for the addressee only.\nHarbourline Components Pvt. Ltd.", &o);
	expect_str(j, "kind", "interview", "a forward from work");
	expect_str(j, "start", "2027-03-15T09:30:00Z", "a forward from work");
	expect_str(j, "decision_by", NULL, "feedback given");
	json_decref(j);
	j = reply_with("Fri, 05 Mar 2027 21:47:00 +0530", "Rahul Menon <rahul@torqueloop.example>",
	    "Re: Quick chat re: Thermal Lead role",
	    "Done. Tmrw 10 am IST works. Will call u on ur mobile. 30 mins max.", &o);
	expect_str(j, "kind", "interview", "tmrw");
	expect_str(j, "start", "2027-03-06T04:30:00Z", "tmrw");
	json_decref(j);
}

/* The one meeting time, written in the reader's zone too, or below a
 * forward's header with a time of its own: a length said elsewhere in
 * the mail is its length. */
static void test_length_of_one_time(void **state)
{
	struct detect_opts o;
	json_t *j;

	(void)state;
	opts_for_tests(&o);
	j = mail_with("Fri, 27 Nov 2026 10:22:00 -0800", "Priscilla Nunes <pnunes@relecloud.example>",
	    "Fwd: Zoom meeting invitation - Relecloud EM interview",
	    "Hi Jane,\n\nForwarding Arthur's Zoom details for your conversation on the 8th. It's a "
	    "45-minute conversation with our VP of Engineering.\n\nPriscilla\n\n"
	    "---------- Forwarded message ---------\nFrom: Arthur Klein <aklein@relecloud.example>\n"
	    "Date: Fri, Nov 27, 2026 at 9:58 AM\nSubject: Zoom meeting invitation - EM interview\n"
	    "To: Priscilla Nunes <pnunes@relecloud.example>\n\n\nArthur Klein is inviting you to a "
	    "scheduled Zoom meeting.\n\nTopic: Jane Doe / Relecloud EM interview\nTime: Dec 8, 2026 03:00 PM "
	    "Pacific Time (US and Canada)\n\nJoin Zoom Meeting\nhttps://relecloud.zoom.example/j/8123\n",
	    &o);
	expect_str(j, "start", "2026-12-08T23:00:00Z", "a forward's header time");
	expect_str(j, "end", "2026-12-08T23:45:00Z", "a forward's header time");
	json_decref(j);
}

/* A rejection after the final round says which stage it ends; a meeting
 * with the CEO is no final round by itself. */
static void test_final_round(void **state)
{
	struct detect_opts o;
	json_t *j;

	(void)state;
	opts_for_tests(&o);
	j = mail_with("Fri, 12 Mar 2027 09:55:00 +0000", "Sanne de Vries <sanne@kempen.example>",
	    "Your application", "Dear Jane,\n\nThank you for coming to the final interview last "
	    "week. Unfortunately we have decided to proceed with another candidate.\n\nKind "
	    "regards,\nSanne de Vries\nKempen Battery Systems", &o);
	expect_str(j, "kind", "rejection", "a rejection after the final interview");
	assert_true(json_is_true(json_object_get(j, "final_round")));
	json_decref(j);
	j = mail_with("Mon, 08 Mar 2027 09:40:00 +0000", "Ashwin Kumar <ashwin@nilgiri.example>",
	    "Round 2", "Hi Jane,\n\nWe have scheduled your Round 2 interview with our CTO, Mr. Suresh "
	    "Babu, on Monday 15 March at 15:00 UK time.\n\nRegards,\nAshwin Kumar", &o);
	expect_str(j, "kind", "interview", "round 2 with the CTO");
	assert_true(json_is_false(json_object_get(j, "final_round")));
	json_decref(j);
}

/* An update names the days it is about, in the order written, each once
 * (the daemon finds the interview it moves by them when no thread or UID
 * does); no other kind carries them. */
static void test_update_days(void **state)
{
	struct detect_opts o;
	json_t *j, *days;

	(void)state;
	opts_for_tests(&o);
	j = mail_with("Wed, 10 Feb 2027 13:30:05 +0100", "Regula Kueng <regula@rheinhold.example>",
	    "Verschiebung Ihres Zweitgespraechs",
	    "Sehr geehrte Frau Doe\n\nLeider muessen wir Ihr Zweitgespraech fuer die Position "
	    "Senior Biostatistikerin vom Dienstag, 23. Februar, verschieben.\n\n"
	    "Neuer Termin: Donnerstag, 25. Februar 2027\nZeit: 10:00 - 11:30 Uhr MEZ\n\n"
	    "Die Folien benoetige ich neu bis Mittwoch, 24. Februar. Am Donnerstag, 25. Februar "
	    "dann.\n\nFreundliche Gruesse\nRegula Kueng\nRheinhold Pharma AG", &o);
	expect_str(j, "kind", "update", "a move in German");
	days = json_object_get(j, "days");
	assert_true(json_is_array(days));
	assert_int_equal(json_array_size(days), 3);
	assert_string_equal(json_string_value(json_array_get(days, 0)), "2027-02-23");
	assert_string_equal(json_string_value(json_array_get(days, 1)), "2027-02-25");
	assert_string_equal(json_string_value(json_array_get(days, 2)), "2027-02-24");
	json_decref(j);
	j = mail_with("Wed, 10 Feb 2027 13:30:05 +0100", "Regula Kueng <regula@rheinhold.example>",
	    "Einladung zum Gespraech",
	    "Sehr geehrte Frau Doe\n\nwir laden Sie zu einem Vorstellungsgespraech fuer die "
	    "Position Senior Biostatistikerin ein: Donnerstag, 25. Februar 2027, 10:00 Uhr MEZ, "
	    "per Teams.\n\nFreundliche Gruesse\nRegula Kueng\nRheinhold Pharma AG", &o);
	expect_str(j, "kind", "interview", "an invitation in German");
	assert_null(json_object_get(j, "days"));
	json_decref(j);
}

/* ---- the corpus: no crash, and an invite is never called a job interview
 * unless it is one (none of them is) ---------------------------------------------- */

static void test_corpus(void **state)
{
	static const char *const subs[] = { "invites-eml", "mime-torture", "other" };
	const char *top = getenv("top_srcdir");
	struct detect_opts o;
	size_t s;
	int n = 0;

	(void)state;
	opts_for_tests(&o);
	for (s = 0; s < ARRAY_LEN(subs); s++) {
		char *dir = xasprintf("%s/../shared/corpus/%s", top ? top : ".", subs[s]);
		DIR *d = opendir(dir);
		struct dirent *e;

		if (d == NULL) {
			free(dir);
			skip();
		}
		while ((e = readdir(d)) != NULL) {
			char *path, *raw;
			size_t len;
			json_t *j;

			if (e->d_name[0] == '.')
				continue;
			path = xasprintf("%s/%s", dir, e->d_name);
			assert_int_equal(read_file(path, 1 << 24, &raw, &len), 0);
			j = detect_raw(raw, len, &o, true);
			assert_string_equal(jget(j, "kind"), "other");
			json_decref(j);
			free(raw);
			free(path);
			n++;
		}
		closedir(d);
		free(dir);
	}
	assert_true(n > 30);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mail_dir),
		cmocka_unit_test(test_prose_times),
		cmocka_unit_test(test_relayed_person),
		cmocka_unit_test(test_subject_date_no_company),
		cmocka_unit_test(test_set17_fields),
		cmocka_unit_test(test_organisation_before_address),
		cmocka_unit_test(test_writer_absent),
		cmocka_unit_test(test_panel_bullets),
		cmocka_unit_test(test_ticketed_event),
		cmocka_unit_test(test_relative_day_doubt),
		cmocka_unit_test(test_reply_subject_time),
		cmocka_unit_test(test_caller_before),
		cmocka_unit_test(test_zone_shared),
		cmocka_unit_test(test_french_panel),
		cmocka_unit_test(test_roles_as_written),
		cmocka_unit_test(test_outlook_forward),
		cmocka_unit_test(test_reply_to_contact),
		cmocka_unit_test(test_quote_attributions),
		cmocka_unit_test(test_forward_of_own_mail),
		cmocka_unit_test(test_length_elsewhere),
		cmocka_unit_test(test_final_round_languages),
		cmocka_unit_test(test_prose_not_times),
		cmocka_unit_test(test_kinds_by_concept),
		cmocka_unit_test(test_thread_replies),
		cmocka_unit_test(test_proposed_move),
		cmocka_unit_test(test_portuguese_reply),
		cmocka_unit_test(test_text_schedule),
		cmocka_unit_test(test_reply_to_user_quote),
		cmocka_unit_test(test_length_from_thread),
		cmocka_unit_test(test_invited_conversation),
		cmocka_unit_test(test_outlook_quotes),
		cmocka_unit_test(test_own_side_systems),
		cmocka_unit_test(test_bulk_rejection),
		cmocka_unit_test(test_set21_principles),
		cmocka_unit_test(test_panel_as_written),
		cmocka_unit_test(test_directory_name_order),
		cmocka_unit_test(test_text_loop_and_time_kept),
		cmocka_unit_test(test_whose_interview),
		cmocka_unit_test(test_decision_by),
		cmocka_unit_test(test_links),
		cmocka_unit_test(test_options),
		cmocka_unit_test(test_organizer_on_panel),
		cmocka_unit_test(test_organizer_sends_for_others),
		cmocka_unit_test(test_notices_and_moves),
		cmocka_unit_test(test_asia_pacific_mail),
		cmocka_unit_test(test_sydney_names),
		cmocka_unit_test(test_json_roundtrip),
		cmocka_unit_test(test_update_days),
		cmocka_unit_test(test_moves_and_selection),
		cmocka_unit_test(test_forward_from_work),
		cmocka_unit_test(test_final_round),
		cmocka_unit_test(test_length_of_one_time),
		cmocka_unit_test(test_corpus),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
