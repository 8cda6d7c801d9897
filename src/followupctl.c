/*
 * followupctl: what the user does by hand, against the daemon's state.
 *
 * Every listing prints a table for people, or with --json one JSON object
 * per line (jansson does the escaping).  Times are shown in me.timezone in
 * tables and as UTC ISO 8601 in JSON.
 */
#include <ctype.h>
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
#include "attention.h"
#include "conncheck.h"
#include "ctl.h"
#include "ctl_scan.h"
#include "detect.h"
#include "followup.h"
#include "log.h"
#include "outbox.h"
#include "recognise.h"
#include "review.h"
#include "smtp.h"
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

static void usage(FILE *out);

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
	fprintf(stderr, "followupctl %s: unexpected argument (see followupctl %s --help)\n", argv[0],
	    argv[0]);
	return -1;
}

/*
 * Table rows: every column fitted to its width in display columns (a value
 * too long ends in "…"), so "Zürich" and a long company keep the columns
 * straight.  The last column is cut but not padded.
 */
static void
iv_row(const char *id, const char *start, const char *status, const char *company,
		const char *role)
{
	ctl_cell(stdout, id, 4, false);
	ctl_cell(stdout, start, 20, false);
	ctl_cell(stdout, status, 10, false);
	ctl_cell(stdout, company, 24, false);
	ctl_cell(stdout, role, 32, true);
	putchar('\n');
}

static void
ob_row(const char *id, const char *due, const char *status, const char *kind, const char *to,
		const char *company)
{
	ctl_cell(stdout, id, 4, false);
	ctl_cell(stdout, due, 20, false);
	ctl_cell(stdout, status, 9, false);
	ctl_cell(stdout, kind, 17, false);
	ctl_cell(stdout, to, 28, false);
	ctl_cell(stdout, company, 24, true);
	putchar('\n');
}

/* A store call failed: say why (the SQLite message included). */
static int
store_failed(struct ctl *c)
{
	fprintf(stderr, "followupctl: %s\n", store_errmsg(c->st));
	return EXIT_IOERR;
}

/* "1 mail waits" / "3 mails wait": the count, the noun and the verb agree. */
static const char *
mails(int64_t n)
{
	return n == 1 ? "mail" : "mails";
}

/*
 * What needs the user, one line each, with the command that deals with it:
 * mails held for review, failed mails, mails whose outcome is unknown.
 * Returns how many lines were printed.
 */
static int
status_attention(const struct store_summary *s)
{
	int64_t held = s->outbox[MAIL_HELD], failed = s->outbox[MAIL_FAILED];
	int64_t unknown = s->outbox[MAIL_UNKNOWN];
	int n = 0;

	if (held > 0 && ++n)
		printf("%lld %s %s for you (%lld due): followupctl outbox, then followupctl approve ID\n",
		    (long long)held, mails(held), held == 1 ? "waits" : "wait", (long long)s->held_due);
	if (failed > 0 && ++n)
		printf("%lld %s failed: followupctl outbox --all, then followupctl retry ID\n",
		    (long long)failed, mails(failed));
	if (unknown > 0 && ++n)
		printf("%lld %s may or may not have left (outcome unknown): followupctl outbox, "
		    "then followupctl retry ID or cancel ID\n", (long long)unknown, mails(unknown));
	return n;
}

/* Refused logins (attention.h), before everything else: until they are
 * fixed nothing comes in and nothing goes out.  Returns the lines printed. */
static int
status_logins(struct ctl *c)
{
	int n = 0;

	for (int a = 0; a < ATTENTION_COUNT; a++) {
		struct attention at;
		char buf[64], *line;

		if (attention_get(c->st, (enum attention_account)a, &at) != 1)
			continue;
		line = attention_line((enum attention_account)a, at.said);
		if (at.since)
			printf("%s (since %s)\n", line, fmt_local(at.since, c->cfg->me.timezone, buf,
			    sizeof(buf)));
		else
			printf("%s\n", line);
		free(line);
		attention_free(&at);
		n++;
	}
	return n;
}

/* The refused logins for --json: [{account, since, said}]. */
static json_t *
status_logins_json(struct ctl *c)
{
	json_t *arr = json_array();

	for (int a = 0; a < ATTENTION_COUNT; a++) {
		struct attention at;

		if (attention_get(c->st, (enum attention_account)a, &at) != 1)
			continue;
		json_array_append_new(arr, json_pack("{s:s,s:o,s:s}", "account",
		    attention_account_name((enum attention_account)a), "since", json_time(at.since),
		    "said", at.said));
		attention_free(&at);
	}
	return arr;
}

/* The daemon line: decided by the lock, never by a recorded pid. */
static void
status_daemon(struct ctl *c, int running, pid_t pid, int err)
{
	if (running == 1 && pid > 0)
		printf("followupd: running (pid %ld)\n", (long)pid);
	else if (running == 1)
		printf("followupd: running\n");
	else if (running == 0)
		printf("followupd: not running\n");
	else
		printf("followupd: cannot tell (%s/%s: %s)\n", c->cfg->state_dir, CTL_LOCK_FILE,
		    strerror(err));
}

/* The next mail: on the clock (pending, deferred) or waiting for the user
 * (held): held mails are never "nothing scheduled". */
