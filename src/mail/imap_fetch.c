/*
 * imap_fetch: finding messages and reading their headers.  UID SEARCH
 * (SINCE a day, UID first:*, and HEADER for imap_append.c) gives sorted,
 * unique UIDs; the header FETCH gives size, date, \Seen, the raw header
 * and BODYSTRUCTURE (its leaf parts, and kept whole for
 * imap_parts.c) for many messages at once, in batches.
 * The helpers that read FETCH answers and BODYSTRUCTURE nodes live here and
 * serve imap_rebuild.c and imap_append.c too (imap_p.h).
 */
#include "autoconfig.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libetpan/libetpan.h>

#include "imap.h"
#include "imap_p.h"
#include "util.h"

#define FETCH_BATCH 500         /* UIDs per UID FETCH command */


/* ---- UID SEARCH ---------------------------------------------------------- */

void
imap_uids_free(struct imap_uids *u)
{
	if (u == NULL)
		return;
	free(u->uid);
	u->uid = NULL;
	u->n = 0;
}

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

enum imap_result
imap_search_uids(struct imap *im, struct mailimap_search_key *key, uint32_t min,
    const char *what, struct imap_uids *out)
{
	clist *result = NULL;
	size_t n = 0;
	int r;

	out->uid = NULL;
	out->n = 0;
	r = mailimap_uid_search(im->s, NULL, key, &result);
	mailimap_search_key_free(key);
	if (r != MAILIMAP_NO_ERROR) {
		/* Unlike a failed fetch, a refused SEARCH leaves its list to us. */
		if (result != NULL)
			mailimap_search_result_free(result);
		return imap_lib_fail(im, r, what);
	}
	out->uid = xreallocarray(NULL, (size_t)clist_count(result) + 1, sizeof(uint32_t));
	for (clistiter *c = clist_begin(result); c; c = clist_next(c)) {
		uint32_t *u = clist_content(c);
		if (*u >= min && *u > 0)
			out->uid[n++] = *u;
	}
	mailimap_search_result_free(result);
	qsort(out->uid, n, sizeof(uint32_t), cmp_u32);
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (k == 0 || out->uid[k - 1] != out->uid[i])
			out->uid[k++] = out->uid[i];
	out->n = k;
	return IMAP_OK;
}

enum imap_result
imap_uid_search_since(struct imap *im, time_t since, struct imap_uids *out)
{
	enum imap_result res = imap_need_selected(im, "UID SEARCH SINCE");
	struct tm tm;

	out->uid = NULL;
	out->n = 0;
	if (res != IMAP_OK)
		return res;
	if (gmtime_r(&since, &tm) == NULL)
		return imap_fail(im, IMAP_PERMFAIL, false, "UID SEARCH SINCE: bad date");
	return imap_search_uids(im, mailimap_search_key_new_since(
	    mailimap_date_new(tm.tm_mday, tm.tm_mon + 1, tm.tm_year + 1900)),
	    1, "UID SEARCH SINCE", out);
}

enum imap_result
imap_uid_search_from(struct imap *im, uint32_t first, struct imap_uids *out)
{
	enum imap_result res = imap_need_selected(im, "UID SEARCH UID");

	out->uid = NULL;
	out->n = 0;
	if (res != IMAP_OK)
		return res;
	if (first == 0)
		first = 1;
	/* first:* also matches the last message when first is above every UID. */
	return imap_search_uids(im, mailimap_search_key_new_uid(mailimap_set_new_interval(first, 0)),
	    first, "UID SEARCH UID", out);
}

/* ---- FETCH answers and BODYSTRUCTURE ------------------------------------ */

struct mailimap_set *
imap_uid_set(const uint32_t *uids, size_t n)
{
	struct mailimap_set *set = mailimap_set_new_empty();

	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j + 1 < n && uids[j + 1] == uids[j] + 1)
			j++;
		if (j == i)
			mailimap_set_add_single(set, uids[i]);
		else
			mailimap_set_add_interval(set, uids[i], uids[j]);
		i = j + 1;
	}
	return set;
}

struct mailimap_msg_att_static *
imap_att_static(struct mailimap_msg_att *att, int type)
{
	for (clistiter *c = clist_begin(att->att_list); c; c = clist_next(c)) {
		struct mailimap_msg_att_item *it = clist_content(c);
		if (it->att_type == MAILIMAP_MSG_ATT_ITEM_STATIC &&
		    it->att_data.att_static->att_type == type)
			return it->att_data.att_static;
	}
	return NULL;
}

uint32_t
imap_att_uid(struct mailimap_msg_att *att)
{
	struct mailimap_msg_att_static *st = imap_att_static(att, MAILIMAP_MSG_ATT_UID);
	return st ? st->att_data.att_uid : 0;
}

