/*
 * daemon_digest: the review digest (digest.h) and the answers to replies
 * to it, the daemon's side: which mails wait (held, or of unknown
 * outcome), when the next digest is due (the digest timer), the digest
 * composed and sent to me.addresses[0] over the outbox's SMTP path
 * (daemon_send.c; never copied to Sent), and each mail a sync finds that
 * is one of followupd's own digests or answers (ignored) or a reply in a
 * digest's thread (checked, applied through review.h, answered).  See
 * daemon_p.h.
 */
#include "autoconfig.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "compose.h"
#include "daemon_p.h"
#include "detect.h"
#include "digest.h"
#include "log.h"
#include "message.h"
#include "plan.h"
#include "review.h"
#include "store.h"
#include "utf8.h"
#include "util.h"

/* A failed digest or answer is tried again after this long. */
#define DIGEST_RETRY 300
/* An answer that could not be sent for this long is given up. */
#define DIGEST_ANSWER_GIVE_UP 86400

/* ---- the waiting mails ---- */

struct waiting {
	struct store_outbox_row *rows;
	size_t n;
	struct digest_waiting *w;
};

static void
waiting_free(struct waiting *wt)
{
	store_outbox_rows_free(wt->rows, wt->n);
	free(wt->w);
	memset(wt, 0, sizeof(*wt));
}

/* The mails that wait for the user, with their latest moment and whether
 * a digest listed them.  0 or a negative store code. */
static int
waiting_load(struct daemon *dm, struct waiting *wt)
{
	struct store_outbox_filter f = {
		.status_mask = STORE_BIT(MAIL_HELD) | STORE_BIT(MAIL_UNKNOWN),
	};
	int rc;

	memset(wt, 0, sizeof(*wt));
	if ((rc = store_outbox_list(dm->st, &f, &wt->rows, &wt->n)) < 0)
		return rc;
	wt->w = xcalloc(wt->n ? wt->n : 1, sizeof(*wt->w));
	for (size_t i = 0; i < wt->n; i++) {
		const struct mail *m = &wt->rows[i].m;
		struct interview iv = { 0 };
		time_t end = 0;

		if (m->interview_id && store_interview_get(dm->st, m->interview_id, &iv) == 1)
			end = (time_t)(iv.end ? iv.end : iv.start);
		interview_clear(&iv);
		wt->w[i].id = m->id;
		wt->w[i].due = (time_t)m->due;
		wt->w[i].latest = plan_latest(dm->cfg, m->kind, end, (time_t)m->due);
		if ((rc = store_digest_ever_listed(dm->st, m->id)) < 0) {
			waiting_free(wt);
			return rc;
		}
		wt->w[i].listed = rc > 0;
	}
	return 0;
}

/* When the next digest is due (0: none), and why. */
static struct digest_when
digest_when_now(struct daemon *dm, time_t now, struct waiting *wt)
{
	struct store_digest last = { 0 };
	struct digest_when w = { DIGEST_NONE, 0, 0 };

	memset(wt, 0, sizeof(*wt));
	if (!dm->cfg->review.digest || waiting_load(dm, wt) < 0)
		return w;
	if (store_digest_last(dm->st, &last) >= 0)
		w = digest_next(dm->cfg, wt->w, wt->n, (time_t)last.sent_at, now);
	store_digest_clear(&last);
	return w;
}

void
daemon_digest_schedule(struct daemon *dm)
{
	struct waiting wt;
	struct digest_when w = digest_when_now(dm, time(NULL), &wt);
	struct store_digest *ans = NULL;
	size_t nans = 0;
	time_t at = w.why == DIGEST_NONE ? 0 : w.at;

	waiting_free(&wt);
	if (store_digest_unsent_answers(dm->st, &ans, &nans) == 0 && nans > 0)
		at = time(NULL);
	store_digests_free(ans, nans);
	if (at == 0) {
		timer_disarm(&dm->t.digest);
		return;
	}
	if (at < dm->digest_retry)
		at = dm->digest_retry;
	if (timer_armed(&dm->t.smtp_pause) && at < timer_due(&dm->t.smtp_pause))
		at = timer_due(&dm->t.smtp_pause);
	timer_arm(&dm->t.digest, at);
}

/* ---- composing ---- */

static bool
utf8_ok(const char *s)
{
	const unsigned char *p = (const unsigned char *)s, *e = p + strlen(s);

	while (p < e) {
		size_t l = utf8_seq(p, (size_t)(e - p));

		if (l == 0)
			return false;
		p += l;
	}
	return true;
}

/* A single text/plain part in 7bit, 8bit or quoted-printable (what
 * compose writes): its text decoded and unflowed, or NULL. */
