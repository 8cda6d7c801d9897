/* Unit tests for recognise: batches through the worker (recognise_many)
 * give each mail what it gets alone, and a worker that dies in the middle
 * of a frame costs exactly the mail that killed it. */
#include "autoconfig.h"

#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "detect.h"
#include "detect_json.h"
#include "message.h"
#include "recognise.h"
#include "util.h"

#define NOW ((time_t)1780000000)
#define MAX_MAILS 80

static const char crash[] = "FOLLOWUPD-TEST-CRASH\r\nSubject: boom\r\n\r\nx\r\n";

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The hand-written mails of tests/mail/detect, read into jobs (sorted). */
static size_t load_mails(struct recognise_job *jobs, size_t max)
{
	const char *top = getenv("top_srcdir");
	char *dir = xasprintf("%s/tests/mail/detect", top ? top : ".");
	char *names[MAX_MAILS];
	size_t n = 0, i;
	struct dirent *e;
	DIR *d = opendir(dir);

	assert_non_null(d);
	while ((e = readdir(d)) != NULL && n < max)
		if (str_has_suffix(e->d_name, ".eml"))
			names[n++] = xasprintf("%s/%s", dir, e->d_name);
	closedir(d);
	qsort(names, n, sizeof(names[0]), by_name);
	for (i = 0; i < n; i++) {
		char *raw;

		assert_int_equal(read_file(names[i], 1 << 24, &raw, &jobs[i].len), 0);
		jobs[i].raw = raw;
		free(names[i]);
	}
	free(dir);
	return n;
}

static char *json_of(const struct detection *d)
{
	json_t *j = detection_to_json(d, true);
	char *s = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);

	json_decref(j);
	return s;
}

/* Job k has the answer recognise() gives for its mail alone. */
static void assert_alone_same(struct recogniser *r, const struct recognise_job *job)
{
	struct detection d;
	char *text = NULL, *err = NULL, *a, *b;

	assert_int_equal(recognise(r, job->raw, job->len, NOW, &d, &text, &err), 0);
	assert_int_equal(job->rc, 0);
	assert_null(job->err);
	a = json_of(&d);
	b = json_of(&job->d);
	assert_string_equal(a, b);
	if (text == NULL)
		assert_null(job->text);
	else
		assert_string_equal(text, job->text);
	free(a);
	free(b);
	free(text);
	detection_free(&d);
}

static void test_many_same_as_alone(void **state)
{
	struct recognise_job jobs[MAX_MAILS + 2] = { 0 };
	struct recogniser *r = recognise_new(NULL);
	size_t n, i;

	(void)state;
	n = load_mails(jobs, MAX_MAILS);
	assert_true(n > RECOGNISE_BATCH_MAX);   /* more than one frame */
	jobs[n].raw = "";                       /* an empty mail is a mail */
	jobs[n++].len = 0;
	assert_int_equal(recognise_many(r, jobs, n, NOW, true), 0);
	for (i = 0; i < n; i++) {
		assert_alone_same(r, &jobs[i]);
		recognise_job_clear(&jobs[i]);
		if (jobs[i].len)
			free((char *)jobs[i].raw);
	}
	/* nothing to do is fine */
	assert_int_equal(recognise_many(r, jobs, 0, NOW, false), 0);
	recognise_free(r);
}

