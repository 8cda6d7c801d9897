/* watch: per-folder UID bookkeeping, catch-up, UIDVALIDITY changes. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "parties.h"
#include "util.h"
#include "watch.h"

/* Messages go in batches: one header FETCH and one store transaction
 * (one fsync) per batch. */
#define WATCH_BATCH 250

/* IDLE announced at most this many: fetch them in one command, each of at
 * most WATCH_WHOLE bytes whole (sync_news). */
#define WATCH_FEW 8
#define WATCH_WHOLE (32u * 1024)
/* FETCHes at most of the short way, when the answers announce more. */
#define WATCH_AGAIN 3

/* One message of a batch, examined and waiting to be recorded. */
struct item {
	uint32_t uid;
	char *msgid;                /* NULL when absent */
	enum { ITEM_HANDLE, ITEM_DUPLICATE, ITEM_GONE, ITEM_FETCH } what;
	size_t msg;                 /* ITEM_FETCH: its index in the header FETCH */
	void *result;               /* from examine (ITEM_HANDLE) */
	bool complete;
};

static void
items_free(struct item *v, size_t n, const struct watch_handler *h)
{
	for (size_t i = 0; i < n; i++) {
		if (v[i].what == ITEM_HANDLE && v[i].result)
			h->release(h->arg, v[i].result);
		free(v[i].msgid);
	}
	free(v);
}

/*
 * Record a batch in one transaction: the handler's record step, the seen
 * row and the folder's last UID for each message.  One commit per batch,
 * not per message, and a relaxed one (store_begin_relaxed): the batch is
 * in the store, for every reader, before it is on the disk, and
 * watch_sync flushes it (store_flush) before it returns.  A power loss
 * in between takes the batch back whole, the folder's last UID with it:
 * the next start examines those messages again (never lost, never
 * twice), and nothing was done outside the store meanwhile (the
 * daemon's next step, a send round included, comes after the flush).
 */
static int
record_batch(struct store *st, const char *folder, uint32_t uidvalidity,
		struct item *v, size_t n, const struct watch_handler *h)
{
	int rc;

	if (n == 0)
		return 0;
	if ((rc = store_begin_relaxed(st)) < 0)
		return rc;
	for (size_t i = 0; i < n; i++) {
		struct watch_msg m = { .folder = folder, .uidvalidity = uidvalidity,
		    .uid = v[i].uid, .raw = "", .len = 0, .complete = v[i].complete };
		struct store_seen seen = { .folder = folder, .uidvalidity = uidvalidity,
		    .uid = v[i].uid, .message_id = v[i].msgid };

		if (v[i].what == ITEM_HANDLE)
			rc = h->record(h->arg, st, &m, v[i].result, &seen);
		else if (v[i].what == ITEM_DUPLICATE) {
			seen.kind = "duplicate";
			seen.outcome = STORE_SEEN_IGNORED;
			rc = 0;
		}
		if (rc >= 0 && v[i].what != ITEM_GONE)
			rc = store_seen_add(st, &seen);
		if (rc >= 0)
			rc = store_folder_set(st, folder, uidvalidity, v[i].uid);
		if (rc < 0) {
			store_rollback(st);
			return rc;
		}
	}
	if ((rc = store_commit(st)) < 0) {
		store_rollback(st);
		return rc;
	}
	return 0;
}

static bool
batch_has_msgid(const struct item *v, size_t n, const char *msgid)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].msgid && strcmp(v[i].msgid, msgid) == 0 && v[i].what != ITEM_GONE)
			return true;
	return false;
}

/* One sync of one folder: what every step needs. */
struct sync {
	struct imap *im;
	struct store *st;
	const char *folder;
	uint32_t uidvalidity;
	uint32_t last_uid;          /* the last UID handled, when known */
	bool known;                 /* the store knows the folder */
	bool rescan;                /* UIDVALIDITY changed */
	bool relaxed;               /* a batch was committed without a flush */
	const struct watch_handler *h;
	struct watch_stats *stats;
	char **err;
};

