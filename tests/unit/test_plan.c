/*
 * Unit tests for plan: which mails, to whom, when.  The config comes from a
 * small temporary file through config_load (then single fields are changed
 * by hand); interviews and people are built by hand; `now` is fixed.
 * Zone: Europe/London, window 08:00-20:00, weekends off unless a row says
 * otherwise.  Dates: 2027-01-04 is a Monday (London = UTC in winter),
 * 2027-06-11 a Friday (BST = UTC+1).
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
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "config.h"
#include "plan.h"
#include "model.h"
#include "util.h"
#include "when.h"

static const char base_conf[] =
	"me = { name = \"Jane Doe\"; addresses = [\"jane@example.net\", \"JDoe@Example.ORG\"];\n"
	"       timezone = \"Europe/London\"; signature = \"Jane\"; };\n"
	"imap = { url = \"imaps://imap.example.net\"; password_command = \"echo x\"; };\n"
	"smtp = { url = \"smtps://smtp.example.net\"; };\n"
	"state_dir = \"state\";\n"
	"templates_dir = \"templates\";\n"
	"send = { mode = \"review\"; grace = \"30m\"; window = \"08:00-20:00\";\n"
	"         weekends = false; max_per_day = 20; give_up = \"3d\"; };\n"
	"thank_you = { enabled = true; after = \"2h\"; latest = \"24h\"; wait_for_notes = false; };\n"
	"reference_warning = { enabled = true; after = \"1h\"; when = \"final\"; cooldown = \"7d\"; };\n"
	"status_nudge = { enabled = true; after = \"7bd\"; repeat = 1; every = \"5bd\"; };\n"
	"reflection = { enabled = true; after = \"1h\"; again = \"2d\"; };\n"
	"feedback_request = { enabled = true; after = \"1d\"; };\n"
	"references = ( { name = \"Bob Smith\"; email = \"bob@example.org\";\n"
	"                 relationship = \"my manager\"; highlight = \"billing\"; },\n"
	"               { name = \"Cleo Ray\"; email = \"cleo@example.com\"; } );\n";

static struct config *
load_config(void)
{
	const char *tmp = getenv("TMPDIR");
	char dir[256];
	struct config_errors errs = { 0 };
	struct config *cfg;
	char *path, *tdir;
	FILE *f;

	snprintf(dir, sizeof(dir), "%s/test_plan.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	assert_non_null(mkdtemp(dir));
	/* config_load wants an existing templates_dir; plan never reads it. */
	tdir = xasprintf("%s/templates", dir);
	assert_int_equal(mkdir(tdir, 0700), 0);
	path = xasprintf("%s/followupd.conf", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(base_conf, f);
	fclose(f);
	cfg = config_load(path, &errs);
	for (size_t i = 0; i < errs.n; i++)
		fprintf(stderr, "config: %s\n", errs.v[i]);
	config_errors_clear(&errs);
	unlink(path);
	rmdir(tdir);
	rmdir(dir);
	free(path);
	free(tdir);
	assert_non_null(cfg);
	return cfg;
}

static int
setup(void **state)
{
	*state = load_config();
	return 0;
}

static int
teardown(void **state)
{
	config_free(*state);
	return 0;
}

static time_t
T(const char *iso)
{
	time_t t;

	if (when_parse_iso(iso, &t) != 0)
		fail_msg("bad time in test: %s", iso);
	return t;
}

static struct duration
D(const char *s)
{
	struct duration d;
	const char *err;

	if (when_parse_duration(s, &d, &err) != 0)
		fail_msg("bad duration in test: %s (%s)", s, err);
	return d;
}

static void
set_window(struct config *cfg, const char *w)
{
	const char *err;

	assert_int_equal(when_parse_window(w, &cfg->send.window, &err), 0);
}

static const char *
iso(time_t t)
{
	static char b[4][32];
	static int k;

	k = (k + 1) % 4;
	return when_format_iso(t, b[k], sizeof(b[k]));
}

#define assert_time(got, want) do { \
	time_t g_ = (got), w_ = (want); \
	if (g_ != w_) \
		fail_msg("%s:%d: time %s, expected %s", __FILE__, __LINE__, iso(g_), iso(w_)); \
} while (0)

/* An interview of application 7 with id 3; the caller frees nothing (the
 * strings are literals and plan only reads them). */
static struct interview
interview(time_t start, time_t end)
{
	struct interview iv = { 0 };

	iv.id = 3;
	iv.application_id = 7;
	iv.start = start;
	iv.end = end;
	iv.status = IV_SCHEDULED;
	return iv;
}

static struct participant
person(int64_t id, const char *name, const char *email, enum person_role role)
{
	struct participant p = { .id = id, .name = (char *)name, .email = (char *)email,
	    .role = role };

	return p;
}

static size_t
count_kind(const struct plan *p, enum mail_kind k)
{
	size_t n = 0;

	for (size_t i = 0; i < p->n; i++)
		n += p->mails[i].kind == k;
	return n;
}

static const struct plan_mail *
find_mail(const struct plan *p, enum mail_kind k, const char *email, int nth)
{
	for (size_t i = 0; i < p->n; i++)
		if (p->mails[i].kind == k && strcasecmp(p->mails[i].recipient_email, email) == 0 &&
		    p->mails[i].nth == nth)
			return &p->mails[i];
	return NULL;
}

static bool
has_skipped(const struct plan *p, const char *needle)
{
	for (size_t i = 0; i < p->nskipped; i++)
		if (strstr(p->skipped[i], needle))
			return true;
	return false;
}

static bool
has_note(const struct plan *p, const char *needle)
{
	for (size_t i = 0; i < p->nnotes; i++)
		if (strstr(p->notes[i], needle))
			return true;
	return false;
}

static void
dump(const struct plan *p)
{
	for (size_t i = 0; i < p->n; i++)
		fprintf(stderr, "  mail %s to %s nth %d due %s %s%s\n",
		    mail_kind_name(p->mails[i].kind),
		    p->mails[i].recipient_email, p->mails[i].nth, iso(p->mails[i].due),
		    p->mails[i].held ? "held" : "pending", p->mails[i].reply ? " reply" : "");
	for (size_t i = 0; i < p->nnotes; i++)
		fprintf(stderr, "  note %s\n", p->notes[i]);
	for (size_t i = 0; i < p->nskipped; i++)
		fprintf(stderr, "  skipped %s\n", p->skipped[i]);
}

/* Only thank-yous: the other kinds switched off. */
static void
only(struct config *cfg, enum mail_kind k)
{
	cfg->thank_you.enabled = k == MAIL_THANK_YOU;
	cfg->reference_warning.enabled = k == MAIL_REFERENCE_WARNING;
	cfg->status_nudge.enabled = k == MAIL_STATUS_NUDGE;
	cfg->reflection.enabled = k == MAIL_REFLECTION;
	cfg->feedback_request.enabled = k == MAIL_FEEDBACK_REQUEST;
}

/* ---- thank-you timing ---- */

