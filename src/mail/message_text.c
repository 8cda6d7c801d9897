/*
 * message_text: bytes in any charset and encoding to valid UTF-8.  Charset
 * labels are mapped (aliases, latin1 read as windows-1252, unknown labels
 * tried as UTF-8 then windows-1252) and converted with iconv, whose
 * descriptors are cached for the life of the process (message_preload
 * opens the common ones before the sandbox forbids it); invalid bytes
 * become U+FFFD and NUL bytes vanish.  Transfer encodings (base64,
 * quoted-printable) and header encodings (RFC 2047 encoded words, RFC 2231
 * parameter values) are undone leniently: real mail breaks every rule.
 */
#include "autoconfig.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <libetpan/libetpan.h>

#include "message.h"
#include "message_p.h"
#include "utf8.h"
#include "util.h"

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
	message_html_init();
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

void
message_charset_append(struct buf *b, const char *charset, const char *p, size_t n, bool *bad)
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

	message_charset_append(&b, charset, p, n, bad);
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

void
message_transfer_decode(struct buf *out, int encoding, const char *p, size_t n)
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
				message_charset_append(&out, pend_cs, pend.data, pend.len, NULL);
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
			message_charset_append(&out, pend_cs, pend.data, pend.len, NULL);
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
		message_charset_append(&out, pend_cs, pend.data, pend.len, NULL);
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
/* Tidy text, RFC 2231                                                  */

char *
message_text_tidy(const char *s, size_t n, size_t *outlen)
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

char *
message_rfc2231_decode(const char *v)
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

