/*
 * message: MIME parsing with libetpan, decoding to bounded UTF-8.
 *
 * libetpan finds the MIME structure; everything else (header fields,
 * addresses, dates, transfer encodings, charsets, HTML) is decoded here,
 * leniently, because real mail breaks every rule and a parse failure must
 * never lose the text a user cares about.  HTML becomes text in
 * message_html.c.
 */
#include "autoconfig.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <libetpan/libetpan.h>

#include "message.h"
#include "message_p.h"
#include "parties.h"
#include "utf8.h"
#include "util.h"

/* Shared by an outer message and everything attached to it. */
struct parse_ctx {
	struct message_limits lim;
	size_t text_used;
	size_t parts_used;
};

static struct message *parse_raw(struct parse_ctx *ctx, const char *raw, size_t len, unsigned depth);

void
message_limits_default(struct message_limits *lim)
{
	lim->max_text = 1024 * 1024;
	lim->max_parts = 500;
	lim->max_depth = 20;
	lim->max_header_len = 16 * 1024;
	lim->max_headers = 1000;
}

/* ------------------------------------------------------------------ */
/* UTF-8                                                                */

void
message_put_cp(struct buf *b, uint32_t cp)
{
	if (cp == 0)
		return;
	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = 0xFFFD;
	buf_add_utf8(b, cp);
}

/* true if p is valid UTF-8; *multibyte says whether any non-ASCII was seen. */
static bool
utf8_valid(const char *p, size_t n, bool *multibyte)
{
	const unsigned char *u = (const unsigned char *)p;
	size_t i = 0, k;

	*multibyte = false;
	while (i < n) {
		if ((k = utf8_seq(u + i, n - i)) == 0)
			return false;
		if (k > 1)
			*multibyte = true;
		i += k;
	}
	return true;
}

/* Append p as UTF-8: invalid bytes become U+FFFD, NUL bytes vanish. */
static void
buf_add_sanitized(struct buf *b, const char *p, size_t n, bool *bad)
{
	const unsigned char *u = (const unsigned char *)p;
	size_t i = 0, k, run = 0;

	while (i < n) {
		if (u[i] == 0) {
			buf_add(b, p + run, i - run);
			i++;
			run = i;
			continue;
		}
		if ((k = utf8_seq(u + i, n - i)) == 0) {
			buf_add(b, p + run, i - run);
			message_put_cp(b, 0xFFFD);
			if (bad)
				*bad = true;
			i++;
			run = i;
			continue;
		}
		i += k;
	}
	buf_add(b, p + run, i - run);
}

static void
buf_add_cp1252(struct buf *b, const char *p, size_t n)
{
	const unsigned char *u = (const unsigned char *)p;
	size_t i;

	/* Kept here so the common fallback needs no gconv module.  NUL is
	 * dropped, the bytes Windows-1252 leaves undefined are U+FFFD. */
	for (i = 0; i < n; i++) {
		uint32_t cp = utf8_from_cp1252(u[i]);

		message_put_cp(b, cp == 0 && u[i] != 0 ? 0xFFFD : cp);
	}
}

/* Undeclared 8-bit: keep valid UTF-8 sequences, read every other byte as
 * windows-1252 (mail with a raw latin1 name next to UTF-8 text exists). */
static void
buf_add_mixed(struct buf *b, const char *p, size_t n)
{
	const unsigned char *u = (const unsigned char *)p;
	size_t i = 0, k;

	while (i < n) {
		if (u[i] >= 0x80 && (k = utf8_seq(u + i, n - i)) > 1) {
			buf_add(b, p + i, k);
			i += k;
		} else {
			buf_add_cp1252(b, p + i, 1);
			i++;
		}
	}
}

/* ------------------------------------------------------------------ */
/* Charsets                                                             */

enum cs_kind { CS_UTF8, CS_LATIN, CS_ICONV };

/* Map a declared label to how we convert it; *name gets the iconv name
 * for CS_ICONV (static storage or label itself). */
static enum cs_kind
charset_classify(const char *label, char *name, size_t namesz)
{
	static const struct { const char *label; const char *iconv; } alias[] = {
		{ "gb2312", "GB18030" }, { "gbk", "GB18030" }, { "x-gbk", "GB18030" },
		{ "cp936", "GB18030" }, { "gb18030", "GB18030" },
		{ "ks_c_5601-1987", "CP949" }, { "ks_c_5601", "CP949" }, { "euc-kr", "CP949" },
		{ "windows-949", "CP949" },
		{ "shift_jis", "CP932" }, { "shift-jis", "CP932" }, { "x-sjis", "CP932" },
		{ "sjis", "CP932" }, { "windows-31j", "CP932" }, { "cp932", "CP932" },
		{ "ms_kanji", "CP932" },
		{ "iso-8859-8-i", "ISO-8859-8" }, { "iso-8859-6-i", "ISO-8859-6" },
		{ "big5", "BIG5-HKSCS" }, { "big5-hkscs", "BIG5-HKSCS" },
		{ "x-mac-roman", "MACINTOSH" }, { "macintosh", "MACINTOSH" },
		{ "tis-620", "TIS-620" }, { "windows-874", "CP874" },
	};
	char low[64];
	size_t i, j = 0;

	if (label == NULL)
		return CS_UTF8;
	for (i = 0; label[i] != '\0' && j + 1 < sizeof(low); i++) {
		unsigned char c = (unsigned char)label[i];
		if (c == '"' || c == '\'' || isspace(c))
			continue;
		low[j++] = (char)tolower(c);
	}
	low[j] = '\0';
	if (j == 0 || strcmp(low, "utf-8") == 0 || strcmp(low, "utf8") == 0 ||
	    strcmp(low, "us-ascii") == 0 || strcmp(low, "ascii") == 0 ||
	    strcmp(low, "ansi_x3.4-1968") == 0 || strcmp(low, "iso646-us") == 0 ||
	    strcmp(low, "unicode-1-1-utf-8") == 0 || strcmp(low, "x-unknown") == 0 ||
	    strcmp(low, "unknown-8bit") == 0 || strcmp(low, "default") == 0)
		return CS_UTF8;
	if (strcmp(low, "iso-8859-1") == 0 || strcmp(low, "iso8859-1") == 0 ||
	    strcmp(low, "iso_8859-1") == 0 || strcmp(low, "latin1") == 0 ||
	    strcmp(low, "latin-1") == 0 || strcmp(low, "l1") == 0 ||
	    strcmp(low, "windows-1252") == 0 || strcmp(low, "cp1252") == 0 ||
	    strcmp(low, "x-cp1252") == 0 || strcmp(low, "cp819") == 0 ||
	    strcmp(low, "iso-ir-100") == 0)
		return CS_LATIN;
	for (i = 0; i < ARRAY_LEN(alias); i++) {
		if (strcmp(low, alias[i].label) == 0) {
			snprintf(name, namesz, "%s", alias[i].iconv);
			return CS_ICONV;
		}
	}
	/* Labels are tokens; anything with odd bytes is not worth an open(). */
	for (i = 0; low[i] != '\0'; i++)
		if (!isalnum((unsigned char)low[i]) && strchr("-_.:", low[i]) == NULL)
			return CS_UTF8;
	snprintf(name, namesz, "%s", low);
	return CS_ICONV;
}

