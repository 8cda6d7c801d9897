/*
 * message_header: reading header fields, leniently.  The header section is
 * split into unfolded fields (bounded by message_limits: field length and
 * count); address lists become name / addr-spec pairs (group syntax,
 * comments, missing angle brackets and "mailto:" tolerated); dates are RFC
 * 5322 read with the liberties real mailers take (no weekday, two-digit
 * years, zone names); Authentication-Results (RFC 8601) is reduced to the
 * dkim / dmarc / spf verdicts.  Encoded words and charsets are decoded by
 * message_text.c; the values come out as UTF-8.
 */
#include "autoconfig.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "message.h"
#include "message_p.h"
#include "util.h"

/* ------------------------------------------------------------------ */
/* Header section                                                        */

size_t
message_split_header(const struct message_limits *lim, const char *raw, size_t len,
    struct raw_field **fields, size_t *nfields, unsigned *flags)
{
	size_t pos = 0, cap = 0;
	struct buf val = { 0 };
	char *name = NULL;
	bool have = false;

	*fields = NULL;
	*nfields = 0;
	/* mbox "From " separator line */
	if (len >= 5 && memcmp(raw, "From ", 5) == 0) {
		const char *nl = memchr(raw, '\n', len);
		pos = nl ? (size_t)(nl - raw) + 1 : len;
	}
	for (;;) {
		const char *line = raw + pos, *nl, *colon;
		size_t llen, full;
		bool cont;

		if (pos >= len) {
			full = 0;
			llen = 0;
		} else {
			nl = memchr(line, '\n', len - pos);
			full = nl ? (size_t)(nl - line) + 1 : len - pos;
			llen = nl ? (size_t)(nl - line) : len - pos;
			if (llen > 0 && line[llen - 1] == '\r')
				llen--;
		}
		cont = llen > 0 && (line[0] == ' ' || line[0] == '\t');
		if (cont && have) {
			size_t room = lim->max_header_len > val.len ?
			    lim->max_header_len - val.len : 0;
			if (llen > room) {
				*flags |= MESSAGE_LONG_HEADER;
				llen = room;
			}
			buf_add(&val, line, llen);
			pos += full;
			continue;
		}
		if (have) {
			if (*nfields < lim->max_headers) {
				if (*nfields == cap) {
					cap = cap ? cap * 2 : 16;
					*fields = xreallocarray(*fields, cap, sizeof(**fields));
				}
				(*fields)[*nfields].name = name;
				(*fields)[*nfields].value = charset_to_utf8(NULL,
				    val.data ? val.data : "", val.len, NULL);
				(*nfields)++;
			} else {
				free(name);
			}
			name = NULL;
			buf_reset(&val);
			have = false;
		}
		if (pos >= len)
			break;
		if (llen == 0) {
			pos += full;    /* the empty line ending the header */
			break;
		}
		colon = memchr(line, ':', llen);
		if (colon != NULL && colon > line) {
			const char *e = colon;
			bool ok = true;
			const char *q;

			while (e > line && (e[-1] == ' ' || e[-1] == '\t'))
				e--;        /* "Subject : x" */
			for (q = line; q < e; q++)
				if ((unsigned char)*q <= 0x20 || (unsigned char)*q >= 0x7F)
					ok = false;
			if (ok && e > line) {
				size_t vlen = llen - (size_t)(colon + 1 - line);

				name = xstrndup(line, (size_t)(e - line));
				if (vlen > lim->max_header_len) {
					vlen = lim->max_header_len;
					*flags |= MESSAGE_LONG_HEADER;
				}
				buf_add(&val, colon + 1, vlen);
				have = true;
				pos += full;
				continue;
			}
		}
		if (*nfields == 0 && !have)
			break;          /* no header at all: all of it is body */
		pos += full;            /* junk line inside the header: skip */
	}
	buf_free(&val);
	free(name);
	return pos;
}

/* ------------------------------------------------------------------ */
/* Addresses                                                             */

