/*
 * detection: a detection as a value (detection.h): names and parsing of
 * its kinds and confidences, freeing, its doubts, time stamps.  Nothing
 * here parses mail, so a program that only receives detections (the
 * daemon, from its parser worker) links this and no MIME, calendar or
 * HTML library.
 */
#include "autoconfig.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "detection.h"
#include "util.h"

const char *detect_kind_str(enum detect_kind k)
{
	switch (k) {
	case DETECT_INTERVIEW: return "interview";
	case DETECT_UPDATE: return "update";
	case DETECT_CANCEL: return "cancel";
	case DETECT_REJECTION: return "rejection";
	case DETECT_OFFER: return "offer";
	case DETECT_REPLY: return "reply";
	case DETECT_OTHER: break;
	}
	return "other";
}

int detect_kind_parse(const char *s)
{
	static const enum detect_kind all[] = { DETECT_OTHER, DETECT_INTERVIEW, DETECT_UPDATE,
		DETECT_CANCEL, DETECT_REJECTION, DETECT_OFFER, DETECT_REPLY };
	size_t i;

	for (i = 0; s != NULL && i < ARRAY_LEN(all); i++) {
		if (strcmp(s, detect_kind_str(all[i])) == 0)
			return (int)all[i];
	}
	return -1;
}

void detect_opts_init(struct detect_opts *opts)
{
	memset(opts, 0, sizeof(*opts));
}

void detection_free(struct detection *d)
{
	size_t i;

	if (d == NULL)
		return;
	free(d->company);
	free(d->role);
	free(d->timezone);
	for (i = 0; i < d->ninterviewers; i++) {
		free(d->interviewers[i].name);
		free(d->interviewers[i].email);
	}
	free(d->interviewers);
	free(d->contact.name);
	free(d->contact.email);
	free(d->meeting_url);
	free(d->location);
	free(d->event_uid);
	free(d->message_id);
	free(d->decision_by);
	free(d->moved_day);
	for (i = 0; i < d->ndays; i++)
		free(d->days[i]);
	free(d->days);
	free(d->panel_change);
	free(d->reason);
	for (i = 0; i < d->nsignals; i++)
		free(d->signals[i]);
	free(d->signals);
	for (i = 0; i < d->nreasons; i++)
		free(d->reasons[i]);
	free(d->reasons);
	free(d->subject);
	free(d->in_reply_to);
	for (i = 0; i < d->nreferences; i++)
		free(d->references[i]);
	free(d->references);
	free(d->from.name);
	free(d->from.email);
	for (i = 0; i < d->nrecipients; i++) {
		free(d->recipients[i].name);
		free(d->recipients[i].email);
	}
	free(d->recipients);
	memset(d, 0, sizeof(*d));
}

const char *detect_format_time(time_t t, char *buf, size_t len)
{
	struct tm tm;

	if (gmtime_r(&t, &tm) == NULL || strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0) {
		if (len > 0)
			buf[0] = '\0';
	}
	return buf;
}

const char *detect_confidence_str(enum detect_confidence c)
{
	return c == DETECT_HIGH ? "high" : "low";
}

int detect_confidence_parse(const char *s)
{
	if (s != NULL && strcmp(s, "high") == 0)
		return DETECT_HIGH;
	if (s != NULL && strcmp(s, "low") == 0)
		return DETECT_LOW;
	return -1;
}

bool detection_update_is_news(const struct detection *d)
{
	return d->kind == DETECT_UPDATE && !d->has_start && d->event_uid == NULL && d->moved_day == NULL;
}

bool detection_time_kept(const struct detection *d)
{
	return d->kind == DETECT_UPDATE && d->rule != NULL && strcmp(d->rule, "time-kept") == 0;
}

char *detection_doubt(const struct detection *d)
{
	struct buf b = { 0 };
	size_t i;

	if (d->confidence == DETECT_HIGH)
		return NULL;
	for (i = 1; i < d->nreasons; i++)
		buf_addf(&b, "%s%s", b.len ? "; " : "", d->reasons[i]);
	if (b.len == 0)
		buf_adds(&b, "the reading is not sure");
	return b.data;
}

bool detect_rule_final_other(const char *name)
{
	static const char *const final[] = { "auto-reply", "recurring-meeting", "organised-by-me",
		"own-organisation", "work-address", "on-the-panel", "press-interview" };

	for (size_t i = 0; name != NULL && i < ARRAY_LEN(final); i++) {
		if (strcmp(name, final[i]) == 0)
			return true;
	}
	return false;
}

bool detection_unplaced(const struct detection *d)
{
	return d->kind == DETECT_OTHER && d->rule != NULL && strcmp(d->rule, "no-time") == 0;
}

const char *detection_rule_intern(const char *name)
{
	static char held[DETECTION_RULES_MAX][DETECTION_RULE_MAX + 1];
	static size_t nheld;
	size_t i, len;

	if (name == NULL || (len = strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789-")) == 0 ||
	    len > DETECTION_RULE_MAX || name[len] != '\0')
		return NULL;
	for (i = 0; i < nheld; i++)
		if (strcmp(held[i], name) == 0)
			return held[i];
	if (nheld == DETECTION_RULES_MAX)
		return NULL;
	memcpy(held[nheld], name, len + 1);
	return held[nheld++];
}
