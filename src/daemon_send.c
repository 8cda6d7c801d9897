/*
 * daemon_send: the outbox's send rounds (outbox.h).  The SMTP side of its
 * I/O: one connection per batch of mails, the secret fetched at a batch's
 * first mail through account_login() (a refused OAuth2 token fetched once
 * more), a refusal handed to daemon_login.c and the SMTP pause; between
 * two mails the watchdog and TERM; the interrupted sends a crash left,
 * settled first; and the deliver timer, which follows the outbox's next
 * due mail.  The review digest and its answers go in the same round
 * (daemon_digest.c).  The copies in Sent are daemon_sent.c's.  See
 * daemon_p.h.
 */
#include "autoconfig.h"

#include <poll.h>
#include <stdlib.h>
#include <time.h>

#include "account.h"
#include "daemon_p.h"
#include "log.h"
#include "notify.h"
#include "outbox.h"
#include "smtp.h"
#include "store.h"
#include "util.h"

void
daemon_smtp_forget(struct daemon *dm)
{
	smtp_free(dm->smtp.h);
	dm->smtp.h = NULL;
	dm->smtp.secret_fresh = false;
}

/* One mail as account_login() tries it. */
struct send_try {
	struct daemon *dm;
	const char *from;
	const char *const *rcpts;
	size_t nrcpt;
	const char *data;
	size_t len;
	const struct smtp_mark *mark;
	char **detail;
	enum smtp_result r;
};

/* A fresh secret (NULL: the batch has one) goes to dm->smtp.h, made here
 * the first time; then the mail. */
static enum account_try
send_try(void *arg, const char *secret)
{
	struct send_try *t = arg;
	struct daemon *dm = t->dm;

	if (secret != NULL && dm->smtp.h == NULL) {
		struct smtp_config sc;
		char *err = NULL;

		account_smtp_config(dm->cfg, SMTP_TIMEOUT, &sc);
		sc.secret = secret;
		dm->smtp.h = smtp_new(&sc, &err);
		if (dm->smtp.h == NULL) {
			if (t->detail)
				*t->detail = err;
			else
				free(err);
			return ACCOUNT_TRY_FAILED;
		}
	} else if (secret != NULL) {
		smtp_set_secret(dm->smtp.h, secret);
	}
	if (secret != NULL)
		dm->smtp.secret_fresh = true;
	t->r = smtp_send_marked(dm->smtp.h, t->from, t->rcpts, t->nrcpt, t->data, t->len,
	    t->mark, t->detail);
	return t->r == SMTP_AUTHFAIL && smtp_login_refused(dm->smtp.h) ?
	    ACCOUNT_TRY_REFUSED : ACCOUNT_TRY_DONE;
}

static void
send_no_secret(void *arg, const char *err)
{
	struct send_try *t = arg;

	if (t->detail)
		*t->detail = xasprintf("cannot get the SMTP password: %s", err);
}

static void
send_again(void *arg)
{
	struct send_try *t = arg;

	log_info("SMTP: %s; fetching a fresh token and trying once more",
	    t->detail && *t->detail ? *t->detail : "login refused");
	if (t->detail) {
		free(*t->detail);
		*t->detail = NULL;
	}
}

/* One connection per batch (daemon_deliver() closes it), so the secret is fetched
 * at a batch's first mail: once per login.  A refused OAuth2 token is
 * fetched again and the mail sent once more at once (nothing of it went
 * out: the server refused AUTH, before the body, so the mark was not
 * called).  The outbox's mark goes to smtp_send_marked(): its hook commits
 * the hand-off to the store (outbox.c) from libcurl's read callback. */
enum smtp_result
daemon_smtp_send(struct daemon *dm, const char *from, const char *const *rcpts, size_t nrcpt,
		const char *data, size_t len, const struct smtp_mark *mark, char **detail)
{
	struct send_try t = { dm, from, rcpts, nrcpt, data, len, mark, detail, SMTP_OK };
	struct account_login l = { send_try, send_no_secret, send_again, &t,
	    dm->smtp.secret_fresh && dm->smtp.h != NULL };

	if (account_login(dm->cfg, CONFIG_SMTP, &l) < 0)
		return SMTP_AUTHFAIL;
	/* Refused even after the fresh token (or not OAuth2): daemon_deliver()
	 * records that the account needs attention. */
	if (t.r == SMTP_AUTHFAIL && smtp_login_refused(dm->smtp.h)) {
		free(dm->smtp.refused);
		dm->smtp.refused = xstrdup(smtp_login_refused(dm->smtp.h));
	} else if (t.r == SMTP_OK || t.r == SMTP_UNKNOWN)
		dm->smtp.login_good = true;     /* logged in (or no AUTH asked) */
	return t.r;
}

