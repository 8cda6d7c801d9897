/*
 * Unit tests for template: the default templates (every kind rendered
 * with a full and an empty set of values), every error message of
 * template checking with its FILE:LINE, sections, fallbacks, the tidying
 * of the body, and that no value can make a header line.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "template.h"
#include "util.h"

static char *top_dir;      /* $top_srcdir */
static char *tmpl_dir;     /* $top_srcdir/templates */

static int
setup(void **state)
{
	const char *top = getenv("top_srcdir");

	top_dir = xstrdup(top != NULL ? top : ".");
	tmpl_dir = xasprintf("%s/templates", top_dir);
	return 0;
}

static int
teardown(void **state)
{
	free(top_dir);
	free(tmpl_dir);
	return 0;
}

/* ---- helpers ---- */

static void
render_text(enum template_kind kind, const char *text, const struct template_vars *vars,
	    char **subject, char **cc, char **body)
{
	struct template_errors e = { 0 };
	struct template *t = NULL;
	char *err = NULL;

	if (template_parse("t.tmpl", kind, text, strlen(text), &t, &e) != 0)
		fail_msg("parse failed: %s", e.n > 0 ? e.v[0] : "?");
	if (template_render(t, vars, subject, cc, body, &err) != 0)
		fail_msg("render failed: %s", err);
	template_free(t);
}

static char *
render_body(enum template_kind kind, const char *text, const struct template_vars *vars)
{
	char *s, *c, *b;

	render_text(kind, text, vars, &s, &c, &b);
	free(s);
	free(c);
	return b;
}

/* The errors of parsing text, joined by "\n". */
static char *
parse_errors(enum template_kind kind, const char *text, size_t len)
{
	struct template_errors e = { 0 };
	struct template *t = NULL;
	struct buf b = { 0 };
	int rc = template_parse("t.tmpl", kind, text, len, &t, &e);

	assert_true((rc == 0) == (e.n == 0));
	assert_true((rc == 0) == (t != NULL));
	for (size_t i = 0; i < e.n; i++)
		buf_addf(&b, "%s%s", i > 0 ? "\n" : "", e.v[i]);
	template_errors_clear(&e);
	template_free(t);
	buf_adds(&b, "");
	return buf_steal(&b);
}

/* What a careful writer never leaves in a mail. */
static void
assert_tidy(const char *what, const char *s, bool body)
{
	if (strstr(s, "{{") != NULL || strstr(s, "}}") != NULL)
		fail_msg("%s: a tag survived:\n%s", what, s);
	if (strstr(s, "  ") != NULL && strstr(s, "  ") != strstr(s, "-- "))
		fail_msg("%s: two spaces in a row:\n%s", what, s);
	if (strstr(s, " ,") != NULL || strstr(s, " .") != NULL || strstr(s, "( ") != NULL ||
	    strstr(s, " )") != NULL || strstr(s, ",,") != NULL || strstr(s, "..") != NULL ||
	    strstr(s, " :") != NULL || strstr(s, "\n ") != NULL || strstr(s, "\r") != NULL)
		fail_msg("%s: a hole where a value went missing:\n%s", what, s);
	if (!body) {
		assert_null(strchr(s, '\n'));
		assert_true(s[0] != ' ' && s[strlen(s) - 1] != ' ');
		return;
	}
	if (strstr(s, "\n\n\n") != NULL)
		fail_msg("%s: two blank lines in a row:\n%s", what, s);
	if (strstr(s, " \n") != NULL)
		fail_msg("%s: trailing space:\n%s", what, s);
	assert_true(s[0] != '\n');
	assert_true(strlen(s) >= 2 && s[strlen(s) - 1] == '\n' && s[strlen(s) - 2] != '\n');
}

static void
full_vars(struct template_vars *v)
{
	template_vars_set(v, "me.name", "Jane Doe");
	template_vars_set(v, "me.email", "jane.doe@example.net");
	template_vars_set(v, "me.signature", "Jane Doe\n+44 7700 900123");
	template_vars_set(v, "company", "Initech");
	template_vars_set(v, "role", "Data Engineer");
	/* 2027-06-09T09:30:00Z: Wednesday, 10:30 BST */
	template_vars_set_time(v, "interview", (time_t)1812533400, "Europe/London");
	template_vars_set(v, "interview.day", "on Wednesday");
	template_vars_set(v, "interviewers", "Ada Brooks, Ben Carter and Chloe Diaz");
	template_vars_set(v, "interviewer.name", "Ada Brooks");
	template_vars_set(v, "interviewer.email", "ada@initech.example");
	template_vars_set(v, "others", "Ben Carter and Chloe Diaz");
	template_vars_set(v, "contact.name", "Ravi Menon");
	template_vars_set(v, "contact.email", "ravi@initech.example");
	template_vars_set(v, "reference.name", "Bob Smith");
	template_vars_set(v, "reference.email", "bob@example.org");
	template_vars_set(v, "reference.relationship", "my manager at Initrode");
	template_vars_set(v, "reference.highlight", "the billing migration");
	template_vars_set(v, "notes", "how the team moved billing to events in one quarter.");
	template_vars_set(v, "decision_by", "Friday 18 June");
	template_vars_set(v, "nth", "first");
}

