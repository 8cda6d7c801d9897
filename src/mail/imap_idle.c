/*
 * imap_idle: waiting for new mail on the selected folder, by NOOP or by
 * IDLE (RFC 2177; the caller's loop is drawn in imap.h).  While idling the
 * handle refuses every other command (imap_need_connection); the lines the
 * server sends are read here without libetpan's parser, which would wait
 * for a tagged answer: EXISTS or RECENT means new mail; BYE, a tagged line
 * or a broken connection closes it; literals are skipped up to
 * MAX_IDLE_LITERAL.
 *
 * The libetpan trap handled here: after mailimap_idle the server's
 * "* N EXISTS" may already sit in imap_stream->read_buffer, where poll()
 * cannot see it (imap_idle_has_data).
 */
#include "autoconfig.h"

#include <ctype.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libetpan/libetpan.h>

#include "imap.h"
#include "imap_p.h"
#include "util.h"

#define MAX_IDLE_LITERAL (4u << 20)

enum imap_result
imap_noop(struct imap *im, bool *new_mail)
{
	enum imap_result res = imap_need_connection(im, "NOOP");
	int r;

	if (new_mail)
		*new_mail = false;
	if (res != IMAP_OK)
		return res;
	if (im->s->imap_selection_info)
		im->s->imap_selection_info->sel_has_exists = 0;
	r = mailimap_noop(im->s);
	if (r != MAILIMAP_NO_ERROR)
		return imap_lib_fail(im, r, "NOOP");
	if (new_mail && im->s->imap_selection_info)
		*new_mail = im->s->imap_selection_info->sel_has_exists != 0;
	return IMAP_OK;
}

enum imap_result
imap_idle_start(struct imap *im)
{
	enum imap_result res = imap_need_selected(im, "IDLE");
	int r;

	if (res != IMAP_OK)
		return res;
	if (!mailimap_has_idle(im->s))
		return imap_fail(im, IMAP_PERMFAIL, false, "%s:%u does not support IDLE",
		    im->host, im->port);
	im->idle_exists = im->s->imap_selection_info ? im->s->imap_selection_info->sel_exists : 0;
	im->idle_expunged = 0;
	im->arrivals_valid = false;
	r = mailimap_idle(im->s);
	if (r != MAILIMAP_NO_ERROR)
		return imap_lib_fail(im, r, "IDLE");
	im->idling = true;
	return IMAP_OK;
}

bool
imap_idling(const struct imap *im)
{
	return im->idling;
}

int
imap_fd(const struct imap *im)
{
	if (im->s == NULL || im->s->imap_stream == NULL)
		return -1;
	return mailimap_idle_get_fd(im->s);
}

bool
imap_idle_has_data(const struct imap *im)
{
	return im->s != NULL && im->s->imap_stream != NULL &&
	    im->s->imap_stream->read_buffer_len > 0;
}

static bool
readable_now(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	return fd >= 0 && poll(&p, 1, 0) > 0;
}

/* "{123}" at the end of a line (before CRLF): the size of the literal that follows. */
static bool
line_literal(const char *s, size_t len, size_t *n)
{
	while (len > 0 && (s[len - 1] == '\n' || s[len - 1] == '\r'))
		len--;
	if (len < 3 || s[len - 1] != '}')
		return false;
	size_t i = len - 1, v = 0, mul = 1;
	while (i > 0 && isdigit((unsigned char)s[i - 1])) {
		i--;
		v += (size_t)(s[i] - '0') * mul;
		mul *= 10;
		if (mul > 100000000000ull)
			return false;
	}
	if (i == 0 || s[i - 1] != '{' || i == len - 1)
		return false;
	*n = v;
	return true;
}

/* Keep libetpan's count of the selection current with what IDLE says
 * (its parser does not see these lines), for imap_idle_arrivals. */
static void
idle_count(struct imap *im, const char *what, unsigned long n)
{
	struct mailimap_selection_info *sel = im->s->imap_selection_info;

	if (sel == NULL)
		return;
	if (strncasecmp(what, "EXISTS", 6) == 0 && n <= UINT32_MAX) {
		sel->sel_exists = (uint32_t)n;
		sel->sel_has_exists = 1;
	} else if (strncasecmp(what, "EXPUNGE", 7) == 0) {
		if (sel->sel_exists > 0)
			sel->sel_exists--;
		im->idle_expunged++;
	}
}

