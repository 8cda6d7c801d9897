/*
 * Unit tests for outbox: queueing plans, rendering, delivery through fake
 * network callbacks (struct outbox_io), retries, the daily cap, the send
 * window, crash recovery and notes.  A temporary store, a config whose
 * templates are the project's own ($top_srcdir/templates).
 *
 * Times: NOW is Monday 2027-01-04 10:00 UTC (= London time in winter); the
 * interview runs 11:00-12:00, so the thank-yous are due at 14:00.
 */
#include "autoconfig.h"

#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "config.h"
#include "log.h"
#include "outbox.h"
#include "store.h"
#include "template.h"
#include "util.h"
#include "when.h"

#define NOW ((time_t)1799056800)        /* 2027-01-04T10:00:00Z, Monday */
#define START (NOW + 3600)
#define END (NOW + 7200)
#define TY_DUE (END + 7200)             /* thank-you: end + 2h = 14:00 */
#define HOUR 3600
#define DAY 86400

/* ---- fake network ---- */

#define MAXCALLS 32

struct fake {
	enum smtp_result results[MAXCALLS];   /* per send call; default SMTP_OK */
	size_t sends;
	char *data[MAXCALLS];
	size_t len[MAXCALLS];
	char *rcpt[MAXCALLS];                 /* the first envelope recipient */
	size_t nrcpt[MAXCALLS];
	char *from[MAXCALLS];
	size_t saves;
	int find[MAXCALLS];                   /* find_sent answers, per call */
	size_t finds;
	char *found_ids[MAXCALLS];
	int stop_after;                       /* stop() says true after this many sends; -1 never */
	size_t stops;
	bool hand[MAXCALLS];                  /* hand the whole body over whatever the result */
	size_t marks;                         /* body-handed marks called */
	void (*before_mark)(struct fake *);   /* runs just before a mark */
	void (*after_mark)(struct fake *);    /* and just after it */
	struct store *st;                     /* for before_mark */
};

static enum smtp_result
fake_send(void *arg, const char *from, const char *const *rcpts, size_t nrcpt,
		const char *data, size_t len, const struct smtp_mark *mark, char **detail)
{
	struct fake *fk = arg;
	size_t i = fk->sends++;
	enum smtp_result r;

	assert_true(i < MAXCALLS);
	fk->data[i] = xmalloc(len + 1);
	memcpy(fk->data[i], data, len);
	fk->data[i][len] = '\0';
	fk->len[i] = len;
	fk->rcpt[i] = nrcpt ? xstrdup(rcpts[0]) : NULL;
	fk->nrcpt[i] = nrcpt;
	fk->from[i] = xstrdup(from);
	r = fk->results[i];
	/* As libcurl would: the whole body goes (and the mark with it) when
	 * the server answers the end of it, or answers nothing. */
	if (r == SMTP_OK || r == SMTP_UNKNOWN || fk->hand[i]) {
		assert_non_null(mark);
		fk->marks++;
		if (fk->before_mark)
			fk->before_mark(fk);
		if (mark->handed(mark->arg) != 0)
			r = SMTP_TEMPFAIL;      /* aborted before the end of the body */
		if (fk->after_mark)
			fk->after_mark(fk);
	}
	*detail = xasprintf("fake %s (call %zu)", smtp_result_name(r), i + 1);
	return r;
}

static int
fake_save(void *arg, const char *data, size_t len, char **err)
{
	struct fake *fk = arg;

	fk->saves++;
	return 0;
}

static int
fake_find(void *arg, const char *message_id)
{
	struct fake *fk = arg;
	size_t i = fk->finds++;

	assert_true(i < MAXCALLS);
	fk->found_ids[i] = xstrdup(message_id);
	return fk->find[i];
}

static bool
fake_stop(void *arg)
{
	struct fake *fk = arg;

	fk->stops++;
	return fk->stop_after >= 0 && fk->sends >= (size_t)fk->stop_after;
}

static void
fake_reset(struct fake *fk)
{
	for (size_t i = 0; i < MAXCALLS; i++) {
		free(fk->data[i]);
		free(fk->rcpt[i]);
		free(fk->from[i]);
		free(fk->found_ids[i]);
	}
	memset(fk, 0, sizeof(*fk));
	fk->stop_after = -1;
}

/* ---- fixture ---- */

struct fx {
	char dir[256];
	struct store *st;
	struct config *cfg;
	struct outbox *ob;
	struct fake fk;
	struct outbox_io io;
	int64_t app, iv;
	int64_t ada, bob, cleo, ravi;   /* person ids */
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
	    "status_nudge = { enabled = false; after = \"7bd\"; repeat = 1; every = \"5bd\"; };\n"
	    "reflection = { enabled = false; };\n"
	    "feedback_request = { enabled = true; after = \"1d\"; };\n"
	    "references = ( { name = \"Bob Smith\"; email = \"bob@example.org\";\n"
	    "                 relationship = \"my manager\"; highlight = \"the billing migration\"; } );\n",
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

/* Acme, Backend Engineer: Ada, Bob and Cleo interview, Ravi is the contact. */
static void
make_interview(struct fx *f)
{
	struct interview iv = { 0 };

	assert_true(store_application_find_or_create(f->st, "Acme", "Backend Engineer", "acme.com",
	    NULL, &f->app) >= 0);
	iv.application_id = f->app;
	iv.event_uid = (char *)"uid-1@acme.com";
	iv.start = START;
	iv.end = END;
	iv.timezone = (char *)"Europe/London";
	iv.status = IV_SCHEDULED;
	iv.source_message_id = (char *)"<invite-1@acme.com>";
	iv.source_references = (char *)"<invite-1@acme.com>";
	iv.source_subject = (char *)"Interview: Backend Engineer at Acme";
	assert_int_equal(store_interview_insert(f->st, &iv, &f->iv), 0);
	assert_true(store_interview_add_person(f->st, f->iv, "Ada Brooks", "ada.brooks@acme.com",
	    ROLE_INTERVIEWER, &f->ada) >= 0);
	assert_true(store_interview_add_person(f->st, f->iv, "Bob Lee", "bob.lee@acme.com",
	    ROLE_INTERVIEWER, &f->bob) >= 0);
	assert_true(store_interview_add_person(f->st, f->iv, "Cleo Park", "cleo.park@acme.com",
	    ROLE_INTERVIEWER, &f->cleo) >= 0);
	assert_true(store_interview_add_person(f->st, f->iv, "Ravi Menon", "ravi.menon@acme.com",
	    ROLE_CONTACT, &f->ravi) >= 0);
}

static int
setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof(*f));
	const char *top = getenv("top_srcdir"), *tmp = getenv("TMPDIR");
	struct template_errors terr = { 0 };
	char *path, *templates, *err = NULL;

	if (top == NULL || *top == '\0') {
		fprintf(stderr, "top_srcdir is not set\n");
		return -1;
	}
	snprintf(f->dir, sizeof(f->dir), "%s/test_outbox.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (mkdtemp(f->dir) == NULL)
		return -1;
	templates = xasprintf("%s/templates", top);
	f->cfg = load_config(f->dir, templates);
	/* The mechanics below count the interviewers' mails; the contact's
	 * thanks for arranging has tests of its own. */
	f->cfg->thank_you.contact = false;
	free(templates);
	path = xasprintf("%s/state.db", f->dir);
	if (store_open(path, 0, &f->st, &err) != 0) {
		fprintf(stderr, "store_open: %s\n", err);
		return -1;
	}
	free(path);
	store_set_now(f->st, NOW);
	f->ob = outbox_new(f->st, f->cfg, &terr);
	if (f->ob == NULL) {
		fprintf(stderr, "outbox_new failed (templates)\n");
		return -1;
	}
	template_errors_clear(&terr);
	fake_reset(&f->fk);
	f->fk.st = f->st;
	f->io = (struct outbox_io){ fake_send, fake_save, fake_find, fake_stop, &f->fk, NULL };
	make_interview(f);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;
	char *cmd = xasprintf("rm -rf '%s'", f->dir);

	fake_reset(&f->fk);
	outbox_free(f->ob);
	store_close(f->st);
	config_free(f->cfg);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", f->dir);
	free(cmd);
	free(f);
	return 0;
}

/* The outbox is built over cfg; a test that changes the mode or the
 * window changes the struct it reads. */

/* ---- helpers ---- */

static int
plan(struct fx *f, time_t now)
{
	int n;

	store_set_now(f->st, now);
	assert_int_equal(store_begin(f->st), 0);
	n = outbox_plan_interview(f->ob, f->iv, now);
	assert_true(n >= 0);
	assert_int_equal(store_commit(f->st), 0);
	return n;
}

static void
deliver(struct fx *f, time_t now, struct outbox_stats *stats)
{
	store_set_now(f->st, now);
	assert_int_equal(outbox_deliver(f->ob, &f->io, now, stats), 0);
}

/* Every mail, by due then id. */
static size_t
rows(struct fx *f, struct store_outbox_row **out)
{
	size_t n = 0;

	assert_int_equal(store_outbox_list(f->st, NULL, out, &n), 0);
	return n;
}

/* The mail of kind to email (nth 1); the caller clears it. */
static void
get_mail(struct fx *f, enum mail_kind kind, const char *email, int nth,
		struct mail *out)
{
	struct store_outbox_filter flt = { .kind_mask = STORE_BIT(kind), .recipient_email = email };
	struct store_outbox_row *r = NULL;
	size_t n = 0;
	bool found = false;

	assert_int_equal(store_outbox_list(f->st, &flt, &r, &n), 0);
	for (size_t i = 0; i < n; i++)
		if (r[i].m.nth == nth && !found) {
			*out = r[i].m;
			memset(&r[i].m, 0, sizeof(r[i].m));
			found = true;
		}
	store_outbox_rows_free(r, n);
	if (!found)
		fail_msg("no %s mail to %s (nth %d)", mail_kind_name(kind), email, nth);
}

static int64_t
mail_id(struct fx *f, const char *email)
{
	struct mail m = { 0 };
	int64_t id;

	get_mail(f, MAIL_THANK_YOU, email, 1, &m);
	id = m.id;
	mail_clear(&m);
	return id;
}

static enum mail_status
status_of(struct fx *f, int64_t id)
{
	struct mail m = { 0 };
	enum mail_status s;

	assert_int_equal(store_outbox_get(f->st, id, &m), 1);
	s = m.status;
	mail_clear(&m);
	return s;
}

#define assert_status(f, id, want) do { \
	enum mail_status s_ = status_of((f), (id)); \
	if (s_ != (want)) \
		fail_msg("%s:%d: mail %lld is %s, expected %s", __FILE__, __LINE__, \
		    (long long)(id), mail_status_name(s_), mail_status_name(want)); \
} while (0)

static size_t
count_status(struct fx *f, enum mail_status s)
{
	struct store_outbox_filter flt = { .status_mask = STORE_BIT(s) };
	struct store_outbox_row *r = NULL;
	size_t n = 0;

	assert_int_equal(store_outbox_list(f->st, &flt, &r, &n), 0);
	store_outbox_rows_free(r, n);
	return n;
}

