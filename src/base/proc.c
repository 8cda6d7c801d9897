/* proc: run a shell command with a deadline and capture its output. */
#include "autoconfig.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "proc.h"
#include "util.h"

/* What of a command's stderr is kept for its error message. */
#define STDERR_KEEP 4096
#define STDERR_LINE_MAX 200

/* One run of a command: its pipes, what it printed, how it ended. */
struct run {
	pid_t pid;
	int ofd, efd;           /* read ends of its stdout and stderr, -1 when closed */
	size_t max;             /* the most stdout kept */
	int64_t deadline;       /* monotonic ms; 0: none */
	struct buf out, err;
	int status;             /* waitpid's, -1 when not known */
	bool too_long, timed_out, reaped;
};

/* The first line of what a command wrote to stderr, printable and short,
 * or NULL when it wrote nothing. */
static char *
first_line(const struct buf *b)
{
	char line[STDERR_LINE_MAX + 4];
	size_t n = 0, i = 0;

	while (i < b->len && (b->data[i] == '\n' || b->data[i] == '\r' ||
	    b->data[i] == ' ' || b->data[i] == '\t'))
		i++;
	for (; i < b->len && b->data[i] != '\n' && b->data[i] != '\r'; i++) {
		unsigned char ch = (unsigned char)b->data[i];

		if (n == STDERR_LINE_MAX) {
			memcpy(line + n, "...", 3);
			n += 3;
			break;
		}
		line[n++] = ch < 0x20 || ch == 0x7f ? '?' : (char)ch;
	}
	while (n > 0 && line[n - 1] == ' ')
		n--;
	if (n == 0)
		return NULL;
	line[n] = '\0';
	return xstrdup(line);
}

/* Fork the shell with its stdout and stderr on two pipes: 0, or -1 with
 * *err set. */