static bool
att_seen(struct mailimap_msg_att *att)
{
	for (clistiter *c = clist_begin(att->att_list); c; c = clist_next(c)) {
		struct mailimap_msg_att_item *it = clist_content(c);
		/* FLAGS () comes back with no list at all. */
		if (it->att_type != MAILIMAP_MSG_ATT_ITEM_DYNAMIC || it->att_data.att_dyn == NULL ||
		    it->att_data.att_dyn->att_list == NULL)
			continue;
		for (clistiter *f = clist_begin(it->att_data.att_dyn->att_list); f; f = clist_next(f)) {
			struct mailimap_flag_fetch *ff = clist_content(f);
			if (ff->fl_flag != NULL && ff->fl_flag->fl_type == MAILIMAP_FLAG_SEEN)
				return true;
		}
	}
	return false;
}

static time_t
date_time_to_epoch(const struct mailimap_date_time *dt)
{
	struct tm tm = { 0 };
	time_t t;
	int zone, off;

	if (dt == NULL || dt->dt_year < 1970 || dt->dt_month < 1 || dt->dt_month > 12)
		return (time_t)-1;
	tm.tm_year = dt->dt_year - 1900;
	tm.tm_mon = dt->dt_month - 1;
	tm.tm_mday = dt->dt_day;
	tm.tm_hour = dt->dt_hour;
	tm.tm_min = dt->dt_min;
	tm.tm_sec = dt->dt_sec;
	t = timegm(&tm);
	if (t == (time_t)-1)
		return t;
	/* dt_zone is [+-]HHMM as a number. */
	zone = dt->dt_zone;
	off = (abs(zone) / 100) * 3600 + (abs(zone) % 100) * 60;
	return zone >= 0 ? t - off : t + off;
}

void
imap_part_type(const struct mailimap_body *b, char *out, size_t outsz)
{
	const char *major = "", *minor = "";
	const struct mailimap_body_type_1part *p;

	out[0] = '\0';
	if (b->bd_type != MAILIMAP_BODY_1PART || (p = b->bd_data.bd_body_1part) == NULL)
		return;
	switch (p->bd_type) {
	case MAILIMAP_BODY_TYPE_1PART_TEXT:
		major = "text";
		minor = p->bd_data.bd_type_text->bd_media_text;
		break;
	case MAILIMAP_BODY_TYPE_1PART_MSG:
		major = "message";
		minor = "rfc822";
		break;
	case MAILIMAP_BODY_TYPE_1PART_BASIC: {
		const struct mailimap_media_basic *m = p->bd_data.bd_type_basic->bd_media_basic;
		switch (m->med_type) {
		case MAILIMAP_MEDIA_BASIC_APPLICATION: major = "application"; break;
		case MAILIMAP_MEDIA_BASIC_AUDIO: major = "audio"; break;
		case MAILIMAP_MEDIA_BASIC_IMAGE: major = "image"; break;
		case MAILIMAP_MEDIA_BASIC_MESSAGE: major = "message"; break;
		case MAILIMAP_MEDIA_BASIC_VIDEO: major = "video"; break;
		default: major = m->med_basic_type ? m->med_basic_type : ""; break;
		}
		minor = m->med_subtype ? m->med_subtype : "";
		break;
	}
	default:
		return;
	}
	snprintf(out, outsz, "%s/%s", major ? major : "", minor ? minor : "");
	for (char *c = out; *c; c++) {
		*c = (char)tolower((unsigned char)*c);
		if (!isgraph((unsigned char)*c))
			*c = '?';
	}
}

uint32_t
imap_part_size(const struct mailimap_body *b)
{
	const struct mailimap_body_type_1part *p = b->bd_data.bd_body_1part;

	if (b->bd_type != MAILIMAP_BODY_1PART || p == NULL)
		return 0;
	switch (p->bd_type) {
	case MAILIMAP_BODY_TYPE_1PART_TEXT: return p->bd_data.bd_type_text->bd_fields->bd_size;
	case MAILIMAP_BODY_TYPE_1PART_MSG: return p->bd_data.bd_type_msg->bd_fields->bd_size;
	case MAILIMAP_BODY_TYPE_1PART_BASIC: return p->bd_data.bd_type_basic->bd_fields->bd_size;
	default: return 0;
	}
}

bool
imap_is_message_part(const struct mailimap_body *b)
{
	return b->bd_type == MAILIMAP_BODY_1PART && b->bd_data.bd_body_1part != NULL &&
	    b->bd_data.bd_body_1part->bd_type == MAILIMAP_BODY_TYPE_1PART_MSG &&
	    b->bd_data.bd_body_1part->bd_data.bd_type_msg->bd_body != NULL;
}

