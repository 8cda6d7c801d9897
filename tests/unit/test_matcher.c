/*
 * Unit tests for matcher: occurrences pinned in tables (overlapping words,
 * a word inside another, shared prefixes, 8-bit bytes, duplicates, empty
 * words), then every answer checked against strstr() over generated texts;
 * and the lexicon's lists read through their matchers (find_any(),
 * lex_hits_next()) against find_phrase() and strstr() from every offset.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "detect_int.h"
#include "lexicon.h"
#include "matcher.h"
#include "util.h"

/* Occurrences as "k@start" in the order found, space-separated. */
struct seen {
	char s[512];
	size_t n, stop_after;   /* stop_after 0: never stop */
};

static bool record(size_t k, size_t start, void *arg)
{
	struct seen *v = arg;
	size_t l = strlen(v->s);

	snprintf(v->s + l, sizeof(v->s) - l, "%s%zu@%zu", l > 0 ? " " : "", k, start);
	return ++v->n == v->stop_after;
}

static const char *each(const char *const *words, size_t n, const char *text, size_t stop_after)
{
	static struct seen v;
	struct matcher *m = matcher_new(words, n);
	bool stopped;

	memset(&v, 0, sizeof(v));
	v.stop_after = stop_after;
	stopped = matcher_each(m, text, record, &v);
	assert_int_equal(stopped, stop_after > 0 && v.n == stop_after);
	matcher_free(m);
	return v.s;
}

static void test_each(void **state)
{
	static const char *const hers[] = { "he", "she", "his", "hers" };
	static const char *const nest[] = { "a", "aa", "aaa" };
	static const char *const prefix[] = { "interview", "interviews", "inter", "view" };
	static const char *const dup[] = { "call", "", "call", "all" };
	static const char *const bytes[] = { "gespr\xc3\xa4" "ch", "\xc3\xa4", "a-b", "\t" };

	(void)state;
	/* at one end, the longer word first */
	assert_string_equal(each(hers, 4, "ushers", 0), "1@1 0@2 3@2");
	assert_string_equal(each(hers, 4, "hishe", 0), "2@0 1@2 0@3");
	assert_string_equal(each(nest, 3, "aaaa", 0), "0@0 1@0 0@1 2@0 1@1 0@2 2@1 1@2 0@3");
	assert_string_equal(each(prefix, 4, "interviews", 0), "2@0 0@0 3@5 1@0");
	/* equal words: the lower index first; the empty word never */
	assert_string_equal(each(dup, 4, "recall", 0), "0@2 2@2 3@3");
	/* bytes as they are: no case, no words, 8-bit and control bytes */
	assert_string_equal(each(bytes, 4, "Gespr\xc3\xa4" "ch a-b\ta-bc", 0), "1@5 2@10 3@13 2@14");
	assert_string_equal(each(bytes, 4, "gespr\xc3\xa4" "ch", 0), "1@5 0@0");
	assert_string_equal(each(hers, 4, "HERS", 0), "");
	assert_string_equal(each(hers, 4, "", 0), "");
	assert_string_equal(each(hers, 0, "hers", 0), "");
	/* fn's true stops the search */
	assert_string_equal(each(nest, 3, "aaaa", 2), "0@0 1@0");
}

/* accept: only occurrences starting at an even offset, or any (arg NULL). */
static bool even(size_t k, size_t start, void *arg)
{
	(void)k;
	return arg == NULL || start % 2 == 0;
}

