/*
 * Unit tests for message.c on hand-written mails in tests/mail/mime/ and
 * on mails built here (limits, broken bytes).
 *
 * With file arguments it parses each file (unsandboxed) and prints a
 * one-line summary: that is the driver for valgrind over the corpus.
 */
#include "autoconfig.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "message.h"
#include "util.h"

static char *
load(const char *name, size_t *len)
{
	const char *top = getenv("top_srcdir");
	char *path = xasprintf("%s/tests/mail/mime/%s", top ? top : ".", name);
	char *data = NULL;

	if (read_file(path, 16 * 1024 * 1024, &data, len) != 0)
		fail_msg("cannot read %s", path);
	free(path);
	return data;
}

static struct message *
parse_file(const char *name)
{
	size_t len;
	char *raw = load(name, &len);
	struct message *m = message_parse(raw, len, NULL);

	free(raw);
	return m;
}

static struct message *
parse_str(const char *s)
{
	return message_parse(s, strlen(s), NULL);
}

static void
assert_addr(const struct msg_addr_list *l, size_t i, const char *name, const char *email)
{
	assert_true(i < l->n);
	assert_string_equal(l->v[i].name, name);
	assert_string_equal(l->v[i].email, email);
}

static void
test_alternative(void **state)
{
	struct message *m = parse_file("alternative.eml");
	char *body;

	assert_string_equal(m->subject, "Interview confirm\xc3\xa9 \xe2\x80\x93 Acme Ltd");
	assert_int_equal(m->from.n, 1);
	assert_addr(&m->from, 0, "Menon, Ravi", "ravi.menon@acme.example");
	assert_addr(&m->reply_to, 0, "Ravi Menon", "ravi.menon@acme.example");
	assert_int_equal(m->to.n, 2);
	assert_addr(&m->to, 0, "Jane Doe", "jane.doe@example.net");
	assert_addr(&m->to, 1, "", "jdoe@example.org");
	assert_addr(&m->cc, 0, "Ada Br\xc3\xb6oks", "ada.brooks@acme.example");
	assert_true(m->has_date);
	assert_int_equal((long long)m->date, 1803978720LL);  /* 2027-03-02T09:12:00Z */
	assert_string_equal(m->date_raw, "Tue, 2 Mar 2027 10:12:00 +0100");
	assert_string_equal(m->message_id, "<alt-001@acme.example>");
	assert_string_equal(m->in_reply_to, "<jane-42@example.net>");
	assert_int_equal(m->nreferences, 2);
	assert_string_equal(m->references[0], "<first@example.net>");
	assert_string_equal(m->references[1], "<jane-42@example.net>");
	assert_string_equal(m->mailer, "Acme Mailer 3.1");
	assert_null(m->list_id);
	assert_string_equal(message_header(m, "x-MAILER"), "Acme Mailer 3.1");
	assert_string_equal(message_header(m, "Received"),
	    "from mx.acme.example by mx.example.net; Tue, 2 Mar 2027 09:12:00 +0000");

	assert_int_equal(m->nparts, 2);
	assert_int_equal(m->parts[0].kind, MSG_PART_TEXT);
	assert_string_equal(m->parts[0].charset, "utf-8");
	/* soft line break joined "1=\n4:00"; CRLF became LF */
	assert_non_null(strstr(m->parts[0].text, "Wednesday 3 March at 14:00 CET.\n"));
	assert_null(strchr(m->parts[0].text, '\r'));
	assert_int_equal(m->parts[0].len, strlen(m->parts[0].text));
	assert_int_equal(m->parts[1].kind, MSG_PART_HTML);
	assert_non_null(strstr(m->parts[1].text, "for Wednesday 3 March at 14:00 CET."));
	assert_non_null(strstr(m->parts[1].text, "Join the meeting <https://acme.zoom.us/j/123456789>"));
	assert_non_null(m->parts[1].html);
	assert_int_equal(m->parts[1].nlinks, 1);
	assert_string_equal(m->parts[1].links[0].url, "https://acme.zoom.us/j/123456789");
	assert_string_equal(m->parts[1].links[0].text, "Join the meeting");
	assert_int_equal(m->nattached, 0);
	assert_int_equal(m->flags, 0);

	/* the plain part only: alternative carries the text twice */
	body = message_body_text(m);
	assert_string_equal(body, m->parts[0].text);
	free(body);
	message_free(m);
}

/* A stub of a plain part beside the real HTML ("(HTML message)"): the
 * HTML is the text; a real plain part stays the text (test_alternative). */
static void
test_alternative_stub(void **state)
{
	struct message *m = parse_str(
	    "From: a@example.org\r\nSubject: x\r\nMIME-Version: 1.0\r\n"
	    "Content-Type: multipart/alternative; boundary=b\r\n\r\n"
	    "--b\r\nContent-Type: text/plain\r\n\r\n(HTML message)\r\n"
	    "--b\r\nContent-Type: text/html\r\n\r\n<p>Dear Dana, the search committee would like "
	    "to invite you to a first-round interview via Zoom on Monday, December 14, 2026, "
	    "from 10:00 to 11:00 a.m. Mountain.</p>\r\n--b--\r\n");
	char *body;

	(void)state;
	assert_non_null(m);
	body = message_body_text(m);
	assert_non_null(strstr(body, "first-round interview via Zoom"));
	assert_null(strstr(body, "(HTML message)"));
	free(body);
	message_free(m);
}

