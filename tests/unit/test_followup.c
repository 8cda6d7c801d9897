/*
 * Unit tests for followup: the use cases (take a recognised mail in, add
 * notes, add an interview by hand) against a temporary store (tmpstore)
 * and an outbox over the project's own templates ($top_srcdir/templates).
 *
 * Times: NOW is Monday 2027-01-04 10:00 UTC (London time in winter); the
 * Acme interview is the next day, 10:00-11:00.
 */
#include "autoconfig.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <cmocka.h>

#include "config.h"
#include "detect.h"
#include "followup.h"
#include "outbox.h"
#include "store.h"
#include "template.h"
#include "tmpstore.h"
#include "track.h"
#include "util.h"

#define NOW ((time_t)1799056800)        /* 2027-01-04T10:00:00Z, Monday */
#define DAY 86400
#define START (NOW + DAY)
#define INVITE "<invite-1@acme.com>"

struct fx {
	struct tmpstore *ts;
	struct config *cfg;
	struct outbox *ob;
	struct followup fu;
};

static struct config *
load_config(const char *dir, const char *templates)
{
	struct config_errors errs = { 0 };
	struct config *cfg;
	char *path = xasprintf("%s/followupd.conf", dir);
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fprintf(f,
	    "me = { name = \"Jane Doe\"; addresses = [\"jane@example.net\"];\n"
	    "       timezone = \"Europe/London\"; signature = \"Jane Doe\"; };\n"
	    "imap = { url = \"imaps://imap.example.net\"; password_command = \"echo x\"; };\n"
	    "smtp = { url = \"smtps://smtp.example.net\"; };\n"
	    "state_dir = \"%s\";\n"
	    "templates_dir = \"%s\";\n"
	    "send = { mode = \"auto\"; grace = \"0\"; window = \"08:00-20:00\";\n"
	    "         weekends = false; max_per_day = 20; give_up = \"3d\"; };\n"
	    "thank_you = { enabled = true; after = \"2h\"; latest = \"24h\"; };\n"
	    "reference_warning = { enabled = false; };\n"
	    "status_nudge = { enabled = false; };\n"
	    "reflection = { enabled = false; };\n"
	    "feedback_request = { enabled = true; after = \"1d\"; };\n",
	    dir, templates);
	fclose(f);
	cfg = config_load(path, &errs);
	for (size_t i = 0; i < errs.n; i++)
		fprintf(stderr, "config: %s\n", errs.v[i]);
	config_errors_clear(&errs);
	free(path);
	assert_non_null(cfg);
	return cfg;
}

static int
setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof(*f));
	const char *top = getenv("top_srcdir");
	struct template_errors terr = { 0 };
	char *templates;

	if (top == NULL || *top == '\0') {
		fprintf(stderr, "top_srcdir is not set\n");
		return -1;
	}
	if ((f->ts = tmpstore_new("test_followup")) == NULL)
		return -1;
	templates = xasprintf("%s/templates", top);
	f->cfg = load_config(f->ts->dir, templates);
	free(templates);
	store_set_now(f->ts->st, NOW);
	if ((f->ob = outbox_new(f->ts->st, f->cfg, &terr)) == NULL) {
		fprintf(stderr, "outbox_new failed (templates)\n");
		return -1;
	}
	template_errors_clear(&terr);
	f->fu = (struct followup){ f->ts->st, f->cfg, f->ob };
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;

	outbox_free(f->ob);
	tmpstore_free(f->ts);
	config_free(f->cfg);
	free(f);
	return 0;
}

/* ---- building recognitions ---- */

static char *
dup0(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static void
add_person(struct detect_person **v, size_t *n, const char *name, const char *email)
{
	*v = xreallocarray(*v, *n + 1, sizeof(**v));
	(*v)[*n].name = dup0(name);
	(*v)[*n].email = dup0(email);
	(*n)++;
}

static void
add_reference(struct detection *d, const char *id)
{
	d->references = xreallocarray(d->references, d->nreferences + 1, sizeof(*d->references));
	d->references[d->nreferences++] = xstrdup(id);
}

/* A mail of kind from `from` with Message-ID msgid, replying to reply_to,
 * read with high confidence (a test makes it doubtful by hand). */
static void
mail(struct detection *d, enum detect_kind kind, const char *from_name, const char *from,
		const char *msgid, const char *reply_to)
{
	memset(d, 0, sizeof(*d));
	d->kind = kind;
	d->from.name = dup0(from_name);
	d->from.email = dup0(from);
	d->message_id = dup0(msgid);
	d->in_reply_to = dup0(reply_to);
	if (reply_to)
		add_reference(d, reply_to);
	d->subject = xstrdup("Re: Interview: Backend Engineer at Acme");
	d->has_date = true;
	d->date = NOW;
	d->confidence = DETECT_HIGH;
}

/* The Acme invite (calendar UID, SEQUENCE seq) from Ravi, the contact:
 * Ada and Bob interview. */
static void
invite(struct detection *d, int seq, time_t start, const char *msgid)
{
	mail(d, seq > 0 ? DETECT_UPDATE : DETECT_INTERVIEW, "Ravi Menon", "ravi.menon@acme.com",
	    msgid, NULL);
	free(d->subject);
	d->subject = xstrdup("Interview: Backend Engineer at Acme");
	d->company = xstrdup("Acme");
	d->role = xstrdup("Backend Engineer");
	d->has_start = d->has_end = true;
	d->start = start;
	d->end = start + 3600;
	d->timezone = xstrdup("Europe/London");
	add_person(&d->interviewers, &d->ninterviewers, "Ada Brooks", "ada.brooks@acme.com");
	add_person(&d->interviewers, &d->ninterviewers, "Bob Lee", "bob.lee@acme.com");
	d->contact.name = xstrdup("Ravi Menon");
	d->contact.email = xstrdup("ravi.menon@acme.com");
	d->event_uid = xstrdup("uid-1@acme.com");
	d->sequence = seq;
	d->reason = xstrdup("calendar invite");
}

/* Take d in (and free it); the outcome. */
static enum followup_outcome
take(struct fx *f, struct detection *d, const char *text, struct followup_taken *out)
{
	struct followup_taken t;
	enum followup_outcome o;

	assert_int_equal(followup_take_mail(&f->fu, d, text, NOW, out ? out : &t), 0);
	assert_false(store_in_transaction(f->ts->st));
	detection_free(d);
	o = (out ? out : &t)->outcome;
	if (out == NULL)
		followup_taken_clear(&t);
	return o;
}

static int64_t
take_invite(struct fx *f)
{
	struct detection d;
	struct followup_taken t;
	int64_t iv;

	invite(&d, 0, START, INVITE);
	assert_int_equal(take(f, &d, NULL, &t), FOLLOWUP_TRACKED);
	assert_string_equal(t.kind, "interview");
	assert_true(t.track.interview_new);
	assert_null(t.held);
	iv = t.track.interview_id;
	followup_taken_clear(&t);
	return iv;
}

static size_t
count_interviews(struct fx *f)
{
	struct store_interview_filter all = { 0 };
	struct store_interview_row *rows = NULL;
	size_t n = 0;

	assert_int_equal(store_interview_list(f->ts->st, &all, &rows, &n), 0);
	store_interviews_free(rows, n);
	return n;
}

/* The mails of kind (-1: any) to email (NULL: anyone). */
static size_t
mails(struct fx *f, int kind, const char *email, struct store_outbox_row **rows)
{
	struct store_outbox_filter flt = { .recipient_email = email };
	size_t n = 0;

	if (kind >= 0)
		flt.kind_mask = STORE_BIT(kind);
	assert_int_equal(store_outbox_list(f->ts->st, &flt, rows, &n), 0);
	return n;
}

static size_t
count_mails(struct fx *f, int kind, const char *email)
{
	struct store_outbox_row *rows = NULL;
	size_t n = mails(f, kind, email, &rows);

	store_outbox_rows_free(rows, n);
	return n;
}

/* ---- taking a mail in ---- */

static void
test_new_interview_planned(void **state)
{
	struct fx *f = *state;
	struct store_outbox_row *rows = NULL;
	int64_t iv = take_invite(f);
	size_t n;

	assert_true(iv > 0);
	assert_int_equal(count_interviews(f), 1);
	n = mails(f, MAIL_THANK_YOU, "ada.brooks@acme.com", &rows);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].m.interview_id, iv);
	assert_int_equal(rows[0].m.status, MAIL_PENDING);
	assert_non_null(rows[0].m.rendered);
	store_outbox_rows_free(rows, n);
	assert_int_equal(count_mails(f, MAIL_THANK_YOU, "bob.lee@acme.com"), 1);
}

