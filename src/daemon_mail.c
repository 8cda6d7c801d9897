/*
 * daemon_mail: each new mail a sync finds (watch.h): recognised
 * (recognise.h) outside the transaction, taken in (followup.h) inside it,
 * its seen record filled and a line logged; each mail the user sent
 * (the Sent folder: followup_take_sent, never job mail); and after the first full sync
 * since start, one paragraph that sums it up.  See daemon_p.h.
 */
#include "autoconfig.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "daemon_p.h"
#include "detect.h"
#include "followup.h"
#include "log.h"
#include "outbox.h"
#include "readneed.h"
#include "recognise.h"
#include "store.h"
#include "parties.h"
#include "util.h"

struct examined {
	bool ok;
	bool deferred;              /* not read at all: no parser (recognise.h) */
	struct detection d;
	char *text;                 /* new text of the mail (notes from a reply) */
	char *err;
	char *from;                 /* for the seen record */
	char *doubt;                /* for the seen record: why recognition
	                               could not place it (followup.h) */
};

/* The sender for the seen record, "Name <addr>". */
static void
examined_from(struct examined *ex)
{
	const struct detect_person *f = &ex->d.from;

	if (ex->ok)
		ex->from = parties_person_line(f->name, f->email);
}

/* A batch in as few parser round trips as recognise_many takes. */
static void
examine_many(void *arg, const struct watch_msg *m, size_t n, void **results)
{
	struct daemon *dm = arg;
	struct recognise_job *jobs = xcalloc(n + 1, sizeof(*jobs));

	for (size_t i = 0; i < n; i++) {
		jobs[i].raw = m[i].raw;
		jobs[i].len = m[i].len;
	}
	recognise_many(dm->rec, jobs, n, time(NULL), true);
	for (size_t i = 0; i < n; i++) {
		struct examined *ex = xcalloc(1, sizeof(*ex));

		ex->ok = jobs[i].rc == 0;
		ex->deferred = jobs[i].rc == RECOGNISE_UNAVAILABLE;
		ex->d = jobs[i].d;          /* moved: the job is not cleared */
		ex->text = jobs[i].text;
		ex->err = jobs[i].err;
		examined_from(ex);
		results[i] = ex;
	}
	free(jobs);
}

/* At -v: how the mail was read, by which rule, how sure and why. */
static void
log_reading(const struct watch_msg *m, const struct detection *d)
{
	struct buf b = { 0 };

	for (size_t i = 0; i < d->nreasons; i++)
		buf_addf(&b, "%s%s", i ? "; " : "", d->reasons[i]);
	log_info("%s/%" PRIu32 ": read as %s by rule %s, confidence %s: %s", m->folder, m->uid,
	    detect_kind_str(d->kind), d->rule ? d->rule : "?", detect_confidence_str(d->confidence),
	    b.data ? b.data : "");
	buf_free(&b);
}

/* What the seen record and the log say of a mail taken in (followup.h). */
static void
report(struct daemon *dm, const struct watch_msg *m, const struct detection *d,
		const struct followup_taken *t, time_t now, struct store_seen *seen)
{
	const struct track_result *tr = &t->track;

	seen->kind = t->kind;
	seen->application_id = tr->application_id;
	seen->interview_id = tr->interview_id;
	seen->outcome = t->outcome == FOLLOWUP_NOTES || t->outcome == FOLLOWUP_TRACKED ?
	    STORE_SEEN_HANDLED : STORE_SEEN_IGNORED;
	switch (t->outcome) {
	case FOLLOWUP_OWN:
		return;
	case FOLLOWUP_NOTES: {
		char *who = outbox_notes_summary(dm->ob, tr->interview_id);

		log_notice("notes added to interview %" PRId64 " from your reply (%s)",
		    tr->interview_id, who ? who : "?");
		free(who);
		return;
	}
	case FOLLOWUP_OTHER:
		if (t->unplaced != NULL)
			log_notice("%s/%" PRIu32 ": %s: \"%s\" from %s: nothing planned; "
			    "if it is an interview: followupctl unplaced", m->folder, m->uid,
			    t->unplaced, d->subject ? d->subject : "(no subject)",
			    d->from.email ? d->from.email : "(no sender)");
		else
			log_info("%s/%" PRIu32 ": not about an interview: %s", m->folder, m->uid,
			    d->subject ? d->subject : "(no subject)");
		return;
	case FOLLOWUP_TRACKED:
		break;
	}
	if (t->held)
		log_warn("%s/%" PRIu32 ": the mails of interview %" PRId64 " will be held: %s",
		    m->folder, m->uid, tr->interview_id, t->held);
	if (!dm->synced && tr->interview_new) {
		dm->first_interviews++;
		dm->first_upcoming += d->has_start && (d->has_end ? d->end : d->start + 3600) > now;
	}
	log_notice("%s/%" PRIu32 ": %s%s%s \"%s\"%s", m->folder, m->uid,
	    t->kind, d->company ? " from " : "", d->company ? d->company : "",
	    d->subject ? d->subject : "",
	    tr->interview_new ? ": new interview" : tr->interview_moved ? ": interview moved" :
	    tr->interview_cancelled ? ": interview cancelled" :
	    tr->application_id == 0 ? ": matches no application" : "");
	if (t->placed)
		log_notice("%s/%" PRIu32 ": places %d unplaced mail(s) of its thread: they leave "
		    "followupctl unplaced", m->folder, m->uid, t->placed);
}

