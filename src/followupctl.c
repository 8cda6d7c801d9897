/*
 * followupctl: what the user does by hand, against the daemon's state.
 *
 * Every listing prints a table for people, or with --json one JSON object
 * per line (jansson does the escaping).  Times are shown in me.timezone in
 * tables and as UTC ISO 8601 in JSON.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "autoconfig.h"

#include "compose.h"
#include "config.h"
#include "ctl.h"
#include "ctl_scan.h"
#include "detect.h"
#include "log.h"
#include "outbox.h"
#include "recognise.h"
#include "store.h"
#include "template.h"
#include "track.h"
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
	    "  outbox [--all] [--json]      mails waiting to go (--all: sent, cancelled too)\n"
	    "  log [--since AGE] [--json]   the audit trail (AGE: 2d, 12h, or a date)\n"
	    "  scan [--json] FILE...        what would be recognised in saved mails\n"
	    "  show ID [--raw|--json]       a mail, as the exact bytes that will leave\n"
	    "  approve ID|--all             let held mails go (review mode, unknown outcome)\n"
	    "  hold ID | cancel ID          stop a mail for now | for good\n"
	    "  edit ID                      change a mail in $EDITOR; the edit is sent\n"
	    "  send-now ID                  send it at once, outside the window\n"
	    "  note INTERVIEW TEXT          notes for the thank-you mails\n"
	    "  add-interview --company C --start T [--end T] [--role R]\n"
	    "                [--interviewer 'N <addr>']... [--contact 'N <addr>'] [--final]\n"
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

/* A store call failed: say why (the SQLite message included). */
static int
store_failed(struct ctl *c)
{
	fprintf(stderr, "followupctl: %s\n", store_errmsg(c->st));
	return EXIT_IOERR;
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
	if (store_summary(c->st, c->now, &s) < 0)
		return store_failed(c);
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
	if (store_interview_list(c->st, &f, &rows, &n) < 0)
		return store_failed(c);
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
	if (store_outbox_list(c->st, &f, &rows, &n) < 0)
		return store_failed(c);
empty:
	if (!c->json)
		printf("%-4s  %-20s  %-9s  %-17s  %-28s  %s\n", "ID", "DUE", "STATUS", "KIND",
		    "TO", "COMPANY");
	for (size_t i = 0; i < n; i++) {
		struct store_outbox *m = &rows[i];

		if (c->json)
			json_print(json_pack("{s:I,s:s,s:s,s:I,s:I,s:o,s:s,s:o,s:o,s:i,s:o,s:o,s:o,s:o,s:b,s:o,s:o,s:o}",
			    "id", (json_int_t)m->id, "kind", store_mail_kind_name(m->kind),
			    "status", store_mail_status_name(m->status),
			    "application", (json_int_t)m->application_id,
			    "interview", (json_int_t)m->interview_id,
			    "recipient_name", json_str(m->recipient_name), "recipient_email", m->recipient_email,
			    "company", json_str(m->company), "due", json_time(m->due),
			    "attempts", m->attempts, "next_attempt", json_time(m->next_attempt),
			    "message_id", json_str(m->message_id), "subject", json_str(m->subject),
			    "last_error", json_str(m->last_error), "edited", m->edited,
			    "sent_at", json_time(m->sent_at), "role", json_str(m->role),
			    "hold_reason", json_str(m->status == STORE_MAIL_HELD ? m->hold_reason : NULL)));
		else {
			printf("%-4lld  %-20s  %-9s  %-17s  %-28.28s  %s\n", (long long)m->id,
			    fmt_local(m->next_attempt ? m->next_attempt : m->due, c->cfg->me.timezone, buf, sizeof(buf)),
			    store_mail_status_name(m->status), store_mail_kind_name(m->kind),
			    m->recipient_email, m->company ? m->company : "-");
			if (m->status == STORE_MAIL_HELD && m->hold_reason)
				printf("      held: %s\n", m->hold_reason);
		}
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
	if (c->st && store_event_list(c->st, since, 0, &rows, &n) < 0)
		return store_failed(c);
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

/* Tell a running daemon that the state changed (it reads it again). */
static void
poke_daemon(struct ctl *c)
{
	char *pid = NULL, path[64], comm[32] = "";
	int64_t n;
	FILE *f;

	if (store_meta_get(c->st, "daemon_pid", &pid) != 1 ||
	    parse_int64(pid, 1, 4194304, &n) == -1) {
		free(pid);
		return;
	}
	free(pid);
	/* Only a live followupd: a stale pid may belong to anything now. */
	snprintf(path, sizeof(path), "/proc/%lld/comm", (long long)n);
	if ((f = fopen(path, "r")) == NULL)
		return;
	if (fgets(comm, sizeof(comm), f) && str_has_prefix(comm, "followupd") &&
	    kill((pid_t)n, SIGUSR1) == -1 && errno == EPERM)
		fprintf(stderr, "followupctl: cannot signal followupd (pid %lld); it will see the "
		    "change at its next wake-up\n", (long long)n);
	fclose(f);
}

static int
need_store(struct ctl *c)
{
	if (c->st == NULL) {
		fprintf(stderr, "followupctl: no state yet: followupd has not run with this config\n");
		return -1;
	}
	return 0;
}

static int
parse_id(const char *cmd, const char *s, int64_t *id)
{
	if (s == NULL || parse_int64(s, 1, INT64_MAX, id) == -1) {
		fprintf(stderr, "followupctl %s: expected a mail number, got '%s'\n", cmd, s ? s : "");
		return -1;
	}
	return 0;
}

static int
get_mail(struct ctl *c, const char *cmd, const char *arg, struct store_outbox *m)
{
	int64_t id;
	int rc;

	if (need_store(c) == -1 || parse_id(cmd, arg, &id) == -1)
		return EXIT_USAGE;
	rc = store_outbox_get(c->st, id, m);
	if (rc < 0)
		return store_failed(c);
	if (rc == 0) {
		fprintf(stderr, "followupctl %s: no mail %lld (see followupctl outbox --all)\n", cmd,
		    (long long)id);
		return EXIT_DATAERR;
	}
	return 0;
}

static int
cmd_show(struct ctl *c, int argc, char **argv)
{
	struct store_outbox m = { 0 };
	bool raw = argc == 3 && strcmp(argv[2], "--raw") == 0;
	char buf[64];
	int rc;

	c->json = argc == 3 && strcmp(argv[2], "--json") == 0;
	if (argc < 2 || argc > 3 || (argc == 3 && !raw && !c->json)) {
		fprintf(stderr, "usage: followupctl show ID [--raw|--json]\n");
		return EXIT_USAGE;
	}
	if ((rc = get_mail(c, "show", argv[1], &m)) != 0)
		return rc;
	if (c->json) {
		json_print(json_pack("{s:I,s:s,s:s,s:s,s:o,s:o,s:o,s:o,s:o,s:s%}", "id", (json_int_t)m.id,
		    "kind", store_mail_kind_name(m.kind), "status", store_mail_status_name(m.status),
		    "recipient_email", m.recipient_email, "due", json_time(m.due),
		    "message_id", json_str(m.message_id), "last_error", json_str(m.last_error),
		    "edited", json_boolean(m.edited),
		    "hold_reason", json_str(m.status == STORE_MAIL_HELD ? m.hold_reason : NULL), "message",
		    m.rendered ? (const char *)m.rendered : "", m.rendered_len));
	} else {
		if (!raw)
			printf("# mail %lld: %s to %s, %s, due %s%s%s%s\n\n", (long long)m.id,
			    store_mail_kind_name(m.kind), m.recipient_email,
			    store_mail_status_name(m.status),
			    fmt_local(m.due, c->cfg->me.timezone, buf, sizeof(buf)),
			    m.edited ? ", edited" : "", m.last_error ? "; last error: " : "",
			    m.last_error ? m.last_error : "");
		if (!raw && m.status == STORE_MAIL_HELD && m.hold_reason)
			printf("# Held: %s\n\n", m.hold_reason);
		if (m.rendered)
			fwrite(m.rendered, 1, m.rendered_len, stdout);
	}
	store_outbox_clear(&m);
	return 0;
}

/* approve, hold, cancel: one status change, from the states it makes sense in. */
static int
change_status(struct ctl *c, const char *cmd, int64_t id, unsigned from, enum store_mail_status to)
{
	int rc = store_outbox_transition(c->st, id, from, to);

	if (rc < 0)
		return store_failed(c);
	if (rc == 0) {
		struct store_outbox m = { 0 };

		if (store_outbox_get(c->st, id, &m) == 1)
			fprintf(stderr, "followupctl %s: mail %lld is %s: nothing to do\n", cmd,
			    (long long)id, store_mail_status_name(m.status));
		else
			fprintf(stderr, "followupctl %s: no mail %lld\n", cmd, (long long)id);
		store_outbox_clear(&m);
		return EXIT_DATAERR;
	}
	store_event_add(c->st, cmd, 0, 0, id, "mail %lld: %s by hand (now %s)", (long long)id,
	    cmd, store_mail_status_name(to));
	printf("mail %lld: %s\n", (long long)id, store_mail_status_name(to));
	return 0;
}

static const struct {
	const char *cmd;
	unsigned from;
	enum store_mail_status to;
} transitions[] = {
	{ "approve", STORE_BIT(STORE_MAIL_HELD) | STORE_BIT(STORE_MAIL_UNKNOWN), STORE_MAIL_PENDING },
	{ "hold", STORE_BIT(STORE_MAIL_PENDING) | STORE_BIT(STORE_MAIL_DEFERRED), STORE_MAIL_HELD },
	{ "cancel", STORE_BIT(STORE_MAIL_PENDING) | STORE_BIT(STORE_MAIL_HELD) |
	    STORE_BIT(STORE_MAIL_DEFERRED) | STORE_BIT(STORE_MAIL_UNKNOWN), STORE_MAIL_CANCELLED },
};

static int
cmd_transition(struct ctl *c, int argc, char **argv)
{
	size_t t = 0;
	int64_t id;
	int rc = 0;

	while (strcmp(transitions[t].cmd, argv[0]) != 0)
		t++;
	if (argc != 2) {
		fprintf(stderr, "usage: followupctl %s ID%s\n", argv[0],
		    t == 0 ? "|--all" : "");
		return EXIT_USAGE;
	}
	if (need_store(c) == -1)
		return EXIT_USAGE;
	if (t == 0 && strcmp(argv[1], "--all") == 0) {
		struct store_outbox_filter f = { .status_mask = STORE_BIT(STORE_MAIL_HELD) };
		struct store_outbox *rows = NULL;
		size_t n = 0;

		if (store_outbox_list(c->st, &f, &rows, &n) < 0)
			return store_failed(c);
		for (size_t i = 0; i < n && rc == 0; i++)
			rc = change_status(c, "approve", rows[i].id, transitions[0].from, STORE_MAIL_PENDING);
		if (n == 0)
			printf("no mail waits for approval\n");
		store_outbox_rows_free(rows, n);
	} else if (parse_id(argv[0], argv[1], &id) == -1)
		return EXIT_USAGE;
	else
		rc = change_status(c, argv[0], id, transitions[t].from, transitions[t].to);
	if (rc == 0)
		poke_daemon(c);
	return rc;
}

static int
cmd_send_now(struct ctl *c, int argc, char **argv)
{
	char key[48];
	int64_t id;
	int rc;

	if (argc != 2 || need_store(c) == -1 || parse_id("send-now", argv[1], &id) == -1)
		return EXIT_USAGE;
	if ((rc = store_begin(c->st)) < 0)
		goto fail;
	rc = store_outbox_transition(c->st, id, STORE_BIT(STORE_MAIL_HELD) |
	    STORE_BIT(STORE_MAIL_DEFERRED) | STORE_BIT(STORE_MAIL_UNKNOWN) |
	    STORE_BIT(STORE_MAIL_PENDING), STORE_MAIL_PENDING);
	if (rc == 0) {
		store_rollback(c->st);
		fprintf(stderr, "followupctl send-now: mail %lld cannot be sent now (see "
		    "followupctl show %lld)\n", (long long)id, (long long)id);
		return EXIT_DATAERR;
	}
	snprintf(key, sizeof(key), "send_now.%lld", (long long)id);
	if (rc < 0 || (rc = store_outbox_set_due(c->st, id, c->now)) < 0 ||
	    (rc = store_meta_set(c->st, key, "1")) < 0 ||
	    (rc = store_event_add(c->st, "send-now", 0, 0, id, "mail %lld: send now, by hand",
	    (long long)id)) < 0 || (rc = store_commit(c->st)) < 0)
		goto fail;
	printf("mail %lld: will be sent at once\n", (long long)id);
	poke_daemon(c);
	return 0;
fail:
	store_rollback(c->st);
	fprintf(stderr, "followupctl: %s\n", store_errmsg(c->st));
	return EXIT_IOERR;
}

/* Bytes for editing (LF) back to the wire form (CRLF), checked. */
static int
from_editor(const char *text, size_t len, struct buf *out, char **err)
{
	size_t line = 0;

	for (size_t i = 0; i < len; i++) {
		if (text[i] == '\r')
			continue;
		if (text[i] == '\n') {
			buf_add(out, "\r\n", 2);
			line = 0;
			continue;
		}
		if (text[i] == '\0') {
			*err = xstrdup("the mail contains a NUL byte");
			return -1;
		}
		if (++line > 998) {
			*err = xstrdup("a line is longer than 998 bytes (RFC 5322)");
			return -1;
		}
		buf_addc(out, text[i]);
	}
	if (out->len < 2 || memcmp(out->data + out->len - 2, "\r\n", 2) != 0)
		buf_add(out, "\r\n", 2);
	return 0;
}

static int
cmd_edit(struct ctl *c, int argc, char **argv)
{
	struct store_outbox m = { 0 };
	struct buf wire = { 0 };
	char path[] = "/tmp/followupctl-edit-XXXXXX", *text = NULL, *err = NULL, *cmd;
	const char *editor = getenv("VISUAL") ? getenv("VISUAL") : getenv("EDITOR");
	char **rcpts = NULL;
	size_t len = 0, nrcpt = 0;
	int fd, rc, status;

	if (argc != 2) {
		fprintf(stderr, "usage: followupctl edit ID\n");
		return EXIT_USAGE;
	}
	if ((rc = get_mail(c, "edit", argv[1], &m)) != 0)
		return rc;
	if (!(STORE_BIT(m.status) & (STORE_BIT(STORE_MAIL_PENDING) | STORE_BIT(STORE_MAIL_HELD) |
	    STORE_BIT(STORE_MAIL_DEFERRED)))) {
		fprintf(stderr, "followupctl edit: mail %lld is %s: too late to edit\n",
		    (long long)m.id, store_mail_status_name(m.status));
		rc = EXIT_DATAERR;
		goto out;
	}
	if ((fd = mkstemp(path)) == -1) {
		fprintf(stderr, "followupctl edit: %s: %s\n", path, strerror(errno));
		rc = EXIT_CANTCREAT;
		goto out;
	}
	for (size_t i = 0; m.rendered && i < m.rendered_len; i++)
		if (m.rendered[i] != '\r' && write(fd, &m.rendered[i], 1) != 1)
			break;
	close(fd);
	cmd = xasprintf("%s \"$1\"", editor && *editor ? editor : "vi");
	{
		pid_t pid = fork();

		if (pid == 0) {
			execl("/bin/sh", "sh", "-c", cmd, "sh", path, (char *)NULL);
			_exit(127);
		}
		free(cmd);
		if (pid == -1 || waitpid(pid, &status, 0) == -1 || !WIFEXITED(status) ||
		    WEXITSTATUS(status) != 0) {
			fprintf(stderr, "followupctl edit: the editor failed; mail %lld unchanged\n",
			    (long long)m.id);
			rc = EXIT_SOFTWARE;
			goto out_unlink;
		}
	}
	if (read_file(path, 1024 * 1024, &text, &len) == -1) {
		fprintf(stderr, "followupctl edit: %s: %s\n", path, strerror(errno));
		rc = EXIT_IOERR;
		goto out_unlink;
	}
	if (from_editor(text, len, &wire, &err) == -1 ||
	    compose_envelope_from_message(wire.data, wire.len, &rcpts, &nrcpt, &err) == -1) {
		fprintf(stderr, "followupctl edit: %s; mail %lld unchanged\n", err, (long long)m.id);
		rc = EXIT_DATAERR;
		goto out_unlink;
	}
	if (m.rendered_len == wire.len && memcmp(m.rendered, wire.data, wire.len) == 0) {
		printf("mail %lld: unchanged\n", (long long)m.id);
		goto out_unlink;
	}
	rc = store_outbox_set_rendered(c->st, m.id, wire.data, wire.len, NULL, true);
	if (rc <= 0) {
		fprintf(stderr, "followupctl edit: %s\n", rc < 0 ? store_errmsg(c->st) :
		    "the mail left or changed meanwhile; edit not saved");
		rc = rc < 0 ? EXIT_IOERR : EXIT_DATAERR;
		goto out_unlink;
	}
	store_event_add(c->st, "edit", m.application_id, m.interview_id, m.id,
	    "mail %lld edited by hand", (long long)m.id);
	printf("mail %lld: edited; this is what will be sent\n", (long long)m.id);
	poke_daemon(c);
	rc = 0;
out_unlink:
	unlink(path);
out:
	compose_strv_free(rcpts, nrcpt);
	free(text);
	free(err);
	buf_free(&wire);
	store_outbox_clear(&m);
	return rc;
}

/* The outbox of this config, for commands that plan like the daemon. */
static struct outbox *
open_outbox(struct ctl *c)
{
	struct template_errors te = { 0 };
	struct outbox *ob = outbox_new(c->st, c->cfg, &te);

	for (size_t i = 0; i < te.n; i++)
		fprintf(stderr, "%s\n", te.v[i]);
	template_errors_clear(&te);
	return ob;
}

static int
cmd_note(struct ctl *c, int argc, char **argv)
{
	struct store_interview iv = { 0 };
	struct outbox *ob = NULL;
	struct buf text = { 0 };
	int64_t id;
	int rc;

	if (argc < 3) {
		fprintf(stderr, "usage: followupctl note INTERVIEW TEXT...\n"
		    "  (a line \"Ada: ...\" is about Ada alone: it goes into her thank-you only)\n");
		return EXIT_USAGE;
	}
	if (need_store(c) == -1 || parse_id("note", argv[1], &id) == -1)
		return EXIT_USAGE;
	for (int i = 2; i < argc; i++)
		buf_addf(&text, "%s%s", i > 2 ? " " : "", argv[i]);
	if ((rc = store_interview_get(c->st, id, &iv)) != 1) {
		fprintf(stderr, "followupctl note: no interview %lld (see followupctl interviews --all)\n",
		    (long long)id);
		buf_free(&text);
		return rc < 0 ? EXIT_IOERR : EXIT_DATAERR;
	}
	if ((ob = open_outbox(c)) == NULL) {
		rc = EXIT_CONFIG;
		goto out;
	}
	rc = EXIT_IOERR;
	if (store_begin(c->st) < 0 || store_note_add(c->st, id, "followupctl", text.data, NULL) < 0 ||
	    store_event_add(c->st, "note", iv.application_id, id, 0, "notes added by hand") < 0 ||
	    outbox_plan_interview(ob, id, c->now) < 0 ||
	    outbox_render_interview(ob, id, c->now) < 0 || store_commit(c->st) < 0) {
		store_rollback(c->st);
		fprintf(stderr, "followupctl: %s\n", store_errmsg(c->st));
		goto out;
	}
	printf("notes added to interview %lld\n", (long long)id);
	poke_daemon(c);
	rc = 0;
out:
	outbox_free(ob);
	store_interview_clear(&iv);
	buf_free(&text);
	return rc;
}

/* "2027-03-02 15:00" in the user's zone, or ISO 8601 with Z. */
static int
parse_when(const struct ctl *c, const char *s, time_t *out)
{
	struct tm tm = { 0 };
	char *end;

	if (strchr(s, 'Z'))
		return when_parse_iso(s, out);
	end = strptime(s, "%Y-%m-%d %H:%M", &tm);
	if (end == NULL)
		end = strptime(s, "%Y-%m-%dT%H:%M", &tm);
	if (end == NULL || *end != '\0')
		return -1;
	tm.tm_isdst = -1;
	*out = when_from_local(&tm, c->cfg->me.timezone);
	return 0;
}

static int
person_arg(const char *opt, const char *s, struct detect_person *p)
{
	struct compose_addrs list = { 0 };
	char *err = NULL;

	if (strchr(s, '@') == NULL) {
		p->name = xstrdup(s);       /* a name alone: no address known */
		return 0;
	}
	if (compose_parse_addresses(s, &list, &err) == -1 || list.n != 1) {
		fprintf(stderr, "followupctl add-interview: %s '%s': %s\n", opt, s,
		    err ? err : "expected one 'Name <address>'");
		free(err);
		compose_addrs_free(&list);
		return -1;
	}
	p->name = list.v[0].name && *list.v[0].name ? xstrdup(list.v[0].name) : NULL;
	p->email = xstrdup(list.v[0].addr);
	compose_addrs_free(&list);
	return 0;
}

static int
cmd_add_interview(struct ctl *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "company", required_argument, NULL, 'C' },
		{ "role", required_argument, NULL, 'r' },
		{ "start", required_argument, NULL, 's' },
		{ "end", required_argument, NULL, 'e' },
		{ "interviewer", required_argument, NULL, 'i' },
		{ "contact", required_argument, NULL, 'k' },
		{ "final", no_argument, NULL, 'f' },
		{ "references", no_argument, NULL, 'R' },
		{ "decision-by", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 },
	};
	struct detection d = { .kind = DETECT_INTERVIEW };
	struct track_result tr;
	struct outbox *ob = NULL;
	int ch, rc = EXIT_USAGE;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case 'C': free(d.company); d.company = xstrdup(optarg); break;
		case 'r': free(d.role); d.role = xstrdup(optarg); break;
		case 's':
		case 'e':
			if (parse_when(c, optarg, ch == 's' ? &d.start : &d.end) == -1) {
				fprintf(stderr, "followupctl add-interview: --%s '%s': expected "
				    "\"YYYY-MM-DD HH:MM\" (in %s) or ISO 8601 with Z\n",
				    ch == 's' ? "start" : "end", optarg, c->cfg->me.timezone);
				goto out;
			}
			*(ch == 's' ? &d.has_start : &d.has_end) = true;
			break;
		case 'i':
			d.interviewers = xreallocarray(d.interviewers, d.ninterviewers + 1,
			    sizeof(*d.interviewers));
			memset(&d.interviewers[d.ninterviewers], 0, sizeof(*d.interviewers));
			if (person_arg("--interviewer", optarg, &d.interviewers[d.ninterviewers++]) == -1)
				goto out;
			break;
		case 'k':
			free(d.contact.name);
			free(d.contact.email);
			memset(&d.contact, 0, sizeof(d.contact));
			if (person_arg("--contact", optarg, &d.contact) == -1)
				goto out;
			break;
		case 'f': d.final_round = true; break;
		case 'R': d.asks_references = true; break;
		case 'd':
			free(d.decision_by);
			d.decision_by = xstrdup(optarg);
			break;
		default:
			goto usage;
		}
	}
	if (optind != argc || d.company == NULL || !d.has_start)
		goto usage;
	if (d.has_end && d.end <= d.start) {
		fprintf(stderr, "followupctl add-interview: --end must be after --start\n");
		goto out;
	}
	if (need_store(c) == -1 || (ob = open_outbox(c)) == NULL) {
		rc = c->st ? EXIT_CONFIG : EXIT_USAGE;
		goto out;
	}
	d.timezone = xstrdup(c->cfg->me.timezone);
	d.reason = xstrdup("entered by hand");
	rc = EXIT_IOERR;
	struct track_me me = { (const char *const *)c->cfg->me.addresses, c->cfg->me.naddresses };

	if (store_begin(c->st) < 0 || track_apply(c->st, &d, &me, &tr) < 0 ||
	    (tr.interview_id && outbox_plan_interview(ob, tr.interview_id, c->now) < 0) ||
	    store_commit(c->st) < 0) {
		store_rollback(c->st);
		fprintf(stderr, "followupctl: %s\n", store_errmsg(c->st));
		goto out;
	}
	printf("interview %lld with %s%s\n", (long long)tr.interview_id, d.company,
	    tr.interview_new ? " added" : " updated");
	poke_daemon(c);
	rc = 0;
	goto out;