static void
test_reschedule_moves_mails(void **state)
{
	struct fx *f = *state;
	struct store_outbox_row *before = NULL, *after = NULL;
	struct followup_taken t;
	struct detection d;
	size_t nb, na, reflections = 0;

	f->cfg->reflection.enabled = true;
	take_invite(f);
	nb = mails(f, -1, NULL, &before);
	assert_true(nb > 0);
	invite(&d, 1, START + DAY, "<invite-2@acme.com>");
	assert_int_equal(take(f, &d, NULL, &t), FOLLOWUP_TRACKED);
	assert_true(t.track.interview_moved);
	assert_false(t.track.interview_new);
	followup_taken_clear(&t);
	na = mails(f, -1, NULL, &after);
	assert_int_equal(na, nb);
	for (size_t i = 0; i < na; i++) {
		assert_int_equal(after[i].m.id, before[i].m.id);
		assert_int_equal(after[i].m.due, before[i].m.due + DAY);
		/* the words say the new day: what show prints is what goes
		 * (the reflection names the interview's date) */
		if (after[i].m.kind == MAIL_REFLECTION) {
			reflections++;
			assert_non_null(after[i].m.rendered);
			assert_false(after[i].m.rendered_len == before[i].m.rendered_len &&
			    memcmp(after[i].m.rendered, before[i].m.rendered, after[i].m.rendered_len) == 0);
		}
	}
	assert_true(reflections > 0);
	store_outbox_rows_free(before, nb);
	store_outbox_rows_free(after, na);
	assert_int_equal(count_interviews(f), 1);
}

/* An updated invite at the same time that adds a person to the panel:
 * a thank-you for her too, the others' mails as they were. */
static void
test_panel_grows(void **state)
{
	struct fx *f = *state;
	struct followup_taken t;
	struct detection d;
	size_t before;

	take_invite(f);
	before = count_mails(f, -1, NULL);
	invite(&d, 1, START, "<invite-2@acme.com>");
	add_person(&d.interviewers, &d.ninterviewers, "Rachel Gold", "rachel.gold@acme.com");
	assert_int_equal(take(f, &d, NULL, &t), FOLLOWUP_TRACKED);
	assert_false(t.track.interview_moved);
	followup_taken_clear(&t);
	assert_int_equal(count_mails(f, MAIL_THANK_YOU, "rachel.gold@acme.com"), 1);
	assert_int_equal(count_mails(f, MAIL_THANK_YOU, "ada.brooks@acme.com"), 1);
	assert_int_equal(count_mails(f, -1, NULL), before + 1);
	assert_int_equal(count_interviews(f), 1);
}

/* The Acme invite as a mail without a calendar part (no UID). */
static void
invite_no_uid(struct detection *d, const char *msgid)
{
	invite(d, 0, START, msgid);
	free(d->event_uid);
	d->event_uid = NULL;
}

/* A hiring system's list names the panel without addresses; the invite
 * that follows (no calendar UID, the same minute) gives one: the person
 * gets it, not a second self, and the thank-you follows. */
static void
test_confirmation_gives_an_address(void **state)
{
	struct fx *f = *state;
	struct followup_taken t;
	struct detection d;

	invite_no_uid(&d, "<ats-1@acme.com>");
	for (size_t i = 0; i < d.ninterviewers; i++) {
		free(d.interviewers[i].email);
		d.interviewers[i].email = NULL;
	}
	free(d.contact.name);
	free(d.contact.email);
	d.contact.name = d.contact.email = NULL;
	free(d.from.email);
	d.from.email = xstrdup("no-reply@acme.com");
	assert_int_equal(take(f, &d, NULL, &t), FOLLOWUP_TRACKED);
	followup_taken_clear(&t);
	assert_int_equal(count_mails(f, MAIL_THANK_YOU, NULL), 0);
	invite_no_uid(&d, "<outlook-1@acme.com>");
	assert_int_equal(take(f, &d, NULL, &t), FOLLOWUP_TRACKED);
	assert_true(t.track.changed);
	followup_taken_clear(&t);
	assert_int_equal(count_interviews(f), 1);
	assert_int_equal(count_mails(f, MAIL_THANK_YOU, "ada.brooks@acme.com"), 1);
	assert_int_equal(count_mails(f, MAIL_THANK_YOU, "bob.lee@acme.com"), 1);
	/* the same mail again adds nobody and plans nothing more */
	invite_no_uid(&d, "<outlook-2@acme.com>");
	assert_int_equal(take(f, &d, NULL, &t), FOLLOWUP_TRACKED);
	assert_false(t.track.changed);
	followup_taken_clear(&t);
	assert_int_equal(count_mails(f, MAIL_THANK_YOU, NULL), 2);
}

static void
test_cancellation_cancels_waiting_mails(void **state)
{
	struct fx *f = *state;
	struct store_outbox_row *rows = NULL;
	struct followup_taken t;
	struct detection d;
	size_t n;

	take_invite(f);
	invite(&d, 1, START, "<cancel-1@acme.com>");
	d.kind = DETECT_CANCEL;
	assert_int_equal(take(f, &d, NULL, &t), FOLLOWUP_TRACKED);
	assert_true(t.track.interview_cancelled);
	followup_taken_clear(&t);
	n = mails(f, -1, NULL, &rows);
	assert_true(n > 0);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(rows[i].m.status, MAIL_CANCELLED);
	store_outbox_rows_free(rows, n);
}

static void
test_rejection_asks_the_human_sender(void **state)
{
	struct fx *f = *state;
	struct store_outbox_row *rows = NULL;
	struct detection d;
	size_t n;

	take_invite(f);
	mail(&d, DETECT_REJECTION, "Tess Hiring", "tess.hiring@acme.com", "<no-1@acme.com>", INVITE);
	assert_int_equal(take(f, &d, NULL, NULL), FOLLOWUP_TRACKED);
	n = mails(f, MAIL_FEEDBACK_REQUEST, NULL, &rows);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].m.recipient_email, "tess.hiring@acme.com");
	assert_string_equal(rows[0].m.recipient_name, "Tess Hiring");
	store_outbox_rows_free(rows, n);
}

static void
test_rejection_by_a_robot_asks_the_contact(void **state)
{
	struct fx *f = *state;
	struct store_outbox_row *rows = NULL;
	struct detection d;
	size_t n;

	take_invite(f);
	mail(&d, DETECT_REJECTION, "Acme Careers", "no-reply@greenhouse.io", "<no-2@greenhouse.io>",
	    INVITE);
	assert_int_equal(take(f, &d, NULL, NULL), FOLLOWUP_TRACKED);
	n = mails(f, MAIL_FEEDBACK_REQUEST, NULL, &rows);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].m.recipient_email, "ravi.menon@acme.com");
	store_outbox_rows_free(rows, n);
}

