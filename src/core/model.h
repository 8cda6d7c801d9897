/*
 * model: the domain followupd works on, apart from how it is stored.
 *
 *   application   a company + role the user applied to, and how it stands
 *   interview     one meeting of an application (from an invite or by hand)
 *   person        someone followupd knows by name and/or address
 *   participant   a person in the role they have in one interview
 *   mail          a follow-up mail: its kind says what it is for and which
 *                 template writes it; its status where it is in its life
 *
 * and the one lifecycle of a mail: the transition table below says, for
 * every action of the user or of followupd, which statuses a mail may be
 * in for it and which it may go to.  The store moves a mail only from a
 * status the caller names (compare-and-set); the callers (review, outbox,
 * track) take those statuses from this table and nowhere else.
 *
 * Every enum is stored and shown as its name ("thank_you_contact",
 * "pending"...).  *_name returns "?" for an out-of-range value; *_parse
 * returns 0 and sets *out, or -1 for an unknown name.
 *
 * Strings in the structs are owned by the struct (the *_clear functions
 * free them); optional ones are NULL when unset.  Times are UTC seconds
 * since the epoch, 0 for unknown.  No I/O here: this module links with
 * nothing but libc.
 */
#ifndef FOLLOWUPD_MODEL_H
#define FOLLOWUPD_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Bit for a value in a status or kind mask (0 as a mask means "any"). */
#define MODEL_BIT(v) (1u << (unsigned)(v))

/* ---- application ---- */

enum app_status {
	APP_ACTIVE, APP_REJECTED, APP_OFFER, APP_WITHDRAWN,
	APP_STATUS_COUNT
};

struct application {
	int64_t id;
	char *company;
	char *role;                 /* "" when unknown */
	enum app_status status;
	char *company_domain;       /* "example.com", or NULL */
	char *ats_sender;           /* "no-reply@greenhouse.io", or NULL */
	int64_t last_contact;       /* the Date of the user's own last mail to its
	                               contact (seen in Sent), 0 = none */
	int64_t created, updated;
};
void application_clear(struct application *a);

/* ---- interview ---- */

enum iv_status {
	IV_SCHEDULED, IV_DONE, IV_CANCELLED,
	IV_STATUS_COUNT
};

struct interview {
	int64_t id;
	int64_t application_id;
	char *event_uid;            /* calendar UID, unique when set */
	int64_t sequence;           /* calendar SEQUENCE */
	int64_t start, end;         /* 0 = unknown */
	char *timezone;             /* IANA name the invite used, or NULL */
	enum iv_status status;
	bool final_round;
	bool asks_references;
	char *decision_by;          /* "YYYY-MM-DD" or NULL */
	char *meeting_url;
	char *location;
	char *source_message_id;    /* the mail that announced it */
	char *source_references;    /* its References, for nudges in the thread */
	char *source_subject;
	int64_t created, updated;
	/* Why every mail of this interview waits for the user (an invite
	 * that failed the sender checks...), or NULL.  The first reason
	 * stays (store_interview_set_hold_reason). */
	char *hold_reason;
	/* How sure the recognition that last created or changed it was: NULL
	 * when sure (a calendar invite from the organiser's side, a hiring
	 * system's mail with a time, typed in by hand), else the doubts
	 * ("no time zone in the mail; company unknown").  In auto mode every
	 * mail of a doubtful interview waits for the user (plan.h). */
	char *doubt;
};
void interview_clear(struct interview *iv);

/* ---- people ---- */

enum person_role {
	ROLE_INTERVIEWER, ROLE_CONTACT, ROLE_REFERENCE, ROLE_ME,
	ROLE_COUNT
};

/* Someone known to followupd, whatever interviews they were in. */
struct person {
	int64_t id;
	char *name;                 /* NULL if unknown */
	char *email;                /* NULL if unknown; unique case-insensitively */
	enum person_role first_role; /* the role they were first seen in */
};
void person_clear(struct person *p);

/* A person in one interview, in the role they have there (a person may
 * be in several roles in one interview: one participant each). */
struct participant {
	int64_t id;                 /* the person's id */
	char *name;
	char *email;
	enum person_role role;      /* their role in this interview */
};
void participant_clear(struct participant *p);
void participants_free(struct participant *rows, size_t n);

/* ---- mails ---- */

enum mail_kind {
	MAIL_THANK_YOU,             /* to an interviewer */
	MAIL_THANK_YOU_CONTACT,     /* to the contact: for arranging it, or for
	                               the interviewers without an address */
	MAIL_REFERENCE_WARNING, MAIL_STATUS_NUDGE,
	MAIL_REFLECTION, MAIL_FEEDBACK_REQUEST,
	MAIL_KIND_COUNT
};

enum mail_status {
	MAIL_PENDING,               /* waits for its time */
	MAIL_HELD,                  /* waits for the user */
	MAIL_SENDING,               /* claimed: bytes may be on their way */
	MAIL_SENT,
	MAIL_DEFERRED,              /* a temporary failure: retried later */
	MAIL_FAILED,                /* given up; the user may retry */
	MAIL_CANCELLED,
	MAIL_UNKNOWN,               /* the send was interrupted after its whole
	                               body was handed over and the mail is not
	                               in Sent: it may have left */
	MAIL_STATUS_COUNT
};

