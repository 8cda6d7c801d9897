/*
 * detect_kind: the signals the kind decision is made of (see struct
 * signals in detect_int.h) and the classifier, an ordered table of rules.
 */
#include "autoconfig.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "detect_int.h"
#include "ics.h"
#include "lexicon.h"
#include "message.h"
#include "parties.h"
#include "util.h"

bool mentions_references(const char *low)
{
	size_t i, k;
	int budget = 64;

	for (i = 0; i < lex_reference_yes.n; i++) {
		const char *p = low;

		while ((p = find_phrase(p, lex_reference_yes.w[i])) != NULL && budget-- > 0) {
			/* the words around it decide: "for your reference" is not one */
			size_t back = (size_t)(p - low) > 25 ? 25 : (size_t)(p - low);
			char *win = xstrndup(p - back, back + strlen(lex_reference_yes.w[i]) + 20);
			bool bad = false;

			for (k = 0; k < lex_reference_no.n && !bad; k++) {
				const char *q = strstr(win, lex_reference_no.w[k]);

				/* a "no" phrase that overlaps the hit */
				if (q != NULL && (size_t)(q - win) <= back + 1 &&
				    (size_t)(q - win) + strlen(lex_reference_no.w[k]) >= back)
					bad = true;
			}
			free(win);
			if (!bad)
				return true;
			p += strlen(lex_reference_yes.w[i]);
		}
	}
	return false;
}

/* An offer phrase not hedged by "before", "if", "whether" ("the last
 * step before we make you an offer" is an interview, not an offer). */
bool offer_said(const char *plain)
{
	size_t i;

	for (i = 0; i < lex_offer_phrases.n; i++) {
		const char *p = plain;
		int budget = 16;

		while ((p = find_phrase(p, lex_offer_phrases.w[i])) != NULL && budget-- > 0) {
			size_t back = (size_t)(p - plain) > 40 ? 40 : (size_t)(p - plain);
			char *win = xstrndup(p - back, back);
			bool hedged = find_phrase(win, "before") || find_phrase(win, "if") ||
			    find_phrase(win, "whether") || find_phrase(win, "unable") ||
			    find_phrase(win, "not able") || find_phrase(win, "cannot") ||
			    find_phrase(win, "can't") || find_phrase(win, "won't") || find_phrase(win, "not");

			free(win);
			if (!hedged)
				return true;
			p += strlen(lex_offer_phrases.w[i]);
		}
	}
	return false;
}

bool decision_promised(const struct ctx *c)
{
	char d[16];

	return decision_by(c, &c->ref_tm, d, sizeof(d));
}

bool sender_ignored(const struct ctx *c)
{
	size_t i, k;

	for (i = 0; i < c->o->n_ignore_senders; i++) {
		const char *pat = c->o->ignore_senders[i];

		if (pat == NULL || *pat == '\0')
			continue;
		for (k = 0; k < c->m->from.n; k++) {
			const char *e = c->m->from.v[k].email;
			const char *dom = email_domain(e);

			if (strchr(pat, '@') != NULL && pat[0] != '@') {
				if (strcasecmp(pat, e) == 0)
					return true;
			} else {
				const char *d = pat[0] == '@' ? pat + 1 : pat;

				if (parties_domain_in(dom, &d, 1))
					return true;
			}
		}
	}
	return false;
}

bool has_keyword(const struct ctx *c, const char *low)
{
	size_t i;

	if (FIND_ANY(low, lex_interview_words) != NULL)
		return true;
	for (i = 0; i < lex_interview_stems.n; i++) {
		const char *p = strstr(low, lex_interview_stems.w[i]);

		if (p != NULL && (p == low || !isalpha((unsigned char)p[-1])))
			return true;
	}
	for (i = 0; i < c->o->n_keywords; i++) {
		char *k = lower_dup(c->o->keywords[i]);
		bool hit = *k != '\0' && find_phrase(low, k) != NULL;

		free(k);
		if (hit)
			return true;
	}
	return false;
}
