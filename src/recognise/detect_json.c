/* detect_json: struct detection <-> JSON (see detect_json.h). */
#include "autoconfig.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "detect.h"
#include "detect_json.h"
#include "detection.h"
#include "message.h"
#include "util.h"

/* A string or null; jansson refuses invalid UTF-8, which becomes null. */
static json_t *jstr(const char *s)
{
	json_t *j;

	if (s == NULL)
		return json_null();
	j = json_string(s);
	return j ? j : json_null();
}

static json_t *jperson(const struct detect_person *p)
{
	if (p->name == NULL && p->email == NULL)
		return json_null();
	return json_pack("{s:o, s:o}", "name", jstr(p->name), "email", jstr(p->email));
}

static json_t *jstrings(char *const *v, size_t n)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < n; i++)
		json_array_append_new(a, jstr(v[i]));
	return a;
}

static json_t *jtime(bool has, time_t t)
{
	char b[32];

	if (!has)
		return json_null();
	return json_string(detect_format_time(t, b, sizeof(b)));
}

json_t *detection_to_json(const struct detection *d, bool extended)
{
	json_t *j = json_object(), *iv = json_array();
	size_t i;

	for (i = 0; i < d->ninterviewers; i++)
		json_array_append_new(iv, jperson(&d->interviewers[i]));
	json_object_set_new(j, "kind", json_string(detect_kind_str(d->kind)));
	json_object_set_new(j, "company", jstr(d->company));
	json_object_set_new(j, "role", jstr(d->role));
	json_object_set_new(j, "start", jtime(d->has_start, d->start));
	json_object_set_new(j, "end", jtime(d->has_end, d->end));
	json_object_set_new(j, "timezone", jstr(d->timezone));
	json_object_set_new(j, "interviewers", iv);
	json_object_set_new(j, "contact", jperson(&d->contact));
	json_object_set_new(j, "meeting_url", jstr(d->meeting_url));
	json_object_set_new(j, "location", jstr(d->location));
	json_object_set_new(j, "event_uid", jstr(d->event_uid));
	json_object_set_new(j, "message_id", jstr(d->message_id));
	json_object_set_new(j, "decision_by", jstr(d->decision_by));
	/* only when set: the readings before them stay as they were */
	if (d->moved_day != NULL)
		json_object_set_new(j, "moved_day", json_string(d->moved_day));
	if (d->panel_change != NULL)
		json_object_set_new(j, "panel_change", json_string(d->panel_change));
	json_object_set_new(j, "final_round", json_boolean(d->final_round));
	json_object_set_new(j, "asks_references", json_boolean(d->asks_references));
	json_object_set_new(j, "confidence", json_string(detect_confidence_str(d->confidence)));
	json_object_set_new(j, "reasons", jstrings(d->reasons, d->nreasons));
	if (extended) {
		json_object_set_new(j, "signals", jstrings(d->signals, d->nsignals));
		json_t *refs = json_array();

		for (i = 0; i < d->nreferences; i++)
			json_array_append_new(refs, jstr(d->references[i]));
		json_object_set_new(j, "sequence", json_integer(d->sequence));
		if (d->ndays > 0)
			json_object_set_new(j, "days", jstrings(d->days, d->ndays));
		json_object_set_new(j, "time_uncertain", json_boolean(d->time_uncertain));
		json_object_set_new(j, "reason", jstr(d->reason));
		json_object_set_new(j, "rule", jstr(d->rule));
		json_object_set_new(j, "subject", jstr(d->subject));
		json_object_set_new(j, "in_reply_to", jstr(d->in_reply_to));
		json_object_set_new(j, "references", refs);
		json_object_set_new(j, "from", jperson(&d->from));
		{
			json_t *rcpt = json_array();

			for (i = 0; i < d->nrecipients; i++)
				json_array_append_new(rcpt, jperson(&d->recipients[i]));
			json_object_set_new(j, "recipients", rcpt);
		}
		json_object_set_new(j, "date", jtime(d->has_date, d->date));
		{
			json_t *auth = json_array();

			for (unsigned bit = MSG_AUTH_DKIM_PASS; bit <= MSG_AUTH_PRESENT; bit <<= 1)
				if (d->auth & bit)
					json_array_append_new(auth, json_string(message_auth_name(bit)));
			json_object_set_new(j, "auth", auth);
		}
	}
	return j;
}

