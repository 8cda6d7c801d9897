/* Unit tests for ics: the shared corpus (when present) and our own cases. */
#include "autoconfig.h"

#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "ics.h"
#include "util.h"

static char *iso(time_t t)
{
	static char b[4][32];
	static int k;
	struct tm tm;

	k = (k + 1) % 4;
	gmtime_r(&t, &tm);
	strftime(b[k], sizeof(b[k]), "%Y-%m-%dT%H:%M:%SZ", &tm);
	return b[k];
}

static struct ics_calendar *parse(const char *s)
{
	return ics_parse(s, strlen(s), NULL);
}

/* ---- the corpus ---------------------------------------------------------- */

static char *corpus_dir(const char *sub)
{
	const char *top = getenv("top_srcdir");

	return xasprintf("%s/../shared/corpus/%s", top ? top : ".", sub);
}

static struct ics_calendar *parse_corpus(const char *name)
{
	char *dir = corpus_dir("invites-ics"), *path = xasprintf("%s/%s", dir, name), *data;
	struct ics_calendar *cal = NULL;
	size_t len;

	if (read_file(path, 1 << 24, &data, &len) == 0) {
		cal = ics_parse(data, len, NULL);
		free(data);
	}
	free(dir);
	free(path);
	return cal;
}

static void test_corpus_all(void **state)
{
	char *dir = corpus_dir("invites-ics");
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	(void)state;
	if (d == NULL) {
		free(dir);
		skip();
	}
	while ((e = readdir(d)) != NULL) {
		char *path, *data;
		size_t len;
		struct ics_calendar *cal;

		if (e->d_name[0] == '.')
			continue;
		path = xasprintf("%s/%s", dir, e->d_name);
		assert_int_equal(read_file(path, 1 << 24, &data, &len), 0);
		/* never crash, never hang; a result or NULL are both fine */
		cal = ics_parse(data, len, NULL);
		if (cal != NULL) {
			const struct ics_event *ev = ics_main_event(cal);

			if (ev != NULL && ev->start.set && !ev->start.zone_unknown)
				assert_true(ev->start.utc > 0);
		}
		ics_free(cal);
		/* the same bytes cut at every 97th position */
		for (size_t cut = 0; cut < len; cut += 97)
			ics_free(ics_parse(data, cut, NULL));
		free(data);
		free(path);
		n++;
	}
	closedir(d);
	free(dir);
	assert_true(n >= 20);
}

