/*
 * Unit tests for when: durations, business days, DST, send windows,
 * formatting and parsing.  Expected times are written as literal UTC
 * instants, worked out by hand from the 2027 rules:
 *   Europe/London     BST from 2027-03-28 01:00Z to 2027-10-31 01:00Z
 *   America/New_York  EDT from 2027-03-14 07:00Z to 2027-11-07 06:00Z
 * 2027-01-01 is a Friday.
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

#include "when.h"

#define LON "Europe/London"
#define NYC "America/New_York"

/* A literal UTC instant; the parser itself is checked against epoch
 * numbers in test_parse_iso. */
static time_t
iso(const char *s)
{
	time_t t = (time_t)-1;

	if (when_parse_iso(s, &t) != 0)
		fail_msg("bad ISO literal in the test: %s", s);
	return t;
}

static void
assert_time(time_t got, const char *want, const char *what)
{
	char g[40];

	if (got != iso(want))
		fail_msg("%s: got %s, want %s", what, when_format_iso(got, g, sizeof g), want);
}

/* ---- durations ---- */

static void
test_parse_duration_ok(void **state)
{
	static const struct {
		const char *in;
		int64_t seconds;
		int bd;
		int days;
	} cases[] = {
		{ "30s", 30, 0, 0 },
		{ "5m", 300, 0, 0 },
		{ "2h", 7200, 0, 0 },
		{ "1d", 86400, 0, 1 },
		{ "2w", 14 * 86400, 0, 14 },
		{ "7bd", 0, 7, 0 },
		{ "0", 0, 0, 0 },
		{ " 0 ", 0, 0, 0 },
		{ "0s", 0, 0, 0 },
		{ "1h30m", 5400, 0, 0 },
		{ "1d 12h", 129600, 0, 1 },
		{ " 45m ", 2700, 0, 0 },
		{ "1w2d3h4m5s", 9 * 86400 + 3 * 3600 + 4 * 60 + 5, 0, 9 },
		{ "007m", 420, 0, 0 },
		{ "3653d", 3653LL * 86400, 0, 3653 },
		{ "3652d24h", 3653LL * 86400, 0, 3652 },
		{ "315619200s", 315619200, 0, 0 },
		{ "2610bd", 0, 2610, 0 },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct duration d = { -1, -1, -1 };
		const char *err = NULL;

		if (when_parse_duration(cases[i].in, &d, &err) != 0)
			fail_msg("'%s': unexpected error %s", cases[i].in, err);
		if (d.seconds != cases[i].seconds || d.business_days != cases[i].bd ||
		    d.days != cases[i].days)
			fail_msg("'%s': got %lld s, %d bd, %d days", cases[i].in,
			    (long long)d.seconds, d.business_days, d.days);
	}
}

static void
test_parse_duration_errors(void **state)
{
	static const struct {
		const char *in;
		const char *err;
	} cases[] = {
		{ "", "empty" },
		{ "   ", "empty" },
		{ "abc", "not a number" },
		{ "h", "not a number" },
		{ "+5m", "not a number" },
		{ "30", "missing unit (use s, m, h, d, w or bd)" },
		{ "10 s", "missing unit (use s, m, h, d, w or bd)" },
		{ "1h30", "missing unit (use s, m, h, d, w or bd)" },
		{ "00", "missing unit (use s, m, h, d, w or bd)" },
		{ "30x", "unknown unit 'x'" },
		{ "5mins", "unknown unit 'mins'" },
		{ "5M", "unknown unit 'M'" },
		{ "2b", "unknown unit 'b'" },
		{ "5m!", "unknown unit 'm!'" },
		{ "3\001", "unknown unit '?'" },
		{ "5m abc", "unexpected 'abc'" },
		{ "-5m", "must not be negative" },
		{ "1.5h", "not a whole number" },
		{ "1,5h", "not a whole number" },
		{ "3654d", "too large (more than ten years)" },
		{ "3653d1s", "too large (more than ten years)" },
		{ "522w", "too large (more than ten years)" },
		{ "99999999999999999999999999s", "too large (more than ten years)" },
		{ "9223372036854775808m", "too large (more than ten years)" },
		{ "2611bd", "too large (more than ten years)" },
		{ "1bd2h", "business days cannot be combined with other units" },
		{ "2h1bd", "business days cannot be combined with other units" },
		{ "1bd1bd", "business days cannot be combined with other units" },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct duration d = { 11, 12, 13 };
		const char *err = NULL;

		if (when_parse_duration(cases[i].in, &d, &err) != -1)
			fail_msg("'%s': accepted", cases[i].in);
		assert_non_null(err);
		if (strcmp(err, cases[i].err) != 0)
			fail_msg("'%s': got \"%s\", want \"%s\"", cases[i].in, err, cases[i].err);
		/* A failed parse leaves the output alone. */
		assert_int_equal(d.seconds, 11);
	}
}