void
imap_section_join(char *out, size_t outsz, const char *prefix, unsigned i)
{
	if (*prefix)
		snprintf(out, outsz, "%s.%u", prefix, i);
	else
		snprintf(out, outsz, "%u", i);
}

/* Leaves (and message/rfc822 nodes) of b, depth first. */
static void
flatten(const struct mailimap_body *b, const char *sec, int depth,
    struct imap_part *parts, size_t *n)
{
	char child[48];
	unsigned i = 1;

	if (depth > MAX_DEPTH || *n >= MAX_PARTS)
		return;
	if (b->bd_type == MAILIMAP_BODY_MPART) {
		for (clistiter *c = clist_begin(b->bd_data.bd_body_mpart->bd_list); c; c = clist_next(c), i++) {
			imap_section_join(child, sizeof(child), sec, i);
			flatten(clist_content(c), child, depth + 1, parts, n);
		}
		return;
	}
	struct imap_part *p = &parts[(*n)++];
	snprintf(p->section, sizeof(p->section), "%s", *sec ? sec : "1");
	imap_part_type(b, p->type, sizeof(p->type));
	p->size = imap_part_size(b);
	if (imap_is_message_part(b)) {
		const struct mailimap_body *inner = b->bd_data.bd_body_1part->bd_data.bd_type_msg->bd_body;
		if (inner->bd_type == MAILIMAP_BODY_MPART) {
			flatten(inner, sec, depth + 1, parts, n);
		} else if (*n < MAX_PARTS) {
			struct imap_part *q = &parts[(*n)++];
			snprintf(q->section, sizeof(q->section), "%s.1", sec);
			imap_part_type(inner, q->type, sizeof(q->type));
			q->size = imap_part_size(inner);
		}
	}
}

/* ---- the header FETCH ------------------------------------------------------ */

static void
msg_clear(struct imap_msg *m)
{
	free(m->whole);
	free(m->header);
	free(m->parts);
	if (m->shape != NULL) {
		mailimap_body_free(m->shape->body);
		free(m->shape);
	}
	memset(m, 0, sizeof(*m));
}

/* Could the structure b hold a calendar (imap_msg.calendar_maybe)?  It
 * has the file names flatten() does not keep. */
static bool
calendar_maybe(const struct mailimap_body *b, int depth)
{
	if (depth > MAX_DEPTH)
		return true;
	if (b->bd_type == MAILIMAP_BODY_MPART) {
		for (clistiter *c = clist_begin(b->bd_data.bd_body_mpart->bd_list); c; c = clist_next(c))
			if (calendar_maybe(clist_content(c), depth + 1))
				return true;
		return false;
	}
	if (b->bd_data.bd_body_1part == NULL ||
	    b->bd_data.bd_body_1part->bd_type == MAILIMAP_BODY_TYPE_1PART_MSG)
		return true;
	char type[80];
	imap_part_type(b, type, sizeof(type));
	return imap_wanted_rank(b) == 0 || str_has_prefix(type, "message/");
}

void
imap_msgs_free(struct imap_msg *m, size_t n)
{
	if (m == NULL)
		return;
	for (size_t i = 0; i < n; i++)
		msg_clear(&m[i]);
	free(m);
}

static int
cmp_msg(const void *a, const void *b)
{
	return cmp_u32(&((const struct imap_msg *)a)->uid, &((const struct imap_msg *)b)->uid);
}

bool
imap_uid_wanted(const uint32_t *sorted, size_t n, uint32_t uid)
{
	return bsearch(&uid, sorted, n, sizeof(uint32_t), cmp_u32) != NULL;
}

/* The BODY[HEADER] (header) or BODY[] (not header) of a FETCH answer,
 * with data, or NULL. */
static struct mailimap_msg_att_static *
att_section(struct mailimap_msg_att *att, bool header)
{
	for (clistiter *c = clist_begin(att->att_list); c; c = clist_next(c)) {
		struct mailimap_msg_att_item *it = clist_content(c);
		struct mailimap_msg_att_body_section *bs;
		char spec[64];

		if (it->att_type != MAILIMAP_MSG_ATT_ITEM_STATIC ||
		    it->att_data.att_static->att_type != MAILIMAP_MSG_ATT_BODY_SECTION)
			continue;
		bs = it->att_data.att_static->att_data.att_body_section;
		if (bs->sec_body_part == NULL)
			continue;
		spec_from_section(bs->sec_section, spec, sizeof(spec));
		if (strcmp(spec, header ? "HEADER" : "") == 0)
			return it->att_data.att_static;
	}
	return NULL;
}

