/* compose: RFC 5322 / MIME bytes of a follow-up mail (see compose.h). */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>

#include "compose.h"
#include "log.h"
#include "parties.h"
#include "utf8.h"
#include "util.h"
#include "when.h"

#define LINE_MAX_HDR 78        /* header lines fold at this */
#define EW_MAX 66              /* an encoded word, so "Subject: " + one fits in 78 */
#define EW_OVERHEAD 12         /* "=?UTF-8?Q?" + "?=" */
#define QP_MAX 76              /* quoted-printable line, '=' included */
#define PLAIN_MAX 78           /* longest body line sent as 7bit */
#define REFS_KEEP 20           /* References: the first id and the last 20 */

/* ---- validation: parties.h decides ---- */

bool
compose_addr_valid(const char *addr)
{
	return parties_address_valid(addr);
}

bool
compose_msgid_valid(const char *id)
{
	return parties_msgid_valid(id);
}

/* ---- Message-ID ---- */

static void
random_bytes(unsigned char *p, size_t n)
{
	while (n > 0) {
		ssize_t r = getrandom(p, n, 0);

		if (r < 0) {
			if (errno == EINTR)
				continue;
			fatal(EXIT_OSERR, "getrandom: %s", strerror(errno));
		}
		p += r;
		n -= (size_t)r;
	}
}

char *
compose_message_id(const char *domain)
{
	static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz234567";
	unsigned char r[20];
	char id[33];
	size_t o = 0;

	if (!parties_domain_valid(domain))
		return NULL;
	random_bytes(r, sizeof(r));
	/* base32: five bits a character */
	for (size_t i = 0; i < sizeof(r); i += 5) {
		uint64_t v = 0;

		for (size_t k = 0; k < 5; k++)
			v = (v << 8) | r[i + k];
		for (int k = 7; k >= 0; k--)
			id[o++] = alphabet[(v >> (5 * k)) & 31];
	}
	id[o] = '\0';
	wipe(r, sizeof(r));
	return xasprintf("<%s@%s>", id, domain);
}

/* ---- text helpers ---- */

static bool
utf8_valid(const char *s)
{
	const unsigned char *p = (const unsigned char *)s, *e = p + strlen(s);

	while (p < e) {
		size_t l = utf8_seq(p, (size_t)(e - p));

		if (l == 0)
			return false;
		p += l;
	}
	return true;
}

/*
 * A header text: controls (C0, DEL, and C1 as UTF-8) and white space runs
 * become one space, trimmed; invalid UTF-8 becomes U+FFFD.  This is where
 * "\r\nBcc: x@y" in a name or subject loses its power.
 */
static char *
header_clean(const char *s)
{
	const unsigned char *p = (const unsigned char *)(s != NULL ? s : ""), *e;
	struct buf b = { 0 };
	bool space = false;

	e = p + strlen((const char *)p);
	while (p < e) {
		size_t l = utf8_seq(p, (size_t)(e - p));

		if (l == 0) {
			if (space && b.len > 0)
				buf_addc(&b, ' ');
			space = false;
			buf_adds(&b, "\xef\xbf\xbd");
			p++;
			continue;
		}
		if ((l == 1 && (*p <= 0x20 || *p == 0x7f)) || (l == 2 && p[0] == 0xc2 && p[1] < 0xa0)) {
			/* C0, space, DEL, C1 and NBSP count as white space */
			space = true;
			p += l;
			continue;
		}
		if (space && b.len > 0)
			buf_addc(&b, ' ');
		space = false;
		buf_add(&b, p, l);
		p += l;
	}
	if (b.data == NULL)
		buf_adds(&b, "");
	return buf_steal(&b);
}

static bool
is_ascii(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s >= 0x80)
			return false;
	return true;
}

/* ---- header writer: tokens placed on lines of at most 78 octets ---- */

struct hdr {
	struct buf *out;
	size_t col;
	bool any;
};

static void
hdr_start(struct hdr *h, struct buf *out, const char *name)
{
	h->out = out;
	buf_adds(out, name);
	buf_addc(out, ':');
	h->col = strlen(name) + 1;
	h->any = false;
}

/* A token that must not be split; folds before it when it would not fit.
 * glue: no white space before it (so no fold either). */
