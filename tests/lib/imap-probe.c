/*
 * imap-probe: drive the imap module from the command line, for the shell
 * tests and the benchmarks.  One connection per run.
 *
 *   imap-probe [options] COMMAND [ARG...]
 *     -H host -p port -s imaps|starttls|none -u user -a plain|login|xoauth2|oauthbearer
 *     -c ca_file -t timeout -k (allow_insecure) -v (debug log)
 *   The secret comes from the environment variable IMAP_PROBE_SECRET, so it
 *   never shows in a process listing.
 *
 * Commands (output on stdout, one fact per line):
 *   login                     connect and log in; "connect_ms=N"
 *   connect-bench N           N times connect+login+logout; "median_ms=.."
 *   select FOLDER             "uidvalidity=V uidnext=N exists=E"
 *   since FOLDER DAYS         UIDs of the last DAYS days, one per line
 *   from FOLDER UID           UIDs >= UID, one per line
 *   headers FOLDER UID...     "uid=U size=S seen=0|1 parts=N msgid=<...>" then
 *                             "  part SECTION TYPE SIZE" lines
 *   fetch FOLDER UID MAX      the message for recognition on stdout; on stderr
 *                             "size=S fetched=F complete=0|1 omitted=N"
 *   compare FOLDER ME         every message of FOLDER read two ways, the
 *                             daemon's (header FETCH, readneed with ME as
 *                             the user's address, imap_fetch_parts) and
 *                             whole (BODY[]), recognised unsandboxed with
 *                             the same options and now: "uid=U same|DIFF
 *                             contents=0|1 whole=B partial=B" (DIFF lines
 *                             then both JSON readings), then "compared=N
 *                             differ=D without_contents=K whole_bytes=B
 *                             partial_bytes=B"; exit
 *                             1 if any differ.  Without contents (readneed
 *                             false) what the daemon records is compared:
 *                             kind (other, both), subject, sender, date,
 *                             Message-ID.
 *   msgid FOLDER MSGID        "found uid=U", or "not found" and exit 1
 *   append FOLDER FILE        "uid=U" (0 without UIDPLUS)
 *   sent                      the Sent folder's name, or exit 1
 *   noop                      NOOP
 *   idle FOLDER SECONDS [N]   IDLE until N (1) batches of new mail were seen:
 *                             prints "idling" when IDLE is running, then
 *                             "new uid=U" per new message; exit 1 if SECONDS
 *                             pass without it.  With IMAP_PROBE_PAUSE_MS set,
 *                             it prints "paused" after SELECT and waits that
 *                             long before IDLE; "idling buffered" then says
 *                             the news came in libetpan's buffer.  With
 *                             IMAP_PROBE_TIMESTAMPS set, each "new uid" line
 *                             ends with " at=MS" (wall clock, milliseconds).
 *
 * Exit status: 0 done, 1 not found / nothing new, 64 usage,
 * 75 temporary failure, 69 permanent failure (the error on stderr).
 */
#include "autoconfig.h"

#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "detect_json.h"
#include "imap.h"
#include "log.h"
#include "readneed.h"
#include "recognise.h"
#include "util.h"

#define EXIT_PERM 69

static struct imap *im;

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static _Noreturn void
usage(void)
{
	fprintf(stderr, "usage: imap-probe [-H host] [-p port] [-s imaps|starttls|none] "
	    "[-u user] [-a plain|login|xoauth2|oauthbearer] [-c ca_file] [-t timeout] [-k] [-v] "
	    "COMMAND [ARG...]\n");
	exit(EXIT_USAGE);
}

static _Noreturn void
die_result(enum imap_result r)
{
	fprintf(stderr, "imap-probe: %s\n", imap_error(im));
	imap_free(im);
	exit(r == IMAP_TEMPFAIL ? EXIT_TEMPFAIL : EXIT_PERM);
}

static void
check(enum imap_result r)
{
	if (r != IMAP_OK)
		die_result(r);
}

static uint32_t
parse_uid(const char *s)
{
	int64_t v;

	if (parse_int64(s, 1, UINT32_MAX, &v) != 0)
		usage();
	return (uint32_t)v;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static char *
msgid_of(const char *h, size_t len)
{
	const char *p = h, *end = h + len;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t l = (size_t)((nl ? nl : end) - p);
		if (l > 11 && strncasecmp(p, "Message-ID:", 11) == 0) {
			char *v = xstrndup(p + 11, l - 11);
			return str_trim(v);
		}
		p = nl ? nl + 1 : end;
	}
	return xstrdup("-");
}

