/* readneed: which mails' contents can matter, from their header fields. */
#include "autoconfig.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "readneed.h"

static const char *const mine[] = { "jane@example.net", "jane.doe@home.example" };

static bool
need(const char *h, bool cal)
{
	return readneed_contents(h, strlen(h), cal, mine, 2);
}

#define NEWS "From: Weekly <digest@news.example.org>\r\nSubject: news\r\n"

static void
test_bulk_skipped(void **state)
{
	(void)state;
	assert_false(need(NEWS "List-Id: <a.b>\r\n\r\n", false));
	assert_false(need(NEWS "Precedence: bulk\r\n\r\n", false));
	assert_false(need(NEWS "precedence:  JUNK \r\n\r\n", false));
	assert_false(need(NEWS "Precedence: list\r\n", false));
	/* folded */
	assert_false(need(NEWS "List-Id:\r\n <a.b>\r\n\r\n", false));
}

/* List-Unsubscribe alone is no list header: hiring systems send it on
 * interview mail, which recognition reads for its text. */
static void
test_unsubscribe_reads(void **state)
{
	(void)state;
	assert_true(need(NEWS "List-Unsubscribe: <https://x/u>\r\n\r\n", false));
	assert_false(need(NEWS "List-Unsubscribe: <https://x/u>\r\nPrecedence: bulk\r\n\r\n",
	    false));
}

static void
test_doubt_reads(void **state)
{
	(void)state;
	/* no list header; a plain mail */
	assert_true(need(NEWS "\r\n", false));
	/* a calendar may be there */
	assert_true(need(NEWS "List-Id: <a.b>\r\n\r\n", true));
	/* a thread: may be a reply to an application */
	assert_true(need(NEWS "List-Id: <a.b>\r\nIn-Reply-To: <x@y>\r\n\r\n", false));
	assert_true(need(NEWS "List-Id: <a.b>\r\nReferences: <x@y>\r\n\r\n", false));
	/* a hiring system's notice about an application: may be a rejection */
	assert_true(need("From: Careers <no-reply@ats.example>\r\nSubject: Your application - "
	    "Designer\r\nPrecedence: bulk\r\n\r\n", false));
	assert_true(need("From: Careers <no-reply@ats.example>\r\nSubject: Ihre Bewerbung\r\n"
	    "List-Id: <a.b>\r\n\r\n", false));
	assert_true(need("From: Careers <no-reply@ats.example>\r\nSubject: =?utf-8?q?news?=\r\n"
	    "List-Id: <a.b>\r\n\r\n", false));
	/* the user's own mail: its text may carry notes or digest answers */
	assert_true(need("From: Jane <jane+jobs@EXAMPLE.net>\r\nList-Id: <a.b>\r\n\r\n", false));
	assert_true(need("From: j@home.example\r\nPrecedence: bulk\r\n\r\n", false));
	/* blank list header, encoded or other Precedence, the second one */
	assert_true(need(NEWS "List-Id:   \r\n\r\n", false));
	assert_true(need(NEWS "Precedence: =?utf-8?q?bulk?=\r\n\r\n", false));
	assert_true(need(NEWS "Precedence: bulky\r\n\r\n", false));
	assert_true(need(NEWS "Precedence: normal\r\nPrecedence: bulk\r\n\r\n", false));
	assert_true(need(NEWS "List-Id : <a.b>\r\n\r\n", false));
	/* a field after the blank line is body, not header */
	assert_true(need(NEWS "\r\nList-Id: <a.b>\r\n", false));
	/* a NUL byte, no header */
	assert_true(readneed_contents(NEWS "List-Id: <a\0b>\r\n\r\n",
	    sizeof(NEWS "List-Id: <a\0b>\r\n\r\n") - 1, false, mine, 2));
	assert_true(readneed_contents(NULL, 0, false, mine, 2));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bulk_skipped),
		cmocka_unit_test(test_unsubscribe_reads),
		cmocka_unit_test(test_doubt_reads),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
