/* recognise: message + detect in a sandboxed worker. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "config.h"
#include "detect.h"
#include "detect_json.h"
#include "ics.h"
#include "log.h"
#include "message.h"
#include "recognise.h"
#include "sandbox.h"
#include "util.h"

struct recogniser {
	struct sandbox *sb;
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

int
recognise_unsandboxed(const struct detect_opts *opts, const char *raw, size_t len,
		time_t now, struct detection *out)
{
	struct detect_opts o = *opts;
	struct message *m = message_parse(raw, len, NULL);
	int rc;

	o.now = now;
	rc = detect_message(m, &o, out);
	message_free(m);
	return rc;
}

char *
recognise_reply_text(const char *body, size_t max)
{
	struct buf b = { 0 };
	const char *p = body;

	while (p && *p) {
		const char *eol = strchr(p, '\n');
		size_t n = eol ? (size_t)(eol - p) : strlen(p);
		char *line = xstrndup(p, n);

		str_trim(line);
		if (line[0] == '>' || str_has_prefix(line, "-----Original Message") ||
		    str_has_prefix(line, "________________") ||
		    (str_has_prefix(line, "On ") && str_has_suffix(line, "wrote:"))) {
			free(line);
			break;
		}
		if (b.len || *line)
			buf_addf(&b, "%s\n", line);
		free(line);
		p = eol ? eol + 1 : NULL;
	}
	if (b.data) {
		str_trim(b.data);
		b.len = strlen(b.data);
	}
	if (b.len > max) {
		size_t cut = max;

		while (cut > 0 && ((unsigned char)b.data[cut] & 0xC0) == 0x80)
			cut--;
		b.data[cut] = '\0';
		b.len = cut;
	}
	if (b.len == 0) {
		buf_free(&b);
		return NULL;
	}
	return buf_steal(&b);
}

/*
 * In the worker: the input is the raw mail followed by "now" as 20 decimal
 * digits (at the end, so the raw mail starts the input as the sandbox's
 * test hooks expect); the answer {"detection": {...}, "text": "..."|null}.
 */
#define NOW_DIGITS 20
static int
worker_fn(const char *input, size_t len, struct buf *out, void *arg)
{
	const struct recogniser *r = arg;
	struct detection d = { 0 };
	struct detect_opts o = r->opts;
	struct message *m;
	char *s, *body, *text;
	time_t now;
	json_t *j;

	if (len < NOW_DIGITS)
		return 2;
	now = (time_t)strtoll(input + len - NOW_DIGITS, NULL, 10);
	m = message_parse(input, len - NOW_DIGITS, NULL);
	o.now = now;
	detect_message(m, &o, &d);
	body = message_body_text(m);
	text = body ? recognise_reply_text(body, RECOGNISE_MAX_TEXT) : NULL;
	free(body);
	message_free(m);
	j = json_pack("{s:o,s:o}", "detection", detection_to_json(&d, true),
	    "text", text ? json_string(text) : json_null());
	free(text);
	detection_free(&d);
	if (j == NULL)
		return 3;
	s = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	if (s == NULL)
		return 3;
	buf_adds(out, s);
	free(s);
	return 0;
}

static void
worker_setup(void *arg)
{
	(void)arg;
	message_preload();
	ics_preload();
	detect_preload_zones();
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
	r->sb = sandbox_new(worker_fn, worker_setup, r, NULL);
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

int
recognise(struct recogniser *r, const char *raw, size_t len, time_t now,
		struct detection *out, char **text, char **err)
{
	json_t *jt;
	struct buf in = { 0 }, ans = { 0 };
	enum sandbox_status ss;
	json_error_t jerr;
	json_t *j = NULL;
	char *why = NULL;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	*err = NULL;
	if (text)
		*text = NULL;
	buf_add(&in, raw, len);
	buf_addf(&in, "%0*" PRId64, NOW_DIGITS, (int64_t)now);
	ss = sandbox_call(r->sb, in.data, in.len, &ans, &why);
	buf_free(&in);
	if (ss != SANDBOX_OK) {
		*err = xasprintf("parser %s%s%s", sandbox_status_str(ss), why ? ": " : "",
		    why ? why : "");
		goto out;
	}
	j = json_loadb(ans.data ? ans.data : "", ans.len, JSON_REJECT_DUPLICATES, &jerr);
	jt = j ? json_object_get(j, "text") : NULL;
	if (j == NULL || detection_from_json(json_object_get(j, "detection"), out) == -1 ||
	    (jt && !json_is_string(jt) && !json_is_null(jt))) {
		*err = xstrdup("parser answered garbage");
		goto out;
	}
	if (text && json_is_string(jt) && json_string_length(jt) <= RECOGNISE_MAX_TEXT)
		*text = xstrdup(json_string_value(jt));
	rc = 0;
out:
	free(why);
	json_decref(j);
	buf_free(&ans);
	return rc;
}
