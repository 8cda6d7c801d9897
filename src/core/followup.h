/*
 * followup: the use cases, what the state becomes when something comes in.
 * Both programs call them: followupd for the mails it watches, followupctl
 * for what the user enters by hand.
 *
 *   take a mail     a recognised mail: the user's own reply in one of our
 *                   threads becomes notes; a mail without job words in the
 *                   thread of an application is a reply; a job mail
 *                   recognition could not place is left for the user to
 *                   look at (followup_taken.unplaced); an interview,
 *                   update, cancellation, rejection, offer or reply goes
 *                   to track (track.h), an invite from a doubtful sender
 *                   has the interview's mails held (track_distrust), the
 *                   interview remembers how sure its reading was
 *                   (interview.doubt, with a "confidence" event; in auto
 *                   mode a doubt holds its mails, plan.h), and
 *                   the mails follow: planned for a new or moved
 *                   interview, the feedback request after a rejection
 *                   (to its sender when a person wrote it, parties_is_robot).
 *   take a sent mail
 *                   a mail the user sent themselves (the Sent folder):
 *                   never job mail; sentmail.h decides (a thank-you the
 *                   user wrote cancels ours to that person, a mail to the
 *                   recruiter restarts the nudges, one in a thread is
 *                   activity), each decision an audit event.
 *   add notes       notes on an interview; its waiting mails are planned
 *                   and rendered again so they carry them.
 *   add an interview
 *                   the facts of an interview the user typed in (no mail
 *                   behind them): track, then plan its mails.
 *
 * Each use case is one transaction: its own when the store has none open,
 * else the caller's (watch's record step, which also records the mail as
 * seen).  On failure nothing of it is left (its own transaction is rolled
 * back; the caller rolls back its own) and a negative store code is
 * returned, store_errmsg() says why.  The use cases write no log line of
 * their own (the outbox logs what it plans): the programs report what
 * happened, from the results.
 */
#ifndef FOLLOWUPD_FOLLOWUP_H
#define FOLLOWUPD_FOLLOWUP_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "config.h"
#include "detect.h"
#include "outbox.h"
#include "sentmail.h"
#include "store.h"
#include "track.h"

/* What the use cases work on; all borrowed. */
struct followup {
	struct store *st;
	const struct config *cfg;
	struct outbox *ob;
};

/* What became of a mail taken in. */
enum followup_outcome {
	FOLLOWUP_OTHER,             /* not about an interview: nothing done */
	FOLLOWUP_OWN,               /* the user's own mail, outside our threads
	                               or without text: nothing done */
	FOLLOWUP_NOTES,             /* the user's own reply: notes on track.interview_id */
	FOLLOWUP_TRACKED,           /* applied to the state (track holds what) */
};

struct followup_taken {
	enum followup_outcome outcome;
	const char *kind;           /* for the seen record: detect_kind_str() of the
	                               kind acted on, "own" or "notes" (static) */
	struct track_result track;  /* the application and interview it went to */
	char *held;                 /* the interview's mails are held from now on,
	                               for this reason (followup_taken_clear frees) */
	char *unplaced;             /* FOLLOWUP_OTHER of a job mail recognition
	                               could not place (detection_unplaced): why,
	                               for the seen record and the log
	                               (followup_taken_clear frees); NULL otherwise */
	int placed;                 /* FOLLOWUP_TRACKED: how many unplaced mails
	                               of its thread it placed (store_unplaced_place) */
};

/*
 * Take in the mail recognised as d, whose new text (for notes) is text
 * (may be NULL), at now.  *out is overwritten; clear it with
 * followup_taken_clear.  Returns 0 or a negative store code.
 */
int followup_take_mail(const struct followup *fu, const struct detection *d, const char *text,
    time_t now, struct followup_taken *out);
void followup_taken_clear(struct followup_taken *t);

/*
 * Take in the mail d the user sent (found in the Sent folder) at now:
 * gather what it may concern, decide (sentmail_decide) and apply each
 * decision: supersede the thank-you (cancelled with the reason), record
 * the contact and plan the application's interviews again (the nudges
 * move), an audit event for each decision but "nothing".  *out (cleared
 * first; free with sentmail_result_clear) holds the decisions, for the
 * log.  Returns 0 or a negative store code.
 */
int followup_take_sent(const struct followup *fu, const struct detection *d, time_t now,
    struct sentmail_result *out);

/*
 * Add text as notes on interview id: source "mail" with the Message-ID of
 * the user's reply (reply, may be NULL), or "followupctl" (reply NULL),
 * with an audit event; then its mails are planned and rendered again.
 * Returns 1 done, 0 no such interview, or a negative store code.
 */
int followup_add_notes(const struct followup *fu, int64_t id, const char *source,
    const char *reply, const char *text, time_t now);

/*
 * Add (or confirm) the interview the user described in f at now, and plan
 * its mails.  *res says which interview and whether it is new.  Returns 0
 * or a negative store code.
 */
int followup_add_interview(const struct followup *fu, const struct interview_facts *f,
    time_t now, struct track_result *res);

/*
 * The unplaced mail seen_id (store_unplaced_list) is the interview f after
 * all, as the user says (followupctl add-interview --unplaced): f gets the
 * mail as its source (its Message-ID, so that its thread leads to the
 * interview; its subject, sender and Date) and its sender as the contact
 * when f names none, a person reads that address and it is not the user's;
 * then as followup_add_interview, and the mail leaves the list.  Returns 1,
 * 0 if seen_id is no unplaced mail still waiting (dismissed, placed, or
 * none), or a negative store code.
 */
int followup_place_unplaced(const struct followup *fu, int64_t seen_id,
    struct interview_facts *f, time_t now, struct track_result *res);

#endif
