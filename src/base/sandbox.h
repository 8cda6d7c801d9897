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
 * Two ways to use it:
 *   sandbox_run()  forks one child per input (simple, ~1 fork per call);
 *   sandbox_new()/sandbox_call()  keeps one worker alive across calls
 *     (length-prefixed frames on the socket) and respawns it when it died,
 *     timed out, or retired itself (after max_requests calls or half its
 *     CPU budget).  Much cheaper per call; the mail-by-mail isolation is the
 *     same except that one mail may observe leftovers of earlier ones in
 *     the worker's memory.
 *
 * Test hook: when the environment variable FOLLOWUPD_TEST_CRASH is "1" in
 * the process that starts the child, an input beginning with
 * "FOLLOWUPD-TEST-CRASH" makes the child die of SIGSEGV and one beginning
 * with "FOLLOWUPD-TEST-HANG" makes it spin forever, before fn is called.
 * Without the variable those inputs are ordinary bytes.
 *
 * Test hook: FOLLOWUPD_TEST_UNCONFINED=1 in the environment leaves out the
 * descriptor limit and the seccomp filter (the other limits stay), so the
 * worker can run under valgrind, which follows the fork and needs both;
 * sandbox_new() then also allows 20 times the time (valgrind is slow).
 * For tests/hardening/valgrind.sh only.
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
	SANDBOX_ERROR,      /* could not start a child (fork, socketpair...) */
};

struct sandbox_limits {
	unsigned timeout_ms;    /* wall clock per call (default 10000) */
	unsigned cpu_seconds;   /* CPU per call, RLIMIT_CPU based (default 5) */
	size_t max_memory;      /* RLIMIT_AS bytes (default 512 MiB) */
	size_t max_output;      /* bytes of answer accepted (default 8 MiB) */
	unsigned max_requests;  /* worker retires after this many calls (default 5000) */
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

/* Pid of the current worker, or -1 when none is running (for tests). */
int sandbox_worker_pid(const struct sandbox *sb);

/* Stop the worker (closes its socket, kills and reaps it) and free sb; NULL is fine. */
void sandbox_free(struct sandbox *sb);

#endif
