/*
 * libFuzzer harness: the calendar parser (ics_parse) on hostile text.
 * The first byte picks the zone for floating times (none, the user's, or
 * one far from UTC); the rest is the iCalendar text.  Beyond memory
 * safety it checks the promises of ics.h: people's strings never NULL,
 * every string valid UTF-8, at most 64 events, conference links http(s).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fuzz.h"
#include "ics.h"
#include "log.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	log_init("fuzz", true, getenv("FUZZ_VERBOSE") ? 2 : -1);
	/* As the sandbox worker does: zones loaded once, not per input (and
	 * not seen as leaks by libFuzzer's per-input leak check). */
	ics_preload();
	return 0;
}

static void
check_str(const char *s)
{
	if (s)
		fuzz_check(fuzz_utf8_ok(s, strlen(s)));
}

static void
check_person(const struct ics_person *p)
{
	fuzz_check(p->name && p->email && p->role && p->partstat);
	check_str(p->name);
	check_str(p->email);
	check_str(p->role);
	check_str(p->partstat);
	fuzz_check(strchr(p->email, ' ') == NULL);
	fuzz_check((int)p->cutype >= ICS_CUTYPE_INDIVIDUAL && (int)p->cutype <= ICS_CUTYPE_UNKNOWN);
}

static void
check_time(const struct ics_time *t)
{
	check_str(t->tzid);
	check_str(t->zone);
	if (!t->set)
		return;
	fuzz_check(!(t->zone && t->zone_unknown));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const zones[] = { NULL, "Europe/London", "Pacific/Kiritimati",
		"America/St_Johns" };
	struct ics_calendar *cal;
	const char *tz;

	if (size < 1)
		return 0;
	tz = zones[data[0] % 4];
	cal = ics_parse((const char *)data + 1, size - 1, tz);
	if (cal == NULL)
		return 0;
	fuzz_check(cal->nevents <= 64);
	fuzz_check((int)cal->method >= ICS_METHOD_NONE && (int)cal->method <= ICS_METHOD_OTHER);
	fuzz_check(ics_method_str(cal->method) != NULL);
	check_str(cal->method_name);
	check_str(cal->prodid);
	for (size_t i = 0; i < cal->nevents; i++) {
		const struct ics_event *e = &cal->events[i];

		check_str(e->uid);
		check_str(e->summary);
		check_str(e->status);
		check_str(e->location);
		check_str(e->description);
		check_str(e->url);
		check_time(&e->start);
		check_time(&e->end);
		if (e->has_organizer)
			check_person(&e->organizer);
		for (size_t k = 0; k < e->nattendees; k++)
			check_person(&e->attendees[k]);
		for (size_t k = 0; k < e->nconference; k++) {
			check_str(e->conference[k]);
			fuzz_check(strncasecmp(e->conference[k], "http", 4) == 0);
		}
	}
	if (cal->nevents)
		fuzz_check(ics_main_event(cal) != NULL);
	ics_free(cal);
	return 0;
}
