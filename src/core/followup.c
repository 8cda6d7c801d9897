/* followup: the use cases, each one transaction (see followup.h). */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "followup.h"
#include "util.h"
#include "parties.h"
#include "plan.h"
#include "util.h"

/* ---- one transaction: the store's open one, else our own ---- */

static int
tx_begin(struct store *st, bool *own)
{
	*own = !store_in_transaction(st);
	return *own ? store_begin(st) : 0;
}

/* Commit our own transaction (rc >= 0) or roll it back; the caller's is
 * the caller's.  rc, or the failed commit's code. */
static int
tx_end(struct store *st, bool own, int rc)
{
	int crc;

	if (!own)
		return rc;
	if (rc < 0) {
		store_rollback(st);
		return rc;
	}
	crc = store_commit(st);
	return crc < 0 ? crc : rc;
}

/* ---- add notes ---- */

static int
add_notes(const struct followup *fu, int64_t id, const char *source, const char *reply,
		const char *text, time_t now)
{
	struct interview iv = { 0 };
	int rc;

	if ((rc = store_interview_get(fu->st, id, &iv)) != 1)
		return rc;
	if ((rc = store_note_add(fu->st, id, source, text, NULL)) >= 0) {
		if (strcmp(source, "mail") == 0)
			rc = store_event_add(fu->st, "note", iv.application_id, id, 0,
			    "notes for interview %" PRId64 " from your reply %s", id,
			    reply ? reply : "");
		else
			rc = store_event_add(fu->st, "note", iv.application_id, id, 0,
			    "notes added by hand");
	}
	interview_clear(&iv);
	/* Waiting thank-yous may go now, with the notes in them. */
	if (rc >= 0 && (rc = outbox_plan_interview(fu->ob, id, now)) >= 0)
		rc = outbox_render_interview(fu->ob, id, now);
	return rc < 0 ? rc : 1;
}

int
followup_add_notes(const struct followup *fu, int64_t id, const char *source,
		const char *reply, const char *text, time_t now)
{
	bool own;
	int rc;

	if ((rc = tx_begin(fu->st, &own)) < 0)
		return rc;
	return tx_end(fu->st, own, add_notes(fu, id, source, reply, text, now));
}

/* ---- add an interview by hand ---- */

static struct track_me
me_of(const struct config *cfg)
{
	return (struct track_me){ (const char *const *)cfg->me.addresses, cfg->me.naddresses,
	    cfg->me.name };
}

/* The interview f as the user gave it, and its mails planned (inside the
 * caller's transaction). */
static int
add_interview(const struct followup *fu, const struct interview_facts *f, time_t now,
		struct track_result *res)
{
	struct track_me me = me_of(fu->cfg);
	int rc = track_interview(fu->st, f, &me, res);

	if (rc >= 0 && res->interview_id)
		rc = outbox_plan_interview(fu->ob, res->interview_id, now);
	return rc < 0 ? rc : 0;
}

int
followup_add_interview(const struct followup *fu, const struct interview_facts *f,
		time_t now, struct track_result *res)
{
	bool own;
	int rc;

	memset(res, 0, sizeof(*res));
	if ((rc = tx_begin(fu->st, &own)) < 0)
		return rc;
	return tx_end(fu->st, own, add_interview(fu, f, now, res));
}

static int
place_unplaced(const struct followup *fu, int64_t seen_id, struct interview_facts *f,
		time_t now, struct track_result *res)
{
	struct store_unplaced u;
	struct track_person from;
	int rc;

	if ((rc = store_unplaced_get(fu->st, seen_id, &u)) <= 0)
		return rc;
	if (u.dismissed_at) {
		store_unplaced_clear(&u);
		return 0;
	}
	parties_person_split(u.from, &from.name, &from.email);
	if (f->message_id == NULL && u.message_id)
		f->message_id = xstrdup(u.message_id);
	if (f->subject == NULL && u.subject)
		f->subject = xstrdup(u.subject);
	if (f->sender == NULL && from.email)
		f->sender = xstrdup(from.email);
	if (!f->has_date && u.date) {
		f->has_date = true;
		f->date = (time_t)u.date;
	}
	if (f->contact.name == NULL && f->contact.email == NULL && from.email &&
	    !parties_is_robot(from.email) && !plan_is_me(fu->cfg, from.email)) {
		f->contact = from;
		memset(&from, 0, sizeof(from));
	}
	rc = add_interview(fu, f, now, res);
	if (rc >= 0)
		rc = store_unplaced_place(fu->st, seen_id, NULL, res->application_id,
		    res->interview_id, now);
	if (rc >= 0)
		rc = store_event_add(fu->st, "placed", res->application_id, res->interview_id, 0,
		    "unplaced mail %lld (%s UID %lu, \"%s\") is this interview, by hand",
		    (long long)seen_id, u.folder, (unsigned long)u.uid,
		    u.subject ? u.subject : "(no subject)");
	free(from.name);
	free(from.email);
	store_unplaced_clear(&u);
	return rc < 0 ? rc : 1;
}

