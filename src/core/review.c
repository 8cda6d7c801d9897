/* review: the user's decisions on mails, one transaction each.  See review.h. */
#include <stdlib.h>
#include <string.h>

#include "review.h"
#include "track.h"
#include "util.h"

/* End the use case's transaction: commit on REVIEW_OK, else roll back
 * (a rollback leaves store_errmsg() as the failure set it). */
static enum review_result
finish(struct store *st, enum review_result r)
{
	if (r == REVIEW_OK && store_commit(st) < 0)
		r = REVIEW_ERROR;
	if (r != REVIEW_OK)
		store_rollback(st);
	return r;
}

/* Why a status move did not happen: the mail is gone, or its status was
 * not one the action starts from. */
static enum review_result
why_not(struct store *st, int64_t id, enum mail_status *was)
{
	struct mail m = { 0 };
	int rc = store_outbox_get(st, id, &m);

	if (rc == 1 && was)
		*was = m.status;
	mail_clear(&m);
	return rc < 0 ? REVIEW_ERROR : rc == 0 ? REVIEW_NO_MAIL : REVIEW_REFUSED;
}

/* The one target of a user's decision: approve -> pending, hold -> held,
 * cancel -> cancelled; MAIL_STATUS_COUNT when the action has not one. */
static enum mail_status
decide_target(enum mail_action action)
{
	unsigned to = mail_action_to(action);
	enum mail_status target = MAIL_PENDING;

	while (target < MAIL_STATUS_COUNT && !(to & MODEL_BIT(target)))
		target++;
	if (target == MAIL_STATUS_COUNT || (to & ~MODEL_BIT(target)) != 0)
		return MAIL_STATUS_COUNT;
	return target;
}

/* In the open transaction: the move and its event ("mail ID: ACTION
 * HOW (now STATUS)").  1 done, 0 its status did not allow it, or < 0. */
static int
decide_in(struct store *st, int64_t id, enum mail_action action, enum mail_status target,
		const char *how)
{
	int rc = store_outbox_transition(st, id, mail_action_from(action), target);

	if (rc <= 0)
		return rc;
	if (store_event_add(st, mail_action_name(action), 0, 0, id, "mail %lld: %s %s (now %s)",
	    (long long)id, mail_action_name(action), how, mail_status_name(target)) < 0)
		return STORE_ERR;
	return 1;
}

enum review_result
review_decide(struct store *st, int64_t id, enum mail_action action,
		enum mail_status *now_status, enum mail_status *was)
{
	enum mail_status target = decide_target(action);
	int rc;

	if (target == MAIL_STATUS_COUNT)
		return REVIEW_REFUSED;
	if (now_status)
		*now_status = target;
	if (store_begin(st) < 0)
		return REVIEW_ERROR;
	rc = decide_in(st, id, action, target, "by hand");
	if (rc < 0)
		return finish(st, REVIEW_ERROR);
	if (rc == 0)
		return finish(st, why_not(st, id, was));
	return finish(st, REVIEW_OK);
}

int
review_held(struct store *st, int64_t interview, int64_t **ids, size_t *n)
{
	struct store_outbox_filter f = {
		.status_mask = STORE_BIT(MAIL_HELD), .interview_id = interview,
	};
	struct store_outbox_row *rows = NULL;
	size_t nrows = 0;

	*ids = NULL;
	*n = 0;
	if (store_outbox_list(st, &f, &rows, &nrows) < 0)
		return REVIEW_ERROR;
	if (nrows > 0)
		*ids = xcalloc(nrows, sizeof(**ids));
	for (size_t i = 0; i < nrows; i++)
		(*ids)[i] = rows[i].m.id;
	*n = nrows;
	store_outbox_rows_free(rows, nrows);
	return 0;
}

enum review_result
review_cancel_interview(struct store *st, int64_t id, int *n)
{
	struct interview iv = { 0 };
	enum review_result r = REVIEW_OK;
	int rc, cancelled = 0;

	if (n)
		*n = 0;
	if (store_begin(st) < 0)
		return REVIEW_ERROR;
	if ((rc = store_interview_get(st, id, &iv)) != 1)
		r = rc < 0 ? REVIEW_ERROR : REVIEW_NO_MAIL;
	else if (iv.status == IV_CANCELLED)
		r = REVIEW_REFUSED;
	else if ((cancelled = track_cancel(st, &iv, "by hand")) < 0)
		r = REVIEW_ERROR;
	interview_clear(&iv);
	if (r == REVIEW_OK && n)
		*n = cancelled;
	return finish(st, r);
}

/* In the open transaction: send-now and its event.  1 done, 0 refused,
 * or < 0. */
static int
send_now_in(struct store *st, int64_t id, int64_t now, const char *how)
{
	int rc = store_outbox_transition(st, id, mail_action_from(MAIL_ACT_SEND_NOW), MAIL_PENDING);

	if (rc <= 0)
		return rc;
	if (store_outbox_set_due(st, id, now) < 0 || store_send_now_request(st, id) < 0 ||
	    store_event_add(st, "send-now", 0, 0, id, "mail %lld: send now, %s", (long long)id,
	    how) < 0)
		return STORE_ERR;
	return 1;
}

