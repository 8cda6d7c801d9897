/*
 * daemon_imap: the IMAP connection of the daemon.  Connecting (the login's
 * secret through account_login(), a refused login handed to
 * daemon_login.c), a failure (logged, the connection dropped, the connect
 * timer armed after a backoff, the words kept for STATUS=), the sync of
 * every watched folder (watch.h; a NO on a good connection retried on its
 * own backoff), and IDLE on the first folder.  See daemon_p.h.
 */
#include "autoconfig.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "account.h"
#include "daemon_p.h"
#include "log.h"
#include "store.h"
#include "util.h"
#include "when.h"

bool
daemon_connected(const struct daemon *dm)
{
	return dm->imap && imap_connected(dm->imap);
}

bool
daemon_imap_ready(struct daemon *dm)
{
	return dm->imap && imap_connected(dm->imap) && !imap_idling(dm->imap);
}

void
daemon_imap_failed(struct daemon *dm, const char *why, enum imap_result ir)
{
	/* why may be imap_error(), which the disconnect below can change. */
	char *what = xstrdup(why);

	if (dm->imap)
		imap_disconnect(dm->imap);
	/* A refused certificate or a bad setting will not heal in seconds. */
	int delay = ir == IMAP_PERMFAIL ? backoff_next_at_least(&dm->conn.backoff, 60, random()) :
	    backoff_next(&dm->conn.backoff, random());

	timer_arm(&dm->t.connect, time(NULL) + delay);
	timer_disarm(&dm->t.idle_refresh);     /* no IDLE without a connection */
	if (dm->once)
		log_err("IMAP: %s", what);      /* no retry: --once ends here */
	else
		log_warn("IMAP: %s; retrying in %d s", what, delay);
	free(dm->conn.last_error);
	dm->conn.last_error = what;
}

/* One login (account_login()): the handle is made at the first. */
struct imap_try {
	struct daemon *dm;
	struct imap_config ic;
	enum imap_result ir;
};

static enum account_try
imap_try(void *arg, const char *secret)
{
	struct imap_try *t = arg;
	struct daemon *dm = t->dm;

	t->ic.secret = secret;
	if (dm->imap == NULL)
		dm->imap = imap_new(&t->ic);
	else
		imap_set_secret(dm->imap, secret);
	t->ic.secret = NULL;
	t->ir = imap_connect(dm->imap);
	imap_set_secret(dm->imap, NULL);
	return t->ir != IMAP_OK && imap_login_refused(dm->imap) ?
	    ACCOUNT_TRY_REFUSED : ACCOUNT_TRY_DONE;
}

static void
imap_no_secret(void *arg, const char *err)
{
	struct imap_try *t = arg;
	char *msg = xasprintf("cannot get the password: %s", err);

	daemon_imap_failed(t->dm, msg, IMAP_PERMFAIL);
	free(msg);
	t->ir = IMAP_PERMFAIL;
}

static void
imap_again(void *arg)
{
	struct imap_try *t = arg;

	log_info("IMAP: %s; fetching a fresh token and trying once more",
	    imap_error(t->dm->imap));
}

static enum imap_result
daemon_imap_open(struct daemon *dm)
{
	const struct config_account *a = &dm->cfg->imap.conn;
	struct imap_try t = { .dm = dm, .ir = IMAP_OK };
	struct account_login l = { imap_try, imap_no_secret, imap_again, &t, false };
	enum imap_result ir;

	account_imap_config(dm->cfg, IMAP_TIMEOUT, &t.ic);
	/* The secret is fetched for every login (a rotated password, a
	 * refreshed token) and held only while logging in.  A refused OAuth2
	 * token is fetched once more at once: the helper may only now see
	 * that it expired. */
	if (account_login(dm->cfg, CONFIG_IMAP, &l) < 0)
		return t.ir;
	ir = t.ir;
	/* Refused even after the fresh token (or not OAuth2): the user must
	 * act; the account needs attention until a login is accepted. */
	if (ir != IMAP_OK && imap_login_refused(dm->imap)) {
		int delay = daemon_login_refused(dm, ATTENTION_IMAP, imap_login_refused(dm->imap),
		    imap_error(dm->imap));

		timer_arm(&dm->t.connect, time(NULL) + delay);
		free(dm->conn.last_error);
		dm->conn.last_error = attention_line(ATTENTION_IMAP, imap_login_refused(dm->imap));
		return ir;
	}
	if (ir != IMAP_OK) {
		/* imap_error() names the server already. */
		daemon_imap_failed(dm, imap_error(dm->imap), ir);
		return ir;
	}
	daemon_login_ok(dm, ATTENTION_IMAP);
	log_info("IMAP: connected to %s:%d as %s", a->host, a->port, a->user);
	return IMAP_OK;
}

