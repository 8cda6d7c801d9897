/*
 * message_html: HTML parts to readable text, for recognition.
 *
 * A small, lenient converter, not a browser: block elements become line
 * breaks, script/style/head are dropped, entities decoded, and every <a>
 * is kept as a link (at most MAX_LINKS per part) with its text.  The input
 * is hostile: everything is bounded by its length, nothing recurses.
 */
#include "autoconfig.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "message.h"
#include "message_p.h"
#include "utf8.h"
#include "util.h"

/* Links kept per HTML part: real mail has dozens, hostile mail millions. */
#define MAX_LINKS 1000

static const struct { const char *name; uint32_t cp; } html_entities[] = {
	{ "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' }, { "apos", '\'' },
	{ "nbsp", ' ' }, { "ensp", ' ' }, { "emsp", ' ' }, { "thinsp", ' ' },
	{ "ndash", 0x2013 }, { "mdash", 0x2014 }, { "lsquo", 0x2018 },
	{ "rsquo", 0x2019 }, { "sbquo", 0x201A }, { "ldquo", 0x201C },
	{ "rdquo", 0x201D }, { "bdquo", 0x201E }, { "hellip", 0x2026 },
	{ "bull", 0x2022 }, { "middot", 0xB7 }, { "copy", 0xA9 }, { "reg", 0xAE },
	{ "trade", 0x2122 }, { "euro", 0x20AC }, { "pound", 0xA3 }, { "yen", 0xA5 },
	{ "cent", 0xA2 }, { "sect", 0xA7 }, { "deg", 0xB0 }, { "plusmn", 0xB1 },
	{ "times", 0xD7 }, { "divide", 0xF7 }, { "laquo", 0xAB }, { "raquo", 0xBB },
	{ "iexcl", 0xA1 }, { "iquest", 0xBF }, { "shy", 0 }, { "zwnj", 0 }, { "zwj", 0 },
	{ "rarr", 0x2192 }, { "larr", 0x2190 }, { "uarr", 0x2191 }, { "darr", 0x2193 },
	{ "Agrave", 0xC0 }, { "Aacute", 0xC1 }, { "Acirc", 0xC2 }, { "Atilde", 0xC3 },
	{ "Auml", 0xC4 }, { "Aring", 0xC5 }, { "AElig", 0xC6 }, { "Ccedil", 0xC7 },
	{ "Egrave", 0xC8 }, { "Eacute", 0xC9 }, { "Ecirc", 0xCA }, { "Euml", 0xCB },
	{ "Igrave", 0xCC }, { "Iacute", 0xCD }, { "Icirc", 0xCE }, { "Iuml", 0xCF },
	{ "Ntilde", 0xD1 }, { "Ograve", 0xD2 }, { "Oacute", 0xD3 }, { "Ocirc", 0xD4 },
	{ "Otilde", 0xD5 }, { "Ouml", 0xD6 }, { "Oslash", 0xD8 }, { "Ugrave", 0xD9 },
	{ "Uacute", 0xDA }, { "Ucirc", 0xDB }, { "Uuml", 0xDC }, { "Yacute", 0xDD },
	{ "szlig", 0xDF }, { "agrave", 0xE0 }, { "aacute", 0xE1 }, { "acirc", 0xE2 },
	{ "atilde", 0xE3 }, { "auml", 0xE4 }, { "aring", 0xE5 }, { "aelig", 0xE6 },
	{ "ccedil", 0xE7 }, { "egrave", 0xE8 }, { "eacute", 0xE9 }, { "ecirc", 0xEA },
	{ "euml", 0xEB }, { "igrave", 0xEC }, { "iacute", 0xED }, { "icirc", 0xEE },
	{ "iuml", 0xEF }, { "ntilde", 0xF1 }, { "ograve", 0xF2 }, { "oacute", 0xF3 },
	{ "ocirc", 0xF4 }, { "otilde", 0xF5 }, { "ouml", 0xF6 }, { "oslash", 0xF8 },
	{ "ugrave", 0xF9 }, { "uacute", 0xFA }, { "ucirc", 0xFB }, { "uuml", 0xFC },
	{ "yacute", 0xFD }, { "yuml", 0xFF },
};

/* Decode the entity at p ('&'); appends to b, returns bytes consumed. */
static size_t
html_entity(struct buf *b, const char *p, size_t n)
{
	size_t i = 1;
	uint32_t cp = 0;

	if (n > 2 && p[1] == '#') {
		bool hex = n > 3 && (p[2] == 'x' || p[2] == 'X');
		size_t digits = 0;

		i = hex ? 3 : 2;
		while (i < n && digits < 8 &&
		    (hex ? isxdigit((unsigned char)p[i]) : isdigit((unsigned char)p[i]))) {
			cp = cp * (hex ? 16 : 10) + (uint32_t)(hex ? hex_value((unsigned char)p[i]) : p[i] - '0');
			i++;
			digits++;
		}
		if (digits == 0) {
			buf_addc(b, '&');
			return 1;
		}
		if (i < n && p[i] == ';')
			i++;
		if (cp >= 0x80 && cp <= 0x9F)
			cp = utf8_from_cp1252((unsigned char)cp);   /* 0: undefined */
		if (cp == 0 || cp > 0x10FFFF)
			cp = 0xFFFD;
		if (cp == 0xA0)
			cp = ' ';
		message_put_cp(b, cp);
		return i;
	}
	while (i < n && i < 10 && isalnum((unsigned char)p[i]))
		i++;
	if (i > 1) {
		size_t k;
		for (k = 0; k < ARRAY_LEN(html_entities); k++) {
			if (strlen(html_entities[k].name) == i - 1 &&
			    memcmp(html_entities[k].name, p + 1, i - 1) == 0) {
				message_put_cp(b, html_entities[k].cp);
				return (i < n && p[i] == ';') ? i + 1 : i;
			}
		}
	}
	buf_addc(b, '&');
	return 1;
}

struct html_state {
	struct buf *out;
	bool pre;
	int space;      /* pending white space: 0 none, 1 space, 2+ newlines */
	bool emitted;   /* anything written yet */
};

static void
html_flush_space(struct html_state *st)
{
	if (st->space == 0 || !st->emitted) {
		st->space = 0;
		return;
	}
	if (st->space == 1)
		buf_addc(st->out, ' ');
	else if (st->space == 2)
		buf_addc(st->out, '\n');
	else
		buf_adds(st->out, "\n\n");
	st->space = 0;
}

static void
html_text(struct html_state *st, const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];

		if (st->pre) {
			if (c == '\r')
				continue;
			if (c == '\n') {
				buf_addc(st->out, '\n');
				continue;
			}
		}
		if (!st->pre && (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f')) {
			if (st->space == 0)
				st->space = 1;
			continue;
		}
		if (c == '&') {
			html_flush_space(st);
			i += html_entity(st->out, p + i, n - i) - 1;
			st->emitted = true;
			continue;
		}
		html_flush_space(st);
		buf_addc(st->out, (char)c);
		st->emitted = true;
	}
}