static char *
wire_text(const struct mail *m, const struct message *msg)
{
	const char *raw = (const char *)m->rendered, *end = raw + m->rendered_len, *body;
	const char *ctype = message_header(msg, "Content-Type");
	const char *cte = message_header(msg, "Content-Transfer-Encoding");
	bool qp = cte && strncasecmp(cte, "quoted-printable", 16) == 0;
	char *text;

	if (ctype == NULL || strncasecmp(ctype, "text/plain", 10) != 0 ||
	    (cte && !qp && strncasecmp(cte, "7bit", 4) != 0 && strncasecmp(cte, "8bit", 4) != 0))
		return NULL;
	for (body = raw; body + 1 < end; body++)
		if (body[0] == '\n' && (body[1] == '\n' || (body[1] == '\r' && body + 2 < end &&
		    body[2] == '\n')))
			break;
	if (body + 1 >= end)
		return NULL;
	body += body[1] == '\n' ? 2 : 3;
	text = digest_wire_text(body, (size_t)(end - body), qp);
	if (text && !utf8_ok(text)) {
		free(text);
		text = NULL;
	}
	return text;
}

/* The text and subject a mail's bytes would show its reader (caller
 * frees both).  The bytes are followupd's own composition (or the user's
 * edit of it), read by the bounded parser with its default limits; what
 * is not one plain part (an edit made it so) is shown as the parser reads
 * it. */
static char *
mail_text(const struct mail *m, char **subject)
{
	struct message *msg;
	char *text;

	*subject = NULL;
	if (m->rendered == NULL)
		return NULL;
	msg = message_parse((const char *)m->rendered, m->rendered_len, NULL);
	if ((text = wire_text(m, msg)) == NULL)
		text = message_body_text(msg);
	*subject = xstrdup(msg->subject ? msg->subject : "");
	message_free(msg);
	return text;
}

/* The bytes of a mail from followupd to the user (subject, body), in
 * reply to in_reply_to (NULL: none) with references.  0, or -1 logged. */
static int
compose_to_me(struct daemon *dm, const char *subject, const char *body,
		const char *in_reply_to, const char *references, time_t now,
		struct buf *out, char **msgid)
{
	const struct config *cfg = dm->cfg;
	struct compose_addr to = { cfg->me.name, cfg->me.addresses[0] };
	struct compose_mail cm = {
		.from_name = "followupd", .from_addr = cfg->me.addresses[0],
		.to = &to, .nto = 1, .subject = subject, .body = body,
		.in_reply_to = in_reply_to, .references = references,
		.date = now, .timezone = cfg->me.timezone,
	};
	char *err = NULL;

	if (compose_build(&cm, out, msgid, &err) < 0) {
		log_err("digest: cannot compose \"%s\": %s", subject, err);
		free(err);
		return -1;
	}
	return 0;
}

/* The digest's body for the waiting mails. */
static char *
digest_body(struct daemon *dm, const struct waiting *wt, time_t now)
{
	struct digest_item *items = xcalloc(wt->n ? wt->n : 1, sizeof(*items));
	char **texts = xcalloc(wt->n ? wt->n : 1, sizeof(*texts));
	char **subjects = xcalloc(wt->n ? wt->n : 1, sizeof(*subjects));
	struct store_unplaced *un = NULL;
	struct digest_unplaced *ui;
	size_t nun = 0;
	char *body;

	for (size_t i = 0; i < wt->n; i++) {
		const struct store_outbox_row *r = &wt->rows[i];

		texts[i] = mail_text(&r->m, &subjects[i]);
		items[i] = (struct digest_item){
			r->m.id, r->m.kind, r->m.status, r->m.recipient_name, r->m.recipient_email,
			subjects[i] ? subjects[i] : r->m.subject, texts[i], r->m.hold_reason,
			r->company, r->role, (time_t)r->m.due, wt->w[i].latest,
		};
	}
	/* The job mails not placed ride along (a store error drops only them). */
	if (store_unplaced_list(dm->st, now, false, &un, &nun) < 0) {
		log_warn("digest: cannot list the unplaced mails: %s", store_errmsg(dm->st));
		nun = 0;
	}
	ui = xcalloc(nun ? nun : 1, sizeof(*ui));
	for (size_t i = 0; i < nun; i++)
		ui[i] = (struct digest_unplaced){ un[i].id, un[i].from, un[i].subject,
		    (time_t)un[i].date };
	body = digest_text(items, wt->n, ui, nun, dm->cfg->me.timezone, now);
	store_unplaced_free(un, nun);
	free(ui);
	for (size_t i = 0; i < wt->n; i++) {
		free(texts[i]);
		free(subjects[i]);
	}
	free(subjects);
	free(texts);
	free(items);
	return body;
}