static int
record(void *arg, struct store *st, const struct watch_msg *m, void *result,
		struct store_seen *seen)
{
	struct daemon *dm = arg;
	struct examined *ex = result;
	const struct detection *d = &ex->d;
	struct followup fu = { st, dm->cfg, dm->ob };
	struct followup_taken t;
	time_t now = time(NULL);
	int rc;

	if (!dm->synced)
		dm->first_read++;
	if (!ex->ok) {
		seen->outcome = STORE_SEEN_UNREADABLE;
		seen->kind = "unreadable";
		log_warn("%s/%" PRIu32 ": unreadable mail skipped: %s", m->folder, m->uid, ex->err);
		return store_event_add(st, "unreadable", 0, 0, 0, "%s UID %" PRIu32 ": %s",
		    m->folder, m->uid, ex->err);
	}
	seen->message_id = d->message_id;
	seen->subject = d->subject;
	seen->from = ex->from;
	seen->date = d->has_date ? d->date : 0;
	log_reading(m, d);
	/* The decisions are part of the same transaction as the mail.  The
	 * review digest's own mails and the replies to them first. */
	if ((rc = daemon_digest_take(dm, st, d, ex->text, now, seen)) != 0)
		return rc < 0 ? rc : 0;
	if ((rc = followup_take_mail(&fu, d, ex->text, now, &t)) < 0)
		return rc;
	report(dm, m, d, &t, now, seen);
	/* The seen record is written after this returns: it keeps the doubt. */
	free(ex->doubt);
	seen->doubt = ex->doubt = t.unplaced;
	t.unplaced = NULL;
	followup_taken_clear(&t);
	return 0;
}

/* The log line of one decision on the user's own mail. */
static void
report_sent(const struct watch_msg *m, const struct sentmail_decision *d)
{
	switch (d->act) {
	case SENTMAIL_SUPERSEDE:
		log_notice("%s/%" PRIu32 ": mail %" PRId64 " cancelled: %s", m->folder, m->uid,
		    d->mail_id, d->reason);
		break;
	case SENTMAIL_CONTACTED:
		log_notice("%s/%" PRIu32 ": application %" PRId64 ": %s", m->folder, m->uid,
		    d->application_id, d->reason);
		break;
	case SENTMAIL_KEEP:
	case SENTMAIL_ACTIVITY:
		log_info("%s/%" PRIu32 ": %s", m->folder, m->uid, d->reason);
		break;
	case SENTMAIL_NOTHING:
		log_debug("%s/%" PRIu32 ": %s", m->folder, m->uid, d->reason);
		break;
	}
}

/* A mail in the Sent folder: the user's own, never job mail (sentmail.h). */
static int
record_sent(void *arg, struct store *st, const struct watch_msg *m, void *result,
		struct store_seen *seen)
{
	struct daemon *dm = arg;
	struct examined *ex = result;
	struct followup fu = { st, dm->cfg, dm->ob };
	struct sentmail_result r;
	int rc;

	seen->kind = "sent";
	seen->outcome = STORE_SEEN_IGNORED;
	if (!ex->ok) {
		log_warn("%s/%" PRIu32 ": unreadable mail of yours skipped: %s", m->folder,
		    m->uid, ex->err);
		return 0;
	}
	seen->message_id = ex->d.message_id;
	seen->subject = ex->d.subject;
	seen->from = ex->from;
	seen->date = ex->d.has_date ? ex->d.date : 0;
	if ((rc = followup_take_sent(&fu, &ex->d, time(NULL), &r)) < 0)
		return rc;
	for (size_t i = 0; i < r.n; i++) {
		report_sent(m, &r.v[i]);
		if (r.v[i].act != SENTMAIL_NOTHING) {
			seen->outcome = STORE_SEEN_HANDLED;
			if (seen->application_id == 0) {
				seen->application_id = r.v[i].application_id;
				seen->interview_id = r.v[i].interview_id;
			}
		}
	}
	sentmail_result_clear(&r);
	return 0;
}

/* The parser could not be started for it: why (watch reads it again at
 * the next sync instead of giving it up as unreadable). */
