/*
 * Unit tests for track: recognitions (built by hand) applied to a fresh
 * store in a temporary directory.
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
#include <unistd.h>

#include <cmocka.h>

#include "detect.h"
#include "store.h"
#include "message.h"
#include "track.h"
#include "util.h"
#include "when.h"

#define NOW ((int64_t)1799000000)       /* 2027-01-03 18:13:20 UTC, a Sunday */
#define START ((time_t)(NOW + 2 * 86400))

struct fx {
	char dir[256];
	struct store *st;
};

static int
setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof(*f));
	const char *tmp = getenv("TMPDIR");
	char *path, *err = NULL;

	snprintf(f->dir, sizeof(f->dir), "%s/test_track.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (mkdtemp(f->dir) == NULL)
		return -1;
	path = xasprintf("%s/state.db", f->dir);
	if (store_open(path, 0, &f->st, &err) != 0) {
		fprintf(stderr, "store_open: %s\n", err);
		return -1;
	}
	free(path);
	store_set_now(f->st, NOW);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;
	char *cmd = xasprintf("rm -rf '%s'", f->dir);

	store_close(f->st);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", f->dir);
	free(cmd);
	free(f);
	return 0;
}

/* ---- building detections ---- */

static char *
dup0(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static void
add_interviewer(struct detection *d, const char *name, const char *email)
{
	d->interviewers = xreallocarray(d->interviewers, d->ninterviewers + 1,
	    sizeof(*d->interviewers));
	d->interviewers[d->ninterviewers].name = dup0(name);
	d->interviewers[d->ninterviewers].email = dup0(email);
	d->ninterviewers++;
}

static void
add_reference(struct detection *d, const char *id)
{
	d->references = xreallocarray(d->references, d->nreferences + 1, sizeof(*d->references));
	d->references[d->nreferences++] = xstrdup(id);
}

/* The Acme invite: Ada and Bob interview, Ravi is the contact, and the
 * user's own address is among the attendees. */
static void
acme_invite(struct detection *d, const char *uid, int seq, time_t start, const char *msgid)
{
	memset(d, 0, sizeof(*d));
	d->kind = seq > 0 ? DETECT_UPDATE : DETECT_INTERVIEW;
	d->company = xstrdup("Acme");
	d->role = xstrdup("Backend Engineer");
	d->has_start = d->has_end = true;
	d->start = start;
	d->end = start + 3600;
	d->timezone = xstrdup("Europe/London");
	add_interviewer(d, "Ada Brooks", "ada.brooks@acme.com");
	add_interviewer(d, "Bob Lee", "bob.lee@acme.com");
	add_interviewer(d, "Jane Doe", "jane@example.net");
	d->contact.name = xstrdup("Ravi Menon");
	d->contact.email = xstrdup("ravi.menon@acme.com");
	d->from.name = xstrdup("Ravi Menon");
	d->from.email = xstrdup("ravi.menon@acme.com");
	d->event_uid = dup0(uid);
	d->sequence = seq;
	d->message_id = xstrdup(msgid);
	d->subject = xstrdup("Interview: Backend Engineer at Acme");
	d->meeting_url = xstrdup("https://meet.example.com/abc");
	d->reason = xstrdup("calendar invite with an interview keyword");
}

/* A mail about an application (reply / rejection / offer). */
static void
news(struct detection *d, enum detect_kind kind, const char *from, const char *msgid)
{
	memset(d, 0, sizeof(*d));
	d->kind = kind;
	d->from.email = dup0(from);
	d->message_id = xstrdup(msgid);
	d->subject = xstrdup("Re: your application");
}

static int64_t
apply(struct fx *f, struct detection *d, struct track_result *res)
{
	static const char *const mine[] = { "jane@example.net" };
	static const struct track_me me = { mine, 1, NULL };

	assert_int_equal(store_begin(f->st), 0);
	assert_int_equal(track_apply(f->st, d, &me, res), 0);
	assert_int_equal(store_commit(f->st), 0);
	detection_free(d);
	return res->interview_id;
}

static size_t
count_applications(struct fx *f)
{
	struct application *rows = NULL;
	size_t n = 0;

	assert_int_equal(store_application_list(f->st, &rows, &n), 0);
	store_applications_free(rows, n);
	return n;
}

static size_t
count_interviews(struct fx *f)
{
	struct store_interview_row *rows = NULL;
	size_t n = 0;

	assert_int_equal(store_interview_list(f->st, NULL, &rows, &n), 0);
	store_interviews_free(rows, n);
	return n;
}

static size_t
count_people(struct fx *f, int64_t iv)
{
	struct participant *rows = NULL;
	size_t n = 0;

	assert_int_equal(store_interview_people(f->st, iv, &rows, &n), 0);
	participants_free(rows, n);
	return n;
}

/* The number of events of this kind whose message holds needle. */
static size_t
count_events(struct fx *f, const char *kind, const char *needle)
{
	struct store_event *rows = NULL;
	size_t n = 0, hits = 0;

	assert_int_equal(store_event_list(f->st, 0, 0, &rows, &n), 0);
	for (size_t i = 0; i < n; i++)
		if (strcmp(rows[i].kind, kind) == 0 && (needle == NULL || strstr(rows[i].message, needle)))
			hits++;
	store_events_free(rows, n);
	return hits;
}

static void
dump_events(struct fx *f)
{
	struct store_event *rows = NULL;
	size_t n = 0;

	store_event_list(f->st, 0, 0, &rows, &n);
	for (size_t i = 0; i < n; i++)
		fprintf(stderr, "  event %s: %s\n", rows[i].kind, rows[i].message);
	store_events_free(rows, n);
}

/* Queue a mail for interview iv (or application app when iv is 0). */
static int64_t
mail(struct fx *f, enum mail_kind kind, int64_t app, int64_t iv, const char *to, int nth,
		int64_t due, enum mail_status status, const char *msgid)
{
	struct mail m = { .kind = kind, .status = MAIL_PENDING,
	    .application_id = app, .interview_id = iv, .recipient_email = (char *)to, .nth = nth,
	    .due = due, .message_id = (char *)msgid };
	int64_t id = 0;

	if (status == MAIL_HELD)
		m.status = MAIL_HELD;
	assert_int_equal(store_outbox_insert(f->st, &m, &id), 1);
	switch (status) {
	case MAIL_PENDING:
	case MAIL_HELD:
		break;
	case MAIL_SENT:
	case MAIL_DEFERRED:
	case MAIL_FAILED:
		assert_int_equal(store_outbox_claim(f->st, id, due), 1);
		assert_int_equal(store_outbox_set_status(f->st, id, status, NULL,
		    status == MAIL_DEFERRED ? due + 600 : 0), 1);
		break;
	default:
		fail_msg("mail(): status %d not supported", status);
	}
	return id;
}

static enum mail_status
mail_status(struct fx *f, int64_t id)
{
	struct mail m = { 0 };
	enum mail_status s;

	assert_int_equal(store_outbox_get(f->st, id, &m), 1);
	s = m.status;
	mail_clear(&m);
	return s;
}

static int64_t
mail_due(struct fx *f, int64_t id)
{
	struct mail m = { 0 };
	int64_t due;

	assert_int_equal(store_outbox_get(f->st, id, &m), 1);
	due = m.due;
	mail_clear(&m);
	return due;
}

#define assert_mail(f, id, st) do { \
	enum mail_status s_ = mail_status((f), (id)); \
	if (s_ != (st)) \
		fail_msg("%s:%d: mail %lld is %s, expected %s", __FILE__, __LINE__, \
		    (long long)(id), mail_status_name(s_), mail_status_name(st)); \
} while (0)

/* ---- tests ---- */

