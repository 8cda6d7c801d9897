/*
 * proc: run a shell command and take what it prints (password_command).
 *
 * One function, bounded in time and in output; it changes no signal
 * disposition of the caller and reaps only the child it started.
 */
#ifndef FOLLOWUPD_PROC_H
#define FOLLOWUPD_PROC_H

#include <stddef.h>

/*
 * Run "/bin/sh -c cmd" in its own process group, stdin from /dev/null, and
 * capture its standard output (at most max bytes, one trailing newline
 * removed).  timeout > 0 bounds the whole run in seconds: when it passes,
 * the process group is killed (SIGKILL) and the call fails; the call never
 * takes much longer than timeout.  Returns 0 and sets *out on success; on
 * failure returns -1 and sets *err (caller frees) to a phrase that follows
 * the command's name: "timed out after 30s", "exited with status 1",
 * "was killed by signal 9", "printed more than N bytes", "could not be
 * started: ...", then, when the command wrote to stderr, its first line
 * (printable, at most 200 bytes) as " (stderr: LINE)".  Standard output is
 * never part of a message.
 */
int run_command_output(const char *cmd, size_t max, int timeout, char **out, char **err);

#endif
