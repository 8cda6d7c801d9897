/*
 * notes: what the user wrote about an interview, and who may read each line.
 *
 * Notes come from the user's replies to the reflection prompt (mail to
 * themselves) and from `followupctl note`.  People write there what they
 * would tell nobody else ("I fumbled the idempotency question"), so notes
 * are private by default: a line goes into mail to someone else only when
 * the user addressed it, at the start of the line:
 *
 *   Ada: I keep thinking about your point on retries.   Ada's mails only
 *   Ada Brooks: ...   ada@acme.example: ...               the same
 *   All: ...  (or "Everyone: ...")                       every interviewer's
 *                                                        thank-you
 *
 * The name before the colon is matched, ignoring case, against the
 * interview's people: first name, full name or address.  A name that fits
 * more than one of them ("Ada:" with Ada Brooks and Ada Quinn) is
 * ambiguous and the line stays private.  Every other line is private: it
 * appears only in mail to the user (the reflection prompt).
 *
 * Pure: no I/O, no store; the caller passes the texts and the people.
 */
#ifndef FOLLOWUPD_NOTES_H
#define FOLLOWUPD_NOTES_H

#include <stdbool.h>
#include <stddef.h>

enum notes_to {
	NOTES_PRIVATE = 0,   /* for the user alone */
	NOTES_ALL,           /* "All:": every interviewer */
	NOTES_ONE,           /* "Ada:": one person (notes_line.person) */
	NOTES_AMBIGUOUS,     /* a name that fits several people: private */
};

/* A person of the interview, borrowed; name or email may be NULL. */
struct notes_person {
	const char *name;
	const char *email;
};

struct notes_line {
	enum notes_to to;
	size_t person;       /* index into the people, for NOTES_ONE */
	char *text;          /* the words: without "Name:" when addressed */
	char *line;          /* the line as written (trimmed) */
};

/* Zero it before the first use; free with notes_free(). */
struct notes {
	struct notes_line *v;
	size_t n;
};

/*
 * Split texts[0..ntexts-1] (each one note, several lines) into lines and
 * decide each line's audience against people[0..npeople-1].  Blank lines
 * are dropped.  Appends to *out.
 */
void notes_parse(const char *const *texts, size_t ntexts,
    const struct notes_person *people, size_t npeople, struct notes *out);

/*
 * The words for one audience, joined with sep: NOTES_ONE with the person's
 * index `who` (other audiences ignore it); NOTES_PRIVATE gives every line
 * as written (for the user's own mail).  Returns a new string, or NULL when
 * there is nothing.
 */
char *notes_join(const struct notes *n, enum notes_to to, size_t who, const char *sep);

/* How many lines have audience `to`. */
size_t notes_count(const struct notes *n, enum notes_to to);

/* One line for the user: "1 line for Ada Brooks, 1 for all interviewers,
 * 3 private" (new string). */
char *notes_summary(const struct notes *n, const struct notes_person *people,
    size_t npeople);

void notes_free(struct notes *n);

#endif
