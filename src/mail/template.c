/* template: load, check and render the mail templates (see template.h). */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "template.h"
#include "utf8.h"
#include "util.h"
#include "when.h"

#define TEMPLATE_MAX_SIZE (64 * 1024)
#define MAX_DEPTH 16

static const char *const kind_names[TEMPLATE_NKINDS] = {
	[TEMPLATE_THANK_YOU] = "thank_you",
	[TEMPLATE_THANK_YOU_CONTACT] = "thank_you_contact",
	[TEMPLATE_REFERENCE_WARNING] = "reference_warning",
	[TEMPLATE_STATUS_NUDGE] = "status_nudge",
	[TEMPLATE_REFLECTION] = "reflection",
	[TEMPLATE_FEEDBACK_REQUEST] = "feedback_request",
};

#define TY  (1u << TEMPLATE_THANK_YOU)
#define TYC (1u << TEMPLATE_THANK_YOU_CONTACT)
#define RW  (1u << TEMPLATE_REFERENCE_WARNING)
#define SN  (1u << TEMPLATE_STATUS_NUDGE)
#define RF  (1u << TEMPLATE_REFLECTION)
#define FR  (1u << TEMPLATE_FEEDBACK_REQUEST)
#define ALL (TY | TYC | RW | SN | RF | FR)

/* The one table of variables: which kinds may use each name. */
static const struct {
	const char *name;
	unsigned kinds;
} variables[] = {
	{ "me.name", ALL },
	{ "me.first_name", ALL },
	{ "me.email", ALL },
	{ "me.signature", ALL },
	{ "company", ALL },
	{ "role", ALL },
	{ "interview.date", ALL },
	{ "interview.weekday", ALL },
	{ "interview.time", ALL },
	{ "interview.day", ALL },         /* "today", "yesterday", "on Wednesday" */
	{ "interviewers", ALL },          /* "Ada, Ben and Chloe" */
	{ "interviewers.several", TYC },  /* set when they are two or more */
	{ "interviewer.name", TY },
	{ "interviewer.first_name", TY },
	{ "interviewer.email", TY },
	{ "interviewer.notes", TY },      /* notes about this one person, if any */
	{ "others", TY },                 /* the other interviewers of this interview */
	{ "contact.name", TY | TYC | SN | FR },
	{ "contact.first_name", TY | TYC | SN | FR },
	{ "contact.email", TY | TYC | SN | FR },
	{ "reference.name", RW },
	{ "reference.first_name", RW },
	{ "reference.email", RW },
	{ "reference.relationship", RW },
	{ "reference.highlight", RW },
	{ "companies", RW },              /* set when several companies share one warning */
	{ "notes", TY | TYC | SN | RF | FR },
	{ "decision_by", TY | TYC | SN | RF },
	{ "nth", SN | RF },               /* "first", "second": this mail in its series */
	{ "again", SN | RF },             /* non-empty when nth is not the first */
};

const char *
template_kind_name(enum template_kind kind)
{
	if ((unsigned)kind >= TEMPLATE_NKINDS)
		return "unknown";
	return kind_names[kind];
}

int
template_kind_from_name(const char *name, enum template_kind *kind)
{
	for (unsigned i = 0; i < TEMPLATE_NKINDS; i++)
		if (name != NULL && strcmp(name, kind_names[i]) == 0) {
			*kind = (enum template_kind)i;
			return 0;
		}
	return -1;
}

const char *
template_variable_name(enum template_kind kind, size_t i)
{
	if ((unsigned)kind >= TEMPLATE_NKINDS)
		return NULL;
	for (size_t k = 0; k < ARRAY_LEN(variables); k++)
		if (variables[k].kinds & (1u << kind)) {
			if (i == 0)
				return variables[k].name;
			i--;
		}
	return NULL;
}

bool
template_variable_known(enum template_kind kind, const char *name)
{
	if ((unsigned)kind >= TEMPLATE_NKINDS)
		return false;
	for (size_t k = 0; k < ARRAY_LEN(variables); k++)
		if ((variables[k].kinds & (1u << kind)) && strcmp(variables[k].name, name) == 0)
			return true;
	return false;
}

/* ---- errors ---- */

void
template_errors_clear(struct template_errors *errors)
{
	for (size_t i = 0; i < errors->n; i++)
		free(errors->v[i]);
	free(errors->v);
	errors->v = NULL;
	errors->n = 0;
}

__attribute__((format(printf, 3, 4)))
static void
add_error(struct template_errors *errors, const char *file, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	errors->v = xreallocarray(errors->v, errors->n + 1, sizeof(*errors->v));
	errors->v[errors->n++] = xasprintf("%s:%s", file, msg);
	free(msg);
}

/* ---- the parsed form ---- */

enum node_type { N_TEXT, N_VAR, N_SECTION };