enum imap_result
imap_idle_read(struct imap *im, bool *new_mail)
{
	MMAPString *line;
	enum imap_result res = IMAP_OK;

	if (!im->idling || im->s == NULL)
		return IMAP_OK;
	line = mmap_string_new("");
	if (line == NULL)
		return imap_fail(im, IMAP_TEMPFAIL, true, "out of memory");
	for (int count = 0; count < 1000; count++) {
		size_t lit;
		char first[64];

		/* Only what is there: never wait for news here. */
		if (!imap_idle_has_data(im) && !readable_now(imap_fd(im)))
			break;
		mmap_string_truncate(line, 0);
		if (mailstream_read_line(im->s->imap_stream, line) == NULL || line->len == 0 ||
		    line->str[line->len - 1] != '\n') {
			res = imap_fail(im, IMAP_TEMPFAIL, true,
			    "IDLE: connection to %s:%u lost or timed out", im->host, im->port);
			break;
		}
		snprintf(first, sizeof(first), "%.*s", (int)(line->len < 63 ? line->len : 63), line->str);
		/* Skip literals (a FETCH of flags with one, say) and their continuation. */
		while (line_literal(line->str, line->len, &lit)) {
			char skip[4096];
			if (lit > MAX_IDLE_LITERAL) {
				res = imap_fail(im, IMAP_TEMPFAIL, true, "IDLE: oversized literal from server");
				goto out;
			}
			while (lit > 0) {
				size_t want = lit < sizeof(skip) ? lit : sizeof(skip);
				ssize_t got = mailstream_read(im->s->imap_stream, skip, want);
				if (got <= 0) {
					res = imap_fail(im, IMAP_TEMPFAIL, true,
					    "IDLE: connection to %s:%u lost or timed out", im->host, im->port);
					goto out;
				}
				lit -= (size_t)got;
			}
			mmap_string_truncate(line, 0);
			if (mailstream_read_line(im->s->imap_stream, line) == NULL || line->len == 0) {
				res = imap_fail(im, IMAP_TEMPFAIL, true,
				    "IDLE: connection to %s:%u lost or timed out", im->host, im->port);
				goto out;
			}
		}
		if (first[0] == '+')
			continue;
		if (first[0] != '*') {
			res = imap_fail(im, IMAP_TEMPFAIL, true, "IDLE ended by the server: %s", first);
			break;
		}
		const char *p = first + 1;
		while (*p == ' ')
			p++;
		if (strncasecmp(p, "BYE", 3) == 0) {
			res = imap_fail(im, IMAP_TEMPFAIL, true, "%s:%u closed the connection: %s",
			    im->host, im->port, first);
			break;
		}
		if (isdigit((unsigned char)*p)) {
			unsigned long n = strtoul(p, NULL, 10);

			while (isdigit((unsigned char)*p))
				p++;
			while (*p == ' ')
				p++;
			if (strncasecmp(p, "EXISTS", 6) == 0 || strncasecmp(p, "RECENT", 6) == 0) {
				if (new_mail)
					*new_mail = true;
			}
			idle_count(im, p, n);
		}
		/* "* OK Still here", FETCH flags: nothing to do (EXISTS and
		 * EXPUNGE are counted above, idle_count). */
	}
out:
	mmap_string_free(line);
	return res;
}

enum imap_result
imap_idle_done(struct imap *im, bool *new_mail)
{
	int r;

	if (!im->idling || im->s == NULL)
		return IMAP_OK;
	im->idling = false;
	r = mailimap_idle_done(im->s);
	if (r != MAILIMAP_NO_ERROR)
		return imap_lib_fail(im, r, "IDLE DONE");
	if (new_mail && im->s->imap_selection_info &&
	    im->s->imap_selection_info->sel_has_exists)
		*new_mail = true;
	im->arrivals_valid = im->s->imap_selection_info != NULL;
	return IMAP_OK;
}

long
imap_idle_arrivals(const struct imap *im)
{
	const struct mailimap_selection_info *sel;
	int64_t n;

	if (!im->arrivals_valid || im->s == NULL || (sel = im->s->imap_selection_info) == NULL)
		return -1;
	/* EXISTS that came with the answer to a later command count too. */
	n = (int64_t)sel->sel_exists + im->idle_expunged - im->idle_exists;
	return n > 0 ? (long)n : 0;
}
