/*
 * Unit tests for review: the user's decisions on mails (approve, hold,
 * cancel, send-now, retry, edit), each tried from every status of the
 * lifecycle against a temporary store (tmpstore).  What each action may
 * start from is written out here by hand, from model.h's table, so a change
 * to the table shows up as a failure: an allowed action moves the mail and
 * logs one event; a refused one changes nothing at all (the mail, its
 * events, its send-now request).
 */
#include "autoconfig.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model.h"
#include "review.h"
#include "store.h"
#include "tmpstore.h"

#define NOW   2000000000
#define DUE   (NOW - 3600)
#define LATER (NOW + 86400)
#define B(s)  MODEL_BIT(MAIL_##s)

static const char BODY[] = "Subject: Thank you\r\n\r\nHi Ada\r\n";

struct fx {
	struct tmpstore *ts;
	int64_t app;
	int nth;                /* each mail its own key */
	int64_t iv;             /* the interview of the next mails (0: none) */
};

static int
setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));

	if (f == NULL || (f->ts = tmpstore_new("test_review")) == NULL) {
		free(f);
		return -1;
	}
	store_set_now(f->ts->st, NOW);
	if (store_application_find_or_create(f->ts->st, "Acme", "Engineer", NULL, NULL,
	    &f->app) != 1)
		return -1;
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;

	tmpstore_free(f->ts);
	free(f);
	return 0;
}

/* A mail (rendered, due an hour ago) brought to status s the way the
 * daemon and the user would: queue, claim, outcome, cancel. */
static int64_t
mail_in(struct fx *f, enum mail_status s)
{
	struct store *st = f->ts->st;
	char msgid[64];
	struct mail m = { .kind = MAIL_THANK_YOU, .application_id = f->app, .interview_id = f->iv,
	    .recipient_email = (char *)"ada@acme.example", .nth = ++f->nth, .due = DUE,
	    .subject = (char *)"Thank you", .rendered = (unsigned char *)BODY,
	    .rendered_len = sizeof(BODY) - 1 };
	int64_t id = 0;

	snprintf(msgid, sizeof(msgid), "<m%d@example.net>", f->nth);
	m.message_id = msgid;
	m.status = s == MAIL_HELD ? MAIL_HELD : MAIL_PENDING;
	if (s == MAIL_HELD)
		m.hold_reason = (char *)"for review";
	assert_int_equal(store_outbox_insert(st, &m, &id), 1);
	switch (s) {
	case MAIL_PENDING:
	case MAIL_HELD:
		break;
	case MAIL_CANCELLED:
		assert_int_equal(store_outbox_transition(st, id, B(PENDING), MAIL_CANCELLED), 1);
		break;
	case MAIL_SENDING:
	case MAIL_SENT:
	case MAIL_DEFERRED:
	case MAIL_FAILED:
	case MAIL_UNKNOWN:
		assert_int_equal(store_outbox_claim(st, id, NOW), 1);
		if (s == MAIL_SENT)
			assert_int_equal(store_outbox_set_status(st, id, s, NULL, 0), 1);
		else if (s == MAIL_DEFERRED)
			assert_int_equal(store_outbox_set_status(st, id, s, "421 try later", NOW + 600), 1);
		else if (s == MAIL_FAILED)
			assert_int_equal(store_outbox_set_status(st, id, s, "550 no such user", 0), 1);
		else if (s == MAIL_UNKNOWN)
			assert_int_equal(store_outbox_set_status(st, id, s, "connection lost", 0), 1);
		break;
	default:
		fail_msg("mail_in: status %d", s);
	}
	return id;
}

/* Everything a decision could change: the mail, the events, the request. */
struct snap {
	struct mail m;
	size_t events;
	int send_now;
};

static void
snap_take(struct fx *f, int64_t id, struct snap *s)
{
	struct store_event *ev = NULL;

	memset(s, 0, sizeof(*s));
	assert_int_equal(store_outbox_get(f->ts->st, id, &s->m), 1);
	assert_int_equal(store_event_list(f->ts->st, 0, 0, &ev, &s->events), 0);
	store_events_free(ev, s->events);
	s->send_now = store_send_now_requested(f->ts->st, id);
}