/* Read the folder's state from the store: known, last UID, rescan. */
static enum imap_result
sync_state(struct sync *s)
{
	uint32_t known_uv = 0;
	int known = store_folder_get(s->st, s->folder, &known_uv, &s->last_uid);

	if (known < 0) {
		*s->err = xasprintf("reading the state of %s: %s", s->folder, store_errmsg(s->st));
		return known == STORE_BUSY ? IMAP_TEMPFAIL : IMAP_PERMFAIL;
	}
	s->known = known != 0;
	if (s->known && known_uv != s->uidvalidity) {
		log_warn("%s: UIDVALIDITY changed from %" PRIu32 " to %" PRIu32
		    ": rescanning, skipping what was already handled", s->folder, known_uv,
		    s->uidvalidity);
		s->rescan = true;
	}
	return IMAP_OK;
}

/* Record the folder as handled up to the message before uidnext. */
static enum imap_result
sync_start_after(struct sync *s, uint32_t uidnext)
{
	int rc = store_folder_set(s->st, s->folder, s->uidvalidity, uidnext ? uidnext - 1 : 0);

	if (rc < 0) {
		*s->err = xasprintf("recording the state of %s: %s", s->folder,
		    store_errmsg(s->st));
		return rc == STORE_BUSY ? IMAP_TEMPFAIL : IMAP_PERMFAIL;
	}
	return IMAP_OK;
}

/* Every message before uidnext (the SELECT's) was listed and handled: the
 * folder is handled up to there even when the last of them are gone since,
 * so that UIDNEXT alone tells whether anything came (see daemon_imap.c). */
static enum imap_result
sync_done_to(struct sync *s, uint32_t uidnext)
{
	uint32_t uv = 0, last = 0;
	int known = store_folder_get(s->st, s->folder, &uv, &last);

	if (known < 0) {
		*s->err = xasprintf("reading the state of %s: %s", s->folder, store_errmsg(s->st));
		return known == STORE_BUSY ? IMAP_TEMPFAIL : IMAP_PERMFAIL;
	}
	if (known == 0 || uv != s->uidvalidity || uidnext == 0 || last + 1 >= uidnext)
		return IMAP_OK;
	return sync_start_after(s, uidnext);
}

/* The UIDs to look at: on a first look (or a rescan) those that arrived
 * within lookback, otherwise those after the last one handled; none when
 * UIDNEXT says nothing is new. */
static enum imap_result
sync_search(struct sync *s, int64_t lookback, time_t now, uint32_t uidnext,
		struct imap_uids *uids)
{
	enum imap_result ir;

	if ((!s->known || s->rescan) && lookback == WATCH_FROM_NOW) {
		/* Nothing of the past: start after what is there now. */
		log_info("%s: first look: from UID %" PRIu32 " on, nothing before", s->folder,
		    uidnext);
		return sync_start_after(s, uidnext);
	}
	if (!s->known || s->rescan) {
		ir = imap_uid_search_since(s->im, now - (time_t)lookback, uids);
		/* Nothing recent: start after what is there now. */
		if (ir == IMAP_OK && uids->n == 0 && (ir = sync_start_after(s, uidnext)) != IMAP_OK)
			return ir;
		log_info("%s: first look (lookback %" PRId64 "s): %zu messages", s->folder,
		    lookback, uids->n);
	} else if (uidnext != 0 && uidnext <= s->last_uid + 1) {
		return IMAP_OK;         /* nothing new: spare the search */
	} else {
		ir = imap_uid_search_from(s->im, s->last_uid + 1, uids);
	}
	if (ir != IMAP_OK)
		*s->err = xasprintf("searching %s: %s", s->folder, imap_error(s->im));
	return ir;
}

/* The fetched message of it as the handler sees it (false: expunged since
 * the search, it becomes ITEM_GONE). */
static bool
sync_msg(struct sync *s, struct item *it, const struct imap_fetched *f, struct watch_msg *m)
{
	if (f->gone) {
		it->what = ITEM_GONE;
		return false;
	}
	*m = (struct watch_msg){ .folder = s->folder, .uidvalidity = s->uidvalidity,
	    .uid = it->uid, .raw = f->raw.data ? f->raw.data : "",
	    .len = f->raw.len, .complete = f->complete };
	s->stats->bytes += f->fetched;
	s->stats->handled++;
	it->what = ITEM_HANDLE;
	it->complete = f->complete;
	return true;
}

/* Hand the fetched messages of hand[0..n) (fetched as f[0..n)) to the
 * handler's examine step: in one call when it takes several. */