struct ty_case {
	const char *name;
	const char *end;            /* interview end (start = end - 1h) */
	const char *after, *latest;
	const char *window;
	bool weekends;
	bool wait_for_notes, has_notes;
	const char *want;           /* due */
	const char *note;           /* a note that must be there, or NULL = no window note */
};

static const struct ty_case ty_cases[] = {
	{ "afternoon, in window", "2027-01-04T15:00:00Z", "2h", "24h", "08:00-20:00", false,
	  false, false, "2027-01-04T17:00:00Z", NULL },
	{ "evening -> next morning", "2027-01-04T19:00:00Z", "2h", "24h", "08:00-20:00", false,
	  false, false, "2027-01-05T08:00:00Z", NULL },
	{ "Friday 19:30: Monday is after latest -> earliest allowed", "2027-01-08T19:30:00Z",
	  "2h", "24h", "08:00-20:00", false, false, false, "2027-01-08T19:30:00Z",
	  "send window" },
	{ "Friday 19:30 with weekends -> Saturday 08:00", "2027-01-08T19:30:00Z",
	  "2h", "24h", "08:00-20:00", true, false, false, "2027-01-09T08:00:00Z", NULL },
	{ "Friday 21:00: nothing before latest", "2027-01-08T21:00:00Z", "2h", "24h",
	  "08:00-20:00", false, false, false, "2027-01-11T08:00:00Z", "still after the latest" },
	{ "Friday 19:30 BST (18:30Z)", "2027-06-11T18:30:00Z", "2h", "24h", "08:00-20:00", false,
	  false, false, "2027-06-11T18:30:00Z", "send window" },
	{ "summer morning, BST window opens 07:00Z", "2027-06-09T04:00:00Z", "1h", "24h",
	  "08:00-20:00", false, false, false, "2027-06-09T07:00:00Z", NULL },
	{ "latest 72h lets Monday through", "2027-01-08T19:30:00Z", "2h", "72h", "08:00-20:00",
	  false, false, false, "2027-01-11T08:00:00Z", NULL },
	{ "wait for notes: an hour before latest", "2027-01-04T15:00:00Z", "2h", "24h",
	  "08:00-20:00", false, true, false, "2027-01-05T14:00:00Z", "wait for your notes" },
	{ "wait for notes, notes there: normal time", "2027-01-04T15:00:00Z", "2h", "24h",
	  "08:00-20:00", false, true, true, "2027-01-04T17:00:00Z", NULL },
	{ "wait for notes, latest-1h outside the window", "2027-01-04T22:00:00Z", "2h", "24h",
	  "08:00-20:00", false, true, false, "2027-01-05T08:00:00Z", NULL },
};

static void
test_thank_you_timing(void **state)
{
	struct config *cfg = *state;

	for (size_t c = 0; c < ARRAY_LEN(ty_cases); c++) {
		const struct ty_case *tc = &ty_cases[c];
		time_t end = T(tc->end);
		struct interview iv = interview(end - 3600, end);
		struct participant people[] = {
			person(1, "Ada Brooks", "ada.brooks@acme.com", ROLE_INTERVIEWER),
		};
		struct plan p = { 0 };
		const struct plan_mail *m;

		only(cfg, MAIL_THANK_YOU);
		cfg->thank_you.after = D(tc->after);
		cfg->thank_you.latest = D(tc->latest);
		cfg->thank_you.wait_for_notes = tc->wait_for_notes;
		cfg->send.weekends = tc->weekends;
		set_window(cfg, tc->window);
		plan_interview(cfg, &iv, APP_ACTIVE, 0, people, 1, tc->has_notes, NULL, end - 2 * 86400, &p);
		m = find_mail(&p, MAIL_THANK_YOU, "ada.brooks@acme.com", 1);
		if (m == NULL || m->due != T(tc->want) || p.n != 1) {
			dump(&p);
			fail_msg("case '%s': due %s, expected %s", tc->name, m ? iso(m->due) : "(none)",
			    tc->want);
		}
		assert_string_equal(mail_kind_name(m->kind), "thank_you");
		assert_true(m->held);           /* review mode */
		assert_int_equal(m->interview_id, 3);
		assert_int_equal(m->application_id, 7);
		assert_int_equal(m->person_id, 1);
		assert_string_equal(m->recipient_name, "Ada Brooks");
		assert_non_null(m->why);
		if (tc->note && !has_note(&p, tc->note)) {
			dump(&p);
			fail_msg("case '%s': no note with '%s'", tc->name, tc->note);
		}
		if (tc->note == NULL && has_note(&p, "send window")) {
			dump(&p);
			fail_msg("case '%s': unexpected window note", tc->name);
		}
		plan_clear(&p);
		assert_int_equal(p.n, 0);
	}
}

/*
 * Every end time across a week, every quarter hour: the thank-you is in the
 * window, not before the end, and not after the latest time unless a note
 * says the window made that impossible.
 */
static void
test_thank_you_invariants(void **state)
{
	struct config *cfg = *state;
	time_t monday = T("2027-01-04T00:00:00Z");
	unsigned checked = 0;

	only(cfg, MAIL_THANK_YOU);
	for (int weekends = 0; weekends <= 1; weekends++)
		for (time_t end = monday; end < monday + 7 * 86400; end += 900) {
			struct interview iv = interview(end - 3600, end);
			struct participant ada = person(1, "Ada", "ada@acme.com", ROLE_INTERVIEWER);
			struct plan p = { 0 };
			time_t latest = end + 86400;

			cfg->send.weekends = weekends;
			plan_interview(cfg, &iv, APP_ACTIVE, 0, &ada, 1, false, NULL, end - 86400, &p);
			assert_int_equal(p.n, 1);
			assert_true(when_is_allowed(p.mails[0].due, &cfg->send.window, weekends,
			    "Europe/London"));
			assert_true(p.mails[0].due >= end);
			if (p.mails[0].due > latest && !has_note(&p, "send window")) {
				dump(&p);
				fail_msg("end %s: due %s after latest without a note", iso(end),
				    iso(p.mails[0].due));
			}
			/* Within the latest time, it is never later than end + after
			 * moved into the window. */
			if (p.mails[0].due <= latest)
				assert_true(p.mails[0].due <= plan_in_window(cfg, end + 7200));
			checked++;
			plan_clear(&p);
		}
	assert_int_equal(checked, 2 * 7 * 96);
}

static void
test_thank_you_found_late(void **state)
{
	struct config *cfg = *state;
	time_t end = T("2027-01-04T15:00:00Z");
	struct interview iv = interview(end - 3600, end);
	struct participant ada = person(1, "Ada", "ada@acme.com", ROLE_INTERVIEWER);
	struct plan p = { 0 };

	only(cfg, MAIL_THANK_YOU);
	/* Just inside the latest time: still planned (now as due, review). */
	plan_interview(cfg, &iv, APP_ACTIVE, 0, &ada, 1, false, NULL, end + 86400 - 60, &p);
	assert_int_equal(p.n, 1);
	assert_true(p.mails[0].due >= end + 86400 - 60);
	plan_clear(&p);
	/* Just after: nothing, and a line saying so. */
	plan_interview(cfg, &iv, APP_ACTIVE, 0, &ada, 1, false, NULL, end + 86400 + 60, &p);
	assert_int_equal(p.n, 0);
	assert_true(has_skipped(&p, "no thank-you: its latest time (2027-01-05T15:00:00Z) has passed"));
	plan_clear(&p);
}