static size_t
count_events(struct fx *f, const char *kind, const char *needle)
{
	struct store_event *r = NULL;
	size_t n = 0, hits = 0;

	assert_int_equal(store_event_list(f->st, 0, 0, &r, &n), 0);
	for (size_t i = 0; i < n; i++)
		if (strcmp(r[i].kind, kind) == 0 && (needle == NULL || strstr(r[i].message, needle)))
			hits++;
	store_events_free(r, n);
	return hits;
}

/* The message with quoted-printable undone (soft breaks and =XX), so that
 * tests can look for words in the body whatever the encoding. */
static char *
readable(const unsigned char *data, size_t len)
{
	char *out = xmalloc(len + 1), *o = out;

	for (size_t i = 0; i < len; i++) {
		if (data[i] == '=' && i + 2 < len && data[i + 1] == '\r' && data[i + 2] == '\n') {
			i += 2;
			continue;
		}
		if (data[i] == '=' && i + 2 < len && strchr("0123456789ABCDEF", data[i + 1]) &&
		    strchr("0123456789ABCDEF", data[i + 2]) && data[i + 1] && data[i + 2]) {
			char hex[3] = { (char)data[i + 1], (char)data[i + 2], 0 };

			*o++ = (char)strtol(hex, NULL, 16);
			i += 2;
			continue;
		}
		*o++ = (char)data[i];
	}
	*o = '\0';
	/* Line breaks and runs of blanks become one space: the composer may
	 * wrap long lines anywhere between words. */
	o = out;
	for (char *p = out; *p; p++) {
		bool blank = *p == '\r' || *p == '\n' || *p == ' ';

		if (blank && o > out && o[-1] == ' ')
			continue;
		*o++ = blank ? ' ' : *p;
	}
	*o = '\0';
	return out;
}

/* Only the given interviewers keep their place in the interview. */
static void
only_thank_yous(struct fx *f)
{
	f->cfg->reference_warning.enabled = false;
	f->cfg->status_nudge.enabled = false;
	f->cfg->reflection.enabled = false;
}

/* A header line "Name: value" of a rendered mail (value copied), or NULL. */
static char *
header(const unsigned char *data, size_t len, const char *name)
{
	size_t nl = strlen(name);
	const char *p = (const char *)data, *end = p + len;

	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));

		if (eol == NULL || eol == p || (eol == p + 1 && *p == '\r'))
			break;          /* end of the header */
		if ((size_t)(eol - p) > nl + 1 && strncasecmp(p, name, nl) == 0 && p[nl] == ':') {
			const char *v = p + nl + 1;

			while (*v == ' ')
				v++;
			return xstrndup(v, (size_t)(eol - v - (eol[-1] == '\r')));
		}
		p = eol + 1;
	}
	return NULL;
}

static void
assert_crlf_only(const unsigned char *data, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (data[i] == '\n' && (i == 0 || data[i - 1] != '\r'))
			fail_msg("bare LF at byte %zu", i);
		if (data[i] == '\r' && (i + 1 == len || data[i + 1] != '\n'))
			fail_msg("bare CR at byte %zu", i);
	}
}

/* ---- queueing and rendering ---- */

/* The recruiter's thread has a malformed Message-ID (no "@", as some
 * servers write): the nudge goes in a thread of its own, written, not
 * failed. */
static void
test_nudge_bad_thread_id(void **state)
{
	struct fx *f = *state;
	struct store_outbox_row *r = NULL;
	struct interview iv = { 0 };
	size_t n;
	int nudges = 0;

	assert_int_equal(store_interview_get(f->st, f->iv, &iv), 1);
	free(iv.source_message_id);
	iv.source_message_id = xstrdup("<BY5PR11MB4243.namprd11.prod.outlook.com-8821>");
	assert_int_equal(store_interview_update(f->st, &iv), 1);
	interview_clear(&iv);
	f->cfg->send.mode = CONFIG_SEND_REVIEW;
	f->cfg->status_nudge.enabled = true;
	assert_int_equal(plan(f, NOW), 5);
	n = rows(f, &r);
	for (size_t i = 0; i < n; i++) {
		char *irt, *subject;

		if (r[i].m.kind != MAIL_STATUS_NUDGE)
			continue;
		nudges++;
		assert_int_equal(r[i].m.status, MAIL_HELD);
		assert_non_null(r[i].m.rendered);
		assert_null(irt = header(r[i].m.rendered, r[i].m.rendered_len, "In-Reply-To"));
		assert_non_null(subject = header(r[i].m.rendered, r[i].m.rendered_len, "Subject"));
		assert_null(strstr(subject, "Re: "));
		free(subject);
	}
	assert_int_equal(nudges, 2);
	store_outbox_rows_free(r, n);
}

static void
test_plan_queues_and_renders(void **state)
{
	struct fx *f = *state;
	struct store_outbox_row *r = NULL;
	size_t n;
	int thank = 0, nudges = 0;

	f->cfg->send.mode = CONFIG_SEND_REVIEW;
	f->cfg->status_nudge.enabled = true;
	assert_int_equal(plan(f, NOW), 5);     /* 3 thank-yous, 2 nudges */
	n = rows(f, &r);
	assert_int_equal(n, 5);
	for (size_t i = 0; i < n; i++) {
		char *to, *msgid, *subject, *irt;

		assert_int_equal(r[i].m.status, MAIL_HELD);
		assert_non_null(r[i].m.rendered);
		assert_true(r[i].m.rendered_len > 100);
		assert_crlf_only(r[i].m.rendered, r[i].m.rendered_len);
		assert_non_null(to = header(r[i].m.rendered, r[i].m.rendered_len, "To"));
		assert_non_null(strstr(to, r[i].m.recipient_email));
		assert_non_null(msgid = header(r[i].m.rendered, r[i].m.rendered_len, "Message-ID"));
		assert_non_null(r[i].m.message_id);
		assert_string_equal(msgid, r[i].m.message_id);
		assert_non_null(strstr(msgid, "@example.net>"));
		assert_non_null(subject = header(r[i].m.rendered, r[i].m.rendered_len, "Subject"));
		irt = header(r[i].m.rendered, r[i].m.rendered_len, "In-Reply-To");
		if (r[i].m.kind == MAIL_THANK_YOU) {
			thank++;
			assert_null(irt);
			assert_int_equal(r[i].m.due, TY_DUE);
		} else {
			assert_int_equal(r[i].m.kind, MAIL_STATUS_NUDGE);
			nudges++;
			assert_string_equal(r[i].m.recipient_email, "ravi.menon@acme.com");
			/* In the recruiter's thread. */
			assert_non_null(irt);
			assert_string_equal(irt, "<invite-1@acme.com>");
			assert_string_equal(subject, "Re: Interview: Backend Engineer at Acme");
		}
		free(to);
		free(msgid);
		free(subject);
		free(irt);
	}
	assert_int_equal(thank, 3);
	assert_int_equal(nudges, 2);
	/* Every interviewer gets their own text. */
	for (size_t i = 0; i < n; i++)
		for (size_t k = i + 1; k < n; k++)
			if (r[i].m.kind == MAIL_THANK_YOU && r[k].m.kind == MAIL_THANK_YOU) {
				char *a = readable(r[i].m.rendered, r[i].m.rendered_len);
				char *b = readable(r[k].m.rendered, r[k].m.rendered_len);

				assert_true(r[i].m.message_id && r[k].m.message_id &&
				    strcmp(r[i].m.message_id, r[k].m.message_id) != 0);
				assert_null(strstr(a, r[k].m.recipient_email));
				assert_null(strstr(b, r[i].m.recipient_email));
				free(a);
				free(b);
			}
	store_outbox_rows_free(r, n);
	assert_int_equal(count_events(f, "held", "waiting for approval"), 5);

	/* Planning again adds nothing. */
	assert_int_equal(plan(f, NOW + 60), 0);
	n = rows(f, &r);
	assert_int_equal(n, 5);
	store_outbox_rows_free(r, n);

	/* The interview moved a day: planning again moves the waiting mails. */
	{
		struct interview iv = { 0 };
		struct mail m = { 0 };

		assert_int_equal(store_interview_get(f->st, f->iv, &iv), 1);
		iv.start += DAY;
		iv.end += DAY;
		assert_int_equal(store_interview_update(f->st, &iv), 1);
		interview_clear(&iv);
		assert_int_equal(plan(f, NOW + 120), 0);
		get_mail(f, MAIL_THANK_YOU, "bob.lee@acme.com", 1, &m);
		assert_int_equal(m.due, TY_DUE + DAY);
		mail_clear(&m);
		assert_true(count_events(f, "moved", NULL) >= 3);
	}
}

static void
test_deliver_sends_due(void **state)
{
	struct fx *f = *state;
	struct outbox_stats stats;
	struct store_outbox_row *r = NULL;
	size_t n;

	only_thank_yous(f);
	assert_int_equal(plan(f, NOW), 3);
	assert_int_equal(outbox_next_due(f->ob), TY_DUE);

	/* Not yet due. */
	deliver(f, TY_DUE - 1, &stats);
	assert_int_equal(f->fk.sends, 0);
	assert_int_equal(stats.sent, 0);

	deliver(f, TY_DUE, &stats);
	assert_int_equal(f->fk.sends, 3);
	assert_int_equal(stats.sent, 3);
	assert_int_equal(stats.deferred + stats.failed + stats.unknown, 0);
	assert_false(stats.capped);
	assert_int_equal(f->fk.saves, 3);
	n = rows(f, &r);
	for (size_t i = 0; i < n; i++) {
		bool seen = false;

		assert_int_equal(r[i].m.status, MAIL_SENT);
		assert_int_equal(r[i].m.sent_at, TY_DUE);
		assert_int_equal(r[i].m.attempts, 1);
		/* What left is exactly what is stored, to the right envelope. */
		for (size_t k = 0; k < f->fk.sends; k++)
			if (strcmp(f->fk.rcpt[k], r[i].m.recipient_email) == 0) {
				assert_false(seen);
				seen = true;
				assert_int_equal(f->fk.nrcpt[k], 1);
				assert_string_equal(f->fk.from[k], "jane@example.net");
				assert_int_equal(f->fk.len[k], r[i].m.rendered_len);
				assert_memory_equal(f->fk.data[k], r[i].m.rendered, r[i].m.rendered_len);
				assert_crlf_only((unsigned char *)f->fk.data[k], f->fk.len[k]);
			}
		assert_true(seen);
	}
	store_outbox_rows_free(r, n);
	assert_int_equal(count_events(f, "sent", NULL), 3);
	assert_int_equal(outbox_next_due(f->ob), 0);

	/* Nothing goes twice. */
	deliver(f, TY_DUE + HOUR, &stats);
	assert_int_equal(f->fk.sends, 3);
	/* Held mails wait for the user, whatever the time. */
	assert_int_equal(count_status(f, MAIL_SENT), 3);
}