static void
test_new_interview(void **state)
{
	struct fx *f = *state;
	struct detection d;
	struct track_result res;
	struct application app = { 0 };
	struct interview iv = { 0 };
	struct participant *people = NULL;
	size_t np = 0;
	int64_t id;

	acme_invite(&d, "uid-1@acme.com", 0, START, "<invite-1@acme.com>");
	add_reference(&d, "<earlier@acme.com>");
	id = apply(f, &d, &res);
	assert_true(id > 0);
	assert_true(res.interview_new);
	assert_true(res.changed);
	assert_false(res.interview_moved);
	assert_false(res.interview_cancelled);
	assert_true(res.application_id > 0);

	assert_int_equal(store_application_get(f->st, res.application_id, &app), 1);
	assert_string_equal(app.company, "Acme");
	assert_string_equal(app.role, "Backend Engineer");
	assert_int_equal(app.status, APP_ACTIVE);
	assert_non_null(app.company_domain);
	assert_string_equal(app.company_domain, "acme.com");
	application_clear(&app);

	assert_int_equal(store_interview_get(f->st, id, &iv), 1);
	assert_int_equal(iv.application_id, res.application_id);
	assert_string_equal(iv.event_uid, "uid-1@acme.com");
	assert_int_equal(iv.start, START);
	assert_int_equal(iv.end, START + 3600);
	assert_int_equal(iv.status, IV_SCHEDULED);
	assert_string_equal(iv.source_message_id, "<invite-1@acme.com>");
	/* The thread a nudge replies into: the References, then the mail. */
	assert_non_null(iv.source_references);
	assert_string_equal(iv.source_references, "<earlier@acme.com> <invite-1@acme.com>");
	assert_string_equal(iv.meeting_url, "https://meet.example.com/abc");
	interview_clear(&iv);

	/* Everyone is linked, in their roles.  track does not filter the
	 * user's own address (detect already does; plan skips it). */
	assert_int_equal(store_interview_people(f->st, id, &people, &np), 0);
	assert_int_equal(np, 3);       /* the user's own address is not linked */
	{
		int interviewers = 0, contacts = 0;

		for (size_t i = 0; i < np; i++) {
			interviewers += people[i].role == ROLE_INTERVIEWER;
			contacts += people[i].role == ROLE_CONTACT;
			if (people[i].role == ROLE_CONTACT)
				assert_string_equal(people[i].email, "ravi.menon@acme.com");
		}
		assert_int_equal(interviewers, 2);
		assert_int_equal(contacts, 1);
	}
	participants_free(people, np);

	/* The audit log says what happened and why. */
	assert_int_equal(count_events(f, "application", "Acme"), 1);
	assert_int_equal(count_events(f, "interview", "<invite-1@acme.com>"), 1);
	assert_int_equal(count_events(f, "interview", "calendar invite with an interview keyword"), 1);
}

static void
test_same_invite_twice(void **state)
{
	struct fx *f = *state;
	struct detection d;
	struct track_result res;
	int64_t first, second;

	acme_invite(&d, "uid-1@acme.com", 0, START, "<invite-1@acme.com>");
	first = apply(f, &d, &res);
	acme_invite(&d, "uid-1@acme.com", 0, START, "<invite-1@acme.com>");
	second = apply(f, &d, &res);
	assert_int_equal(first, second);
	assert_false(res.interview_new);
	assert_false(res.interview_moved);
	assert_int_equal(count_applications(f), 1);
	assert_int_equal(count_interviews(f), 1);
	assert_int_equal(count_people(f, first), 3);   /* the user is not one */

	/* Without a calendar UID: found by application and start time. */
	acme_invite(&d, NULL, 0, START + 7 * 86400, "<plain-1@acme.com>");
	first = apply(f, &d, &res);
	assert_true(res.interview_new);
	acme_invite(&d, NULL, 0, START + 7 * 86400, "<plain-2@acme.com>");
	second = apply(f, &d, &res);
	assert_int_equal(first, second);
	assert_false(res.interview_new);
	assert_int_equal(count_interviews(f), 2);
	assert_int_equal(count_people(f, first), 3);   /* the user is not one */
	assert_int_equal(count_events(f, "seen", "<plain-2@acme.com>"), 1);
}

static void
test_update_moves(void **state)
{
	struct fx *f = *state;
	struct detection d;
	struct track_result res;
	struct interview iv = { 0 };
	int64_t id, app, pend, held, sent, other;
	const int64_t delta = 86400 + 1800;

	acme_invite(&d, "uid-1@acme.com", 0, START, "<invite-1@acme.com>");
	id = apply(f, &d, &res);
	app = res.application_id;
	pend = mail(f, MAIL_THANK_YOU, app, id, "ada.brooks@acme.com", 1, START + 9000,
	    MAIL_PENDING, NULL);
	held = mail(f, MAIL_REFLECTION, app, id, "jane@example.net", 1, START + 7200,
	    MAIL_HELD, NULL);
	sent = mail(f, MAIL_REFERENCE_WARNING, app, id, "bob@example.org", 1, NOW,
	    MAIL_SENT, NULL);

	/* A second interview elsewhere keeps its mails where they are. */
	acme_invite(&d, "uid-2@acme.com", 0, START + 20 * 86400, "<invite-2@acme.com>");
	other = mail(f, MAIL_THANK_YOU, app, apply(f, &d, &res), "ada.brooks@acme.com", 1,
	    START + 20 * 86400 + 9000, MAIL_PENDING, NULL);

	acme_invite(&d, "uid-1@acme.com", 1, START + delta, "<update-1@acme.com>");
	add_interviewer(&d, "Cleo New", "cleo@acme.com");
	assert_int_equal(apply(f, &d, &res), id);
	assert_true(res.interview_moved);
	assert_true(res.changed);
	assert_false(res.interview_new);
	assert_int_equal(store_interview_get(f->st, id, &iv), 1);
	assert_int_equal(iv.start, START + delta);
	assert_int_equal(iv.end, START + delta + 3600);
	assert_int_equal(iv.sequence, 1);
	interview_clear(&iv);
	assert_int_equal(count_people(f, id), 4);      /* one new; the user not linked */
	assert_int_equal(mail_due(f, pend), START + 9000 + delta);
	assert_int_equal(mail_due(f, held), START + 7200 + delta);
	assert_int_equal(mail_due(f, sent), NOW);
	assert_mail(f, sent, MAIL_SENT);
	assert_int_equal(mail_due(f, other), START + 20 * 86400 + 9000);
	assert_int_equal(count_interviews(f), 2);
	if (count_events(f, "moved", "<update-1@acme.com>") != 1) {
		dump_events(f);
		fail_msg("no 'moved' event");
	}
	assert_int_equal(count_events(f, "moved", "2 pending mail(s) moved"), 1);
}

/* "Could we move it to Thursday, same time?": a day, no hour. */
static void
day_move(struct detection *d, const char *day, const char *in_reply_to, const char *msgid)
{
	memset(d, 0, sizeof(*d));
	d->kind = DETECT_UPDATE;
	d->company = xstrdup("Acme");
	d->moved_day = xstrdup(day);
	d->from.email = xstrdup("ravi.menon@acme.com");
	d->contact.email = xstrdup("ravi.menon@acme.com");
	d->in_reply_to = dup0(in_reply_to);
	d->message_id = xstrdup(msgid);
}

/* A move to a day at the interview's own hour: in the interview's thread,
 * the interview moves to that day at its local hour (across a change of
 * summer time too), its length and its mails with it; outside any thread
 * nothing moves and the application's scheduled interviews are held. */