static void
status_next(struct ctl *c, const struct store_summary *s)
{
	const char *tz = c->cfg->me.timezone;
	char buf[64];

	if (s->next_due && (s->next_held == 0 || s->next_due <= s->next_held))
		printf("Next mail:    %s\n", fmt_local(s->next_due, tz, buf, sizeof(buf)));
	else if (s->next_held)
		printf("Next mail:    %s, held: waits for your approval\n",
		    fmt_local(s->next_held, tz, buf, sizeof(buf)));
	else
		printf("Next mail:    nothing scheduled\n");
}

static int
cmd_status(struct ctl *c, int argc, char **argv)
{
	struct list_opts lo;
	struct store_summary s;
	char buf[64];
	pid_t pid = 0;
	int running, err;

	if (parse_list_opts(c, argc, argv, &lo, false, false) == -1)
		return EXIT_USAGE;
	running = ctl_daemon_running(c->cfg, &pid);
	err = errno;
	if (c->st == NULL) {
		if (c->json)
			json_print(json_pack("{s:b,s:b}", "state", 0, "daemon_running", running == 1));
		else {
			printf("No state yet: followupd has not run with this config.\n");
			status_daemon(c, running, pid, err);
		}
		return 0;
	}
	if (store_summary(c->st, c->now, &s) < 0)
		return store_failed(c);
	if (c->json) {
		json_t *apps = json_object(), *ivs = json_object(), *out = json_object();

		for (int i = 0; i < APP_STATUS_COUNT; i++)
			json_object_set_new(apps, app_status_name(i), json_integer(s.applications[i]));
		for (int i = 0; i < IV_STATUS_COUNT; i++)
			json_object_set_new(ivs, iv_status_name(i), json_integer(s.interviews[i]));
		json_object_set_new(ivs, "upcoming", json_integer(s.interviews_upcoming));
		json_object_set_new(ivs, "in_progress", json_integer(s.interviews_in_progress));
		json_object_set_new(ivs, "ended", json_integer(s.interviews_ended));
		for (int i = 0; i < MAIL_STATUS_COUNT; i++)
			json_object_set_new(out, mail_status_name(i), json_integer(s.outbox[i]));
		json_object_set_new(out, "held_due", json_integer(s.held_due));
		json_print(json_pack("{s:b,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:i,s:b,s:o}", "state", 1,
		    "login_refused", status_logins_json(c),
		    "applications", apps, "interviews", ivs, "outbox", out,
		    "last_sync", json_time(s.last_sync), "next_due", json_time(s.next_due),
		    "next_held", json_time(s.next_held), "schema_version", s.schema_version,
		    "daemon_running", running == 1,
		    "daemon_pid", running == 1 && pid > 0 ? json_integer(pid) : json_null()));
		return 0;
	}
	if (status_logins(c) + status_attention(&s) == 0)
		printf("Nothing waits for you.\n");
	status_daemon(c, running, pid, err);
	status_next(c, &s);
	printf("Interviews:   %lld upcoming, %lld in progress, %lld done, %lld cancelled\n",
	    (long long)s.interviews_upcoming, (long long)s.interviews_in_progress,
	    (long long)(s.interviews[IV_DONE] + s.interviews_ended),
	    (long long)s.interviews[IV_CANCELLED]);
	printf("Applications: %lld active, %lld rejected, %lld offers, %lld withdrawn\n",
	    (long long)s.applications[APP_ACTIVE], (long long)s.applications[APP_REJECTED],
	    (long long)s.applications[APP_OFFER], (long long)s.applications[APP_WITHDRAWN]);
	printf("Outbox:       %lld pending, %lld held, %lld deferred, %lld sending, %lld unknown, "
	    "%lld failed, %lld sent\n",
	    (long long)s.outbox[MAIL_PENDING], (long long)s.outbox[MAIL_HELD],
	    (long long)s.outbox[MAIL_DEFERRED], (long long)s.outbox[MAIL_SENDING],
	    (long long)s.outbox[MAIL_UNKNOWN], (long long)s.outbox[MAIL_FAILED],
	    (long long)s.outbox[MAIL_SENT]);
	printf("Last sync:    %s\n", s.last_sync ? fmt_local(s.last_sync, c->cfg->me.timezone, buf, sizeof(buf)) : "never");
	return 0;
}

static int
cmd_interviews(struct ctl *c, int argc, char **argv)
{
	struct list_opts lo;
	struct store_interview_filter f = { 0 };
	struct store_interview_row *rows = NULL;
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
		iv_row("ID", "START", "STATUS", "COMPANY", "ROLE");
	for (size_t i = 0; i < n; i++) {
		const struct interview *iv = &rows[i].iv;
		const char *company = rows[i].company, *role = rows[i].role;
		struct participant *people = NULL;
		size_t np = 0;

		if (c->json) {
			json_t *pa = json_array();

			store_interview_people(c->st, iv->id, &people, &np);
			for (size_t k = 0; k < np; k++)
				json_array_append_new(pa, json_pack("{s:o,s:o,s:s}",
				    "name", json_str(people[k].name), "email", json_str(people[k].email),
				    "role", role_name(people[k].role)));
			participants_free(people, np);
			json_print(json_pack("{s:I,s:I,s:o,s:o,s:o,s:o,s:o,s:s,s:b,s:b,s:o,s:o,s:o,s:o,s:I,s:o}",
			    "id", (json_int_t)iv->id, "application", (json_int_t)iv->application_id,
			    "company", json_str(company), "role", json_str(role),
			    "start", json_time(iv->start), "end", json_time(iv->end),
			    "timezone", json_str(iv->timezone), "status", iv_status_name(iv->status),
			    "final_round", iv->final_round, "asks_references", iv->asks_references,
			    "decision_by", json_str(iv->decision_by), "meeting_url", json_str(iv->meeting_url),
			    "location", json_str(iv->location), "event_uid", json_str(iv->event_uid),
			    "sequence", (json_int_t)iv->sequence, "people", pa));
		} else {
			char id[24];

			snprintf(id, sizeof(id), "%lld", (long long)iv->id);
			iv_row(id, fmt_local(iv->start, c->cfg->me.timezone, buf, sizeof(buf)),
			    iv_status_name(iv->status), company ? company : "?",
			    role && *role ? role : "-");
		}
	}
	store_interviews_free(rows, n);
	return 0;
}