/* ---- sending ---- */

/* One mail to me.addresses[0]; the SMTP outcome (detail logged). */
static enum smtp_result
send_to_me(struct daemon *dm, const char *what, const struct buf *b)
{
	const char *rcpt = dm->cfg->me.addresses[0];
	char *detail = NULL;
	enum smtp_result r = daemon_smtp_send(dm, rcpt, &rcpt, 1, b->data, b->len, NULL, &detail);

	if (r != SMTP_OK)
		log_warn("%s: not sent: %s", what, detail ? detail : smtp_result_name(r));
	free(detail);
	return r;
}

static void
send_failed(struct daemon *dm, enum smtp_result r, time_t now, bool *auth_failed)
{
	dm->digest_retry = now + DIGEST_RETRY;
	if (r == SMTP_AUTHFAIL)
		*auth_failed = true;
}

/* The answers to replies that wait to go. */
static void
send_answers(struct daemon *dm, time_t now, bool *auth_failed)
{
	struct store_digest *ans = NULL;
	size_t n = 0;

	if (store_digest_unsent_answers(dm->st, &ans, &n) < 0)
		log_err("digest: %s", store_errmsg(dm->st));
	for (size_t i = 0; i < n && !*auth_failed; i++) {
		struct buf b = { (char *)ans[i].rendered, ans[i].rendered_len, ans[i].rendered_len };
		enum smtp_result r = send_to_me(dm, "the answer to your reply", &b);

		if (r == SMTP_OK || r == SMTP_UNKNOWN || r == SMTP_PERMFAIL ||
		    now - (time_t)ans[i].created > DIGEST_ANSWER_GIVE_UP) {
			if (r == SMTP_OK)
				log_notice("digest %" PRId64 ": answer sent to %s", ans[i].answers,
				    dm->cfg->me.addresses[0]);
			else
				log_warn("digest %" PRId64 ": the answer is given up", ans[i].answers);
			if (store_digest_sent(dm->st, ans[i].id, now) < 0) {
				log_err("digest: %s", store_errmsg(dm->st));
				dm->digest_retry = now + DIGEST_RETRY;
			}
		} else
			send_failed(dm, r, now, auth_failed);
	}
	store_digests_free(ans, n);
}

/* "1, 2, 5" */
static char *
id_list(const struct waiting *wt)
{
	struct buf b = { 0 };

	for (size_t i = 0; i < wt->n; i++)
		buf_addf(&b, "%s%" PRId64, i ? ", " : "", wt->rows[i].m.id);
	return buf_steal(&b);
}

/* Record, send and mark the digest of the waiting mails. */
static void
send_digest(struct daemon *dm, const struct waiting *wt, const struct digest_when *w,
		time_t now, bool *auth_failed)
{
	struct store_digest last = { 0 };
	struct buf b = { 0 };
	char *subject = digest_subject(wt->n), *body = digest_body(dm, wt, now);
	char *msgid = NULL, *ids = id_list(wt);
	int64_t *mails = xcalloc(wt->n, sizeof(*mails)), id = 0;
	enum smtp_result r;

	for (size_t i = 0; i < wt->n; i++)
		mails[i] = wt->rows[i].m.id;
	if (store_digest_last(dm->st, &last) < 0 ||
	    compose_to_me(dm, subject, body, last.message_id, NULL, now, &b, &msgid) < 0 ||
	    store_digest_add(dm->st, msgid, 0, mails, wt->n, NULL, 0, &id) < 0) {
		log_err("digest: %s", store_errmsg(dm->st));
		dm->digest_retry = now + DIGEST_RETRY;
		goto out;
	}
	r = send_to_me(dm, "the review digest", &b);
	if (r == SMTP_OK || r == SMTP_UNKNOWN) {
		/* Unknown: it may have left; a second one would be noise. */
		if (store_digest_sent(dm->st, id, now) < 0 ||
		    store_event_add(dm->st, "digest", 0, 0, 0, "digest %" PRId64 " %s to %s (%s): "
		    "mail(s) %s", id, r == SMTP_OK ? "sent" : "may have left", dm->cfg->me.addresses[0],
		    w->why == DIGEST_NEW ? "new mails wait" : "a mail's latest moment comes near",
		    ids) < 0) {
			/* Not known as sent: wait, or it would go again at once. */
			log_err("digest: %s", store_errmsg(dm->st));
			dm->digest_retry = now + DIGEST_RETRY;
		}
		log_notice("review digest %" PRId64 " sent to %s: %zu waiting mail(s) (%s)", id,
		    dm->cfg->me.addresses[0], wt->n, ids);
	} else {
		if (store_digest_delete(dm->st, id) < 0)
			log_err("digest: %s", store_errmsg(dm->st));
		send_failed(dm, r, now, auth_failed);
	}
out:
	store_digest_clear(&last);
	buf_free(&b);
	free(mails);
	free(ids);
	free(msgid);
	free(body);
	free(subject);
}

