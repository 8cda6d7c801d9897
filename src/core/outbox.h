/*
 * outbox: turn plans into queued mails, render them, send what is due,
 * retry, give up, and recover after a crash.
 *
 * Lifecycle of a mail: model.h's transition table is the rule; this
 * module does followupd's part of it:
 *
 *   plan     -> held (review mode, or a mail that must be reviewed)
 *            -> pending (auto mode)
 *   claim    pending or deferred, due -> sending: committed before any
 *            byte goes to SMTP
 *   handed   (still sending) the whole body is handed to SMTP: marked,
 *            committed, just before libcurl gets its last bytes (the
 *            body-handed mark, smtp.h's struct smtp_mark); only after it
 *            can end-of-data go, so only after it may the server accept
 *   sending  -> sent       250 after the body; then a copy goes to Sent
 *            -> deferred   temporary failure: retried with exponential
 *                          backoff and jitter until send.give_up after its
 *                          first attempt, then failed
 *            -> failed     permanent failure: never retried
 *            -> unknown    the connection died after the body: looked up
 *                          in Sent by Message-ID; if absent it waits for
 *                          the user (never resent blindly)
 *   unwritable: a new mail that cannot be rendered -> failed
 *
 * The user's part (approve, hold, cancel, send-now, retry, edit) is
 * review.h's; followupd's own withdrawals (interview cancelled...) are
 * track's (store_outbox_cancel).  Neither ever touches an unknown mail
 * but the user's cancel, retry, approve and send-now: it may have left.
 *
 * A mail found in "sending" at start (a crash mid-send) is settled by its
 * mark (outbox_recover): not handed -> certainly not sent, deferred and
 * retried like a temporary failure, nobody asked; handed -> like an
 * unknown outcome (looked up in Sent).  Only the moments between the mark
 * and the server's reply to end-of-data leave a mail unknown.  A failed
 * mark (the store) stops that send before its end: deferred, not sent.
 * send.max_per_day counts mails sent, sending or unknown
 * since local midnight in me.timezone, and is never exceeded.
 *
 * Rendering: a mail's bytes are rendered when it is planned (so `followupctl
 * show` shows exactly what will leave) and rendered again in the claim's
 * transaction (notes may have arrived), unless the user edited it: an edit
 * is sent as it is, but for two header fields.  Either way Date becomes
 * the claim time and Message-ID the id recorded for the mail (whatever an
 * edit did to the header; one is made then if none is recorded), so the id
 * looked up in Sent after a crash is the one that went out.
 *
 * Durability (outbox.c says why it holds): of the commits of a send only
 * the body-handed mark is flushed to the disk; the claim (with its
 * attempt) and the outcome survive a crash of the process but a power loss
 * may take the last of them back, which leaves a mail either waiting as
 * before (no end of body went) or "sending" (settled by outbox_recover).
 * The copies in Sent of up to 16 sent mails go together, after them.
 *
 * The module does no network I/O itself: the caller passes the operations
 * (struct outbox_io), so SMTP and IMAP stay in their modules.
 */
#ifndef FOLLOWUPD_OUTBOX_H
#define FOLLOWUPD_OUTBOX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "config.h"
#include "smtp.h"
#include "store.h"
#include "template.h"

struct outbox;

/*
 * An outbox over st with cfg and the templates of cfg->templates_dir (all
 * loaded now).  Returns NULL with every template problem appended to
 * *errors.  st and cfg are borrowed and must outlive it.
 */
struct outbox *outbox_new(struct store *st, const struct config *cfg,
    struct template_errors *errors);
void outbox_free(struct outbox *ob);

/*
 * Plan the mails of interview id (plan.h) and queue what is new; mails
 * already queued (same kind, person, interview, number) that are still
 * waiting get the new due time, unless edited.  Works inside the caller's
 * transaction.  Returns the number of new mails, or a negative store code.
 */
int outbox_plan_interview(struct outbox *ob, int64_t id, time_t now);

/*
 * After a rejection of application app (interview the last one, 0 if
 * unknown) received at `at`: queue the feedback request to to_name/to_email
 * (NULL: the application's contact); met and doubt as for
 * plan_rejection().  Returns the number of new mails or a negative store
 * code.
 */
int outbox_plan_rejection(struct outbox *ob, int64_t app, int64_t interview,
    const char *to_name, const char *to_email, time_t at, time_t now, bool met,
    const char *doubt);