/* ---- held with a reason ---- */

/* An interview first seen after its end: every mail it plans is held
 * "found late", in auto mode too; one seen before its end is not. */
static void
test_found_late_held_in_every_mode(void **state)
{
	struct config *cfg = *state;
	time_t end = T("2027-01-04T15:00:00Z");
	struct participant people[] = {
		person(1, "Ada", "ada@acme.com", ROLE_INTERVIEWER),
		person(2, "Carol", NULL, ROLE_INTERVIEWER),
		person(3, "Ravi", "ravi@acme.com", ROLE_CONTACT),
	};
	static const enum config_send_mode modes[] = { CONFIG_SEND_REVIEW, CONFIG_SEND_AUTO };

	cfg->reference_warning.when = CONFIG_REFWARN_ALWAYS;
	for (size_t k = 0; k < ARRAY_LEN(modes); k++) {
		struct interview iv = interview(end - 3600, end);
		struct plan p = { 0 };

		cfg->send.mode = modes[k];
		iv.created = end + 3600;               /* first seen an hour after the end */
		plan_interview(cfg, &iv, APP_ACTIVE, 0, people, 3, false, NULL, end + 3 * 3600, &p);
		/* thank-you, through the contact, 2 references, 2 nudges, 2 reflections */
		if (p.n != 8) {
			dump(&p);
			fail_msg("mode %zu: %zu mails, expected 8", k, p.n);
		}
		for (size_t i = 0; i < p.n; i++) {
			assert_true(p.mails[i].held);
			assert_non_null(p.mails[i].hold_reason);
			assert_string_equal(p.mails[i].hold_reason, "found late: the interview ended "
			    "before followupd saw it (Monday 4 January 2027 15:00 GMT)");
		}
		plan_clear(&p);

		/* Seen the minute before its end: no reason; auto mode sends. */
		iv.created = end - 60;
		plan_interview(cfg, &iv, APP_ACTIVE, 0, people, 3, false, NULL, end + 3 * 3600, &p);
		assert_int_equal(p.n, 8);
		for (size_t i = 0; i < p.n; i++) {
			if (p.mails[i].kind == MAIL_THANK_YOU_CONTACT) {
				/* through the contact: held, and says why */
				assert_true(p.mails[i].held);
				assert_non_null(strstr(p.mails[i].hold_reason, "no address is known"));
				continue;
			}
			assert_null(p.mails[i].hold_reason);
			assert_int_equal(p.mails[i].held, modes[k] == CONFIG_SEND_REVIEW);
		}
		plan_clear(&p);
	}
}

/* A booking from a team's mailbox: the one interviewer, with no address
 * of their own, is the contact at the mailbox.  They are thanked for
 * talking with the user there, once: no "thanks for arranging", no
 * "please pass my thanks on to" themself. */
static void
test_contact_is_the_interviewer(void **state)
{
	struct config *cfg = *state;
	time_t end = T("2027-01-04T15:00:00Z");
	struct interview iv = interview(end - 1800, end);
	struct participant people[] = {
		person(1, "Tasha Greaves", NULL, ROLE_INTERVIEWER),
		person(2, "Tasha Greaves", "careers@kinderscout.example", ROLE_CONTACT),
	};
	struct plan p = { 0 };
	size_t thanks = 0;

	cfg->send.mode = CONFIG_SEND_AUTO;
	iv.created = end - 86400;
	plan_interview(cfg, &iv, APP_ACTIVE, 0, people, 2, false, NULL, end + 60, &p);
	for (size_t i = 0; i < p.n; i++) {
		assert_int_not_equal(p.mails[i].kind, MAIL_THANK_YOU_CONTACT);
		if (p.mails[i].kind == MAIL_THANK_YOU) {
			thanks++;
			assert_string_equal(p.mails[i].recipient_email, "careers@kinderscout.example");
			assert_string_equal(p.mails[i].recipient_name, "Tasha Greaves");
		}
	}
	if (thanks != 1) {
		dump(&p);
		fail_msg("%zu thank-yous, want 1", thanks);
	}
	plan_clear(&p);
}

/* The interview's own reason comes first; the mails copy it. */
static void
test_interview_hold_reason(void **state)
{
	struct config *cfg = *state;
	time_t end = T("2027-01-04T15:00:00Z");
	struct interview iv = interview(end - 3600, end);
	struct participant ada = person(1, "Ada", "ada@acme.com", ROLE_INTERVIEWER);
	const char *why = "the invite failed the sender checks of your provider (dmarc=fail)";
	struct plan p = { 0 };

	cfg->send.mode = CONFIG_SEND_AUTO;
	iv.hold_reason = (char *)why;
	iv.created = end - 86400;
	plan_interview(cfg, &iv, APP_ACTIVE, 0, &ada, 1, false, NULL, end - 86400, &p);
	assert_true(p.n >= 2);
	for (size_t i = 0; i < p.n; i++) {
		assert_true(p.mails[i].held);
		assert_string_equal(p.mails[i].hold_reason, why);
	}
	plan_clear(&p);
	iv.created = end + 60;                 /* late too: the sender reason wins */
	plan_interview(cfg, &iv, APP_ACTIVE, 0, &ada, 1, false, NULL, end + 120, &p);
	assert_true(p.n >= 1);
	for (size_t i = 0; i < p.n; i++)
		assert_string_equal(p.mails[i].hold_reason, why);
	plan_clear(&p);
}

/* A doubtful reading holds every mail in auto mode, with the doubt;
 * review mode holds them as it always does, without it. */
static void
test_doubt_holds_in_auto_mode(void **state)
{
	struct config *cfg = *state;
	time_t end = T("2027-01-04T15:00:00Z");
	struct interview iv = interview(end - 3600, end);
	struct participant ada = person(1, "Ada", "ada@acme.com", ROLE_INTERVIEWER);
	struct plan p = { 0 };

	iv.doubt = (char *)"no time zone in the mail";
	iv.created = end - 86400;
	cfg->send.mode = CONFIG_SEND_AUTO;
	plan_interview(cfg, &iv, APP_ACTIVE, 0, &ada, 1, false, NULL, end - 86400, &p);
	assert_true(p.n >= 2);
	for (size_t i = 0; i < p.n; i++) {
		assert_true(p.mails[i].held);
		assert_string_equal(p.mails[i].hold_reason, "low confidence: no time zone in the mail");
	}
	plan_clear(&p);
	cfg->send.mode = CONFIG_SEND_REVIEW;
	plan_interview(cfg, &iv, APP_ACTIVE, 0, &ada, 1, false, NULL, end - 86400, &p);
	for (size_t i = 0; i < p.n; i++) {
		assert_true(p.mails[i].held);
		assert_null(p.mails[i].hold_reason);
	}
	plan_clear(&p);
	/* sure: nothing held in auto mode */
	iv.doubt = NULL;
	cfg->send.mode = CONFIG_SEND_AUTO;
	plan_interview(cfg, &iv, APP_ACTIVE, 0, &ada, 1, false, NULL, end - 86400, &p);
	for (size_t i = 0; i < p.n; i++)
		if (p.mails[i].kind == MAIL_THANK_YOU)
			assert_false(p.mails[i].held);
	plan_clear(&p);
}

