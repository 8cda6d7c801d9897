/*
 * when: durations, business days, send windows and time zones.
 *
 * Calendar arithmetic is done on "day numbers" (days since 1970-01-01 in
 * the proleptic Gregorian calendar) and "local seconds" (day number *
 * 86400 + seconds since local midnight), never through mktime(): mktime's
 * handling of DST gaps and repeats differs between C libraries, and we need
 * one documented answer.  The tz database is consulted only through
 * localtime_r() with TZ set to the zone for the duration of one public call.
 */
#include "autoconfig.h"
/* setenv, tzset, localtime_r: POSIX, hidden by -std=c11 otherwise. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include "when.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "util.h"

#define SECS_PER_DAY 86400
#define ZONE_NAME_MAX 200

static const char *const weekday_names[7] = {
	"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
};
static const char *const month_names[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};

/* ---- calendar arithmetic (no time zone) ---- */

static int64_t
floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;

	if (a % b != 0 && ((a < 0) != (b < 0)))
		q--;
	return q;
}

static int64_t
floor_mod(int64_t a, int64_t b)
{
	return a - floor_div(a, b) * b;
}

/* Day number of a civil date; month 1-12, day may overflow either way. */
static int64_t
days_from_civil(int64_t y, int64_t m, int64_t d)
{
	int64_t era, yoe, mp, doy, doe;

	y += floor_div(m - 1, 12);
	m = floor_mod(m - 1, 12) + 1;
	/* Count years from March so the leap day is the last of the year. */
	if (m <= 2)
		y--;
	era = floor_div(y, 400);
	yoe = y - era * 400;
	mp = (m + 9) % 12;
	doy = (153 * mp + 2) / 5;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468 + (d - 1);
}

struct civil {
	int64_t year;
	int mon;   /* 1-12 */
	int mday;  /* 1-31 */
	int hour, min, sec;
	int wday;  /* 0 = Sunday */
};

static int
weekday_of(int64_t day)
{
	return (int)floor_mod(day + 4, 7);   /* 1970-01-01 was a Thursday */
}

static void
civil_from_days(int64_t z, struct civil *c)
{
	int64_t era, doe, yoe, doy, mp;

	c->wday = weekday_of(z);
	z += 719468;
	era = floor_div(z, 146097);
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	c->mday = (int)(doy - (153 * mp + 2) / 5 + 1);
	c->mon = (int)(mp < 10 ? mp + 3 : mp - 9);
	c->year = yoe + era * 400 + (c->mon <= 2);
}

static void
civil_from_secs(int64_t s, struct civil *c)
{
	int64_t day = floor_div(s, SECS_PER_DAY), rest = s - day * SECS_PER_DAY;

	civil_from_days(day, c);
	c->hour = (int)(rest / 3600);
	c->min = (int)(rest / 60 % 60);
	c->sec = (int)(rest % 60);
}

/*
 * Every time handled stays within years 1-9999 (with a day to spare on
 * each side for offsets and neighbour look-ups), so nothing overflows and
 * localtime_r always succeeds, whatever a hostile input asked for.
 */
#define T_MIN ((int64_t)-62135596800 + 2 * SECS_PER_DAY)  /* 0001-01-03 */
#define T_MAX ((int64_t)253402300799 - 2 * SECS_PER_DAY)  /* 9999-12-29 */

static int64_t
clamp_t(int64_t t)
{
	return t < T_MIN ? T_MIN : t > T_MAX ? T_MAX : t;
}

/* ---- the zone, through TZ ---- */

/* The path of the last zone file found valid. */
static char last_valid[4096];