static void
test_nested(void **state)
{
	struct message *m = parse_file("nested.eml");

	/* mixed > related > alternative: plain, html; png and pdf dropped; ics kept */
	assert_int_equal(m->nparts, 3);
	assert_int_equal(m->parts[0].kind, MSG_PART_TEXT);
	assert_string_equal(m->parts[0].text, "Plain: your onsite loop is on 3 March.\n");
	assert_int_equal(m->parts[1].kind, MSG_PART_HTML);
	/* &#160; is a space, <img alt> is shown */
	assert_string_equal(m->parts[1].text, "HTML: your onsite loop is on 3 March. Acme logo\n");
	assert_int_equal(m->parts[2].kind, MSG_PART_CALENDAR);
	assert_true(m->parts[2].attachment);
	assert_string_equal(m->parts[2].filename, "invite.ics");
	assert_string_equal(m->parts[2].content_type, "application/octet-stream");
	assert_non_null(strstr(m->parts[2].text, "UID:nested-42@acme.example\n"));
	assert_non_null(strstr(m->parts[2].text, "SUMMARY:Onsite loop \xe2\x80\x93 Acme\n"));
	assert_true(m->has_date);
	assert_int_equal((long long)m->date, 1803513600LL);
	assert_addr(&m->from, 0, "Greenhouse", "no-reply@greenhouse.example");
	message_free(m);
}

static void
test_calendar_qp(void **state)
{
	struct message *m = parse_file("calendar-qp.eml");
	const struct msg_part *p;

	assert_string_equal(m->subject, "Entretien \xc3\xa0 Z\xc3\xbcrich");
	assert_int_equal(m->nparts, 1);
	p = &m->parts[0];
	assert_int_equal(p->kind, MSG_PART_CALENDAR);
	assert_string_equal(p->content_type, "text/calendar");
	assert_string_equal(p->method, "REQUEST");
	/* lower-case hex, soft break after trailing blanks, literal "=" */
	assert_non_null(strstr(p->text, "SUMMARY:Entretien \xc3\xa0 Z\xc3\xbcrich = final round\n"));
	assert_non_null(strstr(p->text, "ATTENDEE;CN=Jane Doe:mailto:jane.doe@example.net\n"));
	assert_non_null(strstr(p->text, "DESCRIPTION:a = b, =zz stays\nEND:VEVENT\n"));
	assert_true(m->has_date);
	assert_int_equal((long long)m->date, 1803542400LL);
	message_free(m);
}

static void
test_calendar_base64(void **state)
{
	struct message *m = parse_file("calendar-base64.eml");

	/* windows-1252 encoded word: curly quotes, en dash, euro */
	assert_string_equal(m->subject,
	    "\xe2\x80\x9cPhone screen\xe2\x80\x9d \xe2\x80\x93 5\xe2\x82\xac budget");
	assert_int_equal(m->nparts, 2);
	assert_int_equal(m->parts[1].kind, MSG_PART_CALENDAR);
	assert_string_equal(m->parts[1].content_type, "application/ics");
	assert_false(m->parts[1].attachment);
	assert_non_null(strstr(m->parts[1].text, "UID:b64-7@acme.example\n"));
	/* date without weekday or seconds */
	assert_true(m->has_date);
	assert_int_equal((long long)m->date, 1803652200LL);
	message_free(m);
}

static void
test_forward(void **state)
{
	struct message *m = parse_file("forward.eml");
	const struct message *in;

	assert_int_equal(m->nparts, 1);
	assert_string_equal(m->parts[0].text, "Forwarding the invite below.\n");
	assert_int_equal(m->nattached, 1);
	in = m->attached[0];
	assert_string_equal(in->subject, "Invitation: Interview with Initech");
	assert_addr(&in->from, 0, "Bob Lumbergh", "bob@initech.example");
	assert_string_equal(in->message_id, "<inner-1@initech.example>");
	assert_int_equal((long long)in->date, 1803596400LL);
	assert_int_equal(in->nparts, 2);
	assert_int_equal(in->parts[1].kind, MSG_PART_CALENDAR);
	assert_string_equal(in->parts[1].method, "REQUEST");
	assert_non_null(strstr(in->parts[1].text, "UID:inner-ev@initech.example\n"));
	message_free(m);
}

/* Struck-through text is what the writer withdrew: not read. */
static void
test_html_struck(void **state)
{
	struct message *m = parse_str("From: a@b.example\r\nSubject: moved\r\nMIME-Version: 1.0\r\n"
	    "Content-Type: text/html; charset=utf-8\r\n\r\n"
	    "<p>New time: <s>Mon 4 Jan, 10:00</s> <del>Tue 5 Jan, 11:00</del> <strike>Wed</strike>"
	    " Thu 7 Jan, 14:00</p>"
	    "<p style=\"color:#7b8794;text-decoration:line-through\">Fri 8 Jan, 09:30 with Ben</p>");

	(void)state;
	assert_int_equal(m->nparts, 1);
	assert_null(strstr(m->parts[0].text, "09:30"));
	assert_null(strstr(m->parts[0].text, "10:00"));
	assert_null(strstr(m->parts[0].text, "11:00"));
	assert_null(strstr(m->parts[0].text, "Wed"));
	assert_non_null(strstr(m->parts[0].text, "Thu 7 Jan, 14:00"));
	message_free(m);
}

