/*
 * when: time arithmetic for policy.  Durations ("30s", "5m", "2h", "1d",
 * "7bd" = seven business days), business days, the user's time zone,
 * send windows, and dates formatted for templates.
 *
 * Every function is pure: it takes `now` (or a time) as a parameter and
 * reads nothing but its arguments and the system's tz database.  Times are
 * time_t seconds since the epoch, UTC.  Time zones are IANA names
 * ("Europe/London"); NULL or "" means UTC, and a name when_zone_valid()
 * refuses also acts as UTC (the config module rejects such names first).
 *
 * Zones are applied by setting TZ around localtime_r() and restoring it
 * before returning, so the rest of the program never sees TZ changed.
 * That makes these functions unsafe to call while another thread reads the
 * environment; followupd is single-threaded.
 */
#ifndef FOLLOWUPD_WHEN_H
#define FOLLOWUPD_WHEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

/* The largest duration accepted: ten years. */
#define WHEN_MAX_SECONDS ((int64_t)3653 * 86400)
#define WHEN_MAX_BUSINESS_DAYS 2610  /* ten years of Monday-Fridays */

/*
 * A parsed duration: either a length of time, or a number of business days
 * (Monday to Friday, in the user's time zone).
 *
 * `seconds` is the whole nominal length ("1d2h" = 93600).  `days` says how
 * many of those seconds are calendar days ("d" and "w" units): when_add()
 * moves those on the wall clock, so "1d" across a DST change keeps the
 * local time of day, while "24h" is exactly 86400 elapsed seconds.  A
 * duration built by hand as { .seconds = N } is N elapsed seconds.
 */
struct duration {
	int64_t seconds;      /* used when business_days == 0 */
	int business_days;    /* > 0 for "Nbd" (then seconds == days == 0) */
	int days;             /* calendar days inside seconds (days*86400 <= seconds) */
};

/*
 * Parse "30s", "5m", "2h", "1d", "2w", "7bd", a sum like "1h30m" or
 * "1d 12h", or a bare "0".  Units: s, m, h, d, w, bd; business days cannot
 * be combined with other units.  Numbers are non-negative integers; the
 * total must not exceed ten years.  Returns 0, or -1 with *err set to a
 * short lower-case message, for example:
 *   "empty", "not a number", "must not be negative", "not a whole number",
 *   "missing unit (use s, m, h, d, w or bd)", "unknown unit 'x'",
 *   "too large (more than ten years)",
 *   "business days cannot be combined with other units".
 * *err points to static storage, valid until the next call.
 */
int when_parse_duration(const char *s, struct duration *d, const char **err);

/* Format a duration back so that it parses to the same value (a negative
 * one, which the parser never makes, gets a leading '-'): "7bd", "2h",
 * "1w2d", "1d2h", 90 plain seconds -> "1m30s", zero -> "0s".  Writes into
 * buf (NUL-terminated, truncated if short) and returns buf. */
const char *when_format_duration(const struct duration *d, char *buf, size_t len);

/* True if the zone name is known to the system tz database (a TZif file
 * under $TZDIR or /usr/share/zoneinfo).  NULL and "" (UTC) are valid.
 * Names with "..", a leading "/", odd characters, or "right/" (leap-second
 * clocks) are refused. */
bool when_zone_valid(const char *tz);

/*
 * Make tz the process's own zone (TZ), for a program that works in one
 * zone: the calls below for that zone then switch nothing, where each
 * switch there and back makes the C library read two zone files.  The
 * rest of the program sees TZ changed, as asked.
 */
void when_adopt_zone(const char *tz);

/*
 * t + d in tz.
 *  - seconds, minutes, hours: elapsed time.
 *  - days and weeks: calendar days; the local time of day is kept.
 *  - business days: counts Monday-Friday dates in tz and keeps the local
 *    time of day.  A start on Saturday or Sunday counts as if it were the
 *    following Monday at the same time (the clock starts on the next
 *    business day), so Friday 15:00 + 1bd = Monday 15:00, Saturday or
 *    Sunday 10:00 + 1bd = Tuesday 10:00, Monday 09:00 + 5bd = next Monday
 *    09:00.  A negative count goes backwards, a weekend start then counting
 *    as the preceding Friday.  Public holidays are not known.
 * A kept local time that falls into a DST gap moves forward by the gap
 * (02:30 -> 03:30); a repeated one takes its first occurrence.  Results
 * beyond year 9999 are clamped.
 */
