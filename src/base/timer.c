/* timer: things due at a time, for a poll() loop.  See timer.h. */
#include "autoconfig.h"

#include "timer.h"

void
timers_add(struct timers *ts, struct timer *t, timer_fn *fn, void *arg)
{
	*t = (struct timer){ .fn = fn, .arg = arg };
	if (ts->last)
		ts->last->next = t;
	else
		ts->first = t;
	ts->last = t;
}

void
timer_arm(struct timer *t, time_t due)
{
	t->due = due;
	t->armed = true;
}

void
timer_disarm(struct timer *t)
{
	t->armed = false;
}

bool
timer_armed(const struct timer *t)
{
	return t->armed;
}

time_t
timer_due(const struct timer *t)
{
	return t->due;
}

bool
timers_next_due(const struct timers *ts, time_t *due)
{
	bool any = false;

	for (const struct timer *t = ts->first; t; t = t->next)
		if (t->armed && (!any || t->due < *due)) {
			*due = t->due;
			any = true;
		}
	return any;
}

int
timers_poll_timeout(const struct timers *ts, time_t now)
{
	time_t due = 0;

	if (!timers_next_due(ts, &due))
		return -1;
	if (due <= now)
		return 0;
	if (due - now >= TIMER_MAX_WAIT_MS / 1000)
		return TIMER_MAX_WAIT_MS;
	return (int)(due - now) * 1000;
}

/*
 * One walk down the list: a timer a callback arms is met later in this walk
 * if it comes after the callback's own, and not again if it comes before
 * (or is the callback's own), which is the order of business of timer.h.
 */
size_t
timers_run_due(struct timers *ts, time_t now)
{
	size_t n = 0;

	for (struct timer *t = ts->first; t; t = t->next) {
		if (!t->armed || t->due > now)
			continue;
		t->armed = false;
		t->fn(t->arg, now);
		n++;
	}
	return n;
}
