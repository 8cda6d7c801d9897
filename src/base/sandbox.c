/*
 * sandbox: a confined child process for untrusted bytes.
 *
 * Protocol on the socket pair (host byte order, both ends are this
 * program):  request  = u64 length, bytes
 *            reply    = struct reply_hdr, bytes
 * The child reads a whole request before it answers, so the parent can
 * write the request and then read the answer.
 */
#include "autoconfig.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <seccomp.h>

#include "log.h"
#include "sandbox.h"
#include "util.h"

/* AddressSanitizer reserves terabytes of shadow address space, so an
 * RLIMIT_AS would make every allocation fail: sanitizer builds go without
 * it (CPU and wall-clock limits still hold). */
#if defined(__SANITIZE_ADDRESS__)
#define SANDBOX_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SANDBOX_ASAN 1
#endif
#endif
#ifdef SANDBOX_ASAN
#include <sanitizer/common_interface_defs.h>
#endif

#define REPLY_MAGIC 0x46555342u         /* "FUSB" */
#define REPLY_RETIRING 0x1u             /* worker exits after this reply */
#define CHILD_FD 3
#define TEST_CRASH "FOLLOWUPD-TEST-CRASH"
#define TEST_HANG "FOLLOWUPD-TEST-HANG"

/* Exec mode: the first frame after a start, before the caller's init bytes. */
#define INIT_MAGIC 0x46555349u          /* "FUSI" */
struct init_hdr {
	uint32_t magic;
	uint32_t idle_ms;       /* lim.idle_ms */
	uint32_t test_hooks;    /* FOLLOWUPD_TEST_CRASH=1 in the parent */
	uint32_t pad;
};

/* A worker that left because it idled (lim.idle_ms) exits with this. */
#define IDLE_EXIT 75
/* The child of an exec mode worker could not exec the program. */
#define EXIT_EXEC 127

struct reply_hdr {
	uint32_t magic;
	int32_t code;           /* fn's return value */
	uint32_t flags;
	uint32_t pad;
	uint64_t len;
};

struct sandbox {
	sandbox_fn fn;
	sandbox_setup_fn setup;
	void *arg;
	struct sandbox_limits lim;
	pid_t pid;
	int fd;
	unsigned calls;
	bool oneshot;
	char *program;          /* exec mode (sandbox_new_program) */
	char *init;             /* its init bytes */
	size_t initlen;
	int64_t last_ms;        /* end of the last call (idle retirement) */
	bool idled;             /* the last worker reaped had left idle */
};

void
sandbox_limits_default(struct sandbox_limits *lim)
{
	lim->timeout_ms = 10000;
	lim->cpu_seconds = 5;
	lim->max_memory = (size_t)512 * 1024 * 1024;
	lim->max_output = (size_t)8 * 1024 * 1024;
	lim->max_requests = 5000;
	lim->idle_ms = 0;
}

const char *
sandbox_status_str(enum sandbox_status st)
{
	switch (st) {
	case SANDBOX_OK: return "ok";
	case SANDBOX_FAILED: return "failed";
	case SANDBOX_CRASHED: return "crashed";
	case SANDBOX_TIMEOUT: return "timeout";
	case SANDBOX_TOO_LARGE: return "too large";
	case SANDBOX_EXITED: return "exited";
	case SANDBOX_PROTOCOL: return "protocol";
	case SANDBOX_ERROR: return "error";
	}
	return "unknown";
}

/* ------------------------------------------------------------------ */
/* Child                                                                 */

