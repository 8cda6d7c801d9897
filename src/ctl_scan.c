/* ctl_scan: followupctl scan.  See ctl_scan.h. */
#include "autoconfig.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <jansson.h>

#include "ctl_scan.h"
#include "detect.h"
#include "detect_json.h"
#include "recognise.h"
#include "util.h"
#include "when.h"

#define SCAN_MAX_FILE (64u * 1024 * 1024)

static void print_person(const struct detect_person *p)
{
	if (p->name && p->email)
		printf("%s <%s>", p->name, p->email);
	else if (p->name)
		printf("%s", p->name);
	else if (p->email)
		printf("<%s>", p->email);
}

static void print_human(const char *file, const struct detection *d)
{
	char b1[32], b2[32];
	size_t i;

	printf("%s: %s", file, detect_kind_str(d->kind));
	if (d->company || d->role)
		printf(" - %s%s%s", d->company ? d->company : "?", d->role ? ", " : "",
		    d->role ? d->role : "");
	printf("\n");
	if (d->has_start) {
		printf("  when:       %s", detect_format_time(d->start, b1, sizeof(b1)));
		if (d->has_end)
			printf(" - %s", detect_format_time(d->end, b2, sizeof(b2)));
		if (d->timezone && when_zone_valid(d->timezone)) {
			struct tm a, b;

			when_local(d->start, d->timezone, &a);
			printf(" = %04d-%02d-%02d %02d:%02d", a.tm_year + 1900, a.tm_mon + 1, a.tm_mday,
			    a.tm_hour, a.tm_min);
			if (d->has_end) {
				when_local(d->end, d->timezone, &b);
				printf("-%02d:%02d", b.tm_hour, b.tm_min);
			}
			printf(" %s", d->timezone);
		}
		printf("\n");
	} else if (d->time_uncertain) {
		printf("  when:       unknown (the invite's time zone is not known)\n");
	}
	if (d->moved_day)
		printf("  moved to:   %s, at the interview's own hour\n", d->moved_day);
	if (d->ninterviewers > 0) {
		printf("  with:       ");
		for (i = 0; i < d->ninterviewers; i++) {
			if (i > 0)
				printf(", ");
			print_person(&d->interviewers[i]);
		}
		printf("\n");
	}
	if (d->contact.name || d->contact.email) {
		printf("  contact:    ");
		print_person(&d->contact);
		printf("\n");
	}
	if (d->meeting_url)
		printf("  link:       %s\n", d->meeting_url);
	if (d->location)
		printf("  location:   %s\n", d->location);
	if (d->decision_by)
		printf("  decision:   by %s\n", d->decision_by);
	if (d->panel_change)
		printf("  panel:      changes: \"%s\"\n", d->panel_change);
	if (d->final_round || d->asks_references)
		printf("  notes:     %s%s\n", d->final_round ? " final round" : "",
		    d->asks_references ? " references mentioned" : "");
	if (d->reason)
		printf("  why:        %s\n", d->reason);
}

/* --explain: why this kind, from which signals, and how sure. */
static void print_explain(const struct detection *d)
{
	size_t i;

	printf("  kind:       %s\n", detect_kind_str(d->kind));
	printf("  rule:       %s\n", d->rule ? d->rule : "(unknown)");
	printf("  signals:    ");
	for (i = 0; i < d->nsignals; i++)
		printf("%s%s", i ? ", " : "", d->signals[i]);
	printf("%s\n", d->nsignals ? "" : "(none)");
	printf("  confidence: %s\n", detect_confidence_str(d->confidence));
	for (i = 0; i < d->nreasons; i++)
		printf("  %-11s %s\n", i == 0 ? "because:" : d->confidence == DETECT_HIGH ?
		    "sure:" : "doubt:", d->reasons[i]);
}

/* The scan JSON line: "file" first, then the schema fields only. */
static void print_json(const char *file, const struct detection *d)
{
	json_t *line = json_object(), *j = detection_to_json(d, false);
	const char *key;
	json_t *v;
	char *s;

	v = json_string(file);   /* NULL when the name is not UTF-8 */
	json_object_set_new(line, "file", v ? v : json_null());
	json_object_foreach(j, key, v)
		json_object_set(line, key, v);
	s = json_dumps(line, JSON_COMPACT | JSON_PRESERVE_ORDER);
	if (s != NULL) {
		printf("%s\n", s);
		free(s);
	}
	json_decref(j);
	json_decref(line);
}