static void
test_format_duration(void **state)
{
	static const struct {
		struct duration d;
		const char *want;
	} cases[] = {
		{ { 90, 0, 0 }, "1m30s" },
		{ { 0, 0, 0 }, "0s" },
		{ { 0, 7, 0 }, "7bd" },
		{ { 9 * 86400, 0, 9 }, "1w2d" },
		{ { 93600, 0, 1 }, "1d2h" },
		{ { 86400, 0, 0 }, "24h" },
		{ { 14 * 86400, 0, 14 }, "2w" },
		{ { 3600, 0, 0 }, "1h" },
		{ { 3661, 0, 0 }, "1h1m1s" },
	};
	char buf[32];

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct duration back;
		const char *err;

		assert_string_equal(when_format_duration(&cases[i].d, buf, sizeof buf), cases[i].want);
		/* What is printed parses back to the same value. */
		assert_int_equal(when_parse_duration(buf, &back, &err), 0);
		assert_int_equal(back.seconds, cases[i].d.seconds);
		assert_int_equal(back.business_days, cases[i].d.business_days);
		assert_int_equal(back.days, cases[i].d.days);
	}
	/* Truncation keeps the NUL. */
	assert_string_equal(when_format_duration(&cases[0].d, buf, 3), "1m");
}

/* ---- zones ---- */

