/*
 * matcher: every word of a list found in a text in one pass, however many
 * words the list has (Aho-Corasick, as a table of moves: one per byte of
 * the text).  Looking for each word in turn (strstr) reads the text once
 * per word; a matcher is built once per list and then reads each text once.
 *
 * Bytes are compared as they are: no case folding and no idea of words.
 * A caller that wants whole words judges the bytes around an occurrence
 * itself (detect_text.c does, for the lexicon's lists).  Empty words are
 * never found.
 *
 * Memory: a table of (states x columns) 2-byte moves, where states are at
 * most the words' total length + 1 and columns the distinct bytes they use
 * + 1: a list of 100 words of 10 bytes with 30 distinct bytes takes about
 * 60 KiB.  So the words may total 65,534 bytes at most: more is a
 * programming error, and the program stops (fatal, EXIT_SOFTWARE), as it
 * does when memory runs out (util.h); nothing else fails.  A matcher is
 * never changed after matcher_new(), so any number of searches may use it.
 */
#ifndef FOLLOWUPD_MATCHER_H
#define FOLLOWUPD_MATCHER_H

#include <stdbool.h>
#include <stddef.h>

struct matcher;

/* An occurrence of word k at text[start..start + its length); for
 * matcher_each, true stops the search; for matcher_first, true counts it. */
typedef bool (*matcher_fn)(size_t k, size_t start, void *arg);

/* A matcher for words[0..n), NUL-terminated strings (read only here: they
 * need not outlive it).  Free with matcher_free(). */
struct matcher *matcher_new(const char *const *words, size_t n);
void matcher_free(struct matcher *m);

/*
 * Call fn for every occurrence of every word in text (up to its NUL),
 * overlapping ones too, in the order of the offsets where they end; at one
 * end, longer words first, and of equal words the lower k first.  Returns
 * true as soon as fn does, false when the text is read to its end.
 */
bool matcher_each(const struct matcher *m, const char *text, matcher_fn fn, void *arg);

/*
 * The occurrence that starts first among those accept() counts (of those
 * starting at one offset, the lowest k): true with *k and *start set, false
 * when accept() counts none.  accept() is asked only about occurrences
 * that would be better than the best so far, in no particular order, and
 * not about those that cannot be: it must be a pure test.
 */
bool matcher_first(const struct matcher *m, const char *text, matcher_fn accept, void *arg,
    size_t *k, size_t *start);

#endif
