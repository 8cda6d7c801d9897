/*
 * imap_parts: imap_fetch_parts (contract in imap.h).  The first start and
 * every catch-up read a batch of messages in a few commands: the header
 * FETCH (imap_fetch.c) brought each one's header fields and BODYSTRUCTURE;
 * here each message's plan (rebuild_plan: every part's MIME header, the
 * text and calendar contents when they can matter) becomes a list of
 * sections, messages with the same list share one UID FETCH, and each
 * message is rebuilt around what came back (emit_rebuilt, pure).  A PDF,
 * an image, any attachment that is no calendar or text is never asked for.
 */
#include "autoconfig.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libetpan/libetpan.h>

#include "imap.h"
#include "imap_p.h"
#include "util.h"

#define PARTS_BATCH 500         /* UIDs per UID FETCH command */

/* One message of the batch being rebuilt. */
struct job {
	size_t idx;                 /* into msgs and out */
	uint32_t uid;
	struct rebuild rb;
	char *sig;                  /* the sections it asks for, " " separated */
	bool answered;
};

static int
cmp_job(const void *a, const void *b)
{
	const struct job *x = *(struct job *const *)a, *y = *(struct job *const *)b;
	int c = strcmp(x->sig, y->sig);

	if (c != 0)
		return c;
	return (x->uid > y->uid) - (x->uid < y->uid);
}

/* The sections job still wants, as one string (the key to share a FETCH). */
static char *
job_signature(struct job *j)
{
	struct buf b = { 0 };

	for (size_t i = 0; i < j->rb.npieces; i++)
		if (!j->rb.pieces[i].have)
			buf_addf(&b, "%s%s", b.len ? " " : "", j->rb.pieces[i].spec);
	return b.data ? b.data : xstrdup("");
}