/*
 * iconv descriptors are cached for the life of the process: opening one
 * may load a gconv module from disk, which the sandbox forbids after
 * setup, so message_preload() opens the common ones early and they stay.
 * A failed open is cached too (cd == (iconv_t)-1).
 */
#define ICONV_CACHE 48
static struct {
	char name[40];
	iconv_t cd;
} iconv_cache[ICONV_CACHE];
static size_t iconv_cached;

static iconv_t
iconv_get(const char *name)
{
	iconv_t cd;
	size_t i;

	for (i = 0; i < iconv_cached; i++)
		if (strcmp(iconv_cache[i].name, name) == 0)
			return iconv_cache[i].cd;
	cd = iconv_open("UTF-8", name);
	if (iconv_cached < ICONV_CACHE && strlen(name) < sizeof(iconv_cache[0].name)) {
		snprintf(iconv_cache[iconv_cached].name, sizeof(iconv_cache[0].name), "%s", name);
		iconv_cache[iconv_cached].cd = cd;
		iconv_cached++;
	} else if (cd != (iconv_t)-1) {
		/* Cache full: still usable once; leak-free by closing after use
		 * is not possible here, so refuse and let the caller fall back. */
		iconv_close(cd);
		cd = (iconv_t)-1;
	}
	return cd;
}

void
message_preload(void)
{
	static const char *common[] = {
		"ISO-8859-2", "ISO-8859-3", "ISO-8859-4", "ISO-8859-5", "ISO-8859-6",
		"ISO-8859-7", "ISO-8859-8", "ISO-8859-9", "ISO-8859-13", "ISO-8859-15",
		"ISO-8859-16", "CP1250", "CP1251", "CP1253", "CP1254", "CP1255",
		"CP1256", "CP1257", "CP1258", "KOI8-R", "KOI8-U", "CP932", "EUC-JP",
		"ISO-2022-JP", "GB18030", "BIG5-HKSCS", "CP949", "UTF-16", "UTF-16LE",
		"UTF-16BE", "UTF-7", "MACINTOSH", "TIS-620", "CP874", "CP850",
	};
	static bool done;
	size_t i;

	if (done)
		return;
	done = true;
	for (i = 0; i < ARRAY_LEN(common); i++)
		(void)iconv_get(common[i]);
	tzset();
}

/* Convert with iconv; false if the descriptor could not be opened. */
static bool
iconv_append(struct buf *b, const char *name, const char *p, size_t n, bool *bad)
{
	iconv_t cd = iconv_get(name);
	char tmp[4096];
	char *in = (char *)p, *outp;
	size_t inleft = n, outleft;
	struct buf conv = { 0 };

	if (cd == (iconv_t)-1)
		return false;
	iconv(cd, NULL, NULL, NULL, NULL);
	while (inleft > 0) {
		size_t r;

		outp = tmp;
		outleft = sizeof(tmp);
		r = iconv(cd, &in, &inleft, &outp, &outleft);
		buf_add(&conv, tmp, sizeof(tmp) - outleft);
		if (r != (size_t)-1)
			continue;
		if (errno == E2BIG)
			continue;
		/* EILSEQ: one bad byte; EINVAL: truncated sequence at the end. */
		message_put_cp(&conv, 0xFFFD);
		if (bad)
			*bad = true;
		if (errno == EINVAL)
			break;
		in++;
		inleft--;
		iconv(cd, NULL, NULL, NULL, NULL);
	}
	outp = tmp;
	outleft = sizeof(tmp);
	if (iconv(cd, NULL, NULL, &outp, &outleft) != (size_t)-1)
		buf_add(&conv, tmp, sizeof(tmp) - outleft);
	/* glibc's UTF-8 output is valid, but NUL bytes pass through. */
	buf_add_sanitized(b, conv.data ? conv.data : "", conv.len, bad);
	buf_free(&conv);
	return true;
}

static void
charset_append(struct buf *b, const char *charset, const char *p, size_t n, bool *bad)
{
	char name[64];
	bool multi;

	switch (charset_classify(charset, name, sizeof(name))) {
	case CS_UTF8:
		/*
		 * Declared UTF-8/ASCII or nothing: trust it if it is valid.
		 * Declared but invalid: real UTF-8 with a few bad bytes gets
		 * U+FFFD for them; without a single multibyte sequence it is
		 * mislabelled 8-bit text.  Undeclared: byte by byte.
		 */
		if (utf8_valid(p, n, &multi)) {
			buf_add_sanitized(b, p, n, NULL);
			return;
		}
		if (charset == NULL || *charset == '\0') {
			buf_add_mixed(b, p, n);
		} else {
			if (bad)
				*bad = true;
			bool any_multi = false;
			const unsigned char *u = (const unsigned char *)p;
			size_t i;

			for (i = 0; i < n && !any_multi; i++)
				if (u[i] >= 0xC2 && utf8_seq(u + i, n - i) > 1)
					any_multi = true;
			if (any_multi)
				buf_add_sanitized(b, p, n, NULL);
			else
				buf_add_cp1252(b, p, n);
		}
		return;
	case CS_LATIN:
		/* Mail that says latin1 but is UTF-8 is common; real latin1 text
		 * that happens to be valid multibyte UTF-8 is not. */
		if (utf8_valid(p, n, &multi) && multi)
			buf_add_sanitized(b, p, n, NULL);
		else
			buf_add_cp1252(b, p, n);
		return;
	case CS_ICONV:
		if (iconv_append(b, name, p, n, bad))
			return;
		/* Unknown label: it may be UTF-8 anyway, else windows-1252. */
		if (utf8_valid(p, n, &multi))
			buf_add_sanitized(b, p, n, NULL);
		else
			buf_add_cp1252(b, p, n);
		return;
	}
}