void
daemon_digest_round(struct daemon *dm, time_t now, bool *auth_failed)
{
	struct waiting wt;
	struct digest_when w;

	if (now < dm->digest_retry)
		return;
	send_answers(dm, now, auth_failed);
	if (*auth_failed)
		return;
	w = digest_when_now(dm, now, &wt);
	if (w.why != DIGEST_NONE && w.at <= now && wt.n > 0)
		send_digest(dm, &wt, &w, now, auth_failed);
	waiting_free(&wt);
}

/* ---- a mail in a digest's thread ---- */

/* The digest (not an answer) the mail's In-Reply-To or References name,
 * In-Reply-To first, then References from the last: 1 and *dg, 0, or < 0. */
static int
find_digest(struct store *st, const struct detection *d, struct store_digest *dg)
{
	int rc = store_digest_by_message_id(st, d->in_reply_to, dg);

	if (rc != 0 && (rc < 0 || dg->answers == 0))
		return rc;
	store_digest_clear(dg);
	for (size_t i = d->nreferences; i-- > 0;) {
		if ((rc = store_digest_by_message_id(st, d->references[i], dg)) < 0)
			return rc;
		if (rc == 1 && dg->answers == 0)
			return 1;
		store_digest_clear(dg);
	}
	return 0;
}

/* The mails digest dg listed, as they stand now. */
static int
load_targets(struct store *st, int64_t digest, struct digest_target **t, size_t *n)
{
	int64_t *ids = NULL;
	int rc = store_digest_mails(st, digest, &ids, n);

	*t = xcalloc(*n ? *n : 1, sizeof(**t));
	for (size_t i = 0; rc >= 0 && i < *n; i++) {
		struct mail m = { 0 };

		(*t)[i].id = ids[i];
		(*t)[i].status = MAIL_CANCELLED;        /* gone: nothing allowed */
		if ((rc = store_outbox_get(st, ids[i], &m)) == 1)
			(*t)[i].status = m.status;
		mail_clear(&m);
		if (rc >= 0)
			rc = store_digest_applied(st, digest, ids[i]);
		(*t)[i].applied = rc > 0;
	}
	free(ids);
	return rc < 0 ? rc : 0;
}

/* Why the reply d (text) to dg cannot act at all, or NULL with *steps. */
static char *
reply_check(struct daemon *dm, struct store *st, const struct detection *d, const char *text,
		const struct store_digest *dg, struct digest_step **steps, size_t *nsteps)
{
	struct digest_commands *cmds = xcalloc(1, sizeof(*cmds));
	struct digest_target *t = NULL;
	size_t nt = 0;
	char *why = NULL;

	if (!dm->cfg->review.digest)
		why = xstrdup("review.digest is off: replies to digests are not acted on");
	else if ((why = digest_distrust(dm->cfg, d->from.email, d->auth)) != NULL)
		;
	else if (d->message_id && store_seen_message_id(st, d->message_id) == 1)
		why = xstrdup("this reply was read before (a copy delivered again)");
	else if (digest_parse_reply(text, cmds, &why) < 0)
		;
	else if (cmds->n == 0)
		why = xstrdup("it holds no command");
	else if (load_targets(st, dg->id, &t, &nt) < 0)
		why = xasprintf("the store failed: %s", store_errmsg(st));
	else
		(void)digest_resolve(cmds, t, nt, steps, nsteps, &why);
	free(t);
	free(cmds);
	return why;
}

/* Queue followupd's answer to reply d in dg's thread (at most
 * DIGEST_MAX_ANSWERS per digest).  0 or a negative store code. */
static int
queue_answer(struct daemon *dm, struct store *st, const struct detection *d,
		const struct store_digest *dg, const char *body, time_t now)
{
	bool reply_ok = d->message_id && compose_msgid_valid(d->message_id);
	struct buf b = { 0 };
	char *msgid = NULL;
	int64_t count = 0, id;
	int rc;

	if ((rc = store_digest_answer_count(st, dg->id, &count)) < 0)
		return rc;
	if (count >= DIGEST_MAX_ANSWERS) {
		log_warn("digest %" PRId64 ": %d answers already; no more", dg->id,
		    DIGEST_MAX_ANSWERS);
		return 0;
	}
	if (compose_to_me(dm, "followupd: your reply to the digest", body,
	    reply_ok ? d->message_id : dg->message_id, reply_ok ? dg->message_id : NULL, now,
	    &b, &msgid) < 0)
		return 0;
	rc = store_digest_add(st, msgid, dg->id, NULL, 0, b.data, b.len, &id);
	buf_free(&b);
	free(msgid);
	return rc < 0 ? rc : 0;
}