static void
hdr_token(struct hdr *h, const char *tok, size_t len, bool glue)
{
	if (!h->any || !glue) {
		if (h->any && h->col + 1 + len > LINE_MAX_HDR) {
			buf_add(h->out, "\r\n ", 3);
			h->col = 1;
		} else {
			buf_addc(h->out, ' ');
			h->col++;
		}
	}
	buf_add(h->out, tok, len);
	h->col += len;
	h->any = true;
}

static void
hdr_end(struct hdr *h)
{
	buf_add(h->out, "\r\n", 2);
}

/* ---- RFC 2047 ---- */

/* Q-encoding safe in both unstructured text and phrases (RFC 2047 5(3)). */
static bool
q_literal(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	    c == '!' || c == '*' || c == '+' || c == '-' || c == '/';
}

static size_t
q_cost(unsigned char c)
{
	return (q_literal(c) || c == ' ') ? 1 : 3;
}

static void
ew_flush(struct hdr *h, struct buf *word, bool q, const unsigned char *chunk, size_t n)
{
	buf_reset(word);
	buf_adds(word, q ? "=?UTF-8?Q?" : "=?UTF-8?B?");
	if (q) {
		for (size_t i = 0; i < n; i++) {
			if (chunk[i] == ' ')
				buf_addc(word, '_');
			else if (q_literal(chunk[i]))
				buf_addc(word, (char)chunk[i]);
			else
				buf_addf(word, "=%02X", chunk[i]);
		}
	} else {
		buf_add_base64(word, chunk, n);
	}
	buf_adds(word, "?=");
	/* adjacent encoded words: the white space between them is not text,
	 * so each goes after a fold point and the spaces live inside */
	hdr_token(h, word->data, word->len, false);
}

/* The whole of s (valid UTF-8) as encoded words, none longer than EW_MAX,
 * each holding whole characters. */
static void
hdr_encoded(struct hdr *h, const char *s)
{
	const unsigned char *p = (const unsigned char *)s, *e = p + strlen(s), *start;
	size_t qlen = 0, n = strlen(s), room = EW_MAX - EW_OVERHEAD, cost = 0;
	struct buf word = { 0 };
	bool q;

	for (size_t i = 0; i < n; i++)
		qlen += q_cost(p[i]);
	q = qlen <= (n + 2) / 3 * 4;
	start = p;
	while (p < e) {
		size_t l = utf8_seq(p, (size_t)(e - p)), c = 0;

		if (l == 0)
			l = 1;   /* cannot happen: callers pass cleaned text */
		if (q) {
			for (size_t k = 0; k < l; k++)
				c += q_cost(p[k]);
			if (cost + c > room) {
				ew_flush(h, &word, q, start, (size_t)(p - start));
				start = p;
				cost = 0;
			}
			cost += c;
		} else {
			size_t bytes = (size_t)(p - start) + l;

			if ((bytes + 2) / 3 * 4 > room) {
				ew_flush(h, &word, q, start, (size_t)(p - start));
				start = p;
			}
		}
		p += l;
	}
	if (p > start)
		ew_flush(h, &word, q, start, (size_t)(p - start));
	buf_free(&word);
}

/* Unstructured text (Subject): plain words folded at spaces when it is
 * printable ASCII without "=?" and every word fits; else encoded words. */
static void
hdr_text(struct hdr *h, const char *clean)
{
	bool plain = is_ascii(clean) && strstr(clean, "=?") == NULL;
	const char *w;

	for (w = clean; plain && *w != '\0';) {
		size_t l = strcspn(w, " ");

		if (l > EW_MAX)
			plain = false;
		w += l;
		w += strspn(w, " ");
	}
	if (!plain) {
		hdr_encoded(h, clean);
		return;
	}
	for (w = clean; *w != '\0';) {
		size_t l = strcspn(w, " ");

		hdr_token(h, w, l, false);
		w += l;
		w += strspn(w, " ");
	}
}