static void test_first(void **state)
{
	static const char *const words[] = { "cat", "concatenate", "ten", "at", "con" };
	struct matcher *m = matcher_new(words, 5);
	size_t k = 99, start = 99;

	(void)state;
	/* "concatenate" and "con" both start at 0: the lower index */
	assert_true(matcher_first(m, "concatenate", even, NULL, &k, &start));
	assert_int_equal(k, 1);
	assert_int_equal(start, 0);
	/* a longer word ending later may start earlier than the first found */
	matcher_free(m);
	m = matcher_new(words, 2);
	assert_true(matcher_first(m, "xxconcatenate", even, NULL, &k, &start));
	assert_int_equal(k, 1);
	assert_int_equal(start, 2);
	matcher_free(m);
	m = matcher_new(words, 5);
	/* refused occurrences do not count */
	assert_true(matcher_first(m, "xcat", even, (void *)1, &k, &start));
	assert_int_equal(k, 3);
	assert_int_equal(start, 2);
	assert_false(matcher_first(m, "xat", even, (void *)1, &k, &start));
	assert_false(matcher_first(m, "dog", even, NULL, &k, &start));
	matcher_free(m);
	matcher_free(NULL);
}

/* ---- against strstr ---- */

struct all {
	size_t *k, *start, n;
};

static bool collect(size_t k, size_t start, void *arg)
{
	struct all *a = arg;

	a->k[a->n] = k;
	a->start[a->n++] = start;
	return false;
}

static uint32_t rnd_state = 12345;

static uint32_t rnd(void)
{
	rnd_state = rnd_state * 1103515245u + 12345u;
	return (rnd_state >> 16) & 0x7fff;
}

/* A string of len bytes from a small alphabet, so words overlap often. */
static void rnd_string(char *s, size_t len)
{
	static const char alphabet[] = "aab \xc3\xa4-";

	for (size_t i = 0; i < len; i++)
		s[i] = alphabet[rnd() % (sizeof(alphabet) - 1)];
	s[len] = '\0';
}

/* Every occurrence strstr() finds, word by word, is found once, at the
 * right end offset order; matcher_first() gives the earliest. */
static void test_against_strstr(void **state)
{
	(void)state;
	for (int round = 0; round < 300; round++) {
		char wbuf[8][6], text[300];
		const char *words[8];
		size_t n = 1 + rnd() % 8, total = 0, best_k = 0, best = SIZE_MAX, k, start;
		struct all a;
		struct matcher *m;

		for (size_t i = 0; i < n; i++) {
			rnd_string(wbuf[i], rnd() % 5);
			words[i] = wbuf[i];
		}
		/* long texts too: the second walk holds many finds */
		rnd_string(text, rnd() % (round % 3 == 0 ? 300 : 80));
		a.k = xcalloc(300 * 8, sizeof(size_t));
		a.start = xcalloc(300 * 8, sizeof(size_t));
		a.n = 0;
		m = matcher_new(words, n);
		assert_false(matcher_each(m, text, collect, &a));
		for (size_t i = 0; i < n; i++) {
			size_t len = strlen(words[i]);

			if (len == 0)
				continue;
			for (const char *p = text; (p = strstr(p, words[i])) != NULL; p++) {
				size_t at = (size_t)(p - text), j;

				for (j = 0; j < a.n && !(a.k[j] == i && a.start[j] == at); j++)
					;
				assert_true(j < a.n);
				total++;
				if (at < best || (at == best && i < best_k)) {
					best = at;
					best_k = i;
				}
			}
		}
		assert_int_equal(a.n, total);
		for (size_t j = 1; j < a.n; j++) {
			size_t e0 = a.start[j - 1] + strlen(words[a.k[j - 1]]);
			size_t e1 = a.start[j] + strlen(words[a.k[j]]);

			assert_true(e0 <= e1);
		}
		assert_int_equal(matcher_first(m, text, even, NULL, &k, &start), total > 0);
		if (total > 0) {
			assert_int_equal(start, best);
			assert_int_equal(k, best_k);
		}
		matcher_free(m);
		free(a.k);
		free(a.start);
	}
}

/* Words totalling nearly the most a matcher takes (65,534 bytes): the
 * 16-bit states still find every word, the last ones included. */
