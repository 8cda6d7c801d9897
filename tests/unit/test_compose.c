/*
 * Unit tests for compose: the exact bytes of a simple mail, line ends and
 * lengths, RFC 2047 subjects and display names (decoded again here and by
 * Python), quoted-printable bodies, threading headers, address checks,
 * header injection through every input, the envelope, and a set of
 * awkward mails that tests/lib/compose-strict.py (Python's email package with
 * a strict policy) must accept.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "compose.h"
#include "util.h"
#include "when.h"

#define DATE ((time_t)1812533400)   /* 2027-06-09T09:30:00Z, a Wednesday */
#define LON "Europe/London"

static char *top_dir;
static char tmp_dir[] = "/tmp/test_compose.XXXXXX";
static bool have_python;

static int
setup(void **state)
{
	const char *top = getenv("top_srcdir");

	top_dir = xstrdup(top != NULL ? top : ".");
	if (mkdtemp(tmp_dir) == NULL) {
		fprintf(stderr, "mkdtemp: %s\n", strerror(errno));
		return -1;
	}
	have_python = system("python3 -c 'import email.policy' >/dev/null 2>&1") == 0;
	return 0;
}

static int
teardown(void **state)
{
	char *cmd = xasprintf("rm -rf '%s'", tmp_dir);

	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", tmp_dir);
	free(cmd);
	free(top_dir);
	return 0;
}

/* ---- helpers ---- */

static int run_checker(const char *file, const char *expect);
static void write_file(const char *path, const char *data, size_t len);

static char *
build(const struct compose_mail *m)
{
	struct buf b = { 0 };
	char *id = NULL, *err = NULL;

	if (compose_build(m, &b, &id, &err) != 0)
		fail_msg("compose_build: %s", err);
	assert_non_null(id);
	assert_true(compose_msgid_valid(id));
	if (m->message_id != NULL)
		assert_string_equal(id, m->message_id);
	free(id);
	return buf_steal(&b);
}

static char *
build_err(const struct compose_mail *m)
{
	struct buf b = { 0 };
	char *id = NULL, *err = NULL;

	assert_int_equal(compose_build(m, &b, &id, &err), -1);
	assert_null(id);
	assert_int_equal(b.len, 0);
	assert_non_null(err);
	buf_free(&b);
	return err;
}

static bool
valid_utf8(const unsigned char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned char c = s[i];
		size_t need;

		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf)
			need = 1;
		else if (c >= 0xe0 && c <= 0xef)
			need = 2;
		else if (c >= 0xf0 && c <= 0xf4)
			need = 3;
		else
			return false;
		if (i + need >= n)
			return false;
		for (size_t k = 1; k <= need; k++)
			if ((s[i + k] & 0xc0) != 0x80)
				return false;
		i += need + 1;
	}
	return true;
}

/*
 * Check the wire form: CR LF only, header lines ASCII and at most 78
 * octets, body lines at most 76 (quoted-printable) or 78 (7bit), exactly
 * one of each core header, no Bcc.  Returns the number of header fields.
 */
static int
check_wire(const char *msg)
{
	const char *p = msg, *once[] = { "Date:", "From:", "To:", "Subject:", "Message-ID:",
		"MIME-Version:", "Content-Type:", "Content-Transfer-Encoding:" };
	int counts[ARRAY_LEN(once)] = { 0 }, fields = 0;
	bool headers = true, qp = strstr(msg, "\r\nContent-Transfer-Encoding: quoted-printable\r\n") != NULL;

	for (const char *c = msg; *c != '\0'; c++) {
		if (*c == '\n' && (c == msg || c[-1] != '\r'))
			fail_msg("bare LF at offset %td", c - msg);
		if (*c == '\r' && c[1] != '\n')
			fail_msg("bare CR at offset %td", c - msg);
	}
	assert_true(str_has_suffix(msg, "\r\n"));
	while (*p != '\0') {
		const char *e = strstr(p, "\r\n");
		size_t l = (size_t)(e - p);

		if (headers) {
			if (l == 0) {
				headers = false;
				p = e + 2;
				continue;
			}
			if (l > 78)
				fail_msg("header line of %zu octets: %.*s", l, (int)l, p);
			for (size_t i = 0; i < l; i++)
				if ((unsigned char)p[i] >= 0x7f || (unsigned char)p[i] < 0x20)
					fail_msg("non-ASCII header line: %.*s", (int)l, p);
			if (p[0] != ' ' && p[0] != '\t') {
				fields++;
				if (strncasecmp(p, "Bcc:", 4) == 0)
					fail_msg("a Bcc header appeared: %.*s", (int)l, p);
				for (size_t k = 0; k < ARRAY_LEN(once); k++)
					if (strncmp(p, once[k], strlen(once[k])) == 0)
						counts[k]++;
			}
		} else if (l > (qp ? 76u : 78u))
			fail_msg("body line of %zu octets", l);
		p = e + 2;
	}
	assert_false(headers);
	for (size_t k = 0; k < ARRAY_LEN(once); k++)
		if (counts[k] != 1)
			fail_msg("%d %s headers", counts[k], once[k]);
	return fields;
}