static void
test_html_only(void **state)
{
	struct message *m = parse_file("html-only.eml");
	const struct msg_part *p;
	char *body;

	assert_int_equal(m->nparts, 1);
	p = &m->parts[0];
	assert_int_equal(p->kind, MSG_PART_HTML);
	/* the charset came from <meta> */
	assert_string_equal(p->charset, "windows-1252");
	/* no title, style, script or comment text */
	assert_null(strstr(p->text, "Ignored"));
	assert_null(strstr(p->text, "color"));
	assert_null(strstr(p->text, "not text"));
	assert_null(strstr(p->text, "comment"));
	assert_true(str_has_prefix(p->text, "Interview invitation\n\nDear Jane,\nwe\xe2\x80\x99""d like"));
	assert_non_null(strstr(p->text, "on Tuesday the 9th of June at 10.30am BST."));
	/* a table row is one line, its cells TAB-separated */
	assert_non_null(strstr(p->text, "Where\tTeams\n"));
	assert_non_null(strstr(p->text, "Link\tClick here to join"));
	assert_non_null(strstr(p->text,
	    "Click here to join the meeting <https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0?context=x&y=1>"));
	assert_non_null(strstr(p->text, "Caf\xc3\xa9 & bagels \xe2\x82\xac" "5 \xe2\x80\x93 \xe2\x80\x94 \xe2\x80\x93\n"));
	/* a mailto link is not repeated after its text */
	assert_non_null(strstr(p->text, "Contact: hr@corp.example\n"));
	assert_non_null(strstr(p->text, "a bare < sign and &unknown; entity."));
	assert_non_null(strstr(p->text, "  keep   spaces\n  here"));
	assert_int_equal(p->nlinks, 2);
	assert_string_equal(p->links[1].url, "mailto:hr@corp.example");
	/* html is the body when there is no plain part */
	body = message_body_text(m);
	assert_string_equal(body, p->text);
	free(body);
	message_free(m);
}

/* Tables: a row is one line, cells TAB-separated; nested tables flatten
 * to lines of their own; what libxml2 repairs stays text. */
static void
test_html_tables(void **state)
{
	static const struct { const char *html; const char *want; } cases[] = {
		{ "<table><tr><td>9:00</td><td>Coding</td><td>Ada Brooks</td></tr>"
		  "<tr><td>10:00</td><td>Design</td><td>Sam Carter</td></tr></table>",
		  "9:00\tCoding\tAda Brooks\n10:00\tDesign\tSam Carter\n" },
		/* empty cells between keep their column, at the ends none */
		{ "<table><tr><td>a</td><td></td><td>c</td><td> </td></tr><tr><td></td><td>b</td></tr></table>",
		  "a\t\tc\nb\n" },
		/* a layout table around a data table; a <br> in a cell breaks */
		{ "<table><tr><td><p>Hi Jane,</p><table><tr><th>Time</th><th>Who</th></tr>"
		  "<tr><td>9:00</td><td>Ada<br>CTO</td></tr></table><p>Bye</p></td><td>side</td></tr></table>",
		  "Hi Jane,\n\nTime\tWho\n9:00\tAda\nCTO\n\nBye\n\nside\n" },
		/* Outlook: every cell's content in one Word paragraph with its
		 * <o:p>, every line a MsoNormal paragraph: rows stay lines,
		 * paragraphs are lines, an empty one a blank line */
		{ "<p class=MsoNormal>Kind regards,<o:p></o:p></p><p class=MsoNormal>Zanele<o:p></o:p></p>"
		  "<p class=MsoNormal><o:p>&nbsp;</o:p></p>"
		  "<table class=MsoTableGrid><tr><td><p class=MsoNormal>08:00 &ndash; 08:30<o:p></o:p></p></td>"
		  "<td><p class=MsoNormal>Registration<o:p></o:p></p></td></tr>"
		  "<tr><td><p class=MsoNormal>11:00 &ndash; 12:00<o:p></o:p></p></td>"
		  "<td><p class=MsoNormal>Case study<o:p></o:p></p></td></tr></table>",
		  "Kind regards,\nZanele\n\n\n08:00 \xe2\x80\x93 08:30\tRegistration\n11:00 \xe2\x80\x93 12:00\tCase study\n" },
		/* a list's items are lines of their own, marked as plain text
		 * marks them (never read as a paragraph's wrap) */
		{ "<p>Your panel:</p><ul><li>Mike Sullivan &ndash; Director</li><li>Angela Brown</li></ul>",
		  "Your panel:\n\n\xe2\x80\xa2 Mike Sullivan \xe2\x80\x93 Director\n\xe2\x80\xa2 Angela Brown\n" },
		/* unclosed cells and rows, as mail writes them */
		{ "<table><tr><td>x<td>y<tr><td>z</table>", "x\ty\nz\n" },
		/* entities, a no-break space, a cp1252 reference, zero-width */
		{ "<p>a&nbsp;b &amp; c&#150;d\xe2\x80\x8b&zwnj;e &unknown; 1 < 2</p>",
		  "a b & c\xe2\x80\x93""de &unknown; 1 < 2\n" },
	};

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char *raw = xasprintf("Content-Type: text/html; charset=utf-8\n\n%s\n", cases[i].html);
		struct message *m = parse_str(raw);

		assert_int_equal(m->nparts, 1);
		assert_string_equal(m->parts[0].text, cases[i].want);
		message_free(m);
		free(raw);
	}
}