static void test_large(void **state)
{
	enum { N = 5000, LEN = 13 };
	char (*buf)[LEN + 1] = xcalloc(N, sizeof(*buf));
	const char **words = xcalloc(N, sizeof(*words));
	char text[3 * (LEN + 1) + 1];
	struct seen v;
	struct matcher *m;

	(void)state;
	for (size_t k = 0; k < N; k++) {
		for (size_t i = 0; i < LEN; i++)
			buf[k][i] = (char)('A' + rnd() % 58);
		words[k] = buf[k];
	}
	m = matcher_new(words, N);
	snprintf(text, sizeof(text), "%s %s %s", buf[N - 1], buf[0], buf[N / 2]);
	memset(&v, 0, sizeof(v));
	assert_false(matcher_each(m, text, record, &v));
	snprintf(text, sizeof(text), "%d@0 0@%d %d@%d", N - 1, LEN + 1, N / 2, 2 * (LEN + 1));
	assert_string_equal(v.s, text);
	matcher_free(m);
	free(words);
	free(buf);
}

/* ---- the lexicon's lists ---- */

/* The first whole-word place of any word of l, the slow way. */
static const char *any_slow(const char *text, const struct lexicon *l)
{
	const char *best = NULL, *p;

	for (size_t k = 0; k < l->n; k++)
		if ((p = find_phrase(text, l->w[k])) != NULL && (best == NULL || p < best))
			best = p;
	return best;
}

/* find_any() and lex_hits_next() on text give what find_phrase() and
 * strstr() give, from every offset (lex_hits_next's left edge is the
 * offset searched from, as find_phrase's is). */
static void check_lexicon_text(const struct lexicon *l, const char *text)
{
	struct lex_hits h;
	size_t len = strlen(text);

	assert_ptr_equal(find_any(text, l), any_slow(text, l));
	lex_hits_find(&h, text, l);
	for (size_t k = 0; k < l->n; k++) {
		for (size_t from = 0; from <= len; from++) {
			assert_ptr_equal(lex_hits_next(&h, k, text + from, true),
			    find_phrase(text + from, l->w[k]));
			assert_ptr_equal(lex_hits_next(&h, k, text + from, false),
			    strstr(text + from, l->w[k]));
		}
	}
	lex_hits_free(&h);
}

static void test_lexicon(void **state)
{
	const struct lexicon *lists[] = { &lex_interview_words, &lex_interview_stems,
		&lex_rejection_phrases, &lex_addressed_words, &lex_decision_words, &lex_job_nouns,
		&lex_rej_other_stems, &lex_time_confirmed };
	static const char *const texts[] = {
		"we will not be moving forward with your application at this time.",
		"your interview: phone-screen, onsite / on-site (interviews) -- interviewing",
		"Re: Vorstellungsgespr\xc3\xa4" "ch, entrevista; haastatteluun!",
		"", "a", "interviewinterview interview", "we're we are we've weave",
	};
	static const char *const glue[] = { " ", "", "-", ".", "x", "\xc3\xa9", "\n\n", "'" };

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(lists); i++) {
		const struct lexicon *l = lists[i];

		for (size_t t = 0; t < ARRAY_LEN(texts); t++)
			check_lexicon_text(l, texts[t]);
		/* the list's own words glued every way: overlaps, words inside
		 * words, starts and ends of the text */
		for (int round = 0; round < 20; round++) {
			char text[400] = "";

			for (int w = 0; w < 8; w++) {
				const char *word = l->w[rnd() % l->n], *g = glue[rnd() % ARRAY_LEN(glue)];

				if (strlen(text) + strlen(word) + strlen(g) + 1 >= sizeof(text))
					break;
				strcat(text, word);
				strcat(text, g);
			}
			check_lexicon_text(l, text);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_each),
		cmocka_unit_test(test_first),
		cmocka_unit_test(test_against_strstr),
		cmocka_unit_test(test_large),
		cmocka_unit_test(test_lexicon),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