static void
test_day_moved(void **state)
{
	struct fx *f = *state;
	struct detection d;
	struct track_result res;
	struct interview iv = { 0 };
	int64_t id, app, pend, cst, other;
	/* Friday 12 March 2027, 15:00 in Chicago (CST, UTC-6) */
	const time_t fri = 1804885200;

	acme_invite(&d, "uid-1@acme.com", 0, START, "<invite-1@acme.com>");
	id = apply(f, &d, &res);
	app = res.application_id;
	pend = mail(f, MAIL_THANK_YOU, app, id, "ada.brooks@acme.com", 1, START + 9000,
	    MAIL_PENDING, NULL);
	day_move(&d, "2027-01-07", "<invite-1@acme.com>", "<move-1@acme.com>");
	assert_int_equal(apply(f, &d, &res), id);
	assert_true(res.interview_moved);
	assert_int_equal(store_interview_get(f->st, id, &iv), 1);
	assert_int_equal(iv.start, START + 2 * 86400);   /* 2027-01-05 -> 07, London */
	assert_int_equal(iv.end, START + 2 * 86400 + 3600);
	interview_clear(&iv);
	assert_int_equal(mail_due(f, pend), START + 9000 + 2 * 86400);
	assert_int_equal(count_interviews(f), 1);

	/* across the start of summer time: 15:00 CST on Friday is 15:00 CDT
	 * on Monday, an hour earlier in UTC */
	acme_invite(&d, "uid-2@acme.com", 0, fri, "<invite-2@acme.com>");
	free(d.timezone);
	d.timezone = xstrdup("America/Chicago");
	d.end = fri + 2700;
	cst = apply(f, &d, &res);
	day_move(&d, "2027-03-15", "<invite-2@acme.com>", "<move-2@acme.com>");
	assert_int_equal(apply(f, &d, &res), cst);
	assert_int_equal(store_interview_get(f->st, cst, &iv), 1);
	assert_int_equal(iv.start, fri + 3 * 86400 - 3600);
	assert_int_equal(iv.end, fri + 3 * 86400 - 3600 + 2700);
	interview_clear(&iv);

	/* no thread: which interview is not known; nothing moves, and the
	 * scheduled interviews of Ravi's application wait for the user */
	other = mail(f, MAIL_THANK_YOU, app, cst, "ada.brooks@acme.com", 1, fri + 90000,
	    MAIL_PENDING, NULL);
	day_move(&d, "2027-03-20", NULL, "<move-3@acme.com>");
	apply(f, &d, &res);
	assert_int_equal(count_interviews(f), 2);
	assert_int_equal(store_interview_get(f->st, cst, &iv), 1);
	assert_int_equal(iv.start, fri + 3 * 86400 - 3600);
	interview_clear(&iv);
	assert_mail(f, other, MAIL_HELD);
	assert_mail(f, pend, MAIL_HELD);
	if (count_events(f, "distrust", "moves an interview to 2027-03-20 at its own hour") != 2) {
		dump_events(f);
		fail_msg("the orphan day move held no interview");
	}
}

/* A reminder in prose of an invite known by its UID, the role spelt
 * another way ("Manager - Channelview" for "Manager \u2013 Channelview"):
 * the same interview, not a second application thanked and nudged twice. */
static void
test_same_minute_same_interview(void **state)
{
	struct fx *f = *state;
	struct detection d;
	struct track_result res;
	int64_t id;

	acme_invite(&d, "uid-1@acme.com", 0, START, "<invite-1@acme.com>");
	free(d.role);
	d.role = xstrdup("Logistics Manager \xe2\x80\x93 Channelview");
	id = apply(f, &d, &res);
	acme_invite(&d, NULL, 0, START, "<reminder@acme.com>");
	free(d.role);
	d.role = xstrdup("Logistics Manager - Channelview");
	assert_int_equal(apply(f, &d, &res), id);
	assert_false(res.interview_new);
	assert_int_equal(count_interviews(f), 1);
	assert_int_equal(count_applications(f), 1);
	/* another minute is another interview */
	acme_invite(&d, NULL, 0, START + 86400, "<round-2@acme.com>");
	apply(f, &d, &res);
	assert_true(res.interview_new);
	assert_int_equal(count_interviews(f), 2);
}

/* An update that seats the contact (Ravi, who sent the invite) on the
 * panel disagrees with the first reading: the interview gets a hold
 * reason, once, with an event; an update that seats only the panel
 * already known, or a person both readings seat, does not. */
static void
test_update_seats_the_contact(void **state)
{
	struct fx *f = *state;
	struct track_result res;
	struct detection d;
	struct interview iv = { 0 };
	int64_t id, id2;

	acme_invite(&d, "uid-seat@acme.com", 0, 1800000000, "<seat-0@acme.com>");
	id = apply(f, &d, &res);
	acme_invite(&d, "uid-seat@acme.com", 1, 1800003600, "<seat-1@acme.com>");
	id2 = apply(f, &d, &res);
	assert_int_equal(id2, id);
	assert_int_equal(store_interview_get(f->st, id, &iv), 1);
	assert_null(iv.hold_reason);
	interview_clear(&iv);

	acme_invite(&d, "uid-seat@acme.com", 2, 1800007200, "<seat-2@acme.com>");
	add_interviewer(&d, "Ravi Menon", "ravi.menon@acme.com");
	assert_int_equal(apply(f, &d, &res), id);
	assert_int_equal(store_interview_get(f->st, id, &iv), 1);
	assert_non_null(iv.hold_reason);
	assert_string_equal(iv.hold_reason, "a later mail seats Ravi Menon, the contact until then, "
	    "on the panel: who you meet is in doubt");
	interview_clear(&iv);
	assert_int_equal(count_events(f, "distrust", "seats Ravi Menon"), 1);
	/* seated now: a later update seating him again is no news */
	acme_invite(&d, "uid-seat@acme.com", 3, 1800010800, "<seat-3@acme.com>");
	add_interviewer(&d, "Ravi Menon", "ravi.menon@acme.com");
	assert_int_equal(apply(f, &d, &res), id);
	assert_int_equal(count_events(f, "distrust", "seats Ravi Menon"), 1);

	/* a first reading that seats the contact too: no doubt later */
	acme_invite(&d, "uid-both@acme.com", 0, 1800100000, "<both-0@acme.com>");
	add_interviewer(&d, "Ravi Menon", "ravi.menon@acme.com");
	id = apply(f, &d, &res);
	acme_invite(&d, "uid-both@acme.com", 1, 1800103600, "<both-1@acme.com>");
	add_interviewer(&d, "Ravi Menon", "ravi.menon@acme.com");
	assert_int_equal(apply(f, &d, &res), id);
	assert_int_equal(store_interview_get(f->st, id, &iv), 1);
	assert_null(iv.hold_reason);
	interview_clear(&iv);
}

static void
test_stale_sequence(void **state)
{
	struct fx *f = *state;
	struct detection d;
	struct track_result res;
	struct interview iv = { 0 };
	int64_t id, pend;

	acme_invite(&d, "uid-1@acme.com", 2, START, "<invite-1@acme.com>");
	d.kind = DETECT_INTERVIEW;
	id = apply(f, &d, &res);
	pend = mail(f, MAIL_THANK_YOU, res.application_id, id, "ada.brooks@acme.com", 1,
	    START + 9000, MAIL_PENDING, NULL);

	acme_invite(&d, "uid-1@acme.com", 1, START + 3 * 86400, "<old-update@acme.com>");
	assert_int_equal(apply(f, &d, &res), id);
	assert_false(res.interview_moved);
	assert_false(res.changed);
	assert_int_equal(store_interview_get(f->st, id, &iv), 1);
	assert_int_equal(iv.start, START);
	assert_int_equal(iv.sequence, 2);
	interview_clear(&iv);
	assert_int_equal(mail_due(f, pend), START + 9000);
	assert_int_equal(count_events(f, "ignored", "stale"), 1);
	/* The same SEQUENCE with a new time moves it (header: "higher or equal"). */
	acme_invite(&d, "uid-1@acme.com", 2, START + 3600, "<same-seq@acme.com>");
	apply(f, &d, &res);
	assert_true(res.interview_moved);
	assert_int_equal(mail_due(f, pend), START + 9000 + 3600);
}