struct nodes {
	struct node *v;
	size_t n;
};

struct node {
	enum node_type type;
	char *text;          /* N_TEXT: the text; N_VAR, N_SECTION: the name */
	char *fallback;      /* N_VAR: {{name|fallback}}, else NULL */
	bool inverted;       /* N_SECTION: {{^name}} */
	struct nodes children;
};

struct template {
	enum template_kind kind;
	struct nodes subject;
	struct nodes cc;
	bool has_cc;
	struct nodes body;
};

static void
nodes_free(struct nodes *ns)
{
	for (size_t i = 0; i < ns->n; i++) {
		free(ns->v[i].text);
		free(ns->v[i].fallback);
		nodes_free(&ns->v[i].children);
	}
	free(ns->v);
	ns->v = NULL;
	ns->n = 0;
}

void
template_free(struct template *t)
{
	if (t == NULL)
		return;
	nodes_free(&t->subject);
	nodes_free(&t->cc);
	nodes_free(&t->body);
	free(t);
}

enum template_kind
template_kind(const struct template *t)
{
	return t->kind;
}

static struct node *
nodes_push(struct nodes *ns, enum node_type type)
{
	struct node *n;

	ns->v = xreallocarray(ns->v, ns->n + 1, sizeof(*ns->v));
	n = &ns->v[ns->n++];
	memset(n, 0, sizeof(*n));
	n->type = type;
	return n;
}

static void
nodes_add_text(struct nodes *ns, const char *s, size_t len)
{
	struct node *last;
	size_t old;

	if (len == 0)
		return;
	last = ns->n > 0 ? &ns->v[ns->n - 1] : NULL;
	if (last == NULL || last->type != N_TEXT) {
		last = nodes_push(ns, N_TEXT);
		last->text = xstrndup(s, len);
		return;
	}
	old = strlen(last->text);
	last->text = xrealloc(last->text, old + len + 1);
	memcpy(last->text + old, s, len);
	last->text[old + len] = '\0';
}

/* ---- parsing ---- */

struct parser {
	const char *file;
	enum template_kind kind;
	struct template_errors *errors;
	int nerrors;
	/* open sections: where new nodes go, and what opened them */
	struct nodes *stack[MAX_DEPTH + 1];
	const char *open_name[MAX_DEPTH + 1];
	int open_line[MAX_DEPTH + 1];
	int depth;
};

__attribute__((format(printf, 3, 4)))
static void
perr(struct parser *p, int line, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	if (line > 0)
		add_error(p->errors, p->file, "%d: %s", line, msg);
	else
		add_error(p->errors, p->file, " %s", msg);
	free(msg);
	p->nerrors++;
}

static bool
valid_name(const char *s, size_t len)
{
	bool word_start = true;

	if (len == 0)
		return false;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];

		if (c == '.') {
			if (word_start)
				return false;
			word_start = true;
			continue;
		}
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
			return false;
		word_start = false;
	}
	return !word_start;
}

/* Levenshtein distance, for "did you mean"; names are short. */
static size_t
edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), prev[64], cur[64];

	if (la >= 63 || lb >= 63)
		return SIZE_MAX;
	for (size_t j = 0; j <= lb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= la; i++) {
		cur[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t d = prev[j - 1] + (a[i - 1] != b[j - 1]);

			if (prev[j] + 1 < d)
				d = prev[j] + 1;
			if (cur[j - 1] + 1 < d)
				d = cur[j - 1] + 1;
			cur[j] = d;
		}
		memcpy(prev, cur, (lb + 1) * sizeof(size_t));
	}
	return prev[lb];
}

static void
check_known(struct parser *p, int line, const char *name)
{
	const char *best = NULL;
	size_t bestd = 3;

	if (template_variable_known(p->kind, name))
		return;
	for (size_t k = 0; k < ARRAY_LEN(variables); k++) {
		size_t d;

		if (!(variables[k].kinds & (1u << p->kind)))
			continue;
		d = edit_distance(name, variables[k].name);
		if (d < bestd) {
			bestd = d;
			best = variables[k].name;
		}
	}
	if (best != NULL)
		perr(p, line, "unknown variable {{%s}} in a %s template (did you mean {{%s}}?)",
		    name, kind_names[p->kind], best);
	else
		perr(p, line, "unknown variable {{%s}} in a %s template", name,
		    kind_names[p->kind]);
}

/* Nothing but white space: a body that would render empty. */
static bool
nodes_blank(const struct nodes *ns)
{
	for (size_t i = 0; i < ns->n; i++) {
		if (ns->v[i].type != N_TEXT)
			return false;
		if (ns->v[i].text[strspn(ns->v[i].text, " \t\n")] != '\0')
			return false;
	}
	return true;
}