/* ---- the default templates ---- */

static void
test_defaults_check(void **state)
{
	struct template_errors e = { 0 };

	if (template_check_dir(tmpl_dir, &e) != 0)
		fail_msg("default templates: %s", e.v[0]);
	assert_int_equal(e.n, 0);
}

static void
render_default(enum template_kind kind, const struct template_vars *v, char **s, char **c,
	       char **b)
{
	struct template_errors e = { 0 };
	struct template *t = NULL;
	char *err = NULL;

	if (template_load(tmpl_dir, kind, &t, &e) != 0)
		fail_msg("%s", e.v[0]);
	assert_int_equal(template_kind(t), kind);
	if (template_render(t, v, s, c, b, &err) != 0)
		fail_msg("%s: %s", template_kind_name(kind), err);
	template_free(t);
}

static void
test_defaults_full(void **state)
{
	/* What each kind must say when it knows everything. */
	static const struct {
		enum template_kind kind;
		const char *subject[3];
		const char *body[8];
	} cases[] = {
		{ TEMPLATE_THANK_YOU, { "Ada", "Data Engineer" },
		  { "Hi Ada,", "Wednesday", "Data Engineer", "Initech",
		    "how the team moved billing", "Ben Carter and Chloe Diaz", "Jane Doe\n+44" } },
		{ TEMPLATE_THANK_YOU_CONTACT, { "Data Engineer", "Wednesday" },
		  { "Hi Ravi,", "Ada Brooks, Ben Carter and Chloe Diaz", "how the team moved",
		    "Data Engineer", "Jane Doe\n+44" } },
		{ TEMPLATE_REFERENCE_WARNING, { "Initech" },
		  { "Hi Bob,", "Data Engineer", "Initech", "my manager at Initrode",
		    "the billing migration", "Jane Doe\n+44" } },
		{ TEMPLATE_STATUS_NUDGE, { "Data Engineer", "Initech" },
		  { "Hi Ravi,", "Wednesday 9 June 2027", "Friday 18 June", "Initech",
		    "Jane Doe\n+44" } },
		{ TEMPLATE_REFLECTION, { "Initech", "Data Engineer" },
		  { "Wednesday 9 June 2027", "questions", "went well", "differently",
		    "want to work", "Reply", "how the team moved billing", "Friday 18 June" } },
		{ TEMPLATE_FEEDBACK_REQUEST, { "Data Engineer" },
		  { "Hi Ravi,", "feedback", "Ada Brooks, Ben Carter and Chloe Diaz",
		    "Data Engineer", "stay in touch", "Jane Doe\n+44" } },
	};
	struct template_vars v = { 0 };

	assert_int_equal(ARRAY_LEN(cases), TEMPLATE_NKINDS);
	full_vars(&v);
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char *s, *c, *b;

		render_default(cases[i].kind, &v, &s, &c, &b);
		assert_tidy(template_kind_name(cases[i].kind), s, false);
		assert_tidy(template_kind_name(cases[i].kind), b, true);
		for (size_t k = 0; k < 3 && cases[i].subject[k] != NULL; k++)
			if (strstr(s, cases[i].subject[k]) == NULL)
				fail_msg("%s subject lacks \"%s\": %s",
				    template_kind_name(cases[i].kind), cases[i].subject[k], s);
		for (size_t k = 0; k < 8 && cases[i].body[k] != NULL; k++)
			if (strstr(b, cases[i].body[k]) == NULL)
				fail_msg("%s body lacks \"%s\":\n%s",
				    template_kind_name(cases[i].kind), cases[i].body[k], b);
		/* no cliché openings */
		assert_null(strstr(b, "finds you well"));
		assert_null(strstr(b, "I hope this"));
		free(s);
		free(c);
		free(b);
	}
	template_vars_clear(&v);
}

static void
test_defaults_empty(void **state)
{
	struct template_vars none = { 0 };

	for (unsigned k = 0; k < TEMPLATE_NKINDS; k++) {
		char *s, *c, *b;

		render_default((enum template_kind)k, &none, &s, &c, &b);
		assert_tidy(template_kind_name(k), s, false);
		assert_tidy(template_kind_name(k), b, true);
		assert_null(c);
		assert_true(strlen(b) > 100);
		free(s);
		free(b);
	}
}

/* The follow-up variants: a second nudge and a second reflection read
 * differently from the first, and a reference warning folds companies. */