static void
sync_hand(struct sync *s, struct item **hand, const struct imap_fetched *f, size_t n)
{
	struct watch_msg *m = xcalloc(n + 1, sizeof(*m));
	struct item **live = xcalloc(n + 1, sizeof(*live));
	void **res = xcalloc(n + 1, sizeof(*res));
	size_t nl = 0;

	for (size_t i = 0; i < n; i++)
		if (sync_msg(s, hand[i], &f[i], &m[nl]))
			live[nl++] = hand[i];
	if (s->h->examine_many != NULL && nl > 0)
		s->h->examine_many(s->h->arg, m, nl, res);
	else
		for (size_t i = 0; i < nl; i++)
			res[i] = s->h->examine(s->h->arg, &m[i]);
	for (size_t i = 0; i < nl; i++)
		live[i]->result = res[i];
	free(res);
	free(live);
	free(m);
}

/*
 * Add the message msgs[k] to items (*nitems of them so far) unless it was
 * handled already: to fetch, or a duplicate of one handled (by
 * Message-ID).  Returns a negative store code to stop the batch, else 0.
 */
static int
sync_classify(struct sync *s, const struct imap_msg *msgs, size_t k, struct item *items,
		size_t *nitems)
{
	const struct imap_msg *hm = &msgs[k];
	struct item *it;
	int rc;

	if (!s->rescan && s->known && hm->uid <= s->last_uid)
		return 0;
	rc = store_seen_is_seen(s->st, s->folder, s->uidvalidity, hm->uid);
	if (rc < 0)
		return rc;
	if (rc == 1)
		return 0;
	it = &items[(*nitems)++];
	it->uid = hm->uid;
	it->msgid = parties_message_id(hm->header, hm->header_len);
	rc = 0;
	if (it->msgid && !s->h->all_ids &&
	    ((rc = store_seen_message_id(s->st, it->msgid)) == 1 ||
	    batch_has_msgid(items, *nitems - 1, it->msgid))) {
		log_info("%s: UID %" PRIu32 " %s was already handled; skipped",
		    s->folder, hm->uid, it->msgid);
		it->what = ITEM_DUPLICATE;
		s->stats->skipped++;
		return 0;
	}
	if (rc < 0)
		return rc;
	it->what = ITEM_FETCH;
	it->msg = k;
	return 0;
}

/*
 * Fetch the items to fetch (the parts each one needs, imap_fetch_parts)
 * and examine them.  On failure the items from the first one not fetched
 * on are dropped (*nitems shrinks): not examined, not recorded.
 */
static enum imap_result
sync_fetch_all(struct sync *s, const struct imap_msg *msgs, struct item *items, size_t *nitems)
{
	struct imap_msg *want = xcalloc(*nitems + 1, sizeof(*want));
	bool *contents = xcalloc(*nitems + 1, sizeof(*contents));
	struct imap_fetched *f;
	size_t nw = 0;
	enum imap_result ir;

	for (size_t i = 0; i < *nitems; i++) {
		const struct imap_msg *hm = &msgs[items[i].msg];

		if (items[i].what != ITEM_FETCH)
			continue;
		want[nw] = *hm;     /* shallow: msgs owns it */
		contents[nw++] = s->h->wants_contents == NULL ||
		    s->h->wants_contents(s->h->arg, hm->header, hm->header_len, hm->calendar_maybe);
	}
	f = xcalloc(nw + 1, sizeof(*f));
	ir = imap_fetch_parts(s->im, want, nw, contents, WATCH_MAX_FETCH, f);
	/* Examine what was fetched, in one batch; after a failure the
	 * messages before the first one not fetched are examined and
	 * recorded still. */
	struct item **hand = xcalloc(nw + 1, sizeof(*hand));
	size_t nh = 0;

	for (size_t i = 0; i < *nitems; i++) {
		if (items[i].what != ITEM_FETCH)
			continue;
		if (!f[nh].ready) {
			*s->err = xasprintf("fetching UID %" PRIu32 " of %s: %s", items[i].uid,
			    s->folder, imap_error(s->im));
			for (size_t j = i; j < *nitems; j++)
				free(items[j].msgid);
			*nitems = i;
			break;
		}
		hand[nh++] = &items[i];
	}
	sync_hand(s, hand, f, nh);
	free(hand);
	/* A message the handler could not examine (no parser): it and the
	 * rest wait for the next sync, unrecorded. */
	for (size_t i = 0; s->h->deferred != NULL && i < *nitems; i++) {
		const char *why;

		if (items[i].what != ITEM_HANDLE ||
		    (why = s->h->deferred(s->h->arg, items[i].result)) == NULL)
			continue;
		if (*s->err == NULL)
			*s->err = xasprintf("%s: UID %" PRIu32 " and after not examined, again at the"
			    " next sync: %s", s->folder, items[i].uid, why);
		for (size_t j = i; j < *nitems; j++) {
			if (items[j].what == ITEM_HANDLE && items[j].result)
				s->h->release(s->h->arg, items[j].result);
			free(items[j].msgid);
		}
		*nitems = i;
		ir = IMAP_TEMPFAIL;
		break;
	}
	if (ir != IMAP_OK && *s->err == NULL)
		*s->err = xasprintf("fetching messages of %s: %s", s->folder, imap_error(s->im));
	for (size_t k = 0; k < nw; k++)
		imap_fetched_free(&f[k]);
	free(f);
	free(want);
	free(contents);
	return ir;
}