/* Hostile nesting: no recursion in the walk, bounded time; deeper than
 * libxml2's 256 elements is read to the end up to 1 MiB of HTML. */
static void
test_html_deep(void **state)
{
	static const int depth[] = { 40000, 100000 };

	for (size_t k = 0; k < ARRAY_LEN(depth); k++) {
		struct buf b = { 0 };
		struct message *m;

		buf_adds(&b, "Content-Type: text/html\n\n<p>top</p>");
		for (int i = 0; i < depth[k]; i++)
			buf_adds(&b, "<div><table><tr><td>");
		buf_adds(&b, "deep");
		m = message_parse(b.data, b.len, NULL);
		assert_int_equal(m->nparts, 1);
		assert_true(str_has_prefix(m->parts[0].text, "top\n"));
		if (b.len < 1024 * 1024)
			assert_non_null(strstr(m->parts[0].text, "deep"));
		message_free(m);
		buf_free(&b);
	}
}

static void
test_broken_boundary(void **state)
{
	struct message *m = parse_file("broken-boundary.eml");

	/* boundaries are case-sensitive; a missing close still ends the part */
	assert_int_equal(m->nparts, 2);
	assert_true(str_has_prefix(m->parts[0].text, "first part\n--SEP_123\n"));
	assert_int_equal(m->parts[1].kind, MSG_PART_CALENDAR);
	assert_string_equal(m->parts[1].text, "BEGIN:VCALENDAR\nEND:VCALENDAR\n");
	message_free(m);
}

static void
test_8bit_nocharset(void **state)
{
	struct message *m = parse_file("8bit-nocharset.eml");

	/* raw UTF-8 in From, raw latin1 in To and Subject */
	assert_addr(&m->from, 0, "Ren\xc3\xa9" "e Dupont", "renee@example.fr");
	assert_addr(&m->to, 0, "J\xc3\xbcrgen", "juergen@example.de");
	assert_string_equal(m->subject, "R\xc3\xa9union demain");
	assert_string_equal(m->parts[0].text, "Bonjour J\xc3\xbcrgen, r\xc3\xa9union \xc3\xa0 14h.\n");
	assert_int_equal((long long)m->date, 1803992400LL);
	assert_int_equal(m->flags & MESSAGE_BAD_CHARSET, 0);
	message_free(m);
}

static void
test_addresses(void **state)
{
	struct message *m = parse_file("addresses.eml");

	assert_addr(&m->from, 0, "Doe, John (HR)", "john.doe@example.com");
	assert_int_equal(m->to.n, 5);
	assert_addr(&m->to, 0, "", "alice@example.com");
	assert_addr(&m->to, 1, "Bob \"B\" Smith", "bob@example.com");
	assert_addr(&m->to, 2, "Carol C", "carol@example.com");
	assert_addr(&m->to, 3, "Zo\xc3\xab M, Li", "zoe@example.com");
	assert_addr(&m->to, 4, "", "dave@example.com");
	assert_int_equal(m->cc.n, 0);
	assert_addr(&m->sender, 0, "", "calendar-notification@google.com");
	assert_string_equal(m->list_id, "Jobs <jobs.list.example.com>");
	assert_string_equal(m->list_unsubscribe, "<https://example.com/unsub>");
	assert_string_equal(m->precedence, "bulk");
	assert_string_equal(m->auto_submitted, "auto-generated");
	assert_string_equal(m->mailer, "Mutt/2.2");
	assert_false(m->has_date);
	assert_null(m->date_raw);
	message_free(m);
}

/* Table-driven: RFC 2047 decoding. */
static void
test_rfc2047(void **state)
{
	static const struct { const char *in, *out; } cases[] = {
		{ "plain", "plain" },
		{ "=?utf-8?q?caf=C3=A9?=", "caf\xc3\xa9" },
		{ "=?UTF-8?B?Y2Fmw6k=?=", "caf\xc3\xa9" },
		{ "=?ISO-8859-1?Q?a?= =?ISO-8859-1?Q?b?=", "ab" },          /* space between words goes */
		{ "=?ISO-8859-1?Q?a?=  x =?ISO-8859-1?Q?b?=", "a  x b" },   /* other text stays */
		/* one UTF-8 character split across two words */
		{ "=?UTF-8?B?w6k=?= =?UTF-8?B?4oKs?=", "\xc3\xa9\xe2\x82\xac" },
		{ "=?UTF-8?Q?=E2=82?= =?UTF-8?Q?=AC?=", "\xe2\x82\xac" },
		{ "=?windows-1252?Q?=80?=", "\xe2\x82\xac" },
		{ "=?utf-8*en?Q?hi?=", "hi" },                              /* RFC 2231 language */
		{ "=?utf-8?x?bad?=", "=?utf-8?x?bad?=" },                   /* unknown encoding */
		{ "=?utf-8?q?unterminated", "=?utf-8?q?unterminated" },
		{ "=?bogus-label?q?caf=E9?=", "caf\xc3\xa9" },             /* unknown label: 1252 */
		{ "=?utf-8?q?a=00b=0Ac?=", "ab c" },                       /* NUL gone, LF a space */
		{ "=?utf-8?q?=C3=A9=FF?=", "\xc3\xa9\xef\xbf\xbd" },      /* bad UTF-8: U+FFFD */
		{ "=?utf-8?q?=FF?=", "\xc3\xbf" },   /* no UTF-8 at all: mislabelled latin1 */
		{ "", "" },
	};

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char *r = rfc2047_decode(cases[i].in);
		if (strcmp(r, cases[i].out) != 0)
			fail_msg("rfc2047_decode(\"%s\") = \"%s\", want \"%s\"", cases[i].in, r, cases[i].out);
		free(r);
	}
}