static char *
trimmed_dup(const char *s, size_t len)
{
	while (len > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	return xstrndup(s, len);
}

/*
 * One tag's inside (between "{{" and "}}").  Adds a node or opens/closes
 * a section.  Returns false after reporting an error.
 */
static bool
parse_tag(struct parser *p, int line, const char *in, size_t len)
{
	char *body = trimmed_dup(in, len), *name, *bar, *fallback = NULL;
	char sigil = body[0];
	bool ok = false;

	if (sigil == '!') {
		ok = true;
		goto out;
	}
	name = body;
	if (sigil == '#' || sigil == '^' || sigil == '/') {
		name++;
		while (*name == ' ' || *name == '\t')
			name++;
	} else if ((bar = strchr(body, '|')) != NULL) {
		*bar = '\0';
		fallback = bar + 1;
		for (char *e = bar; e > body && (e[-1] == ' ' || e[-1] == '\t'); e--)
			e[-1] = '\0';
	}
	if (*name == '\0') {
		perr(p, line, "empty tag {{%.*s}}", (int)len, in);
		goto out;
	}
	if (!valid_name(name, strlen(name))) {
		perr(p, line, "bad variable name in {{%.*s}} (use lower-case words joined by dots)",
		    (int)len, in);
		goto out;
	}
	if (sigil == '/') {
		if (p->depth == 0) {
			perr(p, line, "{{/%s}} closes no open section", name);
			goto out;
		}
		if (strcmp(p->open_name[p->depth], name) != 0) {
			perr(p, line, "{{/%s}} does not match {{#%s}} opened on line %d", name,
			    p->open_name[p->depth], p->open_line[p->depth]);
			goto out;
		}
		p->depth--;
		ok = true;
		goto out;
	}
	check_known(p, line, name);
	if (sigil == '#' || sigil == '^') {
		struct node *n;

		if (p->depth == MAX_DEPTH) {
			perr(p, line, "sections nested more than %d deep", MAX_DEPTH);
			goto out;
		}
		n = nodes_push(p->stack[p->depth], N_SECTION);
		n->text = xstrdup(name);
		n->inverted = sigil == '^';
		p->depth++;
		p->stack[p->depth] = &n->children;
		p->open_name[p->depth] = n->text;
		p->open_line[p->depth] = line;
	} else {
		struct node *n = nodes_push(p->stack[p->depth], N_VAR);

		n->text = xstrdup(name);
		if (fallback != NULL)
			n->fallback = xstrdup(fallback);
	}
	ok = true;
out:
	free(body);
	return ok;
}

/* Text with tags on one line (no '\n' inside, except a final one). */
static void
parse_text(struct parser *p, int line, const char *s, size_t len)
{
	const char *end = s + len;

	while (s < end) {
		const char *open = memmem(s, (size_t)(end - s), "{{", 2), *close;

		if (open == NULL) {
			nodes_add_text(p->stack[p->depth], s, (size_t)(end - s));
			return;
		}
		nodes_add_text(p->stack[p->depth], s, (size_t)(open - s));
		close = memmem(open + 2, (size_t)(end - open - 2), "}}", 2);
		if (close == NULL) {
			perr(p, line, "tag {{ is not closed with }} on its line");
			return;
		}
		parse_tag(p, line, open + 2, (size_t)(close - open - 2));
		s = close + 2;
	}
}

/* A line that is only one section or comment tag, blanks around it. */
static bool
standalone_tag(const char *s, size_t len, const char **tag, size_t *taglen)
{
	while (len > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (len < 5 || memcmp(s, "{{", 2) != 0 || memcmp(s + len - 2, "}}", 2) != 0)
		return false;
	if (memmem(s + 2, len - 4, "{{", 2) != NULL || memmem(s + 2, len - 4, "}}", 2) != NULL)
		return false;
	if (strchr("#^/!", s[2]) == NULL)
		return false;
	*tag = s + 2;
	*taglen = len - 4;
	return true;
}

static void
close_all(struct parser *p, const char *where)
{
	while (p->depth > 0) {
		perr(p, p->open_line[p->depth], "section {{%s%s}} is not closed%s",
		    p->stack[p->depth - 1]->v[p->stack[p->depth - 1]->n - 1].inverted ? "^" : "#",
		    p->open_name[p->depth], where);
		p->depth--;
	}
}

/* Check the bytes of a line: UTF-8 and no control characters but tab. */
static bool
check_line_bytes(struct parser *p, int line, const char *s, size_t len)
{
	size_t i = 0, n;

	while (i < len) {
		unsigned char c = (unsigned char)s[i];

		if ((c < 0x20 && c != '\t') || c == 0x7f) {
			perr(p, line, "control character 0x%02x (only tab is allowed)", c);
			return false;
		}
		if ((n = utf8_seq((const unsigned char *)s + i, len - i)) == 0) {
			perr(p, line, "not valid UTF-8");
			return false;
		}
		i += n;
	}
	return true;
}

static bool
header_name_char(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	    c == '-' || c == '_';
}

struct hdr_line {
	int line;
	struct buf value;
	char name[32];
};

/* The line number of one of our own error lines ("FILE:LINE: ..."). */
static long
error_line(const char *msg, size_t skip)
{
	return strtol(msg + skip + 1, NULL, 10);
}

/* Errors of one file in line order (stable: insertion sort, few lines). */
static void
sort_errors(struct template_errors *errors, size_t from, const char *file)
{
	size_t skip = strlen(file);

	for (size_t i = from + 1; i < errors->n; i++) {
		char *m = errors->v[i];
		long l = error_line(m, skip);
		size_t j = i;

		while (j > from && error_line(errors->v[j - 1], skip) > l) {
			errors->v[j] = errors->v[j - 1];
			j--;
		}
		errors->v[j] = m;
	}
}

/* The header block as read so far. */
struct hdr_block {
	struct hdr_line v[8];
	size_t n;
	int subject_line, cc_line;      /* 0 until seen */
};

/* Which header the name s..c is, or perr() and false: Subject and Cc, each
 * at most once. */
static bool
header_known(struct parser *p, struct hdr_block *h, int line, const char *s, const char *c)
{
	if (strncasecmp(s, "Subject", (size_t)(c - s)) == 0 && c - s == 7) {
		if (h->subject_line != 0) {
			perr(p, line, "second Subject header (the first is on line %d)",
			    h->subject_line);
			return false;
		}
		h->subject_line = line;
	} else if (strncasecmp(s, "Cc", (size_t)(c - s)) == 0 && c - s == 2) {
		if (h->cc_line != 0) {
			perr(p, line, "second Cc header (the first is on line %d)",
			    h->cc_line);
			return false;
		}
		h->cc_line = line;
	} else {
		perr(p, line, "unknown header \"%.*s\" (a template has Subject and "
		    "optionally Cc)", (int)(c - s > 40 ? 40 : c - s), s);
		return false;
	}
	return true;
}

/* One line s (l bytes, no line end) of the header block; false when it is
 * the blank line that ends the block. */
static bool
header_line(struct parser *p, struct hdr_block *h, int line, const char *s, size_t l)
{
	const char *c, *tag;
	size_t taglen;

	if (standalone_tag(s, l, &tag, &taglen) && tag[0] == '!')
		return true;
	if (l == 0)
		return false;
	if (s[0] == ' ' || s[0] == '\t') {
		if (h->n == 0) {
			perr(p, line, "continuation line before any header");
			return true;
		}
		buf_addc(&h->v[h->n - 1].value, ' ');
		buf_add(&h->v[h->n - 1].value, s, l);
		return true;
	}
	for (c = s; c < s + l && header_name_char(*c); c++)
		;
	if (c == s || c == s + l || *c != ':') {
		perr(p, line, "expected a header line (\"Subject: ...\") or a blank "
		    "line before the body");
		return true;
	}
	if (!header_known(p, h, line, s, c))
		return true;
	h->v[h->n].line = line;
	snprintf(h->v[h->n].name, sizeof(h->v[h->n].name), "%s",
	    c - s == 2 ? "Cc" : "Subject");
	buf_add(&h->v[h->n].value, c + 1, l - (size_t)(c + 1 - s));
	h->n++;
	return true;
}

/* Parse the header values into t: sections must close inside the header. */
static void
header_values(struct parser *p, struct template *t, const struct hdr_block *h)
{
	for (size_t i = 0; i < h->n; i++) {
		struct nodes *dst = strcmp(h->v[i].name, "Cc") == 0 ? &t->cc : &t->subject;
		char where[64];

		if (dst == &t->cc)
			t->has_cc = true;
		p->depth = 0;
		p->stack[0] = dst;
		parse_text(p, h->v[i].line, h->v[i].value.data != NULL ? h->v[i].value.data : "",
		    h->v[i].value.len);
		snprintf(where, sizeof(where), " in the %s header", h->v[i].name);
		close_all(p, where);
	}
}

/* One line of the body; newline: a line end followed it. */
static void
body_line(struct parser *p, int line, const char *s, size_t l, bool newline)
{
	const char *tag;
	size_t taglen;

	if (standalone_tag(s, l, &tag, &taglen)) {
		parse_tag(p, line, tag, taglen);
		return;
	}
	parse_text(p, line, s, l);
	if (newline)
		nodes_add_text(p->stack[p->depth], "\n", 1);
}

/* perr() and true when the whole text is unusable before any line is
 * read (unknown kind, too large, a NUL byte). */
static bool
text_refused(struct parser *p, enum template_kind kind, const char *text, size_t len)
{
	if ((unsigned)kind >= TEMPLATE_NKINDS)
		perr(p, 0, "unknown template kind");
	else if (len > TEMPLATE_MAX_SIZE)
		perr(p, 0, "larger than %d bytes", TEMPLATE_MAX_SIZE);
	else if (memchr(text, '\0', len) != NULL)
		perr(p, 0, "contains a NUL byte");
	else
		return false;
	return true;
}

int
template_parse(const char *name, enum template_kind kind, const char *text, size_t len,
	       struct template **out, struct template_errors *errors)
{
	struct parser p = { .file = name, .kind = kind, .errors = errors };
	size_t first_error = errors->n;
	struct template *t = xcalloc(1, sizeof(*t));
	struct hdr_block h;
	size_t pos = 0;
	int line = 0;
	bool in_headers = true, bytes_ok = true;

	*out = NULL;
	t->kind = kind;
	memset(&h, 0, sizeof(h));
	if (text_refused(&p, kind, text, len))
		goto out;
	p.stack[0] = &t->body;
	while (pos < len) {
		const char *s = text + pos, *nl = memchr(s, '\n', len - pos);
		size_t l = nl != NULL ? (size_t)(nl - s) : len - pos;

		pos += l + (nl != NULL);
		line++;
		if (l > 0 && s[l - 1] == '\r')     /* a CRLF file is fine */
			l--;
		if (!check_line_bytes(&p, line, s, l))
			bytes_ok = false;
		else if (in_headers)
			in_headers = header_line(&p, &h, line, s, l);
		else
			body_line(&p, line, s, l, nl != NULL);
	}
	close_all(&p, "");
	if (in_headers && bytes_ok) {
		perr(&p, line > 0 ? line : 0, "no blank line between the headers and the body");
	} else if (nodes_blank(&t->body) && p.nerrors == 0) {
		perr(&p, line, "the body is empty");
	}
	if (h.subject_line == 0 && bytes_ok)
		perr(&p, 1, "no Subject header");
	header_values(&p, t, &h);
out:
	for (size_t i = 0; i < ARRAY_LEN(h.v); i++)
		buf_free(&h.v[i].value);
	if (p.nerrors > 0) {
		sort_errors(errors, first_error, name);
		template_free(t);
		return -1;
	}
	*out = t;
	return 0;
}

static char *
template_path(const char *dir, enum template_kind kind)
{
	size_t dl = strlen(dir);

	return xasprintf("%s%s%s.tmpl", dir, dl > 0 && dir[dl - 1] == '/' ? "" : "/",
	    template_kind_name(kind));
}

int
template_load(const char *dir, enum template_kind kind, struct template **out,
	      struct template_errors *errors)
{
	char *path = template_path(dir, kind), *text = NULL;
	size_t len = 0;
	int rc = -1;

	*out = NULL;
	if (read_file(path, TEMPLATE_MAX_SIZE + 1, &text, &len) != 0) {
		if (errno == ENOENT) {
			/* Not customised: the default compiled into the program. */
			for (const struct template_builtin *b = template_builtins; b->name; b++)
				if (strcmp(b->name, template_kind_name(kind)) == 0) {
					char *name = xasprintf("(built-in %s.tmpl)", b->name);

					rc = template_parse(name, kind, b->text, strlen(b->text), out, errors);
					free(name);
					goto out;
				}
			add_error(errors, path, " missing (the %s template)", template_kind_name(kind));
		} else
			add_error(errors, path, " cannot read: %s", strerror(errno));
		goto out;
	}
	rc = template_parse(path, kind, text, len, out, errors);
out:
	free(text);
	free(path);
	return rc;
}

int
template_check_dir(const char *dir, struct template_errors *errors)
{
	int rc = 0;

	for (unsigned k = 0; k < TEMPLATE_NKINDS; k++) {
		struct template *t = NULL;

		if (template_load(dir, (enum template_kind)k, &t, errors) != 0)
			rc = -1;
		template_free(t);
	}
	return rc;
}

/* ---- variables ---- */

static struct template_var *
vars_find(const struct template_vars *vars, const char *name)
{
	for (size_t i = 0; i < vars->n; i++)
		if (strcmp(vars->v[i].name, name) == 0)
			return &vars->v[i];
	return NULL;
}

void
template_vars_set(struct template_vars *vars, const char *name, const char *value)
{
	struct template_var *v = vars_find(vars, name);

	if (value == NULL) {
		if (v != NULL) {
			free(v->name);
			free(v->value);
			*v = vars->v[--vars->n];
		}
		return;
	}
	if (v != NULL) {
		free(v->value);
		v->value = xstrdup(value);
		return;
	}
	vars->v = xreallocarray(vars->v, vars->n + 1, sizeof(*vars->v));
	vars->v[vars->n].name = xstrdup(name);
	vars->v[vars->n].value = xstrdup(value);
	vars->n++;
}

const char *
template_vars_get(const struct template_vars *vars, const char *name)
{
	struct template_var *v = vars != NULL ? vars_find(vars, name) : NULL;

	return v != NULL ? v->value : NULL;
}

void
template_vars_set_time(struct template_vars *vars, const char *prefix, time_t t, const char *tz)
{
	char buf[96], *name;

	name = xasprintf("%s.date", prefix);
	template_vars_set(vars, name, when_format_date(t, tz, buf, sizeof(buf)));
	free(name);
	name = xasprintf("%s.weekday", prefix);
	template_vars_set(vars, name, when_format_weekday(t, tz, buf, sizeof(buf)));
	free(name);
	name = xasprintf("%s.time", prefix);
	template_vars_set(vars, name, when_format_time(t, tz, buf, sizeof(buf)));
	free(name);
}

void
template_vars_clear(struct template_vars *vars)
{
	for (size_t i = 0; i < vars->n; i++) {
		free(vars->v[i].name);
		free(vars->v[i].value);
	}
	free(vars->v);
	vars->v = NULL;
	vars->n = 0;
}

/* ---- helpers ---- */

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Does s hold Han, kana or Hangul (U+2E80..U+9FFF, U+AC00..U+D7AF in
 * UTF-8: lead bytes 0xE2 0xBA.. to 0xE9, 0xEA 0xB0.. to 0xED 0x9E)? */
static bool
east_asian(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((p[0] >= 0xe3 && p[0] <= 0xe9 && p[1] >= 0x80) ||
		    (p[0] == 0xe2 && p[1] >= 0xba) ||
		    (p[0] >= 0xea && p[0] <= 0xed && p[1] >= 0x80 && !(p[0] == 0xea && p[1] < 0xb0)))
			return true;
	}
	return false;
}

char *
template_first_name(const char *name)
{
	static const char *const titles[] = { "dr", "dr.", "mr", "mr.", "mrs", "mrs.", "ms",
		"ms.", "mx", "mx.", "prof", "prof.", "sir", "dame", "dra", "dra.", "sr", "sr.", "sra",
		"sra.", "ing", "ing.", "lic", "lic.", "herr", "herrn", "frau", "mme", "mme.", "mlle" };
	const char *s, *comma, *w;
	size_t wl;

	if (name == NULL)
		return NULL;
	/* "陈思 Cici Chen": the name in its script, then the one its bearer
	 * uses in English, given name first (two Latin words or more after
	 * the first space): greeted by that one */
	if (east_asian(name) && !isalpha((unsigned char)name[0])) {
		const char *latin = strchr(name, ' ');

		while (latin != NULL && is_blank(*latin))
			latin++;
		if (latin != NULL && isalpha((unsigned char)*latin) && !east_asian(latin) &&
		    strchr(latin, ' ') != NULL)
			return template_first_name(latin);
	}
	/* "佐藤 春香", "김민준": family name first, so no word of it is the
	 * one to greet by: the whole name */
	if (east_asian(name)) {
		char *whole = xstrdup(name);
		size_t n = strlen(whole);

		while (n > 0 && is_blank(whole[n - 1]))
			whole[--n] = '\0';
		return whole;
	}
	s = name;
	/* "Brooks, Ada" */
	if ((comma = strchr(s, ',')) != NULL && strchr(comma + 1, ',') == NULL)
		s = comma + 1;
	for (;;) {
		while (is_blank(*s) || *s == '"' || *s == '\'')
			s++;
		if (*s == '\0')
			return NULL;
		w = s;
		while (*s != '\0' && !is_blank(*s) && *s != '"' && *s != ',')
			s++;
		wl = (size_t)(s - w);
		bool title = false;
		for (size_t i = 0; i < ARRAY_LEN(titles); i++)
			if (strlen(titles[i]) == wl && strncasecmp(w, titles[i], wl) == 0)
				title = true;
		/* a title alone ("Dr Who" keeps "Who"; "Dr" alone stays) */
		if (title) {
			const char *rest = s;

			while (is_blank(*rest) || *rest == '"')
				rest++;
			if (*rest != '\0' && *rest != ',')
				continue;
		}
		/* an initial or a shortened name before the name ("R.
		 * Venkatesh", as South India writes the father's or the
		 * village's name first; "Ma. Cristina", Maria): greeted by the
		 * name after it */
		if ((wl == 1 || (wl <= 4 && w[wl - 1] == '.')) && isupper((unsigned char)w[0])) {
			const char *rest = s;

			while (is_blank(*rest) || *rest == '"')
				rest++;
			if (*rest != '\0' && *rest != ',')
				continue;
		}
		/* an address is no name */
		if (memchr(w, '@', wl) != NULL || memchr(w, '<', wl) != NULL)
			return NULL;
		return xstrndup(w, wl);
	}
}

char *
template_given_name(const char *name, const char *email)
{
	char *first = template_first_name(name);
	const char *w;
	size_t local, fl, words = 0, got = 0;

	if (first == NULL || email == NULL || strchr(email, '@') == NULL ||
	    (w = strstr(name, first)) == NULL)
		return first;
	/* the address's first part: "meiling" of "meiling.goh" */
	local = strcspn(email, "._-+@");
	fl = strlen(first);
	if (local <= fl || local > 40)
		return first;
	/* the name's words from the first on, blanks left out, while they
	 * spell that part: two words or more, never the whole name */
	for (const char *p = w; *p != '\0' && got < local;) {
		size_t n = strcspn(p, " \t,\"");

		if (n == 0 || got + n > local || strncasecmp(p, email + got, n) != 0)
			break;
		got += n;
		words++;
		p += n;
		while (is_blank(*p))
			p++;
		if (got == local && words >= 2 && *p != '\0') {
			char *given = xstrndup(w, (size_t)(p - w));
			size_t gl = strlen(given);

			while (gl > 0 && is_blank(given[gl - 1]))
				given[--gl] = '\0';
			free(first);
			return given;
		}
	}
	return first;
}

char *
template_join_names(const char *const *names, size_t n)
{
	struct buf b = { 0 };
	size_t total = 0, done = 0;

	for (size_t i = 0; i < n; i++)
		if (names[i] != NULL && names[i][0] != '\0')
			total++;
	if (total == 0)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		if (names[i] == NULL || names[i][0] == '\0')
			continue;
		if (done > 0)
			buf_adds(&b, done == total - 1 ? " and " : ", ");
		buf_adds(&b, names[i]);
		done++;
	}
	return buf_steal(&b);
}

