/* Unit tests for sandbox.c: every way a confined child can end. */
#include "autoconfig.h"

#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <netinet/in.h>

#include <cmocka.h>

/* sandbox.c drops RLIMIT_AS under AddressSanitizer; so do the checks here */
#if defined(__SANITIZE_ADDRESS__)
#define NO_RLIMIT_AS 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define NO_RLIMIT_AS 1
#endif
#endif

#include "message.h"
#include "sandbox.h"
#include "util.h"

/* Child functions.  Each one is what a hostile or buggy parser could do. */

static int
fn_upper(const char *in, size_t len, struct buf *out, void *arg)
{
	for (size_t i = 0; i < len; i++) {
		char c = in[i];
		buf_addc(out, (c >= 'a' && c <= 'z') ? (char)(c - 32) : c);
	}
	return 0;
}

static int
fn_pid(const char *in, size_t len, struct buf *out, void *arg)
{
	buf_addf(out, "%d", (int)getpid());
	return 0;
}

/* A real SIGSEGV on purpose: not a finding for UBSan. */
__attribute__((no_sanitize("undefined"))) static int
fn_segv(const char *in, size_t len, struct buf *out, void *arg)
{
	static int *volatile nowhere;

	if (strcmp(in, "crash") == 0)
		*nowhere = 42;
	buf_adds(out, "alive");
	return 0;
}

static int
fn_loop(const char *in, size_t len, struct buf *out, void *arg)
{
	volatile unsigned long n = 0;

	for (;;)
		n++;
	return 0;
}

/* Reports what open() and socket() gave: both must be refused. */
static int
fn_files_net(const char *in, size_t len, struct buf *out, void *arg)
{
	int fd = open("/etc/passwd", O_RDONLY);
	int e1 = errno;
	int s = socket(AF_INET, SOCK_STREAM, 0);
	int e2 = errno;
	int u = socket(AF_UNIX, SOCK_DGRAM, 0);
	int e3 = errno;

	buf_addf(out, "open=%d/%d socket=%d/%d unix=%d/%d", fd, fd < 0 ? e1 : 0,
	    s, s < 0 ? e2 : 0, u, u < 0 ? e3 : 0);
	return 0;
}

/* A system call outside the list: the kernel kills the child (SIGSYS). */
static int
fn_forbidden(const char *in, size_t len, struct buf *out, void *arg)
{
	if (strcmp(in, "kill") == 0)
		syscall(SYS_kill, getppid(), SIGTERM);
	else if (strcmp(in, "fork") == 0)
		syscall(SYS_fork);
	else if (strcmp(in, "exec") == 0)
		syscall(SYS_execve, "/bin/sh", NULL, NULL);
	else if (strcmp(in, "setrlimit") == 0) {
		struct rlimit big = { RLIM_INFINITY, RLIM_INFINITY };
		setrlimit(RLIMIT_AS, &big);
	} else if (strcmp(in, "mmap-exec") == 0)
		syscall(SYS_mmap, NULL, 4096, 7 /* RWX */, 0x22 /* PRIVATE|ANON */, -1, 0);
	buf_adds(out, "survived");
	return 0;
}

/* The limits as the child sees them (getrlimit is allowed). */
static int
fn_limits(const char *in, size_t len, struct buf *out, void *arg)
{
	static const int res[] = { RLIMIT_AS, RLIMIT_CORE, RLIMIT_FSIZE, RLIMIT_NOFILE, RLIMIT_CPU };

	for (size_t i = 0; i < ARRAY_LEN(res); i++) {
		struct rlimit rl;
		if (getrlimit(res[i], &rl) != 0)
			return 1;
		buf_addf(out, "%llu ", (unsigned long long)rl.rlim_cur);
	}
	return 0;
}

static int
fn_huge(const char *in, size_t len, struct buf *out, void *arg)
{
	size_t n = (size_t)strtoul(in, NULL, 10);

	for (size_t i = 0; i < n; i++)
		buf_addc(out, 'x');
	return 0;
}

static int
fn_code(const char *in, size_t len, struct buf *out, void *arg)
{
	buf_adds(out, "partial");
	return atoi(in);
}

static int
fn_exit(const char *in, size_t len, struct buf *out, void *arg)
{
	/* the raw call: a sanitizer's _exit() hook would trip the filter */
	syscall(SYS_exit_group, 3);
	return 0;
}

