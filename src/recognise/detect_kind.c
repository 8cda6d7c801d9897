/*
 * detect_kind: the kind of a mail, decided in two steps.
 *
 *   1. signals_gather() reads the mail once into a struct signals: plain
 *      facts (list headers, a calendar method, a keyword, a human sender,
 *      wording of a rejection...), each computed by a small function
 *      here or in the topic it belongs to;
 *   2. detect_classify() walks detect_kind_rules, an ordered table of
 *      {name, test, kind, reason}: the first rule whose test holds decides
 *      the kind, and the detection records the rule's name and reason.
 *
 * The rules read only the signals, so each is tested alone with a struct
 * signals built by hand (tests/unit/test_classify.c).  The order is the
 * policy: the user's own and ignored senders first, then calendar
 * replies, bulk mail and alerts, then rejections and offers, calendar
 * invites, interviews in prose, replies, and "other" last.
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
#include "utf8.h"
#include "util.h"

bool mentions_references(const char *low)
{
	size_t i, k;
	int budget = 64;
	struct lex_hits hits;
	bool asks = false;

	lex_hits_find(&hits, low, &lex_reference_yes);
	for (i = 0; i < lex_reference_yes.n && !asks; i++) {
		const char *p = low;

		while ((p = lex_hits_next(&hits, i, p, true)) != NULL && budget-- > 0) {
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
			if (!bad) {
				asks = true;
				break;
			}
			p += strlen(lex_reference_yes.w[i]);
		}
	}
	lex_hits_free(&hits);
	return asks;
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
			bool hedged = FIND_ANY(win, lex_offer_hedges) != NULL;

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

/* Is the stem w one of lex_interview_stems_general? */
static bool general_stem(const char *w)
{
	for (size_t i = 0; i < lex_interview_stems_general.n; i++)
		if (strcmp(w, lex_interview_stems_general.w[i]) == 0)
			return true;
	return false;
}

/* has_keyword, the stems of any first meeting left out unless general. */
/* "On-site" before a noun that names no meeting is where something is,
 * not an interview: "on-site contractors", "an on-site role", "on-site
 * parking". */
static bool onsite_adjective(const char *p)
{
	static const char *const nouns[] = { "contractor", "contractors", "staff", "parking",
		"work", "working", "support", "presence", "role", "position", "job", "jobs",
		"office", "services", "service", "training", "facilities", "facility", "employees",
		"employee", "personnel", "safety", "requirement", "requirements", "clinic", "gym",
		"cafeteria", "childcare", "amenities", "team", "teams", "operations", "attendance",
		"and", "or" };
	size_t n = str_has_prefix(p, "onsite") ? 6 : str_has_prefix(p, "on-site") ? 7 : 0;
	const char *w;

	if (n == 0 || p[n] != ' ')
		return false;
	w = p + n + 1;
	for (size_t i = 0; i < ARRAY_LEN(nouns); i++) {
		size_t l = strlen(nouns[i]);

		if (strncmp(w, nouns[i], l) == 0 && !isalpha((unsigned char)w[l]))
			return true;
	}
	return false;
}

/* Is the word at p in a sentence of low that puts the interview at a
 * later stage ("may be invited to an interview at a later date")? */
static bool later_stage_at(const char *low, const char *p)
{
	return sentence_has(low, (size_t)(p - low), &lex_later_stage);
}

static bool keyword_in(const struct ctx *c, const char *low, bool general)
{
	const char *p = FIND_ANY(low, lex_interview_words);
	int tries = 16;
	size_t i;

	for (; p != NULL && tries-- > 0; p = FIND_ANY(p + 1, lex_interview_words)) {
		if (!onsite_adjective(p) && !later_stage_at(low, p))
			return true;
	}
	for (i = 0; i < lex_interview_stems.n; i++) {
		p = strstr(low, lex_interview_stems.w[i]);
		if (p != NULL && (p == low || !isalpha((unsigned char)p[-1])) &&
		    (general || !general_stem(lex_interview_stems.w[i])) && !later_stage_at(low, p))
			return true;
	}
	for (i = 0; i < c->o->n_keywords; i++) {
		char *k = lower_dup(c->o->keywords[i]);
		const char *at = *k != '\0' ? find_phrase(low, k) : NULL;
		bool hit = at != NULL && !later_stage_at(low, at);

		free(k);
		if (hit)
			return true;
	}
	return false;
}

bool has_keyword(const struct ctx *c, const char *low)
{
	return keyword_in(c, low, true);
}

/* ---- concepts: parts of an idea that meet in one sentence ---- */

/* The earliest place in s where a stem of l starts a word, or NULL. */
static const char *stem_first(const char *s, const struct lexicon *l)
{
	const char *first = NULL;

	for (size_t i = 0; i < l->n; i++) {
		const char *p = s;

		while ((p = strstr(p, l->w[i])) != NULL && (first == NULL || p < first)) {
			if (p == s || !is_word_byte((unsigned char)p[-1])) {
				first = p;
				break;
			}
			p += strlen(l->w[i]);
		}
	}
	return first;
}

/* Does a stem of l start a word of s? */
static bool stem_in(const char *s, const struct lexicon *l)
{
	return stem_first(s, l) != NULL;
}

/* Calls fn on the sentence around each place a word of l stands in low
 * (whole words, or word starts with stems), with the byte that ends it
 * and where it starts in low, until fn holds.  Only the sentences that hold a part of an idea are
 * read; offsets come from sentence_of, and *budget bounds the work on
 * hostile text that repeats a word. */
static bool hit_sentences(const char *low, const struct lexicon *l, bool stems,
    bool (*fn)(const char *sent, char end, size_t at, void *arg), void *arg, int *budget)
{
	struct lex_hits hits;
	bool found = false;

	if (*budget <= 0)
		return false;
	lex_hits_find(&hits, low, l);
	for (size_t k = 0; k < l->n && !found; k++) {
		const char *p = low, *w = l->w[k];

		while ((p = lex_hits_next(&hits, k, p, !stems)) != NULL && *budget > 0) {
			size_t s, e;
			char *sent;
			bool hit;

			if (stems && p > low && is_word_byte((unsigned char)p[-1])) {
				p += strlen(w);
				continue;
			}
			(*budget)--;
			sentence_of(low, (size_t)(p - low), &s, &e);
			sent = xstrndup(low + s, e - s);
			hit = fn(sent, low[e], s, arg);
			free(sent);
			if (hit) {
				found = true;
				break;
			}
			p = low + (e > (size_t)(p - low) ? e : (size_t)(p - low) + strlen(w));
		}
	}
	lex_hits_free(&hits);
	return found;
}

/* A sentence with a final round's phrase not denied in the few words
 * before it ("so it's not the last step", "nicht die letzte Runde"). */
static bool final_sentence(const char *sent, char end, size_t at, void *arg)
{
	static const char *const negations[] = { "not ", "n't ", "nicht ", "kein", "pas ", "no ",
		"niet ", "geen ", "n\xc3\xa3o " };
	/* a final round that comes only if this one goes well ("After the
	 * second interview, if successful, the final interview ... will be
	 * held in Tokyo"): a later one */
	static const char *const conditions[] = { "if successful", "if you are successful",
		"if you're successful", "should you be successful", "if you progress",
		"if all goes well", "bei erfolg", "en cas de succ\xc3\xa8s", "si tiene \xc3\xa9xito",
		"caso seja aprovad", "bij succes" };
	const char *p = FIND_ANY(sent, lex_final_phrases);
	size_t back;
	char *before;
	bool denied = false;

	(void)end;
	(void)at;
	(void)arg;
	if (p == NULL)
		return false;
	back = (size_t)(p - sent) < 16 ? (size_t)(p - sent) : 16;
	before = xstrndup(p - back, back);
	for (size_t k = 0; k < ARRAY_LEN(negations) && !denied; k++)
		denied = strstr(before, negations[k]) != NULL;
	free(before);
	for (size_t k = 0; k < ARRAY_LEN(conditions) && !denied; k++)
		denied = strstr(sent, conditions[k]) != NULL;
	return !denied;
}

bool final_said(const char *plain)
{
	int budget = 16;

	return hit_sentences(plain, &lex_final_phrases, false, final_sentence, NULL, &budget);
}

/* A negation and, within the few words after it, a verb of going on
 * ("we will not be moving forward", "nous ne donnerons pas suite",
 * "niet verder gaan").  Not an order at the sentence's start ("Don't
 * forget to continue ..."). */
static bool not_going_on(const char *sent)
{
	for (size_t i = 0; i < lex_rej_negations.n; i++) {
		const char *w = lex_rej_negations.w[i], *p = sent;
		int budget = 8;

		while ((p = find_phrase(p, w)) != NULL && budget-- > 0) {
			size_t at = (size_t)(p - sent), lead = strspn(sent, " \t\r\n-*>\"");
			size_t len = strlen(w), rest = strlen(p + len);
			char *win = xstrndup(p + len, rest > 60 ? 60 : rest);
			bool hit = at > lead && stem_in(win, &lex_rej_proceed);

			free(win);
			if (hit)
				return true;
			p += len;
		}
	}
	return false;
}

/* In a thread: In-Reply-To, References, "Re:" and its translations. */
bool reply_like(const struct message *m)
{
	size_t i;

	if (m->in_reply_to != NULL || m->nreferences > 0)
		return true;
	for (i = 0; i < lex_reply_prefixes.n; i++) {
		if (str_case_has_prefix(m->subject, lex_reply_prefixes.w[i]))
			return true;
	}
	return false;
}

/* What rejection_said reads in: the text, and whether the sentence that
 * said no named a job ("the founding engineer spot", "the role"). */
struct rej_read {
	const char *low;
	bool job;
	bool answered;      /* a person's reply in the user's thread: "they"
	                     * are the panel the writer speaks for */
};

/* An "other" word and, within the words after it, who or what was
 * chosen, in any inflection: "another candidate", "z inną osobą", "en
 * annan kandidat", "gone another way", "a different direction". */
static bool other_one(const char *sent)
{
	for (size_t i = 0; i < lex_other_words.n; i++) {
		const char *p = sent, *w = lex_other_words.w[i];
		int budget = 8;

		while ((p = strstr(p, w)) != NULL && budget-- > 0) {
			const char *q = p;
			int words = 0;
			bool hit = false;

			if (p == sent || !is_word_byte((unsigned char)p[-1])) {
				char *win;

				while (*q && is_word_byte((unsigned char)*q))
					q++;   /* the rest of the "other" word */
				p = q;
				while (*q && words < 3) {
					while (*q == ' ' || *q == ',')
						q++;
					while (*q && is_word_byte((unsigned char)*q))
						q++;
					words++;
				}
				win = xstrndup(p, (size_t)(q - p));
				hit = stem_in(win, &lex_other_chosen);
				free(win);
				if (hit)
					return true;
				continue;
			}
			p += strlen(w);
		}
	}
	return false;
}