/* Mails whose latest time has passed are not planned, each with a line. */
static void
test_past_latest_skipped(void **state)
{
	struct config *cfg = *state;
	time_t end = T("2027-01-04T15:00:00Z");
	struct interview iv = interview(end - 3600, end);
	struct participant people[] = {
		person(1, "Ada", "ada@acme.com", ROLE_INTERVIEWER),
		person(3, "Ravi", "ravi@acme.com", ROLE_CONTACT),
	};
	struct plan p = { 0 };

	cfg->send.mode = CONFIG_SEND_AUTO;
	cfg->reference_warning.when = CONFIG_REFWARN_ALWAYS;
	iv.created = end + 30 * 86400;
	/* A month late: the first nudge's successor is past too, the second
	 * one is not yet (7bd + 5bd = 12 business days; 30 days covers both:
	 * so nothing but the last nudge, held). */
	plan_interview(cfg, &iv, APP_ACTIVE, 0, people, 2, false, NULL, end + 30 * 86400, &p);
	if (p.n != 1 || p.mails[0].kind != MAIL_STATUS_NUDGE || p.mails[0].nth != 2) {
		dump(&p);
		fail_msg("%zu mails, expected the second nudge alone", p.n);
	}
	assert_true(p.mails[0].held);
	assert_non_null(p.mails[0].hold_reason);
	assert_true(has_skipped(&p, "no thank-you: its latest time"));
	assert_true(has_skipped(&p, "no reference warning: the interview is long past"));
	assert_true(has_skipped(&p, "no status nudge 1: its time"));
	assert_true(has_skipped(&p, "no reflection prompt 1: its latest time"));
	assert_true(has_skipped(&p, "no reflection prompt 2: its latest time"));
	assert_int_equal(p.nskipped, 5);
	plan_clear(&p);
}

/* ---- thank-you recipients ---- */

static void
test_thank_you_recipients(void **state)
{
	struct config *cfg = *state;
	time_t end = T("2027-01-04T15:00:00Z");
	struct interview iv = interview(end - 3600, end);
	struct participant people[] = {
		person(1, "Ada Brooks", "ada.brooks@acme.com", ROLE_INTERVIEWER),
		person(2, "Bob Lee", "bob.lee@acme.com", ROLE_INTERVIEWER),
		person(3, "Jane Doe", "JANE@example.net", ROLE_INTERVIEWER),   /* me */
		person(4, "Joe Me", "jdoe@example.org", ROLE_INTERVIEWER),     /* me too */
		person(5, "Carol King", NULL, ROLE_INTERVIEWER),
		person(6, "Dan Ho", NULL, ROLE_INTERVIEWER),
		person(7, "Ravi Menon", "ravi@acme.com", ROLE_CONTACT),
	};
	struct plan p = { 0 };
	const struct plan_mail *m;

	only(cfg, MAIL_THANK_YOU);
	cfg->send.mode = CONFIG_SEND_AUTO;
	plan_interview(cfg, &iv, APP_ACTIVE, 0, people, ARRAY_LEN(people), false, NULL, end - 86400, &p);
	if (p.n != 3)
		dump(&p);
	assert_int_equal(p.n, 3);
	assert_int_equal(count_kind(&p, MAIL_THANK_YOU), 2);
	assert_int_equal(count_kind(&p, MAIL_THANK_YOU_CONTACT), 1);
	assert_non_null(m = find_mail(&p, MAIL_THANK_YOU, "ada.brooks@acme.com", 1));
	assert_string_equal(mail_kind_name(m->kind), "thank_you");
	assert_false(m->held);          /* auto mode */
	assert_non_null(m = find_mail(&p, MAIL_THANK_YOU, "bob.lee@acme.com", 1));
	assert_int_equal(m->person_id, 2);
	assert_null(find_mail(&p, MAIL_THANK_YOU, "jane@example.net", 1));
	assert_null(find_mail(&p, MAIL_THANK_YOU, "jdoe@example.org", 1));
	/* The two without an address: one mail to the contact, held (a kind of
	 * its own, thank_you_contact). */
	assert_non_null(m = find_mail(&p, MAIL_THANK_YOU_CONTACT, "ravi@acme.com", 1));
	assert_string_equal(mail_kind_name(m->kind), "thank_you_contact");
	assert_true(m->held);
	assert_int_equal(m->person_id, 7);
	assert_non_null(strstr(m->why, "Carol King"));
	assert_non_null(strstr(m->why, "Dan Ho"));
	plan_clear(&p);

	/* No contact: a note instead of the mail. */
	plan_interview(cfg, &iv, APP_ACTIVE, 0, people, ARRAY_LEN(people) - 1, false, NULL, end - 86400, &p);
	assert_int_equal(p.n, 2);
	assert_null(find_mail(&p, MAIL_THANK_YOU_CONTACT, "ravi@acme.com", 1));
	assert_true(has_note(&p, "Carol King"));
	plan_clear(&p);

	/* The contact is the user: not a contact to write to. */
	people[6].email = (char *)"jane@example.net";
	plan_interview(cfg, &iv, APP_ACTIVE, 0, people, ARRAY_LEN(people), false, NULL, end - 86400, &p);
	assert_int_equal(p.n, 2);
	assert_true(has_note(&p, "no contact"));
	plan_clear(&p);

	/* A team's address on the panel ("Acme – Recruiting"): nobody there
	 * talked with the user, so no thank-you greets it; a note says so. */
	people[1].email = (char *)"Recruiting+panel@acme.com";
	plan_interview(cfg, &iv, APP_ACTIVE, 0, people, ARRAY_LEN(people), false, NULL, end - 86400, &p);
	assert_int_equal(count_kind(&p, MAIL_THANK_YOU), 1);
	assert_null(find_mail(&p, MAIL_THANK_YOU, "Recruiting+panel@acme.com", 1));
	assert_true(has_note(&p, "a team's address, not a person's"));
	plan_clear(&p);
	people[1].email = (char *)"bob.lee@acme.com";

	/* Disabled: nothing. */
	cfg->thank_you.enabled = false;
	plan_interview(cfg, &iv, APP_ACTIVE, 0, people, ARRAY_LEN(people), false, NULL, end - 86400, &p);
	assert_int_equal(p.n, 0);
	plan_clear(&p);
}