/* A rejection written before the interview took place: that interview's
 * thank-yous wait for the user with the reason, and so does the feedback
 * request (it thanks people for conversations that did not happen). */
static void
test_rejection_before_the_interview_holds(void **state)
{
	struct fx *f = *state;
	struct store_outbox_row *rows = NULL;
	struct detection d;
	size_t n;

	take_invite(f);                         /* tomorrow */
	n = mails(f, MAIL_THANK_YOU, NULL, &rows);
	assert_int_equal(n, 2);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(rows[i].m.status, MAIL_PENDING);
	store_outbox_rows_free(rows, n);
	mail(&d, DETECT_REJECTION, "Tess Hiring", "tess.hiring@acme.com", "<no-1@acme.com>", INVITE);
	assert_int_equal(take(f, &d, NULL, NULL), FOLLOWUP_TRACKED);
	n = mails(f, MAIL_THANK_YOU, NULL, &rows);
	assert_int_equal(n, 2);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(rows[i].m.status, MAIL_HELD);
		assert_string_equal(rows[i].m.hold_reason, "the application was rejected before "
		    "this interview (mail <no-1@acme.com>): it may not take place");
	}
	store_outbox_rows_free(rows, n);
	n = mails(f, MAIL_FEEDBACK_REQUEST, NULL, &rows);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].m.status, MAIL_HELD);
	assert_non_null(strstr(rows[0].m.hold_reason, "no interview had taken place"));
	store_outbox_rows_free(rows, n);
}

/* After the interview, the same rejection holds nothing. */
static void
test_rejection_after_the_interview(void **state)
{
	struct fx *f = *state;
	struct store_outbox_row *rows = NULL;
	struct detection d;
	size_t n;

	invite(&d, 0, NOW - DAY, INVITE);      /* yesterday */
	assert_int_equal(take(f, &d, NULL, NULL), FOLLOWUP_TRACKED);
	mail(&d, DETECT_REJECTION, "Tess Hiring", "tess.hiring@acme.com", "<no-1@acme.com>", INVITE);
	assert_int_equal(take(f, &d, NULL, NULL), FOLLOWUP_TRACKED);
	n = mails(f, MAIL_FEEDBACK_REQUEST, NULL, &rows);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].m.status, MAIL_PENDING);
	assert_null(rows[0].m.hold_reason);
	store_outbox_rows_free(rows, n);
	n = mails(f, MAIL_THANK_YOU, NULL, &rows);
	for (size_t i = 0; i < n; i++)
		assert_true(rows[i].m.hold_reason == NULL ||
		    strstr(rows[i].m.hold_reason, "rejected before") == NULL);
	store_outbox_rows_free(rows, n);
}

/* The rendered mail to email of kind contains word. */
static bool
mail_says(struct fx *f, int kind, const char *email, const char *word)
{
	struct store_outbox_row *rows = NULL;
	size_t n = mails(f, kind, email, &rows);
	bool says;

	assert_int_equal(n, 1);
	assert_non_null(rows[0].m.rendered);
	says = memmem(rows[0].m.rendered, rows[0].m.rendered_len, word, strlen(word)) != NULL;
	store_outbox_rows_free(rows, n);
	return says;
}

static void
test_own_reply_notes_rerender(void **state)
{
	struct fx *f = *state;
	struct store_note *notes = NULL;
	struct followup_taken t;
	struct detection d;
	int64_t iv = take_invite(f);
	size_t nn = 0;

	assert_false(mail_says(f, MAIL_THANK_YOU, "ada.brooks@acme.com", "billing"));
	mail(&d, DETECT_OTHER, "Jane Doe", "jane@example.net", "<mine-1@example.net>", INVITE);
	assert_int_equal(take(f, &d, "Ada: the billing design was fun", &t), FOLLOWUP_NOTES);
	assert_string_equal(t.kind, "notes");
	assert_int_equal(t.track.interview_id, iv);
	followup_taken_clear(&t);
	assert_int_equal(store_note_list(f->ts->st, iv, &notes, &nn), 0);
	assert_int_equal(nn, 1);
	assert_string_equal(notes[0].source, "mail");
	store_notes_free(notes, nn);
	assert_true(mail_says(f, MAIL_THANK_YOU, "ada.brooks@acme.com", "billing"));
	assert_false(mail_says(f, MAIL_THANK_YOU, "bob.lee@acme.com", "billing"));
}

static void
test_own_mail_outside_threads(void **state)
{
	struct fx *f = *state;
	struct followup_taken t;
	struct detection d;

	take_invite(f);
	mail(&d, DETECT_OTHER, "Jane Doe", "jane@example.net", "<mine-2@example.net>", NULL);
	assert_int_equal(take(f, &d, "Ada: nothing", &t), FOLLOWUP_OWN);
	assert_string_equal(t.kind, "own");
	assert_int_equal(t.track.interview_id, 0);
	followup_taken_clear(&t);
	/* In the thread, but nothing new in it. */
	mail(&d, DETECT_OTHER, "Jane Doe", "jane@example.net", "<mine-3@example.net>", INVITE);
	assert_int_equal(take(f, &d, NULL, NULL), FOLLOWUP_OWN);
}

static void
test_other_mail_in_a_thread_is_a_reply(void **state)
{
	struct fx *f = *state;
	struct followup_taken t;
	struct detection d;

	take_invite(f);
	mail(&d, DETECT_OTHER, "Lunch", "lunch@example.org", "<lunch@example.org>", NULL);
	assert_int_equal(take(f, &d, NULL, &t), FOLLOWUP_OTHER);
	assert_string_equal(t.kind, "other");
	followup_taken_clear(&t);
	mail(&d, DETECT_OTHER, "Ravi Menon", "ravi.menon@acme.com", "<re-1@acme.com>", INVITE);
	assert_int_equal(take(f, &d, NULL, &t), FOLLOWUP_TRACKED);
	assert_string_equal(t.kind, "reply");
	assert_true(t.track.application_id > 0);
	followup_taken_clear(&t);
	/* an out-of-office answer in the same thread is nobody's reply */
	mail(&d, DETECT_OTHER, "Ravi Menon", "ravi.menon@acme.com", "<oof-1@acme.com>", INVITE);
	d.rule = detect_rule_name("auto-reply");
	assert_int_equal(take(f, &d, NULL, &t), FOLLOWUP_OTHER);
	assert_string_equal(t.kind, "other");
	followup_taken_clear(&t);
}

/* A job mail without an interview time (the fallback rule "no-time") plans
 * nothing but is left for the user to look at, with why; a mail with no
 * job in it, or one placed by any other rule, is not. */
static void
test_job_mail_without_a_time_is_unplaced(void **state)
{
	struct fx *f = *state;
	struct followup_taken t;
	struct detection d;

	mail(&d, DETECT_OTHER, "Ravi Menon", "ravi.menon@acme.com", "<next-1@acme.com>", NULL);
	d.rule = detect_rule_name("no-time");
	d.reason = xstrdup("about a job, but no interview time");
	d.confidence = DETECT_LOW;
	assert_int_equal(take(f, &d, NULL, &t), FOLLOWUP_OTHER);
	assert_string_equal(t.kind, "other");
	assert_non_null(t.unplaced);
	assert_string_equal(t.unplaced, "about a job, but no interview time");
	assert_int_equal(count_interviews(f), 0);
	followup_taken_clear(&t);
	mail(&d, DETECT_OTHER, "Lunch", "lunch@example.org", "<lunch-2@example.org>", NULL);
	d.rule = detect_rule_name("no-job");
	assert_int_equal(take(f, &d, NULL, &t), FOLLOWUP_OTHER);
	assert_null(t.unplaced);
	followup_taken_clear(&t);
	mail(&d, DETECT_OTHER, "Ravi Menon", "ravi.menon@acme.com", "<alert-1@acme.com>", NULL);
	d.rule = detect_rule_name("job-alert");
	assert_int_equal(take(f, &d, NULL, &t), FOLLOWUP_OTHER);
	assert_null(t.unplaced);
	followup_taken_clear(&t);
}

