/*
 * followupctl: what the user does by hand, against the daemon's state.
 *
 * Every listing prints a table for people, or with --json one JSON object
 * per line (jansson does the escaping).  Times are shown in me.timezone in
 * tables and as UTC ISO 8601 in JSON.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "autoconfig.h"

#include "config.h"
#include "ctl.h"
#include "ctl_scan.h"
#include "recognise.h"
#include "log.h"
#include "store.h"
#include "util.h"
#include "when.h"

struct ctl {
	const char *config_path;
	struct config *cfg;
	struct store *st;
	bool json;
	time_t now;
};

static void
usage(FILE *out)
{
	fprintf(out,
	    "usage: followupctl [-c FILE] [-v] COMMAND [ARGS]\n"
	    "\n"
	    "Commands:\n"
	    "  status [--json]              what the daemon knows and what is next\n"
	    "  interviews [--all] [--json]  interviews (upcoming, or all)\n"
	    "  outbox [--all] [--json]      mails waiting to go (--all: sent and cancelled too)\n"
	    "  log [--since AGE] [--json]   the audit trail (AGE: 2d, 12h, or a date)\n"
	    "  scan [--json] FILE...        what would be recognised in saved mails\n"
	    "  check-config                 check the config file and exit (78 on errors)\n"
	    "\n"
	    "Options:\n"
	    "  -c FILE     config file (default %s)\n"
	    "  -h, --help  this help;  --version  the version\n"
	    "\n"
	    "See followupctl(1) and followupd.conf(5).\n",
	    config_default_path());
}

static const char *
fmt_local(time_t t, const char *tz, char *buf, size_t len)
{
	struct tm tm;

	if (t == 0)
		return "-";
	when_local(t, tz, &tm);
	strftime(buf, len, "%a %Y-%m-%d %H:%M", &tm);
	return buf;
}

static json_t *
json_time(int64_t t)
{
	char buf[32];

	if (t == 0)
		return json_null();
	return json_string(when_format_iso((time_t)t, buf, sizeof(buf)));
}

static json_t *
json_str(const char *s)
{
	return s ? json_string(s) : json_null();
}

static void
json_print(json_t *obj)
{
	char *s = json_dumps(obj, JSON_COMPACT | JSON_ENSURE_ASCII);

	puts(s);
	free(s);
	json_decref(obj);
}

/* The options every listing takes: --json, --all, --since. */
struct list_opts {
	bool all;
	const char *since;
};

static int
parse_list_opts(struct ctl *c, int argc, char **argv, struct list_opts *lo, bool allow_all,
		bool allow_since)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "all", no_argument, NULL, 'a' },
		{ "since", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 },
	};
	int ch;

	memset(lo, 0, sizeof(*lo));
	optind = 1;
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case 'j':
			c->json = true;
			break;
		case 'a':
			if (!allow_all)
				goto bad;
			lo->all = true;
			break;
		case 's':
			if (!allow_since)
				goto bad;
			lo->since = optarg;
			break;
		default:
			goto bad;
		}
	}
	if (optind != argc)
		goto bad;
	return 0;
bad:
	fprintf(stderr, "followupctl %s: unexpected argument (see followupctl --help)\n", argv[0]);
	return -1;
}

