/*
 * imap_rebuild: imap_fetch_for_recognition (contract in imap.h).  A message
 * that fits max_bytes is downloaded whole.  A bigger one is read in steps:
 * its BODYSTRUCTURE; the header and every part's MIME header; the contents
 * recognition reads (calendar, plain text, HTML, best first) as long as
 * they fit what is left of the budget.  It is then rebuilt as a MIME
 * message with the same tree and multipart subtypes but new random
 * boundaries, every part left out marked "X-Followupd-Omitted: N bytes"
 * with an empty body.  The walk stops at MAX_DEPTH levels and MAX_PARTS
 * nodes (imap_p.h), so a hostile structure costs a bounded amount.
 */
#include "autoconfig.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <time.h>

#include <libetpan/libetpan.h>

#include "imap.h"
#include "imap_p.h"
#include "util.h"

/* Does a parameter of b (Content-Type or Content-Disposition) end in one
 * of the given file name suffixes?  Any parameter, not only "name" and
 * "filename": RFC 2231 continuations spread a name over several. */
static bool
param_suffix(const struct mailimap_body *b, const char *const *suffixes, size_t n)
{
	const struct mailimap_body_type_1part *p = b->bd_data.bd_body_1part;
	const struct mailimap_body_fields *f = NULL;
	const struct mailimap_body_ext_1part *ext;
	clist *lists[2] = { NULL, NULL };

	if (b->bd_type != MAILIMAP_BODY_1PART || p == NULL)
		return false;
	ext = p->bd_ext_1part;
	if (p->bd_type == MAILIMAP_BODY_TYPE_1PART_BASIC)
		f = p->bd_data.bd_type_basic->bd_fields;
	else if (p->bd_type == MAILIMAP_BODY_TYPE_1PART_TEXT)
		f = p->bd_data.bd_type_text->bd_fields;
	if (f != NULL && f->bd_parameter != NULL)
		lists[0] = f->bd_parameter->pa_list;
	if (ext != NULL && ext->bd_disposition != NULL &&
	    ext->bd_disposition->dsp_attributes != NULL)
		lists[1] = ext->bd_disposition->dsp_attributes->pa_list;
	for (size_t l = 0; l < 2; l++)
		for (clistiter *c = lists[l] ? clist_begin(lists[l]) : NULL; c; c = clist_next(c)) {
			const struct mailimap_single_body_fld_param *pa = clist_content(c);
			for (size_t i = 0; pa->pa_value != NULL && i < n; i++)
				if (str_casestr(pa->pa_value, suffixes[i]) != NULL)
					return true;
		}
	return false;
}

int
imap_wanted_rank(const struct mailimap_body *b)
{
	static const char *const cal_types[] = {
		"text/calendar", "application/ics", "text/x-vcalendar",
		"application/calendar", "text/ics", "application/x-ical",
	};
	static const char *const cal_names[] = { ".ics", ".vcs", ".ical" };
	static const char *const txt_names[] = { ".txt" };
	char type[80];

	imap_part_type(b, type, sizeof(type));
	for (size_t i = 0; i < ARRAY_LEN(cal_types); i++)
		if (strcmp(type, cal_types[i]) == 0)
			return 0;
	/* What message.c reads as a calendar or as text by its file name;
	 * a name the structure cannot show plainly is read too. */
	if ((str_has_prefix(type, "application/") || str_has_prefix(type, "text/")) &&
	    param_suffix(b, cal_names, ARRAY_LEN(cal_names)))
		return 0;
	if (strcmp(type, "text/plain") == 0)
		return 1;
	if (strcmp(type, "text/html") == 0 || strcmp(type, "application/xhtml+xml") == 0)
		return 2;
	if (str_has_prefix(type, "text/"))
		return 3;
	if (strcmp(type, "application/octet-stream") == 0 &&
	    param_suffix(b, txt_names, ARRAY_LEN(txt_names)))
		return 3;
	return -1;
}

struct piece *
piece_find(struct rebuild *rb, const char *spec)
{
	for (size_t i = 0; i < rb->npieces; i++)
		if (strcmp(rb->pieces[i].spec, spec) == 0)
			return &rb->pieces[i];
	return NULL;
}

void
piece_want(struct rebuild *rb, const char *spec)
{
	if (piece_find(rb, spec) != NULL)
		return;
	rb->pieces = xreallocarray(rb->pieces, rb->npieces + 1, sizeof(*rb->pieces));
	memset(&rb->pieces[rb->npieces], 0, sizeof(*rb->pieces));
	snprintf(rb->pieces[rb->npieces].spec, sizeof(rb->pieces->spec), "%s", spec);
	rb->npieces++;
}