const char *
template_ordinal(int n, char *buf, size_t len)
{
	static const char *const words[] = { "first", "second", "third", "fourth", "fifth",
		"sixth", "seventh", "eighth", "ninth", "tenth" };
	const char *suffix = "th";

	if (n >= 1 && n <= 10)
		return words[n - 1];
	if (n % 100 < 11 || n % 100 > 13) {
		if (n % 10 == 1)
			suffix = "st";
		else if (n % 10 == 2)
			suffix = "nd";
		else if (n % 10 == 3)
			suffix = "rd";
	}
	snprintf(buf, len, "%d%s", n, suffix);
	return buf;
}

/* ---- rendering ---- */

/* The value of name, deriving X.first_name from X.name. */
static const char *
lookup(const struct template_vars *vars, const char *name, char **derived)
{
	const char *v = template_vars_get(vars, name);

	*derived = NULL;
	if (v == NULL && str_has_suffix(name, ".first_name")) {
		size_t pl = strlen(name) - strlen(".first_name");
		char *full = xasprintf("%.*s.name", (int)pl, name);
		char *email = xasprintf("%.*s.email", (int)pl, name);

		*derived = template_given_name(template_vars_get(vars, full),
		    template_vars_get(vars, email));
		free(full);
		free(email);
		v = *derived;
	}
	return v;
}

