/*
 * daemon_loop: the loop of the daemon.  One thread, one poll() over the
 * IMAP socket (IDLE) and a signalfd (TERM/INT stop, HUP reloads, USR1 the
 * state changed), sleeping until the next of its timers (timer.h, struct
 * daemon_timers) is due; each timer's callback, in their order of
 * business; the reload; what each turn ends with (past interviews, IDLE
 * again, READY=1 and the status line).  --once is a short path of its
 * own (daemon_run_once).  See daemon_p.h.
 */
#include "autoconfig.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <malloc.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <time.h>
#include <unistd.h>

#include "ctl.h"
#include "daemon_p.h"
#include "detect.h"
#include "log.h"
#include "notify.h"
#include "outbox.h"
#include "recognise.h"
#include "smtp.h"
#include "store.h"
#include "template.h"
#include "track.h"
#include "util.h"
#include "when.h"

int
daemon_signals_setup(void)
{
	sigset_t set;
	struct sigaction sa = { .sa_handler = SIG_IGN };

	/* libetpan writes to sockets without MSG_NOSIGNAL. */
	sigaction(SIGPIPE, &sa, NULL);
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGUSR1);
	if (sigprocmask(SIG_BLOCK, &set, NULL) == -1)
		return -1;
	return signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
}

void
daemon_signals_read(struct daemon *dm)
{
	struct signalfd_siginfo si;

	while (read(dm->sigfd, &si, sizeof(si)) == (ssize_t)sizeof(si)) {
		if (si.ssi_signo == SIGHUP)
			timer_arm(&dm->t.reload, time(NULL));
		else if (si.ssi_signo == SIGUSR1) {
			log_debug("poked: the state changed");   /* the loop looks again */
			timer_arm(&dm->t.poke, time(NULL));
		}
		else {
			log_notice("signal %u: stopping", si.ssi_signo);
			notify_stopping();
			dm->stop = true;
		}
	}
}

/* One line for `systemctl status`: the connection, the interviews, the
 * next mail. */
void
daemon_update_status(struct daemon *dm)
{
	struct store_summary s;
	char when[64] = "nothing scheduled";
	const char *conn;

	if (store_summary(dm->st, (int64_t)time(NULL), &s) < 0)
		return;
	/* Tell the user, once per increase, that mails wait for them. */
	if (s.outbox[MAIL_HELD] > dm->held_told)
		log_notice("%lld mail%s wait%s for your approval (%lld due): followupctl outbox",
		    (long long)s.outbox[MAIL_HELD], s.outbox[MAIL_HELD] == 1 ? "" : "s",
		    s.outbox[MAIL_HELD] == 1 ? "s" : "", (long long)s.held_due);
	dm->held_told = s.outbox[MAIL_HELD];
	if (!notify_enabled())
		return;
	if (s.next_due) {
		struct tm tm;

		when_local((time_t)s.next_due, dm->cfg->me.timezone, &tm);
		strftime(when, sizeof(when), "next mail %a %d %b %H:%M", &tm);
	}
	conn = dm->imap && imap_connected(dm->imap) ? "watching the mailbox" : "retrying IMAP";
	for (int a = 0; a < ATTENTION_COUNT; a++) {
		struct attention at;

		if (attention_get(dm->st, (enum attention_account)a, &at) == 1) {
			char *line = attention_line((enum attention_account)a, at.said);

			/* What needs the user comes first, alone. */
			notify_status("needs you: %s", line);
			free(line);
			attention_free(&at);
			return;
		}
	}
	notify_status("%s; %lld upcoming interview(s); %lld held for review; %s%s%s", conn,
	    (long long)s.interviews_upcoming, (long long)s.outbox[MAIL_HELD], when,
	    dm->imap && imap_connected(dm->imap) ? "" : ": ",
	    dm->imap && imap_connected(dm->imap) ? "" : (dm->conn.last_error ? dm->conn.last_error : "not connected"));
}

/* Interviews whose time is past become "done" (track_finish); a busy or
 * failing store is tried again at the next turn of the loop. */
void
daemon_finish_interviews(struct daemon *dm, time_t now)
{
	int n = track_finish(dm->st, (int64_t)now);

	if (n > 0)
		log_info("%d interview(s) over: marked done", n);
	else if (n < 0)
		log_warn("marking past interviews done: %s (will try again)",
		    store_errmsg(dm->st));
}


/* SIGHUP: the configuration and the templates again, or the old ones
 * kept when the new have errors. */