static int
read_full(int fd, void *p, size_t n)
{
	char *c = p;

	while (n > 0) {
		ssize_t r = read(fd, c, n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		c += r;
		n -= (size_t)r;
	}
	return 0;
}

static int
write_full(int fd, const void *p, size_t n)
{
	const char *c = p;

	while (n > 0) {
		ssize_t r = write(fd, c, n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		c += r;
		n -= (size_t)r;
	}
	return 0;
}

/* The raw system call: sanitizer runtimes hook _exit() to run leak checks
 * that need system calls the filter forbids. */
static _Noreturn void
child_exit(int status)
{
	for (;;)
		syscall(SYS_exit_group, status);
}

static _Noreturn void
child_die(const char *what)
{
	/* Nothing useful can be said to anyone: the parent sees the status. */
	(void)what;
	child_exit(EXIT_OSERR);
}

#ifdef SANDBOX_ASAN
static bool sanitizer_log;      /* reports go to a file: no RLIMIT_FSIZE */

/* Sanitizer builds: the sanitizers open their log_path lazily, at the
 * first report, which the filter forbids, and the worker's stderr is
 * /dev/null.  With FOLLOWUPD_SANITIZER_LOG=DIR (make check-sanitizers)
 * the worker's stderr appends to DIR/worker.log and every report goes
 * there, so nothing found in a worker goes unseen. */
static void
child_sanitizer_log(void)
{
	const char *dir = getenv("FOLLOWUPD_SANITIZER_LOG");
	char path[4096];
	int fd;

	if (dir == NULL || *dir == '\0')
		return;
	if (snprintf(path, sizeof(path), "%s/worker.log", dir) >= (int)sizeof(path))
		child_die("sanitizer log path");
	if ((fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600)) < 0)
		child_die("open sanitizer log");
	if (fd != 2) {
		if (dup2(fd, 2) < 0)
			child_die("dup2");
		close(fd);
	}
	__sanitizer_set_report_fd((void *)(intptr_t)2);
	sanitizer_log = true;
}
#endif

static void
child_descriptors(int fd)
{
	int null;

	if (fd != CHILD_FD) {
		if (dup2(fd, CHILD_FD) < 0)
			child_die("dup2");
		close(fd);
	}
	null = open("/dev/null", O_RDWR);
	if (null < 0)
		child_die("open /dev/null");
	for (int i = 0; i < 3; i++)
		if (null != i && dup2(null, i) < 0)
			child_die("dup2");
	if (null > 2 && null != CHILD_FD)
		close(null);
#ifdef SANDBOX_ASAN
	child_sanitizer_log();
#endif
	/* Every other descriptor of the daemon (IMAP socket, database...). */
#ifdef SYS_close_range
	if (syscall(SYS_close_range, CHILD_FD + 1, ~0U, 0) == 0)
		return;
#endif
	{
		long max = sysconf(_SC_OPEN_MAX);
		if (max < 0 || max > 65536)
			max = 65536;
		for (int i = CHILD_FD + 1; i < max; i++)
			close(i);
	}
}

static void
set_limit(int resource, rlim_t soft, rlim_t hard)
{
	struct rlimit rl = { soft, hard };

	if (setrlimit(resource, &rl) != 0)
		child_die("setrlimit");
}

static void
child_signals(void)
{
	sigset_t none;

	/* The daemon blocks signals for its signalfd; the child wants the
	 * default death on SIGXCPU, SIGSEGV, SIGPIPE. */
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	for (int s = 1; s < NSIG; s++)
		if (s != SIGKILL && s != SIGSTOP)
			signal(s, SIG_DFL);
}

static void
child_seccomp(void)
{
	static const int allow[] = {
		SCMP_SYS(read), SCMP_SYS(write), SCMP_SYS(readv), SCMP_SYS(writev),
		SCMP_SYS(close), SCMP_SYS(fstat), SCMP_SYS(newfstatat), SCMP_SYS(lseek),
		SCMP_SYS(brk), SCMP_SYS(munmap), SCMP_SYS(mremap), SCMP_SYS(madvise),
		SCMP_SYS(exit), SCMP_SYS(exit_group), SCMP_SYS(rt_sigreturn),
		SCMP_SYS(clock_gettime), SCMP_SYS(gettimeofday), SCMP_SYS(time),
		SCMP_SYS(futex), SCMP_SYS(getrusage), SCMP_SYS(getpid), SCMP_SYS(gettid),
		SCMP_SYS(getrandom), SCMP_SYS(sched_yield), SCMP_SYS(fcntl),
		/* waiting for the next request at most lim.idle_ms */
		SCMP_SYS(poll), SCMP_SYS(ppoll),
		/* read-only facts libraries ask for (qsort: sysinfo; uid
		 * generators: uname) */
		SCMP_SYS(uname), SCMP_SYS(sysinfo), SCMP_SYS(getuid), SCMP_SYS(geteuid),
		SCMP_SYS(getgid), SCMP_SYS(getegid), SCMP_SYS(getppid), SCMP_SYS(clock_getres),
	};
	/* Asked for by libraries that cope with a refusal. */
	static const int refuse[] = {
		SCMP_SYS(open), SCMP_SYS(openat), SCMP_SYS(socket), SCMP_SYS(connect),
		SCMP_SYS(stat), SCMP_SYS(lstat), SCMP_SYS(access), SCMP_SYS(readlink),
		SCMP_SYS(ioctl),
	};
	scmp_filter_ctx ctx;
	size_t i;

	if ((ctx = seccomp_init(SCMP_ACT_KILL_PROCESS)) == NULL)
		child_die("seccomp_init");
	for (i = 0; i < ARRAY_LEN(allow); i++)
		if (allow[i] >= 0 && seccomp_rule_add(ctx, SCMP_ACT_ALLOW, allow[i], 0) != 0)
			child_die("seccomp_rule_add");
	for (i = 0; i < ARRAY_LEN(refuse); i++)
		if (refuse[i] >= 0 && seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EACCES), refuse[i], 0) != 0)
			child_die("seccomp_rule_add");
	/* Memory for malloc, never executable: no code can be loaded. */
	if (seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(mmap), 1,
	    SCMP_A2(SCMP_CMP_MASKED_EQ, PROT_EXEC, 0)) != 0 ||
	    seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(mprotect), 1,
	    SCMP_A2(SCMP_CMP_MASKED_EQ, PROT_EXEC, 0)) != 0)
		child_die("seccomp_rule_add");
