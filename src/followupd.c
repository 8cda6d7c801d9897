/*
 * followupd: the daemon.  One process, one thread, one poll() loop over
 * the IMAP socket (IDLE), a signalfd (TERM/INT stop, HUP reloads) and a
 * timeout to the next thing due.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "autoconfig.h"
#include "config.h"
#include "ctl.h"
#include "detect.h"
#include "imap.h"
#include "log.h"
#include "recognise.h"
#include "store.h"
#include "track.h"
#include "util.h"
#include "watch.h"

/* RFC 2177: re-issue IDLE at least every 29 minutes. */
#define IDLE_MAX (29 * 60)
#define BACKOFF_MIN 2
#define BACKOFF_MAX 600
#define IMAP_TIMEOUT 60

struct daemon {
	const char *config_path;
	struct config *cfg;
	struct store *st;
	struct imap *imap;
	struct recogniser *rec;
	int sigfd;
	bool once;
	bool stop;
	bool reload;
	time_t next_connect;        /* when to try to connect again */
	int backoff;                /* seconds; 0 after a good connection */
	time_t idle_since;          /* when the current IDLE began */
	time_t next_sync;           /* when to sync every folder again */
	bool synced;                /* the first full sync is done */
};

static void
usage(FILE *out)
{
	fprintf(out,
	    "usage: followupd [-c FILE] [-f] [-n] [-v] [--once]\n"
	    "\n"
	    "Watches an IMAP inbox for job interviews and what follows them, and\n"
	    "sends the follow-up mails you configured.\n"
	    "\n"
	    "  -c FILE    config file (default %s)\n"
	    "  -f         stay in the foreground, log to stderr\n"
	    "  -n         check the config and exit (0 valid, 78 errors)\n"
	    "  -v         more logging (-vv: debug)\n"
	    "  --once     one pass: sync the mailbox, then exit\n"
	    "  --version  print the version\n"
	    "  -h, --help this help\n"
	    "\n"
	    "Control it with followupctl(1); see followupd(8), followupd.conf(5).\n",
	    config_default_path());
}

/* ---- mail handling: recognition, then the state ---- */

struct examined {
	bool ok;
	struct detection d;
	char *err;
	char *from;                 /* for the seen record */
};

static void *
examine(void *arg, const struct watch_msg *m)
{
	struct daemon *dm = arg;
	struct examined *ex = xcalloc(1, sizeof(*ex));

	ex->ok = recognise(dm->rec, m->raw, m->len, time(NULL), &ex->d, &ex->err) == 0;
	if (ex->ok && (ex->d.from.email || ex->d.from.name))
		ex->from = xasprintf("%s%s%s%s", ex->d.from.name ? ex->d.from.name : "",
		    ex->d.from.name && ex->d.from.email ? " <" : "",
		    ex->d.from.email ? ex->d.from.email : "",
		    ex->d.from.name && ex->d.from.email ? ">" : "");
	return ex;
}

static int
record(void *arg, struct store *st, const struct watch_msg *m, void *result,
		struct store_seen *seen)
{
	struct examined *ex = result;
	struct track_result tr;
	int rc;

	(void)arg;
	if (!ex->ok) {
		seen->outcome = STORE_SEEN_UNREADABLE;
		seen->kind = "unreadable";
		log_warn("%s/%" PRIu32 ": unreadable mail skipped: %s", m->folder, m->uid, ex->err);
		return store_event_add(st, "unreadable", 0, 0, 0, "%s UID %" PRIu32 ": %s",
		    m->folder, m->uid, ex->err);
	}
	seen->message_id = ex->d.message_id;
	seen->kind = detect_kind_str(ex->d.kind);
	seen->subject = ex->d.subject;
	seen->from = ex->from;
	seen->date = ex->d.has_date ? ex->d.date : 0;
	if (ex->d.kind == DETECT_OTHER) {
		seen->outcome = STORE_SEEN_IGNORED;
		log_info("%s/%" PRIu32 ": not about an interview: %s", m->folder, m->uid,
		    ex->d.subject ? ex->d.subject : "(no subject)");
		return 0;
	}
	if ((rc = track_apply(st, &ex->d, &tr)) < 0)
		return rc;
	seen->outcome = STORE_SEEN_HANDLED;
	seen->application_id = tr.application_id;
	seen->interview_id = tr.interview_id;
	log_notice("%s/%" PRIu32 ": %s%s%s \"%s\"%s", m->folder, m->uid,
	    detect_kind_str(ex->d.kind), ex->d.company ? " from " : "",
	    ex->d.company ? ex->d.company : "", ex->d.subject ? ex->d.subject : "",
	    tr.interview_new ? ": new interview" : tr.interview_moved ? ": interview moved" :
	    tr.interview_cancelled ? ": interview cancelled" :
	    tr.application_id == 0 ? ": matches no application" : "");
	return 0;
}