/* Connect to IMAP (the failures are logged and the connect timer armed
 * by daemon_imap_open); a new connection looks for Sent afresh. */
enum imap_result
daemon_connect(struct daemon *dm)
{
	enum imap_result ir = daemon_imap_open(dm);

	if (ir != IMAP_OK)
		return ir;
	backoff_reset(&dm->conn.backoff);
	daemon_sent_forget(dm);
	dm->conn.covered = false;
	dm->conn.resyncs = 0;
	return IMAP_OK;
}

/* Sync one folder; a failure is handled here (a retry later, or the
 * connection dropped).  A failure of the Sent folder (soft) on a good
 * connection is logged (once per connection) and the sync goes on: its
 * last UID did not move, so the next sync takes it up again. */
static enum imap_result
sync_folder(struct daemon *dm, const char *folder, int64_t lookback,
		const struct watch_handler *h, bool soft, time_t now)
{
	struct watch_stats stats = { 0 };
	char *err = NULL;
	enum imap_result ir = watch_sync(dm->imap, dm->st, folder, lookback, now, h, &stats, &err);

	if (strcmp(folder, dm->cfg->imap.folders[0]) == 0) {
		dm->conn.covered = stats.covered;
		dm->conn.covered_exists = stats.exists;
	}

	if (ir != IMAP_OK && soft && imap_connected(dm->imap)) {
		if (!dm->sent.watch_told)
			log_warn("%s; what you send yourself is not seen until it works", err);
		dm->sent.watch_told = true;
		free(err);
		return IMAP_OK;
	}
	if (ir != IMAP_OK) {
		if (imap_connected(dm->imap)) {
			/* The store was busy, the disk full, a folder missing,
			 * the server said NO to SELECT, SEARCH or FETCH: the
			 * connection is fine, try the sync again, later each
			 * time (2 s doubling to 10 min). */
			int delay = backoff_next(&dm->conn.sync_backoff, random());

			log_warn("%s; trying again in %d s", err, delay);
			dm->conn.sync_again = true;
			timer_arm(&dm->t.sync, now + delay);
		} else
			daemon_imap_failed(dm, err, ir);
		free(err);
		return ir;
	}
	if (stats.handled || stats.skipped)
		log_info("%s: %zu new, %zu duplicates, %" PRIu64 " bytes", folder,
		    stats.handled, stats.skipped, stats.bytes);
	return IMAP_OK;
}

/* The Sent folder to follow (imap.watch_sent), or NULL: none, or it is a
 * watched folder already (then its mails are taken as they come). */
static const char *
sent_to_watch(struct daemon *dm)
{
	const struct config *cfg = dm->cfg;
	const char *sent;

	if (!cfg->imap.watch_sent || (sent = daemon_sent_folder(dm)) == NULL)
		return NULL;
	for (size_t i = 0; i < cfg->imap.nfolders; i++)
		if (strcmp(cfg->imap.folders[i], sent) == 0)
			return NULL;
	return sent;
}

/* The time of this sync.  After the first since start, relaxed
 * (store_begin_relaxed): a timestamp for `followupctl status`, which a
 * power loss may set back to the one before; it saves an fsync per sync
 * (watch_sync flushed the mail already).  The first is strict: the next
 * start tells a first start from a catch-up by it. */
static void
set_last_sync(struct daemon *dm, time_t now)
{
	if (dm->synced && store_begin_relaxed(dm->st) == 0) {
		if (store_set_last_sync(dm->st, (int64_t)now) < 0 || store_commit(dm->st) < 0)
			store_rollback(dm->st);
		return;
	}
	store_set_last_sync(dm->st, (int64_t)now);
}

/* Sync the Sent folder (imap.watch_sent), then every watched folder; the
 * first one is left selected. */
enum imap_result
daemon_sync_all(struct daemon *dm)
{
	struct watch_handler h = daemon_mail_handler(dm), hs = daemon_sent_handler(dm);
	const struct config *cfg = dm->cfg;
	enum imap_result ir = IMAP_OK;
	time_t now = time(NULL);
	const char *sent;

	/* Sent first: the first folder must be the last one selected, so that
	 * IDLE starts on the selection the sync read (selecting it again
	 * could hide a mail that came in meanwhile from IDLE).  A mail of the
	 * user's about an invite that arrives in the same sync is taken
	 * before the invite and changes nothing: the plain old behaviour. */
	if ((sent = sent_to_watch(dm)) != NULL &&
	    (ir = sync_folder(dm, sent, WATCH_FROM_NOW, &hs, true, now)) != IMAP_OK)
		return ir;
	for (size_t i = cfg->imap.nfolders; i-- > 0;)
		if ((ir = sync_folder(dm, cfg->imap.folders[i],
		    (int64_t)(when_add(now, &cfg->detect.lookback, cfg->me.timezone) - now),
		    &h, false, now)) != IMAP_OK)
			return ir;
	if (!dm->synced)
		daemon_first_summary(dm);
	set_last_sync(dm, now);
	backoff_reset(&dm->conn.sync_backoff);
	dm->synced = true;
	dm->conn.sync_again = false;
	timer_arm(&dm->t.sync, now + (time_t)cfg->imap.poll_interval.seconds);
	return IMAP_OK;
}