/*
 * Render mail id again from its template and the current state (notes),
 * keeping its Message-ID; an edited mail is left as it is.  0, or -1 with
 * *err (caller frees).
 */
int outbox_render(struct outbox *ob, int64_t id, time_t now, char **err);

/*
 * Render again every waiting (pending, held, deferred) mail of interview
 * id, after its notes changed: `followupctl show` then shows what will
 * leave.  Edited mails are left alone.  Returns how many were rendered, or
 * a negative store code.
 */
int outbox_render_interview(struct outbox *ob, int64_t id, time_t now);

/*
 * The user's own words that mail id carries (notes.h: the lines they
 * addressed to its recipient or to all interviewers), one line each, for
 * `followupctl show` and the log.  A new string, or NULL when it carries
 * none, is edited (the user wrote it all), or is the user's own reflection.
 */
char *outbox_mail_words(struct outbox *ob, int64_t id);

/*
 * Who may read the notes of interview id: "1 line for Ada Brooks, 1 for
 * all interviewers, 3 private" (a new string; NULL on a store error).
 */
char *outbox_notes_summary(struct outbox *ob, int64_t id);

/* One copy for Sent (struct outbox_io's save_copies). */
struct outbox_copy {
	int64_t mail_id;
	const char *data;
	size_t len;
	char *err;                  /* NULL: saved (or nothing to save); else
	                               why not, a new string the outbox frees */
};

/* What the outbox needs from the network, supplied by the daemon. */
struct outbox_io {
	/* Hand one mail to SMTP (smtp.h outcomes); detail: one line.  mark
	 * is the mail's body-handed mark: give it to smtp_send_marked() (or
	 * call mark->handed once, just before the body's last bytes can go,
	 * and stop without ending the body if it fails). */
	enum smtp_result (*send)(void *arg, const char *from, const char *const *rcpts,
	    size_t nrcpt, const char *data, size_t len, const struct smtp_mark *mark,
	    char **detail);
	/* Save a copy in the Sent folder; 0 or -1 with *err. */
	int (*save_copy)(void *arg, const char *data, size_t len, char **err);
	/* Is a mail with this Message-ID in the Sent folder?  1 yes, 0 no,
	 * -1 cannot tell now (try again later). */
	int (*find_sent)(void *arg, const char *message_id);
	/* Asked before each mail: true ends the round early (a TERM); may be
	 * NULL.  The daemon also feeds its watchdog here. */
	bool (*stop)(void *arg);
	void *arg;
	/* Save the copies of several mails in Sent, together where the server
	 * allows; sets each copy's err.  May return before the server has
	 * answered (the daemon then records a late failure itself, as the
	 * outbox would).  May be NULL: save_copy, one by one. */
	void (*save_copies)(void *arg, struct outbox_copy *copies, size_t n);
};

struct outbox_stats {
	unsigned sent, deferred, failed, unknown;
	bool capped;                /* the daily cap stopped the round */
	bool auth_failed;           /* the login was refused: stop until later */
};

/*
 * Send every mail due at now (within the daily cap, inside the send
 * window unless the user said send-now).  A round that meets the cap stops
 * there with stats->capped; only the first such round of a local day logs
 * it.  Returns 0, or a negative store code (nothing was lost: what was
 * claimed is recorded).
 */
int outbox_deliver(struct outbox *ob, const struct outbox_io *io, time_t now,
    struct outbox_stats *stats);

/*
 * At start: every mail left in "sending" by a crash (one or several: each
 * is settled on its own), by its body-handed mark:
 *   not handed -> the server never saw the end of its body: certainly not
 *                 sent.  That attempt is a temporary failure: deferred
 *                 with the backoff of its attempts (the claim counted it),
 *                 or failed once send.give_up has passed since its first
 *                 attempt.  No user question, no Sent lookup.
 *   handed     -> it may have gone: looked up in Sent: found -> sent, not
 *                 found -> unknown (waits for the user).
 * Returns the number of mails resolved, or a negative store code.  If
 * find_sent cannot tell, a handed mail stays "sending" and is looked at on
 * the next call; *left (if not NULL) counts those, so the caller knows to
 * call again.
 */
int outbox_recover(struct outbox *ob, const struct outbox_io *io, time_t now,
    size_t *left);

/* The earliest time something in the outbox is due (0: nothing waits on
 * the clock).  Once a round has found send.max_per_day reached, nothing is
 * due before the next local midnight in me.timezone (the limit is logged
 * once, by that round). */
time_t outbox_next_due(struct outbox *ob);

#endif