static void test_corpus_facts(void **state)
{
	struct ics_calendar *cal;
	const struct ics_event *ev;
	char *dir = corpus_dir("invites-ics");
	DIR *d = opendir(dir);

	(void)state;
	free(dir);
	if (d == NULL)
		skip();
	closedir(d);

	cal = parse_corpus("exchange2010_request_pacific_standard_time.ics");
	assert_non_null(cal);
	assert_int_equal(cal->method, ICS_METHOD_REQUEST);
	ev = ics_main_event(cal);
	assert_string_equal(iso(ev->start.utc), "2017-02-24T20:00:00Z");
	assert_string_equal(iso(ev->end.utc), "2017-02-24T20:30:00Z");
	assert_string_equal(ev->start.zone, "America/Los_Angeles");
	ics_free(cal);

	cal = parse_corpus("exchange2010_unquoted_windows_tzid_with_spaces.ics");
	ev = ics_main_event(cal);
	assert_string_equal(ev->start.zone, "America/New_York");
	assert_string_equal(iso(ev->start.utc), "2024-10-28T21:00:00Z");
	ics_free(cal);

	/* TZID=FOO and no VTIMEZONE: not silently UTC */
	cal = parse_corpus("khal_tzid_without_vtimezone.ics");
	ev = ics_main_event(cal);
	assert_true(ev->start.set);
	assert_true(ev->start.zone_unknown);
	assert_null(ev->start.zone);
	assert_string_equal(ev->start.tzid, "FOO");
	ics_free(cal);

	/* an odd TZID with its VTIMEZONE: the VTIMEZONE's offsets */
	cal = parse_corpus("exchange_cdo_request_gmt_offset_tzid.ics");
	ev = ics_main_event(cal);
	assert_false(ev->start.zone_unknown);
	assert_string_equal(iso(ev->start.utc), "2015-07-03T08:00:00Z");
	ics_free(cal);

	cal = parse_corpus("outlook_non_ascii_tzid_brasilia.ics");
	ev = ics_main_event(cal);
	assert_string_equal(ev->start.zone, "America/Sao_Paulo");
	ics_free(cal);

	cal = parse_corpus("nylas_exchange2010_romance_standard_time_french.ics");
	ev = ics_main_event(cal);
	assert_string_equal(ev->start.zone, "Europe/Paris");
	assert_int_equal(ev->sequence, 4);
	assert_string_equal(ev->organizer.email, "inbox.apptest2@inboxapp.onmicrosoft.com");
	assert_int_equal(ev->nattendees, 1);
	assert_string_equal(ev->attendees[0].name, "Karim Hamidou");
	ics_free(cal);

	cal = parse_corpus("rfc7986_conference_property.ics");
	ev = ics_main_event(cal);
	assert_int_equal(ev->nconference, 1);
	assert_string_equal(ev->conference[0], "https://chat.example.com/audio?id=123456");
	ics_free(cal);

	/* GroupWise: folded ORGANIZER, a resource attendee with blanks in MAILTO */
	cal = parse_corpus("ical4j_groupwise_malformed_prodid_space_in_mailto.ics");
	ev = ics_main_event(cal);
	assert_string_equal(ev->organizer.email, "jane.doe@university.edu");
	assert_int_equal(ev->attendees[0].cutype, ICS_CUTYPE_RESOURCE);
	ics_free(cal);

	/* Yahoo: TZID and Z both; the Z wins */
	cal = parse_corpus("ical4j_yahoo_request_tzid_with_utc_z_vtimezone_after_vevent.ics");
	ev = ics_main_event(cal);
	assert_string_equal(iso(ev->start.utc), "2014-01-30T14:00:00Z");
	ics_free(cal);

	/* ISO-8859-1 bytes come out as UTF-8 */
	cal = parse_corpus("tb_latin1_encoded.ics");
	assert_non_null(cal);
	{
		bool found = false;

		for (size_t i = 0; i < cal->nevents; i++) {
			if (cal->events[i].summary && strcmp(cal->events[i].summary, "Event Tv\xc3\xa5") == 0)
				found = true;
		}
		assert_true(found);
	}
	ics_free(cal);

	/* the fuzzer's crash input and the lone BOM */
	ics_free(parse_corpus("libical_fuzz_crash_binary_garbage.ics"));
	ics_free(parse_corpus("bom_utf8_calendar.ics"));
}

/* ---- zones ----------------------------------------------------------------- */