/* The unfolded value of header name (first one), or NULL. */
static char *
header(const char *msg, const char *name)
{
	size_t nl = strlen(name);
	const char *p = msg;
	struct buf b = { 0 };

	while (strncmp(p, "\r\n", 2) != 0) {
		const char *e = strstr(p, "\r\n");

		if (strncasecmp(p, name, nl) == 0 && p[nl] == ':') {
			const char *v = p + nl + 1;

			for (;;) {
				buf_add(&b, v, (size_t)(e - v));
				if (e[2] != ' ' && e[2] != '\t')
					break;
				v = e + 2;
				e = strstr(v, "\r\n");
			}
			buf_adds(&b, "");
			return buf_steal(&b);
		}
		p = e + 2;
	}
	return NULL;
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static int
b64val(char c)
{
	static const char a[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const char *p = c != '\0' ? strchr(a, c) : NULL;

	return p != NULL ? (int)(p - a) : -1;
}

/* Decode one encoded word's text; checks it holds whole characters. */
static void
decode_word(struct buf *out, char enc, const char *t, size_t n)
{
	struct buf w = { 0 };

	if (enc == 'Q') {
		for (size_t i = 0; i < n; i++) {
			if (t[i] == '_')
				buf_addc(&w, ' ');
			else if (t[i] == '=') {
				assert_true(i + 2 < n);
				assert_true(hexval(t[i + 1]) >= 0 && hexval(t[i + 2]) >= 0);
				buf_addc(&w, (char)(hexval(t[i + 1]) * 16 + hexval(t[i + 2])));
				i += 2;
			} else
				buf_addc(&w, t[i]);
		}
	} else {
		assert_int_equal(n % 4, 0);
		for (size_t i = 0; i < n; i += 4) {
			uint32_t v = 0;
			int pad = 0;

			for (int k = 0; k < 4; k++) {
				int d = b64val(t[i + k]);

				if (t[i + k] == '=') {
					pad++;
					d = 0;
				}
				assert_true(d >= 0);
				v = v << 6 | (uint32_t)d;
			}
			buf_addc(&w, (char)(v >> 16));
			if (pad < 2)
				buf_addc(&w, (char)(v >> 8));
			if (pad < 1)
				buf_addc(&w, (char)v);
		}
	}
	if (!valid_utf8((const unsigned char *)w.data, w.len))
		fail_msg("an encoded word splits a character: %.*s", (int)n, t);
	buf_add(out, w.data, w.len);
	buf_free(&w);
}

/*
 * Decode an unfolded unstructured value: encoded words (white space
 * between two of them dropped) and plain text; leading space trimmed.
 */
static char *
decode_2047(const char *v)
{
	struct buf out = { 0 };
	const char *p = v;
	bool prev_ew = false;

	while (*p == ' ')
		p++;
	while (*p != '\0') {
		const char *sp = p + strspn(p, " ");

		if (str_has_prefix(sp, "=?UTF-8?")) {
			const char *t = sp + 10, *end = strstr(t, "?=");
			char enc = sp[8];

			assert_non_null(end);
			assert_true(enc == 'Q' || enc == 'B');
			assert_true(end - sp + 2 <= 75);
			if (!prev_ew)
				buf_add(&out, p, (size_t)(sp - p));
			decode_word(&out, enc, t, (size_t)(end - t));
			p = end + 2;
			prev_ew = true;
			continue;
		}
		buf_add(&out, p, (size_t)(sp - p));
		p = sp;
		while (*p != '\0' && *p != ' ')
			buf_addc(&out, *p++);
		prev_ew = false;
	}
	buf_adds(&out, "");
	return buf_steal(&out);
}

/* The decoded body (quoted-printable or 7bit) with LF line ends. */
static char *
decode_body(const char *msg)
{
	const char *p = strstr(msg, "\r\n\r\n") + 4;
	bool qp = strstr(msg, "\r\nContent-Transfer-Encoding: quoted-printable\r\n") != NULL;
	struct buf out = { 0 };

	while (*p != '\0') {
		if (p[0] == '\r' && p[1] == '\n') {
			buf_addc(&out, '\n');
			p += 2;
		} else if (qp && p[0] == '=' && p[1] == '\r' && p[2] == '\n') {
			p += 3;
		} else if (qp && p[0] == '=') {
			assert_true(hexval(p[1]) >= 0 && hexval(p[2]) >= 0);
			buf_addc(&out, (char)(hexval(p[1]) * 16 + hexval(p[2])));
			p += 3;
		} else {
			if (qp)
				assert_true(*p == '\t' || (*p >= 32 && *p <= 126));
			buf_addc(&out, *p++);
		}
	}
	buf_adds(&out, "");
	if (strstr(msg, "format=flowed") != NULL) {
		/* RFC 3676, DelSp=no: unstuff a leading space, join soft breaks */
		struct buf j = { 0 };
		char *save = NULL, *copy = buf_steal(&out), *line;
		size_t n = strlen(copy);
		bool soft = false;

		for (char *q = copy; q < copy + n; q = line + strlen(line) + 1) {
			line = q;
			char *nl = strchr(line, '\n');

			if (nl == NULL)
				break;
			*nl = '\0';
			if (line[0] == ' ')
				line++;
			buf_adds(&j, line);
			soft = strlen(line) > 0 && line[strlen(line) - 1] == ' ' && strcmp(line, "-- ") != 0;
			if (!soft)
				buf_addc(&j, '\n');
			line = nl;
			*line = '\0';
		}
		(void)save;
		free(copy);
		buf_adds(&j, "");
		return buf_steal(&j);
	}
	return buf_steal(&out);
}

static struct compose_mail
simple_mail(const struct compose_addr *to, size_t nto)
{
	struct compose_mail m = {
		.from_name = "Jane Doe", .from_addr = "jane.doe@example.net",
		.to = to, .nto = nto, .subject = "Thank you, Ada",
		.body = "Hi Ada,\n\nThanks!\n", .date = DATE, .timezone = LON,
	};
	return m;
}

/* ---- tests ---- */

static void
test_golden(void **state)
{
	static const struct compose_addr to[] = { { "Ada Brooks", "ada@initech.example" } };
	struct compose_mail m = simple_mail(to, 1);
	char *msg;

	m.message_id = "<fixed.1@example.net>";
	msg = build(&m);
	assert_string_equal(msg,
	    "Date: Wed, 09 Jun 2027 10:30:00 +0100\r\n"
	    "From: Jane Doe <jane.doe@example.net>\r\n"
	    "To: Ada Brooks <ada@initech.example>\r\n"
	    "Subject: Thank you, Ada\r\n"
	    "Message-ID: <fixed.1@example.net>\r\n"
	    "MIME-Version: 1.0\r\n"
	    "Content-Type: text/plain; charset=utf-8; format=flowed\r\n"
	    "Content-Transfer-Encoding: 7bit\r\n"
	    "\r\n"
	    "Hi Ada,\r\n"
	    "\r\n"
	    "Thanks!\r\n");
	assert_int_equal(check_wire(msg), 8);
	free(msg);

	/* a new Message-ID on the From domain each time */
	m.message_id = NULL;
	msg = build(&m);
	{
		char *id = header(msg, "Message-ID");

		assert_true(str_has_suffix(id, "@example.net>"));
		assert_int_equal(strlen(id), strlen(" <@example.net>") + 32);
		free(id);
	}
	free(msg);
}

static void
test_addr_valid(void **state)
{
	static const char *const good[] = {
		"a@b", "ada@initech.example", "first.last+tag@sub.example.co.uk",
		"o'brien@example.ie", "x_y-z=1!#$%&*/?^`{|}~@example.com", "a@1.2.3.4",
		"user@xn--bcher-kva.example",
	};
	static const char *const bad[] = {
		"", "ada", "@example.com", "ada@", "ada@@example.com", "ada @example.com",
		"ada@exa mple.com", "ada@example.com\r\nBcc: x@y.z", "ada@example.com\n",
		"\"ada\"@example.com", "ada.@example.com", ".ada@example.com", "a..b@example.com",
		"ada@-example.com", "ada@example-.com", "ada@example..com", "ada@.example.com",
		"ada@example.com.", "ada@[127.0.0.1]", "zoë@example.com", "ada@bücher.example",
		"<ada@example.com>", "Ada <ada@example.com>", "ada@example.com,b@c.d",
		"ada(comment)@example.com", "ada@exam_ple.com",
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@x.com",
	};

	for (size_t i = 0; i < ARRAY_LEN(good); i++)
		if (!compose_addr_valid(good[i]))
			fail_msg("refused: %s", good[i]);
	for (size_t i = 0; i < ARRAY_LEN(bad); i++)
		if (compose_addr_valid(bad[i]))
			fail_msg("accepted: %s", bad[i]);
	assert_false(compose_addr_valid(NULL));
}

static void
test_msgid(void **state)
{
	char *a = compose_message_id("example.net"), *b = compose_message_id("example.net");

	assert_true(compose_msgid_valid(a));
	assert_string_not_equal(a, b);
	assert_true(str_has_prefix(a, "<") && str_has_suffix(a, "@example.net>"));
	for (size_t i = 1; i < 33; i++)
		assert_non_null(strchr("abcdefghijklmnopqrstuvwxyz234567", a[i]));
	assert_int_equal(a[33], '@');       /* 32 characters: 160 bits */
	free(a);
	free(b);
	assert_null(compose_message_id("exa mple.net"));
	assert_null(compose_message_id("example.net>\r\nBcc: x@y"));
	assert_null(compose_message_id(""));
	assert_null(compose_message_id(NULL));

	assert_true(compose_msgid_valid("<a@b>"));
	assert_true(compose_msgid_valid("<CAF=x+y/z@mail.gmail.com>"));
	assert_false(compose_msgid_valid("a@b"));
	assert_false(compose_msgid_valid("<ab>"));
	assert_false(compose_msgid_valid("<a b@c>"));
	assert_false(compose_msgid_valid("<a@b>\r\nBcc: x@y"));
	assert_false(compose_msgid_valid("<a@b@c>"));
	assert_false(compose_msgid_valid("<@b>"));
	assert_false(compose_msgid_valid("<a@>"));
	assert_false(compose_msgid_valid("<a<b@c>"));
	assert_false(compose_msgid_valid("<zö@b>"));
	assert_false(compose_msgid_valid(NULL));
}

static void
test_bad_inputs(void **state)
{
	static const struct compose_addr to[] = { { "Ada", "ada@initech.example" } };
	static const struct compose_addr bad_to[] = {
		{ "Ada", "ada@initech.example" }, { "Ben", "ben@initech.example\r\nBcc: x@y.z" } };
	static const struct compose_addr bad_cc[] = { { NULL, "not an address" } };
	struct compose_mail m = simple_mail(to, 1);
	char *err;

	m.from_addr = "jane@example.net\r\nBcc: x@y.z";
	err = build_err(&m);
	assert_string_equal(err, "from: not a valid address: \"jane@example.net Bcc: x@y.z\"");
	free(err);
	m.from_addr = NULL;
	err = build_err(&m);
	assert_string_equal(err, "from: not a valid address: \"\"");
	free(err);

	m = simple_mail(bad_to, 2);
	err = build_err(&m);
	assert_string_equal(err, "to[2]: not a valid address: \"ben@initech.example Bcc: x@y.z\"");
	free(err);

	m = simple_mail(to, 1);
	m.cc = bad_cc;
	m.ncc = 1;
	err = build_err(&m);
	assert_string_equal(err, "cc[1]: not a valid address: \"not an address\"");
	free(err);

	m = simple_mail(to, 0);
	err = build_err(&m);
	assert_string_equal(err, "no recipient");
	free(err);

	m = simple_mail(to, 1);
	m.in_reply_to = "<a@b>\r\nBcc: x@y.z";
	err = build_err(&m);
	assert_string_equal(err, "in_reply_to: not a valid message id");
	free(err);

	m = simple_mail(to, 1);
	m.message_id = "<x@y>\nBcc: x@y.z";
	err = build_err(&m);
	assert_string_equal(err, "message_id: not a valid message id");
	free(err);

	m = simple_mail(to, 1);
	m.body = "caf\xc3";
	err = build_err(&m);
	assert_string_equal(err, "the body is not valid UTF-8");
	free(err);
	m.body = NULL;
	err = build_err(&m);
	assert_string_equal(err, "no body");
	free(err);
}

static void
test_injection(void **state)
{
	static const struct compose_addr to[] = {
		{ "Ada\r\nBcc: evil@example.org", "ada@initech.example" },
		{ "Ben\nBcc: evil@example.org\n", "ben@initech.example" },
		{ "\r\n\r\nX-Injected: yes", "chloe@initech.example" },
	};
	static const struct compose_addr cc[] = { { "Ravi\rBcc: evil@example.org", "ravi@initech.example" } };
	struct compose_mail m = simple_mail(to, 3);
	char *msg, *v, *body;

	m.from_name = "Jane\r\nBcc: evil@example.org";
	m.cc = cc;
	m.ncc = 1;
	m.subject = "Thanks\r\nBcc: evil@example.org\r\n\r\nbody?";
	m.body = "Bcc: body@example.org\nSubject: still the body\r\n.\r\n\n.\nFrom me\n";
	msg = build(&m);
	/* Date From To Cc Subject Message-ID MIME-Version Content-Type CTE */
	assert_int_equal(check_wire(msg), 9);
	assert_null(header(msg, "Bcc"));
	assert_null(header(msg, "X-Injected"));
	v = header(msg, "Subject");
	assert_string_equal(v, " Thanks Bcc: evil@example.org body?");
	free(v);
	v = header(msg, "From");
	assert_string_equal(v, " \"Jane Bcc: evil@example.org\" <jane.doe@example.net>");
	free(v);
	v = header(msg, "To");
	assert_string_equal(v, " \"Ada Bcc: evil@example.org\" <ada@initech.example>,"
	    " \"Ben Bcc: evil@example.org\" <ben@initech.example>, \"X-Injected: yes\""
	    " <chloe@initech.example>");
	free(v);
	/* ":" is special in a phrase: that name must not stay an atom */
	assert_null(strstr(msg, "To: X-Injected"));
	body = decode_body(msg);
	assert_string_equal(body, "Bcc: body@example.org\nSubject: still the body\n.\n\n.\nFrom me\n");
	free(body);
	free(msg);
}

static void
test_display_names(void **state)
{
	static const struct {
		const char *name, *want;
	} cases[] = {
		{ "Ada Brooks", " Ada Brooks <a@x.org>" },
		{ "  Ada   Brooks ", " Ada Brooks <a@x.org>" },
		{ NULL, " a@x.org" },
		{ "", " a@x.org" },
		{ " \r\n ", " a@x.org" },
		{ "Brooks, Ada", " \"Brooks, Ada\" <a@x.org>" },
		{ "Ada \"The\" Brooks", " \"Ada \\\"The\\\" Brooks\" <a@x.org>" },
		{ "back\\slash", " \"back\\\\slash\" <a@x.org>" },
		{ "a;b", " \"a;b\" <a@x.org>" },
		{ "a<b>", " \"a<b>\" <a@x.org>" },
		{ "ada@x.org", " \"ada@x.org\" <a@x.org>" },
		{ "Dr. Ada", " \"Dr. Ada\" <a@x.org>" },
		{ "=?UTF-8?Q?x?=", " \"=?UTF-8?Q?x?=\" <a@x.org>" },
		/* Q or B, whichever is shorter */
		{ "Zoë Ünal", " =?UTF-8?B?Wm/DqyDDnG5hbA==?= <a@x.org>" },
		{ "Zoë Brooks-Smith", " =?UTF-8?Q?Zo=C3=AB_Brooks-Smith?= <a@x.org>" },
		{ "山田太郎", " =?UTF-8?B?5bGx55Sw5aSq6YOO?= <a@x.org>" },
	};

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct compose_addr to[] = { { cases[i].name, "a@x.org" } };
		struct compose_mail m = simple_mail(to, 1);
		char *msg = build(&m), *v = header(msg, "To");

		check_wire(msg);
		if (strcmp(v, cases[i].want) != 0)
			fail_msg("name \"%s\": got \"%s\", want \"%s\"", cases[i].name, v, cases[i].want);
		free(v);
		free(msg);
	}
}

static void
test_long_names_and_lists(void **state)
{
	struct compose_addr to[12];
	char addrs[12][32];
	struct compose_mail m;
	char *msg, *v, *dec;
	const char *long_ascii = "A very long display name, with a comma, that cannot be one "
	    "quoted string on a short line";
	const char *long_utf8 = "Émilie-Geneviève Østergård-Łukasiewicz de la Peña y Müller";

	for (size_t i = 0; i < 12; i++) {
		snprintf(addrs[i], sizeof(addrs[i]), "person%zu@initech.example", i);
		to[i].addr = addrs[i];
		to[i].name = i % 3 == 0 ? long_utf8 : i % 3 == 1 ? long_ascii : "Ben";
	}
	m = simple_mail(to, 12);
	msg = build(&m);
	check_wire(msg);
	v = header(msg, "To");
	dec = decode_2047(v);
	/* every mailbox is there, names decoded back */
	assert_non_null(strstr(dec, long_utf8));
	assert_non_null(strstr(dec, long_ascii));
	for (size_t i = 0; i < 12; i++) {
		char *a = xasprintf("<%s>", addrs[i]);

		assert_non_null(strstr(v, a));
		free(a);
	}
	free(dec);
	free(v);
	if (have_python) {
		char *path = xasprintf("%s/names.eml", tmp_dir);

		write_file(path, msg, strlen(msg));
		if (run_checker(path, NULL) != 0)
			fail_msg("compose-strict.py refused %s", path);
		free(path);
	}
	free(msg);
}

static void
test_subject_encoding(void **state)
{
	static const struct compose_addr to[] = { { "Ada", "ada@initech.example" } };
	struct compose_mail m = simple_mail(to, 1);
	struct buf s = { 0 };
	const char *cases[6];
	char *msg, *v, *dec;

	/* 200 characters of non-ASCII, two and three and four octets each */
	for (int i = 0; i < 50; i++)
		buf_adds(&s, "é€😀ü");
	cases[0] = s.data;
	cases[1] = "Merci beaucoup — très intéressant ! Große Freude 🎉 an dem Gespräch über Kafka, "
	    "Ünïcødé everywhere and a few more words to make it fold over several lines";
	cases[2] = "A plain ASCII subject that is long enough to need folding over more than one "
	    "line because it goes on and on about the interview and the team and the role";
	cases[3] = "Averyveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryverylongword "
	    "in an ASCII subject";
	cases[4] = "Looks like =?UTF-8?Q?an_encoded_word?= but is not";
	cases[5] = "Tab\there   and\tspaces";
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		m.subject = cases[i];
		msg = build(&m);
		check_wire(msg);
		v = header(msg, "Subject");
		dec = decode_2047(v);
		if (i == 5)
			assert_string_equal(dec, "Tab here and spaces");
		else if (strcmp(dec, cases[i]) != 0)
			fail_msg("subject %zu: got \"%s\"", i, dec);
		if (i == 2)   /* plain ASCII stays readable */
			assert_null(strstr(v, "=?"));
		if (i == 3 || i == 4)
			assert_non_null(strstr(v, "=?UTF-8?"));
		free(dec);
		free(v);
		free(msg);
	}
	buf_free(&s);
}