/* Table-driven: charsets to UTF-8. */
static void
test_charsets(void **state)
{
	static const struct { const char *cs; const char *in; size_t n; const char *out; bool bad; } cases[] = {
		{ NULL, "abc", 3, "abc", false },
		{ "utf-8", "caf\xc3\xa9", 5, "caf\xc3\xa9", false },
		{ "utf-8", "a\xff" "b\xc3\xa9", 5, "a\xef\xbf\xbd" "b\xc3\xa9", true },   /* U+FFFD */
		{ "utf-8", "caf\xe9", 4, "caf\xc3\xa9", true },       /* says UTF-8, is latin1 */
		{ "us-ascii", "caf\xe9", 4, "caf\xc3\xa9", true },
		{ "iso-8859-1", "caf\xc3\xa9", 5, "caf\xc3\xa9", false },  /* says latin1, is UTF-8 */
		{ "ISO-8859-1", "\x93x\x94", 3, "\xe2\x80\x9cx\xe2\x80\x9d", false },
		{ "\"Windows-1252\"", "\x80", 1, "\xe2\x82\xac", false },
		{ "iso-8859-15", "\xa4", 1, "\xe2\x82\xac", false },
		{ "koi8-r", "\xf0\xd2\xc9", 3, "\xd0\x9f\xd1\x80\xd0\xb8", false },
		{ "utf-16le", "h\0i\0", 4, "hi", false },
		{ "no-such-charset", "caf\xe9", 4, "caf\xc3\xa9", false },
		{ "x\x01y", "ok", 2, "ok", false },
		{ "utf-8", "a\0b", 3, "ab", false },                   /* NUL removed */
		{ NULL, "\xc3\xa9 and \xe9", 8, "\xc3\xa9 and \xc3\xa9", false },  /* mixed */
		{ "shift_jis", "\x93\xfa", 2, "\xe6\x97\xa5", false },
		{ "iso-2022-jp", "\x1b$BF|\x1b(B", 8, "\xe6\x97\xa5", false },
		{ "shift_jis", "\x93", 1, "\xef\xbf\xbd", true },       /* truncated sequence */
	};

	message_preload();
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		bool bad = false;
		char *r = charset_to_utf8(cases[i].cs, cases[i].in, cases[i].n, &bad);
		if (strcmp(r, cases[i].out) != 0 || bad != cases[i].bad)
			fail_msg("case %zu (%s): got \"%s\" bad=%d", i, cases[i].cs ? cases[i].cs : "NULL",
			    r, bad);
		free(r);
	}
}

/* Table-driven: Date header to UTC. */
static void
test_dates(void **state)
{
	static const struct { const char *in; long long t; } cases[] = {
		{ "Tue, 2 Mar 2027 10:12:00 +0100", 1803978720LL },
		{ "2 Mar 2027 09:12 GMT", 1803978720LL },
		{ "Tue, 02 Mar 2027 04:12:00 EST", 1803978720LL },
		{ "Tue,  2 Mar 27 01:12:00 -0800 (PST)", 1803978720LL },   /* 2-digit year */
		{ "Thu, 01 Jan 1970 00:00:00 +0000", 0 },
		{ "Mon, 29 Feb 2027 25:00:00 +0000", -1 },                /* hour 25 */
		{ "yesterday", -1 },
		{ "", -1 },
	};

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char *mail = xasprintf("Date: %s\n\nx\n", cases[i].in);
		struct message *m = parse_str(mail);
		if (cases[i].t < 0) {
			if (m->has_date)
				fail_msg("\"%s\" should not parse", cases[i].in);
		} else if (!m->has_date || (long long)m->date != cases[i].t) {
			fail_msg("\"%s\": %d %lld", cases[i].in, m->has_date, (long long)m->date);
		}
		message_free(m);
		free(mail);
	}
}