static void
addr_add(struct msg_addr_list *l, const char *name, size_t nlen, const char *email, size_t elen)
{
	char *n, *e, *d;
	struct msg_addr *a;

	e = xstrndup(email, elen);
	str_trim(e);
	if (str_case_has_prefix(e, "mailto:"))
		memmove(e, e + 7, strlen(e + 7) + 1);
	str_lower(e);
	n = xstrndup(name, nlen);
	str_trim(n);
	/* Strip one level of surrounding quotes left by sloppy senders. */
	if (n[0] == '"' || n[0] == '\'') {
		size_t k = strlen(n);
		if (k >= 2 && n[k - 1] == n[0]) {
			n[k - 1] = '\0';
			memmove(n, n + 1, k - 1);
		}
	}
	d = rfc2047_decode(n);
	free(n);
	str_trim(d);
	if (*d == '\0' && *e == '\0') {
		free(d);
		free(e);
		return;
	}
	l->v = xreallocarray(l->v, l->n + 1, sizeof(*l->v));
	a = &l->v[l->n++];
	a->name = d;
	a->email = e;
}

/* Lenient: the rules are in message_p.h. */
void
message_parse_addresses(struct msg_addr_list *l, const char *s)
{
	struct buf name = { 0 }, comment = { 0 }, email = { 0 };
	bool have_angle = false;
	const char *p = s;

	for (;;) {
		char c = *p;

		if (c == '"') {
			p++;
			while (*p != '\0' && *p != '"') {
				if (*p == '\\' && p[1] != '\0')
					p++;
				buf_addc(&name, *p++);
			}
			if (*p == '"')
				p++;
			continue;
		}
		if (c == '(') {
			int depth = 1;
			p++;
			while (*p != '\0' && depth > 0) {
				if (*p == '\\' && p[1] != '\0')
					p++;
				else if (*p == '(')
					depth++;
				else if (*p == ')' && --depth == 0)
					break;
				buf_addc(&comment, *p++);
			}
			if (*p == ')')
				p++;
			continue;
		}
		if (c == '<') {
			const char *e = strchr(p, '>');
			size_t n = e ? (size_t)(e - p - 1) : strlen(p + 1);
			buf_reset(&email);
			buf_add(&email, p + 1, n);
			have_angle = true;
			p += n + 1 + (e ? 1 : 0);
			continue;
		}
		if (c == ':' && !have_angle) {
			/* group name (or a stray colon): what came before is not a name */
			buf_reset(&name);
			p++;
			continue;
		}
		if (c == ',' || c == ';' || c == '\0') {
			if (!have_angle) {
				/* find the word with '@' in name */
				char *t = name.data ? name.data : (char *)"";
				char *at = strchr(t, '@');
				if (at != NULL) {
					char *b = at, *e = at;
					while (b > t && !isspace((unsigned char)b[-1]))
						b--;
					while (*e != '\0' && !isspace((unsigned char)*e))
						e++;
					buf_reset(&email);
					buf_add(&email, b, (size_t)(e - b));
					memmove(b, e, strlen(e) + 1);
					name.len = strlen(t);
				}
			}
			{
				const char *nm = name.data ? name.data : "";
				char *tn = xstrdup(nm);
				str_trim(tn);
				if (*tn == '\0' && comment.len > 0)
					addr_add(l, comment.data, comment.len,
					    email.data ? email.data : "", email.len);
				else
					addr_add(l, tn, strlen(tn),
					    email.data ? email.data : "", email.len);
				free(tn);
			}
			buf_reset(&name);
			buf_reset(&comment);
			buf_reset(&email);
			have_angle = false;
			if (c == '\0')
				break;
			p++;
			continue;
		}
		buf_addc(&name, c);
		p++;
	}
	buf_free(&name);
	buf_free(&comment);
	buf_free(&email);
}

/* ------------------------------------------------------------------ */
/* Dates                                                                 */

static int64_t
days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

