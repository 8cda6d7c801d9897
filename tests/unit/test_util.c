/* util: the buffer helpers: bytes added one at a time across growth, and
 * the ones that encode (base64, RFC 4648 test vectors). */
#include "autoconfig.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util.h"

static void
test_base64(void **state)
{
	static const struct { const char *in, *want; } tab[] = {
		{ "", "" }, { "f", "Zg==" }, { "fo", "Zm8=" }, { "foo", "Zm9v" },
		{ "foob", "Zm9vYg==" }, { "fooba", "Zm9vYmE=" }, { "foobar", "Zm9vYmFy" },
		{ "\xff\xfe\xfd", "//79" },
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(tab); i++) {
		struct buf b = { 0 };
		char *got;

		buf_add_base64(&b, tab[i].in, strlen(tab[i].in));
		got = buf_steal(&b);
		assert_string_equal(got, tab[i].want);
		free(got);
	}
}

/* buf_addc: every byte kept, NUL after the last, whether or not it grows;
 * mixed with buf_add. */
static void
test_addc(void **state)
{
	struct buf b = { 0 };
	char want[300];

	(void)state;
	for (size_t i = 0; i < 200; i++) {
		want[i] = (char)('a' + i % 26);
		buf_addc(&b, want[i]);
		assert_int_equal(b.len, i + 1);
		assert_true(b.cap >= b.len + 1);
		assert_int_equal(b.data[b.len], '\0');
	}
	buf_add(&b, "xyz", 3);
	memcpy(want + 200, "xyz", 3);
	buf_addc(&b, '\0');
	want[203] = '\0';
	assert_int_equal(b.len, 204);
	assert_memory_equal(b.data, want, 204);
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_addc),
		cmocka_unit_test(test_base64),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
