/*
 * track: apply what recognition found in a mail to the state: applications,
 * interviews, people, and the pending mails a change makes moot.
 *
 *   interview  find or create the application (company + role) and the
 *              interview (by event UID; without one, by application and
 *              start time), link interviewers and the contact;
 *   update     a higher (or equal) calendar SEQUENCE, a mail in the
 *              interview's thread, or, outside both, a mail that names
 *              the day of the one interview of its application (by its
 *              sender, contact or domain) still to come when it was
 *              written ("your interview of Tuesday 23 February moves to
 *              Thursday"), moves it: new times, people added; the
 *              pending mails of the interview move by the same amount;
 *              a lower SEQUENCE is stale and ignored; an update that
 *              says the time stays (time_kept: a room change) never
 *              moves a known interview; an update with
 *              no time but a day (moved_day: "Wednesday, same time")
 *              moves the interview of its thread to that day at its own
 *              local hour, and when no thread leads to one, moves
 *              nothing and holds the mails of the scheduled interviews
 *              of the application its sender belongs to, with the
 *              reason (it may move one of them); an update that
 *              matches no known interview makes a new one, and when the
 *              same application or company has another scheduled
 *              interview still to come when the mail was written (one
 *              that took place can no longer move), both get a hold reason ("an update to an invite
 *              followupd never saw: it may move interview N (...)"), their
 *              waiting mails held: the same people must not be thanked
 *              twice, once for a time that never happened;
 *   cancel     the interview is cancelled and its pending mails cancelled;
 *   rejection, offer, reply, and news (an update with no time and no
 *   calendar event: a decision date promised, references asked for)
 *              attach to an application by thread (In-Reply-To,
 *              References), by a person already known, by the sender's
 *              organisation domain (parties_org_domain: the one rule), or
 *              by the ATS sender plus the company name; a
 *              rejection or an offer changes the application's status, and
 *              any of them cancels its pending status nudges, except a
 *              reply or news that promises a decision date: the date goes
 *              to the interview it is about (its thread's, else the
 *              application's latest that is not cancelled),
 *              res->decision_moved is set, and the nudges are planned again
 *              to follow it; news that asks for references marks that
 *              interview (the references' heads-up follows, as for a final
 *              round).
 * Every decision is an event in the audit log, with the reason.
 *
 * An interview is told by its facts (struct interview_facts), whether a
 * mail was recognised or the user typed them; the thread a mail belongs to
 * is found by one rule (track_thread).  track_interview and track_apply
 * run inside the caller's transaction (the use cases of followup.h);
 * nothing here does I/O but the store.
 */
#ifndef FOLLOWUPD_TRACK_H
#define FOLLOWUPD_TRACK_H

#include <stdint.h>
#include <time.h>

#include "detect.h"
#include "store.h"

struct track_result {
	int64_t application_id;     /* 0 = not attached to any */
	int64_t interview_id;       /* 0 = none */
	bool changed;               /* the state changed (plan should look) */
	bool interview_new;         /* a new interview was created */
	bool interview_moved;       /* its time changed */
	bool interview_cancelled;
	bool decision_moved;        /* news set the interview's decision date or references */
};

/* The user's own addresses: never linked as a person of an interview, and
 * never a reason to attach a mail to an application. */
struct track_me {
	const char *const *addresses;
	size_t n;
	const char *name;           /* me.name, or NULL */
};

/* What the facts say of an interview. */
enum track_change {
	TRACK_ANNOUNCED,            /* an interview (maybe one already known) */
	TRACK_UPDATED,              /* a known interview changes */
	TRACK_CANCELLED,            /* a known interview is off */
};

/* A person the facts name; either field may be NULL. */
struct track_person {
	char *name;
	char *email;
};

/*
 * What is known about one interview, whoever tells it: a recognised mail
 * (track_facts_from_detection) or the user (followupctl add-interview).
 * Every string is UTF-8, owned by the facts and freed by
 * track_facts_clear(); NULL = unknown.
 */
struct interview_facts {
	enum track_change change;
	char *company;
	char *role;
	bool has_start, has_end;
	time_t start, end;          /* UTC; no end: start + 1 hour */
	char *timezone;             /* IANA zone of the interview */
	struct track_person *interviewers;
	size_t ninterviewers;
	struct track_person contact;
	char *meeting_url;
	char *location;
	char *decision_by;          /* "YYYY-MM-DD" */
	char *moved_day;            /* "YYYY-MM-DD", an update with no start:
	                               the interview moves to this day at its
	                               own hour ("Wednesday, same time") */
	char **days;                /* the days an update names ("YYYY-MM-DD"):
	                               outside any thread and UID, the one
	                               interview still to come on one of them
	                               is the one it is about */
	size_t ndays;
	bool time_kept;             /* an update that says the interview's time
	                               stays: a known interview keeps its own */
	bool final_round;
	bool asks_references;
	bool time_uncertain;        /* a time was seen but its zone is unknown */
	char *reason;               /* why we know: for the audit log */
	/* Where the facts come from: the calendar event and the mail (none
	 * when entered by hand). */
	char *event_uid;
	int sequence;               /* calendar SEQUENCE, 0 when none */
	char *message_id;
	char *subject;
	char *in_reply_to;
	char **references;
	size_t nreferences;
	bool has_date;
	time_t date;                /* the mail's Date */
	char *sender;               /* From address: the company's domain when
	                               nobody else has one; a hiring system's */
};

/* Hold every mail of interview iv for the user, those waiting and those
 * planned later, with why (the first reason stays), and say so in the
 * audit log ("distrust").  0 or a negative store code. */
int track_hold(struct store *st, int64_t app, int64_t iv, const char *why);