static void
test_defaults_again(void **state)
{
	enum template_kind kinds[] = { TEMPLATE_STATUS_NUDGE, TEMPLATE_REFLECTION };
	struct template_vars v = { 0 };

	full_vars(&v);
	for (size_t i = 0; i < ARRAY_LEN(kinds); i++) {
		char *s1, *c1, *b1, *s2, *c2, *b2;

		render_default(kinds[i], &v, &s1, &c1, &b1);
		template_vars_set(&v, "again", "yes");
		template_vars_set(&v, "nth", "second");
		render_default(kinds[i], &v, &s2, &c2, &b2);
		template_vars_set(&v, "again", NULL);
		assert_tidy("again", b2, true);
		assert_string_not_equal(b1, b2);
		free(s1);
		free(c1);
		free(b1);
		free(s2);
		free(c2);
		free(b2);
	}
	{
		char *s, *c, *b;

		template_vars_set(&v, "companies", "Initech and Globex");
		render_default(TEMPLATE_REFERENCE_WARNING, &v, &s, &c, &b);
		assert_non_null(strstr(s, "Initech and Globex"));
		assert_non_null(strstr(b, "with Initech and Globex,"));
		free(s);
		free(c);
		free(b);
	}
	template_vars_clear(&v);
}

/* Each interviewer gets a different note: own name, the others named. */
static void
test_defaults_per_interviewer(void **state)
{
	static const char *const people[][2] = {
		{ "Ada Brooks", "Ben Carter and Chloe Diaz" },
		{ "Ben Carter", "Ada Brooks and Chloe Diaz" },
		{ "Chloe Diaz", "Ada Brooks and Ben Carter" },
	};
	struct template_vars v = { 0 };
	char *bodies[3];

	full_vars(&v);
	for (size_t i = 0; i < 3; i++) {
		char *s, *c, *first = template_first_name(people[i][0]), *hi;

		template_vars_set(&v, "interviewer.name", people[i][0]);
		template_vars_set(&v, "others", people[i][1]);
		render_default(TEMPLATE_THANK_YOU, &v, &s, &c, &bodies[i]);
		hi = xasprintf("Hi %s,", first);
		assert_non_null(strstr(bodies[i], hi));
		assert_non_null(strstr(s, first));
		assert_non_null(strstr(bodies[i], people[i][1]));
		for (size_t k = 0; k < i; k++)
			assert_string_not_equal(bodies[i], bodies[k]);
		free(hi);
		free(first);
		free(s);
		free(c);
	}
	for (size_t i = 0; i < 3; i++)
		free(bodies[i]);
	template_vars_clear(&v);
}

/* ---- errors ---- */

