/*
 * track: apply what recognition found in a mail to the state: applications,
 * interviews, people, and the pending mails a change makes moot.
 *
 *   interview  find or create the application (company + role) and the
 *              interview (by event UID; without one, by application and
 *              start time), link interviewers and the contact;
 *   update     a higher (or equal) calendar SEQUENCE, or a mail in the
 *              interview's thread, moves it: new times, people added; the
 *              pending mails of the interview move by the same amount;
 *              a lower SEQUENCE is stale and ignored;
 *   cancel     the interview is cancelled and its pending mails cancelled;
 *   rejection, offer, reply
 *              attach to an application by thread (In-Reply-To,
 *              References), by a person already known, by the sender's
 *              domain, or by the ATS sender plus the company name; a
 *              rejection or an offer changes the application's status, and
 *              any of them cancels its pending status nudges.
 * Every decision is an event in the audit log, with the reason.
 *
 * track_apply() runs inside the caller's transaction (watch's record step)
 * and does no I/O but the store.
 */
#ifndef FOLLOWUPD_TRACK_H
#define FOLLOWUPD_TRACK_H

#include <stdint.h>

#include "detect.h"
#include "store.h"

struct track_result {
	int64_t application_id;     /* 0 = not attached to any */
	int64_t interview_id;       /* 0 = none */
	bool changed;               /* the state changed (plan should look) */
	bool interview_new;         /* a new interview was created */
	bool interview_moved;       /* its time changed */
	bool interview_cancelled;
};

/* The user's own addresses: never linked as a person of an interview, and
 * never a reason to attach a mail to an application. */
struct track_me {
	const char *const *addresses;
	size_t n;
};

/*
 * Apply d (recognised in the mail with Message-ID d->message_id) to the
 * store.  me may be NULL.  Returns 0, or a negative store code (the caller
 * rolls back).
 */
int track_apply(struct store *st, const struct detection *d, const struct track_me *me,
    struct track_result *res);

/*
 * Interviews still "scheduled" whose end (or start, when no end is known)
 * is at or before now become "done", each with an audit event.  Runs in its
 * own transaction (or the caller's).  Returns how many, or a negative store
 * code (nothing changed).  An update that moves a done interview makes it
 * scheduled again (track_apply); the next call finishes it again if its
 * new time is past too.
 */
int track_finish(struct store *st, int64_t now);

/* The organisation domain of an address ("ada@mail.acme.com" -> "acme.com");
 * NULL for free mail providers, hiring systems and calendar services
 * (parties_is_service_domain) and invalid input.  Caller frees. */
char *track_company_domain(const char *email);

/*
 * Why the mails of an interview announced by d must wait for the user, or
 * NULL when nothing speaks against the mail (caller frees).  Pure.
 *   - The user's provider found the sender forged (the first
 *     Authentication-Results header: dmarc=fail, or dkim=fail without a
 *     dkim=pass): "the invite failed the sender checks of your provider
 *     (dmarc=fail)".
 *   - The sender (From) is not at the organisation of any other
 *     interviewer (the organiser among them) or of the contact (the same
 *     track_company_domain; the sender listing themselves counts for
 *     nothing), and is neither a hiring system or calendar service
 *     (parties_is_service_sender) nor one of the user's addresses: "the sender (x@y) is not at the
 *     interviewers' organisation".  Not when nobody but the sender and the
 *     user has an address (no one else would be written to).
 * me may be NULL.
 */
char *track_distrust(const struct detection *d, const struct track_me *me);

#endif