/* The facts a recognised mail gives (f is overwritten): DETECT_UPDATE is
 * TRACK_UPDATED, DETECT_CANCEL TRACK_CANCELLED, any other kind
 * TRACK_ANNOUNCED; the sender is d->from.email.  Free with
 * track_facts_clear.  The one conversion from recognition to track. */
void track_facts_from_detection(const struct detection *d, struct interview_facts *f);
/* Add a person to f->interviewers (copies of name and email, either NULL). */
void track_facts_add_interviewer(struct interview_facts *f, const char *name, const char *email);
/* Free what f holds and zero it. */
void track_facts_clear(struct interview_facts *f);

/*
 * Apply the facts of one interview to the store (see the top of this
 * file: interview, update, cancel).  me may be NULL.  Runs inside the
 * caller's transaction.  Returns 0, or a negative store code (the caller
 * rolls back).
 */
int track_interview(struct store *st, const struct interview_facts *f,
    const struct track_me *me, struct track_result *res);

/*
 * Apply d (recognised in the mail with Message-ID d->message_id) to the
 * store: interviews, updates and cancellations through their facts
 * (track_interview), rejections, offers and replies to their application.
 * me may be NULL.  Returns 0, or a negative store code (the caller rolls
 * back).
 */
/* Is d news on an application (rejection, offer, reply, or an update with
 * no time and no event), which never creates or moves an interview? */
bool track_is_news(const struct detection *d);

int track_apply(struct store *st, const struct detection *d, const struct track_me *me,
    struct track_result *res);

/*
 * The thread a mail belongs to, from its In-Reply-To and References: the
 * messages are looked at nearest first (In-Reply-To, then References from
 * the last to the first), each by store_application_by_message_id (an
 * interview's source mail, a mail we sent, a mail already attached).  The
 * nearest message that names an interview gives the application and the
 * interview; when none does, the nearest known message gives its
 * application (*interview = 0).  Returns 1 found, 0 not (both ids 0), or a
 * negative store code.  The one thread rule of the program.
 */
int track_thread(struct store *st, const char *in_reply_to, char *const *references,
    size_t nreferences, int64_t *application, int64_t *interview);

/*
 * Interview iv will not take place: it becomes cancelled and every mail of
 * it still waiting (pending, held, deferred) is cancelled with it, with the
 * event "interview N cancelled; M pending mail(s) cancelled (HOW)".  The
 * one cancellation, whoever says it: a mail (track_apply), the user
 * (review_cancel_interview).  Inside the caller's transaction.  The number
 * of mails cancelled, or a negative store code.
 */
int track_cancel(struct store *st, const struct interview *iv, const char *how);

/*
 * A rejection of application app, written at `at` (the mail's Date, else
 * when it was read), that came before some of its interviews: the mails of
 * each interview still scheduled to start after `at` are held (pending and
 * deferred ones, store_outbox_hold_interview) with the reason "the
 * application was rejected before this interview (mail MSGID): it may not
 * take place": a thank-you for a conversation that never happened must
 * not go by itself.  *met: whether an interview of app (scheduled or done)
 * had started at or before `at`.  Inside the caller's transaction.  The
 * number of mails held, or a negative store code.
 */
int track_rejected_before(struct store *st, int64_t app, time_t at, const char *msgid,
    bool *met);

/*
 * Interviews still "scheduled" whose end (or start, when no end is known)
 * is at or before now become "done", each with an audit event.  Runs in its
 * own transaction (or the caller's).  Returns how many, or a negative store
 * code (nothing changed).  An update that moves a done interview makes it
 * scheduled again (track_apply); the next call finishes it again if its
 * new time is past too.
 */
int track_finish(struct store *st, int64_t now);

/*
 * Why the mails of an interview announced by d must wait for the user, or
 * NULL when nothing speaks against the mail (caller frees).  Pure.
 *   - The user's provider found the sender forged (the first
 *     Authentication-Results header: dmarc=fail, or dkim=fail without a
 *     dkim=pass): "the invite failed the sender checks of your provider
 *     (dmarc=fail)".
 *   - The sender (From) is not at the organisation of any other
 *     interviewer (the organiser among them) or of the contact (the same
 *     parties_org_domain; the sender listing themselves counts for
 *     nothing), and is neither a hiring system or calendar service
 *     (parties_is_service_sender) nor one of the user's addresses: "the
 *     sender (x@y) is not at the interviewers' organisation".  Not when
 *     nobody but the sender and the user has an address (no one else
 *     would be written to).
 * me may be NULL.
 */
char *track_distrust(const struct detection *d, const struct track_me *me);

/*
 * Why the words the mails of an interview announced by d would carry are
 * in doubt, or NULL (caller frees).  Pure.  A thank-you that names the
 * wrong company, or puts the user's own name in the role, goes out in the
 * user's name; a reading that cannot be checked against the mail's own
 * addresses is not sure enough to write alone.
 *   - The company is spelled by none of the organisation domains
 *     (parties_org_domain, RFC 2606's example.com/net/org left out) of
 *     the sender, the interviewers and the contact, when at least one of
 *     them has such a domain: "the company read as "Level 9" is not in
 *     the addresses of its people (southerlycloud.example)".  Spelled
 *     means, accents folded (utf8_fold_ascii): the domain's first label
 *     holds one of the company's words of three letters or more that is
 *     not a generic word (software, labs, group...), or the company's
 *     letters hold the label, or the label starts with the initials of
 *     two or more words ("General Electric", ge.com).
 *   - The role or the company contains me->name: "the role read as
 *     "Jane Doe / Engineer" contains your name".
 * me may be NULL.
 */
char *track_doubt_words(const struct detection *d, const struct track_me *me);

#endif
