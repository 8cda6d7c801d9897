/*
 * recognise: message + detect in a sandboxed worker; this is the client
 * side (the worker's is recognise_worker.c, linked only by the parser
 * program and by what recognises without a sandbox).
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "config.h"
#include "detect_json.h"
#include "detection.h"
#include "log.h"
#include "parser.h"
#include "recognise.h"
#include "recognise_p.h"
#include "sandbox.h"
#include "util.h"

struct recogniser {
	struct sandbox *sb;
	/* Mails sent to the current sandbox (see RECOGNISE_WORKER_MAILS). */
	size_t worker_mails;
	/* Owned copies of the option strings (the worker reads them after fork). */
	struct detect_opts opts;
	char **strings;
	size_t nstrings;
};

static const char *
keep(struct recogniser *r, const char *s)
{
	if (s == NULL)
		return NULL;
	r->strings = xreallocarray(r->strings, r->nstrings + 1, sizeof(*r->strings));
	return r->strings[r->nstrings++] = xstrdup(s);
}

static const char *const *
keep_list(struct recogniser *r, const char *const *v, size_t n)
{
	const char **out;

	if (n == 0)
		return NULL;
	out = xcalloc(n, sizeof(*out));
	for (size_t i = 0; i < n; i++)
		out[i] = keep(r, v[i]);
	/* The array itself is freed with the strings. */
	r->strings = xreallocarray(r->strings, r->nstrings + 1, sizeof(*r->strings));
	r->strings[r->nstrings++] = (char *)out;
	return out;
}

/* Read a LEN_DIGITS field at p[0..left); false unless all digits. */
bool
recognise_read_len(const char *p, size_t left, uint64_t *out)
{
	uint64_t v = 0;

	if (left < LEN_DIGITS)
		return false;
	for (size_t i = 0; i < LEN_DIGITS; i++) {
		if (p[i] < '0' || p[i] > '9' || v > (UINT64_MAX - 9) / 10)
			return false;
		v = v * 10 + (uint64_t)(p[i] - '0');
	}
	*out = v;
	return true;
}

void
recognise_add_len(struct buf *b, uint64_t n)
{
	buf_addf(b, "%0*" PRIu64, LEN_DIGITS, n);
}

/* "now" travels as the two's complement of its 64 bits. */
uint64_t
recognise_bits_of(time_t t)
{
	return (uint64_t)(int64_t)t;
}

time_t
recognise_time_of(uint64_t u)
{
	return u > INT64_MAX ? (time_t)(-(int64_t)(UINT64_MAX - u) - 1) : (time_t)u;
}

void
recognise_opts(const struct config *cfg, struct detect_opts *opts)
{
	detect_opts_init(opts);
	if (cfg == NULL)
		return;
	opts->my_addresses = (const char *const *)cfg->me.addresses;
	opts->n_my_addresses = cfg->me.naddresses;
	opts->keywords = (const char *const *)cfg->detect.keywords;
	opts->n_keywords = cfg->detect.nkeywords;
	opts->ignore_senders = (const char *const *)cfg->detect.ignore_senders;
	opts->n_ignore_senders = cfg->detect.nignore_senders;
	opts->employer_domains = (const char *const *)cfg->me.employer_domains;
	opts->n_employer_domains = cfg->me.nemployer_domains;
	opts->my_name = cfg->me.name && *cfg->me.name ? cfg->me.name : NULL;
	opts->timezone = cfg->me.timezone;
}

struct recogniser *
recognise_new(const struct detect_opts *opts)
{
	struct recogniser *r = xcalloc(1, sizeof(*r));

	detect_opts_init(&r->opts);
	if (opts) {
		/* Deep copy: the worker reads them after fork, long after the call. */
		r->opts = *opts;
		r->opts.my_addresses = keep_list(r, opts->my_addresses, opts->n_my_addresses);
		r->opts.keywords = keep_list(r, opts->keywords, opts->n_keywords);
		r->opts.ignore_senders = keep_list(r, opts->ignore_senders, opts->n_ignore_senders);
		r->opts.employer_domains = keep_list(r, opts->employer_domains,
		    opts->n_employer_domains);
		r->opts.my_name = keep(r, opts->my_name);
		r->opts.timezone = keep(r, opts->timezone);
	}
	r->sb = parser_sandbox(&r->opts);       /* runs the worker below (parser.h) */
	return r;
}

void
recognise_free(struct recogniser *r)
{
	if (r == NULL)
		return;
	sandbox_free(r->sb);
	for (size_t i = 0; i < r->nstrings; i++)
		free(r->strings[i]);
	free(r->strings);
	free(r);
}

/* Decode one answer into job (rc 0), or say why not (rc -1). */
static void
decode_answer(const char *a, size_t n, struct recognise_job *job, bool want_text)
{
	json_error_t jerr;
	json_t *j, *jt;

	if (n == 0) {
		/* the worker's own words for "no answer" before batches */
		job->rc = -1;
		job->err = xstrdup("parser failed: sandboxed function failed with code 3");
		return;
	}
	j = json_loadb(a, n, JSON_REJECT_DUPLICATES, &jerr);
	jt = j ? json_object_get(j, "text") : NULL;
	if (j == NULL || detection_from_json(json_object_get(j, "detection"), &job->d) == -1 ||
	    (jt && !json_is_string(jt) && !json_is_null(jt))) {
		job->rc = -1;
		job->err = xstrdup("parser answered garbage");
	} else {
		job->rc = 0;
		if (want_text && json_is_string(jt) && json_string_length(jt) <= RECOGNISE_MAX_TEXT)
			job->text = xstrdup(json_string_value(jt));
	}
	json_decref(j);
}