/* The messages msgs[0..nmsgs) of a header FETCH: examine each, record
 * them all (one transaction). */
static enum imap_result
sync_msgs(struct sync *s, const struct imap_msg *msgs, size_t nmsgs)
{
	struct item *items = xcalloc(nmsgs ? nmsgs : 1, sizeof(*items));
	enum imap_result ir = IMAP_OK;
	size_t nitems = 0;
	int rc = 0;

	for (size_t k = 0; k < nmsgs && rc >= 0; k++)
		rc = sync_classify(s, msgs, k, items, &nitems);
	if (rc >= 0)
		ir = sync_fetch_all(s, msgs, items, &nitems);
	/* Record what was examined, even when the batch stopped early. */
	if (rc >= 0)
		rc = record_batch(s->st, s->folder, s->uidvalidity, items, nitems, s->h);
	if (rc >= 0 && nitems > 0)
		s->relaxed = true;
	items_free(items, nitems, s->h);
	if (rc < 0) {
		if (*s->err == NULL)
			*s->err = xasprintf("recording messages of %s: %s", s->folder,
			    store_errmsg(s->st));
		ir = rc == STORE_BUSY ? IMAP_TEMPFAIL : IMAP_PERMFAIL;
	}
	return ir;
}

/* One batch of n UIDs: headers, examine each, record them all. */
static enum imap_result
sync_batch(struct sync *s, const uint32_t *uid, size_t n)
{
	struct imap_msg *msgs = NULL;
	size_t nmsgs = 0;
	enum imap_result ir;

	ir = imap_fetch_headers(s->im, uid, n, &msgs, &nmsgs);
	if (ir != IMAP_OK) {
		*s->err = xasprintf("fetching headers of %s: %s", s->folder, imap_error(s->im));
		return ir;
	}
	ir = sync_msgs(s, msgs, nmsgs);
	imap_msgs_free(msgs, nmsgs);
	return ir;
}

/*
 * Right after IDLE on folder said that a few messages came (and nothing
 * else was asked since): the folder is still selected and its state is
 * known, so no SELECT and no SEARCH: one UID FETCH of everything after the
 * last UID handled, each small message whole in it.  false: not so (the
 * caller syncs the long way); otherwise *ir is the outcome.
 */