static bool
has_value(const char *v)
{
	if (v == NULL)
		return false;
	for (; *v != '\0'; v++)
		if (!is_blank(*v))
			return true;
	return false;
}

/* Append a value: trimmed, line ends made LF, control characters but tab
 * and LF dropped, invalid UTF-8 replaced by U+FFFD. */
static void
add_value(struct buf *out, const char *v)
{
	const unsigned char *s = (const unsigned char *)v, *e;

	while (is_blank((char)*s))
		s++;
	e = s + strlen((const char *)s);
	while (e > s && is_blank((char)e[-1]))
		e--;
	while (s < e) {
		unsigned char c = *s;
		size_t n;

		if (c == '\r') {
			buf_addc(out, '\n');
			s += (s + 1 < e && s[1] == '\n') ? 2 : 1;
			continue;
		}
		if (c < 0x80) {
			if (c >= 0x20 || c == '\t' || c == '\n')
				if (c != 0x7f)
					buf_addc(out, (char)c);
			s++;
			continue;
		}
		n = utf8_seq(s, (size_t)(e - s));
		/* C1 controls (U+0080..U+009F) are control characters too */
		if (n == 2 && c == 0xc2 && s[1] < 0xa0) {
			s += n;
			continue;
		}
		if (n == 0) {
			buf_adds(out, "\xef\xbf\xbd");
			s++;
			continue;
		}
		buf_add(out, s, n);
		s += n;
	}
}