#ifdef SANDBOX_ASAN
	/* AddressSanitizer's __asan_handle_no_return() calls
	 * sigaltstack(NULL, &old) before every call of a _Noreturn function
	 * (child_exit(), longjmp): without this an ASan build's child dies of
	 * SIGSYS instead of exiting (found by tests/hardening, strace -f). */
	if (seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(sigaltstack), 0) != 0)
		child_die("seccomp_rule_add");
#endif
	/* getrlimit only: no new limit (arg 2 of prlimit64 is NULL) */
	if (seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(prlimit64), 1,
	    SCMP_A2(SCMP_CMP_EQ, 0)) != 0)
		child_die("seccomp_rule_add");
	if (seccomp_load(ctx) != 0)
		child_die("seccomp_load");
	seccomp_release(ctx);
}

static double
cpu_used(void)
{
	struct rusage ru;

	if (getrusage(RUSAGE_SELF, &ru) != 0)
		return 0;
	return (double)ru.ru_utime.tv_sec + (double)ru.ru_stime.tv_sec +
	    ((double)ru.ru_utime.tv_usec + (double)ru.ru_stime.tv_usec) / 1e6;
}

/* The FOLLOWUPD-TEST-CRASH hook: a real SIGSEGV (kill() is not in the
 * filter).  Not a finding for UBSan. */
__attribute__((no_sanitize("undefined"))) static void
child_crash(void)
{
	static int *volatile nowhere;

	*nowhere = 1;
}

/* The FOLLOWUPD_TEST_UNCONFINED hook (sandbox.h). */
static bool
test_unconfined(void)
{
	const char *nc = getenv("FOLLOWUPD_TEST_UNCONFINED");

	return nc != NULL && strcmp(nc, "1") == 0;
}

/* Confinement before setup, in the child of fork() in both modes: what
 * survives an exec (limits, descriptors, signal mask) is set here. */