/*
 * One frame for jobs[0..n): true when the worker answered it as a whole
 * (each job then has its rc), false when the round trip failed (*why says
 * how; the jobs are untouched).
 */
static bool
call_frame(struct recogniser *r, struct recognise_job *jobs, size_t n, time_t now,
		bool want_text, char **why, enum sandbox_status *ssp)
{
	struct buf in = { 0 }, ans = { 0 };
	enum sandbox_status ss;
	char *msg = NULL;
	size_t off = 0, i;
	bool ok = false;

	recognise_add_len(&in, recognise_bits_of(now));
	for (i = 0; i < n; i++) {
		recognise_add_len(&in, jobs[i].len);
		buf_add(&in, jobs[i].raw, jobs[i].len);
	}
	ss = sandbox_call(r->sb, in.data, in.len, &ans, &msg);
	*ssp = ss;
	buf_free(&in);
	if (ss != SANDBOX_OK) {
		*why = xasprintf("parser %s%s%s", sandbox_status_str(ss), msg ? ": " : "",
		    msg ? msg : "");
		goto out;
	}
	/* Check the whole answer's framing before using any of it. */
	for (i = 0; i < n; i++) {
		uint64_t k;

		if (!recognise_read_len(ans.data + off, ans.len - off, &k) || k > ans.len - off - LEN_DIGITS)
			break;
		off += LEN_DIGITS + (size_t)k;
	}
	if (i < n || off != ans.len) {
		*why = xstrdup("parser answered garbage");
		goto out;
	}
	for (i = 0, off = 0; i < n; i++) {
		uint64_t k = 0;

		(void)recognise_read_len(ans.data + off, ans.len - off, &k);
		decode_answer(ans.data + off + LEN_DIGITS, (size_t)k, &jobs[i], want_text);
		off += LEN_DIGITS + (size_t)k;
	}
	ok = true;
out:
	free(msg);
	buf_free(&ans);
	return ok;
}

/*
 * The sandbox retires its worker after a number of calls; with frames of
 * many mails that would be many more mails than before batches.  Keep a
 * worker's life at about RECOGNISE_WORKER_MAILS mails, the sandbox's
 * default number of calls, by starting afresh before a frame that would
 * go past it.
 */
#define RECOGNISE_WORKER_MAILS 5000
static void
retire_worker(struct recogniser *r, size_t m)
{
	if (r->worker_mails > 0 && r->worker_mails + m > RECOGNISE_WORKER_MAILS) {
		struct sandbox *fresh = parser_sandbox(&r->opts);

		sandbox_free(r->sb);
		r->sb = fresh;
		r->worker_mails = 0;
	}
	r->worker_mails += m;
}

void
recognise_job_clear(struct recognise_job *job)
{
	detection_free(&job->d);
	free(job->text);
	free(job->err);
	job->rc = 0;
	job->text = job->err = NULL;
	memset(&job->d, 0, sizeof(job->d));
}

size_t
recognise_many(struct recogniser *r, struct recognise_job *jobs, size_t n, time_t now,
		bool want_text)
{
	size_t i = 0, bad = 0;

	for (size_t k = 0; k < n; k++) {
		memset(&jobs[k].d, 0, sizeof(jobs[k].d));
		jobs[k].text = jobs[k].err = NULL;
		jobs[k].rc = -1;
	}
	while (i < n) {
		size_t m = 1, bytes = jobs[i].len;
		enum sandbox_status ss = SANDBOX_OK;
		char *why = NULL;
		bool ok;

		while (i + m < n && m < RECOGNISE_BATCH_MAX &&
		    bytes + jobs[i + m].len <= RECOGNISE_BATCH_BYTES)
			bytes += jobs[i + m++].len;
		retire_worker(r, m);
		ok = call_frame(r, &jobs[i], m, now, want_text, &why, &ss);
		if (!ok && ss == SANDBOX_ERROR) {
			/* no parser at all: none of the rest is read now */
			for (size_t k = i; k < n; k++) {
				jobs[k].rc = RECOGNISE_UNAVAILABLE;
				jobs[k].err = xstrdup(why);
			}
			free(why);
			break;
		}
		if (!ok) {
			if (m == 1) {
				jobs[i].err = why;
			} else {
				/* The worker died (or lied) somewhere in the frame: each
				 * mail again alone, so only the one to blame is lost. */
				free(why);
				for (size_t k = i; k < i + m; k++) {
					why = NULL;
					if (!call_frame(r, &jobs[k], 1, now, want_text, &why, &ss))
						jobs[k].err = why;
					if (ss == SANDBOX_ERROR)
						jobs[k].rc = RECOGNISE_UNAVAILABLE;
				}
			}
		}
		i += m;
	}
	for (i = 0; i < n; i++)
		bad += jobs[i].rc != 0;
	return bad;
}

int
recognise(struct recogniser *r, const char *raw, size_t len, time_t now,
		struct detection *out, char **text, char **err)
{
	struct recognise_job job = { .raw = raw, .len = len };

	recognise_many(r, &job, 1, now, text != NULL);
	*out = job.d;
	*err = job.err;
	if (text)
		*text = job.text;
	return job.rc;
}