static bool
sync_news(struct sync *s, enum imap_result *ir)
{
	long news = imap_idle_arrivals(s->im);
	const char *sel = imap_selected(s->im);
	uint32_t known_uv = 0;
	struct imap_msg *msgs = NULL;
	size_t n = 0;

	if (news < 0 || news > WATCH_FEW || sel == NULL || strcmp(sel, s->folder) != 0 ||
	    (s->uidvalidity = imap_selected_uidvalidity(s->im)) == 0 ||
	    store_folder_get(s->st, s->folder, &known_uv, &s->last_uid) != 1 ||
	    known_uv != s->uidvalidity)
		return false;
	s->known = true;
	/* Mail that came while the server answered (its EXISTS in the
	 * answer) is not announced to IDLE again: once more, a few times;
	 * more than a few, or still more: the long way after all. */
	for (int pass = 0; pass <= WATCH_AGAIN; pass++) {
		uint32_t more = pass > 0 ? imap_fetch_saw_exists(s->im) : 0;

		if (pass > 0 && more == 0)
			break;
		if (pass == WATCH_AGAIN || more > WATCH_FEW ||
		    (pass > 0 && store_folder_get(s->st, s->folder, &known_uv, &s->last_uid) != 1))
			return false;
		/* Nothing announced (an IDLE refresh): no bytes of the last
		 * message, which the server sends for first:* anyway. */
		s->stats->exists = imap_selected_exists(s->im);
		*ir = imap_fetch_from(s->im, s->last_uid + 1, news > 0 || pass > 0 ? WATCH_WHOLE : 0,
		    &msgs, &n);
		if (*ir != IMAP_OK) {
			*s->err = xasprintf("fetching the new mail of %s: %s", s->folder,
			    imap_error(s->im));
			break;
		}
		for (size_t i = 0; i < n && *ir == IMAP_OK; i += WATCH_BATCH)
			*ir = sync_msgs(s, msgs + i, n - i < WATCH_BATCH ? n - i : WATCH_BATCH);
		imap_msgs_free(msgs, n);
		msgs = NULL;
		if (*ir != IMAP_OK)
			break;
	}
	s->stats->covered = *ir == IMAP_OK;
	return true;
}

/*
 * Another folder is selected (the one IDLE watches) and this one is known:
 * STATUS says whether anything came since the last UID handled; nothing
 * (true): no SELECT, which would cost the other folder its selection and
 * its short way after IDLE (sync_news).
 */
static bool
sync_unchanged(struct sync *s)
{
	const char *sel = imap_selected(s->im);
	uint32_t known_uv = 0, last = 0, uv = 0, uidnext = 0;

	if (sel == NULL || strcmp(sel, s->folder) == 0 ||
	    store_folder_get(s->st, s->folder, &known_uv, &last) != 1 ||
	    imap_folder_status(s->im, s->folder, &uv, &uidnext) != IMAP_OK)
		return false;
	return uv != 0 && uv == known_uv && uidnext != 0 && uidnext <= last + 1;
}

/* What the relaxed commits of the sync wrote goes to the disk (see
 * record_batch). */
static enum imap_result
sync_flush(struct sync *s, enum imap_result ir)
{
	if (!s->relaxed || store_flush(s->st) >= 0)
		return ir;
	if (*s->err == NULL)
		*s->err = xasprintf("flushing the state of %s: %s", s->folder, store_errmsg(s->st));
	return IMAP_PERMFAIL;
}

enum imap_result
watch_sync(struct imap *im, struct store *st, const char *folder, int64_t lookback,
		time_t now, const struct watch_handler *h, struct watch_stats *stats,
		char **err)
{
	struct watch_stats dummy = { 0 };
	struct sync s = { .im = im, .st = st, .folder = folder, .h = h,
	    .stats = stats ? stats : &dummy, .err = err };
	struct imap_uids uids = { 0 };
	uint32_t uidnext = 0, exists = 0;
	enum imap_result ir;

	*err = NULL;
	if (sync_news(&s, &ir))
		return sync_flush(&s, ir);
	if (sync_unchanged(&s))
		return IMAP_OK;
	/* From here on every return flushes: the short way may have recorded
	 * batches before it gave up (more mail than it takes). */
	ir = imap_select(im, folder, &s.uidvalidity, &uidnext, &exists);
	if (ir != IMAP_OK) {
		*err = xasprintf("selecting %s: %s", folder, imap_error(im));
		return sync_flush(&s, ir);
	}
	if ((ir = sync_state(&s)) != IMAP_OK ||
	    (ir = sync_search(&s, lookback, now, uidnext, &uids)) != IMAP_OK)
		return sync_flush(&s, ir);
	for (size_t i = 0; i < uids.n && ir == IMAP_OK; i += WATCH_BATCH)
		ir = sync_batch(&s, uids.uid + i,
		    uids.n - i < WATCH_BATCH ? uids.n - i : WATCH_BATCH);
	imap_uids_free(&uids);
	if (ir == IMAP_OK)
		ir = sync_done_to(&s, uidnext);
	/* What the listing covered: the count the SELECT gave (an arrival
	 * told in a later answer moved it). */
	s.stats->covered = ir == IMAP_OK;
	s.stats->exists = exists;
	return sync_flush(&s, ir);
}