static void
test_garbage_and_fallback(void **state)
{
	static const char bin[] = "\x00\xff\xfe\x01\x02garbage\x00\n\n\x80\x81";
	struct message *m;

	/* empty input */
	m = message_parse("", 0, NULL);
	assert_string_equal(m->subject, "");
	assert_int_equal(m->nheaders, 0);
	message_free(m);
	m = message_parse(NULL, 0, NULL);
	message_free(m);

	/* binary junk: no header, one text part, valid UTF-8 without NUL */
	m = message_parse(bin, sizeof(bin) - 1, NULL);
	assert_int_equal(m->nheaders, 0);
	for (size_t i = 0; i < m->nparts; i++) {
		assert_int_equal(strlen(m->parts[i].text), m->parts[i].len);
		assert_null(strstr(m->parts[i].text, "\xff"));
	}
	message_free(m);

	/* no blank line after the header */
	m = parse_str("Subject: only a header");
	assert_string_equal(m->subject, "only a header");
	message_free(m);

	/* a line of spaces above the header (seen in real mail stores) */
	m = parse_str("   \nFrom: a@b.example\nSubject: s\n\nbody\n");
	assert_string_equal(m->subject, "s");
	assert_addr(&m->from, 0, "", "a@b.example");
	message_free(m);

	/* NUL bytes inside a body and an encoded word */
	{
		static const char nul[] = "Subject: a=?utf-8?q?=00?=b\nContent-Type: text/plain; charset=utf-8\n\nx\0y\n";
		m = message_parse(nul, sizeof(nul) - 1, NULL);
		assert_string_equal(m->subject, "ab");
		assert_string_equal(m->parts[0].text, "xy\n");
		message_free(m);
	}
}

static void
test_base64_rfc822(void **state)
{
	const char *mail =
	    "Subject: outer\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n"
	    "--b\nContent-Type: message/rfc822\nContent-Transfer-Encoding: base64\n\n"
	    /* "Subject: inner\n\nhello\n" */
	    "U3ViamVjdDogaW5uZXIKCmhlbGxvCg==\n"
	    "--b--\n";
	struct message *m = parse_str(mail);

	assert_int_equal(m->nattached, 1);
	assert_string_equal(m->attached[0]->subject, "inner");
	assert_string_equal(m->attached[0]->parts[0].text, "hello\n");
	message_free(m);
}

static void
test_limits_depth(void **state)
{
	struct buf b = { 0 };
	struct message *m;
	int levels = 40;

	buf_adds(&b, "Subject: deep\nContent-Type: multipart/mixed; boundary=\"L0\"\n\n");
	for (int i = 0; i < levels; i++)
		buf_addf(&b, "--L%d\nContent-Type: multipart/mixed; boundary=\"L%d\"\n\n", i, i + 1);
	buf_addf(&b, "--L%d\nContent-Type: text/plain\n\ndeepest\n", levels);
	for (int i = levels; i >= 0; i--)
		buf_addf(&b, "--L%d--\n", i);
	m = message_parse(b.data, b.len, NULL);
	assert_true(m->flags & MESSAGE_TOO_DEEP);
	assert_int_equal(m->nparts, 0);
	message_free(m);

	/* forwarded inside forwarded inside...: same cap */
	buf_reset(&b);
	for (int i = 0; i < levels; i++)
		buf_adds(&b, "Subject: fwd\nContent-Type: message/rfc822\n\n");
	buf_adds(&b, "Subject: end\n\ntext\n");
	m = message_parse(b.data, b.len, NULL);
	assert_true(m->flags & MESSAGE_TOO_DEEP);
	message_free(m);
	buf_free(&b);
}

static void
test_limits_parts_and_text(void **state)
{
	struct buf b = { 0 };
	struct message *m;
	struct message_limits lim;
	size_t total = 0;

	buf_adds(&b, "Subject: many\nContent-Type: multipart/mixed; boundary=x\n\n");
	for (int i = 0; i < 700; i++)
		buf_addf(&b, "--x\nContent-Type: text/plain\n\npart %d\n", i);
	buf_adds(&b, "--x--\n");
	m = message_parse(b.data, b.len, NULL);
	assert_true(m->flags & MESSAGE_TOO_MANY_PARTS);
	assert_int_equal(m->nparts, 500);
	assert_string_equal(m->parts[499].text, "part 499\n");
	message_free(m);

	/* text cap, cut at a character boundary */
	message_limits_default(&lim);
	lim.max_text = 1000;
	buf_reset(&b);
	buf_adds(&b, "Content-Type: text/plain; charset=utf-8\n\n");
	for (int i = 0; i < 2000; i++)
		buf_adds(&b, "\xc3\xa9");
	m = message_parse(b.data, b.len, &lim);
	assert_true(m->flags & MESSAGE_TRUNCATED);
	assert_true(m->parts[0].len <= 1000);
	assert_true(m->parts[0].len >= 998);
	assert_int_equal(m->parts[0].len % 2, 0);
	message_free(m);

	/* several parts share the cap */
	lim.max_text = 50;
	m = message_parse("Content-Type: multipart/mixed; boundary=x\n\n"
	    "--x\n\n0123456789012345678901234567890123456789\n"
	    "--x\n\n0123456789012345678901234567890123456789\n"
	    "--x\n\nthird\n--x--\n", 134, &lim);
	for (size_t i = 0; i < m->nparts; i++)
		total += m->parts[i].len;
	assert_true(total <= 50);
	assert_true(m->flags & MESSAGE_TRUNCATED);
	message_free(m);

	/* a header value longer than the cap */
	message_limits_default(&lim);
	lim.max_header_len = 100;
	buf_reset(&b);
	buf_adds(&b, "Subject: ");
	for (int i = 0; i < 50; i++)
		buf_adds(&b, "word word\n ");
	buf_adds(&b, "end\n\nx\n");
	m = message_parse(b.data, b.len, &lim);
	assert_true(m->flags & MESSAGE_LONG_HEADER);
	assert_true(strlen(m->subject) <= 100);
	message_free(m);
	buf_free(&b);
}