static void
test_body_encoding(void **state)
{
	static const struct compose_addr to[] = { { "Ada", "ada@initech.example" } };
	struct compose_mail m = simple_mail(to, 1);
	struct buf longline = { 0 }, s78 = { 0 }, s79 = { 0 };
	static const struct {
		const char *body, *want;   /* want NULL: the body itself */
		bool qp;
	} fixed[] = {
		{ "short ASCII\nlines only\n", NULL, false },
		{ "no final newline", "no final newline\n", false },
		{ "crlf\r\nand cr\rand lf\n", "crlf\nand cr\nand lf\n", false },
		{ ".leading dot\n..two\n", NULL, false },
		{ "-- \nsignature with trailing space\n", NULL, false },
		/* flowed: "From " is space-stuffed, hard lines lose trailing blanks */
		{ "From the start of a line\n", NULL, false },
		{ "Trailing spaces   \nand tab\t\n", "Trailing spaces\nand tab\n", false },
		{ "emoji 🎉 and ünïcødé\n", NULL, true },
		{ "a bell \x07 ding\n", NULL, true },
		{ "= sign\n", NULL, false },
		{ "", "\n", false },
	};
	char *msg, *dec;

	for (size_t i = 0; i < ARRAY_LEN(fixed); i++) {
		m.body = fixed[i].body;
		msg = build(&m);
		check_wire(msg);
		dec = decode_body(msg);
		assert_string_equal(dec, fixed[i].want != NULL ? fixed[i].want : fixed[i].body);
		if ((strstr(msg, "Content-Transfer-Encoding: quoted-printable") != NULL) != fixed[i].qp)
			fail_msg("body %zu: wrong encoding:\n%s", i, msg);
		free(dec);
		free(msg);
	}

	/* QP: a 1000-character line with every awkward thing at a break */
	for (int i = 0; i < 40; i++)
		buf_adds(&longline, "word=x é .dot From ");
	while (longline.len < 1000)
		buf_addc(&longline, 'y');
	buf_adds(&longline, "   \n.starts with a dot\nFrom me\n");
	m.body = longline.data;
	msg = build(&m);
	check_wire(msg);
	assert_non_null(strstr(msg, "quoted-printable"));
	assert_non_null(strstr(msg, "\r\n=2Estarts with a dot\r\n"));
	assert_non_null(strstr(msg, "\r\n From me\r\n"));   /* space-stuffed */
	/* no soft-broken line starts with '.' or "From " either */
	assert_null(strstr(msg, "\r\n."));
	assert_null(strstr(msg, "\r\nFrom "));
	dec = decode_body(msg);
	{
		/* flowed: the hard line loses its trailing blanks */
		char *want = xstrdup(longline.data), *sp = strstr(want, "   \n");

		memmove(sp, sp + 3, strlen(sp + 3) + 1);
		assert_string_equal(dec, want);
		free(want);
	}
	free(dec);
	free(msg);

	/* 78 octets stay 7bit, 79 do not */
	for (int i = 0; i < 78; i++)
		buf_addc(&s78, 'a');
	buf_adds(&s79, s78.data);
	buf_adds(&s79, "b");
	m.body = s78.data;
	msg = build(&m);
	assert_non_null(strstr(msg, "Content-Transfer-Encoding: 7bit"));
	free(msg);
	m.body = s79.data;
	msg = build(&m);
	assert_non_null(strstr(msg, "Content-Transfer-Encoding: quoted-printable"));
	dec = decode_body(msg);
	assert_true(strncmp(dec, s79.data, 79) == 0);
	free(dec);
	free(msg);
	buf_free(&longline);
	buf_free(&s78);
	buf_free(&s79);
}

