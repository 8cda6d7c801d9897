/*
 * libFuzzer harness: the template parser and renderer.
 *
 * Input: byte 0 picks the kind, byte 1 the variable set (all set with
 * hostile values, none set, only the .name ones so first names are
 * derived), the rest is the template text.  Beyond memory safety it
 * checks the promises of template.h that keep mail safe:
 *   - Subject and Cc hold no control character (no header injection);
 *   - a value never adds an address to Cc: every '@' in the rendered Cc
 *     comes from the template text or from one {{X.email}} tag;
 *   - the body has no CR and ends with exactly one LF; all is UTF-8.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "log.h"
#include "template.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	log_init("fuzz", true, getenv("FUZZ_VERBOSE") ? 2 : -1);
	return 0;
}

static const char *const plain_values[] = {
	"Ada Brooks",
	"x\r\nBcc: evil@evil.invalid",
	"\xff\xfe\xc0\xaf broken \xed\xa0\x80 utf-8",
	"{{me.name}} {{#notes}}not a tag{{/notes}}",
	"  \t ",
	"a,b;c:<d>\"e(f)[g]\\h@i",
	"Dr. Brooks, Ada",
	"line one\nline two\r\n\r\nline four\rline five\x01\x7f",
	"-- ",
};

static const char *const email_values[] = {
	"ada.brooks@example.com",
	"a@b.example, evil@evil.invalid",
	"evil@evil.invalid\r\nBcc: x@y.example",
	"Ada <ada@example.com>",
	"",
	"not an address",
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static size_t
count(const char *s, size_t n, const char *needle)
{
	size_t k = 0, nl = strlen(needle);

	for (size_t i = 0; i + nl <= n; i++)
		if (memcmp(s + i, needle, nl) == 0)
			k++;
	return k;
}

static void
check_header(const char *h)
{
	for (const unsigned char *p = (const unsigned char *)h; *p; p++)
		fuzz_check(*p >= 0x20 && *p != 0x7f);
	fuzz_check(fuzz_utf8_ok(h, strlen(h)));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct template_errors errors = { 0 };
	struct template_vars vars = { 0 };
	struct template *t = NULL;
	enum template_kind kind;
	char *subject = NULL, *cc = NULL, *body = NULL, *err = NULL;
	const char *text, *name;
	unsigned mode;
	size_t len;

	if (size < 2)
		return 0;
	kind = (enum template_kind)(data[0] % TEMPLATE_NKINDS);
	mode = data[1];
	text = (const char *)data + 2;
	len = size - 2;

	if (template_parse("fuzz.tmpl", kind, text, len, &t, &errors) < 0) {
		fuzz_check(t == NULL);
		fuzz_check(errors.n > 0);
		for (size_t i = 0; i < errors.n; i++)
			fuzz_check(errors.v[i] != NULL && strchr(errors.v[i], '\n') == NULL);
		template_errors_clear(&errors);
		return 0;
	}
	fuzz_check(t != NULL && template_kind(t) == kind);

	for (size_t i = 0; (name = template_variable_name(kind, i)) != NULL; i++) {
		bool email = strlen(name) > 6 && strcmp(name + strlen(name) - 6, ".email") == 0;
		const char *v;

		fuzz_check(template_variable_known(kind, name));
		switch (mode % 4) {
		case 1:         /* nothing set */
			continue;
		case 3:         /* names only: first names are derived */
			if (strlen(name) < 5 || strcmp(name + strlen(name) - 5, ".name") != 0)
				continue;
			/* fall through */
		default:
			v = email ? email_values[(i + mode / 4) % N(email_values)]
				  : plain_values[(i + mode / 4) % N(plain_values)];
			template_vars_set(&vars, name, v);
		}
	}
	if (mode % 4 != 1)
		template_vars_set_time(&vars, "interview", (time_t)1800000000, "Europe/London");

	if (template_render(t, &vars, &subject, &cc, &body, &err) == 0) {
		size_t bl = strlen(body);

		fuzz_check(subject[0] != '\0');
		check_header(subject);
		if (cc) {
			fuzz_check(cc[0] != '\0');
			check_header(cc);
			fuzz_check(count(cc, strlen(cc), "@") <=
			    count(text, len, "@") + count(text, len, ".email"));
		}
		fuzz_check(strchr(body, '\r') == NULL);
		fuzz_check(bl >= 1 && body[bl - 1] == '\n');
		fuzz_check(bl < 2 || body[bl - 2] != '\n');
		fuzz_check(fuzz_utf8_ok(body, bl));
	} else {
		fuzz_check(err != NULL && subject == NULL && cc == NULL && body == NULL);
	}
	free(subject);
	free(cc);
	free(body);
	free(err);
	template_vars_clear(&vars);
	template_free(t);
	return 0;
}