/*
 * One answer of the header FETCH into *m (overwritten); false (and m holds
 * nothing to free) when it carries no header, which makes it no message we
 * can use.  *scratch is the caller's MAX_PARTS buffer, made on first use.
 */
static bool
msg_from_att(struct mailimap_msg_att *att, uint32_t uid, struct imap_msg *m,
    struct imap_part **scratch)
{
	struct mailimap_msg_att_static *st;

	memset(m, 0, sizeof(*m));
	m->uid = uid;
	m->internaldate = (time_t)-1;
	if ((st = imap_att_static(att, MAILIMAP_MSG_ATT_RFC822_SIZE)) != NULL)
		m->size = st->att_data.att_rfc822_size;
	if ((st = imap_att_static(att, MAILIMAP_MSG_ATT_INTERNALDATE)) != NULL)
		m->internaldate = date_time_to_epoch(st->att_data.att_internal_date);
	m->seen = att_seen(att);
	if ((st = att_section(att, true)) != NULL) {
		size_t len = st->att_data.att_body_section->sec_length;
		m->header = xmalloc(len + 1);
		memcpy(m->header, st->att_data.att_body_section->sec_body_part, len);
		m->header[len] = '\0';
		m->header_len = len;
	} else {
		return false;
	}
	/* BODY[]<0> of imap_fetch_from: kept when it is the whole message. */
	if ((st = att_section(att, false)) != NULL && m->size > 0 &&
	    st->att_data.att_body_section->sec_length == m->size) {
		m->whole_len = m->size;
		m->whole = xmalloc(m->whole_len + 1);
		memcpy(m->whole, st->att_data.att_body_section->sec_body_part, m->whole_len);
		m->whole[m->whole_len] = '\0';
	}
	if ((st = imap_att_static(att, MAILIMAP_MSG_ATT_BODYSTRUCTURE)) != NULL &&
	    st->att_data.att_bodystructure != NULL) {
		if (*scratch == NULL)
			*scratch = xcalloc(MAX_PARTS, sizeof(**scratch));
		flatten(st->att_data.att_bodystructure, "", 0, *scratch, &m->nparts);
		/* Exactly what is needed: thousands of messages at once. */
		m->parts = xreallocarray(NULL, m->nparts ? m->nparts : 1, sizeof(*m->parts));
		memcpy(m->parts, *scratch, m->nparts * sizeof(*m->parts));
		m->calendar_maybe = calendar_maybe(st->att_data.att_bodystructure, 0);
		m->shape = xmalloc(sizeof(*m->shape));
		m->shape->body = st->att_data.att_bodystructure;
		st->att_data.att_bodystructure = NULL;  /* kept past the answer */
	} else {
		m->calendar_maybe = true;
	}
	return true;
}

/* The items of the header FETCH (and BODY.PEEK[]<0.whole_max> when not 0). */
static struct mailimap_fetch_type *
header_items(size_t whole_max)
{
	struct mailimap_fetch_type *ft = mailimap_fetch_type_new_fetch_att_list_empty();

	mailimap_fetch_type_new_fetch_att_list_add(ft, mailimap_fetch_att_new_uid());
	mailimap_fetch_type_new_fetch_att_list_add(ft, mailimap_fetch_att_new_rfc822_size());
	mailimap_fetch_type_new_fetch_att_list_add(ft, mailimap_fetch_att_new_internaldate());
	mailimap_fetch_type_new_fetch_att_list_add(ft, mailimap_fetch_att_new_flags());
	mailimap_fetch_type_new_fetch_att_list_add(ft,
	    mailimap_fetch_att_new_body_peek_section(mailimap_section_new_header()));
	mailimap_fetch_type_new_fetch_att_list_add(ft, mailimap_fetch_att_new_bodystructure());
	if (whole_max > 0)
		mailimap_fetch_type_new_fetch_att_list_add(ft,
		    mailimap_fetch_att_new_body_peek_section_partial(mailimap_section_new(NULL),
		    0, (uint32_t)(whole_max < UINT32_MAX ? whole_max : UINT32_MAX)));
	return ft;
}

/* Sort msgs[0..n) by UID and drop a UID answered twice (a FETCH plus an
 * unsolicited one); the count left. */
static size_t
msgs_sort_unique(struct imap_msg *msgs, size_t n)
{
	size_t k = 0;

	qsort(msgs, n, sizeof(*msgs), cmp_msg);
	for (size_t i = 0; i < n; i++) {
		if (k > 0 && msgs[k - 1].uid == msgs[i].uid) {
			msg_clear(&msgs[i]);
			continue;
		}
		msgs[k++] = msgs[i];
	}
	return k;
}