static int
cmd_idle(const char *folder, int seconds, int want, int pause_ms)
{
	uint32_t uidnext = 0;
	double deadline = now_ms() + seconds * 1000.0;
	int batches = 0;

	check(imap_select(im, folder, NULL, &uidnext, NULL));
	if (pause_ms > 0) {
		/* Mail that arrives now is announced right after "+ idling". */
		printf("paused\n");
		fflush(stdout);
		usleep((useconds_t)pause_ms * 1000);
	}
	while (batches < want) {
		bool new_mail = false;

		check(imap_idle_start(im));
		printf("idling%s\n", imap_idle_has_data(im) ? " buffered" : "");
		fflush(stdout);
		while (!new_mail) {
			double left = deadline - now_ms();
			if (left <= 0) {
				check(imap_idle_done(im, &new_mail));
				if (!new_mail)
					return 1;
				break;
			}
			if (!imap_idle_has_data(im)) {
				struct pollfd p = { .fd = imap_fd(im), .events = POLLIN };
				int n = poll(&p, 1, (int)left);
				if (n < 0 && errno != EINTR)
					fatal(EXIT_OSERR, "poll: %s", strerror(errno));
				if (n <= 0)
					continue;
			}
			check(imap_idle_read(im, &new_mail));
		}
		check(imap_idle_done(im, &new_mail));
		struct imap_uids u;
		check(imap_uid_search_from(im, uidnext, &u));
		for (size_t i = 0; i < u.n; i++) {
			if (getenv("IMAP_PROBE_TIMESTAMPS")) {
				struct timespec ts;
				clock_gettime(CLOCK_REALTIME, &ts);
				printf("new uid=%u at=%.3f\n", u.uid[i],
				    (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6);
			} else {
				printf("new uid=%u\n", u.uid[i]);
			}
			if (u.uid[i] >= uidnext)
				uidnext = u.uid[i] + 1;
		}
		fflush(stdout);
		if (u.n > 0)
			batches++;
		imap_uids_free(&u);
	}
	return 0;
}

static char *
reading(const struct detection *d)
{
	json_t *j = detection_to_json(d, true);
	char *s = json_dumps(j, JSON_SORT_KEYS | JSON_COMPACT);

	json_decref(j);
	return s;
}

static bool
str_same(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* What the daemon records of a mail read without its contents. */
static bool
recorded_same(const struct detection *a, const struct detection *b)
{
	return a->kind == DETECT_OTHER && b->kind == DETECT_OTHER &&
	    str_same(a->subject, b->subject) && str_same(a->message_id, b->message_id) &&
	    str_same(a->from.name, b->from.name) && str_same(a->from.email, b->from.email) &&
	    a->has_date == b->has_date && (!a->has_date || a->date == b->date);
}

/* One message both ways; true when the readings agree. */
static bool
compare_one(const struct detect_opts *o, uint32_t uid, const struct imap_fetched *part,
    bool contents, uint64_t *whole_bytes)
{
	struct imap_fetched whole = { 0 };
	struct detection dw = { 0 }, dp = { 0 };
	char *jw = NULL, *jp = NULL;
	bool same;

	check(imap_fetch_for_recognition(im, uid, SIZE_MAX, &whole));
	*whole_bytes += whole.fetched;
	if (recognise_unsandboxed(o, whole.raw.data ? whole.raw.data : "", whole.raw.len, o->now,
	    &dw) < 0 || recognise_unsandboxed(o, part->raw.data ? part->raw.data : "",
	    part->raw.len, o->now, &dp) < 0) {
		fprintf(stderr, "imap-probe: UID %u: not recognised\n", uid);
		exit(EXIT_PERM);
	}
	jw = reading(&dw);
	jp = reading(&dp);
	same = contents ? strcmp(jw, jp) == 0 : recorded_same(&dw, &dp);
	printf("uid=%u %s contents=%d whole=%" PRIu64 " partial=%" PRIu64 "\n", uid,
	    same ? "same" : "DIFF", contents, whole.fetched, part->fetched);
	if (!same)
		printf("  whole:   %s\n  partial: %s\n", jw, jp);
	if (!same && getenv("IMAP_PROBE_DUMP") != NULL) {
		/* Both texts, for a post-mortem. */
		char *fn = xasprintf("%s/%u.partial", getenv("IMAP_PROBE_DUMP"), uid);
		FILE *fp = fopen(fn, "w");
		if (fp != NULL) {
			fwrite(part->raw.data ? part->raw.data : "", 1, part->raw.len, fp);
			fclose(fp);
		}
		free(fn);
	}
	free(jw);
	free(jp);
	detection_free(&dw);
	detection_free(&dp);
	imap_fetched_free(&whole);
	return same;
}

static int
cmd_compare(const char *folder, const char *me)
{
	struct detect_opts o = { .my_addresses = &me, .n_my_addresses = 1,
	    .now = 1767225600 /* 2026-01-01: the same for both readings */ };
	struct imap_uids u = { 0 };
	struct imap_msg *m = NULL;
	struct imap_fetched *f;
	bool *contents;
	size_t nm = 0, differ = 0, without = 0;
	uint64_t whole = 0, partial = 0;

	check(imap_select(im, folder, NULL, NULL, NULL));
	check(imap_uid_search_from(im, 1, &u));
	check(imap_fetch_headers(im, u.uid, u.n, &m, &nm));
	contents = xcalloc(nm + 1, sizeof(*contents));
	f = xcalloc(nm + 1, sizeof(*f));
	for (size_t i = 0; i < nm; i++)
		contents[i] = readneed_contents(m[i].header, m[i].header_len, m[i].calendar_maybe,
		    &me, 1);
	check(imap_fetch_parts(im, m, nm, contents, 1024 * 1024, f));
	for (size_t i = 0; i < nm; i++) {
		partial += f[i].fetched;
		without += !contents[i];
		if (!compare_one(&o, m[i].uid, &f[i], contents[i], &whole))
			differ++;
		imap_fetched_free(&f[i]);
	}
	printf("compared=%zu differ=%zu without_contents=%zu whole_bytes=%" PRIu64
	    " partial_bytes=%" PRIu64 "\n", nm, differ, without, whole, partial);
	free(f);
	free(contents);
	imap_msgs_free(m, nm);
	imap_uids_free(&u);
	return differ ? 1 : 0;
}

int
main(int argc, char **argv)
{
	struct imap_config cfg = { .host = "127.0.0.1", .security = IMAP_SECURITY_IMAPS };
	const char *cmd;
	int c, verbose = 0, rc = 0;
	double t0;

	/* libetpan writes to sockets without MSG_NOSIGNAL. */
	signal(SIGPIPE, SIG_IGN);
	while ((c = getopt(argc, argv, "H:p:s:u:a:c:t:kv")) != -1) {
		switch (c) {
		case 'H': cfg.host = optarg; break;
		case 'p': cfg.port = (unsigned)atoi(optarg); break;
		case 's':
			if (strcmp(optarg, "imaps") == 0) cfg.security = IMAP_SECURITY_IMAPS;
			else if (strcmp(optarg, "starttls") == 0) cfg.security = IMAP_SECURITY_STARTTLS;
			else if (strcmp(optarg, "none") == 0) cfg.security = IMAP_SECURITY_NONE;
			else usage();
			break;
		case 'u': cfg.user = optarg; break;
		case 'a':
			if (strcmp(optarg, "plain") == 0) cfg.auth = IMAP_AUTH_PLAIN;
			else if (strcmp(optarg, "login") == 0) cfg.auth = IMAP_AUTH_LOGIN;
			else if (strcmp(optarg, "xoauth2") == 0) cfg.auth = IMAP_AUTH_XOAUTH2;
			else if (strcmp(optarg, "oauthbearer") == 0) cfg.auth = IMAP_AUTH_OAUTHBEARER;
			else usage();
			break;
		case 'c': cfg.ca_file = optarg; break;
		case 't': cfg.timeout = atoi(optarg); break;
		case 'k': cfg.allow_insecure = true; break;
		case 'v': verbose = 2; break;
		default: usage();
		}
	}
	if (optind >= argc)
		usage();
	cmd = argv[optind++];
	argc -= optind;
	argv += optind;
	log_init("imap-probe", true, verbose);
	cfg.secret = getenv("IMAP_PROBE_SECRET");
	im = imap_new(&cfg);

	if (strcmp(cmd, "connect-bench") == 0) {
		int n = argc == 1 ? atoi(argv[0]) : 0;
		if (n <= 0)
			usage();
		double *ms = xcalloc((size_t)n, sizeof(*ms));
		for (int i = 0; i < n; i++) {
			t0 = now_ms();
			check(imap_connect(im));
			ms[i] = now_ms() - t0;
			imap_disconnect(im);
		}
		qsort(ms, (size_t)n, sizeof(*ms), cmp_double);
		printf("runs=%d min_ms=%.1f median_ms=%.1f max_ms=%.1f\n", n, ms[0], ms[n / 2], ms[n - 1]);
		free(ms);
		imap_free(im);
		return 0;
	}

	t0 = now_ms();
	check(imap_connect(im));
	if (strcmp(cmd, "login") == 0) {
		printf("connect_ms=%.1f idle=%d uidplus=%d\n", now_ms() - t0,
		    imap_has_capability(im, "IDLE"), imap_has_capability(im, "UIDPLUS"));
	} else if (strcmp(cmd, "select") == 0 && argc == 1) {
		uint32_t v, n, e;
		check(imap_select(im, argv[0], &v, &n, &e));
		printf("uidvalidity=%u uidnext=%u exists=%u\n", v, n, e);
	} else if ((strcmp(cmd, "since") == 0 || strcmp(cmd, "from") == 0) && argc == 2) {
		struct imap_uids u;
		check(imap_select(im, argv[0], NULL, NULL, NULL));
		if (cmd[0] == 's')
			check(imap_uid_search_since(im, time(NULL) - 86400 * atoi(argv[1]), &u));
		else
			check(imap_uid_search_from(im, parse_uid(argv[1]), &u));
		for (size_t i = 0; i < u.n; i++)
			printf("%u\n", u.uid[i]);
		imap_uids_free(&u);
	} else if (strcmp(cmd, "headers") == 0 && argc >= 2) {
		size_t n = (size_t)argc - 1, nm = 0;
		uint32_t *uids = xcalloc(n, sizeof(*uids));
		struct imap_msg *m = NULL;
		for (size_t i = 0; i < n; i++)
			uids[i] = parse_uid(argv[i + 1]);
		check(imap_select(im, argv[0], NULL, NULL, NULL));
		check(imap_fetch_headers(im, uids, n, &m, &nm));
		for (size_t i = 0; i < nm; i++) {
			char *id = msgid_of(m[i].header, m[i].header_len);
			printf("uid=%u size=%u seen=%d parts=%zu msgid=%s\n", m[i].uid, m[i].size,
			    m[i].seen, m[i].nparts, id);
			free(id);
			for (size_t k = 0; k < m[i].nparts; k++)
				printf("  part %s %s %u\n", m[i].parts[k].section, m[i].parts[k].type,
				    m[i].parts[k].size);
		}
		imap_msgs_free(m, nm);
		free(uids);
	} else if (strcmp(cmd, "fetch") == 0 && argc == 3) {
		struct imap_fetched f;
		check(imap_select(im, argv[0], NULL, NULL, NULL));
		uint64_t in0 = imap_bytes_in(im);
		check(imap_fetch_for_recognition(im, parse_uid(argv[1]),
		    (size_t)strtoull(argv[2], NULL, 10), &f));
		if (f.gone) {
			fprintf(stderr, "gone\n");
			rc = 1;
		} else {
			fwrite(f.raw.data, 1, f.raw.len, stdout);
			fprintf(stderr, "size=%u fetched=%llu wire=%llu complete=%d omitted=%zu\n",
			    f.size, (unsigned long long)f.fetched,
			    (unsigned long long)(imap_bytes_in(im) - in0), f.complete, f.omitted);
		}
		imap_fetched_free(&f);
	} else if (strcmp(cmd, "compare") == 0 && argc == 2) {
		rc = cmd_compare(argv[0], argv[1]);
	} else if (strcmp(cmd, "msgid") == 0 && argc == 2) {
		bool found;
		uint32_t uid;
		check(imap_search_message_id(im, argv[0], argv[1], &found, &uid));
		if (found) {
			printf("found uid=%u\n", uid);
		} else {
			printf("not found\n");
			rc = 1;
		}
	} else if (strcmp(cmd, "append") == 0 && argc == 2) {
		char *data;
		size_t len;
		uint32_t uid;
		if (read_file(argv[1], 64u << 20, &data, &len) != 0)
			fatal(EXIT_NOINPUT, "%s: %s", argv[1], strerror(errno));
		check(imap_append(im, argv[0], data, len, true, &uid));
		printf("uid=%u\n", uid);
		free(data);
	} else if (strcmp(cmd, "sent") == 0 && argc == 0) {
		char *name;
		check(imap_find_sent_folder(im, &name));
		if (name) {
			printf("%s\n", name);
			free(name);
		} else {
			rc = 1;
		}
	} else if (strcmp(cmd, "noop") == 0 && argc == 0) {
		check(imap_noop(im, NULL));
	} else if (strcmp(cmd, "idle") == 0 && (argc == 2 || argc == 3)) {
		rc = cmd_idle(argv[0], atoi(argv[1]), argc == 3 ? atoi(argv[2]) : 1,
		    getenv("IMAP_PROBE_PAUSE_MS") ? atoi(getenv("IMAP_PROBE_PAUSE_MS")) : 0);
	} else {
		imap_free(im);
		usage();
	}
	fflush(stdout);
	imap_free(im);
	return rc;
}