/* A mailbox: [display-name] addr; comma glued to it when more follow. */
static void
hdr_mailbox(struct hdr *h, const char *name, const char *addr, bool comma)
{
	char *clean = header_clean(name), *tok;
	size_t nl = strlen(clean);
	bool atoms = true, quotable = true;

	if (nl > 0) {
		for (const char *c = clean; *c != '\0'; c++) {
			unsigned char u = (unsigned char)*c;

			if (u >= 0x80)
				atoms = quotable = false;
			else if (u != ' ' && !parties_atext(u))
				atoms = false;
		}
		if (strstr(clean, "=?") != NULL)
			atoms = false;
		for (const char *w = clean; atoms && *w != '\0';) {
			size_t l = strcspn(w, " ");

			if (l > EW_MAX)
				atoms = false;
			w += l;
			w += strspn(w, " ");
		}
		if (atoms) {
			for (const char *w = clean; *w != '\0';) {
				size_t l = strcspn(w, " ");

				hdr_token(h, w, l, false);
				w += l;
				w += strspn(w, " ");
			}
		} else if (quotable && nl * 2 + 2 <= EW_MAX) {
			struct buf q = { 0 };

			buf_addc(&q, '"');
			for (const char *c = clean; *c != '\0'; c++) {
				if (*c == '"' || *c == '\\')
					buf_addc(&q, '\\');
				buf_addc(&q, *c);
			}
			buf_addc(&q, '"');
			hdr_token(h, q.data, q.len, false);
			buf_free(&q);
		} else {
			hdr_encoded(h, clean);
		}
		tok = xasprintf("<%s>%s", addr, comma ? "," : "");
	} else {
		tok = xasprintf("%s%s", addr, comma ? "," : "");
	}
	hdr_token(h, tok, strlen(tok), false);
	free(tok);
	free(clean);
}

/* ---- body ---- */

/* The body as LF-separated lines (CR LF and lone CR made LF), ending in LF. */
static char *
body_lines(const char *s)
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

/*
 * format=flowed (RFC 3676): a paragraph line longer than FLOW_MAX is broken
 * at spaces into lines of at most FLOW_WIDTH, each soft break a trailing
 * space, so the body stays readable as plain text and mostly 7bit, while a
 * flowed-aware reader joins the lines again.  A line starting with a
 * space, '>' or "From " is space-stuffed.  Words longer than a line (a
 * link) stay whole; the transfer encoding takes care of them.
 */
#define FLOW_WIDTH 72
#define FLOW_MAX 78

static char *
body_flow(const char *lines)
{
	struct buf b = { 0 };
	const char *s = lines;

	while (*s != '\0') {
		const char *nl = strchr(s, '\n');
		size_t l = (size_t)(nl - s);
		bool sig = l == 3 && memcmp(s, "-- ", 3) == 0;

		/* A hard line never ends in a space, a signature separator aside. */
		while (!sig && l > 0 && (s[l - 1] == ' ' || s[l - 1] == '\t'))
			l--;
		while (l > FLOW_MAX) {
			size_t cut = 0;

			for (size_t i = FLOW_WIDTH; i > 0; i--)
				if (s[i] == ' ') {
					cut = i;
					break;
				}
			if (cut == 0) {
				/* no space before the width: break after the long word */
				for (size_t i = FLOW_WIDTH; i < l; i++)
					if (s[i] == ' ') {
						cut = i;
						break;
					}
				if (cut == 0)
					break;
			}
			if (s[0] == ' ' || s[0] == '>' || (cut >= 5 && memcmp(s, "From ", 5) == 0))
				buf_addc(&b, ' ');
			buf_add(&b, s, cut + 1);        /* keeps the space: a soft break */
			buf_addc(&b, '\n');
			s += cut + 1;
			l -= cut + 1;
		}
		if (l > 0 && (s[0] == ' ' || s[0] == '>' || (l >= 5 && memcmp(s, "From ", 5) == 0)))
			buf_addc(&b, ' ');
		buf_add(&b, s, l);
		buf_addc(&b, '\n');
		s = nl + 1;
	}
	return buf_steal(&b);
}

static bool
body_is_plain(const char *lines)
{
	const char *s = lines;

	while (*s != '\0') {
		const char *nl = strchr(s, '\n');
		size_t l = (size_t)(nl - s);

		/* (flowed: a trailing space is a soft break, "From " is
		 * space-stuffed) */
		if (l > PLAIN_MAX || (l >= 5 && memcmp(s, "From ", 5) == 0))
			return false;
		if (l > 0 && s[l - 1] == '\t')
			return false;
		for (size_t i = 0; i < l; i++) {
			unsigned char c = (unsigned char)s[i];

			if (c >= 0x7f || (c < 0x20 && c != '\t'))
				return false;
		}
		s = nl + 1;
	}
	return true;
}