static void
child_confine_start(int fd, pid_t parent, const struct sandbox_limits *lim, bool exec)
{
	rlim_t cpu = lim->cpu_seconds ? lim->cpu_seconds : 1;
	/* valgrind following the exec writes its log and reserves address
	 * space in the worker (the FOLLOWUPD_TEST_UNCONFINED hook) */
	bool valgrind = exec && test_unconfined();

	if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != parent)
		child_exit(EXIT_OSERR);      /* the parent is already gone */
	child_signals();
	child_descriptors(fd);
	prctl(PR_SET_DUMPABLE, 0);
	set_limit(RLIMIT_CORE, 0, 0);
#ifdef SANDBOX_ASAN
	if (!sanitizer_log)
#endif
		if (!valgrind)
			set_limit(RLIMIT_FSIZE, 0, 0);
	/* A worker retires once it used half of this, so each call has at
	 * least cpu_seconds before SIGXCPU. */
	set_limit(RLIMIT_CPU, 2 * cpu, 2 * cpu + 1);
#ifndef SANDBOX_ASAN
	if (lim->max_memory > 0 && !valgrind)
		set_limit(RLIMIT_AS, lim->max_memory, lim->max_memory);
#endif
}

/* Confinement after setup: no new process, descriptor or system call. */
static void
child_confine_finish(void)
{
	set_limit(RLIMIT_NPROC, 0, 0);
	/* Test hook for tests/hardening/valgrind.sh: valgrind follows the
	 * fork, refuses to lower RLIMIT_NOFILE (it keeps descriptors of its
	 * own up there) and needs mmap(PROT_EXEC) for its translations, so
	 * under it the worker runs without those two confinements. */
	if (!test_unconfined()) {
		set_limit(RLIMIT_NOFILE, CHILD_FD + 1, CHILD_FD + 1);
		child_seccomp();
	}
}

/* Wait for the next request, at most idle_ms (0: for ever); false when
 * none came in that time. */
static bool
child_wait(unsigned idle_ms)
{
	struct pollfd pfd = { CHILD_FD, POLLIN, 0 };
	int n;

	if (idle_ms == 0)
		return true;
	while ((n = poll(&pfd, 1, idle_ms > INT32_MAX ? INT32_MAX : (int)idle_ms)) < 0 &&
	    errno == EINTR)
		;
	return n != 0;
}

/* Answer requests with fn until the parent closes the socket, the worker
 * retires (oneshot, half its CPU budget) or idles idle_ms. */
static _Noreturn void
child_serve(sandbox_fn fn, void *arg, unsigned idle_ms, rlim_t cpu, bool oneshot,
    bool test_hooks)
{
	struct buf out = { 0 };

	for (;;) {
		uint64_t len;
		char *in;
		struct reply_hdr h;
		int code;

		if (!child_wait(idle_ms))
			child_exit(IDLE_EXIT);
		if (read_full(CHILD_FD, &len, sizeof(len)) != 0)
			child_exit(0);       /* parent closed: done */
		if (len > SIZE_MAX - 1)
			child_exit(EXIT_DATAERR);
		in = xmalloc((size_t)len + 1);
		if (read_full(CHILD_FD, in, (size_t)len) != 0)
			child_exit(0);
		in[len] = '\0';
		if (test_hooks && str_has_prefix(in, TEST_CRASH))
			child_crash();
		if (test_hooks && str_has_prefix(in, TEST_HANG)) {
			volatile unsigned long spin = 0;
			for (;;)
				spin++;
		}
		buf_reset(&out);
		code = fn(in, (size_t)len, &out, arg);
		free(in);
		memset(&h, 0, sizeof(h));
		h.magic = REPLY_MAGIC;
		h.code = code;
		h.len = out.len;
		if (oneshot || cpu_used() > (double)cpu)
			h.flags |= REPLY_RETIRING;
		if (write_full(CHILD_FD, &h, sizeof(h)) != 0 ||
		    write_full(CHILD_FD, out.data ? out.data : "", out.len) != 0)
			child_exit(0);
		if (h.flags & REPLY_RETIRING)
			child_exit(0);
	}
}