/* The lenient reading is described in message_p.h. */
bool
message_parse_date(const char *s, time_t *out)
{
	static const char *months[] = { "jan", "feb", "mar", "apr", "may", "jun",
	    "jul", "aug", "sep", "oct", "nov", "dec" };
	static const struct { const char *n; int off; } zones[] = {
		{ "UT", 0 }, { "UTC", 0 }, { "GMT", 0 }, { "Z", 0 },
		{ "EST", -500 }, { "EDT", -400 }, { "CST", -600 }, { "CDT", -500 },
		{ "MST", -700 }, { "MDT", -600 }, { "PST", -800 }, { "PDT", -700 },
		{ "CET", 100 }, { "CEST", 200 }, { "BST", 100 },
	};
	long day = -1, mon = -1, year = -1, hh = 0, mm = 0, ss = 0;
	int zone = 0;
	bool have_time = false;
	const char *p = s;
	size_t i;

	while (*p != '\0') {
		while (*p != '\0' && (isspace((unsigned char)*p) || *p == ',' ||
		    (*p == '-' && !isdigit((unsigned char)p[1]))))
			p++;
		if (*p == '\0')
			break;
		if (*p == '(') {
			const char *e = strchr(p, ')');
			p = e ? e + 1 : p + strlen(p);
			continue;
		}
		if (isdigit((unsigned char)*p)) {
			char *e;
			long v = strtol(p, &e, 10);
			size_t nd = (size_t)(e - p);

			if (*e == ':' && !have_time) {
				hh = v;
				p = e + 1;
				mm = strtol(p, &e, 10);
				if (*e == ':') {
					p = e + 1;
					ss = strtol(p, &e, 10);
				}
				have_time = true;
				p = e;
				continue;
			}
			if (day < 0 && mon < 0 && nd <= 2)
				day = v;
			else if (day < 0 && nd <= 2)
				day = v;        /* "Mon Jan 2" */
			else if (year < 0)
				year = nd <= 2 ? (v < 50 ? 2000 + v : 1900 + v) : (nd == 3 ? 1900 + v : v);
			p = e;
			continue;
		}
		if ((*p == '+' || *p == '-') && isdigit((unsigned char)p[1])) {
			int sign = *p == '-' ? -1 : 1;
			char *e;
			long v = strtol(p + 1, &e, 10);
			if (e - (p + 1) == 4 && v % 100 < 60 && v < 2400)
				zone = sign * (int)v;
			p = e;
			continue;
		}
		if (isalpha((unsigned char)*p)) {
			const char *b = p;
			size_t n;

			while (isalpha((unsigned char)*p))
				p++;
			n = (size_t)(p - b);
			if (mon < 0 && n >= 3) {
				for (i = 0; i < 12; i++)
					if (strncasecmp(b, months[i], 3) == 0) {
						mon = (long)i + 1;
						break;
					}
				if (mon > 0)
					continue;
			}
			for (i = 0; i < ARRAY_LEN(zones); i++)
				if (strlen(zones[i].n) == n && strncasecmp(b, zones[i].n, n) == 0)
					zone = zones[i].off;
			continue;
		}
		p++;
	}
	if (day < 1 || day > 31 || mon < 1 || year < 1900 || year > 9999 ||
	    hh > 23 || mm > 59 || ss > 60)
		return false;
	{
		int64_t t = days_from_civil(year, (unsigned)mon, (unsigned)day) * 86400 +
		    hh * 3600 + mm * 60 + ss;
		int zsign = zone < 0 ? -1 : 1, za = zone < 0 ? -zone : zone;
		t -= zsign * ((za / 100) * 3600 + (za % 100) * 60);
		if ((time_t)t != t)
			return false;
		*out = (time_t)t;
	}
	return true;
}

/* ---- Authentication-Results (RFC 8601) ---- */

#define AR_MAX_LEN 8192         /* bytes of a header value looked at */
#define AR_MAX_RESULTS 64       /* resinfo elements looked at */
#define AR_MAX_DEPTH 16         /* nested comments */

static bool
ar_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Skip white space and (nested) comments; NULL when a comment does not
 * end or nests too deep. */
static const char *
ar_skip_cfws(const char *p, const char *end)
{
	for (;;) {
		int depth = 0;

		while (p < end && ar_space(*p))
			p++;
		if (p >= end || *p != '(')
			return p;
		do {
			if (*p == '\\' && p + 1 < end)
				p++;
			else if (*p == '(' && ++depth > AR_MAX_DEPTH)
				return NULL;
			else if (*p == ')')
				depth--;
			p++;
		} while (p < end && depth > 0);
		if (depth > 0)
			return NULL;
	}
}