static void
test_cancel(void **state)
{
	struct fx *f = *state;
	struct detection d;
	struct track_result res;
	struct interview iv = { 0 };
	int64_t id, app, m[5], other;

	acme_invite(&d, "uid-1@acme.com", 0, START, "<invite-1@acme.com>");
	id = apply(f, &d, &res);
	app = res.application_id;
	m[0] = mail(f, MAIL_THANK_YOU, app, id, "ada.brooks@acme.com", 1, START + 9000,
	    MAIL_PENDING, NULL);
	m[1] = mail(f, MAIL_THANK_YOU, app, id, "bob.lee@acme.com", 1, START + 9000,
	    MAIL_HELD, NULL);
	m[2] = mail(f, MAIL_REFERENCE_WARNING, app, id, "bob@example.org", 1, NOW,
	    MAIL_DEFERRED, NULL);
	m[3] = mail(f, MAIL_REFERENCE_WARNING, app, id, "cleo@example.org", 1, NOW,
	    MAIL_SENT, NULL);
	m[4] = mail(f, MAIL_REFERENCE_WARNING, app, id, "dan@example.org", 1, NOW,
	    MAIL_FAILED, NULL);
	acme_invite(&d, "uid-2@acme.com", 0, START + 86400, "<invite-2@acme.com>");
	other = mail(f, MAIL_THANK_YOU, app, apply(f, &d, &res), "ada.brooks@acme.com", 1,
	    START + 86400 + 9000, MAIL_PENDING, NULL);

	acme_invite(&d, "uid-1@acme.com", 1, START, "<cancel-1@acme.com>");
	d.kind = DETECT_CANCEL;
	assert_int_equal(apply(f, &d, &res), id);
	assert_true(res.interview_cancelled);
	assert_true(res.changed);
	assert_int_equal(store_interview_get(f->st, id, &iv), 1);
	assert_int_equal(iv.status, IV_CANCELLED);
	interview_clear(&iv);
	assert_mail(f, m[0], MAIL_CANCELLED);
	assert_mail(f, m[1], MAIL_CANCELLED);
	assert_mail(f, m[2], MAIL_CANCELLED);
	assert_mail(f, m[3], MAIL_SENT);
	assert_mail(f, m[4], MAIL_FAILED);
	assert_mail(f, other, MAIL_PENDING);
	assert_int_equal(count_events(f, "cancelled", "3 pending mail(s) cancelled"), 1);

	/* Twice: nothing more. */
	acme_invite(&d, "uid-1@acme.com", 1, START, "<cancel-1b@acme.com>");
	d.kind = DETECT_CANCEL;
	apply(f, &d, &res);
	assert_false(res.interview_cancelled);
	assert_int_equal(count_events(f, "cancelled", NULL), 1);

	/* A cancellation of something unknown changes nothing. */
	acme_invite(&d, "uid-unknown@acme.com", 1, START, "<cancel-x@acme.com>");
	d.kind = DETECT_CANCEL;
	apply(f, &d, &res);
	assert_int_equal(res.interview_id, 0);
	assert_false(res.changed);
	assert_int_equal(count_events(f, "ignored", "<cancel-x@acme.com>"), 1);
	assert_int_equal(count_interviews(f), 2);
}

/* A plain cancellation, outside any thread and without a calendar UID,
 * cancels the interview of its sender's application at the very time it
 * names; another time, or a stranger, cancels nothing. */
static void
test_cancel_by_slot(void **state)
{
	struct fx *f = *state;
	struct detection d;
	struct track_result res;
	struct interview iv = { 0 };
	int64_t id, later;

	acme_invite(&d, NULL, 0, START, "<plain-1@acme.com>");
	id = apply(f, &d, &res);
	acme_invite(&d, NULL, 0, START + 86400, "<plain-2@acme.com>");
	later = apply(f, &d, &res);
	assert_true(later != id);

	/* another time: nothing */
	acme_invite(&d, NULL, 0, START + 1800, "<cancel-other@acme.com>");
	d.kind = DETECT_CANCEL;
	assert_int_equal(apply(f, &d, &res), 0);
	assert_false(res.interview_cancelled);
	/* a stranger naming the time: nothing */
	acme_invite(&d, NULL, 0, START, "<cancel-stranger@example.org>");
	d.kind = DETECT_CANCEL;
	free(d.from.email);
	d.from.email = xstrdup("stranger@gmail.com");
	free(d.contact.email);
	d.contact.email = NULL;
	for (size_t i = 0; i < d.ninterviewers; i++) {
		free(d.interviewers[i].email);
		d.interviewers[i].email = NULL;
	}
	assert_int_equal(apply(f, &d, &res), 0);
	assert_false(res.interview_cancelled);
	/* the recruiter, that time */
	acme_invite(&d, NULL, 0, START, "<cancel-1@acme.com>");
	d.kind = DETECT_CANCEL;
	assert_int_equal(apply(f, &d, &res), id);
	assert_true(res.interview_cancelled);
	assert_int_equal(store_interview_get(f->st, id, &iv), 1);
	assert_int_equal(iv.status, IV_CANCELLED);
	interview_clear(&iv);
	assert_int_equal(store_interview_get(f->st, later, &iv), 1);
	assert_int_equal(iv.status, IV_SCHEDULED);
	interview_clear(&iv);
}

/*
 * Attaching replies, rejections and offers.  Two applications (Acme with a
 * Greenhouse invite, Globex by plain mail) so that every way must pick the
 * right one.
 */
struct attach_case {
	const char *name;
	enum detect_kind kind;
	const char *from;
	const char *in_reply_to;
	const char *reference;      /* one References entry (an unknown one goes first) */
	const char *company;
	const char *contact;
	int want;                   /* 1 Acme, 2 Globex, 0 nothing */
	const char *how;            /* in the event */
};

static const struct attach_case attach_cases[] = {
	{ "in-reply-to the invite", DETECT_REJECTION, "someone@elsewhere.org",
	  "<invite-acme@greenhouse.io>", NULL, NULL, NULL, 1, "thread" },
	{ "references the invite", DETECT_REPLY, "someone@elsewhere.org", "<unknown@x.org>",
	  "<invite-globex@globex.example>", NULL, NULL, 2, "thread" },
	{ "in-reply-to our own mail", DETECT_OFFER, "someone@elsewhere.org",
	  "<sent-by-us@example.net>", NULL, NULL, NULL, 2, "thread" },
	{ "a known person", DETECT_REJECTION, "Ada.Brooks@ACME.com", NULL, NULL, NULL, NULL, 1,
	  "person" },
	{ "a known contact named in the mail", DETECT_REPLY, "robot@elsewhere.org", NULL, NULL,
	  NULL, "hr@globex.example", 2, "person" },
	{ "the company domain", DETECT_REJECTION, "talent@mail.globex.example", NULL, NULL, NULL,
	  NULL, 2, "domain" },
	{ "the ATS sender and the company", DETECT_REJECTION, "no-reply@greenhouse.io", NULL,
	  NULL, "Acme", NULL, 1, "hiring system" },
	{ "the ATS sender, another company", DETECT_REJECTION, "no-reply@greenhouse.io", NULL,
	  NULL, "Initech", NULL, 0, NULL },
	{ "nothing known", DETECT_REJECTION, "someone@elsewhere.org", "<unknown@x.org>", NULL,
	  "Acme", NULL, 0, NULL },
	{ "free mail stranger", DETECT_OFFER, "stranger@gmail.com", NULL, NULL, NULL, NULL, 0,
	  NULL },
};

static void
make_two_applications(struct fx *f, int64_t app[3], int64_t iv[3])
{
	struct detection d;
	struct track_result res;

	/* Acme through Greenhouse: the robot sends, Ada interviews. */
	memset(&d, 0, sizeof(d));
	d.kind = DETECT_INTERVIEW;
	d.company = xstrdup("Acme");
	d.role = xstrdup("Backend Engineer");
	d.has_start = d.has_end = true;
	d.start = START;
	d.end = START + 3600;
	add_interviewer(&d, "Ada Brooks", "ada.brooks@acme.com");
	d.from.email = xstrdup("no-reply@greenhouse.io");
	d.event_uid = xstrdup("gh-1@greenhouse.io");
	d.message_id = xstrdup("<invite-acme@greenhouse.io>");
	iv[1] = apply(f, &d, &res);
	app[1] = res.application_id;

	/* Globex by plain mail from its recruiter. */
	memset(&d, 0, sizeof(d));
	d.kind = DETECT_INTERVIEW;
	d.company = xstrdup("Globex");
	d.has_start = true;
	d.start = START + 86400;
	add_interviewer(&d, "Hank Scorpio", "hank@globex.example");
	d.contact.email = xstrdup("hr@globex.example");
	d.from.email = xstrdup("hr@globex.example");
	d.message_id = xstrdup("<invite-globex@globex.example>");
	iv[2] = apply(f, &d, &res);
	app[2] = res.application_id;
	assert_true(app[1] != app[2]);
	/* A mail we sent about Globex. */
	mail(f, MAIL_THANK_YOU, app[2], iv[2], "hank@globex.example", 1, NOW,
	    MAIL_SENT, "<sent-by-us@example.net>");
}