/* The child of fork() in fork mode: confine, set up, serve. */
static _Noreturn void
child_main(struct sandbox *sb, int fd, pid_t parent, bool test_hooks)
{
	child_confine_start(fd, parent, &sb->lim, false);
	if (sb->setup != NULL)
		sb->setup(sb->arg);
	child_confine_finish();
	child_serve(sb->fn, sb->arg, sb->lim.idle_ms,
	    sb->lim.cpu_seconds ? sb->lim.cpu_seconds : 1, sb->oneshot, test_hooks);
}

/* The child of fork() in exec mode: confine what an exec keeps, then
 * become the worker program (which calls sandbox_serve()). */
static _Noreturn void
child_exec(struct sandbox *sb, int fd, pid_t parent)
{
	char *argv[] = { sb->program, NULL };

	child_confine_start(fd, parent, &sb->lim, true);
	/* dup2() cleared close-on-exec, unless the socket already was fd 3 */
	if (fcntl(CHILD_FD, F_SETFD, 0) != 0)
		child_die("fcntl");
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
		child_die("no_new_privs");
	execv(sb->program, argv);
	child_exit(EXIT_EXEC);
}

int
sandbox_serve(sandbox_init_fn init, sandbox_fn fn)
{
	struct init_hdr h;
	struct rlimit rl;
	struct stat sock;
	uint64_t len;
	char *in;
	void *arg;
	rlim_t cpu = 5;

	/* An exec made the process dumpable again. */
	prctl(PR_SET_DUMPABLE, 0);
	if (fstat(CHILD_FD, &sock) != 0 || !S_ISSOCK(sock.st_mode)) {
		fprintf(stderr, "this program is the recognition worker of followupd: "
		    "only followupd and followupctl start it\n");
		return 2;
	}
	/* The default death on a signal, as a forked worker has it: a
	 * sanitizer's runtime installed its SIGSEGV handler again at exec
	 * (the crash hook dies plainly; a memory error is still reported by
	 * the instrumentation). */
	child_signals();
#ifdef SANDBOX_ASAN
	child_sanitizer_log();
#endif
	if (read_full(CHILD_FD, &len, sizeof(len)) != 0 || len < sizeof(h) ||
	    len > (uint64_t)16 * 1024 * 1024)
		child_exit(EXIT_DATAERR);
	in = xmalloc((size_t)len + 1);
	if (read_full(CHILD_FD, in, (size_t)len) != 0)
		child_exit(EXIT_DATAERR);
	in[len] = '\0';
	memcpy(&h, in, sizeof(h));
	if (h.magic != INIT_MAGIC)
		child_exit(EXIT_DATAERR);
	arg = init(in + sizeof(h), (size_t)len - sizeof(h));
	free(in);
	if (arg == NULL)
		child_exit(EXIT_DATAERR);
	if (getrlimit(RLIMIT_CPU, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur >= 2)
		cpu = rl.rlim_cur / 2;
	child_confine_finish();
	child_serve(fn, arg, h.idle_ms, cpu, false, h.test_hooks != 0);
}

/* ------------------------------------------------------------------ */
/* Parent                                                                */

static struct sandbox *
sandbox_alloc(const struct sandbox_limits *lim)
{
	struct sandbox *sb = xcalloc(1, sizeof(*sb));

	if (lim != NULL)
		sb->lim = *lim;
	else
		sandbox_limits_default(&sb->lim);
	/* Under valgrind (the FOLLOWUPD_TEST_UNCONFINED hook, see child_main)
	 * everything is ~20 times slower. */
	if (test_unconfined()) {
		sb->lim.timeout_ms = (sb->lim.timeout_ms ? sb->lim.timeout_ms : 10000) * 20;
		sb->lim.cpu_seconds = (sb->lim.cpu_seconds ? sb->lim.cpu_seconds : 1) * 20;
	}
	sb->pid = -1;
	sb->fd = -1;
	return sb;
}

struct sandbox *
sandbox_new(sandbox_fn fn, sandbox_setup_fn setup, void *arg, const struct sandbox_limits *lim)
{
	struct sandbox *sb = sandbox_alloc(lim);

	sb->fn = fn;
	sb->setup = setup;
	sb->arg = arg;
	return sb;
}

struct sandbox *
sandbox_new_program(const char *path, const void *init, size_t initlen,
    const struct sandbox_limits *lim)
{
	struct sandbox *sb = sandbox_alloc(lim);
	struct init_hdr h = { INIT_MAGIC, sb->lim.idle_ms, 0, 0 };

	sb->program = path ? xstrdup(path) : NULL;
	sb->initlen = sizeof(h) + initlen;
	sb->init = xmalloc(sb->initlen);
	memcpy(sb->init, &h, sizeof(h));
	if (initlen > 0)
		memcpy(sb->init + sizeof(h), init, initlen);
	return sb;
}

char *
sandbox_program_path(const char *name, const char *envvar, const char *installed_dir)
{
	const char *env = envvar ? getenv(envvar) : NULL;
	char self[4096], *slash, *p;
	ssize_t n;

	if (env != NULL && *env != '\0')
		return xstrdup(env);
	/* Beside the running program: the build tree, or a relocated install. */
	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n > 0) {
		self[n] = '\0';
		if ((slash = strrchr(self, '/')) != NULL) {
			*slash = '\0';
			p = xasprintf("%s/%s", self, name);
			if (access(p, X_OK) == 0)
				return p;
			free(p);
		}
	}
	return xasprintf("%s/%s", installed_dir, name);
}