static void
assert_same_str(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		assert_ptr_equal(a, b);
	else
		assert_string_equal(a, b);
}

/* Nothing about mail id changed since *before (which is cleared). */
static void
assert_unchanged(struct fx *f, int64_t id, struct snap *before)
{
	struct snap now;

	snap_take(f, id, &now);
	assert_int_equal(now.m.status, before->m.status);
	assert_int_equal(now.m.due, before->m.due);
	assert_int_equal(now.m.attempts, before->m.attempts);
	assert_int_equal(now.m.next_attempt, before->m.next_attempt);
	assert_int_equal(now.m.first_attempt, before->m.first_attempt);
	assert_int_equal(now.m.sent_at, before->m.sent_at);
	assert_int_equal(now.m.updated, before->m.updated);
	assert_int_equal(now.m.edited, before->m.edited);
	assert_int_equal(now.m.rendered_len, before->m.rendered_len);
	assert_memory_equal(now.m.rendered, before->m.rendered, now.m.rendered_len);
	assert_same_str(now.m.message_id, before->m.message_id);
	assert_same_str(now.m.last_error, before->m.last_error);
	assert_same_str(now.m.hold_reason, before->m.hold_reason);
	assert_int_equal(now.events, before->events);
	assert_int_equal(now.send_now, before->send_now);
	mail_clear(&now.m);
	mail_clear(&before->m);
}

/* The newest event: its kind and message (caller frees both). */
static void
last_event(struct fx *f, char **kind, char **message, int64_t *outbox_id)
{
	struct store_event *ev = NULL;
	size_t n = 0;

	assert_int_equal(store_event_list(f->ts->st, 0, 0, &ev, &n), 0);
	assert_true(n > 0);
	*kind = strdup(ev[n - 1].kind);
	*message = strdup(ev[n - 1].message);
	*outbox_id = ev[n - 1].outbox_id;
	store_events_free(ev, n);
}

static enum mail_status
status_of(struct fx *f, int64_t id)
{
	struct mail m = { 0 };
	enum mail_status s;

	assert_int_equal(store_outbox_get(f->ts->st, id, &m), 1);
	s = m.status;
	mail_clear(&m);
	return s;
}

/* ---- approve, hold, cancel ---- */

struct decision {
	enum mail_action action;
	unsigned from;          /* by hand, from model.h's table */
	enum mail_status to;
};

static const struct decision DECISIONS[] = {
	{ MAIL_ACT_APPROVE, B(HELD) | B(UNKNOWN), MAIL_PENDING },
	{ MAIL_ACT_HOLD, B(PENDING) | B(DEFERRED), MAIL_HELD },
	{ MAIL_ACT_CANCEL, B(PENDING) | B(HELD) | B(DEFERRED) | B(UNKNOWN), MAIL_CANCELLED },
};

static void
test_decide_along_the_table(void **state)
{
	struct fx *f = *state;

	for (size_t d = 0; d < sizeof(DECISIONS) / sizeof(DECISIONS[0]); d++) {
		const struct decision *dc = &DECISIONS[d];

		for (int s = 0; s < MAIL_STATUS_COUNT; s++) {
			int64_t id = mail_in(f, (enum mail_status)s);
			enum mail_status now = MAIL_STATUS_COUNT, was = MAIL_STATUS_COUNT;
			enum review_result r;
			struct snap before;

			snap_take(f, id, &before);
			r = review_decide(f->ts->st, id, dc->action, &now, &was);
			if (dc->from & MODEL_BIT(s)) {
				char *kind, *msg, want[128];
				int64_t ob;

				if (r != REVIEW_OK)
					fail_msg("%s from %s: %d, expected OK", mail_action_name(dc->action),
					    mail_status_name((enum mail_status)s), r);
				assert_int_equal(now, dc->to);
				assert_int_equal(status_of(f, id), dc->to);
				last_event(f, &kind, &msg, &ob);
				assert_string_equal(kind, mail_action_name(dc->action));
				assert_int_equal(ob, id);
				snprintf(want, sizeof(want), "mail %lld: %s by hand (now %s)", (long long)id,
				    mail_action_name(dc->action), mail_status_name(dc->to));
				assert_string_equal(msg, want);
				free(kind);
				free(msg);
				mail_clear(&before.m);
			} else {
				if (r != REVIEW_REFUSED)
					fail_msg("%s from %s: %d, expected REFUSED",
					    mail_action_name(dc->action),
					    mail_status_name((enum mail_status)s), r);
				assert_int_equal(was, s);
				assert_unchanged(f, id, &before);
			}
		}
	}
}