static void
test_held_waits(void **state)
{
	struct fx *f = *state;
	struct outbox_stats stats;
	int64_t id;

	only_thank_yous(f);
	f->cfg->send.mode = CONFIG_SEND_REVIEW;
	plan(f, NOW);
	assert_int_equal(outbox_next_due(f->ob), 0);
	deliver(f, TY_DUE + HOUR, &stats);
	assert_int_equal(f->fk.sends, 0);
	/* Approved: it leaves. */
	id = mail_id(f, "ada.brooks@acme.com");
	assert_int_equal(store_outbox_transition(f->st, id, STORE_BIT(MAIL_HELD),
	    MAIL_PENDING), 1);
	deliver(f, TY_DUE + HOUR, &stats);
	assert_int_equal(f->fk.sends, 1);
	assert_string_equal(f->fk.rcpt[0], "ada.brooks@acme.com");
	assert_status(f, id, MAIL_SENT);
	assert_int_equal(count_status(f, MAIL_HELD), 2);
}

/* Count the events of kind whose message contains needle. */
static size_t
count_events_with(struct fx *f, const char *kind, const char *needle)
{
	struct store_event *ev = NULL;
	size_t n = 0, hits = 0;

	assert_int_equal(store_event_list(f->st, 0, 0, &ev, &n), 0);
	for (size_t i = 0; i < n; i++)
		hits += strcmp(ev[i].kind, kind) == 0 && strstr(ev[i].message, needle) != NULL;
	store_events_free(ev, n);
	return hits;
}

/* Auto mode, an interview recorded after its end: its mails are queued
 * held with the reason (stored, in the audit log), nothing leaves until
 * one is approved; the interview's own reason holds the same way. */
static void
test_held_with_reason_in_auto_mode(void **state)
{
	struct fx *f = *state;
	struct outbox_stats stats;
	struct interview iv = { 0 };
	struct mail m = { 0 };
	int64_t late = 0, id;
	const char *why = "the invite failed the sender checks of your provider (dmarc=fail)";

	only_thank_yous(f);
	f->cfg->send.mode = CONFIG_SEND_AUTO;
	/* Recorded an hour after its end. */
	store_set_now(f->st, END + HOUR);
	iv.application_id = f->app;
	iv.event_uid = (char *)"uid-late@acme.com";
	iv.start = START;
	iv.end = END;
	iv.status = IV_SCHEDULED;
	assert_int_equal(store_interview_insert(f->st, &iv, &late), 0);
	assert_true(store_interview_add_person(f->st, late, "Dana Fox", "dana.fox@acme.com",
	    ROLE_INTERVIEWER, NULL) >= 0);
	assert_int_equal(store_begin(f->st), 0);
	assert_int_equal(outbox_plan_interview(f->ob, late, END + HOUR), 1);
	assert_int_equal(store_commit(f->st), 0);
	get_mail(f, MAIL_THANK_YOU, "dana.fox@acme.com", 1, &m);
	assert_int_equal(m.status, MAIL_HELD);
	assert_non_null(m.hold_reason);
	assert_non_null(strstr(m.hold_reason, "found late: the interview ended before followupd saw it ("));
	id = m.id;
	mail_clear(&m);
	assert_int_equal(count_events_with(f, "held", "held: found late: the interview ended"), 1);
	deliver(f, TY_DUE + HOUR, &stats);
	assert_int_equal(f->fk.sends, 0);
	/* Approved: it leaves, without its reason. */
	assert_int_equal(store_outbox_transition(f->st, id, STORE_BIT(MAIL_HELD),
	    MAIL_PENDING), 1);
	deliver(f, TY_DUE + HOUR, &stats);
	assert_int_equal(f->fk.sends, 1);
	assert_string_equal(f->fk.rcpt[0], "dana.fox@acme.com");

	/* The first interview (recorded before its end) with a reason of its own. */
	assert_int_equal(store_interview_set_hold_reason(f->st, f->iv, why), 1);
	plan(f, NOW);
	get_mail(f, MAIL_THANK_YOU, "ada.brooks@acme.com", 1, &m);
	assert_int_equal(m.status, MAIL_HELD);
	assert_string_equal(m.hold_reason, why);
	mail_clear(&m);
	assert_int_equal(count_status(f, MAIL_HELD), 3);
	assert_int_equal(count_events_with(f, "held", why), 3);
	deliver(f, TY_DUE + HOUR, &stats);
	assert_int_equal(f->fk.sends, 1);       /* still only Dana's */
}

static void
test_tempfail_retry_give_up(void **state)
{
	struct fx *f = *state;
	struct outbox_stats stats;
	struct mail m = { 0 };
	time_t t;
	int64_t id;

	only_thank_yous(f);
	plan(f, NOW);
	id = mail_id(f, "ada.brooks@acme.com");
	store_outbox_transition(f->st, mail_id(f, "bob.lee@acme.com"), STORE_BIT(MAIL_PENDING),
	    MAIL_CANCELLED);
	store_outbox_transition(f->st, mail_id(f, "cleo.park@acme.com"),
	    STORE_BIT(MAIL_PENDING), MAIL_CANCELLED);
	for (size_t i = 0; i < MAXCALLS; i++)
		f->fk.results[i] = SMTP_TEMPFAIL;

	deliver(f, TY_DUE, &stats);
	assert_int_equal(f->fk.sends, 1);
	assert_int_equal(stats.deferred, 1);
	assert_int_equal(stats.sent, 0);
	assert_status(f, id, MAIL_DEFERRED);
	assert_int_equal(store_outbox_get(f->st, id, &m), 1);
	assert_int_equal(m.attempts, 1);
	assert_true(m.next_attempt > TY_DUE);
	assert_true(m.next_attempt <= TY_DUE + 2 * HOUR);
	assert_non_null(m.last_error);
	assert_non_null(strstr(m.last_error, "call 1"));
	t = (time_t)m.next_attempt;
	mail_clear(&m);
	assert_int_equal(outbox_next_due(f->ob), t);
	assert_int_equal(count_events(f, "deferred", "attempt 1"), 1);

	/* Not before its retry time. */
	deliver(f, t - 1, &stats);
	assert_int_equal(f->fk.sends, 1);
	/* Then again, with a longer wait (backoff). */
	deliver(f, t, &stats);
	assert_int_equal(f->fk.sends, 2);
	assert_int_equal(store_outbox_get(f->st, id, &m), 1);
	assert_int_equal(m.attempts, 2);
	assert_int_equal(m.status, MAIL_DEFERRED);
	assert_true(m.next_attempt > t);
	t = (time_t)m.next_attempt;
	mail_clear(&m);

	/* Past give_up (3d after the first attempt), the next failure fails it. */
	deliver(f, TY_DUE + 3 * DAY + HOUR, &stats);
	assert_int_equal(f->fk.sends, 3);
	assert_int_equal(stats.failed, 1);
	assert_int_equal(stats.deferred, 0);
	assert_status(f, id, MAIL_FAILED);
	assert_int_equal(count_events(f, "failed", "given up"), 1);
	/* And never again. */
	deliver(f, TY_DUE + 5 * DAY, &stats);
	assert_int_equal(f->fk.sends, 3);
}

/*
 * outbox.h: "retried ... until send.give_up after its first attempt".  A
 * mail approved days after it was due (review mode) has not been tried
 * yet: one temporary failure must defer it, not fail it at once.
 */
static void
test_give_up_counts_from_first_attempt(void **state)
{
	struct fx *f = *state;
	struct outbox_stats stats;
	int64_t id;
	time_t approved = TY_DUE + 4 * DAY;     /* Friday 14:00 */

	only_thank_yous(f);
	f->cfg->send.mode = CONFIG_SEND_REVIEW;
	plan(f, NOW);
	id = mail_id(f, "ada.brooks@acme.com");
	store_set_now(f->st, approved);
	assert_int_equal(store_outbox_transition(f->st, id, STORE_BIT(MAIL_HELD),
	    MAIL_PENDING), 1);
	f->fk.results[0] = SMTP_TEMPFAIL;
	deliver(f, approved, &stats);
	assert_int_equal(f->fk.sends, 1);
	if (status_of(f, id) != MAIL_DEFERRED)
		fail_msg("first temporary failure of a mail approved 4 days after its due time: "
		    "%s, expected deferred", mail_status_name(status_of(f, id)));
}

static void
test_permfail(void **state)
{
	struct fx *f = *state;
	struct outbox_stats stats;
	struct mail m = { 0 };
	int64_t ada, bob;

	only_thank_yous(f);
	plan(f, NOW);
	ada = mail_id(f, "ada.brooks@acme.com");
	bob = mail_id(f, "bob.lee@acme.com");
	f->fk.results[0] = SMTP_PERMFAIL;   /* the first one offered */
	deliver(f, TY_DUE, &stats);
	assert_int_equal(f->fk.sends, 3);
	assert_int_equal(stats.failed, 1);
	assert_int_equal(stats.sent, 2);
	/* The first offered is the earliest by id (same due): Ada. */
	assert_string_equal(f->fk.rcpt[0], "ada.brooks@acme.com");
	assert_status(f, ada, MAIL_FAILED);
	assert_status(f, bob, MAIL_SENT);
	assert_int_equal(store_outbox_get(f->st, ada, &m), 1);
	assert_non_null(m.last_error);
	assert_non_null(strstr(m.last_error, "permanent"));
	assert_int_equal(m.next_attempt, 0);
	mail_clear(&m);
	assert_int_equal(count_events(f, "failed", "not retried"), 1);
	/* Never offered again. */
	for (int d = 0; d < 5; d++)
		deliver(f, TY_DUE + HOUR + d * DAY, &stats);
	assert_int_equal(f->fk.sends, 3);
	assert_status(f, ada, MAIL_FAILED);
	assert_int_equal(outbox_next_due(f->ob), 0);
}

static void
test_authfail_stops_round(void **state)
{
	struct fx *f = *state;
	struct outbox_stats stats;
	struct mail m = { 0 };
	int64_t ada;

	only_thank_yous(f);
	plan(f, NOW);
	ada = mail_id(f, "ada.brooks@acme.com");
	f->fk.results[0] = SMTP_AUTHFAIL;
	deliver(f, TY_DUE, &stats);
	assert_int_equal(f->fk.sends, 1);
	assert_true(stats.auth_failed);
	assert_int_equal(stats.sent, 0);
	assert_int_equal(stats.failed, 0);
	assert_status(f, ada, MAIL_DEFERRED);
	assert_int_equal(count_status(f, MAIL_PENDING), 2);
	assert_int_equal(store_outbox_get(f->st, ada, &m), 1);
	assert_true(m.next_attempt > TY_DUE);
	/* A refused login is not an attempt of the mail's. */
	assert_int_equal(m.attempts, 0);
	assert_int_equal(m.first_attempt, 0);
	mail_clear(&m);
	/* Later, the login works: all three leave. */
	deliver(f, TY_DUE + 2 * HOUR, &stats);
	assert_false(stats.auth_failed);
	assert_int_equal(f->fk.sends, 4);
	assert_int_equal(count_status(f, MAIL_SENT), 3);
}