static int
cmd_outbox(struct ctl *c, int argc, char **argv)
{
	struct list_opts lo;
	struct store_outbox_filter f = { 0 };
	struct store_outbox_row *rows = NULL;
	size_t n = 0;
	char buf[64];

	if (parse_list_opts(c, argc, argv, &lo, true, false) == -1)
		return EXIT_USAGE;
	if (c->st == NULL)
		goto empty;
	if (!lo.all)
		f.status_mask = STORE_BIT(MAIL_PENDING) | STORE_BIT(MAIL_HELD) |
		    STORE_BIT(MAIL_SENDING) | STORE_BIT(MAIL_DEFERRED) |
		    STORE_BIT(MAIL_UNKNOWN) | STORE_BIT(MAIL_FAILED);
	if (store_outbox_list(c->st, &f, &rows, &n) < 0)
		return store_failed(c);
empty:
	if (!c->json)
		ob_row("ID", "DUE", "STATUS", "KIND", "TO", "COMPANY");
	for (size_t i = 0; i < n; i++) {
		struct store_outbox_row *r = &rows[i];
		struct mail *m = &r->m;

		if (c->json)
			json_print(json_pack("{s:I,s:s,s:s,s:I,s:I,s:o,s:s,s:o,s:o,s:i,s:o,s:o,s:o,s:o,s:b,s:o,s:o,s:o}",
			    "id", (json_int_t)m->id, "kind", mail_kind_name(m->kind),
			    "status", mail_status_name(m->status),
			    "application", (json_int_t)m->application_id,
			    "interview", (json_int_t)m->interview_id,
			    "recipient_name", json_str(m->recipient_name), "recipient_email", m->recipient_email,
			    "company", json_str(r->company), "due", json_time(m->due),
			    "attempts", m->attempts, "next_attempt", json_time(m->next_attempt),
			    "message_id", json_str(m->message_id), "subject", json_str(m->subject),
			    "last_error", json_str(m->last_error), "edited", m->edited,
			    "sent_at", json_time(m->sent_at), "role", json_str(r->role),
			    "hold_reason", json_str(m->status == MAIL_HELD ? m->hold_reason : NULL)));
		else {
			char id[24];

			snprintf(id, sizeof(id), "%lld", (long long)m->id);
			ob_row(id, fmt_local(m->next_attempt ? m->next_attempt : m->due,
			    c->cfg->me.timezone, buf, sizeof(buf)), mail_status_name(m->status),
			    mail_kind_name(m->kind), m->recipient_email,
			    r->company ? r->company : "-");
			if (m->status == MAIL_HELD && m->hold_reason)
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
		else {
			/* The message is the last column: kept whole, never cut. */
			ctl_cell(stdout, fmt_local(e->at, c->cfg->me.timezone, buf, sizeof(buf)), 20, false);
			ctl_cell(stdout, e->kind, 10, false);
			printf("%s\n", e->message);
		}
	}
	store_events_free(rows, n);
	return 0;
}

/* Tell a running daemon that the state changed (it reads it again).  The
 * lock says who runs on this state, so no stale pid is ever signalled. */
static void
poke_daemon(struct ctl *c)
{
	pid_t pid;

	if (ctl_daemon_running(c->cfg, &pid) != 1 || pid <= 0)
		return;
	if (kill(pid, SIGUSR1) == -1 && errno == EPERM)
		fprintf(stderr, "followupctl: cannot signal followupd (pid %ld); it will see the "
		    "change at its next wake-up\n", (long)pid);
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
get_mail(struct ctl *c, const char *cmd, const char *arg, struct mail *m)
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

static struct outbox *open_outbox(struct ctl *c);

/* Mark what of the user's own notes a mail carries (notes.h). */
static void
show_words(struct ctl *c, int64_t id)
{
	struct outbox *ob = open_outbox(c);
	char *words = ob ? outbox_mail_words(ob, id) : NULL, *save = NULL;

	if (words) {
		printf("\n# Your own words in this mail, from your notes:\n");
		for (char *l = strtok_r(words, "\n", &save); l; l = strtok_r(NULL, "\n", &save))
			printf("#   > %s\n", l);
	}
	free(words);
	outbox_free(ob);
}

static int
cmd_show(struct ctl *c, int argc, char **argv)
{
	struct mail m = { 0 };
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
		    "kind", mail_kind_name(m.kind), "status", mail_status_name(m.status),
		    "recipient_email", m.recipient_email, "due", json_time(m.due),
		    "message_id", json_str(m.message_id), "last_error", json_str(m.last_error),
		    "edited", json_boolean(m.edited),
		    "hold_reason", json_str(m.status == MAIL_HELD ? m.hold_reason : NULL), "message",
		    m.rendered ? (const char *)m.rendered : "", m.rendered_len));
	} else {
		if (!raw)
			printf("# mail %lld: %s to %s, %s, due %s%s%s%s\n\n", (long long)m.id,
			    mail_kind_name(m.kind), m.recipient_email,
			    mail_status_name(m.status),
			    fmt_local(m.due, c->cfg->me.timezone, buf, sizeof(buf)),
			    m.edited ? ", edited" : "", m.last_error ? "; last error: " : "",
			    m.last_error ? m.last_error : "");
		if (!raw && m.status == MAIL_HELD && m.hold_reason)
			printf("# Held: %s\n\n", m.hold_reason);
		if (m.rendered)
			fwrite(m.rendered, 1, m.rendered_len, stdout);
		if (!raw)
			show_words(c, m.id);
	}
	mail_clear(&m);
	return 0;
}

