/*
 * recognise_worker: the parser program's side of recognise.h (the worker
 * that src/followupd-parse.c runs in the sandbox, and the same work
 * without one for followupctl scan --no-sandbox and the fuzzers): parse
 * each mail of a frame (recognise_p.h), detect, answer in JSON.  Apart
 * from recognise.c, the client side, so the daemon links no mail or
 * calendar parser of its own.
 */
#include "autoconfig.h"

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "detect.h"
#include "detect_json.h"
#include "ics.h"
#include "message.h"
#include "recognise.h"
#include "recognise_p.h"
#include "util.h"

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
		    str_has_prefix(line, "-----Original Appointment") ||
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

/* The FOLLOWUPD_TEST_CRASH hooks of sandbox.h, for each mail of a frame:
 * the sandbox itself only looks at the start of the whole frame. */
__attribute__((no_sanitize("undefined"))) static void
test_hooks(const char *raw, size_t len)
{
	static int *volatile nowhere;
	const char *v = getenv("FOLLOWUPD_TEST_CRASH");

	if (v == NULL || strcmp(v, "1") != 0)
		return;
	if (len >= 20 && memcmp(raw, "FOLLOWUPD-TEST-CRASH", 20) == 0)
		*nowhere = 1;
	if (len >= 19 && memcmp(raw, "FOLLOWUPD-TEST-HANG", 19) == 0) {
		volatile unsigned long spin = 0;

		for (;;)
			spin++;
	}
}


/* In the worker: one mail's answer appended to out; false when none. */
static bool
worker_one(const struct detect_opts *opts, const char *raw, size_t len, time_t now,
		struct buf *out)
{
	struct detection d = { 0 };
	struct detect_opts o = *opts;
	struct message *m;
	char *s, *body, *text;
	json_t *j;

	test_hooks(raw, len);
	m = message_parse(raw, len, NULL);
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
	s = j ? json_dumps(j, JSON_COMPACT) : NULL;
	json_decref(j);
	if (s == NULL)
		return false;
	buf_adds(out, s);
	free(s);
	return true;
}

static int
worker_fn(const char *input, size_t len, struct buf *out, void *arg)
{
	const struct detect_opts *opts = arg;
	size_t off = LEN_DIGITS;
	uint64_t now, n;

	if (!recognise_read_len(input, len, &now))
		return 2;
	while (off < len) {
		size_t at;

		if (!recognise_read_len(input + off, len - off, &n) || n > len - off - LEN_DIGITS)
			return 2;
		off += LEN_DIGITS;
		/* the answer's length goes in front once it is known */
		at = out->len;
		recognise_add_len(out, 0);
		if (worker_one(opts, input + off, (size_t)n, recognise_time_of(now), out)) {
			char digits[LEN_DIGITS + 1];

			snprintf(digits, sizeof(digits), "%0*" PRIu64, LEN_DIGITS,
			    (uint64_t)(out->len - at - LEN_DIGITS));
			memcpy(out->data + at, digits, LEN_DIGITS);
		}
		off += (size_t)n;
	}
	return 0;
}

static void
worker_setup(void *arg)
{
	const struct detect_opts *opts = arg;

	message_preload();
	ics_preload();
	detect_preload_zones();
	/* The user's zone, which mail without one is read in: loaded now,
	 * while files can be opened (inside the filter an unknown zone
	 * would be UTC). */
	if (opts != NULL && opts->timezone != NULL && *opts->timezone)
		(void)ics_zone_resolve(opts->timezone);
}

void *
recognise_worker_init(const struct detect_opts *opts)
{
	struct detect_opts *o = xcalloc(1, sizeof(*o));

	*o = *opts;
	worker_setup(o);
	return o;
}

int
recognise_worker(const char *input, size_t len, struct buf *out, void *arg)
{
	return worker_fn(input, len, out, arg);
}
