/*
 * ics: read an iCalendar object (RFC 5545, iMIP RFC 6047) with libical
 * into plain C data: the METHOD, and per VEVENT the UID, SEQUENCE,
 * STATUS, SUMMARY, start and end in UTC, the people and the places.
 *
 * The input is hostile.  ics_parse() never aborts and never hangs: libical
 * errors are made non-fatal, the text is cleaned first (BOM, NUL bytes,
 * invalid UTF-8 read as Windows-1252), and the output is bounded.
 *
 * Time zones.  A TZID is resolved, in this order, to:
 *   1. an IANA zone the system knows ("Europe/Berlin", quotes stripped,
 *      libical's "/freeassociation.sourceforge.net/" prefixes removed);
 *   2. an IANA zone through the Windows zone names ("W. Europe Standard
 *      Time" -> Europe/Berlin) or an Outlook label ("(UTC+01:00)
 *      Amsterdam, Berlin, ..." -> Europe/Berlin);
 *   3. the VTIMEZONE of that TZID in the same file (time exact, no IANA
 *      name);
 *   4. a fixed offset written in the TZID ("(GMT-03:00)", "GMT +0100").
 * When none applies the time is NOT taken as UTC: ics_time.zone_unknown is
 * set and ics_time.utc holds the wall-clock time read as if it were UTC,
 * for display only.  A floating time (no TZID, no Z) is resolved in the
 * zone the caller passes to ics_parse (the user's zone) or else marked the
 * same way.
 *
 * All zone data comes from libical's reading of the system tz database.
 * Call ics_preload() before a seccomp filter forbids open(): it reads every
 * zone this module and detect can name and keeps each as its VTIMEZONE
 * text (~2.4 KiB a zone, ~0.4 MiB in all, instead of ~7.7 MiB of libical
 * trees); a zone is built from its text, without open(), the first time
 * it is used and kept from then on, so they work inside the sandbox.
 * After ics_preload(), another zone asked for (detect_preload_zones()) is
 * kept the same way while files can still be opened; once they cannot,
 * libical's loader fails for it (inside the sandbox: unknown, as before).
 */
#ifndef FOLLOWUPD_ICS_H
#define FOLLOWUPD_ICS_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

enum ics_method {
	ICS_METHOD_NONE = 0,   /* no METHOD property (a plain .ics file) */
	ICS_METHOD_PUBLISH,
	ICS_METHOD_REQUEST,
	ICS_METHOD_REPLY,
	ICS_METHOD_CANCEL,
	ICS_METHOD_COUNTER,
	ICS_METHOD_REFRESH,
	ICS_METHOD_DECLINECOUNTER,
	ICS_METHOD_ADD,
	ICS_METHOD_OTHER,
};

enum ics_cutype {
	ICS_CUTYPE_INDIVIDUAL = 0,   /* also when CUTYPE is absent */
	ICS_CUTYPE_GROUP,
	ICS_CUTYPE_RESOURCE,
	ICS_CUTYPE_ROOM,
	ICS_CUTYPE_UNKNOWN,
};

/* ORGANIZER or ATTENDEE.  Strings are UTF-8, never NULL ("" if absent). */
struct ics_person {
	char *name;       /* CN, unquoted; "" when absent */
	char *email;      /* EMAIL= parameter if it holds an address, else the
	                   * mailto: address; lower-cased, spaces removed;
	                   * "" when the value is not a mail address */
	char *role;       /* ROLE upper-case ("REQ-PARTICIPANT", "CHAIR"...) or "" */
	char *partstat;   /* PARTSTAT upper-case ("ACCEPTED"...) or "" */
	enum ics_cutype cutype;
};

struct ics_time {
	bool set;          /* the property was present and readable */
	bool all_day;      /* VALUE=DATE: utc is midnight UTC of that date */
	bool zone_unknown; /* the zone could not be resolved (see above) */
	time_t utc;
	char *tzid;        /* the TZID as written (unquoted); NULL if none */
	char *zone;        /* IANA name when known; NULL otherwise */
};