/* The sentence before the one at low[at..] names a chooser on the
 * company's side ("The interview team met on Monday."). */
static bool company_before(const char *low, size_t at)
{
	size_t p = at, s, e;
	char *prev;
	bool hit;

	while (p > 0 && strchr(" \t\n.!?", low[p - 1]) != NULL)
		p--;
	if (p == 0)
		return false;
	sentence_of(low, p - 1, &s, &e);
	prev = xstrndup(low + s, e - s);
	hit = FIND_ANY(prev, lex_company_side) != NULL && FIND_ANY(prev, lex_writer_own) == NULL;
	free(prev);
	return hit;
}

/* An interview word in the sentence (whole words, or stems). */
static bool interview_in(const char *sent)
{
	return FIND_ANY(sent, lex_interview_words) != NULL || stem_in(sent, &lex_interview_stems);
}

/* Is the word of n bytes at w an interview word ("interview",
 * "interviews")? */
static bool interview_in_word(const char *w, size_t n)
{
	char *one = xstrndup(w, n);
	bool r = interview_in(one);

	free(one);
	return r;
}

/* Is regret ("regret to inform", lex_rej_regret) the only rejection
 * phrase of the sentence? */
static bool regret_only(const char *sent)
{
	char *rest;
	bool regret = false, other;

	rest = xstrdup(sent);
	for (size_t i = 0; i < lex_rej_regret.n; i++) {
		const char *w = lex_rej_regret.w[i];

		for (char *r = (char *)find_phrase(rest, w); r != NULL; r = (char *)find_phrase(r, w)) {
			memset(r, ' ', strlen(w));
			regret = true;
		}
	}
	other = regret && FIND_ANY(rest, lex_rejection_phrases) != NULL;
	free(rest);
	return regret && !other;
}

/* A sentence that says no to the user: a known phrase, or the company
 * does not go on with the application, chose someone or something else
 * ("we've gone another way"), or filled the job.  Never a question or a
 * condition ("if we go with someone else"), never only a third person's
 * choice ("they went with someone else"); a "they" right after a
 * chooser of the company's side ("The panel met. They chose someone
 * ...") is the company's.  arg: a struct rej_read. */
static bool rejection_sentence(const char *sent, char end, size_t at, void *arg)
{
	struct rej_read *r = arg;
	bool phrase, negation, going, chose, filled, anchor, third;
	const char *neg, *other, *choice, *open;

	if (end == '?')
		return false;
	phrase = FIND_ANY(sent, lex_rejection_phrases) != NULL;
	neg = FIND_ANY(sent, lex_rej_negations);
	negation = neg != NULL;
	going = negation && not_going_on(sent);
	other = FIND_ANY(sent, lex_rej_other_person);
	/* a negation only after the one chosen is another clause's ("...
	 * moved forward with another candidate, and we don't have another
	 * open team") */
	/* a choice left open says so before it ("we may still go with
	 * another candidate"); after it, "noch" or "still" is another
	 * clause's ("..., deren Profil noch etwas besser entspricht") */
	choice = stem_first(sent, &lex_rej_choice);
	open = FIND_ANY(sent, lex_rej_open);
	/* a negation in an earlier clause denies nothing of the choice
	 * ("após a entrevista realizada no passado dia 2, o júri decidiu
	 * ... com outra candidata": Portuguese "no" is "in the") */
	if (negation && choice != NULL && neg < choice && memchr(neg, ',', (size_t)(choice - neg)) != NULL) {
		negation = false;
		going = false;
	}
	chose = (!negation || (other != NULL && neg > other)) &&
	    (other != NULL || other_one(sent)) && choice != NULL && (open == NULL || open > choice);
	filled = FIND_ANY(sent, lex_rej_filled) != NULL && stem_in(sent, &lex_rej_job_nouns);
	if ((!phrase && !going && !chose && !filled) || FIND_ANY(sent, lex_rej_hedges) != NULL)
		return false;
	/* "We regret to inform you that your interview ... has been
	 * cancelled": the regret is the cancel's, no decision on the user */
	if (phrase && !going && !chose && !filled && regret_only(sent) &&
	    FIND_ANY(sent, lex_cancel_words) != NULL && interview_in(sent))
		return false;
	/* a third person chooses only before the company's own words: in
	 * "we've decided to go ahead with another candidate, because they
	 * overlap more with our hours" they are the one chosen */
	{
		const char *an = FIND_ANY(sent, lex_rej_anchors);
		const char *th = FIND_ANY(sent, lex_rej_third_person);

		anchor = an != NULL;
		third = th != NULL && (an == NULL || th < an);
	}
	if (third && company_before(r->low, at)) {
		r->job |= has_job_noun(sent) || stem_in(sent, &lex_rej_job_nouns);
		return true;
	}
	if (third && !r->answered && (!anchor || (!phrase && !going)))
		return false;
	if (!(phrase || filled || (anchor && (going || chose))))
		return false;
	r->job |= has_job_noun(sent) || stem_in(sent, &lex_rej_job_nouns);
	return true;
}

/* The sentence with each interview word behind the user blanked
 * ("Following your interview on Tuesday", "following your final
 * round"), each after a word that puts it in the past; *any: whether one
 * was (caller frees). */
static char *behind_blanked(const char *sent, bool *any)
{
	static const char *const past[] = { "following your ", "after your ", "since your ",
		"thank you for your ", "thanks for your ", "at your ", "further to your ",
		"following on from your ", "subsequent to your ", "post your ", "following the ",
		"after the " };
	char *rest = xstrdup(sent);

	*any = false;
	for (size_t k = 0; k < ARRAY_LEN(past); k++) {
		for (char *p = strstr(rest, past[k]); p != NULL; p = strstr(p, past[k])) {
			char *w = p + strlen(past[k]);
			size_t n = strcspn(w, " ,.;:");

			memset(p, ' ', strlen(past[k]));
			/* two words: "following your final round" */
			if (!interview_in_word(w, n) && w[n] == ' ')
				n += 1 + strcspn(w + n + 1, " ,.;:");
			if (interview_in_word(w, n)) {
				memset(w, ' ', n);
				*any = true;
			}
		}
	}
	return rest;
}

/* Is every interview word of the sentence one behind the user ("Following
 * your interview on Tuesday, I am delighted to enclose a conditional offer
 * of appointment")? */
static bool interview_behind(const char *sent)
{
	bool any;
	char *rest = behind_blanked(sent, &any);
	bool r = any && !interview_in(rest);

	free(rest);
	return r;
}

/* A sentence that offers the user the job, and speaks of no interview
 * or call ("happy to offer you a call" is none): an offer phrase, or
 * pleasure or congratulations, an offer and what it gives (the job, a
 * contract, a salary). */
static bool offer_sentence(const char *sent, char end, size_t at, void *arg)
{
	const bool *to_user = arg;
	bool said;

	(void)at;
	said = FIND_ANY(sent, lex_offer_phrases) != NULL;
	if (end == '?' || (!said && !stem_in(sent, &lex_offer_words)) ||
	    (interview_in(sent) && !(said && interview_behind(sent))))
		return false;
	/* a call offered is none; a round behind the user is no call */
	{
		bool any;
		char *rest = said ? behind_blanked(sent, &any) : xstrdup(sent);
		bool call = FIND_ANY(rest, lex_conversation_words) != NULL;

		free(rest);
		if (call)
			return false;
	}
	/* to the user: the sentence speaks to the reader, of no one else */
	if (to_user != NULL && *to_user && (FIND_ANY(sent, lex_reader_own) == NULL ||
	    FIND_ANY(sent, lex_rej_other_person) != NULL || other_one(sent)))
		return false;
	if (said && offer_said(sent))
		return true;
	return FIND_ANY(sent, lex_rej_hedges) == NULL && FIND_ANY(sent, lex_offer_hedges) == NULL &&
	    FIND_ANY(sent, lex_offer_not) == NULL && FIND_ANY(sent, lex_offer_pleasure) != NULL &&
	    stem_in(sent, &lex_offer_objects);
}

/* Offer wording: a known phrase or the idea, in a sentence; with
 * to_user, in a sentence that offers the job to the reader ("we would
 * like to offer you the position of ...", not "we offered the role to
 * another candidate"). */
static bool offer_in_words(const struct ctx *c, bool to_user)
{
	int budget = 64;

	return hit_sentences(c->plain, &lex_offer_phrases, false, offer_sentence, &to_user,
	    &budget) ||
	    hit_sentences(c->plain, &lex_offer_words, true, offer_sentence, &to_user, &budget);
}

/* A pay word and, in the rest of its line, a figure with a currency
 * ("Base: £95,000", "lønnen 58.000 kr."). */
static bool pay_figure(const char *low)
{
	for (size_t i = 0; i < lex_pay_words.n; i++) {
		const char *p = low;
		int budget = 8;

		while ((p = find_phrase(p, lex_pay_words.w[i])) != NULL && budget-- > 0) {
			size_t n = strcspn(p, "\n");
			char *line = xstrndup(p, n > 80 ? 80 : n);
			bool hit = strpbrk(line, "0123456789") != NULL &&
			    (FIND_ANY(line, lex_currency_marks) != NULL || strpbrk(line, "$") != NULL ||
			    strstr(line, "\xc2\xa3") != NULL || strstr(line, "\xe2\x82\xac") != NULL);

			free(line);
			if (hit)
				return true;
			p += strlen(lex_pay_words.w[i]);
		}
	}
	return false;
}

/* The terms of a job for the user summed up, as after a verbal offer:
 * the pay with a figure, a start, and the contract to come.  A job ad
 * has pay and a start but no contract on its way to the reader. */
static bool offer_terms(const struct ctx *c)
{
	return FIND_ANY(c->llow, lex_start_words) != NULL &&
	    FIND_ANY(c->llow, lex_contract_to_come) != NULL && pay_figure(c->llow);
}

/* Rejection wording: a known phrase or the idea, in a sentence that is
 * no condition nor only a third person's story: read around each part. */
static bool rejection_said(const struct ctx *c, bool *job)
{
	int budget = 96;
	struct rej_read r = { c->plain, false, false };
	bool said;

	r.answered = reply_like(c->m) && c->m->from.n > 0 && human(c, c->m->from.v[0].email);
	said = hit_sentences(r.low, &lex_rejection_phrases, false, rejection_sentence, &r,
	    &budget) ||
	    hit_sentences(r.low, &lex_rej_negations, false, rejection_sentence, &r, &budget) ||
	    hit_sentences(r.low, &lex_rej_other_stems, true, rejection_sentence, &r, &budget) ||
	    hit_sentences(r.low, &lex_rej_filled_stems, true, rejection_sentence, &r, &budget);
	*job = said && r.job;
	return said;
}