static void test_windows_zones(void **state)
{
	static const struct { const char *win, *iana; } tab[] = {
		{ "W. Europe Standard Time", "Europe/Berlin" },
		{ "FLE Standard Time", "Europe/Helsinki" },
		{ "Pacific Standard Time", "America/Los_Angeles" },
		{ "Romance Standard Time", "Europe/Paris" },
		{ "GMT Standard Time", "Europe/London" },
		{ "Eastern Standard Time", "America/New_York" },
		{ "Central Standard Time", "America/Chicago" },
		{ "Mountain Standard Time", "America/Denver" },
		{ "E. South America Standard Time", "America/Sao_Paulo" },
		{ "New Zealand Standard Time", "Pacific/Auckland" },
		{ "India Standard Time", "Asia/Kolkata" },
		{ "Tokyo Standard Time", "Asia/Tokyo" },
		{ "China Standard Time", "Asia/Shanghai" },
		{ "AUS Eastern Standard Time", "Australia/Sydney" },
		{ "Central Europe Standard Time", "Europe/Budapest" },
		{ "Singapore Standard Time", "Asia/Singapore" },
		{ "Central European Standard Time", "Europe/Warsaw" },
		{ "GTB Standard Time", "Europe/Bucharest" },
		{ "Russian Standard Time", "Europe/Moscow" },
		{ "Israel Standard Time", "Asia/Jerusalem" },
		{ "Arabian Standard Time", "Asia/Dubai" },
		{ "Korea Standard Time", "Asia/Seoul" },
		{ "Hawaiian Standard Time", "Pacific/Honolulu" },
		{ "Alaskan Standard Time", "America/Anchorage" },
		{ "US Mountain Standard Time", "America/Phoenix" },
		{ "Atlantic Standard Time", "America/Halifax" },
		{ "Newfoundland Standard Time", "America/St_Johns" },
		{ "Argentina Standard Time", "America/Argentina/Buenos_Aires" },
		{ "South Africa Standard Time", "Africa/Johannesburg" },
		{ "Egypt Standard Time", "Africa/Cairo" },
		{ "Turkey Standard Time", "Europe/Istanbul" },
		{ "SE Asia Standard Time", "Asia/Bangkok" },
		{ "Cen. Australia Standard Time", "Australia/Adelaide" },
		{ "W. Australia Standard Time", "Australia/Perth" },
		{ "Nepal Standard Time", "Asia/Kathmandu" },
		{ "UTC", "UTC" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(tab); i++) {
		const char *z = ics_windows_zone(tab[i].win);

		assert_non_null(z);
		assert_string_equal(z, tab[i].iana);
		/* and the system knows the zone it maps to */
		z = ics_zone_resolve(tab[i].win);
		if (z == NULL)
			fail_msg("zone for '%s' unknown to the system", tab[i].win);
		assert_string_equal(z, tab[i].iana);
	}
	assert_string_equal(ics_windows_zone("\"w. europe  standard time\""), "Europe/Berlin");
	assert_null(ics_windows_zone("Gondor Standard Time"));
	assert_string_equal(ics_zone_resolve("(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna"),
	    "Europe/Berlin");
	assert_string_equal(ics_zone_resolve("(UTC-05:00) Eastern Time (US & Canada)"), "America/New_York");
	assert_string_equal(ics_zone_resolve("(UTC+02:00) Helsinki, Kyiv, Riga, Sofia, Tallinn, Vilnius"),
	    "Europe/Helsinki");
	assert_string_equal(ics_zone_resolve("/freeassociation.sourceforge.net/Europe/Zurich"), "Europe/Zurich");
	assert_null(ics_zone_resolve("../../../etc/passwd"));
	assert_null(ics_zone_resolve("FOO"));
}

static void test_local_to_utc(void **state)
{
	time_t t;

	(void)state;
	assert_int_equal(ics_local_to_utc("Europe/Berlin", 2027, 3, 3, 14, 0, &t), 0);
	assert_string_equal(iso(t), "2027-03-03T13:00:00Z");
	assert_int_equal(ics_local_to_utc("Europe/Berlin", 2027, 6, 3, 14, 0, &t), 0);
	assert_string_equal(iso(t), "2027-06-03T12:00:00Z");
	assert_int_equal(ics_local_to_utc("America/New_York", 2027, 3, 15, 14, 30, &t), 0);
	assert_string_equal(iso(t), "2027-03-15T18:30:00Z");
	assert_int_equal(ics_local_to_utc("UTC", 2027, 1, 1, 0, 0, &t), 0);
	assert_string_equal(iso(t), "2027-01-01T00:00:00Z");
	assert_int_equal(ics_local_to_utc("Mars/Olympus", 2027, 1, 1, 0, 0, &t), -1);
	assert_int_equal(ics_local_to_utc("Europe/Berlin", 2027, 13, 1, 0, 0, &t), -1);
}

/* ---- our own calendars --------------------------------------------------- */

static const char windows_invite[] =
	"BEGIN:VCALENDAR\r\n"
	"METHOD:REQUEST\r\n"
	"PRODID:Microsoft Exchange Server 2010\r\n"
	"VERSION:2.0\r\n"
	"BEGIN:VTIMEZONE\r\n"
	"TZID:W. Europe Standard Time\r\n"
	"BEGIN:STANDARD\r\nDTSTART:16010101T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\n"
	"RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10\r\nEND:STANDARD\r\n"
	"BEGIN:DAYLIGHT\r\nDTSTART:16010101T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\n"
	"RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3\r\nEND:DAYLIGHT\r\n"
	"END:VTIMEZONE\r\n"
	"BEGIN:VEVENT\r\n"
	"ORGANIZER;CN=\"Brooks, Ada\":MAILTO:Ada.Brooks@Example.COM\r\n"
	"ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN=Jane Doe:mailto:jane@example.net\r\n"
	"ATTENDEE;CUTYPE=ROOM;ROLE=NON-PARTICIPANT;CN=Room 4.12:mailto:room412@example.com\r\n"
	"ATTENDEE;CUTYPE=RESOURCE;CN=Projector:mailto:projector@example.com\r\n"
	"UID:040000008200E00074C5B7101A82E008\r\n"
	"SUMMARY;LANGUAGE=en-US:Interview\r\n"
	"DTSTART;TZID=W. Europe Standard Time:20270715T100000\r\n"
	"DTEND;TZID=W. Europe Standard Time:20270715T110000\r\n"
	"SEQUENCE:2\r\n"
	"STATUS:CONFIRMED\r\n"
	"LOCATION:Microsoft Teams Meeting\r\n"
	"X-MICROSOFT-SKYPETEAMSMEETINGURL:https://teams.microsoft.com/l/meetup-join/19%3ameeting_X%40thread.v2/0\r\n"
	"END:VEVENT\r\n"
	"END:VCALENDAR\r\n";

static void test_windows_invite(void **state)
{
	struct ics_calendar *cal = parse(windows_invite);
	const struct ics_event *ev;

	(void)state;
	assert_non_null(cal);
	assert_int_equal(cal->method, ICS_METHOD_REQUEST);
	ev = ics_main_event(cal);
	assert_string_equal(ev->uid, "040000008200E00074C5B7101A82E008");
	assert_int_equal(ev->sequence, 2);
	assert_string_equal(ev->status, "CONFIRMED");
	/* summer: CEST, UTC+2 */
	assert_string_equal(iso(ev->start.utc), "2027-07-15T08:00:00Z");
	assert_string_equal(iso(ev->end.utc), "2027-07-15T09:00:00Z");
	assert_string_equal(ev->start.zone, "Europe/Berlin");
	assert_string_equal(ev->start.tzid, "W. Europe Standard Time");
	/* mixed-case MAILTO and address lower-cased */
	assert_string_equal(ev->organizer.email, "ada.brooks@example.com");
	assert_string_equal(ev->organizer.name, "Brooks, Ada");
	assert_int_equal(ev->nattendees, 3);
	assert_int_equal(ev->attendees[0].cutype, ICS_CUTYPE_INDIVIDUAL);
	assert_string_equal(ev->attendees[0].partstat, "NEEDS-ACTION");
	assert_string_equal(ev->attendees[0].role, "REQ-PARTICIPANT");
	assert_int_equal(ev->attendees[1].cutype, ICS_CUTYPE_ROOM);
	assert_int_equal(ev->attendees[2].cutype, ICS_CUTYPE_RESOURCE);
	assert_int_equal(ev->nconference, 1);
	assert_string_equal(ev->conference[0],
	    "https://teams.microsoft.com/l/meetup-join/19%3ameeting_X%40thread.v2/0");
	ics_free(cal);
}

static void test_unknown_tzid(void **state)
{
	/* a made-up name with its VTIMEZONE: the VTIMEZONE's offsets */
	static const char with_vtz[] =
		"BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VTIMEZONE\nTZID:My Own Zone\n"
		"BEGIN:STANDARD\nDTSTART:19700101T000000\nTZOFFSETFROM:+0300\nTZOFFSETTO:+0300\n"
		"END:STANDARD\nEND:VTIMEZONE\n"
		"BEGIN:VEVENT\nUID:a\nDTSTART;TZID=\"My Own Zone\":20270301T120000\n"
		"DTEND;TZID=My Own Zone:20270301T130000\nEND:VEVENT\nEND:VCALENDAR\n";
	/* no VTIMEZONE: unknown, not UTC */
	static const char without[] =
		"BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:b\n"
		"DTSTART;TZID=Somewhere Nice:20270301T120000\nEND:VEVENT\nEND:VCALENDAR\n";
	/* a fixed offset in the name */
	static const char fixed[] =
		"BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:c\n"
		"DTSTART;TZID=\"(GMT-03:00) Somewhere\":20270301T120000\nEND:VEVENT\nEND:VCALENDAR\n";
	struct ics_calendar *cal;
	const struct ics_event *ev;

	(void)state;
	cal = parse(with_vtz);
	ev = ics_main_event(cal);
	assert_false(ev->start.zone_unknown);
	assert_null(ev->start.zone);
	assert_string_equal(iso(ev->start.utc), "2027-03-01T09:00:00Z");
	assert_string_equal(iso(ev->end.utc), "2027-03-01T10:00:00Z");
	ics_free(cal);

	cal = parse(without);
	ev = ics_main_event(cal);
	assert_true(ev->start.set);
	assert_true(ev->start.zone_unknown);
	assert_string_equal(ev->start.tzid, "Somewhere Nice");
	ics_free(cal);

	cal = parse(fixed);
	ev = ics_main_event(cal);
	assert_false(ev->start.zone_unknown);
	assert_string_equal(iso(ev->start.utc), "2027-03-01T15:00:00Z");
	ics_free(cal);
}

static void test_hostile_vtimezone(void **state)
{
	/* A minutely rule from 1601 would keep libical busy for minutes. */
	static const char evil[] =
		"BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VTIMEZONE\nTZID:Evil\n"
		"BEGIN:STANDARD\nDTSTART:16010101T000000\nRRULE:FREQ=MINUTELY\n"
		"TZOFFSETFROM:+0100\nTZOFFSETTO:+0100\nEND:STANDARD\nEND:VTIMEZONE\n"
		"BEGIN:VEVENT\nUID:e\nDTSTART;TZID=Evil:20270301T120000\nEND:VEVENT\nEND:VCALENDAR\n";
	struct ics_calendar *cal;
	const struct ics_event *ev;
	time_t t0 = time(NULL);

	(void)state;
	cal = parse(evil);
	ev = ics_main_event(cal);
	assert_true(ev->start.zone_unknown);
	ics_free(cal);
	assert_true(time(NULL) - t0 < 5);
}

/* An Outlook-style definition: rules from 1601, offsets given by off. */
static char *dst_invite(const char *off_std, const char *off_dst, const char *when)
{
	return xasprintf("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VTIMEZONE\r\n"
	    "TZID:Made Up Daylight Zone\r\n"
	    "BEGIN:STANDARD\r\nDTSTART:16010101T030000\r\nTZOFFSETFROM:%s\r\nTZOFFSETTO:%s\r\n"
	    "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\nEND:STANDARD\r\n"
	    "BEGIN:DAYLIGHT\r\nDTSTART:16010101T020000\r\nTZOFFSETFROM:%s\r\nTZOFFSETTO:%s\r\n"
	    "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n"
	    "BEGIN:VEVENT\r\nUID:z\r\nDTSTART;TZID=Made Up Daylight Zone:%s\r\n"
	    "END:VEVENT\r\nEND:VCALENDAR\r\n", off_dst, off_std, off_std, off_dst, when);
}

static time_t start_of(const char *text)
{
	struct ics_calendar *cal = parse(text);
	const struct ics_event *ev = ics_main_event(cal);
	time_t t;

	assert_non_null(ev);
	assert_false(ev->start.zone_unknown);
	t = ev->start.utc;
	ics_free(cal);
	return t;
}

static void test_zone_cache(void **state)
{
	char *summer = dst_invite("+0200", "+0300", "20270701T120000");
	char *winter = dst_invite("+0200", "+0300", "20270115T120000");
	char *other = dst_invite("+0500", "+0600", "20270701T120000");
	unsigned long hits, misses;

	(void)state;
	ics_zone_cache_clear();
	/* the first use builds the zone, every later one finds it */
	assert_string_equal(iso(start_of(summer)), "2027-07-01T09:00:00Z");
	ics_zone_cache_stats(&hits, &misses);
	assert_int_equal(misses, 1);
	assert_string_equal(iso(start_of(winter)), "2027-01-15T10:00:00Z");
	assert_string_equal(iso(start_of(summer)), "2027-07-01T09:00:00Z");
	ics_zone_cache_stats(&hits, &misses);
	assert_int_equal(misses, 1);
	assert_int_equal(hits, 2);
	/* the same TZID with other rules is another zone: the text is the key */
	assert_string_equal(iso(start_of(other)), "2027-07-01T06:00:00Z");
	ics_zone_cache_stats(&hits, &misses);
	assert_int_equal(misses, 2);
	/* many other definitions push it out; it is built again, the same */
	for (int i = 0; i < 40; i++) {
		char off[8], *t;

		snprintf(off, sizeof(off), "+%02d00", i % 12);
		t = dst_invite(off, "+1300", i < 20 ? "20270701T120000" : "20200701T120000");
		(void)start_of(t);
		free(t);
	}
	assert_string_equal(iso(start_of(summer)), "2027-07-01T09:00:00Z");
	assert_string_equal(iso(start_of(winter)), "2027-01-15T10:00:00Z");
	/* an earlier year: shortened to another DTSTART, another zone, same rules */
	free(winter);
	winter = dst_invite("+0200", "+0300", "20190115T120000");
	assert_string_equal(iso(start_of(winter)), "2019-01-15T10:00:00Z");
	ics_zone_cache_clear();
	free(summer);
	free(winter);
	free(other);
}

static void test_icloud_email_param(void **state)
{
	static const char icloud[] =
		"BEGIN:VCALENDAR\nMETHOD:REQUEST\nPRODID:-//Apple Inc.//iOS 17//EN\nVERSION:2.0\n"
		"BEGIN:VEVENT\nUID:x\nDTSTART:20270305T110000Z\nDURATION:PT45M\n"
		"ORGANIZER;CN=\"Liam O'Brien\";EMAIL=\"liam@quillstack.com\":mailto:2_HAZDGMB@imip.me.com\n"
		"ATTENDEE;CN=Noor;EMAIL=noor@example.org:MAILTO:2_XYZ@imip.me.com\n"
		"ATTENDEE;CN=Bad;EMAIL=not-an-address:mailto:real@example.org\n"
		"END:VEVENT\nEND:VCALENDAR\n";
	struct ics_calendar *cal = parse(icloud);
	const struct ics_event *ev = ics_main_event(cal);

	(void)state;
	assert_string_equal(ev->organizer.email, "liam@quillstack.com");
	assert_string_equal(ev->organizer.name, "Liam O'Brien");
	assert_string_equal(ev->attendees[0].email, "noor@example.org");
	assert_string_equal(ev->attendees[1].email, "real@example.org");
	/* DURATION instead of DTEND */
	assert_string_equal(iso(ev->end.utc), "2027-03-05T11:45:00Z");
	ics_free(cal);
}

static void test_methods(void **state)
{
	static const char cancel[] =
		"BEGIN:VCALENDAR\nMETHOD:CANCEL\nVERSION:2.0\nBEGIN:VEVENT\nUID:c1\nSEQUENCE:3\n"
		"STATUS:CANCELLED\nDTSTART:20270301T100000Z\nEND:VEVENT\nEND:VCALENDAR\n";
	static const char reply[] =
		"BEGIN:VCALENDAR\nmethod:reply\nVERSION:2.0\nBEGIN:VEVENT\nUID:r1\n"
		"ATTENDEE;PARTSTAT=ACCEPTED:mailto:a@example.com\nDTSTART:20270301T100000Z\n"
		"END:VEVENT\nEND:VCALENDAR\n";
	static const char none[] =
		"BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:p1\nDTSTART;VALUE=DATE:20270301\n"
		"END:VEVENT\nEND:VCALENDAR\n";
	struct ics_calendar *cal;

	(void)state;
	cal = parse(cancel);
	assert_int_equal(cal->method, ICS_METHOD_CANCEL);
	assert_string_equal(ics_main_event(cal)->status, "CANCELLED");
	assert_int_equal(ics_main_event(cal)->sequence, 3);
	ics_free(cal);
	cal = parse(reply);
	assert_int_equal(cal->method, ICS_METHOD_REPLY);
	assert_string_equal(ics_main_event(cal)->attendees[0].partstat, "ACCEPTED");
	ics_free(cal);
	cal = parse(none);
	assert_int_equal(cal->method, ICS_METHOD_NONE);
	assert_true(ics_main_event(cal)->start.all_day);
	assert_string_equal(iso(ics_main_event(cal)->start.utc), "2027-03-01T00:00:00Z");
	ics_free(cal);
	assert_string_equal(ics_method_str(ICS_METHOD_PUBLISH), "PUBLISH");
}

static void test_floating(void **state)
{
	static const char fl[] =
		"BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:f\nDTSTART:20270701T100000\n"
		"END:VEVENT\nEND:VCALENDAR\n";
	struct ics_calendar *cal;

	(void)state;
	cal = ics_parse(fl, strlen(fl), "Europe/London");
	assert_string_equal(iso(ics_main_event(cal)->start.utc), "2027-07-01T09:00:00Z");
	assert_false(ics_main_event(cal)->start.zone_unknown);
	ics_free(cal);
	cal = ics_parse(fl, strlen(fl), NULL);
	assert_true(ics_main_event(cal)->start.zone_unknown);
	ics_free(cal);
}

static void test_garbage(void **state)
{
	uint32_t x = 2463534242u;
	char buf[600];
	size_t i, n;
	int round;

	(void)state;
	assert_null(ics_parse("", 0, NULL));
	assert_null(ics_parse("hello world", 11, NULL));
	assert_null(ics_parse(NULL, 0, NULL));
	/* the invite with bytes flipped at random (xorshift, fixed seed) */
	for (round = 0; round < 300; round++) {
		n = strlen(windows_invite);
		if (n > sizeof(buf))
			n = sizeof(buf);
		memcpy(buf, windows_invite, n);
		for (i = 0; i < 12; i++) {
			x ^= x << 13;
			x ^= x >> 17;
			x ^= x << 5;
			buf[x % n] = (char)(x >> 8);
		}
		ics_free(ics_parse(buf, n, "Europe/London"));
	}
}

static void test_text_clean(void **state)
{
	char *s;

	(void)state;
	s = ics_text_clean("\xef\xbb\xbf" "Caf\xe9\r\nline\x01two\x80", 18);
	assert_string_equal(s, "Caf\xc3\xa9\nlinetwo\xe2\x82\xac");
	free(s);
	s = ics_text_clean("ok \xc3\xa5", 6);
	assert_string_equal(s, "ok \xc3\xa5");
	free(s);
	/* runs of plain ASCII end at each byte that is not kept as it is */
	s = ics_text_clean("a\tb\rc\r\x7f" "d\0e\x81z", 12);
	assert_string_equal(s, "a\tb\nc\ndez");
	free(s);
	s = ics_text_clean("abcdef", 3);
	assert_string_equal(s, "abc");
	free(s);
}

/*
 * ics_preload() keeps the zones of its tables as text and builds each one
 * on first use: the times must be those libical's own loader gives.  So
 * the same wall-clock times (DST gaps and folds included, 1900 to 2120)
 * are converted by libical's zones before the preload and by the kept
 * ones after it.  Runs last: the preload is for the rest of the process.
 */
static void test_preload_same_zones(void **state)
{
	static const char *const zones[] = {
		"Europe/Berlin", "Europe/London", "America/New_York",
		"America/Sao_Paulo", "Australia/Lord_Howe", "Pacific/Chatham",
		"Asia/Hebron", "Africa/Casablanca", "Asia/Kolkata", "Etc/GMT+12",
		"Europe/Kyiv",
	};
	static const char *const names[] = {
		"W. Europe Standard Time", "(UTC+10:30) Lord Howe Island",
		"\"Eastern Standard Time\"", "(UTC+05:30) Chennai, Kolkata",
		"Europe/Paris", "America/Lima", "Mars/Olympus",
	};
	enum { YEARS = 221, PER_YEAR = 12 * 3 };
	static const int hours[3] = { 1, 2, 3 };
	const char *resolved[ARRAY_LEN(names)];
	time_t *before = xcalloc(ARRAY_LEN(zones) * YEARS * PER_YEAR, sizeof(time_t));
	size_t kept, built;
	unsigned long hits;

	(void)state;
	for (int pass = 0; pass < 2; pass++) {
		size_t k = 0;

		if (pass == 1) {
			ics_preload();
			ics_zone_kept_stats(&kept, &built, &hits);
			assert_true(kept > 140);   /* the tables' ~150 zones */
			assert_int_equal(built, 0);
		}
		for (size_t i = 0; i < ARRAY_LEN(names); i++) {
			const char *r = ics_zone_resolve(names[i]);

			if (pass == 0)
				resolved[i] = r;
			else if (resolved[i] == NULL || r == NULL)
				assert_ptr_equal(resolved[i], r);
			else
				assert_string_equal(resolved[i], r);
		}
		if (pass == 1) {
			/* resolving a name does not build its zone */
			ics_zone_kept_stats(&kept, &built, &hits);
			assert_int_equal(built, 0);
		}
		for (size_t z = 0; z < ARRAY_LEN(zones); z++)
			for (int y = 1900; y < 1900 + YEARS; y++)
				for (int m = 1; m <= 12; m++)
					for (int h = 0; h < 3; h++, k++) {
						time_t t = -1;

						/* the last Sunday-ish week: where changes fall */
						assert_int_equal(ics_local_to_utc(zones[z], y, m,
						    25 + (y % 4), hours[h], 30, &t), 0);
						if (pass == 0)
							before[k] = t;
						else if (before[k] != t)
							fail_msg("%s %d-%02d %02d:30: %s before, %s after",
							    zones[z], y, m, hours[h], iso(before[k]), iso(t));
					}
	}
	/* the times after the preload came from the kept zones (one built
	 * for each zone used), never from libical's loader */
	ics_zone_kept_stats(&kept, &built, &hits);
	assert_int_equal(built, ARRAY_LEN(zones));
	assert_int_equal(hits, ARRAY_LEN(zones) * YEARS * PER_YEAR);
	free(before);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_corpus_all),
		cmocka_unit_test(test_corpus_facts),
		cmocka_unit_test(test_windows_zones),
		cmocka_unit_test(test_local_to_utc),
		cmocka_unit_test(test_windows_invite),
		cmocka_unit_test(test_unknown_tzid),
		cmocka_unit_test(test_hostile_vtimezone),
		cmocka_unit_test(test_zone_cache),
		cmocka_unit_test(test_icloud_email_param),
		cmocka_unit_test(test_methods),
		cmocka_unit_test(test_floating),
		cmocka_unit_test(test_garbage),
		cmocka_unit_test(test_text_clean),
		cmocka_unit_test(test_preload_same_zones),   /* last: see there */
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