/*
 * A value inside the Cc header may not add a recipient: an "X.email"
 * value is used only when it is one plain address, and in every other
 * value the characters that build address lists become spaces.
 */
static void
add_cc_value(struct buf *out, const char *name, const char *v)
{
	struct buf tmp = { 0 };

	add_value(&tmp, v);
	buf_adds(&tmp, "");
	if (str_has_suffix(name, ".email")) {
		const char *at = strchr(tmp.data, '@');
		bool ok = at != NULL && at != tmp.data && at[1] != '\0' &&
		    strchr(at + 1, '@') == NULL;

		for (const char *c = tmp.data; ok && *c != '\0'; c++)
			if ((unsigned char)*c <= ' ' || (unsigned char)*c >= 0x7f ||
			    strchr(",;:<>\"()[]\\", *c) != NULL)
				ok = false;
		if (ok)
			buf_adds(out, tmp.data);
	} else {
		for (char *c = tmp.data; *c != '\0'; c++)
			if (strchr(",;:<>\"()[]\\@", *c) != NULL)
				*c = ' ';
		buf_adds(out, tmp.data);
	}
	buf_free(&tmp);
}

static void
render_nodes(const struct nodes *ns, const struct template_vars *vars, bool cc,
	     struct buf *out)
{
	for (size_t i = 0; i < ns->n; i++) {
		const struct node *n = &ns->v[i];
		char *derived;
		const char *v;

		switch (n->type) {
		case N_TEXT:
			buf_adds(out, n->text);
			break;
		case N_VAR:
			v = lookup(vars, n->text, &derived);
			if (has_value(v) && cc)
				add_cc_value(out, n->text, v);
			else if (has_value(v))
				add_value(out, v);
			else if (n->fallback != NULL)
				buf_adds(out, n->fallback);
			free(derived);
			break;
		case N_SECTION:
			v = lookup(vars, n->text, &derived);
			if (has_value(v) != n->inverted)
				render_nodes(&n->children, vars, cc, out);
			free(derived);
			break;
		}
	}
}