struct ics_event {
	char *uid;                  /* NULL when absent; same for the rest */
	char *summary;
	char *status;               /* upper-case: "CONFIRMED", "CANCELLED"... */
	char *location;
	char *description;
	char *url;                  /* URL property */
	int sequence;               /* 0 when absent */
	bool recurring;             /* has RRULE/RDATE */
	bool has_recurrence_id;     /* an instance of a recurring event */
	struct ics_time start, end; /* end from DTEND, else DTSTART + DURATION */
	bool has_organizer;
	struct ics_person organizer;
	struct ics_person *attendees;
	size_t nattendees;
	/* Conference links from CONFERENCE (RFC 7986), X-GOOGLE-CONFERENCE,
	 * X-MICROSOFT-SKYPETEAMSMEETINGURL, X-MICROSOFT-ONLINEMEETINGCONFLINK
	 * and similar, http(s) only, in the order found. */
	char **conference;
	size_t nconference;
};

struct ics_calendar {
	enum ics_method method;
	char *method_name;        /* as written, upper-case; NULL when absent */
	char *prodid;             /* NULL when absent */
	struct ics_event *events; /* VEVENTs in file order (at most 64) */
	size_t nevents;
};

/*
 * Parse len bytes of iCalendar text.  floating_tz is the IANA zone for
 * floating times (NULL: mark them zone_unknown).  Returns a calendar
 * (caller frees with ics_free) when at least one VCALENDAR or VEVENT was
 * found, else NULL.  Never aborts on malformed input.
 */
struct ics_calendar *ics_parse(const char *text, size_t len, const char *floating_tz);
void ics_free(struct ics_calendar *cal);

/* The event that matters for a mail: the first VEVENT without a
 * RECURRENCE-ID, else the first one; NULL when there is none. */
const struct ics_event *ics_main_event(const struct ics_calendar *cal);

/* "REQUEST" etc. for a method; "" for ICS_METHOD_NONE. */
const char *ics_method_str(enum ics_method m);

/*
 * Resolve a TZID, a Windows zone name or an Outlook label to an IANA zone
 * name known to this system.  Returns a static string, or NULL.
 */
const char *ics_zone_resolve(const char *tzid);

/* The IANA zone for a Windows zone name ("FLE Standard Time"); static
 * string or NULL.  Case-insensitive, ignores surrounding quotes/space. */
const char *ics_windows_zone(const char *name);

/*
 * The UTC time of a wall-clock time in an IANA zone (month 1-12).  A time
 * in a DST gap moves forward by the gap.  0, or -1 when the zone is
 * unknown or the fields are out of range.
 */
int ics_local_to_utc(const char *zone, int year, int month, int day,
    int hour, int minute, time_t *out);

/*
 * A zone built from a VTIMEZONE in a file is kept (per process, at most 32,
 * least recently used out) and used again for a later VTIMEZONE with the
 * very same text: the times are the same, the expansion of its rules is
 * not paid again.  Each kept zone holds its text (at most 64 KiB) and its
 * expanded changes; like libical's own zone table it is process state,
 * not for threads.  For tests: clear the cache, and count its hits and
 * misses since the last clear.
 */
void ics_zone_cache_clear(void);
void ics_zone_cache_stats(unsigned long *hits, unsigned long *misses);

/* Read every zone named in this module's tables (see the top); a second
 * call only warms qsort again. */
void ics_preload(void);

/* For tests: how many zones ics_preload() and later lookups keep, how
 * many of them were built (used for a time) so far, and how many times a
 * kept zone answered a lookup for a time. */
void ics_zone_kept_stats(size_t *kept, size_t *built, unsigned long *hits);

/* A copy of s as valid UTF-8 without control bytes other than \n and \t:
 * invalid bytes are read as Windows-1252.  Caller frees; never NULL. */
char *ics_text_clean(const char *s, size_t len);

#endif