/* Counts in n[0] the sentences with an interview word, in n[1] those of
 * them that speak to the reader or for a company. */
static bool count_addressed(const char *sent, char end, size_t at, void *arg)
{
	(void)at;
	int *n = arg;

	(void)end;
	if (interview_in(sent) || FIND_ANY(sent, lex_round_words) != NULL) {
		n[0]++;
		n[1] += FIND_ANY(sent, lex_addressed_words) != NULL;
	}
	return false;
}

/* The mail speaks of an interview, but no sentence that does speaks to
 * the reader or for the company ("Guess who got through to the final
 * interview at Fabrikam?", "how to prepare for a system design
 * interview"): someone else's, or nobody's. */
static bool unaddressed(const struct ctx *c)
{
	int n[2] = { 0, 0 }, budget = 64;

	hit_sentences(c->plain, &lex_interview_words, false, count_addressed, n, &budget);
	hit_sentences(c->plain, &lex_interview_stems, true, count_addressed, n, &budget);
	/* an interview by its stage: "I've confirmed you in for the first
	 * round next Tuesday" */
	hit_sentences(c->plain, &lex_round_words, false, count_addressed, n, &budget);
	return n[0] > 0 && n[1] == 0;
}

/* ---- signals ---- */

/* A mailing list (List-Id) or mass mail by the sender's own word
 * (Precedence).  List-Unsubscribe alone is not: hiring systems put it on
 * their transactional mail too (signals.unsubscribe). */
static bool bulk_headers(const struct message *m)
{
	return m->list_id != NULL ||
	    (m->precedence != NULL && message_precedence_bulk(m->precedence, strlen(m->precedence)));
}

/* A calendar reply: METHOD:REPLY or COUNTER, "Accepted: ...", "Ada has
 * declined ...". */
static bool calendar_reply(const struct ctx *c)
{
	const char *subj = c->m->subject;
	size_t i;

	if (c->method == ICS_METHOD_REPLY || c->method == ICS_METHOD_COUNTER)
		return true;
	/* the organizer's own invite or cancel, whatever its subject says
	 * ("Updated invitation with note: ...") */
	if (c->method == ICS_METHOD_REQUEST || c->method == ICS_METHOD_CANCEL)
		return false;
	for (i = 0; i < lex_calendar_reply_prefixes.n; i++) {
		if (str_case_has_prefix(subj, lex_calendar_reply_prefixes.w[i]))
			return true;
	}
	for (i = 0; i < lex_calendar_reply_marks.n; i++) {
		if (str_casestr(subj, lex_calendar_reply_marks.w[i]) != NULL)
			return true;
	}
	return false;
}

/* The user forwards a person's mail (from their work address to home,
 * say): the person wrote it. */
static bool forwarded_by_me_from_human(const struct ctx *c)
{
	char *name, *email;
	bool r;

	if (!from_user(c) || !forward_sender(c, &name, &email))
		return false;
	r = human(c, email);
	free(name);
	free(email);
	return r;
}

/* A hiring system sends a person's mail from its own address, the
 * person in its name and their own address as the Reply-To ("Camille de
 * Papyrus Studio" <no-reply@welcometothejungle.com>, Reply-To Camille
 * Besson <camille@papyrus-studio.example>): a person wrote it. */
static bool signed_for(const struct ctx *c)
{
	const struct msg_addr *f = &c->m->from.v[0], *r;
	char first[64];
	size_t n;

	if (c->m->reply_to.n != 1 || f->name == NULL || human(c, f->email))
		return false;
	r = &c->m->reply_to.v[0];
	if (r->name == NULL || !human(c, r->email) || !looks_like_person_strict(r->name))
		return false;
	n = strcspn(r->name, " ");
	if (n < 3 || n >= sizeof(first))
		return false;
	memcpy(first, r->name, n);
	first[n] = '\0';
	return has_word_ci(f->name, first);
}

/* The sender or the organizer is a hiring system or calendar service (a
 * job board's address is not: LinkedIn and Indeed send everything). */
static bool service_sender(const struct msg_addr_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		const char *dom = email_domain(l->v[i].email);

		if (parties_is_service_domain(dom) && !str_has_suffix(dom, "linkedin.com") &&
		    !str_has_suffix(dom, "indeed.com"))
			return true;
	}
	return false;
}

static bool ats_sender(const struct ctx *c)
{
	/* the hiring system in From, or in Sender: it sends in the
	 * recruiter's name ("From: Hannah Doyle <hannah@company>", "Sender:
	 * no-reply@hire.lever.co") */
	if (service_sender(&c->m->from) || service_sender(&c->m->sender))
		return true;
	return c->ev != NULL && c->ev->has_organizer &&
	    parties_is_service_domain(email_domain(c->ev->organizer.email));
}

/* A sentence that calls a conversation off: "we need to cancel", or a
 * cancel word, an interview or conversation word and the company's "we"
 * ("leider müssen wir unser Gespräch am Donnerstag absagen"); no
 * condition, no question ("if you need to cancel your interview"). */
static bool cancel_sentence(const char *sent, char end, size_t at, void *arg)
{
	/* the old half of a move: "Your previous time of Wed, Dec 16 at 3:00
	 * PM has been cancelled" */
	static const char *const old_slot[] = { "previous time", "previous slot", "previous booking",
		"original time", "original slot", "original booking", "old time", "old slot",
		"your previous", "your original", "earlier time" };

	(void)at;
	(void)arg;
	if (end == '?' || FIND_ANY(sent, lex_conditions) != NULL)
		return false;
	for (size_t k = 0; k < ARRAY_LEN(old_slot); k++)
		if (find_phrase(sent, old_slot[k]) != NULL)
			return false;
	if (FIND_ANY(sent, lex_cancel_done) != NULL)
		return true;
	return FIND_ANY(sent, lex_cancel_words) != NULL &&
	    (interview_in(sent) || FIND_ANY(sent, lex_conversation_words) != NULL) &&
	    FIND_ANY(sent, lex_rej_anchors) != NULL;
}

/* "cancelled" in the subject, or a sentence that calls a conversation
 * off (the rule asks that the mail be about an interview). */
static bool cancel_prose(const struct ctx *c)
{
	int budget = 64;

	/* every phrase of lex_cancel_done holds a word of lex_cancel_words */
	return FIND_ANY(c->subj_low, lex_cancel_words) != NULL ||
	    hit_sentences(c->plain, &lex_cancel_words, false, cancel_sentence, NULL, &budget);
}

/* METHOD:CANCEL or STATUS:CANCELLED. */
static bool calendar_cancel(const struct ctx *c)
{
	return c->cal != NULL && (c->method == ICS_METHOD_CANCEL ||
	    (c->ev != NULL && c->ev->status != NULL && strcmp(c->ev->status, "CANCELLED") == 0));
}

/* "A mock technical interview", "a practice interview": a rehearsal with
 * a coach or a friend, whatever words stand between (up to two), is no
 * interview with an employer; nor is an "informational interview", the
 * user asking someone about their field. */
static bool pretend_interview(const char *low)
{
	static const char *const pretend[] = { "mock", "practice", "practise", "simulated",
		"informational" };

	for (const char *p = low ? strstr(low, "interview") : NULL; p != NULL;
	    p = strstr(p + 1, "interview")) {
		size_t e = (size_t)(p - low);

		for (int k = 0; k < 3; k++) {
			size_t b;

			/* "mock-interview", "Probe-Interview": a hyphen joins */
			while (e > 0 && (low[e - 1] == ' ' || low[e - 1] == '-'))
				e--;
			for (b = e; b > 0 && isalpha((unsigned char)low[b - 1]); b--)
				;
			if (b == e)
				break;
			for (size_t i = 0; i < ARRAY_LEN(pretend); i++)
				if (e - b == strlen(pretend[i]) && memcmp(low + b, pretend[i], e - b) == 0)
					return true;
			e = b;
		}
	}
	return false;
}

/* A session about interviewing, named by the word after "interview" in a
 * subject or an event's summary ("Interview Preparation Coaching",
 * "Interview Skills Workshop"); in a body, "my interview prep notes" are
 * for a real one. */
static bool about_interviewing(const char *low)
{
	static const char *const about[] = { "preparation", "prep", "coaching", "practice", "skills",
		"training", "tips", "technique", "techniques", "workshop", "masterclass" };

	for (const char *p = low ? strstr(low, "interview") : NULL; p != NULL;
	    p = strstr(p + 1, "interview")) {
		const char *q = p + strlen("interview");
		size_t l;

		if (*q == 's')
			q++;
		while (*q == ' ' || *q == '-')
			q++;
		for (l = 0; isalpha((unsigned char)q[l]); l++)
			;
		for (size_t i = 0; i < ARRAY_LEN(about); i++)
			if (l == strlen(about[i]) && memcmp(q, about[i], l) == 0)
				return true;
	}
	return false;
}

/* A sentence that names an event (lex_event_not_interview) as what it is
 * about, not as the cause of something else ("..., da Frau Zbinden an
 * einem Workshop teilnehmen muss": the reason an interview moves), nor as
 * the candidate's own talk on a visit ("Job talk - departmental seminar"). */
static bool event_sentence(const char *sent, char end, size_t at, void *arg)
{
	const char *ev = FIND_ANY(sent, lex_event_not_interview), *cause;

	(void)end;
	(void)at;
	(void)arg;
	if (ev == NULL || FIND_ANY(sent, lex_visit_talks) != NULL)
		return false;
	cause = FIND_ANY(sent, lex_cause_words);
	if (cause != NULL && cause < ev)
		return false;
	cause = strstr(sent, ", da ");
	return cause == NULL || cause > ev;
}

/* The participant of the event is paid (a user study's voucher, in the
 * subject or the event's summary): a candidate never is. */
static bool paid_participant(const struct ctx *c)
{
	char *summary;
	bool paid;

	if (FIND_ANY(c->subj_low, lex_participant_pay) != NULL)
		return true;
	if (c->ev == NULL || c->ev->summary == NULL)
		return false;
	summary = lower_dup(c->ev->summary);
	paid = FIND_ANY(summary, lex_participant_pay) != NULL;
	free(summary);
	return paid;
}

/* Does a sentence of the text name an event as what it is about
 * (event_sentence)? */
static bool event_said(const struct ctx *c)
{
	int budget = 32;

	return hit_sentences(c->plain, &lex_event_not_interview, false, event_sentence, NULL, &budget);
}

/* The writer says no job is open or being filled ("we don't have any
 * openings, and this isn't part of a hiring process"): an answer about
 * no application. */
static bool no_opening(const struct ctx *c, bool ats)
{
	return !ats && FIND_ANY(c->plain, lex_no_opening) != NULL;
}

static bool names_me(const struct ctx *c, const char *low, size_t n);