static void
test_body_text_choice(void **state)
{
	struct message *m = parse_str(
	    "Content-Type: multipart/mixed; boundary=x\n\n"
	    "--x\nContent-Type: text/html\n\n<p>html</p>\n"
	    "--x\nContent-Type: text/plain\nContent-Disposition: attachment; filename=\"notes.txt\"\n\nattached notes\n"
	    "--x--\n");
	char *body = message_body_text(m);

	/* the only non-attachment text is HTML: it is the body */
	assert_string_equal(body, "html\n");
	assert_string_equal(m->parts[1].filename, "notes.txt");
	assert_true(m->parts[1].attachment);
	free(body);
	message_free(m);
}

static int
dump_files(int argc, char **argv)
{
	int bad = 0;

	message_preload();
	for (int i = 1; i < argc; i++) {
		char *raw = NULL;
		size_t len = 0, text = 0;
		struct message *m;

		if (read_file(argv[i], 64 * 1024 * 1024, &raw, &len) != 0) {
			perror(argv[i]);
			bad++;
			continue;
		}
		m = message_parse(raw, len, NULL);
		for (size_t k = 0; k < m->nparts; k++)
			text += m->parts[k].len;
		printf("%s: %zu headers, %zu parts, %zu attached, %zu bytes text, flags %#x\n",
		    argv[i], m->nheaders, m->nparts, m->nattached, text, m->flags);
		message_free(m);
		free(raw);
	}
	return bad ? 1 : 0;
}

/* ---- Authentication-Results ---- */

static void
test_auth_results_table(void **state)
{
	static const struct {
		const char *value;
		unsigned want;
	} cases[] = {
		{ NULL, 0 },
		{ "", 0 },
		{ "   ", 0 },
		{ ";dkim=fail", 0 },                       /* no server name: nothing */
		{ "mx.example.net; none", MSG_AUTH_PRESENT },
		{ "mx.example.net 1; none", MSG_AUTH_PRESENT },
		{ "mx.example.net; dkim=pass header.d=acme.com; spf=pass smtp.mailfrom=acme.com;"
		  " dmarc=pass header.from=acme.com",
		  MSG_AUTH_PRESENT | MSG_AUTH_DKIM_PASS | MSG_AUTH_SPF_PASS | MSG_AUTH_DMARC_PASS },
		{ "mx.example.net; dkim=fail (signature did not verify) header.d=acme.com;"
		  " dmarc=fail (p=reject dis=none) header.from=acme.com",
		  MSG_AUTH_PRESENT | MSG_AUTH_DKIM_FAIL | MSG_AUTH_DMARC_FAIL },
		/* Several dkim results: one passing signature and one failing. */
		{ "mx.example.net; dkim=pass header.d=acme.com; dkim=fail header.d=evil.example",
		  MSG_AUTH_PRESENT | MSG_AUTH_DKIM_PASS | MSG_AUTH_DKIM_FAIL },
		/* Case, method versions, white space and comments everywhere. */
		{ "  (first) MX.Example.NET (the server) ;\tDKIM/1 (v1) = FAIL ; SPF = Fail"
		  " (sender not allowed) smtp.mailfrom=x.org",
		  MSG_AUTH_PRESENT | MSG_AUTH_DKIM_FAIL | MSG_AUTH_SPF_FAIL },
		/* A ';' in a comment or a quoted string does not start a result. */
		{ "mx.example.net; spf=pass (x; dkim=fail) smtp.mailfrom=a.org;"
		  " dkim=pass reason=\"ok; dmarc=fail\" header.d=a.org",
		  MSG_AUTH_PRESENT | MSG_AUTH_SPF_PASS | MSG_AUTH_DKIM_PASS },
		/* Other results and methods are not reported. */
		{ "mx.example.net; dkim=none; spf=softfail; dmarc=temperror; arc=fail;"
		  " dkim=failed; auth=fail; iprev=fail",
		  MSG_AUTH_PRESENT },
		/* Nested comments. */
		{ "mx.example.net; dkim=fail (a (b (c) b) a) header.d=x.org; dmarc=pass",
		  MSG_AUTH_PRESENT | MSG_AUTH_DKIM_FAIL | MSG_AUTH_DMARC_PASS },
		/* An unterminated comment ends the parse with what was read. */
		{ "mx.example.net; dmarc=fail; dkim=pass (oops; spf=pass",
		  MSG_AUTH_PRESENT | MSG_AUTH_DMARC_FAIL | MSG_AUTH_DKIM_PASS },
		{ "mx.example.net; dmarc=fail (never ends; dkim=pass",
		  MSG_AUTH_PRESENT | MSG_AUTH_DMARC_FAIL },
		/* Unterminated quoted string. */
		{ "mx.example.net; dkim=pass reason=\"open; dmarc=fail",
		  MSG_AUTH_PRESENT | MSG_AUTH_DKIM_PASS },
		/* Quoted authserv-id. */
		{ "\"mx.example.net\"; dmarc=fail", MSG_AUTH_PRESENT | MSG_AUTH_DMARC_FAIL },
		{ "\"\"; dmarc=fail", 0 },
		/* Missing '=' or result. */
		{ "mx.example.net; dkim; dmarc=; spf fail; dkim=pass",
		  MSG_AUTH_PRESENT | MSG_AUTH_DKIM_PASS },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		unsigned got = message_auth_parse(cases[i].value);

		if (got != cases[i].want)
			fail_msg("case %zu (%s): 0x%x, expected 0x%x", i,
			    cases[i].value ? cases[i].value : "NULL", got, cases[i].want);
	}
	assert_string_equal(message_auth_name(MSG_AUTH_DMARC_FAIL), "dmarc=fail");
	assert_string_equal(message_auth_name(MSG_AUTH_DKIM_PASS), "dkim=pass");
	assert_string_equal(message_auth_name(0x1000), "?");
}