static void
test_attach(void **state)
{
	struct fx *f = *state;

	for (size_t c = 0; c < ARRAY_LEN(attach_cases); c++) {
		const struct attach_case *ac = &attach_cases[c];
		struct application a = { 0 };
		struct detection d;
		struct track_result res;
		int64_t app[3], iv[3], nudge[3], ty;
		enum app_status want_status;
		char *msgid = xasprintf("<news-%zu@x.org>", c);

		/* A fresh store per case: statuses change. */
		if (c > 0) {
			teardown(state);
			assert_int_equal(setup(state), 0);
			f = *state;
		}
		make_two_applications(f, app, iv);
		for (int k = 1; k <= 2; k++)
			nudge[k] = mail(f, MAIL_STATUS_NUDGE, app[k], iv[k], "ravi@x.org", 1,
			    START + 10 * 86400, MAIL_PENDING, NULL);
		ty = mail(f, MAIL_THANK_YOU, app[1], iv[1], "ada.brooks@acme.com", 1,
		    START + 9000, MAIL_PENDING, NULL);

		news(&d, ac->kind, ac->from, msgid);
		d.in_reply_to = dup0(ac->in_reply_to);
		if (ac->reference) {
			add_reference(&d, "<unrelated@nowhere.org>");
			add_reference(&d, ac->reference);
		}
		d.company = dup0(ac->company);
		d.contact.email = dup0(ac->contact);
		apply(f, &d, &res);
		if (res.application_id != (ac->want ? app[ac->want] : 0)) {
			dump_events(f);
			fail_msg("case '%s': attached to application %lld, expected %lld", ac->name,
			    (long long)res.application_id, (long long)(ac->want ? app[ac->want] : 0));
		}
		want_status = ac->want == 0 || ac->kind == DETECT_REPLY ? APP_ACTIVE :
		    ac->kind == DETECT_REJECTION ? APP_REJECTED : APP_OFFER;
		for (int k = 1; k <= 2; k++) {
			assert_int_equal(store_application_get(f->st, app[k], &a), 1);
			if (a.status != (k == ac->want ? want_status : APP_ACTIVE))
				fail_msg("case '%s': application %d is %s", ac->name, k,
				    app_status_name(a.status));
			application_clear(&a);
			/* Any news cancels the waiting nudges of that application only. */
			if (mail_status(f, nudge[k]) != (k == ac->want ? MAIL_CANCELLED :
			    MAIL_PENDING))
				fail_msg("case '%s': nudge of application %d is %s", ac->name, k,
				    mail_status_name(mail_status(f, nudge[k])));
		}
		/* Other mails stay. */
		assert_mail(f, ty, MAIL_PENDING);
		if (ac->want) {
			assert_true(res.changed);
			assert_int_equal(count_events(f, ac->kind == DETECT_REPLY ? "reply" :
			    detect_kind_str(ac->kind), msgid), 1);
			if (count_events(f, ac->kind == DETECT_REPLY ? "reply" :
			    detect_kind_str(ac->kind), ac->how) != 1) {
				dump_events(f);
				fail_msg("case '%s': no event saying '%s'", ac->name, ac->how);
			}
		} else {
			assert_false(res.changed);
			assert_int_equal(count_events(f, "ignored", msgid), 1);
		}
		free(msgid);
	}
}

/* A new interview makes the older nudges of its application moot. */
static void
test_new_interview_cancels_nudges(void **state)
{
	struct fx *f = *state;
	struct detection d;
	struct track_result res;
	int64_t app[3], iv[3], n1, n2, other, sent;

	make_two_applications(f, app, iv);
	n1 = mail(f, MAIL_STATUS_NUDGE, app[1], iv[1], "ravi@acme.com", 1, START + 86400 * 9,
	    MAIL_PENDING, NULL);
	n2 = mail(f, MAIL_STATUS_NUDGE, app[1], iv[1], "ravi@acme.com", 2, START + 86400 * 16,
	    MAIL_HELD, NULL);
	sent = mail(f, MAIL_STATUS_NUDGE, app[1], iv[1], "ravi@acme.com", 3, NOW,
	    MAIL_SENT, NULL);
	other = mail(f, MAIL_STATUS_NUDGE, app[2], iv[2], "hr@globex.example", 1,
	    START + 86400 * 9, MAIL_PENDING, NULL);

	acme_invite(&d, "gh-2@greenhouse.io", 0, START + 5 * 86400, "<round-2@greenhouse.io>");
	d.role[0] = 'b';        /* "backend Engineer": the same application, any case */
	apply(f, &d, &res);
	assert_true(res.interview_new);
	assert_int_equal(res.application_id, app[1]);
	assert_mail(f, n1, MAIL_CANCELLED);
	assert_mail(f, n2, MAIL_CANCELLED);
	assert_mail(f, sent, MAIL_SENT);
	assert_mail(f, other, MAIL_PENDING);
	assert_int_equal(count_events(f, "cancelled", "2 pending status nudge(s)"), 1);
}

/*
 * The next round announced in reply to a mail of the first one (here: the
 * recruiter answers our thank-you with "we'd like you to meet the team on
 * Friday"): a new interview with its own thank-yous, not a move of the
 * first round, whose mails are already sent.
 */
static void
test_next_round_in_thread(void **state)
{
	struct fx *f = *state;
	struct detection d;
	struct track_result res;
	struct interview iv = { 0 };
	int64_t first, app;

	memset(&d, 0, sizeof(d));
	d.kind = DETECT_INTERVIEW;
	d.company = xstrdup("Acme");
	d.has_start = true;
	d.start = START;
	add_interviewer(&d, "Ada Brooks", "ada.brooks@acme.com");
	d.contact.email = xstrdup("ravi.menon@acme.com");
	d.from.email = xstrdup("ravi.menon@acme.com");
	d.message_id = xstrdup("<round-1@acme.com>");
	first = apply(f, &d, &res);
	app = res.application_id;
	mail(f, MAIL_THANK_YOU, app, first, "ada.brooks@acme.com", 1, START + 9000,
	    MAIL_SENT, "<thanks-ada@example.net>");

	memset(&d, 0, sizeof(d));
	d.kind = DETECT_INTERVIEW;
	d.company = xstrdup("Acme");
	d.has_start = true;
	d.start = START + 4 * 86400;
	d.final_round = true;
	add_interviewer(&d, "Zed Final", "zed@acme.com");
	d.contact.email = xstrdup("ravi.menon@acme.com");
	d.from.email = xstrdup("ravi.menon@acme.com");
	d.message_id = xstrdup("<round-2@acme.com>");
	d.in_reply_to = xstrdup("<thanks-ada@example.net>");
	add_reference(&d, "<round-1@acme.com>");
	add_reference(&d, "<thanks-ada@example.net>");
	apply(f, &d, &res);
	if (!res.interview_new || res.interview_id == first) {
		dump_events(f);
		fail_msg("the next round (a new time, in the thread of round 1) was taken as a "
		    "move of interview %lld", (long long)first);
	}
	assert_int_equal(count_interviews(f), 2);
	assert_int_equal(store_interview_get(f->st, first, &iv), 1);
	assert_int_equal(iv.start, START);
	interview_clear(&iv);
}

/*
 * People at big companies whose domains also host calendar or hiring
 * services (google.com, microsoft.com, linkedin.com...) are people: a
 * rejection from a Google recruiter must attach to the Google application
 * by the company's domain.
 */
static void
test_big_company_people(void **state)
{
	struct fx *f = *state;
	struct detection d;
	struct track_result res;
	struct application a = { 0 };
	int64_t app;

	memset(&d, 0, sizeof(d));
	d.kind = DETECT_INTERVIEW;
	d.company = xstrdup("Google");
	d.has_start = true;
	d.start = START;
	add_interviewer(&d, "Ada Brooks", "adabrooks@google.com");
	d.from.email = xstrdup("adabrooks@google.com");
	d.contact.email = xstrdup("adabrooks@google.com");
	d.message_id = xstrdup("<g-1@google.com>");
	apply(f, &d, &res);
	app = res.application_id;
	assert_int_equal(store_application_get(f->st, app, &a), 1);
	if (a.company_domain == NULL || strcmp(a.company_domain, "google.com") != 0)
		fail_msg("Google application has company domain %s, expected google.com",
		    a.company_domain ? a.company_domain : "NULL");
	application_clear(&a);

	news(&d, DETECT_REJECTION, "other.recruiter@google.com", "<g-2@google.com>");
	apply(f, &d, &res);
	if (res.application_id != app) {
		dump_events(f);
		fail_msg("a rejection from other.recruiter@google.com was not attached");
	}
}

