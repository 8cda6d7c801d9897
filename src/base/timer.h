/*
 * timer: things due at a time, for a poll() loop (like isync's wakeup_t).
 *
 * A timer has a due time, a callback and the callback's argument.  Each
 * timed thing of a program owns one timer, adds it once to the program's
 * set, and arms it (at a time) or disarms it as its state changes; the loop
 * sleeps until timers_next_due() and then calls timers_run_due().
 *
 * Order of business: the due timers run in the order they were added to
 * the set, not in the order of their due times, so that a program states
 * once what comes first when several things are due together (the daemon:
 * connect before sync before sending).  A timer is disarmed just before its
 * callback runs; the callback may arm or disarm any timer, itself too.
 * Within one timers_run_due(), a timer armed (for now or earlier) by a
 * callback runs in the same pass if it comes later in the set, and in the
 * next pass if it comes earlier or is the callback's own: a callback that
 * re-arms itself for now cannot spin.
 *
 * The clock: seconds of the wall clock (time(NULL)), the clock of every due
 * time the daemon keeps (the outbox's mails, the looks for sent copies, the
 * store's dates).  A monotonic clock would need every such time converted at
 * each turn; the price of the wall clock is that a clock step moves the
 * relative timers (a backoff, the IDLE refresh) with it, which a poll()
 * bounded by timers_poll_timeout() recovers from within a turn.
 *
 * Pure: no clock, no I/O, no allocation; the caller passes now.
 */
#ifndef FOLLOWUPD_TIMER_H
#define FOLLOWUPD_TIMER_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

/* The longest poll() timeout timers_poll_timeout() gives, in ms (a day). */
#define TIMER_MAX_WAIT_MS (24 * 3600 * 1000)

/* now: the now timers_run_due() was given. */
typedef void timer_fn(void *arg, time_t now);

/* Members are private to timer.c; zero-initialise, then timers_add(). */
struct timer {
	timer_fn *fn;
	void *arg;
	time_t due;
	bool armed;
	struct timer *next;         /* in the set, in order of business */
};

struct timers {
	struct timer *first;
	struct timer *last;
};

#define TIMERS_INIT { NULL, NULL }

/* Add t (disarmed) to the end of the set with its callback.  A timer is
 * added once and stays in its set; ts and t must outlive their use. */
void timers_add(struct timers *ts, struct timer *t, timer_fn *fn, void *arg);

/* Arm t for due (replacing any earlier due time); disarm it. */
void timer_arm(struct timer *t, time_t due);
void timer_disarm(struct timer *t);
/* Whether t is armed; its due time: the one it was last armed for (kept
 * when it is disarmed or has run, so it may serve as the thing's own
 * clock while it waits for something else; 0 before the first arming). */
bool timer_armed(const struct timer *t);
time_t timer_due(const struct timer *t);

/* The earliest due time of an armed timer of the set into *due; false
 * (and *due untouched) when none is armed. */
bool timers_next_due(const struct timers *ts, time_t *due);
/* The poll() timeout until the next due timer: -1 when none is armed, 0
 * when one is due at or before now, else the wait in ms, at most
 * TIMER_MAX_WAIT_MS. */
int timers_poll_timeout(const struct timers *ts, time_t now);

/* Run, in the set's order, every armed timer due at or before now (each
 * disarmed before its callback; see the order of business above).
 * Returns how many ran. */
size_t timers_run_due(struct timers *ts, time_t now);

#endif
