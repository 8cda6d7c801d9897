/*
 * store: all persistent state in one SQLite database (WAL).  This is the
 * only module that speaks SQL; everything else goes through the typed
 * functions below.  The domain types (application, interview, person,
 * participant, mail kinds and statuses, the mail lifecycle) are model.h's:
 * the store maps rows to and from them.  Its own structs are bookkeeping
 * (messages seen, events, the summary) and the rows of joined reads
 * (struct store_interview_row, struct store_outbox_row: the entity and
 * what its application says).
 *
 * Conventions for every function here:
 *
 * - Times are UTC seconds since the epoch (int64_t).  A time of 0 means
 *   "unknown / not set" and is stored as NULL.  Row ids start at 1, so an
 *   id of 0 means "none".
 * - Return values: a negative value is a failure, STORE_ERR (-1) or
 *   STORE_BUSY (-2); store_errmsg() then says why (with SQLite's message).
 *   STORE_BUSY means another process held the write lock for longer than
 *   the busy timeout: nothing was changed, try again later.  Success is 0,
 *   or a documented non-negative count or flag (1 found / 0 not found,
 *   1 inserted / 0 already there, number of rows changed).
 * - Writes: each write function is atomic.  Called outside a transaction it
 *   runs in its own BEGIN IMMEDIATE ... COMMIT; called between
 *   store_begin() and store_commit() it joins the caller's transaction, and
 *   on failure leaves that transaction open for the caller to roll back.
 * - Strings handed in are copied; NULL and "" are both stored as NULL for
 *   optional fields.  Strings in result structs are owned by the struct and
 *   released by the matching *_clear() or *_free() function; optional ones
 *   are NULL when unset.
 * - Stamps such as `created`, `updated` and an event's `at` come from the
 *   store's clock: time(NULL), or the value given to store_set_now().
 */
#ifndef FOLLOWUPD_STORE_H
#define FOLLOWUPD_STORE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model.h"

struct store;

#define STORE_OK    0
#define STORE_ERR  (-1)
#define STORE_BUSY (-2)

/* store_open() flags. */
#define STORE_RDONLY  0x1  /* no writes, no migrations; the file must exist */

#define STORE_DEFAULT_BUSY_TIMEOUT_MS 5000

/* The schema version this program writes (PRAGMA user_version). */
int store_schema_version(void);

/*
 * Open (and create if needed) the database at path.  A new file is created
 * with mode 0600 whatever the umask; the parent directory must exist.  The
 * connection uses WAL, synchronous=FULL, foreign_keys=ON and a busy timeout
 * of STORE_DEFAULT_BUSY_TIMEOUT_MS, and pending migrations are applied
 * (each in its own transaction).  A database written by a newer program
 * (user_version above store_schema_version()) is refused.  With
 * STORE_RDONLY the file must exist and be fully migrated.
 * Returns 0 and *out, or STORE_ERR/STORE_BUSY with *err set to a message
 * (caller frees) and *out NULL.
 */
int store_open(const char *path, int flags, struct store **out, char **err);

/* Close the connection; NULL is fine.  An open transaction is rolled back. */
void store_close(struct store *st);

/* The last error, never NULL ("" when none).  Valid until the next call. */
const char *store_errmsg(const struct store *st);

/* Milliseconds SQLite waits on a lock before a call gives STORE_BUSY. */
void store_set_busy_timeout(struct store *st, int ms);

/* Override the store's clock (tests, simulations); 0 returns to time(NULL). */
void store_set_now(struct store *st, int64_t now);
int64_t store_now(const struct store *st);

/*
 * Transactions.  store_begin() is BEGIN IMMEDIATE: it takes the write lock
 * at once (STORE_BUSY if someone else keeps it past the busy timeout), so a
 * transaction that began never fails later for lock reasons.  Nesting is
 * an error.  store_rollback() outside a transaction is a no-op.
 */
int store_begin(struct store *st);
int store_commit(struct store *st);
int store_rollback(struct store *st);

/*
 * store_begin() for a transaction whose commit is relaxed: written to the
 * WAL, visible to every reader, but not flushed to the disk (SQLite's
 * synchronous = NORMAL for this one commit; see store_outbox_relaxed for
 * what survives what).  It survives a crash of the process; a power loss
 * or a kernel crash before the next flush may take it back (never a later
 * commit without it: the WAL is replayed as a checksummed prefix).  The
 * commit or rollback restores the level there was (nothing to switch
 * while store_outbox_relaxed(true) is in force; a commit that cannot
 * restore it returns the error, committed).  For a caller that
 * flushes soon after (store_flush) and does nothing outside the store
 * before that.
 */