static int
cmd_status(struct ctl *c, int argc, char **argv)
{
	struct list_opts lo;
	struct store_summary s;
	char buf[64], *pid = NULL;

	if (parse_list_opts(c, argc, argv, &lo, false, false) == -1)
		return EXIT_USAGE;
	if (c->st == NULL) {
		if (c->json)
			json_print(json_pack("{s:b}", "state", 0));
		else
			printf("No state yet: followupd has not run with this config.\n");
		return 0;
	}
	if (store_summary(c->st, c->now, &s) < 0) {
		fprintf(stderr, "followupctl: %s\n", store_errmsg(c->st));
		return EXIT_IOERR;
	}
	store_meta_get(c->st, "daemon_pid", &pid);
	if (c->json) {
		json_t *apps = json_object(), *ivs = json_object(), *out = json_object();

		for (int i = 0; i < STORE_APP_STATUS_COUNT; i++)
			json_object_set_new(apps, store_app_status_name(i), json_integer(s.applications[i]));
		for (int i = 0; i < STORE_IV_STATUS_COUNT; i++)
			json_object_set_new(ivs, store_iv_status_name(i), json_integer(s.interviews[i]));
		json_object_set_new(ivs, "upcoming", json_integer(s.interviews_upcoming));
		for (int i = 0; i < STORE_MAIL_STATUS_COUNT; i++)
			json_object_set_new(out, store_mail_status_name(i), json_integer(s.outbox[i]));
		json_print(json_pack("{s:b,s:o,s:o,s:o,s:o,s:o,s:i,s:o}", "state", 1,
		    "applications", apps, "interviews", ivs, "outbox", out,
		    "last_sync", json_time(s.last_sync), "next_due", json_time(s.next_due),
		    "schema_version", s.schema_version, "daemon_pid", json_str(pid)));
		free(pid);
		return 0;
	}
	printf("Applications: %lld active, %lld rejected, %lld offers, %lld withdrawn\n",
	    (long long)s.applications[STORE_APP_ACTIVE], (long long)s.applications[STORE_APP_REJECTED],
	    (long long)s.applications[STORE_APP_OFFER], (long long)s.applications[STORE_APP_WITHDRAWN]);
	printf("Interviews:   %lld upcoming, %lld done, %lld cancelled\n",
	    (long long)s.interviews_upcoming, (long long)s.interviews[STORE_IV_DONE],
	    (long long)s.interviews[STORE_IV_CANCELLED]);
	printf("Outbox:       %lld pending, %lld held, %lld deferred, %lld sending, %lld unknown, "
	    "%lld failed, %lld sent\n",
	    (long long)s.outbox[STORE_MAIL_PENDING], (long long)s.outbox[STORE_MAIL_HELD],
	    (long long)s.outbox[STORE_MAIL_DEFERRED], (long long)s.outbox[STORE_MAIL_SENDING],
	    (long long)s.outbox[STORE_MAIL_UNKNOWN], (long long)s.outbox[STORE_MAIL_FAILED],
	    (long long)s.outbox[STORE_MAIL_SENT]);
	printf("Last sync:    %s\n", s.last_sync ? fmt_local(s.last_sync, c->cfg->me.timezone, buf, sizeof(buf)) : "never");
	printf("Next due:     %s\n", s.next_due ? fmt_local(s.next_due, c->cfg->me.timezone, buf, sizeof(buf)) : "nothing scheduled");
	if (pid)
		printf("Daemon:       pid %s\n", pid);
	free(pid);
	return 0;
}

static int
cmd_interviews(struct ctl *c, int argc, char **argv)
{
	struct list_opts lo;
	struct store_interview_filter f = { 0 };
	struct store_interview *rows = NULL;
	size_t n = 0;
	char buf[64];

	if (parse_list_opts(c, argc, argv, &lo, true, false) == -1)
		return EXIT_USAGE;
	if (c->st == NULL)
		goto empty;
	f.upcoming = !lo.all;
	f.now = c->now;
	if (store_interview_list(c->st, &f, &rows, &n) < 0) {
		fprintf(stderr, "followupctl: %s\n", store_errmsg(c->st));
		return EXIT_IOERR;
	}
empty:
	if (!c->json)
		printf("%-4s  %-20s  %-10s  %-24s  %s\n", "ID", "START", "STATUS", "COMPANY", "ROLE");
	for (size_t i = 0; i < n; i++) {
		struct store_interview *iv = &rows[i];
		struct store_person *people = NULL;
		size_t np = 0;

		if (c->json) {
			json_t *pa = json_array();

			store_interview_people(c->st, iv->id, &people, &np);
			for (size_t k = 0; k < np; k++)
				json_array_append_new(pa, json_pack("{s:o,s:o,s:s}",
				    "name", json_str(people[k].name), "email", json_str(people[k].email),
				    "role", store_role_name(people[k].role)));
			store_people_free(people, np);
			json_print(json_pack("{s:I,s:I,s:o,s:o,s:o,s:o,s:o,s:s,s:b,s:b,s:o,s:o,s:o,s:o,s:I,s:o}",
			    "id", (json_int_t)iv->id, "application", (json_int_t)iv->application_id,
			    "company", json_str(iv->company), "role", json_str(iv->role),
			    "start", json_time(iv->start), "end", json_time(iv->end),
			    "timezone", json_str(iv->timezone), "status", store_iv_status_name(iv->status),
			    "final_round", iv->final_round, "asks_references", iv->asks_references,
			    "decision_by", json_str(iv->decision_by), "meeting_url", json_str(iv->meeting_url),
			    "location", json_str(iv->location), "event_uid", json_str(iv->event_uid),
			    "sequence", (json_int_t)iv->sequence, "people", pa));
		} else
			printf("%-4lld  %-20s  %-10s  %-24.24s  %s\n", (long long)iv->id,
			    fmt_local(iv->start, c->cfg->me.timezone, buf, sizeof(buf)),
			    store_iv_status_name(iv->status), iv->company ? iv->company : "?",
			    iv->role && *iv->role ? iv->role : "-");
	}
	store_interviews_free(rows, n);
	return 0;
}