static enum smtp_result
io_send(void *arg, const char *from, const char *const *rcpts, size_t nrcpt,
		const char *data, size_t len, const struct smtp_mark *mark, char **detail)
{
	return daemon_smtp_send(arg, from, rcpts, nrcpt, data, len, mark, detail);
}

/* Between two mails of a round: feed the watchdog, notice a TERM. */
static bool
io_stop(void *arg)
{
	struct daemon *dm = arg;
	struct pollfd pfd = { .fd = dm->sigfd, .events = POLLIN };

	notify_watchdog();
	if (poll(&pfd, 1, 0) == 1)
		daemon_signals_read(dm);
	return dm->stop;
}

/*
 * Mails a crash left in "sending" are settled first, whether or not
 * anything else is due (only IMAP is needed): once after start, then every
 * RECOVER_RETRY seconds while Sent cannot tell.  The recover timer's due
 * time says when (kept while it is disarmed for want of a connection).
 */
static void
recover_sends(struct daemon *dm, const struct outbox_io *io, time_t now)
{
	if (dm->sent.recovered || now < timer_due(&dm->t.recover))
		return;
	if (daemon_imap_ready(dm)) {
		size_t left = 0;
		int rc = outbox_recover(dm->ob, io, now, &left);

		if (rc < 0)
			log_err("outbox: %s", store_errmsg(dm->st));
		else if (left > 0)
			log_warn("outbox: %zu interrupted send(s) could not be looked up in Sent yet;"
			    " trying again in %d s", left, RECOVER_RETRY);
		dm->sent.recovered = rc >= 0 && left == 0;
	}
	if (dm->sent.recovered)
		timer_disarm(&dm->t.recover);
	else
		timer_arm(&dm->t.recover, now + RECOVER_RETRY);
}

/* The deliver timer follows the outbox: its next due mail, not before the
 * SMTP pause ends.  Called wherever the outbox or the pause may change. */
void
daemon_deliver_schedule(struct daemon *dm)
{
	time_t due = outbox_next_due(dm->ob);

	if (due == 0) {
		timer_disarm(&dm->t.deliver);
		return;
	}
	if (timer_armed(&dm->t.smtp_pause) && due < timer_due(&dm->t.smtp_pause))
		due = timer_due(&dm->t.smtp_pause);
	timer_arm(&dm->t.deliver, due);
}

/* Send what is due.  IMAP must not be idling (copies go to Sent).
 * Returns the exit status --once gives for it: 0 when everything due went
 * (or nothing was due), EXIT_UNAVAILABLE when a mail failed for good,
 * EXIT_TEMPFAIL when one waits for another try (deferred, the server
 * refused, the daily cap, an unknown outcome), EXIT_IOERR for the store. */
int
daemon_deliver(struct daemon *dm, time_t now)
{
	struct outbox_io io = { io_send, daemon_io_save_copy, daemon_io_find_sent, io_stop, dm,
	    daemon_io_save_copies };
	struct outbox_stats stats;
	int rc;

	recover_sends(dm, &io, now);
	if (timer_armed(&dm->t.smtp_pause) && now < timer_due(&dm->t.smtp_pause))
		return EXIT_TEMPFAIL;
	free(dm->smtp.refused);
	dm->smtp.refused = NULL;
	dm->smtp.login_good = false;
	rc = outbox_deliver(dm->ob, &io, now, &stats);
	daemon_copies_collect(dm);      /* the last batch's copies */
	if (rc < 0)
		log_err("outbox: %s", store_errmsg(dm->st));
	/* The review digest and the answers go over the same connection. */
	if (!stats.auth_failed)
		daemon_digest_round(dm, now, &stats.auth_failed);
	if (stats.auth_failed && dm->smtp.refused) {
		char *why = xasprintf("login refused: %s", dm->smtp.refused);

		timer_arm(&dm->t.smtp_pause,
		    now + daemon_login_refused(dm, ATTENTION_SMTP, dm->smtp.refused, why));
		free(why);
		daemon_refused_mails_at(dm, timer_due(&dm->t.smtp_pause));
		/* The next try asks password_command afresh: the user may have
		 * fixed it meanwhile. */
		daemon_smtp_forget(dm);
	} else if (stats.auth_failed)
		timer_arm(&dm->t.smtp_pause, now + 1800);
	else if (dm->smtp.login_good)
		daemon_login_ok(dm, ATTENTION_SMTP);
	/* One connection per batch; servers drop idle sessions anyway. */
	if (dm->smtp.h) {
		smtp_close(dm->smtp.h);
		smtp_set_secret(dm->smtp.h, NULL);
	}
	dm->smtp.secret_fresh = false;  /* the next batch logs in afresh */
	daemon_deliver_schedule(dm);
	daemon_digest_schedule(dm);
	if (rc < 0)
		return EXIT_IOERR;
	if (stats.failed)
		return EXIT_UNAVAILABLE;
	if (stats.deferred || stats.unknown || stats.capped)
		return EXIT_TEMPFAIL;
	return 0;
}