char *
charset_to_utf8(const char *charset, const char *p, size_t n, bool *bad)
{
	struct buf b = { 0 };

	charset_append(&b, charset, p, n, bad);
	return buf_steal(&b);
}

/* ------------------------------------------------------------------ */
/* Transfer encodings                                                   */

static int
b64_val(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+' || c == '-')
		return 62;
	if (c == '/' || c == '_')
		return 63;
	return -1;
}

/* Lenient base64: ignores anything outside the alphabet, stops at '='. */
static void
base64_decode(struct buf *out, const char *p, size_t n)
{
	uint32_t acc = 0;
	int bits = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		int v;

		if (p[i] == '=') {
			/* Padding ends a group; a later group may follow in
			 * concatenated encodings, so only reset. */
			acc = 0;
			bits = 0;
			continue;
		}
		if ((v = b64_val((unsigned char)p[i])) < 0)
			continue;
		acc = (acc << 6) | (uint32_t)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			buf_addc(out, (char)((acc >> bits) & 0xFF));
		}
	}
}

/*
 * Quoted-printable, sloppy: "=" + line end (with white space before it) is
 * a soft break, "=XX" in either case a byte, any other "=" stays literal.
 * header: RFC 2047 Q encoding, where "_" is a space.
 */
static void
qp_decode(struct buf *out, const char *p, size_t n, bool header)
{
	size_t i = 0;

	while (i < n) {
		unsigned char c = (unsigned char)p[i];

		if (c == '=') {
			size_t j = i + 1;
			int h, l;

			while (j < n && (p[j] == ' ' || p[j] == '\t'))
				j++;
			if (j < n && (p[j] == '\r' || p[j] == '\n')) {
				if (p[j] == '\r' && j + 1 < n && p[j + 1] == '\n')
					j++;
				i = j + 1;
				continue;
			}
			if (j == n) {
				i = n;  /* "=" (and blanks) at the very end: a soft break */
				continue;
			}
			if (i + 2 < n && (h = hex_value((unsigned char)p[i + 1])) >= 0 &&
			    (l = hex_value((unsigned char)p[i + 2])) >= 0) {
				buf_addc(out, (char)(h * 16 + l));
				i += 3;
				continue;
			}
			/* not an escape: a literal "=" */
			buf_addc(out, '=');
			i++;
			continue;
		}
		if (header && c == '_')
			c = ' ';
		buf_addc(out, (char)c);
		i++;
	}
}

/* Decode a body by its Content-Transfer-Encoding (libetpan's mechanism). */
static void
transfer_decode(struct buf *out, int encoding, const char *p, size_t n)
{
	switch (encoding) {
	case MAILMIME_MECHANISM_BASE64:
		base64_decode(out, p, n);
		break;
	case MAILMIME_MECHANISM_QUOTED_PRINTABLE:
		qp_decode(out, p, n, false);
		break;
	default:
		buf_add(out, p, n);
		break;
	}
}

/* ------------------------------------------------------------------ */
/* RFC 2047                                                              */

/* Parse one encoded word at s; on success fill the pieces and return the
 * pointer after "?=". */
static const char *
ew_parse(const char *s, const char **cs, size_t *cslen, char *enc,
    const char **text, size_t *textlen)
{
	const char *p = s + 2, *q;

	if (s[0] != '=' || s[1] != '?')
		return NULL;
	q = p;
	while (*q != '\0' && *q != '?' && !isspace((unsigned char)*q) && q - p < 60)
		q++;
	if (*q != '?' || q == p)
		return NULL;
	*cs = p;
	*cslen = (size_t)(q - p);
	q++;
	if ((*q != 'B' && *q != 'b' && *q != 'Q' && *q != 'q') || q[1] != '?')
		return NULL;
	*enc = (char)toupper((unsigned char)*q);
	q += 2;
	*text = q;
	/* The text ends at "?=" ; encoded words contain no white space, but
	 * broken mailers fold inside them, so allow spaces only in Q. */
	while (*q != '\0' && !(q[0] == '?' && q[1] == '=') && q - *text < 4096)
		q++;
	if (*q != '?')
		return NULL;    /* unterminated (or absurdly long): plain text */
	*textlen = (size_t)(q - *text);
	return q + 2;
}