enum imap_result
imap_fetch_from(struct imap *im, uint32_t first, size_t whole_max,
    struct imap_msg **out, size_t *nout)
{
	enum imap_result res = imap_need_selected(im, "UID FETCH new");
	struct mailimap_set *set;
	struct mailimap_fetch_type *ft;
	struct imap_part *scratch = NULL;
	struct imap_msg *msgs = NULL;
	struct mailimap_selection_info *sel;
	clist *result = NULL;
	uint32_t before = 0;
	size_t nm = 0;
	int r;

	*out = NULL;
	*nout = 0;
	if (res != IMAP_OK)
		return res;
	if (first == 0)
		first = 1;
	im->arrivals_valid = false;     /* the news are taken */
	if ((sel = im->s->imap_selection_info) != NULL) {
		sel->sel_has_exists = 0;
		before = sel->sel_exists;
	}
	set = mailimap_set_new_interval(first, 0);      /* first:* */
	ft = header_items(whole_max);
	r = mailimap_uid_fetch(im->s, set, ft, &result);
	/* An EXISTS in the answer: mail that came while the server
	 * answered, which IDLE will not announce again. */
	im->exists_during = sel != NULL && im->s != NULL && sel->sel_has_exists ?
	    (sel->sel_exists > before ? sel->sel_exists - before : 1) : 0;
	mailimap_set_free(set);
	mailimap_fetch_type_free(ft);
	if (r != MAILIMAP_NO_ERROR)
		return imap_lib_fail(im, r, "UID FETCH new");   /* result freed by libetpan */
	msgs = xcalloc((size_t)clist_count(result) + 1, sizeof(*msgs));
	for (clistiter *c = clist_begin(result); c; c = clist_next(c)) {
		struct mailimap_msg_att *att = clist_content(c);
		uint32_t uid = imap_att_uid(att);

		/* first:* also answers the last message when first is above it;
		 * and a flag update of an older one may come along. */
		if (uid >= first && msg_from_att(att, uid, &msgs[nm], &scratch))
			nm++;
	}
	mailimap_fetch_list_free(result);
	free(scratch);
	*out = msgs;
	*nout = msgs_sort_unique(msgs, nm);
	return IMAP_OK;
}

uint32_t
imap_fetch_saw_exists(const struct imap *im)
{
	return im->exists_during;
}

enum imap_result
imap_fetch_headers(struct imap *im, const uint32_t *uids, size_t n,
    struct imap_msg **out, size_t *nout)
{
	enum imap_result res = imap_need_selected(im, "UID FETCH headers");
	struct imap_msg *msgs = NULL;
	struct imap_part *scratch = NULL;
	size_t nm = 0;
	uint32_t *sorted = NULL;

	*out = NULL;
	*nout = 0;
	if (res != IMAP_OK || n == 0)
		return res;
	sorted = xreallocarray(NULL, n, sizeof(uint32_t));
	memcpy(sorted, uids, n * sizeof(uint32_t));
	qsort(sorted, n, sizeof(uint32_t), cmp_u32);
	msgs = xcalloc(n, sizeof(*msgs));

	for (size_t off = 0; off < n; off += FETCH_BATCH) {
		size_t cnt = n - off < FETCH_BATCH ? n - off : FETCH_BATCH;
		struct mailimap_set *set = imap_uid_set(sorted + off, cnt);
		struct mailimap_fetch_type *ft = header_items(0);
		clist *result = NULL;
		int r;

		r = mailimap_uid_fetch(im->s, set, ft, &result);
		mailimap_set_free(set);
		mailimap_fetch_type_free(ft);
		if (r != MAILIMAP_NO_ERROR) {
			/* result was freed by libetpan already */
			res = imap_lib_fail(im, r, "UID FETCH headers");
			goto out;
		}
		for (clistiter *c = clist_begin(result); c && nm < n; c = clist_next(c)) {
			struct mailimap_msg_att *att = clist_content(c);
			uint32_t uid = imap_att_uid(att);

			if (uid == 0 || !imap_uid_wanted(sorted, n, uid))
				continue;   /* unsolicited, or a flag update */
			if (msg_from_att(att, uid, &msgs[nm], &scratch))
				nm++;
		}
		mailimap_fetch_list_free(result);
	}
	*out = msgs;
	*nout = msgs_sort_unique(msgs, nm);
	msgs = NULL;
	nm = 0;
out:
	imap_msgs_free(msgs, nm);
	free(scratch);
	free(sorted);
	return res;
}