int store_begin_relaxed(struct store *st);
/*
 * Flush every commit made so far by any connection to the disk (an fsync
 * of the WAL): after it the relaxed ones survive a power loss too.
 * Outside a transaction.  0 or a negative store code.
 */
int store_flush(struct store *st);
bool store_in_transaction(const struct store *st);

/*
 * Crash-test switch: after the n-th successful COMMIT from now (explicit
 * or made by a write function on its own), the process calls _exit(99) at
 * once.  n = 0 turns it off.  For tests that kill the program between
 * state writes, never for production.
 */
void store_crash_after_commits(struct store *st, unsigned n);

/*
 * 1 if another connection committed changes since the previous call (or
 * since open), 0 if not (PRAGMA data_version).  Cheap; the daemon uses it
 * to notice followupctl's edits.
 */
int store_changed(struct store *st);

/* ---- enumerations ---- */

/* What became of a message seen in a watched folder. */
enum store_seen_outcome {
	STORE_SEEN_HANDLED, STORE_SEEN_UNREADABLE, STORE_SEEN_IGNORED,
	STORE_SEEN_OUTCOME_COUNT
};
const char *store_seen_outcome_name(enum store_seen_outcome v);
int store_seen_outcome_parse(const char *s, enum store_seen_outcome *out);

/* Bit for a value in a status or kind mask of a filter (0 = any). */
#define STORE_BIT(v) MODEL_BIT(v)

/* ---- key/value meta (daemon pid, last sync, poke counter) ---- */

/* 1 and *value (caller frees) if the key exists, 0 and NULL if not. */
int store_meta_get(struct store *st, const char *key, char **value);
/* Set a key; value NULL deletes it.  0 on success. */
int store_meta_set(struct store *st, const char *key, const char *value);
/* As above for integers; a value that is not an integer reads as 0/not found. */
int store_meta_get_int(struct store *st, const char *key, int64_t *value);
int store_meta_set_int(struct store *st, const char *key, int64_t value);
/* Record that a mailbox sync finished at `at` (shown by status). */
int store_set_last_sync(struct store *st, int64_t at);
/* Increment the "poke" counter (followupctl: "state changed, look again"). */
int store_poke(struct store *st);
/*
 * The user's "send this mail at once" (followupctl send-now), kept in meta
 * as send_now.ID until the outbox has sent it: request sets it (0 on
 * success), requested says 1 if it is set, 0 if not, done clears it (0).
 */
int store_send_now_request(struct store *st, int64_t mail_id);
int store_send_now_requested(struct store *st, int64_t mail_id);
int store_send_now_done(struct store *st, int64_t mail_id);

/* ---- IMAP folder bookkeeping ---- */

/* 1 with *uidvalidity and *last_uid if the folder is known, 0 if not. */
int store_folder_get(struct store *st, const char *folder,
		uint32_t *uidvalidity, uint32_t *last_uid);
/* Insert or replace the folder's state.  0 on success. */
int store_folder_set(struct store *st, const char *folder,
		uint32_t uidvalidity, uint32_t last_uid);

/* ---- messages seen ---- */

struct store_seen {
	const char *folder;         /* required */
	uint32_t uidvalidity;
	uint32_t uid;
	const char *message_id;     /* Message-ID header, or NULL */
	const char *kind;           /* what recognition said ("interview"...), or NULL */
	const char *subject;
	const char *from;
	int64_t date;               /* Date header, 0 if missing */
	enum store_seen_outcome outcome;
	int64_t application_id;     /* what it was attached to, 0 = nothing */
	int64_t interview_id;
	const char *doubt;          /* a job mail recognition could not place
	                               (detection_unplaced): why, one line;
	                               NULL for every other mail */
};

/* Record a message.  1 if recorded, 0 if (folder, uidvalidity, uid) was
 * already there (nothing changed). */
int store_seen_add(struct store *st, const struct store_seen *m);
/* 1 if (folder, uidvalidity, uid) is recorded, 0 if not. */
int store_seen_is_seen(struct store *st, const char *folder,
		uint32_t uidvalidity, uint32_t uid);