/* An unplaced mail as the daemon records it (daemon_mail). */
static int64_t
seen_unplaced(struct fx *f, uint32_t uid, const char *from, const char *msgid)
{
	struct store_seen m = { .folder = "INBOX", .uidvalidity = 7, .uid = uid, .kind = "other",
	    .subject = "Next steps", .from = from, .message_id = msgid, .date = NOW - 3600,
	    .outcome = STORE_SEEN_IGNORED, .doubt = "about a job, but no interview time" };
	struct store_unplaced *rows = NULL;
	size_t n = 0;
	int64_t id = 0;

	assert_int_equal(store_seen_add(f->ts->st, &m), 1);
	assert_int_equal(store_unplaced_list(f->ts->st, NOW, true, &rows, &n), 0);
	for (size_t i = 0; i < n; i++)
		if (rows[i].uid == uid)
			id = rows[i].id;
	store_unplaced_free(rows, n);
	assert_true(id > 0);
	return id;
}

static int64_t
unplaced_waiting(struct fx *f)
{
	int64_t n = -1;

	assert_int_equal(store_unplaced_count(f->ts->st, NOW, &n), 0);
	return n;
}

/* A later mail of an unplaced mail's thread that is placed (an invite in
 * answer to "next steps") places it: it leaves the list, and the thread
 * leads to the interview; a mail outside the thread places nothing. */
static void
test_thread_places_unplaced(void **state)
{
	struct fx *f = *state;
	struct followup_taken t;
	struct detection d;
	struct store_unplaced u;
	int64_t id, app, iv;

	id = seen_unplaced(f, 41, "Ravi Menon <ravi.menon@acme.com>", "<next-1@acme.com>");
	take_invite(f);                 /* no thread: places nothing */
	assert_int_equal(unplaced_waiting(f), 1);
	invite(&d, 1, START + 86400, "<invite-2@acme.com>");
	d.in_reply_to = xstrdup("<next-1@acme.com>");
	add_reference(&d, "<older@acme.com>");
	add_reference(&d, "<next-1@acme.com>");
	assert_int_equal(take(f, &d, NULL, &t), FOLLOWUP_TRACKED);
	assert_int_equal(t.placed, 1);
	assert_int_equal(unplaced_waiting(f), 0);
	assert_int_equal(store_unplaced_get(f->ts->st, id, &u), 1);
	assert_int_equal(u.interview_id, t.track.interview_id);
	assert_int_equal(u.application_id, t.track.application_id);
	assert_int_equal(u.dismissed_at, NOW);
	store_unplaced_clear(&u);
	assert_int_equal(store_application_by_message_id(f->ts->st, "<next-1@acme.com>", &app,
	    &iv), 1);
	assert_int_equal(iv, t.track.interview_id);
	followup_taken_clear(&t);
	/* placed once: the same thread again places nothing */
	invite(&d, 2, START + 2 * 86400, "<invite-3@acme.com>");
	d.in_reply_to = xstrdup("<next-1@acme.com>");
	assert_int_equal(take(f, &d, NULL, &t), FOLLOWUP_TRACKED);
	assert_int_equal(t.placed, 0);
	followup_taken_clear(&t);
}

/* followupctl add-interview --unplaced: the interview gets the mail's
 * sender as its contact (unless a robot sent it, or the user names one),
 * the mail as its source; the mail leaves the list; twice is no. */
static void
test_place_unplaced_by_hand(void **state)
{
	struct fx *f = *state;
	struct interview_facts facts = { .change = TRACK_ANNOUNCED };
	struct track_result tr;
	struct interview iv;
	int64_t id, robot, *apps = NULL, app, ivid;
	size_t napps = 0;

	id = seen_unplaced(f, 41, "Ellie Marsh <ellie.marsh@ledgerly.example>", "<panel@ledgerly.example>");
	robot = seen_unplaced(f, 42, "no-reply@ledgerly.example", "<auto@ledgerly.example>");
	facts.company = xstrdup("Ledgerly");
	facts.has_start = true;
	facts.start = START;
	facts.timezone = xstrdup("Europe/London");
	assert_int_equal(followup_place_unplaced(&f->fu, id, &facts, NOW, &tr), 1);
	assert_false(store_in_transaction(f->ts->st));
	assert_true(tr.interview_new);
	assert_string_equal(facts.contact.email, "ellie.marsh@ledgerly.example");
	assert_string_equal(facts.contact.name, "Ellie Marsh");
	assert_int_equal(store_application_by_contact(f->ts->st, "ellie.marsh@ledgerly.example",
	    &apps, &napps), 0);
	assert_int_equal(napps, 1);
	assert_int_equal(apps[0], tr.application_id);
	free(apps);
	assert_int_equal(store_interview_get(f->ts->st, tr.interview_id, &iv), 1);
	assert_string_equal(iv.source_message_id, "<panel@ledgerly.example>");
	assert_string_equal(iv.source_subject, "Next steps");
	interview_clear(&iv);
	assert_int_equal(store_application_by_message_id(f->ts->st, "<panel@ledgerly.example>",
	    &app, &ivid), 1);
	assert_int_equal(ivid, tr.interview_id);
	assert_int_equal(unplaced_waiting(f), 1);
	assert_int_equal(followup_place_unplaced(&f->fu, id, &facts, NOW, &tr), 0);
	assert_int_equal(followup_place_unplaced(&f->fu, 999, &facts, NOW, &tr), 0);
	track_facts_clear(&facts);

	/* a robot's mail: no contact from it */
	memset(&facts, 0, sizeof(facts));
	facts.company = xstrdup("Ledgerly");
	facts.has_start = true;
	facts.start = START + 7 * 86400;
	assert_int_equal(followup_place_unplaced(&f->fu, robot, &facts, NOW, &tr), 1);
	assert_null(facts.contact.email);
	assert_null(facts.contact.name);
	assert_int_equal(unplaced_waiting(f), 0);
	track_facts_clear(&facts);
	/* a dismissed one cannot be placed */
	id = seen_unplaced(f, 43, "Ellie Marsh <ellie.marsh@ledgerly.example>", "<later@ledgerly.example>");
	assert_int_equal(store_unplaced_dismiss(f->ts->st, id, NOW), 1);
	memset(&facts, 0, sizeof(facts));
	facts.company = xstrdup("Ledgerly");
	facts.has_start = true;
	facts.start = START;
	assert_int_equal(followup_place_unplaced(&f->fu, id, &facts, NOW, &tr), 0);
	track_facts_clear(&facts);
}

/* What the store holds, to compare before and after. */
struct snapshot {
	size_t interviews, mails;
	int64_t due_sum;
	unsigned statuses;
};

static void
snap(struct fx *f, struct snapshot *s)
{
	struct store_outbox_row *rows = NULL;

	memset(s, 0, sizeof(*s));
	s->interviews = count_interviews(f);
	s->mails = mails(f, -1, NULL, &rows);
	for (size_t i = 0; i < s->mails; i++) {
		s->due_sum += rows[i].m.due;
		s->statuses |= STORE_BIT(rows[i].m.status);
	}
	store_outbox_rows_free(rows, s->mails);
}