static void
test_unknown_outcome(void **state)
{
	struct fx *f = *state;
	struct outbox_stats stats;
	struct mail m = { 0 };
	int64_t ada, bob;

	only_thank_yous(f);
	plan(f, NOW);
	ada = mail_id(f, "ada.brooks@acme.com");
	bob = mail_id(f, "bob.lee@acme.com");
	f->fk.results[0] = SMTP_UNKNOWN;    /* Ada: found in Sent */
	f->fk.results[1] = SMTP_UNKNOWN;    /* Bob: not found */
	f->fk.find[0] = 1;
	f->fk.find[1] = 0;
	deliver(f, TY_DUE, &stats);
	assert_int_equal(f->fk.sends, 3);
	assert_int_equal(f->fk.finds, 2);
	assert_int_equal(stats.sent, 2);
	assert_int_equal(stats.unknown, 1);
	assert_status(f, ada, MAIL_SENT);
	assert_status(f, bob, MAIL_UNKNOWN);
	/* Looked up by the mail's own Message-ID. */
	assert_int_equal(store_outbox_get(f->st, ada, &m), 1);
	assert_string_equal(f->fk.found_ids[0], m.message_id);
	mail_clear(&m);
	assert_int_equal(store_outbox_get(f->st, bob, &m), 1);
	assert_string_equal(f->fk.found_ids[1], m.message_id);
	assert_non_null(m.last_error);
	mail_clear(&m);
	/* An unknown mail is never resent blindly. */
	deliver(f, TY_DUE + DAY, &stats);
	assert_int_equal(f->fk.sends, 3);
	assert_status(f, bob, MAIL_UNKNOWN);
}

static void
test_recover(void **state)
{
	struct fx *f = *state;
	int64_t ada, bob, cleo;
	size_t left = 99;

	only_thank_yous(f);
	plan(f, NOW);
	ada = mail_id(f, "ada.brooks@acme.com");
	bob = mail_id(f, "bob.lee@acme.com");
	cleo = mail_id(f, "cleo.park@acme.com");
	/* A crash after the claims, each body handed over (the mails not
	 * handed are test_recover_unhanded's). */
	assert_int_equal(store_outbox_claim(f->st, ada, TY_DUE), 1);
	assert_int_equal(store_outbox_claim(f->st, bob, TY_DUE), 1);
	assert_int_equal(store_outbox_claim(f->st, cleo, TY_DUE), 1);
	assert_int_equal(store_outbox_mark_handed(f->st, ada), 1);
	assert_int_equal(store_outbox_mark_handed(f->st, bob), 1);
	assert_int_equal(store_outbox_mark_handed(f->st, cleo), 1);
	f->fk.find[0] = 1;
	f->fk.find[1] = 0;
	f->fk.find[2] = -1;
	assert_int_equal(outbox_recover(f->ob, &f->io, TY_DUE + 60, &left), 2);
	assert_int_equal(left, 1);          /* cleo: Sent could not tell */
	assert_int_equal(f->fk.finds, 3);
	assert_status(f, ada, MAIL_SENT);
	assert_status(f, bob, MAIL_UNKNOWN);
	assert_status(f, cleo, MAIL_SENDING);
	assert_int_equal(count_events(f, "unknown", NULL), 1);
	/* Sending mails are not offered by a round. */
	{
		struct outbox_stats stats;

		deliver(f, TY_DUE + HOUR, &stats);
		assert_int_equal(f->fk.sends, 0);
	}
	/* Next start: Sent answers now. */
	f->fk.find[3] = 1;
	assert_int_equal(outbox_recover(f->ob, &f->io, TY_DUE + 60, &left), 1);
	assert_int_equal(left, 0);
	assert_int_equal(f->fk.finds, 4);
	assert_status(f, cleo, MAIL_SENT);
	assert_int_equal(outbox_recover(f->ob, &f->io, TY_DUE + 60, NULL), 0);
	assert_int_equal(f->fk.finds, 4);
	assert_int_equal(f->fk.sends, 0);
}

static int64_t
handed_at(struct fx *f, int64_t id)
{
	int64_t at = -1;

	assert_true(store_outbox_handed(f->st, id, &at) >= 0);
	return at;
}

/*
 * The recovery rule with several mails in "sending" at once (a batch of
 * claims): a mail whose body was not all handed over was certainly not
 * sent: deferred and sent again, nobody asked, Sent not even looked at;
 * a handed one goes the old way (Sent, else unknown).
 */
static void
test_recover_unhanded(void **state)
{
	struct fx *f = *state;
	struct outbox_stats stats;
	struct mail m = { 0 };
	int64_t ada, bob, cleo;
	size_t left = 99;

	only_thank_yous(f);
	plan(f, NOW);
	ada = mail_id(f, "ada.brooks@acme.com");
	bob = mail_id(f, "bob.lee@acme.com");
	cleo = mail_id(f, "cleo.park@acme.com");
	store_set_now(f->st, TY_DUE);
	assert_int_equal(store_outbox_claim(f->st, ada, TY_DUE), 1);
	assert_int_equal(store_outbox_claim(f->st, bob, TY_DUE), 1);
	assert_int_equal(store_outbox_claim(f->st, cleo, TY_DUE), 1);
	/* Only bob's body was all handed over when the daemon died. */
	assert_int_equal(store_outbox_mark_handed(f->st, bob), 1);
	assert_int_equal(handed_at(f, bob), TY_DUE);
	assert_int_equal(handed_at(f, ada), 0);
	f->fk.find[0] = 0;                  /* bob is not in Sent */
	store_set_now(f->st, TY_DUE + 60);
	assert_int_equal(outbox_recover(f->ob, &f->io, TY_DUE + 60, &left), 3);
	assert_int_equal(left, 0);
	assert_int_equal(f->fk.finds, 1);   /* only bob's was looked up */
	assert_int_equal(store_outbox_get(f->st, bob, &m), 1);
	assert_string_equal(f->fk.found_ids[0], m.message_id);
	mail_clear(&m);
	assert_status(f, ada, MAIL_DEFERRED);
	assert_status(f, cleo, MAIL_DEFERRED);
	assert_status(f, bob, MAIL_UNKNOWN);
	assert_int_equal(count_events(f, "unknown", NULL), 1);
	assert_int_equal(count_events(f, "deferred", NULL), 2);
	/* The interrupted attempt counts (backoff), the error says why. */
	assert_int_equal(store_outbox_get(f->st, ada, &m), 1);
	assert_int_equal(m.attempts, 1);
	assert_int_equal(m.first_attempt, TY_DUE);
	assert_true(m.next_attempt > TY_DUE + 60);
	assert_non_null(strstr(m.last_error, "not sent"));
	mail_clear(&m);
	/* The next round sends them again (and marks them); bob waits. */
	deliver(f, TY_DUE + HOUR, &stats);
	assert_int_equal(stats.sent, 2);
	assert_int_equal(f->fk.sends, 2);
	assert_int_equal(f->fk.marks, 2);
	assert_status(f, ada, MAIL_SENT);
	assert_status(f, cleo, MAIL_SENT);
	assert_status(f, bob, MAIL_UNKNOWN);
	assert_true(handed_at(f, ada) > 0);
	/* Nothing is left to recover. */
	assert_int_equal(outbox_recover(f->ob, &f->io, TY_DUE + DAY, &left), 0);
	assert_int_equal(f->fk.finds, 1);
}

/* An interrupted mail past its give-up time is not retried for ever. */
static void
test_recover_unhanded_gives_up(void **state)
{
	struct fx *f = *state;
	int64_t ada;

	only_thank_yous(f);
	plan(f, NOW);
	ada = mail_id(f, "ada.brooks@acme.com");
	assert_int_equal(store_outbox_claim(f->st, ada, TY_DUE), 1);
	/* Started again four days later (send.give_up is 3d). */
	assert_int_equal(outbox_recover(f->ob, &f->io, TY_DUE + 4 * DAY, NULL), 1);
	assert_int_equal(f->fk.finds, 0);
	assert_status(f, ada, MAIL_FAILED);
}

/* A round's sends carry the mark; a mark that cannot be recorded stops
 * the send before its end: deferred, never unknown. */
static void
open_transaction(struct fake *fk)
{
	assert_int_equal(store_begin(fk->st), 0);
}

static void
close_transaction(struct fake *fk)
{
	assert_int_equal(store_rollback(fk->st), 0);
}

static void
test_mark_on_send(void **state)
{
	struct fx *f = *state;
	struct outbox_stats stats;
	int64_t ada, bob;

	only_thank_yous(f);
	plan(f, NOW);
	ada = mail_id(f, "ada.brooks@acme.com");
	bob = mail_id(f, "bob.lee@acme.com");
	f->fk.results[1] = SMTP_TEMPFAIL;   /* bob: 451 to RCPT, no body */
	f->fk.results[2] = SMTP_UNKNOWN;    /* cleo: no reply to the end */
	deliver(f, TY_DUE, &stats);
	assert_int_equal(f->fk.sends, 3);
	assert_int_equal(f->fk.marks, 2);
	assert_int_equal(stats.sent, 1);
	assert_int_equal(stats.unknown, 1);
	assert_int_equal(handed_at(f, ada), TY_DUE);    /* sent keeps it */
	assert_int_equal(handed_at(f, bob), 0);
	assert_int_equal(handed_at(f, mail_id(f, "cleo.park@acme.com")), TY_DUE);

	/* bob again: the store refuses the mark (a transaction is open). */
	f->fk.before_mark = open_transaction;
	f->fk.after_mark = close_transaction;
	f->fk.hand[3] = true;
	deliver(f, TY_DUE + HOUR, &stats);
	assert_int_equal(f->fk.sends, 4);
	assert_int_equal(f->fk.marks, 3);
	assert_int_equal(stats.deferred, 1);
	assert_status(f, bob, MAIL_DEFERRED);
	assert_int_equal(handed_at(f, bob), 0);
}

/* A note added while a mail is on its way (after its claim, before its
 * mark): not in the mail. */
static void
note_while_sending(struct fake *fk)
{
	if (fk->sends == 1)
		assert_int_equal(store_note_add(fk->st, 1, "followupctl",
		    "Ada: a late word", NULL), 0);
}

/* The "words" event of a sent mail is read with its claim, from the state
 * its bytes were written from: nothing is read between the 250 and the
 * outcome's commit, and the event says what the mail carried, not what
 * the notes say by the time the server answered. */
