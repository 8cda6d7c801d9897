/*
 * matcher: Aho-Corasick over the bytes of a word list (see matcher.h).
 *
 * The words make a trie; each state's fail link is the longest proper
 * suffix of its path that is also a path, and a missing move takes the
 * move of the fail state, so the table has a move for every state and
 * column and a search is one lookup per byte.  Columns are the distinct
 * bytes of the words (column 0: every other byte, which always leads back
 * to the root): ~30 columns, not 256.  A state's words are the ones ending
 * there; ends[s] is the first state on s's fail chain (s included) that
 * has some, so the states without a word on their chain cost nothing.
 *
 * Built row by row (a state's moves together), the table is then stored
 * column by column: a byte's column starts at at[byte], and the next state
 * is move[at[byte] + state], one addition after the load of the last
 * state instead of a multiplication and an addition, which is what a
 * search waits for at every byte.
 *
 * So a search makes two walks at once, each waiting only for its own
 * loads: one over the first half of the text, one over the rest, started
 * longest - 1 bytes before it so that it sees every word that ends in the
 * rest (the first walk reports the words ending in the first half).  On
 * mail text this reads a list's words ~1.5-1.8 times as fast as glibc's
 * AVX-512 strstr() looking for each word in turn; one walk was about as
 * fast.
 */
#include "autoconfig.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "matcher.h"
#include "util.h"

struct matcher {
	unsigned char col[256];   /* byte -> column */
	uint32_t at[256];         /* byte -> where its column starts in move */
	size_t ncols, nstates;
	uint16_t *move;           /* [column * nstates + state] -> state (while
	                             built: [state * ncols + column]) */
	uint16_t *fail;           /* per state */
	uint16_t *ends;           /* per state: see above; 0 (the root): none */
	uint32_t *first;          /* word[first[s] .. first[s + 1]): s's words */
	uint32_t *word;           /* word indexes, by state, ascending */
	size_t *len;              /* per word */
	size_t longest;
};

/* The trie of the words: m->move holds its edges (0: none, as no edge
 * leads to the root); each word's last state into last[]. */
static void trie_build(struct matcher *m, const char *const *words, size_t n, uint16_t *last)
{
	for (size_t k = 0; k < n; k++) {
		uint16_t s = 0;

		for (const unsigned char *p = (const unsigned char *)words[k]; *p; p++) {
			uint16_t *to = &m->move[s * m->ncols + m->col[*p]];

			if (*to == 0)
				*to = (uint16_t)m->nstates++;
			s = *to;
		}
		last[k] = s;
	}
}

/* Each state's words, ascending (s's are word[first[s] .. first[s + 1])). */
static void words_by_state(struct matcher *m, size_t n, const uint16_t *last)
{
	uint32_t *at;

	m->first = xcalloc(m->nstates + 1, sizeof(*m->first));
	m->word = xcalloc(n, sizeof(*m->word));
	for (size_t k = 0; k < n; k++)
		if (m->len[k] > 0)
			m->first[last[k] + 1]++;
	for (size_t s = 0; s < m->nstates; s++)
		m->first[s + 1] += m->first[s];
	at = xcalloc(m->nstates, sizeof(*at));
	for (size_t k = 0; k < n; k++)
		if (m->len[k] > 0)
			m->word[m->first[last[k]] + at[last[k]]++] = (uint32_t)k;
	free(at);
}

/* Breadth first (a fail state is always nearer the root than its state,
 * so its row is complete when needed): fail links, ends, and the missing
 * moves filled in. */
static void links_build(struct matcher *m)
{
	uint16_t *queue = xcalloc(m->nstates, sizeof(*queue));
	size_t head = 0, tail = 0;

	m->fail = xcalloc(m->nstates, sizeof(*m->fail));
	m->ends = xcalloc(m->nstates, sizeof(*m->ends));
	for (size_t c = 0; c < m->ncols; c++) {
		uint16_t t = m->move[c];

		if (t != 0) {
			m->ends[t] = m->first[t + 1] > m->first[t] ? t : 0;
			queue[tail++] = t;
		}
	}
	while (head < tail) {
		uint16_t s = queue[head++];
		const uint16_t *back = &m->move[m->fail[s] * m->ncols];
		uint16_t *row = &m->move[s * m->ncols];

		for (size_t c = 0; c < m->ncols; c++) {
			uint16_t t = row[c];

			if (t == 0) {
				row[c] = back[c];
				continue;
			}
			m->fail[t] = back[c];
			m->ends[t] = m->first[t + 1] > m->first[t] ? t : m->ends[m->fail[t]];
			queue[tail++] = t;
		}
	}
	free(queue);
}

/* The built table stored column by column, and each byte's column start. */
static void by_column(struct matcher *m)
{
	uint16_t *t = xcalloc(m->nstates, m->ncols * sizeof(*t));

	for (size_t s = 0; s < m->nstates; s++)
		for (size_t c = 0; c < m->ncols; c++)
			t[c * m->nstates + s] = m->move[s * m->ncols + c];
	free(m->move);
	m->move = t;
	for (size_t b = 0; b < 256; b++)
		m->at[b] = (uint32_t)(m->col[b] * m->nstates);
}

struct matcher *matcher_new(const char *const *words, size_t n)
{
	struct matcher *m = xcalloc(1, sizeof(*m));
	size_t total = 0;
	uint16_t *last;