static void
qp_line(struct buf *out, const unsigned char *s, size_t l)
{
	size_t col = 0;

	for (size_t i = 0; i < l; i++) {
		unsigned char c = s[i];
		char tok[4];
		size_t tl;
		bool literal = (c >= 33 && c <= 126 && c != '=') ||
		    ((c == ' ' || c == '\t') && i + 1 < l);

		/* a line start where '.' (SMTP) or "From " (mbox) could be
		 * touched in transit; decided again after a soft break */
		for (int pass = 0; pass < 2; pass++) {
			bool at_start = col == 0;
			bool enc = !literal ||
			    (at_start && (c == '.' || (c == 'F' && l - i >= 5 &&
			    memcmp(s + i, "From ", 5) == 0)));

			if (enc)
				tl = (size_t)snprintf(tok, sizeof(tok), "=%02X", c);
			else {
				tok[0] = (char)c;
				tok[1] = '\0';
				tl = 1;
			}
			/* the last token of a line may use column 76; others
			 * leave room for the soft break's '=' */
			if (col + tl <= (i + 1 == l ? QP_MAX : QP_MAX - 1) || col == 0)
				break;
			buf_add(out, "=\r\n", 3);
			col = 0;
		}
		buf_add(out, tok, tl);
		col += tl;
	}
	buf_add(out, "\r\n", 2);
}

static void
body_write(struct buf *out, const char *lines, bool plain)
{
	const char *s = lines;

	while (*s != '\0') {
		const char *nl = strchr(s, '\n');
		size_t l = (size_t)(nl - s);

		if (plain) {
			buf_add(out, s, l);
			buf_add(out, "\r\n", 2);
		} else
			qp_line(out, (const unsigned char *)s, l);
		s = nl + 1;
	}
}

/* ---- References ---- */

/* Valid message ids in s, in order, duplicates dropped. */
static void
refs_collect(const char *s, char ***ids, size_t *n)
{
	char **all = NULL;
	size_t nall = 0;

	if (s == NULL)
		return;
	parties_msgid_list(s, strlen(s), &all, &nall, SIZE_MAX);
	for (size_t k = 0; k < nall; k++) {
		bool keep = parties_msgid_valid(all[k]);

		for (size_t i = 0; keep && i < *n; i++)
			if (strcmp((*ids)[i], all[k]) == 0)
				keep = false;
		if (keep) {
			*ids = xreallocarray(*ids, *n + 1, sizeof(**ids));
			(*ids)[(*n)++] = all[k];
		} else
			free(all[k]);
	}
	free(all);
}

/* ---- building ---- */

static bool
subject_is_reply(const char *s)
{
	return strncasecmp(s, "re:", 3) == 0;
}

static int
check_list(const struct compose_addr *v, size_t n, const char *what, char **err)
{
	for (size_t i = 0; i < n; i++)
		if (!compose_addr_valid(v[i].addr)) {
			char *clean = header_clean(v[i].addr);

			*err = xasprintf("%s[%zu]: not a valid address: \"%.80s\"", what, i + 1,
			    clean);
			free(clean);
			return -1;
		}
	return 0;
}

/* What makes m unfit to write, as *err (caller frees); 0 when it is fine. */
static int
check_mail(const struct compose_mail *m, char **err)
{
	if (m->from_addr == NULL || !compose_addr_valid(m->from_addr)) {
		char *clean = header_clean(m->from_addr);

		*err = xasprintf("from: not a valid address: \"%.80s\"", clean);
		free(clean);
		return -1;
	}
	if (m->nto == 0) {
		*err = xstrdup("no recipient");
		return -1;
	}
	if (check_list(m->to, m->nto, "to", err) != 0 || check_list(m->cc, m->ncc, "cc", err) != 0)
		return -1;
	if (m->in_reply_to != NULL && !compose_msgid_valid(m->in_reply_to)) {
		*err = xstrdup("in_reply_to: not a valid message id");
		return -1;
	}
	if (m->body == NULL || !utf8_valid(m->body)) {
		*err = xstrdup(m->body == NULL ? "no body" : "the body is not valid UTF-8");
		return -1;
	}
	if (m->message_id != NULL && !compose_msgid_valid(m->message_id)) {
		*err = xstrdup("message_id: not a valid message id");
		return -1;
	}
	return 0;
}