static void
candidate_add(struct rebuild *rb, const char *spec, const struct mailimap_body *b)
{
	int rank = imap_wanted_rank(b);

	if (rank < 0)
		return;
	rb->cands = xreallocarray(rb->cands, rb->ncands + 1, sizeof(*rb->cands));
	snprintf(rb->cands[rb->ncands].spec, sizeof(rb->cands->spec), "%s", spec);
	rb->cands[rb->ncands].rank = rank;
	rb->cands[rb->ncands].size = imap_part_size(b);
	rb->cands[rb->ncands].order = rb->ncands;
	rb->ncands++;
}

static void
spec_join(char *out, size_t outsz, const char *sec, const char *suffix)
{
	snprintf(out, outsz, "%s%s%s", sec, *sec ? "." : "", suffix);
}

/*
 * Pass 1: which headers the rebuilt message needs, and which contents are
 * candidates.  body is the content of an entity whose children are
 * numbered under sec ("" for the top level).
 */
static void
plan_children(struct rebuild *rb, const struct mailimap_body *b, const char *sec, int depth);

static void
plan_child(struct rebuild *rb, const struct mailimap_body *b, const char *sec, int depth)
{
	char spec[64];

	if (depth > MAX_DEPTH || rb->nodes++ >= MAX_PARTS)
		return;
	spec_join(spec, sizeof(spec), sec, "MIME");
	piece_want(rb, spec);
	if (b->bd_type == MAILIMAP_BODY_MPART) {
		plan_children(rb, b, sec, depth + 1);
	} else if (imap_is_message_part(b)) {
		const struct mailimap_body *inner = b->bd_data.bd_body_1part->bd_data.bd_type_msg->bd_body;
		spec_join(spec, sizeof(spec), sec, "HEADER");
		piece_want(rb, spec);
		if (inner->bd_type == MAILIMAP_BODY_MPART) {
			plan_children(rb, inner, sec, depth + 1);
		} else {
			spec_join(spec, sizeof(spec), sec, "TEXT");
			candidate_add(rb, spec, inner);
		}
	} else {
		candidate_add(rb, sec, b);
	}
}

static void
plan_children(struct rebuild *rb, const struct mailimap_body *b, const char *sec, int depth)
{
	char child[48];
	unsigned i = 1;

	for (clistiter *c = clist_begin(b->bd_data.bd_body_mpart->bd_list); c; c = clist_next(c), i++) {
		imap_section_join(child, sizeof(child), sec, i);
		plan_child(rb, clist_content(c), child, depth);
	}
}

static int
cmp_candidate(const void *a, const void *b)
{
	const struct candidate *x = a, *y = b;

	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	return (x->order > y->order) - (x->order < y->order);
}

struct mailimap_section *
section_from_spec(const char *spec)
{
	clist *ids;
	const char *p = spec;

	if (*spec == '\0')
		return mailimap_section_new(NULL);
	if (strcmp(spec, "HEADER") == 0)
		return mailimap_section_new_header();
	if (strcmp(spec, "TEXT") == 0)
		return mailimap_section_new_text();
	ids = clist_new();
	while (isdigit((unsigned char)*p)) {
		uint32_t *id = mailimap_number_alloc_new((uint32_t)strtoul(p, (char **)&p, 10));
		clist_append(ids, id);
		if (*p != '.')
			break;
		p++;
	}
	struct mailimap_section_part *part = mailimap_section_part_new(ids);
	if (strcmp(p, "MIME") == 0)
		return mailimap_section_new_part_mime(part);
	if (strcmp(p, "HEADER") == 0)
		return mailimap_section_new_part_header(part);
	if (strcmp(p, "TEXT") == 0)
		return mailimap_section_new_part_text(part);
	return mailimap_section_new_part(part);
}