bool
when_zone_valid(const char *tz)
{
	const char *dir, *p;
	char path[sizeof last_valid];
	unsigned char magic[4];
	FILE *f;
	bool ok;
	size_t n;

	if (tz == NULL || *tz == '\0')
		return true;
	if (strlen(tz) > ZONE_NAME_MAX || tz[0] == '/' || str_has_prefix(tz, "right/"))
		return false;
	for (p = tz; *p; p++) {
		char c = *p;

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '/' || c == '_' || c == '-' ||
		    c == '+' || c == '.'))
			return false;
		/* Every component is non-empty and none starts with a dot
		 * (this also refuses "." and ".."). */
		if ((p == tz || p[-1] == '/') && (c == '/' || c == '.'))
			return false;
	}
	if (p[-1] == '/')
		return false;

	dir = getenv("TZDIR");
	if (dir == NULL || *dir == '\0')
		dir = "/usr/share/zoneinfo";
	if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, tz) >= sizeof path)
		return false;
	/* Every call in a zone asks: the file is read once. */
	if (strcmp(path, last_valid) == 0)
		return true;
	f = fopen(path, "rbe");
	if (f == NULL)
		return false;
	n = fread(magic, 1, sizeof magic, f);
	ok = n == sizeof magic && memcmp(magic, "TZif", 4) == 0;
	fclose(f);
	if (ok)
		memcpy(last_valid, path, strlen(path) + 1);
	return ok;
}

struct tzctx {
	char *saved;     /* TZ before, or NULL if unset */
	bool changed;
};

/* TZ's value for a zone. */
static void
tz_value(const char *tz, char *val, size_t len)
{
	if (tz != NULL && *tz != '\0' && when_zone_valid(tz))
		snprintf(val, len, ":%s", tz);   /* ':' = read the file */
	else
		snprintf(val, len, "UTC0");
}

void
when_adopt_zone(const char *tz)
{
	char val[ZONE_NAME_MAX + 2];

	tz_value(tz, val, sizeof val);
	if (setenv("TZ", val, 1) != 0)
		fatal(EXIT_OSERR, "when: cannot set TZ: out of memory");
	tzset();
}

static void
tz_enter(struct tzctx *c, const char *tz)
{
	const char *old = getenv("TZ");
	char val[ZONE_NAME_MAX + 2];

	tz_value(tz, val, sizeof val);
	c->saved = old ? xstrdup(old) : NULL;
	c->changed = old == NULL || strcmp(old, val) != 0;
	if (c->changed && setenv("TZ", val, 1) != 0)
		fatal(EXIT_OSERR, "when: cannot set TZ: out of memory");
	tzset();
}

static void
tz_leave(struct tzctx *c)
{
	if (c->changed) {
		if (c->saved == NULL)
			unsetenv("TZ");
		else if (setenv("TZ", c->saved, 1) != 0)
			fatal(EXIT_OSERR, "when: cannot restore TZ: out of memory");
		tzset();
	}
	free(c->saved);
	c->saved = NULL;
}

/* Local time of t in the entered zone, as local seconds and a struct tm. */
static int64_t
local_secs(int64_t t, struct tm *tmp)
{
	time_t tt = (time_t)clamp_t(t);
	struct tm tm;

	if (localtime_r(&tt, &tm) == NULL) {
		/* Cannot happen within T_MIN..T_MAX; fall back to UTC. */
		memset(&tm, 0, sizeof tm);
		if (tmp)
			*tmp = tm;
		return tt;
	}
	if (tmp)
		*tmp = tm;
	return days_from_civil((int64_t)tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday) *
	    SECS_PER_DAY + tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec;
}

static int64_t
offset_at(int64_t t)
{
	return local_secs(t, NULL) - clamp_t(t);
}

enum resolve_mode {
	RESOLVE_SHIFT,  /* a gap moves forward by its length (when_from_local) */
	RESOLVE_CEIL,   /* the first instant whose local time reaches L */
};

/*
 * The UTC time whose local time is L (local seconds) in the entered zone.
 * The offsets a day either side of L bound the candidates: any transition
 * that matters lies between them (zones do not change twice in two days).
 * Both candidates valid = a repeated time: take the first.  Neither valid
 * = L lies in a gap.
 */
