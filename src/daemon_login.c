/*
 * daemon_login: logins the server refused for good (attention.h): each
 * account's refusal recorded with the server's words and said once at
 * error level, the retries spaced out (1 min doubling to 1 hour), the
 * mails a refused SMTP login put off, and a good login that clears it all;
 * followupctl retry --login (or a reload) logs in again at once.  The
 * secrets themselves are fetched by account_login() (account.h).  See
 * daemon_p.h.
 */
#include "autoconfig.h"

#include <stdlib.h>
#include <string.h>

#include "daemon_p.h"
#include "log.h"
#include "store.h"

/*
 * The server refused our login for good (attention.h): record it with the
 * server's words (said), say it once at error level (why: the whole
 * story), and knock again only after the refused backoff (1 min doubling
 * to 1 hour).  Returns the delay in seconds.
 */
int
daemon_login_refused(struct daemon *dm, enum attention_account a, const char *said, const char *why)
{
	const char *name = attention_account_name(a);
	int delay = backoff_next(&dm->login.refused[a], random());
	int news = attention_set(dm->st, a, time(NULL), said);

	if (news < 0)
		log_warn("recording that the %s login was refused: %s", name, store_errmsg(dm->st));
	if (dm->once)
		log_err("%s: %s", name, why);   /* no retry: --once ends here */
	else if (news == 1 || !dm->login.told[a])
		log_err("%s: %s; retrying in %d s. %s", name, why, delay, ATTENTION_ADVICE);
	else
		log_info("%s: login still refused; retrying in %d s", name, delay);
	dm->login.told[a] = true;
	return delay;
}

/* A good login: the account needs nothing from the user any more. */
void
daemon_login_ok(struct daemon *dm, enum attention_account a)
{
	backoff_reset(&dm->login.refused[a]);
	if (attention_clear(dm->st, a) == 1 || dm->login.told[a])
		log_notice("%s: login accepted again; nothing waits for you there",
		    attention_account_name(a));
	dm->login.told[a] = false;
}

/* The mails a refused SMTP login put off (deferred with the server's words
 * as their error) are retried at `at`: with the next login, not later. */
void
daemon_refused_mails_at(struct daemon *dm, time_t at)
{
	struct store_outbox_filter f = { .status_mask = STORE_BIT(MAIL_DEFERRED) };
	struct store_outbox_row *rows = NULL;
	struct attention a;
	size_t n = 0;

	if (attention_get(dm->st, ATTENTION_SMTP, &a) != 1)
		return;
	if (store_outbox_list(dm->st, &f, &rows, &n) == 0) {
		for (size_t i = 0; i < n; i++)
			if (rows[i].m.last_error && strstr(rows[i].m.last_error, a.said) &&
			    store_outbox_set_status(dm->st, rows[i].m.id, MAIL_DEFERRED,
			    rows[i].m.last_error, (int64_t)at) < 0)
				break;
		store_outbox_rows_free(rows, n);
	}
	attention_free(&a);
}

/* followupctl retry --login or a reload: log in again at once. */
void
daemon_retry_logins_now(struct daemon *dm, time_t now)
{
	timer_arm(&dm->t.connect, now);         /* nothing if connected */
	backoff_reset(&dm->conn.backoff);
	timer_disarm(&dm->t.smtp_pause);
	daemon_smtp_forget(dm);         /* the next login asks password_command afresh */
	daemon_refused_mails_at(dm, now);
	daemon_deliver_schedule(dm);
}