static void
test_mail_seen_twice_changes_nothing(void **state)
{
	struct fx *f = *state;
	struct snapshot a, b;
	struct detection d;

	take_invite(f);
	mail(&d, DETECT_REJECTION, "Tess Hiring", "tess.hiring@acme.com", "<no-1@acme.com>", INVITE);
	take(f, &d, NULL, NULL);
	snap(f, &a);
	invite(&d, 0, START, INVITE);
	assert_int_equal(take(f, &d, NULL, NULL), FOLLOWUP_TRACKED);
	mail(&d, DETECT_REJECTION, "Tess Hiring", "tess.hiring@acme.com", "<no-1@acme.com>", INVITE);
	assert_int_equal(take(f, &d, NULL, NULL), FOLLOWUP_TRACKED);
	snap(f, &b);
	assert_int_equal(b.interviews, a.interviews);
	assert_int_equal(b.mails, a.mails);
	assert_int_equal(b.due_sum, a.due_sum);
	assert_int_equal(b.statuses, a.statuses);
}

static void
test_distrusted_sender_holds_mails(void **state)
{
	struct fx *f = *state;
	struct store_outbox_row *rows = NULL;
	struct followup_taken t;
	struct detection d;
	size_t n;

	invite(&d, 0, START, INVITE);
	free(d.from.email);
	d.from.email = xstrdup("mallory@elsewhere.example");
	assert_int_equal(take(f, &d, NULL, &t), FOLLOWUP_TRACKED);
	assert_non_null(t.held);
	assert_non_null(strstr(t.held, "mallory@elsewhere.example"));
	followup_taken_clear(&t);
	n = mails(f, -1, NULL, &rows);
	assert_true(n > 0);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(rows[i].m.status, MAIL_HELD);
	store_outbox_rows_free(rows, n);
}

/* A doubtful reading (low confidence) holds the interview's mails in auto
 * mode, with the doubt as the reason; the interview remembers it and the
 * audit log says so. */
static void
test_doubt_holds_mails(void **state)
{
	struct fx *f = *state;
	struct store_outbox_row *rows = NULL;
	struct followup_taken t;
	struct interview iv = { 0 };
	struct detection d;
	size_t n;

	invite(&d, 0, START, INVITE);
	d.confidence = DETECT_LOW;
	d.reasons = xcalloc(2, sizeof(char *));
	d.reasons[0] = xstrdup("interview with a time in the text");
	d.reasons[1] = xstrdup("no time zone in the mail");
	d.nreasons = 2;
	assert_int_equal(take(f, &d, NULL, &t), FOLLOWUP_TRACKED);
	assert_int_equal(store_interview_get(f->ts->st, t.track.interview_id, &iv), 1);
	assert_string_equal(iv.doubt, "no time zone in the mail");
	interview_clear(&iv);
	followup_taken_clear(&t);
	n = mails(f, -1, NULL, &rows);
	assert_true(n > 0);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(rows[i].m.status, MAIL_HELD);
		assert_string_equal(rows[i].m.hold_reason, "low confidence: no time zone in the mail");
	}
	store_outbox_rows_free(rows, n);
}

/* A doubtful update of a sure interview holds the mails already waiting. */
static void
test_doubtful_update_holds_waiting_mails(void **state)
{
	struct fx *f = *state;
	struct store_outbox_row *rows = NULL;
	struct detection d;
	size_t n;

	take_invite(f);
	assert_int_equal(count_mails(f, MAIL_THANK_YOU, "ada.brooks@acme.com"), 1);
	invite(&d, 1, START + 86400, "<moved@acme.com>");
	d.confidence = DETECT_LOW;
	d.reasons = xcalloc(2, sizeof(char *));
	d.reasons[0] = xstrdup("interview moved, time in the text");
	d.reasons[1] = xstrdup("company unknown");
	d.nreasons = 2;
	assert_int_equal(take(f, &d, NULL, NULL), FOLLOWUP_TRACKED);
	n = mails(f, MAIL_THANK_YOU, "ada.brooks@acme.com", &rows);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].m.status, MAIL_HELD);
	assert_string_equal(rows[0].m.hold_reason, "low confidence: company unknown");
	store_outbox_rows_free(rows, n);
}

/* A reply in the interview's thread that takes someone off the panel
 * ("Bob is out, so Cleo will sit in"): in review mode as in auto, every
 * mail of the interview waits for the user, with the sentence. */
static void
test_panel_change_holds_mails(void **state)
{
	struct fx *f = *state;
	struct store_outbox_row *rows = NULL;
	struct detection d;
	size_t n;

	take_invite(f);
	assert_int_equal(count_mails(f, MAIL_THANK_YOU, "bob.lee@acme.com"), 1);
	mail(&d, DETECT_REPLY, "Ravi Menon", "ravi.menon@acme.com", "<panel@acme.com>", INVITE);
	d.panel_change = xstrdup("Bob is out sick, so Cleo Park will sit in instead");
	assert_int_equal(take(f, &d, NULL, NULL), FOLLOWUP_TRACKED);
	n = mails(f, MAIL_THANK_YOU, "bob.lee@acme.com", &rows);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].m.status, MAIL_HELD);
	assert_non_null(strstr(rows[0].m.hold_reason, "Bob is out sick"));
	assert_non_null(strstr(rows[0].m.hold_reason, "check who is thanked"));
	store_outbox_rows_free(rows, n);
}

/* The nearest message of the thread that names an interview wins over a
 * nearer one known only for its application (track_thread). */
static void
test_notes_follow_the_thread_to_the_interview(void **state)
{
	struct fx *f = *state;
	struct store_seen seen = {
		.folder = "INBOX", .uidvalidity = 1, .uid = 7, .message_id = "<status@acme.com>",
		.kind = "reply", .outcome = STORE_SEEN_HANDLED,
	};
	struct followup_taken t;
	struct detection d;
	int64_t iv;

	invite(&d, 0, START, INVITE);
	take(f, &d, NULL, &t);
	iv = t.track.interview_id;
	seen.application_id = t.track.application_id;
	followup_taken_clear(&t);
	assert_int_equal(store_seen_add(f->ts->st, &seen), 1);
	mail(&d, DETECT_OTHER, "Jane Doe", "jane@example.net", "<mine-4@example.net>",
	    "<status@acme.com>");
	free(d.references[0]);
	d.references[0] = xstrdup(INVITE);
	add_reference(&d, "<status@acme.com>");
	assert_int_equal(take(f, &d, "All: thanks", &t), FOLLOWUP_NOTES);
	assert_int_equal(t.track.interview_id, iv);
	followup_taken_clear(&t);
}

/* ---- the user's own sent mail ---- */

/* The status of the only mail of kind to email. */
static enum mail_status
status_of(struct fx *f, int kind, const char *email, char **cancel_reason)
{
	struct store_outbox_row *rows = NULL;
	enum mail_status st;

	assert_int_equal(mails(f, kind, email, &rows), 1);
	st = rows[0].m.status;
	if (cancel_reason)
		*cancel_reason = dup0(rows[0].m.cancel_reason);
	store_outbox_rows_free(rows, 1);
	return st;
}