	m->len = xcalloc(n, sizeof(*m->len));
	m->ncols = 1;
	for (size_t k = 0; k < n; k++) {
		m->len[k] = strlen(words[k]);
		total += m->len[k];
		if (m->len[k] > m->longest)
			m->longest = m->len[k];
		for (const unsigned char *p = (const unsigned char *)words[k]; *p; p++)
			if (m->col[*p] == 0)
				m->col[*p] = (unsigned char)m->ncols++;
	}
	/* states (total + 1 at most) are numbered in 16 bits */
	if (total >= UINT16_MAX)
		fatal(EXIT_SOFTWARE, "matcher: %zu bytes of words", total);
	m->move = xcalloc(total + 1, m->ncols * sizeof(*m->move));
	m->nstates = 1;
	last = xcalloc(n, sizeof(*last));
	trie_build(m, words, n, last);
	words_by_state(m, n, last);
	free(last);
	links_build(m);
	by_column(m);
	return m;
}

void matcher_free(struct matcher *m)
{
	if (m == NULL)
		return;
	free(m->move);
	free(m->fail);
	free(m->ends);
	free(m->first);
	free(m->word);
	free(m->len);
	free(m);
}

/* The words ending at text[i] in state s, to fn; true when fn stops. */
static bool each_at(const struct matcher *m, size_t s, size_t i, matcher_fn fn, void *arg)
{
	for (size_t t = m->ends[s]; t != 0; t = m->ends[m->fail[t]]) {
		for (uint32_t j = m->first[t]; j < m->first[t + 1]; j++) {
			size_t k = m->word[j];

			if (fn(k, i + 1 - m->len[k], arg))
				return true;
		}
	}
	return false;
}

/* The second walk's finds are held until the first is done, so fn sees
 * every word in order; the second waits while it holds as many as it may. */
bool matcher_each(const struct matcher *m, const char *text, matcher_fn fn, void *arg)
{
	const unsigned char *p = (const unsigned char *)text;
	const uint16_t *move = m->move, *ends = m->ends;
	size_t len = strlen(text), mid = len / 2, i = 0, j, sa = 0, sb = 0, nheld = 0;
	struct {
		size_t at, s;
	} held[32];

	if (mid > m->longest) {
		for (j = mid + 1 - m->longest; i < mid; i++) {
			sa = move[m->at[p[i]] + sa];
			if (nheld < ARRAY_LEN(held)) {
				sb = move[m->at[p[j]] + sb];
				if (ends[sb] != 0 && j >= mid) {
					held[nheld].at = j;
					held[nheld++].s = sb;
				}
				j++;
			}
			if (ends[sa] != 0 && each_at(m, sa, i, fn, arg))
				return true;
		}
		for (size_t h = 0; h < nheld; h++)
			if (each_at(m, held[h].s, held[h].at, fn, arg))
				return true;
		i = j;
		sa = sb;
	}
	for (; i < len; i++) {
		sa = move[m->at[p[i]] + sa];
		if (ends[sa] != 0 && each_at(m, sa, i, fn, arg))
			return true;
	}
	return false;
}

/* matcher_first's best so far, and where a walk may stop (SIZE_MAX: none
 * found yet). */
struct best {
	size_t k, start, stop;
};

/* The words ending at text[i] in state s that accept() counts and that
 * beat b: into b. */
static void best_at(const struct matcher *m, size_t s, size_t i, matcher_fn accept, void *arg,
    struct best *b)
{
	for (size_t t = m->ends[s]; t != 0; t = m->ends[m->fail[t]]) {
		for (uint32_t j = m->first[t]; j < m->first[t + 1]; j++) {
			size_t w = m->word[j], at = i + 1 - m->len[w];

			if ((b->stop == SIZE_MAX || at < b->start || (at == b->start && w < b->k)) &&
			    accept(w, at, arg)) {
				b->k = w;
				b->start = at;
				/* whatever ends past here starts after it */
				b->stop = at + m->longest;
			}
		}
	}
}

/* Once one is found, each walk stops where whatever ends later would start
 * after it. */
bool matcher_first(const struct matcher *m, const char *text, matcher_fn accept, void *arg,
    size_t *k, size_t *start)
{
	const unsigned char *p = (const unsigned char *)text;
	const uint16_t *move = m->move, *ends = m->ends;
	size_t len = strlen(text), mid = len / 2, i = 0, j = 0, sa = 0, sb = 0;
	struct best b = { 0, 0, SIZE_MAX };

	if (mid > m->longest) {
		for (j = mid + 1 - m->longest; i < mid && i < b.stop; i++, j++) {
			sa = move[m->at[p[i]] + sa];
			sb = move[m->at[p[j]] + sb];
			if (ends[sa] != 0)
				best_at(m, sa, i, accept, arg, &b);
			if (ends[sb] != 0 && j >= mid)
				best_at(m, sb, j, accept, arg, &b);
		}
		i = j;
		sa = sb;
	}
	for (; i < len && i < b.stop; i++) {
		sa = move[m->at[p[i]] + sa];
		if (ends[sa] != 0)
			best_at(m, sa, i, accept, arg, &b);
	}
	if (b.stop == SIZE_MAX)
		return false;
	*k = b.k;
	*start = b.start;
	return true;
}