/* "YYYY-MM-DDTHH:MM:SSZ" exactly. */
static int when_parse_iso_strict(const char *s, time_t *t)
{
	struct tm tm = { 0 };
	int y, mo, d, h, mi, se;
	char z;

	if (strlen(s) != 20 || sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%c", &y, &mo, &d, &h, &mi, &se, &z) != 7 ||
	    z != 'Z' || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60)
		return -1;
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = se;
	*t = timegm(&tm);
	return 0;
}

/* Optional string member: absent or null -> NULL; wrong type -> -1. */
static int get_str(const json_t *j, const char *key, char **out)
{
	json_t *v = json_object_get(j, key);

	*out = NULL;
	if (v == NULL || json_is_null(v))
		return 0;
	if (!json_is_string(v))
		return -1;
	*out = xstrdup(json_string_value(v));
	return 0;
}

static int get_time(const json_t *j, const char *key, bool *has, time_t *t)
{
	json_t *v = json_object_get(j, key);

	*has = false;
	if (v == NULL || json_is_null(v))
		return 0;
	if (!json_is_string(v) || when_parse_iso_strict(json_string_value(v), t) != 0)
		return -1;
	*has = true;
	return 0;
}

static int get_person(const json_t *v, struct detect_person *p)
{
	if (v == NULL || json_is_null(v))
		return 0;
	if (!json_is_object(v))
		return -1;
	if (get_str(v, "name", &p->name) != 0 || get_str(v, "email", &p->email) != 0)
		return -1;
	return 0;
}

/* An optional list of at most 64 strings. */
static int get_strings(const json_t *j, const char *key, char ***v, size_t *n)
{
	json_t *a = json_object_get(j, key);
	size_t i;

	*v = NULL;
	*n = 0;
	if (a == NULL || json_is_null(a))
		return 0;
	if (!json_is_array(a) || json_array_size(a) > 64)
		return -1;
	*v = xcalloc(json_array_size(a) + 1, sizeof(char *));
	for (i = 0; i < json_array_size(a); i++) {
		json_t *e = json_array_get(a, i);

		if (!json_is_string(e))
			return -1;
		(*v)[(*n)++] = xstrdup(json_string_value(e));
	}
	return 0;
}

static int get_bool(const json_t *j, const char *key, bool *b)
{
	json_t *v = json_object_get(j, key);

	if (v == NULL || json_is_null(v)) {
		*b = false;
		return 0;
	}
	if (!json_is_boolean(v))
		return -1;
	*b = json_is_true(v);
	return 0;
}

/* Is s "YYYY-MM-DD", a day of the calendar from 1970 on ("2026-02-30"
 * is none)? */
static bool day_ok(const char *s)
{
	struct tm tm = { 0 };
	time_t t;
	int y, mo, d;
	char back[32];

	if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d", &y, &mo, &d) != 3 ||
	    y < 1970 || mo < 1 || mo > 12 || d < 1 || d > 31)
		return false;
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	t = timegm(&tm);
	gmtime_r(&t, &tm);
	snprintf(back, sizeof(back), "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	return strcmp(back, s) == 0;
}

/* A day (day_ok), or absent/null. */
static int get_day(const json_t *j, const char *key, char **out)
{
	if (get_str(j, key, out) != 0)
		return -1;
	return *out == NULL || day_ok(*out) ? 0 : -1;
}

/* An optional list of at most DETECT_MAX_DAYS days (day_ok). */
static int get_days(const json_t *j, const char *key, char ***v, size_t *n)
{
	if (get_strings(j, key, v, n) != 0)
		return -1;
	if (*n > DETECT_MAX_DAYS)
		return -1;
	for (size_t i = 0; i < *n; i++)
		if (!day_ok((*v)[i]))
			return -1;
	return 0;
}