static void
test_words_read_with_claim(void **state)
{
	struct fx *f = *state;
	struct outbox_stats stats;
	struct store_event *ev = NULL;
	size_t nev = 0, words = 0;
	int64_t ada;

	only_thank_yous(f);
	plan(f, NOW);
	ada = mail_id(f, "ada.brooks@acme.com");
	assert_int_equal(f->iv, 1);
	assert_int_equal(store_note_add(f->st, f->iv, "followupctl",
	    "Ada: the billing pipeline", NULL), 0);
	f->fk.before_mark = note_while_sending;
	deliver(f, TY_DUE, &stats);
	assert_int_equal(stats.sent, 3);
	assert_non_null(strstr(f->fk.data[0], "the billing pipeline"));
	assert_null(strstr(f->fk.data[0], "a late word"));
	assert_int_equal(store_event_list(f->st, 0, f->iv, &ev, &nev), 0);
	for (size_t i = 0; i < nev; i++) {
		if (strcmp(ev[i].kind, "words") != 0 || ev[i].outbox_id != ada)
			continue;
		words++;
		assert_non_null(strstr(ev[i].message, "the billing pipeline"));
		assert_null(strstr(ev[i].message, "a late word"));
	}
	assert_int_equal(words, 1);
	store_events_free(ev, nev);
	assert_status(f, ada, MAIL_SENT);
}

/* The store's side: the mark only on a mail being sent, only committed
 * on its own, and gone when the mail is claimed again or waits again. */
static void
test_mark_store(void **state)
{
	struct fx *f = *state;
	int64_t ada;

	only_thank_yous(f);
	plan(f, NOW);
	ada = mail_id(f, "ada.brooks@acme.com");
	assert_int_equal(store_outbox_mark_handed(f->st, ada), 0);     /* pending */
	assert_int_equal(handed_at(f, ada), 0);
	assert_int_equal(store_outbox_claim(f->st, ada, TY_DUE), 1);
	assert_int_equal(store_begin(f->st), 0);
	assert_true(store_outbox_mark_handed(f->st, ada) < 0);
	assert_int_equal(store_rollback(f->st), 0);
	assert_int_equal(handed_at(f, ada), 0);
	assert_int_equal(store_outbox_mark_handed(f->st, ada), 1);
	assert_int_equal(handed_at(f, ada), NOW);
	/* Deferred: the next attempt starts without a mark. */
	assert_int_equal(store_outbox_set_status(f->st, ada, MAIL_DEFERRED, "451", TY_DUE + 60), 1);
	assert_int_equal(handed_at(f, ada), 0);
	assert_int_equal(store_outbox_claim(f->st, ada, TY_DUE + 60), 1);
	assert_int_equal(handed_at(f, ada), 0);
	assert_int_equal(store_outbox_mark_handed(f->st, ada), 1);
	/* Unknown keeps it; the user's retry clears it. */
	assert_int_equal(store_outbox_set_status(f->st, ada, MAIL_UNKNOWN, "?", 0), 1);
	assert_int_equal(handed_at(f, ada), NOW);
	assert_int_equal(store_outbox_retry(f->st, ada, MODEL_BIT(MAIL_UNKNOWN), MAIL_PENDING,
	    TY_DUE), 1);
	assert_int_equal(handed_at(f, ada), 0);
}

/* A mail of another interview, sent at `at` (stamped by the store clock). */
static void
sent_earlier(struct fx *f, const char *to, time_t at)
{
	struct mail m = { .kind = MAIL_REFLECTION, .status = MAIL_PENDING,
	    .application_id = f->app, .recipient_email = (char *)to, .due = at };
	int64_t id;

	store_set_now(f->st, at);
	assert_int_equal(store_outbox_insert(f->st, &m, &id), 1);
	assert_int_equal(store_outbox_claim(f->st, id, at), 1);
	assert_int_equal(store_outbox_set_status(f->st, id, MAIL_SENT, NULL, 0), 1);
}

static void
test_daily_cap(void **state)
{
	struct fx *f = *state;
	struct outbox_stats stats;

	only_thank_yous(f);
	f->cfg->send.max_per_day = 3;
	plan(f, NOW);
	sent_earlier(f, "x1@example.org", TY_DUE - DAY);        /* yesterday: not counted */
	sent_earlier(f, "x2@example.org", NOW - 9 * HOUR);       /* 01:00 today */
	sent_earlier(f, "x3@example.org", NOW - HOUR);
	deliver(f, TY_DUE, &stats);
	assert_int_equal(f->fk.sends, 1);
	assert_int_equal(stats.sent, 1);
	assert_true(stats.capped);
	assert_int_equal(count_status(f, MAIL_PENDING), 2);
	/* Still capped later today. */
	deliver(f, TY_DUE + 3 * HOUR, &stats);
	assert_int_equal(f->fk.sends, 1);
	assert_true(stats.capped);
	/* Tomorrow the rest leaves. */
	deliver(f, TY_DUE + DAY, &stats);
	assert_int_equal(f->fk.sends, 3);
	assert_false(stats.capped);
	assert_int_equal(count_status(f, MAIL_PENDING), 0);
}

/*
 * Run deliver at now with stderr (the log, in the foreground) caught:
 * returns how many lines said the daily limit was reached.
 */
static int
deliver_count_cap_logs(struct fx *f, time_t now, struct outbox_stats *stats)
{
	char path[300], line[512];
	FILE *log;
	int saved, fd, count = 0;

	snprintf(path, sizeof(path), "%s/stderr.log", f->dir);
	fflush(stderr);
	saved = dup(2);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(saved >= 0 && fd >= 0);
	assert_true(dup2(fd, 2) == 2);
	close(fd);
	deliver(f, now, stats);
	fflush(stderr);
	assert_true(dup2(saved, 2) == 2);
	close(saved);
	log = fopen(path, "r");
	assert_non_null(log);
	while (fgets(line, sizeof(line), log))
		if (strstr(line, "daily limit of") != NULL)
			count++;
	fclose(log);
	return count;
}

/*
 * Once a round meets the cap, the capped mails are not due before the
 * next local midnight (the daemon would otherwise wake at once, every
 * turn, until then) and the limit is logged once that day.  On a DST day
 * the next midnight is 23 or 25 hours after the last one.
 */
static void
test_daily_cap_next_due(void **state)
{
	struct fx *f = *state;
	struct outbox_stats stats;
	static const struct {
		time_t now, midnight;
	} days[] = {
		{ NOW + 4 * HOUR, NOW + DAY - 10 * HOUR },     /* Mon 14:00 GMT -> Tue 00:00 */
		{ 1806231600, 1806274800 },     /* Sun 28 Mar 2027 12:00 BST -> 29 Mar 00:00 BST */
		{ 1824984000, 1825027200 },     /* Sun 31 Oct 2027 12:00 GMT -> 1 Nov 00:00 GMT */
	};

	only_thank_yous(f);
	f->cfg->send.max_per_day = 1;
	log_init("test_outbox", true, 0);
	plan(f, NOW);
	assert_int_equal(outbox_next_due(f->ob), TY_DUE);
	for (size_t i = 0; i < sizeof(days) / sizeof(days[0]); i++) {
		char to[32];

		snprintf(to, sizeof(to), "x%zu@example.org", i);
		sent_earlier(f, to, days[i].now - 2 * HOUR);
		assert_int_equal(deliver_count_cap_logs(f, days[i].now, &stats), 1);
		assert_true(stats.capped);
		assert_int_equal(f->fk.sends, 0);
		assert_int_equal(outbox_next_due(f->ob), days[i].midnight);
		/* A later round the same day: still capped, not logged again. */
		assert_int_equal(deliver_count_cap_logs(f, days[i].now + HOUR, &stats), 0);
		assert_true(stats.capped);
		assert_int_equal(outbox_next_due(f->ob), days[i].midnight);
	}
	/* At midnight the count starts again: one leaves, and the new day's
	 * cap is logged once. */
	assert_int_equal(deliver_count_cap_logs(f, days[2].midnight + 9 * HOUR, &stats), 1);
	assert_int_equal(f->fk.sends, 1);
	assert_int_equal(stats.sent, 1);
	assert_true(stats.capped);
	assert_int_equal(outbox_next_due(f->ob), days[2].midnight + DAY);
}

static void
test_send_window(void **state)
{
	struct fx *f = *state;
	struct outbox_stats stats;
	struct mail m = { 0 };
	time_t evening = NOW + 11 * HOUR;       /* Monday 21:00 */
	int64_t ada, bob;

	only_thank_yous(f);
	plan(f, NOW);
	ada = mail_id(f, "ada.brooks@acme.com");
	bob = mail_id(f, "bob.lee@acme.com");
	store_outbox_transition(f->st, mail_id(f, "cleo.park@acme.com"),
	    STORE_BIT(MAIL_PENDING), MAIL_CANCELLED);
	/* The user asked to send Bob's now. */
	assert_int_equal(store_send_now_request(f->st, bob), 0);
	deliver(f, evening, &stats);
	assert_int_equal(store_send_now_requested(f->st, bob), 0);
	assert_int_equal(f->fk.sends, 1);
	assert_string_equal(f->fk.rcpt[0], "bob.lee@acme.com");
	assert_status(f, bob, MAIL_SENT);
	/* Ada's waits for the window: due at Tuesday 08:00. */
	assert_status(f, ada, MAIL_PENDING);
	assert_int_equal(store_outbox_get(f->st, ada, &m), 1);
	assert_int_equal(m.due, NOW + DAY - 2 * HOUR);
	mail_clear(&m);
	deliver(f, NOW + DAY - 2 * HOUR - 60, &stats);
	assert_int_equal(f->fk.sends, 1);
	deliver(f, NOW + DAY - 2 * HOUR, &stats);
	assert_int_equal(f->fk.sends, 2);
	assert_status(f, ada, MAIL_SENT);
}

static void
test_deferred_outside_window(void **state)
{
	struct fx *f = *state;
	struct outbox_stats stats;
	struct mail m = { 0 };
	time_t late = NOW + 9 * HOUR + 58 * 60;  /* 19:58 */
	int64_t ada;

	only_thank_yous(f);
	plan(f, NOW);
	ada = mail_id(f, "ada.brooks@acme.com");
	store_outbox_transition(f->st, mail_id(f, "bob.lee@acme.com"),
	    STORE_BIT(MAIL_PENDING), MAIL_CANCELLED);
	store_outbox_transition(f->st, mail_id(f, "cleo.park@acme.com"),
	    STORE_BIT(MAIL_PENDING), MAIL_CANCELLED);
	f->fk.results[0] = SMTP_TEMPFAIL;
	deliver(f, late, &stats);
	assert_status(f, ada, MAIL_DEFERRED);
	/* The retry falls after 20:00: it waits for Tuesday 08:00. */
	deliver(f, NOW + 10 * HOUR + 30 * 60, &stats);
	assert_int_equal(f->fk.sends, 1);
	assert_status(f, ada, MAIL_DEFERRED);
	assert_int_equal(store_outbox_get(f->st, ada, &m), 1);
	assert_int_equal(m.next_attempt, NOW + DAY - 2 * HOUR);
	mail_clear(&m);
	deliver(f, NOW + DAY - 2 * HOUR, &stats);
	assert_int_equal(f->fk.sends, 2);
	assert_status(f, ada, MAIL_SENT);
}

