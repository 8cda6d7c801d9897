/*
 * sandbox: run a function over untrusted bytes in a confined child process.
 *
 * The child gets the input, calls fn, and sends fn's output back.  Before
 * fn ever sees a byte the child is confined:
 *   - rlimits: address space (max_memory), CPU seconds, no core files,
 *     file size 0 (it cannot write a file), no new descriptors;
 *   - every descriptor closed but one socket to the parent (0, 1 and 2
 *     point at /dev/null);
 *   - a seccomp filter (libseccomp): memory management, read/write on
 *     descriptors it already has, clocks, futex, exit.  open/openat and
 *     socket/connect fail with EACCES (so a library that looks for a zone
 *     file or a gconv module gets an error it handles instead of dying);
 *     any other system call kills the child (SIGSYS).
 * Because the filter forbids open(), whatever fn needs from the file system
 * (iconv modules, time zones) must be loaded by the setup function, which
 * runs in the child after the rlimits and before the filter
 * (message_preload() does it for message.c; ics needs its zones too).
 *
 * The parent waits with a wall-clock timeout (poll), kills and reaps the
 * child on timeout, and reports what happened as enum sandbox_status.  No
 * signal disposition of the calling process is changed (the socket is
 * written with MSG_NOSIGNAL); children are reaped by pid with waitpid().
 *
 * Three ways to use it:
 *   sandbox_run()  forks one child per input (simple, ~1 fork per call);
 *   sandbox_new()/sandbox_call()  keeps one worker alive across calls
 *     (length-prefixed frames on the socket) and respawns it when it died,
 *     timed out, or retired itself (after max_requests calls, half its
 *     CPU budget, or idle_ms without a call).  Much cheaper per call; the
 *     mail-by-mail isolation is the same except that one mail may observe
 *     leftovers of earlier ones in the worker's memory;
 *   sandbox_new_program()/sandbox_call()  the same worker, but the child
 *     of fork() sets what survives an exec (rlimits, descriptors, signal
 *     mask, no_new_privs, parent-death signal) and execs a small program
 *     whose main() calls sandbox_serve(), which sets up, confines itself
 *     (descriptor limit, seccomp) and answers.  The worker then maps only
 *     the libraries that program links and none of the caller's memory
 *     (a forked worker keeps the caller's heap and libraries).
 *
 * Test hook: when the environment variable FOLLOWUPD_TEST_CRASH is "1" in
 * the process that starts the child (when it starts it; exec mode passes
 * it on in the init frame), an input beginning with
 * "FOLLOWUPD-TEST-CRASH" makes the child die of SIGSEGV and one beginning
 * with "FOLLOWUPD-TEST-HANG" makes it spin forever, before fn is called.
 * Without the variable those inputs are ordinary bytes.
 *
 * Test hook: FOLLOWUPD_TEST_UNCONFINED=1 in the environment leaves out the
 * descriptor limit and the seccomp filter (the other limits stay), so the
 * worker can run under valgrind, which follows the fork and needs both;
 * sandbox_new() then also allows 20 times the time (valgrind is slow).
 * For tests/hardening/valgrind.sh only.  In exec mode the worker program
 * reads the variable from the environment it inherits, and the file size
 * and address space limits go too (valgrind, following the exec with
 * --trace-children=yes, writes its log and reserves memory in the worker).
 *
 * Sanitizer builds (--enable-sanitizers) only: FOLLOWUPD_SANITIZER_LOG=DIR
 * points the worker's stderr at DIR/worker.log (opened before the filter,
 * file size limit left out) and sends every ASan/UBSan report there; it is
 * how tests/hardening/sanitizers.sh sees a report from inside a worker.
 */
#ifndef FOLLOWUPD_SANDBOX_H
#define FOLLOWUPD_SANDBOX_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

/*
 * Runs in the child, confined.  input/len are the bytes given to the call
 * (input is NUL-terminated for convenience, len excludes the NUL); fn
 * appends its answer to out (empty on entry).  Return 0 for success; any
 * other value is reported to the parent as SANDBOX_FAILED with that code
 * (out is still delivered).
 */
typedef int (*sandbox_fn)(const char *input, size_t len, struct buf *out, void *arg);

/* Runs once in each new child before the seccomp filter; may open files. */
typedef void (*sandbox_setup_fn)(void *arg);