int
followup_place_unplaced(const struct followup *fu, int64_t seen_id, struct interview_facts *f,
		time_t now, struct track_result *res)
{
	bool own;
	int rc;

	memset(res, 0, sizeof(*res));
	if ((rc = tx_begin(fu->st, &own)) < 0)
		return rc;
	return tx_end(fu->st, own, place_unplaced(fu, seen_id, f, now, res));
}

/* The unplaced mails of d's thread were about what d was tracked to: they
 * leave the list, with an audit event each. */
static int
place_thread(const struct followup *fu, const struct detection *d, time_t now,
		struct followup_taken *out)
{
	const struct track_result *tr = &out->track;
	int rc;

	for (size_t i = 0; i <= d->nreferences; i++) {
		const char *id = i == 0 ? d->in_reply_to : d->references[i - 1];

		if (id == NULL || (i > 0 && d->in_reply_to && strcmp(id, d->in_reply_to) == 0))
			continue;
		if ((rc = store_unplaced_place(fu->st, 0, id, tr->application_id,
		    tr->interview_id, now)) < 0)
			return rc;
		if (rc == 0)
			continue;
		out->placed++;
		if ((rc = store_event_add(fu->st, "placed", tr->application_id, tr->interview_id,
		    0, "unplaced mail %s placed by a later mail of its thread (%s)", id,
		    d->message_id ? d->message_id : "no Message-ID")) < 0)
			return rc;
	}
	return 0;
}

/* ---- take in a recognised mail ---- */

/* The user's own mail in a thread of ours (a reply to a reflection
 * prompt, say): its text becomes notes on that interview. */
static int
take_own(const struct followup *fu, const struct detection *d, const char *text, time_t now,
		struct followup_taken *out)
{
	int64_t app = 0, iv = 0;
	int rc;

	out->outcome = FOLLOWUP_OWN;
	out->kind = "own";
	rc = track_thread(fu->st, d->in_reply_to, d->references, d->nreferences, &app, &iv);
	if (rc <= 0 || iv == 0 || text == NULL)
		return rc < 0 ? rc : 0;
	if ((rc = add_notes(fu, iv, "mail", d->message_id, text, now)) <= 0)
		return rc;
	out->outcome = FOLLOWUP_NOTES;
	out->kind = "notes";
	out->track.application_id = app;
	out->track.interview_id = iv;
	return 0;
}

/* Does d read a meeting (an interview, or an update that moves one), as
 * the interview-wide holds and doubts judge, not news on an application? */
static bool
reads_meeting(const struct detection *d)
{
	return (d->kind == DETECT_INTERVIEW || d->kind == DETECT_UPDATE) && !track_is_news(d);
}

/* Nobody but the user decides whom the account mails, and in what words:
 * an invite the provider found forged, or from outside the interviewers'
 * organisation, or whose company or role the mail's own addresses do not
 * bear out, has its mails held. */
static int
hold_if_distrusted(const struct followup *fu, const struct detection *d,
		const struct track_me *me, struct followup_taken *out)
{
	const struct track_result *tr = &out->track;
	char *why;
	int rc = 0;

	if (tr->interview_id == 0 || !(tr->interview_new || tr->changed) || !reads_meeting(d))
		return 0;
	if ((why = track_distrust(d, me)) == NULL && (why = track_doubt_words(d, me)) == NULL)
		return 0;
	if ((rc = store_interview_set_hold_reason(fu->st, tr->interview_id, why)) > 0) {
		rc = store_event_add(fu->st, "distrust", tr->application_id, tr->interview_id, 0,
		    "mail %s: every mail of interview %" PRId64 " is held: %s",
		    d->message_id ? d->message_id : "(no Message-ID)", tr->interview_id, why);
		out->held = why;
		why = NULL;
	}
	free(why);
	return rc < 0 ? rc : 0;
}

/* The interview remembers how sure the reading that created or changed
 * it was (the last word counts: an invite from the organiser makes a
 * doubtful prose reading sure); the audit log says why, and in auto mode
 * a doubt holds the mails already waiting (new ones are held by plan). */