#ifndef NO_RLIMIT_AS
static int
fn_alloc(const char *in, size_t len, struct buf *out, void *arg)
{
	/* more than the address-space limit: xmalloc exits with EX_OSERR */
	char *p = xmalloc((size_t)1 << 30);
	memset(p, 1, (size_t)1 << 30);
	buf_addf(out, "%d", p[12345]);
	free(p);
	return 0;
}
#endif

/* Which descriptors does the child still have beyond 0-2 and its socket? */
static int
fn_fds(const char *in, size_t len, struct buf *out, void *arg)
{
	int n = 0;

	for (int fd = 4; fd < 256; fd++)
		if (fcntl(fd, F_GETFD) >= 0)
			n++;
	buf_addf(out, "%d", n);
	return 0;
}

/* The real job: parse a mail under the filter and report its subject. */
static int
fn_subject(const char *in, size_t len, struct buf *out, void *arg)
{
	struct message *m = message_parse(in, len, NULL);
	char *body = message_body_text(m);

	buf_addf(out, "%s|%s", m->subject, body);
	free(body);
	message_free(m);
	return 0;
}

static void
setup_message(void *arg)
{
	message_preload();
}

static struct sandbox_limits
quick_limits(void)
{
	struct sandbox_limits lim;

	sandbox_limits_default(&lim);
	lim.timeout_ms = 3000;
	return lim;
}

static void
test_run_ok(void **state)
{
	struct buf out = { 0 };
	char *err = NULL;
	enum sandbox_status st;

	st = sandbox_run("hello", 5, fn_upper, NULL, NULL, &out, NULL, &err);
	assert_int_equal(st, SANDBOX_OK);
	assert_null(err);
	assert_string_equal(out.data, "HELLO");
	/* empty input and empty answer */
	st = sandbox_run("", 0, fn_upper, NULL, NULL, &out, NULL, &err);
	assert_int_equal(st, SANDBOX_OK);
	assert_int_equal(out.len, 0);
	buf_free(&out);
}

static void
test_worker_reused(void **state)
{
	struct sandbox *sb = sandbox_new(fn_pid, NULL, NULL, NULL);
	struct buf a = { 0 }, b = { 0 };
	char *err = NULL;

	assert_int_equal(sandbox_call(sb, "x", 1, &a, &err), SANDBOX_OK);
	assert_int_equal(sandbox_call(sb, "y", 1, &b, &err), SANDBOX_OK);
	assert_string_equal(a.data, b.data);    /* same worker process */
	assert_int_not_equal(atoi(a.data), (int)getpid());
	assert_int_equal(sandbox_worker_pid(sb), atoi(a.data));
	sandbox_free(sb);
	buf_free(&a);
	buf_free(&b);
}

static void
test_crash_then_recover(void **state)
{
	struct sandbox_limits lim = quick_limits();
	struct sandbox *sb = sandbox_new(fn_segv, NULL, NULL, &lim);
	struct buf out = { 0 };
	char *err = NULL;
	int before;

	assert_int_equal(sandbox_call(sb, "fine", 4, &out, &err), SANDBOX_OK);
	before = sandbox_worker_pid(sb);
	assert_int_equal(sandbox_call(sb, "crash", 5, &out, &err), SANDBOX_CRASHED);
	assert_non_null(err);
	assert_non_null(strstr(err, "signal 11"));
	free(err);
	err = NULL;
	assert_int_equal(sandbox_worker_pid(sb), -1);
	/* the next call gets a fresh worker */
	assert_int_equal(sandbox_call(sb, "again", 5, &out, &err), SANDBOX_OK);
	assert_string_equal(out.data, "alive");
	assert_int_not_equal(sandbox_worker_pid(sb), before);
	sandbox_free(sb);
	/* one-shot too */
	assert_int_equal(sandbox_run("crash", 5, fn_segv, NULL, NULL, &out, &lim, &err), SANDBOX_CRASHED);
	free(err);
	buf_free(&out);
}

static void
test_timeout(void **state)
{
	struct sandbox_limits lim = quick_limits();
	struct sandbox *sb;
	struct buf out = { 0 };
	char *err = NULL;

	lim.timeout_ms = 300;
	sb = sandbox_new(fn_loop, NULL, NULL, &lim);
	assert_int_equal(sandbox_call(sb, "x", 1, &out, &err), SANDBOX_TIMEOUT);
	assert_non_null(strstr(err, "timed out"));
	free(err);
	assert_int_equal(sandbox_worker_pid(sb), -1);
	sandbox_free(sb);
	buf_free(&out);
}