/* Take the user's sent mail d in at `at` (and free it); the decisions. */
static size_t
take_sent(struct fx *f, struct detection *d, time_t at, enum sentmail_act *first)
{
	struct sentmail_result r;
	size_t n;

	assert_int_equal(followup_take_sent(&f->fu, d, at, &r), 0);
	assert_false(store_in_transaction(f->ts->st));
	detection_free(d);
	n = r.n;
	*first = r.v[0].act;
	sentmail_result_clear(&r);
	return n;
}

/*
 * Jane's own thank-you to Ada, after the interview began, cancels Ada's
 * (with the reason, and an event) and not Bob's; before it began, it
 * keeps it; followupd's own mail changes nothing; a mail in the thread
 * of the invite is activity; Jane's mail is never taken as job mail.
 */
static void
test_sent_mail_supersedes_one(void **state)
{
	struct fx *f = *state;
	struct store_event *ev = NULL;
	struct store_outbox_row *rows = NULL;
	struct detection d;
	enum sentmail_act act;
	bool superseded = false, activity = false;
	char *reason = NULL;
	size_t n;

	take_invite(f);
	/* Before the interview: kept. */
	mail(&d, DETECT_INTERVIEW, "Jane Doe", "jane@example.net", "<early@example.net>", NULL);
	add_person(&d.recipients, &d.nrecipients, "Ada Brooks", "ada.brooks@acme.com");
	d.date = START - 3600;
	assert_int_equal(take_sent(f, &d, START - 3600, &act), 1);
	assert_int_equal(act, SENTMAIL_KEEP);
	assert_int_equal(status_of(f, MAIL_THANK_YOU, "ada.brooks@acme.com", NULL), MAIL_PENDING);

	/* followupd's own mail (its Message-ID in the outbox): nothing. */
	assert_int_equal(mails(f, MAIL_THANK_YOU, "bob.lee@acme.com", &rows), 1);
	mail(&d, DETECT_OTHER, "Jane Doe", "jane@example.net", rows[0].m.message_id, NULL);
	store_outbox_rows_free(rows, 1);
	add_person(&d.recipients, &d.nrecipients, "Bob Lee", "bob.lee@acme.com");
	d.date = START + 7200;
	assert_int_equal(take_sent(f, &d, START + 7200, &act), 1);
	assert_int_equal(act, SENTMAIL_NOTHING);
	assert_int_equal(status_of(f, MAIL_THANK_YOU, "bob.lee@acme.com", NULL), MAIL_PENDING);

	/* After it began, in the invite's thread: Ada's is cancelled, Bob's stays. */
	mail(&d, DETECT_REPLY, "Jane Doe", "jane@example.net", "<mine@example.net>", INVITE);
	add_person(&d.recipients, &d.nrecipients, "Ada Brooks", "Ada.Brooks@acme.com");
	d.date = START + 5400;
	assert_int_equal(take_sent(f, &d, START + 7200, &act), 2);
	assert_int_equal(act, SENTMAIL_SUPERSEDE);
	assert_int_equal(status_of(f, MAIL_THANK_YOU, "ada.brooks@acme.com", &reason),
	    MAIL_CANCELLED);
	assert_string_equal(reason, "you wrote to Ada Brooks yourself at 11:30 GMT");
	free(reason);
	assert_int_equal(status_of(f, MAIL_THANK_YOU, "bob.lee@acme.com", NULL), MAIL_PENDING);
	assert_int_equal(count_interviews(f), 1);      /* not taken as an interview */
	assert_int_equal(store_event_list(f->ts->st, 0, 0, &ev, &n), 0);
	for (size_t i = 0; i < n; i++) {
		superseded |= strcmp(ev[i].kind, "superseded") == 0 &&
		    strstr(ev[i].message, "yourself at 11:30") != NULL;
		activity |= strcmp(ev[i].kind, "activity") == 0;
	}
	store_events_free(ev, n);
	assert_true(superseded);
	assert_true(activity);
}

/* A reply that promises a decision date: the nudge waits for it (not
 * cancelled) and the interview keeps the date; a reply without one is news
 * that makes the nudge moot. */
static void
test_reply_with_decision_date(void **state)
{
	struct fx *f = *state;
	struct store_outbox_row *rows = NULL;
	struct interview iv = { 0 };
	struct followup_taken t;
	struct detection d;
	time_t before;
	int64_t id;

	f->cfg->status_nudge.enabled = true;
	f->cfg->status_nudge.repeat = 0;
	id = take_invite(f);
	assert_int_equal(mails(f, MAIL_STATUS_NUDGE, "ravi.menon@acme.com", &rows), 1);
	before = (time_t)rows[0].m.due;
	store_outbox_rows_free(rows, 1);

	mail(&d, DETECT_REPLY, "Ravi Menon", "ravi.menon@acme.com", "<decide@acme.com>", INVITE);
	d.decision_by = xstrdup("2027-01-29");
	assert_int_equal(take(f, &d, NULL, &t), FOLLOWUP_TRACKED);
	assert_true(t.track.decision_moved);
	assert_int_equal(t.track.interview_id, id);
	followup_taken_clear(&t);
	assert_int_equal(store_interview_get(f->ts->st, id, &iv), 1);
	assert_string_equal(iv.decision_by, "2027-01-29");
	interview_clear(&iv);
	assert_int_equal(mails(f, MAIL_STATUS_NUDGE, "ravi.menon@acme.com", &rows), 1);
	assert_int_equal(rows[0].m.status, MAIL_PENDING);
	assert_true((time_t)rows[0].m.due > (time_t)1801267200);   /* after 2027-01-29T23:59Z */
	assert_true((time_t)rows[0].m.due != before);
	store_outbox_rows_free(rows, 1);

	mail(&d, DETECT_REPLY, "Ravi Menon", "ravi.menon@acme.com", "<news@acme.com>", INVITE);
	assert_int_equal(take(f, &d, NULL, NULL), FOLLOWUP_TRACKED);
	assert_int_equal(status_of(f, MAIL_STATUS_NUDGE, "ravi.menon@acme.com", NULL),
	    MAIL_CANCELLED);
}

/* News with no time (an update by rule "news": a decision date, references)
 * creates no interview and moves none; a doubt in its reading holds
 * nothing (it plans no mail to anyone new); the decision date and the
 * references reach the interview. */
static void
test_news_update(void **state)
{
	struct fx *f = *state;
	struct store_outbox_row *rows = NULL;
	struct interview iv = { 0 };
	struct followup_taken t;
	struct detection d;
	int64_t id;
	size_t n;

	f->cfg->status_nudge.enabled = true;
	f->cfg->status_nudge.repeat = 0;
	id = take_invite(f);
	mail(&d, DETECT_UPDATE, "Ravi Menon", "ravi.menon@acme.com", "<news@acme.com>", INVITE);
	d.decision_by = xstrdup("2027-01-29");
	d.asks_references = true;
	d.confidence = DETECT_LOW;
	d.reasons = xcalloc(2, sizeof(char *));
	d.reasons[0] = xstrdup("news on the application from a person");
	d.reasons[1] = xstrdup("a company unknown");
	d.nreasons = 2;
	assert_int_equal(take(f, &d, NULL, &t), FOLLOWUP_TRACKED);
	assert_false(t.track.interview_new);
	assert_false(t.track.interview_moved);
	assert_true(t.track.decision_moved);
	assert_int_equal(t.track.interview_id, id);
	assert_null(t.held);
	followup_taken_clear(&t);
	assert_int_equal(store_interview_get(f->ts->st, id, &iv), 1);
	assert_string_equal(iv.decision_by, "2027-01-29");
	assert_true(iv.asks_references);
	assert_null(iv.doubt);
	assert_null(iv.hold_reason);
	assert_int_equal(iv.start, START);
	interview_clear(&iv);
	n = mails(f, -1, NULL, &rows);
	assert_true(n > 0);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(rows[i].m.status, MAIL_PENDING);
	store_outbox_rows_free(rows, n);
	assert_int_equal(mails(f, MAIL_STATUS_NUDGE, "ravi.menon@acme.com", &rows), 1);
	assert_true((time_t)rows[0].m.due > (time_t)1801267200);   /* after 2027-01-29T23:59Z */
	store_outbox_rows_free(rows, 1);
}