static void test_crash_costs_one_mail(void **state)
{
	struct recognise_job jobs[MAX_MAILS + 2] = { 0 };
	struct recogniser *r;
	size_t n, i, bad[2] = { 3, 0 };

	(void)state;
	setenv("FOLLOWUPD_TEST_CRASH", "1", 1);
	r = recognise_new(NULL);
	n = load_mails(jobs, MAX_MAILS);
	/* one early in the first frame, one in the last */
	bad[1] = n - 2;
	for (i = 0; i < 2; i++) {
		free((char *)jobs[bad[i]].raw);
		jobs[bad[i]].raw = crash;
		jobs[bad[i]].len = sizeof(crash) - 1;
	}
	assert_int_equal(recognise_many(r, jobs, n, NOW, true), 2);
	for (i = 0; i < n; i++) {
		if (i == bad[0] || i == bad[1]) {
			assert_int_equal(jobs[i].rc, -1);
			assert_non_null(strstr(jobs[i].err, "parser crashed"));
		} else {
			assert_alone_same(r, &jobs[i]);
			free((char *)jobs[i].raw);
		}
		recognise_job_clear(&jobs[i]);
	}
	/* the single call says the same, and the recogniser goes on */
	{
		struct detection d;
		char *err = NULL;

		assert_int_equal(recognise(r, crash, sizeof(crash) - 1, NOW, &d, NULL, &err), -1);
		assert_non_null(strstr(err, "parser crashed"));
		free(err);
		assert_int_equal(recognise(r, "Subject: hi\r\n\r\nfine\r\n", 21, NOW, &d, NULL, &err), 0);
		detection_free(&d);
	}
	recognise_free(r);
	unsetenv("FOLLOWUPD_TEST_CRASH");
}

/* More mails than a worker lives for: a fresh one takes over, none lost. */
static void test_worker_retires(void **state)
{
	enum { N = 5100 };
	struct recognise_job *jobs = xcalloc(N, sizeof(*jobs));
	struct recogniser *r = recognise_new(NULL);
	static const char mail[] = "Subject: hello\r\n\r\nJust a line.\r\n";

	(void)state;
	for (size_t i = 0; i < N; i++) {
		jobs[i].raw = mail;
		jobs[i].len = sizeof(mail) - 1;
	}
	assert_int_equal(recognise_many(r, jobs, N, NOW, false), 0);
	for (size_t i = 0; i < N; i++) {
		assert_int_equal(jobs[i].rc, 0);
		assert_string_equal(jobs[i].d.subject, "hello");
		recognise_job_clear(&jobs[i]);
	}
	free(jobs);
	recognise_free(r);
}

/* Every zone the prose reader can name is read inside the sandboxed
 * worker as outside it: a zone not loaded before the sandbox closed the
 * zone files would be read as another. */
static void test_every_zone_in_the_sandbox(void **state)
{
	struct recogniser *r = recognise_new(NULL);
	struct detect_opts o;
	const char *word, *zone;
	size_t i, checked = 0;

	(void)state;
	detect_opts_init(&o);
	o.now = NOW;
	for (i = 0; (word = detect_zone_word(i, &zone)) != NULL; i++) {
		char *raw;
		struct message *m;
		struct detection alone, got;
		char *err = NULL;

		if (zone == NULL)
			continue;
		/* a city after "in", a zone word after the time */
		raw = xasprintf("From: Ada Brooks <ada@kestrel.example>\r\nTo: jane@example.net\r\n"
		    "Subject: Interview\r\nDate: Mon, 4 Jan 2027 09:00:00 +0000\r\n\r\n"
		    "Your interview is on Friday 8 January 2027 at 10:00 %s%s with Ada Brooks.\r\n",
		    strchr(word, ' ') == NULL && word[0] >= 'a' && word[0] <= 'z' ? "in " : "", word);
		m = message_parse(raw, strlen(raw), NULL);
		assert_int_equal(detect_message(m, &o, &alone), 0);
		assert_int_equal(recognise(r, raw, strlen(raw), NOW, &got, NULL, &err), 0);
		if (alone.has_start != got.has_start || (alone.has_start && alone.start != got.start))
			fail_msg("\"%s\" (%s) read otherwise in the sandbox", word, zone);
		checked += alone.has_start;
		detection_free(&alone);
		detection_free(&got);
		message_free(m);
		free(raw);
	}
	assert_true(checked > 100);
	recognise_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_many_same_as_alone),
		cmocka_unit_test(test_crash_costs_one_mail),
		cmocka_unit_test(test_worker_retires),
		cmocka_unit_test(test_every_zone_in_the_sandbox),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
