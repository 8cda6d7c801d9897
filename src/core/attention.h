/*
 * attention: an account that needs the user.
 *
 * When a server refuses our login for good (IMAP NO [AUTHENTICATIONFAILED],
 * [ALERT], [WEBALERT]; SMTP 535, 534...), retrying alone will not help:
 * the account is put in the "needs attention" state, recorded in the store
 * (the meta table, key "attention.imap" or "attention.smtp", value "EPOCH
 * WORDS") with the server's own words and the time it began.  followupctl
 * status shows it first, the daemon says it in systemd's STATUS= and logs
 * it once at error level.  A good login clears it.
 *
 * `followupctl retry --login` asks the running daemon to try again at once:
 * it records the request (key "login_retry") and pokes the daemon
 * (SIGUSR1), which takes the request (attention_take_retry).
 *
 * Every function returning int gives a negative store code on a store
 * error (store_errmsg() says why).
 */
#ifndef FOLLOWUPD_ATTENTION_H
#define FOLLOWUPD_ATTENTION_H

#include <stdint.h>
#include <time.h>

struct store;

enum attention_account {
	ATTENTION_IMAP = 0,
	ATTENTION_SMTP,
	ATTENTION_COUNT,
};

struct attention {
	int64_t since;              /* when the refusal was first recorded */
	char *said;                 /* the server's words; owned */
};

/* "IMAP", "SMTP". */
const char *attention_account_name(enum attention_account a);

/* 1 and *out (attention_clear_struct frees) if a needs the user, 0 if not. */
int attention_get(struct store *st, enum attention_account a, struct attention *out);
void attention_free(struct attention *at);

/*
 * Record that a's login was refused with the words said at now.  Returns
 * 1 when this is news (no state before, or other words: log it), 0 when
 * the same words were already recorded (the time stays the first one).
 */
int attention_set(struct store *st, enum attention_account a, time_t now, const char *said);
/* A good login: forget the state.  1 if there was one, 0 if not. */
int attention_clear(struct store *st, enum attention_account a);

/* What to do, the end of every line about a refused login. */
#define ATTENTION_ADVICE \
	"Fix the password, then: followupctl retry --login (or systemctl reload followupd)"

/*
 * The line for the user, one per account, with what to do:
 *   "IMAP login refused: WORDS. Fix the password, then: followupctl retry
 *    --login (or systemctl reload followupd)"
 * Caller frees.
 */
char *attention_line(enum attention_account a, const char *said);

/* followupctl retry --login: ask the daemon to log in again at once. */
int attention_request_retry(struct store *st, time_t now);
/* The daemon: 1 if a retry was asked for since the last call (the request
 * is taken), 0 if not. */
int attention_take_retry(struct store *st);

#endif