/* The spec string of a section the server returned, as section_from_spec reads it. */
void
spec_from_section(const struct mailimap_section *sec, char *out, size_t outsz)
{
	struct buf b = { 0 };
	const struct mailimap_section_spec *sp = sec ? sec->sec_spec : NULL;
	const struct mailimap_section_msgtext *mt = NULL;

	if (sp == NULL) {
		out[0] = '\0';
		return;
	}
	if (sp->sec_type == MAILIMAP_SECTION_SPEC_SECTION_MSGTEXT) {
		mt = sp->sec_data.sec_msgtext;
	} else if (sp->sec_type == MAILIMAP_SECTION_SPEC_SECTION_PART && sp->sec_data.sec_part) {
		for (clistiter *c = clist_begin(sp->sec_data.sec_part->sec_id); c; c = clist_next(c))
			buf_addf(&b, "%s%u", b.len ? "." : "", *(uint32_t *)clist_content(c));
		if (sp->sec_text != NULL) {
			if (sp->sec_text->sec_type == MAILIMAP_SECTION_TEXT_MIME)
				buf_adds(&b, ".MIME");
			else
				mt = sp->sec_text->sec_msgtext;
			if (mt != NULL)
				buf_addc(&b, '.');
		}
	}
	if (mt != NULL) {
		switch (mt->sec_type) {
		case MAILIMAP_SECTION_MSGTEXT_HEADER: buf_adds(&b, "HEADER"); break;
		case MAILIMAP_SECTION_MSGTEXT_TEXT: buf_adds(&b, "TEXT"); break;
		default: buf_adds(&b, "HEADER.FIELDS"); break;
		}
	}
	snprintf(out, outsz, "%s", b.data ? b.data : "");
	buf_free(&b);
}

/* Download every piece in specs (indexes into rb->pieces) in one UID FETCH. */
static enum imap_result
fetch_pieces(struct imap *im, uint32_t uid, struct rebuild *rb, bool contents,
    const char *what, bool *gone)
{
	struct mailimap_set *set = mailimap_set_new_single(uid);
	struct mailimap_fetch_type *ft = mailimap_fetch_type_new_fetch_att_list_empty();
	clist *result = NULL;
	size_t asked = 0;
	int r;

	mailimap_fetch_type_new_fetch_att_list_add(ft, mailimap_fetch_att_new_uid());
	for (size_t i = 0; i < rb->npieces; i++) {
		struct piece *p = &rb->pieces[i];
		bool is_header = str_has_suffix(p->spec, "MIME") || str_has_suffix(p->spec, "HEADER");
		if (p->have || is_header == contents)
			continue;
		mailimap_fetch_type_new_fetch_att_list_add(ft,
		    mailimap_fetch_att_new_body_peek_section(section_from_spec(p->spec)));
		asked++;
	}
	if (asked == 0) {
		mailimap_set_free(set);
		mailimap_fetch_type_free(ft);
		return IMAP_OK;
	}
	r = mailimap_uid_fetch(im->s, set, ft, &result);
	mailimap_set_free(set);
	mailimap_fetch_type_free(ft);
	if (r != MAILIMAP_NO_ERROR)
		return imap_lib_fail(im, r, what);
	*gone = true;
	for (clistiter *c = clist_begin(result); c; c = clist_next(c)) {
		struct mailimap_msg_att *att = clist_content(c);
		if (imap_att_uid(att) != uid)
			continue;
		*gone = false;
		for (clistiter *d = clist_begin(att->att_list); d; d = clist_next(d)) {
			struct mailimap_msg_att_item *it = clist_content(d);
			struct mailimap_msg_att_body_section *bs;
			char spec[64];
			struct piece *p;

			if (it->att_type != MAILIMAP_MSG_ATT_ITEM_STATIC ||
			    it->att_data.att_static->att_type != MAILIMAP_MSG_ATT_BODY_SECTION)
				continue;
			bs = it->att_data.att_static->att_data.att_body_section;
			spec_from_section(bs->sec_section, spec, sizeof(spec));
			p = piece_find(rb, spec);
			if (p == NULL || p->have)
				continue;
			p->have = true;
			p->len = bs->sec_body_part ? bs->sec_length : 0;
			p->data = xmalloc(p->len + 1);
			if (p->len)
				memcpy(p->data, bs->sec_body_part, p->len);
			p->data[p->len] = '\0';
			rb->fetched += p->len;
		}
	}
	mailimap_fetch_list_free(result);
	return IMAP_OK;
}

static const struct piece *
have_piece(struct rebuild *rb, const char *spec)
{
	struct piece *p = piece_find(rb, spec);
	return (p != NULL && p->have) ? p : NULL;
}

static bool
is_continuation(char c)
{
	return c == ' ' || c == '\t';
}

/*
 * Copy a header block (up to its blank line), leaving out Content-Type when
 * a replacement is given, then add extra lines and the blank line.
 */