/*
 * "Never two mails of one kind to one person for one interview": when the
 * contact is also an interviewer with an address and another interviewer
 * has none, the plan must not hold two thank-yous with the same key (kind,
 * recipient, nth): the store keeps only the first, so the mail for the
 * nameless interviewer would vanish silently.
 */
static void
test_plan_keys_unique(void **state)
{
	struct config *cfg = *state;
	time_t end = T("2027-01-04T15:00:00Z");
	struct interview iv = interview(end - 3600, end);
	struct participant people[] = {
		person(1, "Ravi Menon", "ravi@acme.com", ROLE_INTERVIEWER),
		person(2, "Carol King", NULL, ROLE_INTERVIEWER),
		person(1, "Ravi Menon", "ravi@acme.com", ROLE_CONTACT),
	};
	struct plan p = { 0 };

	plan_interview(cfg, &iv, APP_ACTIVE, 0, people, ARRAY_LEN(people), true, NULL, end - 86400, &p);
	for (size_t i = 0; i < p.n; i++)
		for (size_t k = i + 1; k < p.n; k++)
			if (p.mails[i].kind == p.mails[k].kind && p.mails[i].nth == p.mails[k].nth &&
			    strcasecmp(p.mails[i].recipient_email, p.mails[k].recipient_email) == 0) {
				dump(&p);
				fail_msg("two %s mails to %s with nth %d (%s and %s)",
				    mail_kind_name(p.mails[i].kind), p.mails[i].recipient_email,
				    p.mails[i].nth, mail_kind_name(p.mails[i].kind),
				    mail_kind_name(p.mails[k].kind));
			}
	plan_clear(&p);
}

/* ---- reference warnings ---- */

struct ref_case {
	enum config_refwarn_when when;
	bool final_round, asks;
	size_t want;
};

static const struct ref_case ref_cases[] = {
	{ CONFIG_REFWARN_FINAL, false, false, 0 },
	{ CONFIG_REFWARN_FINAL, true, false, 2 },
	{ CONFIG_REFWARN_FINAL, false, true, 2 },
	{ CONFIG_REFWARN_ALWAYS, false, false, 2 },
	{ CONFIG_REFWARN_ALWAYS, true, true, 2 },
	{ CONFIG_REFWARN_NEVER, true, true, 0 },
	{ CONFIG_REFWARN_NEVER, false, false, 0 },
};

static void
test_reference_when(void **state)
{
	struct config *cfg = *state;
	time_t start = T("2027-01-06T10:00:00Z"), now = T("2027-01-04T10:00:00Z");

	only(cfg, MAIL_REFERENCE_WARNING);
	for (size_t c = 0; c < ARRAY_LEN(ref_cases); c++) {
		struct interview iv = interview(start, start + 3600);
		struct plan p = { 0 };

		cfg->reference_warning.when = ref_cases[c].when;
		iv.final_round = ref_cases[c].final_round;
		iv.asks_references = ref_cases[c].asks;
		plan_interview(cfg, &iv, APP_ACTIVE, 0, NULL, 0, false, NULL, now, &p);
		if (p.n != ref_cases[c].want) {
			dump(&p);
			fail_msg("case %zu: %zu mails, expected %zu", c, p.n, ref_cases[c].want);
		}
		if (p.n) {
			const struct plan_mail *m = find_mail(&p, MAIL_REFERENCE_WARNING,
			    "bob@example.org", 1);

			assert_non_null(m);
			assert_string_equal(mail_kind_name(m->kind), "reference_warning");
			assert_string_equal(m->recipient_name, "Bob Smith");
			assert_time(m->due, now + 3600);
			assert_non_null(find_mail(&p, MAIL_REFERENCE_WARNING, "cleo@example.com", 1));
		}
		plan_clear(&p);
	}
	/* Disabled overall. */
	{
		struct interview iv = interview(start, start + 3600);
		struct plan p = { 0 };

		cfg->reference_warning.when = CONFIG_REFWARN_ALWAYS;
		cfg->reference_warning.enabled = false;
		plan_interview(cfg, &iv, APP_ACTIVE, 0, NULL, 0, false, NULL, now, &p);
		assert_int_equal(p.n, 0);
		plan_clear(&p);
	}
}

static void
test_reference_cooldown(void **state)
{
	struct config *cfg = *state;
	time_t start = T("2027-01-06T10:00:00Z"), now = T("2027-01-04T10:00:00Z");
	struct interview iv = interview(start, start + 3600);
	struct plan_reference_state refs[2] = { { 0 } };
	struct plan p = { 0 };
	const struct plan_mail *m;

	only(cfg, MAIL_REFERENCE_WARNING);
	cfg->reference_warning.when = CONFIG_REFWARN_ALWAYS;

	/* Bob has a warning waiting: folded, a note, no mail; Cleo: a mail. */
	refs[0].waiting_id = 41;
	plan_interview(cfg, &iv, APP_ACTIVE, 0, NULL, 0, false, refs, now, &p);
	assert_int_equal(p.n, 1);
	assert_non_null(find_mail(&p, MAIL_REFERENCE_WARNING, "cleo@example.com", 1));
	assert_true(has_note(&p, "folded"));
	assert_true(has_note(&p, "41"));
	plan_clear(&p);

	/* Bob was warned 2 days ago: his next waits for the end of the 7d
	 * cooldown (Monday 2027-01-09 10:00 is a Saturday -> Monday 08:00). */
	refs[0].waiting_id = 0;
	refs[0].last_sent = T("2027-01-02T10:00:00Z");
	plan_interview(cfg, &iv, APP_ACTIVE, 0, NULL, 0, false, refs, now, &p);
	assert_int_equal(p.n, 2);
	assert_non_null(m = find_mail(&p, MAIL_REFERENCE_WARNING, "bob@example.org", 1));
	assert_time(m->due, T("2027-01-11T08:00:00Z"));
	assert_true(has_note(&p, "cooldown"));
	assert_non_null(m = find_mail(&p, MAIL_REFERENCE_WARNING, "cleo@example.com", 1));
	assert_time(m->due, now + 3600);
	plan_clear(&p);

	/* Warned 10 days ago: the cooldown is over. */
	refs[0].last_sent = now - 10 * 86400;
	plan_interview(cfg, &iv, APP_ACTIVE, 0, NULL, 0, false, refs, now, &p);
	assert_non_null(m = find_mail(&p, MAIL_REFERENCE_WARNING, "bob@example.org", 1));
	assert_time(m->due, now + 3600);
	assert_false(has_note(&p, "cooldown"));
	plan_clear(&p);
}

/* ---- status nudges ---- */

struct nudge_case {
	const char *name;
	const char *end;
	const char *decision_by;    /* NULL = none */
	bool weekends;
	int repeat;
	const char *every;
	const char *want[4];        /* dues of nudge 1..repeat+1 */
};