/* approve, hold, cancel: one status change (review.h), and what came of it. */
static int
change_status(struct ctl *c, const char *cmd, int64_t id, enum mail_action action)
{
	enum mail_status now = MAIL_PENDING, was = MAIL_PENDING;

	switch (review_decide(c->st, id, action, &now, &was)) {
	case REVIEW_OK:
		printf("mail %lld: %s\n", (long long)id, mail_status_name(now));
		return 0;
	case REVIEW_NO_MAIL:
		fprintf(stderr, "followupctl %s: no mail %lld\n", cmd, (long long)id);
		return EXIT_DATAERR;
	case REVIEW_REFUSED:
	case REVIEW_CHANGED:
		fprintf(stderr, "followupctl %s: mail %lld is %s: nothing to do\n", cmd,
		    (long long)id, mail_status_name(was));
		return EXIT_DATAERR;
	default:
		return store_failed(c);
	}
}

static const struct {
	const char *cmd;
	enum mail_action action;
} transitions[] = {
	{ "approve", MAIL_ACT_APPROVE },
	{ "hold", MAIL_ACT_HOLD },
	{ "cancel", MAIL_ACT_CANCEL },
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
		int64_t *ids = NULL;
		size_t n = 0;

		if (review_held(c->st, &ids, &n) != 0)
			return store_failed(c);
		for (size_t i = 0; i < n && rc == 0; i++)
			rc = change_status(c, "approve", ids[i], MAIL_ACT_APPROVE);
		if (n == 0)
			printf("no mail waits for approval\n");
		free(ids);
	} else if (parse_id(argv[0], argv[1], &id) == -1)
		return EXIT_USAGE;
	else
		rc = change_status(c, argv[0], id, transitions[t].action);
	if (rc == 0)
		poke_daemon(c);
	return rc;
}

static int
cmd_send_now(struct ctl *c, int argc, char **argv)
{
	int64_t id;

	if (argc != 2 || need_store(c) == -1 || parse_id("send-now", argv[1], &id) == -1)
		return EXIT_USAGE;
	switch (review_send_now(c->st, id, c->now)) {
	case REVIEW_OK:
		printf("mail %lld: will be sent at once\n", (long long)id);
		poke_daemon(c);
		return 0;
	case REVIEW_ERROR:
		return store_failed(c);
	default:
		fprintf(stderr, "followupctl send-now: mail %lld cannot be sent now (see "
		    "followupctl show %lld)\n", (long long)id, (long long)id);
		return EXIT_DATAERR;
	}
}

/* A hint naming "ID" with the mail's number in its place. */
static void
print_hint(const char *cmd, int64_t id, enum mail_status st, const char *hint)
{
	fprintf(stderr, "followupctl %s: mail %lld is %s: ", cmd, (long long)id,
	    mail_status_name(st));
	for (const char *p = hint; *p; p++) {
		if (p[0] == 'I' && p[1] == 'D') {
			fprintf(stderr, "%lld", (long long)id);
			p++;
		} else
			fputc(*p, stderr);
	}
	fputc('\n', stderr);
}

/* Why a mail cannot be retried, and what to do instead. */
static const char *
retry_hint(enum mail_status st)
{
	switch (st) {
	case MAIL_PENDING:
	case MAIL_DEFERRED: return "it is waiting to go (followupctl send-now ID sends it at once)";
	case MAIL_HELD: return "it waits for you (followupctl approve ID lets it go)";
	case MAIL_SENDING: return "it is being sent now";
	case MAIL_SENT: return "it has left; only failed mails and mails of unknown "
	    "outcome are retried";
	case MAIL_CANCELLED: return "cancelled mails are not retried";
	default: return "only failed mails and mails of unknown outcome are retried";
	}
}

