/* fakeimap: the scripted fake IMAP server of the unit tests (fakeimap.h). */
#include "autoconfig.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <signal.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <cmocka.h>

#include "fakeimap.h"
#include "util.h"

void
fake_send_reply(int fd, const char *reply, const char *tag)
{
	struct buf b = { 0 };

	for (const char *p = reply; *p; p++) {
		if (p[0] == '$' && p[1] == 'T') {
			buf_adds(&b, tag);
			p++;
		} else {
			buf_addc(&b, *p);
		}
	}
	if (b.len && write(fd, b.data, b.len) != (ssize_t)b.len)
		_exit(4);
	buf_free(&b);
}

bool
fake_read_line(int fd, char *line, size_t size)
{
	size_t n = 0;
	char c;

	for (;;) {
		ssize_t r = read(fd, &c, 1);
		if (r <= 0)
			return false;
		if (c == '\n')
			break;
		if (c != '\r' && n + 1 < size)
			line[n++] = c;
	}
	line[n] = '\0';
	return true;
}

static void
serve(int lfd, const struct step *steps)
{
	char line[4096], tag[64] = "*";
	int fd;

	alarm(20);
	fd = accept(lfd, NULL, NULL);
	if (fd < 0)
		_exit(5);
	for (const struct step *s = steps; s->expect || s->reply; s++) {
		if (s->expect != NULL) {
			if (!fake_read_line(fd, line, sizeof(line))) {
				fprintf(stderr, "fake: EOF, expected '%s'\n", s->expect);
				_exit(1);
			}
			const char *rest = line;
			if (s->expect[0] == '!') {
				if (strcmp(line, s->expect + 1) != 0) {
					fprintf(stderr, "fake: got '%s', expected '%s'\n", line, s->expect + 1);
					_exit(1);
				}
			} else {
				const char *sp = strchr(line, ' ');
				snprintf(tag, sizeof(tag), "%.*s", sp ? (int)(sp - line) : 0, line);
				rest = sp ? sp + 1 : "";
				if (strncasecmp(rest, s->expect, strlen(s->expect)) != 0) {
					fprintf(stderr, "fake: got '%s', expected '%s'\n", rest, s->expect);
					_exit(1);
				}
			}
		}
		if (s->delay_ms)
			usleep((useconds_t)s->delay_ms * 1000);
		if (s->reply)
			fake_send_reply(fd, s->reply, tag);
	}
	/* The script is over: only LOGOUT may follow. */
	while (fake_read_line(fd, line, sizeof(line))) {
		const char *sp = strchr(line, ' ');
		if (sp && strncasecmp(sp + 1, "LOGOUT", 6) == 0) {
			snprintf(tag, sizeof(tag), "%.*s", (int)(sp - line), line);
			fake_send_reply(fd, "* BYE bye\r\n$T OK done\r\n", tag);
			break;
		}
		fprintf(stderr, "fake: unexpected '%s' after the script\n", line);
		_exit(3);
	}
	close(fd);
	_exit(0);
}

struct fake
fake_start(const struct step *steps)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	socklen_t len = sizeof(sa);
	struct fake f;
	int lfd = socket(AF_INET, SOCK_STREAM, 0), one = 1;

	assert_true(lfd >= 0);
	setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(lfd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	assert_int_equal(listen(lfd, 1), 0);
	assert_int_equal(getsockname(lfd, (struct sockaddr *)&sa, &len), 0);
	f.port = ntohs(sa.sin_port);
	fflush(NULL);
	f.pid = fork();
	assert_true(f.pid >= 0);
	if (f.pid == 0)
		serve(lfd, steps);
	close(lfd);
	return f;
}

void
fake_check(struct fake f)
{
	int status;

	assert_int_equal(waitpid(f.pid, &status, 0), f.pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

struct imap *
fake_open_plain(unsigned port, enum imap_security sec, int timeout)
{
	struct imap_config cfg = {
		.host = "127.0.0.1", .port = port, .security = sec, .user = "jane",
		.secret = "secret", .auth = IMAP_AUTH_PLAIN, .timeout = timeout,
		.allow_insecure = true,
	};
	return imap_new(&cfg);
}