static void
test_zone_valid(void **state)
{
	static const struct {
		const char *tz;
		bool ok;
	} cases[] = {
		{ LON, true },
		{ NYC, true },
		{ "America/Argentina/Buenos_Aires", true },
		{ "UTC", true },
		{ NULL, true },
		{ "", true },
		{ "Europe/Londn", false },
		{ "europe/london", false },
		{ "Mars/Olympus_Mons", false },
		{ "Europe", false },           /* a directory */
		{ "Europe/", false },
		{ "Europe//London", false },
		{ "Europe/London/", false },
		{ "../../etc/passwd", false },
		{ "Europe/../Europe/London", false },
		{ "./Europe/London", false },
		{ "/usr/share/zoneinfo/Europe/London", false },
		{ "right/Europe/London", false },
		{ "Europe/London\n", false },
		{ "Europe/London Europe/Paris", false },
		{ ":Europe/London", false },
		{ "GMT0BST,M3.5.0/1,M10.5.0", false },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		if (when_zone_valid(cases[i].tz) != cases[i].ok)
			fail_msg("'%s': want %s", cases[i].tz ? cases[i].tz : "(null)",
			    cases[i].ok ? "valid" : "invalid");
}

/* The caller's TZ is what it was, set or unset. */
static void
test_tz_restored(void **state)
{
	struct duration d = { 86400, 0, 1 };
	struct tm tm;
	char buf[64];
	time_t t0 = 0;

	assert_int_equal(setenv("TZ", "Asia/Tokyo", 1), 0);
	tzset();
	when_format_time(iso("2027-06-09T09:30:00Z"), LON, buf, sizeof buf);
	when_add(iso("2027-03-27T10:00:00Z"), &d, NYC);
	assert_string_equal(getenv("TZ"), "Asia/Tokyo");
	localtime_r(&t0, &tm);
	assert_int_equal(tm.tm_hour, 9);   /* Tokyo is UTC+9 */

	unsetenv("TZ");
	tzset();
	when_format_rfc5322(t0, NYC, buf, sizeof buf);
	assert_null(getenv("TZ"));
}

/* A zone adopted as the process's own: calls in it leave TZ as it is,
 * calls in another put it back. */
static void
test_adopt_zone(void **state)
{
	struct tm tm;
	char buf[64];
	time_t t0 = 0;

	when_adopt_zone(LON);
	assert_string_equal(getenv("TZ"), ":" LON);
	when_format_time(iso("2027-06-09T09:30:00Z"), LON, buf, sizeof buf);
	assert_string_equal(getenv("TZ"), ":" LON);
	when_local(iso("2027-06-09T09:30:00Z"), NYC, &tm);
	assert_int_equal(tm.tm_hour, 5);   /* New York, UTC-4 in June */
	assert_string_equal(getenv("TZ"), ":" LON);
	localtime_r(&t0, &tm);
	assert_int_equal(tm.tm_hour, 1);   /* London was UTC+1 in 1970 */
	when_adopt_zone(NULL);
	assert_string_equal(getenv("TZ"), "UTC0");
	when_adopt_zone("Not/AZone");
	assert_string_equal(getenv("TZ"), "UTC0");
	unsetenv("TZ");
	tzset();
}

/* A zone found valid once is not found valid in another tz database. */
static void
test_zone_valid_other_dir(void **state)
{
	assert_true(when_zone_valid(LON));
	assert_int_equal(setenv("TZDIR", "/nonexistent", 1), 0);
	assert_false(when_zone_valid(LON));
	unsetenv("TZDIR");
	assert_true(when_zone_valid(LON));
}

/* ---- adding durations ---- */

static void
test_business_days(void **state)
{
	static const struct {
		const char *tz;
		const char *from;
		int bd;
		const char *want;
	} cases[] = {
		/* Friday to Monday across a month end, time of day kept. */
		{ LON, "2027-01-29T15:00:00Z", 1, "2027-02-01T15:00:00Z" },
		/* A weekend start counts as Monday. */
		{ LON, "2027-01-30T10:00:00Z", 1, "2027-02-02T10:00:00Z" },
		{ LON, "2027-01-31T10:00:00Z", 1, "2027-02-02T10:00:00Z" },
		{ LON, "2027-01-30T10:00:00Z", 5, "2027-02-08T10:00:00Z" },
		{ LON, "2027-02-01T09:00:00Z", 5, "2027-02-08T09:00:00Z" },
		{ LON, "2027-02-03T09:00:00Z", 7, "2027-02-12T09:00:00Z" },
		{ LON, "2027-02-01T09:00:00Z", 10, "2027-02-15T09:00:00Z" },
		/* Year ends. */
		{ LON, "2026-12-31T12:00:00Z", 1, "2027-01-01T12:00:00Z" },
		{ LON, "2027-12-31T12:00:00Z", 1, "2028-01-03T12:00:00Z" },
		{ LON, "2027-12-24T12:00:00Z", 5, "2027-12-31T12:00:00Z" },
		/* Leap day 2028 (a Tuesday). */
		{ LON, "2028-02-28T12:00:00Z", 1, "2028-02-29T12:00:00Z" },
		/* Across DST: the local time of day is kept, not the UTC one. */
		{ LON, "2027-03-26T09:00:00Z", 1, "2027-03-29T08:00:00Z" },
		{ LON, "2027-10-29T08:00:00Z", 1, "2027-11-01T09:00:00Z" },
		{ NYC, "2027-03-12T22:00:00Z", 1, "2027-03-15T21:00:00Z" },
		{ NYC, "2027-11-05T21:00:00Z", 1, "2027-11-08T22:00:00Z" },
		/* The weekday is the user's: Sunday 20:00 in New York is Monday
		 * 01:00 UTC, still a weekend start there. */
		{ NYC, "2027-02-01T01:00:00Z", 1, "2027-02-03T01:00:00Z" },
		{ NULL, "2027-02-01T01:00:00Z", 1, "2027-02-02T01:00:00Z" },
		/* Backwards; a weekend start counts as Friday. */
		{ LON, "2027-02-01T09:00:00Z", -1, "2027-01-29T09:00:00Z" },
		{ LON, "2027-01-30T10:00:00Z", -1, "2027-01-28T10:00:00Z" },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct duration d = { 0, cases[i].bd, 0 };
		char what[80];

		snprintf(what, sizeof what, "%s + %dbd in %s", cases[i].from, cases[i].bd,
		    cases[i].tz ? cases[i].tz : "UTC");
		assert_time(when_add(iso(cases[i].from), &d, cases[i].tz), cases[i].want, what);
	}
}

static void
test_add_calendar(void **state)
{
	static const struct {
		const char *tz;
		const char *from;
		const char *dur;
		const char *want;
	} cases[] = {
		/* 1d keeps the wall clock across the change, 24h does not. */
		{ LON, "2027-03-27T10:00:00Z", "1d", "2027-03-28T09:00:00Z" },
		{ LON, "2027-03-27T10:00:00Z", "24h", "2027-03-28T10:00:00Z" },
		{ LON, "2027-10-30T09:00:00Z", "1d", "2027-10-31T10:00:00Z" },
		{ LON, "2027-10-30T09:00:00Z", "24h", "2027-10-31T09:00:00Z" },
		{ NYC, "2027-03-13T17:00:00Z", "1d", "2027-03-14T16:00:00Z" },
		{ NYC, "2027-11-06T16:00:00Z", "1d", "2027-11-07T17:00:00Z" },
		{ LON, "2027-03-25T09:00:00Z", "1w", "2027-04-01T08:00:00Z" },
		{ LON, "2027-03-27T10:00:00Z", "1d2h", "2027-03-28T11:00:00Z" },
		/* Landing in the gap (01:30 on 28 March) moves forward by it. */
		{ LON, "2027-03-27T01:30:00Z", "1d", "2027-03-28T01:30:00Z" },
		{ NYC, "2027-03-13T07:30:00Z", "1d", "2027-03-14T07:30:00Z" },
		/* Landing on a repeated time takes the first one (BST, EDT). */
		{ LON, "2027-10-30T00:30:00Z", "1d", "2027-10-31T00:30:00Z" },
		{ NYC, "2027-11-06T05:30:00Z", "1d", "2027-11-07T05:30:00Z" },
		/* Month and year ends. */
		{ LON, "2027-01-31T12:00:00Z", "1d", "2027-02-01T12:00:00Z" },
		{ LON, "2027-12-31T23:30:00Z", "30m", "2028-01-01T00:00:00Z" },
		{ NULL, "2027-06-09T09:30:00Z", "90s", "2027-06-09T09:31:30Z" },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct duration d;
		const char *err;
		char what[80];

		assert_int_equal(when_parse_duration(cases[i].dur, &d, &err), 0);
		snprintf(what, sizeof what, "%s + %s in %s", cases[i].from, cases[i].dur,
		    cases[i].tz ? cases[i].tz : "UTC");
		assert_time(when_add(iso(cases[i].from), &d, cases[i].tz), cases[i].want, what);
	}
}

/* Absurd inputs are clamped, never undefined. */
static void
test_add_extremes(void **state)
{
	struct duration big = { INT64_MAX, 0, 0 };
	struct duration days = { 3653LL * 86400, 0, 3653 };
	struct duration bd = { 0, INT32_MAX, 0 };
	time_t far = (time_t)INT64_MAX, t;
	char buf[32];

	t = when_add(far, &days, LON);
	assert_string_equal(when_format_iso(t, buf, sizeof buf), "9999-12-29T23:59:59Z");
	t = when_add(0, &big, NULL);
	assert_true(t > 0);
	assert_string_equal(when_format_iso(t, buf, sizeof buf), "9999-12-29T23:59:59Z");
	t = when_add(iso("2027-01-01T00:00:00Z"), &bd, NYC);
	assert_true(t > iso("2027-01-01T00:00:00Z"));
	assert_string_equal(when_format_iso((time_t)INT64_MIN, buf, sizeof buf),
	    "0001-01-03T00:00:00Z");
}

/* ---- local time ---- */

static void
test_from_local(void **state)
{
	static const struct {
		const char *tz;
		int y, mon, mday, h, mi;
		const char *want;
	} cases[] = {
		{ LON, 2027, 7, 1, 12, 0, "2027-07-01T11:00:00Z" },
		{ LON, 2027, 1, 15, 12, 0, "2027-01-15T12:00:00Z" },
		/* London skips 01:00-02:00 on 28 March: 01:30 -> 02:30 BST. */
		{ LON, 2027, 3, 28, 1, 30, "2027-03-28T01:30:00Z" },
		{ LON, 2027, 3, 28, 1, 0, "2027-03-28T01:00:00Z" },
		{ LON, 2027, 3, 28, 2, 0, "2027-03-28T01:00:00Z" },
		/* London repeats 01:00-02:00 on 31 October: first = BST. */
		{ LON, 2027, 10, 31, 1, 30, "2027-10-31T00:30:00Z" },
		{ LON, 2027, 10, 31, 2, 0, "2027-10-31T02:00:00Z" },
		{ LON, 2027, 10, 31, 0, 59, "2027-10-30T23:59:00Z" },
		/* New York skips 02:00-03:00 on 14 March, repeats 01:00-02:00
		 * on 7 November. */
		{ NYC, 2027, 3, 14, 2, 30, "2027-03-14T07:30:00Z" },
		{ NYC, 2027, 3, 14, 3, 0, "2027-03-14T07:00:00Z" },
		{ NYC, 2027, 3, 14, 1, 59, "2027-03-14T06:59:00Z" },
		{ NYC, 2027, 11, 7, 1, 30, "2027-11-07T05:30:00Z" },
		{ NYC, 2027, 1, 15, 9, 0, "2027-01-15T14:00:00Z" },
		/* Out-of-range fields carry over. */
		{ LON, 2027, 1, 32, 0, 0, "2027-02-01T00:00:00Z" },
		{ NULL, 2027, 13, 1, 0, 0, "2028-01-01T00:00:00Z" },
		{ NULL, 2027, 3, 0, 0, 0, "2027-02-28T00:00:00Z" },
		{ "", 2027, 6, 9, 9, 30, "2027-06-09T09:30:00Z" },
		/* An unknown zone acts as UTC. */
		{ "Mars/Olympus_Mons", 2027, 6, 9, 9, 30, "2027-06-09T09:30:00Z" },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct tm tm;
		char what[80];

		memset(&tm, 0, sizeof tm);
		tm.tm_year = cases[i].y - 1900;
		tm.tm_mon = cases[i].mon - 1;
		tm.tm_mday = cases[i].mday;
		tm.tm_hour = cases[i].h;
		tm.tm_min = cases[i].mi;
		tm.tm_isdst = -1;
		snprintf(what, sizeof what, "%04d-%02d-%02d %02d:%02d in %s", cases[i].y,
		    cases[i].mon, cases[i].mday, cases[i].h, cases[i].mi,
		    cases[i].tz ? cases[i].tz : "UTC");
		assert_time(when_from_local(&tm, cases[i].tz), cases[i].want, what);
	}
}

static void
test_local(void **state)
{
	struct tm tm;

	/* The two 01:30s of 31 October in London. */
	when_local(iso("2027-10-31T00:30:00Z"), LON, &tm);
	assert_int_equal(tm.tm_hour, 1);
	assert_int_equal(tm.tm_min, 30);
	assert_int_equal(tm.tm_isdst, 1);
	when_local(iso("2027-10-31T01:30:00Z"), LON, &tm);
	assert_int_equal(tm.tm_hour, 1);
	assert_int_equal(tm.tm_isdst, 0);
	assert_int_equal(tm.tm_wday, 0);
	/* Late evening in New York is already tomorrow in UTC. */
	when_local(iso("2027-02-01T01:00:00Z"), NYC, &tm);
	assert_int_equal(tm.tm_mday, 31);
	assert_int_equal(tm.tm_mon, 0);
	assert_int_equal(tm.tm_hour, 20);
}

/* ---- send windows ---- */

static void
test_parse_window(void **state)
{
	static const struct {
		const char *in;
		int start, end;
		const char *err;
	} cases[] = {
		{ "08:00-20:00", 480, 1200, NULL },
		{ "22:00-06:00", 1320, 360, NULL },
		{ "8:00-20:00", 480, 1200, NULL },
		{ "00:00-24:00", 0, 1440, NULL },
		{ "00:00-00:00", 0, 0, NULL },
		{ " 09:30 - 17:45 ", 570, 1065, NULL },
		{ "", 0, 0, "expected HH:MM-HH:MM" },
		{ "08:00", 0, 0, "expected HH:MM-HH:MM" },
		{ "8-20", 0, 0, "expected HH:MM-HH:MM" },
		{ "08:00-20:00x", 0, 0, "expected HH:MM-HH:MM" },
		{ "08:0-20:00", 0, 0, "expected HH:MM-HH:MM" },
		{ "08.00-20.00", 0, 0, "expected HH:MM-HH:MM" },
		{ "080:00-20:00", 0, 0, "expected HH:MM-HH:MM" },
		{ "-08:00-20:00", 0, 0, "expected HH:MM-HH:MM" },
		{ "25:00-26:00", 0, 0, "hour out of range" },
		{ "24:00-06:00", 0, 0, "hour out of range" },
		{ "08:00-24:30", 0, 0, "hour out of range" },
		{ "99:00-20:00", 0, 0, "hour out of range" },
		{ "08:60-20:00", 0, 0, "minute out of range" },
		{ "08:00-20:99", 0, 0, "minute out of range" },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct window w = { -1, -1 };
		const char *err = NULL;
		int rc = when_parse_window(cases[i].in, &w, &err);

		if (cases[i].err == NULL) {
			if (rc != 0)
				fail_msg("'%s': unexpected error %s", cases[i].in, err);
			if (w.start_min != cases[i].start || w.end_min != cases[i].end)
				fail_msg("'%s': got %d-%d", cases[i].in, w.start_min, w.end_min);
		} else {
			if (rc != -1)
				fail_msg("'%s': accepted", cases[i].in);
			if (err == NULL || strcmp(err, cases[i].err) != 0)
				fail_msg("'%s': got \"%s\", want \"%s\"", cases[i].in,
				    err ? err : "(null)", cases[i].err);
		}
	}
}

static void
test_format_window(void **state)
{
	struct window w = { 1320, 360 };
	char buf[16];

	assert_string_equal(when_format_window(&w, buf, sizeof buf), "22:00-06:00");
	w.start_min = 570;
	w.end_min = 1440;
	assert_string_equal(when_format_window(&w, buf, sizeof buf), "09:30-24:00");
}

static void
test_next_allowed(void **state)
{
	static const struct {
		const char *tz;
		const char *window;
		bool weekends;
		const char *t;
		const char *want;
	} cases[] = {
		/* A plain day window, winter (GMT) and summer (BST). */
		{ LON, "08:00-20:00", false, "2027-02-01T07:00:00Z", "2027-02-01T08:00:00Z" },
		{ LON, "08:00-20:00", false, "2027-02-01T12:00:00Z", "2027-02-01T12:00:00Z" },
		{ LON, "08:00-20:00", false, "2027-02-01T08:00:00Z", "2027-02-01T08:00:00Z" },
		{ LON, "08:00-20:00", false, "2027-02-01T19:59:59Z", "2027-02-01T19:59:59Z" },
		{ LON, "08:00-20:00", false, "2027-02-01T20:00:00Z", "2027-02-02T08:00:00Z" },
		{ LON, "08:00-20:00", false, "2027-07-05T06:30:00Z", "2027-07-05T07:00:00Z" },
		{ LON, "08:00-20:00", false, "2027-07-05T19:30:00Z", "2027-07-06T07:00:00Z" },
		{ NYC, "08:00-20:00", false, "2027-07-05T11:00:00Z", "2027-07-05T12:00:00Z" },
		/* Weekends excluded, or not. */
		{ LON, "08:00-20:00", false, "2027-01-29T21:00:00Z", "2027-02-01T08:00:00Z" },
		{ LON, "08:00-20:00", false, "2027-01-30T12:00:00Z", "2027-02-01T08:00:00Z" },
		{ LON, "08:00-20:00", true, "2027-01-30T12:00:00Z", "2027-01-30T12:00:00Z" },
		{ LON, "08:00-20:00", true, "2027-01-29T21:00:00Z", "2027-01-30T08:00:00Z" },
		/* Friday evening in New York is Saturday in UTC: still allowed. */
		{ NYC, "08:00-20:00", false, "2027-01-30T00:30:00Z", "2027-01-30T00:30:00Z" },
		{ NYC, "08:00-20:00", false, "2027-01-30T01:00:00Z", "2027-02-01T13:00:00Z" },
		/* Wrapping midnight: a window belongs to the day it opens. */
		{ LON, "22:00-06:00", false, "2027-02-01T23:00:00Z", "2027-02-01T23:00:00Z" },
		{ LON, "22:00-06:00", false, "2027-02-02T05:59:00Z", "2027-02-02T05:59:00Z" },
		{ LON, "22:00-06:00", false, "2027-02-02T06:00:00Z", "2027-02-02T22:00:00Z" },
		{ LON, "22:00-06:00", false, "2027-01-30T03:00:00Z", "2027-01-30T03:00:00Z" },
		{ LON, "22:00-06:00", false, "2027-01-30T22:30:00Z", "2027-02-01T22:00:00Z" },
		{ LON, "22:00-06:00", false, "2027-01-31T23:00:00Z", "2027-02-01T22:00:00Z" },
		{ LON, "22:00-06:00", false, "2027-02-01T03:00:00Z", "2027-02-01T22:00:00Z" },
		{ LON, "22:00-06:00", true, "2027-02-01T03:00:00Z", "2027-02-01T03:00:00Z" },
		{ LON, "22:00-06:00", true, "2027-02-01T12:00:00Z", "2027-02-01T22:00:00Z" },
		/* The whole day. */
		{ LON, "00:00-00:00", false, "2027-02-03T12:00:00Z", "2027-02-03T12:00:00Z" },
		{ LON, "00:00-00:00", false, "2027-01-30T12:00:00Z", "2027-02-01T00:00:00Z" },
		{ LON, "00:00-24:00", false, "2027-01-29T23:59:59Z", "2027-01-29T23:59:59Z" },
		{ LON, "00:00-00:00", true, "2027-01-30T12:00:00Z", "2027-01-30T12:00:00Z" },
		/* Opening inside a gap: opens when the clocks jump. */
		{ LON, "01:30-20:00", true, "2027-03-28T00:00:00Z", "2027-03-28T01:00:00Z" },
		{ NYC, "02:30-20:00", true, "2027-03-14T05:00:00Z", "2027-03-14T07:00:00Z" },
		/* A window entirely inside the gap does not exist that day. */
		{ LON, "01:15-01:45", true, "2027-03-28T00:00:00Z", "2027-03-29T00:15:00Z" },
		/* Closing inside a gap: closes when the clocks jump. */
		{ LON, "08:00-01:30", true, "2027-03-28T00:59:59Z", "2027-03-28T00:59:59Z" },
		{ LON, "08:00-01:30", true, "2027-03-28T01:00:00Z", "2027-03-28T07:00:00Z" },
		/* Opening on a repeated hour: the first one. */
		{ NYC, "01:30-20:00", true, "2027-11-07T04:00:00Z", "2027-11-07T05:30:00Z" },
		{ LON, "01:30-20:00", true, "2027-10-31T00:00:00Z", "2027-10-31T00:30:00Z" },
		/* ... and it stays open through the second 01:00-01:30. */
		{ NYC, "01:30-20:00", true, "2027-11-07T06:15:00Z", "2027-11-07T06:15:00Z" },
		/* The day after a change uses the new offset. */
		{ LON, "08:00-20:00", false, "2027-03-29T06:00:00Z", "2027-03-29T07:00:00Z" },
		{ LON, "08:00-20:00", false, "2027-11-01T07:30:00Z", "2027-11-01T08:00:00Z" },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct window w;
		const char *err;
		char what[96];
		time_t t = iso(cases[i].t), want = iso(cases[i].want);

		assert_int_equal(when_parse_window(cases[i].window, &w, &err), 0);
		snprintf(what, sizeof what, "%s %s%s from %s", cases[i].tz, cases[i].window,
		    cases[i].weekends ? "" : " weekdays", cases[i].t);
		assert_time(when_next_allowed(t, &w, cases[i].weekends, cases[i].tz),
		    cases[i].want, what);
		/* is_allowed agrees with next_allowed. */
		if (when_is_allowed(t, &w, cases[i].weekends, cases[i].tz) != (t == want))
			fail_msg("%s: when_is_allowed disagrees", what);
	}
}

/* ---- formatting ---- */

static void
test_format(void **state)
{
	static const struct {
		const char *tz;
		const char *t;
		const char *date, *time, *weekday, *rfc;
	} cases[] = {
		{ LON, "2027-06-09T09:30:00Z", "Wednesday 9 June 2027", "10:30 BST",
		  "Wednesday", "Wed, 09 Jun 2027 10:30:00 +0100" },
		{ LON, "2027-01-15T09:05:07Z", "Friday 15 January 2027", "09:05 GMT",
		  "Friday", "Fri, 15 Jan 2027 09:05:07 +0000" },
		{ NYC, "2027-06-09T09:30:00Z", "Wednesday 9 June 2027", "05:30 EDT",
		  "Wednesday", "Wed, 09 Jun 2027 05:30:00 -0400" },
		{ NYC, "2027-12-01T02:00:00Z", "Tuesday 30 November 2027", "21:00 EST",
		  "Tuesday", "Tue, 30 Nov 2027 21:00:00 -0500" },
		{ "Asia/Kolkata", "2027-06-09T20:00:00Z", "Thursday 10 June 2027", "01:30 IST",
		  "Thursday", "Thu, 10 Jun 2027 01:30:00 +0530" },
		{ NULL, "2027-06-09T09:30:00Z", "Wednesday 9 June 2027", "09:30 UTC",
		  "Wednesday", "Wed, 09 Jun 2027 09:30:00 +0000" },
		{ "Mars/Olympus_Mons", "2027-06-09T09:30:00Z", "Wednesday 9 June 2027", "09:30 UTC",
		  "Wednesday", "Wed, 09 Jun 2027 09:30:00 +0000" },
		/* Both sides of the London fall-back hour. */
		{ LON, "2027-10-31T00:30:00Z", "Sunday 31 October 2027", "01:30 BST",
		  "Sunday", "Sun, 31 Oct 2027 01:30:00 +0100" },
		{ LON, "2027-10-31T01:30:00Z", "Sunday 31 October 2027", "01:30 GMT",
		  "Sunday", "Sun, 31 Oct 2027 01:30:00 +0000" },
	};
	char buf[64];

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		time_t t = iso(cases[i].t);

		assert_string_equal(when_format_date(t, cases[i].tz, buf, sizeof buf), cases[i].date);
		assert_string_equal(when_format_time(t, cases[i].tz, buf, sizeof buf), cases[i].time);
		assert_string_equal(when_format_weekday(t, cases[i].tz, buf, sizeof buf),
		    cases[i].weekday);
		assert_string_equal(when_format_rfc5322(t, cases[i].tz, buf, sizeof buf),
		    cases[i].rfc);
		assert_string_equal(when_format_iso(t, buf, sizeof buf), cases[i].t);
	}
	/* Log lines: the user's zone with its offset, whatever the machine's. */
	assert_string_equal(when_format_log(iso("2027-10-31T00:30:00Z"), LON, buf, sizeof buf),
	    "2027-10-31 01:30 +0100");
	assert_string_equal(when_format_log(iso("2027-10-31T01:30:00Z"), LON, buf, sizeof buf),
	    "2027-10-31 01:30 +0000");
	assert_string_equal(when_format_log(iso("2027-06-09T20:30:00Z"), NYC, buf, sizeof buf),
	    "2027-06-09 16:30 -0400");
	assert_string_equal(when_format_log(iso("2027-06-09T09:30:00Z"), NULL, buf, sizeof buf),
	    "2027-06-09 09:30 +0000");
	/* Short buffers are truncated and terminated. */
	assert_string_equal(when_format_time(iso("2027-06-09T09:30:00Z"), LON, buf, 5), "10:3");
	assert_string_equal(when_format_iso(-1, buf, sizeof buf), "1969-12-31T23:59:59Z");
}