int
sandbox_worker_pid(const struct sandbox *sb)
{
	return sb->pid;
}

static int
spawn(struct sandbox *sb, char **err)
{
	int sv[2];
	pid_t pid, parent = getpid();
	const char *hooks = getenv("FOLLOWUPD_TEST_CRASH");

	if (sb->init != NULL) {
		struct init_hdr h;

		if (sb->program == NULL) {
			*err = xstrdup("no worker program");
			return -1;
		}
		/* read at each start: the tests set the hook after sandbox_new */
		memcpy(&h, sb->init, sizeof(h));
		h.test_hooks = hooks != NULL && strcmp(hooks, "1") == 0;
		memcpy(sb->init, &h, sizeof(h));
	}
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) {
		*err = xasprintf("socketpair: %s", strerror(errno));
		return -1;
	}
	pid = fork();
	if (pid < 0) {
		*err = xasprintf("fork: %s", strerror(errno));
		close(sv[0]);
		close(sv[1]);
		return -1;
	}
	if (pid == 0) {
		close(sv[0]);
		if (sb->program != NULL)
			child_exec(sb, sv[1], parent);
		child_main(sb, sv[1], parent, hooks != NULL && strcmp(hooks, "1") == 0);
	}
	close(sv[1]);
	if (fcntl(sv[0], F_SETFL, fcntl(sv[0], F_GETFL) | O_NONBLOCK) != 0) {
		/* cannot happen on a fresh socket; fail safe */
		*err = xasprintf("fcntl: %s", strerror(errno));
		close(sv[0]);
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		return -1;
	}
	sb->pid = pid;
	sb->fd = sv[0];
	sb->calls = 0;
	return 0;
}

/* Kill (if still there) and reap the worker; returns its wait status. */
static int
reap(struct sandbox *sb)
{
	int status = 0;

	if (sb->fd >= 0)
		close(sb->fd);
	sb->fd = -1;
	if (sb->pid > 0) {
		/* A dead child keeps its real status; SIGKILL changes nothing then. */
		kill(sb->pid, SIGKILL);
		while (waitpid(sb->pid, &status, 0) < 0 && errno == EINTR)
			;
	}
	sb->pid = -1;
	return status;
}

/*
 * Move bytes: write wlen bytes of w (may be 0), then read rlen into r,
 * before deadline.  Returns 0, or -1 timeout, -2 peer gone/error.
 */