static void
put_header(struct buf *out, const struct piece *h, const char *content_type, const char *extra)
{
	const char *p = h ? h->data : "", *end = h ? h->data + h->len : "";
	bool skipping = false;

	if (extra)
		buf_adds(out, extra);
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *next = nl ? nl + 1 : end;
		size_t len = (size_t)(next - p);

		if (len == 1 || (len == 2 && p[0] == '\r'))
			break;      /* the blank line */
		if (!is_continuation(*p))
			skipping = content_type != NULL && strncasecmp(p, "Content-Type:", 13) == 0;
		if (!skipping) {
			buf_add(out, p, nl && (nl == p || nl[-1] != '\r') ? len - 1 : len);
			if (nl && (nl == p || nl[-1] != '\r'))
				buf_adds(out, "\r\n");
			else if (!nl)
				buf_adds(out, "\r\n");
		}
		p = next;
	}
	if (content_type)
		buf_addf(out, "Content-Type: %s\r\n", content_type);
	buf_adds(out, "\r\n");
}

static char *
new_boundary(struct rebuild *rb)
{
	return xasprintf("=_followupd_%s_%u", rb->rnd, rb->seq++);
}

static char *
multipart_type(const struct mailimap_body *b, const char *boundary)
{
	char sub[40];
	const char *s = b->bd_data.bd_body_mpart->bd_media_subtype;
	size_t i = 0;

	for (; s && s[i] && i + 1 < sizeof(sub); i++)
		sub[i] = (isalnum((unsigned char)s[i]) || s[i] == '-' || s[i] == '.') ?
		    (char)tolower((unsigned char)s[i]) : 'x';
	sub[i] = '\0';
	return xasprintf("multipart/%s; boundary=\"%s\"", i ? sub : "mixed", boundary);
}

static void
put_omitted(struct rebuild *rb, struct buf *out, const struct piece *h, uint32_t size)
{
	char extra[64];

	snprintf(extra, sizeof(extra), "X-Followupd-Omitted: %u bytes\r\n", size);
	put_header(out, h, NULL, extra);
	rb->omitted++;
}

static void
emit_children(struct rebuild *rb, struct buf *out, const struct mailimap_body *b,
    const char *sec, int depth, const char *boundary);

/* Pass 2 for one child entity at section sec: its MIME header and content. */
static void
emit_child(struct rebuild *rb, struct buf *out, const struct mailimap_body *b,
    const char *sec, int depth)
{
	char spec[64];
	const struct piece *mh, *content;

	spec_join(spec, sizeof(spec), sec, "MIME");
	mh = have_piece(rb, spec);
	if (b->bd_type == MAILIMAP_BODY_MPART) {
		char *bd = new_boundary(rb), *ct = multipart_type(b, bd);
		put_header(out, mh, ct, NULL);
		emit_children(rb, out, b, sec, depth + 1, bd);
		free(ct);
		free(bd);
	} else if (imap_is_message_part(b)) {
		const struct mailimap_body *inner = b->bd_data.bd_body_1part->bd_data.bd_type_msg->bd_body;
		const struct piece *ih;

		put_header(out, mh, NULL, NULL);
		spec_join(spec, sizeof(spec), sec, "HEADER");
		ih = have_piece(rb, spec);
		if (inner->bd_type == MAILIMAP_BODY_MPART) {
			char *bd = new_boundary(rb), *ct = multipart_type(inner, bd);
			put_header(out, ih, ct, NULL);
			emit_children(rb, out, inner, sec, depth + 1, bd);
			free(ct);
			free(bd);
		} else {
			spec_join(spec, sizeof(spec), sec, "TEXT");
			content = have_piece(rb, spec);
			if (content) {
				put_header(out, ih, NULL, NULL);
				buf_add(out, content->data, content->len);
			} else {
				put_omitted(rb, out, ih, imap_part_size(inner));
			}
		}
	} else {
		content = have_piece(rb, sec);
		if (content) {
			put_header(out, mh, NULL, NULL);
			buf_add(out, content->data, content->len);
		} else {
			put_omitted(rb, out, mh, imap_part_size(b));
		}
	}
}

static void
emit_children(struct rebuild *rb, struct buf *out, const struct mailimap_body *b,
    const char *sec, int depth, const char *boundary)
{
	char child[48];
	unsigned i = 1;

	buf_addf(out, "--%s\r\n", boundary);
	for (clistiter *c = clist_begin(b->bd_data.bd_body_mpart->bd_list); c; c = clist_next(c), i++) {
		if (depth > MAX_DEPTH || rb->nodes++ >= MAX_PARTS)
			break;
		imap_section_join(child, sizeof(child), sec, i);
		if (i > 1)
			buf_addf(out, "\r\n--%s\r\n", boundary);
		emit_child(rb, out, clist_content(c), child, depth);
	}
	buf_addf(out, "\r\n--%s--\r\n", boundary);
}

