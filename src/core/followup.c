/* followup: the use cases, each one transaction (see followup.h). */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "followup.h"
#include "util.h"
#include "parties.h"
#include "plan.h"

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
	return (struct track_me){ (const char *const *)cfg->me.addresses, cfg->me.naddresses };
}

int
followup_add_interview(const struct followup *fu, const struct interview_facts *f,
		time_t now, struct track_result *res)
{
	struct track_me me = me_of(fu->cfg);
	bool own;
	int rc;

	memset(res, 0, sizeof(*res));
	if ((rc = tx_begin(fu->st, &own)) < 0)
		return rc;
	rc = track_interview(fu->st, f, &me, res);
	if (rc >= 0 && res->interview_id)
		rc = outbox_plan_interview(fu->ob, res->interview_id, now);
	return tx_end(fu->st, own, rc < 0 ? rc : 0);
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

/* Nobody but the user decides whom the account mails: an invite the
 * provider found forged, or from outside the interviewers' organisation,
 * has its mails held. */
static int
hold_if_distrusted(const struct followup *fu, const struct detection *d,
		const struct track_me *me, struct followup_taken *out)
{
	const struct track_result *tr = &out->track;
	char *why;
	int rc = 0;

	if (tr->interview_id == 0 || !(tr->interview_new || tr->changed) ||
	    (d->kind != DETECT_INTERVIEW && d->kind != DETECT_UPDATE))
		return 0;
	if ((why = track_distrust(d, me)) == NULL)
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

	if (tr->interview_id == 0 || !(tr->interview_new || tr->changed) ||
	    (d->kind != DETECT_INTERVIEW && d->kind != DETECT_UPDATE))
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

	if (tr->interview_id && (tr->interview_new || tr->interview_moved) &&
	    (rc = outbox_plan_interview(fu->ob, tr->interview_id, now)) < 0)
		return rc;
	if (d->kind == DETECT_REJECTION && tr->application_id) {
		/* The feedback request goes to whoever wrote, unless nobody
		 * reads that address; then to the contact of the interview. */
		bool human = !parties_is_robot(d->from.email);

		rc = outbox_plan_rejection(fu->ob, tr->application_id, tr->interview_id,
		    human ? d->from.name : NULL, human ? d->from.email : NULL,
		    d->has_date && d->date < now ? d->date : now, now);
		if (rc < 0)
			return rc;
	}
	return 0;
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
	if (as.kind == DETECT_OTHER)
		return 0;
	if ((rc = track_apply(fu->st, &as, &me, &out->track)) < 0 ||
	    (rc = hold_if_distrusted(fu, &as, &me, out)) < 0 ||
	    (rc = record_confidence(fu, &as, out)) < 0)
		return rc;
	out->outcome = FOLLOWUP_TRACKED;
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

void
followup_taken_clear(struct followup_taken *t)
{
	free(t->held);
	memset(t, 0, sizeof(*t));
}