enum sandbox_status {
	SANDBOX_OK = 0,     /* fn returned 0; out holds its answer */
	SANDBOX_FAILED,     /* fn returned nonzero (the code is in *err) */
	SANDBOX_CRASHED,    /* child killed by a signal (SIGSYS: forbidden syscall) */
	SANDBOX_TIMEOUT,    /* wall-clock timeout or CPU limit; child killed */
	SANDBOX_TOO_LARGE,  /* answer longer than max_output; child killed */
	SANDBOX_EXITED,     /* child exited (status in *err) without answering */
	SANDBOX_PROTOCOL,   /* garbage or short frame from the child */
	SANDBOX_ERROR,      /* could not start a child (fork, socketpair, the
	                       worker program could not be executed): no
	                       fault of the input */
};

struct sandbox_limits {
	unsigned timeout_ms;    /* wall clock per call (default 10000) */
	unsigned cpu_seconds;   /* CPU per call, RLIMIT_CPU based (default 5) */
	size_t max_memory;      /* RLIMIT_AS bytes (default 512 MiB) */
	size_t max_output;      /* bytes of answer accepted (default 8 MiB) */
	unsigned max_requests;  /* worker retires after this many calls (default 5000) */
	unsigned idle_ms;       /* worker leaves after this long without a call,
	                         * giving its memory back (default 0: never) */
};

/* Fill lim with the defaults above. */
void sandbox_limits_default(struct sandbox_limits *lim);

/* "ok", "failed", "crashed", "timeout", "too large", "exited", "protocol", "error". */
const char *sandbox_status_str(enum sandbox_status st);

/*
 * Fork a confined child, run setup (may be NULL) then fn on input, collect
 * its answer into out (reset first), reap the child.  lim NULL means the
 * defaults.  On any status but SANDBOX_OK, *err (if err is not NULL) gets
 * a one-line description the caller frees, e.g. "child killed by signal
 * 11 (Segmentation fault)"; out may hold partial data then and must not
 * be trusted.
 */
enum sandbox_status sandbox_run(const void *input, size_t len,
    sandbox_fn fn, sandbox_setup_fn setup, void *arg,
    struct buf *out, const struct sandbox_limits *lim, char **err);

/* A persistent worker.  Opaque. */
struct sandbox;

/* Never NULL; the worker process is started lazily by the first call. */
struct sandbox *sandbox_new(sandbox_fn fn, sandbox_setup_fn setup, void *arg,
    const struct sandbox_limits *lim);

/*
 * Like sandbox_run(), through the worker: starts it if needed, and after
 * any failure kills it so the next call starts a fresh one.  Safe to call
 * again after every status.
 */
enum sandbox_status sandbox_call(struct sandbox *sb, const void *input, size_t len,
    struct buf *out, char **err);

/*
 * A persistent worker that is its own program (exec mode, see the top):
 * path is run with no arguments and the caller's environment; init (may
 * be NULL when initlen is 0) is handed to the program's init function at
 * every start, for the options it needs.  lim as for sandbox_new().  path
 * NULL makes every call fail with SANDBOX_ERROR.  Never NULL.
 */
struct sandbox *sandbox_new_program(const char *path, const void *init, size_t initlen,
    const struct sandbox_limits *lim);

/*
 * Where the worker program name is: the environment variable envvar when
 * set and not empty (tests, valgrind runs), else beside the running
 * program when there is an executable file of that name (a build tree),
 * else installed_dir/name.  Caller frees.
 */
char *sandbox_program_path(const char *name, const char *envvar, const char *installed_dir);

/*
 * In the worker program (exec mode): runs in the program's own setup
 * (before the seccomp filter, may open files) with the caller's init
 * bytes (NUL-terminated; len excludes the NUL); returns the arg for fn,
 * or NULL to give up (the call then fails as SANDBOX_EXITED).
 */
typedef void *(*sandbox_init_fn)(const char *init, size_t len);

/*
 * The worker program's main(): read the init frame, call init, confine
 * (descriptor limit, seccomp), answer calls with fn until the parent goes
 * or the worker retires; never returns then.  Returns 2 at once (with a
 * message on stderr) when the program was not started by a sandbox.
 */
int sandbox_serve(sandbox_init_fn init, sandbox_fn fn);

/* Pid of the current worker, or -1 when none is running (for tests). */
int sandbox_worker_pid(const struct sandbox *sb);

/* Stop the worker (closes its socket, kills and reaps it) and free sb; NULL is fine. */
void sandbox_free(struct sandbox *sb);

#endif
