/*
 * followupd: the daemon's program.  The options, -n, the start (the
 * templates, the user, the one-daemon lock, the background, then the
 * signals, the store, the recogniser and the outbox), the stop, main.
 * The daemon itself is in src/daemon_*.c (daemon_p.h lists them): the
 * loop on timers in daemon_loop.c.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "autoconfig.h"
#include "ctl.h"
#include "daemon_p.h"
#include "detect.h"
#include "imap.h"
#include "log.h"
#include "notify.h"
#include "outbox.h"
#include "recognise.h"
#include "smtp.h"
#include "store.h"
#include "template.h"
#include "util.h"
#include "when.h"

static void
usage(FILE *out)
{
	fprintf(out,
	    "usage: followupd [-c FILE] [-f] [-n] [-v] [-V] [--once] [--allow-root]\n"
	    "\n"
	    "Watches an IMAP inbox for job interviews and what follows them, and\n"
	    "sends the follow-up mails you configured.\n"
	    "\n"
	    "  -c FILE    config file (default %s)\n"
	    "  -f         stay in the foreground, log to stderr\n"
	    "  -n         check the config and exit (0 valid, 78 errors)\n"
	    "  -v         more logging (-vv: debug)\n"
	    "  --once     one pass: sync the mailbox, send what is due, then exit\n"
	    "  --allow-root  run as root (not recommended)\n"
	    "  -V, --version  print the version\n"
	    "  -h, --help this help\n"
	    "\n"
	    "Control it with followupctl(1); see followupd(8), followupd.conf(5).\n",
	    config_default_path());
}

void
daemon_print_template_errors(struct template_errors *te)
{
	for (size_t i = 0; i < te->n; i++)
		log_err("%s", te->v[i]);
	template_errors_clear(te);
}

/*
 * Before detaching, while stderr is still the user's: say where the log
 * goes.  Without a syslog socket a detached daemon would log nowhere, not
 * even why it stopped: refuse (and say how to run it instead) rather than
 * start blind or write a log file nobody knows about or rotates.
 * FOLLOWUPD_TEST_DEVLOG (hidden test switch) names another socket to look for.
 */
static bool
syslog_reachable(void)
{
	const char *sock = getenv("FOLLOWUPD_TEST_DEVLOG");
	struct stat st;

	if (sock == NULL || sock[0] == '\0')
		sock = "/dev/log";
	if (stat(sock, &st) == -1 || !S_ISSOCK(st.st_mode)) {
		fprintf(stderr, "followupd: no syslog socket (%s): in the background nothing would be "
		    "logged; not starting.  Run it in the foreground with -f (it logs to stderr, e.g. "
		    "followupd -f 2>>followupd.log &), or as the systemd service\n", sock);
		return false;
	}
	fprintf(stderr, "followupd: going to the background; logging to syslog "
	    "(journalctl -t followupd, or the mail log)\n");
	return true;
}

struct options {
	const char *config_path;
	bool foreground, check, once, allow_root;
	int verbose;
};

/* The command line into o.  -1 to go on, else the exit status (after -h,
 * -V or a usage error). */