/* The cases the issue names, one by one. */
static void
test_decide_named_cases(void **state)
{
	struct fx *f = *state;
	enum mail_status was = MAIL_PENDING, now = MAIL_PENDING;
	struct snap before;
	int64_t id;

	/* A sent mail cannot be cancelled: it has left. */
	id = mail_in(f, MAIL_SENT);
	snap_take(f, id, &before);
	assert_int_equal(review_decide(f->ts->st, id, MAIL_ACT_CANCEL, NULL, &was), REVIEW_REFUSED);
	assert_int_equal(was, MAIL_SENT);
	assert_unchanged(f, id, &before);

	/* A failed mail is retried, not approved. */
	id = mail_in(f, MAIL_FAILED);
	snap_take(f, id, &before);
	assert_int_equal(review_decide(f->ts->st, id, MAIL_ACT_APPROVE, NULL, &was), REVIEW_REFUSED);
	assert_int_equal(was, MAIL_FAILED);
	assert_unchanged(f, id, &before);

	/* The user may cancel a mail of unknown outcome (followupd never
	 * withdraws one by itself). */
	id = mail_in(f, MAIL_UNKNOWN);
	assert_int_equal(review_decide(f->ts->st, id, MAIL_ACT_CANCEL, &now, NULL), REVIEW_OK);
	assert_int_equal(now, MAIL_CANCELLED);
	assert_int_equal(status_of(f, id), MAIL_CANCELLED);

	/* No such mail. */
	assert_int_equal(review_decide(f->ts->st, 4242, MAIL_ACT_APPROVE, NULL, NULL), REVIEW_NO_MAIL);
	assert_int_equal(review_decide(f->ts->st, 4242, MAIL_ACT_CANCEL, NULL, NULL), REVIEW_NO_MAIL);

	/* Not a decision (retry has two targets): refused before any write. */
	id = mail_in(f, MAIL_FAILED);
	snap_take(f, id, &before);
	assert_int_equal(review_decide(f->ts->st, id, MAIL_ACT_RETRY, NULL, NULL), REVIEW_REFUSED);
	assert_unchanged(f, id, &before);
	assert_false(store_in_transaction(f->ts->st));
}

