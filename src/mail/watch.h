/*
 * watch: bring one IMAP folder's new mail into the store, each message
 * exactly once.
 *
 * Per folder the store keeps UIDVALIDITY and the last UID handled.  The
 * last UID advances only in the transaction that records what was done
 * with that message (the handler's record step), so a crash at any moment
 * either handled a message completely or not at all, and the next sync
 * starts after the last one handled.
 *
 *   - First sync of a folder: only messages that arrived within
 *     detect.lookback are handled, not the whole mailbox.
 *   - UIDVALIDITY changed: the folder is rescanned like a first sync, and
 *     every message whose Message-ID was already handled is skipped.
 *   - A message whose Message-ID was already handled in any folder (a copy,
 *     a move by a filter) is recorded as "ignored" without handling,
 *     except in a folder of the user's own copies (watch_handler.all_ids:
 *     the Sent folder, whose mails may also reach a watched folder).
 *   - lookback WATCH_FROM_NOW: the first look (and a rescan) handles
 *     nothing and starts after the last message then in the folder (the
 *     Sent folder: the user's old mail is never acted on).
 *
 * The handler has two steps: examine runs outside any transaction (the
 * sandboxed parse and recognition may take milliseconds); record runs
 * inside the transaction that also records the message as seen and moves
 * the folder's last UID.  Messages go in batches of up to 250: their
 * header fields and structure in one FETCH, the parts recognition reads in
 * a few more (imap_fetch_parts: MIME headers, text and calendar contents,
 * never another attachment), examined together (examine_many) or one by
 * one, recorded in one
 * transaction per batch.  The commits are relaxed (store_begin_relaxed)
 * and the sync flushes them once (store_flush) before it returns: a power
 * loss in between takes batches back whole, last UID included, so their
 * messages are examined again, never lost.
 *
 * The short way: right after IDLE on the folder (still selected, its state
 * known, UIDVALIDITY unchanged) announced at most a few messages
 * (imap_idle_arrivals), there is no SELECT and no SEARCH: one UID FETCH of
 * everything after the last UID handled, header items and structure, and
 * each message of at most 32 KiB whole in the same answer (no FETCH of
 * its parts); an EXISTS in that answer (mail that came meanwhile, which
 * IDLE would not announce again) makes it fetch once more, up to three
 * times.  Anything else goes the long way above.
 */
#ifndef FOLLOWUPD_WATCH_H
#define FOLLOWUPD_WATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "imap.h"
#include "store.h"

/* One message handed to the handler. */
struct watch_msg {
	const char *folder;
	uint32_t uidvalidity;
	uint32_t uid;
	const char *raw;            /* what recognition reads (see imap_fetch_for_recognition) */
	size_t len;
	bool complete;              /* raw is the whole message */
};

struct watch_handler {
	/*
	 * Look at the message; no store access.  Returns an opaque result
	 * for record (may be NULL).  Unused (may be NULL) when examine_many
	 * is given.
	 */
	void *(*examine)(void *arg, const struct watch_msg *m);
	/*
	 * Optional: examine m[0..n) at once (results[i] as examine would give
	 * for m[i]), so the handler can parse a batch in one round trip.
	 * NULL: examine is called for each.  One of the two must be given.
	 */
	void (*examine_many)(void *arg, const struct watch_msg *m, size_t n, void **results);
	/*
	 * Inside the open transaction (m->raw is empty by then: the raw
	 * message is only for examine): apply the result to the store and fill
	 * *seen (folder, uidvalidity and uid are preset; set message_id,
	 * kind, subject, from, date, outcome, application and interview ids;
	 * strings must stay valid until release).  Return 0, or a negative
	 * store code: the transaction is rolled back and the sync stops (the
	 * message is examined again next time).
	 */
	int (*record)(void *arg, struct store *st, const struct watch_msg *m,
	    void *result, struct store_seen *seen);
	/* Free the result (called after record, whatever happened). */
	void (*release)(void *arg, void *result);
	void *arg;
	/* Handle every message, even one whose Message-ID was handled in
	 * another folder (the user's own copies in Sent). */
	bool all_ids;
	/*
	 * Can the contents of the message matter, seeing only its header
	 * and whether its structure may hold a
	 * calendar (imap_msg.calendar_maybe)?  false: examine gets the header
	 * and the MIME headers of its parts, every content omitted; the
	 * handler vouches that its result is then the same.  NULL: always.
	 */
	bool (*wants_contents)(void *arg, const char *header, size_t len, bool calendar_maybe);
	/*
	 * Optional: was the result got without looking at the message, for
	 * a cause that is none of the message's (the parser could not be
	 * started)?  Then the reason; NULL when it was examined.  Such a
	 * message is not recorded, nor is any after it in the batch: the
	 * sync stops before it and fails for now (IMAP_TEMPFAIL, *err says
	 * why), and the next sync examines it again.  NULL: never.
	 */
	const char *(*deferred)(void *arg, void *result);
};

/* lookback for a folder whose past is never handled (see above). */
#define WATCH_FROM_NOW ((int64_t)-1)

struct watch_stats {
	size_t handled;             /* recorded through the handler */
	size_t skipped;             /* duplicates by Message-ID */
	uint64_t bytes;             /* message data fetched */
	/* The folder is left selected, and its listing covered every message
	 * of the server's count exists (imap_selected_exists) then: had the
	 * count moved since, an arrival may have been told only in an
	 * answer, not listed.  false: it was not selected (STATUS said
	 * nothing came), or the sync failed. */
	bool covered;
	uint32_t exists;
};

/* At most this many bytes of text and calendar contents are fetched per
 * message (the MIME parser reads 1 MiB of text at most); a message without
 * a structure is fetched whole up to this size (imap_fetch_parts). */
#define WATCH_MAX_FETCH (1024u * 1024)

/*
 * Sync folder: select it, handle every message not yet handled (see the
 * top of this file), oldest first.  lookback is detect.lookback in seconds,
 * or WATCH_FROM_NOW.
 * Returns IMAP_OK, IMAP_TEMPFAIL (network, or the store was busy: try
 * again later) or IMAP_PERMFAIL (the folder does not exist, store error);
 * *err (caller frees) then says what failed.  stats may be NULL.
 */
enum imap_result watch_sync(struct imap *im, struct store *st, const char *folder,
    int64_t lookback, time_t now, const struct watch_handler *h,
    struct watch_stats *stats, char **err);

#endif