static int
parse_options(int argc, char **argv, struct options *o)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "once", no_argument, NULL, 'o' },
		{ "allow-root", no_argument, NULL, 'R' },
		{ NULL, 0, NULL, 0 },
	};
	int ch;

	while ((ch = getopt_long(argc, argv, "c:fnvhV", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			o->config_path = optarg;
			break;
		case 'f':
			o->foreground = true;
			break;
		case 'n':
			o->check = true;
			break;
		case 'v':
			o->verbose++;
			break;
		case 'o':
			o->once = true;
			break;
		case 'R':
			o->allow_root = true;
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
	return -1;
}

/* -n: the templates too, the warnings, what the provider preset chose.
 * Frees cfg; returns the exit status. */
static int
check_only(struct config *cfg)
{
	struct template_errors te = { 0 };

	if (template_check_dir(cfg->templates_dir, &te) == -1) {
		for (size_t i = 0; i < te.n; i++)
			fprintf(stderr, "%s\n", te.v[i]);
		template_errors_clear(&te);
		config_free(cfg);
		return EXIT_CONFIG;
	}
	for (size_t i = 0; i < cfg->nwarnings; i++)
		fprintf(stderr, "%s\n", cfg->warnings[i]);
	if (cfg->imap.conn.url_from_provider)
		printf("provider %s: imap url %s\n", cfg->provider, cfg->imap.conn.url);
	if (cfg->smtp.conn.url_from_provider)
		printf("provider %s: smtp url %s\n", cfg->provider, cfg->smtp.conn.url);
	if (cfg->imap.sent_copy_from_provider)
		printf("provider %s: imap sent_copy no (the server files its own copy in Sent)\n",
		    cfg->provider);
	printf("%s: configuration and templates are valid\n", cfg->path);
	config_free(cfg);
	return 0;
}

/*
 * Before anything is opened: the templates, the user, the one-daemon lock
 * (decided before detaching so the refusal reaches the terminal; the lock
 * survives daemon()'s fork), then the background.  0 with *lock_fd set,
 * or the exit status (dm->cfg freed).
 */
static int
start_process(struct daemon *dm, const struct options *o, int *lock_fd)
{
	struct template_errors te = { 0 };
	pid_t holder;
	int status = 0;

	/* A store is not needed to find broken templates: check first. */
	if (template_check_dir(dm->cfg->templates_dir, &te) == -1) {
		daemon_print_template_errors(&te);
		status = EXIT_CONFIG;
		goto fail;
	}
	if (smtp_global_init() == -1)
		fatal(EXIT_SOFTWARE, "libcurl cannot be initialised");
	if (geteuid() == 0 && !o->allow_root) {
		fprintf(stderr, "followupd: refusing to run as root: run it as its own user (the "
		    "systemd unit does), or pass --allow-root\n");
		status = EXIT_USAGE;
		goto fail;
	}
	*lock_fd = ctl_lock_state(dm->cfg, &holder);
	if (*lock_fd == CTL_LOCK_HELD) {
		if (holder > 0)
			fprintf(stderr, "followupd: already running (pid %ld)\n", (long)holder);
		else
			fprintf(stderr, "followupd: already running\n");
		status = EXIT_TEMPFAIL;
		goto fail;
	}
	if (*lock_fd < 0) {
		status = EXIT_CANTCREAT;
		goto fail;
	}
	/* Under systemd (Type=notify) or with -f: stay.  Otherwise detach. */
	if (!o->foreground && !o->once && !notify_enabled() && getenv("INVOCATION_ID") == NULL) {
		if (!syslog_reachable()) {
			status = EXIT_UNAVAILABLE;
			goto fail;
		}
		if (daemon(0, 0) == -1)
			fatal(EXIT_OSERR, "cannot go to the background: %s", strerror(errno));
		ctl_lock_set_pid(*lock_fd);
	}
	return 0;
fail:
	config_free(dm->cfg);
	dm->cfg = NULL;
	return status;
}

/* Hidden test switches: FOLLOWUPD_TEST_REFUSED_SECONDS, a refused login's
 * first wait in seconds (doubling up to the hour as always), and
 * FOLLOWUPD_CRASH_AFTER_COMMITS, die after N state commits (crash tests). */
static void
test_switches(struct daemon *dm)
{
	const char *min = getenv("FOLLOWUPD_TEST_REFUSED_SECONDS");
	const char *crash = getenv("FOLLOWUPD_CRASH_AFTER_COMMITS");
	int64_t n;

	if (min && parse_int64(min, 1, REFUSED_MAX, &n) == 0)
		for (int a = 0; a < ATTENTION_COUNT; a++)
			dm->login.refused[a].min = (int)n;
	if (crash && parse_int64(crash, 1, 1000000, &n) == 0)
		store_crash_after_commits(dm->st, (unsigned)n);
}

/* The signals, the store, the recogniser and the outbox.  0, or the exit
 * status. */
static int
start_daemon(struct daemon *dm)
{
	struct template_errors te = { 0 };
	struct detect_opts o;
	int64_t last = 0;

	srandom((unsigned)(time(NULL) ^ getpid()));
	daemon_timers_setup(dm);
	dm->sigfd = daemon_signals_setup();
	if (dm->sigfd == -1)
		fatal(EXIT_OSERR, "signalfd: %s", strerror(errno));
	dm->st = ctl_open_store(dm->cfg, true, NULL);
	if (dm->st == NULL)
		return EXIT_CANTCREAT;
	test_switches(dm);
	store_meta_set_int(dm->st, "daemon_pid", (int64_t)getpid());
	dm->started = time(NULL);
	dm->first_ever = store_meta_get_int(dm->st, "last_sync", &last) != 1 || last == 0;
	recognise_opts(dm->cfg, &o);
	dm->rec = recognise_new(&o);
	if ((dm->ob = outbox_new(dm->st, dm->cfg, &te)) == NULL) {
		daemon_print_template_errors(&te);
		return EXIT_CONFIG;
	}
	log_notice("followupd %s started (state %s, watching %zu folder(s))", PACKAGE_VERSION,
	    dm->cfg->state_dir, dm->cfg->imap.nfolders);
	daemon_held_load(dm);
	return 0;
}

/* Everything start_daemon() opened, in reverse; the pid only if ours. */
static void
stop_daemon(struct daemon *dm)
{
	char *pid = NULL;
	int64_t n;

	if (dm->st && store_meta_get(dm->st, "daemon_pid", &pid) == 1 &&
	    parse_int64(pid, 1, INT64_MAX, &n) == 0 && n == (int64_t)getpid())
		store_meta_set(dm->st, "daemon_pid", NULL);
	free(pid);
	if (dm->imap) {
		daemon_idle_end(dm);
		imap_free(dm->imap);
	}
	smtp_free(dm->smtp.h);
	smtp_global_cleanup();
	daemon_sent_free(dm);
	outbox_free(dm->ob);
	recognise_free(dm->rec);
	store_close(dm->st);
	if (dm->sigfd >= 0)
		close(dm->sigfd);
	config_free(dm->cfg);
	free(dm->conn.last_error);
	free(dm->smtp.refused);
}

int
main(int argc, char **argv)
{
	struct options o = { 0 };
	struct daemon dm = {
		.sigfd = -1,
		.conn = {
			.backoff = BACKOFF_INIT(BACKOFF_MIN, BACKOFF_MAX),
			.sync_backoff = BACKOFF_INIT(BACKOFF_MIN, BACKOFF_MAX),
		},
		.login.refused = { BACKOFF_INIT(REFUSED_MIN, REFUSED_MAX),
		    BACKOFF_INIT(REFUSED_MIN, REFUSED_MAX) },
	};
	int status, lock_fd = -1;

	if ((status = parse_options(argc, argv, &o)) >= 0)
		return status;
	dm.config_path = o.config_path;
	dm.once = o.once;
	/* -n, --once and a terminal keep messages on stderr. */
	log_init("followupd", o.foreground || o.check || o.once, o.verbose);
	dm.cfg = ctl_load_config(dm.config_path, false);
	if (dm.cfg == NULL)
		return EXIT_CONFIG;
	if (o.check)
		return check_only(dm.cfg);
	when_adopt_zone(dm.cfg->me.timezone);
	if ((status = start_process(&dm, &o, &lock_fd)) != 0)
		return status;
	status = start_daemon(&dm);
	if (status == 0)
		status = dm.once ? daemon_run_once(&dm) : daemon_run(&dm);
	if (dm.st == NULL) {
		/* No store: nothing else was opened. */
		config_free(dm.cfg);
		close(lock_fd);
		return status;
	}
	stop_daemon(&dm);
	close(lock_fd);
	if (status == 0)
		log_notice("stopped");
	return status;
}