/* 1 if any message with this exact Message-ID was recorded, 0 if not.
 * The user's own mails seen in Sent (kind "sent") do not count: a copy of
 * one may arrive in a watched folder too, and is handled there. */
int store_seen_message_id(struct store *st, const char *message_id);

/*
 * The job mails recognition could not place (a doubt recorded with them):
 * followupctl unplaced lists them, and status counts them, until the user
 * dismisses one or it is older than STORE_UNPLACED_AGE (by its Date, else
 * by when it was seen): by then a missed interview is long over.
 */
#define STORE_UNPLACED_AGE (30 * 86400)
struct store_unplaced {
	int64_t id;                 /* the seen record's id */
	char *folder;
	uint32_t uid;
	char *message_id, *subject, *from;  /* NULL when the mail had none */
	int64_t date;               /* Date header, 0 if missing */
	int64_t seen_at;            /* when followupd took it in */
	char *doubt;
	int64_t dismissed_at;       /* 0 = not dismissed (nor placed) */
	int64_t application_id;     /* placed: what it turned out to be about */
	int64_t interview_id;       /* (0 = not placed, or no interview) */
};
/* Those not dismissed and not too old at now, oldest first; with all, every
 * one ever recorded.  Free with store_unplaced_free. */
int store_unplaced_list(struct store *st, int64_t now, bool all, struct store_unplaced **rows,
		size_t *n);
void store_unplaced_free(struct store_unplaced *rows, size_t n);
/* How many wait at now (those store_unplaced_list lists without all):
 * 0 and *n, or a negative store code. */
int store_unplaced_count(struct store *st, int64_t now, int64_t *n);
/* The unplaced mail id, waiting or not: 1 and *u (free it with
 * store_unplaced_clear), 0 if id is no unplaced mail. */
int store_unplaced_get(struct store *st, int64_t id, struct store_unplaced *u);
void store_unplaced_clear(struct store_unplaced *u);
/* It was about this application and interview (interview 0: none) after
 * all: the user placed it (followupctl add-interview --unplaced), or a
 * later mail of its thread was.  It leaves the list, and its thread leads
 * there (store_application_by_message_id).  By id when id > 0, else every
 * waiting copy of message_id.  1 if one was waiting, 0 if none. */
int store_unplaced_place(struct store *st, int64_t id, const char *message_id,
		int64_t application_id, int64_t interview_id, int64_t now);
/* The user has looked at it: 1 dismissed, 0 if id is no unplaced mail or
 * was dismissed already. */
int store_unplaced_dismiss(struct store *st, int64_t id, int64_t now);
/* Every one waiting at now: how many were dismissed, or a negative store
 * code. */
int store_unplaced_dismiss_all(struct store *st, int64_t now);

/* ---- applications ---- */

/*
 * Find the application for company + role (case-insensitive; role NULL is
 * ""), or create it active.  domain and ats_sender, when given, fill in
 * fields that were unknown.  Returns 1 if created, 0 if found; *id is set
 * either way.
 */
int store_application_find_or_create(struct store *st, const char *company,
		const char *role, const char *domain, const char *ats_sender, int64_t *id);
/* 1 and *out filled if found, 0 if not. */
int store_application_get(struct store *st, int64_t id, struct application *out);
/* Lookups used to attach replies, rejections and offers.  Each returns 1
 * and *id (the most recently updated match) or 0 and *id = 0. */
int store_application_by_domain(struct store *st, const char *domain, int64_t *id);
int store_application_by_ats(struct store *st, const char *ats_sender,
		const char *company, int64_t *id);
/* The application of an interview this person (by email) took part in. */
int store_application_by_person(struct store *st, const char *email, int64_t *id);
/*
 * The application (and interview, 0 if none) a Message-ID belongs to: the
 * source of an interview, a recorded message attached to one, or a mail
 * we sent.  For In-Reply-To/References threading.
 */
int store_application_by_message_id(struct store *st, const char *message_id,
		int64_t *application_id, int64_t *interview_id);
/* Set the status.  1 if the application exists, 0 if not. */
int store_application_set_status(struct store *st, int64_t id,
		enum app_status status);
/* The active applications whose contact (in any of their interviews) has
 * this address (any case), by id; 0 and *ids (caller frees; NULL when *n
 * is 0). */
int store_application_by_contact(struct store *st, const char *email, int64_t **ids,
		size_t *n);
/* The user wrote to the contact of application id at `at` (a mail in
 * Sent): kept if later than the one recorded.  1 if changed, 0 if not
 * (no such application, or a later contact is known). */