static void
test_errors_table(void **state)
{
	static const struct {
		enum template_kind kind;
		const char *text;
		const char *want;
	} cases[] = {
		{ TEMPLATE_THANK_YOU, "Subject: Hi {{interviewer.frist_name}}\n\nx\n",
		  "t.tmpl:1: unknown variable {{interviewer.frist_name}} in a thank_you "
		  "template (did you mean {{interviewer.first_name}}?)" },
		{ TEMPLATE_THANK_YOU, "Subject: x\n\n{{zebra}}\n",
		  "t.tmpl:3: unknown variable {{zebra}} in a thank_you template" },
		/* known to another kind only */
		{ TEMPLATE_REFLECTION, "Subject: x\n\nHi {{interviewer.name}}\n",
		  "t.tmpl:3: unknown variable {{interviewer.name}} in a reflection template" },
		{ TEMPLATE_THANK_YOU, "Subject: x\n\n{{#notes}}\nabout\n",
		  "t.tmpl:3: section {{#notes}} is not closed" },
		{ TEMPLATE_THANK_YOU, "Subject: x\n\na\n{{^notes}}\nabout\n",
		  "t.tmpl:4: section {{^notes}} is not closed" },
		{ TEMPLATE_THANK_YOU, "Subject: x\n\n{{#notes}}a{{#role}}b{{/notes}}{{/role}}\n",
		  /* the wrong close is reported; the right one still closes */
		  "t.tmpl:3: {{/notes}} does not match {{#role}} opened on line 3\n"
		  "t.tmpl:3: section {{#notes}} is not closed" },
		{ TEMPLATE_THANK_YOU, "Subject: x\n\ntext\n{{/notes}}\n",
		  "t.tmpl:4: {{/notes}} closes no open section" },
		{ TEMPLATE_THANK_YOU, "Cc: {{contact.email}}\n\nbody\n",
		  "t.tmpl:1: no Subject header" },
		{ TEMPLATE_THANK_YOU, "Subject: x\nReply-To: a@b.c\n\nbody\n",
		  "t.tmpl:2: unknown header \"Reply-To\" (a template has Subject and optionally Cc)" },
		{ TEMPLATE_THANK_YOU, "Subject: x\nsubject: y\n\nbody\n",
		  "t.tmpl:2: second Subject header (the first is on line 1)" },
		{ TEMPLATE_THANK_YOU, "Subject: x\nCc: a@b.c\nCC: d@e.f\n\nbody\n",
		  "t.tmpl:3: second Cc header (the first is on line 2)" },
		{ TEMPLATE_THANK_YOU, "Subject: x\nHello there\n\nbody\n",
		  "t.tmpl:2: expected a header line (\"Subject: ...\") or a blank line before the body" },
		{ TEMPLATE_THANK_YOU, " Subject: x\n\nbody\n",
		  "t.tmpl:1: continuation line before any header\nt.tmpl:1: no Subject header" },
		{ TEMPLATE_THANK_YOU, "Subject: x\n",
		  "t.tmpl:1: no blank line between the headers and the body" },
		{ TEMPLATE_THANK_YOU, "Subject: x\n\n\n   \n{{! nothing }}\n",
		  "t.tmpl:5: the body is empty" },
		{ TEMPLATE_THANK_YOU, "Subject: x\n\nHi {{interviewer.name\n",
		  "t.tmpl:3: tag {{ is not closed with }} on its line" },
		{ TEMPLATE_THANK_YOU, "Subject: x\n\nHi {{ }} and {{#}}\n",
		  "t.tmpl:3: empty tag {{ }}\nt.tmpl:3: empty tag {{#}}" },
		{ TEMPLATE_THANK_YOU, "Subject: x\n\n{{Notes}} {{no tes}} {{.role}} {{role.}}\n",
		  "t.tmpl:3: bad variable name in {{Notes}} (use lower-case words joined by dots)\n"
		  "t.tmpl:3: bad variable name in {{no tes}} (use lower-case words joined by dots)\n"
		  "t.tmpl:3: bad variable name in {{.role}} (use lower-case words joined by dots)\n"
		  "t.tmpl:3: bad variable name in {{role.}} (use lower-case words joined by dots)" },
		{ TEMPLATE_THANK_YOU, "Subject: Hi{{#role}} {{role}}\n\nbody\n",
		  "t.tmpl:1: section {{#role}} is not closed in the Subject header" },
		{ TEMPLATE_THANK_YOU, "Subject: x\nCc: {{^contact.email}}a@b.c\n\nbody\n",
		  "t.tmpl:2: section {{^contact.email}} is not closed in the Cc header" },
		{ TEMPLATE_THANK_YOU, "Subject: x\n\ncaf\xc3\n\xc0\xaf\n\xed\xa0\x80\n",
		  "t.tmpl:3: not valid UTF-8\nt.tmpl:4: not valid UTF-8\nt.tmpl:5: not valid UTF-8" },
		{ TEMPLATE_THANK_YOU, "Subject: x\x1b[31m\n\nbody\x7f\nlone\rcr\n",
		  "t.tmpl:1: control character 0x1b (only tab is allowed)\n"
		  "t.tmpl:3: control character 0x7f (only tab is allowed)\n"
		  "t.tmpl:4: control character 0x0d (only tab is allowed)" },
		/* errors in header values come out in line order with the rest */
		{ TEMPLATE_REFLECTION, "Subject: {{reference.name}}\nX: y\n\n{{/a}}\n",
		  "t.tmpl:1: unknown variable {{reference.name}} in a reflection template\n"
		  "t.tmpl:2: unknown header \"X\" (a template has Subject and optionally Cc)\n"
		  "t.tmpl:4: {{/a}} closes no open section" },
	};

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char *got = parse_errors(cases[i].kind, cases[i].text, strlen(cases[i].text));

		if (strcmp(got, cases[i].want) != 0)
			fail_msg("case %zu:\n got: %s\nwant: %s", i, got, cases[i].want);
		free(got);
	}
}

static void
test_errors_limits(void **state)
{
	struct buf b = { 0 };
	char *got;

	/* a NUL byte */
	got = parse_errors(TEMPLATE_THANK_YOU, "Subject: x\n\na\0b\n", 15);
	assert_string_equal(got, "t.tmpl: contains a NUL byte");
	free(got);
	/* too large */
	buf_adds(&b, "Subject: x\n\n");
	while (b.len <= 64 * 1024)
		buf_adds(&b, "All work and no play makes Jack a dull boy.\n");
	got = parse_errors(TEMPLATE_THANK_YOU, b.data, b.len);
	assert_string_equal(got, "t.tmpl: larger than 65536 bytes");
	free(got);
	buf_reset(&b);
	/* nesting */
	buf_adds(&b, "Subject: x\n\n");
	for (int i = 0; i < 17; i++)
		buf_adds(&b, "{{#notes}}");
	buf_adds(&b, "x");
	for (int i = 0; i < 17; i++)
		buf_adds(&b, "{{/notes}}");
	buf_adds(&b, "\n");
	got = parse_errors(TEMPLATE_THANK_YOU, b.data, b.len);
	assert_non_null(strstr(got, "t.tmpl:3: sections nested more than 16 deep"));
	free(got);
	buf_free(&b);
	/* a CRLF file is fine */
	got = parse_errors(TEMPLATE_THANK_YOU, "Subject: x\r\n\r\nbody\r\n", 20);
	assert_string_equal(got, "");
	free(got);
}