/* A header value: every control character and run of white space becomes
 * one space, trimmed. */
static char *
header_text(const char *s)
{
	struct buf b = { 0 };
	bool space = false;

	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c < 0x20 || c == 0x7f || c == ' ') {
			space = true;
			continue;
		}
		if (space && b.len > 0)
			buf_addc(&b, ' ');
		space = false;
		buf_addc(&b, (char)c);
	}
	if (b.data == NULL)
		buf_adds(&b, "");
	return buf_steal(&b);
}

/* Tidy the body: no trailing blanks (but "-- "), at most one blank line in
 * a row, none at the start, exactly one LF at the end. */
static char *
tidy_body(const char *s)
{
	struct buf b = { 0 };
	int blank_run = 0;
	bool started = false;

	while (*s != '\0') {
		const char *nl = strchr(s, '\n');
		size_t l = nl != NULL ? (size_t)(nl - s) : strlen(s);
		bool sigsep = l == 3 && memcmp(s, "-- ", 3) == 0;

		if (!sigsep)
			while (l > 0 && (s[l - 1] == ' ' || s[l - 1] == '\t'))
				l--;
		if (l == 0) {
			blank_run++;
		} else {
			if (started && blank_run > 0)
				buf_addc(&b, '\n');
			buf_add(&b, s, l);
			buf_addc(&b, '\n');
			started = true;
			blank_run = 0;
		}
		s = nl != NULL ? nl + 1 : s + l + strlen(s + l);
	}
	if (b.data == NULL)
		buf_adds(&b, "");
	return buf_steal(&b);
}