static void
html_break(struct html_state *st, int level)
{
	if (st->space < level)
		st->space = level;
}

/* Find the end of a tag starting at p[i] == '<', honouring quotes. */
static size_t
html_tag_end(const char *p, size_t n, size_t i)
{
	char q = 0;

	for (i++; i < n; i++) {
		if (q != 0) {
			if (p[i] == q)
				q = 0;
		} else if (p[i] == '"' || p[i] == '\'') {
			/* only quotes after '=' start a value */
			if (p[i - 1] == '=' || (i >= 2 && p[i - 1] == ' ' && p[i - 2] == '='))
				q = p[i];
		} else if (p[i] == '>') {
			return i;
		}
	}
	return n;
}

/* Value of attribute attr inside tag text t (without '<' '>'), decoded. */
static char *
html_attr(const char *t, size_t n, const char *attr)
{
	size_t alen = strlen(attr), i = 0;

	while (i < n) {
		/* attribute names start after white space */
		if (isspace((unsigned char)t[i]) && i + 1 + alen <= n &&
		    strncasecmp(t + i + 1, attr, alen) == 0) {
			size_t j = i + 1 + alen;
			while (j < n && isspace((unsigned char)t[j]))
				j++;
			if (j < n && t[j] == '=') {
				size_t b, e;
				struct buf v = { 0 };
				struct html_state st = { &v, true, 0, false };
				j++;
				while (j < n && isspace((unsigned char)t[j]))
					j++;
				if (j < n && (t[j] == '"' || t[j] == '\'')) {
					char q = t[j++];
					b = j;
					while (j < n && t[j] != q)
						j++;
					e = j;
				} else {
					b = j;
					while (j < n && !isspace((unsigned char)t[j]))
						j++;
					e = j;
				}
				html_text(&st, t + b, e - b);
				{
					char *r = buf_steal(&v), *w = r, *q;
					/* hrefs may be folded; drop control bytes */
					for (q = r; *q != '\0'; q++)
						if ((unsigned char)*q >= 0x20)
							*w++ = *q;
					*w = '\0';
					str_trim(r);
					return r;
				}
			}
		}
		if (t[i] == '"' || t[i] == '\'') {
			const char *e = memchr(t + i + 1, t[i], n - i - 1);
			i = e ? (size_t)(e - t) + 1 : n;
			continue;
		}
		i++;
	}
	return NULL;
}