/* The broken set in tests/tmpl/bad, checked as `followupd -n` would. */
static void
test_errors_dir(void **state)
{
	struct template_errors e = { 0 };
	char *dir = xasprintf("%s/tests/tmpl/bad", top_dir);
	char *errfile = xasprintf("%s/tests/tmpl/bad.err", top_dir), *want = NULL;
	struct buf got = { 0 };
	size_t len;

	if (read_file(errfile, 1 << 20, &want, &len) != 0)
		fail_msg("%s: %s", errfile, strerror(errno));
	assert_int_equal(template_check_dir(dir, &e), -1);
	for (size_t i = 0; i < e.n; i++) {
		assert_true(str_has_prefix(e.v[i], dir));
		buf_addf(&got, "%s\n", e.v[i] + strlen(dir) + 1);
	}
	assert_string_equal(got.data, want);
	template_errors_clear(&e);
	assert_int_equal(e.n, 0);
	buf_free(&got);
	free(want);
	free(errfile);
	free(dir);
}

static void
test_errors_missing(void **state)
{
	char dir[] = "/tmp/test_template.XXXXXX";
	struct template_errors e = { 0 };
	struct template *t = NULL;
	char *path, *subject = NULL, *cc = NULL, *body = NULL, *err = NULL;
	struct template_vars vars = { 0 };
	FILE *f;

	assert_non_null(mkdtemp(dir));
	/* A missing file falls back to the default compiled in. */
	assert_int_equal(template_load(dir, TEMPLATE_REFLECTION, &t, &e), 0);
	assert_non_null(t);
	assert_int_equal(e.n, 0);
	template_vars_set(&vars, "company", "Acme");
	assert_int_equal(template_render(t, &vars, &subject, &cc, &body, &err), 0);
	assert_non_null(strstr(subject, "Acme"));
	free(subject);
	free(cc);
	free(body);
	template_free(t);
	t = NULL;
	assert_int_equal(template_check_dir(dir, &e), 0);
	assert_int_equal(e.n, 0);
	/* A file that is there wins over the default, and its errors count. */
	path = xasprintf("%s/reflection.tmpl", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("Subject: Reflection on {{company}}\n\nHow did it go?\n", f);
	fclose(f);
	assert_int_equal(template_load(dir, TEMPLATE_REFLECTION, &t, &e), 0);
	assert_int_equal(template_render(t, &vars, &subject, &cc, &body, &err), 0);
	assert_string_equal(subject, "Reflection on Acme");
	assert_string_equal(body, "How did it go?\n");
	free(subject);
	free(cc);
	free(body);
	template_free(t);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("Subject: {{nope}}\n\nx\n", f);
	fclose(f);
	assert_int_equal(template_check_dir(dir, &e), -1);
	assert_int_equal(e.n, 1);
	assert_non_null(strstr(e.v[0], "reflection.tmpl:1:"));
	template_errors_clear(&e);
	template_vars_clear(&vars);
	unlink(path);
	free(path);
	rmdir(dir);
}

/* ---- rendering ---- */

static void
test_render_sections(void **state)
{
	static const char text[] =
	    "Subject: Hi{{#role}} - {{role}}{{/role}}{{^role}} there{{/role}}\n"
	    "\n"
	    "Dear {{contact.first_name|friend}},\n"
	    "\n"
	    "{{#notes}}\n"
	    "Notes: {{notes}}\n"
	    "{{#decision_by}}\n"
	    "By {{decision_by}}.\n"
	    "{{/decision_by}}\n"
	    "{{/notes}}\n"
	    "   {{^notes}}   \n"
	    "No notes.\n"
	    "{{/notes}}\n"
	    "\n"
	    "{{! a comment line vanishes }}\n"
	    "Inline {{! comment }}ok.\n"
	    "{{#company}}\n"
	    "\n"
	    "At {{company}}.\n"
	    "\n"
	    "{{/company}}\n"
	    "\n"
	    "\n"
	    "End   \n"
	    "-- \n"
	    "sig\n";
	struct template_vars v = { 0 };
	char *s, *c, *b;

	render_text(TEMPLATE_THANK_YOU, text, &v, &s, &c, &b);
	assert_string_equal(s, "Hi there");
	assert_null(c);
	assert_string_equal(b, "Dear friend,\n\nNo notes.\n\nInline ok.\n\nEnd\n-- \nsig\n");
	free(s);
	free(b);

	template_vars_set(&v, "role", "SRE");
	template_vars_set(&v, "contact.name", "Ravi Menon");
	template_vars_set(&v, "notes", "  the pager rota  \n");
	template_vars_set(&v, "decision_by", "Friday");
	template_vars_set(&v, "company", "Initech");
	render_text(TEMPLATE_THANK_YOU, text, &v, &s, &c, &b);
	assert_string_equal(s, "Hi - SRE");
	assert_string_equal(b, "Dear Ravi,\n\nNotes: the pager rota\nBy Friday.\n\nInline ok.\n\n"
	    "At Initech.\n\nEnd\n-- \nsig\n");
	free(s);
	free(b);

	/* a blank value is no value */
	template_vars_set(&v, "notes", " \n\t ");
	b = render_body(TEMPLATE_THANK_YOU, text, &v);
	assert_non_null(strstr(b, "No notes."));
	free(b);
	template_vars_clear(&v);
}

static void
test_render_injection(void **state)
{
	static const char text[] =
	    "Subject: Thanks {{interviewer.name}} ({{company}})\n"
	    "Cc: {{contact.name}} <{{contact.email}}>\n"
	    "\n"
	    "Hi {{interviewer.first_name}},\n"
	    "{{notes}}\n";
	struct template_vars v = { 0 };
	char *s, *c, *b;

	template_vars_set(&v, "interviewer.name", "Ada\r\nBcc: evil@example.org");
	template_vars_set(&v, "company", "Ini\ntech\r\n\r\nX-Evil: 1\t");
	template_vars_set(&v, "contact.name", "Ravi\rBcc: x@y.z");
	template_vars_set(&v, "contact.email", "ravi@x.org\n");
	template_vars_set(&v, "notes", "line one\r\nBcc: still body\rline three\n\x01\x1b[0m\xff.");
	render_text(TEMPLATE_THANK_YOU, text, &v, &s, &c, &b);
	assert_string_equal(s, "Thanks Ada Bcc: evil@example.org (Ini tech X-Evil: 1)");
	assert_string_equal(c, "Ravi Bcc x y.z <ravi@x.org>");
	/* the body keeps the text with LF line ends; controls go, bad bytes
	 * become U+FFFD; the first name is derived from the cleaned name */
	assert_string_equal(b, "Hi Ada,\nline one\nBcc: still body\nline three\n[0m\xef\xbf\xbd.\n");
	free(s);
	free(c);
	free(b);
	template_vars_clear(&v);
}

/* Values in Cc cannot add recipients; only .email values are addresses. */
static void
test_render_cc(void **state)
{
	static const char text[] =
	    "Subject: x\n"
	    "Cc: {{contact.name}} <{{contact.email}}>, {{me.email}}\n"
	    "\n"
	    "body\n";
	static const struct {
		const char *name, *email, *want;
	} cases[] = {
		{ "Ravi Menon", "ravi@x.org", "Ravi Menon <ravi@x.org>, me@example.net" },
		{ "evil@x.org, Ravi", "ravi@x.org", "evil x.org Ravi <ravi@x.org>, me@example.net" },
		{ "R <evil@x.org>; \"q\" (c) [d] \\", "ravi@x.org",
		  "R evil x.org q c d <ravi@x.org>, me@example.net" },
		{ "Ravi", "ravi@x.org, evil@y.org", "Ravi <>, me@example.net" },
		{ "Ravi", "ravi@x.org>, <evil@y.org", "Ravi <>, me@example.net" },
		{ "Ravi", "no address", "Ravi <>, me@example.net" },
		{ "Ravi", "a@b@c", "Ravi <>, me@example.net" },
	};
	struct template_vars v = { 0 };

	template_vars_set(&v, "me.email", "me@example.net");
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char *s, *c, *b;

		template_vars_set(&v, "contact.name", cases[i].name);
		template_vars_set(&v, "contact.email", cases[i].email);
		render_text(TEMPLATE_THANK_YOU, text, &v, &s, &c, &b);
		if (strcmp(c, cases[i].want) != 0)
			fail_msg("case %zu: got \"%s\"", i, c);
		free(s);
		free(c);
		free(b);
	}
	template_vars_clear(&v);
}

