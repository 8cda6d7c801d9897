/* timer: arming, the next due time, the poll timeout, the order of business. */
#include "autoconfig.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "timer.h"

/* A set of four timers a..d whose callbacks write their letter into log
 * and then do what the test asks of them. */
struct fixture {
	struct timers ts;
	struct timer t[4];
	char log[32];
	size_t nlog;
	/* What timer i's callback does after logging: arm timer arm_which[i]
	 * (if >= 0) for arm_at[i], disarm timer disarm_which[i] (if >= 0). */
	int arm_which[4];
	time_t arm_at[4];
	int disarm_which[4];
	time_t seen_now;
};

struct call {
	struct fixture *f;
	int i;
};

static struct call calls[4];

static void
fired(void *arg, time_t now)
{
	struct call *c = arg;
	struct fixture *f = c->f;

	f->log[f->nlog++] = (char)('a' + c->i);
	f->seen_now = now;
	assert_false(timer_armed(&f->t[c->i]));         /* disarmed before the call */
	if (f->arm_which[c->i] >= 0)
		timer_arm(&f->t[f->arm_which[c->i]], f->arm_at[c->i]);
	if (f->disarm_which[c->i] >= 0)
		timer_disarm(&f->t[f->disarm_which[c->i]]);
}

static void
setup(struct fixture *f)
{
	memset(f, 0, sizeof(*f));
	f->ts = (struct timers)TIMERS_INIT;
	for (int i = 0; i < 4; i++) {
		calls[i] = (struct call){ f, i };
		timers_add(&f->ts, &f->t[i], fired, &calls[i]);
		f->arm_which[i] = f->disarm_which[i] = -1;
	}
}

static void
test_arm_disarm(void **state)
{
	struct fixture f;
	time_t due = 42;

	(void)state;
	setup(&f);
	assert_false(timer_armed(&f.t[0]));
	assert_false(timers_next_due(&f.ts, &due));
	assert_int_equal(due, 42);                      /* untouched */
	timer_arm(&f.t[2], 500);
	timer_arm(&f.t[1], 300);
	timer_arm(&f.t[3], 400);
	assert_true(timer_armed(&f.t[1]));
	assert_int_equal(timer_due(&f.t[1]), 300);
	assert_true(timers_next_due(&f.ts, &due));
	assert_int_equal(due, 300);
	/* Arming again replaces the due time, later or earlier. */
	timer_arm(&f.t[1], 450);
	assert_true(timers_next_due(&f.ts, &due));
	assert_int_equal(due, 400);
	timer_disarm(&f.t[3]);
	timer_disarm(&f.t[3]);                          /* twice is fine */
	assert_true(timers_next_due(&f.ts, &due));
	assert_int_equal(due, 450);
	timer_disarm(&f.t[1]);
	timer_disarm(&f.t[2]);
	assert_false(timers_next_due(&f.ts, &due));
	/* The due time stays readable when disarmed; 0 before any arming. */
	assert_int_equal(timer_due(&f.t[1]), 450);
	assert_int_equal(timer_due(&f.t[0]), 0);
	/* A due time of 0 or in the past is a due time like any other. */
	timer_arm(&f.t[0], 0);
	assert_true(timers_next_due(&f.ts, &due));
	assert_int_equal(due, 0);
}

static void
test_poll_timeout(void **state)
{
	struct fixture f;

	(void)state;
	setup(&f);
	assert_int_equal(timers_poll_timeout(&f.ts, 1000), -1);
	timer_arm(&f.t[0], 1000);
	assert_int_equal(timers_poll_timeout(&f.ts, 1000), 0);
	assert_int_equal(timers_poll_timeout(&f.ts, 2000), 0);
	assert_int_equal(timers_poll_timeout(&f.ts, 990), 10000);
	timer_arm(&f.t[1], 995);
	assert_int_equal(timers_poll_timeout(&f.ts, 990), 5000);
	/* At most a day, however far the next timer. */
	timer_disarm(&f.t[1]);
	timer_arm(&f.t[0], 1000 + 24 * 3600 - 1);
	assert_int_equal(timers_poll_timeout(&f.ts, 1000), (24 * 3600 - 1) * 1000);
	timer_arm(&f.t[0], 1000 + 24 * 3600);
	assert_int_equal(timers_poll_timeout(&f.ts, 1000), TIMER_MAX_WAIT_MS);
	timer_arm(&f.t[0], 1000 + 400 * 24 * 3600);
	assert_int_equal(timers_poll_timeout(&f.ts, 1000), TIMER_MAX_WAIT_MS);
}

