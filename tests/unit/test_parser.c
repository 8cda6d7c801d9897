/* Unit tests for parser.c: the options the parser program is started with. */
#include "autoconfig.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "detect.h"
#include "parser.h"
#include "util.h"

static void
test_round_trip(void **state)
{
	const char *addrs[] = { "jane@example.net", "j.doe+jobs@example.org" };
	const char *kw[] = { "Vorstellungsgespräch" };
	const char *ign[] = { "@noreply.example.com" };
	const char *emp[] = { "acme.example" };
	struct detect_opts o, back;
	size_t len;
	char *s;

	detect_opts_init(&o);
	o.my_addresses = addrs;
	o.n_my_addresses = 2;
	o.keywords = kw;
	o.n_keywords = 1;
	o.ignore_senders = ign;
	o.n_ignore_senders = 1;
	o.employer_domains = emp;
	o.n_employer_domains = 1;
	o.my_name = "Jane \"JD\" Doe";
	o.timezone = "Europe/London";
	o.now = 12345;
	s = parser_opts_encode(&o, &len);
	assert_int_equal(len, strlen(s));
	assert_int_equal(parser_opts_decode(s, len, &back), 0);
	assert_int_equal(back.n_my_addresses, 2);
	assert_string_equal(back.my_addresses[1], "j.doe+jobs@example.org");
	assert_int_equal(back.n_keywords, 1);
	assert_string_equal(back.keywords[0], "Vorstellungsgespräch");
	assert_string_equal(back.ignore_senders[0], "@noreply.example.com");
	assert_string_equal(back.employer_domains[0], "acme.example");
	assert_string_equal(back.my_name, "Jane \"JD\" Doe");
	assert_string_equal(back.timezone, "Europe/London");
	assert_int_equal(back.now, 0);          /* each call carries its own */
	parser_opts_free(&back);
	assert_null(back.my_addresses);
	free(s);
}

static void
test_defaults(void **state)
{
	struct detect_opts o, back;
	size_t len;
	char *s;

	detect_opts_init(&o);
	s = parser_opts_encode(&o, &len);
	assert_int_equal(parser_opts_decode(s, len, &back), 0);
	assert_int_equal(back.n_my_addresses, 0);
	assert_null(back.my_addresses);
	assert_null(back.my_name);
	assert_null(back.timezone);
	parser_opts_free(&back);
	free(s);
}

static void
test_refused(void **state)
{
	static const char *bad[] = {
		"", "[]", "not json", "{\"my_addresses\": \"jane@example.net\"}",
		"{\"keywords\": [1]}", "{\"my_name\": 5}", "{\"timezone\": []}",
		"{\"my_name\": \"a\", \"my_name\": \"b\"}",
		"{\"my_addresses\": [\"jane@example.net\"], \"timezone\": 7}",
	};
	struct detect_opts o;

	for (size_t i = 0; i < ARRAY_LEN(bad); i++)
		assert_int_equal(parser_opts_decode(bad[i], strlen(bad[i]), &o), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