/* The event's own words: its summary and location, lower-case; with its
 * description too unless the summary says it is the user's interview for
 * a job ("Interview: Learning Programmes Manager - Dan Ashworth-Mbeki"),
 * whose description then only says what it holds ("bring an outline of a
 * workshop you would run").  NULL without an event. */
static char *event_words(const struct ctx *c)
{
	char *sum, *r;
	bool mine;

	if (c->cal_low == NULL)
		return NULL;
	if (c->ev == NULL || c->ev->summary == NULL)
		return xstrdup(c->cal_low);
	sum = lower_dup(c->ev->summary);
	mine = interview_in(sum) && (names_me(c, sum, strlen(sum)) || has_job_noun(c->ev->summary));
	if (!mine) {
		free(sum);
		return xstrdup(c->cal_low);
	}
	r = xasprintf("%s\n%s", sum, c->ev->location != NULL ? c->ev->location : "");
	free(sum);
	str_lower(r);
	return r;
}

/* A webinar, a dentist, a meetup, a mock interview: an event, not an
 * interview; a paid user study. */
static bool not_interview(const struct ctx *c, bool ats)
{
	char *ev = event_words(c);
	bool r = FIND_ANY(c->subj_low, lex_event_not_interview) != NULL ||
	    pretend_interview(c->subj_low) || about_interviewing(c->subj_low) || paid_participant(c) ||
	    (ev != NULL && (FIND_ANY(ev, lex_event_not_interview) != NULL ||
	    pretend_interview(ev) || about_interviewing(ev))) ||
	    (c->cal == NULL && !ats && (pretend_interview(c->plain) || event_said(c)));

	free(ev);
	return r;
}

/* Sent by the user, not forwarding anything. */
static bool from_me(const struct ctx *c)
{
	const struct message *m = c->m;

	return m->from.n > 0 && is_me_email(c->o, m->from.v[0].email) && m->nattached == 0 &&
	    !str_case_has_prefix(m->subject, "fw");
}

/* ---- the user's own side of the table ---- */

/* An automatic answer: Auto-Submitted: auto-replied (RFC 3834; not
 * auto-generated, which every hiring system's notice may carry),
 * X-Autoreply, X-Autorespond, Precedence: auto_reply, or a subject that
 * says so. */
static bool auto_reply(const struct message *m)
{
	size_t i;

	if ((m->auto_submitted != NULL && str_case_has_prefix(m->auto_submitted, "auto-replied")) ||
	    message_header(m, "X-Autoreply") != NULL || message_header(m, "X-Autorespond") != NULL ||
	    (m->precedence != NULL && str_ieq(m->precedence, "auto_reply")))
		return true;
	for (i = 0; i < lex_auto_reply_subjects.n; i++) {
		if (str_case_has_prefix(m->subject, lex_auto_reply_subjects.w[i]))
			return true;
	}
	return false;
}

/* The event repeats (RRULE, RDATE) or is one instance of a series: a
 * standing meeting, never a job interview. */
static bool recurring_event(const struct ctx *c)
{
	return c->ev != NULL && (c->ev->recurring || c->ev->has_recurrence_id);
}

/* Does text[0..n) (lower-case) name the user, by address or by name? */
static bool names_me(const struct ctx *c, const char *low, size_t n)
{
	char *v = xstrndup(low, n);
	bool me = false;
	size_t i;

	for (i = 0; i < c->o->n_my_addresses && !me; i++) {
		char *a = lower_dup(c->o->my_addresses[i]);

		me = *a != '\0' && strstr(v, a) != NULL;
		free(a);
	}
	if (!me && c->o->my_name != NULL && *c->o->my_name != '\0') {
		char *nm = lower_dup(c->o->my_name);

		me = find_phrase(v, nm) != NULL;
		free(nm);
	}
	free(v);
	return me;
}

/* The value of a label line ("Host: Jane Doe", or "Host:" and the value on
 * the next line) at llow[i..): its bounds; false when none. */
static bool label_value(const char *llow, size_t i, size_t *vs, size_t *ve)
{
	while (llow[i] == ' ' || llow[i] == '\t')
		i++;
	if (llow[i] != ':')
		return false;
	i++;
	while (llow[i] == ' ' || llow[i] == '\t')
		i++;
	if (llow[i] == '\n' || llow[i] == '\r') {
		while (llow[i] == '\n' || llow[i] == '\r' || llow[i] == ' ' || llow[i] == '\t')
			i++;
	}
	*vs = i;
	while (llow[i] && llow[i] != '\n' && i - *vs < 400)
		i++;
	*ve = i;
	return *ve > *vs;
}

/* A line labelled with one of labels ("Host:", "Interviewers:") whose
 * value names the user. */
static bool label_names_me(const struct ctx *c, const struct lexicon *labels)
{
	const char *llow = c->llow;
	size_t pos = 0;

	while (llow[pos]) {
		size_t i = pos, vs, ve, n;

		i = skip_list_marks(llow, i);
		n = word_of(llow + i, labels->w, labels->n);
		if (n > 0 && label_value(llow, i + n, &vs, &ve) && names_me(c, llow + vs, ve - vs))
			return true;
		while (llow[pos] && llow[pos] != '\n')
			pos++;
		if (llow[pos])
			pos++;
	}
	return false;
}

/* The user organises the meeting: the calendar's ORGANIZER is one of
 * me.addresses, or a scheduling tool's "Host:" is the user. */
static bool organised_by_me(const struct ctx *c)
{
	if (c->ev != NULL && c->ev->has_organizer && c->ev->organizer.email[0] != '\0')
		return is_me_email(c->o, c->ev->organizer.email);
	return label_names_me(c, &lex_host_labels);
}

/* On the user's side: one of the user's addresses or at the employer. */
static bool own_side(const struct detect_opts *o, const char *email, bool *colleague)
{
	if (email == NULL || strchr(email, '@') == NULL)
		return false;
	if (is_me_email(o, email))
		return true;
	if (!parties_domain_in(email_domain(email), o->employer_domains, o->n_employer_domains))
		return false;
	*colleague = true;
	return true;
}

static bool list_own_side(const struct detect_opts *o, const struct msg_addr_list *l,
    bool *colleague)
{
	for (size_t i = 0; i < l->n; i++) {
		if (!own_side(o, l->v[i].email, colleague))
			return false;
	}
	return true;
}

/* The sender is a robot, not a hiring system's: with every recipient on
 * the user's side and one at the employer (own_organisation), the
 * employer's own tools (an HR system planning the annual review), never
 * a recruiter, who writes to the candidate. */
static bool own_robot(const struct ctx *c)
{
	for (size_t i = 0; i < c->m->from.n; i++) {
		const char *e = c->m->from.v[i].email;

		if (e == NULL || !parties_is_robot(e) || parties_is_service_domain(email_domain(e)))
			return false;
	}
	return c->m->from.n > 0;
}

/* A hiring or HR system's mail in the name of the user's employer
 * ("Grachtwerk Digital" <noreply@mail.personio.de>, with employer domain
 * grachtwerk.example) to the user alone: the employer's own business
 * (the annual review), never a candidate's interview. */
static bool employer_named_sender(const struct ctx *c)
{
	const struct message *m = c->m;

	if (m->from.n != 1 || m->from.v[0].email == NULL || !parties_is_robot(m->from.v[0].email) ||
	    m->from.v[0].name == NULL || *m->from.v[0].name == '\0' || !list_own_side(c->o, &m->to, &(bool){ false }))
		return false;
	for (size_t i = 0; i < c->o->n_employer_domains; i++) {
		char *addr = xasprintf("x@%s", c->o->employer_domains[i]);
		bool named = org_matches_domain(m->from.v[0].name, addr);

		free(addr);
		if (named)
			return true;
	}
	return false;
}

/* Does a line of n bytes at l name the user by a word of their name? */
static bool line_names_user(const struct ctx *c, const char *l, size_t n)
{
	char word[64];

	for (size_t i = 0; i < n;) {
		size_t w = 0;

		while (i < n && !isalpha((unsigned char)l[i]) && (unsigned char)l[i] < 0x80)
			i++;
		while (i + w < n && (isalpha((unsigned char)l[i + w]) || (unsigned char)l[i + w] >= 0x80))
			w++;
		if (w > 0 && w < sizeof(word)) {
			memcpy(word, l + i, w);
			word[w] = '\0';
			if (my_name_word(c, word))
				return true;
		}
		i += w;
	}
	return false;
}

/* A line above a greeting: a logo's name, a heading ("Sydney Basin
 * Water", "Interview invitation"), not a sentence. */
#define ABOVE_GREETING_MAX 40

/* The text after its first line when that is the subject's (the text
 * views begin with it). */
static const char *after_subject(const struct ctx *c)
{
	const char *l = c->ltext;
	size_t n;

	while (*l == '\n' || *l == ' ')
		l++;
	n = strcspn(l, "\n");
	if (*c->m->subject && n == strlen(c->m->subject) && strncmp(l, c->m->subject, n) == 0)
		l += n;
	return l;
}

/*
 * Does the text's first line greet the user by a word of their name
 * ("Dear Femke,", "Hi Femke!")?  A hiring system's HTML may put its
 * logo's name or a heading above it: up to two short lines are passed.
 */
static bool greets_user(const struct ctx *c)
{
	const char *l = after_subject(c);
	size_t n;

	for (int k = 0; k < 3; k++) {
		while (*l == '\n' || *l == ' ')
			l++;
		n = strcspn(l, "\n");
		if (n <= 80 && line_names_user(c, l, n))
			return true;
		if (n > ABOVE_GREETING_MAX || l[n] == '\0')
			return false;
		l += n;
	}
	return false;
}

/* The given name of a To recipient who is not the user (a word of three
 * letters or more, an honorific passed), into w; whether one. */
static bool recipient_given(const struct ctx *c, size_t i, char *w, size_t wlen)
{
	const struct msg_addr *a = &c->m->to.v[i];
	const char *n = a->name;
	size_t h, k;

	if (n == NULL || is_me_email(c->o, a->email) || is_me_name(c->o, n))
		return false;
	{
		char *low = lower_dup(n);

		h = honorific_at(low);
		free(low);
	}
	n += h;
	while (*n == ' ')
		n++;
	k = strcspn(n, " ,");
	if (k < 3 || k >= wlen || !isupper((unsigned char)*n))
		return false;
	memcpy(w, n, k);
	w[k] = '\0';
	return true;
}

/* Does a To recipient who is not the user share a word of the user's
 * name ("Yetunde Ashworth" beside "Daniel Ashworth-Mbeki")? */
static bool family_recipient(const struct ctx *c, size_t i)
{
	const char *n = c->m->to.v[i].name;
	char w[64];

	while (n != NULL && *n) {
		size_t k = strcspn(n, " -");

		if (k >= 3 && k < sizeof(w)) {
			memcpy(w, n, k);
			w[k] = '\0';
			if (my_name_word(c, w))
				return true;
		}
		n += k;
		while (*n == ' ' || *n == '-')
			n++;
	}
	return false;
}

