/*
 * Unit tests for ctl: table cells by display width (UTF-8, wide and
 * zero-width characters, the ellipsis) and the one-daemon-per-state lock.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "config.h"
#include "ctl.h"
#include "ctl_cell.h"
#include "util.h"

static void
test_width(void **state)
{
	static const struct { const char *s; size_t w; } rows[] = {
		{ "", 0 },
		{ "Initech", 7 },
		{ "Z\u00fcrich", 6 },                  /* precomposed u-umlaut */
		{ "Zu\u0308rich", 6 },                 /* u + combining diaeresis */
		{ "\u682a\u5f0f\u4f1a\u793e", 8 },     /* CJK: two columns each */
		{ "caf\u00e9 \u2026", 6 },
		{ "a\xffz", 3 },                       /* invalid byte: one column */
		{ "\xe2\x82", 2 },                     /* cut sequence: a column a byte */
		{ "\xed\xa0\x80", 3 },                 /* a surrogate is not UTF-8 */
		{ "\xc0\xaf", 2 },                     /* overlong: utf8.h refuses it */
		{ "\xf4\x90\x80\x80", 4 },             /* above U+10FFFF */
		{ "\xf0\x9f\x98\x80!", 3 },            /* U+1F600, four bytes, two columns */
	};

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		if (ctl_width(rows[i].s) != rows[i].w)
			fail_msg("row %zu: width %zu, want %zu", i, ctl_width(rows[i].s), rows[i].w);
	}
}

static void
test_fit(void **state)
{
	static const struct { const char *s; size_t width; const char *want; } rows[] = {
		{ "Initech", 24, "Initech" },
		{ "Initech", 7, "Initech" },
		{ "Initech", 6, "Inite\u2026" },
		{ "Z\u00fcrich Versicherung", 8, "Z\u00fcrich \u2026" },
		{ "Z\u00fcrich", 2, "Z\u2026" },
		{ "Z\u00fcrich", 1, "\u2026" },
		{ "Z\u00fcrich", 0, "" },
		/* a wide character that would straddle the edge is left out */
		{ "ab\u682a\u5f0f", 4, "ab\u2026" },
		{ "\u682a\u5f0f\u4f1a\u793e", 5, "\u682a\u5f0f\u2026" },
	};

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		char *got = ctl_fit(rows[i].s, rows[i].width);

		if (strcmp(got, rows[i].want) != 0)
			fail_msg("row %zu: \"%s\", want \"%s\"", i, got, rows[i].want);
		assert_true(ctl_width(got) <= rows[i].width);
		free(got);
	}
}

/* Every cell of a row ends at the same column, whatever its characters. */
static void
test_cell_alignment(void **state)
{
	static const char *const values[] = {
		"Z\u00fcrich", "Initech", "The Extremely Long Company Name Holdings Limited",
		"\u682a\u5f0f\u4f1a\u793e", "",
	};
	char *buf = NULL;
	size_t len = 0;

	for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		FILE *f = open_memstream(&buf, &len);

		assert_non_null(f);
		ctl_cell(f, values[i], 12, false);
		fputs("|", f);
		fclose(f);
		assert_int_equal(ctl_width(buf), 12 + 2 + 1);
		assert_string_equal(buf + strlen(buf) - 1, "|");
		free(buf);
		buf = NULL;
	}
}

/* OFD locks conflict between open files, so one process can play both
 * daemons. */
static void
test_lock(void **state)
{
	char dir[] = "/tmp/test_ctl.XXXXXX", *cmd;
	struct config cfg = { 0 };
	pid_t pid = 1, holder = 1;
	int fd, fd2;

	assert_non_null(mkdtemp(dir));
	cfg.state_dir = xasprintf("%s/state/sub", dir);
	/* No lock file yet: nobody runs. */
	assert_int_equal(ctl_daemon_running(&cfg, &pid), 0);
	assert_int_equal(pid, 0);
	fd = ctl_lock_state(&cfg, &holder);
	assert_true(fd >= 0);
	assert_int_equal(ctl_daemon_running(&cfg, &pid), 1);
	assert_int_equal(pid, getpid());
	/* A second one is refused and told who holds it. */
	fd2 = ctl_lock_state(&cfg, &holder);
	assert_int_equal(fd2, CTL_LOCK_HELD);
	assert_int_equal(holder, getpid());
	/* Looking takes no lock: the holder can still be replaced after it. */
	close(fd);
	assert_int_equal(ctl_daemon_running(&cfg, &pid), 0);
	fd = ctl_lock_state(&cfg, &holder);
	assert_true(fd >= 0);
	close(fd);
	cmd = xasprintf("rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(cfg.state_dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_fit),
		cmocka_unit_test(test_cell_alignment),
		cmocka_unit_test(test_lock),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