int store_application_set_last_contact(struct store *st, int64_t id, int64_t at);
/* Every application, newest first. */
int store_application_list(struct store *st, struct application **rows, size_t *n);
void store_applications_free(struct application *rows, size_t n);

/* ---- interviews ---- */

/* An interview as listed: the entity and what its application says. */
struct store_interview_row {
	struct interview iv;
	char *company;
	char *role;                 /* "" when unknown */
	enum app_status app_status;
};

/* Insert a new interview (id, created, updated, hold_reason and doubt of
 * *iv are ignored); 0 and *id.  A duplicate event_uid is an error. */
int store_interview_insert(struct store *st, const struct interview *iv, int64_t *id);
/* Overwrite the mutable fields (everything but id, application_id, the
 * stamps, hold_reason and doubt) of interview iv->id.  1 if it exists, 0 if not. */
int store_interview_update(struct store *st, const struct interview *iv);
/* 1 if it exists, 0 if not. */
int store_interview_set_status(struct store *st, int64_t id, enum iv_status status);
/* Record why every mail of interview id must be held for the user.  The
 * first reason stays: 1 if set now, 0 if the interview is unknown or
 * already has one. */
int store_interview_set_hold_reason(struct store *st, int64_t id, const char *reason);
/* Record how sure the last recognition that created or changed interview
 * id was: doubt NULL when sure, else why not (model.h).  1 if it exists,
 * 0 if not. */
int store_interview_set_doubt(struct store *st, int64_t id, const char *doubt);
/* 1 and *out filled if found, 0 if not (free with interview_clear). */
int store_interview_get(struct store *st, int64_t id, struct interview *out);
int store_interview_find_uid(struct store *st, const char *event_uid,
		struct interview *out);

struct store_interview_filter {
	bool upcoming;              /* scheduled and not yet ended at `now` */
	int64_t now;
	int64_t application_id;     /* 0 = any (but see company) */
	const char *company;        /* also any application's of this company
	                               (ASCII case-insensitive); NULL = none */
	unsigned status_mask;       /* STORE_BIT(enum iv_status)s, 0 = any */
	int64_t ended_before;       /* only those with end (or start) < this; 0 = any */
};
/* Interviews matching f (NULL = all), ordered by start then id.  0 and
 * *rows (NULL when *n is 0). */
int store_interview_list(struct store *st, const struct store_interview_filter *f,
		struct store_interview_row **rows, size_t *n);
void store_interview_row_clear(struct store_interview_row *r);
void store_interviews_free(struct store_interview_row *rows, size_t n);

/* ---- people ---- */

/*
 * Find a person by email (case-insensitive) or create one.  A known person
 * without a name gets the given one.  Without an email a new person is
 * always created.  Returns 1 if created, 0 if found; *id set either way.
 */
int store_person_upsert(struct store *st, const char *name, const char *email,
		enum person_role role, int64_t *id);
/* 1 and *out if someone has this email, 0 if not (free with person_clear). */
int store_person_by_email(struct store *st, const char *email, struct person *out);
/*
 * Link a person to an interview in a role (upserting the person).  A person
 * without an email is matched by name among the interview's people, so
 * handling the same mail twice adds nobody twice.  Returns 1 if the link is
 * new, 0 if it existed; *person_id (may be NULL) set either way.
 */
int store_interview_add_person(struct store *st, int64_t interview_id,
		const char *name, const char *email, enum person_role role, int64_t *person_id);
/* The people of an interview with their roles there, in link order (free
 * with participants_free). */
int store_interview_people(struct store *st, int64_t interview_id,
		struct participant **rows, size_t *n);

/* ---- notes (what the user remembers of an interview) ---- */

struct store_note {
	int64_t id;
	int64_t interview_id;
	int64_t at;
	char *source;               /* "followupctl", "mail"... */
	char *text;
};
/* Add a note; 0 and *id (may be NULL). */
int store_note_add(struct store *st, int64_t interview_id, const char *source,
		const char *text, int64_t *id);
/* Notes of an interview, oldest first. */
int store_note_list(struct store *st, int64_t interview_id,
		struct store_note **rows, size_t *n);
void store_notes_free(struct store_note *rows, size_t n);

/* ---- outbox ---- */

/* A mail as listed: the entity (model.h) and what its application says. */
struct store_outbox_row {
	struct mail m;
	char *company;
	char *role;                 /* "" when unknown */
};