static int64_t
resolve_local(int64_t L, enum resolve_mode mode)
{
	int64_t oa, ob, t1, t2, lo, hi, off_lo;
	bool v1, v2;

	L = clamp_t(L);
	oa = offset_at(L - SECS_PER_DAY);
	ob = offset_at(L + SECS_PER_DAY);
	t1 = clamp_t(L - oa);
	t2 = clamp_t(L - ob);
	v1 = offset_at(t1) == oa;
	v2 = offset_at(t2) == ob;
	if (v1 && v2)
		return t1 < t2 ? t1 : t2;
	if (v1)
		return t1;
	if (v2)
		return t2;

	lo = t1 < t2 ? t1 : t2;
	hi = t1 < t2 ? t2 : t1;
	if (mode == RESOLVE_SHIFT)
		return hi;
	/* The clocks jumped somewhere in (lo, hi]: find the instant. */
	off_lo = offset_at(lo);
	if (offset_at(hi) == off_lo)
		return hi;
	while (hi - lo > 1) {
		int64_t mid = lo + (hi - lo) / 2;

		if (offset_at(mid) == off_lo)
			lo = mid;
		else
			hi = mid;
	}
	return hi;
}

void
when_local(time_t t, const char *tz, struct tm *out)
{
	struct tzctx c;

	tz_enter(&c, tz);
	local_secs(t, out);
	tz_leave(&c);
}

time_t
when_from_local(const struct tm *local, const char *tz)
{
	struct tzctx c;
	int64_t L;
	time_t r;

	L = days_from_civil((int64_t)local->tm_year + 1900, (int64_t)local->tm_mon + 1,
	    local->tm_mday) * SECS_PER_DAY + (int64_t)local->tm_hour * 3600 +
	    (int64_t)local->tm_min * 60 + local->tm_sec;
	tz_enter(&c, tz);
	r = (time_t)resolve_local(L, RESOLVE_SHIFT);
	tz_leave(&c);
	return r;
}

/* ---- durations ---- */

static char err_buf[80];

/* "what 'text'" with at most a few bytes of user text, printable ASCII. */
static const char *
err_quote(const char *what, const char *s, size_t n)
{
	char q[24];
	size_t i;

	if (n > sizeof q - 4)
		n = sizeof q - 4;
	for (i = 0; i < n; i++)
		q[i] = (s[i] >= 0x20 && s[i] < 0x7f) ? s[i] : '?';
	q[i] = '\0';
	snprintf(err_buf, sizeof err_buf, "%s '%s'", what, q);
	return err_buf;
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t';
}

