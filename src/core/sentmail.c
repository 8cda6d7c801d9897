/* sentmail: what the user's own sent mail changes.  Pure policy. */
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "parties.h"
#include "sentmail.h"
#include "util.h"
#include "when.h"

static const char *const ACT_NAMES[] = {
	[SENTMAIL_NOTHING] = "nothing", [SENTMAIL_SUPERSEDE] = "superseded",
	[SENTMAIL_KEEP] = "kept", [SENTMAIL_CONTACTED] = "contacted",
	[SENTMAIL_ACTIVITY] = "activity",
};

const char *
sentmail_act_name(enum sentmail_act a)
{
	return (unsigned)a < ARRAY_LEN(ACT_NAMES) ? ACT_NAMES[a] : "?";
}

static struct sentmail_decision *
decide(struct sentmail_result *out, enum sentmail_act act, time_t at, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static struct sentmail_decision *
decide(struct sentmail_result *out, enum sentmail_act act, time_t at, const char *fmt, ...)
{
	struct sentmail_decision *d;
	va_list ap;

	out->v = xreallocarray(out->v, out->n + 1, sizeof(*out->v));
	d = &out->v[out->n++];
	memset(d, 0, sizeof(*d));
	d->act = act;
	d->at = at;
	va_start(ap, fmt);
	d->reason = xvasprintf(fmt, ap);
	va_end(ap);
	return d;
}

static bool
addressed(const struct sentmail_envelope *e, const char *email)
{
	for (size_t i = 0; email && i < e->nto; i++)
		if (e->to[i] && strcasecmp(e->to[i], email) == 0)
			return true;
	return false;
}

/* "Ada Brooks" or the address. */
static const char *
who(const struct sentmail_thanks *t)
{
	return t->name && *t->name ? t->name : t->email;
}

/* The gates before any change: followupd's own copy, someone else's
 * mail, a mail without a date.  True when one decided (and said why). */
static bool
gate(const struct sentmail_envelope *e, const struct sentmail_state *s,
		struct sentmail_result *out)
{
	const char *id = e->message_id ? e->message_id : "(no Message-ID)";

	if (s->ours)
		decide(out, SENTMAIL_NOTHING, 0, "%s is followupd's own mail: nothing changes", id);
	else if (e->from == NULL || !parties_is_mine(e->from, s->me, s->nme))
		decide(out, SENTMAIL_NOTHING, 0, "%s is not from one of your addresses (%s): "
		    "nothing changes", id, e->from ? e->from : "no From");
	else if (e->date == 0)
		decide(out, SENTMAIL_NOTHING, 0, "%s has no Date: when you wrote it cannot be "
		    "told, nothing changes", id);
	else
		return false;
	return true;
}

static void
decide_thanks(const struct sentmail_envelope *e, const struct sentmail_state *s, time_t at,
		struct sentmail_result *out)
{
	char t1[32], t2[32];

	for (size_t i = 0; i < s->nthanks; i++) {
		const struct sentmail_thanks *t = &s->thanks[i];
		struct sentmail_decision *d;

		if (!addressed(e, t->email) ||
		    !(MODEL_BIT(t->status) & mail_action_from(MAIL_ACT_SUPERSEDE)))
			continue;
		when_format_time(at, s->timezone, t1, sizeof(t1));
		if (t->interview_start != 0 && at >= t->interview_start)
			d = decide(out, SENTMAIL_SUPERSEDE, at, "you wrote to %s yourself at %s",
			    who(t), t1);
		else if (t->interview_start != 0)
			d = decide(out, SENTMAIL_KEEP, at, "you wrote to %s at %s, before the "
			    "interview began (%s): the thank-you stays", who(t), t1,
			    when_format_time(t->interview_start, s->timezone, t2, sizeof(t2)));
		else
			d = decide(out, SENTMAIL_KEEP, at, "you wrote to %s at %s, and the "
			    "interview's time is unknown: the thank-you stays", who(t), t1);
		d->mail_id = t->mail_id;
		d->application_id = t->application_id;
		d->interview_id = t->interview_id;
	}
}

static bool
contacted(const struct sentmail_result *out, int64_t app)
{
	for (size_t i = 0; i < out->n; i++)
		if (out->v[i].act == SENTMAIL_CONTACTED && out->v[i].application_id == app)
			return true;
	return false;
}

static void
decide_contacts(const struct sentmail_envelope *e, const struct sentmail_state *s, time_t at,
		struct sentmail_result *out)
{
	char t1[32];

	for (size_t i = 0; i < s->ncontacts; i++) {
		const struct sentmail_contact *c = &s->contacts[i];

		if (c->application_id == 0 || !addressed(e, c->email) ||
		    contacted(out, c->application_id))
			continue;
		decide(out, SENTMAIL_CONTACTED, at, "you wrote to %s, the contact, yourself at "
		    "%s: the status nudges count from then", c->email,
		    when_format_log(at, s->timezone, t1, sizeof(t1)))->application_id =
		    c->application_id;
	}
}

void
sentmail_decide(const struct sentmail_envelope *e, const struct sentmail_state *s,
		time_t now, struct sentmail_result *out)
{
	time_t at = e->date > now ? now : e->date;

	memset(out, 0, sizeof(*out));
	if (gate(e, s, out))
		return;
	decide_thanks(e, s, at, out);
	decide_contacts(e, s, at, out);
	if (s->thread_application && !contacted(out, s->thread_application)) {
		struct sentmail_decision *d = decide(out, SENTMAIL_ACTIVITY, at,
		    "your mail %s is in the thread of application %" PRId64,
		    e->message_id ? e->message_id : "(no Message-ID)", s->thread_application);

		d->application_id = s->thread_application;
		d->interview_id = s->thread_interview;
	}
	if (out->n == 0)
		decide(out, SENTMAIL_NOTHING, at, "your mail %s concerns no waiting thank-you, "
		    "contact or thread: nothing changes",
		    e->message_id ? e->message_id : "(no Message-ID)");
}

void
sentmail_result_clear(struct sentmail_result *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->v[i].reason);
	free(r->v);
	memset(r, 0, sizeof(*r));
}
