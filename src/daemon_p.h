/*
 * daemon_p: the daemon's private header (like isync's sync_p.h), included
 * only by src/followupd.c and src/daemon_*.c; not installed.
 *
 * struct daemon is the one process's state; each daemon_*.c file owns a
 * part of it and the functions below.  One thread, so no locking: every
 * function runs from the loop (daemon_loop.c) or from start and stop
 * (followupd.c).
 *
 *   followupd.c      options, start (the lock, the background, the store),
 *                    stop, main
 *   daemon_loop.c    the timers and what each does, signals, reload, the
 *                    status line, run and run_once
 *   daemon_imap.c    the IMAP connection, its failures, the sync of the
 *                    folders, IDLE
 *   daemon_mail.c    each mail the sync finds: recognised, taken in
 *                    (followup.h), logged; the user's own in Sent; the
 *                    first start's summary
 *   daemon_login.c   refused logins that need the user (attention.h)
 *   daemon_send.c    the outbox's send rounds: the SMTP side of its I/O,
 *                    interrupted sends, the deliver timer
 *   daemon_sent.c    copies in the Sent folder: the folder, the server's
 *                    habit (sentcopy.h), the copies held back and their looks
 *   daemon_digest.c  the review digest (digest.h): when, what, sent to the
 *                    user; replies in a digest's thread checked, applied
 *                    (review.h) and answered
 */
#ifndef FOLLOWUPD_DAEMON_P_H
#define FOLLOWUPD_DAEMON_P_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "attention.h"
#include "backoff.h"
#include "imap.h"
#include "smtp.h"
#include "timer.h"
#include "watch.h"

#define BACKOFF_MIN 2
#define BACKOFF_MAX 600
/* A refused login needs the user: knock again rarely (attention.h). */
#define REFUSED_MIN 60
#define REFUSED_MAX 3600
#define IMAP_TIMEOUT 60
/* Short enough that one SMTP exchange (at most connect + 10 replies, see
 * smtp.h) stays well inside a 10-minute watchdog. */
#define SMTP_TIMEOUT 30
#define RECOVER_RETRY 60       /* s between lookups of interrupted sends */

/*
 * The timed things of the daemon (timer.h), in their order of business:
 * when several are due together they run in this order (a reload before a
 * connection, a connection before its sync, a sync before the mails it
 * planned, the end of an SMTP pause before the mails it held up, one send
 * round (which settles interrupted sends too) before the looks for the
 * copies).
 */
struct daemon_timers {
	struct timers set;
	struct timer reload;        /* SIGHUP: read the configuration again */
	struct timer poke;          /* SIGUSR1: followupctl changed the state */
	struct timer connect;       /* (re)connect to IMAP; backoff after a failure */
	struct timer sync;          /* sync every folder: the poll interval, or a retry */
	struct timer idle_refresh;  /* re-issue IDLE (imap.idle_refresh): a sync */
	struct timer smtp_pause;    /* armed: no SMTP before it (a refused login) */
	struct timer deliver;       /* the outbox's next due mail (not before the pause) */
	struct timer recover;       /* look up interrupted sends in Sent (while connected;
	                               a send round does it too); its due time is kept
	                               while it waits for a connection */
	struct timer held;          /* the next look in Sent for a held copy */
	struct timer digest;        /* the next review digest, or answers to send */
	struct timer watchdog;      /* wake to feed the systemd watchdog */
	struct timer trim;          /* a quiet spell after the heap grew: give
	                               its free pages back */
	size_t trimmed_rss;         /* the bytes resident after the last trim */
	bool quiet;                 /* the trim timer fired: trim before sleeping */
};

/* The IMAP connection's troubles. */
struct daemon_conn {
	struct backoff backoff;     /* the connection; reset by a good one */
	struct backoff sync_backoff; /* NO to SELECT/SEARCH/FETCH on a good connection */
	bool sync_again;            /* the last sync stopped early: the sync timer retries */
	/* The first folder's count of messages its last sync listed (watch_stats;
	 * valid while it stays selected); daemon_idle_begin compares. */
	bool covered;
	uint32_t covered_exists;
	int resyncs;                /* syncs at once instead of IDLE, in a row */
	char *last_error;           /* IMAP trouble, for STATUS= */
};

/* The SMTP side: one connection per batch of mails. */
struct daemon_smtp {
	struct smtp *h;             /* NULL until the first mail of a batch */
	bool secret_fresh;          /* h holds a secret fetched for this batch */
	char *refused;              /* the server's words for the last batch's login */
	bool login_good;            /* a mail of the last batch got past the login */
};

/* Refused logins, per account (attention.h). */
struct daemon_logins {
	struct backoff refused[ATTENTION_COUNT]; /* reset by a good login */
	bool told[ATTENTION_COUNT]; /* the refusal was logged at error level */
};

/* What is known of the Sent folder and the mails that went there. */
struct daemon_sent {
	char *folder;               /* resolved Sent folder; NULL: none or not yet */
	bool resolved;
	bool recovered;             /* interrupted sends looked up after start */
	bool watch_told;            /* following Sent failed: logged (per connection) */
	struct held_copy *held;     /* copies held back (sentcopy.h): looking in Sent */
	size_t nheld;
	int64_t *unanswered;        /* mails whose copies the server is saving */
	size_t nunanswered;
};

