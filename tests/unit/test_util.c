/* util: the buffer helpers: bytes added one at a time across growth, and
 * the ones that encode (base64, RFC 4648 test vectors); str_casestr. */
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

/* str_casestr: ASCII case ignored on both sides, the first place found,
 * an empty needle found at once. */
static void
test_casestr(void **state)
{
	static const char hay[] = "An Interview, an INTERVIEW: interviewer";

	(void)state;
	assert_ptr_equal(str_casestr(hay, "interview"), hay + 3);
	assert_ptr_equal(str_casestr(hay, "INTERVIEWER"), hay + 28);
	assert_ptr_equal(str_casestr(hay, "w:"), hay + 25);
	assert_ptr_equal(str_casestr(hay, "an i"), hay);
	assert_ptr_equal(str_casestr(hay, ""), hay);
	assert_null(str_casestr(hay, "interviews"));
	assert_null(str_casestr("", "a"));
	assert_null(str_casestr("ab", "abc"));
}

static bool
is_the(const char *w)
{
	return strcmp(w, "de") == 0;
}

static bool
is_kind(const char *w)
{
	return strcmp(w, "hospital") == 0;
}

/* words_spell: each word by a start of its own, in order, the key whole;
 * a skippable word gives nothing (never the first), a droppable one may
 * be left out after the key's end; both minimums hold. */
static void
test_words_spell(void **state)
{
	static const char *const nsch[] = { "north", "shore", "community", "hospital" };
	static const char *const hsfl[] = { "hopital", "sainte", "famille", "de", "laval" };
	static const char *const dedu[] = { "de", "duero" };

	(void)state;
	assert_true(words_spell(nsch, 0, 4, "nshorecommunity", 3, 2, NULL, is_kind));
	assert_false(words_spell(nsch, 0, 4, "nshorecommunity", 3, 2, NULL, NULL));
	assert_false(words_spell(nsch, 0, 4, "nshorecommunity", 5, 2, NULL, is_kind));
	assert_true(words_spell(nsch, 1, 4, "shorecomh", 2, 2, NULL, NULL));
	assert_true(words_spell(hsfl, 0, 5, "hsfl", 3, 2, is_the, NULL));
	assert_false(words_spell(hsfl, 0, 5, "hsfl", 3, 2, NULL, NULL));
	assert_false(words_spell(dedu, 0, 2, "duero", 1, 1, is_the, NULL));
	assert_false(words_spell(nsch, 0, 4, "nsc", 1, 1, NULL, NULL));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_addc),
		cmocka_unit_test(test_casestr),
		cmocka_unit_test(test_base64),
		cmocka_unit_test(test_words_spell),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
