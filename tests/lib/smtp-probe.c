/*
 * smtp-probe: send message files through the smtp module, for the shell
 * tests and the benchmarks.  All files go through one handle (one batch).
 *
 *   smtp-probe [options] -f FROM -r RCPT [-r RCPT...] FILE...
 *     -H host -p port -s smtps|starttls|none -u user -a plain|login|xoauth2|oauthbearer
 *     -c ca_file -C ca_path (replaces the system CA directory: tests only)
 *     -e ehlo_name -t timeout -T connect_timeout -k (allow_insecure)
 *     -v (debug log on stderr: the filtered protocol trace)
 *   The secret comes from the environment variable SMTP_PROBE_SECRET, so it
 *   never shows in a process listing.
 *   SMTP_PROBE_MARK=ok|fail sends with a body-handed mark (smtp.h) whose
 *   hook succeeds or fails; the number of hook calls goes to stderr at the
 *   end ("smtp-probe: marks=N").
 *
 * Output on stdout, one line per file:
 *   RESULT<TAB>ms<TAB>FILE<TAB>DETAIL
 * with RESULT one of ok temp perm auth unknown and ms the time smtp_send
 * took; then one summary line:
 *   mails=N ok=K connections=C total_ms=T per_mail_ms=P
 *
 * Exit status: 0 every mail ok, 1 some mail not ok, 64 usage, 66 a file
 * could not be read, 70 smtp_new refused the settings.
 */
#include "autoconfig.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "smtp.h"
#include "util.h"

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

/* The body-handed mark's hook: counts, and fails when told to. */
static unsigned marks;

static int
probe_mark(void *arg)
{
	marks++;
	return *(const bool *)arg ? 0 : -1;
}

static _Noreturn void
usage(void)
{
	fprintf(stderr, "usage: smtp-probe [-H host] [-p port] [-s smtps|starttls|none] "
	    "[-u user] [-a plain|login|xoauth2|oauthbearer] [-c ca_file] [-C ca_path] [-e ehlo] "
	    "[-t timeout] [-T connect_timeout] [-k] [-v] -f FROM -r RCPT... FILE...\n");
	exit(EXIT_USAGE);
}

static int
parse_num(const char *s, int64_t max)
{
	int64_t v;

	if (parse_int64(s, 0, max, &v) != 0)
		usage();
	return (int)v;
}

static const char *
result_word(enum smtp_result r)
{
	switch (r) {
	case SMTP_OK: return "ok";
	case SMTP_TEMPFAIL: return "temp";
	case SMTP_PERMFAIL: return "perm";
	case SMTP_AUTHFAIL: return "auth";
	case SMTP_UNKNOWN: return "unknown";
	}
	return "?";
}

int
main(int argc, char **argv)
{
	struct smtp_config cfg = { .host = "127.0.0.1", .security = SMTP_SECURITY_STARTTLS };
	const char **rcpts = NULL;
	size_t nrcpt = 0;
	const char *from = NULL;
	struct smtp *s;
	char *err = NULL;
	int verbose = 0, c, i, nok = 0, status = 0;
	double t0, total;
	const char *mark_env = getenv("SMTP_PROBE_MARK");
	bool mark_ok;
	struct smtp_mark mark = { probe_mark, &mark_ok };

	while ((c = getopt(argc, argv, "H:p:s:u:a:c:C:e:t:T:kvf:r:")) != -1) {
		switch (c) {
		case 'H': cfg.host = optarg; break;
		case 'p': cfg.port = (unsigned)parse_num(optarg, 65535); break;
		case 's':
			if (strcmp(optarg, "smtps") == 0)
				cfg.security = SMTP_SECURITY_SMTPS;
			else if (strcmp(optarg, "starttls") == 0)
				cfg.security = SMTP_SECURITY_STARTTLS;
			else if (strcmp(optarg, "none") == 0)
				cfg.security = SMTP_SECURITY_NONE;
			else
				usage();
			break;
		case 'u': cfg.user = optarg; break;
		case 'a':
			if (strcmp(optarg, "plain") == 0)
				cfg.auth = SMTP_AUTH_PLAIN;
			else if (strcmp(optarg, "login") == 0)
				cfg.auth = SMTP_AUTH_LOGIN;
			else if (strcmp(optarg, "xoauth2") == 0)
				cfg.auth = SMTP_AUTH_XOAUTH2;
			else if (strcmp(optarg, "oauthbearer") == 0)
				cfg.auth = SMTP_AUTH_OAUTHBEARER;
			else
				usage();
			break;
		case 'c': cfg.ca_file = optarg; break;
		case 'C': cfg.ca_path = optarg; break;
		case 'e': cfg.ehlo_name = optarg; break;
		case 't': cfg.timeout = parse_num(optarg, 86400); break;
		case 'T': cfg.connect_timeout = parse_num(optarg, 86400); break;
		case 'k': cfg.allow_insecure = true; break;
		case 'v': verbose = 2; break;
		case 'f': from = optarg; break;
		case 'r':
			rcpts = xreallocarray(rcpts, nrcpt + 1, sizeof(*rcpts));
			rcpts[nrcpt++] = optarg;
			break;
		default: usage();
		}
	}
	if (!from || nrcpt == 0 || optind >= argc)
		usage();
	log_init("smtp-probe", true, verbose);
	cfg.secret = getenv("SMTP_PROBE_SECRET");
	if (smtp_global_init() < 0)
		fatal(EXIT_SOFTWARE, "libcurl initialisation failed");

	s = smtp_new(&cfg, &err);
	if (!s) {
		fprintf(stderr, "smtp-probe: %s\n", err);
		free(err);
		free(rcpts);
		return EXIT_SOFTWARE;
	}
	mark_ok = mark_env != NULL && strcmp(mark_env, "fail") != 0;
	t0 = now_ms();
	for (i = optind; i < argc; i++) {
		char *data = NULL, *detail = NULL;
		size_t len = 0;
		enum smtp_result r;
		double t1;

		if (read_file(argv[i], 10 * 1024 * 1024, &data, &len) != 0) {
			fprintf(stderr, "smtp-probe: cannot read %s\n", argv[i]);
			status = EXIT_NOINPUT;
			break;
		}
		t1 = now_ms();
		r = smtp_send_marked(s, from, rcpts, nrcpt, data, len, mark_env ? &mark : NULL,
		    &detail);
		printf("%s\t%.0f\t%s\t%s\n", result_word(r), now_ms() - t1, argv[i], detail);
		fflush(stdout);
		if (r == SMTP_OK)
			nok++;
		else if (status == 0)
			status = 1;
		free(detail);
		free(data);
	}
	total = now_ms() - t0;
	if (mark_env)
		fprintf(stderr, "smtp-probe: marks=%u\n", marks);
	printf("mails=%d ok=%d connections=%u total_ms=%.0f per_mail_ms=%.1f\n",
	    argc - optind, nok, smtp_connections(s), total,
	    argc > optind ? total / (argc - optind) : 0.0);
	smtp_free(s);
	smtp_global_cleanup();
	free(rcpts);
	return status;
}