struct daemon {
	const char *config_path;
	struct config *cfg;
	struct store *st;
	struct imap *imap;
	struct recogniser *rec;
	struct outbox *ob;
	int sigfd;
	bool once;                  /* --once: no retry follows a failure (the log says so) */
	bool stop;
	bool ready;                 /* READY=1 sent */
	struct daemon_timers t;
	struct daemon_conn conn;
	struct daemon_smtp smtp;
	struct daemon_logins login;
	struct daemon_sent sent;
	int64_t held_told;          /* held mails the log last spoke of */
	time_t digest_retry;        /* no digest or answer before this (a failed send) */
	/* For the summary of the first full sync after start. */
	bool synced;                /* the first full sync is done */
	time_t started;
	bool first_ever;            /* the store had never synced */
	size_t first_read, first_interviews, first_upcoming;
};

/* ---- followupd.c ---- */

/* Print template problems the way config problems are printed. */
struct template_errors;
void daemon_print_template_errors(struct template_errors *te);

/* ---- daemon_loop.c ---- */

void daemon_timers_setup(struct daemon *dm);
/* The signalfd for TERM, INT, HUP and USR1 (blocked); -1 on failure. */
int daemon_signals_setup(void);
/* Read the pending signals: they arm timers, or ask to stop. */
void daemon_signals_read(struct daemon *dm);
void daemon_update_status(struct daemon *dm);
void daemon_finish_interviews(struct daemon *dm, time_t now);
/* The loop until a signal stops it; the exit status. */
int daemon_run(struct daemon *dm);
/* --once; the exit status. */
int daemon_run_once(struct daemon *dm);

/* ---- daemon_imap.c ---- */

bool daemon_connected(const struct daemon *dm);
/* Connected and not idling: a command can be sent. */
bool daemon_imap_ready(struct daemon *dm);
/* Log the failure, drop the connection, arm the connect timer after the
 * backoff; why is kept for STATUS=. */
void daemon_imap_failed(struct daemon *dm, const char *why, enum imap_result ir);
enum imap_result daemon_connect(struct daemon *dm);
enum imap_result daemon_sync_all(struct daemon *dm);
void daemon_idle_begin(struct daemon *dm);
bool daemon_idle_end(struct daemon *dm);

/* ---- daemon_mail.c ---- */

/* The handler watch_sync() calls for each new mail (arg: dm). */
struct watch_handler daemon_mail_handler(struct daemon *dm);
/* The handler for the Sent folder: the user's own mails (sentmail.h). */
struct watch_handler daemon_sent_handler(struct daemon *dm);
void daemon_first_summary(struct daemon *dm);

/* ---- daemon_login.c ---- */

int daemon_login_refused(struct daemon *dm, enum attention_account a, const char *said,
			 const char *why);
void daemon_login_ok(struct daemon *dm, enum attention_account a);
void daemon_refused_mails_at(struct daemon *dm, time_t at);
void daemon_retry_logins_now(struct daemon *dm, time_t now);

/* ---- daemon_send.c ---- */

/* Drop the SMTP handle: the next mail logs in afresh (a new secret). */
void daemon_smtp_forget(struct daemon *dm);
/* One mail over the batch's SMTP connection (the outbox's path: the
 * secret, a refused OAuth2 token fetched once more); smtp.h outcomes.
 * mark: the outbox's body-handed mark (smtp_send_marked()), NULL for a
 * mail that keeps none (the review digest). */
enum smtp_result daemon_smtp_send(struct daemon *dm, const char *from,
    const char *const *rcpts, size_t nrcpt, const char *data, size_t len,
    const struct smtp_mark *mark, char **detail);
void daemon_deliver_schedule(struct daemon *dm);
int daemon_deliver(struct daemon *dm, time_t now);

/* ---- daemon_sent.c ---- */

/* The outbox's operations on Sent (outbox.h, struct outbox_io). */
int daemon_io_save_copy(void *arg, const char *data, size_t len, char **err);
/* The copies of a batch, together (one MULTIAPPEND where the server
 * allows): each copy's err set as save_copy would. */
struct outbox_copy;
void daemon_io_save_copies(void *arg, struct outbox_copy *copies, size_t n);
/* The server's answer to the last copies saved together, read now if not
 * yet; a failure logged and recorded for each of their mails.  At the end
 * of a send round. */
void daemon_copies_collect(struct daemon *dm);
int daemon_io_find_sent(void *arg, const char *message_id);
/* The Sent folder (found once per connection; NULL: none, or it cannot be
 * found now). */
const char *daemon_sent_folder(struct daemon *dm);
/* Find the Sent folder afresh (a new connection, a new configuration). */
void daemon_sent_forget(struct daemon *dm);
/* Free what is known of Sent and the held copies (they stay in the store). */
void daemon_sent_free(struct daemon *dm);
void daemon_held_load(struct daemon *dm);
time_t daemon_held_next(const struct daemon *dm);
void daemon_held_schedule(struct daemon *dm);
void daemon_held_look(struct daemon *dm, time_t now);

/* ---- daemon_digest.c ---- */

struct detection;
struct store;
struct store_seen;
/* Arm the digest timer: the next digest due, or answers waiting to go. */
void daemon_digest_schedule(struct daemon *dm);
/* Inside a send round (daemon_deliver): the answers waiting to go, then
 * the digest if one is due.  *auth_failed is set when SMTP refused the
 * login. */
void daemon_digest_round(struct daemon *dm, time_t now, bool *auth_failed);
/*
 * In the record step of a mail a sync found (the watch transaction): 1 if
 * it is followupd's own digest or answer, or a reply in a digest's thread
 * (handled: seen says how), 0 if it is neither (it goes on as any mail),
 * or a negative store code.
 */
int daemon_digest_take(struct daemon *dm, struct store *st, const struct detection *d,
    const char *text, time_t now, struct store_seen *seen);

#endif