/*
 * track does not know the user's addresses: when a detection lists the
 * user among the interviewers (detect filters them; followupctl
 * add-interview or a detect miss may not), the user becomes a "person" of
 * the application, and the user's own later mail (a reply sent from
 * another client, a copy to self) attaches to it "by person" and cancels
 * its nudges, although nobody from the company answered.
 */
static void
test_own_address_is_not_a_person(void **state)
{
	struct fx *f = *state;
	struct detection d;
	struct track_result res;
	int64_t id, nudge;

	acme_invite(&d, "uid-1@acme.com", 0, START, "<invite-1@acme.com>");   /* lists jane@ */
	id = apply(f, &d, &res);
	nudge = mail(f, MAIL_STATUS_NUDGE, res.application_id, id, "ravi.menon@acme.com", 1,
	    START + 10 * 86400, MAIL_PENDING, NULL);
	news(&d, DETECT_REPLY, "jane@example.net", "<from-me@example.net>");
	apply(f, &d, &res);
	if (res.application_id != 0 || mail_status(f, nudge) != MAIL_PENDING) {
		dump_events(f);
		fail_msg("a mail from the user's own address attached to application %lld and "
		    "left the nudge %s", (long long)res.application_id,
		    mail_status_name(mail_status(f, nudge)));
	}
}

/* The sender rule and the provider's checks (track_distrust). */
static void
test_distrust(void **state)
{
	static const char *const mine[] = { "jane@example.net", "jane.doe@work.example" };
	static const struct track_me me = { mine, 2, NULL };
	static const struct {
		const char *name;
		const char *from;
		const char *iv1, *iv2;          /* interviewers' addresses, NULL = none */
		const char *contact;
		unsigned auth;
		const char *want;               /* NULL = trusted */
	} cases[] = {
		{ "sender at the interviewers' company", "ravi@acme.com", "ada@acme.com",
		  "ben@acme.com", "ravi@acme.com", 0, NULL },
		{ "sender at a subdomain of it", "ravi@mail.acme.com", "ada@acme.com", NULL,
		  NULL, 0, NULL },
		{ "one interviewer of many is enough", "ravi@acme.com", "x@stranger.org",
		  "ada@ACME.com", NULL, 0, NULL },
		{ "co.uk registrable domain", "ravi@jobs.acme.co.uk", "ada@acme.co.uk", NULL,
		  NULL, 0, NULL },
		{ "another .co.uk company", "ravi@evil.co.uk", "ada@acme.co.uk", NULL, NULL, 0,
		  "the sender (ravi@evil.co.uk) is not at the interviewers' organisation" },
		{ "stranger listing others", "mallory@evil.example", "ada@acme.com",
		  "ben@initech.com", NULL, 0,
		  "the sender (mallory@evil.example) is not at the interviewers' organisation" },
		{ "free mail sender, company interviewers", "ravi.acme@gmail.com", "ada@acme.com",
		  NULL, NULL, 0,
		  "the sender (ravi.acme@gmail.com) is not at the interviewers' organisation" },
		{ "free mail: the sender is the interviewer", "ravi.acme@gmail.com",
		  "ravi.acme@gmail.com", NULL, NULL, 0, NULL },
		{ "the sender as organiser vouches for nobody", "mallory@evil.example",
		  "Mallory@evil.example", "ada@acme.com", "mallory@evil.example", 0,
		  "the sender (mallory@evil.example) is not at the interviewers' organisation" },
		{ "the recruiter organises, a colleague attends", "ravi@acme.com",
		  "ravi@acme.com", "ada@acme.com", "ravi@acme.com", 0, NULL },
		{ "free mail: same provider is no organisation", "ravi@gmail.com",
		  "ada@gmail.com", NULL, NULL, 0,
		  "the sender (ravi@gmail.com) is not at the interviewers' organisation" },
		{ "Reply-To elsewhere counts as a recipient", "mallory@evil.example", NULL, NULL,
		  "victim@acme.com", 0,
		  "the sender (mallory@evil.example) is not at the interviewers' organisation" },
		{ "nobody but the sender to write to", "ravi@acme.com", NULL, NULL,
		  "ravi@acme.com", 0, NULL },
		{ "the user's own addresses are nobody", "mallory@evil.example",
		  "jane@example.net", NULL, "JANE.DOE@work.example", 0, NULL },
		{ "ATS robot", "no-reply@greenhouse.io", "ada@acme.com", NULL, NULL, 0, NULL },
		{ "ATS subdomain", "jobs@hire.lever.co", "ada@acme.com", NULL, NULL, 0, NULL },
		{ "scheduling service", "notifications@calendly.com", "ada@acme.com", NULL,
		  NULL, 0, NULL },
		{ "Google Calendar robot", "calendar-notification@google.com", "ada@acme.com",
		  NULL, NULL, 0, NULL },
		{ "a Google person is no robot", "someone@google.com", "ada@acme.com", NULL,
		  NULL, 0,
		  "the sender (someone@google.com) is not at the interviewers' organisation" },
		{ "a robot name at any domain is no service", "noreply@evil.example",
		  "ada@acme.com", NULL, NULL, 0,
		  "the sender (noreply@evil.example) is not at the interviewers' organisation" },
		{ "the user's other address", "jane.doe@work.example", "ada@acme.com", NULL,
		  NULL, 0, NULL },
		{ "no From", NULL, "ada@acme.com", NULL, NULL, 0,
		  "the sender (unknown) is not at the interviewers' organisation" },
		{ "dmarc=fail", "ravi@acme.com", "ada@acme.com", NULL, NULL,
		  MSG_AUTH_PRESENT | MSG_AUTH_DMARC_FAIL | MSG_AUTH_DKIM_PASS,
		  "the invite failed the sender checks of your provider (dmarc=fail)" },
		{ "dkim=fail alone", "ravi@acme.com", "ada@acme.com", NULL, NULL,
		  MSG_AUTH_PRESENT | MSG_AUTH_DKIM_FAIL,
		  "the invite failed the sender checks of your provider (dkim=fail)" },
		{ "dkim=fail with another dkim=pass", "ravi@acme.com", "ada@acme.com", NULL, NULL,
		  MSG_AUTH_PRESENT | MSG_AUTH_DKIM_FAIL | MSG_AUTH_DKIM_PASS, NULL },
		{ "spf=fail alone is reported, not held", "ravi@acme.com", "ada@acme.com", NULL,
		  NULL, MSG_AUTH_PRESENT | MSG_AUTH_SPF_FAIL, NULL },
		{ "checks fail even from an ATS", "no-reply@greenhouse.io", "ada@acme.com", NULL,
		  NULL, MSG_AUTH_PRESENT | MSG_AUTH_DMARC_FAIL,
		  "the invite failed the sender checks of your provider (dmarc=fail)" },
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct detect_person ivs[2] = { { NULL, (char *)cases[i].iv1 },
		    { NULL, (char *)cases[i].iv2 } };
		struct detection d = { 0 };
		char *got;

		d.kind = DETECT_INTERVIEW;
		d.from.email = (char *)cases[i].from;
		d.interviewers = ivs;
		d.ninterviewers = cases[i].iv2 ? 2 : cases[i].iv1 ? 1 : 0;
		d.contact.email = (char *)cases[i].contact;
		d.auth = cases[i].auth;
		got = track_distrust(&d, &me);
		if ((got == NULL) != (cases[i].want == NULL) ||
		    (got && strcmp(got, cases[i].want) != 0))
			fail_msg("case '%s': got \"%s\", expected \"%s\"", cases[i].name,
			    got ? got : "(trusted)", cases[i].want ? cases[i].want : "(trusted)");
		free(got);
	}
}

/* The words a mail would carry, against the mail's own addresses
 * (track_doubt_words). */