static void
reload(struct daemon *dm)
{
	struct template_errors te = { 0 };
	struct config *cfg;
	struct outbox *ob;

	notify_reloading();
	log_notice("reloading %s", dm->config_path ? dm->config_path : config_default_path());
	cfg = ctl_load_config(dm->config_path, true);
	if (cfg == NULL) {
		log_err("reload refused: the new configuration has errors (above); "
		    "keeping the old one");
		notify_ready("reload refused: the configuration has errors; running on the old one");
		return;
	}
	if (strcmp(cfg->state_dir, dm->cfg->state_dir) != 0) {
		log_warn("reload: state_dir changes only on restart; keeping %s", dm->cfg->state_dir);
		free(cfg->state_dir);
		cfg->state_dir = xstrdup(dm->cfg->state_dir);
	}
	if ((ob = outbox_new(dm->st, cfg, &te)) == NULL) {
		daemon_print_template_errors(&te);
		log_err("reload refused: the templates have errors (above); keeping the old ones");
		notify_ready("reload refused: the templates have errors; running on the old ones");
		config_free(cfg);
		return;
	}
	outbox_free(dm->ob);
	dm->ob = ob;
	config_free(dm->cfg);
	dm->cfg = cfg;
	when_adopt_zone(cfg->me.timezone);
	recognise_free(dm->rec);
	{
		struct detect_opts o;

		recognise_opts(cfg, &o);
		dm->rec = recognise_new(&o);
	}
	/* The accounts may have changed: connect afresh. */
	daemon_smtp_forget(dm);
	timer_disarm(&dm->t.smtp_pause);
	daemon_sent_forget(dm);
	if (dm->imap) {
		daemon_idle_end(dm);
		imap_free(dm->imap);
		dm->imap = NULL;
	}
	daemon_retry_logins_now(dm, time(NULL));
	log_notice("configuration and templates reloaded");
	notify_ready("configuration reloaded");
}

/* Out of IDLE (if in it), then every folder. */
static void
sync_now(struct daemon *dm)
{
	if (daemon_connected(dm) && daemon_idle_end(dm))
		daemon_sync_all(dm);
	daemon_deliver_schedule(dm);           /* the sync may have planned mails */
}

/* The timers' callbacks, in their order of business (struct daemon_timers). */

static void
on_reload(void *arg, time_t now)
{
	(void)now;
	reload(arg);
}

static void
on_poke(void *arg, time_t now)
{
	struct daemon *dm = arg;

	if (attention_take_retry(dm->st) == 1) {
		log_notice("retrying the logins now, as asked (followupctl retry --login)");
		daemon_retry_logins_now(dm, now);
	}
	daemon_deliver_schedule(dm);           /* followupctl may have approved, cancelled... */
}

static void
on_connect(void *arg, time_t now)
{
	struct daemon *dm = arg;

	if (daemon_connected(dm) || daemon_connect(dm) != IMAP_OK)
		return;
	timer_arm(&dm->t.sync, now);
	if (!dm->sent.recovered)
		timer_arm(&dm->t.recover, timer_due(&dm->t.recover));
	daemon_held_schedule(dm);
}

/* The poll interval, a failed sync's retry, the IDLE refresh. */
static void
on_sync(void *arg, time_t now)
{
	(void)now;
	sync_now(arg);
}

/* A send round: the outbox's due mails, or the interrupted sends' lookup
 * (which needs IMAP; a round sends what is due either way). */
static void
on_deliver(void *arg, time_t now)
{
	struct daemon *dm = arg;

	(void)now;
	if (daemon_connected(dm))
		(void)daemon_idle_end(dm);     /* lost: the mails go without their copies */
	daemon_deliver(dm, time(NULL));
}

static void
on_recover(void *arg, time_t now)
{
	if (daemon_connected(arg))
		on_deliver(arg, now);
}

/* The end of the SMTP pause: the deliver timer was set to wait for it. */
static void
on_smtp_pause(void *arg, time_t now)
{
	(void)arg;
	(void)now;
}

/* Copies held back while the server's habit is not known. */
static void
on_held(void *arg, time_t now)
{
	struct daemon *dm = arg;

	(void)now;
	if (dm->sent.nheld == 0 || !daemon_connected(dm) || !daemon_idle_end(dm))
		return;
	daemon_held_look(dm, time(NULL));
	notify_watchdog();
	daemon_held_schedule(dm);
}

/* Only a wake-up: every turn of the loop feeds the watchdog. */
static void
on_watchdog(void *arg, time_t now)
{
	(void)arg;
	(void)now;
}