/*
 * The greeting speaks to someone else: its line names a To recipient
 * who is not the user, and the user is not among To (a student's
 * invitation the user is copied on), or is greeted beside one of their
 * family (a household's appointment: "Dear Daniel and Yetunde").  A
 * candidate is invited alone.
 */
static bool greets_other(const struct ctx *c)
{
	const char *l = after_subject(c);
	bool me_to = false, other = false;
	size_t n, i;
	char w[64], *line;

	/* who the user is must be known to tell another from them */
	if (c->o->n_my_addresses == 0)
		return false;
	for (i = 0; i < c->m->to.n; i++)
		me_to = me_to || is_me_email(c->o, c->m->to.v[i].email);
	for (int k = 0; k < 3; k++) {
		while (*l == '\n' || *l == ' ')
			l++;
		n = strcspn(l, "\n");
		if (n > 80)
			return false;
		line = xstrndup(l, n);
		for (i = 0; i < c->m->to.n && !other; i++)
			other = recipient_given(c, i, w, sizeof(w)) && has_word_ci(line, w) &&
			    (!me_to || (line_names_user(c, l, n) && family_recipient(c, i)));
		free(line);
		if (other)
			return true;
		if (n > ABOVE_GREETING_MAX || l[n] == '\0')
			return false;
		l += n;
	}
	return false;
}

/* The end of the paragraph of text that starts at i when it is a legal
 * notice a mail server appends ("This email may contain privileged and
 * confidential information. If you are not the intended recipient ...");
 * i when it is not one. */
static size_t legal_notice_end(const char *text, const char *low, size_t i)
{
	const char *p = strstr(text + i, "\n\n");
	size_t e = p != NULL ? (size_t)(p - text) : i + strlen(text + i);
	char *para = xstrndup(low + i, e - i);
	/* and the short form: "DISCLAIMER: This e-mail is confidential and
	 * meant for the addressee only." */
	bool notice = strstr(para, "intended recipient") != NULL ||
	    strncmp(para + strspn(para, " _-=*\n"), "disclaimer", 10) == 0 ||
	    (strstr(para, "confidential") != NULL && (strstr(para, "privileged") != NULL ||
	    strstr(para, "notify the sender") != NULL || strstr(para, "addressee") != NULL));

	free(para);
	return notice ? e : i;
}

/* Does the text name the user's employer, a name that spells one of
 * me.employer_domains ("Merlion Home Appliances", merlionhome.example)?
 * Not in the legal notice the employer's mail server adds to a mail the
 * user forwards from work. */
static bool employer_in_text(const struct ctx *c)
{
	const char *t = c->text;
	size_t nd = c->o->n_employer_domains;
	char **addr = xcalloc(nd + 1, sizeof(char *));
	int budget = 400;
	bool named = false;

	for (size_t k = 0; k < nd; k++)
		addr[k] = xasprintf("x@%s", c->o->employer_domains[k]);
	for (size_t i = 0; t[i] && budget > 0 && !named; i++) {
		char *run;

		if (i == 0 || (t[i - 1] == '\n' && i > 1 && t[i - 2] == '\n')) {
			size_t e = legal_notice_end(t, c->low, i);

			if (e > i) {
				i = e - 1;
				continue;
			}
		}
		if ((i > 0 && is_word_byte((unsigned char)t[i - 1])) || !isupper((unsigned char)t[i]))
			continue;
		budget--;
		if ((run = cap_words(t, i, 4)) == NULL)
			continue;
		for (size_t k = 0; k < nd && !named; k++)
			named = strchr(run, ' ') != NULL && org_matches_domain(run, addr[k]);
		free(run);
	}
	for (size_t k = 0; k < nd; k++)
		free(addr[k]);
	free(addr);
	return named;
}

/* Forwards the mail nothing, or an original from the user's side, or
 * one about the user's employer?  An outside invitation forwarded from
 * work to home is no meeting of colleagues: it names another employer.
 * (Outlook quotes a sender it knows without an address: "From: Lorraine
 * Achebe".) */
static bool forwards_inside(const struct ctx *c)
{
	size_t start, body;
	char *name, *email;
	bool colleague = false, r;

	if (!forward_block(c, &start, &body))
		return true;
	if (forward_sender(c, &name, &email)) {
		r = own_side(c->o, email, &colleague);
		free(name);
		free(email);
		if (r)
			return true;
	}
	/* from outside, or no address: an invitation names its own
	 * employer; a candidate writing to the user on the panel names the
	 * user's ("the Marketing Intern position at Merlion Home
	 * Appliances") */
	return employer_in_text(c);
}

/* Everybody is on the user's side (me.employer_domains and the user), at
 * least one colleague among them: the meeting's organizer and attendees
 * (rooms and resources aside), else the mail's sender and recipients; or
 * a system writes to the user in the employer's name. */
static bool own_organisation(const struct ctx *c)
{
	const struct detect_opts *o = c->o;
	const struct message *m = c->m;
	bool colleague = false;
	size_t i;

	if (o->n_employer_domains == 0)
		return false;
	if (c->ev != NULL && c->ev->has_organizer) {
		if (!own_side(o, c->ev->organizer.email, &colleague))
			return false;
		for (i = 0; i < c->ev->nattendees; i++) {
			const struct ics_person *a = &c->ev->attendees[i];

			if (a->cutype == ICS_CUTYPE_ROOM || a->cutype == ICS_CUTYPE_RESOURCE)
				continue;
			if (!own_side(o, a->email, &colleague))
				return false;
		}
		return colleague;
	}
	if (!forwards_inside(c))
		return false;
	return (m->from.n > 0 && (list_own_side(o, &m->from, &colleague) || own_robot(c)) &&
	    list_own_side(o, &m->reply_to, &colleague) && list_own_side(o, &m->to, &colleague) &&
	    list_own_side(o, &m->cc, &colleague) && colleague) || employer_named_sender(c);
}

/* The mail reaches the user only at an address at their employer
 * (me.employer_domains), at none of me.addresses: the user's current
 * work, however it got into this mailbox (a rule forwarding work mail).
 * A job search is not run through the employer's mailbox; a user who
 * does run it there lists that address in me.addresses. */
static bool to_work(const struct ctx *c)
{
	const struct msg_addr_list *lists[2] = { &c->m->to, &c->m->cc };
	bool work = false;

	if (c->o->n_employer_domains == 0)
		return false;
	for (size_t l = 0; l < 2; l++)
		for (size_t i = 0; i < lists[l]->n; i++) {
			const char *e = lists[l]->v[i].email;

			if (e == NULL || strchr(e, '@') == NULL)
				continue;
			if (is_me_email(c->o, e))
				return false;
			work = work || parties_domain_in(email_domain(e), c->o->employer_domains,
			    c->o->n_employer_domains);
		}
	return work;
}

/* A label naming the person interviewed ("Candidate: Sam Patel", the
 * name alone on its line or before "(", ",", " - "), and it is not the
 * user (whose name must be known to tell).  Not "Dear Candidate," nor
 * "as a candidate Experience ...": only a label says who. */
static bool candidate_named_other(const struct ctx *c)
{
	size_t k;

	if (c->o->my_name == NULL || *c->o->my_name == '\0')
		return false;
	for (k = 0; k < lex_candidate_words.n; k++) {
		const char *p = c->llow;
		int budget = 16;

		while ((p = find_phrase(p, lex_candidate_words.w[k])) != NULL && budget-- > 0) {
			size_t i = (size_t)(p - c->llow) + strlen(lex_candidate_words.w[k]);
			char *name;
			bool other;

			while (c->ltext[i] == ' ' || c->ltext[i] == '\t')
				i++;
			if (c->ltext[i] != ':') {
				p += strlen(lex_candidate_words.w[k]);
				continue;
			}
			i++;
			while (c->ltext[i] == ' ' || c->ltext[i] == '\t' || c->ltext[i] == '\n')
				i++;
			name = cap_words(c->ltext, i, 3);
			other = name != NULL && looks_like_person_strict(name) &&
			    strchr("\n\r(,-", c->ltext[i + strlen(name) +
			    (c->ltext[i + strlen(name)] == ' ' ? 1 : 0)]) != NULL &&
			    !names_me(c, c->llow + i, strlen(name));
			free(name);
			if (other)
				return true;
			p += strlen(lex_candidate_words.w[k]);
		}
	}
	return false;
}

/* The user is on the interviewing side: named among the interviewers,
 * asked for an interviewer's duties (a scorecard, feedback on a
 * candidate, a reference for one), invited to the panel's own meeting (a
 * debrief), or sent a mail naming a candidate who is someone else. */
static bool on_the_panel(const struct ctx *c)
{
	return FIND_ANY(c->plain, lex_panel_duties) != NULL ||
	    FIND_ANY(c->subj_low, lex_panel_meetings) != NULL ||
	    (c->ev != NULL && c->ev->summary != NULL && c->cal_low != NULL &&
	    FIND_ANY(c->cal_low, lex_panel_meetings) != NULL) ||
	    label_names_me(c, &lex_interviewer_labels) || candidate_named_other(c);
}

/* The user is asked for an interview by the press: media wording and
 * nothing of a job search beyond the word "interview" (a scheduling tool
 * is no sign of one: podcasts book their guests through them too). */
static bool press_interview(const struct ctx *c, bool has_role)
{
	return FIND_ANY(c->plain, lex_media_words) != NULL && !has_role &&
	    FIND_ANY(c->plain, lex_job_strong) == NULL;
}

/* Is the ask at plain[at] one to confirm the time given ("kindly confirm
 * your availability", "bitte bestätigen Sie Ihre Verfügbarkeit"): a word of
 * confirming right before it, in its sentence (from s)? */
static bool confirm_before(const char *plain, size_t s, size_t at)
{
	size_t b = at > s + 24 ? at - 24 : s;
	char *lead = xstrndup(plain + b, at - b);
	bool r = FIND_ANY(lead, lex_confirm_words) != NULL;

	free(lead);
	return r;
}

/* A time asked for ("what times work for you?"), not as a way out of one
 * already set ("if that does not work, ..."), and none confirmed
 * (confirmed: a word of lex_time_confirmed in the text). */
static bool asks_availability(const struct ctx *c, bool confirmed)
{
	struct lex_hits hits;
	bool asks = false;

	if (confirmed)
		return false;
	lex_hits_find(&hits, c->plain, &lex_availability_asks);
	for (size_t i = 0; i < lex_availability_asks.n && !asks; i++) {
		const char *p = c->plain;
		int budget = 8;

		while ((p = lex_hits_next(&hits, i, p, true)) != NULL && budget-- > 0) {
			size_t s, e;
			char *sent;
			bool hedged;

			sentence_of(c->plain, (size_t)(p - c->plain), &s, &e);
			sent = xstrndup(c->plain + s, e - s);
			hedged = FIND_ANY(sent, lex_availability_hedges) != NULL ||
			    confirm_before(c->plain, s, (size_t)(p - c->plain));
			free(sent);
			if (!hedged) {
				asks = true;
				break;
			}
			p += strlen(lex_availability_asks.w[i]);
		}
	}
	lex_hits_free(&hits);
	return asks;
}

