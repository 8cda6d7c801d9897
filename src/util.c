/* util: allocation that never fails, buffers, small string helpers. */
#include "autoconfig.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "util.h"

/* What of a command's stderr is kept for its error message. */
#define STDERR_KEEP 4096
#define STDERR_LINE_MAX 200

static _Noreturn void
oom(size_t n)
{
	fatal(EXIT_OSERR, "out of memory (allocating %zu bytes)", n);
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		oom(n);
	return p;
}

void *
xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);

	if (p == NULL)
		oom(nmemb * size);
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (q == NULL)
		oom(n);
	return q;
}

void *
xreallocarray(void *p, size_t nmemb, size_t size)
{
	if (size != 0 && nmemb > SIZE_MAX / size)
		fatal(EXIT_OSERR, "allocation size overflow (%zu x %zu)", nmemb, size);
	return xrealloc(p, nmemb * size);
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *p = xmalloc(len + 1);

	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *
xvasprintf(const char *fmt, va_list ap)
{
	va_list ap2;
	int n;
	char *p;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		fatal(EXIT_SOFTWARE, "vsnprintf failed for format \"%s\"", fmt);
	p = xmalloc((size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}

void
wipe(void *p, size_t n)
{
	if (p == NULL)
		return;
#ifdef HAVE_EXPLICIT_BZERO
	explicit_bzero(p, n);
#else
	volatile unsigned char *v = p;
	while (n--)
		*v++ = 0;
#endif
}

void
free_secret(char *s)
{
	if (s == NULL)
		return;
	wipe(s, strlen(s));
	free(s);
}

static void
buf_grow(struct buf *b, size_t need)
{
	size_t cap;

	if (need > SIZE_MAX - b->len - 1)
		fatal(EXIT_OSERR, "buffer size overflow");
	if (b->len + need + 1 <= b->cap)
		return;
	cap = b->cap ? b->cap : 64;
	while (cap < b->len + need + 1)
		cap = cap > SIZE_MAX / 2 ? b->len + need + 1 : cap * 2;
	b->data = xrealloc(b->data, cap);
	b->cap = cap;
}

void
buf_add(struct buf *b, const void *p, size_t n)
{
	buf_grow(b, n);
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_addc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

void
buf_addf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		fatal(EXIT_SOFTWARE, "vsnprintf failed for format \"%s\"", fmt);
	buf_grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

char *
buf_steal(struct buf *b)
{
	char *p = b->data ? b->data : xstrdup("");

	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}

void
buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

bool
str_has_prefix(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

bool
str_case_has_prefix(const char *s, const char *prefix)
{
	return strncasecmp(s, prefix, strlen(prefix)) == 0;
}

bool
str_has_suffix(const char *s, const char *suffix)
{
	size_t ls = strlen(s), lx = strlen(suffix);

	return ls >= lx && strcmp(s + ls - lx, suffix) == 0;
}

const char *
str_casestr(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	if (n == 0)
		return hay;
	for (; *hay; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return hay;
	return NULL;
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

char *
str_trim(char *s)
{
	char *start = s, *end;

	while (is_space(*start))
		start++;
	end = start + strlen(start);
	while (end > start && is_space(end[-1]))
		end--;
	*end = '\0';
	if (start != s)
		memmove(s, start, (size_t)(end - start) + 1);
	return s;
}

void
str_lower(char *s)
{
	for (; *s; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s - 'A' + 'a');
}

int
hex_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

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

int64_t
monotonic_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int
run_command_output(const char *cmd, size_t max, int timeout, char **out, char **err)
{
	int ofd[2] = { -1, -1 }, efd[2] = { -1, -1 }, status = -1;
	pid_t pid;
	struct buf b = { 0 }, eb = { 0 };
	char chunk[512];
	bool too_long = false, timed_out = false, reaped = false;
	int64_t deadline = timeout > 0 ? monotonic_ms() + (int64_t)timeout * 1000 : 0;
	char *why, *said;

	*out = NULL;
	*err = NULL;
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
	pid = fork();
	if (pid == -1) {
		*err = xasprintf("could not be started: fork: %s", strerror(errno));
		close(ofd[0]);
		close(ofd[1]);
		close(efd[0]);
		close(efd[1]);
		return -1;
	}
	if (pid == 0) {
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
	setpgid(pid, pid);      /* either side may win the race; both ask the same */
	close(ofd[1]);
	close(efd[1]);

	/* Read both pipes until both are closed or the time is up. */
	struct pollfd pfd[2] = { { ofd[0], POLLIN, 0 }, { efd[0], POLLIN, 0 } };
	int open_fds = 2;

	while (open_fds > 0) {
		int wait_ms = -1, n;

		/* Its output is complete and the command is gone: a process it
		 * left behind may hold stderr open, do not wait for that. */
		if (pfd[0].fd == -1 && waitpid(pid, &status, WNOHANG) == pid) {
			reaped = true;
			break;
		}
		if (deadline) {
			int64_t left = deadline - monotonic_ms();

			if (left <= 0) {
				timed_out = true;
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
		for (int i = 0; i < 2; i++) {
			ssize_t r;

			if (pfd[i].fd == -1 || pfd[i].revents == 0)
				continue;
			r = read(pfd[i].fd, chunk, sizeof(chunk));
			if (r == -1 && errno == EINTR)
				continue;
			if (r <= 0) {
				close(pfd[i].fd);
				pfd[i].fd = -1;
				open_fds--;
				continue;
			}
			if (i == 1) {
				if (eb.len < STDERR_KEEP)
					buf_add(&eb, chunk, (size_t)r);
			} else if (b.len + (size_t)r > max) {
				too_long = true;        /* drain so the child does not block */
			} else {
				buf_add(&b, chunk, (size_t)r);
			}
		}
	}
	/* The group, and the command itself should it have no group of its
	 * own (setpgid refused by a syscall filter). */
	if (timed_out && kill(-pid, SIGKILL) == -1)
		kill(pid, SIGKILL);
	for (int i = 0; i < 2; i++)
		if (pfd[i].fd != -1)
			close(pfd[i].fd);
	/* The shell may be gone while a child of it keeps the pipes open (or
	 * the pipes closed early): the wait is bounded by the deadline too. */
	while (!reaped) {
		pid_t w = waitpid(pid, &status, deadline && !timed_out ? WNOHANG : 0);

		if (w == pid)
			break;
		if (w == -1 && errno == EINTR)
			continue;
		if (w == -1) {
			status = -1;
			break;
		}
		/* w == 0: still running after its pipes closed. */
		if (monotonic_ms() >= deadline) {
			timed_out = true;
			if (kill(-pid, SIGKILL) == -1)
				kill(pid, SIGKILL);
			continue;       /* now wait without WNOHANG */
		}
		poll(NULL, 0, 20);
	}
	if (timed_out || status == -1 || too_long || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		if (timed_out)
			why = xasprintf("timed out after %ds", timeout);
		else if (too_long)
			why = xasprintf("printed more than %zu bytes", max);
		else if (status != -1 && WIFSIGNALED(status))
			why = xasprintf("was killed by signal %d", WTERMSIG(status));
		else if (status != -1 && WEXITSTATUS(status) == 127)
			why = xstrdup("exited with status 127 (command not found?)");
		else if (status != -1)
			why = xasprintf("exited with status %d", WEXITSTATUS(status));
		else
			why = xstrdup("could not be waited for");
		said = first_line(&eb);
		if (said) {
			*err = xasprintf("%s (stderr: %s)", why, said);
			free(why);
		} else {
			*err = why;
		}
		free(said);
		wipe(b.data, b.cap);
		buf_free(&b);
		buf_free(&eb);
		return -1;
	}
	buf_free(&eb);
	if (b.len > 0 && b.data[b.len - 1] == '\n')
		b.data[--b.len] = '\0';
	if (b.len > 0 && b.data[b.len - 1] == '\r')
		b.data[--b.len] = '\0';
	*out = buf_steal(&b);
	return 0;
}

int
read_file(const char *path, size_t max, char **out, size_t *len)
{
	int fd, saved;
	struct buf b = { 0 };
	char chunk[8192];
	ssize_t n;

	*out = NULL;
	if (len)
		*len = 0;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd == -1)
		return -1;
	for (;;) {
		n = read(fd, chunk, sizeof(chunk));
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			saved = errno;
			goto fail;
		}
		if (n == 0)
			break;
		if (b.len + (size_t)n > max) {
			saved = EFBIG;
			goto fail;
		}
		buf_add(&b, chunk, (size_t)n);
	}
	close(fd);
	if (len)
		*len = b.len;
	*out = buf_steal(&b);
	return 0;
fail:
	close(fd);
	buf_free(&b);
	errno = saved;
	return -1;
}

int
parse_int64(const char *s, int64_t min, int64_t max, int64_t *out)
{
	char *end;
	long long v;

	if (s == NULL || *s == '\0')
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

/* ---- after a failed connection: why ---- */

/* A TCP connection to one address within timeout s: the fd, or -1 with
 * errno (ETIMEDOUT when no answer came). */
static int
net_try(const struct addrinfo *ai, int timeout)
{
	int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC,
	    ai->ai_protocol);
	struct pollfd pfd;
	int err = 0, r;
	socklen_t len = sizeof(err);

	if (fd < 0)
		return -1;
	if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0)
		return fd;
	if (errno != EINPROGRESS) {
		err = errno;
		goto fail;
	}
	pfd = (struct pollfd){ .fd = fd, .events = POLLOUT };
	do
		r = poll(&pfd, 1, timeout * 1000);
	while (r < 0 && errno == EINTR);
	if (r == 0)
		err = ETIMEDOUT;
	else if (r < 0)
		err = errno;
	else if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0)
		err = errno;
	if (err == 0)
		return fd;
fail:
	close(fd);
	errno = err;
	return -1;
}

int
net_open(const char *host, unsigned port, int timeout, char **why)
{
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM, .ai_flags = AI_ADDRCONFIG };
	struct addrinfo *res = NULL;
	char service[16];
	int r, fd = -1, err = 0;

	*why = NULL;
	snprintf(service, sizeof(service), "%u", port);
	r = getaddrinfo(host, service, &hints, &res);
	if (r != 0) {
		*why = xasprintf("cannot resolve %s: %s", host,
		    r == EAI_SYSTEM ? strerror(errno) : gai_strerror(r));
		return -1;
	}
	for (const struct addrinfo *ai = res; ai && fd < 0; ai = ai->ai_next)
		if ((fd = net_try(ai, timeout)) < 0)
			err = errno;
	freeaddrinfo(res);
	if (fd < 0)
		*why = err == ETIMEDOUT ?
		    xasprintf("cannot connect to %s:%u: no answer within %d s", host, port, timeout) :
		    xasprintf("cannot connect to %s:%u: %s", host, port, strerror(err));
	return fd;
}

int
net_set_keepalive(int fd)
{
	static const struct { int level, name, value; } opts[] = {
		{ SOL_SOCKET, SO_KEEPALIVE, 1 },
		{ IPPROTO_TCP, TCP_KEEPIDLE, NET_KEEPIDLE },
		{ IPPROTO_TCP, TCP_KEEPINTVL, NET_KEEPINTVL },
		{ IPPROTO_TCP, TCP_KEEPCNT, NET_KEEPCNT },
	};

	if (fd < 0) {
		errno = EBADF;
		return -1;
	}
	for (size_t i = 0; i < sizeof(opts) / sizeof(opts[0]); i++)
		if (setsockopt(fd, opts[i].level, opts[i].name, &opts[i].value,
		    sizeof(opts[i].value)) == -1)
			return -1;
	return 0;
}

char *
net_unreachable_reason(const char *host, unsigned port, int timeout)
{
	char *why = NULL;
	int fd = net_open(host, port, timeout, &why);

	if (fd >= 0)
		close(fd);
	return why;
}

bool
net_greets_in_plain_text(const char *host, unsigned port, int timeout)
{
	char *why = NULL, got[4];
	int fd = net_open(host, port, timeout, &why);
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	ssize_t n = 0;

	free(why);
	if (fd < 0)
		return false;
	if (poll(&pfd, 1, timeout * 1000) == 1)
		n = recv(fd, got, sizeof(got), 0);
	close(fd);
	/* "* OK", "* PREAUTH", "* BYE", "220 ", "421 ", "554 " */
	return n >= 3 && ((got[0] == '*' && got[1] == ' ') ||
	    (got[0] >= '1' && got[0] <= '5' && got[1] >= '0' && got[1] <= '9' &&
	     got[2] >= '0' && got[2] <= '9'));
}