/*
 * Queue a mail (id, attempts, the stamps, sent_at, first_attempt,
 * next_attempt and last_error are ignored; status must be one the plan
 * action leads to: pending or held).  One mail per kind, interview
 * (or application), recipient email (case-insensitive) and nth: a second
 * insert with the same key changes nothing.  Returns 1 if inserted, 0 if
 * that mail already existed; *id (may be NULL) is the row either way.  A
 * Message-ID that another mail already has is an error.
 */
int store_outbox_insert(struct store *st, const struct mail *m, int64_t *id);
/* 1 and *out if found, 0 if not (free with mail_clear). */
int store_outbox_get(struct store *st, int64_t id, struct mail *out);
int store_outbox_by_message_id(struct store *st, const char *message_id,
		struct mail *out);

struct store_outbox_filter {
	unsigned status_mask;       /* STORE_BIT(enum mail_status)s, 0 = any */
	unsigned kind_mask;         /* STORE_BIT(enum mail_kind)s, 0 = any */
	int64_t application_id;     /* 0 = any */
	int64_t interview_id;       /* 0 = any */
	const char *recipient_email; /* NULL = any, case-insensitive */
	int64_t due_since;          /* only due >= this; 0 = any */
};
/* Mails matching f (NULL = all) with their application, ordered by due
 * then id (free with store_outbox_rows_free). */
int store_outbox_list(struct store *st, const struct store_outbox_filter *f,
		struct store_outbox_row **rows, size_t *n);
/*
 * Mails ready to go at `now`: pending or deferred whose ready time (the
 * retry time if set, else due) is <= now, earliest first, at most limit
 * (0 = no limit).  Free with mails_free.
 */
int store_outbox_due(struct store *st, int64_t now, size_t limit,
		struct mail **rows, size_t *n);
/* 1 and *when = the earliest ready time of a pending or deferred mail, or
 * 0 if there is none (held mails wait for the user, not the clock). */
int store_outbox_next_due(struct store *st, int64_t *when);
/*
 * Claim a mail for sending: atomically, only if its status allows the claim
 * (model.h: pending or deferred) and it is ready at `now`, set it to sending and count the attempt.  Returns 1
 * if claimed, 0 if not (someone else has it, not due, wrong state).  Call
 * it outside a transaction (or commit right after): the claim must be
 * committed before any byte goes out.
 */
int store_outbox_claim(struct store *st, int64_t id, int64_t now);
/*
 * The body-handed mark of the attempt under way (outbox.h): record that
 * the whole body of mail id, being sent, is now handed to SMTP, in its own
 * committed transaction (refused with STORE_ERR inside a caller's: the
 * mark must be durable when this returns).  It is durable in either mode
 * of store_outbox_relaxed(): while relaxed, the commit is followed by the
 * flush of the WAL that a strict commit makes (so the round needs no
 * switch of the connection around it).  1 if marked, 0 if the mail is
 * not "sending" (nothing is marked: the caller must not let it go), or a
 * negative store code.  The mark is cleared by the schema itself whenever
 * the mail is claimed again or goes back to waiting (pending, held,
 * deferred); sent, failed and unknown mails keep it.
 */
int store_outbox_mark_handed(struct store *st, int64_t id);
/* 1 and *at (when) if mail id carries the mark, 0 if not (or no such
 * mail), or a negative store code. */
int store_outbox_handed(struct store *st, int64_t id, int64_t *at);
/*
 * Take back the attempt a claim counted, when the try never reached the
 * point of sending (the login was refused): attempts - 1, and no first
 * attempt if that was the first.  1 if the mail exists, 0 if not.
 */
int store_outbox_uncount_attempt(struct store *st, int64_t id);
/*
 * Record what became of a send (model.h's outcomes: sent, defer, fail,
 * unwritable, lost, recover): status, the error text (NULL clears it), the
 * retry time (deferred; 0 = none), only from a status mail_outcome_from()
 * allows (a claimed mail; a deferred one re-timed; a new one that cannot be
 * written).  sent stamps sent_at.  1 if changed, 0 if the mail is gone or
 * its status allows no such outcome (the user cancelled it meanwhile...).
 */
int store_outbox_set_status(struct store *st, int64_t id, enum mail_status status,
		const char *error, int64_t next_attempt);
