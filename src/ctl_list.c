/*
 * ctl_list: followupctl's listings: status, interviews, outbox, log, unplaced,
 * show.
 * See ctl_p.h.
 *
 * Every listing prints a table for people, or with --json one JSON object
 * per line (jansson does the escaping).  Times are shown in me.timezone in
 * tables and as UTC ISO 8601 in JSON.  Nothing here changes the state.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "attention.h"
#include "config.h"
#include "ctl.h"
#include "ctl_cell.h"
#include "ctl_p.h"
#include "outbox.h"
#include "store.h"
#include "util.h"
#include "when.h"

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
	if (s->unplaced > 0 && ++n)
		printf("%lld job %s I could not place (no interview time found): followupctl "
		    "unplaced\n", (long long)s->unplaced, mails(s->unplaced));
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

int
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
		return ctl_store_failed(c);
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
		json_print(json_pack("{s:b,s:o,s:o,s:o,s:o,s:I,s:o,s:o,s:o,s:i,s:b,s:o}", "state", 1,
		    "login_refused", status_logins_json(c),
		    "applications", apps, "interviews", ivs, "outbox", out,
		    "unplaced", (json_int_t)s.unplaced,
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

int
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
		return ctl_store_failed(c);
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

/* Without --all the outbox lists what is still to come, and for a few days
 * the mails cancelled because the user wrote them (Sent): where they went. */
#define SUPERSEDED_SHOWN (3 * 86400)

static bool
listed_by_default(const struct mail *m)
{
	return m->status != MAIL_CANCELLED ||
	    (m->cancel_reason && m->updated >= (int64_t)time(NULL) - SUPERSEDED_SHOWN);
}

int
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
		    STORE_BIT(MAIL_UNKNOWN) | STORE_BIT(MAIL_FAILED) |
		    STORE_BIT(MAIL_CANCELLED);  /* only those just superseded, below */
	if (store_outbox_list(c->st, &f, &rows, &n) < 0)
		return ctl_store_failed(c);
empty:
	if (!c->json)
		ob_row("ID", "DUE", "STATUS", "KIND", "TO", "COMPANY");
	for (size_t i = 0; i < n; i++) {
		struct store_outbox_row *r = &rows[i];
		struct mail *m = &r->m;

		if (!lo.all && !listed_by_default(m))
			continue;
		if (c->json)
			json_print(json_pack("{s:I,s:s,s:s,s:I,s:I,s:o,s:s,s:o,s:o,s:i,s:o,s:o,s:o,s:o,s:b,s:o,s:o,s:o,s:o}",
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
			    "hold_reason", json_str(m->status == MAIL_HELD ? m->hold_reason : NULL),
			    "cancel_reason", json_str(m->status == MAIL_CANCELLED ? m->cancel_reason : NULL)));
		else {
			char id[24];

			snprintf(id, sizeof(id), "%lld", (long long)m->id);
			ob_row(id, fmt_local(m->next_attempt ? m->next_attempt : m->due,
			    c->cfg->me.timezone, buf, sizeof(buf)), mail_status_name(m->status),
			    mail_kind_name(m->kind), m->recipient_email,
			    r->company ? r->company : "-");
			if (m->status == MAIL_HELD && m->hold_reason)
				printf("      held: %s\n", m->hold_reason);
			if (m->status == MAIL_CANCELLED && m->cancel_reason)
				printf("      cancelled: %s\n", m->cancel_reason);
		}
	}
	store_outbox_rows_free(rows, n);
	return 0;
}

int
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
		return ctl_store_failed(c);
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

/* "Name <addr>" -> "addr" (into buf, cut to fit); the rest as it is. */
static const char *
bare_address(const char *from, char *buf, size_t len)
{
	const char *lt, *gt;

	if (from == NULL)
		return "-";
	if ((lt = strrchr(from, '<')) == NULL || (gt = strchr(lt, '>')) == NULL)
		return from;
	snprintf(buf, len, "%.*s", (int)(gt - lt - 1), lt + 1);
	return buf;
}