enum review_result
review_send_now(struct store *st, int64_t id, int64_t now)
{
	int rc;

	if (store_begin(st) < 0)
		return REVIEW_ERROR;
	rc = send_now_in(st, id, now, "by hand");
	if (rc == 0)
		return finish(st, REVIEW_REFUSED);
	if (rc < 0)
		return finish(st, REVIEW_ERROR);
	return finish(st, REVIEW_OK);
}

enum review_result
review_retry(struct store *st, int64_t id, bool hold, int64_t now, struct mail *m)
{
	enum mail_status to = hold ? MAIL_HELD : MAIL_PENDING;
	char *was;
	int rc;

	rc = store_outbox_get(st, id, m);
	if (rc <= 0)
		return rc < 0 ? REVIEW_ERROR : REVIEW_NO_MAIL;
	if (!mail_action_allows(MAIL_ACT_RETRY, m->status, to))
		return REVIEW_REFUSED;
	if (store_begin(st) < 0)
		return REVIEW_ERROR;
	rc = store_outbox_retry(st, id, mail_action_from(MAIL_ACT_RETRY), to, now);
	if (rc <= 0)
		return finish(st, rc < 0 ? REVIEW_ERROR : REVIEW_CHANGED);
	was = xasprintf("%s%s%s", mail_status_name(m->status), m->last_error ? ": " : "",
	    m->last_error ? m->last_error : "");
	rc = store_event_add(st, "retry", m->application_id, m->interview_id, m->id,
	    "mail %lld to %s: retried by hand (was %s), now %s", (long long)m->id,
	    m->recipient_email, was, mail_status_name(to));
	free(was);
	return finish(st, rc < 0 ? REVIEW_ERROR : REVIEW_OK);
}

enum review_result
review_edit_check(struct store *st, int64_t id, struct mail *m)
{
	int rc = store_outbox_get(st, id, m);

	if (rc <= 0)
		return rc < 0 ? REVIEW_ERROR : REVIEW_NO_MAIL;
	if (!mail_action_allows(MAIL_ACT_EDIT, m->status, m->status))
		return REVIEW_REFUSED;
	return REVIEW_OK;
}

enum review_result
review_edit_save(struct store *st, int64_t id, const void *data, size_t len)
{
	struct mail m = { 0 };
	int rc;

	if (store_begin(st) < 0)
		return REVIEW_ERROR;
	rc = store_outbox_set_rendered(st, id, data, len, NULL, true);
	if (rc <= 0)
		return finish(st, rc < 0 ? REVIEW_ERROR : REVIEW_CHANGED);
	if (store_outbox_get(st, id, &m) != 1 ||
	    store_event_add(st, "edit", m.application_id, m.interview_id, id,
	    "mail %lld edited by hand", (long long)id) < 0) {
		mail_clear(&m);
		return finish(st, REVIEW_ERROR);
	}
	mail_clear(&m);
	return finish(st, REVIEW_OK);
}

/* ---- a reply to a review digest ---- */

/* One step: the decision as by hand, said to come by reply; 1 done, 0
 * refused (step->refused set), or < 0. */
static int
reply_step(struct store *st, int64_t digest, const char *reply, struct digest_step *step,
		int64_t now)
{
	enum mail_action action = digest_verb_action(step->verb);
	char *how;
	int rc = store_digest_applied(st, digest, step->id);

	if (rc != 0) {
		if (rc > 0)
			step->refused = xstrdup("an earlier reply to this digest already acted on it");
		return rc < 0 ? rc : 0;
	}
	how = xasprintf("by reply to digest %lld", (long long)digest);
	if (action == MAIL_ACT_SEND_NOW)
		rc = send_now_in(st, step->id, now, how);
	else
		rc = decide_in(st, step->id, action, decide_target(action), how);
	free(how);
	if (rc == 0)
		step->refused = xstrdup("its status changed before the reply was read");
	if (rc <= 0)
		return rc;
	rc = store_digest_mark_applied(st, digest, step->id, mail_action_name(action), reply);
	return rc < 0 ? rc : 1;
}

int
review_digest_reply(struct store *st, int64_t digest, const char *reply,
		struct digest_step *steps, size_t n, int64_t now)
{
	bool own = !store_in_transaction(st);
	int rc = 0;

	if (own && store_begin(st) < 0)
		return REVIEW_ERROR;
	for (size_t i = 0; rc >= 0 && i < n; i++) {
		if (steps[i].refused == NULL)
			rc = reply_step(st, digest, reply, &steps[i], now);
		if (rc >= 0 && steps[i].refused != NULL &&
		    store_event_add(st, "digest-reply", 0, 0, steps[i].id,
		    "mail %lld: %s by reply to digest %lld refused: %s", (long long)steps[i].id,
		    digest_verb_name(steps[i].verb), (long long)digest, steps[i].refused) < 0)
			rc = STORE_ERR;
	}
	if (!own)
		return rc < 0 ? REVIEW_ERROR : 0;
	return finish(st, rc < 0 ? REVIEW_ERROR : REVIEW_OK) == REVIEW_OK ? 0 : REVIEW_ERROR;
}