int
when_parse_duration(const char *s, struct duration *d, const char **err)
{
	struct duration r = { 0, 0, 0 };
	const char *p = s, *msg = NULL;
	int parts = 0;
	bool other_units = false;

	if (s == NULL)
		s = p = "";
	while (is_space(*p))
		p++;
	if (*p == '\0') {
		msg = "empty";
		goto out;
	}
	if (p[0] == '0' && p[1 + strspn(p + 1, " \t")] == '\0')
		goto out;   /* a bare "0" */

	while (*p != '\0') {
		int64_t n = 0, unit = 0, limit;
		const char *u;
		size_t ulen;
		bool big = false;

		if (*p == '-') {
			msg = "must not be negative";
			goto out;
		}
		if (!is_digit(*p)) {
			msg = parts == 0 ? "not a number" :
			    err_quote("unexpected", p, strcspn(p, " \t"));
			goto out;
		}
		for (; is_digit(*p); p++) {
			if (n > WHEN_MAX_SECONDS)
				big = true;   /* keep scanning, but stop growing */
			else
				n = n * 10 + (*p - '0');
		}
		if ((*p == '.' || *p == ',') && is_digit(p[1])) {
			msg = "not a whole number";
			goto out;
		}
		u = p;
		ulen = 0;
		while (u[ulen] != '\0' && !is_digit(u[ulen]) && !is_space(u[ulen]))
			ulen++;
		if (ulen == 0) {
			msg = "missing unit (use s, m, h, d, w or bd)";
			goto out;
		}
		if (ulen == 2 && memcmp(u, "bd", 2) == 0) {
			unit = 0;
		} else if (ulen == 1 && strchr("smhdw", *u) != NULL) {
			unit = *u == 's' ? 1 : *u == 'm' ? 60 : *u == 'h' ? 3600 :
			    *u == 'd' ? SECS_PER_DAY : 7 * SECS_PER_DAY;
		} else {
			msg = err_quote("unknown unit", u, ulen);
			goto out;
		}
		p = u + ulen;
		parts++;

		if (unit == 0) {
			if (other_units || r.business_days > 0) {
				msg = "business days cannot be combined with other units";
				goto out;
			}
			if (big || n > WHEN_MAX_BUSINESS_DAYS) {
				msg = "too large (more than ten years)";
				goto out;
			}
			r.business_days = (int)n;
		} else {
			if (r.business_days > 0) {
				msg = "business days cannot be combined with other units";
				goto out;
			}
			other_units = true;
			limit = WHEN_MAX_SECONDS - r.seconds;
			if (big || n > limit / unit) {
				msg = "too large (more than ten years)";
				goto out;
			}
			r.seconds += n * unit;
			if (unit >= SECS_PER_DAY)
				r.days += (int)(n * (unit / SECS_PER_DAY));
		}
		while (is_space(*p))
			p++;
	}
out:
	if (msg != NULL) {
		if (err)
			*err = msg;
		return -1;
	}
	*d = r;
	return 0;
}

const char *
when_format_duration(const struct duration *d, char *buf, size_t len)
{
	struct buf b = { 0 };
	int64_t rest;
	int64_t days;

	if (len == 0)
		return buf;
	if (d->business_days != 0) {
		snprintf(buf, len, "%dbd", d->business_days);
		return buf;
	}
	rest = d->seconds;
	if (rest < 0) {
		buf_addc(&b, '-');
		rest = -rest;
	}
	days = d->days > 0 && (int64_t)d->days * SECS_PER_DAY <= rest ? d->days : 0;
	rest -= days * SECS_PER_DAY;
	if (days / 7)
		buf_addf(&b, "%lldw", (long long)(days / 7));
	if (days % 7)
		buf_addf(&b, "%lldd", (long long)(days % 7));
	if (rest / 3600)
		buf_addf(&b, "%lldh", (long long)(rest / 3600));
	if (rest / 60 % 60)
		buf_addf(&b, "%lldm", (long long)(rest / 60 % 60));
	if (rest % 60 || (days == 0 && rest == 0))
		buf_addf(&b, "%llds", (long long)(rest % 60));
	snprintf(buf, len, "%s", b.data);
	buf_free(&b);
	return buf;
}

/* Move a day number by n Monday-Friday days (see when.h for the rule). */
static int64_t
add_business_days(int64_t day, int n)
{
	int wd = weekday_of(day);

	if (n > 0) {
		if (wd == 6)
			day += 2;
		else if (wd == 0)
			day += 1;
		while (n > 0) {
			day++;
			wd = weekday_of(day);
			if (wd >= 1 && wd <= 5)
				n--;
		}
	} else if (n < 0) {
		if (wd == 6)
			day -= 1;
		else if (wd == 0)
			day -= 2;
		while (n < 0) {
			day--;
			wd = weekday_of(day);
			if (wd >= 1 && wd <= 5)
				n++;
		}
	}
	return day;
}

