/*
 * account: the configured IMAP and SMTP accounts in the protocol modules'
 * own terms.  The one mapping from struct config (config.h) to struct
 * imap_config (imap.h) and struct smtp_config (smtp.h), used by the daemon
 * and by check-connection alike.
 *
 * It sits between the three so that config knows no protocol module and
 * the protocol modules know no configuration file (imap and smtp are
 * tested against scripted servers with hand-made settings).
 *
 * The filled structs point into cfg and are valid while cfg is.  The
 * secret is left NULL: the caller fetches it (config_password()) for each
 * login and sets it.  timeout: seconds per network wait (for SMTP, the
 * connect timeout too).  Never fails.
 *
 * account_login() is the one rule for a login's secret, used by the daemon
 * and by check-connection alike: the secret is fetched for every login (a
 * rotated password, a refreshed token) and held only while logging in; a
 * refused OAuth2 token is fetched once more at once and the login tried
 * again (the helper may only now see that the token expired).  What is
 * tried, and what is said, is the caller's (struct account_login).
 */
#ifndef FOLLOWUPD_ACCOUNT_H
#define FOLLOWUPD_ACCOUNT_H

#include <stdbool.h>

#include "config.h"
#include "imap.h"
#include "smtp.h"

void account_imap_config(const struct config *cfg, int timeout, struct imap_config *ic);
/* The EHLO name is the domain of the From address (me.addresses[0]). */
void account_smtp_config(const struct config *cfg, int timeout, struct smtp_config *sc);

/* What one try of a login came to. */
enum account_try {
	ACCOUNT_TRY_DONE,       /* logged in, or failed in a way a fresh secret cannot mend */
	ACCOUNT_TRY_REFUSED,    /* the server refused the login (its words) */
	ACCOUNT_TRY_FAILED,     /* not even tried (the caller said why): stop */
};

struct account_login {
	/* Log in with secret (valid during the call only; NULL: with the one
	 * the caller's handle already holds, see held) and record the outcome
	 * in arg. */
	enum account_try (*attempt)(void *arg, const char *secret);
	/* The secret could not be fetched; err says why. */
	void (*no_secret)(void *arg, const char *err);
	/* An OAuth2 token was refused: a fresh one is fetched now. */
	void (*again)(void *arg);
	void *arg;
	bool held;              /* the first try uses the secret already held */
};

/* Fetch the secret of the imap or smtp account and try (l->attempt); a
 * refused OAuth2 token once more with a fresh one.  0 after the last try
 * (its outcome is in the caller's arg), -1 when a secret could not be
 * fetched (l->no_secret was called) or a try failed. */
int account_login(const struct config *cfg, enum config_account_kind which,
		  const struct account_login *l);

#endif