static void
release(void *arg, void *result)
{
	struct examined *ex = result;

	(void)arg;
	detection_free(&ex->d);
	free(ex->err);
	free(ex->from);
	free(ex);
}

/* ---- IMAP connection ---- */

static void
imap_failed(struct daemon *dm, const char *what, enum imap_result ir)
{
	if (dm->imap)
		imap_disconnect(dm->imap);
	dm->backoff = dm->backoff ? dm->backoff * 2 : BACKOFF_MIN;
	if (ir == IMAP_PERMFAIL && dm->backoff < 60)
		dm->backoff = 60;      /* a refused login will not heal in seconds */
	if (dm->backoff > BACKOFF_MAX)
		dm->backoff = BACKOFF_MAX;
	/* Jitter: 75% to 125% of the backoff. */
	int delay = dm->backoff * 3 / 4 + (int)(random() % (dm->backoff / 2 + 1));

	dm->next_connect = time(NULL) + delay;
	log_warn("IMAP: %s; retrying in %d s", what, delay);
}

static enum imap_result
imap_open(struct daemon *dm)
{
	const struct config_account *a = &dm->cfg->imap.conn;
	struct imap_config ic = {
		.host = a->host, .port = (unsigned)a->port, .user = a->user,
		.ca_file = a->ca_file, .timeout = IMAP_TIMEOUT,
		.allow_insecure = a->allow_insecure,
	};
	char *secret = NULL, *err = NULL;
	enum imap_result ir;

	switch (a->tls) {
	case CONFIG_TLS_IMPLICIT: ic.security = IMAP_SECURITY_IMAPS; break;
	case CONFIG_TLS_STARTTLS: ic.security = IMAP_SECURITY_STARTTLS; break;
	case CONFIG_TLS_NONE: ic.security = IMAP_SECURITY_NONE; break;
	}
	switch (a->auth) {
	case CONFIG_AUTH_PLAIN: ic.auth = IMAP_AUTH_PLAIN; break;
	case CONFIG_AUTH_LOGIN: ic.auth = IMAP_AUTH_LOGIN; break;
	case CONFIG_AUTH_XOAUTH2: ic.auth = IMAP_AUTH_XOAUTH2; break;
	}
	if (config_password(dm->cfg, CONFIG_IMAP, &secret, &err) == -1) {
		char *msg = xasprintf("cannot get the password: %s", err);

		free(err);
		imap_failed(dm, msg, IMAP_PERMFAIL);
		free(msg);
		return IMAP_PERMFAIL;
	}
	ic.secret = secret;
	if (dm->imap == NULL)
		dm->imap = imap_new(&ic);
	else
		imap_set_secret(dm->imap, secret);
	free_secret(secret);
	ir = imap_connect(dm->imap);
	if (ir != IMAP_OK) {
		char *msg = xasprintf("%s:%d: %s", a->host, a->port, imap_error(dm->imap));

		imap_failed(dm, msg, ir);
		free(msg);
		return ir;
	}
	log_info("IMAP: connected to %s:%d as %s", a->host, a->port, a->user);
	return IMAP_OK;
}

/* Sync every watched folder; leaves the first one selected. */
static enum imap_result
sync_all(struct daemon *dm)
{
	struct watch_handler h = { examine, record, release, dm };
	const struct config *cfg = dm->cfg;
	enum imap_result ir = IMAP_OK;
	time_t now = time(NULL);

	for (size_t i = cfg->imap.nfolders; i-- > 0;) {
		struct watch_stats stats = { 0 };
		char *err = NULL;

		ir = watch_sync(dm->imap, dm->st, cfg->imap.folders[i],
		    cfg->detect.lookback.seconds, now, &h, &stats, &err);
		if (ir != IMAP_OK) {
			if (imap_connected(dm->imap) && ir == IMAP_TEMPFAIL)
				log_warn("%s", err);    /* store busy: try again soon */
			else if (ir == IMAP_PERMFAIL && imap_connected(dm->imap))
				log_err("%s", err);
			else
				imap_failed(dm, err, ir);
			free(err);
			return ir;
		}
		if (stats.handled || stats.skipped)
			log_info("%s: %zu new, %zu duplicates, %" PRIu64 " bytes", cfg->imap.folders[i],
			    stats.handled, stats.skipped, stats.bytes);
	}
	store_set_last_sync(dm->st, (int64_t)now);
	dm->synced = true;
	dm->next_sync = now + (time_t)cfg->imap.poll_interval.seconds;
	return IMAP_OK;
}