static void
test_doubt_words(void **state)
{
	static const char *const mine[] = { "jane@example.net" };
	static const struct track_me me = { mine, 1, "Jane Doe" };
	static const struct {
		const char *company, *role, *from, *iv;
		const char *want;               /* NULL = no doubt */
	} cases[] = {
		{ "Tarang Payments Pvt", NULL, "ananya@tarangpay.example", NULL, NULL },
		{ "Belv\xc3\xa9" "d\xc3\xa8re Cloud", NULL, "camille@belvedere-cloud.example", NULL, NULL },
		{ "Bursztyn Software", NULL, "lukasz@bursztyn.example", NULL, NULL },
		{ "\xc5\x81\xc3\xb3" "d\xc5\xba Labs", NULL, "x@lodzlabs.pl", NULL, NULL },
		{ "Data Co", NULL, "x@dataco.com", NULL, NULL },
		{ "General Electric", NULL, "x@ge.com", NULL, NULL },
		{ "IBM", NULL, "x@ibm.com", NULL, NULL },
		/* the starts of its words, the last left out */
		{ "Commonwealth General Hospital", NULL, "priya@commgen.example", NULL, NULL },
		{ "North Shore Community Hospital", NULL, "lf@nshorecommunity.example", NULL, NULL },
		{ "Wellness Commonwealth", NULL, "priya@commgen.example", NULL,
		  "the company read as \"Wellness Commonwealth\" is not in the addresses of its people"
		  " (commgen.example)" },
		{ "Acme", NULL, "no-reply@greenhouse.io", "ada@acme.com", NULL },
		{ "Acme", NULL, "ravi@agency.example", "ada@acme.com", NULL },
		{ "Level 9", NULL, "chloe@southerlycloud.example", NULL,
		  "the company read as \"Level 9\" is not in the addresses of its people"
		  " (southerlycloud.example)" },
		{ "Gda\xc5\x84sk", NULL, "m@bursztyn.example", "l@bursztyn.example",
		  "the company read as \"Gda\xc5\x84sk\" is not in the addresses of its people"
		  " (bursztyn.example)" },
		{ "Cloud Software", NULL, "x@acmecloud.com", NULL,
		  "the company read as \"Cloud Software\" is not in the addresses of its people"
		  " (acmecloud.com)" },
		{ "Acme", NULL, "ravi@agency.example", "ada@initech.com",
		  "the company read as \"Acme\" is not in the addresses of its people"
		  " (agency.example, initech.com)" },
		/* Nothing to check against: free mail, services, example.com. */
		{ "Level 9", NULL, "chloe@gmail.com", NULL, NULL },
		{ "Level 9", NULL, "no-reply@greenhouse.io", NULL, NULL },
		{ "Acme", NULL, "ada@example.com", NULL, NULL },
		{ NULL, NULL, "chloe@southerlycloud.example", NULL, NULL },
		/* The user's own address is no organisation of the interview's. */
		{ "Acme", NULL, "jane@example.net", "ada@acme.com", NULL },
		{ "Liffey Data", "Jane Doe / Data Platform Engineer", "a@liffeydata.example", NULL,
		  "the role read as \"Jane Doe / Data Platform Engineer\" contains your name" },
		{ "jane doe", NULL, "a@liffeydata.example", NULL,
		  "the company read as \"jane doe\" contains your name" },
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct detect_person ivs[1] = { { NULL, (char *)cases[i].iv } };
		struct detection d = { 0 };
		char *got;

		d.kind = DETECT_INTERVIEW;
		d.company = (char *)cases[i].company;
		d.role = (char *)cases[i].role;
		d.from.email = (char *)cases[i].from;
		d.interviewers = ivs;
		d.ninterviewers = cases[i].iv ? 1 : 0;
		got = track_doubt_words(&d, &me);
		if ((got == NULL) != (cases[i].want == NULL) ||
		    (got && strcmp(got, cases[i].want) != 0))
			fail_msg("case %zu (%s): got \"%s\", expected \"%s\"", i,
			    cases[i].company ? cases[i].company : "-", got ? got : "(none)",
			    cases[i].want ? cases[i].want : "(none)");
		free(got);
	}
}

static void
test_other_changes_nothing(void **state)
{
	struct fx *f = *state;
	struct detection d;
	struct track_result res;

	news(&d, DETECT_OTHER, "newsletter@acme.com", "<n@acme.com>");
	apply(f, &d, &res);
	assert_false(res.changed);
	assert_int_equal(res.application_id, 0);
	assert_int_equal(count_applications(f), 0);
}

static enum iv_status
iv_status(struct fx *f, int64_t id)
{
	struct interview iv = { 0 };
	enum iv_status st;

	assert_int_equal(store_interview_get(f->st, id, &iv), 1);
	st = iv.status;
	interview_clear(&iv);
	return st;
}

/* Past interviews become done, once; cancelled and future ones stay; a
 * move into the future makes a done interview scheduled again. */
static void
test_finish(void **state)
{
	struct fx *f = *state;
	struct detection d;
	struct track_result res;
	int64_t first, second, cancelled, noend;

	acme_invite(&d, "uid-f1@acme.com", 0, START, "<f1@acme.com>");
	first = apply(f, &d, &res);
	acme_invite(&d, "uid-f2@acme.com", 0, START + 86400, "<f2@acme.com>");
	second = apply(f, &d, &res);
	acme_invite(&d, "uid-f3@acme.com", 0, START, "<f3@acme.com>");
	cancelled = apply(f, &d, &res);
	acme_invite(&d, "uid-f3@acme.com", 1, START, "<f3c@acme.com>");
	d.kind = DETECT_CANCEL;
	apply(f, &d, &res);
	acme_invite(&d, "uid-f4@acme.com", 0, START + 7200, "<f4@acme.com>");
	d.has_end = false;          /* only a start: taken as one hour long */
	noend = apply(f, &d, &res);

	assert_int_equal(track_finish(f->st, START), 0);        /* started, not over */
	assert_int_equal(track_finish(f->st, START + 3599), 0);
	assert_int_equal(track_finish(f->st, START + 3600), 1); /* its end */
	assert_int_equal(iv_status(f, first), IV_DONE);
	assert_int_equal(iv_status(f, second), IV_SCHEDULED);
	assert_int_equal(iv_status(f, cancelled), IV_CANCELLED);
	assert_int_equal(iv_status(f, noend), IV_SCHEDULED);
	assert_int_equal(track_finish(f->st, START + 3600), 0); /* once */
	assert_int_equal(count_events(f, "done", "is over"), 1);
	assert_int_equal(track_finish(f->st, START + 7200 + 3599), 0);
	assert_int_equal(track_finish(f->st, START + 7200 + 3600), 1);
	assert_int_equal(iv_status(f, noend), IV_DONE);

	/* A reschedule of a done interview into the future. */
	acme_invite(&d, "uid-f1@acme.com", 2, START + 5 * 86400, "<f1-moved@acme.com>");
	assert_int_equal(apply(f, &d, &res), first);
	assert_int_equal(iv_status(f, first), IV_SCHEDULED);
	assert_int_equal(track_finish(f->st, START + 2 * 86400), 1);    /* second */
	assert_int_equal(iv_status(f, second), IV_DONE);
	assert_int_equal(iv_status(f, first), IV_SCHEDULED);
	assert_int_equal(count_events(f, "done", NULL), 3);

	/* Inside the caller's transaction: rolled back with it. */
	assert_int_equal(store_begin(f->st), 0);
	assert_int_equal(track_finish(f->st, START + 6 * 86400), 1);
	assert_int_equal(store_rollback(f->st), 0);
	assert_int_equal(iv_status(f, first), IV_SCHEDULED);
}

/* ---- the thread (track_thread) ---- */

/* A mail seen and attached to application app alone (no interview). */
static void
seen_for_application(struct fx *f, uint32_t uid, const char *msgid, int64_t app)
{
	struct store_seen seen = {
		.folder = "INBOX", .uidvalidity = 1, .uid = uid, .message_id = msgid,
		.kind = "reply", .outcome = STORE_SEEN_HANDLED, .application_id = app,
	};

	assert_int_equal(store_seen_add(f->st, &seen), 1);
}

/* One rule: the nearest message (In-Reply-To, then References from the
 * last) that names an interview; else the nearest known one, for its
 * application.  Before, three of the four copies stopped at the nearest
 * known message even when it named no interview. */
