/*
 * detect_text: the text views recognition reads (see detect_int.h): the
 * mail's prose gathered from its parts, quoted replies cut, hard-wrapped
 * lines joined, lower-cased and URL-blanked copies at the same offsets;
 * and the small, bounded string scans every other topic uses (whole-word
 * phrase search, sentences, header-quoting lines).  Every scan is bounded
 * by the string it walks: the text is hostile.
 */
#include "autoconfig.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "detect_int.h"
#include "ics.h"
#include "lexicon.h"
#include "utf8.h"
#include "matcher.h"
#include "message.h"
#include "parties.h"
#include "util.h"

bool is_word_byte(unsigned char c)
{
	return isalnum(c) || c >= 0x80;
}

/* Does phrase (n > 0 bytes) at p stand as a whole word or phrase in the
 * text searched from low? */
static bool whole_at(const char *low, const char *p, const char *phrase, size_t n)
{
	bool left = p == low || !is_word_byte((unsigned char)p[-1]) ||
	    !is_word_byte((unsigned char)phrase[0]);
	bool right = !is_word_byte((unsigned char)p[n]) ||
	    !is_word_byte((unsigned char)phrase[n - 1]);

	return left && right;
}

const char *find_phrase(const char *low, const char *phrase)
{
	const char *p = low;
	size_t n = strlen(phrase);

	if (n == 0)
		return NULL;
	while ((p = strstr(p, phrase)) != NULL) {
		if (whole_at(low, p, phrase, n))
			return p;
		p++;
	}
	return NULL;
}

struct whole_arg {
	const char *low;
	const struct lexicon *l;
};

static bool whole_word(size_t k, size_t at, void *arg)
{
	const struct whole_arg *a = arg;

	return whole_at(a->low, a->low + at, a->l->w[k], strlen(a->l->w[k]));
}

const char *find_any(const char *low, const struct lexicon *l)
{
	struct whole_arg a = { low, l };
	size_t k, at;

	return matcher_first(lex_matcher(l), low, whole_word, &a, &k, &at) ? low + at : NULL;
}

/* lex_hits_find: every occurrence, in the order found (by where it ends). */
struct hit_list {
	size_t *k, *at, n, cap;
};

static bool hit_add(size_t k, size_t at, void *arg)
{
	struct hit_list *hl = arg;

	if (hl->n == hl->cap) {
		hl->cap = hl->cap ? hl->cap * 2 : 64;
		hl->k = xreallocarray(hl->k, hl->cap, sizeof(*hl->k));
		hl->at = xreallocarray(hl->at, hl->cap, sizeof(*hl->at));
	}
	hl->k[hl->n] = k;
	hl->at[hl->n++] = at;
	return false;
}

void lex_hits_find(struct lex_hits *h, const char *text, const struct lexicon *l)
{
	struct hit_list hl = { 0 };
	size_t *fill;

	matcher_each(lex_matcher(l), text, hit_add, &hl);
	h->text = text;
	h->l = l;
	h->at = xcalloc(hl.n, sizeof(*h->at));
	h->first = xcalloc(l->n + 1, sizeof(*h->first));
	/* word by word; a word's own occurrences came in ascending order */
	for (size_t i = 0; i < hl.n; i++)
		h->first[hl.k[i] + 1]++;
	for (size_t k = 0; k < l->n; k++)
		h->first[k + 1] += h->first[k];
	fill = xcalloc(l->n, sizeof(*fill));
	for (size_t i = 0; i < hl.n; i++)
		h->at[h->first[hl.k[i]] + fill[hl.k[i]]++] = hl.at[i];
	free(fill);
	free(hl.k);
	free(hl.at);
}

const char *lex_hits_next(const struct lex_hits *h, size_t k, const char *from, bool whole)
{
	const char *w = h->l->w[k];
	size_t lo = h->first[k], hi = h->first[k + 1], off = (size_t)(from - h->text);

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (h->at[mid] < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < h->first[k + 1]; lo++) {
		const char *p = h->text + h->at[lo];

		if (!whole || whole_at(from, p, w, strlen(w)))
			return p;
	}
	return NULL;
}

void lex_hits_free(struct lex_hits *h)
{
	free(h->at);
	free(h->first);
	memset(h, 0, sizeof(*h));
}

bool capital_at(const char *s)
{
	return isupper((unsigned char)s[0]) || utf8_latin_capital(s);
}

/* Case-insensitive whole-word search (ASCII). */
size_t skip_list_marks(const char *s, size_t i)
{
	for (;;) {
		if (s[i] == ' ' || s[i] == '\t' || s[i] == '*' || s[i] == '-')
			i++;
		else if (strncmp(s + i, "\xe2\x80\xa2", 3) == 0)
			i += 3;
		else
			return i;
	}
}