/* A sentence that confirms what the reader proposed: a confirmation word
 * that points back ("that's confirmed", "it's booked") or stands nearly
 * alone ("Confirmed!", "Perfect, booked."). */
static bool proposal_sentence(const char *sent, char end, size_t at, void *arg)
{
	size_t words = 0;

	(void)at;
	(void)arg;
	if (end == '?')
		return false;
	for (const char *p = sent; *p; p++)
		words += is_word_byte((unsigned char)*p) && !is_word_byte((unsigned char)p[1]);
	return words <= 4 || FIND_ANY(sent, lex_back_refs) != NULL;
}

bool confirms_proposal(const char *plain)
{
	int budget = 16;

	return hit_sentences(plain, &lex_time_confirmed, false, proposal_sentence, NULL, &budget) ||
	    hit_sentences(plain, &lex_writer_farewells, false, proposal_sentence, NULL, &budget);
}

/* The user's own mail, quoted in a reply, speaks of a job, or thanks for
 * a conversation (the follow-up after an interview); or the writer's own
 * mail the user answered does ("your application for the Lead Data
 * Engineer role ... grab a coffee?" - "Wednesday at 8:30 works great"). */
static bool job_in_user_quote(const struct ctx *c)
{
	const char *q = c->thread_low;

	return q != NULL && (FIND_ANY(q, lex_job_words) != NULL || has_keyword(c, q) ||
	    FIND_ANY(q, lex_thanks_for_meeting) != NULL);
}

/* A question that puts a choice to the reader ("Could you let me know
 * which works best?"). */
static bool choice_sentence(const char *sent, char end, size_t at, void *arg)
{
	(void)sent;
	(void)at;
	(void)arg;
	return end == '?';
}

/* Slots offered, not fixed: meeting times on several days, with a choice
 * put to the reader (an ask for availability, hedged or not, or a
 * question with "which", "prefer"...), and nothing confirmed. */
static bool options_offered(const struct ctx *c, const struct time_source *ts, bool confirmed)
{
	int budget = 16;

	/* "has been preponed to 03/03": the days are the old and the new */
	if (!ts->from_prose || !ts->several_days || confirmed || FIND_ANY(c->plain, lex_moved_done) != NULL)
		return false;
	return FIND_ANY(c->plain, lex_availability_asks) != NULL ||
	    hit_sentences(c->plain, &lex_choice_words, false, choice_sentence, NULL, &budget);
}

/* A sentence that says a time moved, not one that offers the reader a
 * way to move it: no question, no condition, and not right after a
 * question about moving ("Need to reschedule? Just reply and I'll find
 * you a new time.").  arg: the text the sentence is in. */
static bool moved_sentence(const char *sent, char end, size_t at, void *arg)
{
	const char *low = arg;
	size_t p = at, s, e;
	bool asked = false;

	if (end == '?' || FIND_ANY(sent, lex_conditions) != NULL)
		return false;
	while (p > 0 && (low[p - 1] == ' ' || low[p - 1] == '\n'))
		p--;
	if (p > 0 && low[p - 1] == '?') {
		char *prev;

		sentence_of(low, p - 1, &s, &e);
		prev = xstrndup(low + s, e - s);
		asked = strstr(prev, "reschedul") != NULL || strstr(prev, "move") != NULL ||
		    strstr(prev, "change") != NULL || FIND_ANY(prev, lex_resched_words) != NULL;
		free(prev);
	}
	return !asked;
}

/* A time moved, said in the text (see moved_sentence). */
static bool moved_said(const char *plain)
{
	int budget = 32;

	return hit_sentences(plain, &lex_resched_words, false, moved_sentence, (void *)plain,
	    &budget);
}

/* A conversation by any name, said to be set ("I've booked you in for a
 * video call", "you're all set for ... with Tom"). */
static bool conversation_said(const struct ctx *c)
{
	return FIND_ANY(c->plain, lex_conversation_words) != NULL &&
	    FIND_ANY(c->plain, lex_conversation_set) != NULL;
}

/* Is w a particle of a name ("Van" of "Margot Van den Broeck"), which
 * names nobody (and is Dutch for "From:")? */
static bool name_particle(const char *w)
{
	size_t n = strlen(w);

	for (size_t k = 0; k < lex_name_particles.n; k++)
		if (strlen(lex_name_particles.w[k]) == n + 1 &&
		    strncasecmp(lex_name_particles.w[k], w, n) == 0)
			return true;
	return false;
}

/* A forward of the writer's own mail: the forwarded mail was to the
 * writer ("To: Jan Kowalczyk <jan@...>", the forward's From), and names
 * the user nowhere in its header or text (neither a word of me.name nor
 * an address): a friend
 * passes on their own rejection or invite, the user's news it is not.  An
 * agency's forward of the client's mail to it names the candidate.  Never
 * when the user is unknown (no me.name, no address). */
static bool forwards_own_mail(const struct ctx *c)
{
	static const char *const to[] = { "to:", "an:", "\xc3\xa0 :", "\xc3\xa0:", "para:", "aan:",
		"a:" };
	const struct msg_addr *from = c->m->from.n > 0 ? &c->m->from.v[0] : NULL;
	size_t start, body, vs, ve, i;
	char *line, *me = NULL, *save = NULL;
	bool theirs = false, named = false;

	if (from == NULL || from->email == NULL ||
	    (c->o->n_my_addresses == 0 && (c->o->my_name == NULL || *c->o->my_name == '\0')) ||
	    !forward_block(c, &start, &body) ||
	    !forward_header(c, start, body, to, ARRAY_LEN(to), &vs, &ve))
		return false;
	line = xstrndup(c->llow + vs, ve - vs);
	theirs = str_casestr(line, from->email) != NULL;
	if (!theirs && from->name != NULL && *from->name != '\0') {
		char *n = person_display(from->name);

		theirs = *n != '\0' && str_casestr(line, n) != NULL;
		free(n);
	}
	free(line);
	if (!theirs)
		return false;
	for (i = 0; i < c->o->n_my_addresses && !named; i++)
		named = *c->o->my_addresses[i] != '\0' &&
		    str_casestr(c->llow + start, c->o->my_addresses[i]) != NULL;
	if (c->o->my_name != NULL)
		me = xstrdup(c->o->my_name);
	for (char *w = me ? strtok_r(me, " ", &save) : NULL; w != NULL && !named;
	    w = strtok_r(NULL, " ", &save))
		named = strlen(w) >= 3 && !name_particle(w) && has_word_ci(c->llow + start, w);
	free(me);
	return !named;
}

/* Whose interview: every interview word the mail has is the writer's
 * own ("I've got my final round interview"), none the reader's ("your
 * interview").  A friend's news, not the user's interview. */
/* Whose is the interview word at plain[pos..pos+len): +1 the reader's
 * (a second person in the three words before it or the one after: "your
 * interview", "to interview you"), -1 the writer's ("my final round
 * interview"), 0 nobody's. */
static int interview_owner(const char *plain, size_t pos, size_t len)
{
	size_t from = pos, after = pos + len;
	char *win;
	int r = 0;

	for (int w = 0; w < 3 && from > 0; w++) {
		while (from > 0 && plain[from - 1] == ' ')
			from--;
		while (from > 0 && plain[from - 1] != ' ' && plain[from - 1] != '\n' && pos - from < 40)
			from--;
	}
	while (is_word_byte((unsigned char)plain[after]))
		after++;   /* the rest of an inflected stem: "Vorstellungsgespräch" */
	while (plain[after] == ' ')
		after++;
	win = xstrndup(plain + from, pos - from);
	if (FIND_ANY(win, lex_reader_own) != NULL ||
	    word_of(plain + after, lex_reader_own.w, lex_reader_own.n) > 0)
		r = 1;
	else if (FIND_ANY(win, lex_writer_own) != NULL)
		r = -1;
	free(win);
	return r;
}

/* Whose interview: every interview word the mail has is the writer's
 * own ("I've got my final round interview", "mein Vorstellungsgespräch"),
 * none the reader's ("your interview").  A friend's news, not the user's
 * interview. */
static bool others_interview(const struct ctx *c)
{
	size_t mine = 0, yours = 0, k;
	int budget = 32;

	for (k = 0; k < lex_interview_words.n + lex_interview_stems.n; k++) {
		bool stem = k >= lex_interview_words.n;
		const char *w = stem ? lex_interview_stems.w[k - lex_interview_words.n] :
		    lex_interview_words.w[k];
		const char *p = c->plain;

		while ((p = stem ? strstr(p, w) : find_phrase(p, w)) != NULL && budget-- > 0) {
			int own;

			if (stem && p > c->plain && is_word_byte((unsigned char)p[-1])) {
				p += strlen(w);
				continue;
			}
			own = interview_owner(c->plain, (size_t)(p - c->plain), strlen(w));
			yours += own > 0;
			mine += own < 0;
			p += strlen(w);
		}
	}
	return mine > 0 && yours == 0;
}

/* A sentence that keeps a time: the time named beside the words, by its
 * noun or its clock ("Nothing else changes - still 9:00-10:00 AM CT"). */
static bool kept_sentence(const char *sent, char end, size_t at, void *arg)
{
	const char *colon;

	(void)end;
	(void)at;
	(void)arg;
	if (FIND_ANY(sent, lex_time_nouns) != NULL)
		return true;
	for (colon = strchr(sent, ':'); colon != NULL; colon = strchr(colon + 1, ':'))
		if (colon > sent && isdigit((unsigned char)colon[-1]) && isdigit((unsigned char)colon[1]) &&
		    isdigit((unsigned char)colon[2]))
			return true;
	return false;
}

/* The time set before stays, said in a sentence about the time. */
static bool time_kept(const struct ctx *c)
{
	int budget = 16;

	return hit_sentences(c->plain, &lex_time_kept, false, kept_sentence, NULL, &budget);
}