char *
rfc2047_decode(const char *s)
{
	struct buf out = { 0 }, pend = { 0 };
	char pend_cs[64] = "";
	const char *p = s;

	while (*p != '\0') {
		const char *cs, *text, *end = NULL, *ws;
		size_t cslen, textlen;
		char enc, csname[64];

		if (p[0] == '=' && p[1] == '?')
			end = ew_parse(p, &cs, &cslen, &enc, &text, &textlen);
		if (end == NULL) {
			const char *q = strstr(p + 1, "=?");
			size_t n = q ? (size_t)(q - p) : strlen(p);

			if (pend.len > 0) {
				/* White space between two encoded words vanishes. */
				const char *t = p;
				bool only_ws = true;

				for (t = p; t < p + n; t++)
					if (!isspace((unsigned char)*t))
						only_ws = false;
				if (only_ws && q != NULL &&
				    ew_parse(q, &cs, &cslen, &enc, &text, &textlen) != NULL) {
					p = q;
					continue;
				}
				charset_append(&out, pend_cs, pend.data, pend.len, NULL);
				buf_reset(&pend);
			}
			buf_add_mixed(&out, p, n);
			p += n;
			continue;
		}
		snprintf(csname, sizeof(csname), "%.*s", (int)cslen, cs);
		/* RFC 2231 language suffix: "utf-8*en". */
		if ((ws = strchr(csname, '*')) != NULL)
			csname[ws - csname] = '\0';
		if (pend.len > 0 && strcasecmp(pend_cs, csname) != 0) {
			charset_append(&out, pend_cs, pend.data, pend.len, NULL);
			buf_reset(&pend);
		}
		snprintf(pend_cs, sizeof(pend_cs), "%s", csname);
		/* Adjacent words of one charset are joined before conversion:
		 * encoders split multibyte characters across words. */
		if (enc == 'B')
			base64_decode(&pend, text, textlen);
		else
			qp_decode(&pend, text, textlen, true);
		p = end;
		/* skip white space if another encoded word follows */
		ws = p;
		while (isspace((unsigned char)*ws))
			ws++;
		if (ws != p && ws[0] == '=' && ws[1] == '?' &&
		    ew_parse(ws, &cs, &cslen, &enc, &text, &textlen) != NULL)
			p = ws;
	}
	if (pend.len > 0)
		charset_append(&out, pend_cs, pend.data, pend.len, NULL);
	buf_free(&pend);
	{
		/* Decoded words may carry control bytes; the rest is sanitized
		 * already.  Turn CR/LF/TAB into spaces and drop other controls. */
		char *r = buf_steal(&out), *w = r, *q;

		for (q = r; *q != '\0'; q++) {
			unsigned char c = (unsigned char)*q;
			if (c == '\r' || c == '\n' || c == '\t')
				*w++ = ' ';
			else if (c >= 0x20 && c != 0x7F)
				*w++ = (char)c;
		}
		*w = '\0';
		return r;
	}
}

/* ------------------------------------------------------------------ */
/* Header section                                                        */

struct raw_field {
	char *name;
	char *value;    /* unfolded raw bytes converted to UTF-8, not 2047-decoded */
};

/*
 * Split the header section of raw into fields.  Returns the offset where
 * the body starts.  Lines that are neither a field nor a continuation are
 * skipped, except before the first field, where they start the body.
 */