bool has_word_ci(const char *s, const char *w)
{
	const char *p = s;
	size_t n = strlen(w);

	while ((p = str_casestr(p, w)) != NULL) {
		if ((p == s || !isalpha((unsigned char)p[-1])) && !isalpha((unsigned char)p[n]))
			return true;
		p += n;
	}
	return false;
}

char *lower_dup(const char *s)
{
	char *r = xstrdup(s ? s : "");

	for (char *p = r; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return r;
}

bool str_ieq(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcasecmp(a, b) == 0;
}

/* Equal ignoring case, blanks and punctuation. */
bool squash_eq(const char *a, const char *b)
{
	for (;;) {
		while (*a && !isalnum((unsigned char)*a))
			a++;
		while (*b && !isalnum((unsigned char)*b))
			b++;
		if (*a == '\0' || *b == '\0')
			return *a == *b;
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return false;
		a++;
		b++;
	}
}

char *dup_or_null(const char *s)
{
	return s != NULL && *s != '\0' ? xstrdup(s) : NULL;
}

/* Collapse blanks, trim, and drop surrounding quotes and punctuation. */
char *clean_phrase(const char *s, size_t n)
{
	struct buf b = { 0 };
	bool space = false;
	size_t i;
	char *r;

	for (i = 0; i < n && s[i]; i++) {
		unsigned char c = (unsigned char)s[i];

		if (isspace(c)) {
			space = b.len > 0;
			continue;
		}
		if (space)
			buf_addc(&b, ' ');
		space = false;
		buf_addc(&b, (char)c);
	}
	r = buf_steal(&b);
	/* trailing punctuation and quotes, and an "&" cut from its other half */
	n = strlen(r);
	while (n > 0 && strchr(" .,;:!?\"'()[]-|*&", r[n - 1]) != NULL)
		r[--n] = '\0';
	while (r[0] != '\0' && strchr(" ,;:\"'([*|-", r[0]) != NULL)
		memmove(r, r + 1, strlen(r));
	return r;
}

/* The sender's UTC offset from a Date header: the last [+-]hhmm token. */
int date_offset(const char *raw)
{
	const char *p, *best = NULL;

	if (raw == NULL)
		return 0;
	for (p = raw; *p; p++) {
		if ((*p == '+' || *p == '-') && isdigit((unsigned char)p[1]) &&
		    isdigit((unsigned char)p[2]) && isdigit((unsigned char)p[3]) &&
		    isdigit((unsigned char)p[4]) && !isdigit((unsigned char)p[5]))
			best = p;
	}
	if (best == NULL)
		return 0;
	{
		int h = (best[1] - '0') * 10 + (best[2] - '0');
		int m = (best[3] - '0') * 10 + (best[4] - '0');
		int off = h * 3600 + m * 60;

		if (h > 14 || m > 59)
			return 0;
		return best[0] == '-' ? -off : off;
	}
}

/* The line that opens a forwarded or quoted original mail, in the six
 * languages; lower case, matched at a line's start after dashes. */
static const char *const forward_marks[] = {
	"forwarded message", "begin forwarded message", "original message", "original appointment",
	"weitergeleitete nachricht", "urspr\xc3\xbcngliche nachricht",
	"message transf\xc3\xa9r\xc3\xa9", "message d'origine", "mensaje reenviado",
	"mensaje original", "mensagem encaminhada", "mensagem original",
	"doorgestuurd bericht", "oorspronkelijk bericht",
};

static bool reply_header_block(const char *line);

/* A subject that forwards ("FW:", "Fwd:", "WG:", "TR:", "RV:", "Enc:"). */
static bool forward_subject(const char *subj_low)
{
	static const char *const fw[] = { "fw:", "fwd:", "wg:", "tr:", "rv:", "enc:", "doorst:" };

	for (size_t k = 0; k < ARRAY_LEN(fw); k++)
		if (str_has_prefix(subj_low, fw[k]))
			return true;
	return false;
}

bool forward_block(const struct ctx *c, size_t *start, size_t *body)
{
	const char *l = c->llow;
	size_t pos = 0;
	/* Outlook forwards with the original's header block alone ("From:
	 * ...\nSent: ...\nTo: ...\nSubject: ..."), no mark before it */
	bool outlook = c->subj_low != NULL && forward_subject(c->subj_low);

	while (l[pos]) {
		size_t i = pos, k, e = pos;

		while (l[e] && l[e] != '\n')
			e++;
		while (l[i] == ' ' || l[i] == '-' || l[i] == '\t')
			i++;
		for (k = 0; k < ARRAY_LEN(forward_marks) + outlook && e - pos < 120; k++) {
			if (k < ARRAY_LEN(forward_marks) ? str_has_prefix(l + i, forward_marks[k]) :
			    reply_header_block(l + i)) {
				size_t b = e, n = 0;

				/* the quoted header: up to the first blank line
				 * (after the blank lines Apple Mail puts first) */
				while (l[b] == '\n' && l[b + 1] == '\n')
					b++;
				while (l[b] == '\n' && l[b + 1] != '\n' && l[b + 1] && n++ < 10) {
					b++;
					while (l[b] && l[b] != '\n')
						b++;
				}
				*start = pos;
				*body = b;
				return true;
			}
		}
		pos = l[e] ? e + 1 : e;
	}
	return false;
}

bool forward_header(const struct ctx *c, size_t start, size_t body, const char *const *names,
    size_t n, size_t *vs, size_t *ve)
{
	size_t pos = start;

	while (pos < body) {
		size_t e = pos, i = pos, k;

		while (e < body && c->llow[e] != '\n')
			e++;
		while (i < e && (c->llow[i] == ' ' || c->llow[i] == '*' || c->llow[i] == '>'))
			i++;
		for (k = 0; k < n; k++) {
			if (str_has_prefix(c->llow + i, names[k])) {
				*vs = i + strlen(names[k]);
				while (*vs < e && c->ltext[*vs] == ' ')
					(*vs)++;
				*ve = e;
				return *ve > *vs;
			}
		}
		pos = e + 1;
	}
	return false;
}

bool forward_sender(const struct ctx *c, char **name, char **email)
{
	static const char *const from[] = { "from:", "von:", "de :", "de:", "van:" };
	size_t start, body, vs, ve, a, b;
	const char *t = c->ltext;
	char *at;

	*name = *email = NULL;
	if (!forward_block(c, &start, &body) ||
	    !forward_header(c, start, body, from, ARRAY_LEN(from), &vs, &ve))
		return false;
	if ((at = memchr(t + vs, '@', ve - vs)) == NULL)
		return false;
	a = b = (size_t)(at - t);
	while (a > vs && (isalnum((unsigned char)t[a - 1]) || strchr("._-+", t[a - 1]) != NULL))
		a--;
	while (b + 1 < ve && (isalnum((unsigned char)t[b + 1]) || t[b + 1] == '.' || t[b + 1] == '-'))
		b++;
	while (b > a && t[b] == '.')
		b--;
	if (a == (size_t)(at - t) || b == (size_t)(at - t))
		return false;
	*email = xstrndup(t + a, b - a + 1);
	str_lower(*email);
	/* the name: before "<", "[" or "(" ("Ada Brooks <ada@x>") */
	{
		size_t e = vs;

		while (e < a && t[e] != '<' && t[e] != '[' && t[e] != '(')
			e++;
		if (e < a)
			*name = clean_phrase(t + vs, e - vs);
		if (*name != NULL && **name == '\0') {
			free(*name);
			*name = NULL;
		}
	}
	return true;
}

/* A line of a quoted header block: a label of letters (and blanks,
 * Outlook's bold stars) and a colon near its start ("Sent:", "Aan:",
 * "Envoyé :", "*Subject:*"). */
static bool header_field_line(const char *t, size_t n)
{
	size_t i = 0;

	while (i < n && i < 24 && (isalpha((unsigned char)t[i]) || t[i] == ' ' || t[i] == '*' ||
	    (unsigned char)t[i] >= 0x80))
		i++;
	return i > 1 && i < n && t[i] == ':';
}

/* Does a quoted mail's header block start at line ("From: Ada <ada@x>"
 * with "Sent:" or "Date:" on one of the next two lines, in the languages
 * Outlook writes them)?  The mail replied to, not the sender's words. */
static bool reply_header_block(const char *line)
{
	static const char *const from[] = { "from:", "von:", "de :", "de:", "van:" };
	const char *l = line;
	size_t k, nl;

	for (k = 0; k < ARRAY_LEN(from) && !str_case_has_prefix(line, from[k]); k++)
		;
	if (k == ARRAY_LEN(from))
		return false;
	for (nl = 0; nl < 2; nl++) {
		if ((l = strchr(l, '\n')) == NULL)
			return false;
		l++;
		while (*l == ' ' || *l == '\t' || *l == '*')
			l++;
		for (k = 0; k < lex_quoted_date_labels.n; k++)
			if (str_case_has_prefix(l, lex_quoted_date_labels.w[k]))
				return true;
	}
	return false;
}

/* Is the line (quote marks taken off) the header of a quoted mail: "On
 * ... wrote:" and its translations ("Am ... schrieb X <x@y>:", "Le ...
 * a écrit :", "El ... escribió:", "Em ... escreveu:", "Op ... schreef
 * X:", "Il giorno ... ha scritto:"), "-----Original Message-----", a
 * From:/Sent: block? */
/* Outlook's line above a quoted mail ("-----Original Message-----"), in
 * the languages read; its From:/Sent: block follows. */
static bool original_marker(const char *t)
{
	return str_case_has_prefix(t, "-----Original Message") ||
	    str_case_has_prefix(t, "----- Original Message") ||
	    str_case_has_prefix(t, "-----Original Appointment") ||
	    str_case_has_prefix(t, "-----Message d'origine") ||
	    str_case_has_prefix(t, "-----Urspr\xc3\xbcngliche Nachricht") ||
	    str_case_has_prefix(t, "-----Mensaje original") ||
	    str_case_has_prefix(t, "-----Mensagem original") ||
	    str_case_has_prefix(t, "-----Oorspronkelijk bericht");
}

static bool quote_header(const char *t, size_t n)
{
	static const struct {
		const char *lead, *verb;
	} says[] = {
		{ "On ", " wrote" }, { "Am ", " schrieb" }, { "Le ", " a \xc3\xa9\x63rit" },
		{ "El ", " escribi\xc3\xb3" }, { "Em ", " escreveu" }, { "No dia ", " escreveu" },
		{ "Op ", " schreef" },
		{ "Il ", " ha scritto" }, { "W dniu ", " napisa" },
	};
	const char *w = t + n;
	size_t k;

	if (original_marker(t) || reply_header_block(t))
		return true;
	while (w > t && isspace((unsigned char)w[-1]))
		w--;
	if (n <= 6 || n >= 300 || w - t <= 6 || w[-1] != ':')
		return false;
	for (k = 0; k < ARRAY_LEN(says); k++) {
		char *line;
		bool hit;

		if (!str_case_has_prefix(t, says[k].lead))
			continue;
		line = xstrndup(t, (size_t)(w - t));
		hit = str_casestr(line, says[k].verb) != NULL;
		free(line);
		if (hit)
			return true;
	}
	return false;
}

/* Append text to the haystack, cutting quoted replies ("> ...", "On ...
 * wrote:", "-----Original Message-----", a "From:/Sent:" block) unless
 * keep_quotes. */
void add_prose(struct buf *b, const char *s, bool keep_quotes)
{
	const char *line = s;

	if (s == NULL)
		return;
	while (*line && b->len < MAX_TEXT) {
		const char *e = strchr(line, '\n');
		size_t n = e ? (size_t)(e - line) : strlen(line);
		const char *t = line;

		while (t < line + n && (*t == ' ' || *t == '\t'))
			t++;
		if (!keep_quotes) {
			if (*t == '>')
				goto next;
			/* "On Tue, 2 Mar 2027 at 10:00, Ada <ada@x> wrote:" */
			if (quote_header(t, n - (size_t)(t - line)))
				break;
		}
		buf_add(b, line, n);
		buf_addc(b, '\n');
next:
		if (e == NULL)
			break;
		line = e + 1;
	}
}

/* Does the quote header at line (its first line, and the next few for
 * an Outlook block) name one of addrs[0..n)? */
static bool quote_header_names(const char *line, const char *const *addrs, size_t n_addrs)
{
	size_t n = 0;
	const char *e = line;
	char *head;
	bool named = false;

	/* the author's line: this one ("On ... X <x@y> wrote:"), or in a
	 * From:/Sent: block, under Outlook's marker too, its From: line
	 * alone (its To: names the user in the writer's own mail) */
	if (original_marker(line)) {
		const char *nl = strchr(line, '\n');

		for (int k = 0; k < 3 && nl != NULL; k++) {
			const char *l = nl + 1;

			while (*l == ' ' || *l == '\t' || *l == '>' || *l == '*')
				l++;
			if (reply_header_block(l)) {
				line = l;
				break;
			}
			nl = strchr(l, '\n');
		}
	}
	e = strchr(line, '\n');
	e = e != NULL ? e : line + strlen(line);
	n = (size_t)(e - line);
	head = xstrndup(line, n > 600 ? 600 : n);
	str_lower(head);
	for (size_t i = 0; i < n_addrs && !named; i++) {
		char *a = lower_dup(addrs[i]);

		named = *a != '\0' && strstr(head, a) != NULL;
		free(a);
	}
	free(head);
	return named;
}

char *user_quote_thread(const struct message *m, const struct detect_opts *o, const char *writer)
{
	char *body = message_body_text(m);
	const char *line = body;
	struct buf b = { 0 };
	int state = 0;   /* 0 the newest words, 1 the user's quoted mail, 2 the
	                    writer's mail the user answered */
	bool after_marker = false, in_header = false;

	while (line != NULL && *line && b.len < MAX_TEXT) {
		const char *e = strchr(line, '\n');
		size_t n = e ? (size_t)(e - line) : strlen(line);
		const char *t = line;

		while (t < line + n && (*t == ' ' || *t == '\t' || *t == '>'))
			t++;
		/* the rest of a From:/Sent:/To:/Subject: block: the quoted
		 * mail's header, not its words (its "Sent: Wednesday 2
		 * December 2026 19:02" is no meeting) */
		if (in_header && header_field_line(t, n - (size_t)(t - line))) {
			line = e ? e + 1 : NULL;
			continue;
		}
		in_header = false;
		/* the From:/Sent: block under Outlook's marker line is the
		 * marker's own header, not another quoted mail */
		if (after_marker && reply_header_block(t)) {
			after_marker = false;
			in_header = true;
			line = e ? e + 1 : NULL;
			continue;
		}
		if (n - (size_t)(t - line) > 0)
			after_marker = false;
		if (quote_header(t, n - (size_t)(t - line))) {
			if (state == 0 && !quote_header_names(t, o->my_addresses, o->n_my_addresses))
				break;   /* the newest quoted mail is not the user's */
			if (state == 2 || (state == 1 && (writer == NULL ||
			    !quote_header_names(t, &writer, 1))))
				break;   /* the mail the user answered, not the writer's */
			state++;
			after_marker = original_marker(t);
			in_header = reply_header_block(t);
		} else if (state >= 1) {
			buf_add(&b, t, n - (size_t)(t - line));
			buf_addc(&b, '\n');
		}
		line = e ? e + 1 : NULL;
	}
	free(body);
	if (b.data == NULL)
		return NULL;
	return buf_steal(&b);
}

char *user_quote(const struct message *m, const struct detect_opts *o)
{
	return user_quote_thread(m, o, NULL);
}

void collect_text(struct ctx *c, const struct message *m, struct buf *b, int depth)
{
	char *body;
	bool fwd = str_case_has_prefix(m->subject, "fwd:") || str_case_has_prefix(m->subject, "fw:") ||
	    str_case_has_prefix(m->subject, "tr:") || str_case_has_prefix(m->subject, "wg:") ||
	    str_case_has_prefix(m->subject, "vb:") || str_case_has_prefix(m->subject, "vs:");
	size_t i;

	buf_adds(b, m->subject);
	buf_adds(b, "\n\n");
	body = message_body_text(m);
	add_prose(b, body, fwd);
	free(body);
	buf_adds(b, "\n\n");
	if (depth < 3) {
		for (i = 0; i < m->nattached; i++)
			collect_text(c, m->attached[i], b, depth + 1);
	}
}

/* First calendar part in m or its attached messages. */
const struct msg_part *find_calendar(const struct message *m, int depth)
{
	size_t i;
	const struct msg_part *p;

	for (i = 0; i < m->nparts; i++) {
		if (m->parts[i].kind == MSG_PART_CALENDAR && m->parts[i].len > 0)
			return &m->parts[i];
	}
	if (depth < 3) {
		for (i = 0; i < m->nattached; i++) {
			if ((p = find_calendar(m->attached[i], depth + 1)) != NULL)
				return p;
		}
	}
	return NULL;
}

/* Word at p (lower-case) equal to w, followed by a non-letter. */
bool word_at(const char *p, const char *w)
{
	size_t n = strlen(w);

	return strncmp(p, w, n) == 0 && !isalpha((unsigned char)p[n]);
}

size_t skip_blank(const char *p, size_t i)
{
	while (p[i] == ' ' || p[i] == '\t' || p[i] == ',')
		i++;
	return i;
}

/* Is pos on a line that quotes mail headers ("Sent: ...", or "Date: ..."
 * next to a "From:"/"Subject:" line) or a submission stamp? */
bool header_line(const char *low, size_t pos)
{
	size_t s = pos, a, e;
	int k;

	/* header lines are short: far from a line start is prose */
	while (s > 0 && low[s - 1] != '\n' && pos - s < 200)
		s--;
	if (s > 0 && low[s - 1] != '\n')
		return false;
	while (low[s] == ' ' || low[s] == '*' || low[s] == '>')
		s++;
	if (str_has_prefix(low + s, "sent:") || str_has_prefix(low + s, "envoy") ||
	    str_has_prefix(low + s, "gesendet:") || str_has_prefix(low + s, "skickat:") ||
	    str_has_prefix(low + s, "l\xc3\xa4hetetty:") || str_has_prefix(low + s, "submitted") ||
	    str_has_prefix(low + s, "applied on") || str_has_prefix(low + s, "received:") ||
	    /* Outlook's Spanish, Portuguese and Dutch: "Enviado el:", "Enviada em:" */
	    str_has_prefix(low + s, "enviado") || str_has_prefix(low + s, "enviada") ||
	    str_has_prefix(low + s, "verzonden:"))
		return true;
	if (!str_has_prefix(low + s, "date:") && !str_has_prefix(low + s, "datum:"))
		return false;
	/* a header block: From:/Subject:/To: within two lines either side */
	a = s;
	for (k = 0; k < 2 && a > 0; k++) {
		a--;
		while (a > 0 && low[a - 1] != '\n')
			a--;
	}
	e = s;
	for (k = 0; k < 3 && low[e]; k++) {
		e += strcspn(low + e, "\n");
		if (low[e])
			e++;
	}
	{
		char *blk = xstrndup(low + a, e - a);
		bool r = strstr(blk, "from:") != NULL || strstr(blk, "subject:") != NULL ||
		    strstr(blk, "\nto:") != NULL;

		free(blk);
		return r;
	}
}

bool paragraph_between(const char *low, size_t a, size_t b)
{
	size_t i;

	if (a > b) {
		size_t t = a;

		a = b;
		b = t;
	}
	for (i = a; i < b; i++) {
		if (low[i] == '\n' && low[i + 1] == '\n')
			return true;
	}
	return false;
}

/* Does the line holding pos start with word (after blanks and "*")? */
bool line_starts_with(const char *llow, size_t pos, const char *word)
{
	size_t s = pos;

	while (s > 0 && llow[s - 1] != '\n' && pos - s < 200)
		s--;
	while (llow[s] == ' ' || llow[s] == '*' || llow[s] == '\t')
		s++;
	return str_has_prefix(llow + s, word);
}

/* Is the '.' at low[i] the end of a day's number ("am 10. Dezember"):
 * one or two digits after a blank or the start, a blank and a letter
 * after it? */
static bool ordinal_dot(const char *low, size_t i)
{
	size_t k = i;

	while (k > 0 && i - k < 3 && isdigit((unsigned char)low[k - 1]))
		k--;
	/* the closing dot of a day and month: "bis zum 22.12. melden wir uns" */
	if (k < i && i - k <= 2 && k >= 2 && low[k - 1] == '.' && isdigit((unsigned char)low[k - 2])) {
		size_t d = k - 1;

		while (d > 0 && k - 1 - d < 3 && isdigit((unsigned char)low[d - 1]))
			d--;
		if (k - 1 - d <= 2 && (d == 0 || low[d - 1] == ' '))
			k = d;
	}
	return k < i && (i - k <= 2 || (i - k <= 5 && low[k + 1] == '.') || (i - k <= 5 && low[k + 2] == '.')) &&
	    (k == 0 || low[k - 1] == ' ') && low[i + 1] == ' ' && isalpha((unsigned char)low[i + 2]);
}

/* Is the '.' at low[i] the end of an honorific ("Eng. Rui Tavares", "Dr.
 * Hartl"), a name following? */
static bool title_dot(const char *low, size_t i)
{
	size_t k = i;

	while (k > 0 && i - k < 6 && isalpha((unsigned char)low[k - 1]))
		k--;
	return k < i && (k == 0 || !is_word_byte((unsigned char)low[k - 1])) && low[i + 1] == ' ' &&
	    lex_word_is(&lex_honorifics, low + k, i - k);
}

/* Is the '.' at low[i] one of "i.e." or "e.g." ("the interview scheduled
 * for tomorrow i.e. 15th Dec'26 stands cancelled"), which never end a
 * sentence? */
static bool latin_dot(const char *low, size_t i)
{
	size_t k = i;

	while (k > 0 && (isalpha((unsigned char)low[k - 1]) || low[k - 1] == '.') && i - k < 4)
		k--;
	if (k > 0 && is_word_byte((unsigned char)low[k - 1]))
		return false;
	return (strncmp(low + k, "i.e.", 4) == 0 || strncmp(low + k, "e.g.", 4) == 0) &&
	    i >= k + 1 && i <= k + 3;
}

/* Does the '.' at low[i] end a sentence: no day's number or honorific
 * before it? */
static bool full_stop(const char *low, size_t i)
{
	return low[i] == '.' && !ordinal_dot(low, i) && !title_dot(low, i) && !latin_dot(low, i);
}

/* Sentence bounds around pos.  A dot ends one unless it ends a day's
 * number or an honorific (or, looking ahead, a digit follows it). */
void sentence_of(const char *low, size_t pos, size_t *s, size_t *e)
{
	size_t a = pos, b = pos;

	while (a > 0 && !(full_stop(low, a - 1) && !isdigit((unsigned char)low[a])) &&
	    low[a - 1] != '!' && low[a - 1] != '?' &&
	    !(low[a - 1] == '\n' && a >= 2 && low[a - 2] == '\n') && pos - a < 300)
		a--;
	while (low[b] && low[b] != '!' && low[b] != '?' &&
	    !(full_stop(low, b) && !isdigit((unsigned char)low[b + 1])) &&
	    !(low[b] == '\n' && low[b + 1] == '\n') && b - pos < 300)
		b++;
	*s = a;
	*e = b;
}

bool sentence_has(const char *low, size_t pos, const struct lexicon *l)
{
	size_t s, e;
	char *sent;
	bool r;

	sentence_of(low, pos, &s, &e);
	sent = xstrndup(low + s, e - s);
	r = FIND_ANY(sent, *l) != NULL;
	free(sent);
	return r;
}

/* The first of words[0..n) standing at p as a whole word: its length (the
 * offset to go on from, never past what matched), or 0. */
size_t word_of(const char *p, const char *const *words, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (word_at(p, words[k]))
			return strlen(words[k]);
	return 0;
}

/* The word ending right before pos in low (lower-case), into w. */
void word_before(const char *low, size_t pos, char *w, size_t wlen)
{
	size_t e = pos, s;

	while (e > 0 && low[e - 1] == ' ')
		e--;
	s = e;
	/* "fp&a", "m&a", "r&d": an "&" between letters is the word's */
	while (s > 0 && (isalnum((unsigned char)low[s - 1]) || low[s - 1] == '-' ||
	    (low[s - 1] == '&' && s >= 2 && isalnum((unsigned char)low[s - 2]) && s < e &&
	    isalnum((unsigned char)low[s]))))
		s--;
	if (e - s >= wlen)
		s = e - (wlen - 1);
	memcpy(w, low + s, e - s);
	w[e - s] = '\0';
}

size_t phrase_ending_at(const char *s, size_t lo, size_t pos, const char *const *words, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		size_t l = strlen(words[k]);

		if (pos >= lo + l && memcmp(s + pos - l, words[k], l) == 0 &&
		    (pos == lo + l || !is_word_byte((unsigned char)s[pos - l - 1])))
			return k + 1;
	}
	return 0;
}