/*
 * How durable the next commits of this connection are.  relaxed: a commit
 * is written to the WAL but not flushed to the disk (SQLite's synchronous
 * = NORMAL in WAL mode): it survives a crash of the process (the bytes
 * are in the kernel's page cache), but a power loss or a kernel crash may
 * take back the last commits made so (never a later one without the
 * earlier: the WAL is replayed as a checksummed prefix), and the next
 * strict commit flushes them all.  Strict (the default) is synchronous =
 * FULL.  For records whose loss leaves a safe state only (outbox.c: a
 * claim or an outcome taken back by a power loss; the body-handed mark
 * that precedes every end of body is flushed in either mode:
 * store_outbox_mark_handed()).  Outside a transaction only.  0 or a
 * negative store code.
 */
int store_outbox_relaxed(struct store *st, bool relaxed);
/* Hold every mail of interview interview_id that may still go by itself
 * (those mail_action_from(MAIL_ACT_HOLD) allows: pending, deferred), with
 * reason.  The number held, or a negative store code. */
int store_outbox_hold_interview(struct store *st, int64_t interview_id, const char *reason);
/* Change status only if the current one is in from_mask (compare-and-set;
 * callers take from_mask from model.h's table: mail_action_from()).  1 if
 * changed, 0 if not.  A mail made pending loses its hold reason. */
int store_outbox_transition(struct store *st, int64_t id, unsigned from_mask,
		enum mail_status to);
/*
 * Send a failed or unknown mail again (followupctl retry): only if its
 * status is in from_mask, set it to `to` (pending or held), due at `due`,
 * with no retry time, no attempts and no first attempt (a new give-up
 * clock).  The last error stays until the next outcome.  1 if changed, 0
 * if not.
 */
int store_outbox_retry(struct store *st, int64_t id, unsigned from_mask,
		enum mail_status to, int64_t due);
/* Set the due time (clears any retry time) of a mail whose status allows
 * the retime action (not yet being sent: pending, held, deferred).  1 if
 * changed, 0 if not. */
int store_outbox_set_due(struct store *st, int64_t id, int64_t due);
/*
 * Replace the rendered bytes (and the Message-ID, unless message_id is
 * NULL) of a mail whose status allows the edit action (not yet being sent,
 * or failed: the user mends it before a retry); edited marks a user's edit, and the flag stays set once set (a
 * re-render must not overwrite the user's words: check `edited` first).
 * 1 if changed, 0 if the mail is gone or already sending/sent/cancelled/
 * unknown.
 */
int store_outbox_set_rendered(struct store *st, int64_t id, const void *data,
		size_t len, const char *message_id, bool edited);
/* followupd's own cancel (the withdraw action): the mails matching f that
 * are still waiting (MAIL_WAITING: pending, held, deferred); sent, sending,
 * failed and unknown ones are left alone (an unknown one is for the user to
 * settle).  Returns how many were cancelled. */
int store_outbox_cancel(struct store *st, const struct store_outbox_filter *f);
/* followupd's cancel because the user wrote this mail themselves (the
 * supersede action: pending, held or deferred -> cancelled), keeping
 * reason as the mail's cancel_reason.  1 if changed, 0 if not. */
int store_outbox_supersede(struct store *st, int64_t id, const char *reason);
/* Every waiting mail of one interview; returns the count. */
int store_outbox_cancel_interview(struct store *st, int64_t interview_id);
/* Shift the due time of the interview's mails that follow it (the follow
 * action: pending and held) by delta seconds; returns the count. */
int store_outbox_reschedule_interview(struct store *st, int64_t interview_id,
		int64_t delta);
/* How many mails were sent (or are sending / unknown: they may have left)
 * at or after `since`: for send.max_per_day. */
int64_t store_outbox_count_sent_since(struct store *st, int64_t since);
void store_outbox_row_clear(struct store_outbox_row *r);
void store_outbox_rows_free(struct store_outbox_row *rows, size_t n);

/* ---- review digests (digest.h) ---- */

/*
 * A mail followupd sent the user about the review: a digest (answers 0),
 * or its answer to a reply to digest `answers`.  Recorded before it is
 * sent (sent_at 0 until then), so its Message-ID is known as followupd's
 * own whatever happens to the send.
 */
struct store_digest {
	int64_t id;
	char *message_id;
	int64_t answers;            /* 0: a digest; else the digest answered */
	int64_t created;
	int64_t sent_at;            /* 0: not (yet) known to be sent */
	unsigned char *rendered;    /* the bytes to send (only from
	                               store_digest_unsent_answers) */
	size_t rendered_len;
};
void store_digest_clear(struct store_digest *d);