static void
test_render_subject_empty(void **state)
{
	static const char text[] = "Subject: {{company}}\n\nbody\n";
	struct template_errors e = { 0 };
	struct template_vars v = { 0 };
	struct template *t = NULL;
	char *s = (char *)"x", *c = (char *)"x", *b = (char *)"x", *err = NULL;

	assert_int_equal(template_parse("t.tmpl", TEMPLATE_THANK_YOU, text, strlen(text), &t, &e), 0);
	template_vars_set(&v, "company", " \r\n ");
	assert_int_equal(template_render(t, &v, &s, &c, &b, &err), -1);
	assert_null(s);
	assert_null(c);
	assert_null(b);
	assert_string_equal(err, "the subject is empty after rendering");
	free(err);
	template_vars_set(&v, "company", "Initech");
	assert_int_equal(template_render(t, &v, &s, &c, &b, &err), 0);
	assert_string_equal(s, "Initech");
	assert_string_equal(b, "body\n");
	free(s);
	free(b);
	template_free(t);
	template_vars_clear(&v);
}

/* A body whose every line is conditional can render to nothing: that is
 * refused, never sent as an empty mail (found by the fuzzer). */
static void
test_render_body_empty(void **state)
{
	static const char text[] = "Subject: Thanks\n\n\n\n{{^me.signature}}\n{{me.name}}\n{{/me.signature}}\n";
	struct template_errors e = { 0 };
	struct template_vars v = { 0 };
	struct template *t = NULL;
	char *s = (char *)"x", *c = (char *)"x", *b = (char *)"x", *err = NULL;

	(void)state;
	assert_int_equal(template_parse("t.tmpl", TEMPLATE_THANK_YOU, text, strlen(text), &t, &e), 0);
	assert_int_equal(template_render(t, &v, &s, &c, &b, &err), -1);
	assert_null(s);
	assert_null(c);
	assert_null(b);
	assert_string_equal(err, "the body is empty after rendering");
	free(err);
	template_vars_set(&v, "me.name", "Sam");
	assert_int_equal(template_render(t, &v, &s, &c, &b, &err), 0);
	assert_string_equal(b, "Sam\n");
	free(s);
	free(b);
	template_free(t);
	template_vars_clear(&v);
}

