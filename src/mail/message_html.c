/*
 * message_html: HTML parts to readable text, for recognition.
 *
 * libxml2's lenient HTML parser builds the tree (it recovers from any
 * input, decodes every entity, closes what the writer left open); this
 * file walks it, without recursion, and writes text:
 *   - block elements are line breaks (paragraph-like ones an empty line),
 *     <br> a line break; script, style, head and the like are dropped,
 *     and struck-through text (<s>, <strike>, <del>: what the writer
 *     withdrew, an old time beside the new one);
 *   - a table row (<tr>) is one line, its cells separated by one TAB per
 *     cell boundary (MESSAGE_HTML_CELL_SEP in message.h); a cell's block
 *     content still breaks lines, so a nested or layout table flattens to
 *     lines of its own;
 *   - every <a href> is kept as a link (at most MAX_LINKS per part) with
 *     its text, and a web URL is shown after the text unless the text
 *     has it already;
 *   - an <img> is its alt text; U+00A0 is a space, soft hyphens and
 *     zero-width characters are dropped, C1 controls read as windows-1252.
 *
 * Nesting: the walk does not recurse, and libxml2 frees the tree without
 * recursion; deeper than 256 elements only parts up to MAX_DEEP_INPUT
 * are read to their end.
 *
 * The parser is told the input is UTF-8 and to ignore any <meta> charset
 * (IGNORE_ENC) and the network (NONET): it opens nothing, so it runs under
 * the sandbox's seccomp filter.  message_preload() initialises it first.
 */
#include "autoconfig.h"

#include <ctype.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "message.h"
#include "message_p.h"
#include "utf8.h"
#include "util.h"

/* Links kept per HTML part: real mail has dozens, hostile mail millions. */
#define MAX_LINKS 1000
/* libxml2 stops reading at 256 open elements (the rest of the part is
 * lost) unless told XML_PARSE_HUGE; up to this many bytes it is told:
 * 1 MiB of "<b>" nested is 350,000 elements, about 70 MB of tree. */
#define MAX_DEEP_INPUT (1024u * 1024)

/* Pending white space, weakest first: only the strongest one waiting is
 * written, and only before more text. */
enum html_gap { GAP_NONE, GAP_SPACE, GAP_CELL, GAP_LINE, GAP_PARA };

/* One conversion: the text written, the links found, the open <a>. */
struct html_conv {
	struct buf *out;
	struct msg_part *part;
	unsigned pre;           /* depth inside <pre> */
	enum html_gap gap;
	unsigned cells;         /* cell boundaries waiting (GAP_CELL) */
	bool emitted;           /* anything written yet */
	bool line_empty;        /* nothing written on the current line yet */
	const xmlNode *link;    /* the open <a>; NULL when none */
	char *href;             /* its target */
	size_t link_start;      /* where its text begins in out */
};

static void
html_flush_gap(struct html_conv *c)
{
	enum html_gap g = c->gap;
	unsigned cells = c->cells;

	c->gap = GAP_NONE;
	c->cells = 0;
	if (g == GAP_NONE || !c->emitted)
		return;
	switch (g) {
	case GAP_SPACE:
		buf_addc(c->out, ' ');
		break;
	case GAP_CELL:
		/* one per boundary, so an empty cell keeps its column */
		while (!c->line_empty && cells-- > 0)
			buf_addc(c->out, MESSAGE_HTML_CELL_SEP);
		break;
	case GAP_LINE:
		buf_addc(c->out, '\n');
		c->line_empty = true;
		break;
	default:
		buf_adds(c->out, "\n\n");
		c->line_empty = true;
		break;
	}
}

static void
html_gap(struct html_conv *c, enum html_gap g)
{
	if (c->gap < g)
		c->gap = g;
	if (g == GAP_CELL && c->gap == GAP_CELL)
		c->cells++;
	else if (c->gap > GAP_CELL)
		c->cells = 0;
}