/* The job of uid among g[0..n) (sorted by UID), or NULL. */
static struct job *
job_of(struct job **g, size_t n, uint32_t uid)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (g[mid]->uid == uid)
			return g[mid];
		if (g[mid]->uid < uid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* Keep the sections of one FETCH answer that its job asked for. */
static void
take_answer(struct job *j, struct mailimap_msg_att *att)
{
	j->answered = true;
	for (clistiter *d = clist_begin(att->att_list); d; d = clist_next(d)) {
		struct mailimap_msg_att_item *it = clist_content(d);
		struct mailimap_msg_att_body_section *bs;
		struct piece *p;
		char spec[64];

		if (it->att_type != MAILIMAP_MSG_ATT_ITEM_STATIC ||
		    it->att_data.att_static->att_type != MAILIMAP_MSG_ATT_BODY_SECTION)
			continue;
		bs = it->att_data.att_static->att_data.att_body_section;
		spec_from_section(bs->sec_section, spec, sizeof(spec));
		if ((p = piece_find(&j->rb, spec)) == NULL || p->have)
			continue;   /* not asked: ignored */
		rebuild_put(&j->rb, spec, bs->sec_body_part ? bs->sec_body_part : "",
		    bs->sec_body_part ? bs->sec_length : 0);
		j->rb.fetched += bs->sec_body_part ? bs->sec_length : 0;
	}
}

/* One UID FETCH of the sections g[0]->sig for the jobs g[0..n) (sorted by UID). */
static enum imap_result
fetch_group(struct imap *im, struct job **g, size_t n)
{
	struct mailimap_fetch_type *ft = mailimap_fetch_type_new_fetch_att_list_empty();
	uint32_t *uids = xreallocarray(NULL, n, sizeof(uint32_t));
	struct mailimap_set *set;
	clist *result = NULL;
	int r;

	for (size_t i = 0; i < n; i++)
		uids[i] = g[i]->uid;
	set = imap_uid_set(uids, n);
	free(uids);
	mailimap_fetch_type_new_fetch_att_list_add(ft, mailimap_fetch_att_new_uid());
	for (size_t i = 0; i < g[0]->rb.npieces; i++)
		if (!g[0]->rb.pieces[i].have)
			mailimap_fetch_type_new_fetch_att_list_add(ft,
			    mailimap_fetch_att_new_body_peek_section(
			    section_from_spec(g[0]->rb.pieces[i].spec)));
	r = mailimap_uid_fetch(im->s, set, ft, &result);
	mailimap_set_free(set);
	mailimap_fetch_type_free(ft);
	if (r != MAILIMAP_NO_ERROR)
		return imap_lib_fail(im, r, "UID FETCH parts");
	for (clistiter *c = clist_begin(result); c; c = clist_next(c)) {
		struct mailimap_msg_att *att = clist_content(c);
		struct job *j = job_of(g, n, imap_att_uid(att));

		if (j != NULL)
			take_answer(j, att);
	}
	mailimap_fetch_list_free(result);
	return IMAP_OK;
}

/* Plan every message with a shape; the others are left to the fallback. */
static size_t
plan_jobs(const struct imap_msg *msgs, size_t n, const bool *contents, size_t max_bytes,
    struct job *jobs, struct job **order)
{
	size_t nj = 0;

	for (size_t i = 0; i < n; i++) {
		struct job *j;

		if (msgs[i].whole != NULL || msgs[i].shape == NULL || msgs[i].shape->body == NULL ||
		    msgs[i].header == NULL)
			continue;
		j = &jobs[nj];
		j->idx = i;
		j->uid = msgs[i].uid;
		rebuild_put(&j->rb, "HEADER", msgs[i].header, msgs[i].header_len);
		rebuild_plan(&j->rb, msgs[i].shape->body, msgs[i].uid, max_bytes, contents[i]);
		j->sig = job_signature(j);
		order[nj] = j;
		nj++;
	}
	qsort(order, nj, sizeof(*order), cmp_job);
	return nj;
}

/* The jobs that ask for the same sections, PARTS_BATCH at a time. */
static enum imap_result
fetch_jobs(struct imap *im, struct job **order, size_t nj)
{
	enum imap_result res = IMAP_OK;

	for (size_t i = 0; i < nj && res == IMAP_OK;) {
		size_t k = i + 1;

		while (k < nj && k - i < PARTS_BATCH && strcmp(order[k]->sig, order[i]->sig) == 0)
			k++;
		if (*order[i]->sig == '\0') {
			for (size_t m = i; m < k; m++)
				order[m]->answered = true;  /* the header is all there is */
		} else {
			res = fetch_group(im, order + i, k - i);
		}
		i = k;
	}
	return res;
}

/* A message that came whole with its header (imap_fetch_from). */
static void
take_whole(const struct imap_msg *m, struct imap_fetched *f)
{
	buf_add(&f->raw, m->whole, m->whole_len);
	f->size = m->size;
	f->complete = true;
	f->fetched = m->header_len + m->whole_len;
	f->ready = true;
}

enum imap_result
imap_fetch_parts(struct imap *im, const struct imap_msg *msgs, size_t n,
    const bool *contents, size_t max_bytes, struct imap_fetched *out)
{
	enum imap_result res = imap_need_selected(im, "UID FETCH parts");
	struct job *jobs = xcalloc(n ? n : 1, sizeof(*jobs));
	struct job **order = xcalloc(n ? n : 1, sizeof(*order));
	size_t nj = 0;

	for (size_t i = 0; i < n; i++)
		memset(&out[i], 0, sizeof(out[i]));
	for (size_t i = 0; i < n && res == IMAP_OK; i++)
		if (msgs[i].whole != NULL)
			take_whole(&msgs[i], &out[i]);
	if (res == IMAP_OK) {
		nj = plan_jobs(msgs, n, contents, max_bytes, jobs, order);
		res = fetch_jobs(im, order, nj);
	}
	for (size_t k = 0; k < nj && res == IMAP_OK; k++) {
		struct job *j = &jobs[k];
		struct imap_fetched *f = &out[j->idx];

		f->size = msgs[j->idx].size;
		f->ready = true;
		f->gone = !j->answered;
		if (f->gone)
			continue;
		j->rb.omitted = 0;
		emit_rebuilt(&j->rb, msgs[j->idx].shape->body, &f->raw);
		f->omitted = j->rb.omitted;
		f->fetched = msgs[j->idx].header_len + j->rb.fetched;
	}
	/* Without a structure to pick parts from: one message at a time. */
	for (size_t i = 0; i < n && res == IMAP_OK; i++) {
		if (msgs[i].whole != NULL ||
		    (msgs[i].shape != NULL && msgs[i].shape->body != NULL && msgs[i].header != NULL))
			continue;
		res = imap_fetch_for_recognition(im, msgs[i].uid, max_bytes, &out[i]);
		out[i].fetched += msgs[i].header_len;
		out[i].ready = res == IMAP_OK;
	}
	for (size_t k = 0; k < nj; k++) {
		rebuild_free(&jobs[k].rb);
		free(jobs[k].sig);
	}
	free(jobs);
	free(order);
	if (res != IMAP_OK)
		for (size_t i = 0; i < n; i++)
			if (!out[i].ready)
				imap_fetched_free(&out[i]);
	return res;
}