/* A bare .ics file: give it the one header a mail needs. */
static void wrap_ics(char **raw, size_t *len)
{
	static const char hdr[] = "Content-Type: text/calendar; charset=utf-8\r\n\r\n";
	size_t k = 0;
	char *wrapped;

	if (*len >= 3 && memcmp(*raw, "\xef\xbb\xbf", 3) == 0)
		k = 3;
	while (k < *len && ((*raw)[k] == ' ' || (*raw)[k] == '\r' || (*raw)[k] == '\n'))
		k++;
	if (*len - k < 15 || strncasecmp(*raw + k, "BEGIN:VCALENDAR", 15) != 0)
		return;
	wrapped = xmalloc(sizeof(hdr) - 1 + *len + 1);
	memcpy(wrapped, hdr, sizeof(hdr) - 1);
	memcpy(wrapped + sizeof(hdr) - 1, *raw, *len);
	*len += sizeof(hdr) - 1;
	wrapped[*len] = '\0';
	free(*raw);
	*raw = wrapped;
}

/*
 * Files are read and recognised a chunk at a time (SCAN_CHUNK files or
 * SCAN_CHUNK_BYTES, whichever comes first), the chunk through the worker
 * with recognise_many(), then printed in argument order.
 */
#define SCAN_CHUNK 256
#define SCAN_CHUNK_BYTES (16u * 1024 * 1024)

struct scan_out {
	bool json, explain, sandboxed;
	const struct detect_opts *opts;
	struct recogniser *rec;
	int rc;
};

static void scan_print(struct scan_out *so, const char *file, struct recognise_job *job,
    int read_errno)
{
	if (read_errno != 0 || job->rc != 0) {
		fflush(stdout);
		if (read_errno != 0) {
			fprintf(stderr, "followupctl scan: %s: %s\n", file, strerror(read_errno));
			so->rc = EXIT_NOINPUT;
		} else {
			fprintf(stderr, "followupctl scan: %s: unreadable: %s\n", file, job->err);
			if (so->rc == 0)
				so->rc = EXIT_DATAERR;
		}
		return;
	}
	if (so->json)
		print_json(file, &job->d);
	else {
		print_human(file, &job->d);
		if (so->explain)
			print_explain(&job->d);
	}
}

/* Read files from *next on, SCAN_CHUNK of them or SCAN_CHUNK_BYTES, then
 * recognise and print them; *next moves past them. */
static void scan_chunk(struct scan_out *so, char **files, int nfiles, int *next)
{
	struct recognise_job *jobs = xcalloc(SCAN_CHUNK, sizeof(*jobs));
	struct recognise_job *todo = xcalloc(SCAN_CHUNK, sizeof(*todo));
	int errs[SCAN_CHUNK] = { 0 };
	char **f = files + *next;
	size_t i, n = 0, ntodo = 0, bytes = 0;

	for (; *next < nfiles && n < SCAN_CHUNK && bytes < SCAN_CHUNK_BYTES; n++, (*next)++) {
		char *raw = NULL;
		size_t len = 0;

		if (read_file(f[n], SCAN_MAX_FILE, &raw, &len) != 0) {
			errs[n] = errno ? errno : EIO;
			continue;
		}
		wrap_ics(&raw, &len);
		jobs[n].raw = raw;
		jobs[n].len = len;
		bytes += len;
		todo[ntodo++] = jobs[n];
	}
	/* the readable ones, in order, through the worker in frames */
	if (so->sandboxed)
		recognise_many(so->rec, todo, ntodo, so->opts->now, false);
	for (i = 0, ntodo = 0; i < n; i++) {
		if (errs[i] != 0)
			continue;
		jobs[i] = todo[ntodo++];
		if (!so->sandboxed) {
			memset(&jobs[i].d, 0, sizeof(jobs[i].d));
			recognise_unsandboxed(so->opts, jobs[i].raw, jobs[i].len, so->opts->now,
			    &jobs[i].d);
			jobs[i].rc = 0;
		}
	}
	for (i = 0; i < n; i++) {
		scan_print(so, f[i], &jobs[i], errs[i]);
		recognise_job_clear(&jobs[i]);
		free((char *)jobs[i].raw);
	}
	fflush(stdout);
	free(jobs);
	free(todo);
}

int ctl_scan(int argc, char **argv, const struct detect_opts *opts)
{
	struct detect_opts defaults;
	struct scan_out so = { .sandboxed = true };
	int i, first;

	if (opts == NULL) {
		detect_opts_init(&defaults);
		opts = &defaults;
	}
	so.opts = opts;
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0)
			so.json = true;
		else if (strcmp(argv[i], "--explain") == 0)
			so.explain = true;
		else if (strcmp(argv[i], "--no-sandbox") == 0)
			so.sandboxed = false;
		else if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		} else if (argv[i][0] == '-' && argv[i][1] != '\0') {
			fprintf(stderr, "followupctl scan: unknown option %s\n", argv[i]);
			return EXIT_USAGE;
		} else
			break;
	}
	first = i;
	if (first >= argc) {
		fprintf(stderr, "usage: followupctl scan [--json | --explain] [--no-sandbox] FILE...\n");
		return EXIT_USAGE;
	}
	if (so.sandboxed)
		so.rec = recognise_new(opts);
	while (first < argc)
		scan_chunk(&so, argv, argc, &first);
	recognise_free(so.rec);
	return so.rc;
}
