/* sentcopy: keep a copy in Sent or leave that to the server (see sentcopy.h). */
#include "autoconfig.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sentcopy.h"
#include "util.h"

const int SENTCOPY_LOOKS[SENTCOPY_NLOOKS] = { 2, 5, 10, 20 };

void
sentcopy_parse(const char *text, struct sentcopy_memory *m)
{
	int n = 0;

	m->files = -1;
	m->misses = 0;
	if (text == NULL)
		return;
	if (strcmp(text, "files") == 0)
		m->files = 1;
	else if (strcmp(text, "appends") == 0)
		m->files = 0;
	else if (sscanf(text, "unknown %d", &n) == 1 && n > 0 && n < SENTCOPY_MISSES)
		m->misses = n;
}

const char *
sentcopy_format(const struct sentcopy_memory *m)
{
	static char out[32];

	if (m->files == 1)
		return "files";
	if (m->files == 0)
		return "appends";
	if (m->misses <= 0)
		return "unknown";
	snprintf(out, sizeof(out), "unknown %d", m->misses);
	return out;
}

char *
sentcopy_key(const char *imap_user, const char *imap_host, int imap_port,
    const char *smtp_host)
{
	return xasprintf("sent_copy:%s@%s:%d,%s", imap_user ? imap_user : "",
	    imap_host ? imap_host : "", imap_port, smtp_host ? smtp_host : "");
}

enum sentcopy_action
sentcopy_decide(enum config_sent_copy mode, bool gmail, const struct sentcopy_memory *m)
{
	switch (mode) {
	case CONFIG_SENT_COPY_YES:
		return SENTCOPY_APPEND;
	case CONFIG_SENT_COPY_NO:
		return SENTCOPY_SKIP;
	case CONFIG_SENT_COPY_AUTO:
		break;
	}
	if (gmail || m->files == 1)
		return SENTCOPY_SKIP;
	if (m->files == 0)
		return SENTCOPY_APPEND;
	return SENTCOPY_WATCH;
}

time_t
sentcopy_next_look(time_t sent_at, int looks_done)
{
	if (looks_done < 0)
		looks_done = 0;
	if (looks_done >= SENTCOPY_NLOOKS)
		return 0;
	return sent_at + SENTCOPY_LOOKS[looks_done];
}

bool
sentcopy_found(struct sentcopy_memory *m)
{
	bool changed = m->files != 1;

	m->files = 1;
	m->misses = 0;
	return changed;
}

bool
sentcopy_missed(struct sentcopy_memory *m)
{
	if (m->files != -1)
		return false;           /* already settled (another mail told) */
	if (++m->misses >= SENTCOPY_MISSES) {
		m->files = 0;
		m->misses = 0;
		return true;
	}
	return false;
}

char *
sentcopy_message_id(const char *data, size_t len)
{
	const char *p = data, *end = data + len;
	struct buf v = { 0 };
	bool in_id = false;
	char *lt, *gt, *out = NULL;

	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		const char *le = eol ? eol : end;
		size_t n = (size_t)(le - p);

		if (n > 0 && p[n - 1] == '\r')
			n--;
		if (n == 0)
			break;                  /* end of the header block */
		if (in_id && (p[0] == ' ' || p[0] == '\t')) {
			buf_addf(&v, "%.*s", (int)n, p);
		} else {
			if (in_id)
				break;
			if (n >= 11 && strncasecmp(p, "Message-ID:", 11) == 0) {
				in_id = true;
				buf_addf(&v, "%.*s", (int)(n - 11), p + 11);
			}
		}
		if (eol == NULL)
			break;
		p = eol + 1;
	}
	if (v.data && (lt = strchr(v.data, '<')) != NULL && (gt = strchr(lt, '>')) != NULL &&
	    gt > lt + 1) {
		bool ok = true;

		for (const char *c = lt + 1; c < gt; c++)
			if (isspace((unsigned char)*c) || (unsigned char)*c < 0x21 ||
			    (unsigned char)*c > 0x7e)
				ok = false;
		if (ok)
			out = xasprintf("%.*s", (int)(gt - lt + 1), lt);
	}
	buf_free(&v);
	return out;
}