usage:
	fprintf(stderr, "usage: followupctl add-interview --company NAME --start \"YYYY-MM-DD HH:MM\"\n"
	    "         [--end TIME] [--role ROLE] [--interviewer 'Name <addr>']...\n"
	    "         [--contact 'Name <addr>'] [--final] [--references] [--decision-by YYYY-MM-DD]\n");
out:
	outbox_free(ob);
	detection_free(&d);
	return rc;
}

static int
cmd_check_config(struct ctl *c, int argc, char **argv)
{
	struct template_errors te = { 0 };

	if (argc != 1) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (template_check_dir(c->cfg->templates_dir, &te) == -1) {
		for (size_t i = 0; i < te.n; i++)
			fprintf(stderr, "%s\n", te.v[i]);
		template_errors_clear(&te);
		return EXIT_CONFIG;
	}
	printf("%s: configuration and templates are valid\n", c->cfg->path);
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
	{ "show", cmd_show, NEED_STORE },
	{ "approve", cmd_transition, NEED_STORE },
	{ "hold", cmd_transition, NEED_STORE },
	{ "cancel", cmd_transition, NEED_STORE },
	{ "send-now", cmd_send_now, NEED_STORE },
	{ "edit", cmd_edit, NEED_STORE },
	{ "note", cmd_note, NEED_STORE },
	{ "add-interview", cmd_add_interview, NEED_STORE },
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
		c.cfg = ctl_load_config(c.config_path, false);
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
