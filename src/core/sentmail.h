/*
 * sentmail: what a mail the user sent themselves (found in the Sent
 * folder) changes.  Pure: no I/O, no clock of its own (`now` is a
 * parameter), no store access; the use case (followup.h) gathers the state
 * it needs and applies the decisions.
 *
 * A mail in Sent is the user's own, never incoming job mail.  The rules,
 * in order:
 *
 *   ours       its Message-ID is a mail followupd sent (its own copy in
 *              Sent): nothing changes.
 *   not mine   From is none of me.addresses (parties_is_mine): nothing
 *              changes (a draft of someone else's mail, a forward kept).
 *   undated    no Date header: nothing changes (when it was written cannot
 *              be told, and an old mail moved into Sent must not act).
 *   then, with `at` = the Date (a Date later than now counts as now: a
 *   wrong clock must not push the nudges away):
 *   supersede  To/Cc names the recipient of a thank-you that is still
 *              waiting (pending, held, deferred: model.h's supersede
 *              action) and `at` is at or after the start of its interview:
 *              that one thank-you is cancelled, "you wrote to Ada Brooks
 *              yourself at 14:02 BST".  Only that person's: the other
 *              interviewers' still go.
 *   keep       the same, but written before the interview began ("looking
 *              forward to it"): the thank-you stays, and the log says so.
 *   contacted  To/Cc names the contact of an active application (the
 *              recruiter): its status nudges count from `at` (plan.h).
 *   activity   the mail is in the thread of an application (In-Reply-To/
 *              References, found by the caller) and it was no contact of
 *              that application: recorded as activity.
 * Anything else changes nothing.  Every decision carries a one-line
 * reason for the log and the audit trail.
 */
#ifndef FOLLOWUPD_SENTMAIL_H
#define FOLLOWUPD_SENTMAIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "model.h"

/* The parsed envelope of the user's mail; everything borrowed. */
struct sentmail_envelope {
	const char *from;           /* the From address, NULL if none */
	const char *const *to;      /* To and Cc addresses */
	size_t nto;
	time_t date;                /* the Date header, 0 = none */
	const char *message_id;     /* NULL if none */
};

/* A thank-you (thank_you or thank_you_contact) followupd has not sent. */
struct sentmail_thanks {
	int64_t mail_id;
	int64_t application_id;
	int64_t interview_id;
	enum mail_status status;
	const char *name;           /* its recipient; name may be NULL */
	const char *email;
	time_t interview_start;     /* 0 = unknown: never superseded */
};

/* A recipient who is the contact (recruiter) of an active application. */
struct sentmail_contact {
	int64_t application_id;
	const char *email;
};

/* What the state says about the mail's recipients; everything borrowed. */
struct sentmail_state {
	const char *const *me;      /* me.addresses */
	size_t nme;
	const char *timezone;       /* me.timezone, for the reasons */
	bool ours;                  /* the Message-ID is a mail of the outbox */
	const struct sentmail_thanks *thanks;   /* those to the recipients */
	size_t nthanks;
	const struct sentmail_contact *contacts; /* active applications whose
	                               contact is a recipient */
	size_t ncontacts;
	int64_t thread_application; /* the thread's application, 0 = none */
	int64_t thread_interview;
};

enum sentmail_act {
	SENTMAIL_NOTHING,           /* ours, not mine, undated, or about nothing known */
	SENTMAIL_SUPERSEDE,         /* cancel thank-you mail_id */
	SENTMAIL_KEEP,              /* a thank-you's recipient, before the interview */
	SENTMAIL_CONTACTED,         /* application_id's nudges count from `at` */
	SENTMAIL_ACTIVITY,          /* activity in the thread of application_id */
};

struct sentmail_decision {
	enum sentmail_act act;
	int64_t mail_id;            /* SUPERSEDE, KEEP */
	int64_t application_id;
	int64_t interview_id;       /* 0 when about the application */
	time_t at;                  /* when the user wrote */
	char *reason;               /* one line */
};

struct sentmail_result {
	struct sentmail_decision *v;
	size_t n;
};

/*
 * Decide what mail e changes, given s, at now.  *out is overwritten (at
 * least one decision: a single SENTMAIL_NOTHING when nothing changes);
 * free it with sentmail_result_clear.
 */
void sentmail_decide(const struct sentmail_envelope *e, const struct sentmail_state *s,
    time_t now, struct sentmail_result *out);
void sentmail_result_clear(struct sentmail_result *r);

/* "superseded", "kept", "contacted", "activity", "nothing". */
const char *sentmail_act_name(enum sentmail_act a);

#endif