time_t
when_add(time_t t0, const struct duration *d, const char *tz)
{
	struct tzctx c;
	int64_t t = clamp_t(t0), L, day, elapsed;
	int bd = d->business_days;

	if (bd != 0) {
		/* Bounded so a hand-built duration cannot loop for long. */
		if (bd > 4 * WHEN_MAX_BUSINESS_DAYS)
			bd = 4 * WHEN_MAX_BUSINESS_DAYS;
		if (bd < -4 * WHEN_MAX_BUSINESS_DAYS)
			bd = -4 * WHEN_MAX_BUSINESS_DAYS;
		tz_enter(&c, tz);
		L = local_secs(t, NULL);
		day = floor_div(L, SECS_PER_DAY);
		L = add_business_days(day, bd) * SECS_PER_DAY + (L - day * SECS_PER_DAY);
		t = resolve_local(L, RESOLVE_SHIFT);
		tz_leave(&c);
		return (time_t)t;
	}

	elapsed = d->seconds;
	if (d->days != 0) {
		/* Calendar days: same local time of day, d->days dates later. */
		tz_enter(&c, tz);
		L = local_secs(t, NULL) + (int64_t)d->days * SECS_PER_DAY;
		t = resolve_local(L, RESOLVE_SHIFT);
		tz_leave(&c);
		elapsed -= (int64_t)d->days * SECS_PER_DAY;
	}
	if (elapsed > T_MAX - T_MIN)
		elapsed = T_MAX - T_MIN;
	if (elapsed < T_MIN - T_MAX)
		elapsed = T_MIN - T_MAX;
	return (time_t)clamp_t(t + elapsed);
}

/* ---- send windows ---- */

/* "H:MM" or "HH:MM"; returns the end of it, or NULL. */
static const char *
parse_hhmm(const char *p, int *hour, int *min)
{
	if (!is_digit(p[0]))
		return NULL;
	*hour = p[0] - '0';
	p++;
	if (is_digit(*p))
		*hour = *hour * 10 + (*p++ - '0');
	if (*p != ':' || !is_digit(p[1]) || !is_digit(p[2]))
		return NULL;
	*min = (p[1] - '0') * 10 + (p[2] - '0');
	return p + 3;
}

int
when_parse_window(const char *s, struct window *w, const char **err)
{
	int h1, m1, h2, m2;
	const char *p = s ? s : "";

	while (is_space(*p))
		p++;
	if ((p = parse_hhmm(p, &h1, &m1)) == NULL)
		goto syntax;
	while (is_space(*p))
		p++;
	if (*p++ != '-')
		goto syntax;
	while (is_space(*p))
		p++;
	if ((p = parse_hhmm(p, &h2, &m2)) == NULL)
		goto syntax;
	while (is_space(*p))
		p++;
	if (*p != '\0')
		goto syntax;

	/* 24:00 only as an end: the midnight that closes the day. */
	if (h1 > 23 || h2 > 24 || (h2 == 24 && m2 != 0)) {
		if (err)
			*err = "hour out of range";
		return -1;
	}
	if (m1 > 59 || m2 > 59) {
		if (err)
			*err = "minute out of range";
		return -1;
	}
	w->start_min = h1 * 60 + m1;
	w->end_min = h2 * 60 + m2;
	return 0;
syntax:
	if (err)
		*err = "expected HH:MM-HH:MM";
	return -1;
}

const char *
when_format_window(const struct window *w, char *buf, size_t len)
{
	snprintf(buf, len, "%02d:%02d-%02d:%02d", w->start_min / 60 % 100,
	    w->start_min % 60, w->end_min / 60 % 100, w->end_min % 60);
	return buf;
}

time_t
when_next_allowed(time_t t0, const struct window *w, bool weekends, const char *tz)
{
	struct tzctx c;
	int64_t t = clamp_t(t0), day0, day, best = -1;
	bool found = false;

	if (w->start_min < 0 || w->start_min > 1439 || w->end_min < 0 || w->end_min > 1440)
		return t0;   /* not a window when_parse_window() would make */

	tz_enter(&c, tz);
	day0 = floor_div(local_secs(t, NULL), SECS_PER_DAY);
	/* Yesterday's window may still be open (wrapping, or the whole day);
	 * a week and a bit ahead always holds an allowed weekday. */
	for (day = day0 - 1; day <= day0 + 9; day++) {
		int64_t open, close, cand, end_day;
		int wd = weekday_of(day);

		if (!weekends && (wd == 0 || wd == 6))
			continue;
		end_day = w->end_min <= w->start_min ? day + 1 : day;
		open = resolve_local(day * SECS_PER_DAY + w->start_min * 60, RESOLVE_CEIL);
		close = resolve_local(end_day * SECS_PER_DAY + w->end_min * 60, RESOLVE_CEIL);
		if (close <= open || t >= close)
			continue;   /* empty that day (inside a gap), or over */
		cand = t > open ? t : open;
		if (!found || cand < best) {
			best = cand;
			found = true;
		}
		if (found && open > best)
			break;   /* later windows only open later */
	}
	tz_leave(&c);
	return found ? (time_t)best : t0;
}