/* From, To and Cc (when there is one). */
static void
put_addresses(struct buf *b, const struct compose_mail *m)
{
	struct hdr h;

	hdr_start(&h, b, "From");
	hdr_mailbox(&h, m->from_name, m->from_addr, false);
	hdr_end(&h);

	hdr_start(&h, b, "To");
	for (size_t i = 0; i < m->nto; i++)
		hdr_mailbox(&h, m->to[i].name, m->to[i].addr, i + 1 < m->nto);
	hdr_end(&h);

	if (m->ncc > 0) {
		hdr_start(&h, b, "Cc");
		for (size_t i = 0; i < m->ncc; i++)
			hdr_mailbox(&h, m->cc[i].name, m->cc[i].addr, i + 1 < m->ncc);
		hdr_end(&h);
	}
}

/* Subject, with "Re: " in front of a reply's that has none. */
static void
put_subject(struct buf *b, const struct compose_mail *m)
{
	struct hdr h;
	char *subject = header_clean(m->subject);

	if (m->in_reply_to != NULL && !subject_is_reply(subject)) {
		char *re = xasprintf("Re: %s", subject);

		free(subject);
		subject = header_clean(re);   /* "Re: " alone for an empty subject */
		free(re);
	}
	hdr_start(&h, b, "Subject");
	if (subject[0] != '\0')
		hdr_text(&h, subject);
	hdr_end(&h);
	free(subject);
}

/* In-Reply-To and References of a reply: the references given, the mail
 * replied to last, and of them the first and the last REFS_KEEP. */
static void
put_thread(struct buf *b, const struct compose_mail *m)
{
	struct hdr h;
	char **refs = NULL;
	size_t nrefs = 0;

	if (m->in_reply_to == NULL)
		return;
	buf_addf(b, "In-Reply-To: %s\r\n", m->in_reply_to);
	refs_collect(m->references, &refs, &nrefs);
	if (nrefs == 0 || strcmp(refs[nrefs - 1], m->in_reply_to) != 0) {
		for (size_t i = 0; i < nrefs; i++)
			if (strcmp(refs[i], m->in_reply_to) == 0) {
				free(refs[i]);
				memmove(&refs[i], &refs[i + 1], (nrefs - i - 1) * sizeof(*refs));
				nrefs--;
				break;
			}
		refs = xreallocarray(refs, nrefs + 1, sizeof(*refs));
		refs[nrefs++] = xstrdup(m->in_reply_to);
	}
	hdr_start(&h, b, "References");
	for (size_t i = 0; i < nrefs; i++)
		if (i == 0 || i + REFS_KEEP >= nrefs)
			hdr_token(&h, refs[i], strlen(refs[i]), false);
	hdr_end(&h);
	for (size_t i = 0; i < nrefs; i++)
		free(refs[i]);
	free(refs);
}

/* The MIME headers, the blank line and the body (format=flowed, 7bit or
 * quoted-printable). */
static void
put_body(struct buf *b, const struct compose_mail *m)
{
	char *raw = body_lines(m->body), *lines = body_flow(raw);
	bool plain = body_is_plain(lines);

	free(raw);
	buf_adds(b, "MIME-Version: 1.0\r\n");
	buf_adds(b, "Content-Type: text/plain; charset=utf-8; format=flowed\r\n");
	buf_addf(b, "Content-Transfer-Encoding: %s\r\n", plain ? "7bit" : "quoted-printable");
	buf_add(b, "\r\n", 2);
	body_write(b, lines, plain);
	free(lines);
}

int
compose_build(const struct compose_mail *m, struct buf *out, char **message_id, char **err)
{
	struct buf b = { 0 };
	char date[64], *msgid;

	*message_id = NULL;
	*err = NULL;
	if (check_mail(m, err) != 0)
		return -1;
	if (m->message_id != NULL)
		msgid = xstrdup(m->message_id);
	else
		msgid = compose_message_id(strrchr(m->from_addr, '@') + 1);

	when_format_rfc5322(m->date, m->timezone, date, sizeof(date));
	buf_addf(&b, "Date: %s\r\n", date);
	put_addresses(&b, m);
	put_subject(&b, m);
	buf_addf(&b, "Message-ID: %s\r\n", msgid);
	put_thread(&b, m);
	put_body(&b, m);

	buf_add(out, b.data, b.len);
	buf_free(&b);
	*message_id = msgid;
	return 0;
}

/* ---- address lists ---- */

void
compose_addrs_free(struct compose_addrs *list)
{
	for (size_t i = 0; i < list->n; i++) {
		free((char *)list->v[i].name);
		free((char *)list->v[i].addr);
	}
	free(list->v);
	list->v = NULL;
	list->n = 0;
}