static void
test_vars(void **state)
{
	struct template_vars v = { 0 };

	assert_null(template_vars_get(&v, "a"));
	template_vars_set(&v, "a", "1");
	template_vars_set(&v, "b", "2");
	template_vars_set(&v, "a", "3");
	assert_int_equal(v.n, 2);
	assert_string_equal(template_vars_get(&v, "a"), "3");
	template_vars_set(&v, "a", NULL);
	assert_null(template_vars_get(&v, "a"));
	assert_string_equal(template_vars_get(&v, "b"), "2");
	template_vars_set_time(&v, "interview", (time_t)1812533400, "Europe/London");
	assert_string_equal(template_vars_get(&v, "interview.date"), "Wednesday 9 June 2027");
	assert_string_equal(template_vars_get(&v, "interview.weekday"), "Wednesday");
	assert_string_equal(template_vars_get(&v, "interview.time"), "10:30 BST");
	template_vars_clear(&v);
	assert_int_equal(v.n, 0);
}

static void
test_helpers(void **state)
{
	static const struct {
		const char *in, *want;
	} firsts[] = {
		{ "Ada Brooks", "Ada" }, { "  Ada  ", "Ada" }, { "Dr. Ada Brooks", "Ada" }, { "Dra. Lu\xc3\xadsa Mondlane", "Lu\xc3\xadsa" },
		{ "Ing. Roberto Salgado", "Roberto" }, { "Frau Anna Weber", "Anna" }, { "Herrn Adrian Kunz", "Adrian" },
		{ "Prof Ben Carter", "Ben" }, { "Brooks, Ada", "Ada" }, { "\"Ada Brooks\"", "Ada" },
		{ "Dr", "Dr" }, { "Zoë Ünal", "Zoë" }, { "ada@example.com", NULL }, { "", NULL },
		{ "   ", NULL }, { NULL, NULL },
		/* an initial before the name: greeted by the name */
		{ "R. Venkatesh", "Venkatesh" }, { "Mr. S. Balaji", "Balaji" }, { "A. P. Rao", "Rao" },
		{ "J.", "J." }, { "Ma. Cristina Dela Cruz", "Cristina" },
		/* family name first: the whole name is greeted */
		{ "\xe4\xbd\x90\xe8\x97\xa4 \xe6\x98\xa5\xe9\xa6\x99", "\xe4\xbd\x90\xe8\x97\xa4 \xe6\x98\xa5\xe9\xa6\x99" },
		{ "\xea\xb9\x80\xeb\xaf\xbc\xec\xa4\x80 ", "\xea\xb9\x80\xeb\xaf\xbc\xec\xa4\x80" },
		/* the name in its script, then the English one, given name
		 * first: "陈思 Cici Chen" is greeted "Cici" */
		{ "\xe9\x99\x88\xe6\x80\x9d Cici Chen", "Cici" },
	};
	/* the address spells the given name whole */
	static const struct { const char *name, *email, *want; } givens[] = {
		{ "Mei Ling Goh", "meiling.goh@straitsinfra.example", "Mei Ling" },
		{ "Mary Ann Smith", "maryann_smith@example.com", "Mary Ann" },
		{ "Ms Mary Ann Smith", "MaryAnn.Smith@example.com", "Mary Ann" },
		{ "Mei Ling Goh", "mei.goh@example.com", "Mei" },
		{ "Mei Ling Goh", "mlgoh@example.com", "Mei" },
		{ "Ada Brooks", "adabrooks@example.com", "Ada" },   /* never the whole name */
		{ "Ada Brooks", NULL, "Ada" },
		{ NULL, "meiling.goh@example.com", NULL },
	};
	const char *names[] = { "Ada", NULL, "Ben", "", "Chloe" };
	char buf[16], *j;

	for (size_t i = 0; i < ARRAY_LEN(givens); i++) {
		char *got = template_given_name(givens[i].name, givens[i].email);

		if (givens[i].want == NULL)
			assert_null(got);
		else
			assert_string_equal(got, givens[i].want);
		free(got);
	}

	for (size_t i = 0; i < ARRAY_LEN(firsts); i++) {
		char *got = template_first_name(firsts[i].in);

		if (firsts[i].want == NULL)
			assert_null(got);
		else
			assert_string_equal(got, firsts[i].want);
		free(got);
	}
	j = template_join_names(names, 5);
	assert_string_equal(j, "Ada, Ben and Chloe");
	free(j);
	j = template_join_names(names, 3);
	assert_string_equal(j, "Ada and Ben");
	free(j);
	j = template_join_names(names, 1);
	assert_string_equal(j, "Ada");
	free(j);
	assert_null(template_join_names(names + 1, 1));
	assert_string_equal(template_ordinal(1, buf, sizeof(buf)), "first");
	assert_string_equal(template_ordinal(2, buf, sizeof(buf)), "second");
	assert_string_equal(template_ordinal(10, buf, sizeof(buf)), "tenth");
	assert_string_equal(template_ordinal(11, buf, sizeof(buf)), "11th");
	assert_string_equal(template_ordinal(21, buf, sizeof(buf)), "21st");
	assert_string_equal(template_ordinal(112, buf, sizeof(buf)), "112th");
	assert_string_equal(template_ordinal(23, buf, sizeof(buf)), "23rd");
}