static const char *
not_examined(void *arg, void *result)
{
	const struct examined *ex = result;

	(void)arg;
	return ex != NULL && ex->deferred ? (ex->err ? ex->err : "no parser") : NULL;
}

static void
release(void *arg, void *result)
{
	struct examined *ex = result;

	(void)arg;
	detection_free(&ex->d);
	free(ex->text);
	free(ex->err);
	free(ex->from);
	free(ex->doubt);
	free(ex);
}

/* Only the mails whose text can matter are read whole (readneed.h): the
 * first start does not download the text of every newsletter. */
static bool
wants_contents(void *arg, const char *header, size_t len, bool calendar_maybe)
{
	struct daemon *dm = arg;

	return readneed_contents(header, len, calendar_maybe,
	    (const char *const *)dm->cfg->me.addresses, dm->cfg->me.naddresses);
}

struct watch_handler
daemon_mail_handler(struct daemon *dm)
{
	return (struct watch_handler){ NULL, examine_many, record, release, dm, false, wants_contents,
	    not_examined };
}

struct watch_handler
daemon_sent_handler(struct daemon *dm)
{
	return (struct watch_handler){ NULL, examine_many, record_sent, release, dm, true, NULL,
	    not_examined };
}

/* A hold reason in a word or two, told by how its text starts (the texts
 * are plan.c's and track.c's), in the order the first-start summary
 * lists them; a held mail without a reason waits because of review mode. */
static const struct {
	const char *label;
	const char *prefix[2];
} hold_kinds[] = {
	{ "found late", { "found late" } },
	{ "sender checks failed", { "the invite failed the sender checks" } },
	{ "sender outside the organisation", { "the sender (" } },
	{ "low confidence", { "low confidence" } },
	{ "company or role in doubt", { "the company read as", "the role read as" } },
	{ "may have moved", { "an update to an invite followupd never saw",
	    "a new time in the thread" } },
	{ "rejected before the interview", { "the application was rejected before",
	    "no interview had taken place" } },
	{ "thanks through the contact", { "no address is known" } },
	{ "for review", { NULL } },
	{ "other", { NULL } },
};
enum { HOLD_FOR_REVIEW = ARRAY_LEN(hold_kinds) - 2, HOLD_OTHER = ARRAY_LEN(hold_kinds) - 1 };

static size_t
hold_kind(const char *reason)
{
	if (reason == NULL)
		return HOLD_FOR_REVIEW;
	for (size_t k = 0; k < HOLD_FOR_REVIEW; k++)
		for (size_t j = 0; j < ARRAY_LEN(hold_kinds[k].prefix) && hold_kinds[k].prefix[j]; j++)
			if (str_has_prefix(reason, hold_kinds[k].prefix[j]))
				return k;
	return HOLD_OTHER;
}

/*
 * After the first full sync since start, one paragraph: "first start: 214
 * mails read, 3 interviews found (1 upcoming, 2 over), 5 mails planned:
 * 4 held (found late), 1 pending".
 */
void
daemon_first_summary(struct daemon *dm)
{
	size_t held[ARRAY_LEN(hold_kinds)] = { 0 }, nheld = 0, pending = 0, kinds = 0;
	struct store_outbox_row *rows = NULL;
	struct buf b = { 0 };
	size_t n = 0;

	if (store_outbox_list(dm->st, NULL, &rows, &n) < 0)
		n = 0;
	for (size_t i = 0; i < n; i++) {
		if (rows[i].m.created < (int64_t)dm->started)
			continue;
		if (rows[i].m.status == MAIL_HELD) {
			kinds += held[hold_kind(rows[i].m.hold_reason)]++ == 0;
			nheld++;
		} else if (rows[i].m.status != MAIL_CANCELLED)
			pending++;      /* pending, or already on its way */
	}
	store_outbox_rows_free(rows, n);
	buf_addf(&b, "%s: %zu mail(s) read, %zu interview(s) found (%zu upcoming, %zu over), "
	    "%zu mail(s) planned", dm->first_ever ? "first start" : "catch-up since the last run",
	    dm->first_read, dm->first_interviews, dm->first_upcoming,
	    dm->first_interviews - dm->first_upcoming, nheld + pending);
	if (nheld + pending)
		buf_adds(&b, ":");
	if (nheld) {
		buf_addf(&b, " %zu held (", nheld);
		for (size_t k = 0, shown = 0; k < ARRAY_LEN(hold_kinds); k++) {
			if (held[k] == 0)
				continue;
			if (kinds > 1)
				buf_addf(&b, "%s%zu %s", shown++ ? ", " : "", held[k], hold_kinds[k].label);
			else
				buf_adds(&b, hold_kinds[k].label);
		}
		buf_addf(&b, ")%s", pending ? "," : "");
	}
	if (pending)
		buf_addf(&b, " %zu pending", pending);
	log_notice("%s", b.data);
	buf_free(&b);
}