/*
 * The process's resident bytes (/proc/self/statm), 0 when unknown.  Not
 * the heap's size: a trim gives pages inside the heap back without
 * shrinking it, and using them again grows only this.
 */
static size_t
resident_bytes(void)
{
	static int fd = -2;
	char buf[128];
	unsigned long size, resident;
	ssize_t n;

	if (fd == -2)
		fd = open("/proc/self/statm", O_RDONLY | O_CLOEXEC);
	if (fd < 0 || (n = pread(fd, buf, sizeof(buf) - 1, 0)) <= 0)
		return 0;
	buf[n] = '\0';
	if (sscanf(buf, "%lu %lu", &size, &resident) != 2)
		return 0;
	return (size_t)resident * (size_t)sysconf(_SC_PAGESIZE);
}

/* Give the free pages of the heap back; remember what is resident then. */
static void
trim_heap(struct daemon *dm)
{
	malloc_trim(0);
	dm->t.trimmed_rss = resident_bytes();
	dm->t.quiet = false;
	timer_disarm(&dm->t.trim);
}

/* Quiet since the heap last grew: its free pages go back before the
 * sleep that follows (trim_or_wait), after this turn's own work. */
static void
on_trim(void *arg, time_t now)
{
	struct daemon *dm = arg;

	(void)now;
	dm->t.quiet = true;
}

/* What is resident grew this much since the last trim: a burst (each TLS
 * check loads the system trust store, ~3.5 MB for a moment; a first start
 * reads many mails), given back before the next sleep.  An IDLE wake-up
 * with a small mail grows it by far less. */
#define TRIM_BURST (1024 * 1024)
/* Seconds without growth before a smaller one is given back (on_trim). */
#define TRIM_QUIET 5

/*
 * About to sleep: give the heap's free pages back after a burst at once,
 * after any other growth once TRIM_QUIET seconds pass without more.  Not
 * before every sleep: the pages a sync frees fault straight back in on
 * the next one, and on a busy inbox that cost each IDLE wake-up more CPU
 * than its own work.  Without /proc, before every sleep.
 */
static void
trim_or_wait(struct daemon *dm, time_t now)
{
	size_t rss = resident_bytes();

	if (rss == 0 || dm->t.quiet || rss > dm->t.trimmed_rss + TRIM_BURST)
		trim_heap(dm);
	else if (rss > dm->t.trimmed_rss)
		timer_arm(&dm->t.trim, now + TRIM_QUIET);
}

void
daemon_timers_setup(struct daemon *dm)
{
	struct daemon_timers *t = &dm->t;

	t->set = (struct timers)TIMERS_INIT;
	timers_add(&t->set, &t->reload, on_reload, dm);
	timers_add(&t->set, &t->poke, on_poke, dm);
	timers_add(&t->set, &t->connect, on_connect, dm);
	timers_add(&t->set, &t->sync, on_sync, dm);
	timers_add(&t->set, &t->idle_refresh, on_sync, dm);
	timers_add(&t->set, &t->smtp_pause, on_smtp_pause, dm);
	timers_add(&t->set, &t->deliver, on_deliver, dm);
	timers_add(&t->set, &t->recover, on_recover, dm);
	timers_add(&t->set, &t->held, on_held, dm);
	timers_add(&t->set, &t->digest, on_deliver, dm);
	timers_add(&t->set, &t->watchdog, on_watchdog, dm);
	timers_add(&t->set, &t->trim, on_trim, dm);
}

/* After the due timers: past interviews, IDLE again, READY=1, STATUS=. */
static void
turn_end(struct daemon *dm)
{
	daemon_finish_interviews(dm, time(NULL));
	if (daemon_connected(dm) && !imap_idling(dm->imap))
		daemon_idle_begin(dm);
	if (!dm->ready) {
		/* After the first sync (or the first failure to connect). */
		notify_ready(daemon_connected(dm) ? "first sync done" : "IMAP not reachable yet");
		dm->ready = true;
	}
	daemon_update_status(dm);
}

/* Before sleeping: the timers that follow the state rather than an event. */
static void
schedule(struct daemon *dm, time_t now)
{
	if (!daemon_connected(dm)) {
		/* Lost, or never made: what needs IMAP waits for the connection
		 * (on_connect arms it again); a connection lost without a failure
		 * of ours (a copy to Sent, say) is made again at once. */
		timer_disarm(&dm->t.sync);
		timer_disarm(&dm->t.idle_refresh);
		timer_disarm(&dm->t.recover);
		timer_disarm(&dm->t.held);
		if (!timer_armed(&dm->t.connect))
			timer_arm(&dm->t.connect, now);
	}
	daemon_deliver_schedule(dm);
	daemon_digest_schedule(dm);
	if (notify_watchdog_usec()) {
		/* Wake at least twice per watchdog interval. */
		time_t half = (time_t)(notify_watchdog_usec() / 2000000u);

		timer_arm(&dm->t.watchdog, now + (half > 0 ? half : 1));
	}
}