static void
test_held_lists_oldest_first(void **state)
{
	struct fx *f = *state;
	int64_t a, b, *ids = NULL;
	size_t n = 0;

	mail_in(f, MAIL_PENDING);
	a = mail_in(f, MAIL_HELD);
	b = mail_in(f, MAIL_HELD);
	assert_int_equal(store_outbox_set_due(f->ts->st, a, LATER), 1);
	assert_int_equal(review_held(f->ts->st, 0, &ids, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(ids[0], b);
	assert_int_equal(ids[1], a);
	free(ids);
}

/* cancel --interview: the interview and its waiting mails, in one go;
 * approve --interview lists only that interview's held mails. */
static void
test_cancel_interview(void **state)
{
	struct fx *f = *state;
	struct interview iv = { .application_id = f->app, .start = DUE - 7200, .end = DUE - 3600,
	    .status = IV_SCHEDULED };
	int64_t ivid, held, pending, sent, other, *ids = NULL;
	size_t n = 0;
	int nc = -1;

	assert_int_equal(store_interview_insert(f->ts->st, &iv, &ivid), 0);
	f->iv = ivid;
	held = mail_in(f, MAIL_HELD);
	pending = mail_in(f, MAIL_PENDING);
	sent = mail_in(f, MAIL_SENT);
	f->iv = 0;
	other = mail_in(f, MAIL_HELD);           /* of no interview */
	assert_int_equal(review_held(f->ts->st, ivid, &ids, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(ids[0], held);
	free(ids);

	assert_int_equal(review_cancel_interview(f->ts->st, ivid, &nc), REVIEW_OK);
	assert_int_equal(nc, 2);
	assert_int_equal(store_interview_get(f->ts->st, ivid, &iv), 1);
	assert_int_equal(iv.status, IV_CANCELLED);
	interview_clear(&iv);
	assert_int_equal(status_of(f, held), MAIL_CANCELLED);
	assert_int_equal(status_of(f, pending), MAIL_CANCELLED);
	assert_int_equal(status_of(f, sent), MAIL_SENT);
	assert_int_equal(status_of(f, other), MAIL_HELD);
	/* Twice: refused; no such interview: said so. */
	assert_int_equal(review_cancel_interview(f->ts->st, ivid, NULL), REVIEW_REFUSED);
	assert_int_equal(review_cancel_interview(f->ts->st, ivid + 100, NULL), REVIEW_NO_MAIL);
	assert_false(store_in_transaction(f->ts->st));
}

/* ---- send-now ---- */

static void
test_send_now_along_the_table(void **state)
{
	struct fx *f = *state;
	const unsigned from = B(PENDING) | B(HELD) | B(DEFERRED) | B(UNKNOWN);
	const unsigned retime = B(PENDING) | B(HELD) | B(DEFERRED);

	for (int s = 0; s < MAIL_STATUS_COUNT; s++) {
		int64_t id = mail_in(f, (enum mail_status)s);
		enum review_result r;
		struct snap before;

		/* Due later, so send-now visibly brings it forward. */
		assert_int_equal(store_outbox_set_due(f->ts->st, id, LATER),
		    (retime & MODEL_BIT(s)) != 0);
		snap_take(f, id, &before);
		r = review_send_now(f->ts->st, id, NOW);
		if (from & MODEL_BIT(s)) {
			struct mail m = { 0 };
			char *kind, *msg;
			int64_t ob;

			if (r != REVIEW_OK)
				fail_msg("send-now from %s: %d", mail_status_name((enum mail_status)s), r);
			assert_int_equal(store_outbox_get(f->ts->st, id, &m), 1);
			assert_int_equal(m.status, MAIL_PENDING);
			assert_int_equal(m.due, NOW);
			assert_int_equal(m.next_attempt, 0);
			mail_clear(&m);
			assert_int_equal(store_send_now_requested(f->ts->st, id), 1);
			last_event(f, &kind, &msg, &ob);
			assert_string_equal(kind, "send-now");
			assert_int_equal(ob, id);
			free(kind);
			free(msg);
			mail_clear(&before.m);
		} else {
			if (r != REVIEW_REFUSED)
				fail_msg("send-now from %s: %d", mail_status_name((enum mail_status)s), r);
			assert_unchanged(f, id, &before);
		}
	}
	assert_int_equal(review_send_now(f->ts->st, 4242, NOW), REVIEW_REFUSED);
	assert_int_equal(store_send_now_requested(f->ts->st, 4242), 0);
}

/* ---- retry ---- */

static void
test_retry_along_the_table(void **state)
{
	struct fx *f = *state;
	const unsigned from = B(FAILED) | B(UNKNOWN);

	for (int hold = 0; hold <= 1; hold++)
		for (int s = 0; s < MAIL_STATUS_COUNT; s++) {
			int64_t id = mail_in(f, (enum mail_status)s);
			struct mail was = { 0 };
			enum review_result r;
			struct snap before;

			snap_take(f, id, &before);
			r = review_retry(f->ts->st, id, hold, NOW + 60, &was);
			if (from & MODEL_BIT(s)) {
				struct mail m = { 0 };
				char *kind, *msg;
				int64_t ob;

				if (r != REVIEW_OK)
					fail_msg("retry from %s: %d", mail_status_name((enum mail_status)s), r);
				assert_int_equal(was.status, s);        /* the mail as it was */
				assert_int_equal(store_outbox_get(f->ts->st, id, &m), 1);
				assert_int_equal(m.status, hold ? MAIL_HELD : MAIL_PENDING);
				assert_int_equal(m.due, NOW + 60);
				assert_int_equal(m.attempts, 0);
				assert_int_equal(m.first_attempt, 0);
				assert_int_equal(m.next_attempt, 0);
				assert_string_equal(m.last_error, before.m.last_error);
				mail_clear(&m);
				last_event(f, &kind, &msg, &ob);
				assert_string_equal(kind, "retry");
				assert_int_equal(ob, id);
				assert_non_null(strstr(msg, s == MAIL_FAILED ?
				    "(was failed: 550 no such user)" : "(was unknown: connection lost)"));
				assert_non_null(strstr(msg, hold ? "now held" : "now pending"));
				free(kind);
				free(msg);
				mail_clear(&before.m);
			} else {
				if (r != REVIEW_REFUSED)
					fail_msg("retry from %s: %d", mail_status_name((enum mail_status)s), r);
				assert_int_equal(was.status, s);
				assert_unchanged(f, id, &before);
			}
			mail_clear(&was);
		}
	{
		struct mail was = { 0 };

		assert_int_equal(review_retry(f->ts->st, 4242, false, NOW, &was), REVIEW_NO_MAIL);
		mail_clear(&was);
	}
}

/* ---- edit ---- */

static void
test_edit_along_the_table(void **state)
{
	struct fx *f = *state;
	const unsigned from = B(PENDING) | B(HELD) | B(DEFERRED) | B(FAILED);
	static const char NEW[] = "Subject: Thank you\r\n\r\nHi Ada, mended\r\n";

	for (int s = 0; s < MAIL_STATUS_COUNT; s++) {
		int64_t id = mail_in(f, (enum mail_status)s);
		struct mail m = { 0 };
		enum review_result r;
		struct snap before;

		snap_take(f, id, &before);
		r = review_edit_check(f->ts->st, id, &m);
		assert_int_equal(m.status, s);
		mail_clear(&m);
		if (from & MODEL_BIT(s)) {
			char *kind, *msg;
			int64_t ob;

			if (r != REVIEW_OK)
				fail_msg("edit from %s: %d", mail_status_name((enum mail_status)s), r);
			assert_int_equal(review_edit_save(f->ts->st, id, NEW, sizeof(NEW) - 1), REVIEW_OK);
			assert_int_equal(store_outbox_get(f->ts->st, id, &m), 1);
			assert_int_equal(m.status, s);          /* the status stays */
			assert_true(m.edited);
			assert_int_equal(m.rendered_len, sizeof(NEW) - 1);
			assert_memory_equal(m.rendered, NEW, m.rendered_len);
			assert_string_equal(m.message_id, before.m.message_id);
			mail_clear(&m);
			last_event(f, &kind, &msg, &ob);
			assert_string_equal(kind, "edit");
			assert_int_equal(ob, id);
			free(kind);
			free(msg);
			mail_clear(&before.m);
		} else {
			if (r != REVIEW_REFUSED)
				fail_msg("edit from %s: %d", mail_status_name((enum mail_status)s), r);
			assert_unchanged(f, id, &before);
			/* Saving anyway (the mail changed under the editor): nothing. */
			snap_take(f, id, &before);
			assert_int_equal(review_edit_save(f->ts->st, id, NEW, sizeof(NEW) - 1),
			    REVIEW_CHANGED);
			assert_unchanged(f, id, &before);
		}
	}
	{
		struct mail m = { 0 };

		assert_int_equal(review_edit_check(f->ts->st, 4242, &m), REVIEW_NO_MAIL);
		mail_clear(&m);
		assert_int_equal(review_edit_save(f->ts->st, 4242, NEW, sizeof(NEW) - 1),
		    REVIEW_CHANGED);
	}
}

/* A reply to a digest: each step as by hand, recorded for the digest; a
 * second reply to the same digest cannot act again on a mail; a step whose
 * mail changed is refused alone; the digest's records read back. */
static void
test_digest_reply(void **state)
{
	struct fx *f = *state;
	struct store *st = f->ts->st;
	int64_t a = mail_in(f, MAIL_HELD), b = mail_in(f, MAIL_HELD), c = mail_in(f, MAIL_SENT);
	int64_t listed[] = { a, b, c }, dg = 0, ans = 0, *ids = NULL, count = 0;
	struct digest_step steps[] = {
		{ a, DIGEST_APPROVE, NULL }, { b, DIGEST_SEND_NOW, NULL }, { c, DIGEST_CANCEL, NULL },
	};
	struct store_digest d = { 0 }, *rows = NULL;
	struct mail m = { 0 };
	size_t n = 0;

	assert_int_equal(store_digest_add(st, "<dg1@example.net>", 0, listed, 3, NULL, 0, &dg), 0);
	assert_int_equal(store_digest_last(st, &d), 0);         /* not sent yet */
	assert_int_equal(store_digest_ever_listed(st, a), 0);
	assert_int_equal(store_digest_sent(st, dg, NOW), 1);
	assert_int_equal(store_digest_last(st, &d), 1);
	assert_int_equal(d.id, dg);
	assert_int_equal(d.sent_at, NOW);
	store_digest_clear(&d);
	assert_int_equal(store_digest_ever_listed(st, a), 1);
	assert_int_equal(store_digest_listed(st, dg, c), 1);
	assert_int_equal(store_digest_mails(st, dg, &ids, &n), 0);
	assert_int_equal(n, 3);
	free(ids);

	assert_int_equal(review_digest_reply(st, dg, "<r1@example.net>", steps, 3, NOW), 0);
	assert_null(steps[0].refused);
	assert_null(steps[1].refused);
	assert_non_null(steps[2].refused);              /* sent: cancel refused alone */
	assert_int_equal(store_outbox_get(st, a, &m), 1);
	assert_int_equal(m.status, MAIL_PENDING);
	mail_clear(&m);
	assert_int_equal(store_send_now_requested(st, b), 1);
	assert_int_equal(store_digest_applied(st, dg, a), 1);
	assert_int_equal(store_digest_applied(st, dg, c), 0);
	free(steps[2].refused);
	steps[2].refused = NULL;

	/* The user holds a again by hand; a second reply cannot approve it. */
	assert_int_equal(review_decide(st, a, MAIL_ACT_HOLD, NULL, NULL), REVIEW_OK);
	steps[0].refused = NULL;
	assert_int_equal(review_digest_reply(st, dg, "<r2@example.net>", steps, 1, NOW), 0);
	assert_non_null(strstr(steps[0].refused, "earlier reply"));
	free(steps[0].refused);
	assert_int_equal(store_outbox_get(st, a, &m), 1);
	assert_int_equal(m.status, MAIL_HELD);
	mail_clear(&m);

	/* An answer: known by its Message-ID, sent once. */
	assert_int_equal(store_digest_add(st, "<ans1@example.net>", dg, NULL, 0, "bytes", 5, &ans), 0);
	assert_int_equal(store_digest_by_message_id(st, "<ans1@example.net>", &d), 1);
	assert_int_equal(d.answers, dg);
	store_digest_clear(&d);
	assert_int_equal(store_digest_answer_count(st, dg, &count), 0);
	assert_int_equal(count, 1);
	assert_int_equal(store_digest_unsent_answers(st, &rows, &n), 0);
	assert_int_equal(n, 1);
	assert_memory_equal(rows[0].rendered, "bytes", 5);
	store_digests_free(rows, n);
	assert_int_equal(store_digest_sent(st, ans, NOW), 1);
	assert_int_equal(store_digest_unsent_answers(st, &rows, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(store_digest_delete(st, dg), 0);       /* a sent one stays */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_decide_along_the_table, setup, teardown),
		cmocka_unit_test_setup_teardown(test_digest_reply, setup, teardown),
		cmocka_unit_test_setup_teardown(test_decide_named_cases, setup, teardown),
		cmocka_unit_test_setup_teardown(test_held_lists_oldest_first, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cancel_interview, setup, teardown),
		cmocka_unit_test_setup_teardown(test_send_now_along_the_table, setup, teardown),
		cmocka_unit_test_setup_teardown(test_retry_along_the_table, setup, teardown),
		cmocka_unit_test_setup_teardown(test_edit_along_the_table, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