/* ---- parsing dates ---- */

static void
test_parse_iso(void **state)
{
	static const struct {
		const char *in;
		bool ok;
		long long want;
	} cases[] = {
		{ "1970-01-01T00:00:00Z", true, 0 },
		{ "1970-01-01", true, 0 },
		{ "1969-12-31T23:59:59Z", true, -1 },
		{ "2027-06-09T09:30:00Z", true, 1812533400 },
		{ "2027-06-09T09:30Z", true, 1812533400 },
		{ "2027-06-09t09:30:00z", true, 1812533400 },
		{ "2027-06-09 09:30:00Z", true, 1812533400 },
		{ "2027-06-09T09:30:00.123Z", true, 1812533400 },
		{ "2027-06-09T10:30:00+01:00", true, 1812533400 },
		{ "2027-06-09T04:30:00-0500", true, 1812533400 },
		{ "2027-06-09T15:00+05:30", true, 1812533400 },
		{ "2027-06-09", true, 1812499200 },
		{ "2000-02-29", true, 951782400 },
		{ "2016-12-31T23:59:60Z", true, 1483228799 },   /* leap second */
		{ "2027-02-29", false, 0 },
		{ "1900-02-29", false, 0 },
		{ "2027-13-01", false, 0 },
		{ "2027-00-10", false, 0 },
		{ "2027-04-31", false, 0 },
		{ "0000-01-01", false, 0 },
		{ "2027-06-09T24:00:00Z", false, 0 },
		{ "2027-06-09T09:60Z", false, 0 },
		{ "2027-06-09T09:30:00", false, 0 },
		{ "2027-06-09T09:30:00Zjunk", false, 0 },
		{ "2027-06-09T09:30+25:00", false, 0 },
		{ "2027-06-09T09:30+01", false, 0 },
		{ "2027-6-9", false, 0 },
		{ "2027-06-09T9:30Z", false, 0 },
		{ "20270609", false, 0 },
		{ "", false, 0 },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		time_t t = 12345;
		int rc = when_parse_iso(cases[i].in, &t);

		if (!cases[i].ok) {
			if (rc != -1)
				fail_msg("'%s': accepted as %lld", cases[i].in, (long long)t);
			/* A refused string leaves the output alone. */
			assert_int_equal((long long)t, 12345);
		} else {
			if (rc != 0)
				fail_msg("'%s': refused", cases[i].in);
			if ((long long)t != cases[i].want)
				fail_msg("'%s': got %lld, want %lld", cases[i].in,
				    (long long)t, cases[i].want);
		}
	}
	assert_int_equal(when_parse_iso(NULL, &(time_t){ 0 }), -1);
}

