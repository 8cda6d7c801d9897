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
#define WATCH_BATCH 50

/* One message of a batch, examined and waiting to be recorded. */
struct item {
	uint32_t uid;
	char *msgid;                /* NULL when absent */
	enum { ITEM_HANDLE, ITEM_DUPLICATE, ITEM_GONE } what;
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
 * not per message: with synchronous=FULL a commit costs milliseconds.
 */
static int
record_batch(struct store *st, const char *folder, uint32_t uidvalidity,
		struct item *v, size_t n, const struct watch_handler *h)
{
	int rc;

	if (n == 0)
		return 0;
	if ((rc = store_begin(st)) < 0)
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

enum imap_result
watch_sync(struct imap *im, struct store *st, const char *folder, int64_t lookback,
		time_t now, const struct watch_handler *h, struct watch_stats *stats,
		char **err)
{
	struct watch_stats dummy = { 0 };
	struct imap_uids uids = { 0 };
	uint32_t uidvalidity = 0, uidnext = 0, exists = 0, known_uv = 0, last_uid = 0;
	enum imap_result ir;
	bool rescan = false;
	int known;

	*err = NULL;
	if (stats == NULL)
		stats = &dummy;
	ir = imap_select(im, folder, &uidvalidity, &uidnext, &exists);
	if (ir != IMAP_OK) {
		*err = xasprintf("selecting %s: %s", folder, imap_error(im));
		return ir;
	}
	known = store_folder_get(st, folder, &known_uv, &last_uid);
	if (known < 0) {
		*err = xasprintf("reading the state of %s: %s", folder, store_errmsg(st));
		return known == STORE_BUSY ? IMAP_TEMPFAIL : IMAP_PERMFAIL;
	}
	if (known && known_uv != uidvalidity) {
		log_warn("%s: UIDVALIDITY changed from %" PRIu32 " to %" PRIu32
		    ": rescanning, skipping what was already handled", folder, known_uv, uidvalidity);
		rescan = true;
	}
	if (!known || rescan) {
		ir = imap_uid_search_since(im, now - (time_t)lookback, &uids);
		if (ir == IMAP_OK && uids.n == 0) {
			/* Nothing recent: start after what is there now. */
			int rc = store_folder_set(st, folder, uidvalidity, uidnext ? uidnext - 1 : 0);

			if (rc < 0) {
				*err = xasprintf("recording the state of %s: %s", folder, store_errmsg(st));
				return rc == STORE_BUSY ? IMAP_TEMPFAIL : IMAP_PERMFAIL;
			}
		}
		log_info("%s: first look (lookback %" PRId64 "s): %zu messages", folder,
		    lookback, uids.n);
	} else if (uidnext != 0 && uidnext <= last_uid + 1) {
		return IMAP_OK;         /* nothing new: spare the search */
	} else
		ir = imap_uid_search_from(im, last_uid + 1, &uids);
	if (ir != IMAP_OK) {
		*err = xasprintf("searching %s: %s", folder, imap_error(im));
		return ir;
	}

	for (size_t i = 0; i < uids.n && ir == IMAP_OK; i += WATCH_BATCH) {
		size_t n = uids.n - i < WATCH_BATCH ? uids.n - i : WATCH_BATCH;
		struct imap_msg *msgs = NULL;
		struct item *items;
		size_t nmsgs = 0, nitems = 0;
		int rc = 0;

		ir = imap_fetch_headers(im, uids.uid + i, n, &msgs, &nmsgs);
		if (ir != IMAP_OK) {
			*err = xasprintf("fetching headers of %s: %s", folder, imap_error(im));
			break;
		}
		items = xcalloc(nmsgs ? nmsgs : 1, sizeof(*items));
		for (size_t k = 0; k < nmsgs && ir == IMAP_OK; k++) {
			const struct imap_msg *hm = &msgs[k];
			struct item *it;

			if (!rescan && known && hm->uid <= last_uid)
				continue;
			rc = store_seen_is_seen(st, folder, uidvalidity, hm->uid);
			if (rc < 0)
				break;
			if (rc == 1)
				continue;
			it = &items[nitems++];
			it->uid = hm->uid;
			it->msgid = parties_message_id(hm->header, hm->header_len);
			rc = 0;
			if (it->msgid && ((rc = store_seen_message_id(st, it->msgid)) == 1 ||
			    batch_has_msgid(items, nitems - 1, it->msgid))) {
				log_info("%s: UID %" PRIu32 " %s was already handled; skipped",
				    folder, hm->uid, it->msgid);
				it->what = ITEM_DUPLICATE;
				stats->skipped++;
				continue;
			}
			if (rc < 0)
				break;
			struct imap_fetched f = { 0 };

			ir = imap_fetch_for_recognition(im, hm->uid, WATCH_MAX_FETCH, &f);
			if (ir != IMAP_OK) {
				*err = xasprintf("fetching UID %" PRIu32 " of %s: %s", hm->uid, folder,
				    imap_error(im));
				nitems--;       /* not examined: not recorded */
				free(it->msgid);
				it->msgid = NULL;
			} else if (f.gone) {
				it->what = ITEM_GONE;   /* expunged since the search */
			} else {
				struct watch_msg m = { .folder = folder, .uidvalidity = uidvalidity,
				    .uid = hm->uid, .raw = f.raw.data ? f.raw.data : "",
				    .len = f.raw.len, .complete = f.complete };

				stats->bytes += f.fetched;
				it->what = ITEM_HANDLE;
				it->complete = f.complete;
				it->result = h->examine(h->arg, &m);
				stats->handled++;
			}
			imap_fetched_free(&f);
		}
		imap_msgs_free(msgs, nmsgs);
		/* Record what was examined, even when the batch stopped early. */
		if (rc >= 0)
			rc = record_batch(st, folder, uidvalidity, items, nitems, h);
		items_free(items, nitems, h);
		if (rc < 0) {
			if (*err == NULL)
				*err = xasprintf("recording messages of %s: %s", folder, store_errmsg(st));
			ir = rc == STORE_BUSY ? IMAP_TEMPFAIL : IMAP_PERMFAIL;
		}
	}
	imap_uids_free(&uids);
	return ir;
}
