/* notes: who may read which line of the user's notes (see notes.h). */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "notes.h"
#include "template.h"
#include "util.h"

/* Longest "Name" before the colon that can address someone. */
#define NOTES_NAME_MAX 80

static bool
same(const char *word, size_t len, const char *s)
{
	return s != NULL && strlen(s) == len && strncasecmp(word, s, len) == 0;
}

/* Does word[0..len) name people[i]: first name, full name or address? */
static bool
names(const char *word, size_t len, const struct notes_person *p)
{
	char *first;
	bool hit;

	if (same(word, len, p->email) || same(word, len, p->name))
		return true;
	first = p->name ? template_first_name(p->name) : NULL;
	hit = same(word, len, first);
	free(first);
	return hit;
}

/* The same person twice (an interviewer who is also the contact) is one. */
static bool
same_person(const struct notes_person *a, const struct notes_person *b)
{
	if (a->email && b->email)
		return strcasecmp(a->email, b->email) == 0;
	return a->email == NULL && b->email == NULL && a->name && b->name &&
	    strcasecmp(a->name, b->name) == 0;
}

static void
add_line(struct notes *out, enum notes_to to, size_t who, const char *text, const char *line)
{
	struct notes_line *l;

	out->v = xreallocarray(out->v, out->n + 1, sizeof(*out->v));
	l = &out->v[out->n++];
	l->to = to;
	l->person = who;
	l->text = xstrdup(text);
	l->line = xstrdup(line);
}

/* The audience of one trimmed, non-blank line. */
static void
classify(struct notes *out, const char *line, const struct notes_person *people, size_t np)
{
	const char *start = line, *colon;
	size_t len, hits = 0, who = 0;

	/* A list marker before the name: "- Ada: ...", "* Ada: ..." */
	if ((start[0] == '-' || start[0] == '*') && start[1] == ' ')
		start += 2;
	colon = strchr(start, ':');
	if (colon == NULL || colon == start || (size_t)(colon - start) > NOTES_NAME_MAX ||
	    colon[1] == '/') {          /* "https://..." is no addressee */
		add_line(out, NOTES_PRIVATE, 0, line, line);
		return;
	}
	len = (size_t)(colon - start);
	while (len && (start[len - 1] == ' ' || start[len - 1] == '\t'))
		len--;
	{
		char *text = xstrdup(colon + 1);
		const char *words = str_trim(text);

		if (*words == '\0') {
			add_line(out, NOTES_PRIVATE, 0, line, line);
		} else if (same(start, len, "all") || same(start, len, "everyone")) {
			add_line(out, NOTES_ALL, 0, words, line);
		} else {
			for (size_t i = 0; i < np; i++) {
				if (!names(start, len, &people[i]))
					continue;
				if (hits == 0) {
					who = i;
					hits = 1;
				} else if (!same_person(&people[who], &people[i]))
					hits++;
			}
			if (hits == 1)
				add_line(out, NOTES_ONE, who, words, line);
			else
				add_line(out, hits ? NOTES_AMBIGUOUS : NOTES_PRIVATE, 0, line, line);
		}
		free(text);
	}
}

void
notes_parse(const char *const *texts, size_t ntexts, const struct notes_person *people,
		size_t npeople, struct notes *out)
{
	for (size_t i = 0; i < ntexts; i++) {
		char *copy, *save = NULL;

		if (texts[i] == NULL)
			continue;
		copy = xstrdup(texts[i]);
		for (char *l = strtok_r(copy, "\r\n", &save); l; l = strtok_r(NULL, "\r\n", &save)) {
			l = str_trim(l);
			if (*l != '\0')
				classify(out, l, people, npeople);
		}
		free(copy);
	}
}

char *
notes_join(const struct notes *n, enum notes_to to, size_t who, const char *sep)
{
	struct buf b = { 0 };

	for (size_t i = 0; i < n->n; i++) {
		const struct notes_line *l = &n->v[i];

		if (to != NOTES_PRIVATE &&
		    (l->to != to || (to == NOTES_ONE && l->person != who)))
			continue;
		if (b.len)
			buf_adds(&b, sep);
		buf_adds(&b, to == NOTES_PRIVATE ? l->line : l->text);
	}
	return b.len ? buf_steal(&b) : (buf_free(&b), NULL);
}

size_t
notes_count(const struct notes *n, enum notes_to to)
{
	size_t c = 0;

	for (size_t i = 0; i < n->n; i++)
		c += n->v[i].to == to;
	return c;
}

char *
notes_summary(const struct notes *n, const struct notes_person *people, size_t npeople)
{
	struct buf b = { 0 };
	size_t c;

	for (size_t p = 0; p < npeople; p++) {
		bool seen = false;

		for (size_t k = 0; k < p && !seen; k++)
			seen = same_person(&people[k], &people[p]);
		c = 0;
		for (size_t i = 0; i < n->n; i++)
			c += n->v[i].to == NOTES_ONE && (n->v[i].person == p ||
			    same_person(&people[n->v[i].person], &people[p]));
		if (seen || c == 0)
			continue;
		buf_addf(&b, "%s%zu line%s for %s", b.len ? ", " : "", c, c == 1 ? "" : "s",
		    people[p].name ? people[p].name : people[p].email);
	}
	if ((c = notes_count(n, NOTES_ALL)))
		buf_addf(&b, "%s%zu for all interviewers", b.len ? ", " : "", c);
	if ((c = notes_count(n, NOTES_AMBIGUOUS)))
		buf_addf(&b, "%s%zu kept private because the name fits several people", b.len ? ", " : "", c);
	c = notes_count(n, NOTES_PRIVATE);
	buf_addf(&b, "%s%zu private", b.len ? ", " : "", c);
	return buf_steal(&b);
}

void
notes_free(struct notes *n)
{
	for (size_t i = 0; i < n->n; i++) {
		free(n->v[i].text);
		free(n->v[i].line);
	}
	free(n->v);
	n->v = NULL;
	n->n = 0;
}