static bool
tag_is(const char *name, const char *const *list)
{
	for (; *list != NULL; list++)
		if (strcmp(name, *list) == 0)
			return true;
	return false;
}

static void
part_add_link(struct msg_part *part, char *url, const char *text, size_t tlen)
{
	struct msg_link *l;
	char *t;

	if (part->nlinks >= MAX_LINKS) {
		free(url);
		return;
	}
	part->links = xreallocarray(part->links, part->nlinks + 1, sizeof(*part->links));
	l = &part->links[part->nlinks++];
	l->url = url;
	t = xstrndup(text, tlen);
	for (char *q = t; *q != '\0'; q++)
		if (*q == '\n')
			*q = ' ';
	l->text = str_trim(t);
	if (t != l->text)
		memmove(t, l->text, strlen(l->text) + 1);
	l->text = t;
}

/*
 * End of an <a>: record the link with the text written since link_start,
 * and show a web URL after its text unless the text already has it, so a
 * "Join the meeting" button still leaves the URL in the readable text.
 */
static void
html_close_link(struct html_state *st, struct msg_part *part, char *href, size_t link_start)
{
	struct buf *out = st->out;
	const char *text = out->data ? out->data + link_start : "";
	size_t tlen = out->len - link_start;
	struct msg_link *l;

	if (part->nlinks >= MAX_LINKS) {
		free(href);
		return;
	}
	part_add_link(part, href, text, tlen);
	l = &part->links[part->nlinks - 1];
	if ((str_case_has_prefix(l->url, "http://") || str_case_has_prefix(l->url, "https://")) &&
	    strstr(l->text, l->url) == NULL) {
		if (tlen > 0)
			buf_addc(out, ' ');
		buf_addc(out, '<');
		buf_adds(out, l->url);
		buf_addc(out, '>');
		st->emitted = true;
	}
}

/* One html conversion: the text written, the links found, the open <a>. */
struct html_conv {
	struct html_state st;
	struct msg_part *part;
	char *href;             /* of the open <a>; NULL when none */
	size_t link_start;      /* where its text begins in st.out */
	bool no_head_close;     /* an unclosed <head> was seen: stop looking */
};

/* Where the comment starting at p[i] ("<!--") ends: after its "-->", or n. */
static size_t
html_comment_end(const char *p, size_t n, size_t i)
{
	for (size_t k = i + 4; k + 3 <= n; k++)
		if (memcmp(p + k, "-->", 3) == 0)
			return k + 3;
	return n;
}

/* Past the element whose open tag (name) ends at p[tend], content and
 * all: a script, a style, a head. */
static size_t
html_skip_element(struct html_conv *c, const char *p, size_t n, size_t tend, const char *name)
{
	size_t k = tend, nl = strlen(name);
	bool found = false;

	for (; k + 2 + nl <= n; k++) {
		if (p[k] == '<' && p[k + 1] == '/' &&
		    strncasecmp(p + k + 2, name, nl) == 0 &&
		    !isalnum((unsigned char)p[k + 2 + nl])) {
			found = true;
			break;
		}
	}
	if (!found && strcmp(name, "head") == 0) {
		/* unclosed head: just drop the tag, and stop looking for
		 * </head> (hostile input repeats it) */
		c->no_head_close = true;
		return tend + 1;
	}
	return found ? html_tag_end(p, n, k) + 1 : n;
}