bool
when_is_allowed(time_t t, const struct window *w, bool weekends, const char *tz)
{
	return when_next_allowed(t, w, weekends, tz) == t;
}

/* ---- formatting ---- */

/* Local civil time, the UTC offset in seconds, and the zone abbreviation. */
static void
local_parts(time_t t, const char *tz, struct civil *cv, int64_t *offset,
    char *abbr, size_t abbrlen)
{
	struct tzctx c;
	struct tm tm;
	int64_t L;

	tz_enter(&c, tz);
	L = local_secs(t, &tm);
	if (abbrlen > 0 && strftime(abbr, abbrlen, "%Z", &tm) == 0)
		abbr[0] = '\0';
	tz_leave(&c);
	civil_from_secs(L, cv);
	if (offset)
		*offset = L - clamp_t(t);
}

const char *
when_format_date(time_t t, const char *tz, char *buf, size_t len)
{
	struct civil cv;

	local_parts(t, tz, &cv, NULL, NULL, 0);
	snprintf(buf, len, "%s %d %s %lld", weekday_names[cv.wday], cv.mday,
	    month_names[cv.mon - 1], (long long)cv.year);
	return buf;
}

const char *
when_format_time(time_t t, const char *tz, char *buf, size_t len)
{
	struct civil cv;
	char abbr[16];

	local_parts(t, tz, &cv, NULL, abbr, sizeof abbr);
	snprintf(buf, len, "%02d:%02d%s%s", cv.hour, cv.min, abbr[0] ? " " : "", abbr);
	return buf;
}

const char *
when_format_weekday(time_t t, const char *tz, char *buf, size_t len)
{
	struct civil cv;

	local_parts(t, tz, &cv, NULL, NULL, 0);
	snprintf(buf, len, "%s", weekday_names[cv.wday]);
	return buf;
}

/* The local day number of t in tz (days since 1970-01-01 there). */
static int64_t
local_day(time_t t, const char *tz)
{
	struct tzctx c;
	struct tm tm;
	int64_t L;

	tz_enter(&c, tz);
	L = local_secs(t, &tm);
	tz_leave(&c);
	return floor_div(L, SECS_PER_DAY);
}

const char *
when_format_day(time_t t, time_t now, const char *tz, char *buf, size_t len)
{
	int64_t d = local_day(t, tz) - local_day(now, tz);
	struct civil cv;

	if (d == 0)
		snprintf(buf, len, "today");
	else if (d == -1)
		snprintf(buf, len, "yesterday");
	else if (d == 1)
		snprintf(buf, len, "tomorrow");
	else {
		local_parts(t, tz, &cv, NULL, NULL, 0);
		if (d > -7 && d < 7)
			snprintf(buf, len, "on %s", weekday_names[cv.wday]);
		else
			snprintf(buf, len, "on %d %s", cv.mday, month_names[cv.mon - 1]);
	}
	return buf;
}

const char *
when_format_iso(time_t t, char *buf, size_t len)
{
	struct civil cv;

	civil_from_secs(clamp_t(t), &cv);
	snprintf(buf, len, "%04lld-%02d-%02dT%02d:%02d:%02dZ", (long long)cv.year,
	    cv.mon, cv.mday, cv.hour, cv.min, cv.sec);
	return buf;
}