static void
test_thread(void **state)
{
	struct fx *f = *state;
	struct detection d;
	struct track_result res;
	int64_t iv1, iv2, app;
	static const struct {
		const char *name, *in_reply_to, *refs[3];
		int want_rc, want_iv;       /* want_iv: 0 none, 1 iv1, 2 iv2 */
		bool want_app;
	} cases[] = {
		{ "nothing", NULL, { NULL }, 0, 0, false },
		{ "unknown", "<who@x.org>", { "<what@x.org>" }, 0, 0, false },
		{ "the invite", "<t1@acme.com>", { NULL }, 1, 1, true },
		{ "a reference", NULL, { "<who@x.org>", "<t1@acme.com>" }, 1, 1, true },
		{ "application only", "<status@acme.com>", { "<who@x.org>" }, 1, 0, true },
		{ "past a mail about the application", "<status@acme.com>",
		  { "<t1@acme.com>", "<status@acme.com>" }, 1, 1, true },
		{ "the last reference is nearest", NULL, { "<t1@acme.com>", "<t2@acme.com>" }, 1, 2, true },
		{ "In-Reply-To before References", "<t1@acme.com>", { "<t2@acme.com>" }, 1, 1, true },
	};

	acme_invite(&d, "uid-t1@acme.com", 0, START, "<t1@acme.com>");
	iv1 = apply(f, &d, &res);
	app = res.application_id;
	acme_invite(&d, "uid-t2@acme.com", 0, START + 86400, "<t2@acme.com>");
	iv2 = apply(f, &d, &res);
	seen_for_application(f, 1, "<status@acme.com>", app);
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char *refs[3];
		size_t n = 0;
		int64_t got_app = -1, got_iv = -1, want_iv;
		int rc;

		while (n < 3 && cases[i].refs[n])
			refs[n] = (char *)cases[i].refs[n], n++;
		rc = track_thread(f->st, cases[i].in_reply_to, refs, n, &got_app, &got_iv);
		want_iv = cases[i].want_iv == 1 ? iv1 : cases[i].want_iv == 2 ? iv2 : 0;
		if (rc != cases[i].want_rc || got_iv != want_iv ||
		    got_app != (cases[i].want_app ? app : 0))
			fail_msg("case '%s': rc %d, application %lld, interview %lld", cases[i].name,
			    rc, (long long)got_app, (long long)got_iv);
	}
}

/* A rejection answering a mail known only for its application, in the
 * thread of the invite: attached to the interview too (it used to stop at
 * the application's mail, with no interview). */
static void
test_news_follow_the_thread_to_the_interview(void **state)
{
	struct fx *f = *state;
	struct detection d;
	struct track_result res;
	int64_t iv;

	acme_invite(&d, "uid-n1@acme.com", 0, START, "<n1@acme.com>");
	iv = apply(f, &d, &res);
	seen_for_application(f, 1, "<status@acme.com>", res.application_id);
	news(&d, DETECT_REJECTION, "no-reply@greenhouse.io", "<no@greenhouse.io>");
	d.in_reply_to = xstrdup("<status@acme.com>");
	add_reference(&d, "<n1@acme.com>");
	add_reference(&d, "<status@acme.com>");
	apply(f, &d, &res);
	assert_int_equal(res.interview_id, iv);
	assert_true(res.application_id > 0);
}

/* ---- interview facts ---- */

static void
test_facts_from_detection(void **state)
{
	struct detection d;
	struct interview_facts fa;

	(void)state;
	acme_invite(&d, "uid-x@acme.com", 3, START, "<x@acme.com>");
	d.in_reply_to = xstrdup("<prev@acme.com>");
	add_reference(&d, "<prev@acme.com>");
	d.final_round = d.time_uncertain = true;
	d.decision_by = xstrdup("2027-01-20");
	track_facts_from_detection(&d, &fa);
	assert_int_equal(fa.change, TRACK_UPDATED);
	assert_string_equal(fa.company, "Acme");
	assert_string_equal(fa.role, "Backend Engineer");
	assert_true(fa.has_start && fa.has_end);
	assert_int_equal(fa.start, START);
	assert_int_equal(fa.end, START + 3600);
	assert_string_equal(fa.timezone, "Europe/London");
	assert_int_equal(fa.ninterviewers, 3);
	assert_string_equal(fa.interviewers[1].email, "bob.lee@acme.com");
	assert_string_equal(fa.contact.name, "Ravi Menon");
	assert_string_equal(fa.meeting_url, "https://meet.example.com/abc");
	assert_string_equal(fa.decision_by, "2027-01-20");
	assert_true(fa.final_round && fa.time_uncertain);
	assert_false(fa.asks_references);
	assert_string_equal(fa.event_uid, "uid-x@acme.com");
	assert_int_equal(fa.sequence, 3);
	assert_string_equal(fa.message_id, "<x@acme.com>");
	assert_string_equal(fa.in_reply_to, "<prev@acme.com>");
	assert_int_equal(fa.nreferences, 1);
	assert_string_equal(fa.sender, "ravi.menon@acme.com");
	assert_string_equal(fa.reason, "calendar invite with an interview keyword");
	detection_free(&d);
	track_facts_clear(&fa);
	d.kind = DETECT_CANCEL;
	track_facts_from_detection(&d, &fa);
	assert_int_equal(fa.change, TRACK_CANCELLED);
	assert_null(fa.company);
	track_facts_clear(&fa);
	d.kind = DETECT_INTERVIEW;
	track_facts_from_detection(&d, &fa);
	assert_int_equal(fa.change, TRACK_ANNOUNCED);
	track_facts_clear(&fa);
}

/* Facts typed by hand (no mail, no calendar UID): a new interview, the
 * same start again confirms it. */
static void
test_facts_by_hand(void **state)
{
	struct fx *f = *state;
	struct interview_facts fa = { .change = TRACK_ANNOUNCED };
	struct track_result res;
	int64_t iv;

	fa.company = xstrdup("Globex");
	fa.has_start = true;
	fa.start = START;
	fa.reason = xstrdup("entered by hand");
	track_facts_add_interviewer(&fa, "Hank Scorpio", "hank@globex.example");
	assert_int_equal(store_begin(f->st), 0);
	assert_int_equal(track_interview(f->st, &fa, NULL, &res), 0);
	assert_int_equal(store_commit(f->st), 0);
	assert_true(res.interview_new);
	iv = res.interview_id;
	assert_int_equal(count_events(f, "interview", "entered by hand"), 1);
	assert_int_equal(track_interview(f->st, &fa, NULL, &res), 0);
	assert_false(res.interview_new);
	assert_int_equal(res.interview_id, iv);
	assert_int_equal(count_interviews(f), 1);
	track_facts_clear(&fa);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_distrust),
		cmocka_unit_test_setup_teardown(test_new_interview, setup, teardown),
		cmocka_unit_test_setup_teardown(test_same_invite_twice, setup, teardown),
		cmocka_unit_test_setup_teardown(test_update_moves, setup, teardown),
		cmocka_unit_test_setup_teardown(test_update_seats_the_contact, setup, teardown),
		cmocka_unit_test_setup_teardown(test_day_moved, setup, teardown),
		cmocka_unit_test_setup_teardown(test_same_minute_same_interview, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stale_sequence, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cancel, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cancel_by_slot, setup, teardown),
		cmocka_unit_test_setup_teardown(test_attach, setup, teardown),
		cmocka_unit_test_setup_teardown(test_new_interview_cancels_nudges, setup, teardown),
		cmocka_unit_test_setup_teardown(test_next_round_in_thread, setup, teardown),
		cmocka_unit_test_setup_teardown(test_big_company_people, setup, teardown),
		cmocka_unit_test_setup_teardown(test_own_address_is_not_a_person, setup, teardown),
		cmocka_unit_test_setup_teardown(test_other_changes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_finish, setup, teardown),
		cmocka_unit_test_setup_teardown(test_thread, setup, teardown),
		cmocka_unit_test_setup_teardown(test_news_follow_the_thread_to_the_interview, setup,
		    teardown),
		cmocka_unit_test(test_facts_from_detection),
		cmocka_unit_test(test_doubt_words),
		cmocka_unit_test_setup_teardown(test_facts_by_hand, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