/* Interviews first and second may be one: each holds a reason naming
 * the other (second's starts with why), and Ada's two thank-yous wait. */
static void
assert_maybe_one(struct fx *f, int64_t first, int64_t second, const char *why)
{
	struct store_outbox_row *rows = NULL;
	struct interview iv = { 0 };
	size_t n;

	assert_true(second != first);
	assert_int_equal(store_interview_get(f->ts->st, second, &iv), 1);
	assert_non_null(iv.hold_reason);
	assert_true(strncmp(iv.hold_reason, why, strlen(why)) == 0);
	assert_non_null(strstr(iv.hold_reason, ": it may move interview"));
	assert_non_null(strstr(iv.hold_reason, "followupctl cancel --interview"));
	interview_clear(&iv);
	assert_int_equal(store_interview_get(f->ts->st, first, &iv), 1);
	assert_non_null(iv.hold_reason);
	assert_non_null(strstr(iv.hold_reason, "may move this one"));
	interview_clear(&iv);
	n = mails(f, MAIL_THANK_YOU, "ada.brooks@acme.com", &rows);
	assert_int_equal(n, 2);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(rows[i].m.status, MAIL_HELD);
	store_outbox_rows_free(rows, n);
}

/* An update for an invite never seen (another UID, no thread) while the
 * company has a scheduled interview: both may be one, so the mails of
 * both wait, each with the reason. */
static void
test_update_of_an_unknown_invite(void **state)
{
	struct fx *f = *state;
	struct followup_taken t;
	struct detection d;
	int64_t first, second;

	first = take_invite(f);
	invite(&d, 1, START + 2 * DAY, "<moved@acme.com>");
	free(d.event_uid);
	d.event_uid = xstrdup("uid-other@acme.com");
	free(d.role);
	d.role = xstrdup("Backend Engineer (Platform)");
	assert_int_equal(take(f, &d, NULL, &t), FOLLOWUP_TRACKED);
	second = t.track.interview_id;
	followup_taken_clear(&t);
	assert_maybe_one(f, first, second, "an update to an invite followupd never saw");
}

/* Ravi's prose move of an interview whose invite came another way: no
 * UID, no thread, the new time, and the days the mail names. */
static void
prose_move(struct detection *d, time_t start, time_t written, const char *day1,
		const char *day2, const char *msgid)
{
	invite(d, 1, start, msgid);
	free(d->event_uid);
	d->event_uid = NULL;
	d->sequence = 0;
	d->date = written;
	d->days = xcalloc(2, sizeof(char *));
	d->days[d->ndays++] = xstrdup(day1);
	if (day2)
		d->days[d->ndays++] = xstrdup(day2);
}

/* "Your interview of Tuesday 5 January moves to Thursday 7 January":
 * outside any thread, the mail names the day of the one interview of
 * Ravi's application still to come, which moves; no second interview,
 * nothing held.  A day that is no interview's leaves the doubt (both
 * held). */
static void
test_update_names_the_day(void **state)
{
	struct fx *f = *state;
	struct followup_taken t;
	struct interview iv = { 0 };
	struct detection d;
	int64_t first, second;

	first = take_invite(f);
	prose_move(&d, START + 2 * DAY, NOW, "2027-01-05", "2027-01-07", "<moved@acme.com>");
	assert_int_equal(take(f, &d, NULL, &t), FOLLOWUP_TRACKED);
	assert_int_equal(t.track.interview_id, first);
	assert_false(t.track.interview_new);
	assert_true(t.track.interview_moved);
	followup_taken_clear(&t);
	assert_int_equal(count_interviews(f), 1);
	assert_int_equal(store_interview_get(f->ts->st, first, &iv), 1);
	assert_int_equal(iv.start, START + 2 * DAY);
	assert_null(iv.hold_reason);
	interview_clear(&iv);

	/* the mail names only its new day and one that is nobody's: which
	 * interview it moves is the user's to say */
	prose_move(&d, START + 4 * DAY, NOW, "2027-01-09", "2027-01-08", "<moved-2@acme.com>");
	assert_int_equal(take(f, &d, NULL, &t), FOLLOWUP_TRACKED);
	second = t.track.interview_id;
	assert_true(t.track.interview_new);
	followup_taken_clear(&t);
	assert_maybe_one(f, first, second, "an update to an invite followupd never saw");
}

/* An update written after an interview took place cannot move it: the
 * new time is another interview, and the one past is not held. */
static void
test_update_after_the_interview(void **state)
{
	struct fx *f = *state;
	struct followup_taken t;
	struct interview iv = { 0 };
	struct detection d;
	int64_t first, second;

	first = take_invite(f);
	prose_move(&d, START + 3 * DAY, START + DAY, "2027-01-05", NULL, "<later@acme.com>");
	assert_int_equal(take(f, &d, NULL, &t), FOLLOWUP_TRACKED);
	second = t.track.interview_id;
	assert_true(t.track.interview_new);
	followup_taken_clear(&t);
	assert_true(second != first);
	assert_int_equal(store_interview_get(f->ts->st, first, &iv), 1);
	assert_int_equal(iv.start, START);
	assert_null(iv.hold_reason);
	interview_clear(&iv);
	assert_int_equal(store_interview_get(f->ts->st, second, &iv), 1);
	assert_null(iv.hold_reason);
	interview_clear(&iv);
}

/* "The room changes; the rest of the programme is unchanged": a
 * time-kept update in the thread adds what it says and keeps the
 * interview's time, however the time of one session in it was read. */
static void
test_time_kept_update(void **state)
{
	struct fx *f = *state;
	struct followup_taken t;
	struct interview iv = { 0 };
	struct detection d;
	int64_t first;

	first = take_invite(f);
	mail(&d, DETECT_UPDATE, "Ravi Menon", "ravi.menon@acme.com", "<room@acme.com>", INVITE);
	d.company = xstrdup("Acme");
	d.has_start = d.has_end = true;
	d.start = START + 4 * 3600;
	d.end = START + 5 * 3600;
	d.location = xstrdup("Room 2.14, Hadley Building");
	d.rule = "time-kept";
	assert_int_equal(take(f, &d, NULL, &t), FOLLOWUP_TRACKED);
	assert_int_equal(t.track.interview_id, first);
	assert_false(t.track.interview_moved);
	followup_taken_clear(&t);
	assert_int_equal(store_interview_get(f->ts->st, first, &iv), 1);
	assert_int_equal(iv.start, START);
	assert_int_equal(iv.end, START + 3600);
	assert_string_equal(iv.location, "Room 2.14, Hadley Building");
	interview_clear(&iv);
}

/* A prose mail in the thread of tomorrow's interview, read as an
 * invitation at another time, before that interview took place: it may
 * be the interview moved, so the mails of both wait; written after it, it
 * is the next round and nothing waits. */
static void
thread_time(struct detection *d, time_t start, time_t written, const char *msgid)
{
	mail(d, DETECT_INTERVIEW, "Ravi Menon", "ravi.menon@acme.com", msgid, INVITE);
	d->company = xstrdup("Acme");
	d->role = xstrdup("Backend Engineer");
	d->has_start = d->has_end = true;
	d->start = start;
	d->end = start + 3600;
	d->date = written;
	add_person(&d->interviewers, &d->ninterviewers, "Ada Brooks", "ada.brooks@acme.com");
}