static int
record_confidence(const struct followup *fu, const struct detection *d,
		struct followup_taken *out)
{
	const struct track_result *tr = &out->track;
	char *doubt, *hold;
	int rc;

	if (tr->interview_id == 0 || !(tr->interview_new || tr->changed) || !reads_meeting(d))
		return 0;
	doubt = detection_doubt(d);
	if ((rc = store_interview_set_doubt(fu->st, tr->interview_id, doubt)) < 0)
		goto out;
	rc = store_event_add(fu->st, "confidence", tr->application_id, tr->interview_id, 0,
	    "mail %s: %s by rule %s, confidence %s%s%s",
	    d->message_id ? d->message_id : "(no Message-ID)", detect_kind_str(d->kind),
	    d->rule ? d->rule : "?", detect_confidence_str(d->confidence),
	    doubt ? ": " : "", doubt ? doubt : "");
	if (rc >= 0 && doubt != NULL && !tr->interview_new &&
	    fu->cfg->send.mode == CONFIG_SEND_AUTO) {
		hold = plan_doubt_reason(doubt);
		rc = store_outbox_hold_interview(fu->st, tr->interview_id, hold);
		free(hold);
	}
out:
	free(doubt);
	return rc < 0 ? rc : 0;
}

/* The mails that follow what the mail changed (in the same transaction). */
static int
plan_mails(const struct followup *fu, const struct detection *d, time_t now,
		const struct track_result *tr)
{
	int rc;

	/* A known interview's update plans again too: a panel that grows at
	 * the same time ("We've also added Rachel Gold to the panel") has a
	 * thank-you more, and so has one confirmed again with an address it
	 * lacked (the invite after the hiring system's list); what is queued
	 * already keeps its words and time. */
	if (tr->interview_id && (tr->interview_new || tr->interview_moved || tr->decision_moved ||
	    (tr->changed && !tr->interview_cancelled &&
	    (d->kind == DETECT_UPDATE || d->kind == DETECT_INTERVIEW))) &&
	    (rc = outbox_plan_interview(fu->ob, tr->interview_id, now)) < 0)
		return rc;
	/* The mails that wait say the new day and date: what the user reads
	 * in followupctl show is what goes (the claim writes it again too).
	 * Here, not in the outbox's plan: track moved their due times in the
	 * store already, by the interview's shift. */
	if (tr->interview_id && (tr->interview_moved || tr->decision_moved) &&
	    (rc = outbox_render_interview(fu->ob, tr->interview_id, now)) < 0)
		return rc;
	if (d->kind == DETECT_REJECTION && tr->application_id) {
		/* The feedback request goes to whoever wrote, unless nobody
		 * reads that address; then to the contact of the interview. */
		bool human = !parties_is_robot(d->from.email), met;
		time_t at = d->has_date && d->date < now ? d->date : now;
		char *doubt;

		/* A rejection before an interview: that interview's mails wait. */
		if ((rc = track_rejected_before(fu->st, tr->application_id, at,
		    d->message_id, &met)) < 0)
			return rc;
		doubt = detection_doubt(d);     /* NULL when high */
		rc = outbox_plan_rejection(fu->ob, tr->application_id, tr->interview_id,
		    human ? d->from.name : NULL, human ? d->from.email : NULL, at, now, met,
		    doubt);
		free(doubt);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/*
 * An update or a reply that takes someone off the panel ("Priyanka Rao
 * replaces Lisa Chen", "Danielle is out, so Marcus will sit in"): who is
 * thanked may be wrong, and only the user can say, so every mail of the
 * interview (of the track, else of the thread) waits, with the sentence.
 */
static int
hold_panel_change(const struct followup *fu, const struct detection *d,
		struct followup_taken *out)
{
	int64_t app = out->track.application_id, iv = out->track.interview_id;
	char *why;
	int rc = 0;

	if (d->panel_change == NULL)
		return 0;
	if (iv == 0 && (rc = track_thread(fu->st, d->in_reply_to, d->references, d->nreferences,
	    &app, &iv)) < 0)
		return rc;
	if (iv == 0)
		return 0;
	why = xasprintf("the panel may have changed (mail %s: \"%s\"): check who is thanked",
	    d->message_id ? d->message_id : "without Message-ID", d->panel_change);
	rc = track_hold(fu->st, app, iv, why);
	free(why);
	return rc;
}

static int
take_mail(const struct followup *fu, const struct detection *d, const char *text, time_t now,
		struct followup_taken *out)
{
	struct track_me me = me_of(fu->cfg);
	struct detection as = *d;         /* shallow: only the kind may differ */
	int rc;

	if (d->from.email && plan_is_me(fu->cfg, d->from.email))
		return take_own(fu, d, text, now, out);
	if (as.kind == DETECT_OTHER && !detect_rule_final_other(as.rule) &&
	    (as.in_reply_to || as.nreferences)) {
		/* No job words, but in the thread of an application: a reply
		 * (not an out-of-office answer, not the user's own work). */
		int64_t app = 0, iv = 0;

		rc = track_thread(fu->st, as.in_reply_to, as.references, as.nreferences, &app, &iv);
		if (rc < 0)
			return rc;
		if (rc > 0 && app)
			as.kind = DETECT_REPLY;
	}
	out->kind = detect_kind_str(as.kind);
	if (as.kind == DETECT_OTHER) {
		if (detection_unplaced(&as))
			out->unplaced = xstrdup(as.reason != NULL ? as.reason :
			    "about a job, but no interview time");
		return 0;
	}
	if ((rc = track_apply(fu->st, &as, &me, &out->track)) < 0 ||
	    (rc = hold_if_distrusted(fu, &as, &me, out)) < 0 ||
	    (rc = record_confidence(fu, &as, out)) < 0 ||
	    (rc = hold_panel_change(fu, &as, out)) < 0)
		return rc;
	out->outcome = FOLLOWUP_TRACKED;
	if (out->track.application_id && (rc = place_thread(fu, &as, now, out)) < 0)
		return rc;
	return plan_mails(fu, &as, now, &out->track);
}

int
followup_take_mail(const struct followup *fu, const struct detection *d, const char *text,
		time_t now, struct followup_taken *out)
{
	bool own;
	int rc;

	memset(out, 0, sizeof(*out));
	out->outcome = FOLLOWUP_OTHER;
	if ((rc = tx_begin(fu->st, &own)) < 0)
		return rc;
	if ((rc = tx_end(fu->st, own, take_mail(fu, d, text, now, out))) < 0)
		followup_taken_clear(out);
	return rc;
}

/* ---- take in a mail the user sent ---- */

/* What the user's own mail may concern, read from the store: the
 * thank-yous not yet sent, the applications whose contact it went to,
 * its thread.  Strings are borrowed from rows and from the detection. */
struct sent_view {
	struct sentmail_state s;
	struct store_outbox_row *rows;
	size_t nrows;
	struct sentmail_thanks *thanks;
	struct sentmail_contact *contacts;
};

static int
sent_thanks(const struct followup *fu, struct sent_view *v)
{
	struct store_outbox_filter f = {
		.status_mask = mail_action_from(MAIL_ACT_SUPERSEDE),
		.kind_mask = MODEL_BIT(MAIL_THANK_YOU) | MODEL_BIT(MAIL_THANK_YOU_CONTACT),
	};
	int rc;

	if ((rc = store_outbox_list(fu->st, &f, &v->rows, &v->nrows)) < 0)
		return rc;
	v->thanks = xcalloc(v->nrows + 1, sizeof(*v->thanks));
	for (size_t i = 0; i < v->nrows; i++) {
		const struct mail *m = &v->rows[i].m;
		struct sentmail_thanks *t = &v->thanks[v->s.nthanks++];
		struct interview iv = { 0 };

		*t = (struct sentmail_thanks){ .mail_id = m->id,
		    .application_id = m->application_id, .interview_id = m->interview_id,
		    .status = m->status, .name = m->recipient_name, .email = m->recipient_email };
		if ((rc = store_interview_get(fu->st, m->interview_id, &iv)) < 0)
			return rc;
		t->interview_start = (time_t)iv.start;
		interview_clear(&iv);
	}
	v->s.thanks = v->thanks;
	return 0;
}

static int
sent_contacts(const struct followup *fu, const struct detection *d, struct sent_view *v)
{
	size_t cap = 0;

	for (size_t i = 0; i < d->nrecipients; i++) {
		int64_t *ids = NULL;
		size_t n = 0;
		int rc;

		if (d->recipients[i].email == NULL || plan_is_me(fu->cfg, d->recipients[i].email))
			continue;
		if ((rc = store_application_by_contact(fu->st, d->recipients[i].email, &ids, &n)) < 0)
			return rc;
		for (size_t k = 0; k < n; k++) {
			if (v->s.ncontacts == cap) {
				cap = cap ? 2 * cap : 4;
				v->contacts = xreallocarray(v->contacts, cap, sizeof(*v->contacts));
			}
			v->contacts[v->s.ncontacts++] = (struct sentmail_contact){ ids[k],
			    d->recipients[i].email };
		}
		free(ids);
	}
	v->s.contacts = v->contacts;
	return 0;
}

static int
sent_view_read(const struct followup *fu, const struct detection *d, struct sent_view *v)
{
	struct mail ours = { 0 };
	int rc;

	v->s.me = (const char *const *)fu->cfg->me.addresses;
	v->s.nme = fu->cfg->me.naddresses;
	v->s.timezone = fu->cfg->me.timezone;
	if (d->message_id && (rc = store_outbox_by_message_id(fu->st, d->message_id, &ours)) != 0) {
		mail_clear(&ours);
		if (rc < 0)
			return rc;
		v->s.ours = true;
		return 0;               /* nothing else matters */
	}
	if ((rc = sent_thanks(fu, v)) < 0 || (rc = sent_contacts(fu, d, v)) < 0)
		return rc;
	return track_thread(fu->st, d->in_reply_to, d->references, d->nreferences,
	    &v->s.thread_application, &v->s.thread_interview);
}

static void
sent_view_free(struct sent_view *v)
{
	store_outbox_rows_free(v->rows, v->nrows);
	free(v->thanks);
	free(v->contacts);
}

/* The nudges of every interview of application app follow the contact. */
static int
sent_replan(const struct followup *fu, int64_t app, time_t now)
{
	struct store_interview_filter f = { .application_id = app,
	    .status_mask = MODEL_BIT(IV_SCHEDULED) | MODEL_BIT(IV_DONE) };
	struct store_interview_row *rows = NULL;
	size_t n = 0;
	int rc;

	if ((rc = store_interview_list(fu->st, &f, &rows, &n)) < 0)
		return rc;
	for (size_t i = 0; i < n && rc >= 0; i++)
		rc = outbox_plan_interview(fu->ob, rows[i].iv.id, now);
	store_interviews_free(rows, n);
	return rc < 0 ? rc : 0;
}

static int
sent_apply(const struct followup *fu, const struct sentmail_decision *d, time_t now)
{
	int rc = 0;

	switch (d->act) {
	case SENTMAIL_NOTHING:
		return 0;
	case SENTMAIL_SUPERSEDE:
		if ((rc = store_outbox_supersede(fu->st, d->mail_id, d->reason)) <= 0)
			return rc;      /* gone meanwhile: nothing to say */
		return store_event_add(fu->st, "superseded", d->application_id, d->interview_id,
		    d->mail_id, "mail %" PRId64 " cancelled: %s", d->mail_id, d->reason);
	case SENTMAIL_KEEP:
		return store_event_add(fu->st, "kept", d->application_id, d->interview_id,
		    d->mail_id, "mail %" PRId64 " kept: %s", d->mail_id, d->reason);
	case SENTMAIL_CONTACTED:
		if ((rc = store_application_set_last_contact(fu->st, d->application_id,
		    (int64_t)d->at)) < 0 ||
		    (rc = store_event_add(fu->st, "contacted", d->application_id, 0, 0, "%s",
		    d->reason)) < 0)
			return rc;
		return sent_replan(fu, d->application_id, now);
	case SENTMAIL_ACTIVITY:
		return store_event_add(fu->st, "activity", d->application_id, d->interview_id, 0,
		    "%s", d->reason);
	}
	return 0;
}

static int
take_sent(const struct followup *fu, const struct detection *d, time_t now,
		struct sentmail_result *out)
{
	struct sent_view v = { 0 };
	const char **to = xcalloc(d->nrecipients + 1, sizeof(*to));
	struct sentmail_envelope e = { .from = d->from.email, .to = to, .nto = d->nrecipients,
	    .date = d->has_date ? d->date : 0, .message_id = d->message_id };
	int rc;

	for (size_t i = 0; i < d->nrecipients; i++)
		to[i] = d->recipients[i].email;
	if ((rc = sent_view_read(fu, d, &v)) >= 0) {
		sentmail_decide(&e, &v.s, now, out);
		for (size_t i = 0; i < out->n && rc >= 0; i++)
			rc = sent_apply(fu, &out->v[i], now);
	}
	sent_view_free(&v);
	free(to);
	return rc < 0 ? rc : 0;
}

int
followup_take_sent(const struct followup *fu, const struct detection *d, time_t now,
		struct sentmail_result *out)
{
	bool own;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = tx_begin(fu->st, &own)) < 0)
		return rc;
	if ((rc = tx_end(fu->st, own, take_sent(fu, d, now, out))) < 0)
		sentmail_result_clear(out);
	return rc;
}

void
followup_taken_clear(struct followup_taken *t)
{
	free(t->held);
	free(t->unplaced);
	memset(t, 0, sizeof(*t));
}