/* Blank out URLs (same length) so "meetup-join" or "/interview-tips" in
 * a link does not count as wording. */
void blank_urls(char *s)
{
	char *p = s;

	while ((p = strstr(p, "http")) != NULL) {
		if (strncmp(p, "http://", 7) != 0 && strncmp(p, "https://", 8) != 0) {
			p += 4;
			continue;
		}
		while (*p && !isspace((unsigned char)*p) && *p != '<' && *p != '>' && *p != '"')
			*p++ = ' ';
	}
}

/* Join hard-wrapped lines: a single line break becomes a space (same
 * length, so offsets stay valid); blank lines (paragraphs) stay. */
void flatten(char *s)
{
	size_t i;

	for (i = 0; s[i]; i++) {
		if (s[i] == '\n' && (i == 0 || s[i - 1] != '\n') && s[i + 1] != '\n' && s[i + 1] != '\0')
			s[i] = ' ';
	}
}

void add_nbsp_spaces(char *s)
{
	for (; *s; s++) {
		if ((unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0) {
			s[0] = ' ';
			s[1] = ' ';
		} else if ((unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
		    ((unsigned char)s[2] == 0xAF || (unsigned char)s[2] == 0x89)) {
			/* narrow no-break and thin spaces ("10:30\u202fAM") */
			s[0] = ' ';
			s[1] = ' ';
			s[2] = ' ';
		} else if ((unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
		    ((unsigned char)s[2] == 0x99)) {
			/* curly apostrophe: keep bytes, prose matching uses both */
		}
	}
}

/* The text views of m: the prose of its parts (quoted replies cut unless
 * forwarded), then the calendar event's summary, location and
 * description; and every address seen with its display name. */
void ctx_open(struct ctx *c, const struct message *m, const struct detect_opts *opts)
{
	struct buf tb = { 0 };
	const struct msg_part *calp;
	char *text;
	time_t t;
	size_t i;

	memset(c, 0, sizeof(*c));
	c->m = m;
	c->o = opts;
	c->ref = m->has_date ? m->date : opts->now;
	c->ref_off = date_offset(m->date_raw);
	t = c->ref + c->ref_off;
	gmtime_r(&t, &c->ref_tm);

	calp = find_calendar(m, 0);
	/* a bare .ics file given to `followupctl scan` */
	if (calp == NULL && m->nparts == 1 && m->parts[0].kind == MSG_PART_TEXT &&
	    m->parts[0].text != NULL) {
		const char *body = m->parts[0].text;

		while (*body == ' ' || *body == '\n' || *body == '\r' || *body == '\t')
			body++;
		if (str_case_has_prefix(body, "BEGIN:VCALENDAR"))
			calp = &m->parts[0];
	}
	if (calp != NULL) {
		c->cal = ics_parse(calp->text, calp->len, opts->timezone);
		c->ev = ics_main_event(c->cal);
		c->method = c->cal ? c->cal->method : ICS_METHOD_NONE;
		if (c->method == ICS_METHOD_NONE && calp->method != NULL) {
			if (strcasecmp(calp->method, "CANCEL") == 0)
				c->method = ICS_METHOD_CANCEL;
			else if (strcasecmp(calp->method, "REPLY") == 0)
				c->method = ICS_METHOD_REPLY;
			else if (strcasecmp(calp->method, "REQUEST") == 0)
				c->method = ICS_METHOD_REQUEST;
		}
	}

	/* fuzz: m->parts is NULL when the mail has no leaf part (only an
	 * attached message); &m->parts[0] would then be UB (NULL + 0). */
	if (calp == NULL || m->nparts == 0 || calp != &m->parts[0] ||
	    calp->kind == MSG_PART_CALENDAR)
		collect_text(c, m, &tb, 0);
	else
		buf_addf(&tb, "%s\n\n", m->subject);
	if (c->ev != NULL) {
		struct buf cb = { 0 };

		if (c->ev->summary)
			buf_addf(&cb, "%s\n", c->ev->summary);
		if (c->ev->location)
			buf_addf(&cb, "Location: %s\n", c->ev->location);
		if (c->ev->description)
			buf_addf(&cb, "%s\n", c->ev->description);
		c->cal_low = lower_dup(cb.data ? cb.data : "");
		buf_adds(&tb, "\n\n");
		if (cb.data)
			add_prose(&tb, cb.data, true);
		buf_free(&cb);
	}
	text = buf_steal(&tb);
	if (strlen(text) > MAX_TEXT)
		text[MAX_TEXT] = '\0';
	add_nbsp_spaces(text);
	ctx_set_text(c, text);
	if (c->cal_low != NULL)
		blank_urls(c->cal_low);
	c->subj_low = lower_dup(m->subject);

	know_addrs(c, &m->from);
	know_addrs(c, &m->reply_to);
	know_addrs(c, &m->to);
	know_addrs(c, &m->cc);
	know_addrs(c, &m->sender);
	for (i = 0; i < m->nattached; i++) {
		know_addrs(c, &m->attached[i]->from);
		know_addrs(c, &m->attached[i]->to);
		know_addrs(c, &m->attached[i]->cc);
	}
	c->thread = user_quote_thread(m, opts, m->from.n > 0 ? m->from.v[0].email : NULL);
	c->thread_low = c->thread != NULL ? lower_dup(c->thread) : NULL;
}

void ctx_set_text(struct ctx *c, char *text)
{
	c->ltext = xstrdup(text);
	c->llow = lower_dup(text);
	flatten(text);
	c->text = text;
	c->low = lower_dup(text);
	c->plain = xstrdup(c->low);
	blank_urls(c->plain);
}

void ctx_free_text(struct ctx *c)
{
	free(c->text);
	free(c->low);
	free(c->ltext);
	free(c->llow);
	free(c->plain);
}

void ctx_close(struct ctx *c)
{
	people_free(&c->known);
	ics_free(c->cal);
	ctx_free_text(c);
	free(c->subj_low);
	free(c->cal_low);
	free(c->thread);
	free(c->thread_low);
}

bool last_word_is(const char *name, const char *const *words, size_t n)
{
	const char *last = strrchr(name, ' ');

	if (last == NULL)
		return false;
	for (size_t k = 0; k < n; k++)
		if (strcasecmp(last + 1, words[k]) == 0)
			return true;
	return false;
}