static size_t
split_header(struct parse_ctx *ctx, const char *raw, size_t len,
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
			size_t room = ctx->lim.max_header_len > val.len ?
			    ctx->lim.max_header_len - val.len : 0;
			if (llen > room) {
				*flags |= MESSAGE_LONG_HEADER;
				llen = room;
			}
			buf_add(&val, line, llen);
			pos += full;
			continue;
		}
		if (have) {
			if (*nfields < ctx->lim.max_headers) {
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
				if (vlen > ctx->lim.max_header_len) {
					vlen = ctx->lim.max_header_len;
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

/*
 * Lenient address-list parser: splits on "," and ";" outside quotes,
 * comments and angle brackets; drops group names ("Team: a@b, c@d;").
 * An address is what is inside <>, else the word with an "@"; the rest
 * is the name (a comment serves as the name when there is none).
 */
static void
parse_addresses(struct msg_addr_list *l, const char *s)
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

/* RFC 5322 date, leniently: optional weekday, "D Mon YYYY HH:MM[:SS] zone". */
static bool
parse_date(const char *s, time_t *out)
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

/* Clean up converted text: LF line ends, no trailing blanks, at most one
 * empty line in a row, no leading or trailing empty lines. */
static char *
text_tidy(const char *s, size_t n, size_t *outlen)
{
	struct buf b = { 0 };
	size_t i, nl = 0;
	bool started = false;

	for (i = 0; i < n; i++) {
		char c = s[i];

		if (c == '\r') {
			if (i + 1 < n && s[i + 1] == '\n')
				continue;
			c = '\n';
		}
		if (c == '\n') {
			while (b.len > 0 && (b.data[b.len - 1] == ' ' || b.data[b.len - 1] == '\t'))
				b.data[--b.len] = '\0';
			nl++;
			continue;
		}
		if (nl > 0 && started)
			buf_add(&b, "\n\n", nl > 1 ? 2 : 1);
		nl = 0;
		buf_addc(&b, c);
		started = true;
	}
	while (b.len > 0 && (b.data[b.len - 1] == ' ' || b.data[b.len - 1] == '\t'))
		b.data[--b.len] = '\0';
	if (started)
		buf_addc(&b, '\n');
	*outlen = b.len;
	return buf_steal(&b);
}

/* ------------------------------------------------------------------ */
/* MIME walk                                                             */

static char *
lower_dup(const char *s)
{
	char *r = xstrdup(s ? s : "");
	str_lower(r);
	return r;
}

static const char *
content_param(struct mailmime_content *ct, const char *name)
{
	clistiter *it;

	if (ct == NULL || ct->ct_parameters == NULL)
		return NULL;
	for (it = clist_begin(ct->ct_parameters); it != NULL; it = clist_next(it)) {
		struct mailmime_parameter *pa = clist_content(it);
		if (pa != NULL && pa->pa_name != NULL && pa->pa_value != NULL &&
		    strcasecmp(pa->pa_name, name) == 0)
			return pa->pa_value;
	}
	return NULL;
}

/* "type/subtype" of a part, lower-case; caller frees. */
static char *
content_type_str(struct mailmime_content *ct)
{
	const char *type = "text", *sub = "plain";

	if (ct != NULL && ct->ct_type != NULL) {
		struct mailmime_type *t = ct->ct_type;
		if (t->tp_type == MAILMIME_TYPE_DISCRETE_TYPE && t->tp_data.tp_discrete_type) {
			switch (t->tp_data.tp_discrete_type->dt_type) {
			case MAILMIME_DISCRETE_TYPE_TEXT: type = "text"; break;
			case MAILMIME_DISCRETE_TYPE_IMAGE: type = "image"; break;
			case MAILMIME_DISCRETE_TYPE_AUDIO: type = "audio"; break;
			case MAILMIME_DISCRETE_TYPE_VIDEO: type = "video"; break;
			case MAILMIME_DISCRETE_TYPE_APPLICATION: type = "application"; break;
			default:
				type = t->tp_data.tp_discrete_type->dt_extension ?
				    t->tp_data.tp_discrete_type->dt_extension : "x-unknown";
			}
		} else if (t->tp_type == MAILMIME_TYPE_COMPOSITE_TYPE && t->tp_data.tp_composite_type) {
			switch (t->tp_data.tp_composite_type->ct_type) {
			case MAILMIME_COMPOSITE_TYPE_MESSAGE: type = "message"; break;
			case MAILMIME_COMPOSITE_TYPE_MULTIPART: type = "multipart"; break;
			default:
				type = t->tp_data.tp_composite_type->ct_token ?
				    t->tp_data.tp_composite_type->ct_token : "x-unknown";
			}
		}
		if (ct->ct_subtype != NULL)
			sub = ct->ct_subtype;
	}
	{
		char *r = xasprintf("%s/%s", type, sub);
		str_lower(r);
		return r;
	}
}

/* RFC 2231 "utf-8''%E2%82%AC.ics" -> UTF-8. */
static char *
rfc2231_decode(const char *v)
{
	const char *q1 = strchr(v, '\''), *q2;
	struct buf raw = { 0 };
	char cs[64];
	char *r;

	if (q1 == NULL || (q2 = strchr(q1 + 1, '\'')) == NULL)
		return rfc2047_decode(v);
	snprintf(cs, sizeof(cs), "%.*s", (int)(q1 - v < 63 ? q1 - v : 63), v);
	for (const char *p = q2 + 1; *p != '\0'; p++) {
		int h, l;
		if (*p == '%' && (h = hex_value((unsigned char)p[1])) >= 0 &&
		    (l = hex_value((unsigned char)p[2])) >= 0) {
			buf_addc(&raw, (char)(h * 16 + l));
			p += 2;
		} else {
			buf_addc(&raw, *p);
		}
	}
	r = charset_to_utf8(cs[0] ? cs : NULL, raw.data ? raw.data : "", raw.len, NULL);
	buf_free(&raw);
	return r;
}

static char *
part_filename(struct mailmime *mm)
{
	const char *v = NULL;
	bool ext = false;

	if (mm->mm_mime_fields != NULL && mm->mm_mime_fields->fld_list != NULL) {
		clistiter *it;
		for (it = clist_begin(mm->mm_mime_fields->fld_list); it; it = clist_next(it)) {
			struct mailmime_field *f = clist_content(it);
			clistiter *pi;
			if (f->fld_type != MAILMIME_FIELD_DISPOSITION || f->fld_data.fld_disposition == NULL ||
			    f->fld_data.fld_disposition->dsp_parms == NULL)
				continue;
			for (pi = clist_begin(f->fld_data.fld_disposition->dsp_parms); pi; pi = clist_next(pi)) {
				struct mailmime_disposition_parm *dp = clist_content(pi);
				if (dp->pa_type == MAILMIME_DISPOSITION_PARM_FILENAME && dp->pa_data.pa_filename)
					v = dp->pa_data.pa_filename;
				else if (dp->pa_type == MAILMIME_DISPOSITION_PARM_PARAMETER &&
				    dp->pa_data.pa_parameter != NULL &&
				    dp->pa_data.pa_parameter->pa_name != NULL &&
				    strcasecmp(dp->pa_data.pa_parameter->pa_name, "filename*") == 0 &&
				    dp->pa_data.pa_parameter->pa_value != NULL) {
					v = dp->pa_data.pa_parameter->pa_value;
					ext = true;
				}
			}
		}
	}
	if (v == NULL) {
		v = content_param(mm->mm_content_type, "name");
		if (v == NULL && (v = content_param(mm->mm_content_type, "name*")) != NULL)
			ext = true;
	}
	if (v == NULL)
		return NULL;
	return ext ? rfc2231_decode(v) : rfc2047_decode(v);
}

static bool
part_is_attachment(struct mailmime *mm)
{
	clistiter *it;

	if (mm->mm_mime_fields == NULL || mm->mm_mime_fields->fld_list == NULL)
		return false;
	for (it = clist_begin(mm->mm_mime_fields->fld_list); it; it = clist_next(it)) {
		struct mailmime_field *f = clist_content(it);
		if (f->fld_type == MAILMIME_FIELD_DISPOSITION && f->fld_data.fld_disposition &&
		    f->fld_data.fld_disposition->dsp_type &&
		    f->fld_data.fld_disposition->dsp_type->dsp_type == MAILMIME_DISPOSITION_TYPE_ATTACHMENT)
			return true;
	}
	return false;
}

/* Find a charset in <meta charset=...> or <meta ... content="...charset=...">. */
static char *
html_meta_charset(const char *p, size_t n)
{
	size_t lim = n < 4096 ? n : 4096, i;

	for (i = 0; i + 8 < lim; i++) {
		if (strncasecmp(p + i, "charset=", 8) == 0) {
			size_t b = i + 8, e;
			while (b < lim && (p[b] == '"' || p[b] == '\''))
				b++;
			e = b;
			while (e < lim && (isalnum((unsigned char)p[e]) || p[e] == '-' || p[e] == '_'))
				e++;
			if (e > b)
				return xstrndup(p + b, e - b);
		}
	}
	return NULL;
}

static bool
is_calendar(const char *ctype, const char *filename)
{
	if (strcmp(ctype, "text/calendar") == 0 || strcmp(ctype, "application/ics") == 0 ||
	    strcmp(ctype, "text/x-vcalendar") == 0 || strcmp(ctype, "application/calendar") == 0 ||
	    strcmp(ctype, "text/ics") == 0 || strcmp(ctype, "application/x-ical") == 0)
		return true;
	if (filename != NULL && (str_has_suffix(filename, ".ics") || str_has_suffix(filename, ".ICS") ||
	    str_has_suffix(filename, ".vcs") || str_has_suffix(filename, ".ical")) &&
	    (str_has_prefix(ctype, "application/") || str_has_prefix(ctype, "text/")))
		return true;
	return false;
}

/* Whether a leaf of this type is read, and as what (false: images,
 * PDFs...: nothing to read). */
static bool
leaf_kind(const char *ctype, const char *filename, enum msg_part_kind *kind)
{
	if (is_calendar(ctype, filename))
		*kind = MSG_PART_CALENDAR;
	else if (filename != NULL && strcmp(ctype, "application/octet-stream") == 0 &&
	    (str_has_suffix(filename, ".txt") || str_has_suffix(filename, ".TXT")))
		*kind = MSG_PART_TEXT;
	else if (strcmp(ctype, "text/html") == 0 || strcmp(ctype, "application/xhtml+xml") == 0)
		*kind = MSG_PART_HTML;
	else if (str_has_prefix(ctype, "text/") && strcmp(ctype, "text/rtf") != 0 &&
	    strcmp(ctype, "text/enriched") != 0 && strcmp(ctype, "text/x-vcard") != 0 &&
	    strcmp(ctype, "text/vcard") != 0 && strcmp(ctype, "text/csv") != 0)
		*kind = MSG_PART_TEXT;
	else
		return false;
	return true;
}

static struct msg_part *
message_new_part(struct message *m)
{
	struct msg_part *p;

	m->parts = xreallocarray(m->parts, m->nparts + 1, sizeof(*m->parts));
	p = &m->parts[m->nparts++];
	memset(p, 0, sizeof(*p));
	return p;
}

/* Cut s (UTF-8) to at most *room bytes at a character boundary. */
static void
budget_cut(struct parse_ctx *ctx, struct message *m, char *s, size_t *len)
{
	size_t room = ctx->lim.max_text > ctx->text_used ? ctx->lim.max_text - ctx->text_used : 0;

	if (*len > room) {
		size_t k = room;
		while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
			k--;
		s[k] = '\0';
		*len = k;
		m->flags |= MESSAGE_TRUNCATED;
	}
	ctx->text_used += *len;
}

/* Add a leaf part from decoded bytes (transfer encoding already undone). */
static void
add_leaf(struct parse_ctx *ctx, struct message *m, const char *ctype, const char *charset,
    const char *method, char *filename, bool attachment, const char *data, size_t n)
{
	enum msg_part_kind kind;
	struct msg_part *part;
	struct buf conv = { 0 };
	bool bad = false;
	char *meta = NULL;

	if (!leaf_kind(ctype, filename, &kind)) {
		free(filename);
		return;                 /* images, PDFs...: nothing to read */
	}
	if (ctx->parts_used >= ctx->lim.max_parts) {
		m->flags |= MESSAGE_TOO_MANY_PARTS;
		free(filename);
		return;
	}
	if (ctx->text_used >= ctx->lim.max_text) {
		m->flags |= MESSAGE_TRUNCATED;
		free(filename);
		return;
	}
	ctx->parts_used++;
	if (kind == MSG_PART_HTML && (charset == NULL || *charset == '\0'))
		charset = meta = html_meta_charset(data, n);
	/* Convert no more than a generous multiple of what we may keep. */
	{
		size_t room = ctx->lim.max_text - ctx->text_used;
		size_t cap = room > SIZE_MAX / 8 ? SIZE_MAX : room * 8;
		if (n > cap) {
			n = cap;
			m->flags |= MESSAGE_TRUNCATED;
		}
	}
	charset_append(&conv, charset, data, n, &bad);
	if (bad)
		m->flags |= MESSAGE_BAD_CHARSET;

	part = message_new_part(m);
	part->kind = kind;
	part->content_type = xstrdup(ctype);
	part->charset = (charset && *charset) ? lower_dup(charset) : NULL;
	part->filename = filename;
	part->method = method ? xstrdup(method) : NULL;
	if (part->method)
		for (char *q = part->method; *q; q++)
			*q = (char)toupper((unsigned char)*q);
	part->attachment = attachment;
	if (kind == MSG_PART_HTML) {
		struct buf txt = { 0 };
		size_t hlen = conv.len;

		message_html_to_text(conv.data ? conv.data : "", conv.len, &txt, part);
		part->text = text_tidy(txt.data ? txt.data : "", txt.len, &part->len);
		buf_free(&txt);
		budget_cut(ctx, m, part->text, &part->len);
		part->html = buf_steal(&conv);
		budget_cut(ctx, m, part->html, &hlen);
	} else if (kind == MSG_PART_CALENDAR) {
		/* keep the text as it is except CRLF, which libical takes either way */
		part->text = text_tidy(conv.data ? conv.data : "", conv.len, &part->len);
		budget_cut(ctx, m, part->text, &part->len);
	} else {
		part->text = text_tidy(conv.data ? conv.data : "", conv.len, &part->len);
		budget_cut(ctx, m, part->text, &part->len);
	}
	buf_free(&conv);
	free(meta);
}

static void
attach_message(struct parse_ctx *ctx, struct message *m, const char *data, size_t n, unsigned depth)
{
	struct message *inner;

	if (ctx->parts_used >= ctx->lim.max_parts) {
		m->flags |= MESSAGE_TOO_MANY_PARTS;
		return;
	}
	if (depth >= ctx->lim.max_depth) {
		m->flags |= MESSAGE_TOO_DEEP;
		return;
	}
	ctx->parts_used++;
	inner = parse_raw(ctx, data, n, depth);
	m->flags |= inner->flags;
	m->attached = xreallocarray(m->attached, m->nattached + 1, sizeof(*m->attached));
	m->attached[m->nattached++] = inner;
}

static void
walk_mime(struct parse_ctx *ctx, struct message *m, struct mailmime *mm, unsigned depth,
    bool in_digest)
{
	char *ctype;

	if (mm == NULL)
		return;
	if (depth >= ctx->lim.max_depth) {
		m->flags |= MESSAGE_TOO_DEEP;
		return;
	}
	if (mm->mm_content_type == NULL && in_digest)
		ctype = xstrdup("message/rfc822");
	else
		ctype = content_type_str(mm->mm_content_type);

	switch (mm->mm_type) {
	case MAILMIME_MULTIPLE: {
		clistiter *it;
		bool digest = strcmp(ctype, "multipart/digest") == 0;

		if (mm->mm_data.mm_multipart.mm_mp_list == NULL)
			break;
		for (it = clist_begin(mm->mm_data.mm_multipart.mm_mp_list); it; it = clist_next(it))
			walk_mime(ctx, m, clist_content(it), depth + 1, digest);
		break;
	}
	case MAILMIME_MESSAGE:
		/* An attached message: parse its raw bytes as a mail of its own. */
		if (mm->mm_body != NULL && mm->mm_body->dt_type == MAILMIME_DATA_TEXT) {
			struct buf dec = { 0 };
			transfer_decode(&dec, mm->mm_body->dt_encoded ? mm->mm_body->dt_encoding : 0,
			    mm->mm_body->dt_data.dt_text.dt_data, mm->mm_body->dt_data.dt_text.dt_length);
			attach_message(ctx, m, dec.data ? dec.data : "", dec.len, depth + 1);
			buf_free(&dec);
		}
		break;
	case MAILMIME_SINGLE: {
		struct mailmime_data *d = mm->mm_data.mm_single;
		struct buf dec = { 0 };
		enum msg_part_kind kind;
		char *filename;

		if (d == NULL || d->dt_type != MAILMIME_DATA_TEXT)
			break;
		if (strcmp(ctype, "message/rfc822") == 0 || strcmp(ctype, "message/global") == 0) {
			transfer_decode(&dec, d->dt_encoded ? d->dt_encoding : 0,
			    d->dt_data.dt_text.dt_data, d->dt_data.dt_text.dt_length);
			attach_message(ctx, m, dec.data ? dec.data : "", dec.len, depth + 1);
			buf_free(&dec);
			break;
		}
		/* hostile-input test: a part nobody reads (a 50 MB attachment) is
		 * not decoded at all; decoding it cost seconds and its size in
		 * memory for nothing. */
		filename = part_filename(mm);
		if (!leaf_kind(ctype, filename, &kind)) {
			free(filename);
			break;
		}
		transfer_decode(&dec, d->dt_encoded ? d->dt_encoding : 0,
		    d->dt_data.dt_text.dt_data, d->dt_data.dt_text.dt_length);
		add_leaf(ctx, m, ctype, content_param(mm->mm_content_type, "charset"),
		    content_param(mm->mm_content_type, "method"), filename,
		    part_is_attachment(mm), dec.data ? dec.data : "", dec.len);
		buf_free(&dec);
		break;
	}
	default:
		break;
	}
	free(ctype);
}

/* ------------------------------------------------------------------ */
/* Fallback body: no usable MIME structure                              */

/* Minimal Content-Type parse: "type/sub; charset=x". */
static void
fallback_body(struct parse_ctx *ctx, struct message *m, const char *body, size_t n)
{
	const char *ct = message_header(m, "Content-Type");
	const char *cte = message_header(m, "Content-Transfer-Encoding");
	char ctype[64] = "text/plain", *charset = NULL, *method = NULL;
	int enc = MAILMIME_MECHANISM_8BIT;
	struct buf dec = { 0 };

	if (ct != NULL) {
		size_t k = 0;
		const char *p = ct;
		while (*p == ' ')
			p++;
		while (p[k] != '\0' && p[k] != ';' && !isspace((unsigned char)p[k]) && k < sizeof(ctype) - 1)
			k++;
		if (k > 0 && memchr(p, '/', k) != NULL) {
			memcpy(ctype, p, k);
			ctype[k] = '\0';
			str_lower(ctype);
		}
		for (const char *q = ct; (q = str_casestr(q, "charset=")) != NULL; q += 8) {
			const char *b = q + 8, *e;
			while (*b == '"' || *b == '\'')
				b++;
			e = b;
			while (*e != '\0' && *e != '"' && *e != '\'' && *e != ';' && !isspace((unsigned char)*e))
				e++;
			free(charset);
			charset = xstrndup(b, (size_t)(e - b));
			break;
		}
		for (const char *q = ct; (q = str_casestr(q, "method=")) != NULL; q += 7) {
			const char *b = q + 7, *e;
			while (*b == '"')
				b++;
			e = b;
			while (isalpha((unsigned char)*e))
				e++;
			method = xstrndup(b, (size_t)(e - b));
			break;
		}
	}
	if (cte != NULL) {
		if (str_casestr(cte, "base64"))
			enc = MAILMIME_MECHANISM_BASE64;
		else if (str_casestr(cte, "quoted-printable"))
			enc = MAILMIME_MECHANISM_QUOTED_PRINTABLE;
	}
	if (str_has_prefix(ctype, "multipart/"))
		strcpy(ctype, "text/plain");    /* we could not split it: read it all */
	transfer_decode(&dec, enc, body, n);
	add_leaf(ctx, m, ctype, charset, method, NULL, false, dec.data ? dec.data : "", dec.len);
	buf_free(&dec);
	free(charset);
	free(method);
}

/* ------------------------------------------------------------------ */

static char *
header_value_dup(struct message *m, const char *name)
{
	const char *v = message_header(m, name);
	return v ? xstrdup(v) : NULL;
}

/* Bytes of blank lines before the first header field: some mail stores
 * save a line of spaces or an empty line above the header. */
static size_t
leading_blank(const char *raw, size_t len)
{
	size_t pos = 0, skip = 0;

	while (pos < len) {
		const char *nl = memchr(raw + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - raw) : len, k;
		bool blank = true;

		for (k = pos; k < end; k++)
			if (raw[k] != ' ' && raw[k] != '\t' && raw[k] != '\r')
				blank = false;
		if (!blank || nl == NULL)
			break;
		pos = end + 1;
		skip = pos;
	}
	if (skip > 0 && skip < len) {
		/* only if what follows looks like a header field */
		size_t k = skip;
		while (k < len && raw[k] > ' ' && raw[k] < 0x7F && raw[k] != ':')
			k++;
		if (k == skip || k >= len || raw[k] != ':')
			return 0;
	}
	return skip;
}

static struct message *
parse_raw(struct parse_ctx *ctx, const char *raw, size_t len, unsigned depth)
{
	struct message *m = xcalloc(1, sizeof(*m));
	struct raw_field *fields = NULL;
	size_t nfields = 0, body, i;
	struct mailmime *mime = NULL;
	size_t idx = 0;
	int r;

	i = leading_blank(raw, len);
	raw += i;
	len -= i;
	body = split_header(ctx, raw, len, &fields, &nfields, &m->flags);

	m->headers = xcalloc(nfields ? nfields : 1, sizeof(*m->headers));
	for (i = 0; i < nfields; i++) {
		const char *nm = fields[i].name;
		const char *v = fields[i].value;
		bool addr = strcasecmp(nm, "From") == 0 || strcasecmp(nm, "To") == 0 ||
		    strcasecmp(nm, "Cc") == 0 || strcasecmp(nm, "Reply-To") == 0 ||
		    strcasecmp(nm, "Sender") == 0;

		m->headers[i].name = fields[i].name;
		m->headers[i].value = rfc2047_decode(v);
		str_trim(m->headers[i].value);
		m->nheaders++;
		if (!addr)
			continue;
		/* addresses are parsed before decoding: an encoded name may hold commas */
		if (strcasecmp(nm, "From") == 0)
			parse_addresses(&m->from, v);
		else if (strcasecmp(nm, "To") == 0)
			parse_addresses(&m->to, v);
		else if (strcasecmp(nm, "Cc") == 0)
			parse_addresses(&m->cc, v);
		else if (strcasecmp(nm, "Reply-To") == 0)
			parse_addresses(&m->reply_to, v);
		else
			parse_addresses(&m->sender, v);
	}
	for (i = 0; i < nfields; i++)
		free(fields[i].value);
	free(fields);

	m->subject = header_value_dup(m, "Subject");
	if (m->subject == NULL)
		m->subject = xstrdup("");
	m->date_raw = header_value_dup(m, "Date");
	if (m->date_raw != NULL)
		m->has_date = parse_date(m->date_raw, &m->date);
	{
		const char *v;

		if ((v = message_header(m, "Message-ID")) != NULL)
			m->message_id = parties_msgid_first(v, strlen(v));
		if ((v = message_header(m, "In-Reply-To")) != NULL)
			m->in_reply_to = parties_msgid_first(v, strlen(v));
		if ((v = message_header(m, "References")) != NULL)
			parties_msgid_list(v, strlen(v), &m->references, &m->nreferences, 200);
	}
	m->list_id = header_value_dup(m, "List-Id");
	m->list_unsubscribe = header_value_dup(m, "List-Unsubscribe");
	m->precedence = header_value_dup(m, "Precedence");
	m->auto_submitted = header_value_dup(m, "Auto-Submitted");
	m->mailer = header_value_dup(m, "X-Mailer");
	if (m->mailer == NULL)
		m->mailer = header_value_dup(m, "User-Agent");

	/*
	 * The MIME structure: libetpan parses the whole message.  A failure,
	 * or a result without a body, sends us to the fallback.
	 */
	r = mailmime_parse(raw, len, &idx, &mime);
	if (r == MAILIMF_NO_ERROR && mime != NULL && mime->mm_type == MAILMIME_MESSAGE &&
	    mime->mm_data.mm_message.mm_msg_mime != NULL) {
		walk_mime(ctx, m, mime->mm_data.mm_message.mm_msg_mime, depth, false);
	} else {
		m->flags |= MESSAGE_FALLBACK;
		fallback_body(ctx, m, raw + body, len - body);
	}
	if (mime != NULL)
		mailmime_free(mime);
	return m;
}

struct message *
message_parse(const char *raw, size_t len, const struct message_limits *lim)
{
	struct parse_ctx ctx;

	memset(&ctx, 0, sizeof(ctx));
	if (lim != NULL)
		ctx.lim = *lim;
	else
		message_limits_default(&ctx.lim);
	if (raw == NULL)
		raw = "";
	return parse_raw(&ctx, raw, len, 0);
}

static void
addr_list_free(struct msg_addr_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].name);
		free(l->v[i].email);
	}
	free(l->v);
}