static int
xfer(int fd, const char *w, size_t wlen, char *r, size_t rlen, int64_t deadline)
{
	while (wlen > 0 || rlen > 0) {
		struct pollfd pfd = { fd, 0, 0 };
		int64_t left = deadline - monotonic_ms();
		int n;

		if (left <= 0)
			return -1;
		pfd.events = wlen > 0 ? POLLOUT : POLLIN;
		n = poll(&pfd, 1, left > INT32_MAX ? INT32_MAX : (int)left);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -2;
		if (n == 0)
			return -1;
		if (wlen > 0) {
			ssize_t k = send(fd, w, wlen, MSG_NOSIGNAL);
			if (k < 0 && (errno == EAGAIN || errno == EINTR))
				continue;
			if (k <= 0)
				return -2;
			w += k;
			wlen -= (size_t)k;
		} else {
			ssize_t k = recv(fd, r, rlen, 0);
			if (k < 0 && (errno == EAGAIN || errno == EINTR))
				continue;
			if (k <= 0)
				return -2;
			r += k;
			rlen -= (size_t)k;
		}
	}
	return 0;
}

/* The worker is gone or must go: classify what happened to it. */
static enum sandbox_status
failure(struct sandbox *sb, bool timed_out, char **err)
{
	pid_t pid = sb->pid;
	int status = reap(sb);

	if (timed_out) {
		*err = xasprintf("sandbox child %d timed out after %u ms", (int)pid, sb->lim.timeout_ms);
		return SANDBOX_TIMEOUT;
	}
	if (WIFSIGNALED(status)) {
		int sig = WTERMSIG(status);
		if (sig == SIGXCPU) {
			*err = xasprintf("sandbox child %d exceeded its CPU limit", (int)pid);
			return SANDBOX_TIMEOUT;
		}
		*err = xasprintf("sandbox child %d killed by signal %d (%s)%s", (int)pid, sig,
		    strsignal(sig), sig == SIGSYS ? ": forbidden system call" : "");
		return SANDBOX_CRASHED;
	}
	if (WIFEXITED(status)) {
		sb->idled = WEXITSTATUS(status) == IDLE_EXIT;
		if (sb->program != NULL && WEXITSTATUS(status) == EXIT_EXEC) {
			/* no fault of the input: the program is missing, being
			 * replaced, or not executable */
			*err = xasprintf("sandbox child %d could not run %s", (int)pid, sb->program);
			return SANDBOX_ERROR;
		} else
			*err = xasprintf("sandbox child %d exited with status %d without answering",
			    (int)pid, WEXITSTATUS(status));
		return SANDBOX_EXITED;
	}
	*err = xasprintf("sandbox child %d vanished", (int)pid);
	return SANDBOX_EXITED;
}

/* A live worker that idled out (lim.idle_ms) or is about to: reap it
 * now rather than lose a request to its exit.  The worker's clock starts
 * when it has written its answer, before last_ms: a tenth of margin, at
 * most a second (sandbox_call() retries once if it still loses). */
static void
drop_idle(struct sandbox *sb)
{
	struct pollfd pfd = { sb->fd, POLLIN, 0 };
	int64_t margin = sb->lim.idle_ms / 10 < 1000 ? sb->lim.idle_ms / 10 : 1000;

	if (sb->pid < 0 || sb->lim.idle_ms == 0)
		return;
	if (monotonic_ms() - sb->last_ms + margin >= (int64_t)sb->lim.idle_ms ||
	    poll(&pfd, 1, 0) != 0)
		reap(sb);
}

/* Start a worker if none runs; exec mode sends it the init frame. */
static int
start(struct sandbox *sb, int64_t deadline, char **msg, enum sandbox_status *st)
{
	uint64_t len64 = sb->initlen;
	int r;

	if (sb->pid >= 0)
		return 0;
	if (spawn(sb, msg) != 0) {
		*st = SANDBOX_ERROR;
		return -1;
	}
	if (sb->init != NULL &&
	    ((r = xfer(sb->fd, (const char *)&len64, sizeof(len64), NULL, 0, deadline)) != 0 ||
	    (r = xfer(sb->fd, sb->init, sb->initlen, NULL, 0, deadline)) != 0)) {
		*st = failure(sb, r == -1, msg);
		return -1;
	}
	return 0;
}