/* Due timers run in the set's order, whatever their due times; the ones
 * not due stay armed. */
static void
test_run_order(void **state)
{
	struct fixture f;

	(void)state;
	setup(&f);
	assert_int_equal(timers_run_due(&f.ts, 100), 0);
	timer_arm(&f.t[3], 10);
	timer_arm(&f.t[1], 90);
	timer_arm(&f.t[0], 100);
	timer_arm(&f.t[2], 101);
	assert_int_equal(timers_run_due(&f.ts, 100), 3);
	assert_string_equal(f.log, "abd");
	assert_int_equal(f.seen_now, 100);
	assert_false(timer_armed(&f.t[0]));
	assert_false(timer_armed(&f.t[1]));
	assert_true(timer_armed(&f.t[2]));
	assert_false(timer_armed(&f.t[3]));
	/* Once run, a timer does not run again until armed again. */
	assert_int_equal(timers_run_due(&f.ts, 100), 0);
	assert_int_equal(timers_run_due(&f.ts, 101), 1);
	assert_string_equal(f.log, "abdc");
}

/* A callback arming a later timer for now: it runs in the same pass
 * (the daemon: a connection made, the sync at once). */
static void
test_arm_later_same_pass(void **state)
{
	struct fixture f;

	(void)state;
	setup(&f);
	f.arm_which[0] = 2;
	f.arm_at[0] = 50;
	timer_arm(&f.t[0], 100);
	assert_int_equal(timers_run_due(&f.ts, 100), 2);
	assert_string_equal(f.log, "ac");
	/* For later than now: armed, not run. */
	setup(&f);
	f.arm_which[0] = 2;
	f.arm_at[0] = 150;
	timer_arm(&f.t[0], 100);
	assert_int_equal(timers_run_due(&f.ts, 100), 1);
	assert_true(timer_armed(&f.t[2]));
	assert_int_equal(timer_due(&f.t[2]), 150);
}

/* A callback re-arming itself, or arming an earlier timer, for now: it
 * runs in the next pass, never in a loop within one. */
static void
test_arm_self_or_earlier_next_pass(void **state)
{
	struct fixture f;

	(void)state;
	setup(&f);
	f.arm_which[1] = 1;             /* b re-arms itself for now */
	f.arm_at[1] = 100;
	timer_arm(&f.t[1], 100);
	assert_int_equal(timers_run_due(&f.ts, 100), 1);
	assert_string_equal(f.log, "b");
	assert_true(timer_armed(&f.t[1]));
	assert_int_equal(timers_poll_timeout(&f.ts, 100), 0);
	f.arm_which[1] = -1;
	assert_int_equal(timers_run_due(&f.ts, 100), 1);
	assert_string_equal(f.log, "bb");

	setup(&f);
	f.arm_which[2] = 0;             /* c arms a for now */
	f.arm_at[2] = 99;
	timer_arm(&f.t[2], 100);
	assert_int_equal(timers_run_due(&f.ts, 100), 1);
	assert_string_equal(f.log, "c");
	assert_int_equal(timers_run_due(&f.ts, 100), 1);
	assert_string_equal(f.log, "ca");
}

/* A callback disarming a later due timer: it does not run (the daemon: a
 * sync ends IDLE, so the IDLE refresh due too has nothing to do). */
static void
test_disarm_later(void **state)
{
	struct fixture f;

	(void)state;
	setup(&f);
	f.disarm_which[1] = 3;
	timer_arm(&f.t[1], 100);
	timer_arm(&f.t[3], 100);
	assert_int_equal(timers_run_due(&f.ts, 100), 1);
	assert_string_equal(f.log, "b");
	assert_false(timer_armed(&f.t[3]));
	assert_int_equal(timers_poll_timeout(&f.ts, 100), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_arm_disarm),
		cmocka_unit_test(test_poll_timeout),
		cmocka_unit_test(test_run_order),
		cmocka_unit_test(test_arm_later_same_pass),
		cmocka_unit_test(test_arm_self_or_earlier_next_pass),
		cmocka_unit_test(test_disarm_later),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