/* After a sync: IDLE on the first folder when the server and config allow. */
static void
idle_begin(struct daemon *dm)
{
	enum imap_result ir;

	if (!dm->cfg->imap.idle || !imap_has_capability(dm->imap, "IDLE"))
		return;
	ir = imap_idle_start(dm->imap);
	if (ir != IMAP_OK) {
		imap_failed(dm, imap_error(dm->imap), ir);
		return;
	}
	dm->idle_since = time(NULL);
}

/* Leave IDLE (if in it); returns false if the connection was lost. */
static bool
idle_end(struct daemon *dm)
{
	bool new_mail = false;
	enum imap_result ir;

	if (!imap_idling(dm->imap))
		return true;
	ir = imap_idle_done(dm->imap, &new_mail);
	if (ir != IMAP_OK) {
		imap_failed(dm, imap_error(dm->imap), ir);
		return false;
	}
	return true;
}

/* ---- signals and reload ---- */

static int
signals_setup(void)
{
	sigset_t set;
	struct sigaction sa = { .sa_handler = SIG_IGN };

	/* libetpan writes to sockets without MSG_NOSIGNAL. */
	sigaction(SIGPIPE, &sa, NULL);
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	if (sigprocmask(SIG_BLOCK, &set, NULL) == -1)
		return -1;
	return signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
}

static void
signals_read(struct daemon *dm)
{
	struct signalfd_siginfo si;

	while (read(dm->sigfd, &si, sizeof(si)) == (ssize_t)sizeof(si)) {
		if (si.ssi_signo == SIGHUP)
			dm->reload = true;
		else {
			log_notice("signal %u: stopping", si.ssi_signo);
			dm->stop = true;
		}
	}
}

static void
reload(struct daemon *dm)
{
	struct config *cfg;

	dm->reload = false;
	log_notice("reloading %s", dm->config_path ? dm->config_path : config_default_path());
	cfg = ctl_load_config(dm->config_path);
	if (cfg == NULL) {
		log_err("reload refused: the new configuration has errors (above); "
		    "keeping the old one");
		return;
	}
	if (strcmp(cfg->state_dir, dm->cfg->state_dir) != 0)
		log_warn("reload: state_dir changes only on restart; keeping %s", dm->cfg->state_dir);
	free(cfg->state_dir);
	cfg->state_dir = xstrdup(dm->cfg->state_dir);
	config_free(dm->cfg);
	dm->cfg = cfg;
	recognise_free(dm->rec);
	dm->rec = recognise_new(cfg);
	/* The account may have changed: connect afresh. */
	if (dm->imap) {
		idle_end(dm);
		imap_free(dm->imap);
		dm->imap = NULL;
	}
	dm->next_connect = 0;
	dm->backoff = 0;
	log_notice("configuration reloaded");
}

/* ---- the loop ---- */

static int
timeout_ms(time_t now, time_t until)
{
	if (until <= now)
		return 0;
	if (until - now > 24 * 3600)
		return 24 * 3600 * 1000;
	return (int)(until - now) * 1000;
}

