/*
 * corpus_sandbox DIR [--bench ROUNDS]
 *
 * Every regular file under DIR goes through message_parse() three ways:
 * directly, in a persistent sandbox worker, and in a fork-per-mail
 * sandbox.  The sandboxed answers must be OK and identical to the direct
 * one.  Exit status 0 when all are, 1 otherwise.  With --bench it also
 * prints the cost per mail of each way (ROUNDS passes over the corpus).
 */
#include "autoconfig.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "message.h"
#include "sandbox.h"
#include "util.h"

struct file {
	char *path;
	char *data;
	size_t len;
};

static struct file *files;
static size_t nfiles;

static void
collect(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (d == NULL) {
		perror(dir);
		exit(2);
	}
	while ((e = readdir(d)) != NULL) {
		char *p;
		struct stat st;

		if (e->d_name[0] == '.')
			continue;
		p = xasprintf("%s/%s", dir, e->d_name);
		if (stat(p, &st) != 0) {
			free(p);
			continue;
		}
		if (S_ISDIR(st.st_mode)) {
			collect(p);
			free(p);
		} else if (S_ISREG(st.st_mode)) {
			files = xreallocarray(files, nfiles + 1, sizeof(*files));
			files[nfiles].path = p;
			if (read_file(p, 64 * 1024 * 1024, &files[nfiles].data, &files[nfiles].len) != 0) {
				perror(p);
				exit(2);
			}
			nfiles++;
		} else {
			free(p);
		}
	}
	closedir(d);
}

/* What the parse found, as bytes: enough to notice any difference. */
static void
summarise(const struct message *m, struct buf *out)
{
	buf_addf(out, "h=%zu p=%zu a=%zu f=%#x s=%s\n", m->nheaders, m->nparts, m->nattached,
	    m->flags, m->subject);
	for (size_t i = 0; i < m->nparts; i++)
		buf_addf(out, "  %d %s %zu\n", (int)m->parts[i].kind, m->parts[i].content_type,
		    m->parts[i].len);
	for (size_t i = 0; i < m->nattached; i++)
		summarise(m->attached[i], out);
}

static int
parse_fn(const char *in, size_t len, struct buf *out, void *arg)
{
	struct message *m = message_parse(in, len, NULL);

	summarise(m, out);
	message_free(m);
	return 0;
}

static void
setup(void *arg)
{
	message_preload();
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
	struct sandbox *sb;
	struct buf direct = { 0 }, out = { 0 };
	int rounds = 0, failures = 0;
	size_t bytes = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: corpus_sandbox DIR [--bench ROUNDS]\n");
		return 2;
	}
	if (argc >= 4 && strcmp(argv[2], "--bench") == 0)
		rounds = atoi(argv[3]);
	collect(argv[1]);
	message_preload();
	sb = sandbox_new(parse_fn, setup, NULL, NULL);

	for (size_t i = 0; i < nfiles; i++) {
		char *err = NULL;
		enum sandbox_status st;

		bytes += files[i].len;
		buf_reset(&direct);
		parse_fn(files[i].data, files[i].len, &direct, NULL);
		st = sandbox_call(sb, files[i].data, files[i].len, &out, &err);
		if (st != SANDBOX_OK || strcmp(out.data, direct.data) != 0) {
			printf("FAIL worker %s: %s %s\n", files[i].path, sandbox_status_str(st), err ? err : "differs");
			failures++;
		}
		free(err);
		err = NULL;
		st = sandbox_run(files[i].data, files[i].len, parse_fn, setup, NULL, &out, NULL, &err);
		if (st != SANDBOX_OK || strcmp(out.data, direct.data) != 0) {
			printf("FAIL fork %s: %s %s\n", files[i].path, sandbox_status_str(st), err ? err : "differs");
			failures++;
		}
		free(err);
	}
	printf("%zu files (%zu bytes), %d failures\n", nfiles, bytes, failures);

	if (rounds > 0 && nfiles > 0) {
		double t0, t1, t2, t3;
		size_t n = (size_t)rounds * nfiles;

		t0 = now();
		for (int r = 0; r < rounds; r++)
			for (size_t i = 0; i < nfiles; i++) {
				struct message *m = message_parse(files[i].data, files[i].len, NULL);
				message_free(m);
			}
		t1 = now();
		for (int r = 0; r < rounds; r++)
			for (size_t i = 0; i < nfiles; i++)
				if (sandbox_call(sb, files[i].data, files[i].len, &out, NULL) != SANDBOX_OK)
					failures++;
		t2 = now();
		for (int r = 0; r < rounds; r++)
			for (size_t i = 0; i < nfiles; i++)
				if (sandbox_run(files[i].data, files[i].len, parse_fn, setup, NULL,
				    &out, NULL, NULL) != SANDBOX_OK)
					failures++;
		t3 = now();
		printf("parse only:        %8.1f us/mail  %8.0f mails/s\n", (t1 - t0) / (double)n * 1e6, (double)n / (t1 - t0));
		printf("sandbox worker:    %8.1f us/mail  %8.0f mails/s\n", (t2 - t1) / (double)n * 1e6, (double)n / (t2 - t1));
		printf("sandbox fork/mail: %8.1f us/mail  %8.0f mails/s\n", (t3 - t2) / (double)n * 1e6, (double)n / (t3 - t2));
	}

	sandbox_free(sb);
	for (size_t i = 0; i < nfiles; i++) {
		free(files[i].path);
		free(files[i].data);
	}
	free(files);
	buf_free(&direct);
	buf_free(&out);
	return failures ? 1 : 0;
}
