/*
 * plan: the policy.  Given what is known of an interview (or an
 * application) and the clock, which mails should exist, to whom, and when.
 * Pure: no I/O, no clock of its own (`now` is a parameter), no store
 * access: it takes and gives model.h's types, and links without SQLite
 * (tests/unit/policy.am keeps it so).  The outbox module applies a plan to
 * the store.
 *
 * What it decides (the numbers come from the config):
 *
 *   thank_you           one per interviewer with an address, due at end +
 *                       thank_you.after moved into the send window; never
 *                       later than end + thank_you.latest: when the window
 *                       makes that impossible, the earliest allowed time
 *                       after the end, with a note saying so.  Interviewers
 *                       without an address: one mail to the contact naming
 *                       them (kind thank_you_contact, apart from a
 *                       thank-you to the contact as an interviewer), always
 *                       held for review.
 *   thank_you_contact   the mail above; and a contact who is not an
 *                       interviewer (the recruiter, or an organiser who sent
 *                       the invite for a panel and is not on it) gets one as
 *                       thanks for arranging it, when at least one
 *                       interviewer gets a thank-you (thank_you.contact).  Skipped (with a note)
 *                       when the interview is found only after end + latest, or when more than
 *                       PLAN_MAX_INTERVIEWERS are listed.  With
 *                       thank_you.wait_for_notes and no notes yet, due
 *                       one hour before the latest time instead (notes
 *                       arriving re-plan it to the normal time).
 *   reference_warning   per reference_warning.when (final: a final round or
 *                       the company asked about references; always; never),
 *                       to every configured reference, due at now + after.
 *                       At most one per reference per cooldown: while one is
 *                       still waiting, the new company is folded into it (no
 *                       new mail); one sent within the cooldown pushes the
 *                       next to its end.
 *   status_nudge        to the contact (an address that is not the user's),
 *                       the business day after decision_by when the mail
 *                       promised a date, else end + status_nudge.after;
 *                       then `repeat` more, `every` apart.  When the user
 *                       last wrote to the contact themselves (last_contact,
 *                       seen in Sent: sentmail.h) and that + after is
 *                       later, the nudges count from there instead.
 *                       Replies into the thread of the mail that announced
 *                       the interview.
 *   reflection          to the user, at end + after, and end + again.
 *   feedback_request    after a rejection, to the person who sent it (if
 *                       human) or the application's contact, at + after.
 *
 * Every due time goes through the send window (send.window, send.weekends,
 * in me.timezone).  Mode review: every mail is held for approval; auto:
 * pending, due no earlier than now + send.grace.
 *
 * Held with a reason (plan_mail.hold_reason), whatever the mode:
 *   - every mail of an interview with a hold reason of its own (model.h:
 *     an invite that failed the sender checks);
 *   - every mail of an interview that was over when followupd first saw
 *     it (its `created` at or after its end: first start, catch-up after
 *     downtime): "found late: ...";
 *   - in auto mode, every mail of an interview recognised with doubts
 *     (interview.doubt: a low-confidence reading, an address guessed from
 *     a name): "low confidence: no time zone in the mail".  Review mode
 *     holds every mail anyway, without this reason;
 *   - a feedback request whose time passed before the rejection was seen.
 * Never planned, with a line in `skipped`: a thank-you after
 * thank_you.latest, a reflection prompt PLAN_REFLECTION_LATEST after its
 * time, a reference warning for an interview over for two weeks, a status
 * nudge whose successor's time has passed too.
 */
#ifndef FOLLOWUPD_PLAN_H
#define FOLLOWUPD_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "config.h"
#include "model.h"

/* A reflection prompt found later than this after its time is not sent. */
#define PLAN_REFLECTION_LATEST (7 * 86400)

/* More interviewers than this: no thank-yous at all, a note instead (a
 * panel that large is a webinar or a hostile invite, not an interview). */
#define PLAN_MAX_INTERVIEWERS 12

struct plan_mail {
	enum mail_kind kind;        /* also says which template writes it */
	int64_t application_id;
	int64_t interview_id;       /* 0 for feedback requests */
	int64_t person_id;          /* the person the mail is about or to; 0 = none */
	char *recipient_name;       /* may be NULL */
	char *recipient_email;
	int nth;                    /* 1, 2...: nudge number, second reflection */
	time_t due;
	bool held;                  /* waits for the user's approval */
	char *hold_reason;          /* why it is held whatever the mode, or NULL
	                               (held by review mode or by its kind) */
	bool reply;                 /* in the thread of the announcing mail */
	char *why;                  /* one line for the audit log */
};

struct plan {
	struct plan_mail *mails;
	size_t n;
	char **notes;               /* audit lines: what was not planned, and why */
	size_t nnotes;
	char **skipped;             /* audit and log lines: mails not planned
	                               because their latest time has passed */
	size_t nskipped;
};

/* What the outbox already knows about one configured reference. */
struct plan_reference_state {
	time_t last_sent;           /* last reference warning sent to them; 0 = never */
	int64_t waiting_id;         /* a warning still waiting (pending/held); 0 = none */
};

/*
 * The mails interview iv calls for; app is its application's status (a
 * rejected or withdrawn application gets nothing, an offer no nudges),
 * last_contact when the user last wrote to its contact (0 = never),
 * people its participants.  refs has one entry per cfg->references (may be
 * NULL when there are none).  The result is appended to *out (zero it
 * first); free with plan_clear.
 */
void plan_interview(const struct config *cfg, const struct interview *iv,
    enum app_status app, time_t last_contact, const struct participant *people,
    size_t npeople,
    bool has_notes, const struct plan_reference_state *refs, time_t now,
    struct plan *out);

/*
 * The feedback request after a rejection of application app, received at
 * `at`, to `to` (the human who sent it, else the application's contact;
 * the caller chooses, NULL when there is nobody: then only a note).
 * doubt: why the rejection was read with low confidence, or NULL; in auto
 * mode the request is then held "low confidence: DOUBT" (a mail asking
 * why one was turned down must not go on a misreading).  met: an
 * interview of the application had started by `at` (track_rejected_before);
 * without one the request is held in either mode: it thanks people for
 * conversations, and none took place.
 */
void plan_rejection(const struct config *cfg, int64_t app, int64_t interview_id,
    const struct person *to, time_t at, time_t now, bool met, const char *doubt,
    struct plan *out);

/* "low confidence: DOUBT" (caller frees). */
char *plan_doubt_reason(const char *doubt);

/* "found late: the interview ended before followupd saw it (DATE TIME)",
 * end in the user's zone (caller frees). */
char *plan_found_late_reason(const struct config *cfg, time_t end);

/*
 * The latest useful moment of a mail of this kind, due at `due`, of an
 * interview that ended at `end` (0: unknown, or no interview): a thank-you
 * end + thank_you.latest, a reflection prompt due + PLAN_REFLECTION_LATEST,
 * a reference warning end + two weeks; 0 (none) for the others (a nudge,
 * a feedback request) and when the time it counts from is unknown.
 */
time_t plan_latest(const struct config *cfg, enum mail_kind kind, time_t end, time_t due);

/* Move t into the send window (the earliest allowed time >= t). */
time_t plan_in_window(const struct config *cfg, time_t t);

/* True if email is one of the user's own addresses (parties_is_mine over
 * me.addresses: any case, sub-addresses included). */
bool plan_is_me(const struct config *cfg, const char *email);

void plan_clear(struct plan *p);

#endif