int
cmd_unplaced(struct ctl *c, int argc, char **argv)
{
	struct list_opts lo;
	struct store_unplaced *rows = NULL;
	size_t n = 0;
	char buf[64];

	if (parse_list_opts(c, argc, argv, &lo, true, false) == -1)
		return EXIT_USAGE;
	if (c->st && store_unplaced_list(c->st, c->now, lo.all, &rows, &n) < 0)
		return ctl_store_failed(c);
	if (!c->json && n > 0)
		printf("ID    DATE                  FROM                          SUBJECT\n");
	for (size_t i = 0; i < n; i++) {
		struct store_unplaced *u = &rows[i];
		char id[24], addr[256];

		if (c->json) {
			json_print(json_pack("{s:I,s:s,s:I,s:o,s:o,s:o,s:o,s:o,s:s,s:o,s:o,s:o}",
			    "id", (json_int_t)u->id, "folder", u->folder, "uid", (json_int_t)u->uid,
			    "message_id", json_str(u->message_id), "date", json_time(u->date),
			    "seen", json_time(u->seen_at), "from", json_str(u->from),
			    "subject", json_str(u->subject), "why", u->doubt,
			    "dismissed", json_time(u->dismissed_at),
			    "application", u->application_id ? json_integer(u->application_id) : json_null(),
			    "interview", u->interview_id ? json_integer(u->interview_id) : json_null()));
			continue;
		}
		snprintf(id, sizeof(id), "%lld", (long long)u->id);
		ctl_cell(stdout, id, 4, false);
		ctl_cell(stdout, fmt_local(u->date ? u->date : u->seen_at, c->cfg->me.timezone, buf,
		    sizeof(buf)), 20, false);
		ctl_cell(stdout, bare_address(u->from, addr, sizeof(addr)), 28, false);
		ctl_cell(stdout, u->subject ? u->subject : "(no subject)", 40, true);
		putchar('\n');
		printf("      %s; %s UID %lu%s%s", u->doubt, u->folder, (unsigned long)u->uid,
		    u->message_id ? ", " : "", u->message_id ? u->message_id : "");
		if (u->interview_id)
			printf(" (placed: interview %lld)\n", (long long)u->interview_id);
		else if (u->application_id)
			printf(" (placed: application %lld)\n", (long long)u->application_id);
		else
			printf("%s\n", u->dismissed_at ? " (dismissed)" : "");
	}
	if (!c->json && n == 0)
		printf("No job mail waits to be placed.\n");
	else if (!c->json)
		printf("\nAn interview among them: followupctl add-interview --unplaced ID --company C "
		    "--start T ...\nLooked at: followupctl dismiss ID (or --all)\n");
	store_unplaced_free(rows, n);
	return 0;
}

static int
get_mail(struct ctl *c, const char *cmd, const char *arg, struct mail *m)
{
	int64_t id;
	int rc;

	if (ctl_need_store(c) == -1 || ctl_parse_id(cmd, arg, &id) == -1)
		return EXIT_USAGE;
	rc = store_outbox_get(c->st, id, m);
	if (rc < 0)
		return ctl_store_failed(c);
	return rc == 0 ? ctl_no_mail(cmd, id) : 0;
}

/* Mark what of the user's own notes a mail carries (notes.h). */
static void
show_words(struct ctl *c, int64_t id)
{
	struct outbox *ob = ctl_open_outbox(c);
	char *words = ob ? outbox_mail_words(ob, id) : NULL, *save = NULL;

	if (words) {
		printf("\n# Your own words in this mail, from your notes:\n");
		for (char *l = strtok_r(words, "\n", &save); l; l = strtok_r(NULL, "\n", &save))
			printf("#   > %s\n", l);
	}
	free(words);
	outbox_free(ob);
}

int
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
		json_print(json_pack("{s:I,s:s,s:s,s:s,s:o,s:o,s:o,s:o,s:o,s:o,s:s%}", "id", (json_int_t)m.id,
		    "kind", mail_kind_name(m.kind), "status", mail_status_name(m.status),
		    "recipient_email", m.recipient_email, "due", json_time(m.due),
		    "message_id", json_str(m.message_id), "last_error", json_str(m.last_error),
		    "edited", json_boolean(m.edited),
		    "hold_reason", json_str(m.status == MAIL_HELD ? m.hold_reason : NULL),
		    "cancel_reason", json_str(m.status == MAIL_CANCELLED ? m.cancel_reason : NULL),
		    "message",
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
		if (!raw && m.status == MAIL_CANCELLED && m.cancel_reason)
			printf("# Cancelled: %s\n\n", m.cancel_reason);
		if (m.rendered)
			fwrite(m.rendered, 1, m.rendered_len, stdout);
		if (!raw)
			show_words(c, m.id);
	}
	mail_clear(&m);
	return 0;
}