static int
run(struct daemon *dm)
{
	while (!dm->stop) {
		struct pollfd pfd[2];
		time_t now = time(NULL), wake;
		bool new_mail = false;
		int nfds = 1, rc;

		if (dm->reload)
			reload(dm);

		if (dm->imap == NULL || !imap_connected(dm->imap)) {
			if (now < dm->next_connect)
				goto wait;
			if (imap_open(dm) != IMAP_OK) {
				if (dm->once)
					return EXIT_TEMPFAIL;
				goto wait;
			}
			dm->backoff = 0;
			if (sync_all(dm) != IMAP_OK) {
				if (dm->once)
					return EXIT_TEMPFAIL;
				goto wait;
			}
			if (dm->once)
				return 0;
			idle_begin(dm);
		}
	wait:
		now = time(NULL);
		wake = now + 24 * 3600;
		if (dm->imap == NULL || !imap_connected(dm->imap))
			wake = dm->next_connect;
		else if (imap_idling(dm->imap)) {
			time_t refresh = dm->idle_since + IDLE_MAX;

			if (dm->cfg->imap.nfolders > 1 && dm->next_sync < refresh)
				refresh = dm->next_sync;
			wake = refresh;
		} else
			wake = dm->next_sync;

		pfd[0] = (struct pollfd){ .fd = dm->sigfd, .events = POLLIN };
		if (dm->imap && imap_idling(dm->imap)) {
			pfd[1] = (struct pollfd){ .fd = imap_fd(dm->imap), .events = POLLIN };
			nfds = 2;
			/* Data already buffered by libetpan never shows on the fd. */
			if (imap_idle_has_data(dm->imap))
				wake = now;
		}
		rc = poll(pfd, (nfds_t)nfds, timeout_ms(now, wake));
		if (rc == -1 && errno != EINTR) {
			log_err("poll: %s", strerror(errno));
			return EXIT_OSERR;
		}
		if (pfd[0].revents & POLLIN)
			signals_read(dm);
		if (dm->stop)
			break;
		if (dm->imap == NULL || !imap_connected(dm->imap))
			continue;
		now = time(NULL);
		if (imap_idling(dm->imap)) {
			if ((nfds == 2 && (pfd[1].revents & (POLLIN | POLLHUP | POLLERR))) ||
			    imap_idle_has_data(dm->imap)) {
				enum imap_result ir = imap_idle_read(dm->imap, &new_mail);

				if (ir != IMAP_OK) {
					imap_failed(dm, imap_error(dm->imap), ir);
					continue;
				}
			}
			if (!new_mail && now < dm->idle_since + IDLE_MAX &&
			    !(dm->cfg->imap.nfolders > 1 && now >= dm->next_sync) && !dm->reload)
				continue;
			if (!idle_end(dm))
				continue;
		} else if (now < dm->next_sync && !dm->reload)
			continue;
		if (dm->reload)
			continue;
		if (sync_all(dm) == IMAP_OK && imap_connected(dm->imap))
			idle_begin(dm);
	}
	return 0;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "once", no_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 },
	};
	struct daemon dm = { .sigfd = -1 };
	bool foreground = false, check = false;
	int ch, verbose = 0, status;

	while ((ch = getopt_long(argc, argv, "c:fnvh", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			dm.config_path = optarg;
			break;
		case 'f':
			foreground = true;
			break;
		case 'n':
			check = true;
			break;
		case 'v':
			verbose++;
			break;
		case 'o':
			dm.once = true;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("followupd %s\n", PACKAGE_VERSION);
			return 0;
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (optind != argc) {
		usage(stderr);
		return EXIT_USAGE;
	}
	/* -n, --once and a terminal keep messages on stderr. */
	log_init("followupd", foreground || check || dm.once, verbose);

	dm.cfg = ctl_load_config(dm.config_path);
	if (dm.cfg == NULL)
		return EXIT_CONFIG;
	if (check) {
		printf("%s: configuration is valid\n", dm.cfg->path);
		config_free(dm.cfg);
		return 0;
	}
	srandom((unsigned)(time(NULL) ^ getpid()));
	dm.sigfd = signals_setup();
	if (dm.sigfd == -1)
		fatal(EXIT_OSERR, "signalfd: %s", strerror(errno));
	dm.st = ctl_open_store(dm.cfg, true, NULL);
	if (dm.st == NULL) {
		config_free(dm.cfg);
		return EXIT_CANTCREAT;
	}
	{
		const char *crash = getenv("FOLLOWUPD_CRASH_AFTER_COMMITS");
		int64_t n;

		/* Hidden test switch: die after N state commits (crash tests). */
		if (crash && parse_int64(crash, 1, 1000000, &n) == 0)
			store_crash_after_commits(dm.st, (unsigned)n);
	}
	store_meta_set_int(dm.st, "daemon_pid", (int64_t)getpid());
	dm.rec = recognise_new(dm.cfg);
	log_notice("followupd %s started (state %s, watching %zu folder(s))", PACKAGE_VERSION,
	    dm.cfg->state_dir, dm.cfg->imap.nfolders);

	status = run(&dm);

	store_meta_set(dm.st, "daemon_pid", NULL);
	if (dm.imap) {
		idle_end(&dm);
		imap_free(dm.imap);
	}
	recognise_free(dm.rec);
	store_close(dm.st);
	close(dm.sigfd);
	config_free(dm.cfg);
	if (status == 0)
		log_notice("stopped");
	return status;
}