/* Re-issue IDLE this often (imap.idle_refresh; RFC 2177 allows 29 min). */
static time_t
idle_refresh(const struct daemon *dm)
{
	return (time_t)dm->cfg->imap.idle_refresh.seconds;
}

/* Syncs at once instead of IDLE, in a row, before IDLE goes ahead anyway
 * (a server whose count keeps moving; idle_refresh then syncs). */
#define MAX_RESYNCS 3

/*
 * Has the first folder news that IDLE would not announce?  A server tells
 * of an arrival once, in the answer to whichever command comes next; IDLE
 * then says nothing of it.  Still selected since its sync: news if the
 * count of messages moved since the sync listed it (a FETCH, a STATUS of
 * another folder, a DONE that ended IDLE early told of it).  Selected
 * meanwhile (the outbox looked into Sent, the sync asked STATUS of it
 * only): select it again, and news if UIDNEXT is past the last UID
 * handled.  Sets *failed when the SELECT failed (the connection handled).
 */
static bool
idle_news(struct daemon *dm, const char *folder, bool *failed)
{
	uint32_t uv = 0, uidnext = 0, exists = 0, known_uv = 0, last = 0;
	const char *sel = imap_selected(dm->imap);
	enum imap_result ir;

	*failed = false;
	if (sel != NULL && strcmp(sel, folder) == 0)
		return !dm->conn.covered || imap_selected_exists(dm->imap) != dm->conn.covered_exists;
	ir = imap_select(dm->imap, folder, &uv, &uidnext, &exists);
	if (ir != IMAP_OK) {
		daemon_imap_failed(dm, imap_error(dm->imap), ir);
		*failed = true;
		return false;
	}
	if (store_folder_get(dm->st, folder, &known_uv, &last) != 1 || known_uv != uv ||
	    uidnext > last + 1)
		return true;
	dm->conn.covered = true;
	dm->conn.covered_exists = exists;
	return false;
}

/* After a sync: IDLE on the first folder when the server and config allow;
 * first a sync again if the folder has news IDLE would not announce. */
void
daemon_idle_begin(struct daemon *dm)
{
	const char *folder = dm->cfg->imap.folders[0];
	enum imap_result ir;
	bool failed;

	if (!dm->cfg->imap.idle || !imap_has_capability(dm->imap, "IDLE"))
		return;
	if (idle_news(dm, folder, &failed) && !dm->conn.sync_again &&
	    dm->conn.resyncs < MAX_RESYNCS) {
		log_debug("IMAP: %s changed since its sync; syncing again before IDLE", folder);
		dm->conn.resyncs++;
		timer_arm(&dm->t.sync, time(NULL));
		return;
	}
	if (failed)
		return;
	dm->conn.resyncs = 0;
	ir = imap_idle_start(dm->imap);
	if (ir != IMAP_OK) {
		daemon_imap_failed(dm, imap_error(dm->imap), ir);
		return;
	}
	timer_arm(&dm->t.idle_refresh, time(NULL) + idle_refresh(dm));
	/* IDLE watches the only folder: it replaces the poll, unless a
	 * failed sync waits for its retry. */
	if (dm->cfg->imap.nfolders == 1 && !dm->conn.sync_again)
		timer_disarm(&dm->t.sync);
	log_debug("IMAP: idling on %s (refreshed every %lld s)", dm->cfg->imap.folders[0],
	    (long long)idle_refresh(dm));
}

/* Leave IDLE (if in it); returns false if the connection was lost. */
bool
daemon_idle_end(struct daemon *dm)
{
	bool new_mail = false;
	enum imap_result ir;

	if (!imap_idling(dm->imap))
		return true;
	ir = imap_idle_done(dm->imap, &new_mail);
	if (ir != IMAP_OK) {
		daemon_imap_failed(dm, imap_error(dm->imap), ir);
		return false;
	}
	timer_disarm(&dm->t.idle_refresh);
	return true;
}