void
imap_fetched_free(struct imap_fetched *f)
{
	if (f == NULL)
		return;
	buf_free(&f->raw);
	memset(f, 0, sizeof(*f));
}

void
rebuild_free(struct rebuild *rb)
{
	for (size_t i = 0; i < rb->npieces; i++)
		free(rb->pieces[i].data);
	free(rb->pieces);
	free(rb->cands);
}

/* Step 1: the message's size and BODYSTRUCTURE (*body, the caller frees);
 * out->gone when the server has no such message. */
static enum imap_result
fetch_shape(struct imap *im, uint32_t uid, struct imap_fetched *out,
    struct mailimap_body **body)
{
	struct mailimap_set *set = mailimap_set_new_single(uid);
	struct mailimap_fetch_type *ft = mailimap_fetch_type_new_fetch_att_list_empty();
	struct mailimap_msg_att_static *st;
	clist *result = NULL;
	int r;

	mailimap_fetch_type_new_fetch_att_list_add(ft, mailimap_fetch_att_new_uid());
	mailimap_fetch_type_new_fetch_att_list_add(ft, mailimap_fetch_att_new_rfc822_size());
	mailimap_fetch_type_new_fetch_att_list_add(ft, mailimap_fetch_att_new_bodystructure());
	r = mailimap_uid_fetch(im->s, set, ft, &result);
	mailimap_set_free(set);
	mailimap_fetch_type_free(ft);
	if (r != MAILIMAP_NO_ERROR)
		return imap_lib_fail(im, r, "UID FETCH BODYSTRUCTURE");
	out->gone = true;
	for (clistiter *c = clist_begin(result); c; c = clist_next(c)) {
		struct mailimap_msg_att *att = clist_content(c);
		if (imap_att_uid(att) != uid)
			continue;
		if ((st = imap_att_static(att, MAILIMAP_MSG_ATT_RFC822_SIZE)) != NULL) {
			out->size = st->att_data.att_rfc822_size;
			out->gone = false;
		}
		if ((st = imap_att_static(att, MAILIMAP_MSG_ATT_BODYSTRUCTURE)) != NULL) {
			*body = st->att_data.att_bodystructure;
			st->att_data.att_bodystructure = NULL;   /* keep it past the list */
		}
	}
	mailimap_fetch_list_free(result);
	return IMAP_OK;
}

/* Step 2a, small enough: the message as it is. */
static enum imap_result
fetch_whole(struct imap *im, uint32_t uid, struct rebuild *rb, struct imap_fetched *out)
{
	enum imap_result res;
	bool gone = false;

	piece_want(rb, "");
	res = fetch_pieces(im, uid, rb, true, "UID FETCH BODY[]", &gone);
	if (res != IMAP_OK)
		return res;
	if (gone || !rb->pieces[0].have) {
		out->gone = true;
		return res;
	}
	buf_add(&out->raw, rb->pieces[0].data, rb->pieces[0].len);
	out->complete = true;
	out->fetched = rb->fetched;
	return res;
}

/* Too big and no structure to pick parts from: the header alone, the
 * body said to be omitted. */
static enum imap_result
fetch_header_only(struct imap *im, uint32_t uid, struct rebuild *rb,
    struct imap_fetched *out)
{
	enum imap_result res;
	bool gone = false;

	piece_want(rb, "HEADER");
	res = fetch_pieces(im, uid, rb, false, "UID FETCH header", &gone);
	if (res != IMAP_OK)
		return res;
	if (gone || !have_piece(rb, "HEADER")) {
		out->gone = true;
		return res;
	}
	put_omitted(rb, &out->raw, have_piece(rb, "HEADER"), out->size);
	out->omitted = rb->omitted;
	out->fetched = rb->fetched;
	return res;
}

/* The random part of the boundaries of a rebuilt message. */
static void
rebuild_seed(struct rebuild *rb, uint32_t uid)
{
	unsigned char rnd[8];

	if (getrandom(rnd, sizeof(rnd), 0) != (ssize_t)sizeof(rnd)) {
		uint64_t t = (uint64_t)time(NULL) ^ ((uint64_t)uid << 32) ^ (uintptr_t)rb;
		memcpy(rnd, &t, sizeof(rnd));
	}
	for (size_t i = 0; i < sizeof(rnd); i++)
		snprintf(rb->rnd + 2 * i, 3, "%02x", rnd[i]);
}

