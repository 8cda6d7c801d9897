/*
 * Unit tests for digest: when a review digest goes (a table of rows over a
 * fixed clock), the reply's commands, what they resolve to against the
 * mails a digest listed, the sender checks, and the words.  Zone
 * Europe/London, window 08:00-20:00, weekends off; 2027-01-04 is a Monday
 * (London = UTC in winter).
 */
#include "autoconfig.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "config.h"
#include "digest.h"
#include "message.h"
#include "model.h"
#include "util.h"
#include "when.h"

static const char base_conf[] =
	"me = { name = \"Jane Doe\"; addresses = [\"jane@example.net\", \"JDoe@Example.ORG\"];\n"
	"       timezone = \"Europe/London\"; };\n"
	"imap = { url = \"imaps://imap.example.net\"; password_command = \"echo x\"; };\n"
	"smtp = { url = \"smtps://smtp.example.net\"; };\n"
	"state_dir = \"state\";\n"
	"templates_dir = \"templates\";\n"
	"send = { window = \"08:00-20:00\"; weekends = false; };\n";

static struct config *
load_config(void)
{
	const char *tmp = getenv("TMPDIR");
	char dir[256];
	struct config_errors errs = { 0 };
	struct config *cfg;
	char *path, *tdir;
	FILE *f;

	snprintf(dir, sizeof(dir), "%s/test_digest.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	assert_non_null(mkdtemp(dir));
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

static time_t
at(const char *iso)
{
	time_t t;

	assert_int_equal(when_parse_iso(iso, &t), 0);
	return t;
}

/* ---- when ---- */

struct when_row {
	const char *name;
	const char *now;
	const char *last;             /* NULL: never */
	struct { const char *due, *latest; bool listed; } mails[3];
	enum digest_why why;
	const char *at;               /* NULL with DIGEST_NONE */
	int64_t mail;
};

static const struct when_row when_rows[] = {
	{ "nothing waits", "2027-01-04T10:00:00Z", NULL, { { NULL, NULL, false } },
	  DIGEST_NONE, NULL, 0 },
	{ "a new mail, no digest yet: at once", "2027-01-04T10:00:00Z", NULL,
	  { { "2027-01-04T12:00:00Z", "2027-01-05T10:00:00Z", false } },
	  DIGEST_NEW, "2027-01-04T10:00:00Z", 1 },
	{ "a new mail at night: the window's start", "2027-01-04T22:00:00Z", NULL,
	  { { "2027-01-05T08:00:00Z", "2027-01-06T10:00:00Z", false } },
	  DIGEST_NEW, "2027-01-05T08:00:00Z", 1 },
	{ "a new mail on Saturday: Monday morning", "2027-01-09T10:00:00Z", NULL,
	  { { "2027-01-11T08:00:00Z", "2027-01-13T10:00:00Z", false } },
	  DIGEST_NEW, "2027-01-11T08:00:00Z", 1 },
	{ "a digest went out 2 h ago: a day after it", "2027-01-04T10:00:00Z",
	  "2027-01-04T08:00:00Z",
	  { { "2027-01-06T12:00:00Z", "2027-01-09T10:00:00Z", false } },
	  DIGEST_NEW, "2027-01-05T08:00:00Z", 1 },
	{ "a digest went out 25 h ago: at once", "2027-01-05T10:00:00Z",
	  "2027-01-04T09:00:00Z",
	  { { "2027-01-06T12:00:00Z", "2027-01-09T10:00:00Z", false } },
	  DIGEST_NEW, "2027-01-05T10:00:00Z", 1 },
	{ "listed, latest days away: the reminder then", "2027-01-04T10:00:00Z",
	  "2027-01-04T09:00:00Z",
	  { { "2027-01-04T12:00:00Z", "2027-01-08T10:00:00Z", true } },
	  DIGEST_LATEST, "2027-01-08T08:00:00Z", 1 },
	{ "listed, latest near: 6 h before it", "2027-01-04T10:00:00Z", "2027-01-04T09:00:00Z",
	  { { "2027-01-04T12:00:00Z", "2027-01-05T18:00:00Z", true } },
	  DIGEST_LATEST, "2027-01-05T12:00:00Z", 1 },
	{ "the latest's reminder beats digest_every", "2027-01-04T10:00:00Z",
	  "2027-01-04T09:00:00Z",
	  { { "2027-01-04T10:00:00Z", "2027-01-04T16:00:00Z", false } },
	  DIGEST_LATEST, "2027-01-04T13:00:00Z", 1 },
	{ "a digest after the reminder's moment: nothing more", "2027-01-05T13:00:00Z",
	  "2027-01-05T12:30:00Z",
	  { { "2027-01-04T12:00:00Z", "2027-01-05T18:00:00Z", true } },
	  DIGEST_NONE, NULL, 0 },
	{ "reminder at night: before the latest when the window allows", "2027-01-04T10:00:00Z",
	  "2027-01-04T09:00:00Z",
	  { { "2027-01-04T12:00:00Z", "2027-01-05T12:00:00Z", true } },
	  DIGEST_LATEST, "2027-01-05T08:00:00Z", 1 },
	{ "reminder at night, latest before the window: at night", "2027-01-04T10:00:00Z",
	  "2027-01-04T09:00:00Z",
	  { { "2027-01-04T12:00:00Z", "2027-01-05T07:00:00Z", true } },
	  DIGEST_LATEST, "2027-01-05T01:00:00Z", 1 },
	{ "latest passed: nothing", "2027-01-05T10:00:00Z", NULL,
	  { { "2027-01-04T12:00:00Z", "2027-01-05T09:00:00Z", false } },
	  DIGEST_NONE, NULL, 0 },
	{ "no latest (a nudge), listed: nothing", "2027-01-04T10:00:00Z", "2027-01-04T09:00:00Z",
	  { { "2027-01-04T12:00:00Z", NULL, true } },
	  DIGEST_NONE, NULL, 0 },
	{ "the earliest of several", "2027-01-04T10:00:00Z", "2027-01-04T09:00:00Z",
	  { { "2027-01-04T12:00:00Z", NULL, true },
	    { "2027-01-06T12:00:00Z", "2027-01-09T10:00:00Z", false },
	    { "2027-01-04T12:00:00Z", "2027-01-05T14:00:00Z", true } },
	  DIGEST_LATEST, "2027-01-05T08:00:00Z", 3 },
};

static void
test_when_table(void **state)
{
	struct config *cfg = load_config();

	(void)state;
	for (size_t r = 0; r < ARRAY_LEN(when_rows); r++) {
		const struct when_row *row = &when_rows[r];
		struct digest_waiting w[3];
		size_t n = 0;
		struct digest_when got;

		for (; n < 3 && row->mails[n].due; n++)
			w[n] = (struct digest_waiting){ (int64_t)n + 1, at(row->mails[n].due),
			    row->mails[n].latest ? at(row->mails[n].latest) : 0, row->mails[n].listed };
		got = digest_next(cfg, w, n, row->last ? at(row->last) : 0, at(row->now));
		if (got.why != row->why || (row->at && got.at != at(row->at)) ||
		    got.mail != row->mail) {
			char b[32];

			fail_msg("%s: why %d at %s mail %lld", row->name, (int)got.why,
			    when_format_iso(got.at, b, sizeof(b)), (long long)got.mail);
		}
	}
	/* review.digest = false: never. */
	cfg->review.digest = false;
	{
		struct digest_waiting w = { 1, at("2027-01-04T12:00:00Z"), 0, false };

		assert_int_equal(digest_next(cfg, &w, 1, 0, at("2027-01-04T10:00:00Z")).why,
		    DIGEST_NONE);
	}
	config_free(cfg);
}

/* ---- the reply ---- */

static void
test_parse_commands(void **state)
{
	struct digest_commands c;
	char *err = NULL;

	(void)state;
	assert_int_equal(digest_parse_reply("Approve 4 5\r\ncancel #6\nhold 7, 8\n"
	    "send 9 now\nsend now 10\nsend-now 11\n", &c, &err), 0);
	assert_int_equal(c.n, 6);
	assert_int_equal(c.v[0].verb, DIGEST_APPROVE);
	assert_int_equal(c.v[0].nids, 2);
	assert_int_equal(c.v[0].ids[1], 5);
	assert_int_equal(c.v[1].verb, DIGEST_CANCEL);
	assert_int_equal(c.v[1].ids[0], 6);
	assert_int_equal(c.v[2].verb, DIGEST_HOLD);
	assert_int_equal(c.v[2].nids, 2);
	assert_int_equal(c.v[3].verb, DIGEST_SEND_NOW);
	assert_int_equal(c.v[3].ids[0], 9);
	assert_int_equal(c.v[4].ids[0], 10);
	assert_int_equal(c.v[5].ids[0], 11);

	/* approve all; chatter, quotes, signature and attribution ignored. */
	assert_int_equal(digest_parse_reply("Hi,\n\n  approve all\nthanks!\n-- \nJane\n"
	    "approve 99\n", &c, &err), 0);
	assert_int_equal(c.n, 1);
	assert_true(c.v[0].all);
	assert_int_equal(digest_parse_reply("> approve 4\n>cancel 5\nok\n", &c, &err), 0);
	assert_int_equal(c.n, 0);
	assert_int_equal(digest_parse_reply("hold 3\nOn Mon, Jan 4, 2027 followupd wrote:\n"
	    "> approve 4\ncancel 4\n", &c, &err), 0);
	assert_int_equal(c.n, 1);
	assert_int_equal(digest_parse_reply("Approve 4, 5.\nsend 6 now!\n", &c, &err), 0);
	assert_int_equal(c.n, 2);
	assert_int_equal(c.v[0].nids, 2);
	assert_int_equal(c.v[1].ids[0], 6);
	assert_int_equal(digest_parse_reply(NULL, &c, &err), 0);
	assert_int_equal(c.n, 0);
}

static void
test_parse_refusals(void **state)
{
	static const char *const bad[] = {
		"approve these please",         /* a command that is not one */
		"approve",                      /* names no mail */
		"send 4",                       /* send without now */
		"cancel all",                   /* all: approve only */
		"approve 4 x",
		"approve 0",
		"approve 1234567890123456",     /* too long an id */
		"approve all 4",
		"hold -3",
	};
	struct digest_commands c;
	struct buf many = { 0 };
	char *err = NULL;

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		if (digest_parse_reply(bad[i], &c, &err) != -1)
			fail_msg("accepted: %s", bad[i]);
		assert_non_null(err);
		free(err);
		err = NULL;
	}
	for (int i = 0; i <= DIGEST_MAX_COMMANDS; i++)
		buf_addf(&many, "hold %d\n", i + 1);
	assert_int_equal(digest_parse_reply(many.data, &c, &err), -1);
	assert_non_null(strstr(err, "more than"));
	free(err);
	buf_reset(&many);
	buf_adds(&many, "approve");
	for (int i = 0; i <= DIGEST_MAX_IDS; i++)
		buf_addf(&many, " %d", i + 1);
	assert_int_equal(digest_parse_reply(many.data, &c, &err), -1);
	free(err);
	buf_free(&many);
}

/* ---- what to do ---- */

static const struct digest_target targets[] = {
	{ 4, MAIL_HELD, false },
	{ 5, MAIL_HELD, false },
	{ 6, MAIL_SENT, false },
	{ 7, MAIL_HELD, true },
	{ 8, MAIL_UNKNOWN, false },
	{ 9, MAIL_PENDING, false },
};

static void
resolve(const char *text, struct digest_step **steps, size_t *n, char **err, int want)
{
	struct digest_commands c;
	char *perr = NULL;

	assert_int_equal(digest_parse_reply(text, &c, &perr), 0);
	assert_int_equal(digest_resolve(&c, targets, ARRAY_LEN(targets), steps, n, err), want);
}

static void
test_resolve(void **state)
{
	struct digest_step *s;
	size_t n;
	char *err = NULL;

	(void)state;
	resolve("approve 4 5", &s, &n, &err, 0);
	assert_int_equal(n, 2);
	assert_null(s[0].refused);
	assert_null(s[1].refused);
	digest_steps_free(s, n);

	/* all: the held ones not yet acted on. */
	resolve("approve all", &s, &n, &err, 0);
	assert_int_equal(n, 2);
	assert_int_equal(s[0].id, 4);
	assert_int_equal(s[1].id, 5);
	digest_steps_free(s, n);

	/* One at a time: sent, acted on, unknown, pending (approve needs held). */
	resolve("approve 6 7 8 9\ncancel 8\n", &s, &n, &err, -1);
	assert_non_null(strstr(err, "named twice"));
	free(err);
	resolve("approve 6 7 8 9", &s, &n, &err, 0);
	assert_int_equal(n, 4);
	assert_non_null(strstr(s[0].refused, "sent"));
	assert_non_null(strstr(s[1].refused, "earlier reply"));
	assert_non_null(strstr(s[2].refused, "may have left"));
	assert_non_null(strstr(s[3].refused, "pending"));
	digest_steps_free(s, n);
	resolve("cancel 8\nhold 9\nsend 5 now", &s, &n, &err, 0);
	assert_int_equal(n, 3);
	for (size_t i = 0; i < n; i++)
		assert_null(s[i].refused);
	digest_steps_free(s, n);

	/* The whole reply: an id not listed, all with others. */
	resolve("approve 4 10", &s, &n, &err, -1);
	assert_string_equal(err, "mail 10 was not in this digest");
	assert_null(s);
	free(err);
	resolve("approve all\ncancel 5", &s, &n, &err, -1);
	free(err);
}

/* ---- trust ---- */

static void
test_distrust(void **state)
{
	struct config *cfg = load_config();
	char *why;

	(void)state;
	assert_null(digest_distrust(cfg, "jane@example.net", 0));
	assert_null(digest_distrust(cfg, "Jane@EXAMPLE.net", MSG_AUTH_PRESENT |
	    MSG_AUTH_DMARC_PASS | MSG_AUTH_SPF_PASS | MSG_AUTH_DKIM_PASS));
	assert_null(digest_distrust(cfg, "jdoe@example.org", MSG_AUTH_DKIM_FAIL |
	    MSG_AUTH_DKIM_PASS));
	why = digest_distrust(cfg, "mallory@example.com", 0);
	assert_non_null(strstr(why, "not from one of your addresses"));
	free(why);
	why = digest_distrust(cfg, NULL, 0);
	assert_non_null(why);
	free(why);
	why = digest_distrust(cfg, "jane@example.net", MSG_AUTH_PRESENT | MSG_AUTH_DMARC_FAIL);
	assert_non_null(strstr(why, "dmarc=fail"));
	free(why);
	why = digest_distrust(cfg, "jane@example.net", MSG_AUTH_SPF_FAIL);
	assert_non_null(strstr(why, "spf=fail"));
	free(why);
	why = digest_distrust(cfg, "jane@example.net", MSG_AUTH_DKIM_FAIL);
	assert_non_null(strstr(why, "dkim=fail"));
	free(why);
	config_free(cfg);
}

/* ---- the words ---- */

static void
test_text(void **state)
{
	struct digest_item items[] = {
		{ 4, MAIL_THANK_YOU, MAIL_HELD, "Ada Brooks", "ada@example.com", "Thank you",
		  "Dear Ada,\nthanks.\n", NULL, "Initech", "Engineer",
		  at("2027-01-04T12:00:00Z"), at("2027-01-05T10:00:00Z") },
		{ 9, MAIL_STATUS_NUDGE, MAIL_UNKNOWN, NULL, "ravi@example.com", NULL, NULL,
		  NULL, NULL, NULL, at("2027-01-04T12:00:00Z"), 0 },
	};
	struct digest_step steps[] = {
		{ 4, DIGEST_APPROVE, NULL }, { 9, DIGEST_APPROVE, (char *)"it is sent now" },
	};
	struct digest_unplaced unplaced[] = {
		{ 12, "Ravi Menon <ravi@initech.example>", "Next steps", at("2027-01-03T09:30:00Z") },
	};
	static const char qp[] = "Caf=C3=A9 and a long =\r\nline =\r\nthat goes on=20\r\nhere\r\n=3D";
	char *t = digest_unflow("Dear Ada, this is a \r\nlong line.\r\n From here\r\n-- \r\nJane");

	(void)state;
	assert_string_equal(t, "Dear Ada, this is a long line.\nFrom here\n-- \nJane");
	free(t);
	t = digest_wire_text(qp, sizeof(qp) - 1, true);
	assert_string_equal(t, "Caf\xc3\xa9 and a long line that goes on here\n=");
	free(t);
	assert_null(digest_wire_text("a=00b", 5, true));
	t = digest_wire_text("a=00b", 5, false);
	assert_string_equal(t, "a=00b");
	free(t);
	t = digest_subject(1);
	assert_string_equal(t, "followupd: 1 mail waits for you");
	free(t);
	t = digest_text(items, 2, NULL, 0, "Europe/London", at("2027-01-04T10:00:00Z"));
	assert_null(strstr(t, "could not place"));
	free(t);
	t = digest_text(items, 2, unplaced, 1, "Europe/London", at("2027-01-04T10:00:00Z"));
	assert_non_null(strstr(t, "1 job mail I could not place: no interview time found"));
	assert_non_null(strstr(t, "  12  2027-01-03 09:30 +0000  Ravi Menon <ravi@initech.example>\n"
	    "      Next steps\n"));
	assert_non_null(strstr(t, "followupctl dismiss ID"));
	assert_non_null(strstr(t, "Mail 4: thank_you (Initech, Engineer)"));
	assert_non_null(strstr(t, "To: Ada Brooks <ada@example.com>\nSubject: Thank you\n\n"
	    "Dear Ada,\nthanks.\n"));
	assert_non_null(strstr(t, "review mode: it waits for your approval"));
	assert_non_null(strstr(t, "Latest: 2027-01-05 10:00 +0000"));
	assert_non_null(strstr(t, "approve 4, cancel 4, hold 4, send 4 now"));
	assert_non_null(strstr(t, "Mail 9: status_nudge\n"));
	assert_non_null(strstr(t, "may have left"));
	assert_non_null(strstr(t, "To: ravi@example.com\n"));
	assert_non_null(strstr(t, "approve all"));
	free(t);
	t = digest_answer_text(steps, 2, NULL);
	assert_string_equal(t, "Done: approve 4.\nRefused: approve 9: it is sent now.\n\n"
	    "followupctl outbox shows where every mail stands.\n");
	free(t);
	t = digest_answer_text(NULL, 0, "mail 10 was not in this digest");
	assert_string_equal(t, "Your reply was refused; nothing was done: "
	    "mail 10 was not in this digest.\n");
	free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_when_table),
		cmocka_unit_test(test_parse_commands),
		cmocka_unit_test(test_parse_refusals),
		cmocka_unit_test(test_resolve),
		cmocka_unit_test(test_distrust),
		cmocka_unit_test(test_text),
	};

	setenv("TZ", "UTC", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