static void
test_reply(void **state)
{
	static const struct compose_addr to[] = { { "Ravi", "ravi@initech.example" } };
	struct compose_mail m = simple_mail(to, 1);
	struct buf refs = { 0 };
	char *msg, *v;

	m.subject = "Your interview with Initech";
	m.in_reply_to = "<conf.1@initech.example>";
	msg = build(&m);
	check_wire(msg);
	v = header(msg, "Subject");
	assert_string_equal(v, " Re: Your interview with Initech");
	free(v);
	v = header(msg, "In-Reply-To");
	assert_string_equal(v, " <conf.1@initech.example>");
	free(v);
	v = header(msg, "References");
	assert_string_equal(v, " <conf.1@initech.example>");
	free(v);
	free(msg);

	/* "Re:" is not doubled, whatever its case */
	m.subject = "RE: Your interview";
	msg = build(&m);
	v = header(msg, "Subject");
	assert_string_equal(v, " RE: Your interview");
	free(v);
	free(msg);

	/* the chain: junk dropped, duplicates dropped, the parent last */
	m.subject = "x";
	m.references = "<a@b> junk <bad id@x> <c@d>\r\n <a@b> <conf.1@initech.example> <e@f>";
	msg = build(&m);
	v = header(msg, "References");
	assert_string_equal(v, " <a@b> <c@d> <e@f> <conf.1@initech.example>");
	free(v);
	free(msg);

	/* a long chain keeps the first and the last 20 (the parent
	 * included), folded */
	for (int i = 0; i < 40; i++)
		buf_addf(&refs, "<message-number-%02d.abcdefghij@mail.example.com> ", i);
	m.references = refs.data;
	msg = build(&m);
	check_wire(msg);
	v = header(msg, "References");
	assert_true(str_has_prefix(v, " <message-number-00."));
	assert_null(strstr(v, "number-01."));
	assert_null(strstr(v, "number-20."));
	assert_non_null(strstr(v, "number-21."));
	assert_true(str_has_suffix(v, "<message-number-39.abcdefghij@mail.example.com> "
	    "<conf.1@initech.example>"));
	free(v);
	free(msg);
	buf_free(&refs);

	/* not a reply: no threading headers, no "Re:" */
	m.in_reply_to = NULL;
	m.references = "<a@b>";
	msg = build(&m);
	assert_null(header(msg, "In-Reply-To"));
	assert_null(header(msg, "References"));
	v = header(msg, "Subject");
	assert_string_equal(v, " x");
	free(v);
	free(msg);
}