/* outbox.h: "send.max_per_day ... is never exceeded" - not even by
 * send-now. */
static void
test_send_now_keeps_cap(void **state)
{
	struct fx *f = *state;
	struct outbox_stats stats;
	int64_t ada;

	only_thank_yous(f);
	f->cfg->send.max_per_day = 1;
	plan(f, NOW);
	sent_earlier(f, "x1@example.org", NOW - HOUR);
	ada = mail_id(f, "ada.brooks@acme.com");
	assert_int_equal(store_send_now_request(f->st, ada), 0);
	deliver(f, TY_DUE, &stats);
	if (f->fk.sends != 0)
		fail_msg("max_per_day 1 with 1 sent today: send-now sent %zu more", f->fk.sends);
}

static void
test_edited_sent_as_is(void **state)
{
	struct fx *f = *state;
	struct outbox_stats stats;
	struct mail m = { 0 };
	char *err = NULL;
	int64_t ada;
	static const char edited[] =
	    "Date: Mon, 04 Jan 2027 10:00:00 +0000\r\n"
	    "From: Jane Doe <jane@example.net>\r\n"
	    "To: Ada Brooks <ada.brooks@acme.com>\r\n"
	    "Subject: My own words\r\n"
	    "Message-ID: <edited-1@example.net>\r\n"
	    "MIME-Version: 1.0\r\n"
	    "Content-Type: text/plain; charset=utf-8\r\n"
	    "\r\n"
	    "Dear Ada,\r\n"
	    ".a line starting with a dot\r\n"
	    "Thank you.  These words are mine.\r\n";

	only_thank_yous(f);
	plan(f, NOW);
	ada = mail_id(f, "ada.brooks@acme.com");
	assert_int_equal(store_outbox_set_rendered(f->st, ada, edited, sizeof(edited) - 1, NULL,
	    true), 1);
	/* A new note re-renders the others, not the edit. */
	assert_int_equal(store_note_add(f->st, f->iv, "followupctl", "Ada: the billing pipeline",
	    NULL), 0);
	assert_int_equal(outbox_render_interview(f->ob, f->iv, NOW), 2);
	assert_int_equal(outbox_render(f->ob, ada, NOW, &err), 0);
	deliver(f, TY_DUE, &stats);
	assert_int_equal(f->fk.sends, 3);
	assert_int_equal(store_outbox_get(f->st, ada, &m), 1);
	assert_true(m.edited);
	assert_int_equal(m.status, MAIL_SENT);
	for (size_t i = 0; i < f->fk.sends; i++)
		if (strcmp(f->fk.rcpt[i], "ada.brooks@acme.com") == 0) {
			/* The user's words as they are, but for when it left and
			 * the id recorded for this send. */
			char want[sizeof(edited) + 128], date[64];
			const char *from = strstr(edited, "From:"), *msgid = strstr(edited, "Message-ID:");

			when_format_rfc5322(TY_DUE, "Europe/London", date, sizeof(date));
			snprintf(want, sizeof(want), "Date: %s\r\n%.*sMessage-ID: %s\r\n%s", date,
			    (int)(msgid - from), from, m.message_id, strstr(msgid, "MIME-Version"));
			assert_string_equal(f->fk.data[i], want);
			assert_string_not_equal(m.message_id, "<edited-1@example.net>");
			assert_memory_equal(m.rendered, f->fk.data[i], f->fk.len[i]);
		}
	mail_clear(&m);
}

/*
 * Date and Message-ID are written at the claim, not at the render: a mail
 * rendered at NOW and sent a day later says it left then; the Message-ID
 * recorded before SMTP is the one sent, on every attempt (one mail, one
 * id); a mail with no id recorded gets one at the claim.
 */
static void
test_date_and_id_at_claim(void **state)
{
	struct fx *f = *state;
	struct outbox_stats stats;
	struct mail m = { 0 };
	char date[64], *h, *rendered_id;
	int64_t ada;
	time_t t;

	only_thank_yous(f);
	plan(f, NOW);
	ada = mail_id(f, "ada.brooks@acme.com");
	store_outbox_transition(f->st, mail_id(f, "bob.lee@acme.com"), STORE_BIT(MAIL_PENDING),
	    MAIL_CANCELLED);
	store_outbox_transition(f->st, mail_id(f, "cleo.park@acme.com"),
	    STORE_BIT(MAIL_PENDING), MAIL_CANCELLED);
	assert_int_equal(store_outbox_get(f->st, ada, &m), 1);
	rendered_id = xstrdup(m.message_id);
	mail_clear(&m);

	f->fk.results[0] = SMTP_TEMPFAIL;
	deliver(f, TY_DUE + DAY, &stats);
	assert_int_equal(f->fk.sends, 1);
	assert_int_equal(store_outbox_get(f->st, ada, &m), 1);
	assert_string_equal(m.message_id, rendered_id);
	h = header((const unsigned char *)f->fk.data[0], f->fk.len[0], "Message-ID");
	assert_string_equal(h, m.message_id);
	free(h);
	h = header((const unsigned char *)f->fk.data[0], f->fk.len[0], "Date");
	assert_string_equal(h, when_format_rfc5322(TY_DUE + DAY, "Europe/London", date, sizeof(date)));
	free(h);
	t = (time_t)m.next_attempt;
	free(rendered_id);
	rendered_id = xstrdup(m.message_id);
	mail_clear(&m);

	/* The retry: a new Date, the same Message-ID. */
	deliver(f, t, &stats);
	assert_int_equal(f->fk.sends, 2);
	assert_int_equal(stats.sent, 1);
	h = header((const unsigned char *)f->fk.data[1], f->fk.len[1], "Message-ID");
	assert_string_equal(h, rendered_id);
	free(h);
	h = header((const unsigned char *)f->fk.data[1], f->fk.len[1], "Date");
	assert_string_equal(h, when_format_rfc5322(t, "Europe/London", date, sizeof(date)));
	free(h);
	assert_int_equal(store_outbox_get(f->st, ada, &m), 1);
	assert_string_equal(m.message_id, rendered_id);
	assert_int_equal(m.status, MAIL_SENT);
	mail_clear(&m);
	free(rendered_id);
}

static void
test_stop_ends_round(void **state)
{
	struct fx *f = *state;
	struct outbox_stats stats;

	only_thank_yous(f);
	plan(f, NOW);
	f->fk.stop_after = 1;
	deliver(f, TY_DUE, &stats);
	assert_int_equal(f->fk.sends, 1);
	assert_int_equal(stats.sent, 1);
	assert_int_equal(f->fk.stops, 2);
	assert_int_equal(count_status(f, MAIL_PENDING), 2);
	assert_int_equal(count_status(f, MAIL_SENDING), 0);
	f->fk.stop_after = 0;
	deliver(f, TY_DUE, &stats);
	assert_int_equal(f->fk.sends, 1);
	f->fk.stop_after = -1;
	deliver(f, TY_DUE, &stats);
	assert_int_equal(f->fk.sends, 3);
}

/* ---- batches ---- */

/* A send that first looks at the store: how many mails are claimed. */
static size_t sending_seen[MAXCALLS];
static size_t copies_calls, copies_total;

static enum smtp_result
peek_send(void *arg, const char *from, const char *const *rcpts, size_t nrcpt,
		const char *data, size_t len, const struct smtp_mark *mark, char **detail)
{
	struct fx *f = arg;

	sending_seen[f->fk.sends] = count_status(f, MAIL_SENDING);
	return fake_send(&f->fk, from, rcpts, nrcpt, data, len, mark, detail);
}

static void
peek_copies(void *arg, struct outbox_copy *c, size_t n)
{
	(void)arg;
	copies_calls++;
	copies_total += n;
	for (size_t i = 0; i < n; i++) {
		assert_true(c[i].mail_id > 0);
		assert_non_null(c[i].data);
		assert_null(c[i].err);
	}
}

/* Each mail is claimed (committed) just before its bytes go, alone; its
 * outcome is recorded before the next mail; the copies go together. */
static void
test_batch_claim(void **state)
{
	struct fx *f = *state;
	struct outbox_io io = { peek_send, NULL, NULL, NULL, f, peek_copies };
	struct outbox_stats stats;

	only_thank_yous(f);
	plan(f, NOW);
	copies_calls = copies_total = 0;
	store_set_now(f->st, TY_DUE);
	assert_int_equal(outbox_deliver(f->ob, &io, TY_DUE, &stats), 0);
	assert_int_equal(f->fk.sends, 3);
	assert_int_equal(sending_seen[0], 1);
	assert_int_equal(sending_seen[1], 1);
	assert_int_equal(sending_seen[2], 1);
	assert_int_equal(stats.sent, 3);
	assert_int_equal(count_status(f, MAIL_SENT), 3);
	assert_int_equal(copies_calls, 1);
	assert_int_equal(copies_total, 3);
}

/* ---- notes ---- */

static char *
body_of(struct fx *f, const char *email)
{
	struct mail m = { 0 };
	char *s;

	get_mail(f, MAIL_THANK_YOU, email, 1, &m);
	assert_non_null(m.rendered);
	s = readable(m.rendered, m.rendered_len);
	mail_clear(&m);
	return s;
}

static void
test_notes_personal(void **state)
{
	struct fx *f = *state;
	char *ada, *bob, *cleo;

	only_thank_yous(f);
	f->cfg->send.mode = CONFIG_SEND_REVIEW;
	plan(f, NOW);
	ada = body_of(f, "ada.brooks@acme.com");
	assert_null(strstr(ada, "billing pipeline"));
	free(ada);
	assert_int_equal(store_note_add(f->st, f->iv, "followupctl",
	    "Ada: how she built the billing pipeline\n"
	    "Bob Lee: the on-call rotation story\n"
	    "the team ships every week", NULL), 0);
	assert_int_equal(outbox_render_interview(f->ob, f->iv, NOW), 3);
	ada = body_of(f, "ada.brooks@acme.com");
	bob = body_of(f, "bob.lee@acme.com");
	cleo = body_of(f, "cleo.park@acme.com");
	assert_non_null(strstr(ada, "how she built the billing pipeline"));
	assert_null(strstr(ada, "on-call"));
	assert_non_null(strstr(bob, "the on-call rotation story"));
	assert_null(strstr(bob, "billing pipeline"));
	assert_null(strstr(cleo, "billing pipeline"));
	assert_null(strstr(cleo, "on-call"));
	/* A line addressed to nobody is private: in no one's mail. */
	assert_null(strstr(cleo, "the team ships every week"));
	assert_null(strstr(ada, "the team ships every week"));
	/* Names of the others, but not a word of their notes. */
	assert_null(strstr(ada, "Ada:"));
	free(ada);
	free(bob);
	free(cleo);
}

/* A note that only looks like "Name: text" ("Highlight: ...") names
 * nobody: it is private like any other line, in no mail to others. */