time_t when_add(time_t t, const struct duration *d, const char *tz);

/* A daily send window in local time, "08:00-20:00".  Minutes since local
 * midnight; start > end wraps midnight ("22:00-06:00"); start == end means
 * the whole day; an end of "24:00" (1440) is midnight at the end of the
 * day.  Errors: "expected HH:MM-HH:MM", "hour out of range", "minute out
 * of range" (static strings). */
struct window {
	int start_min;
	int end_min;
};
int when_parse_window(const char *s, struct window *w, const char **err);
/* "08:00-20:00" back; returns buf. */
const char *when_format_window(const struct window *w, char *buf, size_t len);

/*
 * The window that opens on local date D is the interval from the first
 * instant whose local time reaches D+start, up to the first instant whose
 * local time reaches the end (on D, or on D+1 when the window wraps or
 * covers the whole day).  So a window opening inside a DST gap opens when
 * the clocks jump (02:30 on a day that skips 02:00-03:00 -> 03:00), and on
 * a day that repeats an hour it opens at the first occurrence.  With
 * weekends = false, windows opening on a local Saturday or Sunday do not
 * count (a "22:00-06:00" window opening on Friday still runs into
 * Saturday morning).
 *
 * when_next_allowed: the earliest time >= t inside such a window.
 * when_is_allowed:   when_next_allowed(t, ...) == t.
 */
time_t when_next_allowed(time_t t, const struct window *w, bool weekends, const char *tz);
bool when_is_allowed(time_t t, const struct window *w, bool weekends, const char *tz);

/* Broken-down local time of t in tz (like localtime_r with TZ=tz).  Do not
 * use the tm_zone pointer glibc may set; use when_format_time(). */
void when_local(time_t t, const char *tz, struct tm *out);
/* The UTC time of a local wall-clock time in tz.  Only tm_year, tm_mon,
 * tm_mday, tm_hour, tm_min and tm_sec are read, and they may be out of
 * range (tm_mday = 32 is the next month's first).  A time in a DST gap
 * moves forward by the gap (02:30 -> 03:30 after a one-hour jump), a
 * repeated time takes the first occurrence. */
time_t when_from_local(const struct tm *local, const char *tz);

/* Formatting for templates, in English whatever the locale, in tz:
 *   when_format_date    "Wednesday 9 June 2027"
 *   when_format_time    "10:30 BST"  (24 h, then the zone abbreviation)
 *   when_format_weekday "Wednesday"
 *   when_format_iso     "2027-06-09T09:30:00Z" (always UTC)
 *   when_format_rfc5322 "Wed, 09 Jun 2027 10:30:00 +0100" (Date: header)
 *   when_format_log     "2027-06-09 10:30 +0100" (every time in a log line:
 *                       the user's zone, so a line never mixes two zones)
 * All write into buf (NUL-terminated, truncated if short) and return buf. */
const char *when_format_date(time_t t, const char *tz, char *buf, size_t len);
const char *when_format_time(time_t t, const char *tz, char *buf, size_t len);
const char *when_format_weekday(time_t t, const char *tz, char *buf, size_t len);
const char *when_format_iso(time_t t, char *buf, size_t len);
const char *when_format_rfc5322(time_t t, const char *tz, char *buf, size_t len);
/* t as the user would say it at `now`, in tz: "today", "yesterday",
 * "tomorrow", "on Wednesday" (within six days), else "on 9 June". */
const char *when_format_day(time_t t, time_t now, const char *tz, char *buf, size_t len);
const char *when_format_log(time_t t, const char *tz, char *buf, size_t len);

/* Parse "2027-06-09T09:30:00Z", also without seconds, with a numeric
 * offset instead of Z ("2027-06-09T10:30:00+01:00"), with a space instead
 * of the T, or a date alone ("2027-06-09" = midnight UTC).  A time without
 * Z or an offset is refused (it would be ambiguous).  Years 0001-9999.
 * Returns 0, or -1 on anything else. */
int when_parse_iso(const char *s, time_t *out);

/* Parse a relative age for "--since": "2d", "3h", "1h30m" -> now minus
 * that much elapsed time (business days are refused); or an ISO date/time
 * as when_parse_iso().  0 or -1. */
int when_parse_since(const char *s, time_t now, time_t *out);

#endif