static int
cmd_outbox(struct ctl *c, int argc, char **argv)
{
	struct list_opts lo;
	struct store_outbox_filter f = { 0 };
	struct store_outbox *rows = NULL;
	size_t n = 0;
	char buf[64];

	if (parse_list_opts(c, argc, argv, &lo, true, false) == -1)
		return EXIT_USAGE;
	if (c->st == NULL)
		goto empty;
	if (!lo.all)
		f.status_mask = STORE_BIT(STORE_MAIL_PENDING) | STORE_BIT(STORE_MAIL_HELD) |
		    STORE_BIT(STORE_MAIL_SENDING) | STORE_BIT(STORE_MAIL_DEFERRED) |
		    STORE_BIT(STORE_MAIL_UNKNOWN) | STORE_BIT(STORE_MAIL_FAILED);
	if (store_outbox_list(c->st, &f, &rows, &n) < 0) {
		fprintf(stderr, "followupctl: %s\n", store_errmsg(c->st));
		return EXIT_IOERR;
	}
empty:
	if (!c->json)
		printf("%-4s  %-20s  %-9s  %-17s  %-28s  %s\n", "ID", "DUE", "STATUS", "KIND",
		    "TO", "COMPANY");
	for (size_t i = 0; i < n; i++) {
		struct store_outbox *m = &rows[i];

		if (c->json)
			json_print(json_pack("{s:I,s:s,s:s,s:I,s:I,s:o,s:s,s:o,s:o,s:i,s:o,s:o,s:o,s:o,s:b,s:o,s:o}",
			    "id", (json_int_t)m->id, "kind", store_mail_kind_name(m->kind),
			    "status", store_mail_status_name(m->status),
			    "application", (json_int_t)m->application_id,
			    "interview", (json_int_t)m->interview_id,
			    "recipient_name", json_str(m->recipient_name), "recipient_email", m->recipient_email,
			    "company", json_str(m->company), "due", json_time(m->due),
			    "attempts", m->attempts, "next_attempt", json_time(m->next_attempt),
			    "message_id", json_str(m->message_id), "subject", json_str(m->subject),
			    "last_error", json_str(m->last_error), "edited", m->edited,
			    "sent_at", json_time(m->sent_at), "role", json_str(m->role)));
		else
			printf("%-4lld  %-20s  %-9s  %-17s  %-28.28s  %s\n", (long long)m->id,
			    fmt_local(m->next_attempt ? m->next_attempt : m->due, c->cfg->me.timezone, buf, sizeof(buf)),
			    store_mail_status_name(m->status), store_mail_kind_name(m->kind),
			    m->recipient_email, m->company ? m->company : "-");
	}
	store_outbox_rows_free(rows, n);
	return 0;
}