static void
test_notes_general_with_colon(void **state)
{
	struct fx *f = *state;
	char *cleo;

	only_thank_yous(f);
	f->cfg->send.mode = CONFIG_SEND_REVIEW;
	plan(f, NOW);
	assert_int_equal(store_note_add(f->st, f->iv, "followupctl",
	    "Highlight: moving billing to events in one quarter", NULL), 0);
	assert_int_equal(outbox_render_interview(f->ob, f->iv, NOW), 3);
	cleo = body_of(f, "cleo.park@acme.com");
	if (strstr(cleo, "moving billing to events") != NULL)
		fail_msg("the private note 'Highlight: ...' went into Cleo's mail:\n%s", cleo);
	free(cleo);
}

/* The reflection reply of issue 16: private words go to nobody but the
 * user; "Ada:" to Ada alone; "All:" to every interviewer. */
static void
test_notes_private_by_default(void **state)
{
	static const char *const private_words[] = {
		"They asked about retries", "fumbled", "idempotency question", "burnt out",
		"gave me pause", "Highlight",
	};
	struct fx *f = *state;
	struct store_outbox_row *r = NULL;
	size_t n;

	f->cfg->send.mode = CONFIG_SEND_REVIEW;
	f->cfg->status_nudge.enabled = true;
	f->cfg->thank_you.contact = true;
	f->cfg->reflection.enabled = true;
	plan(f, NOW);
	assert_int_equal(store_note_add(f->st, f->iv, "mail",
	    "1. They asked about retries. I fumbled the idempotency question.\n"
	    "5. Ben seemed burnt out; the pace gave me pause.\n"
	    "Highlight: the whiteboard session\n"
	    "Ada: Your point on idempotent retries has stayed with me.\n"
	    "ALL: Thank you for making the afternoon feel like a conversation.\n", NULL), 0);
	outbox_render_interview(f->ob, f->iv, NOW);
	n = rows(f, &r);
	assert_true(n >= 8);    /* 3 thank-yous, the contact's, 2 nudges, 2 reflections */
	for (size_t i = 0; i < n; i++) {
		char *b = readable(r[i].m.rendered, r[i].m.rendered_len);
		bool to_me = r[i].m.kind == MAIL_REFLECTION;
		bool ada = strcmp(r[i].m.recipient_email, "ada.brooks@acme.com") == 0;
		/* Thank-yous carry the All: lines: the contact's too. */
		bool interviewer = r[i].m.kind == MAIL_THANK_YOU ||
		    r[i].m.kind == MAIL_THANK_YOU_CONTACT;

		for (size_t k = 0; k < ARRAY_LEN(private_words); k++)
			if (!to_me && strstr(b, private_words[k]) != NULL)
				fail_msg("mail %" PRId64 " to %s carries the private \"%s\":\n%s", r[i].m.id,
				    r[i].m.recipient_email, private_words[k], b);
		if (to_me && (strstr(b, "fumbled") == NULL || strstr(b, "Ada: Your point") == NULL))
			fail_msg("the reflection lacks the user's own notes:\n%s", b);
		if (!to_me && (strstr(b, "idempotent retries") != NULL) != ada)
			fail_msg("Ada's line %s mail %" PRId64 " to %s:\n%s", ada ? "is missing from" :
			    "went into", r[i].m.id, r[i].m.recipient_email, b);
		if (!to_me && (strstr(b, "feel like a conversation") != NULL) != interviewer)
			fail_msg("the All: line %s mail %" PRId64 " (%s to %s):\n%s",
			    interviewer ? "is missing from" : "went into", r[i].m.id,
			    mail_kind_name(r[i].m.kind), r[i].m.recipient_email, b);
		free(b);
	}
	store_outbox_rows_free(r, n);
}

/* The recruiter who arranged it and did not interview is thanked for
 * arranging, never "for talking with me". */
static void
test_contact_thanked_for_arranging(void **state)
{
	struct fx *f = *state;
	struct mail m = { 0 };
	char *b;

	only_thank_yous(f);
	f->cfg->send.mode = CONFIG_SEND_REVIEW;
	f->cfg->thank_you.contact = true;
	assert_int_equal(plan(f, NOW), 4);
	get_mail(f, MAIL_THANK_YOU_CONTACT, "ravi.menon@acme.com", 1, &m);
	assert_non_null(m.rendered);
	b = readable(m.rendered, m.rendered_len);
	assert_non_null(strstr(b, "Hi Ravi,"));
	assert_non_null(strstr(b, "arranging my interview"));
	assert_null(strstr(b, "talking with me"));
	assert_null(strstr(b, "pass my thanks on"));
	free(b);
	mail_clear(&m);
	/* The others are named by first name in each interviewer's mail. */
	b = body_of(f, "ada.brooks@acme.com");
	assert_non_null(strstr(b, "good to meet Bob and Cleo"));
	free(b);
}

/* One thank-you each: the contact, thanked for arranging, joins the panel
 * in an update; the interviewer's thank-you replaces the thanks for
 * arranging (superseded), or, when the user edited that one, waits held. */
static void
test_contact_joins_the_panel(void **state)
{
	struct fx *f = *state;
	struct mail m = { 0 };
	int64_t arranging;

	only_thank_yous(f);
	f->cfg->thank_you.contact = true;
	assert_int_equal(plan(f, NOW), 4);
	get_mail(f, MAIL_THANK_YOU_CONTACT, "ravi.menon@acme.com", 1, &m);
	arranging = m.id;
	mail_clear(&m);
	assert_true(store_interview_add_person(f->st, f->iv, "Ravi Menon", "ravi.menon@acme.com",
	    ROLE_INTERVIEWER, NULL) >= 0);
	assert_int_equal(plan(f, NOW), 1);      /* Ravi's thank-you */
	assert_status(f, arranging, MAIL_CANCELLED);
	assert_int_equal(count_events(f, "superseded", "ravi.menon@acme.com is on the panel"), 1);
	get_mail(f, MAIL_THANK_YOU, "ravi.menon@acme.com", 1, &m);
	assert_int_equal(m.status, MAIL_PENDING);
	mail_clear(&m);
}

static int64_t other_interview(struct fx *f, const char *company, const char *uid,
    time_t start);

/* A team's mailbox on the invite ("Acme – Recruiting <recruiting@...>")
 * as an interviewer: no thank-you greets it and nobody is told it was
 * good to meet it.  As the contact: the nudge says "Hi there", not "Hi
 * Globex". */
static void
test_team_address(void **state)
{
	struct fx *f = *state;
	struct store_outbox_filter flt = { .recipient_email = "recruiting@acme.com" };
	struct store_outbox_row *r = NULL;
	int64_t other;
	size_t n = 0;
	char *b;

	only_thank_yous(f);
	f->cfg->send.mode = CONFIG_SEND_REVIEW;
	assert_true(store_interview_add_person(f->st, f->iv, "Acme \xe2\x80\x93 Recruiting",
	    "recruiting@acme.com", ROLE_INTERVIEWER, NULL) >= 0);
	assert_int_equal(plan(f, NOW), 3);     /* Ada, Bob, Cleo */
	assert_int_equal(store_outbox_list(f->st, &flt, &r, &n), 0);
	assert_int_equal(n, 0);
	b = body_of(f, "ada.brooks@acme.com");
	assert_non_null(strstr(b, "good to meet Bob and Cleo as well"));
	free(b);

	f->cfg->status_nudge.enabled = true;
	other = other_interview(f, "Globex", "uid-globex@globex.example", START);
	assert_true(store_interview_add_person(f->st, other, "Globex Talent Team",
	    "talent@globex.example", ROLE_CONTACT, NULL) >= 0);
	assert_true(outbox_plan_interview(f->ob, other, NOW) > 0);
	flt.recipient_email = "talent@globex.example";
	assert_int_equal(store_outbox_list(f->st, &flt, &r, &n), 0);
	assert_true(n > 0);
	b = readable(r[0].m.rendered, r[0].m.rendered_len);
	assert_non_null(strstr(b, "Hi there,"));
	assert_null(strstr(b, "Hi Globex"));
	free(b);
	store_outbox_rows_free(r, n);
}

/* A personal note typed with leading blanks is still Ada's alone. */
static void
test_notes_indented_name(void **state)
{
	struct fx *f = *state;
	char *ada, *bob;

	only_thank_yous(f);
	f->cfg->send.mode = CONFIG_SEND_REVIEW;
	plan(f, NOW);
	assert_int_equal(store_note_add(f->st, f->iv, "mail",
	    "the team ships every week\n  Ada: her private remark about the reorg", NULL), 0);
	outbox_render_interview(f->ob, f->iv, NOW);
	ada = body_of(f, "ada.brooks@acme.com");
	bob = body_of(f, "bob.lee@acme.com");
	if (strstr(bob, "private remark") != NULL)
		fail_msg("Ada's note (indented 'Ada: ...') is in Bob's thank-you");
	assert_non_null(strstr(ada, "her private remark about the reorg"));
	free(ada);
	free(bob);
}

/* An interviewer without an address: one mail to the contact naming them,
 * held for review even in auto mode. */
static void
test_thank_you_through_contact(void **state)
{
	struct fx *f = *state;
	struct mail m = { 0 };
	char *text, *to;

	only_thank_yous(f);
	assert_true(store_interview_add_person(f->st, f->iv, "Dan Ho", NULL,
	    ROLE_INTERVIEWER, NULL) >= 0);
	assert_int_equal(plan(f, NOW), 4);
	get_mail(f, MAIL_THANK_YOU_CONTACT, "ravi.menon@acme.com", 1, &m);   /* a kind of its own */
	assert_int_equal(m.status, MAIL_HELD);
	assert_string_equal(m.hold_reason, "no address is known for Dan Ho: the thanks go "
	    "through ravi.menon@acme.com; read the words before it goes");
	assert_non_null(m.rendered);
	to = header(m.rendered, m.rendered_len, "To");
	assert_non_null(strstr(to, "ravi.menon@acme.com"));
	free(to);
	text = readable(m.rendered, m.rendered_len);
	assert_non_null(strstr(text, "Hi Ravi,"));
	assert_non_null(strstr(text, "pass my thanks on to Dan Ho"));
	/* one person: "their address", not "their addresses" */
	assert_null(strstr(text, "addresses"));
	assert_non_null(strstr(text, "address"));
	/* It speaks for Dan only: the others have their own mails. */
	assert_null(strstr(text, "Ada"));
	free(text);
	mail_clear(&m);
	assert_int_equal(count_status(f, MAIL_PENDING), 3);
}

/* Two without an address: "their addresses". */
static void
test_thank_you_through_contact_two(void **state)
{
	struct fx *f = *state;
	struct mail m = { 0 };
	char *text;

	only_thank_yous(f);
	assert_true(store_interview_add_person(f->st, f->iv, "Dan Ho", NULL,
	    ROLE_INTERVIEWER, NULL) >= 0);
	assert_true(store_interview_add_person(f->st, f->iv, "Eve Lin", NULL,
	    ROLE_INTERVIEWER, NULL) >= 0);
	plan(f, NOW);
	get_mail(f, MAIL_THANK_YOU_CONTACT, "ravi.menon@acme.com", 1, &m);
	text = readable(m.rendered, m.rendered_len);
	assert_non_null(strstr(text, "Dan Ho and Eve Lin"));
	assert_non_null(strstr(text, "addresses"));
	free(text);
	mail_clear(&m);
}