/* One element of a list: "Name <addr>", "addr", "\"Q\" <addr> (c)". */
static int
parse_element(const char *s, size_t len, struct compose_addrs *list, char **err)
{
	struct buf name = { 0 }, addr = { 0 };
	bool quote = false, angle = false, had_angle = false;
	int depth = 0, rc = -1;
	char *n, *a;

	for (size_t i = 0; i < len; i++) {
		char c = s[i];

		if (quote) {
			if (c == '\\' && i + 1 < len)
				c = s[++i];
			else if (c == '"') {
				quote = false;
				continue;
			}
			buf_addc(&name, c);
			continue;
		}
		if (depth > 0) {
			if (c == '\\' && i + 1 < len)
				i++;
			else if (c == '(')
				depth++;
			else if (c == ')')
				depth--;
			continue;
		}
		if (c == '(') {
			depth++;
			continue;
		}
		if (angle) {
			if (c == '>')
				angle = false;
			else
				buf_addc(&addr, c);
			continue;
		}
		if (c == '"') {
			quote = true;
			continue;
		}
		if (c == '<') {
			angle = had_angle = true;
			buf_reset(&addr);
			continue;
		}
		buf_addc(&name, c);
	}
	if (quote || angle || depth > 0) {
		*err = xstrdup("unbalanced quote, angle bracket or parenthesis in an address list");
		goto out;
	}
	buf_adds(&name, "");     /* never NULL below */
	buf_adds(&addr, "");
	n = str_trim(name.data);
	a = had_angle ? str_trim(addr.data) : n;
	if (!had_angle && a[0] == '\0' && n[0] == '\0') {
		rc = 0;      /* an empty element: "a, , b" */
		goto out;
	}
	if (!compose_addr_valid(a)) {
		char *clean = header_clean(had_angle ? a : n);

		*err = xasprintf("not a valid address: \"%.80s\"", clean);
		free(clean);
		goto out;
	}
	list->v = xreallocarray(list->v, list->n + 1, sizeof(*list->v));
	list->v[list->n].name = had_angle && n[0] != '\0' ? xstrdup(n) : NULL;
	list->v[list->n].addr = xstrdup(a);
	list->n++;
	rc = 0;
out:
	buf_free(&name);
	buf_free(&addr);
	return rc;
}

int
compose_parse_addresses(const char *s, struct compose_addrs *list, char **err)
{
	const char *start = s;
	bool quote = false, angle = false;
	int depth = 0;

	*err = NULL;
	for (const char *p = s; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 && *p != '\t') {
			*err = xstrdup("control character in an address list");
			return -1;
		}
	for (const char *p = s;; p++) {
		char c = *p;

		if (c == '\0' || (!quote && !angle && depth == 0 && (c == ',' || c == ';'))) {
			if (parse_element(start, (size_t)(p - start), list, err) != 0)
				return -1;
			if (c == '\0')
				break;
			start = p + 1;
			continue;
		}
		if (quote) {
			if (c == '\\' && p[1] != '\0')
				p++;
			else if (c == '"')
				quote = false;
		} else if (depth > 0) {
			if (c == '\\' && p[1] != '\0')
				p++;
			else if (c == '(')
				depth++;
			else if (c == ')')
				depth--;
		} else if (angle) {
			if (c == '>')
				angle = false;
		} else if (c == '"')
			quote = true;
		else if (c == '(')
			depth++;
		else if (c == '<')
			angle = true;
		else if (c == ':')
			start = p + 1;     /* a group: "Team: a@x, b@y;" */
	}
	return 0;
}

/* ---- envelope ---- */

void
compose_strv_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void
strv_add_unique(char ***v, size_t *n, const char *s)
{
	for (size_t i = 0; i < *n; i++)
		if (strcasecmp((*v)[i], s) == 0)
			return;
	*v = xreallocarray(*v, *n + 1, sizeof(**v));
	(*v)[(*n)++] = xstrdup(s);
}

int
compose_envelope(const struct compose_mail *m, char ***rcpts, size_t *n, char **err)
{
	char **v = NULL;
	size_t k = 0;

	*rcpts = NULL;
	*n = 0;
	*err = NULL;
	if (m->nto == 0) {
		*err = xstrdup("no recipient");
		return -1;
	}
	if (check_list(m->to, m->nto, "to", err) != 0 || check_list(m->cc, m->ncc, "cc", err) != 0)
		return -1;
	for (size_t i = 0; i < m->nto; i++)
		strv_add_unique(&v, &k, m->to[i].addr);
	for (size_t i = 0; i < m->ncc; i++)
		strv_add_unique(&v, &k, m->cc[i].addr);
	*rcpts = v;
	*n = k;
	return 0;
}

