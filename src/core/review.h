/*
 * review: the user's decisions on queued mails (followupctl approve, hold,
 * cancel, send-now, retry, edit), as use cases over the store.
 *
 * Each use case is one transaction: the status move, the audit event and
 * anything that goes with them (send-now's request, retry's new clock)
 * commit together or not at all.  Which status a mail may leave for which
 * is model.h's transition table, never a list written here; the caller
 * parses arguments and prints.  Nothing here signals the daemon.
 *
 * Results: REVIEW_OK; REVIEW_NO_MAIL (no mail with that id);
 * REVIEW_REFUSED (its status does not allow the action: *was says which);
 * REVIEW_CHANGED (it changed between the caller's look and the write:
 * nothing was written); REVIEW_ERROR (a store failure, store_errmsg() says
 * why; nothing was written).
 */
#ifndef FOLLOWUPD_REVIEW_H
#define FOLLOWUPD_REVIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "digest.h"
#include "model.h"
#include "store.h"

enum review_result {
	REVIEW_OK, REVIEW_NO_MAIL, REVIEW_REFUSED, REVIEW_CHANGED, REVIEW_ERROR
};

/*
 * approve (held or unknown -> pending), hold, cancel (the user's: an
 * unknown mail too): action is MAIL_ACT_APPROVE, MAIL_ACT_HOLD or
 * MAIL_ACT_CANCEL.  The event is "mail ID: ACTION by hand (now STATUS)".
 * *now_status (may be NULL) is the status it has now; *was (may be NULL)
 * the one that refused it.
 */
enum review_result review_decide(struct store *st, int64_t id, enum mail_action action,
    enum mail_status *now_status, enum mail_status *was);

/* The mails that wait for approval (held), oldest due first, of interview
 * `interview` (0: of every interview): *ids (caller frees; NULL when *n
 * is 0).  0, or REVIEW_ERROR. */
int review_held(struct store *st, int64_t interview, int64_t **ids, size_t *n);

/*
 * The user's word that interview id will not take place (an update of an
 * invite followupd never saw moved it, say, and another interview is the
 * same one at its new time): the interview becomes cancelled and every
 * mail of it still waiting (pending, held, deferred) is cancelled with it,
 * as track_cancel() does for a mail that calls it off ("... (by hand)").  *n (may be NULL): how many mails.  REVIEW_NO_MAIL when
 * there is no such interview, REVIEW_REFUSED when it is cancelled already.
 */
enum review_result review_cancel_interview(struct store *st, int64_t id, int *n);

/*
 * Send mail id at once, outside the send window (never past the daily
 * cap): pending, due `now`, with a send-now request for the outbox.
 * REVIEW_REFUSED when it is missing or its status does not allow it.
 */
enum review_result review_send_now(struct store *st, int64_t id, int64_t now);

/*
 * Send a failed or unknown mail again: pending (held when hold is true:
 * review mode), due `now`, with a new give-up clock.  *m (zeroed first,
 * caller clears) is the mail as it was, for the messages; the event names
 * its former status and error.
 */
enum review_result review_retry(struct store *st, int64_t id, bool hold, int64_t now,
    struct mail *m);

/*
 * Before an edit: load mail id into *m (caller clears) and check that its
 * status allows an edit (REVIEW_REFUSED, with m->status, if not).
 */
enum review_result review_edit_check(struct store *st, int64_t id, struct mail *m);

/*
 * Save the user's edit of mail id (len bytes, wire form): its bytes are
 * what will be sent, and a re-render never overwrites them.
 * REVIEW_CHANGED if the mail left or changed meanwhile.
 */
enum review_result review_edit_save(struct store *st, int64_t id, const void *data,
    size_t len);

/*
 * The user's reply to review digest `digest` (digest.h): each step without
 * a refusal is the user's decision as by hand (approve, cancel, hold, send
 * now), its event saying "by reply to digest D", and is recorded as acted
 * on for that digest with the reply's Message-ID (reply, may be NULL).  A
 * step a reply to this digest already acted on, or whose status no longer
 * allows it, gets its refusal set instead; every refusal gets an event
 * ("digest-reply").  One transaction: the caller's when one is open (the
 * daemon's, which records the reply as seen), else its own.  0, or
 * REVIEW_ERROR (nothing of it is left when the transaction was its own;
 * the caller rolls back its own).
 */
int review_digest_reply(struct store *st, int64_t digest, const char *reply,
    struct digest_step *steps, size_t n, int64_t now);

#endif