/* Want the candidate parts, best first, as long as they fit in what is
 * left of max_bytes. */
static void
choose_parts(struct rebuild *rb, size_t max_bytes)
{
	size_t budget = rb->fetched < max_bytes ? max_bytes - (size_t)rb->fetched : 0;

	qsort(rb->cands, rb->ncands, sizeof(*rb->cands), cmp_candidate);
	for (size_t i = 0; i < rb->ncands; i++) {
		if (rb->cands[i].size > budget)
			continue;
		budget -= rb->cands[i].size;
		piece_want(rb, rb->cands[i].spec);
	}
}

/* The message rebuilt from the pieces fetched, omitted parts marked. */
void
emit_rebuilt(struct rebuild *rb, const struct mailimap_body *body, struct buf *raw)
{
	rb->nodes = 0;
	if (body->bd_type == MAILIMAP_BODY_MPART) {
		char *bd = new_boundary(rb), *ct = multipart_type(body, bd);
		put_header(raw, have_piece(rb, "HEADER"), ct, NULL);
		emit_children(rb, raw, body, "", 1, bd);
		free(ct);
		free(bd);
	} else {
		const struct piece *text = have_piece(rb, "TEXT");
		if (text) {
			put_header(raw, have_piece(rb, "HEADER"), NULL, NULL);
			buf_add(raw, text->data, text->len);
		} else {
			put_omitted(rb, raw, have_piece(rb, "HEADER"), imap_part_size(body));
		}
	}
}

/* Step 2b, too big: headers first, then the parts that fit, rebuilt. */
static enum imap_result
fetch_rebuilt(struct imap *im, uint32_t uid, struct rebuild *rb,
    const struct mailimap_body *body, size_t max_bytes, struct imap_fetched *out)
{
	enum imap_result res;
	bool gone = false;

	rebuild_seed(rb, uid);
	piece_want(rb, "HEADER");
	if (body->bd_type == MAILIMAP_BODY_MPART)
		plan_children(rb, body, "", 1);
	else
		candidate_add(rb, "TEXT", body);
	res = fetch_pieces(im, uid, rb, false, "UID FETCH headers of parts", &gone);
	if (res != IMAP_OK)
		return res;
	if (gone || !have_piece(rb, "HEADER")) {
		out->gone = true;
		return res;
	}
	choose_parts(rb, max_bytes);
	res = fetch_pieces(im, uid, rb, true, "UID FETCH parts", &gone);
	if (res != IMAP_OK)
		return res;
	emit_rebuilt(rb, body, &out->raw);
	out->omitted = rb->omitted;
	out->fetched = rb->fetched;
	return res;
}

enum imap_result
imap_fetch_for_recognition(struct imap *im, uint32_t uid, size_t max_bytes,
    struct imap_fetched *out)
{
	enum imap_result res = imap_need_selected(im, "UID FETCH message");
	struct mailimap_body *body = NULL;
	struct rebuild rb = { 0 };

	memset(out, 0, sizeof(*out));
	if (res != IMAP_OK)
		return res;
	res = fetch_shape(im, uid, out, &body);
	if (res == IMAP_OK && !out->gone) {
		if (out->size <= max_bytes)
			res = fetch_whole(im, uid, &rb, out);
		else if (body == NULL)
			res = fetch_header_only(im, uid, &rb, out);
		else
			res = fetch_rebuilt(im, uid, &rb, body, max_bytes, out);
	}
	if (res != IMAP_OK || out->gone)
		buf_free(&out->raw);
	if (body != NULL)
		mailimap_body_free(body);
	rebuild_free(&rb);
	return res;
}

void
rebuild_plan(struct rebuild *rb, const struct mailimap_body *body, uint32_t uid,
    size_t max_bytes, bool contents)
{
	rebuild_seed(rb, uid);
	if (body->bd_type == MAILIMAP_BODY_MPART)
		plan_children(rb, body, "", 1);
	else
		candidate_add(rb, "TEXT", body);
	if (contents)
		choose_parts(rb, max_bytes);
}

void
rebuild_put(struct rebuild *rb, const char *spec, const char *data, size_t len)
{
	struct piece *p;

	piece_want(rb, spec);
	p = piece_find(rb, spec);
	if (p->have)
		return;
	p->have = true;
	p->len = len;
	p->data = xmalloc(len + 1);
	if (len)
		memcpy(p->data, data, len);
	p->data[len] = '\0';
}