void signals_gather(const struct ctx *c, const struct time_source *ts, bool have_time,
    bool has_role, struct signals *s)
{
	const struct message *m = c->m;
	/* a time confirmed in the text: read once, two signals ask */
	bool confirmed = FIND_ANY(c->plain, lex_time_confirmed) != NULL ||
	    FIND_ANY(c->plain, lex_writer_farewells) != NULL;
	bool terms, moved_text;

	memset(s, 0, sizeof(*s));
	s->ignored_sender = sender_ignored(c);
	s->from_me = from_me(c);
	s->calendar_reply = calendar_reply(c);
	s->bulk_headers = bulk_headers(m);
	s->unsubscribe = !s->bulk_headers && m->list_unsubscribe != NULL;
	s->bulk_words = FIND_ANY(c->plain, lex_bulk_phrases) != NULL;
	s->job_alert = FIND_ANY(c->plain, lex_alert_phrases) != NULL;
	s->receipt = FIND_ANY(c->plain, lex_receipt_phrases) != NULL;
	s->keyword = has_keyword(c, c->plain);
	s->ats_sender = ats_sender(c);
	s->has_role = has_role;
	s->human_from = m->from.n > 0 &&
	    (human(c, m->from.v[0].email) || relayed_human(c, &m->from.v[0]) || signed_for(c) ||
	    forwarded_by_me_from_human(c));
	/* the terms of a job summed up by a person are about a job */
	terms = s->human_from && offer_terms(c);
	s->job = s->ats_sender || has_role || terms || FIND_ANY(c->plain, lex_job_words) != NULL;
	/* a first meeting of any kind ("Kennenlerngespräch") is an
	 * interview only about a job: a day nursery has them too */
	if (s->keyword && !s->job && !keyword_in(c, c->plain, false))
		s->keyword = false;
	s->job_said = s->job;
	s->job = s->job || s->keyword;
	s->reply_like = reply_like(m);
	s->job_quoted = !s->job && s->reply_like && s->human_from && job_in_user_quote(c);
	/* a move said, or asked for with its new time ("Can we push to Fri
	 * same time?") */
	moved_text = moved_said(c->plain) || (ts->from_prose && ts->proposed);
	s->rescheduled = moved_text ||
	    FIND_ANY(c->subj_low, lex_resched_words) != NULL ||
	    str_case_has_prefix(m->subject, "updated");
	s->cancel_prose = cancel_prose(c);
	s->calendar = c->cal != NULL;
	s->event = c->ev != NULL;
	s->calendar_cancel = calendar_cancel(c);
	s->have_time = have_time;
	s->day_moved = !have_time && ts->day_moved;
	s->no_opening = no_opening(c, s->ats_sender);
	s->not_interview = s->no_opening || not_interview(c, s->ats_sender);
	s->pretend = pretend_interview(c->subj_low) || pretend_interview(c->cal_low);
	s->interview_invite = (s->keyword || s->ats_sender || has_role) && !s->not_interview;
	s->offer_weak = FIND_ANY(c->plain, lex_offer_weak) != NULL;
	/* read only where a rule may use them: about a job, or a person in
	 * a thread (r_rejection) */
	s->rejection = (s->job || s->human_from) && rejection_said(c, &s->rejection_job);
	s->offer = s->job && (terms || offer_in_words(c, false));
	s->offer_to_user = s->offer && s->rejection && (terms || offer_in_words(c, true));
	s->asks_references = mentions_references(c->plain);
	s->decision_promised = decision_promised(c);
	s->time_kept = s->human_from && have_time && time_kept(c);
	if ((s->decision_promised || s->asks_references || s->time_kept) && s->reply_like) {
		char *q = user_quote(m, c->o);

		s->answers_user = q != NULL;
		free(q);
	}
	s->method = c->method;
	s->sequence = c->ev != NULL ? c->ev->sequence : 0;
	s->summary = c->ev != NULL ? c->ev->summary : NULL;
	s->auto_reply = auto_reply(m);
	s->recurring = recurring_event(c);
	s->organised_by_me = organised_by_me(c);
	s->own_organisation = own_organisation(c);
	s->to_work = to_work(c);
	s->greets_user = s->bulk_headers && greets_user(c);
	s->own_application = FIND_ANY(c->subj_low, lex_your_application) != NULL;
	s->on_the_panel = on_the_panel(c);
	s->press = s->keyword && press_interview(c, has_role);
	s->asks_availability = asks_availability(c, confirmed);
	s->options = have_time && options_offered(c, ts, confirmed);
	/* the text keeps only the newest words of a reply (quotes cut) */
	s->thread_time = have_time && ts->from_prose && !ts->several_days && s->reply_like &&
	    s->human_from && (FIND_ANY(c->plain, lex_time_agreed) != NULL ||
	    FIND_ANY(c->plain, lex_writer_farewells) != NULL || moved_text);
	/* read only where a rule asks: a time without an interview word; an
	 * interview word beside the writer's own possessive */
	s->conversation = have_time && !s->keyword && conversation_said(c);
	s->others_interview = s->keyword && FIND_ANY(c->plain, lex_writer_own) != NULL &&
	    others_interview(c);
	s->greets_other = greets_other(c);
	s->forwards_own = forwards_own_mail(c);
	s->conversation_word = (s->rescheduled || s->cancel_prose) && s->job &&
	    FIND_ANY(c->plain, lex_conversation_words) != NULL;
	s->unaddressed = s->keyword && have_time && c->cal == NULL && unaddressed(c);
	s->writer_candidate = s->unaddressed && FIND_ANY(c->plain, lex_writer_candidate) != NULL;
	/* an event for an audience: published, with a marketing footer, with
	 * a ticket (an interview is never ticketed), or a text that says
	 * what the event is ("Thank you for registering", a webinar) */
	s->broadcast = s->event && c->method == ICS_METHOD_PUBLISH && !s->ats_sender &&
	    (s->unsubscribe || s->bulk_words || s->bulk_headers ||
	    FIND_ANY(c->plain, lex_ticket_words) != NULL ||
	    FIND_ANY(c->subj_low, lex_ticket_words) != NULL || event_said(c));
}

/* ---- the rules, in order ---- */

static bool r_ignored(const struct signals *s)
{
	return s->ignored_sender;
}

static bool r_from_me(const struct signals *s)
{
	return s->from_me;
}

static bool r_calendar_reply(const struct signals *s)
{
	return s->calendar_reply;
}

static bool r_auto_reply(const struct signals *s)
{
	return s->auto_reply;
}

/* The user's own side of the table: a standing meeting, one the user
 * organises, one among colleagues, one where the user interviews. */
static bool r_recurring(const struct signals *s)
{
	return s->calendar && s->event && s->recurring;
}

static bool r_organised_by_me(const struct signals *s)
{
	return s->organised_by_me;
}

static bool r_own_organisation(const struct signals *s)
{
	return s->own_organisation;
}

static bool r_to_work(const struct signals *s)
{
	return s->to_work;
}

static bool r_on_the_panel(const struct signals *s)
{
	return s->on_the_panel;
}

/* The press asks the user for an interview: the user is the subject. */
static bool r_press(const struct signals *s)
{
	return s->press;
}

/* A recruiter asks when the user is free: nothing is scheduled yet. */
static bool r_asks_availability(const struct signals *s)
{
	return s->asks_availability && !s->event;
}

/* Slots offered on several days for the reader to choose: nothing is
 * scheduled yet. */
static bool r_options(const struct signals *s)
{
	return s->options && !s->event;
}

/* A decision on the user's own application, a rejection or an offer: a
 * notice greets the user by name or names the application in its
 * subject, whoever relays it with a list's headers or a footer. */
static bool decision_on_user(const struct signals *s)
{
	return (s->greets_user || s->own_application) && s->job && (s->rejection || s->offer);
}

/* A hiring system's mail to the user about their own interview: it
 * greets the user by name and sets a time ("Dear Tomasz, ... Panel
 * interview, Date: Friday 11 December, Time: 9.30am"). */
static bool invite_to_user(const struct signals *s)
{
	return s->greets_user && s->interview_invite && s->have_time && s->job_said;
}

/* Bulk headers, unless the mail is an invite, or tells the user the
 * outcome of their application (a hiring system's rejection and its
 * interview invitations go out with "Precedence: bulk" too). */
static bool r_bulk(const struct signals *s)
{
	return s->bulk_headers && !(s->calendar && s->interview_invite) &&
	    !decision_on_user(s) && !invite_to_user(s);
}

/* A conversation by another name ("a video call with Dana", "Chat with
 * Tom tomorrow at 3pm", "45 mins on Teams"), set for a time, from a
 * person, about a job. */
static bool r_prose_conversation(const struct signals *s)
{
	return s->conversation && s->job && (s->human_from || s->ats_sender) && s->have_time &&
	    !s->not_interview && !s->time_kept;
}

/* News about an interview that keeps its time ("De tijd blijft
 * hetzelfde: do 17/12 van 10:30 tot 12:00", "Timings are unchanged"),
 * not an answer to the user's own mail (that is a reply). */
static bool r_time_kept(const struct signals *s)
{
	return s->time_kept && !s->answers_user && (s->keyword || s->job) && !s->not_interview;
}

/* An interview word and a time; not a reply that only says the time set
 * before stays. */
/* An interview word alone, from a robot, with nothing of a job (no
 * title, no hiring system, no word of an application): a service's
 * appointment ("Your interview for the GLOBAL ENTRY program has been
 * scheduled", a visa's), no employer's. */
static bool r_prose_interview(const struct signals *s)
{
	return s->keyword && s->have_time && !s->not_interview && !s->time_kept &&
	    (s->job_said || s->human_from);
}

/* An interview, or a conversation about the job, set for a time: what
 * outweighs a newsletter's footer or a receipt's thanks. */
static bool meeting_set(const struct signals *s)
{
	return r_prose_interview(s) || r_prose_conversation(s);
}

/* A marketing footer, or an unsubscribe link on mail from anyone but a
 * hiring system, unless a meeting is set up for the reader (a sentence
 * about it speaks to the reader or for a company): a person's message
 * relayed by a network ("Jordan sent you a new message") keeps the
 * relay's footer. */
static bool r_newsletter(const struct signals *s)
{
	return (s->bulk_words || (s->unsubscribe && !s->ats_sender)) && !s->calendar &&
	    !(meeting_set(s) && !s->unaddressed) && !decision_on_user(s);
}

/* Job listings, unless the mail tells the user of their own interview
 * called off, or a decision on their application: a job board's notice
 * ends with a link to "similar jobs" too.  (A listing of walk-in
 * interviews stays a job alert.) */
static bool r_job_alert(const struct signals *s)
{
	return s->job_alert && !decision_on_user(s) && !(s->cancel_prose && s->keyword);
}

/* About a job, or a person answering in a thread (the terse "We've
 * decided not to move forward" names no job), or a person whose no names
 * the job ("we've gone another way for the founding engineer spot").  Not when the mail offers
 * the user a job: a no to one role with an offer of another is an offer. */
static bool r_rejection(const struct signals *s)
{
	return (s->job || (s->reply_like && s->human_from) || (s->human_from && s->rejection_job)) &&
	    s->rejection && !s->calendar_cancel && !s->offer_to_user;
}

/* An event published to an audience by marketing mail: the user is a
 * listener, nobody meets the user. */