/* Log and record what a reply did. */
static int
reply_report(struct store *st, const struct detection *d, const struct store_digest *dg,
		const struct digest_step *steps, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (steps[i].refused)
			log_warn("reply to digest %" PRId64 ": %s %" PRId64 " refused: %s", dg->id,
			    digest_verb_name(steps[i].verb), steps[i].id, steps[i].refused);
		else
			log_notice("reply to digest %" PRId64 ": %s %" PRId64 " done", dg->id,
			    digest_verb_name(steps[i].verb), steps[i].id);
	}
	return store_event_add(st, "digest-reply", 0, 0, 0, "reply %s to digest %" PRId64
	    " read: %zu step(s)", d->message_id ? d->message_id : "(no Message-ID)", dg->id, n);
}

/* A reply in digest dg's thread: checked, applied, answered. */
static int
take_reply(struct daemon *dm, struct store *st, const struct detection *d, const char *text,
		const struct store_digest *dg, time_t now, struct store_seen *seen)
{
	struct digest_step *steps = NULL;
	size_t n = 0;
	char *why = reply_check(dm, st, d, text, dg, &steps, &n), *body;
	int rc;

	seen->kind = "digest-reply";
	seen->outcome = why ? STORE_SEEN_IGNORED : STORE_SEEN_HANDLED;
	if (why) {
		log_warn("reply %s to digest %" PRId64 " (From %s) ignored: %s",
		    d->message_id ? d->message_id : "(no Message-ID)", dg->id,
		    d->from.email ? d->from.email : "?", why);
		rc = store_event_add(st, "digest-reply", 0, 0, 0, "reply %s to digest %" PRId64
		    " from %s refused: %s", d->message_id ? d->message_id : "(no Message-ID)",
		    dg->id, d->from.email ? d->from.email : "?", why);
	} else if ((rc = review_digest_reply(st, dg->id, d->message_id, steps, n, now)) == 0)
		rc = reply_report(st, d, dg, steps, n);
	else
		rc = STORE_ERR;
	body = digest_answer_text(steps, n, why);
	if (rc >= 0 && dm->cfg->review.digest)  /* off: no mail about it either */
		rc = queue_answer(dm, st, d, dg, body, now);
	free(body);
	free(why);
	digest_steps_free(steps, n);
	return rc < 0 ? rc : 1;
}

/* The user's own mail with digest commands, outside any digest's thread. */
static int
stray_commands(struct daemon *dm, struct store *st, const struct detection *d,
		const char *text)
{
	struct digest_commands *cmds = xcalloc(1, sizeof(*cmds));
	char *err = NULL;
	int rc = 0;

	if (d->from.email && plan_is_me(dm->cfg, d->from.email) &&
	    (digest_parse_reply(text, cmds, &err) < 0 || cmds->n > 0)) {
		log_warn("mail %s from you reads like an answer to a digest but is in no "
		    "digest's thread: ignored", d->message_id ? d->message_id : "(no Message-ID)");
		rc = store_event_add(st, "digest-reply", 0, 0, 0, "mail %s from %s refused: "
		    "it is in no digest's thread (In-Reply-To/References)",
		    d->message_id ? d->message_id : "(no Message-ID)", d->from.email);
	}
	free(err);
	free(cmds);
	return rc;
}

int
daemon_digest_take(struct daemon *dm, struct store *st, const struct detection *d,
		const char *text, time_t now, struct store_seen *seen)
{
	struct store_digest dg = { 0 };
	int rc = store_digest_by_message_id(st, d->message_id, &dg);

	if (rc == 1) {
		/* followupd's own digest or answer, back in a watched folder. */
		log_info("mail %s is followupd's own %s: ignored", d->message_id,
		    dg.answers ? "answer" : "review digest");
		seen->kind = "digest";
		seen->outcome = STORE_SEEN_IGNORED;
		store_digest_clear(&dg);
		return 1;
	}
	if (rc == 0 && (rc = find_digest(st, d, &dg)) == 0)
		rc = stray_commands(dm, st, d, text);
	else if (rc == 1)
		rc = take_reply(dm, st, d, text, &dg, now, seen);
	store_digest_clear(&dg);
	return rc;
}