static int
cmd_log(struct ctl *c, int argc, char **argv)
{
	struct list_opts lo;
	struct store_event *rows = NULL;
	size_t n = 0;
	time_t since = 0;
	char buf[64];

	if (parse_list_opts(c, argc, argv, &lo, false, true) == -1)
		return EXIT_USAGE;
	if (lo.since && when_parse_since(lo.since, c->now, &since) == -1) {
		fprintf(stderr, "followupctl log: --since %s: expected an age like 2d or 12h, "
		    "or a date like 2027-03-01\n", lo.since);
		return EXIT_USAGE;
	}
	if (c->st && store_event_list(c->st, since, 0, &rows, &n) < 0) {
		fprintf(stderr, "followupctl: %s\n", store_errmsg(c->st));
		return EXIT_IOERR;
	}
	for (size_t i = 0; i < n; i++) {
		struct store_event *e = &rows[i];

		if (c->json)
			json_print(json_pack("{s:I,s:o,s:s,s:I,s:I,s:I,s:s}", "id", (json_int_t)e->id,
			    "at", json_time(e->at), "kind", e->kind,
			    "application", (json_int_t)e->application_id,
			    "interview", (json_int_t)e->interview_id,
			    "outbox", (json_int_t)e->outbox_id, "message", e->message));
		else
			printf("%s  %-10s  %s\n", fmt_local(e->at, c->cfg->me.timezone, buf, sizeof(buf)),
			    e->kind, e->message);
	}
	store_events_free(rows, n);
	return 0;
}

static int
cmd_check_config(struct ctl *c, int argc, char **argv)
{
	if (argc != 1) {
		usage(stderr);
		return EXIT_USAGE;
	}
	printf("%s: configuration is valid\n", c->cfg->path);
	return 0;
}

static int
cmd_scan(struct ctl *c, int argc, char **argv)
{
	struct detect_opts opts;

	recognise_opts(c->cfg, &opts);
	opts.now = c->now;
	return ctl_scan(argc, argv, &opts);
}

/* What a command needs before it runs. */
enum need { NEED_NOTHING, NEED_CONFIG_IF_ANY, NEED_CONFIG, NEED_STORE };

static const struct command {
	const char *name;
	int (*fn)(struct ctl *, int, char **);
	enum need need;
} commands[] = {
	{ "status", cmd_status, NEED_STORE },
	{ "interviews", cmd_interviews, NEED_STORE },
	{ "outbox", cmd_outbox, NEED_STORE },
	{ "log", cmd_log, NEED_STORE },
	{ "scan", cmd_scan, NEED_CONFIG_IF_ANY },
	{ "check-config", cmd_check_config, NEED_CONFIG },
};

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct ctl c = { 0 };
	const struct command *cmd = NULL;
	int ch, rc, verbose = 0;

	log_init("followupctl", true, 0);
	while ((ch = getopt_long(argc, argv, "+c:hv", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			c.config_path = optarg;
			break;
		case 'v':
			verbose++;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("followupctl %s\n", PACKAGE_VERSION);
			return 0;
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	log_set_verbosity(verbose);
	argc -= optind;
	argv += optind;
	if (argc == 0) {
		usage(stderr);
		return EXIT_USAGE;
	}
	for (size_t i = 0; i < ARRAY_LEN(commands); i++)
		if (strcmp(argv[0], commands[i].name) == 0)
			cmd = &commands[i];
	if (cmd == NULL) {
		fprintf(stderr, "followupctl: unknown command '%s' (see followupctl --help)\n", argv[0]);
		return EXIT_USAGE;
	}
	c.now = time(NULL);
	/* scan reads saved mails: a config only adds the user's addresses. */
	if (cmd->need != NEED_CONFIG_IF_ANY || c.config_path != NULL ||
	    access(config_default_path(), F_OK) == 0) {
		c.cfg = ctl_load_config(c.config_path);
		if (c.cfg == NULL)
			return EXIT_CONFIG;
	}
	if (cmd->need == NEED_STORE) {
		bool missing;

		c.st = ctl_open_store(c.cfg, false, &missing);
		if (c.st == NULL && !missing) {
			config_free(c.cfg);
			return EXIT_IOERR;
		}
	}
	rc = cmd->fn(&c, argc, argv);
	store_close(c.st);
	config_free(c.cfg);
	return rc;
}