static bool r_broadcast(const struct signals *s)
{
	return s->broadcast;
}

/* An offer said plainly; a weak one ("your offer") only without an
 * interview time; never in an invite for an interview. */
static bool r_offer(const struct signals *s)
{
	return s->job && !(s->calendar && s->interview_invite) &&
	    (s->offer || (s->offer_weak && !(s->keyword && s->have_time)));
}

static bool r_calendar_not_interview(const struct signals *s)
{
	return s->calendar && s->event && !s->interview_invite;
}

static bool r_calendar_cancel(const struct signals *s)
{
	return s->calendar && s->event && s->calendar_cancel;
}

static bool r_calendar_sequence(const struct signals *s)
{
	return s->calendar && s->event && s->sequence > 0;
}

static bool r_calendar_rescheduled(const struct signals *s)
{
	return s->calendar && s->event && s->rescheduled;
}

static bool r_calendar_interview(const struct signals *s)
{
	return s->calendar && s->event;
}

/* Called off in the text: an interview, or a conversation about a job. */
static bool r_cancel_prose(const struct signals *s)
{
	return s->cancel_prose && (s->keyword || (s->conversation_word && s->job)) &&
	    !s->not_interview;
}

/* "Thank you for applying", unless it already sets up an interview or a
 * conversation about the job ("I've stuck 30 mins in the diary for
 * tomorrow at 11"). */
static bool r_receipt(const struct signals *s)
{
	return s->receipt && !(s->keyword && s->have_time) && !r_prose_conversation(s);
}

/* The writer is the candidate: asks the user for luck or tips, and no
 * sentence about the interview speaks to the user or for a company. */
static bool r_writer_candidate(const struct signals *s)
{
	return s->writer_candidate && !s->ats_sender && !s->calendar;
}

/* A conversation by another name moved to a new time ("we need to move
 * your Gespräch: neuer Termin ..."), about a job. */
static bool r_prose_conversation_moved(const struct signals *s)
{
	return s->conversation_word && s->rescheduled && s->job && s->have_time &&
	    (s->human_from || s->ats_sender) && !s->not_interview;
}

static bool r_prose_moved(const struct signals *s)
{
	return s->keyword && s->have_time && !s->not_interview && s->rescheduled;
}

/* Someone else's mail: the greeting speaks to another recipient. */
static bool r_greets_other(const struct signals *s)
{
	return s->greets_other;
}

/* Someone else's interview: the writer's own, never the user's. */
static bool r_others_interview(const struct signals *s)
{
	return s->others_interview && !s->calendar;
}

/* A person's reply in a job thread takes up one time in its newest
 * words ("Thursday the 7th at 3 it is", "so that's Wed 16/12 at half
 * past two"): a conversation is set, whatever it is called; moved when
 * the words say so. */
static bool r_thread_time_moved(const struct signals *s)
{
	return s->thread_time && (s->job || s->job_quoted) && s->rescheduled && !s->not_interview;
}

/* The job may be in the quoted mail only ("Confirmed for Tue 3pm ET, see
 * you then" over the user's mail about the role). */
static bool r_thread_time(const struct signals *s)
{
	return s->thread_time && (s->job || s->job_quoted) && !s->not_interview && !s->time_kept;
}

/* A person moves a conversation about a job to another day at its own
 * hour, no clock written ("could we move your phone screen from Tuesday
 * to Wednesday, same time?"): the day is read, the hour is the
 * interview's (the daemon moves the one of the thread). */
static bool r_day_moved(const struct signals *s)
{
	return s->day_moved && (s->job || s->job_quoted) && s->human_from && !s->not_interview &&
	    (s->keyword || s->conversation_word || s->reply_like);
}

/* A person's reply in a job thread: about a job, or answering the
 * user's own mail about one ("Thanks so much, lovely to meet you too"). */
static bool r_reply(const struct signals *s)
{
	return (s->job || s->job_quoted) && s->human_from && s->reply_like && !s->no_opening &&
	    !s->pretend;
}

/* News on the application from a person, with no new time: a decision
 * promised by a date ("we'll come back to you by Friday 11 December"; not
 * "I'll be in touch"), a request for references; the writer's own word,
 * not an answer to the user's mail (to a thank-you, a nudge: a reply,
 * whatever it says).  An update that creates no interview (track: news). */
static bool r_news(const struct signals *s)
{
	return s->job && s->human_from && !s->answers_user &&
	    (s->asks_references || s->decision_promised);
}

static bool r_forwards_own(const struct signals *s)
{
	return s->forwards_own;
}

static bool r_no_job(const struct signals *s)
{
	return !s->job;
}

static bool r_always(const struct signals *s)
{
	(void)s;
	return true;
}

const struct kind_rule detect_kind_rules[] = {
	{ "ignored-sender", r_ignored, DETECT_OTHER, "sender is in detect.ignore_senders" },
	{ "from-me", r_from_me, DETECT_OTHER, "sent by the user" },
	{ "auto-reply", r_auto_reply, DETECT_OTHER, "an automatic reply (out of office)" },
	{ "calendar-reply", r_calendar_reply, DETECT_OTHER, "a calendar reply (accepted/declined)" },
	{ "recurring-meeting", r_recurring, DETECT_OTHER,
	  "a recurring meeting (RRULE): a standing meeting, not an interview" },
	{ "organised-by-me", r_organised_by_me, DETECT_OTHER,
	  "the user organises or hosts this meeting" },
	{ "own-organisation", r_own_organisation, DETECT_OTHER,
	  "everyone is at the user's employer (me.employer_domains)" },
	{ "on-the-panel", r_on_the_panel, DETECT_OTHER,
	  "the user interviews or assesses a candidate here" },
	{ "forwards-own-mail", r_forwards_own, DETECT_OTHER,
	  "a forward of the writer's own mail, which names the user nowhere: their news" },
	{ "bulk", r_bulk, DETECT_OTHER, "bulk mail (List-Id or Precedence)" },
	{ "newsletter", r_newsletter, DETECT_OTHER,
	  "a newsletter or marketing mail (a footer, an unsubscribe link)" },
	{ "job-alert", r_job_alert, DETECT_OTHER, "a job alert" },
	{ "broadcast-event", r_broadcast, DETECT_OTHER,
	  "an event published to an audience (PUBLISH with an unsubscribe link)" },
	{ "greets-other", r_greets_other, DETECT_OTHER,
	  "the greeting speaks to another recipient: the mail is theirs (or a household's), not the user's" },
	{ "work-address", r_to_work, DETECT_OTHER,
	  "it reaches the user only at the employer's address (me.employer_domains): the user's "
	  "current work" },
	{ "rejection", r_rejection, DETECT_REJECTION, "rejection wording" },
	{ "offer", r_offer, DETECT_OFFER, "offer wording" },
	{ "press-interview", r_press, DETECT_OTHER,
	  "an interview of the user by the press, not for a job" },
	{ "calendar-not-interview", r_calendar_not_interview, DETECT_OTHER,
	  "a calendar invite not about a job interview" },
	{ "calendar-cancel", r_calendar_cancel, DETECT_CANCEL, "calendar CANCEL" },
	{ "calendar-sequence", r_calendar_sequence, DETECT_UPDATE,
	  "calendar invite with a higher SEQUENCE" },
	{ "calendar-rescheduled", r_calendar_rescheduled, DETECT_UPDATE, "calendar invite, rescheduled" },
	{ "calendar-interview", r_calendar_interview, DETECT_INTERVIEW, "calendar invite for an interview" },
	{ "cancel-prose", r_cancel_prose, DETECT_CANCEL, "interview cancelled in the text" },
	{ "receipt", r_receipt, DETECT_OTHER, "an application receipt" },
	{ "asks-availability", r_asks_availability, DETECT_OTHER,
	  "times are asked for, none is scheduled yet" },
	{ "options-offered", r_options, DETECT_OTHER,
	  "times on several days are offered to choose from, none is scheduled yet" },
	{ "others-interview", r_others_interview, DETECT_OTHER,
	  "the interview is the writer's own, not the user's" },
	{ "writer-candidate", r_writer_candidate, DETECT_OTHER,
	  "the writer is the candidate (asks for luck or tips); nothing about the interview speaks to the user" },
	{ "time-kept", r_time_kept, DETECT_UPDATE,
	  "news about an interview that keeps its time, the time in the text" },
	{ "prose-moved", r_prose_moved, DETECT_UPDATE, "interview moved, time in the text" },
	{ "prose-conversation-moved", r_prose_conversation_moved, DETECT_UPDATE,
	  "a conversation about a job moved, new time in the text" },
	{ "prose-interview", r_prose_interview, DETECT_INTERVIEW, "interview with a time in the text" },
	{ "prose-conversation", r_prose_conversation, DETECT_INTERVIEW,
	  "a conversation about a job set for a time in the text" },
	{ "thread-time-moved", r_thread_time_moved, DETECT_UPDATE,
	  "a reply in a job thread moves the conversation to a time" },
	{ "thread-time", r_thread_time, DETECT_INTERVIEW,
	  "a reply in a job thread takes up a time for a conversation" },
	{ "day-moved", r_day_moved, DETECT_UPDATE,
	  "a conversation about a job moved to another day at its own hour" },
	{ "news", r_news, DETECT_UPDATE,
	  "news on the application from a person: a decision date or references, no new time" },
	{ "reply", r_reply, DETECT_REPLY, "a reply in a job thread" },
	{ "no-job", r_no_job, DETECT_OTHER, "nothing about a job" },
	{ "no-time", r_always, DETECT_OTHER, "about a job, but no interview time" },
};

const size_t detect_kind_nrules = ARRAY_LEN(detect_kind_rules);

const struct kind_rule *detect_classify(const struct signals *s)
{
	size_t i;

	for (i = 0; i + 1 < detect_kind_nrules; i++) {
		if (detect_kind_rules[i].test(s))
			return &detect_kind_rules[i];
	}
	return &detect_kind_rules[detect_kind_nrules - 1];
}

char *kind_reason(const struct kind_rule *r, const struct signals *s)
{
	/* The invite that is no interview says which, for the audit log. */
	if (r->test == r_calendar_not_interview)
		return xasprintf("calendar %s%s%s not about a job interview: \"%.*s\"",
		    s->method == ICS_METHOD_NONE ? "event" : ics_method_str(s->method),
		    s->calendar_cancel ? " (cancelled)" : "", s->sequence > 0 ? " (updated)" : "",
		    utf8_prefix(s->summary ? s->summary : "", 80), s->summary ? s->summary : "");
	return xstrdup(r->reason);
}

const char *detect_rule_name(const char *name)
{
	size_t i;

	for (i = 0; name != NULL && i < detect_kind_nrules; i++) {
		if (strcmp(name, detect_kind_rules[i].name) == 0)
			return detect_kind_rules[i].name;
	}
	return NULL;
}