static const struct nudge_case nudge_cases[] = {
	{ "end + 7bd, one repeat 5bd later", "2027-01-04T15:00:00Z", NULL, false, 1, "5bd",
	  { "2027-01-13T15:00:00Z", "2027-01-20T15:00:00Z" } },
	{ "end + 7bd, three nudges", "2027-01-04T15:00:00Z", NULL, false, 2, "5bd",
	  { "2027-01-13T15:00:00Z", "2027-01-20T15:00:00Z", "2027-01-27T15:00:00Z" } },
	{ "end + 7bd from a late end -> next morning", "2027-01-04T21:00:00Z", NULL, false, 0,
	  "5bd", { "2027-01-14T08:00:00Z" } },
	{ "decision Wednesday -> Thursday at the opening", "2027-01-04T15:00:00Z", "2027-01-13",
	  false, 0, "5bd", { "2027-01-14T08:00:00Z" } },
	{ "decision in summer -> opening in BST", "2027-06-01T15:00:00Z", "2027-06-09", false, 0,
	  "5bd", { "2027-06-10T07:00:00Z" } },
	{ "decision Friday -> Monday", "2027-01-04T15:00:00Z", "2027-01-15", false, 1, "5bd",
	  { "2027-01-18T08:00:00Z", "2027-01-25T08:00:00Z" } },
	{ "garbage decision date -> end + 7bd", "2027-01-04T15:00:00Z", "soon", false, 0, "5bd",
	  { "2027-01-13T15:00:00Z" } },
};

static void
test_nudge_timing(void **state)
{
	struct config *cfg = *state;

	only(cfg, MAIL_STATUS_NUDGE);
	for (size_t c = 0; c < ARRAY_LEN(nudge_cases); c++) {
		const struct nudge_case *nc = &nudge_cases[c];
		time_t end = T(nc->end);
		struct interview iv = interview(end - 3600, end);
		struct participant people[] = {
			person(1, "Ada", "ada@acme.com", ROLE_INTERVIEWER),
			person(2, "Ravi Menon", "ravi@acme.com", ROLE_CONTACT),
		};
		struct plan p = { 0 };

		iv.decision_by = (char *)nc->decision_by;
		iv.source_message_id = (char *)"<invite-1@acme.com>";
		cfg->send.weekends = nc->weekends;
		cfg->status_nudge.repeat = nc->repeat;
		cfg->status_nudge.every = D(nc->every);
		plan_interview(cfg, &iv, APP_ACTIVE, 0, people, 2, false, NULL, end - 86400, &p);
		if (p.n != (size_t)nc->repeat + 1) {
			dump(&p);
			fail_msg("case '%s': %zu nudges, expected %d", nc->name, p.n, nc->repeat + 1);
		}
		for (int k = 0; k <= nc->repeat; k++) {
			const struct plan_mail *m = find_mail(&p, MAIL_STATUS_NUDGE, "ravi@acme.com",
			    k + 1);

			assert_non_null(m);
			if (m->due != T(nc->want[k])) {
				dump(&p);
				fail_msg("case '%s': nudge %d due %s, expected %s", nc->name, k + 1,
				    iso(m->due), nc->want[k]);
			}
			assert_string_equal(mail_kind_name(m->kind), "status_nudge");
			assert_true(m->reply);
			assert_int_equal(m->person_id, 2);
		}
		plan_clear(&p);
	}
}

/*
 * plan.h: the first nudge is "the business day after decision_by".  A send
 * window open at weekends lets mail leave on Saturday, but Saturday is not
 * the business day after a Friday: the nudge belongs on Monday.
 */
static void
test_nudge_business_day_after_decision(void **state)
{
	struct config *cfg = *state;
	time_t end = T("2027-01-04T15:00:00Z");
	struct interview iv = interview(end - 3600, end);
	struct participant ravi = person(2, "Ravi", "ravi@acme.com", ROLE_CONTACT);
	struct { const char *decision, *want; } cases[] = {
		{ "2027-01-13", "2027-01-14T08:00:00Z" },   /* Wednesday -> Thursday */
		{ "2027-01-15", "2027-01-18T08:00:00Z" },   /* Friday -> Monday */
		{ "2027-01-16", "2027-01-18T08:00:00Z" },   /* Saturday -> Monday */
	};

	only(cfg, MAIL_STATUS_NUDGE);
	cfg->status_nudge.repeat = 0;
	cfg->send.weekends = true;
	for (size_t c = 0; c < ARRAY_LEN(cases); c++) {
		struct plan p = { 0 };

		iv.decision_by = (char *)cases[c].decision;
		plan_interview(cfg, &iv, APP_ACTIVE, 0, &ravi, 1, false, NULL, end - 86400, &p);
		assert_int_equal(p.n, 1);
		if (p.mails[0].due != T(cases[c].want)) {
			dump(&p);
			fail_msg("decision_by %s (weekends allowed): nudge due %s, expected %s",
			    cases[c].decision, iso(p.mails[0].due), cases[c].want);
		}
		plan_clear(&p);
	}
}

static void
test_nudge_recipients(void **state)
{
	struct config *cfg = *state;
	time_t end = T("2027-01-04T15:00:00Z");
	struct interview iv = interview(end - 3600, end);
	struct participant people[] = {
		person(1, "Ada", "ada@acme.com", ROLE_INTERVIEWER),
		person(2, "Jane", "jane@example.net", ROLE_CONTACT),   /* me: skipped */
		person(3, "Nameless", NULL, ROLE_CONTACT),            /* no address */
		person(4, "Ravi", "ravi@acme.com", ROLE_CONTACT),
	};
	struct plan p = { 0 };
	const struct plan_mail *m;

	only(cfg, MAIL_STATUS_NUDGE);
	cfg->status_nudge.repeat = 0;
	/* No source Message-ID: not a reply. */
	plan_interview(cfg, &iv, APP_ACTIVE, 0, people, 4, false, NULL, end - 86400, &p);
	assert_int_equal(p.n, 1);
	assert_non_null(m = find_mail(&p, MAIL_STATUS_NUDGE, "ravi@acme.com", 1));
	assert_false(m->reply);
	plan_clear(&p);

	/* Only interviewers, no contact: no nudge (to an interviewer) and a note. */
	plan_interview(cfg, &iv, APP_ACTIVE, 0, people, 3, false, NULL, end - 86400, &p);
	assert_int_equal(p.n, 0);
	assert_true(has_note(&p, "no status nudge"));
	plan_clear(&p);

	/* An offer: no nudge at all. */
	plan_interview(cfg, &iv, APP_OFFER, 0, people, 4, false, NULL, end - 86400, &p);
	assert_int_equal(count_kind(&p, MAIL_STATUS_NUDGE), 0);
	plan_clear(&p);
}

/*
 * plan.h: the user's own mail to the contact (last_contact, seen in Sent)
 * restarts the nudges from its date, unless the usual time (or a promised
 * decision date) is later.
 */
