/* net: TCP connections of our own, to explain a library's failed one. */
#include "autoconfig.h"

#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "net.h"
#include "util.h"

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