static void
test_kinds_and_table(void **state)
{
	enum template_kind k;
	size_t n = 0;

	for (unsigned i = 0; i < TEMPLATE_NKINDS; i++) {
		assert_int_equal(template_kind_from_name(template_kind_name(i), &k), 0);
		assert_int_equal(k, i);
		/* every kind knows the basics */
		assert_true(template_variable_known(i, "me.name"));
		assert_true(template_variable_known(i, "company"));
	}
	assert_int_equal(template_kind_from_name("thankyou", &k), -1);
	assert_int_equal(template_kind_from_name(NULL, &k), -1);
	assert_true(template_variable_known(TEMPLATE_THANK_YOU, "interviewer.first_name"));
	assert_false(template_variable_known(TEMPLATE_STATUS_NUDGE, "interviewer.first_name"));
	assert_true(template_variable_known(TEMPLATE_REFERENCE_WARNING, "reference.highlight"));
	assert_true(template_variable_known(TEMPLATE_REFERENCE_WARNING, "companies"));
	assert_false(template_variable_known(TEMPLATE_THANK_YOU, "companies"));
	assert_true(template_variable_known(TEMPLATE_STATUS_NUDGE, "decision_by"));
	assert_true(template_variable_known(TEMPLATE_REFLECTION, "notes"));
	assert_false(template_variable_known(TEMPLATE_REFLECTION, "contact.name"));
	while (template_variable_name(TEMPLATE_THANK_YOU, n) != NULL) {
		assert_true(template_variable_known(TEMPLATE_THANK_YOU,
		    template_variable_name(TEMPLATE_THANK_YOU, n)));
		n++;
	}
	assert_true(n >= 15);
	assert_null(template_variable_name(TEMPLATE_NKINDS, 0));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults_check),
		cmocka_unit_test(test_defaults_full),
		cmocka_unit_test(test_defaults_empty),
		cmocka_unit_test(test_defaults_again),
		cmocka_unit_test(test_defaults_per_interviewer),
		cmocka_unit_test(test_errors_table),
		cmocka_unit_test(test_errors_limits),
		cmocka_unit_test(test_errors_dir),
		cmocka_unit_test(test_errors_missing),
		cmocka_unit_test(test_render_sections),
		cmocka_unit_test(test_render_injection),
		cmocka_unit_test(test_render_cc),
		cmocka_unit_test(test_render_subject_empty),
		cmocka_unit_test(test_render_body_empty),
		cmocka_unit_test(test_vars),
		cmocka_unit_test(test_helpers),
		cmocka_unit_test(test_kinds_and_table),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
