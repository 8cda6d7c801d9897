/*
 * template: the mail templates (templates_dir/KIND.tmpl) and their rendering.
 *
 * A template file is a few header lines, a blank line, and the body:
 *
 *     Subject: Thank you, {{interviewer.first_name|for today}}
 *     Cc: {{contact.email}}
 *
 *     Hi {{interviewer.first_name|there}},
 *     {{#notes}}
 *     I keep thinking about {{notes}}.
 *     {{/notes}}
 *
 * Headers: `Subject:` (required) and `Cc:` (optional), each at most once;
 * a line starting with a space or tab continues the previous header.
 * Tags, each on one line:
 *   {{name}}            the value (nothing when it has none)
 *   {{name|text}}       the value, or the literal text when it has none
 *   {{#name}}...{{/name}}  shown only when name has a non-blank value
 *   {{^name}}...{{/name}}  shown only when it has none
 *   {{! comment }}      dropped
 * A line holding only a section or comment tag (and blanks) disappears
 * with its line end, so sections can sit on lines of their own.  Names are
 * lower-case words joined by dots; which names a kind knows is one table
 * in template.c (see template_variable_name()).
 *
 * Loading collects every problem as a complete line "FILE:LINE: what is
 * wrong" (or "FILE: what is wrong" when no line applies), in file order,
 * so `followupd -n` can print them all.
 *
 * Rendering never lets a value make a header: in Subject and Cc every CR,
 * LF, tab or other control character of the rendered text becomes a space
 * (runs of white space collapse to one).  Nor can a value add a
 * recipient: inside Cc an "X.email" value is used only when it is one
 * plain address (else it renders as nothing), and other values have the
 * address-list characters , ; : < > " ( ) [ ] \ @ turned into spaces, so
 * only the template's own text and .email values make addresses.
 * In the body a value keeps its
 * text, with CR LF and lone CR turned into LF, other control characters
 * (but tab) dropped, invalid UTF-8 replaced by U+FFFD, and surrounding
 * white space trimmed.  The rendered body uses LF line ends (compose makes
 * them CRLF); trailing blanks are removed from every line but a "-- "
 * signature separator, runs of blank lines left by vanished sections
 * collapse to one, and the body ends with exactly one LF.
 */
#ifndef FOLLOWUPD_TEMPLATE_H
#define FOLLOWUPD_TEMPLATE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

enum template_kind {
	TEMPLATE_THANK_YOU = 0,       /* to one interviewer */
	TEMPLATE_THANK_YOU_CONTACT,   /* to the contact, for interviewers without an address */
	TEMPLATE_REFERENCE_WARNING,   /* to one reference */
	TEMPLATE_STATUS_NUDGE,        /* to the contact, replying into their thread */
	TEMPLATE_REFLECTION,          /* to the user */
	TEMPLATE_FEEDBACK_REQUEST,    /* to the contact, after a rejection */
	TEMPLATE_NKINDS
};

/* "thank_you", "thank_you_contact", ...; the file is NAME.tmpl. */
const char *template_kind_name(enum template_kind kind);
/* 0 with *kind set, or -1 for an unknown name. */
int template_kind_from_name(const char *name, enum template_kind *kind);

/*
 * The variables a kind knows, i = 0, 1, ... until NULL is returned (names
 * such as "interviewer.first_name").  template_variable_known() is the
 * same table as a test.
 */
const char *template_variable_name(enum template_kind kind, size_t i);
bool template_variable_known(enum template_kind kind, const char *name);

/* Problems found while loading: v[0..n-1], complete lines without "\n".
 * A zeroed struct is empty; clear with template_errors_clear(). */
struct template_errors {
	char **v;
	size_t n;
};
void template_errors_clear(struct template_errors *errors);

struct template;   /* opaque */

/* The default templates, compiled in from the templates directory (made by
 * src/mail/embed-templates.sh); the list ends with { NULL, NULL }. */
struct template_builtin {
	const char *name;             /* "thank_you" */
	const char *text;
};
extern const struct template_builtin template_builtins[];

/*
 * Read DIR/KIND.tmpl; when that file does not exist, the default template
 * compiled into the program is used (so a templates_dir holds only the
 * templates the user changed).  Returns 0 with *out set (free with
 * template_free), or -1 with every problem appended to *errors (which may
 * already hold messages from other files).
 */
int template_load(const char *dir, enum template_kind kind, struct template **out,
		  struct template_errors *errors);

/* The same from text in memory; name is what error lines start with. */
int template_parse(const char *name, enum template_kind kind, const char *text,
		   size_t len, struct template **out, struct template_errors *errors);

/* Load every kind's file in dir; 0 if all are fine, else -1 with every
 * problem of every file appended to *errors. */
int template_check_dir(const char *dir, struct template_errors *errors);

void template_free(struct template *t);
enum template_kind template_kind(const struct template *t);

/*
 * Values for rendering: a name -> UTF-8 text lookup that owns copies of
 * what is set.  A zeroed struct is empty.  A name without a value (never
 * set, or set to NULL) is missing.  "X.first_name" that is missing while
 * "X.name" has a value is derived with template_first_name().
 */
struct template_var {
	char *name;
	char *value;
};
struct template_vars {
	struct template_var *v;
	size_t n;
};
/* Set (copying both) or, with value NULL, remove a variable. */
void template_vars_set(struct template_vars *vars, const char *name, const char *value);
/* The value or NULL; the pointer lives until the next set or clear. */
const char *template_vars_get(const struct template_vars *vars, const char *name);
/* Set PREFIX.date ("Wednesday 9 June 2027"), PREFIX.weekday and
 * PREFIX.time ("10:30 BST") for t in the zone tz (when.h). */
void template_vars_set_time(struct template_vars *vars, const char *prefix, time_t t,
			    const char *tz);
void template_vars_clear(struct template_vars *vars);

/*
 * Render t with vars.  Returns 0 with *subject (never empty), *cc (NULL
 * when the template has no Cc or it renders empty; an address list to
 * give to compose_parse_addresses()) and *body (never empty) set, all
 * owned by the caller; or -1 with *err (caller frees) when the subject
 * or the body renders empty.  Outputs are unset on failure.
 */
int template_render(const struct template *t, const struct template_vars *vars,
		    char **subject, char **cc, char **body, char **err);

/* Helpers for filling the variables; each returns a new string. */
/* "Dr. Ada Brooks" -> "Ada", "Brooks, Ada" -> "Ada", "佐藤 春香" (family name
 * first) -> the whole name; NULL for NULL, an empty name or an e-mail
 * address. */
char *template_first_name(const char *name);
/* The same, told by the address when it spells the given name whole:
 * "Mei Ling Goh" <meiling.goh@...> -> "Mei Ling", "Mary Ann Smith"
 * <maryann.smith@...> -> "Mary Ann"; otherwise template_first_name(name). */
char *template_given_name(const char *name, const char *email);
/* "Ada", "Ada and Ben", "Ada, Ben and Chloe"; NULL entries and empty names
 * are skipped; NULL when nothing is left. */
char *template_join_names(const char *const *names, size_t n);
/* "first", "second", ... "tenth", then "11th", "12th", "21st"...;
 * static storage for 1..10, else written into buf. */
const char *template_ordinal(int n, char *buf, size_t len);

#endif