int detection_from_json(const json_t *j, struct detection *out)
{
	json_t *v;
	int k;
	size_t i;

	memset(out, 0, sizeof(*out));
	if (!json_is_object(j))
		return -1;
	v = json_object_get(j, "kind");
	if (!json_is_string(v) || (k = detect_kind_parse(json_string_value(v))) < 0)
		goto bad;
	out->kind = (enum detect_kind)k;
	if (get_str(j, "company", &out->company) || get_str(j, "role", &out->role) ||
	    get_time(j, "start", &out->has_start, &out->start) ||
	    get_time(j, "end", &out->has_end, &out->end) ||
	    get_str(j, "timezone", &out->timezone) ||
	    get_person(json_object_get(j, "contact"), &out->contact) ||
	    get_str(j, "meeting_url", &out->meeting_url) || get_str(j, "location", &out->location) ||
	    get_str(j, "event_uid", &out->event_uid) || get_str(j, "message_id", &out->message_id) ||
	    get_str(j, "decision_by", &out->decision_by) ||
	    get_day(j, "moved_day", &out->moved_day) ||
	    get_str(j, "panel_change", &out->panel_change) ||
	    (out->panel_change != NULL && strlen(out->panel_change) > 400) ||
	    get_bool(j, "final_round", &out->final_round) ||
	    get_bool(j, "asks_references", &out->asks_references) ||
	    get_bool(j, "time_uncertain", &out->time_uncertain) ||
	    get_str(j, "reason", &out->reason) || get_str(j, "subject", &out->subject) ||
	    get_str(j, "in_reply_to", &out->in_reply_to) ||
	    get_person(json_object_get(j, "from"), &out->from) ||
	    get_time(j, "date", &out->has_date, &out->date))
		goto bad;
	v = json_object_get(j, "interviewers");
	if (v != NULL && !json_is_null(v)) {
		if (!json_is_array(v) || json_array_size(v) > 1000)
			goto bad;
		out->interviewers = xcalloc(json_array_size(v) + 1, sizeof(*out->interviewers));
		for (i = 0; i < json_array_size(v); i++) {
			if (get_person(json_array_get(v, i), &out->interviewers[i]) != 0) {
				out->ninterviewers = i + 1;
				goto bad;
			}
			out->ninterviewers = i + 1;
		}
	}
	v = json_object_get(j, "recipients");
	if (v != NULL && !json_is_null(v)) {
		if (!json_is_array(v) || json_array_size(v) > DETECT_MAX_RECIPIENTS)
			goto bad;
		out->recipients = xcalloc(json_array_size(v) + 1, sizeof(*out->recipients));
		for (i = 0; i < json_array_size(v); i++) {
			out->nrecipients = i + 1;
			if (get_person(json_array_get(v, i), &out->recipients[i]) != 0)
				goto bad;
		}
	}
	v = json_object_get(j, "references");
	if (v != NULL && !json_is_null(v)) {
		if (!json_is_array(v) || json_array_size(v) > 1000)
			goto bad;
		out->references = xcalloc(json_array_size(v) + 1, sizeof(char *));
		for (i = 0; i < json_array_size(v); i++) {
			json_t *r = json_array_get(v, i);

			if (!json_is_string(r))
				goto bad;
			out->references[out->nreferences++] = xstrdup(json_string_value(r));
		}
	}
	v = json_object_get(j, "auth");
	if (v != NULL && !json_is_null(v)) {
		if (!json_is_array(v) || json_array_size(v) > 16)
			goto bad;
		for (i = 0; i < json_array_size(v); i++) {
			json_t *a = json_array_get(v, i);
			unsigned bit;

			if (!json_is_string(a))
				goto bad;
			for (bit = MSG_AUTH_DKIM_PASS; bit <= MSG_AUTH_PRESENT; bit <<= 1)
				if (strcmp(json_string_value(a), message_auth_name(bit)) == 0)
					break;
			if (bit > MSG_AUTH_PRESENT)
				goto bad;
			out->auth |= bit;
		}
	}
	if (get_strings(j, "reasons", &out->reasons, &out->nreasons) ||
	    get_strings(j, "signals", &out->signals, &out->nsignals) ||
	    get_days(j, "days", &out->days, &out->ndays))
		goto bad;
	v = json_object_get(j, "confidence");
	if (v != NULL && !json_is_null(v)) {
		if (!json_is_string(v) || (k = detect_confidence_parse(json_string_value(v))) < 0)
			goto bad;
		out->confidence = (enum detect_confidence)k;
	}
	v = json_object_get(j, "rule");
	if (v != NULL && !json_is_null(v)) {
		if (!json_is_string(v) || (out->rule = detection_rule_intern(json_string_value(v))) == NULL)
			goto bad;
	}
	v = json_object_get(j, "sequence");
	if (v != NULL && !json_is_null(v)) {
		if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > INT32_MAX)
			goto bad;
		out->sequence = (int)json_integer_value(v);
	}
	return 0;
bad:
	detection_free(out);
	return -1;
}