/* Record a digest (answers 0) listing mails[0..n-1], or an answer to
 * digest `answers` (n 0), with its bytes (len bytes of data; NULL: none);
 * 0 and *id. */
int store_digest_add(struct store *st, const char *message_id, int64_t answers,
		const int64_t *mails, size_t n, const void *data, size_t len, int64_t *id);
/* The answers not sent yet, oldest first, with their bytes (free with
 * store_digests_free). */
int store_digest_unsent_answers(struct store *st, struct store_digest **rows, size_t *n);
void store_digests_free(struct store_digest *rows, size_t n);
/* How many answers to digest id were recorded. */
int store_digest_answer_count(struct store *st, int64_t id, int64_t *count);
/* It left at `at`: 1, or 0 when there is no such digest. */
int store_digest_sent(struct store *st, int64_t id, int64_t at);
/* Forget one that could not be sent (never a sent one): 1 done, 0 not. */
int store_digest_delete(struct store *st, int64_t id);
/* The last digest sent (not an answer): 1 and *out, or 0. */
int store_digest_last(struct store *st, struct store_digest *out);
/* The digest or answer with this Message-ID: 1 and *out, or 0. */
int store_digest_by_message_id(struct store *st, const char *message_id,
		struct store_digest *out);
/* 1 if digest_id listed mail_id, 0 if not. */
int store_digest_listed(struct store *st, int64_t digest_id, int64_t mail_id);
/* 1 if any digest sent listed mail_id, 0 if not. */
int store_digest_ever_listed(struct store *st, int64_t mail_id);
/* The mails digest_id listed, by id: *ids (caller frees; NULL when *n 0). */
int store_digest_mails(struct store *st, int64_t digest_id, int64_t **ids, size_t *n);
/* A reply to digest_id acted on mail_id: 1 recorded, 0 if a reply to that
 * digest already had (nothing changed). */
int store_digest_mark_applied(struct store *st, int64_t digest_id, int64_t mail_id,
		const char *action, const char *reply_message_id);
/* 1 if a reply to digest_id already acted on mail_id, 0 if not. */
int store_digest_applied(struct store *st, int64_t digest_id, int64_t mail_id);

/* ---- events: the audit log ---- */

struct store_event {
	int64_t id;
	int64_t at;
	char *kind;                 /* "seen", "scheduled", "sent", "failed"... */
	int64_t application_id;     /* 0 = none */
	int64_t interview_id;
	int64_t outbox_id;
	char *message;              /* one line: control bytes become '?' */
};

/* Append an event stamped with the store's clock (kind NULL or "" is
 * "note"); 0 on success. */
int store_event_add(struct store *st, const char *kind, int64_t application_id,
		int64_t interview_id, int64_t outbox_id, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
int store_event_vadd(struct store *st, const char *kind, int64_t application_id,
		int64_t interview_id, int64_t outbox_id, const char *fmt, va_list ap)
	__attribute__((format(printf, 6, 0)));
/* Events at or after since (0 = all), of one interview (0 = any), oldest
 * first. */
int store_event_list(struct store *st, int64_t since, int64_t interview_id,
		struct store_event **rows, size_t *n);
void store_events_free(struct store_event *rows, size_t n);

/* ---- status ---- */

struct store_summary {
	int64_t applications[APP_STATUS_COUNT];
	int64_t interviews[IV_STATUS_COUNT];
	int64_t interviews_upcoming;  /* scheduled, starting after now */
	int64_t interviews_in_progress; /* scheduled, started, not ended (an
	                                 unknown end is an hour after the start) */
	int64_t interviews_ended;     /* scheduled but over: done in all but name */
	int64_t outbox[MAIL_STATUS_COUNT];
	int64_t held_due;             /* held mails whose due time has come */
	int64_t next_held;            /* earliest due of a held mail, 0 = none */
	int64_t last_sync;            /* 0 = never */
	int64_t next_due;             /* 0 = nothing waiting on the clock */
	int64_t unplaced;             /* job mails not placed, to look at
	                                 (store_unplaced_list's count) */
	int schema_version;
};
/* Fill *out as seen at `now`, from one consistent snapshot. */
int store_summary(struct store *st, int64_t now, struct store_summary *out);

#endif
