/* plan: which follow-up mails, to whom, when.  Pure policy. */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "parties.h"
#include "plan.h"
#include "util.h"
#include "when.h"

static void
note(struct plan *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
note(struct plan *p, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	p->notes = xreallocarray(p->notes, p->nnotes + 1, sizeof(*p->notes));
	p->notes[p->nnotes++] = xvasprintf(fmt, ap);
	va_end(ap);
}

/* A mail that is not planned because its time has passed: an audit line
 * the caller also logs. */
static void
skip(struct plan *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
skip(struct plan *p, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	p->skipped = xreallocarray(p->skipped, p->nskipped + 1, sizeof(*p->skipped));
	p->skipped[p->nskipped++] = xvasprintf(fmt, ap);
	va_end(ap);
}

static struct plan_mail *
add(struct plan *p, enum mail_kind kind, const struct interview *iv, int64_t app,
		const char *name, const char *email, int64_t person, int nth, time_t due)
{
	struct plan_mail *m;

	p->mails = xreallocarray(p->mails, p->n + 1, sizeof(*p->mails));
	m = &p->mails[p->n++];
	memset(m, 0, sizeof(*m));
	m->kind = kind;
	m->interview_id = iv ? iv->id : 0;
	m->application_id = iv ? iv->application_id : app;
	m->person_id = person;
	m->recipient_name = name && *name ? xstrdup(name) : NULL;
	m->recipient_email = xstrdup(email);
	m->nth = nth;
	m->due = due;
	return m;
}

time_t
plan_in_window(const struct config *cfg, time_t t)
{
	return when_next_allowed(t, &cfg->send.window, cfg->send.weekends, cfg->me.timezone);
}

time_t
plan_latest(const struct config *cfg, enum mail_kind kind, time_t end, time_t due)
{
	switch (kind) {
	case MAIL_THANK_YOU:
	case MAIL_THANK_YOU_CONTACT:
		return end ? when_add(end, &cfg->thank_you.latest, cfg->me.timezone) : 0;
	case MAIL_REFLECTION:
		return due ? due + PLAN_REFLECTION_LATEST : 0;
	case MAIL_REFERENCE_WARNING:
		return end ? end + 14 * 86400 : 0;
	default:
		return 0;
	}
}

bool
plan_is_me(const struct config *cfg, const char *email)
{
	return parties_is_mine(email, (const char *const *)cfg->me.addresses, cfg->me.naddresses);
}

/* The mode decides whether a mail waits for approval, and the grace; a
 * hold reason holds it whatever the mode. */
static void
finish(const struct config *cfg, struct plan_mail *m, time_t now, bool must_review,
		const char *hold)
{
	m->held = cfg->send.mode == CONFIG_SEND_REVIEW || must_review || hold != NULL;
	if (hold != NULL)
		m->hold_reason = xstrdup(hold);
	if (cfg->send.mode == CONFIG_SEND_AUTO) {
		time_t earliest = when_add(now, &cfg->send.grace, cfg->me.timezone);

		if (m->due < earliest)
			m->due = plan_in_window(cfg, earliest);
	} else if (m->due < now)
		m->due = now;
}

static const char *
iso(time_t t, char *buf, size_t len)
{
	return when_format_iso(t, buf, len);
}

/* An interviewer the mail gave no address, named as the contact is (a
 * booking from a team's mailbox: "Staff: Tasha Greaves", the contact
 * Tasha Greaves at the mailbox): one person, reached at the contact's
 * address. */
static bool
same_person_named(const struct participant *iv, const struct participant *contact)
{
	return iv->email == NULL && iv->name != NULL && contact->name != NULL &&
	    strcasecmp(iv->name, contact->name) == 0;
}

/* Is the contact also one of the interviewers (by row, address, or as
 * same_person_named)? */
static bool
interviewer(const struct participant *people, size_t n, const struct participant *who)
{
	for (size_t i = 0; i < n; i++)
		if (people[i].role == ROLE_INTERVIEWER &&
		    ((who->id && people[i].id == who->id) || (people[i].email && who->email &&
		    strcasecmp(people[i].email, who->email) == 0) || same_person_named(&people[i], who)))
			return true;
	return false;
}

static void
plan_thank_you(const struct config *cfg, const struct interview *iv,
		const struct participant *people, size_t npeople, bool has_notes, time_t now,
		const char *hold, struct plan *p)
{
	time_t end = iv->end ? iv->end : iv->start, due, latest;
	const struct participant *contact = NULL;
	struct buf nameless = { 0 };
	char b1[32], b2[32];
	bool late = false;
	size_t nthanked = 0;

	if (!cfg->thank_you.enabled)
		return;
	if (end == 0) {
		note(p, "interview %" PRId64 ": no thank-you planned: its time is unknown", iv->id);
		return;
	}
	latest = when_add(end, &cfg->thank_you.latest, cfg->me.timezone);
	if (now > latest) {
		skip(p, "interview %" PRId64 ": no thank-you: its latest time (%s) has passed",
		    iv->id, iso(latest, b1, sizeof(b1)));
		return;
	}
	due = plan_in_window(cfg, when_add(end, &cfg->thank_you.after, cfg->me.timezone));
	if (cfg->thank_you.wait_for_notes && !has_notes) {
		/* Give the user until an hour before the latest time. */
		time_t wait = plan_in_window(cfg, latest - 3600);

		if (wait > due && wait <= latest) {
			due = wait;
			note(p, "interview %" PRId64 ": thank-yous wait for your notes until %s",
			    iv->id, iso(due, b1, sizeof(b1)));
		}
	}
	if (due > latest) {
		/* The window pushes it too late: take the earliest allowed time. */
		time_t early = plan_in_window(cfg, end > now ? end : now);

		note(p, "interview %" PRId64 ": the send window puts thank-yous after %s; "
		    "using the earliest allowed time %s%s", iv->id, iso(latest, b1, sizeof(b1)),
		    iso(early, b2, sizeof(b2)), early > latest ? " (still after the latest)" : "");
		due = early;
		late = true;
	}
	{
		size_t n = 0;

		for (size_t i = 0; i < npeople; i++)
			n += people[i].role == ROLE_INTERVIEWER;
		if (n > PLAN_MAX_INTERVIEWERS) {
			/* A panel that large is not an interview (or a hostile invite):
			 * writing to everyone on it is for the user to decide. */
			note(p, "interview %" PRId64 ": %zu interviewers: no thank-yous planned "
			    "(more than %d); add notes and write them yourself", iv->id, n,
			    PLAN_MAX_INTERVIEWERS);
			return;
		}
	}
	for (size_t i = 0; i < npeople && contact == NULL; i++)
		if (people[i].role == ROLE_CONTACT && people[i].email && !plan_is_me(cfg, people[i].email))
			contact = &people[i];
	for (size_t i = 0; i < npeople; i++) {
		const struct participant *pp = &people[i];

		if (pp->role != ROLE_INTERVIEWER || plan_is_me(cfg, pp->email))
			continue;
		if (contact != NULL && same_person_named(pp, contact)) {
			/* the contact is this interviewer: thanked for talking,
			 * at the contact's address */
			struct plan_mail *m = add(p, MAIL_THANK_YOU, iv, 0, pp->name, contact->email,
			    pp->id, 1, due);

			nthanked++;
			m->why = xasprintf("thank-you to %s at %s, the contact's address, %s after the "
			    "interview%s", pp->name, contact->email,
			    when_format_duration(&cfg->thank_you.after, b1, sizeof(b1)),
			    late ? " (moved by the send window)" : "");
			finish(cfg, m, now, false, hold);
			continue;
		}
		if (pp->email == NULL) {
			if (nameless.len)
				buf_adds(&nameless, ", ");
			buf_adds(&nameless, pp->name ? pp->name : "?");
			continue;
		}
		if (parties_is_team(pp->email)) {
			/* "Acme – Recruiting <recruiting@acme.com>" on the panel:
			 * nobody there talked with the user ("Hi Acme"). */
			note(p, "interview %" PRId64 ": no thank-you to %s: a team's address, not a"
			    " person's", iv->id, pp->email);
			continue;
		}
		struct plan_mail *m = add(p, MAIL_THANK_YOU, iv, 0, pp->name, pp->email,
		    pp->id, 1, due);

		nthanked++;
		m->why = xasprintf("thank-you to %s, %s after the interview%s", pp->email,
		    when_format_duration(&cfg->thank_you.after, b1, sizeof(b1)),
		    late ? " (moved by the send window)" : "");
		finish(cfg, m, now, false, hold);
	}
	if (nameless.len == 0 && contact && nthanked > 0 && cfg->thank_you.contact &&
	    !interviewer(people, npeople, contact)) {
		/* The recruiter or the organiser who arranged it and did not
		 * interview: thanks for arranging, not "for talking with me". */
		struct plan_mail *m = add(p, MAIL_THANK_YOU_CONTACT, iv, 0, contact->name,
		    contact->email, contact->id, 1, due);

		m->why = xasprintf("thank-you to %s for arranging the interview", contact->email);
		finish(cfg, m, now, false, hold);
	} else if (nameless.len) {
		if (contact) {
			/* A kind of its own: a mail apart from the thank-you the
			 * contact gets when they interviewed too. */
			struct plan_mail *m = add(p, MAIL_THANK_YOU_CONTACT, iv, 0, contact->name,
			    contact->email, contact->id, 1, due);

			char *why = xasprintf("no address is known for %s: the thanks go through"
			    " %s; read the words before it goes", nameless.data, contact->email);

			m->why = xasprintf("thank-you through %s for %s (no address known); held for review",
			    contact->email, nameless.data);
			finish(cfg, m, now, true, hold ? hold : why);
			free(why);
		} else
			note(p, "interview %" PRId64 ": no address for %s and no contact: no thank-you",
			    iv->id, nameless.data);
	}
	buf_free(&nameless);
}

static void
plan_references(const struct config *cfg, const struct interview *iv,
		const struct plan_reference_state *refs, time_t now, const char *hold,
		struct plan *p)
{
	const struct config_reference_warning *rw = &cfg->reference_warning;
	char b1[32];

	if (!rw->enabled || rw->when == CONFIG_REFWARN_NEVER || cfg->nreferences == 0)
		return;
	if (rw->when == CONFIG_REFWARN_FINAL && !iv->final_round && !iv->asks_references)
		return;
	if (iv->start && iv->start < now && iv->end && iv->end < now - 14 * 86400) {
		skip(p, "interview %" PRId64 ": no reference warning: the interview is long "
		    "past (%s)", iv->id, iso(iv->end, b1, sizeof(b1)));
		return;
	}
	for (size_t i = 0; i < cfg->nreferences; i++) {
		const struct config_reference *r = &cfg->references[i];
		time_t due = when_add(now, &rw->after, cfg->me.timezone);

		if (refs && refs[i].waiting_id) {
			note(p, "interview %" PRId64 ": reference %s: folded into waiting mail %" PRId64,
			    iv->id, r->email, refs[i].waiting_id);
			continue;
		}
		if (refs && refs[i].last_sent) {
			time_t free_at = when_add(refs[i].last_sent, &rw->cooldown, cfg->me.timezone);

			if (free_at > due) {
				due = free_at;
				note(p, "interview %" PRId64 ": reference %s was warned on %s; the next "
				    "warning waits for the cooldown", iv->id, r->email,
				    iso(refs[i].last_sent, b1, sizeof(b1)));
			}
		}
		struct plan_mail *m = add(p, MAIL_REFERENCE_WARNING, iv, 0, r->name, r->email, 0,
		    1, plan_in_window(cfg, due));

		m->why = xasprintf("reference warning to %s (%s)", r->email,
		    iv->final_round ? "final round" : iv->asks_references ? "references asked for" :
		    "always");
		finish(cfg, m, now, false, hold);
	}
}

/* The first Monday-to-Friday day after "YYYY-MM-DD" (a Friday or a
 * weekend date gives the Monday), at the window's opening, in the user's
 * zone. */
static time_t
after_decision_date(const struct config *cfg, const char *ymd)
{
	struct tm tm = { 0 };
	time_t t;

	if (ymd == NULL || when_parse_iso(ymd, &t) == -1)
		return 0;
	gmtime_r(&t, &tm);
	tm.tm_hour = cfg->send.window.start_min / 60;
	tm.tm_min = cfg->send.window.start_min % 60;
	do {
		tm.tm_mday++;
		tm.tm_isdst = -1;
		t = when_from_local(&tm, cfg->me.timezone);
		when_local(t, cfg->me.timezone, &tm);
	} while (tm.tm_wday == 0 || tm.tm_wday == 6);
	return t;
}

static void
plan_nudges(const struct config *cfg, const struct interview *iv,
		const struct participant *people, size_t npeople, time_t last_contact,
		time_t now, const char *hold, struct plan *p)
{
	const struct config_status_nudge *sn = &cfg->status_nudge;
	const struct participant *contact = NULL;
	time_t end = iv->end ? iv->end : iv->start, due;
	bool restarted = false;
	char b1[32];

	if (!sn->enabled)
		return;
	for (size_t i = 0; i < npeople && contact == NULL; i++)
		if (people[i].role == ROLE_CONTACT && people[i].email &&
		    !plan_is_me(cfg, people[i].email))
			contact = &people[i];
	if (contact == NULL) {
		note(p, "interview %" PRId64 ": no status nudge: nobody to ask (no contact address)",
		    iv->id);
		return;
	}
	due = after_decision_date(cfg, iv->decision_by);
	if (due == 0) {
		if (end == 0)
			return;
		due = when_add(end, &sn->after, cfg->me.timezone);
	}
	if (last_contact != 0) {
		/* The user wrote to the contact: the clock starts again then,
		 * never before a promised decision date. */
		time_t again = when_add(last_contact, &sn->after, cfg->me.timezone);

		if (again > due) {
			due = again;
			restarted = true;
		}
	}
	for (int k = 0; k <= sn->repeat; k++) {
		time_t next = when_add(due, &sn->every, cfg->me.timezone);

		if (k < sn->repeat && plan_in_window(cfg, next) <= now) {
			/* The next nudge's time has passed too: this one is moot. */
			skip(p, "interview %" PRId64 ": no status nudge %d: its time (%s) has passed "
			    "and the next one's too", iv->id, k + 1,
			    iso(plan_in_window(cfg, due), b1, sizeof(b1)));
			due = next;
			continue;
		}
		struct plan_mail *m = add(p, MAIL_STATUS_NUDGE, iv, 0, contact->name,
		    contact->email, contact->id, k + 1, plan_in_window(cfg, due));

		m->reply = iv->source_message_id != NULL;
		m->why = xasprintf("status nudge %d to %s (%s)", k + 1, contact->email,
		    restarted ? "no news since your own mail to them" :
		    iv->decision_by ? "the promised decision date passed" : "no news since the interview");
		finish(cfg, m, now, false, hold);
		due = next;
	}
}

static void
plan_reflection(const struct config *cfg, const struct interview *iv, time_t now,
		const char *hold, struct plan *p)
{
	time_t end = iv->end ? iv->end : iv->start;
	char b1[32];

	if (!cfg->reflection.enabled || end == 0 || cfg->me.naddresses == 0)
		return;
	for (int k = 1; k <= 2; k++) {
		const struct duration *d = k == 1 ? &cfg->reflection.after : &cfg->reflection.again;
		time_t due;

		if (k == 2 && d->seconds == 0 && d->business_days == 0)
			break;
		due = when_add(end, d, cfg->me.timezone);
		if (now > due + PLAN_REFLECTION_LATEST) {
			/* An old interview found late: no prompt. */
			skip(p, "interview %" PRId64 ": no reflection prompt %d: its latest time (%s) "
			    "has passed", iv->id, k, iso(due + PLAN_REFLECTION_LATEST, b1, sizeof(b1)));
			continue;
		}
		struct plan_mail *m = add(p, MAIL_REFLECTION, iv, 0, cfg->me.name,
		    cfg->me.addresses[0], 0, k, plan_in_window(cfg, due));

		m->why = xasprintf("reflection prompt %d to yourself", k);
		finish(cfg, m, now, false, hold);
	}
}

void
plan_interview(const struct config *cfg, const struct interview *iv,
		enum app_status app, time_t last_contact, const struct participant *people,
		size_t npeople,
		bool has_notes, const struct plan_reference_state *refs, time_t now,
		struct plan *out)
{
	char *hold = NULL;

	if (iv->status == IV_CANCELLED) {
		note(out, "interview %" PRId64 " is cancelled: nothing to send", iv->id);
		return;
	}
	if (app == APP_REJECTED || app == APP_WITHDRAWN) {
		note(out, "interview %" PRId64 ": the application is %s: nothing to send", iv->id,
		    app_status_name(app));
		return;
	}
	{
		time_t end = iv->end ? iv->end : iv->start;

		if (iv->hold_reason != NULL)
			hold = xstrdup(iv->hold_reason);
		else if (end != 0 && iv->created != 0 && iv->created >= end)
			hold = plan_found_late_reason(cfg, end);
		else if (iv->doubt != NULL && cfg->send.mode == CONFIG_SEND_AUTO)
			hold = plan_doubt_reason(iv->doubt);
	}
	plan_thank_you(cfg, iv, people, npeople, has_notes, now, hold, out);
	plan_references(cfg, iv, refs, now, hold, out);
	if (app != APP_OFFER)
		plan_nudges(cfg, iv, people, npeople, last_contact, now, hold, out);
	plan_reflection(cfg, iv, now, hold, out);
	free(hold);
}

char *
plan_doubt_reason(const char *doubt)
{
	return xasprintf("low confidence: %s", doubt);
}

char *
plan_found_late_reason(const struct config *cfg, time_t end)
{
	char d[64], t[16];

	return xasprintf("found late: the interview ended before followupd saw it (%s %s)",
	    when_format_date(end, cfg->me.timezone, d, sizeof(d)),
	    when_format_time(end, cfg->me.timezone, t, sizeof(t)));
}

void
plan_rejection(const struct config *cfg, int64_t app, int64_t interview_id,
		const struct person *to, time_t at, time_t now, bool met, const char *doubt,
		struct plan *out)
{
	struct plan_mail *m;
	char *hold = NULL;

	if (!cfg->feedback_request.enabled)
		return;
	if (to == NULL || to->email == NULL || plan_is_me(cfg, to->email)) {
		note(out, "application %" PRId64 ": no feedback request: nobody to ask", app);
		return;
	}
	m = add(out, MAIL_FEEDBACK_REQUEST, NULL, app, to->name, to->email, to->id, 1,
	    plan_in_window(cfg, when_add(at, &cfg->feedback_request.after, cfg->me.timezone)));
	m->interview_id = interview_id;
	m->why = xasprintf("feedback request to %s after the rejection", to->email);
	if (m->due < now) {
		/* Its time passed before followupd saw the rejection. */
		char d[64], t[16];

		hold = xasprintf("found late: the rejection came before followupd saw it (%s %s)",
		    when_format_date(at, cfg->me.timezone, d, sizeof(d)),
		    when_format_time(at, cfg->me.timezone, t, sizeof(t)));
	} else if (!met) {
		hold = xstrdup("no interview had taken place when the application was rejected:"
		    " the request thanks people for conversations that did not happen");
	} else if (doubt != NULL && cfg->send.mode == CONFIG_SEND_AUTO) {
		hold = plan_doubt_reason(doubt);
	}
	finish(cfg, m, now, false, hold);
	free(hold);
}

void
plan_clear(struct plan *p)
{
	for (size_t i = 0; i < p->n; i++) {
		free(p->mails[i].recipient_name);
		free(p->mails[i].recipient_email);
		free(p->mails[i].why);
		free(p->mails[i].hold_reason);
	}
	free(p->mails);
	for (size_t i = 0; i < p->nnotes; i++)
		free(p->notes[i]);
	free(p->notes);
	for (size_t i = 0; i < p->nskipped; i++)
		free(p->skipped[i]);
	free(p->skipped);
	memset(p, 0, sizeof(*p));
}