static void
test_cpu_limit(void **state)
{
	struct sandbox_limits lim = quick_limits();
	struct buf out = { 0 };
	char *err = NULL;

	/* wall clock far away: the CPU rlimit must stop it (SIGXCPU) */
	lim.cpu_seconds = 1;
	lim.timeout_ms = 20000;
	assert_int_equal(sandbox_run("x", 1, fn_loop, NULL, NULL, &out, &lim, &err), SANDBOX_TIMEOUT);
	assert_non_null(strstr(err, "CPU"));
	free(err);
	buf_free(&out);
}

static void
test_no_files_no_network(void **state)
{
	struct buf out = { 0 };
	char *err = NULL;
	char want[128];

	assert_int_equal(sandbox_run("x", 1, fn_files_net, NULL, NULL, &out, NULL, &err), SANDBOX_OK);
	snprintf(want, sizeof(want), "open=-1/%d socket=-1/%d unix=-1/%d", EACCES, EACCES, EACCES);
	assert_string_equal(out.data, want);
	buf_free(&out);
}

static void
test_forbidden_syscalls(void **state)
{
	static const char *what[] = { "kill", "fork", "exec", "mmap-exec", "setrlimit" };
	struct buf out = { 0 };
	char *err = NULL;

	for (size_t i = 0; i < ARRAY_LEN(what); i++) {
		enum sandbox_status st = sandbox_run(what[i], strlen(what[i]), fn_forbidden,
		    NULL, NULL, &out, NULL, &err);
		assert_int_equal(st, SANDBOX_CRASHED);
		assert_non_null(strstr(err, "forbidden system call"));
		free(err);
		err = NULL;
	}
	buf_free(&out);
}

static void
test_rlimits(void **state)
{
	struct sandbox_limits lim = quick_limits();
	struct buf out = { 0 };
	char *err = NULL;

	lim.max_memory = 256 * 1024 * 1024;
	lim.cpu_seconds = 3;
#ifdef NO_RLIMIT_AS
	/* The limits of a production worker: without the sanitizer log,
	 * which lifts the file size limit (src/base/sandbox.h). */
	char *sanlog = getenv("FOLLOWUPD_SANITIZER_LOG");
	sanlog = sanlog ? xstrdup(sanlog) : NULL;
	unsetenv("FOLLOWUPD_SANITIZER_LOG");
#endif
	assert_int_equal(sandbox_run("x", 1, fn_limits, NULL, NULL, &out, &lim, &err), SANDBOX_OK);
	/* AS, no core, no file writes, fds 0-3 only, CPU twice the per-call budget */
#ifdef NO_RLIMIT_AS
	if (sanlog != NULL)
		setenv("FOLLOWUPD_SANITIZER_LOG", sanlog, 1);
	free(sanlog);
	assert_true(str_has_suffix(out.data, " 0 0 4 6 "));
#else
	assert_string_equal(out.data, "268435456 0 0 4 6 ");
#endif
	buf_free(&out);
}

static void
test_huge_output(void **state)
{
	struct sandbox_limits lim = quick_limits();
	struct sandbox *sb;
	struct buf out = { 0 };
	char *err = NULL;
	char n[32];

	lim.max_output = 100000;
	sb = sandbox_new(fn_huge, NULL, NULL, &lim);
	snprintf(n, sizeof(n), "%zu", lim.max_output);
	assert_int_equal(sandbox_call(sb, n, strlen(n), &out, &err), SANDBOX_OK);
	assert_int_equal(out.len, lim.max_output);
	snprintf(n, sizeof(n), "%zu", lim.max_output + 1);
	assert_int_equal(sandbox_call(sb, n, strlen(n), &out, &err), SANDBOX_TOO_LARGE);
	free(err);
	err = NULL;
	assert_int_equal(sandbox_call(sb, "3", 1, &out, &err), SANDBOX_OK);
	assert_string_equal(out.data, "xxx");
	sandbox_free(sb);
	buf_free(&out);
}

static void
test_big_input(void **state)
{
	/* larger than any socket buffer: both directions must stream */
	size_t n = 8 * 1024 * 1024;
	char *in = xmalloc(n);
	struct buf out = { 0 };
	char *err = NULL;

	memset(in, 'a', n);
	assert_int_equal(sandbox_run(in, n, fn_upper, NULL, NULL, &out, NULL, &err), SANDBOX_OK);
	assert_int_equal(out.len, n);
	assert_int_equal(out.data[n - 1], 'A');
	free(in);
	buf_free(&out);
}