static int
run_start(struct run *r, const char *cmd, char **err)
{
	int ofd[2] = { -1, -1 }, efd[2] = { -1, -1 };

	if (pipe2(ofd, O_CLOEXEC) == -1 || pipe2(efd, O_CLOEXEC) == -1) {
		*err = xasprintf("could not be started: pipe: %s", strerror(errno));
		for (int i = 0; i < 2; i++) {
			if (ofd[i] != -1)
				close(ofd[i]);
			if (efd[i] != -1)
				close(efd[i]);
		}
		return -1;
	}
	r->pid = fork();
	if (r->pid == -1) {
		*err = xasprintf("could not be started: fork: %s", strerror(errno));
		close(ofd[0]);
		close(ofd[1]);
		close(efd[0]);
		close(efd[1]);
		return -1;
	}
	if (r->pid == 0) {
		int devnull = open("/dev/null", O_RDONLY);

		/* Its own process group: a timeout kills what it started too. */
		setpgid(0, 0);
		if (devnull != -1)
			dup2(devnull, STDIN_FILENO);
		dup2(ofd[1], STDOUT_FILENO);
		dup2(efd[1], STDERR_FILENO);
		signal(SIGPIPE, SIG_DFL);
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	setpgid(r->pid, r->pid);  /* either side may win the race; both ask the same */
	close(ofd[1]);
	close(efd[1]);
	r->ofd = ofd[0];
	r->efd = efd[0];
	return 0;
}

/* Read what is ready on pipe i (0 stdout, 1 stderr) of pfd; a closed pipe
 * gets fd -1.  Returns false when the pipe closed. */
static bool
run_read_one(struct run *r, struct pollfd *pfd, int i)
{
	char chunk[512];
	ssize_t n = read(pfd->fd, chunk, sizeof(chunk));

	if (n == -1 && errno == EINTR)
		return true;
	if (n <= 0) {
		close(pfd->fd);
		pfd->fd = -1;
		return false;
	}
	if (i == 1) {
		if (r->err.len < STDERR_KEEP)
			buf_add(&r->err, chunk, (size_t)n);
	} else if (r->out.len + (size_t)n > r->max) {
		r->too_long = true;     /* drain so the child does not block */
	} else {
		buf_add(&r->out, chunk, (size_t)n);
	}
	return true;
}

/* Read both pipes until both are closed or the time is up; then close
 * them, killing the command's group when the time is up. */
static void
run_read(struct run *r)
{
	struct pollfd pfd[2] = { { r->ofd, POLLIN, 0 }, { r->efd, POLLIN, 0 } };
	int open_fds = 2;

	while (open_fds > 0) {
		int wait_ms = -1, n;

		/* Its output is complete and the command is gone: a process it
		 * left behind may hold stderr open, do not wait for that. */
		if (pfd[0].fd == -1 && waitpid(r->pid, &r->status, WNOHANG) == r->pid) {
			r->reaped = true;
			break;
		}
		if (r->deadline) {
			int64_t left = r->deadline - monotonic_ms();

			if (left <= 0) {
				r->timed_out = true;
				break;
			}
			wait_ms = left > INT_MAX ? INT_MAX : (int)left;
		}
		if (pfd[0].fd == -1 && (wait_ms < 0 || wait_ms > 50))
			wait_ms = 50;
		n = poll(pfd, 2, wait_ms);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			break;
		for (int i = 0; i < 2; i++)
			if (pfd[i].fd != -1 && pfd[i].revents != 0 &&
			    !run_read_one(r, &pfd[i], i))
				open_fds--;
	}
	/* The group, and the command itself should it have no group of its
	 * own (setpgid refused by a syscall filter). */
	if (r->timed_out && kill(-r->pid, SIGKILL) == -1)
		kill(r->pid, SIGKILL);
	for (int i = 0; i < 2; i++)
		if (pfd[i].fd != -1)
			close(pfd[i].fd);
}

/* Wait for the command.  The shell may be gone while a child of it keeps
 * the pipes open (or the pipes closed early): the wait is bounded by the
 * deadline too. */
static void
run_reap(struct run *r)
{
	while (!r->reaped) {
		pid_t w = waitpid(r->pid, &r->status, r->deadline && !r->timed_out ? WNOHANG : 0);

		if (w == r->pid)
			break;
		if (w == -1 && errno == EINTR)
			continue;
		if (w == -1) {
			r->status = -1;
			break;
		}
		/* w == 0: still running after its pipes closed. */
		if (monotonic_ms() >= r->deadline) {
			r->timed_out = true;
			if (kill(-r->pid, SIGKILL) == -1)
				kill(r->pid, SIGKILL);
			continue;       /* now wait without WNOHANG */
		}
		poll(NULL, 0, 20);
	}
}

/* Why the run failed, with the first line of its stderr; NULL when it
 * did not fail. */
static char *
run_failure(const struct run *r, int timeout)
{
	int status = r->status;
	char *why, *said, *msg;

	if (!r->timed_out && status != -1 && !r->too_long && WIFEXITED(status) &&
	    WEXITSTATUS(status) == 0)
		return NULL;
	if (r->timed_out)
		why = xasprintf("timed out after %ds", timeout);
	else if (r->too_long)
		why = xasprintf("printed more than %zu bytes", r->max);
	else if (status != -1 && WIFSIGNALED(status))
		why = xasprintf("was killed by signal %d", WTERMSIG(status));
	else if (status != -1 && WEXITSTATUS(status) == 127)
		why = xstrdup("exited with status 127 (command not found?)");
	else if (status != -1)
		why = xasprintf("exited with status %d", WEXITSTATUS(status));
	else
		why = xstrdup("could not be waited for");
	if ((said = first_line(&r->err)) == NULL)
		return why;
	msg = xasprintf("%s (stderr: %s)", why, said);
	free(why);
	free(said);
	return msg;
}

int
run_command_output(const char *cmd, size_t max, int timeout, char **out, char **err)
{
	struct run r = {
		.ofd = -1, .efd = -1, .max = max, .status = -1,
		.deadline = timeout > 0 ? monotonic_ms() + (int64_t)timeout * 1000 : 0,
	};

	*out = NULL;
	*err = NULL;
	if (run_start(&r, cmd, err) < 0)
		return -1;
	run_read(&r);
	run_reap(&r);
	*err = run_failure(&r, timeout);
	buf_free(&r.err);
	if (*err != NULL) {
		wipe(r.out.data, r.out.cap);
		buf_free(&r.out);
		return -1;
	}
	if (r.out.len > 0 && r.out.data[r.out.len - 1] == '\n')
		r.out.data[--r.out.len] = '\0';
	if (r.out.len > 0 && r.out.data[r.out.len - 1] == '\r')
		r.out.data[--r.out.len] = '\0';
	*out = buf_steal(&r.out);
	return 0;
}