/* Write the character at p (n bytes left, not white space); returns
 * the bytes used (1 to 3). */
static size_t
html_char(struct html_conv *c, const unsigned char *p, size_t n)
{
	size_t len = 1;

	if (n >= 2 && p[0] == 0xC2 && p[1] == 0xA0) {            /* no-break space */
		html_flush_gap(c);
		buf_addc(c->out, ' ');
		c->emitted = true;
		c->line_empty = false;
		return 2;
	}
	if ((n >= 2 && p[0] == 0xC2 && p[1] == 0xAD) ||           /* soft hyphen */
	    (n >= 3 && p[0] == 0xE2 && p[1] == 0x80 && p[2] >= 0x8B && p[2] <= 0x8D) ||
	    (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF))
		return p[0] == 0xC2 ? 2 : 3;                        /* zero-width */
	html_flush_gap(c);
	if (n >= 2 && p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) {
		uint32_t cp = utf8_from_cp1252(p[1]);            /* &#150; and kin */

		message_put_cp(c->out, cp != 0 ? cp : 0xFFFD);
		len = 2;
	} else {
		buf_addc(c->out, (char)p[0]);
	}
	c->emitted = true;
	c->line_empty = false;
	return len;
}

static void
html_text(struct html_conv *c, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), i = 0;

	while (i < n) {
		unsigned char ch = p[i];

		if (c->pre > 0 && (ch == '\r' || ch == '\n')) {
			if (ch == '\n') {
				buf_addc(c->out, '\n');
				c->line_empty = true;
			}
			i++;
			continue;
		}
		if (c->pre == 0 && (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n' || ch == '\f')) {
			html_gap(c, GAP_SPACE);
			i++;
			continue;
		}
		i += html_char(c, p + i, n - i);
	}
}

/* Attribute name of e, entities decoded, control bytes dropped, trimmed;
 * NULL when absent or empty.  Caller frees. */
static char *
html_attr(const xmlNode *e, const char *name)
{
	xmlChar *v = xmlGetNoNsProp(e, (const xmlChar *)name);
	char *r, *w, *q;

	if (v == NULL)
		return NULL;
	r = xstrdup((const char *)v);
	xmlFree(v);
	/* hrefs may be folded: drop control bytes */
	for (w = q = r; *q != '\0'; q++)
		if ((unsigned char)*q >= 0x20)
			*w++ = *q;
	*w = '\0';
	q = str_trim(r);
	if (*q == '\0') {
		free(r);
		return NULL;
	}
	memmove(r, q, strlen(q) + 1);
	return r;
}

static void
part_add_link(struct msg_part *part, char *url, const char *text, size_t tlen)
{
	struct msg_link *l;
	char *t;

	part->links = xreallocarray(part->links, part->nlinks + 1, sizeof(*part->links));
	l = &part->links[part->nlinks++];
	l->url = url;
	t = xstrndup(text, tlen);
	for (char *q = t; *q != '\0'; q++)
		if (*q == '\n' || *q == MESSAGE_HTML_CELL_SEP)
			*q = ' ';
	l->text = str_trim(t);
	if (t != l->text)
		memmove(t, l->text, strlen(l->text) + 1);
	l->text = t;
}

/*
 * End of the open <a>: record the link with the text written since
 * link_start, and show a web URL after its text unless the text already
 * has it, so a "Join the meeting" button still leaves the URL in the
 * readable text.
 */
static void
html_close_link(struct html_conv *c)
{
	struct buf *out = c->out;
	const char *text = out->data ? out->data + c->link_start : "";
	size_t tlen = out->len - c->link_start;
	struct msg_link *l;
	char *href = c->href;

	c->href = NULL;
	c->link = NULL;
	if (href == NULL)
		return;
	if (c->part->nlinks >= MAX_LINKS) {
		free(href);
		return;
	}
	part_add_link(c->part, href, text, tlen);
	l = &c->part->links[c->part->nlinks - 1];
	if ((str_case_has_prefix(l->url, "http://") || str_case_has_prefix(l->url, "https://")) &&
	    strstr(l->text, l->url) == NULL) {
		if (tlen > 0)
			buf_addc(out, ' ');
		buf_addc(out, '<');
		buf_adds(out, l->url);
		buf_addc(out, '>');
		c->emitted = true;
		c->line_empty = false;
	}
}