static void
test_parse_addresses(void **state)
{
	static const struct {
		const char *in;
		const char *want;   /* "name|addr;..." or "!" for an error */
	} cases[] = {
		{ "ada@x.org", "|ada@x.org;" },
		{ "Ada Brooks <ada@x.org>", "Ada Brooks|ada@x.org;" },
		{ "\"Brooks, Ada\" <ada@x.org>, ben@y.org", "Brooks, Ada|ada@x.org;|ben@y.org;" },
		{ "  , ada@x.org ,, ", "|ada@x.org;" },
		{ "Team: ada@x.org, Ben <ben@y.org>;, c@z.org", "|ada@x.org;Ben|ben@y.org;|c@z.org;" },
		{ "undisclosed-recipients:;", "" },
		{ "ada@x.org (Ada, the boss)", "|ada@x.org;" },
		{ "\"a\\\"b\" <ab@x.org>", "a\"b|ab@x.org;" },
		{ "<ada@x.org>", "|ada@x.org;" },
		{ "", "" },
		{ "Ada <ada@x.org", "!" },
		{ "ada", "!" },
		{ "Ada <ada@x.org>\r\nBcc: e@vil.org", "!" },
		{ "a b@x.org", "!" },
		{ "\"Ada <ada@x.org>", "!" },
		{ "ada@x.org (comment", "!" },
		{ "Ada <ada@x.org>\tBcc: e@vil.org", "|e@vil.org;" },   /* a group */
	};

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct compose_addrs list = { 0 };
		struct buf got = { 0 };
		char *err = NULL;
		int rc = compose_parse_addresses(cases[i].in, &list, &err);

		if (strcmp(cases[i].want, "!") == 0) {
			if (rc != -1)
				fail_msg("accepted: %s", cases[i].in);
			assert_non_null(err);
			free(err);
			compose_addrs_free(&list);
			continue;
		}
		if (rc != 0)
			fail_msg("%s: %s", cases[i].in, err);
		for (size_t k = 0; k < list.n; k++)
			buf_addf(&got, "%s|%s;", list.v[k].name != NULL ? list.v[k].name : "",
			    list.v[k].addr);
		buf_adds(&got, "");
		if (strcmp(got.data, cases[i].want) != 0)
			fail_msg("%s: got %s, want %s", cases[i].in, got.data, cases[i].want);
		buf_free(&got);
		compose_addrs_free(&list);
	}
}