/* Length of the token at p: letters, digits and - _ . */
static size_t
ar_token(const char *p, const char *end)
{
	const char *q = p;

	while (q < end && (isalnum((unsigned char)*q) || *q == '-' || *q == '_' || *q == '.'))
		q++;
	return (size_t)(q - p);
}

/* The next ';' outside quoted strings and comments, or NULL. */
static const char *
ar_next_semicolon(const char *p, const char *end)
{
	int depth = 0;
	bool quoted = false;

	for (; p < end; p++) {
		if (*p == '\\' && (quoted || depth > 0)) {
			if (++p >= end)
				break;
		} else if (quoted) {
			quoted = *p != '"';
		} else if (*p == '"' && depth == 0) {
			quoted = true;
		} else if (*p == '(') {
			if (++depth > AR_MAX_DEPTH)
				return NULL;
		} else if (*p == ')' && depth > 0) {
			depth--;
		} else if (*p == ';' && depth == 0) {
			return p;
		}
	}
	return NULL;
}

static bool
ar_is(const char *p, size_t n, const char *word)
{
	return strlen(word) == n && strncasecmp(p, word, n) == 0;
}

unsigned
message_auth_parse(const char *value)
{
	const char *p = value, *end;
	unsigned out = 0;
	size_t n;

	if (value == NULL)
		return 0;
	n = strlen(value);
	end = value + (n > AR_MAX_LEN ? AR_MAX_LEN : n);
	if ((p = ar_skip_cfws(p, end)) == NULL)
		return 0;
	/* authserv-id: a domain name, rarely a quoted string. */
	if (p < end && *p == '"') {
		const char *q = p + 1;

		while (q < end && *q != '"')
			q += *q == '\\' && q + 1 < end ? 2 : 1;
		if (q >= end || q == p + 1)
			return 0;
		p = q + 1;
	} else {
		if ((n = ar_token(p, end)) == 0)
			return 0;
		p += n;
	}
	out |= MSG_AUTH_PRESENT;
	for (int k = 0; k < AR_MAX_RESULTS; k++) {
		const char *q;
		size_t mlen, rlen;

		if ((p = ar_next_semicolon(p, end)) == NULL)
			break;
		p++;
		if ((q = ar_skip_cfws(p, end)) == NULL)
			break;
		if ((mlen = ar_token(q, end)) == 0)
			continue;
		p = q + mlen;
		if (p < end && *p == '/') {     /* method version */
			p++;
			while (p < end && isdigit((unsigned char)*p))
				p++;
		}
		if ((p = ar_skip_cfws(p, end)) == NULL)
			break;
		if (p >= end || *p != '=')
			continue;
		if ((p = ar_skip_cfws(p + 1, end)) == NULL)
			break;
		rlen = ar_token(p, end);
		for (unsigned bit = MSG_AUTH_DKIM_PASS; bit <= MSG_AUTH_SPF_FAIL; bit <<= 1) {
			const char *name = message_auth_name(bit), *eq = strchr(name, '=');

			if ((size_t)(eq - name) == mlen && strncasecmp(q, name, mlen) == 0 &&
			    ar_is(p, rlen, eq + 1))
				out |= bit;
		}
		p += rlen;
	}
	return out;
}

bool
message_precedence_bulk(const char *value, size_t len)
{
	static const char *const words[] = { "bulk", "list", "junk" };

	for (size_t i = 0; value != NULL && i < ARRAY_LEN(words); i++)
		if (len == strlen(words[i]) && strncasecmp(value, words[i], len) == 0)
			return true;
	return false;
}

unsigned
message_auth_results(const struct message *m)
{
	return message_auth_parse(message_header(m, "Authentication-Results"));
}

const char *
message_auth_name(unsigned bit)
{
	switch (bit) {
	case MSG_AUTH_DKIM_PASS: return "dkim=pass";
	case MSG_AUTH_DKIM_FAIL: return "dkim=fail";
	case MSG_AUTH_DMARC_PASS: return "dmarc=pass";
	case MSG_AUTH_DMARC_FAIL: return "dmarc=fail";
	case MSG_AUTH_SPF_PASS: return "spf=pass";
	case MSG_AUTH_SPF_FAIL: return "spf=fail";
	case MSG_AUTH_PRESENT: return "present";
	default: return "?";
	}
}