int
template_render(const struct template *t, const struct template_vars *vars,
		char **subject, char **cc, char **body, char **err)
{
	static const struct template_vars none = { 0 };
	struct buf sb = { 0 }, cb = { 0 }, bb = { 0 };
	char *s = NULL, *c = NULL;
	int rc = -1;

	*subject = *cc = *body = NULL;
	*err = NULL;
	if (vars == NULL)
		vars = &none;
	render_nodes(&t->subject, vars, false, &sb);
	s = header_text(sb.data != NULL ? sb.data : "");
	if (s[0] == '\0') {
		*err = xstrdup("the subject is empty after rendering");
		goto out;
	}
	if (t->has_cc) {
		render_nodes(&t->cc, vars, true, &cb);
		c = header_text(cb.data != NULL ? cb.data : "");
		if (c[0] == '\0') {
			free(c);
			c = NULL;
		}
	}
	render_nodes(&t->body, vars, false, &bb);
	*body = tidy_body(bb.data != NULL ? bb.data : "");
	if ((*body)[0] == '\0') {
		/* Every line of it was conditional, and none held. */
		free(*body);
		*body = NULL;
		*err = xstrdup("the body is empty after rendering");
		goto out;
	}
	*subject = s;
	*cc = c;
	s = c = NULL;
	rc = 0;
out:
	free(s);
	free(c);
	buf_free(&sb);
	buf_free(&cb);
	buf_free(&bb);
	return rc;
}