static void
test_failed_and_exited(void **state)
{
	struct sandbox *sb = sandbox_new(fn_code, NULL, NULL, NULL);
	struct buf out = { 0 };
	char *err = NULL;

	assert_int_equal(sandbox_call(sb, "7", 1, &out, &err), SANDBOX_FAILED);
	assert_non_null(strstr(err, "code 7"));
	assert_string_equal(out.data, "partial");
	free(err);
	assert_int_equal(sandbox_call(sb, "0", 1, &out, &err), SANDBOX_OK);
	sandbox_free(sb);

	assert_int_equal(sandbox_run("x", 1, fn_exit, NULL, NULL, &out, NULL, &err), SANDBOX_EXITED);
	assert_non_null(strstr(err, "status 3"));
	free(err);
#ifndef NO_RLIMIT_AS
	assert_int_equal(sandbox_run("x", 1, fn_alloc, NULL, NULL, &out, NULL, &err), SANDBOX_EXITED);
	assert_non_null(strstr(err, "status 71"));
	free(err);
#endif
	buf_free(&out);
}

static void
test_descriptors_closed(void **state)
{
	int fds[8];
	struct buf out = { 0 };
	char *err = NULL;

	for (size_t i = 0; i < ARRAY_LEN(fds); i++)
		fds[i] = open("/dev/null", O_RDONLY);
	assert_int_equal(sandbox_run("x", 1, fn_fds, NULL, NULL, &out, NULL, &err), SANDBOX_OK);
	assert_string_equal(out.data, "0");
	for (size_t i = 0; i < ARRAY_LEN(fds); i++)
		close(fds[i]);
	buf_free(&out);
}

static void
test_hidden_crash_switch(void **state)
{
	const char *in = "FOLLOWUPD-TEST-CRASH\nSubject: x\n\nbody\n";
	struct sandbox_limits lim = quick_limits();
	struct sandbox *sb = sandbox_new(fn_subject, setup_message, NULL, &lim);
	struct buf out = { 0 };
	char *err = NULL;

	/* without the variable the marker is ordinary text */
	unsetenv("FOLLOWUPD_TEST_CRASH");
	assert_int_equal(sandbox_call(sb, in, strlen(in), &out, &err), SANDBOX_OK);
	sandbox_free(sb);

	setenv("FOLLOWUPD_TEST_CRASH", "1", 1);
	sb = sandbox_new(fn_subject, setup_message, NULL, &lim);
	assert_int_equal(sandbox_call(sb, in, strlen(in), &out, &err), SANDBOX_CRASHED);
	free(err);
	err = NULL;
	assert_int_equal(sandbox_call(sb, "Subject: ok\n\nfine\n", 18, &out, &err), SANDBOX_OK);
	assert_string_equal(out.data, "ok|fine\n");
	lim.timeout_ms = 300;
	sandbox_free(sb);
	sb = sandbox_new(fn_subject, setup_message, NULL, &lim);
	assert_int_equal(sandbox_call(sb, "FOLLOWUPD-TEST-HANG", 19, &out, &err), SANDBOX_TIMEOUT);
	free(err);
	unsetenv("FOLLOWUPD_TEST_CRASH");
	sandbox_free(sb);
	buf_free(&out);
}

