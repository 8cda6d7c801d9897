/* utf8: the one UTF-8 rule, the encoder and Windows-1252, table-driven. */
#include "autoconfig.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "utf8.h"

static void
test_seq(void **state)
{
	static const struct { const char *bytes; size_t n, want; } tab[] = {
		{ "a", 1, 1 },
		{ "", 1, 1 },                           /* NUL is ASCII */
		{ "\xc3\xa9", 2, 2 },                   /* U+00E9 */
		{ "\xc3\xa9", 1, 0 },                   /* cut short */
		{ "\xc3(", 2, 0 },                      /* no continuation */
		{ "\xc0\xaf", 2, 0 },                   /* overlong '/' */
		{ "\xc1\xbf", 2, 0 },                   /* overlong */
		{ "\xe0\x80\xaf", 3, 0 },               /* overlong */
		{ "\xe0\xa0\x80", 3, 3 },               /* U+0800 */
		{ "\xe2\x82\xac", 3, 3 },               /* U+20AC */
		{ "\xed\x9f\xbf", 3, 3 },               /* U+D7FF */
		{ "\xed\xa0\x80", 3, 0 },               /* U+D800, a surrogate */
		{ "\xed\xbf\xbf", 3, 0 },               /* U+DFFF */
		{ "\xef\xbf\xbd", 3, 3 },               /* U+FFFD */
		{ "\xf0\x8f\xbf\xbf", 4, 0 },           /* overlong */
		{ "\xf0\x9f\x98\x80", 4, 4 },           /* U+1F600 */
		{ "\xf0\x9f\x98\x80", 3, 0 },           /* cut short */
		{ "\xf4\x8f\xbf\xbf", 4, 4 },           /* U+10FFFF */
		{ "\xf4\x90\x80\x80", 4, 0 },           /* above U+10FFFF */
		{ "\xf5\x80\x80\x80", 4, 0 },
		{ "\x80", 1, 0 },                       /* a lone continuation */
		{ "\xff", 1, 0 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(tab) / sizeof(tab[0]); i++) {
		size_t got = utf8_seq((const unsigned char *)tab[i].bytes, tab[i].n);

		if (got != tab[i].want)
			fail_msg("row %zu: utf8_seq gave %zu, want %zu", i, got, tab[i].want);
	}
}

static void
test_encode(void **state)
{
	static const struct { uint32_t cp; const char *want; size_t n; } tab[] = {
		{ 0x41, "A", 1 },
		{ 0, "", 1 },                           /* written as it is */
		{ 0xE9, "\xc3\xa9", 2 },
		{ 0x7FF, "\xdf\xbf", 2 },
		{ 0x800, "\xe0\xa0\x80", 3 },
		{ 0xFFFD, "\xef\xbf\xbd", 3 },
		{ 0x1F600, "\xf0\x9f\x98\x80", 4 },
		{ 0x10FFFF, "\xf4\x8f\xbf\xbf", 4 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(tab) / sizeof(tab[0]); i++) {
		struct buf b = { 0 };

		buf_add_utf8(&b, tab[i].cp);
		assert_int_equal(b.len, tab[i].n);
		assert_memory_equal(b.data, tab[i].want, tab[i].n);
		buf_free(&b);
	}
}

static void
test_cp1252(void **state)
{
	(void)state;
	assert_int_equal(utf8_from_cp1252(0), 0);
	assert_int_equal(utf8_from_cp1252('a'), 'a');
	assert_int_equal(utf8_from_cp1252(0x80), 0x20AC);      /* euro */
	assert_int_equal(utf8_from_cp1252(0x81), 0);           /* undefined */
	assert_int_equal(utf8_from_cp1252(0x8D), 0);
	assert_int_equal(utf8_from_cp1252(0x8F), 0);
	assert_int_equal(utf8_from_cp1252(0x90), 0);
	assert_int_equal(utf8_from_cp1252(0x9D), 0);
	assert_int_equal(utf8_from_cp1252(0x93), 0x201C);
	assert_int_equal(utf8_from_cp1252(0x9F), 0x0178);
	assert_int_equal(utf8_from_cp1252(0xA0), 0xA0);        /* ISO-8859-1 above */
	assert_int_equal(utf8_from_cp1252(0xFF), 0xFF);
}

/* A cut never splits a character: "%.*s" with utf8_prefix stays UTF-8. */
static void
test_prefix(void **state)
{
	static const struct {
		const char *s;
		int max, want;
	} t[] = {
		{ "", 5, 0 }, { "abc", 5, 3 }, { "abc", 3, 3 }, { "abcd", 3, 3 },
		{ "a\xc3\xa9", 2, 1 },          /* a + half of e-acute: keep "a" */
		{ "a\xc3\xa9", 3, 3 },
		{ "a\xc3\xa9z", 3, 3 },
		{ "\xe2\x80\xa1\xe2\x80\xa1", 4, 3 }, /* double dagger, cut in the second */
		{ "\xe2\x80\xa1\xe2\x80\xa1", 5, 3 },
		{ "\xf0\x9f\x98\x80x", 3, 0 },   /* an emoji longer than the cut */
		{ "\xf0\x9f\x98\x80x", 4, 4 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		int n = utf8_prefix(t[i].s, t[i].max);

		if (n != t[i].want)
			fail_msg("utf8_prefix(case %zu, %d) = %d, want %d", i, t[i].max, n, t[i].want);
	}
}

static void
fold_is(const char *in, const char *want)
{
	struct buf b = { 0 };

	utf8_fold_ascii(&b, in);
	if (strcmp(b.data, want) != 0)
		fail_msg("fold(\"%s\") = \"%s\", expected \"%s\"", in, b.data, want);
	buf_free(&b);
}

static void
test_fold(void **state)
{
	(void)state;
	fold_is("Belv\xc3\xa9" "d\xc3\xa8re Cloud", "belvedere cloud");
	fold_is("  \xc5\x81\xc3\xb3" "d\xc5\xba,  Stra\xc3\x9f" "e ", "lodz strasse");
	fold_is("\xc3\x86sir \xc5\x92uvre \xc3\x97 Level-9", "aesir oeuvre level 9");
	fold_is("\xe6\x9d\xb1\xe4\xba\xac Inc.", "?? inc");
	fold_is("bad \xff\xfe byte", "bad byte");
	fold_is("Se\xc3\xa1n \xe2\x80\x94 \xc3\x93 Briain", "sean o briain");
	fold_is("", "");
}

static void
test_latin_capital(void **state)
{
	(void)state;
	assert_true(utf8_latin_capital("\xc3\x89lodie"));     /* É */
	assert_true(utf8_latin_capital("\xc5\x81ukasz"));     /* Ł U+0141 */
	assert_true(utf8_latin_capital("\xc5\xa0imon"));      /* Š U+0160 */
	assert_true(utf8_latin_capital("\xc5\xbd"));          /* Ž U+017D */
	assert_false(utf8_latin_capital("\xc3\xa0 la"));      /* à */
	assert_false(utf8_latin_capital("\xc5\x82"));         /* ł U+0142 */
	assert_false(utf8_latin_capital("\xc3\x97"));         /* × */
	assert_false(utf8_latin_capital("\xc4\xb8"));         /* ĸ U+0138 */
	assert_false(utf8_latin_capital("A"));
	assert_false(utf8_latin_capital("\xc3"));              /* cut at NUL */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seq),
		cmocka_unit_test(test_latin_capital),
		cmocka_unit_test(test_encode),
		cmocka_unit_test(test_cp1252),
		cmocka_unit_test(test_prefix),
		cmocka_unit_test(test_fold),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