/* followupctl retry --login: the running daemon logs in again at once. */
static int
retry_login(struct ctl *c)
{
	pid_t pid = 0;
	int running;

	if (need_store(c) == -1)
		return EXIT_USAGE;
	running = ctl_daemon_running(c->cfg, &pid);
	if (running != 1) {
		printf("followupd is not running: it logs in when it starts\n");
		return 0;
	}
	if (attention_request_retry(c->st, c->now) < 0)
		return store_failed(c);
	if (pid <= 0 || kill(pid, SIGUSR1) == -1) {
		fprintf(stderr, "followupctl: cannot signal followupd%s%s; systemctl reload followupd "
		    "(or kill -HUP) makes it log in again\n", pid > 0 ? ": " : "",
		    pid > 0 ? strerror(errno) : "");
		return EXIT_UNAVAILABLE;
	}
	printf("followupd (pid %ld) logs in again now: followupctl status tells how it went\n",
	    (long)pid);
	return 0;
}

static int
cmd_retry(struct ctl *c, int argc, char **argv)
{
	struct mail m = { 0 };
	bool hold = c->cfg->send.mode == CONFIG_SEND_REVIEW;
	int64_t id;
	int rc = 0;

	if (argc == 2 && strcmp(argv[1], "--login") == 0)
		return retry_login(c);
	if (argc != 2) {
		fprintf(stderr, "usage: followupctl retry ID | --login\n");
		return EXIT_USAGE;
	}
	if (need_store(c) == -1 || parse_id("retry", argv[1], &id) == -1)
		return EXIT_USAGE;
	switch (review_retry(c->st, id, hold, c->now, &m)) {
	case REVIEW_OK:
		if (hold)
			printf("mail %lld: held, due now; followupctl approve %lld lets it go\n",
			    (long long)id, (long long)id);
		else
			printf("mail %lld: pending, due now\n", (long long)id);
		poke_daemon(c);
		break;
	case REVIEW_NO_MAIL:
		fprintf(stderr, "followupctl retry: no mail %lld (see followupctl outbox --all)\n",
		    (long long)id);
		rc = EXIT_DATAERR;
		break;
	case REVIEW_REFUSED:
		print_hint("retry", id, m.status, retry_hint(m.status));
		rc = EXIT_DATAERR;
		break;
	case REVIEW_CHANGED:
		fprintf(stderr, "followupctl retry: mail %lld changed meanwhile (see followupctl "
		    "show %lld)\n", (long long)id, (long long)id);
		rc = EXIT_DATAERR;
		break;
	default:
		rc = store_failed(c);
		break;
	}
	mail_clear(&m);
	return rc;
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

/* Run the user's editor on path; 0 if it exited 0. */
static int
edit_run(const char *path)
{
	const char *editor = getenv("VISUAL") ? getenv("VISUAL") : getenv("EDITOR");
	char *cmd = xasprintf("%s \"$1\"", editor && *editor ? editor : "vi");
	pid_t pid = fork();
	int status;

	if (pid == 0) {
		execl("/bin/sh", "sh", "-c", cmd, "sh", path, (char *)NULL);
		_exit(127);
	}
	free(cmd);
	if (pid == -1 || waitpid(pid, &status, 0) == -1 || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0)
		return -1;
	return 0;
}

/* Like crontab -e: on a terminal, ask whether to edit the text again. */
static bool
edit_again(void)
{
	char line[32];

	if (!isatty(STDIN_FILENO))
		return false;
	for (;;) {
		fprintf(stderr, "Edit again? [y/n] ");
		fflush(stderr);
		if (fgets(line, sizeof(line), stdin) == NULL)
			return false;
		if (line[0] == 'y' || line[0] == 'Y')
			return true;
		if (line[0] == 'n' || line[0] == 'N')
			return false;
	}
}

/* The user's rejected text, kept where they can find it: a new file in
 * state_dir (0600).  Returns its path (caller frees) or NULL. */
static char *
edit_keep(struct ctl *c, int64_t id, const char *text, size_t len)
{
	char *path = xasprintf("%s/edit-%lld-XXXXXX", c->cfg->state_dir, (long long)id);
	int fd = mkstemp(path);

	if (fd == -1) {
		free(path);
		return NULL;
	}
	if (write(fd, text, len) != (ssize_t)len || close(fd) == -1) {
		unlink(path);
		free(path);
		return NULL;
	}
	return path;
}

/* Why a mail cannot be edited, and what to do instead. */
static const char *
edit_hint(enum mail_status st)
{
	switch (st) {
	case MAIL_SENDING: return "too late to edit: it is being sent now";
	case MAIL_SENT: return "too late to edit: it has left";
	case MAIL_CANCELLED: return "cancelled mails are not edited";
	case MAIL_UNKNOWN: return "it may have left already; if it did not, "
	    "followupctl retry ID, then edit it";
	default: return "too late to edit";
	}
}

static int
cmd_edit(struct ctl *c, int argc, char **argv)
{
	struct mail m = { 0 };
	struct buf wire = { 0 };
	const char *tmpdir = getenv("TMPDIR") && *getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	char *path = NULL, *text = NULL, *err = NULL, *kept = NULL;
	char **rcpts = NULL;
	size_t len = 0, nrcpt = 0;
	int64_t id;
	int fd, rc;

	if (argc != 2) {
		fprintf(stderr, "usage: followupctl edit ID\n");
		return EXIT_USAGE;
	}
	if (need_store(c) == -1 || parse_id("edit", argv[1], &id) == -1)
		return EXIT_USAGE;
	switch (review_edit_check(c->st, id, &m)) {
	case REVIEW_OK:
		break;
	case REVIEW_NO_MAIL:
		fprintf(stderr, "followupctl edit: no mail %lld (see followupctl outbox --all)\n",
		    (long long)id);
		return EXIT_DATAERR;
	case REVIEW_REFUSED:
		print_hint("edit", m.id, m.status, edit_hint(m.status));
		rc = EXIT_DATAERR;
		goto out;
	default:
		mail_clear(&m);
		return store_failed(c);
	}
	rc = 0;
	path = xasprintf("%s/followupctl-edit-XXXXXX", tmpdir);
	if ((fd = mkstemp(path)) == -1) {
		fprintf(stderr, "followupctl edit: %s: %s\n", path, strerror(errno));
		rc = EXIT_CANTCREAT;
		goto out_nofile;
	}
	for (size_t i = 0; m.rendered && i < m.rendered_len; i++)
		if (m.rendered[i] != '\r' && write(fd, &m.rendered[i], 1) != 1)
			break;
	close(fd);
	/* The user's text is never lost: a wrong edit is edited again or kept. */
	for (;;) {
		if (edit_run(path) == -1) {
			fprintf(stderr, "followupctl edit: the editor failed; mail %lld unchanged\n",
			    (long long)m.id);
			rc = EXIT_SOFTWARE;
			goto out_unlink;
		}
		free(text);
		text = NULL;
		if (read_file(path, 1024 * 1024, &text, &len) == -1) {
			fprintf(stderr, "followupctl edit: %s: %s\n", path, strerror(errno));
			rc = EXIT_IOERR;
			goto out_unlink;
		}
		buf_reset(&wire);
		compose_strv_free(rcpts, nrcpt);
		rcpts = NULL;
		nrcpt = 0;
		free(err);
		err = NULL;
		if (from_editor(text, len, &wire, &err) == 0 &&
		    compose_envelope_from_message(wire.data, wire.len, &rcpts, &nrcpt, &err) == 0)
			break;
		fprintf(stderr, "followupctl edit: mail %lld: %s\n", (long long)m.id, err);
		if (edit_again())
			continue;
		if ((kept = edit_keep(c, m.id, text, len)) == NULL) {
			kept = path;            /* keep the editor's file itself */
			path = NULL;
		}
		fprintf(stderr, "followupctl edit: mail %lld unchanged; your text is kept in %s\n",
		    (long long)m.id, kept);
		rc = EXIT_DATAERR;
		goto out_unlink;
	}
	if (m.rendered_len == wire.len && memcmp(m.rendered, wire.data, wire.len) == 0) {
		printf("mail %lld: unchanged\n", (long long)m.id);
		goto out_unlink;
	}
	rc = review_edit_save(c->st, m.id, wire.data, wire.len);
	if (rc != REVIEW_OK) {
		if (rc == REVIEW_CHANGED && (kept = edit_keep(c, m.id, text, len)) != NULL)
			fprintf(stderr, "followupctl edit: your text is kept in %s\n", kept);
		fprintf(stderr, "followupctl edit: %s\n", rc == REVIEW_ERROR ? store_errmsg(c->st) :
		    "the mail left or changed meanwhile; edit not saved");
		rc = rc == REVIEW_ERROR ? EXIT_IOERR : EXIT_DATAERR;
		goto out_unlink;
	}
	if (m.status == MAIL_FAILED)
		printf("mail %lld: edited; it stays failed until followupctl retry %lld\n",
		    (long long)m.id, (long long)m.id);
	else
		printf("mail %lld: edited; this is what will be sent\n", (long long)m.id);
	poke_daemon(c);
	rc = 0;
out_unlink:
	if (path)
		unlink(path);
out_nofile:
	free(path);
out:
	free(kept);
	compose_strv_free(rcpts, nrcpt);
	free(text);
	free(err);
	buf_free(&wire);
	mail_clear(&m);
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
	struct interview iv = { 0 };
	struct outbox *ob = NULL;
	struct buf text = { 0 };
	int64_t id;
	int rc;

	if (argc < 3) {
		fprintf(stderr, "usage: followupctl note INTERVIEW TEXT...\n"
		    "  Notes are private: they go into no mail but your own.  \"Ada: TEXT\"\n"
		    "  goes into Ada's thank-you alone, \"All: TEXT\" into every interviewer's.\n");
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
	{
		struct followup fu = { c->st, c->cfg, ob };

		if (followup_add_notes(&fu, id, "followupctl", NULL, text.data, c->now) < 0) {
			fprintf(stderr, "followupctl: %s\n", store_errmsg(c->st));
			goto out;
		}
	}
	{
		char *who = outbox_notes_summary(ob, id);

		printf("notes added to interview %lld (%s)\n", (long long)id, who ? who : "?");
		if (who && strstr(who, "0 private") == NULL)
			printf("Private lines go into no mail but your own. To put a line into a "
			    "thank-you, start it with the person's name (\"Ada: ...\"), or with "
			    "\"All:\" for every interviewer.\n");
		free(who);
	}
	poke_daemon(c);
	rc = 0;
out:
	outbox_free(ob);
	interview_clear(&iv);
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
person_arg(const char *opt, const char *s, struct track_person *p)
{
	struct compose_addrs list = { 0 };
	char *err = NULL;

	memset(p, 0, sizeof(*p));
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
	struct interview_facts f = { .change = TRACK_ANNOUNCED };
	struct track_person who;
	struct track_result tr;
	struct outbox *ob = NULL;
	int ch, rc = EXIT_USAGE;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case 'C': free(f.company); f.company = xstrdup(optarg); break;
		case 'r': free(f.role); f.role = xstrdup(optarg); break;
		case 's':
		case 'e':
			if (parse_when(c, optarg, ch == 's' ? &f.start : &f.end) == -1) {
				fprintf(stderr, "followupctl add-interview: --%s '%s': expected "
				    "\"YYYY-MM-DD HH:MM\" (in %s) or ISO 8601 with Z\n",
				    ch == 's' ? "start" : "end", optarg, c->cfg->me.timezone);
				goto out;
			}
			*(ch == 's' ? &f.has_start : &f.has_end) = true;
			break;
		case 'i':
			if (person_arg("--interviewer", optarg, &who) == -1)
				goto out;
			track_facts_add_interviewer(&f, who.name, who.email);
			free(who.name);
			free(who.email);
			break;
		case 'k':
			free(f.contact.name);
			free(f.contact.email);
			memset(&f.contact, 0, sizeof(f.contact));
			if (person_arg("--contact", optarg, &f.contact) == -1)
				goto out;
			break;
		case 'f': f.final_round = true; break;
		case 'R': f.asks_references = true; break;
		case 'd':
			free(f.decision_by);
			f.decision_by = xstrdup(optarg);
			break;
		default:
			goto usage;
		}
	}
	if (optind != argc || f.company == NULL || !f.has_start)
		goto usage;
	if (f.has_end && f.end <= f.start) {
		fprintf(stderr, "followupctl add-interview: --end must be after --start\n");
		goto out;
	}
	if (need_store(c) == -1 || (ob = open_outbox(c)) == NULL) {
		rc = c->st ? EXIT_CONFIG : EXIT_USAGE;
		goto out;
	}
	f.timezone = xstrdup(c->cfg->me.timezone);
	f.reason = xstrdup("entered by hand");
	rc = EXIT_IOERR;
	{
		struct followup fu = { c->st, c->cfg, ob };

		if (followup_add_interview(&fu, &f, c->now, &tr) < 0) {
			fprintf(stderr, "followupctl: %s\n", store_errmsg(c->st));
			goto out;
		}
	}
	printf("interview %lld with %s%s\n", (long long)tr.interview_id, f.company,
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
	track_facts_clear(&f);
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

/* followupctl check-connection: log in to both servers; nothing is sent. */
static int
cmd_check_connection(struct ctl *c, int argc, char **argv)
{
	int rc;

	(void)argv;
	if (argc != 1) {
		usage(stderr);
		return EXIT_USAGE;
	}
	signal(SIGPIPE, SIG_IGN);
	if (smtp_global_init() == -1) {
		fprintf(stderr, "followupctl: cannot initialise libcurl\n");
		return EXIT_SOFTWARE;
	}
	rc = conncheck_run(c->cfg, stdout);
	smtp_global_cleanup();
	return rc;
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

/* Every command with its usage: one table for `help`, `help COMMAND`,
 * `COMMAND --help` and the list in --help. */
static const struct command {
	const char *name;
	int (*fn)(struct ctl *, int, char **);
	enum need need;
	const char *synopsis;       /* after "followupctl " */
	const char *what;           /* one line */
	const char *more;           /* details for `help COMMAND`, or NULL */
} commands[] = {
	{ "status", cmd_status, NEED_STORE, "status [--json]",
	  "what needs you, the daemon, the next mail",
	  "First what needs you (held mails, failed mails, mails of unknown outcome),\n"
	  "then whether followupd runs (it holds the lock on its state), the next\n"
	  "mail, and the counts of interviews, applications and mails.\n" },
	{ "interviews", cmd_interviews, NEED_STORE, "interviews [--all] [--json]",
	  "interviews (upcoming, or all)", NULL },
	{ "outbox", cmd_outbox, NEED_STORE, "outbox [--all] [--json]",
	  "mails waiting to go (--all: sent, cancelled too)", NULL },
	{ "log", cmd_log, NEED_STORE, "log [--since AGE] [--json]",
	  "the audit trail (AGE: 2d, 12h, or a date)", NULL },
	{ "scan", cmd_scan, NEED_CONFIG_IF_ANY, "scan [--json] [--no-sandbox] FILE...",
	  "what would be recognised in saved mails",
	  "Nothing is changed.  --no-sandbox parses in the process itself (for\n"
	  "debugging).\n" },
	{ "show", cmd_show, NEED_STORE, "show ID [--raw|--json]",
	  "a mail, as the exact bytes that will leave", NULL },
	{ "approve", cmd_transition, NEED_STORE, "approve ID|--all",
	  "let held mails go (review mode, unknown outcome)", NULL },
	{ "hold", cmd_transition, NEED_STORE, "hold ID", "stop a mail for now", NULL },
	{ "cancel", cmd_transition, NEED_STORE, "cancel ID", "stop a mail for good", NULL },
	{ "retry", cmd_retry, NEED_STORE, "retry ID | --login",
	  "send a failed or unknown mail again; log in again",
	  "The mail goes back to pending (held in review mode), due now, with its\n"
	  "attempts and give-up clock reset; the log records it.  Only a failed mail\n"
	  "or one whose outcome is unknown can be retried.\n"
	  "--login: after a refused login (followupctl status shows it first), once\n"
	  "the password is fixed: the running followupd logs in to IMAP and SMTP\n"
	  "again at once instead of at its next try (up to an hour away).\n" },
	{ "send-now", cmd_send_now, NEED_STORE, "send-now ID", "send it at once, outside the window",
	  NULL },
	{ "edit", cmd_edit, NEED_STORE, "edit ID",
	  "change a mail in $EDITOR; the edit is sent",
	  "Works on pending, held, deferred and failed mails.  An edit that is not a\n"
	  "valid mail (an address such as \"ada@\") is not saved: on a terminal you\n"
	  "are asked \"Edit again? [y/n]\"; otherwise your text is kept in a file in\n"
	  "state_dir, its path printed, and the exit status is 65.  Date and\n"
	  "Message-ID are set when the mail is sent.\n" },
	{ "note", cmd_note, NEED_STORE, "note INTERVIEW TEXT...",
	  "notes for the thank-you mails",
	  "A line \"Ada: ...\" is about Ada alone: it goes into her thank-you only.\n" },
	{ "add-interview", cmd_add_interview, NEED_STORE,
	  "add-interview --company C --start T [--end T] [--role R]\n"
	  "                [--interviewer 'N <addr>']... [--contact 'N <addr>'] [--final]\n"
	  "                [--references] [--decision-by YYYY-MM-DD]",
	  "an interview detection missed",
	  "T is \"YYYY-MM-DD HH:MM\" in me.timezone, or ISO 8601 with Z.\n" },
	{ "check-config", cmd_check_config, NEED_CONFIG, "check-config",
	  "check the config file and exit (78 on errors)", NULL },
	{ "check-connection", cmd_check_connection, NEED_CONFIG, "check-connection",
	  "log in to both servers, tell what they offer",
	  "For each server: TLS version, the certificate (subject, issuer, expiry,\n"
	  "SHA-256 fingerprint, trusted or pinned), the capabilities, whether the login\n"
	  "is accepted; for IMAP also the watched folders, the Sent folder and a test\n"
	  "IDLE.  Nothing is sent.  Exit status 0 when both work, 69 when a server\n"
	  "refuses (login, certificate, missing folder), 75 when one cannot be\n"
	  "reached now, 78 for a broken config.\n" },
	{ "help", NULL, NEED_NOTHING, "help [COMMAND]", "this help, or a command's", NULL },
};

static const struct command *
find_command(const char *name)
{
	for (size_t i = 0; i < ARRAY_LEN(commands); i++)
		if (strcmp(name, commands[i].name) == 0)
			return &commands[i];
	return NULL;
}

/* syn's first len bytes and " ...", in a static buffer. */
static const char *
synopsis_cut(const char *syn, size_t len)
{
	static char buf[64];

	snprintf(buf, sizeof(buf), "%.*s ...", (int)len, syn);
	return buf;
}

static void
usage(FILE *out)
{
	fprintf(out, "usage: followupctl [-c FILE] [-v] COMMAND [ARGS]\nCommands:\n");
	for (size_t i = 0; i < ARRAY_LEN(commands); i++) {
		const char *syn = commands[i].synopsis;
		size_t len = strcspn(syn, "\n");

		/* One line each, to fit a screen: a long synopsis is cut after
		 * a word, the whole one is in `help COMMAND`. */
		if (len > 28) {
			for (len = 24; len > 0 && syn[len] != ' '; len--)
				;
			fprintf(out, "  %-28s %s\n", synopsis_cut(syn, len), commands[i].what);
		} else
			fprintf(out, "  %-28.*s %s\n", (int)len, syn, commands[i].what);
	}
	fprintf(out,
	    "\n"
	    "Options:\n"
	    "  -c FILE     config file (default %s)\n"
	    "  -h, --help  this help (COMMAND --help: a command's);  -V, --version\n"
	    "See followupctl(1) and followupd.conf(5).\n",
	    config_default_path());
}

static void
command_usage(FILE *out, const struct command *cmd)
{
	fprintf(out, "usage: followupctl [-c FILE] %s\n\n%c%s.\n", cmd->synopsis,
	    toupper((unsigned char)cmd->what[0]), cmd->what + 1);
	if (cmd->more)
		fprintf(out, "\n%s", cmd->more);
	fprintf(out, "\nSee followupctl(1).\n");
}

/* followupctl help [COMMAND] */
static int
cmd_help(int argc, char **argv)
{
	const struct command *cmd;

	if (argc == 1) {
		usage(stdout);
		return 0;
	}
	if (argc != 2 || (cmd = find_command(argv[1])) == NULL) {
		fprintf(stderr, "followupctl help: unknown command '%s' (see followupctl help)\n",
		    argc > 1 ? argv[1] : "");
		return EXIT_USAGE;
	}
	command_usage(stdout, cmd);
	return 0;
}

/* COMMAND --help (or -h): its usage, and nothing else happens. */
static bool
wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			return false;
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return true;
	}
	return false;
}

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
	while ((ch = getopt_long(argc, argv, "+c:hvV", longopts, NULL)) != -1) {
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
	if ((cmd = find_command(argv[0])) == NULL) {
		fprintf(stderr, "followupctl: unknown command '%s' (see followupctl help)\n", argv[0]);
		return EXIT_USAGE;
	}
	if (wants_help(argc, argv)) {
		command_usage(stdout, cmd);
		return 0;
	}
	if (cmd->fn == NULL)
		return cmd_help(argc, argv);
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