static bool
name_in(const char *name, const char *const *list)
{
	for (; *list != NULL; list++)
		if (strcmp(name, *list) == 0)
			return true;
	return false;
}

/* The line break an element makes before and after itself. */
static enum html_gap
block_gap(const char *name)
{
	static const char *const blocks[] = { "p", "div", "tr", "li", "ul", "ol",
	    "table", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "hr",
	    "section", "article", "header", "footer", "dl", "dt", "dd", "form",
	    "center", "address", "title", "tbody", "thead", "tfoot", "caption",
	    "main", "nav", "aside", "figure", "figcaption", "pre", "body", "html", NULL };
	static const char *const paras[] = { "p", "h1", "h2", "h3", "h4", "h5",
	    "h6", "table", "blockquote", "hr", "ul", "ol", "pre", NULL };

	if (name_in(name, paras))
		return GAP_PARA;
	return name_in(name, blocks) ? GAP_LINE : GAP_NONE;
}

/* Is e the one block that wraps a table cell's content, as Outlook writes
 * every cell (<td><p class=MsoNormal>08:00 - 08:30</p></td>), or
 * Outlook's <o:p> inside a paragraph?  It breaks no line: the row stays
 * one line. */
static bool
sole_cell_block(const xmlNode *e)
{
	const xmlNode *p = e->parent;

	/* Outlook's <o:p>, which libxml2 reads as a <p> inside the <p> */
	if (p != NULL && p->type == XML_ELEMENT_NODE && p->name != NULL &&
	    strcmp((const char *)p->name, "p") == 0 && strcmp((const char *)e->name, "p") == 0)
		return true;
	if (p == NULL || p->type != XML_ELEMENT_NODE || p->name == NULL ||
	    (strcmp((const char *)p->name, "td") != 0 && strcmp((const char *)p->name, "th") != 0))
		return false;
	for (const xmlNode *k = p->children; k != NULL; k = k->next) {
		if (k == e)
			continue;
		if (k->type == XML_ELEMENT_NODE)
			return false;
		if (k->type == XML_TEXT_NODE && k->content != NULL)
			for (const xmlChar *q = k->content; *q; q++)
				if (!isspace(*q))
					return false;
	}
	return true;
}

/* The break element e makes: block_gap()'s, but Word's paragraph
 * (class MsoNormal, no margin: Outlook writes every line as one, and a
 * blank line as an empty one) is a line. */
static enum html_gap
element_gap(const xmlNode *e)
{
	enum html_gap g = block_gap((const char *)e->name);

	if (g == GAP_PARA && strcmp((const char *)e->name, "p") == 0) {
		char *cls = html_attr(e, "class");

		if (cls != NULL && strstr(cls, "MsoNormal") != NULL)
			g = GAP_LINE;
		free(cls);
	}
	return g;
}

/* Is e struck through by its style ("text-decoration:line-through", as
 * Ashby strikes an interview's old time), withdrawn like <s> and <del>? */
static bool
struck(const xmlNode *e)
{
	char *style = html_attr(e, "style");
	bool r = style != NULL && strstr(style, "line-through") != NULL;

	free(style);
	return r;
}

