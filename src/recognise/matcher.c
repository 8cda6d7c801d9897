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

bool matcher_each(const struct matcher *m, const char *text, matcher_fn fn, void *arg)
{
	const unsigned char *p = (const unsigned char *)text;
	const uint16_t *move = m->move, *ends = m->ends;
	size_t s = 0;

	for (size_t i = 0; p[i] != '\0'; i++) {
		s = move[m->at[p[i]] + s];
		if (ends[s] == 0)
			continue;
		for (size_t t = ends[s]; t != 0; t = ends[m->fail[t]]) {
			for (uint32_t j = m->first[t]; j < m->first[t + 1]; j++) {
				size_t k = m->word[j];

				if (fn(k, i + 1 - m->len[k], arg))
					return true;
			}
		}
	}
	return false;
}

bool matcher_first(const struct matcher *m, const char *text, matcher_fn accept, void *arg,
    size_t *k, size_t *start)
{
	const unsigned char *p = (const unsigned char *)text;
	const uint16_t *move = m->move, *ends = m->ends;
	size_t stop = SIZE_MAX;
	size_t s = 0;

	/* once one is found, whatever ends past stop starts after it */
	for (size_t i = 0; p[i] != '\0' && i < stop; i++) {
		s = move[m->at[p[i]] + s];
		if (ends[s] == 0)
			continue;
		for (size_t t = ends[s]; t != 0; t = ends[m->fail[t]]) {
			for (uint32_t j = m->first[t]; j < m->first[t + 1]; j++) {
				size_t w = m->word[j], at = i + 1 - m->len[w];

				if ((stop == SIZE_MAX || at < *start || (at == *start && w < *k)) &&
				    accept(w, at, arg)) {
					*k = w;
					*start = at;
					stop = at + m->longest;
				}
			}
		}
	}
	return stop != SIZE_MAX;
}