const char *
when_format_rfc5322(time_t t, const char *tz, char *buf, size_t len)
{
	struct civil cv;
	int64_t off, a;

	local_parts(t, tz, &cv, &off, NULL, 0);
	a = off < 0 ? -off : off;
	snprintf(buf, len, "%.3s, %02d %.3s %04lld %02d:%02d:%02d %c%02d%02d",
	    weekday_names[cv.wday], cv.mday, month_names[cv.mon - 1],
	    (long long)cv.year, cv.hour, cv.min, cv.sec, off < 0 ? '-' : '+',
	    (int)(a / 3600), (int)(a / 60 % 60));
	return buf;
}

const char *
when_format_log(time_t t, const char *tz, char *buf, size_t len)
{
	struct civil cv;
	int64_t off, a;

	local_parts(t, tz, &cv, &off, NULL, 0);
	a = off < 0 ? -off : off;
	snprintf(buf, len, "%04lld-%02d-%02d %02d:%02d %c%02d%02d", (long long)cv.year, cv.mon,
	    cv.mday, cv.hour, cv.min, off < 0 ? '-' : '+', (int)(a / 3600), (int)(a / 60 % 60));
	return buf;
}

/* ---- parsing dates ---- */

/* Exactly n digits; returns the end or NULL. */
static const char *
digits(const char *p, int n, int *out)
{
	int v = 0;

	for (int i = 0; i < n; i++, p++) {
		if (!is_digit(*p))
			return NULL;
		v = v * 10 + (*p - '0');
	}
	*out = v;
	return p;
}

static int
month_days(int y, int m)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : days[m - 1];
}

int
when_parse_iso(const char *s, time_t *out)
{
	int y, mo, d, h = 0, mi = 0, sec = 0, oh = 0, om = 0, sign = 0;
	const char *p = s;

	if (p == NULL)
		return -1;
	if ((p = digits(p, 4, &y)) == NULL || *p++ != '-' ||
	    (p = digits(p, 2, &mo)) == NULL || *p++ != '-' ||
	    (p = digits(p, 2, &d)) == NULL)
		return -1;
	if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > month_days(y, mo))
		return -1;
	if (*p == '\0')
		goto done;
	if (*p != 'T' && *p != 't' && *p != ' ')
		return -1;
	p++;
	if ((p = digits(p, 2, &h)) == NULL || *p++ != ':' || (p = digits(p, 2, &mi)) == NULL)
		return -1;
	if (*p == ':') {
		if ((p = digits(p + 1, 2, &sec)) == NULL)
			return -1;
		if (*p == '.' && is_digit(p[1]))   /* fractions are dropped */
			for (p++; is_digit(*p); p++)
				;
	}
	if (h > 23 || mi > 59 || sec > 60)
		return -1;
	if (sec == 60)
		sec = 59;   /* a leap second: POSIX time has no room for it */
	if (*p == 'Z' || *p == 'z') {
		p++;
	} else if (*p == '+' || *p == '-') {
		sign = *p++ == '-' ? -1 : 1;
		if ((p = digits(p, 2, &oh)) == NULL)
			return -1;
		if (*p == ':')
			p++;
		if ((p = digits(p, 2, &om)) == NULL || oh > 23 || om > 59)
			return -1;
	} else {
		return -1;   /* local time in no stated zone */
	}
	if (*p != '\0')
		return -1;
done:
	*out = (time_t)(days_from_civil(y, mo, d) * SECS_PER_DAY + h * 3600 + mi * 60 +
	    sec - sign * (oh * 3600 + om * 60));
	return 0;
}

int
when_parse_since(const char *s, time_t now, time_t *out)
{
	struct duration d;
	const char *err;

	if (s != NULL && when_parse_duration(s, &d, &err) == 0) {
		if (d.business_days != 0)
			return -1;
		*out = (time_t)clamp_t(clamp_t(now) - d.seconds);
		return 0;
	}
	return when_parse_iso(s, out);
}