static void
test_nudge_after_own_contact(void **state)
{
	struct config *cfg = *state;
	time_t end = T("2027-01-04T15:00:00Z"), contact = T("2027-01-08T10:00:00Z");
	struct interview iv = interview(end - 3600, end);
	struct participant ravi = person(2, "Ravi", "ravi@acme.com", ROLE_CONTACT);
	struct plan p = { 0 }, q = { 0 };
	time_t usual, want;

	only(cfg, MAIL_STATUS_NUDGE);
	cfg->status_nudge.repeat = 1;
	plan_interview(cfg, &iv, APP_ACTIVE, 0, &ravi, 1, false, NULL, end - 86400, &p);
	assert_int_equal(p.n, 2);
	usual = p.mails[0].due;
	/* A contact before the interview changes nothing. */
	plan_interview(cfg, &iv, APP_ACTIVE, end - 86400, &ravi, 1, false, NULL, end - 86400, &q);
	assert_int_equal(q.n, 2);
	assert_time(q.mails[0].due, usual);
	plan_clear(&q);
	/* After it: from the contact on, the second one `every` later. */
	plan_interview(cfg, &iv, APP_ACTIVE, contact, &ravi, 1, false, NULL, contact, &q);
	assert_int_equal(q.n, 2);
	want = plan_in_window(cfg, when_add(contact, &cfg->status_nudge.after, cfg->me.timezone));
	assert_true(want > usual);
	assert_time(q.mails[0].due, want);
	assert_true(q.mails[1].due > q.mails[0].due);
	assert_non_null(strstr(q.mails[0].why, "your own mail"));
	plan_clear(&q);
	plan_clear(&p);
	/* A promised decision date later than that still wins. */
	iv.decision_by = (char *)"2027-02-01";
	plan_interview(cfg, &iv, APP_ACTIVE, contact, &ravi, 1, false, NULL, contact, &q);
	assert_time(q.mails[0].due, T("2027-02-02T08:00:00Z"));
	assert_non_null(strstr(q.mails[0].why, "decision date"));
	plan_clear(&q);
}

/* ---- reflection ---- */

static void
test_reflection(void **state)
{
	struct config *cfg = *state;
	time_t end = T("2027-01-04T15:00:00Z");
	struct interview iv = interview(end - 3600, end);
	struct plan p = { 0 };
	const struct plan_mail *m;

	only(cfg, MAIL_REFLECTION);
	plan_interview(cfg, &iv, APP_ACTIVE, 0, NULL, 0, false, NULL, end - 86400, &p);
	assert_int_equal(p.n, 2);
	assert_non_null(m = find_mail(&p, MAIL_REFLECTION, "jane@example.net", 1));
	assert_string_equal(mail_kind_name(m->kind), "reflection");
	assert_string_equal(m->recipient_name, "Jane Doe");
	assert_time(m->due, end + 3600);
	assert_non_null(m = find_mail(&p, MAIL_REFLECTION, "jane@example.net", 2));
	assert_time(m->due, end + 2 * 86400);
	plan_clear(&p);

	/* A late end: the first prompt waits for the window. */
	iv = interview(T("2027-01-04T19:30:00Z"), T("2027-01-04T20:30:00Z"));
	plan_interview(cfg, &iv, APP_ACTIVE, 0, NULL, 0, false, NULL, end - 86400, &p);
	assert_non_null(m = find_mail(&p, MAIL_REFLECTION, "jane@example.net", 1));
	assert_time(m->due, T("2027-01-05T08:00:00Z"));
	plan_clear(&p);

	/* again = "0": only one. */
	iv = interview(end - 3600, end);
	cfg->reflection.again = D("0");
	plan_interview(cfg, &iv, APP_ACTIVE, 0, NULL, 0, false, NULL, end - 86400, &p);
	assert_int_equal(p.n, 1);
	assert_int_equal(p.mails[0].nth, 1);
	plan_clear(&p);
}

/* ---- modes ---- */

static void
test_modes(void **state)
{
	struct config *cfg = *state;
	time_t end = T("2027-01-04T15:00:00Z");
	struct interview iv = interview(end - 3600, end);
	struct participant people[] = {
		person(1, "Ada", "ada@acme.com", ROLE_INTERVIEWER),
		person(2, "Carol", NULL, ROLE_INTERVIEWER),
		person(3, "Ravi", "ravi@acme.com", ROLE_CONTACT),
	};
	struct plan p = { 0 };
	time_t times[] = { end - 86400, end - 600, end + 3 * 3600, end + 5 * 3600 };

	iv.final_round = true;
	for (size_t t = 0; t < ARRAY_LEN(times); t++) {
		time_t now = times[t];

		/* Review: everything held, nothing due before now. */
		cfg->send.mode = CONFIG_SEND_REVIEW;
		plan_interview(cfg, &iv, APP_ACTIVE, 0, people, 3, false, NULL, now, &p);
		assert_true(p.n >= 5);
		for (size_t i = 0; i < p.n; i++) {
			assert_true(p.mails[i].held);
			assert_true(p.mails[i].due >= now);
		}
		plan_clear(&p);

		/* Auto: pending (but the contact's thank-you), due after the grace,
		 * inside the window. */
		cfg->send.mode = CONFIG_SEND_AUTO;
		plan_interview(cfg, &iv, APP_ACTIVE, 0, people, 3, false, NULL, now, &p);
		assert_true(p.n >= 5);
		for (size_t i = 0; i < p.n; i++) {
			const struct plan_mail *m = &p.mails[i];

			if (m->kind == MAIL_THANK_YOU_CONTACT)
				assert_true(m->held);
			else
				assert_false(m->held);
			if (m->due < now + 1800 || !when_is_allowed(m->due, &cfg->send.window, false,
			    "Europe/London")) {
				dump(&p);
				fail_msg("now %s: %s due %s", iso(now), mail_kind_name(m->kind), iso(m->due));
			}
		}
		plan_clear(&p);
	}
}

static void
test_nothing_for_dead_interviews(void **state)
{
	struct config *cfg = *state;
	time_t end = T("2027-01-04T15:00:00Z");
	struct participant people[] = {
		person(1, "Ada", "ada@acme.com", ROLE_INTERVIEWER),
		person(3, "Ravi", "ravi@acme.com", ROLE_CONTACT),
	};
	struct { enum iv_status iv; enum app_status app; size_t want; } cases[] = {
		{ IV_SCHEDULED, APP_ACTIVE, 5 },   /* ty, 2 refs, 2 nudges */
		{ IV_CANCELLED, APP_ACTIVE, 0 },
		{ IV_SCHEDULED, APP_REJECTED, 0 },
		{ IV_SCHEDULED, APP_WITHDRAWN, 0 },
		{ IV_CANCELLED, APP_OFFER, 0 },
	};

	cfg->reference_warning.when = CONFIG_REFWARN_ALWAYS;
	cfg->reflection.enabled = false;
	cfg->thank_you.contact = false;
	for (size_t c = 0; c < ARRAY_LEN(cases); c++) {
		struct interview iv = interview(end - 3600, end);
		struct plan p = { 0 };

		iv.status = cases[c].iv;
		plan_interview(cfg, &iv, cases[c].app, 0, people, 2, false, NULL, end - 86400, &p);
		if (p.n != cases[c].want) {
			dump(&p);
			fail_msg("case %zu: %zu mails, expected %zu", c, p.n, cases[c].want);
		}
		if (cases[c].want == 0)
			assert_true(p.nnotes >= 1);
		plan_clear(&p);
	}
}