static void
test_message_charsets_confined(void **state)
{
	/* iconv must work under the filter: converters come from the preload */
	static const struct { const char *mail; const char *want; } cases[] = {
		{ "Subject: =?koi8-r?B?8NLJ18XU?=\nContent-Type: text/plain; charset=koi8-r\n\n\xf0\xd2\xc9\xd7\xc5\xd4\n",
		  "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82|\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82\n" },
		{ "Subject: =?iso-8859-2?Q?=B3=F3d=BF?=\n\nx\n", "\xc5\x82\xc3\xb3""d\xc5\xbc|x\n" },
		{ "Subject: =?shift_jis?B?k/qWe4zq?=\n\nx\n", "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e|x\n" },
		/* a label that needs a module nobody preloaded: falls back, no crash */
		{ "Subject: =?x-no-such-charset?Q?caf=E9?=\n\nx\n", "caf\xc3\xa9|x\n" },
		/* libxml2 parses HTML under the filter, whatever charset its
		 * <meta> claims (the text is UTF-8 by then) */
		{ "Subject: h\nContent-Type: text/html; charset=koi8-r\n\n<html><head><meta charset=\"x-mac-ukrainian\">"
		  "</head><body><p>\xf0\xd2\xc9</p><table><tr><td>a</td><td>b</td></tr></table></body></html>\n",
		  "h|\xd0\x9f\xd1\x80\xd0\xb8\n\na\tb\n" },
	};
	struct sandbox *sb = sandbox_new(fn_subject, setup_message, NULL, NULL);
	struct buf out = { 0 };
	char *err = NULL;

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		assert_int_equal(sandbox_call(sb, cases[i].mail, strlen(cases[i].mail), &out, &err),
		    SANDBOX_OK);
		assert_string_equal(out.data, cases[i].want);
	}
	sandbox_free(sb);
	buf_free(&out);
}

/* ------------------------------------------------------------------ */
/* Exec mode: this test program is also the worker program.  Started by
 * the sandbox with TEST_SANDBOX_WORKER=1 in its environment, main() calls
 * sandbox_serve() with the two functions below. */

static const char *worker_init_bytes;

static void *
worker_init(const char *init, size_t len)
{
	if (strcmp(init, "refuse") == 0)
		return NULL;
	worker_init_bytes = strdup(init);
	message_preload();
	return (void *)worker_init_bytes;
}

/* "pid", "init", "files", "fds", "nofile", "kill", "subject:MAIL" */
static int
worker_fn(const char *in, size_t len, struct buf *out, void *arg)
{
	struct rlimit rl;

	if (strcmp(in, "pid") == 0)
		return fn_pid(in, len, out, arg);
	if (strcmp(in, "init") == 0)
		buf_adds(out, arg);
	else if (strcmp(in, "files") == 0)
		return fn_files_net(in, len, out, arg);
	else if (strcmp(in, "fds") == 0)
		return fn_fds(in, len, out, arg);
	else if (strcmp(in, "nofile") == 0 && getrlimit(RLIMIT_NOFILE, &rl) == 0)
		buf_addf(out, "%llu", (unsigned long long)rl.rlim_cur);
	else if (strcmp(in, "kill") == 0)
		return fn_forbidden(in, len, out, arg);
	else if (str_has_prefix(in, "subject:"))
		return fn_subject(in + 8, len - 8, out, arg);
	return 0;
}

static struct sandbox *
program_new(const char *init, const struct sandbox_limits *lim)
{
	setenv("TEST_SANDBOX_WORKER", "1", 1);
	return sandbox_new_program("/proc/self/exe", init, init ? strlen(init) : 0, lim);
}

static void
call_ok(struct sandbox *sb, const char *in, const char *want)
{
	struct buf out = { 0 };
	char *err = NULL;

	assert_int_equal(sandbox_call(sb, in, strlen(in), &out, &err), SANDBOX_OK);
	assert_null(err);
	if (want != NULL)
		assert_string_equal(out.data ? out.data : "", want);
	buf_free(&out);
}

static void
test_program_serves(void **state)
{
	struct sandbox_limits lim = quick_limits();
	struct sandbox *sb = program_new("opts", &lim);
	char want[128], pid[32];
	int first;

	call_ok(sb, "init", "opts");
	first = sandbox_worker_pid(sb);
	assert_true(first > 0 && first != getpid());
	snprintf(pid, sizeof(pid), "%d", first);
	call_ok(sb, "pid", pid);              /* one worker, reused */
	call_ok(sb, "subject:Subject: hi\n\nthere\n", "hi|there\n");
	/* confined as a forked worker is */
	snprintf(want, sizeof(want), "open=-1/%d socket=-1/%d unix=-1/%d", EACCES, EACCES, EACCES);
	call_ok(sb, "files", want);
	call_ok(sb, "fds", "0");
	if (getenv("FOLLOWUPD_TEST_UNCONFINED") == NULL)
		call_ok(sb, "nofile", "4");
	sandbox_free(sb);
}

