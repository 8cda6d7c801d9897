/* sentcopy: the copy-in-Sent policy and the Message-ID it looks for. */
#include "autoconfig.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "sentcopy.h"

static void
test_modes(void **state)
{
	struct sentcopy_memory unknown = { -1, 0 }, files = { 1, 0 }, appends = { 0, 0 };

	(void)state;
	/* yes and no do what they say, whatever is known. */
	assert_int_equal(sentcopy_decide(CONFIG_SENT_COPY_YES, true, &files), SENTCOPY_APPEND);
	assert_int_equal(sentcopy_decide(CONFIG_SENT_COPY_NO, false, &appends), SENTCOPY_SKIP);
	/* auto: Gmail by its capability, else what was found, else look. */
	assert_int_equal(sentcopy_decide(CONFIG_SENT_COPY_AUTO, true, &unknown), SENTCOPY_SKIP);
	assert_int_equal(sentcopy_decide(CONFIG_SENT_COPY_AUTO, false, &files), SENTCOPY_SKIP);
	assert_int_equal(sentcopy_decide(CONFIG_SENT_COPY_AUTO, false, &appends), SENTCOPY_APPEND);
	assert_int_equal(sentcopy_decide(CONFIG_SENT_COPY_AUTO, false, &unknown), SENTCOPY_WATCH);
}

static void
test_memory(void **state)
{
	struct sentcopy_memory m;

	(void)state;
	sentcopy_parse(NULL, &m);
	assert_int_equal(m.files, -1);
	assert_string_equal(sentcopy_format(&m), "unknown");
	sentcopy_parse("garbage", &m);
	assert_int_equal(m.files, -1);
	/* One miss is not enough; the second settles it. */
	assert_false(sentcopy_missed(&m));
	assert_string_equal(sentcopy_format(&m), "unknown 1");
	sentcopy_parse("unknown 1", &m);
	assert_int_equal(m.misses, 1);
	assert_true(sentcopy_missed(&m));
	assert_int_equal(m.files, 0);
	assert_string_equal(sentcopy_format(&m), "appends");
	assert_false(sentcopy_missed(&m));      /* settled: no change */
	/* One find settles "files", even after misses. */
	sentcopy_parse("unknown 1", &m);
	assert_true(sentcopy_found(&m));
	assert_string_equal(sentcopy_format(&m), "files");
	assert_false(sentcopy_found(&m));
	sentcopy_parse("files", &m);
	assert_int_equal(m.files, 1);
	sentcopy_parse("appends", &m);
	assert_int_equal(m.files, 0);
}

static void
test_looks(void **state)
{
	time_t t = 1000000;
	int n = 0;

	(void)state;
	assert_int_equal(sentcopy_next_look(t, 0), t + 2);
	/* Increasing, bounded, then done. */
	for (time_t prev = t; sentcopy_next_look(t, n) != 0; n++) {
		assert_true(sentcopy_next_look(t, n) > prev);
		assert_true(sentcopy_next_look(t, n) <= t + 30);
		prev = sentcopy_next_look(t, n);
	}
	assert_int_equal(n, SENTCOPY_NLOOKS);
	assert_int_equal(sentcopy_next_look(t, SENTCOPY_NLOOKS + 3), 0);
}

static void
test_key(void **state)
{
	char *k = sentcopy_key("jane@example.net", "imap.example.net", 993, "smtp.example.net");

	(void)state;
	assert_string_equal(k, "sent_copy:jane@example.net@imap.example.net:993,smtp.example.net");
	free(k);
}

static void
test_message_id(void **state)
{
	static const char plain[] = "From: a@b\r\nMessage-ID: <x1@example.net>\r\nSubject: s\r\n\r\nbody\r\n";
	static const char folded[] = "Subject: s\nMessage-Id:\n <x2@example.net>\n\nbody\n";
	static const char in_body[] = "Subject: s\n\nMessage-ID: <no@example.net>\n";
	static const char bad[] = "Message-ID: <has space@x>\n\n";
	static const char none[] = "Message-ID: nothing\n\n";
	char *id;

	(void)state;
	id = sentcopy_message_id(plain, strlen(plain));
	assert_non_null(id);
	assert_string_equal(id, "<x1@example.net>");
	free(id);
	id = sentcopy_message_id(folded, strlen(folded));
	assert_non_null(id);
	assert_string_equal(id, "<x2@example.net>");
	free(id);
	assert_null(sentcopy_message_id(in_body, strlen(in_body)));
	assert_null(sentcopy_message_id(bad, strlen(bad)));
	assert_null(sentcopy_message_id(none, strlen(none)));
	/* Not NUL-terminated: only len bytes are read. */
	assert_null(sentcopy_message_id(plain, 20));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_modes),
		cmocka_unit_test(test_memory),
		cmocka_unit_test(test_looks),
		cmocka_unit_test(test_key),
		cmocka_unit_test(test_message_id),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