static enum sandbox_status
call_once(struct sandbox *sb, const void *input, size_t len, struct buf *out, char **err)
{
	enum sandbox_status st;
	struct reply_hdr h;
	uint64_t len64 = len;
	int64_t deadline;
	char *msg = NULL;
	int r;

	buf_reset(out);
	sb->idled = false;
	drop_idle(sb);
	deadline = monotonic_ms() + (sb->lim.timeout_ms ? sb->lim.timeout_ms : 10000);
	if (start(sb, deadline, &msg, &st) != 0)
		goto out;
	sb->calls++;
	if ((r = xfer(sb->fd, (const char *)&len64, sizeof(len64), NULL, 0, deadline)) != 0 ||
	    (r = xfer(sb->fd, input, len, NULL, 0, deadline)) != 0 ||
	    (r = xfer(sb->fd, NULL, 0, (char *)&h, sizeof(h), deadline)) != 0) {
		st = failure(sb, r == -1, &msg);
		goto out;
	}
	if (h.magic != REPLY_MAGIC) {
		reap(sb);
		msg = xstrdup("sandbox child sent garbage");
		st = SANDBOX_PROTOCOL;
		goto out;
	}
	if (h.len > sb->lim.max_output) {
		reap(sb);
		msg = xasprintf("sandbox answer of %llu bytes exceeds the limit of %zu",
		    (unsigned long long)h.len, sb->lim.max_output);
		st = SANDBOX_TOO_LARGE;
		goto out;
	}
	if (h.len > 0) {
		/* grow out to h.len, read straight into it */
		char *dst;
		out->data = xrealloc(out->data, (size_t)h.len + 1);
		out->cap = (size_t)h.len + 1;
		dst = out->data;
		if ((r = xfer(sb->fd, NULL, 0, dst, (size_t)h.len, deadline)) != 0) {
			out->len = 0;
			out->data[0] = '\0';
			st = failure(sb, r == -1, &msg);
			goto out;
		}
		out->len = (size_t)h.len;
		out->data[out->len] = '\0';
	}
	if ((h.flags & REPLY_RETIRING) || (sb->lim.max_requests > 0 && sb->calls >= sb->lim.max_requests))
		reap(sb);
	if (h.code != 0) {
		msg = xasprintf("sandboxed function failed with code %d", (int)h.code);
		st = SANDBOX_FAILED;
		goto out;
	}
	st = SANDBOX_OK;
out:
	sb->last_ms = monotonic_ms();
	*err = msg;
	return st;
}

enum sandbox_status
sandbox_call(struct sandbox *sb, const void *input, size_t len, struct buf *out, char **err)
{
	char *msg = NULL;
	enum sandbox_status st = call_once(sb, input, len, out, &msg);

	/* The worker left idle just as the request came: it never read it. */
	if (st == SANDBOX_EXITED && sb->idled) {
		free(msg);
		st = call_once(sb, input, len, out, &msg);
	}
	if (err != NULL)
		*err = msg;
	else
		free(msg);
	return st;
}

void
sandbox_free(struct sandbox *sb)
{
	if (sb == NULL)
		return;
	reap(sb);
	free(sb->program);
	free(sb->init);
	free(sb);
}

enum sandbox_status
sandbox_run(const void *input, size_t len, sandbox_fn fn, sandbox_setup_fn setup, void *arg,
    struct buf *out, const struct sandbox_limits *lim, char **err)
{
	struct sandbox *sb = sandbox_new(fn, setup, arg, lim);
	enum sandbox_status st;

	sb->oneshot = true;
	st = sandbox_call(sb, input, len, out, err);
	sandbox_free(sb);
	return st;
}