static void
test_program_failures(void **state)
{
	struct sandbox_limits lim = quick_limits();
	struct sandbox *sb = program_new("opts", &lim);
	struct buf out = { 0 };
	char *err = NULL;

	if (getenv("FOLLOWUPD_TEST_UNCONFINED") == NULL) {
		assert_int_equal(sandbox_call(sb, "kill", 4, &out, &err), SANDBOX_CRASHED);
		assert_non_null(strstr(err, "forbidden system call"));
		free(err);
		call_ok(sb, "init", "opts");  /* a new worker, same init */
	}
	/* the hook comes from the starting process at each start */
	setenv("FOLLOWUPD_TEST_CRASH", "1", 1);
	sandbox_free(sb);
	sb = program_new(NULL, &lim);
	assert_int_equal(sandbox_call(sb, "FOLLOWUPD-TEST-CRASH", 20, &out, &err), SANDBOX_CRASHED);
	free(err);
	unsetenv("FOLLOWUPD_TEST_CRASH");
	sandbox_free(sb);
	/* init refused, program missing */
	sb = program_new("refuse", &lim);
	assert_int_equal(sandbox_call(sb, "pid", 3, &out, &err), SANDBOX_EXITED);
	free(err);
	sandbox_free(sb);
	sb = sandbox_new_program("/nonexistent/worker", NULL, 0, &lim);
	assert_int_equal(sandbox_call(sb, "pid", 3, &out, &err), SANDBOX_ERROR);
	assert_non_null(strstr(err, "could not run /nonexistent/worker"));
	free(err);
	sandbox_free(sb);
	sb = sandbox_new_program(NULL, NULL, 0, &lim);
	assert_int_equal(sandbox_call(sb, "pid", 3, &out, &err), SANDBOX_ERROR);
	free(err);
	sandbox_free(sb);
	buf_free(&out);
}

/* A worker with no call for idle_ms leaves; the next call starts another. */
static void
test_program_idle(void **state)
{
	struct sandbox_limits lim = quick_limits();
	struct sandbox *sb;
	char path[64], st = '?';
	int first;
	FILE *f;

	lim.idle_ms = 300;
	sb = program_new("x", &lim);
	call_ok(sb, "init", "x");
	first = sandbox_worker_pid(sb);
	usleep(600 * 1000);
	snprintf(path, sizeof(path), "/proc/%d/stat", first);
	if ((f = fopen(path, "r")) != NULL) {
		assert_int_equal(fscanf(f, "%*d %*s %c", &st), 1);
		fclose(f);
	}
	assert_int_equal(st, 'Z');            /* gone, waiting to be reaped */
	call_ok(sb, "init", "x");
	assert_int_not_equal(sandbox_worker_pid(sb), first);
	call_ok(sb, "init", "x");             /* within idle_ms: the same one */
	sandbox_free(sb);
}

static void
test_program_path(void **state)
{
	char *p;

	setenv("TEST_WORKER_PATH", "/x/y", 1);
	p = sandbox_program_path("test_sandbox", "TEST_WORKER_PATH", "/installed");
	assert_string_equal(p, "/x/y");
	free(p);
	unsetenv("TEST_WORKER_PATH");
	p = sandbox_program_path("test_sandbox", "TEST_WORKER_PATH", "/installed");
	assert_true(str_has_suffix(p, "/tests/unit/test_sandbox") || str_has_suffix(p, "/test_sandbox"));
	assert_false(str_has_prefix(p, "/installed"));
	free(p);
	p = sandbox_program_path("no-such-program", NULL, "/installed");
	assert_string_equal(p, "/installed/no-such-program");
	free(p);
}

int
main(void)
{
	if (getenv("TEST_SANDBOX_WORKER") != NULL && fcntl(3, F_GETFD) >= 0)
		return sandbox_serve(worker_init, worker_fn);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_run_ok),
		cmocka_unit_test(test_worker_reused),
		cmocka_unit_test(test_crash_then_recover),
		cmocka_unit_test(test_timeout),
		cmocka_unit_test(test_cpu_limit),
		cmocka_unit_test(test_no_files_no_network),
		cmocka_unit_test(test_forbidden_syscalls),
		cmocka_unit_test(test_rlimits),
		cmocka_unit_test(test_huge_output),
		cmocka_unit_test(test_big_input),
		cmocka_unit_test(test_failed_and_exited),
		cmocka_unit_test(test_descriptors_closed),
		cmocka_unit_test(test_hidden_crash_switch),
		cmocka_unit_test(test_message_charsets_confined),
		cmocka_unit_test(test_program_serves),
		cmocka_unit_test(test_program_failures),
		cmocka_unit_test(test_program_idle),
		cmocka_unit_test(test_program_path),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