/* One unfolded header field: its addresses when it is To, Cc or Bcc. */
static int
envelope_field(const char *f, struct compose_addrs *list, char **err)
{
	if (str_case_has_prefix(f, "to:") || str_case_has_prefix(f, "cc:") ||
	    str_case_has_prefix(f, "bcc:"))
		return compose_parse_addresses(strchr(f, ':') + 1, list, err);
	return 0;
}

int
compose_envelope_from_message(const char *msg, size_t len, char ***rcpts, size_t *n,
			      char **err)
{
	struct compose_addrs list = { 0 };
	struct buf field = { 0 };
	const char *p = msg, *end = msg + len;
	char **v = NULL;
	size_t k = 0;
	int rc = -1;

	*rcpts = NULL;
	*n = 0;
	*err = NULL;
	/* walk the header fields, unfolding each, up to the blank line */
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t l = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);
		size_t tl = l > 0 && p[l - 1] == '\r' ? l - 1 : l;
		bool cont = tl > 0 && (p[0] == ' ' || p[0] == '\t');

		if (!cont && field.len > 0) {
			if (envelope_field(field.data, &list, err) != 0)
				goto out;
			buf_reset(&field);
		}
		if (tl == 0)
			break;
		buf_add(&field, p, tl);
		p += l + (nl != NULL);
	}
	if (field.len > 0 && envelope_field(field.data, &list, err) != 0)
		goto out;
	for (size_t i = 0; i < list.n; i++)
		strv_add_unique(&v, &k, list.v[i].addr);
	if (k == 0) {
		*err = xstrdup("the message has no To, Cc or Bcc address");
		goto out;
	}
	*rcpts = v;
	*n = k;
	v = NULL;
	k = 0;
	rc = 0;
out:
	compose_strv_free(v, k);
	compose_addrs_free(&list);
	buf_free(&field);
	return rc;
}

/* Does the header line p (tl bytes, not terminated) start with name? */
static bool
stamp_is(const char *p, size_t tl, const char *name)
{
	size_t n = strlen(name);

	return tl >= n && strncasecmp(p, name, n) == 0;
}

int
compose_stamp(const char *msg, size_t len, time_t date, const char *timezone,
		const char *message_id, struct buf *out, char **err)
{
	const char *p = msg, *end = msg + len;
	char when[64];
	bool have_date = false, have_id = false, skip = false;
	struct buf b = { 0 };

	*err = NULL;
	if (message_id == NULL || !compose_msgid_valid(message_id)) {
		*err = xstrdup("message_id: not a valid message id");
		return -1;
	}
	when_format_rfc5322(date, timezone, when, sizeof(when));
	/* The header: each field with its continuation lines, up to the
	 * blank line; Date and Message-ID are written anew. */
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t l = nl != NULL ? (size_t)(nl - p) + 1 : (size_t)(end - p);
		size_t tl = nl != NULL ? (size_t)(nl - p) : l;

		if (tl > 0 && p[tl - 1] == '\r')
			tl--;

		if (tl == 0)
			break;          /* the blank line: the body follows */
		if (p[0] == ' ' || p[0] == '\t') {
			if (!skip)
				buf_add(&b, p, l);
		} else if (stamp_is(p, tl, "date:")) {
			if (!have_date)
				buf_addf(&b, "Date: %s\r\n", when);
			have_date = skip = true;
		} else if (stamp_is(p, tl, "message-id:")) {
			if (!have_id)
				buf_addf(&b, "Message-ID: %s\r\n", message_id);
			have_id = skip = true;
		} else {
			skip = false;
			buf_add(&b, p, l);
		}
		p += l;
	}
	if (b.len > 0 && b.data[b.len - 1] != '\n')
		buf_add(&b, "\r\n", 2);       /* a header without a line end at the end */
	if (!have_date)
		buf_addf(&b, "Date: %s\r\n", when);
	if (!have_id)
		buf_addf(&b, "Message-ID: %s\r\n", message_id);
	buf_add(&b, p, (size_t)(end - p));
	buf_add(out, b.data, b.len);
	buf_free(&b);
	return 0;
}