static void
test_envelope(void **state)
{
	static const struct compose_addr to[] = {
		{ "Ada", "ada@initech.example" }, { "Ben", "BEN@initech.example" },
		{ "Ada again", "Ada@Initech.example" },
	};
	static const struct compose_addr cc[] = {
		{ "Ben", "ben@initech.example" }, { "Ravi, recruiter", "ravi@initech.example" } };
	static const char *const want[] = { "ada@initech.example", "BEN@initech.example",
		"ravi@initech.example" };
	struct compose_mail m = simple_mail(to, 3);
	char **r = NULL, *err = NULL, *msg;
	size_t n = 0;
	static const char edited[] =
	    "Date: Wed, 09 Jun 2027 10:30:00 +0100\n"
	    "From: Jane <jane@example.net>\n"
	    "To: \"Brooks, Ada\" <ada@x.org>,\n"
	    "\tben@y.org\n"
	    "CC: Team: c@z.org;\n"
	    "bcc: me@example.net\n"
	    "Subject: To: not@this.org\n"
	    "\n"
	    "To: nor@this.org\n";

	m.cc = cc;
	m.ncc = 2;
	assert_int_equal(compose_envelope(&m, &r, &n, &err), 0);
	assert_int_equal(n, 3);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(r[i], want[i]);
	compose_strv_free(r, n);

	/* the same from the composed bytes */
	msg = build(&m);
	assert_int_equal(compose_envelope_from_message(msg, strlen(msg), &r, &n, &err), 0);
	assert_int_equal(n, 3);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(r[i], want[i]);
	compose_strv_free(r, n);
	free(msg);

	/* an edited message: LF line ends, folding, a group, Bcc */
	assert_int_equal(compose_envelope_from_message(edited, strlen(edited), &r, &n, &err), 0);
	assert_int_equal(n, 4);
	assert_string_equal(r[0], "ada@x.org");
	assert_string_equal(r[1], "ben@y.org");
	assert_string_equal(r[2], "c@z.org");
	assert_string_equal(r[3], "me@example.net");
	compose_strv_free(r, n);

	assert_int_equal(compose_envelope_from_message("Subject: x\r\n\r\nTo: a@b.c\r\n", 26,
	    &r, &n, &err), -1);
	assert_string_equal(err, "the message has no To, Cc or Bcc address");
	free(err);
	assert_int_equal(compose_envelope_from_message("To: a@b.c, bad\r\n\r\n", 18,
	    &r, &n, &err), -1);
	assert_string_equal(err, "not a valid address: \"bad\"");
	free(err);

	m = simple_mail(to, 0);
	assert_int_equal(compose_envelope(&m, &r, &n, &err), -1);
	assert_string_equal(err, "no recipient");
	free(err);
}

/* ---- Python's email package, strict policy ---- */

static void
json_str(struct buf *b, const char *s)
{
	buf_addc(b, '"');
	for (; s != NULL && *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			buf_addf(b, "\\%c", c);
		else if (c < 0x20)
			buf_addf(b, "\\u%04x", c);
		else
			buf_addc(b, (char)c);
	}
	buf_addc(b, '"');
}

static void
json_mailboxes(struct buf *b, const struct compose_addr *v, size_t n, const char **names)
{
	buf_addc(b, '[');
	for (size_t i = 0; i < n; i++) {
		buf_adds(b, i > 0 ? ", [" : "[");
		json_str(b, names[i]);
		buf_adds(b, ", ");
		json_str(b, v[i].addr);
		buf_addc(b, ']');
	}
	buf_addc(b, ']');
}

/* What a body reads like after the trip: LF line ends, a final LF. */
static char *
lf_body(const char *s)
{
	struct buf b = { 0 };

	for (; *s != '\0'; s++) {
		if (*s == '\r') {
			buf_addc(&b, '\n');
			if (s[1] == '\n')
				s++;
		} else
			buf_addc(&b, *s);
	}
	if (b.len == 0 || b.data[b.len - 1] != '\n')
		buf_addc(&b, '\n');
	return buf_steal(&b);
}

