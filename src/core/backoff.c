/* backoff: doubling retry delays with jitter (see backoff.h). */
#include "backoff.h"

/* 75% to 125% of step, rounded inwards. */
static int
jitter(int step, long rnd)
{
	int lo = (step * 3 + 3) / 4, hi = step * 5 / 4;
	int d = lo + (int)((rnd < 0 ? -(rnd + 1) : rnd) % (hi - lo + 1));

	return d > 0 ? d : 1;
}

int
backoff_next(struct backoff *b, long rnd)
{
	if (b->step <= 0)
		b->step = b->min;
	else if (b->step >= b->max / 2)
		b->step = b->max;
	else
		b->step *= 2;
	if (b->step > b->max)
		b->step = b->max;
	if (b->step < 1)
		b->step = 1;
	return jitter(b->step, rnd);
}

int
backoff_next_at_least(struct backoff *b, int floor, long rnd)
{
	int d = backoff_next(b, rnd);

	if (b->step >= floor)
		return d;
	b->step = floor > b->max ? b->max : floor;
	return jitter(b->step, rnd);
}

void
backoff_reset(struct backoff *b)
{
	b->step = 0;
}
