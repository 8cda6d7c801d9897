/*
 * backoff: how long to wait before trying a failing thing again.
 *
 * Pure policy: no clock, no randomness of its own.  A struct backoff
 * remembers the current step; each failure doubles it, from min up to
 * max; a success resets it.  The delay actually waited is the step with
 * jitter, 75% to 125% of it, taken from a random number the caller draws
 * (random()), so that many daemons do not knock on a server in step.
 *
 * The daemon keeps three: the IMAP connection (2 s to 10 min), a refused
 * login (1 min to 1 hour: it needs the user, see attention.h) and a
 * command the server refused on a good connection (SELECT, SEARCH, FETCH
 * answered NO: 2 s to 10 min).
 */
#ifndef FOLLOWUPD_BACKOFF_H
#define FOLLOWUPD_BACKOFF_H

struct backoff {
	int min;                    /* seconds of the first step, > 0 */
	int max;                    /* seconds, the cap, >= min */
	int step;                   /* the current step; 0 before any failure */
};

#define BACKOFF_INIT(lo, hi) { .min = (lo), .max = (hi), .step = 0 }

/*
 * One more failure: the next step (min, then twice the last one, at most
 * max) and the delay to wait, the step scaled by jitter into 75%..125%
 * (rnd is any non-negative random number; the same rnd gives the same
 * delay).  Never returns less than 1.
 */
int backoff_next(struct backoff *b, long rnd);
/* A failure of another kind that deserves at least floor seconds: the
 * step goes up to floor (if it was lower), then as backoff_next. */
int backoff_next_at_least(struct backoff *b, int floor, long rnd);
/* Success: the next failure starts again at min. */
void backoff_reset(struct backoff *b);

#endif
