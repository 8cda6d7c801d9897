/* Unit tests for detection.h: the rule names a detection decoded from the
 * worker's JSON carries (detection_rule_intern), and that every rule of the
 * classifier's table is one it accepts. */
#include "autoconfig.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "detect_int.h"
#include "detection.h"

static void test_intern_same_pointer(void **state)
{
	char a[] = "calendar-interview", b[] = "calendar-interview";
	const char *p = detection_rule_intern(a), *q = detection_rule_intern(b);

	(void)state;
	assert_non_null(p);
	assert_string_equal(p, "calendar-interview");
	assert_ptr_equal(p, q);
	/* a copy, not the caller's buffer */
	assert_ptr_not_equal(p, a);
	a[0] = 'x';
	assert_string_equal(p, "calendar-interview");
}

static void test_intern_refuses_garbage(void **state)
{
	char longest[DETECTION_RULE_MAX + 2];

	(void)state;
	assert_null(detection_rule_intern(NULL));
	assert_null(detection_rule_intern(""));
	assert_null(detection_rule_intern("Calendar"));
	assert_null(detection_rule_intern("two words"));
	assert_null(detection_rule_intern("rule\n"));
	assert_null(detection_rule_intern("r\xc3\xa9gle"));
	memset(longest, 'a', sizeof(longest) - 1);
	longest[sizeof(longest) - 1] = '\0';
	assert_null(detection_rule_intern(longest));
	longest[DETECTION_RULE_MAX] = '\0';
	assert_non_null(detection_rule_intern(longest));
}

/* A worker that makes names up fills the table and gets no more; the
 * names already held still answer. */
static void test_intern_bounded(void **state)
{
	const char *known = detection_rule_intern("fallback");
	char name[32];
	size_t got = 0;

	(void)state;
	for (size_t i = 0; i < 2 * DETECTION_RULES_MAX; i++) {
		snprintf(name, sizeof(name), "made-up-%zu", i);
		got += detection_rule_intern(name) != NULL;
	}
	assert_true(got < DETECTION_RULES_MAX);
	assert_null(detection_rule_intern("made-up-never-before"));
	assert_ptr_equal(detection_rule_intern("fallback"), known);
}

/* Every rule of the table decodes to its own name (the daemon, which has
 * no table, must take every name the worker can send). */
static void test_every_rule_interns(void **state)
{
	(void)state;
	for (size_t i = 0; i < detect_kind_nrules; i++) {
		const char *p = detection_rule_intern(detect_kind_rules[i].name);

		assert_non_null(p);
		assert_string_equal(p, detect_kind_rules[i].name);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		/* before test_intern_bounded fills the table */
		cmocka_unit_test(test_every_rule_interns),
		cmocka_unit_test(test_intern_same_pointer),
		cmocka_unit_test(test_intern_refuses_garbage),
		cmocka_unit_test(test_intern_bounded),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