void
message_free(struct message *m)
{
	size_t i, j;

	if (m == NULL)
		return;
	for (i = 0; i < m->nheaders; i++) {
		free(m->headers[i].name);
		free(m->headers[i].value);
	}
	free(m->headers);
	addr_list_free(&m->from);
	addr_list_free(&m->sender);
	addr_list_free(&m->reply_to);
	addr_list_free(&m->to);
	addr_list_free(&m->cc);
	free(m->subject);
	free(m->date_raw);
	free(m->message_id);
	free(m->in_reply_to);
	for (i = 0; i < m->nreferences; i++)
		free(m->references[i]);
	free(m->references);
	free(m->list_id);
	free(m->list_unsubscribe);
	free(m->precedence);
	free(m->auto_submitted);
	free(m->mailer);
	for (i = 0; i < m->nparts; i++) {
		struct msg_part *p = &m->parts[i];
		free(p->content_type);
		free(p->charset);
		free(p->filename);
		free(p->method);
		free(p->text);
		free(p->html);
		for (j = 0; j < p->nlinks; j++) {
			free(p->links[j].url);
			free(p->links[j].text);
		}
		free(p->links);
	}
	free(m->parts);
	for (i = 0; i < m->nattached; i++)
		message_free(m->attached[i]);
	free(m->attached);
	free(m);
}

const char *
message_header(const struct message *m, const char *name)
{
	size_t i;

	for (i = 0; i < m->nheaders; i++)
		if (strcasecmp(m->headers[i].name, name) == 0)
			return m->headers[i].value;
	return NULL;
}

char *
message_body_text(const struct message *m)
{
	struct buf b = { 0 };
	enum msg_part_kind want = MSG_PART_TEXT;
	size_t i;
	bool any = false;
	int pass;

	for (i = 0; i < m->nparts; i++)
		if (m->parts[i].kind == MSG_PART_TEXT && !m->parts[i].attachment)
			any = true;
	if (!any)
		want = MSG_PART_HTML;
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < m->nparts; i++) {
			const struct msg_part *p = &m->parts[i];
			if (p->kind != want || p->attachment != (pass == 1) || p->len == 0)
				continue;
			if (b.len > 0)
				buf_adds(&b, "\n");
			buf_add(&b, p->text, p->len);
		}
		if (b.len > 0)
			break;
	}
	return buf_steal(&b);
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
