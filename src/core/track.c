/* track: recognition results -> applications, interviews, people. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "log.h"
#include "message.h"
#include "parties.h"
#include "track.h"
#include "utf8.h"
#include "util.h"
#include "when.h"

/* ---- the facts of an interview ---- */

static char *
dup0(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

void
track_facts_add_interviewer(struct interview_facts *f, const char *name, const char *email)
{
	f->interviewers = xreallocarray(f->interviewers, f->ninterviewers + 1,
	    sizeof(*f->interviewers));
	f->interviewers[f->ninterviewers].name = dup0(name);
	f->interviewers[f->ninterviewers].email = dup0(email);
	f->ninterviewers++;
}

void
track_facts_from_detection(const struct detection *d, struct interview_facts *f)
{
	memset(f, 0, sizeof(*f));
	f->change = d->kind == DETECT_UPDATE ? TRACK_UPDATED :
	    d->kind == DETECT_CANCEL ? TRACK_CANCELLED : TRACK_ANNOUNCED;
	f->company = dup0(d->company);
	f->role = dup0(d->role);
	f->has_start = d->has_start;
	f->has_end = d->has_end;
	f->start = d->start;
	f->end = d->end;
	f->timezone = dup0(d->timezone);
	for (size_t i = 0; i < d->ninterviewers; i++)
		track_facts_add_interviewer(f, d->interviewers[i].name, d->interviewers[i].email);
	f->contact.name = dup0(d->contact.name);
	f->contact.email = dup0(d->contact.email);
	f->meeting_url = dup0(d->meeting_url);
	f->location = dup0(d->location);
	f->decision_by = dup0(d->decision_by);
	f->moved_day = dup0(d->moved_day);
	if (d->ndays > 0) {
		f->days = xcalloc(d->ndays, sizeof(char *));
		for (size_t i = 0; i < d->ndays; i++)
			f->days[f->ndays++] = xstrdup(d->days[i]);
	}
	f->time_kept = detection_time_kept(d);
	f->final_round = d->final_round;
	f->asks_references = d->asks_references;
	f->time_uncertain = d->time_uncertain;
	f->reason = dup0(d->reason);
	f->event_uid = dup0(d->event_uid);
	f->sequence = d->sequence;
	f->message_id = dup0(d->message_id);
	f->subject = dup0(d->subject);
	f->in_reply_to = dup0(d->in_reply_to);
	if (d->nreferences) {
		f->references = xreallocarray(NULL, d->nreferences, sizeof(*f->references));
		for (size_t i = 0; i < d->nreferences; i++)
			f->references[i] = xstrdup(d->references[i]);
		f->nreferences = d->nreferences;
	}
	f->has_date = d->has_date;
	f->date = d->date;
	f->sender = dup0(d->from.email);
}

void
track_facts_clear(struct interview_facts *f)
{
	for (size_t i = 0; i < f->ninterviewers; i++) {
		free(f->interviewers[i].name);
		free(f->interviewers[i].email);
	}
	free(f->interviewers);
	for (size_t i = 0; i < f->nreferences; i++)
		free(f->references[i]);
	free(f->references);
	free(f->contact.name);
	free(f->contact.email);
	free(f->company);
	free(f->role);
	free(f->timezone);
	free(f->meeting_url);
	free(f->location);
	free(f->decision_by);
	free(f->moved_day);
	for (size_t i = 0; i < f->ndays; i++)
		free(f->days[i]);
	free(f->days);
	free(f->reason);
	free(f->event_uid);
	free(f->message_id);
	free(f->subject);
	free(f->in_reply_to);
	free(f->sender);
	memset(f, 0, sizeof(*f));
}

/* ---- the thread ---- */

int
track_thread(struct store *st, const char *in_reply_to, char *const *references,
		size_t nreferences, int64_t *application, int64_t *interview)
{
	int64_t app = 0, iv = 0, first_app = 0;
	bool found = false;
	int rc;

	*application = *interview = 0;
	/* Nearest first: In-Reply-To, then References from the last. */
	for (size_t k = 0; k <= nreferences; k++) {
		const char *id = k == 0 ? in_reply_to : references[nreferences - k];

		if (id == NULL || (rc = store_application_by_message_id(st, id, &app, &iv)) == 0)
			continue;
		if (rc < 0)
			return rc;
		if (iv != 0) {
			*application = app;
			*interview = iv;
			return 1;
		}
		if (!found)
			first_app = app;
		found = true;
	}
	*application = first_app;
	return found;
}

/* ---- interviews ---- */

/* The company's domain: the contact's, else an interviewer's, else the
 * sender's. */
static char *
facts_domain(const struct interview_facts *f)
{
	char *dom = parties_org_domain(f->contact.email);

	for (size_t i = 0; dom == NULL && i < f->ninterviewers; i++)
		dom = parties_org_domain(f->interviewers[i].email);
	if (dom == NULL)
		dom = parties_org_domain(f->sender);
	return dom;
}

/* The sender when it is a hiring robot ("no-reply@greenhouse.io"). */
static const char *
facts_ats(const struct interview_facts *f)
{
	return f->sender && parties_is_robot(f->sender) ? f->sender : NULL;
}

static char *
company_name(const struct interview_facts *f, const char *domain)
{
	if (f->company && *f->company)
		return xstrdup(f->company);
	if (domain) {
		/* "acme.com" -> "Acme" */
		char *c = xstrndup(domain, strcspn(domain, "."));

		if (c[0] >= 'a' && c[0] <= 'z')
			c[0] = (char)(c[0] - 'a' + 'A');
		return c;
	}
	return xstrdup("Unknown company");
}

/* References of the source mail plus its own Message-ID, space separated:
 * what a nudge replying into the thread needs. */
static char *
thread_refs(const struct interview_facts *f)
{
	struct buf b = { 0 };

	for (size_t i = 0; i < f->nreferences; i++) {
		if (b.len)
			buf_addc(&b, ' ');
		buf_adds(&b, f->references[i]);
	}
	if (f->message_id) {
		if (b.len)
			buf_addc(&b, ' ');
		buf_adds(&b, f->message_id);
	}
	return b.len ? buf_steal(&b) : NULL;
}

static bool
is_me(const struct track_me *me, const char *email)
{
	return me != NULL && parties_is_mine(email, me->addresses, me->n);
}

static int
link_people(struct store *st, int64_t iv, const struct interview_facts *f,
		const struct track_me *me)
{
	int rc, added = 0;

	for (size_t i = 0; i < f->ninterviewers; i++)
		if (!is_me(me, f->interviewers[i].email)) {
			if ((rc = store_interview_add_person(st, iv, f->interviewers[i].name,
			    f->interviewers[i].email, ROLE_INTERVIEWER, NULL)) < 0)
				return rc;
			added += rc;
		}
	if ((f->contact.email || f->contact.name) && !is_me(me, f->contact.email)) {
		if ((rc = store_interview_add_person(st, iv, f->contact.name, f->contact.email,
		    ROLE_CONTACT, NULL)) < 0)
			return rc;
		added += rc;
	}
	return added;
}

/* An interview of app starting at start (mails without a calendar UID). */
/*
 * The interview that starts at start, of application app or of any
 * application of company (NULL: none): one candidate meets one company
 * once at a given minute, however the role is written from mail to mail
 * ("Manager – Channelview" in the invite, "Manager - Channelview" in the
 * reminder).  1 and *id, 0, or a negative store code.
 */
static int
find_by_start(struct store *st, int64_t app, const char *company, int64_t start, int64_t *id)
{
	struct store_interview_filter f = { .application_id = app, .company = company };
	struct store_interview_row *rows = NULL;
	size_t n = 0;
	int rc = store_interview_list(st, &f, &rows, &n);

	*id = 0;
	for (size_t i = 0; rc >= 0 && i < n && *id == 0; i++)
		if (rows[i].iv.start == start && rows[i].iv.status != IV_CANCELLED)
			*id = rows[i].iv.id;
	store_interviews_free(rows, n);
	return rc < 0 ? rc : *id != 0;
}

/*
 * The application a mail outside any thread belongs to: the one its sender
 * (a person, not the user) or its contact takes part in, else the one of
 * the organisation's domain.  *how says which ("person", "domain").
 * 1 and *app, 0, or a negative store code.
 */
static int
application_of(struct store *st, const struct track_me *me, const char *sender,
		const char *contact, const char *domain, int64_t *app, const char **how)
{
	int rc;

	*how = "person";
	if (sender && !parties_is_robot(sender) && !is_me(me, sender) &&
	    (rc = store_application_by_person(st, sender, app)) != 0)
		return rc;
	if (contact && !is_me(me, contact) &&
	    (rc = store_application_by_person(st, contact, app)) != 0)
		return rc;
	*how = "domain";
	return domain ? store_application_by_domain(st, domain, app) : 0;
}

/* The application of a mail outside any thread, by its facts' sender,
 * contact or organisation's domain (application_of): 1 and *app, 0, or
 * a negative store code. */
static int
facts_application(struct store *st, const struct interview_facts *f, const struct track_me *me,
		int64_t *app)
{
	char *domain = facts_domain(f);
	const char *how;
	int rc;

	*app = 0;
	rc = application_of(st, me, f->sender, f->contact.email, domain, app, &how);
	free(domain);
	return rc < 0 ? rc : *app != 0 && rc > 0;
}

/*
 * A cancellation outside any thread and without a calendar UID (a plain
 * "we have to cancel tomorrow's conversation, 15:30"): the interview of
 * the application its sender or contact belongs to (as a person, else by
 * the organisation's domain) that starts at the very time it names.
 * Nothing else: no time, or another time, cancels nothing.  (A move so
 * found is left to hold_orphan_update: which interview it moves is the
 * user's to say.)  1 and *id, 0, or a negative store code.
 */
static int
cancelled_slot(struct store *st, const struct interview_facts *f, const struct track_me *me,
		int64_t *id)
{
	int64_t app = 0;
	int rc;

	*id = 0;
	if (!f->has_start)
		return 0;
	if ((rc = facts_application(st, f, me, &app)) <= 0)
		return rc;
	return find_by_start(st, app, NULL, f->start, id);
}

/* Had interview iv not started yet when the mail of f was written (a
 * mail without a Date: yes)?  Only such an interview can still move. */
static bool
still_to_come(const struct interview_facts *f, const struct interview *iv)
{
	return !f->has_date || iv->start == 0 || iv->start > f->date;
}

/* Does f name the day interview iv starts on, in the interview's zone
 * (else the facts', else UTC)? */
static bool
names_day_of(const struct interview_facts *f, const struct interview *iv)
{
	struct tm tm;
	char day[32];

	if (iv->start == 0)
		return false;
	when_local((time_t)iv->start, iv->timezone ? iv->timezone : f->timezone, &tm);
	snprintf(day, sizeof(day), "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1,
	    tm.tm_mday);
	for (size_t i = 0; i < f->ndays; i++)
		if (strcmp(f->days[i], day) == 0)
			return true;
	return false;
}

/*
 * An update outside any thread whose UID, if any, names no interview
 * ("we have to move your interview of Tuesday 23 February to Thursday",
 * a room change "on your interview day, Tuesday 2 March"): the one
 * scheduled interview of the application its sender or contact belongs
 * to (application_of), still to come when the mail was written, whose
 * day it names.  None, or two such: nothing (new_interview then makes
 * one and hold_orphan_update holds both).  1 and *id, 0, or a negative
 * store code.
 */
static int
named_day_slot(struct store *st, const struct interview_facts *f, const struct track_me *me,
		int64_t *id)
{
	struct store_interview_filter flt = { .status_mask = STORE_BIT(IV_SCHEDULED) };
	struct store_interview_row *rows = NULL;
	int64_t app = 0;
	size_t n = 0, hits = 0;
	int rc;

	*id = 0;
	if (f->ndays == 0)
		return 0;
	if ((rc = facts_application(st, f, me, &app)) <= 0)
		return rc;
	flt.application_id = app;
	if ((rc = store_interview_list(st, &flt, &rows, &n)) < 0)
		return rc;
	for (size_t i = 0; i < n; i++)
		if (still_to_come(f, &rows[i].iv) && names_day_of(f, &rows[i].iv)) {
			*id = rows[i].iv.id;
			hits++;
		}
	store_interviews_free(rows, n);
	if (hits != 1)
		*id = 0;
	return *id != 0;
}

/* The interview the facts are about: by event UID, else by the thread,
 * else (an update) by the day it names. */
static int
find_interview(struct store *st, const struct interview_facts *f, const struct track_me *me,
		struct interview *iv)
{
	int64_t app = 0, ivid = 0;
	int rc;

	memset(iv, 0, sizeof(*iv));
	if (f->event_uid && (rc = store_interview_find_uid(st, f->event_uid, iv)) != 0)
		return rc;
	/* In a thread, an invitation with a time of its own is the next round,
	 * not a move: only updates, cancellations and timeless mails follow
	 * the thread to an interview. */
	if (f->change == TRACK_ANNOUNCED && f->has_start)
		return 0;
	rc = track_thread(st, f->in_reply_to, f->references, f->nreferences, &app, &ivid);
	if (rc == 0 && f->change == TRACK_CANCELLED)
		rc = cancelled_slot(st, f, me, &ivid);
	if (rc == 0 && f->change == TRACK_UPDATED)
		rc = named_day_slot(st, f, me, &ivid);
	if (rc <= 0 || ivid == 0)
		return rc < 0 ? rc : 0;
	return store_interview_get(st, ivid, iv);
}

static const char *
when_str(int64_t t, char *buf, size_t len)
{
	return t ? when_format_iso((time_t)t, buf, len) : "an unknown time";
}

static void
fill_interview(struct interview *iv, const struct interview_facts *f, char *refs)
{
	iv->event_uid = f->event_uid;
	iv->sequence = f->sequence;
	iv->start = f->has_start ? f->start : 0;
	iv->end = f->has_end ? f->end : (f->has_start ? f->start + 3600 : 0);
	iv->timezone = f->timezone;
	iv->status = IV_SCHEDULED;
	iv->final_round = f->final_round;
	iv->asks_references = f->asks_references;
	iv->decision_by = f->decision_by;
	iv->meeting_url = f->meeting_url;
	iv->location = f->location;
	iv->source_message_id = f->message_id;
	iv->source_references = refs;
	iv->source_subject = f->subject;
}

static const char *
source(const struct interview_facts *f, const char *none)
{
	return f->message_id ? f->message_id : none;
}

/*
 * A later mail seats on the panel someone the interview knew only as its
 * contact (the coordinator who sent the first invite, now an attendee of
 * the update): the readings disagree on who the user meets, and a
 * thank-you "for talking with me" to the coordinator would be the wrong
 * words.  The interview's mails planned from now on (that person's
 * thank-you among them) wait for the user, with why; the first reason
 * of an interview stays.  Returns 0 or a negative store code.
 */
static int
hold_seated_contact(struct store *st, int64_t app, int64_t iv, const struct interview_facts *f,
		const struct track_me *me)
{
	struct participant *ps = NULL;
	size_t n = 0;
	int rc;

	if ((rc = store_interview_people(st, iv, &ps, &n)) < 0)
		return rc;
	for (size_t i = 0; rc >= 0 && i < f->ninterviewers; i++) {
		const struct track_person *p = &f->interviewers[i];
		bool contact = false, seated = false;
		char *why;

		if (p->email == NULL || is_me(me, p->email))
			continue;
		for (size_t k = 0; k < n; k++) {
			if (ps[k].email == NULL || strcasecmp(ps[k].email, p->email) != 0)
				continue;
			contact = contact || ps[k].role == ROLE_CONTACT;
			seated = seated || ps[k].role == ROLE_INTERVIEWER;
		}
		if (!contact || seated)
			continue;
		why = xasprintf("a later mail seats %s, the contact until then, on the panel: "
		    "who you meet is in doubt", p->name ? p->name : p->email);
		if ((rc = store_interview_set_hold_reason(st, iv, why)) > 0)
			rc = store_event_add(st, "distrust", app, iv, 0,
			    "mail %s: the interview's mails from now on are held: %s",
			    source(f, "(no Message-ID)"), why);
		free(why);
	}
	participants_free(ps, n);
	return rc < 0 ? rc : 0;
}

/*
 * Interviews new (id, at start) and old may be one interview moved: the
 * mails of both wait for the user, each with a reason naming the other
 * and the command that settles it (cancel the stale one).  why: what
 * makes them look like one ("an update to an invite followupd never
 * saw").  0 or a negative store code.
 */
static int
hold_maybe_one(struct store *st, int64_t app, int64_t id, time_t start,
		const struct interview *old, const char *why)
{
	char t1[32], t2[32];
	char *mine, *theirs;
	int rc;

	mine = xasprintf("%s: it may move interview %" PRId64 " (%s); if it does: followupctl"
	    " cancel --interview %" PRId64, why, old->id, when_str(old->start, t1, sizeof(t1)),
	    old->id);
	theirs = xasprintf("%s (interview %" PRId64 ", %s) may move this one; if it does:"
	    " followupctl cancel --interview %" PRId64, why, id, when_str(start, t2, sizeof(t2)),
	    old->id);
	if ((rc = store_interview_set_hold_reason(st, id, mine)) >= 0 &&
	    (rc = store_interview_set_hold_reason(st, old->id, theirs)) >= 0 &&
	    (rc = store_outbox_hold_interview(st, old->id, theirs)) >= 0)
		rc = store_event_add(st, "distrust", app, id, 0,
		    "interview %" PRId64 " and %" PRId64 " may be one: %s", id, old->id, mine);
	free(mine);
	free(theirs);
	return rc;
}

/*
 * An update for an invite followupd never saw (its UID, thread and time
 * match nothing known) may move an interview it knows another way: the
 * first confirmation came in prose, or from another calendar.  Then two
 * interviews would each thank the same people, one of them for a time
 * that never happened.  When another scheduled interview of the same
 * application or company exists that was still to come when the mail was
 * written, the mails of both wait for the user, with the reason.  0 or a
 * negative store code.
 */
static int
hold_orphan_update(struct store *st, const struct interview_facts *f, int64_t app,
		const char *company, int64_t id, time_t start)
{
	struct store_interview_filter flt = {
		.application_id = app, .company = company,
		.status_mask = STORE_BIT(IV_SCHEDULED),
	};
	struct store_interview_row *rows = NULL;
	size_t n = 0;
	int rc;

	if ((rc = store_interview_list(st, &flt, &rows, &n)) < 0)
		return rc;
	for (size_t i = 0; i < n && rc >= 0; i++)
		if (rows[i].iv.id != id && still_to_come(f, &rows[i].iv))
			rc = hold_maybe_one(st, app, id, start, &rows[i].iv,
			    "an update to an invite followupd never saw");
	store_interviews_free(rows, n);
	return rc < 0 ? rc : 0;
}

/*
 * A new time in the thread of an interview that had not taken place when
 * the mail was written is read as the next round (find_interview), but a
 * next round is rarely set before the round it follows: it may be that
 * interview moved ("we need to move your interview to Friday" read as an
 * invitation).  The mails of both wait for the user.  0 or a negative
 * store code.
 */
static int
hold_thread_time(struct store *st, const struct interview_facts *f, int64_t app, int64_t id)
{
	struct interview old = { 0 };
	int64_t tapp = 0, tiv = 0;
	int rc;

	if (f->change != TRACK_ANNOUNCED || !f->has_start || !f->has_date || f->event_uid)
		return 0;
	rc = track_thread(st, f->in_reply_to, f->references, f->nreferences, &tapp, &tiv);
	if (rc <= 0 || tiv == 0 || tiv == id)
		return rc < 0 ? rc : 0;
	if ((rc = store_interview_get(st, tiv, &old)) == 1 && old.status == IV_SCHEDULED &&
	    old.start > f->date && old.start != f->start)
		rc = hold_maybe_one(st, app, id, f->start, &old,
		    "a new time in the thread of an interview before it took place");
	interview_clear(&old);
	return rc < 0 ? rc : 0;
}

int
track_hold(struct store *st, int64_t app, int64_t iv, const char *why)
{
	int rc;

	if ((rc = store_interview_set_hold_reason(st, iv, why)) >= 0 &&
	    (rc = store_outbox_hold_interview(st, iv, why)) >= 0)
		rc = store_event_add(st, "distrust", app, iv, 0, "%s", why);
	return rc < 0 ? rc : 0;
}

/*
 * A move to a day at the interview's own hour ("could we do Wednesday,
 * same time?") whose thread leads to no interview: the hour is unknown,
 * so nothing is made or moved; the scheduled interviews of the
 * application its sender or contact belongs to may be the one moved, and
 * their mails wait for the user, with the reason.  0 or a negative store
 * code.
 */
static int
hold_day_moved(struct store *st, const struct interview_facts *f, const struct track_me *me)
{
	struct store_interview_filter flt = { .status_mask = STORE_BIT(IV_SCHEDULED) };
	struct store_interview_row *rows = NULL;
	int64_t app = 0;
	size_t n = 0, held = 0;
	int rc;

	rc = facts_application(st, f, me, &app);
	if (rc > 0) {
		flt.application_id = app;
		rc = store_interview_list(st, &flt, &rows, &n);
	}
	for (size_t i = 0; rc >= 0 && i < n; i++) {
		char t[32];
		char *why = xasprintf("mail %s moves an interview to %s at its own hour, but its"
		    " thread names none: it may be this one (%s); if it is: followupctl cancel"
		    " --interview %" PRId64 ", then add-interview at the new time",
		    source(f, "(no Message-ID)"), f->moved_day,
		    when_str(rows[i].iv.start, t, sizeof(t)), rows[i].iv.id);

		rc = track_hold(st, app, rows[i].iv.id, why);
		held += rc >= 0;
		free(why);
	}
	store_interviews_free(rows, n);
	if (rc >= 0 && held == 0)
		rc = store_event_add(st, "ignored", app, 0, 0,
		    "a move to %s at the interview's own hour (%s) matches no known interview",
		    f->moved_day, source(f, "(no Message-ID)"));
	return rc < 0 ? rc : 0;
}

static int
new_interview(struct store *st, const struct interview_facts *f, const struct track_me *me,
		struct track_result *res)
{
	char *domain = facts_domain(f), *company = company_name(f, domain);
	char *refs = thread_refs(f);
	struct interview iv = { 0 };
	char tbuf[32];
	int64_t app = 0, id = 0;
	int rc;

	/* the company's interview at that very minute, whatever the role's
	 * spelling: the same one, said again (a reminder, a confirmation) */
	if (f->has_start && f->event_uid == NULL &&
	    (rc = find_by_start(st, 0, company, f->start, &id)) != 0) {
		if (rc > 0 && (rc = store_interview_get(st, id, &iv)) > 0) {
			app = iv.application_id;
			interview_clear(&iv);
			memset(&iv, 0, sizeof(iv));
			res->application_id = app;
			res->interview_id = id;
			rc = hold_seated_contact(st, app, id, f, me);
			/* a person or an address more (the invite after the
			 * hiring system's list): the mails are planned again */
			if (rc >= 0 && (rc = link_people(st, id, f, me)) > 0)
				res->changed = true;
			if (rc >= 0)
				rc = store_event_add(st, "seen", app, id, 0,
				    "mail %s confirms interview %" PRId64 " again%s",
				    source(f, "(no Message-ID)"), id,
				    res->changed ? ", with people or addresses it lacked" : "");
		}
		goto out;
	}
	rc = store_application_find_or_create(st, company, f->role, domain, facts_ats(f), &app);
	if (rc < 0)
		goto out;
	res->application_id = app;
	if (rc == 1)
		store_event_add(st, "application", app, 0, 0, "new application: %s%s%s",
		    company, f->role ? ", " : "", f->role ? f->role : "");
	fill_interview(&iv, f, refs);
	iv.application_id = app;
	if ((rc = store_interview_insert(st, &iv, &id)) < 0 || (rc = link_people(st, id, f, me)) < 0)
		goto out;
	if ((rc = store_application_set_status(st, app, APP_ACTIVE)) < 0)
		goto out;
	{
		/* A new interview is news: nudges about the earlier ones are moot. */
		struct store_outbox_filter nudges = {
			.kind_mask = STORE_BIT(MAIL_STATUS_NUDGE), .application_id = app,
		};
		int n = store_outbox_cancel(st, &nudges);

		if (n < 0) {
			rc = n;
			goto out;
		}
		if (n > 0)
			store_event_add(st, "cancelled", app, id, 0,
			    "%d pending status nudge(s) cancelled: a new interview", n);
	}
	if (f->change == TRACK_UPDATED &&
	    (rc = hold_orphan_update(st, f, app, company, id, iv.start)) < 0)
		goto out;
	if ((rc = hold_thread_time(st, f, app, id)) < 0)
		goto out;
	res->interview_id = id;
	res->interview_new = true;
	res->changed = true;
	rc = store_event_add(st, "interview", app, id, 0,
	    "interview %" PRId64 " with %s at %s, %zu interviewer(s)%s%s (from %s: %s)", id,
	    company, when_str(iv.start, tbuf, sizeof(tbuf)), f->ninterviewers,
	    f->final_round ? ", final round" : "", f->time_uncertain ? ", time zone uncertain" : "",
	    source(f, "a mail without Message-ID"),
	    f->reason ? f->reason : "recognised");
out:
	free(domain);
	free(company);
	free(refs);
	return rc < 0 ? rc : 0;
}

static void
replace(char **field, const char *value)
{
	if (value && *value) {
		free(*field);
		*field = xstrdup(value);
	}
}

/* The day "YYYY-MM-DD" at the local hour of start in tz (NULL: UTC) into
 * *out; false when day is no date. */
static bool
same_hour_on(time_t start, const char *tz, const char *day, time_t *out)
{
	struct tm tm;
	int y, mo, d;

	if (day == NULL || sscanf(day, "%4d-%2d-%2d", &y, &mo, &d) != 3 || mo < 1 || mo > 12 ||
	    d < 1 || d > 31)
		return false;
	when_local(start, tz, &tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_isdst = -1;
	*out = when_from_local(&tm, tz);
	return true;
}

static int
update_interview(struct store *st, const struct interview_facts *f, const struct track_me *me,
		struct interview *iv, struct track_result *res)
{
	char b1[32], b2[32];
	int64_t delta = 0;
	time_t start = f->start, end = f->has_end ? f->end : f->start + 3600;
	bool timed = f->has_start;
	int rc;

	res->application_id = iv->application_id;
	res->interview_id = iv->id;
	if (f->event_uid && iv->event_uid && f->sequence < iv->sequence) {
		return store_event_add(st, "ignored", iv->application_id, iv->id, 0,
		    "stale update (SEQUENCE %d < %" PRId64 ") for interview %" PRId64 " ignored",
		    f->sequence, iv->sequence, iv->id);
	}
	/* "Wednesday, same time": the day said, the hour the interview's own,
	 * read in its zone (a move across a change of summer time keeps the
	 * clock), its length kept */
	/* "the rest of the programme is unchanged": the time read is one of
	 * the interview's (a session's), not a new one */
	if (f->time_kept && iv->start != 0)
		timed = false;
	if (!timed && f->moved_day != NULL && iv->start != 0 &&
	    same_hour_on(iv->start, iv->timezone ? iv->timezone : f->timezone, f->moved_day,
	    &start)) {
		timed = true;
		end = start + (iv->end > iv->start ? iv->end - iv->start : 3600);
	}
	if (timed && start != iv->start) {
		delta = iv->start ? start - iv->start : 0;
		snprintf(b1, sizeof(b1), "%s", when_str(iv->start, b2, sizeof(b2)));
		iv->start = start;
		iv->end = end;
		res->interview_moved = true;
	} else if (f->has_end && !f->time_kept)
		iv->end = f->end;
	if (f->sequence > iv->sequence)
		iv->sequence = f->sequence;
	/* iv owns its strings (interview_clear frees them). */
	replace(&iv->timezone, f->timezone);
	replace(&iv->meeting_url, f->meeting_url);
	replace(&iv->location, f->location);
	replace(&iv->decision_by, f->decision_by);
	iv->final_round = iv->final_round || f->final_round;
	iv->asks_references = iv->asks_references || f->asks_references;
	iv->status = IV_SCHEDULED;
	if ((rc = hold_seated_contact(st, iv->application_id, iv->id, f, me)) < 0 ||
	    (rc = store_interview_update(st, iv)) < 0 || (rc = link_people(st, iv->id, f, me)) < 0)
		return rc;
	res->changed = true;
	if (res->interview_moved) {
		int moved = delta ? store_outbox_reschedule_interview(st, iv->id, delta) : 0;

		if (moved < 0)
			return moved;
		return store_event_add(st, "moved", iv->application_id, iv->id, 0,
		    "interview %" PRId64 " moved from %s to %s; %d pending mail(s) moved (from %s)",
		    iv->id, b1, when_str(iv->start, b2, sizeof(b2)), moved,
		    source(f, "a mail without Message-ID"));
	}
	return store_event_add(st, "updated", iv->application_id, iv->id, 0,
	    "interview %" PRId64 " updated (from %s)", iv->id,
	    source(f, "a mail without Message-ID"));
}

static int
cancel_interview(struct store *st, const struct interview_facts *f, struct interview *iv,
		struct track_result *res)
{
	char *how;
	int rc;

	res->application_id = iv->application_id;
	res->interview_id = iv->id;
	if (iv->status == IV_CANCELLED)
		return 0;
	how = xasprintf("from %s", source(f, "a mail without Message-ID"));
	rc = track_cancel(st, iv, how);
	free(how);
	if (rc < 0)
		return rc;
	res->changed = true;
	res->interview_cancelled = true;
	return 0;
}

int
track_cancel(struct store *st, const struct interview *iv, const char *how)
{
	int n, rc;

	if ((rc = store_interview_set_status(st, iv->id, IV_CANCELLED)) < 0)
		return rc;
	if ((n = store_outbox_cancel_interview(st, iv->id)) < 0)
		return n;
	if ((rc = store_event_add(st, "cancelled", iv->application_id, iv->id, 0,
	    "interview %" PRId64 " cancelled; %d pending mail(s) cancelled (%s)", iv->id, n,
	    how)) < 0)
		return rc;
	return n;
}

int
track_finish(struct store *st, int64_t now)
{
	struct store_interview_filter f = {
		.status_mask = STORE_BIT(IV_SCHEDULED), .ended_before = now + 1,
	};
	struct store_interview_row *rows = NULL;
	size_t n = 0;
	bool own = !store_in_transaction(st);
	int rc;

	/* Most calls find nothing: look before taking the write lock. */
	if (own) {
		if ((rc = store_interview_list(st, &f, &rows, &n)) < 0 || n == 0)
			return rc < 0 ? rc : 0;
		store_interviews_free(rows, n);
		rows = NULL;
		n = 0;
		if ((rc = store_begin(st)) < 0)
			return rc;
	}
	if ((rc = store_interview_list(st, &f, &rows, &n)) < 0)
		goto out;
	for (size_t i = 0; i < n; i++) {
		const struct interview *iv = &rows[i].iv;
		const char *company = rows[i].company;

		if ((rc = store_interview_set_status(st, iv->id, IV_DONE)) < 0 ||
		    (rc = store_event_add(st, "done", iv->application_id, iv->id, 0,
		    "interview %" PRId64 "%s%s is over", iv->id, company ? " at " : "",
		    company ? company : "")) < 0)
			goto out;
	}
	rc = (int)n;
out:
	store_interviews_free(rows, n);
	if (own && rc < 0)
		store_rollback(st);
	else if (own) {
		int crc = store_commit(st);

		if (crc < 0)
			rc = crc;
	}
	return rc;
}

/* The application a reply, rejection or offer belongs to. */
static int
attach_application(struct store *st, const struct detection *d, const struct track_me *me,
		int64_t *app, int64_t *ivid, const char **how)
{
	char *domain = NULL;
	int rc = 0;

	*how = "thread";
	if ((rc = track_thread(st, d->in_reply_to, d->references, d->nreferences, app, ivid)) != 0)
		return rc;
	domain = parties_org_domain(d->from.email);
	if (domain == NULL)
		domain = parties_org_domain(d->contact.email);
	rc = application_of(st, me, d->from.email, d->contact.email, domain, app, how);
	free(domain);
	if (rc != 0)
		return rc;
	*how = "hiring system and company";
	if (d->from.email && parties_is_robot(d->from.email) && d->company)
		rc = store_application_by_ats(st, d->from.email, d->company, app);
	return rc;
}

/* The interview news is about: the one it was attached to, else the
 * application's last one that is not cancelled; 0 when none.  Returns 0
 * or a negative store code. */
static int
news_interview(struct store *st, int64_t app, int64_t ivid, int64_t *out)
{
	struct store_interview_filter f = {
		.application_id = app,
		.status_mask = STORE_BIT(IV_SCHEDULED) | STORE_BIT(IV_DONE),
	};
	struct store_interview_row *rows = NULL;
	size_t n = 0;
	int rc;

	*out = ivid;
	if (ivid != 0)
		return 0;
	if ((rc = store_interview_list(st, &f, &rows, &n)) < 0)
		return rc;
	if (n > 0)
		*out = rows[n - 1].iv.id;   /* ordered by start */
	store_interviews_free(rows, n);
	return 0;
}

bool
track_is_news(const struct detection *d)
{
	return d->kind == DETECT_REPLY || d->kind == DETECT_REJECTION || d->kind == DETECT_OFFER ||
	    detection_update_is_news(d);
}

/* News that promises a decision date or asks for references (a reply, an
 * update in prose) gives it to its interview: the status nudges then wait
 * for that date instead of being cancelled as moot, and the references'
 * heads-up is planned as for a final round.  1 when the date was set, 0
 * when there is no date or no interview, or a negative store code. */
static int
news_facts(struct store *st, const struct detection *d, int64_t app, int64_t ivid,
		struct track_result *res)
{
	struct interview iv = { 0 };
	const char *mid = d->message_id ? d->message_id : "(no Message-ID)";
	bool date = d->decision_by != NULL, refs = d->asks_references, changed = false;
	int64_t id;
	int rc = 0;

	if (d->kind == DETECT_REJECTION || d->kind == DETECT_OFFER || (!date && !refs))
		return 0;
	if ((rc = news_interview(st, app, ivid, &id)) < 0 || id == 0)
		return rc < 0 ? rc : 0;
	if ((rc = store_interview_get(st, id, &iv)) != 1)
		return rc < 0 ? rc : 0;
	rc = 0;
	if (date && (iv.decision_by == NULL || strcmp(iv.decision_by, d->decision_by) != 0)) {
		free(iv.decision_by);
		iv.decision_by = xstrdup(d->decision_by);
		changed = true;
		rc = store_event_add(st, "decision", app, id, 0,
		    "mail %s: a decision is promised by %s; status nudges wait for it", mid,
		    d->decision_by);
	}
	if (rc >= 0 && refs && !iv.asks_references) {
		iv.asks_references = true;
		changed = true;
		rc = store_event_add(st, "references", app, id, 0,
		    "mail %s: references are asked for", mid);
	}
	if (rc >= 0 && changed)
		rc = store_interview_update(st, &iv);
	interview_clear(&iv);
	if (rc < 0)
		return rc;
	res->interview_id = id;
	res->decision_moved = changed;
	return date ? 1 : 0;
}

static int
application_news(struct store *st, const struct detection *d, const struct track_me *me,
		struct track_result *res)
{
	struct store_outbox_filter f = { .kind_mask = STORE_BIT(MAIL_STATUS_NUDGE) };
	const char *how, *what = detect_kind_str(d->kind);
	int64_t app, ivid;
	int rc, n;

	if ((rc = attach_application(st, d, me, &app, &ivid, &how)) < 0)
		return rc;
	if (rc == 0 || app == 0)
		return store_event_add(st, "ignored", 0, 0, 0,
		    "%s %s matches no application", what,
		    d->message_id ? d->message_id : "(no Message-ID)");
	res->application_id = app;
	res->interview_id = ivid;
	res->changed = true;
	if (d->kind == DETECT_REJECTION &&
	    (rc = store_application_set_status(st, app, APP_REJECTED)) < 0)
		return rc;
	if (d->kind == DETECT_OFFER &&
	    (rc = store_application_set_status(st, app, APP_OFFER)) < 0)
		return rc;
	f.application_id = app;
	if ((rc = news_facts(st, d, app, ivid, res)) < 0)
		return rc;
	if (rc > 0)
		n = 0;          /* the nudges follow the date (track.h) */
	else if ((n = store_outbox_cancel(st, &f)) < 0)
		return n;
	return store_event_add(st, d->kind == DETECT_REPLY ? "reply" : what, app, ivid, 0,
	    "%s %s attached by %s%s; %d pending nudge(s) cancelled", what,
	    d->message_id ? d->message_id : "(no Message-ID)", how,
	    d->kind == DETECT_REJECTION ? ", application rejected" :
	    d->kind == DETECT_OFFER ? ", application has an offer" : "", n);
}

int
track_interview(struct store *st, const struct interview_facts *f, const struct track_me *me,
		struct track_result *res)
{
	struct interview iv;
	int rc;

	memset(res, 0, sizeof(*res));
	rc = find_interview(st, f, me, &iv);
	if (rc > 0 && f->change == TRACK_CANCELLED)
		rc = cancel_interview(st, f, &iv, res);
	else if (rc > 0)
		rc = update_interview(st, f, me, &iv, res);
	else if (rc == 0 && f->change == TRACK_CANCELLED)
		rc = store_event_add(st, "ignored", 0, 0, 0,
		    "cancellation %s matches no known interview", source(f, "(no Message-ID)"));
	else if (rc == 0 && !f->has_start && f->moved_day != NULL)
		rc = hold_day_moved(st, f, me);
	else if (rc == 0)
		rc = new_interview(st, f, me, res);
	interview_clear(&iv);
	return rc < 0 ? rc : 0;
}

int
track_apply(struct store *st, const struct detection *d, const struct track_me *me,
		struct track_result *res)
{
	struct interview_facts f;
	int rc;

	memset(res, 0, sizeof(*res));
	if (track_is_news(d)) {
		rc = application_news(st, d, me, res);
		return rc < 0 ? rc : 0;
	}
	switch (d->kind) {
	case DETECT_INTERVIEW:
	case DETECT_UPDATE:
	case DETECT_CANCEL:
		track_facts_from_detection(d, &f);
		rc = track_interview(st, &f, me, res);
		track_facts_clear(&f);
		return rc;
	case DETECT_REJECTION:
	case DETECT_OFFER:
	case DETECT_REPLY:
	case DETECT_OTHER:
		break;
	}
	return 0;
}

int
track_rejected_before(struct store *st, int64_t app, time_t at, const char *msgid, bool *met)
{
	struct store_interview_filter f = {
		.application_id = app,
		.status_mask = STORE_BIT(IV_SCHEDULED) | STORE_BIT(IV_DONE),
	};
	struct store_interview_row *rows = NULL;
	size_t n = 0;
	int rc, held = 0;

	*met = false;
	if (app == 0)
		return 0;
	if ((rc = store_interview_list(st, &f, &rows, &n)) < 0)
		return rc;
	for (size_t i = 0; i < n && rc >= 0; i++) {
		const struct interview *iv = &rows[i].iv;
		char *why;

		if (iv->start != 0 && iv->start <= at) {
			*met = true;
			continue;
		}
		if (iv->status != IV_SCHEDULED)
			continue;
		why = xasprintf("the application was rejected before this interview (mail %s):"
		    " it may not take place", msgid ? msgid : "(no Message-ID)");
		if ((rc = store_outbox_hold_interview(st, iv->id, why)) > 0) {
			held += rc;
			rc = store_event_add(st, "hold", app, iv->id, 0, "%d mail(s) held: %s", rc, why);
		}
		free(why);
	}
	store_interviews_free(rows, n);
	return rc < 0 ? rc : held;
}

char *
track_distrust(const struct detection *d, const struct track_me *me)
{
	const char *from = d->from.email && *d->from.email ? d->from.email : NULL;
	size_t others = 0;

	if (d->auth & MSG_AUTH_DMARC_FAIL)
		return xstrdup("the invite failed the sender checks of your provider (dmarc=fail)");
	if ((d->auth & MSG_AUTH_DKIM_FAIL) && !(d->auth & MSG_AUTH_DKIM_PASS))
		return xstrdup("the invite failed the sender checks of your provider (dkim=fail)");
	if (from && (is_me(me, from) || parties_is_service_sender(from)))
		return NULL;
	/* Whom the mails would go to besides the sender: the sender listing
	 * themselves (as the organiser, say) vouches for nobody. */
	for (size_t i = 0; i < d->ninterviewers; i++) {
		const char *e = d->interviewers[i].email;

		if (e == NULL || is_me(me, e) || (from && strcasecmp(e, from) == 0))
			continue;
		others++;
		if (from && parties_same_org(from, e) == 1)
			return NULL;
	}
	if (d->contact.email && !is_me(me, d->contact.email) &&
	    (from == NULL || strcasecmp(d->contact.email, from) != 0)) {
		others++;
		if (from && parties_same_org(from, d->contact.email) == 1)
			return NULL;
	}
	if (others == 0)
		return NULL;            /* nobody but the sender would be written to */
	return xasprintf("the sender (%s) is not at the interviewers' organisation",
	    from ? from : "unknown");
}
/* Words of a company name that say nothing of which company it is. */
static const char *const generic_words[] = {
	"and", "the", "for", "group", "labs", "lab", "software", "systems", "technologies",
	"technology", "tech", "solutions", "services", "company", "consulting", "partners",
	"inc", "ltd", "llc", "gmbh", "corp", "corporation", "limited", "holdings",
	"international", "global", "data", "cloud", "digital", "health", "energy",
	"media", "studio", "studios", "ventures", "networks", "security", "analytics",
	"robotics", "capital", "bank", "apps", "app",
};

static bool
generic_word(const char *w, size_t n)
{
	for (size_t i = 0; i < ARRAY_LEN(generic_words); i++)
		if (strlen(generic_words[i]) == n && strncmp(generic_words[i], w, n) == 0)
			return true;
	return false;
}


/* Do the starts of the words of folded name (blank-separated), two or
 * more, spell label, the last words free to give nothing
 * ("Commonwealth General Hospital" at commgen)? */
static bool
any_word(const char *w)
{
	(void)w;
	return true;
}

static bool
spelt_by_starts(const char *name, const char *label)
{
	char *copy = xstrdup(name), *save = NULL;
	const char *words[16];
	size_t nw = 0;
	bool r;

	for (char *w = strtok_r(copy, " ", &save); w != NULL && nw < ARRAY_LEN(words);
	    w = strtok_r(NULL, " ", &save))
		words[nw++] = w;
	r = words_spell(words, 0, nw, label, 2, 2, NULL, any_word);
	free(copy);
	return r;
}

/* Does the organisation domain dom spell the company (track.h)? */
static bool
company_in_domain(const char *company, const char *dom)
{
	struct buf f = { 0 }, joined = { 0 }, initials = { 0 };
	char label[64];
	size_t ll = 0, words = 0;
	bool found = false;

	for (const char *p = dom; *p && *p != '.' && ll + 1 < sizeof label; p++)
		if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'))
			label[ll++] = *p;
		else if (*p >= 'A' && *p <= 'Z')
			label[ll++] = (char)(*p - 'A' + 'a');
	label[ll] = '\0';
	utf8_fold_ascii(&f, company);
	for (const char *w = f.data; *w; ) {
		size_t n = strcspn(w, " ");

		buf_add(&joined, w, n);
		buf_addc(&initials, *w);
		words++;
		if (n >= 3 && !generic_word(w, n) && ll > 0) {
			char *word = xstrndup(w, n);

			found = found || strstr(label, word) != NULL;
			free(word);
		}
		w += n;
		w += *w == ' ';
	}
	buf_add(&joined, "", 0);
	buf_add(&initials, "", 0);
	found = found || (ll >= 2 && strstr(joined.data, label) != NULL) ||
	    (words >= 2 && str_has_prefix(label, initials.data)) ||
	    (ll >= 4 && spelt_by_starts(f.data, label));
	buf_free(&f);
	buf_free(&joined);
	buf_free(&initials);
	return found;
}

/* Add the organisation domain of email to doms (n so far, at most 8) when
 * it names an organisation; returns the new count. */
static size_t
add_org_domain(char **doms, size_t n, const char *email, const struct track_me *me)
{
	char *dom;

	if (email == NULL || *email == '\0' || n >= 8 || is_me(me, email) ||
	    (dom = parties_org_domain(email)) == NULL)
		return n;
	if (strcasecmp(dom, "example.com") == 0 || strcasecmp(dom, "example.net") == 0 ||
	    strcasecmp(dom, "example.org") == 0) {
		free(dom);
		return n;
	}
	for (size_t i = 0; i < n; i++)
		if (strcasecmp(doms[i], dom) == 0) {
			free(dom);
			return n;
		}
	doms[n] = dom;
	return n + 1;
}

static char *
company_doubt(const struct detection *d, const struct track_me *me)
{
	char *doms[8], *why = NULL;
	size_t n = 0;
	bool spelled = false;

	if (d->company == NULL || *d->company == '\0')
		return NULL;
	n = add_org_domain(doms, n, d->from.email, me);
	for (size_t i = 0; i < d->ninterviewers; i++)
		n = add_org_domain(doms, n, d->interviewers[i].email, me);
	n = add_org_domain(doms, n, d->contact.email, me);
	for (size_t i = 0; i < n && !spelled; i++)
		spelled = company_in_domain(d->company, doms[i]);
	if (n > 0 && !spelled) {
		struct buf list = { 0 };

		for (size_t i = 0; i < n; i++)
			buf_addf(&list, "%s%s", i ? ", " : "", doms[i]);
		why = xasprintf("the company read as \"%s\" is not in the addresses of its people (%s)",
		    d->company, list.data);
		buf_free(&list);
	}
	for (size_t i = 0; i < n; i++)
		free(doms[i]);
	return why;
}

char *
track_doubt_words(const struct detection *d, const struct track_me *me)
{
	const char *name = me ? me->name : NULL;

	if (name != NULL && *name != '\0') {
		if (d->role && str_casestr(d->role, name))
			return xasprintf("the role read as \"%s\" contains your name", d->role);
		if (d->company && str_casestr(d->company, name))
			return xasprintf("the company read as \"%s\" contains your name", d->company);
	}
	return company_doubt(d, me);
}