/* An <a> or </a> (attributes in attr, alen bytes): close the open link,
 * open the new one. */
static void
html_link_tag(struct html_conv *c, const char *attr, size_t alen, bool closing)
{
	if (c->href != NULL)
		html_close_link(&c->st, c->part, c->href, c->link_start);
	c->href = NULL;
	if (closing)
		return;
	c->href = html_attr(attr, alen, "href");
	if (c->href != NULL && *c->href == '\0') {
		free(c->href);
		c->href = NULL;
	}
	html_flush_space(&c->st);
	c->link_start = c->st.out->len;
}

/* What the tag name (attributes in attr, alen bytes) does to the text. */
static void
html_element(struct html_conv *c, const char *name, const char *attr, size_t alen,
    bool closing)
{
	static const char *const blocks[] = { "p", "div", "tr", "li", "ul", "ol",
	    "table", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "hr",
	    "section", "article", "header", "footer", "dl", "dt", "dd", "form",
	    "center", "address", "title", "tbody", "thead", "main", "nav",
	    "aside", "figure", "figcaption", "pre", "body", "html", NULL };
	static const char *const paras[] = { "p", "h1", "h2", "h3", "h4", "h5",
	    "h6", "table", "blockquote", "hr", "ul", "ol", NULL };
	struct html_state *st = &c->st;

	if (strcmp(name, "br") == 0) {
		html_break(st, 2);
	} else if (strcmp(name, "pre") == 0) {
		html_break(st, 2);
		st->pre = !closing;
	} else if (strcmp(name, "td") == 0 || strcmp(name, "th") == 0) {
		if (!closing)
			html_break(st, 1);
	} else if (tag_is(name, blocks)) {
		html_break(st, tag_is(name, paras) ? 3 : 2);
	} else if (strcmp(name, "img") == 0 && !closing) {
		char *alt = html_attr(attr, alen, "alt");
		if (alt != NULL && *alt != '\0') {
			html_text(st, " ", 1);
			html_text(st, alt, strlen(alt));
			html_text(st, " ", 1);
		}
		free(alt);
	} else if (strcmp(name, "a") == 0) {
		html_link_tag(c, attr, alen, closing);
	}
}

void
message_html_to_text(const char *p, size_t n, struct buf *out, struct msg_part *part)
{
	static const char *const skip[] = { "script", "style", "head", "noscript",
	    "template", "svg", "xml", "object", NULL };
	struct html_conv c = { .st = { out, false, 0, false }, .part = part };
	size_t i = 0;

	while (i < n) {
		const char *lt = memchr(p + i, '<', n - i);
		size_t tend, nb, ne;
		char name[16];
		bool closing;

		if (lt == NULL) {
			html_text(&c.st, p + i, n - i);
			break;
		}
		html_text(&c.st, p + i, (size_t)(lt - (p + i)));
		i = (size_t)(lt - p);
		if (n - i >= 4 && memcmp(p + i, "<!--", 4) == 0) {
			i = html_comment_end(p, n, i);
			continue;
		}
		nb = i + 1;
		closing = nb < n && p[nb] == '/';
		if (closing)
			nb++;
		if (nb >= n || !isalpha((unsigned char)p[nb])) {
			if (nb < n && (p[nb] == '!' || p[nb] == '?')) {
				tend = html_tag_end(p, n, i);
				i = tend + 1;
				continue;
			}
			html_text(&c.st, "&lt;", 4);   /* a bare '<' is text */
			i++;
			continue;
		}
		ne = nb;
		while (ne < n && (isalnum((unsigned char)p[ne]) || p[ne] == ':' || p[ne] == '-'))
			ne++;
		snprintf(name, sizeof(name), "%.*s", (int)(ne - nb < 15 ? ne - nb : 15), p + nb);
		str_lower(name);
		tend = html_tag_end(p, n, i);
		if (!closing && tag_is(name, skip) && !(tend > 0 && p[tend - 1] == '/') &&
		    !(c.no_head_close && strcmp(name, "head") == 0)) {
			i = html_skip_element(&c, p, n, tend, name);
			continue;
		}
		html_element(&c, name, p + i + 1, tend > i ? tend - i - 1 : 0, closing);
		i = tend + 1;
	}
	if (c.href != NULL)
		html_close_link(&c.st, part, c.href, c.link_start);
}