/*
 * Sleep in poll() on the signalfd and the IDLE socket until the next timer
 * is due; read the signals (they arm timers) and what IDLE says (new mail
 * arms the sync).  -1 when poll() fails.
 */
static int
wait_events(struct daemon *dm)
{
	struct pollfd pfd[2] = { { .fd = dm->sigfd, .events = POLLIN } };
	bool idling = daemon_connected(dm) && imap_idling(dm->imap), new_mail = false;
	time_t now = time(NULL);
	int timeout = timers_poll_timeout(&dm->t.set, now);
	enum imap_result ir;

	/* Not when something is due now; the trim timer may come first. */
	if (timeout != 0 && !dm->stop) {
		trim_or_wait(dm, now);
		timeout = timers_poll_timeout(&dm->t.set, now);
	}
	if (timeout < 0)
		timeout = TIMER_MAX_WAIT_MS;
	if (idling) {
		pfd[1] = (struct pollfd){ .fd = imap_fd(dm->imap), .events = POLLIN };
		/* Data already buffered by libetpan never shows on the fd. */
		if (imap_idle_has_data(dm->imap))
			timeout = 0;
	}
	/* A signal read while sending (io_stop) is not seen by poll. */
	if (dm->stop)
		timeout = 0;
	if (poll(pfd, idling ? 2 : 1, timeout) == -1 && errno != EINTR) {
		log_err("poll: %s", strerror(errno));
		return -1;
	}
	if (pfd[0].revents & POLLIN)
		daemon_signals_read(dm);
	/* A reload drops the connection anyway. */
	if (dm->stop || !idling || timer_armed(&dm->t.reload))
		return 0;
	if (!(pfd[1].revents & (POLLIN | POLLHUP | POLLERR)) && !imap_idle_has_data(dm->imap))
		return 0;
	ir = imap_idle_read(dm->imap, &new_mail);
	if (ir != IMAP_OK)
		daemon_imap_failed(dm, imap_error(dm->imap), ir);
	else if (new_mail)
		timer_arm(&dm->t.sync, time(NULL));
	return 0;
}

/*
 * The loop.  Each turn: run the timers that are due (a reload, the logins
 * retried, a (re)connect, a sync, a send round, a look in Sent), tidy up
 * (IDLE again, the status), set the timers that follow the state, and
 * sleep until the next one or until a signal or IDLE says something.
 */
int
daemon_run(struct daemon *dm)
{
	timer_arm(&dm->t.connect, time(NULL));
	while (!dm->stop) {
		notify_watchdog();
		timers_run_due(&dm->t.set, time(NULL));
		turn_end(dm);
		schedule(dm, time(NULL));
		if (wait_events(dm) < 0)
			return EXIT_OSERR;
	}
	/* Copies still held stay in the store: the next start looks. */
	return 0;
}

/* The exit status of --once when IMAP failed: a refused login, an
 * untrusted certificate or a wrong scheme will not heal by itself. */
static int
once_status(enum imap_result ir)
{
	return ir == IMAP_PERMFAIL ? EXIT_UNAVAILABLE : EXIT_TEMPFAIL;
}

/*
 * --once: connect, sync, send what is due (and settle interrupted sends),
 * wait for the looks at the held copies, then say what waits for the user.
 * No retry: the exit status says how it went (0, or 69/75/74 as daemon_deliver()
 * and once_status() decide).
 */
int
daemon_run_once(struct daemon *dm)
{
	enum imap_result ir;
	int status;

	notify_watchdog();
	if ((ir = daemon_connect(dm)) != IMAP_OK || (ir = daemon_sync_all(dm)) != IMAP_OK)
		return once_status(ir);
	status = daemon_deliver(dm, time(NULL));
	while (dm->sent.nheld > 0 && daemon_connected(dm)) {
		time_t next = daemon_held_next(dm), now = time(NULL);

		if (next > now)
			sleep((unsigned)(next - now));  /* at most SENTCOPY_LOOKS */
		daemon_held_look(dm, time(NULL));
		notify_watchdog();
	}
	daemon_finish_interviews(dm, time(NULL));
	daemon_update_status(dm);      /* says what waits for the user */
	return !daemon_connected(dm) ? EXIT_TEMPFAIL : status;
}