static int
run_checker(const char *file, const char *expect)
{
	char *cmd = xasprintf("python3 '%s/tests/lib/compose-strict.py' --fold %s%s%s '%s'", top_dir,
	    expect != NULL ? "--expect '" : "", expect != NULL ? expect : "",
	    expect != NULL ? "'" : "", file);
	int rc = system(cmd);

	free(cmd);
	return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

static void
write_file(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

static void
test_python_strict(void **state)
{
	static const struct compose_addr to1[] = {
		{ "Ada \"The\" Brooks, PhD", "ada@initech.example" },
		{ "Zoë Ünal 🎉", "zoe@initech.example" },
		{ "Jane\r\nBcc: evil@example.org", "jane@initech.example" },
	};
	static const char *const to1_names[] = { "Ada \"The\" Brooks, PhD", "Zoë Ünal 🎉",
		"Jane Bcc: evil@example.org" };
	static const struct compose_addr cc1[] = {
		{ "山田太郎", "taro@example.jp" }, { NULL, "ravi@initech.example" },
		{ "a;b<c>@d\\e", "odd@initech.example" } };
	static const char *const cc1_names[] = { "山田太郎", "", "a;b<c>@d\\e" };
	struct buf subj200 = { 0 }, longbody = { 0 }, longwant = { 0 };
	struct {
		const char *subject, *want_subject, *body, *want_body, *irt, *refs;
		const char *from_name;
	} cases[] = {
		{ "Thank you, Ada", NULL, "Hi Ada,\n\nThanks!\n", NULL, NULL, NULL, "Jane Doe" },
		{ NULL, NULL, "Merci ! 🎉\n", NULL, NULL, NULL, "Jane Doé" },
		{ "Thanks\r\nBcc: evil@example.org", "Thanks Bcc: evil@example.org",
		  "Bcc: x@y.org\r\nSubject: body\n.\n..\nFrom here\ntrailing  \n\ttab\n",
		  "Bcc: x@y.org\nSubject: body\n.\n..\nFrom here\ntrailing\n\ttab\n",
		  NULL, NULL, "Jane\r\nBcc: e@vil.org" },
		{ "Checking in", "Re: Checking in", NULL, NULL, "<conf.1@initech.example>",
		  "<a@b.example> junk <c@d.example>", "Jane, Doe" },
		{ "=?UTF-8?Q?fake?= and \"quotes\" (parens) <angles>", NULL, "x\n", NULL,
		  NULL, NULL, NULL },
		{ "Tab\there", "Tab here", "", "\n", NULL, NULL, "" },
	};
	char *expect_path = xasprintf("%s/expect.json", tmp_dir);

	if (!have_python) {
		free(expect_path);
		skip();
	}
	for (int i = 0; i < 50; i++)
		buf_adds(&subj200, "é€😀ü");
	cases[1].subject = subj200.data;
	for (int i = 0; i < 30; i++)
		buf_adds(&longbody, "Ünïcødé text, = signs, and a very long line that goes on. ");
	buf_adds(&longbody, "\n.dot\nFrom x\nend   \n");
	cases[3].body = longbody.data;
	/* flowed: hard lines lose their trailing blanks */
	for (int i = 0; i < 30; i++)
		buf_adds(&longwant, i < 29 ? "Ünïcødé text, = signs, and a very long line that goes on. " :
		    "Ünïcødé text, = signs, and a very long line that goes on.");
	buf_adds(&longwant, "\n.dot\nFrom x\nend\n");
	cases[3].want_body = longwant.data;

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct compose_mail m = {
			.from_name = cases[i].from_name, .from_addr = "jane.doe@example.net",
			.to = to1, .nto = 3, .cc = cc1, .ncc = 3,
			.subject = cases[i].subject, .body = cases[i].body,
			.in_reply_to = cases[i].irt, .references = cases[i].refs,
			.date = DATE + (time_t)i * 86400 * 40, .timezone = i % 2 ? "America/New_York" : LON,
		};
		const char *from_names[] = { m.from_name };
		struct buf j = { 0 };
		char *msg = build(&m), *path = xasprintf("%s/mail%zu.eml", tmp_dir, i);
		char *from_clean = NULL;

		check_wire(msg);
		write_file(path, msg, strlen(msg));
		if (m.from_name != NULL) {
			from_clean = xstrdup(m.from_name);
			for (char *c = from_clean; *c != '\0'; c++)
				if (*c == '\r' || *c == '\n')
					*c = ' ';
			/* white space runs collapse to one space */
			for (char *c = from_clean; *c != '\0'; c++)
				while (c[0] == ' ' && c[1] == ' ')
					memmove(c, c + 1, strlen(c));
		}
		from_names[0] = from_clean != NULL ? from_clean : "";
		buf_adds(&j, "{\"subject\": ");
		json_str(&j, cases[i].want_subject != NULL ? cases[i].want_subject : cases[i].subject);
		buf_adds(&j, ", \"body\": ");
		{
			char *lf = lf_body(cases[i].want_body != NULL ? cases[i].want_body
								   : cases[i].body);

			json_str(&j, lf);
			free(lf);
		}
		buf_adds(&j, ", \"to\": ");
		json_mailboxes(&j, to1, 3, (const char **)to1_names);
		buf_adds(&j, ", \"cc\": ");
		json_mailboxes(&j, cc1, 3, (const char **)cc1_names);
		buf_adds(&j, ", \"from\": ");
		json_mailboxes(&j, (struct compose_addr[]){ { NULL, "jane.doe@example.net" } }, 1,
		    from_names);
		if (cases[i].irt != NULL) {
			buf_adds(&j, ", \"in-reply-to\": ");
			json_str(&j, cases[i].irt);
		}
		buf_adds(&j, "}");
		write_file(expect_path, j.data, j.len);
		if (run_checker(path, expect_path) != 0)
			fail_msg("compose-strict.py refused %s (expect: %s)", path, j.data);
		buf_free(&j);
		free(from_clean);
		free(path);
		free(msg);
	}
	buf_free(&subj200);
	buf_free(&longbody);
	buf_free(&longwant);
	free(expect_path);
}

/* The checker must be able to fail: broken messages are refused. */
static void
test_python_refuses(void **state)
{
	static const char *const broken[] = {
		/* bare LF */
		"Date: Wed, 09 Jun 2027 10:30:00 +0100\r\nFrom: a@b.org\r\nTo: c@d.org\r\n"
		"Subject: x\r\nMessage-ID: <1@b.org>\r\n\r\nbody\nmore\r\n",
		/* two Subjects */
		"Date: Wed, 09 Jun 2027 10:30:00 +0100\r\nFrom: a@b.org\r\nTo: c@d.org\r\n"
		"Subject: x\r\nSubject: y\r\nMessage-ID: <1@b.org>\r\n\r\nbody\r\n",
		/* raw UTF-8 in a header */
		"Date: Wed, 09 Jun 2027 10:30:00 +0100\r\nFrom: a@b.org\r\nTo: c@d.org\r\n"
		"Subject: caf\xc3\xa9\r\nMessage-ID: <1@b.org>\r\n\r\nbody\r\n",
		/* no Message-ID */
		"Date: Wed, 09 Jun 2027 10:30:00 +0100\r\nFrom: a@b.org\r\nTo: c@d.org\r\n"
		"Subject: x\r\n\r\nbody\r\n",
		/* an address that is no address */
		"Date: Wed, 09 Jun 2027 10:30:00 +0100\r\nFrom: a@b.org\r\nTo: Ada\r\n"
		"Subject: x\r\nMessage-ID: <1@b.org>\r\n\r\nbody\r\n",
		/* an encoded word splitting a character (0xC3 | 0xA9) */
		"Date: Wed, 09 Jun 2027 10:30:00 +0100\r\nFrom: a@b.org\r\nTo: c@d.org\r\n"
		"Subject: =?UTF-8?Q?caf=C3?= =?UTF-8?Q?=A9?=\r\nMessage-ID: <1@b.org>\r\n\r\nbody\r\n",
		/* a header line over 78 octets */
		"Date: Wed, 09 Jun 2027 10:30:00 +0100\r\nFrom: a@b.org\r\nTo: c@d.org\r\n"
		"Subject: 0123456789012345678901234567890123456789012345678901234567890123456789xx\r\n"
		"Message-ID: <1@b.org>\r\n\r\nbody\r\n",
		/* a 7bit body with 8-bit bytes */
		"Date: Wed, 09 Jun 2027 10:30:00 +0100\r\nFrom: a@b.org\r\nTo: c@d.org\r\n"
		"Subject: x\r\nMessage-ID: <1@b.org>\r\nMIME-Version: 1.0\r\n"
		"Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 7bit\r\n"
		"\r\ncaf\xc3\xa9\r\n",
	};
	char *path = xasprintf("%s/broken.eml", tmp_dir);

	if (!have_python) {
		free(path);
		skip();
	}
	for (size_t i = 0; i < ARRAY_LEN(broken); i++) {
		write_file(path, broken[i], strlen(broken[i]));
		if (run_checker(path, NULL) != 1)
			fail_msg("compose-strict.py accepted broken message %zu", i);
	}
	free(path);
}

/* compose_stamp: Date and Message-ID replaced in place, added when
 * missing, a second one dropped, folded values taken whole, the body and
 * every other byte kept. */
static void
test_stamp(void **state)
{
	static const struct { const char *in, *want; } rows[] = {
		{ "Date: Mon, 04 Jan 2021 10:00:00 +0000\r\nTo: a@b.example\r\n"
		  "Message-ID: <old@x.example>\r\nSubject: s\r\n\r\nDate: body\r\n",
		  "Date: D\r\nTo: a@b.example\r\nMessage-ID: <new@x.example>\r\nSubject: s\r\n"
		  "\r\nDate: body\r\n" },
		/* missing: added at the end of the header */
		{ "To: a@b.example\r\n\r\nHi\r\n",
		  "To: a@b.example\r\nDate: D\r\nMessage-ID: <new@x.example>\r\n\r\nHi\r\n" },
		/* folded, lower case, twice */
		{ "date: Mon,\r\n 04 Jan 2021\r\nmessage-id:\r\n\t<old@x.example>\r\n"
		  "DATE: again\r\nTo: a@b.example\r\n\r\nx\r\n",
		  "Date: D\r\nMessage-ID: <new@x.example>\r\nTo: a@b.example\r\n\r\nx\r\n" },
		/* a field whose name only starts like one is left alone */
		{ "Dated: no\r\nMessage-IDs: no\r\n\r\n",
		  "Dated: no\r\nMessage-IDs: no\r\nDate: D\r\nMessage-ID: <new@x.example>\r\n\r\n" },
	};
	char date[64];

	when_format_rfc5322(1800000000, "Europe/London", date, sizeof(date));
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct buf out = { 0 }, want = { 0 };
		char *err = NULL;
		const char *w = rows[i].want, *d;

		while ((d = strstr(w, "Date: D\r\n")) != NULL) {
			buf_add(&want, w, (size_t)(d - w));
			buf_addf(&want, "Date: %s\r\n", date);
			w = d + strlen("Date: D\r\n");
		}
		buf_adds(&want, w);
		assert_int_equal(compose_stamp(rows[i].in, strlen(rows[i].in), 1800000000,
		    "Europe/London", "<new@x.example>", &out, &err), 0);
		if (out.len != want.len || memcmp(out.data, want.data, out.len) != 0)
			fail_msg("row %zu:\n%.*s\nwant\n%s", i, (int)out.len, out.data, want.data);
		buf_free(&out);
		buf_free(&want);
	}
	{
		struct buf out = { 0 };
		char *err = NULL;

		assert_int_equal(compose_stamp("To: a@b.example\r\n\r\n", 19, 0, "UTC", "no-brackets",
		    &out, &err), -1);
		assert_non_null(err);
		assert_int_equal(out.len, 0);
		free(err);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_golden),
		cmocka_unit_test(test_stamp),
		cmocka_unit_test(test_addr_valid),
		cmocka_unit_test(test_msgid),
		cmocka_unit_test(test_bad_inputs),
		cmocka_unit_test(test_injection),
		cmocka_unit_test(test_display_names),
		cmocka_unit_test(test_long_names_and_lists),
		cmocka_unit_test(test_subject_encoding),
		cmocka_unit_test(test_body_encoding),
		cmocka_unit_test(test_reply),
		cmocka_unit_test(test_parse_addresses),
		cmocka_unit_test(test_envelope),
		cmocka_unit_test(test_python_strict),
		cmocka_unit_test(test_python_refuses),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