/* Hostile values are bounded: deep comments, endless results, a huge
 * value; results past the bounds are not read. */
static void
test_auth_results_bounded(void **state)
{
	struct buf b = { 0 };

	(void)state;
	/* 17 nested comments: too deep, nothing after them is read. */
	buf_adds(&b, "mx.example.net; dmarc=fail; dkim=fail ");
	for (int i = 0; i < 17; i++)
		buf_adds(&b, "(");
	for (int i = 0; i < 17; i++)
		buf_adds(&b, ")");
	buf_adds(&b, "; spf=fail");
	assert_int_equal(message_auth_parse(b.data),
	    MSG_AUTH_PRESENT | MSG_AUTH_DMARC_FAIL | MSG_AUTH_DKIM_FAIL);
	buf_free(&b);
	/* 100,000 results: only the first 64 are looked at. */
	buf_adds(&b, "mx.example.net");
	for (int i = 0; i < 100000; i++)
		buf_adds(&b, "; x=y");
	buf_adds(&b, "; dmarc=fail");
	assert_int_equal(message_auth_parse(b.data), MSG_AUTH_PRESENT);
	buf_free(&b);
	/* A megabyte of comment: bounded by the 8 KiB looked at. */
	buf_adds(&b, "mx.example.net; dkim=pass (");
	for (int i = 0; i < 1 << 20; i++)
		buf_adds(&b, "x");
	buf_adds(&b, "); dmarc=fail");
	assert_int_equal(message_auth_parse(b.data), MSG_AUTH_PRESENT | MSG_AUTH_DKIM_PASS);
	buf_free(&b);
	/* Backslashes and quotes at the very end. */
	assert_int_equal(message_auth_parse("mx; dkim=pass (\\"), MSG_AUTH_PRESENT | MSG_AUTH_DKIM_PASS);
	assert_int_equal(message_auth_parse("\"mx\\"), 0);
}

/* Only the first header counts: the user's own server prepends it; one
 * further down was written by the sender. */
static void
test_auth_results_first_header(void **state)
{
	struct message *m = parse_str(
	    "Authentication-Results: mx.example.net; dkim=fail header.d=acme.com;\r\n"
	    " dmarc=fail header.from=acme.com\r\n"
	    "Received: from x by mx.example.net\r\n"
	    "Authentication-Results: mx.example.net; dkim=pass header.d=acme.com;"
	    " dmarc=pass\r\n"
	    "From: Ravi <ravi@acme.com>\r\nSubject: hi\r\n\r\nbody\r\n");

	(void)state;
	assert_int_equal(message_auth_results(m),
	    MSG_AUTH_PRESENT | MSG_AUTH_DKIM_FAIL | MSG_AUTH_DMARC_FAIL);
	message_free(m);
	m = parse_str("From: Ravi <ravi@acme.com>\r\nSubject: hi\r\n\r\nbody\r\n");
	assert_int_equal(message_auth_results(m), 0);
	message_free(m);
}

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alternative),
		cmocka_unit_test(test_alternative_stub),
		cmocka_unit_test(test_nested),
		cmocka_unit_test(test_calendar_qp),
		cmocka_unit_test(test_calendar_base64),
		cmocka_unit_test(test_forward),
		cmocka_unit_test(test_html_only),
		cmocka_unit_test(test_html_struck),
		cmocka_unit_test(test_html_tables),
		cmocka_unit_test(test_html_deep),
		cmocka_unit_test(test_broken_boundary),
		cmocka_unit_test(test_8bit_nocharset),
		cmocka_unit_test(test_addresses),
		cmocka_unit_test(test_rfc2047),
		cmocka_unit_test(test_charsets),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_garbage_and_fallback),
		cmocka_unit_test(test_base64_rfc822),
		cmocka_unit_test(test_limits_depth),
		cmocka_unit_test(test_limits_parts_and_text),
		cmocka_unit_test(test_body_text_choice),
		cmocka_unit_test(test_auth_results_table),
		cmocka_unit_test(test_auth_results_bounded),
		cmocka_unit_test(test_auth_results_first_header),
	};

	if (argc > 1)
		return dump_files(argc, argv);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