/*
 * What may happen to a mail.  The table (model.c) gives, for each, the
 * statuses it may start from and those it may lead to; an action whose
 * targets are 0 leaves the status as it is (it changes something else:
 * the bytes, the due time).  Everything not in the table is refused.
 *
 *   action          from                               to
 *   plan            (a new mail)                       pending, held
 *   approve         held, unknown                      pending
 *   hold            pending, deferred                  held
 *   cancel          pending, held, deferred, unknown   cancelled
 *   withdraw        pending, held, deferred            cancelled
 *   send_now        pending, held, deferred, unknown   pending
 *   retry           failed, unknown                    pending, held
 *   edit            pending, held, deferred, failed    (same)
 *   retime          pending, held, deferred            (same)
 *   follow          pending, held                      (same)
 *   claim           pending, deferred                  sending
 *   sent            sending                            sent
 *   defer           sending, deferred                  deferred
 *   fail            sending                            failed
 *   unwritable      pending, held                      failed
 *   lost            sending                            unknown
 *   recover         sending                            sent, unknown
 *   supersede       pending, held, deferred            cancelled
 *
 * A mail found "sending" after a crash: recover when its whole body had
 * been handed to SMTP (the body-handed mark, outbox.h); without the mark
 * it was certainly not sent, and the interrupted attempt is a temporary
 * failure: defer (or fail once given up), as after a 4xx.
 *
 * cancel is the user's (followupctl cancel); withdraw is followupd's own
 * (the interview was cancelled, moved, or answered); supersede is
 * followupd's too, because the user wrote that mail themselves (seen in
 * the Sent folder), and the mail keeps the reason (cancel_reason).
 * Only the user
 * settles a mail of unknown outcome: it may have left, so followupd never
 * withdraws it, and edit refuses it (retry it first).
 */
enum mail_action {
	MAIL_ACT_PLAN, MAIL_ACT_APPROVE, MAIL_ACT_HOLD, MAIL_ACT_CANCEL,
	MAIL_ACT_WITHDRAW, MAIL_ACT_SEND_NOW, MAIL_ACT_RETRY, MAIL_ACT_EDIT,
	MAIL_ACT_RETIME, MAIL_ACT_FOLLOW, MAIL_ACT_CLAIM, MAIL_ACT_SENT,
	MAIL_ACT_DEFER, MAIL_ACT_FAIL, MAIL_ACT_UNWRITABLE, MAIL_ACT_LOST,
	MAIL_ACT_RECOVER, MAIL_ACT_SUPERSEDE,
	MAIL_ACT_COUNT
};

/* The statuses an action may start from (MODEL_BIT mask; 0 for plan). */
unsigned mail_action_from(enum mail_action a);
/* The statuses it may lead to (0: the status stays as it is). */
unsigned mail_action_to(enum mail_action a);
/* True if action a may take a mail from status `from` to status `to`
 * (for an action that keeps the status, to must equal from). */
bool mail_action_allows(enum mail_action a, enum mail_status from, enum mail_status to);
/* The statuses from which followupd may record `to` as the outcome of a
 * send (sent, defer, fail, unwritable, lost, recover); 0 if none. */
unsigned mail_outcome_from(enum mail_status to);
/* "approve", "send_now"... ("?" when out of range). */
const char *mail_action_name(enum mail_action a);

/* Waiting: not yet being sent (what followupd withdraws by itself). */
#define MAIL_WAITING (MODEL_BIT(MAIL_PENDING) | MODEL_BIT(MAIL_HELD) | \
	MODEL_BIT(MAIL_DEFERRED))

/*
 * A mail to send: what it is, to whom, when, its exact bytes and how its
 * sending went.  The store keeps one row per mail (store_outbox_*); its
 * listing row adds what the application says (struct store_outbox_row).
 */
struct mail {
	int64_t id;
	enum mail_kind kind;
	enum mail_status status;
	int64_t application_id;     /* on insert 0 = take the interview's */
	int64_t interview_id;       /* 0 = about the application as a whole */
	int64_t person_id;          /* who the mail is about, 0 = none */
	char *recipient_name;
	char *recipient_email;      /* required */
	int nth;                    /* tells deliberate repeats apart: nudge
	                               number, second reflection... */
	int64_t due;                /* when it may leave */
	int attempts;               /* claims so far, less refused logins */
	int64_t next_attempt;       /* retry time after a deferral, 0 = none */
	char *message_id;           /* unique when set */
	char *in_reply_to;
	char *references;
	char *subject;
	unsigned char *rendered;    /* the exact bytes to send, or NULL */
	size_t rendered_len;
	bool edited;                /* the user changed the rendered bytes */
	char *last_error;
	int64_t created, updated;
	int64_t sent_at;            /* 0 until sent */
	int64_t first_attempt;      /* first counted claim, 0 before (set by claim) */
	char *hold_reason;          /* why it is held whatever the mode ("found late:
	                               ..."), NULL for none; stored only with status
	                               held, cleared when the mail is approved */
	char *cancel_reason;        /* why followupd cancelled it ("you wrote to Ada
	                               Brooks yourself at 14:02"), NULL for none */
};
/* Free what *m owns and zero it; NULL is fine. */
void mail_clear(struct mail *m);
void mails_free(struct mail *rows, size_t n);

/* ---- names ---- */

const char *app_status_name(enum app_status v);
int app_status_parse(const char *s, enum app_status *out);
const char *iv_status_name(enum iv_status v);
int iv_status_parse(const char *s, enum iv_status *out);
const char *role_name(enum person_role v);
int role_parse(const char *s, enum person_role *out);
const char *mail_kind_name(enum mail_kind v);
int mail_kind_parse(const char *s, enum mail_kind *out);
const char *mail_status_name(enum mail_status v);
int mail_status_parse(const char *s, enum mail_status *out);

#endif