/* ---- feedback request ---- */

static void
test_rejection(void **state)
{
	struct config *cfg = *state;
	time_t at = T("2027-01-08T16:00:00Z");  /* Friday */
	struct person ravi = { 9, (char *)"Ravi Menon", (char *)"ravi@acme.com", ROLE_CONTACT };
	struct person me = { 1, (char *)"Jane", (char *)"Jane@Example.NET", ROLE_CONTACT };
	struct person noaddr = { 2, (char *)"Nobody", NULL, ROLE_CONTACT };
	struct plan p = { 0 };
	const struct plan_mail *m;

	plan_rejection(cfg, 7, 3, &ravi, at, at, true, NULL, &p);
	assert_int_equal(p.n, 1);
	assert_non_null(m = find_mail(&p, MAIL_FEEDBACK_REQUEST, "ravi@acme.com", 1));
	assert_string_equal(mail_kind_name(m->kind), "feedback_request");
	assert_int_equal(m->application_id, 7);
	assert_int_equal(m->interview_id, 3);
	assert_int_equal(m->person_id, 9);
	assert_true(m->held);
	/* Friday + 1d = Saturday -> Monday at the opening. */
	assert_time(m->due, T("2027-01-11T08:00:00Z"));
	plan_clear(&p);

	/* Auto mode, found late: due no earlier than now + grace, and held
	 * with the reason (its time passed before it was seen). */
	cfg->send.mode = CONFIG_SEND_AUTO;
	plan_rejection(cfg, 7, 0, &ravi, at, T("2027-01-12T10:00:00Z"), true, NULL, &p);
	assert_int_equal(p.n, 1);
	assert_true(p.mails[0].held);
	assert_string_equal(p.mails[0].hold_reason, "found late: the rejection came before "
	    "followupd saw it (Friday 8 January 2027 16:00 GMT)");
	assert_time(p.mails[0].due, T("2027-01-12T10:30:00Z"));
	assert_int_equal(p.mails[0].interview_id, 0);
	plan_clear(&p);
	/* Seen in time, auto mode: pending, no reason. */
	plan_rejection(cfg, 7, 0, &ravi, at, at + 60, true, NULL, &p);
	assert_int_equal(p.n, 1);
	assert_false(p.mails[0].held);
	assert_null(p.mails[0].hold_reason);
	plan_clear(&p);
	/* Seen in time, auto mode, but read with a doubt: held, with it. */
	plan_rejection(cfg, 7, 0, &ravi, at, at + 60, true, "kind from a fallback rule", &p);
	assert_int_equal(p.n, 1);
	assert_true(p.mails[0].held);
	assert_string_equal(p.mails[0].hold_reason, "low confidence: kind from a fallback rule");
	plan_clear(&p);
	/* Seen in time, auto mode, sure, but no interview had taken place:
	 * held, whatever the mode (the request thanks for conversations). */
	plan_rejection(cfg, 7, 3, &ravi, at, at + 60, false, NULL, &p);
	assert_int_equal(p.n, 1);
	assert_true(p.mails[0].held);
	assert_non_null(strstr(p.mails[0].hold_reason, "no interview had taken place"));
	plan_clear(&p);

	plan_rejection(cfg, 7, 3, NULL, at, at, true, NULL, &p);
	assert_int_equal(p.n, 0);
	assert_true(has_note(&p, "nobody to ask"));
	plan_clear(&p);
	plan_rejection(cfg, 7, 3, &me, at, at, true, NULL, &p);
	assert_int_equal(p.n, 0);
	plan_clear(&p);
	plan_rejection(cfg, 7, 3, &noaddr, at, at, true, NULL, &p);
	assert_int_equal(p.n, 0);
	plan_clear(&p);
	cfg->feedback_request.enabled = false;
	plan_rejection(cfg, 7, 3, &ravi, at, at, true, NULL, &p);
	assert_int_equal(p.n, 0);
	plan_clear(&p);
}

static void
test_is_me(void **state)
{
	struct config *cfg = *state;
	struct { const char *email; bool want; } cases[] = {
		{ "jane@example.net", true }, { "JANE@EXAMPLE.NET", true },
		{ "jdoe@example.org", true }, { "jane@example.ne", false },
		{ "xjane@example.net", false }, { "", false }, { NULL, false },
	};

	for (size_t i = 0; i < ARRAY_LEN(cases); i++)
		if (plan_is_me(cfg, cases[i].email) != cases[i].want)
			fail_msg("plan_is_me(%s)", cases[i].email ? cases[i].email : "NULL");
}

static void
test_in_window(void **state)
{
	struct config *cfg = *state;
	struct { const char *t, *want; } cases[] = {
		{ "2027-01-04T07:59:00Z", "2027-01-04T08:00:00Z" },
		{ "2027-01-04T08:00:00Z", "2027-01-04T08:00:00Z" },
		{ "2027-01-04T19:59:59Z", "2027-01-04T19:59:59Z" },
		{ "2027-01-04T20:00:00Z", "2027-01-05T08:00:00Z" },
		{ "2027-01-08T20:30:00Z", "2027-01-11T08:00:00Z" },
		{ "2027-01-09T12:00:00Z", "2027-01-11T08:00:00Z" },
		{ "2027-06-12T12:00:00Z", "2027-06-14T07:00:00Z" },
	};

	for (size_t i = 0; i < ARRAY_LEN(cases); i++)
		assert_time(plan_in_window(cfg, T(cases[i].t)), T(cases[i].want));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_thank_you_timing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nudge_after_own_contact, setup, teardown),
		cmocka_unit_test_setup_teardown(test_thank_you_invariants, setup, teardown),
		cmocka_unit_test_setup_teardown(test_thank_you_found_late, setup, teardown),
		cmocka_unit_test_setup_teardown(test_found_late_held_in_every_mode, setup, teardown),
		cmocka_unit_test_setup_teardown(test_contact_is_the_interviewer, setup, teardown),
		cmocka_unit_test_setup_teardown(test_interview_hold_reason, setup, teardown),
		cmocka_unit_test_setup_teardown(test_doubt_holds_in_auto_mode, setup, teardown),
		cmocka_unit_test_setup_teardown(test_past_latest_skipped, setup, teardown),
		cmocka_unit_test_setup_teardown(test_thank_you_recipients, setup, teardown),
		cmocka_unit_test_setup_teardown(test_plan_keys_unique, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reference_when, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reference_cooldown, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nudge_timing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nudge_business_day_after_decision, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nudge_recipients, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reflection, setup, teardown),
		cmocka_unit_test_setup_teardown(test_modes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nothing_for_dead_interviews, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rejection, setup, teardown),
		cmocka_unit_test_setup_teardown(test_is_me, setup, teardown),
		cmocka_unit_test_setup_teardown(test_in_window, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