static void
test_parse_since(void **state)
{
	static const struct {
		const char *in;
		const char *want;   /* NULL: refused */
	} cases[] = {
		{ "2d", "2027-06-07T12:00:00Z" },
		{ "3h", "2027-06-09T09:00:00Z" },
		{ "1h30m", "2027-06-09T10:30:00Z" },
		{ "0", "2027-06-09T12:00:00Z" },
		{ "2027-06-01", "2027-06-01T00:00:00Z" },
		{ "2027-06-08T23:00:00+02:00", "2027-06-08T21:00:00Z" },
		{ "5bd", NULL },
		{ "yesterday", NULL },
		{ "2x", NULL },
		{ "", NULL },
	};
	time_t now = iso("2027-06-09T12:00:00Z");

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		time_t t = 0;
		int rc = when_parse_since(cases[i].in, now, &t);

		if (cases[i].want == NULL) {
			if (rc != -1)
				fail_msg("'%s': accepted", cases[i].in);
		} else {
			if (rc != 0)
				fail_msg("'%s': refused", cases[i].in);
			assert_time(t, cases[i].want, cases[i].in);
		}
	}
}

/* "today" and "yesterday" by the user's calendar, not by 24-hour spans. */
static void
test_format_day(void **state)
{
	static const struct { const char *t, *now, *tz, *want; } cases[] = {
		{ "2027-06-09T09:30:00Z", "2027-06-09T22:59:00Z", "Europe/London", "today" },
		/* 23:30 UTC is already the 10th in London (BST) */
		{ "2027-06-09T09:30:00Z", "2027-06-09T23:30:00Z", "Europe/London", "yesterday" },
		{ "2027-06-09T09:30:00Z", "2027-06-09T23:30:00Z", "America/New_York", "today" },
		{ "2027-06-09T23:30:00Z", "2027-06-09T12:00:00Z", "Europe/London", "tomorrow" },
		{ "2027-06-09T09:30:00Z", "2027-06-12T09:00:00Z", "Europe/London", "on Wednesday" },
		{ "2027-06-09T09:30:00Z", "2027-06-20T09:00:00Z", "Europe/London", "on 9 June" },
		{ "2027-06-09T09:30:00Z", "2027-06-07T09:00:00Z", "Europe/London", "on Wednesday" },
	};
	char buf[64];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		time_t t, now;

		assert_int_equal(when_parse_iso(cases[i].t, &t), 0);
		assert_int_equal(when_parse_iso(cases[i].now, &now), 0);
		if (strcmp(when_format_day(t, now, cases[i].tz, buf, sizeof(buf)), cases[i].want) != 0)
			fail_msg("case %zu: %s, want %s", i, buf, cases[i].want);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_duration_ok),
		cmocka_unit_test(test_parse_duration_errors),
		cmocka_unit_test(test_format_duration),
		cmocka_unit_test(test_zone_valid),
		cmocka_unit_test(test_tz_restored),
		cmocka_unit_test(test_adopt_zone),
		cmocka_unit_test(test_zone_valid_other_dir),
		cmocka_unit_test(test_business_days),
		cmocka_unit_test(test_add_calendar),
		cmocka_unit_test(test_add_extremes),
		cmocka_unit_test(test_from_local),
		cmocka_unit_test(test_local),
		cmocka_unit_test(test_parse_window),
		cmocka_unit_test(test_format_window),
		cmocka_unit_test(test_next_allowed),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_format_day),
		cmocka_unit_test(test_parse_iso),
		cmocka_unit_test(test_parse_since),
	};

	/* Every expectation here depends on the system tz database. */
	if (!when_zone_valid(LON) || !when_zone_valid(NYC) || !when_zone_valid("Asia/Kolkata")) {
		fprintf(stderr, "test_when: no tz database (install tzdata); skipping\n");
		return 77;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