static void
test_new_time_in_the_thread_before_the_interview(void **state)
{
	struct fx *f = *state;
	struct followup_taken t;
	struct detection d;
	int64_t first, second;

	first = take_invite(f);
	thread_time(&d, START + 2 * DAY, NOW, "<moved-prose@acme.com>");
	assert_int_equal(take(f, &d, NULL, &t), FOLLOWUP_TRACKED);
	second = t.track.interview_id;
	followup_taken_clear(&t);
	assert_maybe_one(f, first, second,
	    "a new time in the thread of an interview before it took place");
}

static void
test_next_round_in_the_thread(void **state)
{
	struct fx *f = *state;
	struct interview iv = { 0 };
	struct followup_taken t;
	struct detection d;
	int64_t first, second;

	first = take_invite(f);
	/* written the day after the first interview: the next round */
	thread_time(&d, START + 5 * DAY, START + DAY, "<round-2@acme.com>");
	assert_int_equal(take(f, &d, NULL, &t), FOLLOWUP_TRACKED);
	second = t.track.interview_id;
	assert_true(second != first);
	followup_taken_clear(&t);
	assert_int_equal(store_interview_get(f->ts->st, second, &iv), 1);
	assert_null(iv.hold_reason);
	interview_clear(&iv);
	assert_int_equal(store_interview_get(f->ts->st, first, &iv), 1);
	assert_null(iv.hold_reason);
	interview_clear(&iv);
}

/* ---- by hand ---- */

static void
hand_facts(struct interview_facts *fa)
{
	memset(fa, 0, sizeof(*fa));
	fa->change = TRACK_ANNOUNCED;
	fa->company = xstrdup("Globex");
	fa->role = xstrdup("SRE");
	fa->has_start = true;
	fa->start = START;
	fa->timezone = xstrdup("Europe/London");
	fa->reason = xstrdup("entered by hand");
	track_facts_add_interviewer(fa, "Hank Scorpio", "hank@globex.example");
	track_facts_add_interviewer(fa, "Jane Doe", "jane@example.net");
}

static void
test_add_interview_by_hand(void **state)
{
	struct fx *f = *state;
	struct interview_facts fa;
	struct participant *people = NULL;
	struct track_result tr;
	size_t np = 0;

	hand_facts(&fa);
	assert_int_equal(followup_add_interview(&f->fu, &fa, NOW, &tr), 0);
	assert_false(store_in_transaction(f->ts->st));
	assert_true(tr.interview_new);
	assert_int_equal(count_mails(f, MAIL_THANK_YOU, "hank@globex.example"), 1);
	{
		/* typed in by hand: sure, so not held in auto mode */
		struct store_outbox_row *rows = NULL;
		size_t n = mails(f, MAIL_THANK_YOU, "hank@globex.example", &rows);

		assert_int_equal(rows[0].m.status, MAIL_PENDING);
		store_outbox_rows_free(rows, n);
	}
	/* The user is not an interviewer of their own interview. */
	assert_int_equal(store_interview_people(f->ts->st, tr.interview_id, &people, &np), 0);
	assert_int_equal(np, 1);
	participants_free(people, np);
	/* The same again confirms it. */
	assert_int_equal(followup_add_interview(&f->fu, &fa, NOW, &tr), 0);
	assert_false(tr.interview_new);
	assert_true(tr.interview_id > 0);
	assert_int_equal(count_interviews(f), 1);
	assert_int_equal(count_mails(f, MAIL_THANK_YOU, NULL), 1);
	track_facts_clear(&fa);
}

static void
test_add_notes_by_hand(void **state)
{
	struct fx *f = *state;
	struct store_note *notes = NULL;
	int64_t iv = take_invite(f);
	size_t nn = 0;

	assert_int_equal(followup_add_notes(&f->fu, iv + 100, "followupctl", NULL, "x", NOW), 0);
	assert_int_equal(followup_add_notes(&f->fu, iv, "followupctl", NULL,
	    "Bob: the billing talk", NOW), 1);
	assert_false(store_in_transaction(f->ts->st));
	assert_int_equal(store_note_list(f->ts->st, iv, &notes, &nn), 0);
	assert_int_equal(nn, 1);
	assert_string_equal(notes[0].source, "followupctl");
	store_notes_free(notes, nn);
	assert_true(mail_says(f, MAIL_THANK_YOU, "bob.lee@acme.com", "billing"));
}

/* Inside the caller's transaction (watch's record step) a use case joins
 * it: a rollback takes it all back. */
static void
test_joins_the_callers_transaction(void **state)
{
	struct fx *f = *state;
	struct detection d;

	assert_int_equal(store_begin(f->ts->st), 0);
	invite(&d, 0, START, INVITE);
	assert_int_equal(followup_take_mail(&f->fu, &d, NULL, NOW,
	    &(struct followup_taken){ 0 }), 0);
	detection_free(&d);
	assert_true(store_in_transaction(f->ts->st));
	assert_int_equal(store_rollback(f->ts->st), 0);
	assert_int_equal(count_interviews(f), 0);
	assert_int_equal(count_mails(f, -1, NULL), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_new_interview_planned, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reschedule_moves_mails, setup, teardown),
		cmocka_unit_test_setup_teardown(test_panel_grows, setup, teardown),
		cmocka_unit_test_setup_teardown(test_confirmation_gives_an_address, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cancellation_cancels_waiting_mails, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rejection_asks_the_human_sender, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rejection_before_the_interview_holds, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_rejection_after_the_interview, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rejection_by_a_robot_asks_the_contact, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_own_reply_notes_rerender, setup, teardown),
		cmocka_unit_test_setup_teardown(test_own_mail_outside_threads, setup, teardown),
		cmocka_unit_test_setup_teardown(test_other_mail_in_a_thread_is_a_reply, setup, teardown),
		cmocka_unit_test_setup_teardown(test_thread_places_unplaced, setup, teardown),
		cmocka_unit_test_setup_teardown(test_place_unplaced_by_hand, setup, teardown),
		cmocka_unit_test_setup_teardown(test_job_mail_without_a_time_is_unplaced, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_mail_seen_twice_changes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_distrusted_sender_holds_mails, setup, teardown),
		cmocka_unit_test_setup_teardown(test_doubt_holds_mails, setup, teardown),
		cmocka_unit_test_setup_teardown(test_doubtful_update_holds_waiting_mails, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_panel_change_holds_mails, setup, teardown),
		cmocka_unit_test_setup_teardown(test_notes_follow_the_thread_to_the_interview, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_sent_mail_supersedes_one, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reply_with_decision_date, setup, teardown),
		cmocka_unit_test_setup_teardown(test_news_update, setup, teardown),
		cmocka_unit_test_setup_teardown(test_update_of_an_unknown_invite, setup, teardown),
		cmocka_unit_test_setup_teardown(test_update_names_the_day, setup, teardown),
		cmocka_unit_test_setup_teardown(test_update_after_the_interview, setup, teardown),
		cmocka_unit_test_setup_teardown(test_time_kept_update, setup, teardown),
		cmocka_unit_test_setup_teardown(test_new_time_in_the_thread_before_the_interview,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_next_round_in_the_thread, setup, teardown),
		cmocka_unit_test_setup_teardown(test_add_interview_by_hand, setup, teardown),
		cmocka_unit_test_setup_teardown(test_add_notes_by_hand, setup, teardown),
		cmocka_unit_test_setup_teardown(test_joins_the_callers_transaction, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
