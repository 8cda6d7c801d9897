/*
 * libFuzzer harness: raw mail -> recognition, without the sandbox.
 *
 * The steps are those of the sandboxed worker in recognise.c: parse the
 * mail (message_parse), recognise it (detect_message, as
 * recognise_unsandboxed() does), take the new text of a reply
 * (message_body_text, recognise_reply_text), encode the answer as the
 * worker does and decode it as the parent does (detection_from_json).  A
 * mail whose detection the parent could not decode would be dropped as
 * "unreadable", so that is checked as well as memory safety.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "detect.h"
#include "detect_json.h"
#include "fuzz.h"
#include "ics.h"
#include "log.h"
#include "message.h"
#include "recognise.h"

/* 2027-01-15T08:00:00Z: a fixed "now" keeps runs reproducible. */
#define FUZZ_NOW ((time_t)1800000000)

static const char *const my_addresses[] = { "jane.doe@example.net", "jdoe@example.org" };
static const char *const keywords[] = { "interview", "phone screen" };
static const char *const ignore[] = { "@ignored.example", "bulk@example.com" };

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	log_init("fuzz", true, getenv("FUZZ_VERBOSE") ? 2 : -1);
	/* As the sandbox worker does (recognise.c worker_setup). */
	message_preload();
	ics_preload();
	return 0;
}

static void
check_person(const struct detect_person *p)
{
	fuzz_check(p->name != NULL || p->email != NULL);
	if (p->name)
		fuzz_check(fuzz_utf8_ok(p->name, strlen(p->name)));
	if (p->email)
		fuzz_check(fuzz_utf8_ok(p->email, strlen(p->email)));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct detect_opts opts;
	struct detection d = { 0 }, back = { 0 };
	struct message *m;
	char *body, *text, *s;
	json_t *j, *j2, *jin;
	json_error_t jerr;

	detect_opts_init(&opts);
	opts.my_addresses = my_addresses;
	opts.n_my_addresses = 2;
	opts.keywords = keywords;
	opts.n_keywords = 2;
	opts.ignore_senders = ignore;
	opts.n_ignore_senders = 2;
	opts.my_name = "Jane Doe";
	opts.timezone = "Europe/London";
	opts.now = FUZZ_NOW;

	m = message_parse((const char *)data, size, NULL);
	fuzz_check(m != NULL);
	fuzz_check(m->subject != NULL);
	for (size_t i = 0; i < m->nparts; i++) {
		fuzz_check(m->parts[i].text != NULL);
		fuzz_check(strlen(m->parts[i].text) == m->parts[i].len);
		fuzz_check(fuzz_utf8_ok(m->parts[i].text, m->parts[i].len));
	}
	fuzz_check(detect_message(m, &opts, &d) == 0);
	body = message_body_text(m);
	fuzz_check(body != NULL);
	fuzz_check(fuzz_utf8_ok(body, strlen(body)));
	text = recognise_reply_text(body, RECOGNISE_MAX_TEXT);
	free(body);
	message_free(m);

	fuzz_check((int)d.kind >= DETECT_OTHER && (int)d.kind <= DETECT_REPLY);
	for (size_t i = 0; i < d.ninterviewers; i++)
		check_person(&d.interviewers[i]);
	if (d.contact.name || d.contact.email)
		check_person(&d.contact);
	if (text) {
		fuzz_check(strlen(text) <= RECOGNISE_MAX_TEXT);
		fuzz_check(fuzz_utf8_ok(text, strlen(text)));
	}

	/* The worker's answer and the parent's reading of it. */
	j = json_pack("{s:o,s:o}", "detection", detection_to_json(&d, true),
	    "text", text ? json_string(text) : json_null());
	fuzz_check(j != NULL);
	s = json_dumps(j, JSON_COMPACT);
	fuzz_check(s != NULL);
	jin = json_loadb(s, strlen(s), JSON_REJECT_DUPLICATES, &jerr);
	fuzz_check(jin != NULL);
	fuzz_check(detection_from_json(json_object_get(jin, "detection"), &back) == 0);
	/* What the parent decoded is what the worker found. */
	j2 = detection_to_json(&back, true);
	fuzz_check(j2 != NULL);
	fuzz_check(json_equal(j2, json_object_get(j, "detection")));
	/* The scan --json form too. */
	json_decref(j2);
	j2 = detection_to_json(&d, false);
	fuzz_check(j2 != NULL);

	json_decref(j2);
	json_decref(jin);
	json_decref(j);
	free(s);
	free(text);
	detection_free(&back);
	detection_free(&d);
	return 0;
}