/* Another company's interview, final round, starting at start. */
static int64_t
other_interview(struct fx *f, const char *company, const char *uid, time_t start)
{
	struct interview iv = { 0 };
	int64_t app, id;

	assert_true(store_application_find_or_create(f->st, company, "Engineer", NULL, NULL,
	    &app) >= 0);
	iv.application_id = app;
	iv.event_uid = (char *)uid;
	iv.start = start;
	iv.end = start + HOUR;
	iv.status = IV_SCHEDULED;
	iv.final_round = true;
	assert_int_equal(store_interview_insert(f->st, &iv, &id), 0);
	return id;
}

/* A booking from a team's mailbox: the one interviewer, without an
 * address, is the contact at the mailbox.  One thank-you, for talking,
 * at the mailbox, greeting her; it names nobody else to have met. */
static void
test_contact_is_the_interviewer(void **state)
{
	struct fx *f = *state;
	struct store_outbox_filter flt = { .recipient_email = "careers@kinderscout.example" };
	struct store_outbox_row *r = NULL;
	int64_t other;
	size_t n = 0;
	char *b;

	only_thank_yous(f);
	f->cfg->send.mode = CONFIG_SEND_REVIEW;
	other = other_interview(f, "Kinder Scout", "uid-ks@kinderscout.example", START);
	assert_true(store_interview_add_person(f->st, other, "Tasha Greaves", NULL, ROLE_INTERVIEWER,
	    NULL) >= 0);
	assert_true(store_interview_add_person(f->st, other, "Tasha Greaves",
	    "careers@kinderscout.example", ROLE_CONTACT, NULL) >= 0);
	assert_true(outbox_plan_interview(f->ob, other, NOW) > 0);
	assert_int_equal(store_outbox_list(f->st, &flt, &r, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(r[0].m.kind, MAIL_THANK_YOU);
	store_outbox_rows_free(r, n);
	b = body_of(f, "careers@kinderscout.example");
	assert_non_null(strstr(b, "Hi Tasha,"));
	assert_non_null(strstr(b, "talking with me"));
	assert_null(strstr(b, "as well"));
	assert_null(strstr(b, "pass my thanks"));
	free(b);
}

/* Reference warnings: a second company inside the cooldown is folded into
 * the waiting warning (which then names both); one sent pushes the next to
 * the end of the cooldown. */
static void
test_reference_folding(void **state)
{
	struct fx *f = *state;
	struct outbox_stats stats;
	struct mail m = { 0 };
	struct interview iv = { 0 };
	int64_t globex, initech;
	char *text;

	only_thank_yous(f);
	f->cfg->thank_you.enabled = false;
	f->cfg->reference_warning.enabled = true;
	assert_int_equal(f->cfg->reference_warning.when, CONFIG_REFWARN_FINAL);
	/* Not a final round: nothing. */
	assert_int_equal(plan(f, NOW), 0);
	assert_int_equal(store_interview_get(f->st, f->iv, &iv), 1);
	iv.final_round = true;
	assert_int_equal(store_interview_update(f->st, &iv), 1);
	interview_clear(&iv);
	assert_int_equal(plan(f, NOW), 1);
	get_mail(f, MAIL_REFERENCE_WARNING, "bob@example.org", 1, &m);
	assert_int_equal(m.due, NOW + HOUR);
	mail_clear(&m);

	globex = other_interview(f, "Globex", "uid-globex", NOW + DAY);
	store_set_now(f->st, NOW + 600);
	assert_int_equal(store_begin(f->st), 0);
	assert_int_equal(outbox_plan_interview(f->ob, globex, NOW + 600), 0);
	assert_int_equal(store_commit(f->st), 0);
	assert_int_equal(count_events(f, "plan", "folded"), 1);

	deliver(f, NOW + HOUR, &stats);
	assert_int_equal(f->fk.sends, 1);
	assert_string_equal(f->fk.rcpt[0], "bob@example.org");
	text = readable((unsigned char *)f->fk.data[0], f->fk.len[0]);
	if (strstr(text, "Acme") == NULL || strstr(text, "Globex") == NULL)
		fail_msg("the folded warning does not name both companies:\n%s", text);
	assert_non_null(strstr(text, "Hi Bob,"));
	free(text);

	/* Two days later a third company: its warning waits for the end of
	 * the cooldown (sent Monday 11:00 + 7d). */
	initech = other_interview(f, "Initech", "uid-initech", NOW + 3 * DAY);
	store_set_now(f->st, NOW + 2 * DAY);
	assert_int_equal(store_begin(f->st), 0);
	assert_int_equal(outbox_plan_interview(f->ob, initech, NOW + 2 * DAY), 1);
	assert_int_equal(store_commit(f->st), 0);
	{
		struct store_outbox_filter flt = { .kind_mask = STORE_BIT(MAIL_REFERENCE_WARNING),
		    .interview_id = initech };
		struct store_outbox_row *r = NULL;
		size_t n = 0;

		assert_int_equal(store_outbox_list(f->st, &flt, &r, &n), 0);
		assert_int_equal(n, 1);
		assert_int_equal(r[0].m.due, NOW + HOUR + 7 * DAY);
		store_outbox_rows_free(r, n);
	}
}

/* ---- after a rejection ---- */

static void
test_plan_rejection(void **state)
{
	struct fx *f = *state;
	struct mail m = { 0 };
	time_t at = NOW + 3 * DAY;              /* Thursday 10:00 */
	char *s;

	store_set_now(f->st, at);
	assert_int_equal(outbox_plan_rejection(f->ob, f->app, f->iv, NULL, NULL, at, at, true, NULL), 1);
	get_mail(f, MAIL_FEEDBACK_REQUEST, "ravi.menon@acme.com", 1, &m);
	assert_int_equal(m.status, MAIL_PENDING);
	assert_int_equal(m.due, at + DAY);
	assert_int_equal(m.interview_id, f->iv);
	assert_non_null(m.rendered);
	s = header(m.rendered, m.rendered_len, "To");
	assert_non_null(strstr(s, "ravi.menon@acme.com"));
	free(s);
	mail_clear(&m);
	/* Twice: nothing new. */
	assert_int_equal(outbox_plan_rejection(f->ob, f->app, f->iv, NULL, NULL, at, at, true, NULL), 0);
	/* To the sender, named. */
	assert_int_equal(outbox_plan_rejection(f->ob, f->app, f->iv, "Tess Hiring",
	    "tess@acme.com", at, at, true, NULL), 1);
	get_mail(f, MAIL_FEEDBACK_REQUEST, "tess@acme.com", 1, &m);
	assert_string_equal(m.recipient_name, "Tess Hiring");
	/* greeted as whom it goes to, not as the application's contact */
	s = readable((unsigned char *)m.rendered, m.rendered_len);
	if (strstr(s, "Hi Tess,") == NULL)
		fail_msg("the feedback request to Tess greets another:\n%s", s);
	free(s);
	mail_clear(&m);
	/* To an interviewer: "you", never their own name in the third person. */
	assert_int_equal(outbox_plan_rejection(f->ob, f->app, f->iv, "Ada Brooks",
	    "ada.brooks@acme.com", at, at, true, NULL), 1);
	get_mail(f, MAIL_FEEDBACK_REQUEST, "ada.brooks@acme.com", 1, &m);
	s = readable((unsigned char *)m.rendered, m.rendered_len);
	if (strstr(s, "the time you, Bob Lee and Cleo Park spent") == NULL ||
	    strstr(s, "Hi Ada,") == NULL)
		fail_msg("the reader named to herself (%zu bytes):\n%s", m.rendered_len, s);
	free(s);
	mail_clear(&m);
	/* Nobody to ask: only a note in the log. */
	assert_int_equal(outbox_plan_rejection(f->ob, f->app, 0, NULL, NULL, at, at, true, NULL), 0);
	assert_int_equal(count_events(f, "plan", "nobody to ask"), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_plan_queues_and_renders, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nudge_bad_thread_id, setup, teardown),
		cmocka_unit_test_setup_teardown(test_date_and_id_at_claim, setup, teardown),
		cmocka_unit_test_setup_teardown(test_deliver_sends_due, setup, teardown),
		cmocka_unit_test_setup_teardown(test_held_waits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_held_with_reason_in_auto_mode, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tempfail_retry_give_up, setup, teardown),
		cmocka_unit_test_setup_teardown(test_give_up_counts_from_first_attempt, setup, teardown),
		cmocka_unit_test_setup_teardown(test_permfail, setup, teardown),
		cmocka_unit_test_setup_teardown(test_authfail_stops_round, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_outcome, setup, teardown),
		cmocka_unit_test_setup_teardown(test_recover, setup, teardown),
		cmocka_unit_test_setup_teardown(test_daily_cap, setup, teardown),
		cmocka_unit_test_setup_teardown(test_daily_cap_next_due, setup, teardown),
		cmocka_unit_test_setup_teardown(test_send_window, setup, teardown),
		cmocka_unit_test_setup_teardown(test_deferred_outside_window, setup, teardown),
		cmocka_unit_test_setup_teardown(test_send_now_keeps_cap, setup, teardown),
		cmocka_unit_test_setup_teardown(test_edited_sent_as_is, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stop_ends_round, setup, teardown),
		cmocka_unit_test_setup_teardown(test_batch_claim, setup, teardown),
		cmocka_unit_test_setup_teardown(test_notes_personal, setup, teardown),
		cmocka_unit_test_setup_teardown(test_notes_general_with_colon, setup, teardown),
		cmocka_unit_test_setup_teardown(test_notes_private_by_default, setup, teardown),
		cmocka_unit_test_setup_teardown(test_contact_thanked_for_arranging, setup, teardown),
		cmocka_unit_test_setup_teardown(test_team_address, setup, teardown),
		cmocka_unit_test_setup_teardown(test_contact_is_the_interviewer, setup, teardown),
		cmocka_unit_test_setup_teardown(test_notes_indented_name, setup, teardown),
		cmocka_unit_test_setup_teardown(test_thank_you_through_contact, setup, teardown),
		cmocka_unit_test_setup_teardown(test_thank_you_through_contact_two, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reference_folding, setup, teardown),
		cmocka_unit_test_setup_teardown(test_plan_rejection, setup, teardown),
		cmocka_unit_test_setup_teardown(test_contact_joins_the_panel, setup, teardown),
		cmocka_unit_test_setup_teardown(test_recover_unhanded, setup, teardown),
		cmocka_unit_test_setup_teardown(test_recover_unhanded_gives_up, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mark_on_send, setup, teardown),
		cmocka_unit_test_setup_teardown(test_words_read_with_claim, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mark_store, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