/* Entering element e: what it writes; false to skip its content. */
static bool
html_enter(struct html_conv *c, const xmlNode *e)
{
	static const char *const skip[] = { "script", "style", "head", "noscript",
	    "template", "svg", "xml", "object", "iframe", "s", "strike", "del", NULL };
	const char *name = (const char *)e->name;

	if (name == NULL || name_in(name, skip) || struck(e))
		return false;
	if (strcmp(name, "br") == 0) {
		html_gap(c, GAP_LINE);
	} else if (strcmp(name, "td") == 0 || strcmp(name, "th") == 0) {
		html_gap(c, GAP_CELL);
	} else if (strcmp(name, "img") == 0) {
		char *alt = html_attr(e, "alt");

		if (alt != NULL) {
			html_gap(c, GAP_SPACE);
			html_text(c, alt);
			html_gap(c, GAP_SPACE);
		}
		free(alt);
	} else if (strcmp(name, "a") == 0) {
		if (c->link != NULL)
			html_close_link(c);
		c->href = html_attr(e, "href");
		c->link = e;
		html_flush_gap(c);
		c->link_start = c->out->len;
	} else {
		if (!sole_cell_block(e))
			html_gap(c, element_gap(e));
		if (strcmp(name, "pre") == 0)
			c->pre++;
		/* a list's item is a line of its own, marked as plain text
		 * marks it: never read as a paragraph's wrap */
		if (strcmp(name, "li") == 0)
			html_text(c, "\xe2\x80\xa2 ");
	}
	return true;
}

/* Leaving element e (entered with html_enter() true). */
static void
html_leave(struct html_conv *c, const xmlNode *e)
{
	const char *name = (const char *)e->name;

	if (e == c->link) {
		html_close_link(c);
		return;
	}
	if (!sole_cell_block(e))
		html_gap(c, element_gap(e));
	if (strcmp(name, "pre") == 0 && c->pre > 0)
		c->pre--;
}

/* Entering node n: false when there is nothing below it to visit. */
static bool
html_visit(struct html_conv *c, const xmlNode *n)
{
	switch (n->type) {
	case XML_ELEMENT_NODE:
		return html_enter(c, n);
	case XML_TEXT_NODE:
	case XML_CDATA_SECTION_NODE:
		if (n->content != NULL)
			html_text(c, (const char *)n->content);
		return false;
	default:
		return false;       /* comments, processing instructions, the DTD */
	}
}

/* Depth-first over the tree below doc, without recursion. */
static void
html_walk(struct html_conv *c, const xmlDoc *doc)
{
	const xmlNode *n = doc->children;

	while (n != NULL) {
		bool down = html_visit(c, n);

		if (down && n->children != NULL) {
			n = n->children;
			continue;
		}
		if (down)
			html_leave(c, n);
		while (n != NULL && n->next == NULL) {
			n = n->parent;
			if (n == NULL || n->type != XML_ELEMENT_NODE)
				return;
			html_leave(c, n);
		}
		if (n != NULL)
			n = n->next;
	}
}

void
message_html_init(void)
{
	xmlInitParser();
}

void
message_html_to_text(const char *p, size_t n, struct buf *out, struct msg_part *part)
{
	int opts = HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
	    HTML_PARSE_NOWARNING | HTML_PARSE_NODEFDTD | HTML_PARSE_COMPACT |
	    HTML_PARSE_IGNORE_ENC;
	struct html_conv c = { .out = out, .part = part, .line_empty = true };
	htmlParserCtxtPtr ctxt;
	htmlDocPtr doc;

	if (n == 0)
		return;
	if (n > INT_MAX)
		n = INT_MAX;
	if (n <= MAX_DEEP_INPUT)
		opts |= XML_PARSE_HUGE;
	ctxt = htmlNewParserCtxt();
	if (ctxt == NULL)
		return;
	doc = htmlCtxtReadMemory(ctxt, p, (int)n, NULL, "UTF-8", opts);
	if (doc != NULL) {
		html_walk(&c, doc);
		if (c.link != NULL)
			html_close_link(&c);
		xmlFreeDoc(doc);
	}
	htmlFreeParserCtxt(ctxt);
}
